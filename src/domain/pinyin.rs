//! Pinyin initials, so that typing bjhx finds 北京华信.

use ::pinyin::ToPinyin;

/// The first letter of each Chinese character's pinyin; other letters and digits are
/// kept (lower-cased), everything else dropped. "北京华信(BJ)" → "bjhxbj".
pub fn initials(text: &str) -> String {
    let mut out = String::new();
    for (c, p) in text.chars().zip(text.to_pinyin()) {
        match p {
            Some(p) => out.push_str(p.first_letter()),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials_of_a_firm() {
        assert_eq!(super::initials("北京华信"), "bjhx");
        assert_eq!(super::initials("上海ABC贸易"), "shabcmy");
    }
}
