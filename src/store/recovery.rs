//! When something has gone wrong with the database file: what state it is in (judged by
//! reading it only), a backup put in place of a damaged file (which is moved aside,
//! never deleted), repairs that lose nothing, recovering what SQLite can still read, and
//! keeping backups and snapshots from filling the disk.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::backup::{BackupInfo, fresh_name, inspect, snapshot_dir};
use super::changelog::Writer;
use super::{Actor, Result, Store, StoreError, migrations, now_text};

/// One kind of problem a check found, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Index entries out of step with their rows: rebuilt from the rows without loss.
    Index { count: usize },
    /// Rows of `table` pointing at a row of `parent` that no longer exists.
    Orphans {
        table: String,
        parent: String,
        count: usize,
    },
    /// Pages or rows SQLite cannot read: what can be read is recovered into a new file.
    Pages { count: usize },
}

/// What a check found, grouped; empty when the database is sound.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnosis {
    pub findings: Vec<Finding>,
    /// SQLite's own words, for the 详情 fold-out and the log (at most [`DETAIL_LINES`]).
    pub detail: Vec<String>,
}

const DETAIL_LINES: usize = 50;

impl Diagnosis {
    pub fn is_sound(&self) -> bool {
        self.findings.is_empty()
    }

    /// True when some of the file cannot be read: only recovering into a new file (or
    /// a backup) helps.
    pub fn needs_salvage(&self) -> bool {
        self.findings
            .iter()
            .any(|f| matches!(f, Finding::Pages { .. }))
    }

    fn note(&mut self, line: String) {
        if self.detail.len() < DETAIL_LINES {
            self.detail.push(line);
        }
    }
}

/// Whether a line of `PRAGMA integrity_check` is about an index alone (which REINDEX
/// rebuilds from the rows) rather than about the rows or pages themselves.
fn is_index_line(line: &str) -> bool {
    line.contains("missing from index")
        || line.contains("wrong # of entries in index")
        || line.contains("non-unique entry in index")
}

/// Runs SQLite's integrity and foreign-key checks and groups what they say.
pub fn diagnose(conn: &Connection) -> Diagnosis {
    let mut d = Diagnosis::default();
    let (mut index, mut pages) = (0, 0);
    let lines = conn.prepare("PRAGMA integrity_check").and_then(|mut s| {
        s.query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
    });
    match lines {
        Ok(lines) => {
            for line in lines.into_iter().filter(|l| l != "ok") {
                if is_index_line(&line) {
                    index += 1;
                } else {
                    pages += 1;
                }
                d.note(line);
            }
        }
        Err(e) => {
            pages += 1;
            d.note(e.to_string());
        }
    }
    if index > 0 {
        d.findings.push(Finding::Index { count: index });
    }
    let fk = conn.prepare("PRAGMA foreign_key_check").and_then(|mut s| {
        s.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
    });
    match fk {
        Ok(rows) => {
            let mut groups: Vec<(String, String, usize)> = Vec::new();
            for (table, row, parent) in rows {
                d.note(format!(
                    "foreign key: {table} row {} -> {parent}",
                    row.unwrap_or(0)
                ));
                match groups
                    .iter_mut()
                    .find(|(t, p, _)| *t == table && *p == parent)
                {
                    Some(g) => g.2 += 1,
                    None => groups.push((table, parent, 1)),
                }
            }
            d.findings.extend(
                groups
                    .into_iter()
                    .map(|(table, parent, count)| Finding::Orphans {
                        table,
                        parent,
                        count,
                    }),
            );
        }
        Err(e) => {
            pages += 1;
            d.note(e.to_string());
        }
    }
    if pages > 0 {
        d.findings.push(Finding::Pages { count: pages });
    }
    d
}

/// The state of a database file, judged by reading it only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// No file there: a new database may be created.
    Missing,
    /// A file of 0 bytes: holds nothing, and is never silently made a new database.
    Empty,
    /// Not an SQLite file, another program's, or too damaged to open; SQLite's words.
    Unreadable(String),
    /// A kehu database with problems.
    Damaged(Diagnosis),
    Sound,
}

/// True when the write-ahead log beside `db` holds something (a 0-byte main file whose
/// log holds the data is a database SQLite can still read).
fn wal_has_data(db: &Path) -> bool {
    std::fs::metadata(side_file(db, "-wal")).is_ok_and(|m| m.len() > 0)
}

