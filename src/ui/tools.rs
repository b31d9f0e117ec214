//! 系统工具: backup and restore (the backup runs on a worker thread with a progress bar
//! and a cancel button), users, one's own password, the change log, and the database's
//! health. Administrators see everything; others see what their role allows.

use super::widgets::Message;
use std::path::{Path, PathBuf};
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

/// Setting key of the folder backups go to.
pub const KEY_BACKUP_DIR: &str = "backup_dir";

/// Why a backup or snapshot file was written, from its name.
fn cause(b: &BackupInfo) -> &'static str {
    let name = b
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if name.starts_with("kehu-before-restore-") {
        S::CauseRestore.t()
    } else if name.starts_with("kehu-before-empty-trash-") {
        S::CauseEmptyTrash.t()
    } else if name.starts_with("kehu-before-import-") {
        S::CauseImport.t()
    } else if name.starts_with("kehu-before-undo-import-") {
        S::CauseUndoImport.t()
    } else if name.starts_with("kehu-before-merge-") {
        S::CauseMerge.t()
    } else if name.starts_with("kehu-before-bulk-change-") {
        S::CauseBulkChange.t()
    } else if name.starts_with("kehu-auto-") {
        S::CauseAuto.t()
    } else {
        S::CauseManual.t()
    }
}

/// A list of backups with their cause, date and size; returns the one to restore.
fn backup_grid(
    ui: &mut egui::Ui,
    id: &str,
    backups: &[BackupInfo],
    admin: bool,
) -> Option<BackupInfo> {
    let mut chosen = None;
    egui::Grid::new(id)
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in [
                S::BackupFile,
                S::BackupCause,
                S::BackupTime,
                S::CustomerCount,
            ] {
                ui.label(RichText::new(h.t()).strong());
            }
            ui.label("");
            ui.end_row();
            for b in backups {
                ui.label(
                    b.path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                );
                ui.label(cause(b));
                ui.label(&b.written_at);
                ui.label(b.counts.customers.to_string());
                if admin && ui.button(S::RestoreThis.t()).clicked() {
                    chosen = Some(b.clone());
                }
                ui.end_row();
            }
        });
    chosen
}

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

/// A backup running on a worker thread.
struct BackupJob {
    progress: Arc<Mutex<f32>>,
    cancel: Arc<AtomicBool>,
    handle: JoinHandle<Result<PathBuf, StoreError>>,
    /// Started by the schedule: older automatic backups are rotated out after it.
    automatic: Option<(PathBuf, usize)>,
}

/// File-name prefix of the scheduled backups.
pub const AUTO_PREFIX: &str = "kehu-auto";

fn start_backup(
    db: PathBuf,
    dir: PathBuf,
    prefix: &'static str,
    automatic: Option<(PathBuf, usize)>,
) -> BackupJob {
    let progress = Arc::new(Mutex::new(0.0));
    let cancel = Arc::new(AtomicBool::new(false));
    let (p2, c2) = (progress.clone(), cancel.clone());
    let handle = std::thread::spawn(move || {
        backup_file(
            &db,
            &dir,
            prefix,
            &mut |f| *p2.lock().unwrap_or_else(|e| e.into_inner()) = f,
            &c2,
        )
    });
    BackupJob {
        progress,
        cancel,
        handle,
        automatic,
    }
}

/// Work on the whole database that can take seconds on a big file, run on a worker
/// thread with its own connection while the window stays responsive.
enum TaskKind {
    Restore(PathBuf),
    Vacuum,
    Check,
    Repair,
    UndoImport(i64),
    UndoBulk(i64),
}

enum TaskDone {
    Restored(crate::store::backup::RestoreReport),
    Vacuumed,
    Checked(crate::store::recovery::Diagnosis),
    Repaired(crate::store::recovery::Repaired),
    ImportUndone(crate::store::imports::ImportUndo),
    BulkUndone(crate::store::bulk::BulkUndo),
}

struct Task {
    restore: bool,
    handle: std::thread::JoinHandle<Result<TaskDone, StoreError>>,
}

