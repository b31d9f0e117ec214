//! 批量修改: one field set on every customer the list shows, checked and logged like a
//! save, all or nothing, and taken back without undoing what was changed since.

mod common;

use std::sync::atomic::AtomicBool;

use common::{customer, temp_store};
use kehu::domain::{BulkField, CustomerStatus, Grade};
use kehu::store::backup::{list_backups, snapshot_dir};
use kehu::store::bulk::BulkUndo;
use kehu::store::{CustomerQuery, Store, StoreError};

fn add(store: &mut Store, name: &str, owner: &str, grade: Grade) -> i64 {
    let mut c = customer(name);
    c.owner = owner.into();
    c.grade = grade;
    store.save_customer(&c).unwrap()
}

fn owned_by(owner: &str) -> CustomerQuery {
    CustomerQuery {
        owner: Some(owner.into()),
        ..Default::default()
    }
}

fn change(
    store: &mut Store,
    q: &CustomerQuery,
    field: BulkField,
    value: &str,
) -> Result<Option<kehu::store::bulk::BulkChange>, StoreError> {
    store.bulk_change_customers(q, field, value, &mut |_, _| {}, &AtomicBool::new(false))
}

fn owner_of(store: &Store, id: i64) -> String {
    store.customer(id).unwrap().0.owner
}

#[test]
fn a_departing_salespersons_customers_go_to_another_and_come_back_with_the_undo() {
    let (dir, mut store) = temp_store();
    let a = add(&mut store, "北京华信科技有限公司", "王强", Grade::A);
    let b = add(&mut store, "上海东方商贸有限公司", "王强", Grade::B);
    let c = add(&mut store, "成都锦程医药有限公司", "王强", Grade::C);
    let d = add(&mut store, "大连恒通家具股份有限公司", "李娜", Grade::C);

    let q = owned_by("王强");
    assert_eq!(
        store
            .bulk_change_count(&q, BulkField::Owner, "刘洋")
            .unwrap(),
        3
    );
    let rec = change(&mut store, &q, BulkField::Owner, " 刘洋 ")
        .unwrap()
        .expect("three customers changed");
    assert_eq!(rec.changed, 3);
    assert_eq!((rec.field, rec.value.as_str()), (BulkField::Owner, "刘洋"));
    assert_eq!(rec.user, "admin");

    assert_eq!(store.count_customers(&owned_by("王强")).unwrap(), 0);
    assert_eq!(store.count_customers(&owned_by("刘洋")).unwrap(), 3);
    assert_eq!(owner_of(&store, d), "李娜");
    // Each customer's history says who changed what, as a save from the form does.
    let h = store.history("customers", a).unwrap();
    let last = h.last().unwrap();
    assert_eq!(last.field.as_deref(), Some("owner"));
    assert_eq!(last.old_value.as_deref(), Some("王强"));
    assert_eq!(last.new_value.as_deref(), Some("刘洋"));
    // A snapshot was taken first.
    let snaps = list_backups(&snapshot_dir(&dir.path().join("kehu.sqlite3")));
    assert!(
        snaps.iter().any(|s| s
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("kehu-before-bulk-change-")),
        "{snaps:?}"
    );

    // Since then: one customer given to someone else again, one put in the trash.
    let (mut moved, _) = store.customer(b).unwrap();
    moved.owner = "张明".into();
    store.save_customer(&moved).unwrap();
    store.trash_customer(c).unwrap();

    let undo = store.undo_bulk_change(rec.id).unwrap();
    assert_eq!(
        undo,
        BulkUndo {
            restored: 1,
            kept: 2
        }
    );
    assert_eq!(owner_of(&store, a), "王强");
    assert_eq!(owner_of(&store, b), "张明", "a later change stands");
    assert_eq!(owner_of(&store, c), "刘洋", "the trashed one is left alone");
    assert_eq!(owner_of(&store, d), "李娜");
    let h = store.history("customers", a).unwrap();
    assert_eq!(h.last().unwrap().new_value.as_deref(), Some("王强"));

    assert!(matches!(
        store.undo_bulk_change(rec.id),
        Err(StoreError::AlreadyUndone)
    ));
    let list = store.bulk_changes().unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].undone_at.is_some());
    assert_eq!(list[0].undone_by.as_deref(), Some("admin"));
}

