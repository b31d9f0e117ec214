//! When something has gone wrong with the database: restore works whatever state the
//! current file is in (and never deletes it), a 0-byte file is never taken for a
//! database, the check speaks plainly and repairs without loss, unfinished backups and
//! old snapshots do not fill the disk, and the command line signs in.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{ADMIN_PASSWORD, contact, customer, temp_store};
use kehu::store::recovery::{FileState, file_state};
use kehu::store::{CustomerQuery, Store, StoreError};

fn kehu(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kehu"));
    c.stdin(Stdio::null())
        .env("USER", "xiaowang")
        .env_remove("KEHU_PASSWORD")
        .arg("--db")
        .arg(db);
    c
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A database of `n` customers with contacts and long notes (so every page is in use),
/// and a verified backup of it in `dir/backups`.
fn database_with_backup(n: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, mut store) = temp_store();
    for i in 0..n {
        let mut c = customer(&format!("恢复测试客户{i:04}有限公司"));
        c.notes = format!("第 {i} 个客户的备注。").repeat(20);
        c.contacts.push(contact(&format!("联系人{i}")));
        store.save_customer(&c).unwrap();
    }
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let backup = store.backup_to(&backups).unwrap();
    let db = store.path().to_path_buf();
    drop(store);
    (dir, db, backup)
}

fn customers_in(db: &Path) -> u64 {
    Store::open(db).unwrap().customer_total().unwrap()
}

/// The files beside `db` named as a damaged file moved aside.
fn moved_aside(db: &Path) -> Vec<PathBuf> {
    let stem = db.file_stem().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<PathBuf> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(&format!("{stem}-damaged-")) && n.ends_with(".sqlite3")
        })
        .collect();
    found.sort();
    found
}

#[derive(Debug, Clone, Copy)]
enum Damage {
    Truncated,
    PageOverwritten,
    ForeignKeysBroken,
    NotADatabase,
    ZeroBytes,
    Missing,
}

fn damage(db: &Path, how: Damage) {
    use std::io::{Seek, SeekFrom, Write};
    match how {
        Damage::Truncated => {
            let len = std::fs::metadata(db).unwrap().len();
            std::fs::OpenOptions::new()
                .write(true)
                .open(db)
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        }
        Damage::PageOverwritten => {
            // The page holding the 200th customer's row (its notes are only there).
            let bytes = std::fs::read(db).unwrap();
            let mark = "第 200 个客户的备注".as_bytes();
            let at = bytes
                .windows(mark.len())
                .position(|w| w == mark)
                .expect("the row is in the file");
            let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
            f.seek(SeekFrom::Start(at as u64 / 4096 * 4096)).unwrap();
            f.write_all(&[0xA5; 4096]).unwrap();
        }
        Damage::ForeignKeysBroken => {
            let conn = rusqlite::Connection::open(db).unwrap();
            conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
            for i in 0..50 {
                conn.execute(
                    "INSERT INTO contacts (customer_id, name, position, created_at, updated_at,
                         created_by, updated_by)
                     VALUES (900000, ?1, 0, '2026-01-01', '2026-01-01', 'x', 'x')",
                    [format!("孤儿联系人{i}")],
                )
                .unwrap();
            }
        }
        Damage::NotADatabase => {
            std::fs::write(db, "客户名称,电话\n北京华信,010-62531188\n".repeat(300)).unwrap()
        }
        Damage::ZeroBytes => std::fs::write(db, b"").unwrap(),
        Damage::Missing => std::fs::remove_file(db).unwrap(),
    }
}

