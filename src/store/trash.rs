//! The trash (回收站) across every kind of record: what is in it, with who deleted it
//! and when, restoring one item, and emptying it for good.

use rusqlite::params;

use super::changelog::Writer;
use super::links::set_trashed;
use super::{Result, Store, StoreError, now_text};

/// The kinds of record that go into the trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrashKind {
    Customer,
    Contract,
    Feedback,
    Competitor,
    News,
}

/// One record in the trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashItem {
    pub kind: TrashKind,
    pub id: i64,
    pub title: String,
    pub deleted_at: String,
    pub deleted_by: String,
}

const LIST: &str = "
    SELECT 'customer', id, name, deleted_at, coalesce(deleted_by, '') FROM customers
     WHERE deleted_at IS NOT NULL
    UNION ALL
    SELECT 'contract', c.id, c.number || ' ' || c.title, c.deleted_at, coalesce(c.deleted_by, '')
      FROM contracts c JOIN customers k ON k.id = c.customer_id
     WHERE c.deleted_at IS NOT NULL AND k.deleted_at IS NULL
    UNION ALL
    SELECT 'feedback', f.id, k.name || '：' || f.subject, f.deleted_at, coalesce(f.deleted_by, '')
      FROM feedback f JOIN customers k ON k.id = f.customer_id
     WHERE f.deleted_at IS NOT NULL AND k.deleted_at IS NULL
    UNION ALL
    SELECT 'competitor', id, name, deleted_at, coalesce(deleted_by, '') FROM competitors
     WHERE deleted_at IS NOT NULL
    UNION ALL
    SELECT 'news', id, on_date || ' ' || title, deleted_at, coalesce(deleted_by, '') FROM news
     WHERE deleted_at IS NOT NULL
    ORDER BY 4 DESC";

impl Store {
    /// Everything in the trash, most recently deleted first. A customer's contracts and
    /// feedback that went with it are not listed apart: they come back with it.
    pub fn trash_items(&self) -> Result<Vec<TrashItem>> {
        Ok(self
            .conn
            .prepare_cached(LIST)?
            .query_map([], |r| {
                let kind = match r.get::<_, String>(0)?.as_str() {
                    "customer" => TrashKind::Customer,
                    "contract" => TrashKind::Contract,
                    "feedback" => TrashKind::Feedback,
                    "competitor" => TrashKind::Competitor,
                    _ => TrashKind::News,
                };
                Ok(TrashItem {
                    kind,
                    id: r.get(1)?,
                    title: r.get(2)?,
                    deleted_at: r.get(3)?,
                    deleted_by: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Takes one record out of the trash (a customer with the contracts that went with it).
    pub fn restore_item(&mut self, kind: TrashKind, id: i64) -> Result<()> {
        match kind {
            TrashKind::Customer => self.restore_customer(id),
            TrashKind::Competitor => self.restore_competitor(id),
            TrashKind::News => self.restore_news(id),
            TrashKind::Contract => self.trash_simple("contracts", id, false),
            TrashKind::Feedback => self.trash_simple("feedback", id, false),
        }
    }

    /// Deletes everything in the trash for good (administrators only), after a snapshot.
    /// Each deleted row's last values stay in the change log. Returns how many records
    /// went and the snapshot.
    pub fn empty_all_trash(&mut self) -> Result<(usize, std::path::PathBuf)> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(StoreError::NotAllowed);
        }
        let others = self
            .trash_items()?
            .into_iter()
            .filter(|i| i.kind != TrashKind::Customer)
            .collect::<Vec<_>>();
        // Customers (with their contracts and feedback) first; it takes the snapshot.
        let (customers, snapshot) = self.empty_trash()?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        for item in &others {
            let id = item.id;
            match item.kind {
                TrashKind::Feedback => {
                    tx.execute("DELETE FROM feedback WHERE id = ?1", [id])?;
                }
                TrashKind::Contract => {
                    tx.execute("DELETE FROM payments WHERE contract_id = ?1", [id])?;
                    tx.execute("DELETE FROM installments WHERE contract_id = ?1", [id])?;
                    tx.execute(
                        "UPDATE contracts SET superseded_by = NULL WHERE superseded_by = ?1",
                        [id],
                    )?;
                    tx.execute(
                        "UPDATE contracts SET revises_id = NULL WHERE revises_id = ?1",
                        [id],
                    )?;
                    tx.execute("DELETE FROM contracts WHERE id = ?1", [id])?;
                }
                TrashKind::Competitor => {
                    for sql in [
                        "DELETE FROM competitor_intel WHERE competitor_id = ?1",
                        "DELETE FROM competitor_customers WHERE competitor_id = ?1",
                        "DELETE FROM news_competitors WHERE competitor_id = ?1",
                        "DELETE FROM competitors WHERE id = ?1",
                    ] {
                        tx.execute(sql, [id])?;
                    }
                }
                TrashKind::News => {
                    for sql in [
                        "DELETE FROM news_customers WHERE news_id = ?1",
                        "DELETE FROM news_competitors WHERE news_id = ?1",
                        "DELETE FROM news WHERE id = ?1",
                    ] {
                        tx.execute(sql, [id])?;
                    }
                }
                TrashKind::Customer => {}
            }
            let table = match item.kind {
                TrashKind::Feedback => "feedback",
                TrashKind::Contract => "contracts",
                TrashKind::Competitor => "competitors",
                TrashKind::News => "news",
                TrashKind::Customer => "customers",
            };
            w.deleted(
                table,
                id,
                &["title"],
                std::slice::from_ref(&item.title),
                None,
            )?;
        }
        tx.commit()?;
        Ok((customers + others.len(), snapshot))
    }

    /// Moves a contract into the trash by itself (a draft entered by mistake).
    pub fn trash_contract(&mut self, id: i64) -> Result<()> {
        let actor = self.require_actor()?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let status: Option<String> = tx
            .query_row(
                "SELECT status FROM contracts WHERE id = ?1 AND deleted_at IS NULL",
                params![id],
                |r| r.get(0),
            )
            .ok();
        match status.as_deref() {
            None => return Err(StoreError::NotFound),
            // Only drafts and rejected ones: what was approved or is in force stays.
            Some("draft" | "rejected") => {}
            Some(_) => return Err(StoreError::WrongStatus),
        }
        set_trashed(&tx, &w, "contracts", id, true)?;
        tx.commit()?;
        Ok(())
    }
}
