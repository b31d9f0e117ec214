//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod ui;

use kehu::domain::{Contact, Customer};
use kehu::store::Store;

pub const ADMIN_PASSWORD: &str = "kehu-test-1";

/// A new database in a temporary folder, with the admin signed in.
pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kehu.sqlite3")).unwrap();
    store.create_first_admin(ADMIN_PASSWORD).unwrap();
    (dir, store)
}

pub fn customer(name: &str) -> Customer {
    Customer {
        name: name.into(),
        ..Default::default()
    }
}

pub fn contact(name: &str) -> Contact {
    Contact {
        name: name.into(),
        ..Default::default()
    }
}
