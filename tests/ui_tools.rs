//! 系统工具 driven headless: the admin backs up to a folder, deletes a customer by
//! mistake, restores with two clicks and has it back; the change log shows the steps.

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::store::Store;
use kehu::ui::KehuApp;
use kehu::ui::fonts::{CjkSource, install};

fn harness(store: Store) -> Harness<'static, KehuApp> {
    let path = store.path().to_path_buf();
    window_on(Ok(store), path)
}

/// The window on whatever opening the database at `path` gave (a store, or why not).
fn window_on(
    store: Result<Store, kehu::store::StoreError>,
    path: std::path::PathBuf,
) -> Harness<'static, KehuApp> {
    Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(|ctx| install(ctx, CjkSource::BundledOnly))
        .build_ui_state(
            |ui, app: &mut KehuApp| app.show(ui),
            KehuApp::new(store, path),
        )
}

fn fill(h: &mut Harness<'_, KehuApp>, label: &str, text: &str) {
    let text_box = |h: &Harness<'_, KehuApp>| {
        h.get_all_by_label(label)
            .find(|n| {
                matches!(
                    n.accesskit_node().role(),
                    Role::TextInput | Role::PasswordInput
                )
            })
            .map(|n| n.accesskit_node().id())
            .expect("a text box with that label")
    };
    let id = text_box(h);
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

/// Steps the app until `text` shows (the backup runs on a worker thread).
fn wait_for(h: &mut Harness<'_, KehuApp>, text: &str) {
    for _ in 0..300 {
        h.step();
        if h.query_all_by_label_contains(text).next().is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let shown: Vec<String> = h
        .root()
        .children_recursive()
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| !l.is_empty())
        .collect();
    panic!("{text} never showed; showing: {shown:?}");
}

#[test]
fn back_up_delete_by_mistake_restore_and_the_customer_is_back() {
    let (_dir, mut store) = common::temp_store();
    store
        .save_customer(&common::customer("北京华信科技有限公司"))
        .unwrap();
    store
        .save_customer(&common::customer("上海瑞丰贸易有限公司"))
        .unwrap();
    let backups = tempfile::tempdir().unwrap();
    let mut h = harness(store);
    h.run();

    h.get_by_label("系统工具").click();
    h.run();
    // Automatic backup is ticked by default but has no folder yet: the panel says so.
    assert!(
        h.query_all_by_label_contains("自动备份还没有开始")
            .next()
            .is_some()
    );
    fill(&mut h, "备份文件夹", "/不存在的U盘");
    h.get_by_label("立即备份").click();
    wait_for(&mut h, "找不到这个文件夹");
    // The folder the clerk picked last time (the 选择… dialog stores it the same way).
    h.state_mut()
        .store_mut()
        .unwrap()
        .set_setting(
            kehu::ui::tools::KEY_BACKUP_DIR,
            &backups.path().display().to_string(),
        )
        .unwrap();
    let store = h.into_state().into_store().unwrap();
    // Started again with a backup folder set: the automatic backup runs by itself.
    let mut h = harness(store);
    h.run();
    h.get_by_label("系统工具").click();
    wait_for(&mut h, "已备份并核对无误");
    assert!(
        h.query_all_by_label_contains("自动备份还没有开始")
            .next()
            .is_none()
    );
    h.get_by_label("立即备份").click();
    for _ in 0..300 {
        h.step();
        if std::fs::read_dir(backups.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "sqlite3")
            })
            .count()
            == 2
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    wait_for(&mut h, "kehu-backup-");
    let names: Vec<String> = std::fs::read_dir(backups.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "one automatic, one by hand: {names:?}");
    assert!(names.iter().any(|n| n.starts_with("kehu-auto-")));
    h.run();

    // The mistake: delete a customer.
    h.get_by_label("客户信息").click();
    h.run();
    h.get_by_label("北京华信科技有限公司").click();
    h.run();
    h.get_by_label("删除").click();
    h.run();
    h.get_all_by_label("删除").last().unwrap().click();
    h.run();
    assert_eq!(h.state().store().unwrap().customer_total().unwrap(), 1);

    // Two clicks: restore this backup, confirm.
    h.get_by_label("系统工具").click();
    h.run();
    h.get_all_by_label("从此备份恢复").next().unwrap().click();
    h.run();
    h.get_by_label_contains("用这个备份替换当前的全部数据");
    h.get_by_role_and_label(Role::Button, "还原").click();
    // The restore runs on a worker thread: the window keeps drawing meanwhile.
    h.step();
    wait_for(&mut h, "已恢复");
    assert_eq!(h.state().store().unwrap().customer_total().unwrap(), 2);
    h.get_by_label("客户信息").click();
    h.run();
    h.get_by_label("北京华信科技有限公司");
}

