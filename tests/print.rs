//! Printing: the page model (rows per page, header on every page, no split rows, page
//! numbers, wrapping, a long note), 人民币大写, and PDFs parsed back (page count, the
//! embedded font, Chinese text that can be extracted).

use kehu::domain::CustomerField;
mod common;

use kehu::io::mapping::Target;
use kehu::io::print::layout::{ListDoc, Measure, PageSetup, layout_list};
use kehu::io::print::{self, ListOptions};
use kehu::store::CustomerQuery;

/// Every character one em wide.
struct Mono;
impl Measure for Mono {
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().count() as f32 * size
    }
}

fn doc() -> ListDoc {
    ListDoc {
        firm: "华信商贸".into(),
        title: "客户名单".into(),
        filter: "等级：A".into(),
        printed_on: "2026-11-22".into(),
        headers: vec!["编号".into(), "名称".into(), "备注".into()],
        weights: vec![1.0, 2.0, 3.0],
        zebra: true,
        ..Default::default()
    }
}

fn rows(n: usize) -> Vec<Vec<String>> {
    (0..n)
        .map(|i| vec![format!("KH{i:06}"), format!("客户{i}"), String::new()])
        .collect()
}

#[test]
fn every_row_once_header_and_page_numbers_on_every_page() {
    let pages = layout_list(&doc(), rows(500), &PageSetup::default(), &Mono);
    assert!(pages.len() > 5, "{}", pages.len());
    let mut seen = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let texts = p.texts();
        for h in ["华信商贸", "客户名单", "编号", "名称", "备注"] {
            assert!(texts.contains(&h), "page {}: {h}", i + 1);
        }
        assert!(
            texts.iter().any(|t| t.contains("等级：A")),
            "the filter in words"
        );
        let number = format!("第 {} 页 / 共 {} 页", i + 1, pages.len());
        assert!(texts.contains(&number.as_str()), "{number}");
        seen.extend(p.rows.iter().copied());
    }
    assert_eq!(seen, (0..500).collect::<Vec<_>>(), "in order, each once");
    let last = pages.last().unwrap().texts();
    assert!(last.contains(&"共 500 条"));
    // Landscape holds fewer rows per page than portrait.
    let land = PageSetup {
        landscape: true,
        ..Default::default()
    };
    assert!(layout_list(&doc(), rows(500), &land, &Mono).len() > pages.len());
}

#[test]
fn long_cells_wrap_and_rows_are_never_split() {
    let mut data = rows(60);
    for (i, r) in data.iter_mut().enumerate() {
        if i % 7 == 0 {
            r[2] = "很长的备注内容".repeat(12);
        }
    }
    let pages = layout_list(&doc(), data.clone(), &PageSetup::default(), &Mono);
    let mut seen = Vec::new();
    for p in &pages {
        seen.extend(p.rows.iter().copied());
    }
    assert_eq!(seen, (0..60).collect::<Vec<_>>(), "no row on two pages");
    // The wrapped text is all there.
    let all: String = pages
        .iter()
        .flat_map(|p| p.texts())
        .collect::<Vec<_>>()
        .concat();
    assert_eq!(
        all.matches('很').count(),
        12 * 9,
        "nine long notes, every character"
    );
}

#[test]
fn a_2000_character_note_prints_whole() {
    let mut data = rows(3);
    data[1][2] = "备".repeat(2000);
    let pages = layout_list(&doc(), data, &PageSetup::default(), &Mono);
    let chars: usize = pages
        .iter()
        .flat_map(|p| p.texts())
        .map(|t| t.matches('备').count())
        .sum();
    // Every character of the note, plus the 备注 header on each page.
    assert_eq!(chars, 2000 + pages.len());
}

#[test]
fn amounts_in_chinese_capitals() {
    use kehu::domain::rmb::rmb_upper;
    assert_eq!(rmb_upper(12_345_678), "壹拾贰万叁仟肆佰伍拾陆元柒角捌分");
    assert_eq!(rmb_upper(5_000_000), "伍万元整");
    assert_eq!(rmb_upper(0), "零元整");
}

