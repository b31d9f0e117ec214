//! The customer store as the clerk relies on it: saving, reading, changing, trashing and
//! restoring customers with their contacts, validation, and the rules the store enforces
//! on its own.

use kehu::domain::CustomerField;
mod common;

use common::{contact, customer, temp_store};
use kehu::domain::validate::{ContactField, Field, Problem};
use kehu::domain::{Customer, CustomerStatus, Grade};
use kehu::store::{CustomerQuery, StoreError};

fn problems(err: StoreError) -> Vec<(Field, Problem)> {
    match err {
        StoreError::Invalid(errs) => errs.into_iter().map(|e| (e.field, e.problem)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn a_saved_customer_reads_back_with_its_contacts() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("北京华信科技有限公司");
    c.grade = Grade::A;
    c.city = "北京".into();
    c.email = "service@huaxin.com.cn".into();
    c.credit_limit_fen = 5_000_000; // ¥50,000.00
    c.contacts = vec![
        kehu::domain::Contact {
            is_primary: true,
            mobile: "13801012345".into(),
            ..contact("刘海燕")
        },
        contact("赵志强"),
    ];
    let id = store.save_customer(&c).unwrap();
    let (back, meta) = store.customer(id).unwrap();
    assert_eq!(back.name, "北京华信科技有限公司");
    assert_eq!(back.grade, Grade::A);
    assert_eq!(back.credit_limit_fen, 5_000_000);
    assert_eq!(
        back.code, "KH000001",
        "the first customer is numbered automatically"
    );
    assert_eq!(back.contacts.len(), 2);
    assert_eq!(back.contacts[0].name, "刘海燕");
    assert!(back.contacts[0].is_primary);
    assert_eq!(meta.created_by, "admin");
    assert_eq!(meta.updated_by, "admin");
    assert!(!meta.created_at.is_empty());
}

#[test]
fn codes_number_themselves_and_stay_editable() {
    let (_dir, mut store) = temp_store();
    let a = store.save_customer(&customer("甲公司")).unwrap();
    let mut b = customer("乙公司");
    b.code = "VIP-001".into();
    let b = store.save_customer(&b).unwrap();
    let c = store.save_customer(&customer("丙公司")).unwrap();
    assert_eq!(store.customer(a).unwrap().0.code, "KH000001");
    assert_eq!(store.customer(b).unwrap().0.code, "VIP-001");
    assert_eq!(store.customer(c).unwrap().0.code, "KH000002");
    let mut dup = customer("丁公司");
    dup.code = "VIP-001".into();
    assert_eq!(
        problems(store.save_customer(&dup).unwrap_err()),
        vec![(Field::Customer(CustomerField::Code), Problem::DuplicateCode)]
    );
}

#[test]
fn an_update_changes_only_what_was_edited_and_keeps_contacts_in_line() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("上海瑞丰贸易有限公司");
    c.contacts = vec![contact("黄文博"), contact("林晓东")];
    let id = store.save_customer(&c).unwrap();
    let (mut c, _) = store.customer(id).unwrap();
    c.phone = "021-5836 7700".into();
    c.contacts[0].title = "采购主管".into();
    c.contacts.remove(1);
    c.contacts.push(contact("吴秀英"));
    store.save_customer(&c).unwrap();
    let (back, _) = store.customer(id).unwrap();
    assert_eq!(back.phone, "021-5836 7700");
    let names: Vec<_> = back.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["黄文博", "吴秀英"]);
    assert_eq!(back.contacts[0].title, "采购主管");
    assert_eq!(
        back.contacts[0].id, c.contacts[0].id,
        "an edited contact keeps its id"
    );
}

