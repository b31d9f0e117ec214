//! 交往反馈: the feedback list (overdue open items stand out) and the feedback form,
//! the customer picked by typing part of its name.

use super::list::{Cell, Columns, confirm_trash, form_header, keys, paged_table, search_box};
use super::paging::PageCache;
use super::pickers::{CustomerPick, customer_row};
use super::widgets;
use super::widgets::Message;
use crate::domain::feedback::{
    Feedback, FeedbackField, FeedbackKind, FollowStatus, validate_feedback,
};
use crate::store::feedback::{FeedbackQuery, FeedbackRow};
use crate::store::{Store, StoreError, today};
use crate::strings::{self, S};

struct FeedbackForm {
    original: Feedback,
    draft: Feedback,
    pick: CustomerPick,
    satisfaction: String,
    store_errors: Vec<(FeedbackField, crate::domain::validate::Problem)>,
}

impl FeedbackForm {
    fn new(pick: CustomerPick) -> Self {
        let draft = Feedback {
            at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
            customer_id: pick.id,
            ..Default::default()
        };
        FeedbackForm {
            original: Feedback::default(),
            draft,
            pick,
            satisfaction: String::new(),
            store_errors: Vec::new(),
        }
    }

    fn existing(f: Feedback, customer_name: String) -> Self {
        FeedbackForm {
            satisfaction: f.satisfaction.map(|s| s.to_string()).unwrap_or_default(),
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
        errs.extend(validate_feedback(&f));
        (f, errs)
    }
}

#[derive(Default)]
pub struct FeedbackPanel {
    query: FeedbackQuery,
    transfer: super::transfer::Transfer,
    cache: PageCache<FeedbackQuery, FeedbackRow>,
    form: Option<FeedbackForm>,
    message: Option<Message>,
    confirm_delete: Option<(i64, String)>,
    history: Option<super::history::RecordHistory>,
    focus_search: bool,
}

impl FeedbackPanel {
    /// Opens the import wizard on a file (a file dropped on the window).
    pub fn start_import(&mut self, path: std::path::PathBuf, store: &Store) {
        self.transfer
            .start_import(path, Some(crate::io::records::RecordKind::Feedback), store);
    }

    /// The status bar's 交往反馈：共 N 条（已筛选 M 条）, as the list last counted them.
    pub fn status_text(&self) -> String {
        self.cache
            .status_text(S::TabFeedback, self.query != FeedbackQuery::default())
    }

    /// Starts a new feedback item for a customer (from the customer's picture).
    pub fn new_for(&mut self, customer_id: i64, name: String) {
        self.form = Some(FeedbackForm::new(CustomerPick::chosen(customer_id, name)));
        self.message = None;
    }

