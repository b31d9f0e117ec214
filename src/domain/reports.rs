//! 统计报表: the period a report covers, and the figures' shape — a key (a month, a
//! grade, a salesperson …) with a count and an amount, and the 合计 row they add up to.

use chrono::{Datelike, NaiveDate};

/// The days a report covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// None when `to` is before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period { from, to })
    }

    /// 本月: the month of `today`, from its first day to its last.
    pub fn this_month(today: NaiveDate) -> Period {
        Period::months_from(first_of(today.year(), today.month()), 1)
    }

    /// 本季度: the quarter of `today`.
    pub fn this_quarter(today: NaiveDate) -> Period {
        let first = (today.month() - 1) / 3 * 3 + 1;
        Period::months_from(first_of(today.year(), first), 3)
    }

    /// 本年: the year of `today`.
    pub fn this_year(today: NaiveDate) -> Period {
        Period::months_from(first_of(today.year(), 1), 12)
    }

    /// 近 12 个月: the twelve whole months up to and including `today`'s.
    pub fn last_12_months(today: NaiveDate) -> Period {
        let this = first_of(today.year(), today.month());
        let from = this
            .checked_sub_months(chrono::Months::new(11))
            .unwrap_or(this);
        Period::months_from(from, 12)
    }

    fn months_from(first: NaiveDate, n: u32) -> Period {
        let next = first
            .checked_add_months(chrono::Months::new(n))
            .unwrap_or(NaiveDate::MAX);
        Period {
            from: first,
            to: next.pred_opt().unwrap_or(next),
        }
    }

    /// The period just before, compared with (上期): for whole calendar months the same
    /// number of months before (本季度 Q2 against Q1, 本月 December against November);
    /// for other dates the same number of days just before.
    pub fn before(&self) -> Period {
        if self.is_whole_months() {
            let n = self.months().len() as u32;
            if let Some(first) = self.from.checked_sub_months(chrono::Months::new(n)) {
                return Period::months_from(first, n);
            }
        }
        let days = (self.to - self.from).num_days();
        let to = self.from.pred_opt().unwrap_or(self.from);
        Period {
            from: to - chrono::Duration::days(days),
            to,
        }
    }

    /// The period starts on a month's first day and ends on a month's last.
    pub fn is_whole_months(&self) -> bool {
        self.from.day() == 1 && self.to.succ_opt().is_none_or(|d| d.day() == 1)
    }

    /// The days of `month` ("YYYY-MM") within the period, first and last; None when it
    /// is not a month.
    pub fn month_within(&self, month: &str) -> Option<(NaiveDate, NaiveDate)> {
        let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
        let last = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        Some((first.max(self.from), last.min(self.to)))
    }

    /// [`Period::month_ends`], none later than `today` (a month not over yet is worked
    /// out as it stands today) unless the whole period is still to come.
    pub fn month_ends_by(&self, today: NaiveDate) -> Vec<NaiveDate> {
        self.month_ends()
            .into_iter()
            .map(|d| if today >= self.from { d.min(today) } else { d })
            .collect()
    }

    /// Each month's last day within the period (the period's own last day for its last
    /// month), in order: the days 月末应收余额 is worked out at.
    pub fn month_ends(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut m = first_of(self.from.year(), self.from.month());
        while m <= self.to {
            let next = m.checked_add_months(chrono::Months::new(1));
            let last = next.and_then(|n| n.pred_opt()).unwrap_or(NaiveDate::MAX);
            out.push(last.min(self.to));
            match next {
                Some(n) => m = n,
                None => break,
            }
        }
        out
    }

    /// The calendar months the period touches, as "YYYY-MM", in order.
    pub fn months(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut m = first_of(self.from.year(), self.from.month());
        while m <= self.to {
            out.push(month_of(m));
            match m.checked_add_months(chrono::Months::new(1)) {
                Some(next) => m = next,
                None => break,
            }
        }
        out
    }
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

/// 应收余额 over a period: at each month's end, and at the period's end by how late.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owed {
    /// (month "YYYY-MM", owed at its last day within the period), in order.
    pub months: Vec<(String, i64)>,
    /// At the period's last day, by ageing bucket (未到期, 1–30 … 365 天以上 days past
    /// due); they add up to the last month's figure.
    pub buckets: [i64; crate::domain::contract::AGEING_BUCKETS],
    /// Customers that owe anything at the period's last day.
    pub customers: i64,
    /// The day the buckets are as of: the period's last day, or today when that is
    /// still to come.
    pub as_of: NaiveDate,
}

/// 审批用时 of a month: the approvals made in it (待审批 → 已批准), the days they waited
/// in all and the longest wait.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Approvals {
    pub month: String,
    pub count: i64,
    pub days: f64,
    pub longest: f64,
}

impl Approvals {
    /// The average wait in days; None without approvals.
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| self.days / self.count as f64)
    }

    /// The months added up (合计): every approval, the longest of all.
    pub fn total(rows: &[Approvals]) -> Approvals {
        Approvals {
            month: String::new(),
            count: rows.iter().map(|r| r.count).sum(),
            days: rows.iter().map(|r| r.days).sum(),
            longest: rows.iter().map(|r| r.longest).fold(0.0, f64::max),
        }
    }
}

