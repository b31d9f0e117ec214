//! The screen shown instead of the program when the database cannot be opened: what is
//! wrong in plain words, the backups and snapshots to restore from with one click, and
//! recovering what can still be read. The file there is moved aside, never deleted.

use std::path::{Path, PathBuf};

use egui::RichText;

use super::widgets;
use crate::store::backup::{BackupInfo, list_backups, snapshot_dir};
use crate::store::recovery::{FileState, file_state, salvage, stored_setting};
use crate::store::{Actor, Store, StoreError};
use crate::strings::{self, S};

pub struct RecoveryScreen {
    path: PathBuf,
    error: StoreError,
    state: FileState,
    /// Backups in the backup folder, then snapshots, newest first.
    found: Vec<BackupInfo>,
    confirm: Option<BackupInfo>,
    message: Option<(String, bool)>,
}

/// Whoever sits at the window restores: nobody can sign in to a file that cannot be read.
fn who() -> Actor {
    Actor::os_user()
}

impl RecoveryScreen {
    pub fn new(error: StoreError, path: PathBuf) -> RecoveryScreen {
        let state = file_state(&path);
        let mut found = Vec::new();
        let backup_dir = stored_setting(&path, super::tools::KEY_BACKUP_DIR)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(super::tools::default_backup_dir()));
        found.extend(list_backups(&backup_dir));
        found.extend(list_backups(&snapshot_dir(&path)));
        RecoveryScreen {
            path,
            error,
            state,
            found,
            confirm: None,
            message: None,
        }
    }

    /// Draws the screen; returns the database once one has been put in place.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<Store> {
        let mut opened = None;
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                opened = self.body(ui);
            });
        });
        opened
    }

    fn body(&mut self, ui: &mut egui::Ui) -> Option<Store> {
        ui.vertical_centered(|ui| {
            ui.add_space(30.0);
            ui.heading(S::CannotOpenTitle.t());
            ui.add_space(12.0);
        });
        ui.label(strings::labelled(
            S::DatabaseFile.t(),
            &self.path.display().to_string(),
        ));
        ui.add_space(6.0);
        let what = match &self.state {
            FileState::Sound | FileState::Missing => self.error.message(),
            s => strings::file_state(s),
        };
        widgets::error_box(ui, &what, &self.error.detail());
        ui.add_space(8.0);
        ui.label(S::RecoveryExplained.t());
        ui.add_space(8.0);
        let mut result = None;
        if self.found.is_empty() {
            ui.label(S::RecoveryNoBackups.t());
        } else {
            ui.label(RichText::new(S::RecoveryChoose.t()).strong());
            egui::Grid::new("recovery-backups")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for h in [S::BackupFile, S::BackupTime, S::CustomerCount] {
                        ui.label(RichText::new(h.t()).strong());
                    }
                    ui.label("");
                    ui.end_row();
                    for b in &self.found {
                        ui.label(file_name(&b.path));
                        ui.label(&b.written_at);
                        ui.label(b.counts.customers.to_string());
                        if ui.button(S::RestoreThis.t()).clicked() {
                            self.confirm = Some(b.clone());
                        }
                        ui.end_row();
                    }
                });
        }
        if let Some(b) = self.confirm.clone() {
            ui.add_space(8.0);
            ui.label(strings::recovery_confirm(
                &file_name(&b.path),
                b.counts.customers,
            ));
            ui.horizontal(|ui| {
                if ui.button(S::RecoveryDo.t()).clicked() {
                    self.confirm = None;
                    match Store::restore_over(&self.path, &b.path, who()) {
                        Ok((mut store, r)) => {
                            store.sign_out();
                            result = Some(store);
                            self.message = Some((
                                strings::restored_over(
                                    &b.path.display().to_string(),
                                    r.restored.counts.customers,
                                    r.moved_aside
                                        .as_ref()
                                        .map(|p| p.display().to_string())
                                        .as_deref(),
                                ),
                                false,
                            ));
                        }
                        Err(e) => self.message = Some((e.message(), true)),
                    }
                }
                if ui.button(S::Cancel.t()).clicked() {
                    self.confirm = None;
                }
            });
        }
        if matches!(self.state, FileState::Damaged(_)) {
            ui.add_space(8.0);
            ui.label(S::SalvageExplained.t());
            if ui.button(S::SalvageNow.t()).clicked() {
                match salvage(&self.path, &who()).and_then(|r| Ok((Store::open(&self.path)?, r))) {
                    Ok((store, r)) => {
                        self.message = Some((strings::salvaged(&r), false));
                        result = Some(store);
                    }
                    Err(e) => self.message = Some((e.message(), true)),
                }
            }
        }
        if let Some((m, error)) = &self.message {
            ui.add_space(6.0);
            if *error {
                widgets::error_box(ui, m, "");
            } else {
                ui.label(m);
            }
        }
        ui.add_space(12.0);
        if ui.button(S::Quit.t()).clicked() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        result
    }

    /// What the screen last said (kept to show after the database opens).
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.0.as_str())
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
