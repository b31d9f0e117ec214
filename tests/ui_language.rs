//! English is one choice away, and the choice is remembered in the database. (Its own
//! test binary: the UI language is process-wide.)

mod common;

use common::ADMIN_PASSWORD;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::store::Store;
use kehu::ui::KehuApp;
use kehu::ui::fonts::{CjkSource, install};

#[test]
fn switching_to_english_relabels_the_app_and_is_remembered() {
    let (dir, mut store) = common::temp_store();
    store
        .save_customer(&common::customer("北京华信科技有限公司"))
        .unwrap();
    let path = store.path().to_path_buf();
    let app = KehuApp::new(Ok(store), path.clone());
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(|ctx| install(ctx, CjkSource::BundledOnly))
        .build_ui_state(|ui, app: &mut KehuApp| app.show(ui), app);
    h.run();
    h.get_by_label("客户信息");
    h.get_by_label("语言").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    h.get_by_label("Customers");
    h.get_by_label("1 in all");
    assert!(h.query_by_label("客户信息").is_none());
    // The import wizard in English: a list of people with the name in two columns.
    h.state_mut().start_import(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/own_name_parts_gbk.csv"),
    );
    h.run();
    h.get_by_label("Type = Individual");
    assert!(
        h.query_all_by_role(egui::accesskit::Role::ComboBox)
            .any(|n| n.accesskit_node().value().as_deref()
                == Some("Last name (joined into the name)"))
    );
    drop(h);
    let mut store = Store::open(&path).unwrap();
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    assert_eq!(
        store
            .setting(kehu::store::settings::KEY_LANGUAGE)
            .unwrap()
            .as_deref(),
        Some("en")
    );
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    drop(dir);
}
