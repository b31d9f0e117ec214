//! The change log: every insert, update and delete written by the store itself, with who,
//! when, which table and row, which field, old value and new value.

mod common;

use common::{contact, customer, temp_store};

#[test]
fn a_new_customer_is_logged_with_its_values_and_its_author() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("北京华信科技有限公司");
    c.contacts = vec![contact("刘海燕")];
    let id = store.save_customer(&c).unwrap();
    let h = store.history("customers", id).unwrap();
    let insert = h.iter().find(|e| e.table == "customers").unwrap();
    assert_eq!(insert.action, "insert");
    assert_eq!(insert.user, "admin");
    assert!(
        insert
            .new_value
            .as_ref()
            .unwrap()
            .contains("北京华信科技有限公司")
    );
    let contact_insert = h.iter().find(|e| e.table == "contacts").unwrap();
    assert_eq!(contact_insert.action, "insert");
    assert!(
        contact_insert
            .new_value
            .as_ref()
            .unwrap()
            .contains("刘海燕")
    );
}

#[test]
fn an_update_logs_each_changed_field_old_and_new() {
    let (_dir, mut store) = temp_store();
    let id = store
        .save_customer(&customer("上海瑞丰贸易有限公司"))
        .unwrap();
    let (mut c, _) = store.customer(id).unwrap();
    c.phone = "021-5836 7700".into();
    c.grade = kehu::domain::Grade::A;
    store.save_customer(&c).unwrap();
    // Saving again without changes logs nothing.
    store.save_customer(&c).unwrap();
    let updates: Vec<_> = store
        .history("customers", id)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "update")
        .collect();
    assert_eq!(updates.len(), 2, "{updates:?}");
    let phone = updates
        .iter()
        .find(|e| e.field.as_deref() == Some("phone"))
        .unwrap();
    assert_eq!(phone.old_value.as_deref(), Some(""));
    assert_eq!(phone.new_value.as_deref(), Some("021-5836 7700"));
    let grade = updates
        .iter()
        .find(|e| e.field.as_deref() == Some("grade"))
        .unwrap();
    assert_eq!(
        (grade.old_value.as_deref(), grade.new_value.as_deref()),
        (Some("C"), Some("A"))
    );
}

#[test]
fn removing_a_contact_keeps_its_last_values_in_the_log() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("深圳宏图电子有限公司");
    c.contacts = vec![kehu::domain::Contact {
        mobile: "13510203040".into(),
        ..contact("郭嘉怡")
    }];
    let id = store.save_customer(&c).unwrap();
    let (mut c, _) = store.customer(id).unwrap();
    c.contacts.clear();
    store.save_customer(&c).unwrap();
    let h = store.history("customers", id).unwrap();
    let del = h.iter().find(|e| e.action == "delete").unwrap();
    assert_eq!(del.table, "contacts");
    assert!(del.old_value.as_ref().unwrap().contains("13510203040"));
}

#[test]
fn trash_and_restore_are_logged_in_order() {
    let (_dir, mut store) = temp_store();
    let id = store
        .save_customer(&customer("南京金鹏建筑工程有限公司"))
        .unwrap();
    store.trash_customer(id).unwrap();
    store.restore_customer(id).unwrap();
    let actions: Vec<String> = store
        .history("customers", id)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["insert", "trash", "restore"]);
}

#[test]
fn a_refused_save_logs_nothing() {
    let (_dir, mut store) = temp_store();
    let before = store.change_count().unwrap();
    let mut c = customer("某公司");
    c.email = "bad".into();
    assert!(store.save_customer(&c).is_err());
    assert_eq!(store.change_count().unwrap(), before);
}

