//! Feedback (交往反馈) in the store: it needs a customer, checks its fields, shows on its
//! customer newest first, open complaints are counted, overdue items are found.

mod common;

use common::{customer, temp_store};
use kehu::domain::feedback::{Feedback, FeedbackField, FeedbackKind, FollowStatus};
use kehu::domain::validate::Problem;
use kehu::store::StoreError;
use kehu::store::feedback::FeedbackQuery;

fn item(cid: i64, at: &str, kind: FeedbackKind, subject: &str) -> Feedback {
    Feedback {
        customer_id: Some(cid),
        at: at.into(),
        kind,
        subject: subject.into(),
        ..Default::default()
    }
}

#[test]
fn feedback_needs_a_customer_and_sound_fields_and_nothing_is_saved_otherwise() {
    let (_d, mut store) = temp_store();
    let bad = Feedback {
        at: "昨天下午".into(),
        satisfaction: Some(6),
        due_on: "2026-02-30".into(),
        ..Default::default()
    };
    match store.save_feedback(&bad).unwrap_err() {
        StoreError::InvalidFeedback(p) => {
            for e in [
                (FeedbackField::Customer, Problem::Required),
                (FeedbackField::At, Problem::BadDate),
                (FeedbackField::Subject, Problem::Required),
                (FeedbackField::Satisfaction, Problem::OutOfRange(1, 5)),
                (FeedbackField::DueOn, Problem::BadDate),
            ] {
                assert!(p.contains(&e), "missing {e:?} in {p:?}");
            }
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.count_feedback(&FeedbackQuery::default()).unwrap(), 0);
}

#[test]
fn a_customers_history_is_newest_first_and_open_complaints_are_counted() {
    let (_d, mut store) = temp_store();
    let cid = store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    store
        .save_feedback(&item(
            cid,
            "2026-10-01 09:30",
            FeedbackKind::Visit,
            "季度拜访",
        ))
        .unwrap();
    let complaint = store
        .save_feedback(&Feedback {
            due_on: "2026-11-01".into(),
            responsible: "张明".into(),
            ..item(cid, "2026/10/20 14:00", FeedbackKind::Complaint, "交货延迟")
        })
        .unwrap();
    store
        .save_feedback(&item(cid, "2026-11-05", FeedbackKind::Call, "催款电话"))
        .unwrap();
    let rows = store
        .feedback_page(
            &FeedbackQuery {
                customer_id: Some(cid),
                ..Default::default()
            },
            0,
            10,
        )
        .unwrap();
    let subjects: Vec<&str> = rows.iter().map(|r| r.subject.as_str()).collect();
    assert_eq!(subjects, ["催款电话", "交货延迟", "季度拜访"]);
    assert_eq!(
        rows[1].at, "2026-10-20 14:00",
        "dates are stored in one form"
    );
    assert_eq!(store.open_complaints(cid).unwrap(), 1);
    // Overdue: open with a due date in the past.
    let overdue = store
        .feedback_page(
            &FeedbackQuery {
                overdue_only: true,
                ..Default::default()
            },
            0,
            10,
        )
        .unwrap();
    assert_eq!(overdue.len(), 1);
    assert!(overdue[0].overdue(kehu::store::today()));
    // Resolved: no longer open, resolved date filled in.
    let mut f = store.feedback(complaint).unwrap();
    f.status = FollowStatus::Resolved;
    f.resolution = "已补发货物".into();
    store.save_feedback(&f).unwrap();
    assert_eq!(store.open_complaints(cid).unwrap(), 0);
    assert!(!store.feedback(complaint).unwrap().resolved_on.is_empty());
    let log = store.history("feedback", complaint).unwrap();
    assert!(log.iter().any(
        |e| e.field.as_deref() == Some("status") && e.new_value.as_deref() == Some("resolved")
    ));
}

#[test]
fn a_trashed_customers_feedback_leaves_the_list_and_goes_when_the_trash_is_emptied() {
    let (_d, mut store) = temp_store();
    let cid = store
        .save_customer(&customer("青岛海川食品有限公司"))
        .unwrap();
    store
        .save_feedback(&item(
            cid,
            "2026-11-01 10:00",
            FeedbackKind::Suggestion,
            "包装建议",
        ))
        .unwrap();
    store.trash_customer(cid).unwrap();
    assert_eq!(store.count_feedback(&FeedbackQuery::default()).unwrap(), 0);
    store.restore_customer(cid).unwrap();
    assert_eq!(store.count_feedback(&FeedbackQuery::default()).unwrap(), 1);
    store.trash_customer(cid).unwrap();
    store.empty_trash().unwrap();
    assert!(store.check().unwrap().is_empty());
    assert_eq!(store.count_feedback(&FeedbackQuery::default()).unwrap(), 0);
}
