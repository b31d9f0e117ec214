//! Birthdays and holidays: a birthday with or without its year, by the Gregorian or
//! the lunar (农历) calendar, and the holidays a firm sends greetings for. The lunar
//! calendar and the solar terms come from tyme4rs (maintained tables and the
//! astronomical rules), not from tables of our own.

use chrono::{Datelike, NaiveDate};
use tyme4rs::tyme::lunar::{LunarDay, LunarMonth, LunarYear};
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

/// Which calendar a contact's birthday is in: the Gregorian one (stored empty), 农历,
/// or a 农历 leap month (农历闰月).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BirthdayCalendar {
    #[default]
    Gregorian,
    Lunar,
    LunarLeap,
}

impl BirthdayCalendar {
    pub const ALL: [BirthdayCalendar; 3] = [
        BirthdayCalendar::Gregorian,
        BirthdayCalendar::Lunar,
        BirthdayCalendar::LunarLeap,
    ];

    /// As stored, and as a file holds it: "" (公历), 农历, 农历闰月.
    pub fn code(self) -> &'static str {
        match self {
            BirthdayCalendar::Gregorian => "",
            BirthdayCalendar::Lunar => "农历",
            BirthdayCalendar::LunarLeap => "农历闰月",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    /// A word from a file or the form: 农历/阴历/lunar, 闰月/农历闰月/leap, 公历/阳历/
    /// 新历/否 (or a code).
    pub fn read(s: &str) -> Option<&'static str> {
        let t = s.trim().to_lowercase();
        let c = match t.as_str() {
            "" | "公历" | "阳历" | "新历" | "否" | "no" | "gregorian" => Self::Gregorian,
            "农历" | "阴历" | "旧历" | "是" | "yes" | "lunar" => Self::Lunar,
            "闰月" | "农历闰月" | "阴历闰月" | "leap" => Self::LunarLeap,
            _ => return None,
        };
        Some(c.code())
    }

    pub fn is_lunar(self) -> bool {
        self != BirthdayCalendar::Gregorian
    }
}

/// A birthday as typed or stored: with its year (1975-08-15, 1975/8/15, 1975年8月15日)
/// or without (08-15, 8/15, 8月15日). The numbers are not checked against a calendar
/// here: 02-30 is a lunar date.
pub fn birthday_parts(s: &str) -> Option<(Option<i32>, u32, u32)> {
    let t = super::text::fold_width(s.trim());
    let t = t.trim_start_matches('-');
    let nums: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    // Only digits and the usual separators: no words, no time of day.
    if t.chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日' | ' ')))
    {
        return None;
    }
    let (y, m, d) = match nums.as_slice() {
        [y, m, d] if y.len() == 4 => (Some(y.parse().ok()?), m, d),
        [m, d] => (None, m, d),
        _ => return None,
    };
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// The stored form: 1975-08-15, or 08-15 without a year.
pub fn birthday_text(year: Option<i32>, month: u32, day: u32) -> String {
    match year {
        Some(y) => format!("{y:04}-{month:02}-{day:02}"),
        None => format!("{month:02}-{day:02}"),
    }
}

/// A Gregorian birthday's next day on or after `today` (its year ignored); 2月29日 is
/// kept on 2月28日 in a year without it.
pub fn next_gregorian(month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    (today.year()..=today.year() + 1)
        .filter_map(|y| {
            NaiveDate::from_ymd_opt(y, month, day).or_else(|| {
                (month == 2 && day == 29)
                    .then(|| NaiveDate::from_ymd_opt(y, 2, 28))
                    .flatten()
            })
        })
        .find(|d| *d >= today)
}

fn naive(s: SolarDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        s.get_year() as i32,
        s.get_month() as u32,
        s.get_day() as u32,
    )
}

/// The Gregorian day of a lunar birthday (lunar `month`, `day`) in lunar year `year`.
/// Born in a leap month: the leap month when the year has the same one, else the
/// ordinary month of that number. Born on the 30th: the 29th in a month of 29 days.
pub fn lunar_birthday_in(year: i32, month: u32, day: u32, leap: bool) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let y = year as isize;
    let leap_month = LunarYear::new(y).ok()?.get_leap_month();
    let m = if leap && leap_month == month as usize {
        -(month as isize)
    } else {
        month as isize
    };
    let days = LunarMonth::new(y, m).ok()?.get_day_count();
    let d = (day as usize).min(days);
    naive(LunarDay::new(y, m, d).ok()?.get_solar_day())
}

/// A lunar birthday's next day on or after `today`: once in each lunar year.
pub fn next_lunar(month: u32, day: u32, leap: bool, today: NaiveDate) -> Option<NaiveDate> {
    (today.year() - 1..=today.year() + 1)
        .filter_map(|y| lunar_birthday_in(y, month, day, leap))
        .find(|d| *d >= today)
}

