//! 变更日志: the change log with its filters, each change put back on request.

use super::*;

impl ToolsPanel {
    pub(super) fn show_changes(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(users) = widgets::or_show(ui, store.change_users()) else {
            return;
        };
        let f = &mut self.change_filter;
        let mut query = self.changes.is_none();
        ui.horizontal_wrapped(|ui| {
            widgets::filter_combo(
                ui,
                "log-user",
                S::ChangeUser.t(),
                &mut f.user,
                &users,
                |u| u.clone(),
            );
            let tables: Vec<String> = [
                "customers",
                "contacts",
                "feedback",
                "contracts",
                "payments",
                "competitors",
                "competitor_intel",
                "news",
                "imports",
                "users",
                "settings",
                "database",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            widgets::filter_combo(
                ui,
                "log-table",
                S::ChangeWhat.t(),
                &mut f.table,
                &tables,
                |t| crate::ui::history::table_name_owned(t),
            );
            // One record: its number, as the list below shows it (#12).
            let l = ui.label(S::RecordNumber.t());
            ui.add(
                egui::TextEdit::singleline(&mut self.record_text)
                    .desired_width(60.0)
                    .hint_text("12"),
            )
            .labelled_by(l.id);
            for (label, value) in [
                (S::DateFrom, &mut self.from_text),
                (S::DateTo, &mut self.to_text),
            ] {
                let l = ui.label(label.t());
                ui.add(
                    egui::TextEdit::singleline(value)
                        .desired_width(90.0)
                        .hint_text("2026-11-22"),
                )
                .labelled_by(l.id);
            }
            query |= ui.button(S::Query.t()).clicked();
        });
        if query {
            let date = |s: &str| {
                crate::domain::validate::parse_date(s).map(|d| d.format("%Y-%m-%d").to_string())
            };
            f.from_date = date(&self.from_text);
            f.to_date = date(&self.to_text);
            f.row_id = self.record_text.trim().trim_start_matches('#').parse().ok();
            self.changes = Some(match store.changes(f, 500) {
                Ok(list) => list,
                Err(e) => {
                    self.say(e.message(), true);
                    Vec::new()
                }
            });
        }
        let entries = self.changes.clone().unwrap_or_default();
        if let Some(id) = crate::ui::history::change_grid(ui, "changes", &entries) {
            let r = store.put_back(id);
            self.data_changed |= r.is_ok();
            self.say_result(r, S::PutBackDone);
            self.changes = None;
        }
    }
}
