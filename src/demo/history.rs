//! The demo's receivables: three years of contracts with payment plans, payments in
//! full, in part or not at all, and the collection calls made about what is overdue;
//! and ten years of buying for most other customers (some keep buying, some stop, a
//! few come back), so that 客户分析 has churn, retention and segments to show.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::store::{Result, Store};

/// A contract held for approval, dated as it would have happened: submitted one to six
/// days before its signing, approved two hours to four days later (its own random
/// numbers, so the rest of the demo stays as it was).
fn date_approval(store: &mut Store, id: i64, signed: chrono::NaiveDate) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(id as u64 * 7919);
    let Some(nine) = signed.and_hms_opt(9, 0, 0) else {
        return Ok(());
    };
    let submitted = nine - chrono::Duration::days(rng.random_range(1..=6))
        + chrono::Duration::minutes(rng.random_range(0..480));
    let approved = (submitted + chrono::Duration::minutes(rng.random_range(120..=5760)))
        .min(chrono::Local::now().naive_local());
    let at = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
    store.date_approval_for_demo(id, &at(submitted), &at(approved))
}

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
                if store
                    .move_contract(id, Transition::Approve, "老客户，信用良好，同意")
                    .is_ok()
                {
                    date_approval(store, id, signed)?;
                }
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
                let on = due + chrono::Duration::days(rng.random_range(-10..40));
                if on < signed {
                    continue;
                }
                // Not paid yet (the day is still to come).
                if on > today {
                    paid_all = false;
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

/// Ten years of yearly buying for most customers not in the receivables history: each
/// starts buying in some year, buys again the next year three times in four, comes
/// back after a gap now and then, and may stop for good. Every contract is paid in full
/// and the older ones completed, so 应收账款 is not changed by them.
pub(super) fn add_buying_years(store: &mut Store) -> Result<()> {
    use crate::domain::contract::{Contract, ContractStatus, Payment, Transition};
    use chrono::Datelike;
    let today = crate::store::today();
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let customers = store.customer_page(&Default::default(), 0, 400)?;
    let mut rng = StdRng::seed_from_u64(20);
    let titles = [
        "年度采购合同",
        "产品供货合同",
        "服务续约合同",
        "追加订货合同",
    ];
    let first_year = today.year() - 9;
    let mut seq = 2000;
    for (_, row) in customers
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 != 0)
        .take(170)
    {
        // The customer's size: most small, some middling, a few large.
        let base: i64 = match rng.random_range(0..10) {
            0..=5 => rng.random_range(2..10),
            6..=8 => rng.random_range(10..40),
            _ => rng.random_range(40..120),
        } * 1_000_000;
        let start = rng.random_range(first_year..=today.year());
        let mut bought_last = false;
        for year in start..=today.year() {
            let buys = if year == start {
                true
            } else if bought_last {
                rng.random_bool(0.75)
            } else {
                rng.random_bool(0.2)
            };
            bought_last = buys;
            if buys {
                let n = 1 + usize::from(rng.random_bool(0.35)) + usize::from(rng.random_bool(0.1));
                for _ in 0..n {
                    let day0 = chrono::NaiveDate::from_ymd_opt(year, 1, 1).expect("a year");
                    let signed = day0 + chrono::Duration::days(rng.random_range(0..365));
                    if signed >= today {
                        continue;
                    }
                    seq += 1;
                    let amount = base * rng.random_range(70..=130) / 100;
                    let id = store.save_contract(&Contract {
                        number: format!("HT-{year}-{seq:04}"),
                        customer_id: Some(row.id),
                        title: titles[seq % titles.len()].into(),
                        signed_on: iso(signed),
                        starts_on: iso(signed),
                        ends_on: iso(signed + chrono::Duration::days(365)),
                        amount_fen: amount,
                        salesperson: row.owner.clone(),
                        ..Default::default()
                    })?;
                    if store.move_contract(id, Transition::Submit, "")? != ContractStatus::Approved
                        && store.move_contract(id, Transition::Approve, "同意").is_ok()
                    {
                        date_approval(store, id, signed)?;
                    }
                    let paid = signed + chrono::Duration::days(rng.random_range(5..60));
                    // Signed lately: the money is still to come.
                    if paid <= today {
                        let _ = store.add_payment(
                            id,
                            &Payment {
                                id: None,
                                paid_on: iso(paid),
                                amount_fen: amount,
                                method: "银行转账".into(),
                                note: "全款".into(),
                            },
                        );
                    }
                    // In force once signed; the older ones done.
                    let _ = store.move_contract(id, Transition::Start, "");
                    if signed < today - chrono::Duration::days(200) {
                        let _ = store.move_contract(id, Transition::Complete, "");
                    }
                }
            }
            // Some stop buying for good.
            if rng.random_bool(0.06) {
                break;
            }
        }
    }
    Ok(())
}

