//! The print preview from the customer list, headless: it lays out the list as it is
//! filtered, shows the same pages the PDF gets, and turns them.

use kehu::domain::CustomerField;
mod common;

use common::ui::{self, H, click, fill, has_text, wait_for};
use egui_kittest::kittest::Queryable;

fn harness(store: kehu::store::Store) -> H {
    ui::harness(store, [1400.0, 1000.0])
}

#[test]
fn the_preview_shows_the_filtered_list_page_by_page() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 400).unwrap();
    let q = kehu::store::CustomerQuery {
        text: "有限公司".into(),
        ..Default::default()
    };
    let want =
        kehu::io::print::customer_list_pages(&store, &q, &Default::default(), &Default::default())
            .unwrap()
            .len();
    assert!(want > 2, "{want}");
    let mut h = harness(store);
    h.run();
    fill(&mut h, "搜索", "有限公司");
    h.run();
    click(&mut h, "打印…");
    wait_for(&mut h, &format!("第 1 页 / 共 {want} 页"));
    click(&mut h, "下一页");
    assert!(has_text(&h, &format!("第 2 页 / 共 {want} 页")));
    click(&mut h, "上一页");
    assert!(has_text(&h, "第 1 页"));
    h.get_by_label("另存为 PDF…");
    h.get_by_label("发送到打印机");
}

#[test]
fn columns_chosen_in_the_preview_print_and_are_remembered() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let path = store.path().to_path_buf();
    let q = kehu::store::CustomerQuery {
        text: "北京华信科技有限公司".into(),
        ..Default::default()
    };
    let id = store.customer_page(&q, 0, 1).unwrap()[0].id;
    let code = store.customer(id).unwrap().0.credit_code;
    assert!(!code.is_empty());
    let mut h = harness(store);
    h.run();
    fill(&mut h, "搜索", "北京华信科技有限公司");
    h.run();
    click(&mut h, "打印…");
    wait_for(&mut h, "第 1 页 / 共 1 页");
    assert!(has_text(&h, "北京华信科技有限公司 "), "the page's text");
    // The code may wrap in its column: its first characters are on the first line.
    let start = &code[..8];
    assert!(!has_text(&h, start), "not a default column");
    click(&mut h, "选择打印的列…");
    click(&mut h, "统一社会信用代码");
    wait_for(&mut h, start);
    click(&mut h, "隔行底纹");
    let remembered =
        kehu::io::print::ListOptions::remembered(&kehu::store::Store::open(&path).unwrap());
    assert!(
        remembered
            .columns
            .contains(&kehu::io::mapping::Target::Customer(
                CustomerField::CreditCode
            ))
    );
    assert!(!remembered.zebra);
}

#[test]
fn the_preview_names_characters_the_font_lacks() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    store
        .save_customer(&kehu::domain::Customer {
            name: "𠮷野家餐饮有限公司".into(),
            ..Default::default()
        })
        .unwrap();
    let mut h = ui::harness_allowing_missing_glyphs(store, [1400.0, 1000.0]);
    h.run();
    click(&mut h, "打印…");
    wait_for(&mut h, "会印成空白方框：𠮷");
}
