//! The RFM table: every customer's R, F, M, scores, segment and grades, narrowed by the
//! panel's filter and sorted by a header click. The lines are in memory (the worker's
//! answer); what is shown is a list of their indexes, filtered and sorted again only
//! when the filter, the order or the answer changes, and drawn by the shared paged
//! table a page at a time.

use super::Filter;
use crate::domain::money::format_fen;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::store::value::{RfmLine, ValueReport, WinBackInfo};
use crate::store::{Sort, Store};
use crate::strings::{self, S};
use crate::ui::Goto;
use crate::ui::list::{Cell, Columns, paged_table};
use crate::ui::paging::PageCache;
use crate::ui::worked::Worked;

/// The columns: code, name, then the report's columns from 最近签约日期 on, and the
/// salesperson. Sorting counts these columns.
const WIDTHS: [f32; 13] = [
    80.0, 190.0, 90.0, 60.0, 50.0, 110.0, 45.0, 45.0, 45.0, 110.0, 60.0, 60.0, 80.0,
];

/// Where the win-back list puts its link and its two columns of details.
const LINK: usize = 2;

/// In the win-back list, after the link, two more columns: the latest contract and the
/// open complaints (neither sorted by), then the plain table's from 最近签约日期 on.
const WIN_BACK_WIDTHS: [f32; 16] = [
    80.0, 190.0, 96.0, 200.0, 70.0, 90.0, 60.0, 50.0, 110.0, 45.0, 45.0, 45.0, 110.0, 60.0, 60.0,
    80.0,
];
const WIN_BACK_UNSORTABLE: [usize; 3] = [LINK, LINK + 1, LINK + 2];

/// Where a column of the plain table is shown, and back: the win-back list has three
/// more (the link and the details) before 最近签约日期.
fn shown_column(c: usize, win_back: bool) -> usize {
    if win_back && c >= LINK { c + 3 } else { c }
}

fn sort_column(shown: usize, win_back: bool) -> usize {
    if win_back && shown >= LINK + 3 {
        shown - 3
    } else {
        shown
    }
}

/// The win-back list's details of the lost customers shown, for the as-of date.
type Details = Worked<(Vec<i64>, NaiveDate), HashMap<i64, WinBackInfo>>;

/// What the page cache is keyed by: the answer (its number), the filter and the order.
#[derive(Clone, PartialEq)]
struct Key {
    answer: u64,
    filter: Filter,
    sort: Option<Sort>,
}

#[derive(Default)]
pub struct RfmTable {
    sort: Option<Sort>,
    /// The indexes shown, for the key they were worked out for.
    view: Option<(Key, Vec<usize>)>,
    cache: PageCache<Key, RfmLine>,
    /// The win-back list's last contracts and open complaints, worked out when shown.
    details: Details,
}

impl RfmTable {
    /// How many lines the table shows.
    pub fn shown(&self) -> usize {
        self.view.as_ref().map_or(0, |(_, v)| v.len())
    }

    /// Largest M first (the win-back list's order).
    pub fn sort_by_m(&mut self) {
        self.sort = Some(Sort {
            column: 5,
            descending: true,
        });
    }

    /// The customers shown, in the table's order (for printing).
    pub fn shown_ids(&self, report: &ValueReport) -> Vec<i64> {
        match &self.view {
            Some((_, v)) => v.iter().map(|i| report.lines[*i].customer_id).collect(),
            None => report.lines.iter().map(|l| l.customer_id).collect(),
        }
    }

    /// The lines as shown, for an export.
    pub fn shown_lines(&self, report: &ValueReport) -> Vec<RfmLine> {
        match &self.view {
            Some((_, v)) => v.iter().map(|i| report.lines[*i].clone()).collect(),
            None => report.lines.clone(),
        }
    }

    fn key(&self, answer: u64, filter: &Filter) -> Key {
        Key {
            answer,
            filter: filter.clone(),
            sort: self.sort,
        }
    }