/// A birthday's next day on or after `today`, by its calendar; None when the stored
/// text is not a birthday.
pub fn next_birthday_of(
    stored: &str,
    calendar: BirthdayCalendar,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let (_, m, d) = birthday_parts(stored)?;
    match calendar {
        BirthdayCalendar::Gregorian => next_gregorian(m, d, today),
        BirthdayCalendar::Lunar => next_lunar(m, d, false, today),
        BirthdayCalendar::LunarLeap => next_lunar(m, d, true, today),
    }
}

/// The lunar month, day and whether the month is a leap one, of a Gregorian day.
pub fn lunar_of(day: NaiveDate) -> (u32, u32, bool) {
    let l = SolarDay::from_ymd(
        day.year() as isize,
        day.month() as usize,
        day.day() as usize,
    )
    .get_lunar_day();
    let m = l.get_lunar_month().get_month_with_leap();
    (m.unsigned_abs() as u32, l.get_day() as u32, m < 0)
}

/// A lunar date as people write it: 八月十五, 闰四月初一.
pub fn lunar_words(month: u32, day: u32, leap: bool) -> String {
    const MONTHS: [&str; 12] = [
        "正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊",
    ];
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let m = MONTHS
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?");
    let d = match day {
        1..=10 => format!(
            "初{}",
            if day == 10 {
                "十"
            } else {
                DIGITS[day as usize]
            }
        ),
        11..=19 => format!("十{}", DIGITS[(day - 10) as usize]),
        20 => "二十".into(),
        21..=29 => format!("廿{}", DIGITS[(day - 20) as usize]),
        30 => "三十".into(),
        _ => "?".into(),
    };
    format!("{}{m}月{d}", if leap { "闰" } else { "" })
}

/// A holiday a firm greets its customers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub name: &'static str,
    pub date: NaiveDate,
}

/// The seven 法定节假日 of a Gregorian year, by the day each falls on (the days off
/// around them are the State Council's yearly notice, not computed): 元旦, 春节 (农历
/// 正月初一), 清明节 (the solar term), 劳动节, 端午节 (五月初五), 中秋节 (八月十五),
/// 国庆节.
pub fn legal_holidays(year: i32) -> Vec<Holiday> {
    let fixed = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    // The lunar new year of a Gregorian year starts the lunar year of the same number.
    let lunar = |m, d| lunar_birthday_in(year, m, d, false);
    let qingming = naive(SolarTerm::from_name(year as isize, "清明").get_solar_day());
    [
        ("元旦", fixed(1, 1)),
        ("春节", lunar(1, 1)),
        ("清明节", qingming),
        ("劳动节", fixed(5, 1)),
        ("端午节", lunar(5, 5)),
        ("中秋节", lunar(8, 15)),
        ("国庆节", fixed(10, 1)),
    ]
    .into_iter()
    .filter_map(|(name, date)| Some(Holiday { name, date: date? }))
    .collect()
}

