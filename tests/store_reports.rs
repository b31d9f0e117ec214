//! 统计报表's figures against a second computation: each worked out again in a plain
//! loop over the file's rows, on records with the edges the definitions care about — a
//! contract signed on a month's last day, one in the trash, a customer in the trash, a
//! revision that replaced its original (counted once), amounts in fen.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::{customer, temp_store};
use kehu::domain::contract::{Contract, Transition};
use kehu::domain::reports::{Period, Tally, total};
use kehu::domain::{Customer, Grade};
use kehu::store::Store;
use kehu::store::reports::CustomerDim;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn signed(store: &mut Store, cid: i64, number: &str, on: &str, fen: i64, who: &str) -> i64 {
    let id = store
        .save_contract(&Contract {
            number: number.into(),
            customer_id: Some(cid),
            title: "设备采购".into(),
            signed_on: on.into(),
            amount_fen: fen,
            salesperson: who.into(),
            ..Default::default()
        })
        .unwrap();
    store.move_contract(id, Transition::Submit, "").unwrap();
    if store.contract(id).unwrap().contract.status
        == kehu::domain::contract::ContractStatus::Submitted
    {
        store
            .move_contract(id, Transition::Approve, "同意")
            .unwrap();
    }
    id
}

/// Customers over three months, contracts with every edge; returns the store.
fn records() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    let mk =
        |store: &mut Store, name: &str, grade: Grade, industry: &str, on: &str, owner: &str| {
            store
                .save_customer(&Customer {
                    grade,
                    industry: industry.into(),
                    recorded_on: on.into(),
                    owner: owner.into(),
                    ..customer(name)
                })
                .unwrap()
        };
    let a = mk(
        &mut store,
        "华东机电有限公司",
        Grade::A,
        "机械",
        "2026-01-31",
        "李娜",
    );
    let b = mk(
        &mut store,
        "北方贸易公司",
        Grade::B,
        "贸易",
        "2026-02-01",
        "王强",
    );
    let c = mk(
        &mut store,
        "南方电子公司",
        Grade::B,
        "",
        "2026-03-15",
        "李娜",
    );
    let old = mk(
        &mut store,
        "老客户公司",
        Grade::C,
        "机械",
        "2025-06-01",
        "王强",
    );
    let gone = mk(
        &mut store,
        "已删客户公司",
        Grade::A,
        "机械",
        "2026-02-10",
        "王强",
    );

    signed(&mut store, a, "HT-1", "2026-01-31", 1, "李娜");
    signed(&mut store, a, "HT-2", "2026-02-01", 3333333, "李娜");
    signed(&mut store, b, "HT-3", "2026-02-28", 1000000, "王强");
    signed(&mut store, old, "HT-4", "2026-03-31", 7, "王强");
    signed(&mut store, c, "HT-5", "2026-04-01", 9900, "李娜"); // after the period
    // (Only a contract not in force goes to the trash: a draft here.)
    let trashed = store
        .save_contract(&Contract {
            number: "HT-6".into(),
            customer_id: Some(b),
            title: "作废".into(),
            signed_on: "2026-03-01".into(),
            amount_fen: 5000000,
            salesperson: "王强".into(),
            ..Default::default()
        })
        .unwrap();
    store.trash_contract(trashed).unwrap();
    signed(&mut store, gone, "HT-7", "2026-03-02", 8000000, "王强");
    store.trash_customer_and_contracts(gone).unwrap();
    // A revision replaces its original: counted once, with the revision's amount.
    let original = signed(&mut store, c, "HT-8", "2026-03-20", 2000000, "李娜");
    let rev = store.revise_contract(original).unwrap();
    let mut r = store.contract(rev).unwrap().contract;
    r.amount_fen = 2500001;
    store.save_contract(&r).unwrap();
    store.move_contract(rev, Transition::Submit, "").unwrap();
    store
        .move_contract(rev, Transition::Approve, "补充协议同意")
        .unwrap();
    assert_eq!(store.contract(original).unwrap().superseded_by, Some(rev));
    // A draft is not signed business.
    store
        .save_contract(&Contract {
            number: "HT-9".into(),
            customer_id: Some(a),
            title: "草稿".into(),
            signed_on: "2026-02-15".into(),
            amount_fen: 100000,
            salesperson: "李娜".into(),
            ..Default::default()
        })
        .unwrap();
    (dir, store)
}

