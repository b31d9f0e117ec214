//! Sample data: the hand-written customers of data/demo_*.csv, and a generator of any
//! number of realistic Chinese customers (names, places, phones, contacts) built from the
//! word lists in data/, for the demo and for benchmarks.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::domain::money::parse_yuan;
use crate::domain::{Contact, Customer, CustomerCategory, CustomerKind, CustomerStatus, Grade};
use crate::store::{Result, Store};

mod history;

const DEMO_CUSTOMERS: &str = include_str!("../../data/demo_customers.csv");
const DEMO_CONTACTS: &str = include_str!("../../data/demo_contacts.csv");
const CITIES: &str = include_str!("../../data/cities.csv");
const WORDS: &str = include_str!("../../data/words.txt");
const DEMO_COMPETITORS: &str = include_str!("../../data/demo_competitors.csv");
const DEMO_INTEL: &str = include_str!("../../data/demo_intel.csv");
const DEMO_NEWS: &str = include_str!("../../data/demo_news.csv");

/// How many generated customers the demo adds to the hand-written ones.
pub const DEMO_GENERATED: usize = 300;

#[derive(serde::Deserialize)]
struct DemoCustomer {
    name: String,
    kind: String,
    category: String,
    industry: String,
    grade: String,
    source: String,
    province: String,
    city: String,
    address: String,
    postal_code: String,
    phone: String,
    mobile: String,
    fax: String,
    email: String,
    website: String,
    credit_code: String,
    owner: String,
    status: String,
    credit_limit_yuan: String,
    notes: String,
}

#[derive(serde::Deserialize)]
struct DemoContact {
    customer: String,
    name: String,
    title: String,
    phone: String,
    mobile: String,
    email: String,
    birthday: String,
    is_primary: u8,
    notes: String,
}

/// 建档日期 of a sample customer: this many days before today.
/// The credit rating a customer of this grade usually has.
fn credit_rating(grade: &str) -> &'static str {
    match grade {
        "A" => "AA",
        "B" => "A",
        "C" => "B",
        _ => "C",
    }
}

fn recorded_days_ago(days: u64) -> String {
    (crate::store::today() - chrono::Duration::days(days as i64))
        .format("%Y-%m-%d")
        .to_string()
}

/// The hand-written sample customers with their contacts.
pub fn featured_customers() -> Vec<Customer> {
    let contacts: Vec<DemoContact> = csv::Reader::from_reader(DEMO_CONTACTS.as_bytes())
        .deserialize()
        .collect::<std::result::Result<_, _>>()
        .expect("data/demo_contacts.csv is valid");
    csv::Reader::from_reader(DEMO_CUSTOMERS.as_bytes())
        .deserialize::<DemoCustomer>()
        .map(|r| {
            let d = r.expect("data/demo_customers.csv is valid");
            let recorded_on =
                recorded_days_ago(200 + d.name.chars().map(u64::from).sum::<u64>() % 2400);
            // Most customers on the firm's default terms; some agreed 60 or 90 days,
            // a few pay on delivery.
            let n = d.name.chars().map(u64::from).sum::<u64>();
            let payment_days = [None, None, None, Some(60), Some(90), Some(0)][(n % 6) as usize];
            // A lost customer says when, what kind of loss and why.
            let lost = CustomerStatus::from_code(&d.status) == Some(CustomerStatus::Lost);
            let (lost_on, lost_kind, lost_reason) = if lost {
                lost_details(n)
            } else {
                Default::default()
            };
            Customer {
                lost_on,
                lost_kind,
                lost_reason,
                recorded_on,
                payment_days,
                contacts: contacts
                    .iter()
                    .filter(|c| c.customer == d.name)
                    .map(|c| Contact {
                        id: None,
                        name: c.name.clone(),
                        title: c.title.clone(),
                        phone: c.phone.clone(),
                        mobile: c.mobile.clone(),
                        email: c.email.clone(),
                        birthday: c.birthday.clone(),
                        is_primary: c.is_primary == 1,
                        notes: c.notes.clone(),
                        birthday_calendar: String::new(),
                    })
                    .collect(),
                id: None,
                code: String::new(),
                name: d.name,
                kind: CustomerKind::from_code(&d.kind).unwrap_or_default(),
                category: CustomerCategory::from_code(&d.category).unwrap_or_default(),
                industry: d.industry,
                grade: Grade::from_code(&d.grade).unwrap_or_default(),
                source: d.source,
                province: d.province,
                city: d.city,
                address: d.address,
                postal_code: d.postal_code,
                phone: d.phone,
                mobile: d.mobile,
                fax: d.fax,
                email: d.email,
                website: d.website,
                credit_code: d.credit_code,
                owner: d.owner,
                status: CustomerStatus::from_code(&d.status).unwrap_or_default(),
                credit_limit_fen: parse_yuan(&d.credit_limit_yuan).unwrap_or(0),
                credit_rating: credit_rating(&d.grade).into(),
                credit_assessment: if n % 4 == 0 {
                    "近两年回款及时；资产负债率约 45%，开户行资信证明良好。".into()
                } else {
                    String::new()
                },
                // A few customers were given extra credit for a season.
                temp_limit_fen: if n % 9 == 0 { 20_000_000 } else { 0 },
                temp_limit_until: if n % 9 == 0 {
                    (crate::store::today() + chrono::Duration::days(60))
                        .format("%Y-%m-%d")
                        .to_string()
                } else {
                    String::new()
                },
                notes: d.notes,
            }
        })
        .collect()
}

