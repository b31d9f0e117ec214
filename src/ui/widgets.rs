//! Small widgets the panels share: labelled form rows with their validation message,
//! pick lists, confirmation dialogs, error boxes with a "详情" fold-out.

use egui::{Color32, RichText, Ui};

use crate::strings::S;

pub const ERROR_RED: Color32 = Color32::from_rgb(0xC6, 0x28, 0x28);
pub const OK_GREEN: Color32 = Color32::from_rgb(0x2E, 0x7D, 0x32);
pub const WARN_AMBER: Color32 = Color32::from_rgb(0xB2, 0x6A, 0x00);

/// The label cell of a form row: the text, with a red * when required.
fn label_cell(ui: &mut Ui, label: &str, required: bool) -> egui::Response {
    let text = if required {
        format!("{label} *")
    } else {
        label.to_string()
    };
    ui.label(text)
}

/// A message under a field, in red.
/// A line said to the user under a form or on a panel: an error (red) or news (green).
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

impl Message {
    pub fn error(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            error: true,
        }
    }

    pub fn info(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            error: false,
        }
    }
}

/// A store read's result; when it failed, its error is shown in red where the list would
/// be (and `None` returned, so no "nothing here yet" follows it): a database failure
/// never looks like an empty list.
pub fn or_show<T>(ui: &mut Ui, read: Result<T, crate::store::StoreError>) -> Option<T> {
    match read {
        Ok(v) => Some(v),
        Err(e) => {
            ui.colored_label(ERROR_RED, e.message());
            None
        }
    }
}

pub fn field_message(ui: &mut Ui, message: Option<&str>) {
    if let Some(m) = message {
        ui.label(RichText::new(m).color(ERROR_RED).small());
    }
}

/// One row of a two-column form grid: label, single-line text box, message under it.
pub fn text_row(
    ui: &mut Ui,
    label: &str,
    required: bool,
    value: &mut String,
    message: Option<&str>,
    hint: Option<&str>,
) -> egui::Response {
    let l = label_cell(ui, label, required);
    let resp = ui
        .vertical(|ui| {
            let mut edit = egui::TextEdit::singleline(value).desired_width(f32::INFINITY);
            if let Some(h) = hint {
                edit = edit.hint_text(h);
            }
            let r = ui.add(edit).labelled_by(l.id);
            field_message(ui, message);
            r
        })
        .inner;
    ui.end_row();
    resp
}

/// A multi-line text row.
pub fn multiline_row(ui: &mut Ui, label: &str, value: &mut String, message: Option<&str>) {
    let l = label_cell(ui, label, false);
    ui.vertical(|ui| {
        ui.add(
            egui::TextEdit::multiline(value)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        field_message(ui, message);
    });
    ui.end_row();
}

/// A row with a drop-down of fixed choices.
pub fn choice_row<T: Copy + PartialEq>(
    ui: &mut Ui,
    id: &str,
    label: &str,
    value: &mut T,
    choices: &[T],
    text: impl Fn(T) -> String,
) {
    let l = label_cell(ui, label, false);
    egui::ComboBox::from_id_salt(id)
        .selected_text(text(*value))
        .show_ui(ui, |ui| {
            for &c in choices {
                ui.selectable_value(value, c, text(c));
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
}

/// A row with a text box and a drop-down of suggestions (editable lists such as sources).
pub fn suggest_row(ui: &mut Ui, id: &str, label: &str, value: &mut String, suggestions: &[String]) {
    let l = label_cell(ui, label, false);
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(value).desired_width(160.0))
            .labelled_by(l.id);
        egui::ComboBox::from_id_salt(id)
            .selected_text("")
            .width(24.0)
            .show_ui(ui, |ui| {
                for s in suggestions {
                    if ui.selectable_label(value == s, s).clicked() {
                        *value = s.clone();
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
    ui.end_row();
}

/// A filter drop-down: "全部" or one of the values.
pub fn filter_combo<T: Clone + PartialEq>(
    ui: &mut Ui,
    id: &str,
    label: &str,
    value: &mut Option<T>,
    choices: &[T],
    text: impl Fn(&T) -> String,
) -> bool {
    let before = value.clone();
    let l = ui.label(label);
    let shown = value
        .as_ref()
        .map(&text)
        .unwrap_or_else(|| S::All.t().into());
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, S::All.t());
            for c in choices {
                ui.selectable_value(value, Some(c.clone()), text(c));
            }
        })
        .response
        .labelled_by(l.id);
    *value != before
}

/// What the user answered in a two-button dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Pending,
    Confirm,
    Cancel,
}

/// A modal question with a confirm and a cancel button. Esc cancels.
pub fn confirm_dialog(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    body: &str,
    confirm: &str,
    cancel: &str,
) -> Answer {
    let mut answer = Answer::Pending;
    let modal = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(380.0);
        ui.heading(title);
        ui.add_space(6.0);
        ui.label(body);
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button(confirm).clicked() {
                answer = Answer::Confirm;
            }
            if ui.button(cancel).clicked() {
                answer = Answer::Cancel;
            }
        });
    });
    if answer == Answer::Pending && modal.should_close() {
        answer = Answer::Cancel;
    }
    answer
}

/// An error for people: the message, and the technical detail folded away.
pub fn error_box(ui: &mut Ui, message: &str, detail: &str) {
    ui.label(RichText::new(message).color(ERROR_RED));
    if !detail.is_empty() {
        egui::CollapsingHeader::new(S::Details.t())
            .id_salt("error-detail")
            .show(ui, |ui| {
                ui.label(RichText::new(detail).monospace().small());
            });
    }
}

/// The values of a column for a filter: sorted, each once, the empty one left out.
pub fn distinct(v: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = v.filter(|s| !s.is_empty()).collect();
    v.sort();
    v.dedup();
    v
}

/// The date an "as of" box means: empty is today; None when it does not read.
pub fn as_of_date(text: &str) -> Option<chrono::NaiveDate> {
    if text.trim().is_empty() {
        Some(crate::store::today())
    } else {
        crate::domain::validate::parse_date(text)
    }
}

/// 截至日期 and its box (today's date as the hint), saying when it does not read; the
/// date it means.
pub fn as_of_box(ui: &mut Ui, text: &mut String) -> Option<chrono::NaiveDate> {
    let l = ui.label(S::AsOf.t());
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(crate::store::today().format("%Y-%m-%d").to_string())
            .desired_width(110.0),
    )
    .labelled_by(l.id);
    let day = as_of_date(text);
    if day.is_none() {
        ui.label(RichText::new(S::ProblemBadDate.t()).color(ERROR_RED));
    }
    day
}
