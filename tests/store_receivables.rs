//! Credit control and receivables through the store, as the clerk, the supervisor and a
//! script calling the store directly meet them: payment plans, the credit check on
//! submission (超信用待审批), approval with a comment, and ageing as of a date checked
//! against a second computation written differently.

mod common;

use chrono::{Duration, NaiveDate};
use common::{ADMIN_PASSWORD, customer, temp_store};
use kehu::domain::Role;
use kehu::domain::contract::{
    Contract, ContractField, ContractStatus, Installment, Payment, Transition,
};
use kehu::domain::validate::Problem;
use kehu::store::contracts::CreditHold;
use kehu::store::{Store, StoreError};

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn today() -> NaiveDate {
    kehu::store::today()
}

fn setup() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store
        .add_user("boss", "李主管", Role::Supervisor, "boss-pass")
        .unwrap();
    (dir, store)
}

fn new_customer(store: &mut Store, name: &str, limit_yuan: i64, days: Option<i64>) -> i64 {
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    store
        .save_customer(&kehu::domain::Customer {
            credit_limit_fen: limit_yuan * 100,
            payment_days: days,
            ..customer(name)
        })
        .unwrap()
}

fn contract(customer: i64, number: &str, yuan: i64, signed: NaiveDate) -> Contract {
    Contract {
        number: number.into(),
        customer_id: Some(customer),
        title: "年度采购合同".into(),
        signed_on: day(signed),
        amount_fen: yuan * 100,
        ..Default::default()
    }
}

/// Saves and submits as the clerk; below the approval threshold (50,000) a contract
/// within credit is in force at once.
fn submit(store: &mut Store, c: &Contract) -> (i64, ContractStatus) {
    store.sign_in("clerk1", "clerk-pass").unwrap();
    let id = store.save_contract(c).unwrap();
    let st = store.move_contract(id, Transition::Submit, "").unwrap();
    (id, st)
}

fn pay(store: &mut Store, id: i64, yuan: i64, on: NaiveDate) {
    store.sign_in("clerk1", "clerk-pass").unwrap();
    store
        .add_payment(
            id,
            &Payment {
                paid_on: day(on),
                amount_fen: yuan * 100,
                ..Default::default()
            },
        )
        .unwrap();
}

#[test]
fn a_new_contract_is_due_at_signing_plus_the_customers_terms() {
    let (_d, mut store) = setup();
    let with_terms = new_customer(&mut store, "账期四十五天公司", 0, Some(45));
    let without = new_customer(&mut store, "默认账期公司", 0, None);
    let signed = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    let a = store
        .save_contract(&contract(with_terms, "HT-A", 10_000, signed))
        .unwrap();
    let b = store
        .save_contract(&contract(without, "HT-B", 10_000, signed))
        .unwrap();
    assert_eq!(
        store.contract(a).unwrap().contract.plan,
        vec![Installment {
            due_on: "2026-12-16".into(),
            amount_fen: 1_000_000,
            note: String::new()
        }]
    );
    assert_eq!(
        store.contract(b).unwrap().contract.plan[0].due_on,
        "2026-12-01",
        "the firm's default terms, 30 days"
    );
    // A draft's amount changed: its one installment follows.
    let mut c = store.contract(b).unwrap().contract;
    c.amount_fen = 1_200_000;
    store.save_contract(&c).unwrap();
    assert_eq!(
        store.contract(b).unwrap().contract.plan[0].amount_fen,
        1_200_000
    );
}

