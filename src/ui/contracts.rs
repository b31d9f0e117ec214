//! 合同信息: the contract list (with the 待审批 queue and contracts ending soon), the
//! contract form with its approval actions, and payments received with the balance.
//! The list is the shared [`RecordPanel`]; the form draws its own header, whose buttons
//! follow the contract's status.

use egui::RichText;

use super::Goto;
use super::list::Cell;
use super::paging::Source;
use super::pickers::{CustomerPick, customer_row};
use super::record_panel::{FormOutcome, RecordPanel, RecordUi, SaveFailed};
use super::widgets::{self, ERROR_RED, Message, OK_GREEN};
use crate::domain::Role;
use crate::domain::contract::{
    Contract, ContractField, ContractStatus, Payment, Transition, validate_contract,
};
use crate::domain::money::{fen_to_plain, format_fen, parse_yuan};
use crate::domain::validate::Problem;
use crate::io::records::{RecordKind, RecordQuery};
use crate::store::contracts::{ContractQuery, ContractRecord, ContractRow};
use crate::store::{Sort, Store, StoreError, today};
use crate::strings::{self, S};

pub struct ContractForm {
    original: Contract,
    draft: Contract,
    amount_text: String,
    customer_name: String,
    customer_search: String,
    record: Option<ContractRecord>,
    store_errors: Vec<(ContractField, Problem)>,
    /// The payment plan as typed (a draft's; empty: the store plans one installment).
    plan: Vec<super::plan::PlanRow>,
}

impl ContractForm {
    fn new_contract() -> Self {
        ContractForm {
            original: Contract::default(),
            draft: Contract::default(),
            amount_text: String::new(),
            customer_name: String::new(),
            customer_search: String::new(),
            record: None,
            store_errors: Vec::new(),
            plan: Vec::new(),
        }
    }

    fn existing(rec: ContractRecord) -> Self {
        ContractForm {
            original: rec.contract.clone(),
            draft: rec.contract.clone(),
            amount_text: fen_to_plain(rec.contract.amount_fen),
            customer_name: rec.customer_name.clone(),
            customer_search: String::new(),
            plan: super::plan::rows_of(&rec.contract.plan),
            record: Some(rec),
            store_errors: Vec::new(),
        }
    }

    fn checked(&self) -> (Contract, Vec<(ContractField, Problem)>) {
        let mut c = self.draft.clone();
        let mut errs = Vec::new();
        match parse_yuan(&self.amount_text) {
            Some(f) => c.amount_fen = f,
            None => errs.push((ContractField::Amount, Problem::BadAmount)),
        }
        let (plan, plan_errs) = super::plan::plan_of(&self.plan, &self.original.plan, c.amount_fen);
        c.plan = plan;
        errs.extend(plan_errs);
        errs.extend(validate_contract(&c));
        (c, errs)
    }

    fn is_dirty(&self) -> bool {
        self.draft != self.original
            || parse_yuan(&self.amount_text) != Some(self.original.amount_fen)
            || self.plan != super::plan::rows_of(&self.original.plan)
    }
}

#[derive(Default)]
struct PaymentDraft {
    paid_on: String,
    amount: String,
    method: String,
    note: String,
}

/// The 合同信息 tab.
pub type ContractsPanel = RecordPanel<ContractsUi>;

/// What the contract form keeps besides the contract: the approval comment being
/// typed, the payment being entered, and the print preview when open.
#[derive(Default)]
pub struct ContractsExtra {
    comment: String,
    payment: PaymentDraft,
    print: Option<super::print::PrintPreview>,
}

pub struct ContractsUi;

impl RecordUi for ContractsUi {
    type Query = ContractQuery;
    type Row = ContractRow;
    type Form = ContractForm;
    type Extra = ContractsExtra;