#[test]
fn restore_puts_the_backup_in_place_of_a_database_in_any_state_and_keeps_the_old_file() {
    for how in [
        Damage::Truncated,
        Damage::PageOverwritten,
        Damage::ForeignKeysBroken,
        Damage::NotADatabase,
        Damage::ZeroBytes,
        Damage::Missing,
    ] {
        let (_dir, db, backup) = database_with_backup(400);
        damage(&db, how);
        let damaged = std::fs::read(&db).ok();
        assert_ne!(
            file_state(&db),
            FileState::Sound,
            "{how:?}: the damage is seen as damage"
        );
        let out = kehu(&db).arg("restore").arg(&backup).output().unwrap();
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{how:?}: {stdout}\n{stderr}");
        assert!(stdout.contains("已从"), "{how:?}: {stdout}");
        assert_eq!(customers_in(&db), 400, "{how:?}: the backup's customers");
        assert_eq!(file_state(&db), FileState::Sound, "{how:?}");
        let aside = moved_aside(&db);
        match damaged {
            None => assert!(aside.is_empty(), "{how:?}: nothing to move aside"),
            Some(bytes) => {
                assert_eq!(aside.len(), 1, "{how:?}: {aside:?}");
                assert_eq!(
                    std::fs::read(&aside[0]).unwrap(),
                    bytes,
                    "{how:?}: the damaged file is kept as it was"
                );
                assert!(
                    stdout.contains(&aside[0].display().to_string()),
                    "{how:?}: says where it went: {stdout}"
                );
            }
        }
    }
}

#[test]
fn a_bad_backup_is_named_and_the_database_is_left_alone() {
    let (dir, db, _backup) = database_with_backup(20);
    damage(&db, Damage::Truncated);
    let before = std::fs::read(&db).unwrap();
    let bad = dir.path().join("not-a-backup.sqlite3");
    std::fs::write(&bad, "这不是备份").unwrap();
    let out = kehu(&db).arg("restore").arg(&bad).output().unwrap();
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(stderr.contains("not-a-backup.sqlite3"), "{stderr}");
    assert!(stderr.contains("当前的数据库没有被改动"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(moved_aside(&db).is_empty());
}

#[test]
fn a_zero_byte_file_is_never_sound_never_made_a_database_and_never_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.sqlite3");
    std::fs::write(&db, b"").unwrap();
    assert!(matches!(Store::open(&db), Err(StoreError::EmptyFile)));
    let out = kehu(&db).arg("check").output().unwrap();
    let (stdout, stderr) = text(&out);
    assert!(!out.status.success(), "{stdout}");
    assert!(!stdout.contains("完好"), "{stdout}");
    assert!(stderr.contains("0 字节"), "{stderr}");
    assert!(stderr.contains("kehu restore"), "says what to do: {stderr}");
    let backups = dir.path().join("b");
    std::fs::create_dir_all(&backups).unwrap();
    let out = kehu(&db)
        .args(["backup", "--out"])
        .arg(&backups)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 0);
    let out = kehu(&db)
        .args(["demo", "--customers", "3"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "not silently made a new database");
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "left as it was");
}

