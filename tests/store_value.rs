//! 客户价值与流失 from the store: RFM checked against a second computation written
//! differently (plain SQL over the contracts), churn checked by hand and by property,
//! what counts as a purchase (a draft never does).

mod common;

use chrono::{Datelike, NaiveDate};
use common::{contract, customer, temp_store};
use kehu::domain::value::{GradeRule, PeriodKind, Purchase, Segment, Window, churn};
use kehu::store::Store;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Customers and contracts around the edges: a draft, a rejected and a terminated
/// contract (never counted), one exactly 36 months before the date (out of the window),
/// one a day later (in), one after the date (not yet).
fn sample() -> (tempfile::TempDir, Store, [i64; 4]) {
    let (dir, mut store) = temp_store();
    let a = store.save_customer(&customer("甲方贸易有限公司")).unwrap();
    let b = store.save_customer(&customer("乙方机电有限公司")).unwrap();
    let c = store.save_customer(&customer("丙方食品有限公司")).unwrap();
    let e = store.save_customer(&customer("丁方从未签约公司")).unwrap();
    let rows = [
        (a, "A1", "2026-11-01", 80_000, "in_force"),
        (a, "A2", "2025-06-15", 20_000, "completed"),
        (a, "A3", "2023-12-01", 99_000, "completed"),
        (a, "A4", "2026-11-20", 1_000, "draft"),
        (b, "B1", "2023-12-02", 30_000, "approved"),
        (b, "B2", "2026-12-05", 70_000, "in_force"),
        (b, "B3", "2026-10-01", 60_000, "rejected"),
        (c, "C1", "2022-03-01", 10_000, "completed"),
        (c, "C2", "2026-01-10", 5_000, "terminated"),
    ];
    for (cid, n, on, y, st) in rows {
        contract(&mut store, cid, n, on, y, st);
    }
    (dir, store, [a, b, c, e])
}

#[test]
fn rfm_agrees_with_plain_sql_over_the_contracts() {
    let (_d, store, ids) = sample();
    let as_of = d("2026-12-01");
    let (lines, _) = store
        .rfm_table(as_of, Window::Months(36), None, GradeRule::default())
        .unwrap();
    assert_eq!(lines.len(), 4, "every customer, 无交易 ones too");
    // The second computation: SQL over the contracts table, dates compared as text.
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    for id in ids {
        let (latest, f, m): (Option<String>, i64, i64) = conn
            .query_row(
                "SELECT max(signed_on),
                        sum(signed_on > date('2026-12-01', '-36 months')),
                        coalesce(sum(CASE WHEN signed_on > date('2026-12-01', '-36 months')
                                 THEN amount_fen END), 0)
                 FROM contracts WHERE customer_id = ?1 AND signed_on <= '2026-12-01'
                   AND status IN ('approved', 'in_force', 'completed')
                   AND deleted_at IS NULL AND superseded_by IS NULL",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                        r.get(2)?,
                    ))
                },
            )
            .unwrap();
        let line = lines.iter().find(|l| l.customer_id == id).unwrap();
        let r = line.rfm;
        assert_eq!(
            r.latest.map(|x| x.format("%Y-%m-%d").to_string()),
            latest,
            "{}",
            line.name
        );
        assert_eq!(
            r.r_days,
            latest.map(|l| (as_of - d(&l)).num_days()),
            "{}",
            line.name
        );
        assert_eq!((r.f, r.m_fen), (f, m), "{}", line.name);
        assert_eq!(line.scores.is_some(), f > 0, "无交易 has no scores");
    }
    // By hand: 甲 bought 2026-11-01 (30 days) and 2025-06-15 in the window (A3 exactly
    // 36 months before is out; the draft never counts).
    let jia = &lines.iter().find(|l| l.customer_id == ids[0]).unwrap().rfm;
    assert_eq!((jia.r_days, jia.f, jia.m_fen), (Some(30), 2, 10_000_000));
    // 乙: B1 a day inside the window; B2 is after the date; the rejected one never.
    let yi = &lines.iter().find(|l| l.customer_id == ids[1]).unwrap().rfm;
    assert_eq!((yi.f, yi.m_fen), (1, 3_000_000));
    // 丙 bought only before the window: 无交易 with an R.
    let bing = lines.iter().find(|l| l.customer_id == ids[2]).unwrap();
    assert_eq!((bing.rfm.f, bing.segment), (0, None));
    assert_eq!(bing.rfm.r_days, Some((as_of - d("2022-03-01")).num_days()));
    // All history: 丙 is scored, 甲 has A3 too.
    let (all, _) = store
        .rfm_table(as_of, Window::All, None, GradeRule::default())
        .unwrap();
    let jia = &all.iter().find(|l| l.customer_id == ids[0]).unwrap().rfm;
    assert_eq!((jia.f, jia.m_fen), (3, 19_900_000));
    assert!(
        all.iter()
            .any(|l| l.customer_id == ids[2] && l.scores.is_some())
    );
}

