//! `kehu bench-today`.

use std::time::Instant;

use super::{ms, peak_rss_mib, stats};

/// `kehu bench-today`: N customers, C contacts among them (each with a birthday),
/// about M feedback items (one in a hundred open) and contracts with payment plans for
/// one customer in ten; 工作台's whole list worked out as the tab does it (a new connection on a
/// worker), and again after a change.
pub fn today(customers: usize, feedback: usize, contacts_wanted: usize) -> Result<String, String> {
    let t = Instant::now();
    let (_dir, mut store, ids) = super::with_customers("today", customers, 11)?;
    let err = |e: crate::store::StoreError| e.detail();
    let today = crate::store::today();
    let per = feedback.div_ceil(ids.len().max(1));
    let written = store
        .generate_feedback_for_bench(&ids, per, contacts_wanted, today)
        .map_err(err)?;
    // Contracts with installments for one customer in ten (three each).
    let some: Vec<i64> = ids.iter().step_by(10).copied().collect();
    let installments = store
        .generate_receivables_for_bench(&some, 1, 3, today)
        .map_err(err)?;
    let contacts = store.contact_count().map_err(err)?;
    let settings = store.work_settings().map_err(err)?;
    // The visit rules as on a day's first start: planned visits make 久未联系 read the
    // last contacts without them (the path a file in use takes).
    let planned = store.plan_visits(today, &settings).map_err(err)?;
    let setup = t.elapsed();
    let mut out = format!(
        "kehu bench-today: {} customers, {contacts} contacts, {written} feedback items, \
         {installments} installments, {planned} visits planned, {} build\n\n\
         | measure | p50 | max |\n|---|---|---|\n",
        ids.len(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    // As the tab does it: a worker opens its own connection and works the list out.
    let mut whole = Vec::new();
    let mut first = Vec::new();
    let mut lines = 0;
    for _ in 0..5 {
        let opener = store.opener();
        let t = Instant::now();
        let s = opener.open().map_err(err)?;
        lines = s
            .work_list_as_it_comes(today, &settings, |_| first.push(ms(t.elapsed())))
            .map_err(err)?
            .len();
        whole.push(ms(t.elapsed()));
    }
    let (p50, _, max) = stats(first);
    out.push_str(&format!(
        "| 工作台, the sections before 久未联系 on screen | {p50:.0} ms | {max:.0} ms |\n"
    ));
    let (p50, _, max) = stats(whole);
    out.push_str(&format!(
        "| 工作台, the whole list ({lines} lines), a new connection each time | {p50:.0} ms | {max:.0} ms |\n"
    ));
    // After a change: a follow-up closed, then the list again (as the tab does when the
    // change log moves).
    let mut after = Vec::new();
    for _ in 0..5 {
        let line = store
            .work_list(today, &settings)
            .map_err(err)?
            .into_iter()
            .find(|l| {
                l.section.can_be_done() && l.section != crate::domain::workbench::Section::Birthdays
            })
            .ok_or("no line to mark done")?;
        let t = Instant::now();
        store.finish_work(&line, "基准测试").map_err(err)?;
        let s = store.opener().open().map_err(err)?;
        std::hint::black_box(s.work_list(today, &settings).map_err(err)?);
        after.push(ms(t.elapsed()));
    }
    let (p50, _, max) = stats(after);
    out.push_str(&format!(
        "| a line marked done, then the whole list again | {p50:.0} ms | {max:.0} ms |\n"
    ));
    out.push_str(&format!(
        "\nsetup: written in {:.0} s; peak RSS {:.0} MiB\n",
        setup.as_secs_f64(),
        peak_rss_mib()
    ));
    Ok(out)
}
