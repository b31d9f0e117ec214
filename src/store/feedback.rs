//! Feedback (交往反馈): saving with validation and logging, one customer's history, the
//! list with its filters, open complaints, overdue items, the trash.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::WriteScope;
use super::changelog::Writer;
use super::{Result, Store, StoreError, now_text, today};
use crate::domain::feedback::{
    Feedback, FeedbackKind, FollowStatus, is_overdue, parse_datetime, validate_feedback,
};
use crate::domain::validate::parse_date;

const FIELDS: [&str; 17] = [
    "customer_id",
    "contact_name",
    "at",
    "kind",
    "channel",
    "subject",
    "content",
    "reported_by",
    "satisfaction",
    "status",
    "responsible",
    "due_on",
    "resolution",
    "resolved_on",
    "deleted_at",
    "promised_on",
    "promised_fen",
];

fn iso_date(s: &str) -> String {
    parse_date(s)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The feedback as stored: trimmed, dates in ISO form.
fn normalised(f: &Feedback) -> Feedback {
    Feedback {
        at: parse_datetime(&f.at)
            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default(),
        contact_name: f.contact_name.trim().into(),
        channel: f.channel.trim().into(),
        subject: f.subject.trim().into(),
        content: f.content.trim_end().into(),
        reported_by: f.reported_by.trim().into(),
        responsible: f.responsible.trim().into(),
        due_on: iso_date(&f.due_on),
        resolution: f.resolution.trim_end().into(),
        resolved_on: iso_date(&f.resolved_on),
        promised_on: iso_date(&f.promised_on),
        ..f.clone()
    }
}

fn values(f: &Feedback) -> [String; 17] {
    [
        f.customer_id.unwrap_or_default().to_string(),
        f.contact_name.clone(),
        f.at.clone(),
        f.kind.code().into(),
        f.channel.clone(),
        f.subject.clone(),
        f.content.clone(),
        f.reported_by.clone(),
        f.satisfaction.map(|s| s.to_string()).unwrap_or_default(),
        f.status.code().into(),
        f.responsible.clone(),
        f.due_on.clone(),
        f.resolution.clone(),
        f.resolved_on.clone(),
        String::new(),
        f.promised_on.clone(),
        if f.promised_fen == 0 {
            String::new()
        } else {
            f.promised_fen.to_string()
        },
    ]
}

/// One line of the feedback list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackRow {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub at: String,
    pub kind: FeedbackKind,
    pub subject: String,
    pub status: FollowStatus,
    pub responsible: String,
    pub due_on: String,
}

impl FeedbackRow {
    pub fn overdue(&self, today: chrono::NaiveDate) -> bool {
        is_overdue(self.status, &self.due_on, today)
    }
}

/// What the feedback list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackQuery {
    /// Part of the subject, the content or the customer's name.
    pub text: String,
    pub kind: Option<FeedbackKind>,
    pub status: Option<FollowStatus>,
    pub overdue_only: bool,
    pub customer_id: Option<i64>,
    pub sort: Option<super::Sort>,
}

/// The list's columns as SQL, in the order the list shows them.
const SORT_COLUMNS: [&str; 7] = [
    "f.at",
    "k.name_sort",
    "f.kind",
    "f.subject",
    "f.status",
    "f.responsible",
    "f.due_on",
];

impl super::lists::ListQuery for FeedbackQuery {
    const KIND: crate::domain::records::RecordKind = crate::domain::records::RecordKind::Feedback;
    const FROM: &'static str = "feedback f";
    const ALIAS: &'static str = "f";
    const PAGE_FROM: &'static str = "feedback f LEFT JOIN customers k ON k.id = f.customer_id";
    const JOIN: &'static str = "JOIN customers k ON k.id = f.customer_id";
    type Row = FeedbackRow;

    fn columns() -> String {
        "f.id, f.customer_id, k.name, f.at, f.kind, f.subject, f.status, f.responsible, f.due_on"
            .into()
    }

    fn order(&self) -> String {
        super::order_by(self.sort, &SORT_COLUMNS, "f.id", "f.at DESC, f.id DESC")
    }

    fn row(r: &rusqlite::Row) -> rusqlite::Result<FeedbackRow> {
        Ok(FeedbackRow {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            customer_name: r.get(2)?,
            at: r.get(3)?,
            kind: FeedbackKind::from_code(&r.get::<_, String>(4)?).unwrap_or_default(),
            subject: r.get(5)?,
            status: FollowStatus::from_code(&r.get::<_, String>(6)?).unwrap_or_default(),
            responsible: r.get(7)?,
            due_on: r.get(8)?,
        })
    }

    fn unsorted(&self) -> Self {
        FeedbackQuery {
            sort: None,
            ..self.clone()
        }
    }

