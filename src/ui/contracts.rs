//! 合同信息: the contract list (with the 待审批 queue and contracts ending soon), the
//! contract form with its approval actions, and payments received with the balance.

use super::widgets::Message;
use egui::RichText;

use super::list::{Cell, Columns, keys, paged_table, search_box};
use super::paging::PageCache;
use super::pickers::{CustomerPick, customer_row};
use super::widgets::{self, ERROR_RED, OK_GREEN};
use crate::domain::Role;
use crate::domain::contract::{
    Contract, ContractField, ContractStatus, Payment, Transition, validate_contract,
};
use crate::domain::money::{fen_to_plain, format_fen, parse_yuan};
use crate::domain::validate::Problem;
use crate::store::contracts::{ContractQuery, ContractRecord, ContractRow};
use crate::store::{Store, StoreError, today};
use crate::strings::{self, S};

struct ContractForm {
    original: Contract,
    draft: Contract,
    amount_text: String,
    customer_name: String,
    customer_search: String,
    record: Option<ContractRecord>,
    store_errors: Vec<(ContractField, Problem)>,
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
        }
    }

    fn existing(rec: ContractRecord) -> Self {
        ContractForm {
            original: rec.contract.clone(),
            draft: rec.contract.clone(),
            amount_text: fen_to_plain(rec.contract.amount_fen),
            customer_name: rec.customer_name.clone(),
            customer_search: String::new(),
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
        errs.extend(validate_contract(&c));
        (c, errs)
    }

    fn is_dirty(&self) -> bool {
        self.draft != self.original
            || parse_yuan(&self.amount_text) != Some(self.original.amount_fen)
    }
}

#[derive(Default)]
struct PaymentDraft {
    paid_on: String,
    amount: String,
    method: String,
    note: String,
}

#[derive(Default)]
pub struct ContractsPanel {
    query: ContractQuery,
    transfer: super::transfer::Transfer,
    cache: PageCache<ContractQuery, ContractRow>,
    form: Option<ContractForm>,
    message: Option<Message>,
    comment: String,
    payment: PaymentDraft,
    /// Asked before a draft or rejected contract goes to the trash.
    confirm_delete: Option<(i64, String)>,
    /// The print preview of a contract sheet, when open.
    print: Option<super::print::PrintPreview>,
    history: Option<super::history::RecordHistory>,
    focus_search: bool,
}

impl ContractsPanel {
    /// Opens the import wizard on a file (a file dropped on the window).
    pub fn start_import(&mut self, path: std::path::PathBuf, store: &Store) {
        self.transfer
            .start_import(path, Some(crate::io::records::RecordKind::Contracts), store);
    }

    /// The status bar's 合同信息：共 N 条（已筛选 M 条）, as the list last counted them.
    pub fn status_text(&self) -> String {
        self.cache
            .status_text(S::TabContracts, self.query != ContractQuery::default())
    }

