//! 工作台 (today's work): what is due, overdue or coming up, worked out from the records
//! every time, never kept. The sections, their rules' settings and the date rules
//! (a birthday's next day) live here; `store::workbench` reads the records.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A section of the work list, in the order it is shown. The Chinese names are also
/// the first column of `kehu today --format csv` (a promise to scripts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// 交往反馈 not closed, due before today.
    OverdueFollowUp,
    /// Due today.
    TodayFollowUp,
    /// Due after today, up to this week's Sunday.
    WeekFollowUp,
    /// Contracts waiting for approval (supervisor and administrator only).
    Approvals,
    /// Installments unpaid past their due date.
    OverduePayments,
    /// Installments due within the next days.
    PaymentsDue,
    /// In force or approved contracts ending within the next days, not renewed.
    EndingContracts,
    /// Customers not contacted for longer than their grade allows.
    NoContact,
    /// Visits planned (状态 计划中), by their day: made by the rules or by hand.
    Visits,
    /// Contacts' birthdays within the next days.
    Birthdays,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::OverdueFollowUp,
        Section::TodayFollowUp,
        Section::WeekFollowUp,
        Section::Approvals,
        Section::OverduePayments,
        Section::PaymentsDue,
        Section::EndingContracts,
        Section::NoContact,
        Section::Visits,
        Section::Birthdays,
    ];

    /// Its Chinese name (the screen's in Chinese, and the CSV's first column).
    pub fn zh(self) -> &'static str {
        match self {
            Section::OverdueFollowUp => "逾期跟进",
            Section::TodayFollowUp => "今日跟进",
            Section::WeekFollowUp => "本周跟进",
            Section::Approvals => "待我审批",
            Section::OverduePayments => "逾期回款",
            Section::PaymentsDue => "待回款",
            Section::EndingContracts => "到期合同",
            Section::NoContact => "久未联系",
            Section::Visits => "拜访计划",
            Section::Birthdays => "生日与节日",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Section::OverdueFollowUp => "Overdue follow-ups",
            Section::TodayFollowUp => "Follow-ups due today",
            Section::WeekFollowUp => "Follow-ups due this week",
            Section::Approvals => "Waiting for my approval",
            Section::OverduePayments => "Overdue payments",
            Section::PaymentsDue => "Payments due",
            Section::EndingContracts => "Contracts ending",
            Section::NoContact => "Not contacted for long",
            Section::Visits => "Visits planned",
            Section::Birthdays => "Birthdays and holidays",
        }
    }

    /// What a line is put off within: the three follow-up sections are one (a
    /// follow-up put off stays off when it becomes due today), the two payment ones
    /// another.
    pub fn family(self) -> &'static str {
        match self {
            Section::OverdueFollowUp
            | Section::TodayFollowUp
            | Section::WeekFollowUp
            | Section::Visits => "follow_up",
            Section::Approvals => "approval",
            Section::OverduePayments | Section::PaymentsDue => "payment",
            Section::EndingContracts => "ending",
            Section::NoContact => "no_contact",
            Section::Birthdays => "birthday",
        }
    }

    /// Lines of this section can be marked done on 工作台 (a follow-up closed, a contact
    /// recorded, a greeting sent); the others are settled on their record's tab.
    pub fn can_be_done(self) -> bool {
        matches!(
            self,
            Section::OverdueFollowUp
                | Section::TodayFollowUp
                | Section::WeekFollowUp
                | Section::NoContact
                | Section::Visits
                | Section::Birthdays
        )
    }

    /// Lines of this section can be given to another salesperson on 工作台 (the
    /// follow-up's 负责人, the customer's 负责业务员).
    pub fn can_be_handed_over(self) -> bool {
        matches!(
            self,
            Section::OverdueFollowUp
                | Section::TodayFollowUp
                | Section::WeekFollowUp
                | Section::NoContact
                | Section::Visits
        )
    }

    /// Lines of this section are late: counted in the tab's title (工作台 (5)).
    pub fn is_overdue(self) -> bool {
        matches!(self, Section::OverdueFollowUp | Section::OverduePayments)
    }

    /// Lines of this section are to be done today: the status bar's 今日待办 counts
    /// the overdue ones, today's follow-ups and the approvals waiting.
    pub fn is_for_today(self) -> bool {
        self.is_overdue() || matches!(self, Section::TodayFollowUp | Section::Approvals)
    }
}

