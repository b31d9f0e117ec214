//! The four kinds' fields, declared once each: names, how a file holds them, how the
//! record keeps them, what they must be.

use super::{Cell, Field, Form, Problem, Record, f};
use crate::domain::competitor::Threat;
use crate::domain::contract::ContractStatus;
use crate::domain::feedback::{FeedbackKind, FollowStatus};

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

record_fields! {
    /// A field of 交往反馈, in declaration order.
    FeedbackField, FEEDBACK {
    Customer => f(
        "customer",
        "客户名称",
        "Customer",
        CUSTOMER_ALIASES,
        Form::Customer,
    ).with(kept!(Feedback, customer_id, Id)).required(),
    Contact => f(
        "contact",
        "联系人",
        "Contact",
        &["联系人姓名", "contact"],
        Form::Text,
    ).with(text!(Feedback, contact_name)),
    At => f(
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
    .labelled("时间", "When").with(text!(Feedback, at)).required(),
    Kind => f(
        "kind",
        "类型",
        "Kind",
        &["反馈类型", "交往类型", "方式", "type", "kind"],
        Form::FeedbackKind,
    )
    .labelled("反馈类型", "Kind of feedback").with(choice!(Feedback, kind, FeedbackKind)),
    Channel => f(
        "channel",
        "渠道",
        "Channel",
        &["途径", "channel"],
        Form::Text,
    ).with(text!(Feedback, channel)),
    Subject => f(
        "subject",
        "主题",
        "Subject",
        &["标题", "事由", "subject"],
        Form::Text,
    ).with(text!(Feedback, subject)).required().max(200),
    Content => f(
        "content",
        "内容",
        "Content",
        &["反馈内容", "详细内容", "详情", "content", "description"],
        Form::Text,
    ).with(text!(Feedback, content)),
    ReportedBy => f(
        "reported_by",
        "报告人",
        "Reported by",
        &["反馈人", "记录人", "reportedby"],
        Form::Text,
    )
    .labelled("反馈人", "Reported by").with(text!(Feedback, reported_by)),
    Satisfaction => f(
        "satisfaction",
        "满意度",
        "Satisfaction",
        &["满意度评分", "评分", "satisfaction", "score"],
        Form::Score,
    )
    .labelled("满意度（1–5）", "Satisfaction (1–5)").with(kept!(Feedback, satisfaction, Small)),
    Status => f(
        "status",
        "处理状态",
        "Follow-up status",
        &["状态", "跟进状态", "status"],
        Form::FollowStatus,
    )
    .labelled("处理状态", "Follow-up").with(choice!(Feedback, status, FollowStatus)),
    Responsible => f(
        "responsible",
        "负责人",
        "Responsible",
        &["处理人", "跟进人", "responsible", "owner"],
        Form::Text,
    ).with(text!(Feedback, responsible)),
    DueOn => f(
        "due_on",
        "期限",
        "Due",
        &["截止日期", "到期日", "处理期限", "due", "duedate"],
        Form::Date,
    )
    .labelled("处理期限", "Due").with(text!(Feedback, due_on)),
    Resolution => f(
        "resolution",
        "处理结果",
        "Resolution",
        &["解决办法", "处理意见", "resolution"],
        Form::Text,
    ).with(text!(Feedback, resolution)),
    ResolvedOn => f(
        "resolved_on",
        "解决日期",
        "Resolved on",
        &["完成日期", "resolved", "resolvedon"],
        Form::Date,
    ).with(text!(Feedback, resolved_on)),
    // Added later (a 催款's promise), after the columns exports already had.
    PromisedOn => f(
        "promised_on",
        "承诺付款日",
        "Promised to pay by",
        &["承诺日期", "承诺付款日期", "promisedon"],
        Form::Date,
    ).with(text!(Feedback, promised_on)),
    PromisedAmount => f(
        "promised_amount",
        "承诺金额（元）",
        "Promised amount (yuan)",
        &["承诺金额", "promisedamount"],
        Form::Amount,
    ).with(kept!(Feedback, promised_fen, Fen)).blank_zero(),
    }
}

record_fields! {
    /// A field of 合同信息, in declaration order; then the places on the form that are not
    /// columns of its file: a payment's date and amount, and the payment plan (the
    /// installment at this index, or the plan as a whole).
    ContractField, CONTRACTS {
    Number => f(
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
    ).with(text!(Contract, number)).required().max(50),
    Customer => f(
        "customer",
        "客户名称",
        "Customer",
        CUSTOMER_ALIASES,
        Form::Customer,
    ).with(kept!(Contract, customer_id, Id)).required(),
    Title => f(
        "title",
        "合同名称",
        "Title",
        &["合同标题", "标题", "名称", "title"],
        Form::Text,
    ).with(text!(Contract, title)).required().max(200),
    SignedOn => f(
        "signed_on",
        "签订日期",
        "Signed on",
        &["签约日期", "签署日期", "signed", "signedon", "signingdate"],
        Form::Date,
    )
    .labelled("签订日期", "Signed").with(text!(Contract, signed_on)),
    StartsOn => f(
        "starts_on",
        "开始日期",
        "Starts on",
        &["生效日期", "起始日期", "start", "startdate"],
        Form::Date,
    )
    .labelled("开始日期", "Starts").with(text!(Contract, starts_on)),
    EndsOn => f(
        "ends_on",
        "结束日期",
        "Ends on",
        &["到期日期", "终止日期", "截止日期", "end", "enddate"],
        Form::Date,
    )
    .labelled("结束日期", "Ends").with(text!(Contract, ends_on)),
    Amount => f(
        "amount",
        "合同金额（元）",
        "Amount (yuan)",
        &["合同金额", "金额", "总金额", "合同总额", "amount"],
        Form::Amount,
    ).with(kept!(Contract, amount_fen, Fen)),
    PaymentTerms => f(
        "payment_terms",
        "付款条件",
        "Payment terms",
        &["付款方式", "结算方式", "paymentterms"],
        Form::Text,
    ).with(text!(Contract, payment_terms)),
    Salesperson => f(
        "salesperson",
        "销售员",
        "Salesperson",
        &["业务员", "销售人员", "销售", "salesperson", "salesrep"],
        Form::Text,
    )
    .labelled("业务员", "Salesperson").with(text!(Contract, salesperson)),
    Notes => f(
        "notes",
        "合同内容及备注",
        "Contents and notes",
        &["备注", "合同内容", "notes"],
        Form::Text,
    )
    .labelled("备注", "Notes").with(text!(Contract, notes)),
    Status => f(
        "status",
        "状态",
        "Status",
        &["合同状态", "status"],
        Form::ContractStatus,
    ).with(choice!(Contract, status, ContractStatus)),
    Received => f(
        "received",
        "已回款（元）",
        "Received (yuan)",
        &["已回款", "回款"],
        Form::Paid,
    ),
    Balance => f(
        "balance",
        "未收余额（元）",
        "Balance (yuan)",
        &["未收余额", "余额"],
        Form::Derived,
    ),
    // Added later, after the columns exports already had. One installment for the
    // whole amount, due on this date (or at 签订日期 + 账期).
    DueOn => f(
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
    PaymentDays => f(
        "payment_days",
        "账期（天）",
        "Payment terms (days)",
        &["账期", "账期天数", "付款天数", "paymentdays", "netdays"],
        Form::Days,
    ),
    } extra { PaymentDate, PaymentAmount, Plan(Option<usize>) }
}

record_fields! {
    /// A field of 竞争对手, in declaration order; then the intelligence form's own fields
    /// (not a competitor's).
    CompetitorField, COMPETITORS {
    Name => f(
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
    ).with(text!(Competitor, name)).required().max(100),
    Website => f(
        "website",
        "网址",
        "Website",
        &["网站", "主页", "website"],
        Form::Text,
    ).with(text!(Competitor, website)).check(crate::domain::competitor::website_problem),
    Products => f(
        "products",
        "主要产品",
        "Main products",
        &["产品", "products"],
        Form::Text,
    ).with(text!(Competitor, products)),
    PriceLevel => f(
        "price_level",
        "价格水平",
        "Price level",
        &["价格", "价位", "pricelevel"],
        Form::Text,
    ).with(text!(Competitor, price_level)),
    Strengths => f(
        "strengths",
        "优势",
        "Strengths",
        &["长处", "strengths"],
        Form::Text,
    ).with(text!(Competitor, strengths)),
    Weaknesses => f(
        "weaknesses",
        "劣势",
        "Weaknesses",
        &["弱点", "短处", "weaknesses"],
        Form::Text,
    ).with(text!(Competitor, weaknesses)),
    MarketShare => f(
        "market_share",
        "市场份额（%）",
        "Market share (%)",
        &["市场份额", "市场占有率", "份额", "marketshare"],
        Form::Percent,
    )
    .labelled("市场份额（估计）", "Market share (estimate)").with(kept!(Competitor, market_share, Small)),
    Threat => f(
        "threat",
        "威胁程度",
        "Threat",
        &["威胁", "威胁等级", "threat"],
        Form::Threat,
    ).with(choice!(Competitor, threat, Threat)),
    Notes => f("notes", "备注", "Notes", &["notes"], Form::Text).with(text!(Competitor, notes)),
    Customers => f(
        "customers",
        "共同客户",
        "Shared customers",
        &["相关客户", "客户", "customers"],
        Form::Customers,
    )
    .labelled("也从它采购的客户", "Customers who also buy from it").with(kept!(Competitor, customers, Ids)),
    } extra { IntelDate, IntelText }
}

record_fields! {
    /// A field of 业界动态, in declaration order.
    NewsField, NEWS {
    Date => f(
        "on",
        "日期",
        "Date",
        &["发布日期", "时间", "date"],
        Form::Date,
    ).with(text!(News, on)).required(),
    Title => f(
        "title",
        "标题",
        "Title",
        &["题目", "title", "headline"],
        Form::Text,
    ).with(text!(News, title)).required().max(200),
    Source => f("source", "来源", "Source", &["出处", "source"], Form::Text).with(text!(News, source)),
    Category => f(
        "category",
        "类别",
        "Category",
        &["分类", "类型", "category"],
        Form::Text,
    ).with(text!(News, category)),
    Tags => f("tags", "标签", "Tags", &["关键词", "tags"], Form::Text).with(text!(News, tags)),
    Content => f(
        "content",
        "内容",
        "Content",
        &["正文", "摘要", "content"],
        Form::Text,
    ).with(text!(News, content)),
    ReportedBy => f(
        "reported_by",
        "报告人",
        "Reported by",
        &["记录人", "reportedby"],
        Form::Text,
    ).with(text!(News, reported_by)),
    Customers => f(
        "customers",
        "相关客户",
        "Customers",
        &["客户", "customers"],
        Form::Customers,
    )
    .labelled("涉及的客户", "Customers mentioned").with(kept!(News, customers, Ids)),
    Competitors => f(
        "competitors",
        "相关竞争对手",
        "Competitors",
        &["竞争对手", "competitors"],
        Form::Competitors,
    )
    .labelled("涉及的竞争对手", "Competitors mentioned").with(kept!(News, competitors, Ids)),
    }
}
