//! 工作台's rules, each against small hand-made records as of a fixed day (Wednesday
//! 2026-06-10): what is listed in which section, what is not, and in which order.

mod common;

use chrono::NaiveDate;
use common::{customer, temp_store};
use kehu::domain::contract::{Contract, Installment, Payment, Transition};
use kehu::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
use kehu::domain::workbench::{Opens, Section, WorkLine, WorkSettings};
use kehu::domain::{Contact, Customer, CustomerCategory, CustomerStatus, Grade, Role};
use kehu::store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-06-10";

fn list(store: &Store) -> Vec<WorkLine> {
    store.work_list(d(TODAY), &WorkSettings::default()).unwrap()
}

/// The lines of one section as (what, days).
fn section(lines: &[WorkLine], s: Section) -> Vec<(String, i64)> {
    lines
        .iter()
        .filter(|l| l.section == s)
        .map(|l| (l.what.clone(), l.days))
        .collect()
}

fn follow_up(store: &mut Store, cid: i64, subject: &str, due: &str, status: FollowStatus) -> i64 {
    store
        .save_feedback(&Feedback {
            customer_id: Some(cid),
            at: "2026-05-01 09:00".into(),
            kind: FeedbackKind::Call,
            subject: subject.into(),
            status,
            due_on: due.into(),
            responsible: "王强".into(),
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn follow_ups_are_overdue_due_today_or_due_this_week() {
    let (_dir, mut store) = temp_store();
    let cid = store.save_customer(&customer("华东机电有限公司")).unwrap();
    let late = follow_up(
        &mut store,
        cid,
        "回复报价",
        "2026-06-01",
        FollowStatus::Open,
    );
    follow_up(
        &mut store,
        cid,
        "寄样品",
        "2026-06-09",
        FollowStatus::InProgress,
    );
    follow_up(&mut store, cid, "电话回访", TODAY, FollowStatus::Open);
    follow_up(
        &mut store,
        cid,
        "周日前确认",
        "2026-06-14",
        FollowStatus::Open,
    );
    // Next week, closed, resolved, without a due date, in the trash: not listed.
    follow_up(
        &mut store,
        cid,
        "下周的事",
        "2026-06-15",
        FollowStatus::Open,
    );
    follow_up(
        &mut store,
        cid,
        "已关闭",
        "2026-06-01",
        FollowStatus::Closed,
    );
    follow_up(
        &mut store,
        cid,
        "已解决",
        "2026-06-01",
        FollowStatus::Resolved,
    );
    follow_up(&mut store, cid, "没有期限", "", FollowStatus::Open);
    let gone = follow_up(&mut store, cid, "删掉的", "2026-06-01", FollowStatus::Open);
    store.trash_feedback(gone).unwrap();

    let lines = list(&store);
    assert_eq!(
        section(&lines, Section::OverdueFollowUp),
        [("回复报价".to_string(), 9), ("寄样品".to_string(), 1)],
        "the longest overdue first"
    );
    assert_eq!(
        section(&lines, Section::TodayFollowUp),
        [("电话回访".to_string(), 0)]
    );
    assert_eq!(
        section(&lines, Section::WeekFollowUp),
        [("周日前确认".to_string(), 4)]
    );
    let first = &lines[0];
    assert_eq!(first.opens, Opens::Feedback(late));
    assert_eq!(
        (first.customer.as_str(), first.owner.as_str()),
        ("华东机电有限公司", "王强")
    );
}

fn contract(
    store: &mut Store,
    cid: i64,
    number: &str,
    signed: &str,
    ends: &str,
    plan: &[(&str, i64)],
) -> i64 {
    let amount: i64 = plan.iter().map(|p| p.1).sum::<i64>().max(1_000);
    store
        .save_contract(&Contract {
            number: number.into(),
            customer_id: Some(cid),
            title: "设备采购".into(),
            signed_on: signed.into(),
            ends_on: ends.into(),
            amount_fen: amount * 100,
            salesperson: "李娜".into(),
            plan: plan
                .iter()
                .map(|(due, yuan)| Installment {
                    due_on: (*due).into(),
                    amount_fen: yuan * 100,
                    note: String::new(),
                })
                .collect(),
            ..Default::default()
        })
        .unwrap()
}

fn approve(store: &mut Store, id: i64) {
    store.move_contract(id, Transition::Submit, "").unwrap();
    let now = store.contract(id).unwrap().contract.status;
    if now == kehu::domain::contract::ContractStatus::Submitted {
        store
            .move_contract(id, Transition::Approve, "同意")
            .unwrap();
    }
}

#[test]
fn payments_late_or_due_within_a_week_are_listed_a_line_per_contract() {
    let (_dir, mut store) = temp_store();
    let cid = store.save_customer(&customer("华东机电有限公司")).unwrap();
    // Two installments late (one paid in part), one due in 5 days, one in 8.
    let a = contract(
        &mut store,
        cid,
        "HT-A",
        "2026-04-01",
        "",
        &[
            ("2026-05-01", 10_000),
            ("2026-06-05", 5_000),
            ("2026-07-30", 1_000),
        ],
    );
    approve(&mut store, a);
    store
        .add_payment(
            a,
            &Payment {
                paid_on: "2026-05-20".into(),
                amount_fen: 4_000 * 100,
                ..Default::default()
            },
        )
        .unwrap();
    let b = contract(
        &mut store,
        cid,
        "HT-B",
        "2026-04-01",
        "",
        &[("2026-06-15", 2_000)],
    );
    approve(&mut store, b);
    let c = contract(
        &mut store,
        cid,
        "HT-C",
        "2026-04-01",
        "",
        &[("2026-06-18", 3_000)],
    );
    approve(&mut store, c);
    // A draft owes nothing yet.
    contract(
        &mut store,
        cid,
        "HT-D",
        "2026-04-01",
        "",
        &[("2026-05-01", 7_000)],
    );

    let lines = list(&store);
    let late: Vec<&WorkLine> = lines
        .iter()
        .filter(|l| l.section == Section::OverduePayments)
        .collect();
    assert_eq!(late.len(), 1, "{late:?}");
    assert_eq!(late[0].opens, Opens::Contract(a));
    assert_eq!(
        late[0].amount_fen,
        Some((6_000 + 5_000) * 100),
        "unpaid of both"
    );
    assert_eq!(late[0].days, 40, "from the oldest due date, 2026-05-01");
    let due: Vec<&WorkLine> = lines
        .iter()
        .filter(|l| l.section == Section::PaymentsDue)
        .collect();
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(
        (due[0].opens, due[0].amount_fen, due[0].days),
        (Opens::Contract(b), Some(2_000 * 100), 5)
    );
}

#[test]
fn contracts_ending_within_thirty_days_unless_renewed() {
    let (_dir, mut store) = temp_store();
    let one = store.save_customer(&customer("华东机电有限公司")).unwrap();
    let two = store
        .save_customer(&customer("宁波海川进出口有限公司"))
        .unwrap();
    let ending = contract(&mut store, one, "HT-1", "2025-07-01", "2026-06-30", &[]);
    approve(&mut store, ending);
    let later = contract(&mut store, one, "HT-2", "2025-07-01", "2026-07-11", &[]);
    approve(&mut store, later);
    // 宁波's contract ends in 5 days but a new one is signed: renewed.
    let renewed = contract(&mut store, two, "HT-3", "2025-06-15", "2026-06-15", &[]);
    approve(&mut store, renewed);
    contract(&mut store, two, "HT-4", "2026-06-01", "2027-06-15", &[]);

    let lines = list(&store);
    assert_eq!(
        section(&lines, Section::EndingContracts),
        [("HT-1 设备采购".to_string(), 20)]
    );
}

#[test]
fn approvals_wait_for_a_supervisor_only() {
    let (_dir, mut store) = temp_store();
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store
        .add_user("boss", "李主管", Role::Supervisor, "boss-pass")
        .unwrap();
    let cid = store.save_customer(&customer("华东机电有限公司")).unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    let big = contract(
        &mut store,
        cid,
        "HT-9",
        "2026-06-01",
        "",
        &[("2026-09-01", 900_000)],
    );
    store.move_contract(big, Transition::Submit, "").unwrap();
    assert!(
        section(&list(&store), Section::Approvals).is_empty(),
        "a clerk approves nothing"
    );
    store.sign_in("boss", "boss-pass").unwrap();
    let lines = list(&store);
    let waiting: Vec<&WorkLine> = lines
        .iter()
        .filter(|l| l.section == Section::Approvals)
        .collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].opens, Opens::Contract(big));
    assert_eq!(waiting[0].amount_fen, Some(900_000 * 100));
}

fn graded(name: &str, grade: Grade, recorded: &str) -> Customer {
    Customer {
        grade,
        recorded_on: recorded.into(),
        owner: "赵磊".into(),
        ..customer(name)
    }
}

fn contacted(store: &mut Store, cid: i64, at: &str) {
    store
        .save_feedback(&Feedback {
            customer_id: Some(cid),
            at: at.into(),
            kind: FeedbackKind::Visit,
            subject: "拜访".into(),
            status: FollowStatus::Closed,
            ..Default::default()
        })
        .unwrap();
}

#[test]
fn customers_not_contacted_for_longer_than_their_grade_allows() {
    let (_dir, mut store) = temp_store();
    let a_late = store
        .save_customer(&graded("甲一公司", Grade::A, "2020-01-01"))
        .unwrap();
    contacted(&mut store, a_late, "2026-05-10 10:00"); // 31 days
    let a_ok = store
        .save_customer(&graded("甲二公司", Grade::A, "2020-01-01"))
        .unwrap();
    contacted(&mut store, a_ok, "2026-05-11 10:00"); // 30 days: still within
    // A visit planned for next week is not a contact.
    contacted(&mut store, a_late, "2026-06-17 10:00");
    let d_ok = store
        .save_customer(&graded("丁一公司", Grade::D, "2020-01-01"))
        .unwrap();
    contacted(&mut store, d_ok, "2026-01-01 10:00"); // 160 days, D allows 180
    // Never contacted: counted from 建档日期.
    store
        .save_customer(&graded("乙一公司", Grade::B, "2026-03-01"))
        .unwrap();
    store
        .save_customer(&graded("乙二公司", Grade::B, "2026-05-01"))
        .unwrap();
    // Prospects and lost customers are left out.
    store
        .save_customer(&Customer {
            category: CustomerCategory::Prospect,
            ..graded("潜在公司", Grade::A, "2020-01-01")
        })
        .unwrap();
    store
        .save_customer(&Customer {
            status: CustomerStatus::Lost,
            ..graded("流失公司", Grade::A, "2020-01-01")
        })
        .unwrap();

    let lines = list(&store);
    let names: Vec<(String, i64)> = lines
        .iter()
        .filter(|l| l.section == Section::NoContact)
        .map(|l| (l.customer.clone(), l.days))
        .collect();
    assert_eq!(
        names,
        [("乙一公司".to_string(), 101), ("甲一公司".to_string(), 31)],
        "the longest ago first"
    );
    let line = lines.iter().find(|l| l.customer == "甲一公司").unwrap();
    assert_eq!(
        (line.what.as_str(), line.owner.as_str(), line.opens),
        ("A", "赵磊", Opens::Customer(a_late))
    );
}

#[test]
fn birthdays_within_a_week_and_29_february_on_the_28th() {
    let (_dir, mut store) = temp_store();
    let person = |name: &str, birthday: &str| Contact {
        name: name.into(),
        birthday: birthday.into(),
        ..Default::default()
    };
    store
        .save_customer(&Customer {
            contacts: vec![
                person("刘海燕", "1980-06-13"),
                person("陈刚", "1975-06-10"),
                person("周敏", "1990-06-18"),
                person("吴迪", "1985-01-05"),
            ],
            ..customer("华东机电有限公司")
        })
        .unwrap();
    let lines = list(&store);
    assert_eq!(
        section(&lines, Section::Birthdays),
        [
            ("陈刚".to_string(), 0),
            ("刘海燕".to_string(), 3),
            ("端午节".to_string(), 9)
        ],
        "today's first; 8 days ahead is not listed; then the next holiday"
    );
    // 2月29日 in a year without it: on 2月28日, listed from a week before.
    let s = WorkSettings::default();
    store
        .save_customer(&Customer {
            contacts: vec![person("闰日", "1988-02-29")],
            ..customer("宁波海川进出口有限公司")
        })
        .unwrap();
    let feb = store.work_list(d("2027-02-21"), &s).unwrap();
    let leap: Vec<&WorkLine> = feb.iter().filter(|l| l.what == "闰日").collect();
    assert_eq!(leap.len(), 1);
    assert_eq!(leap[0].date, Some(d("2027-02-28")));
}

#[test]
fn the_rules_numbers_are_kept_and_bad_ones_refused() {
    let (_dir, mut store) = temp_store();
    assert_eq!(store.work_settings().unwrap(), WorkSettings::default());
    let s = WorkSettings {
        no_contact_days: [14, 60, 90, 180],
        ..Default::default()
    };
    store.set_work_settings(&s).unwrap();
    assert_eq!(store.work_settings().unwrap(), s);
    let bad = WorkSettings {
        ending_days: 0,
        ..Default::default()
    };
    assert!(store.set_work_settings(&bad).is_err());
    assert_eq!(
        store.work_settings().unwrap(),
        s,
        "the refused one is not kept"
    );
    // A clerk cannot change them (as with every setting).
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    assert!(matches!(
        store.set_work_settings(&WorkSettings::default()),
        Err(kehu::store::StoreError::NotAllowed)
    ));
    assert_eq!(store.work_settings().unwrap(), s);
}

fn line_of<'a>(lines: &'a [WorkLine], what: &str) -> &'a WorkLine {
    lines
        .iter()
        .find(|l| l.what == what)
        .unwrap_or_else(|| panic!("no line {what} in {lines:?}"))
}

