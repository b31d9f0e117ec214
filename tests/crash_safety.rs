//! Kill -9 at random moments during a backup, a restore and an import, many times, with
//! the real binary: afterwards the database passes the integrity check and holds either
//! the state before or the state after — every row of every table, not only the names —
//! never a mix; a killed backup never leaves a file that looks like a finished backup.
//! The kills are spread over twice the time the command takes when left alone, and each
//! test asserts that some landed before the commit point and some after, so both sides
//! are really tested.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kehu::store::{Actor, CustomerQuery, Store};

const ROUNDS: usize = 12;

fn kehu(db: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kehu"));
    c.arg("--db")
        .arg(db)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// What a user would see: every customer's code and name (after an integrity check).
fn state(db: &std::path::Path) -> Vec<(String, String)> {
    let store = Store::open(db).unwrap();
    assert_eq!(
        store.check().unwrap(),
        Vec::<String>::new(),
        "integrity after a kill"
    );
    store
        .customer_page(&CustomerQuery::default(), 0, 100_000)
        .unwrap()
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect()
}

/// Every row of every table, as text, in rowid order: the whole file as SQL sees it.
fn tables(db: &std::path::Path) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut all = BTreeMap::new();
    for name in names {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut cells = Vec::with_capacity(n);
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    cells.push(format!("{v:?}"));
                }
                Ok(cells.join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        all.insert(name, rows);
    }
    all
}

/// Row counts per table.
fn counts(t: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, i64> {
    t.iter().map(|(k, v)| (k.clone(), v.len() as i64)).collect()
}

/// How long the command takes when left alone.
fn full_run(mut cmd: Command) -> Duration {
    let start = Instant::now();
    let out = cmd.stderr(Stdio::piped()).output().unwrap();
    assert!(
        out.status.success(),
        "the command works unkilled: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

/// The tables in which two fingerprints differ, with their row counts (a short message
/// instead of two whole databases).
fn differ(a: &BTreeMap<String, Vec<String>>, b: &BTreeMap<String, Vec<String>>) -> String {
    a.keys()
        .chain(b.keys())
        .filter(|t| a.get(*t) != b.get(*t))
        .map(|t| {
            format!(
                "{t}: {} vs {} rows",
                a.get(t).map_or(0, Vec::len),
                b.get(t).map_or(0, Vec::len)
            )
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join("; ")
}

/// Runs the command and kills it after a pseudo-random delay up to `max` (twice the
/// command's own time). True when the kill came while it still ran.
fn run_and_kill(mut cmd: Command, round: usize, max: Duration) -> bool {
    let mut child = cmd.spawn().unwrap();
    let delay = max.mul_f64(((round * 7919) % 97) as f64 / 97.0);
    let start = Instant::now();
    while start.elapsed() < delay {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    killed
}

fn database_with(n: usize, dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let db = dir.join(name);
    let mut store = Store::open(&db).unwrap();
    store.set_actor(Actor::os_user());
    kehu::demo::fill(&mut store, n).unwrap();
    db
}

#[test]
fn killing_a_backup_never_harms_the_database_or_leaves_a_valid_looking_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_with(3000, dir.path(), "kehu.sqlite3");
    let before = tables(&db);
    let customers = state(&db).len();
    let out = dir.path().join("backups");
    std::fs::create_dir(&out).unwrap();
    let finished = || {
        std::fs::read_dir(&out)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "sqlite3")
            })
            .count()
    };
    let took = full_run({
        let mut cmd = kehu(&db);
        cmd.arg("backup").arg("--out").arg(&out);
        cmd
    });
    let (mut cut, mut done) = (0, 0);
    for round in 0..ROUNDS {
        let had = finished();
        let mut cmd = kehu(&db);
        cmd.arg("backup").arg("--out").arg(&out);
        run_and_kill(cmd, round, took * 2);
        assert_eq!(state(&db).len(), customers, "round {round}");
        let now = tables(&db);
        assert!(now == before, "round {round}: {}", differ(&now, &before));
        if finished() > had {
            done += 1;
        } else {
            cut += 1;
        }
        // Whatever finished is a sound, complete backup; the rest is only *.partial.
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "sqlite3") {
                let info = kehu::store::backup::inspect(&path).unwrap();
                assert_eq!(
                    info.counts.customers as usize,
                    customers,
                    "{}",
                    path.display()
                );
            }
        }
    }
    assert!(
        cut > 0 && done > 0,
        "kills before and after the backup finished: {cut} cut, {done} finished"
    );
}