#[test]
fn a_bulk_change_follows_the_search_and_filters_and_skips_who_has_the_value() {
    let (_dir, mut store) = temp_store();
    let hx_a = add(&mut store, "北京华信科技有限公司", "王强", Grade::A);
    let hx_c = add(&mut store, "深圳华信电子有限公司", "王强", Grade::C);
    let hx_other = add(&mut store, "广州华信物流有限公司", "李娜", Grade::D);
    let other = add(&mut store, "上海东方商贸有限公司", "王强", Grade::D);

    let q = CustomerQuery {
        text: "华信".into(),
        owner: Some("王强".into()),
        ..Default::default()
    };
    assert_eq!(store.count_customers(&q).unwrap(), 2);
    assert_eq!(
        store.bulk_change_count(&q, BulkField::Grade, "A").unwrap(),
        1
    );
    let rec = change(&mut store, &q, BulkField::Grade, "A")
        .unwrap()
        .unwrap();
    assert_eq!(rec.changed, 1, "the one already A is not touched");
    let grade = |store: &Store, id| store.customer(id).unwrap().0.grade;
    assert_eq!(grade(&store, hx_a), Grade::A);
    assert_eq!(grade(&store, hx_c), Grade::A);
    assert_eq!(grade(&store, hx_other), Grade::D, "another salesperson's");
    assert_eq!(grade(&store, other), Grade::D, "not found by the search");
    // The already-A customer got no change-log line.
    assert!(
        store
            .history("customers", hx_a)
            .unwrap()
            .iter()
            .all(|e| e.field.as_deref() != Some("grade"))
    );

    // Every customer a search shows, marked lost.
    let q = CustomerQuery {
        text: "华信".into(),
        ..Default::default()
    };
    let rec = change(&mut store, &q, BulkField::Status, "lost")
        .unwrap()
        .unwrap();
    assert_eq!(rec.changed, 3);
    let lost = CustomerQuery {
        status: Some(CustomerStatus::Lost),
        ..Default::default()
    };
    assert_eq!(store.count_customers(&lost).unwrap(), 3);

    // Nothing left to change: nothing is done or recorded.
    assert!(
        change(&mut store, &q, BulkField::Status, "lost")
            .unwrap()
            .is_none()
    );
    assert_eq!(store.bulk_changes().unwrap().len(), 2);
}

#[test]
fn a_value_the_field_cannot_take_or_a_customer_the_rules_refuse_changes_nobody() {
    let (dir, mut store) = temp_store();
    let a = add(&mut store, "北京华信科技有限公司", "王强", Grade::A);
    let b = add(&mut store, "上海东方商贸有限公司", "王强", Grade::B);
    let all = CustomerQuery::default();

    assert!(matches!(
        change(&mut store, &all, BulkField::Grade, "E"),
        Err(StoreError::BulkValue)
    ));
    assert!(matches!(
        change(&mut store, &all, BulkField::Category, ""),
        Err(StoreError::BulkValue)
    ));
    // A salesperson's name longer than the form allows: refused as the form refuses it,
    // before anything is counted or written.
    let long = "王".repeat(101);
    for e in [
        store
            .bulk_change_count(&all, BulkField::Owner, &long)
            .unwrap_err(),
        change(&mut store, &all, BulkField::Owner, &long).unwrap_err(),
    ] {
        assert!(matches!(e, StoreError::Invalid(_)), "{e:?}");
        assert!(e.message().contains("负责业务员"), "{}", e.message());
    }
    // A customer stored before a rule it now breaks (an e-mail written by another
    // program): the change is refused on it, named in the message, and nobody changed.
    let db = dir.path().join("kehu.sqlite3");
    let set_email = |email: &str| {
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute(
                "UPDATE customers SET email = ?1 WHERE id = ?2",
                rusqlite::params![email, b],
            )
            .unwrap();
    };
    set_email("not an e-mail");
    match change(&mut store, &all, BulkField::Owner, "刘洋") {
        Err(e @ StoreError::BulkCustomer { .. }) => {
            assert!(
                e.message().contains("上海东方商贸有限公司"),
                "{}",
                e.message()
            );
            assert!(e.message().contains("没有修改任何客户"), "{}", e.message());
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        owner_of(&store, a),
        "王强",
        "the first one is not left changed"
    );
    set_email("");
    // Cancelled part-way: nobody changed either.
    let cancel = AtomicBool::new(true);
    assert!(matches!(
        store.bulk_change_customers(&all, BulkField::Owner, "刘洋", &mut |_, _| {}, &cancel),
        Err(StoreError::Cancelled)
    ));
    assert_eq!(owner_of(&store, a), "王强");
    assert_eq!(owner_of(&store, b), "王强");
    assert!(store.bulk_changes().unwrap().is_empty());

    // Emptying a text field is allowed (no salesperson for now).
    let rec = change(&mut store, &all, BulkField::Owner, "")
        .unwrap()
        .unwrap();
    assert_eq!(rec.changed, 2);
    assert_eq!(owner_of(&store, a), "");

    // Only a signed-in user may do it.
    let mut other = Store::open(&dir.path().join("kehu.sqlite3")).unwrap();
    assert!(matches!(
        change(&mut other, &all, BulkField::Owner, "刘洋"),
        Err(StoreError::NotSignedIn)
    ));
    assert!(matches!(
        other.undo_bulk_change(rec.id),
        Err(StoreError::NotSignedIn)
    ));
}
