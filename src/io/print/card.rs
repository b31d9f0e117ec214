//! Record sheets on the page model: the customer card (客户卡片: every field, contacts,
//! recent feedback, contracts with status and balance) and the contract sheet (parties,
//! amounts in figures and in Chinese capitals, payments, approval, signature lines).

use super::layout::{BODY, Item, Measure, Page, PageSetup, wrap};

/// What a card shows, already in words (the caller knows the language and the labels).
#[derive(Debug, Clone, Default)]
pub struct CardDoc {
    pub firm: String,
    pub title: String,
    pub printed_on: String,
    /// Label and value of every field.
    pub fields: Vec<(String, String)>,
    /// Paragraphs across the page after the fields (a letter's text).
    pub body: Vec<String>,
    /// Each section: its heading, column headers, relative widths, rows.
    pub sections: Vec<Section>,
    /// Lines after the sections (signature lines on a contract).
    pub closing: Vec<String>,
    /// "第 {p} 页 / 共 {m} 页".
    pub page_of: String,
}

#[derive(Debug, Clone, Default)]
pub struct Section {
    pub heading: String,
    pub headers: Vec<String>,
    pub weights: Vec<f32>,
    pub rows: Vec<Vec<String>>,
    /// Shown when there are no rows.
    pub empty: String,
}

const LINE: f32 = 12.0;
const PAD: f32 = 3.0;

/// Text placed top to bottom, starting a new page when the next block does not fit.
struct Flow<'a> {
    pages: Vec<Page>,
    y: f32,
    left: f32,
    width: f32,
    top: f32,
    bottom: f32,
    m: &'a dyn Measure,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page was started")
    }

    fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom && self.y > self.top {
            self.pages.push(Page::default());
            self.y = self.top;
        }
    }

    fn text(&mut self, x: f32, size: f32, text: &str) {
        let y = self.y + size;
        self.page().items.push(Item::Text {
            x,
            y,
            size,
            text: text.to_string(),
        });
    }

    fn heading(&mut self, text: &str) {
        self.ensure(LINE * 3.0);
        self.y += 6.0;
        self.text(self.left, 11.0, text);
        self.y += 16.0;
    }

    /// Label/value pairs in two columns, values wrapped.
    fn fields(&mut self, pairs: &[(String, String)]) {
        let col_w = self.width / 2.0;
        let label_w = 78.0;
        for chunk in pairs.chunks(2) {
            let lines: Vec<Vec<String>> = chunk
                .iter()
                .map(|(_, v)| wrap(v, col_w - label_w - PAD, BODY, self.m))
                .collect();
            let h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * LINE + 2.0;
            self.ensure(h);
            for (i, ((label, _), vl)) in chunk.iter().zip(&lines).enumerate() {
                let x = self.left + i as f32 * col_w;
                let y0 = self.y;
                self.text(x, BODY, label);
                for (li, l) in vl.iter().enumerate() {
                    self.y = y0 + li as f32 * LINE;
                    self.text(x + label_w, BODY, l);
                }
                self.y = y0;
            }
            self.y += h;
        }
    }

    fn table(&mut self, s: &Section) {
        if s.rows.is_empty() {
            self.ensure(LINE);
            self.text(self.left, BODY, &s.empty);
            self.y += LINE;
            return;
        }
        let total: f32 = s.weights.iter().sum::<f32>().max(0.1);
        let mut x = self.left;
        let cols: Vec<(f32, f32)> = s
            .weights
            .iter()
            .map(|w| {
                let c = (x, self.width * w / total);
                x += c.1;
                c
            })
            .collect();
        let draw_row = |flow: &mut Self, cells: &[String], gray: Option<u8>| {
            let lines: Vec<Vec<String>> = cols
                .iter()
                .enumerate()
                .map(|(i, (_, w))| {
                    wrap(
                        cells.get(i).map(String::as_str).unwrap_or(""),
                        w - 2.0 * PAD,
                        BODY,
                        flow.m,
                    )
                })
                .collect();
            let h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * LINE + 2.0 * PAD;
            flow.ensure(h);
            let (y, left, width) = (flow.y, flow.left, flow.width);
            if let Some(g) = gray {
                flow.page().items.push(Item::Fill {
                    x: left,
                    y,
                    w: width,
                    h,
                    gray: g,
                });
            }
            for (ci, cl) in lines.iter().enumerate() {
                for (li, t) in cl.iter().enumerate() {
                    flow.page().items.push(Item::Text {
                        x: cols[ci].0 + PAD,
                        y: y + PAD + BODY + li as f32 * LINE,
                        size: BODY,
                        text: t.clone(),
                    });
                }
            }
            flow.y += h;
            let y = flow.y;
            flow.page().items.push(Item::Line {
                x1: left,
                y1: y,
                x2: left + width,
                y2: y,
            });
        };
        draw_row(self, &s.headers, Some(220));
        for r in &s.rows {
            draw_row(self, r, None);
        }
    }
}

/// Lays out a customer card.
pub fn layout_card(doc: &CardDoc, setup: &PageSetup, m: &dyn Measure) -> Vec<Page> {
    let (pw, ph) = setup.size();
    let margin = setup.margin();
    let mut f = Flow {
        pages: vec![Page::default()],
        y: margin,
        left: margin,
        width: pw - 2.0 * margin,
        top: margin,
        bottom: ph - margin - LINE * 1.5,
        m,
    };
    if !doc.firm.is_empty() {
        f.text(margin, 8.0, &doc.firm);
        f.y += LINE;
    }
    f.text(margin, 16.0, &doc.title);
    f.y += 22.0;
    f.text(margin, 8.0, &doc.printed_on);
    f.y += LINE + 4.0;
    f.fields(&doc.fields);
    for p in &doc.body {
        let lines = wrap(p, f.width, 10.5, f.m);
        f.y += 6.0;
        for l in lines {
            f.ensure(LINE * 1.3);
            f.text(margin, 10.5, &l);
            f.y += LINE * 1.3;
        }
    }
    for s in &doc.sections {
        f.heading(&s.heading);
        f.table(s);
    }
    if !doc.closing.is_empty() {
        f.ensure(doc.closing.len() as f32 * LINE * 2.5 + 30.0);
        f.y += 30.0;
        for line in &doc.closing {
            f.text(margin, 10.0, line);
            f.y += LINE * 2.5;
        }
    }
    let n = f.pages.len();
    for (i, p) in f.pages.iter_mut().enumerate() {
        let text = doc
            .page_of
            .replace("{p}", &(i + 1).to_string())
            .replace("{m}", &n.to_string());
        let w = m.width(&text, 8.0);
        p.items.push(Item::Text {
            x: (pw - w) / 2.0,
            y: ph - margin,
            size: 8.0,
            text,
        });
    }
    f.pages
}
