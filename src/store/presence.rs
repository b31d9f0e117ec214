//! Which kehu programs have a database open, so that a clerk told the file is busy is
//! also told by what: each process that opens a database leaves a one-line note in a
//! folder beside it (`kehu.sqlite3.open/<pid>`: what it is, who runs it, since when),
//! and takes it away when it closes the file. A note whose process has gone (killed,
//! or the machine switched off) is ignored and removed when seen.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The databases this process has open, with how many connections each (worker
/// threads open their own): the note is written with the first and removed with the
/// last.
static OPEN: Mutex<Option<HashMap<PathBuf, usize>>> = Mutex::new(None);

/// The database this process last tried to open: when opening it finds the file busy,
/// the message names who holds it though it never opened.
static TRIED: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Remembers the database about to be opened (see [`holders`]).
pub(crate) fn trying(db: &Path) {
    *TRIED.lock().unwrap_or_else(|e| e.into_inner()) = Some(db.to_path_buf());
}

fn open_map<T>(f: impl FnOnce(&mut HashMap<PathBuf, usize>) -> T) -> T {
    let mut guard = OPEN.lock().unwrap_or_else(|e| e.into_inner());
    f(guard.get_or_insert_with(HashMap::new))
}

/// The folder of notes beside `db`.
pub fn notes_dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".open");
    db.with_file_name(name)
}

/// What this program is, as another one names it: the command line's subcommand and
/// arguments (without --db and the password file), or the window.
fn what_am_i() -> String {
    let mut words = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" || a == "--password-file" {
            args.next();
        } else if !a.starts_with("--db=") && !a.starts_with("--password-file=") {
            words.push(a);
        }
    }
    // The window is what runs without a subcommand (`kehu`, `kehu --demo`).
    if words.iter().all(|w| w.starts_with('-')) {
        "kehu 窗口".to_string()
    } else {
        format!("kehu {}", words.join(" "))
    }
}

/// Writes the note of process `pid` (this one, or in tests another) beside `db`.
pub fn write_note(db: &Path, pid: u32, what: &str) -> std::io::Result<()> {
    let dir = notes_dir(db);
    std::fs::create_dir_all(&dir)?;
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default();
    let since = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
    std::fs::write(
        dir.join(pid.to_string()),
        format!("{what}\t{user}\t{since}\n"),
    )
}

/// Marks this process as having `db` open until the returned value is dropped.
pub(crate) fn announce(db: &Path) -> Presence {
    let db = db.to_path_buf();
    let first = open_map(|m| {
        let n = m.entry(db.clone()).or_insert(0);
        *n += 1;
        *n == 1
    });
    if first {
        // Notes left by programs that were killed go first (others() removes them).
        let _ = others(&db);
        // Best effort: a folder that cannot be written (a read-only disc) only means the
        // note is missing; the database works the same.
        let _ = write_note(&db, std::process::id(), &what_am_i());
    }
    Presence { db }
}

/// Held by a [`super::Store`]; the note goes when the last connection closes.
pub(crate) struct Presence {
    db: PathBuf,
}

impl Drop for Presence {
    fn drop(&mut self) {
        let last = open_map(|m| match m.get_mut(&self.db) {
            Some(n) if *n > 1 => {
                *n -= 1;
                false
            }
            _ => {
                m.remove(&self.db);
                true
            }
        });
        if last {
            let dir = notes_dir(&self.db);
            let _ = std::fs::remove_file(dir.join(std::process::id().to_string()));
            // Only when empty: another program's note stays.
            let _ = std::fs::remove_dir(&dir);
        }
    }
}

/// Whether process `pid` still runs, where the system can tell (Linux); elsewhere a
/// note is believed.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// The other kehu programs that have `db` open: (what, user, since, pid).
pub fn others(db: &Path) -> Vec<(String, String, String, u32)> {
    let dir = notes_dir(db);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let me = std::process::id();
    let mut found = Vec::new();
    for e in entries.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        if pid == me {
            continue;
        }
        if !alive(pid) {
            let _ = std::fs::remove_file(e.path());
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let mut parts = text.trim_end().split('\t');
        let what = parts.next().unwrap_or("kehu").to_string();
        let user = parts.next().unwrap_or_default().to_string();
        let since = parts.next().unwrap_or_default().to_string();
        found.push((what, user, since, pid));
    }
    found.sort_by_key(|o| o.3);
    found
}

/// The other kehu programs using any database this process has open, for a message
/// saying the file is busy.
pub fn holders() -> Vec<(String, String, String, u32)> {
    let mut dbs: Vec<PathBuf> = open_map(|m| m.keys().cloned().collect());
    if let Some(tried) = TRIED.lock().unwrap_or_else(|e| e.into_inner()).clone()
        && !dbs.contains(&tried)
    {
        dbs.push(tried);
    }
    let mut all: Vec<_> = dbs.iter().flat_map(|db| others(db)).collect();
    all.dedup_by_key(|o| o.3);
    all
}
