//! The print preview from the customer list, headless: it lays out the list as it is
//! filtered, shows the same pages the PDF gets, and turns them.

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
    let want = kehu::io::print::customer_list_pages(
        &store,
        &q,
        &kehu::io::print::DEFAULT_COLUMNS,
        "客户名单",
        &Default::default(),
        true,
    )
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
