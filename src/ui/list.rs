//! The list machinery the record panels share: a virtualised table over a [`PageCache`]
//! (only the visible rows are built, pages come from the store as they scroll into
//! view), and a form row that links a record to several customers.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::paging::PageCache;
use super::pickers::CustomerPick;
use super::widgets::{self, ERROR_RED, OK_GREEN};
use crate::store::{CustomerQuery, Store, StoreError};
use crate::strings::S;

const ROW_HEIGHT: f32 = 24.0;

/// One cell: its text, and whether it should stand out in red.
pub struct Cell(pub String, pub bool);

/// Draws the list; returns the id of a row the user clicked.
#[allow(clippy::too_many_arguments)]
pub fn paged_table<Q: Clone + PartialEq, R: Clone>(
    ui: &mut egui::Ui,
    cache: &mut PageCache<Q, R>,
    query: &Q,
    heads: &[S],
    widths: &[f32],
    selected: Option<i64>,
    fetch: impl Fn(&Q, u64, u64) -> Result<Vec<R>, StoreError>,
    row_id: impl Fn(&R) -> i64,
    cells: impl Fn(&R) -> Vec<Cell>,
) -> Option<i64> {
    let mut clicked = None;
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .min_scrolled_height(0.0);
    for (i, w) in widths.iter().enumerate() {
        table = table.column(if i == widths.len() - 1 {
            Column::remainder().at_least(*w)
        } else {
            Column::initial(*w)
                .at_least(40.0)
                .resizable(true)
                .clip(true)
        });
    }
    table
        .header(ROW_HEIGHT, |mut h| {
            for s in heads {
                h.col(|ui| {
                    ui.label(RichText::new(s.t()).strong());
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, cache.filtered as usize, |mut row| {
                let i = row.index() as u64;
                let Some(r) = cache.row(query, i, &fetch).cloned() else {
                    return;
                };
                let id = row_id(&r);
                row.set_selected(selected == Some(id));
                for Cell(text, red) in cells(&r) {
                    row.col(|ui| {
                        let mut t = RichText::new(text);
                        if red {
                            t = t.color(ERROR_RED);
                        }
                        ui.add(egui::Label::new(t).selectable(false).truncate());
                    });
                }
                if row.response().clicked() {
                    clicked = Some(id);
                }
            });
        });
    clicked
}

/// A form row listing the customers a record is linked to, each removable and
/// clickable, with a search box to add more. Returns a customer the user clicked.
pub fn customer_links_row(
    ui: &mut egui::Ui,
    store: &Store,
    label: &str,
    ids: &mut Vec<i64>,
    pick: &mut CustomerPick,
) -> Option<i64> {
    let mut open = None;
    let l = ui.label(label);
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, id) in ids.iter().enumerate() {
            let name = store.customer(*id).map(|(c, _)| c.name).unwrap_or_default();
            ui.horizontal(|ui| {
                if ui.link(&name).clicked() {
                    open = Some(*id);
                }
                if ui
                    .small_button(S::Remove.t())
                    .on_hover_text(S::Remove.t())
                    .clicked()
                {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            ids.remove(i);
        }
        ui.add(
            egui::TextEdit::singleline(&mut pick.search)
                .hint_text(S::AddCustomerHint.t())
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        if !pick.search.trim().is_empty() {
            let q = CustomerQuery {
                text: pick.search.clone(),
                ..Default::default()
            };
            for r in store.customer_page(&q, 0, 8).unwrap_or_default() {
                if !ids.contains(&r.id) && ui.selectable_label(false, &r.name).clicked() {
                    ids.push(r.id);
                    pick.search.clear();
                }
            }
        }
        widgets::field_message(ui, None);
    });
    ui.end_row();
    open
}

/// The top of a record form: its title, 保存 (enabled when there are valid edits) and
/// 删除 (for saved records), and the last message. Returns (save, delete) clicked.
pub fn form_header(
    ui: &mut egui::Ui,
    title: &str,
    can_save: bool,
    can_delete: bool,
    message: Option<&(String, bool)>,
) -> (bool, bool) {
    ui.heading(title);
    let mut clicked = (false, false);
    ui.horizontal(|ui| {
        clicked.0 = ui
            .add_enabled(can_save, egui::Button::new(S::Save.t()))
            .on_hover_text("Ctrl+S")
            .clicked();
        if can_delete && ui.button(S::Delete.t()).clicked() {
            clicked.1 = true;
        }
    });
    if let Some((m, e)) = message {
        ui.label(RichText::new(m.as_str()).color(if *e { ERROR_RED } else { OK_GREEN }));
    }
    ui.separator();
    clicked
}

/// Asks whether to move a record (`pending`: its id and name) into the trash; the id
/// when the user confirmed. Clears `pending` once answered.
pub fn confirm_trash(
    ctx: &egui::Context,
    id_salt: &str,
    pending: &mut Option<(i64, String)>,
) -> Option<i64> {
    let (id, name) = pending.clone()?;
    match widgets::confirm_dialog(
        ctx,
        id_salt,
        S::Delete.t(),
        &crate::strings::confirm_delete_record(&name),
        S::Delete.t(),
        S::Cancel.t(),
    ) {
        widgets::Answer::Confirm => {
            *pending = None;
            Some(id)
        }
        widgets::Answer::Cancel => {
            *pending = None;
            None
        }
        widgets::Answer::Pending => None,
    }
}