fn start_task(store: &Store, kind: TaskKind) -> Task {
    let opener = store.opener();
    let restore = matches!(kind, TaskKind::Restore(_));
    let handle = std::thread::spawn(move || {
        let mut store = opener.open()?;
        match kind {
            TaskKind::Restore(path) => store.restore_from(&path).map(TaskDone::Restored),
            TaskKind::Vacuum => store.vacuum().map(|()| TaskDone::Vacuumed),
            TaskKind::Check => Ok(TaskDone::Checked(store.diagnose())),
            TaskKind::Repair => store.repair().map(TaskDone::Repaired),
            TaskKind::UndoImport(id) => store
                .undo_import_keeping(id, true)
                .map(TaskDone::ImportUndone),
            TaskKind::UndoBulk(id) => store.undo_bulk_change(id).map(TaskDone::BulkUndone),
        }
    });
    Task { restore, handle }
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

#[derive(Default)]
pub struct ToolsPanel {
    backup_dir: Option<String>,
    job: Option<BackupJob>,
    backups: Option<Vec<BackupInfo>>,
    snapshots: Option<Vec<BackupInfo>>,
    /// What backups and snapshots take on disk, read with their lists.
    space_used: Option<String>,
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
    last_schedule_check: Option<std::time::Instant>,
    /// A restore, compaction or check running on a worker thread.
    task: Option<Task>,
}

/// A change to a user picked in the list, carried out after the list is drawn.
enum UserAction {
    SetRole(i64, Role),
    SetDisabled(i64, bool),
}

#[derive(Default)]
struct NewUser {
    username: String,
    display_name: String,
    role: Option<Role>,
    password: String,
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
                    Err(_) => self.say(S::EDbOther.t(), true),
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
        let Ok(settings) = store.settings() else {
            return;
        };
        let dir = PathBuf::from(
            store
                .setting(KEY_BACKUP_DIR)
                .ok()
                .flatten()
                .unwrap_or_default(),
        );
        if !settings.auto_backup || dir.as_os_str().is_empty() || !dir.is_dir() {
            return;
        }
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

    fn poll_task(&mut self, ctx: &egui::Context) {
        let Some(task) = &self.task else { return };
        if !task.handle.is_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        let task = self.task.take().expect("checked above");
        match task.handle.join() {
            Ok(Ok(TaskDone::Restored(report))) => {
                self.say(
                    strings::restored_from(&report.safety_copy.display().to_string()),
                    false,
                );
                self.backups = None;
                self.snapshots = None;
                self.changes = None;
                self.data_changed = true;
            }
            Ok(Ok(TaskDone::Vacuumed)) => self.say(S::Vacuumed.t(), false),
            Ok(Ok(TaskDone::Checked(d))) => self.check_result = Some(d),
            Ok(Ok(TaskDone::Repaired(r))) => {
                self.say(crate::store::text::repaired(&r), !r.remaining.is_sound());
                self.check_result = Some(r.remaining);
                self.data_changed = true;
                self.invalidate();
            }
            Ok(Ok(TaskDone::ImportUndone(r))) => {
                self.say(crate::store::text::import_undone(&r), false);
                self.data_changed = true;
                self.invalidate();
            }
            Ok(Ok(TaskDone::BulkUndone(u))) => {
                self.say(strings::bulk_undone(u.restored, u.kept), false);
                self.data_changed = true;
                self.invalidate();
            }
            Ok(Err(e)) => self.say(e.message(), true),
            Err(_) => self.say(S::EDbOther.t(), true),
        }
        ctx.request_repaint();
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

    /// Everything in the trash, of every kind, with who and when; restore or (admin) empty.
    fn show_trash(&mut self, ui: &mut egui::Ui, store: &mut Store, admin: bool) {
        use crate::store::trash::TrashKind;
        let Some(items) = widgets::or_show(ui, store.trash_items()) else {
            return;
        };
        if items.is_empty() {
            ui.label(RichText::new(S::TrashEmpty.t()).weak());
            return;
        }
        egui::Grid::new("trash-grid").striped(true).show(ui, |ui| {
            for it in items.iter().take(500) {
                ui.label(match it.kind {
                    TrashKind::Customer => S::TabCustomers.t(),
                    TrashKind::Contract => S::TabContracts.t(),
                    TrashKind::Feedback => S::TabFeedback.t(),
                    TrashKind::Competitor => S::TabCompetitors.t(),
                    TrashKind::News => S::TabNews.t(),
                });
                ui.label(&it.title);
                ui.label(&it.deleted_at);
                ui.label(&it.deleted_by);
                if ui.button(S::Restore.t()).clicked() {
                    match store.restore_item(it.kind, it.id) {
                        Ok(()) => {
                            self.say(S::Restored.t(), false);
                            self.data_changed = true;
                        }
                        Err(e) => self.say(e.message(), true),
                    }
                }
                ui.end_row();
            }
        });
        if admin && ui.button(S::EmptyTrash.t()).clicked() {
            self.confirm_empty_all = Some(items.len());
        }
    }

    /// Past 批量修改 of customers; each can be undone (once).
    fn show_bulk_changes(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(list) = widgets::or_show(ui, store.bulk_changes()) else {
            return;
        };
        if list.is_empty() {
            ui.label(RichText::new(S::BulkChangesNone.t()).weak());
            return;
        }
        egui::Grid::new("bulk-grid").striped(true).show(ui, |ui| {
            for r in list.iter().take(100) {
                ui.label(strings::show_date(&r.at));
                ui.label(&r.user);
                ui.label(strings::bulk_done(
                    strings::bulk_field(r.field).t(),
                    &strings::bulk_value(r.field, &r.value),
                    r.changed,
                ));
                if r.undone_at.is_some() {
                    ui.label(RichText::new(S::BulkUndone.t()).weak());
                } else if ui
                    .add_enabled(self.task.is_none(), egui::Button::new(S::BulkUndo.t()))
                    .clicked()
                {
                    self.task = Some(start_task(store, TaskKind::UndoBulk(r.id)));
                }
                ui.end_row();
            }
        });
    }

    /// Past imports with their counts; each can be undone (once).
    fn show_imports(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(list) = widgets::or_show(ui, store.imports()) else {
            return;
        };
        if list.is_empty() {
            ui.label(RichText::new(S::ImportsNone.t()).weak());
            return;
        }
        egui::Grid::new("imports-grid")
            .striped(true)
            .show(ui, |ui| {
                for r in list.iter().take(100) {
                    ui.label(strings::show_date(&r.at));
                    ui.label(&r.user);
                    ui.label(
                        crate::io::records::RecordKind::from_key(&r.kind)
                            .map(|k| k.label())
                            .unwrap_or(S::TabCustomers)
                            .t(),
                    );
                    ui.label(&r.file_name);
                    ui.label(strings::import_counts(
                        r.created, r.updated, r.skipped, r.errors,
                    ));
                    if r.undone_at.is_some() {
                        ui.label(RichText::new(S::ImportUndone.t()).weak());
                    } else if ui
                        .add_enabled(self.task.is_none(), egui::Button::new(S::ImportUndo.t()))
                        .clicked()
                    {
                        self.task = Some(start_task(store, TaskKind::UndoImport(r.id)));
                    }
                    ui.end_row();
                }
            });
    }

    fn show_backup(&mut self, ui: &mut egui::Ui, store: &mut Store, admin: bool) {
        ui.horizontal(|ui| {
            let l = ui.label(S::BackupFolder.t());
            let dir = self.backup_dir.get_or_insert_default();
            let r = ui
                .add(egui::TextEdit::singleline(dir).desired_width(380.0))
                .labelled_by(l.id);
            if r.changed() {
                self.backups = None;
            }
            if ui.button(S::ChooseFolder.t()).clicked()
                && let Some(p) = rfd::FileDialog::new().pick_folder()
            {
                *dir = p.display().to_string();
                self.backups = None;
            }
        });
        let dir = PathBuf::from(self.backup_dir.clone().unwrap_or_default());
        if let Some(job) = &self.job {
            let p = *job.progress.lock().unwrap_or_else(|e| e.into_inner());
            ui.horizontal(|ui| {
                ui.add(
                    egui::ProgressBar::new(p)
                        .show_percentage()
                        .desired_width(300.0),
                );
                if ui.button(S::Cancel.t()).clicked() {
                    job.cancel.store(true, Ordering::Relaxed);
                }
            });
        } else if ui
            .add_enabled(
                !dir.as_os_str().is_empty(),
                egui::Button::new(S::BackupNow.t()),
            )
            .clicked()
        {
            let _ = store.set_setting(KEY_BACKUP_DIR, &dir.display().to_string());
            // The suggested folder may not exist yet; a folder typed by hand must.
            if dir.as_os_str() == default_backup_dir().as_str() {
                let _ = std::fs::create_dir_all(&dir);
            }
            self.job = Some(start_backup(
                store.path().to_path_buf(),
                dir,
                "kehu-backup",
                None,
            ));
        }
        let dir = PathBuf::from(self.backup_dir.clone().unwrap_or_default());
        // What the folders take is read again whenever their lists are.
        let reread = self.backups.is_none() || self.snapshots.is_none();
        if self.backups.is_none() && !dir.as_os_str().is_empty() {
            self.backups = Some(list_backups(&dir));
        }
        let backups = self.backups.clone().unwrap_or_default();
        // Automatic backup writes only into a saved folder that exists; say so rather
        // than leave the ticked setting looking as if it worked.
        let saved = store
            .setting(KEY_BACKUP_DIR)
            .ok()
            .flatten()
            .unwrap_or_default();
        if let Ok(settings) = store.settings()
            && settings.auto_backup
            && (saved.is_empty() || !Path::new(&saved).is_dir())
        {
            ui.colored_label(
                widgets::WARN_AMBER,
                strings::auto_backup_waiting(settings.auto_backup_hours),
            );
        }
        if backups.is_empty() {
            ui.label(S::NoBackups.t());
        } else if let Some(b) = backup_grid(ui, "backups", &backups, admin) {
            self.confirm_restore = Some(b);
        }
        if self.snapshots.is_none() {
            self.snapshots = Some(list_backups(&crate::store::backup::snapshot_dir(
                store.path(),
            )));
        }
        let snapshots = self.snapshots.clone().unwrap_or_default();
        if reread || self.space_used.is_none() {
            let (backup_bytes, backup_files) = crate::store::recovery::space_used(&dir);
            let snap_dir = crate::store::backup::snapshot_dir(store.path());
            let (snap_bytes, snap_files) = crate::store::recovery::space_used(&snap_dir);
            self.space_used = Some(strings::space_used(
                backup_bytes,
                backup_files,
                snap_bytes,
                snap_files,
            ));
        }
        if let Some(text) = &self.space_used {
            ui.label(RichText::new(text).weak());
        }
        if !snapshots.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new(S::Snapshots.t()).strong());
            if let Some(b) = backup_grid(ui, "snapshots", &snapshots, admin) {
                self.confirm_restore = Some(b);
            }
        }
    }

    fn show_users(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(users) = widgets::or_show(ui, store.users()) else {
            return;
        };
        let me = store.actor().map(|a| a.name.clone()).unwrap_or_default();
        let mut action: Option<UserAction> = None;
        egui::Grid::new("users")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for h in [S::Username, S::DisplayName, S::Role, S::AccountState] {
                    ui.label(RichText::new(h.t()).strong());
                }
                ui.label("");
                ui.end_row();
                for u in &users {
                    ui.label(&u.username);
                    ui.label(&u.display_name);
                    let mut role = u.role;
                    if u.username == me {
                        ui.label(strings::role(role).t());
                    } else {
                        let l = ui.label("");
                        egui::ComboBox::from_id_salt(("role", u.id))
                            .selected_text(strings::role(role).t())
                            .show_ui(ui, |ui| {
                                for r in Role::ALL {
                                    ui.selectable_value(&mut role, r, strings::role(r).t());
                                }
                            })
                            .response
                            .labelled_by(l.id);
                        if role != u.role {
                            action = Some(UserAction::SetRole(u.id, role));
                        }
                    }
                    ui.label(if u.disabled {
                        S::Disabled.t()
                    } else {
                        S::Enabled.t()
                    });
                    ui.horizontal(|ui| {
                        if u.username != me {
                            let (label, to) = if u.disabled {
                                (S::Enable, false)
                            } else {
                                (S::Disable, true)
                            };
                            if ui.button(label.t()).clicked() {
                                action = Some(UserAction::SetDisabled(u.id, to));
                            }
                        }
                        if ui.button(S::ResetPassword.t()).clicked() {
                            self.reset_for = Some((u.id, String::new()));
                        }
                    });
                    ui.end_row();
                }
            });
        if let Some(a) = action {
            let r = match a {
                UserAction::SetRole(id, role) => store.set_user_role(id, role),
                UserAction::SetDisabled(id, to) => store.set_user_disabled(id, to),
            };
            self.say_result(r, S::Saved);
        }
        if let Some((id, mut pw)) = self.reset_for.take() {
            let mut keep = true;
            ui.horizontal(|ui| {
                let l = ui.label(S::NewPassword.t());
                ui.add(egui::TextEdit::singleline(&mut pw).password(true))
                    .labelled_by(l.id);
                if ui.button(S::Save.t()).clicked() {
                    let r = store.reset_password(id, &pw);
                    keep = r.is_err();
                    self.say_result(r, S::Saved);
                }
                if ui.button(S::Cancel.t()).clicked() {
                    keep = false;
                }
            });
            if keep {
                self.reset_for = Some((id, pw));
            }
        }
        ui.add_space(6.0);
        ui.label(RichText::new(S::AddUser.t()).strong());
        ui.set_max_width(480.0);
        egui::Grid::new("new-user").num_columns(2).show(ui, |ui| {
            let n = &mut self.new_user;
            widgets::text_row(ui, S::Username.t(), true, &mut n.username, None, None);
            widgets::text_row(
                ui,
                S::DisplayName.t(),
                true,
                &mut n.display_name,
                None,
                None,
            );
            let mut role = n.role.unwrap_or(Role::Clerk);
            widgets::choice_row(ui, "new-role", S::Role.t(), &mut role, &Role::ALL, |r| {
                strings::role(r).t().into()
            });
            n.role = Some(role);
            let l = ui.label(S::Password.t());
            ui.add(egui::TextEdit::singleline(&mut n.password).password(true))
                .labelled_by(l.id);
            ui.end_row();
        });
        if ui.button(S::AddUser.t()).clicked() {
            let n = &self.new_user;
            let r = store
                .add_user(
                    &n.username,
                    &n.display_name,
                    n.role.unwrap_or(Role::Clerk),
                    &n.password,
                )
                .map(|_| ());
            if r.is_ok() {
                self.new_user = NewUser::default();
            }
            self.say_result(r, S::Saved);
        }
    }

    fn show_own_password(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        egui::Grid::new("own-password")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, value) in [
                    (S::OldPassword, &mut self.own_old),
                    (S::NewPassword, &mut self.own_new),
                    (S::PasswordAgain, &mut self.own_new2),
                ] {
                    let l = ui.label(label.t());
                    ui.add(egui::TextEdit::singleline(value).password(true))
                        .labelled_by(l.id);
                    ui.end_row();
                }
            });
        if ui.button(S::ChangePassword.t()).clicked() {
            if self.own_new != self.own_new2 {
                self.say(S::PasswordsDiffer.t(), true);
            } else {
                let r = store.change_own_password(&self.own_old, &self.own_new);
                if r.is_ok() {
                    self.own_old.clear();
                    self.own_new.clear();
                    self.own_new2.clear();
                }
                self.say_result(r, S::PasswordChanged);
            }
        }
    }

    fn show_changes(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(users) = widgets::or_show(ui, store.change_users()) else {
            return;
        };
        let f = &mut self.change_filter;
        let mut query = self.changes.is_none();
        ui.horizontal_wrapped(|ui| {
            widgets::filter_combo(
                ui,
                "log-user",
                S::ChangeUser.t(),
                &mut f.user,
                &users,
                |u| u.clone(),
            );
            let tables: Vec<String> = [
                "customers",
                "contacts",
                "feedback",
                "contracts",
                "payments",
                "competitors",
                "competitor_intel",
                "news",
                "imports",
                "users",
                "settings",
                "database",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            widgets::filter_combo(
                ui,
                "log-table",
                S::ChangeWhat.t(),
                &mut f.table,
                &tables,
                |t| super::history::table_name_owned(t),
            );
            // One record: its number, as the list below shows it (#12).
            let l = ui.label(S::RecordNumber.t());
            ui.add(
                egui::TextEdit::singleline(&mut self.record_text)
                    .desired_width(60.0)
                    .hint_text("12"),
            )
            .labelled_by(l.id);
            for (label, value) in [
                (S::DateFrom, &mut self.from_text),
                (S::DateTo, &mut self.to_text),
            ] {
                let l = ui.label(label.t());
                ui.add(
                    egui::TextEdit::singleline(value)
                        .desired_width(90.0)
                        .hint_text("2026-11-22"),
                )
                .labelled_by(l.id);
            }
            query |= ui.button(S::Query.t()).clicked();
        });
        if query {
            let date = |s: &str| {
                crate::domain::validate::parse_date(s).map(|d| d.format("%Y-%m-%d").to_string())
            };
            f.from_date = date(&self.from_text);
            f.to_date = date(&self.to_text);
            f.row_id = self.record_text.trim().trim_start_matches('#').parse().ok();
            self.changes = Some(match store.changes(f, 500) {
                Ok(list) => list,
                Err(e) => {
                    self.say(e.message(), true);
                    Vec::new()
                }
            });
        }
        let entries = self.changes.clone().unwrap_or_default();
        if let Some(id) = super::history::change_grid(ui, "changes", &entries) {
            let r = store.put_back(id);
            self.data_changed |= r.is_ok();
            self.say_result(r, S::PutBackDone);
            self.changes = None;
        }
    }

    fn show_settings(&mut self, ui: &mut egui::Ui, store: &mut Store, admin: bool) {
        use crate::domain::settings::{DateFormat, ExportEncoding, Paper, SettingField};
        if self.settings.is_none() {
            let s = store.settings().unwrap_or_default();
            self.threshold_text = crate::domain::money::fen_to_plain(s.approval_threshold_fen);
            self.settings = Some(s);
        }
        let Some(s) = self.settings.as_mut() else {
            return;
        };
        let threshold = crate::domain::money::parse_yuan(&self.threshold_text);
        if let Some(fen) = threshold {
            s.approval_threshold_fen = fen;
        }
        let errs = s.validate();
        let msg = |f: SettingField| {
            errs.iter()
                .find(|e| e.0 == f)
                .map(|e| strings::problem(e.1))
        };
        ui.add_enabled_ui(admin, |ui| {
            egui::Grid::new("settings")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    widgets::text_row(
                        ui,
                        S::FirmName.t(),
                        false,
                        &mut s.firm_name,
                        msg(SettingField::FirmName).as_deref(),
                        None,
                    );
                    let bad_amount = threshold
                        .is_none()
                        .then(|| strings::problem(crate::domain::validate::Problem::BadAmount));
                    widgets::text_row(
                        ui,
                        S::ApprovalThreshold.t(),
                        false,
                        &mut self.threshold_text,
                        bad_amount
                            .or(msg(SettingField::ApprovalThreshold))
                            .as_deref(),
                        None,
                    );
                    widgets::choice_row(
                        ui,
                        "date-format",
                        S::DateFormatLabel.t(),
                        &mut s.date_format,
                        &[DateFormat::Iso, DateFormat::Chinese],
                        date_format_sample,
                    );
                    widgets::choice_row(
                        ui,
                        "export-encoding",
                        S::ExportEncodingLabel.t(),
                        &mut s.export_encoding,
                        &[ExportEncoding::Utf8Bom, ExportEncoding::Gbk],
                        |e| match e {
                            ExportEncoding::Utf8Bom => S::EncodingUtf8Bom.t().into(),
                            ExportEncoding::Gbk => "GBK".into(),
                        },
                    );
                    widgets::choice_row(
                        ui,
                        "paper",
                        S::PaperLabel.t(),
                        &mut s.paper,
                        &[Paper::A4, Paper::Letter],
                        |p| match p {
                            Paper::A4 => "A4".into(),
                            Paper::Letter => "Letter".into(),
                        },
                    );
                    let l = ui.label(S::MarginLabel.t());
                    ui.add(egui::DragValue::new(&mut s.margin_mm).range(
                        crate::domain::settings::MARGIN_MIN_MM
                            ..=crate::domain::settings::MARGIN_MAX_MM,
                    ))
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::AutoBackup.t());
                    ui.checkbox(&mut s.auto_backup, S::AutoBackupHelp.t())
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::AutoBackupHours.t());
                    ui.add(egui::DragValue::new(&mut s.auto_backup_hours).range(1..=168))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::IdleLock.t());
                    ui.add(egui::DragValue::new(&mut s.idle_lock_minutes).range(0..=240))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::AutoBackupKeep.t());
                    ui.add(egui::DragValue::new(&mut s.auto_backup_keep).range(1..=100))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::SnapshotKeep.t());
                    ui.add(egui::DragValue::new(&mut s.snapshot_keep).range(1..=100))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::SnapshotDays.t());
                    ui.add(egui::DragValue::new(&mut s.snapshot_days).range(0..=365))
                        .labelled_by(l.id);
                    ui.end_row();
                });
        });
        if admin
            && ui
                .add_enabled(
                    errs.is_empty() && threshold.is_some(),
                    egui::Button::new(S::SaveSettings.t()),
                )
                .clicked()
        {
            let to_save = s.clone();
            let r = store.save_settings(&to_save);
            if r.is_ok() {
                strings::set_date_format(to_save.date_format);
            }
            self.say_result(r, S::Saved);
        }
        if admin && ui.button(S::SetupAgain.t()).clicked() {
            self.setup_requested = true;
        }
    }

    fn show_database(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        ui.label(strings::labelled(
            S::DatabaseFile.t(),
            &store.path().display().to_string(),
        ));
        ui.label(strings::labelled(
            S::FileSize.t(),
            &format!("{:.1} MiB", store.file_size() as f64 / 1_048_576.0),
        ));
        if let Ok(c) = store.counts() {
            ui.label(crate::store::text::db_counts(&c));
        }
        let idle = self.task.is_none();
        if store.actor().is_some_and(|a| a.role.can_admin())
            && ui
                .add_enabled(idle, egui::Button::new(S::Vacuum.t()))
                .clicked()
        {
            self.task = Some(start_task(store, TaskKind::Vacuum));
        }
        if ui
            .add_enabled(idle, egui::Button::new(S::RunCheck.t()))
            .clicked()
        {
            self.check_result = None;
            self.task = Some(start_task(store, TaskKind::Check));
        }
        match &self.check_result {
            Some(d) if d.is_sound() => {
                ui.label(RichText::new(S::CheckOk.t()).color(OK_GREEN));
            }
            Some(d) => {
                let hint = if d.needs_salvage() {
                    S::SalvageHint.t()
                } else {
                    S::RepairHint.t()
                };
                widgets::error_box(
                    ui,
                    &crate::store::text::diagnosis(d, hint),
                    &d.detail.join("\n"),
                );
                if !d.needs_salvage()
                    && store.actor().is_some_and(|a| a.role.can_admin())
                    && ui
                        .add_enabled(idle, egui::Button::new(S::RepairNow.t()))
                        .clicked()
                {
                    self.task = Some(start_task(store, TaskKind::Repair));
                }
            }
            None => {}
        }
    }
}
