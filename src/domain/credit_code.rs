//! 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a
//! 31-character alphabet, the last one a check character computed from the first 17.

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a credit code is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditCodeError {
    /// Not 18 characters long.
    Length,
    /// A character outside the code's alphabet (I, O, S, V, Z and lower case are not used).
    BadChar,
    /// The 18th character does not match the first 17.
    CheckChar,
}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters of a code.
pub fn check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (b, w) in bytes.iter().zip(WEIGHTS) {
        sum += value(*b)? * w;
    }
    let c = (31 - sum % 31) % 31;
    Some(ALPHABET[c as usize] as char)
}

/// Checks a code as typed (surrounding spaces ignored, letters upper-cased).
pub fn check(code: &str) -> Result<String, CreditCodeError> {
    let code: String = crate::domain::text::fold_width(code.trim()).to_ascii_uppercase();
    if code.chars().count() != 18 {
        return Err(CreditCodeError::Length);
    }
    if !code.bytes().all(|b| value(b).is_some()) {
        return Err(CreditCodeError::BadChar);
    }
    let expected = check_char(&code[..17]).ok_or(CreditCodeError::BadChar)?;
    if code.as_bytes()[17] as char != expected {
        return Err(CreditCodeError::CheckChar);
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_pass() {
        // Codes printed on public business licences.
        for code in [
            "91330100716105852F",
            "91110108551385082Q",
            "91440300708461136T",
        ] {
            assert_eq!(check(code), Ok(code.to_string()), "{code}");
        }
    }

    #[test]
    fn a_changed_character_fails() {
        assert_eq!(check("91330100716105852G"), Err(CreditCodeError::CheckChar));
        assert_eq!(check("9133010071610585"), Err(CreditCodeError::Length));
        assert_eq!(check("91330100716105852I"), Err(CreditCodeError::BadChar));
        assert_eq!(
            check(" 91330100716105852f "),
            Ok("91330100716105852F".into())
        );
    }
}
