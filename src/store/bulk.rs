//! 批量修改: one field (salesperson, grade, category, industry, status, source) set on
//! every customer a list shows — its search and filters — as one change that can be
//! taken back. Each customer goes through the same save as the form (checked, written to
//! the change log field by field); the change remembers each customer's earlier value.

use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};

use super::changelog::Writer;
use super::customers::{Saves, save_in_tx};
use super::imports::{live_customer, load_customer};
use super::{CustomerQuery, Result, Store, StoreError, now_text, search, today};
use crate::domain::BulkField;
use crate::domain::text::tidy;
use crate::domain::validate::validate_customer;

/// One 批量修改 as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkChange {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub field: BulkField,
    pub value: String,
    /// How many customers it changed.
    pub changed: i64,
    pub undone_at: Option<String>,
    pub undone_by: Option<String>,
}

/// What taking a 批量修改 back did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BulkUndo {
    /// Customers whose earlier value was put back.
    pub restored: i64,
    /// Customers left as they are: changed again since, or in the trash.
    pub kept: i64,
}

const BULK_SELECT: &str =
    "SELECT id, at, user, field, new_value, changed, undone_at, undone_by FROM bulk_changes";

fn bulk_from_row(r: &rusqlite::Row) -> rusqlite::Result<BulkChange> {
    let field: String = r.get(3)?;
    Ok(BulkChange {
        id: r.get(0)?,
        at: r.get(1)?,
        user: r.get(2)?,
        field: BulkField::from_column(&field).unwrap_or(BulkField::Owner),
        value: r.get(4)?,
        changed: r.get(5)?,
        undone_at: r.get(6)?,
        undone_by: r.get(7)?,
    })
}

/// The value as it would be stored: text trimmed; a code checked against its field, a
/// text against the field's own rules (its length), as the form checks it.
fn stored_value(field: BulkField, value: &str) -> Result<String> {
    let value = tidy(value);
    let mut probe = crate::domain::Customer {
        name: "-".into(),
        ..Default::default()
    };
    if !probe.set_column(field.column(), &value) || (!field.is_text() && value.is_empty()) {
        return Err(StoreError::BulkValue);
    }
    let errs = validate_customer(&probe, today());
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    Ok(value)
}

/// A refusal of one customer's save, with the customer's name for the message.
fn naming(name: &str, e: StoreError) -> StoreError {
    match e {
        StoreError::Invalid(errs) => StoreError::BulkCustomer {
            name: name.to_string(),
            errs,
        },
        e => e,
    }
}

/// The FROM and WHERE of the customers `q` shows whose `field` is not `value` yet.
fn targets(q: &CustomerQuery, field: BulkField, value: &str) -> (String, Vec<Value>) {
    let (from_where, mut p) = q.sql_from_where(search::Plan::Fetch);
    p.push(Value::Text(value.into()));
    (format!("{from_where} AND c.{} != ?", field.column()), p)
}

