//! What the charts of 客户分析 and 统计报表 share: a plot that stays put, whole-number
//! places named under (or beside) the bars, bars of counts, money on an axis in 万.

use egui_plot::{AxisHints, Bar, BarChart, GridMark, Plot};

use crate::domain::reports::Tally;

/// The bars' width (they stand at whole numbers).
pub const BAR: f64 = 0.7;
/// One colour per series (a salesperson, a group), distinct on white and in print.
pub const COLORS: [egui::Color32; 8] = {
    let p = crate::io::print::layout::PALETTE;
    let mut c = [egui::Color32::BLACK; 8];
    let mut i = 0;
    while i < 8 {
        c[i] = egui::Color32::from_rgb(p[i][0], p[i][1], p[i][2]);
        i += 1;
    }
    c
};

/// A plot that stays put: no zoom, drag or scroll (the tab scrolls, not the chart).
/// Its id is `id` itself, wherever it is drawn (a test finds the chart's memory by it).
pub fn fixed(id: &str, height: f32) -> Plot<'_> {
    Plot::new(id)
        .id(egui::Id::unique(id))
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
}

/// Grid marks at whole numbers only, every `step`th of `n` places (the periods' or the
/// segments' names stand at whole numbers).
pub fn whole_marks(n: usize, step: usize) -> impl Fn(egui_plot::GridInput) -> Vec<GridMark> {
    move |_| {
        (0..n)
            .step_by(step.max(1))
            .map(|i| GridMark {
                value: i as f64,
                step_size: step.max(1) as f64,
            })
            .collect()
    }
}

/// An x axis naming the whole-number places: a period or a segment each. Its labels
/// stand closer than egui_plot's default allows (60 points), as a year's does.
pub fn names_axis<'a>(names: Vec<String>) -> AxisHints<'a> {
    AxisHints::new_x()
        .label_spacing(24.0..=36.0)
        .formatter(move |mark, _| name_at(&names, mark.value))
}

