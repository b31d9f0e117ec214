//! Backup and restore as the admin relies on them: a verified copy made while the
//! program runs, a restore that gives back exactly what was backed up and can itself be
//! undone, and failures that leave no file looking like a valid backup.

mod common;

use std::sync::atomic::AtomicBool;

use common::{contact, customer, temp_store};
use kehu::domain::Role;
use kehu::store::backup::{backup_file, inspect};
use kehu::store::{CustomerQuery, Store, StoreError};

fn all_customers(store: &Store) -> Vec<kehu::domain::Customer> {
    store
        .customer_page(&CustomerQuery::default(), 0, 10_000)
        .unwrap()
        .into_iter()
        .map(|r| store.customer(r.id).unwrap().0)
        .collect()
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_backup_is_a_verified_copy_named_by_date_and_time() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("北京华信科技有限公司");
    c.contacts = vec![contact("刘海燕")];
    store.save_customer(&c).unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = store.backup_to(out.path()).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("kehu-backup-20") && name.ends_with(".sqlite3"),
        "{name}"
    );
    assert_eq!(files_in(out.path()), [name], "one file, no leftovers");
    let info = inspect(&file).unwrap();
    assert_eq!(info.counts.customers, 1);
    assert_eq!(info.counts.contacts, 1);
    assert_eq!(info.counts.users, 1);
    // The copy opens on its own as a database with the same customer.
    let copy = Store::open(&file).unwrap();
    assert_eq!(copy.customer(1).unwrap().0.name, "北京华信科技有限公司");
}

#[test]
fn backup_then_restore_gives_back_identical_records_and_can_be_undone() {
    let (_dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 40).unwrap();
    let before = all_customers(&store);
    let out = tempfile::tempdir().unwrap();
    let file = store.backup_to(out.path()).unwrap();

    // A mistaken bulk delete and an edit after the backup.
    let ids: Vec<i64> = store
        .customer_page(&CustomerQuery::default(), 0, 10)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    for id in &ids {
        store.trash_customer_and_contracts(*id).unwrap();
    }
    store
        .save_customer(&customer("备份之后新增的客户"))
        .unwrap();
    let after_mistake = all_customers(&store);
    assert_ne!(after_mistake, before);

    let report = store.restore_from(&file).unwrap();
    assert_eq!(all_customers(&store), before, "identical record contents");
    assert_eq!(report.restored.counts.customers as usize, before.len());
    let q = CustomerQuery {
        text: "北京".into(),
        ..Default::default()
    };
    assert!(
        store.count_customers(&q).unwrap() > 0,
        "search works after the restore"
    );

    // The restore is in the change log, and undoing it brings back the later state.
    let log = store.history("database", 0).unwrap();
    assert_eq!(log.last().unwrap().action, "restore");
    store.restore_from(&report.safety_copy).unwrap();
    assert_eq!(all_customers(&store), after_mistake);
}

#[test]
fn a_backup_from_an_older_version_is_upgraded_on_restore() {
    let (_dir, mut store) = temp_store();
    let old_dir = tempfile::tempdir().unwrap();
    let old = old_dir.path().join("v1.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&old).unwrap();
        kehu::store::migrations::migrations()
            .to_version(&mut conn, 1)
            .unwrap();
        conn.pragma_update(
            None,
            "application_id",
            kehu::store::migrations::APPLICATION_ID,
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at, created_by, updated_by)
             VALUES ('admin', '管理员', 'admin', 'x', '2025-01-01', '2025-01-01', 'admin', 'admin');
             INSERT INTO customers (code, name, name_key, city, created_at, updated_at, created_by, updated_by)
             VALUES ('KH000001', '上海瑞丰贸易有限公司', '上海瑞丰贸易有限公司', '上海', '2025-01-01', '2025-01-01', 'admin', 'admin');",
        )
        .unwrap();
    }
    store.restore_from(&old).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        kehu::store::migrations::latest_version()
    );
    let q = CustomerQuery {
        text: "瑞丰".into(),
        ..Default::default()
    };
    assert_eq!(store.count_customers(&q).unwrap(), 1);
}

#[test]
fn only_an_admin_restores() {
    let (_dir, mut store) = temp_store();
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = store.backup_to(out.path()).unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    assert!(matches!(
        store.restore_from(&file),
        Err(StoreError::NotAllowed)
    ));
    // A clerk may back up.
    store.backup_to(out.path()).unwrap();
}

