//! 系统设置: the firm's settings, checked before they are saved.

use super::*;
use crate::store::settings::LIST_CREDIT_RATINGS;

/// 信用等级's list as typed: split at 、 , ， ; ； and spaces.
fn rating_list(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
        .collect()
}

impl ToolsPanel {
    pub(super) fn show_settings(&mut self, ui: &mut egui::Ui, store: &mut Store, admin: bool) {
        use crate::domain::settings::{DateFormat, ExportEncoding, Paper, SettingField};
        if self.settings.is_none() {
            // Settings that cannot be read are said, not shown as if they were the
            // defaults.
            let s = match store.settings() {
                Ok(s) => s,
                Err(e) => {
                    self.say(e.message(), true);
                    Default::default()
                }
            };
            self.threshold_text = crate::domain::money::fen_to_plain(s.approval_threshold_fen);
            // A list that cannot be read is said, not shown empty (saving then leaves it).
            self.ratings_text = match store.lookup_values(LIST_CREDIT_RATINGS) {
                Ok(v) => v.join("、"),
                Err(e) => {
                    self.say(e.message(), true);
                    String::new()
                }
            };
            self.work = Some(match store.work_settings() {
                Ok(w) => w,
                Err(e) => {
                    self.say(e.message(), true);
                    Default::default()
                }
            });
            self.settings = Some(s);
        }
        let (Some(s), Some(work)) = (self.settings.as_mut(), self.work.as_mut()) else {
            return;
        };
        let threshold = crate::domain::money::parse_yuan(&self.threshold_text);
        if let Some(fen) = threshold {
            s.approval_threshold_fen = fen;
        }
        let errs = s.validate();
        let msg = |f: SettingField| {
            errs.iter()
                .find(|e| e.0 == f)
                .map(|e| strings::problem(e.1))
        };
        ui.add_enabled_ui(admin, |ui| {
            egui::Grid::new("settings")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    widgets::text_row(
                        ui,
                        S::FirmName.t(),
                        false,
                        &mut s.firm_name,
                        msg(SettingField::FirmName).as_deref(),
                        None,
                    );
                    let bad_amount = threshold
                        .is_none()
                        .then(|| strings::problem(crate::domain::validate::Problem::BadAmount));
                    widgets::text_row(
                        ui,
                        S::ApprovalThreshold.t(),
                        false,
                        &mut self.threshold_text,
                        bad_amount
                            .or(msg(SettingField::ApprovalThreshold))
                            .as_deref(),
                        None,
                    );
                    widgets::choice_row(
                        ui,
                        "date-format",
                        S::DateFormatLabel.t(),
                        &mut s.date_format,
                        &[DateFormat::Iso, DateFormat::Chinese],
                        date_format_sample,
                    );
                    widgets::choice_row(
                        ui,
                        "export-encoding",
                        S::ExportEncodingLabel.t(),
                        &mut s.export_encoding,
                        &[ExportEncoding::Utf8Bom, ExportEncoding::Gbk],
                        |e| match e {
                            ExportEncoding::Utf8Bom => S::EncodingUtf8Bom.t().into(),
                            ExportEncoding::Gbk => "GBK".into(),
                        },
                    );
                    widgets::choice_row(
                        ui,
                        "paper",
                        S::PaperLabel.t(),
                        &mut s.paper,
                        &[Paper::A4, Paper::Letter],
                        |p| match p {
                            Paper::A4 => "A4".into(),
                            Paper::Letter => "Letter".into(),
                        },
                    );
                    let l = ui.label(S::MarginLabel.t());
                    ui.add(egui::DragValue::new(&mut s.margin_mm).range(
                        crate::domain::settings::MARGIN_MIN_MM
                            ..=crate::domain::settings::MARGIN_MAX_MM,
                    ))
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::AutoBackup.t());
                    ui.checkbox(&mut s.auto_backup, S::AutoBackupHelp.t())
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::AutoBackupHours.t());
                    ui.add(egui::DragValue::new(&mut s.auto_backup_hours).range(1..=168))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::IdleLock.t());
                    ui.add(egui::DragValue::new(&mut s.idle_lock_minutes).range(0..=240))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::AutoBackupKeep.t());
                    ui.add(egui::DragValue::new(&mut s.auto_backup_keep).range(1..=100))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::SnapshotKeep.t());
                    ui.add(egui::DragValue::new(&mut s.snapshot_keep).range(1..=100))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(S::SnapshotDays.t());
                    ui.add(egui::DragValue::new(&mut s.snapshot_days).range(0..=365))
                        .labelled_by(l.id);
                    ui.end_row();
                    // Credit control, on one row: the default terms, the overdue days that
                    // hold new contracts, and whether every customer needs a limit.
                    ui.label(S::CreditControl.t());
                    ui.horizontal_wrapped(|ui| {
                        let l = ui.label(S::DefaultPaymentDays.t());
                        ui.add(egui::DragValue::new(&mut s.default_payment_days).range(0..=720))
                            .labelled_by(l.id);
                        let l = ui.label(S::OverdueHoldDays.t());
                        ui.add(egui::DragValue::new(&mut s.overdue_hold_days).range(1..=3650))
                            .labelled_by(l.id);
                        ui.checkbox(&mut s.credit_limit_required, S::CreditLimitRequired.t())
                            .on_hover_text(S::CreditLimitRequiredHelp.t());
                    });
                    ui.end_row();
                    let l = ui.label(S::CreditRatingsLabel.t());
                    ui.add(
                        egui::TextEdit::singleline(&mut self.ratings_text)
                            .hint_text(S::CreditRatingsHelp.t()),
                    )
                    .labelled_by(l.id)
                    .on_hover_text(S::CreditRatingsHelp.t());
                    ui.end_row();
                    // 工作台: how long each grade may go without contact, how far ahead
                    // contracts ending, payments due and birthdays are listed, and the
                    // tab opened after sign-in.
                    ui.label(S::TabWorkbench.t());
                    ui.vertical(|ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(S::NoContactDays.t());
                            for (g, days) in
                                ["A", "B", "C", "D"].iter().zip(&mut work.no_contact_days)
                            {
                                let l = ui.label(*g);
                                ui.add(egui::DragValue::new(days).range(1..=3650))
                                    .labelled_by(l.id);
                            }
                        });
                        ui.horizontal_wrapped(|ui| {
                            for (label, days) in [
                                (S::EndingDays, &mut work.ending_days),
                                (S::DueDays, &mut work.due_days),
                                (S::BirthdayDays, &mut work.birthday_days),
                                (
                                    S::SettingVisitAfterSigning,
                                    &mut work.visit_after_signing_days,
                                ),
                            ] {
                                let l = ui.label(label.t());
                                ui.add(egui::DragValue::new(days).range(1..=3650))
                                    .labelled_by(l.id);
                            }
                        });
                        ui.checkbox(&mut work.start_on_customers, S::StartOnCustomers.t());
                        ui.add_enabled(
                            super::super::notify::AVAILABLE,
                            egui::Checkbox::new(&mut work.notify_on_start, S::NotifyOnStart.t()),
                        )
                        .on_disabled_hover_text(S::NotifyNotBuilt.t());
                    });
                    ui.end_row();
                    let l = ui.label(S::CliReadSignIn.t());
                    ui.checkbox(&mut s.cli_read_sign_in, S::CliReadSignInHelp.t())
                        .labelled_by(l.id);
                    ui.end_row();
                });
        });
        if admin
            && ui
                .add_enabled(
                    errs.is_empty() && threshold.is_some(),
                    egui::Button::new(S::SaveSettings.t()),
                )
                .clicked()
        {
            let to_save = s.clone();
            let work = work.clone();
            let ratings = rating_list(&self.ratings_text);
            let r = store
                .save_settings(&to_save)
                .and_then(|()| {
                    if ratings.is_empty() || ratings == store.lookup_values(LIST_CREDIT_RATINGS)? {
                        Ok(())
                    } else {
                        store.set_lookup_values(LIST_CREDIT_RATINGS, &ratings)
                    }
                })
                .and_then(|()| store.set_work_settings(&work));
            if r.is_ok() {
                strings::set_date_format(to_save.date_format);
                // Automatic backup may have been switched: its note is read again.
                self.backups = None;
            }
            self.say_result(r, S::Saved);
        }
        if admin && ui.button(S::SetupAgain.t()).clicked() {
            self.setup_requested = true;
        }
    }
}
