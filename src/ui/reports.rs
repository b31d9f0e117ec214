//! 统计报表: the figures a supervisor asks for over a period (本月, 本季度, 本年, 近 12 个月
//! or typed dates), each a chart with its table under it, compared with the period
//! before. Worked out on a worker thread; a bar clicked opens the list behind it
//! (客户信息 filtered to that industry, 合同信息 to that month's signed contracts).

use std::sync::Arc;

use chrono::NaiveDate;
use egui::RichText;
use egui_plot::{Bar, BarChart, Legend};

use super::Goto;
use super::chart::{
    BAR, COLORS, bar_at, beside, count_bars, fixed, names_axis, share_bars, whole_marks, yuan_axis,
};
use super::widgets::ERROR_RED;
use super::worked::Worked;
use crate::domain::money::format_fen;
use crate::domain::reports::{CustomerDim, Period, Tally, total};
use crate::io::report_tables as tables;
use crate::store::contract_list::ContractQuery;
use crate::store::reports::Summary;
use crate::store::{CustomerQuery, Store};
use crate::strings::{self, S};

/// Bars shown of a distribution (the table lists them all).
const MOST_BARS: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Preset {
    ThisMonth,
    ThisQuarter,
    ThisYear,
    #[default]
    Last12,
    Custom,
}

impl Preset {
    const ALL: [Preset; 5] = [
        Preset::ThisMonth,
        Preset::ThisQuarter,
        Preset::ThisYear,
        Preset::Last12,
        Preset::Custom,
    ];

    fn label(self) -> &'static str {
        match self {
            Preset::ThisMonth => S::PeriodThisMonth.t(),
            Preset::ThisQuarter => S::PeriodThisQuarter.t(),
            Preset::ThisYear => S::PeriodThisYear.t(),
            Preset::Last12 => S::PeriodLast12.t(),
            Preset::Custom => S::PeriodCustom.t(),
        }
    }
}

#[derive(Default)]
pub struct ReportsPanel {
    pub preset: Preset,
    /// The typed dates of 自定义.
    pub from: String,
    pub to: String,
    /// What the customers' distribution is shown by.
    dim: Dim,
    /// The figures for (the period, how many times the records changed since the
    /// tab was opened): the last ones stay on screen while new ones are worked out.
    summary: Worked<(Period, u64), Arc<Summary>>,
    /// 应收余额 for the same question, asked once the rest is on screen (it reads every
    /// installment) and put into the summary when it comes.
    owed: Worked<(Period, u64), crate::domain::reports::Owed>,
    changes: u64,
    /// 导出…: the figures being written to a workbook, on a worker thread.
    export: Option<super::transfer::ExportJob>,
    message: Option<super::widgets::Message>,
    /// 打印报表…: the preview of the figures shown.
    pub print: Option<super::print::PrintPreview>,
    /// 业务员's order: the column and whether largest first.
    sales_sort: SalesSort,
}

struct SalesSort(usize, bool);

impl Default for SalesSort {
    /// By 签约金额, largest first.
    fn default() -> Self {
        SalesSort(3, true)
    }
}

/// A button of the period's row.
enum Act {
    Export,
    Print,
}

/// The distribution shown (行业 unless another is picked).
struct Dim(CustomerDim);

impl Default for Dim {
    fn default() -> Self {
        Dim(CustomerDim::Industry)
    }
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

impl ReportsPanel {
    /// The period picked, as of `today`; None when typed dates are not a period.
    pub fn period(&self, today: NaiveDate) -> Option<Period> {
        Some(match self.preset {
            Preset::ThisMonth => Period::this_month(today),
            Preset::ThisQuarter => Period::this_quarter(today),
            Preset::ThisYear => Period::this_year(today),
            Preset::Last12 => Period::last_12_months(today),
            Preset::Custom => Period::new(day(&self.from)?, day(&self.to)?)?,
        })
    }

    /// The figures are worked out and on screen, 应收余额 too (not being worked out
    /// again).
    pub fn shown(&self) -> bool {
        matches!(&self.summary.got, Some((_, Ok(s))) if s.owed.is_some()) && !self.summary.busy()
    }

