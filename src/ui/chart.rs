//! What the charts of 客户分析 and 统计报表 share: a plot that stays put, whole-number
//! places named under the bars, money on an axis in 万.

use egui_plot::{AxisHints, GridMark, Plot};

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
        .formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < names.len() {
                names[i as usize].clone()
            } else {
                String::new()
            }
        })
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
}