/// The sections read first (all but 久未联系) are handed over before the list is
/// whole: in the sections' order, without lines put off, and the same as the whole
/// list's; the whole list adds 久未联系 in its place.
#[test]
fn the_first_sections_come_before_the_whole_list() {
    let (_dir, mut store) = temp_store();
    let cid = store
        .save_customer(&graded("华东机电有限公司", Grade::A, "2020-01-01"))
        .unwrap();
    let late = store
        .save_customer(&graded("甲一公司", Grade::A, "2020-01-01"))
        .unwrap();
    contacted(&mut store, late, "2026-04-01 10:00");
    follow_up(
        &mut store,
        cid,
        "本周回访",
        "2026-06-12",
        FollowStatus::Open,
    );
    follow_up(
        &mut store,
        cid,
        "回复报价",
        "2026-06-01",
        FollowStatus::Open,
    );
    follow_up(
        &mut store,
        cid,
        "推迟的事",
        "2026-06-02",
        FollowStatus::Open,
    );
    let off = line_of(&list(&store), "推迟的事").clone();
    store
        .snooze_work(&off, kehu::store::today() + chrono::Duration::days(7))
        .unwrap();

    let mut first = None;
    let whole = store
        .work_list_as_it_comes(d(TODAY), &WorkSettings::default(), |lines| {
            first = Some(lines.to_vec())
        })
        .unwrap();
    let first = first.expect("the first sections were handed over");
    // (The next public holiday is always among the greetings.)
    let firsts: Vec<(Section, String)> = first
        .iter()
        .filter(|l| l.opens != Opens::Holiday)
        .map(|l| (l.section, l.what.clone()))
        .collect();
    assert_eq!(
        firsts,
        [
            (Section::OverdueFollowUp, "回复报价".to_string()),
            (Section::WeekFollowUp, "本周回访".to_string()),
        ],
        "in the sections' order, without the line put off or 久未联系"
    );
    let without_no_contact: Vec<WorkLine> = whole
        .iter()
        .filter(|l| l.section != Section::NoContact)
        .cloned()
        .collect();
    assert_eq!(without_no_contact, first);
    assert_eq!(whole, list(&store), "the same list as work_list");
    let sections: Vec<Section> = whole
        .iter()
        .filter(|l| l.opens != Opens::Holiday)
        .map(|l| l.section)
        .collect();
    assert_eq!(
        sections,
        [
            Section::OverdueFollowUp,
            Section::WeekFollowUp,
            Section::NoContact,
            Section::NoContact
        ],
        "久未联系 in its place: {whole:?}"
    );
}