fn q1() -> Period {
    Period::new(d("2026-01-01"), d("2026-03-31")).unwrap()
}

/// A customer's row: id, name, grade, industry, 建档日期, owner, in the trash.
type CustomerRow = (i64, String, String, String, String, String, bool);
/// A contract's row: customer, status, 签订日期, fen, salesperson, in the trash,
/// replaced, entered at.
type ContractRow = (i64, String, String, i64, String, bool, bool, String);

/// The rows of the file, read plainly.
struct Rows {
    customers: Vec<CustomerRow>,
    contracts: Vec<ContractRow>,
}

fn rows(store: &Store) -> Rows {
    let db = rusqlite::Connection::open(store.path()).unwrap();
    let customers = db
        .prepare("SELECT id, name, grade, industry, recorded_on, owner, deleted_at IS NOT NULL FROM customers")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let contracts = db
        .prepare(
            "SELECT customer_id, status, signed_on, amount_fen, salesperson,
                    deleted_at IS NOT NULL, superseded_by IS NOT NULL, created_at
             FROM contracts",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    Rows {
        customers,
        contracts,
    }
}

fn in_period(p: &Period, day: &str) -> bool {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok_and(|x| p.from <= x && x <= p.to)
}

/// The counted contracts in the period, by hand: (customer, month, salesperson, fen).
fn counted(r: &Rows, p: &Period) -> Vec<(i64, String, String, i64)> {
    let live: std::collections::HashSet<i64> =
        r.customers.iter().filter(|c| !c.6).map(|c| c.0).collect();
    r.contracts
        .iter()
        .filter(|k| {
            ["approved", "in_force", "completed"].contains(&k.1.as_str())
                && !k.5
                && !k.6
                && live.contains(&k.0)
                && in_period(p, &k.2)
        })
        .map(|k| (k.0, k.2[..7].to_string(), k.4.clone(), k.3))
        .collect()
}

#[test]
fn new_customers_per_month() {
    let (_dir, store) = records();
    let r = rows(&store);
    let mut by_month: BTreeMap<String, i64> = q1().months().into_iter().map(|m| (m, 0)).collect();
    for c in r
        .customers
        .iter()
        .filter(|c| !c.6 && in_period(&q1(), &c.4))
    {
        *by_month.get_mut(&c.4[..7]).unwrap() += 1;
    }
    let got: Vec<(String, i64)> = store
        .report_new_customers(&q1())
        .unwrap()
        .into_iter()
        .map(|t| (t.key, t.count))
        .collect();
    assert_eq!(got, by_month.into_iter().collect::<Vec<_>>());
    assert_eq!(
        got,
        [
            ("2026-01".to_string(), 1),
            ("2026-02".into(), 1),
            ("2026-03".into(), 1)
        ],
        "the last day of January in January; the trashed customer not at all"
    );
}

#[test]
fn customers_by_each_field() {
    let (_dir, store) = records();
    let r = rows(&store);
    for dim in CustomerDim::ALL {
        let got = store.report_customers_by(&q1(), dim).unwrap();
        let field = |c: &CustomerRow| match dim {
            CustomerDim::Grade => Some(c.2.clone()),
            CustomerDim::Industry => Some(c.3.clone()),
            CustomerDim::Owner => Some(c.5.clone()),
            _ => None,
        };
        let live: Vec<_> = r
            .customers
            .iter()
            .filter(|c| !c.6 && c.4.as_str() <= "2026-03-31")
            .collect();
        assert_eq!(total(&got).count, live.len() as i64, "{dim:?} adds up");
        if live.iter().any(|c| field(c).is_none()) {
            continue;
        }
        let mut by: BTreeMap<String, i64> = BTreeMap::new();
        for c in &live {
            *by.entry(field(c).unwrap()).or_default() += 1;
        }
        let mut want: Vec<(String, i64)> = by.into_iter().collect();
        want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let got: Vec<(String, i64)> = got.into_iter().map(|t| (t.key, t.count)).collect();
        assert_eq!(got, want, "{dim:?}");
    }
    let industries = store
        .report_customers_by(&q1(), CustomerDim::Industry)
        .unwrap();
    assert_eq!(
        industries
            .iter()
            .map(|t| (t.key.as_str(), t.count))
            .collect::<Vec<_>>(),
        [("机械", 2), ("", 1), ("贸易", 1)],
        "the trashed customer not counted; an empty field as its own row"
    );
}