#[test]
fn a_plan_that_does_not_add_up_is_refused_and_nothing_is_saved() {
    let (_d, mut store) = setup();
    let cid = new_customer(&mut store, "分期公司", 0, None);
    let signed = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let mut c = contract(cid, "HT-P", 100_000, signed);
    c.plan = vec![
        Installment {
            due_on: "2026-05-01".into(),
            amount_fen: 3_000_000,
            note: "预付".into(),
        },
        Installment {
            due_on: "2026-09-01".into(),
            amount_fen: 0,
            note: String::new(),
        },
    ];
    store.sign_in("clerk1", "clerk-pass").unwrap();
    let err = store.save_contract(&c).unwrap_err();
    let StoreError::InvalidContract(p) = err else {
        panic!("{err:?}")
    };
    assert!(
        p.contains(&(ContractField::Plan(Some(0)), Problem::DueBeforeSigning)),
        "{p:?}"
    );
    assert!(
        p.contains(&(ContractField::Plan(Some(1)), Problem::NotPositive)),
        "{p:?}"
    );
    assert!(
        p.contains(&(
            ContractField::Plan(None),
            Problem::PlanTotal(3_000_000, 10_000_000)
        )),
        "{p:?}"
    );
    assert!(
        store
            .contract_page(&Default::default(), 0, 10)
            .unwrap()
            .is_empty(),
        "nothing half-saved"
    );
    c.plan[0].due_on = "2026-06-30".into();
    c.plan[1].amount_fen = 7_000_000;
    let id = store.save_contract(&c).unwrap();
    let plan = store.contract(id).unwrap().contract.plan;
    assert_eq!(plan.len(), 2);
    assert_eq!(plan[0].note, "预付");
}

#[test]
fn a_locked_contracts_plan_changes_only_through_a_revision() {
    let (_d, mut store) = setup();
    let cid = new_customer(&mut store, "锁定计划公司", 0, None);
    let (id, st) = submit(&mut store, &contract(cid, "HT-L", 20_000, today()));
    assert_eq!(st, ContractStatus::InForce);
    let mut c = store.contract(id).unwrap().contract;
    c.plan[0].due_on = day(today() + Duration::days(90));
    assert!(matches!(
        store.save_contract(&c),
        Err(StoreError::ContractLocked)
    ));
    c.plan = store.contract(id).unwrap().contract.plan;
    c.title = "改了名称的合同".into();
    store.save_contract(&c).unwrap();
    let rev = store.revise_contract(id).unwrap();
    let mut r = store.contract(rev).unwrap().contract;
    assert_eq!(r.plan, c.plan, "a revision starts from the plan it amends");
    r.plan[0].due_on = day(today() + Duration::days(90));
    store.save_contract(&r).unwrap();
    assert_eq!(
        store.contract(rev).unwrap().contract.plan[0].due_on,
        day(today() + Duration::days(90))
    );
}

#[test]
fn a_contract_over_the_limit_goes_to_the_supervisor_with_the_figures() {
    let (_d, mut store) = setup();
    let cid = new_customer(&mut store, "额度十万公司", 100_000, None);
    let (first, st) = submit(&mut store, &contract(cid, "HT-1", 40_000, today()));
    assert_eq!(
        st,
        ContractStatus::InForce,
        "within the limit, below the threshold"
    );
    let (second, _) = submit(&mut store, &contract(cid, "HT-2", 40_000, today()));
    pay(&mut store, first, 10_000, today());
    assert_eq!(
        store.credit_standing(cid, today()).unwrap().owed_fen,
        7_000_000,
        "80,000 counted less 10,000 received"
    );
    // 30,000 more: 70,000 + 30,000 is within 100,000 …
    let (_, st) = submit(&mut store, &contract(cid, "HT-3", 30_000, today()));
    assert_eq!(st, ContractStatus::InForce);
    // … and 20,000 more is not, although it is far below the approval threshold.
    let (fourth, st) = submit(&mut store, &contract(cid, "HT-4", 20_000, today()));
    assert_eq!(st, ContractStatus::Submitted);
    let rec = store.contract(fourth).unwrap();
    assert_eq!(
        rec.credit_hold,
        Some(CreditHold {
            owed_fen: 10_000_000,
            limit_fen: 10_000_000,
            overdue_days: 0
        })
    );
    // The clerk cannot approve it; the supervisor must say why.
    assert!(matches!(
        store.move_contract(fourth, Transition::Approve, "同意"),
        Err(StoreError::NotAllowed)
    ));
    store.sign_in("boss", "boss-pass").unwrap();
    assert!(matches!(
        store.move_contract(fourth, Transition::Approve, " "),
        Err(StoreError::CreditCommentRequired)
    ));
    assert_eq!(
        store
            .move_contract(fourth, Transition::Approve, "老客户，下月回款有保证")
            .unwrap(),
        ContractStatus::Approved
    );
    let rec = store.contract(fourth).unwrap();
    assert_eq!(rec.decision.unwrap().2, "老客户，下月回款有保证");
    assert!(
        rec.credit_hold.is_some(),
        "the figures stay on the contract"
    );
    let _ = second;
}