fn pdf_text(path: &std::path::Path) -> (usize, String, bool) {
    let doc = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    let embedded = doc.objects.values().any(|o| {
        o.as_dict()
            .map(|d| d.has(b"FontFile3") || d.has(b"FontFile2") || d.has(b"FontFile"))
            .unwrap_or(false)
    });
    (pages.len(), text, embedded)
}

#[test]
fn the_filtered_list_prints_to_a_pdf_with_chinese_text_and_the_font_embedded() {
    let (dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 300).unwrap();
    let q = CustomerQuery {
        text: "北京".into(),
        ..Default::default()
    };
    let out = dir.path().join("list.pdf");
    let opts = ListOptions {
        title: "北京客户名单".into(),
        ..Default::default()
    };
    let n = print::print_customer_list(&store, &q, &opts, &PageSetup::default(), &out)
        .unwrap()
        .pages;
    assert!(!dir.path().join("list.pdf.partial").exists());
    let (pages, text, embedded) = pdf_text(&out);
    assert_eq!(pages, n);
    assert!(embedded, "the CJK font is embedded");
    assert!(
        text.contains("北京客户名单"),
        "{}",
        &text[..text.len().min(300)]
    );
    assert!(text.contains("北京华信科技有限公司"));
    assert!(
        !text.contains("上海瑞丰贸易有限公司"),
        "only what the filter shows"
    );
    // The rows in the list's order.
    let first = store.customer_page(&q, 0, 2).unwrap();
    let a = text.find(&first[0].name).unwrap();
    let b = text.find(&first[1].name).unwrap();
    assert!(a < b);
}

#[test]
fn an_empty_list_and_an_unwritable_folder() {
    let (dir, store) = common::temp_store();
    let out = dir.path().join("empty.pdf");
    let names = ListOptions {
        columns: vec![Target::Customer(CustomerField::Name)],
        ..Default::default()
    };
    let n = print::print_customer_list(
        &store,
        &CustomerQuery::default(),
        &names,
        &PageSetup::default(),
        &out,
    )
    .unwrap()
    .pages;
    assert_eq!(n, 1);
    assert!(pdf_text(&out).1.contains("共 0 条"));
    let bad = dir.path().join("no-such-folder").join("x.pdf");
    let err = print::print_customer_list(
        &store,
        &CustomerQuery::default(),
        &names,
        &PageSetup::default(),
        &bad,
    )
    .unwrap_err();
    assert!(err.contains("写不进去"), "{err}");
    assert!(!bad.exists());
}

#[test]
fn a_customer_card_holds_every_field_contacts_feedback_and_contracts() {
    let (dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let q = CustomerQuery {
        text: "北京华信科技有限公司".into(),
        ..Default::default()
    };
    let c = &store.customer_page(&q, 0, 1).unwrap()[0];
    let (customer, _) = store.customer(c.id).unwrap();
    let contracts = store.contracts_of_customer(c.id).unwrap();
    assert!(!contracts.is_empty(), "the demo gives it contracts");
    let pages = print::customer_card_pages(&store, c.id, &PageSetup::default()).unwrap();
    assert!(pages.len() <= 2, "one or two pages: {}", pages.len());
    let text: String = pages
        .iter()
        .flat_map(|p| p.texts())
        .collect::<Vec<_>>()
        .concat();
    assert!(text.contains("客户卡片：北京华信科技有限公司"));
    assert!(text.contains(&customer.credit_code));
    assert!(text.contains(&customer.contacts[0].name));
    assert!(text.contains(&contracts[0].contract.number));
    assert!(text.contains("季度拜访"), "its feedback");
    let out = dir.path().join("card.pdf");
    let n = print::print_customer_card(&store, c.id, &PageSetup::default(), &out)
        .unwrap()
        .pages;
    let (pages, text, embedded) = pdf_text(&out);
    assert_eq!(pages, n);
    assert!(embedded);
    assert!(text.contains("北京华信科技有限公司"));
}

#[test]
fn a_contract_sheet_has_the_amount_in_capitals_the_approval_and_signature_lines() {
    use kehu::domain::contract::{Contract, Transition};
    let (dir, mut store) = common::temp_store();
    let customer = store
        .save_customer(&kehu::domain::Customer {
            name: "北京华信科技有限公司".into(),
            ..Default::default()
        })
        .unwrap();
    let id = store
        .save_contract(&Contract {
            number: "HT-2026-099".into(),
            customer_id: Some(customer),
            title: "服务器采购合同".into(),
            signed_on: "2026-11-01".into(),
            amount_fen: 12_345_678,
            ..Default::default()
        })
        .unwrap();
    store.move_contract(id, Transition::Submit, "").unwrap();
    store
        .move_contract(id, Transition::Approve, "同意，注意回款")
        .unwrap();
    let pages = print::contract_sheet_pages(&store, id, &PageSetup::default()).unwrap();
    let text: String = pages
        .iter()
        .flat_map(|p| p.texts())
        .collect::<Vec<_>>()
        .concat();
    assert!(text.contains("HT-2026-099"));
    assert!(text.contains("北京华信科技有限公司"));
    assert!(text.contains("壹拾贰万叁仟肆佰伍拾陆元柒角捌分"));
    assert!(text.contains("¥123,456.78"));
    assert!(text.contains("同意，注意回款"), "the approval record");
    assert!(text.contains("甲方（盖章）"), "signature lines");
    let out = dir.path().join("contract.pdf");
    let n = print::print_contract(&store, id, &PageSetup::default(), &out)
        .unwrap()
        .pages;
    let (pages, text, _) = pdf_text(&out);
    assert_eq!(pages, n);
    assert!(text.contains("壹拾贰万叁仟肆佰伍拾陆元柒角捌分"));
}

/// The sizes of the text in the table body (header and rows) on a page.
fn body_sizes(p: &kehu::io::print::layout::Page) -> Vec<f32> {
    use kehu::io::print::layout::Item;
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { size, text, .. } if text.starts_with("KH") => Some(*size),
            _ => None,
        })
        .collect()
}

