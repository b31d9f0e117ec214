//! Papers for collecting money: the 对账单 (statement: a customer's counted contracts,
//! their installments with what is unpaid and how late, the payments received, the
//! balance) and the 催款函 (reminder letter: the overdue amount in figures and in
//! Chinese capitals, what it is for, and the firm's name).

use super::card::{self, CardDoc, Section};
use super::layout::{Page, PageSetup};
use super::*;
use crate::domain::contract::{counts, unpaid};
use crate::domain::money::format_fen;

/// A customer's counted contracts with each installment's unpaid part and days late as
/// of `as_of`: (contract number, 到期日, amount, unpaid, days late).
/// A customer's counted contracts, one line per installment, and the overdue total.
type Collected = (
    Vec<crate::store::contracts::ContractRecord>,
    Vec<[String; 5]>,
    i64,
);

fn installments(
    store: &Store,
    customer_id: i64,
    as_of: chrono::NaiveDate,
) -> Result<Collected, crate::store::StoreError> {
    let day = as_of.format("%Y-%m-%d").to_string();
    let contracts: Vec<_> = store
        .contracts_of_customer(customer_id)?
        .into_iter()
        .filter(|r| counts(r.contract.status) && r.contract.signed_on <= day)
        .collect();
    let mut rows = Vec::new();
    let mut overdue = 0;
    for r in &contracts {
        let paid: i64 = r
            .payments
            .iter()
            .filter(|p| p.paid_on <= day)
            .map(|p| p.amount_fen)
            .sum();
        let left = unpaid(&r.contract.plan, paid);
        for (i, inst) in r.contract.plan.iter().enumerate() {
            let late = crate::domain::validate::parse_date(&inst.due_on)
                .map(|d| (as_of - d).num_days())
                .unwrap_or(0);
            if left[i] > 0 && late > 0 {
                overdue += left[i];
            }
            rows.push([
                r.contract.number.clone(),
                strings::show_date(&inst.due_on),
                format_fen(inst.amount_fen),
                format_fen(left[i]),
                if left[i] > 0 && late > 0 {
                    strings::days_late(late)
                } else {
                    String::new()
                },
            ]);
        }
    }
    Ok((contracts, rows, overdue))
}

fn firm_or_blank(store: &Store) -> String {
    let firm = store.settings().map(|s| s.firm_name).unwrap_or_default();
    if firm.trim().is_empty() {
        "________________________".into()
    } else {
        firm
    }
}

/// The 对账单 of a customer as of `as_of`.
pub fn statement_pages(
    store: &Store,
    customer_id: i64,
    as_of: chrono::NaiveDate,
    setup: &PageSetup,
) -> Result<Vec<Page>, crate::store::StoreError> {
    let (c, _) = store.customer(customer_id)?;
    let (contracts, rows, overdue) = installments(store, customer_id, as_of)?;
    let standing = store.credit_standing(customer_id, as_of)?;
    let day = strings::show_date(&as_of.format("%Y-%m-%d").to_string());
    let fields = vec![
        (S::StatementTo.t().to_string(), c.name.clone()),
        (S::AsOf.t().to_string(), day.clone()),
        (S::CreditOwed.t().to_string(), format_fen(standing.owed_fen)),
        (
            S::StatementOwedWords.t().to_string(),
            crate::domain::rmb::rmb_upper(standing.owed_fen),
        ),
        (S::StatementOverdue.t().to_string(), format_fen(overdue)),
    ];
    let contract_rows = contracts
        .iter()
        .map(|r| {
            vec![
                r.contract.number.clone(),
                r.contract.title.clone(),
                strings::show_date(&r.contract.signed_on),
                format_fen(r.contract.amount_fen),
                format_fen(r.received_fen),
                format_fen(r.balance_fen()),
            ]
        })
        .collect();
    let mut payments: Vec<Vec<String>> = contracts
        .iter()
        .flat_map(|r| {
            r.payments.iter().map(|p| {
                vec![
                    strings::show_date(&p.paid_on),
                    r.contract.number.clone(),
                    format_fen(p.amount_fen),
                    p.method.clone(),
                ]
            })
        })
        .collect();
    payments.sort();
    let doc = CardDoc {
        firm: firm_or_blank(store),
        title: strings::statement_title(&c.name),
        printed_on: strings::labelled(
            S::PrintDate.t(),
            &strings::show_date(&crate::store::today().to_string()),
        ),
        fields,
        body: Vec::new(),
        sections: vec![
            Section {
                heading: S::TabContracts.t().into(),
                headers: [
                    S::ContractNumber,
                    S::ContractTitle,
                    S::ContractSignedOn,
                    S::ContractAmountShort,
                    S::ContractReceived,
                    S::ContractBalance,
                ]
                .iter()
                .map(|s| s.t().to_string())
                .collect(),
                weights: vec![1.2, 2.4, 1.0, 1.2, 1.2, 1.2],
                rows: contract_rows,
                empty: S::NoneYet.t().into(),
            },
            Section {
                heading: S::PaymentPlan.t().into(),
                headers: [
                    S::ContractNumber,
                    S::PlanDue,
                    S::PlanAmount,
                    S::PlanUnpaid,
                    S::PlanLate,
                ]
                .iter()
                .map(|s| s.t().to_string())
                .collect(),
                weights: vec![1.2, 1.0, 1.2, 1.2, 1.0],
                rows: rows.into_iter().map(Vec::from).collect(),
                empty: S::NoneYet.t().into(),
            },
            Section {
                heading: S::Payments.t().into(),
                headers: [S::PayDate, S::ContractNumber, S::PayAmount, S::PayMethod]
                    .iter()
                    .map(|s| s.t().to_string())
                    .collect(),
                weights: vec![1.0, 1.2, 1.2, 1.2],
                rows: payments,
                empty: S::NoneYet.t().into(),
            },
        ],
        closing: vec![S::StatementConfirm.t().into(), S::ContractSignB.t().into()],
        page_of: S::PrintPageOf.t().into(),
    };
    Ok(card::layout_card(
        &doc,
        setup,
        &font::FontMetrics::bundled(),
    ))
}

