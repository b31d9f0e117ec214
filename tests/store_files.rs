//! The database file: created and upgraded by migrations, and left untouched when it is
//! not ours, from a newer version, locked or somewhere it cannot be written.

mod common;

use common::{ADMIN_PASSWORD, customer, temp_store};
use kehu::store::migrations::{latest_version, migrations};
use kehu::store::{CustomerQuery, Store, StoreError};

#[test]
fn a_new_file_gets_the_latest_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/kehu.sqlite3");
    let store = Store::open(&path).unwrap();
    assert!(path.exists(), "missing folders are created");
    assert_eq!(store.schema_version().unwrap(), latest_version());
    assert!(store.needs_first_admin().unwrap());
    drop(store);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_file_from_the_first_version_upgrades_itself_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        // What version 1 of kehu wrote: the core tables, no search index yet.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at, created_by, updated_by)
             VALUES ('admin', '管理员', 'admin', 'x', '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin');
             INSERT INTO customers (code, name, name_key, city, created_at, updated_at, created_by, updated_by)
             VALUES ('KH000001', '北京华信科技有限公司', '北京华信科技有限公司', '北京', '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin');
             INSERT INTO contacts (customer_id, name, created_at, updated_at, created_by, updated_by)
             VALUES (1, '刘海燕', '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin');",
        )
        .unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    let (c, meta) = store.customer(1).unwrap();
    assert_eq!(c.name, "北京华信科技有限公司");
    assert_eq!(c.contacts[0].name, "刘海燕");
    assert_eq!(meta.created_at, "2025-01-01 09:00:00");
    for text in ["北", "北京", "华信科技", "海燕"] {
        let q = CustomerQuery {
            text: text.into(),
            ..Default::default()
        };
        assert_eq!(
            store.count_customers(&q).unwrap(),
            1,
            "old rows are searchable by {text}"
        );
    }
}

#[test]
fn a_file_from_version_7_moves_its_character_index_into_one_row_per_customer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v7.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 7).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (code, name, name_key, city, address, created_at, updated_at, created_by, updated_by)
             VALUES ('KH000001', '上海恒达机电有限公司', '上海恒达机电有限公司', '上海', '浦东新区张江路1号',
                     '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin'),
                    ('KH000002', '广州南方贸易有限公司', '广州南方贸易有限公司', '广州', '',
                     '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin');
             UPDATE customers SET deleted_at = '2025-02-01 09:00:00' WHERE id = 2;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    let count = |text: &str| {
        store
            .count_customers(&CustomerQuery {
                text: text.into(),
                ..Default::default()
            })
            .unwrap()
    };
    assert_eq!(count("恒"), 1);
    assert_eq!(count("张江"), 1);
    assert_eq!(count("机电有限"), 1);
    // A customer in the trash stays out of the rebuilt index.
    assert_eq!(count("广州"), 0);
    assert_eq!(count("有限"), 1);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let old: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'customer_grams'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old, 0, "the old table is gone");
}

fn bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite3");
    {
        let store = Store::open(&path).unwrap();
        drop(store);
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 5)
            .unwrap();
    }
    let before = bytes(&path);
    match Store::open(&path) {
        Err(StoreError::TooNew { found, known }) => {
            assert_eq!(found, latest_version() + 5);
            assert_eq!(known, latest_version());
        }
        other => panic!("expected TooNew, got {:?}", other.err()),
    }
    assert_eq!(bytes(&path), before, "the file is not changed");
    assert!(
        StoreError::TooNew { found: 9, known: 2 }
            .message()
            .contains("更新版本")
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customers.xlsx");
    let junk: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");
    assert!(err.message().contains("损坏"));
    assert_eq!(bytes(&path), junk);
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me');").unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_truncated_database_is_reported_not_repaired_by_overwriting() {
    let (dir, mut store) = temp_store();
    store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    let path = store.path().to_path_buf();
    drop(store);
    // Checkpointed and cut in half, as a failing disk or a bad copy would leave it.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let full = bytes(&path);
    std::fs::write(&path, &full[..full.len() / 2]).unwrap();
    let half = bytes(&path);
    let result = Store::open(&path);
    if let Ok(store) = &result {
        // SQLite may open a file whose damage lies in pages it has not read yet; what
        // matters is that nothing was overwritten.
        let _ = store.customer_total();
    }
    drop(result);
    assert_eq!(bytes(&path)[..half.len()], half[..]);
    drop(dir);
}