#[test]
fn fit_to_width_shrinks_the_text_so_wide_rows_stay_on_one_line() {
    use kehu::io::print::layout::{BODY, MIN_BODY};
    // Seven columns of 10 characters: wider than A4 portrait at the normal size.
    let wide = ListDoc {
        headers: (0..7).map(|i| format!("列{i}")).collect(),
        weights: vec![1.0; 7],
        ..doc()
    };
    let data: Vec<Vec<String>> = (0..40)
        .map(|i| (0..7).map(|c| format!("KH{i:04}{c}字字字")).collect())
        .collect();
    let plain = layout_list(&wide, data.clone(), &PageSetup::default(), &Mono);
    assert!(body_sizes(&plain[0]).iter().all(|s| *s == BODY));
    let fit = ListDoc {
        fit_width: true,
        ..wide.clone()
    };
    let fitted = layout_list(&fit, data.clone(), &PageSetup::default(), &Mono);
    let sizes = body_sizes(&fitted[0]);
    assert!(!sizes.is_empty());
    assert!(
        sizes.iter().all(|s| *s < BODY && *s >= MIN_BODY),
        "{sizes:?}"
    );
    // Wrapped, a row takes several lines; fitted, fewer: so fewer pages.
    assert!(
        fitted.len() < plain.len(),
        "{} < {}",
        fitted.len(),
        plain.len()
    );
    let lines = |pages: &[kehu::io::print::layout::Page]| -> usize {
        pages
            .iter()
            .flat_map(|p| p.texts())
            .filter(|t| t.contains('字') || t.starts_with("KH"))
            .count()
    };
    assert_eq!(lines(&fitted), 40 * 7, "one line per cell");
    assert!(lines(&plain) > 40 * 7, "wrapped");
    // Every row still printed once, in order.
    let seen: Vec<usize> = fitted.iter().flat_map(|p| p.rows.clone()).collect();
    assert_eq!(seen, (0..40).collect::<Vec<_>>());

    // Narrow contents keep the normal size.
    let narrow = layout_list(&fit, rows(10), &PageSetup::default(), &Mono);
    assert!(body_sizes(&narrow[0]).iter().all(|s| *s == BODY));
}

