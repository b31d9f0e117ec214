//! Customers (客户信息) and their contact people (联系人).

use serde::{Deserialize, Serialize};

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident default $def:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }
        impl Default for $name { fn default() -> Self { $name::$def } }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable code stored in the database.
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            pub fn from_code(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

code_enum!(
    /// 企业 / 个人.
    CustomerKind default Enterprise { Enterprise = "enterprise", Individual = "individual" }
);
code_enum!(
    /// 最终客户 / 分销商 / 合作伙伴 / 潜在客户.
    CustomerCategory default EndCustomer { EndCustomer = "end", Distributor = "distributor", Partner = "partner", Prospect = "prospect" }
);
code_enum!(
    /// 客户等级 A/B/C/D.
    Grade default C { A = "A", B = "B", C = "C", D = "D" }
);
code_enum!(
    /// 正常 / 流失.
    CustomerStatus default Active { Active = "active", Lost = "lost" }
);

/// The fields 批量修改 sets on many customers at once: the ones a firm changes for a
/// whole group (a departing salesperson's customers handed to another, a new grading,
/// customers found lost).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BulkField {
    Owner,
    Grade,
    Category,
    Industry,
    Status,
    Source,
}

impl BulkField {
    pub const ALL: [BulkField; 6] = [
        BulkField::Owner,
        BulkField::Grade,
        BulkField::Category,
        BulkField::Industry,
        BulkField::Status,
        BulkField::Source,
    ];

    /// The stored column (one of [`CUSTOMER_FIELDS`]).
    pub fn column(self) -> &'static str {
        match self {
            BulkField::Owner => "owner",
            BulkField::Grade => "grade",
            BulkField::Category => "category",
            BulkField::Industry => "industry",
            BulkField::Status => "status",
            BulkField::Source => "source",
        }
    }

    pub fn from_column(column: &str) -> Option<BulkField> {
        BulkField::ALL.into_iter().find(|f| f.column() == column)
    }

    /// True for the free-text fields, which may also be emptied (a customer with no
    /// salesperson for now); the others take one of their codes.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            BulkField::Owner | BulkField::Industry | BulkField::Source
        )
    }
}

/// The sources offered when the editable list is empty (展会, 网站, 介绍, 电话, 其他).
pub const DEFAULT_SOURCES: [&str; 5] = ["展会", "网站", "介绍", "电话", "其他"];

/// One customer with its contacts, as the form edits it and the store saves it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: Option<i64>,
    /// Customer code such as KH000123; left empty, the store numbers it.
    pub code: String,
    pub name: String,
    pub kind: CustomerKind,
    pub category: CustomerCategory,
    pub industry: String,
    pub grade: Grade,
    pub source: String,
    pub province: String,
    pub city: String,
    pub address: String,
    pub postal_code: String,
    pub phone: String,
    pub mobile: String,
    pub fax: String,
    pub email: String,
    pub website: String,
    pub credit_code: String,
    pub owner: String,
    pub status: CustomerStatus,
    pub credit_limit_fen: i64,
    pub notes: String,
    /// 建档日期: the date the customer was first recorded (ISO, or empty until saved;
    /// a new customer gets the day it is saved, an import the date its file gives).
    pub recorded_on: String,
    pub contacts: Vec<Contact>,
}

/// A contact person at a customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: Option<i64>,
    pub name: String,
    pub title: String,
    pub phone: String,
    pub mobile: String,
    pub email: String,
    /// ISO date (YYYY-MM-DD) or empty.
    pub birthday: String,
    pub is_primary: bool,
    pub notes: String,
}

/// Customer columns in the order the store writes them (and the change log names them).
pub const CUSTOMER_FIELDS: [&str; 22] = [
    "code",
    "name",
    "kind",
    "category",
    "industry",
    "grade",
    "source",
    "province",
    "city",
    "address",
    "postal_code",
    "phone",
    "mobile",
    "fax",
    "email",
    "website",
    "credit_code",
    "owner",
    "status",
    "credit_limit_fen",
    "notes",
    "recorded_on",
];