/// A day's month as the reports key it: "2026-06".
pub fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// What the customers are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerDim {
    Grade,
    Category,
    Industry,
    Source,
    Province,
    City,
    Owner,
}

impl CustomerDim {
    pub const ALL: [CustomerDim; 7] = [
        CustomerDim::Grade,
        CustomerDim::Category,
        CustomerDim::Industry,
        CustomerDim::Source,
        CustomerDim::Province,
        CustomerDim::City,
        CustomerDim::Owner,
    ];

    /// The customers' column it reads (the store's SQL names it).
    pub fn column(self) -> &'static str {
        match self {
            CustomerDim::Grade => "grade",
            CustomerDim::Category => "category",
            CustomerDim::Industry => "industry",
            CustomerDim::Source => "source",
            CustomerDim::Province => "province",
            CustomerDim::City => "city",
            CustomerDim::Owner => "owner",
        }
    }
}

/// One row of a report: what it counts (a month, a grade, a salesperson …), how many
/// and how much (fen; 0 where the report counts no money).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub key: String,
    pub count: i64,
    pub amount_fen: i64,
}

/// A salesperson's period (统计报表 → 业务员): customers they own entered in it, the
/// contracts they signed that count and their amount, what was paid on their contracts,
/// the visits they made, the follow-ups open on them now, and the complaints from the
/// customers they own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SalesRow {
    pub who: String,
    pub new_customers: i64,
    pub contracts: i64,
    pub signed_fen: i64,
    pub received_fen: i64,
    pub visits: i64,
    pub open_followups: i64,
    pub complaints: i64,
}

impl SalesRow {
    /// The 合计 row.
    pub fn total(rows: &[SalesRow]) -> SalesRow {
        rows.iter().fold(
            SalesRow {
                who: "合计".into(),
                ..Default::default()
            },
            |mut t, r| {
                t.new_customers += r.new_customers;
                t.contracts += r.contracts;
                t.signed_fen += r.signed_fen;
                t.received_fen += r.received_fen;
                t.visits += r.visits;
                t.open_followups += r.open_followups;
                t.complaints += r.complaints;
                t
            },
        )
    }
}

/// The 业务员 table's columns, in order (the sort key is the column's index).
pub const SALES_COLUMNS: usize = 8;

impl SalesRow {
    /// The figure in column `col` (1…7; 0, the name, has none).
    pub fn figure(&self, col: usize) -> i64 {
        match col {
            1 => self.new_customers,
            2 => self.contracts,
            3 => self.signed_fen,
            4 => self.received_fen,
            5 => self.visits,
            6 => self.open_followups,
            7 => self.complaints,
            _ => 0,
        }
    }
}

/// `rows` sorted by column `col` (0 the name, in pinyin order), largest first when
/// `desc`; ties by name.
pub fn sort_sales(rows: &mut [SalesRow], col: usize, desc: bool) {
    let name = |r: &SalesRow| super::pinyin::sort_key(&r.who);
    rows.sort_by(|a, b| {
        let o = if col == 0 {
            name(a).cmp(&name(b))
        } else {
            a.figure(col).cmp(&b.figure(col))
        };
        let o = if desc { o.reverse() } else { o };
        o.then_with(|| name(a).cmp(&name(b)))
    });
}

/// The ages of the complaints still open at a period's end, in days from the
/// complaint's date: 0–7, 8–30, 31–90, over 90.
pub const COMPLAINT_AGES: [(i64, i64); 4] = [(0, 7), (8, 30), (31, 90), (91, i64::MAX)];

/// The bucket of [`COMPLAINT_AGES`] an age in days falls in.
pub fn complaint_age_bucket(days: i64) -> usize {
    COMPLAINT_AGES
        .iter()
        .position(|(lo, hi)| days >= *lo && days <= *hi)
        .unwrap_or(0)
}

/// A chart axis's step: 1, 2 or 5 times a power of ten, about a quarter of `most`, and
/// at least `least` (a whole customer, a whole yuan in fen).
pub fn nice_step(most: i64, least: i64) -> i64 {
    let rough = (most as f64 / 4.0).max(least as f64);
    let pow = 10f64.powf(rough.log10().floor());
    let nice = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|k| k * pow)
        .find(|v| *v >= rough)
        .unwrap_or(10.0 * pow);
    (nice as i64).max(least)
}

