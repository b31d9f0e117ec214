//! Reading a spreadsheet-like file into a header and rows of text, whatever it is:
//! CSV/TSV/TXT in any common encoding (GBK from Chinese Excel, UTF-8 with or without
//! BOM, UTF-16 "Unicode text", Big5, Shift_JIS …) or an .xlsx/.xls/.ods workbook.
//!
//! The file's *content* decides what it is, never its extension (a ".xls" that is really
//! GBK text is read as text). Encoding, delimiter, header row and sheet are detected and
//! each can be overridden. Text files are streamed: the rows come from an iterator and
//! the file is never held whole in memory.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use encoding_rs::Encoding;

/// How many bytes of a text file are looked at to detect its encoding and layout.
const SNIFF_BYTES: usize = 256 * 1024;
/// How many leading records are looked at to find the header row.
const HEADER_SCAN: usize = 60;
/// A cell longer than this (in bytes) means a broken file (an unterminated quote swallows
/// the rest of the file into one cell).
pub const MAX_CELL: usize = 1 << 20;

/// What kind of file it is, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    /// A ZIP container: .xlsx or .ods.
    Zip,
    /// An OLE compound file: the old binary .xls.
    Ole,
}

/// Choices the clerk can override; `None` means "detect".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    pub encoding: Option<&'static Encoding>,
    pub delimiter: Option<u8>,
    /// 0-based index of the header among the file's records (rows of a sheet).
    pub header_row: Option<usize>,
    pub sheet: Option<String>,
}

/// What was detected (or chosen) for a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub format: Format,
    /// For text files; `None` for workbooks.
    pub encoding: Option<&'static Encoding>,
    pub delimiter: u8,
    pub header_row: usize,
    /// The header's line in a text file (blank lines and multi-line cells counted) or
    /// its row in a sheet, 1-based, as the clerk would find it.
    pub header_line: u64,
    /// Text lines end in CRLF (Windows).
    pub crlf: bool,
    /// Sheet names of a workbook (empty for text): the visible ones in their order,
    /// then the hidden ones.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    /// The hidden sheets among `sheets`.
    pub hidden_sheets: Vec<String>,
    /// Sheets passed over, in order, before the one chosen (none was asked for): a
    /// cover or notes sheet first is the usual shape of an office workbook.
    pub skipped_sheets: Vec<(String, SheetSkip)>,
    /// Data rows of the chosen sheet (0 for text files, which are streamed).
    pub sheet_rows: u64,
}

/// Why a sheet was passed over when choosing the first one that holds a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetSkip {
    Empty,
    HeaderOnly,
    /// Lines in one column: notes, not a table (taken only when no sheet has more).
    OneColumn,
}

impl Layout {
    /// The encoding's name as a clerk would know it (GBK, UTF-8 …).
    pub fn encoding_name(&self) -> &'static str {
        self.encoding.map(encoding_label).unwrap_or("")
    }
}

/// The familiar name of an encoding.
pub fn encoding_label(e: &'static Encoding) -> &'static str {
    if e == encoding_rs::GBK || e == encoding_rs::GB18030 {
        "GBK"
    } else {
        e.name()
    }
}

/// The encodings offered in the wizard's "乱码? 试试…" choice.
pub fn offered_encodings() -> [&'static Encoding; 7] {
    [
        encoding_rs::UTF_8,
        encoding_rs::GB18030,
        encoding_rs::BIG5,
        encoding_rs::UTF_16LE,
        encoding_rs::UTF_16BE,
        encoding_rs::SHIFT_JIS,
        encoding_rs::WINDOWS_1252,
    ]
}

/// Why a file cannot be read. Each says what happened in plain words.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    #[error("cannot open the file: {0}")]
    Open(String),
    #[error("the file is empty")]
    Empty,
    #[error("the file has a header but no rows")]
    HeaderOnly,
    #[error("not a table: binary content")]
    NotATable,
    #[error("the workbook cannot be read: {0}")]
    Workbook(String),
    #[error("no sheet named {0}")]
    NoSuchSheet(String),
    #[error("sheet {0} has a header but no rows")]
    SheetHeaderOnly(String),
    #[error("sheet {0} is empty")]
    SheetEmpty(String),
    #[error("no sheet of the workbook holds a table")]
    NoTableInWorkbook,
    #[error("line {line}: a cell over 1 MB (unterminated quote?)")]
    CellTooLong { line: u64 },
    #[error("line {line}: {msg}")]
    Broken { line: u64, msg: String },
    #[error("line {line}: a quote opens and never closes")]
    UnclosedQuote { line: u64 },
    #[error("the header row {0} is past the end of the file")]
    HeaderPastEnd(usize),
}