#[test]
fn killing_a_restore_leaves_the_state_before_or_after_never_a_mix() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_with(2500, dir.path(), "kehu.sqlite3");
    let out = dir.path().join("backups");
    std::fs::create_dir(&out).unwrap();
    // The backup holds state A; the live database moves on to state B.
    let backup = {
        let store = Store::open(&db).unwrap();
        let mut store = store;
        store.set_actor(Actor::os_user());
        let file = store.backup_to(&out).unwrap();
        let ids: Vec<i64> = store
            .customer_page(&CustomerQuery::default(), 0, 400)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        for id in ids {
            store.trash_customer_and_contracts(id).unwrap();
        }
        file
    };
    let tables_a = {
        let copy = dir.path().join("a.sqlite3");
        std::fs::copy(&backup, &copy).unwrap();
        state(&copy);
        tables(&copy)
    };
    let state_b = state(&db);
    let tables_b = tables(&db);
    assert_ne!(tables_a, tables_b);
    // State A as a restore leaves it: the backup's rows, every table, and the change-log
    // row in which the restore records itself (written just after the file is in place,
    // so a kill between the two leaves the backup exactly as it was).
    let is_a = |now: &BTreeMap<String, Vec<String>>| {
        let log =
            |t: &BTreeMap<String, Vec<String>>| t.get("change_log").cloned().unwrap_or_default();
        let rest = |t: &BTreeMap<String, Vec<String>>| {
            let mut t = t.clone();
            t.remove("change_log");
            t
        };
        let (now_log, a_log) = (log(now), log(&tables_a));
        rest(now) == rest(&tables_a)
            && (now_log.len() == a_log.len() || now_log.len() == a_log.len() + 1)
            && now_log.starts_with(&a_log)
    };
    // Puts state B back after a restore that went through.
    let back_to_b = || {
        let mut store = Store::open(&db).unwrap();
        store.set_actor(Actor::os_user());
        let ids: Vec<i64> = store
            .customer_page(&CustomerQuery::default(), 0, 400)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        for id in ids {
            store.trash_customer_and_contracts(id).unwrap();
        }
        assert_eq!(state(&db), state_b);
    };
    let took = full_run({
        let mut cmd = kehu(&db);
        cmd.arg("restore").arg(&backup);
        cmd
    });
    assert!(is_a(&tables(&db)), "a restore left alone gives A");
    back_to_b();
    let (mut before, mut after) = (0, 0);
    for round in 0..ROUNDS {
        let start = tables(&db);
        let mut cmd = kehu(&db);
        cmd.arg("restore").arg(&backup);
        run_and_kill(cmd, round, took * 2);
        state(&db);
        let now = tables(&db);
        if is_a(&now) {
            after += 1;
            back_to_b();
        } else {
            assert!(
                now == start,
                "round {round}: neither before nor after — a mix: {}",
                differ(&now, &start)
            );
            before += 1;
        }
    }
    assert!(
        before > 0 && after > 0,
        "kills before and after the restore's commit: {before} before, {after} after"
    );
}

