//! The customer list: its toolbar (search, filters, import, export, print) and the table.

use super::*;

impl CustomersPanel {
    pub(super) fn show_toolbar(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        // Beside an open form the list is narrow: the search box and the filters' boxes
        // give up some width so that the buttons and the filters keep to a row each.
        let narrow = ui.available_width() < 920.0;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(S::Search.t());
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query.text)
                        .id(egui::Id::unique(SEARCH_ID))
                        .hint_text(S::SearchHint.t())
                        .desired_width(if narrow { 260.0 } else { 340.0 }),
                )
                .labelled_by(l.id);
            if self.focus_search {
                r.request_focus();
                self.focus_search = false;
            }
            if ui.button(S::New.t()).on_hover_text("Ctrl+N").clicked() {
                self.request(Leave::New, store);
            }
            if ui.button(S::TabTrash.t()).clicked() {
                self.show_trash = true;
            }
            ui.separator();
            if ui
                .button(S::PrintButton.t())
                .on_hover_text("Ctrl+P")
                .clicked()
            {
                self.print = Some(crate::ui::print::PrintPreview::customers(
                    self.query.clone(),
                    store,
                ));
            }
            self.transfer.buttons(ui, self.cache.filtered);
            if ui
                .add_enabled(
                    self.cache.filtered > 0 && self.bulk.is_none(),
                    egui::Button::new(S::BulkOpen.t()),
                )
                .on_hover_text(S::BulkHint.t())
                .clicked()
            {
                if self.form.as_ref().is_some_and(CustomerForm::is_dirty) {
                    self.message = Some(Message::error(S::BulkSaveFirst.t()));
                } else {
                    self.bulk = Some(crate::ui::bulk::BulkDialog::new(
                        self.query.clone(),
                        self.cache.filtered,
                    ));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            if narrow {
                ui.spacing_mut().combo_width = 80.0;
            }
            widgets::filter_combo(
                ui,
                "f-grade",
                S::CustomerGrade.t(),
                &mut self.query.grade,
                Grade::ALL,
                |g| g.code().to_string(),
            );
            widgets::filter_combo(
                ui,
                "f-cat",
                S::CustomerCategory.t(),
                &mut self.query.category,
                CustomerCategory::ALL,
                |c| strings::category(*c).t().to_string(),
            );
            let industries = self.industries.clone();
            widgets::filter_combo(
                ui,
                "f-ind",
                S::CustomerIndustry.t(),
                &mut self.query.industry,
                &industries,
                |s| s.clone(),
            );
            let owners = self.owners.clone();
            widgets::filter_combo(
                ui,
                "f-owner",
                S::CustomerOwner.t(),
                &mut self.query.owner,
                &owners,
                |s| s.clone(),
            );
            widgets::filter_combo(
                ui,
                "f-status",
                S::CustomerStatus.t(),
                &mut self.query.status,
                CustomerStatus::ALL,
                |s| strings::status(*s).t().to_string(),
            );
            if self.query.is_filtering() && ui.button(S::ClearFilters.t()).clicked() {
                let sort = (self.query.sort, self.query.descending);
                self.query = CustomerQuery::default();
                (self.query.sort, self.query.descending) = sort;
            }
            crate::ui::list::count_label(
                ui,
                self.cache.total,
                self.cache.filtered,
                self.query.is_filtering(),
            );
        });
    }

    pub(super) fn show_table(&mut self, ui: &mut egui::Ui, store: &Store) {
        if let Some(e) = &self.cache.error {
            ui.label(RichText::new(e).color(ERROR_RED));
        }
        if self.cache.filtered == 0 {
            ui.add_space(20.0);
            let text = if self.cache.total == 0 {
                S::EmptyDatabase
            } else {
                S::NoCustomers
            };
            ui.label(text.t());
            return;
        }
        let selected = self.form.as_ref().and_then(|f| f.original.id);
        let mut clicked: Option<i64> = None;
        let mut sort_by: Option<SortKey> = None;
        let columns: [(S, Option<SortKey>, f32); 11] = [
            (S::CustomerCode, Some(SortKey::Code), 80.0),
            (S::CustomerName, Some(SortKey::Name), 220.0),
            (S::CustomerGrade, Some(SortKey::Grade), 60.0),
            (S::CustomerCategory, Some(SortKey::Category), 80.0),
            (S::CustomerIndustry, Some(SortKey::Industry), 90.0),
            (S::CustomerCity, Some(SortKey::City), 70.0),
            (S::CustomerPrimaryContact, None, 80.0),
            (S::CustomerPhone, None, 120.0),
            (S::CustomerOwner, Some(SortKey::Owner), 80.0),
            (S::CustomerStatus, Some(SortKey::Status), 60.0),
            (S::CustomerUpdatedAt, Some(SortKey::Updated), 140.0),
        ];
        let query = self.query.clone();
        let cache = &mut self.cache;
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .min_scrolled_height(0.0);
        if let Some(row) = self.scroll_to.take() {
            table = table.scroll_to_row(row as usize, Some(egui::Align::Center));
        }
        for (i, (_, _, w)) in columns.iter().enumerate() {
            let col = if i == columns.len() - 1 {
                Column::remainder().at_least(*w)
            } else {
                Column::initial(*w)
                    .at_least(40.0)
                    .resizable(true)
                    .clip(true)
            };
            table = table.column(col);
        }
        table
            .header(ROW_HEIGHT + 2.0, |mut header| {
                for (label, key, _) in columns {
                    header.col(|ui| {
                        let mut text = label.t().to_string();
                        if let Some(k) = key {
                            if query.sort == k {
                                text.push_str(if query.descending { " ▼" } else { " ▲" });
                            }
                            if ui
                                .add(egui::Button::new(RichText::new(text).strong()).frame(false))
                                .clicked()
                            {
                                sort_by = Some(k);
                            }
                        } else {
                            ui.label(RichText::new(text).strong());
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, cache.filtered as usize, |mut row| {
                    let i = row.index() as u64;
                    let Some(r) = cache
                        .row(&query, i, |q, offset, limit| {
                            store.customer_page(q, offset, limit)
                        })
                        .cloned()
                    else {
                        row.col(|ui| {
                            ui.label("…");
                        });
                        return;
                    };
                    row.set_selected(selected == Some(r.id));
                    let cells = [
                        r.code.clone(),
                        r.name.clone(),
                        r.grade.code().to_string(),
                        strings::category(r.category).t().to_string(),
                        r.industry.clone(),
                        r.city.clone(),
                        r.contact.clone(),
                        r.phone.clone(),
                        r.owner.clone(),
                        strings::status(r.status).t().to_string(),
                        strings::show_date(&r.updated_at),
                    ];
                    for (ci, text) in cells.into_iter().enumerate() {
                        row.col(|ui| {
                            let mut t = RichText::new(text);
                            if ci == 1 {
                                t = t.strong();
                            }
                            if ci == 9 && r.status == CustomerStatus::Lost {
                                t = t.color(ERROR_RED);
                            }
                            ui.add(egui::Label::new(t).selectable(false).truncate());
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(r.id);
                    }
                });
            });
        if let Some(k) = sort_by {
            if self.query.sort == k {
                self.query.descending = !self.query.descending;
            } else {
                self.query.sort = k;
                self.query.descending = false;
            }
        }
        if let Some(id) = clicked {
            self.request(Leave::Select(id), store);
        }
    }
}
