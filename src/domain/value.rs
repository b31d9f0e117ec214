//! 客户价值与流失: what the firm's own contracts say about its customers — churn and
//! retention per period, RFM (recency, frequency, monetary) with scores, the eight
//! segments and a suggested grade. Pure computations over purchases; the store reads
//! the purchases (a contract counts when 已批准, 执行中 or 已完成, dated by 签订日期,
//! its amount 金额).

use chrono::{Datelike, Months, NaiveDate};

/// `kehu report rfm`'s columns (README → 客户价值与流失).
pub const RFM_HEADERS: [&str; 12] = [
    "客户编号",
    "客户名称",
    "最近签约日期",
    "R（天）",
    "F（次）",
    "M（元）",
    "R分",
    "F分",
    "M分",
    "价值细分",
    "建议等级",
    "当前等级",
];

/// `kehu report churn`'s columns.
pub const CHURN_HEADERS: [&str; 7] = [
    "期间",
    "消费人数",
    "保持数",
    "流失数",
    "流失率",
    "保持率",
    "新增客户数",
];

/// One counted contract: who bought, when, how much (fen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Purchase {
    pub customer: i64,
    pub on: NaiveDate,
    pub fen: i64,
}

/// How long a churn period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Year,
    Quarter,
    Month,
}

impl PeriodKind {
    pub fn from_key(s: &str) -> Option<PeriodKind> {
        match s {
            "year" => Some(PeriodKind::Year),
            "quarter" => Some(PeriodKind::Quarter),
            "month" => Some(PeriodKind::Month),
            _ => None,
        }
    }

    fn months(self) -> u32 {
        match self {
            PeriodKind::Year => 12,
            PeriodKind::Quarter => 3,
            PeriodKind::Month => 1,
        }
    }

    /// The first day of the period holding `d`.
    pub fn start_of(self, d: NaiveDate) -> NaiveDate {
        let m0 = (d.month0() / self.months()) * self.months();
        NaiveDate::from_ymd_opt(d.year(), m0 + 1, 1).expect("a first of a month")
    }

    /// The period's name: 2024, 2024Q1, 2024-03.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            PeriodKind::Year => format!("{}", start.year()),
            PeriodKind::Quarter => format!("{}Q{}", start.year(), start.month0() / 3 + 1),
            PeriodKind::Month => format!("{}-{:02}", start.year(), start.month()),
        }
    }

    fn next(self, start: NaiveDate) -> NaiveDate {
        start + Months::new(self.months())
    }
}

/// Churn and retention for one period P (against P−1, the period before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChurnRow {
    /// 2024, 2024Q1, 2024-03.
    pub period: String,
    pub start: NaiveDate,
    /// 消费人数: customers with a counted contract in P−1.
    pub buyers: usize,
    /// 保持数: those of them with a counted contract in P.
    pub kept: usize,
    /// 流失数 = 消费人数 − 保持数.
    pub lost: usize,
    /// 新增客户数: customers whose first counted contract ever is in P.
    pub new: usize,
    /// P holds the as-of date and ends after it: counted up to that date (未结束).
    pub open: bool,
}

impl ChurnRow {
    /// 流失率 in per cent (None when 消费人数 is 0).
    pub fn churn_rate(&self) -> Option<f64> {
        (self.buyers > 0).then(|| self.lost as f64 * 100.0 / self.buyers as f64)
    }

    /// 保持率 in per cent = 100 − 流失率.
    pub fn retention_rate(&self) -> Option<f64> {
        (self.buyers > 0).then(|| self.kept as f64 * 100.0 / self.buyers as f64)
    }
}

