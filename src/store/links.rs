//! Many-to-many links (a competitor's customers, the customers and competitors a news
//! item mentions) and moving simple records into and out of the trash: the pieces the
//! competitor and news modules share.

use rusqlite::{Connection, params};

use super::changelog::Writer;
use super::{Result, StoreError};

/// One link table: `table (owner_col, other_col)`.
pub(crate) struct LinkTable {
    pub table: &'static str,
    pub owner_col: &'static str,
    pub other_col: &'static str,
    /// The field name the change log shows for the list of links.
    pub field: &'static str,
}

impl LinkTable {
    /// The ids linked to `owner`, ascending.
    pub fn get(&self, conn: &Connection, owner: i64) -> Result<Vec<i64>> {
        Ok(conn
            .prepare_cached(&format!(
                "SELECT {o} FROM {t} WHERE {w} = ?1 ORDER BY {o}",
                o = self.other_col,
                t = self.table,
                w = self.owner_col
            ))?
            .query_map([owner], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Makes `owner`'s links exactly `ids`, logging the change as one field of the owner.
    pub fn set(
        &self,
        conn: &Connection,
        w: &Writer,
        owner_table: &str,
        owner: i64,
        ids: &[i64],
    ) -> Result<()> {
        let mut want: Vec<i64> = ids.to_vec();
        want.sort_unstable();
        want.dedup();
        let old = self.get(conn, owner)?;
        if old == want {
            return Ok(());
        }
        conn.execute(
            &format!("DELETE FROM {} WHERE {} = ?1", self.table, self.owner_col),
            [owner],
        )?;
        for id in &want {
            conn.execute(
                &format!(
                    "INSERT INTO {} ({}, {}) VALUES (?1, ?2)",
                    self.table, self.owner_col, self.other_col
                ),
                params![owner, id],
            )?;
        }
        let text = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        w.updated(
            owner_table,
            owner,
            &[self.field],
            &[text(&old)],
            &[text(&want)],
            None,
        )?;
        Ok(())
    }
}

/// Moves a row with `deleted_at` into the trash (or back out) and logs it.
pub(crate) fn set_trashed(
    conn: &Connection,
    w: &Writer,
    table: &str,
    id: i64,
    trashed: bool,
) -> Result<()> {
    let n = if trashed {
        conn.execute(
            &format!(
                "UPDATE {table} SET deleted_at = ?1, deleted_by = ?2 WHERE id = ?3 AND deleted_at IS NULL"
            ),
            params![w.at, w.user, id],
        )?
    } else {
        conn.execute(
            &format!(
                "UPDATE {table} SET deleted_at = NULL, deleted_by = NULL WHERE id = ?1 AND deleted_at IS NOT NULL"
            ),
            [id],
        )?
    };
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    w.trashed(table, id, !trashed)?;
    Ok(())
}

/// `%text%` for LIKE with the wildcards in `text` escaped (use `ESCAPE '\'`).
/// "Any of these columns contains the typed text", as SQL with `param` standing for the
/// one parameter (given once, used in every test) and that parameter's value. Text
/// without Latin letters is looked for with instr(), a plain substring search several
/// times faster than LIKE on Chinese; text with Latin letters with LIKE, which ignores
/// their case as a clerk expects.
pub(crate) fn contains_any(
    columns: &[&str],
    param: &str,
    text: &str,
) -> (String, rusqlite::types::Value) {
    let latin = text.chars().any(|c| c.is_ascii_alphabetic());
    let tests: Vec<String> = columns
        .iter()
        .map(|c| {
            if latin {
                format!("{c} LIKE {param} ESCAPE '\\'")
            } else {
                format!("instr({c}, {param}) > 0")
            }
        })
        .collect();
    let value = if latin {
        like_pattern(text)
    } else {
        text.to_string()
    };
    (
        format!("({})", tests.join(" OR ")),
        rusqlite::types::Value::Text(value),
    )
}

pub(crate) fn like_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}
