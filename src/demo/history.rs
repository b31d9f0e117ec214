//! The demo's receivables: three years of contracts with payment plans, payments in
//! full, in part or not at all, and the collection calls made about what is overdue.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::store::{Result, Store};

/// Three years of smaller contracts for about a hundred customers: each with a payment
/// plan of one to three installments, most paid, some in part, some not at all, so
/// that 应收账款 has money in every bucket and a few customers are held for credit.
pub(super) fn add_contract_history(store: &mut Store) -> Result<()> {
    use crate::domain::contract::{Contract, ContractStatus, Installment, Payment, Transition};
    let today = crate::store::today();
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let customers = store.customer_page(&Default::default(), 0, 400)?;
    let mut rng = StdRng::seed_from_u64(19);
    let titles = [
        "设备采购合同",
        "年度供货合同",
        "技术服务合同",
        "配件框架协议",
        "维保服务合同",
    ];
    let mut seq = 100;
    for row in customers.iter().step_by(3).take(110) {
        for _ in 0..rng.random_range(1..=3) {
            seq += 1;
            let signed = today - chrono::Duration::days(rng.random_range(20..1100));
            let amount = rng.random_range(5..45) * 100_000i64;
            let at = |days: i64| iso(signed + chrono::Duration::days(days));
            let plan = match rng.random_range(0..3) {
                0 => Vec::new(),
                1 => vec![
                    Installment {
                        due_on: at(30),
                        amount_fen: amount * 3 / 10,
                        note: "预付款".into(),
                    },
                    Installment {
                        due_on: at(120),
                        amount_fen: amount - amount * 3 / 10,
                        note: "验收款".into(),
                    },
                ],
                _ => vec![
                    Installment {
                        due_on: at(15),
                        amount_fen: amount * 3 / 10,
                        note: "预付款".into(),
                    },
                    Installment {
                        due_on: at(90),
                        amount_fen: amount * 6 / 10,
                        note: "到货款".into(),
                    },
                    Installment {
                        due_on: at(400),
                        amount_fen: amount - amount * 9 / 10,
                        note: "质保金".into(),
                    },
                ],
            };
            let id = store.save_contract(&Contract {
                number: format!("HT-{}-{seq:04}", signed.format("%Y")),
                customer_id: Some(row.id),
                title: titles[seq % titles.len()].into(),
                signed_on: iso(signed),
                starts_on: iso(signed),
                ends_on: at(365),
                amount_fen: amount,
                salesperson: row.owner.clone(),
                plan,
                ..Default::default()
            })?;
            if store.move_contract(id, Transition::Submit, "")? == ContractStatus::Submitted {
                // Held for credit: approved by a supervisor (a clerk filling the demo
                // leaves it waiting).
                let _ = store.move_contract(id, Transition::Approve, "老客户，信用良好，同意");
            }
            // Most pay in full, some in part, some nothing yet.
            let plan = store.contract(id)?.contract.plan;
            let share = match rng.random_range(0..10) {
                0..=4 => plan.len(),
                5..=7 => plan.len().saturating_sub(1),
                _ => 0,
            };
            let mut paid_all = share == plan.len();
            for inst in plan.iter().take(share) {
                let due = crate::domain::validate::parse_date(&inst.due_on).unwrap_or(signed);
                let on = (due + chrono::Duration::days(rng.random_range(-10..40))).min(today);
                if on < signed {
                    continue;
                }
                let p = Payment {
                    id: None,
                    paid_on: iso(on),
                    amount_fen: inst.amount_fen,
                    method: "银行转账".into(),
                    note: inst.note.clone(),
                };
                if store.add_payment(id, &p).is_err() {
                    paid_all = false;
                }
            }
            if paid_all && signed < today - chrono::Duration::days(400) {
                let _ = store.move_contract(id, Transition::Complete, "");
            }
        }
    }
    // The salespeople have chased some of the money overdue: promises kept for next
    // week, and some that have already passed unpaid.
    use crate::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    for (i, row) in store.ageing(today)?.iter().take(16).enumerate() {
        let overdue: i64 = row.buckets[1..].iter().sum();
        if overdue == 0 {
            continue;
        }
        let promised = today + chrono::Duration::days([7, -12, 3, -30][i % 4]);
        store.save_feedback(&Feedback {
            customer_id: Some(row.customer_id),
            at: format!("{} 10:30", iso(promised - chrono::Duration::days(14))),
            kind: FeedbackKind::Collection,
            channel: "电话".into(),
            subject: "催收到期欠款".into(),
            content: "财务说月底前安排付款。".into(),
            reported_by: row.owner.clone(),
            responsible: row.owner.clone(),
            status: FollowStatus::InProgress,
            due_on: iso(promised),
            promised_on: iso(promised),
            promised_fen: overdue.min(5_000_000),
            ..Default::default()
        })?;
    }
    Ok(())
}
