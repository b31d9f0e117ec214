//! The fields an import column can fill: the customer's and its contact's, as declared
//! in `domain::customer` (header, aliases, stored column), and the parts of a name.

use super::*;
use crate::domain::{ContactField, CustomerField, fields::NOT_IN_FILES};

/// A field an import column can fill: the customer's own fields, then its contact's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Ignore,
    Customer(CustomerField),
    Contact(ContactField),
    /// Parts of a person's name in columns of their own (姓 / 名, First / Last Name),
    /// joined into the person's name: see [`Mapping::person_target`].
    FamilyName,
    GivenName,
    MiddleName,
    NameSuffix,
}

static ALL: std::sync::LazyLock<Vec<Target>> = std::sync::LazyLock::new(|| {
    use crate::domain::fields::ADDED_LATER;
    let customer = |later: bool| {
        CustomerField::ALL
            .iter()
            .filter(move |f| f.def().has(ADDED_LATER) == later)
            .map(|f| Target::Customer(*f))
    };
    let contact = |later: bool| {
        ContactField::ALL
            .iter()
            .filter(move |f| !f.def().has(NOT_IN_FILES) && f.def().has(ADDED_LATER) == later)
            .map(|f| Target::Contact(*f))
    };
    std::iter::once(Target::Ignore)
        .chain(customer(false))
        .chain(contact(false))
        // Added later: after the columns an export already had, so that a script
        // reading an export by position finds them where they were.
        .chain(customer(true))
        .chain(contact(true))
        .chain(Target::NAME_PARTS)
        .collect()
});

impl Target {
    /// Every target in order: ignore, the customer's fields, the contact's, the
    /// customer's fields added later, the parts of a name. Exports write their columns
    /// in this order and automatic mapping tries the fields in it.
    pub fn all() -> &'static [Target] {
        &ALL
    }

    /// The four parts of a person's name, in the order a Chinese name is written.
    pub const NAME_PARTS: [Target; 4] = [
        Target::FamilyName,
        Target::GivenName,
        Target::MiddleName,
        Target::NameSuffix,
    ];

    /// A part of a person's name: it fills no field of its own (so it is never exported,
    /// printed or given a fixed value) but is joined into the name.
    pub fn is_name_part(self) -> bool {
        Target::NAME_PARTS.contains(&self)
    }

    /// The stored customer column this fills (see `CUSTOMER_FIELDS`), if a customer one.
    pub fn customer_column(self) -> Option<&'static str> {
        match self {
            Target::Customer(f) => Some(f.column()),
            _ => None,
        }
    }

    /// The stored contact column this fills, if a contact one.
    pub fn contact_column(self) -> Option<&'static str> {
        match self {
            Target::Contact(f) => Some(f.column()),
            _ => None,
        }
    }

    /// A stable name for saved mappings, the command line and export headers' keys.
    pub fn key(self) -> &'static str {
        match self {
            Target::Ignore => "ignore",
            Target::Customer(f) => f.def().key,
            Target::Contact(f) => f.def().key,
            Target::FamilyName => "family_name",
            Target::GivenName => "given_name",
            Target::MiddleName => "middle_name",
            Target::NameSuffix => "name_suffix",
        }
    }

    pub fn from_key(k: &str) -> Option<Target> {
        Target::all().iter().copied().find(|t| t.key() == k)
    }

    /// The header written on export and recognised first on import.
    pub fn header(self) -> &'static str {
        match self {
            Target::Ignore => "",
            Target::Customer(f) => f.def().header,
            Target::Contact(f) => f.def().header,
            Target::FamilyName => "姓",
            Target::GivenName => "名",
            Target::MiddleName => "中间名",
            Target::NameSuffix => "姓名后缀",
        }
    }

    /// Header names (normalised: lower case, no spaces, `_` or `-`) that mean this field.
    pub(super) fn aliases(self) -> &'static [&'static str] {
        match self {
            Target::Ignore => &[],
            Target::Customer(f) => f.def().aliases,
            Target::Contact(f) => f.def().aliases,
            Target::FamilyName => &["姓", "姓氏", "lastname", "familyname", "surname"],
            Target::GivenName => &["名", "名字", "firstname", "givenname", "forename"],
            Target::MiddleName => &["中间名", "middlename", "additionalname"],
            Target::NameSuffix => &["姓名后缀", "suffix", "namesuffix"],
        }
    }

    /// A field with a fixed set of values (客户类型, 客户等级 …).
    pub fn is_choice(self) -> bool {
        matches!(self, Target::Customer(f)
            if matches!(f.def().value, crate::domain::fields::Value::Choice(_)))
    }

    /// The name a saved mapping file writes: the key in CamelCase (contact_name →
    /// ContactName), as mapping files have always spelt it.
    fn saved_name(self) -> String {
        self.key()
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect()
    }

    fn from_saved_name(s: &str) -> Option<Target> {
        Target::from_key(s).or_else(|| Target::all().iter().copied().find(|t| t.saved_name() == s))
    }
}

impl Serialize for Target {
    fn serialize<Ser: serde::Serializer>(&self, s: Ser) -> Result<Ser::Ok, Ser::Error> {
        s.serialize_str(&self.saved_name())
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Target, D::Error> {
        let s = String::deserialize(d)?;
        Target::from_saved_name(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown field {s}")))
    }
}
