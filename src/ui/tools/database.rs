//! 数据库状态与检查: what the file holds, check and repair, compact.

use super::*;

impl ToolsPanel {
    pub(super) fn show_database(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        ui.label(strings::labelled(
            S::DatabaseFile.t(),
            &store.path().display().to_string(),
        ));
        ui.label(strings::labelled(
            S::FileSize.t(),
            &format!("{:.1} MiB", store.file_size() as f64 / 1_048_576.0),
        ));
        if let Ok(c) = store.counts() {
            ui.label(crate::store::text::db_counts(&c));
        }
        let idle = self.task.is_none();
        if store.actor().is_some_and(|a| a.role.can_admin())
            && ui
                .add_enabled(idle, egui::Button::new(S::Vacuum.t()))
                .clicked()
        {
            self.task = Some(start_task(store, TaskKind::Vacuum));
        }
        if ui
            .add_enabled(idle, egui::Button::new(S::RunCheck.t()))
            .clicked()
        {
            self.check_result = None;
            self.task = Some(start_task(store, TaskKind::Check));
        }
        match &self.check_result {
            Some(d) if d.is_sound() => {
                ui.label(RichText::new(S::CheckOk.t()).color(OK_GREEN));
            }
            Some(d) => {
                let hint = if d.needs_salvage() {
                    S::SalvageHint.t()
                } else {
                    S::RepairHint.t()
                };
                widgets::error_box(
                    ui,
                    &crate::store::text::diagnosis(d, hint),
                    &d.detail.join("\n"),
                );
                if !d.needs_salvage()
                    && store.actor().is_some_and(|a| a.role.can_admin())
                    && ui
                        .add_enabled(idle, egui::Button::new(S::RepairNow.t()))
                        .clicked()
                {
                    self.task = Some(start_task(store, TaskKind::Repair));
                }
            }
            None => {}
        }
    }
}
