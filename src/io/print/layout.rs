//! The page model: lists laid out on A4 or Letter pages as positioned text, fills and
//! lines, in points from the top-left corner. It knows nothing of egui or PDF: the PDF
//! writer and the print preview both draw these same pages, so they cannot differ.

pub use crate::domain::settings::Paper;

/// Paper, orientation and margins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub paper: Paper,
    pub landscape: bool,
    pub margin_mm: f32,
}

impl Default for PageSetup {
    fn default() -> Self {
        PageSetup {
            paper: Paper::A4,
            landscape: false,
            margin_mm: 15.0,
        }
    }
}

const MM: f32 = 72.0 / 25.4;

impl PageSetup {
    /// The firm's paper and margins, portrait.
    pub fn from_settings(s: &crate::domain::settings::Settings) -> PageSetup {
        PageSetup {
            paper: s.paper,
            landscape: false,
            margin_mm: s.margin_mm as f32,
        }
    }

    /// Width and height in points.
    pub fn size(&self) -> (f32, f32) {
        let (w, h) = match self.paper {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        if self.landscape { (h, w) } else { (w, h) }
    }

    pub fn margin(&self) -> f32 {
        self.margin_mm.clamp(5.0, 40.0) * MM
    }
}

/// How wide a text is at a size, in points.
pub trait Measure {
    fn width(&self, text: &str, size: f32) -> f32;
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    /// A filled rectangle in a shade of grey (255 white).
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: u8,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    /// A filled rectangle in colour (a chart's bar).
    Paint {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        rgb: [u8; 3],
    },
    /// A slice of a ring (a donut chart's share).
    Ring(Slice),
}

/// A slice of a ring: between radii `r_in` and `r_out` around (cx, cy), from angle
/// `start` to `end` in radians, clockwise from twelve o'clock, filled in colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slice {
    pub cx: f32,
    pub cy: f32,
    pub r_in: f32,
    pub r_out: f32,
    pub start: f32,
    pub end: f32,
    pub rgb: [u8; 3],
}

/// The charts' colours, in order (the screen's charts use the same).
pub const PALETTE: [[u8; 3]; 8] = [
    [31, 119, 180],
    [255, 127, 14],
    [44, 160, 44],
    [214, 39, 40],
    [148, 103, 189],
    [140, 86, 75],
    [227, 119, 194],
    [23, 190, 207],
];

/// The point at `angle` (clockwise from twelve o'clock) on a circle of radius `r`
/// around (cx, cy), y growing downwards.
fn on_circle(cx: f32, cy: f32, r: f32, angle: f32) -> (f32, f32) {
    (cx + r * angle.sin(), cy - r * angle.cos())
}

impl Slice {
    /// Steps of at most one degree from start to end.
    fn steps(&self) -> usize {
        (((self.end - self.start).abs() / 1f32.to_radians()).ceil() as usize).max(1)
    }

    /// The angle of step `k` of `n`.
    fn at(&self, k: usize, n: usize) -> f32 {
        self.start + (self.end - self.start) * k as f32 / n as f32
    }

    /// The slice as one outline: the outer arc forwards, the inner arc back (a point
    /// every degree at most, so the curve stays smooth however far a page is zoomed).
    pub fn outline(&self) -> Vec<(f32, f32)> {
        let n = self.steps();
        let (cx, cy) = (self.cx, self.cy);
        let mut pts: Vec<(f32, f32)> = (0..=n)
            .map(|k| on_circle(cx, cy, self.r_out, self.at(k, n)))
            .collect();
        pts.extend(
            (0..=n)
                .rev()
                .map(|k| on_circle(cx, cy, self.r_in, self.at(k, n))),
        );
        pts
    }

