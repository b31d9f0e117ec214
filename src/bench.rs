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
        let _ = std::fs::remove_dir_all(&self.0);
    }
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
const TWO: [&str; 8] = [
    "北京", "上海", "华信", "科技", "有限", "深圳", "机械", "医药",
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
