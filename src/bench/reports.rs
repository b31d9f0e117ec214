//! `kehu bench-reports`.

use std::time::Instant;

use super::{ms, peak_rss_mib, stats};

/// `kehu bench-reports`: N customers with about M counted contracts over three years
/// (one installment each, part paid); every 统计报表 figure for the last 12 months,
/// as the tab works it out (a new connection on a worker).
pub fn reports(customers: usize, contracts: usize) -> Result<String, String> {
    let t = Instant::now();
    let (_dir, mut store, ids) = super::with_customers("reports", customers, 13)?;
    let err = |e: crate::store::StoreError| e.detail();
    let today = crate::store::today();
    let each = contracts.div_ceil(ids.len().max(1));
    let written = store
        .generate_receivables_for_bench(&ids, each, 1, today)
        .map_err(err)?;
    let setup = t.elapsed();
    let period = crate::domain::reports::Period::last_12_months(today);
    let mut out = format!(
        "kehu bench-reports: {} customers, {written} contracts, {} build\n\n\
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
    for _ in 0..5 {
        let opener = store.opener();
        let t = Instant::now();
        let s = opener.open().map_err(err)?;
        let summary = s.report_summary(&period).map_err(err)?;
        runs.push(ms(t.elapsed()));
        signed = crate::domain::reports::total(&summary.signed_by_month).count;
    }
    let (p50, _, max) = stats(runs);
    out.push_str(&format!(
        "| every 统计报表 figure, 近 12 个月 ({signed} contracts signed in it), a new connection each time | {p50:.0} ms | {max:.0} ms |\n"
    ));
    out.push_str(&format!(
        "\nsetup: written in {:.0} s; peak RSS {:.0} MiB\n",
        setup.as_secs_f64(),
        peak_rss_mib()
    ));
    Ok(out)
}
