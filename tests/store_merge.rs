//! Merging a customer typed in twice: everything of the duplicate moves to the one kept,
//! blanks are filled, the duplicate goes to the trash, all in the change log, and the
//! snapshot taken first undoes it.

mod common;

use common::{contact, customer, temp_store};
use kehu::domain::competitor::Competitor;
use kehu::domain::contract::Contract;
use kehu::domain::feedback::{Feedback, FeedbackKind};
use kehu::domain::news::News;
use kehu::store::merge::MergeCounts;
use kehu::store::{CustomerQuery, StoreError};

#[test]
fn a_duplicate_is_merged_whole_and_the_merge_can_be_undone() {
    let (_dir, mut store) = temp_store();
    let mut kept = customer("北京华信科技有限公司");
    kept.contacts.push(kehu::domain::Contact {
        is_primary: true,
        ..contact("王立")
    });
    kept.notes = "老客户".into();
    let keep = store.save_customer(&kept).unwrap();
    let mut dup = customer("北京华信科技");
    dup.phone = "010-62531188".into();
    dup.city = "北京".into();
    dup.notes = "展会上认识".into();
    dup.contacts.push(kehu::domain::Contact {
        is_primary: true,
        ..contact("欧阳娜娜")
    });
    let duplicate = store.save_customer(&dup).unwrap();
    store
        .save_feedback(&Feedback {
            customer_id: Some(duplicate),
            at: "2026-11-20 10:00".into(),
            kind: FeedbackKind::Complaint,
            subject: "交货延迟".into(),
            ..Default::default()
        })
        .unwrap();
    let contract = store
        .save_contract(&Contract {
            number: "HT-2026-500".into(),
            customer_id: Some(duplicate),
            title: "服务器采购合同".into(),
            amount_fen: 100_000,
            ..Default::default()
        })
        .unwrap();
    let rival = store
        .save_competitor(&Competitor {
            name: "华为".into(),
            customers: vec![duplicate],
            ..Default::default()
        })
        .unwrap();
    let news = store
        .save_news(&News {
            on: "2026-11-01".into(),
            title: "华信中标".into(),
            customers: vec![duplicate],
            ..Default::default()
        })
        .unwrap();
    let moving = MergeCounts {
        contacts: 1,
        feedback: 1,
        contracts: 1,
        links: 2,
    };
    assert_eq!(store.merge_preview(duplicate).unwrap(), moving);

    let report = store.merge_customers(keep, duplicate).unwrap();
    assert_eq!(report.moved, moving);
    assert!(
        report
            .snapshot
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("kehu-before-merge-")
    );
    let (c, _) = store.customer(keep).unwrap();
    assert_eq!(c.name, "北京华信科技有限公司", "the kept name stays");
    assert_eq!(c.phone, "010-62531188", "a blank filled from the duplicate");
    assert_eq!(c.city, "北京");
    assert_eq!(c.notes, "老客户\n展会上认识");
    let names: Vec<&str> = c.contacts.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["王立", "欧阳娜娜"]);
    assert_eq!(
        c.contacts.iter().filter(|k| k.is_primary).count(),
        1,
        "one primary contact"
    );
    assert_eq!(
        store.contract(contract).unwrap().contract.customer_id,
        Some(keep)
    );
    assert_eq!(store.contracts_of_customer(keep).unwrap().len(), 1);
    assert_eq!(
        store
            .count_feedback(&kehu::store::feedback::FeedbackQuery {
                customer_id: Some(keep),
                ..Default::default()
            })
            .unwrap(),
        1
    );
    assert_eq!(store.competitor(rival).unwrap().customers, vec![keep]);
    assert_eq!(store.news_item(news).unwrap().customers, vec![keep]);
    // The duplicate is in the trash; searching its contact finds the kept customer.
    assert!(store.customer(duplicate).unwrap().1.deleted_at.is_some());
    let found = store
        .customer_page(
            &CustomerQuery {
                text: "欧阳".into(),
                ..Default::default()
            },
            0,
            10,
        )
        .unwrap();
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), vec![keep]);
    // Every step in the change log.
    let history = store.history("customers", duplicate).unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.field.as_deref() == Some("merged_into")
                && e.new_value.as_deref() == Some(keep.to_string().as_str()))
    );
    assert!(history.iter().any(|e| e.action == "trash"));
    let kept_history = store.history("customers", keep).unwrap();
    assert!(
        kept_history
            .iter()
            .any(|e| e.field.as_deref() == Some("phone")),
        "{kept_history:?}"
    );

    // Undone by restoring the snapshot taken before.
    store.restore_from(&report.snapshot).unwrap();
    assert_eq!(store.customer(keep).unwrap().0.phone, "");
    assert!(store.customer(duplicate).unwrap().1.deleted_at.is_none());
    assert_eq!(
        store.contract(contract).unwrap().contract.customer_id,
        Some(duplicate)
    );
}

#[test]
fn a_customer_is_not_merged_with_itself_or_with_one_in_the_trash() {
    let (_dir, mut store) = temp_store();
    let a = store
        .save_customer(&customer("上海瑞丰贸易有限公司"))
        .unwrap();
    let b = store.save_customer(&customer("上海瑞丰贸易")).unwrap();
    assert!(matches!(
        store.merge_customers(a, a),
        Err(StoreError::MergeItself)
    ));
    store.trash_customer(b).unwrap();
    assert!(matches!(
        store.merge_customers(a, b),
        Err(StoreError::NotFound)
    ));
    assert!(store.customer(a).unwrap().1.deleted_at.is_none());
}
