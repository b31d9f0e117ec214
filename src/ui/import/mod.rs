//! The import wizard: a file's preview with its encoding, delimiter, header row and sheet
//! (each overridable, the preview updating at once), the column mapping, the dry-run
//! report with per-row duplicate choices, then the import itself, and its undo. The dry
//! run and the import run on a worker thread with their own database connection, with a
//! progress bar and a cancel button; the window keeps redrawing.

use super::widgets::Message;
use crate::domain::CustomerField;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

use egui::{RichText, Ui};

use crate::io::cells::DateOrder;
use crate::io::import::{self, DupChoice, ImportSpec, Report};
use crate::io::mapping::{Mapping, Target, auto_map};
use crate::io::read::{self, Layout, ReadOptions};
use crate::io::records::{RecordKind, RecordMapping, RecordSpec, auto_map_records};
use crate::store::imports::ImportRecord;
use crate::store::{Opener, Store};
use crate::strings::{self, S};

use super::widgets::{ERROR_RED, OK_GREEN, WARN_AMBER};

mod columns;
mod report;

/// Rows of the file shown in the preview.
const PREVIEW_ROWS: usize = 8;

enum JobResult {
    Report(Report),
    Imported(ImportRecord),
}

struct Job {
    committing: bool,
    done: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    handle: JoinHandle<Result<JobResult, String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Mapping,
    Report,
    Done,
}

/// What the file looks like with the current reading choices.
struct Preview {
    layout: Layout,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// A customer import or one of another kind.
#[derive(Clone)]
enum AnySpec {
    Customers(ImportSpec),
    Records(RecordSpec),
}

pub struct ImportWizard {
    pub path: PathBuf,
    /// None for customers.
    kind: Option<RecordKind>,
    /// The mapping of a feedback, contract, competitor or news import.
    rmapping: RecordMapping,
    rfixed_key: &'static str,
    read: ReadOptions,
    preview: Result<Preview, String>,
    /// A workbook's sheets (name, hidden) as last read, so the picker stays when the
    /// sheet chosen cannot be read (only a header, empty) and another can be chosen.
    sheets: Vec<(String, bool)>,
    mapping: Mapping,
    /// The saved mapping that was applied, if one matched the headers.
    mapping_from: Option<String>,
    save_as: String,
    fixed_target: Target,
    fixed_value: String,
    date_order: DateOrder,
    duplicates: DupChoice,
    row_choices: std::collections::HashMap<u64, DupChoice>,
    step: Step,
    report: Option<Report>,
    job: Option<Job>,
    rows_total: u64,
    message: Option<Message>,
    done: Option<ImportRecord>,
    /// Set when the wizard changed the database (the list reloads).
    pub changed: bool,
    pub open: bool,
}

impl ImportWizard {
    pub fn new(path: PathBuf, store: &Store) -> ImportWizard {
        Self::for_kind(path, None, store)
    }

    /// The wizard for rows of `kind` (None: customers).
    pub fn for_kind(path: PathBuf, kind: Option<RecordKind>, store: &Store) -> ImportWizard {
        let mut w = ImportWizard {
            path,
            kind,
            rmapping: RecordMapping::default(),
            // The field most often the same for a whole file: who reported it.
            rfixed_key: kind
                .and_then(|k| {
                    ["reported_by", "salesperson", "threat"]
                        .into_iter()
                        .find_map(|key| k.field(key))
                })
                .map(|f| f.key)
                .unwrap_or(""),
            read: ReadOptions::default(),
            preview: Err(String::new()),
            sheets: Vec::new(),
            mapping: Mapping::default(),
            mapping_from: None,
            save_as: String::new(),
            fixed_target: Target::Customer(CustomerField::Source),
            fixed_value: String::new(),
            date_order: DateOrder::Auto,
            duplicates: DupChoice::Skip,
            row_choices: Default::default(),
            step: Step::Mapping,
            report: None,
            job: None,
            rows_total: 0,
            message: None,
            done: None,
            changed: false,
            open: true,
        };
        w.reload(store);
        w
    }