fn side_file(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// True when `db` is a file of 0 bytes with nothing in a log beside it.
pub fn is_empty_file(db: &Path) -> bool {
    std::fs::metadata(db).is_ok_and(|m| m.is_file() && m.len() == 0) && !wal_has_data(db)
}

/// What state the database file at `db` is in; never changes it.
pub fn file_state(db: &Path) -> FileState {
    let Ok(meta) = std::fs::metadata(db) else {
        return FileState::Missing;
    };
    if meta.is_dir() {
        return FileState::Unreadable(format!("{} is a folder", db.display()));
    }
    if is_empty_file(db) {
        return FileState::Empty;
    }
    let conn = match Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) {
        Ok(c) => c,
        Err(e) => return FileState::Unreadable(e.to_string()),
    };
    let _ = conn.busy_timeout(std::time::Duration::from_secs(3));
    match conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0)) {
        Ok(migrations::APPLICATION_ID) => {}
        Ok(other) => {
            return FileState::Unreadable(format!("application_id {other:#x} is not kehu's"));
        }
        Err(e) => return FileState::Unreadable(e.to_string()),
    }
    let d = diagnose(&conn);
    if d.is_sound() {
        FileState::Sound
    } else {
        FileState::Damaged(d)
    }
}

/// `kehu-damaged-20261201-143005.sqlite3` beside `db` (-2, -3 … on a clash): where a
/// damaged file goes when something is put in its place.
fn aside_name(db: &Path, what: &str) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kehu".into());
    let dir = db.parent().unwrap_or_else(|| Path::new("."));
    fresh_name(dir, &format!("{stem}-{what}"))
}

/// Moves `db` and the files SQLite keeps beside it (-wal, -shm, -journal) to a dated
/// name beside it, keeping them together so the moved file still opens with its log.
/// Returns the new name of the main file, or None when there was no file.
fn move_aside(db: &Path, what: &str) -> Result<Option<PathBuf>> {
    if !db.exists() {
        return Ok(None);
    }
    let aside = aside_name(db, what);
    let fail = |e: std::io::Error| StoreError::CannotCreate(format!("{}: {e}", aside.display()));
    std::fs::rename(db, &aside).map_err(fail)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let from = side_file(db, suffix);
        if from.exists() {
            std::fs::rename(&from, side_file(&aside, suffix)).map_err(fail)?;
        }
    }
    Ok(Some(aside))
}

/// What putting a backup in place of the database did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub restored: BackupInfo,
    /// Where the file that was there went (None when there was none).
    pub moved_aside: Option<PathBuf>,
}

/// A backup that cannot be used names the backup, not the database.
pub(crate) fn check_backup(backup: &Path) -> Result<BackupInfo> {
    inspect(backup).map_err(|e| match e {
        StoreError::TooNew { .. } => e,
        other => StoreError::BadBackup {
            file: backup.display().to_string(),
            why: other.to_string(),
        },
    })
}

