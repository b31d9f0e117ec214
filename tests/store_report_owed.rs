//! 统计报表 → 回款: 应收余额 at each month's end and at the period's end by the ageing
//! buckets, against a plain loop over the file's rows and against the 应收账款 tab's
//! ageing list as of each of those days.

mod common;

use chrono::NaiveDate;
use common::{customer, pay, submit_and_approve, temp_store};
use kehu::domain::contract::Contract;
use kehu::domain::reports::Period;
use kehu::store::Store;
use kehu::store::receivables::ageing_totals;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn signed(store: &mut Store, cid: i64, number: &str, on: &str, fen: i64) -> i64 {
    let id = store
        .save_contract(&Contract {
            number: number.into(),
            customer_id: Some(cid),
            title: "设备采购".into(),
            signed_on: on.into(),
            amount_fen: fen,
            salesperson: "李娜".into(),
            ..Default::default()
        })
        .unwrap();
    submit_and_approve(store, id);
    id
}

/// Owed at `day` worked out plainly: every contract that counts (status, not in the
/// trash, not replaced, its customer not in the trash), signed by the day, its amount
/// less what was paid on it by the day, never below nothing.
fn by_hand(db: &rusqlite::Connection, day: &str) -> i64 {
    let contracts: Vec<(i64, String, String, i64, bool)> = db
        .prepare(
            "SELECT k.id, k.status, k.signed_on, k.amount_fen,
                    k.deleted_at IS NULL AND k.superseded_by IS NULL AND c.deleted_at IS NULL
             FROM contracts k JOIN customers c ON c.id = k.customer_id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let payments: Vec<(i64, String, i64)> = db
        .prepare("SELECT contract_id, paid_on, amount_fen FROM payments")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut owed = 0;
    for (id, status, on, amount, live) in contracts {
        let counts = live && ["approved", "in_force", "completed"].contains(&status.as_str());
        if !counts || on.as_str() > day {
            continue;
        }
        let paid: i64 = payments
            .iter()
            .filter(|(k, paid_on, _)| *k == id && paid_on.as_str() <= day)
            .map(|p| p.2)
            .sum();
        owed += (amount - paid).max(0);
    }
    owed
}

#[test]
fn owed_at_each_month_end_and_by_age_at_the_period_end() {
    let (dir, mut store) = temp_store();
    let a = store.save_customer(&customer("华东机电有限公司")).unwrap();
    let b = store.save_customer(&customer("北方贸易公司")).unwrap();
    let gone = store.save_customer(&customer("已删客户公司")).unwrap();

    // Signed on a month's last day, paid the same day, the next and at the period's end.
    let k1 = signed(&mut store, a, "HT-1", "2026-01-31", 100000);
    pay(&mut store, k1, "2026-01-31", 30000);
    pay(&mut store, k1, "2026-02-01", 20000);
    pay(&mut store, k1, "2026-03-31", 50000);
    // Paid only after the period.
    let k2 = signed(&mut store, a, "HT-2", "2026-02-28", 333333);
    pay(&mut store, k2, "2026-04-01", 100);
    // Signed before the period.
    let k3 = signed(&mut store, b, "HT-3", "2025-12-15", 500000);
    pay(&mut store, k3, "2026-02-15", 200000);
    // Signed on the period's last day; one after it.
    signed(&mut store, b, "HT-4", "2026-03-31", 77);
    signed(&mut store, b, "HT-5", "2026-04-01", 9900);
    // A customer put in the trash with its contract; a draft.
    signed(&mut store, gone, "HT-6", "2026-01-10", 900000);
    store.trash_customer_and_contracts(gone).unwrap();
    store
        .save_contract(&Contract {
            number: "HT-7".into(),
            customer_id: Some(a),
            title: "草稿".into(),
            signed_on: "2026-02-10".into(),
            amount_fen: 70000,
            ..Default::default()
        })
        .unwrap();
    // A revision replaced its original; the payment went with it.
    let original = signed(&mut store, b, "HT-8", "2026-02-05", 400000);
    pay(&mut store, original, "2026-02-20", 100000);
    let rev = store.revise_contract(original).unwrap();
    let mut r = store.contract(rev).unwrap().contract;
    r.amount_fen = 450000;
    store.save_contract(&r).unwrap();
    submit_and_approve(&mut store, rev);
    // A deposit paid before signing.
    let k9 = signed(&mut store, a, "HT-9", "2026-03-10", 20000);
    pay(&mut store, k9, "2026-02-25", 5000);
    // Paid in full, then once more by an older version's hand (written straight into
    // the file: the store refuses it now): it owes nothing, not less.
    let k10 = signed(&mut store, a, "HT-10", "2026-01-20", 1000);
    pay(&mut store, k10, "2026-01-25", 1000);
    let db = rusqlite::Connection::open(dir.path().join("kehu.sqlite3")).unwrap();
    db.execute(
        "INSERT INTO payments (contract_id, paid_on, amount_fen, created_at, updated_at,
                               created_by, updated_by)
         VALUES (?1, '2026-02-10', 500, '2026-02-10 09:00:00', '2026-02-10 09:00:00', 'x', 'x')",
        [k10],
    )
    .unwrap();

    let p = Period::new(d("2026-01-15"), d("2026-03-31")).unwrap();
    let owed = store.report_owed(&p).unwrap();
    let months: Vec<&str> = owed.months.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(months, ["2026-01", "2026-02", "2026-03"]);
    for ((m, fen), day) in owed
        .months
        .iter()
        .zip(["2026-01-31", "2026-02-28", "2026-03-31"])
    {
        assert_eq!(*fen, by_hand(&db, day), "{m}: owed at {day}");
        let (_, ageing) = ageing_totals(&store.ageing(d(day)).unwrap());
        assert_eq!(*fen, ageing, "{m}: the 应收账款 tab as of {day}");
    }
    // Worked out once by hand as well: January 70,000 + 500,000; February 50,000 +
    // 333,333 + 300,000 + 350,000; March 333,333 + 300,000 + 77 + 350,000 + 15,000.
    let fen: Vec<i64> = owed.months.iter().map(|m| m.1).collect();
    assert_eq!(fen, [570000, 1033333, 998410]);

    let end = store.ageing(p.to).unwrap();
    let (buckets, total) = ageing_totals(&end);
    assert_eq!(owed.buckets, buckets);
    assert_eq!(owed.buckets.iter().sum::<i64>(), total);
    assert_eq!(owed.customers, end.len() as i64);
    assert_eq!(owed.customers, 2);

    // A period of one day: that day's figure alone.
    let one = Period::new(d("2026-02-28"), d("2026-02-28")).unwrap();
    let o = store.report_owed(&one).unwrap();
    assert_eq!(o.months, [("2026-02".to_string(), 1033333)]);
}
