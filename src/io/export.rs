//! Exporting lists to CSV (UTF-8 with BOM so Excel shows Chinese, or GBK) and XLSX, with
//! Chinese headers that the importer recognises again. Cells starting with = + - @ are
//! neutralised with a leading apostrophe so a spreadsheet never runs them as formulas
//! (the importer takes the apostrophe off again). Files are written to a temporary name
//! and renamed, so a failed or cancelled export never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub use crate::domain::settings::ExportEncoding as CsvEncoding;
use crate::domain::{Contact, Customer};
use crate::store::{CustomerQuery, Store};
use crate::strings;

use super::mapping::Target;

/// The file types an export can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv(CsvEncoding),
    Xlsx,
}

impl ExportFormat {
    /// By the file's extension: .xlsx, else CSV in `encoding`.
    pub fn for_path(path: &Path, encoding: CsvEncoding) -> ExportFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => ExportFormat::Xlsx,
            _ => ExportFormat::Csv(encoding),
        }
    }
}

/// A cell as it may safely go into a spreadsheet.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// A temporary name beside `path`, renamed onto it when the file is complete.
pub(crate) fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

pub(crate) fn finish(tmp: &Path, path: &Path) -> Result<(), String> {
    std::fs::rename(tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(tmp);
        e.to_string()
    })
}

/// Writes a CSV file with a header row.
pub fn write_csv_rows(
    path: &Path,
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
    encoding: CsvEncoding,
) -> Result<(), String> {
    write_csv_rows_unless(path, headers, rows, encoding, &AtomicBool::new(false))
}

/// [`write_csv_rows`], leaving no file when `abort` is set by the time the rows end.
pub(crate) fn write_csv_rows_unless(
    path: &Path,
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
    encoding: CsvEncoding,
    abort: &AtomicBool,
) -> Result<(), String> {
    let tmp = temp_path(path);
    let result = (|| -> Result<(), String> {
        let file = std::fs::File::create(&tmp).map_err(|e| e.to_string())?;
        let mut out = std::io::BufWriter::new(file);
        if encoding == CsvEncoding::Utf8Bom {
            out.write_all(b"\xEF\xBB\xBF").map_err(|e| e.to_string())?;
        }
        let mut write_row = |cells: &[String]| -> Result<(), String> {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            w.write_record(cells.iter().map(|c| neutralise(c)))
                .map_err(|e| e.to_string())?;
            let bytes = w.into_inner().map_err(|e| e.to_string())?;
            match encoding {
                CsvEncoding::Utf8Bom => out.write_all(&bytes),
                CsvEncoding::Gbk => {
                    let text = String::from_utf8_lossy(&bytes);
                    let (enc, _, _) = encoding_rs::GB18030.encode(&text);
                    out.write_all(&enc)
                }
            }
            .map_err(|e| e.to_string())
        };
        write_row(headers)?;
        for r in rows {
            write_row(&r)?;
        }
        out.flush().map_err(|e| e.to_string())?;
        out.into_inner()
            .map_err(|e| e.to_string())?
            .sync_all()
            .map_err(|e| e.to_string())?;
        if abort.load(Ordering::Relaxed) {
            return Err("cancelled".into());
        }
        Ok(())
    })();
    match result {
        Ok(()) => finish(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Writes an XLSX workbook with one sheet: a bold header row, every cell as text (so
/// phone numbers and codes keep their leading zeros).
pub fn write_xlsx_rows(
    path: &Path,
    sheet: &str,
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
    abort: &AtomicBool,
) -> Result<(), String> {
    use rust_xlsxwriter::{Format, Workbook};
    let tmp = temp_path(path);
    let result = (|| -> Result<(), rust_xlsxwriter::XlsxError> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(sheet)?;
        let bold = Format::new().set_bold();
        for (i, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, h, &bold)?;
            ws.set_column_width(i as u16, 14)?;
        }
        for (r, row) in rows.enumerate() {
            for (i, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32 + 1, i as u16, neutralise(cell))?;
                }
            }
        }
        if abort.load(Ordering::Relaxed) {
            return Err(rust_xlsxwriter::XlsxError::ParameterError(
                "cancelled".into(),
            ));
        }
        wb.save(&tmp)
    })();
    match result {
        Ok(()) => finish(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e.to_string())
        }
    }
}

