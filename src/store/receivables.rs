//! 应收账款: what customers owe on the contracts that count, installment by
//! installment; the credit standing a contract's submission is checked against; ageing
//! and overdue lists as of a date.
//!
//! Definitions (README → 信用与应收):
//! - a contract counts when it is 已批准, 执行中 or 已完成, is not in the trash and has not
//!   been replaced by a revision;
//! - payments received up to the as-of date go to its installments oldest-due first;
//! - days past due = as-of date − 到期日; 0 or less is 未到期;
//! - a customer's standing (what the credit check and its picture read) counts all its
//!   counted contracts; the ageing list as of a date leaves out contracts signed after it.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::changelog::Writer;
use super::{Result, Store};
use crate::domain::contract::{AGEING_BUCKETS, Contract, Installment, bucket_of};

/// The contracts that count as of a date, with what was received on each up to it:
/// contract id → (customer id, paid). Payments go to a contract's installments oldest-due
/// first, so an installment's unpaid part is what `paid` leaves of it after the ones
/// before it (`before_fen`, kept with each installment).
struct Counted {
    /// Indexed by contract id: (customer, received up to the date). For one customer's
    /// few contracts a map instead.
    by_id: Vec<Option<(i64, i64)>>,
    few: std::collections::HashMap<i64, (i64, i64)>,
}

impl Counted {
    /// With `ends`, each contract and payment read is also handed to it (应收余额 at
    /// month ends, from the same rows).
    fn read(
        conn: &Connection,
        as_of: &str,
        customer: Option<i64>,
        mut ends: Option<&mut super::owed::MonthEnds>,
    ) -> rusqlite::Result<Counted> {
        let max: i64 = match customer {
            Some(_) => -1,
            None => conn.query_row("SELECT coalesce(max(id), 0) FROM contracts", [], |r| {
                r.get(0)
            })?,
        };
        let mut by_id = vec![None; (max + 1) as usize];
        let mut few = std::collections::HashMap::new();
        let sql = format!(
            "SELECT id, customer_id, signed_on, amount_fen FROM contracts
             WHERE deleted_at IS NULL AND superseded_by IS NULL
               AND status IN ('approved', 'in_force', 'completed')
               {}",
            // One customer's standing counts every contract it has signed, dated ahead
            // or not; the ageing list as of a date leaves out those signed after it.
            if customer.is_some() {
                "AND customer_id = ?2 AND ?1 IS NOT NULL"
            } else {
                "AND (signed_on <= ?1 OR date(signed_on) IS NULL) AND ?2 IS NULL"
            }
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![as_of, customer])?;
        while let Some(r) = rows.next()? {
            let (id, cid): (i64, i64) = (r.get(0)?, r.get(1)?);
            if let Some(e) = ends.as_deref_mut() {
                e.contract(id, r.get_ref(2)?.as_bytes().unwrap_or(b""), r.get(3)?);
            }
            match by_id.get_mut(id as usize) {
                Some(slot) => *slot = Some((cid, 0)),
                None => {
                    few.insert(id, (cid, 0));
                }
            }
        }
        let sql = if customer.is_some() {
            "SELECT p.contract_id, p.amount_fen FROM payments p
             JOIN contracts c ON c.id = p.contract_id
             WHERE p.paid_on <= ?1 AND c.customer_id = ?2 AND c.deleted_at IS NULL"
        } else {
            "SELECT contract_id, amount_fen, paid_on FROM payments
             WHERE paid_on <= ?1 AND ?2 IS NULL"
        };
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![as_of, customer])?;
        while let Some(r) = rows.next()? {
            let (id, amount): (i64, i64) = (r.get(0)?, r.get(1)?);
            if let Some(Some((_, paid))) = by_id.get_mut(id as usize) {
                *paid += amount;
            } else if let Some((_, paid)) = few.get_mut(&id) {
                *paid += amount;
            } else {
                continue;
            }
            if let Some(e) = ends.as_deref_mut() {
                e.payment(id, r.get_ref(2)?.as_bytes().unwrap_or(b""), amount);
            }
        }
        Ok(Counted { by_id, few })
    }
}

