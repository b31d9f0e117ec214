//! Importing spreadsheets: real files no one here wrote, our own files for each trap,
//! bad input, duplicates, undo, saved mappings and export → import round trips.

use kehu::domain::{ContactField, CustomerField};
mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use common::{contact, customer, temp_store};
use kehu::io::cells::DateOrder;
use kehu::io::export::{CsvEncoding, ExportFormat, export_customers};
use kehu::io::import::{self, DupChoice, ImportError, ImportSpec, MergedRow, Report};
use kehu::io::mapping::{Mapping, Target, auto_map};
use kehu::io::read::{self, ReadError, ReadOptions};
use kehu::store::imports::MatchReason;
use kehu::store::{CustomerQuery, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file from ../shared/fixtures/real (the GPL ones are not copied here), if present.
fn shared_fixture(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/real")
        .join(name);
    if p.is_file() {
        Some(p)
    } else {
        eprintln!(
            "skipped: {} is not here (../shared/fixtures/real is absent)",
            name
        );
        None
    }
}

/// The spec a clerk gets without touching any setting.
fn spec_for(path: &Path) -> ImportSpec {
    let table = read::open(path, &ReadOptions::default()).unwrap();
    ImportSpec {
        path: path.to_path_buf(),
        mapping: auto_map(&table.headers),
        ..Default::default()
    }
}

fn dry(store: &Store, spec: &ImportSpec) -> Report {
    import::dry_run(store, spec, &mut |_| {}, &AtomicBool::new(false)).unwrap()
}

fn commit(store: &mut Store, spec: &ImportSpec) -> kehu::store::imports::ImportRecord {
    import::commit(store, spec, &mut |_| {}, &AtomicBool::new(false))
        .unwrap()
        .0
}

fn find(store: &Store, name: &str) -> kehu::domain::Customer {
    let q = CustomerQuery {
        text: name.into(),
        ..Default::default()
    };
    let rows = store.customer_page(&q, 0, 10).unwrap();
    let row = rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name} not found"));
    store.customer(row.id).unwrap().0
}

#[test]
fn chinese_excel_gbk_csv_imports_without_touching_a_setting() {
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("own_gbk_excel.csv"));
    let r = dry(&store, &spec);
    assert_eq!(r.rows, 5);
    assert_eq!((r.new, r.merged, r.error_rows), (2, 1, 2), "{r:#?}");
    // The report says which row joins which.
    assert_eq!(
        r.merged_rows,
        [MergedRow {
            line: 5,
            name: "北京华信科技有限公司".into(),
            first_line: 2,
            skipped: false,
        }]
    );
    // Errors name the row as Excel numbers it (the quoted two-line note counts twice),
    // the column and the value.
    let lost = r.errors.iter().find(|e| e.value == "1.38E+10").unwrap();
    assert_eq!((lost.line, lost.column.as_str()), (6, "手机"));
    assert!(lost.message.contains("科学计数法"), "{}", lost.message);
    let unnamed = r.errors.iter().find(|e| e.line == 7).unwrap();
    assert_eq!(unnamed.column, "客户名称");
    // Nothing is written by a dry run.
    assert_eq!(store.customer_total().unwrap(), 0);

    let rec = commit(&mut store, &spec);
    assert_eq!((rec.created, rec.updated, rec.errors), (2, 0, 2));
    assert_eq!(store.customer_total().unwrap(), 2);
    let hx = find(&store, "北京华信科技有限公司");
    assert_eq!(hx.phone, "01062345678", "the lost leading zero is back");
    assert_eq!(hx.postal_code, "010080");
    assert_eq!(hx.grade.code(), "A");
    assert_eq!(hx.credit_code, "9111010852601815JD");
    let names: Vec<&str> = hx.contacts.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["王立", "张伟"], "the second row added its contact");
    assert!(hx.contacts[0].is_primary);
    assert_eq!(hx.contacts[0].mobile, "13800138000");
    assert_eq!(hx.contacts[0].birthday, "1985-03-25");
    let df = find(&store, "上海东方贸易有限公司");
    assert_eq!(df.notes, "多行备注\n第二行");
    // Found as the clerk types, by one and two characters and by a contact's name.
    for q in ["华", "东方", "张伟"] {
        let n = store
            .count_customers(&CustomerQuery {
                text: q.into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(n, 1, "{q}");
    }
}

#[test]
fn the_same_rows_in_every_encoding_and_disguise_import_the_same() {
    for f in [
        "own_utf8_bom.csv",
        "own_utf16le_unicode_text.txt",
        "own_renamed_csv.xlsx",
    ] {
        let (_d, mut store) = temp_store();
        let spec = spec_for(&fixture(f));
        let r = dry(&store, &spec);
        assert_eq!((r.rows, r.new, r.merged, r.error_rows), (5, 2, 1, 2), "{f}");
        commit(&mut store, &spec);
        let hx = find(&store, "北京华信科技有限公司");
        assert_eq!(hx.contacts.len(), 2, "{f}");
        assert_eq!(hx.phone, "01062345678", "{f}");
    }
}

#[test]
fn an_import_is_undone_whole_and_recorded() {
    let (_d, mut store) = temp_store();
    let id = store.save_customer(&customer("北京华信科技")).unwrap();
    let mut spec = spec_for(&fixture("own_gbk_excel.csv"));
    spec.duplicates = DupChoice::Update;
    let rec = commit(&mut store, &spec);
    assert_eq!((rec.created, rec.updated), (1, 1));
    let hx = store.customer(id).unwrap().0;
    assert_eq!(
        hx.name, "北京华信科技有限公司",
        "the name from the file won"
    );
    assert_eq!(hx.contacts.len(), 2);
    let list = store.imports().unwrap();
    assert_eq!(list[0].file_name, "own_gbk_excel.csv");
    assert_eq!(list[0].rows, 5);

    let undone = store.undo_import(rec.id).unwrap();
    assert!(undone.undone_at.is_some());
    assert_eq!(store.customer_total().unwrap(), 1);
    let back = store.customer(id).unwrap().0;
    assert_eq!(back.name, "北京华信科技");
    assert!(
        back.contacts.is_empty(),
        "the contacts the import added are gone"
    );
    assert!(matches!(
        store.undo_import(rec.id),
        Err(kehu::store::StoreError::AlreadyUndone)
    ));
    // Snapshots were taken before the import and before the undo.
    let snaps = std::fs::read_dir(kehu::store::backup::snapshot_dir(store.path()))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect::<Vec<_>>();
    assert!(
        snaps.iter().any(|n| n.starts_with("kehu-before-import")),
        "{snaps:?}"
    );
    assert!(
        snaps
            .iter()
            .any(|n| n.starts_with("kehu-before-undo-import")),
        "{snaps:?}"
    );
}

#[test]
fn undo_keeps_what_was_done_after_the_import_and_trashes_the_rest() {
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("own_gbk_excel.csv"));
    let rec = commit(&mut store, &spec);
    assert_eq!(rec.created, 2);
    // One imported customer gets feedback, the other is left alone.
    let hx = find(&store, "北京华信科技有限公司");
    let hx_id = hx.id.unwrap();
    let fb = kehu::domain::feedback::Feedback {
        customer_id: hx.id,
        subject: "回访".into(),
        at: "2026-01-05 10:00".into(),
        ..Default::default()
    };
    store.save_feedback(&fb).unwrap();
    let other = store
        .customer_page(&CustomerQuery::default(), 0, 10)
        .unwrap()
        .into_iter()
        .find(|r| r.id != hx_id)
        .unwrap();
    assert_eq!(
        store.import_changed_since(rec.id).unwrap(),
        vec![(hx_id, hx.name.clone())],
        "the preview names the customer worked on since"
    );
    let undone = store.undo_import_keeping(rec.id, true).unwrap();
    assert_eq!(undone.kept, vec!["北京华信科技有限公司".to_string()]);
    assert_eq!(undone.trashed, 1);
    assert_eq!(
        store.customer_total().unwrap(),
        1,
        "the worked-on one stays"
    );
    assert_eq!(store.customer(hx_id).unwrap().0.name, hx.name);
    // The other went to the trash, not away: it can be restored.
    let trash = store.trashed_customers().unwrap();
    assert!(trash.iter().any(|t| t.id == other.id), "{trash:?}");
    store.restore_customer(other.id).unwrap();
    assert_eq!(store.customer_total().unwrap(), 2);
}