/// Churn and retention for every period from the one holding `from` to the one holding
/// `as_of`; purchases after `as_of` are not counted.
pub fn churn(
    purchases: &[Purchase],
    kind: PeriodKind,
    from: NaiveDate,
    as_of: NaiveDate,
) -> Vec<ChurnRow> {
    // Periods as numbers (months since year 0 divided by the period's length), so a
    // million purchases are sorted into plain vectors, not hashed by date.
    let len = i64::from(kind.months());
    let index = |d: NaiveDate| (i64::from(d.year()) * 12 + i64::from(d.month0())) / len;
    let (first_ix, last_ix) = (index(from), index(as_of));
    if first_ix > last_ix {
        return Vec::new();
    }
    // Who bought in each period from the one before `from` to the one holding `as_of`,
    // and in which period each customer first bought.
    let mut buyers: Vec<Vec<i64>> = vec![Vec::new(); (last_ix - first_ix + 2) as usize];
    let mut first: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    for p in purchases.iter().filter(|p| p.on <= as_of) {
        let ix = index(p.on);
        if ix >= first_ix - 1 {
            buyers[(ix - first_ix + 1) as usize].push(p.customer);
        }
        first
            .entry(p.customer)
            .and_modify(|f| *f = (*f).min(ix))
            .or_insert(ix);
    }
    for b in &mut buyers {
        b.sort_unstable();
        b.dedup();
    }
    let mut new = vec![0usize; buyers.len()];
    for ix in first.values() {
        if (first_ix..=last_ix).contains(ix) {
            new[(ix - first_ix + 1) as usize] += 1;
        }
    }
    let first_start = kind.start_of(from);
    (1..buyers.len())
        .map(|k| {
            let (before, now) = (&buyers[k - 1], &buyers[k]);
            let kept = before
                .iter()
                .filter(|c| now.binary_search(c).is_ok())
                .count();
            let start = first_start + Months::new((k as u32 - 1) * kind.months());
            ChurnRow {
                period: kind.label(start),
                start,
                buyers: before.len(),
                kept,
                lost: before.len() - kept,
                new: new[k],
                open: kind.next(start) > as_of + chrono::Duration::days(1),
            }
        })
        .collect()
}

/// The customers lost in the period starting at `start`: a counted contract in the
/// period before, none in this one up to `as_of` — the 流失数 of that period's row, by
/// name (for the current period: the customers to win back). Sorted by id.
pub fn lost_in(
    purchases: &[Purchase],
    kind: PeriodKind,
    start: NaiveDate,
    as_of: NaiveDate,
) -> Vec<i64> {
    let before = start - Months::new(kind.months());
    let end = kind.next(start);
    let mut bought_before = Vec::new();
    let mut bought_now = Vec::new();
    for p in purchases.iter().filter(|p| p.on <= as_of) {
        if p.on >= before && p.on < start {
            bought_before.push(p.customer);
        } else if p.on >= start && p.on < end {
            bought_now.push(p.customer);
        }
    }
    bought_now.sort_unstable();
    bought_before.sort_unstable();
    bought_before.dedup();
    bought_before.retain(|c| bought_now.binary_search(c).is_err());
    bought_before
}

/// R, F and M of one customer as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rfm {
    /// The latest counted contract up to the date, and R = days from it to the date.
    pub latest: Option<NaiveDate>,
    pub r_days: Option<i64>,
    /// Counted contracts in the window, and their amounts (fen).
    pub f: i64,
    pub m_fen: i64,
}

/// The window RFM looks back over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// The N months ending at the as-of date.
    Months(u32),
    /// 全部: all history.
    All,
}

impl Window {
    /// Whether a purchase on `on` falls in the window ending at `as_of`: after
    /// `as_of` − N months, up to and including `as_of`.
    pub fn holds(self, on: NaiveDate, as_of: NaiveDate) -> bool {
        on <= as_of
            && match self {
                Window::All => true,
                Window::Months(n) => on > as_of - Months::new(n),
            }
    }
}

/// Each customer's R, F, M as of `as_of` over `window`, indexed by customer id (a
/// customer that never bought up to `as_of` has the default: F = 0, 无交易).
pub fn rfm(purchases: &[Purchase], as_of: NaiveDate, window: Window) -> Vec<Rfm> {
    let len = purchases.iter().map(|p| p.customer).max().unwrap_or(-1) + 1;
    let mut out = vec![Rfm::default(); len.max(0) as usize];
    for p in purchases
        .iter()
        .filter(|p| p.on <= as_of && p.customer >= 0)
    {
        let e = &mut out[p.customer as usize];
        if e.latest.is_none_or(|l| p.on > l) {
            e.latest = Some(p.on);
            e.r_days = Some((as_of - p.on).num_days());
        }
        if window.holds(p.on, as_of) {
            e.f += 1;
            e.m_fen += p.fen;
        }
    }
    out
}