/// 推迟: a line put off is not listed until its day, put off again the new day counts,
/// and a day not ahead is refused. Logged.
#[test]
fn a_line_put_off_comes_back_on_its_day() {
    let (_dir, mut store) = temp_store();
    let cid = store.save_customer(&customer("华东机电有限公司")).unwrap();
    let fid = follow_up(
        &mut store,
        cid,
        "回复报价",
        "2026-06-01",
        FollowStatus::Open,
    );
    let real_today = kehu::store::today();
    let week = real_today + chrono::Duration::days(7);
    let line = line_of(&list(&store), "回复报价").clone();
    assert!(matches!(
        store.snooze_work(&line, real_today),
        Err(kehu::store::StoreError::SnoozeNotAhead)
    ));
    store.snooze_work(&line, week).unwrap();
    let s = WorkSettings::default();
    let on = |store: &Store, day: NaiveDate| {
        store
            .work_list(day, &s)
            .unwrap()
            .iter()
            .any(|l| l.what == "回复报价")
    };
    assert!(!on(&store, d(TODAY)), "put off");
    assert!(!on(&store, week - chrono::Duration::days(1)));
    assert!(on(&store, week), "back on its day");
    // Put off again: the later day replaces the earlier.
    store
        .snooze_work(&line, week + chrono::Duration::days(7))
        .unwrap();
    assert!(!on(&store, week));
    assert!(
        store
            .history("work_snoozes", 1)
            .unwrap()
            .iter()
            .any(|e| e.field.as_deref() == Some("until")),
        "logged"
    );
    // The follow-up itself is unchanged.
    assert_eq!(store.feedback(fid).unwrap().status, FollowStatus::Open);
}