#[test]
fn undo_of_an_earlier_import_keeps_changes_made_by_a_later_one_and_by_hand() {
    let (d, mut store) = temp_store();
    let first = d.path().join("first.csv");
    std::fs::write(
        &first,
        "客户名称,地址,备注
         甲公司,北京市海淀区一号,第一次导入
         乙公司,北京市海淀区二号,第一次导入
         丙公司,北京市海淀区三号,第一次导入
",
    )
    .unwrap();
    let rec1 = commit(&mut store, &spec_for(&first));
    // A later import changes 甲's address and notes; 乙 is edited by hand.
    let second = d.path().join("second.csv");
    std::fs::write(
        &second,
        "客户名称,地址,备注
甲公司,上海市浦东新区,第二次导入
",
    )
    .unwrap();
    let mut spec2 = spec_for(&second);
    spec2.duplicates = DupChoice::Update;
    let rec2 = commit(&mut store, &spec2);
    assert_eq!(rec2.updated, 1);
    let mut yi = find(&store, "乙公司");
    yi.notes = "手工改过".into();
    store.save_customer(&yi).unwrap();

    let undone = store.undo_import_keeping(rec1.id, true).unwrap();
    let mut kept = undone.kept.clone();
    kept.sort();
    assert_eq!(kept, vec!["乙公司".to_string(), "甲公司".to_string()]);
    assert_eq!(undone.trashed, 1, "丙 alone, untouched since, goes");
    let jia = find(&store, "甲公司");
    assert_eq!(
        jia.address, "上海市浦东新区",
        "the later import's work stays"
    );
    assert_eq!(find(&store, "乙公司").notes, "手工改过");
    // Undoing the later import now puts 甲 back as the first import left it.
    let undone2 = store.undo_import_keeping(rec2.id, true).unwrap();
    assert_eq!((undone2.reverted, undone2.kept.len()), (1, 0));
    assert_eq!(find(&store, "甲公司").address, "北京市海淀区一号");
}

#[test]
fn duplicates_are_found_by_name_credit_code_and_phone_and_each_can_be_decided() {
    let (_d, mut store) = temp_store();
    let by_name = store.save_customer(&customer("北京华信科技")).unwrap();
    let mut by_phone = customer("东方贸易（上海）");
    by_phone.phone = "021 6321 1234".into();
    let by_phone = store.save_customer(&by_phone).unwrap();
    let spec = spec_for(&fixture("own_gbk_excel.csv"));
    let r = dry(&store, &spec);
    assert_eq!(r.duplicates, 2);
    assert_eq!(r.skipped, 2, "skip is the default");
    let reasons: Vec<(i64, MatchReason)> = r
        .dup_rows
        .iter()
        .map(|d| (d.existing_id, d.reason))
        .collect();
    assert!(reasons.contains(&(by_name, MatchReason::Name)));
    assert!(reasons.contains(&(by_phone, MatchReason::Phone)));

    // Per row: update the first, import the second as new.
    let mut spec = spec;
    spec.row_choices.insert(2, DupChoice::Update);
    spec.row_choices.insert(3, DupChoice::New);
    let r = dry(&store, &spec);
    assert_eq!((r.updates, r.new, r.skipped), (1, 1, 0));
    let u = &r.update_rows[0];
    assert!(
        u.changes
            .iter()
            .any(|(f, old, new)| f == "电话" && old.is_empty() && new == "01062345678"),
        "{:?}",
        u.changes
    );
    commit(&mut store, &spec);
    assert_eq!(store.customer_total().unwrap(), 3);
    assert_eq!(store.customer(by_name).unwrap().0.grade.code(), "A");

    // Matched by credit code even under another name.
    let (_d2, mut store) = temp_store();
    let mut other = customer("华信");
    other.credit_code = "9111010852601815JD".into();
    let id = store.save_customer(&other).unwrap();
    let r = dry(&store, &spec_for(&fixture("own_gbk_excel.csv")));
    assert!(
        r.dup_rows
            .iter()
            .any(|d| d.existing_id == id && d.reason == MatchReason::CreditCode)
    );
}

#[test]
fn a_name_taken_exactly_cannot_come_in_as_new() {
    let (_d, mut store) = temp_store();
    store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    let mut spec = spec_for(&fixture("own_gbk_excel.csv"));
    spec.duplicates = DupChoice::New;
    let r = dry(&store, &spec);
    assert!(
        r.errors
            .iter()
            .any(|e| e.line == 2 && e.message.contains("同名")),
        "{:?}",
        r.errors
    );
}

#[test]
fn a_code_from_another_database_never_overwrites_a_different_customer() {
    let (_d, mut store) = temp_store();
    let mut mine = customer("本地客户");
    mine.code = "KH000001".into();
    let id = store.save_customer(&mine).unwrap();
    let (dir, mut other) = temp_store();
    let mut theirs = customer("外地客户有限公司");
    theirs.code = "KH000001".into();
    other.save_customer(&theirs).unwrap();
    let mut same = customer("本地客户");
    same.code = "KH000002".into();
    same.city = "杭州".into();
    other.save_customer(&same).unwrap();
    let out = dir.path().join("other.csv");
    export_customers(
        &other,
        &CustomerQuery::default(),
        ExportFormat::Csv(CsvEncoding::Utf8Bom),
        &out,
        false,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let spec = spec_for(&out);
    let r = dry(&store, &spec);
    assert_eq!((r.new, r.renumbered, r.duplicates), (1, 1, 1), "{r:#?}");
    commit(&mut store, &spec);
    assert_eq!(store.customer(id).unwrap().0.name, "本地客户", "untouched");
    let moved = find(&store, "外地客户有限公司");
    assert_ne!(moved.code, "KH000001");
}

#[test]
fn a_renumbered_row_never_takes_a_code_a_later_row_of_the_file_brings() {
    // Five customers here (KH000001–KH000005). The file's first row brings a code
    // taken here, so it is numbered anew; the next free number, KH000006, is the code
    // a later row of the same file brings. Numbered as it came, the whole import
    // failed at that later row (“此客户编号已被使用”), though the check had said it
    // would renumber. Likewise a row numbered after a row that brought KH000010.
    let (dir, mut store) = temp_store();
    for i in 0..5 {
        store
            .save_customer(&customer(&format!("原有客户{i}")))
            .unwrap();
    }
    let file = dir.path().join("codes.csv");
    std::fs::write(
        &file,
        "客户编号,客户名称,备注\n\
         KH000001,甲贸易有限公司,编号被占用\n\
         ,乙贸易有限公司,没有编号\n\
         KH000006,丙贸易有限公司,带着自己的编号\n\
         KH000007,丁贸易有限公司,带着自己的编号\n\
         ,乙贸易有限公司,同名行并入乙\n\
         KH000010,戊贸易有限公司,带着自己的编号\n\
         ,己贸易有限公司,没有编号\n",
    )
    .unwrap();
    let spec = spec_for(&file);
    let r = dry(&store, &spec);
    assert_eq!((r.new, r.renumbered, r.error_rows), (6, 1, 0), "{r:#?}");
    commit(&mut store, &spec);
    assert_eq!(find(&store, "丙贸易有限公司").code, "KH000006");
    assert_eq!(find(&store, "丁贸易有限公司").code, "KH000007");
    assert_eq!(find(&store, "戊贸易有限公司").code, "KH000010");
    let mut auto: Vec<String> = ["甲贸易有限公司", "乙贸易有限公司", "己贸易有限公司"]
        .iter()
        .map(|n| find(&store, n).code)
        .collect();
    for code in &auto {
        assert!(code.as_str() > "KH000007" && code != "KH000010", "{auto:?}");
    }
    auto.dedup();
    assert_eq!(auto.len(), 3, "each its own number");
    let b = find(&store, "乙贸易有限公司");
    assert!(b.notes.contains("没有编号"), "{}", b.notes);
    assert_eq!(store.customer_total().unwrap(), 11);
    // A customer numbered anew is found by its code, and its history says that code.
    let a = find(&store, "甲贸易有限公司");
    let q = CustomerQuery {
        text: a.code.clone(),
        ..Default::default()
    };
    let hits = store.customer_page(&q, 0, 5).unwrap();
    assert_eq!(hits.len(), 1, "{}", a.code);
    assert_eq!(hits[0].name, "甲贸易有限公司");
    let history = store.history("customers", hits[0].id).unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.new_value.as_deref().is_some_and(|v| v.contains(&a.code))),
        "{history:?}"
    );
}

