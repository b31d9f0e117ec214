//! The real app driven headless with egui_kittest, the way the clerk uses it: first start,
//! sign-in, creating a customer through the form, finding it by search, seeing the
//! message for a bad e-mail, deleting into the trash and restoring.

mod common;

use common::{ADMIN_PASSWORD, customer};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::store::Store;
use kehu::ui::KehuApp;
use kehu::ui::fonts::{CjkSource, install};

fn harness(store: Store) -> Harness<'static, KehuApp> {
    let path = store.path().to_path_buf();
    let app = KehuApp::new(Ok(store), path);
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(|ctx| install(ctx, CjkSource::BundledOnly))
        .build_ui_state(|ui, app: &mut KehuApp| app.show(ui), app)
}

/// Types into the text box labelled `label`.
fn fill(h: &mut Harness<'_, KehuApp>, label: &str, text: &str) {
    fn text_box<'t>(h: &'t Harness<'_, KehuApp>, label: &'t str) -> egui_kittest::Node<'t> {
        h.get_all_by_label(label)
            .find(|n| {
                matches!(
                    n.accesskit_node().role(),
                    Role::TextInput | Role::PasswordInput | Role::MultilineTextInput
                )
            })
            .unwrap_or_else(|| panic!("no text box labelled {label}"))
    }
    text_box(h, label).focus();
    h.run();
    text_box(h, label).type_text(text);
    h.run();
}

fn click(h: &mut Harness<'_, KehuApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// An existing database with the admin password set and `names` as customers.
fn database(names: &[&str]) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::temp_store();
    for n in names {
        store.save_customer(&customer(n)).unwrap();
    }
    store.sign_out();
    (dir, store)
}

fn signed_in(names: &[&str]) -> (tempfile::TempDir, Harness<'static, KehuApp>) {
    let (dir, store) = database(names);
    let mut h = harness(store);
    h.run();
    fill(&mut h, "密码", ADMIN_PASSWORD);
    click(&mut h, "登录");
    assert!(h.state().user().is_some(), "signed in");
    // Sign-in opens 工作台; these tests work on the customer list.
    click(&mut h, "客户信息");
    (dir, h)
}

#[test]
fn the_first_start_asks_for_the_admin_password_then_opens_the_customers() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("kehu.sqlite3")).unwrap();
    let mut h = harness(store);
    h.run();
    h.get_by_label("首次使用：设置管理员密码");
    fill(&mut h, "密码", "abc12345");
    fill(&mut h, "再次输入密码", "abc12399");
    click(&mut h, "设置密码并进入");
    h.get_by_label("两次输入的密码不一致。");
    assert!(h.state().user().is_none());
    fill(&mut h, "密码", "abc12345");
    fill(&mut h, "再次输入密码", "abc12345");
    click(&mut h, "设置密码并进入");
    assert_eq!(h.state().user().unwrap().username, "admin");
    // The setup card: firm name, backup folder (a 客户资料备份 folder by default), what
    // first. The folder is created when the clerk confirms.
    h.get_by_label("开始之前：三件小事");
    let suggested = h
        .get_all_by_label("备份文件夹")
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .and_then(|n| n.accesskit_node().value())
        .unwrap_or_default();
    assert!(suggested.ends_with("客户资料备份"), "{suggested}");
    fill(&mut h, "公司名称（打印用）", "华东机电设备有限公司");
    let backups = dir.path().join("资料").join("客户资料备份");
    h.get_all_by_label("备份文件夹")
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .unwrap()
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    fill(&mut h, "备份文件夹", &backups.display().to_string());
    click(&mut h, "从空白开始，逐个新建客户");
    assert!(
        !backups.exists(),
        "nothing is created before the clerk confirms"
    );
    click(&mut h, "保存并开始");
    h.run();
    let store = h.state().store().unwrap();
    assert_eq!(store.settings().unwrap().firm_name, "华东机电设备有限公司");
    assert_eq!(
        store.setting("backup_dir").unwrap().as_deref(),
        Some(backups.display().to_string().as_str())
    );
    assert!(backups.is_dir(), "the backup folder was created");
    h.get_by_label("客户信息");
    h.get_by_label_contains("还没有客户");
    // It is offered once; 系统设置 opens it again.
    click(&mut h, "系统工具");
    // The first automatic backup into the new folder may still be running, and the
    // panel waits for it (and moves while it runs).
    for _ in 0..300 {
        if h.query_by_label("立即备份").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    assert_eq!(
        std::fs::read_dir(&backups).unwrap().count(),
        1,
        "automatic backup is on by default, so the new folder gets its first backup"
    );
    click(&mut h, "系统设置");
    h.get_by_label("初次设置…").scroll_to_me();
    h.run();
    click(&mut h, "初次设置…");
    h.run();
    h.get_by_label("开始之前：三件小事");
    click(&mut h, "跳过");
    h.run();
    assert!(h.query_by_label("开始之前：三件小事").is_none());
}

