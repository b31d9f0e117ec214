//! A complaint entered for a customer shows on that customer, headless with kittest.

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::store::Store;
use kehu::ui::KehuApp;
use kehu::ui::fonts::{CjkSource, install};

fn harness(store: Store) -> Harness<'static, KehuApp> {
    let path = store.path().to_path_buf();
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(|ctx| install(ctx, CjkSource::BundledOnly))
        .build_ui_state(
            |ui, app: &mut KehuApp| app.show(ui),
            KehuApp::new(Ok(store), path),
        )
}

fn fill(h: &mut Harness<'_, KehuApp>, label: &str, text: &str) {
    let id = h
        .get_all_by_label(label)
        .find(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        })
        .map(|n| n.accesskit_node().id())
        .unwrap_or_else(|| panic!("no text box {label}"));
    h.get_all_by_label(label)
        .find(|n| n.accesskit_node().id() == id)
        .unwrap()
        .focus();
    h.run();
    h.get_all_by_label(label)
        .find(|n| n.accesskit_node().id() == id)
        .unwrap()
        .type_text(text);
    h.run();
}

#[test]
fn a_complaint_entered_for_a_customer_shows_on_the_customer() {
    let (_dir, mut store) = common::temp_store();
    store
        .save_customer(&common::customer("南京金鹏建筑工程有限公司"))
        .unwrap();
    let mut h = harness(store);
    h.run();
    h.get_by_label("南京金鹏建筑工程有限公司").click();
    h.run();
    // Below the customer's fields: scrolled to, as the clerk would.
    h.get_by_role_and_label(Role::Button, "新建反馈")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "新建反馈").click();
    h.run();
    // On the feedback tab, the customer already chosen.
    assert!(
        h.query_all_by_label("新建反馈").count() >= 2,
        "the button and the new form's title"
    );
    h.get_all_by_label("南京金鹏建筑工程有限公司")
        .next()
        .unwrap();
    h.get_by_label("反馈类型").click();
    h.run();
    h.get_by_label("投诉").click();
    h.run();
    fill(&mut h, "主题 *", "施工现场噪音投诉");
    fill(&mut h, "负责人", "刘洋");
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.get_by_label("已保存。");

    h.get_by_label("客户信息").click();
    h.run();
    h.get_all_by_label("南京金鹏建筑工程有限公司")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("！有未解决的投诉（1）");
    h.get_by_label_contains("施工现场噪音投诉");
}
