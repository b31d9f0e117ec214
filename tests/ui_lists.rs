//! The record lists other than customers, headless: a click on a column header sorts,
//! a second click turns the order round, and the keys work as on the customer list
//! (Ctrl+F search, Ctrl+N new, Esc, Delete into the trash).

mod common;

use common::ui::{self, H, has_text};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness(store: kehu::store::Store) -> H {
    ui::harness(store, [1400.0, 900.0])
}

/// How far down the screen the row showing `text` is.
fn row_y(h: &H, text: &str) -> f64 {
    h.get_by_label(text)
        .accesskit_node()
        .bounding_box()
        .unwrap_or_else(|| panic!("{text} has no place on the screen"))
        .y0
}

#[test]
fn a_header_click_sorts_the_contracts_and_a_second_turns_them_round() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    // A contract of the smallest amount and one of the next amount up, and the same at
    // the top, from all the contracts: the list shows a few dozen rows at a time.
    let mut rows = Vec::new();
    loop {
        let page = store
            .contract_page(&Default::default(), rows.len() as u64, 100)
            .unwrap();
        if page.is_empty() {
            break;
        }
        rows.extend(page);
    }
    assert!(
        rows.len() > 40,
        "more contracts than one screen: {}",
        rows.len()
    );
    rows.sort_by_key(|r| r.amount_fen);
    let (low, high) = (rows[0].amount_fen, rows[rows.len() - 1].amount_fen);
    let smallest = rows[0].number.clone();
    let second = rows
        .iter()
        .find(|r| r.amount_fen > low)
        .unwrap()
        .number
        .clone();
    let largest = rows[rows.len() - 1].number.clone();
    let next = rows
        .iter()
        .rev()
        .find(|r| r.amount_fen < high)
        .unwrap()
        .number
        .clone();
    let mut h = harness(store);
    h.run();
    h.get_by_label("合同信息").click();
    h.run();
    h.get_by_label("金额").click();
    h.run();
    assert!(has_text(&h, "金额 ▲"));
    assert!(row_y(&h, &smallest) < row_y(&h, &second));
    assert!(h.query_by_label(&largest).is_none(), "the largest is last");
    h.get_by_label("金额 ▲").click();
    h.run();
    assert!(has_text(&h, "金额 ▼"));
    assert!(row_y(&h, &largest) < row_y(&h, &next));
    assert!(
        h.query_by_label(&smallest).is_none(),
        "the smallest is last"
    );
}

#[test]
fn the_feedback_list_answers_the_same_keys_as_the_customer_list() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let total = store.count_feedback(&Default::default()).unwrap();
    let first = store.feedback_page(&Default::default(), 0, 1).unwrap()[0].clone();
    let mut h = harness(store);
    h.run();
    h.get_by_label("交往反馈").click();
    h.run();

    // Ctrl+F: what is typed next goes into the search box.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(egui::Event::Text(first.subject.clone()));
    h.run();
    assert!(has_text(&h, "已筛选"), "the list is filtered");
    let search = h
        .get_all_by_label("搜索")
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .unwrap();
    assert_eq!(
        search.accesskit_node().value().as_deref(),
        Some(first.subject.as_str())
    );
    // Esc leaves the search box; Ctrl+N opens a new item, Esc closes it again.
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert!(
        h.query_all_by_label("新建反馈").count() >= 2,
        "the form's title too"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(
        h.query_all_by_label("新建反馈").count(),
        1,
        "only the button"
    );

    // Delete on an open item asks, then moves it into the trash.
    h.get_all_by_label(&first.subject).last().unwrap().click();
    h.run();
    h.key_press(egui::Key::Delete);
    h.run();
    // The dialog's 删除 comes after the form's.
    let buttons: Vec<_> = h
        .get_all_by_role(Role::Button)
        .filter(|n| n.accesskit_node().label().as_deref() == Some("删除"))
        .collect();
    buttons.last().unwrap().click();
    h.run();
    assert!(has_text(&h, "已移入回收站"));
    assert_eq!(
        h.state()
            .store()
            .unwrap()
            .count_feedback(&Default::default())
            .unwrap(),
        total - 1
    );
}

