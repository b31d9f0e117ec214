//! 应收账款: what customers owe on the contracts that count, installment by
//! installment; the credit standing a contract's submission is checked against; ageing
//! and overdue lists as of a date.
//!
//! Definitions (README → 信用与应收):
//! - a contract counts when it is 已批准, 执行中 or 已完成, is not in the trash and has not
//!   been replaced by a revision;
//! - payments received up to the as-of date go to its installments oldest-due first;
//! - days past due = as-of date − 到期日; 0 or less is 未到期.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::changelog::Writer;
use super::{Result, Store};
use crate::domain::contract::{AGEING_BUCKETS, Installment};

/// Each counted contract's installments with what is unpaid of each as of `?1` and
/// its days past due. `{contracts}` narrows the contracts (`AND customer_id = ?2`).
const UNPAID: &str = "
WITH c AS (
    SELECT id, customer_id, number, title FROM contracts
    WHERE deleted_at IS NULL AND superseded_by IS NULL
      AND status IN ('approved', 'in_force', 'completed')
      AND (date(signed_on) IS NULL OR signed_on <= ?1) {contracts}
),
paid AS (
    SELECT p.contract_id, sum(p.amount_fen) AS paid
    FROM payments p JOIN c ON c.id = p.contract_id
    WHERE p.paid_on <= ?1 GROUP BY p.contract_id
),
inst AS (
    SELECT i.contract_id, c.customer_id, c.number, c.title, i.due_on, i.amount_fen,
           sum(i.amount_fen) OVER (PARTITION BY i.contract_id ORDER BY i.due_on, i.id
                                   ROWS UNBOUNDED PRECEDING) AS upto
    FROM installments i JOIN c ON c.id = i.contract_id
)
SELECT inst.contract_id, inst.customer_id, inst.number, inst.title, inst.due_on,
       inst.amount_fen,
       max(0, min(inst.amount_fen, inst.upto - coalesce(paid.paid, 0))) AS unpaid,
       CAST(julianday(?1) - julianday(inst.due_on) AS INTEGER) AS days
FROM inst LEFT JOIN paid ON paid.contract_id = inst.contract_id";

fn unpaid_sql(contracts: &str) -> String {
    UNPAID.replace("{contracts}", contracts)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A contract's payment plan, in due order.
pub(crate) fn load_plan(conn: &Connection, contract_id: i64) -> rusqlite::Result<Vec<Installment>> {
    conn.prepare_cached(
        "SELECT due_on, amount_fen, note FROM installments WHERE contract_id = ?1
         ORDER BY due_on, seq, id",
    )?
    .query_map([contract_id], |r| {
        Ok(Installment {
            due_on: r.get(0)?,
            amount_fen: r.get(1)?,
            note: r.get(2)?,
        })
    })?
    .collect()
}

/// A plan as the change log shows it: "2026-01-31 50000.00 首付；2026-03-31 50000.00".
fn plan_text(plan: &[Installment]) -> String {
    plan.iter()
        .map(|i| {
            let s = format!(
                "{} {}",
                i.due_on,
                crate::domain::money::fen_to_plain(i.amount_fen)
            );
            if i.note.trim().is_empty() {
                s
            } else {
                format!("{s} {}", i.note.trim())
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// Replaces a contract's plan (in its caller's transaction), logging the change as one
/// field of the contract.
pub(crate) fn write_plan(
    tx: &Connection,
    w: &Writer,
    contract_id: i64,
    old: &[Installment],
    new: &[Installment],
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    tx.execute(
        "DELETE FROM installments WHERE contract_id = ?1",
        [contract_id],
    )?;
    for (seq, i) in new.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO installments (contract_id, seq, due_on, amount_fen, note)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            contract_id,
            seq as i64 + 1,
            i.due_on,
            i.amount_fen,
            i.note.trim()
        ])?;
    }
    w.updated(
        "contracts",
        contract_id,
        &["plan"],
        &[plan_text(old)],
        &[plan_text(new)],
        None,
    )?;
    Ok(())
}

/// What a customer owes and may still buy on credit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreditStanding {
    /// 信用额度, plus a 临时额度 that has not expired.
    pub limit_fen: i64,
    /// 应收余额: the counted contracts' amounts less what has been received on them.
    pub owed_fen: i64,
    /// Of that, what is past due.
    pub overdue_fen: i64,
    /// The oldest overdue installment: what is unpaid of it and how many days late.
    pub oldest_overdue: Option<(i64, i64)>,
}

impl CreditStanding {
    /// 可用额度 = limit − owed (negative when over the limit).
    pub fn available_fen(&self) -> i64 {
        self.limit_fen - self.owed_fen
    }

    /// Days the oldest overdue installment is late (0 when none is).
    pub fn overdue_days(&self) -> i64 {
        self.oldest_overdue.map(|(_, d)| d).unwrap_or(0)
    }
}

/// One customer's line of the ageing list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeingRow {
    pub customer_id: i64,
    pub name: String,
    pub owner: String,
    pub grade: String,
    /// 应收余额: the sum of the buckets.
    pub total_fen: i64,
    /// 未到期, 1–30, 31–60, 61–90, 91–180, 181–365, 365 天以上.
    pub buckets: [i64; AGEING_BUCKETS],
    /// Days the oldest unpaid installment is past due (0 or less: none is).
    pub oldest_days: i64,
}