#[test]
fn a_temporary_limit_counts_until_it_expires_and_no_limit_is_not_checked() {
    let (_d, mut store) = setup();
    let cid = new_customer(&mut store, "临时额度公司", 10_000, None);
    let mut c = store.customer(cid).unwrap().0;
    c.temp_limit_fen = 5_000_000;
    c.temp_limit_until = day(today() + Duration::days(10));
    store.save_customer(&c).unwrap();
    let (_, st) = submit(&mut store, &contract(cid, "HT-T1", 40_000, today()));
    assert_eq!(st, ContractStatus::InForce, "10,000 + 50,000 temporary");
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    let mut c = store.customer(cid).unwrap().0;
    c.temp_limit_until = day(today() - Duration::days(1));
    store.save_customer(&c).unwrap();
    let (id, st) = submit(&mut store, &contract(cid, "HT-T2", 1_000, today()));
    assert_eq!(
        st,
        ContractStatus::Submitted,
        "the temporary limit has expired"
    );
    assert_eq!(
        store.contract(id).unwrap().credit_hold.unwrap().limit_fen,
        1_000_000
    );
    // A customer with no limit is not checked, unless the firm makes limits compulsory.
    let free = new_customer(&mut store, "无额度公司", 0, None);
    let (_, st) = submit(&mut store, &contract(free, "HT-F1", 40_000, today()));
    assert_eq!(st, ContractStatus::InForce);
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    let mut s = store.settings().unwrap();
    s.credit_limit_required = true;
    store.save_settings(&s).unwrap();
    let (_, st) = submit(&mut store, &contract(free, "HT-F2", 1_000, today()));
    assert_eq!(st, ContractStatus::Submitted);
}

#[test]
fn money_long_overdue_holds_any_new_contract() {
    let (_d, mut store) = setup();
    let cid = new_customer(&mut store, "长期欠款公司", 0, Some(30));
    let signed = today() - Duration::days(200);
    let (old, _) = submit(&mut store, &contract(cid, "HT-O1", 10_000, signed));
    pay(&mut store, old, 4_000, signed + Duration::days(10));
    let standing = store.credit_standing(cid, today()).unwrap();
    assert_eq!(standing.oldest_overdue, Some((600_000, 170)));
    let (id, st) = submit(&mut store, &contract(cid, "HT-O2", 1_000, today()));
    assert_eq!(
        st,
        ContractStatus::Submitted,
        "170 days overdue, more than 90"
    );
    assert_eq!(
        store
            .contract(id)
            .unwrap()
            .credit_hold
            .unwrap()
            .overdue_days,
        170
    );
}