#[test]
fn a_contract_shows_its_history_with_its_payments() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let mut h = harness(store);
    h.run();
    h.get_by_label("合同信息").click();
    h.run();
    h.get_all_by_label_contains("HT-2026-001")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "历史").click();
    h.run();
    assert!(has_text(&h, "新增 合同信息 #"), "the contract entered");
    assert!(has_text(&h, "修改 合同信息 #"), "its status moved on");
    assert!(has_text(&h, "新增 回款记录 #"), "a payment received");
}

/// The status bar counts the list on screen: 交往反馈：共 N 条 on the feedback tab (it
/// said 客户信息 on every tab), 已筛选 with a search, the customers again on their tab.
#[test]
fn the_status_bar_counts_the_list_on_screen() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let feedback = store.count_feedback(&Default::default()).unwrap();
    let contracts = store.count_contracts(&Default::default()).unwrap();
    let customers = store.customer_total().unwrap();
    let mut h = harness(store);
    h.run();
    assert!(has_text(&h, &format!("客户信息：共 {customers} 条")));
    ui::click(&mut h, "交往反馈");
    // Shown without waiting for the mouse to move: the frame after the click says it.
    h.run();
    assert!(
        has_text(&h, &format!("交往反馈：共 {feedback} 条")),
        "the feedback count"
    );
    assert!(!has_text(&h, "客户信息：共"));
    ui::fill(&mut h, "搜索", "投诉");
    h.run();
    assert!(has_text(&h, &format!("交往反馈：共 {feedback} 条，已筛选")));
    ui::click(&mut h, "合同信息");
    h.run();
    assert!(has_text(&h, &format!("合同信息：共 {contracts} 条")));
    ui::click(&mut h, "客户信息");
    h.run();
    assert!(has_text(&h, &format!("客户信息：共 {customers} 条")));
}

/// The text in the form's box labelled `label`.
fn box_text(h: &H, label: &str) -> Option<String> {
    h.query_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .and_then(|n| n.accesskit_node().value().map(|v| v.to_string()))
}

/// Every record tab guards unsaved edits as the customer form does: another record
/// clicked asks first, 继续编辑 keeps what was typed, 放弃修改 opens the other one; Esc
/// on a record with nothing changed closes its form.
#[test]
fn unsaved_edits_on_a_record_tab_are_asked_about_before_another_record_replaces_them() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let rows = store.feedback_page(&Default::default(), 0, 100).unwrap();
    let a = rows[0].clone();
    let b = rows
        .iter()
        .find(|r| !r.subject.contains(&a.subject) && !a.subject.contains(&r.subject))
        .unwrap()
        .clone();
    let mut h = harness(store);
    h.run();
    h.get_by_label("交往反馈").click();
    h.run();
    h.get_all_by_label(&a.subject).last().unwrap().click();
    h.run();
    ui::fill(&mut h, "主题 *", "（已改）");
    assert!(box_text(&h, "主题 *").unwrap().contains("（已改）"));

    h.get_all_by_label(&b.subject).last().unwrap().click();
    h.run();
    h.get_by_label("有未保存的修改");
    ui::click(&mut h, "继续编辑");
    assert!(h.query_by_label("有未保存的修改").is_none());
    assert!(
        box_text(&h, "主题 *").unwrap().contains("（已改）"),
        "the edit is still there"
    );

    h.get_all_by_label(&b.subject).last().unwrap().click();
    h.run();
    ui::click(&mut h, "放弃修改");
    assert_eq!(box_text(&h, "主题 *").as_deref(), Some(b.subject.as_str()));
    let kept = h.state().store().unwrap().feedback(a.id).unwrap();
    assert_eq!(kept.subject, a.subject, "nothing was saved");

    // Nothing changed: Esc closes the form.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(box_text(&h, "主题 *").is_none(), "the form is closed");
}
