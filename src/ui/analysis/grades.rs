//! 应用建议等级: what applying the suggested grades would change (how many customers move
//! from which grade to which), whether to keep grades set by hand since the last apply,
//! and the apply itself — one 批量修改 on a worker thread, with progress and 取消, that
//! 系统工具 can take back.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

use egui::RichText;

use crate::domain::BulkField;
use crate::store::value::{APPLIED_GRADES, GradePlan, RfmLine};
use crate::store::{Store, bulk::BulkChange};
use crate::strings::{self, S};
use crate::ui::widgets::{ERROR_RED, Message};

/// The apply running on its worker thread.
struct Job {
    done: Arc<AtomicU64>,
    of: u64,
    cancel: Arc<AtomicBool>,
    handle: JoinHandle<Result<Option<BulkChange>, String>>,
}

pub struct ApplyGrades {
    keep_hand_set: bool,
    /// The plan for `keep_hand_set` as it was when worked out (or why it could not be).
    plan: Option<(bool, Result<GradePlan, String>)>,
    job: Option<Job>,
    pub open: bool,
}

/// What the window did.
pub enum Applied {
    Nothing,
    /// Grades were changed (or nobody needed it): what to say.
    Done(Message),
}

impl ApplyGrades {
    pub fn new() -> ApplyGrades {
        ApplyGrades {
            keep_hand_set: true,
            plan: None,
            job: None,
            open: true,
        }
    }

    pub fn show(&mut self, ctx: &egui::Context, store: &Store, lines: &[RfmLine]) -> Applied {
        if self
            .plan
            .as_ref()
            .is_none_or(|(k, _)| *k != self.keep_hand_set)
        {
            let plan = store
                .grade_plan(lines, self.keep_hand_set)
                .map_err(|e| e.message());
            self.plan = Some((self.keep_hand_set, plan));
        }
        let mut open = self.open;
        let mut apply = false;
        let mut cancel = false;
        egui::Window::new(S::ApplyGradesTitle.t())
            .id(egui::Id::unique("apply-grades"))
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let plan = match &self.plan {
                    Some((_, Ok(p))) => p,
                    Some((_, Err(e))) => {
                        ui.label(RichText::new(e.as_str()).color(ERROR_RED));
                        return;
                    }
                    None => return,
                };
                if plan.changes.is_empty() {
                    ui.label(S::ApplyGradesNone.t());
                } else {
                    ui.label(strings::grades_to_change(plan.changes.len()));
                    egui::Grid::new("grade-moves").striped(true).show(ui, |ui| {
                        for ((from, to), n) in &plan.moves {
                            let from = if from.is_empty() {
                                S::NoGroup.t()
                            } else {
                                from
                            };
                            ui.label(format!("{from} → {to}"));
                            ui.label(n.to_string());
                            ui.end_row();
                        }
                    });
                }
                if !plan.hand_set.is_empty() {
                    ui.checkbox(
                        &mut self.keep_hand_set,
                        strings::keep_hand_set(plan.hand_set.len()),
                    );
                }
                ui.label(RichText::new(S::ApplyGradesUndo.t()).small());
                ui.horizontal(|ui| match &self.job {
                    Some(job) => {
                        let done = job.done.load(Ordering::Relaxed);
                        ui.add(
                            egui::ProgressBar::new(done as f32 / job.of.max(1) as f32)
                                .desired_width(200.0)
                                .show_percentage(),
                        );
                        cancel = ui.button(S::Cancel.t()).clicked();
                    }
                    None => {
                        apply = ui
                            .add_enabled(
                                !plan.changes.is_empty(),
                                egui::Button::new(S::ApplyButton.t()),
                            )
                            .clicked();
                        cancel = ui.button(S::Cancel.t()).clicked();
                    }
                });
            });
        if let Some(job) = &self.job {
            if cancel || !open {
                job.cancel.store(true, Ordering::Relaxed);
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        // 取消 before applying closes; while applying it stops the change (nothing kept).
        self.open = (open && !(cancel && self.job.is_none())) || self.job.is_some();
        if apply && let Some((_, Ok(plan))) = &self.plan {
            self.job = Some(spawn(store, plan.changes.clone()));
        }
        let Some(job) = self.job.take_if(|j| j.handle.is_finished()) else {
            return Applied::Nothing;
        };
        self.open = false;
        let said = match job.handle.join() {
            Ok(Ok(Some(change))) => Message::info(strings::grades_applied(change.changed)),
            Ok(Ok(None)) => Message::info(S::ApplyGradesNone.t()),
            Ok(Err(e)) => Message::error(e),
            Err(_) => Message::error(S::ErrDbOther.t()),
        };
        Applied::Done(said)
    }
}

/// Applies `changes` on a worker thread with its own connection, signed in as the user.
fn spawn(store: &Store, changes: Vec<(i64, String)>) -> Job {
    let done = Arc::new(AtomicU64::new(0));
    let cancel = Arc::new(AtomicBool::new(false));
    let (d, c) = (done.clone(), cancel.clone());
    let opener = store.opener();
    let of = changes.len() as u64;
    let handle = std::thread::spawn(move || {
        let mut store = opener.open().map_err(|e| e.message())?;
        store
            .bulk_set_each(
                BulkField::Grade,
                APPLIED_GRADES,
                &changes,
                &mut |n, _| d.store(n, Ordering::Relaxed),
                &c,
            )
            .map_err(|e| e.message())
    });
    Job {
        done,
        of,
        cancel,
        handle,
    }
}
