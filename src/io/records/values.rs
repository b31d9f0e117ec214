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

/// Sets one field of `r` from a converted cell. A contract's 付款到期日 and 账期 are
/// not fields of it but one cell's way of writing its payment plan: one installment
/// for the whole amount (after the amount and the signing date, the fields' order),
/// due on that date or at signing + 账期.
pub(super) fn set(r: &mut Record, fd: &Field, v: Cell) {
    match (r, fd.key, v) {
        (Record::Contract(x), "due_on", Cell::Text(due_on)) => {
            if x.amount_fen > 0 {
                x.plan = vec![crate::domain::contract::Installment {
                    due_on,
                    amount_fen: x.amount_fen,
                    note: String::new(),
                }]
            }
        }
        (Record::Contract(x), "payment_days", Cell::Text(days)) => {
            if x.plan.is_empty()
                && let Ok(days) = days.parse::<i64>()
            {
                x.plan = crate::domain::contract::default_plan(
                    &x.signed_on,
                    x.amount_fen,
                    days,
                    crate::store::today(),
                );
            }
        }
        (r, _, v) => (fd.set)(r, v),
    }
}

/// Copies the fields the row has from `src` into `dst` (an existing record being
/// updated); links are added to, not replaced, and a contract's status moves only
/// through the approval flow.
pub(super) fn overlay(mut dst: Record, src: &Record, present: &[&'static str]) -> Record {
    let kind = src.kind();
    for key in present {
        let Some(fd) = kind.field(key) else { continue };
        match (&mut dst, src, fd.form) {
            (_, _, Form::ContractStatus) => {}
            (Record::Contract(d), Record::Contract(s), _)
                if matches!(*key, "due_on" | "payment_days") =>
            {
                if !s.plan.is_empty() {
                    d.plan = s.plan.clone()
                }
            }
            (d, s, _) => match ((fd.get)(d), (fd.get)(s)) {
                (Some(Cell::Ids(mut old)), Some(Cell::Ids(more))) => {
                    union(&mut old, &more);
                    (fd.set)(d, Cell::Ids(old))
                }
                (_, Some(v)) => (fd.set)(d, v),
                (_, None) => {}
            },
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
