//! Settings kept in the database (so they travel with it) and editable pick lists.

use rusqlite::params;

use super::changelog::Writer;
use super::{Result, Store, now_text};
use crate::domain::customer::DEFAULT_SOURCES;

/// The pick list of customer sources.
pub const LIST_SOURCES: &str = "customer_source";
/// The pick list of credit ratings (信用等级).
pub const LIST_CREDIT_RATINGS: &str = "credit_rating";
/// The ratings offered when the list has never been edited.
pub const DEFAULT_CREDIT_RATINGS: [&str; 5] = ["AAA", "AA", "A", "B", "C"];
/// The UI language ("zh" or "en").
pub const KEY_LANGUAGE: &str = "ui_language";

impl Store {
    /// The firm's settings (defaults where never set).
    pub fn settings(&self) -> Result<crate::domain::settings::Settings> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM settings")?;
        let pairs: std::collections::HashMap<String, String> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(crate::domain::settings::Settings::from_lookup(|k| {
            pairs.get(k).cloned()
        }))
    }

    /// Saves the firm's settings (administrators only); each changed value is logged.
    pub fn save_settings(&mut self, s: &crate::domain::settings::Settings) -> Result<()> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(super::StoreError::NotAllowed);
        }
        if !s.validate().is_empty() {
            return Err(super::StoreError::InvalidSettings);
        }
        for (k, v) in s.to_pairs() {
            self.set_setting(k, &v)?;
        }
        Ok(())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.setting_raw(key)
    }

    /// Sets a setting; the change is logged.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let actor = self.require_actor()?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        let old: Option<String> = tx
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .ok();
        if old.as_deref() == Some(value) {
            return Ok(());
        }
        tx.execute(
            "INSERT INTO settings (key, value, created_at, updated_at, created_by, updated_by)
             VALUES (?1, ?2, ?3, ?3, ?4, ?4)
             ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3, updated_by = ?4",
            params![key, value, at, actor.name],
        )?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let rowid: i64 = tx.query_row("SELECT rowid FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })?;
        // Logged as a change of that setting, from its old value (empty if never set).
        w.updated(
            "settings",
            rowid,
            &[key],
            &[old.unwrap_or_default()],
            &[value.into()],
            None,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The values of an editable pick list, in their order; the built-in defaults when
    /// the list has never been edited.
    pub fn lookup_values(&self, list: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT value FROM lookup_values WHERE list = ?1 ORDER BY position, id",
        )?;
        let values: Vec<String> = stmt
            .query_map([list], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if values.is_empty() && list == LIST_SOURCES {
            return Ok(DEFAULT_SOURCES.iter().map(|s| s.to_string()).collect());
        }
        if values.is_empty() && list == LIST_CREDIT_RATINGS {
            return Ok(DEFAULT_CREDIT_RATINGS
                .iter()
                .map(|s| s.to_string())
                .collect());
        }
        Ok(values)
    }

    /// Adds a value to a pick list (no-op if present).
    pub fn add_lookup_value(&mut self, list: &str, value: &str) -> Result<()> {
        let actor = self.require_actor()?;
        let value = value.trim();
        if value.is_empty() {
            return Ok(());
        }
        let current = self.lookup_values(list)?;
        if current.iter().any(|v| v == value) {
            return Ok(());
        }
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let existing: i64 = tx.query_row(
            "SELECT count(*) FROM lookup_values WHERE list = ?1",
            [list],
            |r| r.get(0),
        )?;
        // The first edit writes the defaults down so they stay in the list.
        let mut to_add: Vec<String> = if existing == 0 { current } else { vec![] };
        to_add.push(value.to_string());
        for v in to_add {
            insert_value(&w, list, &v, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Replaces a pick list with `values` in their order (administrators only, as a
    /// setting): values taken out are removed, new ones added, each logged. An empty list
    /// is refused (the list would fall back to its defaults).
    pub fn set_lookup_values(&mut self, list: &str, values: &[String]) -> Result<()> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(super::StoreError::NotAllowed);
        }
        let mut wanted: Vec<&str> = Vec::new();
        for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            if !wanted.contains(&v) {
                wanted.push(v);
            }
        }
        if wanted.is_empty() {
            return Err(super::StoreError::InvalidSettings);
        }
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let old: Vec<(i64, String)> = tx
            .prepare("SELECT id, value FROM lookup_values WHERE list = ?1")?
            .query_map([list], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, v) in &old {
            if !wanted.contains(&v.as_str()) {
                tx.execute("DELETE FROM lookup_values WHERE id = ?1", [id])?;
                w.deleted(
                    "lookup_values",
                    *id,
                    &["list", "value"],
                    &[list.into(), v.clone()],
                    None,
                )?;
            }
        }
        for (pos, v) in wanted.iter().enumerate() {
            let pos = pos as i64 + 1;
            match old.iter().find(|(_, o)| o == v) {
                Some((id, _)) => {
                    tx.execute(
                        "UPDATE lookup_values SET position = ?1 WHERE id = ?2",
                        params![pos, id],
                    )?;
                }
                None => insert_value(&w, list, v, Some(pos))?,
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// Adds `value` to a pick list at `position` (None: last), logged.
fn insert_value(
    w: &Writer,
    list: &str,
    value: &str,
    position: Option<i64>,
) -> rusqlite::Result<()> {
    w.conn.execute(
        "INSERT INTO lookup_values (list, value, position, created_at, updated_at, created_by,
         updated_by)
         VALUES (?1, ?2, coalesce(?3, (SELECT coalesce(max(position), 0) + 1 FROM lookup_values
         WHERE list = ?1)), ?4, ?4, ?5, ?5)",
        params![list, value, position, w.at, w.user],
    )?;
    w.inserted(
        "lookup_values",
        w.conn.last_insert_rowid(),
        &["list", "value"],
        &[list.into(), value.into()],
        None,
    )
}