/// Four cut points per measure: a score is 1 + how many of them the value passes
/// (for R, fewer days is better: 5 − how many it passes).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Thresholds {
    pub r_days: [i64; 4],
    pub f: [i64; 4],
    pub m_fen: [i64; 4],
}

/// The 20/40/60/80 % points of `v` (sorted copy; nearest rank).
fn quintiles(mut v: Vec<i64>) -> [i64; 4] {
    v.sort_unstable();
    if v.is_empty() {
        return [0; 4];
    }
    std::array::from_fn(|i| {
        let rank = ((i + 1) * v.len()).div_ceil(5);
        v[rank.saturating_sub(1).min(v.len() - 1)]
    })
}

impl Thresholds {
    /// The default: the quintiles of the customers with F > 0.
    pub fn quintiles(values: &[Rfm]) -> Thresholds {
        let scored: Vec<&Rfm> = values.iter().filter(|r| r.f > 0).collect();
        Thresholds {
            r_days: quintiles(scored.iter().filter_map(|r| r.r_days).collect()),
            f: quintiles(scored.iter().map(|r| r.f).collect()),
            m_fen: quintiles(scored.iter().map(|r| r.m_fen).collect()),
        }
    }

    /// Whether the firm's own thresholds can score: each measure's four cut points not
    /// negative and rising (equal neighbours allowed: a score then has no values).
    pub fn usable(&self) -> bool {
        [&self.r_days, &self.f, &self.m_fen]
            .iter()
            .all(|t| t[0] >= 0 && t.windows(2).all(|w| w[0] <= w[1]))
    }

    /// R, F and M scores 1–5; None for 无交易 (F = 0).
    pub fn scores(&self, r: &Rfm) -> Option<[u8; 3]> {
        if r.f == 0 {
            return None;
        }
        let above = |v: i64, t: &[i64; 4]| t.iter().filter(|c| v > **c).count() as u8;
        let r_score = 5 - above(r.r_days.unwrap_or(i64::MAX), &self.r_days).min(4);
        Some([
            r_score,
            1 + above(r.f, &self.f),
            1 + above(r.m_fen, &self.m_fen),
        ])
    }
}

/// The eight RFM segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment {
    /// 重要价值客户: R, F, M all high.
    ImportantValue,
    /// 重要发展客户: R high, F low, M high.
    ImportantDevelop,
    /// 重要保持客户: R low, F high, M high.
    ImportantKeep,
    /// 重要挽留客户: R low, F low, M high.
    ImportantWinBack,
    /// 一般价值客户: R high, F high, M low.
    GeneralValue,
    /// 一般发展客户: R high, F low, M low.
    GeneralDevelop,
    /// 一般保持客户: R low, F high, M low.
    GeneralKeep,
    /// 一般挽留客户: R, F, M all low.
    GeneralWinBack,
}

impl Segment {
    pub const ALL: [Segment; 8] = [
        Segment::ImportantValue,
        Segment::ImportantDevelop,
        Segment::ImportantKeep,
        Segment::ImportantWinBack,
        Segment::GeneralValue,
        Segment::GeneralDevelop,
        Segment::GeneralKeep,
        Segment::GeneralWinBack,
    ];