struct City {
    province: String,
    city: String,
    area_code: String,
    postal_prefix: String,
}

/// Word lists from data/words.txt.
struct Words {
    cities: Vec<City>,
    roots: Vec<String>,
    trades: Vec<(String, String)>,
    suffixes: Vec<String>,
    streets: Vec<String>,
    surnames: Vec<String>,
    given: Vec<String>,
    titles: Vec<String>,
    owners: Vec<String>,
}

fn words() -> Words {
    let mut sections: std::collections::HashMap<&str, Vec<&str>> = Default::default();
    let mut current = "";
    for line in WORDS.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
            continue;
        }
        sections.entry(current).or_default().push(line);
    }
    let list = |name: &str| -> Vec<String> {
        sections
            .get(name)
            .map(|v| v.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default()
    };
    let mut suffixes = list("suffixes");
    suffixes.dedup();
    Words {
        cities: CITIES
            .lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (f.len() == 4).then(|| City {
                    province: f[0].into(),
                    city: f[1].into(),
                    area_code: f[2].into(),
                    postal_prefix: f[3].into(),
                })
            })
            .collect(),
        roots: list("roots"),
        trades: list("trades")
            .into_iter()
            .filter_map(|t| {
                t.split_once(',')
                    .map(|(a, b)| (a.to_string(), b.to_string()))
            })
            .collect(),
        suffixes,
        streets: list("streets"),
        surnames: list("surnames"),
        given: list("given"),
        titles: list("titles"),
        owners: list("owners"),
    }
}

fn pick<'a, T>(rng: &mut StdRng, v: &'a [T]) -> &'a T {
    &v[rng.random_range(0..v.len())]
}

fn mobile(rng: &mut StdRng) -> String {
    let second = pick(rng, &['3', '5', '7', '8', '9']);
    format!("1{second}{:09}", rng.random_range(0..1_000_000_000u32))
}

fn credit_code(rng: &mut StdRng) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut s = String::from("91");
    for _ in 0..15 {
        s.push(ALPHABET[rng.random_range(0..ALPHABET.len())] as char);
    }
    let check = crate::domain::credit_code::check_char(&s).expect("17 valid characters");
    s.push(check);
    s
}