    /// Opens a contract (from another panel, such as the customer's picture).
    pub fn open(&mut self, id: i64, store: &Store) {
        match store.contract(id) {
            Ok(rec) => self.form = Some(ContractForm::existing(rec)),
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    /// The list must be fetched again (data changed elsewhere).
    pub fn invalidate(&mut self) {
        self.cache.invalidate();
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let k = keys(ui, self.confirm_delete.is_some());
        if k.new {
            self.form = Some(ContractForm::new_contract());
            self.message = None;
        }
        if k.save {
            self.save(store);
        }
        self.focus_search |= k.find;
        // Delete only what may be deleted: a draft or a rejected contract.
        if k.delete
            && let Some(f) = &self.form
            && let Some(id) = f.original.id
            && matches!(
                f.original.status,
                ContractStatus::Draft | ContractStatus::Rejected
            )
        {
            self.confirm_delete = Some((id, format!("{} {}", f.original.number, f.original.title)));
        }
        if k.escape
            && let Some(f) = &mut self.form
        {
            if f.original.id.is_some() {
                let rec = f.record.clone();
                if let Some(rec) = rec {
                    *f = ContractForm::existing(rec);
                }
            } else {
                self.form = None;
            }
        }
        self.cache.refresh_source(
            &self.query,
            store,
            super::paging::Source {
                total: |s| s.count_contracts(&ContractQuery::default()),
                count: |s, q| s.count_contracts(q),
                page: |s, q, o, l| s.contract_page(q, o, l),
            },
            ui.ctx(),
        );
        if self.form.is_some() {
            egui::Panel::right("contract-form")
                .default_size(480.0)
                .size_range(380.0..=820.0)
                .show(ui, |ui| self.show_form(ui, store));
        }
        if let Some(p) = &mut self.print {
            p.show(ui.ctx(), store);
            if !p.open {
                self.print = None;
            }
        }
        if self.transfer.show(
            ui.ctx(),
            store,
            Some(crate::io::records::RecordKind::Contracts),
            |store, path, _| {
                super::transfer::export_records(
                    store,
                    crate::io::records::RecordQuery::Contracts(self.query.clone()),
                    path,
                )
            },
            &mut self.message,
        ) {
            self.cache.invalidate();
        }
        if let Some(h) = &mut self.history {
            h.show(ui.ctx());
            if !h.open {
                self.history = None;
            }
        }

        if let Some(id) =
            super::list::confirm_trash(ui.ctx(), "delete-contract", &mut self.confirm_delete)
        {
            match store.trash_contract(id) {
                Ok(()) => {
                    self.form = None;
                    self.cache.invalidate();
                    self.message = Some(Message::info(S::MovedToTrash.t()));
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.show_toolbar(ui, store);
            super::list::list_message(ui, self.form.is_some(), self.message.as_ref());
            ui.separator();
            self.show_table(ui, store);
        });
    }

    fn show_toolbar(&mut self, ui: &mut egui::Ui, store: &Store) {
        ui.horizontal_wrapped(|ui| {
            search_box(
                ui,
                &mut self.query.text,
                &mut self.focus_search,
                S::SearchHintContracts,
            );
            widgets::filter_combo(
                ui,
                "k-status",
                S::KStatus.t(),
                &mut self.query.status,
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
                .button(format!("{}（{waiting}）", S::KQueue.t()))
                .clicked()
            {
                self.query = ContractQuery {
                    status: Some(ContractStatus::Submitted),
                    ..Default::default()
                };
            }
            ui.checkbox(&mut self.query.ending_soon, S::KEndingSoon.t());
            if ui
                .button(S::NewContract.t())
                .on_hover_text("Ctrl+N")
                .clicked()
            {
                self.form = Some(ContractForm::new_contract());
                self.message = None;
            }
            self.transfer.buttons(ui, self.cache.filtered);
            if self.cache.pending() {
                // A search on a large table is being answered off the UI thread.
                ui.spinner();
            }
            super::list::count_label(
                ui,
                self.cache.total,
                self.cache.filtered,
                self.query != ContractQuery::default(),
            );
        });
    }

    fn show_table(&mut self, ui: &mut egui::Ui, store: &Store) {
        if self.cache.filtered == 0 {
            ui.add_space(20.0);
            // An empty search result is not an empty list.
            let text = if self.cache.total == 0 {
                S::NoContractsYet
            } else {
                S::NoContracts
            };
            ui.label(text.t());
            return;
        }
        let selected = self.form.as_ref().and_then(|f| f.original.id);
        let query = self.query.clone();
        let today = today();
        let clicks = paged_table(
            ui,
            &mut self.cache,
            &query,
            Columns {
                heads: &[
                    S::KNumber,
                    S::KCustomer,
                    S::KTitle,
                    S::KAmountShort,
                    S::KBalance,
                    S::KStatus,
                    S::KSignedOn,
                    S::KEndsOn,
                ],
                widths: &[110.0, 200.0, 200.0, 110.0, 110.0, 80.0, 90.0, 90.0],
                sort: query.sort,
                selected,
            },
            |q, o, l| store.contract_page(q, o, l),
            |r| r.id,
            |r| {
                let number = if r.revision > 1 {
                    format!("{}（{}{}）", r.number, S::KRevision.t(), r.revision)
                } else {
                    r.number.clone()
                };
                // The supervisor's queue in bold; contracts ending within 30 days in red.
                let soon = r.ends_within(today, 30);
                vec![
                    Cell::new(number),
                    Cell::new(r.customer_name.clone()),
                    Cell::new(r.title.clone()),
                    Cell::new(format_fen(r.amount_fen)),
                    Cell::new(format_fen(r.amount_fen - r.received_fen)),
                    Cell::new(strings::contract_status(r.status).t())
                        .strong(r.status == ContractStatus::Submitted),
                    Cell::new(strings::show_date(&r.signed_on)),
                    Cell::new(strings::show_date(&r.ends_on))
                        .red(soon)
                        .strong(soon),
                ]
            },
        );
        if let Some(sort) = clicks.sort {
            self.query.sort = sort;
        }
        if let Some(id) = clicks.row {
            self.message = None;
            self.open(id, store);
        }
    }

    fn save(&mut self, store: &mut Store) {
        let Some(f) = &mut self.form else { return };
        let (c, errs) = f.checked();
        if !errs.is_empty() {
            self.message = Some(Message::error(S::FixErrors.t()));
            return;
        }
        match store.save_contract(&c) {
            Ok(id) => {
                self.cache.invalidate();
                self.open(id, store);
                self.message = Some(Message::info(S::Saved.t()));
            }
            Err(StoreError::InvalidContract(p)) => {
                f.store_errors = p;
                self.message = Some(Message::error(S::FixErrors.t()));
            }
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    fn transition(&mut self, store: &mut Store, id: i64, t: Transition) {
        match store.move_contract(id, t, &self.comment) {
            Ok(_) => {
                self.comment.clear();
                self.cache.invalidate();
                self.open(id, store);
                self.message = Some(Message::info(S::StatusChanged.t()));
            }
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    fn show_form(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let may_approve = store
            .actor()
            .is_some_and(|a| matches!(a.role, Role::Supervisor | Role::Admin));
        let Some(f) = &mut self.form else { return };
        let (_, mut errs) = f.checked();
        errs.extend(f.store_errors.iter().copied());
        let dirty = f.is_dirty();
        let show = dirty || !f.store_errors.is_empty();
        let msg = |field: ContractField| -> Option<String> {
            if !show {
                return None;
            }
            errs.iter()
                .find(|e| e.0 == field)
                .map(|e| strings::problem(e.1))
        };
        let editable = f.original.status.terms_editable();
        let status = f.original.status;
        let id = f.original.id;
        ui.heading(if id.is_none() {
            S::NewContract.t().to_string()
        } else {
            format!(
                "{} {}",
                f.original.number,
                strings::contract_status(status).t()
            )
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
                    self.confirm_delete =
                        Some((id, format!("{} {}", f.original.number, f.original.title)));
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
                ui.add(egui::TextEdit::singleline(&mut self.comment).desired_width(220.0))
                    .labelled_by(l.id);
                if ui.button(S::Approve.t()).clicked() {
                    action = Some(Transition::Approve);
                }
                if ui.button(S::Reject.t()).clicked() {
                    action = Some(Transition::Reject);
                }
            });
        }
        if let Some(Message { text: m, error: e }) = &self.message {
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
                                S::KNumber.t(),
                                true,
                                &mut d.number,
                                msg(ContractField::Number).as_deref(),
                                Some("HT-2026-001"),
                            );
                        } else {
                            ui.label(S::KNumber.t());
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
                            S::KTitle.t(),
                            true,
                            &mut d.title,
                            msg(ContractField::Title).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::KSignedOn.t(),
                            false,
                            &mut d.signed_on,
                            msg(ContractField::SignedOn).as_deref(),
                            Some("2026-11-22"),
                        );
                        widgets::text_row(
                            ui,
                            S::KStartsOn.t(),
                            false,
                            &mut d.starts_on,
                            msg(ContractField::StartsOn).as_deref(),
                            Some("2026-11-22"),
                        );
                        widgets::text_row(
                            ui,
                            S::KEndsOn.t(),
                            false,
                            &mut d.ends_on,
                            msg(ContractField::EndsOn).as_deref(),
                            Some("2027-11-21"),
                        );
                        if editable {
                            widgets::text_row(
                                ui,
                                S::KAmount.t(),
                                true,
                                &mut f.amount_text,
                                msg(ContractField::Amount).as_deref(),
                                Some("50000"),
                            );
                        } else {
                            ui.label(S::KAmount.t());
                            ui.label(format_fen(f.original.amount_fen));
                            ui.end_row();
                        }
                        let d = &mut f.draft;
                        widgets::text_row(
                            ui,
                            S::KPaymentTerms.t(),
                            false,
                            &mut d.payment_terms,
                            None,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::KSalesperson.t(),
                            false,
                            &mut d.salesperson,
                            None,
                            None,
                        );
                        widgets::multiline_row(ui, S::FNotes.t(), &mut d.notes, None);
                    });
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
                        S::KAmountShort.t(),
                        format_fen(rec.contract.amount_fen),
                        S::KReceived.t(),
                        format_fen(rec.received_fen),
                        S::KBalance.t(),
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
                        &mut self.payment.paid_on,
                        None,
                        Some("2026-11-22"),
                    );
                    widgets::text_row(
                        ui,
                        S::PayAmount.t(),
                        true,
                        &mut self.payment.amount,
                        None,
                        None,
                    );
                    widgets::text_row(
                        ui,
                        S::PayMethod.t(),
                        false,
                        &mut self.payment.method,
                        None,
                        Some("银行转账"),
                    );
                    widgets::text_row(
                        ui,
                        S::PayNote.t(),
                        false,
                        &mut self.payment.note,
                        None,
                        None,
                    );
                });
            add_payment = ui.button(S::AddPayment.t()).clicked();
        }
        if save {
            self.save(store);
        }
        if let (Some(t), Some(id)) = (action, id) {
            self.transition(store, id, t);
        }
        if let Some(id) = show_history {
            self.history = Some(super::history::RecordHistory::new("contracts", id, store));
        }
        if let Some((id, title)) = print_sheet {
            self.print = Some(super::print::PrintPreview::contract(id, &title, store));
        }
        if revise && let Some(id) = id {
            match store.revise_contract(id) {
                Ok(new_id) => {
                    self.cache.invalidate();
                    self.open(new_id, store);
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
        if add_payment && let Some(id) = id {
            let p = Payment {
                id: None,
                paid_on: self.payment.paid_on.clone(),
                amount_fen: parse_yuan(&self.payment.amount).unwrap_or(0),
                method: self.payment.method.clone(),
                note: self.payment.note.clone(),
            };
            match store.add_payment(id, &p) {
                Ok(_) => {
                    self.payment = PaymentDraft::default();
                    self.cache.invalidate();
                    self.open(id, store);
                    self.message = Some(Message::info(S::Saved.t()));
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
    }
}
