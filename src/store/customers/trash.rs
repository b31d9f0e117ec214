//! Customers into the trash and back, and emptying it.

use super::*;

/// One customer in the trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub deleted_at: String,
    pub deleted_by: String,
}

impl Store {
    /// Moves a customer into the trash. It disappears from lists and search and can be
    /// restored with [`Store::restore_customer`].
    pub fn trash_customer(&mut self, id: i64) -> Result<()> {
        let n = self.live_contract_count(id)?;
        if n > 0 {
            return Err(StoreError::HasContracts(n));
        }
        self.trash_customer_inner(id, false)
    }

    /// Moves a customer and all its contracts into the trash together (what the clerk
    /// chooses when asked about a customer with contracts); restoring the customer
    /// brings them back.
    pub fn trash_customer_and_contracts(&mut self, id: i64) -> Result<()> {
        self.trash_customer_inner(id, true)
    }

    pub(super) fn trash_customer_inner(&mut self, id: i64, with_contracts: bool) -> Result<()> {
        let actor = self.require_actor()?;
        if !actor.role.can_edit_records() {
            return Err(StoreError::NotAllowed);
        }
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        if !mark_trashed(&w, id)? {
            return Err(StoreError::NotFound);
        }
        w.trashed("customers", id, false)?;
        if with_contracts {
            let ids: Vec<i64> = tx
                .prepare("SELECT id FROM contracts WHERE customer_id = ?1 AND deleted_at IS NULL")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for cid in ids {
                // Marked with the customer's deletion time, so a restore finds them.
                tx.execute(
                    "UPDATE contracts SET deleted_at = ?1, deleted_by = ?2 WHERE id = ?3",
                    params![at, actor.name, cid],
                )?;
                w.trashed("contracts", cid, false)?;
            }
        }
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        Ok(())
    }

