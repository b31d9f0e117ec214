//! Backup, restore and integrity checks.
//!
//! A backup is a consistent copy made with SQLite's online backup API while the program
//! runs (never a file copy), written under a temporary name, checked (opened read-only,
//! integrity check, row counts equal to the original's) and only then given its real
//! name, so a failed or cancelled backup never leaves a file that looks valid. A restore
//! first backs up the current database, so it can itself be undone, and upgrades an
//! older backup with the migrations.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::changelog::Writer;
use super::{Result, Store, StoreError, migrations, now_text};

/// Rows per kind, to show what a backup holds and to check a copy against its original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// All customers, those in the trash included.
    pub customers: i64,
    pub contacts: i64,
    pub users: i64,
    pub change_log: i64,
    /// Feedback items, contracts, competitors and news items, trash included (0 in a
    /// backup from a version before they existed).
    pub feedback: i64,
    pub contracts: i64,
    pub competitors: i64,
    pub news: i64,
}

fn counts(conn: &Connection) -> rusqlite::Result<Counts> {
    let n = |table: &str| -> rusqlite::Result<i64> {
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
    };
    Ok(Counts {
        customers: n("customers")?,
        contacts: n("contacts")?,
        users: n("users")?,
        change_log: n("change_log")?,
        feedback: n("feedback")?,
        contracts: n("contracts")?,
        competitors: n("competitors")?,
        news: n("news")?,
    })
}

/// What a backup file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub schema_version: i64,
    pub counts: Counts,
    pub size: u64,
    /// When the file was written (its modification time), as local time text.
    pub written_at: String,
}

/// Opens a backup (or any kehu database file) read-only and says what it holds. Refuses
/// a file that is not a sound kehu database.
pub fn inspect(path: &Path) -> Result<BackupInfo> {
    let meta = std::fs::metadata(path)
        .map_err(|e| StoreError::CannotCreate(format!("{}: {e}", path.display())))?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(StoreError::from_sqlite)?;
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(StoreError::from_sqlite)?;
    if app_id != migrations::APPLICATION_ID {
        return Err(StoreError::Corrupt(format!(
            "{} is not a kehu database",
            path.display()
        )));
    }
    let found = super::recovery::diagnose(&conn);
    if !found.is_sound() {
        return Err(StoreError::Corrupt(found.detail.join("; ")));
    }
    let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if schema_version > migrations::latest_version() {
        return Err(StoreError::TooNew {
            found: schema_version,
            known: migrations::latest_version(),
        });
    }
    let written_at = meta
        .modified()
        .ok()
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default();
    Ok(BackupInfo {
        path: path.to_path_buf(),
        schema_version,
        counts: counts(&conn)?,
        size: meta.len(),
        written_at,
    })
}

/// A name no file in `dir` has yet: kehu-backup-20261122-143005.sqlite3 (-2, -3 … on a
/// clash).
pub(super) fn fresh_name(dir: &Path, prefix: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut path = dir.join(format!("{prefix}-{stamp}.sqlite3"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{prefix}-{stamp}-{n}.sqlite3"));
        n += 1;
    }
    path
}

/// Copies the database at `db` into a new, verified file in `dest_dir`, calling
/// `progress` with the fraction done. Stops, leaving nothing behind, when `cancel` is
/// set. Safe to call from a worker thread while the program keeps using the database.
pub fn backup_file(
    db: &Path,
    dest_dir: &Path,
    prefix: &str,
    progress: &mut dyn FnMut(f32),
    cancel: &AtomicBool,
) -> Result<PathBuf> {
    if !dest_dir.is_dir() {
        return Err(StoreError::NoSuchFolder(dest_dir.display().to_string()));
    }
    if std::fs::metadata(dest_dir).is_ok_and(|m| m.permissions().readonly()) {
        return Err(StoreError::BackupWriteFailed(format!(
            "{} is read-only",
            dest_dir.display()
        )));
    }
    super::recovery::remove_partials(dest_dir);
    // The unfinished copy is named for this process: two programs backing up into one
    // folder in the same second (two imports at once) never write the same file.
    let partial = fresh_name(dest_dir, prefix).with_extension(format!(
        "{}-{}.sqlite3.partial",
        std::process::id(),
        rand::random::<u32>()
    ));
    let result = write_verified(db, &partial, progress, cancel).and_then(|()| {
        // The final name is chosen when the copy is whole, and never replaces a file
        // (another program's copy finished in the same second keeps its name).
        let mut last = None;
        for _ in 0..20 {
            let path = fresh_name(dest_dir, prefix);
            match std::fs::hard_link(&partial, &path) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&partial);
                    return Ok(path);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(_) => {
                    // A file system without hard links (some USB sticks): rename.
                    if !path.exists() {
                        return std::fs::rename(&partial, &path)
                            .map(|()| path.clone())
                            .map_err(|e| {
                                StoreError::CannotCreate(format!("{}: {e}", path.display()))
                            });
                    }
                }
            }
        }
        Err(StoreError::CannotCreate(format!(
            "{}: {}",
            dest_dir.display(),
            last.map(|e| e.to_string()).unwrap_or_default()
        )))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
        let _ = std::fs::remove_file(partial.with_extension("partial-journal"));
    }
    result
}