#[test]
fn a_database_already_in_use_does_not_show_the_setup_card_again() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, store) = database(&["北京华信科技有限公司"]);
    let mut h = harness(store);
    h.run();
    fill(&mut h, "密码", ADMIN_PASSWORD);
    click(&mut h, "登录");
    h.run();
    assert!(h.query_by_label("开始之前：三件小事").is_none());
    click(&mut h, "客户信息");
    h.get_by_label("北京华信科技有限公司");
}

#[test]
fn a_wrong_password_is_told_and_the_right_one_signs_in() {
    let (_dir, store) = database(&["北京华信科技有限公司"]);
    let mut h = harness(store);
    h.run();
    fill(&mut h, "密码", "not-the-password");
    click(&mut h, "登录");
    h.get_by_label("用户名或密码不正确，请重新输入。");
    assert!(h.state().user().is_none());
    fill(&mut h, "密码", ADMIN_PASSWORD);
    click(&mut h, "登录");
    assert!(h.state().user().is_some());
    click(&mut h, "客户信息");
    h.get_by_label("北京华信科技有限公司");
}

#[test]
fn a_customer_created_through_the_form_is_saved_and_listed() {
    let (_dir, mut h) = signed_in(&[]);
    click(&mut h, "新建");
    h.get_by_label("新建客户");
    fill(&mut h, "客户名称 *", "杭州天成软件股份有限公司");
    fill(&mut h, "城市", "杭州");
    fill(&mut h, "电子邮箱", "contact@tiancheng-soft.com");
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    let store = h.state().store().unwrap();
    assert_eq!(store.customer_total().unwrap(), 1);
    let row = &store.customer_page(&Default::default(), 0, 1).unwrap()[0];
    assert_eq!(row.name, "杭州天成软件股份有限公司");
    assert_eq!(row.city, "杭州");
    // The list shows it, with its automatic code.
    assert!(h.query_all_by_label("杭州天成软件股份有限公司").count() >= 1);
    h.get_by_label("KH000001");
}

#[test]
fn search_as_you_type_narrows_the_list() {
    let (_dir, mut h) = signed_in(&[
        "北京华信科技有限公司",
        "上海瑞丰贸易有限公司",
        "北京恒达机电设备有限公司",
    ]);
    h.get_by_label("上海瑞丰贸易有限公司");
    fill(&mut h, "搜索", "北京");
    h.get_by_label("共 3 条，已筛选 2 条");
    assert!(h.query_by_label("上海瑞丰贸易有限公司").is_none());
    h.get_by_label("北京华信科技有限公司");
    h.get_by_label("北京恒达机电设备有限公司");
    fill(&mut h, "搜索", "华信");
    h.get_by_label("北京华信科技有限公司");
    assert!(h.query_by_label("北京恒达机电设备有限公司").is_none());
}

#[test]
fn a_bad_email_shows_its_message_under_the_field_and_save_stays_off() {
    let (_dir, mut h) = signed_in(&[]);
    click(&mut h, "新建");
    fill(&mut h, "客户名称 *", "广州鑫源化工有限公司");
    fill(&mut h, "电子邮箱", "xinyuan@xy-chem");
    h.get_by_label("邮箱格式不对，例如 wang@example.com。");
    assert!(h.get_by_label("保存").accesskit_node().is_disabled());
    // Ctrl+S does not get round it either.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(h.state().store().unwrap().customer_total().unwrap(), 0);
    fill(&mut h, "电子邮箱", ".com");
    assert!(
        h.query_by_label("邮箱格式不对，例如 wang@example.com。")
            .is_none()
    );
    assert!(!h.get_by_label("保存").accesskit_node().is_disabled());
}

#[test]
fn a_taken_name_is_flagged_while_typing() {
    let (_dir, mut h) = signed_in(&["上海瑞丰贸易有限公司"]);
    click(&mut h, "新建");
    fill(&mut h, "客户名称 *", "上海瑞丰贸易有限公司");
    h.get_by_label("已有同名客户。");
    assert!(h.get_by_label("保存").accesskit_node().is_disabled());
}

#[test]
fn delete_asks_first_moves_to_the_trash_and_restore_brings_it_back() {
    let (_dir, mut h) = signed_in(&["南京金鹏建筑工程有限公司"]);
    click(&mut h, "南京金鹏建筑工程有限公司");
    click(&mut h, "删除");
    h.get_by_label_contains("删除后移入回收站，可以随时还原");
    assert_eq!(
        h.state().store().unwrap().customer_total().unwrap(),
        1,
        "nothing before confirming"
    );
    h.get_all_by_label("删除").last().unwrap().click();
    h.run();
    assert_eq!(h.state().store().unwrap().customer_total().unwrap(), 0);
    click(&mut h, "回收站");
    h.get_by_label("南京金鹏建筑工程有限公司");
    click(&mut h, "还原");
    h.get_by_label("已还原。");
    assert_eq!(h.state().store().unwrap().customer_total().unwrap(), 1);
}

