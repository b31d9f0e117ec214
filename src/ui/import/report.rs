//! The wizard's dry-run report: new, updates, duplicates, errors, unmapped columns.

use super::*;

impl ImportWizard {
    pub(super) fn show_report(&mut self, ui: &mut Ui, store: &mut Store) {
        let Some(r) = &self.report else { return };
        ui.label(RichText::new(crate::io::text::report_summary(r)).strong());
        if !r.unmapped.is_empty() {
            // Said before anything is written: a column left out is the clerk's choice,
            // never a silent drop.
            ui.label(RichText::new(strings::unmapped_heading(r.unmapped.len())).color(WARN_AMBER));
            for u in &r.unmapped {
                ui.label(format!("  · {}", crate::io::text::unmapped_column(u)));
            }
        }
        if r.date_order_needed {
            ui.label(RichText::new(S::ImportDateOrderNeeded.t()).color(ERROR_RED));
        }
        let r = r.clone();
        let records = self.kind.is_some();
        let mut rerun = false;
        if !r.dup_rows.is_empty() {
            ui.separator();
            ui.horizontal(|ui| {
                let title = if records {
                    S::ImportDuplicatesRecords
                } else {
                    S::ImportDuplicates
                };
                ui.label(RichText::new(title.t()).strong());
                ui.label(S::ImportForAll.t());
                let before = self.duplicates;
                for (c, s) in dup_choices(records) {
                    ui.radio_value(&mut self.duplicates, c, s.t());
                }
                if before != self.duplicates {
                    self.row_choices.clear();
                    rerun = true;
                }
            });
            egui::ScrollArea::vertical()
                .id_salt("imp-dups")
                .max_height(160.0)
                .show(ui, |ui| {
                    egui::Grid::new("imp-dup-grid")
                        .striped(true)
                        .show(ui, |ui| {
                            for d in &r.dup_rows {
                                ui.label(strings::line_no(d.line));
                                let l = ui.label(&d.name);
                                ui.label(format!("= {}", d.existing_name));
                                ui.label(crate::store::text::match_reason(d.reason));
                                let mut c =
                                    self.row_choices.get(&d.line).copied().unwrap_or(d.choice);
                                let before = c;
                                egui::ComboBox::from_id_salt(("imp-dup", d.line))
                                    .selected_text(dup_label(c, records))
                                    .show_ui(ui, |ui| {
                                        for (v, s) in dup_choices(records) {
                                            ui.selectable_value(&mut c, v, s.t());
                                        }
                                    })
                                    .response
                                    .labelled_by(l.id);
                                if c != before {
                                    self.row_choices.insert(d.line, c);
                                    rerun = true;
                                }
                                ui.end_row();
                            }
                        });
                });
        }
        if !r.update_rows.is_empty() {
            ui.separator();
            ui.label(RichText::new(S::ImportUpdates.t()).strong());
            egui::ScrollArea::vertical()
                .id_salt("imp-upd")
                .max_height(140.0)
                .show(ui, |ui| {
                    for u in &r.update_rows {
                        for (f, old, new) in &u.changes {
                            ui.label(format!(
                                "{} {}  {}：{} → {}",
                                strings::line_no(u.line),
                                strings::clip(&u.name, 50),
                                f,
                                strings::clip(old, 50),
                                strings::clip(new, 50)
                            ));
                        }
                    }
                });
        }
        if !r.merged_rows.is_empty() {
            ui.separator();
            ui.label(RichText::new(S::ImportMerged.t()).strong());
            let row_height = ui.text_style_height(&egui::TextStyle::Body);
            egui::ScrollArea::vertical()
                .id_salt("imp-merged")
                .max_height(100.0)
                .show_rows(ui, row_height, r.merged_rows.len(), |ui, range| {
                    for m in &r.merged_rows[range] {
                        ui.label(crate::io::text::merged_row(m));
                    }
                });
        }
        if !r.errors.is_empty() {
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(RichText::new(S::ImportErrors.t()).strong().color(ERROR_RED));
                if ui.button(S::ImportSaveErrors.t()).clicked()
                    && let Some(out) = rfd::FileDialog::new()
                        .set_file_name(strings::errors_file_name())
                        .add_filter("CSV", &["csv"])
                        .save_file()
                {
                    self.message = Some(match import::write_error_rows(&r, &out) {
                        Ok(()) => Message::info(strings::errors_saved(&out.display().to_string())),
                        Err(e) => Message::error(e.message()),
                    });
                }
            });
            egui::ScrollArea::vertical()
                .id_salt("imp-errs")
                .max_height(160.0)
                .show(ui, |ui| {
                    egui::Grid::new("imp-err-grid")
                        .striped(true)
                        .show(ui, |ui| {
                            for e in r.errors.iter().take(500) {
                                ui.label(strings::line_no(e.line));
                                ui.label(&e.column);
                                ui.label(e.value.chars().take(30).collect::<String>());
                                ui.label(RichText::new(&e.message).color(ERROR_RED));
                                ui.end_row();
                            }
                        });
                });
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button(S::ImportBack.t()).clicked() {
                self.step = Step::Mapping;
            }
            let can = r.new + r.updates + r.merged > 0 && !r.date_order_needed;
            if ui
                .add_enabled(
                    can,
                    egui::Button::new(RichText::new(S::ImportCommit.t()).strong()),
                )
                .clicked()
            {
                self.start(store, true);
            }
            ui.label(RichText::new(S::ImportUndoable.t()).weak());
        });
        if rerun {
            self.start(store, false);
        }
    }
}
