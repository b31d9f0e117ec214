//! `kehu bench-reports`.

use std::time::Instant;

use super::{ms, peak_rss_mib, stats};

/// `kehu bench-reports`: N customers with about M counted contracts over three years
/// (one installment each, part paid) and F feedback items; every 统计报表 figure for
/// the last 12 months, as the tab works it out (a new connection on a worker); a frame
/// of the tab with every chart drawn; the printed report (pages laid out and the PDF
/// written).
pub fn reports(customers: usize, contracts: usize, feedback: usize) -> Result<String, String> {
    let t = Instant::now();
    let (_dir, mut store, ids) = super::with_customers("reports", customers, 13)?;
    let err = |e: crate::store::StoreError| e.detail();
    let today = crate::store::today();
    let each = contracts.div_ceil(ids.len().max(1));
    let written = store
        .generate_receivables_for_bench(&ids, each, 1, today)
        .map_err(err)?;
    let per = feedback.div_ceil(ids.len().max(1));
    let items = store
        .generate_feedback_for_bench(&ids, per, 0, today)
        .map_err(err)?;
    let setup = t.elapsed();
    let period = crate::domain::reports::Period::last_12_months(today);
    let mut out = format!(
        "kehu bench-reports: {} customers, {written} contracts, {items} feedback items, {} build\n\n\
         | measure | p50 | max |\n|---|---|---|\n",
        ids.len(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    let mut runs = Vec::new();
    let mut signed = 0;
    let mut summary = None;
    for _ in 0..5 {
        let opener = store.opener();
        let t = Instant::now();
        let s = opener.open().map_err(err)?;
        let got = s.report_summary(&period).map_err(err)?;
        runs.push(ms(t.elapsed()));
        signed = crate::domain::reports::total(&got.signed_by_month).count;
        summary = Some(got);
    }
    let summary = summary.ok_or("no run")?;
    let (p50, _, max) = stats(runs);
    out.push_str(&format!(
        "| every 统计报表 figure, 近 12 个月 ({signed} contracts signed in it), a new connection each time | {p50:.0} ms | {max:.0} ms |\n"
    ));

    // 应收余额 (month ends and the ageing at the end), which the tab asks for once the
    // rest is on screen.
    let mut runs = Vec::new();
    let mut owing = 0;
    for _ in 0..5 {
        let opener = store.opener();
        let t = Instant::now();
        let s = opener.open().map_err(err)?;
        owing = s.report_owed(&period).map_err(err)?.customers;
        runs.push(ms(t.elapsed()));
    }
    let (p50, _, max) = stats(runs);
    out.push_str(&format!(
        "| 月末应收余额 and 期末应收账龄 ({owing} customers owe at the end), asked once the rest is in | {p50:.0} ms | {max:.0} ms |\n"
    ));

    // The 应收账款 tab's list as of the period's last day, the same reading.
    let mut runs = Vec::new();
    for _ in 0..5 {
        let opener = store.opener();
        let t = Instant::now();
        let s = opener.open().map_err(err)?;
        s.ageing(period.to).map_err(err)?;
        runs.push(ms(t.elapsed()));
    }
    let (p50, _, max) = stats(runs);
    out.push_str(&format!(
        "| (for comparison: the 应收账款 list as of the period's last day) | {p50:.0} ms | {max:.0} ms |\n"
    ));

    // A frame of the tab once its figures are in: every chart and table laid out and
    // tessellated, as the window draws it (short of the GPU).
    let path = store.path().to_path_buf();
    store.sign_in("admin", super::PASSWORD).map_err(err)?;
    let ctx = egui::Context::default();
    crate::ui::fonts::install(&ctx, crate::ui::fonts::CjkSource::BundledOnly);
    let mut app = crate::ui::KehuApp::new(Ok(store), path.clone());
    app.open_tab(crate::ui::app::Tab::Reports);
    let mut at = 0.0;
    let waited = Instant::now();
    while !app.reports_shown() {
        super::frame(&ctx, &mut app, at);
        at += 0.016;
        std::thread::sleep(std::time::Duration::from_millis(5));
        if waited.elapsed().as_secs() > 60 {
            return Err("统计报表 never showed its figures".into());
        }
    }
    let mut frames = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        super::frame(&ctx, &mut app, at);
        frames.push(ms(t.elapsed()));
        at += 0.016;
    }
    let (p50, _, max) = stats(frames);
    out.push_str(&format!(
        "| a frame of 统计报表 with its figures (1280×800, every chart laid out) | {p50:.1} ms | {max:.1} ms |\n"
    ));

    // The printed report: pages laid out, the PDF written.
    let store = app.into_store().ok_or("the store")?;
    let page = crate::io::print::layout::PageSetup::default();
    let out_pdf = path.with_extension("pdf");
    let mut runs = Vec::new();
    let mut pages = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let laid = crate::io::print::business_report_pages(
            &store,
            crate::io::print::report::title(&summary),
            &summary,
            Default::default(),
            &page,
        )
        .map_err(err)?;
        crate::io::print::pdf::write_pdf(&laid, &page, "bench", &out_pdf)?;
        runs.push(ms(t.elapsed()));
        pages = laid.len();
    }
    let (p50, _, max) = stats(runs);
    out.push_str(&format!(
        "| 打印报表: {pages} pages laid out and written as PDF | {p50:.0} ms | {max:.0} ms |\n"
    ));
    out.push_str(&format!(
        "\nsetup: written in {:.0} s; peak RSS {:.0} MiB\n",
        setup.as_secs_f64(),
        peak_rss_mib()
    ));
    Ok(out)
}
