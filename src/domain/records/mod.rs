//! The four kinds of record besides customers — 交往反馈 feedback, 合同信息 contracts,
//! 竞争对手 competitors and 业界动态 news — and each one's fields as a file holds them:
//! the Chinese header an export writes, the header names a file may use for it (so an
//! export imports back, and so do the firm's own sheets), and how its cells are read.
//! `io::records` reads and writes files with these; `store` keeps each kind in the
//! table named by [`RecordKind::key`]; the UI shows one tab per kind.
//!
//! A field's declaration also says how the record keeps it (its reader and writer, so
//! import, update and export need no list of their own) and what it must be (required,
//! a length, a date), which is the kind's validation bar the rules across fields.

use super::validate::{Problem, parse_date};

/// The four kinds of record besides customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RecordKind {
    Feedback,
    Contracts,
    Competitors,
    News,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Feedback,
        RecordKind::Contracts,
        RecordKind::Competitors,
        RecordKind::News,
    ];

    /// Its name on the command line, and its table.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::Feedback => "feedback",
            RecordKind::Contracts => "contracts",
            RecordKind::Competitors => "competitors",
            RecordKind::News => "news",
        }
    }

    pub fn from_key(s: &str) -> Option<RecordKind> {
        Self::ALL.into_iter().find(|k| k.key() == s)
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            RecordKind::Feedback => FEEDBACK,
            RecordKind::Contracts => CONTRACTS,
            RecordKind::Competitors => COMPETITORS,
            RecordKind::News => NEWS,
        }
    }

    pub fn field(self, key: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.key == key)
    }

    /// The fields a file must map (a column or a fixed value) before it can be checked.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            RecordKind::Feedback => &["customer", "subject"],
            RecordKind::Contracts => &["number", "customer", "title"],
            RecordKind::Competitors => &["name"],
            RecordKind::News => &["title", "on"],
        }
    }
}

/// How a field's cells are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Text,
    Date,
    /// A date with an optional time of day (2026-11-22 14:30).
    DateTime,
    /// Yuan in the file, fen in the store.
    Amount,
    /// 1–5.
    Score,
    /// 0–100, "30%" allowed.
    Percent,
    FeedbackKind,
    FollowStatus,
    ContractStatus,
    Threat,
    /// One customer, by name.
    Customer,
    /// Customers by name, separated by ；、, or new lines.
    Customers,
    Competitors,
    /// What has been paid against a contract (已回款, yuan): comes in as one payment
    /// (回款) when the contract takes payments.
    Paid,
    /// Written by an export for the reader (余额); ignored on import.
    Derived,
    /// A whole number of days (30, 30天).
    Days,
}

/// One record of any of the four kinds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Record {
    Feedback(super::feedback::Feedback),
    Contract(super::contract::Contract),
    Competitor(super::competitor::Competitor),
    News(super::news::News),
}

/// A field's value in a record, in the form the record keeps it (a choice as its code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Money in fen.
    Fen(i64),
    /// A score or a percentage, if given.
    Small(Option<u8>),
    /// One customer, if set.
    Id(Option<i64>),
    /// Customers or competitors.
    Ids(Vec<i64>),
}

/// A field's reader and writer in a record: the reader gives None for a record of
/// another kind (or a field the record does not keep), the writer ignores a value of
/// the wrong shape.
pub type Access = (fn(&Record) -> Option<Cell>, fn(&mut Record, Cell));

/// A field of a record: how a file holds it, how the record keeps it, what it must be.
#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    /// The header an export writes (always Chinese, like the customer export).
    pub header: &'static str,
    pub en: &'static str,
    /// Other header names that mean this field (normalised when compared).
    pub aliases: &'static [&'static str],
    pub form: Form,
    /// Its name on the form (Chinese, English): the header unless it says otherwise.
    pub label: &'static str,
    pub label_en: &'static str,
    pub get: fn(&Record) -> Option<Cell>,
    pub set: fn(&mut Record, Cell),
    /// Must be filled in (a text not blank, a customer chosen).
    pub required: bool,
    /// At most this many characters (trimmed).
    pub max: Option<usize>,
    /// A check of its own on a non-blank text (the competitor's website).
    pub check: Option<fn(&str) -> Option<Problem>>,
    /// An amount of 0 is written as an empty cell (an optional amount).
    pub blank_zero: bool,
}