/// `n` realistic customers, the same ones for the same seed. Names are unique.
pub fn generate(n: usize, seed: u64) -> impl Iterator<Item = Customer> {
    let w = words();
    let mut rng = StdRng::seed_from_u64(seed);
    let combos = w.cities.len() * w.roots.len() * w.trades.len() * w.suffixes.len();
    (0..n).map(move |i| {
        // Walk the name space in a scrambled order that never repeats a combination.
        let mut k = (i.wrapping_mul(7919) + 13) % combos;
        let round = i / combos;
        let city = &w.cities[k % w.cities.len()];
        k /= w.cities.len();
        let root = &w.roots[k % w.roots.len()];
        k /= w.roots.len();
        let (trade, industry) = &w.trades[k % w.trades.len()];
        k /= w.trades.len();
        let suffix = &w.suffixes[k % w.suffixes.len()];
        let mut name = format!("{}{root}{trade}{suffix}", city.city);
        if round > 0 {
            name.push_str(&format!("第{round}分公司"));
        }
        let person =
            |rng: &mut StdRng| format!("{}{}", pick(rng, &w.surnames), pick(rng, &w.given));
        let n_contacts = rng.random_range(1..=3);
        let contacts = (0..n_contacts)
            .map(|j| Contact {
                name: person(&mut rng),
                title: pick(&mut rng, &w.titles).clone(),
                mobile: mobile(&mut rng),
                is_primary: j == 0,
                ..Default::default()
            })
            .collect();
        let grade = *pick(
            &mut rng,
            &[
                Grade::A,
                Grade::B,
                Grade::B,
                Grade::C,
                Grade::C,
                Grade::C,
                Grade::D,
            ],
        );
        let mut c = Customer {
            id: None,
            code: String::new(),
            kind: CustomerKind::Enterprise,
            category: *pick(&mut rng, CustomerCategory::ALL),
            industry: industry.clone(),
            grade,
            source: pick(&mut rng, &crate::domain::customer::DEFAULT_SOURCES).to_string(),
            province: city.province.clone(),
            city: city.city.clone(),
            address: format!(
                "{}市{}{}号",
                city.city,
                pick(&mut rng, &w.streets),
                rng.random_range(1..=999)
            ),
            postal_code: format!("{}{:03}", city.postal_prefix, rng.random_range(0..1000)),
            phone: format!(
                "{}-{}",
                city.area_code,
                rng.random_range(2000_0000..8999_9999)
            ),
            mobile: mobile(&mut rng),
            fax: String::new(),
            email: format!("info{i}@example.com"),
            website: String::new(),
            credit_code: credit_code(&mut rng),
            owner: pick(&mut rng, &w.owners).clone(),
            status: if rng.random_range(0..10) == 0 {
                CustomerStatus::Lost
            } else {
                CustomerStatus::Active
            },
            credit_limit_fen: rng.random_range(0..200) * 1_000_000,
            // First recorded over the last ten years, as a firm's list grows.
            recorded_on: recorded_days_ago(rng.random_range(1..3650)),
            payment_days: [None, None, Some(30), Some(60), Some(90)][name.len() % 5],
            credit_rating: credit_rating(grade.code()).into(),
            notes: String::new(),
            contacts,
            name,
            ..Default::default()
        };
        // A lost customer says when, what kind of loss and why.
        if c.status == CustomerStatus::Lost {
            let n = c.name.chars().map(u64::from).sum::<u64>();
            (c.lost_on, c.lost_kind, c.lost_reason) = lost_details(n);
        }
        c
    })
}

/// 流失日期, 流失类型 and 流失原因 of a demo customer marked 流失, chosen by `n`.
fn lost_details(n: u64) -> (String, String, String) {
    let kind = crate::domain::customer::LOSS_KINDS[(n % 6) as usize];
    let why = match kind {
        "竞争流失" => "竞争对手报价低约 8%，改从对方采购。",
        "过失流失" => "两次交货延误，投诉后处理不及时。",
        "自然流失" => "客户转产，不再需要这类产品。",
        "非恶意流失" => "资金周转困难，暂停采购。",
        "报复性流失" => "对处理投诉的结果不满，转向对手。",
        _ => "多次催款无果，停止供货。",
    };
    (recorded_days_ago(30 + n % 500), kind.into(), why.into())
}