/// The holidays to greet for, from `today`: the next 法定节假日, and 春节 and 中秋节
/// when either comes within `days` (the big two, for which cards and gifts go out
/// early), the soonest first.
pub fn greetings(today: NaiveDate, days: i64) -> Vec<Holiday> {
    let mut ahead: Vec<Holiday> = (today.year()..=today.year() + 1)
        .flat_map(legal_holidays)
        .filter(|h| h.date >= today)
        .collect();
    ahead.sort_by_key(|h| h.date);
    let mut out: Vec<Holiday> = ahead.first().copied().into_iter().collect();
    for h in &ahead {
        let big = matches!(h.name, "春节" | "中秋节");
        if big && (h.date - today).num_days() <= days && !out.contains(h) {
            out.push(*h);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tyme4rs::tyme::Culture;
    use tyme4rs::tyme::holiday::LegalHoliday;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn birthdays_are_read_with_or_without_a_year() {
        assert_eq!(birthday_parts("1975-08-15"), Some((Some(1975), 8, 15)));
        assert_eq!(birthday_parts("1975年8月15日"), Some((Some(1975), 8, 15)));
        assert_eq!(birthday_parts("8月15日"), Some((None, 8, 15)));
        assert_eq!(birthday_parts("08-15"), Some((None, 8, 15)));
        assert_eq!(birthday_parts("--02-29"), Some((None, 2, 29)));
        assert_eq!(birthday_parts("１２/５"), Some((None, 12, 5)));
        assert_eq!(birthday_parts("13-01"), None);
        assert_eq!(birthday_parts("下个月"), None);
        assert_eq!(birthday_parts("1975-08-15 10:00"), None);
        assert_eq!(birthday_text(None, 8, 5), "08-05");
    }

    #[test]
    fn a_gregorian_birthday_comes_once_a_year_and_29_february_on_the_28th() {
        assert_eq!(
            next_gregorian(12, 5, d("2026-12-03")),
            Some(d("2026-12-05"))
        );
        assert_eq!(
            next_gregorian(12, 3, d("2026-12-03")),
            Some(d("2026-12-03"))
        );
        assert_eq!(next_gregorian(1, 2, d("2026-12-03")), Some(d("2027-01-02")));
        assert_eq!(
            next_gregorian(2, 29, d("2026-02-01")),
            Some(d("2026-02-28"))
        );
        assert_eq!(
            next_gregorian(2, 29, d("2028-02-01")),
            Some(d("2028-02-29"))
        );
    }

    /// Against dates printed in any Chinese almanac.
    #[test]
    fn lunar_birthdays_fall_on_their_gregorian_days() {
        // 中秋 2026 is 9月25日, 2027 is 9月15日.
        assert_eq!(
            next_lunar(8, 15, false, d("2026-09-01")),
            Some(d("2026-09-25"))
        );
        assert_eq!(
            next_lunar(8, 15, false, d("2026-09-26")),
            Some(d("2027-09-15"))
        );
        // 春节 2027 is 2月6日: a 正月初一 birthday in December is next year's.
        assert_eq!(
            next_lunar(1, 1, false, d("2026-12-03")),
            Some(d("2027-02-06"))
        );
        // 2025 had a leap sixth month (闰六月 began 7月25日): born 闰六月初一, greeted
        // then; in 2026 (no 闰六月) on 六月初一 (7月14日).
        assert_eq!(lunar_birthday_in(2025, 6, 1, true), Some(d("2025-07-25")));
        assert_eq!(lunar_birthday_in(2025, 6, 1, false), Some(d("2025-06-25")));
        assert_eq!(lunar_birthday_in(2026, 6, 1, true), Some(d("2026-07-14")));
        // Born on a 30th: the 29th of a month that has 29 days (2026's 腊月 has 29).
        let end = lunar_birthday_in(2026, 12, 30, false).unwrap();
        assert_eq!(end, lunar_birthday_in(2026, 12, 29, false).unwrap());
        assert_eq!(
            end + chrono::Duration::days(1),
            lunar_birthday_in(2027, 1, 1, false).unwrap()
        );
    }

    /// A leap-month birthday comes once in a lunar year with the leap month, never twice.
    #[test]
    fn a_leap_month_birthday_is_greeted_once() {
        let mut seen = Vec::new();
        let mut day = d("2025-01-01");
        while day < d("2026-03-01") {
            if next_lunar(6, 1, true, day) == Some(day) {
                seen.push(day);
            }
            day += chrono::Duration::days(1);
        }
        assert_eq!(seen, [d("2025-07-25")]);
    }

    /// The 法定节假日 we compute are the days tyme4rs' own holiday table (the State
    /// Council's notices, 2002–2026) lists as days off under the same name.
    #[test]
    fn legal_holidays_agree_with_the_published_table() {
        for year in 2008..=2026 {
            for h in legal_holidays(year) {
                let listed = LegalHoliday::from_ymd(
                    year as isize,
                    h.date.month() as usize,
                    h.date.day() as usize,
                )
                .unwrap_or_else(|| panic!("{year} {} {} not a holiday", h.name, h.date));
                assert!(!listed.is_work(), "{} {}", h.name, h.date);
                let name = listed.get_name();
                // 中秋 within 国庆's days off is listed as 国庆 (2009) or 国庆中秋 (2020).
                let both = h.name == "中秋节" && name == "国庆节";
                assert!(
                    name == h.name
                        || both
                        || (name == "国庆中秋" && matches!(h.name, "国庆节" | "中秋节")),
                    "{} {}: table says {name}",
                    h.name,
                    h.date
                );
            }
        }
    }

    #[test]
    fn the_next_holiday_and_the_big_two_ahead() {
        let g = greetings(d("2026-12-03"), 30);
        assert_eq!(
            g,
            [Holiday {
                name: "元旦",
                date: d("2027-01-01")
            }]
        );
        let g = greetings(d("2027-01-10"), 30);
        assert_eq!(
            g[0],
            Holiday {
                name: "春节",
                date: d("2027-02-06")
            }
        );
        assert_eq!(g.len(), 1);
        // Before 中秋 and 国庆 2026: 中秋 is the next; 国庆 is not one of the big two.
        let g = greetings(d("2026-09-01"), 30);
        assert_eq!(
            g,
            [Holiday {
                name: "中秋节",
                date: d("2026-09-25")
            }]
        );
        assert_eq!(lunar_words(8, 15, false), "八月十五");
        assert_eq!(lunar_of(d("2026-09-25")), (8, 15, false));
        assert_eq!(lunar_of(d("2025-07-25")), (6, 1, true));
        assert_eq!(lunar_words(4, 1, true), "闰四月初一");
        assert_eq!(lunar_words(12, 30, false), "腊月三十");
    }
}
