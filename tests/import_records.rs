//! Importing and exporting feedback, contracts, competitors and news: a GBK sheet of
//! the firm's own read without a setting, names resolved to customers, bad rows named
//! with their line and reason, duplicates skipped or updated, contracts' status kept only
//! for a supervisor, the whole import undone, and every kind exported and imported back
//! into an empty database unchanged.

mod common;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use common::{customer, temp_store};
use kehu::domain::Role;
use kehu::domain::competitor::{Competitor, Threat};
use kehu::domain::contract::{Contract, ContractStatus, Payment, Transition};
use kehu::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
use kehu::domain::news::News;
use kehu::io::export::{CsvEncoding, ExportFormat};
use kehu::io::import::DupChoice;
use kehu::io::records::{
    RecordKind, RecordQuery, RecordSpec, auto_map_records, commit_records, dry_run_records,
    export_records, read_all,
};
use kehu::store::Store;
use kehu::store::record_imports::Record;

fn gbk(path: &Path, text: &str) {
    let (bytes, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    std::fs::write(path, bytes).unwrap();
}

fn spec(kind: RecordKind, path: &Path) -> RecordSpec {
    let t = kehu::io::read::open(path, &Default::default()).unwrap();
    RecordSpec::new(kind, path.to_path_buf(), auto_map_records(kind, &t.headers))
}

fn no() -> AtomicBool {
    AtomicBool::new(false)
}

fn all_ids(store: &Store, kind: RecordKind) -> Vec<i64> {
    let sql_kind = kind.key();
    let mut ids: Vec<i64> = match kind {
        RecordKind::Feedback => store
            .feedback_page(&Default::default(), 0, 1000)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect(),
        RecordKind::Contracts => store
            .contract_page(&Default::default(), 0, 1000)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect(),
        RecordKind::Competitors => store
            .competitor_page(&Default::default(), 0, 1000)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect(),
        RecordKind::News => store
            .news_page(&Default::default(), 0, 1000)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect(),
    };
    let _ = sql_kind;
    ids.sort();
    ids
}

#[test]
fn a_gbk_feedback_sheet_imports_with_customers_found_by_name_and_bad_rows_named() {
    let (dir, mut store) = temp_store();
    store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    store.save_customer(&customer("上海东方贸易")).unwrap();
    let file = dir.path().join("反馈.csv");
    gbk(
        &file,
        "拜访时间,公司名称,联系人,方式,主题,反馈内容,满意度,状态\r\n\
         2026/3/5 9:30,北京华信科技,张经理,拜访,季度回访,对交货期满意,5,已解决\r\n\
         2026年3月6日,上海东方贸易,李红,投诉,发票开错,要求重开,2分,待处理\r\n\
         2026-03-07,广州不存在公司,王五,电话,询价,,,\r\n\
         2026-03-08,上海东方贸易,李红,吵架,态度,,,\r\n\
         ,上海东方贸易,李红,电话,没有日期,,,\r\n",
    );
    let s = spec(RecordKind::Feedback, &file);
    let r = dry_run_records(&store, &s, &mut |_| {}, &no()).unwrap();
    assert_eq!((r.rows, r.new, r.error_rows), (5, 2, 3), "{r:?}");
    let msg = |line: u64| {
        r.errors
            .iter()
            .filter(|e| e.line == line)
            .map(|e| format!("{} {}", e.column, e.message))
            .collect::<Vec<_>>()
            .join(" / ")
    };
    assert!(
        msg(4).contains("找不到客户「广州不存在公司」"),
        "{}",
        msg(4)
    );
    assert!(msg(5).starts_with("方式"), "{}", msg(5));
    assert!(msg(6).starts_with("拜访时间"), "{}", msg(6));
    assert_eq!(
        store
            .feedback_page(&Default::default(), 0, 10)
            .unwrap()
            .len(),
        0
    );

    let (rec, _) = commit_records(&mut store, &s, &mut |_| {}, &no()).unwrap();
    assert_eq!((rec.kind.as_str(), rec.created), ("feedback", 2));
    let rows = store.feedback_page(&Default::default(), 0, 10).unwrap();
    assert_eq!(rows.len(), 2);
    let complaint = store.feedback(rows[0].id).unwrap();
    assert_eq!(complaint.at, "2026-03-06 00:00");
    assert_eq!(complaint.kind, FeedbackKind::Complaint);
    assert_eq!(complaint.satisfaction, Some(2));
    assert_eq!(complaint.status, FollowStatus::Open);
    let visit = store.feedback(rows[1].id).unwrap();
    assert_eq!(visit.at, "2026-03-05 09:30");
    assert_eq!(visit.contact_name, "张经理");

    // The same file again: both rows are the existing ones, skipped.
    let r = dry_run_records(&store, &s, &mut |_| {}, &no()).unwrap();
    assert_eq!((r.new, r.duplicates, r.skipped), (0, 2, 2));

    store.undo_import(rec.id).unwrap();
    assert_eq!(
        store
            .feedback_page(&Default::default(), 0, 10)
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn contracts_keep_their_status_only_for_a_supervisor_and_updates_respect_the_lock() {
    let (dir, mut store) = temp_store();
    let cid = store.save_customer(&customer("深圳宏图电子")).unwrap();
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store
        .add_user("boss", "李主管", Role::Supervisor, "boss-pass")
        .unwrap();
    let file = dir.path().join("合同.csv");
    std::fs::write(
        &file,
        "合同编号,客户名称,合同名称,签订日期,开始日期,结束日期,合同金额,状态\n\
         HT-001,深圳宏图电子,电源模块采购,2026-01-05,2026-01-05,2026-12-31,\"120,000.00\",执行中\n\
         HT-002,深圳宏图电子,维保服务,2026-02-01,2026-02-01,2026-01-01,5万,草稿\n\
         HT-001,深圳宏图电子,重复的行,2026-01-05,,,1000,草稿\n",
    )
    .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    let s = spec(RecordKind::Contracts, &file);
    let r = dry_run_records(&store, &s, &mut |_| {}, &no()).unwrap();
    assert_eq!((r.new, r.error_rows, r.as_draft), (1, 2, 1), "{r:?}");
    assert!(
        r.errors
            .iter()
            .any(|e| e.line == 3 && e.column == "结束日期")
    );
    assert!(
        r.errors
            .iter()
            .any(|e| e.line == 4 && e.message.contains("第 2 行"))
    );
    let (clerk_import, _) = commit_records(&mut store, &s, &mut |_| {}, &no()).unwrap();
    let rows = store.contract_page(&Default::default(), 0, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].status,
        ContractStatus::Draft,
        "a clerk's import is a draft"
    );
    assert_eq!(rows[0].amount_fen, 12_000_000);
    store.undo_import(clerk_import.id).unwrap();

    store.sign_in("boss", "boss-pass").unwrap();
    let r = dry_run_records(&store, &s, &mut |_| {}, &no()).unwrap();
    assert_eq!(r.as_draft, 0);
    commit_records(&mut store, &s, &mut |_| {}, &no()).unwrap();
    let rows = store.contract_page(&Default::default(), 0, 10).unwrap();
    assert_eq!(rows[0].status, ContractStatus::InForce);
    let rec = store.contract(rows[0].id).unwrap();
    assert_eq!(rec.decision.as_ref().map(|d| d.0.as_str()), Some("boss"));

    // An update may change the notes of a contract in force, never its amount.
    let file2 = dir.path().join("合同2.csv");
    std::fs::write(
        &file2,
        "合同编号,客户名称,合同名称,合同金额,备注\n\
         HT-001,深圳宏图电子,电源模块采购,120000,加急\n\
         HT-001,深圳宏图电子,电源模块采购,99000,改价\n",
    )
    .unwrap();
    let mut s2 = spec(RecordKind::Contracts, &file2);
    s2.duplicates = DupChoice::Update;
    let r = dry_run_records(&store, &s2, &mut |_| {}, &no()).unwrap();
    assert_eq!(r.updates, 1, "{r:?}");
    assert_eq!(r.update_rows[0].changes[0].2, "加急");
    assert_eq!(r.error_rows, 1, "the second row repeats the first");
    let file3 = dir.path().join("合同3.csv");
    std::fs::write(
        &file3,
        "合同编号,客户名称,合同名称,合同金额\nHT-001,深圳宏图电子,电源模块采购,99000\n",
    )
    .unwrap();
    let mut s3 = spec(RecordKind::Contracts, &file3);
    s3.duplicates = DupChoice::Update;
    let r = dry_run_records(&store, &s3, &mut |_| {}, &no()).unwrap();
    assert_eq!(r.error_rows, 1);
    assert!(r.errors[0].message.contains("修订"), "{:?}", r.errors);
    assert_eq!(r.errors[0].value, "99000.00");
    // As a new record the number is taken.
    s3.duplicates = DupChoice::New;
    let r = dry_run_records(&store, &s3, &mut |_| {}, &no()).unwrap();
    assert_eq!((r.new, r.error_rows), (0, 1));

    let (upd, _) = commit_records(&mut store, &s2, &mut |_| {}, &no()).unwrap();
    assert_eq!(upd.updated, 1);
    assert_eq!(store.contract(rows[0].id).unwrap().contract.notes, "加急");
    store.undo_import(upd.id).unwrap();
    assert_eq!(store.contract(rows[0].id).unwrap().contract.notes, "");
    let _ = cid;
}

#[test]
fn an_import_whose_contract_has_payments_since_cannot_be_undone() {
    let (dir, mut store) = temp_store();
    store.save_customer(&customer("深圳宏图电子")).unwrap();
    let file = dir.path().join("合同.csv");
    std::fs::write(
        &file,
        "合同编号,客户名称,合同名称,合同金额,状态\nHT-9,深圳宏图电子,小额采购,1000,执行中\n",
    )
    .unwrap();
    let s = spec(RecordKind::Contracts, &file);
    let (rec, _) = commit_records(&mut store, &s, &mut |_| {}, &no()).unwrap();
    let id = store.contract_page(&Default::default(), 0, 1).unwrap()[0].id;
    store
        .add_payment(
            id,
            &Payment {
                paid_on: "2026-11-01".into(),
                amount_fen: 100,
                ..Default::default()
            },
        )
        .unwrap();
    let e = store.undo_import(rec.id).unwrap_err();
    assert!(e.message().contains("HT-9"), "{}", e.message());
    assert_eq!(
        store
            .contract_page(&Default::default(), 0, 5)
            .unwrap()
            .len(),
        1
    );
    assert!(store.import(rec.id).unwrap().undone_at.is_none());
}

/// A contract sheet's 已回款 column comes in as one payment on a contract that takes
/// payments; an update brings what the file says beyond what is recorded; undo takes
/// the payments back out. A clerk's import (contracts as drafts) brings none, and says so.
#[test]
fn received_amounts_come_in_as_payments_and_go_out_with_the_undo() {
    let (dir, mut store) = temp_store();
    store.save_customer(&customer("深圳宏图电子")).unwrap();
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    let file = dir.path().join("合同.csv");
    gbk(
        &file,
        "合同编号,客户名称,合同名称,签订日期,合同金额,状态,已回款\n\
         HT-001,深圳宏图电子,电源模块采购,2026/3/5,\"120,000.00\",执行中,\"30,000.00\"\n\
         HT-002,深圳宏图电子,维保服务,2026-04-01,5000,执行中,6000\n\
         HT-003,深圳宏图电子,小额采购,2026-05-01,800,执行中,\n",
    );
    let s = spec(RecordKind::Contracts, &file);
    let r = dry_run_records(&store, &s, &mut |_| {}, &no()).unwrap();
    assert_eq!(
        (r.new, r.paid, r.paid_left, r.error_rows),
        (2, 1, 0, 1),
        "{r:?}"
    );
    let e = &r.errors[0];
    assert_eq!((e.line, e.column.as_str()), (3, "已回款"), "{e:?}");
    assert!(e.message.contains("已回款超过了合同金额"), "{}", e.message);
    assert!(kehu::io::text::report_summary(&r).contains("1 份合同的已回款"));
    let (first, _) = commit_records(&mut store, &s, &mut |_| {}, &no()).unwrap();
    let rows = store.contract_page(&Default::default(), 0, 10).unwrap();
    let ht1 = rows.iter().find(|c| c.number == "HT-001").unwrap().id;
    let rec = store.contract(ht1).unwrap();
    assert_eq!(rec.received_fen, 3_000_000);
    assert_eq!(rec.payments.len(), 1);
    assert_eq!(rec.payments[0].paid_on, "2026-03-05", "dated when signed");
    assert!(
        rec.payments[0].note.contains("合同.csv"),
        "{:?}",
        rec.payments[0]
    );
    let ht3 = rows.iter().find(|c| c.number == "HT-003").unwrap().id;
    assert_eq!(store.contract(ht3).unwrap().received_fen, 0);

    // A later sheet says more has come in: the difference is a second payment, shown
    // in the dry run as old → new; a smaller figure changes nothing.
    let later = dir.path().join("合同-回款.csv");
    gbk(
        &later,
        "合同编号,客户名称,合同名称,已回款\n\
         HT-001,深圳宏图电子,电源模块采购,50000\n\
         HT-003,深圳宏图电子,小额采购,0\n",
    );
    let mut s2 = spec(RecordKind::Contracts, &later);
    s2.duplicates = DupChoice::Update;
    let r = dry_run_records(&store, &s2, &mut |_| {}, &no()).unwrap();
    assert_eq!((r.updates, r.unchanged, r.paid), (1, 1, 1), "{r:?}");
    assert_eq!(
        r.update_rows[0].changes,
        vec![(
            "已回款（元）".to_string(),
            "30000.00".to_string(),
            "50000.00".to_string()
        )]
    );
    let (second, _) = commit_records(&mut store, &s2, &mut |_| {}, &no()).unwrap();
    assert_eq!(second.updated, 1);
    let rec = store.contract(ht1).unwrap();
    assert_eq!(rec.received_fen, 5_000_000);
    assert_eq!(rec.payments.len(), 2);
    store.undo_import(second.id).unwrap();
    assert_eq!(store.contract(ht1).unwrap().received_fen, 3_000_000);
    store.undo_import(first.id).unwrap();
    assert!(
        store
            .contract_page(&Default::default(), 0, 10)
            .unwrap()
            .is_empty()
    );

    // A clerk's contracts come in as drafts, which take no payments yet.
    store.sign_in("clerk1", "clerk-pass").unwrap();
    let r = dry_run_records(&store, &s, &mut |_| {}, &no()).unwrap();
    assert_eq!((r.new, r.paid, r.paid_left), (2, 0, 1), "{r:?}");
    assert!(kehu::io::text::report_summary(&r).contains("1 行的已回款不会导入"));
    commit_records(&mut store, &s, &mut |_| {}, &no()).unwrap();
    let rows = store.contract_page(&Default::default(), 0, 10).unwrap();
    let ht1 = rows.iter().find(|c| c.number == "HT-001").unwrap().id;
    assert_eq!(store.contract(ht1).unwrap().received_fen, 0);
}

/// A record file is read and planned on a second thread while the store writes: a bad
/// cell found after thousands of rows were written takes them all back, and cancelling
/// half-way writes nothing.
#[test]
fn a_read_error_or_a_cancel_late_in_a_competitor_file_writes_nothing() {
    let (dir, mut store) = temp_store();
    // No date column: nothing reads the whole file before the writing begins.
    let file = dir.path().join("竞争对手.csv");
    let rows = |tail: &str| {
        let mut text = String::from("名称,网站\n");
        for i in 0..3_000 {
            text.push_str(&format!("竞品公司{i:04},www.jp{i:04}.cn\n"));
        }
        text + tail
    };
    std::fs::write(
        &file,
        rows(&format!("\"未结束的引号{},x\n", "x".repeat(1_100_000))),
    )
    .unwrap();
    let s = spec(RecordKind::Competitors, &file);
    match commit_records(&mut store, &s, &mut |_| {}, &no()) {
        Err(kehu::io::import::ImportError::Store(kehu::store::StoreError::ImportRead(msg))) => {
            assert!(msg.contains("第 3002 行"), "{msg}");
            assert!(msg.contains("什么都没有导入"), "{msg}");
        }
        other => panic!("{other:?}"),
    }
    assert!(all_ids(&store, RecordKind::Competitors).is_empty());
    assert!(store.imports().unwrap().is_empty());

    std::fs::write(&file, rows("")).unwrap();
    let cancel = no();
    let mut seen = 0;
    let got = commit_records(
        &mut store,
        &s,
        &mut |n| {
            seen = seen.max(n);
            if n >= 1_000 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(
        matches!(got, Err(kehu::io::import::ImportError::Cancelled)),
        "{got:?}"
    );
    assert!(
        (1_000..3_000).contains(&seen),
        "cancelled after {seen} rows"
    );
    assert!(all_ids(&store, RecordKind::Competitors).is_empty());
    let (rec, _) = commit_records(&mut store, &s, &mut |_| {}, &no()).unwrap();
    assert_eq!(rec.created, 3_000);
}

/// Fills a store with one of everything, linked.
fn fill(store: &mut Store) {
    let a = store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    let b = store.save_customer(&customer("上海东方贸易")).unwrap();
    store
        .save_feedback(&Feedback {
            customer_id: Some(a),
            contact_name: "张经理".into(),
            at: "2026-03-05 09:30".into(),
            kind: FeedbackKind::Complaint,
            channel: "微信".into(),
            subject: "=发票开错".into(),
            content: "第一行\n第二行，带\"引号\"".into(),
            reported_by: "小王".into(),
            satisfaction: Some(2),
            status: FollowStatus::InProgress,
            responsible: "李主管".into(),
            due_on: "2026-03-20".into(),
            ..Default::default()
        })
        .unwrap();
    let k = store
        .save_contract(&Contract {
            number: "HT-2026-001".into(),
            customer_id: Some(b),
            title: "年度采购".into(),
            signed_on: "2026-01-05".into(),
            starts_on: "2026-01-05".into(),
            ends_on: "2026-12-31".into(),
            amount_fen: 12_345_678,
            payment_terms: "分三期".into(),
            salesperson: "小李".into(),
            notes: "含运费".into(),
            ..Default::default()
        })
        .unwrap();
    store.move_contract(k, Transition::Submit, "").unwrap();
    store.move_contract(k, Transition::Approve, "同意").unwrap();
    // Two payments: the export's 已回款 is their sum, which comes back as one payment.
    for (on, fen) in [("2026-02-01", 1_000_000), ("2026-03-01", 234_500)] {
        store
            .add_payment(
                k,
                &Payment {
                    paid_on: on.into(),
                    amount_fen: fen,
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let c = store
        .save_competitor(&Competitor {
            name: "深圳竞品科技".into(),
            website: "www.jingpin.cn".into(),
            products: "电源".into(),
            price_level: "低价".into(),
            strengths: "便宜".into(),
            weaknesses: "售后差".into(),
            market_share: Some(15),
            threat: Threat::High,
            notes: "注意".into(),
            customers: vec![a, b],
            ..Default::default()
        })
        .unwrap();
    store
        .save_news(&News {
            on: "2026-02-01".into(),
            title: "新国标发布".into(),
            source: "工信部".into(),
            category: "政策法规".into(),
            tags: "国标, 电源".into(),
            content: "影响所有客户".into(),
            reported_by: "小王".into(),
            customers: vec![a],
            competitors: vec![c],
            ..Default::default()
        })
        .unwrap();
}

/// The record without its id, with its links sorted, for comparing across databases
/// (ids are renumbered there; names are compared by the caller through the export).
fn comparable(store: &Store, kind: RecordKind, id: i64) -> Vec<String> {
    let names = kehu::io::records::Names::load(store).unwrap();
    let r = store.record(kind.key(), id).unwrap();
    let received = match &r {
        Record::Contract(_) => store.contract(id).unwrap().received_fen,
        _ => 0,
    };
    kehu::io::records::record_cells(&r, &names, received)
}

#[test]
fn every_kind_exports_and_imports_back_into_an_empty_database_unchanged() {
    for format in [
        ExportFormat::Csv(CsvEncoding::Utf8Bom),
        ExportFormat::Csv(CsvEncoding::Gbk),
        ExportFormat::Xlsx,
    ] {
        let (dir, mut from) = temp_store();
        fill(&mut from);
        let (_dir2, mut to) = temp_store();
        // The customers go first (the other kinds name them).
        let ext = if format == ExportFormat::Xlsx {
            "xlsx"
        } else {
            "csv"
        };
        let cust = dir.path().join(format!("客户.{ext}"));
        kehu::io::export::export_customers(
            &from,
            &Default::default(),
            format,
            &cust,
            true,
            &mut |_| {},
            &no(),
        )
        .unwrap();
        let t = kehu::io::read::open(&cust, &Default::default()).unwrap();
        let cs = kehu::io::import::ImportSpec {
            path: cust.clone(),
            mapping: kehu::io::mapping::auto_map(&t.headers),
            ..Default::default()
        };
        drop(t);
        kehu::io::import::commit(&mut to, &cs, &mut |_| {}, &no()).unwrap();
        for kind in [
            RecordKind::Competitors,
            RecordKind::Feedback,
            RecordKind::Contracts,
            RecordKind::News,
        ] {
            let q = match kind {
                RecordKind::Feedback => RecordQuery::Feedback(Default::default()),
                RecordKind::Contracts => RecordQuery::Contracts(Default::default()),
                RecordKind::Competitors => RecordQuery::Competitors(Default::default()),
                RecordKind::News => RecordQuery::News(Default::default()),
            };
            let out = dir.path().join(format!("{}.{ext}", kind.key()));
            let n = export_records(&from, &q, format, &out, &mut |_| {}, &no()).unwrap();
            assert_eq!(n, 1, "{kind:?}");
            let (headers, rows) = read_all(&out).unwrap();
            assert_eq!(headers[0], kind.fields()[0].header);
            assert_eq!(rows.len(), 1);
            let s = spec(kind, &out);
            let r = dry_run_records(&to, &s, &mut |_| {}, &no()).unwrap();
            assert_eq!(
                (r.new, r.error_rows),
                (1, 0),
                "{kind:?} {format:?}: {:?}",
                r.errors
            );
            commit_records(&mut to, &s, &mut |_| {}, &no()).unwrap();
            let a = all_ids(&from, kind);
            let b = all_ids(&to, kind);
            assert_eq!(b.len(), 1);
            assert_eq!(
                comparable(&from, kind, a[0]),
                comparable(&to, kind, b[0]),
                "{kind:?} {format:?}"
            );
        }
    }
}

#[test]
fn exports_follow_the_list_search_and_neutralise_formulas() {
    let (dir, mut store) = temp_store();
    fill(&mut store);
    let out = dir.path().join("反馈.csv");
    let q = RecordQuery::Feedback(kehu::store::feedback::FeedbackQuery {
        text: "没有这个词".into(),
        ..Default::default()
    });
    let n = export_records(
        &store,
        &q,
        ExportFormat::Csv(CsvEncoding::Utf8Bom),
        &out,
        &mut |_| {},
        &no(),
    )
    .unwrap();
    assert_eq!(n, 0);
    let q = RecordQuery::Feedback(Default::default());
    export_records(
        &store,
        &q,
        ExportFormat::Csv(CsvEncoding::Utf8Bom),
        &out,
        &mut |_| {},
        &no(),
    )
    .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with('\u{feff}'), "BOM for Excel");
    assert!(text.contains(",'=发票开错,"), "{text}");
}

/// A contract sheet's 付款到期日 (or 应收日期 / 到期付款日) makes one installment for the
/// whole amount due that day; 账期 alone, one due at 签订日期 + those days; neither, the
/// customer's terms. A cell that is not a number of days is said.
#[test]
fn contract_sheets_bring_their_due_dates_and_terms() {
    let (dir, mut store) = temp_store();
    store.save_customer(&customer("深圳宏图电子")).unwrap();
    let file = dir.path().join("合同.csv");
    gbk(
        &file,
        "合同编号,客户名称,合同名称,签订日期,合同金额,应收日期,账期\n\
         HT-101,深圳宏图电子,电源模块采购,2026-03-05,120000,2026-06-30,\n\
         HT-102,深圳宏图电子,维保服务,2026-04-01,5000,,45天\n\
         HT-103,深圳宏图电子,小额采购,2026-05-01,800,,\n",
    );
    let s = spec(RecordKind::Contracts, &file);
    let r = dry_run_records(&store, &s, &mut |_| {}, &no()).unwrap();
    assert_eq!((r.new, r.error_rows), (3, 0), "{r:?}");
    commit_records(&mut store, &s, &mut |_| {}, &no()).unwrap();
    let due = |store: &Store, no: &str| -> Vec<(String, i64)> {
        let id = store
            .contract_page(&Default::default(), 0, 10)
            .unwrap()
            .into_iter()
            .find(|r| r.number == no)
            .unwrap()
            .id;
        store
            .payment_plan(id)
            .unwrap()
            .into_iter()
            .map(|i| (i.due_on, i.amount_fen))
            .collect()
    };
    assert_eq!(due(&store, "HT-101"), [("2026-06-30".into(), 12_000_000)]);
    assert_eq!(due(&store, "HT-102"), [("2026-05-16".into(), 500_000)]);
    assert_eq!(
        due(&store, "HT-103"),
        [("2026-05-31".into(), 80_000)],
        "the firm's default 30 days"
    );
    let bad = dir.path().join("坏账期.csv");
    gbk(
        &bad,
        "合同编号,客户名称,合同名称,合同金额,账期\nHT-104,深圳宏图电子,测试,100,一个月\n",
    );
    let r = dry_run_records(
        &store,
        &spec(RecordKind::Contracts, &bad),
        &mut |_| {},
        &no(),
    )
    .unwrap();
    assert_eq!(r.error_rows, 1);
    assert!(r.errors[0].message.contains("不是天数"), "{:?}", r.errors);
}

/// A 催款's promise (承诺付款日, 承诺金额) goes out with an export and comes back in.
#[test]
fn a_collections_promise_exports_and_imports_back() {
    let (dir, mut from) = temp_store();
    let a = from
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    from.save_feedback(&Feedback {
        customer_id: Some(a),
        at: "2026-11-05 10:00".into(),
        kind: FeedbackKind::Collection,
        subject: "催收到期欠款".into(),
        promised_on: "2026-11-30".into(),
        promised_fen: 5_000_000,
        ..Default::default()
    })
    .unwrap();
    let out = dir.path().join("催款.csv");
    export_records(
        &from,
        &RecordQuery::Feedback(Default::default()),
        ExportFormat::Csv(CsvEncoding::Gbk),
        &out,
        &mut |_| {},
        &no(),
    )
    .unwrap();
    let (headers, rows) = read_all(&out).unwrap();
    let col = |h: &str| {
        headers
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h} in {headers:?}"))
    };
    assert_eq!(rows[0][col("类型")], "催款");
    assert_eq!(rows[0][col("承诺付款日")], "2026-11-30");
    // (The reader gives headers with full-width brackets folded.)
    assert_eq!(rows[0][col("承诺金额(元)")], "50000.00");
    let (_d2, mut to) = temp_store();
    to.save_customer(&customer("北京华信科技有限公司")).unwrap();
    let s = spec(RecordKind::Feedback, &out);
    commit_records(&mut to, &s, &mut |_| {}, &no()).unwrap();
    let id = all_ids(&to, RecordKind::Feedback)[0];
    let f = to.feedback(id).unwrap();
    assert_eq!(f.kind, FeedbackKind::Collection);
    assert_eq!(
        (f.promised_on.as_str(), f.promised_fen),
        ("2026-11-30", 5_000_000)
    );
}
