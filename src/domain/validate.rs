//! Field-level validation. Each problem names its field so the form can show the message
//! right under it; the store runs the same checks and refuses to save on any of them.

pub use super::customer::ContactField;
use super::customer::{CONTACT, CUSTOMER, Contact, Customer, CustomerField};

/// A field of the customer form (or of one of its contacts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Customer(CustomerField),
    /// A field of the contact at this index in the customer's contact list.
    Contact(usize, ContactField),
}

impl From<CustomerField> for Field {
    fn from(f: CustomerField) -> Field {
        Field::Customer(f)
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong(usize),
    BadEmail,
    BadPhone,
    BadMobile,
    BadPostalCode,
    BadWebsite,
    CreditCodeLength,
    CreditCodeChar,
    CreditCodeCheck,
    BadDate,
    FutureDate,
    Negative,
    BadAmount,
    /// Another customer already has this name (after trimming and width folding).
    DuplicateName,
    /// Another customer already has this code.
    DuplicateCode,
    /// More than one contact is marked primary.
    TwoPrimaries,
    /// An end date before its start date.
    EndBeforeStart,
    /// Zero or less where more is needed.
    NotPositive,
    /// A payment larger than what is still owed.
    OverBalance,
    /// A revision's amount below what has been received on the contract it revises (in
    /// fen): the payments move to the revision when it replaces the original.
    BelowReceived(i64),
    /// Another contract already has this number.
    DuplicateNumber,
    /// A number outside its allowed range (inclusive).
    OutOfRange(i64, i64),
    /// Score thresholds that are negative or do not rise.
    ThresholdsNotRising,
    /// A payment plan whose installments add up to the first amount, not to the
    /// contract's (the second), in fen.
    PlanTotal(i64, i64),
    /// An installment due before the contract was signed.
    DueBeforeSigning,
    /// A line break or another control character in a one-line field (a name, a
    /// code): what a quote cut short in a spreadsheet leaves behind.
    LineBreak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError { field, problem }
    }
}

/// True when a one-line field holds a line break, tab or other control character.
pub fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// Landline or fax: digits with the usual separators, 7 to 20 digits, an extension allowed.
pub fn phone_ok(s: &str) -> bool {
    let allowed = |c: char| c.is_ascii_digit() || " -+()#,转分机extEXT".contains(c);
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    s.chars().all(allowed) && (7..=20).contains(&digits)
}

/// A mainland mobile number: 11 digits starting 13–19, optionally +86 / 86 in front,
/// spaces and hyphens allowed.
pub fn mobile_ok(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .unwrap_or(&digits);
    let digits = if digits.len() == 13 {
        digits.strip_prefix("86").unwrap_or(digits)
    } else {
        digits
    };
    digits.len() == 11
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.starts_with('1')
        && (b'3'..=b'9').contains(&digits.as_bytes()[1])
}

/// A plausible e-mail address: one @, something before it, a dotted domain after it,
/// no spaces.
pub fn email_ok(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
        && domain.contains('.')
        && domain.split('.').all(|l| !l.is_empty())
}

pub fn website_ok(s: &str) -> bool {
    !s.chars().any(char::is_whitespace) && s.contains('.') && !s.ends_with('.')
}

/// A date as YYYY-MM-DD (also 2026/1/5 and 2026年1月5日), returned as ISO text.
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
}

/// All problems of a customer (already tidied), its contacts included: each field as
/// its definition says (required, kind of value), then the rules between fields.
/// Uniqueness is the store's to check; everything else is here.
pub fn validate_customer(c: &Customer, today: chrono::NaiveDate) -> Vec<FieldError> {
    let mut errs: Vec<FieldError> = CustomerField::ALL
        .iter()
        .filter_map(|f| {
            let p = CUSTOMER[*f as usize].problem(c, today)?;
            Some(FieldError::new(Field::Customer(*f), p))
        })
        .collect();
    let mut seen_primary = false;
    for (i, contact) in c.contacts.iter().enumerate() {
        for (f, p) in validate_contact(contact, today) {
            errs.push(FieldError::new(Field::Contact(i, f), p));
        }
        if contact.is_primary {
            if seen_primary {
                errs.push(FieldError::new(
                    Field::Contact(i, ContactField::Primary),
                    Problem::TwoPrimaries,
                ));
            }
            seen_primary = true;
        }
    }
    errs
}

fn validate_contact(c: &Contact, today: chrono::NaiveDate) -> Vec<(ContactField, Problem)> {
    let mut errs: Vec<(ContactField, Problem)> = ContactField::ALL
        .iter()
        .filter_map(|f| Some((*f, CONTACT[*f as usize].problem(c, today)?)))
        .collect();
    if let Some(p) = birthday_problem(c, today)
        && !errs.iter().any(|e| e.0 == ContactField::Birthday)
    {
        errs.push((ContactField::Birthday, p));
    }
    errs
}

/// A birthday must be a day of its calendar: a real Gregorian date (02-29 allowed
/// without a year) not after today, or a lunar month and day (to the 30th).
fn birthday_problem(c: &Contact, today: chrono::NaiveDate) -> Option<Problem> {
    use super::calendar::{BirthdayCalendar, birthday_parts};
    let (y, m, d) = birthday_parts(&c.birthday)?;
    match BirthdayCalendar::from_code(&c.birthday_calendar).unwrap_or_default() {
        BirthdayCalendar::Gregorian => {
            match chrono::NaiveDate::from_ymd_opt(y.unwrap_or(2000), m, d) {
                None => Some(Problem::BadDate),
                Some(day) if y.is_some() && day > today => Some(Problem::FutureDate),
                Some(_) => None,
            }
        }
        _ => (d > 30).then_some(Problem::BadDate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_mobiles() {
        assert!(phone_ok("010-6512 3456"));
        assert!(phone_ok("(0755)8888-1234 转 8021"));
        assert!(!phone_ok("12345"));
        assert!(!phone_ok("电话号码"));
        assert!(mobile_ok("138 0013 8000"));
        assert!(mobile_ok("+86 13800138000"));
        assert!(!mobile_ok("12800138000"));
        assert!(!mobile_ok("1380013800"));
    }

    #[test]
    fn emails() {
        assert!(email_ok("wang.li@huaxin.com.cn"));
        assert!(!email_ok("wang.li@huaxin"));
        assert!(!email_ok("wang li@huaxin.com"));
        assert!(!email_ok("@huaxin.com"));
        assert!(!email_ok("a@b@c.com"));
    }

    #[test]
    fn dates_in_chinese_forms() {
        let d = chrono::NaiveDate::from_ymd_opt(2023, 5, 1).unwrap();
        assert_eq!(parse_date("2023-05-01"), Some(d));
        assert_eq!(parse_date("2023/5/1"), Some(d));
        assert_eq!(parse_date("2023年5月1日"), Some(d));
        assert_eq!(parse_date("2023-13-01"), None);
    }

    #[test]
    fn a_one_line_field_with_a_line_break_is_refused() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut c = Customer {
            name: "未闭合的引号公司,010-1234567\n正常公司".into(),
            ..Default::default()
        };
        let errs = validate_customer(&c, today);
        assert!(
            errs.contains(&FieldError::new(
                Field::Customer(CustomerField::Name),
                Problem::LineBreak
            )),
            "{errs:?}"
        );
        c.name = "正常公司".into();
        c.notes = "第一行\n第二行".into();
        assert!(
            validate_customer(&c, today).is_empty(),
            "notes may span lines"
        );
    }
}