#[test]
fn bad_input_is_refused_field_by_field_and_nothing_is_saved() {
    let (_dir, mut store) = temp_store();
    let log_before = store.change_count().unwrap();
    let mut c = customer("   ");
    c.email = "wang@huaxin".into();
    c.phone = "电话".into();
    c.mobile = "1380013800".into();
    c.postal_code = "10008".into();
    c.credit_code = "91330100716105852G".into();
    c.credit_limit_fen = -1;
    c.contacts = vec![kehu::domain::Contact {
        email: "not an email".into(),
        birthday: "1990-02-30".into(),
        ..contact("")
    }];
    let got = problems(store.save_customer(&c).unwrap_err());
    for expected in [
        (Field::Customer(CustomerField::Name), Problem::Required),
        (Field::Customer(CustomerField::Email), Problem::BadEmail),
        (Field::Customer(CustomerField::Phone), Problem::BadPhone),
        (Field::Customer(CustomerField::Mobile), Problem::BadMobile),
        (
            Field::Customer(CustomerField::PostalCode),
            Problem::BadPostalCode,
        ),
        (
            Field::Customer(CustomerField::CreditCode),
            Problem::CreditCodeCheck,
        ),
        (
            Field::Customer(CustomerField::CreditLimit),
            Problem::Negative,
        ),
        (Field::Contact(0, ContactField::Name), Problem::Required),
        (Field::Contact(0, ContactField::Email), Problem::BadEmail),
        (Field::Contact(0, ContactField::Birthday), Problem::BadDate),
    ] {
        assert!(got.contains(&expected), "missing {expected:?} in {got:?}");
    }
    assert_eq!(store.customer_total().unwrap(), 0);
    assert_eq!(store.change_count().unwrap(), log_before, "nothing logged");
}

#[test]
fn a_bad_contact_stops_the_whole_customer() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("深圳宏图电子有限公司");
    c.contacts = vec![
        contact("郭嘉怡"),
        kehu::domain::Contact {
            mobile: "12345".into(),
            ..contact("马浩然")
        },
    ];
    let got = problems(store.save_customer(&c).unwrap_err());
    assert_eq!(
        got,
        vec![(Field::Contact(1, ContactField::Mobile), Problem::BadMobile)]
    );
    assert_eq!(store.customer_total().unwrap(), 0, "not saved half-way");
}

#[test]
fn names_are_unique_after_trimming_and_width_folding() {
    let (_dir, mut store) = temp_store();
    store
        .save_customer(&customer("北京华信(集团)有限公司"))
        .unwrap();
    let got = problems(
        store
            .save_customer(&customer("  北京华信（集团）有限公司\u{3000}"))
            .unwrap_err(),
    );
    assert_eq!(
        got,
        vec![(Field::Customer(CustomerField::Name), Problem::DuplicateName)]
    );
    assert!(
        store
            .customer_name_taken("北京华信（集团）有限公司", None)
            .unwrap()
    );
}

#[test]
fn the_store_trims_what_it_saves() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("  杭州天成软件股份有限公司  ");
    c.credit_code = " 91330100716105852f ".into();
    c.postal_code = "３１００１２".into();
    let id = store.save_customer(&c).unwrap();
    let (back, _) = store.customer(id).unwrap();
    assert_eq!(back.name, "杭州天成软件股份有限公司");
    assert_eq!(back.credit_code, "91330100716105852F");
    assert_eq!(back.postal_code, "310012");
}

#[test]
fn only_one_primary_contact() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("成都锦程医药有限公司");
    let primary = |n| kehu::domain::Contact {
        is_primary: true,
        ..contact(n)
    };
    c.contacts = vec![primary("谢堃"), primary("彭艳")];
    let got = problems(store.save_customer(&c).unwrap_err());
    assert_eq!(
        got,
        vec![(
            Field::Contact(1, ContactField::Primary),
            Problem::TwoPrimaries
        )]
    );
}

