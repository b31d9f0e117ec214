//! Contracts as the clerk and the supervisor use them: validation, the approval flow and
//! who may decide (checked by the store itself), the lock on approved contracts and the
//! revision that lifts it, the threshold setting, payments and balances, and customers
//! that have contracts.

mod common;

use common::{ADMIN_PASSWORD, customer, temp_store};
use kehu::domain::Role;
use kehu::domain::contract::{Contract, ContractField, ContractStatus, Payment, Transition};
use kehu::domain::validate::Problem;
use kehu::store::{Store, StoreError};

fn setup() -> (tempfile::TempDir, Store, i64) {
    let (dir, mut store) = temp_store();
    let cid = store
        .save_customer(&customer("深圳宏图电子有限公司"))
        .unwrap();
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store
        .add_user("boss", "李主管", Role::Supervisor, "boss-pass")
        .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    (dir, store, cid)
}

fn contract(customer: i64, number: &str, yuan: i64) -> Contract {
    Contract {
        number: number.into(),
        customer_id: Some(customer),
        title: "电源模块年度采购合同".into(),
        signed_on: "2026-11-01".into(),
        starts_on: "2026-11-01".into(),
        ends_on: "2027-10-31".into(),
        amount_fen: yuan * 100,
        ..Default::default()
    }
}

fn problems(e: StoreError) -> Vec<(ContractField, Problem)> {
    match e {
        StoreError::InvalidContract(p) => p,
        other => panic!("expected field problems, got {other:?}"),
    }
}

#[test]
fn bad_contracts_are_refused_field_by_field() {
    let (_d, mut store, cid) = setup();
    let mut c = contract(cid, "HT-2026-001", 80_000);
    c.ends_on = "2026-10-01".into();
    c.title = " ".into();
    let p = problems(store.save_contract(&c).unwrap_err());
    assert!(p.contains(&(ContractField::EndsOn, Problem::EndBeforeStart)));
    assert!(p.contains(&(ContractField::Title, Problem::Required)));
    let p = problems(
        store
            .save_contract(&Contract {
                customer_id: None,
                ..contract(cid, "HT-2026-001", 1)
            })
            .unwrap_err(),
    );
    assert_eq!(p, vec![(ContractField::Customer, Problem::Required)]);
    store
        .save_contract(&contract(cid, "HT-2026-001", 80_000))
        .unwrap();
    let p = problems(
        store
            .save_contract(&contract(cid, " HT-2026-001 ", 10))
            .unwrap_err(),
    );
    assert_eq!(p, vec![(ContractField::Number, Problem::DuplicateNumber)]);
}

#[test]
fn a_clerk_submits_and_only_a_supervisor_approves_even_through_the_store() {
    let (_d, mut store, cid) = setup();
    let id = store
        .save_contract(&contract(cid, "HT-2026-002", 120_000))
        .unwrap();
    assert_eq!(
        store.move_contract(id, Transition::Submit, "").unwrap(),
        ContractStatus::Submitted
    );
    assert!(matches!(
        store.move_contract(id, Transition::Approve, "同意"),
        Err(StoreError::NotAllowed)
    ));
    assert!(matches!(
        store.move_contract(id, Transition::Reject, "价格"),
        Err(StoreError::NotAllowed)
    ));
    assert_eq!(
        store.contract(id).unwrap().contract.status,
        ContractStatus::Submitted
    );
    store.sign_in("boss", "boss-pass").unwrap();
    assert!(matches!(
        store.move_contract(id, Transition::Reject, "  "),
        Err(StoreError::ReasonRequired)
    ));
    assert_eq!(
        store
            .move_contract(id, Transition::Approve, "同意，注意回款")
            .unwrap(),
        ContractStatus::Approved
    );
    let rec = store.contract(id).unwrap();
    let (by, at, comment) = rec.decision.unwrap();
    assert_eq!((by.as_str(), comment.as_str()), ("boss", "同意，注意回款"));
    assert!(!at.is_empty());
    // An admin may decide too.
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    let id2 = store
        .save_contract(&contract(cid, "HT-2026-003", 60_000))
        .unwrap();
    store.move_contract(id2, Transition::Submit, "").unwrap();
    assert_eq!(
        store
            .move_contract(id2, Transition::Reject, "客户资质待核实")
            .unwrap(),
        ContractStatus::Rejected
    );
    // A rejected contract is corrected and submitted again.
    let mut c = store.contract(id2).unwrap().contract;
    c.amount_fen = 4_000_000;
    store.save_contract(&c).unwrap();
    assert_eq!(
        store.move_contract(id2, Transition::Submit, "").unwrap(),
        ContractStatus::InForce
    );
}

