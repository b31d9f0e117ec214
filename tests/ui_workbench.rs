//! 工作台 driven headless: it opens after sign-in with what is overdue, due today and
//! coming up; a line opens its record; closing a follow-up takes it off the list and
//! the counts in the tab's title and the status bar follow; a clerk has nothing to
//! approve; the setting opens 客户信息 instead.

mod common;

use common::ADMIN_PASSWORD;
use common::ui::{self, click, has_text, sign_in};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::domain::contract::{Contract, Transition};
use kehu::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
use kehu::domain::{Contact, Customer, Role as UserRole};

fn day(offset: i64) -> String {
    (kehu::store::today() + chrono::Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

/// A customer with a follow-up 3 days overdue, one due today, a contact's birthday in
/// two days and a contract waiting for approval; a clerk besides the administrator.
fn database() -> (tempfile::TempDir, kehu::store::Store) {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (dir, mut store) = common::temp_store();
    store
        .add_user("clerk1", "小王", UserRole::Clerk, "clerk-pass")
        .unwrap();
    let born = kehu::store::today() + chrono::Duration::days(2);
    let cid = store
        .save_customer(&Customer {
            owner: "赵磊".into(),
            contacts: vec![Contact {
                name: "刘海燕".into(),
                birthday: born
                    .with_year(1980)
                    .unwrap_or(born)
                    .format("%Y-%m-%d")
                    .to_string(),
                ..Default::default()
            }],
            ..common::customer("华东机电有限公司")
        })
        .unwrap();
    for (subject, due) in [("回复报价单", day(-3)), ("电话回访", day(0))] {
        store
            .save_feedback(&Feedback {
                customer_id: Some(cid),
                at: format!("{} 09:00", day(-5)),
                kind: FeedbackKind::Call,
                subject: subject.into(),
                status: FollowStatus::Open,
                due_on: due,
                responsible: "王强".into(),
                ..Default::default()
            })
            .unwrap();
    }
    let k = store
        .save_contract(&Contract {
            number: "HT-2026-088".into(),
            customer_id: Some(cid),
            title: "设备采购".into(),
            signed_on: day(-1),
            amount_fen: 900_000 * 100,
            ..Default::default()
        })
        .unwrap();
    store.move_contract(k, Transition::Submit, "").unwrap();
    store.sign_out();
    (dir, store)
}

use chrono::Datelike;

#[test]
fn after_sign_in_the_work_list_shows_what_is_due_and_follows_what_is_done() {
    let (_dir, store) = database();
    let mut h = ui::harness(store, [1280.0, 900.0]);
    h.run();
    sign_in(&mut h, "admin", ADMIN_PASSWORD);
    // 工作台 is open: its sections with their counts, the overdue one in the title.
    assert!(has_text(&h, "逾期跟进（1）"));
    assert!(has_text(&h, "今日跟进（1）"));
    assert!(has_text(&h, "待我审批（1）"));
    // 刘海燕's birthday and the holidays ahead (the next 法定节假日, always one).
    let holidays = kehu::domain::calendar::greetings(kehu::store::today(), 30).len();
    assert!(holidays >= 1);
    assert!(has_text(&h, &format!("生日与节日（{}）", 1 + holidays)));
    assert!(has_text(&h, "逾期 3 天"));
    assert!(has_text(&h, "刘海燕"));
    assert!(
        h.query_by_label("工作台 (1)").is_some(),
        "the tab says 1 overdue"
    );
    assert!(has_text(&h, "今日待办：3"), "overdue, today, approval");
    assert!(
        has_text(&h, "有 1 项已逾期，见工作台。"),
        "said once in the status bar"
    );

    // The overdue follow-up opens on 交往反馈; closed and saved, it leaves the list.
    click(&mut h, "回复报价单");
    assert!(tab_open(&h, "交往反馈"));
    h.query_all_by_role(Role::ComboBox)
        .find(|n| n.accesskit_node().value().as_deref() == Some("待处理"))
        .expect("the form's 处理状态")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "已关闭").click();
    h.run();
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    // Back on 工作台 (its title still as last counted), the list is read again.
    h.get_by_label("工作台 (1)").click();
    h.run();
    assert!(has_text(&h, "逾期跟进（0）"), "closed: no longer due");
    assert!(h.query_by_label("工作台").is_some(), "no overdue count");
    assert!(has_text(&h, "今日待办：2"));

    // The contract waiting opens on 合同信息.
    click(&mut h, "HT-2026-088 设备采购");
    assert!(tab_open(&h, "合同信息"));
    assert!(
        h.query_by_role_and_label(Role::Button, "批准").is_some(),
        "the contract's form, ready to approve"
    );
}

/// Whether the tab labelled `label` is the one shown.
fn tab_open(h: &ui::H, label: &str) -> bool {
    h.get_by_role_and_label(Role::Button, label)
        .accesskit_node()
        .toggled()
        == Some(egui::accesskit::Toggled::True)
}

#[test]
fn a_clerk_has_nothing_to_approve_and_the_setting_opens_the_customers() {
    let (_dir, mut store) = database();
    let mut h = ui::harness(store, [1280.0, 900.0]);
    h.run();
    sign_in(&mut h, "clerk1", "clerk-pass");
    assert!(has_text(&h, "逾期跟进（1）"));
    assert!(!has_text(&h, "待我审批"), "a clerk approves nothing");
    assert!(has_text(&h, "今日待办：2"));
    click(&mut h, "退出登录");
    store = h.into_state().into_store().unwrap();
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    store
        .set_work_settings(&kehu::domain::workbench::WorkSettings {
            start_on_customers: true,
            ..Default::default()
        })
        .unwrap();
    store.sign_out();
    let mut h = ui::harness(store, [1280.0, 900.0]);
    h.run();
    sign_in(&mut h, "clerk1", "clerk-pass");
    assert!(has_text(&h, "共 1 条"), "the customer list");
    assert!(!has_text(&h, "逾期跟进（"));
    assert!(h.query_by_label("工作台 (1)").is_some(), "still counted");
}

/// A line's 处理 menu: 完成… closes the follow-up with a note, 推迟 1 周 takes today's
/// off the list, 转给… hands the overdue one to another salesperson; the counts follow.
#[test]
fn a_line_is_done_put_off_or_handed_over_from_its_menu() {
    let (_dir, store) = database();
    let mut h = ui::harness(store, [1280.0, 900.0]);
    h.run();
    sign_in(&mut h, "admin", ADMIN_PASSWORD);
    assert!(has_text(&h, "今日待办：3"));
    // The lines' menus in order: the overdue follow-up's first, today's second.
    let menu = |h: &mut ui::H, n: usize| {
        h.query_all_by_role_and_label(Role::Button, "处理")
            .nth(n)
            .expect("a 处理 menu")
            .click();
        h.run();
    };

    menu(&mut h, 0);
    click(&mut h, "转给…");
    assert!(has_text(&h, "转给哪位业务员"));
    ui::fill(&mut h, "业务员", "");
    for _ in 0..4 {
        h.key_press(egui::Key::Backspace);
    }
    ui::fill(&mut h, "业务员", "刘洋");
    click(&mut h, "确定");
    assert!(has_text(&h, "已转交。"));
    assert!(h.query_by_label("刘洋").is_some(), "the line says who now");

    menu(&mut h, 1);
    click(&mut h, "推迟 1 周");
    assert!(has_text(&h, "已推迟，到期会再列出。"));
    assert!(has_text(&h, "今日跟进（0）"));
    assert!(has_text(&h, "今日待办：2"));

    menu(&mut h, 0);
    click(&mut h, "完成…");
    ui::fill(&mut h, "说明（可不填）", "已发报价单");
    click(&mut h, "确定");
    assert!(has_text(&h, "已完成。"));
    assert!(has_text(&h, "逾期跟进（0）"));
    assert!(has_text(&h, "今日待办：1"), "the approval is left");
    assert!(
        h.query_by_label("工作台").is_some(),
        "no overdue count in the title"
    );
    let store = h.state().store().unwrap();
    let done = store
        .feedback_page(&Default::default(), 0, 10)
        .unwrap()
        .into_iter()
        .find(|f| f.subject == "回复报价单")
        .unwrap();
    let f = store.feedback(done.id).unwrap();
    assert_eq!(
        (f.status, f.resolution.as_str(), f.responsible.as_str()),
        (FollowStatus::Closed, "已发报价单", "刘洋")
    );
}

/// 系统设置 keeps 工作台's numbers and whether sign-in opens 客户信息.
#[test]
fn the_work_list_rules_are_set_in_the_settings() {
    let (_dir, mut store) = common::temp_store();
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    store
        .save_customer(&common::customer("华东机电有限公司"))
        .unwrap();
    let mut h = ui::harness(store, [1280.0, 1200.0]);
    h.run();
    h.get_by_label("系统工具").click();
    h.run();
    h.get_by_label("系统设置").click();
    h.run();
    // A's days typed over, and the start tab ticked.
    h.get_by_role_and_label(Role::SpinButton, "A").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "A")
        .type_text("45");
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("登录后先打开客户信息（不打开工作台）")
        .click();
    h.run();
    h.get_by_label("保存设置").scroll_to_me();
    h.run();
    h.get_by_label("保存设置").click();
    h.run();
    let w = h.state().store().unwrap().work_settings().unwrap();
    assert!(w.start_on_customers);
    assert_eq!(w.no_contact_days, [45, 60, 90, 180]);
}

/// 打印… shows 今日工作清单's pages: one salesperson's lines after another (王强's
/// follow-ups, 赵磊's customer and contract, then the holiday for no one).
#[test]
fn the_days_list_prints_from_the_tab() {
    let (_dir, store) = database();
    let mut h = ui::harness(store, [1280.0, 900.0]);
    h.run();
    sign_in(&mut h, "admin", ADMIN_PASSWORD);
    click(&mut h, "打印…");
    common::ui::wait_for(&mut h, "第 1 页 / 共 3 页");
    assert!(has_text(&h, "今日工作清单"));
}
