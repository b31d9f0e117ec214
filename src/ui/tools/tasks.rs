//! The worker-thread plumbing: a backup job with progress and cancel, and the other
//! long tasks (undo an import or a bulk change, check, compact) and how they end.

use super::*;

/// A backup running on a worker thread.
pub(super) struct BackupJob {
    pub(super) progress: Arc<Mutex<f32>>,
    pub(super) cancel: Arc<AtomicBool>,
    pub(super) handle: JoinHandle<Result<PathBuf, StoreError>>,
    /// Started by the schedule: older automatic backups are rotated out after it.
    pub(super) automatic: Option<(PathBuf, usize)>,
}

/// File-name prefix of the scheduled backups.
pub const AUTO_PREFIX: &str = "kehu-auto";

pub(super) fn start_backup(
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
pub(super) enum TaskKind {
    Restore(PathBuf),
    Vacuum,
    Check,
    Repair,
    UndoImport(i64),
    UndoBulk(i64),
}

pub(super) enum TaskDone {
    Restored(crate::store::backup::RestoreReport),
    Vacuumed,
    Checked(crate::store::recovery::Diagnosis),
    Repaired(crate::store::recovery::Repaired),
    ImportUndone(crate::store::imports::ImportUndo),
    BulkUndone(crate::store::bulk::BulkUndo),
}

pub(super) struct Task {
    pub(super) restore: bool,
    pub(super) handle: std::thread::JoinHandle<Result<TaskDone, StoreError>>,
}

pub(super) fn start_task(store: &Store, kind: TaskKind) -> Task {
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

impl ToolsPanel {
    pub(super) fn poll_task(&mut self, ctx: &egui::Context) {
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
            Err(_) => self.say(S::ErrDbOther.t(), true),
        }
        ctx.request_repaint();
    }
}
