//! 客户价值与流失 from the store: the purchases (counted contracts of customers not in
//! the trash) and the RFM table and churn series worked out from them by
//! [`crate::domain::value`].

use chrono::NaiveDate;

use rusqlite::OptionalExtension;

use super::{Result, Store};
use crate::domain::value::{
    ChurnRow, GradeRule, PeriodKind, Purchase, Rfm, Segment, Thresholds, Window, churn, rfm,
    segments, suggested_grades,
};

/// One customer's line of the RFM table.
#[derive(Debug, Clone, PartialEq)]
pub struct RfmLine {
    pub customer_id: i64,
    pub code: String,
    pub name: String,
    /// 当前等级 as stored (A–D or empty).
    pub grade: String,
    pub owner: String,
    pub rfm: Rfm,
    /// R, F, M scores 1–5; None for 无交易.
    pub scores: Option<[u8; 3]>,
    pub segment: Option<Segment>,
    /// 建议等级; None for 无交易.
    pub suggested: Option<char>,
}

/// How 客户分析 splits its churn series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChurnSplit {
    #[default]
    Overall,
    /// By the customers' grade (as stored now).
    Grade,
    /// By the customers' salesperson (as stored now).
    Owner,
}

/// What 客户分析 asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAsk {
    pub as_of: NaiveDate,
    pub window: Window,
    pub period: PeriodKind,
    pub split: ChurnSplit,
    /// The score thresholds; None for the quintiles of the data.
    pub thresholds: Option<Thresholds>,
    pub rule: GradeRule,
}

/// What 客户分析 shows.
#[derive(Debug, Clone)]
pub struct ValueReport {
    pub lines: Vec<RfmLine>,
    pub thresholds: Thresholds,
    /// Churn per period over every customer, from the first counted contract's period
    /// to the one holding the as-of date.
    pub churn: Vec<ChurnRow>,
    /// The same per group (empty when not split): the group's name ("" for customers
    /// with none) and its series.
    pub groups: Vec<(String, Vec<ChurnRow>)>,
    /// Every counted contract, for naming the customers behind a figure.
    pub purchases: Vec<Purchase>,
}

/// What the win-back list shows beside a customer: its latest counted contract up to
/// the as-of date, and how many of its complaints are still open.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WinBackInfo {
    /// 合同编号 and 签订日期 as stored, and 金额 (fen); empty when none.
    pub last_number: String,
    pub last_signed: String,
    pub last_fen: i64,
    /// 投诉 in 交往反馈 still 待处理 or 处理中 (not in the trash).
    pub open_complaints: u32,
}

impl ValueReport {
    /// How many customers each segment holds (in [`Segment::ALL`] order), and how many
    /// are 无交易, in one pass.
    pub fn segment_counts(&self) -> ([usize; 8], usize) {
        let mut counts = [0; 8];
        let mut none = 0;
        for l in &self.lines {
            match l
                .segment
                .and_then(|s| Segment::ALL.iter().position(|x| *x == s))
            {
                Some(i) => counts[i] += 1,
                None => none += 1,
            }
        }
        (counts, none)
    }
}

impl Store {
    /// Every counted contract (已批准, 执行中, 已完成; not in the trash, not replaced by
    /// a revision) of a customer not in the trash, with a readable 签订日期.
    pub fn purchases(&self) -> Result<Vec<Purchase>> {
        // The few customers in the trash are left out here rather than by a join with
        // every contract.
        let trashed: std::collections::HashSet<i64> = self
            .conn
            .prepare_cached("SELECT id FROM customers WHERE deleted_at IS NOT NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, signed_on, amount_fen FROM contracts
             WHERE deleted_at IS NULL AND superseded_by IS NULL
               AND status IN ('approved', 'in_force', 'completed')",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let customer: i64 = r.get(0)?;
            if trashed.contains(&customer) {
                continue;
            }
            let on = match r.get_ref(1)? {
                rusqlite::types::ValueRef::Text(t) => iso_date(t)
                    .or_else(|| crate::domain::validate::parse_date(&String::from_utf8_lossy(t))),
                _ => None,
            };
            if let Some(on) = on {
                out.push(Purchase {
                    customer,
                    on,
                    fen: r.get(2)?,
                });
            }
        }
        Ok(out)
    }

