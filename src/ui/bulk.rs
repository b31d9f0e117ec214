//! 批量修改: the clerk picks a field and its new value for every customer the list shows
//! (its search and filters) — a departing salesperson's customers handed to another, a
//! new grading — sees how many will change, and confirms. The change runs on a worker
//! thread with a progress bar and a cancel button, and can be taken back from the same
//! dialog (or later from 系统工具 → 批量修改记录).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

use egui::RichText;

use super::widgets::{ERROR_RED, OK_GREEN};
use crate::domain::text::tidy;
use crate::domain::{BulkField, CustomerCategory, CustomerStatus, Grade};
use crate::store::bulk::{BulkChange, BulkUndo};
use crate::store::{CustomerQuery, Store, StoreError};
use crate::strings::{self, S};

enum Outcome {
    Changed(Option<BulkChange>),
    Undone(BulkUndo),
}

/// What a frame of the dialog did to the customers.
pub enum Done {
    Nothing,
    /// A change ran: `field` is now `value` on the customers it changed.
    Set(BulkField, String),
    /// Something else finished (an undo, a refused change): the list reloads.
    Other,
}

struct Job {
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    handle: JoinHandle<Result<Outcome, StoreError>>,
}

/// Values offered for the free-text fields: what the customers already have.
#[derive(Default, Clone)]
pub struct Known {
    pub owners: Vec<String>,
    pub industries: Vec<String>,
    pub sources: Vec<String>,
}

pub struct BulkDialog {
    query: CustomerQuery,
    shown: u64,
    field: BulkField,
    value: String,
    /// Set once a value has been typed or picked (an untouched empty box would clear
    /// the field on every customer).
    chosen: bool,
    /// How many customers the change would touch, for this field and value.
    to_change: Option<(BulkField, String, Result<u64, String>)>,
    job: Option<Job>,
    /// The change done (None: nobody needed it), and what to say about it.
    done: Option<(Option<BulkChange>, String, bool)>,
    /// Why the last change was refused or stopped (nothing was changed).
    refused: Option<String>,
    pub open: bool,
}

impl BulkDialog {
    pub fn new(query: CustomerQuery, shown: u64) -> Self {
        BulkDialog {
            query,
            shown,
            field: BulkField::Owner,
            value: String::new(),
            chosen: false,
            to_change: None,
            job: None,
            done: None,
            refused: None,
            open: true,
        }
    }

    fn count(&mut self, store: &Store) -> Result<u64, String> {
        let stale =
            !matches!(&self.to_change, Some((f, v, _)) if *f == self.field && *v == self.value);
        if stale {
            let n = store
                .bulk_change_count(&self.query, self.field, &self.value)
                .map_err(|e| e.message());
            self.to_change = Some((self.field, self.value.clone(), n));
        }
        self.to_change.as_ref().expect("set above").2.clone()
    }

    fn spawn(
        &mut self,
        store: &Store,
        work: impl FnOnce(
            &mut Store,
            &mut dyn FnMut(u64, u64),
            &AtomicBool,
        ) -> Result<Outcome, StoreError>
        + Send
        + 'static,
    ) {
        let opener = store.opener();
        let done = Arc::new(AtomicU64::new(0));
        let total = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (d2, t2, c2) = (done.clone(), total.clone(), cancel.clone());
        let handle = std::thread::spawn(move || {
            let mut store = opener.open()?;
            work(
                &mut store,
                &mut |n, of| {
                    d2.store(n, Ordering::Relaxed);
                    t2.store(of, Ordering::Relaxed);
                },
                &c2,
            )
        });
        self.job = Some(Job {
            done,
            total,
            cancel,
            handle,
        });
    }

    /// Draws the dialog; what finished in this frame.
    pub fn show(&mut self, ctx: &egui::Context, store: &Store, known: &Known) -> Done {
        let mut changed = Done::Nothing;
        if let Some(job) = &self.job {
            if job.handle.is_finished() {
                let job = self.job.take().expect("checked above");
                let outcome = job.handle.join().unwrap_or(Err(StoreError::Cancelled));
                changed = match &outcome {
                    Ok(Outcome::Changed(Some(rec))) => Done::Set(rec.field, rec.value.clone()),
                    _ => Done::Other,
                };
                // The list behind reloads on the next frame.
                ctx.request_repaint();
                self.to_change = None;
                let had_done = self.done.is_some();
                self.done = match outcome {
                    Ok(Outcome::Changed(Some(rec))) => {
                        let text = strings::bulk_done(
                            strings::bulk_field(rec.field),
                            &strings::bulk_value(rec.field, &rec.value),
                            rec.changed,
                        );
                        Some((Some(rec), text, false))
                    }
                    Ok(Outcome::Changed(None)) => Some((None, S::BulkNone.t().into(), false)),
                    Ok(Outcome::Undone(u)) => {
                        Some((None, strings::bulk_undone(u.restored, u.kept), false))
                    }
                    // A change refused or cancelled: back to the choice, with why.
                    Err(e) if !had_done => {
                        self.refused = Some(e.message());
                        None
                    }
                    // An undo refused: the change stays, and can be undone again.
                    Err(e) => {
                        let rec = self.done.take().and_then(|d| d.0);
                        Some((rec, e.message(), true))
                    }
                };
            } else {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
        }
        let mut close = false;
        let mut start = false;
        let mut undo = None;
        let modal = egui::Modal::new(egui::Id::unique("bulk-change")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(S::BulkTitle.t());
            ui.add_space(6.0);
            if let Some(job) = &self.job {
                let (n, of) = (
                    job.done.load(Ordering::Relaxed),
                    job.total.load(Ordering::Relaxed),
                );
                ui.label(S::Bulking.t());
                ui.horizontal(|ui| {
                    let p = if of == 0 { 0.0 } else { n as f32 / of as f32 };
                    ui.add(
                        egui::ProgressBar::new(p)
                            .show_percentage()
                            .desired_width(360.0),
                    );
                    if ui.button(S::Cancel.t()).clicked() {
                        job.cancel.store(true, Ordering::Relaxed);
                    }
                });
                return;
            }
            if let Some((rec, text, error)) = &self.done {
                let colour = if *error { ERROR_RED } else { OK_GREEN };
                ui.label(RichText::new(text).color(colour));
                ui.horizontal(|ui| {
                    if let Some(rec) = rec
                        && rec.undone_at.is_none()
                        && ui.button(S::BulkUndo.t()).clicked()
                    {
                        undo = Some(rec.id);
                    }
                    close = ui.button(S::Close.t()).clicked();
                });
                return;
            }
            self.choose(ui, store, known, &mut start, &mut close);
        });
        // Esc or a click beside the dialog closes it, as 取消 does.
        close |= modal.should_close();
        if start {
            self.refused = None;
            let (q, field, value) = (self.query.clone(), self.field, self.value.clone());
            self.spawn(store, move |store, progress, cancel| {
                store
                    .bulk_change_customers(&q, field, &value, progress, cancel)
                    .map(Outcome::Changed)
            });
        }
        if let Some(id) = undo {
            self.spawn(store, move |store, _, _| {
                store.undo_bulk_change(id).map(Outcome::Undone)
            });
        }
        // Closing is refused while the change runs: it finishes (or is cancelled) first.
        self.open = !close || self.job.is_some();
        changed
    }

