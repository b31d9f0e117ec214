//! `kehu bench`: speed measured on N generated customers, printed as a Markdown table for
//! the README. Everything runs in this process, headless (no window, no GPU): the egui
//! frames are built exactly as the window builds them, without being painted.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::domain::Role;
use crate::store::{Actor, CustomerQuery, SortKey, Store};
use crate::ui::KehuApp;
use crate::ui::fonts::{CjkSource, install};

const PASSWORD: &str = "bench-password";

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        // KEHU_BENCH_KEEP=1 keeps the generated database to look into afterwards.
        if std::env::var_os("KEHU_BENCH_KEEP").is_none() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// A new database in a folder of its own under the temporary folder (removed when the
/// folder is dropped), with the administrator signed in and `n` generated customers;
/// their ids in list order.
fn with_customers(
    name: &str,
    n: usize,
    seed: u64,
) -> Result<(TempDir, crate::store::Store, Vec<i64>), String> {
    use crate::store::{CustomerQuery, Store};
    let dir =
        TempDir(std::env::temp_dir().join(format!("kehu-bench-{name}-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).map_err(|e| e.to_string())?;
    let err = |e: crate::store::StoreError| e.detail();
    let mut store = Store::open(&dir.0.join("kehu.sqlite3")).map_err(err)?;
    store.create_first_admin(PASSWORD).map_err(err)?;
    store
        .insert_customers(crate::demo::generate(n, seed), |_| {})
        .map_err(err)?;
    let ids = store
        .customer_page(&CustomerQuery::default(), 0, n as u64)
        .map_err(err)?
        .into_iter()
        .map(|r| r.id)
        .collect();
    Ok((dir, store, ids))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn stats(mut samples: Vec<f64>) -> (f64, f64, f64) {
    samples.sort_by(|a, b| a.total_cmp(b));
    (
        percentile(&samples, 0.5),
        percentile(&samples, 0.95),
        samples.last().copied().unwrap_or(0.0),
    )
}

/// Peak resident memory of this process in MiB (Linux; 0 elsewhere).
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// Forgets the peak so far (Linux), so generating the data does not count as the app's.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn frame_input(t: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        time: Some(t),
        ..Default::default()
    }
}

/// One frame as the window makes it, short of the GPU: build the UI, then tessellate.
fn frame(ctx: &egui::Context, app: &mut KehuApp, t: f64) {
    let mut out = ctx.run_ui(frame_input(t), |ui| app.show(ui));
    let shapes = std::mem::take(&mut out.shapes);
    std::hint::black_box(ctx.tessellate(shapes, out.pixels_per_point));
    out.textures_delta.clear();
}

/// Queries the clerk might type, by length.
const ONE: [&str; 8] = ["北", "上", "华", "科", "张", "王", "贸", "州"];
const TWO: [&str; 10] = [
    "北京", "上海", "华信", "科技", "有限", "深圳", "机械", "医药", "bj", "sh",
];
const MORE: [&str; 8] = [
    "华信科技",
    "有限公司",
    "恒达机电",
    "中山路",
    "0755",
    "bjhx",
    "138",
    "广州鑫源",
];

pub fn run(n: usize, searches: usize) -> Result<String, String> {
    let dir = TempDir(std::env::temp_dir().join(format!("kehu-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).map_err(|e| e.to_string())?;
    let path = dir.0.join("bench.sqlite3");
    let err = |e: crate::store::StoreError| e.detail();

    // Generate and insert through the store, as an import would.
    let t = Instant::now();
    {
        let mut store = Store::open(&path).map_err(err)?;
        store.create_first_admin(PASSWORD).map_err(err)?;
        store
            .insert_customers(crate::demo::generate(n, 42), |_| {})
            .map_err(err)?;
    }
    let insert_time = t.elapsed();
    let db_size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    reset_peak_rss();

    // Open → first frame of the sign-in screen, as a cold start shows it.
    let t = Instant::now();
    let store = Store::open(&path).map_err(err)?;
    let ctx = egui::Context::default();
    install(&ctx, CjkSource::BundledOnly);
    let mut app = KehuApp::new(Ok(store), path.clone());
    // The fonts set before the first pass take effect in the second one.
    frame(&ctx, &mut app, 0.0);
    frame(&ctx, &mut app, 0.016);
    let open_to_first_frame = t.elapsed();

    // Signed in → first frame of the customer list (100,000 rows, first page loaded).
    let mut store = Store::open(&path).map_err(err)?;
    store.sign_in("admin", PASSWORD).map_err(err)?;
    let t = Instant::now();
    let mut app = KehuApp::new(Ok(store), path.clone());
    frame(&ctx, &mut app, 0.1);
    let list_first_frame = t.elapsed();

    // Steady frames of the customer panel.
    let mut frames = Vec::new();
    for i in 0..200 {
        let t = Instant::now();
        frame(&ctx, &mut app, 0.2 + i as f64 * 0.016);
        frames.push(ms(t.elapsed()));
    }
    let frame = stats(frames);

    // Search as the list does on each keystroke: count + first page.
    let mut store = Store::open(&path).map_err(err)?;
    store.set_actor(Actor {
        name: "bench".into(),
        role: Role::Admin,
    });
    let mut search_rows = Vec::new();
    for (label, queries) in [
        ("1 字", &ONE[..]),
        ("2 字", &TWO[..]),
        ("3 字及以上", &MORE[..]),
    ] {
        let mut samples = Vec::new();
        let mut hits = 0;
        let mut slowest = (0.0, "");
        for i in 0..searches {
            let q = CustomerQuery {
                text: queries[i % queries.len()].into(),
                ..Default::default()
            };
            store.forget_counts();
            let t = Instant::now();
            let count = store.count_customers(&q).map_err(err)?;
            let page = store.customer_page(&q, 0, 100).map_err(err)?;
            let took = ms(t.elapsed());
            if took > slowest.0 {
                slowest = (took, queries[i % queries.len()]);
            }
            samples.push(took);
            hits += count.min(1);
            std::hint::black_box(page);
        }
        let (p50, p95, max) = stats(samples);
        search_rows.push(format!(
            "| 搜索 {label}（{}） | {p50:.2} ms | {p95:.2} ms | {max:.2} ms（{}） |",
            queries.join(" "),
            slowest.1,
        ));
        if hits == 0 {
            return Err(format!("no search for {label} found anything"));
        }
    }

    // Page fetches at random places in the sorted list, as scrolling does.
    let total = store.customer_total().map_err(err)?;
    let mut pages = Vec::new();
    for i in 0..200u64 {
        let q = CustomerQuery {
            sort: if i % 2 == 0 {
                SortKey::Name
            } else {
                SortKey::City
            },
            ..Default::default()
        };
        let offset = (i * 7919 * 100) % total.max(1);
        let t = Instant::now();
        std::hint::black_box(store.customer_page(&q, offset, 100).map_err(err)?);
        pages.push(ms(t.elapsed()));
    }
    let page = stats(pages);
    let peak = peak_rss_mib();

    let mut out = String::new();
    out.push_str(&format!(
        "kehu bench: {n} customers, {searches} searches per length, {} build\n\n",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    ));
    out.push_str("| measure | p50 | p95 | max |\n|---|---|---|---|\n");
    out.push_str(&format!(
        "| open → first frame (sign-in screen) | {:.1} ms | | |\n",
        ms(open_to_first_frame)
    ));
    out.push_str(&format!(
        "| sign-in → first frame of the customer list | {:.1} ms | | |\n",
        ms(list_first_frame)
    ));
    out.push_str(&format!(
        "| customer panel frame (build + tessellate) | {:.2} ms | {:.2} ms | {:.2} ms |\n",
        frame.0, frame.1, frame.2
    ));
    for r in search_rows {
        out.push_str(&r);
        out.push('\n');
    }
    out.push_str(&format!(
        "| page fetch (100 rows, sorted, random offset) | {:.2} ms | {:.2} ms | {:.2} ms |\n",
        page.0, page.1, page.2
    ));
    out.push_str(&format!(
        "| peak RSS after data generation | {peak:.0} MiB | | |\n"
    ));
    out.push_str(&format!(
        "\nsetup: generating and inserting {n} customers took {:.1} s; database file {:.0} MiB\n",
        insert_time.as_secs_f64(),
        db_size as f64 / 1_048_576.0
    ));
    Ok(out)
}

/// `kehu bench-import`: a generated N-row customer CSV in GBK (as Chinese Excel saves
/// it) imported — read, validated, deduplicated, indexed for search — against the
/// sqlite3 tool's raw `.import` of the same file, measured in one run.
pub fn import(n: usize, commit: bool) -> Result<String, String> {
    use crate::io::export::{CsvEncoding, customer_columns, write_csv_rows};
    use crate::io::import::{ImportSpec, commit as import_commit, dry_run};
    use crate::io::mapping::auto_map;
    use std::sync::atomic::AtomicBool;

    let dir =
        TempDir(std::env::temp_dir().join(format!("kehu-bench-import-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).map_err(|e| e.to_string())?;
    let csv = dir.0.join("customers-gbk.csv");
    let err = |e: crate::store::StoreError| e.detail();

    // The file: one row per customer with its main contact, Chinese headers, GBK.
    let t = Instant::now();
    let headers: Vec<String> = customer_columns()
        .into_iter()
        .map(|c| c.header().to_string())
        .collect();
    let rows = crate::demo::generate(n, 7).map(|c| {
        let mut row = Vec::with_capacity(headers.len());
        for col in customer_columns() {
            let v = match (col.customer_column(), col.contact_column()) {
                (Some("credit_limit_fen"), _) => {
                    crate::domain::money::fen_to_plain(c.credit_limit_fen)
                }
                (Some("kind" | "category" | "status"), _) => String::new(),
                (Some(f), _) => {
                    let i = crate::domain::CUSTOMER_FIELDS
                        .iter()
                        .position(|x| *x == f)
                        .unwrap_or(0);
                    c.column_values()[i].clone()
                }
                (None, Some(f)) => c
                    .primary_contact()
                    .map(|k| {
                        let i = crate::domain::customer::CONTACT_FIELDS
                            .iter()
                            .position(|x| *x == f)
                            .unwrap_or(0);
                        k.column_values()[i].clone()
                    })
                    .unwrap_or_default(),
                _ => String::new(),
            };
            row.push(v);
        }
        row
    });
    write_csv_rows(&csv, &headers, rows, CsvEncoding::Gbk)?;
    let gen_time = t.elapsed();
    let file_mib = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0) as f64 / 1_048_576.0;

    // sqlite3's own raw load of the same file, into a fresh database file.
    let raw_db = dir.0.join("raw.sqlite3");
    let t = Instant::now();
    let sqlite = std::process::Command::new("sqlite3")
        .arg(&raw_db)
        .arg(".mode csv")
        .arg(format!(".import {} customers", csv.display()))
        .output();
    let sqlite_time = match sqlite {
        Ok(o) if o.status.success() => Some(t.elapsed()),
        _ => None,
    };

    // kehu: the dry run the wizard shows, then the import itself.
    let db = dir.0.join("kehu.sqlite3");
    let mut store = Store::open(&db).map_err(err)?;
    store.create_first_admin(PASSWORD).map_err(err)?;
    let table = crate::io::read::open(&csv, &Default::default()).map_err(|e| e.to_string())?;
    let spec = ImportSpec {
        path: csv.clone(),
        mapping: auto_map(&table.headers),
        ..Default::default()
    };
    drop(table);
    let cancel = AtomicBool::new(false);
    reset_peak_rss();
    let t = Instant::now();
    let report = dry_run(&store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
    let dry_time = t.elapsed();
    let mut commit_time = None;
    let mut import_id = None;
    if commit {
        let t = Instant::now();
        let (rec, _) =
            import_commit(&mut store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
        commit_time = Some(t.elapsed());
        if rec.created as usize != n {
            return Err(format!("imported {} of {n}", rec.created));
        }
        import_id = Some(rec.id);
    }
    let peak = peak_rss_mib();
    // The floor: SQLite alone writing the same rows, indexes and search entries into a
    // new database (copied from the one just imported into).
    let mut floor_time = None;
    if commit {
        drop(store);
        let mut floor = Store::open(&dir.0.join("floor.sqlite3")).map_err(err)?;
        floor.create_first_admin(PASSWORD).map_err(err)?;
        floor_time = Some(floor.copy_import_for_floor(&db).map_err(err)?);
    }
    // Undoing the import, as 撤销这次导入 does: every customer it created into the trash
    // (after a snapshot), each checked for later changes first.
    let mut undo_time = None;
    if let Some(id) = import_id {
        let mut store = Store::open(&db).map_err(err)?;
        store.sign_in("admin", PASSWORD).map_err(err)?;
        let t = Instant::now();
        let undone = store.undo_import_keeping(id, true).map_err(err)?;
        undo_time = Some(t.elapsed());
        if store.customer_total().map_err(err)? != 0 {
            return Err(format!("undo left customers: {:?}", undone.record));
        }
    }
    if report.error_rows > 0 {
        return Err(format!(
            "{} rows had errors: {:?}",
            report.error_rows,
            report.errors.first()
        ));
    }

    let mut out = format!(
        "kehu bench-import: {n} rows, GBK CSV of {file_mib:.1} MiB (generated in {:.1} s), {} build\n\n",
        gen_time.as_secs_f64(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    out.push_str("| measure | time | vs sqlite3 .import |\n|---|---|---|\n");
    // One timed row: what, how long, and how many times sqlite3's .import that is.
    let row = |out: &mut String, what: &str, d: Duration| {
        let ratio = sqlite_time
            .map(|s| format!("{:.1}×", d.as_secs_f64() / s.as_secs_f64()))
            .unwrap_or_else(|| "sqlite3 not installed".into());
        out.push_str(&format!(
            "| {what} | {:.2} s | {ratio} |\n",
            d.as_secs_f64()
        ));
    };
    match sqlite_time {
        Some(s) => row(&mut out, "sqlite3 `.import` (raw, no checks)", s),
        None => out.push_str("| sqlite3 `.import` | not installed | |\n"),
    }
    row(
        &mut out,
        "kehu dry run (read, decode, map, validate, match duplicates)",
        dry_time,
    );
    if let Some(c) = commit_time {
        row(
            &mut out,
            "kehu import (snapshot, write, change log, search index)",
            c,
        );
        row(&mut out, "dry run + import", dry_time + c);
    }
    if let Some((tables, search)) = floor_time {
        row(
            &mut out,
            "SQLite alone: the same rows, indexes and search entries, nothing read or checked",
            tables + search,
        );
        row(
            &mut out,
            "… of which the tables with their indexes (customers, contacts, change log)",
            tables,
        );
        row(
            &mut out,
            "… of which the two search indexes and the commit",
            search,
        );
    }
    if let (Some(u), Some(c)) = (undo_time, commit_time) {
        row(
            &mut out,
            &format!(
                "kehu undo of the import (snapshot, to the trash, change log): {:.1}× the import",
                u.as_secs_f64() / c.as_secs_f64()
            ),
            u,
        );
    }
    out.push_str(&format!(
        "| peak RSS during the import | {peak:.0} MiB | |\n"
    ));
    Ok(out)
}

/// `kehu bench-print`: N generated customers printed as a list to PDF (A4, the default
/// columns), timed, with the peak memory of the printing.
pub fn print(n: usize) -> Result<String, String> {
    use crate::io::print::{
        ListOptions, customer_list_pages, layout::PageSetup, missing_characters, pdf,
    };
    let dir =
        TempDir(std::env::temp_dir().join(format!("kehu-bench-print-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).map_err(|e| e.to_string())?;
    let db = dir.0.join("kehu.sqlite3");
    let err = |e: crate::store::StoreError| e.detail();
    let mut store = Store::open(&db).map_err(err)?;
    store.create_first_admin(PASSWORD).map_err(err)?;
    store
        .insert_customers(crate::demo::generate(n, 11), |_| {})
        .map_err(err)?;
    reset_peak_rss();
    let setup = PageSetup::default();
    let q = CustomerQuery::default();
    let t = Instant::now();
    let opts = ListOptions {
        title: "客户名单".into(),
        ..Default::default()
    };
    let pages = customer_list_pages(&store, &q, &opts, &setup).map_err(err)?;
    // What the preview does before it shows page 1: lay out, then look for characters
    // the font lacks.
    let scan = Instant::now();
    let missing = missing_characters(&pages);
    let scan = scan.elapsed();
    let layout = t.elapsed();
    let out = dir.0.join("list.pdf");
    pdf::write_pdf(&pages, &setup, "客户名单", &out)?;
    let total = t.elapsed();
    let peak = peak_rss_mib();
    let page_count = pages.len();
    drop(pages);
    // The same list fitted to the width (every cell measured first).
    let t = Instant::now();
    let fitted = ListOptions {
        fit_width: true,
        ..opts.clone()
    };
    let fit_pages = customer_list_pages(&store, &q, &fitted, &setup).map_err(err)?;
    let fit = t.elapsed();
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0) as f64 / 1_048_576.0;
    Ok(format!(
        "kehu bench-print: {n} customers, {} pages, PDF {size:.1} MiB, {} build\n\n\
         | measure | value |\n|---|---|\n\
         | read and lay out every page, look for characters outside the font (the preview's first page) | {:.2} s |\n\
         | of which the look for characters outside the font | {:.3} s |\n\
         | the same, fitted to the width ({} pages) | {:.2} s |\n\
         | list → PDF file (layout + PDF with the font subset) | {:.2} s |\n\
         | peak RSS while printing | {peak:.0} MiB |\n",
        page_count,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        layout.as_secs_f64(),
        scan.as_secs_f64(),
        fit_pages.len(),
        fit.as_secs_f64(),
        total.as_secs_f64(),
    ))
    .map(|s| {
        if missing.is_empty() {
            s
        } else {
            format!("{s}\n(characters outside the font: {missing:?})\n")
        }
    })
}

/// `kehu bench-lists`: N feedback items, contracts, competitors and news items (over
/// 2,000 generated customers), then what each list costs: opening it (both counts and
/// the first page), a search as typed (count and first page), sorting by a column, and
/// a page at a random place, as scrolling asks for.
pub fn lists(n: usize, reuse: Option<&std::path::Path>) -> Result<String, String> {
    use crate::domain::competitor::{Competitor, Threat};
    use crate::domain::contract::Contract;
    use crate::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    use crate::domain::news::News;
    use crate::store::Sort;
    use crate::store::competitors::CompetitorQuery;
    use crate::store::contracts::ContractQuery;
    use crate::store::feedback::FeedbackQuery;
    use crate::store::news::NewsQuery;

    let dir =
        TempDir(std::env::temp_dir().join(format!("kehu-bench-lists-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).map_err(|e| e.to_string())?;
    let db = dir.0.join("kehu.sqlite3");
    let err = |e: crate::store::StoreError| e.detail();
    if let Some(from) = reuse {
        std::fs::copy(from, &db).map_err(|e| e.to_string())?;
    }
    let mut store = Store::open(&db).map_err(err)?;
    let t = Instant::now();
    let generate = reuse.is_none();
    if generate {
        store.create_first_admin(PASSWORD).map_err(err)?;
        store
            .insert_customers(crate::demo::generate(2_000, 3), |_| {})
            .map_err(err)?;
    }
    let customers: Vec<i64> = store
        .customer_page(&CustomerQuery::default(), 0, 2_000)
        .map_err(err)?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let words = [
        "季度拜访",
        "报价跟进",
        "售后投诉",
        "付款提醒",
        "新品介绍",
        "合同续签",
        "交货延迟",
        "技术支持",
        "满意度回访",
        "价格调整",
    ];
    let day = |i: usize| {
        (chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date")
            + chrono::Duration::days((i % 2_500) as i64))
        .format("%Y-%m-%d")
        .to_string()
    };
    for i in (0..n).filter(|_| generate) {
        let customer = Some(customers[i % customers.len()]);
        let w = words[i % words.len()];
        store
            .save_feedback(&Feedback {
                customer_id: customer,
                at: format!("{} 09:{:02}", day(i), i % 60),
                kind: FeedbackKind::ALL[i % FeedbackKind::ALL.len()],
                subject: format!("{w} {i}"),
                content: format!("{w}：客户反映的情况与处理经过 {i}"),
                status: FollowStatus::ALL[i % FollowStatus::ALL.len()],
                responsible: ["王强", "李娜", "张明"][i % 3].into(),
                due_on: day(i + 30),
                ..Default::default()
            })
            .map_err(err)?;
        store
            .save_contract(&Contract {
                number: format!("HT-B-{i:06}"),
                customer_id: customer,
                title: format!("{w}合同 {i}"),
                signed_on: day(i),
                starts_on: day(i),
                ends_on: (chrono::NaiveDate::parse_from_str(&day(i), "%Y-%m-%d").expect("a date")
                    + chrono::Duration::days(365))
                .format("%Y-%m-%d")
                .to_string(),
                amount_fen: ((i * 7919) % 10_000_000) as i64 * 100,
                salesperson: ["王强", "李娜", "张明"][i % 3].into(),
                ..Default::default()
            })
            .map_err(err)?;
        store
            .save_competitor(&Competitor {
                name: format!("竞争对手{i:06}科技有限公司"),
                products: format!("{w}相关产品"),
                market_share: Some((i % 40) as u8),
                threat: [Threat::High, Threat::Medium, Threat::Low][i % 3],
                ..Default::default()
            })
            .map_err(err)?;
        store
            .save_news(&News {
                on: day(i),
                title: format!("{w}行业动态 {i}"),
                source: ["新华社", "行业协会", "网站"][i % 3].into(),
                category: "市场".into(),
                tags: w.into(),
                ..Default::default()
            })
            .map_err(err)?;
    }
    let setup = t.elapsed();
    reset_peak_rss();

    let by = |column| {
        Some(Sort {
            column,
            descending: false,
        })
    };
    let terms = ["投诉", "续签 12", "技术支持", "9999"];
    let mut out = format!(
        "kehu bench-lists: {n} rows of each kind, {} build\n\n\
         | list | open (counts + first page) | search as typed p50 / p95 | sort by a column | page at a random place p95 |\n\
         |---|---|---|---|---|\n",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    macro_rules! measure {
        ($label:expr, $q:ident, $count:ident, $page:ident, $sort_col:expr) => {{
            // What the list does when its query changes (ui::paging::PageCache): the
            // first page, then the counts.
            let show = |q: &$q| -> Result<f64, String> {
                let mut cache = crate::ui::paging::PageCache::<$q, _>::default();
                let t = Instant::now();
                cache.refresh_paged(
                    q,
                    || store.$count(&$q::default()),
                    |q| store.$count(q),
                    |q, o, l| store.$page(q, o, l),
                );
                let took = ms(t.elapsed());
                match cache.error {
                    Some(e) => Err(e),
                    None => Ok(took),
                }
            };
            store.forget_counts();
            let open = show(&$q::default())?;
            let mut samples = Vec::new();
            for i in 0..40 {
                let q = $q {
                    text: terms[i % terms.len()].into(),
                    ..Default::default()
                };
                store.forget_counts();
                samples.push(show(&q)?);
            }
            let (p50, p95, _) = stats(samples);
            let q = $q {
                sort: by($sort_col),
                ..Default::default()
            };
            let t = Instant::now();
            std::hint::black_box(store.$page(&q, 0, 100).map_err(err)?);
            let sort = ms(t.elapsed());
            let mut pages = Vec::new();
            for i in 0..40u64 {
                let offset = (i * 7919 * 100) % (n as u64).max(1);
                let t = Instant::now();
                std::hint::black_box(store.$page(&$q::default(), offset, 100).map_err(err)?);
                pages.push(ms(t.elapsed()));
            }
            let (_, page95, _) = stats(pages);
            out.push_str(&format!(
                "| {} | {open:.1} ms | {p50:.1} / {p95:.1} ms | {sort:.1} ms | {page95:.1} ms |\n",
                $label
            ));
        }};
    }
    measure!("交往反馈", FeedbackQuery, count_feedback, feedback_page, 3);
    measure!("合同信息", ContractQuery, count_contracts, contract_page, 3);
    measure!(
        "竞争对手",
        CompetitorQuery,
        count_competitors,
        competitor_page,
        4
    );
    measure!("业界动态", NewsQuery, count_news, news_page, 1);
    out.push_str(&format!(
        "\nsetup: {n} of each kind saved one by one through the store in {:.0} s; peak RSS {:.0} MiB\n",
        setup.as_secs_f64(),
        peak_rss_mib()
    ));
    Ok(out)
}

mod receivables;
mod reports;
mod workbench;
pub use receivables::receivables;
pub use reports::reports;
pub use workbench::today;
