//! 统计报表's figures, each worked out by SQL over the records as they are (nothing in
//! the trash; a contract replaced by a revision counted once, as its revision).
//! A contract **counts** as in the README's definitions: 已批准, 执行中 or 已完成, not in
//! the trash, not replaced by a revision, its customer not in the trash; dated by its
//! 签订日期, its amount 金额.

use super::{Result, Store};
pub use crate::domain::reports::CustomerDim;
use crate::domain::reports::{Period, Tally};

/// The contracts that count, with their customer in the live customers.
const COUNTED: &str = "contracts k JOIN customers c ON c.id = k.customer_id
     WHERE k.deleted_at IS NULL AND k.superseded_by IS NULL AND c.deleted_at IS NULL
       AND k.status IN ('approved', 'in_force', 'completed')";

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn tallies(
    stmt: &mut rusqlite::CachedStatement,
    params: impl rusqlite::Params,
) -> Result<Vec<Tally>> {
    let rows = stmt.query_map(params, |r| {
        Ok(Tally {
            key: r.get(0)?,
            count: r.get(1)?,
            amount_fen: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every month of the period, in order, with what `rows` has for it (nothing: 0).
fn every_month(p: &Period, rows: Vec<Tally>) -> Vec<Tally> {
    p.months()
        .into_iter()
        .map(|m| {
            rows.iter().find(|r| r.key == m).cloned().unwrap_or(Tally {
                key: m,
                ..Default::default()
            })
        })
        .collect()
}

impl Store {
    /// 新增客户 per month: customers not in the trash whose 建档日期 falls in the month.
    pub fn report_new_customers(&self, p: &Period) -> Result<Vec<Tally>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(recorded_on, 1, 7), count(*), 0 FROM customers
             WHERE deleted_at IS NULL AND recorded_on >= ?1 AND recorded_on <= ?2
             GROUP BY 1",
        )?;
        Ok(every_month(
            p,
            tallies(&mut stmt, [iso(p.from), iso(p.to)])?,
        ))
    }

    /// The customers on file at the period's end (建档日期 up to it, not in the trash) by
    /// one of their fields: the most first, then by the value; an empty field is "".
    pub fn report_customers_by(&self, p: &Period, dim: CustomerDim) -> Result<Vec<Tally>> {
        let col = dim.column();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {col}, count(*), 0 FROM customers
             WHERE deleted_at IS NULL AND recorded_on <= ?1
             GROUP BY {col} ORDER BY count(*) DESC, {col}"
        ))?;
        tallies(&mut stmt, [iso(p.to)])
    }

    /// 签约金额 per month and salesperson: the contracts that count signed in the
    /// period, as (month, salesperson, contracts, amount), by month then salesperson.
    pub fn report_signed(&self, p: &Period) -> Result<Vec<(String, Tally)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT substr(k.signed_on, 1, 7), k.salesperson, count(*), sum(k.amount_fen)
             FROM {COUNTED} AND k.signed_on >= ?1 AND k.signed_on <= ?2
             GROUP BY 1, 2 ORDER BY 1, 2"
        ))?;
        let rows = stmt.query_map([iso(p.from), iso(p.to)], |r| {
            Ok((
                r.get(0)?,
                Tally {
                    key: r.get(1)?,
                    count: r.get(2)?,
                    amount_fen: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// 签约金额 per month (every month of the period): [`Store::report_signed`] added
    /// up by month.
    pub fn report_signed_by_month(&self, p: &Period) -> Result<Vec<Tally>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT substr(k.signed_on, 1, 7), count(*), sum(k.amount_fen)
             FROM {COUNTED} AND k.signed_on >= ?1 AND k.signed_on <= ?2
             GROUP BY 1"
        ))?;
        Ok(every_month(
            p,
            tallies(&mut stmt, [iso(p.from), iso(p.to)])?,
        ))
    }

    /// Contracts by status (its code): those not in the trash and not replaced, dated by
    /// 签订日期 — or, not signed yet, by the day they were entered — in the period.
    pub fn report_contracts_by_status(&self, p: &Period) -> Result<Vec<Tally>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.status, count(*), sum(k.amount_fen)
             FROM contracts k JOIN customers c ON c.id = k.customer_id
             WHERE k.deleted_at IS NULL AND k.superseded_by IS NULL AND c.deleted_at IS NULL
               AND CASE WHEN k.signed_on <> '' THEN k.signed_on ELSE substr(k.created_at, 1, 10) END
                   BETWEEN ?1 AND ?2
             GROUP BY k.status",
        )?;
        let got = tallies(&mut stmt, [iso(p.from), iso(p.to)])?;
        Ok(crate::domain::contract::ContractStatus::ALL
            .iter()
            .filter_map(|s| got.iter().find(|t| t.key == s.code()).cloned())
            .collect())
    }

    /// The `n` customers with the most signed (contracts that count, in the period), as
    /// (customer id, name, contracts, amount): the largest first, then by name.
    pub fn report_top_customers(&self, p: &Period, n: usize) -> Result<Vec<(i64, Tally)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.id, c.name, count(*), sum(k.amount_fen)
             FROM {COUNTED} AND k.signed_on >= ?1 AND k.signed_on <= ?2
             GROUP BY c.id ORDER BY sum(k.amount_fen) DESC, c.name LIMIT ?3"
        ))?;
        let rows = stmt.query_map(rusqlite::params![iso(p.from), iso(p.to), n as i64], |r| {
            Ok((
                r.get(0)?,
                Tally {
                    key: r.get(1)?,
                    count: r.get(2)?,
                    amount_fen: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Every figure of 统计报表 for a period, and the period before's totals to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub period: Period,
    pub new_customers: Vec<Tally>,
    pub customers_by: Vec<(CustomerDim, Vec<Tally>)>,
    pub signed_by_month: Vec<Tally>,
    /// (month, salesperson's tally).
    pub signed: Vec<(String, Tally)>,
    pub by_status: Vec<Tally>,
    /// (customer id, the customer's tally), the ten largest.
    pub top: Vec<(i64, Tally)>,
    /// The period of the same length before: new customers, and contracts signed.
    pub before_new: i64,
    pub before_signed: Tally,
}

impl Store {
    /// Every figure of 统计报表 for `p` (read in one transaction, so they agree).
    pub fn report_summary(&self, p: &Period) -> Result<Summary> {
        let tx = self.conn.unchecked_transaction()?;
        let before = p.before();
        let customers_by = CustomerDim::ALL
            .iter()
            .map(|d| Ok((*d, self.report_customers_by(p, *d)?)))
            .collect::<Result<_>>()?;
        let s = Summary {
            period: *p,
            new_customers: self.report_new_customers(p)?,
            customers_by,
            signed_by_month: self.report_signed_by_month(p)?,
            signed: self.report_signed(p)?,
            by_status: self.report_contracts_by_status(p)?,
            top: self.report_top_customers(p, 10)?,
            before_new: crate::domain::reports::total(&self.report_new_customers(&before)?).count,
            before_signed: crate::domain::reports::total(&self.report_signed_by_month(&before)?),
        };
        tx.finish()?;
        Ok(s)
    }
}