/// The columns of a customer export, in order.
pub fn customer_columns() -> Vec<Target> {
    Target::all()
        .iter()
        .copied()
        .filter(|t| *t != Target::Ignore && !t.is_name_part())
        .collect()
}

/// One export row: the customer's fields as a reader writes them (企业, A, 正常,
/// 50000.00) and one contact's.
fn customer_cells(c: &Customer, contact: Option<&Contact>) -> Vec<String> {
    customer_columns()
        .into_iter()
        .map(|t| match t {
            Target::Customer(f) => {
                strings::customer_value_in(f, &(f.def().get)(c), strings::Lang::Zh)
            }
            Target::Contact(f) => contact
                .map(|k| (f.def().get)(k).into_owned())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .collect()
}

/// Exports the customers the list shows (its search, filters and sort) to `path`.
/// With `every_contact` each contact gets its own row (the customer repeated), so an
/// export imports back whole; otherwise one row per customer with its main contact.
/// Returns the number of customers written.
pub fn export_customers(
    store: &Store,
    q: &CustomerQuery,
    format: ExportFormat,
    path: &Path,
    every_contact: bool,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<u64, ExportError> {
    let headers: Vec<String> = customer_columns()
        .into_iter()
        .map(|t| t.header().to_string())
        .collect();
    // Rows are produced by the store's walk; gather them in order (the writers pull).
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<String>>(1024);
    let mut count = 0u64;
    let mut cancelled = false;
    let abort = std::sync::Arc::new(AtomicBool::new(false));
    let writer = {
        let path = path.to_path_buf();
        let headers = headers.clone();
        let abort = abort.clone();
        std::thread::spawn(move || match format {
            ExportFormat::Csv(enc) => {
                write_csv_rows_unless(&path, &headers, rx.into_iter(), enc, &abort)
            }
            ExportFormat::Xlsx => {
                write_xlsx_rows(&path, "客户信息", &headers, rx.into_iter(), &abort)
            }
        })
    };
    let walk = store.for_each_customer(q, |c| {
        if cancel.load(Ordering::Relaxed) {
            cancelled = true;
            return false;
        }
        let rows: Vec<Vec<String>> = if every_contact && c.contacts.len() > 1 {
            c.contacts
                .iter()
                .map(|k| customer_cells(&c, Some(k)))
                .collect()
        } else {
            vec![customer_cells(&c, c.primary_contact())]
        };
        for r in rows {
            if tx.send(r).is_err() {
                return false;
            }
        }
        count += 1;
        if count.is_multiple_of(500) {
            progress(count);
        }
        true
    });
    if cancelled || walk.is_err() {
        abort.store(true, Ordering::Relaxed);
    }
    drop(tx);
    let written = writer
        .join()
        .unwrap_or_else(|_| Err("writer thread failed".into()));
    walk.map_err(ExportError::Store)?;
    if cancelled {
        return Err(ExportError::Cancelled);
    }
    written.map_err(ExportError::Write)?;
    progress(count);
    Ok(count)
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Store(crate::store::StoreError),
    #[error("cannot write the file: {0}")]
    Write(String),
    #[error("cancelled")]
    Cancelled,
}

impl ExportError {
    pub fn message(&self) -> String {
        match self {
            ExportError::Store(e) => e.message(),
            ExportError::Write(e) => strings::cannot_write(e),
            ExportError::Cancelled => strings::S::ErrCancelled.t().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("+86 138"), "'+86 138");
        assert_eq!(neutralise("北京"), "北京");
    }
}
