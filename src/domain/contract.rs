//! 合同信息: contracts, their approval flow and payments received (回款).
//!
//! The flow: 草稿 draft → (submit) → 待审批 submitted when the amount needs approval, else
//! straight to 执行中 in force; a supervisor approves (已批准) or rejects (已驳回, with a
//! reason); approved → 执行中 → 已完成 or 已终止. A rejected contract goes back to draft to
//! be corrected. Once past draft, the amount and the customer are locked: a change needs a
//! new revision, which goes through approval again.

use crate::domain::validate::{Problem, parse_date};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum ContractStatus {
    #[default]
    Draft,
    Submitted,
    Approved,
    Rejected,
    InForce,
    Completed,
    Terminated,
}

impl ContractStatus {
    pub const ALL: [ContractStatus; 7] = [
        ContractStatus::Draft,
        ContractStatus::Submitted,
        ContractStatus::Approved,
        ContractStatus::Rejected,
        ContractStatus::InForce,
        ContractStatus::Completed,
        ContractStatus::Terminated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContractStatus::Draft => "draft",
            ContractStatus::Submitted => "submitted",
            ContractStatus::Approved => "approved",
            ContractStatus::Rejected => "rejected",
            ContractStatus::InForce => "in_force",
            ContractStatus::Completed => "completed",
            ContractStatus::Terminated => "terminated",
        }
    }

    pub fn from_code(s: &str) -> Option<ContractStatus> {
        ContractStatus::ALL.into_iter().find(|c| c.code() == s)
    }

    /// Amount and customer may be changed only while the contract is a draft or was
    /// sent back.
    pub fn terms_editable(self) -> bool {
        matches!(self, ContractStatus::Draft | ContractStatus::Rejected)
    }

    /// Money can be received only on a contract that counts.
    pub fn takes_payments(self) -> bool {
        matches!(
            self,
            ContractStatus::Approved | ContractStatus::InForce | ContractStatus::Completed
        )
    }
}

/// Something done to a contract's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    Submit,
    Approve,
    Reject,
    Start,
    Complete,
    Terminate,
}

/// Why a transition is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowError {
    /// Not possible from the current status.
    WrongStatus,
    /// Only a supervisor or an administrator approves or rejects.
    NeedsSupervisor,
    /// A rejection needs a reason.
    ReasonRequired,
}

/// The status after `t`, given the approval threshold, or why not.
pub fn next_status(
    current: ContractStatus,
    t: Transition,
    amount_fen: i64,
    threshold_fen: i64,
    may_approve: bool,
    comment: &str,
) -> Result<ContractStatus, FlowError> {
    use ContractStatus as S;
    match (current, t) {
        (S::Draft | S::Rejected, Transition::Submit) => Ok(if amount_fen >= threshold_fen {
            S::Submitted
        } else {
            S::InForce
        }),
        (S::Submitted, Transition::Approve | Transition::Reject) if !may_approve => {
            Err(FlowError::NeedsSupervisor)
        }
        (S::Submitted, Transition::Approve) => Ok(S::Approved),
        (S::Submitted, Transition::Reject) if comment.trim().is_empty() => {
            Err(FlowError::ReasonRequired)
        }
        (S::Submitted, Transition::Reject) => Ok(S::Rejected),
        (S::Approved, Transition::Start) => Ok(S::InForce),
        (S::InForce, Transition::Complete) => Ok(S::Completed),
        (S::Approved | S::InForce, Transition::Terminate) => Ok(S::Terminated),
        _ => Err(FlowError::WrongStatus),
    }
}

/// A contract as the form edits it and the store saves it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Contract {
    pub id: Option<i64>,
    pub number: String,
    pub customer_id: Option<i64>,
    pub title: String,
    /// ISO dates or empty.
    pub signed_on: String,
    pub starts_on: String,
    pub ends_on: String,
    pub amount_fen: i64,
    pub payment_terms: String,
    pub salesperson: String,
    pub notes: String,
    pub status: ContractStatus,
    pub revision: i64,
}

