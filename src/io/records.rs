//! Importing and exporting the other four kinds of record — 交往反馈 feedback, 合同信息
//! contracts, 竞争对手 competitors and 业界动态 news — with the same reader, the same
//! dry-run report and the same one-transaction commit and undo as customers.
//!
//! Each kind is a list of [`Field`]s: the Chinese header an export writes, the header
//! names a file may use for it (so an export imports back, and so do the firm's own
//! sheets), and how its cells are read. Rows refer to customers and competitors by name;
//! a name that is not in the database is an error on that row, never a guess.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::competitor::{Competitor, Threat, validate_competitor};
use crate::domain::contract::{Contract, ContractStatus, validate_contract};
use crate::domain::feedback::{Feedback, FeedbackKind, FollowStatus, validate_feedback};
use crate::domain::news::{News, validate_news};
use crate::domain::validate::Problem;
use crate::store::imports::{ImportRecord, MatchReason};
use crate::store::record_imports::{Overlay, Record, RecordIndex, RecordStep};
use crate::store::{Store, StoreError};
use crate::strings::{self, Lang, S, lang};

use super::cells::{self, DateOrder};
use super::export::{ExportError, ExportFormat, write_csv_rows_unless, write_xlsx_rows};
use super::import::{
    DupChoice, DupRow, ImportError, Report, RowError, UpdateRow, lock, plan_ahead, plan_rows,
    settle_date_order,
};
use super::mapping::normalise_header;
use super::read::{self, ReadError, ReadOptions, Record as Line};

/// The four kinds of record besides customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RecordKind {
    Feedback,
    Contracts,
    Competitors,
    News,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Feedback,
        RecordKind::Contracts,
        RecordKind::Competitors,
        RecordKind::News,
    ];

    /// Its name on the command line, and its table.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::Feedback => "feedback",
            RecordKind::Contracts => "contracts",
            RecordKind::Competitors => "competitors",
            RecordKind::News => "news",
        }
    }

    pub fn from_key(s: &str) -> Option<RecordKind> {
        Self::ALL.into_iter().find(|k| k.key() == s)
    }

    /// Its tab's name.
    pub fn label(self) -> S {
        match self {
            RecordKind::Feedback => S::TabFeedback,
            RecordKind::Contracts => S::TabContracts,
            RecordKind::Competitors => S::TabCompetitors,
            RecordKind::News => S::TabNews,
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            RecordKind::Feedback => FEEDBACK,
            RecordKind::Contracts => CONTRACTS,
            RecordKind::Competitors => COMPETITORS,
            RecordKind::News => NEWS,
        }
    }

    pub fn field(self, key: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.key == key)
    }

    /// The fields a file must map (a column or a fixed value) before it can be checked.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            RecordKind::Feedback => &["customer", "subject"],
            RecordKind::Contracts => &["number", "customer", "title"],
            RecordKind::Competitors => &["name"],
            RecordKind::News => &["title", "on"],
        }
    }
}

/// How a field's cells are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Text,
    Date,
    /// A date with an optional time of day (2026-11-22 14:30).
    DateTime,
    /// Yuan in the file, fen in the store.
    Amount,
    /// 1–5.
    Score,
    /// 0–100, "30%" allowed.
    Percent,
    FeedbackKind,
    FollowStatus,
    ContractStatus,
    Threat,
    /// One customer, by name.
    Customer,
    /// Customers by name, separated by ；、, or new lines.
    Customers,
    Competitors,
    /// What has been paid against a contract (已回款, yuan): comes in as one payment
    /// (回款) when the contract takes payments.
    Paid,
    /// Written by an export for the reader (余额); ignored on import.
    Derived,
}

/// A field of a record as a file holds it.
#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    /// The header an export writes (always Chinese, like the customer export).
    pub header: &'static str,
    pub en: &'static str,
    /// Other header names that mean this field (normalised when compared).
    pub aliases: &'static [&'static str],
    pub form: Form,
}

impl Field {
    /// Its name in the UI language.
    pub fn label(&self) -> &'static str {
        match lang() {
            Lang::Zh => self.header,
            Lang::En => self.en,
        }
    }
}

const fn f(
    key: &'static str,
    header: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    form: Form,
) -> Field {
    Field {
        key,
        header,
        en,
        aliases,
        form,
    }
}

const CUSTOMER_ALIASES: &[&str] = &[
    "客户",
    "客户名",
    "公司名称",
    "单位名称",
    "客户单位",
    "customer",
    "company",
    "account",
    "accountname",
];

static FEEDBACK: &[Field] = &[
    f(
        "customer",
        "客户名称",
        "Customer",
        CUSTOMER_ALIASES,
        Form::Customer,
    ),
    f(
        "contact",
        "联系人",
        "Contact",
        &["联系人姓名", "contact"],
        Form::Text,
    ),
    f(
        "at",
        "时间",
        "Date and time",
        &[
            "日期",
            "反馈时间",
            "拜访时间",
            "联系时间",
            "日期时间",
            "date",
            "time",
        ],
        Form::DateTime,
    ),
    f(
        "kind",
        "类型",
        "Kind",
        &["反馈类型", "交往类型", "方式", "type", "kind"],
        Form::FeedbackKind,
    ),
    f(
        "channel",
        "渠道",
        "Channel",
        &["途径", "channel"],
        Form::Text,
    ),
    f(
        "subject",
        "主题",
        "Subject",
        &["标题", "事由", "subject"],
        Form::Text,
    ),
    f(
        "content",
        "内容",
        "Content",
        &["反馈内容", "详细内容", "详情", "content", "description"],
        Form::Text,
    ),
    f(
        "reported_by",
        "报告人",
        "Reported by",
        &["反馈人", "记录人", "reportedby"],
        Form::Text,
    ),
    f(
        "satisfaction",
        "满意度",
        "Satisfaction",
        &["满意度评分", "评分", "satisfaction", "score"],
        Form::Score,
    ),
    f(
        "status",
        "处理状态",
        "Follow-up status",
        &["状态", "跟进状态", "status"],
        Form::FollowStatus,
    ),
    f(
        "responsible",
        "负责人",
        "Responsible",
        &["处理人", "跟进人", "responsible", "owner"],
        Form::Text,
    ),
    f(
        "due_on",
        "期限",
        "Due",
        &["截止日期", "到期日", "处理期限", "due", "duedate"],
        Form::Date,
    ),
    f(
        "resolution",
        "处理结果",
        "Resolution",
        &["解决办法", "处理意见", "resolution"],
        Form::Text,
    ),
    f(
        "resolved_on",
        "解决日期",
        "Resolved on",
        &["完成日期", "resolved", "resolvedon"],
        Form::Date,
    ),
];

