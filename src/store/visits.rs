//! 拜访计划: the visits 工作台's rules plan (签约后回访, 定期拜访), each once for its
//! reason, and the section listing the visits planned and not made.

use chrono::NaiveDate;

use super::workbench::{day_of, feedback_line, iso, no_contact};
use super::{Result, Store};
use crate::domain::workbench::{Section, WorkLine, WorkSettings};

impl Store {
    /// 拜访计划: visits planned (计划中) and not made, by their day, the late ones first;
    /// the days to go, negative when late.
    pub(super) fn visits(&self, today: NaiveDate, out: &mut Vec<WorkLine>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, f.customer_id, c.name, f.subject, f.due_on, f.responsible, c.owner
             FROM feedback f JOIN customers c ON c.id = f.customer_id
             WHERE f.deleted_at IS NULL AND c.deleted_at IS NULL AND f.status = 'planned'
             ORDER BY f.due_on, f.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let due = day_of(&r.get::<_, String>(4)?);
            let days = due.map(|d| (d - today).num_days()).unwrap_or(0);
            out.push(feedback_line(r, Section::Visits, due, days)?);
        }
        Ok(())
    }

    /// 工作台's visit rules, as of `today`: a visit planned (交往反馈 拜访, 计划中, the
    /// day, the salesperson) `visit_after_signing_days` after each contract signed in
    /// the last that many days (签约后回访), and one for each customer whose grade's
    /// days without contact run out within the coming week (定期拜访, on the day they
    /// run out; those already past are on 久未联系). Each for a reason — the contract;
    /// the customer and the day of its last contact — planned once: never again for
    /// the same reason, whatever the rules or the clock say later, nor when the clerk
    /// changes or cancels it. All in one transaction, as the user signed in. Returns
    /// how many were planned.
    pub fn plan_visits(&mut self, today: NaiveDate, s: &WorkSettings) -> Result<usize> {
        use crate::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
        use crate::strings::S;
        let who = self.require_actor()?.name;
        let mut wanted: Vec<(String, Feedback)> = Vec::new();
        let after = s.visit_after_signing_days.max(0);
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT k.id, k.customer_id, k.number, k.signed_on, k.salesperson, c.owner
                 FROM contracts k JOIN customers c ON c.id = k.customer_id
                 WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL
                   AND k.status IN ('approved', 'in_force', 'completed')
                   AND k.signed_on >= ?1 AND k.signed_on <= ?2
                   AND NOT EXISTS (SELECT 1 FROM visit_plans p
                                   WHERE p.reason = 'signed:' || k.id)",
            )?;
            let from = iso(today - chrono::Duration::days(after));
            let mut rows = stmt.query([from, iso(today)])?;
            while let Some(r) = rows.next()? {
                let Some(signed) = day_of(&r.get::<_, String>(3)?) else {
                    continue;
                };
                let (sales, owner): (String, String) = (r.get(4)?, r.get(5)?);
                let due = signed + chrono::Duration::days(after);
                wanted.push((
                    format!("signed:{}", r.get::<_, i64>(0)?),
                    Feedback {
                        customer_id: Some(r.get(1)?),
                        at: format!("{} 09:00", iso(due)),
                        kind: FeedbackKind::Visit,
                        subject: format!("{} {}", S::VisitAfterSigning.t(), r.get::<_, String>(2)?),
                        reported_by: who.clone(),
                        status: FollowStatus::Planned,
                        responsible: if sales.is_empty() { owner } else { sales },
                        due_on: iso(due),
                        ..Default::default()
                    },
                ));
            }
        }
        // Those whose days run out within the week: 久未联系 as of a week on.
        let week = today + chrono::Duration::days(7);
        for l in no_contact(&self.conn, week, s)? {
            let Some(last) = l.date else { continue };
            let limit = s.no_contact_limit(&l.what).unwrap_or(0);
            let reason = format!("grade:{}:{}", l.customer_id, iso(last));
            let planned: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM visit_plans WHERE reason = ?1)",
                [&reason],
                |r| r.get(0),
            )?;
            if planned {
                continue;
            }
            // Those whose days ran out before today are on 久未联系 already; a visit is
            // planned ahead, for the days running out this week.
            let due = last + chrono::Duration::days(limit);
            if due < today {
                continue;
            }
            wanted.push((
                reason,
                Feedback {
                    customer_id: Some(l.customer_id),
                    at: format!("{} 09:00", iso(due)),
                    kind: FeedbackKind::Visit,
                    subject: S::VisitByGrade.t().into(),
                    reported_by: who.clone(),
                    status: FollowStatus::Planned,
                    responsible: l.owner,
                    due_on: iso(due),
                    ..Default::default()
                },
            ));
        }
        if wanted.is_empty() {
            return Ok(0);
        }
        // The reason first, in the same transaction as its visit: another kehu planning
        // at the same moment finds it taken and plans nothing for it.
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let mut plan = || -> Result<usize> {
            let mut n = 0;
            for (reason, f) in &wanted {
                let taken = self.conn.execute(
                    "INSERT OR IGNORE INTO visit_plans (reason, feedback_id, planned_on)
                     VALUES (?1, 0, ?2)",
                    rusqlite::params![reason, iso(today)],
                )? == 0;
                if taken {
                    continue;
                }
                let id = self.save_feedback(f)?;
                self.conn.execute(
                    "UPDATE visit_plans SET feedback_id = ?1 WHERE reason = ?2",
                    rusqlite::params![id, reason],
                )?;
                n += 1;
            }
            Ok(n)
        };
        match plan() {
            Ok(n) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(n)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}