/// Some of the customers who bought last year and not this year left with a complaint
/// still open: one or two each, dated after their last purchase, so the 挽回名单 shows
/// why a valuable customer may have gone.
pub(super) fn add_win_back_causes(store: &mut Store) -> Result<()> {
    use crate::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    use crate::domain::value::{PeriodKind, lost_in};
    let today = crate::store::today();
    let purchases = store.purchases()?;
    let lost = lost_in(
        &purchases,
        PeriodKind::Year,
        PeriodKind::Year.start_of(today),
        today,
    );
    let complaints = [
        ("交货延迟", "两批货分别晚到 5 天和 9 天，对方生产线停工。"),
        ("质量问题", "部分产品外观划伤，要求退换。"),
        ("售后响应慢", "设备故障报修后三天无人上门。"),
    ];
    for (i, cid) in lost.iter().step_by(4).enumerate() {
        let Some(last) = purchases
            .iter()
            .filter(|p| p.customer == *cid)
            .map(|p| p.on)
            .max()
        else {
            continue;
        };
        for k in 0..=(i % 2) {
            let (subject, content) = complaints[(i + k) % complaints.len()];
            let at = (last + chrono::Duration::days(20 + 25 * k as i64)).min(today);
            let owner = store.customer(*cid)?.0.owner;
            store.save_feedback(&Feedback {
                customer_id: Some(*cid),
                at: format!("{} 14:00", at.format("%Y-%m-%d")),
                kind: FeedbackKind::Complaint,
                channel: "电话".into(),
                subject: subject.into(),
                content: content.into(),
                status: if k == 0 {
                    FollowStatus::Open
                } else {
                    FollowStatus::InProgress
                },
                // Left without a deadline when the customer stopped buying: shown in
                // the 挽回名单, not as follow-ups years overdue on 工作台.
                due_on: String::new(),
                reported_by: owner.clone(),
                responsible: owner,
                ..Default::default()
            })?;
        }
    }
    Ok(())
}