/// 完成: a follow-up closes with the note; a customer not contacted gets a contact
/// today and leaves 久未联系; a birthday greeted is off until after the day; a payment
/// line is refused (it is settled on its contract).
#[test]
fn done_closes_records_or_greets_and_refuses_the_rest() {
    let (_dir, mut store) = temp_store();
    let cid = store
        .save_customer(&Customer {
            contacts: vec![Contact {
                name: "刘海燕".into(),
                birthday: "1980-06-12".into(),
                ..Default::default()
            }],
            ..graded("华东机电有限公司", Grade::A, "2020-01-01")
        })
        .unwrap();
    let fid = follow_up(
        &mut store,
        cid,
        "回复报价",
        "2026-06-01",
        FollowStatus::Open,
    );
    let lines = list(&store);
    store
        .finish_work(line_of(&lines, "回复报价"), "已发报价单")
        .unwrap();
    let f = store.feedback(fid).unwrap();
    assert_eq!(f.status, FollowStatus::Closed);
    assert_eq!(f.resolution, "已发报价单");
    assert_eq!(
        f.resolved_on,
        kehu::store::today().format("%Y-%m-%d").to_string()
    );

    // 久未联系 as of today: the customer's only feedback is from 2026-05-01.
    let today = kehu::store::today();
    let s = WorkSettings::default();
    let now = store.work_list(today, &s).unwrap();
    let no_contact = now
        .iter()
        .find(|l| l.section == Section::NoContact)
        .expect("not contacted for months")
        .clone();
    store.finish_work(&no_contact, "电话确认下月订单").unwrap();
    let after = store.work_list(today, &s).unwrap();
    assert!(after.iter().all(|l| l.section != Section::NoContact));

    let birthday = line_of(&lines, "刘海燕").clone();
    assert_eq!(birthday.section, Section::Birthdays);
    // Greeted: put off until the day after (a snooze, so it is kept in the file).
    store.finish_work(&birthday, "").unwrap();
    assert!(
        store
            .history("work_snoozes", 1)
            .unwrap()
            .iter()
            .any(|e| e.action == "insert"),
        "the greeting is logged"
    );
    let greeted = store
        .work_list(d("2026-06-11"), &s)
        .unwrap()
        .iter()
        .any(|l| l.what == "刘海燕");
    assert!(!greeted, "not listed again before the day is past");
    let next_year = store
        .work_list(d("2027-06-08"), &s)
        .unwrap()
        .iter()
        .any(|l| l.what == "刘海燕");
    assert!(next_year, "next year's birthday comes round again");

    let k = contract(
        &mut store,
        cid,
        "HT-P",
        "2026-04-01",
        "",
        &[("2026-05-01", 1_000)],
    );
    approve(&mut store, k);
    let pay = list(&store)
        .into_iter()
        .find(|l| l.section == Section::OverduePayments)
        .unwrap();
    assert!(matches!(
        store.finish_work(&pay, ""),
        Err(kehu::store::StoreError::NotForThisLine)
    ));
    assert!(matches!(
        store.hand_over_work(&pay, "刘洋"),
        Err(kehu::store::StoreError::NotForThisLine)
    ));
}

/// 转给: a follow-up's 负责人, or the customer's 负责业务员 for 久未联系.
#[test]
fn a_line_handed_over_belongs_to_the_other_salesperson() {
    let (_dir, mut store) = temp_store();
    let cid = store
        .save_customer(&graded("华东机电有限公司", Grade::A, "2020-01-01"))
        .unwrap();
    let fid = follow_up(
        &mut store,
        cid,
        "回复报价",
        "2026-06-01",
        FollowStatus::Open,
    );
    let lines = list(&store);
    store
        .hand_over_work(line_of(&lines, "回复报价"), "刘洋")
        .unwrap();
    assert_eq!(store.feedback(fid).unwrap().responsible, "刘洋");
    let no_contact = lines
        .iter()
        .find(|l| l.section == Section::NoContact)
        .unwrap();
    assert_eq!(no_contact.owner, "赵磊");
    store.hand_over_work(no_contact, "刘洋").unwrap();
    assert_eq!(store.customer(cid).unwrap().0.owner, "刘洋");
    let again = list(&store);
    assert_eq!(line_of(&again, "回复报价").owner, "刘洋");
    assert!(
        store
            .history("customers", cid)
            .unwrap()
            .iter()
            .any(|e| e.field.as_deref() == Some("owner")),
        "logged"
    );
}