static CONTRACTS: &[Field] = &[
    f(
        "number",
        "合同编号",
        "Contract no.",
        &[
            "合同号",
            "编号",
            "合同编码",
            "contractno",
            "contractnumber",
            "number",
        ],
        Form::Text,
    ),
    f(
        "customer",
        "客户名称",
        "Customer",
        CUSTOMER_ALIASES,
        Form::Customer,
    ),
    f(
        "title",
        "合同名称",
        "Title",
        &["合同标题", "标题", "名称", "title"],
        Form::Text,
    ),
    f(
        "signed_on",
        "签订日期",
        "Signed on",
        &["签约日期", "签署日期", "signed", "signedon", "signingdate"],
        Form::Date,
    ),
    f(
        "starts_on",
        "开始日期",
        "Starts on",
        &["生效日期", "起始日期", "start", "startdate"],
        Form::Date,
    ),
    f(
        "ends_on",
        "结束日期",
        "Ends on",
        &["到期日期", "终止日期", "截止日期", "end", "enddate"],
        Form::Date,
    ),
    f(
        "amount",
        "合同金额（元）",
        "Amount (yuan)",
        &["合同金额", "金额", "总金额", "合同总额", "amount"],
        Form::Amount,
    ),
    f(
        "payment_terms",
        "付款条件",
        "Payment terms",
        &["付款方式", "结算方式", "paymentterms"],
        Form::Text,
    ),
    f(
        "salesperson",
        "销售员",
        "Salesperson",
        &["业务员", "销售人员", "销售", "salesperson", "salesrep"],
        Form::Text,
    ),
    f(
        "notes",
        "合同内容及备注",
        "Contents and notes",
        &["备注", "合同内容", "notes"],
        Form::Text,
    ),
    f(
        "status",
        "状态",
        "Status",
        &["合同状态", "status"],
        Form::ContractStatus,
    ),
    f(
        "received",
        "已回款（元）",
        "Received (yuan)",
        &["已回款", "回款"],
        Form::Paid,
    ),
    f(
        "balance",
        "未收余额（元）",
        "Balance (yuan)",
        &["未收余额", "余额"],
        Form::Derived,
    ),
];

static COMPETITORS: &[Field] = &[
    f(
        "name",
        "名称",
        "Name",
        &[
            "竞争对手",
            "对手名称",
            "竞争对手名称",
            "公司名称",
            "name",
            "competitor",
        ],
        Form::Text,
    ),
    f(
        "website",
        "网址",
        "Website",
        &["网站", "主页", "website"],
        Form::Text,
    ),
    f(
        "products",
        "主要产品",
        "Main products",
        &["产品", "products"],
        Form::Text,
    ),
    f(
        "price_level",
        "价格水平",
        "Price level",
        &["价格", "价位", "pricelevel"],
        Form::Text,
    ),
    f(
        "strengths",
        "优势",
        "Strengths",
        &["长处", "strengths"],
        Form::Text,
    ),
    f(
        "weaknesses",
        "劣势",
        "Weaknesses",
        &["弱点", "短处", "weaknesses"],
        Form::Text,
    ),
    f(
        "market_share",
        "市场份额（%）",
        "Market share (%)",
        &["市场份额", "市场占有率", "份额", "marketshare"],
        Form::Percent,
    ),
    f(
        "threat",
        "威胁程度",
        "Threat",
        &["威胁", "威胁等级", "threat"],
        Form::Threat,
    ),
    f("notes", "备注", "Notes", &["notes"], Form::Text),
    f(
        "customers",
        "共同客户",
        "Shared customers",
        &["相关客户", "客户", "customers"],
        Form::Customers,
    ),
];

static NEWS: &[Field] = &[
    f(
        "on",
        "日期",
        "Date",
        &["发布日期", "时间", "date"],
        Form::Date,
    ),
    f(
        "title",
        "标题",
        "Title",
        &["题目", "title", "headline"],
        Form::Text,
    ),
    f("source", "来源", "Source", &["出处", "source"], Form::Text),
    f(
        "category",
        "类别",
        "Category",
        &["分类", "类型", "category"],
        Form::Text,
    ),
    f("tags", "标签", "Tags", &["关键词", "tags"], Form::Text),
    f(
        "content",
        "内容",
        "Content",
        &["正文", "摘要", "content"],
        Form::Text,
    ),
    f(
        "reported_by",
        "报告人",
        "Reported by",
        &["记录人", "reportedby"],
        Form::Text,
    ),
    f(
        "customers",
        "相关客户",
        "Customers",
        &["客户", "customers"],
        Form::Customers,
    ),
    f(
        "competitors",
        "相关竞争对手",
        "Competitors",
        &["竞争对手", "competitors"],
        Form::Competitors,
    ),
];

/// File column → field (by key), plus fixed values, for one kind.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct RecordMapping {
    /// The kind's key, so a saved customer mapping is never taken for this one.
    pub kind: String,
    /// One entry per file column: the field key, or None to ignore the column.
    pub columns: Vec<Option<String>>,
    pub fixed: BTreeMap<String, String>,
}