/// Ageing as of a date, worked out a second way: walk each counted contract's
/// installments in due order, take the payments made by that date off the earliest,
/// and put what is left into its bucket by a table of bounds.
fn ageing_by_hand(store: &Store, customers: &[i64], as_of: NaiveDate) -> Vec<(i64, [i64; 7])> {
    let bounds = [0i64, 30, 60, 90, 180, 365];
    let mut out = Vec::new();
    for &cid in customers {
        let mut buckets = [0i64; 7];
        for rec in store.contracts_of_customer(cid).unwrap() {
            let counted = matches!(
                rec.contract.status,
                ContractStatus::Approved | ContractStatus::InForce | ContractStatus::Completed
            );
            if !counted || rec.contract.signed_on > day(as_of) {
                continue;
            }
            let mut paid: i64 = rec
                .payments
                .iter()
                .filter(|p| p.paid_on <= day(as_of))
                .map(|p| p.amount_fen)
                .sum();
            let mut plan = rec.contract.plan.clone();
            plan.sort_by(|a, b| a.due_on.cmp(&b.due_on));
            for i in plan {
                let covered = paid.min(i.amount_fen);
                paid -= covered;
                let left = i.amount_fen - covered;
                let due = NaiveDate::parse_from_str(&i.due_on, "%Y-%m-%d").unwrap();
                let late = (as_of - due).num_days();
                let b = bounds.iter().filter(|&&b| late > b).count();
                buckets[b] += left;
            }
        }
        if buckets.iter().sum::<i64>() > 0 {
            out.push((cid, buckets));
        }
    }
    out.sort();
    out
}

#[test]
fn ageing_as_of_any_date_adds_up_and_agrees_with_a_second_computation() {
    let (_d, mut store) = setup();
    let base = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
    let mut customers = Vec::new();
    for k in 0..4 {
        let cid = new_customer(&mut store, &format!("账龄测试{k}公司"), 0, Some(30 * k));
        customers.push(cid);
        for n in 0..5i64 {
            let signed = base + Duration::days(n * 97 + k * 13);
            let mut c = contract(cid, &format!("HT-{k}-{n}"), 10_000 + n * 3_000, signed);
            if n % 2 == 0 {
                // Three installments: a deposit, then the rest in two.
                let total = c.amount_fen;
                c.plan = [
                    (0, total / 5),
                    (60, total * 2 / 5),
                    (200, total - total / 5 - total * 2 / 5),
                ]
                .iter()
                .map(|(days, amount)| Installment {
                    due_on: day(signed + Duration::days(*days)),
                    amount_fen: *amount,
                    note: String::new(),
                })
                .collect();
            }
            let (id, st) = submit(&mut store, &c);
            if st == ContractStatus::Submitted {
                // Held: money of earlier contracts is long overdue by now.
                store.sign_in("boss", "boss-pass").unwrap();
                store
                    .move_contract(id, Transition::Approve, "已催收，同意")
                    .unwrap();
            }
            if (n + k) % 3 != 0 {
                pay(
                    &mut store,
                    id,
                    2_500 + n * 1_000,
                    signed + Duration::days(45),
                );
            }
            if n == 1 && k == 2 {
                // A draft and a terminated contract never count.
                store.sign_in("boss", "boss-pass").unwrap();
                store.move_contract(id, Transition::Terminate, "").ok();
            }
        }
        store.sign_in("clerk1", "clerk-pass").unwrap();
        store
            .save_contract(&contract(cid, &format!("HT-{k}-draft"), 99_000, base))
            .unwrap();
    }
    for as_of in [
        base - Duration::days(1),
        base + Duration::days(30),
        base + Duration::days(250),
        base + Duration::days(500),
        base + Duration::days(800),
        today(),
    ] {
        let rows = store.ageing(as_of).unwrap();
        let mut got: Vec<(i64, [i64; 7])> =
            rows.iter().map(|r| (r.customer_id, r.buckets)).collect();
        got.sort();
        assert_eq!(
            got,
            ageing_by_hand(&store, &customers, as_of),
            "as of {as_of}"
        );
        for r in &rows {
            assert_eq!(r.buckets.iter().sum::<i64>(), r.total_fen);
        }
        let (buckets, total) = kehu::store::receivables::ageing_totals(&rows);
        if as_of == base + Duration::days(500) {
            assert!(
                buckets.iter().filter(|b| **b > 0).count() >= 4,
                "a test that could fail: the money is spread over the buckets {buckets:?}"
            );
        }
        assert_eq!(buckets.iter().sum::<i64>(), total, "the 合计 line adds up");
        let overdue: i64 = store
            .overdue_installments(as_of)
            .unwrap()
            .iter()
            .map(|o| o.unpaid_fen)
            .sum();
        assert_eq!(overdue, total - buckets[0], "overdue = owed less 未到期");
    }
}

