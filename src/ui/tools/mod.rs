//! 系统工具: backup and restore (the backup runs on a worker thread with a progress bar
//! and a cancel button), users, one's own password, the change log, and the database's
//! health. Administrators see everything; others see what their role allows.

use super::widgets::Message;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use egui::RichText;

use super::widgets::{self, Answer, ERROR_RED, OK_GREEN};
use crate::domain::Role;
use crate::store::backup::{BackupInfo, backup_file, list_backups};
use crate::store::changelog::ChangeEntry;
use crate::store::{Store, StoreError};
use crate::strings::{self, S};

mod backup;
mod changes;
mod database;
mod past;
mod settings;
mod tasks;
mod users;
pub use tasks::*;
use users::*;

/// Setting key of the folder backups go to.
pub const KEY_BACKUP_DIR: &str = "backup_dir";

/// How a date looks in `format`, as the choice of it reads.
pub(super) fn date_format_sample(format: crate::domain::settings::DateFormat) -> String {
    use crate::domain::settings::DateFormat;
    match format {
        DateFormat::Iso => "2026-11-22".into(),
        DateFormat::Chinese => "2026年11月22日".into(),
    }
}

/// Suggested until the clerk picks one: a folder in their documents.
pub(crate) fn default_backup_dir() -> String {
    directories::UserDirs::new()
        .map(|d| {
            d.document_dir()
                .unwrap_or(d.home_dir())
                .join("客户资料备份")
        })
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

/// What the rest of the app must know after a frame of this panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolsEvent {
    None,
    /// The database was replaced by a restore: every panel reloads.
    DataReplaced,
    /// The administrator asked for the first-time setup card again.
    Setup,
}

/// Whether automatic backups run, as the schedule and the panel both see it.
enum AutoBackup {
    Off,
    /// Ticked, but the saved folder does not exist (or none was saved): nothing runs.
    Waiting {
        hours: u32,
    },
    Ready {
        dir: PathBuf,
        settings: crate::domain::settings::Settings,
    },
}

fn auto_backup(store: &Store) -> AutoBackup {
    let Ok(settings) = store.settings() else {
        return AutoBackup::Off;
    };
    if !settings.auto_backup {
        return AutoBackup::Off;
    }
    let dir = PathBuf::from(
        store
            .setting(KEY_BACKUP_DIR)
            .ok()
            .flatten()
            .unwrap_or_default(),
    );
    if dir.as_os_str().is_empty() || !dir.is_dir() {
        return AutoBackup::Waiting {
            hours: settings.auto_backup_hours,
        };
    }
    AutoBackup::Ready { dir, settings }
}

#[derive(Default)]
pub struct ToolsPanel {
    backup_dir: Option<String>,
    job: Option<BackupJob>,
    backups: Option<Vec<BackupInfo>>,
    snapshots: Option<Vec<BackupInfo>>,
    /// What backups and snapshots take on disk, and whether automatic backup is
    /// waiting for a folder: read with the lists.
    space_used: Option<String>,
    auto_backup_note: Option<String>,
    confirm_restore: Option<BackupInfo>,
    message: Option<Message>,
    new_user: NewUser,
    reset_for: Option<(i64, String)>,
    own_old: String,
    own_new: String,
    own_new2: String,
    changes: Option<Vec<ChangeEntry>>,
    check_result: Option<crate::store::recovery::Diagnosis>,
    settings: Option<crate::domain::settings::Settings>,
    change_filter: crate::store::changelog::ChangeFilter,
    from_text: String,
    to_text: String,
    record_text: String,
    /// A customer was changed from here (a value put back): the list must reload.
    data_changed: bool,
    /// Asked before emptying the whole trash: how many records it holds.
    confirm_empty_all: Option<usize>,
    /// 初次设置… was clicked.
    setup_requested: bool,
    threshold_text: String,
    /// 信用等级's pick list as typed (AAA、AA、A …).
    ratings_text: String,
    /// 工作台's rules as being edited.
    work: Option<crate::domain::workbench::WorkSettings>,
    last_schedule_check: Option<std::time::Instant>,
    /// A restore, compaction or check running on a worker thread.
    task: Option<Task>,
}

impl ToolsPanel {
    fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    fn say_result(&mut self, r: Result<(), StoreError>, ok: S) {
        match r {
            Ok(()) => self.say(ok.t(), false),
            Err(e) => self.say(e.message(), true),
        }
    }

