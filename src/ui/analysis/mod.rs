//! 客户分析: customer value and churn from the firm's own contracts. The figures are
//! worked out on a worker thread ([`Store::value_report`]) for the as-of date, window,
//! churn period and split chosen; the last answer stays on screen (with a spinner)
//! while a new one is worked out. On the left churn and retention per period (chart
//! and table); on the right the eight RFM segments (chart) and the RFM table, which a
//! segment, a churn figure or the win-back list narrows. A line opens the customer.

use egui::RichText;

use super::Goto;
use super::widgets::distinct;
use super::widgets::{ERROR_RED, Message, OK_GREEN};
use super::worked::Worked;
use crate::domain::value::{GradeRule, PeriodKind, Segment, Window, lost_in};
use crate::store::Store;
use crate::store::value::{ChurnSplit, ValueAsk, ValueReport};
use crate::strings::{self, S};

mod charts;
mod defaults;
mod grades;
mod table;

pub use table::sort_lines;

/// The customers lost in the period starting `start` (bought in the one before, not
/// since, up to the as-of date), or those of them in one group of the split (its name
/// as stored; "" the customers with none): the filter's name and their ids, sorted.
fn lost_customers(
    report: &ValueReport,
    asked: &ValueAsk,
    start: chrono::NaiveDate,
    group: Option<&str>,
) -> (String, Vec<i64>) {
    let mut ids = lost_in(&report.purchases, asked.period, start, asked.as_of);
    let mut name = asked.period.label(start);
    if let Some(g) = group {
        let members: std::collections::HashSet<i64> = report
            .lines
            .iter()
            .filter(|l| match asked.split {
                ChurnSplit::Grade => l.grade == g,
                _ => l.owner == g,
            })
            .map(|l| l.customer_id)
            .collect();
        ids.retain(|id| members.contains(id));
        let shown = if g.is_empty() { S::NoGroup.t() } else { g };
        name = format!("{name} · {shown}");
    }
    (strings::lost_in(&name, ids.len()), ids)
}

/// Which customers the RFM table shows.
#[derive(Debug, Clone, PartialEq, Default)]
struct Filter {
    /// A segment, or `Some(None)` for 无交易.
    segment: Option<Option<Segment>>,
    grade: Option<String>,
    owner: Option<String>,
    /// The customers lost in a period (a churn figure clicked, or the win-back list):
    /// its name and their ids, sorted.
    lost: Option<(String, Vec<i64>)>,
}

pub struct AnalysisPanel {
    as_of: String,
    months: String,
    all_history: bool,
    period: PeriodKind,
    split: ChurnSplit,
    /// 建议等级 by A–D shares (true) or by the 80:20 rule (ABC).
    abcd: bool,
    /// The firm's own score thresholds (None: the quintiles of the data).
    thresholds: Option<crate::domain::value::Thresholds>,
    /// The saved defaults have been read.
    defaults_read: bool,
    /// 分界值…, when open.
    defaults: Option<defaults::DefaultsEditor>,
    work: Worked<ValueAsk, ValueReport>,
    /// How many answers have come (the table's lines are worked out again for each).
    answers: u64,
    filter: Filter,
    table: table::RfmTable,
    message: Option<Message>,
    export: Option<super::transfer::ExportJob>,
    /// 应用建议等级, when open.
    apply: Option<grades::ApplyGrades>,
    /// The print preview, when open; asked for by 打印… this frame.
    print: Option<super::print::PrintPreview>,
    print_asked: bool,
    /// 分界值… clicked this frame.
    defaults_asked: bool,
}

impl Default for AnalysisPanel {
    fn default() -> Self {
        AnalysisPanel {
            as_of: String::new(),
            months: "36".into(),
            all_history: false,
            period: PeriodKind::Year,
            split: ChurnSplit::Overall,
            abcd: true,
            thresholds: None,
            defaults_read: false,
            defaults: None,
            work: Worked::default(),
            answers: 0,
            filter: Filter::default(),
            table: table::RfmTable::default(),
            message: None,
            export: None,
            apply: None,
            print: None,
            print_asked: false,
            defaults_asked: false,
        }
    }
}

impl AnalysisPanel {
    /// The figures must be worked out again (data changed elsewhere).
    pub fn invalidate(&mut self) {
        self.work = Worked::default();
    }

    /// The status bar's words.
    pub fn status_text(&self) -> String {
        match &self.work.got {
            Some((ask, Ok(r))) => strings::labelled(
                S::TabAnalysis.t(),
                &strings::with_note(
                    &strings::customers_shown(r.lines.len(), self.table.shown()),
                    &strings::show_date(&ask.as_of.format("%Y-%m-%d").to_string()),
                ),
            ),
            _ => S::TabAnalysis.t().to_string(),
        }
    }