/// The 催款函 to a customer for what is overdue as of `as_of`.
pub fn reminder_pages(
    store: &Store,
    customer_id: i64,
    as_of: chrono::NaiveDate,
    setup: &PageSetup,
) -> Result<Vec<Page>, crate::store::StoreError> {
    let (c, _) = store.customer(customer_id)?;
    let (_, rows, overdue) = installments(store, customer_id, as_of)?;
    let firm = firm_or_blank(store);
    let day = strings::show_date(&as_of.format("%Y-%m-%d").to_string());
    let fields = vec![
        (S::StatementTo.t().to_string(), c.name.clone()),
        (S::StatementOverdue.t().to_string(), format_fen(overdue)),
        (
            S::StatementOwedWords.t().to_string(),
            crate::domain::rmb::rmb_upper(overdue),
        ),
    ];
    let late: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| !r[4].is_empty())
        .map(Vec::from)
        .collect();
    let doc = CardDoc {
        firm: firm.clone(),
        title: S::ReminderTitle.t().into(),
        printed_on: strings::labelled(
            S::PrintDate.t(),
            &strings::show_date(&crate::store::today().to_string()),
        ),
        fields,
        body: vec![strings::reminder_text(
            &c.name,
            &day,
            &format_fen(overdue),
            &firm,
        )],
        sections: vec![Section {
            heading: S::ReminderItems.t().into(),
            headers: [
                S::ContractNumber,
                S::PlanDue,
                S::PlanAmount,
                S::PlanUnpaid,
                S::PlanLate,
            ]
            .iter()
            .map(|s| s.t().to_string())
            .collect(),
            weights: vec![1.2, 1.0, 1.2, 1.2, 1.0],
            rows: late,
            empty: S::NoneYet.t().into(),
        }],
        closing: vec![strings::reminder_signature(&firm, &day)],
        page_of: S::PrintPageOf.t().into(),
    };
    Ok(card::layout_card(
        &doc,
        setup,
        &font::FontMetrics::bundled(),
    ))
}

/// Prints a statement or a reminder letter to a PDF file.
pub fn print_collection(
    store: &Store,
    customer_id: i64,
    as_of: chrono::NaiveDate,
    reminder: bool,
    setup: &PageSetup,
    path: &Path,
) -> Result<Printed, String> {
    let pages = if reminder {
        reminder_pages(store, customer_id, as_of, setup)
    } else {
        statement_pages(store, customer_id, as_of, setup)
    }
    .map_err(|e| e.message())?;
    let title = if reminder {
        S::ReminderTitle
    } else {
        S::StatementTitle
    };
    pdf::write_pdf(&pages, setup, title.t(), path).map_err(|e| strings::cannot_write(&e))?;
    Ok(Printed::of(&pages))
}
