//! 备份与恢复: the backup folder, 立即备份, the backups and snapshots with their restore.

use super::*;

/// Why a backup or snapshot file was written, from its name.
pub(super) fn cause(b: &BackupInfo) -> &'static str {
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
pub(super) fn backup_grid(
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

impl ToolsPanel {
    pub(super) fn show_backup(&mut self, ui: &mut egui::Ui, store: &mut Store, admin: bool) {
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
        if reread || self.space_used.is_none() {
            self.auto_backup_note = match super::auto_backup(store) {
                super::AutoBackup::Waiting { hours } => Some(strings::auto_backup_waiting(hours)),
                _ => None,
            };
        }
        if let Some(note) = &self.auto_backup_note {
            ui.colored_label(widgets::WARN_AMBER, note);
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
}