fn person(name: &str, birthday: &str, calendar: &str) -> Contact {
    Contact {
        name: name.into(),
        birthday: birthday.into(),
        birthday_calendar: calendar.into(),
        ..Default::default()
    }
}

/// The birthday lines (not the holidays) as (what, date).
fn birthdays_on(store: &Store, today: &str) -> Vec<(String, NaiveDate)> {
    store
        .work_list(d(today), &WorkSettings::default())
        .unwrap()
        .into_iter()
        .filter(|l| l.section == Section::Birthdays && l.opens != Opens::Holiday)
        .map(|l| (l.what, l.date.unwrap()))
        .collect()
}

/// A 农历 birthday is greeted on this year's Gregorian day of its lunar date (中秋 2026
/// is 9月25日, 2027 is 9月15日), once; a birthday without a year comes every year.
#[test]
fn lunar_birthdays_and_birthdays_without_a_year() {
    let (_dir, mut store) = temp_store();
    store
        .save_customer(&Customer {
            contacts: vec![
                person("周敏", "1969-08-15", "农历"),
                person("陈刚", "09-27", ""),
                // 八月十五 by the Gregorian calendar is not 中秋.
                person("吴迪", "1980-08-15", ""),
            ],
            ..customer("华东机电有限公司")
        })
        .unwrap();
    assert_eq!(
        birthdays_on(&store, "2026-09-21"),
        [
            ("周敏（农历八月十五）".to_string(), d("2026-09-25")),
            ("陈刚".to_string(), d("2026-09-27")),
        ]
    );
    assert_eq!(
        birthdays_on(&store, "2027-09-10"),
        [("周敏（农历八月十五）".to_string(), d("2027-09-15"))]
    );
    assert_eq!(
        birthdays_on(&store, "2027-09-26").len(),
        1,
        "陈刚 again, no year"
    );
    // Greeted: off until after the day, back next lunar year, never twice.
    let line = store
        .work_list(d("2026-09-21"), &WorkSettings::default())
        .unwrap()
        .into_iter()
        .find(|l| l.what.starts_with("周敏"))
        .unwrap();
    store.finish_work(&line, "").unwrap();
    assert!(
        birthdays_on(&store, "2026-09-22")
            .iter()
            .all(|(w, _)| !w.starts_with("周敏"))
    );
    assert_eq!(birthdays_on(&store, "2027-09-10").len(), 1);
}

/// Born in a leap month (2025 had 闰六月, from 7月25日): greeted in the leap month when
/// the year has it — not in the ordinary 六月 before it — and in 六月 in a year without.
#[test]
fn a_leap_month_birthday_comes_once_a_year() {
    let (_dir, mut store) = temp_store();
    store
        .save_customer(&Customer {
            contacts: vec![
                person("闰月生", "1984-06-01", "农历闰月"),
                person("六月生", "1984-06-01", "农历"),
            ],
            ..customer("华东机电有限公司")
        })
        .unwrap();
    assert_eq!(
        birthdays_on(&store, "2025-06-20"),
        [("六月生（农历六月初一）".to_string(), d("2025-06-25"))]
    );
    assert_eq!(
        birthdays_on(&store, "2025-07-20"),
        [("闰月生（农历闰六月初一）".to_string(), d("2025-07-25"))]
    );
    assert_eq!(
        birthdays_on(&store, "2026-07-10"),
        [
            ("六月生（农历六月初一）".to_string(), d("2026-07-14")),
            ("闰月生（农历六月初一）".to_string(), d("2026-07-14")),
        ]
    );
}

/// A birthday must be a day of its calendar: 2月30日 only as a lunar date; a month and
/// day without a year; never a day to come.
#[test]
fn birthdays_are_checked_by_their_calendar() {
    let (_dir, mut store) = temp_store();
    let save = |store: &mut Store, p: Contact| {
        store.save_customer(&Customer {
            contacts: vec![p],
            ..customer("华东机电有限公司")
        })
    };
    assert!(save(&mut store, person("甲", "1975-02-30", "")).is_err());
    assert!(save(&mut store, person("甲", "2099-01-01", "")).is_err());
    assert!(save(&mut store, person("甲", "13-01", "")).is_err());
    assert!(save(&mut store, person("甲", "1975-02-31", "农历")).is_err());
    let id = save(&mut store, person("甲", "1975年2月30日", "农历")).unwrap();
    let c = store.customer(id).unwrap().0;
    assert_eq!(c.contacts[0].birthday, "1975-02-30");
    store.trash_customer(id).unwrap();
    let id = save(&mut store, person("乙", "8月5日", "")).unwrap();
    assert_eq!(store.customer(id).unwrap().0.contacts[0].birthday, "08-05");
}

/// The next 法定节假日 is always listed, 春节 and 中秋节 when within 30 days.
#[test]
fn holidays_to_greet_for() {
    let (_dir, store) = temp_store();
    let holidays = |today: &str| -> Vec<(String, NaiveDate)> {
        store
            .work_list(d(today), &WorkSettings::default())
            .unwrap()
            .into_iter()
            .filter(|l| l.opens == Opens::Holiday)
            .map(|l| (l.what, l.date.unwrap()))
            .collect()
    };
    assert_eq!(
        holidays("2026-12-03"),
        [("元旦".to_string(), d("2027-01-01"))]
    );
    assert_eq!(
        holidays("2027-01-20"),
        [("春节".to_string(), d("2027-02-06"))]
    );
    assert_eq!(
        holidays("2026-09-20"),
        [("中秋节".to_string(), d("2026-09-25"))]
    );
}

