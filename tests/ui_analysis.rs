//! 客户分析 headless: the figures worked out on the worker thread match the store's, a
//! segment clicked narrows the RFM table to its customers, a line opens the customer,
//! the win-back list names the customers lost this period and records a visit.

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

    // The segment clicked: the table shows its customers, in name order.
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