    fn where_clause(&self) -> (String, Vec<Value>) {
        // Feedback of a customer in the trash is hidden with it. (A subquery computed
        // once, not a join per row: the list is counted and paged from its index.)
        let mut conds = vec![
            "f.deleted_at IS NULL
             AND f.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)"
                .to_string(),
        ];
        let mut p = Vec::new();
        let text = self.text.trim();
        if !text.is_empty() {
            // The customer's name is looked up once, among the customers.
            let (own, v) = super::links::contains_any(&["f.subject", "f.content"], "?", text);
            let (name, _) = super::links::contains_any(&["name"], "?", text);
            conds.push(format!(
                "({own} OR f.customer_id IN (SELECT id FROM customers WHERE {name}))"
            ));
            p.extend([v.clone(), v.clone(), v]);
        }
        if let Some(kind) = self.kind {
            conds.push("f.kind = ?".into());
            p.push(Value::Text(kind.code().into()));
        }
        if let Some(s) = self.status {
            conds.push("f.status = ?".into());
            p.push(Value::Text(s.code().into()));
        }
        if self.overdue_only {
            conds.push(
                "f.status IN ('open', 'in_progress') AND f.due_on != '' AND f.due_on < ?".into(),
            );
            p.push(Value::Text(today().format("%Y-%m-%d").to_string()));
        }
        if let Some(c) = self.customer_id {
            conds.push("f.customer_id = ?".into());
            p.push(Value::Integer(c));
        }
        (conds.join(" AND "), p)
    }
}

fn read_feedback(r: &rusqlite::Row) -> rusqlite::Result<Feedback> {
    Ok(Feedback {
        id: Some(r.get(0)?),
        customer_id: Some(r.get(1)?),
        contact_name: r.get(2)?,
        at: r.get(3)?,
        kind: FeedbackKind::from_code(&r.get::<_, String>(4)?).unwrap_or_default(),
        channel: r.get(5)?,
        subject: r.get(6)?,
        content: r.get(7)?,
        reported_by: r.get(8)?,
        satisfaction: r.get::<_, Option<u8>>(9)?,
        status: FollowStatus::from_code(&r.get::<_, String>(10)?).unwrap_or_default(),
        responsible: r.get(11)?,
        due_on: r.get(12)?,
        resolution: r.get(13)?,
        resolved_on: r.get(14)?,
        promised_on: r.get(15)?,
        promised_fen: r.get(16)?,
    })
}

const SELECT: &str = "SELECT id, customer_id, contact_name, at, kind, channel, subject, content,
    reported_by, satisfaction, status, responsible, due_on, resolution, resolved_on,
    promised_on, promised_fen
    FROM feedback";

impl Store {
    /// Saves a feedback item (new when `id` is None). It must belong to a customer.
    pub fn save_feedback(&mut self, f: &Feedback) -> Result<i64> {
        let actor = self.require_actor()?;
        let mut problems = validate_feedback(f);
        if let Some(cid) = f.customer_id {
            let live: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM customers WHERE id = ?1 AND deleted_at IS NULL",
                    [cid],
                    |r| r.get(0),
                )
                .optional()?;
            if live.is_none() {
                problems.push((
                    crate::domain::feedback::FeedbackField::Customer,
                    crate::domain::validate::Problem::Required,
                ));
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::InvalidFeedback(problems));
        }
        let mut f = normalised(f);
        if f.status == FollowStatus::Resolved && f.resolved_on.is_empty() {
            f.resolved_on = today().format("%Y-%m-%d").to_string();
        }
        let v = values(&f);
        let at = now_text();
        let tx = WriteScope::begin(&mut self.conn)?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let old = match f.id {
            None => None,
            Some(id) => Some(values(&w.live_row(SELECT, id, read_feedback)?)),
        };
        let id = w.save_row(
            "feedback",
            f.id,
            &[
                ("customer_id", &f.customer_id),
                ("contact_name", &f.contact_name),
                ("at", &f.at),
                ("kind", &v[3]),
                ("channel", &f.channel),
                ("subject", &f.subject),
                ("content", &f.content),
                ("reported_by", &f.reported_by),
                ("satisfaction", &f.satisfaction),
                ("status", &v[9]),
                ("responsible", &f.responsible),
                ("due_on", &f.due_on),
                ("resolution", &f.resolution),
                ("resolved_on", &f.resolved_on),
                ("promised_on", &f.promised_on),
                ("promised_fen", &f.promised_fen),
            ],
            &FIELDS,
            old.as_ref().map(|o| &o[..]),
            &v,
        )?;
        tx.commit()?;
        Ok(id)
    }

    pub fn feedback(&self, id: i64) -> Result<Feedback> {
        self.conn
            .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
            .query_row([id], read_feedback)
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    /// One page of the feedback list, newest first unless sorted by a column.
    pub fn feedback_page(
        &self,
        q: &FeedbackQuery,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<FeedbackRow>> {
        self.list_page(q, offset, limit)
    }

    /// How many records the list shows for `q` (remembered until the data changes).
    pub fn count_feedback(&self, q: &FeedbackQuery) -> Result<u64> {
        self.count_list(q)
    }

    /// Complaints of a customer that are not resolved or closed yet.
    pub fn open_complaints(&self, customer_id: i64) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM feedback WHERE customer_id = ?1 AND deleted_at IS NULL
             AND kind = 'complaint' AND status IN ('open', 'in_progress')",
            [customer_id],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// Moves a feedback item into the trash.
    pub fn trash_feedback(&mut self, id: i64) -> Result<()> {
        let actor = self.require_actor()?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE feedback SET deleted_at = ?1, deleted_by = ?2 WHERE id = ?3 AND deleted_at IS NULL",
            params![at, actor.name, id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        }
        .trashed("feedback", id, false)?;
        tx.commit()?;
        Ok(())
    }
}
