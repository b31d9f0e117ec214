//! 工作台: the work list read from the records as of a day (see
//! [`crate::domain::workbench`] for the sections and their rules).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::{Result, Store};
use crate::domain::validate::parse_date;
use crate::domain::workbench::{Opens, Section, WorkLine, WorkSettings, end_of_week};

/// The setting that keeps the rules' numbers (JSON of [`WorkSettings`]).
pub const KEY_WORK_SETTINGS: &str = "workbench";

pub(super) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The date at the start of a stored date or date-and-time.
pub(super) fn day_of(s: &str) -> Option<NaiveDate> {
    parse_date(s.get(..10).unwrap_or(s))
}

impl Store {
    /// The newest entry of the change log: it moves with every change to the records,
    /// so a list worked out for one value is out of date at another.
    pub fn last_change(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM change_log")?
            .query_row([], |r| r.get(0))?)
    }

    /// Whether the records are few enough (ever written: the highest ids) that the work
    /// list takes a few milliseconds, so a window may work it out as it draws.
    pub fn small_work_list(&self) -> Result<bool> {
        let high = |table: &str| -> Result<i64> {
            Ok(self.conn.query_row(
                &format!("SELECT coalesce(max(id), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )?)
        };
        Ok(high("customers")? < 10_000
            && high("feedback")? < 20_000
            && high("contacts")? < 20_000
            && high("installments")? < 20_000)
    }

    /// 工作台's rules (the built-in ones until changed).
    pub fn work_settings(&self) -> Result<WorkSettings> {
        Ok(self
            .setting(KEY_WORK_SETTINGS)?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    /// Keeps 工作台's rules (logged as a setting), as 系统设置 does: administrators only.
    /// Refused: a number of days outside 1–3650.
    pub fn set_work_settings(&mut self, s: &WorkSettings) -> Result<()> {
        if !self.require_actor()?.role.can_admin() {
            return Err(super::StoreError::NotAllowed);
        }
        let all = s.no_contact_days.iter().chain([
            &s.ending_days,
            &s.due_days,
            &s.birthday_days,
            &s.visit_after_signing_days,
        ]);
        for d in all {
            if !(1..=3650).contains(d) {
                return Err(super::StoreError::BadWorkSettings(
                    crate::domain::Problem::OutOfRange(1, 3650),
                ));
            }
        }
        let json = serde_json::to_string(s).expect("settings serialise");
        self.set_setting(KEY_WORK_SETTINGS, &json)
    }

    /// Everything due, overdue or coming up as of `today`, section by section, the most
    /// urgent first in each. 待我审批 only for a supervisor or an administrator signed in.
    pub fn work_list(&self, today: NaiveDate, s: &WorkSettings) -> Result<Vec<WorkLine>> {
        self.work_list_as_it_comes(today, s, |_| {})
    }

    /// [`Store::work_list`], handing `first` every section but 久未联系 (the one that
    /// looks at every customer) as soon as they are read, so a window can show them
    /// while the last one is worked out.
    pub fn work_list_as_it_comes(
        &self,
        today: NaiveDate,
        s: &WorkSettings,
        first: impl FnOnce(&[WorkLine]),
    ) -> Result<Vec<WorkLine>> {
        // 久未联系 looks at every customer's last contact: read on a second connection
        // (the other core) while this one reads the other sections.
        let path = self.path.clone();
        super::map_file(&self.conn, true)?;
        let list = self.work_list_in_two(today, s, first, path);
        super::map_file(&self.conn, false)?;
        list
    }

    fn work_list_in_two(
        &self,
        today: NaiveDate,
        s: &WorkSettings,
        first: impl FnOnce(&[WorkLine]),
        path: std::path::PathBuf,
    ) -> Result<Vec<WorkLine>> {
        let off = self.snoozed(today)?;
        let (others, no_contacts) = std::thread::scope(|scope| {
            let other = scope.spawn(move || {
                let conn = super::second_reader(&path)?;
                super::map_file(&conn, true)?;
                no_contact(&conn, today, s)
            });
            let others = self.sections_but_no_contact(today, s).map(|mut lines| {
                in_order(&mut lines, &off);
                first(&lines);
                lines
            });
            let no_contacts = match other.join() {
                Ok(Ok(lines)) => Ok(lines),
                // The file could not be opened twice (read-only media): read it here.
                _ => no_contact(&self.conn, today, s),
            };
            (others, no_contacts)
        });
        let mut out = others?;
        let mut no_contacts = no_contacts?;
        in_order(&mut no_contacts, &off);
        out.extend(no_contacts);
        // 久未联系 into its place among the sections (stable: its order stays).
        out.sort_by_key(|l| l.section);
        Ok(out)
    }

    /// Every section but 久未联系.
    fn sections_but_no_contact(&self, today: NaiveDate, s: &WorkSettings) -> Result<Vec<WorkLine>> {
        let mut out = Vec::new();
        self.follow_ups(today, &mut out)?;
        let approver = self.actor().is_some_and(|a| {
            matches!(
                a.role,
                crate::domain::Role::Supervisor | crate::domain::Role::Admin
            )
        });
        if approver {
            self.approvals(today, &mut out)?;
        }
        self.payments(today, s, &mut out)?;
        self.ending_contracts(today, s, &mut out)?;
        self.visits(today, &mut out)?;
        self.birthdays(today, s, &mut out)?;
        Ok(out)
    }

    /// The lines put off to a day after `today`, by their snooze key.
    fn snoozed(&self, today: NaiveDate) -> Result<std::collections::HashSet<SnoozeKey>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT section, record, detail FROM work_snoozes WHERE until > ?1")?;
        let rows = stmt.query_map([iso(today)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// 推迟: the line is not shown until `until` (a day after today); put off again, the
    /// new day replaces the old. Logged.
    pub fn snooze_work(&mut self, line: &WorkLine, until: NaiveDate) -> Result<()> {
        if until <= super::today() {
            return Err(super::StoreError::SnoozeNotAhead);
        }
        let actor = self.require_actor()?;
        let at = super::now_text();
        let (section, record, detail) = snooze_key(line);
        let tx = self.conn.transaction()?;
        let old: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, until FROM work_snoozes
                 WHERE section = ?1 AND record = ?2 AND detail = ?3",
                [&section, &record, &detail],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let w = super::changelog::Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let until = iso(until);
        match old {
            Some((id, was)) => {
                tx.execute(
                    "UPDATE work_snoozes SET until = ?1, updated_at = ?2, updated_by = ?3
                     WHERE id = ?4",
                    rusqlite::params![until, at, actor.name, id],
                )?;
                w.updated("work_snoozes", id, &["until"], &[was], &[until], None)?;
            }
            None => {
                tx.execute(
                    "INSERT INTO work_snoozes (section, record, detail, until, created_at,
                         updated_at, created_by, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?6)",
                    rusqlite::params![section, record, detail, until, at, actor.name],
                )?;
                let id = tx.last_insert_rowid();
                w.inserted(
                    "work_snoozes",
                    id,
                    &["section", "record", "detail", "until"],
                    &[section, record, detail, until],
                    None,
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// 完成: a follow-up closed (with the note as its 处理结果, today its 解决日期); a
    /// customer not contacted for long gets a contact recorded today (a call, the note
    /// its content); a birthday greeted is put off until after the day. The others
    /// are settled on their own tab.
    pub fn finish_work(&mut self, line: &WorkLine, note: &str) -> Result<()> {
        use crate::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
        let today = super::today();
        let note = note.trim();
        match (line.section, line.opens) {
            (s, Opens::Feedback(id)) if s.can_be_done() => {
                let mut f = self.feedback(id)?;
                // A planned visit made: it happened now (and counts as a contact).
                if f.status == FollowStatus::Planned {
                    f.at = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
                }
                f.status = FollowStatus::Closed;
                if !note.is_empty() {
                    f.resolution = if f.resolution.trim().is_empty() {
                        note.to_string()
                    } else {
                        format!("{}\n{note}", f.resolution.trim_end())
                    };
                }
                if f.resolved_on.is_empty() {
                    f.resolved_on = iso(today);
                }
                self.save_feedback(&f)?;
            }
            (Section::NoContact, Opens::Customer(id)) => {
                let who = self.require_actor()?.name;
                self.save_feedback(&Feedback {
                    customer_id: Some(id),
                    at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
                    kind: FeedbackKind::Call,
                    subject: crate::strings::S::ContactedSubject.t().into(),
                    content: note.into(),
                    reported_by: who,
                    status: FollowStatus::Closed,
                    responsible: line.owner.clone(),
                    ..Default::default()
                })?;
            }
            (Section::Birthdays, _) => {
                let after = line.date.unwrap_or(today).max(today) + chrono::Duration::days(1);
                self.snooze_work(line, after)?;
            }
            _ => return Err(super::StoreError::NotForThisLine),
        }
        Ok(())
    }

    /// 转给: a follow-up's 负责人, or a customer's 负责业务员 (久未联系), becomes `to`.
    pub fn hand_over_work(&mut self, line: &WorkLine, to: &str) -> Result<()> {
        let to = to.trim();
        match (line.section.can_be_handed_over(), line.opens) {
            (true, Opens::Feedback(id)) => {
                let mut f = self.feedback(id)?;
                f.responsible = to.into();
                self.save_feedback(&f)?;
            }
            (true, Opens::Customer(id)) => {
                let mut c = self.customer(id)?.0;
                c.owner = to.into();
                self.save_customer(&c)?;
            }
            _ => return Err(super::StoreError::NotForThisLine),
        }
        Ok(())
    }

    /// 逾期跟进, 今日跟进, 本周跟进: feedback not closed, by due date.
    fn follow_ups(&self, today: NaiveDate, out: &mut Vec<WorkLine>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, f.customer_id, c.name, f.subject, f.due_on, f.responsible, c.owner
             FROM feedback f JOIN customers c ON c.id = f.customer_id
             WHERE f.deleted_at IS NULL AND c.deleted_at IS NULL
               AND f.status IN ('open', 'in_progress') AND f.due_on <> ''
               AND f.due_on <= ?1
             ORDER BY f.due_on, f.id",
        )?;
        let mut rows = stmt.query([iso(end_of_week(today))])?;
        while let Some(r) = rows.next()? {
            let Some(due) = day_of(&r.get::<_, String>(4)?) else {
                continue;
            };
            let section = match due.cmp(&today) {
                std::cmp::Ordering::Less => Section::OverdueFollowUp,
                std::cmp::Ordering::Equal => Section::TodayFollowUp,
                std::cmp::Ordering::Greater => Section::WeekFollowUp,
            };
            let days = (today - due).num_days().abs();
            out.push(feedback_line(r, section, Some(due), days)?);
        }
        Ok(())
    }

    /// 待我审批: contracts submitted and waiting, the longest waiting first.
    fn approvals(&self, today: NaiveDate, out: &mut Vec<WorkLine>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, k.customer_id, c.name, k.number, k.title, k.updated_at,
                    k.salesperson, k.amount_fen, k.credit_hold
             FROM contracts k JOIN customers c ON c.id = k.customer_id
             WHERE k.status = 'submitted' AND k.deleted_at IS NULL
               AND k.superseded_by IS NULL
             ORDER BY k.updated_at, k.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let since = day_of(&r.get::<_, String>(5)?);
            let number: String = r.get(3)?;
            let title: String = r.get(4)?;
            let held: bool = r.get(8)?;
            out.push(WorkLine {
                section: Section::Approvals,
                opens: Opens::Contract(r.get(0)?),
                customer_id: r.get(1)?,
                customer: r.get(2)?,
                what: contract_what(&number, &title),
                held,
                date: since,
                days: since.map_or(0, |d| (today - d).num_days().max(0)),
                owner: r.get(6)?,
                amount_fen: Some(r.get(7)?),
            });
        }
        Ok(())
    }

    /// 逾期回款 and 待回款: a line per contract, with what is unpaid of its
    /// installments late (or due within the setting's days) and the oldest due date.
    fn payments(&self, today: NaiveDate, s: &WorkSettings, out: &mut Vec<WorkLine>) -> Result<()> {
        // (contract, overdue?) → (customer, oldest due, unpaid)
        let mut per: HashMap<(i64, bool), (i64, NaiveDate, i64)> = HashMap::new();
        for u in self.unpaid_installments(today)? {
            let late = u.days > 0;
            if !late && -u.days > s.due_days {
                continue;
            }
            let e = per
                .entry((u.contract, late))
                .or_insert((u.customer, u.due, 0));
            e.1 = e.1.min(u.due);
            e.2 += u.unpaid_fen;
        }
        let mut lines: Vec<WorkLine> = Vec::with_capacity(per.len());
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.number, k.title, k.salesperson, c.name
             FROM contracts k JOIN customers c ON c.id = k.customer_id
             WHERE k.id = ?1 AND c.deleted_at IS NULL",
        )?;
        for ((contract, late), (cid, due, unpaid)) in per {
            let Some((number, title, salesperson, name)) = stmt
                .query_row([contract], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })
                .optional()?
            else {
                continue;
            };
            lines.push(WorkLine {
                section: if late {
                    Section::OverduePayments
                } else {
                    Section::PaymentsDue
                },
                opens: Opens::Contract(contract),
                customer_id: cid,
                customer: name,
                what: contract_what(&number, &title),
                held: false,
                date: Some(due),
                days: (today - due).num_days().abs(),
                owner: salesperson,
                amount_fen: Some(unpaid),
            });
        }
        // The oldest due first; the same day by contract number.
        lines.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.what.cmp(&b.what)));
        out.extend(lines);
        Ok(())
    }

    /// 到期合同: approved or in force, ending within the setting's days, and not renewed
    /// (the customer has no later-signed contract that is not 已驳回 or 已终止).
    fn ending_contracts(
        &self,
        today: NaiveDate,
        s: &WorkSettings,
        out: &mut Vec<WorkLine>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, k.customer_id, c.name, k.number, k.title, k.ends_on, k.salesperson,
                    k.amount_fen
             FROM contracts k JOIN customers c ON c.id = k.customer_id
             WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL AND k.superseded_by IS NULL
               AND k.status IN ('approved', 'in_force')
               AND k.ends_on >= ?1 AND k.ends_on <= ?2
               AND NOT EXISTS (
                   SELECT 1 FROM contracts n
                   WHERE n.customer_id = k.customer_id AND n.id <> k.id
                     AND n.deleted_at IS NULL AND n.superseded_by IS NULL
                     AND n.revises_id IS NOT k.id
                     AND n.status NOT IN ('rejected', 'terminated')
                     AND n.signed_on > k.signed_on)
             ORDER BY k.ends_on, k.number",
        )?;
        let until = today + chrono::Duration::days(s.ending_days);
        let mut rows = stmt.query([iso(today), iso(until)])?;
        while let Some(r) = rows.next()? {
            let Some(ends) = day_of(&r.get::<_, String>(5)?) else {
                continue;
            };
            out.push(WorkLine {
                section: Section::EndingContracts,
                opens: Opens::Contract(r.get(0)?),
                customer_id: r.get(1)?,
                customer: r.get(2)?,
                what: contract_what(&r.get::<_, String>(3)?, &r.get::<_, String>(4)?),
                held: false,
                date: Some(ends),
                days: (ends - today).num_days(),
                owner: r.get(6)?,
                amount_fen: Some(r.get(7)?),
            });
        }
        Ok(())
    }

    /// 生日与节日: contacts whose birthday comes within the setting's days (today
    /// included) — by the Gregorian date, or the lunar one converted for this year —
    /// the soonest first; then the holidays to greet for.
    fn birthdays(&self, today: NaiveDate, s: &WorkSettings, out: &mut Vec<WorkLine>) -> Result<()> {
        use crate::domain::calendar::{
            BirthdayCalendar as Cal, birthday_parts, greetings, lunar_of, lunar_words,
            next_birthday_of,
        };
        // Only the contacts born on one of the window's days are read (month and day,
        // the stored text's last five characters): 2月29日 with 2月28日 in a year
        // without it; for a lunar birthday the window's lunar days, and the 30th with
        // the 29th of a short month.
        let window: Vec<NaiveDate> = (0..=s.birthday_days.max(0))
            .map(|n| today + chrono::Duration::days(n))
            .collect();
        let mut solar: Vec<String> = Vec::new();
        let mut lunar: Vec<String> = Vec::new();
        for d in &window {
            solar.push(d.format("%m-%d").to_string());
            let leap = NaiveDate::from_ymd_opt(chrono::Datelike::year(d), 2, 29).is_some();
            if !leap && d.format("%m-%d").to_string() == "02-28" {
                solar.push("02-29".into());
            }
            let (m, day, _) = lunar_of(*d);
            lunar.push(format!("{m:02}-{day:02}"));
            if day == 29 && lunar_of(*d + chrono::Duration::days(1)).1 == 1 {
                lunar.push(format!("{m:02}-30"));
            }
        }
        let mut lines = Vec::new();
        for (days, lunar_ones) in [(solar, false), (lunar, true)] {
            let marks = vec!["?"; days.len()].join(", ");
            let which = if lunar_ones { "<>" } else { "=" };
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT p.name, p.birthday, c.id, c.name, c.owner, p.birthday_calendar
                 FROM contacts p JOIN customers c ON c.id = p.customer_id
                 WHERE c.deleted_at IS NULL AND p.birthday <> ''
                   AND substr(p.birthday, -5) IN ({marks}) AND p.birthday_calendar {which} ''"
            ))?;
            let mut rows = stmt.query(rusqlite::params_from_iter(&days))?;
            while let Some(r) = rows.next()? {
                let born: String = r.get(1)?;
                let cal = Cal::from_code(&r.get::<_, String>(5)?).unwrap_or(Cal::Lunar);
                let Some(next) = next_birthday_of(&born, cal, today) else {
                    continue;
                };
                let days = (next - today).num_days();
                if days > s.birthday_days {
                    continue;
                }
                let mut what: String = r.get(0)?;
                if let (true, Some((_, m, d))) = (cal.is_lunar(), birthday_parts(&born)) {
                    let leap = cal == Cal::LunarLeap && lunar_of(next).2;
                    what = format!("{what}（农历{}）", lunar_words(m, d, leap));
                }
                lines.push(WorkLine {
                    section: Section::Birthdays,
                    opens: Opens::Customer(r.get(2)?),
                    customer_id: r.get(2)?,
                    customer: r.get(3)?,
                    what,
                    date: Some(next),
                    days,
                    owner: r.get(4)?,
                    amount_fen: None,
                    held: false,
                });
            }
        }
        lines.sort_by(|a, b| (a.date, &a.customer, &a.what).cmp(&(b.date, &b.customer, &b.what)));
        out.extend(lines);
        for h in greetings(today, crate::domain::workbench::GREETING_DAYS) {
            out.push(WorkLine {
                section: Section::Birthdays,
                opens: Opens::Holiday,
                customer_id: 0,
                customer: String::new(),
                what: h.name.into(),
                date: Some(h.date),
                days: (h.date - today).num_days(),
                owner: String::new(),
                amount_fen: None,
                held: false,
            });
        }
        Ok(())
    }
}