    /// The indexes the filter lets through, in the order asked for.
    fn work_out(report: &ValueReport, key: &Key) -> Vec<usize> {
        let f = &key.filter;
        let lines = &report.lines;
        let mut v: Vec<usize> = (0..lines.len())
            .filter(|i| {
                let l = &lines[*i];
                f.segment.is_none_or(|s| l.segment == s)
                    && f.grade.as_ref().is_none_or(|g| &l.grade == g)
                    && f.owner.as_ref().is_none_or(|o| &l.owner == o)
                    && f.lost
                        .as_ref()
                        .is_none_or(|(_, ids)| ids.binary_search(&l.customer_id).is_ok())
            })
            .collect();
        if let Some(sort) = key.sort {
            sort_lines(lines, &mut v, sort);
        }
        v
    }

    /// Draws the table of the `answer`th report (as of `as_of`); a line clicked opens
    /// its customer.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        store: &Store,
        report: &ValueReport,
        answer: u64,
        as_of: NaiveDate,
        filter: &Filter,
    ) -> Option<Goto> {
        let key = self.key(answer, filter);
        if self.view.as_ref().is_none_or(|(k, _)| *k != key) {
            let v = Self::work_out(report, &key);
            self.view = Some((key.clone(), v));
        }
        let (_, view) = self.view.as_ref()?;
        let n = view.len() as u64;
        self.cache
            .refresh(&key, |_| Ok((report.lines.len() as u64, n)));
        if view.is_empty() {
            ui.add_space(20.0);
            ui.label(S::NoCustomers.t());
            return None;
        }
        let lines = &report.lines;
        // Customers lost in a period can be visited to win them back: a link on each
        // line, and their last contract and open complaints (worked out aside).
        let win_back = filter.lost.is_some();
        let asked = filter.lost.as_ref().map(|(_, ids)| (ids.clone(), as_of));
        self.details
            .ask(asked.clone(), store, ui.ctx(), |s, (ids, day)| {
                s.win_back_details(&ids, day)
            });
        self.details.poll(asked.as_ref());
        let details = match (&self.details.got, &asked) {
            (Some((k, Ok(d))), Some(a)) if k == a => Some(d),
            _ => None,
        };
        let mut heads = strings::rfm_heads();
        let (widths, unsortable): (&[f32], &[usize]) = if win_back {
            let extra = ["", S::LastContract.t(), S::OpenComplaints.t()];
            heads.splice(LINK..LINK, extra);
            (&WIN_BACK_WIDTHS, &WIN_BACK_UNSORTABLE)
        } else {
            (&WIDTHS, &[])
        };
        let shown_sort = self.sort.map(|s| Sort {
            column: shown_column(s.column, win_back),
            ..s
        });
        // Wider than the panel beside the churn side: scrolled sideways.
        let clicks = egui::ScrollArea::horizontal()
            .show(ui, |ui| {
                paged_table(
                    ui,
                    &mut self.cache,
                    &key,
                    Columns {
                        sort: shown_sort,
                        unsortable,
                        ..Columns::new(heads, widths)
                    },
                    |_, offset, limit| {
                        Ok(view
                            .iter()
                            .skip(offset as usize)
                            .take(limit as usize)
                            .map(|i| lines[*i].clone())
                            .collect())
                    },
                    |l| l.customer_id,
                    |l| {
                        let mut c = cells(l);
                        if win_back {
                            let link = Cell::new(S::WinBackVisit.t()).link(true);
                            let [last, complaints] =
                                win_back_cells(details.and_then(|d| d.get(&l.customer_id)));
                            c.splice(LINK..LINK, [link, last, complaints]);
                        }
                        c
                    },
                )
            })
            .inner;
        if let Some(sort) = clicks.sort {
            self.sort = sort.map(|s| Sort {
                column: sort_column(s.column, win_back),
                ..s
            });
        }
        if let Some(id) = clicks.action {
            let name = lines
                .iter()
                .find(|l| l.customer_id == id)
                .map(|l| l.name.clone())
                .unwrap_or_default();
            return Some(Goto::NewWinBack(id, name));
        }
        clicks.row.map(Goto::Customer)
    }
}