    /// The figures were read before a change: read them again when shown.
    pub fn invalidate(&mut self) {
        self.changes += 1;
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) -> Option<Goto> {
        let period = self.period(crate::store::today());
        if let Some(m) = super::transfer::ExportJob::finished_message(&mut self.export, ui.ctx()) {
            self.message = Some(m);
        }
        match self.picker(ui, period) {
            Some(Act::Export) => self.export(store),
            Some(Act::Print) => {
                if let Some((_, Ok(s))) = &self.summary.got {
                    self.print = Some(super::print::PrintPreview::report(s.clone(), store));
                }
            }
            None => {}
        }
        if let Some(p) = &mut self.print {
            p.show(ui.ctx(), store);
            if !p.open {
                self.print = None;
            }
        }
        if let Some(m) = &self.message {
            let color = if m.error {
                ERROR_RED
            } else {
                super::widgets::OK_GREEN
            };
            ui.colored_label(color, &m.text);
        }
        let key = period.map(|p| (p, self.changes));
        self.summary
            .ask(key, store, ui.ctx(), |s: &Store, (p, _): (Period, u64)| {
                s.report_summary(&p).map(Arc::new)
            });
        self.summary.poll(key.as_ref());
        self.ask_owed(key, store, ui.ctx());
        let Some(period) = period else {
            ui.colored_label(ERROR_RED, S::ReportBadRange.t());
            return None;
        };
        let summary = match &self.summary.got {
            Some((_, Ok(s))) => s.clone(),
            Some((_, Err(e))) => {
                ui.colored_label(ERROR_RED, e);
                return None;
            }
            None => return None,
        };
        ui.label(
            RichText::new(format!(
                "{}    {}",
                strings::compared(
                    S::ReportNewTotal.t(),
                    &total(&summary.new_customers).count.to_string(),
                    &summary.before_new.to_string()
                ),
                strings::compared(
                    S::ReportSignedTotal.t(),
                    &format_fen(total(&summary.signed_by_month).amount_fen),
                    &format_fen(summary.before_signed.amount_fen)
                ),
            ))
            .strong(),
        );
        ui.weak(S::ReportClickHint.t());
        ui.separator();
        let mut goto = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading(S::ReportCustomers.t());
                self.customers(ui, &summary, &mut goto);
                ui.separator();
                ui.heading(S::ReportContracts.t());
                contracts(ui, &summary, period, &mut goto);
                ui.separator();
                ui.heading(S::ReportReceived.t());
                received(ui, &summary, &mut goto);
                ui.separator();
                ui.heading(S::ReportFeedback.t());
                feedback(ui, &summary);
                ui.separator();
                ui.heading(S::ReportSalespeople.t());
                self.salespeople(ui, &summary);
            });
        goto
    }

    /// 应收余额 asked for once the rest of `key`'s figures are in, and put into them when
    /// it comes.
    fn ask_owed(&mut self, key: Option<(Period, u64)>, store: &Store, ctx: &egui::Context) {
        let want = match &self.summary.got {
            Some((k, Ok(s))) if Some(*k) == key && s.owed.is_none() => key,
            _ => None,
        };
        self.owed
            .ask(want, store, ctx, |s: &Store, (p, _): (Period, u64)| {
                s.report_owed(&p)
            });
        self.owed.poll(key.as_ref());
        if let (Some((k, Ok(s))), Some((ok, Ok(o)))) = (&mut self.summary.got, &self.owed.got)
            && k == ok
            && s.owed.is_none()
        {
            Arc::make_mut(s).owed = Some(o.clone());
        }
    }

    /// 导出…: the figures shown, as `kehu report summary` writes them, to a workbook the
    /// clerk names.
    fn export(&mut self, store: &Store) {
        let Some((_, Ok(s))) = &self.summary.got else {
            return;
        };
        let Some(path) = rfd::FileDialog::new()
            .set_file_name(format!("统计报表_{}_{}.xlsx", s.period.from, s.period.to))
            .add_filter("Excel", &["xlsx"])
            .add_filter(S::ReportCsvFilter.t(), &["csv"])
            .save_file()
        else {
            return;
        };
        self.export_to(store, path);
    }

    /// Writes the figures shown to `path` (the file box's answer; a test calls it): a
    /// workbook, or for a .csv name a folder of that name (without .csv) holding a CSV
    /// file per table, in the firm's export encoding.
    pub fn export_to(&mut self, store: &Store, path: std::path::PathBuf) {
        let Some((_, Ok(s))) = &self.summary.got else {
            return;
        };
        let s = s.clone();
        let csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let encoding = match store.settings() {
            Ok(set) => set.export_encoding,
            Err(e) => {
                self.message = Some(super::widgets::Message::error(e.message()));
                return;
            }
        };
        let path = if csv { path.with_extension("") } else { path };
        self.export = Some(super::transfer::ExportJob::spawn(
            store.path().to_path_buf(),
            path,
            move |store, path, done, _| {
                let mut s = (*s).clone();
                if s.owed.is_none() {
                    s.owed = Some(store.report_owed(&s.period).map_err(|e| e.message())?);
                }
                if csv {
                    crate::io::report_book::write_csv_folder(path, &s, encoding)?;
                } else {
                    crate::io::report_book::write_summary(path, &s)?;
                }
                done(1);
                Ok(crate::io::report_book::SHEETS.len() as u64)
            },
        ));
    }

    /// 统计期间: the presets, and two dates for 自定义; the period's days said; 导出…
    /// and 打印报表…, and which was clicked.
    fn picker(&mut self, ui: &mut egui::Ui, period: Option<Period>) -> Option<Act> {
        let have = matches!(&self.summary.got, Some((_, Ok(_))));
        let free = self.export.is_none();
        ui.horizontal(|ui| {
            ui.label(S::ReportPeriod.t());
            for p in Preset::ALL {
                if ui.selectable_label(self.preset == p, p.label()).clicked() {
                    if p == Preset::Custom
                        && let Some(now) = period
                        && self.from.is_empty()
                    {
                        self.from = now.from.to_string();
                        self.to = now.to.to_string();
                    }
                    self.preset = p;
                }
            }
            if self.preset == Preset::Custom {
                ui.add(egui::TextEdit::singleline(&mut self.from).desired_width(90.0));
                ui.label("—");
                ui.add(egui::TextEdit::singleline(&mut self.to).desired_width(90.0));
            } else if let Some(p) = period {
                ui.weak(format!("{} — {}", p.from, p.to));
            }
            if self.summary.busy() || self.owed.busy() {
                ui.weak(S::Working.t());
            }
            if ui
                .add_enabled(have && free, egui::Button::new(S::ExportButton.t()))
                .clicked()
            {
                return Some(Act::Export);
            }
            // The printed report waits for 应收余额 as well.
            let all = matches!(&self.summary.got, Some((_, Ok(s))) if s.owed.is_some());
            ui.add_enabled(all, egui::Button::new(S::ReportPrint.t()))
                .clicked()
                .then_some(Act::Print)
        })
        .inner
    }

    /// 客户: new customers per month, and the customers on file by the field picked.
    fn customers(&mut self, ui: &mut egui::Ui, s: &Summary, goto: &mut Option<Goto>) {
        ui.label(RichText::new(S::ReportNewCustomers.t()).strong());
        let month = beside(
            ui,
            |ui| count_bars(ui, "report-new-customers", &s.new_customers),
            |ui| {
                tally_table(
                    ui,
                    "report-new-customers-table",
                    S::HeadMonth.t(),
                    &s.new_customers,
                    false,
                )
            },
        );
        // A month's bar: the customers recorded in it (within the period).
        if let Some(i) = month
            && let Some((first, last)) = s
                .new_customers
                .get(i)
                .and_then(|t| s.period.month_within(&t.key))
        {
            *goto = Some(Goto::Customers(CustomerQuery {
                recorded_within: Some((first.to_string(), last.to_string())),
                ..Default::default()
            }));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(S::ReportCustomersBy.t()).strong());
            for d in CustomerDim::ALL {
                if ui
                    .selectable_label(self.dim.0 == d, strings::report_dim(d))
                    .clicked()
                {
                    self.dim = Dim(d);
                }
            }
        });
        let dim = self.dim.0;
        let Some((_, rows)) = s.customers_by.iter().find(|(d, _)| *d == dim) else {
            return;
        };
        let named = tables::named(dim, rows);
        let shown = &named[..named.len().min(MOST_BARS)];
        let clicked = beside(
            ui,
            |ui| {
                // Shares of a few kinds as a donut, many values as bars.
                if matches!(dim, CustomerDim::Grade | CustomerDim::Category) {
                    super::chart::donut(ui, "report-customers-donut", shown)
                } else {
                    share_bars(ui, "report-customers-by", shown)
                }
            },
            |ui| {
                tally_table(
                    ui,
                    "report-customers-by-table",
                    strings::report_dim(dim),
                    &named,
                    false,
                )
            },
        );
        if let Some(i) = clicked
            && let Some(q) = customers_where(dim, &rows[i].key, s.period)
        {
            *goto = Some(Goto::Customers(q));
        }
    }
}