#[test]
fn signed_per_month_and_salesperson_and_the_top_customers() {
    let (_dir, store) = records();
    let r = rows(&store);
    let by_hand = counted(&r, &q1());

    let mut per: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    for (_, m, who, fen) in &by_hand {
        let e = per.entry((m.clone(), who.clone())).or_default();
        e.0 += 1;
        e.1 += fen;
    }
    let got: Vec<((String, String), (i64, i64))> = store
        .report_signed(&q1())
        .unwrap()
        .into_iter()
        .map(|(m, t)| ((m, t.key), (t.count, t.amount_fen)))
        .collect();
    assert_eq!(got, per.into_iter().collect::<Vec<_>>());

    let months = store.report_signed_by_month(&q1()).unwrap();
    let want: Vec<Tally> = q1()
        .months()
        .into_iter()
        .map(|m| Tally {
            count: by_hand.iter().filter(|k| k.1 == m).count() as i64,
            amount_fen: by_hand.iter().filter(|k| k.1 == m).map(|k| k.3).sum(),
            key: m,
        })
        .collect();
    assert_eq!(months, want);
    // Written out: 1 fen on 1-31; 33,333.33 + 10,000.00 in February; 7 fen and the
    // revision's 25,000.01 (not the original's 20,000.00) in March.
    assert_eq!(
        months.iter().map(|t| t.amount_fen).collect::<Vec<_>>(),
        [1, 4333333, 2500008]
    );
    assert_eq!(total(&months).amount_fen, 6833342);

    let mut per_customer: BTreeMap<i64, i64> = BTreeMap::new();
    for (cid, _, _, fen) in &by_hand {
        *per_customer.entry(*cid).or_default() += fen;
    }
    let mut want: Vec<(i64, i64)> = per_customer.into_iter().collect();
    want.sort_by_key(|a| std::cmp::Reverse(a.1));
    let top = store.report_top_customers(&q1(), 10).unwrap();
    assert_eq!(
        top.iter()
            .map(|(id, t)| (*id, t.amount_fen))
            .collect::<Vec<_>>(),
        want
    );
    assert_eq!(top[0].1.key, "华东机电有限公司");
    assert_eq!(store.report_top_customers(&q1(), 1).unwrap().len(), 1);
}

#[test]
fn contracts_by_status() {
    let (_dir, store) = records();
    let r = rows(&store);
    let live: std::collections::HashSet<i64> =
        r.customers.iter().filter(|c| !c.6).map(|c| c.0).collect();
    let mut by: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for k in &r.contracts {
        let day = if k.2.is_empty() {
            &k.7[..10]
        } else {
            k.2.as_str()
        };
        if !k.5 && !k.6 && live.contains(&k.0) && in_period(&q1(), day) {
            let e = by.entry(k.1.clone()).or_default();
            e.0 += 1;
            e.1 += k.3;
        }
    }
    let got: BTreeMap<String, (i64, i64)> = store
        .report_contracts_by_status(&q1())
        .unwrap()
        .into_iter()
        .map(|t| (t.key, (t.count, t.amount_fen)))
        .collect();
    assert_eq!(got, by);
    assert_eq!(got.get("draft"), Some(&(1, 100000)), "the draft is listed");
}

/// The summary the tab and the command line use agrees with each figure read on its
/// own, and its period before with a plain loop over the rows.
#[test]
fn the_summary_agrees_with_each_figure_and_the_period_before() {
    let (_dir, store) = records();
    let p = Period::new(d("2026-02-01"), d("2026-03-31")).unwrap();
    let s = store.report_summary(&p).unwrap();
    assert_eq!(s.signed_by_month, store.report_signed_by_month(&p).unwrap());
    assert_eq!(s.signed, store.report_signed(&p).unwrap());
    assert_eq!(s.new_customers, store.report_new_customers(&p).unwrap());
    assert_eq!(s.by_status, store.report_contracts_by_status(&p).unwrap());
    assert_eq!(s.top, store.report_top_customers(&p, 10).unwrap());
    for (dim, rows) in &s.customers_by {
        assert_eq!(
            rows,
            &store.report_customers_by(&p, *dim).unwrap(),
            "{dim:?}"
        );
    }
    // The period before: December and January (two whole months, as February and
    // March).
    let before = p.before();
    assert_eq!((before.from, before.to), (d("2025-12-01"), d("2026-01-31")));
    let r = rows(&store);
    let by_hand = counted(&r, &before);
    assert_eq!(
        (s.before_signed.count, s.before_signed.amount_fen),
        (
            by_hand.len() as i64,
            by_hand.iter().map(|k| k.3).sum::<i64>()
        )
    );
    assert_eq!((s.before_signed.count, s.before_signed.amount_fen), (1, 1));
    let new_before = r
        .customers
        .iter()
        .filter(|c| !c.6 && in_period(&before, &c.4))
        .count() as i64;
    assert_eq!(s.before_new, new_before);
    assert_eq!(s.before_new, 1);
}

