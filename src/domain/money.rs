//! Money is kept as integer fen (分). These turn fen into "¥1,234,567.89" and back.

/// Formats fen as yuan with thousands separators: 123456789 → "¥1,234,567.89".
pub fn format_fen(fen: i64) -> String {
    let neg = fen < 0;
    let abs = fen.unsigned_abs();
    let yuan = abs / 100;
    let cents = abs % 100;
    let digits = yuan.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{}¥{grouped}.{cents:02}", if neg { "-" } else { "" })
}

/// Formats fen for an edit box: 123456789 → "1234567.89", 0 → "0.00".
pub fn fen_to_plain(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Parses what a clerk types for an amount in yuan: "1234.5", "1,234.56", "¥1 234",
/// "１２３４" (full width), "5万", "1.2万元" (ten thousands). At most two decimals of a
/// yuan. Returns fen.
pub fn parse_yuan(input: &str) -> Option<i64> {
    let s = crate::domain::text::fold_width(input.trim());
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '¥' | '￥' | '元'))
        .collect();
    // 万: the number counts ten thousands, so four more decimals are exact.
    let (s, scale, decimals) = match s.strip_suffix('万') {
        Some(rest) => (rest.to_string(), 1_000_000i64, 6usize),
        None => (s, 100, 2),
    };
    if s.is_empty() {
        return None;
    }
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s),
    };
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s.as_str(), ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !int_part.chars().all(|c| c.is_ascii_digit())
        || !frac_part.chars().all(|c| c.is_ascii_digit())
        || frac_part.len() > decimals
    {
        return None;
    }
    let whole: i64 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().ok()?
    };
    // The fraction in fen: padded to the unit's decimals.
    let frac: i64 = if frac_part.is_empty() {
        0
    } else {
        format!("{frac_part:0<decimals$}").parse().ok()?
    };
    let fen = whole.checked_mul(scale)?.checked_add(frac)?;
    Some(if neg { -fen } else { fen })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_separators() {
        assert_eq!(format_fen(123_456_789), "¥1,234,567.89");
        assert_eq!(format_fen(0), "¥0.00");
        assert_eq!(format_fen(5_000_000), "¥50,000.00");
        assert_eq!(format_fen(-150), "-¥1.50");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_yuan("1234.5"), Some(123_450));
        assert_eq!(parse_yuan("¥1,234.56"), Some(123_456));
        assert_eq!(parse_yuan("１２３"), Some(12_300));
        assert_eq!(parse_yuan("50000元"), Some(5_000_000));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(parse_yuan("5万"), Some(5_000_000));
        assert_eq!(parse_yuan("¥1.2万元"), Some(1_200_000));
        assert_eq!(parse_yuan("1.234567万"), Some(1_234_567));
        assert_eq!(parse_yuan("1.2345678万"), None);
        assert_eq!(parse_yuan("万"), None);
        assert_eq!(parse_yuan("５万"), Some(5_000_000));
        assert_eq!(parse_yuan(""), None);
        assert_eq!(parse_yuan(&fen_to_plain(98_765)), Some(98_765));
    }
}
