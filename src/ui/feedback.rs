//! 交往反馈: the feedback list (overdue open items stand out) and the feedback form,
//! the customer picked by typing part of its name.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::customers::{SHORTCUT_NEW, SHORTCUT_SAVE};
use super::paging::PageCache;
use super::pickers::{CustomerPick, customer_row};
use super::widgets::{self, ERROR_RED, OK_GREEN};
use crate::domain::feedback::{
    Feedback, FeedbackField, FeedbackKind, FollowStatus, validate_feedback,
};
use crate::store::feedback::{FeedbackQuery, FeedbackRow};
use crate::store::{Store, StoreError, today};
use crate::strings::{self, S};

const ROW_HEIGHT: f32 = 24.0;

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
    cache: PageCache<FeedbackQuery, FeedbackRow>,
    form: Option<FeedbackForm>,
    message: Option<(String, bool)>,
}

impl FeedbackPanel {
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
            Err(e) => self.message = Some((e.message(), true)),
        }
    }

    /// The list must be fetched again (data changed elsewhere).
    pub fn invalidate(&mut self) {
        self.cache.invalidate();
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let (new, save) = ui.input_mut(|i| {
            (
                i.consume_shortcut(&SHORTCUT_NEW),
                i.consume_shortcut(&SHORTCUT_SAVE),
            )
        });
        if new {
            self.form = Some(FeedbackForm::new(CustomerPick::default()));
        }
        if save {
            self.save(store);
        }
        self.cache.refresh(&self.query, |q| {
            Ok((
                store.count_feedback(&FeedbackQuery::default())?,
                store.count_feedback(q)?,
            ))
        });
        if self.form.is_some() {
            egui::Panel::right("feedback-form")
                .default_size(470.0)
                .size_range(380.0..=820.0)
                .show(ui, |ui| self.show_form(ui, store));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let l = ui.label(S::Search.t());
                ui.add(egui::TextEdit::singleline(&mut self.query.text).desired_width(220.0))
                    .labelled_by(l.id);
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
                ui.label(
                    RichText::new(strings::counts(
                        self.cache.total,
                        self.cache.filtered,
                        self.query != FeedbackQuery::default(),
                    ))
                    .strong(),
                );
            });
            ui.separator();
            self.show_table(ui, store);
        });
    }

    fn show_table(&mut self, ui: &mut egui::Ui, store: &Store) {
        if self.cache.filtered == 0 {
            ui.add_space(20.0);
            ui.label(S::NoFeedback.t());
            return;
        }
        let selected = self.form.as_ref().and_then(|f| f.original.id);
        let mut clicked = None;
        let query = self.query.clone();
        let cache = &mut self.cache;
        let today = today();
        let heads = [
            S::BAt,
            S::KCustomer,
            S::BKind,
            S::BSubject,
            S::BStatus,
            S::BResponsible,
            S::BDueOn,
        ];
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .min_scrolled_height(0.0);
        for (i, w) in [130.0, 200.0, 80.0, 220.0, 70.0, 70.0, 90.0]
            .into_iter()
            .enumerate()
        {
            table = table.column(if i == heads.len() - 1 {
                Column::remainder().at_least(w)
            } else {
                Column::initial(w).at_least(40.0).resizable(true).clip(true)
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
                    let Some(r) = cache
                        .row(&query, i, |q, o, l| store.feedback_page(q, o, l))
                        .cloned()
                    else {
                        return;
                    };
                    row.set_selected(selected == Some(r.id));
                    let overdue = r.overdue(today);
                    let due = if overdue {
                        format!("{}（{}）", strings::show_date(&r.due_on), S::BOverdue.t())
                    } else {
                        strings::show_date(&r.due_on)
                    };
                    let cells = [
                        strings::show_date(&r.at),
                        r.customer_name.clone(),
                        strings::feedback_kind(r.kind).t().to_string(),
                        r.subject.clone(),
                        strings::follow_status(r.status).t().to_string(),
                        r.responsible.clone(),
                        due,
                    ];
                    for (ci, text) in cells.into_iter().enumerate() {
                        row.col(|ui| {
                            let mut t = RichText::new(text);
                            if overdue
                                || (ci == 2
                                    && r.kind == FeedbackKind::Complaint
                                    && r.status.is_open())
                            {
                                t = t.color(ERROR_RED);
                            }
                            ui.add(egui::Label::new(t).selectable(false).truncate());
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(r.id);
                    }
                });
            });
        if let Some(id) = clicked {
            self.message = None;
            self.open(id, store);
        }
    }

    fn save(&mut self, store: &mut Store) {
        let Some(f) = &mut self.form else { return };
        let (item, errs) = f.checked();
        if !errs.is_empty() {
            self.message = Some((S::FixErrors.t().into(), true));
            return;
        }
        match store.save_feedback(&item) {
            Ok(id) => {
                self.cache.invalidate();
                self.open(id, store);
                self.message = Some((S::Saved.t().into(), false));
            }
            Err(StoreError::InvalidFeedback(p)) => {
                f.store_errors = p;
                self.message = Some((S::FixErrors.t().into(), true));
            }
            Err(e) => self.message = Some((e.message(), true)),
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
        ui.heading(if f.original.id.is_none() {
            S::NewFeedback.t().to_string()
        } else {
            f.original.subject.clone()
        });
        let save = ui
            .add_enabled(dirty && errs.is_empty(), egui::Button::new(S::Save.t()))
            .on_hover_text("Ctrl+S")
            .clicked();
        if let Some((m, e)) = &self.message {
            ui.label(RichText::new(m.as_str()).color(if *e { ERROR_RED } else { OK_GREEN }));
        }
        ui.separator();
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