/// One data row: its line (text) or row (sheet) number as the clerk sees it, 1-based,
/// and its cells, already cleaned of Excel's `="…"` quoting.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: u64,
    pub cells: Vec<String>,
}

/// An open table: header, layout and a stream of rows.
pub struct Table {
    pub layout: Layout,
    pub headers: Vec<String>,
    /// The first records of the file, header candidates included, for the wizard's
    /// "which row is the header" choice.
    pub top: Vec<Vec<String>>,
    pub rows: Box<dyn Iterator<Item = Result<Record, ReadError>> + Send>,
}

/// Opens `path` as a table with the given overrides.
pub fn open(path: &Path, opts: &ReadOptions) -> Result<Table, ReadError> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    File::open(path)
        .map_err(|e| ReadError::Open(e.to_string()))?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| ReadError::Open(e.to_string()))?;
    if head.is_empty() {
        return Err(ReadError::Empty);
    }
    match sniff_format(&head) {
        Format::Text => open_text(path, &head, opts),
        f @ (Format::Zip | Format::Ole) => {
            let bytes = std::fs::read(path).map_err(|e| ReadError::Open(e.to_string()))?;
            open_workbook(bytes, f, opts)
        }
    }
}

/// Reads a table from bytes in memory (tests, fuzzing).
pub fn open_bytes(bytes: Vec<u8>, opts: &ReadOptions) -> Result<Table, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    match sniff_format(&bytes) {
        Format::Text => {
            let head = bytes[..bytes.len().min(SNIFF_BYTES)].to_vec();
            let layout = text_layout(&head, opts)?;
            text_table(std::io::Cursor::new(bytes), layout)
        }
        f => open_workbook(bytes, f, opts),
    }
}

/// What the first bytes say the file is.
pub fn sniff_format(head: &[u8]) -> Format {
    if head.starts_with(b"PK\x03\x04") {
        Format::Zip
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Format::Ole
    } else {
        Format::Text
    }
}

/// The encoding of a text sample: byte-order mark, then strict UTF-8, then UTF-16
/// without a mark, then a statistical guess (chardetng) for the legacy code pages.
pub fn detect_encoding(sample: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(sample) {
        return enc;
    }
    if utf8_prefix_ok(sample) {
        return encoding_rs::UTF_8;
    }
    if let Some(enc) = utf16_without_bom(sample) {
        return enc;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, sample.len() < SNIFF_BYTES);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    // chardetng alone takes Big5 for windows-1252 and, told the file is Chinese, reads
    // Big5 and Shift_JIS as GBK (both decode without error as GB18030). Settle the
    // double-byte encodings by how their byte pairs fall into each one's common block.
    match double_byte_guess(sample) {
        Some(enc) => enc,
        None if guess == encoding_rs::GBK => encoding_rs::GB18030,
        None => guess,
    }
}

