//! The page model: lists laid out on A4 or Letter pages as positioned text, fills and
//! lines, in points from the top-left corner. It knows nothing of egui or PDF: the PDF
//! writer and the print preview both draw these same pages, so they cannot differ.

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

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
const LINE: f32 = 12.0;
const PAD: f32 = 3.0;
const TITLE: f32 = 15.0;
const SMALL: f32 = 8.0;

/// Breaks `text` into lines no wider than `width`: at line breaks, between words where
/// possible, and between any two characters of Chinese (or of a word too long to fit).
pub fn wrap(text: &str, width: f32, size: f32, m: &dyn Measure) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut last_space: Option<usize> = None;
        for c in para.chars() {
            let mut candidate = line.clone();
            candidate.push(c);
            if m.width(&candidate, size) <= width || line.is_empty() {
                if c == ' ' {
                    last_space = Some(candidate.len());
                }
                line = candidate;
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
                line = rest;
            } else {
                out.push(line.trim_end().to_string());
                line = String::new();
            }
            last_space = None;
            if c != ' ' {
                line.push(c);
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
    let weights: Vec<f32> = (0..doc.headers.len())
        .map(|i| doc.weights.get(i).copied().unwrap_or(1.0).max(0.1))
        .collect();
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
                    BODY,
                    m,
                )
            })
            .collect()
    };
    let header_lines = cell_lines(&doc.headers);
    let row_height = |lines: &[Vec<String>]| {
        lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * LINE + 2.0 * PAD
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
                    y: y + PAD + BODY + li as f32 * LINE,
                    size: BODY,
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
    for (ri, cells) in rows.into_iter().enumerate() {
        count += 1;
        let mut lines = cell_lines(&cells);
        let h = row_height(&lines);
        if y + h > bottom && y > top_of_rows {
            y = start_page(&mut pages);
        }
        // A row taller than a whole page is the only one ever split.
        loop {
            let room = ((bottom - y - 2.0 * PAD) / LINE).floor().max(1.0) as usize;
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
                        y: y + PAD + BODY + li as f32 * LINE,
                        size: BODY,
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
