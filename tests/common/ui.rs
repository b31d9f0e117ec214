//! Driving the real app headless with egui_kittest: a harness with the bundled CJK font,
//! typing into a text box found by its label, clicking, looking for text.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::store::Store;
use kehu::ui::KehuApp;
use kehu::ui::fonts::{CjkSource, install};

pub type H = Harness<'static, KehuApp>;

/// The app on `store`, in a window of `size`.
pub fn harness(store: Store, size: [f32; 2]) -> H {
    let path = store.path().to_path_buf();
    Harness::builder()
        .with_size(size)
        .with_context_setup(|ctx| install(ctx, CjkSource::BundledOnly))
        .build_ui_state(
            |ui, app: &mut KehuApp| app.show(ui),
            KehuApp::new(Ok(store), path),
        )
}

/// Like [`harness`], but drawing characters no font has as boxes (as the app does)
/// instead of failing: for data that holds such characters on purpose.
pub fn harness_allowing_missing_glyphs(store: Store, size: [f32; 2]) -> H {
    let path = store.path().to_path_buf();
    Harness::builder()
        .with_size(size)
        .allow_missing_glyphs()
        .with_context_setup(|ctx| install(ctx, CjkSource::BundledOnly))
        .build_ui_state(
            |ui, app: &mut KehuApp| app.show(ui),
            KehuApp::new(Ok(store), path),
        )
}

/// Types into the text box labelled `label`.
pub fn fill(h: &mut H, label: &str, text: &str) {
    let id = h
        .get_all_by_label(label)
        .find(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput | Role::PasswordInput
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

/// Signs in on the sign-in screen as `user` (the user name box starts as admin: it is
/// cleared first).
pub fn sign_in(h: &mut H, user: &str, password: &str) {
    fill(h, "用户名", "");
    for _ in 0..10 {
        h.key_press(egui::Key::Backspace);
    }
    h.run();
    fill(h, "用户名", user);
    fill(h, "密码", password);
    h.get_by_label("登录").click();
    h.run();
}

/// Clicks what is labelled `label`; steps a few frames (a worker thread may keep asking
/// for frames, so this does not wait for the app to settle).
pub fn click(h: &mut H, label: &str) {
    h.get_by_label(label).click();
    h.run_steps(4);
}

pub fn has_text(h: &H, part: &str) -> bool {
    h.query_all_by_label_contains(part).next().is_some()
}

/// Steps frames until `part` shows (a worker thread finishing), or fails.
pub fn wait_for(h: &mut H, part: &str) {
    for _ in 0..300 {
        h.run_steps(2);
        if has_text(h, part) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("{part} never showed");
}

/// Clicks at a point on the screen (a chart's bar or point): the pointer moves there,
/// is pressed and released, and stays (a chart reads where the pointer is).
pub fn click_at(h: &mut H, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run_steps(2);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(3);
}

/// Where a point of the chart with id `chart` (an `egui_plot` plot) is on the screen, by
/// the chart's own transform from the last frame.
pub fn chart_point(h: &H, chart: &str, x: f64, y: f64) -> egui::Pos2 {
    let mem = egui_plot::PlotMemory::load(&h.ctx, egui::Id::unique(chart))
        .unwrap_or_else(|| panic!("the chart {chart} is drawn"));
    mem.transform()
        .position_from_point(&egui_plot::PlotPoint::new(x, y))
}