#[test]
fn two_programs_on_one_file_both_work_and_nothing_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.sqlite3");
    let mut window = Store::open(&db).unwrap();
    window.set_actor(Actor::os_user());
    let out = dir.path().join("backups");
    std::fs::create_dir(&out).unwrap();
    // The command line adds customers, backs up and checks while the window saves.
    let mut others = vec![
        kehu(&db)
            .args(["demo", "--customers", "200"])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    ];
    others.push(
        kehu(&db)
            .arg("backup")
            .arg("--out")
            .arg(&out)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    others.push(
        kehu(&db)
            .arg("check")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    for i in 0..20 {
        let c = kehu::domain::Customer {
            name: format!("并发测试客户{i}"),
            ..Default::default()
        };
        // Either it saves, or the clerk is told plainly that the file is busy.
        let mut tries = 0;
        loop {
            match window.save_customer(&c) {
                Ok(_) => break,
                Err(kehu::store::StoreError::Locked) if tries < 20 => tries += 1,
                Err(e) => panic!("{e:?}"),
            }
        }
    }
    for (p, what) in others.into_iter().zip(["demo", "backup", "check"]) {
        let out = p.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "kehu {what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let names = state(&db);
    assert_eq!(
        names
            .iter()
            .filter(|(_, n)| n.starts_with("并发测试客户"))
            .count(),
        20
    );
    assert_eq!(
        names.len(),
        20 + 200 + kehu::demo::featured_customers().len()
    );
}

#[test]
fn killing_an_import_leaves_the_state_before_or_after_never_a_mix() {
    let dir = tempfile::tempdir().unwrap();
    // The file: 3000 customers exported from another database.
    let src = database_with(3000, dir.path(), "source.sqlite3");
    let file = dir.path().join("customers.csv");
    {
        let store = Store::open(&src).unwrap();
        kehu::io::export::export_customers(
            &store,
            &CustomerQuery::default(),
            kehu::io::export::ExportFormat::Csv(kehu::io::export::CsvEncoding::Gbk),
            &file,
            true,
            &mut |_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .unwrap();
    }
    // The database it goes into already has a few customers of its own.
    let db = dir.path().join("kehu.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        store.set_actor(Actor::os_user());
        for i in 0..5 {
            store
                .save_customer(&kehu::domain::Customer {
                    name: format!("原有客户{i}"),
                    ..Default::default()
                })
                .unwrap();
        }
    }
    let source_count = state(&src).len();
    let visible = state(&db);
    let base = tables(&db);
    // Each run starts from its own copy of the database as it was (an undone import
    // keeps its customers in the trash, and their codes with them).
    let copy = |name: &str| {
        let to = dir.path().join(name);
        std::fs::copy(&db, &to).unwrap();
        to
    };
    let run = |db: &std::path::Path| {
        let mut cmd = kehu(db);
        cmd.arg("import").arg(&file);
        cmd
    };
    // What one import adds to each table, from a run left alone; then it is undone.
    let full = copy("full.sqlite3");
    let took = full_run(run(&full));
    let added: BTreeMap<String, i64> = counts(&tables(&full))
        .into_iter()
        .map(|(t, n)| (t.clone(), n - base.get(&t).map_or(0, |r| r.len() as i64)))
        .collect();
    assert_eq!(state(&full).len(), visible.len() + source_count);
    {
        let mut store = Store::open(&full).unwrap();
        store.set_actor(Actor::os_user());
        let last = store.imports().unwrap()[0].id;
        store.undo_import(last).unwrap();
    }
    assert_eq!(state(&full), visible, "undone");
    let mut landed = 0;
    for round in 0..ROUNDS {
        let db = copy(&format!("round{round}.sqlite3"));
        run_and_kill(run(&db), round, took * 2);
        let now_visible = state(&db);
        let now = tables(&db);
        if now_visible == visible {
            assert!(
                now == base,
                "round {round}: not landed, so not a row changed: {}",
                differ(&now, &base)
            );
        } else {
            assert_eq!(
                now_visible.len(),
                visible.len() + source_count,
                "round {round}: a mix"
            );
            let grew: BTreeMap<String, i64> = counts(&now)
                .into_iter()
                .map(|(t, n)| (t.clone(), n - base.get(&t).map_or(0, |r| r.len() as i64)))
                .collect();
            assert_eq!(
                grew, added,
                "round {round}: every table as a whole import leaves it"
            );
            landed += 1;
        }
    }
    assert!(
        landed > 0 && landed < ROUNDS,
        "kills before and after the import's commit: {landed} of {ROUNDS} landed"
    );
}