#[test]
fn below_the_threshold_a_contract_goes_straight_in_force_and_the_threshold_is_a_setting() {
    let (_d, mut store, cid) = setup();
    let small = store
        .save_contract(&contract(cid, "HT-S-1", 49_999))
        .unwrap();
    assert_eq!(
        store.move_contract(small, Transition::Submit, "").unwrap(),
        ContractStatus::InForce
    );
    let exact = store
        .save_contract(&contract(cid, "HT-S-2", 50_000))
        .unwrap();
    assert_eq!(
        store.move_contract(exact, Transition::Submit, "").unwrap(),
        ContractStatus::Submitted
    );
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    let mut s = store.settings().unwrap();
    s.approval_threshold_fen = 10_000_000;
    store.save_settings(&s).unwrap();
    let mid = store
        .save_contract(&contract(cid, "HT-S-3", 60_000))
        .unwrap();
    assert_eq!(
        store.move_contract(mid, Transition::Submit, "").unwrap(),
        ContractStatus::InForce
    );
}

#[test]
fn an_approved_contract_is_locked_and_amended_only_by_a_revision_approved_again() {
    let (_d, mut store, cid) = setup();
    let other = store
        .save_customer(&customer("上海瑞丰贸易有限公司"))
        .unwrap();
    let id = store
        .save_contract(&contract(cid, "HT-2026-010", 200_000))
        .unwrap();
    store.move_contract(id, Transition::Submit, "").unwrap();
    store.sign_in("boss", "boss-pass").unwrap();
    store.move_contract(id, Transition::Approve, "").unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    let mut c = store.contract(id).unwrap().contract;
    c.amount_fen = 100;
    assert!(matches!(
        store.save_contract(&c),
        Err(StoreError::ContractLocked)
    ));
    let mut c = store.contract(id).unwrap().contract;
    c.customer_id = Some(other);
    assert!(matches!(
        store.save_contract(&c),
        Err(StoreError::ContractLocked)
    ));
    let mut c = store.contract(id).unwrap().contract;
    c.number = "HT-2026-999".into();
    assert!(matches!(
        store.save_contract(&c),
        Err(StoreError::ContractLocked)
    ));
    assert_eq!(store.contract(id).unwrap().contract.number, "HT-2026-010");
    let mut c = store.contract(id).unwrap().contract;
    c.notes = "已寄出正本".into();
    store.save_contract(&c).unwrap();

    let rev = store.revise_contract(id).unwrap();
    assert!(
        matches!(store.revise_contract(id), Err(StoreError::WrongStatus)),
        "one revision at a time"
    );
    let mut r = store.contract(rev).unwrap().contract;
    assert_eq!(
        (r.number.as_str(), r.revision, r.status),
        ("HT-2026-010", 2, ContractStatus::Draft)
    );
    r.amount_fen = 25_000_000;
    store.save_contract(&r).unwrap();
    assert_eq!(
        store.move_contract(rev, Transition::Submit, "").unwrap(),
        ContractStatus::Submitted
    );
    // Until the revision is approved, the original still counts.
    assert_eq!(
        store
            .contracts_of_customer(cid)
            .unwrap()
            .iter()
            .filter(|c| c.contract.id == Some(id))
            .count(),
        1
    );
    store.sign_in("boss", "boss-pass").unwrap();
    store
        .move_contract(rev, Transition::Approve, "补充协议同意")
        .unwrap();
    let current = store.contracts_of_customer(cid).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].contract.id, Some(rev));
    assert_eq!(current[0].contract.amount_fen, 25_000_000);
    assert_eq!(store.contract(id).unwrap().superseded_by, Some(rev));
}

