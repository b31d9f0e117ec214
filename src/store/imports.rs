//! Imports in the store: finding which existing customer a row is (code, name,
//! credit code, phone), writing a whole import in one transaction, remembering what it
//! created and what it changed so it can be undone, and saved column mappings.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{OptionalExtension, params};

use super::changelog::Writer;
use super::customers::{
    Saves, code_number, customer_from_row, customer_select, load_contacts, renumber, save_in_tx,
    trash_row, unindex_many,
};
use super::{Result, Store, StoreError, now_text, search};
use crate::domain::customer::FieldValues;
use crate::domain::text::{match_name, name_key, phone_key};
use crate::domain::{Contact, Customer};

/// Why a row was taken for an existing customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchReason {
    Code,
    Name,
    CreditCode,
    Phone,
    /// The same contract number.
    Number,
    /// The same customer, time and subject (feedback) or date and title (news).
    Same,
}

/// Every live customer's identifying keys, loaded once per import.
#[derive(Debug, Default)]
pub struct MatchIndex {
    /// Code → the customer and its loose name key.
    code: HashMap<String, (i64, String)>,
    /// Codes of customers in the trash: not matched against (a row is not the trashed
    /// customer), but not free either — the customer keeps its code for a restore.
    trashed_codes: std::collections::HashSet<String>,
    name: HashMap<String, i64>,
    match_name: HashMap<String, i64>,
    credit: HashMap<String, i64>,
    phone: HashMap<String, i64>,
}

impl MatchIndex {
    /// The customer a row with these values is, and why: the code when the name agrees
    /// (a code from another database may belong to someone else here), then the credit
    /// code, the name, and last a phone number.
    pub fn find(
        &self,
        code: &str,
        name: &str,
        credit: &str,
        phones: &[&str],
    ) -> Option<(i64, MatchReason)> {
        if !code.is_empty()
            && let Some((id, key)) = self.code.get(code)
            && *key == match_name(name)
        {
            return Some((*id, MatchReason::Code));
        }
        if !credit.is_empty()
            && let Some(&id) = self.credit.get(credit)
        {
            return Some((id, MatchReason::CreditCode));
        }
        if !name.is_empty() {
            if let Some(&id) = self.name.get(&name_key(name)) {
                return Some((id, MatchReason::Name));
            }
            if let Some(&id) = self.match_name.get(&match_name(name)) {
                return Some((id, MatchReason::Name));
            }
        }
        phones
            .iter()
            .map(|p| phone_key(p))
            .filter(|k| !k.is_empty())
            .find_map(|k| self.phone.get(&k).map(|&id| (id, MatchReason::Phone)))
    }

    /// True when a live customer has exactly this name key (so it cannot be added as new).
    pub fn name_taken(&self, name: &str) -> bool {
        self.name.contains_key(&name_key(name))
    }

    pub fn code_taken(&self, code: &str) -> bool {
        self.code.contains_key(code) || self.trashed_codes.contains(code)
    }
}

/// One planned write of an import.
#[derive(Debug, Clone)]
pub enum ImportStep {
    /// A new customer (with its contact, if the row has one), built and tidied by the
    /// planner (off the writing thread).
    Create { line: u64, customer: Box<Customer> },
    /// Into an existing customer; `overwrite` false only fills empty fields.
    Update {
        line: u64,
        id: i64,
        values: FieldValues,
        contact: Option<Contact>,
        overwrite: bool,
    },
    /// Into the customer created by an earlier row (`first_line`) of the same file.
    Merge {
        line: u64,
        first_line: u64,
        values: FieldValues,
        contact: Option<Contact>,
    },
}

/// An import as remembered for the history and its undo.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRecord {
    pub id: i64,
    /// What was imported: customers, feedback, contracts, competitors or news.
    pub kind: String,
    pub file_name: String,
    pub at: String,
    pub user: String,
    pub rows: i64,
    pub created: i64,
    pub updated: i64,
    pub skipped: i64,
    pub errors: i64,
    pub undone_at: Option<String>,
    pub undone_by: Option<String>,
}