/// Days from the common era of an ISO date (YYYY-MM-DD), read straight from its bytes
/// (as chrono's `num_days_from_ce` counts them): the installments scan does this a
/// million times.
pub(super) fn day_number(iso: &[u8]) -> Option<i32> {
    let d = |i: usize| -> Option<i32> {
        let b = *iso.get(i)?;
        b.is_ascii_digit().then_some(i32::from(b - b'0'))
    };
    if iso.get(4) != Some(&b'-') || iso.get(7) != Some(&b'-') {
        return None;
    }
    let y = d(0)? * 1000 + d(1)? * 100 + d(2)? * 10 + d(3)?;
    let m = d(5)? * 10 + d(6)?;
    let day = d(8)? * 10 + d(9)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (Howard Hinnant), shifted so that 0001-01-01 is day 1.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468 + 719_163)
}

/// One installment as the scan reads it.
struct Inst {
    contract: i64,
    /// 到期日 as days from the common era.
    due: i32,
    amount: i64,
    before: i64,
}

fn read_inst(r: &rusqlite::Row) -> rusqlite::Result<Inst> {
    Ok(Inst {
        contract: r.get(0)?,
        due: day_number(r.get_ref(1)?.as_bytes()?).unwrap_or(0),
        amount: r.get(2)?,
        before: r.get(3)?,
    })
}

fn scan_installments(c: &Connection) -> rusqlite::Result<Vec<Inst>> {
    let mut stmt =
        c.prepare_cached("SELECT contract_id, due_on, amount_fen, before_fen FROM installments")?;
    stmt.query_map([], read_inst)?.collect()
}

/// Installments read, or being read on another thread.
enum Scan {
    Ready(Vec<Inst>),
    Worker(std::thread::JoinHandle<rusqlite::Result<Vec<Inst>>>),
}

impl Scan {
    /// Every installment, read on a second, read-only connection to the file at `path`
    /// while the caller reads the contracts and payments: the two halves of the work
    /// on two cores.
    fn start(path: &std::path::Path) -> Scan {
        let p = path.to_path_buf();
        Scan::Worker(std::thread::spawn(move || {
            scan_installments(&super::second_reader(&p)?)
        }))
    }

    /// The installments; read on `conn` after all when the file could not be opened a
    /// second time (read-only media).
    fn finish(self, conn: &Connection) -> rusqlite::Result<Vec<Inst>> {
        match self {
            Scan::Ready(v) => Ok(v),
            Scan::Worker(h) => match h.join() {
                Ok(Ok(v)) => Ok(v),
                _ => scan_installments(conn),
            },
        }
    }
}

/// Calls `each(contract, customer, due day, unpaid, days past due)` for every
/// installment of the contracts that count as of `as_of` (of one customer, or all —
/// then read as a whole, in parallel with the contracts when `path` is given) with
/// something unpaid.
///
/// `also` runs on this connection while the installments are being read (the customers'
/// names, say); its answer is returned. `ends` is handed the contracts and payments read
/// (see [`Counted::read`]).
pub(super) fn each_unpaid<T>(
    conn: &Connection,
    path: Option<&std::path::Path>,
    as_of: NaiveDate,
    customer: Option<i64>,
    ends: Option<&mut super::owed::MonthEnds>,
    also: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    mut each: impl FnMut(i64, i64, i32, i64, i64),
) -> rusqlite::Result<T> {
    use chrono::Datelike;
    let day = iso(as_of);
    let today = as_of.num_days_from_ce();
    let scan = match (customer, path) {
        (Some(cid), _) => {
            let mut stmt = conn.prepare_cached(
                "SELECT i.contract_id, i.due_on, i.amount_fen, i.before_fen FROM installments i
                 JOIN contracts c ON c.id = i.contract_id
                 WHERE c.customer_id = ?1 AND c.deleted_at IS NULL",
            )?;
            Scan::Ready(
                stmt.query_map([cid], read_inst)?
                    .collect::<rusqlite::Result<_>>()?,
            )
        }
        (None, Some(p)) => Scan::start(p),
        (None, None) => Scan::Ready(scan_installments(conn)?),
    };
    let counted = Counted::read(conn, &day, customer, ends)?;
    let also = also(conn)?;
    let installments = scan.finish(conn)?;
    for i in installments {
        let Some((cid, paid)) = counted
            .by_id
            .get(i.contract as usize)
            .copied()
            .flatten()
            .or_else(|| counted.few.get(&i.contract).copied())
        else {
            continue;
        };
        let unpaid = (i.before + i.amount - paid).clamp(0, i.amount);
        if unpaid > 0 {
            each(i.contract, cid, i.due, unpaid, (today - i.due) as i64);
        }
    }
    Ok(also)
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
    // In due order, each with what falls due before it (payments go oldest first).
    let mut order: Vec<&Installment> = new.iter().collect();
    order.sort_by(|a, b| a.due_on.cmp(&b.due_on));
    let mut before = 0;
    for (seq, i) in order.into_iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO installments (contract_id, seq, due_on, amount_fen, note, before_fen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            contract_id,
            seq as i64 + 1,
            i.due_on,
            i.amount_fen,
            i.note.trim(),
            before
        ])?;
        before += i.amount_fen;
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

