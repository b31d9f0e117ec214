//! The import wizard driven headless through the real app: choose a GBK file, see it
//! read correctly, check it (dry run), settle a duplicate, import, see the customers in
//! the list, and undo.

mod common;

use common::ui::{self, H, click, fill, has_text, wait_for};
use common::{ADMIN_PASSWORD, customer};
use egui_kittest::kittest::{NodeT, Queryable};

fn harness(store: kehu::store::Store) -> H {
    ui::harness(store, [1280.0, 900.0])
}

/// A file of tests/fixtures.
fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_clerk_imports_a_gbk_csv_checks_it_imports_and_undoes() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    store.save_customer(&customer("北京华信科技")).unwrap();
    store.sign_out();
    let mut h = harness(store);
    h.run();
    fill(&mut h, "密码", ADMIN_PASSWORD);
    click(&mut h, "登录");
    click(&mut h, "客户信息");

    click(&mut h, "导入…");
    let file = fixture("own_gbk_excel.csv");
    fill(&mut h, "文件", file.to_str().unwrap());
    click(&mut h, "打开");
    // Read as GBK without touching a setting: the Chinese headers and cells show.
    assert!(has_text(&h, "读取为 GBK 编码的文本，表头在第 1 行"));
    h.get_by_label("客户名称");
    h.get_by_label("上海东方贸易有限公司");

    click(&mut h, "检查（先不导入）");
    wait_for(&mut h, "共 5 行");
    assert!(
        has_text(&h, "新增 1 个"),
        "东方 new; 华信 matches the existing one"
    );
    assert!(has_text(&h, "有错误 2 行"));
    // Which row goes with which: row 2 matches the existing customer and is skipped,
    // so row 5 (the same company) is skipped with it.
    h.get_by_label("第 5 行「北京华信科技有限公司」与第 2 行同名，随它跳过");
    h.get_by_label("= 北京华信科技");
    assert!(has_text(&h, "科学计数法"), "the error says why");

    // Update the existing customer instead of skipping it: the report is redone.
    click(&mut h, "更新已有客户");
    wait_for(&mut h, "更新 1 个");
    assert!(has_text(&h, "01062345678"), "old → new shown");
    h.get_by_label("第 5 行「北京华信科技有限公司」并入第 2 行的客户");

    click(&mut h, "开始导入");
    wait_for(&mut h, "导入完成");
    assert!(has_text(&h, "新增 1 个客户，更新 1 个"));
    let store = h.state().store().unwrap();
    assert_eq!(store.customer_total().unwrap(), 2);
    assert_eq!(store.imports().unwrap().len(), 1);

    click(&mut h, "撤销这次导入");
    assert!(has_text(&h, "这次导入已撤销"));
    let store = h.state().store().unwrap();
    assert_eq!(store.customer_total().unwrap(), 1);
    click(&mut h, "关闭");
    assert!(!has_text(&h, "撤销这次导入"));
}

#[test]
fn a_file_without_a_name_column_cannot_be_checked_until_one_is_chosen() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, store) = common::temp_store();
    let mut h = harness(store);
    h.run();
    h.state_mut()
        .start_import(fixture("alipay_bill_export_gbk.csv"));
    h.run();
    // The header below the 24-line preamble was found.
    assert!(has_text(&h, "表头在第 25 行"));
    h.get_by_label("交易对方");
    assert!(has_text(&h, "没有哪一列对应“客户名称”"));
    assert!(
        h.get_by_label("检查（先不导入）")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn an_import_is_undone_later_from_the_system_tools() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    let path = fixture("own_gbk_excel.csv");
    let table = kehu::io::read::open(&path, &Default::default()).unwrap();
    let spec = kehu::io::import::ImportSpec {
        path,
        mapping: kehu::io::mapping::auto_map(&table.headers),
        ..Default::default()
    };
    kehu::io::import::commit(&mut store, &spec, &mut |_| {}, &Default::default()).unwrap();
    store.sign_out();
    let mut h = harness(store);
    h.run();
    fill(&mut h, "密码", ADMIN_PASSWORD);
    click(&mut h, "登录");
    click(&mut h, "客户信息");
    assert!(has_text(&h, "共 2 条"));
    click(&mut h, "系统工具");
    click(&mut h, "导入记录");
    h.get_by_label("own_gbk_excel.csv");
    assert!(has_text(&h, "新增 2，更新 0"));
    click(&mut h, "撤销这次导入");
    // Undone on a worker thread, as a long import's undo must not freeze the window.
    wait_for(&mut h, "这次导入已撤销");
    assert_eq!(h.state().store().unwrap().customer_total().unwrap(), 0);
}

