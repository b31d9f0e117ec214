//! Competitors and industry news through the real app, headless with kittest: a
//! competitor linked to a customer and a news item about it both show on the customer,
//! and clicking them there opens them in their own tabs.

mod common;

use common::ui::{self, H, fill};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness(store: kehu::store::Store) -> H {
    ui::harness(store, [1400.0, 2400.0])
}

#[test]
fn a_competitor_and_a_news_item_show_on_their_customer_and_open_from_there() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    store
        .save_customer(&common::customer("南京金鹏建筑工程有限公司"))
        .unwrap();
    let mut h = harness(store);
    h.run();

    // A competitor, with the customer who also buys from it.
    h.get_by_label("竞争对手").click();
    h.run();
    let empty = h.get_by_label_contains("还没有竞争对手。点“新建竞争对手”添加。");
    // The empty list invites an import too, in the same words.
    let said = empty.accesskit_node().value().unwrap_or_default();
    assert!(said.contains("点“导入…”或把文件拖到这里"), "{said:?}");
    h.get_by_role_and_label(Role::Button, "新建竞争对手")
        .click();
    h.run();
    fill(&mut h, "名称 *", "苏州宏达建材有限公司");
    fill(&mut h, "市场份额（估计）", "150");
    h.get_by_label("应在 0 到 100 之间。");
    assert!(
        h.get_by_role_and_label(Role::Button, "保存")
            .accesskit_node()
            .is_disabled()
    );
    for _ in 0..3 {
        h.key_press(egui::Key::Backspace);
        h.run();
    }
    fill(&mut h, "市场份额（估计）", "15");
    fill(&mut h, "也从它采购的客户", "金鹏");
    h.get_by_label("南京金鹏建筑工程有限公司").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.get_by_label("已保存。");
    h.get_by_label("15%");

    // A news item about the customer and the competitor.
    h.get_by_label("业界动态").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "新建动态").click();
    h.run();
    fill(&mut h, "标题 *", "宏达建材中标金鹏新项目");
    fill(&mut h, "涉及的客户", "金鹏");
    h.get_by_label("南京金鹏建筑工程有限公司").click();
    h.run();
    h.get_by_label("涉及的竞争对手").click();
    h.run();
    h.get_by_label("苏州宏达建材有限公司").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.get_by_label("已保存。");

    // The customer's picture shows both; each opens its own tab.
    h.get_by_label("客户信息").click();
    h.run();
    h.get_all_by_label("南京金鹏建筑工程有限公司")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label_contains("宏达建材中标金鹏新项目").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "新建动态");
    let n = h
        .query_all_by_label_contains("宏达建材中标金鹏新项目")
        .count();
    assert!(n >= 2, "the news tab with its form open: {n}");
    h.get_by_label("苏州宏达建材有限公司").click();
    h.run();
    h.get_by_label("情报记录");
    let store = h.state().store().unwrap();
    assert_eq!(store.count_news(&Default::default()).unwrap(), 1);
}

#[test]
fn a_deleted_competitor_comes_back_from_the_trash_in_system_tools() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    let id = store
        .save_competitor(&kehu::domain::competitor::Competitor {
            name: "苏州宏达建材有限公司".into(),
            ..Default::default()
        })
        .unwrap();
    let mut h = harness(store);
    h.run();
    h.get_by_label("竞争对手").click();
    h.run();
    h.get_by_label("苏州宏达建材有限公司").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "删除").click();
    h.run();
    // The question, then the answer.
    h.get_all_by_role_and_label(Role::Button, "删除")
        .last()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("已移入回收站，可在“回收站”中还原。");
    assert!(
        h.state()
            .store()
            .unwrap()
            .competitor_names()
            .unwrap()
            .is_empty()
    );

    h.get_by_label("系统工具").click();
    h.run();
    h.get_by_label("回收站（所有类别）").click();
    h.run();
    h.get_by_label("苏州宏达建材有限公司");
    h.get_by_role_and_label(Role::Button, "还原").click();
    h.run();
    let names = h.state().store().unwrap().competitor_names().unwrap();
    assert_eq!(names, vec![(id, "苏州宏达建材有限公司".to_string())]);
}

/// A customer opened from another tab (a competitor's 共同客户) is shown in the customer
/// list too: the list scrolls to its row, far below the first screen.
#[test]
fn a_customer_opened_from_a_competitor_is_scrolled_to_in_the_list() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    store
        .insert_customers(kehu::demo::generate(300, 3), |_| {})
        .unwrap();
    let last = store
        .customer_page(&Default::default(), 299, 1)
        .unwrap()
        .remove(0);
    store
        .save_competitor(&kehu::domain::competitor::Competitor {
            name: "苏州宏达建材有限公司".into(),
            customers: vec![last.id],
            ..Default::default()
        })
        .unwrap();
    // A window of ordinary height: the list shows a few dozen rows.
    let mut h = ui::harness(store, [1280.0, 800.0]);
    h.run();
    assert!(
        h.query_by_label(&last.code).is_none(),
        "row 300 of the list is not on the first screen"
    );
    h.get_by_label("竞争对手").click();
    h.run();
    h.get_by_label("苏州宏达建材有限公司").click();
    h.run();
    h.get_by_label(&last.name).click();
    h.run_steps(4);
    // Back in 客户信息, the customer's row is on screen (its code is a cell there).
    h.get_by_label("新建");
    h.get_by_label(&last.code);
}

/// A search that finds nothing says so; it does not claim the list is empty.
#[test]
fn a_search_that_finds_nothing_is_not_an_empty_list() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let mut h = harness(store);
    h.run();
    for (tab, nothing, empty) in [
        ("竞争对手", "没有符合条件的竞争对手。", "还没有竞争对手"),
        ("业界动态", "没有符合条件的业界动态。", "还没有业界动态"),
    ] {
        ui::click(&mut h, tab);
        fill(&mut h, "搜索", "不会有这样的内容");
        h.run();
        h.get_by_label(nothing);
        assert!(!ui::has_text(&h, empty), "{tab}");
    }
}
