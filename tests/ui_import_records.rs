//! 导入… and 导出… on the contract and feedback lists, driven headless through the real
//! app: a contract sheet is read, checked, imported and undone in the wizard; the
//! feedback list is exported through its file box to a workbook that reads back.

mod common;

use common::ui::{self, H, click, fill, has_text, wait_for};
use common::{ADMIN_PASSWORD, customer};
use egui_kittest::kittest::Queryable;
use kehu::domain::feedback::Feedback;

fn harness(store: kehu::store::Store) -> H {
    ui::harness(store, [1280.0, 900.0])
}

fn signed_in(store: kehu::store::Store) -> H {
    let mut h = harness(store);
    h.run();
    fill(&mut h, "密码", ADMIN_PASSWORD);
    click(&mut h, "登录");
    // Sign-in opens 工作台; the tests go to the tab they need from 客户信息.
    click(&mut h, "客户信息");
    h
}

#[test]
fn a_contract_sheet_is_checked_imported_and_undone_from_the_contract_list() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (dir, mut store) = common::temp_store();
    store
        .save_customer(&customer("深圳宏图电子有限公司"))
        .unwrap();
    store.sign_out();
    let file = dir.path().join("合同台账.csv");
    let (bytes, _, _) = encoding_rs::GBK.encode(
        "合同号,客户,合同名称,签约日期,金额,状态\r\n\
         HT-01,深圳宏图电子,电源采购,2026/1/5,\"12,000\",执行中\r\n\
         HT-02,不存在的客户,维保,2026/2/5,800,草稿\r\n",
    );
    std::fs::write(&file, bytes).unwrap();
    let mut h = signed_in(store);
    click(&mut h, "合同信息");
    click(&mut h, "导入…");
    assert!(has_text(&h, "导入合同信息"));
    fill(&mut h, "文件", &file.display().to_string());
    click(&mut h, "打开");
    assert!(has_text(&h, "读取为 GBK 编码的文本，表头在第 1 行"));
    click(&mut h, "检查（先不导入）");
    wait_for(&mut h, "共 2 行");
    assert!(has_text(&h, "新增 1 条"), "HT-01");
    assert!(has_text(&h, "有错误 1 行"));
    assert!(has_text(&h, "找不到客户「不存在的客户」"));
    click(&mut h, "开始导入");
    wait_for(&mut h, "导入完成");
    assert!(has_text(&h, "合同信息新增 1 条"));
    let store = h.state().store().unwrap();
    let rows = store.contract_page(&Default::default(), 0, 5).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].amount_fen, 1_200_000);
    click(&mut h, "撤销这次导入");
    assert!(has_text(&h, "这次导入已撤销"));
    let store = h.state().store().unwrap();
    assert!(
        store
            .contract_page(&Default::default(), 0, 5)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_feedback_list_exports_what_it_shows_through_its_file_box() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (dir, mut store) = common::temp_store();
    let a = store.save_customer(&customer("北京华信科技")).unwrap();
    for subject in ["季度回访", "发票问题"] {
        store
            .save_feedback(&Feedback {
                customer_id: Some(a),
                at: "2026-03-05 09:30".into(),
                subject: subject.into(),
                ..Default::default()
            })
            .unwrap();
    }
    store.sign_out();
    let mut h = signed_in(store);
    click(&mut h, "交往反馈");
    fill(&mut h, "搜索", "发票");
    h.run();
    let out = dir.path().join("反馈导出.xlsx");
    click(&mut h, "导出…");
    fill(&mut h, "文件", &out.display().to_string());
    click(&mut h, "导出");
    wait_for(&mut h, "已导出 1 条记录");
    let (headers, rows) = kehu::io::records::read_all(&out).unwrap();
    assert_eq!(headers[0], "客户名称");
    assert_eq!(rows.len(), 1, "only what the search shows");
    assert_eq!(rows[0][0], "北京华信科技");
    assert_eq!(rows[0][5], "发票问题");

    // The same file again: asked first, replaced on the second press.
    std::fs::write(&out, "old").unwrap();
    click(&mut h, "导出…");
    fill(&mut h, "文件", &out.display().to_string());
    click(&mut h, "导出");
    assert!(has_text(&h, "已经存在"));
    assert_eq!(std::fs::read(&out).unwrap(), b"old");
    click(&mut h, "导出");
    wait_for(&mut h, "已导出 1 条记录");
    assert!(read_all_ok(&out));

    // A folder that does not exist is refused with a message; nothing is written.
    click(&mut h, "导出…");
    let bad = dir.path().join("没有这个文件夹").join("x.csv");
    fill(&mut h, "文件", &bad.display().to_string());
    click(&mut h, "导出");
    assert!(has_text(&h, "所在文件夹必须存在"));
    assert!(!bad.exists());
}

fn read_all_ok(p: &std::path::Path) -> bool {
    kehu::io::records::read_all(p).is_ok_and(|(_, rows)| rows.len() == 1)
}

