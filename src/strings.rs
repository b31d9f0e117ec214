//! Every user-visible text, in Simplified Chinese and English, in one place.
//!
//! `S::Save.t()` gives the text in the current language; [`set_lang`] switches it.
//! Messages with values (counts, field names) are built by the small functions at the end.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::domain::fields::{FieldDef, Value};
use crate::domain::records::{Field as RecordField, RecordKind};
use crate::domain::validate::{Field, Problem};
use crate::domain::{
    ContactField, CustomerCategory, CustomerField, CustomerKind, CustomerStatus, Grade, Role,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    pub fn from_code(s: &str) -> Lang {
        if s == "en" { Lang::En } else { Lang::Zh }
    }
    /// The language's own name, as shown in the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }
}

static LANG: AtomicU8 = AtomicU8::new(0);

pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == Lang::En as u8 {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// How dates are shown (the firm's setting): 0 ISO (2026-11-22), 1 Chinese (2026年11月22日).
static DATE_FORMAT: AtomicU8 = AtomicU8::new(0);

pub fn set_date_format(f: crate::domain::settings::DateFormat) {
    use crate::domain::settings::DateFormat;
    DATE_FORMAT.store(
        match f {
            DateFormat::Iso => 0,
            DateFormat::Chinese => 1,
        },
        Ordering::Relaxed,
    );
}

/// A stored date ("2026-11-22") or date and time ("2026-11-22 08:30:05") as the firm
/// wants dates shown; anything else is shown as it is.
pub fn show_date(stored: &str) -> String {
    if DATE_FORMAT.load(Ordering::Relaxed) == 0 || stored.len() < 10 {
        return stored.to_string();
    }
    let Some(d) = stored
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return stored.to_string();
    };
    let date = d.format("%Y年%-m月%-d日").to_string();
    // The time, if any, without its seconds.
    match stored.get(10..).map(str::trim) {
        Some(t) if t.len() >= 5 => format!("{date} {}", &t[..5]),
        _ => date,
    }
}

