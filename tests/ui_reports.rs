//! 统计报表 headless: the supervisor picks 本季度, sees the figures the store gives with
//! the period before beside them, clicks the biggest industry's bar and lands on those
//! customers; a month's bar of 签约金额 opens the contracts signed in it.

mod common;

use common::ui::{self, has_text, wait_for};
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::domain::money::format_fen;
use kehu::domain::reports::{CustomerDim, Period, total};

/// The window on 统计报表 with `period` (本月, 本季度, 本年 …) picked.
fn reports(store: kehu::store::Store, period: &str) -> ui::H {
    let mut h = ui::harness(store, [1600.0, 1000.0]);
    h.run();
    h.get_by_label("统计报表").click();
    h.run();
    h.get_by_label(period).click();
    h
}

#[test]
fn a_bar_clicked_opens_the_list_behind_it() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let quarter = Period::this_quarter(kehu::store::today());
    let s = store.report_summary(&quarter).unwrap();
    let industries = &s
        .customers_by
        .iter()
        .find(|(d, _)| *d == CustomerDim::Industry)
        .unwrap()
        .1;
    let biggest = industries[0].clone();
    assert!(
        !biggest.key.is_empty() && biggest.count > 1,
        "{industries:?}"
    );
    let shown = industries.len().min(15);
    let all_customers = store.count_customers(&Default::default()).unwrap();

    let mut h = reports(store, "本季度");
    let signed = total(&s.signed_by_month);
    wait_for(
        &mut h,
        &format!(
            "签约金额 {}（上期 {}）",
            format_fen(signed.amount_fen),
            format_fen(s.before_signed.amount_fen)
        ),
    );
    assert!(has_text(
        &h,
        &format!(
            "新增客户 {}（上期 {}）",
            total(&s.new_customers).count,
            s.before_new
        )
    ));
    // The distribution by 行业: the biggest on top (bars lie down, the first highest).
    let pos = ui::chart_point(
        &h,
        "report-customers-by",
        biggest.count as f64 / 2.0,
        (shown - 1) as f64,
    );
    ui::click_at(&mut h, pos);
    wait_for(
        &mut h,
        &format!("共 {all_customers} 条，已筛选 {} 条", biggest.count),
    );

    // Back, and the quarter's first month with contracts signed clicked.
    h.get_by_label("统计报表").click();
    h.run_steps(3);
    let (i, month) = s
        .signed_by_month
        .iter()
        .enumerate()
        .find(|(_, t)| t.count > 0)
        .expect("the demo signs contracts every month");
    ui::wait_for(&mut h, "每月签约金额");
    let pos = ui::chart_point(&h, "report-signed", i as f64, 1.0);
    ui::click_at(&mut h, pos);
    let first = format!("{}-01", month.key);
    wait_for(&mut h, &format!("签订日期 {first} 至"));
    wait_for(&mut h, &format!("已筛选 {} 条", month.count));
}

/// 打印报表… shows the report's pages for the period picked (the period in the head of
/// the page, every page numbered); unticking 客户 leaves its charts out of the pages.
#[test]
fn the_report_prints_from_the_tab_with_the_parts_picked() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let month = Period::this_month(kehu::store::today());
    let mut h = reports(store, "本月");
    wait_for(&mut h, "签约金额 ");
    // The report prints once 应收余额 is in as well.
    wait_for(&mut h, "期末应收账龄（截至");
    h.get_by_label("打印报表…").click();
    wait_for(&mut h, "第 1 页 / 共");
    // The page as the preview shows it (its text is the page's, for screen readers).
    let page = |h: &ui::H| {
        h.get_by_role(egui::accesskit::Role::Document)
            .accesskit_node()
            .label()
            .unwrap_or_default()
    };
    let period = format!("统计期间：{} 至 {}", month.from, month.to);
    let first = page(&h);
    assert!(first.contains(&period), "no {period} in {first}");
    assert!(first.contains("月度经营报表"), "{first}");
    assert!(
        first.contains("每月新增客户"),
        "the first page starts with 客户"
    );
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "客户")
        .click();
    for _ in 0..100 {
        h.run_steps(2);
        if h.query_by_role(egui::accesskit::Role::Document).is_some()
            && !page(&h).contains("每月新增客户")
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let first = page(&h);
    assert!(
        !first.contains("每月新增客户"),
        "客户 still printed: {first}"
    );
    assert!(
        first.contains("每月签约（按业务员）"),
        "合同 comes first now: {first}"
    );
}

