//! 交往反馈: the feedback list (overdue open items stand out) and the feedback form,
//! the customer picked by typing part of its name. The list and the form's frame are
//! the shared [`RecordPanel`]; this file says what is the feedback's own.

use super::Goto;
use super::list::Cell;
use super::paging::Source;
use super::pickers::{CustomerPick, customer_row};
use super::record_panel::{RecordPanel, RecordUi, SaveFailed};
use super::widgets::{self, Message};
use crate::domain::feedback::{
    Feedback, FeedbackField, FeedbackKind, FollowStatus, validate_feedback,
};
use crate::io::records::{RecordKind, RecordQuery};
use crate::store::feedback::{FeedbackQuery, FeedbackRow};
use crate::store::{Sort, Store, StoreError, today};
use crate::strings::{self, S};

pub struct FeedbackForm {
    original: Feedback,
    draft: Feedback,
    pick: CustomerPick,
    satisfaction: String,
    /// 承诺金额 as typed (yuan).
    promised: String,
    store_errors: Vec<(FeedbackField, crate::domain::validate::Problem)>,
}

impl FeedbackForm {
    fn new(pick: CustomerPick) -> Self {
        let draft = Feedback {
            at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
            customer_id: pick.id,
            ..Default::default()
        };
        // What is filled in for the user (the time, the customer) is not an edit: a form
        // left untouched closes without asking.
        FeedbackForm {
            original: draft.clone(),
            draft,
            pick,
            satisfaction: String::new(),
            promised: String::new(),
            store_errors: Vec::new(),
        }
    }

    /// A win-back visit to a customer who stopped buying (from 客户分析).
    fn win_back(pick: CustomerPick) -> Self {
        let mut f = FeedbackForm::new(pick);
        f.draft.kind = crate::domain::feedback::FeedbackKind::Visit;
        f.draft.subject = S::WinBackSubject.t().into();
        f
    }

    /// A new 催款 for a customer (from an overdue line of 应收账款).
    fn collection(pick: CustomerPick) -> Self {
        let mut f = FeedbackForm::new(pick);
        f.draft.kind = crate::domain::feedback::FeedbackKind::Collection;
        f.draft.subject = S::CollectSubject.t().into();
        f
    }

    fn existing(f: Feedback, customer_name: String) -> Self {
        FeedbackForm {
            satisfaction: f.satisfaction.map(|s| s.to_string()).unwrap_or_default(),
            promised: if f.promised_fen > 0 {
                crate::domain::money::fen_to_plain(f.promised_fen)
            } else {
                String::new()
            },
            pick: CustomerPick::chosen(f.customer_id.unwrap_or_default(), customer_name),
            original: f.clone(),
            draft: f,
            store_errors: Vec::new(),
        }
    }

    fn checked(
        &self,
    ) -> (
        Feedback,
        Vec<(FeedbackField, crate::domain::validate::Problem)>,
    ) {
        let mut f = self.draft.clone();
        f.customer_id = self.pick.id;
        let mut errs = Vec::new();
        let s = self.satisfaction.trim();
        f.satisfaction = if s.is_empty() {
            None
        } else {
            match s.parse::<u8>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errs.push((
                        FeedbackField::Satisfaction,
                        crate::domain::validate::Problem::OutOfRange(1, 5),
                    ));
                    None
                }
            }
        };
        let p = self.promised.trim();
        f.promised_fen = if p.is_empty() {
            0
        } else {
            match crate::domain::money::parse_yuan(p) {
                Some(v) => v,
                None => {
                    errs.push((
                        FeedbackField::PromisedAmount,
                        crate::domain::validate::Problem::BadAmount,
                    ));
                    0
                }
            }
        };
        errs.extend(validate_feedback(&f));
        (f, errs)
    }

    fn problems(&self) -> Vec<(FeedbackField, crate::domain::validate::Problem)> {
        let (_, mut errs) = self.checked();
        errs.extend(self.store_errors.iter().copied());
        errs
    }
}

/// The 交往反馈 tab.
pub type FeedbackPanel = RecordPanel<FeedbackUi>;

impl FeedbackPanel {
    /// Starts a new feedback item for a customer (from the customer's picture).
    pub fn new_for(&mut self, customer_id: i64, name: String, store: &Store) {
        self.start_new(
            FeedbackForm::new(CustomerPick::chosen(customer_id, name)),
            store,
        );
    }

    /// Starts a win-back visit for a customer lost last period, from 客户分析.
    pub fn win_back_for(&mut self, customer_id: i64, name: String, store: &Store) {
        self.start_new(
            FeedbackForm::win_back(CustomerPick::chosen(customer_id, name)),
            store,
        );
    }

