//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod ui;

use kehu::domain::contract::{Contract, ContractStatus, Transition};
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

/// A payment of `fen` received on `on` for a contract.
pub fn pay(store: &mut Store, contract: i64, on: &str, fen: i64) {
    store
        .add_payment(
            contract,
            &kehu::domain::contract::Payment {
                paid_on: on.into(),
                amount_fen: fen,
                ..Default::default()
            },
        )
        .unwrap();
}

/// Submits a saved contract and, when it waits for review, approves it.
pub fn submit_and_approve(store: &mut Store, id: i64) {
    if store.move_contract(id, Transition::Submit, "").unwrap() == ContractStatus::Submitted {
        store
            .move_contract(id, Transition::Approve, "同意")
            .unwrap();
    }
}

/// A contract of `customer` signed on `on` for `yuan`, taken to `status`.
pub fn contract(store: &mut Store, cid: i64, number: &str, on: &str, yuan: i64, status: &str) {
    let id = store
        .save_contract(&Contract {
            number: number.into(),
            customer_id: Some(cid),
            title: "采购合同".into(),
            signed_on: on.into(),
            amount_fen: yuan * 100,
            ..Default::default()
        })
        .unwrap();
    let go = |s: &mut Store, t| s.move_contract(id, t, "同意").unwrap();
    if status == "draft" {
        return;
    }
    if go(store, Transition::Submit) == ContractStatus::Submitted {
        match status {
            "submitted" => return,
            "rejected" => {
                go(store, Transition::Reject);
                return;
            }
            _ => {
                go(store, Transition::Approve);
            }
        }
    }
    let now = store.contract(id).unwrap().contract.status;
    match (status, now) {
        ("completed", ContractStatus::InForce) => {
            go(store, Transition::Complete);
        }
        ("completed", ContractStatus::Approved) => {
            go(store, Transition::Start);
            go(store, Transition::Complete);
        }
        ("terminated", _) => {
            go(store, Transition::Terminate);
        }
        _ => {}
    }
}