impl RecordMapping {
    pub fn column_of(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.as_deref() == Some(key))
    }

    pub fn maps(&self, key: &str) -> bool {
        self.column_of(key).is_some() || self.fixed.get(key).is_some_and(|v| !v.is_empty())
    }

    /// Required fields with neither a column nor a fixed value.
    pub fn missing(&self, kind: RecordKind) -> Vec<&'static str> {
        kind.required()
            .iter()
            .filter(|k| !self.maps(k))
            .map(|k| kind.field(k).map(|f| f.label()).unwrap_or(k))
            .collect()
    }

    /// The columns with a header that fill no field, each with the nearest field of the
    /// kind not filled by another column.
    pub fn unmapped(
        &self,
        kind: RecordKind,
        headers: &[String],
    ) -> Vec<crate::io::mapping::Unmapped> {
        let free: Vec<(&str, Vec<&str>)> = kind
            .fields()
            .iter()
            .filter(|fd| !self.columns.iter().any(|c| c.as_deref() == Some(fd.key)))
            .map(|fd| {
                let mut names = vec![fd.header];
                names.extend(fd.aliases.iter().copied());
                (fd.label(), names)
            })
            .collect();
        crate::io::mapping::unmapped_columns(
            headers,
            |i| self.columns.get(i).is_some_and(|c| c.is_some()),
            &free,
        )
    }
}

/// Maps headers to a kind's fields: exact names first (the export's header, then the
/// aliases), then a header containing a Chinese name of two or more characters (合同金额
/// （万元）→ 合同金额), best match first as for customers (see
/// [`super::mapping::match_contained`]). Each field takes one column.
pub fn auto_map_records(kind: RecordKind, headers: &[String]) -> RecordMapping {
    let norm: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let mut columns: Vec<Option<String>> = vec![None; headers.len()];
    let mut taken = std::collections::HashSet::new();
    let names = |fd: &Field| {
        std::iter::once(fd.header)
            .chain(fd.aliases.iter().copied())
            .map(normalise_header)
            .collect::<Vec<_>>()
    };
    for (i, h) in norm.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        if let Some(fd) = kind
            .fields()
            .iter()
            .find(|fd| !taken.contains(fd.key) && names(fd).contains(h))
        {
            columns[i] = Some(fd.key.to_string());
            taken.insert(fd.key);
        }
    }
    let choice = |fd: &Field| {
        matches!(
            fd.form,
            Form::FeedbackKind | Form::FollowStatus | Form::ContractStatus | Form::Threat
        )
    };
    let free: Vec<bool> = columns.iter().map(Option::is_none).collect();
    let fields: Vec<Vec<String>> = kind
        .fields()
        .iter()
        .map(|fd| {
            if choice(fd) || taken.contains(fd.key) {
                Vec::new()
            } else {
                names(fd)
            }
        })
        .collect();
    for (i, f) in super::mapping::match_contained(&norm, &free, &fields) {
        columns[i] = Some(kind.fields()[f].key.to_string());
    }
    RecordMapping {
        kind: kind.key().to_string(),
        columns,
        fixed: BTreeMap::new(),
    }
}

/// Everything a record import needs; the wizard and `kehu import --kind` fill it.
#[derive(Debug, Clone)]
pub struct RecordSpec {
    pub kind: RecordKind,
    pub path: PathBuf,
    pub read: ReadOptions,
    pub mapping: RecordMapping,
    pub date_order: DateOrder,
    pub duplicates: DupChoice,
    pub row_choices: HashMap<u64, DupChoice>,
}

impl RecordSpec {
    pub fn new(kind: RecordKind, path: PathBuf, mapping: RecordMapping) -> RecordSpec {
        RecordSpec {
            kind,
            path,
            read: ReadOptions::default(),
            mapping,
            date_order: DateOrder::Auto,
            duplicates: DupChoice::Skip,
            row_choices: HashMap::new(),
        }
    }

    fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn choice(&self, line: u64) -> DupChoice {
        self.row_choices
            .get(&line)
            .copied()
            .unwrap_or(self.duplicates)
    }
}

/// The words a choice cell may hold, in either language or as the stored code.
fn choice_of<T: Copy>(
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

fn feedback_kind(cell: &str) -> Option<FeedbackKind> {
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
        _ => None,
    })
}