/// 久未联系: customers (正常, not 潜在客户) whose last 交往反馈 up to today — or,
/// never contacted, their 建档日期 — is longer ago than their grade allows; those
/// with neither first, then the longest ago.
/// (Read on the connection given: a second one while the caller reads the rest.)
pub(super) fn no_contact(
    conn: &rusqlite::Connection,
    today: NaiveDate,
    s: &WorkSettings,
) -> Result<Vec<WorkLine>> {
    let tomorrow = iso(today + chrono::Duration::days(1));
    // Each customer keeps its last contact made (a trigger on feedback keeps it):
    // those contacted within the shortest limit are not read at all.
    let shortest = s.no_contact_days.iter().copied().min().unwrap_or(0);
    let since = iso(today - chrono::Duration::days(shortest));
    // A contact dated after today (entered ahead) is not one yet: the last one up to
    // today is looked up for such a customer.
    let mut last_made = conn.prepare_cached(
        "SELECT max(at) FROM feedback WHERE customer_id = ?1 AND deleted_at IS NULL AND at < ?2
           AND status <> 'planned'",
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name, c.grade, c.owner, c.recorded_on, l.at
         FROM customers c LEFT JOIN last_contacts l ON l.customer_id = c.id
         WHERE c.deleted_at IS NULL AND c.status = 'active' AND c.category <> 'prospect'
           AND (l.at IS NULL OR l.at < ?1 OR l.at >= ?2)",
    )?;
    let mut rows = stmt.query([&since, &tomorrow])?;
    let mut lines = Vec::new();
    while let Some(r) = rows.next()? {
        let grade: String = r.get(2)?;
        let Some(limit) = s.no_contact_limit(&grade) else {
            continue;
        };
        let id: i64 = r.get(0)?;
        let mut at: Option<String> = r.get(5)?;
        if at.as_deref().is_some_and(|a| a >= tomorrow.as_str()) {
            at = last_made.query_row(rusqlite::params![id, tomorrow], |r| r.get(0))?;
        }
        let contact = at.as_deref().and_then(day_of);
        let recorded: String = r.get(4)?;
        let last = contact.or_else(|| day_of(&recorded).filter(|d| *d <= today));
        let days = last.map(|d| (today - d).num_days());
        if days.is_some_and(|d| d <= limit) {
            continue;
        }
        lines.push(WorkLine {
            section: Section::NoContact,
            opens: Opens::Customer(id),
            customer_id: id,
            customer: r.get(1)?,
            what: grade,
            date: last,
            days: days.unwrap_or(0),
            owner: r.get(3)?,
            amount_fen: None,
            held: false,
        });
    }
    // None (never) sorts first, then the oldest date.
    lines.sort_by(|a, b| (a.date, &a.customer).cmp(&(b.date, &b.customer)));
    Ok(lines)
}