macro_rules! strings {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A user-visible text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S { $($key),* }
        impl S {
            /// The text in the current language.
            pub fn t(self) -> &'static str { self.in_lang(lang()) }
            pub fn in_lang(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$key, Lang::Zh) => $zh, (S::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

strings! {
    AppTitle => "客户资源管理系统", "Customer Resource Management";
    // tabs
    TabCustomers => "客户信息", "Customers";
    TabTrash => "回收站", "Trash";
    TrashWithContracts => "连同合同一起移入回收站", "Move it to the trash with its contracts";
    EmptyTrash => "清空回收站", "Empty the trash";
    NoChanges => "没有符合条件的变更记录。", "No changes match.";
    PutBack => "恢复此值", "Put back";
    PutBackHelp => "把这个字段改回修改前的值（本身也会记入变更日志）", "Set this field back to its old value (itself logged)";
    PutBackDone => "已恢复原值。", "The old value was put back.";
    History => "历史", "History";
    HistoryOf => "修改历史", "History";
    AllUsers => "所有人", "Everyone";
    AllKinds => "所有类别", "All kinds";
    DateFrom => "从", "From";
    DateTo => "到", "To";
    Query => "查询", "Search";
    Snapshots => "自动快照（导入、合并客户、批量修改、恢复、清空回收站之前自动保存）", "Automatic snapshots (taken before an import, a merge, a bulk change, a restore, emptying the trash)";
    BackupCause => "原因", "Cause";
    CauseRestore => "恢复之前", "Before a restore";
    CauseEmptyTrash => "清空回收站之前", "Before emptying the trash";
    CauseAuto => "自动备份", "Scheduled";
    CauseImport => "导入之前", "Before an import";
    RecordNumber => "记录编号", "Record no.";
    CauseUndoImport => "撤销导入之前", "Before undoing an import";
    CauseMerge => "合并客户之前", "Before merging customers";
    CauseBulkChange => "批量修改之前", "Before a bulk change";
    BulkOpen => "批量修改…", "Bulk change…";
    BulkHint => "把当前列表（按现在的搜索和筛选）中所有客户的某一项改为同一个值，例如把离职业务员的客户转给另一位业务员。可以撤销。", "Set one field of every customer in the list as shown (its search and filters) to one value, e.g. hand a departing salesperson's customers to another. Can be undone.";
    BulkSaveFirst => "请先保存或放弃正在编辑的客户，再批量修改。", "Save or drop the customer being edited before a bulk change.";
    BulkTitle => "批量修改客户", "Change many customers";
    BulkField => "要修改的字段", "Field";
    BulkValue => "改为", "New value";
    BulkTextHint => "留空表示清空这一项", "Leave empty to clear it";
    BulkNone => "当前列表中没有需要修改的客户：它们的这一项已经是这个值。", "No customer in the list needs changing: they all have this value already.";
    Bulking => "正在修改……（先自动保存一份快照）", "Changing… (a snapshot is saved first)";
    BulkUndo => "撤销这次修改", "Undo this change";
    BulkCanUndo => "改后可以撤销：在这里，或在 系统工具 → 批量修改记录。", "It can be undone afterwards: here, or in System tools → Bulk changes.";
    BulkUndone => "这次修改已撤销。", "This change has been undone.";
    ErrBulkValue => "这个值不能用于该字段，请从列表中选择。", "This value cannot be set on that field; pick one from the list.";
    ToolsBulk => "批量修改记录", "Bulk changes";
    BulkChangesNone => "还没有批量修改过客户。", "No bulk changes yet.";
    MergeTitle => "合并重复客户", "Merge a duplicate customer";
    MergeOpen => "合并重复客户…", "Merge a duplicate…";
    MergeButton => "合并", "Merge";
    MergeDuplicate => "重复的客户", "The duplicate";
    Merging => "正在合并……（先自动保存一份快照）", "Merging… (a snapshot is saved first)";
    ErrMergeItself => "不能把客户与自己合并，请选另一个客户。", "A customer cannot be merged with itself; pick another one.";
    CauseManual => "手动备份", "By hand";
    Vacuum => "整理数据库（回收空间）", "Compact the database";
    Vacuumed => "整理完毕。", "Compacted.";
    Restoring => "正在还原……（先把当前数据库另存一份，随时可以撤销）", "Restoring… (the current database is saved first, so this can be undone)";
    Working => "正在处理……", "Working…";
    IdleLock => "无操作自动退出（分钟，0 为不退出）", "Sign out when idle (minutes, 0 = never)";
    SignedOutIdle => "因长时间没有操作，已自动退出登录。请重新登录。", "Signed out after a long time without use. Please sign in again.";
    TabContracts => "合同信息", "Contracts";
    ContractDraft => "草稿", "Draft";
    ContractSubmitted => "待审批", "Awaiting approval";
    ContractApproved => "已批准", "Approved";
    ContractRejected => "已驳回", "Rejected";
    ContractInForce => "执行中", "In force";
    ContractCompleted => "已完成", "Completed";
    ContractTerminated => "已终止", "Terminated";
    ContractNumber => "合同编号", "Contract no.";
    ContractCustomer => "客户", "Customer";
    ContractTitle => "合同名称", "Title";
    ContractSignedOn => "签订日期", "Signed";
    ContractStartsOn => "开始日期", "Starts";
    ContractEndsOn => "结束日期", "Ends";
    ContractAmount => "合同金额（元）", "Amount (yuan)";
    ContractAmountShort => "金额", "Amount";
    ContractReceived => "已回款", "Received";
    ContractBalance => "未收余额", "Balance";
    ContractPaymentTerms => "付款条件", "Payment terms";
    ContractSalesperson => "业务员", "Salesperson";
    ContractStatus => "状态", "Status";
    ContractRevision => "版本", "Revision";
    ContractEndingSoon => "30 天内到期", "Ending within 30 days";
    ContractQueue => "待审批队列", "Approval queue";
    NewContract => "新建合同", "New contract";
    PickCustomer => "输入客户名称的一部分…", "Type part of a customer's name…";
    Submit => "提交", "Submit";
    Approve => "批准", "Approve";
    Reject => "驳回", "Reject";
    StartContract => "开始执行", "Put in force";
    CompleteContract => "完成", "Complete";
    TerminateContract => "终止", "Terminate";
    Revise => "新建修订版", "Make a revision";
    DecisionComment => "审批意见", "Comment";
    Decision => "审批记录", "Approval record";
    Payments => "回款记录", "Payments received";
    AddPayment => "登记回款", "Record a payment";
    PayDate => "回款日期", "Date";
    PayAmount => "回款金额（元）", "Amount (yuan)";
    PayMethod => "方式", "Method";
    PayNote => "备注", "Note";
    PaymentPlan => "付款计划", "Payment plan";
    TabReceivables => "应收账款", "Receivables";
    // 客户分析
    TabAnalysis => "客户分析", "Analysis";
    TabReports => "统计报表", "Reports";
    RemoveFilter => "去掉这个筛选", "Remove this filter";
    ReportPeriod => "统计期间", "Period";
    PeriodThisMonth => "本月", "This month";
    PeriodThisQuarter => "本季度", "This quarter";
    PeriodThisYear => "本年", "This year";
    PeriodLast12 => "近 12 个月", "Last 12 months";
    PeriodCustom => "自定义", "Custom";
    ReportBadRange => "请输入正确的起止日期（如 2026-01-01），开始不能晚于结束。", "Type both dates (such as 2026-01-01), the start not after the end.";
    ReportCustomers => "客户", "Customers";
    ReportContracts => "合同", "Contracts";
    ReportNewCustomers => "每月新增客户", "New customers per month";
    ReportNewTotal => "新增客户", "New customers";
    ReportSignedTotal => "签约金额", "Amount signed";
    ReportCustomersBy => "客户分布（期末在册）", "Customers on file at the end, by";
    ReportSignedPerMonth => "每月签约金额", "Amount signed per month";
    ReportSignedBySalesperson => "每月签约（按业务员）", "Signed per month, by salesperson";
    ReportByStatus => "合同状态", "Contracts by status";
    ReportTop => "签约金额前 10 名客户", "Top 10 customers by amount signed";
    ReportClickHint => "点击柱子，打开它背后的列表。", "Click a bar to open the list behind it.";
    HeadMonth => "月份", "Month";
    HeadCount => "数量", "Count";
    HeadAmount => "金额", "Amount";
    HeadContractCount => "合同数", "Contracts";
    HeadSalesperson => "业务员", "Salesperson";
    HeadCustomer => "客户", "Customer";
    HeadStatus => "状态", "Status";
    TotalRow => "合计", "Total";
    ReportReceived => "回款", "Payments";
    ReportReceivedTotal => "回款金额", "Received";
    ReportFeedback => "交往反馈", "Feedback";
    ReportFeedbackKinds => "每月交往反馈（按类型）", "Feedback per month, by kind";
    ReportComplaints => "投诉", "Complaints";
    ReportComplaintsOpened => "新增投诉", "Opened";
    ReportComplaintsClosed => "已处理", "Closed";
    ReportSatisfaction => "满意度", "Satisfaction";
    ReportSatisfactionAvg => "平均满意度（1–5）", "Average score (1–5)";
    ReportScores => "评分数", "Scores given";
    ReportItem => "项目", "Item";
    ReportNow => "本期", "This period";
    ReportBefore => "上期", "Period before";
    ReportPrint => "打印报表…", "Print report…";
    ReportParts => "打印内容：", "Print:";
    ReportSalespeople => "业务员", "Salespeople";
    ReportSalespeopleHint => "本期各业务员的业绩；点击列名排序。未完成跟进为现在仍待处理、处理中或计划中的事项（按负责人），投诉按客户的业务员计。", "Each salesperson's period; click a column's name to sort. Open follow-ups are items still open, in progress or planned now (by who is responsible); complaints count against the customer's salesperson.";
    ReportVisits => "拜访次数", "Visits";
    ReportOpenComplaints => "期末未处理投诉（按已等天数）", "Complaints open at the end, by age";
    ReportAge => "已等天数", "Age";
    ReportOpenFollowups => "未完成跟进", "Open follow-ups";
    ReportPrintTitle => "经营报表", "Business report";
    ReportPrintMonthTitle => "月度经营报表", "Monthly business report";
    ReportOther => "其他", "Other";
    ReportNewByGrade => "客户等级构成（期末在册）", "Customers by grade (on file at the end)";
    ReportAmountByStatus => "合同状态（按金额）", "Contracts by status (by amount)";
    ReportReceivedVsSigned => "每月回款与签约", "Received and signed per month";
    ReportOwedMonthEnd => "月末应收余额", "Owed at month end";
    ReportApprovals => "审批用时（待审批 → 批准）", "Time to approve (submitted → approved)";
    ReportCsvFilter => "CSV（每张表一个文件，放在同名文件夹里）", "CSV (a file per table, in a folder of that name)";
    HeadApprovals => "审批数", "Approvals";
    HeadAvgDays => "平均用时（天）", "Average (days)";
    HeadLongestDays => "最长（天）", "Longest (days)";
    ReportOwedAgeing => "期末应收账龄", "Owed at the end, by age";
    ReportAgeing => "账龄", "Age";
    ReportShare => "占比", "Share";
    AnalysisWindow => "统计期（月）", "Window (months)";
    AnalysisAllHistory => "全部历史", "All history";
    AnalysisPeriod => "流失周期", "Churn period";
    PeriodYear => "年", "Year";
    PeriodQuarter => "季", "Quarter";
    PeriodMonth => "月", "Month";
    AnalysisSplit => "分组", "Split";
    SplitOverall => "整体", "Overall";
    SplitGrade => "按等级", "By grade";
    SplitOwner => "按业务员", "By salesperson";
    ChurnHeading => "流失与保持", "Churn and retention";
    RfmHeading => "客户价值（RFM）", "Customer value (RFM)";
    NoDeal => "无交易", "No purchases";
    NoGroup => "（未填）", "(none)";
    ChurnRateName => "流失率", "Churn rate";
    RetentionRateName => "保持率", "Retention rate";
    PeriodOpen => "未结束", "open";
    WinBackList => "挽回名单", "Win-back list";
    WinBackHint => "上一期签过合同、本期至今没有再签的客户，金额大的在前。", "Customers who bought in the period before and not since, largest first.";
    WinBackVisit => "记录挽回拜访", "Record a win-back visit";
    TabWorkbench => "工作台", "Today";
    NothingDue => "没有到期或逾期的事项。", "Nothing due or overdue.";
    TodayDue => "今日待办", "Due today";
    NothingHere => "没有。", "None.";
    ContactedSubject => "已联系", "Contacted";
    WorkDone => "完成…", "Done…";
    WorkSnoozeDay => "推迟 1 天", "Put off a day";
    WorkSnoozeWeek => "推迟 1 周", "Put off a week";
    WorkSnoozeTo => "推迟到…", "Put off until…";
    WorkHandOver => "转给…", "Hand over…";
    WorkActions => "处理", "Actions";
    WorkDoneTitle => "标记完成", "Mark done";
    WorkDoneNote => "说明（可不填）", "Note (optional)";
    WorkSnoozeTitle => "推迟到哪一天", "Put off until";
    WorkSnoozeDate => "日期", "Date";
    NoContactDays => "久未联系（天）", "Not contacted for (days)";
    WorkExportHint => "把整张清单（今日工作清单）写成 Excel 或 CSV，列与命令 kehu today --format csv 相同。", "Write the whole list to Excel or CSV, with the columns of kehu today --format csv.";
    EndingDays => "到期合同提前（天）", "Contracts ending within (days)";
    DueDays => "待回款提前（天）", "Payments due within (days)";
    BirthdayDays => "生日提前（天）", "Birthdays within (days)";
    StartOnCustomers => "登录后先打开客户信息（不打开工作台）", "Open 客户信息 after sign-in (not 工作台)";
    WorkHandOverTitle => "转给哪位业务员", "Hand over to";
    WorkHandOverTo => "业务员", "Salesperson";
    WorkDoneSaid => "已完成。", "Done.";
    WorkSnoozedSaid => "已推迟，到期会再列出。", "Put off; it comes back on the day.";
    WorkHandedSaid => "已转交。", "Handed over.";
    NameRequired => "请填写姓名。", "Type a name.";
    Confirm => "确定", "OK";
    ErrSnoozeNotAhead => "推迟到的日期要在今天之后。", "Put it off to a day after today.";
    ErrNotForThisLine => "这一行不能在工作台上完成或转交，请打开它所在的记录处理。", "This line cannot be done or handed over here; open its record to deal with it.";
    WinBackSubject => "挽回拜访", "Win-back visit";
    LastContract => "最近合同", "Latest contract";
    OpenComplaints => "未结投诉", "Open complaints";
    NoPurchasesYet => "还没有已批准、执行中或已完成的合同，算不出客户价值和流失。", "No approved, in-force or completed contracts yet: nothing to work out.";
    AnalysisHelp => "定义", "Definitions";
    SuggestedRule => "建议等级", "Suggested grade";
    ProblemThresholds => "分界值不能为负数，每一行要从小到大填写（可以相等）。", "Thresholds cannot be negative and must rise along each row (equal is allowed).";
    ThresholdsOpen => "分界值…", "Thresholds…";
    ThresholdsTitle => "打分分界值与默认设置", "Thresholds and defaults";
    ThresholdsOwn => "使用固定分界值", "Use fixed thresholds";
    ThresholdsHint => "不勾选时，分界值按现有数据的五分位数计算（显示在柱状图上方）。R 为天数，越少越好；F 为份数；M 为元。", "Unticked, the thresholds are the quintiles of the data (shown above the bar chart). R is days (fewer is better); F contracts; M yuan.";
    SaveDefaults => "保存为默认", "Save as default";
    DefaultsSaved => "已保存为默认：统计期、建议等级规则和分界值。", "Saved as default: the window, the grade rule and the thresholds.";
    ExportChurn => "导出流失表…", "Export churn…";
    PrintAnalysisTitle => "客户价值与流失分析", "Customer value and churn";
    AnalysisBadWindow => "统计期请填 1 到 600 之间的月数。", "The window is a number of months from 1 to 600.";
    RuleAbcdHint => "按金额累计：前 50% 为 A，其后 30% 为 B，再 15% 为 C，其余为 D", "By cumulative amount: the first 50% A, the next 30% B, the next 15% C, the rest D";
    RuleAbcHint => "80:20 法则：前 80% 为 A，其后 15% 为 B，其余为 C", "The 80:20 rule: the first 80% A, the next 15% B, the rest C";
    ApplyGradesOpen => "应用建议等级…", "Apply suggested grades…";
    ApplyGradesTitle => "应用建议等级", "Apply suggested grades";
    ApplyGradesNone => "所有有交易的客户的等级已与建议等级一致。", "Every customer with purchases has its suggested grade already.";
    ApplyButton => "应用", "Apply";
    ApplyGradesUndo => "应用后可以撤销：在 系统工具 → 批量修改记录。无交易的客户等级不变。", "It can be undone afterwards in System tools → Bulk changes. Customers without purchases keep their grade.";
    AnalysisHelpText => "计入的合同：状态为已批准、执行中或已完成，按签订日期、合同金额计。\n流失与保持（期间 P，P−1 为前一期）：消费人数 = P−1 有计入合同的客户；保持数 = 其中 P 也有的；流失数 = 消费人数 − 保持数；流失率 = 流失数 / 消费人数；保持率 = 保持数 / 消费人数；新增客户数 = 第一份计入合同在 P 的客户。当前期间只算到截至日期（未结束）。\nRFM（截至日期 D，统计期默认 36 个月）：R = 最近一份计入合同到 D 的天数；F = 统计期内的计入合同份数；M = 它们的金额合计。F = 0 的客户为无交易，不打分。\n分数 1–5 按分界值（默认为现有数据的五分位数）；价值细分按 R、F、M 分数是否高于各自平均值分为八类。\n建议等级：按 M 从大到小累计，占前 50% 的为 A，其后 30% 为 B，再 15% 为 C，其余为 D。", "Counted contracts: approved, in force or completed, dated by the signing date, for their amount.\nChurn and retention for a period P (P−1 the one before): buyers = customers with a counted contract in P−1; kept = those of them with one in P; lost = buyers − kept; churn rate = lost / buyers; retention rate = kept / buyers; new = customers whose first counted contract is in P. The current period is counted up to the as-of date (open).\nRFM as of D over the window (default 36 months): R = days from the latest counted contract to D; F = counted contracts in the window; M = their amounts. Customers with F = 0 have no purchases and no scores.\nScores 1–5 by thresholds (default: the quintiles of the data); segments by whether each score is above its average, eight of them.\nSuggested grade: customers by M, largest first; those making the first 50% are A, the next 30% B, the next 15% C, the rest D.";
    StatementTitle => "对账单", "Statement of account";
    StatementTo => "客户", "To";
    StatementOwedWords => "人民币（大写）", "In words (RMB)";
    StatementOverdue => "已逾期金额", "Overdue";
    StatementConfirm => "以上账目如无异议，请签章确认后回传；如有不符，请于七日内提出。", "Please sign and return if the above is correct, or tell us within seven days what is not.";
    ReminderTitle => "催款函", "Payment reminder";
    ReminderItems => "逾期款项明细", "Overdue installments";
    PrintStatement => "打印对账单…", "Print statement…";
    PrintReminder => "打印催款函…", "Print reminder…";
    CreditControl => "信用控制", "Credit control";
    DefaultPaymentDays => "默认账期（天）", "Default terms (days)";
    OverdueHoldDays => "逾期超过（天）新合同需审批", "Overdue days holding new contracts";
    CreditLimitRequired => "信用额度必填", "Credit limit required";
    CreditLimitRequiredHelp => "没有设信用额度的客户，新合同一律交主管审批", "A customer without a limit has every new contract sent for approval";
    CreditRatingsLabel => "信用等级可选", "Credit ratings";
    CreditRatingsHelp => "从好到差，用顿号或逗号分开，例如 AAA、AA、A、B、C", "Best first, separated by commas, e.g. AAA, AA, A, B, C";
    AsOf => "截至日期", "As of";
    AgeNotDue => "未到期", "Not due";
    Age1To30 => "1-30天", "1-30 days";
    Age31To60 => "31-60天", "31-60 days";
    Age61To90 => "61-90天", "61-90 days";
    Age91To180 => "91-180天", "91-180 days";
    Age181To365 => "181-365天", "181-365 days";
    AgeOver365 => "365天以上", "Over 365 days";
    AgeingChart => "应收账龄", "Ageing";
    Total => "合计", "Total";
    LimitationLegend => "红色客户名称：有欠款逾期超过 700 天，两年诉讼时效将届满。", "Names in red: money over 700 days overdue, the two-year limitation period about to run out.";
    Computing => "正在计算…", "Working it out…";
    NothingOwed => "截至这一天，没有客户欠款。", "No customer owes anything as of this date.";
    LimitationWarning => "有欠款逾期超过 700 天：两年诉讼时效将届满，请尽快催收或取得书面确认。", "Money over 700 days overdue: the two-year limitation period is about to run out.";
    CreditLimitShort => "信用额度", "Credit limit";
    CreditOwed => "应收余额", "Owed";
    CreditAvailable => "可用额度", "Available";
    CreditOldestOverdue => "最早逾期", "Oldest overdue";
    PlanAutomatic => "不填：保存时按签订日期加客户账期生成一期，全额到期。", "Left empty: one installment for the whole amount, due at signing plus the customer's terms.";
    PlanDue => "到期日", "Due";
    PlanAmount => "金额", "Amount";
    PlanNote => "说明", "Note";
    PlanUnpaid => "未付", "Unpaid";
    PlanLate => "逾期", "Late";
    PlanAdd => "添加一期", "Add an installment";
    PlanRemove => "删除", "Remove";
    ContractCreditHold => "超信用待审批", "Held: over credit";
    NoContracts => "没有符合条件的合同。", "No contracts match.";
    SelectContract => "在列表中选择一份合同，或按 Ctrl+N 新建。", "Pick a contract in the list, or press Ctrl+N for a new one.";
    StatusChanged => "状态已更新。", "Status updated.";
    LockedHint => "合同已过草稿阶段：金额、客户和编号已锁定，如需变更请新建修订版。", "Past draft: amount, customer and number are locked; make a revision to change them.";
    TabFeedback => "交往反馈", "Feedback";
    FeedbackVisit => "拜访", "Visit";
    FeedbackCall => "电话", "Call";
    FeedbackComplaint => "投诉", "Complaint";
    FeedbackSuggestion => "建议", "Suggestion";
    FeedbackSatisfaction => "满意度回访", "Satisfaction follow-up";
    FeedbackOther => "其他", "Other";
    FeedbackCollection => "催款", "Collection";
    AgePromise => "付款承诺", "Promise";
    CollectButton => "催款…", "Collect…";
    AgeByCustomer => "按客户账龄", "Ageing by customer";
    AgeOverdueDetail => "逾期明细", "Overdue installments";
    AgeDueOn => "到期日", "Due";
    AgeUnpaid => "未付金额", "Unpaid";
    AgeDaysLate => "逾期天数", "Days late";
    NothingOverdue => "截至这一天，没有逾期未付的款项。", "Nothing is overdue as of this date.";
    CollectSubject => "催收到期欠款", "Collecting money overdue";
    PromiseBroken => "承诺已过期", "Promise broken";
    FollowOpen => "待处理", "Open";
    FollowPlanned => "计划中", "Planned";
    NotifyOnStart => "登录后有逾期事项时发桌面通知", "A desktop notification after sign-in when anything is overdue";
    NotifyNotBuilt => "此版本未包含桌面通知（编译时加 --features notify）。", "This build has no desktop notifications (build with --features notify).";
    WorkerFailed => "后台计算意外中止，请重新打开本页。", "The background work stopped unexpectedly; open this tab again.";
    VisitAfterSigning => "签约后回访", "Visit after signing";
    VisitByGrade => "定期拜访", "Regular visit";
    SettingVisitAfterSigning => "签约后几天内拜访", "Visit within days of signing";
    FollowInProgress => "处理中", "In progress";
    FollowResolved => "已解决", "Resolved";
    FollowClosed => "已关闭", "Closed";
    FeedbackAt => "时间", "When";
    FeedbackKind => "类型", "Kind";
    FeedbackSubject => "主题", "Subject";
    FeedbackReportedBy => "反馈人", "Reported by";
    FeedbackStatus => "处理状态", "Follow-up";
    FeedbackResponsible => "负责人", "Responsible";
    FeedbackDueOn => "处理期限", "Due";
    FeedbackOverdue => "已逾期", "Overdue";
    NewFeedback => "新建反馈", "New feedback";
    NoFeedback => "没有符合条件的反馈。", "No feedback matches.";
    OpenComplaint => "有未解决的投诉", "Open complaint";
    TabTools => "系统工具", "System tools";
    ToolsBackup => "备份与恢复", "Backup and restore";
    ToolsUsers => "用户管理", "Users";
    ToolsOwnPassword => "修改我的密码", "Change my password";
    ToolsChangeLog => "变更日志", "Change log";
    ToolsSettings => "系统设置", "Settings";
    FirmName => "公司名称（打印用）", "Firm name (on printouts)";
    ApprovalThreshold => "合同审批金额（元，达到即需主管审批）", "Contract approval threshold (yuan)";
    DateFormatLabel => "日期格式", "Date format";
    ExportEncodingLabel => "导出编码", "Export encoding";
    EncodingUtf8Bom => "UTF-8（Excel 可直接打开）", "UTF-8 (opens in Excel)";
    AutoBackup => "自动备份", "Automatic backup";
    AutoBackupHelp => "启动时及每隔一段时间自动备份到备份文件夹", "On start and at intervals, into the backup folder";
    AutoBackupHours => "自动备份间隔（小时）", "Backup every (hours)";
    AutoBackupKeep => "保留份数（最近的、每天的、每周的各保留这么多份）", "Copies to keep (this many recent, daily and weekly)";
    SaveSettings => "保存设置", "Save settings";
    ToolsDatabase => "数据库状态与检查", "Database status and check";
    BackupFolder => "备份文件夹", "Backup folder";
    ChooseFolder => "选择…", "Choose…";
    BackupNow => "立即备份", "Back up now";
    NoBackups => "这个文件夹里还没有备份。", "There are no backups in this folder yet.";
    BackupFile => "备份文件", "Backup file";
    BackupTime => "备份时间", "Written";
    CustomerCount => "客户数", "Customers";
    RestoreThis => "从此备份恢复", "Restore this backup";
    ConfirmRestoreTitle => "从备份恢复", "Restore from a backup";
    DisplayName => "姓名", "Name";
    Role => "角色", "Role";
    AccountState => "状态", "State";
    Enabled => "正常", "Active";
    Disabled => "已停用", "Disabled";
    Enable => "启用", "Enable";
    Disable => "停用", "Disable";
    ResetPassword => "重置密码", "Reset password";
    NewPassword => "新密码", "New password";
    OldPassword => "原密码", "Current password";
    ChangePassword => "修改密码", "Change password";
    PasswordChanged => "密码已修改。", "The password was changed.";
    AddUser => "添加用户", "Add user";
    Refresh => "刷新", "Refresh";
    ChangeTime => "时间", "When";
    ChangeUser => "操作人", "Who";
    ChangeWhat => "操作", "What";
    ChangeField => "字段", "Field";
    ChangeOld => "原值", "Old value";
    ChangeNew => "新值", "New value";
    FileSize => "文件大小", "File size";
    RecoveryExplained => "可以从下面的备份或自动快照恢复。恢复时，现在这个文件不会被删除，而是改名保存在同一个文件夹里。", "You can restore from a backup or snapshot below. The file there now is not deleted: it is renamed and kept in the same folder.";
    RecoveryNoBackups => "在备份文件夹和自动快照里都没有找到备份。如果备份在 U 盘或别的文件夹里，可以运行 kehu restore 备份文件。", "No backups were found in the backup folder or among the snapshots. If a backup is on a USB stick or elsewhere, run kehu restore BACKUP_FILE.";
    RecoveryChoose => "找到的备份（最新的在上面）", "Backups found (newest first)";
    SalvageExplained => "也可以把这个文件里还能读出的数据找回到一个新文件，用新文件继续工作（损坏的文件保留）。", "Or recover what can still be read from this file into a new one and go on with it (the damaged file is kept).";
    RecoveryDo => "确定用它替换", "Put it in place";
    SalvageNow => "找回还能读出的数据", "Recover what can be read";
    ProblemDueBeforeSigning => "到期日不能早于签订日期。", "Due before the contract was signed.";
    ProblemLineBreak => "不能有换行或其他控制字符（多半是表格里的引号没有配对）。", "Must not hold a line break or other control character (most likely a quote left open in the sheet).";
    DropOneFile => "一次只能导入一个文件。请把文件一个一个地拖进来。", "One file at a time, please: drop the files one by one.";
    DropNotAFile => "拖进来的不是文件（可能是文件夹）。请拖入一个 Excel 或 CSV 文件。", "What was dropped is not a file (a folder?). Drop an Excel or CSV file.";
    SetupTitle => "开始之前：三件小事", "Before you start: three small things";
    SetupHelp => "这些以后都可以在 系统工具 → 系统设置 里修改。", "All of this can be changed later in System tools → Settings.";
    SetupFirmHint => "例如：华东机电设备有限公司（合同上打印为甲方）", "e.g. East China Machinery Co. (printed as party A on contracts)";
    SetupFirst => "然后先做什么？", "What first?";
    SetupImport => "导入已有的 Excel 或 CSV 客户名单", "Import an existing Excel or CSV customer list";
    SetupEmpty => "从空白开始，逐个新建客户", "Start empty and add customers one by one";
    SetupDemo => "先看看演示数据库（另开一个窗口，和正式数据分开存放）", "Look at the demo database first (a window of its own, kept apart from real data)";
    SetupDone => "保存并开始", "Save and start";
    SetupSkip => "跳过", "Skip";
    SetupLater => "跳过也没关系：系统设置 里的“初次设置…”随时可以再打开这一页。", "Skipping is fine: “First-time setup…” in Settings opens this page again.";
    SetupAgain => "初次设置…", "First-time setup…";
    DemoStarted => "演示数据库已在另一个窗口打开，那里的改动不会影响这里的数据。", "The demo database opened in another window; nothing done there touches the data here.";
    RepairHint => "点“修复”，", "click Repair. ";
    SalvageHint => "关闭程序后运行 kehu check --repair 找回还能读出的数据，", "close the program and run kehu check --repair to recover what can be read. ";
    RepairNow => "修复（先自动保存副本）", "Repair (a copy is saved first)";
    SnapshotKeep => "自动快照至少保留份数", "Snapshots to keep (at least)";
    SnapshotDays => "最近几天的自动快照全部保留", "Keep every snapshot from the last days";
    RunCheck => "检查数据库", "Check the database";
    CheckOk => "检查完毕：数据库完好。", "Checked: the database is sound.";
    CheckProblems => "检查发现问题。请先不要继续录入，从最近的备份恢复，或把“详情”发给技术支持。", "The check found problems. Stop entering data, restore the latest backup, or send the Details to support.";
    // sign-in and first start
    FirstStartTitle => "首次使用：设置管理员密码", "First start: set the administrator password";
    FirstStartHelp => "这是新的数据库。请为管理员账号 admin 设置密码（至少 6 位），以后用它登录。", "This is a new database. Set a password (at least 6 characters) for the administrator account admin; you will sign in with it.";
    SignInTitle => "用户登录", "Sign in to your account";
    Username => "用户名", "User name";
    Password => "密码", "Password";
    PasswordAgain => "再次输入密码", "Password again";
    SignIn => "登录", "Sign in";
    SetPassword => "设置密码并进入", "Set password and start";
    SignOut => "退出登录", "Sign out";
    WrongPassword => "用户名或密码不正确，请重新输入。", "The user name or password is not right. Please try again.";
    AccountDisabled => "该账号已停用，请联系管理员。", "This account is disabled. Ask the administrator.";
    PasswordTooShort => "密码至少需要 6 位。", "The password needs at least 6 characters.";
    PasswordsDiffer => "两次输入的密码不一致。", "The two passwords differ.";
    FillDemo => "同时填入示例数据（可随时删除）", "Also fill in sample data (can be deleted any time)";
    Language => "语言", "Language";
    // roles
    RoleAdmin => "管理员", "Administrator";
    RoleClerk => "信息管理员", "Clerk";
    RoleSupervisor => "业务主管", "Supervisor";
    // list and toolbar
    Search => "搜索", "Search";
    SearchHint => "名称、编号、联系人、电话、地址…（Ctrl+F）", "Name, code, contact, phone, address… (Ctrl+F)";
    SearchHintFeedback => "客户、主题、内容…（Ctrl+F）", "Customer, subject, content… (Ctrl+F)";
    SearchHintContracts => "合同编号、合同名称、客户…（Ctrl+F）", "Number, title, customer… (Ctrl+F)";
    SearchHintCompetitors => "名称、产品、优势、劣势…（Ctrl+F）", "Name, products, strengths, weaknesses… (Ctrl+F)";
    SearchHintNews => "标题、内容、标签、来源…（Ctrl+F）", "Title, content, tags, source… (Ctrl+F)";
    New => "新建", "New";
    Save => "保存", "Save";
    Cancel => "取消", "Cancel";
    Delete => "删除", "Delete";
    Restore => "还原", "Restore";
    Edit => "编辑", "Edit";
    Close => "关闭", "Close";
    Yes => "是", "Yes";
    No => "否", "No";
    All => "全部", "All";
    ClearFilters => "清除筛选", "Clear filters";
    NoCustomers => "没有符合条件的客户。", "No customers match.";
    EmptyDatabase => "还没有客户。点“新建”（Ctrl+N）添加第一个客户。\n已有 Excel 名单？点“导入…”或把文件拖到这里。", "No customers yet. Press New (Ctrl+N) to add the first one.\nHave an Excel list? Press Import… or drop the file here.";
    // customer fields
    Website => "网址", "Website";
    Notes => "备注", "Notes";
    CustomerUpdatedAt => "更新时间", "Updated";
    CustomerPaymentDaysHint => "不填：按默认账期", "Empty: the default terms";
    CustomerPrimaryContact => "主要联系人", "Main contact";
    Contacts => "联系人", "Contacts";
    AddContact => "添加联系人", "Add contact";
    RemoveContact => "移除", "Remove";
    BirthdayGregorian => "公历", "Gregorian";
    WorkPrintTitle => "今日工作清单", "Today's work list";
    WorkNoOwner => "未指定负责人", "No one in charge";
    BirthdayLunar => "农历", "Lunar";
    BirthdayLunarLeap => "农历闰月", "Lunar, leap month";
    Required => "必填", "required";
    CodeAuto => "留空则自动编号", "leave empty to number automatically";
    // values
    KindEnterprise => "企业", "Company";
    KindIndividual => "个人", "Individual";
    CategoryEnd => "最终客户", "End customer";
    CategoryDistributor => "分销商", "Distributor";
    CategoryPartner => "合作伙伴", "Partner";
    CategoryProspect => "潜在客户", "Prospect";
    StatusActive => "正常", "Active";
    StatusLost => "流失", "Lost";
    // form states and messages
    NewCustomer => "新建客户", "New customer";
    EditCustomer => "编辑客户", "Edit customer";
    CustomerDetail => "客户详情", "Customer";
    SelectCustomer => "在左侧列表中选择一个客户，或按 Ctrl+N 新建。", "Pick a customer in the list, or press Ctrl+N for a new one.";
    Saved => "已保存。", "Saved.";
    FixErrors => "有内容需要修改，请看标红的字段。", "Some fields need fixing; see the messages in red.";
    UnsavedTitle => "有未保存的修改", "Unsaved changes";
    UnsavedBody => "这条记录有未保存的修改。要放弃这些修改吗？", "This record has unsaved changes. Discard them?";
    Discard => "放弃修改", "Discard";
    KeepEditing => "继续编辑", "Keep editing";
    ConfirmDeleteTitle => "删除客户", "Delete customer";
    MovedToTrash => "已移入回收站，可在“回收站”中还原。", "Moved to the trash; it can be restored from Trash.";
    Restored => "已还原。", "Restored.";
    DeletedAt => "删除时间", "Deleted";
    DeletedBy => "删除人", "Deleted by";
    BackToList => "返回客户列表", "Back to the customer list";
    Details => "详情", "Details";
    Quit => "退出", "Quit";
    CannotOpenTitle => "无法打开数据库", "The database cannot be opened";
    DatabaseFile => "数据库文件", "Database file";
    SignedInAs => "当前用户", "Signed in";
    // problems
    ProblemRequired => "此项必填。", "This is required.";
    ProblemBadEmail => "邮箱格式不对，例如 wang@example.com。", "Not an e-mail address, e.g. wang@example.com.";
    ProblemBadPhone => "电话号码格式不对：只能有数字、空格、- + ( )，7 到 20 位数字。", "Not a phone number: digits, spaces and - + ( ), 7 to 20 digits.";
    ProblemBadMobile => "手机号应为 1 开头的 11 位数字。", "A mobile number has 11 digits starting with 1.";
    ProblemBadPostalCode => "邮政编码应为 6 位数字。", "A postal code has 6 digits.";
    ProblemBadWebsite => "网址格式不对，例如 www.example.com。", "Not a web address, e.g. www.example.com.";
    ProblemCreditCodeLength => "统一社会信用代码应为 18 位。", "A unified social credit code has 18 characters.";
    ProblemCreditCodeChar => "统一社会信用代码含有不允许的字符（不用 I、O、S、V、Z）。", "The code has a character that is not allowed (I, O, S, V, Z are not used).";
    ProblemCreditCodeCheck => "统一社会信用代码校验位不对，请核对是否抄错。", "The check character does not match; please check for a typing mistake.";
    ProblemBadDate => "日期格式不对，例如 2026-11-22。", "Not a date, e.g. 2026-11-22.";
    ProblemFutureDate => "日期不能晚于今天。", "The date cannot be after today.";
    ProblemNegative => "不能为负数。", "Cannot be negative.";
    ProblemBadAmount => "金额格式不对，例如 50000 或 12,345.67。", "Not an amount, e.g. 50000 or 12,345.67.";
    ProblemDuplicateName => "已有同名客户。", "A customer with this name already exists.";
    ProblemDuplicateCode => "此客户编号已被使用。", "This customer code is already used.";
    ProblemTwoPrimaries => "只能有一个主要联系人。", "Only one contact can be the main contact.";
    ProblemEndBeforeStart => "结束日期不能早于开始日期。", "The end date cannot be before the start date.";
    ProblemNotPositive => "金额必须大于零。", "The amount must be more than zero.";
    ProblemOverBalance => "回款超过了未收余额。", "The payment is more than the balance still owed.";
    ImportPaidOverAmount => "已回款超过了合同金额。", "The amount received is more than the contract's amount.";
    ProblemDuplicateNumber => "此合同编号已被使用。", "This contract number is already used.";
    // store errors
    ErrDbLocked => "数据库文件正被另一个程序占用。请关闭其他打开它的程序（例如另一个客户资源管理系统窗口）后再试。", "The database file is in use by another program. Close the other program (another window of this system, for example) and try again.";
    DbSound => "数据库完好。", "The database is sound.";
    DbMissing => "这个位置没有数据库文件。", "There is no database file here.";
    DbUnreadable => "这个文件不是本系统的数据库，或者损坏得无法打开。", "This file is not a database of this system, or it is too damaged to open.";
    ErrFirstUserNotAdmin => "这个数据库还没有任何用户：第一个用户必须是管理员（--role admin），否则就没有人能管理账号。", "This database has no accounts yet: the first must be an administrator (--role admin), or nobody could manage the accounts.";
    ErrDbEmpty => "数据库文件是空的（0 字节），里面没有任何数据。文件没有被改动。请从备份恢复。", "The database file is empty (0 bytes): it holds no data. It has not been changed. Restore a backup.";
    ErrDbCorrupt => "这个文件不是本系统的数据库，或者已经损坏。文件没有被改动。请选择正确的文件，或从备份恢复。", "This file is not a database of this system, or it is damaged. It has not been changed. Choose the right file or restore a backup.";
    ErrDbNewer => "这个数据库是用更新版本的客户资源管理系统创建的，请先升级本程序。文件没有被改动。", "This database was made by a newer version of this system; please upgrade the program first. The file has not been changed.";
    CliReadNeedsSignIn => "这个数据库要求命令行先登录才能读取（系统设置 → 命令行读取也要登录）：加上 --user 用户名，密码放在环境变量 KEHU_PASSWORD 里或用 --password-file 指定。", "This database asks the command line to sign in even to read (Settings → sign in to read from the command line): add --user NAME, with the password in KEHU_PASSWORD or a --password-file.";
    CliReadSignIn => "命令行读取也要登录", "Command line signs in to read";
    CliReadSignInHelp => "勾选后，kehu export、print、backup、imports、users list 也要用 --user 登录", "When ticked, kehu export, print, backup, imports and users list need --user too";
    ReadOnlyBanner => "只读：这个数据库文件不能写入（文件设为只读，或在光盘、写保护的文件夹里）。可以查看、打印、导出和备份；要修改，请把文件复制到可写的文件夹或去掉只读属性后重新打开。", "Read-only: this database file cannot be written (marked read-only, or on a disc or a write-protected folder). You can look, print, export and back up; to make changes, copy the file to a writable folder or clear its read-only mark, and open it again.";
    ErrDbReadOnly => "数据库文件是只读的，无法保存修改。请检查文件或文件夹的权限。", "The database file is read-only, so changes cannot be saved. Check the permissions of the file or folder.";
    ErrDbFolder => "无法在这个位置创建数据库文件。请检查文件夹是否存在、是否有写入权限。", "Cannot create the database file here. Check that the folder exists and can be written to.";
    ErrDbOther => "数据库操作失败。你的数据没有被改动，请重试；如果问题持续，请把“详情”中的内容发给技术支持。", "A database operation failed. Your data has not been changed; please try again, and if it keeps failing, send the Details to support.";
    ErrNotFound => "找不到这条记录，可能已被删除。", "The record was not found; it may have been deleted.";
    ErrNotSignedIn => "请先登录。", "Please sign in first.";
    ErrNotAllowed => "你的角色无权进行此操作。请业务主管或管理员登录后再做，或请管理员在“系统工具 → 用户管理”中调整你的角色。", "Your role is not allowed to do this. Ask a supervisor or an administrator to sign in and do it, or an administrator to change your role in Tools → Users.";
    ErrBackupWrite => "无法写入备份文件：磁盘可能已满，或设备（U 盘、网络盘）出错或只读。数据库没有被改动，也没有留下不完整的备份。", "The backup could not be written: the disk may be full, or the device (USB stick, network share) failed or is read-only. The database was not changed and no incomplete backup was left.";
    ErrNoSuchFolder => "找不到这个文件夹。请确认 U 盘或网络盘已经接好，或者选择另一个文件夹。", "That folder does not exist. Check that the USB stick or network share is connected, or choose another folder.";
    ErrCannotPutBack => "这条记录不能恢复原值（只有客户和联系人字段的修改可以）。", "This change cannot be put back (only changes to customer and contact fields can).";
    ErrContractLocked => "合同已进入审批或已生效，金额和客户不能再改。如需变更，请新建修订版本，修订版需要重新审批。", "The contract is past draft: its amount and customer are locked. To change them, make a revision, which goes through approval again.";
    ErrWrongStatus => "合同当前的状态下不能这样操作：草稿和被退回的合同可以修改、提交或删除；已批准和执行中的合同可以修订（另起一份草稿）、终止或登记回款；已完成和已终止的合同不再变动。", "Not possible in the contract's current status: drafts and rejected contracts can be edited, submitted or deleted; approved and in-force ones can be revised (as a new draft), terminated or take payments; completed and terminated ones no longer change.";
    ErrCreditCommentRequired => "这份合同超出客户的信用额度或客户有长期逾期欠款，批准时请在“意见”里写明理由。", "This contract exceeds the customer's credit or the customer has money long overdue: write why you approve it in the comment.";
    ErrReasonRequired => "驳回时请填写原因。", "Please give a reason for the rejection.";
    ErrCancelled => "已取消，没有留下不完整的文件。", "Cancelled; no incomplete file was left behind.";
    ImportNoNameColumn => "没有哪一列对应“客户名称”。请在列对应里指定哪一列是客户名称。", "No column is mapped to the customer name. In the column mapping, choose which column holds the customer name.";
    ImportDateOrderNeeded => "日期写成 3/4/2023 这样，分不清是日/月还是月/日。请选择日期顺序后再导入。", "Dates such as 3/4/2023 could be day/month or month/day. Choose the date order, then import.";
    ImportNameMissing => "客户名称是空的。", "The customer name is empty.";
    ImportNameTaken => "已有同名客户，不能作为新客户导入（可选择“更新”或“跳过”）。", "A customer with this name exists; it cannot be added as new (choose update or skip).";
    ImportContactColumn => "联系人", "Contact";
    ImportErrorColumn => "错误原因", "Problem";
    ImportLineColumn => "原文件行号", "Line in file";
    CellLostDigits => "号码被 Excel 显示成了科学计数法，后面几位已经丢失。请在原表格里把这一列设为“文本”格式后重新导出。", "Excel turned this number into scientific notation and its last digits are lost. Set the column to Text in the original spreadsheet and export again.";
    CellBadDate => "看不懂这个日期。请写成 2023-05-01 这样。", "Not a date we can read. Write it like 2023-05-01.";
    CellAmbiguousDate => "分不清是日/月还是月/日，请选择日期顺序。", "Could be day/month or month/day; choose the date order.";
    CellBadChoice => "不是可选的值之一。", "Not one of the allowed values.";
    CellBadAmount => "不是金额。请写成 50000 或 5万 这样。", "Not an amount. Write it like 50000.";
    CellBadDays => "不是天数。请写成 30 或 30天 这样。", "Not a number of days. Write it like 30.";
    ReEmpty => "文件是空的。", "The file is empty.";
    ReHeaderOnly => "文件只有表头，没有数据行。", "The file has a header row but no data rows.";
    ReNotATable => "这不是表格文件（内容是二进制数据）。请选择 CSV、TXT、XLSX、XLS 或 ODS 文件。", "This is not a table file (its content is binary). Choose a CSV, TXT, XLSX, XLS or ODS file.";
    ImportTitle => "导入客户", "Import customers";
    ImportButton => "导入…", "Import…";
    ExportButton => "导出…", "Export…";
    ImportChooseFile => "选择要导入的文件（CSV、TXT、XLSX、XLS、ODS）", "Choose the file to import (CSV, TXT, XLSX, XLS, ODS)";
    ImportFilePath => "文件", "File";
    Browse => "浏览…", "Browse…";
    ImportOpen => "打开", "Open";
    ImportNoFile => "找不到这个文件。请检查路径是否写对，或点“浏览…”选择文件。", "There is no such file. Check the path, or press Browse… to choose the file.";
    ImportRunning => "正在导入……", "Importing…";
    ImportChecking => "正在检查文件……", "Checking the file…";
    ImportEncoding => "编码", "Encoding";
    ImportGarbled => "乱码？换一种编码试试", "Garbled? Try another encoding";
    ImportDelimiter => "分隔符", "Delimiter";
    ImportSheet => "工作表", "Sheet";
    ImportHeaderRow => "表头在第几行", "Header row";
    ImportMapHint => "每一列下面选择它对应的字段；不需要的列选“（不导入）”。", "Under each column choose the field it goes into; choose (ignore) for columns you do not need.";
    ImportFixed => "所有行统一填写：", "Same value for every row:";
    ImportAddFixed => "设定", "Set";
    ImportDateOrder => "日期顺序（3/4/2023 这样的日期）：", "Date order (for dates like 3/4/2023):";
    DateOrderAuto => "自动判断", "Decide from the column";
    DateOrderMdy => "月/日/年", "month/day/year";
    DateOrderDmy => "日/月/年", "day/month/year";
    ImportSaveMapping => "把这套列对应保存为", "Save this mapping as";
    ImportCheck => "检查（先不导入）", "Check (import nothing yet)";
    ImportDuplicates => "与已有客户重复的行", "Rows that match existing customers";
    ImportForAll => "全部：", "For all:";
    DupSkip => "跳过", "Skip";
    DupUpdate => "更新已有客户", "Update the existing one";
    DupNew => "作为新客户", "Add as new";
    DupUpdateRecord => "更新已有记录", "Update the existing one";
    DupNewRecord => "作为新记录", "Add as new";
    ImportDuplicatesRecords => "与已有记录重复的行", "Rows that match existing records";
    ImportUpdates => "将要更新的内容（原值 → 新值）", "What will change (old → new)";
    ImportMerged => "与前面的行同名，并入同一个客户（加上这一行的联系人；前面的行已填的字段不变）", "Same name as a row above: one customer (this row's contact is added; fields the row above filled stay as they are)";
    ImportErrors => "有错误的行（不会导入）", "Rows with errors (not imported)";
    ImportSaveErrors => "把错误行另存为 CSV…", "Save the error rows as CSV…";
    ImportBack => "返回修改", "Back";
    ImportCommit => "开始导入", "Import";
    ImportUndoable => "导入前会自动保存快照，导入后也可以一键撤销。", "A snapshot is taken first, and the import can be undone afterwards.";
    ImportUndo => "撤销这次导入", "Undo this import";
    ImportUndone => "这次导入已撤销。", "This import has been undone.";
    ExportChoose => "导出客户列表", "Export the customer list";
    ExportEveryContact => "每个联系人一行（可完整导回）", "One row per contact (imports back whole)";
    ExportEveryContactHint => "不勾选时每个客户一行，只带主要联系人。", "Unticked: one row per customer, with its main contact only.";
    ExportRunning => "正在导出……", "Exporting…";
    ToolsImports => "导入记录", "Imports";
    ImportsNone => "还没有导入过文件。", "No files imported yet.";
    TabCompetitors => "竞争对手", "Competitors";
    TabNews => "业界动态", "Industry news";
    ImportStatusKept => "随导入确认（导入时文件中的状态）", "Confirmed with an import (the file's status)";
    ImportKind => "导入的是", "The rows are";
    ExportHint => "按列表当前的搜索、筛选和排序导出。文件名以 .xlsx 结尾存为 Excel 工作簿，否则存为 CSV。", "Exports what the list shows now (its search, filters and sort). A name ending in .xlsx is saved as an Excel workbook, anything else as CSV.";
    ExportStart => "导出", "Export";
    ExportNoFolder => "请填写要保存的文件名（所在文件夹必须存在）。", "Give the file name to save to (its folder must exist).";
    NewCompetitor => "新建竞争对手", "New competitor";
    NoCompetitors => "还没有竞争对手。点“新建竞争对手”添加。\n已有 Excel 名单？点“导入…”或把文件拖到这里。", "No competitors yet. Press New competitor to add one.\nHave an Excel list? Press Import… or drop the file here.";
    NoCompetitorsMatch => "没有符合条件的竞争对手。", "No competitors match.";
    CompetitorPriceHint => "如：比我们低 10% 左右", "e.g. about 10% below ours";
    CompetitorIntel => "情报记录", "Intelligence";
    CompetitorIntelDate => "日期", "Date";
    CompetitorIntelSource => "来源", "Source";
    CompetitorIntelText => "内容", "What was learned";
    CompetitorAddIntel => "添加情报", "Add intelligence";
    ThreatHigh => "高", "High";
    ThreatMedium => "中", "Medium";
    ThreatLow => "低", "Low";
    RelatedNews => "相关业界动态", "Related news";
    Remove => "移除", "Remove";
    AddCustomerHint => "输入客户名称的一部分以添加", "Type part of a customer's name to add it";
    NewNews => "新建动态", "New item";
    NoNews => "还没有业界动态。点“新建动态”添加。\n已有 Excel 表？点“导入…”或把文件拖到这里。", "No news yet. Press New item to add one.\nHave an Excel sheet? Press Import… or drop the file here.";
    NoFeedbackYet => "还没有交往反馈。点“新建反馈”添加。\n已有 Excel 表？点“导入…”或把文件拖到这里。", "No feedback yet. Press New feedback to add some.\nHave an Excel sheet? Press Import… or drop the file here.";
    NoContractsYet => "还没有合同。点“新建合同”添加。\n已有 Excel 表？点“导入…”或把文件拖到这里。", "No contracts yet. Press New contract to add one.\nHave an Excel sheet? Press Import… or drop the file here.";
    NoNewsMatch => "没有符合条件的业界动态。", "No news items match.";
    NewsTagsHint => "用逗号分隔", "separated by commas";
    NewsAddCompetitor => "添加竞争对手…", "Add a competitor…";
    PictureCompetitors => "竞争对手", "Competitors";
    PictureNews => "相关动态", "News";
    NoneYet => "暂无", "None yet";
    ToolsTrash => "回收站（所有类别）", "Trash (every kind)";
    TrashEmpty => "回收站是空的。", "The trash is empty.";
    PrintDate => "打印日期", "Printed";
    PrintFilter => "筛选条件", "Filter";
    PrintTotal => "共 {n} 条", "{n} in all";
    PrintPageOf => "第 {p} 页 / 共 {m} 页", "Page {p} of {m}";
    PrintListTitle => "客户名单", "Customer list";
    PrintButton => "打印…", "Print…";
    PrintPreview => "打印预览", "Print preview";
    PrintTitleLabel => "标题", "Title";
    PrintLandscape => "横向", "Landscape";
    PrintZoom => "缩放", "Zoom";
    PrintSavePdf => "另存为 PDF…", "Save as PDF…";
    PrintOpenViewer => "用 PDF 阅读器打开", "Open in the PDF viewer";
    PrintToPrinter => "发送到打印机", "Send to the printer";
    PrintOpened => "已在 PDF 阅读器中打开。", "Opened in the PDF viewer.";
    PrintSent => "已发送到默认打印机。", "Sent to the default printer.";
    PrintLayingOut => "正在排版……", "Laying out the pages…";
    PrintPrev => "上一页", "Previous page";
    PrintNext => "下一页", "Next page";
    PrintCard => "打印卡片…", "Print card…";
    ContractSheet => "合同", "Contract";
    ContractPartyA => "甲方", "Party A";
    ContractPartyB => "乙方（客户）", "Party B (customer)";
    ContractAmountFigures => "合同金额（小写）", "Amount in figures";
    ContractAmountWords => "合同金额（大写）", "Amount in words";
    ContractDecidedBy => "审批人", "Decided by";
    ContractDecidedAt => "审批时间", "Decided at";
    ContractNoDecision => "无审批记录（金额低于审批线或尚未审批）", "No approval record (below the threshold or not decided yet)";
    ContractSignA => "甲方（盖章）：____________________    代表签字：____________    日期：______年____月____日", "Party A (seal): ____________________    Signed: ____________    Date: ____________";
    ContractSignB => "乙方（盖章）：____________________    代表签字：____________    日期：______年____月____日", "Party B (seal): ____________________    Signed: ____________    Date: ____________";
    PrintContract => "打印合同…", "Print contract…";
    PrintColumns => "选择打印的列…", "Columns…";
    PrintZebra => "隔行底纹", "Zebra stripes";
    PrintFitWidth => "适应纸宽（必要时缩小字号）", "Fit to width (smaller text if needed)";
    PrintNoColumns => "请至少选择一列。", "Choose at least one column.";
    PaperLabel => "打印纸张", "Paper";
    MarginLabel => "页边距（毫米）", "Margins (mm)";
    ErrAlreadyUndone => "这次导入已经撤销过了。", "This import has already been undone.";
    ErrBackupMismatch => "备份副本与原数据库的记录数不一致（可能在备份过程中有修改），副本已删除。请重试。", "The copy's record counts differ from the database's (it may have changed during the backup); the copy was deleted. Please try again.";
    ErrDiskFull => "磁盘空间不足，操作未完成，数据没有被改动。请清理磁盘后重试。", "The disk is full; nothing was changed. Free some space and try again.";
    ErrNameTakenOnRestore => "无法还原：已有同名客户。请先修改那个客户的名称。", "Cannot restore: another customer has this name now. Rename that one first.";
}

/// "共 N 条，已筛选 M 条" / "N in all, M shown".
pub fn counts(total: u64, filtered: u64, filtering: bool) -> String {
    match (lang(), filtering) {
        (Lang::Zh, false) => format!("共 {total} 条"),
        (Lang::Zh, true) => format!("共 {total} 条，已筛选 {filtered} 条"),
        (Lang::En, false) => format!("{total} in all"),
        (Lang::En, true) => format!("{total} in all, {filtered} shown"),
    }
}

pub fn restored_from(safety_copy: &str) -> String {
    match lang() {
        Lang::Zh => format!("已恢复。恢复前的数据库已保存为 {safety_copy}，从它恢复即可撤销。"),
        Lang::En => format!(
            "Restored. The database as it was is saved as {safety_copy}; restore it to undo."
        ),
    }
}

/// At most `max` characters of a value quoted in a message, "…" marking the cut: a
/// 900 KB cell is not repeated whole.
pub fn clip(value: &str, max: usize) -> String {
    match value.char_indices().nth(max) {
        None => value.to_string(),
        Some((i, _)) => format!("{}…", &value[..i]),
    }
}

/// A table's rows, as a person calls them.
pub(crate) fn table_noun(table: &str) -> &'static str {
    match (table, lang()) {
        ("customers", Lang::Zh) => "客户",
        ("contacts", Lang::Zh) => "联系人",
        ("contracts", Lang::Zh) => "合同",
        ("payments", Lang::Zh) => "回款",
        ("feedback", Lang::Zh) => "交往反馈",
        ("competitors", Lang::Zh) => "竞争对手",
        ("competitor_intel", Lang::Zh) => "竞争情报",
        ("competitor_customers", Lang::Zh) => "竞争对手与客户的关联",
        ("news", Lang::Zh) => "业界动态",
        ("news_customers", Lang::Zh) => "业界动态与客户的关联",
        ("news_competitors", Lang::Zh) => "业界动态与竞争对手的关联",
        ("imports" | "import_items", Lang::Zh) => "导入记录",
        ("bulk_changes" | "bulk_change_items", Lang::Zh) => "批量修改记录",
        (_, Lang::Zh) => "记录",
        ("customers", Lang::En) => "customers",
        ("contacts", Lang::En) => "contacts",
        ("contracts", Lang::En) => "contracts",
        ("payments", Lang::En) => "payments",
        ("feedback", Lang::En) => "feedback items",
        ("competitors", Lang::En) => "competitors",
        ("competitor_intel", Lang::En) => "competitor notes",
        ("news", Lang::En) => "news items",
        (_, Lang::En) => "links or records",
    }
}

pub fn restored_over(file: &str, customers: i64, aside: Option<&str>) -> String {
    match (lang(), aside) {
        (Lang::Zh, Some(a)) => format!(
            "已从 {file} 恢复（客户 {customers} 个）。原来的数据库文件没有删除，已移到 {a}。"
        ),
        (Lang::Zh, None) => format!("已从 {file} 恢复（客户 {customers} 个）。"),
        (Lang::En, Some(a)) => format!(
            "Restored from {file} ({customers} customers). The database file that was there was not deleted: it is now {a}."
        ),
        (Lang::En, None) => format!("Restored from {file} ({customers} customers)."),
    }
}

/// The space backups and snapshots take.
pub fn space_used(backup_bytes: u64, backups: usize, snap_bytes: u64, snaps: usize) -> String {
    let mib = |b: u64| b as f64 / 1_048_576.0;
    match lang() {
        Lang::Zh => format!(
            "备份文件夹：{backups} 个文件，共 {:.1} MiB；自动快照：{snaps} 个文件，共 {:.1} MiB（按系统设置中的规则自动清理）",
            mib(backup_bytes),
            mib(snap_bytes)
        ),
        Lang::En => format!(
            "Backup folder: {backups} files, {:.1} MiB; snapshots: {snaps} files, {:.1} MiB (pruned by the rule in Settings)",
            mib(backup_bytes),
            mib(snap_bytes)
        ),
    }
}

/// Who else has the database open, after 数据库文件正被另一个程序占用.
pub fn held_by(what: &str, user: &str, since: &str, pid: u32) -> String {
    match lang() {
        Lang::Zh => format!(
            "正在使用它的是：{what}（用户 {user}，进程 {pid}，{since} 起）。请等它完成，或在那里关闭它后再试。"
        ),
        Lang::En => format!(
            " It is in use by: {what} (user {user}, process {pid}, since {since}). Wait for it to finish, or close it there, and try again."
        ),
    }
}

/// Shown in 备份与恢复 when automatic backup is on but has no folder to write to.
pub fn auto_backup_waiting(hours: u32) -> String {
    match lang() {
        Lang::Zh => format!(
            "自动备份还没有开始：备份文件夹还不存在。点“立即备份”建立它并做第一次备份，之后每 {hours} 小时自动备份一次。"
        ),
        Lang::En => format!(
            "Automatic backup has not started: the backup folder does not exist yet. Click “Back up now” to create it and make the first backup; after that a backup is made every {hours} hours."
        ),
    }
}

pub fn recovery_confirm(file: &str, customers: i64) -> String {
    match lang() {
        Lang::Zh => {
            format!("用 {file}（客户 {customers} 个）替换现在的数据库文件？现在的文件不会被删除。")
        }
        Lang::En => format!(
            "Put {file} ({customers} customers) in place of the database file? The file there now is not deleted."
        ),
    }
}

/// Above the list of columns an import leaves out.
pub fn unmapped_heading(n: usize) -> String {
    match lang() {
        Lang::Zh => format!(
            "未导入的列 {n} 个（这些列的内容不会导入；如果需要，请在上一步为它们选择对应的字段）："
        ),
        Lang::En => format!(
            "{n} columns not imported (their contents will not come in; choose a field for them in the previous step if needed):"
        ),
    }
}

/// A sheet's name in the picker: hidden ones marked.
pub fn sheet_label(name: &str, hidden: bool) -> String {
    match (hidden, lang()) {
        (false, _) => name.to_string(),
        (true, Lang::Zh) => format!("{name}（隐藏）"),
        (true, Lang::En) => format!("{name} (hidden)"),
    }
}

pub fn cannot_create_folder(dir: &str, why: &str) -> String {
    match lang() {
        Lang::Zh => format!("无法创建文件夹 {dir}：{why}。请换一个位置。"),
        Lang::En => format!("Cannot create the folder {dir}: {why}. Choose another place."),
    }
}

pub fn demo_failed(why: &str) -> String {
    match lang() {
        Lang::Zh => format!("无法打开演示数据库：{why}"),
        Lang::En => format!("Cannot open the demo database: {why}"),
    }
}

/// Shown while a file is dragged over the window.
pub fn drop_to_import(tab: &str) -> String {
    match lang() {
        Lang::Zh => format!("松开以导入到 {tab}"),
        Lang::En => format!("Let go to import into {tab}"),
    }
}

pub fn bad_backup(file: &str) -> String {
    match lang() {
        Lang::Zh => format!(
            "不能用 {file} 恢复：它不是本系统的备份，或者已经损坏。当前的数据库没有被改动。请换一个备份文件。"
        ),
        Lang::En => format!(
            "Cannot restore from {file}: it is not a backup of this system, or it is damaged. The current database has not been changed. Choose another backup."
        ),
    }
}

pub fn backed_up_to(path: &str) -> String {
    match lang() {
        Lang::Zh => format!("已备份并核对无误：{path}"),
        Lang::En => format!("Backed up and verified: {path}"),
    }
}

/// A change-log action in words.
pub fn action(a: &str) -> &'static str {
    match (a, lang()) {
        ("insert", Lang::Zh) => "新增",
        ("update", Lang::Zh) => "修改",
        ("delete", Lang::Zh) => "删除",
        ("trash", Lang::Zh) => "移入回收站",
        ("restore", Lang::Zh) => "还原",
        ("insert", Lang::En) => "added",
        ("update", Lang::En) => "changed",
        ("delete", Lang::En) => "deleted",
        ("trash", Lang::En) => "trashed",
        ("restore", Lang::En) => "restored",
        _ => "?",
    }
}

pub fn confirm_empty_trash(n: usize) -> String {
    match lang() {
        Lang::Zh => format!(
            "将彻底删除回收站里的 {n} 个客户及其联系人。\n删除前会自动保存一份数据库快照，需要时可以从快照恢复。"
        ),
        Lang::En => format!(
            "The {n} customers in the trash and their contacts will be deleted for good.\nA snapshot of the database is saved first and can be restored."
        ),
    }
}

pub fn trash_emptied(n: usize, snapshot: &str) -> String {
    match lang() {
        Lang::Zh => format!("已彻底删除 {n} 个客户。删除前的快照：{snapshot}"),
        Lang::En => format!("{n} customers deleted for good. Snapshot taken before: {snapshot}"),
    }
}

pub fn cannot_write(why: &str) -> String {
    match lang() {
        Lang::Zh => format!("文件写不进去（{why}）。请换一个文件夹，或检查磁盘空间和权限。"),
        Lang::En => format!(
            "The file could not be written ({why}). Choose another folder, or check the disk space and permissions."
        ),
    }
}

pub fn line_no(line: u64) -> String {
    match lang() {
        Lang::Zh => format!("第 {line} 行"),
        Lang::En => format!("line {line}"),
    }
}

pub fn column_n(n: usize) -> String {
    match lang() {
        Lang::Zh => format!("（第 {n} 列）"),
        Lang::En => format!("(column {n})"),
    }
}

pub fn detected_layout(encoding: Option<&str>, sheet: Option<&str>, header_line: u64) -> String {
    match (lang(), encoding) {
        (Lang::Zh, Some(e)) => format!("读取为 {e} 编码的文本，表头在第 {header_line} 行。"),
        (Lang::En, Some(e)) => format!("Read as {e} text; the header is on line {header_line}."),
        (Lang::Zh, None) => format!(
            "读取工作表“{}”，表头在第 {header_line} 行。",
            sheet.unwrap_or("")
        ),
        (Lang::En, None) => format!(
            "Reading sheet \"{}\"; the header is on row {header_line}.",
            sheet.unwrap_or("")
        ),
    }
}

pub fn import_counts(created: i64, updated: i64, skipped: i64, errors: i64) -> String {
    match lang() {
        Lang::Zh => format!("新增 {created}，更新 {updated}，跳过 {skipped}，错误 {errors}"),
        Lang::En => format!("{created} new, {updated} updated, {skipped} skipped, {errors} errors"),
    }
}

/// 生日历法's choices.
pub fn birthday_calendar(c: crate::domain::calendar::BirthdayCalendar) -> S {
    use crate::domain::calendar::BirthdayCalendar as C;
    match c {
        C::Gregorian => S::BirthdayGregorian,
        C::Lunar => S::BirthdayLunar,
        C::LunarLeap => S::BirthdayLunarLeap,
    }
}

pub fn threat(t: crate::domain::competitor::Threat) -> S {
    use crate::domain::competitor::Threat as T;
    match t {
        T::High => S::ThreatHigh,
        T::Medium => S::ThreatMedium,
        T::Low => S::ThreatLow,
    }
}

pub fn confirm_delete_record(name: &str) -> String {
    match lang() {
        Lang::Zh => format!("确定删除“{name}”吗？\n删除后移入回收站，可以还原。"),
        Lang::En => format!("Delete \"{name}\"?\nIt goes to the trash and can be restored."),
    }
}

pub fn customer_card_title(name: &str) -> String {
    match lang() {
        Lang::Zh => format!("客户卡片：{name}"),
        Lang::En => format!("Customer card: {name}"),
    }
}

/// What merging into `keep` does, before the clerk picks the duplicate.
pub fn merge_explained(keep: &str) -> String {
    match lang() {
        Lang::Zh => format!(
            "选择与“{keep}”重复的另一个客户：它的联系人、交往反馈、合同以及与竞争对手、业界动态的关联都会移到“{keep}”名下，“{keep}”空着的资料由它补上，它本身移入回收站。合并前会自动保存快照，可在“系统工具”中一键恢复。"
        ),
        Lang::En => format!(
            "Pick the other record of “{keep}”: its contacts, feedback, contracts and links to competitors and news move to “{keep}”, whose empty fields it fills; it then goes to the trash. A snapshot is saved first and can be restored in System tools."
        ),
    }
}

/// What a merge will move.
pub fn merge_moves(dup: &str, contacts: i64, feedback: i64, contracts: i64, links: i64) -> String {
    match lang() {
        Lang::Zh => format!(
            "将从“{dup}”移来：{contacts} 个联系人、{feedback} 条交往反馈、{contracts} 份合同、{links} 个关联。"
        ),
        Lang::En => format!(
            "From “{dup}”: {contacts} contacts, {feedback} feedback items, {contracts} contracts and {links} links will move."
        ),
    }
}

/// After a merge.
pub fn merged(contacts: i64, feedback: i64, contracts: i64, snapshot: &str) -> String {
    match lang() {
        Lang::Zh => format!(
            "已合并：移来 {contacts} 个联系人、{feedback} 条交往反馈、{contracts} 份合同；重复的客户已移入回收站。合并前的快照：{snapshot}"
        ),
        Lang::En => format!(
            "Merged: {contacts} contacts, {feedback} feedback items and {contracts} contracts moved; the duplicate is in the trash. Snapshot before the merge: {snapshot}"
        ),
    }
}

/// The warning when some characters are not in the bundled font.
pub fn missing_glyphs(chars: &[char]) -> String {
    let list: String = chars
        .iter()
        .take(20)
        .collect::<Vec<_>>()
        .iter()
        .map(|c| format!("{c} "))
        .collect();
    let more = if chars.len() > 20 { "…" } else { "" };
    match lang() {
        Lang::Zh => format!(
            "注意：这些字不在打印字体里，会印成空白方框：{}{more}。可以改用常用字，或打印后手写补上。",
            list.trim_end()
        ),
        Lang::En => format!(
            "Note: these characters are not in the print font and will print as empty boxes: {}{more}.",
            list.trim_end()
        ),
    }
}

pub fn contract_sheet_title(title: &str) -> String {
    match lang() {
        Lang::Zh => format!("合同：{title}"),
        Lang::En => format!("Contract: {title}"),
    }
}

pub fn page_of(p: usize, m: usize) -> String {
    match lang() {
        Lang::Zh => format!("第 {p} 页 / 共 {m} 页"),
        Lang::En => format!("Page {p} of {m}"),
    }
}

pub fn saved_to(path: &str) -> String {
    match lang() {
        Lang::Zh => format!("已保存到 {path}"),
        Lang::En => format!("Saved to {path}"),
    }
}

pub fn no_viewer(path: &str) -> String {
    match lang() {
        Lang::Zh => format!("没有找到 PDF 阅读器。文件已保存在 {path}，可以手动打开。"),
        Lang::En => format!("No PDF viewer was found. The file is at {path}; open it by hand."),
    }
}

pub fn no_printer(path: &str) -> String {
    match lang() {
        Lang::Zh => format!(
            "这台电脑还没有设置打印机（找不到 lp 打印命令）。请先安装打印机；PDF 已保存在 {path}，也可以打开后按 Ctrl+P 打印。"
        ),
        Lang::En => format!(
            "No printer is set up on this computer (no lp command). Set one up first; the PDF is at {path}, which you can open and print with Ctrl+P."
        ),
    }
}

pub fn printer_refused(why: &str, path: &str) -> String {
    match lang() {
        Lang::Zh => format!(
            "打印机没有接受这份文件（{why}）。请检查默认打印机是否已设置并开机；PDF 已保存在 {path}。"
        ),
        Lang::En => format!(
            "The printer did not take the file ({why}). Check that a default printer is set up and on; the PDF is at {path}."
        ),
    }
}

pub fn imported(created: i64, updated: i64) -> String {
    match lang() {
        Lang::Zh => format!("导入完成：新增 {created} 个客户，更新 {updated} 个。"),
        Lang::En => format!("Imported: {created} new customers, {updated} updated."),
    }
}

pub fn rows_done(n: u64) -> String {
    match lang() {
        Lang::Zh => format!("已处理 {n} 行"),
        Lang::En => format!("{n} rows done"),
    }
}

pub fn delimiter_name(d: u8) -> &'static str {
    match (d, lang()) {
        (b',', Lang::Zh) => "逗号 ,",
        (b'\t', Lang::Zh) => "制表符",
        (b';', Lang::Zh) => "分号 ;",
        (b'|', Lang::Zh) => "竖线 |",
        (b',', Lang::En) => "comma ,",
        (b'\t', Lang::En) => "tab",
        (b';', Lang::En) => "semicolon ;",
        (b'|', Lang::En) => "bar |",
        _ => "?",
    }
}