/// 等级 is shown as a donut; a click on the largest grade's slice opens 客户信息
/// filtered to that grade.
#[test]
fn a_donut_slice_clicked_opens_the_customers_of_that_grade() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let year = Period::this_year(kehu::store::today());
    let s = store.report_summary(&year).unwrap();
    let grades = &s
        .customers_by
        .iter()
        .find(|(d, _)| *d == CustomerDim::Grade)
        .unwrap()
        .1;
    let sum: i64 = grades.iter().map(|t| t.count).sum();
    let first = grades[0].clone();
    let all_customers = store.count_customers(&Default::default()).unwrap();
    let mut h = reports(store, "本年");
    wait_for(&mut h, "签约金额 ");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "等级")
        .click();
    h.run_steps(3);
    let rect = h.get_by_label("report-customers-donut").rect();
    let (centre, r_out, r_in) = kehu::ui::chart::donut_geometry(rect);
    // The middle of the first slice: half its share of the circle, clockwise from 12.
    let angle = std::f32::consts::TAU * first.count as f32 / sum as f32 / 2.0;
    let r = (r_out + r_in) / 2.0;
    let pos = centre + egui::vec2(r * angle.sin(), -r * angle.cos());
    ui::click_at(&mut h, pos);
    wait_for(
        &mut h,
        &format!("共 {all_customers} 条，已筛选 {} 条", first.count),
    );
}

/// 期末应收账龄 comes once the rest is on screen (it reads every installment): the
/// customers owing at the period's last day as the 应收账款 tab counts them; a bucket's
/// bar clicked opens 应收账款 as of that day.
#[test]
fn the_ageing_at_the_end_opens_the_receivables_as_of_that_day() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let quarter = Period::this_quarter(kehu::store::today());
    // As of the quarter's last day, or today while it is still to come.
    let end = quarter.to.min(kehu::store::today());
    let rows = store.ageing(end).unwrap();
    let (buckets, _) = kehu::store::receivables::ageing_totals(&rows);
    let (i, most) = buckets.iter().enumerate().max_by_key(|(_, b)| **b).unwrap();
    assert!(*most > 0, "the demo's customers owe: {buckets:?}");

    let mut h = reports(store, "本季度");
    let heading = format!("期末应收账龄（截至 {}，{} 个客户欠款）", end, rows.len());
    wait_for(&mut h, &heading);
    h.get_by_label(&heading).scroll_to_me();
    h.run_steps(4);
    let pos = ui::chart_point(&h, "report-ageing", i as f64, *most as f64 / 200.0);
    ui::click_at(&mut h, pos);
    wait_for(
        &mut h,
        &kehu::strings::ageing_status(&kehu::strings::show_date(&end.to_string()), rows.len()),
    );
}

/// A month's bar of 每月新增客户 opens 客户信息 narrowed to the customers recorded that
/// month (the filter said, × beside it); the largest 来源's bar opens those customers.
#[test]
fn new_customers_and_sources_open_their_customers() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 120).unwrap();
    let year = Period::this_year(kehu::store::today());
    let s = store.report_summary(&year).unwrap();
    let (i, month) = s
        .new_customers
        .iter()
        .enumerate()
        .max_by_key(|(_, t)| t.count)
        .unwrap();
    assert!(month.count > 0);
    let sources = &s
        .customers_by
        .iter()
        .find(|(d, _)| *d == CustomerDim::Source)
        .unwrap()
        .1;
    let top = sources[0].clone();
    let shown = sources.len().min(15);
    let all = store.count_customers(&Default::default()).unwrap();

    let mut h = reports(store, "本年");
    wait_for(&mut h, "签约金额 ");
    h.run_steps(3);
    let pos = ui::chart_point(
        &h,
        "report-new-customers",
        i as f64,
        month.count as f64 / 2.0,
    );
    ui::click_at(&mut h, pos);
    wait_for(&mut h, &format!("共 {all} 条，已筛选 {} 条", month.count));
    let first = format!("{}-01", month.key);
    assert!(has_text(&h, &format!("建档日期 {first} 至 ")));

    h.get_by_label("统计报表").click();
    h.run_steps(3);
    h.get_by_label("来源").click();
    h.run_steps(3);
    let pos = ui::chart_point(
        &h,
        "report-customers-by",
        top.count as f64 / 2.0,
        (shown - 1) as f64,
    );
    ui::click_at(&mut h, pos);
    wait_for(&mut h, &format!("共 {all} 条，已筛选 {} 条", top.count));
    let named = kehu::strings::report_value(CustomerDim::Source, &top.key, kehu::strings::Lang::Zh);
    assert!(has_text(&h, &format!("来源：{named} ×")), "{named}");
}