    /// The RFM table as of `as_of` over `window`: every customer not in the trash, with
    /// its R, F, M, scores (by `thresholds`, or the quintiles of the data), segment and
    /// suggested grade; 无交易 (F = 0) ones without scores. In the customers' list order
    /// (by name); also the thresholds used.
    pub fn rfm_table(
        &self,
        as_of: NaiveDate,
        window: Window,
        thresholds: Option<Thresholds>,
        rule: GradeRule,
    ) -> Result<(Vec<RfmLine>, Thresholds)> {
        let (customers, purchases) = self.customers_and_purchases()?;
        Ok(rfm_lines(
            customers, &purchases, as_of, window, thresholds, rule,
        ))
    }

    /// Everything 客户分析 shows, from one reading of the contracts: the RFM table,
    /// churn per period overall and per group, and the purchases themselves (to name
    /// the customers behind a figure).
    pub fn value_report(&self, ask: &ValueAsk) -> Result<ValueReport> {
        let (customers, purchases) = self.customers_and_purchases()?;
        let (lines, thresholds) = rfm_lines(
            customers,
            &purchases,
            ask.as_of,
            ask.window,
            ask.thresholds.clone(),
            ask.rule,
        );
        let from = purchases
            .iter()
            .map(|p| p.on)
            .filter(|d| *d <= ask.as_of)
            .min();
        let series = |p: &[Purchase]| match from {
            Some(f) => churn(p, ask.period, f, ask.as_of),
            None => Vec::new(),
        };
        let overall = series(&purchases);
        let groups = match ask.split {
            ChurnSplit::Overall => Vec::new(),
            ChurnSplit::Grade => split_churn(&lines, &purchases, |l| &l.grade, series),
            ChurnSplit::Owner => split_churn(&lines, &purchases, |l| &l.owner, series),
        };
        Ok(ValueReport {
            lines,
            thresholds,
            churn: overall,
            groups,
            purchases,
        })
    }

    /// The win-back list's details of `ids`: each one's latest counted contract signed
    /// up to `as_of`, and its open complaints. Read one customer at a time by index
    /// (the list is the lost customers of one period, not the whole table).
    pub fn win_back_details(
        &self,
        ids: &[i64],
        as_of: NaiveDate,
    ) -> Result<std::collections::HashMap<i64, WinBackInfo>> {
        let mut last = self.conn.prepare_cached(
            "SELECT number, signed_on, amount_fen FROM contracts
             WHERE customer_id = ?1 AND deleted_at IS NULL AND superseded_by IS NULL
               AND status IN ('approved', 'in_force', 'completed') AND signed_on <= ?2
             ORDER BY signed_on DESC, id DESC LIMIT 1",
        )?;
        let mut complaints = self.conn.prepare_cached(
            "SELECT count(*) FROM feedback
             WHERE customer_id = ?1 AND deleted_at IS NULL AND kind = 'complaint'
               AND status IN ('open', 'in_progress')",
        )?;
        let day = as_of.format("%Y-%m-%d").to_string();
        let mut out = std::collections::HashMap::with_capacity(ids.len());
        for id in ids {
            let mut info = last
                .query_row(rusqlite::params![id, day], |r| {
                    Ok(WinBackInfo {
                        last_number: r.get(0)?,
                        last_signed: r.get(1)?,
                        last_fen: r.get(2)?,
                        open_complaints: 0,
                    })
                })
                .optional()?
                .unwrap_or_default();
            info.open_complaints = complaints.query_row([id], |r| r.get(0))?;
            out.insert(*id, info);
        }
        Ok(out)
    }

    /// Every customer not in the trash (without figures) and every purchase, read on two
    /// connections at once: the two halves of the work on two cores.
    fn customers_and_purchases(&self) -> Result<(Vec<RfmLine>, Vec<Purchase>)> {
        let path = self.path.clone();
        let (customers, purchases) = std::thread::scope(|scope| {
            let other = scope.spawn(move || read_customers(&super::second_reader(&path)?));
            let purchases = self.purchases();
            let customers = match other.join() {
                Ok(Ok(c)) => Ok(c),
                // The file could not be opened twice (read-only media): read it here.
                _ => read_customers(&self.conn),
            };
            (customers, purchases)
        });
        Ok((customers?, purchases?))
    }