/// The name standing at a whole-number place `value` ("" between places).
fn name_at(names: &[String], value: f64) -> String {
    let i = value.round();
    if (value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < names.len() {
        names[i as usize].clone()
    } else {
        String::new()
    }
}

/// A chart on the left, its table on the right (scrolling when long).
pub fn beside<R>(
    ui: &mut egui::Ui,
    chart: impl FnOnce(&mut egui::Ui) -> R,
    table: impl FnOnce(&mut egui::Ui),
) -> R {
    let width = ui.available_width();
    ui.horizontal_top(|ui| {
        let r = ui
            .allocate_ui(egui::vec2(width * 0.6, 340.0), |ui| chart(ui))
            .inner;
        ui.add_space(16.0);
        ui.vertical(|ui| {
            egui::ScrollArea::vertical()
                .id_salt(ui.next_auto_id())
                .max_height(240.0)
                .show(ui, table);
        });
        r
    })
    .inner
}

/// The donut's size: a square `DONUT` points high, the legend to its right.
pub const DONUT: f32 = 200.0;

/// Where a donut drawn in `rect` stands: centre, outer and inner radius.
pub fn donut_geometry(rect: egui::Rect) -> (egui::Pos2, f32, f32) {
    let r = DONUT / 2.0 - 6.0;
    (rect.min + egui::vec2(DONUT / 2.0, DONUT / 2.0), r, r * 0.55)
}

/// Shares as a donut (a slice per row, the palette's colours in order, clockwise from
/// twelve o'clock) with a legend beside it (name, count, share); hover says a slice's
/// figure. Returns the row whose slice was clicked. The widget is named `id` (a test
/// finds it by that name).
pub fn donut(ui: &mut egui::Ui, id: &str, rows: &[Tally]) -> Option<usize> {
    let sum: i64 = rows.iter().map(|t| t.count.max(0)).sum();
    let height = DONUT.max(rows.len() as f32 * 18.0 + 8.0);
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(DONUT + 260.0, height), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, id));
    let painter = ui.painter_at(rect);
    let (centre, r_out, r_in) = donut_geometry(rect);
    let full = std::f32::consts::TAU;
    // Each row's slice, as (start, end) angles.
    let mut spans = Vec::with_capacity(rows.len());
    let mut at = 0.0f32;
    for t in rows {
        let share = if sum > 0 {
            t.count.max(0) as f32 / sum as f32
        } else {
            0.0
        };
        spans.push((at * full, (at + share) * full));
        at += share;
    }
    let pointed = response.hover_pos().and_then(|p| {
        let d = p - centre;
        let dist = d.length();
        if dist < r_in || dist > r_out {
            return None;
        }
        let angle = d.x.atan2(-d.y).rem_euclid(full);
        spans.iter().position(|(a, b)| angle >= *a && angle < *b)
    });
    for (i, (t, (a, b))) in rows.iter().zip(&spans).enumerate() {
        let colour = COLORS[i % COLORS.len()];
        let fill = if pointed == Some(i) {
            colour
        } else {
            colour.gamma_multiply(0.85)
        };
        let slice = crate::io::print::layout::Slice {
            cx: centre.x,
            cy: centre.y,
            r_in,
            r_out,
            start: *a,
            end: *b,
            rgb: [0, 0, 0],
        };
        if b > a {
            for piece in slice.pieces() {
                painter.add(egui::Shape::convex_polygon(
                    piece.iter().map(|(x, y)| egui::pos2(*x, *y)).collect(),
                    fill,
                    egui::Stroke::new(0.5, fill),
                ));
            }
        }
        let y = rect.top() + 12.0 + 18.0 * i as f32;
        let x = rect.left() + DONUT + 8.0;
        painter.rect_filled(
            egui::Rect::from_min_size(egui::pos2(x, y - 5.0), egui::vec2(10.0, 10.0)),
            2.0,
            colour,
        );
        let share = if sum > 0 {
            100.0 * t.count as f64 / sum as f64
        } else {
            0.0
        };
        let text_colour = ui.visuals().text_color();
        painter.text(
            egui::pos2(x + 16.0, y),
            egui::Align2::LEFT_CENTER,
            format!("{}    {}    {share:.1}%", t.key, t.count),
            egui::FontId::proportional(13.0),
            text_colour,
        );
    }
    if let Some(i) = pointed {
        let t = &rows[i];
        response
            .clone()
            .on_hover_text(format!("{}：{}", t.key, t.count));
    }
    if response.clicked() { pointed } else { None }
}

/// A distribution: a horizontal bar per row, the largest on top, its name on the left;
/// hover says the exact figure. Returns the row clicked.
pub fn share_bars(ui: &mut egui::Ui, id: &str, rows: &[Tally]) -> Option<usize> {
    let n = rows.len();
    // Row i stands at n-1-i, so that the first (largest) is on top.
    let names: Vec<String> = rows.iter().rev().map(|t| t.key.clone()).collect();
    let bars: Vec<Bar> = rows
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Bar::new((n - 1 - i) as f64, t.count as f64)
                .name(&t.key)
                .width(BAR)
        })
        .collect();
    let chart = BarChart::new(id, bars)
        .horizontal()
        .color(COLORS[0])
        .element_formatter(Box::new(|bar, _| format!("{}：{}", bar.name, bar.value)));
    let shown = fixed(id, (n as f32 * 22.0).clamp(120.0, 340.0))
        .include_x(0.0)
        .show_grid([true, false])
        .y_grid_spacer(whole_marks(n, 1))
        .custom_y_axes(vec![names_y_axis(names)])
        .show(ui, |p| {
            p.bar_chart(chart);
            p.pointer_coordinate()
        });
    if shown.response.clicked()
        && let Some(pt) = shown.inner
    {
        return bar_at(pt.y, n, BAR).map(|at| n - 1 - at);
    }
    None
}