#[test]
fn trash_hides_a_customer_and_restore_brings_it_back() {
    let (_dir, mut store) = temp_store();
    let id = store
        .save_customer(&customer("南京金鹏建筑工程有限公司"))
        .unwrap();
    store.trash_customer(id).unwrap();
    assert_eq!(store.customer_total().unwrap(), 0);
    let q = CustomerQuery {
        text: "金鹏".into(),
        ..Default::default()
    };
    assert_eq!(store.count_customers(&q).unwrap(), 0, "not found by search");
    let trash = store.trashed_customers().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].name, "南京金鹏建筑工程有限公司");
    assert_eq!(trash[0].deleted_by, "admin");
    store.restore_customer(id).unwrap();
    assert_eq!(store.customer_total().unwrap(), 1);
    assert_eq!(store.count_customers(&q).unwrap(), 1);
    assert!(store.trashed_customers().unwrap().is_empty());
}

#[test]
fn a_trashed_name_can_be_reused_but_then_not_restored_over() {
    let (_dir, mut store) = temp_store();
    let old = store
        .save_customer(&customer("青岛海川食品有限公司"))
        .unwrap();
    store.trash_customer(old).unwrap();
    store
        .save_customer(&customer("青岛海川食品有限公司"))
        .unwrap();
    assert!(matches!(
        store.restore_customer(old),
        Err(StoreError::NameTakenOnRestore)
    ));
    assert_eq!(
        store.trashed_customers().unwrap().len(),
        1,
        "still safe in the trash"
    );
}

#[test]
fn a_trashed_customer_cannot_be_edited_behind_the_trash() {
    let (_dir, mut store) = temp_store();
    let id = store
        .save_customer(&customer("厦门同创新能源科技有限公司"))
        .unwrap();
    let (mut c, _) = store.customer(id).unwrap();
    store.trash_customer(id).unwrap();
    c.phone = "0592-5912 3456".into();
    assert!(matches!(store.save_customer(&c), Err(StoreError::NotFound)));
}

#[test]
fn writing_needs_a_signed_in_user() {
    let (_dir, mut store) = temp_store();
    store.sign_out();
    assert!(matches!(
        store.save_customer(&customer("某公司")),
        Err(StoreError::NotSignedIn)
    ));
    let status_default: Customer = Default::default();
    assert_eq!(status_default.status, CustomerStatus::Active);
}

#[test]
fn emptying_the_trash_takes_a_snapshot_first_and_only_an_admin_may() {
    let (_dir, mut store) = temp_store();
    let mut c = customer("西安新元教育咨询有限公司");
    c.contacts = vec![contact("冯娟")];
    let gone = store.save_customer(&c).unwrap();
    let kept = store
        .save_customer(&customer("郑州中科农业发展有限公司"))
        .unwrap();
    store.trash_customer(gone).unwrap();
    store
        .add_user("clerk1", "小王", kehu::domain::Role::Clerk, "clerk-pass")
        .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    assert!(matches!(store.empty_trash(), Err(StoreError::NotAllowed)));
    store.sign_in("admin", common::ADMIN_PASSWORD).unwrap();
    let (n, snapshot) = store.empty_trash().unwrap();
    assert_eq!(n, 1);
    assert!(store.trashed_customers().unwrap().is_empty());
    assert!(matches!(store.customer(gone), Err(StoreError::NotFound)));
    assert!(store.customer(kept).is_ok());
    // The deleted values stay in the log, and the snapshot still holds the customer.
    let log = store.history("customers", gone).unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "delete"
                && e.old_value.as_deref().unwrap_or("").contains("西安新元"))
    );
    let snap = kehu::store::backup::inspect(&snapshot).unwrap();
    assert_eq!(snap.counts.customers, 2);
    assert!(
        snapshot
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("kehu-before-empty-trash-")
    );
}

