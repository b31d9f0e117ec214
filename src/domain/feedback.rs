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
}

impl FollowStatus {
    pub const ALL: [FollowStatus; 4] = [
        FollowStatus::Open,
        FollowStatus::InProgress,
        FollowStatus::Resolved,
        FollowStatus::Closed,
    ];
    pub fn code(self) -> &'static str {
        match self {
            FollowStatus::Open => "open",
            FollowStatus::InProgress => "in_progress",
            FollowStatus::Resolved => "resolved",
            FollowStatus::Closed => "closed",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
    /// Still needs someone to act.
    pub fn is_open(self) -> bool {
        matches!(self, FollowStatus::Open | FollowStatus::InProgress)
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedbackField {
    Customer,
    At,
    Subject,
    Satisfaction,
    DueOn,
    ResolvedOn,
    PromisedOn,
    PromisedAmount,
}

impl FeedbackField {
    /// Its key in the kind's declaration ([`crate::domain::records`]).
    pub const fn key(self) -> &'static str {
        match self {
            FeedbackField::Customer => "customer",
            FeedbackField::At => "at",
            FeedbackField::Subject => "subject",
            FeedbackField::Satisfaction => "satisfaction",
            FeedbackField::DueOn => "due_on",
            FeedbackField::ResolvedOn => "resolved_on",
            FeedbackField::PromisedOn => "promised_on",
            FeedbackField::PromisedAmount => "promised_amount",
        }
    }
}

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

pub fn validate_feedback(f: &Feedback) -> Vec<(FeedbackField, Problem)> {
    let mut errs = Vec::new();
    if f.customer_id.is_none() {
        errs.push((FeedbackField::Customer, Problem::Required));
    }
    if f.at.trim().is_empty() {
        errs.push((FeedbackField::At, Problem::Required));
    } else if parse_datetime(&f.at).is_none() {
        errs.push((FeedbackField::At, Problem::BadDate));
    }
    if f.subject.trim().is_empty() {
        errs.push((FeedbackField::Subject, Problem::Required));
    } else if f.subject.chars().count() > 200 {
        errs.push((FeedbackField::Subject, Problem::TooLong(200)));
    }
    if let Some(s) = f.satisfaction
        && !(1..=5).contains(&s)
    {
        errs.push((FeedbackField::Satisfaction, Problem::OutOfRange(1, 5)));
    }
    if f.promised_fen < 0 {
        errs.push((FeedbackField::PromisedAmount, Problem::Negative));
    }
    for (field, v) in [
        (FeedbackField::DueOn, &f.due_on),
        (FeedbackField::ResolvedOn, &f.resolved_on),
        (FeedbackField::PromisedOn, &f.promised_on),
    ] {
        if !v.trim().is_empty() && parse_date(v).is_none() {
            errs.push((field, Problem::BadDate));
        }
    }
    errs
}

/// Open, with a due date before `today`.
pub fn is_overdue(status: FollowStatus, due_on: &str, today: chrono::NaiveDate) -> bool {
    status.is_open() && parse_date(due_on).is_some_and(|d| d < today)
}
