//! 客户价值与流失 on paper: a first page with the churn and retention chart drawn as
//! lines (vector graphics, not a picture of the screen), the churn table and the count
//! per segment as bars; then the RFM table as the tab shows it, laid out as a list.

use super::layout::{self, Item, ListDoc, ListWords, Measure, Page, PageSetup};
use crate::domain::value::{CHURN_HEADERS, ChurnRow, RFM_HEADERS, Segment};
use crate::store::value::{RfmLine, ValueReport};
use crate::strings::{self, S};

const TITLE: f32 = 15.0;
const TEXT: f32 = 9.0;
const SMALL: f32 = 7.5;
const LINE: f32 = 12.0;

/// Text at (x, baseline y).
fn text(items: &mut Vec<Item>, x: f32, y: f32, size: f32, t: impl Into<String>) {
    items.push(Item::Text {
        x,
        y,
        size,
        text: t.into(),
    });
}

fn line(items: &mut Vec<Item>, x1: f32, y1: f32, x2: f32, y2: f32) {
    items.push(Item::Line { x1, y1, x2, y2 });
}

/// A small square marking a point of a series (black for churn, grey for retention).
fn mark(items: &mut Vec<Item>, x: f32, y: f32, gray: u8) {
    items.push(Item::Fill {
        x: x - 2.0,
        y: y - 2.0,
        w: 4.0,
        h: 4.0,
        gray,
    });
}

/// The rate as printed: 33.3%.
fn rate(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.1}%")).unwrap_or_default()
}

