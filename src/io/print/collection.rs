//! Papers for collecting money: the 对账单 (statement: a customer's counted contracts,
//! their installments with what is unpaid and how late, the payments received, the
//! balance) and the 催款函 (reminder letter: the overdue amount in figures and in
//! Chinese capitals, what it is for, and the firm's name).

use super::card::{self, CardDoc, Section};
use super::layout::{Page, PageSetup};
use super::*;
use crate::domain::contract::{counts, unpaid};
use crate::domain::money::format_fen;

/// What a customer's papers show as of a date, worked out once: its counted contracts
/// signed by then, what was received on each by then, every installment with what that
/// leaves unpaid of it (oldest-due first) and how late it is.
struct Collected {
    /// Each contract with what was received on it by the date.
    contracts: Vec<(crate::store::contracts::ContractRecord, i64)>,
    /// Contract number, 到期日, amount, unpaid, days late (empty when not late).
    installments: Vec<Vec<String>>,
    owed: i64,
    overdue: i64,
}

fn collect(
    store: &Store,
    customer_id: i64,
    as_of: chrono::NaiveDate,
) -> Result<Collected, crate::store::StoreError> {
    let day = as_of.format("%Y-%m-%d").to_string();
    let mut out = Collected {
        contracts: Vec::new(),
        installments: Vec::new(),
        owed: 0,
        overdue: 0,
    };
    for r in store.contracts_of_customer(customer_id)? {
        if !counts(r.contract.status) || r.contract.signed_on > day {
            continue;
        }
        let paid: i64 = r
            .payments
            .iter()
            .filter(|p| p.paid_on <= day)
            .map(|p| p.amount_fen)
            .sum();
        let left = unpaid(&r.contract.plan, paid);
        for (inst, left) in r.contract.plan.iter().zip(left) {
            let late = crate::domain::validate::parse_date(&inst.due_on)
                .map(|d| (as_of - d).num_days())
                .unwrap_or(0);
            let is_late = left > 0 && late > 0;
            out.owed += left;
            if is_late {
                out.overdue += left;
            }
            out.installments.push(vec![
                r.contract.number.clone(),
                strings::show_date(&inst.due_on),
                format_fen(inst.amount_fen),
                format_fen(left),
                if is_late {
                    strings::days_late(late)
                } else {
                    String::new()
                },
            ]);
        }
        out.contracts.push((r, paid));
    }
    Ok(out)
}

/// Installments as a table: contract, 到期日, amount, unpaid, how late.
fn installments_section(heading: S, rows: Vec<Vec<String>>) -> Section {
    Section {
        heading: heading.t().into(),
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
        rows,
        empty: S::NoneYet.t().into(),
    }
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
    let got = collect(store, customer_id, as_of)?;
    let iso = as_of.format("%Y-%m-%d").to_string();
    let day = strings::show_date(&iso);
    let fields = vec![
        (S::StatementTo.t().to_string(), c.name.clone()),
        (S::AsOf.t().to_string(), day.clone()),
        (S::CreditOwed.t().to_string(), format_fen(got.owed)),
        (
            S::StatementOwedWords.t().to_string(),
            crate::domain::rmb::rmb_upper(got.owed),
        ),
        (S::StatementOverdue.t().to_string(), format_fen(got.overdue)),
    ];
    let contract_rows = got
        .contracts
        .iter()
        .map(|(r, paid)| {
            vec![
                r.contract.number.clone(),
                r.contract.title.clone(),
                strings::show_date(&r.contract.signed_on),
                format_fen(r.contract.amount_fen),
                format_fen(*paid),
                format_fen(r.contract.amount_fen - paid),
            ]
        })
        .collect();
    // The payments received by the date, oldest first.
    let mut payments: Vec<(String, Vec<String>)> = got
        .contracts
        .iter()
        .flat_map(|(r, _)| {
            r.payments.iter().filter(|p| p.paid_on <= iso).map(|p| {
                (
                    p.paid_on.clone(),
                    vec![
                        strings::show_date(&p.paid_on),
                        r.contract.number.clone(),
                        format_fen(p.amount_fen),
                        p.method.clone(),
                    ],
                )
            })
        })
        .collect();
    payments.sort();
    let payments: Vec<Vec<String>> = payments.into_iter().map(|(_, row)| row).collect();
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
            installments_section(S::PaymentPlan, got.installments),
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
    let got = collect(store, customer_id, as_of)?;
    let overdue = got.overdue;
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
    let late: Vec<Vec<String>> = got
        .installments
        .into_iter()
        .filter(|r| !r[4].is_empty())
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
        sections: vec![installments_section(S::ReminderItems, late)],
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