/// 所有行统一填写: the field offered first (客户来源) and a value fill that field of
/// every customer the file brings.
#[test]
fn a_value_set_for_every_row_fills_that_field_of_every_new_customer() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, store) = common::temp_store();
    let mut h = harness(store);
    h.run();
    h.state_mut().start_import(fixture("own_gbk_excel.csv"));
    h.run();
    // Two values: the field offered first (客户来源), and one chosen from the list.
    fill(&mut h, "=", "展会");
    click(&mut h, "设定");
    assert!(has_text(&h, "客户来源 = 展会"));
    h.query_all_by_role(egui::accesskit::Role::ComboBox)
        .find(|n| n.accesskit_node().label().as_deref() == Some("所有行统一填写："))
        .expect("the field of the 所有行统一填写 row")
        .click();
    h.run();
    // The choice may lie below the list's visible part: clicked as a screen reader does.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "业务员")
        .click_accesskit();
    h.run();
    // The box may still hold 展会: select it all, then type over it.
    h.get_all_by_label("=")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
        .unwrap()
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    fill(&mut h, "=", "王强");
    click(&mut h, "设定");
    assert!(has_text(&h, "业务员 = 王强"), "the second value");
    click(&mut h, "检查（先不导入）");
    wait_for(&mut h, "共 5 行");
    click(&mut h, "开始导入");
    wait_for(&mut h, "导入完成");
    let store = h.state().store().unwrap();
    let rows = store.customer_page(&Default::default(), 0, 10).unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    for r in rows {
        let c = store.customer(r.id).unwrap().0;
        assert_eq!(
            (c.source.as_str(), c.owner.as_str()),
            ("展会", "王强"),
            "{}",
            r.name
        );
    }
}

/// A list of people whose names are in two columns (姓, 名): mapped to the name's parts
/// without touching a setting, checked, imported as 张伟 and 欧阳娜娜.
#[test]
fn names_in_two_columns_are_joined_into_the_customer_name() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, store) = common::temp_store();
    let mut h = harness(store);
    h.run();
    h.state_mut()
        .start_import(fixture("own_name_parts_gbk.csv"));
    h.run();
    let shown = |h: &H, header: &str| {
        h.query_all_by_role(egui::accesskit::Role::ComboBox)
            .find(|n| n.accesskit_node().label().as_deref() == Some(header))
            .and_then(|n| n.accesskit_node().value())
            .unwrap_or_default()
    };
    assert_eq!(shown(&h, "姓"), "姓（合成姓名）");
    assert_eq!(shown(&h, "名"), "名（合成姓名）");
    assert!(has_text(&h, "客户类型 = 个人"), "a list of people");
    assert!(!has_text(&h, "没有哪一列对应"));
    click(&mut h, "检查（先不导入）");
    wait_for(&mut h, "共 4 行");
    assert!(has_text(&h, "新增 3 个"));
    assert!(has_text(&h, "有错误 1 行"), "the row with neither part");
    click(&mut h, "开始导入");
    wait_for(&mut h, "导入完成");
    let store = h.state().store().unwrap();
    let names: Vec<String> = store
        .customer_page(&Default::default(), 0, 10)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for n in ["张伟", "欧阳娜娜", "王"] {
        assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
    }
}

/// A file dropped on the window, as eframe hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn hover(h: &mut H, path: &std::path::Path) {
    h.input_mut().hovered_files = vec![egui::HoveredFile {
        path: Some(path.to_path_buf()),
        ..Default::default()
    }];
    // egui repaints every frame while something is dragged over the window.
    h.run_steps(3);
}

fn drop_files(h: &mut H, paths: &[std::path::PathBuf]) {
    h.input_mut().hovered_files.clear();
    h.input_mut().dropped_files = paths
        .iter()
        .map(|p| std::sync::Arc::new(Dropped(p.clone())) as egui::DroppedFileHandle)
        .collect();
    h.run();
}

#[test]
fn a_file_dropped_on_the_window_opens_the_import_of_the_tab_shown() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, store) = common::temp_store();
    let mut h = harness(store);
    h.run();
    let file = fixture("own_gbk_excel.csv");
    // While dragged over, the window says where the file will go.
    click(&mut h, "合同信息");
    hover(&mut h, &file);
    h.get_by_label("松开以导入到 合同信息");
    click(&mut h, "客户信息");
    h.get_by_label("松开以导入到 客户信息");
    // Several files at once are refused with a reason, and nothing opens.
    drop_files(
        &mut h,
        &[file.clone(), fixture("alipay_bill_export_gbk.csv")],
    );
    assert!(
        !has_text(&h, "松开以导入到"),
        "the hint goes when the drag ends"
    );
    assert!(has_text(&h, "一次只能导入一个文件"));
    assert!(!has_text(&h, "读取为 GBK 编码的文本"));
    // A folder is not a file.
    drop_files(&mut h, &[fixture("")]);
    assert!(has_text(&h, "拖进来的不是文件"));
    assert!(!has_text(&h, "读取为 GBK 编码的文本"));
    // One file: the customers' import wizard opens on it, read as with 浏览….
    drop_files(&mut h, &[file]);
    assert!(has_text(&h, "读取为 GBK 编码的文本，表头在第 1 行"));
    h.get_by_label("上海东方贸易有限公司");
    assert!(
        !has_text(&h, "一次只能导入一个文件"),
        "the old message is gone"
    );
}

#[test]
fn a_workbook_whose_first_sheet_is_a_note_opens_on_its_table_and_imports() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, store) = common::temp_store();
    let mut h = harness(store);
    h.run();
    h.state_mut()
        .start_import(fixture("own_workbook_notes_first.xlsx"));
    h.run();
    assert!(has_text(
        &h,
        "第一张工作表「说明」没有表格，已选「客户名单」（200 行）"
    ));
    click(&mut h, "检查（先不导入）");
    wait_for(&mut h, "共 200 行");
    click(&mut h, "开始导入");
    wait_for(&mut h, "导入完成");
    let store = h.state().store().unwrap();
    assert_eq!(store.customer_total().unwrap(), 200);
}