/// Puts the lines at `v` (indexes into `lines`) in the order of a column of the table,
/// the other way round when descending. The lines come in name order: by name is that
/// order; others sort stably by one value, so equal ones stay in name order.
pub fn sort_lines(lines: &[RfmLine], v: &mut [usize], sort: Sort) {
    let num = |l: &RfmLine| -> i64 {
        let score = |k: usize| l.scores.map_or(0, |s| i64::from(s[k]));
        match sort.column {
            2 => l
                .rfm
                .latest
                .map_or(i64::MIN, |d| chrono::Datelike::num_days_from_ce(&d).into()),
            3 => l.rfm.r_days.unwrap_or(i64::MAX),
            4 => l.rfm.f,
            5 => l.rfm.m_fen,
            6 => score(0),
            7 => score(1),
            8 => score(2),
            9 => l
                .segment
                .and_then(|s| {
                    crate::domain::value::Segment::ALL
                        .iter()
                        .position(|x| *x == s)
                })
                .map_or(99, |p| p as i64),
            10 => l.suggested.map_or(99, |c| c as i64),
            _ => 0,
        }
    };
    match sort.column {
        0 => v.sort_by(|a, b| lines[*a].code.cmp(&lines[*b].code)),
        1 => {}
        11 => v.sort_by(|a, b| lines[*a].grade.cmp(&lines[*b].grade)),
        12 => v.sort_by(|a, b| lines[*a].owner.cmp(&lines[*b].owner)),
        _ => {
            // Each line's value read once, then (value, index) pairs sorted: a
            // comparison is two integers, not two trips through the line.
            let mut pairs: Vec<(i64, usize)> = v.iter().map(|i| (num(&lines[*i]), *i)).collect();
            pairs.sort_by_key(|p| p.0);
            for (slot, (_, i)) in v.iter_mut().zip(pairs) {
                *slot = i;
            }
        }
    }
    if sort.descending {
        v.reverse();
    }
}

/// 最近合同 (number and amount) and 未结投诉 (red when any); "…" while worked out.
fn win_back_cells(info: Option<&WinBackInfo>) -> [Cell; 2] {
    match info {
        None => [Cell::new("…"), Cell::new("…")],
        Some(i) => [
            Cell::new(if i.last_number.is_empty() {
                String::new()
            } else {
                strings::with_note(&i.last_number, &format_fen(i.last_fen))
            }),
            Cell::new(i.open_complaints.to_string()).red(i.open_complaints > 0),
        ],
    }
}

fn cells(l: &RfmLine) -> Vec<Cell> {
    let score = |k: usize| l.scores.map(|s| s[k].to_string()).unwrap_or_default();
    let r = &l.rfm;
    vec![
        Cell::new(&l.code),
        Cell::new(&l.name).strong(true),
        Cell::new(
            r.latest
                .map(|d| strings::show_date(&d.format("%Y-%m-%d").to_string()))
                .unwrap_or_default(),
        ),
        Cell::new(r.r_days.map(|d| d.to_string()).unwrap_or_default()),
        Cell::new(r.f.to_string()),
        Cell::new(if r.f > 0 {
            format_fen(r.m_fen)
        } else {
            String::new()
        }),
        Cell::new(score(0)),
        Cell::new(score(1)),
        Cell::new(score(2)),
        Cell::new(match l.segment {
            Some(s) => strings::segment(s),
            None => S::NoDeal.t(),
        })
        .red(l.segment == Some(crate::domain::value::Segment::ImportantWinBack)),
        Cell::new(l.suggested.map(String::from).unwrap_or_default())
            .strong(l.suggested.is_some_and(|g| l.grade != g.to_string())),
        Cell::new(&l.grade),
        Cell::new(&l.owner),
    ]
}