impl Field {
    /// The form calls it something else than the file does.
    pub(crate) const fn labelled(self, label: &'static str, label_en: &'static str) -> Field {
        Field {
            label,
            label_en,
            ..self
        }
    }

    /// How the record keeps it.
    pub(crate) const fn with(self, access: Access) -> Field {
        Field {
            get: access.0,
            set: access.1,
            ..self
        }
    }

    pub(crate) const fn required(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }

    pub(crate) const fn max(self, max: usize) -> Field {
        Field {
            max: Some(max),
            ..self
        }
    }

    pub(crate) const fn check(self, check: fn(&str) -> Option<Problem>) -> Field {
        Field {
            check: Some(check),
            ..self
        }
    }

    pub(crate) const fn blank_zero(self) -> Field {
        Field {
            blank_zero: true,
            ..self
        }
    }

    /// What is wrong with the field in `r`, if anything: required and empty, too long,
    /// or a value its form refuses. Rules across fields (an end before a start, a plan
    /// that does not add up) are the kind's own.
    pub fn problem(&self, r: &Record) -> Option<Problem> {
        match (self.get)(r)? {
            Cell::Text(s) => {
                let t = s.trim();
                if t.is_empty() {
                    return self.required.then_some(Problem::Required);
                }
                if let Some(max) = self.max
                    && t.chars().count() > max
                {
                    return Some(Problem::TooLong(max));
                }
                let bad_date = match self.form {
                    Form::Date => parse_date(t).is_none(),
                    Form::DateTime => super::feedback::parse_datetime(t).is_none(),
                    _ => false,
                };
                if bad_date {
                    return Some(Problem::BadDate);
                }
                self.check.and_then(|c| c(t))
            }
            Cell::Id(None) => self.required.then_some(Problem::Required),
            Cell::Fen(n) if n < 0 => Some(Problem::Negative),
            Cell::Small(Some(n)) => match self.form {
                Form::Score if !(1..=5).contains(&n) => Some(Problem::OutOfRange(1, 5)),
                Form::Percent if n > 100 => Some(Problem::OutOfRange(0, 100)),
                _ => None,
            },
            _ => None,
        }
    }
}

impl Record {
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Feedback(_) => RecordKind::Feedback,
            Record::Contract(_) => RecordKind::Contracts,
            Record::Competitor(_) => RecordKind::Competitors,
            Record::News(_) => RecordKind::News,
        }
    }

    /// A new, empty record of the kind.
    pub fn empty(kind: RecordKind) -> Record {
        match kind {
            RecordKind::Feedback => Record::Feedback(Default::default()),
            RecordKind::Contracts => Record::Contract(Default::default()),
            RecordKind::Competitors => Record::Competitor(Default::default()),
            RecordKind::News => Record::News(Default::default()),
        }
    }
}

/// A field kept as text in record variant `$v`, field `$f`.
macro_rules! text {
    ($v:ident, $f:ident) => {
        (
            |r: &Record| match r {
                Record::$v(x) => Some(Cell::Text(x.$f.clone())),
                _ => None,
            },
            |r: &mut Record, c: Cell| {
                if let (Record::$v(x), Cell::Text(s)) = (r, c) {
                    x.$f = s;
                }
            },
        )
    };
}

/// A choice kept as one of a code enum's values (a code no value has is the default).
macro_rules! choice {
    ($v:ident, $f:ident, $e:ty) => {
        (
            |r: &Record| match r {
                Record::$v(x) => Some(Cell::Text(x.$f.code().to_string())),
                _ => None,
            },
            |r: &mut Record, c: Cell| {
                if let (Record::$v(x), Cell::Text(s)) = (r, c) {
                    x.$f = <$e>::from_code(&s).unwrap_or_default();
                }
            },
        )
    };
}

