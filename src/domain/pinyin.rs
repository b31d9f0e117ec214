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

/// A key that sorts Chinese text in pinyin order: each character's pinyin, then the
/// text itself to keep characters with the same reading apart. Other characters are
/// kept, lower-cased.
pub fn sort_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for (c, p) in text.chars().zip(text.to_pinyin()) {
        match p {
            Some(p) => {
                out.push_str(p.plain());
                out.push(' ');
            }
            None => out.extend(c.to_lowercase()),
        }
    }
    out.push('\u{1}');
    out.push_str(text);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials_of_a_firm() {
        assert_eq!(super::initials("北京华信"), "bjhx");
        assert_eq!(super::initials("上海ABC贸易"), "shabcmy");
    }

    #[test]
    fn sort_keys_follow_pinyin() {
        let mut names = ["上海瑞丰", "北京华信", "重庆天成", "安徽同创", "北方工业"];
        names.sort_by_key(|n| super::sort_key(n));
        assert_eq!(
            names,
            ["安徽同创", "北方工业", "北京华信", "上海瑞丰", "重庆天成"]
        );
    }
}