/// Which of GBK, Big5, Shift_JIS and EUC-KR the sample is, judged by the share of its
/// two-byte characters that fall in the block each encoding keeps its everyday
/// characters in (GB2312 level 1, Big5 常用字, JIS level 1 and kana, KS X 1001 hangul).
/// `None` when the text has too few such characters, or none of these decode it cleanly.
fn double_byte_guess(sample: &[u8]) -> Option<&'static Encoding> {
    // Leave out a character cut off at the end of the sample.
    let mut end = sample.len();
    while end > 0 && sample.len() - end < 2 && sample[end - 1] >= 0x80 {
        end -= 1;
    }
    let sample = if sample.len() >= SNIFF_BYTES {
        &sample[..end]
    } else {
        sample
    };
    type Common = fn(u8, u8) -> bool;
    let candidates: [(&'static Encoding, Common, u32); 4] = [
        (
            encoding_rs::GB18030,
            |l, t| t >= 0xA1 && ((0xB0..=0xD7).contains(&l) || (0xA1..=0xA3).contains(&l)),
            10,
        ),
        (
            encoding_rs::BIG5,
            |l, _| (0xA4..=0xC6).contains(&l) || (0xA1..=0xA3).contains(&l),
            0,
        ),
        (
            encoding_rs::SHIFT_JIS,
            |l, _| (0x81..=0x83).contains(&l) || (0x88..=0x9F).contains(&l),
            0,
        ),
        (
            encoding_rs::EUC_KR,
            |l, t| (0xB0..=0xC8).contains(&l) && t >= 0xA1 || l == 0xA1,
            0,
        ),
    ];
    let mut best: Option<(&'static Encoding, u32)> = None;
    for (enc, common, bonus) in candidates {
        if enc
            .decode_without_bom_handling_and_without_replacement(sample)
            .is_none()
        {
            continue;
        }
        let (mut pairs, mut hits) = (0u32, 0u32);
        let mut i = 0;
        while i < sample.len() {
            let b = sample[i];
            if b < 0x80 || (enc == encoding_rs::SHIFT_JIS && (0xA1..=0xDF).contains(&b)) {
                i += 1;
                continue;
            }
            let t = sample.get(i + 1).copied().unwrap_or(0);
            pairs += 1;
            if common(b, t) {
                hits += 1;
            }
            i += 2;
        }
        if pairs < 2 {
            return None;
        }
        // Per mille of everyday characters; GBK, the likeliest here, wins ties.
        let score = hits * 1000 / pairs + bonus;
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((enc, score));
        }
    }
    best.filter(|&(_, s)| s >= 500).map(|(e, _)| e)
}