/// The pages: the figures page, then the RFM table (`lines`, in the order shown).
pub fn analysis_pages(
    firm: &str,
    report: &ValueReport,
    as_of: &str,
    lines: &[RfmLine],
    setup: &PageSetup,
    m: &dyn Measure,
) -> Vec<Page> {
    let (pw, _) = setup.size();
    let margin = setup.margin();
    let (left, width) = (margin, pw - 2.0 * margin);
    let mut items = Vec::new();
    let mut y = margin + TITLE;
    if !firm.is_empty() {
        text(&mut items, left, y - TITLE + TEXT, TEXT, firm);
        y += LINE;
    }
    text(&mut items, left, y, TITLE, S::PrintAnalysisTitle.t());
    y += LINE;
    text(
        &mut items,
        left,
        y,
        TEXT,
        strings::labelled(S::AsOf.t(), as_of),
    );
    y += LINE * 1.5;

    // Churn and retention per period: a frame, grid lines at 0/25/50/75/100 %, a line
    // and marks per series, the periods under it.
    text(&mut items, left, y, TEXT + 1.0, S::ChurnHeading.t());
    y += LINE * 0.5;
    let rows = &report.churn;
    let label_w = 28.0;
    let (cx, cw, ch) = (left + label_w, width - label_w, 150.0);
    let top = y + 6.0;
    let bottom = top + ch;
    for k in 0..=4 {
        let gy = bottom - ch * k as f32 / 4.0;
        line(&mut items, cx, gy, cx + cw, gy);
        let t = format!("{}%", k * 25);
        text(
            &mut items,
            cx - 4.0 - m.width(&t, SMALL),
            gy + 2.5,
            SMALL,
            t,
        );
    }
    line(&mut items, cx, top, cx, bottom);
    let n = rows.len().max(1);
    let px = |i: usize| cx + cw * (i as f32 + 0.5) / n as f32;
    let py = |v: f64| bottom - ch * (v.clamp(0.0, 100.0) as f32) / 100.0;
    for (series, gray) in [
        (ChurnRow::churn_rate as fn(&ChurnRow) -> Option<f64>, 0u8),
        (ChurnRow::retention_rate, 150),
    ] {
        let pts: Vec<(f32, f32)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| series(r).map(|v| (px(i), py(v))))
            .collect();
        for w in pts.windows(2) {
            line(&mut items, w[0].0, w[0].1, w[1].0, w[1].1);
        }
        for (x, y) in pts {
            mark(&mut items, x, y, gray);
        }
    }
    // Every period's name when they fit, else every few.
    let step = rows.len().div_ceil(((cw / 34.0) as usize).max(1)).max(1);
    for (i, r) in rows.iter().enumerate().step_by(step) {
        let w = m.width(&r.period, SMALL);
        text(&mut items, px(i) - w / 2.0, bottom + 10.0, SMALL, &r.period);
    }
    // The legend.
    let ly = top + 8.0;
    let lx = cx + cw - 130.0;
    mark(&mut items, lx, ly - 3.0, 0);
    text(&mut items, lx + 6.0, ly, SMALL, S::ChurnRateName.t());
    mark(&mut items, lx + 65.0, ly - 3.0, 150);
    text(&mut items, lx + 71.0, ly, SMALL, S::RetentionRateName.t());
    y = bottom + 10.0 + LINE * 1.5;

    // The table, newest period first (the last ten).
    let cols = CHURN_HEADERS.len();
    let col_w = width / cols as f32;
    for (k, h) in CHURN_HEADERS.iter().enumerate() {
        text(&mut items, left + col_w * k as f32, y, TEXT, *h);
    }
    y += 3.0;
    line(&mut items, left, y, left + width, y);
    y += LINE;
    for r in rows.iter().rev().take(10) {
        let mut period = r.period.clone();
        if r.open {
            period = strings::with_note(&period, S::PeriodOpen.t());
        }
        let cells = [
            period,
            r.buyers.to_string(),
            r.kept.to_string(),
            r.lost.to_string(),
            rate(r.churn_rate()),
            rate(r.retention_rate()),
            r.new.to_string(),
        ];
        for (k, c) in cells.into_iter().enumerate() {
            text(&mut items, left + col_w * k as f32, y, TEXT, c);
        }
        y += LINE;
    }
    y += LINE;

    // The count per segment as bars, the count above each, the name under it.
    text(&mut items, left, y, TEXT + 1.0, S::RfmHeading.t());
    let (counts, none) = report.segment_counts();
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let (bh, top) = (110.0, y + 16.0);
    let bottom = top + bh;
    line(&mut items, left, bottom, left + width, bottom);
    let slot = width / Segment::ALL.len() as f32;
    for (i, s) in Segment::ALL.iter().enumerate() {
        let h = bh * counts[i] as f32 / most as f32;
        let x = left + slot * i as f32 + slot * 0.2;
        items.push(Item::Fill {
            x,
            y: bottom - h,
            w: slot * 0.6,
            h,
            gray: if i < 4 { 90 } else { 170 },
        });
        let c = counts[i].to_string();
        text(
            &mut items,
            x + slot * 0.3 - m.width(&c, SMALL) / 2.0,
            bottom - h - 3.0,
            SMALL,
            c,
        );
        let name = strings::segment(*s).trim_end_matches("客户");
        text(
            &mut items,
            x + slot * 0.3 - m.width(name, SMALL) / 2.0,
            bottom + 10.0,
            SMALL,
            name,
        );
    }
    y = bottom + 10.0 + LINE * 1.5;
    text(
        &mut items,
        left,
        y,
        SMALL,
        format!("{} {none}", S::NoDeal.t()),
    );
    let t = &report.thresholds;
    text(
        &mut items,
        left,
        y + LINE,
        SMALL,
        strings::thresholds_line(
            &t.r_days,
            &t.f,
            &t.m_fen.map(crate::domain::money::fen_to_plain),
        ),
    );
    let mut pages = vec![Page {
        items,
        rows: Vec::new(),
    }];

    // The RFM table as the tab shows it.
    let doc = ListDoc {
        firm: firm.to_string(),
        title: S::RfmHeading.t().to_string(),
        filter: String::new(),
        printed_on: as_of.to_string(),
        headers: RFM_HEADERS.iter().map(|h| h.to_string()).collect(),
        weights: vec![1.1, 2.6, 1.3, 0.8, 0.6, 1.4, 0.5, 0.5, 0.5, 1.4, 0.7, 0.7],
        zebra: true,
        fit_width: false,
        words: ListWords {
            printed: S::PrintDate.t().into(),
            filter: S::PrintFilter.t().into(),
            total: S::PrintTotal.t().into(),
            page_of: S::PrintPageOf.t().into(),
        },
    };
    let rows = crate::io::reports::rfm_rows(lines);
    pages.extend(layout::layout_list(&doc, rows, setup, m));
    pages
}
