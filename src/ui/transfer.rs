//! 导入… and 导出… for every list: one piece the five panels share. Import asks for the
//! file and opens the wizard (with the kind's fields); export asks where to write and
//! writes what the list shows (its search, filters and sort) on a worker thread, with a
//! progress bar and a cancel button.

use super::widgets::Message;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

use crate::io::records::{RecordKind, RecordQuery};
use crate::store::Store;
use crate::strings::{self, S};

use super::import::ImportWizard;

enum Pick {
    Import(String),
    /// The path typed, and where an empty one writes (found once, when the box opens).
    Export(String, Option<String>),
}

/// An export running on a worker thread with its own database connection.
pub struct ExportJob {
    path: PathBuf,
    done: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    handle: JoinHandle<Result<u64, String>>,
}

impl ExportJob {
    /// Runs `work(store, path, progress, cancel)` on a worker thread, on a connection of
    /// its own to the database at `db`.
    pub fn spawn(
        db: PathBuf,
        path: PathBuf,
        work: impl FnOnce(
            &Store,
            &std::path::Path,
            &mut dyn FnMut(u64),
            &AtomicBool,
        ) -> Result<u64, String>
        + Send
        + 'static,
    ) -> ExportJob {
        let done = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (d2, c2, p2) = (done.clone(), cancel.clone(), path.clone());
        let handle = std::thread::spawn(move || {
            let store = Store::open(&db).map_err(|e| e.message())?;
            work(&store, &p2, &mut |n| d2.store(n, Ordering::Relaxed), &c2)
        });
        ExportJob {
            path,
            done,
            cancel,
            handle,
        }
    }

    /// Its progress bar (`total` records expected) and cancel button.
    pub fn progress(&self, ui: &mut egui::Ui, total: u64) {
        let n = self.done.load(Ordering::Relaxed);
        ui.add(
            egui::ProgressBar::new((n as f32 / total.max(1) as f32).min(1.0))
                .desired_width(160.0)
                .text(S::ExportRunning.t()),
        );
        if ui.button(S::Cancel.t()).clicked() {
            self.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Takes a finished job out of `slot`: the number written and the file, or why not.
    /// A finished report export in words: where it was written, or why not.
    pub fn finished_message(slot: &mut Option<ExportJob>, ctx: &egui::Context) -> Option<Message> {
        Some(match Self::finished(slot, ctx)? {
            Ok((_, path)) => Message::info(strings::exported_to(&path)),
            Err(e) => Message::error(e),
        })
    }

    /// Writes a report's table — `heads` and the rows `rows` makes (on the worker
    /// thread) — to `path`, XLSX or CSV in the firm's export encoding. Refused when the
    /// settings cannot be read.
    pub fn report(
        store: &Store,
        path: PathBuf,
        sheet: &'static str,
        heads: Vec<String>,
        rows: impl FnOnce() -> Vec<Vec<String>> + Send + 'static,
    ) -> Result<ExportJob, String> {
        let enc = store.settings().map_err(|e| e.message())?.export_encoding;
        Ok(ExportJob::spawn(
            store.path().to_path_buf(),
            path,
            move |_, path, done, _| {
                let rows = rows();
                let n = rows.len() as u64;
                let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
                crate::io::reports::write_table(path, sheet, &heads, rows, enc)?;
                done(1);
                Ok(n)
            },
        ))
    }

    pub fn finished(
        slot: &mut Option<ExportJob>,
        ctx: &egui::Context,
    ) -> Option<Result<(u64, String), String>> {
        let job = slot.as_ref()?;
        if !job.handle.is_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return None;
        }
        let job = slot.take()?;
        ctx.request_repaint();
        Some(match job.handle.join() {
            Ok(Ok(n)) => Ok((n, job.path.display().to_string())),
            Ok(Err(m)) => Err(m),
            Err(_) => Err(S::ErrDbOther.t().into()),
        })
    }
}

#[derive(Default)]
pub struct Transfer {
    pick: Option<Pick>,
    wizard: Option<ImportWizard>,
    export: Option<ExportJob>,
    /// A file that exists and may be replaced: 导出 was pressed once for it already.
    overwrite: Option<PathBuf>,
    /// The customer export's option, chosen in its box: one row per contact (so the
    /// file imports back whole) instead of one per customer with its main contact.
    every_contact: bool,
    /// What the file box has to say about the path typed (no such file, it exists and
    /// will be replaced …), shown in the box, where the clerk is looking.
    pick_message: Option<Message>,
}

/// The list's name: 客户信息, 交往反馈 … (None is customers).
fn list_name(kind: Option<RecordKind>) -> &'static str {
    kind.map(|k| k.label()).unwrap_or(S::TabCustomers).t()
}

