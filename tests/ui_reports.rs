//! 统计报表 headless: the supervisor picks 本季度, sees the figures the store gives with
//! the period before beside them, clicks the biggest industry's bar and lands on those
//! customers; a month's bar of 签约金额 opens the contracts signed in it.

mod common;

use common::ui::{self, has_text, wait_for};
use egui_kittest::kittest::Queryable;
use kehu::domain::money::format_fen;
use kehu::domain::reports::{CustomerDim, Period, total};

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

    let mut h = ui::harness(store, [1600.0, 1000.0]);
    h.run();
    h.get_by_label("统计报表").click();
    h.run();
    h.get_by_label("本季度").click();
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
