//! 合并重复客户 from the customer form, headless: pick the duplicate by typing, see what
//! will move, merge; the duplicate's feedback now shows under the kept customer, and the
//! snapshot taken before is listed in 系统工具 with its cause.

mod common;

use common::ui::{self, click, fill, has_text, wait_for};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

#[test]
fn a_duplicate_typed_in_twice_is_merged_from_the_form() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    let keep = store
        .save_customer(&common::customer("南京金鹏建筑工程有限公司"))
        .unwrap();
    let mut dup = common::customer("金鹏建筑");
    dup.phone = "025-84561234".into();
    dup.contacts.push(common::contact("欧阳娜娜"));
    let duplicate = store.save_customer(&dup).unwrap();
    store
        .save_feedback(&kehu::domain::feedback::Feedback {
            customer_id: Some(duplicate),
            at: "2026-11-20 10:00".into(),
            subject: "工地交货延迟".into(),
            ..Default::default()
        })
        .unwrap();
    let mut h = ui::harness(store, [1400.0, 950.0]);
    h.run();
    h.get_by_label("南京金鹏建筑工程有限公司").click();
    h.run();
    click(&mut h, "合并重复客户…");
    assert!(has_text(&h, "合并前会自动保存快照"));
    fill(&mut h, "重复的客户", "金鹏建筑");
    // The match under the search box (the list row has the same name).
    let matches: Vec<_> = h.get_all_by_label("金鹏建筑").collect();
    matches.last().unwrap().click();
    h.run();
    assert!(
        has_text(&h, "1 个联系人、1 条交往反馈、0 份合同"),
        "what will move"
    );
    h.get_by_role_and_label(Role::Button, "合并").click();
    h.step();
    wait_for(&mut h, "已合并");
    let store = h.state().store().unwrap();
    assert!(store.customer(duplicate).unwrap().1.deleted_at.is_some());
    let (c, _) = store.customer(keep).unwrap();
    assert_eq!(c.phone, "025-84561234");
    assert_eq!(c.contacts[0].name, "欧阳娜娜");
    // The feedback list shows the moved item under the kept customer's name.
    h.get_all_by_label("交往反馈").next().unwrap().click();
    h.run();
    assert!(has_text(&h, "工地交货延迟"));
    assert!(
        h.query_by_label("金鹏建筑").is_none(),
        "the old name is gone"
    );
    // The snapshot, with its cause, in 系统工具.
    h.get_by_label("系统工具").click();
    h.run();
    wait_for(&mut h, "合并客户之前");
}
