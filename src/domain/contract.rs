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
    /// 付款计划: when the amount is due, in one or more installments that add up to it.
    /// Empty on a new contract: the store plans one installment at 签订日期 + the
    /// customer's 账期.
    #[serde(default)]
    pub plan: Vec<Installment>,
}

/// One installment of a payment plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Installment {
    /// ISO date.
    pub due_on: String,
    pub amount_fen: i64,
    pub note: String,
}

/// The plan a contract gets when none is given: the whole amount due `days` after
/// signing (after `fallback`, usually today, when the signing date is not known).
pub fn default_plan(
    signed_on: &str,
    amount_fen: i64,
    days: i64,
    fallback: chrono::NaiveDate,
) -> Vec<Installment> {
    if amount_fen <= 0 {
        return Vec::new();
    }
    let from = parse_date(signed_on).unwrap_or(fallback);
    vec![Installment {
        due_on: (from + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string(),
        amount_fen,
        note: String::new(),
    }]
}

/// What is still unpaid of each installment when `paid_fen` has been received:
/// payments go to the installments oldest-due first. `plan` in any order; the result
/// is in the plan's order.
pub fn unpaid(plan: &[Installment], paid_fen: i64) -> Vec<i64> {
    let mut order: Vec<usize> = (0..plan.len()).collect();
    order.sort_by(|a, b| plan[*a].due_on.cmp(&plan[*b].due_on).then(a.cmp(b)));
    let mut left = paid_fen.max(0);
    let mut out = vec![0; plan.len()];
    for i in order {
        let take = left.min(plan[i].amount_fen);
        left -= take;
        out[i] = plan[i].amount_fen - take;
    }
    out
}

/// How many ageing buckets there are: 未到期, 1–30, 31–60, 61–90, 91–180, 181–365 and
/// 365 天以上 days past due.
pub const AGEING_BUCKETS: usize = 7;

/// The ageing bucket of an installment `days` past due (0 or less: 未到期).
pub fn bucket_of(days: i64) -> usize {
    match days {
        ..=0 => 0,
        1..=30 => 1,
        31..=60 => 2,
        61..=90 => 3,
        91..=180 => 4,
        181..=365 => 5,
        _ => 6,
    }
}

/// Past due this many days, an installment's two-year limitation period (诉讼时效) is
/// close to running out.
pub const LIMITATION_WARNING_DAYS: i64 = 700;

/// Whether a contract counts as a sale the customer owes for: 已批准, 执行中, 已完成.
pub fn counts(status: ContractStatus) -> bool {
    status.takes_payments()
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

pub use super::records::ContractField;

/// What is wrong with a contract, field by field (each field's rules are in its
/// declaration, [`crate::domain::records`]; uniqueness is the store's to check), then
/// across fields: the end not before the start, the payment plan.
pub fn validate_contract(c: &Contract) -> Vec<(ContractField, Problem)> {
    let mut errs = ContractField::problems(&super::records::Record::Contract(c.clone()));
    if let (Some(s), Some(e)) = (parse_date(&c.starts_on), parse_date(&c.ends_on))
        && e < s
    {
        errs.push((ContractField::EndsOn, Problem::EndBeforeStart));
    }
    errs.extend(validate_plan(c));
    errs
}

/// What is wrong with a contract's payment plan: each installment positive, dated, not
/// due before signing; together the contract's amount. An empty plan is left for the
/// store to fill in.
pub fn validate_plan(c: &Contract) -> Vec<(ContractField, Problem)> {
    let mut errs = Vec::new();
    if c.plan.is_empty() {
        return errs;
    }
    let signed = parse_date(&c.signed_on);
    for (i, p) in c.plan.iter().enumerate() {
        let at = ContractField::Plan(Some(i));
        if p.amount_fen <= 0 {
            errs.push((at, Problem::NotPositive));
        }
        match parse_date(&p.due_on) {
            None => errs.push((at, Problem::BadDate)),
            Some(d) if signed.is_some_and(|s| d < s) => errs.push((at, Problem::DueBeforeSigning)),
            Some(_) => {}
        }
    }
    let total: i64 = c.plan.iter().map(|p| p.amount_fen).sum();
    if total != c.amount_fen {
        errs.push((
            ContractField::Plan(None),
            Problem::PlanTotal(total, c.amount_fen),
        ));
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
