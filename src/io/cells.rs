//! Undoing what spreadsheets do to cells: phone numbers turned into 1.38E+10 or stripped
//! of their leading zero, postal codes of theirs, "13800138000.0", dates in every form
//! (2023年5月1日, 2023/5/1, 5/1/2023, Excel serial numbers), and labels such as 企业 or
//! A级 turned into the codes the store keeps.

use chrono::NaiveDate;

use crate::domain::{CustomerField, fields::Value};

use super::mapping::Target;

/// Why a cell cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellProblem {
    /// Excel showed a long number in scientific notation and the digits are gone.
    LostDigits,
    BadDate,
    /// A day/month date whose order could be either (3/4/2023) while the order is unsettled.
    AmbiguousDate,
    BadChoice,
    BadAmount,
    /// Not a whole number of days.
    BadDays,
}

/// Day/month order of dates written like 5/1/2023.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum DateOrder {
    /// Not settled: the column decides, or the clerk is asked.
    #[default]
    Auto,
    /// Month first (5/1/2023 is 1 May), as American Excel writes.
    MonthFirst,
    /// Day first (5/1/2023 is 5 January).
    DayFirst,
}

/// What one column's dates say about their order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateEvidence {
    /// Some first number is above 12: day first.
    pub day_first: bool,
    /// Some second number is above 12: month first.
    pub month_first: bool,
    /// Some date has both numbers 12 or below.
    pub ambiguous: bool,
}

impl DateEvidence {
    pub fn observe(&mut self, cell: &str) {
        if let Some((a, b, _)) = slash_parts(cell) {
            if a > 12 {
                self.day_first = true;
            } else if b > 12 {
                self.month_first = true;
            } else if a != b {
                self.ambiguous = true;
            }
        }
    }