/// The planned visits (计划中) of the file, as (subject, customer, due, responsible).
fn planned(store: &Store) -> Vec<(String, i64, String, String)> {
    let mut v: Vec<(String, i64, String, String)> = store
        .work_list(d(TODAY), &WorkSettings::default())
        .unwrap()
        .into_iter()
        .filter(|l| l.section == Section::Visits)
        .map(|l| (l.what, l.customer_id, l.date.unwrap().to_string(), l.owner))
        .collect();
    v.sort();
    v
}

/// After a contract is signed a visit is planned 30 days on, for its salesperson, once:
/// not again on the next run, after the rule changes, with the clock put back, or once
/// the clerk has cancelled it; a new contract follows the new rule.
#[test]
fn a_signed_contract_plans_one_visit_whatever_happens_later() {
    let (_dir, mut store) = temp_store();
    let cid = store.save_customer(&customer("华东机电有限公司")).unwrap();
    let k = contract(&mut store, cid, "HT-1", "2026-06-01", "", &[]);
    approve(&mut store, k);
    // A draft, and a contract signed long ago: no visit.
    contract(&mut store, cid, "HT-0", "2026-06-02", "", &[]);
    let old = contract(&mut store, cid, "HT-OLD", "2025-01-01", "", &[]);
    approve(&mut store, old);
    let mut s = WorkSettings::default();
    assert_eq!(store.plan_visits(d(TODAY), &s).unwrap(), 1);
    let want = [(
        "签约后回访 HT-1".to_string(),
        cid,
        "2026-07-01".to_string(),
        "李娜".to_string(),
    )];
    assert_eq!(planned(&store), want);
    // Planned visits are not follow-ups due this week, nor a contact.
    let lines = list(&store);
    assert!(lines.iter().all(|l| !matches!(
        l.section,
        Section::OverdueFollowUp | Section::TodayFollowUp | Section::WeekFollowUp
    )));
    assert_eq!(store.plan_visits(d(TODAY), &s).unwrap(), 0, "never twice");
    assert_eq!(
        store.plan_visits(d("2026-06-05"), &s).unwrap(),
        0,
        "clock back"
    );
    s.visit_after_signing_days = 10;
    assert_eq!(store.plan_visits(d(TODAY), &s).unwrap(), 0, "rule changed");
    assert_eq!(planned(&store), want, "the planned one stays as it was");
    // Cancelled by the clerk: not planned again.
    let id = match lines
        .iter()
        .find(|l| l.section == Section::Visits)
        .unwrap()
        .opens
    {
        Opens::Feedback(id) => id,
        other => panic!("{other:?}"),
    };
    let mut f = store.feedback(id).unwrap();
    f.status = FollowStatus::Closed;
    store.save_feedback(&f).unwrap();
    assert_eq!(store.plan_visits(d(TODAY), &s).unwrap(), 0);
    assert!(planned(&store).is_empty());
    // A contract signed now follows the new rule.
    let k2 = contract(&mut store, cid, "HT-2", "2026-06-08", "", &[]);
    approve(&mut store, k2);
    assert_eq!(store.plan_visits(d(TODAY), &s).unwrap(), 1);
    assert_eq!(planned(&store)[0].2, "2026-06-18");
}

/// For each grade a visit every N days: planned for the day the customer's days run
/// out when that is within the coming week (once for that last contact), not for one
/// already past them (on 久未联系); a planned visit is no contact, and made (完成) it
/// is one.
#[test]
fn the_grades_visits_are_planned_ahead_and_made_from_the_list() {
    let (_dir, mut store) = temp_store();
    let soon = store
        .save_customer(&graded("华东机电有限公司", Grade::A, "2025-01-01"))
        .unwrap();
    contacted(&mut store, soon, "2026-05-14 10:00");
    let late = store
        .save_customer(&graded("宁波海川进出口有限公司", Grade::A, "2025-01-01"))
        .unwrap();
    contacted(&mut store, late, "2026-04-01 10:00");
    let s = WorkSettings::default();
    assert_eq!(store.plan_visits(d(TODAY), &s).unwrap(), 1);
    assert_eq!(
        planned(&store),
        [(
            "定期拜访".to_string(),
            soon,
            "2026-06-13".to_string(),
            "赵磊".to_string()
        )]
    );
    assert_eq!(store.plan_visits(d(TODAY), &s).unwrap(), 0);
    assert_eq!(store.plan_visits(d("2026-06-12"), &s).unwrap(), 0);
    // Not made by its day: the customer is not contacted for it.
    let after = store.work_list(d("2026-06-20"), &s).unwrap();
    let no_contact: Vec<i64> = after
        .iter()
        .filter(|l| l.section == Section::NoContact)
        .map(|l| l.customer_id)
        .collect();
    assert!(no_contact.contains(&soon), "{no_contact:?}");
    // Long after (past every grade's window, where the last contact is looked up
    // customer by customer), still the last contact made, not the planned visit.
    let much_later = store.work_list(d("2027-03-01"), &s).unwrap();
    let line = much_later
        .iter()
        .find(|l| l.section == Section::NoContact && l.customer_id == soon)
        .unwrap();
    assert_eq!(line.date, Some(d("2026-05-14")));
    let visit = after
        .iter()
        .find(|l| l.section == Section::Visits)
        .unwrap()
        .clone();
    assert_eq!(visit.days, -7);
    assert_eq!(kehu::strings::work_days(&visit), "逾期 7 天");
    // Made: closed, dated now, the customer contacted.
    store.finish_work(&visit, "见了采购经理").unwrap();
    let now = store.work_list(kehu::store::today(), &s).unwrap();
    assert!(now.iter().all(|l| l.section != Section::Visits));
    assert!(
        now.iter()
            .all(|l| !(l.section == Section::NoContact && l.customer_id == soon))
    );
}