pub fn using_saved_mapping(name: &str) -> String {
    match lang() {
        Lang::Zh => format!("已套用保存的列对应“{name}”。"),
        Lang::En => format!("Using the saved mapping \"{name}\"."),
    }
}

pub fn mapping_saved(name: &str) -> String {
    match lang() {
        Lang::Zh => format!("列对应已保存为“{name}”，下次打开同样表头的文件会自动套用。"),
        Lang::En => {
            format!("Mapping saved as \"{name}\"; a file with the same headers gets it next time.")
        }
    }
}

/// The note of a payment an import brought from a contract's 已回款 column (stored
/// data, so always in Chinese, like the rest of the change log).
pub fn imported_payment_note(file_name: &str) -> String {
    format!("导入的已回款（{file_name}）")
}

pub fn fields_unmapped(fields: &str) -> String {
    match lang() {
        Lang::Zh => format!("还没有为“{fields}”选择对应的列：请在列的下拉框中选择，或设置固定值。"),
        Lang::En => format!(
            "No column is chosen for \"{fields}\": pick one in a column's list, or set a fixed value."
        ),
    }
}

pub fn no_such_customer(name: &str) -> String {
    match lang() {
        Lang::Zh => format!("找不到客户「{name}」：请先在客户信息中添加或导入这个客户"),
        Lang::En => format!("No customer \"{name}\": add or import the customer first"),
    }
}