impl Store {
    /// Puts the backup at `backup` (checked first) in place of the database at `db`,
    /// whatever state that file is in — damaged, not a database, 0 bytes, or missing.
    /// The file there (with its -wal and -shm) is moved aside under a dated name, never
    /// deleted. Returns the restored database opened, with the restore in its change
    /// log under `who`'s name.
    pub fn restore_over(db: &Path, backup: &Path, who: Actor) -> Result<(Store, Recovered)> {
        let restored = check_backup(backup)?;
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::CannotCreate(format!("{}: {e}", dir.display())))?;
        }
        // Copied next to its destination first, then renamed: the database is either
        // the old file or the whole backup, never half of it.
        let partial = side_file(db, ".restoring");
        let copied = std::fs::copy(backup, &partial)
            .and_then(|_| std::fs::File::open(&partial)?.sync_all())
            .map_err(|e| StoreError::BackupWriteFailed(format!("{}: {e}", partial.display())));
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        let moved_aside = match move_aside(db, "damaged") {
            Ok(m) => m,
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
        };
        std::fs::rename(&partial, db)
            .map_err(|e| StoreError::CannotCreate(format!("{}: {e}", db.display())))?;
        let mut store = Store::open(db)?;
        let at = now_text();
        let aside_text = moved_aside
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let tx = store.conn.transaction()?;
        Writer {
            conn: &tx,
            user: &who.name,
            at: &at,
        }
        .database_restored(&backup.display().to_string(), &aside_text)?;
        tx.commit()?;
        store.set_actor(who);
        Ok((
            store,
            Recovered {
                restored,
                moved_aside,
            },
        ))
    }

    /// Problems a check finds, grouped and counted.
    pub fn diagnose(&self) -> Diagnosis {
        diagnose(&self.conn)
    }

    /// Fixes what can be fixed without losing anything, after a copy of the file as it
    /// is (into the snapshot folder): indexes rebuilt from their rows, search entries
    /// rebuilt, rows whose customer is gone put under a 找回的客户 the clerk can see and
    /// merge, and links to records that are gone dropped (they say nothing more).
    /// Unreadable pages are not touched here: see [`salvage`]. Administrators only.
    pub fn repair(&mut self) -> Result<Repaired> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(StoreError::NotAllowed);
        }
        let before = self.diagnose();
        let copy = raw_copy(&self.path, "kehu-before-repair")?;
        let mut done = Repaired {
            copy,
            ..Default::default()
        };
        self.conn.execute_batch("REINDEX")?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        for f in &before.findings {
            let Finding::Orphans { table, parent, .. } = f else {
                continue;
            };
            let Some(column) = orphan_column(&tx, table, parent)? else {
                continue;
            };
            match (parent.as_str(), is_link_table(table)) {
                ("customers", false) => {
                    let ids: Vec<i64> = tx
                        .prepare(&format!(
                            "SELECT DISTINCT {column} FROM {table}
                             WHERE {column} NOT IN (SELECT id FROM customers)"
                        ))?
                        .query_map([], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    for id in ids {
                        let name = format!("找回的客户 {id}");
                        tx.execute(
                            "INSERT INTO customers (id, code, name, name_key, name_sort, notes,
                                 created_at, updated_at, created_by, updated_by)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?8)",
                            rusqlite::params![
                                id,
                                format!("R{id:06}"),
                                name,
                                crate::domain::text::name_key(&name),
                                crate::domain::pinyin::sort_key(&name),
                                "数据库检查时找回：这个客户的资料已丢失，挂在它下面的联系人、合同或交往反馈保留在这里。请补全资料，或把它合并到正确的客户。",
                                at,
                                actor.name,
                            ],
                        )?;
                        Writer {
                            conn: &tx,
                            user: &actor.name,
                            at: &at,
                        }
                        .repaired("customers", id, &name)?;
                        super::search::reindex_customer(&tx, id)?;
                        done.placeholders += 1;
                    }
                }
                (_, true) => {
                    done.links_dropped += tx.execute(
                        &format!(
                            "DELETE FROM {table} WHERE {column} NOT IN (SELECT id FROM {parent})"
                        ),
                        [],
                    )?;
                }
                _ => {}
            }
        }
        super::search::reindex_all(&tx)?;
        // A customer found again has feedback; a dropped row may have been a contact.
        tx.execute_batch(super::migrations::LAST_CONTACTS)?;
        tx.execute_batch(super::migrations::PAYMENT_SALESPEOPLE)?;
        tx.commit()?;
        self.forget_counts();
        done.remaining = self.diagnose();
        Ok(done)
    }
}

/// Link tables: a row says only that two records are related, so a row whose record is
/// gone holds nothing to keep.
fn is_link_table(table: &str) -> bool {
    matches!(
        table,
        "competitor_customers"
            | "news_customers"
            | "news_competitors"
            | "import_items"
            | "bulk_change_items"
    )
}

/// The column of `table` that refers to `parent` (SQLite's foreign-key list).
fn orphan_column(conn: &Connection, table: &str, parent: &str) -> rusqlite::Result<Option<String>> {
    let mut s = conn.prepare(&format!("PRAGMA foreign_key_list({table})"))?;
    let found = s
        .query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .find(|(p, _)| p == parent)
        .map(|(_, c)| c);
    Ok(found)
}

/// What a repair did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repaired {
    /// The file as it was before the repair.
    pub copy: PathBuf,
    /// 找回的客户 made for rows whose customer was gone.
    pub placeholders: usize,
    /// Links to records that are gone, dropped.
    pub links_dropped: usize,
    /// What a check still finds afterwards.
    pub remaining: Diagnosis,
}

