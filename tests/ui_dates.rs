//! The date format setting, end to end: chosen in 系统工具, it changes how the lists and
//! the printouts show dates. In its own test binary, because the format is one setting
//! for the whole program.

mod common;

use common::ui::{self, has_text};
use egui_kittest::kittest::Queryable;

#[test]
fn dates_follow_the_format_chosen_in_the_settings() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    let id = store
        .save_customer(&common::customer("北京华信科技有限公司"))
        .unwrap();
    let stored = store.customer(id).unwrap().1.updated_at;
    let today = chrono::NaiveDate::parse_from_str(&stored[..10], "%Y-%m-%d").unwrap();
    let chinese = today.format("%Y年%-m月%-d日").to_string();
    let mut h = ui::harness(store, [1280.0, 900.0]);
    h.run();
    assert!(has_text(&h, &stored[..10]), "ISO at first");
    assert!(!has_text(&h, &chinese));
    h.get_by_label("系统工具").click();
    h.run();
    h.get_by_label("系统设置").click();
    h.run();
    h.get_by_label("日期格式").click();
    h.run();
    h.get_by_label("2026年11月22日").click();
    h.run();
    // Below the settings, at the foot of the page: scrolled to, as the admin would.
    h.get_by_label("保存设置").scroll_to_me();
    h.run();
    h.get_by_label("保存设置").click();
    h.run();
    h.get_by_label("客户信息").click();
    h.run();
    assert!(
        has_text(&h, &chinese),
        "the list's 更新时间 in the chosen format"
    );
    // Printouts too.
    let store = h.state().store().unwrap();
    let pages = kehu::io::print::customer_card_pages(store, id, &Default::default()).unwrap();
    let text: String = pages.iter().flat_map(|p| p.texts()).collect();
    assert!(text.contains(&format!("打印日期：{chinese}")), "{text}");
}