    /// Churn and retention per period from the one holding `from` (default: the first
    /// counted contract's) to the one holding `as_of`.
    pub fn churn_series(
        &self,
        kind: PeriodKind,
        from: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Result<Vec<ChurnRow>> {
        let p = self.purchases()?;
        let first = p.iter().map(|x| x.on).filter(|d| *d <= as_of).min();
        let Some(from) = from.or(first) else {
            return Ok(Vec::new());
        };
        Ok(churn(&p, kind, from.min(as_of), as_of))
    }
}

/// A stored date (YYYY-MM-DD) read without the general parser: a million of them are read
/// for one RFM table.
fn iso_date(t: &[u8]) -> Option<NaiveDate> {
    if t.len() != 10 || t[4] != b'-' || t[7] != b'-' {
        return None;
    }
    let num = |a: &[u8]| -> Option<u32> {
        a.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(&t[..4])? as i32, num(&t[5..7])?, num(&t[8..])?)
}

/// The RFM table from the customers (in list order) and the purchases.
fn rfm_lines(
    mut lines: Vec<RfmLine>,
    purchases: &[Purchase],
    as_of: NaiveDate,
    window: Window,
    thresholds: Option<Thresholds>,
    rule: GradeRule,
) -> (Vec<RfmLine>, Thresholds) {
    let by_customer = rfm(purchases, as_of, window);
    for l in &mut lines {
        if let Some(r) = by_customer.get(l.customer_id as usize) {
            l.rfm = *r;
        }
    }
    let all: Vec<Rfm> = lines.iter().map(|l| l.rfm).collect();
    let t = thresholds.unwrap_or_else(|| Thresholds::quintiles(&all));
    let scored: Vec<usize> = (0..lines.len()).filter(|i| lines[*i].rfm.f > 0).collect();
    let scores: Vec<[u8; 3]> = scored
        .iter()
        .map(|i| t.scores(&lines[*i].rfm).expect("F > 0 is scored"))
        .collect();
    let segs = segments(&scores);
    let grades = suggested_grades(
        &scored
            .iter()
            .map(|i| lines[*i].rfm.m_fen)
            .collect::<Vec<_>>(),
        rule,
    );
    for (k, i) in scored.into_iter().enumerate() {
        lines[i].scores = Some(scores[k]);
        lines[i].segment = Some(segs[k]);
        lines[i].suggested = Some(grades[k]);
    }
    (lines, t)
}

/// Churn per group of customers (by their grade or salesperson as stored now; "" for
/// none), groups in order of their names.
fn split_churn(
    lines: &[RfmLine],
    purchases: &[Purchase],
    key: impl Fn(&RfmLine) -> &String,
    series: impl Fn(&[Purchase]) -> Vec<ChurnRow>,
) -> Vec<(String, Vec<ChurnRow>)> {
    let mut names: Vec<String> = lines.iter().map(|l| key(l).clone()).collect();
    names.sort();
    names.dedup();
    let len = lines.iter().map(|l| l.customer_id).max().unwrap_or(-1) + 1;
    let mut group_of = vec![usize::MAX; len.max(0) as usize];
    for l in lines {
        if let (Ok(i), Ok(at)) = (names.binary_search(key(l)), usize::try_from(l.customer_id)) {
            group_of[at] = i;
        }
    }
    let mut parts: Vec<Vec<Purchase>> = vec![Vec::new(); names.len()];
    for p in purchases {
        if let Some(&g) = usize::try_from(p.customer)
            .ok()
            .and_then(|c| group_of.get(c))
            .filter(|g| **g != usize::MAX)
        {
            parts[g].push(*p);
        }
    }
    names
        .into_iter()
        .zip(parts)
        .map(|(n, p)| {
            let rows = series(&p);
            (n, rows)
        })
        .collect()
}

/// Every customer not in the trash, in the list's order (by name), without figures yet.
fn read_customers(c: &rusqlite::Connection) -> rusqlite::Result<Vec<RfmLine>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, code, name, grade, owner FROM customers WHERE deleted_at IS NULL
         ORDER BY name_sort, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut lines = Vec::new();
    while let Some(r) = rows.next()? {
        lines.push(RfmLine {
            customer_id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            grade: r.get(3)?,
            owner: r.get(4)?,
            rfm: Rfm::default(),
            scores: None,
            segment: None,
            suggested: None,
        });
    }
    Ok(lines)
}

/// The value a 批量修改 applying the suggested grades is recorded under (系统工具 shows
/// it as the new value).
pub const APPLIED_GRADES: &str = "按建议等级";

