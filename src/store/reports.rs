//! 统计报表's figures, each worked out by SQL over the records as they are (nothing in
//! the trash; a contract replaced by a revision counted once, as its revision).
//! A contract **counts** as in the README's definitions: 已批准, 执行中 or 已完成, not in
//! the trash, not replaced by a revision, its customer not in the trash; dated by its
//! 签订日期, its amount 金额.

use super::{Result, Store};
pub use crate::domain::reports::CustomerDim;
use crate::domain::reports::{Period, Tally, total};

/// The contracts that count, with their customer not in the trash (the few customers
/// in the trash looked up once, so the contracts are read from their index alone).
const COUNTED: &str = "contracts k INDEXED BY contracts_report
     WHERE k.deleted_at IS NULL AND k.superseded_by IS NULL
       AND k.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
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
        Ok(self
            .report_customers_by_all(p)?
            .into_iter()
            .find(|(d, _)| *d == dim)
            .map(|(_, rows)| rows)
            .unwrap_or_default())
    }

    /// [`Store::report_customers_by`] for every field, from one grouping of the
    /// customers by all seven (one pass over the table instead of seven).
    pub fn report_customers_by_all(&self, p: &Period) -> Result<Vec<(CustomerDim, Vec<Tally>)>> {
        let cols: Vec<&str> = CustomerDim::ALL.iter().map(|d| d.column()).collect();
        let list = cols.join(", ");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {list}, count(*) FROM customers
             WHERE deleted_at IS NULL AND recorded_on <= ?1 GROUP BY {list}"
        ))?;
        let mut per: Vec<std::collections::HashMap<String, i64>> =
            vec![Default::default(); cols.len()];
        let mut rows = stmt.query([iso(p.to)])?;
        while let Some(r) = rows.next()? {
            let n: i64 = r.get(cols.len())?;
            for (i, m) in per.iter_mut().enumerate() {
                *m.entry(r.get(i)?).or_default() += n;
            }
        }
        Ok(CustomerDim::ALL
            .iter()
            .zip(per)
            .map(|(d, m)| {
                let mut rows: Vec<Tally> = m
                    .into_iter()
                    .map(|(key, count)| Tally {
                        key,
                        count,
                        amount_fen: 0,
                    })
                    .collect();
                rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
                (*d, rows)
            })
            .collect())
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
        // The signed ones from the index; the few not signed yet by the day entered.
        let mut stmt = self.conn.prepare_cached(
            "SELECT status, count(*), sum(fen) FROM (
                 SELECT k.status, k.amount_fen AS fen FROM contracts k INDEXED BY contracts_report
                 WHERE k.deleted_at IS NULL AND k.superseded_by IS NULL
                   AND k.signed_on >= ?1 AND k.signed_on <= ?2
                   AND k.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
                 UNION ALL
                 SELECT k.status, k.amount_fen FROM contracts k
                 WHERE k.deleted_at IS NULL AND k.superseded_by IS NULL AND k.signed_on = ''
                   AND substr(k.created_at, 1, 10) BETWEEN ?1 AND ?2
                   AND k.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL))
             GROUP BY status",
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
            "SELECT c.id, c.name, t.n, t.fen FROM (
                 SELECT k.customer_id AS id, count(*) AS n, sum(k.amount_fen) AS fen
                 FROM {COUNTED} AND k.signed_on >= ?1 AND k.signed_on <= ?2
                 GROUP BY k.customer_id) t
             JOIN customers c ON c.id = t.id
             ORDER BY t.fen DESC, c.name LIMIT ?3"
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

/// The customers' figures of a summary: by each field, new per month, new before.
type CustomerFigures = (Vec<(CustomerDim, Vec<Tally>)>, Vec<Tally>, i64);

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
    /// Every figure of 统计报表 for `p` (read in one transaction, so they agree; the
    /// customers' figures on a second connection at the same time, the other core).
    pub fn report_summary(&self, p: &Period) -> Result<Summary> {
        let tx = self.conn.unchecked_transaction()?;
        let before = p.before();
        let path = self.path.clone();
        let (customers, contracts) = std::thread::scope(|scope| {
            let other = scope.spawn(move || -> Result<_> {
                let other = Store::open_read_only(&path)?;
                Ok((
                    other.report_customers_by_all(p)?,
                    other.report_new_customers(p)?,
                    total(&other.report_new_customers(&before)?).count,
                ))
            });
            let contracts = (|| -> Result<_> {
                let signed = self.report_signed(p)?;
                // The months' figures are the salespeople's added up.
                let mut months: Vec<Tally> = Vec::new();
                for (m, t) in &signed {
                    match months.last_mut() {
                        Some(last) if last.key == *m => {
                            last.count += t.count;
                            last.amount_fen += t.amount_fen;
                        }
                        _ => months.push(Tally {
                            key: m.clone(),
                            ..t.clone()
                        }),
                    }
                }
                Ok((
                    every_month(p, months),
                    signed,
                    self.report_contracts_by_status(p)?,
                    self.report_top_customers(p, 10)?,
                    self.report_signed_total(&before)?,
                ))
            })();
            let customers: Result<CustomerFigures> = match other.join() {
                Ok(Ok(c)) => Ok(c),
                // The file could not be opened twice (read-only media): read it here.
                _ => (|| -> Result<_> {
                    Ok((
                        self.report_customers_by_all(p)?,
                        self.report_new_customers(p)?,
                        total(&self.report_new_customers(&before)?).count,
                    ))
                })(),
            };
            (customers, contracts)
        });
        let (customers_by, new_customers, before_new) = customers?;
        let (signed_by_month, signed, by_status, top, before_signed) = contracts?;
        tx.finish()?;
        Ok(Summary {
            period: *p,
            new_customers,
            customers_by,
            signed_by_month,
            signed,
            by_status,
            top,
            before_new,
            before_signed,
        })
    }

    /// The contracts that count signed in the period, added up (合计).
    pub fn report_signed_total(&self, p: &Period) -> Result<Tally> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT '合计', count(*), coalesce(sum(k.amount_fen), 0)
             FROM {COUNTED} AND k.signed_on >= ?1 AND k.signed_on <= ?2"
        ))?;
        Ok(tallies(&mut stmt, [iso(p.from), iso(p.to)])?
            .pop()
            .unwrap_or_default())
    }
}
