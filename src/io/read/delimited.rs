//! CSV/TSV/TXT: the layout of a text file (encoding, delimiter, header row) and its rows,
//! with an unclosed quote caught at its line.

use super::*;

pub(super) fn text_layout(head: &[u8], opts: &ReadOptions) -> Result<Layout, ReadError> {
    let encoding = opts.encoding.unwrap_or_else(|| detect_encoding(head));
    let body = match Encoding::for_bom(head) {
        Some((e, n)) if e == encoding => &head[n..],
        _ => head,
    };
    let text = decode_sample(body, encoding);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    if looks_binary(&text) {
        return Err(ReadError::NotATable);
    }
    let delimiter = opts.delimiter.unwrap_or_else(|| detect_delimiter(&text));
    let top = parse_top(&text, delimiter);
    let header_row = opts.header_row.unwrap_or_else(|| detect_header_row(&top));
    Ok(Layout {
        format: Format::Text,
        encoding: Some(encoding),
        delimiter,
        header_row,
        header_line: header_row as u64 + 1,
        crlf: text.matches("\r\n").count() * 2 > text.matches('\n').count(),
        sheets: Vec::new(),
        sheet: None,
        hidden_sheets: Vec::new(),
        skipped_sheets: Vec::new(),
        sheet_rows: 0,
    })
}

pub(super) fn csv_builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .double_quote(true);
    b
}

pub(super) fn parse_top(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv_builder(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .take(HEADER_SCAN)
        .filter_map(|r| r.ok())
        .map(|r| r.iter().map(clean_cell).collect())
        .collect()
}

pub(super) fn open_text(path: &Path, head: &[u8], opts: &ReadOptions) -> Result<Table, ReadError> {
    let layout = text_layout(head, opts)?;
    let file = File::open(path).map_err(|e| ReadError::Open(e.to_string()))?;
    text_table(BufReader::with_capacity(1 << 16, file), layout)
}

pub(super) fn text_table<R: Read + Send + 'static>(
    input: R,
    layout: Layout,
) -> Result<Table, ReadError> {
    let decoder = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(layout.encoding)
        .bom_override(true)
        .strip_bom(true)
        .build(input);
    let unclosed = Arc::new(AtomicU64::new(0));
    let watched = QuoteWatch::new(decoder, layout.delimiter, unclosed.clone());
    let mut reader = csv_builder(layout.delimiter).from_reader(watched);
    let mut rec = csv::StringRecord::new();
    let mut top = Vec::new();
    let mut headers = None;
    let mut header_line = 1;
    let crlf = layout.crlf;
    let mut index = 0usize;
    while headers.is_none() {
        if !reader.read_record(&mut rec).map_err(csv_error)? {
            break;
        }
        check_cells(&rec)?;
        let cells: Vec<String> = rec.iter().map(clean_cell).collect();
        if top.len() < HEADER_SCAN {
            top.push(cells.clone());
        }
        if index == layout.header_row {
            headers = Some(cells);
            header_line = record_line(&rec, crlf);
        }
        index += 1;
    }
    let Some(headers) = headers else {
        let line = unclosed.load(Ordering::Relaxed);
        if line > 0 {
            return Err(ReadError::UnclosedQuote { line });
        }
        return Err(if index == 0 {
            ReadError::Empty
        } else {
            ReadError::HeaderPastEnd(layout.header_row + 1)
        });
    };
    let headers = trim_headers(headers);
    // Read ahead what the wizard shows of the top, then hand the rest out as a stream.
    let mut rows = OwnedRows::new(reader, Vec::new(), crlf);
    rows.unclosed = Some(unclosed);
    let mut ahead = Vec::new();
    while top.len() < HEADER_SCAN || ahead.is_empty() {
        match rows.next() {
            None => break,
            Some(r) => {
                let r = r?;
                if top.len() < HEADER_SCAN {
                    top.push(r.cells.clone());
                }
                ahead.push(r);
            }
        }
    }
    if ahead.is_empty() {
        return Err(ReadError::HeaderOnly);
    }
    rows.ahead = ahead.into_iter();
    Ok(Table {
        layout: Layout {
            header_line,
            ..layout
        },
        headers,
        top,
        rows: Box::new(rows),
    })
}

/// Streams the remaining records of a CSV reader, after some already read ahead.
pub(super) struct OwnedRows<R> {
    pub(super) reader: csv::Reader<R>,
    pub(super) ahead: std::vec::IntoIter<Record>,
    pub(super) record: csv::StringRecord,
    pub(super) done: bool,
    pub(super) crlf: bool,
    /// Set by the [`QuoteWatch`] under the reader when the input ends inside a quote.
    pub(super) unclosed: Option<Arc<AtomicU64>>,
}