#[test]
fn the_biggest_buyer_is_graded_a_and_segments_are_named() {
    let (_d, store, ids) = sample();
    let (lines, t) = store
        .rfm_table(
            d("2026-12-01"),
            Window::Months(36),
            None,
            GradeRule::default(),
        )
        .unwrap();
    let jia = lines.iter().find(|l| l.customer_id == ids[0]).unwrap();
    let yi = lines.iter().find(|l| l.customer_id == ids[1]).unwrap();
    // M: 甲 100,000, 乙 30,000 → 甲 starts at 0 % (A), 乙 at 77 % (B).
    assert_eq!((jia.suggested, yi.suggested), (Some('A'), Some('B')));
    // 甲 is more recent, more frequent and bigger than the average: all high.
    assert_eq!(jia.segment, Some(Segment::ImportantValue));
    assert_eq!(yi.segment, Some(Segment::GeneralWinBack));
    // The thresholds used are the data's quintiles (two scored customers).
    assert_eq!(t.f, [1, 1, 2, 2]);
}

#[test]
fn churn_counts_customers_period_by_period_and_a_draft_never() {
    let (_d, store, _) = sample();
    let rows = store
        .churn_series(PeriodKind::Year, None, d("2026-12-01"))
        .unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(names, ["2022", "2023", "2024", "2025", "2026"]);
    let y = |p: &str| rows.iter().find(|r| r.period == p).unwrap();
    // 2023: 甲 and 乙 new (first contracts 2023-12-01/02); 丙 bought in 2022, not 2023.
    assert_eq!((y("2023").buyers, y("2023").lost, y("2023").new), (1, 1, 2));
    // 2024: nobody bought; 甲 and 乙 of 2023 lost.
    assert_eq!(
        (y("2024").buyers, y("2024").kept, y("2024").lost),
        (2, 0, 2)
    );
    // 2026 (to 12-01, 未结束): 甲's 2025 purchase kept in 2026 (the draft of 11-20
    // would not have counted; the in-force one of 11-01 does). 乙's B2 (12-05) is after
    // the date.
    let now = y("2026");
    assert_eq!((now.buyers, now.kept, now.lost, now.new), (1, 1, 0, 0));
    assert!(now.open && !y("2025").open);
}

proptest! {
    /// Whatever the purchases: 流失数 + 保持数 = 消费人数, and the rates add to 100 %.
    #[test]
    fn lost_and_kept_add_up(
        buys in prop::collection::vec((0i64..30, 0i64..1500), 0..200),
        kind in 0usize..3,
    ) {
        let start = d("2022-01-01");
        let purchases: Vec<Purchase> = buys
            .iter()
            .map(|(c, day)| Purchase { customer: *c, on: start + chrono::Duration::days(*day), fen: 100 })
            .collect();
        let kind = [PeriodKind::Year, PeriodKind::Quarter, PeriodKind::Month][kind];
        let rows = churn(&purchases, kind, start, d("2026-02-10"));
        let customers: std::collections::HashSet<i64> = purchases.iter().map(|p| p.customer).collect();
        prop_assert_eq!(rows.iter().map(|r| r.new).sum::<usize>(), customers.len());
        for r in rows {
            prop_assert_eq!(r.lost + r.kept, r.buyers);
            if let (Some(a), Some(b)) = (r.churn_rate(), r.retention_rate()) {
                prop_assert!((a + b - 100.0).abs() < 1e-9);
            } else {
                prop_assert_eq!(r.buyers, 0);
            }
        }
    }
}