#[test]
fn a_database_locked_by_another_program_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehu.sqlite3");
    drop(Store::open(&path).unwrap());
    let locker = rusqlite::Connection::open(&path).unwrap();
    locker
        .pragma_update(None, "locking_mode", "EXCLUSIVE")
        .unwrap();
    locker
        .execute_batch("BEGIN EXCLUSIVE; INSERT INTO settings VALUES ('x', 'y', '', '', '', '');")
        .unwrap();
    let err = Store::open(&path).err().expect("refused while locked");
    assert!(matches!(err, StoreError::Locked), "{err:?}");
    assert!(err.message().contains("占用"));
    locker.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_place_that_cannot_hold_a_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain.txt");
    std::fs::write(&file, "not a folder").unwrap();
    let err = Store::open(&file.join("kehu.sqlite3"))
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::CannotCreate(_)), "{err:?}");
    assert!(err.message().contains("文件夹"));
    let err = Store::open(dir.path())
        .err()
        .expect("a folder is not a database");
    assert!(matches!(err, StoreError::CannotCreate(_)), "{err:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}

#[test]
fn the_first_start_sets_the_admin_password_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehu.sqlite3");
    let mut store = Store::open(&path).unwrap();
    assert!(matches!(
        store.create_first_admin("12345"),
        Err(StoreError::PasswordTooShort)
    ));
    let admin = store.create_first_admin(ADMIN_PASSWORD).unwrap();
    assert_eq!(admin.username, "admin");
    assert!(!store.needs_first_admin().unwrap());
    assert!(matches!(
        store.create_first_admin("another-password"),
        Err(StoreError::NotAllowed)
    ));
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert!(store.actor().is_none(), "nobody is signed in after opening");
    assert!(matches!(
        store.sign_in("admin", "wrong-password"),
        Err(StoreError::WrongPassword)
    ));
    assert!(matches!(
        store.sign_in("nobody", ADMIN_PASSWORD),
        Err(StoreError::WrongPassword)
    ));
    assert!(store.actor().is_none());
    let user = store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    assert_eq!(store.actor().unwrap().name, user.username);
}

#[test]
fn passwords_are_stored_only_as_argon2_hashes() {
    let (dir, store) = temp_store();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("kehu.sqlite3")).unwrap();
    let hash: String = conn
        .query_row("SELECT password_hash FROM users", [], |r| r.get(0))
        .unwrap();
    assert!(hash.starts_with("$argon2"), "{hash}");
    assert!(!hash.contains(ADMIN_PASSWORD));
    let logged: i64 = conn
        .query_row(
            "SELECT count(*) FROM change_log WHERE new_value LIKE '%argon2%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 0, "the hash never reaches the change log");
}

#[test]
fn only_an_admin_adds_users_and_every_role_signs_in_as_itself() {
    use kehu::domain::Role;
    let (_dir, mut store) = temp_store();
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store
        .add_user("boss", "李主管", Role::Supervisor, "boss-pass")
        .unwrap();
    let clerk = store.sign_in("clerk1", "clerk-pass").unwrap();
    assert_eq!(clerk.role, Role::Clerk);
    assert!(matches!(
        store.add_user("sneaky", "x", Role::Admin, "sneaky-pass"),
        Err(StoreError::NotAllowed)
    ));
    let id = store
        .save_customer(&customer("上海瑞丰贸易有限公司"))
        .unwrap();
    assert_eq!(store.customer(id).unwrap().1.created_by, "clerk1");
    assert_eq!(store.users().unwrap().len(), 3);
}

#[test]
fn a_read_only_file_is_refused_plainly_and_left_alone() {
    let (dir, mut store) = common::temp_store();
    store
        .save_customer(&common::customer("北京华信科技有限公司"))
        .unwrap();
    let path = store.path().to_path_buf();
    drop(store);
    // Checkpointed and closed: the WAL is folded into the file.
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms.clone()).unwrap();
    let before = bytes(&path);
    let err = match Store::open(&path) {
        Err(e) => e,
        Ok(_) => panic!("a read-only file opened for writing"),
    };
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    assert!(err.message().contains("只读"), "{}", err.message());
    assert_eq!(bytes(&path), before, "the file is untouched");
    // From the command line: one line, non-zero.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehu"))
        .args(["--db", path.to_str().unwrap(), "demo", "--customers", "1"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("只读"), "{stderr}");
    assert_eq!(bytes(&path), before);
    // Writable again: it opens with its data.
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
    assert_eq!(Store::open(&path).unwrap().customer_total().unwrap(), 1);
    drop(dir);
}
