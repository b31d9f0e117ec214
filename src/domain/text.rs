//! Text normalisation shared by validation, uniqueness and search.

/// Folds full-width ASCII forms (ＡＢＣ１２３, the ideographic space) to their half-width
/// forms, so that "北京华信（集团）" and "北京华信(集团)" count as the same name.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The key two customer names are compared by: width-folded, trimmed, inner runs of
/// white space collapsed to one space, ASCII letters lower-cased.
pub fn name_key(s: &str) -> String {
    let folded = fold_width(s);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.to_lowercase()
}

/// Company-form suffixes left out when two names are compared for duplicates, longest
/// first: 北京华信科技有限公司 and 北京华信科技 are the same customer.
const COMPANY_SUFFIXES: [&str; 12] = [
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "分公司",
    "公司",
    " co., ltd.",
    " co.,ltd.",
    " co. ltd.",
    " ltd.",
    " ltd",
];

/// The key duplicates are matched on: [`name_key`] without a company-form suffix.
pub fn match_name(s: &str) -> String {
    let mut k = name_key(s);
    for suffix in COMPANY_SUFFIXES {
        if k.len() > suffix.len()
            && let Some(rest) = k.strip_suffix(suffix)
        {
            k = rest.trim_end_matches([',', ' ']).to_string();
            break;
        }
    }
    k
}

/// A phone number reduced to what identifies it: digits only, without a +86/0086
/// country prefix. Empty for numbers too short to identify anyone.
pub fn phone_key(s: &str) -> String {
    let d: String = fold_width(s)
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect();
    let d = if d.len() == 15 && d.starts_with("0086") {
        d[4..].to_string()
    } else if d.len() == 13 && d.starts_with("86") {
        d[2..].to_string()
    } else {
        d
    };
    if d.len() >= 7 { d } else { String::new() }
}

/// A field value as the store keeps it: width-folded only where that is harmless is the
/// caller's choice; here only surrounding white space (including the ideographic space)
/// is removed.
pub fn tidy(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .to_string()
}

/// True for the CJK ideographs the one- and two-character search index covers.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_folds_to_half_width() {
        assert_eq!(fold_width("ＡＢＣ１２３（集团）"), "ABC123(集团)");
        assert_eq!(name_key("  北京华信（集团）\u{3000}"), "北京华信(集团)");
        assert_eq!(name_key("Acme  Trading"), name_key("ａｃｍｅ Trading"));
    }

    #[test]
    fn duplicates_match_without_company_suffix() {
        assert_eq!(match_name("北京华信科技有限公司"), "北京华信科技");
        assert_eq!(match_name("北京华信科技股份有限公司"), "北京华信科技");
        assert_eq!(match_name(" 北京华信科技 "), "北京华信科技");
        assert_eq!(match_name("Acme Co., Ltd."), "acme");
        assert_eq!(match_name("公司"), "公司");
        assert_eq!(phone_key("+86 138-0013-8000"), "13800138000");
        assert_eq!(phone_key("010-6234 5678"), "01062345678");
        assert_eq!(phone_key("123"), "");
    }
}