impl ReportsPanel {
    /// 业务员: the table, sorted by the column clicked (again: the other way round).
    fn salespeople(&mut self, ui: &mut egui::Ui, s: &Summary) {
        ui.weak(S::ReportSalespeopleHint.t());
        let mut rows = s.salespeople.clone();
        let SalesSort(col, desc) = self.sales_sort;
        crate::domain::reports::sort_sales(&mut rows, col, desc);
        let t = tables::salespeople(&rows);
        egui::Grid::new("report-salespeople")
            .striped(true)
            .spacing([24.0, 4.0])
            .show(ui, |ui| {
                for (i, h) in t.heads.iter().enumerate() {
                    let mark = match (i == col, desc) {
                        (true, true) => " ▼",
                        (true, false) => " ▲",
                        _ => "",
                    };
                    if ui
                        .add(
                            egui::Button::new(RichText::new(format!("{h}{mark}")).strong())
                                .frame(false),
                        )
                        .clicked()
                    {
                        self.sales_sort = if i == col {
                            SalesSort(col, !desc)
                        } else {
                            SalesSort(i, i != 0)
                        };
                    }
                }
                ui.end_row();
                for r in &t.rows {
                    for c in r {
                        ui.label(c);
                    }
                    ui.end_row();
                }
            });
    }
}

