//! Field definitions: each field of a record kind declared once, with everything the
//! rest of the program needs to know about it.
//!
//! A declaration gives the stored column, the names (export header, form label, English
//! label, import aliases), the kind of value (which decides how it is tidied, checked,
//! shown and read from a cell) and flags (required, searched, bulk-changeable). Import
//! mapping, validation, the change log, export and print columns, bulk change and the
//! form's labels and messages all read the table; see `customer::CustomerField`.

use std::borrow::Cow;

use super::validate::{
    Problem, email_ok, has_control, mobile_ok, parse_date, phone_ok, website_ok,
};

/// How a field's value is kept, tidied, checked and shown. The stored form is always
/// text here (numbers as digits, dates as ISO, choices as their codes).
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// Free text up to `max` characters; `one_line` refuses line breaks (names, codes).
    Text {
        max: usize,
        one_line: bool,
    },
    /// Long free text (notes): line breaks kept, up to 20,000 characters.
    Notes,
    /// One of a fixed set of codes; the function reads a word from a file or a code
    /// (企业, 个人, A级, lost …) into its code.
    Choice(fn(&str) -> Option<&'static str>),
    Phone,
    Mobile,
    Email,
    Website,
    /// Six digits.
    PostalCode,
    /// 统一社会信用代码, upper case, with its check character.
    CreditCode,
    /// A date (ISO) not after today.
    PastDate,
    /// A date (ISO), past or future.
    Date,
    /// A birthday: a date (ISO) or, the year unknown, a month and day (08-15); its
    /// numbers may be a lunar date (a contact's 生日历法 says which).
    Birthday,
    /// Money in fen, not negative; shown and typed in yuan.
    Money,
    /// A whole number of days from 0 to `max`; empty means "not set".
    Days {
        max: i64,
    },
    /// Yes or no, stored as 1 or 0.
    Flag,
}

pub const MAX_SHORT: usize = 100;
pub const MAX_LONG: usize = 300;
pub const MAX_NOTES: usize = 20_000;

impl Value {
    /// Kept as a number in the database (an INTEGER column; empty is NULL).
    pub fn is_number(self) -> bool {
        matches!(self, Value::Money | Value::Days { .. })
    }

    /// The canonical form of what was typed or read: trimmed, full-width digits and
    /// letters folded where the field is digits or an address, dates as ISO.
    pub fn tidy(self, s: &str) -> String {
        use super::text::{fold_width, tidy};
        match self {
            Value::Notes => s.trim_end().to_string(),
            Value::Phone | Value::Mobile | Value::Email | Value::PostalCode => tidy(&fold_width(s)),
            // A date is kept as ISO (2026/3/5 and 2026年3月5日 become 2026-03-05), so
            // that it compares and sorts as text; what does not read stays for the check.
            Value::PastDate | Value::Date => {
                let t = tidy(&fold_width(s));
                parse_date(&t)
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or(t)
            }
            Value::CreditCode => tidy(&fold_width(s)).to_ascii_uppercase(),
            Value::Birthday => match super::calendar::birthday_parts(s) {
                Some((y, m, d)) => super::calendar::birthday_text(y, m, d),
                None => tidy(&fold_width(s)),
            },
            _ => tidy(s),
        }
    }

