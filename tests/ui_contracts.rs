//! The contract flow driven headless: a clerk enters a contract for a customer and
//! submits it; the supervisor signs in, finds it in the approval queue and approves it.

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::domain::contract::ContractStatus;
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
            n.accesskit_node().role() == Role::TextInput
                || n.accesskit_node().role() == Role::PasswordInput
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

fn click(h: &mut Harness<'_, KehuApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

fn sign_in(h: &mut Harness<'_, KehuApp>, user: &str, password: &str) {
    // Clear the user name box (it starts as admin), then type.
    fill(h, "用户名", "");
    for _ in 0..10 {
        h.key_press(egui::Key::Backspace);
    }
    h.run();
    fill(h, "用户名", user);
    fill(h, "密码", password);
    click(h, "登录");
}

#[test]
fn a_clerk_submits_a_contract_and_the_supervisor_approves_it() {
    let (_dir, mut store) = common::temp_store();
    store
        .save_customer(&common::customer("深圳宏图电子有限公司"))
        .unwrap();
    store
        .add_user("clerk1", "小王", kehu::domain::Role::Clerk, "clerk-pass")
        .unwrap();
    store
        .add_user(
            "boss",
            "李主管",
            kehu::domain::Role::Supervisor,
            "boss-pass",
        )
        .unwrap();
    store.sign_out();
    let mut h = harness(store);
    h.run();
    sign_in(&mut h, "clerk1", "clerk-pass");
    assert_eq!(h.state().user().unwrap().username, "clerk1");

    h.get_by_label("合同信息").click();
    h.run();
    click(&mut h, "新建合同");
    fill(&mut h, "合同编号 *", "HT-2026-088");
    fill(&mut h, "客户 *", "宏图");
    h.get_by_label("深圳宏图电子有限公司").click();
    h.run();
    fill(&mut h, "合同名称 *", "电源模块年度采购合同");
    fill(&mut h, "合同金额（元） *", "120000");
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    click(&mut h, "提交");
    h.get_by_label("状态已更新。");
    // A clerk is offered no approve button.
    assert!(h.query_by_role_and_label(Role::Button, "批准").is_none());

    click(&mut h, "退出登录");
    sign_in(&mut h, "boss", "boss-pass");
    h.get_by_label("合同信息").click();
    h.run();
    click(&mut h, "待审批队列（1）");
    h.get_by_label("HT-2026-088").click();
    h.run();
    fill(&mut h, "审批意见", "同意");
    click(&mut h, "批准");
    h.get_by_label("状态已更新。");
    let store = h.state().store().unwrap();
    let row = &store.contract_page(&Default::default(), 0, 1).unwrap()[0];
    let rec = store.contract(row.id).unwrap();
    assert_eq!(rec.contract.status, ContractStatus::Approved);
    assert_eq!(rec.decision.unwrap().0, "boss");
}

#[test]
fn the_customer_shows_its_contracts_with_status_and_balance_and_opens_them() {
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let mut h = harness(store);
    h.run();
    h.get_by_label("北京华信科技有限公司").click();
    h.run();
    let link = h
        .get_all_by_label_contains("HT-2026-001")
        .find(|n| n.accesskit_node().role() == Role::Link)
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .expect("the contract is listed on the customer");
    assert!(link.contains("执行中"), "{link}");
    assert!(
        link.contains("¥360,000.00"),
        "balance of ¥860,000 less ¥500,000 received: {link}"
    );
    // Below the customer's fields: scrolled to, as the clerk would.
    h.get_all_by_label_contains("HT-2026-001")
        .find(|n| n.accesskit_node().role() == Role::Link)
        .unwrap()
        .scroll_to_me();
    h.run();
    h.get_all_by_label_contains("HT-2026-001")
        .find(|n| n.accesskit_node().role() == Role::Link)
        .unwrap()
        .click();
    h.run();
    h.get_by_label_contains("HT-2026-001 执行中");
    h.get_by_label("回款记录");
}