/// The customers behind a bar of the distribution at `period`'s end: 客户信息 filtered
/// by the field, and to those on file by the period's last day when that has passed.
fn customers_where(dim: CustomerDim, key: &str, period: Period) -> Option<CustomerQuery> {
    let mut q = CustomerQuery::default();
    if period.to < crate::store::today() {
        q.recorded_within = Some((String::new(), period.to.to_string()));
    }
    match dim {
        CustomerDim::Grade => q.grade = Some(crate::domain::Grade::from_code(key)?),
        CustomerDim::Category => {
            q.category = Some(crate::domain::CustomerCategory::from_code(key)?)
        }
        CustomerDim::Industry => q.industry = Some(key.to_string()),
        CustomerDim::Owner => q.owner = Some(key.to_string()),
        CustomerDim::Source => q.source = Some(key.to_string()),
        CustomerDim::Province => q.province = Some(key.to_string()),
        CustomerDim::City => q.city = Some(key.to_string()),
    }
    Some(q)
}

/// 合同: the amount signed per month stacked by salesperson, the month's table, the
/// contracts by status and the ten largest customers.
fn contracts(ui: &mut egui::Ui, s: &Summary, period: Period, goto: &mut Option<Goto>) {
    ui.label(RichText::new(S::ReportSignedPerMonth.t()).strong());
    let months = s.period.months();
    let people = tables::signers(s);
    let mut charts: Vec<BarChart> = Vec::new();
    for (n, who) in people.iter().enumerate() {
        let bars: Vec<Bar> = months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let fen = tables::signed_by(s, m, who);
                Bar::new(i as f64, fen as f64 / 100.0)
                    .name(format!("{m} {who}"))
                    .fill(COLORS[n % COLORS.len()].gamma_multiply(0.85))
                    .width(BAR)
            })
            .collect();
        let name = if who.is_empty() {
            S::NoGroup.t().to_string()
        } else {
            who.clone()
        };
        let mut chart = BarChart::new(name, bars)
            .color(COLORS[n % COLORS.len()])
            .element_formatter(Box::new(|bar, _| {
                format!(
                    "{}\n{}",
                    bar.name,
                    format_fen((bar.value * 100.0).round() as i64)
                )
            }));
        let below: Vec<&BarChart> = charts.iter().collect();
        if !below.is_empty() {
            chart = chart.stack_on(&below);
        }
        charts.push(chart);
    }
    let chart = |ui: &mut egui::Ui| {
        money_per_month("report-signed", &months).show(ui, |p| {
            for c in charts {
                p.bar_chart(c);
            }
            p.pointer_coordinate()
        })
    };
    let shown = beside(ui, chart, |ui| {
        tally_table(
            ui,
            "report-signed-table",
            S::HeadMonth.t(),
            &s.signed_by_month,
            true,
        )
    });
    if shown.response.clicked()
        && let Some(pt) = shown.inner
        && let Some(i) = bar_at(pt.x, months.len(), BAR)
    {
        *goto = Some(Goto::Contracts(signed_in_month(&months[i], period)));
    }
    ui.add_space(8.0);
    ui.label(RichText::new(S::ReportByStatus.t()).strong());
    let statuses = tables::statuses(s);
    tally_table(
        ui,
        "report-status-table",
        S::HeadStatus.t(),
        &statuses,
        true,
    );
    ui.add_space(8.0);
    approvals(ui, s, &months);
    ui.add_space(8.0);
    ui.label(RichText::new(S::ReportTop.t()).strong());
    egui::Grid::new("report-top")
        .striped(true)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            ui.strong(S::HeadCustomer.t());
            ui.strong(S::HeadContractCount.t());
            ui.strong(S::HeadAmount.t());
            ui.end_row();
            for (id, t) in &s.top {
                if ui.link(&t.key).clicked() {
                    *goto = Some(Goto::Customer(*id));
                }
                ui.label(t.count.to_string());
                ui.label(format_fen(t.amount_fen));
                ui.end_row();
            }
        });
}

