//! 合并重复客户: the clerk picks the duplicate of the customer open in the form, sees what
//! will move, and confirms; the merge (with its snapshot) runs on a worker thread.

use std::thread::JoinHandle;

use egui::RichText;

use super::pickers::{CustomerPick, customer_row_labelled};
use super::widgets::ERROR_RED;
use crate::store::merge::MergeReport;
use crate::store::{Store, StoreError};
use crate::strings::{self, S};

pub struct MergeDialog {
    keep: i64,
    keep_name: String,
    pick: CustomerPick,
    job: Option<JoinHandle<Result<MergeReport, StoreError>>>,
    pub open: bool,
}

impl MergeDialog {
    pub fn new(keep: i64, keep_name: String) -> Self {
        MergeDialog {
            keep,
            keep_name,
            pick: CustomerPick::default(),
            job: None,
            open: true,
        }
    }

    /// The customer kept.
    pub fn keep(&self) -> i64 {
        self.keep
    }

    /// Draws the dialog; the outcome once the merge has run.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        store: &Store,
    ) -> Option<Result<MergeReport, StoreError>> {
        if let Some(job) = &self.job {
            if !job.is_finished() {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            } else {
                let job = self.job.take().expect("checked above");
                self.open = false;
                // The list behind reloads on the next frame.
                ctx.request_repaint();
                return Some(job.join().unwrap_or(Err(StoreError::Cancelled)));
            }
        }
        let mut open = self.open;
        let mut start = false;
        let mut cancel = false;
        egui::Window::new(S::MergeTitle.t())
            .id(egui::Id::unique("merge-customers"))
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(strings::merge_explained(&self.keep_name));
                ui.add_space(6.0);
                if self.job.is_some() {
                    ui.horizontal(|ui| {
                        ui.add(egui::Spinner::new());
                        ui.label(S::Merging.t());
                    });
                    return;
                }
                let itself = self.pick.id == Some(self.keep);
                egui::Grid::new("merge-grid").num_columns(2).show(ui, |ui| {
                    customer_row_labelled(
                        ui,
                        store,
                        &mut self.pick,
                        true,
                        itself.then(|| S::ErrMergeItself.t()),
                        S::MergeDuplicate.t(),
                    );
                });
                let ready = self.pick.id.is_some() && !itself;
                if ready && let Some(dup) = self.pick.id {
                    match store.merge_preview(dup) {
                        Ok(c) => {
                            ui.label(
                                RichText::new(strings::merge_moves(
                                    &self.pick.name,
                                    c.contacts,
                                    c.feedback,
                                    c.contracts,
                                    c.links,
                                ))
                                .strong(),
                            );
                        }
                        Err(e) => {
                            ui.label(RichText::new(e.message()).color(ERROR_RED));
                        }
                    }
                }
                ui.horizontal(|ui| {
                    start = ui
                        .add_enabled(ready, egui::Button::new(S::MergeButton.t()))
                        .clicked();
                    cancel = ui.button(S::Cancel.t()).clicked();
                });
            });
        if start && let Some(dup) = self.pick.id {
            let opener = store.opener();
            let keep = self.keep;
            self.job = Some(std::thread::spawn(move || {
                opener.open()?.merge_customers(keep, dup)
            }));
        }
        // Closing is refused while the merge runs: it finishes either way.
        self.open = (open && !cancel) || self.job.is_some();
        None
    }
}
