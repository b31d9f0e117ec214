//! Contracts and payments: saving under the lock rules, the approval flow with its role
//! check, revisions, balances. Everything a form or the command line may refuse, the
//! store refuses too.

use rusqlite::{OptionalExtension, params};

use super::WriteScope;
use super::changelog::{Parent, Writer};
use super::{Result, Store, StoreError, now_text};
use crate::domain::contract::{
    Contract, ContractField, ContractStatus, FlowError, Payment, Transition, next_status,
    validate_contract, validate_payment,
};
use crate::domain::validate::Problem;

/// A contract with what has been received against it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractRecord {
    pub contract: Contract,
    pub customer_name: String,
    pub payments: Vec<Payment>,
    pub received_fen: i64,
    /// Who approved or rejected it, when, and what they said.
    pub decision: Option<(String, String, String)>,
    /// The newer revision that replaced this one, if any.
    pub superseded_by: Option<i64>,
    /// Sent to the supervisor for exceeding credit (超信用待审批), with the figures at
    /// submission.
    pub credit_hold: Option<CreditHold>,
}

pub use super::receivables::CreditHold;

impl ContractRecord {
    /// What is still owed (the amount less payments received).
    pub fn balance_fen(&self) -> i64 {
        self.contract.amount_fen - self.received_fen
    }
}

/// What has been received on the contract that revision `id` revises (0 for a contract
/// that revises none): the payments that will move to the revision.
fn received_on_original(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT coalesce(sum(p.amount_fen), 0) FROM contracts c
         JOIN payments p ON p.contract_id = c.revises_id WHERE c.id = ?1",
        [id],
        |r| r.get(0),
    )
}

/// Contract columns as the store writes and logs them.
const FIELDS: [&str; 11] = [
    "number",
    "customer_id",
    "title",
    "signed_on",
    "starts_on",
    "ends_on",
    "amount_fen",
    "payment_terms",
    "salesperson",
    "notes",
    "status",
];

fn values(c: &Contract) -> [String; 11] {
    [
        c.number.trim().to_string(),
        c.customer_id.unwrap_or_default().to_string(),
        c.title.trim().to_string(),
        c.signed_on.trim().to_string(),
        c.starts_on.trim().to_string(),
        c.ends_on.trim().to_string(),
        c.amount_fen.to_string(),
        c.payment_terms.trim().to_string(),
        c.salesperson.trim().to_string(),
        c.notes.trim_end().to_string(),
        c.status.code().to_string(),
    ]
}

/// Problems of a contract, in the store's error form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractProblems(pub Vec<(ContractField, Problem)>);

const SELECT: &str = "SELECT c.id, c.number, c.customer_id, c.title, c.signed_on, c.starts_on,
    c.ends_on, c.amount_fen, c.payment_terms, c.salesperson, c.notes, c.status, c.revision,
    k.name, c.decided_by, c.decided_at, c.decision_comment, c.superseded_by, c.deleted_at,
    c.credit_hold, c.credit_owed_fen, c.credit_limit_fen, c.credit_overdue_days
    FROM contracts c JOIN customers k ON k.id = c.customer_id";

struct Row {
    contract: Contract,
    customer_name: String,
    decision: Option<(String, String, String)>,
    superseded_by: Option<i64>,
    deleted: bool,
    credit_hold: Option<CreditHold>,
}

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    let decided_by: Option<String> = r.get(14)?;
    Ok(Row {
        contract: Contract {
            id: Some(r.get(0)?),
            number: r.get(1)?,
            customer_id: Some(r.get(2)?),
            title: r.get(3)?,
            signed_on: r.get(4)?,
            starts_on: r.get(5)?,
            ends_on: r.get(6)?,
            amount_fen: r.get(7)?,
            payment_terms: r.get(8)?,
            salesperson: r.get(9)?,
            notes: r.get(10)?,
            status: ContractStatus::from_code(&r.get::<_, String>(11)?).unwrap_or_default(),
            revision: r.get(12)?,
            plan: Vec::new(),
        },
        customer_name: r.get(13)?,
        decision: match decided_by {
            Some(by) => Some((
                by,
                r.get::<_, Option<String>>(15)?.unwrap_or_default(),
                r.get::<_, Option<String>>(16)?.unwrap_or_default(),
            )),
            None => None,
        },
        superseded_by: r.get(17)?,
        deleted: r.get::<_, Option<String>>(18)?.is_some(),
        credit_hold: match r.get::<_, bool>(19)? {
            true => Some(CreditHold {
                owed_fen: r.get::<_, Option<i64>>(20)?.unwrap_or_default(),
                limit_fen: r.get::<_, Option<i64>>(21)?.unwrap_or_default(),
                overdue_days: r.get::<_, Option<i64>>(22)?.unwrap_or_default(),
            }),
            false => None,
        },
    })
}