    /// The order the column settles, if it does.
    pub fn settled(&self) -> Option<DateOrder> {
        match (self.day_first, self.month_first) {
            (true, false) => Some(DateOrder::DayFirst),
            (false, true) => Some(DateOrder::MonthFirst),
            (false, false) if !self.ambiguous => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// `a/b/yyyy` (or with `-` or `.`) with a four-digit year last.
fn slash_parts(cell: &str) -> Option<(u32, u32, i32)> {
    let t = cell.trim();
    let t = t.split_whitespace().next()?;
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    Some((
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    ))
}

/// A date in any of the forms spreadsheets hold, as an ISO date.
pub fn parse_date(cell: &str, order: DateOrder) -> Result<NaiveDate, CellProblem> {
    let t = crate::domain::text::fold_width(cell.trim());
    if let Some(d) = crate::domain::validate::parse_date(&t) {
        return Ok(d);
    }
    // Drop a time of day: "2006-09-29 00:00:00".
    let first = t.split_whitespace().next().unwrap_or("");
    if first != t
        && let Some(d) = crate::domain::validate::parse_date(first)
    {
        return Ok(d);
    }
    if first.len() == 8 && first.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(first, "%Y%m%d").map_err(|_| CellProblem::BadDate);
    }
    // An Excel serial number (days since 1899-12-30), from 1954 to 2119.
    if let Ok(n) = first.parse::<f64>()
        && (20_000.0..80_000.0).contains(&n)
    {
        let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date");
        return Ok(base + chrono::Duration::days(n as i64));
    }
    if let Some((a, b, y)) = slash_parts(first) {
        let (m, d) = match order {
            DateOrder::MonthFirst => (a, b),
            DateOrder::DayFirst => (b, a),
            DateOrder::Auto if a > 12 => (b, a),
            DateOrder::Auto if b > 12 || a == b => (a, b),
            DateOrder::Auto => return Err(CellProblem::AmbiguousDate),
        };
        return NaiveDate::from_ymd_opt(y, m, d).ok_or(CellProblem::BadDate);
    }
    Err(CellProblem::BadDate)
}

/// Expands "1.38E+10" back into digits; an error when Excel kept too few digits to know
/// the number (it shows about six).
fn undo_scientific(t: &str) -> Option<Result<String, CellProblem>> {
    let upper = t.to_ascii_uppercase();
    let (mantissa, exp) = upper.split_once('E')?;
    let exp: i32 = exp.trim_start_matches('+').parse().ok()?;
    let (int_part, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty()
        || !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || !(1..=20).contains(&exp)
    {
        return None;
    }
    let digits = format!("{int_part}{frac}");
    let total = int_part.len() as i32 + exp;
    if (digits.len() as i32) < total {
        return Some(Err(CellProblem::LostDigits));
    }
    Some(Ok(digits[..total as usize].to_string()))
}

/// A phone, mobile or fax number as the clerk meant it.
pub fn phone(cell: &str) -> Result<String, CellProblem> {
    let t = crate::domain::text::fold_width(cell.trim());
    if let Some(r) = undo_scientific(&t) {
        return r.map(|d| restore_leading_zero(&d));
    }
    let t = t.strip_suffix(".0").unwrap_or(&t).to_string();
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(restore_leading_zero(&t));
    }
    Ok(t)
}

/// A landline that lost its 0 to a number cell: 1062345678 → 01062345678. Mobiles
/// (1[3-9]…, 11 digits) and 400/800 numbers are left alone.
fn restore_leading_zero(d: &str) -> String {
    let mobile = d.len() == 11 && d.starts_with('1') && (b'3'..=b'9').contains(&d.as_bytes()[1]);
    let service = d.len() == 10 && (d.starts_with("400") || d.starts_with("800"));
    if (9..=11).contains(&d.len()) && !mobile && !service && !d.starts_with('0') {
        format!("0{d}")
    } else {
        d.to_string()
    }
}

/// A six-digit postal code that lost its leading zeros (10080 → 010080).
pub fn postal_code(cell: &str) -> String {
    let t = crate::domain::text::fold_width(cell.trim());
    let t = t.strip_suffix(".0").unwrap_or(&t);
    if (3..6).contains(&t.len()) && !t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit()) {
        format!("{t:0>6}")
    } else {
        t.to_string()
    }
}

/// A cell turned into the text form the store keeps for `target`, as the field's kind
/// of value says (a phone that lost its 0 gets it back, 5万 is 5000000 fen, 2024/3/5
/// is 2024-03-05, 个人 is `individual`).
pub fn convert(target: Target, cell: &str, order: DateOrder) -> Result<String, CellProblem> {
    let t = cell.trim();
    let value = match target {
        Target::Customer(f) => f.def().value,
        Target::Contact(f) => f.def().value,
        _ => return Ok(t.to_string()),
    };
    Ok(match value {
        Value::Phone | Value::Mobile => phone(t)?,
        Value::PostalCode => postal_code(t),
        Value::CreditCode => crate::domain::text::fold_width(t).to_ascii_uppercase(),
        // Outlook writes 0/0/00 for "no date".
        Value::PastDate | Value::Date if t.chars().all(|c| matches!(c, '0' | '/' | '-' | '.')) => {
            String::new()
        }
        Value::PastDate | Value::Date => parse_date(t, order)?.to_string(),
        // A whole date as any date cell; else a month and day without the year, or a
        // lunar date a calendar would refuse (二月三十).
        Value::Birthday if t.chars().all(|c| matches!(c, '0' | '/' | '-' | '.')) => String::new(),
        Value::Birthday => match parse_date(t, order) {
            Ok(d) => d.to_string(),
            Err(e) => match crate::domain::calendar::birthday_parts(t) {
                Some((y, m, d)) => crate::domain::calendar::birthday_text(y, m, d),
                None => return Err(e),
            },
        },
        Value::Choice(read) => read(t).ok_or(CellProblem::BadChoice)?.to_string(),
        Value::Money => credit_limit(t)?.to_string(),
        Value::Days { .. } => days(t)?,
        // A code typed as a number in a spreadsheet (1001.0).
        _ if target == Target::Customer(CustomerField::Code) => {
            t.strip_suffix(".0").unwrap_or(t).to_string()
        }
        _ => t.to_string(),
    })
}

/// A number of days ("30", "30天", "30.0"), or empty.
pub(crate) fn days(t: &str) -> Result<String, CellProblem> {
    let folded = crate::domain::text::fold_width(t);
    let s = folded
        .trim()
        .trim_end_matches('天')
        .trim_end_matches("days")
        .trim();
    let s = s.strip_suffix(".0").unwrap_or(s);
    if s.is_empty() {
        return Ok(String::new());
    }
    s.parse::<u32>()
        .map(|n| n.to_string())
        .map_err(|_| CellProblem::BadDays)
}

/// An amount in yuan ("50,000", "¥5万", "5万元") as fen.
pub fn credit_limit(t: &str) -> Result<i64, CellProblem> {
    let folded = crate::domain::text::fold_width(t);
    let s = folded.trim().trim_end_matches('元');
    if s.ends_with('万') {
        return crate::domain::money::parse_yuan(s).ok_or(CellProblem::BadAmount);
    }
    // 50000.00000001 from a float cell: round to fen.
    if let Ok(f) = s.replace(',', "").parse::<f64>()
        && f.is_finite()
        && f.abs() < 1e13
    {
        return Ok((f * 100.0).round() as i64);
    }
    crate::domain::money::parse_yuan(s).ok_or(CellProblem::BadAmount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_that_excel_mangled() {
        assert_eq!(phone("13800138000.0"), Ok("13800138000".into()));
        assert_eq!(phone("1.3800138E+10"), Err(CellProblem::LostDigits));
        assert_eq!(phone("1.3800138E+4"), Ok("13800".into()));
        assert_eq!(phone("1.38E+10"), Err(CellProblem::LostDigits));
        assert_eq!(phone("1062345678"), Ok("01062345678".into()));
        assert_eq!(phone("4008123123"), Ok("4008123123".into()));
        assert_eq!(phone("010-6234 5678"), Ok("010-6234 5678".into()));
        assert_eq!(postal_code("10080"), "010080");
        assert_eq!(postal_code("100080"), "100080");
    }

    #[test]
    fn dates_in_every_form() {
        let d = NaiveDate::from_ymd_opt(2023, 5, 1).unwrap();
        for s in [
            "2023年5月1日",
            "2023/5/1",
            "2023-05-01",
            "45047",
            "2023-05-01 00:00:00",
            "20230501",
        ] {
            assert_eq!(parse_date(s, DateOrder::Auto), Ok(d), "{s}");
        }
        assert_eq!(parse_date("5/1/2023", DateOrder::MonthFirst), Ok(d));
        assert_eq!(parse_date("1/5/2023", DateOrder::DayFirst), Ok(d));
        assert_eq!(
            parse_date("5/1/2023", DateOrder::Auto),
            Err(CellProblem::AmbiguousDate)
        );
        assert_eq!(
            parse_date("25/1/2023", DateOrder::Auto)
                .unwrap()
                .to_string(),
            "2023-01-25"
        );
        assert_eq!(
            parse_date("明天", DateOrder::Auto),
            Err(CellProblem::BadDate)
        );
    }

    #[test]
    fn a_column_settles_its_order() {
        let mut e = DateEvidence::default();
        e.observe("3/4/2023");
        assert_eq!(e.settled(), None);
        e.observe("25/4/2023");
        assert_eq!(e.settled(), Some(DateOrder::DayFirst));
        e.observe("4/25/2023");
        assert_eq!(e.settled(), None);
    }

    #[test]
    fn labels_become_codes() {
        let c = |t, s| convert(t, s, DateOrder::Auto);
        assert_eq!(
            c(Target::Customer(CustomerField::Kind), "个人"),
            Ok("individual".into())
        );
        assert_eq!(
            c(Target::Customer(CustomerField::Grade), "A级"),
            Ok("A".into())
        );
        assert_eq!(
            c(Target::Customer(CustomerField::Grade), "b"),
            Ok("B".into())
        );
        assert_eq!(
            c(Target::Customer(CustomerField::Category), "经销商"),
            Ok("distributor".into())
        );
        assert_eq!(
            c(Target::Customer(CustomerField::Status), "流失"),
            Ok("lost".into())
        );
        assert_eq!(
            c(Target::Customer(CustomerField::CreditLimit), "5万"),
            Ok("5000000".into())
        );
        assert_eq!(
            c(Target::Customer(CustomerField::CreditLimit), "50,000.00"),
            Ok("5000000".into())
        );
        assert_eq!(
            c(Target::Customer(CustomerField::Grade), "特级"),
            Err(CellProblem::BadChoice)
        );
    }
}