/// 账期 (payment terms) is a declared field like any other: kept, checked by the store,
/// written to the change log, and empty means "the firm's default".
#[test]
fn payment_terms_are_kept_checked_and_logged() {
    let (_d, mut store) = temp_store();
    let id = store.save_customer(&customer("账期测试有限公司")).unwrap();
    let (c, _) = store.customer(id).unwrap();
    assert_eq!(c.payment_days, None, "not set: the firm's default applies");
    let mut c2 = c.clone();
    c2.payment_days = Some(45);
    store.save_customer(&c2).unwrap();
    assert_eq!(store.customer(id).unwrap().0.payment_days, Some(45));
    c2.payment_days = Some(0);
    store.save_customer(&c2).unwrap();
    assert_eq!(
        store.customer(id).unwrap().0.payment_days,
        Some(0),
        "0 days (cash on delivery) is not the same as not set"
    );
    c2.payment_days = Some(5000);
    let err = store.save_customer(&c2).unwrap_err();
    assert_eq!(
        problems(err),
        vec![(
            Field::Customer(CustomerField::PaymentDays),
            Problem::OutOfRange(0, 720)
        )]
    );
    assert_eq!(store.customer(id).unwrap().0.payment_days, Some(0));
    let history = store.history("customers", id).unwrap();
    let changes: Vec<(Option<&str>, Option<&str>)> = history
        .iter()
        .filter(|e| e.field.as_deref() == Some("payment_days"))
        .map(|e| (e.old_value.as_deref(), e.new_value.as_deref()))
        .collect();
    assert!(changes.contains(&(Some(""), Some("45"))), "{changes:?}");
    assert!(changes.contains(&(Some("45"), Some("0"))), "{changes:?}");
}

/// Dates are kept as ISO whatever form they were typed in, so that they sort and
/// compare as text (a temporary limit's expiry is compared with today).
#[test]
fn dates_are_kept_as_iso() {
    let (_d, mut store) = temp_store();
    let id = store
        .save_customer(&Customer {
            recorded_on: "2018/6/1".into(),
            temp_limit_until: "２０２７年１月５日".into(),
            ..customer("日期格式公司")
        })
        .unwrap();
    let c = store.customer(id).unwrap().0;
    assert_eq!(
        (c.recorded_on.as_str(), c.temp_limit_until.as_str()),
        ("2018-06-01", "2027-01-05")
    );
}

/// A lost customer's 流失日期, 流失类型 and 流失原因 are kept and logged.
#[test]
fn a_lost_customer_keeps_when_what_kind_and_why() {
    use kehu::domain::CustomerStatus;
    let (_dir, mut store) = temp_store();
    let id = store
        .save_customer(&kehu::domain::Customer {
            status: CustomerStatus::Lost,
            lost_on: "2026-03-15".into(),
            lost_kind: "竞争流失".into(),
            lost_reason: "对手报价低 8%".into(),
            ..customer("华东机电有限公司")
        })
        .unwrap();
    let (c, _) = store.customer(id).unwrap();
    assert_eq!(
        (
            c.lost_on.as_str(),
            c.lost_kind.as_str(),
            c.lost_reason.as_str()
        ),
        ("2026-03-15", "竞争流失", "对手报价低 8%")
    );
    let mut changed = c.clone();
    changed.lost_kind = "过失流失".into();
    store.save_customer(&changed).unwrap();
    assert!(
        store
            .history("customers", id)
            .unwrap()
            .iter()
            .any(|e| e.field.as_deref() == Some("lost_kind")
                && e.new_value.as_deref() == Some("过失流失")),
        "the change log names the field"
    );
}