#[test]
fn the_admin_sets_the_firm_name_and_paper_for_printouts() {
    let (_dir, store) = common::temp_store();
    let mut h = harness(store);
    h.run();
    h.get_by_label("系统工具").click();
    h.run();
    h.get_by_label("系统设置").click();
    h.run();
    fill(&mut h, "公司名称（打印用）", "华信商贸有限公司");
    h.get_by_label("打印纸张").click();
    h.run();
    h.get_by_label("Letter").click();
    h.run();
    assert!(h.query_by_label("页边距（毫米）").is_some());
    // Below the settings, at the foot of the page: scrolled to, as the admin would.
    h.get_by_label("保存设置").scroll_to_me();
    h.run();
    h.get_by_label("保存设置").click();
    h.run();
    let s = h.state().store().unwrap().settings().unwrap();
    assert_eq!(s.firm_name, "华信商贸有限公司");
    assert_eq!(s.paper, kehu::domain::settings::Paper::Letter);
    assert_eq!(s.margin_mm, 15, "the default margin");
}

#[test]
fn the_idle_lock_signs_out_after_the_minutes_set_and_not_before() {
    let (_dir, mut store) = common::temp_store();
    let mut s = store.settings().unwrap();
    s.idle_lock_minutes = 5;
    store.save_settings(&s).unwrap();
    let mut h = harness(store);
    h.run();
    assert!(h.query_by_label("退出登录").is_some(), "signed in");
    h.state_mut()
        .pretend_idle_for(std::time::Duration::from_secs(4 * 60));
    h.run();
    assert!(
        h.query_by_label("退出登录").is_some(),
        "four minutes: still in"
    );
    h.state_mut()
        .pretend_idle_for(std::time::Duration::from_secs(5 * 60 + 1));
    h.run();
    assert!(h.query_by_label("退出登录").is_none(), "signed out");
    assert!(h.query_by_label("登录").is_some(), "the sign-in screen");
    wait_for(&mut h, "长时间没有操作");
    assert!(
        h.state().store().unwrap().actor().is_none(),
        "the store has no signed-in user either"
    );
}

#[test]
fn checking_and_compacting_run_while_the_window_stays_live() {
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 200).unwrap();
    let total = store.customer_total().unwrap();
    let mut h = harness(store);
    h.run();
    h.get_by_label("系统工具").click();
    h.run();
    h.get_by_label("数据库状态与检查").click();
    h.run();
    h.get_by_label("检查数据库").click();
    h.step();
    wait_for(&mut h, "检查完毕：数据库完好");
    h.get_by_label("整理数据库（回收空间）").click();
    h.step();
    wait_for(&mut h, "整理完毕");
    assert_eq!(
        h.state().store().unwrap().customer_total().unwrap(),
        total,
        "every customer still there"
    );
}

