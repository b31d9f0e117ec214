//! Merging two records of one customer (typed in twice, or imported twice): everything
//! of the duplicate — contacts, feedback, contracts, competitor and news links — moves to
//! the one kept, the kept one's empty fields are filled from the duplicate, and the
//! duplicate goes to the trash. A snapshot is taken first, so a merge can be undone.

use std::path::PathBuf;

use rusqlite::params;

use super::changelog::{Parent, Writer};
use super::customers::{Saves, mark_trashed, save_in_tx};
use super::imports::load_customer;
use super::{Result, Store, StoreError, now_text};
use crate::domain::CUSTOMER_FIELDS;

/// What a merge moves (asked about before it, reported after it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub contacts: i64,
    pub feedback: i64,
    pub contracts: i64,
    /// Competitors and news items linked to the duplicate.
    pub links: i64,
}

/// A merge done: what moved, and the snapshot taken before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeReport {
    pub moved: MergeCounts,
    pub snapshot: PathBuf,
}

/// Rows of `table` whose `customer_id` is `id`.
fn children(conn: &rusqlite::Connection, table: &str, id: i64) -> Result<Vec<i64>> {
    let sql = format!("SELECT id FROM {table} WHERE customer_id = ?1 ORDER BY id");
    Ok(conn
        .prepare(&sql)?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn links(conn: &rusqlite::Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM competitor_customers WHERE customer_id = ?1)
              + (SELECT count(*) FROM news_customers WHERE customer_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

impl Store {
    /// What merging `duplicate` into `keep` would move.
    pub fn merge_preview(&self, duplicate: i64) -> Result<MergeCounts> {
        Ok(MergeCounts {
            contacts: children(&self.conn, "contacts", duplicate)?.len() as i64,
            feedback: children(&self.conn, "feedback", duplicate)?.len() as i64,
            contracts: children(&self.conn, "contracts", duplicate)?.len() as i64,
            links: links(&self.conn, duplicate)?,
        })
    }

    /// Merges `duplicate` into `keep` (see the module). All of it in one transaction,
    /// every moved row and filled field in the change log; a snapshot first.
    pub fn merge_customers(&mut self, keep: i64, duplicate: i64) -> Result<MergeReport> {
        let actor = self.require_actor()?;
        if !actor.role.can_edit_records() {
            return Err(StoreError::NotAllowed);
        }
        if keep == duplicate {
            return Err(StoreError::MergeItself);
        }
        for id in [keep, duplicate] {
            let (_, meta) = self.customer(id)?;
            if meta.deleted_at.is_some() {
                return Err(StoreError::NotFound);
            }
        }
        let moved = self.merge_preview(duplicate)?;
        let snapshot = self.snapshot("merge")?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let dup = load_customer(&tx, duplicate)?;
        let kept_before = load_customer(&tx, keep)?;
        // The contacts move whole (their ids and history stay); the kept customer's
        // primary contact stays primary.
        let has_primary = kept_before.contacts.iter().any(|k| k.is_primary);
        let offset = kept_before.contacts.len() as i64;
        for (i, contact) in children(&tx, "contacts", duplicate)?
            .into_iter()
            .enumerate()
        {
            let was_primary: bool = tx.query_row(
                "SELECT is_primary FROM contacts WHERE id = ?1",
                [contact],
                |r| r.get(0),
            )?;
            let primary = was_primary && !has_primary;
            tx.execute(
                "UPDATE contacts SET customer_id = ?1, position = ?2, is_primary = ?3,
                 updated_at = ?4, updated_by = ?5 WHERE id = ?6",
                params![keep, offset + i as i64, primary, at, actor.name, contact],
            )?;
            w.updated(
                "contacts",
                contact,
                &["customer_id"],
                &[duplicate.to_string()],
                &[keep.to_string()],
                Some(&Parent("customers", keep)),
            )?;
        }
        for table in ["feedback", "contracts"] {
            for row in children(&tx, table, duplicate)? {
                tx.execute(
                    &format!(
                        "UPDATE {table} SET customer_id = ?1, updated_at = ?2, updated_by = ?3
                         WHERE id = ?4"
                    ),
                    params![keep, at, actor.name, row],
                )?;
                w.updated(
                    table,
                    row,
                    &["customer_id"],
                    &[duplicate.to_string()],
                    &[keep.to_string()],
                    None,
                )?;
            }
        }
        for (table, other) in [
            ("competitor_customers", "competitor_id"),
            ("news_customers", "news_id"),
        ] {
            tx.execute(
                &format!(
                    "INSERT OR IGNORE INTO {table} ({other}, customer_id)
                     SELECT {other}, ?1 FROM {table} WHERE customer_id = ?2"
                ),
                params![keep, duplicate],
            )?;
            tx.execute(
                &format!("DELETE FROM {table} WHERE customer_id = ?1"),
                [duplicate],
            )?;
        }
        // The kept customer's empty fields filled from the duplicate; notes joined.
        let mut kept = load_customer(&tx, keep)?;
        let values: Vec<(&'static str, String)> = CUSTOMER_FIELDS
            .iter()
            .copied()
            .zip(dup.column_values())
            .filter(|(f, _)| !matches!(*f, "code" | "name" | "notes"))
            .collect();
        kept.apply(&values, false);
        let dup_notes = dup.notes.trim();
        if !dup_notes.is_empty() && !kept.notes.contains(dup_notes) {
            kept.notes = if kept.notes.trim().is_empty() {
                dup_notes.to_string()
            } else {
                format!("{}\n{dup_notes}", kept.notes.trim_end())
            };
        }
        save_in_tx(&tx, &w, &kept, &mut Saves::default())?;
        // The duplicate, now empty of everything, to the trash (restorable, as ever).
        mark_trashed(&w, duplicate)?;
        w.merged(duplicate, keep)?;
        tx.commit()?;
        self.forget_counts();
        Ok(MergeReport { moved, snapshot })
    }
}
