//! The change log: who changed what, when, old value → new value. Written by the store
//! inside the same transaction as the change itself, so the two can never disagree.

use rusqlite::{Connection, params};

use rusqlite::OptionalExtension;

use super::{Result, Store, StoreError};

/// One line of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    /// insert, update, delete (purged for good), trash (moved to the trash), restore.
    pub action: String,
    pub table: String,
    pub row_id: i64,
    /// For updates the column; for inserts and deletes empty (the values are a JSON
    /// object of all fields).
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// What the change-log viewer asks for; None means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeFilter {
    pub user: Option<String>,
    /// customers, contacts, users, settings, database …
    pub table: Option<String>,
    /// One record of `table` (with its children).
    pub row_id: Option<i64>,
    /// From this date (YYYY-MM-DD), inclusive.
    pub from_date: Option<String>,
    /// Up to this date (YYYY-MM-DD), inclusive.
    pub to_date: Option<String>,
}

fn row_to_entry(r: &rusqlite::Row) -> rusqlite::Result<ChangeEntry> {
    Ok(ChangeEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        user: r.get(2)?,
        action: r.get(3)?,
        table: r.get(4)?,
        row_id: r.get(5)?,
        field: r.get(6)?,
        old_value: r.get(7)?,
        new_value: r.get(8)?,
    })
}

/// Where a change is written from: the acting user and the time of the transaction.
pub(crate) struct Writer<'a> {
    pub conn: &'a Connection,
    pub user: &'a str,
    pub at: &'a str,
}

pub(crate) struct Parent<'a>(pub &'a str, pub i64);