/// A field whose value is one cell shape as it is (`Fen`, `Small`, `Id`, `Ids`).
macro_rules! kept {
    ($v:ident, $f:ident, $cell:ident) => {
        (
            |r: &Record| match r {
                Record::$v(x) => Some(Cell::$cell(x.$f.clone())),
                _ => None,
            },
            |r: &mut Record, c: Cell| {
                if let (Record::$v(x), Cell::$cell(v)) = (r, c) {
                    x.$f = v;
                }
            },
        )
    };
}

/// Not kept in the record (worked out, or turned into something else on import).
const NOT_KEPT: Access = (|_| None, |_, _| {});

pub(super) const fn f(
    key: &'static str,
    header: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    form: Form,
) -> Field {
    Field {
        key,
        header,
        en,
        aliases,
        form,
        label: header,
        label_en: en,
        get: NOT_KEPT.0,
        set: NOT_KEPT.1,
        required: false,
        max: None,
        check: None,
        blank_zero: false,
    }
}

/// Declares a record kind's fields: the table of their declarations and an enum naming
/// them (in table order), with any places of the kind's form that are not fields of its
/// file after `extra`.
macro_rules! record_fields {
    ($(#[$em:meta])* $name:ident, $table:ident {
        $($variant:ident => $def:expr),+ $(,)?
    } $(extra { $($x:ident $(($xt:ty))?),+ })?) => {
        $(#[$em])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant,)+ $($($x $(($xt))?,)+)? }

        pub(crate) static $table: &[Field] = &[$($def),+];

        impl $name {
            /// The fields, in table order.
            pub const FIELDS: &'static [$name] = &[$($name::$variant),+];

            /// The problems of the kind's fields in `r` (rules across fields are the
            /// kind's own).
            pub fn problems(r: &Record) -> Vec<($name, Problem)> {
                Self::FIELDS
                    .iter()
                    .zip($table)
                    .filter_map(|(&f, d)| d.problem(r).map(|p| (f, p)))
                    .collect()
            }
        }
        record_fields!(@key $name, $table $(, $($x)+)?);
    };
    (@key $name:ident, $table:ident) => {
        impl $name {
            pub fn def(self) -> &'static Field {
                &$table[self as usize]
            }

            /// Its key in the declaration, which gives its names.
            pub fn key(self) -> &'static str {
                self.def().key
            }
        }
    };
    (@key $name:ident, $table:ident, $($x:ident)+) => {
        impl $name {
            /// Its declaration; None for a place that is not a field of the file.
            pub fn def(self) -> Option<&'static Field> {
                Self::FIELDS.iter().position(|&f| f == self).map(|i| &$table[i])
            }

            /// Its key in the declaration, which gives its names.
            pub fn key(self) -> Option<&'static str> {
                self.def().map(|d| d.key)
            }
        }
    };
}

mod tables;
pub use tables::*;

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind's field enum names its table's fields in order, and keys are unique.
    #[test]
    fn every_field_is_declared_once() {
        assert_eq!(FeedbackField::FIELDS.len(), FEEDBACK.len());
        assert_eq!(FeedbackField::Subject.key(), "subject");
        assert_eq!(NewsField::Date.key(), "on");
        assert_eq!(ContractField::Amount.key(), Some("amount"));
        assert_eq!(ContractField::Plan(Some(0)).key(), None);
        assert_eq!(CompetitorField::IntelDate.key(), None);
        assert_eq!(CompetitorField::Customers.key(), Some("customers"));
        // Keys are unique within a kind, labels never empty.
        for kind in RecordKind::ALL {
            for (i, f) in kind.fields().iter().enumerate() {
                assert!(!f.label.is_empty() && !f.label_en.is_empty(), "{}", f.key);
                assert!(
                    kind.fields()[i + 1..].iter().all(|g| g.key != f.key),
                    "{} twice",
                    f.key
                );
            }
        }
    }
}
