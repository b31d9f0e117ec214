//! 统计报表's exports, driven through the panel.

use super::*;

/// A demo file and this year's figures (应收余额 not asked for yet, as when the tab has
/// not shown it).
fn demo_year() -> (tempfile::TempDir, Store, Period, Summary) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.sqlite3")).unwrap();
    store.create_first_admin("kehu-test-1").unwrap();
    crate::demo::fill(&mut store, 40).unwrap();
    let p = Period::this_year(crate::store::today());
    let s = store.report_summary(&p).unwrap();
    (dir, store, p, s)
}

/// What the export said when it finished.
fn finished(panel: &mut ReportsPanel) -> crate::ui::widgets::Message {
    let ctx = egui::Context::default();
    for _ in 0..1000 {
        if let Some(m) =
            super::super::transfer::ExportJob::finished_message(&mut panel.export, &ctx)
        {
            return m;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the export never finished");
}

/// 导出… with a .csv name writes a folder of that name with a CSV file per table
/// (UTF-8 with its mark, as the firm's setting says by default): numbers plain,
/// 合计 rows the store's, 应收余额 worked out though the tab had not shown it yet.
#[test]
fn the_figures_shown_export_as_a_folder_of_csv_files() {
    let (dir, store, p, s) = demo_year();
    assert!(s.owed.is_none());
    let mut panel = ReportsPanel::default();
    panel.summary.got = Some(((p, 0), Ok(Arc::new(s.clone()))));
    panel.export_to(&store, dir.path().join("统计报表.csv"));
    let said = finished(&mut panel);
    assert!(!said.error, "{}", said.text);
    let folder = dir.path().join("统计报表");
    assert!(
        said.text.contains(&folder.display().to_string()),
        "{}",
        said.text
    );
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut want: Vec<String> = crate::io::report_book::SHEETS
        .iter()
        .map(|n| format!("{n}.csv"))
        .collect();
    want.sort();
    assert_eq!(files, want);
    let read = |name: &str| -> Vec<Vec<String>> {
        let bytes = std::fs::read(folder.join(name)).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{name} is UTF-8 with its mark"
        );
        csv::Reader::from_reader(&bytes[3..])
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    };
    let signed = read("每月签约金额.csv");
    let last = signed.last().unwrap();
    let sum = total(&s.signed_by_month);
    assert_eq!(last[0], "合计");
    assert_eq!(last[1], sum.count.to_string());
    assert_eq!(
        last[2],
        crate::domain::money::fen_to_plain(sum.amount_fen),
        "money as a plain number"
    );
    assert!(sum.amount_fen > 0);
    let owed = store.report_owed(&p).unwrap();
    let ageing = read("期末应收账龄.csv");
    assert_eq!(ageing[7][0], "合计");
    assert_eq!(
        ageing[7][1],
        crate::domain::money::fen_to_plain(owed.buckets.iter().sum())
    );
}

/// 导出… writes the figures shown as `kehu report summary` does, a sheet per table.
#[test]
fn the_figures_shown_export_as_the_command_lines_workbook() {
    use calamine::Reader;
    let (dir, store, p, s) = demo_year();
    let mut panel = ReportsPanel::default();
    panel.summary.got = Some(((p, 0), Ok(Arc::new(s.clone()))));
    let out = dir.path().join("统计报表.xlsx");
    panel.export_to(&store, out.clone());
    let said = finished(&mut panel);
    assert!(!said.error, "{}", said.text);
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        crate::io::report_book::SHEETS.map(String::from).to_vec()
    );
    let months = book.worksheet_range("每月新增客户").unwrap();
    let last = months.rows().next_back().unwrap();
    assert_eq!(last[0], calamine::Data::from("合计"));
    assert_eq!(
        last[1],
        calamine::Data::Float(total(&s.new_customers).count as f64)
    );
}
