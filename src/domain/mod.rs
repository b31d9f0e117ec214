//! Domain types and rules: customers, contacts, users and their validation.
//! Nothing here touches the disk, the database or the screen.

pub mod calendar;
pub mod competitor;
pub mod contract;
pub mod credit_code;
pub mod customer;
pub mod feedback;
pub mod fields;
pub mod money;
pub mod news;
pub mod pinyin;
pub mod records;
pub mod reports;
pub mod rmb;
pub mod settings;
pub mod text;
pub mod user;
pub mod validate;
pub mod value;
pub mod workbench;

pub use customer::{
    BulkField, CUSTOMER_FIELDS, Contact, ContactField, Customer, CustomerCategory, CustomerField,
    CustomerKind, CustomerStatus, Grade,
};
pub use user::{Role, User};
pub use validate::{Field, FieldError, Problem};