/// Fills a database with the hand-written customers and `generated` more, and gives
/// some of the hand-written ones contracts in every state of the approval flow.
pub fn fill(store: &mut Store, generated: usize) -> Result<usize> {
    let featured = featured_customers();
    let featured_names: std::collections::HashSet<String> =
        featured.iter().map(|c| c.name.clone()).collect();
    let extra = generate(generated + featured.len(), 2026)
        .filter(move |c| !featured_names.contains(&c.name))
        .take(generated);
    let n = store.insert_customers(featured.into_iter().chain(extra), |_| {})?;
    add_contracts(store)?;
    history::add_contract_history(store)?;
    history::add_buying_years(store)?;
    history::add_win_back_causes(store)?;
    history::add_contact_history(store)?;
    history::add_birthdays(store)?;
    add_feedback(store)?;
    add_competitors_and_news(store)?;
    // 工作台's visit rules as on the first start: 拜访计划 is not empty.
    let settings = store.work_settings()?;
    store.plan_visits(crate::store::today(), &settings)?;
    Ok(n)
}

/// Records of a data/ CSV with a header, as rows of fields.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .filter_map(|r| r.ok())
        .map(|r| r.iter().map(String::from).collect())
        .collect()
}

/// Ids of the named customers (`;`-separated), those that exist.
fn customer_ids(store: &Store, names: &str) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for name in names.split(';').filter(|n| !n.is_empty()) {
        let q = crate::store::CustomerQuery {
            text: name.into(),
            ..Default::default()
        };
        if let Some(r) = store
            .customer_page(&q, 0, 5)?
            .into_iter()
            .find(|r| r.name == name)
        {
            ids.push(r.id);
        }
    }
    Ok(ids)
}

/// Sample competitors with their intelligence, and industry news linked to customers
/// and competitors, from data/.
fn add_competitors_and_news(store: &mut Store) -> Result<()> {
    use crate::domain::competitor::{Competitor, Intel, Threat};
    let today = crate::store::today();
    let day = |ago: &str| {
        (today - chrono::Duration::days(ago.parse().unwrap_or(0)))
            .format("%Y-%m-%d")
            .to_string()
    };
    let mut comp_ids: Vec<(String, i64)> = Vec::new();
    for r in csv_rows(DEMO_COMPETITORS) {
        let c = Competitor {
            name: r[0].clone(),
            website: r[1].clone(),
            products: r[2].clone(),
            price_level: r[3].clone(),
            strengths: r[4].clone(),
            weaknesses: r[5].clone(),
            market_share: r[6].parse().ok(),
            threat: Threat::from_code(&r[7]).unwrap_or_default(),
            customers: customer_ids(store, &r[8])?,
            ..Default::default()
        };
        let id = store.save_competitor(&c)?;
        comp_ids.push((c.name, id));
    }
    let comp = |name: &str| comp_ids.iter().find(|(n, _)| n == name).map(|(_, id)| *id);
    for r in csv_rows(DEMO_INTEL) {
        if let Some(id) = comp(&r[0]) {
            store.add_intel(
                id,
                &Intel {
                    on: day(&r[1]),
                    source: r[2].clone(),
                    reported_by: r[3].clone(),
                    text: r[4].clone(),
                    ..Default::default()
                },
            )?;
        }
    }
    for r in csv_rows(DEMO_NEWS) {
        let n = crate::domain::news::News {
            on: day(&r[0]),
            title: r[1].clone(),
            source: r[2].clone(),
            category: r[3].clone(),
            tags: r[4].clone(),
            content: r[5].clone(),
            reported_by: r[6].clone(),
            customers: customer_ids(store, &r[7])?,
            competitors: r[8].split(';').filter_map(comp).collect(),
            ..Default::default()
        };
        store.save_news(&n)?;
    }
    Ok(())
}