/// A y axis naming the whole-number places (a distribution's values).
pub fn names_y_axis<'a>(names: Vec<String>) -> egui_plot::AxisHints<'a> {
    egui_plot::AxisHints::new_y()
        .min_thickness(72.0)
        .label_spacing(10.0..=14.0)
        .formatter(move |mark, _| name_at(&names, mark.value))
}

/// A bar per row, its count; hover says the exact figure. Returns the bar clicked.
pub fn count_bars(ui: &mut egui::Ui, id: &str, rows: &[Tally]) -> Option<usize> {
    let names: Vec<String> = rows.iter().map(|t| t.key.clone()).collect();
    let bars: Vec<Bar> = rows
        .iter()
        .enumerate()
        .map(|(i, t)| Bar::new(i as f64, t.count as f64).name(&t.key).width(BAR))
        .collect();
    let chart = BarChart::new(id, bars)
        .color(COLORS[0])
        .element_formatter(Box::new(|bar, _| format!("{}：{}", bar.name, bar.value)));
    let most = rows.iter().map(|t| t.count).max().unwrap_or(0);
    let (step, top) = count_step(most);
    let shown = fixed(id, 170.0)
        .include_y(0.0)
        .include_y(top as f64)
        .show_grid([false, true])
        .y_grid_spacer(move |_| {
            (0..=top / step)
                .map(|k| GridMark {
                    value: (k * step) as f64,
                    step_size: step as f64,
                })
                .collect()
        })
        .x_grid_spacer(whole_marks(names.len(), names.len().div_ceil(15)))
        .custom_x_axes(vec![names_axis(names)])
        .show(ui, |p| {
            p.bar_chart(chart);
            p.pointer_coordinate()
        });
    if shown.response.clicked()
        && let Some(pt) = shown.inner
    {
        return bar_at(pt.x, rows.len(), BAR);
    }
    None
}

/// A count axis's step (1, 2 or 5 times a power of ten, about four marks) and its top
/// (a whole number of steps at or above `most`, at least one): no fractions of a
/// customer on the axis.
pub fn count_step(most: i64) -> (i64, i64) {
    let step = crate::domain::reports::nice_step(most, 1);
    (step, (most.max(1) + step - 1) / step * step)
}

/// An amount in yuan as an axis says it: 万 from ten thousand up ("12.5万"), else the
/// yuan ("8,000").
pub fn yuan_axis(yuan: f64) -> String {
    if yuan.abs() >= 10_000.0 {
        let wan = yuan / 10_000.0;
        if (wan - wan.round()).abs() < 1e-9 {
            format!("{}万", wan.round())
        } else {
            format!("{wan:.1}万")
        }
    } else {
        crate::domain::money::format_fen((yuan * 100.0).round() as i64)
            .trim_end_matches(".00")
            .to_string()
    }
}

/// The index of the bar under a click at `x` (bars stand at whole numbers, `width`
/// wide), among `n`.
pub fn bar_at(x: f64, n: usize, width: f64) -> Option<usize> {
    let i = x.round();
    (i >= 0.0 && (i as usize) < n && (x - i).abs() <= width / 2.0).then_some(i as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_on_an_axis_in_wan() {
        assert_eq!(yuan_axis(125_000.0), "12.5万");
        assert_eq!(yuan_axis(2_000_000.0), "200万");
        assert_eq!(yuan_axis(8_000.0), "¥8,000");
        assert_eq!(bar_at(2.3, 3, 0.7), Some(2));
        assert_eq!(bar_at(2.4, 3, 0.7), None, "between the bars");
        assert_eq!(bar_at(3.0, 3, 0.7), None);
    }

    #[test]
    fn a_count_axis_has_whole_steps_and_a_top_of_at_least_one() {
        assert_eq!(super::count_step(0), (1, 1));
        assert_eq!(super::count_step(3), (1, 3));
        assert_eq!(super::count_step(8), (2, 8));
        assert_eq!(super::count_step(9), (5, 10));
        assert_eq!(super::count_step(130), (50, 150));
    }
}