/// Counts of what an import wrote, and the rows it left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportTally {
    pub rows: i64,
    pub skipped: i64,
    pub errors: i64,
}

impl Store {
    /// The keys of every live customer, for matching import rows against them.
    pub fn match_index(&self) -> Result<MatchIndex> {
        let mut ix = MatchIndex::default();
        let mut stmt = self.conn.prepare(
            "SELECT id, code, name_key, name, credit_code, phone, mobile FROM customers
             WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let name: String = r.get(3)?;
            let loose = match_name(&name);
            ix.code.insert(r.get(1)?, (id, loose.clone()));
            ix.name.insert(r.get(2)?, id);
            ix.match_name.entry(loose).or_insert(id);
            let credit: String = r.get(4)?;
            if !credit.is_empty() {
                ix.credit.insert(credit, id);
            }
            for i in [5, 6] {
                let k = phone_key(&r.get::<_, String>(i)?);
                if !k.is_empty() {
                    ix.phone.entry(k).or_insert(id);
                }
            }
        }
        ix.trashed_codes = self
            .conn
            .prepare("SELECT code FROM customers WHERE deleted_at IS NOT NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT k.customer_id, k.phone, k.mobile FROM contacts k
             JOIN customers c ON c.id = k.customer_id WHERE c.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            for i in [1, 2] {
                let k = phone_key(&r.get::<_, String>(i)?);
                if !k.is_empty() {
                    ix.phone.entry(k).or_insert(id);
                }
            }
        }
        Ok(ix)
    }

    /// Writes an import in one transaction: every step lands or none does (a bad row,
    /// a read error in `steps`, or `cancel` set undo all of it). A snapshot of the
    /// database is taken first. What each step created or changed is remembered, so
    /// [`Store::undo_import`] can take it back.
    pub fn import_customers(
        &mut self,
        file_name: &str,
        steps: impl Iterator<Item = std::result::Result<ImportStep, String>>,
        tally: impl FnOnce() -> ImportTally,
        progress: &mut dyn FnMut(u64),
        cancel: &AtomicBool,
    ) -> Result<ImportRecord> {
        let actor = self.require_actor()?;
        if !actor.role.can_edit_records() {
            return Err(StoreError::NotAllowed);
        }
        self.snapshot("import")?;
        let at = now_text();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let import_id = begin_import(&tx, "customers", file_name, &at, &actor.name)?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let mut created_by_line: HashMap<u64, i64> = HashMap::new();
        let mut touched: HashMap<i64, ()> = HashMap::new();
        let (mut created, mut updated) = (0i64, 0i64);
        let mut saves = Saves::batched();
        let mut n = 0u64;
        let remember = |tx: &rusqlite::Transaction, id, action, before| {
            remember_item(tx, import_id, "customers", id, action, before)
        };
        // The codes this import numbered itself (number → customer): when a later row of
        // the file brings one of them, that row keeps its code and the earlier customer
        // is numbered anew (numbered as it came, the next free number can be a code
        // further down the file).
        let mut auto_coded: HashMap<i64, i64> = HashMap::new();
        let mut apply = |step: ImportStep| -> Result<()> {
            let line = match &step {
                ImportStep::Create { line, .. }
                | ImportStep::Update { line, .. }
                | ImportStep::Merge { line, .. } => *line,
            };
            let row_err = |e: StoreError| match e {
                StoreError::Invalid(errs) => StoreError::ImportRow { line, errs },
                e => e,
            };
            match step {
                ImportStep::Create { line, customer } => {
                    if let Some(n) = code_number(&customer.code) {
                        if let Some(other) = auto_coded.remove(&n) {
                            let fresh = saves.next_auto(&tx)?;
                            renumber(&w, other, fresh, &mut saves)?;
                            auto_coded.insert(fresh, other);
                        }
                        saves.skip_past(n);
                    }
                    let id = save_in_tx(&tx, &w, &customer, &mut saves).map_err(row_err)?;
                    if let Some(n) = saves.take_last_auto() {
                        auto_coded.insert(n, id);
                    }
                    remember(&tx, id, "created", None)?;
                    created_by_line.insert(line, id);
                    created += 1;
                }
                ImportStep::Update {
                    id,
                    values,
                    contact,
                    overwrite,
                    ..
                } => {
                    let mut c = load_customer(&tx, id)?;
                    let before = serde_json::to_string(&c).expect("customers serialise");
                    let mut changed = !c.apply(&values, overwrite).is_empty();
                    if let Some(k) = &contact {
                        changed |= c.merge_contact(k, overwrite);
                    }
                    if changed {
                        c.tidy();
                        save_in_tx(&tx, &w, &c, &mut saves).map_err(row_err)?;
                        if touched.insert(id, ()).is_none() {
                            remember(&tx, id, "updated", Some(before))?;
                            updated += 1;
                        }
                    }
                }
                ImportStep::Merge {
                    first_line,
                    values,
                    contact,
                    ..
                } => {
                    let Some(&id) = created_by_line.get(&first_line) else {
                        return Ok(());
                    };
                    let mut c = load_customer(&tx, id)?;
                    let mut changed = !c.apply(&values, false).is_empty();
                    if let Some(k) = &contact {
                        changed |= c.merge_contact(k, false);
                    }
                    if changed {
                        c.tidy();
                        save_in_tx(&tx, &w, &c, &mut saves).map_err(row_err)?;
                    }
                }
            }
            Ok(())
        };
        for step in steps {
            if cancel.load(Ordering::Relaxed) {
                return Err(StoreError::Cancelled);
            }
            apply(step.map_err(StoreError::ImportRead)?)?;
            n += 1;
            if n.is_multiple_of(500) {
                progress(n);
            }
        }
        saves.finish(&tx)?;
        finish_import(&w, import_id, file_name, tally(), created, updated)?;
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        progress(n);
        self.import(import_id)
    }