/// Why a contract went to the supervisor as 超信用待审批: the customer's figures as they
/// were when it was submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditHold {
    /// What the customer owed before this contract.
    pub owed_fen: i64,
    /// Its limit (with an unexpired temporary limit); 0 when it has none.
    pub limit_fen: i64,
    /// Days its oldest overdue installment was late.
    pub overdue_days: i64,
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
    /// The latest 催款's promise: the date it promised to pay by, and how much.
    pub promise: Option<(String, i64)>,
}

impl AgeingRow {
    /// Something is overdue although the customer promised to pay by a date now past.
    pub fn promise_broken(&self, as_of: NaiveDate) -> bool {
        let overdue: i64 = self.buckets[1..].iter().sum();
        overdue > 0
            && self.promise.as_ref().is_some_and(|(on, _)| {
                crate::domain::validate::parse_date(on).is_some_and(|d| d < as_of)
            })
    }
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
    /// Whether submitting `c` now exceeds its customer's credit: what it owes plus this
    /// contract over its limit (when it has one, or limits are compulsory), or an
    /// installment more overdue than the firm allows. None when neither.
    pub fn credit_hold(&self, c: &Contract) -> Result<Option<CreditHold>> {
        let Some(cid) = c.customer_id else {
            return Ok(None);
        };
        let s = self.settings()?;
        let st = credit_standing(&self.conn, cid, super::today())?;
        let limited = st.limit_fen > 0 || s.credit_limit_required;
        let over = limited && c.amount_fen + st.owed_fen > st.limit_fen;
        let late = st.overdue_days() > i64::from(s.overdue_hold_days);
        Ok((over || late).then_some(CreditHold {
            owed_fen: st.owed_fen,
            limit_fen: st.limit_fen,
            overdue_days: st.overdue_days(),
        }))
    }

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
        // Per customer id: its line's index in `rows` (customer ids are small integers;
        // the table grows for one added while the list is worked out).
        let max: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM customers", [], |r| {
                    r.get(0)
                })?;
        let mut slot = vec![u32::MAX; max as usize + 1];
        let mut rows: Vec<AgeingRow> = Vec::new();
        // Every customer's name, salesperson, grade and sort key, by id.
        type Names = Vec<Option<(String, String, String, String)>>;
        let read_names = |c: &Connection| -> rusqlite::Result<Names> {
            let mut names: Names = vec![None; max as usize + 1];
            let mut stmt =
                c.prepare_cached("SELECT id, name, owner, grade, name_sort FROM customers")?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let id = r.get::<_, i64>(0)? as usize;
                if id >= names.len() {
                    names.resize(id + 1, None);
                }
                names[id] = Some((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
            }
            Ok(names)
        };
        let mut names = each_unpaid(
            &self.conn,
            Some(&self.path),
            as_of,
            None,
            None,
            read_names,
            |_, cid, _, unpaid, days| {
                if cid as usize >= slot.len() {
                    slot.resize(cid as usize + 1, u32::MAX);
                }
                let s = &mut slot[cid as usize];
                if *s == u32::MAX {
                    *s = rows.len() as u32;
                    rows.push(AgeingRow {
                        customer_id: cid,
                        name: String::new(),
                        owner: String::new(),
                        grade: String::new(),
                        total_fen: 0,
                        buckets: [0; AGEING_BUCKETS],
                        oldest_days: i64::MIN,
                        promise: None,
                    });
                }
                let row = &mut rows[*s as usize];
                row.total_fen += unpaid;
                row.buckets[bucket_of(days)] += unpaid;
                row.oldest_days = row.oldest_days.max(days);
            },
        )?;
        // The latest promise of each customer's 催款 made by the date.
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, promised_on, promised_fen FROM feedback
             WHERE kind = 'collection' AND deleted_at IS NULL AND promised_on <> ''
               AND substr(at, 1, 10) <= ?1
             ORDER BY at, id",
        )?;
        let mut q = stmt.query([iso(as_of)])?;
        while let Some(r) = q.next()? {
            let cid: i64 = r.get(0)?;
            if let Some(&s) = slot.get(cid as usize)
                && s != u32::MAX
            {
                rows[s as usize].promise = Some((r.get(1)?, r.get(2)?));
            }
        }
        let mut keys = vec![String::new(); rows.len()];
        for (i, row) in rows.iter_mut().enumerate() {
            if let Some((name, owner, grade, key)) = names
                .get_mut(row.customer_id as usize)
                .and_then(Option::take)
            {
                (row.name, row.owner, row.grade, keys[i]) = (name, owner, grade, key);
            }
        }
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_unstable_by(|a, b| {
            rows[*b]
                .total_fen
                .cmp(&rows[*a].total_fen)
                .then_with(|| keys[*a].cmp(&keys[*b]))
        });
        let mut rows: Vec<Option<AgeingRow>> = rows.into_iter().map(Some).collect();
        Ok(order.into_iter().filter_map(|i| rows[i].take()).collect())
    }

    /// Every unpaid part of an installment of a counted contract as of `as_of`: the
    /// contract, its customer, the due date, what is unpaid (fen) and the days it is
    /// late (negative: days to go).
    pub(crate) fn unpaid_installments(&self, as_of: NaiveDate) -> Result<Vec<Unpaid>> {
        let mut out = Vec::new();
        each_unpaid(
            &self.conn,
            None,
            as_of,
            None,
            None,
            |_| Ok(()),
            |contract, customer, due, unpaid_fen, days| {
                if let Some(due) = NaiveDate::from_num_days_from_ce_opt(due) {
                    out.push(Unpaid {
                        contract,
                        customer,
                        due,
                        unpaid_fen,
                        days,
                    });
                }
            },
        )?;
        Ok(out)
    }

    /// The installments unpaid past their due date as of `as_of`, the latest first.
    pub fn overdue_installments(&self, as_of: NaiveDate) -> Result<Vec<OverdueRow>> {
        let mut out = Vec::new();
        each_unpaid(
            &self.conn,
            Some(&self.path),
            as_of,
            None,
            None,
            |_| Ok(()),
            |contract, cid, due, unpaid, days| {
                if days > 0 {
                    out.push(OverdueRow {
                        contract_id: contract,
                        number: String::new(),
                        title: String::new(),
                        customer_id: cid,
                        customer_name: String::new(),
                        due_on: NaiveDate::from_num_days_from_ce_opt(due)
                            .map(iso)
                            .unwrap_or_default(),
                        unpaid_fen: unpaid,
                        days,
                    });
                }
            },
        )?;
        // Names read in one pass each, not a lookup per installment.
        let wanted: std::collections::HashSet<i64> = out.iter().map(|o| o.contract_id).collect();
        let mut contracts = std::collections::HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, number, title FROM contracts")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if wanted.contains(&id) {
                contracts.insert(id, (r.get::<_, String>(1)?, r.get::<_, String>(2)?));
            }
        }
        let wanted: std::collections::HashSet<i64> = out.iter().map(|o| o.customer_id).collect();
        let mut customers = std::collections::HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, name_sort FROM customers")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if wanted.contains(&id) {
                customers.insert(id, (r.get::<_, String>(1)?, r.get::<_, String>(2)?));
            }
        }
        let mut keys = Vec::with_capacity(out.len());
        for o in &mut out {
            if let Some((n, t)) = contracts.get(&o.contract_id) {
                (o.number, o.title) = (n.clone(), t.clone());
            }
            let (name, key) = customers.get(&o.customer_id).cloned().unwrap_or_default();
            o.customer_name = name;
            keys.push(key);
        }
        let mut order: Vec<usize> = (0..out.len()).collect();
        order.sort_by(|a, b| {
            out[*b]
                .days
                .cmp(&out[*a].days)
                .then_with(|| keys[*a].cmp(&keys[*b]))
                .then_with(|| out[*a].number.cmp(&out[*b].number))
        });
        let mut out: Vec<Option<OverdueRow>> = out.into_iter().map(Some).collect();
        Ok(order.into_iter().filter_map(|i| out[i].take()).collect())
    }
}

