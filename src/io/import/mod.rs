//! Importing customers: the dry run that says what would happen row by row, and the
//! commit that does exactly that in one transaction. Both stream the file through the
//! same [`Planner`], so what the dry run promised is what the commit writes.

use crate::domain::CustomerField;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::customer::FieldValues;
use crate::domain::validate::{ContactField, Field, validate_customer};
use crate::domain::{Contact, Customer};
use crate::store::imports::{ImportRecord, ImportStep, ImportTally, MatchIndex, MatchReason};
use crate::store::{Store, StoreError};
use crate::strings::{self, Lang, lang};

use super::cells::{self, DateEvidence, DateOrder};
use super::mapping::{Mapping, Target, join_name};
use super::read::{self, ReadError, ReadOptions, Record};

mod plan;
use plan::*;

/// What to do with a row that matches an existing customer by name, credit code or phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum DupChoice {
    #[default]
    Skip,
    Update,
    New,
}

/// Everything an import needs to know; the wizard and `kehu import` fill it.
#[derive(Debug, Clone, Default)]
pub struct ImportSpec {
    pub path: PathBuf,
    pub read: ReadOptions,
    pub mapping: Mapping,
    pub date_order: DateOrder,
    /// For all duplicates …
    pub duplicates: DupChoice,
    /// … except these rows (by line).
    pub row_choices: HashMap<u64, DupChoice>,
}

impl ImportSpec {
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn choice(&self, line: u64) -> DupChoice {
        self.row_choices
            .get(&line)
            .copied()
            .unwrap_or(self.duplicates)
    }
}

/// A row that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub value: String,
    pub message: String,
}

/// A row that goes into an existing customer: what changes (field label, old, new).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateRow {
    pub line: u64,
    pub id: i64,
    pub name: String,
    pub changes: Vec<(String, String, String)>,
}

/// A row that looks like an existing customer.
#[derive(Debug, Clone, PartialEq)]
pub struct DupRow {
    pub line: u64,
    pub name: String,
    pub existing_id: i64,
    pub existing_name: String,
    pub reason: MatchReason,
    pub choice: DupChoice,
}

/// A row with the name of an earlier row of the file: it adds to that row's customer.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedRow {
    pub line: u64,
    pub name: String,
    /// The row whose customer it joins.
    pub first_line: u64,
    /// That row is a duplicate the clerk skips: this one is left out with it.
    pub skipped: bool,
}

/// What an import would do (dry run) or did (commit).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub headers: Vec<String>,
    pub rows: u64,
    pub new: u64,
    pub updates: u64,
    pub unchanged: u64,
    pub duplicates: u64,
    /// Duplicates left out (choice: skip).
    pub skipped: u64,
    /// Rows that add to a customer an earlier row of the same file brings.
    pub merged: u64,
    /// The first of them (up to 2,000), to show which rows were joined.
    pub merged_rows: Vec<MergedRow>,
    /// New customers whose code from the file was taken by another: numbered anew.
    pub renumbered: u64,
    pub error_rows: u64,
    pub errors: Vec<RowError>,
    /// The error rows' own cells, to save for fixing and importing again.
    pub error_records: Vec<(u64, Vec<String>)>,
    pub update_rows: Vec<UpdateRow>,
    pub dup_rows: Vec<DupRow>,
    /// Dates such as 3/4/2023 whose day/month order the column does not settle.
    pub date_order_needed: bool,
    pub date_order: DateOrder,
    /// Contracts whose status from the file was set back to 草稿 (draft): only a
    /// supervisor's or an administrator's import keeps it.
    pub as_draft: u64,
    /// New or updated contracts whose 已回款 from the file comes in as a payment.
    pub paid: u64,
    /// Rows whose 已回款 cannot come in: the contract does not take payments (yet).
    pub paid_left: u64,
    /// What the rows are: customers (empty) or another kind's key.
    pub kind: String,
    /// Columns of the file that go into no field: said in the report, never dropped
    /// without a word.
    pub unmapped: Vec<crate::io::mapping::Unmapped>,
}