/// Feedback and payments over the first quarter, with the edges: a complaint on a
/// month's last evening, one closed in the next month, scores to average, an item in
/// the trash, a planned visit, a customer in the trash; payments in single fen.
fn feedback_and_payments() -> (tempfile::TempDir, Store) {
    use kehu::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    let (dir, mut store) = records();
    let cid = store.save_customer(&customer("反馈客户公司")).unwrap();
    let gone = store.save_customer(&customer("反馈已删公司")).unwrap();
    let item = |store: &mut Store, cid: i64, at: &str, kind, score, status, resolved: &str| {
        store
            .save_feedback(&Feedback {
                customer_id: Some(cid),
                at: at.into(),
                kind,
                subject: format!("事项 {at}"),
                satisfaction: score,
                status,
                resolution: if resolved.is_empty() { "" } else { "已处理" }.into(),
                resolved_on: resolved.into(),
                ..Default::default()
            })
            .unwrap()
    };
    use FeedbackKind::*;
    use FollowStatus::*;
    item(
        &mut store,
        cid,
        "2026-01-31 23:00",
        Complaint,
        Some(2),
        Resolved,
        "2026-02-03",
    );
    item(
        &mut store,
        cid,
        "2026-02-10 09:00",
        Complaint,
        None,
        Open,
        "",
    );
    item(
        &mut store,
        cid,
        "2026-03-01 09:00",
        Complaint,
        None,
        Resolved,
        "2026-03-11",
    );
    item(
        &mut store,
        cid,
        "2026-01-05 10:00",
        Visit,
        Some(5),
        Closed,
        "",
    );
    item(
        &mut store,
        cid,
        "2026-01-06 10:00",
        Call,
        Some(4),
        Closed,
        "",
    );
    item(
        &mut store,
        cid,
        "2026-03-20 10:00",
        Satisfaction,
        Some(3),
        Closed,
        "",
    );
    let trashed = item(
        &mut store,
        cid,
        "2026-03-21 10:00",
        Visit,
        Some(1),
        Closed,
        "",
    );
    store.trash_feedback(trashed).unwrap();
    item(
        &mut store,
        cid,
        "2026-03-25 10:00",
        Visit,
        None,
        Planned,
        "",
    );
    item(
        &mut store,
        gone,
        "2026-02-11 10:00",
        Complaint,
        Some(1),
        Open,
        "",
    );
    let k = signed(&mut store, cid, "HT-P1", "2026-01-02", 100000, "李娜");
    let lost = signed(&mut store, gone, "HT-P2", "2026-01-02", 100000, "王强");
    for (contract, on, fen) in [
        (k, "2026-01-31", 1),
        (k, "2026-02-01", 3333),
        (k, "2026-02-28", 6666),
        (k, "2026-04-01", 5),
        (lost, "2026-02-15", 50000),
    ] {
        common::pay(&mut store, contract, on, fen);
    }
    store.trash_customer_and_contracts(gone).unwrap();
    (dir, store)
}

/// A feedback row: at, kind, score, status, 处理日期, in the trash (or its customer).
type FeedbackRow = (String, String, Option<i64>, String, String, bool);

