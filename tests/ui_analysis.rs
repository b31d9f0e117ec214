//! 客户分析 headless: the figures worked out on the worker thread match the store's, a
//! segment clicked narrows the RFM table to its customers, a line opens the customer,
//! the win-back list names the customers lost this period and records a visit. The
//! charts are clicked where their bars and points are drawn.

mod common;

use chrono::Datelike;
use common::ui::{self, H, has_text, wait_for};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::domain::value::{GradeRule, PeriodKind, Segment, Window};

fn harness(store: kehu::store::Store) -> H {
    ui::harness(store, [1600.0, 1000.0])
}

/// The text in the box labelled `label`.
fn box_text(h: &H, label: &str) -> Option<String> {
    h.query_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .and_then(|n| n.accesskit_node().value().map(|v| v.to_string()))
}

#[test]
fn the_analysis_tab_shows_segments_and_churn_and_opens_the_customers_behind_them() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let today = kehu::store::today();
    let (lines, _) = store
        .rfm_table(today, Window::Months(36), None, GradeRule::default())
        .unwrap();
    let at_risk: Vec<_> = lines
        .iter()
        .filter(|l| l.segment == Some(Segment::ImportantWinBack))
        .collect();
    assert!(
        !at_risk.is_empty(),
        "the demo has valuable customers slipping away"
    );
    let churn = store.churn_series(PeriodKind::Year, None, today).unwrap();
    let this_year = churn.last().unwrap().clone();
    assert_eq!(this_year.period, today.year().to_string());
    assert!(churn.len() >= 5, "several years of history");

    let mut h = harness(store);
    h.run();
    h.get_by_label("客户分析").click();
    let button = format!("重要挽留客户 {}", at_risk.len());
    wait_for(&mut h, &button);
    // This year, marked as not over, beside last year, with the counts the store gives.
    assert!(has_text(&h, &format!("{}（未结束）", this_year.period)));
    let last_year = &churn[churn.len() - 2];
    assert!(has_text(&h, &last_year.period));
    assert!(has_text(
        &h,
        &format!("{:.1}%", last_year.churn_rate().unwrap())
    ));

    // A point of the churn chart clicked (last year's churn rate): the table shows the
    // customers lost last year.
    let at = churn.len() - 2;
    let pos = ui::chart_point(
        &h,
        "churn-chart",
        at as f64,
        last_year.churn_rate().unwrap(),
    );
    ui::click_at(&mut h, pos);
    let lost = format!("流失于 {}（{}）", last_year.period, last_year.lost);
    assert!(has_text(&h, &lost), "{lost}");
    assert!(has_text(&h, &format!("显示 {} 个", last_year.lost)));
    // The bar of 重要挽留客户 clicked: the table shows its customers.
    let bar = Segment::ALL
        .iter()
        .position(|s| *s == Segment::ImportantWinBack)
        .unwrap();
    let pos = ui::chart_point(&h, "segment-chart", bar as f64, at_risk.len() as f64 / 2.0);
    ui::click_at(&mut h, pos);
    assert!(has_text(&h, &format!("显示 {} 个", at_risk.len())));
    assert!(!has_text(&h, &lost), "the lost customers' filter is gone");
    // The segment's button does the same, after the filters are cleared.
    ui::click(&mut h, "清除筛选");
    h.get_by_label(&button).click();
    h.run();
    assert!(has_text(&h, &format!("显示 {} 个", at_risk.len())));
    // A line opens its customer on 客户信息.
    h.get_by_label(&at_risk[0].name).click();
    h.run_steps(3);
    assert_eq!(
        box_text(&h, "客户名称 *").as_deref(),
        Some(at_risk[0].name.as_str()),
        "the customer's form is open"
    );
    // Its picture says what it is worth, and why, as the tab does.
    let l = at_risk[0];
    let s = l.scores.unwrap();
    wait_for(
        &mut h,
        &format!(
            "R {} · F {} · M {} · 重要挽留客户 · 建议等级 {}",
            s[0],
            s[1],
            s[2],
            l.suggested.unwrap()
        ),
    );
    assert!(has_text(
        &h,
        &format!(
            "最近一次签约 {} 天前；36 个月内 {} 份合同",
            l.rfm.r_days.unwrap(),
            l.rfm.f
        )
    ));

    // The win-back list: the customers who bought last year and not this year.
    h.get_by_label("客户分析").click();
    wait_for(&mut h, &button);
    ui::click(&mut h, "挽回名单");
    let lost = format!("流失于 {}（{}）", this_year.period, this_year.lost);
    assert!(has_text(&h, &lost), "{lost}");
    assert!(has_text(&h, &format!("显示 {} 个", this_year.lost)));
    // One click records a win-back visit as feedback for that customer.
    h.get_all_by_label("记录挽回拜访").next().unwrap().click();
    h.run_steps(3);
    assert_eq!(box_text(&h, "主题 *").as_deref(), Some("挽回拜访"));
    assert!(has_text(&h, "新建反馈"));
}