#[test]
fn leaving_unsaved_changes_asks_first() {
    let (_dir, mut h) = signed_in(&["北京华信科技有限公司", "上海瑞丰贸易有限公司"]);
    click(&mut h, "北京华信科技有限公司");
    fill(&mut h, "电话", "010-6253 1188");
    h.get_all_by_label("上海瑞丰贸易有限公司")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("有未保存的修改");
    click(&mut h, "继续编辑");
    assert!(h.query_by_label("有未保存的修改").is_none());
    click(&mut h, "保存");
    let store = h.state().store().unwrap();
    let id = store
        .customer_page(
            &kehu::store::CustomerQuery {
                text: "华信".into(),
                ..Default::default()
            },
            0,
            1,
        )
        .unwrap()[0]
        .id;
    assert_eq!(store.customer(id).unwrap().0.phone, "010-6253 1188");
}

#[test]
fn history_shows_a_change_and_puts_the_old_value_back() {
    let (_dir, mut h) = signed_in(&["北京华信科技有限公司"]);
    click(&mut h, "北京华信科技有限公司");
    fill(&mut h, "电话", "010-6253 1188");
    click(&mut h, "保存");
    click(&mut h, "历史");
    h.get_by_label("修改历史");
    // In the list, the form and the history window.
    assert!(h.query_all_by_label("010-6253 1188").count() >= 2);
    click(&mut h, "恢复此值");
    h.get_by_label("已恢复原值。");
    let store = h.state().store().unwrap();
    let row = &store.customer_page(&Default::default(), 0, 1).unwrap()[0];
    assert_eq!(store.customer(row.id).unwrap().0.phone, "");
}

#[test]
fn the_date_first_recorded_is_typed_or_else_the_day_of_saving() {
    let (_dir, mut h) = signed_in(&[]);
    click(&mut h, "新建");
    fill(&mut h, "客户名称 *", "苏州博远项目管理有限公司");
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    let store = h.state().store().unwrap();
    let id = store.customer_page(&Default::default(), 0, 1).unwrap()[0].id;
    assert_eq!(
        store.customer(id).unwrap().0.recorded_on,
        kehu::store::today().format("%Y-%m-%d").to_string(),
        "left empty: the day it was saved"
    );
    // The clerk corrects it to when the firm really first recorded the customer: a
    // date that is not one is refused, a real one saved.
    let clear = |h: &mut Harness<'_, KehuApp>| {
        fill(h, "建档日期", "");
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.key_press(egui::Key::Backspace);
        h.run();
    };
    clear(&mut h);
    fill(&mut h, "建档日期", "2019/2/30");
    h.get_by_label("日期格式不对，例如 2026-11-22。");
    assert!(h.get_by_label("保存").accesskit_node().is_disabled());
    clear(&mut h);
    fill(&mut h, "建档日期", "2018-06-01");
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    let store = h.state().store().unwrap();
    assert_eq!(store.customer(id).unwrap().0.recorded_on, "2018-06-01");
}

/// 账期 on the form: left empty the firm's default applies; days are typed as a number
/// and a value out of range is refused before saving.
#[test]
fn payment_terms_are_typed_in_days_or_left_to_the_default() {
    let (_dir, mut h) = signed_in(&[]);
    click(&mut h, "新建");
    fill(&mut h, "客户名称 *", "苏州账期贸易有限公司");
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    let store = h.state().store().unwrap();
    let id = store.customer_page(&Default::default(), 0, 1).unwrap()[0].id;
    assert_eq!(store.customer(id).unwrap().0.payment_days, None);
    fill(&mut h, "账期（天）", "一个月");
    h.get_by_label("应在 0 到 720 之间。");
    assert!(h.get_by_label("保存").accesskit_node().is_disabled());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    fill(&mut h, "账期（天）", "60");
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    let store = h.state().store().unwrap();
    assert_eq!(store.customer(id).unwrap().0.payment_days, Some(60));
}