/// A sample feedback item: customer, days from today, kind, subject, content, status,
/// responsible, due (days from today, 0 none), satisfaction.
type SampleFeedback = (
    &'static str,
    i64,
    crate::domain::feedback::FeedbackKind,
    &'static str,
    &'static str,
    crate::domain::feedback::FollowStatus,
    &'static str,
    i64,
    Option<u8>,
);

/// Sample contact history: visits, calls, an overdue open complaint, a resolved one.
fn add_feedback(store: &mut Store) -> Result<()> {
    use crate::domain::feedback::{Feedback, FeedbackKind as K, FollowStatus as F};
    let today = crate::store::today();
    let day = |offset: i64| {
        (today + chrono::Duration::days(offset))
            .format("%Y-%m-%d")
            .to_string()
    };
    let samples: [SampleFeedback; 7] = [
        (
            "北京华信科技有限公司",
            -40,
            K::Visit,
            "季度拜访",
            "与刘海燕经理沟通明年采购计划，对方关注交货周期。",
            F::Closed,
            "张明",
            0,
            None,
        ),
        (
            "北京华信科技有限公司",
            -12,
            K::Complaint,
            "第三批设备到货延迟",
            "原定 10 号到货，实际晚了 6 天，影响对方项目进度。",
            F::InProgress,
            "张明",
            -2,
            None,
        ),
        (
            "深圳宏图电子有限公司",
            -20,
            K::Call,
            "询价电话",
            "郭嘉怡询问电源模块批量价格，已发报价单。",
            F::Closed,
            "赵磊",
            0,
            None,
        ),
        (
            "上海瑞丰贸易有限公司",
            -30,
            K::Satisfaction,
            "年度满意度回访",
            "整体满意，希望增加华东仓库备货。",
            F::Closed,
            "王强",
            0,
            Some(4),
        ),
        (
            "上海瑞丰贸易有限公司",
            -8,
            K::Suggestion,
            "建议开通线上对账",
            "财务林晓东建议每月线上对账。",
            F::Open,
            "王强",
            14,
            None,
        ),
        (
            "南京金鹏建筑工程有限公司",
            -50,
            K::Complaint,
            "发票信息有误",
            "发票抬头写错，已重开。",
            F::Resolved,
            "刘洋",
            -40,
            None,
        ),
        (
            "成都锦程医药有限公司",
            -3,
            K::Visit,
            "冷链设备现场考察",
            "谢堃带队考察仓库，计划下月签约。",
            F::Open,
            "李娜",
            10,
            None,
        ),
    ];
    for (customer, at, kind, subject, content, status, responsible, due, score) in samples {
        let q = crate::store::CustomerQuery {
            text: customer.into(),
            ..Default::default()
        };
        let Some(cid) = store.customer_page(&q, 0, 1)?.first().map(|r| r.id) else {
            continue;
        };
        store.save_feedback(&Feedback {
            customer_id: Some(cid),
            at: format!("{} 10:30", day(at)),
            kind,
            channel: "面谈/电话".into(),
            subject: subject.into(),
            content: content.into(),
            reported_by: responsible.into(),
            satisfaction: score,
            status,
            responsible: responsible.into(),
            due_on: if due == 0 { String::new() } else { day(due) },
            resolution: if status == F::Resolved {
                "已重新开具发票并快递。".into()
            } else {
                String::new()
            },
            ..Default::default()
        })?;
    }
    Ok(())
}

/// A sample contract: customer, number, title, amount in yuan, salesperson, the steps
/// of the flow it has been through, payments received in yuan, start (days from today)
/// and length in days.
type Sample = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static [crate::domain::contract::Transition],
    &'static [i64],
    i64,
    i64,
);