/// Writes `lines` (the RFM table as shown) to `path`, XLSX or CSV, off the UI thread.
pub fn export(
    store: &Store,
    path: std::path::PathBuf,
    lines: Vec<RfmLine>,
) -> Result<crate::ui::transfer::ExportJob, String> {
    use crate::io::reports::{RFM_HEADERS, rfm_rows};
    let heads = RFM_HEADERS.iter().map(|h| h.to_string()).collect();
    crate::ui::transfer::ExportJob::report(store, path, "RFM", heads, move || rfm_rows(&lines))
}

/// The churn table as exported: the CLI's columns for the whole; when split, a first
/// column naming the group, the whole's rows first (整体), then each group's.
fn churn_table(report: &ValueReport) -> (Vec<&'static str>, Vec<Vec<String>>) {
    use crate::io::reports::{CHURN_HEADERS, churn_rows};
    let overall = churn_rows(&report.churn);
    if report.groups.is_empty() {
        return (CHURN_HEADERS.to_vec(), overall);
    }
    let mut heads = vec![S::AnalysisSplit.t()];
    heads.extend(CHURN_HEADERS);
    let named = |name: &str, rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|r| std::iter::once(name.to_string()).chain(r).collect())
            .collect()
    };
    let mut rows = named(S::SplitOverall.t(), overall);
    for (n, g) in &report.groups {
        let name = if n.is_empty() {
            S::NoGroup.t()
        } else {
            n.as_str()
        };
        rows.extend(named(name, churn_rows(g)));
    }
    (heads, rows)
}

/// Writes the churn table ([`churn_table`]) to `path`, XLSX or CSV, off the UI thread.
pub fn export_churn(
    store: &Store,
    path: std::path::PathBuf,
    report: &ValueReport,
) -> Result<crate::ui::transfer::ExportJob, String> {
    let (heads, rows) = churn_table(report);
    let heads = heads.iter().map(|h| h.to_string()).collect();
    crate::ui::transfer::ExportJob::report(store, path, "流失与保持", heads, move || rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::value::{ChurnRow, Thresholds};

    fn row(period: &str, buyers: usize, kept: usize) -> ChurnRow {
        ChurnRow {
            period: period.into(),
            start: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            buyers,
            kept,
            lost: buyers - kept,
            new: 1,
            open: false,
        }
    }

    /// A header clicked sorts by the column under it, in both layouts: M is the plain
    /// table's column 5, shown 8th in the win-back list.
    #[test]
    fn a_shown_column_sorts_by_what_its_header_says() {
        let heads = strings::rfm_heads();
        let m = heads.iter().position(|h| h.starts_with('M')).unwrap();
        assert_eq!((shown_column(5, false), shown_column(5, true)), (m, m + 3));
        for win_back in [false, true] {
            for c in 0..heads.len() {
                assert_eq!(sort_column(shown_column(c, win_back), win_back), c);
            }
        }
        assert_eq!(WIDTHS.len(), heads.len());
        assert_eq!(WIN_BACK_WIDTHS.len(), heads.len() + 3);
    }

    #[test]
    fn the_churn_export_names_each_group_after_the_whole() {
        crate::strings::set_lang(crate::strings::Lang::Zh);
        let mut report = ValueReport {
            lines: Vec::new(),
            thresholds: Thresholds {
                r_days: [0; 4],
                f: [0; 4],
                m_fen: [0; 4],
            },
            churn: vec![row("2024", 3, 2)],
            groups: Vec::new(),
            purchases: Vec::new(),
        };
        let (heads, rows) = churn_table(&report);
        assert_eq!(heads[0], "期间");
        assert_eq!(
            rows,
            vec![vec!["2024", "3", "2", "1", "33.3%", "66.7%", "1"]]
        );
        report.groups = vec![
            (String::new(), vec![row("2024", 1, 1)]),
            ("张明".into(), vec![row("2024", 2, 1)]),
        ];
        let (heads, rows) = churn_table(&report);
        assert_eq!(heads[..2], ["分组", "期间"]);
        let firsts: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(firsts, ["整体", "（未填）", "张明"]);
        assert_eq!(rows[2][5], "50.0%");
    }
}