/// Errors writing the copy: a full disk, a pulled USB stick, a dropped network share.
fn write_error(e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        // Another program holding the copy's file is not a full disk.
        Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Locked,
        Some(
            C::DiskFull | C::SystemIoFailure | C::CannotOpen | C::ReadOnly | C::PermissionDenied,
        ) => StoreError::BackupWriteFailed(e.to_string()),
        _ => StoreError::from_sqlite(e),
    }
}

fn write_verified(
    db: &Path,
    partial: &Path,
    progress: &mut dyn FnMut(f32),
    cancel: &AtomicBool,
) -> Result<()> {
    // Read-write when it can (to read a log another program is writing); a read-only
    // database is backed up read-only.
    let src = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .or_else(|_| Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY))
        .map_err(StoreError::from_sqlite)?;
    src.busy_timeout(std::time::Duration::from_secs(3))?;
    // One read transaction for the copy and the counts: both see the same snapshot while
    // the clerk goes on saving in the window.
    src.execute_batch("BEGIN DEFERRED")?;
    let expected = counts(&src)?;
    let mut dst = Connection::open(partial).map_err(write_error)?;
    {
        let backup = Backup::new(&src, &mut dst).map_err(write_error)?;
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(StoreError::Cancelled);
            }
            match backup.step(512).map_err(write_error)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                _ => {}
            }
            let p = backup.progress();
            if p.pagecount > 0 {
                progress(1.0 - p.remaining as f32 / p.pagecount as f32);
            }
        }
    }
    // A backup is a single file: no WAL beside it.
    dst.pragma_update(None, "journal_mode", "DELETE")
        .map_err(write_error)?;
    src.execute_batch("COMMIT")?;
    drop(dst);
    drop(src);
    let info = inspect(partial)?;
    if info.counts != expected {
        return Err(StoreError::BackupMismatch);
    }
    progress(1.0);
    Ok(())
}

/// The kehu backups in `dir` (files named kehu-*.sqlite3), newest first, with what each
/// holds; files that cannot be read are left out.
pub fn list_backups(dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("kehu-") && n.ends_with(".sqlite3"))
        })
        .filter_map(|p| inspect(&p).ok())
        .collect();
    found.sort_by(|a, b| b.written_at.cmp(&a.written_at).then(b.path.cmp(&a.path)));
    found
}

/// Removes older `prefix`-*.sqlite3 backups from `dir`, keeping the newest `keep`, and
/// besides them the newest of each of the last `keep` days and of the last `keep` weeks
/// that have one: a mistake found a month late can still be undone from a weekly copy.
/// Files whose names carry no date are never removed. Returns the removed files.
pub fn rotate(dir: &Path, prefix: &str, keep: usize) -> Vec<PathBuf> {
    use chrono::Datelike;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let lead = format!("{prefix}-");
    let mut dated: Vec<(chrono::NaiveDateTime, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let stamp = name.strip_prefix(&lead)?.strip_suffix(".sqlite3")?;
            let at =
                chrono::NaiveDateTime::parse_from_str(stamp.get(..15)?, "%Y%m%d-%H%M%S").ok()?;
            Some((at, p))
        })
        .collect();
    // Newest first (a same-second second copy, "-2", after the first).
    dated.sort_by(|a, b| b.cmp(a));
    let mut keep_set = vec![false; dated.len()];
    for k in keep_set.iter_mut().take(keep) {
        *k = true;
    }
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for (i, (at, _)) in dated.iter().enumerate() {
        let day = at.date();
        if !days.contains(&day) && days.len() < keep {
            days.push(day);
            keep_set[i] = true;
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) && weeks.len() < keep {
            weeks.push(week);
            keep_set[i] = true;
        }
    }
    dated
        .into_iter()
        .zip(keep_set)
        .filter(|(_, kept)| !kept)
        .map(|((_, p), _)| p)
        .filter(|p| std::fs::remove_file(p).is_ok())
        .collect()
}