#[test]
fn companies_that_differ_only_in_their_legal_form_stay_two_customers_in_one_file() {
    let (dir, mut store) = temp_store();
    let f = dir.path().join("two.csv");
    std::fs::write(
        &f,
        "客户名称,城市\n华信科技有限公司,北京\n华信科技股份有限公司,上海\n",
    )
    .unwrap();
    let spec = spec_for(&f);
    let r = dry(&store, &spec);
    assert_eq!((r.new, r.merged), (2, 0));
    commit(&mut store, &spec);
    assert_eq!(store.customer_total().unwrap(), 2);
}

#[test]
fn excel_serial_dates_and_a_column_that_settles_day_first() {
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("own_serial_dates_dmy.csv"));
    assert_eq!(
        spec.mapping.columns[0],
        Target::Customer(CustomerField::Name)
    );
    let r = dry(&store, &spec);
    assert_eq!(r.error_rows, 0, "{:?}", r.errors);
    assert_eq!(r.date_order, DateOrder::DayFirst);
    commit(&mut store, &spec);
    assert_eq!(
        find(&store, "Acme Trading Co., Ltd.").contacts[0].birthday,
        "1985-03-18"
    );
    assert_eq!(
        find(&store, "深圳前海科技").contacts[0].birthday,
        "1990-05-01"
    );
    assert_eq!(
        find(&store, "杭州西湖茶业").contacts[0].birthday,
        "1988-12-25"
    );
}

#[test]
fn unsettled_day_month_order_is_asked_for() {
    let (_d, mut store) = temp_store();
    let mut spec = spec_for(&fixture("own_ambiguous_dates.csv"));
    let r = dry(&store, &spec);
    assert!(r.date_order_needed);
    assert!(matches!(
        import::commit(&mut store, &spec, &mut |_| {}, &AtomicBool::new(false)),
        Err(ImportError::DateOrderNeeded)
    ));
    assert_eq!(store.customer_total().unwrap(), 0);
    spec.date_order = DateOrder::DayFirst;
    commit(&mut store, &spec);
    assert_eq!(find(&store, "甲公司").contacts[0].birthday, "1990-04-03");
}

#[test]
fn bad_files_get_a_clear_report_and_write_nothing() {
    let (dir, mut store) = temp_store();
    let long = dir.path().join("unterminated.csv");
    std::fs::write(
        &long,
        format!(
            "客户名称,电话\n\"北京华信,010-1234567\n{}\n",
            "x".repeat(1_100_000)
        ),
    )
    .unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (fixture("own_empty.csv"), "空的"),
        (fixture("own_header_only.csv"), "没有数据行"),
        (fixture("own_binary_garbage.dat"), "不是表格文件"),
        (fixture("own_truncated.xlsx"), "损坏"),
        (long, "1 MB"),
    ];
    for (path, words) in cases {
        let err = match read::open(&path, &ReadOptions::default()) {
            Err(e) => e,
            Ok(_) => {
                let spec = ImportSpec {
                    path: path.clone(),
                    mapping: Mapping {
                        columns: vec![
                            Target::Customer(CustomerField::Name),
                            Target::Customer(CustomerField::Phone),
                        ],
                        ..Default::default()
                    },
                    ..Default::default()
                };
                match import::commit(&mut store, &spec, &mut |_| {}, &AtomicBool::new(false)) {
                    Err(ImportError::Read(e)) => e,
                    other => panic!("{path:?}: {other:?}"),
                }
            }
        };
        let msg = kehu::io::text::read_error(&err);
        assert!(msg.contains(words), "{path:?}: {msg}");
    }
    assert_eq!(store.customer_total().unwrap(), 0);
    assert!(store.imports().unwrap().is_empty());
}

#[test]
fn ragged_rows_import_with_what_they_have() {
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("own_ragged_rows.csv"));
    let r = dry(&store, &spec);
    assert_eq!((r.new, r.error_rows), (2, 0));
    commit(&mut store, &spec);
    assert_eq!(find(&store, "乙方公司").address, "北京");
    assert_eq!(find(&store, "甲方公司").address, "");
}

#[test]
fn a_file_without_a_name_column_is_refused_until_one_is_chosen() {
    let (_d, mut store) = temp_store();
    let path = fixture("alipay_bill_export_gbk.csv");
    let mut spec = spec_for(&path);
    assert!(matches!(
        import::dry_run(&store, &spec, &mut |_| {}, &AtomicBool::new(false)),
        Err(ImportError::NoNameColumn)
    ));
    let table = read::open(&path, &ReadOptions::default()).unwrap();
    let col = table.headers.iter().position(|h| h == "交易对方").unwrap();
    spec.mapping.columns[col] = Target::Customer(CustomerField::Name);
    let r = dry(&store, &spec);
    assert_eq!(r.rows, 10);
    commit(&mut store, &spec);
    assert!(store.customer_total().unwrap() >= 5);
    find(&store, "蚂蚁财富-蚂蚁（杭州）基金销售有限公司");
}

/// (file, encoding, a header, a cell of the first row, data rows)
const REAL_FILES: [(&str, &str, &str, &str, usize); 12] = [
    ("people_gbk_excel_crlf.csv", "GBK", "姓名", "张三", 4),
    (
        "alipay_bill_export_gbk.csv",
        "GBK",
        "交易对方",
        "亲友代付",
        10,
    ),
    (
        "broker_export_fake_xls_gbk_tsv.xls",
        "GBK",
        "业务名称",
        "银行转证券",
        13,
    ),
    (
        "merchants_utf8_bom_zh.csv",
        "UTF-8",
        "商户名称",
        "Z08000006454375",
        10,
    ),
    ("import_template_zh_biff8.xls", "", "材质", "Q235(碳钢)", 1),
    (
        "taiwan_scenic_spots_big5.csv",
        "Big5",
        "景點中文名稱",
        "C1_395000000A_000001",
        382,
    ),
    (
        "unicode_text_utf16le_bom_tab.tsv",
        "UTF-16LE",
        "Location",
        "Algeria",
        2,
    ),
    (
        "thunderbird_addressbook_shiftjis.csv",
        "Shift_JIS",
        "Display Name",
        "名無しの権兵衛",
        1,
    ),
    (
        "thunderbird_addressbook_utf16le_bom.csv",
        "UTF-16LE",
        "Primary Email",
        "John Doe",
        1,
    ),
    (
        "us_legislators_current_contacts.csv",
        "UTF-8",
        "full_name",
        "Maria Cantwell",
        537,
    ),
    (
        "us_government_contracts_6k.csv",
        "UTF-8",
        "Contractor Name",
        "30678",
        6422,
    ),
    (
        "us_legislators_historical_12k.csv",
        "UTF-8",
        "last_name",
        "Bassett",
        12230,
    ),
];