/// A payment received against a contract.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Payment {
    pub id: Option<i64>,
    pub paid_on: String,
    pub amount_fen: i64,
    pub method: String,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContractField {
    Number,
    Customer,
    Title,
    SignedOn,
    StartsOn,
    EndsOn,
    Amount,
    Notes,
    PaymentDate,
    PaymentAmount,
}

/// What is wrong with a contract, field by field (uniqueness is the store's to check).
pub fn validate_contract(c: &Contract) -> Vec<(ContractField, Problem)> {
    let mut errs = Vec::new();
    if c.number.trim().is_empty() {
        errs.push((ContractField::Number, Problem::Required));
    } else if c.number.chars().count() > 50 {
        errs.push((ContractField::Number, Problem::TooLong(50)));
    }
    if c.customer_id.is_none() {
        errs.push((ContractField::Customer, Problem::Required));
    }
    if c.title.trim().is_empty() {
        errs.push((ContractField::Title, Problem::Required));
    } else if c.title.chars().count() > 200 {
        errs.push((ContractField::Title, Problem::TooLong(200)));
    }
    if c.amount_fen < 0 {
        errs.push((ContractField::Amount, Problem::Negative));
    }
    let mut date = |field, s: &str| {
        if s.trim().is_empty() {
            None
        } else {
            let d = parse_date(s);
            if d.is_none() {
                errs.push((field, Problem::BadDate));
            }
            d
        }
    };
    date(ContractField::SignedOn, &c.signed_on);
    let start = date(ContractField::StartsOn, &c.starts_on);
    let end = date(ContractField::EndsOn, &c.ends_on);
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errs.push((ContractField::EndsOn, Problem::EndBeforeStart));
    }
    errs
}

/// What is wrong with a payment, given what the contract has received so far.
pub fn validate_payment(
    p: &Payment,
    contract_amount: i64,
    received_before: i64,
) -> Vec<(ContractField, Problem)> {
    let mut errs = Vec::new();
    if parse_date(&p.paid_on).is_none() {
        errs.push((ContractField::PaymentDate, Problem::BadDate));
    }
    if p.amount_fen <= 0 {
        errs.push((ContractField::PaymentAmount, Problem::NotPositive));
    } else if received_before + p.amount_fen > contract_amount {
        errs.push((ContractField::PaymentAmount, Problem::OverBalance));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContractStatus as S;

    #[test]
    fn below_the_threshold_a_submitted_contract_is_in_force_at_once() {
        assert_eq!(
            next_status(
                S::Draft,
                Transition::Submit,
                4_999_999,
                5_000_000,
                false,
                ""
            ),
            Ok(S::InForce)
        );
        assert_eq!(
            next_status(
                S::Draft,
                Transition::Submit,
                5_000_000,
                5_000_000,
                false,
                ""
            ),
            Ok(S::Submitted)
        );
    }

    #[test]
    fn only_a_supervisor_decides_and_a_rejection_needs_a_reason() {
        assert_eq!(
            next_status(S::Submitted, Transition::Approve, 1, 0, false, ""),
            Err(FlowError::NeedsSupervisor)
        );
        assert_eq!(
            next_status(S::Submitted, Transition::Approve, 1, 0, true, ""),
            Ok(S::Approved)
        );
        assert_eq!(
            next_status(S::Submitted, Transition::Reject, 1, 0, true, " "),
            Err(FlowError::ReasonRequired)
        );
        assert_eq!(
            next_status(S::Submitted, Transition::Reject, 1, 0, true, "价格过低"),
            Ok(S::Rejected)
        );
        assert_eq!(
            next_status(S::Draft, Transition::Approve, 1, 0, true, ""),
            Err(FlowError::WrongStatus)
        );
        assert_eq!(
            next_status(S::Completed, Transition::Terminate, 1, 0, true, ""),
            Err(FlowError::WrongStatus)
        );
    }
}
