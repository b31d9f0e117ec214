//! 人民币大写: an amount in Chinese capital numerals, as contracts and receipts write it
//! (壹拾贰万叁仟肆佰伍拾陆元柒角捌分).

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const UNITS: [&str; 4] = ["", "拾", "佰", "仟"];
const SECTIONS: [&str; 4] = ["", "万", "亿", "万亿"];

/// One four-digit section (0..=9999) without leading zeros, zeros inside collapsed.
fn section(n: u64) -> String {
    let mut out = String::new();
    let mut zero = false;
    for pos in (0..4).rev() {
        let d = (n / 10u64.pow(pos)) % 10;
        if d == 0 {
            zero = !out.is_empty();
        } else {
            if zero {
                out.push('零');
                zero = false;
            }
            out.push(DIGITS[d as usize]);
            out.push_str(UNITS[pos as usize]);
        }
    }
    out
}

/// The whole-yuan part in capitals ("" for zero).
fn yuan_text(mut n: u64) -> String {
    let mut parts: Vec<(usize, u64)> = Vec::new();
    let mut i = 0;
    while n > 0 {
        parts.push((i, n % 10_000));
        n /= 10_000;
        i += 1;
    }
    let mut out = String::new();
    let mut need_zero = false;
    for (pos, sec) in parts.iter().rev() {
        if *sec == 0 {
            need_zero = !out.is_empty();
            continue;
        }
        // A gap (a zero section, or a section below 1000 after a higher one) reads 零.
        if !out.is_empty() && (need_zero || *sec < 1000) {
            out.push('零');
        }
        need_zero = false;
        out.push_str(&section(*sec));
        out.push_str(SECTIONS[*pos]);
    }
    out
}

/// An amount in fen as 人民币大写: 12345678 → 壹拾贰万叁仟肆佰伍拾陆元柒角捌分;
/// whole amounts end in 元整; zero is 零元整; negatives start with 负.
pub fn rmb_upper(fen: i64) -> String {
    let neg = fen < 0;
    let fen = fen.unsigned_abs();
    let yuan = fen / 100;
    let jiao = (fen / 10) % 10;
    let cents = fen % 10;
    let mut out = String::new();
    if neg {
        out.push('负');
    }
    if yuan == 0 && jiao == 0 && cents == 0 {
        out.push_str("零元整");
        return out;
    }
    if yuan > 0 {
        out.push_str(&yuan_text(yuan));
        out.push('元');
    }
    match (jiao, cents) {
        (0, 0) => out.push('整'),
        (j, 0) => {
            out.push(DIGITS[j as usize]);
            out.push_str("角整");
        }
        (0, c) => {
            if yuan > 0 {
                out.push('零');
            }
            out.push(DIGITS[c as usize]);
            out.push('分');
        }
        (j, c) => {
            out.push(DIGITS[j as usize]);
            out.push('角');
            out.push(DIGITS[c as usize]);
            out.push('分');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rmb_upper;

    // Amounts are written yuan_fen: 10_005 is 100.05 yuan.
    #[allow(clippy::inconsistent_digit_grouping)]
    #[test]
    fn known_amounts() {
        let cases: [(i64, &str); 19] = [
            (0, "零元整"),
            (1, "壹分"),
            (10, "壹角整"),
            (100, "壹元整"),
            (1_000, "壹拾元整"),
            (10_005, "壹佰元零伍分"),
            (10_050, "壹佰元伍角整"),
            (10_000_00, "壹万元整"),
            (10_001_00, "壹万零壹元整"),
            (10_010_00, "壹万零壹拾元整"),
            (12_345_678, "壹拾贰万叁仟肆佰伍拾陆元柒角捌分"),
            (100_000_000_00, "壹亿元整"),
            (100_010_000_00, "壹亿零壹万元整"),
            (100_000_001_00, "壹亿零壹元整"),
            (1_001_000_000_00, "壹拾亿零壹佰万元整"),
            (5_000_000, "伍万元整"),
            (1_200_000_50, "壹佰贰拾万元伍角整"),
            (-250, "负贰元伍角整"),
            (1_002_003_04, "壹佰万贰仟零叁元零肆分"),
        ];
        for (fen, want) in cases {
            assert_eq!(rmb_upper(fen), want, "{fen}");
        }
    }
}