#[test]
fn every_real_file_is_read_in_its_true_encoding_with_its_header_found() {
    for (file, enc, header, cell, rows) in REAL_FILES {
        let t = read::open(&fixture(file), &ReadOptions::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(t.layout.encoding_name(), enc, "{file}");
        assert!(
            t.headers.iter().any(|h| h == header),
            "{file}: {:?}",
            t.headers
        );
        let all: Vec<_> = t.rows.map(|r| r.unwrap()).collect();
        assert_eq!(all.len(), rows, "{file}");
        assert!(
            all[0].cells.iter().any(|c| c == cell),
            "{file}: {:?}",
            all[0].cells
        );
    }
    // The Alipay header sits below 24 lines of preamble, on line 25.
    let t = read::open(
        &fixture("alipay_bill_export_gbk.csv"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(t.layout.header_line, 25);
    // The Big5 file's long cells keep their inner line breaks.
    let t = read::open(
        &fixture("taiwan_scenic_spots_big5.csv"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(
        t.rows
            .map(|r| r.unwrap())
            .any(|r| r.cells.iter().any(|c| c.contains('\n')))
    );
}

#[test]
fn real_contact_and_company_lists_import() {
    // Legislators: a list of people; full_name becomes the (individual) customer.
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("us_legislators_current_contacts.csv"));
    let r = dry(&store, &spec);
    assert_eq!(r.rows, 537);
    // The last two rows have no full name: it is made of first_name and last_name.
    assert_eq!(r.error_rows, 0, "{:?}", &r.errors[..r.errors.len().min(5)]);
    commit(&mut store, &spec);
    let c = find(&store, "Maria Cantwell");
    assert_eq!(c.kind, kehu::domain::CustomerKind::Individual);
    assert_eq!(c.province, "WA");
    // The person's own birthday is kept, on a contact of their own name.
    assert_eq!(c.contacts.len(), 1);
    assert_eq!(
        (c.contacts[0].name.as_str(), c.contacts[0].birthday.as_str()),
        ("Maria Cantwell", "1958-10-13")
    );
    assert_eq!(find(&store, "Analilia Mejia").province, "NJ");

    // Government contracts: sparse company names, many repeats.
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("us_government_contracts_6k.csv"));
    let r = dry(&store, &spec);
    assert_eq!(r.rows, 6422);
    let empty = r.errors.iter().filter(|e| e.message.contains("空")).count();
    let long = r
        .errors
        .iter()
        .filter(|e| e.message.contains("太长"))
        .count();
    assert_eq!(empty, 4873, "the rows without a contractor name");
    assert_eq!(
        long, 27,
        "several names glued together, over 100 characters"
    );
    assert_eq!(r.error_rows as usize, empty + long);
    assert_eq!(r.new + r.merged, 6422 - 4900);
    let rec = commit(&mut store, &spec);
    assert_eq!(store.customer_total().unwrap() as i64, rec.created);

    // Merchants: the same merchant on several rows is one customer.
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("merchants_utf8_bom_zh.csv"));
    let r = dry(&store, &spec);
    assert_eq!((r.new, r.merged, r.error_rows), (6, 4, 0));
    commit(&mut store, &spec);
    assert_eq!(store.customer_total().unwrap(), 6);
}

#[test]
fn a_list_of_people_with_the_name_in_parts_imports_every_row() {
    // 12,230 former legislators: full_name is filled on 601 rows only; the others have
    // their name in last_name, first_name, middle_name and suffix.
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("us_legislators_historical_12k.csv"));
    let r = dry(&store, &spec);
    assert_eq!(r.rows, 12230);
    assert_eq!(r.error_rows, 0, "{:?}", &r.errors[..r.errors.len().min(5)]);
    // People of the same name (15 William Smiths) are one customer, as any name is:
    // the report says how many rows that joins.
    assert_eq!((r.new, r.merged), (12071, 159));
    assert_eq!(r.merged_rows.len(), 159);
    assert_eq!(
        r.merged_rows[1],
        MergedRow {
            line: 184,
            name: "William Smith".into(),
            first_line: 26,
            skipped: false,
        }
    );
    let rec = commit(&mut store, &spec);
    assert_eq!(rec.created, 12071);
    let c = find(&store, "Richard Bassett");
    assert_eq!(c.kind, kehu::domain::CustomerKind::Individual);
    assert_eq!(c.province, "DE");
    assert_eq!(c.contacts[0].birthday, "1745-04-02", "dates from the 1700s");
    // Middle name and suffix take their places; a filled full_name is used as it is.
    find(&store, "Richard Jackson Jr.");
    find(&store, "John Quincy Adams");
    find(&store, "Jesse L. Jackson Jr.");
    find(&store, "Enid Greene Waldholtz");

    // A Chinese list of people in GBK: 姓 and 名 make 张伟, written without a space.
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("own_name_parts_gbk.csv"));
    assert_eq!(
        spec.mapping
            .fixed
            .get(&Target::Customer(CustomerField::Kind))
            .map(String::as_str),
        Some("个人")
    );
    let r = dry(&store, &spec);
    assert_eq!((r.rows, r.new, r.error_rows), (4, 3, 1), "{:?}", r.errors);
    assert_eq!(
        (r.errors[0].line, r.errors[0].column.as_str()),
        (5, "客户名称")
    );
    assert!(
        r.errors[0].message.contains("空"),
        "{}",
        r.errors[0].message
    );
    commit(&mut store, &spec);
    let c = find(&store, "张伟");
    assert_eq!(c.kind, kehu::domain::CustomerKind::Individual);
    assert_eq!(c.contacts[0].birthday, "1985-03-02");
    assert_eq!(c.mobile, "13812345678");
    find(&store, "欧阳娜娜");
    find(&store, "王");

    // Beside a company column, the parts make the contact's name.
    let (d, mut store) = temp_store();
    let path = d.path().join("contacts.csv");
    std::fs::write(
        &path,
        "Company,First Name,Last Name,Job Title\n\
         Acme Trading Ltd,Jane,Doe,Buyer\n\
         北京华信科技有限公司,伟,张,经理\n",
    )
    .unwrap();
    let spec = spec_for(&path);
    assert_eq!(
        spec.mapping.columns[0],
        Target::Customer(CustomerField::Name)
    );
    commit(&mut store, &spec);
    let c = find(&store, "Acme Trading Ltd");
    assert_eq!(c.kind, kehu::domain::CustomerKind::Enterprise);
    assert_eq!(
        (c.contacts[0].name.as_str(), c.contacts[0].title.as_str()),
        ("Jane Doe", "Buyer")
    );
    assert_eq!(
        find(&store, "北京华信科技有限公司").contacts[0].name,
        "张伟"
    );
}

#[test]
fn gpl_fixtures_from_the_shared_folder() {
    if let Some(p) = shared_fixture("szse_listed_companies_zh.xlsx") {
        let (_d, mut store) = temp_store();
        let spec = spec_for(&p);
        let r = dry(&store, &spec);
        assert_eq!(
            (r.rows, r.new, r.error_rows),
            (1495, 1495, 0),
            "{:?}",
            r.errors.first()
        );
        commit(&mut store, &spec);
        let pa = find(&store, "平安银行股份有限公司");
        assert_eq!(pa.code, "000001", "codes keep their leading zeros");
    }
    if let Some(p) = shared_fixture("outlook2000_contacts_export_cp1252.csv") {
        let t = read::open(&p, &ReadOptions::default()).unwrap();
        assert_eq!(t.layout.encoding_name(), "windows-1252");
        assert_eq!(t.headers.len(), 87);
        let (_d, store) = temp_store();
        let spec = spec_for(&p);
        let r = dry(&store, &spec);
        // A Spanish postcode is not a Chinese one: the row is refused and says why.
        assert_eq!((r.rows, r.error_rows), (1, 1));
        assert_eq!(r.errors[0].column, "Business Postal Code");
        assert_eq!(r.errors[0].value, "08011", "leading zero kept");
        assert!(
            r.errors[0].message.contains("邮政编码"),
            "{}",
            r.errors[0].message
        );
    }
    if let Some(p) = shared_fixture("google_contacts_legacy_export_roundcube.csv") {
        let t = read::open(&p, &ReadOptions::default()).unwrap();
        assert_eq!(t.headers.len(), 81);
        assert_eq!(t.rows.count(), 1);
    }
}

#[test]
fn rows_with_errors_are_saved_to_fix_and_import_again() {
    let (dir, store) = temp_store();
    let spec = spec_for(&fixture("own_gbk_excel.csv"));
    let r = dry(&store, &spec);
    let out = dir.path().join("errors.csv");
    import::write_error_rows(&r, &out).unwrap();
    let t = read::open(&out, &ReadOptions::default()).unwrap();
    assert_eq!(t.layout.encoding_name(), "UTF-8");
    assert_eq!(t.headers.last().map(String::as_str), Some("原文件行号"));
    let rows: Vec<_> = t.rows.map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].cells[0], "广州南方实业");
    assert!(rows[0].cells[10].contains("科学计数法"));
}