    /// Brings a customer back from the trash, unless another live customer has taken its
    /// name in the meantime.
    pub fn restore_customer(&mut self, id: i64) -> Result<()> {
        let actor = self.require_actor()?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        let found: Option<(String, String)> = tx
            .query_row(
                "SELECT name_key, deleted_at FROM customers WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((key, deleted_at)) = found else {
            return Err(StoreError::NotFound);
        };
        let taken: i64 = tx.query_row(
            "SELECT count(*) FROM customers WHERE name_key = ?1 AND deleted_at IS NULL",
            [key],
            |r| r.get(0),
        )?;
        if taken > 0 {
            return Err(StoreError::NameTakenOnRestore);
        }
        tx.execute(
            "UPDATE customers SET deleted_at = NULL, deleted_by = NULL, updated_at = ?1, updated_by = ?2 WHERE id = ?3",
            params![at, actor.name, id],
        )?;
        search::reindex_customer(&tx, id)?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        w.trashed("customers", id, true)?;
        let ids: Vec<i64> = tx
            .prepare("SELECT id FROM contracts WHERE customer_id = ?1 AND deleted_at = ?2")?
            .query_map(params![id, deleted_at], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for cid in ids {
            tx.execute(
                "UPDATE contracts SET deleted_at = NULL, deleted_by = NULL WHERE id = ?1",
                [cid],
            )?;
            w.trashed("contracts", cid, true)?;
        }
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        Ok(())
    }

    /// Deletes every customer in the trash for good, with their contacts (administrators
    /// only). A snapshot of the database is taken first, and each deleted row's last
    /// values stay in the change log. Returns how many customers were deleted and the
    /// snapshot.
    pub fn empty_trash(&mut self) -> Result<(usize, std::path::PathBuf)> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(StoreError::NotAllowed);
        }
        let snapshot = self.snapshot("empty-trash")?;
        let ids: Vec<i64> = self.trashed_customers()?.iter().map(|r| r.id).collect();
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        for &id in &ids {
            let (c, _) = tx
                .prepare_cached(&format!("{} WHERE id = ?1", customer_select()))?
                .query_row([id], customer_from_row)?;
            let parent = Parent("customers", id);
            for k in load_contacts(&tx, id)? {
                let kid = k.id.unwrap_or_default();
                w.deleted(
                    "contacts",
                    kid,
                    &CONTACT_FIELDS,
                    &k.column_values(),
                    Some(&parent),
                )?;
            }
            // Its contracts went to the trash with it; they go with it now.
            let contracts: Vec<i64> = tx
                .prepare("SELECT id FROM contracts WHERE customer_id = ?1")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for cid in contracts {
                tx.execute("DELETE FROM payments WHERE contract_id = ?1", [cid])?;
                tx.execute("DELETE FROM installments WHERE contract_id = ?1", [cid])?;
                tx.execute(
                    "UPDATE contracts SET superseded_by = NULL WHERE superseded_by = ?1",
                    [cid],
                )?;
            }
            tx.execute(
                "UPDATE contracts SET revises_id = NULL WHERE customer_id = ?1",
                [id],
            )?;
            let gone = tx.execute("DELETE FROM contracts WHERE customer_id = ?1", [id])?;
            if gone > 0 {
                w.deleted(
                    "contracts",
                    id,
                    &["customer_id", "count"],
                    &[id.to_string(), gone.to_string()],
                    Some(&parent),
                )?;
            }
            let gone = tx.execute("DELETE FROM feedback WHERE customer_id = ?1", [id])?;
            if gone > 0 {
                w.deleted(
                    "feedback",
                    id,
                    &["customer_id", "count"],
                    &[id.to_string(), gone.to_string()],
                    Some(&parent),
                )?;
            }
            // Links from competitors and news go with it (the change log keeps the rest).
            tx.execute(
                "DELETE FROM competitor_customers WHERE customer_id = ?1",
                [id],
            )?;
            tx.execute("DELETE FROM news_customers WHERE customer_id = ?1", [id])?;
            tx.execute("DELETE FROM contacts WHERE customer_id = ?1", [id])?;
            tx.execute("DELETE FROM customers WHERE id = ?1", [id])?;
            search::unindex_customer(&tx, id)?;
            w.deleted("customers", id, &CUSTOMER_FIELDS, &c.column_values(), None)?;
        }
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        Ok((ids.len(), snapshot))
    }

    /// Customers in the trash, most recently deleted first.
    pub fn trashed_customers(&self) -> Result<Vec<TrashRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, code, name, deleted_at, coalesce(deleted_by, '') FROM customers
             WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(TrashRow {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    deleted_at: r.get(3)?,
                    deleted_by: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

/// Marks a live customer as in the trash under `w`'s user and time, out of search; the
/// caller logs why (trashed, merged). False when it was not live.
pub(in crate::store) fn mark_trashed(w: &Writer, id: i64) -> Result<bool> {
    let moved = trash_row(w, id)?;
    if moved {
        search::unindex_customer(w.conn, id)?;
    }
    Ok(moved)
}

/// Marks a live customer as in the trash without taking it out of the search index:
/// for many customers at once, whose search entries go together afterwards (see
/// [`unindex_many`]).
pub(in crate::store) fn trash_row(w: &Writer, id: i64) -> Result<bool> {
    let n = w
        .conn
        .prepare_cached(
            "UPDATE customers SET deleted_at = ?1, deleted_by = ?2
             WHERE id = ?3 AND deleted_at IS NULL",
        )?
        .execute(params![w.at, w.user, id])?;
    Ok(n > 0)
}

/// Takes the search entries of many customers put in the trash out of the index: one
/// by one when they are few, else by rebuilding the index from the customers still
/// live. Measured at 100,000 (`kehu bench-import`): deleting one entry from the two
/// full-text indexes costs about 0.34 ms, building one about 0.05 ms, so rebuilding
/// wins once the customers going are more than a sixth of those staying; an undone
/// import of 100,000 took 40 s one by one and 6.4 s so.
pub(in crate::store) fn unindex_many(conn: &rusqlite::Connection, ids: &[i64]) -> Result<()> {
    let live: i64 = conn.query_row(
        "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    if ids.len() as i64 * 6 > live {
        search::reindex_all(conn)?;
    } else {
        for &id in ids {
            search::unindex_customer(conn, id)?;
        }
    }
    Ok(())
}
