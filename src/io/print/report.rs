//! 月度经营报表: 统计报表 on paper — the period against the one before, then each
//! report as a chart drawn as vector graphics (bars, a donut for shares) beside or above
//! its table. Every page carries the firm, the title and the period at its head and
//! 第 p 页 / 共 m 页 at its foot. The tables are the tab's ([`crate::io::report_tables`]).

use super::layout::{Item, Measure, PALETTE, Page, PageSetup, Slice};
use crate::domain::money::format_fen;
use crate::domain::reports::{CustomerDim, Tally, total};
use crate::io::report_tables::{self as tables, Table};
use crate::store::reports::Summary;
use crate::strings::{self, S};

const TITLE: f32 = 14.0;
const HEAD: f32 = 11.0;
const SUB: f32 = 9.0;
const TEXT: f32 = 7.5;
const SMALL: f32 = 6.5;
const ROW: f32 = 10.5;
/// Rows of a distribution printed; the rest are added up as 其他.
const MOST_ROWS: usize = 12;
/// The colour of 其他 (what is left when the palette runs out).
const OTHER: [u8; 3] = [170, 170, 170];
/// The space between a chart and the table beside it.
const GAP: f32 = 14.0;

/// The reports a printed 经营报表 can hold (the clerk picks; the command line prints all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub customers: bool,
    pub contracts: bool,
    pub received: bool,
    pub feedback: bool,
    pub salespeople: bool,
}

impl Default for Parts {
    fn default() -> Self {
        Parts {
            customers: true,
            contracts: true,
            received: true,
            feedback: true,
            salespeople: true,
        }
    }
}

/// The title: 月度经营报表 for one calendar month, 经营报表 for any other period.
pub fn title(s: &Summary) -> &'static str {
    if s.period.months().len() == 1 && s.period.is_whole_months() {
        S::ReportPrintMonthTitle.t()
    } else {
        S::ReportPrintTitle.t()
    }
}

/// What a chart's values are.
#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Count,
    Fen,
}

impl Unit {
    /// A value at an axis mark: counts as they are, money in 万 (or in yuan below 1 万).
    fn axis(self, v: i64) -> String {
        match self {
            Unit::Count => v.to_string(),
            Unit::Fen if v == 0 => "0".into(),
            Unit::Fen if v % 1_000_000 == 0 => format!("{}万", v / 1_000_000),
            Unit::Fen if v >= 1_000_000 => format!("{:.1}万", v as f64 / 1_000_000.0),
            Unit::Fen => format_fen(v).trim_end_matches(".00").to_string(),
        }
    }

    /// A value written on a bar or in a legend.
    fn exact(self, v: i64) -> String {
        match self {
            Unit::Count => v.to_string(),
            Unit::Fen => format_fen(v),
        }
    }
}

/// A step between axis marks (at least a whole customer, a whole yuan).
fn step(most: i64, unit: Unit) -> i64 {
    crate::domain::reports::nice_step(most, if unit == Unit::Fen { 100 } else { 1 })
}

/// A chart's series: a name (in the legend), a colour and a value per category.
struct Series {
    name: String,
    rgb: [u8; 3],
    values: Vec<i64>,
}

/// The pages being filled, top to bottom.
struct Sheet<'a> {
    m: &'a dyn Measure,
    pages: Vec<Vec<Item>>,
    left: f32,
    width: f32,
    top: f32,
    bottom: f32,
    y: f32,
}