    const TAB: super::app::Tab = super::app::Tab::Contracts;
    const SEARCH_HINT: S = S::SearchHintContracts;
    const NEW: S = S::NewContract;
    const NONE_YET: S = S::NoContractsYet;
    const NONE_MATCH: S = S::NoContracts;
    const FORM_ID: &'static str = "contract-form";
    const DELETE_ID: &'static str = "delete-contract";
    fn heads() -> Vec<&'static str> {
        vec![
            S::ContractNumber.t(),
            S::ContractCustomer.t(),
            S::ContractTitle.t(),
            S::ContractAmountShort.t(),
            S::ContractBalance.t(),
            S::ContractStatus.t(),
            S::ContractSignedOn.t(),
            S::ContractEndsOn.t(),
        ]
    }
    const WIDTHS: &'static [f32] = &[110.0, 200.0, 200.0, 110.0, 110.0, 80.0, 90.0, 90.0];

    fn source() -> Source<ContractQuery, ContractRow> {
        Source {
            total: |s| s.count_contracts(&ContractQuery::default()),
            count: |s, q| s.count_contracts(q),
            page: |s, q, o, l| s.contract_page(q, o, l),
        }
    }

    fn row_id(r: &ContractRow) -> i64 {
        r.id
    }

    fn cells(r: &ContractRow) -> Vec<Cell> {
        let number = if r.revision > 1 {
            format!("{}（{}{}）", r.number, S::ContractRevision.t(), r.revision)
        } else {
            r.number.clone()
        };
        // The supervisor's queue in bold; contracts ending within 30 days in red.
        let soon = r.ends_within(today(), 30);
        vec![
            Cell::new(number),
            Cell::new(r.customer_name.clone()),
            Cell::new(r.title.clone()),
            Cell::new(format_fen(r.amount_fen)),
            Cell::new(format_fen(r.amount_fen - r.received_fen)),
            if r.credit_hold && r.status == ContractStatus::Submitted {
                Cell::new(S::ContractCreditHold.t()).strong(true).red(true)
            } else {
                Cell::new(strings::contract_status(r.status).t())
                    .strong(r.status == ContractStatus::Submitted)
            },
            Cell::new(strings::show_date(&r.signed_on)),
            Cell::new(strings::show_date(&r.ends_on))
                .red(soon)
                .strong(soon),
        ]
    }

    fn search_text(q: &mut ContractQuery) -> &mut String {
        &mut q.text
    }

    fn sort(q: &ContractQuery) -> Option<Sort> {
        q.sort
    }

    fn set_sort(q: &mut ContractQuery, sort: Option<Sort>) {
        q.sort = sort;
    }

    fn export(
        store: &Store,
        q: &ContractQuery,
        path: std::path::PathBuf,
        _every: bool,
    ) -> super::transfer::ExportJob {
        super::transfer::export_records(store, RecordQuery::Contracts(q.clone()), path)
    }

    fn filters(ui: &mut egui::Ui, q: &mut ContractQuery, _: &ContractsExtra, store: &Store) {
        widgets::filter_combo(
            ui,
            "k-status",
            S::ContractStatus.t(),
            &mut q.status,
            &ContractStatus::ALL,
            |s| strings::contract_status(*s).t().to_string(),
        );
        let waiting = store
            .count_contracts(&ContractQuery {
                status: Some(ContractStatus::Submitted),
                ..Default::default()
            })
            .unwrap_or(0);
        if ui
            .button(format!("{}（{waiting}）", S::ContractQueue.t()))
            .clicked()
        {
            *q = ContractQuery {
                status: Some(ContractStatus::Submitted),
                ..Default::default()
            };
        }
        ui.checkbox(&mut q.ending_soon, S::ContractEndingSoon.t());
        // Set from 统计报表 (a month's bar): said, and taken off with ×.
        if let Some((from, to)) = &q.signed_within {
            let said = strings::signed_within(from, to);
            if ui
                .button(format!("{said} ×"))
                .on_hover_text(S::RemoveFilter.t())
                .clicked()
            {
                q.signed_within = None;
            }
        }
    }

    fn blank() -> ContractForm {
        ContractForm::new_contract()
    }

    fn load(store: &Store, id: i64) -> Result<ContractForm, StoreError> {
        store.contract(id).map(ContractForm::existing)
    }

    fn id(f: &ContractForm) -> Option<i64> {
        f.original.id
    }

    fn name(f: &ContractForm) -> String {
        format!("{} {}", f.original.number, f.original.title)
    }

    fn dirty(f: &ContractForm) -> bool {
        f.is_dirty()
    }

    fn can_save(f: &ContractForm) -> bool {
        let (_, errs) = f.checked();
        errs.is_empty() && f.store_errors.is_empty()
    }

    fn save(store: &mut Store, f: &mut ContractForm) -> Result<i64, SaveFailed> {
        let (c, errs) = f.checked();
        if !errs.is_empty() {
            return Err(SaveFailed::Fields);
        }
        match store.save_contract(&c) {
            Ok(id) => Ok(id),
            Err(StoreError::InvalidContract(p)) => {
                f.store_errors = p;
                Err(SaveFailed::Fields)
            }
            Err(e) => Err(SaveFailed::Store(e)),
        }
    }

    fn trash(store: &mut Store, id: i64) -> Result<(), StoreError> {
        store.trash_contract(id)
    }

    /// Only a draft or a rejected contract goes to the trash: what was approved stays.
    fn may_delete(f: &ContractForm) -> bool {
        matches!(
            f.original.status,
            ContractStatus::Draft | ContractStatus::Rejected
        )
    }

    fn form_body(
        _ui: &mut egui::Ui,
        _f: &mut ContractForm,
        _extra: &mut ContractsExtra,
        _store: &mut Store,
        _message: &mut Option<Message>,
    ) -> Option<Goto> {
        // The contract form is drawn whole by show_form.
        None
    }

    fn windows(
        ctx: &egui::Context,
        extra: &mut ContractsExtra,
        store: &mut Store,
        _bar: &mut super::record_panel::Bar<'_, Self>,
    ) {
        if let Some(p) = &mut extra.print {
            p.show(ctx, store);
            if !p.open {
                extra.print = None;
            }
        }
    }

    fn show_form(
        ui: &mut egui::Ui,
        f: &mut ContractForm,
        extra: &mut ContractsExtra,
        store: &mut Store,
        message: &mut Option<Message>,
    ) -> FormOutcome {
        let mut out = FormOutcome::default();
        let may_approve = store
            .actor()
            .is_some_and(|a| matches!(a.role, Role::Supervisor | Role::Admin));
        let (_, mut errs) = f.checked();
        errs.extend(f.store_errors.iter().copied());
        let dirty = f.is_dirty();
        let show = dirty || !f.store_errors.is_empty();
        let msg = |field: ContractField| super::record_panel::field_message(&errs, show, field);
        let editable = f.original.status.terms_editable();
        let status = f.original.status;
        let id = f.original.id;
        ui.heading(if id.is_none() {
            S::NewContract.t().to_string()
        } else {
            let held = f.record.as_ref().is_some_and(|r| r.credit_hold.is_some());
            let st = if held && status == ContractStatus::Submitted {
                S::ContractCreditHold
            } else {
                strings::contract_status(status)
            };
            format!("{} {}", f.original.number, st.t())
        });
        let mut save = false;
        let mut action: Option<Transition> = None;
        let mut revise = false;
        let mut print_sheet: Option<(i64, String)> = None;
        let mut show_history: Option<i64> = None;
        ui.horizontal_wrapped(|ui| {
            save = ui
                .add_enabled(dirty && errs.is_empty(), egui::Button::new(S::Save.t()))
                .clicked();
            if id.is_some() && !dirty {
                // The next step this status allows, as one button.
                let next = match status {
                    ContractStatus::Draft | ContractStatus::Rejected => {
                        Some((S::Submit, Transition::Submit))
                    }
                    ContractStatus::Approved => Some((S::StartContract, Transition::Start)),
                    ContractStatus::InForce => Some((S::CompleteContract, Transition::Complete)),
                    _ => None,
                };
                if let Some((label, t)) = next
                    && ui.button(label.t()).clicked()
                {
                    action = Some(t);
                }
                if matches!(status, ContractStatus::Approved | ContractStatus::InForce)
                    && ui.button(S::TerminateContract.t()).clicked()
                {
                    action = Some(Transition::Terminate);
                }
                if matches!(status, ContractStatus::Approved | ContractStatus::InForce)
                    && ui.button(S::Revise.t()).clicked()
                {
                    revise = true;
                }
                if ui.button(S::PrintContract.t()).clicked()
                    && let Some(id) = id
                {
                    print_sheet = Some((id, f.original.title.clone()));
                }
                if matches!(status, ContractStatus::Draft | ContractStatus::Rejected)
                    && ui.button(S::Delete.t()).clicked()
                    && let Some(id) = id
                {
                    let _ = id;
                    out.delete = true;
                }
                if ui.button(S::History.t()).clicked()
                    && let Some(id) = id
                {
                    show_history = Some(id);
                }
            }
        });
        if status == ContractStatus::Submitted && may_approve && id.is_some() {
            ui.horizontal(|ui| {
                let l = ui.label(S::DecisionComment.t());
                ui.add(egui::TextEdit::singleline(&mut extra.comment).desired_width(220.0))
                    .labelled_by(l.id);
                if ui.button(S::Approve.t()).clicked() {
                    action = Some(Transition::Approve);
                }
                if ui.button(S::Reject.t()).clicked() {
                    action = Some(Transition::Reject);
                }
            });
        }
        if let Some(h) = f.record.as_ref().and_then(|r| r.credit_hold) {
            ui.label(
                RichText::new(format!(
                    "{}：{}",
                    S::ContractCreditHold.t(),
                    crate::store::text::credit_hold_note(
                        f.original.amount_fen,
                        h.owed_fen,
                        h.limit_fen,
                        h.overdue_days
                    )
                ))
                .color(ERROR_RED),
            );
        }
        if let Some(Message { text: m, error: e }) = &*message {
            ui.label(RichText::new(m.as_str()).color(if *e { ERROR_RED } else { OK_GREEN }));
        }
        if !editable {
            ui.label(RichText::new(S::LockedHint.t()).small().weak());
        }
        ui.separator();
        let mut picked: Option<(i64, String)> = None;
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                egui::Grid::new("contract-grid")
                    .num_columns(2)
                    .spacing([10.0, 6.0])
                    .show(ui, |ui| {
                        let d = &mut f.draft;
                        if editable {
                            widgets::text_row(
                                ui,
                                label("number"),
                                true,
                                &mut d.number,
                                msg(ContractField::Number).as_deref(),
                                Some("HT-2026-001"),
                            );
                        } else {
                            ui.label(label("number"));
                            ui.label(&d.number);
                            ui.end_row();
                        }
                        let mut pick = CustomerPick {
                            id: d.customer_id,
                            name: f.customer_name.clone(),
                            search: std::mem::take(&mut f.customer_search),
                        };
                        if customer_row(
                            ui,
                            store,
                            &mut pick,
                            editable,
                            msg(ContractField::Customer).as_deref(),
                        ) {
                            picked = pick.id.map(|id| (id, pick.name.clone()));
                        }
                        f.customer_search = pick.search;
                        widgets::text_row(
                            ui,
                            label("title"),
                            true,
                            &mut d.title,
                            msg(ContractField::Title).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            label("signed_on"),
                            false,
                            &mut d.signed_on,
                            msg(ContractField::SignedOn).as_deref(),
                            Some("2026-11-22"),
                        );
                        widgets::text_row(
                            ui,
                            label("starts_on"),
                            false,
                            &mut d.starts_on,
                            msg(ContractField::StartsOn).as_deref(),
                            Some("2026-11-22"),
                        );
                        widgets::text_row(
                            ui,
                            label("ends_on"),
                            false,
                            &mut d.ends_on,
                            msg(ContractField::EndsOn).as_deref(),
                            Some("2027-11-21"),
                        );
                        if editable {
                            widgets::text_row(
                                ui,
                                label("amount"),
                                true,
                                &mut f.amount_text,
                                msg(ContractField::Amount).as_deref(),
                                Some("50000"),
                            );
                        } else {
                            ui.label(label("amount"));
                            ui.label(format_fen(f.original.amount_fen));
                            ui.end_row();
                        }
                        let d = &mut f.draft;
                        widgets::text_row(
                            ui,
                            label("payment_terms"),
                            false,
                            &mut d.payment_terms,
                            None,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            label("salesperson"),
                            false,
                            &mut d.salesperson,
                            None,
                            None,
                        );
                        widgets::multiline_row(ui, label("notes"), &mut d.notes, None);
                    });
                ui.add_space(6.0);
                if editable {
                    super::plan::editor(ui, &mut f.plan, msg);
                } else if let Some(rec) = &f.record {
                    super::plan::view(ui, &rec.contract.plan, rec.received_fen, today());
                }
                if let Some(rec) = &f.record {
                    if let Some((by, at, comment)) = &rec.decision {
                        ui.add_space(6.0);
                        ui.label(RichText::new(S::Decision.t()).strong());
                        ui.label(format!("{at} {by}：{comment}"));
                    }
                    ui.add_space(6.0);
                    ui.label(RichText::new(S::Payments.t()).strong());
                    ui.label(format!(
                        "{} {} · {} {} · {} {}",
                        S::ContractAmountShort.t(),
                        format_fen(rec.contract.amount_fen),
                        S::ContractReceived.t(),
                        format_fen(rec.received_fen),
                        S::ContractBalance.t(),
                        format_fen(rec.balance_fen())
                    ));
                    egui::Grid::new("payments")
                        .striped(true)
                        .num_columns(4)
                        .show(ui, |ui| {
                            for p in &rec.payments {
                                ui.label(&p.paid_on);
                                ui.label(format_fen(p.amount_fen));
                                ui.label(&p.method);
                                ui.label(&p.note);
                                ui.end_row();
                            }
                        });
                }
            });
        if let Some((cid, name)) = picked {
            f.draft.customer_id = Some(cid);
            f.customer_name = name;
            f.customer_search.clear();
        }
        let takes_payments = status.takes_payments() && id.is_some();
        let mut add_payment = false;
        if takes_payments {
            ui.separator();
            ui.label(RichText::new(S::AddPayment.t()).strong());
            egui::Grid::new("new-payment")
                .num_columns(2)
                .show(ui, |ui| {
                    widgets::text_row(
                        ui,
                        S::PayDate.t(),
                        true,
                        &mut extra.payment.paid_on,
                        None,
                        Some("2026-11-22"),
                    );
                    widgets::text_row(
                        ui,
                        S::PayAmount.t(),
                        true,
                        &mut extra.payment.amount,
                        None,
                        None,
                    );
                    widgets::text_row(
                        ui,
                        S::PayMethod.t(),
                        false,
                        &mut extra.payment.method,
                        None,
                        Some("银行转账"),
                    );
                    widgets::text_row(
                        ui,
                        S::PayNote.t(),
                        false,
                        &mut extra.payment.note,
                        None,
                        None,
                    );
                });
            add_payment = ui.button(S::AddPayment.t()).clicked();
        }

        out.save = save;
        out.history = show_history.is_some();
        if let (Some(t), Some(id)) = (action, id) {
            match store.move_contract(id, t, &extra.comment) {
                Ok(_) => {
                    extra.comment.clear();
                    out.reload = Some(id);
                    *message = Some(Message::info(S::StatusChanged.t()));
                }
                Err(e) => *message = Some(Message::error(e.message())),
            }
        }
        if let Some((id, title)) = print_sheet {
            extra.print = Some(super::print::PrintPreview::contract(id, &title, store));
        }
        if revise && let Some(id) = id {
            match store.revise_contract(id) {
                Ok(new_id) => out.reload = Some(new_id),
                Err(e) => *message = Some(Message::error(e.message())),
            }
        }
        if add_payment && let Some(id) = id {
            let p = Payment {
                id: None,
                paid_on: extra.payment.paid_on.clone(),
                amount_fen: parse_yuan(&extra.payment.amount).unwrap_or(0),
                method: extra.payment.method.clone(),
                note: extra.payment.note.clone(),
            };
            match store.add_payment(id, &p) {
                Ok(_) => {
                    extra.payment = PaymentDraft::default();
                    out.reload = Some(id);
                    *message = Some(Message::info(S::Saved.t()));
                }
                Err(e) => *message = Some(Message::error(e.message())),
            }
        }
        out
    }
}

/// A field's name on the form, from the kind's declaration.
fn label(key: &str) -> &'static str {
    strings::record_label(RecordKind::Contracts, key)
}