#[test]
fn a_database_that_cannot_be_opened_offers_its_snapshots_and_restores_with_two_clicks() {
    let (dir, mut store) = common::temp_store();
    store
        .save_customer(&common::customer("北京华信科技有限公司"))
        .unwrap();
    store.snapshot("import").unwrap();
    let path = store.path().to_path_buf();
    drop(store);
    // The file is cut short (a copy interrupted, a disk that filled).
    std::fs::write(&path, b"").unwrap();
    let opened = Store::open(&path);
    assert!(opened.is_err());
    let mut h = window_on(opened, path.clone());
    h.run();
    assert!(has_text(&h, "0 字节"), "says what is wrong in plain words");
    h.get_by_label("从此备份恢复").click();
    h.run();
    assert!(has_text(&h, "现在的文件不会被删除"));
    h.get_by_label("确定用它替换").click();
    // The restore runs off the window's thread.
    for _ in 0..300 {
        if h.query_by_label("登录").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(2);
    }
    // Back at the sign-in, on the restored data; the empty file was kept aside.
    fill(&mut h, "密码", common::ADMIN_PASSWORD);
    h.get_by_label("登录").click();
    h.run();
    h.run();
    assert_eq!(h.state().store().unwrap().customer_total().unwrap(), 1);
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("kehu-damaged-"))
        .count();
    assert_eq!(aside, 1);
}

fn has_text(h: &Harness<'_, KehuApp>, part: &str) -> bool {
    h.query_all_by_label_contains(part).next().is_some()
}

#[test]
fn a_failed_read_is_shown_not_taken_for_an_empty_list() {
    let (_dir, store) = common::temp_store();
    let path = store.path().to_path_buf();
    let mut h = harness(store);
    h.run();
    h.get_by_label("系统工具").click();
    h.run();
    // Something outside kehu breaks the table the import list is read from.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("ALTER TABLE imports RENAME TO imports_gone")
        .unwrap();
    h.get_by_label("导入记录").click();
    h.run();
    assert!(has_text(&h, "数据库操作失败"));
    assert!(!has_text(&h, "还没有导入过文件"));
}

#[test]
fn a_read_only_file_opens_to_look_and_says_so_on_every_tab() {
    let (dir, mut store) = common::temp_store();
    store
        .save_customer(&common::customer("北京华信科技有限公司"))
        .unwrap();
    let path = store.path().to_path_buf();
    drop(store);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let (opened, path) = kehu::cli::open_for_window(Some(path), false);
    let store = opened.expect("a read-only file opens to read");
    assert!(store.is_read_only());
    let mut h = window_on(Ok(store), path);
    h.run();
    fill(&mut h, "密码", common::ADMIN_PASSWORD);
    h.get_by_label("登录").click();
    h.run();
    h.get_by_label("客户信息").click();
    h.run();
    assert!(
        has_text(&h, "北京华信科技有限公司"),
        "the customers are there"
    );
    assert!(has_text(&h, "只读：这个数据库文件不能写入"));
    h.get_by_label("合同信息").click();
    h.run();
    assert!(has_text(&h, "只读：这个数据库文件不能写入"));
    drop(h);
    drop(dir);
}

#[test]
fn with_no_backup_at_all_the_recovery_screen_does_not_point_below_at_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehu.sqlite3");
    std::fs::write(&path, b"not a database, and no backup anywhere").unwrap();
    let opened = Store::open(&path);
    assert!(opened.is_err());
    let mut h = window_on(opened, path.clone());
    h.run();
    assert!(has_text(&h, "都没有找到备份"));
    assert!(
        !has_text(&h, "可以从下面的备份"),
        "nothing is below to restore from"
    );
    assert!(
        has_text(&h, "kehu restore"),
        "where a backup elsewhere goes"
    );
}

#[test]
fn the_admin_edits_the_credit_ratings_offered() {
    let (_dir, store) = common::temp_store();
    let mut h = harness(store);
    h.run();
    h.get_by_label("系统工具").click();
    h.run();
    h.get_by_label("系统设置").click();
    h.run();
    fill(&mut h, "信用等级可选", "，D");
    h.get_by_label("保存设置").scroll_to_me();
    h.run();
    h.get_by_label("保存设置").click();
    h.run();
    let list = h
        .state()
        .store()
        .unwrap()
        .lookup_values(kehu::store::settings::LIST_CREDIT_RATINGS)
        .unwrap();
    assert_eq!(list, ["AAA", "AA", "A", "B", "C", "D"]);
}