impl Writer<'_> {
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        action: &str,
        table: &str,
        row_id: i64,
        field: Option<&str>,
        old: Option<&str>,
        new: Option<&str>,
        parent: Option<&Parent>,
    ) -> rusqlite::Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO change_log
                 (at, user, action, table_name, row_id, field, old_value, new_value,
                  parent_table, parent_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                self.at,
                self.user,
                action,
                table,
                row_id,
                field,
                old,
                new,
                parent.map(|p| p.0),
                parent.map(|p| p.1)
            ])?;
        Ok(())
    }

    /// The row `id` of a record not in the trash, read with `select` (which ends before
    /// its WHERE) and `read`; NotFound when there is none.
    pub fn live_row<T>(
        &self,
        select: &str,
        id: i64,
        read: impl FnOnce(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> super::Result<T> {
        use rusqlite::OptionalExtension;
        self.conn
            .prepare_cached(&format!("{select} WHERE id = ?1 AND deleted_at IS NULL"))?
            .query_row([id], read)
            .optional()?
            .ok_or(super::StoreError::NotFound)
    }

    /// Saves a record's row in `table`: inserted when `id` is None (stamped created and
    /// updated by this writer), else updated when its logged values differ from `old`
    /// (the row as it was). `columns` are the stored columns and their values; `fields`
    /// and `new` what the change log shows of them. Returns the row's id.
    pub fn save_row(
        &self,
        table: &str,
        id: Option<i64>,
        columns: &[(&str, &dyn rusqlite::ToSql)],
        fields: &[&str],
        old: Option<&[String]>,
        new: &[String],
    ) -> rusqlite::Result<i64> {
        let n = columns.len();
        let mut args: Vec<&dyn rusqlite::ToSql> = columns.iter().map(|c| c.1).collect();
        args.push(&self.at);
        args.push(&self.user);
        match id {
            None => {
                let names: Vec<&str> = columns.iter().map(|c| c.0).collect();
                let marks: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
                let sql = format!(
                    "INSERT INTO {table} ({}, created_at, updated_at, created_by, updated_by)
                     VALUES ({}, ?{a}, ?{a}, ?{b}, ?{b})",
                    names.join(", "),
                    marks.join(", "),
                    a = n + 1,
                    b = n + 2
                );
                self.conn
                    .prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(args))?;
                let id = self.conn.last_insert_rowid();
                self.inserted(table, id, fields, new, None)?;
                Ok(id)
            }
            Some(id) => {
                let old = old.unwrap_or_default();
                if old == new {
                    return Ok(id);
                }
                let sets: Vec<String> = columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{} = ?{}", c.0, i + 1))
                    .collect();
                let sql = format!(
                    "UPDATE {table} SET {}, updated_at = ?{}, updated_by = ?{} WHERE id = ?{}",
                    sets.join(", "),
                    n + 1,
                    n + 2,
                    n + 3
                );
                args.push(&id);
                self.conn
                    .prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(args))?;
                self.updated(table, id, fields, old, new, None)?;
                Ok(id)
            }
        }
    }

    /// A new row: one entry whose new value holds every non-empty field as JSON.
    pub fn inserted(
        &self,
        table: &str,
        row_id: i64,
        fields: &[&str],
        values: &[String],
        parent: Option<&Parent>,
    ) -> rusqlite::Result<()> {
        let json = to_json(fields, values);
        self.write("insert", table, row_id, None, None, Some(&json), parent)
    }

    /// A changed row: one entry per field whose value changed.
    pub fn updated(
        &self,
        table: &str,
        row_id: i64,
        fields: &[&str],
        old: &[String],
        new: &[String],
        parent: Option<&Parent>,
    ) -> rusqlite::Result<()> {
        for ((f, o), n) in fields.iter().zip(old).zip(new) {
            if o != n {
                self.write("update", table, row_id, Some(f), Some(o), Some(n), parent)?;
            }
        }
        Ok(())
    }

    /// A row removed for good: its last values are kept here.
    pub fn deleted(
        &self,
        table: &str,
        row_id: i64,
        fields: &[&str],
        values: &[String],
        parent: Option<&Parent>,
    ) -> rusqlite::Result<()> {
        let json = to_json(fields, values);
        self.write("delete", table, row_id, None, Some(&json), None, parent)
    }

    /// The whole database was replaced by a backup; `safety_copy` holds what it was.
    pub fn database_restored(&self, backup: &str, safety_copy: &str) -> rusqlite::Result<()> {
        self.write(
            "restore",
            "database",
            0,
            Some("file"),
            Some(safety_copy),
            Some(backup),
            None,
        )
    }

    /// A repair of the database: a 找回的客户 made for rows whose customer was gone, or
    /// (table "database") the damaged file's readable rows copied into a new one.
    pub fn repaired(&self, table: &str, row_id: i64, what: &str) -> rusqlite::Result<()> {
        self.write(
            "update",
            table,
            row_id,
            Some("repair"),
            None,
            Some(what),
            None,
        )
    }

    /// A customer merged into another: recorded as a change of its `merged_into`
    /// (the kept customer's id), then its move to the trash.
    pub fn merged(&self, duplicate: i64, keep: i64) -> rusqlite::Result<()> {
        self.write(
            "update",
            "customers",
            duplicate,
            Some("merged_into"),
            Some(""),
            Some(&keep.to_string()),
            None,
        )?;
        self.trashed("customers", duplicate, false)
    }

    /// Moved to or back from the trash.
    pub fn trashed(&self, table: &str, row_id: i64, restore: bool) -> rusqlite::Result<()> {
        let (action, old, new) = if restore {
            ("restore", Some("trash"), None)
        } else {
            ("trash", None, Some("trash"))
        };
        self.write(action, table, row_id, Some("deleted_at"), old, new, None)
    }
}

/// The non-empty fields as a JSON object, keys in name order, written straight out (an
/// import writes one per row: no map of copies is built first).
fn to_json(fields: &[&str], values: &[String]) -> String {
    let mut pairs: Vec<(&str, &str)> = fields
        .iter()
        .zip(values)
        .filter(|(_, v)| !v.is_empty())
        .map(|(f, v)| (*f, v.as_str()))
        .collect();
    pairs.sort_unstable_by_key(|(f, _)| *f);
    let mut out = Vec::with_capacity(32 * pairs.len() + 2);
    out.push(b'{');
    for (i, (f, v)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Writing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, f);
        out.push(b':');
        let _ = serde_json::to_writer(&mut out, v);
    }
    out.push(b'}');
    String::from_utf8(out).expect("JSON of strings is UTF-8")
}

