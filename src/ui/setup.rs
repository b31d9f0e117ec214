//! The setup card shown once after the administrator sets the password on a new
//! database (skippable, and reachable again from 系统设置): the firm's name (甲方 on every
//! contract sheet), where backups go, the date format, and what to do first — import a
//! spreadsheet, start empty, or look at the demo database in a window of its own.

use std::path::PathBuf;

use egui::RichText;

use super::widgets::ERROR_RED;
use crate::domain::settings::DateFormat;
use crate::store::Store;
use crate::strings::{self, S};

/// The card's width with its margins.
const CARD_WIDTH: f32 = 640.0;

/// What the clerk wants to do once set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstStep {
    Import,
    Empty,
    Demo,
}

/// What a frame of the card ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupOutcome {
    Waiting,
    Done(FirstStep),
    Skipped,
}

pub struct SetupCard {
    firm_name: String,
    backup_dir: String,
    auto_backup: bool,
    date_format: DateFormat,
    first: FirstStep,
    error: Option<String>,
}

impl SetupCard {
    pub fn new(store: &Store) -> SetupCard {
        let (s, error) = match store.settings() {
            Ok(s) => (s, None),
            Err(e) => (Default::default(), Some(e.message())),
        };
        let backup_dir = store
            .setting(super::tools::KEY_BACKUP_DIR)
            .ok()
            .flatten()
            .unwrap_or_else(super::tools::default_backup_dir);
        SetupCard {
            firm_name: s.firm_name,
            backup_dir,
            auto_backup: s.auto_backup,
            date_format: s.date_format,
            first: FirstStep::Import,
            error,
        }
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) -> SetupOutcome {
        let mut outcome = SetupOutcome::Waiting;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(40.0);
                ui.heading(RichText::new(S::SetupTitle.t()).size(22.0));
                ui.add_space(6.0);
                ui.label(S::SetupHelp.t());
                ui.add_space(12.0);
            });
            // The card sits under the centred title, as wide as its contents.
            let pad = ((ui.available_width() - CARD_WIDTH) / 2.0).max(0.0);
            ui.horizontal_top(|ui| {
                ui.add_space(pad);
                ui.vertical(|ui| {
                    egui::Frame::group(ui.style())
                        .inner_margin(egui::Margin::same(18))
                        .show(ui, |ui| {
                            ui.set_max_width(CARD_WIDTH - 40.0);
                            egui::Grid::new("setup-grid")
                                .num_columns(2)
                                .spacing([10.0, 10.0])
                                .show(ui, |ui| {
                                    let l = ui.label(S::FirmName.t());
                                    ui.add(
                                        egui::TextEdit::singleline(&mut self.firm_name)
                                            .hint_text(S::SetupFirmHint.t())
                                            .desired_width(360.0),
                                    )
                                    .labelled_by(l.id);
                                    ui.end_row();
                                    let l = ui.label(S::BackupFolder.t());
                                    ui.horizontal(|ui| {
                                        ui.add(
                                            egui::TextEdit::singleline(&mut self.backup_dir)
                                                .desired_width(360.0),
                                        )
                                        .labelled_by(l.id);
                                        if ui.button(S::ChooseFolder.t()).clicked()
                                            && let Some(p) = rfd::FileDialog::new().pick_folder()
                                        {
                                            self.backup_dir = p.display().to_string();
                                        }
                                    });
                                    ui.end_row();
                                    let l = ui.label(S::AutoBackup.t());
                                    ui.checkbox(&mut self.auto_backup, S::AutoBackupHelp.t())
                                        .labelled_by(l.id);
                                    ui.end_row();
                                    super::widgets::choice_row(
                                        ui,
                                        "setup-date-format",
                                        S::DateFormatLabel.t(),
                                        &mut self.date_format,
                                        &[DateFormat::Iso, DateFormat::Chinese],
                                        super::tools::date_format_sample,
                                    );
                                });
                            ui.add_space(10.0);
                            ui.label(RichText::new(S::SetupFirst.t()).strong());
                            ui.radio_value(&mut self.first, FirstStep::Import, S::SetupImport.t());
                            ui.radio_value(&mut self.first, FirstStep::Empty, S::SetupEmpty.t());
                            ui.radio_value(&mut self.first, FirstStep::Demo, S::SetupDemo.t());
                            ui.add_space(10.0);
                            if let Some(e) = &self.error {
                                ui.label(RichText::new(e).color(ERROR_RED));
                            }
                            ui.horizontal(|ui| {
                                if ui.button(S::SetupDone.t()).clicked() {
                                    match self.save(store) {
                                        Ok(()) => outcome = SetupOutcome::Done(self.first),
                                        Err(e) => self.error = Some(e),
                                    }
                                }
                                if ui.button(S::SetupSkip.t()).clicked() {
                                    outcome = SetupOutcome::Skipped;
                                }
                            });
                        });
                    ui.add_space(8.0);
                    ui.label(RichText::new(S::SetupLater.t()).weak());
                });
            });
        });
        outcome
    }

    /// Saves the choices: the settings, and the backup folder (created here).
    fn save(&self, store: &mut Store) -> Result<(), String> {
        let mut s = store.settings().map_err(|e| e.message())?;
        s.firm_name = self.firm_name.trim().to_string();
        s.auto_backup = self.auto_backup;
        s.date_format = self.date_format;
        if let Some((_, p)) = s.validate().into_iter().next() {
            return Err(strings::problem(p));
        }
        let dir = PathBuf::from(self.backup_dir.trim());
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(&dir).map_err(|e| {
                strings::cannot_create_folder(&dir.display().to_string(), &e.to_string())
            })?;
        }
        store.save_settings(&s).map_err(|e| e.message())?;
        store
            .set_setting(super::tools::KEY_BACKUP_DIR, &dir.display().to_string())
            .map_err(|e| e.message())?;
        strings::set_date_format(s.date_format);
        Ok(())
    }
}
