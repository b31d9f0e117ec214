//! 客户价值与流失 from the store: the purchases (counted contracts of customers not in
//! the trash) and the RFM table and churn series worked out from them by
//! [`crate::domain::value`].

use chrono::NaiveDate;

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
        // The customers are read on a second connection while the contracts are read
        // here: the two halves of the work on two cores.
        let path = self.path.clone();
        let (customers, by_customer) = std::thread::scope(|scope| {
            let other = scope.spawn(move || read_customers(&super::second_reader(&path)?));
            let by_customer = self.purchases().map(|p| rfm(&p, as_of, window));
            let customers = match other.join() {
                Ok(Ok(c)) => Ok(c),
                // The file could not be opened twice (read-only media): read it here.
                _ => read_customers(&self.conn),
            };
            (customers, by_customer)
        });
        let by_customer = by_customer?;
        let mut lines = customers?;
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
        Ok((lines, t))
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