impl Store {
    /// Everything that happened to one record, oldest first, including changes to its
    /// child rows (a customer's contacts).
    pub fn history(&self, table: &str, row_id: i64) -> Result<Vec<ChangeEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, user, action, table_name, row_id, field, old_value, new_value
             FROM change_log
             WHERE (table_name = ?1 AND row_id = ?2) OR (parent_table = ?1 AND parent_id = ?2)
             ORDER BY id",
        )?;
        let rows = stmt
            .query_map(params![table, row_id], row_to_entry)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The newest `limit` changes matching `f`, newest first. A record filter also
    /// finds its children's changes (a customer's contacts).
    pub fn changes(&self, f: &ChangeFilter, limit: u32) -> Result<Vec<ChangeEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, user, action, table_name, row_id, field, old_value, new_value
             FROM change_log
             WHERE (?1 IS NULL OR user = ?1)
               AND (?2 IS NULL OR table_name = ?2 OR (?3 IS NOT NULL AND parent_table = ?2))
               AND (?3 IS NULL OR ((?2 IS NULL OR table_name = ?2) AND row_id = ?3)
                    OR (parent_table = ?2 AND parent_id = ?3))
               AND (?4 IS NULL OR at >= ?4)
               AND (?5 IS NULL OR at < date(?5, '+1 day'))
             ORDER BY id DESC LIMIT ?6",
        )?;
        let rows = stmt
            .query_map(
                params![f.user, f.table, f.row_id, f.from_date, f.to_date, limit],
                row_to_entry,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The newest `limit` changes, newest first, optionally only those by `user`.
    pub fn recent_changes(&self, limit: u32, user: Option<&str>) -> Result<Vec<ChangeEntry>> {
        self.changes(
            &ChangeFilter {
                user: user.map(str::to_string),
                ..Default::default()
            },
            limit,
        )
    }

    /// Everyone who appears in the change log, for the viewer's filter.
    pub fn change_users(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT user FROM change_log ORDER BY user")?;
        let users = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(users)
    }

    /// True when [`Store::put_back`] can restore this change's old value.
    pub fn can_put_back(entry: &ChangeEntry) -> bool {
        use crate::domain::CUSTOMER_FIELDS;
        use crate::domain::customer::CONTACT_FIELDS;
        let field = entry.field.as_deref().unwrap_or("");
        entry.action == "update"
            && match entry.table.as_str() {
                "customers" => CUSTOMER_FIELDS.contains(&field),
                "contacts" => CONTACT_FIELDS.contains(&field),
                _ => false,
            }
    }

    /// Puts a field's old value back from one change of a customer or contact. The
    /// value goes through the same checks as an edit in the form and is itself logged.
    pub fn put_back(&mut self, change_id: i64) -> Result<()> {
        let entry = self
            .conn
            .query_row(
                "SELECT id, at, user, action, table_name, row_id, field, old_value, new_value
                 FROM change_log WHERE id = ?1",
                [change_id],
                row_to_entry,
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        if !Store::can_put_back(&entry) {
            return Err(StoreError::CannotPutBack);
        }
        let field = entry.field.clone().unwrap_or_default();
        let old = entry.old_value.clone().unwrap_or_default();
        let customer_id = if entry.table == "contacts" {
            self.conn
                .query_row(
                    "SELECT customer_id FROM contacts WHERE id = ?1",
                    [entry.row_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(StoreError::NotFound)?
        } else {
            entry.row_id
        };
        let (mut c, meta) = self.customer(customer_id)?;
        if meta.deleted_at.is_some() {
            return Err(StoreError::NotFound);
        }
        let ok = if entry.table == "contacts" {
            c.contacts
                .iter_mut()
                .find(|k| k.id == Some(entry.row_id))
                .is_some_and(|k| k.set_column(&field, &old))
        } else {
            c.set_column(&field, &old)
        };
        if !ok {
            return Err(StoreError::CannotPutBack);
        }
        self.save_customer(&c)?;
        Ok(())
    }

    /// Number of change-log entries (for the status of system tools and tests).
    pub fn change_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_of_a_row_is_what_serde_makes_of_its_non_empty_fields() {
        let fields = ["name", "address", "code", "notes", "email"];
        let values = [
            "北京\"华信\"科技".to_string(),
            String::new(),
            "KH000001".into(),
            "第一行\n第二行\t\\".into(),
            "a@b.cn".into(),
        ];
        let json = super::to_json(&fields, &values);
        let back: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
        let expected: serde_json::Map<String, serde_json::Value> = fields
            .iter()
            .zip(&values)
            .filter(|(_, v)| !v.is_empty())
            .map(|(f, v)| (f.to_string(), serde_json::Value::String(v.clone())))
            .collect();
        assert_eq!(back, expected);
        // The same text the map would give (keys in name order).
        assert_eq!(json, serde_json::Value::Object(expected).to_string());
        assert_eq!(super::to_json(&fields, &vec![String::new(); 5]), "{}");
    }
}