/// Copies the database file as it is (with its log) into the snapshot folder, without
/// SQLite's reading it: a damaged file cannot be backed up page by page.
fn raw_copy(db: &Path, prefix: &str) -> Result<PathBuf> {
    let dir = snapshot_dir(db);
    std::fs::create_dir_all(&dir)
        .map_err(|e| StoreError::CannotCreate(format!("{}: {e}", dir.display())))?;
    let path = fresh_name(&dir, prefix);
    let fail =
        |e: std::io::Error| StoreError::BackupWriteFailed(format!("{}: {e}", path.display()));
    std::fs::copy(db, &path).map_err(fail)?;
    let wal = side_file(db, "-wal");
    if wal.exists() {
        std::fs::copy(&wal, side_file(&path, "-wal")).map_err(fail)?;
    }
    Ok(path)
}

/// What recovering a damaged file read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Salvaged {
    /// The damaged file, moved aside (never deleted).
    pub moved_aside: PathBuf,
    /// Rows read per table, in the order copied (tables with none left out).
    pub rows: Vec<(String, u64)>,
    /// Reads that failed (a damaged stretch of a table skipped).
    pub unreadable: u64,
}

impl Salvaged {
    pub fn count(&self, table: &str) -> u64 {
        self.rows
            .iter()
            .find(|(t, _)| t == table)
            .map(|r| r.1)
            .unwrap_or(0)
    }
}

/// Reads every row SQLite can still read from the damaged database at `db` into a new
/// file, then puts the new file in its place and the damaged one aside (dated, never
/// deleted). A damaged stretch of a table is stepped over and counted. Search entries
/// are rebuilt. Writes the recovery into the new file's change log under `who`.
pub fn salvage(db: &Path, who: &Actor) -> Result<Salvaged> {
    let fresh = side_file(db, ".recovered");
    let _ = std::fs::remove_file(&fresh);
    let mut out = Salvaged::default();
    {
        let old = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(StoreError::from_sqlite)?;
        let mut new = Store::open(&fresh)?;
        new.conn.pragma_update(None, "foreign_keys", false)?;
        let tx = new.conn.transaction()?;
        let tables: Vec<String> = tx
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_fts%'
                 AND name NOT LIKE 'customer_cjk%' ORDER BY rowid",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in tables {
            let (n, bad) = copy_table(&old, &tx, &table)?;
            out.unreadable += bad;
            if n > 0 {
                out.rows.push((table, n));
            }
        }
        super::search::reindex_all(&tx)?;
        // From the feedback that could be read, not what the damaged file said.
        tx.execute_batch(super::migrations::LAST_CONTACTS)?;
        tx.execute_batch(super::migrations::PAYMENT_SALESPEOPLE)?;
        let at = now_text();
        Writer {
            conn: &tx,
            user: &who.name,
            at: &at,
        }
        .repaired("database", 0, &db.display().to_string())?;
        tx.commit()?;
        new.conn.pragma_update(None, "foreign_keys", true)?;
        new.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    }
    out.moved_aside = move_aside(db, "damaged")?.unwrap_or_default();
    for suffix in ["", "-wal", "-shm"] {
        let from = side_file(&fresh, suffix);
        if from.exists() {
            std::fs::rename(&from, side_file(db, suffix))
                .map_err(|e| StoreError::CannotCreate(format!("{}: {e}", db.display())))?;
        }
    }
    Ok(out)
}

