//! 统计报表 → 审批用时 (待审批 → 批准) against a plain loop over the change log: an
//! approval timed from the contract's last submission (one sent back and sent again
//! counts from the second), one on the period's last minute, one after the period, one
//! of a contract in the trash and one approved without review left out.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::{customer, temp_store};
use kehu::domain::contract::{Contract, ContractStatus, Transition};
use kehu::domain::reports::{Approvals, Period};
use kehu::store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn draft(store: &mut Store, cid: i64, number: &str, fen: i64) -> i64 {
    store
        .save_contract(&Contract {
            number: number.into(),
            customer_id: Some(cid),
            title: "设备采购".into(),
            signed_on: "2026-02-01".into(),
            amount_fen: fen,
            ..Default::default()
        })
        .unwrap()
}

/// Sets the times of a contract's status changes in the change log, in the order made.
fn times(db: &rusqlite::Connection, contract: i64, at: &[&str]) {
    let ids: Vec<i64> = db
        .prepare(
            "SELECT id FROM change_log WHERE table_name = 'contracts' AND row_id = ?1
               AND field = 'status' ORDER BY id",
        )
        .unwrap()
        .query_map([contract], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids.len(), at.len(), "contract {contract}'s status changes");
    for (id, t) in ids.iter().zip(at) {
        db.execute(
            "UPDATE change_log SET at = ?1 WHERE id = ?2",
            rusqlite::params![t, id],
        )
        .unwrap();
    }
}

/// The plain loop: every status change of a contract in the order made; an approval
/// from 待审批 in the period, its contract not in the trash, timed from the latest
/// submission before it.
fn by_hand(db: &rusqlite::Connection, p: &Period) -> Vec<(String, i64, f64, f64)> {
    let rows: Vec<(i64, String, String, String, bool)> = db
        .prepare(
            "SELECT l.row_id, l.at, l.old_value, l.new_value, k.deleted_at IS NOT NULL
             FROM change_log l JOIN contracts k ON k.id = l.row_id
             WHERE l.table_name = 'contracts' AND l.field = 'status' ORDER BY l.id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
    let mut out: Vec<(String, i64, f64, f64)> =
        p.months().into_iter().map(|m| (m, 0, 0.0, 0.0)).collect();
    for (id, at, old, new, trashed) in &rows {
        let when = t(at);
        if *trashed || old != "submitted" || new != "approved" {
            continue;
        }
        if when.date() < p.from || when.date() > p.to {
            continue;
        }
        let sent = rows
            .iter()
            .filter(|r| r.0 == *id && r.3 == "submitted" && t(&r.1) <= when)
            .map(|r| t(&r.1))
            .max()
            .unwrap();
        let days = (when - sent).num_seconds() as f64 / 86400.0;
        let m = out.iter_mut().find(|m| m.0 == at[..7]).unwrap();
        m.1 += 1;
        m.2 += days;
        m.3 = f64::max(m.3, days);
    }
    out
}

#[test]
fn time_to_approve_from_the_last_submission() {
    let (dir, mut store) = temp_store();
    let a = store.save_customer(&customer("华东机电有限公司")).unwrap();
    let gone = store.save_customer(&customer("已删客户公司")).unwrap();
    let big = 50_000_000;
    let flow = |store: &mut Store, id: i64| {
        assert_eq!(
            store.move_contract(id, Transition::Submit, "").unwrap(),
            ContractStatus::Submitted
        );
        store
            .move_contract(id, Transition::Approve, "同意")
            .unwrap();
    };
    let k1 = draft(&mut store, a, "HT-1", big);
    flow(&mut store, k1);
    // Sent back once, then sent again and approved the same evening.
    let k2 = draft(&mut store, a, "HT-2", big);
    store.move_contract(k2, Transition::Submit, "").unwrap();
    store
        .move_contract(k2, Transition::Reject, "价格条款再核")
        .unwrap();
    flow(&mut store, k2);
    let k3 = draft(&mut store, a, "HT-3", big);
    flow(&mut store, k3);
    let k4 = draft(&mut store, a, "HT-4", big);
    flow(&mut store, k4);
    let k5 = draft(&mut store, gone, "HT-5", big);
    flow(&mut store, k5);
    store.trash_customer_and_contracts(gone).unwrap();
    // Under the threshold: approved on submission, never reviewed.
    // (A customer of its own: a's contracts are long overdue by now and would hold it.)
    let new = store.save_customer(&customer("新客户公司")).unwrap();
    let k6 = draft(&mut store, new, "HT-6", 100);
    assert_ne!(
        store.move_contract(k6, Transition::Submit, "").unwrap(),
        ContractStatus::Submitted
    );

    let db = rusqlite::Connection::open(dir.path().join("kehu.sqlite3")).unwrap();
    times(&db, k1, &["2026-01-30 10:00:00", "2026-02-01 16:00:00"]);
    times(
        &db,
        k2,
        &[
            "2026-02-10 09:00:00",
            "2026-02-11 09:00:00",
            "2026-02-20 09:00:00",
            "2026-02-20 21:00:00",
        ],
    );
    times(&db, k3, &["2026-03-29 23:30:00", "2026-03-31 23:30:00"]);
    times(&db, k4, &["2026-03-30 08:00:00", "2026-04-01 00:10:00"]);
    times(&db, k5, &["2026-02-02 08:00:00", "2026-02-03 08:00:00"]);
    times(&db, k6, &["2026-02-05 08:00:00"]);

    let p = Period::new(d("2026-01-01"), d("2026-03-31")).unwrap();
    let got = store.report_approvals(&p).unwrap();
    let want = by_hand(&db, &p);
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!((g.month.as_str(), g.count), (w.0.as_str(), w.1), "{g:?}");
        assert!((g.days - w.2).abs() < 1e-6, "{g:?} against {w:?}");
        assert!((g.longest - w.3).abs() < 1e-6, "{g:?} against {w:?}");
    }
    // Worked out once by hand as well: February 2.25 and 0.5 days, March 2 days.
    let counts: Vec<i64> = got.iter().map(|g| g.count).collect();
    assert_eq!(counts, [0, 2, 1]);
    let all = Approvals::total(&got);
    assert_eq!(all.count, 3);
    assert!((all.average().unwrap() - 4.75 / 3.0).abs() < 1e-6);
    assert!((all.longest - 2.25).abs() < 1e-6);
    assert_eq!(got[0].average(), None);
    // The summary carries the same.
    assert_eq!(store.report_summary(&p).unwrap().approvals, got);
}