    /// For the import benchmark: how long SQLite itself takes to write into this (new,
    /// empty) database what an import wrote into the database at `imported` — its
    /// customers, contacts, change-log entries and import record, with every index — and
    /// to build their search entries from those tables; no file to read, nothing to
    /// check or match. The time of the tables (with their indexes, SQLite's fastest way
    /// to write them: nothing an import could do faster), and of the search entries with
    /// the commit.
    pub fn copy_import_for_floor(
        &mut self,
        imported: &std::path::Path,
    ) -> Result<(std::time::Duration, std::time::Duration)> {
        self.conn
            .execute("ATTACH DATABASE ?1 AS src", [imported.to_string_lossy()])?;
        let t = std::time::Instant::now();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "INSERT INTO imports SELECT * FROM src.imports;
             INSERT INTO customers SELECT * FROM src.customers ORDER BY id;
             INSERT INTO contacts SELECT * FROM src.contacts ORDER BY id;
             INSERT INTO change_log (at, user, action, table_name, row_id, field, old_value,
                                     new_value, parent_table, parent_id)
                 SELECT at, user, action, table_name, row_id, field, old_value, new_value,
                        parent_table, parent_id
                 FROM src.change_log WHERE table_name IN ('customers', 'contacts')
                 ORDER BY id;
             INSERT INTO import_items SELECT * FROM src.import_items;",
        )?;
        let tables = t.elapsed();
        let t = std::time::Instant::now();
        search::reindex_all(&tx)?;
        tx.commit()?;
        let search = t.elapsed();
        self.conn.execute("DETACH DATABASE src", [])?;
        Ok((tables, search))
    }

    /// One import as recorded.
    pub fn import(&self, id: i64) -> Result<ImportRecord> {
        self.conn
            .query_row(
                &format!("{IMPORT_SELECT} WHERE id = ?1"),
                [id],
                import_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    /// Every import, newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        Ok(self
            .conn
            .prepare(&format!("{IMPORT_SELECT} ORDER BY id DESC"))?
            .query_map([], import_from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Takes an import back, keeping later work: see [`Store::undo_import_keeping`].
    pub fn undo_import(&mut self, id: i64) -> Result<ImportRecord> {
        Ok(self.undo_import_keeping(id, true)?.record)
    }

    /// The customers an undo of import `id` would take back that were changed after it
    /// (edited, changed by a later import, a merge or a bulk change, given contacts,
    /// contracts, feedback or links): (id, name), kept by a default undo.
    pub fn import_changed_since(&self, id: i64) -> Result<Vec<(i64, String)>> {
        let rec = self.import(id)?;
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT DISTINCT row_id FROM import_items WHERE import_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for cid in ids {
            if changed_since(&self.conn, &rec, cid)? {
                out.push((cid, customer_name(&self.conn, cid)?));
            }
        }
        Ok(out)
    }

    /// Takes an import back: the customers it created go to the trash (where they can be
    /// restored) and the ones it changed get their earlier values back. A customer
    /// changed after the import (see [`Store::import_changed_since`]) is left as it is
    /// when `keep_changed`, and named in the result; otherwise it is taken back too. A
    /// created customer with contracts or feedback is always kept: they would lose their
    /// customer. A snapshot is taken first; all or nothing.
    pub fn undo_import_keeping(&mut self, id: i64, keep_changed: bool) -> Result<ImportUndo> {
        let actor = self.require_actor()?;
        if !actor.role.can_edit_records() {
            return Err(StoreError::NotAllowed);
        }
        let rec = self.import(id)?;
        if rec.undone_at.is_some() {
            return Err(StoreError::AlreadyUndone);
        }
        if rec.kind != "customers" {
            self.undo_record_import(&rec)?;
            return Ok(ImportUndo {
                record: self.import(id)?,
                trashed: rec.created,
                reverted: rec.updated,
                kept: Vec::new(),
            });
        }
        self.snapshot("undo-import")?;
        let at = now_text();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let items: Vec<(i64, String, Option<String>)> = tx
            .prepare(
                "SELECT row_id, action, before FROM import_items WHERE import_id = ?1
                 ORDER BY rowid DESC",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut saves = Saves::default();
        let (mut trashed, mut reverted) = (0i64, 0i64);
        let mut trashed_ids = Vec::new();
        let mut kept = Vec::new();
        for (row_id, action, before) in items {
            let is_live = tx
                .prepare_cached("SELECT deleted_at IS NULL FROM customers WHERE id = ?1")?
                .query_row([row_id], |r| r.get::<_, bool>(0))
                .optional()?
                .unwrap_or(false);
            // Gone or in the trash since: nothing to take back.
            if !is_live {
                continue;
            }
            let changed = changed_since(&tx, &rec, row_id)?;
            if changed && (keep_changed || (action == "created" && has_records(&tx, row_id)?)) {
                kept.push(customer_name(&tx, row_id)?);
                continue;
            }
            match action.as_str() {
                "created" => {
                    if trash_row(&w, row_id)? {
                        w.trashed("customers", row_id, false)?;
                        trashed_ids.push(row_id);
                        trashed += 1;
                    }
                }
                _ => {
                    let Some(before) = before else { continue };
                    let old: Customer = serde_json::from_str(&before)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    if let Some(now) = live_customer(&tx, row_id)? {
                        let mut old = old;
                        let stored = now.contacts;
                        // Contacts deleted since cannot come back by id; re-add them.
                        for k in &mut old.contacts {
                            if !stored.iter().any(|s| s.id == k.id) {
                                k.id = None;
                            }
                        }
                        save_in_tx(&tx, &w, &old, &mut saves)?;
                        reverted += 1;
                    }
                }
            }
        }
        unindex_many(&tx, &trashed_ids)?;
        mark_undone(&w, id)?;
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        Ok(ImportUndo {
            record: self.import(id)?,
            trashed,
            reverted,
            kept,
        })
    }

    /// Saves a column mapping under a name, for files with the same headers.
    pub fn save_mapping(&mut self, name: &str, headers_key: &str, json: &str) -> Result<()> {
        let actor = self.require_actor()?;
        self.conn.execute(
            "INSERT INTO import_mappings (name, headers_key, mapping, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (name) DO UPDATE SET headers_key = ?2, mapping = ?3,
                 updated_at = ?4, updated_by = ?5",
            params![name.trim(), headers_key, json, now_text(), actor.name],
        )?;
        Ok(())
    }

    /// A saved mapping by name: (headers key, mapping JSON).
    pub fn mapping(&self, name: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT headers_key, mapping FROM import_mappings WHERE name = ?1",
                [name.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The most recently saved mapping for files with these headers: (name, JSON).
    pub fn mapping_for_headers(&self, headers_key: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, mapping FROM import_mappings WHERE headers_key = ?1
                 ORDER BY updated_at DESC LIMIT 1",
                [headers_key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Names of all saved mappings.
    pub fn mapping_names(&self) -> Result<Vec<String>> {
        Ok(self
            .conn
            .prepare("SELECT name FROM import_mappings ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Full customers (with contacts) by id, for showing an update's old values.
    pub fn customer_for_import(&self, id: i64) -> Result<Customer> {
        load_customer(&self.conn, id)
    }
}

/// Records the start of an import of `kind`; its id.
pub(super) fn begin_import(
    conn: &rusqlite::Connection,
    kind: &str,
    file_name: &str,
    at: &str,
    user: &str,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO imports (kind, file_name, at, user) VALUES (?1, ?2, ?3, ?4)",
        params![kind, file_name, at, user],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Remembers a row an import created (`before` None) or changed, for its undo.
pub(super) fn remember_item(
    conn: &rusqlite::Connection,
    import_id: i64,
    table: &str,
    id: i64,
    action: &str,
    before: Option<String>,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(
        "INSERT INTO import_items (import_id, table_name, row_id, action, before)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![import_id, table, id, action, before])
}

/// Stores an import's counts and logs it.
pub(super) fn finish_import(
    w: &Writer,
    import_id: i64,
    file_name: &str,
    t: ImportTally,
    created: i64,
    updated: i64,
) -> rusqlite::Result<()> {
    w.conn.execute(
        "UPDATE imports SET rows = ?1, created = ?2, updated = ?3, skipped = ?4, errors = ?5
         WHERE id = ?6",
        params![t.rows, created, updated, t.skipped, t.errors, import_id],
    )?;
    w.inserted(
        "imports",
        import_id,
        &["file_name", "created", "updated"],
        &[
            file_name.to_string(),
            created.to_string(),
            updated.to_string(),
        ],
        None,
    )?;
    w.conn.execute(
        "UPDATE imports SET log_last = (SELECT max(id) FROM change_log) WHERE id = ?1",
        [import_id],
    )?;
    Ok(())
}

/// Marks an import undone by `w`'s user, and logs it.
pub(super) fn mark_undone(w: &Writer, id: i64) -> rusqlite::Result<()> {
    w.conn.execute(
        "UPDATE imports SET undone_at = ?1, undone_by = ?2 WHERE id = ?3",
        params![w.at, w.user, id],
    )?;
    w.updated(
        "imports",
        id,
        &["undone_at"],
        &[String::new()],
        &[w.at.to_string()],
        None,
    )
}

const IMPORT_SELECT: &str = "SELECT id, kind, file_name, at, user, coalesce(rows, 0),
    coalesce(created, 0), coalesce(updated, 0), coalesce(skipped, 0), coalesce(errors, 0),
    undone_at, undone_by FROM imports";

fn import_from_row(r: &rusqlite::Row) -> rusqlite::Result<ImportRecord> {
    Ok(ImportRecord {
        id: r.get(0)?,
        kind: r.get(1)?,
        file_name: r.get(2)?,
        at: r.get(3)?,
        user: r.get(4)?,
        rows: r.get(5)?,
        created: r.get(6)?,
        updated: r.get(7)?,
        skipped: r.get(8)?,
        errors: r.get(9)?,
        undone_at: r.get(10)?,
        undone_by: r.get(11)?,
    })
}

/// A customer with its contacts, or None when it is in the trash or gone: what an undo
/// may still put values back on.
pub(super) fn live_customer(conn: &rusqlite::Connection, id: i64) -> Result<Option<Customer>> {
    let Some((mut c, meta)) = conn
        .prepare_cached(&format!("{} WHERE id = ?1", customer_select()))?
        .query_row([id], customer_from_row)
        .optional()?
    else {
        return Ok(None);
    };
    if meta.deleted_at.is_some() {
        return Ok(None);
    }
    c.contacts = load_contacts(conn, id)?;
    Ok(Some(c))
}

pub(super) fn load_customer(conn: &rusqlite::Connection, id: i64) -> Result<Customer> {
    let (mut c, _) = conn
        .prepare_cached(&format!("{} WHERE id = ?1", customer_select()))?
        .query_row([id], customer_from_row)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    c.contacts = load_contacts(conn, id)?;
    Ok(c)
}

/// What undoing an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportUndo {
    pub record: ImportRecord,
    /// Customers the import created, now in the trash.
    pub trashed: i64,
    /// Customers the import changed, given their earlier values back.
    pub reverted: i64,
    /// Customers changed after the import, left as they are (their names).
    pub kept: Vec<String>,
}

fn customer_name(conn: &rusqlite::Connection, id: i64) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT name FROM customers WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// True when the customer has contracts or feedback (which must keep their customer).
fn has_records(conn: &rusqlite::Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM contracts WHERE customer_id = ?1)
                 OR EXISTS (SELECT 1 FROM feedback WHERE customer_id = ?1)",
        )?
        .query_row([id], |r| r.get(0))?)
}

/// True when customer `id` was changed after import `rec`: a change-log entry of it or
/// of its contacts after the import's own last entry of it (an edit, a later import, a
/// merge, a bulk change), or contracts, feedback or links to competitors or news.
fn changed_since(conn: &rusqlite::Connection, rec: &ImportRecord, id: i64) -> Result<bool> {
    let log_last: Option<i64> = conn
        .prepare_cached("SELECT log_last FROM imports WHERE id = ?1")?
        .query_row([rec.id], |r| r.get(0))?;
    let logged: bool = match log_last {
        Some(last) => conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM change_log
                     WHERE id > ?2 AND table_name = 'customers' AND row_id = ?1)
                     OR EXISTS (SELECT 1 FROM change_log
                     WHERE id > ?2 AND parent_table = 'customers' AND parent_id = ?1)",
            )?
            .query_row(params![id, last], |r| r.get(0))?,
        // An import from before version 10: its own entries are those of its second.
        None => conn
            .prepare_cached(
            "WITH mine AS (
                 SELECT coalesce(max(id), 0) AS last FROM change_log
                 WHERE at = ?2 AND user = ?3
                   AND ((table_name = 'customers' AND row_id = ?1)
                        OR (parent_table = 'customers' AND parent_id = ?1)))
             SELECT EXISTS (SELECT 1 FROM change_log, mine
                 WHERE change_log.id > mine.last AND table_name = 'customers' AND row_id = ?1)
                 OR EXISTS (SELECT 1 FROM change_log, mine
                 WHERE change_log.id > mine.last AND parent_table = 'customers' AND parent_id = ?1)",
        )?
            .query_row(params![id, rec.at, rec.user], |r| r.get(0))?,
    };
    if logged || has_records(conn, id)? {
        return Ok(true);
    }
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM competitor_customers WHERE customer_id = ?1)
                 OR EXISTS (SELECT 1 FROM news_customers WHERE customer_id = ?1)",
        )?
        .query_row([id], |r| r.get(0))?)
}