impl Report {
    /// The counts an import is recorded with.
    pub(super) fn tally(&self) -> ImportTally {
        ImportTally {
            rows: self.rows as i64,
            skipped: self.skipped as i64,
            errors: self.error_rows as i64,
        }
    }
}

/// How many details a report keeps (the counts are always complete).
const DETAIL_CAP: usize = 2_000;
const ERROR_CAP: usize = 100_000;

/// Why an import cannot go ahead at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("no column is mapped to the customer name")]
    NoNameColumn,
    #[error("no column is mapped to: {0}")]
    Missing(String),
    #[error("the day/month order of the dates must be chosen")]
    DateOrderNeeded,
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("cancelled")]
    Cancelled,
    #[error("{0}")]
    Write(String),
}

impl ImportError {
    /// In plain words, in the UI language.
    pub fn message(&self) -> String {
        match self {
            ImportError::Read(e) => crate::io::text::read_error(e),
            ImportError::NoNameColumn => strings::S::ImportNoNameColumn.t().into(),
            ImportError::Missing(fields) => strings::fields_unmapped(fields),
            ImportError::DateOrderNeeded => strings::S::ImportDateOrderNeeded.t().into(),
            ImportError::Store(e) => e.message(),
            ImportError::Cancelled => strings::S::ErrCancelled.t().into(),
            ImportError::Write(e) => strings::cannot_write(e),
        }
    }
}

/// Reads the header and the first rows, with the columns mapped automatically (or by
/// the mapping last saved for these headers), for the wizard's preview.
pub fn preview(path: &Path, opts: &ReadOptions) -> Result<read::Table, ReadError> {
    read::open(path, opts)
}

/// Settles the day/month order of dates such as 3/4/2023 by reading the date columns
/// `cols` whole, unless the clerk chose it (`given`). True when the file leaves it open.
pub(super) fn settle_date_order(
    path: &Path,
    opts: &ReadOptions,
    given: DateOrder,
    cols: &[usize],
    cancel: &AtomicBool,
) -> Result<(DateOrder, bool), ImportError> {
    if given != DateOrder::Auto {
        return Ok((given, false));
    }
    if cols.is_empty() {
        return Ok((DateOrder::MonthFirst, false));
    }
    let table = read::open(path, opts)?;
    let mut ev = DateEvidence::default();
    for r in table.rows {
        if cancel.load(Ordering::Relaxed) {
            return Err(ImportError::Cancelled);
        }
        let r = r?;
        for &c in cols {
            if let Some(cell) = r.cells.get(c) {
                ev.observe(cell);
            }
        }
    }
    Ok(match ev.settled() {
        Some(o) => (o, false),
        None => (DateOrder::Auto, true),
    })
}

/// Hands every row to `plan` (which says how many rows it has planned), telling
/// `progress` now and then; stops at a read error or when cancelled.
pub(super) fn plan_rows(
    rows: impl Iterator<Item = Result<Record, ReadError>>,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
    mut plan: impl FnMut(Record) -> u64,
) -> Result<(), ImportError> {
    let mut n = 0;
    for r in rows {
        if cancel.load(Ordering::Relaxed) {
            return Err(ImportError::Cancelled);
        }
        n = plan(r?);
        if n.is_multiple_of(1000) {
            progress(n);
        }
    }
    progress(n);
    Ok(())
}

/// The steps `plan` makes of the rows, for the store to write; a read error ends them
/// with its message (and the store then writes nothing).
fn steps_of<S>(
    mut rows: impl Iterator<Item = Result<Record, ReadError>>,
    mut plan: impl FnMut(Record) -> Option<S>,
) -> impl Iterator<Item = Result<S, String>> {
    std::iter::from_fn(move || {
        loop {
            match rows.next()? {
                Err(e) => return Some(Err(read_error_text(&e))),
                Ok(r) => {
                    if let Some(step) = plan(r) {
                        return Some(Ok(step));
                    }
                }
            }
        }
    })
}

