//! 分界值…: the firm's own score thresholds (or the quintiles of the data) and the tab's
//! defaults — the window and the suggested-grade rule — kept by 保存为默认.

use egui::RichText;

use crate::domain::money::{fen_to_plain, parse_yuan};
use crate::domain::value::Thresholds;
use crate::store::Store;
use crate::store::value::ValueSettings;
use crate::strings::S;
use crate::ui::widgets::ERROR_RED;

/// The window's state: whether fixed thresholds are used, and what is typed.
pub struct DefaultsEditor {
    own: bool,
    /// R (days), F (contracts), M (yuan): four cut points each, as typed.
    typed: [[String; 4]; 3],
    error: Option<String>,
    pub open: bool,
}

/// What the window did.
pub enum Saved {
    Nothing,
    /// Kept as the defaults: the thresholds now in force (None: quintiles).
    Kept(Option<Thresholds>),
}

impl DefaultsEditor {
    /// Opens with the thresholds in use (`own`: fixed ones, else the data's quintiles).
    pub fn new(in_use: &Thresholds, own: bool) -> DefaultsEditor {
        let ints = |v: &[i64; 4]| v.map(|x| x.to_string());
        DefaultsEditor {
            own,
            typed: [
                ints(&in_use.r_days),
                ints(&in_use.f),
                in_use.m_fen.map(fen_to_plain),
            ],
            error: None,
            open: true,
        }
    }

    /// The thresholds typed, or None when a box does not read as a number.
    fn read(&self) -> Option<Thresholds> {
        let ints = |row: &[String; 4]| -> Option<[i64; 4]> {
            let v: Vec<i64> = row
                .iter()
                .map(|t| t.trim().parse().ok())
                .collect::<Option<_>>()?;
            v.try_into().ok()
        };
        let yuan: Vec<i64> = self.typed[2]
            .iter()
            .map(|t| parse_yuan(t))
            .collect::<Option<_>>()?;
        Some(Thresholds {
            r_days: ints(&self.typed[0])?,
            f: ints(&self.typed[1])?,
            m_fen: yuan.try_into().ok()?,
        })
    }

    /// Draws the window; `months` (None: all history) and `abc` are the tab's choices,
    /// saved with the thresholds.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        store: &mut Store,
        months: Option<u32>,
        abc: bool,
    ) -> Saved {
        let mut open = self.open;
        let mut save = false;
        let mut cancel = false;
        egui::Window::new(S::ThresholdsTitle.t())
            .id(egui::Id::unique("value-defaults"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                // Wide enough for four amounts in yuan side by side.
                ui.set_min_width(520.0);
                ui.checkbox(&mut self.own, S::ThresholdsOwn.t());
                ui.add_enabled_ui(self.own, |ui| {
                    egui::Grid::new("thresholds-grid").show(ui, |ui| {
                        // M is in yuan with cents: wider boxes.
                        for (row, (name, w)) in
                            self.typed
                                .iter_mut()
                                .zip([("R", 70.0), ("F", 70.0), ("M", 110.0)])
                        {
                            let l = ui.label(name);
                            for t in row.iter_mut() {
                                ui.add_sized([w, 20.0], egui::TextEdit::singleline(t))
                                    .labelled_by(l.id);
                            }
                            ui.end_row();
                        }
                    });
                });
                ui.label(RichText::new(S::ThresholdsHint.t()).small());
                if let Some(e) = &self.error {
                    ui.label(RichText::new(e.as_str()).color(ERROR_RED));
                }
                ui.horizontal(|ui| {
                    save = ui.button(S::SaveDefaults.t()).clicked();
                    cancel = ui.button(S::Cancel.t()).clicked();
                });
            });
        self.open = open && !cancel;
        if !save {
            return Saved::Nothing;
        }
        let thresholds = if self.own {
            match self.read() {
                Some(t) => Some(t),
                None => {
                    self.error = Some(S::ProblemThresholds.t().to_string());
                    return Saved::Nothing;
                }
            }
        } else {
            None
        };
        let settings = ValueSettings {
            months,
            abc,
            thresholds: thresholds.clone(),
        };
        match store.set_value_settings(&settings) {
            Ok(()) => {
                self.open = false;
                Saved::Kept(thresholds)
            }
            Err(e) => {
                self.error = Some(e.message());
                Saved::Nothing
            }
        }
    }
}