/// The 合计 row of `rows`: their counts and amounts added up.
pub fn total(rows: &[Tally]) -> Tally {
    Tally {
        key: "合计".into(),
        count: rows.iter().map(|r| r.count).sum(),
        amount_fen: rows.iter().map(|r| r.amount_fen).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_presets_cover_whole_months() {
        let today = d("2026-02-14");
        assert_eq!(
            Period::this_month(today),
            Period::new(d("2026-02-01"), d("2026-02-28")).unwrap()
        );
        assert_eq!(
            Period::this_quarter(d("2026-12-03")),
            Period::new(d("2026-10-01"), d("2026-12-31")).unwrap()
        );
        assert_eq!(
            Period::this_year(today),
            Period::new(d("2026-01-01"), d("2026-12-31")).unwrap()
        );
        let p = Period::last_12_months(today);
        assert_eq!((p.from, p.to), (d("2025-03-01"), d("2026-02-28")));
        assert_eq!(p.months().len(), 12);
        assert_eq!(p.months()[0], "2025-03");
        assert_eq!(
            Period::this_month(d("2024-02-10")).to,
            d("2024-02-29"),
            "a leap February"
        );
    }

    #[test]
    fn a_month_within_the_period() {
        let p = Period::new(d("2026-01-15"), d("2026-03-10")).unwrap();
        assert_eq!(
            p.month_within("2026-01"),
            Some((d("2026-01-15"), d("2026-01-31")))
        );
        assert_eq!(
            p.month_within("2026-02"),
            Some((d("2026-02-01"), d("2026-02-28")))
        );
        assert_eq!(
            p.month_within("2026-03"),
            Some((d("2026-03-01"), d("2026-03-10")))
        );
        assert_eq!(p.month_within("合计"), None);
    }

    #[test]
    fn month_ends_stop_at_today() {
        let p = Period::new(d("2026-10-01"), d("2026-12-31")).unwrap();
        assert_eq!(
            p.month_ends_by(d("2026-12-03")),
            [d("2026-10-31"), d("2026-11-30"), d("2026-12-03")]
        );
        assert_eq!(p.month_ends_by(d("2027-01-05")), p.month_ends());
        assert_eq!(
            p.month_ends_by(d("2026-09-01")),
            p.month_ends(),
            "all to come"
        );
    }

    #[test]
    fn month_ends_stop_at_the_period_end() {
        let p = Period::new(d("2024-01-15"), d("2024-03-10")).unwrap();
        assert_eq!(
            p.month_ends(),
            [d("2024-01-31"), d("2024-02-29"), d("2024-03-10")]
        );
        assert_eq!(p.month_ends().len(), p.months().len());
        let one = Period::new(d("2026-12-03"), d("2026-12-03")).unwrap();
        assert_eq!(one.month_ends(), [d("2026-12-03")]);
    }

    #[test]
    fn the_period_before_is_the_same_months_or_the_same_days_before() {
        // Whole months: the quarter before, the month before (31 days against 30).
        let p = Period::new(d("2026-04-01"), d("2026-06-30")).unwrap();
        let b = p.before();
        assert_eq!((b.from, b.to), (d("2026-01-01"), d("2026-03-31")));
        let b = Period::this_month(d("2026-12-03")).before();
        assert_eq!((b.from, b.to), (d("2026-11-01"), d("2026-11-30")));
        let b = Period::this_month(d("2026-03-15")).before();
        assert_eq!((b.from, b.to), (d("2026-02-01"), d("2026-02-28")));
        let b = Period::this_year(d("2026-03-15")).before();
        assert_eq!((b.from, b.to), (d("2025-01-01"), d("2025-12-31")));
        // Any other dates: as many days, just before.
        let p = Period::new(d("2026-04-10"), d("2026-04-19")).unwrap();
        let b = p.before();
        assert_eq!((b.from, b.to), (d("2026-03-31"), d("2026-04-09")));
        assert_eq!((b.to - b.from).num_days(), (p.to - p.from).num_days());
        assert!(Period::new(d("2026-02-01"), d("2026-01-31")).is_none());
        assert_eq!(
            Period::new(d("2026-01-31"), d("2026-03-01"))
                .unwrap()
                .months(),
            ["2026-01", "2026-02", "2026-03"]
        );
    }

    #[test]
    fn the_salespeople_sort_by_any_column_ties_by_name() {
        let row = |who: &str, visits: i64, fen: i64| SalesRow {
            who: who.into(),
            visits,
            signed_fen: fen,
            ..Default::default()
        };
        let mut rows = vec![
            row("王强", 3, 100),
            row("李娜", 5, 100),
            row("张明", 3, 900),
        ];
        sort_sales(&mut rows, 5, true);
        let names = |rows: &[SalesRow]| rows.iter().map(|r| r.who.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&rows),
            ["李娜", "王强", "张明"],
            "3 visits each: by pinyin"
        );
        sort_sales(&mut rows, 3, false);
        assert_eq!(names(&rows), ["李娜", "王强", "张明"]);
        sort_sales(&mut rows, 0, false);
        assert_eq!(names(&rows), ["李娜", "王强", "张明"]);
        sort_sales(&mut rows, 0, true);
        assert_eq!(names(&rows), ["张明", "王强", "李娜"]);
        let t = SalesRow::total(&rows);
        assert_eq!((t.visits, t.signed_fen, t.who.as_str()), (11, 1100, "合计"));
    }

    #[test]
    fn the_total_adds_up() {
        let rows = [
            Tally {
                key: "A".into(),
                count: 2,
                amount_fen: 1,
            },
            Tally {
                key: "B".into(),
                count: 3,
                amount_fen: 99,
            },
        ];
        assert_eq!(
            total(&rows),
            Tally {
                key: "合计".into(),
                count: 5,
                amount_fen: 100
            }
        );
    }
}
