//! 统计报表's figures, each worked out by SQL over the records as they are (nothing in
//! the trash; a contract replaced by a revision counted once, as its revision).
//! A contract **counts** as in the README's definitions: 已批准, 执行中 or 已完成, not in
//! the trash, not replaced by a revision, its customer not in the trash; dated by its
//! 签订日期, its amount 金额.

use super::workbench::iso;
use super::{Result, Store};
pub use crate::domain::reports::CustomerDim;
use crate::domain::reports::{Approvals, Owed, Period, SalesRow, Tally, complaint_age_bucket};

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

/// Rows of (group — a month —, key, count, amount).
fn grouped(
    stmt: &mut rusqlite::CachedStatement,
    params: impl rusqlite::Params,
) -> Result<Vec<(String, Tally)>> {
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

/// Every month of the period with the keys' tallies of the month added up.
fn by_month(p: &Period, rows: &[(String, Tally)]) -> Vec<Tally> {
    p.months()
        .into_iter()
        .map(|m| {
            let mut t = Tally {
                key: m,
                ..Default::default()
            };
            for (_, r) in rows.iter().filter(|(month, _)| *month == t.key) {
                t.count += r.count;
                t.amount_fen += r.amount_fen;
            }
            t
        })
        .collect()
}

/// The 业务员 table from the period's figures (each grouped by month and person).
fn salespeople(
    signed: &[(String, Tally)],
    received: &[(String, Tally)],
    new: &[(String, Tally)],
    feedback: &[FeedbackMonth],
    (open, complaints): &(Vec<Tally>, Vec<Tally>),
) -> Vec<SalesRow> {
    type Rows = std::collections::BTreeMap<String, SalesRow>;
    fn entry<'a>(by: &'a mut Rows, who: &str) -> &'a mut SalesRow {
        by.entry(who.to_string()).or_insert_with(|| SalesRow {
            who: who.to_string(),
            ..Default::default()
        })
    }
    let mut by = Rows::new();
    for (_, t) in signed {
        let r = entry(&mut by, &t.key);
        r.contracts += t.count;
        r.signed_fen += t.amount_fen;
    }
    for (_, t) in received {
        entry(&mut by, &t.key).received_fen += t.amount_fen;
    }
    for (_, t) in new {
        entry(&mut by, &t.key).new_customers += t.count;
    }
    for m in feedback.iter().filter(|m| m.kind == "visit" && !m.planned) {
        entry(&mut by, &m.who).visits += m.items;
    }
    for t in open {
        entry(&mut by, &t.key).open_followups += t.count;
    }
    for t in complaints {
        entry(&mut by, &t.key).complaints += t.count;
    }
    let mut rows: Vec<SalesRow> = by.into_values().collect();
    crate::domain::reports::sort_sales(&mut rows, 3, true);
    rows
}

/// A month's feedback items of one kind, planned (visits not made yet) or not.
struct FeedbackMonth {
    month: String,
    kind: String,
    planned: bool,
    /// 负责人.
    who: String,
    items: i64,
    scores: i64,
    score_sum: i64,
}

/// Items per (month, kind), planned visits left out.
fn feedback_kinds(months: &[FeedbackMonth]) -> Vec<(String, Tally)> {
    let mut by: std::collections::BTreeMap<(&str, &str), i64> = Default::default();
    for m in months.iter().filter(|m| !m.planned) {
        *by.entry((&m.month, &m.kind)).or_default() += m.items;
    }
    by.into_iter()
        .map(|((month, kind), count)| {
            (
                month.to_string(),
                Tally {
                    key: kind.to_string(),
                    count,
                    amount_fen: 0,
                },
            )
        })
        .collect()
}