    /// The window typed: 1 to 600 months.
    fn window_months(&self) -> Option<u32> {
        self.months
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=600).contains(n))
    }

    /// What is asked for now; None while the date or the window does not read.
    fn ask(&self) -> Option<ValueAsk> {
        let as_of = super::widgets::as_of_date(&self.as_of)?;
        let window = if self.all_history {
            Window::All
        } else {
            Window::Months(self.window_months()?)
        };
        Some(ValueAsk {
            as_of,
            window,
            period: self.period,
            split: self.split,
            thresholds: self.thresholds.clone(),
            rule: if self.abcd {
                GradeRule::default()
            } else {
                GradeRule::Abc
            },
        })
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) -> Option<Goto> {
        self.poll_export(ui.ctx());
        if !std::mem::replace(&mut self.defaults_read, true) {
            match store.value_settings() {
                Ok(s) => {
                    self.all_history = s.months.is_none();
                    self.months = s.months.unwrap_or(36).to_string();
                    self.abcd = !s.abc;
                    self.thresholds = s.thresholds;
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
        let ask = self.ask();
        self.work
            .ask(ask.clone(), store, ui.ctx(), |s, a| s.value_report(&a));
        if self.work.poll(ask.as_ref()) {
            // New figures: the lost customers named before may have changed.
            self.filter.lost = None;
            self.answers += 1;
        }
        self.controls(ui, store);
        if let Some(Message { text, error }) = &self.message {
            ui.label(RichText::new(text.as_str()).color(if *error { ERROR_RED } else { OK_GREEN }));
        }
        // The answer is taken out while it is drawn (the filters and the table change
        // the panel), and put back after.
        let Some(got) = self.work.got.take() else {
            ui.label(S::Computing.t());
            return None;
        };
        let goto = match &got {
            (_, Err(e)) => {
                ui.label(RichText::new(e.as_str()).color(ERROR_RED));
                None
            }
            (asked, Ok(report)) => {
                let goto = self.figures(ui, store, asked, report);
                self.apply_window(ui.ctx(), store, report);
                self.defaults_window(ui.ctx(), store, report);
                if self.print.is_none() && std::mem::take(&mut self.print_asked) {
                    let shown = self.table.shown_ids(report);
                    self.print = Some(super::print::PrintPreview::analysis(
                        asked.clone(),
                        shown,
                        store,
                    ));
                }
                goto
            }
        };
        self.work.got = Some(got);
        if let Some(p) = &mut self.print {
            p.show(ui.ctx(), store);
            if !p.open {
                self.print = None;
            }
        }
        goto
    }

    /// The churn side and the RFM side of an answer.
    fn figures(
        &mut self,
        ui: &mut egui::Ui,
        store: &Store,
        asked: &ValueAsk,
        report: &ValueReport,
    ) -> Option<Goto> {
        if report.purchases.is_empty() {
            ui.add_space(20.0);
            ui.label(S::NoPurchasesYet.t());
            return None;
        }
        let mut goto = None;
        let mut lost_asked = None;
        egui::Panel::left("analysis-churn")
            .default_size(480.0)
            .size_range(380.0..=900.0)
            .show(ui, |ui| {
                lost_asked = charts::churn_side(ui, report, self.split);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(seg) = charts::segment_side(ui, report) {
                self.filter = Filter {
                    segment: Some(seg),
                    ..Default::default()
                };
            }
            ui.separator();
            let win_back = self.filters(ui, report);
            if win_back {
                lost_asked = Some((asked.period.start_of(asked.as_of), None));
            }
            goto = self
                .table
                .show(ui, store, report, self.answers, asked.as_of, &self.filter);
        });
        if let Some((start, group)) = lost_asked {
            self.filter = Filter {
                lost: Some(lost_customers(report, asked, start, group.as_deref())),
                ..Default::default()
            };
            // Most valuable first.
            self.table.sort_by_m();
        }
        goto
    }

    /// 分界值…, when open: opened with the thresholds in use; saved ones are used at once.
    fn defaults_window(&mut self, ctx: &egui::Context, store: &mut Store, report: &ValueReport) {
        if std::mem::take(&mut self.defaults_asked) && self.defaults.is_none() {
            self.defaults = Some(defaults::DefaultsEditor::new(
                &report.thresholds,
                self.thresholds.is_some(),
            ));
        }
        let Some(d) = &mut self.defaults else { return };
        // A window that does not read is saved as 0 months, which the store refuses
        // with its reason (shown in the window).
        let months = (!self.all_history).then(|| self.months.trim().parse().unwrap_or(0));
        let saved = d.show(ctx, store, months, !self.abcd);
        if !d.open {
            self.defaults = None;
        }
        if let defaults::Saved::Kept(t) = saved {
            self.thresholds = t;
            self.message = Some(Message::info(S::DefaultsSaved.t()));
        }
    }

    /// 应用建议等级, when open; new figures once grades were changed.
    fn apply_window(&mut self, ctx: &egui::Context, store: &Store, report: &ValueReport) {
        let Some(a) = &mut self.apply else { return };
        let done = a.show(ctx, store, &report.lines);
        if !a.open {
            self.apply = None;
        }
        if let grades::Applied::Done(m) = done {
            self.message = Some(m);
            self.invalidate();
        }
    }

    /// The as-of date, the window, the churn period and split, the spinner, 导出….
    fn controls(&mut self, ui: &mut egui::Ui, store: &Store) {
        let bad_window = !self.all_history && self.window_months().is_none();
        ui.horizontal_wrapped(|ui| {
            super::widgets::as_of_box(ui, &mut self.as_of);
            let l = ui.label(S::AnalysisWindow.t());
            ui.add_enabled(
                !self.all_history,
                egui::TextEdit::singleline(&mut self.months).desired_width(40.0),
            )
            .labelled_by(l.id);
            ui.checkbox(&mut self.all_history, S::AnalysisAllHistory.t());
            ui.separator();
            ui.label(S::AnalysisPeriod.t());
            for (k, s) in [
                (PeriodKind::Year, S::PeriodYear),
                (PeriodKind::Quarter, S::PeriodQuarter),
                (PeriodKind::Month, S::PeriodMonth),
            ] {
                ui.selectable_value(&mut self.period, k, s.t());
            }
            ui.separator();
            ui.label(S::AnalysisSplit.t());
            for (k, s) in [
                (ChurnSplit::Overall, S::SplitOverall),
                (ChurnSplit::Grade, S::SplitGrade),
                (ChurnSplit::Owner, S::SplitOwner),
            ] {
                ui.selectable_value(&mut self.split, k, s.t());
            }
            ui.separator();
            ui.label(S::SuggestedRule.t());
            ui.selectable_value(&mut self.abcd, true, "A–D")
                .on_hover_text(S::RuleAbcdHint.t());
            ui.selectable_value(&mut self.abcd, false, "ABC")
                .on_hover_text(S::RuleAbcHint.t());
            // What does not read is said; the figures shown stay those last asked for.
            if bad_window {
                ui.label(RichText::new(S::AnalysisBadWindow.t()).color(ERROR_RED));
            }
            if self.work.busy() {
                ui.spinner();
            }
            ui.separator();
            match &self.export {
                Some(job) => job.progress(ui, 1),
                None => {
                    if ui
                        .button(S::ExportButton.t())
                        .on_hover_text(S::RfmHeading.t())
                        .clicked()
                    {
                        self.export(store, false);
                    }
                    if ui.button(S::ExportChurn.t()).clicked() {
                        self.export(store, true);
                    }
                }
            }
            self.defaults_asked |= ui
                .add_enabled(
                    self.defaults.is_none(),
                    egui::Button::new(S::ThresholdsOpen.t()),
                )
                .clicked();
            self.print_asked |= ui
                .add_enabled(self.print.is_none(), egui::Button::new(S::PrintButton.t()))
                .clicked();
            ui.collapsing(S::AnalysisHelp.t(), |ui| {
                ui.set_max_width(900.0);
                ui.label(S::AnalysisHelpText.t());
            });
        });
    }

    /// The RFM table's filters and the win-back list's button; true when that was
    /// clicked.
    fn filters(&mut self, ui: &mut egui::Ui, report: &ValueReport) -> bool {
        let mut win_back = false;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(S::RfmHeading.t()).strong());
            let mut segments: Vec<Option<Segment>> = Segment::ALL.map(Some).to_vec();
            segments.push(None);
            super::widgets::filter_combo(
                ui,
                "rfm-seg",
                crate::domain::value::RFM_HEADERS[9],
                &mut self.filter.segment,
                &segments,
                |s| match s {
                    Some(s) => strings::segment(*s).to_string(),
                    None => S::NoDeal.t().to_string(),
                },
            );
            let grades = distinct(report.lines.iter().map(|l| l.grade.clone()));
            super::widgets::filter_combo(
                ui,
                "rfm-grade",
                strings::customer_field(crate::domain::CustomerField::Grade),
                &mut self.filter.grade,
                &grades,
                |s| s.clone(),
            );
            let owners = distinct(report.lines.iter().map(|l| l.owner.clone()));
            super::widgets::filter_combo(
                ui,
                "rfm-owner",
                strings::customer_field(crate::domain::CustomerField::Owner),
                &mut self.filter.owner,
                &owners,
                |s| s.clone(),
            );
            if let Some((name, _)) = &self.filter.lost
                && ui
                    .button(format!("{name} ×"))
                    .on_hover_text(S::ClearFilters.t())
                    .clicked()
            {
                self.filter.lost = None;
            }
            win_back = ui
                .button(S::WinBackList.t())
                .on_hover_text(S::WinBackHint.t())
                .clicked();
            if ui
                .add_enabled(
                    self.apply.is_none(),
                    egui::Button::new(S::ApplyGradesOpen.t()),
                )
                .clicked()
            {
                self.apply = Some(grades::ApplyGrades::new());
            }
            if self.filter != Filter::default() && ui.button(S::ClearFilters.t()).clicked() {
                self.filter = Filter::default();
            }
            ui.label(
                RichText::new(strings::customers_shown(
                    report.lines.len(),
                    self.table.shown(),
                ))
                .strong(),
            );
        });
        win_back
    }

    /// Writes the RFM table as shown (its filters and order) to a file the user picks.
    fn export(&mut self, store: &Store, churn: bool) {
        let Some((ask, Ok(report))) = &self.work.got else {
            return;
        };
        let day = ask.as_of;
        let name = if churn {
            "流失与保持"
        } else {
            "客户价值"
        };
        let Some(path) = rfd::FileDialog::new()
            .set_file_name(format!("{name}_{}.xlsx", day.format("%Y%m%d")))
            .add_filter("Excel", &["xlsx"])
            .add_filter("CSV", &["csv"])
            .save_file()
        else {
            return;
        };
        let job = if churn {
            table::export_churn(store, path, report)
        } else {
            table::export(store, path, self.table.shown_lines(report))
        };
        match job {
            Ok(job) => self.export = Some(job),
            Err(e) => self.message = Some(Message::error(e)),
        }
    }

    fn poll_export(&mut self, ctx: &egui::Context) {
        if let Some(m) = super::transfer::ExportJob::finished_message(&mut self.export, ctx) {
            self.message = Some(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::value::{Purchase, Rfm, Thresholds};
    use crate::store::value::RfmLine;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn line(id: i64, grade: &str, owner: &str) -> RfmLine {
        RfmLine {
            customer_id: id,
            code: String::new(),
            name: format!("客户{id}"),
            grade: grade.into(),
            owner: owner.into(),
            rfm: Rfm::default(),
            scores: None,
            segment: None,
            suggested: None,
        }
    }

    /// Customers 1–3 bought in 2024 and not in 2025; 4 bought in both. By grade: 1 is A,
    /// 2 and 4 are B, 3 has none; by salesperson 1 and 2 are 张明's.
    #[test]
    fn the_lost_customers_of_one_group_are_those_of_the_period_in_that_group() {
        crate::strings::set_lang(crate::strings::Lang::Zh);
        let buy = |customer, on: &str| Purchase {
            customer,
            on: day(on),
            fen: 100,
        };
        let report = ValueReport {
            lines: vec![
                line(1, "A", "张明"),
                line(2, "B", "张明"),
                line(3, "", "李华"),
                line(4, "B", "李华"),
            ],
            thresholds: Thresholds {
                r_days: [0; 4],
                f: [0; 4],
                m_fen: [0; 4],
            },
            churn: Vec::new(),
            groups: Vec::new(),
            purchases: vec![
                buy(1, "2024-02-01"),
                buy(2, "2024-12-31"),
                buy(3, "2024-06-01"),
                buy(4, "2024-03-01"),
                buy(4, "2025-03-01"),
            ],
        };
        let mut asked = ValueAsk {
            as_of: day("2025-12-31"),
            window: Window::Months(36),
            period: PeriodKind::Year,
            split: ChurnSplit::Grade,
            thresholds: None,
            rule: GradeRule::default(),
        };
        let start = day("2025-01-01");
        let lost = |asked: &ValueAsk, g| lost_customers(&report, asked, start, g);
        assert_eq!(
            lost(&asked, None),
            ("流失于 2025（3）".into(), vec![1, 2, 3])
        );
        assert_eq!(
            lost(&asked, Some("A")),
            ("流失于 2025 · A（1）".into(), vec![1])
        );
        assert_eq!(lost(&asked, Some("B")).1, vec![2], "4 bought again");
        assert_eq!(
            lost(&asked, Some("")),
            ("流失于 2025 · （未填）（1）".into(), vec![3])
        );
        asked.split = ChurnSplit::Owner;
        assert_eq!(lost(&asked, Some("张明")).1, vec![1, 2]);
        assert_eq!(lost(&asked, Some("李华")).1, vec![3]);
    }
}