    /// What is wrong with a stored, tidied, non-empty value, if anything.
    pub fn check(self, s: &str, today: chrono::NaiveDate) -> Option<Problem> {
        let too_long = |max: usize| (s.chars().count() > max).then_some(Problem::TooLong(max));
        match self {
            Value::Text { max, one_line } => {
                if one_line && has_control(s) {
                    Some(Problem::LineBreak)
                } else {
                    too_long(max)
                }
            }
            Value::Notes => too_long(MAX_NOTES),
            // The record holds one of its codes: nothing to refuse.
            Value::Choice(_) | Value::Flag => None,
            Value::Phone => (!phone_ok(s)).then_some(Problem::BadPhone),
            Value::Mobile => (!mobile_ok(s)).then_some(Problem::BadMobile),
            Value::Email => (!email_ok(s)).then_some(Problem::BadEmail),
            Value::Website => {
                if has_control(s) {
                    Some(Problem::LineBreak)
                } else if let Some(p) = too_long(MAX_LONG) {
                    Some(p)
                } else {
                    (!website_ok(s)).then_some(Problem::BadWebsite)
                }
            }
            Value::PostalCode => {
                let ok = s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit());
                (!ok).then_some(Problem::BadPostalCode)
            }
            Value::CreditCode => {
                use super::credit_code::{CreditCodeError, check};
                match check(s) {
                    Ok(_) => None,
                    Err(CreditCodeError::Length) => Some(Problem::CreditCodeLength),
                    Err(CreditCodeError::BadChar) => Some(Problem::CreditCodeChar),
                    Err(CreditCodeError::CheckChar) => Some(Problem::CreditCodeCheck),
                }
            }
            Value::Date => parse_date(s).is_none().then_some(Problem::BadDate),
            // Which calendar's day it must be is the contact's rule (validate_contact).
            Value::Birthday => match super::calendar::birthday_parts(s) {
                None => Some(Problem::BadDate),
                Some((Some(y), _, _)) if y > chrono::Datelike::year(&today) => {
                    Some(Problem::FutureDate)
                }
                Some(_) => None,
            },
            Value::PastDate => match parse_date(s) {
                None => Some(Problem::BadDate),
                Some(d) if d > today => Some(Problem::FutureDate),
                Some(_) => None,
            },
            Value::Money => match s.parse::<i64>() {
                Ok(n) if n < 0 => Some(Problem::Negative),
                Ok(_) => None,
                Err(_) => Some(Problem::BadAmount),
            },
            Value::Days { max } => match s.parse::<i64>() {
                Ok(n) if (0..=max).contains(&n) => None,
                _ => Some(Problem::OutOfRange(0, max)),
            },
        }
    }

    /// A stored value as a person reads and types it (fen as yuan, 5000000 → 50000.00).
    pub fn show(self, stored: &str) -> String {
        match self {
            Value::Money => stored
                .parse()
                .map(super::money::fen_to_plain)
                .unwrap_or_else(|_| stored.to_string()),
            _ => stored.to_string(),
        }
    }

    /// What a person typed into the form, as the stored form; an empty amount is 0 and
    /// empty days "not set".
    pub fn read_typed(self, typed: &str) -> Result<String, Problem> {
        let t = super::text::fold_width(typed.trim());
        match self {
            Value::Money if t.is_empty() => Ok("0".into()),
            Value::Money => super::money::parse_yuan(&t)
                .map(|f| f.to_string())
                .ok_or(Problem::BadAmount),
            Value::Days { max } if !t.is_empty() => match t.parse::<i64>() {
                Ok(n) if (0..=max).contains(&n) => Ok(n.to_string()),
                _ => Err(Problem::OutOfRange(0, max)),
            },
            _ => Ok(t),
        }
    }

    /// True for the value that means "nothing here" (an empty text, a zero amount):
    /// an import's second row of a customer may fill it in.
    pub fn is_blank(self, stored: &str) -> bool {
        stored.is_empty() || (matches!(self, Value::Money) && stored == "0")
    }
}

/// Must be filled in.
pub const REQUIRED: u8 = 1;
/// Read by the customer search (a change to it re-indexes the customer).
pub const SEARCHED: u8 = 2;
/// Offered by 批量修改.
pub const BULK: u8 = 4;
/// Added after the first export format: exported after the contact columns, so that a
/// script reading an export by position finds the older columns where they were.
pub const ADDED_LATER: u8 = 8;
/// Not read from or written to files (the contact's "main contact" mark).
pub const NOT_IN_FILES: u8 = 16;

/// One field of the record type `R`.
pub struct FieldDef<R: 'static> {
    /// The database column, and the field's name in the change log.
    pub column: &'static str,
    /// The name saved mappings and the command line use (usually the column).
    pub key: &'static str,
    /// The column header an export writes and an import recognises first (Chinese).
    pub header: &'static str,
    /// Its name on the form and in messages.
    pub label: &'static str,
    /// Its name in English (form, mapping and messages).
    pub en: &'static str,
    /// Other headers that mean this field (normalised: lower case, no spaces, `_`, `-`).
    pub aliases: &'static [&'static str],
    pub value: Value,
    pub flags: u8,
    /// The stored text form of the field's value (borrowed where the record holds it
    /// as text: validating and comparing a row copies nothing).
    pub get: for<'a> fn(&'a R) -> Cow<'a, str>,
    /// Sets the field from its stored text form; false when it does not parse.
    pub set: fn(&mut R, String) -> bool,
}

