//! The screen shown instead of the program when the database cannot be opened: what is
//! wrong in plain words, the backups and snapshots to restore from with one click, and
//! recovering what can still be read. The file there is moved aside, never deleted.

use super::widgets::Message;
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
    message: Option<Message>,
    /// A restore or recovery running off the window's thread (a large file takes a
    /// while): the database put in place and what to say of it.
    job: Option<std::thread::JoinHandle<Result<(Store, String), StoreError>>>,
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
            job: None,
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

    /// The finished restore or recovery, if it has finished: the database opened.
    fn poll(&mut self, ctx: &egui::Context) -> Option<Store> {
        if !self.job.as_ref()?.is_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return None;
        }
        match self.job.take()?.join() {
            Ok(Ok((store, said))) => {
                self.message = Some(Message::info(said));
                Some(store)
            }
            Ok(Err(e)) => {
                self.message = Some(Message::error(e.message()));
                None
            }
            Err(_) => {
                self.message = Some(Message::error(S::ErrDbOther.t()));
                None
            }
        }
    }

    fn body(&mut self, ui: &mut egui::Ui) -> Option<Store> {
        if let Some(store) = self.poll(ui.ctx()) {
            return Some(store);
        }
        let busy = self.job.is_some();
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
            s => crate::store::text::file_state(s),
        };
        widgets::error_box(ui, &what, &self.error.detail());
        ui.add_space(8.0);
        if self.found.is_empty() {
            ui.label(S::RecoveryNoBackups.t());
        } else {
            // Said only when there is something below to restore from.
            ui.label(S::RecoveryExplained.t());
            ui.add_space(8.0);
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
                        if ui
                            .add_enabled(!busy, egui::Button::new(S::RestoreThis.t()))
                            .clicked()
                        {
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
                if ui
                    .add_enabled(!busy, egui::Button::new(S::RecoveryDo.t()))
                    .clicked()
                {
                    self.confirm = None;
                    let (db, backup) = (self.path.clone(), b.path);
                    self.job = Some(std::thread::spawn(move || {
                        let (mut store, r) = Store::restore_over(&db, &backup, who())?;
                        store.sign_out();
                        let said = strings::restored_over(
                            &backup.display().to_string(),
                            r.restored.counts.customers,
                            r.moved_aside
                                .as_ref()
                                .map(|p| p.display().to_string())
                                .as_deref(),
                        );
                        Ok((store, said))
                    }));
                }
                if ui.button(S::Cancel.t()).clicked() {
                    self.confirm = None;
                }
            });
        }
        if matches!(self.state, FileState::Damaged(_)) {
            ui.add_space(8.0);
            ui.label(S::SalvageExplained.t());
            if ui
                .add_enabled(!busy, egui::Button::new(S::SalvageNow.t()))
                .clicked()
            {
                let db = self.path.clone();
                self.job = Some(std::thread::spawn(move || {
                    let r = salvage(&db, &who())?;
                    Ok((Store::open(&db)?, crate::store::text::salvaged(&r)))
                }));
            }
        }
        if busy {
            ui.horizontal(|ui| {
                ui.add(egui::Spinner::new());
                ui.label(S::Working.t());
            });
        }
        if let Some(Message { text: m, error }) = &self.message {
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
        None
    }

    /// What the screen last said (kept to show after the database opens).
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.text.as_str())
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