#[test]
fn feedback_and_payments_per_month() {
    let (_dir, store) = feedback_and_payments();
    let db = rusqlite::Connection::open(store.path()).unwrap();
    // By hand: every feedback row with its customer's trash state.
    let items: Vec<FeedbackRow> = db
        .prepare(
            "SELECT f.at, f.kind, f.satisfaction, f.status, f.resolved_on,
                    f.deleted_at IS NOT NULL OR c.deleted_at IS NOT NULL
             FROM feedback f, customers c WHERE c.id = f.customer_id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let live: Vec<_> = items.iter().filter(|i| !i.5).collect();
    let month = |at: &str| at[..7].to_string();

    let mut kinds: BTreeMap<(String, String), i64> = BTreeMap::new();
    for i in live
        .iter()
        .filter(|i| i.3 != "planned" && in_period(&q1(), &i.0[..10]))
    {
        *kinds.entry((month(&i.0), i.1.clone())).or_default() += 1;
    }
    let got: BTreeMap<(String, String), i64> = store
        .report_feedback_kinds(&q1())
        .unwrap()
        .into_iter()
        .map(|(m, t)| ((m, t.key), t.count))
        .collect();
    assert_eq!(got, kinds);
    assert_eq!(
        got.get(&("2026-01".into(), "complaint".into())),
        Some(&1),
        "the 31st, late"
    );

    let sat = store.report_satisfaction(&q1()).unwrap();
    for (m, avg, n) in &sat {
        let scores: Vec<i64> = live
            .iter()
            .filter(|i| i.3 != "planned" && month(&i.0) == *m)
            .filter_map(|i| i.2)
            .collect();
        assert_eq!(*n, scores.len() as i64, "{m}");
        let want =
            (!scores.is_empty()).then(|| scores.iter().sum::<i64>() as f64 / scores.len() as f64);
        assert_eq!(
            avg.map(|a| (a * 1000.0).round()),
            want.map(|a| (a * 1000.0).round()),
            "{m}"
        );
    }
    // January: 2, 5 and 4; March: 3 (the trashed 1 and the planned visit not counted).
    assert_eq!(sat[0].1, Some(11.0 / 3.0));
    assert_eq!((sat[1].1, sat[1].2), (None, 0));
    assert_eq!(sat[2].1, Some(3.0));

    let (opened, closed, days) = store.report_complaints(&q1()).unwrap();
    let per = |f: &dyn Fn(&FeedbackRow) -> Option<String>| {
        let mut m: BTreeMap<String, i64> = q1().months().into_iter().map(|m| (m, 0)).collect();
        for i in live.iter().filter(|i| i.1 == "complaint") {
            if let Some(e) = f(i).and_then(|k| m.get_mut(&k)) {
                *e += 1;
            }
        }
        m.into_iter().collect::<Vec<_>>()
    };
    let pairs = |t: Vec<Tally>| t.into_iter().map(|t| (t.key, t.count)).collect::<Vec<_>>();
    assert_eq!(pairs(opened), per(&|i| Some(month(&i.0))));
    assert_eq!(
        pairs(closed),
        per(&|i| (!i.4.is_empty()).then(|| month(&i.4)))
    );
    // Closed in the quarter: 2026-01-31 → 02-03 (3 days) and 03-01 → 03-11 (10).
    assert_eq!(days, Some(6.5));

    let received = store.report_received(&q1()).unwrap();
    assert_eq!(
        received
            .iter()
            .map(|t| (t.key.as_str(), t.count, t.amount_fen))
            .collect::<Vec<_>>(),
        [("2026-01", 1, 1), ("2026-02", 2, 9999), ("2026-03", 0, 0)],
        "the trashed customer's payment and April's are not counted"
    );
}

/// Two customers with the same amount at the edge of the top list: the one whose name
/// comes first is in it, whichever was entered first; a customer with a larger amount
/// from two contracts comes before both.
#[test]
fn a_tie_at_the_edge_of_the_top_list_goes_by_name() {
    let (_dir, mut store) = temp_store();
    let z = store.save_customer(&customer("郑州重工有限公司")).unwrap();
    let a = store.save_customer(&customer("安徽机电有限公司")).unwrap();
    let b = store.save_customer(&customer("北京软件有限公司")).unwrap();
    signed(&mut store, z, "HT-1", "2026-02-03", 500_000, "王强");
    signed(&mut store, a, "HT-2", "2026-02-04", 500_000, "李娜");
    signed(&mut store, b, "HT-3", "2026-02-05", 300_000, "王强");
    signed(&mut store, b, "HT-4", "2026-03-05", 300_000, "王强");
    let p = Period::new(d("2026-01-01"), d("2026-03-31")).unwrap();
    let top = store.report_top_customers(&p, 2).unwrap();
    let got: Vec<(&str, i64, i64)> = top
        .iter()
        .map(|(_, t)| (t.key.as_str(), t.count, t.amount_fen))
        .collect();
    assert_eq!(
        got,
        [
            ("北京软件有限公司", 2, 600_000),
            ("安徽机电有限公司", 1, 500_000)
        ]
    );
    assert_eq!(store.report_top_customers(&p, 3).unwrap()[2].0, z);
    assert_eq!(store.report_top_customers(&p, 0).unwrap(), []);
}

/// 业务员: each figure per salesperson worked out by hand — customers entered in the
/// period by owner, contracts that count and their amount, payments in the period on
/// their contracts (wherever the contract was signed), visits made (not planned) by
/// who made them, follow-ups open now by who is responsible, complaints by the
/// customer's salesperson. A contract handed to someone else takes its payments along.
#[test]
fn the_salespeople_table_adds_up_each_persons_period() {
    use kehu::domain::contract::Payment;
    use kehu::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    use kehu::domain::reports::SalesRow;
    let (dir, mut store) = temp_store();
    let owned = |store: &mut Store, name: &str, owner: &str, on: &str| {
        store
            .save_customer(&Customer {
                owner: owner.into(),
                recorded_on: on.into(),
                ..customer(name)
            })
            .unwrap()
    };
    let a = owned(&mut store, "华东机电有限公司", "王强", "2026-02-10");
    let b = owned(&mut store, "北方软件有限公司", "李娜", "2025-06-01");
    let _c = owned(&mut store, "南方贸易有限公司", "王强", "2026-04-01");
    let k1 = signed(&mut store, a, "HT-1", "2026-02-11", 1_000_000, "王强");
    let k2 = signed(&mut store, b, "HT-2", "2025-12-20", 2_000_000, "李娜");
    let pay = |store: &mut Store, k: i64, on: &str, fen: i64| {
        store
            .add_payment(
                k,
                &Payment {
                    paid_on: on.into(),
                    amount_fen: fen,
                    ..Default::default()
                },
            )
            .unwrap();
    };
    pay(&mut store, k1, "2026-03-01", 300_000);
    pay(&mut store, k2, "2026-01-15", 500_000); // signed before the period, paid in it
    pay(&mut store, k2, "2025-12-30", 100_000); // before the period
    let item =
        |store: &mut Store, cid: i64, at: &str, kind: FeedbackKind, st: FollowStatus, who: &str| {
            store
                .save_feedback(&Feedback {
                    customer_id: Some(cid),
                    at: at.into(),
                    kind,
                    subject: "拜访".into(),
                    status: st,
                    responsible: who.into(),
                    due_on: if st == FollowStatus::Closed {
                        String::new()
                    } else {
                        "2026-12-20".into()
                    },
                    ..Default::default()
                })
                .unwrap();
        };
    item(
        &mut store,
        a,
        "2026-02-12 10:00",
        FeedbackKind::Visit,
        FollowStatus::Closed,
        "王强",
    );
    item(
        &mut store,
        b,
        "2026-03-02 10:00",
        FeedbackKind::Visit,
        FollowStatus::Closed,
        "王强",
    );
    item(
        &mut store,
        b,
        "2026-03-05 10:00",
        FeedbackKind::Visit,
        FollowStatus::Planned,
        "李娜",
    );
    item(
        &mut store,
        b,
        "2026-01-20 09:00",
        FeedbackKind::Complaint,
        FollowStatus::Open,
        "张明",
    );
    item(
        &mut store,
        b,
        "2025-11-20 09:00",
        FeedbackKind::Visit,
        FollowStatus::Closed,
        "李娜",
    );
    let p = Period::new(d("2026-01-01"), d("2026-03-31")).unwrap();
    let want = [
        SalesRow {
            who: "王强".into(),
            new_customers: 1,
            contracts: 1,
            signed_fen: 1_000_000,
            received_fen: 300_000,
            visits: 2,
            open_followups: 0,
            complaints: 0,
        },
        SalesRow {
            who: "张明".into(),
            open_followups: 1,
            ..Default::default()
        },
        SalesRow {
            who: "李娜".into(),
            received_fen: 500_000,
            open_followups: 1,
            complaints: 1,
            ..Default::default()
        },
    ];
    let mut got = store.report_salespeople(&p).unwrap();
    kehu::domain::reports::sort_sales(&mut got, 0, false);
    let mut sorted = want.to_vec();
    kehu::domain::reports::sort_sales(&mut sorted, 0, false);
    assert_eq!(got, sorted);
    assert_eq!(store.report_summary(&p).unwrap().salespeople.len(), 3);
    let total = SalesRow::total(&got);
    assert_eq!(
        total.received_fen,
        total_received(&store, &p),
        "the table's 回款 adds up to the month's"
    );

    // The contract handed to 刘洋: its payments go with it.
    let db = dir.path().join("kehu.sqlite3");
    let direct = rusqlite::Connection::open(&db).unwrap();
    direct
        .execute(
            "UPDATE contracts SET salesperson = '刘洋' WHERE id = ?1",
            [k2],
        )
        .unwrap();
    let got = store.report_salespeople(&p).unwrap();
    let liu = got
        .iter()
        .find(|r| r.who == "刘洋")
        .expect("刘洋 has a row");
    assert_eq!(liu.received_fen, 500_000);
    assert_eq!(
        got.iter().find(|r| r.who == "李娜").unwrap().received_fen,
        0
    );
}

fn total_received(store: &Store, p: &Period) -> i64 {
    total(&store.report_received(p).unwrap()).amount_fen
}

/// 期末未处理投诉: complaints open on the period's last day by how long they have waited,
/// against a plain loop over the file's complaints; one handled after the period still
/// counts, one handled within it does not, one in the trash does not.
#[test]
fn open_complaints_at_the_end_by_age() {
    use kehu::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    use kehu::domain::reports::complaint_age_bucket;
    let (dir, mut store) = temp_store();
    let cid = store.save_customer(&customer("华东机电有限公司")).unwrap();
    let mut ids = Vec::new();
    for (at, status, resolved) in [
        ("2026-03-30 16:00", FollowStatus::Open, ""), // 1 day
        ("2026-03-24 09:00", FollowStatus::InProgress, ""), // 7 days
        ("2026-03-23 09:00", FollowStatus::Open, ""), // 8 days
        ("2026-01-30 09:00", FollowStatus::Resolved, "2026-04-02"), // 60 days, handled later
        ("2025-12-31 09:00", FollowStatus::Open, ""), // 90 days
        ("2025-12-30 09:00", FollowStatus::Open, ""), // 91 days
        ("2026-02-01 09:00", FollowStatus::Resolved, "2026-03-01"), // handled in time
        ("2026-04-01 09:00", FollowStatus::Open, ""), // after the period
        ("2026-03-01 09:00", FollowStatus::Open, ""), // put in the trash
    ] {
        ids.push(
            store
                .save_feedback(&Feedback {
                    customer_id: Some(cid),
                    at: at.into(),
                    kind: FeedbackKind::Complaint,
                    subject: "投诉".into(),
                    status,
                    resolved_on: resolved.into(),
                    resolution: if resolved.is_empty() {
                        String::new()
                    } else {
                        "已解决".into()
                    },
                    due_on: "2026-12-20".into(),
                    ..Default::default()
                })
                .unwrap(),
        );
    }
    store.trash_feedback(*ids.last().unwrap()).unwrap();
    let p = Period::new(d("2026-01-01"), d("2026-03-31")).unwrap();
    // The plain loop, over the rows as stored.
    let db = dir.path().join("kehu.sqlite3");
    let direct = rusqlite::Connection::open(&db).unwrap();
    let mut want = [0i64; 4];
    let mut stmt = direct
        .prepare("SELECT at, status, resolved_on, deleted_at IS NOT NULL FROM feedback WHERE kind = 'complaint'")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (at, status, resolved, trashed) = row.unwrap();
        let day = d(&at[..10]);
        let open = if resolved.is_empty() {
            status == "open" || status == "in_progress"
        } else {
            d(&resolved) > p.to
        };
        if !trashed && day <= p.to && open {
            want[complaint_age_bucket((p.to - day).num_days())] += 1;
        }
    }
    let got = store.report_open_complaints(&p).unwrap();
    assert_eq!(got, want);
    assert_eq!(got, [2, 1, 2, 1], "by hand: 1 and 7; 8 and 60; 90; 91 days");
    assert_eq!(store.report_summary(&p).unwrap().open_complaints, got);
}