impl<R> FieldDef<R> {
    pub const fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// The field's problem in `r` (already tidied), if any: required and empty, or a
    /// value its kind refuses.
    pub fn problem(&self, r: &R, today: chrono::NaiveDate) -> Option<Problem> {
        let v = (self.get)(r);
        if v.is_empty() {
            return self.has(REQUIRED).then_some(Problem::Required);
        }
        self.value.check(&v, today)
    }

    /// Tidies the field in place.
    pub fn tidy(&self, r: &mut R) {
        let v = (self.get)(r);
        let t = self.value.tidy(&v);
        if t != v {
            (self.set)(r, t);
        }
    }
}

/// The pieces of a declaration, for the tables in `customer.rs`: the accessors of a
/// field of `R` by name, as stored text.
#[macro_export]
#[doc(hidden)]
macro_rules! text_field {
    ($r:ty, $f:ident) => {
        (
            |r: &$r| std::borrow::Cow::Borrowed(r.$f.as_str()),
            |r: &mut $r, v: String| {
                r.$f = v;
                true
            },
        )
    };
}

/// The accessors of a field holding one of a code enum's values.
#[macro_export]
#[doc(hidden)]
macro_rules! choice_field {
    ($r:ty, $f:ident, $e:ty) => {
        (
            |r: &$r| std::borrow::Cow::Borrowed(r.$f.code()),
            |r: &mut $r, v: String| match <$e>::from_code(&v) {
                Some(x) => {
                    r.$f = x;
                    true
                }
                None => false,
            },
        )
    };
}

/// The accessors of a number field (`i64`, or `Option<i64>` with `optional`).
#[macro_export]
#[doc(hidden)]
macro_rules! number_field {
    ($r:ty, $f:ident) => {
        (
            |r: &$r| std::borrow::Cow::Owned(r.$f.to_string()),
            |r: &mut $r, v: String| match v.parse() {
                Ok(n) => {
                    r.$f = n;
                    true
                }
                Err(_) => false,
            },
        )
    };
    ($r:ty, $f:ident, optional) => {
        (
            |r: &$r| std::borrow::Cow::Owned(r.$f.map(|n| n.to_string()).unwrap_or_default()),
            |r: &mut $r, v: String| {
                if v.is_empty() {
                    r.$f = None;
                    return true;
                }
                match v.parse() {
                    Ok(n) => {
                        r.$f = Some(n);
                        true
                    }
                    Err(_) => false,
                }
            },
        )
    };
}

/// Declares a record kind's fields: an enum of them (in table order, which is the
/// stored column order) and the table of their definitions.
#[macro_export]
#[doc(hidden)]
macro_rules! field_table {
    ($(#[$em:meta])* $record:ty, $name:ident, $table:ident {
        $($(#[$m:meta])* $variant:ident => $def:expr),+ $(,)?
    }) => {
        $(#[$em])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$m])* $variant),+ }

        #[doc = concat!("The definitions, in [`", stringify!($name), "`] order.")]
        pub static $table: &[$crate::domain::fields::FieldDef<$record>] = &[$($def),+];

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn def(self) -> &'static $crate::domain::fields::FieldDef<$record> {
                &$table[self as usize]
            }

            /// The field stored in `column`.
            pub fn from_column(column: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|f| f.def().column == column)
            }

            pub fn column(self) -> &'static str {
                self.def().column
            }
        }
    };
}

/// A field's reader and writer of its stored text form.
pub type Access<R> = (
    for<'a> fn(&'a R) -> Cow<'a, str>,
    fn(&mut R, String) -> bool,
);

/// A field definition with the usual defaults (key = column, no aliases, no flags).
pub const fn field<R>(
    column: &'static str,
    header: &'static str,
    label: &'static str,
    en: &'static str,
    value: Value,
    access: Access<R>,
) -> FieldDef<R> {
    FieldDef {
        column,
        key: column,
        header,
        label,
        en,
        aliases: &[],
        value,
        flags: 0,
        get: access.0,
        set: access.1,
    }
}

impl<R> FieldDef<R> {
    pub const fn aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }

    pub const fn flags(mut self, flags: u8) -> Self {
        self.flags = flags;
        self
    }

    pub const fn key(mut self, key: &'static str) -> Self {
        self.key = key;
        self
    }
}
