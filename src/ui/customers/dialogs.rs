//! The customer panel's windows: a customer's change history, the trash, confirmations.

use super::*;
use crate::domain::CustomerField;

impl CustomersPanel {
    pub(super) fn load_history(&mut self, id: i64, store: &Store) {
        let f = crate::store::changelog::ChangeFilter {
            table: Some("customers".into()),
            row_id: Some(id),
            ..Default::default()
        };
        self.history = Some((id, store.changes(&f, 500).unwrap_or_default()));
    }

    pub(super) fn show_history(&mut self, ctx: &egui::Context, store: &mut Store) {
        let Some((id, entries)) = self.history.clone() else {
            return;
        };
        let mut open = true;
        let mut put_back = None;
        egui::Window::new(S::HistoryOf.t())
            .open(&mut open)
            .default_size([760.0, 420.0])
            .vscroll(true)
            .show(ctx, |ui| {
                put_back = crate::ui::history::change_grid(ui, "customer-history", &entries);
            });
        if !open {
            self.history = None;
        }
        if let Some(change) = put_back {
            match store.put_back(change) {
                Ok(()) => {
                    self.data_changed(store);
                    self.open(id, store);
                    self.load_history(id, store);
                    self.message = Some(Message::info(S::PutBackDone.t()));
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
    }

    pub(super) fn show_trash(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        if ui.button(format!("← {}", S::BackToList.t())).clicked() {
            self.show_trash = false;
            return;
        }
        ui.heading(S::TabTrash.t());
        if let Some(Message {
            text: m,
            error: is_err,
        }) = &self.message
        {
            ui.label(RichText::new(m.as_str()).color(if *is_err { ERROR_RED } else { OK_GREEN }));
        }
        if self.trash.is_none() {
            match store.trashed_customers() {
                Ok(rows) => self.trash = Some(rows),
                Err(e) => {
                    ui.label(RichText::new(e.message()).color(ERROR_RED));
                    return;
                }
            }
        }
        let rows = self.trash.clone().unwrap_or_default();
        if rows.is_empty() {
            ui.label(S::TrashEmpty.t());
            return;
        }
        if store.actor().is_some_and(|a| a.role.can_admin())
            && ui.button(S::EmptyTrash.t()).clicked()
        {
            self.confirm_empty_trash = true;
        }
        let mut restore: Option<i64> = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("trash-grid")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for h in [
                        strings::customer_field(CustomerField::Code),
                        strings::customer_field(CustomerField::Name),
                        S::DeletedAt.t(),
                        S::DeletedBy.t(),
                    ] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.label("");
                    ui.end_row();
                    for r in &rows {
                        ui.label(&r.code);
                        ui.label(&r.name);
                        ui.label(&r.deleted_at);
                        ui.label(&r.deleted_by);
                        if ui.button(S::Restore.t()).clicked() {
                            restore = Some(r.id);
                        }
                        ui.end_row();
                    }
                });
        });
        if let Some(id) = restore {
            match store.restore_customer(id) {
                Ok(()) => {
                    self.data_changed(store);
                    self.message = Some(Message::info(S::Restored.t()));
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
    }

    pub(super) fn show_dialogs(&mut self, ctx: &egui::Context, store: &mut Store) {
        if let Some((id, n)) = self.confirm_with_contracts {
            match widgets::confirm_dialog(
                ctx,
                "delete-with-contracts",
                S::ConfirmDeleteTitle.t(),
                &strings::has_contracts(n),
                S::TrashWithContracts.t(),
                S::Cancel.t(),
            ) {
                Answer::Confirm => {
                    self.confirm_with_contracts = None;
                    match store.trash_customer_and_contracts(id) {
                        Ok(()) => {
                            self.form = None;
                            self.data_changed(store);
                            self.message = Some(Message::info(S::MovedToTrash.t()));
                        }
                        Err(e) => self.message = Some(Message::error(e.message())),
                    }
                }
                Answer::Cancel => self.confirm_with_contracts = None,
                Answer::Pending => {}
            }
        }
        if self.confirm_empty_trash {
            let n = self.trash.as_ref().map_or(0, Vec::len);
            match widgets::confirm_dialog(
                ctx,
                "empty-trash",
                S::EmptyTrash.t(),
                &strings::confirm_empty_trash(n),
                S::EmptyTrash.t(),
                S::Cancel.t(),
            ) {
                Answer::Confirm => {
                    self.confirm_empty_trash = false;
                    match store.empty_trash() {
                        Ok((n, snapshot)) => {
                            self.data_changed(store);
                            self.message = Some(Message::info(strings::trash_emptied(
                                n,
                                &snapshot.display().to_string(),
                            )));
                        }
                        Err(e) => self.message = Some(Message::error(e.message())),
                    }
                }
                Answer::Cancel => self.confirm_empty_trash = false,
                Answer::Pending => {}
            }
        }
        if let Some(what) = self.leave {
            match widgets::confirm_dialog(
                ctx,
                "unsaved",
                S::UnsavedTitle.t(),
                S::UnsavedBody.t(),
                S::Discard.t(),
                S::KeepEditing.t(),
            ) {
                Answer::Confirm => {
                    self.leave = None;
                    self.do_leave(what, store);
                }
                Answer::Cancel => self.leave = None,
                Answer::Pending => {}
            }
        }
        if let Some((id, name)) = self.confirm_delete.clone() {
            let body = strings::confirm_delete(&name);
            match widgets::confirm_dialog(
                ctx,
                "delete",
                S::ConfirmDeleteTitle.t(),
                &body,
                S::Delete.t(),
                S::Cancel.t(),
            ) {
                Answer::Confirm => {
                    self.confirm_delete = None;
                    match store.trash_customer(id) {
                        Ok(()) => {
                            self.form = None;
                            self.data_changed(store);
                            self.message = Some(Message::info(S::MovedToTrash.t()));
                        }
                        Err(StoreError::HasContracts(n)) => {
                            self.confirm_with_contracts = Some((id, n));
                        }
                        Err(e) => self.message = Some(Message::error(e.message())),
                    }
                }
                Answer::Cancel => self.confirm_delete = None,
                Answer::Pending => {}
            }
        }
    }
}
