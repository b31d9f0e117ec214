//! The firm's settings, kept in the database so they travel with it, with their defaults
//! and limits.

use crate::domain::validate::Problem;

/// How dates are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateFormat {
    /// 2026-11-22
    #[default]
    Iso,
    /// 2026年11月22日
    Chinese,
}

/// The encoding exports use by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportEncoding {
    /// UTF-8 with a byte-order mark, which Excel opens correctly.
    #[default]
    Utf8Bom,
    Gbk,
}

/// The page margins a printout may have, in millimetres.
pub const MARGIN_MIN_MM: u32 = 5;
pub const MARGIN_MAX_MM: u32 = 40;

/// Paper sizes for printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Printed on every page.
    pub firm_name: String,
    /// Contracts at or above this amount need a supervisor's approval.
    pub approval_threshold_fen: i64,
    pub date_format: DateFormat,
    pub export_encoding: ExportEncoding,
    /// Back up automatically on start and every `auto_backup_hours`.
    pub auto_backup: bool,
    pub auto_backup_hours: u32,
    /// How many automatic backups to keep; older ones are deleted.
    pub auto_backup_keep: u32,
    /// Safety snapshots (taken before an import, a merge, a restore …) kept: the newest
    /// `snapshot_keep`, and every one from the last `snapshot_days` days; older ones are
    /// deleted after each new snapshot. The newest is never deleted.
    pub snapshot_keep: u32,
    pub snapshot_days: u32,
    /// Sign out after this many minutes without input; 0 never.
    pub idle_lock_minutes: u32,
    /// Printouts: paper size and page margins (millimetres, all four sides).
    pub paper: Paper,
    pub margin_mm: u32,
    /// The command line signs in even to read (export, print, backup, imports, users
    /// list); off, whoever can run kehu on the file may read it.
    pub cli_read_sign_in: bool,
    /// 账期 of a customer that has none of its own (days from signing to payment).
    pub default_payment_days: u32,
    /// A customer with an installment more than this many days overdue has any new
    /// contract sent to the supervisor as 超信用待审批.
    pub overdue_hold_days: u32,
    /// Every contract's customer must have a credit limit; off, a customer without one
    /// is not checked.
    pub credit_limit_required: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            firm_name: String::new(),
            approval_threshold_fen: 5_000_000,
            date_format: DateFormat::Iso,
            export_encoding: ExportEncoding::Utf8Bom,
            auto_backup: true,
            auto_backup_hours: 24,
            auto_backup_keep: 10,
            snapshot_keep: 10,
            snapshot_days: 7,
            idle_lock_minutes: 0,
            paper: Paper::A4,
            margin_mm: 15,
            cli_read_sign_in: false,
            default_payment_days: 30,
            overdue_hold_days: 90,
            credit_limit_required: false,
        }
    }
}

/// Which setting a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingField {
    FirmName,
    ApprovalThreshold,
    AutoBackupHours,
    AutoBackupKeep,
    SnapshotKeep,
    SnapshotDays,
    IdleLock,
    Margin,
    DefaultPaymentDays,
    OverdueHoldDays,
}