fn follow_status(cell: &str) -> Option<FollowStatus> {
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

fn contract_status(cell: &str) -> Option<ContractStatus> {
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

fn threat(cell: &str) -> Option<Threat> {
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
fn date_time(cell: &str, order: DateOrder) -> Result<String, cells::CellProblem> {
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
fn names(cell: &str) -> Vec<String> {
    cell.split([';', '；', '、', ',', '，', '\n', '|'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A number in a cell, with 分 or % or .0 after it.
fn small_number(cell: &str, max: u8) -> Option<u8> {
    let t = crate::domain::text::fold_width(cell.trim());
    let t = t.trim_end_matches(['分', '%', '星']).trim();
    let n: f64 = t.parse().ok()?;
    (n.is_finite() && (0.0..=max as f64).contains(&n)).then(|| n.round() as u8)
}

/// Sets one field of `r` from a converted cell.
enum Value {
    Text(String),
    Fen(i64),
    Small(u8),
    Id(i64),
    Ids(Vec<i64>),
}

fn set(r: &mut Record, key: &str, v: Value) {
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
fn overlay(mut dst: Record, src: &Record, present: &[&'static str]) -> Record {
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

fn union(into: &mut Vec<i64>, more: &[i64]) {
    for id in more {
        if !into.contains(id) {
            into.push(*id);
        }
    }
}

fn empty_record(kind: RecordKind) -> Record {
    match kind {
        RecordKind::Feedback => Record::Feedback(Feedback::default()),
        RecordKind::Contracts => Record::Contract(Contract::default()),
        RecordKind::Competitors => Record::Competitor(Competitor::default()),
        RecordKind::News => Record::News(News::default()),
    }
}

/// The validation problems of a record, by field key.
fn problems(r: &Record) -> Vec<(&'static str, Problem)> {
    use crate::domain::competitor::CompetitorField as C;
    use crate::domain::contract::ContractField as K;
    use crate::domain::feedback::FeedbackField as F;
    use crate::domain::news::NewsField as N;
    match r {
        Record::Feedback(x) => validate_feedback(x)
            .into_iter()
            .map(|(f, p)| {
                let k = match f {
                    F::Customer => "customer",
                    F::At => "at",
                    F::Subject => "subject",
                    F::Satisfaction => "satisfaction",
                    F::DueOn => "due_on",
                    F::ResolvedOn => "resolved_on",
                };
                (k, p)
            })
            .collect(),
        Record::Contract(x) => validate_contract(x)
            .into_iter()
            .map(|(f, p)| {
                let k = match f {
                    K::Number => "number",
                    K::Customer => "customer",
                    K::Title => "title",
                    K::SignedOn => "signed_on",
                    K::StartsOn => "starts_on",
                    K::EndsOn => "ends_on",
                    K::Amount => "amount",
                    _ => "notes",
                };
                (k, p)
            })
            .collect(),
        Record::Competitor(x) => validate_competitor(x)
            .into_iter()
            .map(|(f, p)| {
                let k = match f {
                    C::Name => "name",
                    C::Website => "website",
                    C::MarketShare => "market_share",
                    _ => "notes",
                };
                (k, p)
            })
            .collect(),
        Record::News(x) => validate_news(x)
            .into_iter()
            .map(|(f, p)| {
                let k = match f {
                    N::Date => "on",
                    N::Title => "title",
                };
                (k, p)
            })
            .collect(),
    }
}

/// What identifies a record of the file among the existing ones, as text (for finding
/// a repeat within the file) and the existing id, if any.
fn identity(r: &Record, ix: &RecordIndex) -> (String, Option<i64>, MatchReason) {
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
fn record_name(r: &Record) -> String {
    match r {
        Record::Feedback(x) => format!("{} {}", x.at, x.subject),
        Record::Contract(x) => format!("{} {}", x.number, x.title),
        Record::Competitor(x) => x.name.clone(),
        Record::News(x) => format!("{} {}", x.on, x.title),
    }
}

/// Names of customers and competitors by id, for writing records out.
pub struct Names {
    customers: HashMap<i64, String>,
    competitors: HashMap<i64, String>,
}

impl Names {
    pub fn load(store: &Store) -> Result<Names, StoreError> {
        Ok(Names {
            customers: store.names_by_id("customers")?,
            competitors: store.names_by_id("competitors")?,
        })
    }

    fn customer(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.customers.get(&id).cloned())
            .unwrap_or_default()
    }

    fn join(map: &HashMap<i64, String>, ids: &[i64]) -> String {
        ids.iter()
            .filter_map(|id| map.get(id).cloned())
            .collect::<Vec<_>>()
            .join("；")
    }
}

/// A record as the cells of its kind's fields, in order, as an export writes them;
/// `received_fen` is what has been paid against a contract.
pub fn record_cells(r: &Record, names: &Names, received_fen: i64) -> Vec<String> {
    let zh = |s: S| s.in_lang(Lang::Zh).to_string();
    let plain = crate::domain::money::fen_to_plain;
    match r {
        Record::Feedback(x) => vec![
            names.customer(x.customer_id),
            x.contact_name.clone(),
            x.at.clone(),
            zh(strings::feedback_kind(x.kind)),
            x.channel.clone(),
            x.subject.clone(),
            x.content.clone(),
            x.reported_by.clone(),
            x.satisfaction.map(|n| n.to_string()).unwrap_or_default(),
            zh(strings::follow_status(x.status)),
            x.responsible.clone(),
            x.due_on.clone(),
            x.resolution.clone(),
            x.resolved_on.clone(),
        ],
        Record::Contract(x) => vec![
            x.number.clone(),
            names.customer(x.customer_id),
            x.title.clone(),
            x.signed_on.clone(),
            x.starts_on.clone(),
            x.ends_on.clone(),
            plain(x.amount_fen),
            x.payment_terms.clone(),
            x.salesperson.clone(),
            x.notes.clone(),
            zh(strings::contract_status(x.status)),
            plain(received_fen),
            plain(x.amount_fen - received_fen),
        ],
        Record::Competitor(x) => vec![
            x.name.clone(),
            x.website.clone(),
            x.products.clone(),
            x.price_level.clone(),
            x.strengths.clone(),
            x.weaknesses.clone(),
            x.market_share.map(|n| n.to_string()).unwrap_or_default(),
            zh(strings::threat(x.threat)),
            x.notes.clone(),
            Names::join(&names.customers, &x.customers),
        ],
        Record::News(x) => vec![
            x.on.clone(),
            x.title.clone(),
            x.source.clone(),
            x.category.clone(),
            x.tags.clone(),
            x.content.clone(),
            x.reported_by.clone(),
            Names::join(&names.customers, &x.customers),
            Names::join(&names.competitors, &x.competitors),
        ],
    }
}

/// The store and names a dry run shows old values and names from (None on commit).
type Shown<'a> = Option<(&'a Store, &'a Names)>;

/// A row as a record: the fields it has, and the 已回款 it brings (contracts).
struct Built {
    record: Record,
    present: Vec<&'static str>,
    paid_fen: i64,
}

/// Turns rows into steps, keeping the report.
struct Planner<'a> {
    spec: &'a RecordSpec,
    headers: &'a [String],
    index: &'a RecordIndex,
    order: DateOrder,
    /// Identity → the line that first brought it, to catch repeats within the file.
    seen: HashMap<String, u64>,
    report: Report,
    /// Contracts keep the file's status (a supervisor's or administrator's import).
    keep_status: bool,
}

impl Planner<'_> {
    fn column_name(&self, key: &str) -> String {
        match self.spec.mapping.column_of(key) {
            Some(i) => self.headers.get(i).cloned().unwrap_or_default(),
            None => self
                .spec
                .kind
                .field(key)
                .map(|f| f.label().to_string())
                .unwrap_or_default(),
        }
    }

    fn row_error(&self, line: u64, key: &str, value: &str, message: String) -> RowError {
        RowError {
            line,
            column: self.column_name(key),
            value: value.to_string(),
            message,
        }
    }

    fn fail(&mut self, rec: &Line, errs: Vec<RowError>) -> Option<RecordStep> {
        self.report.error_rows += 1;
        self.report.errors.extend(errs);
        if self.report.error_records.len() < 100_000 {
            self.report
                .error_records
                .push((rec.line, rec.cells.clone()));
        }
        None
    }

    /// The row as a record, with the fields it has; or its problems.
    fn build(&self, rec: &Line) -> Result<Built, Vec<RowError>> {
        let mut r = empty_record(self.spec.kind);
        let mut present = Vec::new();
        let mut paid_fen = 0;
        let mut errs = Vec::new();
        for fd in self.spec.kind.fields() {
            if fd.form == Form::Derived {
                continue;
            }
            let cell = self
                .spec
                .mapping
                .column_of(fd.key)
                .and_then(|i| rec.cells.get(i))
                .map(|s| s.trim())
                .unwrap_or("");
            let raw = if cell.is_empty() {
                self.spec
                    .mapping
                    .fixed
                    .get(fd.key)
                    .map(|s| s.trim())
                    .unwrap_or("")
            } else {
                cell
            };
            if raw.is_empty() {
                continue;
            }
            let bad = |m: String| self.row_error(rec.line, fd.key, raw, m);
            let not_a_choice = || {
                bad(crate::io::text::cell_problem(
                    &cells::CellProblem::BadChoice,
                ))
            };
            let v = match fd.form {
                Form::Text | Form::Derived => Ok(Value::Text(raw.to_string())),
                Form::Date => cells::parse_date(raw, self.order)
                    .map(|d| Value::Text(d.to_string()))
                    .map_err(|p| bad(crate::io::text::cell_problem(&p))),
                Form::DateTime => date_time(raw, self.order)
                    .map(Value::Text)
                    .map_err(|p| bad(crate::io::text::cell_problem(&p))),
                Form::Amount | Form::Paid => cells::credit_limit(raw)
                    .map(Value::Fen)
                    .map_err(|p| bad(crate::io::text::cell_problem(&p))),
                Form::Score => small_number(raw, 5)
                    .filter(|n| *n >= 1)
                    .map(Value::Small)
                    .ok_or_else(|| bad(strings::problem(Problem::OutOfRange(1, 5)))),
                Form::Percent => small_number(raw, 100)
                    .map(Value::Small)
                    .ok_or_else(|| bad(strings::problem(Problem::OutOfRange(0, 100)))),
                Form::FeedbackKind => feedback_kind(raw)
                    .map(|k| Value::Text(k.code().into()))
                    .ok_or_else(not_a_choice),
                Form::FollowStatus => follow_status(raw)
                    .map(|k| Value::Text(k.code().into()))
                    .ok_or_else(not_a_choice),
                Form::ContractStatus => contract_status(raw)
                    .map(|k| Value::Text(k.code().into()))
                    .ok_or_else(not_a_choice),
                Form::Threat => threat(raw)
                    .map(|k| Value::Text(k.code().into()))
                    .ok_or_else(not_a_choice),
                Form::Customer => self
                    .index
                    .customer(raw)
                    .map(Value::Id)
                    .ok_or_else(|| bad(strings::no_such_customer(raw))),
                Form::Customers | Form::Competitors => {
                    let mut ids = Vec::new();
                    let mut missing = Vec::new();
                    for n in names(raw) {
                        let id = if fd.form == Form::Customers {
                            self.index.customer(&n)
                        } else {
                            self.index.competitor(&n)
                        };
                        match id {
                            Some(id) if !ids.contains(&id) => ids.push(id),
                            Some(_) => {}
                            None => missing.push(n),
                        }
                    }
                    if missing.is_empty() {
                        Ok(Value::Ids(ids))
                    } else if fd.form == Form::Customers {
                        Err(bad(strings::no_such_customer(&missing.join("；"))))
                    } else {
                        Err(bad(strings::no_such_competitor(&missing.join("；"))))
                    }
                }
            };
            match v {
                Ok(Value::Fen(n)) if fd.form == Form::Paid => paid_fen = n,
                Ok(v) => {
                    set(&mut r, fd.key, v);
                    present.push(fd.key);
                }
                Err(e) => errs.push(e),
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let errs: Vec<RowError> = problems(&r)
            .into_iter()
            .map(|(key, p)| {
                let value = self
                    .spec
                    .mapping
                    .column_of(key)
                    .and_then(|i| rec.cells.get(i))
                    .cloned()
                    .unwrap_or_default();
                self.row_error(rec.line, key, &value, strings::problem(p))
            })
            .collect();
        if errs.is_empty() {
            Ok(Built {
                record: r,
                present,
                paid_fen,
            })
        } else {
            Err(errs)
        }
    }

    /// What of a row's 已回款 can come in: all of it on a contract that takes payments
    /// (an error when it is more than the contract's amount), none on one that does not
    /// yet (counted for the report: the clerk is told).
    fn paid(
        &mut self,
        line: u64,
        paid_fen: i64,
        status: ContractStatus,
        amount_fen: i64,
    ) -> Result<i64, RowError> {
        if paid_fen <= 0 {
            return Ok(0);
        }
        if paid_fen > amount_fen {
            return Err(self.row_error(
                line,
                "received",
                &crate::domain::money::fen_to_plain(paid_fen),
                S::ImpPaidOverAmount.t().to_string(),
            ));
        }
        if !status.takes_payments() {
            self.report.paid_left += 1;
            return Ok(0);
        }
        self.report.paid += 1;
        Ok(paid_fen)
    }

    /// The step a row makes. `shown`, given only by the dry run, supplies the names and
    /// old values the report shows (the commit plans on a thread of its own, where the
    /// store cannot go).
    fn plan(&mut self, rec: Line, shown: Shown) -> Option<RecordStep> {
        self.report.rows += 1;
        let line = rec.line;
        let Built {
            mut record,
            present,
            paid_fen,
        } = match self.build(&rec) {
            Ok(v) => v,
            Err(errs) => return self.fail(&rec, errs),
        };
        let (key, existing, reason) = identity(&record, self.index);
        let id_field = match self.spec.kind {
            RecordKind::Contracts => "number",
            RecordKind::Competitors => "name",
            RecordKind::Feedback => "subject",
            RecordKind::News => "title",
        };
        if let Some(first) = self.seen.get(&key) {
            let e = self.row_error(
                line,
                id_field,
                &record_name(&record),
                strings::repeats_line(*first),
            );
            return self.fail(&rec, vec![e]);
        }
        self.seen.insert(key, line);
        if let Record::Contract(c) = &mut record
            && !self.keep_status
            && c.status != ContractStatus::Draft
        {
            c.status = ContractStatus::Draft;
            self.report.as_draft += 1;
        }
        let Some(id) = existing else {
            let paid_fen = match &record {
                Record::Contract(c) => match self.paid(line, paid_fen, c.status, c.amount_fen) {
                    Ok(n) => n,
                    Err(e) => return self.fail(&rec, vec![e]),
                },
                _ => 0,
            };
            self.report.new += 1;
            return Some(RecordStep::Create {
                line,
                record: Box::new(record),
                paid_fen,
            });
        };
        let choice = self.spec.choice(line);
        self.report.duplicates += 1;
        if self.report.dup_rows.len() < 2_000 {
            let existing_name = shown
                .and_then(|(s, _)| s.record(self.spec.kind.key(), id).ok())
                .map(|r| record_name(&r))
                .unwrap_or_default();
            self.report.dup_rows.push(DupRow {
                line,
                name: record_name(&record),
                existing_id: id,
                existing_name,
                reason,
                choice,
            });
        }
        match choice {
            DupChoice::Skip => {
                self.report.skipped += 1;
                None
            }
            DupChoice::New => {
                if matches!(
                    self.spec.kind,
                    RecordKind::Contracts | RecordKind::Competitors
                ) {
                    let e = self.row_error(
                        line,
                        id_field,
                        &record_name(&record),
                        strings::problem(if self.spec.kind == RecordKind::Contracts {
                            Problem::DuplicateNumber
                        } else {
                            Problem::DuplicateName
                        }),
                    );
                    return self.fail(&rec, vec![e]);
                }
                self.report.new += 1;
                Some(RecordStep::Create {
                    line,
                    record: Box::new(record),
                    paid_fen: 0,
                })
            }
            DupChoice::Update => {
                if let Record::Contract(c) = &record
                    && let Some(old) = self.index.contract(&c.number)
                    && !old.status.terms_editable()
                    && ((present.contains(&"amount") && old.amount_fen != c.amount_fen)
                        || (present.contains(&"customer")
                            && Some(old.customer_id) != c.customer_id))
                {
                    let e = self.row_error(
                        line,
                        "amount",
                        &crate::domain::money::fen_to_plain(c.amount_fen),
                        StoreError::ContractLocked.message(),
                    );
                    return self.fail(&rec, vec![e]);
                }
                // 已回款 on an existing contract: what the file says beyond what is
                // recorded comes in (checked against the contract as it will be).
                let existing = match &record {
                    Record::Contract(c) => self.index.contract(&c.number),
                    _ => None,
                };
                let paid_fen = match (&record, existing) {
                    (Record::Contract(c), Some(old)) => {
                        let status = if present.contains(&"status") {
                            c.status
                        } else {
                            old.status
                        };
                        let amount = if present.contains(&"amount") {
                            c.amount_fen
                        } else {
                            old.amount_fen
                        };
                        match self.paid(line, paid_fen, status, amount) {
                            Ok(n) => n,
                            Err(e) => return self.fail(&rec, vec![e]),
                        }
                    }
                    _ => 0,
                };
                self.show_update(line, id, &record, &present, paid_fen, shown);
                let present = present.clone();
                let overlay_fn: Overlay = Box::new(move |old| overlay(old, &record, &present));
                Some(RecordStep::Update {
                    line,
                    id,
                    overlay: overlay_fn,
                    paid_fen,
                })
            }
        }
    }

    /// For the dry run: the fields an update changes, old → new.
    fn show_update(
        &mut self,
        line: u64,
        id: i64,
        record: &Record,
        present: &[&'static str],
        paid_fen: i64,
        shown: Shown,
    ) {
        let Some((store, names)) = shown else {
            self.report.updates += 1;
            return;
        };
        let Ok(old) = store.record(self.spec.kind.key(), id) else {
            return;
        };
        let new = overlay(old.clone(), record, present);
        let (a, b) = (record_cells(&old, names, 0), record_cells(&new, names, 0));
        let mut changes: Vec<(String, String, String)> = self
            .spec
            .kind
            .fields()
            .iter()
            .zip(a.into_iter().zip(b))
            .filter(|(fd, (o, n))| !matches!(fd.form, Form::Derived | Form::Paid) && o != n)
            .map(|(fd, (o, n))| (fd.label().to_string(), o, n))
            .collect();
        // More paid in the file than recorded: the difference comes in as a payment.
        if let Ok(c) = store.contract(id)
            && paid_fen > c.received_fen
            && let Some(fd) = self.spec.kind.field("received")
        {
            let plain = crate::domain::money::fen_to_plain;
            changes.push((
                fd.label().to_string(),
                plain(c.received_fen),
                plain(paid_fen),
            ));
        }
        if changes.is_empty() {
            self.report.unchanged += 1;
        } else {
            self.report.updates += 1;
            if self.report.update_rows.len() < 2_000 {
                self.report.update_rows.push(UpdateRow {
                    line,
                    id,
                    name: record_name(&new),
                    changes,
                });
            }
        }
    }
}

fn check_spec(spec: &RecordSpec) -> Result<(), ImportError> {
    let missing = spec.mapping.missing(spec.kind);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Missing(missing.join("、")))
    }
}

/// The columns whose dates settle the day/month order of the file.
fn date_columns(spec: &RecordSpec) -> Vec<usize> {
    spec.kind
        .fields()
        .iter()
        .filter(|fd| matches!(fd.form, Form::Date | Form::DateTime))
        .filter_map(|fd| spec.mapping.column_of(fd.key))
        .collect()
}

/// The file's day/month order, and whether the clerk must still choose it.
fn date_order(spec: &RecordSpec, cancel: &AtomicBool) -> Result<(DateOrder, bool), ImportError> {
    settle_date_order(
        &spec.path,
        &spec.read,
        spec.date_order,
        &date_columns(spec),
        cancel,
    )
}

/// Reads the whole file and says what importing it would do, writing nothing.
pub fn dry_run_records(
    store: &Store,
    spec: &RecordSpec,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<Report, ImportError> {
    check_spec(spec)?;
    let (order, needed) = date_order(spec, cancel)?;
    let table = read::open(&spec.path, &spec.read)?;
    let index = store.record_index(spec.kind.key())?;
    let names = Names::load(store)?;
    let mut p = Planner {
        spec,
        headers: &table.headers,
        index: &index,
        order,
        seen: HashMap::new(),
        report: Report {
            headers: table.headers.clone(),
            date_order_needed: needed,
            date_order: order,
            kind: spec.kind.key().to_string(),
            unmapped: spec.mapping.unmapped(spec.kind, &table.headers),
            ..Default::default()
        },
        keep_status: store.may_import_contract_status(),
    };
    plan_rows(table.rows, progress, cancel, |r| {
        p.plan(r, Some((store, &names)));
        p.report.rows
    })?;
    Ok(p.report)
}

/// Imports the file: the dry run's plan, written in one transaction after a snapshot.
pub fn commit_records(
    store: &mut Store,
    spec: &RecordSpec,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<(ImportRecord, Report), ImportError> {
    check_spec(spec)?;
    let (order, needed) = date_order(spec, cancel)?;
    if needed {
        return Err(ImportError::DateOrderNeeded);
    }
    let table = read::open(&spec.path, &spec.read)?;
    let index = store.record_index(spec.kind.key())?;
    let headers = table.headers.clone();
    let planner = std::sync::Mutex::new(Planner {
        spec,
        headers: &headers,
        index: &index,
        order,
        seen: HashMap::new(),
        report: Report::default(),
        keep_status: store.may_import_contract_status(),
    });
    // The file is read and planned on a second thread while this one writes; the
    // planner's counts are complete once the steps run out.
    let written = plan_ahead(
        table.rows,
        |rec| lock(&planner).plan(rec, None),
        |steps| {
            let tally = || lock(&planner).report.tally();
            store.import_records(
                spec.kind.key(),
                &spec.file_name(),
                steps,
                tally,
                progress,
                cancel,
            )
        },
    );
    let record = match written {
        Err(StoreError::Cancelled) => return Err(ImportError::Cancelled),
        r => r?,
    };
    let mut report = planner
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .report;
    report.headers = headers;
    report.date_order = order;
    report.kind = spec.kind.key().to_string();
    Ok((record, report))
}

/// What a record list shows now: its search, filters and sort.
#[derive(Debug, Clone)]
pub enum RecordQuery {
    Feedback(crate::store::feedback::FeedbackQuery),
    Contracts(crate::store::contracts::ContractQuery),
    Competitors(crate::store::competitors::CompetitorQuery),
    News(crate::store::news::NewsQuery),
}

impl RecordQuery {
    pub fn kind(&self) -> RecordKind {
        match self {
            RecordQuery::Feedback(_) => RecordKind::Feedback,
            RecordQuery::Contracts(_) => RecordKind::Contracts,
            RecordQuery::Competitors(_) => RecordKind::Competitors,
            RecordQuery::News(_) => RecordKind::News,
        }
    }

    /// Every record the list shows, in its order.
    fn ids(&self, store: &Store) -> Result<Vec<i64>, StoreError> {
        // u64::MAX is SQLite's LIMIT -1: no limit.
        let all = u64::MAX;
        Ok(match self {
            RecordQuery::Feedback(q) => store
                .feedback_page(q, 0, all)?
                .into_iter()
                .map(|r| r.id)
                .collect(),
            RecordQuery::Contracts(q) => store
                .contract_page(q, 0, all)?
                .into_iter()
                .map(|r| r.id)
                .collect(),
            RecordQuery::Competitors(q) => store
                .competitor_page(q, 0, all)?
                .into_iter()
                .map(|r| r.id)
                .collect(),
            RecordQuery::News(q) => store
                .news_page(q, 0, all)?
                .into_iter()
                .map(|r| r.id)
                .collect(),
        })
    }
}

/// Exports what a record list shows (its search, filters and sort) to CSV or XLSX
/// with the kind's Chinese headers. Returns the number of records written.
pub fn export_records(
    store: &Store,
    q: &RecordQuery,
    format: ExportFormat,
    path: &Path,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<u64, ExportError> {
    let kind = q.kind();
    let headers: Vec<String> = kind.fields().iter().map(|f| f.header.to_string()).collect();
    let ids = q.ids(store).map_err(ExportError::Store)?;
    let names = Names::load(store).map_err(ExportError::Store)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<String>>(1024);
    let abort = std::sync::Arc::new(AtomicBool::new(false));
    let writer = {
        let path = path.to_path_buf();
        let headers = headers.clone();
        let abort = abort.clone();
        let sheet = kind.label().in_lang(Lang::Zh);
        std::thread::spawn(move || match format {
            ExportFormat::Csv(enc) => {
                write_csv_rows_unless(&path, &headers, rx.into_iter(), enc, &abort)
            }
            ExportFormat::Xlsx => write_xlsx_rows(&path, sheet, &headers, rx.into_iter(), &abort),
        })
    };
    let mut count = 0u64;
    let mut failure = None;
    for id in ids {
        if cancel.load(Ordering::Relaxed) {
            failure = Some(ExportError::Cancelled);
            break;
        }
        let row = match kind {
            RecordKind::Contracts => store.contract(id).map(|c| {
                record_cells(
                    &Record::Contract(c.contract.clone()),
                    &names,
                    c.received_fen,
                )
            }),
            _ => store
                .record(kind.key(), id)
                .map(|r| record_cells(&r, &names, 0)),
        };
        match row {
            Ok(cells) => {
                if tx.send(cells).is_err() {
                    break;
                }
            }
            Err(e) => {
                failure = Some(ExportError::Store(e));
                break;
            }
        }
        count += 1;
        if count.is_multiple_of(500) {
            progress(count);
        }
    }
    if failure.is_some() {
        abort.store(true, Ordering::Relaxed);
    }
    drop(tx);
    let written = writer
        .join()
        .unwrap_or_else(|_| Err("writer thread failed".into()));
    if let Some(e) = failure {
        return Err(e);
    }
    written.map_err(ExportError::Write)?;
    progress(count);
    Ok(count)
}

/// Reads a whole file's rows into memory (tests).
#[doc(hidden)]
pub fn read_all(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>), ReadError> {
    let t = read::open(path, &ReadOptions::default())?;
    let rows = t
        .rows
        .map(|r| r.map(|r| r.cells))
        .collect::<Result<_, _>>()?;
    Ok((t.headers, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_map_to_fields_in_chinese_and_english() {
        let m = auto_map_records(
            RecordKind::Contracts,
            &h(&["合同号", "客户", "合同金额（万元）", "Status", "无关"]),
        );
        assert_eq!(
            m.columns,
            vec![
                Some("number".into()),
                Some("customer".into()),
                Some("amount".into()),
                Some("status".into()),
                None
            ]
        );
        let m = auto_map_records(RecordKind::Feedback, &h(&["拜访时间", "公司名称", "主题"]));
        assert_eq!(m.column_of("at"), Some(0));
        assert_eq!(m.column_of("customer"), Some(1));
        assert!(m.missing(RecordKind::Feedback).is_empty());
        // A header is the field it ends with: 客户联系人 is a contact, not a customer.
        let m = auto_map_records(RecordKind::Feedback, &h(&["客户联系人", "对方公司名称"]));
        assert_eq!(m.column_of("contact"), Some(0));
        assert_eq!(m.column_of("customer"), Some(1));
        // An export's own headers map back to every field.
        for kind in RecordKind::ALL {
            let heads: Vec<String> = kind.fields().iter().map(|f| f.header.into()).collect();
            let m = auto_map_records(kind, &heads);
            let want: Vec<Option<String>> = kind
                .fields()
                .iter()
                .map(|f| Some(f.key.to_string()))
                .collect();
            assert_eq!(m.columns, want, "{kind:?}");
        }
    }

    #[test]
    fn choice_cells_in_either_language() {
        assert_eq!(feedback_kind("投诉"), Some(FeedbackKind::Complaint));
        assert_eq!(feedback_kind("Complaint"), Some(FeedbackKind::Complaint));
        assert_eq!(feedback_kind("来电"), Some(FeedbackKind::Call));
        assert_eq!(follow_status("已解决"), Some(FollowStatus::Resolved));
        assert_eq!(contract_status("执行中"), Some(ContractStatus::InForce));
        assert_eq!(threat("高"), Some(Threat::High));
        assert_eq!(threat("一般"), Some(Threat::Medium));
        assert_eq!(threat("很多"), None);
    }

    #[test]
    fn dates_with_times() {
        let o = DateOrder::Auto;
        assert_eq!(date_time("2026/3/5 9:05", o).unwrap(), "2026-03-05 09:05");
        assert_eq!(date_time("2026年3月5日", o).unwrap(), "2026-03-05 00:00");
        assert_eq!(
            date_time("2026-03-05 14:30:59", o).unwrap(),
            "2026-03-05 14:30"
        );
        // Excel serial 46086.5 is 2026-03-05 at noon.
        assert_eq!(date_time("46086.5", o).unwrap(), "2026-03-05 12:00");
        assert!(date_time("2026-03-05 25:00", o).is_err());
        assert!(date_time("明天", o).is_err());
        assert_eq!(small_number("4分", 5), Some(4));
        assert_eq!(small_number("30%", 100), Some(30));
        assert_eq!(small_number("六", 5), None);
        assert_eq!(
            names("甲公司；乙公司、 丙公司"),
            vec!["甲公司", "乙公司", "丙公司"]
        );
    }
}