    /// Runs every frame whichever tab shows: finishes a backup that ended, and starts the
    /// scheduled backup when it is due (on start, then every N hours).
    pub fn tick(&mut self, ctx: &egui::Context, store: &mut Store) {
        self.poll_task(ctx);
        if let Some(job) = &self.job {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            if job.handle.is_finished()
                && let Some(job) = self.job.take()
            {
                match job.handle.join() {
                    Ok(Ok(path)) => {
                        if let Some((dir, keep)) = &job.automatic {
                            crate::store::backup::rotate(dir, AUTO_PREFIX, *keep);
                        }
                        self.say(strings::backed_up_to(&path.display().to_string()), false);
                        self.backups = None;
                    }
                    Ok(Err(e)) => self.say(e.message(), true),
                    Err(_) => self.say(S::ErrDbOther.t(), true),
                }
            }
            return;
        }
        let due_check = self
            .last_schedule_check
            .is_none_or(|t| t.elapsed() > std::time::Duration::from_secs(60));
        if !due_check {
            return;
        }
        self.last_schedule_check = Some(std::time::Instant::now());
        ctx.request_repaint_after(std::time::Duration::from_secs(61));
        let AutoBackup::Ready { dir, settings } = auto_backup(store) else {
            return;
        };
        let period = std::time::Duration::from_secs(u64::from(settings.auto_backup_hours) * 3600);
        if crate::store::backup::newest_age(&dir, AUTO_PREFIX).is_some_and(|age| age < period) {
            return;
        }
        self.job = Some(start_backup(
            store.path().to_path_buf(),
            dir.clone(),
            AUTO_PREFIX,
            Some((dir, settings.auto_backup_keep as usize)),
        ));
    }

    /// Reads the backup and snapshot folders and the change log again when next shown:
    /// other tabs take snapshots and write changes (an import, a merge, a bulk change).
    pub fn invalidate(&mut self) {
        self.backups = None;
        self.snapshots = None;
        self.changes = None;
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) -> ToolsEvent {
        let mut event = ToolsEvent::None;
        let admin = store.actor().is_some_and(|a| a.role.can_admin());
        if self.backup_dir.is_none() {
            self.backup_dir = Some(
                store
                    .setting(KEY_BACKUP_DIR)
                    .ok()
                    .flatten()
                    .unwrap_or_else(default_backup_dir),
            );
        }
        if let Some(task) = &self.task {
            ui.horizontal(|ui| {
                ui.add(egui::Spinner::new());
                ui.label(if task.restore {
                    S::Restoring.t()
                } else {
                    S::Working.t()
                });
            });
        } else if let Some(Message {
            text: m,
            error: err,
        }) = &self.message
        {
            ui.label(RichText::new(m.as_str()).color(if *err { ERROR_RED } else { OK_GREEN }));
        }
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                egui::CollapsingHeader::new(RichText::new(S::ToolsBackup.t()).strong())
                    .default_open(true)
                    .show(ui, |ui| self.show_backup(ui, store, admin));
                if admin {
                    egui::CollapsingHeader::new(RichText::new(S::ToolsUsers.t()).strong())
                        .default_open(true)
                        .show(ui, |ui| self.show_users(ui, store));
                }
                egui::CollapsingHeader::new(RichText::new(S::ToolsImports.t()).strong())
                    .show(ui, |ui| self.show_imports(ui, store));
                egui::CollapsingHeader::new(RichText::new(S::ToolsBulk.t()).strong())
                    .show(ui, |ui| self.show_bulk_changes(ui, store));
                egui::CollapsingHeader::new(RichText::new(S::ToolsTrash.t()).strong())
                    .show(ui, |ui| self.show_trash(ui, store, admin));
                egui::CollapsingHeader::new(RichText::new(S::ToolsOwnPassword.t()).strong())
                    .show(ui, |ui| self.show_own_password(ui, store));
                egui::CollapsingHeader::new(RichText::new(S::ToolsChangeLog.t()).strong())
                    .show(ui, |ui| self.show_changes(ui, store));
                egui::CollapsingHeader::new(RichText::new(S::ToolsSettings.t()).strong())
                    .show(ui, |ui| self.show_settings(ui, store, admin));
                egui::CollapsingHeader::new(RichText::new(S::ToolsDatabase.t()).strong())
                    .show(ui, |ui| self.show_database(ui, store));
            });
        if let Some(n) = self.confirm_empty_all {
            match widgets::confirm_dialog(
                ui.ctx(),
                "empty-all-trash",
                S::EmptyTrash.t(),
                &strings::confirm_empty_trash(n),
                S::EmptyTrash.t(),
                S::Cancel.t(),
            ) {
                Answer::Confirm => {
                    self.confirm_empty_all = None;
                    match store.empty_all_trash() {
                        Ok((n, snap)) => {
                            self.say(
                                strings::trash_emptied(n, &snap.display().to_string()),
                                false,
                            );
                            self.snapshots = None;
                            self.data_changed = true;
                        }
                        Err(e) => self.say(e.message(), true),
                    }
                }
                Answer::Cancel => self.confirm_empty_all = None,
                Answer::Pending => {}
            }
        }
        if std::mem::take(&mut self.data_changed) {
            event = ToolsEvent::DataReplaced;
        }
        if std::mem::take(&mut self.setup_requested) {
            event = ToolsEvent::Setup;
        }
        if let Some(info) = self.confirm_restore.clone() {
            let body = crate::store::text::confirm_restore(
                &info.written_at,
                &info.counts,
                &info.path.display().to_string(),
            );
            match widgets::confirm_dialog(
                ui.ctx(),
                "restore",
                S::ConfirmRestoreTitle.t(),
                &body,
                S::Restore.t(),
                S::Cancel.t(),
            ) {
                Answer::Confirm => {
                    self.confirm_restore = None;
                    if self.task.is_none() {
                        self.task = Some(start_task(store, TaskKind::Restore(info.path)));
                    }
                }
                Answer::Cancel => self.confirm_restore = None,
                Answer::Pending => {}
            }
        }
        event
    }
}