#[test]
fn the_customer_list_exports_through_the_same_file_box() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (dir, mut store) = common::temp_store();
    store.save_customer(&customer("北京华信科技")).unwrap();
    store.save_customer(&customer("上海东方贸易")).unwrap();
    store.sign_out();
    let mut h = signed_in(store);
    let out = dir.path().join("客户.csv");
    click(&mut h, "导出…");
    assert!(has_text(&h, "导出客户信息"));
    fill(&mut h, "文件", &out.display().to_string());
    click(&mut h, "导出");
    wait_for(&mut h, "已导出 2 个客户");
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM for Excel"
    );
    let (headers, rows) = kehu::io::records::read_all(&out).unwrap();
    assert_eq!(headers[1], "客户名称");
    assert_eq!(rows.len(), 2);
}

#[test]
fn the_one_row_per_contact_option_is_chosen_in_the_customer_export_box() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (dir, mut store) = common::temp_store();
    let mut c = customer("北京华信科技");
    c.contacts = vec![common::contact("刘海燕"), common::contact("张伟")];
    store.save_customer(&c).unwrap();
    store.sign_out();
    let mut h = signed_in(store);
    // The option belongs to the export: the list's toolbar does not show it.
    assert!(!has_text(&h, "每个联系人一行"));
    let out = dir.path().join("客户.csv");
    let names = |out: &std::path::Path| -> Vec<String> {
        let (headers, rows) = kehu::io::records::read_all(out).unwrap();
        let col = headers.iter().position(|h| h == "联系人").unwrap();
        rows.iter().map(|r| r[col].clone()).collect()
    };

    click(&mut h, "导出…");
    fill(&mut h, "文件", &out.display().to_string());
    click(&mut h, "导出");
    wait_for(&mut h, "已导出 1 个客户");
    assert_eq!(names(&out), ["刘海燕"], "one row: the main contact");

    click(&mut h, "导出…");
    fill(&mut h, "文件", &out.display().to_string());
    click(&mut h, "每个联系人一行（可完整导回）");
    click(&mut h, "导出");
    assert!(has_text(&h, "已经存在"));
    click(&mut h, "导出");
    wait_for(&mut h, "已导出 1 个客户");
    assert_eq!(names(&out), ["刘海燕", "张伟"], "a row per contact");
}

/// Whether `text` shows inside the window whose title holds `title`.
fn shown_in_window(h: &H, text: &str, title: &str) -> bool {
    use egui_kittest::kittest::{NodeT, Queryable};
    h.query_all_by_label_contains(text).any(|n| {
        let mut p = n.accesskit_node().parent();
        while let Some(x) = p {
            if x.role() == egui::accesskit::Role::Window
                && x.label().is_some_and(|l| l.contains(title))
            {
                return true;
            }
            p = x.parent();
        }
        false
    })
}

/// The file box says what is wrong with the path in the box itself: beside an open
/// form it used to go to the form's message line, out of sight of the box.
#[test]
fn the_file_box_says_what_is_wrong_with_the_path_in_the_box() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (dir, mut store) = common::temp_store();
    store.save_customer(&customer("北京华信科技")).unwrap();
    store.sign_out();
    let mut h = signed_in(store);
    click(&mut h, "北京华信科技");
    assert!(has_text(&h, "合并重复客户"), "the form is open");

    click(&mut h, "导入…");
    let missing = dir.path().join("没有这个文件.csv");
    fill(&mut h, "文件", &missing.display().to_string());
    click(&mut h, "打开");
    assert!(shown_in_window(&h, "找不到这个文件", "导入客户"));
    assert!(has_text(&h, "或点“浏览…”选择文件"), "and what to do");

    let out = dir.path().join("客户.csv");
    std::fs::write(&out, "old").unwrap();
    click(&mut h, "导出…");
    assert!(!has_text(&h, "找不到这个文件"), "a new box starts afresh");
    fill(&mut h, "文件", &out.display().to_string());
    click(&mut h, "导出");
    assert!(shown_in_window(&h, "已经存在", "导出"));
    click(&mut h, "导出");
    wait_for(&mut h, "已导出 1 个客户");
    assert!(std::fs::read(&out).unwrap().len() > 3, "replaced");
}

#[test]
fn the_gbk_export_setting_chosen_in_the_window_writes_gbk() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (dir, mut store) = common::temp_store();
    store.save_customer(&customer("北京华信科技")).unwrap();
    store.sign_out();
    let mut h = signed_in(store);
    click(&mut h, "系统工具");
    click(&mut h, "系统设置");
    click(&mut h, "导出编码");
    click(&mut h, "GBK");
    // Below the settings, at the foot of the page: scrolled to, as the admin would.
    h.get_by_label("保存设置").scroll_to_me();
    h.run();
    click(&mut h, "保存设置");
    assert_eq!(
        h.state()
            .store()
            .unwrap()
            .settings()
            .unwrap()
            .export_encoding,
        kehu::domain::settings::ExportEncoding::Gbk
    );
    click(&mut h, "客户信息");
    let out = dir.path().join("客户.csv");
    click(&mut h, "导出…");
    fill(&mut h, "文件", &out.display().to_string());
    click(&mut h, "导出");
    wait_for(&mut h, "已导出 1 个客户");
    let bytes = std::fs::read(&out).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no UTF-8 mark");
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
    let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
    assert!(!bad, "every byte is GBK");
    assert!(text.contains("客户名称"));
    assert!(text.contains("北京华信科技"));
}