pub fn no_such_competitor(name: &str) -> String {
    match lang() {
        Lang::Zh => format!("找不到竞争对手「{name}」：请先添加或导入"),
        Lang::En => format!("No competitor \"{name}\": add or import it first"),
    }
}

pub fn repeats_line(line: u64) -> String {
    match lang() {
        Lang::Zh => format!("与文件第 {line} 行重复"),
        Lang::En => format!("repeats line {line} of the file"),
    }
}

pub fn imported_records(kind: &str, created: i64, updated: i64) -> String {
    match lang() {
        Lang::Zh => format!("导入完成：{kind}新增 {created} 条，更新 {updated} 条。"),
        Lang::En => format!("Imported: {kind}: {created} new, {updated} updated."),
    }
}

pub fn import_title(kind: &str) -> String {
    match lang() {
        Lang::Zh => format!("导入{kind}"),
        Lang::En => format!("Import {}", kind.to_lowercase()),
    }
}

pub fn export_title(kind: &str) -> String {
    match lang() {
        Lang::Zh => format!("导出{kind}"),
        Lang::En => format!("Export {}", kind.to_lowercase()),
    }
}

pub fn export_replaces(path: &str) -> String {
    match lang() {
        Lang::Zh => format!("文件 {path} 已经存在。再点一次“导出”将覆盖它，或换一个文件名。"),
        Lang::En => format!(
            "{path} already exists. Press Export again to replace it, or give another name."
        ),
    }
}