/// The desktop notification is off unless set; settings saved before it existed read
/// with it off (and the visit rule at its default).
#[test]
fn the_desktop_notification_is_off_by_default() {
    let (_dir, mut store) = temp_store();
    assert!(!store.work_settings().unwrap().notify_on_start);
    let old: WorkSettings = serde_json::from_str(
        r#"{"no_contact_days":[30,60,90,180],"ending_days":30,"due_days":7,"birthday_days":7,"start_on_customers":false}"#,
    )
    .unwrap();
    assert!(!old.notify_on_start);
    assert_eq!(old.visit_after_signing_days, 30);
    let on = WorkSettings {
        notify_on_start: true,
        ..Default::default()
    };
    store.set_work_settings(&on).unwrap();
    assert!(store.work_settings().unwrap().notify_on_start);
    assert_eq!(kehu::ui::notify::AVAILABLE, cfg!(feature = "notify"));
}

/// "A customer with no grade" cannot happen: the file refuses a grade outside A–D even
/// when written around kehu, so every customer has a limit for 久未联系 and 定期拜访.
#[test]
fn every_customer_has_a_grade_the_rules_can_read() {
    let (_dir, store) = temp_store();
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let err = conn
        .execute(
            "INSERT INTO customers (code, name, name_key, grade, created_at, updated_at,
             created_by, updated_by) VALUES ('X1', '无等级', '无等级', '', '', '', '', '')",
            [],
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("CHECK constraint failed: grade"),
        "{err}"
    );
    for g in ["A", "B", "C", "D"] {
        assert!(WorkSettings::default().no_contact_limit(g).is_some());
    }
}

/// 久未联系 worked out a second way: straight from the file's rows in a plain loop
/// (each customer's newest feedback not in the trash, not planned, dated up to today;
/// else its 建档日期), as (customer, days since).
fn no_contact_by_hand(store: &Store, today: NaiveDate) -> Vec<(String, i64)> {
    let db = rusqlite::Connection::open(store.path()).unwrap();
    let mut last: std::collections::HashMap<i64, String> = Default::default();
    let mut q = db
        .prepare("SELECT customer_id, at, status, deleted_at FROM feedback")
        .unwrap();
    let rows = q
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (cid, at, status, deleted) = row.unwrap();
        let day = d(&at[..10]);
        if deleted.is_some() || status == "planned" || day > today {
            continue;
        }
        let e = last.entry(cid).or_default();
        if at > *e {
            *e = at;
        }
    }
    let limits = [("A", 30), ("B", 60), ("C", 90), ("D", 180)];
    let mut out = Vec::new();
    let mut q = db
        .prepare("SELECT id, name, grade, recorded_on, status, category, deleted_at FROM customers")
        .unwrap();
    let rows = q
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (id, name, grade, recorded, status, category, deleted) = row.unwrap();
        if deleted.is_some() || status != "active" || category == "prospect" {
            continue;
        }
        let limit = limits.iter().find(|(g, _)| *g == grade).unwrap().1;
        let since = match last.get(&id) {
            Some(at) => Some(d(&at[..10])),
            None => NaiveDate::parse_from_str(&recorded, "%Y-%m-%d")
                .ok()
                .filter(|r| *r <= today),
        };
        let days = since.map(|s| (today - s).num_days());
        if days.is_none_or(|n| n > limit) {
            out.push((since, name, days.unwrap_or(0)));
        }
    }
    out.sort();
    out.into_iter().map(|(_, n, days)| (n, days)).collect()
}

fn no_contact_listed(store: &Store) -> Vec<(String, i64)> {
    list(store)
        .into_iter()
        .filter(|l| l.section == Section::NoContact)
        .map(|l| (l.customer, l.days))
        .collect()
}

