//! Imports of the other four kinds of record — 交往反馈, 合同信息, 竞争对手, 业界动态 —
//! in the store: the keys that say which existing record a row is, the whole import in
//! one transaction through the same save functions the forms use (so every rule a form
//! meets, an import meets), and its undo.
//!
//! A contract's status from a file is kept only when a supervisor or an administrator
//! imports it (they could approve it by hand); anyone else's imported contracts land as
//! drafts, to go through approval.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{OptionalExtension, params};

use super::changelog::Writer;
use super::imports::{
    ImportRecord, ImportTally, begin_import, finish_import, mark_undone, remember_item,
};
use super::{Result, Store, StoreError, now_text};
use crate::domain::contract::ContractStatus;
use crate::domain::text::{match_name, name_key};

/// One record of any of the four kinds, as an import writes it.
pub use crate::domain::records::Record;

impl Record {
    /// The table it lives in (also the import's kind).
    pub fn table(&self) -> &'static str {
        match self {
            Record::Feedback(_) => "feedback",
            Record::Contract(_) => "contracts",
            Record::Competitor(_) => "competitors",
            Record::News(_) => "news",
        }
    }

    fn set_id(&mut self, id: Option<i64>) {
        match self {
            Record::Feedback(r) => r.id = id,
            Record::Contract(r) => r.id = id,
            Record::Competitor(r) => r.id = id,
            Record::News(r) => r.id = id,
        }
    }
}

/// Changes an existing record into what the row makes of it.
pub type Overlay = Box<dyn FnOnce(Record) -> Record + Send>;

/// One planned write of a record import.
pub enum RecordStep {
    /// A new record; a contract with `paid_fen` (its 已回款 from the file) above 0 gets
    /// one payment of it.
    Create {
        line: u64,
        record: Box<Record>,
        paid_fen: i64,
    },
    /// Into the existing record `id`: the store loads it and `overlay` changes it; a
    /// contract with `paid_fen` above what it has received gets the difference as a
    /// payment.
    Update {
        line: u64,
        id: i64,
        overlay: Overlay,
        paid_fen: i64,
    },
}

/// An existing contract as an import row meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExistingContract {
    pub id: i64,
    pub status: ContractStatus,
    pub amount_fen: i64,
    pub customer_id: i64,
}

/// The keys of the live records an import row may refer to or repeat.
#[derive(Debug, Default)]
pub struct RecordIndex {
    customers: HashMap<String, i64>,
    customers_loose: HashMap<String, i64>,
    competitors: HashMap<String, i64>,
    contracts: HashMap<String, ExistingContract>,
    feedback: HashMap<(i64, String, String), i64>,
    news: HashMap<(String, String), i64>,
}

impl RecordIndex {
    /// The live customer of this name: exactly (after width folding), else without
    /// 有限公司 and the like.
    pub fn customer(&self, name: &str) -> Option<i64> {
        self.customers
            .get(&name_key(name))
            .or_else(|| self.customers_loose.get(&match_name(name)))
            .copied()
    }

    pub fn competitor(&self, name: &str) -> Option<i64> {
        self.competitors.get(&name_key(name)).copied()
    }

    /// The current contract with this number.
    pub fn contract(&self, number: &str) -> Option<ExistingContract> {
        self.contracts.get(number.trim()).copied()
    }

    /// Feedback of this customer at this time with this subject.
    pub fn feedback(&self, customer_id: i64, at: &str, subject: &str) -> Option<i64> {
        self.feedback
            .get(&(customer_id, at.to_string(), subject.trim().to_string()))
            .copied()
    }

    /// News of this date with this title.
    pub fn news(&self, on: &str, title: &str) -> Option<i64> {
        self.news
            .get(&(on.to_string(), title.trim().to_string()))
            .copied()
    }
}

