//! The SQLite store: one file, opened and upgraded by migrations, the only place in the
//! program that speaks SQL. Every write goes through here, is checked against the domain
//! rules and the signed-in user's role, and is written to the change log.

mod approvals;
pub mod backup;
pub mod bulk;
pub mod changelog;
pub mod competitors;
pub mod contract_list;
pub mod contracts;
pub mod customers;
mod error;
pub mod feedback;
pub mod imports;
mod links;
pub mod lists;
pub mod merge;
pub mod migrations;
pub mod news;
mod owed;
pub mod presence;
pub mod receivables;
pub mod record_imports;
pub mod recovery;
pub mod reports;
pub mod search;
pub mod settings;
pub mod text;
pub mod trash;
pub mod users;
pub mod value;
pub mod visits;
pub mod workbench;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

pub use customers::{CustomerQuery, CustomerRow, SortKey, TrashRow};
pub use error::{Result, StoreError};

/// A list sorted by one of its columns (counted from 0 as the list shows them), up or
/// down; `None` in a query keeps the list's own order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

impl Sort {
    /// What clicking the header of `column` does: sorts by it, or turns it round.
    pub fn clicked(current: Option<Sort>, column: usize) -> Option<Sort> {
        Some(match current {
            Some(s) if s.column == column => Sort {
                column,
                descending: !s.descending,
            },
            _ => Sort {
                column,
                descending: false,
            },
        })
    }
}

/// The ORDER BY of a list: the SQL expression of the sorted column (from the list's own
/// fixed table of them, never from outside), then `id` the same way so that equal values
/// keep a stable order; `default` when not sorted by a column.
pub(crate) fn order_by(sort: Option<Sort>, columns: &[&str], id: &str, default: &str) -> String {
    match sort.filter(|s| s.column < columns.len()) {
        None => default.to_string(),
        Some(s) => {
            let dir = if s.descending { "DESC" } else { "ASC" };
            format!("{} {dir}, {id} {dir}", columns[s.column])
        }
    }
}

use crate::domain::Role;

/// Who the store writes into created_by / updated_by and the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub role: Role,
}

impl Actor {
    /// The operating-system user, for command-line work (which has no sign-in: whoever
    /// can run the program on this file already holds the file).
    pub fn os_user() -> Actor {
        let name = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "system".into());
        Actor {
            name,
            role: Role::Admin,
        }
    }
}

/// What a worker thread needs to open its own connection to this database, acting as
/// the user signed in here (a Store itself stays on the thread that opened it).
#[derive(Debug, Clone)]
pub struct Opener {
    path: PathBuf,
    actor: Option<Actor>,
}

impl Opener {
    pub fn open(self) -> Result<Store> {
        let mut store = Store::open(&self.path)?;
        store.actor = self.actor;
        Ok(store)
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: Option<Actor>,
    /// The last few customer counts asked for, with the data they were counted on: the
    /// list asks for the same counts for every page it loads.
    count_memo: std::cell::RefCell<Vec<CountMemo>>,
    /// Commits made through this connection, counted by a commit hook: with SQLite's
    /// data version (which counts other connections' commits) it tells whether a
    /// remembered count may still be used, whatever wrote.
    commits: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// This program's note beside the file while it is open (see [`presence`]).
    _presence: presence::Presence,
}

impl Store {
    /// A count remembered until the database changes (a commit through this connection
    /// or another one): the unfiltered total of a list, asked for at every keystroke, is
    /// counted once.
    pub(crate) fn memo_count(
        &self,
        key: String,
        count: impl FnOnce() -> Result<u64>,
    ) -> Result<u64> {
        let others: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let own = self.commits.load(std::sync::atomic::Ordering::Relaxed) as i64;
        let data_version = others.wrapping_mul(1 << 32).wrapping_add(own);
        if let Some(m) = self
            .count_memo
            .borrow()
            .iter()
            .find(|m| m.key == key && m.data_version == data_version)
        {
            return Ok(m.count);
        }
        let n = count()?;
        let mut memo = self.count_memo.borrow_mut();
        if memo.len() >= 8 {
            memo.remove(0);
        }
        memo.push(CountMemo {
            key,
            data_version,
            count: n,
        });
        Ok(n)
    }
}

struct CountMemo {
    key: String,
    data_version: i64,
    count: u64,
}

/// The platform's data folder for kehu, e.g. ~/.local/share/kehu on Linux or
/// %APPDATA%\kehu\data on Windows.
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "kehu")
        .map(|d| d.data_dir().join("kehu.sqlite3"))
        .unwrap_or_else(|| PathBuf::from("kehu.sqlite3"))
}

