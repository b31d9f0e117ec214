//! 应收账款: who owes what and how late, as of a date. The ageing list (one line per
//! customer in the seven buckets, with its 合计), filtered by salesperson and grade,
//! sortable, each line opening its customer; a bar chart of the buckets; export to
//! CSV/XLSX. The list is worked out on a worker thread with its own connection.

use chrono::NaiveDate;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::Goto;
use super::transfer::ExportJob;
use super::widgets::distinct;
use super::widgets::{self, ERROR_RED, Message, OK_GREEN};
use super::worked::Worked;
use crate::domain::contract::{AGEING_BUCKETS, LIMITATION_WARNING_DAYS};
use crate::domain::money::format_fen;
use crate::store::Store;
use crate::store::receivables::{AgeingRow, OverdueRow, ageing_totals};
use crate::strings::bucket_names;
use crate::strings::{self, S};

#[derive(Default)]
pub struct ReceivablesPanel {
    /// The as-of date as typed; empty is today.
    as_of: String,
    owner: Option<String>,
    grade: Option<String>,
    /// The column sorted by (0 name, 1 total, 2.. the buckets) and whether descending.
    sort: Option<(usize, bool)>,
    result: Worked<NaiveDate, Vec<AgeingRow>>,
    /// The list being written to a file, on a worker thread.
    export: Option<super::transfer::ExportJob>,
    /// What is on screen, kept until the list, a filter or the order changes (tens of
    /// thousands of lines are not filtered and sorted again every frame).
    view: Option<View>,
    message: Option<Message>,
    /// 逾期明细 shown instead of the ageing by customer.
    detail: bool,
    /// The overdue installments for a date, and a worker computing them.
    overdue: Worked<NaiveDate, Vec<OverdueRow>>,
    /// Which overdue installments the filters let through (indexes, most overdue
    /// first) and their sum, kept until the result or a filter changes.
    detail_view: Option<(DetailKey, Vec<usize>, i64)>,
}

type DetailKey = (NaiveDate, Option<String>, Option<String>);

/// What the list shows for one result, filters and order.
struct View {
    key: ViewKey,
    rows: Vec<AgeingRow>,
    owners: Vec<String>,
    grades: Vec<String>,
    totals: [i64; AGEING_BUCKETS],
    total: i64,
}

type ViewKey = (
    NaiveDate,
    Option<String>,
    Option<String>,
    Option<(usize, bool)>,
);

impl ReceivablesPanel {
    /// The list as of `day` (another tab sent the clerk here).
    pub fn as_of(&mut self, day: NaiveDate) {
        self.as_of = day.to_string();
        self.detail = false;
    }

    /// The list is worked out again when next shown (data changed elsewhere).
    pub fn invalidate(&mut self) {
        self.result.got = None;
        self.view = None;
        self.overdue.got = None;
        self.detail_view = None;
    }

    /// Brings the view up to date with the result, the filters and the order.
    fn refresh_view(&mut self) {
        let Some((day, Ok(all))) = &self.result.got else {
            self.view = None;
            return;
        };
        let key = (*day, self.owner.clone(), self.grade.clone(), self.sort);
        if self.view.as_ref().is_some_and(|v| v.key == key) {
            return;
        }
        let rows = self.shown(all);
        let (totals, total) = ageing_totals(&rows);
        // 逾期明细 is filtered by the customers this list shows.
        self.detail_view = None;
        self.view = Some(View {
            key,
            owners: distinct(all.iter().map(|r| r.owner.clone())),
            grades: distinct(all.iter().map(|r| r.grade.clone())),
            rows,
            totals,
            total,
        });
    }