/// Copies the rows of `table` that can be read from `old` into `new` (the columns both
/// have), a few hundred at a time in rowid order; a read that fails skips ahead in
/// growing steps until reading works again. Returns (rows copied, failed reads).
fn copy_table(old: &Connection, new: &Connection, table: &str) -> Result<(u64, u64)> {
    let cols: Vec<String> = columns(new, table)?;
    let have: Vec<String> = match columns(old, table) {
        Ok(c) => c,
        Err(_) => return Ok((0, 1)),
    };
    let cols: Vec<String> = cols.into_iter().filter(|c| have.contains(c)).collect();
    if cols.is_empty() {
        return Ok((0, 0));
    }
    let list = cols.join(", ");
    let marks = (1..=cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut insert = new.prepare(&format!(
        "INSERT OR REPLACE INTO {table} ({list}) VALUES ({marks})"
    ))?;
    let rowid_table: bool = new.query_row(
        "SELECT sql NOT LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = ?1",
        [table],
        |r| r.get(0),
    )?;
    let (mut copied, mut failed) = (0u64, 0u64);
    if !rowid_table {
        // A table without rowids (a link table) is read in one go, as far as it reads.
        let Ok(mut s) = old.prepare(&format!("SELECT {list} FROM {table}")) else {
            return Ok((0, 1));
        };
        let mut rows = s.query([])?;
        loop {
            match rows.next() {
                Ok(Some(r)) => {
                    let v: Vec<rusqlite::types::Value> = (0..cols.len())
                        .map(|i| r.get(i))
                        .collect::<rusqlite::Result<_>>()?;
                    copied += insert.execute(rusqlite::params_from_iter(v))? as u64;
                }
                Ok(None) => break,
                Err(_) => {
                    failed += 1;
                    break;
                }
            }
        }
        return Ok((copied, failed));
    }
    const CHUNK: i64 = 256;
    let mut next = i64::MIN;
    let mut step: i64 = 1;
    loop {
        let read = (|| -> rusqlite::Result<Vec<(i64, Vec<rusqlite::types::Value>)>> {
            let mut s = old.prepare_cached(&format!(
                "SELECT rowid, {list} FROM {table} WHERE rowid >= ?1 ORDER BY rowid LIMIT {CHUNK}"
            ))?;
            let mut rows = s.query([next])?;
            let mut got = Vec::new();
            while let Some(r) = rows.next()? {
                let v = (1..=cols.len())
                    .map(|i| r.get(i))
                    .collect::<rusqlite::Result<_>>()?;
                got.push((r.get(0)?, v));
            }
            Ok(got)
        })();
        match read {
            Ok(rows) => {
                step = 1;
                let full = rows.len() as i64 == CHUNK;
                for (id, v) in rows {
                    copied += insert.execute(rusqlite::params_from_iter(v))? as u64;
                    next = id.saturating_add(1);
                }
                if !full {
                    break;
                }
            }
            Err(_) => {
                failed += 1;
                // Read row by row through the damaged stretch, then in growing jumps.
                if next == i64::MIN {
                    next = 0;
                }
                next = next.saturating_add(step);
                step = step.saturating_mul(2);
                if step > 1 << 40 || next == i64::MAX {
                    break;
                }
            }
        }
    }
    Ok((copied, failed))
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let cols: Vec<String> = conn
        .prepare(&format!("PRAGMA table_info({table})"))?
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<_>>()?;
    if cols.is_empty() {
        return Err(StoreError::NotFound);
    }
    Ok(cols)
}

/// Removes what an unfinished backup left in `dir` (`kehu-*.sqlite3.partial` and its
/// journal): a backup killed mid-way. A file written to in the last ten minutes may be
/// another program's backup still running, and is left. Returns how many were removed.
pub fn remove_partials(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let busy = std::time::Duration::from_secs(600);
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name().to_str().is_some_and(|n| {
                n.starts_with("kehu-")
                    && (n.ends_with(".sqlite3.partial") || n.ends_with(".sqlite3.partial-journal"))
            })
        })
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > busy))
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Removes older snapshots from the snapshot folder beside `db`: the newest `keep` are
/// kept, and every one written in the last `days` days; the newest is never removed.
/// Returns the removed files.
pub fn prune_snapshots(db: &Path, keep: usize, days: u32) -> Vec<PathBuf> {
    let dir = snapshot_dir(db);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("kehu-") && n.ends_with(".sqlite3"))
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    let recent = std::time::Duration::from_secs(u64::from(days) * 86_400);
    found
        .into_iter()
        .enumerate()
        .filter(|(i, (at, _))| *i >= keep.max(1) && at.elapsed().is_ok_and(|age| age > recent))
        .map(|(_, (_, p))| p)
        .filter(|p| {
            let gone = std::fs::remove_file(p).is_ok();
            if gone {
                let _ = std::fs::remove_file(side_file(p, "-wal"));
            }
            gone
        })
        .collect()
}

/// Bytes taken by the kehu files in `dir` (backups or snapshots), and how many.
pub fn space_used(dir: &Path) -> (u64, usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, 0);
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("kehu-"))
        })
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .fold((0, 0), |(b, n), m| (b + m.len(), n + 1))
}

/// A setting read straight from a database file that may not open as a store (the
/// recovery screen asks a damaged file where its backups went); None when unreadable.
pub fn stored_setting(db: &Path, key: &str) -> Option<String> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .ok()
}