/// Local time as stored: "2026-11-22 14:03:05".
pub fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// A second, read-only connection to the database file, for a worker thread that reads
/// one half of a large computation while the caller's connection reads the other.
pub(crate) fn second_reader(path: &Path) -> rusqlite::Result<rusqlite::Connection> {
    rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Reads the file through memory mapping (up to 1 GiB) instead of copying each page in
/// with a system call: a connection new to a large file — the workers open one for
/// every list they work out — reads it about a third faster (`kehu bench-today`). Only
/// reads are mapped; SQLite still writes with plain writes, so what is written and how
/// safely is unchanged. Left off where the address space is small (32-bit). The mapped
/// pages are the operating system's file cache, shared and dropped when memory is
/// short, but Linux counts them in the program's resident size; so only the connections
/// that read whole tables for 工作台 map the file, and only while they do.
pub(crate) fn map_file(conn: &rusqlite::Connection, on: bool) -> rusqlite::Result<()> {
    if cfg!(target_pointer_width = "64") {
        conn.pragma_update(None, "mmap_size", if on { 1i64 << 30 } else { 0 })?;
    }
    Ok(())
}

/// A small fast random number generator for the benchmarks' generated rows (xorshift):
/// each call gives a number below `m`.
pub(crate) fn bench_numbers(mut seed: u64) -> impl FnMut(u64) -> u64 {
    move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    }
}

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// Never overwrites a file that is not a kehu database or is from a newer version.
    pub fn open(path: &Path) -> Result<Store> {
        presence::trying(path);
        let exists = path.exists();
        if !exists {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| StoreError::CannotCreate(format!("{}: {e}", dir.display())))?;
            }
        } else if path.is_dir() {
            return Err(StoreError::CannotCreate(format!(
                "{} is a folder",
                path.display()
            )));
        } else if recovery::is_empty_file(path) {
            // Never silently made a new database: a 0-byte file is what is left of one
            // (a copy cut short, a disk that filled), and the clerk must be told.
            return Err(StoreError::EmptyFile);
        } else if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
            // Marked read-only (a file copied from a CD, or protected on purpose): said
            // so plainly and left alone, even for an administrator who could write it.
            return Err(StoreError::ReadOnly);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::CannotOpen) if !exists => {
                StoreError::CannotCreate(format!("{}: {e}", path.display()))
            }
            _ => StoreError::from_sqlite(e),
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor: None,
            count_memo: Default::default(),
            commits: Default::default(),
            _presence: presence::announce(path),
        };
        let commits = store.commits.clone();
        store.conn.commit_hook(Some(move || {
            commits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            false // never veto the commit
        }))?;
        store.prepare().map_err(|e| match e {
            StoreError::Sqlite(e) => StoreError::from_sqlite(e),
            other => other,
        })?;
        Ok(store)
    }

    /// Opens a database that cannot be written (a read-only file, a write-protected
    /// folder or disc) to read, export, print and back up. Every write is refused with
    /// [`StoreError::ReadOnly`]. Refuses a file whose schema would need an upgrade.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        presence::trying(path);
        if recovery::is_empty_file(path) {
            return Err(StoreError::EmptyFile);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(StoreError::from_sqlite)?;
        conn.busy_timeout(Duration::from_secs(3))?;
        let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if app_id != migrations::APPLICATION_ID {
            return Err(StoreError::Corrupt(format!(
                "application_id {app_id:#x} is not kehu's"
            )));
        }
        let user_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if user_version != migrations::latest_version() {
            return Err(StoreError::ReadOnly);
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            actor: None,
            count_memo: Default::default(),
            commits: Default::default(),
            _presence: presence::announce(path),
        })
    }

    /// True when this database was opened read-only ([`Store::open_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
    }

    fn prepare(&mut self) -> Result<()> {
        let conn = &mut self.conn;
        conn.busy_timeout(Duration::from_secs(3))?;
        // Writes take the write lock when they begin, waiting for another program's
        // write to finish, instead of failing half-way when upgrading a read.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // Reading the schema is the first thing that fails on a file that is not SQLite.
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let user_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if app_id != 0 && app_id != migrations::APPLICATION_ID {
            return Err(StoreError::Corrupt(format!(
                "application_id {app_id:#x} is not kehu's"
            )));
        }
        if app_id == 0 && user_version == 0 && tables > 0 {
            return Err(StoreError::Corrupt(
                "an SQLite file of another program".into(),
            ));
        }
        if user_version > migrations::latest_version() {
            return Err(StoreError::TooNew {
                found: user_version,
                known: migrations::latest_version(),
            });
        }
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly);
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            log::warn(&format!("journal_mode stayed {mode}"));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 32 MiB of page cache (the default is 2 MiB): a search that fetches a few
        // thousand scattered customers stays in memory instead of re-reading pages.
        conn.pragma_update(None, "cache_size", -32_768)?;
        migrations::migrations()
            .to_latest(conn)
            .map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => {
                    StoreError::from_sqlite(err)
                }
                rusqlite_migration::Error::MigrationDefinition(
                    rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
                ) => StoreError::TooNew {
                    found: user_version,
                    known: migrations::latest_version(),
                },
                other => StoreError::Migration(other.to_string()),
            })?;
        if app_id == 0 {
            conn.pragma_update(None, "application_id", migrations::APPLICATION_ID)?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How a worker thread opens this database as the same user.
    pub fn opener(&self) -> Opener {
        Opener {
            path: self.path.clone(),
            actor: self.actor.clone(),
        }
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Acts as `actor` from now on (the command line uses [`Actor::os_user`]; the window
    /// uses [`Store::sign_in`]).
    pub fn set_actor(&mut self, actor: Actor) {
        self.actor = Some(actor);
    }

    pub fn actor(&self) -> Option<&Actor> {
        self.actor.as_ref()
    }

    pub fn sign_out(&mut self) {
        self.actor = None;
    }

    fn require_actor(&self) -> Result<Actor> {
        self.actor.clone().ok_or(StoreError::NotSignedIn)
    }

    /// A value from `settings`, if set.
    fn setting_raw(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Size of the database file in bytes (0 if unknown).
    pub fn file_size(&self) -> u64 {
        std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0)
    }
}

/// A tiny log: stderr, plus nothing else for now.
pub mod log {
    pub fn warn(msg: &str) {
        eprintln!("kehu: warning: {msg}");
    }
}

/// Where one save writes: its own transaction, which takes the write lock when it
/// begins (waiting its turn behind another program's write), or a savepoint inside a
/// transaction already open (an import saving row by row). A bare `SAVEPOINT` would
/// begin a deferred transaction instead, which fails at once, without waiting, when
/// another program writes between its first read and its first write.
pub(crate) enum WriteScope<'a> {
    Own(rusqlite::Transaction<'a>),
    Inside(rusqlite::Savepoint<'a>),
}

impl WriteScope<'_> {
    pub(crate) fn begin(conn: &mut rusqlite::Connection) -> rusqlite::Result<WriteScope<'_>> {
        if conn.is_autocommit() {
            Ok(WriteScope::Own(conn.transaction_with_behavior(
                rusqlite::TransactionBehavior::Immediate,
            )?))
        } else {
            Ok(WriteScope::Inside(conn.savepoint()?))
        }
    }

    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        match self {
            WriteScope::Own(t) => t.commit(),
            WriteScope::Inside(s) => s.commit(),
        }
    }
}

impl std::ops::Deref for WriteScope<'_> {
    type Target = rusqlite::Connection;

    fn deref(&self) -> &rusqlite::Connection {
        match self {
            WriteScope::Own(t) => t,
            WriteScope::Inside(s) => s,
        }
    }
}
