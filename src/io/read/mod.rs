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

mod delimited;
mod workbook;
use delimited::*;
pub use workbook::*;

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