impl<R: Read> OwnedRows<R> {
    pub(super) fn new(reader: csv::Reader<R>, ahead: Vec<Record>, crlf: bool) -> Self {
        OwnedRows {
            reader,
            ahead: ahead.into_iter(),
            record: csv::StringRecord::new(),
            done: false,
            crlf,
            unclosed: None,
        }
    }
}

impl<R: Read> Iterator for OwnedRows<R> {
    type Item = Result<Record, ReadError>;
    fn next(&mut self) -> Option<Self::Item> {
        if let Some(r) = self.ahead.next() {
            return Some(Ok(r));
        }
        while !self.done {
            match self.reader.read_record(&mut self.record) {
                Err(e) => {
                    self.done = true;
                    return Some(Err(csv_error(e)));
                }
                Ok(false) => {
                    self.done = true;
                    let line = self
                        .unclosed
                        .as_ref()
                        .map_or(0, |u| u.load(Ordering::Relaxed));
                    if line > 0 {
                        return Some(Err(ReadError::UnclosedQuote { line }));
                    }
                }
                Ok(true) => {
                    if let Err(e) = check_cells(&self.record) {
                        self.done = true;
                        return Some(Err(e));
                    }
                    if self.record.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    return Some(Ok(Record {
                        line: record_line(&self.record, self.crlf),
                        cells: self.record.iter().map(clean_cell).collect(),
                    }));
                }
            }
        }
        None
    }
}

/// Where a field is in the quoting of CSV text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Quoting {
    FieldStart,
    Plain,
    Quoted,
    /// A quote inside a quoted field: the end of the field, or the first of a doubled "".
    QuoteInQuoted,
}

/// Follows the quoting of the text the CSV reader reads, as the reader does, to tell at
/// the end whether a quote opened and never closed: the reader itself silently takes the
/// rest of the file as one cell. When the input ends inside a quote it publishes the line
/// the quote opened on (0 when none did).
pub(super) struct QuoteWatch<R> {
    pub(super) inner: R,
    pub(super) delimiter: u8,
    pub(super) state: Quoting,
    pub(super) line: u64,
    pub(super) opened: u64,
    pub(super) unclosed: Arc<AtomicU64>,
}

impl<R> QuoteWatch<R> {
    pub(super) fn new(inner: R, delimiter: u8, unclosed: Arc<AtomicU64>) -> Self {
        QuoteWatch {
            inner,
            delimiter,
            state: Quoting::FieldStart,
            line: 1,
            opened: 0,
            unclosed,
        }
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            let open = if self.state == Quoting::Quoted {
                self.opened
            } else {
                0
            };
            self.unclosed.store(open, Ordering::Relaxed);
            return Ok(0);
        }
        for &b in &buf[..n] {
            if b == b'\n' {
                self.line += 1;
            }
            let end_of_field = b == self.delimiter || b == b'\n' || b == b'\r';
            self.state = match (self.state, b) {
                (Quoting::FieldStart, b'"') => {
                    self.opened = self.line;
                    Quoting::Quoted
                }
                (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::Quoted, _) => Quoting::Quoted,
                (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                (_, _) if end_of_field => Quoting::FieldStart,
                _ => Quoting::Plain,
            };
        }
        Ok(n)
    }
}

/// The line a record starts on, 1-based. The csv reader counts a record that follows
/// a CRLF as starting on the line before (it has not yet consumed the LF).
pub(super) fn record_line(r: &csv::StringRecord, crlf: bool) -> u64 {
    match r.position() {
        Some(p) if crlf && p.byte() > 0 => p.line() + 1,
        Some(p) => p.line(),
        None => 0,
    }
}

pub(super) fn check_cells(r: &csv::StringRecord) -> Result<(), ReadError> {
    if r.iter().any(|c| c.len() > MAX_CELL) {
        return Err(ReadError::CellTooLong {
            line: r.position().map(|p| p.line()).unwrap_or(0),
        });
    }
    Ok(())
}

pub(super) fn csv_error(e: csv::Error) -> ReadError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    match e.kind() {
        csv::ErrorKind::Io(io) => ReadError::Broken {
            line,
            msg: io.to_string(),
        },
        _ => ReadError::Broken {
            line,
            msg: e.to_string(),
        },
    }
}

/// Headers as the mapping compares them: padding and required-field stars removed,
/// inner runs of spaces dropped (`地      区` → `地区`).
pub(super) fn trim_headers(h: Vec<String>) -> Vec<String> {
    h.into_iter()
        .map(|s| {
            let s = crate::domain::text::fold_width(&s);
            let s = s
                .trim()
                .trim_end_matches('*')
                .trim_start_matches('*')
                .trim();
            let cjk = s.chars().any(crate::domain::text::is_cjk);
            if cjk {
                s.chars().filter(|c| !c.is_whitespace()).collect()
            } else {
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            }
        })
        .collect()
}
