//! 交往反馈: contact history with customers — visits, calls, complaints, suggestions,
//! satisfaction follow-ups — and their follow-up until resolved.

use crate::domain::validate::{Problem, parse_date};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum FeedbackKind {
    #[default]
    Visit,
    Call,
    Complaint,
    Suggestion,
    Satisfaction,
    Other,
    /// 催款: a contact to collect money owed, with what the customer promised.
    Collection,
}

impl FeedbackKind {
    pub const ALL: [FeedbackKind; 7] = [
        FeedbackKind::Visit,
        FeedbackKind::Call,
        FeedbackKind::Complaint,
        FeedbackKind::Suggestion,
        FeedbackKind::Satisfaction,
        FeedbackKind::Other,
        FeedbackKind::Collection,
    ];
    pub fn code(self) -> &'static str {
        match self {
            FeedbackKind::Visit => "visit",
            FeedbackKind::Call => "call",
            FeedbackKind::Complaint => "complaint",
            FeedbackKind::Suggestion => "suggestion",
            FeedbackKind::Satisfaction => "satisfaction",
            FeedbackKind::Other => "other",
            FeedbackKind::Collection => "collection",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// 待处理 / 处理中 / 已解决 / 已关闭.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum FollowStatus {
    #[default]
    Open,
    InProgress,
    Resolved,
    Closed,
    /// 计划中: a visit planned (by 工作台's rules or by hand), not made yet.
    Planned,
}

impl FollowStatus {
    pub const ALL: [FollowStatus; 5] = [
        FollowStatus::Open,
        FollowStatus::InProgress,
        FollowStatus::Resolved,
        FollowStatus::Closed,
        FollowStatus::Planned,
    ];
    pub fn code(self) -> &'static str {
        match self {
            FollowStatus::Open => "open",
            FollowStatus::InProgress => "in_progress",
            FollowStatus::Resolved => "resolved",
            FollowStatus::Closed => "closed",
            FollowStatus::Planned => "planned",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
    /// Still needs someone to act (a planned visit too).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            FollowStatus::Open | FollowStatus::InProgress | FollowStatus::Planned
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Feedback {
    pub id: Option<i64>,
    pub customer_id: Option<i64>,
    pub contact_name: String,
    /// "2026-11-22 14:30" or a date.
    pub at: String,
    pub kind: FeedbackKind,
    pub channel: String,
    pub subject: String,
    pub content: String,
    pub reported_by: String,
    /// 1–5, or none.
    pub satisfaction: Option<u8>,
    pub status: FollowStatus,
    pub responsible: String,
    pub due_on: String,
    pub resolution: String,
    pub resolved_on: String,
    /// For 催款: the date the customer promised to pay by, and how much (fen).
    #[serde(default)]
    pub promised_on: String,
    #[serde(default)]
    pub promised_fen: i64,
}

pub use super::records::FeedbackField;

/// Parses "2026-11-22 14:30", "2026/11/22 14:30" or a plain date.
pub fn parse_datetime(s: &str) -> Option<chrono::NaiveDateTime> {
    let s = s.trim();
    for fmt in ["%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    parse_date(s).and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// What is wrong with a feedback item, field by field (each field's rules are in its
/// declaration, [`crate::domain::records`]).
pub fn validate_feedback(f: &Feedback) -> Vec<(FeedbackField, Problem)> {
    FeedbackField::problems(&super::records::Record::Feedback(f.clone()))
}

/// Open, with a due date before `today`.
pub fn is_overdue(status: FollowStatus, due_on: &str, today: chrono::NaiveDate) -> bool {
    status.is_open() && parse_date(due_on).is_some_and(|d| d < today)
}
