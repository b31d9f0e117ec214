//! The tab's figures: churn and retention per period (a line chart and the table under
//! it) and the count of customers per RFM segment (a bar chart and a row of buttons,
//! one per segment). A point, a 流失数 or a bar clicked asks for the customers behind
//! it.

use chrono::NaiveDate;
use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, HoverPosition, Legend, Line, Points};

use crate::ui::chart::{COLORS, fixed, names_axis, whole_marks};

use crate::domain::value::{CHURN_HEADERS, ChurnRow, Segment};
use crate::store::value::{ChurnSplit, ValueReport};
use crate::strings::{self, S};

const RED: Color32 = Color32::from_rgb(200, 80, 70);
const GREEN: Color32 = Color32::from_rgb(70, 150, 90);

/// A group's name as shown ("" is the customers with none).
fn group_name(name: &str) -> String {
    if name.is_empty() {
        S::NoGroup.t().to_string()
    } else {
        name.to_string()
    }
}

/// The points of one rate, at the periods' places (a period nobody bought before is
/// left out).
fn rate_points(rows: &[ChurnRow], rate: fn(&ChurnRow) -> Option<f64>) -> Vec<[f64; 2]> {
    rows.iter()
        .enumerate()
        .filter_map(|(i, r)| rate(r).map(|v| [i as f64, v]))
        .collect()
}

/// Churn and retention per period: the chart (overall, or the churn rate of each group
/// when split), then the table, newest period first. Returns the start of a period
/// whose lost customers were asked for, and the group's name when they were asked for
/// one group ("" is the customers with none).
pub fn churn_side(
    ui: &mut egui::Ui,
    report: &ValueReport,
    split: ChurnSplit,
) -> Option<(NaiveDate, Option<String>)> {
    ui.label(RichText::new(S::ChurnHeading.t()).strong());
    let rows = &report.churn;
    if rows.is_empty() {
        return None;
    }
    let labels: Vec<String> = rows.iter().map(|r| r.period.clone()).collect();
    let axis = labels.clone();
    let tip = labels.clone();
    let shown = fixed("churn-chart", 220.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(100.0)
        // A label every period, or every few when there are many (months).
        .x_grid_spacer(whole_marks(labels.len(), labels.len().div_ceil(12)))
        .custom_x_axes(vec![names_axis(axis)])
        .y_axis_formatter(|mark, _| format!("{}%", mark.value))
        .label_formatter(move |pos: &HoverPosition<'_>| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => {
                let i = position.x.round().max(0.0) as usize;
                Some(format!(
                    "{plot_name}\n{}：{:.1}%",
                    tip.get(i).map(String::as_str).unwrap_or(""),
                    position.y
                ))
            }
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |p| {
            if report.groups.is_empty() {
                for (name, rate, color) in [
                    (
                        S::ChurnRateName.t(),
                        ChurnRow::churn_rate as fn(&ChurnRow) -> Option<f64>,
                        RED,
                    ),
                    (S::RetentionRateName.t(), ChurnRow::retention_rate, GREEN),
                ] {
                    let pts = rate_points(rows, rate);
                    p.line(Line::new(name, pts.clone()).color(color));
                    p.points(Points::new(name, pts).color(color).radius(3.0));
                }
            } else {
                for (i, (name, g)) in report.groups.iter().enumerate() {
                    let name = format!("{} {}", group_name(name), S::ChurnRateName.t());
                    let pts = rate_points(g, ChurnRow::churn_rate);
                    let color = COLORS[i % COLORS.len()];
                    p.line(Line::new(name.clone(), pts.clone()).color(color));
                    p.points(Points::new(name, pts).color(color).radius(2.5));
                }
            }
            p.pointer_coordinate()
        });
    let mut asked = None;
    if shown.response.clicked()
        && let Some(pt) = shown.inner
    {
        let i = pt.x.round();
        if i >= 0.0 && (i as usize) < rows.len() {
            asked = Some((rows[i as usize].start, None));
        }
    }
    egui::ScrollArea::vertical()
        .id_salt("churn-table")
        .show(ui, |ui| {
            // (the group as stored, as shown, its series); None: overall.
            let split_rows: Vec<(Option<&str>, String, &[ChurnRow])> = match split {
                ChurnSplit::Overall => vec![(None, String::new(), rows.as_slice())],
                _ if report.groups.is_empty() => vec![(None, String::new(), rows.as_slice())],
                _ => report
                    .groups
                    .iter()
                    .map(|(n, g)| (Some(n.as_str()), group_name(n), g.as_slice()))
                    .collect(),
            };
            let grouped = split_rows[0].0.is_some();
            egui::Grid::new("churn-grid")
                .striped(true)
                .num_columns(CHURN_HEADERS.len() + usize::from(grouped))
                .show(ui, |ui| {
                    if grouped {
                        ui.label(RichText::new(S::AnalysisSplit.t()).strong());
                    }
                    for h in churn_heads() {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for (stored, group, series) in &split_rows {
                        for r in series.iter().rev() {
                            if grouped {
                                ui.label(group);
                            }
                            let mut period = r.period.clone();
                            if r.open {
                                period = strings::with_note(&period, S::PeriodOpen.t());
                            }
                            ui.label(period);
                            ui.label(r.buyers.to_string());
                            ui.label(r.kept.to_string());
                            // The lost customers of a period (of a group) are a click away.
                            if r.lost > 0 {
                                if ui.link(r.lost.to_string()).clicked() {
                                    asked = Some((r.start, stored.map(str::to_string)));
                                }
                            } else {
                                ui.label(r.lost.to_string());
                            }
                            let rate =
                                |v: Option<f64>| v.map(|x| format!("{x:.1}%")).unwrap_or_default();
                            ui.label(RichText::new(rate(r.churn_rate())).color(RED));
                            ui.label(RichText::new(rate(r.retention_rate())).color(GREEN));
                            ui.label(r.new.to_string());
                            ui.end_row();
                        }
                    }
                });
        });
    asked
}

/// The churn table's headings.
fn churn_heads() -> Vec<&'static str> {
    match strings::lang() {
        strings::Lang::Zh => CHURN_HEADERS.to_vec(),
        strings::Lang::En => vec![
            "Period",
            "Buyers",
            "Kept",
            "Lost",
            "Churn rate",
            "Retention rate",
            "New",
        ],
    }
}