/// 信用额度 typed as the clerk would: "abc" is refused with the reason and nothing is
/// saved; "5万" and "50,000.00" are the same ¥50,000.
#[test]
fn a_credit_limit_is_typed_as_money_or_refused_with_the_reason() {
    let (_dir, mut h) = signed_in(&[]);
    click(&mut h, "新建");
    fill(&mut h, "客户名称 *", "广州鑫源化工有限公司");
    fill(&mut h, "信用额度（元）", "abc");
    h.get_by_label("金额格式不对，例如 50000 或 12,345.67。");
    assert!(h.get_by_label("保存").accesskit_node().is_disabled());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(h.state().store().unwrap().customer_total().unwrap(), 0);
    fill(&mut h, "信用额度（元）", "");
    for _ in 0..3 {
        h.key_press(egui::Key::Backspace);
    }
    h.run();
    fill(&mut h, "信用额度（元）", "5万");
    assert!(
        h.query_by_label("金额格式不对，例如 50000 或 12,345.67。")
            .is_none()
    );
    click(&mut h, "保存");
    let store = h.state().store().unwrap();
    let id = store.customer_page(&Default::default(), 0, 5).unwrap()[0].id;
    assert_eq!(store.customer(id).unwrap().0.credit_limit_fen, 5_000_000);
    assert_eq!(
        kehu::domain::money::parse_yuan("50,000.00"),
        Some(5_000_000),
        "the same amount written the other way"
    );
}

/// Picks `choice` in the drop-down labelled `label` (a filter or a form's choice).
fn choose(h: &mut Harness<'_, KehuApp>, label: &str, choice: &str) {
    h.query_all_by_role(Role::ComboBox)
        .find(|n| n.accesskit_node().label().as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no drop-down labelled {label}"))
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, choice).click();
    h.run();
}

fn has_combo(h: &Harness<'_, KehuApp>, label: &str) -> bool {
    h.query_all_by_role(Role::ComboBox)
        .any(|n| n.accesskit_node().label().as_deref() == Some(label))
}

/// With the status filter on 流失, a second filter narrows the lost customers by why
/// they left; the kinds offered are the six of the articles and any the firm typed.
#[test]
fn lost_customers_are_narrowed_by_their_kind_of_loss() {
    use kehu::domain::{Customer, CustomerStatus};
    let (dir, mut store) = common::temp_store();
    for (name, status, kind) in [
        ("华东机电有限公司", CustomerStatus::Lost, "竞争流失"),
        ("宁波海川进出口有限公司", CustomerStatus::Lost, "恶意流失"),
        ("苏州精工模具有限公司", CustomerStatus::Lost, "竞争流失"),
        ("温州永嘉阀门厂", CustomerStatus::Lost, "老板退休"),
        ("杭州绿源食品有限公司", CustomerStatus::Active, ""),
    ] {
        store
            .save_customer(&Customer {
                status,
                lost_kind: kind.into(),
                ..customer(name)
            })
            .unwrap();
    }
    store.sign_out();
    let mut h = harness(store);
    h.run();
    fill(&mut h, "密码", ADMIN_PASSWORD);
    click(&mut h, "登录");
    click(&mut h, "客户信息");
    assert!(!has_combo(&h, "流失类型"), "only once the list is on 流失");
    choose(&mut h, "客户状态", "流失");
    assert!(h.query_by_label("杭州绿源食品有限公司").is_none());
    assert!(h.query_by_label("温州永嘉阀门厂").is_some());
    choose(&mut h, "流失类型", "竞争流失");
    assert!(h.query_by_label("华东机电有限公司").is_some());
    assert!(h.query_by_label("苏州精工模具有限公司").is_some());
    assert!(h.query_by_label("宁波海川进出口有限公司").is_none());
    assert!(h.query_by_label("温州永嘉阀门厂").is_none());
    // The firm's own word is offered too.
    choose(&mut h, "流失类型", "老板退休");
    assert!(h.query_by_label("温州永嘉阀门厂").is_some());
    assert!(h.query_by_label("华东机电有限公司").is_none());
    drop(dir);
}

/// Marking a customer 流失 fills 流失日期 with today, which the clerk can change.
#[test]
fn marking_a_customer_lost_dates_it_today() {
    let (_dir, mut h) = signed_in(&["华东机电有限公司"]);
    h.get_by_label("华东机电有限公司").click();
    h.run();
    assert!(h.query_by_label("流失日期").is_none(), "not lost yet");
    // The form's 客户状态 (the filter above the list, also so named, shows 全部).
    h.query_all_by_role(Role::ComboBox)
        .find(|n| {
            n.accesskit_node().label().as_deref() == Some("客户状态")
                && n.accesskit_node().value().as_deref() != Some("全部")
        })
        .expect("the form's status")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "流失").click();
    h.run();
    let today = kehu::store::today().format("%Y-%m-%d").to_string();
    let date = h
        .get_all_by_label("流失日期")
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .expect("the date box");
    assert_eq!(
        date.accesskit_node().value().as_deref(),
        Some(today.as_str())
    );
    fill(&mut h, "流失类型", "竞争流失");
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    let store = h.state().store().unwrap();
    let id = store.customer_page(&Default::default(), 0, 1).unwrap()[0].id;
    let c = store.customer(id).unwrap().0;
    assert_eq!(
        (c.lost_on.as_str(), c.lost_kind.as_str()),
        (today.as_str(), "竞争流失")
    );
}