pub fn exported_records(n: u64, path: &str) -> String {
    match lang() {
        Lang::Zh => format!("已导出 {n} 条记录到 {path}"),
        Lang::En => format!("Exported {n} records to {path}"),
    }
}

pub fn errors_file_name() -> &'static str {
    match lang() {
        Lang::Zh => "导入错误行.csv",
        Lang::En => "import-errors.csv",
    }
}

pub fn errors_saved(path: &str) -> String {
    match lang() {
        Lang::Zh => format!("错误行已保存到 {path}。改好后可以再导入这个文件。"),
        Lang::En => format!("The error rows were saved to {path}. Fix them and import that file."),
    }
}

pub fn exported(n: u64, path: &str) -> String {
    match lang() {
        Lang::Zh => format!("已导出 {n} 个客户到 {path}"),
        Lang::En => format!("Exported {n} customers to {path}"),
    }
}

pub fn import_read_failed(why: &str) -> String {
    match lang() {
        Lang::Zh => format!("文件没能读到结尾（{why}），什么都没有导入。请检查文件是否完整。"),
        Lang::En => format!(
            "The file could not be read to the end ({why}); nothing was imported. Check that the file is complete."
        ),
    }
}

pub fn import_row_failed(line: u64, why: &str) -> String {
    // The reason may end with its own full stop (「此客户编号已被使用。」): one is enough.
    let why = why.trim_end_matches(['。', '.']);
    match lang() {
        Lang::Zh => format!("第 {line} 行不能导入：{why}。什么都没有导入，请修改后重试。"),
        Lang::En => format!(
            "Line {line} cannot be imported: {why}. Nothing was imported; fix it and try again."
        ),
    }
}