/// Contracts from before payment plans get one installment for their whole amount, due
/// at 签订日期 + the customer's 账期 (30 days without one), or at 结束日期 if earlier.
#[test]
fn contracts_from_before_plans_get_one_installment_each() {
    use kehu::store::migrations::migrations;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v12.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 12).unwrap();
        conn.execute_batch(
            "INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at, created_by, updated_by)
             VALUES ('admin', '管理员', 'admin', 'x', '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin');
             INSERT INTO customers (code, name, name_key, payment_days, created_at, updated_at, created_by, updated_by)
             VALUES ('KH000001', '六十天公司', '六十天公司', 60, '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin'),
                    ('KH000002', '默认公司', '默认公司', NULL, '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin');
             INSERT INTO contracts (number, customer_id, title, signed_on, ends_on, amount_fen, status,
                                    created_at, updated_at, created_by, updated_by)
             VALUES ('A', 1, '甲', '2025-03-01', '', 100000, 'in_force', '2025-03-01 09:00:00', '2025-03-01 09:00:00', 'admin', 'admin'),
                    ('B', 2, '乙', '2025-03-01', '2025-03-20', 200000, 'approved', '2025-03-01 09:00:00', '2025-03-01 09:00:00', 'admin', 'admin'),
                    ('C', 2, '丙', '', '', 300000, 'draft', '2025-04-02 09:00:00', '2025-04-02 09:00:00', 'admin', 'admin'),
                    ('D', 2, '丁', '2025-05-01', '', 0, 'draft', '2025-05-01 09:00:00', '2025-05-01 09:00:00', 'admin', 'admin');
             INSERT INTO feedback (customer_id, at, kind, subject, content, satisfaction, status,
                                   created_at, updated_at, created_by, updated_by)
             VALUES (1, '2025-03-02 10:00', 'complaint', '到货延迟', '第一行
第二行', 2, 'in_progress',
                     '2025-03-02 10:00:00', '2025-03-02 10:00:00', 'admin', 'admin');"
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let plans: Vec<Vec<(String, i64)>> = (1..=4)
        .map(|id| {
            store
                .payment_plan(id)
                .unwrap()
                .into_iter()
                .map(|i| (i.due_on, i.amount_fen))
                .collect()
        })
        .collect();
    assert_eq!(
        plans,
        vec![
            vec![("2025-04-30".to_string(), 100000)],
            vec![("2025-03-20".to_string(), 200000)],
            vec![("2025-04-02".to_string(), 300000)],
            vec![],
        ]
    );
    // The feedback table, made again to allow 催款, keeps every row as it was.
    let f = store.feedback(1).unwrap();
    assert_eq!(
        (
            f.kind,
            f.subject.as_str(),
            f.content.as_str(),
            f.satisfaction
        ),
        (
            kehu::domain::feedback::FeedbackKind::Complaint,
            "到货延迟",
            "第一行\n第二行",
            Some(2)
        )
    );
    assert_eq!(f.status, kehu::domain::feedback::FollowStatus::InProgress);
    assert!(store.check().unwrap().is_empty(), "the file checks clean");
}