#[test]
fn a_saved_mapping_is_offered_again_for_the_same_headers() {
    let (_d, mut store) = temp_store();
    let path = fixture("alipay_bill_export_gbk.csv");
    let t = read::open(&path, &ReadOptions::default()).unwrap();
    let mut m = auto_map(&t.headers);
    m.columns[2] = Target::Customer(CustomerField::Name);
    m.fixed
        .insert(Target::Customer(CustomerField::Source), "支付宝".into());
    let key = Mapping::headers_key(&t.headers);
    store
        .save_mapping("支付宝账单", &key, &serde_json::to_string(&m).unwrap())
        .unwrap();
    let (name, json) = store.mapping_for_headers(&key).unwrap().unwrap();
    assert_eq!(name, "支付宝账单");
    let back: Mapping = serde_json::from_str(&json).unwrap();
    assert_eq!(back, m);
    assert_eq!(store.mapping_names().unwrap(), ["支付宝账单"]);
    // A fixed value fills every row.
    let spec = ImportSpec {
        path,
        mapping: back,
        ..Default::default()
    };
    commit(&mut store, &spec);
    assert_eq!(
        find(&store, "蚂蚁财富-蚂蚁（杭州）基金销售有限公司").source,
        "支付宝"
    );
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let (_d, mut store) = temp_store();
    let spec = spec_for(&fixture("us_legislators_current_contacts.csv"));
    let cancel = AtomicBool::new(true);
    assert!(matches!(
        import::commit(&mut store, &spec, &mut |_| {}, &cancel),
        Err(ImportError::Cancelled)
    ));
    assert_eq!(store.customer_total().unwrap(), 0);
    assert!(store.imports().unwrap().is_empty());
}