impl Sheet<'_> {
    fn items(&mut self) -> &mut Vec<Item> {
        self.pages.last_mut().expect("a page")
    }

    fn text(&mut self, x: f32, y: f32, size: f32, t: impl Into<String>) {
        self.items().push(Item::Text {
            x,
            y,
            size,
            text: t.into(),
        });
    }

    /// Text ending at `right`.
    fn text_right(&mut self, right: f32, y: f32, size: f32, t: &str) {
        let w = self.m.width(t, size);
        self.text(right - w, y, size, t);
    }

    /// Text centred on `x`.
    fn text_centre(&mut self, x: f32, y: f32, size: f32, t: &str) {
        let w = self.m.width(t, size);
        self.text(x - w / 2.0, y, size, t);
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.items().push(Item::Line { x1, y1, x2, y2 });
    }

    fn paint(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: [u8; 3]) {
        if w > 0.0 && h > 0.0 {
            self.items().push(Item::Paint { x, y, w, h, rgb });
        }
    }

    /// Room for `h` more points on this page, or a new page.
    fn need(&mut self, h: f32) {
        if self.y + h > self.bottom && self.y > self.top {
            self.pages.push(Vec::new());
            self.y = self.top;
        }
    }

    /// A section's heading (kept with the first `then` points that follow it).
    fn heading(&mut self, t: &str, size: f32, then: f32) {
        if t.is_empty() {
            self.need(then);
            return;
        }
        self.need(size + 6.0 + then);
        self.y += size + 2.0;
        self.text(self.left, self.y, size, t);
        self.y += 6.0;
    }

    /// A table's height.
    fn table_height(t: &Table) -> f32 {
        ROW * (t.rows.len() + 1) as f32 + 4.0
    }

    /// `t` at (x, y), `w` wide: the first column left, the others right-aligned; the
    /// text made smaller when the columns would not fit.
    fn table(&mut self, t: &Table, x: f32, y: f32, w: f32) {
        let cols = t.heads.len();
        let pad = 6.0;
        let mut natural = vec![0f32; cols];
        for row in std::iter::once(&t.heads).chain(&t.rows) {
            for (c, cell) in row.iter().enumerate().take(cols) {
                natural[c] = natural[c].max(self.m.width(cell, TEXT) + pad);
            }
        }
        let sum: f32 = natural.iter().sum();
        let size = if sum > w { TEXT * w / sum } else { TEXT };
        let widths: Vec<f32> = if sum > w {
            natural.iter().map(|n| n * w / sum).collect()
        } else {
            // The room left goes to the first column, up to half the table.
            let mut v = natural.clone();
            v[0] += (w - sum).min(w * 0.5 - v[0]).max(0.0);
            v
        };
        let total_w: f32 = widths.iter().sum();
        self.items().push(Item::Fill {
            x,
            y,
            w: total_w,
            h: ROW + 1.0,
            gray: 232,
        });
        let mut row_y = y + ROW - 2.5;
        let last = t.rows.len();
        for (r, row) in std::iter::once(&t.heads).chain(&t.rows).enumerate() {
            if t.total && r == last {
                self.line(x, row_y - ROW + 2.5, x + total_w, row_y - ROW + 2.5);
            }
            let mut cx = x;
            for (c, cell) in row.iter().enumerate().take(cols) {
                if c == 0 {
                    self.text(cx + 2.0, row_y, size, cell.as_str());
                } else {
                    self.text_right(cx + widths[c] - 2.0, row_y, size, cell);
                }
                cx += widths[c];
            }
            if r == 0 {
                self.line(x, row_y + 3.0, x + total_w, row_y + 3.0);
            }
            row_y += ROW;
        }
    }

    /// A legend: a colour square and a name each, in rows across `w`; its height.
    fn legend(&mut self, series: &[(String, [u8; 3])], x: f32, y: f32, w: f32) -> f32 {
        if series.len() < 2 {
            return 0.0;
        }
        let (mut lx, mut ly) = (x, y);
        for (name, rgb) in series {
            let need = 10.0 + self.m.width(name, SMALL) + 10.0;
            if lx + need > x + w && lx > x {
                lx = x;
                ly += 10.0;
            }
            self.paint(lx, ly - 6.0, 7.0, 7.0, *rgb);
            self.text(lx + 10.0, ly, SMALL, name.as_str());
            lx += need;
        }
        ly - y + 10.0
    }

    /// Vertical bars at (x, y) in a box `w` × `h`: a group per category (the series
    /// stacked, or side by side), value marks on the left, the categories under the bars.
    #[allow(clippy::too_many_arguments)]
    fn columns(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        cats: &[String],
        series: &[Series],
        stacked: bool,
        unit: Unit,
    ) {
        let names: Vec<(String, [u8; 3])> =
            series.iter().map(|s| (s.name.clone(), s.rgb)).collect();
        let legend = self.legend(&names, x, y + 7.0, w);
        let n = cats.len().max(1);
        let most = (0..n)
            .map(|i| {
                let v = series.iter().map(|s| s.values.get(i).copied().unwrap_or(0));
                if stacked {
                    v.sum()
                } else {
                    v.max().unwrap_or(0)
                }
            })
            .max()
            .unwrap_or(0)
            .max(1);
        let st = step(most, unit);
        let marks = (most + st - 1) / st;
        let label_w = (0..=marks)
            .map(|k| self.m.width(&unit.axis(k * st), SMALL))
            .fold(0.0, f32::max)
            + 4.0;
        let (px, pw) = (x + label_w, w - label_w);
        let top = y + legend + 4.0;
        let ph = h - legend - 4.0 - 20.0;
        let bottom = top + ph;
        let scale = ph / (marks * st) as f32;
        for k in 0..=marks {
            let gy = bottom - (k * st) as f32 * scale;
            self.line(px, gy, px + pw, gy);
            self.text_right(px - 3.0, gy + 2.2, SMALL, &unit.axis(k * st));
        }
        let slot = pw / n as f32;
        let bar_w = slot * 0.64;
        let each = if stacked {
            bar_w
        } else {
            bar_w / series.len().max(1) as f32
        };
        for i in 0..n {
            let x0 = px + slot * i as f32 + (slot - bar_w) / 2.0;
            let mut base = bottom;
            for (k, s) in series.iter().enumerate() {
                let v = s.values.get(i).copied().unwrap_or(0).max(0);
                let bh = v as f32 * scale;
                if stacked {
                    self.paint(x0, base - bh, bar_w, bh, s.rgb);
                    base -= bh;
                } else {
                    self.paint(x0 + each * k as f32, bottom - bh, each, bh, s.rgb);
                }
            }
            // A lone count is written above its bar.
            if series.len() == 1 && unit == Unit::Count && n <= 14 {
                let v = series[0].values.get(i).copied().unwrap_or(0);
                let above = bottom - v.max(0) as f32 * scale - 2.0;
                self.text_centre(x0 + bar_w / 2.0, above, SMALL, &v.to_string());
            }
        }
        // The months: "2026-03" when few, else "03" with the year under the first
        // month and every January.
        for (i, c) in cats.iter().enumerate() {
            let cx = px + slot * (i as f32 + 0.5);
            let month = c.len() == 7 && c.is_ascii() && c.as_bytes()[4] == b'-';
            if n <= 6 || !month {
                self.text_centre(cx, bottom + 9.0, SMALL, c);
            } else {
                self.text_centre(cx, bottom + 9.0, SMALL, &c[5..]);
                if i == 0 || c.ends_with("-01") {
                    self.text_centre(cx, bottom + 17.0, SMALL, &c[..4]);
                }
            }
        }
    }

    /// Horizontal bars at (x, y), `w` wide: a name and a bar per row with its count.
    fn bars(&mut self, x: f32, y: f32, w: f32, rows: &[Tally]) {
        let name_w = rows
            .iter()
            .map(|t| self.m.width(&t.key, SMALL))
            .fold(0.0, f32::max)
            .min(w * 0.4)
            + 4.0;
        let most = rows.iter().map(|t| t.count).max().unwrap_or(0).max(1);
        let room = w - name_w - 30.0;
        for (i, t) in rows.iter().enumerate() {
            let ry = y + ROW * (i as f32 + 1.0);
            let name = fit(&t.key, name_w - 4.0, SMALL, self.m);
            self.text_right(x + name_w - 4.0, ry - 1.5, SMALL, &name);
            let bw = room * t.count as f32 / most as f32;
            let rgb = if t.key == S::ReportOther.t() {
                OTHER
            } else {
                PALETTE[0]
            };
            self.paint(x + name_w, ry - 8.0, bw, 7.5, rgb);
            self.text(x + name_w + bw + 3.0, ry - 1.5, SMALL, t.count.to_string());
        }
    }

    /// A donut of `rows`' shares at (x, y) in a box `w` wide and `h` high, the legend
    /// (name, figure, share) to its right.
    fn donut(&mut self, x: f32, y: f32, w: f32, h: f32, rows: &[(String, i64)], unit: Unit) {
        let sum: i64 = rows.iter().map(|(_, v)| (*v).max(0)).sum();
        let r = (h / 2.0 - 4.0).min(w * 0.22);
        let (cx, cy) = (x + r + 2.0, y + h / 2.0);
        let mut at = 0.0f32;
        let full = std::f32::consts::TAU;
        for (i, (name, v)) in rows.iter().enumerate() {
            let rgb = slice_colour(i, name);
            let share = if sum > 0 {
                (*v).max(0) as f32 / sum as f32
            } else {
                0.0
            };
            if share > 0.0 {
                self.items().push(Item::Ring(Slice {
                    cx,
                    cy,
                    r_in: r * 0.55,
                    r_out: r,
                    start: at * full,
                    end: (at + share) * full,
                    rgb,
                }));
            }
            at += share;
            let ly = y + 8.0 + ROW * i as f32;
            let lx = cx + r + 12.0;
            self.paint(lx, ly - 6.0, 7.0, 7.0, rgb);
            let pct = if sum > 0 {
                format!("{:.1}%", 100.0 * *v as f64 / sum as f64)
            } else {
                "—".into()
            };
            self.text(lx + 10.0, ly, SMALL, fit(name, 90.0, SMALL, self.m));
            self.text_right(x + w - 40.0, ly, SMALL, &unit.exact(*v));
            self.text_right(x + w, ly, SMALL, &pct);
        }
        if sum == 0 {
            self.text_centre(cx, cy + 2.0, SMALL, "0");
        }
    }

    /// A chart (drawn by `draw` in a box of the given width and height) with `t` beside
    /// it on the right, under `title`.
    fn beside(
        &mut self,
        title: &str,
        chart_h: f32,
        t: &Table,
        draw: impl FnOnce(&mut Self, f32, f32, f32, f32),
    ) {
        let h = chart_h.max(Self::table_height(t));
        self.heading(title, SUB, h);
        let chart_w = self.width * 0.56;
        let (x, y) = (self.left, self.y);
        draw(self, x, y, chart_w, chart_h);
        self.table(t, x + chart_w + GAP, y, self.width - chart_w - GAP);
        self.y += h + 8.0;
    }

    /// A table the page's width, under `title`; a long one goes on over pages, its
    /// columns' names repeated.
    fn full_table(&mut self, title: &str, t: &Table) {
        let per_page = (((self.bottom - self.top) / ROW) as usize)
            .saturating_sub(3)
            .max(1);
        self.heading(title, SUB, Self::table_height(t).min(ROW * 6.0));
        let mut rest: &[Vec<String>] = &t.rows;
        loop {
            let fits = (((self.bottom - self.y) / ROW) as usize)
                .saturating_sub(2)
                .min(per_page);
            let n = fits.min(rest.len());
            let part = Table {
                heads: t.heads.clone(),
                rows: rest[..n].to_vec(),
                total: t.total && n == rest.len(),
            };
            let (x, y, w) = (self.left, self.y, self.width);
            self.table(&part, x, y, w);
            self.y += Self::table_height(&part) + 6.0;
            rest = &rest[n..];
            if rest.is_empty() {
                break;
            }
            self.pages.push(Vec::new());
            self.y = self.top;
        }
    }
}