/// One unpaid installment past its due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueRow {
    pub contract_id: i64,
    pub number: String,
    pub title: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub due_on: String,
    pub unpaid_fen: i64,
    pub days: i64,
}

impl Store {
    /// A contract's payment plan.
    pub fn payment_plan(&self, contract_id: i64) -> Result<Vec<Installment>> {
        Ok(load_plan(&self.conn, contract_id)?)
    }

    /// A customer's limit, what it owes and how late, as of `as_of`.
    pub fn credit_standing(&self, customer_id: i64, as_of: NaiveDate) -> Result<CreditStanding> {
        credit_standing(&self.conn, customer_id, as_of)
    }

    /// Every customer that owes anything as of `as_of`, with what it owes by how late,
    /// the most owed first. The buckets of a row add up to its total.
    pub fn ageing(&self, as_of: NaiveDate) -> Result<Vec<AgeingRow>> {
        let sql = format!(
            "SELECT u.customer_id, k.name, k.owner, k.grade, sum(u.unpaid),
                    {buckets}, max(u.days)
             FROM ({unpaid}) u JOIN customers k ON k.id = u.customer_id
             WHERE u.unpaid > 0
             GROUP BY u.customer_id
             ORDER BY sum(u.unpaid) DESC, k.name_sort",
            unpaid = unpaid_sql(""),
            buckets = [
                "u.days <= 0",
                "u.days BETWEEN 1 AND 30",
                "u.days BETWEEN 31 AND 60",
                "u.days BETWEEN 61 AND 90",
                "u.days BETWEEN 91 AND 180",
                "u.days BETWEEN 181 AND 365",
                "u.days > 365",
            ]
            .map(|c| format!("coalesce(sum(CASE WHEN {c} THEN u.unpaid END), 0)"))
            .join(", "),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([iso(as_of)], |r| {
                let mut buckets = [0i64; AGEING_BUCKETS];
                for (i, b) in buckets.iter_mut().enumerate() {
                    *b = r.get(5 + i)?;
                }
                Ok(AgeingRow {
                    customer_id: r.get(0)?,
                    name: r.get(1)?,
                    owner: r.get(2)?,
                    grade: r.get(3)?,
                    total_fen: r.get(4)?,
                    buckets,
                    oldest_days: r.get(5 + AGEING_BUCKETS)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        debug_assert!(
            rows.iter()
                .all(|r| r.buckets.iter().sum::<i64>() == r.total_fen)
        );
        Ok(rows)
    }

    /// The installments unpaid past their due date as of `as_of`, the latest first.
    pub fn overdue_installments(&self, as_of: NaiveDate) -> Result<Vec<OverdueRow>> {
        let sql = format!(
            "SELECT u.contract_id, u.number, u.title, u.customer_id, k.name, u.due_on,
                    u.unpaid, u.days
             FROM ({unpaid}) u JOIN customers k ON k.id = u.customer_id
             WHERE u.unpaid > 0 AND u.days > 0
             ORDER BY u.days DESC, k.name_sort, u.number",
            unpaid = unpaid_sql("")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([iso(as_of)], |r| {
                Ok(OverdueRow {
                    contract_id: r.get(0)?,
                    number: r.get(1)?,
                    title: r.get(2)?,
                    customer_id: r.get(3)?,
                    customer_name: r.get(4)?,
                    due_on: r.get(5)?,
                    unpaid_fen: r.get(6)?,
                    days: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

pub(crate) fn credit_standing(
    conn: &Connection,
    customer_id: i64,
    as_of: NaiveDate,
) -> Result<CreditStanding> {
    let (limit, temp, until): (i64, i64, String) = conn.query_row(
        "SELECT credit_limit_fen, temp_limit_fen, temp_limit_until FROM customers WHERE id = ?1",
        [customer_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let temp_valid = crate::domain::validate::parse_date(&until).is_some_and(|d| d >= as_of);
    let mut s = CreditStanding {
        limit_fen: limit + if temp_valid { temp } else { 0 },
        ..Default::default()
    };
    let sql = format!(
        "SELECT u.unpaid, u.days FROM ({}) u WHERE u.unpaid > 0",
        unpaid_sql("AND customer_id = ?2")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![iso(as_of), customer_id])?;
    while let Some(r) = rows.next()? {
        let (unpaid, days): (i64, i64) = (r.get(0)?, r.get(1)?);
        s.owed_fen += unpaid;
        if days > 0 {
            s.overdue_fen += unpaid;
            if s.oldest_overdue.is_none_or(|(_, d)| days > d) {
                s.oldest_overdue = Some((unpaid, days));
            }
        }
    }
    Ok(s)
}

/// The bucket totals of an ageing list and their sum (the 合计 line).
pub fn ageing_totals(rows: &[AgeingRow]) -> ([i64; AGEING_BUCKETS], i64) {
    let mut t = [0i64; AGEING_BUCKETS];
    for r in rows {
        for (a, b) in t.iter_mut().zip(r.buckets) {
            *a += b;
        }
    }
    (t, rows.iter().map(|r| r.total_fen).sum())
}
