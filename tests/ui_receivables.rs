//! Credit control and receivables driven headless: a clerk's contract over the
//! customer's limit goes to the supervisor as 超信用待审批 with the figures, and is
//! approved only with a comment; the 应收账款 tab ages what is owed as of a date and
//! opens the customer behind a line.

mod common;

use chrono::Duration;
use common::ui::{H, click, fill, harness, has_text, sign_in, wait_for};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use kehu::domain::contract::{Contract, ContractStatus, Installment, Transition};

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[test]
fn a_contract_over_the_limit_waits_for_the_supervisor_who_must_say_why() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    store
        .save_customer(&kehu::domain::Customer {
            credit_limit_fen: 1_000_000,
            ..common::customer("深圳宏图电子有限公司")
        })
        .unwrap();
    store
        .add_user("clerk1", "小王", kehu::domain::Role::Clerk, "clerk-pass")
        .unwrap();
    store
        .add_user(
            "boss",
            "李主管",
            kehu::domain::Role::Supervisor,
            "boss-pass",
        )
        .unwrap();
    store.sign_out();
    let mut h = harness(store, [1400.0, 900.0]);
    h.run();
    sign_in(&mut h, "clerk1", "clerk-pass");
    h.get_by_label("合同信息").click();
    h.run();
    click(&mut h, "新建合同");
    fill(&mut h, "合同编号 *", "HT-2026-201");
    fill(&mut h, "客户 *", "宏图");
    h.get_by_label("深圳宏图电子有限公司").click();
    h.run();
    fill(&mut h, "合同名称 *", "电源模块补货合同");
    fill(&mut h, "合同金额（元） *", "20000");
    // Left empty, the plan is made on saving: one installment, the whole amount.
    assert!(has_text(&h, "不填：保存时按签订日期加客户账期生成一期"));
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    assert!(
        has_text(&h, "¥20,000.00"),
        "the planned installment is shown"
    );
    click(&mut h, "提交");
    // Far below the approval threshold, but over the customer's ¥10,000 limit.
    h.get_by_label_contains("HT-2026-201 超信用待审批");
    assert!(has_text(
        &h,
        "本合同 ¥20,000.00，提交时客户已欠 ¥0.00，信用额度 ¥10,000.00"
    ));

    click(&mut h, "退出登录");
    sign_in(&mut h, "boss", "boss-pass");
    h.get_by_label("合同信息").click();
    h.run();
    click(&mut h, "待审批队列（1）");
    h.get_by_label("HT-2026-201").click();
    h.run();
    click(&mut h, "批准");
    assert!(has_text(&h, "批准时请在“意见”里写明理由"));
    fill(&mut h, "审批意见", "老客户，月底前回款");
    click(&mut h, "批准");
    h.get_by_label("状态已更新。");
    let store = h.state().store().unwrap();
    let id = store.contract_page(&Default::default(), 0, 1).unwrap()[0].id;
    let rec = store.contract(id).unwrap();
    assert_eq!(rec.contract.status, ContractStatus::Approved);
    assert_eq!(rec.decision.unwrap().2, "老客户，月底前回款");
}