    /// Reads the file again with the current choices and maps its columns afresh (a saved
    /// mapping for the same headers first).
    fn reload(&mut self, store: &Store) {
        self.report = None;
        self.step = Step::Mapping;
        self.preview = read::open(&self.path, &self.read)
            .map(|t| Preview {
                layout: t.layout,
                headers: t.headers,
                rows: t
                    .rows
                    .take(PREVIEW_ROWS)
                    .filter_map(|r| r.ok())
                    .map(|r| r.cells)
                    .collect(),
            })
            .map_err(|e| crate::io::text::read_error(&e));
        let Ok(p) = &self.preview else { return };
        self.sheets = p
            .layout
            .sheets
            .iter()
            .map(|n| (n.clone(), p.layout.hidden_sheets.contains(n)))
            .collect();
        let n = p.headers.len();
        let key = Mapping::headers_key(&p.headers);
        let saved = match self.kind {
            Some(kind) => {
                let found = saved_mapping::<RecordMapping>(store, &key, |m| {
                    m.kind == kind.key() && m.columns.len() == n
                });
                let name = found.as_ref().map(|(name, _)| name.clone());
                self.rmapping = found
                    .map(|(_, m)| m)
                    .unwrap_or_else(|| auto_map_records(kind, &p.headers));
                name
            }
            None => {
                let found = saved_mapping::<Mapping>(store, &key, |m| m.columns.len() == n);
                let name = found.as_ref().map(|(name, _)| name.clone());
                self.mapping = found
                    .map(|(_, m)| m)
                    .unwrap_or_else(|| auto_map(&p.headers));
                name
            }
        };
        if let Some(name) = &saved {
            self.save_as = name.clone();
        }
        self.mapping_from = saved;
    }

    fn spec(&self) -> AnySpec {
        match self.kind {
            None => AnySpec::Customers(ImportSpec {
                path: self.path.clone(),
                read: self.read.clone(),
                mapping: self.mapping.clone(),
                date_order: self.date_order,
                duplicates: self.duplicates,
                row_choices: self.row_choices.clone(),
            }),
            Some(kind) => AnySpec::Records(RecordSpec {
                kind,
                path: self.path.clone(),
                read: self.read.clone(),
                mapping: self.rmapping.clone(),
                date_order: self.date_order,
                duplicates: self.duplicates,
                row_choices: self.row_choices.clone(),
            }),
        }
    }

    /// The window's title: 导入客户, 导入合同信息 …
    fn title(&self) -> String {
        match self.kind {
            None => S::ImportTitle.t().to_string(),
            Some(k) => strings::import_title(k.label().t()),
        }
    }

    fn start(&mut self, store: &Store, committing: bool) {
        if store.actor().is_none() {
            return;
        }
        let opener = store.opener();
        let spec = self.spec();
        let done = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (d2, c2) = (done.clone(), cancel.clone());
        let handle = std::thread::spawn(move || run_job(opener, spec, committing, &d2, &c2));
        self.message = None;
        self.job = Some(Job {
            committing,
            done,
            cancel,
            handle,
        });
    }

    /// Picks up a finished job; true while one is running.
    fn poll(&mut self, ctx: &egui::Context) -> bool {
        let Some(job) = &self.job else {
            return false;
        };
        if !job.handle.is_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return true;
        }
        let job = self.job.take().expect("checked above");
        // What it changed shows on the next frame, without waiting for the mouse.
        ctx.request_repaint();
        match job.handle.join() {
            Ok(Ok(JobResult::Report(r))) => {
                self.rows_total = r.rows;
                self.report = Some(r);
                self.step = Step::Report;
            }
            Ok(Ok(JobResult::Imported(rec))) => {
                self.changed = true;
                let text = match self.kind {
                    None => strings::imported(rec.created, rec.updated),
                    Some(k) => strings::imported_records(k.label().t(), rec.created, rec.updated),
                };
                self.message = Some(Message::info(text));
                self.done = Some(rec);
                self.step = Step::Done;
            }
            Ok(Err(msg)) => self.message = Some(Message::error(msg)),
            Err(_) => self.message = Some(Message::error(S::ErrDbOther.t())),
        }
        false
    }