/// The report 客户分析 shows: its churn is the CLI's, each group's series counts the
/// group's customers only (so the groups add up to the whole), and the customers named
/// as lost in a period are as many as its row counts, found again by plain SQL.
#[test]
fn the_value_report_splits_churn_into_groups_that_add_up_and_names_the_lost() {
    use kehu::store::value::{ChurnSplit, ValueAsk};
    let (_dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let today = kehu::store::today();
    for split in [ChurnSplit::Grade, ChurnSplit::Owner] {
        let ask = ValueAsk {
            as_of: today,
            window: Window::Months(36),
            period: PeriodKind::Year,
            split,
            thresholds: None,
            rule: GradeRule::default(),
        };
        let r = store.value_report(&ask).unwrap();
        assert_eq!(
            r.churn,
            store.churn_series(PeriodKind::Year, None, today).unwrap()
        );
        assert!(r.groups.len() >= 2, "{split:?}");
        for (k, row) in r.churn.iter().enumerate() {
            let in_groups = |f: fn(&kehu::domain::value::ChurnRow) -> usize| -> usize {
                r.groups
                    .iter()
                    .map(|(_, g)| g.iter().find(|x| x.start == row.start).map_or(0, f))
                    .sum()
            };
            assert_eq!(in_groups(|x| x.buyers), row.buyers, "{split:?} row {k}");
            assert_eq!(in_groups(|x| x.kept), row.kept, "{split:?} row {k}");
            assert_eq!(in_groups(|x| x.new), row.new, "{split:?} row {k}");
        }
        let last = r.churn.last().unwrap();
        let lost = kehu::domain::value::lost_in(&r.purchases, PeriodKind::Year, last.start, today);
        assert_eq!(lost.len(), last.lost);
        // By SQL: bought last year, nothing this year up to today.
        let (y0, y1) = (
            format!("{}-01-01", today.year() - 1),
            format!("{}-01-01", today.year()),
        );
        let counted = "deleted_at IS NULL AND superseded_by IS NULL \
                       AND status IN ('approved','in_force','completed')";
        let conn = rusqlite::Connection::open(store.path()).unwrap();
        let mut sql_lost: Vec<i64> = conn
            .prepare(&format!(
                "SELECT DISTINCT customer_id FROM contracts WHERE {counted}
                   AND signed_on >= ?1 AND signed_on < ?2
                   AND customer_id IN (SELECT id FROM customers WHERE deleted_at IS NULL)
                   AND customer_id NOT IN (SELECT customer_id FROM contracts
                       WHERE {counted} AND signed_on >= ?2 AND signed_on <= ?3)"
            ))
            .unwrap()
            .query_map(
                rusqlite::params![y0, y1, today.format("%Y-%m-%d").to_string()],
                |row| row.get(0),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        sql_lost.sort_unstable();
        assert_eq!(lost, sql_lost);
    }
}

/// The customers' grades as stored, by id, read by plain SQL.
fn grades(store: &Store) -> std::collections::BTreeMap<i64, String> {
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    conn.prepare("SELECT id, grade FROM customers WHERE deleted_at IS NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Applying the suggested grades is one 批量修改: every scored customer gets its
/// suggestion (无交易 ones keep their grade), the change log says so, and taking it back
/// restores every grade. After a second apply, a grade set by hand since (even in the
/// same second) can be kept.
#[test]
fn suggested_grades_are_applied_as_one_change_that_can_be_undone() {
    use kehu::domain::BulkField;
    use kehu::store::value::APPLIED_GRADES;
    use std::sync::atomic::AtomicBool;
    let (_dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let today = kehu::store::today();
    let table = |s: &Store| {
        s.rfm_table(today, Window::Months(36), None, GradeRule::default())
            .unwrap()
            .0
    };
    let before = grades(&store);
    let lines = table(&store);
    let plan = store.grade_plan(&lines, true).unwrap();
    assert!(
        plan.hand_set.is_empty(),
        "never applied: nothing set by hand since"
    );
    let differing = lines
        .iter()
        .filter(|l| l.suggested.is_some_and(|g| g.to_string() != l.grade))
        .count();
    assert!(differing > 0);
    assert_eq!(plan.changes.len(), differing);
    assert_eq!(
        plan.moves.iter().map(|m| m.1).sum::<usize>(),
        differing,
        "the moves count every change"
    );

    let no = AtomicBool::new(false);
    let done = store
        .bulk_set_each(
            BulkField::Grade,
            APPLIED_GRADES,
            &plan.changes,
            &mut |_, _| {},
            &no,
        )
        .unwrap()
        .expect("grades changed");
    assert_eq!(done.changed as usize, differing);
    assert_eq!(done.value, APPLIED_GRADES);
    let after = grades(&store);
    for l in &lines {
        let want = match l.suggested {
            Some(g) => g.to_string(),
            None => before[&l.customer_id].clone(),
        };
        assert_eq!(after[&l.customer_id], want, "{}", l.name);
    }
    // Nothing left to apply.
    assert!(
        store
            .grade_plan(&table(&store), false)
            .unwrap()
            .changes
            .is_empty()
    );

    store.undo_bulk_change(done.id).unwrap();
    assert_eq!(grades(&store), before, "every grade as it was");

    // Apply again, then change one grade by hand at once: kept on request.
    let plan = store.grade_plan(&table(&store), true).unwrap();
    store
        .bulk_set_each(
            BulkField::Grade,
            APPLIED_GRADES,
            &plan.changes,
            &mut |_, _| {},
            &no,
        )
        .unwrap()
        .unwrap();
    let (id, given) = plan.changes[0].clone();
    let (mut c, _) = store.customer(id).unwrap();
    let other = if given == "A" { "D" } else { "A" };
    c.grade = kehu::domain::Grade::from_code(other).unwrap();
    store.save_customer(&c).unwrap();
    let kept = store.grade_plan(&table(&store), true).unwrap();
    assert_eq!(kept.hand_set, vec![id]);
    assert!(kept.changes.is_empty(), "the hand-set grade is kept");
    let all = store.grade_plan(&table(&store), false).unwrap();
    assert_eq!(
        all.changes,
        vec![(id, given)],
        "or set back to its suggestion"
    );
}

/// 客户分析's defaults are kept as a setting; thresholds that do not rise and a window
/// outside 1–600 months are refused with the reason; fixed thresholds score as given.
#[test]
fn the_analysis_defaults_are_kept_and_bad_ones_refused() {
    use kehu::domain::value::Thresholds;
    use kehu::store::value::{ChurnSplit, ValueAsk, ValueSettings};
    let (_dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    assert_eq!(store.value_settings().unwrap(), ValueSettings::default());
    let t = Thresholds {
        r_days: [30, 90, 180, 365],
        f: [1, 2, 3, 5],
        m_fen: [1_000_000, 5_000_000, 10_000_000, 50_000_000],
    };
    let mine = ValueSettings {
        months: Some(24),
        abc: true,
        thresholds: Some(t.clone()),
    };
    store.set_value_settings(&mine).unwrap();
    assert_eq!(store.value_settings().unwrap(), mine);
    let falling = Thresholds {
        f: [3, 2, 1, 0],
        ..t.clone()
    };
    let err = store
        .set_value_settings(&ValueSettings {
            thresholds: Some(falling),
            ..mine.clone()
        })
        .unwrap_err();
    assert!(err.message().contains("从小到大"), "{}", err.message());
    let err = store
        .set_value_settings(&ValueSettings {
            months: Some(0),
            ..mine.clone()
        })
        .unwrap_err();
    assert!(err.message().contains("1 到 600"), "{}", err.message());
    assert_eq!(store.value_settings().unwrap(), mine, "nothing saved");
    // The fixed thresholds score: F of 4 contracts is above three of [1, 2, 3, 5].
    let r = store
        .value_report(&ValueAsk {
            as_of: kehu::store::today(),
            window: Window::Months(24),
            period: PeriodKind::Year,
            split: ChurnSplit::Overall,
            thresholds: Some(t.clone()),
            rule: GradeRule::Abc,
        })
        .unwrap();
    assert_eq!(r.thresholds, t);
    for l in r.lines.iter().filter(|l| l.rfm.f > 0) {
        let above = t.f.iter().filter(|c| l.rfm.f > **c).count() as u8;
        assert_eq!(l.scores.unwrap()[1], 1 + above, "{}", l.name);
        assert!(l.suggested.is_some_and(|g| "ABC".contains(g)), "ABC rule");
    }
}

/// The win-back list's details: the latest counted contract up to the date (not a
/// draft, a rejected or a terminated one, nor one signed after the date) and the open
/// complaints (not closed ones, other kinds or those in the trash).
#[test]
fn the_win_back_details_name_the_last_counted_contract_and_open_complaints() {
    use kehu::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    let (_d, mut store, [a, b, c, e]) = sample();
    let item = |cid: i64, kind, status| Feedback {
        customer_id: Some(cid),
        at: "2026-10-01".into(),
        kind,
        status,
        subject: "交货延迟".into(),
        ..Default::default()
    };
    for f in [
        item(a, FeedbackKind::Complaint, FollowStatus::Open),
        item(a, FeedbackKind::Complaint, FollowStatus::InProgress),
        item(a, FeedbackKind::Complaint, FollowStatus::Closed),
        item(a, FeedbackKind::Visit, FollowStatus::Open),
        item(c, FeedbackKind::Complaint, FollowStatus::Resolved),
    ] {
        store.save_feedback(&f).unwrap();
    }
    let gone = store
        .save_feedback(&item(b, FeedbackKind::Complaint, FollowStatus::Open))
        .unwrap();
    store.trash_feedback(gone).unwrap();

    let got = store
        .win_back_details(&[a, b, c, e], d("2026-11-30"))
        .unwrap();
    let show = |id: i64| {
        let i = &got[&id];
        (
            i.last_number.as_str(),
            i.last_signed.as_str(),
            i.last_fen / 100,
            i.open_complaints,
        )
    };
    assert_eq!(show(a), ("A1", "2026-11-01", 80_000, 2), "not the draft A4");
    assert_eq!(
        show(b),
        ("B1", "2023-12-02", 30_000, 0),
        "B2 is after the date"
    );
    assert_eq!(
        show(c),
        ("C1", "2022-03-01", 10_000, 0),
        "not the terminated C2"
    );
    assert_eq!(show(e), ("", "", 0, 0), "never bought");
    // A day before A1 was signed, A2 is a's latest.
    let got = store.win_back_details(&[a], d("2026-10-31")).unwrap();
    assert_eq!(got[&a].last_number, "A2");
}