/// Where an export is offered first: the documents folder, else the home folder.
fn default_export_path(kind: Option<RecordKind>) -> String {
    let dir = directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(PathBuf::from)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_default();
    dir.join(format!("{}.xlsx", list_name(kind)))
        .display()
        .to_string()
}

impl Transfer {
    /// Opens the import file box, as 导入… does.
    pub fn ask_import(&mut self) {
        if self.wizard.is_none() {
            self.pick = Some(Pick::Import(String::new()));
            self.pick_message = None;
        }
    }

    /// The 导入… and 导出… buttons, or the running export's progress; `shown` is how
    /// many records the list shows (for the progress bar).
    pub fn buttons(&mut self, ui: &mut egui::Ui, shown: u64) {
        if ui.button(S::ImportButton.t()).clicked() {
            self.ask_import();
        }
        match &self.export {
            Some(job) => job.progress(ui, shown),
            None => {
                if ui
                    .button(S::ExportButton.t())
                    .on_hover_text(S::ExportHint.t())
                    .clicked()
                {
                    self.pick = Some(Pick::Export(String::new(), None));
                    self.pick_message = None;
                }
            }
        }
    }

    /// Draws the file boxes and the wizard, and picks up a finished export; what it has
    /// to say goes into the panel's `message`. True when the data changed (the list
    /// reloads).
    /// `kind` None is the customer list; `export` starts the export to a path (with the
    /// customer export's one-row-per-contact option).
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        store: &mut Store,
        kind: Option<RecordKind>,
        export: impl FnOnce(&Store, PathBuf, bool) -> ExportJob,
        panel_message: &mut Option<Message>,
    ) -> bool {
        let message = self.poll_export(ctx, kind);
        let mut pick_message = None;
        let mut changed = false;
        let mut start_import = None;
        let mut start_export = None;
        if let Some(pick) = &mut self.pick {
            let importing = matches!(pick, Pick::Import(_));
            let (title, path, default) = match pick {
                Pick::Import(p) => (
                    match kind {
                        Some(k) => strings::import_title(k.label().t()),
                        None => S::ImportTitle.t().to_string(),
                    },
                    p,
                    String::new(),
                ),
                Pick::Export(p, default) => (
                    strings::export_title(list_name(kind)),
                    p,
                    default
                        .get_or_insert_with(|| default_export_path(kind))
                        .clone(),
                ),
            };
            let mut open = true;
            egui::Window::new(title)
                .id(egui::Id::unique((
                    "transfer-pick",
                    kind.map(|k| k.key()).unwrap_or("customers"),
                )))
                .pivot(egui::Align2::CENTER_TOP)
                .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 120.0))
                .open(&mut open)
                .collapsible(false)
                .show(ctx, |ui| {
                    ui.label(if importing {
                        S::ImportChooseFile.t()
                    } else {
                        S::ExportHint.t()
                    });
                    ui.horizontal(|ui| {
                        let l = ui.label(S::ImportFilePath.t());
                        let mut edit = egui::TextEdit::singleline(path).desired_width(420.0);
                        if !importing {
                            // Empty: the documents folder, as the hint shows.
                            edit = edit.hint_text(default.as_str());
                        }
                        if ui.add(edit).labelled_by(l.id).changed() {
                            // What was said was about the path as it was.
                            self.pick_message = None;
                        }
                        if ui.button(S::Browse.t()).clicked() {
                            let dialog = rfd::FileDialog::new();
                            let chosen = if importing {
                                dialog
                                    .add_filter(
                                        S::ImportButton.t(),
                                        &["csv", "txt", "tsv", "xlsx", "xls", "ods"],
                                    )
                                    .pick_file()
                            } else {
                                dialog
                                    .set_file_name(format!("{}.xlsx", list_name(kind)))
                                    .add_filter("Excel (.xlsx)", &["xlsx"])
                                    .add_filter("CSV", &["csv"])
                                    .save_file()
                            };
                            if let Some(p) = chosen {
                                *path = p.display().to_string();
                            }
                        }
                    });
                    if !importing && kind.is_none() {
                        ui.checkbox(&mut self.every_contact, S::ExportEveryContact.t())
                            .on_hover_text(S::ExportEveryContactHint.t());
                    }
                    let p = match path.trim() {
                        "" if !importing => PathBuf::from(&default),
                        t => PathBuf::from(t),
                    };
                    if importing {
                        if ui.button(S::ImportOpen.t()).clicked() {
                            if p.is_file() {
                                start_import = Some(p);
                            } else {
                                pick_message = Some(Message::error(S::ImportNoFile.t()));
                            }
                        }
                    } else if ui.button(S::ExportStart.t()).clicked() {
                        let folder_ok = p.file_name().is_some()
                            && p.parent()
                                .is_none_or(|d| d.as_os_str().is_empty() || d.is_dir());
                        if folder_ok && p.exists() && self.overwrite.as_ref() != Some(&p) {
                            pick_message = Some(Message::error(strings::export_replaces(
                                &p.display().to_string(),
                            )));
                            self.overwrite = Some(p);
                        } else if folder_ok {
                            start_export = Some(p);
                        } else {
                            pick_message = Some(Message::error(S::ExportNoFolder.t()));
                        }
                    }
                    if let Some(m) = pick_message.take() {
                        self.pick_message = Some(m);
                    }
                    super::list::list_message(ui, false, self.pick_message.as_ref());
                });
            if !open {
                self.pick = None;
            }
        }
        if let Some(p) = start_import {
            self.start_import(p, kind, store);
        }
        if let Some(p) = start_export {
            // What the list said of an earlier export is not about this one.
            *panel_message = None;
            self.pick = None;
            self.overwrite = None;
            self.export = Some(export(store, p, self.every_contact));
        }
        if let Some(w) = &mut self.wizard {
            w.show(ctx, store);
            changed = std::mem::take(&mut w.changed);
            if !w.open {
                self.wizard = None;
            }
        }
        if message.is_some() {
            *panel_message = message;
        }
        changed
    }

    /// Opens the import wizard on a file (what the file box's 打开 does).
    pub fn start_import(&mut self, path: PathBuf, kind: Option<RecordKind>, store: &Store) {
        self.pick = None;
        self.wizard = Some(ImportWizard::for_kind(path, kind, store));
    }

    /// True while an export runs.
    pub fn exporting(&self) -> bool {
        self.export.is_some()
    }

    fn poll_export(&mut self, ctx: &egui::Context, kind: Option<RecordKind>) -> Option<Message> {
        Some(match ExportJob::finished(&mut self.export, ctx)? {
            Ok((n, path)) if kind.is_none() => Message::info(strings::exported(n, &path)),
            Ok((n, path)) => Message::info(strings::exported_records(n, &path)),
            Err(m) => Message::error(m),
        })
    }
}