pub fn undo_blocked(name: &str) -> String {
    match lang() {
        Lang::Zh => {
            format!("不能撤销：导入的客户「{name}」之后已经有了合同或交往反馈。什么都没有改动。")
        }
        Lang::En => format!(
            "Cannot undo: the imported customer \"{name}\" has contracts or feedback since. Nothing was changed."
        ),
    }
}

pub fn undo_record_blocked(name: &str) -> String {
    match lang() {
        Lang::Zh => format!(
            "不能撤销：导入的「{name}」之后已经有了回款、修订、情报或相关的业界动态。什么都没有改动。"
        ),
        Lang::En => format!(
            "Cannot undo: the imported \"{name}\" has payments, a revision, intelligence or news since. Nothing was changed."
        ),
    }
}

pub fn has_contracts(n: i64) -> String {
    match lang() {
        Lang::Zh => format!(
            "这个客户有 {n} 份合同，不能直接删除。请先处理这些合同，或选择连同合同一起移入回收站。"
        ),
        Lang::En => format!(
            "This customer has {n} contracts and cannot simply be deleted. Deal with the contracts first, or move them to the trash together."
        ),
    }
}

pub fn wait_before_retry(secs: u64) -> String {
    match lang() {
        Lang::Zh => format!("密码错误次数过多，请 {secs} 秒后再试。"),
        Lang::En => format!("Too many wrong passwords. Try again in {secs} seconds."),
    }
}

/// "标签：值" / "Label: value".
pub fn labelled(label: &str, value: &str) -> String {
    match lang() {
        Lang::Zh => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// "名字（角色）" / "name (role)".
pub fn with_note(text: &str, note: &str) -> String {
    match lang() {
        Lang::Zh => format!("{text}（{note}）"),
        Lang::En => format!("{text} ({note})"),
    }
}

pub fn confirm_delete(name: &str) -> String {
    match lang() {
        Lang::Zh => format!("确定删除客户“{name}”吗？\n删除后移入回收站，可以随时还原。"),
        Lang::En => {
            format!(
                "Delete the customer \"{name}\"?\nIt goes to the trash and can be restored any time."
            )
        }
    }
}

pub fn too_long(max: usize) -> String {
    match lang() {
        Lang::Zh => format!("太长了：最多 {max} 个字。"),
        Lang::En => format!("Too long: at most {max} characters."),
    }
}

pub fn problem(p: Problem) -> String {
    let s = match p {
        Problem::TooLong(max) => return too_long(max),
        Problem::ThresholdsNotRising => S::ProblemThresholds,
        Problem::OutOfRange(lo, hi) => {
            return match lang() {
                Lang::Zh => format!("应在 {lo} 到 {hi} 之间。"),
                Lang::En => format!("Must be from {lo} to {hi}."),
            };
        }
        Problem::PlanTotal(total, amount) => {
            let (t, a) = (
                crate::domain::money::format_fen(total),
                crate::domain::money::format_fen(amount),
            );
            return match lang() {
                Lang::Zh => format!("各期金额合计 {t}，与合同金额 {a} 不一致。"),
                Lang::En => format!("The installments add up to {t}, not the amount {a}."),
            };
        }
        Problem::BelowReceived(fen) => {
            let r = crate::domain::money::format_fen(fen);
            return match lang() {
                Lang::Zh => format!("原合同已收回款 {r}，修订后的金额不能少于它。"),
                Lang::En => format!(
                    "{r} has been received on this contract: the revised amount cannot be less."
                ),
            };
        }
        Problem::Required => S::ProblemRequired,
        Problem::BadEmail => S::ProblemBadEmail,
        Problem::BadPhone => S::ProblemBadPhone,
        Problem::BadMobile => S::ProblemBadMobile,
        Problem::BadPostalCode => S::ProblemBadPostalCode,
        Problem::BadWebsite => S::ProblemBadWebsite,
        Problem::CreditCodeLength => S::ProblemCreditCodeLength,
        Problem::CreditCodeChar => S::ProblemCreditCodeChar,
        Problem::CreditCodeCheck => S::ProblemCreditCodeCheck,
        Problem::BadDate => S::ProblemBadDate,
        Problem::FutureDate => S::ProblemFutureDate,
        Problem::Negative => S::ProblemNegative,
        Problem::BadAmount => S::ProblemBadAmount,
        Problem::DuplicateName => S::ProblemDuplicateName,
        Problem::DuplicateCode => S::ProblemDuplicateCode,
        Problem::TwoPrimaries => S::ProblemTwoPrimaries,
        Problem::EndBeforeStart => S::ProblemEndBeforeStart,
        Problem::NotPositive => S::ProblemNotPositive,
        Problem::OverBalance => S::ProblemOverBalance,
        Problem::DuplicateNumber => S::ProblemDuplicateNumber,
        Problem::LineBreak => S::ProblemLineBreak,
        Problem::DueBeforeSigning => S::ProblemDueBeforeSigning,
    };
    s.t().to_string()
}

/// A declared field's name in the current language.
pub fn label<R>(d: &FieldDef<R>) -> &'static str {
    match lang() {
        Lang::Zh => d.label,
        Lang::En => d.en,
    }
}

/// A record kind's field's name on the form, from its declaration
/// ([`crate::domain::records`]); the key itself if it has none (a test keeps every
/// form field declared).
pub fn record_label(kind: crate::domain::records::RecordKind, key: &str) -> &'static str {
    match kind.field(key) {
        Some(f) => match lang() {
            Lang::Zh => f.label,
            Lang::En => f.label_en,
        },
        None => "?",
    }
}