/// What a line opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opens {
    Customer(i64),
    Feedback(i64),
    Contract(i64),
    /// A holiday to greet customers for: no record.
    Holiday,
}

impl Opens {
    /// The record as a snooze names it: "feedback:12".
    pub fn key(self) -> String {
        match self {
            Opens::Customer(id) => format!("customer:{id}"),
            Opens::Feedback(id) => format!("feedback:{id}"),
            Opens::Contract(id) => format!("contract:{id}"),
            Opens::Holiday => "holiday".into(),
        }
    }
}

/// One line of the work list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkLine {
    pub section: Section,
    pub opens: Opens,
    pub customer_id: i64,
    pub customer: String,
    /// What it is about: a follow-up's subject, a contract's number and title, a
    /// contact's name.
    pub what: String,
    /// The date that puts it on the list: due, ending, last contacted, the birthday.
    pub date: Option<NaiveDate>,
    /// Days since (overdue lines, 久未联系 — since the last contact — and 待我审批 —
    /// waiting) or days to go (the others; 0 today).
    pub days: i64,
    /// Who it is for: the follow-up's 负责人, the contract's or customer's salesperson.
    pub owner: String,
    /// Money still owed (回款 lines) or the contract's amount, in fen.
    pub amount_fen: Option<i64>,
    /// A contract waiting because it is over the customer's credit (超信用待审批).
    pub held: bool,
}

/// 生日与节日 lists 春节 and 中秋节 this many days ahead (besides the next 法定节假日,
/// however far): cards and gifts for them go out early.
pub const GREETING_DAYS: i64 = 30;

/// The rules' numbers, kept as a setting (系统设置 → 工作台).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkSettings {
    /// Days without a 交往反馈 a customer of grade A, B, C, D may go before it is listed
    /// under 久未联系.
    pub no_contact_days: [i64; 4],
    /// 到期合同: contracts ending within this many days.
    pub ending_days: i64,
    /// 待回款: installments due within this many days.
    pub due_days: i64,
    /// 生日与节日: birthdays within this many days.
    pub birthday_days: i64,
    /// After sign-in the window opens on 客户信息 instead of 工作台.
    pub start_on_customers: bool,
    /// 拜访计划: a visit is planned this many days after a contract is signed. (The
    /// grades' visits come every `no_contact_days`.)
    pub visit_after_signing_days: i64,
    /// After sign-in, when anything is overdue, a desktop notification too (only in a
    /// build with the `notify` feature; off by default).
    pub notify_on_start: bool,
}

impl Default for WorkSettings {
    fn default() -> Self {
        WorkSettings {
            no_contact_days: [30, 60, 90, 180],
            ending_days: 30,
            due_days: 7,
            birthday_days: 7,
            start_on_customers: false,
            visit_after_signing_days: 30,
            notify_on_start: false,
        }
    }
}

impl WorkSettings {
    /// The days a customer of `grade` ("A"…"D") may go without contact; None for a
    /// grade that is not one of the four.
    pub fn no_contact_limit(&self, grade: &str) -> Option<i64> {
        let i = ["A", "B", "C", "D"].iter().position(|g| *g == grade)?;
        Some(self.no_contact_days[i])
    }
}

/// The last day of `day`'s week (weeks run Monday to Sunday).
pub fn end_of_week(day: NaiveDate) -> NaiveDate {
    day + chrono::Duration::days(6 - i64::from(day.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_week_ends_on_its_sunday() {
        // 2026-12-03 is a Thursday.
        assert_eq!(end_of_week(d("2026-12-03")), d("2026-12-06"));
        assert_eq!(end_of_week(d("2026-12-06")), d("2026-12-06"));
        assert_eq!(end_of_week(d("2026-12-07")), d("2026-12-13"));
    }

    #[test]
    fn each_grade_has_its_own_limit() {
        let s = WorkSettings::default();
        assert_eq!(s.no_contact_limit("A"), Some(30));
        assert_eq!(s.no_contact_limit("D"), Some(180));
        assert_eq!(s.no_contact_limit(""), None);
    }
}
