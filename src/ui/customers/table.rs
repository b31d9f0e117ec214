//! The customer list: its toolbar (search, filters, import, export, print) and the table.

use super::*;
use crate::domain::CustomerField;

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
                strings::customer_field(CustomerField::Grade),
                &mut self.query.grade,
                Grade::ALL,
                |g| g.code().to_string(),
            );
            widgets::filter_combo(
                ui,
                "f-cat",
                strings::customer_field(CustomerField::Category),
                &mut self.query.category,
                CustomerCategory::ALL,
                |c| strings::category(*c).t().to_string(),
            );
            let industries = self.industries.clone();
            widgets::filter_combo(
                ui,
                "f-ind",
                strings::customer_field(CustomerField::Industry),
                &mut self.query.industry,
                &industries,
                |s| s.clone(),
            );
            let owners = self.owners.clone();
            widgets::filter_combo(
                ui,
                "f-owner",
                strings::customer_field(CustomerField::Owner),
                &mut self.query.owner,
                &owners,
                |s| s.clone(),
            );
            widgets::filter_combo(
                ui,
                "f-status",
                strings::customer_field(CustomerField::Status),
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
        use crate::store::Sort;
        use crate::ui::list::{Cell, Columns, paged_table};
        use CustomerField as F;
        // Each column's order, or None for the two it cannot be sorted by.
        const SORTS: [Option<SortKey>; 11] = [
            Some(SortKey::Code),
            Some(SortKey::Name),
            Some(SortKey::Grade),
            Some(SortKey::Category),
            Some(SortKey::Industry),
            Some(SortKey::City),
            None,
            None,
            Some(SortKey::Owner),
            Some(SortKey::Status),
            Some(SortKey::Updated),
        ];
        const WIDTHS: [f32; 11] = [
            80.0, 220.0, 60.0, 80.0, 90.0, 70.0, 80.0, 120.0, 80.0, 60.0, 140.0,
        ];
        let f = strings::customer_field;
        let heads = vec![
            f(F::Code),
            f(F::Name),
            f(F::Grade),
            f(F::Category),
            f(F::Industry),
            f(F::City),
            S::CustomerPrimaryContact.t(),
            f(F::Phone),
            f(F::Owner),
            f(F::Status),
            S::CustomerUpdatedAt.t(),
        ];
        let sort = SORTS
            .iter()
            .position(|k| *k == Some(self.query.sort))
            .map(|column| Sort {
                column,
                descending: self.query.descending,
            });
        let query = self.query.clone();
        let clicks = paged_table(
            ui,
            &mut self.cache,
            &query,
            Columns {
                sort,
                selected: self.form.as_ref().and_then(|f| f.original.id),
                unsortable: &[6, 7],
                scroll_to: self.scroll_to.take(),
                ..Columns::new(heads, &WIDTHS)
            },
            |q, offset, limit| store.customer_page(q, offset, limit),
            |r| r.id,
            |r| {
                vec![
                    Cell::new(&r.code),
                    Cell::new(&r.name).strong(true),
                    Cell::new(r.grade.code()),
                    Cell::new(strings::category(r.category).t()),
                    Cell::new(&r.industry),
                    Cell::new(&r.city),
                    Cell::new(&r.contact),
                    Cell::new(&r.phone),
                    Cell::new(&r.owner),
                    Cell::new(strings::status(r.status).t()).red(r.status == CustomerStatus::Lost),
                    Cell::new(strings::show_date(&r.updated_at)),
                ]
            },
        );
        if let Some(Some(s)) = clicks.sort
            && let Some(k) = SORTS[s.column]
        {
            self.query.sort = k;
            self.query.descending = s.descending;
        }
        let clicked = clicks.row;
        if let Some(id) = clicked {
            self.request(Leave::Select(id), store);
        }
    }
}