    /// The slice as convex four-sided pieces (for painters that fill only convex
    /// shapes).
    pub fn pieces(&self) -> Vec<[(f32, f32); 4]> {
        let n = self.steps();
        let (cx, cy) = (self.cx, self.cy);
        (0..n)
            .map(|k| {
                let (a, b) = (self.at(k, n), self.at(k + 1, n));
                [
                    on_circle(cx, cy, self.r_out, a),
                    on_circle(cx, cy, self.r_out, b),
                    on_circle(cx, cy, self.r_in, b),
                    on_circle(cx, cy, self.r_in, a),
                ]
            })
            .collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// The data rows on this page, by their index in the list (for tests and the preview).
    pub rows: Vec<usize>,
}

impl Page {
    /// All the text on the page, in drawing order.
    pub fn texts(&self) -> Vec<&str> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// A list to print: what is on every page above the table, and its columns.
#[derive(Debug, Clone, Default)]
pub struct ListDoc {
    pub firm: String,
    pub title: String,
    /// The search and filters in words ("搜索：北京；等级：A"), or empty.
    pub filter: String,
    pub printed_on: String,
    pub headers: Vec<String>,
    /// Relative column widths (the table always fills the page width).
    pub weights: Vec<f32>,
    pub zebra: bool,
    /// Fit to the paper's width: columns as wide as their contents, and the text made
    /// smaller (down to [`MIN_BODY`]) when they would not otherwise fit on one line.
    pub fit_width: bool,
    /// Labels in the current language: "打印日期", "筛选", "共 {n} 条", "第 {p} 页 / 共 {m} 页".
    pub words: ListWords,
}

#[derive(Debug, Clone)]
pub struct ListWords {
    pub printed: String,
    pub filter: String,
    /// With `{n}`.
    pub total: String,
    /// With `{p}` and `{m}`.
    pub page_of: String,
}

impl Default for ListWords {
    fn default() -> Self {
        ListWords {
            printed: "打印日期".into(),
            filter: "筛选条件".into(),
            total: "共 {n} 条".into(),
            page_of: "第 {p} 页 / 共 {m} 页".into(),
        }
    }
}

pub const BODY: f32 = 9.0;
/// The smallest text fit-to-width shrinks to.
pub const MIN_BODY: f32 = 6.0;
const LINE: f32 = 12.0;
const PAD: f32 = 3.0;
const TITLE: f32 = 15.0;
const SMALL: f32 = 8.0;

/// Breaks `text` into lines no wider than `width`: at line breaks, between words where
/// possible, and between any two characters of Chinese (or of a word too long to fit).
pub fn wrap(text: &str, width: f32, size: f32, m: &dyn Measure) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4];
    for para in text.split('\n') {
        // Most cells fit on one line: measured once.
        if m.width(para, size) <= width {
            out.push(para.trim_end().to_string());
            continue;
        }
        // Widths add up character by character (no kerning), so the line's width is
        // kept as it grows rather than measured again for every character.
        let mut line = String::new();
        let mut line_w = 0.0f32;
        let mut last_space: Option<usize> = None;
        for c in para.chars() {
            let cw = m.width(c.encode_utf8(&mut buf), size);
            if line_w + cw <= width || line.is_empty() {
                line.push(c);
                line_w += cw;
                if c == ' ' {
                    last_space = Some(line.len());
                }
                continue;
            }
            // Latin: carry the unfinished word over when there was a space in the line.
            if c != ' '
                && !crate::domain::text::is_cjk(c)
                && let Some(at) = last_space
                && at < line.len()
            {
                let rest = line.split_off(at);
                out.push(line.trim_end().to_string());
                line_w = m.width(&rest, size);
                line = rest;
            } else {
                out.push(line.trim_end().to_string());
                line = String::new();
                line_w = 0.0;
            }
            last_space = None;
            if c != ' ' {
                line.push(c);
                line_w += cw;
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

fn fill_in(template: &str, pairs: &[(&str, usize)]) -> String {
    let mut s = template.to_string();
    for (k, v) in pairs {
        s = s.replace(k, &v.to_string());
    }
    s
}

/// Lays a list out on pages: on every page the firm, the title, the print date and the
/// filter, then the header row, then as many rows as fit — a row never split across
/// pages unless it is taller than a whole page — and 第 N 页 / 共 M 页 at the foot; the
/// total count after the last row.
pub fn layout_list(
    doc: &ListDoc,
    rows: impl IntoIterator<Item = Vec<String>>,
    setup: &PageSetup,
    m: &dyn Measure,
) -> Vec<Page> {
    let (pw, ph) = setup.size();
    let margin = setup.margin();
    let left = margin;
    let width = pw - 2.0 * margin;
    let bottom = ph - margin - LINE * 1.5; // room for the page number
    let rows: Vec<Vec<String>> = rows.into_iter().collect();
    let (weights, body) = if doc.fit_width {
        fit_to_width(doc, &rows, width, m)
    } else {
        let w = (0..doc.headers.len())
            .map(|i| doc.weights.get(i).copied().unwrap_or(1.0).max(0.1))
            .collect();
        (w, BODY)
    };
    let line = body * LINE / BODY;
    let total_w: f32 = weights.iter().sum::<f32>().max(0.1);
    let cols: Vec<(f32, f32)> = {
        let mut x = left;
        weights
            .iter()
            .map(|w| {
                let cw = width * w / total_w;
                let c = (x, cw);
                x += cw;
                c
            })
            .collect()
    };
    let cell_lines = |cells: &[String]| -> Vec<Vec<String>> {
        cols.iter()
            .enumerate()
            .map(|(i, (_, cw))| {
                wrap(
                    cells.get(i).map(String::as_str).unwrap_or(""),
                    cw - 2.0 * PAD,
                    body,
                    m,
                )
            })
            .collect()
    };
    let header_lines = cell_lines(&doc.headers);
    let row_height = |lines: &[Vec<String>]| {
        lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * line + 2.0 * PAD
    };

    let mut pages: Vec<Page> = Vec::new();
    let start_page = |pages: &mut Vec<Page>| -> f32 {
        let mut p = Page::default();
        let mut y = margin;
        if !doc.firm.is_empty() {
            p.items.push(Item::Text {
                x: left,
                y: y + SMALL,
                size: SMALL,
                text: doc.firm.clone(),
            });
            y += LINE;
        }
        p.items.push(Item::Text {
            x: left,
            y: y + TITLE,
            size: TITLE,
            text: doc.title.clone(),
        });
        y += TITLE + 6.0;
        let mut info = format!("{}：{}", doc.words.printed, doc.printed_on);
        if !doc.filter.is_empty() {
            info.push_str(&format!("    {}：{}", doc.words.filter, doc.filter));
        }
        for line in wrap(&info, width, SMALL, m) {
            p.items.push(Item::Text {
                x: left,
                y: y + SMALL,
                size: SMALL,
                text: line,
            });
            y += LINE;
        }
        y += 4.0;
        // The header row, on every page.
        let h = row_height(&header_lines);
        p.items.push(Item::Fill {
            x: left,
            y,
            w: width,
            h,
            gray: 220,
        });
        for (ci, lines) in header_lines.iter().enumerate() {
            for (li, text) in lines.iter().enumerate() {
                p.items.push(Item::Text {
                    x: cols[ci].0 + PAD,
                    y: y + PAD + body + li as f32 * line,
                    size: body,
                    text: text.clone(),
                });
            }
        }
        y += h;
        p.items.push(Item::Line {
            x1: left,
            y1: y,
            x2: left + width,
            y2: y,
        });
        pages.push(p);
        y
    };
    let mut y = start_page(&mut pages);
    let top_of_rows = y;
    let mut count = 0usize;
    for (ri, cells) in rows.iter().enumerate() {
        count += 1;
        let mut lines = cell_lines(cells);
        let h = row_height(&lines);
        if y + h > bottom && y > top_of_rows {
            y = start_page(&mut pages);
        }
        // A row taller than a whole page is the only one ever split.
        loop {
            let room = ((bottom - y - 2.0 * PAD) / line).floor().max(1.0) as usize;
            let fits: Vec<Vec<String>> = lines
                .iter_mut()
                .map(|l| {
                    let n = room.min(l.len());
                    l.drain(..n).collect()
                })
                .collect();
            let part_h = row_height(&fits);
            let page = pages.last_mut().expect("a page was started");
            if doc.zebra && ri % 2 == 1 {
                page.items.push(Item::Fill {
                    x: left,
                    y,
                    w: width,
                    h: part_h,
                    gray: 245,
                });
            }
            for (ci, col_lines) in fits.iter().enumerate() {
                for (li, text) in col_lines.iter().enumerate() {
                    page.items.push(Item::Text {
                        x: cols[ci].0 + PAD,
                        y: y + PAD + body + li as f32 * line,
                        size: body,
                        text: text.clone(),
                    });
                }
            }
            y += part_h;
            page.items.push(Item::Line {
                x1: left,
                y1: y,
                x2: left + width,
                y2: y,
            });
            page.rows.push(ri);
            if lines.iter().all(Vec::is_empty) {
                break;
            }
            y = start_page(&mut pages);
        }
    }
    // The total after the last row.
    if y + LINE * 1.5 > bottom {
        y = start_page(&mut pages);
    }
    pages
        .last_mut()
        .expect("a page was started")
        .items
        .push(Item::Text {
            x: left,
            y: y + LINE + 2.0,
            size: BODY,
            text: fill_in(&doc.words.total, &[("{n}", count)]),
        });
    let m_pages = pages.len();
    for (i, p) in pages.iter_mut().enumerate() {
        let text = fill_in(&doc.words.page_of, &[("{p}", i + 1), ("{m}", m_pages)]);
        let w = m.width(&text, SMALL);
        p.items.push(Item::Text {
            x: (pw - w) / 2.0,
            y: ph - margin,
            size: SMALL,
            text,
        });
    }
    pages
}

/// Column widths from their contents (the widest cell, header included) and the text
/// size at which they fit the page's width: the normal size when they fit, smaller (not
/// below [`MIN_BODY`]) when not; what still does not fit then wraps.
fn fit_to_width(
    doc: &ListDoc,
    rows: &[Vec<String>],
    width: f32,
    m: &dyn Measure,
) -> (Vec<f32>, f32) {
    let n = doc.headers.len();
    // No column is allowed more than half the page, so one long note cannot squeeze the rest.
    let cap = (width * 0.5 - 2.0 * PAD).max(1.0);
    let natural: Vec<f32> = (0..n)
        .map(|i| {
            let widest = std::iter::once(&doc.headers[i])
                .chain(rows.iter().filter_map(|r| r.get(i)))
                .map(|t| m.width(t, BODY))
                .fold(0.0f32, f32::max);
            widest.clamp(BODY, cap) + 2.0 * PAD
        })
        .collect();
    let total: f32 = natural.iter().sum();
    if total <= width {
        return (natural, BODY);
    }
    // Shrinking the text shrinks the columns but not their padding (and a hair more, so
    // rounding never wraps a cell that was meant to fit).
    let text: f32 = total - 2.0 * PAD * n as f32;
    let room = (width - 2.0 * PAD * n as f32).max(1.0);
    let body = (BODY * room / text * 0.995).clamp(MIN_BODY, BODY);
    let widths: Vec<f32> = natural
        .iter()
        .map(|w| (w - 2.0 * PAD) * body / BODY + 2.0 * PAD)
        .collect();
    if widths.iter().sum::<f32>() <= width {
        return (widths, body);
    }
    // Even the smallest text does not fit: narrow columns (codes, phones, grades) keep
    // their whole width and the widest ones share what is left and wrap, rather than
    // every column wrapping alike. `cap` is found so the capped widths fill the page.
    let (mut lo, mut hi) = (0.0f32, widths.iter().copied().fold(0.0, f32::max));
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        if widths.iter().map(|w| w.min(mid)).sum::<f32>() > width {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    (widths.iter().map(|w| w.min(lo)).collect(), body)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every character 1 em wide: simple to reason about.
    pub struct Mono;
    impl Measure for Mono {
        fn width(&self, text: &str, size: f32) -> f32 {
            text.chars().count() as f32 * size
        }
    }

    #[test]
    fn wrapping_breaks_chinese_anywhere_and_latin_between_words() {
        assert_eq!(
            wrap("北京华信科技有限公司", 45.0, 9.0, &Mono),
            ["北京华信科", "技有限公司"]
        );
        assert_eq!(wrap("ab cd ef", 45.0, 9.0, &Mono), ["ab cd", "ef"]);
        assert_eq!(
            wrap("第一行\n第二行", 100.0, 9.0, &Mono),
            ["第一行", "第二行"]
        );
        assert_eq!(wrap("", 100.0, 9.0, &Mono), [""]);
    }
}
