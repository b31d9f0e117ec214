//! The four kinds of record besides customers — 交往反馈 feedback, 合同信息 contracts,
//! 竞争对手 competitors and 业界动态 news — and each one's fields as a file holds them:
//! the Chinese header an export writes, the header names a file may use for it (so an
//! export imports back, and so do the firm's own sheets), and how its cells are read.
//! `io::records` reads and writes files with these; `store` keeps each kind in the
//! table named by [`RecordKind::key`]; the UI shows one tab per kind.

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
    /// A whole number of days (30, 30天).
    Days,
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
    /// Its name on the form (Chinese, English): the header unless it says otherwise.
    pub label: &'static str,
    pub label_en: &'static str,
}

impl Field {
    /// The form calls it something else than the file does.
    pub(crate) const fn labelled(self, label: &'static str, label_en: &'static str) -> Field {
        Field {
            label,
            label_en,
            ..self
        }
    }
}

pub(crate) const fn f(
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
        label: header,
        label_en: en,
    }
}

pub(crate) const CUSTOMER_ALIASES: &[&str] = &[
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

pub(crate) static FEEDBACK: &[Field] = &[
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
    )
    .labelled("时间", "When"),
    f(
        "kind",
        "类型",
        "Kind",
        &["反馈类型", "交往类型", "方式", "type", "kind"],
        Form::FeedbackKind,
    )
    .labelled("反馈类型", "Kind of feedback"),
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
    )
    .labelled("反馈人", "Reported by"),
    f(
        "satisfaction",
        "满意度",
        "Satisfaction",
        &["满意度评分", "评分", "satisfaction", "score"],
        Form::Score,
    )
    .labelled("满意度（1–5）", "Satisfaction (1–5)"),
    f(
        "status",
        "处理状态",
        "Follow-up status",
        &["状态", "跟进状态", "status"],
        Form::FollowStatus,
    )
    .labelled("处理状态", "Follow-up"),
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
    )
    .labelled("处理期限", "Due"),
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
    // Added later (a 催款's promise), after the columns exports already had.
    f(
        "promised_on",
        "承诺付款日",
        "Promised to pay by",
        &["承诺日期", "承诺付款日期", "promisedon"],
        Form::Date,
    ),
    f(
        "promised_amount",
        "承诺金额（元）",
        "Promised amount (yuan)",
        &["承诺金额", "promisedamount"],
        Form::Amount,
    ),
];

pub(crate) static CONTRACTS: &[Field] = &[
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
    )
    .labelled("签订日期", "Signed"),
    f(
        "starts_on",
        "开始日期",
        "Starts on",
        &["生效日期", "起始日期", "start", "startdate"],
        Form::Date,
    )
    .labelled("开始日期", "Starts"),
    f(
        "ends_on",
        "结束日期",
        "Ends on",
        &["到期日期", "终止日期", "截止日期", "end", "enddate"],
        Form::Date,
    )
    .labelled("结束日期", "Ends"),
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
    )
    .labelled("业务员", "Salesperson"),
    f(
        "notes",
        "合同内容及备注",
        "Contents and notes",
        &["备注", "合同内容", "notes"],
        Form::Text,
    )
    .labelled("备注", "Notes"),
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
    // Added later, after the columns exports already had. One installment for the
    // whole amount, due on this date (or at 签订日期 + 账期).
    f(
        "due_on",
        "付款到期日",
        "Payment due",
        &[
            "应收日期",
            "到期付款日",
            "付款到期",
            "paymentdue",
            "duedate",
        ],
        Form::Date,
    ),
    f(
        "payment_days",
        "账期（天）",
        "Payment terms (days)",
        &["账期", "账期天数", "付款天数", "paymentdays", "netdays"],
        Form::Days,
    ),
];

pub(crate) static COMPETITORS: &[Field] = &[
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
    )
    .labelled("市场份额（估计）", "Market share (estimate)"),
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
    )
    .labelled("也从它采购的客户", "Customers who also buy from it"),
];

pub(crate) static NEWS: &[Field] = &[
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
    )
    .labelled("涉及的客户", "Customers mentioned"),
    f(
        "competitors",
        "相关竞争对手",
        "Competitors",
        &["竞争对手", "competitors"],
        Form::Competitors,
    )
    .labelled("涉及的竞争对手", "Competitors mentioned"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field a form names by its kind's enum is declared, so its label, header
    /// and aliases come from one place.
    #[test]
    fn every_form_field_is_declared() {
        use crate::domain::competitor::CompetitorField as C;
        use crate::domain::news::NewsField as N;
        for f in [
            N::Date,
            N::Title,
            N::Source,
            N::Category,
            N::Tags,
            N::Content,
            N::ReportedBy,
            N::Customers,
            N::Competitors,
        ] {
            assert!(RecordKind::News.field(f.key()).is_some(), "{f:?}");
        }
        for f in [
            C::Name,
            C::Website,
            C::Products,
            C::PriceLevel,
            C::Strengths,
            C::Weaknesses,
            C::MarketShare,
            C::Threat,
            C::Notes,
            C::Customers,
        ] {
            let k = f.key().expect("a competitor's own field");
            assert!(RecordKind::Competitors.field(k).is_some(), "{f:?}");
        }
        use crate::domain::contract::ContractField as K;
        use crate::domain::feedback::FeedbackField as F;
        for f in [
            F::Customer,
            F::At,
            F::Subject,
            F::Satisfaction,
            F::DueOn,
            F::ResolvedOn,
            F::PromisedOn,
            F::PromisedAmount,
        ] {
            assert!(RecordKind::Feedback.field(f.key()).is_some(), "{f:?}");
        }
        for f in [
            K::Number,
            K::Customer,
            K::Title,
            K::SignedOn,
            K::StartsOn,
            K::EndsOn,
            K::Amount,
            K::Notes,
        ] {
            let k = f.key().expect("a contract's own field");
            assert!(RecordKind::Contracts.field(k).is_some(), "{f:?}");
        }
        // Keys are unique within a kind, labels never empty.
        for kind in RecordKind::ALL {
            for (i, f) in kind.fields().iter().enumerate() {
                assert!(!f.label.is_empty() && !f.label_en.is_empty(), "{}", f.key);
                assert!(
                    kind.fields()[i + 1..].iter().all(|g| g.key != f.key),
                    "{} twice",
                    f.key
                );
            }
        }
    }
}