/// True when `s` is valid UTF-8, allowing a character cut off at the end of the sample.
fn utf8_prefix_ok(s: &[u8]) -> bool {
    match std::str::from_utf8(s) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && s.len() - e.valid_up_to() < 4,
    }
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(s: &[u8]) -> Option<&'static Encoding> {
    let n = s.len().min(4096) / 2 * 2;
    if n < 4 {
        return None;
    }
    let pairs = n / 2;
    let even_nul = s[..n].chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    let odd_nul = s[..n].chunks(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    if odd_nul * 10 > pairs * 3 && even_nul == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 > pairs * 3 && odd_nul == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes a sample without a BOM, for sniffing.
fn decode_sample(sample: &[u8], enc: &'static Encoding) -> String {
    let (text, _, _) = enc.decode(sample);
    let mut t = text.into_owned();
    // The sample may end mid-line; drop the incomplete last line.
    if sample.len() >= SNIFF_BYTES
        && let Some(i) = t.rfind('\n')
    {
        t.truncate(i + 1);
    }
    t
}

/// True when decoded text looks like binary garbage rather than a table.
fn looks_binary(text: &str) -> bool {
    let total = text.chars().count().max(1);
    let bad = text
        .chars()
        .filter(|&c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{FFFD}')
        .count();
    bad * 20 > total
}

/// The delimiter that splits the sample's lines most consistently.
pub fn detect_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(200)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b'\t', b';', b'|'] {
        let mut counts = std::collections::HashMap::<usize, usize>::new();
        for l in &lines {
            let n = count_outside_quotes(l, d as char);
            if n > 0 {
                *counts.entry(n).or_default() += 1;
            }
        }
        // The most common non-zero count and how many lines have it.
        let (fields, lines_with) = counts
            .into_iter()
            .max_by_key(|&(n, c)| (c, n))
            .unwrap_or((0, 0));
        if (lines_with, fields) > (best.1, best.2) {
            best = (d, lines_with, fields);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == d && !quoted {
            n += 1;
        }
    }
    n
}

/// The header among the leading records: the first that fills about as many columns as
/// the rows that follow it (preamble lines above a table fill one or two).
pub fn detect_header_row(top: &[Vec<String>]) -> usize {
    let filled = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count();
    let mut counts = std::collections::HashMap::<usize, usize>::new();
    for r in top {
        let n = filled(r);
        if n >= 2 {
            *counts.entry(n).or_default() += 1;
        }
    }
    let Some(widest_common) = counts
        .iter()
        .max_by_key(|&(&n, &c)| (c, n))
        .map(|(&n, _)| n)
    else {
        return 0;
    };
    let need = (widest_common / 2).max(2).min(widest_common);
    top.iter().position(|r| filled(r) >= need).unwrap_or(0)
}

/// Excel's way of keeping leading zeros in a text export: `="000123"`.
pub fn clean_cell(cell: &str) -> String {
    let t = cell.trim_matches(|c: char| c == ' ' || c == '\t');
    if let Some(inner) = t.strip_prefix("=\"").and_then(|s| s.strip_suffix('"')) {
        return inner.replace("\"\"", "\"");
    }
    // Our own export's guard against formulas: '=…, '+86 …
    if let Some(rest) = t.strip_prefix('\'')
        && rest.starts_with(['=', '+', '-', '@'])
    {
        return rest.to_string();
    }
    // Stray tabs after order numbers and padding spaces are not data.
    cell.trim_end_matches(['\t', ' ']).to_string()
}

fn text_layout(head: &[u8], opts: &ReadOptions) -> Result<Layout, ReadError> {
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

fn csv_builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .double_quote(true);
    b
}

fn parse_top(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv_builder(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .take(HEADER_SCAN)
        .filter_map(|r| r.ok())
        .map(|r| r.iter().map(clean_cell).collect())
        .collect()
}

fn open_text(path: &Path, head: &[u8], opts: &ReadOptions) -> Result<Table, ReadError> {
    let layout = text_layout(head, opts)?;
    let file = File::open(path).map_err(|e| ReadError::Open(e.to_string()))?;
    text_table(BufReader::with_capacity(1 << 16, file), layout)
}

fn text_table<R: Read + Send + 'static>(input: R, layout: Layout) -> Result<Table, ReadError> {
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
struct OwnedRows<R> {
    reader: csv::Reader<R>,
    ahead: std::vec::IntoIter<Record>,
    record: csv::StringRecord,
    done: bool,
    crlf: bool,
    /// Set by the [`QuoteWatch`] under the reader when the input ends inside a quote.
    unclosed: Option<Arc<AtomicU64>>,
}

impl<R: Read> OwnedRows<R> {
    fn new(reader: csv::Reader<R>, ahead: Vec<Record>, crlf: bool) -> Self {
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
enum Quoting {
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
struct QuoteWatch<R> {
    inner: R,
    delimiter: u8,
    state: Quoting,
    line: u64,
    opened: u64,
    unclosed: Arc<AtomicU64>,
}

impl<R> QuoteWatch<R> {
    fn new(inner: R, delimiter: u8, unclosed: Arc<AtomicU64>) -> Self {
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
fn record_line(r: &csv::StringRecord, crlf: bool) -> u64 {
    match r.position() {
        Some(p) if crlf && p.byte() > 0 => p.line() + 1,
        Some(p) => p.line(),
        None => 0,
    }
}

fn check_cells(r: &csv::StringRecord) -> Result<(), ReadError> {
    if r.iter().any(|c| c.len() > MAX_CELL) {
        return Err(ReadError::CellTooLong {
            line: r.position().map(|p| p.line()).unwrap_or(0),
        });
    }
    Ok(())
}

fn csv_error(e: csv::Error) -> ReadError {
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
fn trim_headers(h: Vec<String>) -> Vec<String> {
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

fn open_workbook(bytes: Vec<u8>, format: Format, opts: &ReadOptions) -> Result<Table, ReadError> {
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
struct SheetRead {
    headers: Vec<String>,
    top: Vec<Vec<String>>,
    rows: Vec<Record>,
    header_row: usize,
    start_row: u64,
}

/// Reads the sheet `name`: its header (detected, as in a text file, below any title or
/// merged banner rows, unless `opts` names the row) and its data rows.
fn read_sheet<RS: std::io::Read + std::io::Seek>(
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
fn cell_text(c: &calamine::Data) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(detect_delimiter("a;b;c\n1;2;3\n"), b';');
    }

    #[test]
    fn header_below_preamble() {
        let top: Vec<Vec<String>> = vec![
            vec!["导出信息：".into()],
            vec!["共66笔记录".into()],
            vec![],
            vec!["时间".into(), "对方".into(), "金额".into(), "".into()],
            vec!["2023".into(), "x".into(), "1".into(), "".into()],
            vec!["2023".into(), "y".into(), "2".into(), "".into()],
        ];
        assert_eq!(detect_header_row(&top), 3);
    }

    #[test]
    fn excel_text_quoting() {
        assert_eq!(clean_cell("=\"000123\""), "000123");
        assert_eq!(clean_cell("2023xxxx0011\t"), "2023xxxx0011");
        assert_eq!(clean_cell("  内容  "), "  内容");
    }

    #[test]
    fn floats_read_like_people_write_them() {
        assert_eq!(float_text(13800138000.0), "13800138000");
        assert_eq!(float_text(1.5), "1.5");
    }
}