/// A 催款 records what the customer promised; once the promised date has passed with
/// money still overdue, the ageing line says the promise is broken.
#[test]
fn a_promise_that_passes_unpaid_shows_again_as_overdue() {
    use kehu::domain::feedback::{Feedback, FeedbackKind};
    let (_d, mut store) = setup();
    let cid = new_customer(&mut store, "承诺付款公司", 0, Some(30));
    let signed = today() - Duration::days(100);
    submit(&mut store, &contract(cid, "HT-P1", 10_000, signed));
    store.sign_in("clerk1", "clerk-pass").unwrap();
    let promised = today() + Duration::days(5);
    store
        .save_feedback(&Feedback {
            customer_id: Some(cid),
            at: format!("{} 10:00", day(today() - Duration::days(2))),
            kind: FeedbackKind::Collection,
            subject: "电话催收".into(),
            promised_on: day(promised),
            promised_fen: 1_000_000,
            ..Default::default()
        })
        .unwrap();
    let line = |store: &Store, as_of: NaiveDate| {
        store
            .ageing(as_of)
            .unwrap()
            .into_iter()
            .find(|r| r.customer_id == cid)
            .unwrap()
    };
    let now = line(&store, today());
    assert_eq!(now.promise, Some((day(promised), 1_000_000)));
    assert!(
        !now.promise_broken(today()),
        "the promised day has not come"
    );
    let later = promised + Duration::days(1);
    assert!(
        line(&store, later).promise_broken(later),
        "promised, not paid"
    );
    // Paid: nothing overdue, nothing broken.
    let id = store.contract_page(&Default::default(), 0, 1).unwrap()[0].id;
    pay(&mut store, id, 10_000, today());
    assert!(
        store
            .ageing(later)
            .unwrap()
            .iter()
            .all(|r| r.customer_id != cid)
    );
    // A negative promise is refused.
    let err = store
        .save_feedback(&Feedback {
            customer_id: Some(cid),
            at: day(today()),
            kind: FeedbackKind::Collection,
            subject: "再次催收".into(),
            promised_fen: -1,
            ..Default::default()
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidFeedback(_)), "{err:?}");
}

/// A contract dated ahead is owed all the same: the credit check counts it, while the
/// ageing list as of today (a view of the past) leaves it out until it is signed.
#[test]
fn a_contract_signed_ahead_counts_against_the_limit() {
    let (_d, mut store) = setup();
    let cid = new_customer(&mut store, "提前签约公司", 10_000, None);
    let (_, st) = submit(
        &mut store,
        &contract(cid, "HT-F1", 8_000, today() + Duration::days(10)),
    );
    assert_eq!(st, ContractStatus::InForce);
    assert_eq!(
        store.credit_standing(cid, today()).unwrap().owed_fen,
        800_000
    );
    let (id, st) = submit(&mut store, &contract(cid, "HT-F2", 5_000, today()));
    assert_eq!(
        st,
        ContractStatus::Submitted,
        "8,000 + 5,000 is over 10,000"
    );
    assert_eq!(
        store.contract(id).unwrap().credit_hold.unwrap().owed_fen,
        800_000
    );
    assert!(
        store
            .ageing(today())
            .unwrap()
            .iter()
            .all(|r| r.customer_id != cid),
        "not signed yet as of today"
    );
}