#[test]
fn the_list_options_are_remembered_and_paper_and_margins_are_settings() {
    let (dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 20).unwrap();
    assert_eq!(ListOptions::remembered(&store), ListOptions::default());
    let chosen = ListOptions {
        columns: vec![
            Target::Customer(CustomerField::Name),
            Target::Customer(CustomerField::Mobile),
            Target::Customer(CustomerField::City),
        ],
        zebra: false,
        fit_width: true,
        ..Default::default()
    };
    chosen.remember(&mut store).unwrap();
    let again = ListOptions::remembered(&kehu::store::Store::open(store.path()).unwrap());
    assert_eq!(again, chosen);

    // Letter paper and 25 mm margins from the settings.
    let mut s = store.settings().unwrap();
    s.paper = kehu::domain::settings::Paper::Letter;
    s.margin_mm = 25;
    store.save_settings(&s).unwrap();
    let setup = PageSetup::from_settings(&store.settings().unwrap());
    assert_eq!(setup.size(), (612.0, 792.0));
    let out = dir.path().join("letter.pdf");
    print::print_customer_list(&store, &CustomerQuery::default(), &chosen, &setup, &out).unwrap();
    let pdf = lopdf::Document::load(&out).unwrap();
    let first = *pdf.get_pages().values().next().unwrap();
    let media = pdf
        .get_dictionary(first)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32))
        .collect::<Vec<_>>();
    assert_eq!(media, vec![0.0, 0.0, 612.0, 792.0]);
    // Wider margins: the table starts further in.
    let pages =
        print::customer_list_pages(&store, &CustomerQuery::default(), &chosen, &setup).unwrap();
    let min_x = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            kehu::io::print::layout::Item::Text { x, .. } => Some(*x),
            _ => None,
        })
        .fold(f32::MAX, f32::min);
    assert!((min_x - 25.0 * 72.0 / 25.4).abs() < 0.5, "{min_x}");

    // A margin out of range is refused by the store, whatever the form does.
    s.margin_mm = 80;
    assert!(store.save_settings(&s).is_err());
}

#[test]
fn characters_outside_the_font_are_named() {
    let (_dir, mut store) = common::temp_store();
    let id = store
        .save_customer(&kehu::domain::Customer {
            name: "𠮷野家餐饮有限公司".into(),
            ..Default::default()
        })
        .unwrap();
    let pages = print::customer_card_pages(&store, id, &PageSetup::default()).unwrap();
    assert_eq!(print::missing_characters(&pages), vec!['𠮷']);
    let fine = print::customer_list_pages(
        &store,
        &CustomerQuery {
            text: "野家".into(),
            ..Default::default()
        },
        &ListOptions {
            columns: vec![Target::Customer(CustomerField::Code)],
            ..Default::default()
        },
        &PageSetup::default(),
    )
    .unwrap();
    assert!(print::missing_characters(&fine).is_empty());
}

#[test]
fn a_missing_or_refusing_printer_is_told_plainly() {
    use kehu::io::print::system::print_with;
    use std::process::Command;
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("list.pdf");
    std::fs::write(&pdf, b"%PDF-1.7").unwrap();
    let err = print_with(Command::new("/no/such/lp"), &pdf).unwrap_err();
    assert!(err.contains("还没有设置打印机"), "{err}");
    assert!(
        err.contains(&pdf.display().to_string()),
        "says where the PDF is"
    );
    // What CUPS says when there is no default printer.
    let mut refusing = Command::new("sh");
    refusing.args([
        "-c",
        "echo 'lp: Error - No default destination.' >&2; exit 1",
        "lp",
    ]);
    let err = print_with(refusing, &pdf).unwrap_err();
    assert!(err.contains("打印机没有接受这份文件"), "{err}");
    assert!(err.contains("No default destination"), "{err}");
    let mut taking = Command::new("sh");
    taking.args(["-c", "exit 0", "lp"]);
    assert!(print_with(taking, &pdf).is_ok());
}