/// 应用建议等级 says how many customers would change grade, applies them on a worker
/// thread as one 批量修改, and the figures are worked out again with the new grades.
#[test]
fn the_suggested_grades_are_shown_then_applied() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let today = kehu::store::today();
    let (lines, _) = store
        .rfm_table(today, Window::Months(36), None, GradeRule::default())
        .unwrap();
    let differing = lines
        .iter()
        .filter(|l| l.suggested.is_some_and(|g| g.to_string() != l.grade))
        .count();
    assert!(differing > 0);
    let mut h = harness(store);
    h.run();
    h.get_by_label("客户分析").click();
    wait_for(&mut h, "挽回名单");
    ui::click(&mut h, "应用建议等级…");
    assert!(has_text(&h, &format!("将改变 {differing} 个客户的等级")));
    ui::click(&mut h, "应用");
    wait_for(
        &mut h,
        &format!("已按建议等级修改 {differing} 个客户的等级"),
    );
    let store = h.state().store().unwrap();
    let (lines, _) = store
        .rfm_table(today, Window::Months(36), None, GradeRule::default())
        .unwrap();
    assert!(
        lines
            .iter()
            .all(|l| l.suggested.is_none_or(|g| g.to_string() == l.grade)),
        "every customer with purchases has its suggested grade"
    );
    assert_eq!(store.bulk_changes().unwrap()[0].changed as usize, differing);
}

/// 分界值… fixes the thresholds in use (the data's quintiles, shown as numbers) and
/// keeps them, with the window and the grade rule, as the tab's defaults.
#[test]
fn the_thresholds_in_use_are_fixed_and_kept_as_defaults() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let (_, quintiles) = store
        .rfm_table(
            kehu::store::today(),
            Window::Months(36),
            None,
            GradeRule::default(),
        )
        .unwrap();
    let mut h = harness(store);
    h.run();
    h.get_by_label("客户分析").click();
    wait_for(&mut h, "挽回名单");
    ui::click(&mut h, "ABC");
    wait_for(&mut h, "挽回名单");
    ui::click(&mut h, "分界值…");
    ui::click(&mut h, "使用固定分界值");
    ui::click(&mut h, "保存为默认");
    assert!(has_text(&h, "已保存为默认"));
    let kept = h.state().store().unwrap().value_settings().unwrap();
    assert_eq!(kept.thresholds, Some(quintiles));
    assert_eq!(kept.months, Some(36));
    assert!(kept.abc, "the rule chosen on the tab");
}

/// The win-back list: the customers who bought last year and not this year, the most
/// valuable first, each with its latest contract and its open complaints (counted here
/// by hand from what was recorded).
#[test]
fn the_win_back_list_names_the_last_contract_and_open_complaints() {
    use kehu::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    let y = kehu::store::today().year();
    let mut add = |name: &str| store.save_customer(&common::customer(name)).unwrap();
    let (jia, yi, bing) = (
        add("甲方贸易有限公司"),
        add("乙方机电有限公司"),
        add("丙方食品有限公司"),
    );
    for (cid, number, on, yuan, status) in [
        (jia, "JA-1", format!("{}-03-01", y - 1), 50_000, "completed"),
        (jia, "JA-2", format!("{}-09-01", y - 1), 20_000, "completed"),
        (yi, "YI-1", format!("{}-05-01", y - 1), 10_000, "completed"),
        (yi, "YI-2", format!("{y}-01-01"), 10_000, "completed"),
        (
            bing,
            "BI-1",
            format!("{}-06-01", y - 1),
            30_000,
            "completed",
        ),
        (bing, "BI-2", format!("{y}-01-01"), 9_000, "draft"),
    ] {
        common::contract(&mut store, cid, number, &on, yuan, status);
    }
    // 甲: six complaints still open, one closed, one open visit; 丙: a resolved one.
    let item = |cid: i64, kind, status| Feedback {
        customer_id: Some(cid),
        at: format!("{}-10-01", y - 1),
        kind,
        status,
        subject: "交货延迟".into(),
        ..Default::default()
    };
    let mut items = vec![item(jia, FeedbackKind::Complaint, FollowStatus::Open); 6];
    items.push(item(jia, FeedbackKind::Complaint, FollowStatus::Closed));
    items.push(item(jia, FeedbackKind::Visit, FollowStatus::Open));
    items.push(item(bing, FeedbackKind::Complaint, FollowStatus::Resolved));
    for f in &items {
        store.save_feedback(f).unwrap();
    }

    let mut h = harness(store);
    h.run();
    h.get_by_label("客户分析").click();
    wait_for(&mut h, "挽回名单");
    ui::click(&mut h, "挽回名单");
    assert!(
        has_text(&h, &format!("流失于 {y}（2）")),
        "甲 and 丙, not 乙"
    );
    assert!(has_text(&h, "显示 2 个"));
    wait_for(&mut h, "JA-2（¥20,000.00）");
    assert!(
        has_text(&h, "BI-1（¥30,000.00）"),
        "the draft BI-2 does not count"
    );
    assert!(!has_text(&h, "YI-"), "乙 bought again this year");
    assert!(h.query_by_label("6").is_some(), "甲's open complaints");
    // The most valuable (by M) first: 甲 (70,000) above 丙 (30,000).
    let top = |label: &str| h.get_by_label(label).rect().top();
    assert!(top("甲方贸易有限公司") < top("丙方食品有限公司"));
}