#[test]
fn a_fields_old_value_can_be_put_back_and_that_is_logged_too() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("上海瑞丰贸易有限公司");
    c.phone = "021-5836 7700".into();
    c.contacts = vec![contact("黄文博")];
    let id = store.save_customer(&c).unwrap();
    let (mut c, _) = store.customer(id).unwrap();
    c.phone = "021-9999 0000".into();
    c.grade = kehu::domain::Grade::D;
    c.contacts[0].title = "采购主管".into();
    store.save_customer(&c).unwrap();
    let h = store.history("customers", id).unwrap();
    let phone_change = h
        .iter()
        .find(|e| e.field.as_deref() == Some("phone"))
        .unwrap();
    store.put_back(phone_change.id).unwrap();
    let title_change = h
        .iter()
        .find(|e| e.field.as_deref() == Some("title"))
        .unwrap();
    store.put_back(title_change.id).unwrap();
    let (back, _) = store.customer(id).unwrap();
    assert_eq!(back.phone, "021-5836 7700");
    assert_eq!(
        back.grade,
        kehu::domain::Grade::D,
        "other fields stay as they are"
    );
    assert_eq!(back.contacts[0].title, "");
    let newest = store.recent_changes(5, None).unwrap();
    assert!(
        newest.iter().any(|e| e.field.as_deref() == Some("phone")
            && e.new_value.as_deref() == Some("021-5836 7700"))
    );
    // An insert cannot be "put back".
    let insert = h.iter().find(|e| e.action == "insert").unwrap();
    assert!(matches!(
        store.put_back(insert.id),
        Err(kehu::store::StoreError::CannotPutBack)
    ));
}

#[test]
fn the_log_filters_by_user_kind_record_and_date() {
    use kehu::store::changelog::ChangeFilter;
    let (_dir, mut store) = temp_store();
    let a = store.save_customer(&customer("甲公司")).unwrap();
    store
        .add_user("clerk1", "小王", kehu::domain::Role::Clerk, "clerk-pass")
        .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    let mut b = customer("乙公司");
    b.contacts = vec![contact("张伟")];
    let b = store.save_customer(&b).unwrap();
    let by_clerk = store
        .changes(
            &ChangeFilter {
                user: Some("clerk1".into()),
                ..Default::default()
            },
            100,
        )
        .unwrap();
    assert!(by_clerk.iter().all(|e| e.user == "clerk1"));
    assert_eq!(by_clerk.len(), 2, "the customer and its contact");
    let of_b = store
        .changes(
            &ChangeFilter {
                table: Some("customers".into()),
                row_id: Some(b),
                ..Default::default()
            },
            100,
        )
        .unwrap();
    assert_eq!(of_b.len(), 2, "a record's history includes its contacts");
    assert!(of_b.iter().all(|e| e.row_id == b || e.table == "contacts"));
    let users = store
        .changes(
            &ChangeFilter {
                table: Some("users".into()),
                ..Default::default()
            },
            100,
        )
        .unwrap();
    assert!(users.iter().all(|e| e.table == "users") && !users.is_empty());
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let today_all = store
        .changes(
            &ChangeFilter {
                from_date: Some(today.clone()),
                to_date: Some(today),
                ..Default::default()
            },
            100,
        )
        .unwrap();
    assert!(today_all.iter().any(|e| e.row_id == a));
    let long_ago = store
        .changes(
            &ChangeFilter {
                to_date: Some("2000-01-01".into()),
                ..Default::default()
            },
            100,
        )
        .unwrap();
    assert!(long_ago.is_empty());
    assert_eq!(store.change_users().unwrap(), ["admin", "clerk1"]);
}

#[test]
fn the_viewer_filters_by_kind_and_by_record_number() {
    use kehu::store::changelog::ChangeFilter;
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let contract = store.contract_page(&Default::default(), 0, 1).unwrap()[0].id;
    // One contract, by kind and number: its entries only (and its payments').
    let of_contract = store
        .changes(
            &ChangeFilter {
                table: Some("contracts".into()),
                row_id: Some(contract),
                ..Default::default()
            },
            500,
        )
        .unwrap();
    assert!(!of_contract.is_empty());
    assert!(
        of_contract
            .iter()
            .all(|e| (e.table == "contracts" && e.row_id == contract) || e.table == "payments")
    );
    // A number alone: that record of whatever kind.
    let by_number = store
        .changes(
            &ChangeFilter {
                row_id: Some(contract),
                ..Default::default()
            },
            500,
        )
        .unwrap();
    assert!(by_number.iter().all(|e| e.row_id == contract));
    assert!(by_number.iter().any(|e| e.table == "contracts"));
    // The database's counts name every kind.
    let c = store.counts().unwrap();
    assert!(c.feedback > 0 && c.contracts > 0 && c.competitors > 0 && c.news > 0);
}