    pub fn open(&mut self, id: i64, store: &Store) {
        match store.feedback(id) {
            Ok(f) => {
                let name = f
                    .customer_id
                    .and_then(|c| store.customer(c).ok())
                    .map(|(c, _)| c.name)
                    .unwrap_or_default();
                self.form = Some(FeedbackForm::existing(f, name));
            }
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
            self.form = Some(FeedbackForm::new(CustomerPick::default()));
            self.message = None;
        }
        if k.save {
            self.save(store);
        }
        self.focus_search |= k.find;
        if let Some(f) = &self.form
            && let Some(id) = f.original.id
        {
            if k.delete {
                self.confirm_delete = Some((id, f.original.subject.clone()));
            }
            if k.escape {
                self.open(id, store);
            }
        } else if k.escape {
            self.form = None;
        }
        if let Some(id) = confirm_trash(ui.ctx(), "delete-feedback", &mut self.confirm_delete) {
            match store.trash_feedback(id) {
                Ok(()) => {
                    self.form = None;
                    self.cache.invalidate();
                    self.message = Some(Message::info(S::MovedToTrash.t()));
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
        self.cache.refresh_source(
            &self.query,
            store,
            super::paging::Source {
                total: |s| s.count_feedback(&FeedbackQuery::default()),
                count: |s, q| s.count_feedback(q),
                page: |s, q, o, l| s.feedback_page(q, o, l),
            },
            ui.ctx(),
        );
        if self.form.is_some() {
            egui::Panel::right("feedback-form")
                .default_size(470.0)
                .size_range(380.0..=820.0)
                .show(ui, |ui| self.show_form(ui, store));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                search_box(
                    ui,
                    &mut self.query.text,
                    &mut self.focus_search,
                    S::SearchHintFeedback,
                );
                widgets::filter_combo(
                    ui,
                    "b-kind",
                    S::BKind.t(),
                    &mut self.query.kind,
                    &FeedbackKind::ALL,
                    |k| strings::feedback_kind(*k).t().into(),
                );
                widgets::filter_combo(
                    ui,
                    "b-status",
                    S::BStatus.t(),
                    &mut self.query.status,
                    &FollowStatus::ALL,
                    |s| strings::follow_status(*s).t().into(),
                );
                ui.checkbox(&mut self.query.overdue_only, S::BOverdue.t());
                if ui
                    .button(S::NewFeedback.t())
                    .on_hover_text("Ctrl+N")
                    .clicked()
                {
                    self.form = Some(FeedbackForm::new(CustomerPick::default()));
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
                    self.query != FeedbackQuery::default(),
                );
            });
            super::list::list_message(ui, self.form.is_some(), self.message.as_ref());
            ui.separator();
            self.show_table(ui, store);
        });
        if self.transfer.show(
            ui.ctx(),
            store,
            Some(crate::io::records::RecordKind::Feedback),
            |store, path, _| {
                super::transfer::export_records(
                    store,
                    crate::io::records::RecordQuery::Feedback(self.query.clone()),
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
    }

    fn show_table(&mut self, ui: &mut egui::Ui, store: &Store) {
        if self.cache.filtered == 0 {
            ui.add_space(20.0);
            // An empty search result is not an empty list.
            let text = if self.cache.total == 0 {
                S::NoFeedbackYet
            } else {
                S::NoFeedback
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
                    S::BAt,
                    S::KCustomer,
                    S::BKind,
                    S::BSubject,
                    S::BStatus,
                    S::BResponsible,
                    S::BDueOn,
                ],
                widths: &[130.0, 200.0, 80.0, 220.0, 70.0, 70.0, 90.0],
                sort: query.sort,
                selected,
            },
            |q, o, l| store.feedback_page(q, o, l),
            |r| r.id,
            |r| {
                // Overdue open items stand out, and so does a complaint still open.
                let overdue = r.overdue(today);
                let due = if overdue {
                    format!("{}（{}）", strings::show_date(&r.due_on), S::BOverdue.t())
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
        let (item, errs) = f.checked();
        if !errs.is_empty() {
            self.message = Some(Message::error(S::FixErrors.t()));
            return;
        }
        match store.save_feedback(&item) {
            Ok(id) => {
                self.cache.invalidate();
                self.open(id, store);
                self.message = Some(Message::info(S::Saved.t()));
            }
            Err(StoreError::InvalidFeedback(p)) => {
                f.store_errors = p;
                self.message = Some(Message::error(S::FixErrors.t()));
            }
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    fn show_form(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(f) = &mut self.form else { return };
        let (_, mut errs) = f.checked();
        errs.extend(f.store_errors.iter().copied());
        let dirty = f.draft != f.original || f.pick.id != f.original.customer_id;
        let msg = |field: FeedbackField| -> Option<String> {
            if !dirty {
                return None;
            }
            errs.iter()
                .find(|e| e.0 == field)
                .map(|e| strings::problem(e.1))
        };
        let title = if f.original.id.is_none() {
            S::NewFeedback.t().to_string()
        } else {
            f.original.subject.clone()
        };
        let clicks = form_header(
            ui,
            &title,
            dirty && errs.is_empty(),
            f.original.id.is_some(),
            self.message.as_ref(),
        );
        let (save, delete) = (clicks.save, clicks.delete);
        if clicks.history
            && let Some(id) = f.original.id
        {
            self.history = Some(super::history::RecordHistory::new("feedback", id, store));
        }
        if delete && let Some(id) = f.original.id {
            self.confirm_delete = Some((id, f.original.subject.clone()));
        }
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
                            S::BAt.t(),
                            true,
                            &mut d.at,
                            msg(FeedbackField::At).as_deref(),
                            Some("2026-11-22 14:30"),
                        );
                        widgets::choice_row(
                            ui,
                            "b-kind-form",
                            S::BKindForm.t(),
                            &mut d.kind,
                            &FeedbackKind::ALL,
                            |k| strings::feedback_kind(k).t().into(),
                        );
                        widgets::text_row(
                            ui,
                            S::BContact.t(),
                            false,
                            &mut d.contact_name,
                            None,
                            None,
                        );
                        widgets::text_row(ui, S::BChannel.t(), false, &mut d.channel, None, None);
                        widgets::text_row(
                            ui,
                            S::BSubject.t(),
                            true,
                            &mut d.subject,
                            msg(FeedbackField::Subject).as_deref(),
                            None,
                        );
                        widgets::multiline_row(ui, S::BContent.t(), &mut d.content, None);
                        widgets::text_row(
                            ui,
                            S::BReportedBy.t(),
                            false,
                            &mut d.reported_by,
                            None,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::BSatisfaction.t(),
                            false,
                            &mut f.satisfaction,
                            msg(FeedbackField::Satisfaction).as_deref(),
                            None,
                        );
                        let d = &mut f.draft;
                        widgets::choice_row(
                            ui,
                            "b-status-form",
                            S::BStatus.t(),
                            &mut d.status,
                            &FollowStatus::ALL,
                            |s| strings::follow_status(s).t().into(),
                        );
                        widgets::text_row(
                            ui,
                            S::BResponsible.t(),
                            false,
                            &mut d.responsible,
                            None,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::BDueOn.t(),
                            false,
                            &mut d.due_on,
                            msg(FeedbackField::DueOn).as_deref(),
                            Some("2026-11-30"),
                        );
                        widgets::multiline_row(ui, S::BResolution.t(), &mut d.resolution, None);
                        widgets::text_row(
                            ui,
                            S::BResolvedOn.t(),
                            false,
                            &mut d.resolved_on,
                            msg(FeedbackField::ResolvedOn).as_deref(),
                            None,
                        );
                    });
            });
        if save {
            self.save(store);
        }
    }
}