/// 客户价值与流失 prints as the tab shows it: a first page with the churn chart drawn as
/// lines and marks (vector graphics: each period's point is a drawn square, not a
/// picture), the churn table with this year marked 未结束, the segments as bars with
/// their counts; then the RFM table of the customers shown, in their order.
#[test]
fn the_value_analysis_prints_its_charts_as_vector_graphics_and_its_table() {
    use kehu::domain::value::{GradeRule, PeriodKind, Segment, Window};
    use kehu::io::print::layout::Item;
    use kehu::store::value::{ChurnSplit, ValueAsk};
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 300).unwrap();
    let ask = ValueAsk {
        as_of: kehu::store::today(),
        window: Window::Months(36),
        period: PeriodKind::Year,
        split: ChurnSplit::Overall,
        thresholds: None,
        rule: GradeRule::default(),
    };
    let report = store.value_report(&ask).unwrap();
    // The table as narrowed to one segment.
    let shown: Vec<i64> = report
        .lines
        .iter()
        .filter(|l| l.segment == Some(Segment::ImportantValue))
        .map(|l| l.customer_id)
        .collect();
    assert!(shown.len() > 3);
    let setup = PageSetup::default();
    let pages = print::analysis_report_pages(&store, &ask, &shown, &setup).unwrap();
    let first = &pages[0];
    let texts = first.texts().join("|");
    assert!(texts.contains("客户价值与流失分析"));
    let this_year = report.churn.last().unwrap();
    assert!(
        texts.contains(&format!("{}（未结束）", this_year.period)),
        "{texts}"
    );
    let rated = report.churn.iter().filter(|r| r.buyers > 0).count();
    let marks = first
        .items
        .iter()
        .filter(|i| matches!(i, Item::Fill { w, .. } if *w == 4.0))
        .count();
    // Two series, a mark per period with buyers, and the legend's two.
    assert_eq!(marks, 2 * rated + 2);
    let lines = first
        .items
        .iter()
        .filter(|i| matches!(i, Item::Line { .. }))
        .count();
    assert!(lines >= 2 * (rated - 1), "the series are drawn as lines");
    let count = shown.len().to_string();
    assert!(first.texts().contains(&count.as_str()), "the bar's count");
    // The table pages: the customers shown, and only them (a long name wraps in its
    // cell: the pieces are read together).
    let rest: String = pages[1..]
        .iter()
        .flat_map(|p| p.texts())
        .collect::<Vec<_>>()
        .join("");
    for l in report.lines.iter() {
        let on = rest.contains(&l.name);
        assert_eq!(on, shown.contains(&l.customer_id), "{}", l.name);
    }
    let out = dir.path().join("analysis.pdf");
    kehu::io::print::pdf::write_pdf(&pages, &setup, "客户价值与流失分析", &out).unwrap();
    let (n, text, embedded) = pdf_text(&out);
    assert_eq!(n, pages.len());
    assert!(embedded);
    assert!(text.contains("流失率"), "{text}");
}