/// Lost customers are narrowed by why they left; the list offers the kinds in use.
#[test]
fn lost_customers_are_found_by_their_kind_of_loss() {
    use kehu::store::customers::FilterColumn;
    let (_dir, mut store) = temp_store();
    for (name, status, kind) in [
        ("华东机电有限公司", CustomerStatus::Lost, "竞争流失"),
        ("宁波海川进出口有限公司", CustomerStatus::Lost, "恶意流失"),
        ("苏州精工模具有限公司", CustomerStatus::Lost, "竞争流失"),
        ("杭州绿源食品有限公司", CustomerStatus::Active, ""),
    ] {
        store
            .save_customer(&Customer {
                status,
                lost_kind: kind.into(),
                ..customer(name)
            })
            .unwrap();
    }
    let q = CustomerQuery {
        lost_kind: Some("竞争流失".into()),
        ..Default::default()
    };
    assert!(q.is_filtering());
    assert_eq!(store.count_customers(&q).unwrap(), 2);
    let names: Vec<String> = store
        .customer_page(&q, 0, 10)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert!(names.contains(&"华东机电有限公司".to_string()), "{names:?}");
    assert!(
        names.contains(&"苏州精工模具有限公司".to_string()),
        "{names:?}"
    );
    assert_eq!(
        store.customer_values(FilterColumn::LostKind).unwrap(),
        vec!["恶意流失".to_string(), "竞争流失".to_string()]
    );
    // Deleted customers are neither counted nor offered.
    let malicious = CustomerQuery {
        lost_kind: Some("恶意流失".into()),
        ..Default::default()
    };
    let id = store.customer_page(&malicious, 0, 1).unwrap()[0].id;
    store.trash_customer(id).unwrap();
    assert_eq!(store.count_customers(&malicious).unwrap(), 0);
    assert_eq!(
        store.customer_values(FilterColumn::LostKind).unwrap(),
        vec!["竞争流失".to_string()]
    );
}

/// A customer as the test makes it: name, 来源, 省份, 城市, 建档日期.
type Made = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// 统计报表's bars open the list filtered by 来源, 省份, 城市 and 建档日期 (an empty value
/// is 未填); the counts and the rows agree with a plain loop over what was saved.
#[test]
fn the_list_narrows_by_source_place_and_the_day_recorded() {
    let (_dir, mut store) = temp_store();
    let made: [Made; 5] = [
        ("华东机电", "展会", "江苏", "南京", "2026-01-31"),
        ("北方贸易", "展会", "北京", "北京", "2026-02-01"),
        ("南方电子", "", "广东", "深圳", "2026-02-28"),
        ("西部物流", "网络", "江苏", "苏州", "2026-03-01"),
        ("老客户", "展会", "", "", "2025-12-31"),
    ];
    for (name, source, province, city, on) in made {
        store
            .save_customer(&Customer {
                source: source.into(),
                province: province.into(),
                city: city.into(),
                recorded_on: on.into(),
                ..customer(name)
            })
            .unwrap();
    }
    let gone = store
        .save_customer(&Customer {
            source: "展会".into(),
            recorded_on: "2026-02-10".into(),
            ..customer("已删客户")
        })
        .unwrap();
    store.trash_customer(gone).unwrap();
    let check = |q: CustomerQuery, want: &dyn Fn(&Made) -> bool| {
        let mut expected: Vec<&str> = made.iter().filter(|c| want(c)).map(|c| c.0).collect();
        expected.sort();
        let mut got: Vec<String> = store
            .customer_page(&q, 0, 100)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect();
        got.sort();
        assert_eq!(got, expected, "{q:?}");
        assert_eq!(store.count_customers(&q).unwrap(), expected.len() as u64);
        assert!(q.is_filtering());
    };
    check(
        CustomerQuery {
            source: Some("展会".into()),
            ..Default::default()
        },
        &|c| c.1 == "展会",
    );
    check(
        CustomerQuery {
            source: Some(String::new()),
            ..Default::default()
        },
        &|c| c.1.is_empty(),
    );
    check(
        CustomerQuery {
            province: Some("江苏".into()),
            city: Some("苏州".into()),
            ..Default::default()
        },
        &|c| c.2 == "江苏" && c.3 == "苏州",
    );
    check(
        CustomerQuery {
            recorded_within: Some(("2026-02-01".into(), "2026-02-28".into())),
            ..Default::default()
        },
        &|c| ("2026-02-01"..="2026-02-28").contains(&c.4),
    );
    check(
        CustomerQuery {
            source: Some("展会".into()),
            recorded_within: Some((String::new(), "2026-01-31".into())),
            ..Default::default()
        },
        &|c| c.1 == "展会" && c.4 <= "2026-01-31",
    );
}