/// Every month's average score and scores given (planned visits left out).
fn satisfaction(p: &Period, months: &[FeedbackMonth]) -> Vec<(String, Option<f64>, i64)> {
    p.months()
        .into_iter()
        .map(|month| {
            let (n, sum) = months
                .iter()
                .filter(|m| !m.planned && m.month == month)
                .fold((0, 0), |(n, sum), m| (n + m.scores, sum + m.score_sum));
            let avg = (n > 0).then(|| sum as f64 / n as f64);
            (month, avg, n)
        })
        .collect()
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
        Ok(by_month(p, &self.new_customers_by(p)?))
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
        Ok(self.customers_pass(p)?.0)
    }

    /// One read of the customers on file at the period's end: the seven distributions,
    /// the new ones per (month, 业务员), and how many were new in the period before.
    fn customers_pass(&self, p: &Period) -> Result<CustomersPass> {
        let cols: Vec<&str> = CustomerDim::ALL.iter().map(|d| d.column()).collect();
        let list = cols.join(", ");
        let owner = CustomerDim::ALL
            .iter()
            .position(|d| *d == CustomerDim::Owner)
            .unwrap_or(0);
        // Counted as read (a grouping in SQL would sort the whole table first).
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {list}, recorded_on FROM customers
             WHERE deleted_at IS NULL AND recorded_on <= ?1"
        ))?;
        let mut per: Vec<std::collections::HashMap<String, i64>> =
            vec![Default::default(); cols.len()];
        let mut new: std::collections::BTreeMap<(String, String), i64> = Default::default();
        let before = p.before();
        let (from, b_from, b_to) = (iso(p.from), iso(before.from), iso(before.to));
        let mut new_before = 0;
        let mut rows = stmt.query([iso(p.to)])?;
        while let Some(r) = rows.next()? {
            let on = match r.get_ref(cols.len())? {
                rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).unwrap_or(""),
                _ => "",
            };
            if on >= from.as_str() {
                let who: String = r.get(owner)?;
                *new.entry((on.get(..7).unwrap_or(on).to_string(), who))
                    .or_default() += 1;
            } else if on >= b_from.as_str() && on <= b_to.as_str() {
                new_before += 1;
            }
            for (i, m) in per.iter_mut().enumerate() {
                let v = match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).unwrap_or(""),
                    _ => "",
                };
                match m.get_mut(v) {
                    Some(n) => *n += 1,
                    None => {
                        m.insert(v.to_string(), 1);
                    }
                }
            }
        }
        let dims = CustomerDim::ALL
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
            .collect();
        let new = new
            .into_iter()
            .map(|((month, who), count)| {
                (
                    month,
                    Tally {
                        key: who,
                        count,
                        amount_fen: 0,
                    },
                )
            })
            .collect();
        Ok((dims, new, new_before))
    }

    /// 签约金额 per month and salesperson: the contracts that count signed in the
    /// period, as (month, salesperson, contracts, amount), by month then salesperson.
    pub fn report_signed(&self, p: &Period) -> Result<Vec<(String, Tally)>> {
        Ok(self.contract_pass(p)?.signed())
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
        let pass = self.contract_pass(p)?;
        self.by_status(p, &pass)
    }

    /// Contracts by status: the pass's signed ones and the few not signed yet, by the
    /// day they were entered.
    fn by_status(&self, p: &Period, pass: &ContractPass) -> Result<Vec<Tally>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.status, count(*), sum(k.amount_fen) FROM contracts k
             WHERE k.deleted_at IS NULL AND k.superseded_by IS NULL AND k.signed_on = ''
               AND substr(k.created_at, 1, 10) BETWEEN ?1 AND ?2
               AND k.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
             GROUP BY k.status",
        )?;
        let unsigned = tallies(&mut stmt, [iso(p.from), iso(p.to)])?;
        Ok(crate::domain::contract::ContractStatus::ALL
            .iter()
            .filter_map(|st| {
                let mut t = Tally {
                    key: st.code().to_string(),
                    ..Default::default()
                };
                for u in unsigned.iter().filter(|u| u.key == st.code()) {
                    t.count += u.count;
                    t.amount_fen += u.amount_fen;
                }
                if let Some(&(n, fen)) = pass.status.get(st.code()) {
                    t.count += n;
                    t.amount_fen += fen;
                }
                (t.count > 0).then_some(t)
            })
            .collect())
    }

    /// The `n` customers with the most signed (contracts that count, in the period), as
    /// (customer id, name, contracts, amount): the largest first, then by name.
    pub fn report_top_customers(&self, p: &Period, n: usize) -> Result<Vec<(i64, Tally)>> {
        let pass = self.contract_pass(p)?;
        self.top_of(&pass, n)
    }

    /// The `n` largest customers of the pass, named; ties by name.
    fn top_of(&self, pass: &ContractPass, n: usize) -> Result<Vec<(i64, Tally)>> {
        let mut by: Vec<(i64, i64, i64)> = pass
            .customers
            .iter()
            .map(|(id, (count, fen))| (*id, *count, *fen))
            .collect();
        by.sort_unstable_by_key(|c| std::cmp::Reverse(c.2));
        // Those as large as the n-th, so a tie at the edge is settled by name.
        let edge = match by.get(n.saturating_sub(1)) {
            Some(e) if n > 0 => e.2,
            _ => i64::MIN,
        };
        by.retain(|c| c.2 >= edge);
        let mut name = self
            .conn
            .prepare_cached("SELECT name FROM customers WHERE id = ?1")?;
        let mut out = Vec::with_capacity(by.len());
        for (id, count, fen) in by {
            let key: String = name.query_row([id], |r| r.get(0))?;
            out.push((
                id,
                Tally {
                    key,
                    count,
                    amount_fen: fen,
                },
            ));
        }
        out.sort_by(|a, b| {
            b.1.amount_fen
                .cmp(&a.1.amount_fen)
                .then_with(|| a.1.key.cmp(&b.1.key))
        });
        out.truncate(n);
        Ok(out)
    }

    /// One pass over the period's signed contracts (the index alone; their customer not
    /// in the trash): those that count by month and salesperson and by customer, and all
    /// by status.
    fn contract_pass(&self, p: &Period) -> Result<ContractPass> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.signed_on, k.status, k.customer_id, k.salesperson, k.amount_fen
             FROM contracts k INDEXED BY contracts_report
             WHERE k.deleted_at IS NULL AND k.superseded_by IS NULL
               AND k.signed_on >= ?1 AND k.signed_on <= ?2
               AND k.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)",
        )?;
        let mut pass = ContractPass::default();
        let mut rows = stmt.query([iso(p.from), iso(p.to)])?;
        while let Some(r) = rows.next()? {
            let fen: i64 = r.get(4)?;
            let status = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            match pass.status.get_mut(status) {
                Some(t) => {
                    t.0 += 1;
                    t.1 += fen;
                }
                None => {
                    pass.status.insert(status.to_string(), (1, fen));
                }
            }
            if !COUNTED_STATUSES.contains(&status) {
                continue;
            }
            let on = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let month = on.get(..7).unwrap_or(on);
            let who = r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?;
            let key = (month.to_string(), who.to_string());
            let t = pass.signed.entry(key).or_default();
            t.0 += 1;
            t.1 += fen;
            let c = pass.customers.entry(r.get(2)?).or_default();
            c.0 += 1;
            c.1 += fen;
        }
        Ok(pass)
    }
}