/// Contact columns in the order the store writes them.
pub const CONTACT_FIELDS: [&str; 8] = [
    "name",
    "title",
    "phone",
    "mobile",
    "email",
    "birthday",
    "is_primary",
    "notes",
];

impl Customer {
    /// Each stored column with its value as text, in [`CUSTOMER_FIELDS`] order. The store
    /// writes these and compares them to write the change log.
    pub fn column_values(&self) -> [String; 22] {
        [
            self.code.clone(),
            self.name.clone(),
            self.kind.code().into(),
            self.category.code().into(),
            self.industry.clone(),
            self.grade.code().into(),
            self.source.clone(),
            self.province.clone(),
            self.city.clone(),
            self.address.clone(),
            self.postal_code.clone(),
            self.phone.clone(),
            self.mobile.clone(),
            self.fax.clone(),
            self.email.clone(),
            self.website.clone(),
            self.credit_code.clone(),
            self.owner.clone(),
            self.status.code().into(),
            self.credit_limit_fen.to_string(),
            self.notes.clone(),
            self.recorded_on.clone(),
        ]
    }

    /// One stored column's value as text (as [`Self::column_values`] gives it), or None
    /// for an unknown column.
    pub fn column(&self, column: &str) -> Option<String> {
        let i = CUSTOMER_FIELDS.iter().position(|f| *f == column)?;
        Some(self.column_values()[i].clone())
    }

    /// Sets one stored column from its text form (the inverse of [`Self::column_values`]),
    /// for putting back an old value from the change log. False for an unknown column or
    /// a value that does not parse.
    pub fn set_column(&mut self, column: &str, value: &str) -> bool {
        let v = value.to_string();
        match column {
            "code" => self.code = v,
            "name" => self.name = v,
            "kind" => match CustomerKind::from_code(value) {
                Some(k) => self.kind = k,
                None => return false,
            },
            "category" => match CustomerCategory::from_code(value) {
                Some(k) => self.category = k,
                None => return false,
            },
            "industry" => self.industry = v,
            "grade" => match Grade::from_code(value) {
                Some(g) => self.grade = g,
                None => return false,
            },
            "source" => self.source = v,
            "province" => self.province = v,
            "city" => self.city = v,
            "address" => self.address = v,
            "postal_code" => self.postal_code = v,
            "phone" => self.phone = v,
            "mobile" => self.mobile = v,
            "fax" => self.fax = v,
            "email" => self.email = v,
            "website" => self.website = v,
            "credit_code" => self.credit_code = v,
            "owner" => self.owner = v,
            "status" => match CustomerStatus::from_code(value) {
                Some(st) => self.status = st,
                None => return false,
            },
            "credit_limit_fen" => match value.parse() {
                Ok(n) => self.credit_limit_fen = n,
                Err(_) => return false,
            },
            "notes" => self.notes = v,
            "recorded_on" => self.recorded_on = v,
            _ => return false,
        }
        true
    }

    /// Trims every text field and normalises the ones with a canonical form
    /// (credit code upper-case, postal code half-width). Called before validating and saving.
    pub fn tidy(&mut self) {
        use crate::domain::text::{fold_width, tidy};
        for f in [
            &mut self.code,
            &mut self.name,
            &mut self.industry,
            &mut self.source,
            &mut self.province,
            &mut self.city,
            &mut self.address,
            &mut self.owner,
            &mut self.website,
            &mut self.recorded_on,
        ] {
            *f = tidy(f);
        }
        for f in [
            &mut self.postal_code,
            &mut self.phone,
            &mut self.mobile,
            &mut self.fax,
            &mut self.email,
        ] {
            *f = tidy(&fold_width(f));
        }
        self.credit_code = tidy(&fold_width(&self.credit_code)).to_ascii_uppercase();
        self.notes = self.notes.trim_end().to_string();
        for c in &mut self.contacts {
            c.tidy();
        }
    }