#[test]
fn the_credit_ratings_list_is_a_setting_only_an_admin_changes() {
    use kehu::store::settings::LIST_CREDIT_RATINGS;
    let (_dir, mut store) = setup();
    assert_eq!(
        store.lookup_values(LIST_CREDIT_RATINGS).unwrap(),
        ["AAA", "AA", "A", "B", "C"]
    );
    store.sign_in("clerk1", "clerk-pass").unwrap();
    assert!(matches!(
        store.set_lookup_values(LIST_CREDIT_RATINGS, &["甲".into()]),
        Err(StoreError::NotAllowed)
    ));
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    // Reordered, one taken out, one added, a repeat and blanks ignored.
    let list: Vec<String> = [" A ", "AAA", "", "B", "BB", "A"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    store.set_lookup_values(LIST_CREDIT_RATINGS, &list).unwrap();
    assert_eq!(
        store.lookup_values(LIST_CREDIT_RATINGS).unwrap(),
        ["A", "AAA", "B", "BB"]
    );
    // Nothing left would bring the defaults back: refused, the list kept.
    assert!(
        store
            .set_lookup_values(LIST_CREDIT_RATINGS, &[" ".into()])
            .is_err()
    );
    assert_eq!(store.lookup_values(LIST_CREDIT_RATINGS).unwrap().len(), 4);
    // The other pick lists are untouched.
    assert!(
        store
            .lookup_values(kehu::store::settings::LIST_SOURCES)
            .unwrap()
            .len()
            > 1
    );
}

/// A revision replaces its original with the money already received on it: what the
/// customer owes is the revised amount less those payments, not the whole of it.
#[test]
fn payments_move_to_the_revision_that_replaces_a_contract() {
    let (_d, mut store) = setup();
    let cid = new_customer(&mut store, "修订回款公司", 0, None);
    let signed = today() - Duration::days(10);
    let (id, st) = submit(&mut store, &contract(cid, "HT-R", 30_000, signed));
    assert_eq!(st, ContractStatus::InForce);
    pay(&mut store, id, 12_000, signed + Duration::days(2));
    let rev = store.revise_contract(id).unwrap();
    // Less than was received on the original: refused with the figure.
    let mut r = store.contract(rev).unwrap().contract;
    r.amount_fen = 10_000 * 100;
    r.plan.clear();
    match store.save_contract(&r) {
        Err(StoreError::InvalidContract(p)) => assert!(
            p.contains(&(ContractField::Amount, Problem::BelowReceived(1_200_000))),
            "{p:?}"
        ),
        other => panic!("{other:?}"),
    }
    r.amount_fen = 35_000 * 100;
    store.save_contract(&r).unwrap();
    // More money comes in on the original meanwhile; still within the revision.
    pay(&mut store, id, 3_000, signed + Duration::days(3));
    assert_eq!(
        store.move_contract(rev, Transition::Submit, "").unwrap(),
        ContractStatus::InForce
    );
    let now = store.contract(rev).unwrap();
    assert_eq!(now.received_fen, 1_500_000, "both payments came with it");
    assert_eq!(now.balance_fen(), 2_000_000);
    assert_eq!(now.payments.len(), 2);
    assert_eq!(store.contract(id).unwrap().superseded_by, Some(rev));
    let standing = store.credit_standing(cid, today()).unwrap();
    assert_eq!(standing.owed_fen, 2_000_000, "35,000 less 15,000 received");
    let ageing = store.ageing(today()).unwrap();
    assert_eq!(ageing.len(), 1);
    assert_eq!(ageing[0].total_fen, 2_000_000);
    // Each move is in the change log.
    let moves = store
        .history("payments", now.payments[0].id.unwrap())
        .unwrap();
    assert!(
        moves
            .iter()
            .any(|e| e.field.as_deref() == Some("contract_id")),
        "{moves:?}"
    );
}

/// A revision cut below what came in on the original after it was saved is stopped when
/// it is sent on.
#[test]
fn a_revision_below_what_was_received_is_not_sent_on() {
    let (_d, mut store) = setup();
    let cid = new_customer(&mut store, "修订少于回款公司", 0, None);
    let signed = today() - Duration::days(10);
    let (id, _) = submit(&mut store, &contract(cid, "HT-S", 30_000, signed));
    let rev = store.revise_contract(id).unwrap();
    let mut r = store.contract(rev).unwrap().contract;
    r.amount_fen = 20_000 * 100;
    r.plan.clear();
    store.save_contract(&r).unwrap();
    pay(&mut store, id, 25_000, signed + Duration::days(1));
    store.sign_in("clerk1", "clerk-pass").unwrap();
    assert!(matches!(
        store.move_contract(rev, Transition::Submit, ""),
        Err(StoreError::InvalidContract(p)) if p == [(ContractField::Amount, Problem::BelowReceived(2_500_000))]
    ));
    assert_eq!(store.contract(id).unwrap().superseded_by, None);
    assert_eq!(store.contract(id).unwrap().received_fen, 2_500_000);
}