impl Store {
    /// Keys of live customers and competitors, and of the records of `table` an
    /// import into it may repeat.
    pub fn record_index(&self, table: &str) -> Result<RecordIndex> {
        let mut ix = RecordIndex::default();
        let mut stmt = self
            .conn
            .prepare("SELECT id, name_key, name FROM customers WHERE deleted_at IS NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            ix.customers.insert(r.get(1)?, id);
            ix.customers_loose
                .entry(match_name(&r.get::<_, String>(2)?))
                .or_insert(id);
        }
        let mut stmt = self
            .conn
            .prepare("SELECT id, name_key FROM competitors WHERE deleted_at IS NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            ix.competitors.insert(r.get(1)?, r.get(0)?);
        }
        match table {
            "contracts" => {
                let mut stmt = self.conn.prepare(
                    "SELECT id, number, status, amount_fen, customer_id FROM contracts
                     WHERE deleted_at IS NULL AND superseded_by IS NULL",
                )?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    let number: String = r.get(1)?;
                    ix.contracts.insert(
                        number,
                        ExistingContract {
                            id: r.get(0)?,
                            status: ContractStatus::from_code(&r.get::<_, String>(2)?)
                                .unwrap_or_default(),
                            amount_fen: r.get(3)?,
                            customer_id: r.get(4)?,
                        },
                    );
                }
            }
            "feedback" => {
                let mut stmt = self.conn.prepare(
                    "SELECT id, customer_id, at, subject FROM feedback WHERE deleted_at IS NULL",
                )?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    ix.feedback
                        .insert((r.get(1)?, r.get(2)?, r.get(3)?), r.get(0)?);
                }
            }
            "news" => {
                let mut stmt = self
                    .conn
                    .prepare("SELECT id, on_date, title FROM news WHERE deleted_at IS NULL")?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    ix.news.insert((r.get(1)?, r.get(2)?), r.get(0)?);
                }
            }
            _ => {}
        }
        Ok(ix)
    }

    /// Names by id of every customer or competitor (`table`), the trash included, for
    /// writing records out with names instead of numbers.
    pub fn names_by_id(&self, table: &str) -> Result<HashMap<i64, String>> {
        let sql = match table {
            "customers" => "SELECT id, name FROM customers",
            "competitors" => "SELECT id, name FROM competitors",
            _ => return Err(StoreError::NotFound),
        };
        Ok(self
            .conn
            .prepare(sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// A record of `table` as the forms load it.
    pub fn record(&self, table: &str, id: i64) -> Result<Record> {
        Ok(match table {
            "feedback" => Record::Feedback(self.feedback(id)?),
            "contracts" => Record::Contract(self.contract(id)?.contract),
            "competitors" => Record::Competitor(self.competitor(id)?),
            "news" => Record::News(self.news_item(id)?),
            _ => return Err(StoreError::NotFound),
        })
    }

    /// True when the signed-in user may keep a contract's status from a file.
    pub fn may_import_contract_status(&self) -> bool {
        self.actor().is_some_and(|a| {
            matches!(
                a.role,
                crate::domain::Role::Supervisor | crate::domain::Role::Admin
            )
        })
    }

    fn save_record(&mut self, r: &Record) -> Result<i64> {
        match r {
            Record::Feedback(f) => self.save_feedback(f),
            Record::Contract(c) => self.save_contract(c),
            Record::Competitor(c) => self.save_competitor(c),
            Record::News(n) => self.save_news(n),
        }
    }

    /// Writes an import of `table` in one transaction, after a snapshot: every step
    /// lands or none does. Each record goes through the same save as its form, so a row
    /// the form would refuse stops the import with that row's line and reason.
    pub fn import_records(
        &mut self,
        table: &'static str,
        file_name: &str,
        steps: impl Iterator<Item = std::result::Result<RecordStep, String>>,
        tally: impl FnOnce() -> ImportTally,
        progress: &mut dyn FnMut(u64),
        cancel: &AtomicBool,
    ) -> Result<ImportRecord> {
        let actor = self.require_actor()?;
        if !actor.role.can_edit_records() {
            return Err(StoreError::NotAllowed);
        }
        self.snapshot("import")?;
        let id = self.in_transaction(|s| {
            s.import_records_in_tx(table, file_name, steps, tally, progress, cancel)
        })?;
        self.import(id)
    }

    /// Runs `work` in one immediate transaction on this connection (the form saves it
    /// calls nest inside as savepoints): committed when it succeeds, rolled back when
    /// it fails. Remembered counts are forgotten either way.
    fn in_transaction<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let result = work(self).and_then(|t| {
            self.conn.execute_batch("COMMIT")?;
            Ok(t)
        });
        if result.is_err() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        self.count_memo.borrow_mut().clear();
        result
    }

    fn import_records_in_tx(
        &mut self,
        table: &'static str,
        file_name: &str,
        steps: impl Iterator<Item = std::result::Result<RecordStep, String>>,
        tally: impl FnOnce() -> ImportTally,
        progress: &mut dyn FnMut(u64),
        cancel: &AtomicBool,
    ) -> Result<i64> {
        let actor = self.require_actor()?;
        let at = now_text();
        let import_id = begin_import(&self.conn, table, file_name, &at, &actor.name)?;
        let keep_status = self.may_import_contract_status();
        let (mut created, mut updated, mut n) = (0i64, 0i64, 0u64);
        for step in steps {
            if cancel.load(Ordering::Relaxed) {
                return Err(StoreError::Cancelled);
            }
            let step = step.map_err(StoreError::ImportRead)?;
            let line = match &step {
                RecordStep::Create { line, .. } | RecordStep::Update { line, .. } => *line,
            };
            let row_err = |e: StoreError| match e {
                StoreError::Sqlite(_) | StoreError::Cancelled => e,
                e => StoreError::ImportRecordRow {
                    line,
                    why: e.message(),
                },
            };
            match step {
                RecordStep::Create {
                    record, paid_fen, ..
                } => {
                    let mut record = *record;
                    record.set_id(None);
                    let id = self.save_record(&record).map_err(row_err)?;
                    if let Record::Contract(c) = &record
                        && keep_status
                        && c.status != ContractStatus::Draft
                    {
                        self.set_imported_status(id, c.status, &actor.name, &at)?;
                    }
                    remember_item(&self.conn, import_id, table, id, "created", None)?;
                    created += 1;
                    if let Record::Contract(c) = &record {
                        self.import_paid(import_id, id, c, paid_fen, file_name)
                            .map_err(row_err)?;
                    }
                }
                RecordStep::Update {
                    id,
                    overlay,
                    paid_fen,
                    ..
                } => {
                    let old = self.record(table, id)?;
                    let before = serde_json::to_string(&old).expect("records serialise");
                    let mut new = overlay(old.clone());
                    new.set_id(Some(id));
                    let mut changed = false;
                    if new != old {
                        self.save_record(&new).map_err(row_err)?;
                        remember_item(&self.conn, import_id, table, id, "updated", Some(before))?;
                        changed = true;
                    }
                    if let Record::Contract(c) = &new {
                        changed |= self
                            .import_paid(import_id, id, c, paid_fen, file_name)
                            .map_err(row_err)?;
                    }
                    if changed {
                        updated += 1;
                    }
                }
            }
            n += 1;
            if n.is_multiple_of(200) {
                progress(n);
            }
        }
        let w = Writer {
            conn: &self.conn,
            user: &actor.name,
            at: &at,
        };
        finish_import(&w, import_id, file_name, tally(), created, updated)?;
        progress(n);
        Ok(import_id)
    }

    /// A contract's 已回款 from an import's file: what it says beyond what the contract
    /// has received comes in as one payment, dated the day the contract was signed (or
    /// today), remembered with the import so that undoing it takes the payment out.
    /// The rules of a payment typed in hold (the contract must take payments; no more
    /// than its amount). True when a payment was added.
    fn import_paid(
        &mut self,
        import_id: i64,
        contract_id: i64,
        c: &crate::domain::contract::Contract,
        paid_fen: i64,
        file_name: &str,
    ) -> Result<bool> {
        if paid_fen <= 0 {
            return Ok(false);
        }
        let received = self.contract(contract_id)?.received_fen;
        if paid_fen <= received {
            return Ok(false);
        }
        let paid_on = if crate::domain::validate::parse_date(&c.signed_on).is_some() {
            c.signed_on.clone()
        } else {
            crate::store::today().to_string()
        };
        let payment = crate::domain::contract::Payment {
            id: None,
            paid_on,
            amount_fen: paid_fen - received,
            method: String::new(),
            note: crate::strings::imported_payment_note(file_name),
        };
        let pid = self.add_payment(contract_id, &payment)?;
        remember_item(&self.conn, import_id, "payments", pid, "created", None)?;
        Ok(true)
    }

    /// A contract's status as a supervisor's or administrator's file gives it, with
    /// their name as the decision's when the status is past approval.
    fn set_imported_status(
        &self,
        id: i64,
        status: ContractStatus,
        user: &str,
        at: &str,
    ) -> Result<()> {
        let decided = !matches!(status, ContractStatus::Draft | ContractStatus::Submitted);
        if decided {
            self.conn.execute(
                "UPDATE contracts SET status = ?1, decided_by = ?2, decided_at = ?3,
                 decision_comment = ?4 WHERE id = ?5",
                params![
                    status.code(),
                    user,
                    at,
                    crate::strings::S::ImportStatusKept.in_lang(crate::strings::Lang::Zh),
                    id
                ],
            )?;
        } else {
            self.conn.execute(
                "UPDATE contracts SET status = ?1 WHERE id = ?2",
                params![status.code(), id],
            )?;
        }
        Writer {
            conn: &self.conn,
            user,
            at,
        }
        .updated(
            "contracts",
            id,
            &["status"],
            &[ContractStatus::Draft.code().into()],
            &[status.code().into()],
            None,
        )?;
        Ok(())
    }

    /// Undoes an import of feedback, contracts, competitors or news (called by
    /// [`Store::undo_import`]): created records are removed for good (their values stay
    /// in the change log), updated ones get their earlier values back. Refused, with
    /// nothing changed, when a created contract has since got payments or a revision, or
    /// a created competitor intelligence or news.
    pub(super) fn undo_record_import(&mut self, rec: &ImportRecord) -> Result<()> {
        let actor = self.require_actor()?;
        self.snapshot("undo-import")?;
        let at = now_text();
        self.in_transaction(|s| {
            let items: Vec<(String, i64, String, Option<String>)> = s
                .conn
                .prepare(
                    "SELECT table_name, row_id, action, before FROM import_items
                     WHERE import_id = ?1 ORDER BY rowid DESC",
                )?
                .query_map([rec.id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (table, id, action, before) in items {
                if action == "created" {
                    s.remove_imported(&table, id, &actor.name, &at)?;
                    continue;
                }
                let Some(before) = before else { continue };
                let old: Record = serde_json::from_str(&before)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let live: Option<Option<String>> = s
                    .conn
                    .query_row(
                        &format!("SELECT deleted_at FROM {table} WHERE id = ?1"),
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if matches!(live, Some(None)) {
                    s.save_record(&old)?;
                }
            }
            let w = Writer {
                conn: &s.conn,
                user: &actor.name,
                at: &at,
            };
            mark_undone(&w, rec.id)?;
            Ok(())
        })
    }

    /// Removes a payment an import brought (the 已回款 of a contract's row).
    fn remove_imported_payment(&self, id: i64, user: &str, at: &str) -> Result<()> {
        let row: Option<(i64, String, i64, String, String)> = self
            .conn
            .query_row(
                "SELECT contract_id, paid_on, amount_fen, method, note FROM payments WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((contract_id, paid_on, amount_fen, method, note)) = row else {
            return Ok(());
        };
        self.conn
            .execute("DELETE FROM payments WHERE id = ?1", [id])?;
        Writer {
            conn: &self.conn,
            user,
            at,
        }
        .deleted(
            "payments",
            id,
            &["paid_on", "amount_fen", "method", "note"],
            &[paid_on, amount_fen.to_string(), method, note],
            Some(&super::changelog::Parent("contracts", contract_id)),
        )?;
        Ok(())
    }

    /// Removes a record an import created, with its links; its last values go into the
    /// change log.
    fn remove_imported(&self, table: &str, id: i64, user: &str, at: &str) -> Result<()> {
        if table == "payments" {
            return self.remove_imported_payment(id, user, at);
        }
        let Ok(record) = self.record(table, id) else {
            return Ok(());
        };
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [id], |r| r.get(0))?) };
        let label = match &record {
            Record::Contract(c) => c.number.clone(),
            Record::Competitor(c) => c.name.clone(),
            Record::Feedback(f) => f.subject.clone(),
            Record::News(n) => n.title.clone(),
        };
        let used = match table {
            "contracts" => one(
                "SELECT (SELECT count(*) FROM payments WHERE contract_id = ?1)
                      + (SELECT count(*) FROM contracts WHERE revises_id = ?1)",
            )?,
            "competitors" => one(
                "SELECT (SELECT count(*) FROM competitor_intel WHERE competitor_id = ?1)
                      + (SELECT count(*) FROM news_competitors WHERE competitor_id = ?1)",
            )?,
            _ => 0,
        };
        if used > 0 {
            return Err(StoreError::UndoRecordBlocked(label));
        }
        let links: &[&str] = match table {
            "contracts" => &["DELETE FROM installments WHERE contract_id = ?1"],
            "competitors" => &["DELETE FROM competitor_customers WHERE competitor_id = ?1"],
            "news" => &[
                "DELETE FROM news_customers WHERE news_id = ?1",
                "DELETE FROM news_competitors WHERE news_id = ?1",
            ],
            _ => &[],
        };
        for sql in links {
            self.conn.execute(sql, [id])?;
        }
        self.conn
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        Writer {
            conn: &self.conn,
            user,
            at,
        }
        .deleted(
            table,
            id,
            &["record"],
            &[serde_json::to_string(&record).expect("records serialise")],
            None,
        )?;
        Ok(())
    }
}