#[test]
fn the_receivables_tab_ages_what_is_owed_as_of_a_date_and_opens_the_customer() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    let today = kehu::store::today();
    let cid = store
        .save_customer(&common::customer("宁波海川进出口有限公司"))
        .unwrap();
    let signed = today - Duration::days(200);
    let id = store
        .save_contract(&Contract {
            number: "HT-2026-301".into(),
            customer_id: Some(cid),
            title: "出口代理合同".into(),
            signed_on: day(signed),
            amount_fen: 3_000_000,
            plan: vec![
                Installment {
                    due_on: day(today - Duration::days(100)),
                    amount_fen: 1_000_000,
                    note: "预付款".into(),
                },
                Installment {
                    due_on: day(today + Duration::days(20)),
                    amount_fen: 2_000_000,
                    note: "尾款".into(),
                },
            ],
            ..Default::default()
        })
        .unwrap();
    store.move_contract(id, Transition::Submit, "").unwrap();
    let mut h = harness(store, [1400.0, 900.0]);
    h.run();
    h.get_by_label("应收账款").click();
    // Worked out on a worker thread: a spinner turns meanwhile.
    h.run_steps(2);
    wait_for(&mut h, "1 个客户欠款，合计 ¥30,000.00");
    // 10,000 is 100 days late (91-180天), 20,000 not due yet; the 合计 line agrees.
    let cells: Vec<String> = h
        .query_all_by_label_contains("¥")
        .filter_map(|n| {
            let a = n.accesskit_node();
            a.label().or_else(|| a.value())
        })
        .collect();
    assert_eq!(
        cells.iter().filter(|c| *c == "¥10,000.00").count(),
        2,
        "the customer's 91-180天 and the 合计's: {cells:?}"
    );
    assert_eq!(
        cells.iter().filter(|c| *c == "¥20,000.00").count(),
        2,
        "{cells:?}"
    );
    // As of the day before the first installment fell due, nothing is late.
    h.get_by_label("截至日期").focus();
    h.run_steps(2);
    h.get_by_label("截至日期")
        .type_text(&day(today - Duration::days(101)));
    h.run_steps(2);
    wait_for(
        &mut h,
        &format!("截至 {}", day(today - Duration::days(101))),
    );
    let cells: Vec<String> = h
        .query_all_by_label_contains("¥")
        .filter_map(|n| {
            let a = n.accesskit_node();
            a.label().or_else(|| a.value())
        })
        .collect();
    assert_eq!(
        cells.iter().filter(|c| *c == "¥30,000.00").count(),
        4,
        "all 未到期: the customer's 应收余额 and 未到期, and the same two of 合计: {cells:?}"
    );
    // Back to today: a collection is recorded from the line, with a promise.
    h.get_by_label("截至日期").focus();
    h.run_steps(2);
    for _ in 0..12 {
        h.key_press(egui::Key::Backspace);
    }
    h.run_steps(2);
    // The list as of today (the status bar names the date it is as of).
    wait_for(&mut h, &format!("截至 {}", day(today)));
    h.get_by_label("催款…").click();
    h.run_steps(4);
    assert!(
        has_text(&h, "承诺付款日"),
        "a new 催款 on 交往反馈, asking for the promise"
    );
    fill(&mut h, "承诺付款日", &day(today + Duration::days(7)));
    fill(&mut h, "承诺金额（元）", "10000");
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    let store = h.state().store().unwrap();
    let f = store
        .feedback_page(&Default::default(), 0, 1)
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let f = store.feedback(f.id).unwrap();
    assert_eq!(f.kind, kehu::domain::feedback::FeedbackKind::Collection);
    assert_eq!(f.subject, "催收到期欠款");
    assert_eq!(
        (f.promised_on.as_str(), f.promised_fen),
        (day(today + Duration::days(7)).as_str(), 1_000_000)
    );
    h.get_by_label("应收账款").click();
    h.run_steps(2);
    wait_for(
        &mut h,
        &format!("{} ¥10,000.00", day(today + Duration::days(7))),
    );
    // A line opens its customer.
    h.get_by_label("宁波海川进出口有限公司").click();
    h.run_steps(4);
    assert!(
        h.query_all_by_label("宁波海川进出口有限公司")
            .any(|n| n.accesskit_node().role() == Role::Label),
        "the customer form is open"
    );
    assert!(has_text(&h, "应收余额 ¥30,000.00"));
    assert!(has_text(&h, "最早逾期 ¥10,000.00（逾期 100 天）"));
    // The papers for collecting it, from the customer's figures: a statement and a
    // reminder letter, each laid out in the preview ready to print or save as PDF.
    h.get_by_label("打印对账单…").click();
    h.run_steps(2);
    wait_for(&mut h, "第 1 页 / 共 1 页");
    assert!(
        has_text(&h, "叁万元整"),
        "应收余额 in capitals on the statement"
    );
    h.get_by_label("另存为 PDF…");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!has_text(&h, "第 1 页 / 共 1 页"), "Esc closed the preview");
    assert!(has_text(&h, "应收余额 ¥30,000.00"), "and only the preview");
    h.get_by_label("打印催款函…").click();
    h.run_steps(2);
    wait_for(&mut h, "催款函 打印日期");
    // The page as laid out: the overdue amount in figures and in capitals, the late
    // installment with its days.
    assert!(has_text(
        &h,
        "已逾期金额 ¥10,000.00 人民币（大写） 壹万元整"
    ));
    assert!(has_text(&h, "HT-2026-301"));
    assert!(has_text(&h, "逾期 100 天"));
    wait_for(&mut h, "第 1 页 / 共 1 页");
}

/// Types into the `n`th text box labelled `label`.
fn fill_nth(h: &mut H, label: &str, n: usize, text: &str) {
    let id = h
        .get_all_by_label(label)
        .filter(|x| x.accesskit_node().role() == Role::TextInput)
        .nth(n)
        .map(|x| x.accesskit_node().id())
        .unwrap_or_else(|| panic!("no text box {label} #{n}"));
    h.get_all_by_label(label)
        .find(|x| x.accesskit_node().id() == id)
        .unwrap()
        .focus();
    h.run();
    h.get_all_by_label(label)
        .find(|x| x.accesskit_node().id() == id)
        .unwrap()
        .type_text(text);
    h.run();
}

