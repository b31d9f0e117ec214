//! The change log as a table, shared by the 系统工具 viewer and a record's 历史 window:
//! who, when, what, old → new, and a button that puts a field's old value back.

use egui::RichText;

use crate::store::changelog::ChangeEntry;
use crate::store::{Store, StoreError};
use crate::strings::{self, S};

/// A table name in words.
fn table_name(t: &str) -> &str {
    match t {
        "customers" => S::TabCustomers.t(),
        "contacts" => S::Contacts.t(),
        "users" => S::ToolsUsers.t(),
        "settings" => S::ToolsSettings.t(),
        "database" => S::DatabaseFile.t(),
        "feedback" => S::TabFeedback.t(),
        "contracts" => S::TabContracts.t(),
        "payments" => S::Payments.t(),
        "competitors" => S::TabCompetitors.t(),
        "competitor_intel" => S::CompetitorIntel.t(),
        "news" => S::TabNews.t(),
        "imports" => S::ToolsImports.t(),
        other => other,
    }
}

pub fn table_name_owned(t: &str) -> String {
    table_name(t).to_string()
}

/// The 历史 window of a feedback item, contract, competitor or news item: every change
/// to it (and to what belongs to it, such as a contract's payments), oldest first.
pub struct RecordHistory {
    /// The record's id.
    pub id: i64,
    /// The changes, or why they could not be read (said in the window, not shown as
    /// a record without history).
    entries: Result<Vec<ChangeEntry>, String>,
    pub open: bool,
}

impl RecordHistory {
    pub fn new(id: i64, entries: Result<Vec<ChangeEntry>, StoreError>) -> RecordHistory {
        RecordHistory {
            id,
            entries: entries.map_err(|e| e.message()),
            open: true,
        }
    }

    /// Draws the window; a change whose old value the user puts back.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<i64> {
        let mut open = self.open;
        let mut put_back = None;
        egui::Window::new(S::HistoryOf.t())
            .id(egui::Id::unique("record-history"))
            .open(&mut open)
            .default_size([760.0, 420.0])
            .vscroll(true)
            .show(ctx, |ui| {
                match &self.entries {
                    // Only customers' and contacts' fields offer it.
                    Ok(entries) => put_back = change_grid(ui, "record-history-grid", entries),
                    Err(e) => {
                        ui.label(RichText::new(e).color(super::widgets::ERROR_RED));
                    }
                }
            });
        self.open = open;
        put_back
    }
}

/// A whole row's values (inserts and deletes keep them as JSON) shown by the value a
/// person recognises it by: its name; a single value as it is.
fn summarize(value: &str) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(value)
    else {
        return value.to_string();
    };
    for key in ["name", "username", "value"] {
        if let Some(serde_json::Value::String(s)) = map.get(key) {
            return s.clone();
        }
    }
    map.values()
        .find_map(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Draws the entries; returns the change whose old value the user asked to put back.
pub fn change_grid(ui: &mut egui::Ui, id_salt: &str, entries: &[ChangeEntry]) -> Option<i64> {
    let mut put_back = None;
    if entries.is_empty() {
        ui.label(S::NoChanges.t());
        return None;
    }
    egui::Grid::new(id_salt)
        .striped(true)
        .num_columns(7)
        .show(ui, |ui| {
            for h in [
                S::ChangeTime,
                S::ChangeUser,
                S::ChangeWhat,
                S::ChangeField,
                S::ChangeOld,
                S::ChangeNew,
            ] {
                ui.label(RichText::new(h.t()).strong());
            }
            ui.label("");
            ui.end_row();
            for c in entries {
                ui.label(crate::strings::show_date(&c.at));
                ui.label(&c.user);
                ui.label(format!(
                    "{} {} #{}",
                    strings::action(&c.action),
                    table_name(&c.table),
                    c.row_id
                ));
                ui.label(c.field.clone().unwrap_or_default());
                for v in [&c.old_value, &c.new_value] {
                    let full = v.clone().unwrap_or_default();
                    ui.add(egui::Label::new(summarize(&full)).truncate())
                        .on_hover_text(full);
                }
                if Store::can_put_back(c) {
                    if ui
                        .button(S::PutBack.t())
                        .on_hover_text(S::PutBackHelp.t())
                        .clicked()
                    {
                        put_back = Some(c.id);
                    }
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    put_back
}