#[test]
fn a_damaged_or_foreign_file_is_refused_for_restore_and_nothing_changes() {
    let (_dir, mut store) = temp_store();
    store
        .save_customer(&customer("成都锦程医药有限公司"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(
        &junk,
        b"this is not a database at all, just text".repeat(100),
    )
    .unwrap();
    assert!(store.restore_from(&junk).is_err());
    let other = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    // Refused naming the backup as the bad file, not the database in use.
    match store.restore_from(&other) {
        Err(StoreError::BadBackup { file, .. }) => assert_eq!(file, other.display().to_string()),
        r => panic!("{r:?}"),
    }
    assert_eq!(store.customer_total().unwrap(), 1);
}

#[test]
fn a_cancelled_backup_leaves_nothing_behind() {
    let (_dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 50).unwrap();
    let out = tempfile::tempdir().unwrap();
    let cancel = AtomicBool::new(true);
    let err = backup_file(
        store.path(),
        out.path(),
        "kehu-backup",
        &mut |_| {},
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, StoreError::Cancelled));
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn a_folder_that_cannot_take_the_backup_says_so_and_leaves_nothing() {
    let (dir, store) = temp_store();
    let not_a_folder = dir.path().join("note.txt");
    std::fs::write(&not_a_folder, "x").unwrap();
    let err = store.backup_to(&not_a_folder).unwrap_err();
    assert!(matches!(err, StoreError::NoSuchFolder(_)), "{err:?}");
    let err = store.backup_to(&dir.path().join("missing")).unwrap_err();
    assert!(matches!(err, StoreError::NoSuchFolder(_)), "{err:?}");
    assert!(err.message().contains("U 盘"));
}

#[test]
fn a_read_only_folder_is_told_plainly_and_gets_nothing() {
    let (_dir, mut store) = temp_store();
    store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let locked = out.path().join("write-protected");
    std::fs::create_dir(&locked).unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&locked, perms.clone()).unwrap();
    let err = store.backup_to(&locked).unwrap_err();
    assert!(matches!(err, StoreError::BackupWriteFailed(_)), "{err:?}");
    assert!(err.message().contains("只读"), "{}", err.message());
    assert!(files_in(&locked).is_empty());
    assert_eq!(store.customer_total().unwrap(), 1);
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&locked, perms).unwrap();
}

#[test]
fn a_full_disk_during_backup_leaves_no_partial_backup() {
    // A 1 MiB tmpfs would be the real thing; without mount rights, a file-size limit on
    // the process stands in for it (SQLite sees the same "disk full").
    let (_dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 20).unwrap();
    let out = tempfile::tempdir().unwrap();
    let small = out.path().join("small");
    std::fs::create_dir(&small).unwrap();
    let db = store.path().to_path_buf();
    drop(store);
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 64; exec \"{}\" --db \"{}\" backup --out \"{}\"",
            env!("CARGO_BIN_EXE_kehu"),
            db.display(),
            small.display()
        ))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!status.status.success());
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(stderr.contains("磁盘可能已满"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert_eq!(
        files_in(&small),
        Vec::<String>::new(),
        "no partial backup left behind"
    );
    assert!(
        Store::open(&db).unwrap().check().unwrap().is_empty(),
        "the database is untouched"
    );
}

#[test]
fn check_reports_a_sound_database_as_sound() {
    let (_dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 10).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn automatic_backups_keep_the_newest_and_daily_and_weekly_copies() {
    let dir = tempfile::tempdir().unwrap();
    // Every six hours for sixty days, up to Sunday 2026-11-22 18:00.
    let last = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap();
    for i in 0..240 {
        let at = last - chrono::Duration::hours(6 * i);
        std::fs::write(
            dir.path()
                .join(format!("kehu-auto-{}.sqlite3", at.format("%Y%m%d-%H%M%S"))),
            "x",
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("kehu-backup-20261101-080000.sqlite3"),
        "by hand",
    )
    .unwrap();
    std::fs::write(dir.path().join("kehu-auto-kept-by-someone.sqlite3"), "?").unwrap();
    let removed = kehu::store::backup::rotate(dir.path(), "kehu-auto", 3);
    assert_eq!(removed.len(), 240 - 7);
    assert_eq!(
        files_in(dir.path()),
        [
            // The newest of each of the last three weeks (ISO weeks start on Monday).
            "kehu-auto-20261108-180000.sqlite3",
            "kehu-auto-20261115-180000.sqlite3",
            // The newest of each of the last three days.
            "kehu-auto-20261120-180000.sqlite3",
            "kehu-auto-20261121-180000.sqlite3",
            // The newest three.
            "kehu-auto-20261122-060000.sqlite3",
            "kehu-auto-20261122-120000.sqlite3",
            "kehu-auto-20261122-180000.sqlite3",
            "kehu-auto-kept-by-someone.sqlite3",
            "kehu-backup-20261101-080000.sqlite3",
        ],
        "backups made by hand, and files without a date, are never rotated away"
    );
    // Rotating again removes nothing more.
    assert!(kehu::store::backup::rotate(dir.path(), "kehu-auto", 3).is_empty());
    assert!(
        kehu::store::backup::newest_age(dir.path(), "kehu-auto")
            .unwrap()
            .as_secs()
            < 60
    );
}

#[test]
fn compacting_keeps_every_record_and_is_for_admins() {
    let (_dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 30).unwrap();
    let before = all_customers(&store);
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    assert!(matches!(store.vacuum(), Err(StoreError::NotAllowed)));
    store.sign_in("admin", common::ADMIN_PASSWORD).unwrap();
    store.vacuum().unwrap();
    assert_eq!(all_customers(&store), before);
    assert!(store.check().unwrap().is_empty());
}