/// How long ago the newest `prefix`-*.sqlite3 in `dir` was written; None if there is none.
pub fn newest_age(dir: &Path, prefix: &str) -> Option<std::time::Duration> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&format!("{prefix}-")) && n.ends_with(".sqlite3"))
        })
        .filter_map(|e| e.metadata().ok()?.modified().ok()?.elapsed().ok())
        .min()
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// The copy of the database as it was before the restore: restoring it undoes the
    /// restore.
    pub safety_copy: PathBuf,
    pub restored: BackupInfo,
}

/// Where automatic safety copies go: a folder beside the database.
pub fn snapshot_dir(db: &Path) -> PathBuf {
    db.parent()
        .unwrap_or_else(|| Path::new("."))
        .join("kehu-snapshots")
}

impl Store {
    /// Writes a verified backup of this database into `dest_dir` (see [`backup_file`]).
    pub fn backup_to(&self, dest_dir: &Path) -> Result<PathBuf> {
        self.require_actor()?;
        backup_file(
            &self.path,
            dest_dir,
            "kehu-backup",
            &mut |_| {},
            &AtomicBool::new(false),
        )
    }

    /// Rows per kind in this database.
    pub fn counts(&self) -> Result<Counts> {
        Ok(counts(&self.conn)?)
    }

    /// Saves a copy of the database in the snapshot folder beside it before something
    /// that changes much at once (a restore, emptying the trash, later imports and
    /// merges); `cause` goes into the file name, so the list says why each was taken.
    pub fn snapshot(&self, cause: &str) -> Result<PathBuf> {
        let dir = snapshot_dir(&self.path);
        std::fs::create_dir_all(&dir)
            .map_err(|e| StoreError::CannotCreate(format!("{}: {e}", dir.display())))?;
        let prefix: &'static str = match cause {
            "restore" => "kehu-before-restore",
            "empty-trash" => "kehu-before-empty-trash",
            "import" => "kehu-before-import",
            "undo-import" => "kehu-before-undo-import",
            "merge" => "kehu-before-merge",
            "bulk-change" => "kehu-before-bulk-change",
            _ => "kehu-snapshot",
        };
        let path = backup_file(
            &self.path,
            &dir,
            prefix,
            &mut |_| {},
            &AtomicBool::new(false),
        )?;
        let s = self.settings()?;
        super::recovery::prune_snapshots(&self.path, s.snapshot_keep as usize, s.snapshot_days);
        Ok(path)
    }

    /// Rewrites the file to give back the space of deleted rows (administrators only).
    pub fn vacuum(&mut self) -> Result<()> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(StoreError::NotAllowed);
        }
        self.conn.execute_batch("VACUUM")?;
        Ok(())
    }

    /// SQLite's words for the problems its integrity and foreign-key checks find (the
    /// first 50); empty when all is well. [`Store::diagnose`] groups them.
    pub fn check(&self) -> Result<Vec<String>> {
        Ok(self.diagnose().detail)
    }

    /// Replaces the whole database with the backup at `backup` (administrators only).
    /// The current database is first copied into the snapshot folder beside it, so the
    /// restore can be undone by restoring that copy; an older backup is upgraded.
    pub fn restore_from(&mut self, backup: &Path) -> Result<RestoreReport> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(StoreError::NotAllowed);
        }
        let restored = super::recovery::check_backup(backup)?;
        let safety_copy = self.snapshot("restore")?;
        let src = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(StoreError::from_sqlite)?;
        {
            // The backup API writes the pages in one transaction: a crash leaves the old
            // database or the new one, never a mix.
            let copy = Backup::new(&src, &mut self.conn).map_err(StoreError::from_sqlite)?;
            copy.run_to_completion(1024, std::time::Duration::ZERO, None)
                .map_err(StoreError::from_sqlite)?;
        }
        drop(src);
        self.prepare()?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        }
        .database_restored(
            &backup.display().to_string(),
            &safety_copy.display().to_string(),
        )?;
        tx.commit()?;
        self.forget_counts();
        Ok(RestoreReport {
            safety_copy,
            restored,
        })
    }
}