impl Store {
    /// The ids of the customers `q` shows whose `field` is not `value` yet, oldest first.
    fn bulk_targets(&self, q: &CustomerQuery, field: BulkField, value: &str) -> Result<Vec<i64>> {
        let (from_where, p) = targets(q, field, value);
        Ok(self
            .conn
            .prepare(&format!("SELECT c.id FROM {from_where} ORDER BY c.id"))?
            .query_map(params_from_iter(p), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// How many of the customers `q` shows a 批量修改 of `field` to `value` would change
    /// (the others have that value already).
    pub fn bulk_change_count(
        &self,
        q: &CustomerQuery,
        field: BulkField,
        value: &str,
    ) -> Result<u64> {
        let (from_where, p) = targets(q, field, &stored_value(field, value)?);
        let n: i64 = self
            .conn
            .prepare(&format!("SELECT count(*) FROM {from_where}"))?
            .query_row(params_from_iter(p), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Sets `field` to `value` on every customer `q` shows (that has another value), in
    /// one transaction: all of them or — on a customer the rules refuse, or `cancel` set
    /// — none. A snapshot is taken first. `progress` is told (done, of). None when no
    /// customer needed changing (nothing is recorded then).
    pub fn bulk_change_customers(
        &mut self,
        q: &CustomerQuery,
        field: BulkField,
        value: &str,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<Option<BulkChange>> {
        self.require_editor()?;
        let value = stored_value(field, value)?;
        let ids = self.bulk_targets(q, field, &value)?;
        let targets = ids.into_iter().map(|id| (id, None)).collect();
        self.bulk_write(field, &value, targets, progress, cancel)
    }

    /// Sets `field` on each customer to its own value (the suggested grades applied), as
    /// one 批量修改 recorded under `label`, taken back as one: the same checks, change log,
    /// snapshot and transaction as [`Self::bulk_change_customers`]. Customers that have
    /// their value already, or are in the trash, are left out. None when nobody changes.
    pub fn bulk_set_each(
        &mut self,
        field: BulkField,
        label: &str,
        values: &[(i64, String)],
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<Option<BulkChange>> {
        self.require_editor()?;
        let mut targets = Vec::new();
        for (id, v) in values {
            let v = stored_value(field, v)?;
            let now = live_customer(&self.conn, *id)?.and_then(|c| c.column(field.column()));
            if now.is_some_and(|now| now != v) {
                targets.push((*id, Some(v)));
            }
        }
        self.bulk_write(field, label, targets, progress, cancel)
    }

    fn require_editor(&self) -> Result<()> {
        if !self.require_actor()?.role.can_edit_records() {
            return Err(StoreError::NotAllowed);
        }
        Ok(())
    }

    /// Writes a 批量修改: each target customer gets its own value, or `value` (None).
    fn bulk_write(
        &mut self,
        field: BulkField,
        value: &str,
        targets: Vec<(i64, Option<String>)>,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<Option<BulkChange>> {
        let actor = self.require_actor()?;
        if targets.is_empty() {
            return Ok(None);
        }
        self.snapshot("bulk-change")?;
        let at = now_text();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO bulk_changes (at, user, field, new_value, changed)
             VALUES (?1, ?2, ?3, ?4, 0)",
            params![at, actor.name, field.column(), value],
        )?;
        let bulk_id = tx.last_insert_rowid();
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let total = targets.len() as u64;
        let mut changed = 0i64;
        for (i, (id, own)) in targets.into_iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return Err(StoreError::Cancelled);
            }
            let mut c = load_customer(&tx, id)?;
            let old = c.column(field.column()).unwrap_or_default();
            c.set_column(field.column(), own.as_deref().unwrap_or(value));
            c.tidy();
            save_in_tx(&tx, &w, &c, &mut Saves::default()).map_err(|e| naming(&c.name, e))?;
            tx.prepare_cached(
                "INSERT INTO bulk_change_items (bulk_id, customer_id, old_value, new_value)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![bulk_id, id, old, own])?;
            changed += 1;
            if i % 50 == 0 {
                progress(i as u64, total);
            }
        }
        tx.execute(
            "UPDATE bulk_changes SET changed = ?1, log_end = (SELECT max(id) FROM change_log)
             WHERE id = ?2",
            params![changed, bulk_id],
        )?;
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        progress(total, total);
        self.bulk_change(bulk_id).map(Some)
    }

    /// Takes a 批量修改 back: each customer it changed gets its earlier value again —
    /// unless the field has been changed again since (that later change stands) or the
    /// customer is in the trash. In one transaction, every value put back in the change
    /// log; refused when already taken back.
    pub fn undo_bulk_change(&mut self, id: i64) -> Result<BulkUndo> {
        let actor = self.require_actor()?;
        if !actor.role.can_edit_records() {
            return Err(StoreError::NotAllowed);
        }
        let rec = self.bulk_change(id)?;
        if rec.undone_at.is_some() {
            return Err(StoreError::AlreadyUndone);
        }
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
                "SELECT customer_id, old_value, new_value FROM bulk_change_items
                 WHERE bulk_id = ?1",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let col = rec.field.column();
        let mut undo = BulkUndo::default();
        for (customer_id, old, new) in items {
            // The value this change gave the customer: its own, or the change's one.
            let given = new.as_deref().unwrap_or(rec.value.as_str());
            let Some(mut c) = live_customer(&tx, customer_id)?
                .filter(|c| c.column(col).as_deref() == Some(given))
            else {
                undo.kept += 1;
                continue;
            };
            c.set_column(col, &old);
            save_in_tx(&tx, &w, &c, &mut Saves::default()).map_err(|e| naming(&c.name, e))?;
            undo.restored += 1;
        }
        tx.execute(
            "UPDATE bulk_changes SET undone_at = ?1, undone_by = ?2 WHERE id = ?3",
            params![at, actor.name, id],
        )?;
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        Ok(undo)
    }

    /// One 批量修改 as recorded.
    pub fn bulk_change(&self, id: i64) -> Result<BulkChange> {
        self.conn
            .query_row(&format!("{BULK_SELECT} WHERE id = ?1"), [id], bulk_from_row)
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    /// Every 批量修改, newest first.
    pub fn bulk_changes(&self) -> Result<Vec<BulkChange>> {
        Ok(self
            .conn
            .prepare(&format!("{BULK_SELECT} ORDER BY id DESC"))?
            .query_map([], bulk_from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }
}