#[test]
fn payments_reduce_the_balance_and_can_never_make_it_negative() {
    let (_d, mut store, cid) = setup();
    let id = store
        .save_contract(&contract(cid, "HT-P-1", 30_000))
        .unwrap();
    let pay = |yuan: i64| Payment {
        paid_on: "2026-11-15".into(),
        amount_fen: yuan * 100,
        method: "银行转账".into(),
        ..Default::default()
    };
    assert!(
        matches!(
            store.add_payment(id, &pay(100)),
            Err(StoreError::WrongStatus)
        ),
        "a draft takes no money"
    );
    store.move_contract(id, Transition::Submit, "").unwrap();
    store.add_payment(id, &pay(10_000)).unwrap();
    store.add_payment(id, &pay(15_000)).unwrap();
    let p = problems(store.add_payment(id, &pay(5_001)).unwrap_err());
    assert_eq!(
        p,
        vec![(ContractField::PaymentAmount, Problem::OverBalance)]
    );
    let p = problems(
        store
            .add_payment(
                id,
                &Payment {
                    paid_on: "昨天".into(),
                    ..pay(0)
                },
            )
            .unwrap_err(),
    );
    assert!(p.contains(&(ContractField::PaymentDate, Problem::BadDate)));
    assert!(p.contains(&(ContractField::PaymentAmount, Problem::NotPositive)));
    let rec = store.contract(id).unwrap();
    assert_eq!(rec.received_fen, 2_500_000);
    assert_eq!(rec.balance_fen(), 500_000);
    store.add_payment(id, &pay(5_000)).unwrap();
    assert_eq!(store.contract(id).unwrap().balance_fen(), 0);
}

#[test]
fn a_customer_with_contracts_is_not_deleted_silently() {
    let (_d, mut store, cid) = setup();
    let id = store
        .save_contract(&contract(cid, "HT-D-1", 1_000))
        .unwrap();
    assert!(matches!(
        store.trash_customer(cid),
        Err(StoreError::HasContracts(1))
    ));
    assert!(store.customer(cid).unwrap().1.deleted_at.is_none());
    store.trash_customer_and_contracts(cid).unwrap();
    assert!(store.contracts_of_customer(cid).unwrap().is_empty());
    store.restore_customer(cid).unwrap();
    let back = store.contracts_of_customer(cid).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].contract.id, Some(id));
    // Emptying the trash takes the contracts with the customer.
    store.trash_customer_and_contracts(cid).unwrap();
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    store.empty_trash().unwrap();
    assert!(matches!(store.contract(id), Err(StoreError::NotFound)));
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn only_a_draft_or_rejected_contract_goes_to_the_trash_by_itself() {
    use kehu::store::trash::TrashKind;
    let (_d, mut store, customer) = setup();
    let draft = store
        .save_contract(&contract(customer, "HT-T-1", 1000))
        .unwrap();
    let small = store
        .save_contract(&contract(customer, "HT-T-2", 1000))
        .unwrap();
    store.move_contract(small, Transition::Submit, "").unwrap();
    assert!(matches!(
        store.trash_contract(small),
        Err(StoreError::WrongStatus)
    ));
    store.trash_contract(draft).unwrap();
    let items = store.trash_items().unwrap();
    assert!(
        items
            .iter()
            .any(|i| i.kind == TrashKind::Contract && i.id == draft)
    );
    store.restore_item(TrashKind::Contract, draft).unwrap();
    assert!(store.trash_items().unwrap().is_empty());
}
