use super::*;

/// The words a choice cell may hold, in either language or as the stored code.
pub(super) fn choice_of<T: Copy>(
    cell: &str,
    all: &[T],
    zh_en: impl Fn(T) -> S,
    code: impl Fn(T) -> &'static str,
) -> Option<T> {
    let low = crate::domain::text::fold_width(cell.trim()).to_lowercase();
    all.iter().copied().find(|&v| {
        let s = zh_en(v);
        low == s.in_lang(Lang::Zh) || low == s.in_lang(Lang::En).to_lowercase() || low == code(v)
    })
}

pub(super) fn feedback_kind(cell: &str) -> Option<FeedbackKind> {
    choice_of(
        cell,
        &FeedbackKind::ALL,
        strings::feedback_kind,
        FeedbackKind::code,
    )
    .or(match cell.trim() {
        "上门" | "走访" | "拜访客户" => Some(FeedbackKind::Visit),
        "电话" | "来电" | "去电" | "电话沟通" => Some(FeedbackKind::Call),
        "回访" | "满意度" | "满意度调查" => Some(FeedbackKind::Satisfaction),
        "催收" | "催账" | "收款" => Some(FeedbackKind::Collection),
        _ => None,
    })
}

pub(super) fn follow_status(cell: &str) -> Option<FollowStatus> {
    choice_of(
        cell,
        &FollowStatus::ALL,
        strings::follow_status,
        FollowStatus::code,
    )
    .or(match cell.trim() {
        "未处理" | "待办" | "新建" => Some(FollowStatus::Open),
        "跟进中" | "进行中" => Some(FollowStatus::InProgress),
        "已处理" | "已完成" | "解决" => Some(FollowStatus::Resolved),
        "关闭" => Some(FollowStatus::Closed),
        _ => None,
    })
}

pub(super) fn contract_status(cell: &str) -> Option<ContractStatus> {
    choice_of(
        cell,
        &ContractStatus::ALL,
        strings::contract_status,
        ContractStatus::code,
    )
    .or(match cell.trim() {
        "审批中" | "待批" => Some(ContractStatus::Submitted),
        "已审批" | "已通过" => Some(ContractStatus::Approved),
        "履行中" | "生效" | "有效" => Some(ContractStatus::InForce),
        "已结束" | "完成" | "已履行" => Some(ContractStatus::Completed),
        "终止" | "作废" => Some(ContractStatus::Terminated),
        _ => None,
    })
}

pub(super) fn threat(cell: &str) -> Option<Threat> {
    choice_of(cell, &Threat::ALL, strings::threat, Threat::code).or(
        match cell.trim().trim_end_matches('级') {
            "高" | "大" | "严重" => Some(Threat::High),
            "中" | "一般" => Some(Threat::Medium),
            "低" | "小" => Some(Threat::Low),
            _ => None,
        },
    )
}

/// A date with an optional time: "2026-11-22 14:30", "2026/11/22", an Excel serial
/// with a fraction of a day. Stored as "YYYY-MM-DD HH:MM".
pub(super) fn date_time(cell: &str, order: DateOrder) -> Result<String, cells::CellProblem> {
    let t = crate::domain::text::fold_width(cell.trim());
    if let Ok(n) = t.parse::<f64>()
        && (20_000.0..80_000.0).contains(&n)
    {
        let day = cells::parse_date(&(n.floor() as i64).to_string(), order)?;
        let minutes = ((n - n.floor()) * 1440.0).round() as u32;
        let (h, m) = ((minutes / 60).min(23), minutes % 60);
        return Ok(format!("{day} {h:02}:{m:02}"));
    }
    let (d, time) = match t.split_once(char::is_whitespace) {
        Some((d, rest)) => (d.to_string(), rest.trim().to_string()),
        None => (t.clone(), String::new()),
    };
    let day = cells::parse_date(&d, order)?;
    if time.is_empty() {
        return Ok(format!("{day} 00:00"));
    }
    let hm: Vec<&str> = time.split(':').collect();
    let (h, m) = match hm.as_slice() {
        [h, m] | [h, m, _] => (
            h.parse::<u32>().map_err(|_| cells::CellProblem::BadDate)?,
            m.parse::<u32>().map_err(|_| cells::CellProblem::BadDate)?,
        ),
        _ => return Err(cells::CellProblem::BadDate),
    };
    if h > 23 || m > 59 {
        return Err(cells::CellProblem::BadDate);
    }
    Ok(format!("{day} {h:02}:{m:02}"))
}