impl Store {
    fn approval_threshold(&self) -> Result<i64> {
        Ok(self.settings()?.approval_threshold_fen)
    }

    /// One contract with its payments.
    pub fn contract(&self, id: i64) -> Result<ContractRecord> {
        let row = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?
            .query_row([id], read_row)
            .optional()?
            .ok_or(StoreError::NotFound)?;
        let payments: Vec<Payment> = self
            .conn
            .prepare_cached(
                "SELECT id, paid_on, amount_fen, method, note FROM payments
                 WHERE contract_id = ?1 ORDER BY paid_on, id",
            )?
            .query_map([id], |r| {
                Ok(Payment {
                    id: Some(r.get(0)?),
                    paid_on: r.get(1)?,
                    amount_fen: r.get(2)?,
                    method: r.get(3)?,
                    note: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let received_fen = payments.iter().map(|p| p.amount_fen).sum();
        let _ = row.deleted;
        let mut contract = row.contract;
        contract.plan = super::receivables::load_plan(&self.conn, id)?;
        Ok(ContractRecord {
            contract,
            customer_name: row.customer_name,
            payments,
            received_fen,
            decision: row.decision,
            superseded_by: row.superseded_by,
            credit_hold: row.credit_hold,
        })
    }

    /// The current contracts of a customer (not superseded, not in the trash), newest
    /// first.
    pub fn contracts_of_customer(&self, customer_id: i64) -> Result<Vec<ContractRecord>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM contracts WHERE customer_id = ?1 AND deleted_at IS NULL
                 AND superseded_by IS NULL ORDER BY signed_on DESC, id DESC",
            )?
            .query_map([customer_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.contract(id)).collect()
    }

    /// Saves a contract: a new draft when `id` is None, else an edit. Amount and customer
    /// cannot change once the contract is past draft (make a revision instead); the
    /// status is changed only by [`Store::move_contract`].
    pub fn save_contract(&mut self, c: &Contract) -> Result<i64> {
        let actor = self.require_actor()?;
        // The plan is checked once it is settled (below).
        let mut problems: Vec<_> = validate_contract(c)
            .into_iter()
            .filter(|(f, _)| !matches!(f, ContractField::Plan(_)))
            .collect();
        let default_days = i64::from(self.settings()?.default_payment_days);
        let at = now_text();
        let tx = WriteScope::begin(&mut self.conn)?;
        let (mut c, old) = match c.id {
            None => (
                Contract {
                    status: ContractStatus::Draft,
                    revision: 1,
                    ..c.clone()
                },
                None,
            ),
            Some(id) => {
                let old = tx
                    .prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?
                    .query_row([id], read_row)
                    .optional()?
                    .ok_or(StoreError::NotFound)?;
                if old.deleted || old.superseded_by.is_some() {
                    return Err(StoreError::NotFound);
                }
                let o = &old.contract;
                let old_plan = super::receivables::load_plan(&tx, id)?;
                if !o.status.terms_editable()
                    && (o.amount_fen != c.amount_fen
                        || o.customer_id != c.customer_id
                        || o.number.trim() != c.number.trim()
                        || (!c.plan.is_empty() && c.plan != old_plan))
                {
                    return Err(StoreError::ContractLocked);
                }
                let (status, revision) = (o.status, o.revision);
                let mut old = old;
                old.contract.plan = old_plan;
                (
                    Contract {
                        status,
                        revision,
                        ..c.clone()
                    },
                    Some(old.contract),
                )
            }
        };
        c.number = c.number.trim().to_string();
        if let Some(cid) = c.customer_id {
            let live: Option<i64> = tx
                .query_row(
                    "SELECT id FROM customers WHERE id = ?1 AND deleted_at IS NULL",
                    [cid],
                    |r| r.get(0),
                )
                .optional()?;
            if live.is_none() && old.as_ref().and_then(|o| o.customer_id) != Some(cid) {
                problems.push((ContractField::Customer, Problem::Required));
            }
        }
        // A number names one contract and its revisions; a new number must be unused.
        let number_changed = old.as_ref().is_none_or(|o| o.number.trim() != c.number);
        if number_changed {
            let taken: Option<i64> = tx
                .query_row(
                    "SELECT id FROM contracts WHERE number = ?1 LIMIT 1",
                    [&c.number],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some() {
                problems.push((ContractField::Number, Problem::DuplicateNumber));
            }
        }
        // No plan given: an edit that keeps the amount keeps its plan; otherwise the
        // whole amount is due at signing + the customer's 账期.
        if c.plan.is_empty() {
            c.plan = match &old {
                Some(o) if o.amount_fen == c.amount_fen && !o.plan.is_empty() => o.plan.clone(),
                _ => {
                    let days: Option<i64> = match c.customer_id {
                        Some(cid) => tx
                            .query_row(
                                "SELECT payment_days FROM customers WHERE id = ?1",
                                [cid],
                                |r| r.get(0),
                            )
                            .optional()?
                            .flatten(),
                        None => None,
                    };
                    crate::domain::contract::default_plan(
                        &c.signed_on,
                        c.amount_fen,
                        days.unwrap_or(default_days),
                        super::today(),
                    )
                }
            };
        }
        // A plan of one installment, left as it was, follows a changed amount.
        if let Some(o) = &old
            && c.plan == o.plan
            && c.plan.len() == 1
            && c.amount_fen != o.amount_fen
        {
            c.plan[0].amount_fen = c.amount_fen;
            if c.amount_fen <= 0 {
                c.plan.clear();
            }
        }
        // A revision replaces the original with the payments received on it: its amount
        // cannot fall below them.
        if let Some(id) = c.id {
            let received = received_on_original(&tx, id)?;
            if received > c.amount_fen {
                problems.push((ContractField::Amount, Problem::BelowReceived(received)));
            }
        }
        problems.extend(crate::domain::contract::validate_plan(&c));
        if !problems.is_empty() {
            return Err(StoreError::InvalidContract(problems));
        }
        let old_plan = old.as_ref().map(|o| o.plan.clone()).unwrap_or_default();
        let v = values(&c);
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        if c.id.is_some() && old.is_none() {
            return Err(StoreError::NotFound);
        }
        // The status and revision are as they were (a new contract: 草稿, revision 1).
        let id = w.save_row(
            "contracts",
            c.id,
            &[
                ("number", &v[0]),
                ("customer_id", &c.customer_id),
                ("title", &v[2]),
                ("signed_on", &v[3]),
                ("starts_on", &v[4]),
                ("ends_on", &v[5]),
                ("amount_fen", &c.amount_fen),
                ("payment_terms", &v[7]),
                ("salesperson", &v[8]),
                ("notes", &v[9]),
                ("status", &v[10]),
                ("revision", &c.revision),
            ],
            &FIELDS,
            old.as_ref().map(values).as_ref().map(|o| &o[..]),
            &v,
        )?;
        super::receivables::write_plan(&tx, &w, id, &old_plan, &c.plan)?;
        tx.commit()?;
        Ok(id)
    }

    /// Moves a contract along its flow: submit, approve, reject (with a reason), start,
    /// complete, terminate. Approving and rejecting need a supervisor or an administrator
    /// signed in; the store checks, whoever calls. Returns the new status.
    pub fn move_contract(
        &mut self,
        id: i64,
        t: Transition,
        comment: &str,
    ) -> Result<ContractStatus> {
        let actor = self.require_actor()?;
        let threshold = self.approval_threshold()?;
        let record = self.contract(id)?;
        if record.superseded_by.is_some() {
            return Err(StoreError::NotFound);
        }
        let c = &record.contract;
        let may_approve = matches!(
            actor.role,
            crate::domain::Role::Supervisor | crate::domain::Role::Admin
        );
        let mut new = next_status(c.status, t, c.amount_fen, threshold, may_approve, comment)
            .map_err(|e| match e {
                FlowError::NeedsSupervisor => StoreError::NotAllowed,
                FlowError::ReasonRequired => StoreError::ReasonRequired,
                FlowError::WrongStatus => StoreError::WrongStatus,
            })?;
        // Credit control: a submission over the customer's limit, or from a customer
        // with money long overdue, goes to the supervisor whatever its amount; approving
        // it needs a comment.
        let hold = match t {
            Transition::Submit => self.credit_hold(c)?,
            _ => record.credit_hold,
        };
        if t == Transition::Submit && hold.is_some() {
            new = ContractStatus::Submitted;
        }
        if t == Transition::Approve && record.credit_hold.is_some() && comment.trim().is_empty() {
            return Err(StoreError::CreditCommentRequired);
        }
        // A revision sent on after more money came in on the original than it is for.
        if t == Transition::Submit {
            let received = received_on_original(&self.conn, id)?;
            if received > c.amount_fen {
                return Err(StoreError::InvalidContract(vec![(
                    ContractField::Amount,
                    Problem::BelowReceived(received),
                )]));
            }
        }
        let at = now_text();
        let tx = self.conn.transaction()?;
        if t == Transition::Submit {
            tx.execute(
                "UPDATE contracts SET credit_hold = ?1, credit_owed_fen = ?2, credit_limit_fen = ?3,
                 credit_overdue_days = ?4 WHERE id = ?5",
                params![
                    hold.is_some(),
                    hold.map(|h| h.owed_fen),
                    hold.map(|h| h.limit_fen),
                    hold.map(|h| h.overdue_days),
                    id
                ],
            )?;
        }
        let deciding = matches!(t, Transition::Approve | Transition::Reject);
        if deciding {
            tx.execute(
                "UPDATE contracts SET status = ?1, decided_by = ?2, decided_at = ?3,
                 decision_comment = ?4, updated_at = ?3, updated_by = ?2 WHERE id = ?5",
                params![new.code(), actor.name, at, comment.trim(), id],
            )?;
        } else {
            tx.execute(
                "UPDATE contracts SET status = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4",
                params![new.code(), at, actor.name, id],
            )?;
        }
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        w.updated(
            "contracts",
            id,
            &["status"],
            &[c.status.code().into()],
            &[new.code().into()],
            None,
        )?;
        if t == Transition::Submit && (hold.is_some() || record.credit_hold.is_some()) {
            let text = |h: Option<CreditHold>| {
                h.map(|h| {
                    crate::store::text::credit_hold_note(
                        c.amount_fen,
                        h.owed_fen,
                        h.limit_fen,
                        h.overdue_days,
                    )
                })
                .unwrap_or_default()
            };
            w.updated(
                "contracts",
                id,
                &["credit_hold"],
                &[text(record.credit_hold)],
                &[text(hold)],
                None,
            )?;
        }
        if deciding && !comment.trim().is_empty() {
            w.updated(
                "contracts",
                id,
                &["decision_comment"],
                &[String::new()],
                &[comment.trim().into()],
                None,
            )?;
        }
        // A revision that now counts replaces the one it revises.
        if matches!(new, ContractStatus::Approved | ContractStatus::InForce) {
            let revises: Option<i64> = tx.query_row(
                "SELECT revises_id FROM contracts WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if let Some(old) = revises {
                tx.execute(
                    "UPDATE contracts SET superseded_by = ?1 WHERE id = ?2",
                    params![id, old],
                )?;
                // The money received on the original was received on this contract: it
                // goes with it (each payment's move logged).
                let moved: Vec<i64> = tx
                    .prepare("SELECT id FROM payments WHERE contract_id = ?1")?
                    .query_map([old], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for p in moved {
                    tx.execute(
                        "UPDATE payments SET contract_id = ?1 WHERE id = ?2",
                        params![id, p],
                    )?;
                    w.updated(
                        "payments",
                        p,
                        &["contract_id"],
                        &[old.to_string()],
                        &[id.to_string()],
                        None,
                    )?;
                }
                w.updated(
                    "contracts",
                    old,
                    &["superseded_by"],
                    &[String::new()],
                    &[id.to_string()],
                    None,
                )?;
            }
        }
        tx.commit()?;
        Ok(new)
    }

    /// Starts a new revision of an approved or in-force contract: a draft copy with the next
    /// revision number, to be changed and sent through approval again. The original
    /// stays as it is until the revision counts.
    pub fn revise_contract(&mut self, id: i64) -> Result<i64> {
        let actor = self.require_actor()?;
        let rec = self.contract(id)?;
        // Only a contract that counts is amended; one under review is decided first.
        if !matches!(
            rec.contract.status,
            ContractStatus::Approved | ContractStatus::InForce
        ) || rec.superseded_by.is_some()
        {
            return Err(StoreError::WrongStatus);
        }
        let pending: i64 = self.conn.query_row(
            "SELECT count(*) FROM contracts WHERE revises_id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        if pending > 0 {
            return Err(StoreError::WrongStatus);
        }
        let c = Contract {
            id: None,
            status: ContractStatus::Draft,
            revision: rec.contract.revision + 1,
            ..rec.contract.clone()
        };
        let v = values(&c);
        let at = now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO contracts (number, customer_id, title, signed_on, starts_on, ends_on,
             amount_fen, payment_terms, salesperson, notes, status, revision, revises_id,
             created_at, updated_at, created_by, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'draft', ?11, ?12, ?13, ?13, ?14, ?14)",
            params![
                v[0], c.customer_id, v[2], v[3], v[4], v[5], c.amount_fen, v[7], v[8], v[9],
                c.revision, id, at, actor.name
            ],
        )?;
        let new_id = tx.last_insert_rowid();
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        w.inserted("contracts", new_id, &FIELDS, &v, None)?;
        super::receivables::write_plan(&tx, &w, new_id, &[], &rec.contract.plan)?;
        tx.commit()?;
        Ok(new_id)
    }

    /// Records a payment received. Refused on a contract that does not count yet, and
    /// when it would take more than the balance still owed.
    pub fn add_payment(&mut self, contract_id: i64, p: &Payment) -> Result<i64> {
        let actor = self.require_actor()?;
        let rec = self.contract(contract_id)?;
        if !rec.contract.status.takes_payments() {
            return Err(StoreError::WrongStatus);
        }
        let problems = validate_payment(p, rec.contract.amount_fen, rec.received_fen);
        if !problems.is_empty() {
            return Err(StoreError::InvalidContract(problems));
        }
        let paid_on = crate::domain::validate::parse_date(&p.paid_on)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let at = now_text();
        let tx = WriteScope::begin(&mut self.conn)?;
        tx.execute(
            "INSERT INTO payments (contract_id, paid_on, amount_fen, method, note,
             created_at, updated_at, created_by, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7)",
            params![
                contract_id,
                paid_on,
                p.amount_fen,
                p.method.trim(),
                p.note.trim(),
                at,
                actor.name
            ],
        )?;
        let id = tx.last_insert_rowid();
        Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        }
        .inserted(
            "payments",
            id,
            &["paid_on", "amount_fen", "method", "note"],
            &[
                paid_on,
                p.amount_fen.to_string(),
                p.method.trim().into(),
                p.note.trim().into(),
            ],
            Some(&Parent("contracts", contract_id)),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Live contracts of a customer (used before the customer goes to the trash).
    pub fn live_contract_count(&self, customer_id: i64) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM contracts WHERE customer_id = ?1 AND deleted_at IS NULL",
            [customer_id],
            |r| r.get(0),
        )?)
    }
}

pub use super::contract_list::{ContractQuery, ContractRow};