/// 今日工作清单: a group of pages per salesperson (their name in the title, in name
/// order, no one's last), each of their lines once, and a PDF whose text reads back.
#[test]
fn the_days_work_list_prints_one_salesperson_after_another() {
    use kehu::domain::workbench::{Opens, Section, WorkLine};
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (dir, store) = common::temp_store();
    let line = |section, owner: &str, customer: &str, what: &str| WorkLine {
        section,
        opens: Opens::Customer(1),
        customer_id: 1,
        customer: customer.into(),
        what: what.into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
        days: 2,
        owner: owner.into(),
        amount_fen: None,
        held: false,
    };
    let mut lines = vec![line(Section::Birthdays, "", "", "元旦")];
    for i in 0..70 {
        lines.push(line(
            Section::NoContact,
            "王强",
            &format!("王强的客户{i:02}"),
            "A 级客户",
        ));
    }
    lines.push(line(
        Section::OverdueFollowUp,
        "李娜",
        "华东机电有限公司",
        "回复报价",
    ));
    let setup = PageSetup::default();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let pages = print::today_list_pages(&store, day, &lines, "今日工作清单", &setup).unwrap();
    let titles: Vec<String> = pages
        .iter()
        .map(|p| {
            p.texts()
                .into_iter()
                .find(|t| t.starts_with("今日工作清单"))
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    // 李娜 before 王强 (name order), 王强's 70 lines over more than one page, then
    // the lines for no one.
    assert_eq!(titles[0], "今日工作清单 — 李娜");
    assert!(
        titles[1..titles.len() - 1]
            .iter()
            .all(|t| t == "今日工作清单 — 王强")
    );
    assert!(titles.len() >= 4, "{titles:?}");
    assert_eq!(titles.last().unwrap(), "今日工作清单 — 未指定负责人");
    let all: Vec<&str> = pages.iter().flat_map(|p| p.texts()).collect();
    for i in 0..70 {
        let name = format!("王强的客户{i:02}");
        assert_eq!(all.iter().filter(|t| **t == name).count(), 1, "{name}");
    }
    assert!(pages[0].texts().contains(&"回复报价"));
    assert!(!pages[0].texts().iter().any(|t| t.starts_with("王强的客户")));
    let out = dir.path().join("今日工作清单.pdf");
    kehu::io::print::pdf::write_pdf(&pages, &setup, "今日工作清单", &out).unwrap();
    let (n, text, embedded) = pdf_text(&out);
    assert_eq!(n, pages.len());
    assert!(embedded);
    assert!(text.contains("今日工作清单"), "{text}");
}

mod business_report {
    use chrono::NaiveDate;
    use kehu::domain::reports::Period;
    use kehu::io::print::layout::Measure;
    use kehu::io::print::report;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Every text, bar and slice lies inside the paper's margins (the foot's page number
    /// in the bottom margin), on every page of a demo year.
    #[test]
    fn everything_drawn_stays_on_the_page() {
        kehu::strings::set_lang(kehu::strings::Lang::Zh);
        let dir = tempfile::tempdir().unwrap();
        let mut store = kehu::store::Store::open(&dir.path().join("k.sqlite3")).unwrap();
        store.create_first_admin("kehu-test-1").unwrap();
        kehu::demo::fill(&mut store, 120).unwrap();
        let s = store
            .report_full(&Period::new(day(2025, 12, 1), day(2026, 11, 30)).unwrap())
            .unwrap();
        assert_eq!(report::title(&s), kehu::strings::S::ReportPrintTitle.t());
        let setup = kehu::io::print::layout::PageSetup::default();
        let m = kehu::io::print::font::FontMetrics::bundled();
        let pages = report::report_pages(
            "远航机电",
            report::title(&s),
            &s,
            report::Parts::default(),
            "2026-12-01",
            &setup,
            &m,
        );
        let (w, h) = setup.size();
        let margin = setup.margin();
        assert!(pages.len() >= 3);
        for (n, p) in pages.iter().enumerate() {
            let foot = format!("第 {} 页 / 共 {} 页", n + 1, pages.len());
            assert!(p.texts().contains(&foot.as_str()), "page {}", n + 1);
            for item in &p.items {
                let (x0, y0, x1, y1) = match item {
                    kehu::io::print::layout::Item::Text { x, y, size, text } => {
                        (*x, y - size, x + m.width(text, *size), *y)
                    }
                    kehu::io::print::layout::Item::Fill { x, y, w, h, .. }
                    | kehu::io::print::layout::Item::Paint { x, y, w, h, .. } => {
                        (*x, *y, x + w, y + h)
                    }
                    kehu::io::print::layout::Item::Line { x1, y1, x2, y2 } => {
                        (x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2))
                    }
                    kehu::io::print::layout::Item::Ring(r) => (
                        r.cx - r.r_out,
                        r.cy - r.r_out,
                        r.cx + r.r_out,
                        r.cy + r.r_out,
                    ),
                };
                let is_foot = matches!(item, kehu::io::print::layout::Item::Text { text, .. } if *text == foot);
                let bottom = if is_foot { h } else { h - margin + 0.5 };
                assert!(
                    x0 >= margin - 0.5
                        && x1 <= w - margin + 0.5
                        && y0 >= margin - 10.0
                        && y1 <= bottom,
                    "page {}: {item:?} off the page",
                    n + 1
                );
            }
        }
        let one = Period::new(day(2026, 2, 1), day(2026, 2, 28)).unwrap();
        let s = store.report_summary(&one).unwrap();
        assert_eq!(
            report::title(&s),
            kehu::strings::S::ReportPrintMonthTitle.t()
        );
        let part = Period::new(day(2026, 2, 2), day(2026, 2, 28)).unwrap();
        let s = store.report_summary(&part).unwrap();
        assert_eq!(report::title(&s), kehu::strings::S::ReportPrintTitle.t());
    }
}