/// A file of `n` good rows (more than one batch of the planning thread's queue).
fn many_rows(dir: &Path, n: usize, tail: &str) -> PathBuf {
    let path = dir.join("many.csv");
    let mut text = String::from("客户名称,电话\n");
    for i in 0..n {
        text.push_str(&format!(
            "批量导入客户{i:05}有限公司,010-{:08}\n",
            60_000_000 + i
        ));
    }
    text.push_str(tail);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_read_error_after_thousands_of_written_rows_takes_them_all_back() {
    let (dir, mut store) = temp_store();
    // The bad cell comes after 3,000 good rows have already gone to the store.
    let path = many_rows(
        dir.path(),
        3_000,
        &format!("\"未结束的引号,{}\n", "x".repeat(1_100_000)),
    );
    let spec = spec_for(&path);
    match import::commit(&mut store, &spec, &mut |_| {}, &AtomicBool::new(false)) {
        // Found by the planning thread while the store was writing: the clerk is told
        // where and that nothing came in.
        Err(ImportError::Store(kehu::store::StoreError::ImportRead(msg))) => {
            assert!(msg.contains("第 3002 行") && msg.contains("1 MB"), "{msg}");
            assert!(msg.contains("什么都没有导入"), "{msg}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.customer_total().unwrap(), 0);
    assert!(store.imports().unwrap().is_empty());
    // The same rows without the bad one land whole.
    let path = many_rows(dir.path(), 3_000, "");
    let rec = commit(&mut store, &spec_for(&path));
    assert_eq!(rec.created, 3_000);
    assert_eq!(store.customer_total().unwrap(), 3_000);
}

#[test]
fn cancelling_half_way_through_writes_nothing() {
    let (dir, mut store) = temp_store();
    let path = many_rows(dir.path(), 5_000, "");
    let spec = spec_for(&path);
    let cancel = AtomicBool::new(false);
    let mut seen = 0;
    let got = import::commit(
        &mut store,
        &spec,
        &mut |n| {
            seen = seen.max(n);
            if n >= 1_000 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(matches!(got, Err(ImportError::Cancelled)), "{got:?}");
    assert!(
        (1_000..5_000).contains(&seen),
        "cancelled after {seen} rows"
    );
    assert_eq!(store.customer_total().unwrap(), 0);
    assert!(store.imports().unwrap().is_empty());
}

/// Every word of both search indexes with the customers that have it, from the file.
fn search_words(path: &Path) -> Vec<(String, i64, i64)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE temp.fts_words USING fts5vocab(main, customer_fts, instance);
         CREATE VIRTUAL TABLE temp.cjk_words USING fts5vocab(main, customer_cjk, instance);",
    )
    .unwrap();
    conn.prepare(
        "SELECT term, doc, offset FROM temp.fts_words
         UNION ALL SELECT term, doc, -1 FROM temp.cjk_words ORDER BY 1, 2, 3",
    )
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// An import writes its new customers' search entries a few thousand at a time; a row
/// later in the file that adds to a customer created earlier in it replaces that
/// customer's entries. Whatever the batching, search finds what a rebuild finds.
#[test]
fn a_big_import_is_found_by_search_as_a_rebuild_would_find_it() {
    let (dir, mut store) = temp_store();
    let path = dir.path().join("big.csv");
    let mut text = String::from("客户名称,联系人,电话,地址\n");
    for i in 0..6_000 {
        text.push_str(&format!(
            "批量导入客户{i:05}有限公司,,010-{:08},\n",
            60_000_000 + i
        ));
    }
    // Two customers again at the end, with a contact and an address to add: one from
    // the first rows (its entries already written), one from the last (still gathered).
    text.push_str("批量导入客户00002有限公司,欧阳娜娜,,杭州市西湖区文三路\n");
    text.push_str("批量导入客户05000有限公司,司马相如,,成都市锦江区春熙路\n");
    std::fs::write(&path, text).unwrap();
    let rec = commit(&mut store, &spec_for(&path));
    assert_eq!(rec.created, 6_000);
    let count = |store: &Store, text: &str| {
        store
            .count_customers(&CustomerQuery {
                text: text.into(),
                ..Default::default()
            })
            .unwrap()
    };
    let terms = [
        "欧阳",
        "娜娜",
        "文三路",
        "oyn",
        "司马",
        "春熙路",
        "smxr",
        "客户05000",
        "批量",
    ];
    let found: Vec<u64> = terms.iter().map(|t| count(&store, t)).collect();
    assert_eq!(found, [1, 1, 1, 1, 1, 1, 1, 1, 6_000]);
    let db = store.path().to_path_buf();
    drop(store);
    let imported = search_words(&db);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("BEGIN").unwrap();
    kehu::store::search::reindex_all(&conn).unwrap();
    conn.execute_batch("COMMIT").unwrap();
    drop(conn);
    let rebuilt = search_words(&db);
    if imported != rebuilt {
        use std::collections::BTreeSet;
        let (a, b): (BTreeSet<_>, BTreeSet<_>) =
            (imported.iter().collect(), rebuilt.iter().collect());
        panic!(
            "{} words after the import, {} rebuilt; only after the import: {:?}; only rebuilt: {:?}",
            imported.len(),
            rebuilt.len(),
            a.difference(&b).take(5).collect::<Vec<_>>(),
            b.difference(&a).take(5).collect::<Vec<_>>(),
        );
    }
    let store = Store::open(&db).unwrap();
    let again: Vec<u64> = terms.iter().map(|t| count(&store, t)).collect();
    assert_eq!(again, found);

    // The benchmark's "SQLite alone" copy of this import holds and finds the same.
    let floor_path = dir.path().join("floor.sqlite3");
    let mut floor = Store::open(&floor_path).unwrap();
    floor.create_first_admin(common::ADMIN_PASSWORD).unwrap();
    floor.copy_import_for_floor(&db).unwrap();
    assert_eq!(floor.customer_total().unwrap(), 6_000);
    let in_floor: Vec<u64> = terms.iter().map(|t| count(&floor, t)).collect();
    assert_eq!(in_floor, found);
    drop(floor);
    assert_eq!(search_words(&floor_path), rebuilt);
}

fn all_customers(store: &Store) -> Vec<kehu::domain::Customer> {
    let mut out = Vec::new();
    store
        .for_each_customer(&CustomerQuery::default(), |mut c| {
            c.id = None;
            for k in &mut c.contacts {
                k.id = None;
            }
            out.push(c);
            true
        })
        .unwrap();
    out
}

#[test]
fn export_then_import_gives_back_the_same_data() {
    let (dir, mut src) = temp_store();
    kehu::demo::fill(&mut src, 200).unwrap();
    // Awkward values: a formula-like note, a +86 mobile, a multi-line note.
    let mut odd = customer("=危险公式公司");
    odd.notes = "=1+1\n第二行".into();
    odd.mobile = "+86 13800138000".into();
    odd.credit_limit_fen = 1_234_567;
    odd.contacts = vec![contact("@某人"), contact("-张三")];
    odd.contacts[0].is_primary = true;
    src.save_customer(&odd).unwrap();
    let want = all_customers(&src);
    for (file, format) in [
        ("all.csv", ExportFormat::Csv(CsvEncoding::Utf8Bom)),
        ("all-gbk.csv", ExportFormat::Csv(CsvEncoding::Gbk)),
        ("all.xlsx", ExportFormat::Xlsx),
    ] {
        let out = dir.path().join(file);
        let n = export_customers(
            &src,
            &CustomerQuery::default(),
            format,
            &out,
            true,
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!(n as usize, want.len());
        let bytes = std::fs::read(&out).unwrap();
        if file == "all.csv" {
            assert!(
                bytes.starts_with(b"\xEF\xBB\xBF"),
                "UTF-8 with BOM for Excel"
            );
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains("'=危险公式公司"), "formulas are neutralised");
            // The note has a line break, so its cell is quoted: the apostrophe must be
            // inside the quotes, where a spreadsheet reads it.
            assert!(
                text.contains("\"'=1+1\n第二行\""),
                "a quoted cell is neutralised inside its quotes"
            );
            assert!(!text.contains("\"=1+1"));
            assert!(!text.contains(",=1+1"));
        }
        let (_d2, mut dst) = temp_store();
        let spec = spec_for(&out);
        let r = dry(&dst, &spec);
        assert_eq!(r.error_rows, 0, "{file}: {:?}", r.errors.first());
        commit(&mut dst, &spec);
        let got = all_customers(&dst);
        assert_eq!(got.len(), want.len(), "{file}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{file}");
        }
    }
}

#[test]
fn export_follows_the_list_search_filter_and_sort() {
    let (dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 300).unwrap();
    let q = CustomerQuery {
        text: "北京".into(),
        grade: Some(kehu::domain::Grade::A),
        sort: kehu::store::SortKey::Code,
        descending: true,
        ..Default::default()
    };
    let want: Vec<String> = store
        .customer_page(&q, 0, 10_000)
        .unwrap()
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert!(!want.is_empty());
    let out = dir.path().join("a.csv");
    export_customers(
        &store,
        &q,
        ExportFormat::Csv(CsvEncoding::Utf8Bom),
        &out,
        false,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let t = read::open(&out, &ReadOptions::default()).unwrap();
    let got: Vec<String> = t.rows.map(|r| r.unwrap().cells[0].clone()).collect();
    assert_eq!(got, want);
}

#[test]
fn an_unwritable_export_target_says_so_and_leaves_nothing() {
    let (dir, mut store) = temp_store();
    kehu::demo::fill(&mut store, 10).unwrap();
    let out = dir.path().join("no-such-folder").join("a.csv");
    let err = export_customers(
        &store,
        &CustomerQuery::default(),
        ExportFormat::Csv(CsvEncoding::Utf8Bom),
        &out,
        false,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert!(err.message().contains("写不进去"), "{}", err.message());
    assert!(!out.exists());
}

#[test]
fn read_errors_reach_the_clerk_in_words() {
    assert!(matches!(
        read::open(Path::new("/no/such/file.csv"), &ReadOptions::default()),
        Err(ReadError::Open(_))
    ));
}

#[test]
fn an_ods_workbook_from_libreoffice_or_wps_imports_like_xlsx() {
    let (_dir, mut store) = temp_store();
    let path = fixture("own_customers.ods");
    let table = read::open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(table.layout.sheet.as_deref(), Some("客户名单"));
    assert_eq!(table.headers[0], "客户名称");
    drop(table);
    let spec = spec_for(&path);
    let r = dry(&store, &spec);
    assert_eq!((r.rows, r.new, r.error_rows), (2, 2, 0), "{:?}", r.errors);
    commit(&mut store, &spec);
    let c = find(&store, "杭州天成软件股份有限公司");
    assert_eq!(
        c.postal_code, "310012",
        "a number cell read back as the code"
    );
    assert_eq!(c.contacts[0].name, "周敏");
    assert_eq!(c.contacts[0].mobile, "13905710001");
}

#[test]
fn a_quote_that_never_closes_names_its_line_and_nothing_is_imported() {
    let (d, mut store) = temp_store();
    let file = d.path().join("引号.csv");
    // The clerk chose the file while it was sound, then it was saved with a stray quote.
    std::fs::write(&file, "客户名称,电话\n正常公司,010-7654321\n").unwrap();
    let spec = spec_for(&file);
    std::fs::write(
        &file,
        "客户名称,电话\n\"未闭合的引号公司,010-1234567\n正常公司,010-7654321\n",
    )
    .unwrap();
    let opened = read::open(&file, &ReadOptions::default());
    assert!(matches!(
        opened,
        Err(read::ReadError::UnclosedQuote { line: 2 })
    ));
    let err = import::dry_run(&store, &spec, &mut |_| {}, &AtomicBool::new(false)).unwrap_err();
    let msg = err.message();
    assert!(msg.contains("第 2 行"), "{msg}");
    assert!(msg.contains("引号"), "{msg}");
    assert!(import::commit(&mut store, &spec, &mut |_| {}, &AtomicBool::new(false)).is_err());
    assert_eq!(store.customer_total().unwrap(), 0, "nothing imported");
    // Quotes that do close, doubled quotes and quoted line breaks are read as before.
    std::fs::write(
        &file,
        "客户名称,备注\n\"引号\"\"里的\"\"公司\",\"两行\n备注\"\n正常公司,\n",
    )
    .unwrap();
    let r = dry(&store, &spec_for(&file));
    assert_eq!((r.new, r.error_rows), (2, 0), "{:?}", r.errors);
    // A name with a line break in it (a quote closed too late) is an error on its row.
    std::fs::write(&file, "客户名称,电话\n\"甲公司\n乙公司\",010-1234567\n").unwrap();
    let r = dry(&store, &spec_for(&file));
    assert_eq!((r.new, r.error_rows), (0, 1));
    assert!(r.errors[0].message.contains("换行"), "{:?}", r.errors);
}

#[test]
fn every_column_is_imported_or_named_in_the_report() {
    let (d, mut store) = temp_store();
    let file = d.path().join("级别.csv");
    let mut text = String::from("客户名称,客户级别,建档日期,审核人,联系电话\n");
    let grades = ["A", "B", "C", "D"];
    for i in 0..40 {
        text.push_str(&format!(
            "级别测试{i:02}公司,{},2019/3/{},王经理,010-6253{i:04}\n",
            grades[i % 4],
            i % 28 + 1
        ));
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&file, gbk).unwrap();
    let spec = spec_for(&file);
    assert_eq!(
        spec.mapping.columns[1],
        Target::Customer(CustomerField::Grade),
        "客户级别 is the grade"
    );
    assert_eq!(
        spec.mapping.columns[2],
        Target::Customer(CustomerField::RecordedOn),
        "建档日期 is the date the customer was first recorded"
    );
    let r = dry(&store, &spec);
    let left: Vec<&str> = r.unmapped.iter().map(|u| u.header.as_str()).collect();
    assert_eq!(left, ["审核人"], "the one column not imported is named");
    let text = import::report_text(&r);
    assert!(text.contains("未导入"), "{text}");
    assert!(text.contains("审核人"), "{text}");
    commit(&mut store, &spec);
    for (i, g) in grades.iter().enumerate() {
        let c = find(&store, &format!("级别测试{i:02}公司"));
        assert_eq!(c.grade.code(), *g, "the file's grade, not the default");
        assert_eq!(
            c.recorded_on,
            format!("2019-03-{:02}", i % 28 + 1),
            "the file's 建档日期, not the day of the import"
        );
    }
    // A customer entered by hand is recorded on the day it is saved.
    store.save_customer(&customer("手工新建公司")).unwrap();
    assert_eq!(
        find(&store, "手工新建公司").recorded_on,
        kehu::store::today().format("%Y-%m-%d").to_string()
    );
}

#[test]
fn real_world_chinese_headers_map_to_their_fields() {
    let table: [(&str, Target); 18] = [
        ("客户级别", Target::Customer(CustomerField::Grade)),
        ("建档日期", Target::Customer(CustomerField::RecordedOn)),
        ("创建日期", Target::Customer(CustomerField::RecordedOn)),
        ("录入日期", Target::Customer(CustomerField::RecordedOn)),
        ("建档时间", Target::Customer(CustomerField::RecordedOn)),
        ("客户等级", Target::Customer(CustomerField::Grade)),
        ("公司名称", Target::Customer(CustomerField::Name)),
        ("单位名称", Target::Customer(CustomerField::Name)),
        ("联系电话", Target::Customer(CustomerField::Phone)),
        ("办公电话", Target::Customer(CustomerField::Phone)),
        ("手机号码", Target::Customer(CustomerField::Mobile)),
        ("电子邮件", Target::Customer(CustomerField::Email)),
        ("详细地址", Target::Customer(CustomerField::Address)),
        ("所属行业", Target::Customer(CustomerField::Industry)),
        ("负责业务员", Target::Customer(CustomerField::Owner)),
        ("邮编", Target::Customer(CustomerField::PostalCode)),
        (
            "统一社会信用代码",
            Target::Customer(CustomerField::CreditCode),
        ),
        ("联系人", Target::Contact(ContactField::Name)),
    ];
    for (header, want) in table {
        // Beside a 客户名称 column, as in a real list (without one, 联系人 is the name).
        let other = if want == Target::Customer(CustomerField::Name) {
            "客户编号"
        } else {
            "客户名称"
        };
        let m = auto_map(&[other.to_string(), header.to_string()]);
        assert_eq!(m.columns[1], want, "{header}");
    }
    // A header no field takes is named with the field nearest to it, if one is near.
    let m = auto_map(&["客户名称".to_string(), "客户星级".to_string()]);
    let left = m.unmapped(&["客户名称".to_string(), "客户星级".to_string()]);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].nearest.as_deref(), Some("客户等级"));
    // Two characters in common with 建档日期 or a contact's 出生日期 is not near: no
    // suggestion.
    let headers = ["客户名称".to_string(), "审核日期".to_string()];
    let left = auto_map(&headers).unmapped(&headers);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].nearest, None, "{left:?}");
}

#[test]
fn a_workbook_whose_first_sheet_is_a_note_imports_its_table_without_a_setting() {
    let (_d, mut store) = temp_store();
    let file = fixture("own_workbook_notes_first.xlsx");
    let t = read::open(&file, &ReadOptions::default()).unwrap();
    assert_eq!(t.layout.sheet.as_deref(), Some("客户名单"));
    assert_eq!(
        t.layout.sheets,
        ["说明", "客户名单", "只有表头", "旧名单"],
        "hidden sheets last"
    );
    assert_eq!(t.layout.hidden_sheets, ["旧名单"]);
    assert_eq!(t.layout.header_line, 2, "below the merged banner");
    assert_eq!(t.layout.sheet_rows, 200);
    let note = kehu::io::text::sheet_choice(&t.layout).unwrap();
    assert_eq!(
        note,
        "第一张工作表「说明」没有表格，已选「客户名单」（200 行）。"
    );
    drop(t);
    let spec = spec_for(&file);
    let r = dry(&store, &spec);
    assert_eq!((r.new, r.error_rows), (200, 0), "{:?}", r.errors);
    commit(&mut store, &spec);
    assert_eq!(store.customer_total().unwrap(), 200);
    let c = find(&store, "北京第001号贸易有限公司");
    assert_eq!(c.grade.code(), "A");
    assert_eq!(c.contacts[0].name, "王芳");
    // A sheet with only a header, chosen, says so naming the sheet.
    let only_header = ReadOptions {
        sheet: Some("只有表头".into()),
        ..Default::default()
    };
    let err = read::open(&file, &only_header).err().unwrap();
    assert_eq!(err, ReadError::SheetHeaderOnly("只有表头".into()));
    assert!(kehu::io::text::read_error(&err).contains("只有表头"));
}

/// An undone import takes its customers out of search whichever way it goes: one entry
/// at a time when they are few beside the customers staying, by rebuilding the index
/// from those staying when they are many. Either way search finds what a rebuild finds.
#[test]
fn an_undone_import_leaves_search_as_a_rebuild_would() {
    for (own, imported) in [(60usize, 5usize), (5, 60)] {
        let (dir, mut store) = temp_store();
        for i in 0..own {
            store
                .save_customer(&customer(&format!("本地老客户{i:03}有限公司")))
                .unwrap();
        }
        let path = dir.path().join("new.csv");
        let mut text = String::from("客户名称,地址\n");
        for i in 0..imported {
            text.push_str(&format!("新导入客户{i:03}有限公司,杭州市文三路{i}号\n"));
        }
        std::fs::write(&path, text).unwrap();
        let rec = commit(&mut store, &spec_for(&path));
        let count = |store: &Store, text: &str| {
            store
                .count_customers(&CustomerQuery {
                    text: text.into(),
                    ..Default::default()
                })
                .unwrap()
        };
        assert_eq!(count(&store, "新导入"), imported as u64);
        let undone = store.undo_import_keeping(rec.id, true).unwrap();
        assert_eq!(undone.trashed, imported as i64);
        assert_eq!(count(&store, "新导入"), 0, "{own} + {imported}");
        assert_eq!(count(&store, "文三路"), 0);
        assert_eq!(count(&store, "老客户"), own as u64);
        let db = store.path().to_path_buf();
        drop(store);
        let after_undo = search_words(&db);
        let conn = rusqlite::Connection::open(&db).unwrap();
        kehu::store::search::reindex_all(&conn).unwrap();
        drop(conn);
        assert_eq!(search_words(&db), after_undo, "{own} + {imported}");
        // And a restore from the trash indexes the customer again.
        let mut store = Store::open(&db).unwrap();
        store.sign_in("admin", common::ADMIN_PASSWORD).unwrap();
        let back = store.trashed_customers().unwrap()[0].id;
        store.restore_customer(back).unwrap();
        assert_eq!(count(&store, "新导入"), 1);
    }
}

/// A message quotes at most about 50 characters of a value: an error in a 900 KB cell
/// does not repeat the cell (in the report, the wizard's list or `kehu import`).
#[test]
fn an_error_in_a_huge_cell_quotes_only_its_start() {
    let (dir, store) = temp_store();
    let file = dir.path().join("huge.csv");
    let huge = format!("not-an-email-{}", "x".repeat(900_000));
    std::fs::write(
        &file,
        format!("客户名称,电子邮箱\n北京华信科技有限公司,{huge}\n"),
    )
    .unwrap();
    let r = dry(&store, &spec_for(&file));
    assert_eq!(r.error_rows, 1);
    let text = import::report_text(&r);
    assert!(
        text.contains("not-an-email-xxx"),
        "{}",
        &text[..text.len().min(300)]
    );
    assert!(text.contains('…'), "the cut is marked");
    assert!(
        text.chars().count() < 2_000,
        "{} characters",
        text.chars().count()
    );
    for e in &r.errors {
        assert!(
            e.value.chars().count() <= 60,
            "{} characters kept",
            e.value.chars().count()
        );
    }
}

/// Import, undo, fix the file, import again: the clerk's first hour. The undone
/// customers wait in the trash with their codes (kept for a restore), so the same codes
/// coming in again get new numbers — before, the check said all was well and the
/// import then failed at its first row (「此客户编号已被使用」), importing nothing.
#[test]
fn a_file_imported_again_after_its_import_was_undone_comes_in_whole() {
    let (dir, mut store) = temp_store();
    let file = dir.path().join("again.csv");
    std::fs::write(
        &file,
        "客户编号,客户名称\nKH000101,甲贸易有限公司\nKH000102,乙贸易有限公司\n",
    )
    .unwrap();
    let spec = spec_for(&file);
    let first = commit(&mut store, &spec);
    assert_eq!(find(&store, "甲贸易有限公司").code, "KH000101");
    store.undo_import(first.id).unwrap();
    assert_eq!(store.customer_total().unwrap(), 0);
    let r = dry(&store, &spec);
    assert_eq!((r.new, r.renumbered, r.error_rows), (2, 2, 0), "{r:#?}");
    assert!(import::report_text(&r).contains("包括回收站里的"));
    commit(&mut store, &spec);
    assert_eq!(store.customer_total().unwrap(), 2);
    let again = find(&store, "甲贸易有限公司");
    assert_ne!(
        again.code, "KH000101",
        "the trashed customer keeps its code"
    );
    // The undone ones stay in the trash, with their codes.
    let trashed = store.trashed_customers().unwrap();
    assert_eq!(trashed.len(), 2);
}

#[test]
fn a_row_that_cannot_be_imported_is_said_with_one_full_stop() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let text = kehu::strings::import_row_failed(2, "客户编号：此客户编号已被使用。");
    assert_eq!(
        text,
        "第 2 行不能导入：客户编号：此客户编号已被使用。什么都没有导入，请修改后重试。"
    );
}

/// Scripts read exports by column: a field added later (建档日期, 账期) comes after the
/// columns an export already had, which keep their places.
#[test]
fn a_field_added_later_is_exported_after_the_columns_that_were_there() {
    let headers: Vec<&str> = kehu::io::export::customer_columns()
        .into_iter()
        .map(|t| t.header())
        .collect();
    assert_eq!(
        headers,
        [
            "客户编号",
            "客户名称",
            "客户类型",
            "客户类别",
            "行业",
            "客户等级",
            "客户来源",
            "省份",
            "城市",
            "地址",
            "邮政编码",
            "电话",
            "手机",
            "传真",
            "电子邮箱",
            "网站",
            "统一社会信用代码",
            "业务员",
            "状态",
            "信用额度",
            "备注",
            "联系人",
            "联系人职务",
            "联系人电话",
            "联系人手机",
            "联系人邮箱",
            "联系人生日",
            "联系人备注",
            "建档日期",
            "账期（天）",
            "信用等级",
            "临时额度",
            "临时额度到期",
            "信用评估",
            "流失日期",
            "流失类型",
            "流失原因",
            "联系人生日历法",
        ]
    );
}

/// 账期 in a file (30, 60天, ６０) is read into the customer's payment terms and written
/// back by an export under its own header; a cell that is not a number of days is said.
#[test]
fn payment_terms_import_and_export() {
    let (d, mut store) = temp_store();
    let file = d.path().join("账期.csv");
    std::fs::write(
        &file,
        "客户名称,账期,电话\n甲账期公司,30,010-62530001\n乙账期公司,60天,010-62530002\n丙账期公司,,010-62530003\n",
    )
    .unwrap();
    let spec = spec_for(&file);
    assert_eq!(
        spec.mapping.columns[1],
        Target::Customer(CustomerField::PaymentDays)
    );
    commit(&mut store, &spec);
    assert_eq!(find(&store, "甲账期公司").payment_days, Some(30));
    assert_eq!(find(&store, "乙账期公司").payment_days, Some(60));
    assert_eq!(find(&store, "丙账期公司").payment_days, None);
    let out = d.path().join("导出.csv");
    export_customers(
        &store,
        &CustomerQuery::default(),
        ExportFormat::Csv(CsvEncoding::Utf8Bom),
        &out,
        false,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.lines().next().unwrap().contains(",账期（天）,"),
        "{text}"
    );
    // The export imports back whole into another database, terms included.
    let (_d2, mut other) = temp_store();
    commit(&mut other, &spec_for(&out));
    assert_eq!(find(&other, "甲账期公司").payment_days, Some(30));
    assert_eq!(find(&other, "乙账期公司").payment_days, Some(60));
    assert_eq!(find(&other, "丙账期公司").payment_days, None);
    let bad = d.path().join("坏账期.csv");
    std::fs::write(&bad, "客户名称,账期\n丁账期公司,一个月\n").unwrap();
    let r = dry(&store, &spec_for(&bad));
    assert_eq!(r.error_rows, 1, "{r:#?}");
    assert_eq!(r.errors[0].column, "账期");
    assert!(r.errors[0].message.contains("天数"), "{:?}", r.errors);
}

/// 流失日期, 流失类型 and 流失原因 come in under the headers a clerk writes.
#[test]
fn a_lost_customers_when_kind_and_why_import() {
    let (d, mut store) = temp_store();
    let file = d.path().join("流失.csv");
    std::fs::write(
        &file,
        "客户名称,状态,流失时间,流失种类,流失说明\n宁波海川进出口有限公司,流失,2025/12/1,恶意流失,拖欠货款\n",
    )
    .unwrap();
    commit(&mut store, &spec_for(&file));
    let c = find(&store, "宁波海川进出口有限公司");
    assert_eq!(
        (
            c.status,
            c.lost_on.as_str(),
            c.lost_kind.as_str(),
            c.lost_reason.as_str()
        ),
        (
            kehu::domain::CustomerStatus::Lost,
            "2025-12-01",
            "恶意流失",
            "拖欠货款"
        )
    );
}

/// Birthdays come in with or without a year and marked 农历 (阴历, 闰月 …); the
/// export writes them back the same way and imports back whole.
#[test]
fn lunar_birthdays_and_birthdays_without_a_year_import_and_export() {
    let (d, mut store) = temp_store();
    let file = d.path().join("生日.csv");
    std::fs::write(
        &file,
        "客户名称,联系人,生日,农历生日\n\
         甲生日公司,周敏,8月15日,农历\n\
         乙生日公司,陈刚,1984/6/1,闰月\n\
         丙生日公司,吴迪,1980-02-29,\n\
         丁生日公司,王芳,1975年2月30日,阴历\n",
    )
    .unwrap();
    let spec = spec_for(&file);
    assert_eq!(
        spec.mapping.columns[3],
        Target::Contact(ContactField::BirthdayCalendar)
    );
    commit(&mut store, &spec);
    let person = |store: &Store, name: &str| {
        let c = find(store, name).contacts[0].clone();
        (c.birthday, c.birthday_calendar)
    };
    assert_eq!(
        person(&store, "甲生日公司"),
        ("08-15".into(), "农历".into())
    );
    assert_eq!(
        person(&store, "乙生日公司"),
        ("1984-06-01".into(), "农历闰月".into())
    );
    assert_eq!(
        person(&store, "丙生日公司"),
        ("1980-02-29".into(), "".into())
    );
    assert_eq!(
        person(&store, "丁生日公司"),
        ("1975-02-30".into(), "农历".into())
    );
    let out = d.path().join("导出.csv");
    export_customers(
        &store,
        &CustomerQuery::default(),
        ExportFormat::Csv(CsvEncoding::Utf8Bom),
        &out,
        false,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let (_d2, mut other) = temp_store();
    commit(&mut other, &spec_for(&out));
    for name in ["甲生日公司", "乙生日公司", "丙生日公司", "丁生日公司"] {
        assert_eq!(person(&other, name), person(&store, name), "{name}");
    }
    // 2月30日 is no Gregorian day: said, not guessed.
    let bad = d.path().join("坏生日.csv");
    std::fs::write(&bad, "客户名称,联系人,生日\n戊生日公司,李雷,1975-02-30\n").unwrap();
    let r = dry(&store, &spec_for(&bad));
    assert_eq!(r.error_rows, 1, "{r:#?}");
}