/// 审批用时: the average days from 待审批 to 批准 of each month's approvals, and the table.
fn approvals(ui: &mut egui::Ui, s: &Summary, months: &[String]) {
    ui.label(RichText::new(S::ReportApprovals.t()).strong());
    let bars: Vec<Bar> = s
        .approvals
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Bar::new(i as f64, a.average().unwrap_or(0.0))
                .name(strings::approvals_bar(&a.month, a.average(), a.count))
                .fill(COLORS[1].gamma_multiply(0.85))
                .width(BAR)
        })
        .collect();
    let chart = BarChart::new(S::HeadAvgDays.t(), bars)
        .color(COLORS[1])
        .element_formatter(Box::new(|bar, _| bar.name.clone()));
    beside(
        ui,
        |ui| {
            fixed("report-approvals", 160.0)
                .include_y(0.0)
                .show_grid([false, true])
                .x_grid_spacer(whole_marks(months.len(), months.len().div_ceil(12)))
                .custom_x_axes(vec![names_axis(months.to_vec())])
                .show(ui, |p| p.bar_chart(chart));
        },
        |ui| show_table(ui, "report-approvals-table", &tables::approvals(s)),
    );
}

/// 回款: received against signed, month by month (two bars a month), and the table.
fn received(ui: &mut egui::Ui, s: &Summary, goto: &mut Option<Goto>) {
    let months = s.period.months();
    let series = |name: &str, rows: &[Tally], offset: f64, color: egui::Color32| {
        let bars: Vec<Bar> = rows
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Bar::new(i as f64 + offset, t.amount_fen as f64 / 100.0)
                    .name(format!("{} {name}", t.key))
                    .fill(color.gamma_multiply(0.85))
                    .width(0.35)
            })
            .collect();
        BarChart::new(name, bars)
            .color(color)
            .element_formatter(Box::new(|bar, _| {
                format!(
                    "{}\n{}",
                    bar.name,
                    format_fen((bar.value * 100.0).round() as i64)
                )
            }))
    };
    let signed = series(
        S::ReportSignedTotal.t(),
        &s.signed_by_month,
        -0.2,
        COLORS[0],
    );
    let got = series(S::ReportReceivedTotal.t(), &s.received, 0.2, COLORS[2]);
    beside(
        ui,
        |ui| {
            money_per_month("report-received", &months).show(ui, |p| {
                p.bar_chart(signed);
                p.bar_chart(got);
                // 月末应收余额 as a line over the bars, once worked out.
                if let Some(o) = &s.owed {
                    let at: Vec<[f64; 2]> = o
                        .months
                        .iter()
                        .enumerate()
                        .map(|(i, (_, fen))| [i as f64, *fen as f64 / 100.0])
                        .collect();
                    p.line(
                        egui_plot::Line::new(S::ReportOwedMonthEnd.t(), at.clone())
                            .color(COLORS[3])
                            .width(2.0),
                    );
                    p.points(
                        egui_plot::Points::new(S::ReportOwedMonthEnd.t(), at)
                            .color(COLORS[3])
                            .radius(3.0),
                    );
                }
            });
        },
        |ui| show_table(ui, "report-received-table", &tables::received(s)),
    );
    owed(ui, s, goto);
}