/// Each customer's last contact is kept on the customer; whatever path writes the
/// feedback — a new item, a date or customer changed, the trash and back, a merge, an import and its undo, a planned visit made, the trash emptied — 久未联系
/// stays what the feedback itself says.
#[test]
fn no_contact_follows_every_way_feedback_is_written() {
    let (dir, mut store) = temp_store();
    let today = d(TODAY);
    let a1 = store
        .save_customer(&graded("甲一公司", Grade::A, "2020-01-01"))
        .unwrap();
    let a2 = store
        .save_customer(&graded("甲二公司", Grade::A, "2020-01-01"))
        .unwrap();
    let b1 = store
        .save_customer(&graded("乙一公司", Grade::B, "2020-01-01"))
        .unwrap();
    let dup = store
        .save_customer(&graded("甲二公司（重复）", Grade::A, "2020-01-01"))
        .unwrap();
    let check = |store: &Store, step: &str| -> Vec<(String, i64)> {
        let got = no_contact_listed(store);
        assert_eq!(got, no_contact_by_hand(store, today), "after {step}");
        got
    };
    let add = |store: &mut Store, cid: i64, at: &str, status: FollowStatus| -> i64 {
        store
            .save_feedback(&Feedback {
                customer_id: Some(cid),
                at: at.into(),
                kind: FeedbackKind::Visit,
                subject: format!("拜访 {at}"),
                status,
                ..Default::default()
            })
            .unwrap()
    };
    let never = (today - d("2020-01-01")).num_days();
    assert_eq!(check(&store, "nothing").len(), 4);

    let may = add(&mut store, a1, "2026-05-01 10:00", FollowStatus::Closed);
    let june = add(&mut store, a1, "2026-06-01 10:00", FollowStatus::Closed);
    assert!(
        !check(&store, "two contacts")
            .iter()
            .any(|(n, _)| n == "甲一公司")
    );

    let mut f = store.feedback(june).unwrap();
    f.at = "2026-04-01 10:00".into();
    store.save_feedback(&f).unwrap();
    assert!(check(&store, "a date moved back").contains(&("甲一公司".into(), 40)));

    let mut f = store.feedback(may).unwrap();
    f.customer_id = Some(b1);
    store.save_feedback(&f).unwrap();
    let got = check(&store, "moved to another customer");
    assert!(got.contains(&("甲一公司".into(), 70)), "{got:?}");
    assert!(!got.iter().any(|(n, _)| n == "乙一公司"));

    store.trash_feedback(june).unwrap();
    assert!(check(&store, "trashed").contains(&("甲一公司".into(), never)));
    store
        .restore_item(kehu::store::trash::TrashKind::Feedback, june)
        .unwrap();
    assert!(check(&store, "restored").contains(&("甲一公司".into(), 70)));

    let mut f = store.feedback(june).unwrap();
    f.at = "2026-06-01 10:00".into();
    store.save_feedback(&f).unwrap();
    assert!(
        !check(&store, "the date moved on")
            .iter()
            .any(|(n, _)| n == "甲一公司")
    );

    add(&mut store, dup, "2026-06-05 10:00", FollowStatus::Closed);
    store.merge_customers(a2, dup).unwrap();
    assert!(
        !check(&store, "merged")
            .iter()
            .any(|(n, _)| n.starts_with("甲二"))
    );

    // A planned visit is no contact until it is made.
    let planned = add(&mut store, b1, "2026-06-08 10:00", FollowStatus::Planned);
    store.trash_feedback(may).unwrap();
    assert!(check(&store, "planned").contains(&("乙一公司".into(), never)));
    let mut f = store.feedback(planned).unwrap();
    f.status = FollowStatus::Closed;
    store.save_feedback(&f).unwrap();
    assert!(!check(&store, "made").iter().any(|(n, _)| n == "乙一公司"));

    // A contact entered ahead is not one yet.
    let c1 = store
        .save_customer(&graded("丙一公司", Grade::C, "2020-01-01"))
        .unwrap();
    add(&mut store, c1, "2026-01-10 10:00", FollowStatus::Closed);
    add(&mut store, c1, "2026-07-01 10:00", FollowStatus::Closed);
    assert!(check(&store, "ahead").contains(&("丙一公司".into(), 151)));

    // An import brings a contact; its undo takes it away.
    let file = dir.path().join("反馈.csv");
    std::fs::write(
        &file,
        "拜访时间,公司名称,方式,主题\n2026-06-09 09:00,丙一公司,拜访,回访\n",
    )
    .unwrap();
    let t = kehu::io::read::open(&file, &Default::default()).unwrap();
    let spec = kehu::io::records::RecordSpec::new(
        kehu::io::records::RecordKind::Feedback,
        file.clone(),
        kehu::io::records::auto_map_records(kehu::io::records::RecordKind::Feedback, &t.headers),
    );
    let no = std::sync::atomic::AtomicBool::new(false);
    let (rec, _) = kehu::io::records::commit_records(&mut store, &spec, &mut |_| {}, &no).unwrap();
    assert!(
        !check(&store, "imported")
            .iter()
            .any(|(n, _)| n == "丙一公司")
    );
    store.undo_import(rec.id).unwrap();
    assert!(check(&store, "import undone").contains(&("丙一公司".into(), 151)));

    // Emptied from the trash for good: the trashed contacts are gone.
    store.trash_feedback(planned).unwrap();
    store.empty_all_trash().unwrap();
    let got = check(&store, "the trash emptied");
    assert!(got.contains(&("乙一公司".into(), never)), "{got:?}");
}

/// A file from before customers kept their last contact (schema 19) gets it worked out
/// on upgrade: the newest feedback not in the trash and not a planned visit.
#[test]
fn a_file_from_before_gets_each_customers_last_contact() {
    use kehu::store::migrations::migrations;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v19.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 19).unwrap();
        conn.execute_batch(
            "INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at, created_by, updated_by)
             VALUES ('admin', '管理员', 'admin', 'x', '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin');
             INSERT INTO customers (code, name, name_key, grade, recorded_on, created_at, updated_at, created_by, updated_by)
             VALUES ('KH000001', '甲一公司', '甲一公司', 'A', '2020-01-01', '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin'),
                    ('KH000002', '甲二公司', '甲二公司', 'A', '2020-01-01', '2025-01-01 09:00:00', '2025-01-01 09:00:00', 'admin', 'admin');
             INSERT INTO feedback (customer_id, at, kind, subject, status, deleted_at, created_at, updated_at, created_by, updated_by)
             VALUES (1, '2026-05-01 10:00', 'visit', '拜访', 'closed', NULL, '2026-05-01 10:00:00', '2026-05-01 10:00:00', 'admin', 'admin'),
                    (1, '2026-06-05 10:00', 'visit', '拜访', 'closed', '2026-06-06 10:00:00', '2026-06-05 10:00:00', '2026-06-05 10:00:00', 'admin', 'admin'),
                    (1, '2026-06-08 10:00', 'visit', '计划拜访', 'planned', NULL, '2026-06-01 10:00:00', '2026-06-01 10:00:00', 'admin', 'admin'),
                    (2, '2026-06-01 10:00', 'call', '电话', 'open', NULL, '2026-06-01 10:00:00', '2026-06-01 10:00:00', 'admin', 'admin');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(no_contact_listed(&store), [("甲一公司".to_string(), 40)]);
    assert_eq!(
        no_contact_listed(&store),
        no_contact_by_hand(&store, d(TODAY))
    );
}