#[test]
fn a_payment_plan_is_typed_in_installments_that_must_add_up() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    store
        .save_customer(&common::customer("苏州安泰电子股份有限公司"))
        .unwrap();
    let mut h = harness(store, [1400.0, 900.0]);
    h.run();
    h.get_by_label("合同信息").click();
    h.run();
    click(&mut h, "新建合同");
    fill(&mut h, "合同编号 *", "HT-2026-401");
    fill(&mut h, "客户 *", "安泰");
    h.get_by_label("苏州安泰电子股份有限公司").click();
    h.run();
    fill(&mut h, "合同名称 *", "检测设备采购合同");
    fill(&mut h, "签订日期", "2026-10-01");
    fill(&mut h, "合同金额（元） *", "30000");
    click(&mut h, "添加一期");
    click(&mut h, "添加一期");
    fill_nth(&mut h, "到期日", 0, "2026-10-15");
    fill_nth(&mut h, "金额", 0, "10000");
    fill_nth(&mut h, "说明", 0, "预付款");
    fill_nth(&mut h, "到期日", 1, "2026-09-30");
    fill_nth(&mut h, "金额", 1, "10000");
    assert!(has_text(&h, "到期日不能早于签订日期。"));
    assert!(has_text(
        &h,
        "各期金额合计 ¥20,000.00，与合同金额 ¥30,000.00 不一致。"
    ));
    assert!(h.get_by_label("保存").accesskit_node().is_disabled());
    fill_nth(&mut h, "到期日", 1, "");
    for _ in 0..10 {
        h.key_press(egui::Key::Backspace);
    }
    h.run();
    fill_nth(&mut h, "到期日", 1, "2026-12-31");
    // The second amount corrected: 10000 → 20000.
    fill_nth(&mut h, "金额", 1, "");
    for _ in 0..10 {
        h.key_press(egui::Key::Backspace);
    }
    h.run();
    fill_nth(&mut h, "金额", 1, "20000");
    click(&mut h, "保存");
    h.get_by_label("已保存。");
    let store = h.state().store().unwrap();
    let id = store.contract_page(&Default::default(), 0, 1).unwrap()[0].id;
    let plan = store.contract(id).unwrap().contract.plan;
    assert_eq!(
        plan.iter()
            .map(|i| (i.due_on.as_str(), i.amount_fen, i.note.as_str()))
            .collect::<Vec<_>>(),
        [
            ("2026-10-15", 1_000_000, "预付款"),
            ("2026-12-31", 2_000_000, "")
        ]
    );
}

/// 逾期明细: the installments unpaid past due, the most overdue first, with their 合计,
/// filtered like the ageing list; a line opens its contract.
#[test]
fn the_overdue_installments_are_listed_and_open_their_contract() {
    kehu::strings::set_lang(kehu::strings::Lang::Zh);
    let (_dir, mut store) = common::temp_store();
    let today = kehu::store::today();
    let mut contract = |name: &str, owner: &str, number: &str, plan: &[(i64, i64)]| {
        let cid = store
            .save_customer(&kehu::domain::Customer {
                owner: owner.into(),
                ..common::customer(name)
            })
            .unwrap();
        let id = store
            .save_contract(&Contract {
                number: number.into(),
                customer_id: Some(cid),
                title: "年度供货合同".into(),
                signed_on: day(today - Duration::days(300)),
                amount_fen: plan.iter().map(|p| p.1).sum(),
                plan: plan
                    .iter()
                    .map(|(d, fen)| Installment {
                        due_on: day(today + Duration::days(*d)),
                        amount_fen: *fen,
                        note: String::new(),
                    })
                    .collect(),
                ..Default::default()
            })
            .unwrap();
        if store.move_contract(id, Transition::Submit, "").unwrap() == ContractStatus::Submitted {
            store
                .move_contract(id, Transition::Approve, "同意")
                .unwrap();
        }
    };
    contract(
        "宁波海川进出口有限公司",
        "张三",
        "HT-301",
        &[(-40, 500_000), (-100, 1_000_000), (30, 2_000_000)],
    );
    contract(
        "苏州恒远精密机械有限公司",
        "李四",
        "HT-302",
        &[(-10, 800_000)],
    );
    let mut h = harness(store, [1400.0, 900.0]);
    h.run();
    h.get_by_label("应收账款").click();
    h.run_steps(2);
    wait_for(&mut h, "2 个客户欠款");
    h.get_by_label("逾期明细").click();
    h.run_steps(2);
    wait_for(&mut h, "逾期未付 3 期，合计 ¥23,000.00");
    // The most overdue first.
    let late: Vec<String> = h
        .query_all_by_label_contains("逾期 ")
        .filter_map(|n| n.accesskit_node().value())
        .filter(|l| l.ends_with(" 天"))
        .collect();
    assert_eq!(late, ["逾期 100 天", "逾期 40 天", "逾期 10 天"]);
    // The salesperson filter keeps that salesperson's customers' installments.
    h.get_by_label("负责业务员").click();
    h.run();
    h.get_by_label("李四").click();
    h.run_steps(2);
    wait_for(&mut h, "逾期未付 1 期，合计 ¥8,000.00");
    // A line opens its contract.
    h.get_by_label("HT-302").click();
    h.run_steps(4);
    assert!(
        has_text(&h, "HT-302 执行中"),
        "the contract form shows its number"
    );
}