/// A slice's colour: the palette in order, 其他 grey.
fn slice_colour(i: usize, name: &str) -> [u8; 3] {
    if name == S::ReportOther.t() {
        OTHER
    } else {
        PALETTE[i % PALETTE.len()]
    }
}

/// `t` cut to `w` points with …, when it is wider.
fn fit(t: &str, w: f32, size: f32, m: &dyn Measure) -> String {
    if m.width(t, size) <= w {
        return t.to_string();
    }
    let mut out = String::new();
    for c in t.chars() {
        out.push(c);
        if m.width(&format!("{out}…"), size) > w {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

/// The first `most` rows, and the rest added up as 其他.
fn head_and_other(rows: &[Tally], most: usize) -> Vec<Tally> {
    if rows.len() <= most {
        return rows.to_vec();
    }
    let mut out = rows[..most - 1].to_vec();
    out.push(Tally {
        key: S::ReportOther.t().to_string(),
        ..total(&rows[most - 1..])
    });
    out
}

/// The pages of the report of `s` under `title` with the reports of `parts`, for the
/// firm `firm`, printed on `printed_on`.
pub fn report_pages(
    firm: &str,
    title: &str,
    s: &Summary,
    parts: Parts,
    printed_on: &str,
    setup: &PageSetup,
    m: &dyn Measure,
) -> Vec<Page> {
    let (pw, ph) = setup.size();
    let margin = setup.margin();
    let top = margin + 30.0;
    let mut sh = Sheet {
        m,
        pages: vec![Vec::new()],
        left: margin,
        width: pw - 2.0 * margin,
        top,
        bottom: ph - margin,
        y: top,
    };
    let months = s.period.months();

    // The period against the one before.
    let overview = tables::overview(s);
    sh.table(&overview, sh.left, sh.y, sh.width * 0.7);
    sh.y += Sheet::table_height(&overview) + 4.0;
    let (opened, closed, days) = &s.complaints;
    let mut line = strings::report_period_line(
        &format_fen(total(&s.received).amount_fen),
        s.feedback_count(None, None),
        total(opened).count,
        total(closed).count,
    );
    if let Some(d) = days {
        line = format!("{line}{}。", strings::complaint_days(*d));
    }
    sh.y += TEXT + 2.0;
    sh.text(sh.left, sh.y, TEXT, line);
    sh.y += 10.0;

    if parts.customers {
        sh.heading(S::ReportCustomers.t(), HEAD, 150.0);
        let t = tables::tallies(S::HeadMonth.t(), &s.new_customers, false);
        let series = [Series {
            name: S::ReportNewTotal.t().into(),
            rgb: PALETTE[0],
            values: s.new_customers.iter().map(|t| t.count).collect(),
        }];
        sh.beside(S::ReportNewCustomers.t(), 150.0, &t, |sh, x, y, w, h| {
            sh.columns(x, y, w, h, &months, &series, false, Unit::Count)
        });
        for (dim, rows) in &s.customers_by {
            let rows = head_and_other(&tables::named(*dim, rows), MOST_ROWS);
            let t = tables::tallies(strings::report_dim(*dim), &rows, false);
            let title = format!(
                "{}：{}",
                S::ReportCustomersBy.t(),
                strings::report_dim(*dim)
            );
            if matches!(dim, CustomerDim::Grade | CustomerDim::Category) {
                let shares: Vec<(String, i64)> =
                    rows.iter().map(|t| (t.key.clone(), t.count)).collect();
                let h = (ROW * shares.len() as f32 + 16.0).max(110.0);
                sh.beside(&title, h, &t, |sh, x, y, w, h| {
                    sh.donut(x, y, w, h, &shares, Unit::Count)
                });
            } else {
                let h = ROW * (rows.len() + 1) as f32;
                sh.beside(&title, h, &t, |sh, x, y, w, _| sh.bars(x, y, w, &rows));
            }
        }
    }

    if parts.contracts {
        sh.heading(S::ReportContracts.t(), HEAD, 170.0);
        // A colour per salesperson, the largest first; beyond the palette, 其他.
        let mut people: Vec<(String, i64)> = tables::signers(s)
            .into_iter()
            .map(|p| {
                let fen = months.iter().map(|m| tables::signed_by(s, m, &p)).sum();
                (p, fen)
            })
            .collect();
        people.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let named = |p: &str| {
            if p.is_empty() {
                S::NoGroup.t().to_string()
            } else {
                p.to_string()
            }
        };
        let keep = PALETTE.len() - 1;
        let mut series: Vec<Series> = people
            .iter()
            .take(if people.len() > PALETTE.len() {
                keep
            } else {
                PALETTE.len()
            })
            .enumerate()
            .map(|(i, (p, _))| Series {
                name: named(p),
                rgb: PALETTE[i],
                values: months.iter().map(|m| tables::signed_by(s, m, p)).collect(),
            })
            .collect();
        if people.len() > PALETTE.len() {
            let rest: Vec<&String> = people[keep..].iter().map(|(p, _)| p).collect();
            series.push(Series {
                name: S::ReportOther.t().into(),
                rgb: OTHER,
                values: months
                    .iter()
                    .map(|m| rest.iter().map(|p| tables::signed_by(s, m, p)).sum())
                    .collect(),
            });
        }
        let t = tables::tallies(S::HeadMonth.t(), &s.signed_by_month, true);
        sh.beside(
            S::ReportSignedBySalesperson.t(),
            190.0,
            &t,
            |sh, x, y, w, h| sh.columns(x, y, w, h, &months, &series, true, Unit::Fen),
        );
        let statuses = tables::statuses(s);
        let shares: Vec<(String, i64)> = statuses
            .iter()
            .map(|t| (t.key.clone(), t.amount_fen))
            .collect();
        let t = tables::tallies(S::HeadStatus.t(), &statuses, true);
        let h = (ROW * shares.len() as f32 + 16.0).max(110.0);
        sh.beside(S::ReportAmountByStatus.t(), h, &t, |sh, x, y, w, h| {
            sh.donut(x, y, w, h, &shares, Unit::Fen)
        });
        sh.full_table(S::ReportApprovals.t(), &tables::approvals(s));
        sh.full_table(S::ReportTop.t(), &tables::top(s));
    }

    if parts.received {
        sh.heading(S::ReportReceived.t(), HEAD, 170.0);
        let mut series = vec![
            Series {
                name: S::ReportSignedTotal.t().into(),
                rgb: PALETTE[0],
                values: s.signed_by_month.iter().map(|t| t.amount_fen).collect(),
            },
            Series {
                name: S::ReportReceivedTotal.t().into(),
                rgb: PALETTE[2],
                values: s.received.iter().map(|t| t.amount_fen).collect(),
            },
        ];
        if let Some(o) = &s.owed {
            series.push(Series {
                name: S::ReportOwedMonthEnd.t().into(),
                rgb: PALETTE[3],
                values: o.months.iter().map(|m| m.1).collect(),
            });
        }
        sh.beside(
            S::ReportReceivedVsSigned.t(),
            180.0,
            &tables::received(s),
            |sh, x, y, w, h| sh.columns(x, y, w, h, &months, &series, false, Unit::Fen),
        );
        if let (Some(o), Some(t)) = (&s.owed, tables::ageing(s)) {
            let names: Vec<String> = strings::bucket_names()
                .iter()
                .map(|n| n.to_string())
                .collect();
            let series = [Series {
                name: S::CreditOwed.t().into(),
                rgb: PALETTE[3],
                values: o.buckets.to_vec(),
            }];
            sh.beside(
                &strings::owed_at_end(&o.as_of.to_string(), o.customers),
                150.0,
                &t,
                |sh, x, y, w, h| sh.columns(x, y, w, h, &names, &series, false, Unit::Fen),
            );
        }
    }

    if parts.feedback {
        use crate::domain::feedback::FeedbackKind;
        sh.heading(S::ReportFeedback.t(), HEAD, 170.0);
        let series: Vec<Series> = FeedbackKind::ALL
            .iter()
            .enumerate()
            .map(|(i, k)| Series {
                name: strings::feedback_kind(*k).t().to_string(),
                rgb: PALETTE[i % PALETTE.len()],
                values: months
                    .iter()
                    .map(|m| s.feedback_count(Some(m), Some(k.code())))
                    .collect(),
            })
            .collect();
        sh.heading(S::ReportFeedbackKinds.t(), SUB, 170.0);
        let (x, y, w) = (sh.left, sh.y, sh.width);
        sh.columns(x, y, w, 160.0, &months, &series, true, Unit::Count);
        sh.y += 166.0;
        sh.full_table("", &tables::feedback_kinds(s));
        let (opened, closed, _) = &s.complaints;
        let series = [
            Series {
                name: S::ReportComplaintsOpened.t().into(),
                rgb: PALETTE[3],
                values: opened.iter().map(|t| t.count).collect(),
            },
            Series {
                name: S::ReportComplaintsClosed.t().into(),
                rgb: PALETTE[2],
                values: closed.iter().map(|t| t.count).collect(),
            },
        ];
        sh.beside(
            S::ReportComplaints.t(),
            150.0,
            &tables::complaints(s),
            |sh, x, y, w, h| sh.columns(x, y, w, h, &months, &series, false, Unit::Count),
        );
        sh.full_table(S::ReportOpenComplaints.t(), &tables::open_complaints(s));
        sh.full_table(S::ReportSatisfaction.t(), &tables::satisfaction(s));
    }

    if parts.salespeople {
        sh.heading(S::ReportSalespeople.t(), HEAD, 60.0);
        sh.full_table("", &tables::salespeople(&s.salespeople));
    }

    // The head and foot of every page, now that the pages are counted.
    let count = sh.pages.len();
    let period = strings::date_range(&s.period.from.to_string(), &s.period.to.to_string());
    let head = format!(
        "{title}    {}",
        strings::labelled(S::ReportPeriod.t(), &period)
    );
    let printed = strings::labelled(S::PrintDate.t(), printed_on);
    sh.pages
        .into_iter()
        .enumerate()
        .map(|(i, mut items)| {
            let mut frame = Vec::new();
            let text = |x: f32, y: f32, size: f32, t: String| Item::Text {
                x,
                y,
                size,
                text: t,
            };
            if !firm.is_empty() {
                frame.push(text(margin, margin + 2.0, TEXT, firm.to_string()));
            }
            frame.push(text(
                pw - margin - m.width(&printed, TEXT),
                margin + 2.0,
                TEXT,
                printed.clone(),
            ));
            frame.push(text(margin, margin + 18.0, TITLE, head.clone()));
            frame.push(Item::Line {
                x1: margin,
                y1: margin + 23.0,
                x2: pw - margin,
                y2: margin + 23.0,
            });
            let foot = S::PrintPageOf
                .t()
                .replace("{p}", &(i + 1).to_string())
                .replace("{m}", &count.to_string());
            frame.push(text(
                (pw - m.width(&foot, TEXT)) / 2.0,
                ph - margin + 16.0,
                TEXT,
                foot,
            ));
            frame.append(&mut items);
            Page {
                items: frame,
                rows: Vec::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn axis_steps_are_round_and_money_is_in_wan() {
        assert_eq!(step(8, Unit::Count), 2);
        assert_eq!(step(1, Unit::Count), 1);
        assert_eq!(step(130, Unit::Count), 50);
        // ¥4,567,700 → marks every ¥2,000,000 (200万).
        assert_eq!(step(456_770_000, Unit::Fen), 200_000_000);
        assert_eq!(Unit::Fen.axis(200_000_000), "200万");
        assert_eq!(Unit::Fen.axis(150_000_000), "150万");
        assert_eq!(Unit::Fen.axis(2_500_000), "2.5万");
        assert_eq!(Unit::Fen.axis(500_000), "¥5,000");
        assert_eq!(Unit::Fen.axis(0), "0");
    }

    #[test]
    fn the_tail_of_a_distribution_is_added_up_as_other() {
        let rows: Vec<Tally> = (0..20)
            .map(|i| Tally {
                key: format!("行业{i}"),
                count: 20 - i,
                amount_fen: 0,
            })
            .collect();
        let short = head_and_other(&rows, MOST_ROWS);
        assert_eq!(short.len(), MOST_ROWS);
        assert_eq!(short[MOST_ROWS - 1].key, S::ReportOther.t());
        assert_eq!(total(&short).count, total(&rows).count, "合计 unchanged");
        assert_eq!(head_and_other(&rows[..5], MOST_ROWS), rows[..5].to_vec());
    }
}