/// The salespeople's visits and calls: two years of contacts for most customers, the
/// last one recent for most and too long ago for some (久未联系 on 工作台), a few
/// visits planned for the coming days (本周跟进).
pub(super) fn add_contact_history(store: &mut Store) -> Result<()> {
    use crate::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    let today = crate::store::today();
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let customers = store.customer_page(&Default::default(), 0, 400)?;
    let mut rng = StdRng::seed_from_u64(21);
    let notes = [
        (
            FeedbackKind::Visit,
            "季度拜访",
            "了解明年采购计划，对方关注交货周期和价格。",
        ),
        (
            FeedbackKind::Call,
            "电话回访",
            "询问近期使用情况，无新问题。",
        ),
        (
            FeedbackKind::Visit,
            "送样品",
            "带去新款样品，对方技术部门试用。",
        ),
        (
            FeedbackKind::Call,
            "节日问候",
            "致电问候，顺带确认下季度订单。",
        ),
        (
            FeedbackKind::Satisfaction,
            "满意度回访",
            "整体满意，希望缩短售后响应时间。",
        ),
    ];
    for row in &customers {
        // One customer in twenty-five has not been contacted in two years.
        if rng.random_range(0..25) == 0 {
            continue;
        }
        let c = store.customer(row.id)?.0;
        let owner = c.owner;
        // The last contact within what the grade allows for most, a little longer ago
        // for about one in seven; earlier ones every one to four months before it,
        // back two years.
        let limit = crate::domain::workbench::WorkSettings::default()
            .no_contact_limit(c.grade.code())
            .unwrap_or(90);
        let mut days_ago: i64 = rng.random_range(3..limit + limit / 6);
        while days_ago < 730 {
            let (kind, subject, content) = notes[rng.random_range(0..notes.len())];
            let at = today - chrono::Duration::days(days_ago);
            store.save_feedback(&Feedback {
                customer_id: Some(row.id),
                at: format!("{} {:02}:30", iso(at), rng.random_range(9..17)),
                kind,
                channel: if kind == FeedbackKind::Visit {
                    "面谈".into()
                } else {
                    "电话".into()
                },
                subject: subject.into(),
                content: content.into(),
                reported_by: owner.clone(),
                satisfaction: (kind == FeedbackKind::Satisfaction).then(|| rng.random_range(3..=5)),
                status: FollowStatus::Closed,
                responsible: owner.clone(),
                ..Default::default()
            })?;
            days_ago += rng.random_range(30..120);
        }
        // Now and then a visit planned for the coming days.
        if rng.random_range(0..12) == 0 {
            let due = today + chrono::Duration::days(rng.random_range(1..6));
            store.save_feedback(&Feedback {
                customer_id: Some(row.id),
                at: format!("{} 09:00", iso(today)),
                kind: FeedbackKind::Visit,
                channel: "面谈".into(),
                subject: "上门拜访".into(),
                content: "约好面谈续约事宜。".into(),
                reported_by: owner.clone(),
                status: FollowStatus::Open,
                responsible: owner.clone(),
                due_on: iso(due),
                ..Default::default()
            })?;
        }
    }
    Ok(())
}

/// Birthdays coming up whenever the demo is made: a contact's in two days, one by
/// the lunar calendar in four (its 农历 date written as a clerk would, with the year),
/// one without a year in six — so 生日与节日 shows each kind on first start.
pub(super) fn add_birthdays(store: &mut Store) -> Result<()> {
    use crate::domain::calendar::{BirthdayCalendar, birthday_text, lunar_of};
    let today = crate::store::today();
    let customers = store.customer_page(&Default::default(), 0, 40)?;
    let mut with_contacts = customers.iter().filter_map(|row| {
        let c = store.customer(row.id).ok()?.0;
        (!c.contacts.is_empty()).then_some(c)
    });
    let day = |n: i64| today + chrono::Duration::days(n);
    let fmt = |d: chrono::NaiveDate, year: Option<i32>| {
        use chrono::Datelike;
        birthday_text(year, d.month(), d.day())
    };
    let (lm, ld, leap) = lunar_of(day(4));
    let calendar = if leap {
        BirthdayCalendar::LunarLeap
    } else {
        BirthdayCalendar::Lunar
    };
    let plan = [
        (fmt(day(2), Some(1978)), BirthdayCalendar::Gregorian),
        (birthday_text(Some(1969), lm, ld), calendar),
        (fmt(day(6), None), BirthdayCalendar::Gregorian),
    ];
    let mut changed = Vec::new();
    for (birthday, calendar) in plan {
        let Some(mut c) = with_contacts.next() else {
            break;
        };
        let last = c.contacts.len() - 1;
        c.contacts[last].birthday = birthday;
        c.contacts[last].birthday_calendar = calendar.code().into();
        changed.push(c);
    }
    drop(with_contacts);
    for c in changed {
        store.save_customer(&c)?;
    }
    Ok(())
}