/// 期末应收账龄: what is owed at the period's last day by age, a bar clicked opens
/// 应收账款 as of that day; "worked out" while it is.
fn owed(ui: &mut egui::Ui, s: &Summary, goto: &mut Option<Goto>) {
    ui.add_space(8.0);
    let Some(o) = &s.owed else {
        ui.horizontal(|ui| {
            ui.label(RichText::new(S::ReportOwedAgeing.t()).strong());
            ui.spinner();
            ui.weak(S::Working.t());
        });
        return;
    };
    ui.label(RichText::new(strings::owed_at_end(&o.as_of.to_string(), o.customers)).strong());
    let names = strings::bucket_names();
    let ages: Vec<Bar> = o
        .buckets
        .iter()
        .enumerate()
        .map(|(i, fen)| {
            Bar::new(i as f64, *fen as f64 / 100.0)
                .name(names[i])
                .fill(COLORS[(i + 3) % COLORS.len()].gamma_multiply(0.85))
                .width(BAR)
        })
        .collect();
    let chart =
        BarChart::new(S::ReportOwedAgeing.t(), ages).element_formatter(Box::new(|bar, _| {
            format!(
                "{}\n{}",
                bar.name,
                format_fen((bar.value * 100.0).round() as i64)
            )
        }));
    let shown = beside(
        ui,
        |ui| {
            fixed("report-ageing", 220.0)
                .include_y(0.0)
                .show_grid([false, true])
                .x_grid_spacer(whole_marks(names.len(), 1))
                .custom_x_axes(vec![names_axis(
                    names.iter().map(|n| n.to_string()).collect(),
                )])
                .y_axis_formatter(|mark, _| yuan_axis(mark.value))
                .show(ui, |p| {
                    p.bar_chart(chart);
                    p.pointer_coordinate()
                })
        },
        |ui| {
            if let Some(t) = tables::ageing(s) {
                show_table(ui, "report-ageing-table", &t);
            }
        },
    );
    if shown.response.clicked()
        && let Some(pt) = shown.inner
        && bar_at(pt.x, names.len(), BAR).is_some()
    {
        *goto = Some(Goto::Ageing(o.as_of));
    }
}

/// 交往反馈: items per month by kind, complaints opened and closed with the average days
/// to close, and the average satisfaction score.
fn feedback(ui: &mut egui::Ui, s: &Summary) {
    ui.label(RichText::new(S::ReportFeedbackKinds.t()).strong());
    show_table(ui, "report-feedback-kinds", &tables::feedback_kinds(s));
    ui.add_space(8.0);
    ui.label(RichText::new(S::ReportComplaints.t()).strong());
    if let Some(d) = s.complaints.2 {
        ui.label(strings::complaint_days(d));
    }
    show_table(ui, "report-complaints", &tables::complaints(s));
    ui.add_space(4.0);
    ui.label(S::ReportOpenComplaints.t());
    show_table(ui, "report-open-complaints", &tables::open_complaints(s));
    ui.add_space(8.0);
    ui.label(RichText::new(S::ReportSatisfaction.t()).strong());
    show_table(ui, "report-satisfaction", &tables::satisfaction(s));
}

/// A plain table: a bold header row, then the rows as given.
fn grid<R: AsRef<[String]>>(ui: &mut egui::Ui, id: &str, heads: &[&str], rows: Vec<R>) {
    egui::Grid::new(id)
        .striped(true)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for h in heads {
                ui.strong(*h);
            }
            ui.end_row();
            for r in rows {
                for c in r.as_ref() {
                    ui.label(c);
                }
                ui.end_row();
            }
        });
}

/// A chart of amounts month by month: the months named under it, 万 on the value axis,
/// a legend.
fn money_per_month<'a>(id: &'a str, months: &[String]) -> egui_plot::Plot<'a> {
    fixed(id, 220.0)
        .legend(Legend::default())
        .include_y(0.0)
        .show_grid([false, true])
        .x_grid_spacer(whole_marks(months.len(), months.len().div_ceil(12)))
        .custom_x_axes(vec![names_axis(months.to_vec())])
        .y_axis_formatter(|mark, _| yuan_axis(mark.value))
}

/// The contracts behind a month's bar: those that count signed in the month, within
/// the period.
fn signed_in_month(month: &str, period: Period) -> ContractQuery {
    let (first, last) = period
        .month_within(month)
        .unwrap_or((period.from, period.to));
    ContractQuery {
        signed_within: Some((first.to_string(), last.to_string())),
        ..Default::default()
    }
}

/// The table under a chart: a row per key with its count (and amount), then 合计.
fn tally_table(ui: &mut egui::Ui, id: &str, head: &str, rows: &[Tally], money: bool) {
    show_table(ui, id, &tables::tallies(head, rows, money));
}

fn show_table(ui: &mut egui::Ui, id: &str, t: &tables::Table) {
    let heads: Vec<&str> = t.heads.iter().map(String::as_str).collect();
    grid(ui, id, &heads, t.rows.clone());
}

#[cfg(test)]
#[path = "reports_tests.rs"]
mod tests;
