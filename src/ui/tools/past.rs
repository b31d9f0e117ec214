//! What was done before and can be taken back: the trash, bulk changes, imports.

use super::*;

impl ToolsPanel {
    /// Everything in the trash, of every kind, with who and when; restore or (admin) empty.
    pub(super) fn show_trash(&mut self, ui: &mut egui::Ui, store: &mut Store, admin: bool) {
        use crate::store::trash::TrashKind;
        let Some(items) = widgets::or_show(ui, store.trash_items()) else {
            return;
        };
        if items.is_empty() {
            ui.label(RichText::new(S::TrashEmpty.t()).weak());
            return;
        }
        egui::Grid::new("trash-grid").striped(true).show(ui, |ui| {
            for it in items.iter().take(500) {
                ui.label(match it.kind {
                    TrashKind::Customer => S::TabCustomers.t(),
                    TrashKind::Contract => S::TabContracts.t(),
                    TrashKind::Feedback => S::TabFeedback.t(),
                    TrashKind::Competitor => S::TabCompetitors.t(),
                    TrashKind::News => S::TabNews.t(),
                });
                ui.label(&it.title);
                ui.label(&it.deleted_at);
                ui.label(&it.deleted_by);
                if ui.button(S::Restore.t()).clicked() {
                    match store.restore_item(it.kind, it.id) {
                        Ok(()) => {
                            self.say(S::Restored.t(), false);
                            self.data_changed = true;
                        }
                        Err(e) => self.say(e.message(), true),
                    }
                }
                ui.end_row();
            }
        });
        if admin && ui.button(S::EmptyTrash.t()).clicked() {
            self.confirm_empty_all = Some(items.len());
        }
    }

    /// Past 批量修改 of customers; each can be undone (once).
    pub(super) fn show_bulk_changes(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(list) = widgets::or_show(ui, store.bulk_changes()) else {
            return;
        };
        if list.is_empty() {
            ui.label(RichText::new(S::BulkChangesNone.t()).weak());
            return;
        }
        egui::Grid::new("bulk-grid").striped(true).show(ui, |ui| {
            for r in list.iter().take(100) {
                ui.label(strings::show_date(&r.at));
                ui.label(&r.user);
                ui.label(strings::bulk_done(
                    strings::bulk_field(r.field),
                    &strings::bulk_value(r.field, &r.value),
                    r.changed,
                ));
                if r.undone_at.is_some() {
                    ui.label(RichText::new(S::BulkUndone.t()).weak());
                } else if ui
                    .add_enabled(self.task.is_none(), egui::Button::new(S::BulkUndo.t()))
                    .clicked()
                {
                    self.task = Some(start_task(store, TaskKind::UndoBulk(r.id)));
                }
                ui.end_row();
            }
        });
    }

    /// Past imports with their counts; each can be undone (once).
    pub(super) fn show_imports(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(list) = widgets::or_show(ui, store.imports()) else {
            return;
        };
        if list.is_empty() {
            ui.label(RichText::new(S::ImportsNone.t()).weak());
            return;
        }
        egui::Grid::new("imports-grid")
            .striped(true)
            .show(ui, |ui| {
                for r in list.iter().take(100) {
                    ui.label(strings::show_date(&r.at));
                    ui.label(&r.user);
                    ui.label(
                        crate::io::records::RecordKind::from_key(&r.kind)
                            .map(|k| k.label())
                            .unwrap_or(S::TabCustomers)
                            .t(),
                    );
                    ui.label(&r.file_name);
                    ui.label(strings::import_counts(
                        r.created, r.updated, r.skipped, r.errors,
                    ));
                    if r.undone_at.is_some() {
                        ui.label(RichText::new(S::ImportUndone.t()).weak());
                    } else if ui
                        .add_enabled(self.task.is_none(), egui::Button::new(S::ImportUndo.t()))
                        .clicked()
                    {
                        self.task = Some(start_task(store, TaskKind::UndoImport(r.id)));
                    }
                    ui.end_row();
                }
            });
    }
}