/// What is unpaid of one installment as of a day.
pub(crate) struct Unpaid {
    pub contract: i64,
    pub customer: i64,
    pub due: NaiveDate,
    pub unpaid_fen: i64,
    /// Days late (negative: days to go).
    pub days: i64,
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
    each_unpaid(
        conn,
        None,
        as_of,
        Some(customer_id),
        None,
        |_| Ok(()),
        |_, _, _, unpaid, days| {
            s.owed_fen += unpaid;
            if days > 0 {
                s.overdue_fen += unpaid;
                if s.oldest_overdue.is_none_or(|(_, d)| days > d) {
                    s.oldest_overdue = Some((unpaid, days));
                }
            }
        },
    )?;
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

impl Store {
    /// For the receivables benchmark only: writes `per_customer` counted contracts for
    /// each of `customers`, each with `installments` installments over the three years
    /// before `today` and a payment covering a pseudo-random part of it, straight into
    /// the tables in one transaction (no change log: generated data, not the firm's).
    pub fn generate_receivables_for_bench(
        &mut self,
        customers: &[i64],
        per_customer: usize,
        installments: usize,
        today: NaiveDate,
    ) -> Result<u64> {
        let actor = self.require_actor()?;
        let at = super::now_text();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut n = 0u64;
        let mut next = super::bench_numbers(0x2545_f491_4f6c_dd1du64);
        {
            let mut contract = tx.prepare(
                "INSERT INTO contracts (number, customer_id, title, signed_on, amount_fen, status,
                 created_at, updated_at, created_by, updated_by)
                 VALUES (?1, ?2, '基准测试合同', ?3, ?4, 'in_force', ?5, ?5, ?6, ?6)",
            )?;
            let mut inst = tx.prepare(
                "INSERT INTO installments (contract_id, seq, due_on, amount_fen, before_fen)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut pay = tx.prepare(
                "INSERT INTO payments (contract_id, paid_on, amount_fen, created_at, updated_at,
                 created_by, updated_by) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?5)",
            )?;
            for (k, cid) in customers.iter().enumerate() {
                for j in 0..per_customer {
                    let signed = today - chrono::Duration::days(next(1_100) as i64 + 1);
                    let each = (next(40) as i64 + 1) * 100_000;
                    let amount = each * installments as i64;
                    contract.execute(params![
                        format!("BENCH-{k}-{j}"),
                        cid,
                        iso(signed),
                        amount,
                        at,
                        actor.name
                    ])?;
                    let id = tx.last_insert_rowid();
                    for s in 0..installments {
                        let due = signed + chrono::Duration::days(30 + 60 * s as i64);
                        inst.execute(params![id, s as i64 + 1, iso(due), each, each * s as i64])?;
                        n += 1;
                    }
                    let paid = amount * next(11) as i64 / 10;
                    if paid > 0 {
                        let on = (signed + chrono::Duration::days(45)).min(today);
                        pay.execute(params![id, iso(on), paid, at, actor.name])?;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    /// The hand-written day count agrees with chrono's for every day of four centuries
    /// and refuses what is not a date.
    #[test]
    fn day_numbers_agree_with_chrono() {
        let mut d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        while d.year() < 2300 {
            assert_eq!(
                day_number(iso(d).as_bytes()),
                Some(d.num_days_from_ce()),
                "{d}"
            );
            d = d.succ_opt().unwrap();
        }
        for bad in [
            "",
            "2026-1-05",
            "2026/01/05",
            "2026-13-01",
            "abcd-ef-gh",
            "2026-00-10",
        ] {
            assert_eq!(day_number(bad.as_bytes()), None, "{bad}");
        }
    }
}
