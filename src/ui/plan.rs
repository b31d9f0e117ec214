//! 付款计划 on the contract form: the installments typed while the contract is a draft,
//! and, once it counts, each installment with what is still unpaid of it and how late.

use egui::RichText;

use super::widgets::{self, ERROR_RED};
use crate::domain::contract::{ContractField, Installment, unpaid};
use crate::domain::money::{fen_to_plain, format_fen, parse_yuan};
use crate::domain::validate::Problem;
use crate::strings::{self, S};

/// One installment as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanRow {
    pub due_on: String,
    pub amount: String,
    pub note: String,
}

pub fn rows_of(plan: &[Installment]) -> Vec<PlanRow> {
    plan.iter()
        .map(|i| PlanRow {
            due_on: i.due_on.clone(),
            amount: fen_to_plain(i.amount_fen),
            note: i.note.clone(),
        })
        .collect()
}

/// The plan the typed rows make, and what cannot be read. With one installment whose
/// amount was left as it was, the installment follows the contract's amount.
pub fn plan_of(
    rows: &[PlanRow],
    original: &[Installment],
    amount_fen: i64,
) -> (Vec<Installment>, Vec<(ContractField, Problem)>) {
    let mut errs = Vec::new();
    let mut plan: Vec<Installment> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| Installment {
            due_on: crate::domain::validate::parse_date(&r.due_on)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| r.due_on.trim().to_string()),
            amount_fen: match parse_yuan(&r.amount) {
                Some(f) => f,
                None => {
                    errs.push((ContractField::Plan(Some(i)), Problem::BadAmount));
                    0
                }
            },
            note: r.note.trim().to_string(),
        })
        .collect();
    if let ([only], [was]) = (plan.as_mut_slice(), original)
        && only.amount_fen == was.amount_fen
    {
        only.amount_fen = amount_fen;
    }
    (plan, errs)
}

/// The editable plan: a row per installment (到期日, 金额, 说明) with a button to remove
/// it, and one to add an installment. `msg` gives the problem of an installment
/// (`Plan(Some(i))`) or of the whole plan (`Plan(None)`).
pub fn editor(
    ui: &mut egui::Ui,
    rows: &mut Vec<PlanRow>,
    msg: impl Fn(ContractField) -> Option<String>,
) {
    ui.label(RichText::new(S::PaymentPlan.t()).strong());
    if rows.is_empty() {
        ui.label(RichText::new(S::PlanAutomatic.t()).small().weak());
    }
    let mut remove = None;
    egui::Grid::new("plan-edit")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            // Each box is named by its column's header, for screen readers and tests.
            let mut heads = Vec::new();
            if !rows.is_empty() {
                for h in [S::PlanDue, S::PlanAmount, S::PlanNote] {
                    heads.push(ui.label(RichText::new(h.t()).strong()).id);
                }
                ui.label("");
                ui.end_row();
            }
            for (i, r) in rows.iter_mut().enumerate() {
                // Sized, not merely asked for: a grid cell would shrink the boxes
                // to the width of the headers above them.
                ui.add_sized(
                    [100.0, 20.0],
                    egui::TextEdit::singleline(&mut r.due_on).hint_text("2026-12-31"),
                )
                .labelled_by(heads[0]);
                ui.add_sized([100.0, 20.0], egui::TextEdit::singleline(&mut r.amount))
                    .labelled_by(heads[1]);
                ui.add_sized([160.0, 20.0], egui::TextEdit::singleline(&mut r.note))
                    .labelled_by(heads[2]);
                if ui.small_button(S::PlanRemove.t()).clicked() {
                    remove = Some(i);
                }
                ui.end_row();
                if let Some(m) = msg(ContractField::Plan(Some(i))) {
                    ui.label("");
                    ui.label(RichText::new(m).color(ERROR_RED).small());
                    ui.end_row();
                }
            }
        });
    if let Some(i) = remove {
        rows.remove(i);
    }
    widgets::field_message(ui, msg(ContractField::Plan(None)).as_deref());
    if ui.button(S::PlanAdd.t()).clicked() {
        rows.push(PlanRow::default());
    }
}

/// The plan of a contract that counts: each installment, what is unpaid of it after
/// `received_fen` went to the oldest first, and how many days it is late.
pub fn view(ui: &mut egui::Ui, plan: &[Installment], received_fen: i64, today: chrono::NaiveDate) {
    ui.label(RichText::new(S::PaymentPlan.t()).strong());
    let left = unpaid(plan, received_fen);
    egui::Grid::new("plan-view")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in [
                S::PlanDue,
                S::PlanAmount,
                S::PlanUnpaid,
                S::PlanLate,
                S::PlanNote,
            ] {
                ui.label(RichText::new(h.t()).strong());
            }
            ui.end_row();
            for (i, p) in plan.iter().enumerate() {
                ui.label(strings::show_date(&p.due_on));
                ui.label(format_fen(p.amount_fen));
                ui.label(format_fen(left[i]));
                let late = crate::domain::validate::parse_date(&p.due_on)
                    .map(|d| (today - d).num_days())
                    .unwrap_or(0);
                if left[i] > 0 && late > 0 {
                    ui.label(RichText::new(strings::days_late(late)).color(ERROR_RED));
                } else {
                    ui.label("");
                }
                ui.label(&p.note);
                ui.end_row();
            }
        });
}