    /// The status bar's words: "应收账款：截至 2026-12-02，77 个客户欠款".
    pub fn status_text(&self) -> String {
        match &self.result.got {
            Some((day, Ok(rows))) => strings::ageing_status(
                &strings::show_date(&day.format("%Y-%m-%d").to_string()),
                rows.len(),
            ),
            _ => S::TabReceivables.t().to_string(),
        }
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &Store) -> Option<Goto> {
        self.poll_export(ui.ctx());
        let day = widgets::as_of_date(&self.as_of);
        // Work out the list (and 逾期明细 when shown) for the date asked, unless it is
        // being worked out; take an answer that came.
        self.result.ask(day, store, ui.ctx(), |s, d| s.ageing(d));
        self.result.poll(day.as_ref());
        if self.detail {
            self.overdue
                .ask(day, store, ui.ctx(), |s, d| s.overdue_installments(d));
        }
        if self.overdue.poll(day.as_ref()) {
            self.detail_view = None;
        }
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.detail, false, S::AgeByCustomer.t());
            ui.selectable_value(&mut self.detail, true, S::AgeOverdueDetail.t());
        });
        ui.horizontal_wrapped(|ui| {
            widgets::as_of_box(ui, &mut self.as_of);
            if self.result.pending.is_some() || (self.detail && self.overdue.pending.is_some()) {
                ui.spinner();
            }
            self.refresh_view();
            let (owners, grades) = self
                .view
                .as_ref()
                .map(|v| (v.owners.clone(), v.grades.clone()))
                .unwrap_or_default();
            widgets::filter_combo(
                ui,
                "ar-owner",
                strings::customer_field(crate::domain::CustomerField::Owner),
                &mut self.owner,
                &owners,
                |s| s.clone(),
            );
            widgets::filter_combo(
                ui,
                "ar-grade",
                strings::customer_field(crate::domain::CustomerField::Grade),
                &mut self.grade,
                &grades,
                |s| s.clone(),
            );
            match &self.export {
                Some(job) => job.progress(ui, 1),
                None => {
                    if ui.button(S::ExportButton.t()).clicked() {
                        self.export(store);
                    }
                }
            }
        });
        if let Some(Message { text, error }) = &self.message {
            ui.label(RichText::new(text.as_str()).color(if *error { ERROR_RED } else { OK_GREEN }));
        }
        match &self.result.got {
            Some((_, Err(e))) => {
                ui.label(RichText::new(e.as_str()).color(ERROR_RED));
                return None;
            }
            None => {
                ui.label(S::Computing.t());
                return None;
            }
            Some((_, Ok(_))) => {}
        }
        // The filters may have just changed.
        self.refresh_view();
        if self.detail {
            return self.detail_table(ui);
        }
        let view = self.view.take()?;
        if view.rows.is_empty() {
            ui.add_space(20.0);
            ui.label(S::NothingOwed.t());
            self.view = Some(view);
            return None;
        }
        let (rows, totals, total) = (&view.rows, view.totals, view.total);
        ui.horizontal_wrapped(|ui| {
            // The date the figures are as of (while another is worked out, these stay).
            let at = self
                .result
                .got
                .as_ref()
                .map(|(d, _)| strings::show_date(&d.format("%Y-%m-%d").to_string()))
                .unwrap_or_default();
            ui.label(strings::owed_summary(&at, rows.len(), &format_fen(total)));
            if rows.iter().any(|r| r.oldest_days > LIMITATION_WARNING_DAYS) {
                ui.label(RichText::new(S::LimitationLegend.t()).color(ERROR_RED));
            }
        });
        chart(ui, &totals);
        ui.separator();
        let goto = self.table(ui, rows, &totals, total);
        self.view = Some(view);
        goto
    }

    /// The rows the filters let through, in the order asked for.
    fn shown(&self, rows: &[AgeingRow]) -> Vec<AgeingRow> {
        let mut v: Vec<AgeingRow> = rows
            .iter()
            .filter(|r| self.owner.as_ref().is_none_or(|o| &r.owner == o))
            .filter(|r| self.grade.as_ref().is_none_or(|g| &r.grade == g))
            .cloned()
            .collect();
        match self.sort {
            // By name as a Chinese reader expects (pinyin), each key worked out once.
            Some((0, desc)) => {
                v.sort_by_cached_key(|r| crate::domain::pinyin::sort_key(&r.name));
                if desc {
                    v.reverse();
                }
            }
            Some((col, desc)) => v.sort_by(|a, b| {
                let o = match col {
                    1 => a.total_fen.cmp(&b.total_fen),
                    c => a.buckets[c - 2].cmp(&b.buckets[c - 2]),
                };
                if desc { o.reverse() } else { o }
            }),
            None => {}
        }
        v
    }

    fn table(
        &mut self,
        ui: &mut egui::Ui,
        rows: &[AgeingRow],
        totals: &[i64; AGEING_BUCKETS],
        total: i64,
    ) -> Option<Goto> {
        let mut heads = vec![
            strings::customer_field(crate::domain::CustomerField::Name),
            S::CreditOwed.t(),
        ];
        heads.extend(bucket_names());
        heads.push(S::AgePromise.t());
        heads.push("");
        let as_of = self
            .result
            .got
            .as_ref()
            .map(|(d, _)| *d)
            .unwrap_or_else(crate::store::today);
        let mut clicked = None;
        let mut collect = None;
        let mut sort = None;
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .min_scrolled_height(0.0)
            .column(
                Column::initial(190.0)
                    .at_least(80.0)
                    .resizable(true)
                    .clip(true),
            );
        for _ in 1..heads.len() - 2 {
            table = table.column(Column::initial(86.0).at_least(60.0).resizable(true));
        }
        table = table
            .column(Column::initial(200.0).at_least(60.0).resizable(true))
            .column(Column::remainder().at_least(60.0));
        table
            .header(26.0, |mut h| {
                for (i, t) in heads.iter().enumerate() {
                    h.col(|ui| {
                        // The promise and the button columns do not sort.
                        if i >= 2 + AGEING_BUCKETS {
                            ui.label(RichText::new(*t).strong());
                            return;
                        }
                        let mut text = t.to_string();
                        if let Some((c, d)) = self.sort
                            && c == i
                        {
                            text.push_str(if d { " ▼" } else { " ▲" });
                        }
                        if ui
                            .add(egui::Button::new(RichText::new(text).strong()).frame(false))
                            .clicked()
                        {
                            sort = Some(i);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, rows.len() + 1, |mut row| {
                    let i = row.index();
                    let Some(r) = rows.get(i) else {
                        // The 合计 line.
                        row.col(|ui| {
                            ui.label(RichText::new(S::Total.t()).strong());
                        });
                        row.col(|ui| {
                            ui.label(RichText::new(format_fen(total)).strong());
                        });
                        for t in totals {
                            row.col(|ui| {
                                ui.label(RichText::new(format_fen(*t)).strong());
                            });
                        }
                        return;
                    };
                    row.col(|ui| {
                        let mut t = RichText::new(&r.name);
                        if r.oldest_days > LIMITATION_WARNING_DAYS {
                            t = t.color(ERROR_RED);
                        }
                        let l = ui.add(egui::Label::new(t).selectable(false).truncate());
                        if r.oldest_days > LIMITATION_WARNING_DAYS {
                            l.on_hover_text(S::LimitationWarning.t());
                        }
                    });
                    row.col(|ui| {
                        ui.label(format_fen(r.total_fen));
                    });
                    for (b, v) in r.buckets.iter().enumerate() {
                        row.col(|ui| {
                            let t = if *v == 0 {
                                RichText::new("—").weak()
                            } else if b >= 3 {
                                RichText::new(format_fen(*v)).color(ERROR_RED)
                            } else {
                                RichText::new(format_fen(*v))
                            };
                            ui.label(t);
                        });
                    }
                    row.col(|ui| {
                        if let Some((on, fen)) = &r.promise {
                            let text = format!("{} {}", strings::show_date(on), format_fen(*fen));
                            if r.promise_broken(as_of) {
                                ui.label(
                                    RichText::new(format!("{text}（{}）", S::PromiseBroken.t()))
                                        .color(ERROR_RED),
                                );
                            } else {
                                ui.label(text);
                            }
                        }
                    });
                    row.col(|ui| {
                        if r.buckets[1..].iter().any(|b| *b > 0)
                            && ui.small_button(S::CollectButton.t()).clicked()
                        {
                            collect = Some((r.customer_id, r.name.clone()));
                        }
                    });
                    if row.response().clicked() {
                        clicked = Some(r.customer_id);
                    }
                });
            });
        if let Some(i) = sort {
            self.sort = Some(match self.sort {
                Some((c, d)) if c == i => (i, !d),
                _ => (i, i != 0),
            });
        }
        match collect {
            Some((id, name)) => Some(Goto::NewCollection(id, name)),
            None => clicked.map(Goto::Customer),
        }
    }

    /// 逾期明细: every installment unpaid past its due date, the most overdue first, in
    /// the salesperson and grade filters; a line opens its contract, 催款… records a
    /// collection for its customer.
    fn detail_table(&mut self, ui: &mut egui::Ui) -> Option<Goto> {
        let rows = match &self.overdue.got {
            Some((_, Ok(rows))) => rows,
            Some((_, Err(e))) => {
                ui.label(RichText::new(e.as_str()).color(ERROR_RED));
                return None;
            }
            None => {
                ui.label(S::Computing.t());
                return None;
            }
        };
        let day = self.overdue.got.as_ref().map(|(d, _)| *d)?;
        let key = (day, self.owner.clone(), self.grade.clone());
        if self.detail_view.as_ref().is_none_or(|(k, _, _)| *k != key) {
            // The filters go by customer: those the ageing list (same filters) shows.
            let filtered = self.owner.is_some() || self.grade.is_some();
            let keep: std::collections::HashSet<i64> = match &self.view {
                Some(v) if filtered => v.rows.iter().map(|r| r.customer_id).collect(),
                _ => Default::default(),
            };
            let mut idx: Vec<usize> = (0..rows.len())
                .filter(|i| !filtered || keep.contains(&rows[*i].customer_id))
                .collect();
            idx.sort_by_key(|i| std::cmp::Reverse(rows[*i].days));
            let sum = idx.iter().map(|i| rows[*i].unpaid_fen).sum();
            self.detail_view = Some((key, idx, sum));
        }
        let (_, idx, sum) = self.detail_view.as_ref()?;
        if idx.is_empty() {
            ui.add_space(20.0);
            ui.label(S::NothingOverdue.t());
            return None;
        }
        ui.label(strings::overdue_summary(idx.len(), &format_fen(*sum)));
        ui.separator();
        let heads = [
            S::ContractNumber.t(),
            strings::customer_field(crate::domain::CustomerField::Name),
            S::AgeDueOn.t(),
            S::AgeUnpaid.t(),
            S::AgeDaysLate.t(),
            "",
        ];
        let (mut clicked, mut collect) = (None, None);
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .min_scrolled_height(0.0)
            .column(Column::initial(130.0).at_least(60.0).resizable(true))
            .column(
                Column::initial(220.0)
                    .at_least(80.0)
                    .resizable(true)
                    .clip(true),
            )
            .column(Column::initial(100.0).at_least(60.0).resizable(true))
            .column(Column::initial(110.0).at_least(60.0).resizable(true))
            .column(Column::initial(90.0).at_least(50.0).resizable(true))
            .column(Column::remainder().at_least(60.0))
            .header(26.0, |mut h| {
                for t in heads {
                    h.col(|ui| {
                        ui.label(RichText::new(t).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, idx.len() + 1, |mut row| {
                    let Some(r) = idx.get(row.index()).map(|i| &rows[*i]) else {
                        row.col(|ui| {
                            ui.label(RichText::new(S::Total.t()).strong());
                        });
                        row.col(|_| {});
                        row.col(|_| {});
                        row.col(|ui| {
                            ui.label(RichText::new(format_fen(*sum)).strong());
                        });
                        return;
                    };
                    let late = r.days > LIMITATION_WARNING_DAYS;
                    row.col(|ui| {
                        ui.add(egui::Label::new(&r.number).selectable(false).truncate());
                    });
                    row.col(|ui| {
                        let t = RichText::new(&r.customer_name);
                        let l = ui.add(
                            egui::Label::new(if late { t.color(ERROR_RED) } else { t })
                                .selectable(false)
                                .truncate(),
                        );
                        if late {
                            l.on_hover_text(S::LimitationWarning.t());
                        }
                    });
                    row.col(|ui| {
                        ui.label(strings::show_date(&r.due_on));
                    });
                    row.col(|ui| {
                        ui.label(format_fen(r.unpaid_fen));
                    });
                    row.col(|ui| {
                        ui.label(RichText::new(strings::days_late(r.days)).color(ERROR_RED));
                    });
                    row.col(|ui| {
                        if ui.small_button(S::CollectButton.t()).clicked() {
                            collect = Some((r.customer_id, r.customer_name.clone()));
                        }
                    });
                    if row.response().clicked() {
                        clicked = Some(r.contract_id);
                    }
                });
            });
        match collect {
            Some((id, name)) => Some(Goto::NewCollection(id, name)),
            None => clicked.map(Goto::Contract),
        }
    }

    /// Writes the list as shown (its filters and order) to a file the clerk picks, on a
    /// worker thread like every export.
    fn export(&mut self, store: &Store) {
        let Some((day, Ok(rows))) = &self.result.got else {
            return;
        };
        let day = *day;
        // 逾期明细 as shown (its filters and order), or the ageing list.
        let detail: Option<Vec<OverdueRow>> = match (&self.overdue.got, &self.detail_view) {
            (Some((_, Ok(all))), Some((_, idx, _))) if self.detail => {
                Some(idx.iter().map(|i| all[*i].clone()).collect())
            }
            _ if self.detail => return,
            _ => None,
        };
        let rows = self
            .view
            .as_ref()
            .map(|v| v.rows.clone())
            .unwrap_or_else(|| self.shown(rows));
        let name = match detail {
            Some(_) => format!("逾期明细_{}.xlsx", day.format("%Y%m%d")),
            None => format!("应收账龄_{}.xlsx", day.format("%Y%m%d")),
        };
        let Some(path) = rfd::FileDialog::new()
            .set_file_name(&name)
            .add_filter("Excel", &["xlsx"])
            .add_filter("CSV", &["csv"])
            .save_file()
        else {
            return;
        };
        use crate::io::reports::*;
        let heads = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let job = match detail {
            Some(d) => ExportJob::report(
                store,
                path,
                "逾期明细",
                heads(&OVERDUE_HEADERS),
                move || overdue_table(&d),
            ),
            None => ExportJob::report(
                store,
                path,
                "应收账龄",
                heads(&AGEING_HEADERS),
                move || ageing_table(&rows),
            ),
        };
        match job {
            Ok(job) => self.export = Some(job),
            Err(e) => self.message = Some(Message::error(e)),
        }
    }

    /// Picks up a finished export and says how it went.
    fn poll_export(&mut self, ctx: &egui::Context) {
        if let Some(m) = ExportJob::finished_message(&mut self.export, ctx) {
            self.message = Some(m);
        }
    }
}

/// The buckets as horizontal bars, 未到期 at the top, in 万元.
fn chart(ui: &mut egui::Ui, totals: &[i64; AGEING_BUCKETS]) {
    use egui_plot::{Bar, BarChart, Plot};
    let names = bucket_names();
    let n = AGEING_BUCKETS as f64;
    let bars: Vec<Bar> = totals
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let color = match i {
                0 => egui::Color32::from_rgb(90, 150, 90),
                1 | 2 => egui::Color32::from_rgb(200, 160, 60),
                _ => egui::Color32::from_rgb(200, 80, 70),
            };
            Bar::new(n - 1.0 - i as f64, *t as f64 / 1_000_000.0)
                .name(names[i])
                .fill(color)
                .width(0.7)
        })
        .collect();
    let chart = BarChart::new(S::AgeingChart.t(), bars)
        .horizontal()
        .element_formatter(Box::new(|bar, _| {
            format!("{}：{:.2} 万元", bar.name, bar.value)
        }));
    Plot::new("ageing-chart")
        .height(170.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([true, false])
        .include_x(0.0)
        .y_axis_formatter(move |mark, _| {
            let i = (n - 1.0 - mark.value).round();
            if (mark.value - mark.value.round()).abs() < 1e-6 && (0.0..n).contains(&i) {
                names[i as usize].to_string()
            } else {
                String::new()
            }
        })
        .x_axis_formatter(|mark, _| format!("{} 万", mark.value))
        .show(ui, |p| p.bar_chart(chart));
}