/// Leaves out the lines put off to a later day (shown again on it), and puts the
/// sections in their order; each keeps the order it was read in (a stable sort).
fn in_order(lines: &mut Vec<WorkLine>, off: &std::collections::HashSet<SnoozeKey>) {
    if !off.is_empty() {
        lines.retain(|l| !off.contains(&snooze_key(l)));
    }
    lines.sort_by_key(|l| l.section);
}

/// Which line a snooze is for: its section's family, its record and (a birthday) the
/// contact.
type SnoozeKey = (String, String, String);

fn snooze_key(l: &WorkLine) -> SnoozeKey {
    let detail = if l.section == Section::Birthdays {
        l.what.clone()
    } else {
        String::new()
    };
    (l.section.family().into(), l.opens.key(), detail)
}

/// A feedback item's line, from a row of (id, customer id, customer, subject, due,
/// 负责人, the customer's salesperson): for the 负责人, else the salesperson.
pub(super) fn feedback_line(
    r: &rusqlite::Row,
    section: Section,
    date: Option<NaiveDate>,
    days: i64,
) -> rusqlite::Result<WorkLine> {
    let responsible: String = r.get(5)?;
    Ok(WorkLine {
        section,
        opens: Opens::Feedback(r.get(0)?),
        customer_id: r.get(1)?,
        customer: r.get(2)?,
        what: r.get(3)?,
        date,
        days,
        owner: if responsible.is_empty() {
            r.get(6)?
        } else {
            responsible
        },
        amount_fen: None,
        held: false,
    })
}

