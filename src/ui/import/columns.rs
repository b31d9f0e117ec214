//! The wizard's first step: which column fills which field, and values for every row.

use super::*;

impl ImportWizard {
    pub(super) fn show_mapping(&mut self, ui: &mut Ui, store: &mut Store) {
        let mut reread = false;
        ui.horizontal_wrapped(|ui| {
            // A workbook of several sheets always shows the picker, even when the sheet
            // chosen cannot be read, so another can be chosen.
            if self.sheets.len() > 1 {
                let l = ui.label(S::ImportSheet.t());
                let current = match &self.preview {
                    Ok(p) => p.layout.sheet.clone().unwrap_or_default(),
                    Err(_) => self.read.sheet.clone().unwrap_or_default(),
                };
                let mut s = current.clone();
                let label = |name: &str| {
                    let hidden = self.sheets.iter().any(|(n, h)| n == name && *h);
                    strings::sheet_label(name, hidden)
                };
                egui::ComboBox::from_id_salt("imp-sheet")
                    .selected_text(label(&s))
                    .show_ui(ui, |ui| {
                        for (name, _) in &self.sheets {
                            ui.selectable_value(&mut s, name.clone(), label(name));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if s != current {
                    self.read.sheet = Some(s);
                    self.read.header_row = None;
                    reread = true;
                }
            }
            if let Ok(p) = &self.preview {
                if let Some(enc) = p.layout.encoding {
                    let l = ui.label(S::ImportEncoding.t());
                    let mut chosen = enc;
                    egui::ComboBox::from_id_salt("imp-enc")
                        .selected_text(read::encoding_label(enc))
                        .show_ui(ui, |ui| {
                            for e in read::offered_encodings() {
                                ui.selectable_value(&mut chosen, e, read::encoding_label(e));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    if chosen != enc {
                        self.read.encoding = Some(chosen);
                        reread = true;
                    }
                    ui.label(RichText::new(S::ImportGarbled.t()).weak());
                    ui.separator();
                    let l = ui.label(S::ImportDelimiter.t());
                    let mut d = p.layout.delimiter;
                    egui::ComboBox::from_id_salt("imp-delim")
                        .selected_text(strings::delimiter_name(d))
                        .show_ui(ui, |ui| {
                            for c in [b',', b'\t', b';', b'|'] {
                                ui.selectable_value(&mut d, c, strings::delimiter_name(c));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    if d != p.layout.delimiter {
                        self.read.delimiter = Some(d);
                        reread = true;
                    }
                }
                ui.separator();
                let l = ui.label(S::ImportHeaderRow.t());
                let mut row = p.layout.header_row + 1;
                if ui
                    .add(egui::DragValue::new(&mut row).range(1..=60))
                    .labelled_by(l.id)
                    .changed()
                {
                    self.read.header_row = Some(row - 1);
                    reread = true;
                }
            }
        });
        if reread {
            self.reload(store);
            return;
        }
        let p = match &self.preview {
            Ok(p) => p,
            Err(msg) => {
                ui.label(RichText::new(msg).color(ERROR_RED));
                return;
            }
        };
        ui.label(strings::detected_layout(
            p.layout.encoding.map(read::encoding_label),
            p.layout.sheet.as_deref(),
            p.layout.header_line,
        ));
        if let Some(note) = crate::io::text::sheet_choice(&p.layout) {
            ui.label(RichText::new(note).color(WARN_AMBER));
        }
        if let Some(name) = &self.mapping_from {
            ui.label(strings::using_saved_mapping(name));
        }
        ui.separator();
        ui.label(RichText::new(S::ImportMapHint.t()).weak());
        let headers = p.headers.clone();
        let rows = p.rows.clone();
        egui::ScrollArea::both()
            .id_salt("imp-preview")
            .max_height(300.0)
            .show(ui, |ui| {
                egui::Grid::new("imp-grid").striped(true).show(ui, |ui| {
                    let label_ids: Vec<egui::Id> = headers
                        .iter()
                        .enumerate()
                        .map(|(i, h)| {
                            let text = if h.trim().is_empty() {
                                strings::column_n(i + 1)
                            } else {
                                h.clone()
                            };
                            ui.label(RichText::new(text).strong()).id
                        })
                        .collect();
                    ui.end_row();
                    if let Some(kind) = self.kind {
                        for (i, label) in label_ids.iter().enumerate() {
                            let t = &mut self.rmapping.columns[i];
                            let shown = t
                                .as_deref()
                                .and_then(|k| kind.field(k))
                                .map(|f| f.label())
                                .unwrap_or(crate::io::text::import_target(Target::Ignore));
                            egui::ComboBox::from_id_salt(("imp-map", i))
                                .selected_text(shown)
                                .width(110.0)
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(
                                        t,
                                        None,
                                        crate::io::text::import_target(Target::Ignore),
                                    );
                                    for f in kind.fields() {
                                        if f.form != crate::io::records::Form::Derived {
                                            ui.selectable_value(
                                                t,
                                                Some(f.key.to_string()),
                                                f.label(),
                                            );
                                        }
                                    }
                                })
                                .response
                                .labelled_by(*label);
                        }
                    }
                    for (i, label) in label_ids.iter().enumerate() {
                        if self.kind.is_some() {
                            break;
                        }
                        let t = &mut self.mapping.columns[i];
                        egui::ComboBox::from_id_salt(("imp-map", i))
                            .selected_text(crate::io::text::import_target(*t))
                            .width(110.0)
                            .show_ui(ui, |ui| {
                                for &c in Target::all() {
                                    ui.selectable_value(t, c, crate::io::text::import_target(c));
                                }
                            })
                            .response
                            .labelled_by(*label);
                    }
                    ui.end_row();
                    for r in &rows {
                        for i in 0..headers.len() {
                            let cell = r.get(i).map(String::as_str).unwrap_or("");
                            let short: String = cell.chars().take(24).collect();
                            ui.label(short);
                        }
                        ui.end_row();
                    }
                });
            });
        ui.separator();
        // Fixed values: one field set for every row (来源 = 展会 …).
        if let Some(kind) = self.kind {
            self.record_fixed(ui, kind);
        }
        if self.kind.is_none() {
            ui.horizontal_wrapped(|ui| {
                let choices: Vec<(Target, &str)> = Target::all()
                    .iter()
                    .copied()
                    .filter(|t| *t != Target::Ignore && !t.is_name_part())
                    .map(|c| (c, crate::io::text::import_target(c)))
                    .collect();
                if let Some((t, v)) =
                    fixed_row(ui, &choices, &mut self.fixed_target, &mut self.fixed_value)
                {
                    match v {
                        Some(v) => self.mapping.fixed.insert(t, v),
                        None => self.mapping.fixed.remove(&t),
                    };
                }
                fixed_summary(
                    ui,
                    self.mapping.fixed.iter().map(|(t, v)| {
                        format!(
                            "{} = {}",
                            crate::io::text::import_target(*t),
                            crate::io::text::fixed_value(*t, v)
                        )
                    }),
                );
            });
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(S::ImportDateOrder.t());
            for (o, s) in [
                (DateOrder::Auto, S::DateOrderAuto),
                (DateOrder::MonthFirst, S::DateOrderMdy),
                (DateOrder::DayFirst, S::DateOrderDmy),
            ] {
                ui.radio_value(&mut self.date_order, o, s.t());
            }
        });
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(S::ImportSaveMapping.t());
            ui.add(egui::TextEdit::singleline(&mut self.save_as).desired_width(160.0))
                .labelled_by(l.id);
            if ui.button(S::Save.t()).clicked() && !self.save_as.trim().is_empty() {
                let key = Mapping::headers_key(&headers);
                let json = match self.kind {
                    None => serde_json::to_string(&self.mapping),
                    Some(_) => serde_json::to_string(&self.rmapping),
                }
                .unwrap_or_default();
                self.message = Some(match store.save_mapping(&self.save_as, &key, &json) {
                    Ok(()) => Message::info(strings::mapping_saved(self.save_as.trim())),
                    Err(e) => Message::error(e.message()),
                });
            }
        });
        ui.separator();
        let has_name = match self.kind {
            None => {
                let ok = self.mapping.names_customers();
                if !ok {
                    ui.label(RichText::new(S::ImportNoNameColumn.t()).color(ERROR_RED));
                }
                ok
            }
            Some(kind) => {
                let missing = self.rmapping.missing(kind);
                if !missing.is_empty() {
                    ui.label(
                        RichText::new(strings::fields_unmapped(&missing.join("、")))
                            .color(ERROR_RED),
                    );
                }
                missing.is_empty()
            }
        };
        if ui
            .add_enabled(has_name, egui::Button::new(S::ImportCheck.t()))
            .clicked()
        {
            self.start(store, false);
        }
    }

    /// Fixed values for a record import: one field set for every row (报告人 = 小王 …).
    pub(super) fn record_fixed(&mut self, ui: &mut Ui, kind: RecordKind) {
        ui.horizontal_wrapped(|ui| {
            let choices: Vec<(&'static str, &str)> = kind
                .fields()
                .iter()
                // Not 已回款: one amount paid on every contract makes no sense.
                .filter(|f| {
                    !matches!(
                        f.form,
                        crate::io::records::Form::Derived | crate::io::records::Form::Paid
                    )
                })
                .map(|f| (f.key, f.label()))
                .collect();
            if let Some((k, v)) =
                fixed_row(ui, &choices, &mut self.rfixed_key, &mut self.fixed_value)
            {
                match v {
                    Some(v) => self.rmapping.fixed.insert(k.to_string(), v),
                    None => self.rmapping.fixed.remove(k),
                };
            }
            fixed_summary(
                ui,
                self.rmapping.fixed.iter().map(|(k, v)| {
                    format!("{} = {v}", kind.field(k).map(|f| f.label()).unwrap_or(k))
                }),
            );
        });
    }
}