/// A 业界动态 field's name on the form.
pub fn news_field(f: crate::domain::news::NewsField) -> &'static str {
    record_label(crate::domain::records::RecordKind::News, f.key())
}

/// A 竞争对手 field's name on the form (the intelligence form's own fields by their
/// text keys).
pub fn competitor_field(f: crate::domain::competitor::CompetitorField) -> &'static str {
    use crate::domain::competitor::CompetitorField as C;
    match (f, f.key()) {
        (_, Some(k)) => record_label(crate::domain::records::RecordKind::Competitors, k),
        (C::IntelDate, None) => S::CompetitorIntelDate.t(),
        (_, None) => S::CompetitorIntelText.t(),
    }
}

/// A customer field's name on the form and in messages.
pub fn customer_field(f: CustomerField) -> &'static str {
    label(f.def())
}

/// A contact field's name on the form.
pub fn contact_field(f: ContactField) -> &'static str {
    label(f.def())
}

pub fn field_label(f: Field) -> &'static str {
    match f {
        Field::Customer(f) => customer_field(f),
        Field::Contact(_, f) => contact_field(f),
    }
}

/// A customer field's stored value as a reader writes it, in `lang`: a code in words
/// (enterprise → 企业), fen in yuan, everything else as stored.
pub fn customer_value_in(f: CustomerField, stored: &str, lang: Lang) -> String {
    let word = match f {
        CustomerField::Kind => CustomerKind::from_code(stored).map(kind),
        CustomerField::Category => CustomerCategory::from_code(stored).map(category),
        CustomerField::Status => CustomerStatus::from_code(stored).map(status),
        _ => None,
    };
    match (word, f.def().value) {
        (Some(w), _) => w.in_lang(lang).to_string(),
        (None, Value::Choice(_)) => stored.to_string(),
        (None, v) => v.show(stored),
    }
}

/// [`customer_value_in`] the current language.
pub fn customer_value(f: CustomerField, stored: &str) -> String {
    customer_value_in(f, stored, lang())
}

/// "客户名称：此项必填。" — a problem with the field it belongs to, for one-line reports.
pub fn field_problem(e: &crate::domain::FieldError) -> String {
    let label = field_label(e.field);
    let prefix = match (e.field, lang()) {
        (Field::Contact(i, _), Lang::Zh) => format!("联系人 {}：{label}", i + 1),
        (Field::Contact(i, _), Lang::En) => format!("Contact {}: {label}", i + 1),
        _ => label.to_string(),
    };
    match lang() {
        Lang::Zh => format!("{prefix}：{}", problem(e.problem)),
        Lang::En => format!("{prefix}: {}", problem(e.problem)),
    }
}

pub fn role(r: Role) -> S {
    match r {
        Role::Admin => S::RoleAdmin,
        Role::Clerk => S::RoleClerk,
        Role::Supervisor => S::RoleSupervisor,
    }
}

pub fn kind(k: CustomerKind) -> S {
    match k {
        CustomerKind::Enterprise => S::KindEnterprise,
        CustomerKind::Individual => S::KindIndividual,
    }
}

/// The label of a field 批量修改 sets.
pub fn bulk_field(f: crate::domain::BulkField) -> &'static str {
    customer_field(f)
}

/// A stored value of a field 批量修改 sets, as the list shows it (a code in words).
pub fn bulk_value(f: crate::domain::BulkField, value: &str) -> String {
    customer_value(f, value)
}

/// What the 批量修改 dialog acts on, before a field and value are chosen.
pub fn bulk_scope(shown: u64) -> String {
    match lang() {
        Lang::Zh => {
            format!("当前列表（按现在的搜索和筛选）共 {shown} 个客户。请选择要修改的字段和新的值。")
        }
        Lang::En => format!(
            "The list as shown (its search and filters) holds {shown} customers. Choose the field and its new value."
        ),
    }
}

/// What the 批量修改 dialog will do to the list as shown.
pub fn bulk_explained(shown: u64, to_change: u64, field: &str, value: &str) -> String {
    match (lang(), value.is_empty()) {
        (Lang::Zh, false) => format!(
            "当前列表（按现在的搜索和筛选）共 {shown} 个客户，其中 {to_change} 个的{field}将改为「{value}」。"
        ),
        (Lang::Zh, true) => format!(
            "当前列表（按现在的搜索和筛选）共 {shown} 个客户，其中 {to_change} 个的{field}将被清空。"
        ),
        (Lang::En, false) => format!(
            "The list as shown (its search and filters) holds {shown} customers; {field} becomes “{value}” on {to_change} of them."
        ),
        (Lang::En, true) => format!(
            "The list as shown (its search and filters) holds {shown} customers; {field} is cleared on {to_change} of them."
        ),
    }
}

pub fn bulk_button(n: u64) -> String {
    match lang() {
        Lang::Zh => format!("修改 {n} 个客户"),
        Lang::En => format!("Change {n} customers"),
    }
}

/// A 批量修改 done (or as listed in 系统工具).
pub fn bulk_done(field: &str, value: &str, n: i64) -> String {
    match (lang(), value.is_empty()) {
        (Lang::Zh, false) => format!("已把 {n} 个客户的{field}改为「{value}」。"),
        (Lang::Zh, true) => format!("已清空 {n} 个客户的{field}。"),
        (Lang::En, false) => format!("{field} set to “{value}” on {n} customers."),
        (Lang::En, true) => format!("{field} cleared on {n} customers."),
    }
}

pub fn bulk_undone(restored: i64, kept: i64) -> String {
    match (lang(), kept) {
        (Lang::Zh, 0) => format!("已撤销：{restored} 个客户恢复了原来的值。"),
        (Lang::Zh, _) => format!(
            "已撤销：{restored} 个客户恢复了原来的值；{kept} 个客户之后又改过这一项或已在回收站，保持不变。"
        ),
        (Lang::En, 0) => format!("Undone: {restored} customers have their earlier value back."),
        (Lang::En, _) => format!(
            "Undone: {restored} customers have their earlier value back; {kept} changed again since or in the trash were left as they are."
        ),
    }
}

pub fn bulk_customer_failed(name: &str, why: &str) -> String {
    match lang() {
        Lang::Zh => format!("客户「{name}」改后不符合要求：{why}。没有修改任何客户。"),
        Lang::En => {
            format!("Customer “{name}” would break a rule: {why}. No customer was changed.")
        }
    }
}

pub fn category(c: CustomerCategory) -> S {
    match c {
        CustomerCategory::EndCustomer => S::CategoryEnd,
        CustomerCategory::Distributor => S::CategoryDistributor,
        CustomerCategory::Partner => S::CategoryPartner,
        CustomerCategory::Prospect => S::CategoryProspect,
    }
}

pub fn status(s: CustomerStatus) -> S {
    match s {
        CustomerStatus::Active => S::StatusActive,
        CustomerStatus::Lost => S::StatusLost,
    }
}

/// A segment's name.
pub fn segment(s: crate::domain::value::Segment) -> &'static str {
    use crate::domain::value::Segment as G;
    match lang() {
        Lang::Zh => s.zh(),
        Lang::En => match s {
            G::ImportantValue => "Important value",
            G::ImportantDevelop => "Important to develop",
            G::ImportantKeep => "Important to keep",
            G::ImportantWinBack => "Important to win back",
            G::GeneralValue => "General value",
            G::GeneralDevelop => "General to develop",
            G::GeneralKeep => "General to keep",
            G::GeneralWinBack => "General to win back",
        },
    }
}

/// The RFM table's column headings (the report's, with the salesperson last).
pub fn rfm_heads() -> Vec<&'static str> {
    match lang() {
        Lang::Zh => {
            let mut v = crate::domain::value::RFM_HEADERS.to_vec();
            v.push("负责业务员");
            v
        }
        Lang::En => vec![
            "Code",
            "Customer",
            "Last signed",
            "R (days)",
            "F",
            "M (yuan)",
            "R score",
            "F score",
            "M score",
            "Segment",
            "Suggested",
            "Grade",
            "Salesperson",
        ],
    }
}

/// "R 分界：30 / 90 / 180 / 365 天 · F：1 / 2 / 3 / 5 次 · M：… 元".
pub fn thresholds_line(r: &[i64; 4], f: &[i64; 4], m: &[String; 4]) -> String {
    let j = |v: Vec<String>| v.join(" / ");
    let r = j(r.iter().map(|x| x.to_string()).collect());
    let f = j(f.iter().map(|x| x.to_string()).collect());
    let m = j(m.to_vec());
    match lang() {
        Lang::Zh => format!("打分分界值　R：{r} 天 · F：{f} 份 · M：{m} 元"),
        Lang::En => format!("Score thresholds  R: {r} days · F: {f} · M: {m} yuan"),
    }
}

/// The filter a churn figure set: "流失于 2024（12）".
pub fn lost_in(period: &str, n: usize) -> String {
    match lang() {
        Lang::Zh => format!("流失于 {period}（{n}）"),
        Lang::En => format!("Lost in {period} ({n})"),
    }
}

/// Why a customer is worth what it is: "最近一次签约 45 天前；36 个月内 6 份合同，共
/// ¥820,000.00" (or that it has not bought).
pub fn value_why(r_days: Option<i64>, months: u32, f: i64, m: &str) -> String {
    match (lang(), r_days) {
        (Lang::Zh, None) => "还没有计入的合同（已批准、执行中或已完成）。".into(),
        (Lang::En, None) => "No counted contracts yet (approved, in force or completed).".into(),
        (Lang::Zh, Some(d)) if f == 0 => {
            format!("最近一次签约 {d} 天前；{months} 个月内没有计入的合同")
        }
        (Lang::En, Some(d)) if f == 0 => {
            format!("Last signed {d} days ago; no counted contracts in {months} months")
        }
        (Lang::Zh, Some(d)) => format!("最近一次签约 {d} 天前；{months} 个月内 {f} 份合同，共 {m}"),
        (Lang::En, Some(d)) => {
            format!("Last signed {d} days ago; {f} contracts in {months} months, {m} in all")
        }
    }
}

/// "R 4 · F 5 · M 5 · 重要价值客户 · 建议等级 A".
pub fn value_scores(s: [u8; 3], segment: &str, grade: char) -> String {
    match lang() {
        Lang::Zh => format!(
            "R {} · F {} · M {} · {segment} · 建议等级 {grade}",
            s[0], s[1], s[2]
        ),
        Lang::En => format!(
            "R {} · F {} · M {} · {segment} · suggested grade {grade}",
            s[0], s[1], s[2]
        ),
    }
}

/// "将改变 12 个客户的等级：".
pub fn grades_to_change(n: usize) -> String {
    match lang() {
        Lang::Zh => format!("将改变 {n} 个客户的等级："),
        Lang::En => format!("The grade of {n} customers would change:"),
    }
}

/// The tick keeping grades set by hand since the last apply.
pub fn keep_hand_set(n: usize) -> String {
    match lang() {
        Lang::Zh => format!("保留上次应用后手工改过等级的客户（{n} 个）"),
        Lang::En => format!("Keep the grades set by hand since the last apply ({n})"),
    }
}

/// "已按建议等级修改 12 个客户的等级。".
pub fn grades_applied(n: i64) -> String {
    match lang() {
        Lang::Zh => {
            format!("已按建议等级修改 {n} 个客户的等级，可在 系统工具 → 批量修改记录 中撤销。")
        }
        Lang::En => format!(
            "{n} customers now have their suggested grade; undo in System tools → Bulk changes."
        ),
    }
}

/// "共 320 个客户，显示 12 个".
pub fn customers_shown(total: usize, shown: usize) -> String {
    match lang() {
        Lang::Zh => format!("共 {total} 个客户，显示 {shown} 个"),
        Lang::En => format!("{total} customers, {shown} shown"),
    }
}

/// "截至 2026-12-02：12 个客户欠款，合计 ¥1,234.00".
pub fn owed_summary(day: &str, customers: usize, total: &str) -> String {
    match lang() {
        Lang::Zh => format!("截至 {day}：{customers} 个客户欠款，合计 {total}"),
        Lang::En => format!("As of {day}: {customers} customers owe {total} in all"),
    }
}

/// "应收账款：截至 2026-12-02，77 个客户欠款".
pub fn ageing_status(day: &str, customers: usize) -> String {
    match lang() {
        Lang::Zh => format!("应收账款：截至 {day}，{customers} 个客户欠款"),
        Lang::En => format!("Receivables as of {day}: {customers} customers owe"),
    }
}

