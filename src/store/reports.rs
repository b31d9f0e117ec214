//! 统计报表's figures, each worked out by SQL over the records as they are (nothing in
//! the trash; a contract replaced by a revision counted once, as its revision).
//! A contract **counts** as in the README's definitions: 已批准, 执行中 or 已完成, not in
//! the trash, not replaced by a revision, its customer not in the trash; dated by its
//! 签订日期, its amount 金额.

use super::workbench::iso;
use super::{Result, Store};
pub use crate::domain::reports::CustomerDim;
use crate::domain::reports::{Period, Tally, total};

/// The contracts that count, with their customer not in the trash (the few customers
/// in the trash looked up once, so the contracts are read from their index alone).
const COUNTED: &str = "contracts k INDEXED BY contracts_report
     WHERE k.deleted_at IS NULL AND k.superseded_by IS NULL
       AND k.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
       AND k.status IN ('approved', 'in_force', 'completed')";

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

/// Rows of (group, key, count, amount) as (group — a month, a customer's id — and
/// the key's tally).
fn grouped_tallies<G: rusqlite::types::FromSql>(
    stmt: &mut rusqlite::CachedStatement,
    params: impl rusqlite::Params,
) -> Result<Vec<(G, Tally)>> {
    let rows = stmt.query_map(params, |r| {
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
        grouped_tallies(&mut stmt, [iso(p.from), iso(p.to)])
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
        grouped_tallies(
            &mut stmt,
            rusqlite::params![iso(p.from), iso(p.to), n as i64],
        )
    }
}

/// The figures read on the second connection: the customers' (by each field, new per
/// month, new before) and the feedback's and payments'.
type SecondFigures = (
    (Vec<(CustomerDim, Vec<Tally>)>, Vec<Tally>, i64),
    Vec<Tally>,
    Vec<(String, Tally)>,
    Vec<(String, Option<f64>, i64)>,
    (Vec<Tally>, Vec<Tally>, Option<f64>),
);

impl Store {
    /// What [`Store::report_summary`] reads on its second connection.
    fn report_summary_others(&self, p: &Period) -> Result<SecondFigures> {
        let before = p.before();
        Ok((
            (
                self.report_customers_by_all(p)?,
                self.report_new_customers(p)?,
                total(&self.report_new_customers(&before)?).count,
            ),
            self.report_received(p)?,
            self.report_feedback_kinds(p)?,
            self.report_satisfaction(p)?,
            self.report_complaints(p)?,
        ))
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
    /// 回款 per month.
    pub received: Vec<Tally>,
    /// 交往反馈 per (month, kind).
    pub feedback_kinds: Vec<(String, Tally)>,
    /// (month, average score, scores given).
    pub satisfaction: Vec<(String, Option<f64>, i64)>,
    /// 投诉 opened and closed per month, and the average days to close.
    pub complaints: (Vec<Tally>, Vec<Tally>, Option<f64>),
}

impl Summary {
    /// 交往反馈 items of a month (None: the whole period) and a kind's code (None: every
    /// kind).
    pub fn feedback_count(&self, month: Option<&str>, kind: Option<&str>) -> i64 {
        self.feedback_kinds
            .iter()
            .filter(|(m, t)| month.is_none_or(|x| x == m) && kind.is_none_or(|k| k == t.key))
            .map(|(_, t)| t.count)
            .sum()
    }
}

impl Store {
    /// Every figure of 统计报表 for `p`: the contracts' in one read transaction, the
    /// customers', feedback's and payments' at the same time on a second connection (the
    /// other core), each connection's figures from one moment of the file.
    pub fn report_summary(&self, p: &Period) -> Result<Summary> {
        let tx = self.conn.unchecked_transaction()?;
        let before = p.before();
        let path = self.path.clone();
        let (customers, contracts) = std::thread::scope(|scope| {
            let other = scope.spawn(move || -> Result<_> {
                Store::open_read_only(&path)?.report_summary_others(p)
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
            let customers: Result<SecondFigures> = match other.join() {
                Ok(Ok(c)) => Ok(c),
                // The file could not be opened twice (read-only media): read it here.
                _ => self.report_summary_others(p),
            };
            (customers, contracts)
        });
        let (
            (customers_by, new_customers, before_new),
            received,
            feedback_kinds,
            satisfaction,
            complaints,
        ) = customers?;
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
            received,
            feedback_kinds,
            satisfaction,
            complaints,
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

    /// 回款 per month: payments dated in the month, on contracts not in the trash whose
    /// customer is not in the trash.
    pub fn report_received(&self, p: &Period) -> Result<Vec<Tally>> {
        // From the payments' index alone; the contracts in the trash, and those of the
        // customers in the trash, looked up once (they are few).
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(y.paid_on, 1, 7), count(*), sum(y.amount_fen)
             FROM payments y INDEXED BY payments_report
             WHERE y.paid_on >= ?1 AND y.paid_on <= ?2
               AND y.contract_id NOT IN (
                   SELECT id FROM contracts INDEXED BY contracts_trashed
                   WHERE deleted_at IS NOT NULL
                   UNION ALL
                   SELECT k.id FROM contracts k INDEXED BY contracts_customer
                   WHERE k.deleted_at IS NULL AND k.customer_id IN
                       (SELECT id FROM customers WHERE deleted_at IS NOT NULL))
             GROUP BY 1",
        )?;
        Ok(every_month(
            p,
            tallies(&mut stmt, [iso(p.from), iso(p.to)])?,
        ))
    }

    /// 交往反馈 per month and kind: items not in the trash and not planned visits, dated
    /// in the period, as (month, kind's tally), by month then kind.
    pub fn report_feedback_kinds(&self, p: &Period) -> Result<Vec<(String, Tally)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(f.at, 1, 7), f.kind, count(*), 0 FROM feedback f
             JOIN customers c ON c.id = f.customer_id
             WHERE f.deleted_at IS NULL AND c.deleted_at IS NULL AND f.status <> 'planned'
               AND f.at >= ?1 AND f.at < ?2
             GROUP BY 1, 2 ORDER BY 1, 2",
        )?;
        let end = iso(p.to + chrono::Duration::days(1));
        grouped_tallies(&mut stmt, [iso(p.from), end])
    }

    /// 满意度 per month (every month of the period): the average of the 1–5 scores given
    /// (items as in [`Store::report_feedback_kinds`]), and how many gave one; None for a
    /// month without a score.
    pub fn report_satisfaction(&self, p: &Period) -> Result<Vec<(String, Option<f64>, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(f.at, 1, 7), avg(f.satisfaction), count(f.satisfaction) FROM feedback f
             JOIN customers c ON c.id = f.customer_id
             WHERE f.deleted_at IS NULL AND c.deleted_at IS NULL AND f.status <> 'planned'
               AND f.satisfaction IS NOT NULL AND f.at >= ?1 AND f.at < ?2
             GROUP BY 1",
        )?;
        let end = iso(p.to + chrono::Duration::days(1));
        let got: Vec<(String, f64, i64)> = stmt
            .query_map([iso(p.from), end], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(p.months()
            .into_iter()
            .map(|m| match got.iter().find(|g| g.0 == m) {
                Some((_, avg, n)) => (m, Some(*avg), *n),
                None => (m, None, 0),
            })
            .collect())
    }

    /// 投诉 per month of the period: complaints opened (dated in the month) and closed
    /// (处理日期 in the month), each as counts; and the average days from a complaint's
    /// date to its 处理日期 over those closed in the period (None when none was).
    pub fn report_complaints(&self, p: &Period) -> Result<(Vec<Tally>, Vec<Tally>, Option<f64>)> {
        let end = iso(p.to + chrono::Duration::days(1));
        let mut opened = self.conn.prepare_cached(
            "SELECT substr(f.at, 1, 7), count(*), 0 FROM feedback f
             JOIN customers c ON c.id = f.customer_id
             WHERE f.deleted_at IS NULL AND c.deleted_at IS NULL AND f.kind = 'complaint'
               AND f.at >= ?1 AND f.at < ?2
             GROUP BY 1",
        )?;
        let opened = every_month(p, tallies(&mut opened, [iso(p.from), end])?);
        let mut closed = self.conn.prepare_cached(
            "SELECT substr(f.resolved_on, 1, 7), count(*), 0 FROM feedback f
             JOIN customers c ON c.id = f.customer_id
             WHERE f.deleted_at IS NULL AND c.deleted_at IS NULL AND f.kind = 'complaint'
               AND f.resolved_on >= ?1 AND f.resolved_on <= ?2
             GROUP BY 1",
        )?;
        let closed = every_month(p, tallies(&mut closed, [iso(p.from), iso(p.to)])?);
        let days: Option<f64> = self.conn.query_row(
            "SELECT avg(julianday(f.resolved_on) - julianday(substr(f.at, 1, 10)))
             FROM feedback f JOIN customers c ON c.id = f.customer_id
             WHERE f.deleted_at IS NULL AND c.deleted_at IS NULL AND f.kind = 'complaint'
               AND f.resolved_on >= ?1 AND f.resolved_on <= ?2",
            [iso(p.from), iso(p.to)],
            |r| r.get(0),
        )?;
        Ok((opened, closed, days))
    }
}
