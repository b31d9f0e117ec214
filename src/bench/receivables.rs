//! `kehu bench-receivables`.

use std::time::Instant;

use super::{ms, peak_rss_mib, stats};

/// `kehu bench-receivables`: N customers with contracts holding about M installments in
/// all (three per contract, three years of signing dates, part paid); the ageing list
/// as of several dates, the overdue list, and the credit check a submission runs.
pub fn receivables(customers: usize, installments: usize) -> Result<String, String> {
    use crate::domain::contract::Contract;
    let t = Instant::now();
    let (_dir, mut store, ids) = super::with_customers("receivables", customers, 7)?;
    let err = |e: crate::store::StoreError| e.detail();
    let per = 3;
    let contracts_each = installments.div_ceil(per * ids.len().max(1));
    let today = crate::store::today();
    let written = store
        .generate_receivables_for_bench(&ids, contracts_each, per, today)
        .map_err(err)?;
    let setup = t.elapsed();
    let mut out = format!(
        "kehu bench-receivables: {} customers, {written} installments, {} build\n\n\
         | measure | p50 | max |\n|---|---|---|\n",
        ids.len(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    let dates: Vec<chrono::NaiveDate> = [0i64, 30, 180, 365, 730]
        .iter()
        .map(|d| today - chrono::Duration::days(*d))
        .collect();
    let mut ageing = Vec::new();
    let mut lines = 0;
    for _ in 0..2 {
        for d in &dates {
            let t = Instant::now();
            lines = store.ageing(*d).map_err(err)?.len();
            ageing.push(ms(t.elapsed()));
        }
    }
    if std::env::var_os("KEHU_BENCH_VERBOSE").is_some() {
        eprintln!("ageing samples: {ageing:.0?}");
    }
    let (p50, _, max) = stats(ageing);
    out.push_str(&format!(
        "| ageing list as of a date ({lines} customers owe today's) | {p50:.0} ms | {max:.0} ms |\n"
    ));
    // As the window does it: a worker thread opens its own connection for each date.
    let mut fresh = Vec::new();
    for d in &dates {
        let opener = store.opener();
        let t = Instant::now();
        let s = opener.open().map_err(err)?;
        std::hint::black_box(s.ageing(*d).map_err(err)?);
        fresh.push(ms(t.elapsed()));
    }
    let (p50, _, max) = stats(fresh);
    out.push_str(&format!(
        "| the same as the 应收账款 tab does it (a new connection each time) | {p50:.0} ms | {max:.0} ms |\n"
    ));
    let mut overdue = Vec::new();
    for d in &dates {
        let t = Instant::now();
        std::hint::black_box(store.overdue_installments(*d).map_err(err)?);
        overdue.push(ms(t.elapsed()));
    }
    let (p50, _, max) = stats(overdue);
    out.push_str(&format!(
        "| overdue installments as of a date | {p50:.0} ms | {max:.0} ms |\n"
    ));
    let mut check = Vec::new();
    for (i, id) in ids.iter().enumerate().step_by((ids.len() / 200).max(1)) {
        let c = Contract {
            customer_id: Some(*id),
            amount_fen: (i as i64 % 50 + 1) * 100_000,
            ..Default::default()
        };
        let t = Instant::now();
        std::hint::black_box(store.credit_hold(&c).map_err(err)?);
        check.push(ms(t.elapsed()));
    }
    let (p50, _, max) = stats(check);
    out.push_str(&format!(
        "| credit check on submitting a contract | {p50:.2} ms | {max:.2} ms |\n"
    ));
    // 客户价值与流失 over the same contracts: the RFM table and ten years of churn.
    let mut value = Vec::new();
    let mut churn = Vec::new();
    let mut counted = 0;
    for d in &dates[..3] {
        let t = Instant::now();
        let (lines, _) = store
            .rfm_table(
                *d,
                crate::domain::value::Window::Months(36),
                None,
                Default::default(),
            )
            .map_err(err)?;
        std::hint::black_box(lines);
        value.push(ms(t.elapsed()));
        let t = Instant::now();
        let rows = store
            .churn_series(
                crate::domain::value::PeriodKind::Month,
                Some(*d - chrono::Duration::days(3650)),
                *d,
            )
            .map_err(err)?;
        std::hint::black_box(rows);
        churn.push(ms(t.elapsed()));
        let t = Instant::now();
        counted = store.purchases().map_err(err)?.len();
        if std::env::var_os("KEHU_BENCH_VERBOSE").is_some() {
            eprintln!("purchases read in {:.0} ms", ms(t.elapsed()));
        }
    }
    // What 客户分析 works out on its worker thread: the RFM table and ten years of monthly
    // churn split by salesperson, from one reading of the contracts; then re-sorting
    // the table (by M, by R), which the tab does on the UI thread.
    let mut report = Vec::new();
    let mut resort = Vec::new();
    for d in &dates[..3] {
        let t = Instant::now();
        let r = store
            .value_report(&crate::store::value::ValueAsk {
                as_of: *d,
                window: crate::domain::value::Window::Months(36),
                period: crate::domain::value::PeriodKind::Month,
                split: crate::store::value::ChurnSplit::Owner,
                thresholds: None,
                rule: Default::default(),
            })
            .map_err(err)?;
        report.push(ms(t.elapsed()));
        // M and R.
        for column in [5, 3] {
            let mut v: Vec<usize> = (0..r.lines.len()).collect();
            let t = Instant::now();
            crate::ui::analysis::sort_lines(
                &r.lines,
                &mut v,
                crate::store::Sort {
                    column,
                    descending: true,
                },
            );
            resort.push(ms(t.elapsed()));
            std::hint::black_box(v);
        }
    }
    let (p50, _, max) = stats(value);
    out.push_str(&format!(
        "| RFM table as of a date ({counted} counted contracts) | {p50:.0} ms | {max:.0} ms |\n"
    ));
    let (p50, _, max) = stats(report);
    out.push_str(&format!(
        "| 客户分析 report: RFM + ten years monthly churn by salesperson | {p50:.0} ms | {max:.0} ms |\n"
    ));
    let (p50, _, max) = stats(resort);
    out.push_str(&format!(
        "| re-sorting the RFM table (by M, by R) | {p50:.1} ms | {max:.1} ms |\n"
    ));
    let (p50, _, max) = stats(churn);
    out.push_str(&format!(
        "| churn series, ten years by month | {p50:.0} ms | {max:.0} ms |\n"
    ));
    out.push_str(&format!(
        "\nsetup: {} customers and their contracts written in {:.0} s; peak RSS {:.0} MiB\n",
        ids.len(),
        setup.as_secs_f64(),
        peak_rss_mib()
    ));
    Ok(out)
}