/// What applying the suggested grades would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GradePlan {
    /// Each customer whose grade would change, and its new grade.
    pub changes: Vec<(i64, String)>,
    /// How many would move from one grade to another ("" for none), by (from, to).
    pub moves: Vec<((String, String), usize)>,
    /// Customers whose grade was set by hand since the suggested grades were last
    /// applied: left as they are when asked to keep them.
    pub hand_set: Vec<i64>,
}

impl Store {
    /// Whether there are few enough contracts (ever written: the highest id) that the
    /// RFM table takes a few milliseconds, so a window may work it out as it draws.
    pub fn few_contracts(&self) -> Result<bool> {
        let high: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM contracts", [], |r| {
                    r.get(0)
                })?;
        Ok(high < 20_000)
    }

    /// The customers whose grade was changed by hand since the suggested grades were
    /// last applied (an apply not taken back); none when they never were.
    pub fn grades_set_by_hand(&self) -> Result<Vec<i64>> {
        let last: Option<Option<i64>> = self
            .conn
            .query_row(
                "SELECT log_end FROM bulk_changes
                 WHERE field = 'grade' AND new_value = ?1 AND undone_at IS NULL
                 ORDER BY id DESC LIMIT 1",
                [APPLIED_GRADES],
                |r| r.get(0),
            )
            .optional()?;
        let Some(end) = last else {
            return Ok(Vec::new());
        };
        // Change-log entries after the apply's own are someone's edit (or an import, or
        // another 批量修改: set on purpose all the same), even within the same second.
        Ok(self
            .conn
            .prepare(
                "SELECT DISTINCT row_id FROM change_log
                 WHERE table_name = 'customers' AND field = 'grade' AND id > ?1
                 ORDER BY row_id",
            )?
            .query_map([end.unwrap_or(0)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// What applying the suggested grades of `lines` would change: every scored
    /// customer whose grade differs from its suggestion (无交易 ones keep theirs), less
    /// those set by hand since the last apply when `keep_hand_set`.
    pub fn grade_plan(&self, lines: &[RfmLine], keep_hand_set: bool) -> Result<GradePlan> {
        let hand_set = self.grades_set_by_hand()?;
        let mut changes = Vec::new();
        let mut moves: std::collections::BTreeMap<(String, String), usize> = Default::default();
        for l in lines {
            let Some(g) = l.suggested else { continue };
            let g = g.to_string();
            if g == l.grade || (keep_hand_set && hand_set.binary_search(&l.customer_id).is_ok()) {
                continue;
            }
            *moves.entry((l.grade.clone(), g.clone())).or_default() += 1;
            changes.push((l.customer_id, g));
        }
        Ok(GradePlan {
            changes,
            moves: moves.into_iter().collect(),
            hand_set,
        })
    }
}

/// The setting holding 客户分析's defaults ([`ValueSettings`], as JSON).
pub const KEY_VALUE_SETTINGS: &str = "value_analysis";

/// 客户分析's defaults, kept by 保存为默认: the window, the suggested-grade rule and the
/// firm's own score thresholds (None: the quintiles of the data, worked out each time).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ValueSettings {
    /// The window in months; None for all history.
    pub months: Option<u32>,
    /// The 80:20 rule (ABC) instead of A–D.
    pub abc: bool,
    pub thresholds: Option<Thresholds>,
}

impl Default for ValueSettings {
    fn default() -> Self {
        ValueSettings {
            months: Some(36),
            abc: false,
            thresholds: None,
        }
    }
}

impl Store {
    /// 客户分析's defaults (the built-in ones when never saved or unreadable as saved).
    pub fn value_settings(&self) -> Result<ValueSettings> {
        Ok(self
            .setting(KEY_VALUE_SETTINGS)?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    /// Keeps 客户分析's defaults (logged as a setting). Refused: a window outside 1–600
    /// months, or thresholds that do not rise.
    pub fn set_value_settings(&mut self, s: &ValueSettings) -> Result<()> {
        use crate::domain::validate::Problem;
        if s.months.is_some_and(|m| !(1..=600).contains(&m)) {
            return Err(super::StoreError::BadValueSettings(Problem::OutOfRange(
                1, 600,
            )));
        }
        if s.thresholds.as_ref().is_some_and(|t| !t.usable()) {
            return Err(super::StoreError::BadValueSettings(
                Problem::ThresholdsNotRising,
            ));
        }
        let json = serde_json::to_string(s).expect("settings serialise");
        self.set_setting(KEY_VALUE_SETTINGS, &json)
    }
}