/// The count per segment: the thresholds used, a bar chart, and a button per segment
/// (and 无交易) with its count. Returns the segment clicked (`Some(None)`: 无交易).
pub fn segment_side(ui: &mut egui::Ui, report: &ValueReport) -> Option<Option<Segment>> {
    let (counts, none) = report.segment_counts();
    let t = &report.thresholds;
    ui.label(
        RichText::new(strings::thresholds_line(
            &t.r_days,
            &t.f,
            &t.m_fen.map(crate::domain::money::fen_to_plain),
        ))
        .small(),
    );
    let names: Vec<&'static str> = Segment::ALL.iter().map(|s| strings::segment(*s)).collect();
    // Under the bars the names without 客户, so that eight of them fit side by side.
    let axis: Vec<String> = names
        .iter()
        .map(|n| n.trim_end_matches("客户").to_string())
        .collect();
    let bars: Vec<Bar> = counts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let color = if i < 4 { RED } else { GREEN };
            Bar::new(i as f64, *n as f64)
                .name(names[i])
                .fill(color.gamma_multiply(0.8))
                .width(0.7)
        })
        .collect();
    let chart = BarChart::new(S::RfmHeading.t(), bars)
        .element_formatter(Box::new(|bar, _| format!("{}：{}", bar.name, bar.value)));
    let shown = fixed("segment-chart", 170.0)
        .include_y(0.0)
        .show_grid([false, true])
        .x_grid_spacer(whole_marks(Segment::ALL.len(), 1))
        .custom_x_axes(vec![names_axis(axis)])
        .show(ui, |p| {
            p.bar_chart(chart);
            p.pointer_coordinate()
        });
    let mut asked = None;
    if shown.response.clicked()
        && let Some(pt) = shown.inner
    {
        let i = pt.x.round();
        if i >= 0.0 && (i as usize) < Segment::ALL.len() && (pt.x - i).abs() <= 0.35 {
            asked = Some(Some(Segment::ALL[i as usize]));
        }
    }
    ui.horizontal_wrapped(|ui| {
        for (i, s) in Segment::ALL.iter().enumerate() {
            if ui
                .small_button(format!("{} {}", names[i], counts[i]))
                .clicked()
            {
                asked = Some(Some(*s));
            }
        }
        if ui
            .small_button(format!("{} {none}", S::NoDeal.t()))
            .clicked()
        {
            asked = Some(None);
        }
    });
    asked
}