/// An export to `path` on a worker thread, in the file format its name asks for (CSV
/// in the firm's chosen encoding unless it ends in .xlsx).
fn spawn_export(
    store: &Store,
    path: PathBuf,
    write: impl FnOnce(
        &Store,
        crate::io::export::ExportFormat,
        &std::path::Path,
        &mut dyn FnMut(u64),
        &AtomicBool,
    ) -> Result<u64, crate::io::export::ExportError>
    + Send
    + 'static,
) -> ExportJob {
    let enc = store
        .settings()
        .map(|s| s.export_encoding)
        .unwrap_or_default();
    ExportJob::spawn(
        store.path().to_path_buf(),
        path,
        move |store, path, progress, cancel| {
            let fmt = crate::io::export::ExportFormat::for_path(path, enc);
            write(store, fmt, path, progress, cancel).map_err(|e| e.message())
        },
    )
}

/// The export of a record list as it is shown, on a worker thread.
pub fn export_records(store: &Store, q: RecordQuery, path: PathBuf) -> ExportJob {
    spawn_export(store, path, move |store, fmt, path, progress, cancel| {
        crate::io::records::export_records(store, &q, fmt, path, progress, cancel)
    })
}

/// The export of the customer list as it is shown (one row per contact when
/// `every_contact`), on a worker thread.
pub fn export_customers(
    store: &Store,
    q: crate::store::CustomerQuery,
    every_contact: bool,
    path: PathBuf,
) -> ExportJob {
    spawn_export(store, path, move |store, fmt, path, progress, cancel| {
        crate::io::export::export_customers(store, &q, fmt, path, every_contact, progress, cancel)
    })
}