    /// From high (true) or low R, F and M.
    pub fn of(r_high: bool, f_high: bool, m_high: bool) -> Segment {
        match (m_high, r_high, f_high) {
            (true, true, true) => Segment::ImportantValue,
            (true, true, false) => Segment::ImportantDevelop,
            (true, false, true) => Segment::ImportantKeep,
            (true, false, false) => Segment::ImportantWinBack,
            (false, true, true) => Segment::GeneralValue,
            (false, true, false) => Segment::GeneralDevelop,
            (false, false, true) => Segment::GeneralKeep,
            (false, false, false) => Segment::GeneralWinBack,
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Segment::ImportantValue => "重要价值客户",
            Segment::ImportantDevelop => "重要发展客户",
            Segment::ImportantKeep => "重要保持客户",
            Segment::ImportantWinBack => "重要挽留客户",
            Segment::GeneralValue => "一般价值客户",
            Segment::GeneralDevelop => "一般发展客户",
            Segment::GeneralKeep => "一般保持客户",
            Segment::GeneralWinBack => "一般挽留客户",
        }
    }
}

/// The segment of each scored customer: a score is high when it is above the average
/// of that score over the scored customers (equal to it is low).
pub fn segments(scores: &[[u8; 3]]) -> Vec<Segment> {
    if scores.is_empty() {
        return Vec::new();
    }
    let n = scores.len() as f64;
    let avg: [f64; 3] =
        std::array::from_fn(|i| scores.iter().map(|s| f64::from(s[i])).sum::<f64>() / n);
    scores
        .iter()
        .map(|s| {
            Segment::of(
                f64::from(s[0]) > avg[0],
                f64::from(s[1]) > avg[1],
                f64::from(s[2]) > avg[2],
            )
        })
        .collect()
}

/// How the suggested grade is worked out from the customers' M.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GradeRule {
    /// A–D by cumulative share of M: A the customers making the first `a` % of it,
    /// B the next `b` %, C the next `c` %, D the rest (defaults 50, 30, 15).
    Abcd { a: f64, b: f64, c: f64 },
    /// ABC by the 80:20 rule: A the first 80 % of M, B the next 15 %, C the rest.
    Abc,
}

impl Default for GradeRule {
    fn default() -> Self {
        GradeRule::Abcd {
            a: 50.0,
            b: 30.0,
            c: 15.0,
        }
    }
}

