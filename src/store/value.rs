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
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.customer_id, c.signed_on, c.amount_fen FROM contracts c
             JOIN customers k ON k.id = c.customer_id
             WHERE c.deleted_at IS NULL AND c.superseded_by IS NULL
               AND c.status IN ('approved', 'in_force', 'completed')
               AND k.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let on: String = r.get(1)?;
            if let Some(on) = crate::domain::validate::parse_date(&on) {
                out.push(Purchase {
                    customer: r.get(0)?,
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
        let by_customer = rfm(&self.purchases()?, as_of, window);
        let mut lines = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, code, name, grade, owner FROM customers WHERE deleted_at IS NULL
             ORDER BY name_sort, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            lines.push(RfmLine {
                customer_id: id,
                code: r.get(1)?,
                name: r.get(2)?,
                grade: r.get(3)?,
                owner: r.get(4)?,
                rfm: by_customer.get(&id).copied().unwrap_or_default(),
                scores: None,
                segment: None,
                suggested: None,
            });
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
