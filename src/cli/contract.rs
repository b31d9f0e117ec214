//! `kehu contract show|submit|approve|reject|start|complete|terminate|pay NUMBER`: a
//! contract's approval steps and payments from the command line, signed in as the window
//! is (`--user`), with the store's rules (a clerk cannot approve, a contract over the
//! customer's credit goes to the supervisor, approving it needs --comment).

use clap::Subcommand;

use super::cli_error;
use super::lookup::{day_or_today, find_contract};
use crate::domain::contract::{ContractStatus, Payment, Transition};
use crate::domain::money::format_fen;
use crate::store::{Store, StoreError};
use crate::strings::contract_status;

#[derive(Subcommand, Debug)]
pub enum ContractCommand {
    /// Print the contract's status, amount, what is received and owed, its payment plan,
    /// and the credit figures when it was held as 超信用待审批.
    Show { number: String },
    /// 提交审批: a draft (or a rejected one) goes to the supervisor (or straight into force
    /// below the approval threshold and within the customer's credit).
    Submit { number: String },
    /// 批准 (supervisor or administrator; a contract held for credit needs --comment).
    Approve {
        number: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// 驳回 (supervisor or administrator), with the reason in --comment.
    Reject {
        number: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// 开始执行 an approved contract.
    Start { number: String },
    /// 完成 a contract in force.
    Complete { number: String },
    /// 终止 an approved contract or one in force.
    Terminate { number: String },
    /// Record a payment received (回款): applied to the plan's installments oldest-due
    /// first.
    Pay {
        number: String,
        /// The amount in yuan (12,000.50 or 1.2万 …).
        #[arg(long)]
        amount: String,
        /// The day it came in (default today).
        #[arg(long)]
        date: Option<String>,
        /// 付款方式 (转账, 现金 …).
        #[arg(long, default_value = "")]
        method: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

/// One line a script can read: the contract's number and its status, then the credit
/// figures when it is held.
fn status_line(r: &crate::store::contracts::ContractRecord) -> String {
    let c = &r.contract;
    let mut line = format!("{}：{}", c.number, contract_status(c.status).t());
    if let Some(h) = r.credit_hold {
        if c.status == ContractStatus::Submitted {
            line.push_str(&format!(
                "（{}）",
                crate::strings::S::ContractCreditHold.t()
            ));
        }
        line.push_str(&format!(
            "\n{}",
            crate::store::text::credit_hold_note(
                c.amount_fen,
                h.owed_fen,
                h.limit_fen,
                h.overdue_days
            )
        ));
    }
    line
}

pub(super) fn run(store: &mut Store, what: ContractCommand) -> Result<(), String> {
    let (number, step, comment) = match what {
        ContractCommand::Show { number } => return show(store, &number),
        ContractCommand::Pay {
            number,
            amount,
            date,
            method,
            note,
        } => return pay(store, &number, &amount, date, method, note),
        ContractCommand::Submit { number } => (number, Transition::Submit, String::new()),
        ContractCommand::Approve { number, comment } => (number, Transition::Approve, comment),
        ContractCommand::Reject { number, comment } => (number, Transition::Reject, comment),
        ContractCommand::Start { number } => (number, Transition::Start, String::new()),
        ContractCommand::Complete { number } => (number, Transition::Complete, String::new()),
        ContractCommand::Terminate { number } => (number, Transition::Terminate, String::new()),
    };
    let id = find_contract(store, &number)?;
    store.move_contract(id, step, &comment).map_err(|e| {
        // The window's 意见 box is --comment here.
        match e {
            StoreError::CreditCommentRequired | StoreError::ReasonRequired => {
                format!("{number}：{}（用 --comment 写明）", e.message())
            }
            e => format!("{number}：{}", cli_error(e)),
        }
    })?;
    println!("{}", status_line(&store.contract(id).map_err(cli_error)?));
    Ok(())
}

fn show(store: &Store, number: &str) -> Result<(), String> {
    let id = find_contract(store, number)?;
    let r = store.contract(id).map_err(cli_error)?;
    println!("{}", status_line(&r));
    println!("客户：{}", r.customer_name);
    println!(
        "金额：{}　已收：{}　未收：{}",
        format_fen(r.contract.amount_fen),
        format_fen(r.received_fen),
        format_fen(r.balance_fen())
    );
    if let Some((who, at, said)) = &r.decision {
        println!("审批：{who} {at} {said}");
    }
    for i in store.payment_plan(id).map_err(cli_error)? {
        let line = format!(
            "付款计划：{} {} {}",
            i.due_on,
            format_fen(i.amount_fen),
            i.note
        );
        println!("{}", line.trim_end());
    }
    Ok(())
}

fn pay(
    store: &mut Store,
    number: &str,
    amount: &str,
    date: Option<String>,
    method: String,
    note: String,
) -> Result<(), String> {
    let id = find_contract(store, number)?;
    let amount_fen = crate::domain::money::parse_yuan(amount)
        .filter(|f| *f > 0)
        .ok_or(format!("看不懂金额“{amount}”：请写成 12000.50 这样"))?;
    let paid_on = day_or_today(date.as_deref())?
        .format("%Y-%m-%d")
        .to_string();
    let p = Payment {
        id: None,
        paid_on,
        amount_fen,
        method,
        note,
    };
    store
        .add_payment(id, &p)
        .map_err(|e| format!("{number}：{}", cli_error(e)))?;
    let r = store.contract(id).map_err(cli_error)?;
    println!(
        "{number}：已收 {}，未收 {}",
        format_fen(r.received_fen),
        format_fen(r.balance_fen())
    );
    Ok(())
}
