//! `kehu report summary` from the real binary: the workbook read back has a sheet per
//! table, numbers as numbers equal to the store's figures, and 合计 rows that add up;
//! the PDF read back has the title, the period, the firm, page numbers, the figures and
//! its charts as vector paths (no pictures); a period backwards or a file it cannot
//! write is refused in one line.

use std::process::{Command, Stdio};

use calamine::{Data, Reader, open_workbook_auto};
use kehu::domain::reports::{Period, total};
use kehu::io::report_book::SHEETS;
use kehu::store::Store;

fn kehu(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kehu"))
        .stdin(Stdio::null())
        .env("USER", "xiaowang")
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap()
}

fn number(c: &Data) -> f64 {
    match c {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_summary_workbook_holds_the_stores_figures_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    assert!(kehu(&db, &["demo"]).status.success());
    let out = dir.path().join("月度经营报表.xlsx");
    let said = kehu(
        &db,
        &[
            "report",
            "summary",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        said.status.success(),
        "{}",
        String::from_utf8_lossy(&said.stderr)
    );
    assert!(
        String::from_utf8_lossy(&said.stdout)
            .contains("已写出 20 张表（2026-01-01 至 2026-06-30）"),
        "{}",
        String::from_utf8_lossy(&said.stdout)
    );
    let p = Period::new(
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
    )
    .unwrap();
    let s = Store::open(&db).unwrap().report_summary(&p).unwrap();
    let mut book = open_workbook_auto(&out).unwrap();
    assert_eq!(book.sheet_names(), SHEETS.map(String::from).to_vec());

    let signed = book.worksheet_range("每月签约金额").unwrap();
    let rows: Vec<&[Data]> = signed.rows().collect();
    assert_eq!(
        rows[0][..3],
        [Data::from("月份"), "合同数".into(), "签约金额".into()]
    );
    assert_eq!(rows.len(), 1 + 6 + 1, "a row a month, then 合计");
    for (r, t) in rows[1..7].iter().zip(&s.signed_by_month) {
        assert_eq!(r[0], Data::from(t.key.as_str()));
        assert_eq!(number(&r[1]), t.count as f64);
        assert!((number(&r[2]) - t.amount_fen as f64 / 100.0).abs() < 0.005);
        // The salespeople's columns add up to the month.
        let people: f64 = r[3..].iter().map(number).sum();
        assert!((people - number(&r[2])).abs() < 0.005, "{r:?}");
    }
    let sum = total(&s.signed_by_month);
    assert_eq!(rows[7][0], Data::from("合计"));
    assert_eq!(number(&rows[7][1]), sum.count as f64);
    assert!((number(&rows[7][2]) - sum.amount_fen as f64 / 100.0).abs() < 0.005);
    assert!(sum.count > 0, "the demo signs contracts in the first half");

    let industries = book.worksheet_range("客户-行业").unwrap();
    let rows: Vec<&[Data]> = industries.rows().collect();
    let (_, want) = &s.customers_by[2];
    assert_eq!(rows.len(), want.len() + 2);
    let counted: f64 = rows[1..rows.len() - 1].iter().map(|r| number(&r[1])).sum();
    assert_eq!(number(&rows[rows.len() - 1][1]), counted, "合计 adds up");
    assert_eq!(counted, total(want).count as f64);

    let received = book.worksheet_range("每月回款").unwrap();
    let rows: Vec<&[Data]> = received.rows().collect();
    assert_eq!(rows.len(), 1 + 6 + 1);
    for (r, t) in rows[1..7].iter().zip(&s.received) {
        assert!(
            (number(&r[2]) - t.amount_fen as f64 / 100.0).abs() < 0.005,
            "{r:?}"
        );
    }
    assert!(total(&s.received).amount_fen > 0, "the demo has payments");
    // 月末应收余额 beside each month: the 应收账款 tab's total as of that month's last day.
    let store = Store::open(&db).unwrap();
    assert_eq!(rows[0][3], Data::from("月末应收余额"));
    for (r, end) in rows[1..7].iter().zip(p.month_ends()) {
        let (_, owed) = kehu::store::receivables::ageing_totals(&store.ageing(end).unwrap());
        assert!(
            (number(&r[3]) - owed as f64 / 100.0).abs() < 0.005,
            "{end}: {r:?}"
        );
    }
    // 期末应收账龄: the buckets as of the period's last day, then 合计.
    let ageing = book.worksheet_range("期末应收账龄").unwrap();
    let rows: Vec<&[Data]> = ageing.rows().collect();
    assert_eq!(rows[0], [Data::from("账龄"), "应收余额".into()]);
    assert_eq!(rows[1][0], Data::from("未到期"));
    assert_eq!(rows[8][0], Data::from("合计"));
    let (buckets, owed) = kehu::store::receivables::ageing_totals(&store.ageing(p.to).unwrap());
    for (r, fen) in rows[1..8].iter().zip(buckets) {
        assert!((number(&r[1]) - fen as f64 / 100.0).abs() < 0.005, "{r:?}");
    }
    assert!((number(&rows[8][1]) - owed as f64 / 100.0).abs() < 0.005);
    assert!(owed > 0, "the demo's customers owe at the end of June");
    // 审批用时: a row a month (days as numbers), then 合计 — the store's.
    let approvals = book.worksheet_range("审批用时").unwrap();
    let rows: Vec<&[Data]> = approvals.rows().collect();
    assert_eq!(
        rows[0],
        [
            Data::from("月份"),
            "审批数".into(),
            "平均用时天数".into(),
            "最长天数".into()
        ]
    );
    assert_eq!(rows.len(), 1 + 6 + 1);
    for (r, a) in rows[1..7].iter().zip(&s.approvals) {
        assert_eq!(number(&r[1]), a.count as f64);
        if let Some(avg) = a.average() {
            assert!((number(&r[2]) - avg).abs() < 1e-9, "{r:?}");
        }
    }
    let all = kehu::domain::reports::Approvals::total(&s.approvals);
    assert_eq!(rows[7][0], Data::from("合计"));
    assert_eq!(number(&rows[7][1]), all.count as f64);
    assert!(
        all.count > 0,
        "the demo's supervisor approved contracts in the half year"
    );
    let kinds = book.worksheet_range("每月交往反馈").unwrap();
    let last = kinds.rows().next_back().unwrap();
    let items: i64 = s.feedback_kinds.iter().map(|(_, t)| t.count).sum();
    assert_eq!(number(&last[last.len() - 1]), items as f64);
    assert!(items > 0, "the demo has feedback");

    // 业务员: the columns by name and in order, a row per salesperson, then 合计.
    let people = book.worksheet_range("业务员").unwrap();
    let rows: Vec<&[Data]> = people.rows().collect();
    assert_eq!(
        rows[0],
        [
            Data::from("业务员"),
            "新增客户".into(),
            "签约合同数".into(),
            "签约金额".into(),
            "回款金额".into(),
            "拜访次数".into(),
            "未完成跟进".into(),
            "投诉".into()
        ]
    );
    assert_eq!(rows.len(), s.salespeople.len() + 2);
    let sum = kehu::domain::reports::SalesRow::total(&s.salespeople);
    let last = rows[rows.len() - 1];
    assert_eq!(last[0], Data::from("合计"));
    assert_eq!(number(&last[2]), sum.contracts as f64);
    assert!((number(&last[3]) - sum.signed_fen as f64 / 100.0).abs() < 0.005);
    assert!((number(&last[4]) - sum.received_fen as f64 / 100.0).abs() < 0.005);
    assert_eq!(
        sum.signed_fen,
        total(&s.signed_by_month).amount_fen,
        "adds up to the months"
    );

    let first = book.worksheet_range("概要").unwrap();
    let rows: Vec<&[Data]> = first.rows().collect();
    assert_eq!(rows[2][0], Data::from("新增客户"));
    assert_eq!(number(&rows[2][1]), total(&s.new_customers).count as f64);
    assert_eq!(number(&rows[2][2]), s.before_new as f64);
}

#[test]
fn a_period_backwards_or_another_kind_of_file_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    assert!(kehu(&db, &["demo", "--customers", "20"]).status.success());
    for (args, says) in [
        (
            [
                "--from",
                "2026-06-30",
                "--to",
                "2026-01-01",
                "--out",
                "r.xlsx",
            ],
            "开始日期不能晚于结束日期",
        ),
        (
            [
                "--from",
                "2026-01-01",
                "--to",
                "2026-06-30",
                "--out",
                "r.csv",
            ],
            "只能写成 .xlsx 或 .pdf",
        ),
        (
            [
                "--from",
                "2026-13-01",
                "--to",
                "2026-06-30",
                "--out",
                "r.xlsx",
            ],
            "2026-13-01",
        ),
    ] {
        let out = kehu(&db, &[&["report", "summary"][..], &args[..]].concat());
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert!(!dir.path().join("r.xlsx").exists());
}

/// The month's report as a PDF: the Chinese text can be extracted (so searched), the
/// figures are the store's, every page is numbered, and the charts are paths — filled
/// rectangles and the donut's outline — not pictures, so they are sharp at any zoom.
#[test]
fn the_months_report_prints_to_a_pdf_with_vector_charts_and_searchable_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    assert!(kehu(&db, &["demo"]).status.success());
    {
        let mut store = Store::open(&db).unwrap();
        store.set_actor(kehu::store::Actor::os_user());
        let mut s = store.settings().unwrap();
        s.firm_name = "杭州远航机电有限公司".into();
        store.save_settings(&s).unwrap();
    }
    let out = dir.path().join("月度经营报表.pdf");
    let said = kehu(
        &db,
        &[
            "report",
            "summary",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let stdout = String::from_utf8_lossy(&said.stdout);
    assert!(
        said.status.success(),
        "{}",
        String::from_utf8_lossy(&said.stderr)
    );
    let doc = lopdf::Document::load(&out).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert!(
        stdout.contains(&format!(
            "已写出月度经营报表（2026-11-01 至 2026-11-30，{} 页）",
            pages.len()
        )),
        "{stdout}"
    );
    let p = Period::new(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    )
    .unwrap();
    let s = Store::open(&db).unwrap().report_summary(&p).unwrap();
    for (n, page) in pages.iter().enumerate() {
        // Text extraction may space out the characters: compare without spaces.
        let text: String = doc
            .extract_text(&[*page])
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for want in [
            "杭州远航机电有限公司".to_string(),
            "月度经营报表".into(),
            "2026-11-01至2026-11-30".into(),
            format!("第{}页/共{}页", n + 1, pages.len()),
        ] {
            assert!(text.contains(&want), "page {}: no {want} in {text}", n + 1);
        }
    }
    let all: String = doc
        .extract_text(&pages)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let signed = total(&s.signed_by_month);
    assert!(signed.count > 0, "the demo signs contracts in November");
    let fen = |f: i64| kehu::domain::money::format_fen(f);
    for want in [
        "每月签约（按业务员）".to_string(),
        "合同状态（按金额）".into(),
        "每月交往反馈（按类型）".into(),
        fen(signed.amount_fen),
        fen(total(&s.received).amount_fen),
        s.top[0].1.key.clone(),
    ] {
        assert!(all.contains(&want), "no {want} in the report");
    }
    for (_, t) in &s.signed {
        assert!(t.key.is_empty() || all.contains(&t.key), "no {}", t.key);
    }

    // The charts: coloured filled paths (bars, the donut), and no image anywhere.
    let images = doc.objects.values().any(|o| {
        o.as_stream()
            .ok()
            .and_then(|st| st.dict.get(b"Subtype").ok())
            .and_then(|v| v.as_name().ok())
            == Some(&b"Image"[..])
    });
    assert!(!images, "a chart was drawn as a picture");
    let mut coloured_fills = 0;
    let mut curve_points = 0;
    for page in doc.get_pages().values() {
        let content = doc.get_and_decode_page_content(*page).unwrap();
        let mut colour = false;
        for op in &content.operations {
            match op.operator.as_str() {
                "rg" | "scn" | "sc" => {
                    let v: Vec<f32> = op
                        .operands
                        .iter()
                        .filter_map(|o| o.as_float().ok())
                        .collect();
                    colour = v.len() == 3 && !(v[0] == v[1] && v[1] == v[2]);
                }
                "f" | "f*" if colour => coloured_fills += 1,
                "l" => curve_points += 1,
                _ => {}
            }
        }
    }
    assert!(coloured_fills >= 20, "{coloured_fills} coloured fills");
    assert!(
        curve_points >= 360,
        "{curve_points} line segments: no donut"
    );
}

/// `report summary --help` names every sheet the workbook has (scripts read them by
/// name).
#[test]
fn the_help_names_every_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let said = kehu(
        &dir.path().join("k.sqlite3"),
        &["report", "summary", "--help"],
    );
    let text = String::from_utf8_lossy(&said.stdout);
    for name in SHEETS {
        // The 客户-… sheets are named as a range.
        if name.starts_with("客户-") && name != "客户-等级" && name != "客户-业务员" {
            continue;
        }
        assert!(text.contains(name), "{name} not in {text}");
    }
}