/// "已导出到 …".
pub fn exported_to(path: &str) -> String {
    match lang() {
        Lang::Zh => format!("已导出到 {path}"),
        Lang::En => format!("Exported to {path}"),
    }
}

/// "对账单 — 北京华信科技有限公司".
pub fn statement_title(customer: &str) -> String {
    format!("{} — {customer}", S::StatementTitle.t())
}

/// The reminder letter's body.
pub fn reminder_text(customer: &str, day: &str, amount: &str, firm: &str) -> String {
    match lang() {
        Lang::Zh => format!(
            "{customer}：贵公司与{firm}签订的合同项下，截至 {day} 已到期未付的款项合计 {amount}（明细见下表）。请于收到本函后七日内安排付款；如已付款，请将付款凭证传给我们，并请忽略本函。感谢贵公司一直以来的支持与合作！"
        ),
        Lang::En => format!(
            "Dear {customer}: under your contracts with {firm}, {amount} had fallen due and was unpaid as of {day} (see below). Please pay within seven days of this letter; if you have already paid, please send us the remittance and disregard this letter. Thank you for your continued cooperation."
        ),
    }
}

/// The reminder's signature line.
pub fn reminder_signature(firm: &str, day: &str) -> String {
    match lang() {
        Lang::Zh => format!("{firm}（盖章）    {day}"),
        Lang::En => format!("{firm} (seal)    {day}"),
    }
}

/// "逾期 35 天".
/// 逾期明细's summary: "逾期 12 期，合计 ¥340,000.00".
pub fn overdue_summary(n: usize, amount: &str) -> String {
    match lang() {
        Lang::Zh => format!("逾期未付 {n} 期，合计 {amount}"),
        Lang::En => format!("{n} installments overdue, {amount} in all"),
    }
}

pub fn days_late(days: i64) -> String {
    match lang() {
        Lang::Zh => format!("逾期 {days} 天"),
        Lang::En => format!("{days} days late"),
    }
}

pub fn contract_status(s: crate::domain::contract::ContractStatus) -> S {
    use crate::domain::contract::ContractStatus as C;
    match s {
        C::Draft => S::ContractDraft,
        C::Submitted => S::ContractSubmitted,
        C::Approved => S::ContractApproved,
        C::Rejected => S::ContractRejected,
        C::InForce => S::ContractInForce,
        C::Completed => S::ContractCompleted,
        C::Terminated => S::ContractTerminated,
    }
}

pub fn feedback_kind(k: crate::domain::feedback::FeedbackKind) -> S {
    use crate::domain::feedback::FeedbackKind as K;
    match k {
        K::Visit => S::FeedbackVisit,
        K::Call => S::FeedbackCall,
        K::Complaint => S::FeedbackComplaint,
        K::Suggestion => S::FeedbackSuggestion,
        K::Satisfaction => S::FeedbackSatisfaction,
        K::Other => S::FeedbackOther,
        K::Collection => S::FeedbackCollection,
    }
}

pub fn follow_status(s: crate::domain::feedback::FollowStatus) -> S {
    use crate::domain::feedback::FollowStatus as F;
    match s {
        F::Open => S::FollowOpen,
        F::InProgress => S::FollowInProgress,
        F::Resolved => S::FollowResolved,
        F::Closed => S::FollowClosed,
        F::Planned => S::FollowPlanned,
    }
}

pub fn grade(g: Grade) -> &'static str {
    g.code()
}

impl RecordKind {
    /// Its tab's name.
    pub fn label(self) -> S {
        match self {
            RecordKind::Feedback => S::TabFeedback,
            RecordKind::Contracts => S::TabContracts,
            RecordKind::Competitors => S::TabCompetitors,
            RecordKind::News => S::TabNews,
        }
    }
}

impl RecordField {
    /// Its name in the UI language.
    pub fn label(&self) -> &'static str {
        match lang() {
            Lang::Zh => self.header,
            Lang::En => self.en,
        }
    }
}

/// Said once after sign-in when anything is overdue: "有 5 项已逾期，见工作台。".
pub fn overdue_on_start(n: usize) -> String {
    match lang() {
        Lang::Zh => format!("有 {n} 项已逾期，见工作台。"),
        Lang::En => format!("{n} overdue: see Today."),
    }
}

/// A 工作台 section's name.
pub fn work_section(s: crate::domain::workbench::Section) -> &'static str {
    match lang() {
        Lang::Zh => s.zh(),
        Lang::En => s.en(),
    }
}

/// How a 工作台 line stands in time: "逾期 9 天", "今天", "还有 4 天", "已等 2 天",
/// "45 天未联系", "从未联系".
pub fn work_days(line: &crate::domain::workbench::WorkLine) -> String {
    use crate::domain::workbench::Section as W;
    let n = line.days;
    match (lang(), line.section) {
        (Lang::Zh, W::OverdueFollowUp | W::OverduePayments) => format!("逾期 {n} 天"),
        (Lang::En, W::OverdueFollowUp | W::OverduePayments) => format!("{n} days late"),
        (Lang::Zh, W::Approvals) => format!("已等 {n} 天"),
        (Lang::En, W::Approvals) => format!("waiting {n} days"),
        (Lang::Zh, W::NoContact) if line.date.is_none() => "从未联系".into(),
        (Lang::En, W::NoContact) if line.date.is_none() => "never contacted".into(),
        (Lang::Zh, W::NoContact) => format!("{n} 天未联系"),
        (Lang::En, W::NoContact) => format!("{n} days without contact"),
        (Lang::Zh, W::Visits) if n < 0 => format!("逾期 {} 天", -n),
        (Lang::En, W::Visits) if n < 0 => format!("{} days late", -n),
        (Lang::Zh, _) if n == 0 => "今天".into(),
        (Lang::En, _) if n == 0 => "today".into(),
        (Lang::Zh, _) => format!("还有 {n} 天"),
        (Lang::En, _) => format!("in {n} days"),
    }
}

/// What a 工作台 line is about, as shown: the follow-up's subject, the contract (marked
/// when held for credit), the contact, or the customer's grade for 久未联系.
pub fn work_what(line: &crate::domain::workbench::WorkLine) -> String {
    use crate::domain::workbench::Section as W;
    match (lang(), line.section) {
        (_, W::NoContact) if line.what.is_empty() => String::new(),
        (Lang::Zh, W::NoContact) => format!("{} 级客户", line.what),
        (Lang::En, W::NoContact) => format!("grade {}", line.what),
        (_, _) if line.held => with_note(&line.what, S::ContractCreditHold.t()),
        _ => line.what.clone(),
    }
}

/// The link under a long 工作台 section: "显示全部 213 条".
pub fn show_all(n: usize) -> String {
    match lang() {
        Lang::Zh => format!("显示全部 {n} 条"),
        Lang::En => format!("Show all {n}"),
    }
}

/// Under a section too long to show whole: "另有 12 条未显示（命令 kehu today 可列出全部）".
pub fn more_elsewhere(n: usize) -> String {
    match lang() {
        Lang::Zh => format!("另有 {n} 条未显示（命令 kehu today 可列出全部）"),
        Lang::En => format!("{n} more not shown (kehu today lists them all)"),
    }
}

/// The contracts list narrowed to what was signed within two days (from 统计报表).
pub fn signed_within(from: &str, to: &str) -> String {
    match lang() {
        Lang::Zh => format!("签订日期 {from} 至 {to}"),
        Lang::En => format!("Signed {from} to {to}"),
    }
}

/// The customer list narrowed by 建档日期 (from 统计报表): "建档日期 2026-03-01 至
/// 2026-03-31", or "建档日期至 2026-06-30" with no start.
pub fn recorded_within(from: &str, to: &str) -> String {
    match (lang(), from.is_empty()) {
        (Lang::Zh, false) => format!("建档日期 {from} 至 {to}"),
        (Lang::Zh, true) => format!("建档日期至 {to}"),
        (Lang::En, false) => format!("On file {from} to {to}"),
        (Lang::En, true) => format!("On file by {to}"),
    }
}

/// A figure with the period before's beside it: "新增客户 12（上期 9）".
pub fn compared(what: &str, now: &str, before: &str) -> String {
    match lang() {
        Lang::Zh => format!("{what} {now}（上期 {before}）"),
        Lang::En => format!("{what} {now} (before: {before})"),
    }
}

/// What 统计报表 counts customers by, in the window's language.
pub fn report_dim(d: crate::domain::reports::CustomerDim) -> &'static str {
    report_dim_in(d, lang())
}

/// What 统计报表 counts customers by, in `lang` (files are written in Chinese).
pub fn report_dim_in(d: crate::domain::reports::CustomerDim, lang: Lang) -> &'static str {
    use crate::domain::reports::CustomerDim as D;
    match (lang, d) {
        (Lang::Zh, D::Grade) => "等级",
        (Lang::Zh, D::Category) => "类别",
        (Lang::Zh, D::Industry) => "行业",
        (Lang::Zh, D::Source) => "来源",
        (Lang::Zh, D::Province) => "省份",
        (Lang::Zh, D::City) => "城市",
        (Lang::Zh, D::Owner) => "业务员",
        (Lang::En, D::Grade) => "Grade",
        (Lang::En, D::Category) => "Category",
        (Lang::En, D::Industry) => "Industry",
        (Lang::En, D::Source) => "Source",
        (Lang::En, D::Province) => "Province",
        (Lang::En, D::City) => "City",
        (Lang::En, D::Owner) => "Salesperson",
    }
}

/// A customer field's stored value as 统计报表 names it, in `lang`: a category by its
/// name, an empty field as （未填）, others as stored.
pub fn report_value(dim: crate::domain::reports::CustomerDim, key: &str, lang: Lang) -> String {
    if key.is_empty() {
        return S::NoGroup.in_lang(lang).to_string();
    }
    match dim {
        crate::domain::reports::CustomerDim::Category => CustomerCategory::from_code(key)
            .map(|c| category(c).in_lang(lang).to_string())
            .unwrap_or_else(|| key.to_string()),
        _ => key.to_string(),
    }
}

/// "平均处理天数 6.5 天" for the complaints closed in a period.
pub fn complaint_days(days: f64) -> String {
    match lang() {
        Lang::Zh => format!("已处理投诉平均用时 {days:.1} 天"),
        Lang::En => format!("Closed complaints took {days:.1} days on average"),
    }
}

/// A month's bar of 审批用时: "2026-03\n平均 1.5 天（4 份）".
pub fn approvals_bar(month: &str, average: Option<f64>, count: i64) -> String {
    match (lang(), average) {
        (Lang::Zh, Some(d)) => format!("{month}\n平均 {d:.1} 天（{count} 份）"),
        (Lang::Zh, None) => format!("{month}\n无审批"),
        (Lang::En, Some(d)) => format!("{month}\n{d:.1} days on average ({count})"),
        (Lang::En, None) => format!("{month}\nnone approved"),
    }
}

/// The ageing buckets' names, as columns, charts and reports say them.
pub fn bucket_names() -> [&'static str; crate::domain::contract::AGEING_BUCKETS] {
    bucket_names_in(lang())
}

/// The ageing buckets' names in `lang` (the workbook's are Chinese whatever the window's).
pub fn bucket_names_in(lang: Lang) -> [&'static str; crate::domain::contract::AGEING_BUCKETS] {
    [
        S::AgeNotDue,
        S::Age1To30,
        S::Age31To60,
        S::Age61To90,
        S::Age91To180,
        S::Age181To365,
        S::AgeOver365,
    ]
    .map(|s| s.in_lang(lang))
}

/// 期末应收账龄's heading: the day and how many customers owe.
pub fn owed_at_end(day: &str, customers: i64) -> String {
    match lang() {
        Lang::Zh => format!("期末应收账龄（截至 {day}，{customers} 个客户欠款）"),
        Lang::En => format!("Owed on {day} by age ({customers} customers owe)"),
    }
}

/// A complaint age bucket: "0–7 天", "90 天以上".
pub fn age_bucket(lo: i64, hi: i64) -> String {
    age_bucket_in(lo, hi, lang())
}

/// A complaint age bucket in `lang` (files are written in Chinese).
pub fn age_bucket_in(lo: i64, hi: i64, lang: Lang) -> String {
    match (lang, hi == i64::MAX) {
        (Lang::Zh, true) => format!("{} 天以上", lo - 1),
        (Lang::Zh, false) => format!("{lo}–{hi} 天"),
        (Lang::En, true) => format!("over {} days", lo - 1),
        (Lang::En, false) => format!("{lo}–{hi} days"),
    }
}

/// "2026-10-01 至 2026-12-31".
pub fn date_range(from: &str, to: &str) -> String {
    match lang() {
        Lang::Zh => format!("{from} 至 {to}"),
        Lang::En => format!("{from} to {to}"),
    }
}

/// The period's other figures in a sentence: received, feedback, complaints.
pub fn report_period_line(received: &str, feedback: i64, opened: i64, closed: i64) -> String {
    match lang() {
        Lang::Zh => format!(
            "回款金额 {received}；交往反馈 {feedback} 条；新增投诉 {opened} 起，已处理 {closed} 起。"
        ),
        Lang::En => format!(
            "Received {received}; {feedback} feedback items; {opened} complaints opened, {closed} closed."
        ),
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;
    use crate::domain::settings::DateFormat;

    #[test]
    fn dates_shown_as_the_firm_wants() {
        set_date_format(DateFormat::Chinese);
        assert_eq!(show_date("2026-11-05"), "2026年11月5日");
        assert_eq!(show_date("2026-11-05 08:30:05"), "2026年11月5日 08:30");
        assert_eq!(show_date(""), "");
        assert_eq!(show_date("不是日期的文字"), "不是日期的文字");
        set_date_format(DateFormat::Iso);
        assert_eq!(show_date("2026-11-05 08:30:05"), "2026-11-05 08:30:05");
    }
}