/// Sample contracts, dated around today so that some end within 30 days.
fn add_contracts(store: &mut Store) -> Result<()> {
    use crate::domain::contract::{Contract, Transition};
    let today = crate::store::today();
    let day = |offset: i64| {
        (today + chrono::Duration::days(offset))
            .format("%Y-%m-%d")
            .to_string()
    };
    let find = |store: &Store, name: &str| -> Result<Option<i64>> {
        let q = crate::store::CustomerQuery {
            text: name.into(),
            ..Default::default()
        };
        Ok(store.customer_page(&q, 0, 1)?.first().map(|r| r.id))
    };
    let samples: [Sample; 7] = [
        (
            "北京华信科技有限公司",
            "HT-2026-001",
            "服务器及网络设备年度采购合同",
            860_000,
            "张明",
            &[Transition::Submit, Transition::Approve, Transition::Start],
            &[300_000, 200_000],
            -200,
            365,
        ),
        (
            "深圳宏图电子有限公司",
            "HT-2026-002",
            "电源模块供货合同",
            1_250_000,
            "赵磊",
            &[Transition::Submit],
            &[],
            -3,
            365,
        ),
        (
            "上海瑞丰贸易有限公司",
            "HT-2026-003",
            "华东区域代理协议",
            500_000,
            "王强",
            &[Transition::Submit, Transition::Approve, Transition::Start],
            &[500_000],
            -340,
            365,
        ),
        (
            "杭州天成软件股份有限公司",
            "HT-2026-004",
            "软件许可及实施服务合同",
            320_000,
            "陈静",
            &[Transition::Submit, Transition::Approve],
            &[],
            -10,
            730,
        ),
        (
            "南京金鹏建筑工程有限公司",
            "HT-2026-005",
            "办公楼智能化改造合同",
            45_000,
            "刘洋",
            &[Transition::Submit],
            &[20_000],
            -60,
            80,
        ),
        (
            "成都锦程医药有限公司",
            "HT-2026-006",
            "冷链设备租赁合同",
            88_000,
            "李娜",
            &[],
            &[],
            5,
            365,
        ),
        (
            "广州鑫源化工有限公司",
            "HT-2025-019",
            "原料采购框架协议",
            36_000,
            "赵磊",
            &[Transition::Submit, Transition::Complete],
            &[36_000],
            -400,
            300,
        ),
    ];
    for (customer, number, title, yuan, sales, steps, payments, start, length) in samples {
        let Some(cid) = find(store, customer)? else {
            continue;
        };
        let id = store.save_contract(&Contract {
            number: number.into(),
            customer_id: Some(cid),
            title: title.into(),
            signed_on: day(start - 5),
            starts_on: day(start),
            ends_on: day(start + length),
            amount_fen: yuan * 100,
            payment_terms: "签订后付 30%，验收后付 60%，质保期满付 10%".into(),
            salesperson: sales.into(),
            ..Default::default()
        })?;
        for (i, t) in steps.iter().enumerate() {
            // Payments arrive once the contract counts, before it is completed.
            if *t == Transition::Complete {
                add_payments(store, id, payments, &day(start + 30))?;
            }
            store.move_contract(
                id,
                *t,
                if *t == Transition::Approve {
                    "同意"
                } else {
                    ""
                },
            )?;
            if i + 1 == steps.len() && *t != Transition::Complete {
                add_payments(store, id, payments, &day(start + 30))?;
            }
        }
    }
    Ok(())
}

fn add_payments(store: &mut Store, id: i64, payments: &[i64], on: &str) -> Result<()> {
    for yuan in payments {
        let p = crate::domain::contract::Payment {
            id: None,
            paid_on: on.into(),
            amount_fen: yuan * 100,
            method: "银行转账".into(),
            note: String::new(),
        };
        if store.contract(id)?.contract.status.takes_payments() {
            store.add_payment(id, &p)?;
        }
    }
    Ok(())
}