/// Names in one cell: 甲公司；乙公司、丙公司.
pub(super) fn names(cell: &str) -> Vec<String> {
    cell.split([';', '；', '、', ',', '，', '\n', '|'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A number in a cell, with 分 or % or .0 after it.
pub(super) fn small_number(cell: &str, max: u8) -> Option<u8> {
    let t = crate::domain::text::fold_width(cell.trim());
    let t = t.trim_end_matches(['分', '%', '星']).trim();
    let n: f64 = t.parse().ok()?;
    (n.is_finite() && (0.0..=max as f64).contains(&n)).then(|| n.round() as u8)
}

/// Sets one field of `r` from a converted cell.
pub(super) enum Value {
    Text(String),
    Fen(i64),
    Small(u8),
    Id(i64),
    Ids(Vec<i64>),
}

pub(super) fn set(r: &mut Record, key: &str, v: Value) {
    let text = |v: Value| match v {
        Value::Text(s) => s,
        _ => String::new(),
    };
    match r {
        Record::Feedback(x) => match (key, v) {
            ("customer", Value::Id(id)) => x.customer_id = Some(id),
            ("satisfaction", Value::Small(n)) => x.satisfaction = Some(n),
            ("kind", Value::Text(s)) => x.kind = FeedbackKind::from_code(&s).unwrap_or_default(),
            ("status", Value::Text(s)) => {
                x.status = FollowStatus::from_code(&s).unwrap_or_default()
            }
            ("contact", v) => x.contact_name = text(v),
            ("at", v) => x.at = text(v),
            ("channel", v) => x.channel = text(v),
            ("subject", v) => x.subject = text(v),
            ("content", v) => x.content = text(v),
            ("reported_by", v) => x.reported_by = text(v),
            ("responsible", v) => x.responsible = text(v),
            ("due_on", v) => x.due_on = text(v),
            ("resolution", v) => x.resolution = text(v),
            ("resolved_on", v) => x.resolved_on = text(v),
            ("promised_on", v) => x.promised_on = text(v),
            ("promised_amount", Value::Fen(n)) => x.promised_fen = n,
            _ => {}
        },
        Record::Contract(x) => match (key, v) {
            ("customer", Value::Id(id)) => x.customer_id = Some(id),
            ("amount", Value::Fen(n)) => x.amount_fen = n,
            ("status", Value::Text(s)) => {
                x.status = ContractStatus::from_code(&s).unwrap_or_default()
            }
            ("number", v) => x.number = text(v),
            ("title", v) => x.title = text(v),
            ("signed_on", v) => x.signed_on = text(v),
            ("starts_on", v) => x.starts_on = text(v),
            ("ends_on", v) => x.ends_on = text(v),
            ("payment_terms", v) => x.payment_terms = text(v),
            ("salesperson", v) => x.salesperson = text(v),
            ("notes", v) => x.notes = text(v),
            // After the amount and the signing date (the fields' order): one
            // installment for the whole amount, on the date given or at signing + 账期.
            ("due_on", v) if x.amount_fen > 0 => {
                x.plan = vec![crate::domain::contract::Installment {
                    due_on: text(v),
                    amount_fen: x.amount_fen,
                    note: String::new(),
                }]
            }
            ("payment_days", v) if x.plan.is_empty() => {
                if let Ok(days) = text(v).parse::<i64>() {
                    x.plan = crate::domain::contract::default_plan(
                        &x.signed_on,
                        x.amount_fen,
                        days,
                        crate::store::today(),
                    );
                }
            }
            _ => {}
        },
        Record::Competitor(x) => match (key, v) {
            ("market_share", Value::Small(n)) => x.market_share = Some(n),
            ("threat", Value::Text(s)) => x.threat = Threat::from_code(&s).unwrap_or_default(),
            ("customers", Value::Ids(ids)) => x.customers = ids,
            ("name", v) => x.name = text(v),
            ("website", v) => x.website = text(v),
            ("products", v) => x.products = text(v),
            ("price_level", v) => x.price_level = text(v),
            ("strengths", v) => x.strengths = text(v),
            ("weaknesses", v) => x.weaknesses = text(v),
            ("notes", v) => x.notes = text(v),
            _ => {}
        },
        Record::News(x) => match (key, v) {
            ("customers", Value::Ids(ids)) => x.customers = ids,
            ("competitors", Value::Ids(ids)) => x.competitors = ids,
            ("on", v) => x.on = text(v),
            ("title", v) => x.title = text(v),
            ("source", v) => x.source = text(v),
            ("category", v) => x.category = text(v),
            ("tags", v) => x.tags = text(v),
            ("content", v) => x.content = text(v),
            ("reported_by", v) => x.reported_by = text(v),
            _ => {}
        },
    }
}

/// Copies the fields the row has from `src` into `dst` (an existing record being
/// updated); links are added to, not replaced.
pub(super) fn overlay(mut dst: Record, src: &Record, present: &[&'static str]) -> Record {
    for key in present {
        match (&mut dst, src) {
            (Record::Feedback(d), Record::Feedback(s)) => match *key {
                "customer" => d.customer_id = s.customer_id,
                "contact" => d.contact_name = s.contact_name.clone(),
                "at" => d.at = s.at.clone(),
                "kind" => d.kind = s.kind,
                "channel" => d.channel = s.channel.clone(),
                "subject" => d.subject = s.subject.clone(),
                "content" => d.content = s.content.clone(),
                "reported_by" => d.reported_by = s.reported_by.clone(),
                "satisfaction" => d.satisfaction = s.satisfaction,
                "status" => d.status = s.status,
                "responsible" => d.responsible = s.responsible.clone(),
                "due_on" => d.due_on = s.due_on.clone(),
                "resolution" => d.resolution = s.resolution.clone(),
                "resolved_on" => d.resolved_on = s.resolved_on.clone(),
                "promised_on" => d.promised_on = s.promised_on.clone(),
                "promised_amount" => d.promised_fen = s.promised_fen,
                _ => {}
            },
            (Record::Contract(d), Record::Contract(s)) => match *key {
                "customer" => d.customer_id = s.customer_id,
                "title" => d.title = s.title.clone(),
                "signed_on" => d.signed_on = s.signed_on.clone(),
                "starts_on" => d.starts_on = s.starts_on.clone(),
                "ends_on" => d.ends_on = s.ends_on.clone(),
                "amount" => d.amount_fen = s.amount_fen,
                "payment_terms" => d.payment_terms = s.payment_terms.clone(),
                "salesperson" => d.salesperson = s.salesperson.clone(),
                "notes" => d.notes = s.notes.clone(),
                "due_on" | "payment_days" if !s.plan.is_empty() => d.plan = s.plan.clone(),
                // The status moves only through the approval flow.
                _ => {}
            },
            (Record::Competitor(d), Record::Competitor(s)) => match *key {
                "name" => d.name = s.name.clone(),
                "website" => d.website = s.website.clone(),
                "products" => d.products = s.products.clone(),
                "price_level" => d.price_level = s.price_level.clone(),
                "strengths" => d.strengths = s.strengths.clone(),
                "weaknesses" => d.weaknesses = s.weaknesses.clone(),
                "market_share" => d.market_share = s.market_share,
                "threat" => d.threat = s.threat,
                "notes" => d.notes = s.notes.clone(),
                "customers" => union(&mut d.customers, &s.customers),
                _ => {}
            },
            (Record::News(d), Record::News(s)) => match *key {
                "on" => d.on = s.on.clone(),
                "title" => d.title = s.title.clone(),
                "source" => d.source = s.source.clone(),
                "category" => d.category = s.category.clone(),
                "tags" => d.tags = s.tags.clone(),
                "content" => d.content = s.content.clone(),
                "reported_by" => d.reported_by = s.reported_by.clone(),
                "customers" => union(&mut d.customers, &s.customers),
                "competitors" => union(&mut d.competitors, &s.competitors),
                _ => {}
            },
            _ => {}
        }
    }
    dst
}

pub(super) fn union(into: &mut Vec<i64>, more: &[i64]) {
    for id in more {
        if !into.contains(id) {
            into.push(*id);
        }
    }
}

pub(super) fn empty_record(kind: RecordKind) -> Record {
    match kind {
        RecordKind::Feedback => Record::Feedback(Feedback::default()),
        RecordKind::Contracts => Record::Contract(Contract::default()),
        RecordKind::Competitors => Record::Competitor(Competitor::default()),
        RecordKind::News => Record::News(News::default()),
    }
}

/// The validation problems of a record, by field key.
pub(super) fn problems(r: &Record) -> Vec<(&'static str, Problem)> {
    match r {
        Record::Feedback(x) => validate_feedback(x)
            .into_iter()
            .map(|(f, p)| (f.key(), p))
            .collect(),
        Record::Contract(x) => validate_contract(x)
            .into_iter()
            .map(|(f, p)| (f.key().unwrap_or("notes"), p))
            .collect(),
        Record::Competitor(x) => validate_competitor(x)
            .into_iter()
            .map(|(f, p)| (f.key().unwrap_or("notes"), p))
            .collect(),
        Record::News(x) => validate_news(x)
            .into_iter()
            .map(|(f, p)| (f.key(), p))
            .collect(),
    }
}

/// What identifies a record of the file among the existing ones, as text (for finding
/// a repeat within the file) and the existing id, if any.
pub(super) fn identity(r: &Record, ix: &RecordIndex) -> (String, Option<i64>, MatchReason) {
    match r {
        Record::Feedback(x) => {
            let at = crate::domain::feedback::parse_datetime(&x.at)
                .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            let cid = x.customer_id.unwrap_or_default();
            (
                format!("{cid}\u{1}{at}\u{1}{}", x.subject.trim()),
                ix.feedback(cid, &at, &x.subject),
                MatchReason::Same,
            )
        }
        Record::Contract(x) => (
            x.number.trim().to_string(),
            ix.contract(&x.number).map(|c| c.id),
            MatchReason::Number,
        ),
        Record::Competitor(x) => (
            crate::domain::text::name_key(&x.name),
            ix.competitor(&x.name),
            MatchReason::Name,
        ),
        Record::News(x) => (
            format!("{}\u{1}{}", x.on, x.title.trim()),
            ix.news(&x.on, &x.title),
            MatchReason::Same,
        ),
    }
}

/// A record's name as the report shows it.
pub(super) fn record_name(r: &Record) -> String {
    match r {
        Record::Feedback(x) => format!("{} {}", x.at, x.subject),
        Record::Contract(x) => format!("{} {}", x.number, x.title),
        Record::Competitor(x) => x.name.clone(),
        Record::News(x) => format!("{} {}", x.on, x.title),
    }
}