/// The customers' distributions, new per (month, 业务员), new in the period before.
type CustomersPass = (Vec<(CustomerDim, Vec<Tally>)>, Vec<(String, Tally)>, i64);

/// The statuses of the contracts that count (as [`COUNTED`] says).
const COUNTED_STATUSES: [&str; 3] = ["approved", "in_force", "completed"];

/// What one pass over the period's signed contracts adds up: (contracts, amount) per
/// (month, salesperson) and per customer for those that count; per status for all.
#[derive(Default)]
struct ContractPass {
    signed: std::collections::BTreeMap<(String, String), (i64, i64)>,
    customers: std::collections::HashMap<i64, (i64, i64)>,
    status: std::collections::HashMap<String, (i64, i64)>,
}

impl ContractPass {
    /// (month, the salesperson's tally), by month then salesperson.
    fn signed(&self) -> Vec<(String, Tally)> {
        self.signed
            .iter()
            .map(|((month, who), (count, fen))| {
                (
                    month.clone(),
                    Tally {
                        key: who.clone(),
                        count: *count,
                        amount_fen: *fen,
                    },
                )
            })
            .collect()
    }
}

/// The figures read on the second connection: the customers' (by each field, new per
/// month, new before) and the feedback's.
struct SecondFigures {
    customers_by: Vec<(CustomerDim, Vec<Tally>)>,
    new_by: Vec<(String, Tally)>,
    before_new: i64,
    feedback: Vec<FeedbackMonth>,
    complaints: (Vec<Tally>, Vec<Tally>, Option<f64>),
    open_complaints: [i64; 4],
}

