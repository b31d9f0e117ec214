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
}
