//! XLSX, XLS and ODS: which sheet holds the table, and its rows.

use super::*;

pub(super) fn open_workbook(
    bytes: Vec<u8>,
    format: Format,
    opts: &ReadOptions,
) -> Result<Table, ReadError> {
    use calamine::{Reader, SheetVisible};
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Workbook(e.to_string()))?;
    let meta: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    if meta.is_empty() {
        return Err(ReadError::Empty);
    }
    // Visible sheets in their order, then the hidden ones: the picker lists them so, and
    // a table is looked for in that order.
    let sheets: Vec<String> = meta
        .iter()
        .filter(|m| !m.1)
        .chain(meta.iter().filter(|m| m.1))
        .map(|m| m.0.clone())
        .collect();
    let hidden_sheets: Vec<String> = meta.iter().filter(|m| m.1).map(|m| m.0.clone()).collect();
    let mut skipped_sheets = Vec::new();
    let (sheet, read) = match &opts.sheet {
        Some(s) if sheets.contains(s) => {
            let read = read_sheet(&mut wb, s, opts).map_err(|e| match e {
                ReadError::HeaderOnly => ReadError::SheetHeaderOnly(s.clone()),
                ReadError::Empty => ReadError::SheetEmpty(s.clone()),
                other => other,
            })?;
            (s.clone(), read)
        }
        Some(s) => return Err(ReadError::NoSuchSheet(s.clone())),
        None => {
            let mut found = None;
            let mut one_column = None;
            let mut first_error = None;
            for name in &sheets {
                match read_sheet(&mut wb, name, opts) {
                    Ok(read) if read.headers.iter().filter(|h| !h.is_empty()).count() < 2 => {
                        skipped_sheets.push((name.clone(), SheetSkip::OneColumn));
                        one_column.get_or_insert((name.clone(), read, skipped_sheets.len()));
                    }
                    Ok(read) => {
                        found = Some((name.clone(), read));
                        break;
                    }
                    Err(e @ (ReadError::Empty | ReadError::HeaderOnly)) => {
                        let why = if e == ReadError::Empty {
                            SheetSkip::Empty
                        } else {
                            SheetSkip::HeaderOnly
                        };
                        skipped_sheets.push((name.clone(), why));
                        first_error.get_or_insert(e);
                    }
                    Err(ReadError::HeaderPastEnd(n)) => {
                        skipped_sheets.push((name.clone(), SheetSkip::Empty));
                        first_error.get_or_insert(ReadError::HeaderPastEnd(n));
                    }
                    Err(other) => return Err(other),
                }
            }
            match (found, one_column) {
                (Some(f), _) => f,
                // Only single-column sheets: the first of them is the table after all.
                (None, Some((name, read, skipped_before))) => {
                    skipped_sheets.truncate(skipped_before - 1);
                    (name, read)
                }
                (None, None) if sheets.len() == 1 => {
                    return Err(first_error.unwrap_or(ReadError::Empty));
                }
                (None, None) => return Err(ReadError::NoTableInWorkbook),
            }
        }
    };
    let SheetRead {
        headers,
        top,
        rows,
        header_row,
        start_row,
    } = read;
    Ok(Table {
        layout: Layout {
            format,
            encoding: None,
            delimiter: b',',
            header_row,
            header_line: start_row + header_row as u64 + 1,
            crlf: false,
            sheets,
            sheet: Some(sheet),
            hidden_sheets,
            skipped_sheets,
            sheet_rows: rows.len() as u64,
        },
        headers,
        top,
        rows: Box::new(rows.into_iter().map(Ok)),
    })
}

/// One sheet read whole: its header, the rows under it and where they are.
pub(super) struct SheetRead {
    pub(super) headers: Vec<String>,
    pub(super) top: Vec<Vec<String>>,
    pub(super) rows: Vec<Record>,
    pub(super) header_row: usize,
    pub(super) start_row: u64,
}

/// Reads the sheet `name`: its header (detected, as in a text file, below any title or
/// merged banner rows, unless `opts` names the row) and its data rows.
pub(super) fn read_sheet<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Sheets<RS>,
    name: &str,
    opts: &ReadOptions,
) -> Result<SheetRead, ReadError> {
    use calamine::Reader;
    let range = wb
        .worksheet_range(name)
        .map_err(|e| ReadError::Workbook(e.to_string()))?;
    let start_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    let mut all: Vec<Record> = Vec::with_capacity(range.height());
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).map(|c| clean_cell(&c)).collect();
        if cells.iter().any(|c| c.len() > MAX_CELL) {
            return Err(ReadError::CellTooLong {
                line: start_row + i as u64 + 1,
            });
        }
        all.push(Record {
            line: start_row + i as u64 + 1,
            cells,
        });
    }
    if all
        .iter()
        .all(|r| r.cells.iter().all(|c| c.trim().is_empty()))
    {
        return Err(ReadError::Empty);
    }
    let top: Vec<Vec<String>> = all
        .iter()
        .take(HEADER_SCAN)
        .map(|r| r.cells.clone())
        .collect();
    let header_row = opts.header_row.unwrap_or_else(|| detect_header_row(&top));
    if header_row >= all.len() {
        return Err(ReadError::HeaderPastEnd(header_row + 1));
    }
    let mut rest = all.split_off(header_row);
    let headers = trim_headers(rest.remove(0).cells);
    rest.retain(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    if rest.is_empty() {
        return Err(ReadError::HeaderOnly);
    }
    Ok(SheetRead {
        headers,
        top,
        rows: rest,
        header_row,
        start_row,
    })
}

/// A workbook cell as text: whole numbers without ".0", dates as ISO dates.
pub(super) fn cell_text(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => float_text(d.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// A number as a person would write it: 13800138000, not 1.3800138e10 or 13800138000.0.
pub fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}