    /// Columns the store derives from the name: the key uniqueness is checked on, and
    /// the pinyin key the list sorts by (北京… before 上海…, as a Chinese reader expects).
    pub fn derived_values(&self) -> [String; 2] {
        [
            crate::domain::text::name_key(&self.name),
            crate::domain::pinyin::sort_key(&self.name),
        ]
    }

    /// The primary contact, or the first one.
    pub fn primary_contact(&self) -> Option<&Contact> {
        self.contacts
            .iter()
            .find(|c| c.is_primary)
            .or(self.contacts.first())
    }
}

/// One imported row's values for a customer: stored-column name → stored text form,
/// only for the fields the file (or a fixed value) provides.
pub type FieldValues = Vec<(&'static str, String)>;

impl Customer {
    /// Writes `values` into the customer and returns what changed (column, old, new).
    /// With `overwrite` false only empty fields are filled (a second row of the same
    /// customer in one file adds to it but does not fight the first row).
    pub fn apply(
        &mut self,
        values: &[(&'static str, String)],
        overwrite: bool,
    ) -> Vec<(&'static str, String, String)> {
        let mut changes = Vec::new();
        let before = self.column_values();
        for (col, v) in values {
            if v.is_empty() {
                continue;
            }
            let Some(i) = CUSTOMER_FIELDS.iter().position(|f| f == col) else {
                continue;
            };
            let empty = before[i].is_empty() || (*col == "credit_limit_fen" && before[i] == "0");
            if (overwrite || empty) && before[i] != *v && self.set_column(col, v) {
                changes.push((*col, before[i].clone(), v.clone()));
            }
        }
        changes
    }

    /// Adds a contact, or fills in the one with the same name. The first contact
    /// becomes the primary one. True when anything changed.
    pub fn merge_contact(&mut self, incoming: &Contact, overwrite: bool) -> bool {
        let key = crate::domain::text::name_key(&incoming.name);
        if let Some(c) = self
            .contacts
            .iter_mut()
            .find(|c| crate::domain::text::name_key(&c.name) == key)
        {
            let mut changed = false;
            for (i, f) in CONTACT_FIELDS.iter().enumerate() {
                if matches!(*f, "name" | "is_primary") {
                    continue;
                }
                let new = &incoming.column_values()[i];
                let old = &c.column_values()[i];
                if !new.is_empty() && new != old && (overwrite || old.is_empty()) {
                    c.set_column(f, new);
                    changed = true;
                }
            }
            return changed;
        }
        let mut c = incoming.clone();
        c.id = None;
        c.is_primary = self.contacts.is_empty();
        self.contacts.push(c);
        true
    }
}

impl Contact {
    pub fn column_values(&self) -> [String; 8] {
        [
            self.name.clone(),
            self.title.clone(),
            self.phone.clone(),
            self.mobile.clone(),
            self.email.clone(),
            self.birthday.clone(),
            if self.is_primary { "1" } else { "0" }.into(),
            self.notes.clone(),
        ]
    }

    /// Sets one stored column from its text form; false for an unknown column.
    pub fn set_column(&mut self, column: &str, value: &str) -> bool {
        let v = value.to_string();
        match column {
            "name" => self.name = v,
            "title" => self.title = v,
            "phone" => self.phone = v,
            "mobile" => self.mobile = v,
            "email" => self.email = v,
            "birthday" => self.birthday = v,
            "is_primary" => self.is_primary = value == "1",
            "notes" => self.notes = v,
            _ => return false,
        }
        true
    }

    pub fn tidy(&mut self) {
        use crate::domain::text::{fold_width, tidy};
        self.name = tidy(&self.name);
        self.title = tidy(&self.title);
        self.phone = tidy(&fold_width(&self.phone));
        self.mobile = tidy(&fold_width(&self.mobile));
        self.email = tidy(&fold_width(&self.email));
        self.birthday = tidy(&fold_width(&self.birthday));
        self.notes = self.notes.trim_end().to_string();
    }
}
