//! Picking a customer by typing part of its name (or pinyin initials, a phone …): a
//! form row that lists the matches as the clerk types.

use egui::RichText;

use super::widgets;
use crate::store::{CustomerQuery, Store};
use crate::strings::S;

/// The state of one customer picker.
#[derive(Default, Clone)]
pub struct CustomerPick {
    pub id: Option<i64>,
    pub name: String,
    pub search: String,
}

impl CustomerPick {
    pub fn chosen(id: i64, name: String) -> Self {
        CustomerPick {
            id: Some(id),
            name,
            search: String::new(),
        }
    }
}

/// A two-column grid row: the label (客户 * unless given), the chosen customer, a search
/// box and its matches. Returns true when a customer was picked this frame.
pub fn customer_row(
    ui: &mut egui::Ui,
    store: &Store,
    pick: &mut CustomerPick,
    editable: bool,
    message: Option<&str>,
) -> bool {
    customer_row_labelled(
        ui,
        store,
        pick,
        editable,
        message,
        &format!("{} *", S::ContractCustomer.t()),
    )
}

pub fn customer_row_labelled(
    ui: &mut egui::Ui,
    store: &Store,
    pick: &mut CustomerPick,
    editable: bool,
    message: Option<&str>,
    label: &str,
) -> bool {
    let mut picked = None;
    let l = ui.label(label);
    ui.vertical(|ui| {
        ui.label(RichText::new(&pick.name).strong());
        if editable {
            ui.add(
                egui::TextEdit::singleline(&mut pick.search)
                    .hint_text(S::PickCustomer.t())
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            if !pick.search.trim().is_empty() {
                let q = CustomerQuery {
                    text: pick.search.clone(),
                    ..Default::default()
                };
                for r in super::widgets::or_show(ui, store.customer_page(&q, 0, 8))
                    .into_iter()
                    .flatten()
                {
                    if ui.selectable_label(false, &r.name).clicked() {
                        picked = Some((r.id, r.name.clone()));
                    }
                }
            }
        }
        widgets::field_message(ui, message);
    });
    ui.end_row();
    match picked {
        Some((id, name)) => {
            *pick = CustomerPick::chosen(id, name);
            true
        }
        None => false,
    }
}