    /// Starts a 催款 (collection) item for a customer, from 应收账款.
    pub fn collect_from(&mut self, customer_id: i64, name: String, store: &Store) {
        self.start_new(
            FeedbackForm::collection(CustomerPick::chosen(customer_id, name)),
            store,
        );
    }
}

pub struct FeedbackUi;

impl RecordUi for FeedbackUi {
    type Query = FeedbackQuery;
    type Row = FeedbackRow;
    type Form = FeedbackForm;
    type Extra = ();

    const TAB: super::app::Tab = super::app::Tab::Feedback;
    const SEARCH_HINT: S = S::SearchHintFeedback;
    const NEW: S = S::NewFeedback;
    const NONE_YET: S = S::NoFeedbackYet;
    const NONE_MATCH: S = S::NoFeedback;
    const FORM_ID: &'static str = "feedback-form";
    const FORM_WIDTH: f32 = 470.0;
    const DELETE_ID: &'static str = "delete-feedback";
    fn heads() -> Vec<&'static str> {
        vec![
            S::FeedbackAt.t(),
            S::ContractCustomer.t(),
            S::FeedbackKind.t(),
            S::FeedbackSubject.t(),
            S::FeedbackStatus.t(),
            S::FeedbackResponsible.t(),
            S::FeedbackDueOn.t(),
        ]
    }
    const WIDTHS: &'static [f32] = &[130.0, 200.0, 80.0, 220.0, 70.0, 70.0, 90.0];

    fn source() -> Source<FeedbackQuery, FeedbackRow> {
        Source {
            total: |s| s.count_feedback(&FeedbackQuery::default()),
            count: |s, q| s.count_feedback(q),
            page: |s, q, o, l| s.feedback_page(q, o, l),
        }
    }

    fn row_id(r: &FeedbackRow) -> i64 {
        r.id
    }

    fn cells(r: &FeedbackRow) -> Vec<Cell> {
        // Overdue open items stand out, and so does a complaint still open.
        let overdue = r.overdue(today());
        let due = if overdue {
            format!(
                "{}（{}）",
                strings::show_date(&r.due_on),
                S::FeedbackOverdue.t()
            )
        } else {
            strings::show_date(&r.due_on)
        };
        let open_complaint = r.kind == FeedbackKind::Complaint && r.status.is_open();
        vec![
            Cell::new(strings::show_date(&r.at)).red(overdue),
            Cell::new(r.customer_name.clone()).red(overdue),
            Cell::new(strings::feedback_kind(r.kind).t()).red(overdue || open_complaint),
            Cell::new(r.subject.clone()).red(overdue),
            Cell::new(strings::follow_status(r.status).t()).red(overdue),
            Cell::new(r.responsible.clone()).red(overdue),
            Cell::new(due).red(overdue),
        ]
    }

    fn search_text(q: &mut FeedbackQuery) -> &mut String {
        &mut q.text
    }

    fn sort(q: &FeedbackQuery) -> Option<Sort> {
        q.sort
    }

    fn set_sort(q: &mut FeedbackQuery, sort: Option<Sort>) {
        q.sort = sort;
    }

    fn export(
        store: &Store,
        q: &FeedbackQuery,
        path: std::path::PathBuf,
        _every: bool,
    ) -> super::transfer::ExportJob {
        super::transfer::export_records(store, RecordQuery::Feedback(q.clone()), path)
    }

    fn filters(ui: &mut egui::Ui, q: &mut FeedbackQuery, _: &(), _store: &Store) {
        widgets::filter_combo(
            ui,
            "b-kind",
            S::FeedbackKind.t(),
            &mut q.kind,
            &FeedbackKind::ALL,
            |k| strings::feedback_kind(*k).t().into(),
        );
        widgets::filter_combo(
            ui,
            "b-status",
            S::FeedbackStatus.t(),
            &mut q.status,
            &FollowStatus::ALL,
            |s| strings::follow_status(*s).t().into(),
        );
        ui.checkbox(&mut q.overdue_only, S::FeedbackOverdue.t());
    }

    fn blank() -> FeedbackForm {
        FeedbackForm::new(CustomerPick::default())
    }

    fn load(store: &Store, id: i64) -> Result<FeedbackForm, StoreError> {
        let f = store.feedback(id)?;
        let name = f
            .customer_id
            .and_then(|c| store.customer(c).ok())
            .map(|(c, _)| c.name)
            .unwrap_or_default();
        Ok(FeedbackForm::existing(f, name))
    }

    fn id(f: &FeedbackForm) -> Option<i64> {
        f.original.id
    }

    fn name(f: &FeedbackForm) -> String {
        f.original.subject.clone()
    }

    fn dirty(f: &FeedbackForm) -> bool {
        f.draft != f.original
            || f.pick.id != f.original.customer_id
            || f.checked().0.promised_fen != f.original.promised_fen
    }

    fn can_save(f: &FeedbackForm) -> bool {
        f.problems().is_empty()
    }

    fn save(store: &mut Store, f: &mut FeedbackForm) -> Result<i64, SaveFailed> {
        let (item, errs) = f.checked();
        if !errs.is_empty() {
            return Err(SaveFailed::Fields);
        }
        match store.save_feedback(&item) {
            Ok(id) => Ok(id),
            Err(StoreError::InvalidFeedback(p)) => {
                f.store_errors = p;
                Err(SaveFailed::Fields)
            }
            Err(e) => Err(SaveFailed::Store(e)),
        }
    }

    fn trash(store: &mut Store, id: i64) -> Result<(), StoreError> {
        store.trash_feedback(id)
    }

    fn form_body(
        ui: &mut egui::Ui,
        f: &mut FeedbackForm,
        _: &mut (),
        store: &mut Store,
        _message: &mut Option<Message>,
    ) -> Option<Goto> {
        let errs = f.problems();
        let dirty = Self::dirty(f);
        let msg = |field: FeedbackField| super::record_panel::field_message(&errs, dirty, field);
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                egui::Grid::new("feedback-grid")
                    .num_columns(2)
                    .spacing([10.0, 6.0])
                    .show(ui, |ui| {
                        customer_row(
                            ui,
                            store,
                            &mut f.pick,
                            true,
                            msg(FeedbackField::Customer).as_deref(),
                        );
                        let d = &mut f.draft;
                        widgets::text_row(
                            ui,
                            label("at"),
                            true,
                            &mut d.at,
                            msg(FeedbackField::At).as_deref(),
                            Some("2026-11-22 14:30"),
                        );
                        widgets::choice_row(
                            ui,
                            "b-kind-form",
                            label("kind"),
                            &mut d.kind,
                            &FeedbackKind::ALL,
                            |k| strings::feedback_kind(k).t().into(),
                        );
                        widgets::text_row(
                            ui,
                            label("contact"),
                            false,
                            &mut d.contact_name,
                            None,
                            None,
                        );
                        widgets::text_row(ui, label("channel"), false, &mut d.channel, None, None);
                        widgets::text_row(
                            ui,
                            label("subject"),
                            true,
                            &mut d.subject,
                            msg(FeedbackField::Subject).as_deref(),
                            None,
                        );
                        widgets::multiline_row(ui, label("content"), &mut d.content, None);
                        widgets::text_row(
                            ui,
                            label("reported_by"),
                            false,
                            &mut d.reported_by,
                            None,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            label("satisfaction"),
                            false,
                            &mut f.satisfaction,
                            msg(FeedbackField::Satisfaction).as_deref(),
                            None,
                        );
                        let d = &mut f.draft;
                        widgets::choice_row(
                            ui,
                            "b-status-form",
                            label("status"),
                            &mut d.status,
                            &FollowStatus::ALL,
                            |s| strings::follow_status(s).t().into(),
                        );
                        widgets::text_row(
                            ui,
                            label("responsible"),
                            false,
                            &mut d.responsible,
                            None,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            label("due_on"),
                            false,
                            &mut d.due_on,
                            msg(FeedbackField::DueOn).as_deref(),
                            Some("2026-11-30"),
                        );
                        if d.kind == crate::domain::feedback::FeedbackKind::Collection {
                            widgets::text_row(
                                ui,
                                label("promised_on"),
                                false,
                                &mut d.promised_on,
                                msg(FeedbackField::PromisedOn).as_deref(),
                                Some("2026-12-31"),
                            );
                            widgets::text_row(
                                ui,
                                label("promised_amount"),
                                false,
                                &mut f.promised,
                                msg(FeedbackField::PromisedAmount).as_deref(),
                                None,
                            );
                        }
                        let d = &mut f.draft;
                        widgets::multiline_row(ui, label("resolution"), &mut d.resolution, None);
                        widgets::text_row(
                            ui,
                            label("resolved_on"),
                            false,
                            &mut d.resolved_on,
                            msg(FeedbackField::ResolvedOn).as_deref(),
                            None,
                        );
                    });
            });
        None
    }
}

/// A field's name on the form, from the kind's declaration.
fn label(key: &str) -> &'static str {
    strings::record_label(RecordKind::Feedback, key)
}