/// The suggested grade of each customer in `m_fen` (in that order): customers sorted
/// by M, largest first; a customer whose M starts before the cumulative share reaches
/// a grade's bound gets that grade (so the one crossing 50 % is still A). Customers
/// with no M get the lowest grade.
pub fn suggested_grades(m_fen: &[i64], rule: GradeRule) -> Vec<char> {
    let bounds: Vec<(f64, char)> = match rule {
        GradeRule::Abcd { a, b, c } => vec![(a, 'A'), (a + b, 'B'), (a + b + c, 'C')],
        GradeRule::Abc => vec![(80.0, 'A'), (95.0, 'B')],
    };
    let lowest = match rule {
        GradeRule::Abcd { .. } => 'D',
        GradeRule::Abc => 'C',
    };
    let total: i64 = m_fen.iter().filter(|m| **m > 0).sum();
    let mut order: Vec<usize> = (0..m_fen.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(m_fen[*i]));
    let mut out = vec![lowest; m_fen.len()];
    let mut before = 0i64;
    for i in order {
        if m_fen[i] <= 0 || total == 0 {
            break;
        }
        let share = before as f64 * 100.0 / total as f64;
        out[i] = bounds
            .iter()
            .find(|(b, _)| share < *b)
            .map(|(_, g)| *g)
            .unwrap_or(lowest);
        before += m_fen[i];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_are_named_and_bounded() {
        assert_eq!(
            PeriodKind::Quarter.start_of(d("2024-05-17")),
            d("2024-04-01")
        );
        assert_eq!(PeriodKind::Quarter.label(d("2024-04-01")), "2024Q2");
        assert_eq!(PeriodKind::Month.label(d("2024-03-01")), "2024-03");
        assert_eq!(PeriodKind::Year.label(d("2024-01-01")), "2024");
    }

    #[test]
    fn the_customers_lost_in_a_period_are_named_as_its_row_counts_them() {
        let p = |c, on: &str| Purchase {
            customer: c,
            on: d(on),
            fen: 100,
        };
        let all = [
            p(1, "2023-05-01"),
            p(2, "2023-07-01"),
            p(2, "2024-02-01"),
            p(3, "2023-12-31"),
            // Bought again only after the as-of date: still lost as of then.
            p(3, "2024-12-01"),
            p(4, "2024-03-01"),
            // A draft-like purchase out of range: the period before 2023.
            p(5, "2022-12-31"),
        ];
        let as_of = d("2024-06-30");
        assert_eq!(
            lost_in(&all, PeriodKind::Year, d("2024-01-01"), as_of),
            vec![1, 3]
        );
        let rows = churn(&all, PeriodKind::Year, d("2024-01-01"), as_of);
        assert_eq!(rows[0].lost, 2);
        assert_eq!(
            lost_in(&all, PeriodKind::Year, d("2023-01-01"), as_of),
            vec![5]
        );
    }

    #[test]
    fn a_customer_who_bought_in_2023_and_not_2024_is_one_lost_in_2024() {
        let p = |c, on: &str| Purchase {
            customer: c,
            on: d(on),
            fen: 100,
        };
        let rows = churn(
            &[
                p(1, "2023-05-01"),
                p(2, "2023-07-01"),
                p(2, "2024-02-01"),
                p(3, "2024-03-01"),
            ],
            PeriodKind::Year,
            d("2024-01-01"),
            d("2024-12-31"),
        );
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!((r.buyers, r.kept, r.lost, r.new), (2, 1, 1, 1));
        assert_eq!(r.churn_rate(), Some(50.0));
        assert!(!r.open, "2024 is over on its last day");
        let open = churn(
            &[p(1, "2023-05-01")],
            PeriodKind::Year,
            d("2024-01-01"),
            d("2024-06-30"),
        );
        assert!(open[0].open);
    }

    #[test]
    fn the_window_is_after_its_start_up_to_and_including_the_date() {
        let as_of = d("2026-12-01");
        let w = Window::Months(36);
        assert!(w.holds(d("2026-12-01"), as_of));
        assert!(!w.holds(d("2026-12-02"), as_of));
        assert!(
            !w.holds(d("2023-12-01"), as_of),
            "exactly 36 months before: out"
        );
        assert!(w.holds(d("2023-12-02"), as_of));
    }

    #[test]
    fn segments_split_at_the_average_equal_being_low() {
        // Averages: R 3, F 3, M 3.
        let s = segments(&[[5, 5, 5], [1, 1, 1], [3, 3, 3]]);
        assert_eq!(
            s,
            [
                Segment::ImportantValue,
                Segment::GeneralWinBack,
                Segment::GeneralWinBack
            ]
        );
        let s = segments(&[[4, 1, 5], [2, 5, 1]]);
        assert_eq!(s, [Segment::ImportantDevelop, Segment::GeneralKeep]);
    }

    #[test]
    fn grades_by_cumulative_share_of_m() {
        // Total 100: 40 (0 % before) A, 30 (40 % before) A, 20 (70 %) B, 6 (90 %) C,
        // 4 (96 %) D, 0 D.
        let g = suggested_grades(&[20, 40, 0, 6, 30, 4], GradeRule::default());
        assert_eq!(g, ['B', 'A', 'D', 'C', 'A', 'D']);
        let g = suggested_grades(&[20, 40, 0, 6, 30, 4], GradeRule::Abc);
        assert_eq!(g, ['A', 'A', 'C', 'B', 'A', 'C']);
    }

    #[test]
    fn scores_by_thresholds_recent_is_high() {
        let t = Thresholds {
            r_days: [30, 90, 180, 365],
            f: [1, 2, 4, 8],
            m_fen: [100, 200, 300, 400],
        };
        let r = Rfm {
            latest: None,
            r_days: Some(30),
            f: 9,
            m_fen: 250,
        };
        assert_eq!(t.scores(&r), Some([5, 5, 3]));
        let r = Rfm {
            r_days: Some(400),
            f: 1,
            m_fen: 100,
            ..r
        };
        assert_eq!(t.scores(&r), Some([1, 1, 1]));
        assert_eq!(t.scores(&Rfm::default()), None, "无交易");
    }
}