impl Settings {
    /// The keys and values as the store keeps them.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("firm_name", self.firm_name.trim().to_string()),
            (
                "approval_threshold_fen",
                self.approval_threshold_fen.to_string(),
            ),
            (
                "date_format",
                match self.date_format {
                    DateFormat::Iso => "iso",
                    DateFormat::Chinese => "zh",
                }
                .into(),
            ),
            (
                "export_encoding",
                match self.export_encoding {
                    ExportEncoding::Utf8Bom => "utf8bom",
                    ExportEncoding::Gbk => "gbk",
                }
                .into(),
            ),
            (
                "auto_backup",
                if self.auto_backup { "on" } else { "off" }.into(),
            ),
            ("auto_backup_hours", self.auto_backup_hours.to_string()),
            ("auto_backup_keep", self.auto_backup_keep.to_string()),
            ("snapshot_keep", self.snapshot_keep.to_string()),
            ("snapshot_days", self.snapshot_days.to_string()),
            ("idle_lock_minutes", self.idle_lock_minutes.to_string()),
            (
                "paper",
                match self.paper {
                    Paper::A4 => "a4",
                    Paper::Letter => "letter",
                }
                .into(),
            ),
            ("margin_mm", self.margin_mm.to_string()),
            (
                "cli_read_sign_in",
                if self.cli_read_sign_in { "on" } else { "off" }.into(),
            ),
            (
                "default_payment_days",
                self.default_payment_days.to_string(),
            ),
            ("overdue_hold_days", self.overdue_hold_days.to_string()),
            (
                "credit_limit_required",
                if self.credit_limit_required {
                    "on"
                } else {
                    "off"
                }
                .into(),
            ),
        ]
    }

    /// Settings from stored pairs; anything missing or unreadable keeps its default.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Settings {
        let d = Settings::default();
        Settings {
            firm_name: get("firm_name").unwrap_or(d.firm_name),
            approval_threshold_fen: get("approval_threshold_fen")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.approval_threshold_fen),
            date_format: match get("date_format").as_deref() {
                Some("zh") => DateFormat::Chinese,
                _ => DateFormat::Iso,
            },
            export_encoding: match get("export_encoding").as_deref() {
                Some("gbk") => ExportEncoding::Gbk,
                _ => ExportEncoding::Utf8Bom,
            },
            auto_backup: get("auto_backup")
                .map(|v| v != "off")
                .unwrap_or(d.auto_backup),
            auto_backup_hours: get("auto_backup_hours")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.auto_backup_hours),
            auto_backup_keep: get("auto_backup_keep")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.auto_backup_keep),
            snapshot_keep: get("snapshot_keep")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.snapshot_keep),
            snapshot_days: get("snapshot_days")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.snapshot_days),
            idle_lock_minutes: get("idle_lock_minutes")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.idle_lock_minutes),
            paper: match get("paper").as_deref() {
                Some("letter") => Paper::Letter,
                _ => Paper::A4,
            },
            margin_mm: get("margin_mm")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.margin_mm),
            cli_read_sign_in: get("cli_read_sign_in")
                .map(|v| v == "on")
                .unwrap_or(d.cli_read_sign_in),
            default_payment_days: get("default_payment_days")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.default_payment_days),
            overdue_hold_days: get("overdue_hold_days")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.overdue_hold_days),
            credit_limit_required: get("credit_limit_required")
                .map(|v| v == "on")
                .unwrap_or(d.credit_limit_required),
        }
    }

    pub fn validate(&self) -> Vec<(SettingField, Problem)> {
        let mut errs = Vec::new();
        if self.firm_name.chars().count() > 100 {
            errs.push((SettingField::FirmName, Problem::TooLong(100)));
        }
        if self.approval_threshold_fen < 0 {
            errs.push((SettingField::ApprovalThreshold, Problem::Negative));
        }
        if !(1..=24 * 7).contains(&self.auto_backup_hours) {
            errs.push((SettingField::AutoBackupHours, Problem::OutOfRange(1, 168)));
        }
        if !(1..=100).contains(&self.auto_backup_keep) {
            errs.push((SettingField::AutoBackupKeep, Problem::OutOfRange(1, 100)));
        }
        if !(1..=100).contains(&self.snapshot_keep) {
            errs.push((SettingField::SnapshotKeep, Problem::OutOfRange(1, 100)));
        }
        if self.snapshot_days > 365 {
            errs.push((SettingField::SnapshotDays, Problem::OutOfRange(0, 365)));
        }
        if self.idle_lock_minutes > 240 {
            errs.push((SettingField::IdleLock, Problem::OutOfRange(0, 240)));
        }
        if self.default_payment_days > 720 {
            errs.push((
                SettingField::DefaultPaymentDays,
                Problem::OutOfRange(0, 720),
            ));
        }
        if !(1..=3650).contains(&self.overdue_hold_days) {
            errs.push((SettingField::OverdueHoldDays, Problem::OutOfRange(1, 3650)));
        }
        if !(MARGIN_MIN_MM..=MARGIN_MAX_MM).contains(&self.margin_mm) {
            errs.push((
                SettingField::Margin,
                Problem::OutOfRange(MARGIN_MIN_MM as i64, MARGIN_MAX_MM as i64),
            ));
        }
        errs
    }

    /// A date as the firm wants it shown.
    pub fn show_date(&self, d: chrono::NaiveDate) -> String {
        match self.date_format {
            DateFormat::Iso => d.format("%Y-%m-%d").to_string(),
            DateFormat::Chinese => d.format("%Y年%-m月%-d日").to_string(),
        }
    }
}