impl Store {
    /// What [`Store::report_summary`] reads on its second connection.
    fn report_summary_others(&self, p: &Period) -> Result<SecondFigures> {
        let feedback = self.feedback_months(p)?;
        let (customers_by, new_by, before_new) = self.customers_pass(p)?;
        Ok(SecondFigures {
            customers_by,
            new_by,
            before_new,
            complaints: self.complaints_from(p, &feedback)?,
            open_complaints: self.report_open_complaints(p)?,
            feedback,
        })
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
    /// 业务员: a row per salesperson, the largest amount signed first.
    pub salespeople: Vec<SalesRow>,
    /// The complaints open at the period's end by age (0–7, 8–30, 31–90, over 90 days).
    pub open_complaints: [i64; 4],
    /// 审批用时 per month (待审批 → 批准).
    pub approvals: Vec<Approvals>,
    /// 应收余额 at each month's end and by age at the end ([`Store::report_owed`]): None
    /// until worked out (the tab asks for it once the rest is on screen).
    pub owed: Option<Owed>,
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
    /// Every figure of 统计报表 for `p`: the contracts' and payments' in one read
    /// transaction, the customers' and feedback's at the same time on a second connection
    /// (the other core), each connection's figures from one moment of the file.
    pub fn report_summary(&self, p: &Period) -> Result<Summary> {
        let tx = self.conn.unchecked_transaction()?;
        let before = p.before();
        let path = self.path.clone();
        let (customers, contracts) = std::thread::scope(|scope| {
            let other = scope.spawn(move || -> Result<_> {
                Store::open_read_only(&path)?.report_summary_others(p)
            });
            let contracts = (|| -> Result<_> {
                let pass = self.contract_pass(p)?;
                let signed = pass.signed();
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
                    self.by_status(p, &pass)?,
                    self.top_of(&pass, 10)?,
                    self.report_signed_total(&before)?,
                    self.received_by(p)?,
                    self.open_and_complaints(p)?,
                    self.report_approvals(p)?,
                ))
            })();
            let customers: Result<SecondFigures> = match other.join() {
                Ok(Ok(c)) => Ok(c),
                // The file could not be opened twice (read-only media): read it here.
                _ => self.report_summary_others(p),
            };
            (customers, contracts)
        });
        let o = customers?;
        let (signed_by_month, signed, by_status, top, before_signed, received_by, open, approvals) =
            contracts?;
        tx.finish()?;
        Ok(Summary {
            period: *p,
            new_customers: by_month(p, &o.new_by),
            customers_by: o.customers_by,
            signed_by_month,
            by_status,
            top,
            before_new: o.before_new,
            before_signed,
            received: by_month(p, &received_by),
            feedback_kinds: feedback_kinds(&o.feedback),
            satisfaction: satisfaction(p, &o.feedback),
            complaints: o.complaints,
            open_complaints: o.open_complaints,
            salespeople: salespeople(&signed, &received_by, &o.new_by, &o.feedback, &open),
            signed,
            approvals,
            owed: None,
        })
    }

    /// Every figure of 统计报表 for `p`, 应收余额 included (the command line, the printed
    /// report and the workbook).
    pub fn report_full(&self, p: &Period) -> Result<Summary> {
        let mut s = self.report_summary(p)?;
        s.owed = Some(self.report_owed(p)?);
        Ok(s)
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
        Ok(by_month(p, &self.received_by(p)?))
    }

    /// 回款 per (month, the contract's 业务员), from the payments' index alone (each
    /// payment carries its contract's salesperson); the contracts in the trash, and
    /// those of the customers in the trash, looked up once (they are few).
    fn received_by(&self, p: &Period) -> Result<Vec<(String, Tally)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(y.paid_on, 1, 7), y.salesperson, count(*), sum(y.amount_fen)
             FROM payments y INDEXED BY payments_report
             WHERE y.paid_on >= ?1 AND y.paid_on <= ?2
               AND y.contract_id NOT IN (
                   SELECT id FROM contracts INDEXED BY contracts_trashed
                   WHERE deleted_at IS NOT NULL
                   UNION ALL
                   SELECT k.id FROM contracts k INDEXED BY contracts_customer
                   WHERE k.deleted_at IS NULL AND k.customer_id IN
                       (SELECT id FROM customers WHERE deleted_at IS NOT NULL))
             GROUP BY 1, 2",
        )?;
        grouped(&mut stmt, [iso(p.from), iso(p.to)])
    }

    /// 新增客户 per (month, 业务员).
    fn new_customers_by(&self, p: &Period) -> Result<Vec<(String, Tally)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(recorded_on, 1, 7), owner, count(*), 0 FROM customers
             WHERE deleted_at IS NULL AND recorded_on >= ?1 AND recorded_on <= ?2
             GROUP BY 1, 2",
        )?;
        grouped(&mut stmt, [iso(p.from), iso(p.to)])
    }

    /// The follow-ups open now (待处理, 处理中, 计划中) per 负责人, and the complaints dated
    /// in the period per the customer's 业务员.
    fn open_and_complaints(&self, p: &Period) -> Result<(Vec<Tally>, Vec<Tally>)> {
        let mut open = self.conn.prepare_cached(
            "SELECT f.responsible, count(*), 0 FROM feedback f INDEXED BY feedback_status
             WHERE f.deleted_at IS NULL AND f.status IN ('open', 'in_progress', 'planned')
               AND f.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
             GROUP BY 1",
        )?;
        let open = tallies(&mut open, [])?;
        let mut complaints = self.conn.prepare_cached(
            "SELECT c.owner, count(*), 0 FROM feedback f INDEXED BY feedback_complaints
             JOIN customers c ON c.id = f.customer_id
             WHERE f.deleted_at IS NULL AND f.kind = 'complaint' AND c.deleted_at IS NULL
               AND f.at >= ?1 AND f.at < ?2
             GROUP BY 1",
        )?;
        let end = iso(p.to + chrono::Duration::days(1));
        let complaints = tallies(&mut complaints, [iso(p.from), end])?;
        Ok((open, complaints))
    }

    /// 业务员: a row per salesperson with anything in the period (or a follow-up open
    /// now), the largest amount signed first, then by name.
    pub fn report_salespeople(&self, p: &Period) -> Result<Vec<SalesRow>> {
        let months = self.feedback_months(p)?;
        Ok(salespeople(
            &self.contract_pass(p)?.signed(),
            &self.received_by(p)?,
            &self.new_customers_by(p)?,
            &months,
            &self.open_and_complaints(p)?,
        ))
    }

    /// The period's feedback items (not in the trash, their customer not in the trash)
    /// in one pass over their index: (month, kind, planned, items, scores given, the
    /// scores' sum).
    fn feedback_months(&self, p: &Period) -> Result<Vec<FeedbackMonth>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(f.at, 1, 7), f.kind, f.status = 'planned', f.responsible, count(*),
                    count(f.satisfaction), coalesce(sum(f.satisfaction), 0)
             FROM feedback f INDEXED BY feedback_report
             WHERE f.deleted_at IS NULL AND f.at >= ?1 AND f.at < ?2
               AND f.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
             GROUP BY 1, 2, 3, 4 ORDER BY 1, 2",
        )?;
        let end = iso(p.to + chrono::Duration::days(1));
        let rows = stmt.query_map([iso(p.from), end], |r| {
            Ok(FeedbackMonth {
                month: r.get(0)?,
                kind: r.get(1)?,
                planned: r.get(2)?,
                who: r.get(3)?,
                items: r.get(4)?,
                scores: r.get(5)?,
                score_sum: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// 交往反馈 per month and kind: items not in the trash and not planned visits, dated
    /// in the month (their customer not in the trash).
    pub fn report_feedback_kinds(&self, p: &Period) -> Result<Vec<(String, Tally)>> {
        Ok(feedback_kinds(&self.feedback_months(p)?))
    }

    /// 满意度 per month (every month of the period): the average of the 1–5 scores given
    /// (items as in [`Store::report_feedback_kinds`]), and how many gave one; None for a
    /// month without a score.
    pub fn report_satisfaction(&self, p: &Period) -> Result<Vec<(String, Option<f64>, i64)>> {
        Ok(satisfaction(p, &self.feedback_months(p)?))
    }

    /// The complaints still open at the period's end, by age (days from the complaint's
    /// date to the period's last day, in the buckets of `domain::reports::COMPLAINT_AGES`):
    /// dated on or
    /// before that day, not in the trash (nor their customer), and handled after it —
    /// 处理日期 later — or not at all (no 处理日期 and still 待处理 or 处理中).
    pub fn report_open_complaints(&self, p: &Period) -> Result<[i64; 4]> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT CAST(julianday(?1) - julianday(substr(f.at, 1, 10)) AS INTEGER)
             FROM feedback f INDEXED BY feedback_complaints
             WHERE f.deleted_at IS NULL AND f.kind = 'complaint' AND f.at < ?2
               AND (f.resolved_on > ?1
                    OR (f.resolved_on = '' AND f.status IN ('open', 'in_progress')))
               AND f.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)",
        )?;
        let end = iso(p.to + chrono::Duration::days(1));
        let mut out = [0i64; 4];
        let mut rows = stmt.query([iso(p.to), end])?;
        while let Some(r) = rows.next()? {
            out[complaint_age_bucket(r.get(0)?)] += 1;
        }
        Ok(out)
    }

    /// 投诉 per month of the period: complaints opened (dated in the month) and closed
    /// (处理日期 in the month), each as counts; and the average days from a complaint's
    /// date to its 处理日期 over those closed in the period (None when none was).
    pub fn report_complaints(&self, p: &Period) -> Result<(Vec<Tally>, Vec<Tally>, Option<f64>)> {
        self.complaints_from(p, &self.feedback_months(p)?)
    }

    /// 投诉 with the complaints opened taken from the period's items already read.
    fn complaints_from(
        &self,
        p: &Period,
        months: &[FeedbackMonth],
    ) -> Result<(Vec<Tally>, Vec<Tally>, Option<f64>)> {
        let mut opened: Vec<Tally> = Vec::new();
        for m in months.iter().filter(|m| m.kind == "complaint") {
            match opened.last_mut() {
                Some(last) if last.key == m.month => last.count += m.items,
                _ => opened.push(Tally {
                    key: m.month.clone(),
                    count: m.items,
                    amount_fen: 0,
                }),
            }
        }
        let opened = every_month(p, opened);
        let mut closed = self.conn.prepare_cached(
            "SELECT substr(f.resolved_on, 1, 7), count(*), 0 FROM feedback f
                 INDEXED BY feedback_complaints
             WHERE f.deleted_at IS NULL AND f.kind = 'complaint'
               AND f.resolved_on >= ?1 AND f.resolved_on <= ?2
               AND f.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
             GROUP BY 1",
        )?;
        let closed = every_month(p, tallies(&mut closed, [iso(p.from), iso(p.to)])?);
        let days: Option<f64> = self.conn.query_row(
            "SELECT avg(julianday(f.resolved_on) - julianday(substr(f.at, 1, 10)))
             FROM feedback f INDEXED BY feedback_complaints
             WHERE f.deleted_at IS NULL AND f.kind = 'complaint'
               AND f.resolved_on >= ?1 AND f.resolved_on <= ?2
               AND f.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)",
            [iso(p.from), iso(p.to)],
            |r| r.get(0),
        )?;
        Ok((opened, closed, days))
    }
}