    /// The field, its new value, what that would do, and the button.
    fn choose(
        &mut self,
        ui: &mut egui::Ui,
        store: &Store,
        known: &Known,
        start: &mut bool,
        close: &mut bool,
    ) {
        egui::Grid::new("bulk-grid")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label(S::BulkField.t());
                ui.horizontal(|ui| {
                    for f in BulkField::bulk() {
                        if ui
                            .selectable_label(self.field == f, strings::bulk_field(f))
                            .clicked()
                            && self.field != f
                        {
                            self.field = f;
                            self.value.clear();
                            self.chosen = false;
                        }
                    }
                });
                ui.end_row();
                let l = ui.label(S::BulkValue.t());
                ui.vertical(|ui| self.value_picker(ui, known, l.id));
                ui.end_row();
            });
        ui.add_space(6.0);
        if let Some(why) = &self.refused {
            ui.label(RichText::new(why).color(ERROR_RED));
        }
        let n = if self.chosen {
            Some(self.count(store))
        } else {
            None
        };
        match &n {
            Some(Ok(n)) => {
                ui.label(strings::bulk_explained(
                    self.shown,
                    *n,
                    strings::bulk_field(self.field),
                    &strings::bulk_value(self.field, &tidy(&self.value)),
                ));
                if *n == 0 {
                    ui.label(RichText::new(S::BulkNone.t()).weak());
                } else {
                    ui.label(RichText::new(S::BulkCanUndo.t()).weak());
                }
            }
            Some(Err(e)) => {
                ui.label(RichText::new(e).color(ERROR_RED));
            }
            None => {
                ui.label(strings::bulk_scope(self.shown));
            }
        }
        ui.horizontal(|ui| {
            let ready = matches!(n, Some(Ok(k)) if k > 0);
            let label = match n {
                Some(Ok(k)) => strings::bulk_button(k),
                _ => S::BulkOpen.t().trim_end_matches('…').to_string(),
            };
            *start = ui.add_enabled(ready, egui::Button::new(label)).clicked();
            *close = ui.button(S::Cancel.t()).clicked();
        });
    }

    fn value_picker(&mut self, ui: &mut egui::Ui, known: &Known, label: egui::Id) {
        let mut pick = |ui: &mut egui::Ui, code: &str, text: String| {
            if ui
                .selectable_label(self.chosen && self.value == code, text)
                .clicked()
            {
                self.value = code.to_string();
                self.chosen = true;
            }
        };
        match self.field {
            BulkField::Grade => {
                ui.horizontal(|ui| {
                    for g in Grade::ALL {
                        pick(ui, g.code(), g.code().to_string());
                    }
                });
            }
            BulkField::Category => {
                ui.horizontal(|ui| {
                    for c in CustomerCategory::ALL {
                        pick(ui, c.code(), strings::category(*c).t().to_string());
                    }
                });
            }
            BulkField::Status => {
                ui.horizontal(|ui| {
                    for s in CustomerStatus::ALL {
                        pick(ui, s.code(), strings::status(*s).t().to_string());
                    }
                });
            }
            _ => {
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.value)
                            .hint_text(S::BulkTextHint.t())
                            .desired_width(260.0),
                    )
                    .labelled_by(label);
                if r.changed() {
                    self.chosen = true;
                }
                let offered = match self.field {
                    BulkField::Owner => &known.owners,
                    BulkField::Industry => &known.industries,
                    _ => &known.sources,
                };
                ui.horizontal_wrapped(|ui| {
                    for v in offered.iter().take(30) {
                        if ui.small_button(v).clicked() {
                            self.value = v.clone();
                            self.chosen = true;
                        }
                    }
                });
            }
        }
    }
}
