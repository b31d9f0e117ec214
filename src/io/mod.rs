//! Files in and out: reading old spreadsheets ([`read`]), mapping their columns to our
//! fields ([`mapping`]), cleaning what Excel did to the cells ([`cells`]), planning and
//! committing an import ([`import`]) and exporting lists ([`export`]).
//! Nothing here draws; the store is called for everything that touches the database.

pub mod cells;
pub mod export;
pub mod import;
pub mod mapping;
pub mod print;
pub mod read;
pub mod records;
pub mod report_book;
pub mod report_tables;
pub mod reports;
pub mod text;