#[test]
fn the_check_says_what_is_wrong_in_plain_words_and_the_repair_loses_nothing() {
    let (dir, db, _backup) = database_with_backup(30);
    damage(&db, Damage::ForeignKeysBroken);
    let out = kehu(&db).arg("check").output().unwrap();
    let (stdout, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(stdout.contains("50 条联系人指向已不存在的客户"), "{stdout}");
    assert!(stdout.contains("kehu check --repair"), "{stdout}");
    assert!(
        !stdout.contains("foreign key"),
        "no raw SQLite text: {stdout}"
    );
    assert!(stderr.lines().count() <= 1, "{stderr}");

    // The database has an administrator: a repair needs that sign-in.
    let out = kehu(&db).args(["check", "--repair"]).output().unwrap();
    assert!(!out.status.success());
    let out = kehu(&db)
        .args(["--user", "admin", "check", "--repair"])
        .env("KEHU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("现在数据库完好"), "{stdout}");
    let store = Store::open(&db).unwrap();
    assert!(store.diagnose().is_sound());
    let found = store
        .customer_page(
            &CustomerQuery {
                text: "找回的客户".into(),
                ..Default::default()
            },
            0,
            10,
        )
        .unwrap();
    assert_eq!(found.len(), 1, "one customer holds the 50 contacts");
    let (c, _) = store.customer(found[0].id).unwrap();
    assert_eq!(c.contacts.len(), 50);
    assert!(c.contacts.iter().any(|k| k.name == "孤儿联系人7"));
    assert_eq!(store.customer_total().unwrap(), 31);
    let snaps: Vec<String> = std::fs::read_dir(dir.path().join("kehu-snapshots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        snaps.iter().any(|n| n.starts_with("kehu-before-repair-")),
        "{snaps:?}"
    );
}

#[test]
fn a_file_with_unreadable_pages_gives_back_what_can_be_read_and_keeps_the_damaged_file() {
    let (_dir, db, _backup) = database_with_backup(600);
    damage(&db, Damage::PageOverwritten);
    let damaged = std::fs::read(&db).unwrap();
    let out = kehu(&db).arg("check").output().unwrap();
    let (stdout, _) = text(&out);
    assert!(!out.status.success());
    assert!(stdout.contains("损坏"), "{stdout}");
    let out = kehu(&db)
        .args(["--user", "admin", "check", "--repair"])
        .env("KEHU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("已把还能读出的数据找回"), "{stdout}");
    let store = Store::open(&db).unwrap();
    assert!(store.diagnose().is_sound());
    let n = store.customer_total().unwrap();
    assert!(
        (500..=600).contains(&n),
        "most customers come back: {n} of 600"
    );
    // Found by search as before (entries rebuilt), and can still sign in.
    let hits = store
        .count_customers(&CustomerQuery {
            text: "恢复测试客户0001".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(hits <= 1);
    drop(store);
    let mut store = Store::open(&db).unwrap();
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    let aside = moved_aside(&db);
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), damaged);
}

#[test]
fn unfinished_backups_are_removed_and_snapshots_pruned_by_the_setting() {
    let (dir, mut store) = temp_store();
    store.save_customer(&customer("北京华信科技")).unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    // A backup killed mid-way an hour ago, and one another program is writing now.
    let old = backups.join("kehu-backup-20261130-100000.4242-1.sqlite3.partial");
    let busy = backups.join("kehu-backup-20261201-100000.4343-2.sqlite3.partial");
    std::fs::write(&old, vec![0u8; 8192]).unwrap();
    std::fs::write(&busy, vec![0u8; 8192]).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    store.backup_to(&backups).unwrap();
    assert!(!old.exists(), "the unfinished copy is removed");
    assert!(busy.exists(), "a copy being written now is left alone");

    let mut s = store.settings().unwrap();
    s.snapshot_keep = 3;
    s.snapshot_days = 0;
    store.save_settings(&s).unwrap();
    let mut newest = None;
    for _ in 0..6 {
        newest = Some(store.snapshot("import").unwrap());
    }
    let snaps: Vec<PathBuf> = std::fs::read_dir(dir.path().join("kehu-snapshots"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(snaps.len(), 3, "{snaps:?}");
    assert!(
        snaps.contains(&newest.unwrap()),
        "the newest is never removed"
    );
    let (bytes, files) = kehu::store::recovery::space_used(&dir.path().join("kehu-snapshots"));
    assert_eq!(files, 3);
    assert!(bytes > 0);
}

#[test]
fn the_command_line_signs_in_and_the_users_role_applies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    let pw = |name: &str, p: &str| {
        let f = dir.path().join(name);
        std::fs::write(&f, format!("{p}\n")).unwrap();
        f
    };
    // A new database: a clerk cannot be its first account (nobody could then sign in
    // as an administrator to manage accounts).
    let clerk_pw = pw("clerk.txt", "clerk-pass-1");
    let out = kehu(&db)
        .args(["users", "add", "xiaozhang", "--role", "clerk"])
        .arg("--password-file")
        .arg(&clerk_pw)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        text(&out).1.contains("第一个用户必须是管理员"),
        "{:?}",
        text(&out)
    );
    // The first administrator needs no sign-in.
    let admin_pw = pw("admin.txt", "admin-pass-1");
    let out = kehu(&db)
        .args([
            "users",
            "add",
            "laoli",
            "--role",
            "admin",
            "--password-file",
        ])
        .arg(&admin_pw)
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", text(&out));
    // Now it has an account: changing data needs a sign-in.
    let out = kehu(&db)
        .args([
            "users",
            "add",
            "xiaozhang",
            "--role",
            "clerk",
            "--password-file",
        ])
        .arg(&clerk_pw)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).1.contains("--user"), "{:?}", text(&out));
    let out = kehu(&db)
        .args([
            "--user",
            "laoli",
            "users",
            "add",
            "xiaozhang",
            "--role",
            "clerk",
        ])
        .arg("--password-file")
        .arg(&clerk_pw)
        .env("KEHU_PASSWORD", "admin-pass-1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", text(&out));
    let out = kehu(&db).args(["users", "list"]).output().unwrap();
    let (stdout, _) = text(&out);
    assert!(
        stdout.contains("xiaozhang") && stdout.contains("clerk"),
        "{stdout}"
    );

    let customers = dir.path().join("客户.csv");
    std::fs::write(&customers, "客户名称,电话\n深圳宏图电子,0755-88881234\n").unwrap();
    let contracts = dir.path().join("合同.csv");
    std::fs::write(
        &contracts,
        "合同编号,客户名称,合同名称,签订日期,合同金额,状态\n\
         HT-001,深圳宏图电子,电源模块采购,2026-01-05,120000,已批准\n",
    )
    .unwrap();
    let out = kehu(&db).arg("import").arg(&customers).output().unwrap();
    assert!(!out.status.success(), "no sign-in, no import");
    let out = kehu(&db)
        .args(["--user", "xiaozhang", "import"])
        .arg(&customers)
        .env("KEHU_PASSWORD", "wrong-password")
        .output()
        .unwrap();
    assert!(!out.status.success(), "a wrong password is refused");
    for file in [&customers, &contracts] {
        let kind = if file == &customers {
            "customers"
        } else {
            "contracts"
        };
        let out = kehu(&db)
            .args(["--user", "xiaozhang", "--password-file"])
            .arg(&clerk_pw)
            .args(["import", "--kind", kind])
            .arg(file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{:?}", text(&out));
    }
    let store = Store::open(&db).unwrap();
    let rows = store.contract_page(&Default::default(), 0, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].status,
        kehu::domain::contract::ContractStatus::Draft,
        "a clerk's contract import lands as a draft, as in the window"
    );
    let c = &store
        .customer_page(&CustomerQuery::default(), 0, 1)
        .unwrap()[0];
    assert_eq!(
        store.history("customers", c.id).unwrap()[0].user,
        "xiaozhang"
    );
    drop(store);
    // A clerk cannot manage accounts; an administrator disables one.
    let out = kehu(&db)
        .args(["--user", "xiaozhang", "users", "disable", "laoli"])
        .env("KEHU_PASSWORD", "clerk-pass-1")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = kehu(&db)
        .args(["--user", "laoli", "users", "disable", "xiaozhang"])
        .env("KEHU_PASSWORD", "admin-pass-1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", text(&out));
    let out = kehu(&db)
        .args(["--user", "xiaozhang", "import"])
        .arg(&customers)
        .env("KEHU_PASSWORD", "clerk-pass-1")
        .output()
        .unwrap();
    assert!(!out.status.success(), "a disabled account cannot sign in");
    // Reading needs no sign-in.
    let out = kehu(&db)
        .args(["export", "--out"])
        .arg(dir.path().join("out.csv"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", text(&out));
}

#[test]
fn two_imports_into_one_file_at_once_never_blame_the_disk() {
    let (dir, mut store) = temp_store();
    store.save_customer(&customer("已有客户")).unwrap();
    let db = store.path().to_path_buf();
    drop(store);
    let files: Vec<PathBuf> = (0..2)
        .map(|k| {
            let f = dir.path().join(format!("list{k}.csv"));
            let mut t = String::from("客户名称,电话\n");
            for i in 0..800 {
                t.push_str(&format!("并发客户{k}-{i:04},010-6{k}53{i:04}\n"));
            }
            std::fs::write(&f, t).unwrap();
            f
        })
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            kehu(&db)
                .args(["--user", "admin", "import"])
                .arg(f)
                .env("KEHU_PASSWORD", ADMIN_PASSWORD)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut landed = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        let (stdout, stderr) = text(&out);
        if out.status.success() {
            landed += 1;
        } else {
            assert!(stderr.contains("另一个"), "{stderr}");
        }
        for wrong in ["磁盘", "无法在这个位置"] {
            assert!(!stderr.contains(wrong), "{stdout}\n{stderr}");
        }
    }
    assert!(landed >= 1);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.customer_total().unwrap(), 1 + 800 * landed);
    assert!(store.diagnose().is_sound());
}

#[test]
fn a_busy_file_names_the_kehu_that_holds_it_and_forgets_one_that_is_gone() {
    let (dir, store) = temp_store();
    let db = store.path().to_path_buf();
    drop(store);
    assert!(
        !kehu::store::presence::notes_dir(&db).exists(),
        "a closed database leaves no note"
    );
    // Another kehu, importing: a live process with kehu's note beside the file, and
    // the file's write lock held for longer than kehu waits.
    let mut other = Command::new("sleep").arg("30").spawn().unwrap();
    kehu::store::presence::write_note(&db, other.id(), "kehu import 客户名单.xlsx").unwrap();
    // And one that was killed long ago: its note is stale.
    let mut gone = Command::new("true").spawn().unwrap();
    let gone_pid = gone.id();
    gone.wait().unwrap();
    kehu::store::presence::write_note(&db, gone_pid, "kehu restore 旧备份.sqlite3").unwrap();
    let lock = rusqlite::Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let file = dir.path().join("新客户.csv");
    std::fs::write(&file, "客户名称\n北京华信科技有限公司\n").unwrap();
    let out = kehu(&db)
        .env("KEHU_PASSWORD", ADMIN_PASSWORD)
        .args(["--user", "admin", "import"])
        .arg(&file)
        .output()
        .unwrap();
    lock.execute_batch("ROLLBACK").unwrap();
    let _ = other.kill();
    let _ = other.wait();
    let (_, err) = text(&out);
    assert!(!out.status.success());
    assert!(err.contains("数据库文件正被另一个程序占用"), "{err}");
    assert!(
        err.contains("正在使用它的是：kehu import 客户名单.xlsx（用户 ")
            && err.contains(&format!("进程 {}", other.id())),
        "{err}"
    );
    assert!(
        !err.contains("旧备份"),
        "a note of a process that is gone: {err}"
    );
    assert!(
        !kehu::store::presence::notes_dir(&db)
            .join(gone_pid.to_string())
            .exists(),
        "the stale note is removed when seen"
    );
    assert_eq!(customers_in(&db), 0, "nothing imported");
}

#[test]
fn a_setting_makes_the_command_line_sign_in_even_to_read() {
    let (dir, mut store) = temp_store();
    store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    let db = store.path().to_path_buf();
    let export = |name: &str, user: Option<&str>, password: &str| {
        let mut c = kehu(&db);
        c.env("KEHU_PASSWORD", password);
        if let Some(u) = user {
            c.args(["--user", u]);
        }
        let out = dir.path().join(name);
        let o = c.arg("export").arg("--out").arg(&out).output().unwrap();
        (o.status.success(), text(&o).1, out.exists())
    };
    // Off (the default): whoever can run kehu on the file reads it.
    assert!(export("a.csv", None, "").0);
    let mut s = store.settings().unwrap();
    s.cli_read_sign_in = true;
    store.save_settings(&s).unwrap();
    drop(store);
    let (ok, err, written) = export("b.csv", None, "");
    assert!(!ok && !written);
    assert!(err.contains("这个数据库要求命令行先登录才能读取"), "{err}");
    let (ok, err, written) = export("c.csv", Some("admin"), "wrong-password");
    assert!(!ok && !written, "{err}");
    assert!(err.contains("用户名或密码不正确"), "{err}");
    let (ok, err, written) = export("d.csv", Some("admin"), ADMIN_PASSWORD);
    assert!(ok && written, "{err}");
}