    /// Draws the wizard window.
    pub fn show(&mut self, ctx: &egui::Context, store: &mut Store) {
        let running = self.poll(ctx);
        let mut open = self.open;
        egui::Window::new(self.title())
            .id(egui::Id::unique("import-wizard"))
            .open(&mut open)
            .default_size([980.0, 620.0])
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 60.0))
            .resizable(true)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(RichText::new(self.path.display().to_string()).small());
                if let Some(Message {
                    text: m,
                    error: err,
                }) = &self.message
                {
                    ui.label(RichText::new(m).color(if *err { ERROR_RED } else { OK_GREEN }));
                }
                if running {
                    self.show_progress(ui);
                    return;
                }
                match self.step {
                    Step::Mapping => self.show_mapping(ui, store),
                    Step::Report => self.show_report(ui, store),
                    Step::Done => self.show_done(ui, store),
                }
            });
        if !open && self.job.is_none() {
            self.open = false;
        }
    }

    fn show_progress(&mut self, ui: &mut Ui) {
        let Some(job) = &self.job else { return };
        let done = job.done.load(Ordering::Relaxed);
        let what = if job.committing {
            S::ImportRunning.t()
        } else {
            S::ImportChecking.t()
        };
        ui.label(what);
        let bar = if self.rows_total > 0 {
            egui::ProgressBar::new((done as f32 / self.rows_total as f32).min(1.0))
        } else {
            egui::ProgressBar::new(0.0).animate(true)
        };
        ui.add(bar.text(strings::rows_done(done)));
        if ui.button(S::Cancel.t()).clicked() {
            job.cancel.store(true, Ordering::Relaxed);
        }
    }

    fn show_done(&mut self, ui: &mut Ui, store: &mut Store) {
        let Some(rec) = self.done.clone() else { return };
        if rec.undone_at.is_some() {
            // Said once: the message above already says so right after the undo.
            if self.message.is_none() {
                ui.label(S::ImportUndone.t());
            }
        } else if ui.button(S::ImportUndo.t()).clicked() {
            match store.undo_import_keeping(rec.id, true) {
                Ok(r) => {
                    self.changed = true;
                    self.message = Some(Message::info(crate::store::text::import_undone(&r)));
                    self.done = Some(r.record);
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
        if ui.button(S::Close.t()).clicked() {
            self.open = false;
        }
    }
}

/// The 所有行统一填写 row (one field set for every row: 来源 = 展会 …): a field from
/// `choices`, its value, and 设定. Returns the field and its new value (None: the
/// value was emptied, so the field is no longer fixed) when 设定 is clicked.
fn fixed_row<K: Copy + PartialEq>(
    ui: &mut Ui,
    choices: &[(K, &str)],
    chosen: &mut K,
    value: &mut String,
) -> Option<(K, Option<String>)> {
    let l = ui.label(S::ImportFixed.t());
    let shown = choices
        .iter()
        .find(|(k, _)| k == chosen)
        .map(|(_, label)| *label)
        .unwrap_or("");
    egui::ComboBox::from_id_salt("imp-fixed-t")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (k, label) in choices {
                ui.selectable_value(chosen, *k, *label);
            }
        })
        .response
        .labelled_by(l.id);
    let l = ui.label("=");
    ui.add(egui::TextEdit::singleline(value).desired_width(160.0))
        .labelled_by(l.id);
    if !ui.button(S::ImportAddFixed.t()).clicked() {
        return None;
    }
    let v = value.trim();
    Some((*chosen, (!v.is_empty()).then(|| v.to_string())))
}

/// The fixed values set so far (字段 = 值, …), after the 所有行统一填写 row.
fn fixed_summary(ui: &mut Ui, fixed: impl Iterator<Item = String>) {
    let fixed: Vec<String> = fixed.collect();
    if !fixed.is_empty() {
        ui.label(RichText::new(fixed.join("，")).weak());
    }
}

/// The mapping last saved for files with these headers, if it is of the kind wanted.
fn saved_mapping<M: serde::de::DeserializeOwned>(
    store: &Store,
    headers_key: &str,
    fits: impl Fn(&M) -> bool,
) -> Option<(String, M)> {
    let (name, json) = store.mapping_for_headers(headers_key).ok().flatten()?;
    let m = serde_json::from_str::<M>(&json).ok().filter(|m| fits(m))?;
    Some((name, m))
}

fn dup_choices(records: bool) -> [(DupChoice, S); 3] {
    if records {
        return [
            (DupChoice::Skip, S::DupSkip),
            (DupChoice::Update, S::DupUpdateRecord),
            (DupChoice::New, S::DupNewRecord),
        ];
    }
    [
        (DupChoice::Skip, S::DupSkip),
        (DupChoice::Update, S::DupUpdate),
        (DupChoice::New, S::DupNew),
    ]
}

fn dup_label(c: DupChoice, records: bool) -> &'static str {
    dup_choices(records)
        .into_iter()
        .find(|(v, _)| *v == c)
        .map(|(_, s)| s.t())
        .unwrap_or("")
}

/// The dry run or the import, on its own connection to the database.
fn run_job(
    opener: Opener,
    spec: AnySpec,
    committing: bool,
    done: &AtomicU64,
    cancel: &AtomicBool,
) -> Result<JobResult, String> {
    let mut store = opener.open().map_err(|e| e.message())?;
    let mut progress = |n: u64| done.store(n, Ordering::Relaxed);
    let spec = match spec {
        AnySpec::Customers(s) => s,
        AnySpec::Records(s) => {
            use crate::io::records::{commit_records, dry_run_records};
            return if committing {
                commit_records(&mut store, &s, &mut progress, cancel)
                    .map(|(rec, _)| JobResult::Imported(rec))
                    .map_err(|e| e.message())
            } else {
                dry_run_records(&store, &s, &mut progress, cancel)
                    .map(JobResult::Report)
                    .map_err(|e| e.message())
            };
        }
    };
    if committing {
        import::commit(&mut store, &spec, &mut progress, cancel)
            .map(|(rec, _)| JobResult::Imported(rec))
            .map_err(|e| e.message())
    } else {
        import::dry_run(&store, &spec, &mut progress, cancel)
            .map(JobResult::Report)
            .map_err(|e| e.message())
    }
}
