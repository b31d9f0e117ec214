//! 批量修改 from the customer list, headless: the customers a search shows are handed to
//! another salesperson, the list shows it, and the dialog's undo puts them back; 系统工具
//! lists the change as undone.

mod common;

use common::ui::{self, click, fill, has_text, wait_for};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn the_customers_a_search_shows_go_to_another_salesperson_and_back() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    let mut ids = Vec::new();
    for (name, owner) in [
        ("北京华信科技有限公司", "王强"),
        ("深圳华信电子有限公司", "李娜"),
        ("上海东方商贸有限公司", "王强"),
    ] {
        let mut c = common::customer(name);
        c.owner = owner.into();
        ids.push(store.save_customer(&c).unwrap());
    }
    let mut h = ui::harness(store, [1400.0, 950.0]);
    h.run();
    // 系统工具 seen once before (its snapshot list read while there was none).
    h.get_by_label("系统工具").click();
    h.run();
    h.get_by_label("客户信息").click();
    h.run();
    fill(&mut h, "搜索", "华信");
    h.run();
    assert!(has_text(&h, "已筛选 2 条"));

    click(&mut h, "批量修改…");
    assert!(has_text(&h, "共 2 个客户。请选择要修改的字段和新的值"));
    // Nothing is offered before a value is chosen: an untouched empty box would clear
    // every customer's salesperson.
    assert!(
        h.get_by_role_and_label(Role::Button, "批量修改")
            .accesskit_node()
            .is_disabled(),
        "the button waits for a value"
    );
    fill(&mut h, "改为", "刘洋");
    assert!(
        has_text(&h, "共 2 个客户，其中 2 个的负责业务员将改为「刘洋」"),
        "what will happen"
    );
    h.get_by_role_and_label(Role::Button, "修改 2 个客户")
        .click();
    h.step();
    wait_for(&mut h, "已把 2 个客户的负责业务员改为「刘洋」");
    {
        let store = h.state().store().unwrap();
        let owner = |id| store.customer(id).unwrap().0.owner;
        assert_eq!(owner(ids[0]), "刘洋");
        assert_eq!(owner(ids[1]), "刘洋");
        assert_eq!(owner(ids[2]), "王强", "not found by the search");
    }

    click(&mut h, "撤销这次修改");
    wait_for(&mut h, "已撤销：2 个客户恢复了原来的值");
    {
        let store = h.state().store().unwrap();
        let owner = |id| store.customer(id).unwrap().0.owner;
        assert_eq!(owner(ids[0]), "王强");
        assert_eq!(owner(ids[1]), "李娜");
    }
    click(&mut h, "关闭");
    assert!(!has_text(&h, "批量修改客户"), "the dialog is closed");
    // The list behind shows the salespeople back.
    assert!(has_text(&h, "李娜"));
    assert!(!has_text(&h, "刘洋"));

    h.get_by_label("系统工具").click();
    h.run();
    click(&mut h, "批量修改记录");
    assert!(has_text(&h, "已把 2 个客户的负责业务员改为「刘洋」"));
    assert!(has_text(&h, "这次修改已撤销"));
    // The snapshot taken before the change is listed, though the list was read before.
    assert!(has_text(&h, "批量修改之前"), "the new snapshot");
}

/// Filtered by the departing salesperson, the list follows their customers to the new
/// one instead of going empty.
#[test]
fn a_filter_on_the_field_changed_follows_the_new_value() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    for (name, owner) in [
        ("北京华信科技有限公司", "王强"),
        ("上海东方商贸有限公司", "王强"),
        ("成都锦程医药有限公司", "李娜"),
    ] {
        let mut c = common::customer(name);
        c.owner = owner.into();
        store.save_customer(&c).unwrap();
    }
    let mut h = ui::harness(store, [1400.0, 950.0]);
    h.run();
    h.query_all_by_role(Role::ComboBox)
        .find(|n| n.accesskit_node().label().as_deref() == Some("负责业务员"))
        .expect("the salesperson filter")
        .click();
    h.run();
    // The choice in the open list (the table's cells are labels).
    h.get_by_role_and_label(Role::Button, "王强").click();
    h.run();
    assert!(has_text(&h, "已筛选 2 条"), "filtered by 王强");

    click(&mut h, "批量修改…");
    fill(&mut h, "改为", "刘洋");
    h.get_by_role_and_label(Role::Button, "修改 2 个客户")
        .click();
    h.step();
    wait_for(&mut h, "已把 2 个客户的负责业务员改为「刘洋」");
    click(&mut h, "关闭");
    h.run();
    assert!(has_text(&h, "已筛选 2 条"), "the list still shows the two");
    assert!(has_text(&h, "北京华信科技有限公司"));
    assert!(!has_text(&h, "成都锦程医药有限公司"));
    assert!(!has_text(&h, "王强"), "nobody is 王强's any more");

    // Taken back later from 系统工具 (on a worker thread).
    h.get_by_label("系统工具").click();
    h.run();
    click(&mut h, "批量修改记录");
    click(&mut h, "撤销这次修改");
    wait_for(&mut h, "已撤销：2 个客户恢复了原来的值");
    h.run();
    // The status bar still counts the customers (the list panel is new after an undo).
    assert!(has_text(&h, "客户信息：共 3 条"), "the status bar's count");
    let store = h.state().store().unwrap();
    let q = kehu::store::CustomerQuery {
        owner: Some("王强".into()),
        ..Default::default()
    };
    assert_eq!(store.count_customers(&q).unwrap(), 2);
}

/// A value the form would refuse (a salesperson's name over 100 characters) is said at
/// once, with the button off. A customer the rules refuse (stored by another program
/// with a broken e-mail) stops the change: the dialog says which, nobody is changed, and
/// the choice stays to try again.
#[test]
fn a_refused_change_says_why_and_keeps_the_choice() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    let mut c = common::customer("北京华信科技有限公司");
    c.owner = "王强".into();
    let id = store.save_customer(&c).unwrap();
    rusqlite::Connection::open(store.path())
        .unwrap()
        .execute(
            "UPDATE customers SET email = 'not an e-mail' WHERE id = ?1",
            [id],
        )
        .unwrap();
    let mut h = ui::harness(store, [1400.0, 950.0]);
    h.run();
    click(&mut h, "批量修改…");
    fill(&mut h, "改为", &"王".repeat(101));
    assert!(has_text(&h, "负责业务员："), "the value's problem, at once");
    assert!(
        h.get_by_role_and_label(Role::Button, "批量修改")
            .accesskit_node()
            .is_disabled()
    );

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    fill(&mut h, "改为", "刘洋");
    h.get_by_role_and_label(Role::Button, "修改 1 个客户")
        .click();
    h.step();
    wait_for(&mut h, "没有修改任何客户");
    assert!(has_text(&h, "客户「北京华信科技有限公司」改后不符合要求"));
    assert_eq!(
        h.state().store().unwrap().customer(id).unwrap().0.owner,
        "王强"
    );
    // Still the choice, with its button, to try again once the customer is put right.
    assert!(
        h.query_by_role_and_label(Role::Button, "修改 1 个客户")
            .is_some()
    );
    assert!(
        h.state()
            .store()
            .unwrap()
            .bulk_changes()
            .unwrap()
            .is_empty()
    );
}