/// Reads the rows and plans them (`plan`) on a second thread while `write` takes the
/// steps on this one: reading and planning a file (one core) overlaps with writing it
/// (the other). A read error is the last step.
pub(super) fn plan_ahead<S: Send, R>(
    rows: impl Iterator<Item = Result<Record, ReadError>> + Send,
    plan: impl FnMut(Record) -> Option<S> + Send,
    write: impl FnOnce(&mut dyn Iterator<Item = Result<S, String>>) -> R,
) -> R {
    ahead(
        |send| {
            for step in steps_of(rows, plan) {
                let stop = step.is_err();
                if !send(step) || stop {
                    return;
                }
            }
        },
        write,
    )
}

/// Runs `produce` on a second thread and hands what it sends to `consume` on this one,
/// in batches through a short queue. `send` returns false once `consume` has stopped
/// taking (it returned early, say on a bad row or a cancel): `produce` should stop
/// then.
fn ahead<S: Send, R>(
    produce: impl FnOnce(&mut dyn FnMut(S) -> bool) + Send,
    consume: impl FnOnce(&mut dyn Iterator<Item = S>) -> R,
) -> R {
    const BATCH: usize = 256;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<S>>(8);
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut open = true;
            produce(&mut |s| {
                batch.push(s);
                if batch.len() >= BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    open = open && tx.send(full).is_ok();
                }
                open
            });
            if open && !batch.is_empty() {
                let _ = tx.send(batch);
            }
        });
        let mut steps = rx.into_iter().flatten();
        consume(&mut steps)
        // `steps` (the queue's receiving end) is dropped here, before the scope waits
        // for the producer, so a producer blocked on a full queue wakes and stops.
    })
}

/// The columns whose dates settle the day/month order of a customer import.
fn date_columns(spec: &ImportSpec) -> Vec<usize> {
    [
        Target::Customer(CustomerField::RecordedOn),
        Target::Contact(ContactField::Birthday),
    ]
    .into_iter()
    .filter_map(|t| spec.mapping.column_of(t))
    .collect()
}

fn check_spec(spec: &ImportSpec) -> Result<(), ImportError> {
    if !spec.mapping.names_customers() {
        return Err(ImportError::NoNameColumn);
    }
    Ok(())
}