/// A contract as a line names it: "HT-2026-001 设备采购合同".
fn contract_what(number: &str, title: &str) -> String {
    format!("{number} {title}")
}

impl Store {
    /// For `kehu bench-today`: `per_customer` feedback items for each customer over the
    /// last three years (one in a hundred still open, due within a month either side of
    /// today), contacts added until there are `contacts` in all, and a birthday on
    /// every contact. Written directly, not logged.
    pub fn generate_feedback_for_bench(
        &mut self,
        customers: &[i64],
        per_customer: usize,
        contacts: usize,
        today: NaiveDate,
    ) -> Result<u64> {
        let actor = self.require_actor()?;
        let at = super::now_text();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut n = 0u64;
        let mut next = super::bench_numbers(0x9e37_79b9_7f4a_7c15u64);
        {
            let mut add = tx.prepare(
                "INSERT INTO feedback (customer_id, at, kind, subject, status, responsible,
                     due_on, created_at, updated_at, created_by, updated_by)
                 VALUES (?1, ?2, 'visit', '基准测试拜访', ?3, '王强', ?4, ?5, ?5, ?6, ?6)",
            )?;
            for cid in customers {
                for _ in 0..per_customer {
                    let on = today - chrono::Duration::days(next(1_100) as i64);
                    let open = next(100) == 0;
                    let due = if open {
                        iso(today + chrono::Duration::days(next(60) as i64 - 30))
                    } else {
                        String::new()
                    };
                    add.execute(rusqlite::params![
                        cid,
                        format!("{} 10:00", iso(on)),
                        if open { "open" } else { "closed" },
                        due,
                        at,
                        actor.name
                    ])?;
                    n += 1;
                }
            }
        }
        let have: i64 = tx.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
        let more = (contacts as i64 - have).max(0) as usize;
        {
            let mut add = tx.prepare(
                "INSERT INTO contacts (customer_id, position, name, created_at, updated_at,
                     created_by, updated_by)
                 VALUES (?1, 9, '基准联系人', ?2, ?2, ?3, ?3)",
            )?;
            for cid in customers.iter().cycle().take(more) {
                add.execute(rusqlite::params![cid, at, actor.name])?;
            }
        }
        tx.execute(
            "UPDATE contacts SET birthday = date('1960-01-01', '+' || (id * 7919 % 14000) || ' days')",
            [],
        )?;
        tx.commit()?;
        Ok(n)
    }

    /// How many contacts there are (for the benchmark's heading).
    pub fn contact_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?)
    }
}