/// Reads the whole file and says what an import would do, writing nothing.
/// `progress` is told the rows read so far.
pub fn dry_run(
    store: &Store,
    spec: &ImportSpec,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<Report, ImportError> {
    check_spec(spec)?;
    let cols = date_columns(spec);
    let (order, needed) =
        settle_date_order(&spec.path, &spec.read, spec.date_order, &cols, cancel)?;
    let table = read::open(&spec.path, &spec.read)?;
    let index = store.match_index()?;
    let report = Report {
        headers: table.headers.clone(),
        date_order_needed: needed,
        date_order: order,
        unmapped: spec.mapping.unmapped(&table.headers),
        ..Default::default()
    };
    let mut p = Planner::new(spec, &table.headers, &index, order, report);
    plan_rows(table.rows, progress, cancel, |r| {
        p.plan(r, Some(store));
        p.report.rows
    })?;
    Ok(p.report)
}

/// Imports the file: the same plan as [`dry_run`], written in one transaction after a
/// snapshot. Rows with errors and skipped duplicates are left out; everything else lands,
/// or on any failure or cancel nothing does.
pub fn commit(
    store: &mut Store,
    spec: &ImportSpec,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<(ImportRecord, Report), ImportError> {
    check_spec(spec)?;
    let cols = date_columns(spec);
    let (order, needed) =
        settle_date_order(&spec.path, &spec.read, spec.date_order, &cols, cancel)?;
    if needed {
        return Err(ImportError::DateOrderNeeded);
    }
    let table = read::open(&spec.path, &spec.read)?;
    let index = store.match_index()?;
    let headers = table.headers.clone();
    let planner = std::sync::Mutex::new(Planner::new(
        spec,
        &headers,
        &index,
        order,
        Report::default(),
    ));
    // The file is read and planned on a second thread while this one writes; the
    // planner's counts are complete once the steps run out.
    let written = plan_ahead(
        table.rows,
        |rec| lock(&planner).plan(rec, None),
        |steps| {
            let tally = || lock(&planner).report.tally();
            store.import_customers(&spec.file_name(), steps, tally, progress, cancel)
        },
    );
    let record = match written {
        Err(StoreError::Cancelled) => return Err(ImportError::Cancelled),
        r => r?,
    };
    let mut report = planner
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .report;
    report.headers = headers;
    report.date_order = order;
    Ok((record, report))
}

/// The planner, also when its thread panicked (its counts are still the ones to record).
pub(super) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn read_error_text(e: &ReadError) -> String {
    crate::io::text::read_error(e)
}

/// Saves the rows with errors as a UTF-8 CSV (with BOM, for Excel): the file's own
/// columns plus one saying what is wrong, to fix and import again.
pub fn write_error_rows(report: &Report, path: &Path) -> Result<(), ImportError> {
    let mut by_line: HashMap<u64, Vec<String>> = HashMap::new();
    for e in &report.errors {
        let what = match lang() {
            Lang::Zh => format!("{}：{}", e.column, e.message),
            Lang::En => format!("{}: {}", e.column, e.message),
        };
        by_line.entry(e.line).or_default().push(what);
    }
    let mut rows = Vec::with_capacity(report.error_records.len());
    for (line, cells) in &report.error_records {
        let mut r = cells.clone();
        r.resize(report.headers.len(), String::new());
        r.push(by_line.get(line).map(|v| v.join("；")).unwrap_or_default());
        r.push(line.to_string());
        rows.push(r);
    }
    let mut headers = report.headers.clone();
    headers.push(strings::S::ImportErrorColumn.t().into());
    headers.push(strings::S::ImportLineColumn.t().into());
    super::export::write_csv_rows(
        path,
        &headers,
        rows.into_iter(),
        super::export::CsvEncoding::Utf8Bom,
    )
    .map_err(ImportError::Write)
}

/// The report in words, as `kehu import` prints it.
pub fn report_text(r: &Report) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{}", crate::io::text::report_summary(r));
    if !r.unmapped.is_empty() {
        let _ = writeln!(out, "{}", strings::unmapped_heading(r.unmapped.len()));
        for u in &r.unmapped {
            let _ = writeln!(out, "  {}", crate::io::text::unmapped_column(u));
        }
    }
    for u in r.update_rows.iter().take(50) {
        for (field, old, new) in &u.changes {
            let _ = writeln!(
                out,
                "  {} {}  {}：{} → {}",
                strings::line_no(u.line),
                strings::clip(&u.name, 50),
                field,
                strings::clip(old, 50),
                strings::clip(new, 50)
            );
        }
    }
    for d in r.dup_rows.iter().take(50) {
        let _ = writeln!(
            out,
            "  {} {} = {}（{}）",
            strings::line_no(d.line),
            d.name,
            d.existing_name,
            crate::store::text::match_reason(d.reason)
        );
    }
    for m in r.merged_rows.iter().take(50) {
        let _ = writeln!(out, "  {}", crate::io::text::merged_row(m));
    }
    for e in r.errors.iter().take(100) {
        let _ = writeln!(
            out,
            "  {} {}「{}」：{}",
            strings::line_no(e.line),
            e.column,
            strings::clip(&e.value, 50),
            e.message
        );
    }
    if r.errors.len() > 100 {
        let _ = writeln!(out, "  …");
    }
    if r.date_order_needed {
        let _ = writeln!(out, "{}", strings::S::ImportDateOrderNeeded.t());
    }
    out
}
