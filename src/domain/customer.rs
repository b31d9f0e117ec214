//! Customers (客户信息) and their contact people (联系人).

use super::fields::{
    ADDED_LATER, BULK, MAX_LONG, MAX_SHORT, NOT_IN_FILES, REQUIRED, SEARCHED, Value, field,
};
use crate::{choice_field, field_table, number_field, text_field};
use serde::{Deserialize, Serialize};

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident default $def:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }
        impl Default for $name { fn default() -> Self { $name::$def } }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable code stored in the database.
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            pub fn from_code(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

code_enum!(
    /// 企业 / 个人.
    CustomerKind default Enterprise { Enterprise = "enterprise", Individual = "individual" }
);
code_enum!(
    /// 最终客户 / 分销商 / 合作伙伴 / 潜在客户.
    CustomerCategory default EndCustomer { EndCustomer = "end", Distributor = "distributor", Partner = "partner", Prospect = "prospect" }
);
code_enum!(
    /// 客户等级 A/B/C/D.
    Grade default C { A = "A", B = "B", C = "C", D = "D" }
);
code_enum!(
    /// 正常 / 流失.
    CustomerStatus default Active { Active = "active", Lost = "lost" }
);

impl CustomerKind {
    /// Reads a word from a file (企业, 个人, company …) or a code.
    pub fn read(word: &str) -> Option<&'static str> {
        Some(match folded(word).as_str() {
            "企业" | "公司" | "单位" | "法人" | "enterprise" | "company" | "business" => {
                CustomerKind::Enterprise.code()
            }
            "个人" | "自然人" | "individual" | "person" | "personal" => {
                CustomerKind::Individual.code()
            }
            _ => return None,
        })
    }
}

impl CustomerCategory {
    /// Reads a word from a file (经销商, partner …) or a code.
    pub fn read(word: &str) -> Option<&'static str> {
        use CustomerCategory as C;
        Some(match folded(word).as_str() {
            "最终客户" | "终端客户" | "直接客户" | "end" | "endcustomer" | "end customer" => {
                C::EndCustomer.code()
            }
            "分销商" | "经销商" | "代理商" | "渠道" | "distributor" | "reseller" => {
                C::Distributor.code()
            }
            "合作伙伴" | "伙伴" | "partner" => C::Partner.code(),
            "潜在客户" | "意向客户" | "潜在" | "prospect" | "lead" => C::Prospect.code(),
            _ => return None,
        })
    }
}

impl Grade {
    /// Reads a grade from a file: A, a级, B类, 甲 … .
    pub fn read(word: &str) -> Option<&'static str> {
        let low = folded(word);
        let g = low
            .trim_end_matches("级")
            .trim_end_matches("类")
            .to_ascii_uppercase();
        match Grade::from_code(&g) {
            Some(g) => Some(g.code()),
            None => Some(match g.as_str() {
                "甲" => "A",
                "乙" => "B",
                "丙" => "C",
                "丁" => "D",
                _ => return None,
            }),
        }
    }
}

impl CustomerStatus {
    /// Reads a word from a file (正常, 流失, inactive …) or a code.
    pub fn read(word: &str) -> Option<&'static str> {
        Some(match folded(word).as_str() {
            "正常" | "活跃" | "有效" | "active" | "normal" => CustomerStatus::Active.code(),
            "流失" | "已流失" | "无效" | "lost" | "inactive" | "churned" => {
                CustomerStatus::Lost.code()
            }
            _ => return None,
        })
    }
}

fn folded(word: &str) -> String {
    crate::domain::text::fold_width(word.trim()).to_lowercase()
}

/// The sources offered when the editable list is empty (展会, 网站, 介绍, 电话, 其他).
pub const DEFAULT_SOURCES: [&str; 5] = ["展会", "网站", "介绍", "电话", "其他"];

/// One customer with its contacts, as the form edits it and the store saves it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: Option<i64>,
    /// Customer code such as KH000123; left empty, the store numbers it.
    pub code: String,
    pub name: String,
    pub kind: CustomerKind,
    pub category: CustomerCategory,
    pub industry: String,
    pub grade: Grade,
    pub source: String,
    pub province: String,
    pub city: String,
    pub address: String,
    pub postal_code: String,
    pub phone: String,
    pub mobile: String,
    pub fax: String,
    pub email: String,
    pub website: String,
    pub credit_code: String,
    pub owner: String,
    pub status: CustomerStatus,
    pub credit_limit_fen: i64,
    pub notes: String,
    /// 建档日期: the date the customer was first recorded (ISO, or empty until saved;
    /// a new customer gets the day it is saved, an import the date its file gives).
    pub recorded_on: String,
    /// 账期: days from a contract's signing to its payment being due; None to use the
    /// firm's default (系统设置).
    pub payment_days: Option<i64>,
    /// 信用等级 (one of the firm's list: AAA, AA, A, B, C), or empty.
    pub credit_rating: String,
    /// 临时额度: credit on top of the limit until `temp_limit_until` (fen).
    pub temp_limit_fen: i64,
    pub temp_limit_until: String,
    /// 信用评估: what the firm knows of the customer's credit (financial ratios, payment
    /// record, bank references).
    pub credit_assessment: String,
    /// 流失日期, 流失类型 (one of [`LOSS_KINDS`] or the firm's own words) and 流失原因 of a
    /// customer marked 流失.
    pub lost_on: String,
    pub lost_kind: String,
    pub lost_reason: String,
    pub contacts: Vec<Contact>,
}

/// 流失类型: 主动流失 (the customer leaves: 自然, 竞争, 过失 — our fault) and 被动流失 (we let
/// it go: 非恶意, 报复性, 恶意).
pub const LOSS_KINDS: [&str; 6] = [
    "自然流失",
    "竞争流失",
    "过失流失",
    "非恶意流失",
    "报复性流失",
    "恶意流失",
];

/// A contact person at a customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: Option<i64>,
    pub name: String,
    pub title: String,
    pub phone: String,
    pub mobile: String,
    pub email: String,
    /// ISO date (YYYY-MM-DD), month and day without the year (MM-DD), or empty; in
    /// the calendar `birthday_calendar` says.
    pub birthday: String,
    pub is_primary: bool,
    pub notes: String,
    /// 生日历法: "" (公历), 农历 or 农历闰月 (born in a leap month).
    #[serde(default)]
    pub birthday_calendar: String,
}

const ONE_LINE: Value = Value::Text {
    max: MAX_SHORT,
    one_line: true,
};

field_table! {
    /// The customer's fields, in the order the store writes them (and the change log
    /// names them). Adding one: a line here, the struct field above, a migration for its
    /// column, and its place on the form (`ui/customers/form.rs`).
    Customer, CustomerField, CUSTOMER {
        Code => field("code", "客户编号", "客户编号", "Customer code",
            Value::Text { max: 30, one_line: true }, text_field!(Customer, code))
            .flags(SEARCHED)
            .aliases(&["客户编号", "客户代码", "客户编码", "编号", "代码", "customercode", "code",
                "accountnumber", "customerid", "customerno"]),
        Name => field("name", "客户名称", "客户名称", "Customer name", ONE_LINE,
            text_field!(Customer, name))
            .flags(REQUIRED | SEARCHED)
            .aliases(&["客户名称", "公司名称", "单位名称", "企业名称", "客户", "公司", "单位", "名称",
                "公司全称", "客户全称", "商户名称", "往来单位", "customer", "customername",
                "company", "companyname", "accountname", "account", "organization",
                "organisation", "contractorname"]),
        Kind => field("kind", "客户类型", "客户类型", "Type",
            Value::Choice(CustomerKind::read), choice_field!(Customer, kind, CustomerKind))
            .aliases(&["客户类型", "类型", "customertype", "客户性质"]),
        Category => field("category", "客户类别", "客户类别", "Category",
            Value::Choice(CustomerCategory::read), choice_field!(Customer, category, CustomerCategory))
            .flags(BULK)
            .aliases(&["客户类别", "类别", "客户分类", "分类", "category"]),
        Industry => field("industry", "行业", "所属行业", "Industry", ONE_LINE,
            text_field!(Customer, industry))
            .flags(BULK)
            .aliases(&["行业", "所属行业", "行业类别", "industry", "sector"]),
        Grade => field("grade", "客户等级", "客户等级", "Grade",
            Value::Choice(Grade::read), choice_field!(Customer, grade, Grade))
            .flags(BULK)
            .aliases(&["客户等级", "客户级别", "客户分级", "等级", "级别", "grade", "rating", "level"]),
        Source => field("source", "客户来源", "客户来源", "Source", ONE_LINE,
            text_field!(Customer, source))
            .flags(BULK)
            .aliases(&["客户来源", "来源", "source", "leadsource"]),
        Province => field("province", "省份", "省份", "Province", ONE_LINE,
            text_field!(Customer, province))
            .flags(SEARCHED)
            .aliases(&["省份", "省", "所在省份", "省/直辖市", "地区", "province", "state", "region",
                "businessstate"]),
        City => field("city", "城市", "城市", "City", ONE_LINE, text_field!(Customer, city))
            .flags(SEARCHED)
            .aliases(&["城市", "市", "所在城市", "city", "businesscity"]),
        Address => field("address", "地址", "地址", "Address",
            Value::Text { max: MAX_LONG, one_line: false }, text_field!(Customer, address))
            .flags(SEARCHED)
            .aliases(&["地址", "详细地址", "公司地址", "通讯地址", "联系地址", "注册地址", "地 址",
                "address", "street", "businessstreet", "billingaddress", "mailingaddress"]),
        PostalCode => field("postal_code", "邮政编码", "邮政编码", "Postal code", Value::PostalCode,
            text_field!(Customer, postal_code))
            .aliases(&["邮政编码", "邮编", "postalcode", "postcode", "zip", "zipcode",
                "businesspostalcode"]),
        Phone => field("phone", "电话", "电话", "Phone", Value::Phone, text_field!(Customer, phone))
            .flags(SEARCHED)
            .aliases(&["电话", "公司电话", "办公电话", "固定电话", "座机", "联系电话", "电话号码", "phone",
                "telephone", "tel", "businessphone", "workphone", "officephone"]),
        Mobile => field("mobile", "手机", "手机", "Mobile", Value::Mobile,
            text_field!(Customer, mobile))
            .flags(SEARCHED)
            .aliases(&["手机", "手机号", "手机号码", "移动电话", "mobile", "cellphone"]),
        Fax => field("fax", "传真", "传真", "Fax", Value::Phone, text_field!(Customer, fax))
            .flags(SEARCHED)
            .aliases(&["传真", "传真号码", "fax", "businessfax", "faxnumber"]),
        Email => field("email", "电子邮箱", "电子邮箱", "E-mail", Value::Email,
            text_field!(Customer, email))
            .flags(SEARCHED)
            .aliases(&["电子邮箱", "邮箱", "电子邮件", "email", "e-mail", "mail", "emailaddress"]),
        Website => field("website", "网站", "网址", "Website", Value::Website,
            text_field!(Customer, website))
            .aliases(&["网站", "网址", "公司网址", "公司网站", "主页", "website", "web", "url",
                "webpage", "homepage"]),
        CreditCode => field("credit_code", "统一社会信用代码", "统一社会信用代码",
            "Unified social credit code", Value::CreditCode, text_field!(Customer, credit_code))
            .aliases(&["统一社会信用代码", "信用代码", "社会信用代码", "税号", "纳税人识别号",
                "creditcode", "uscc", "taxid"]),
        Owner => field("owner", "业务员", "负责业务员", "Salesperson", ONE_LINE,
            text_field!(Customer, owner))
            .flags(BULK)
            .aliases(&["业务员", "负责人", "销售", "销售员", "客户经理", "跟进人", "归属人", "owner",
                "salesperson", "accountowner", "salesrep"]),
        Status => field("status", "状态", "客户状态", "Status",
            Value::Choice(CustomerStatus::read), choice_field!(Customer, status, CustomerStatus))
            .flags(BULK)
            .aliases(&["状态", "客户状态", "status"]),
        CreditLimit => field("credit_limit_fen", "信用额度", "信用额度（元）", "Credit limit (yuan)",
            Value::Money, number_field!(Customer, credit_limit_fen))
            .key("credit_limit")
            .aliases(&["信用额度", "赊销额度", "额度", "creditlimit", "credit"]),
        Notes => field("notes", "备注", "备注", "Notes", Value::Notes, text_field!(Customer, notes))
            .aliases(&["备注", "说明", "附注", "notes", "note", "remark", "remarks", "comments"]),
        RecordedOn => field("recorded_on", "建档日期", "建档日期", "Date first recorded",
            Value::PastDate, text_field!(Customer, recorded_on))
            .flags(ADDED_LATER)
            .aliases(&["建档日期", "建档时间", "创建日期", "创建时间", "录入日期", "录入时间", "登记日期",
                "建立日期", "datecreated", "createddate", "createdon", "createdat"]),
        PaymentDays => field("payment_days", "账期（天）", "账期（天）", "Payment terms (days)",
            Value::Days { max: 720 }, number_field!(Customer, payment_days, optional))
            .flags(ADDED_LATER)
            .aliases(&["账期", "账期天数", "付款期限", "付款天数", "信用期", "信用期限", "paymentterms",
                "paymentdays", "terms", "netdays"]),
        CreditRating => field("credit_rating", "信用等级", "信用等级", "Credit rating", ONE_LINE,
            text_field!(Customer, credit_rating))
            .flags(ADDED_LATER)
            .aliases(&["信用等级", "信用级别", "信用评级", "资信等级", "creditrating"]),
        TempLimit => field("temp_limit_fen", "临时额度", "临时额度（元）", "Temporary limit (yuan)",
            Value::Money, number_field!(Customer, temp_limit_fen))
            .key("temp_limit")
            .flags(ADDED_LATER)
            .aliases(&["临时额度", "临时信用额度", "templimit", "temporarylimit"]),
        TempLimitUntil => field("temp_limit_until", "临时额度到期", "临时额度到期", "Temporary limit until",
            Value::Date, text_field!(Customer, temp_limit_until))
            .flags(ADDED_LATER)
            .aliases(&["临时额度到期", "临时额度到期日", "临时额度有效期", "templimituntil"]),
        CreditAssessment => field("credit_assessment", "信用评估", "信用评估", "Credit assessment",
            Value::Notes, text_field!(Customer, credit_assessment))
            .flags(ADDED_LATER)
            .aliases(&["信用评估", "资信评估", "信用情况", "creditassessment"]),
        LostOn => field("lost_on", "流失日期", "流失日期", "Lost on", Value::PastDate,
            text_field!(Customer, lost_on))
            .flags(ADDED_LATER)
            .aliases(&["流失日期", "流失时间", "lostdate", "loston", "churndate"]),
        LostKind => field("lost_kind", "流失类型", "流失类型", "Kind of loss", ONE_LINE,
            text_field!(Customer, lost_kind))
            .flags(ADDED_LATER)
            .aliases(&["流失类型", "流失种类", "流失分类", "losskind", "churntype"]),
        LostReason => field("lost_reason", "流失原因", "流失原因", "Why it was lost", Value::Notes,
            text_field!(Customer, lost_reason))
            .flags(ADDED_LATER)
            .aliases(&["流失原因", "流失说明", "lostreason", "churnreason"]),
    }
}

/// Customer columns in the order the store writes them (and the change log names them).
pub static CUSTOMER_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| CUSTOMER.iter().map(|d| d.column).collect());

/// The fields 批量修改 sets on many customers at once: the ones a firm changes for a
/// whole group (a departing salesperson's customers handed to another, a new grading,
/// customers found lost).
pub type BulkField = CustomerField;

impl CustomerField {
    /// The fields offered by 批量修改, salesperson first.
    pub fn bulk() -> impl Iterator<Item = CustomerField> {
        std::iter::once(CustomerField::Owner).chain(
            Self::ALL
                .iter()
                .copied()
                .filter(|f| f.def().has(BULK) && *f != CustomerField::Owner),
        )
    }

    /// True for the free-text fields, which may also be emptied (a customer with no
    /// salesperson for now); the others take one of their codes.
    pub fn is_text(self) -> bool {
        matches!(self.def().value, Value::Text { .. })
    }
}

field_table! {
    /// A contact's fields, in the order the store writes them.
    Contact, ContactField, CONTACT {
        Name => field("name", "联系人", "姓名", "Contact", ONE_LINE, text_field!(Contact, name))
            .key("contact_name")
            .flags(REQUIRED | SEARCHED)
            .aliases(&["联系人", "联系人姓名", "姓名", "联系人名称", "contact", "contactname", "name",
                "fullname", "displayname"]),
        Title => field("title", "联系人职务", "职务", "Contact title", ONE_LINE,
            text_field!(Contact, title))
            .key("contact_title")
            .aliases(&["职务", "职位", "联系人职务", "title", "jobtitle", "position"]),
        Phone => field("phone", "联系人电话", "电话", "Contact phone", Value::Phone,
            text_field!(Contact, phone))
            .key("contact_phone")
            .flags(SEARCHED)
            .aliases(&["联系人电话", "联系人电话号码", "contactphone"]),
        Mobile => field("mobile", "联系人手机", "手机", "Contact mobile", Value::Mobile,
            text_field!(Contact, mobile))
            .key("contact_mobile")
            .flags(SEARCHED)
            .aliases(&["联系人手机", "联系人手机号", "联系人手机号码", "contactmobile", "mobilephone",
                "mobilenumber"]),
        Email => field("email", "联系人邮箱", "邮箱", "Contact e-mail", Value::Email,
            text_field!(Contact, email))
            .key("contact_email")
            .flags(SEARCHED)
            .aliases(&["联系人邮箱", "联系人email", "contactemail", "primaryemail", "e-mail1-value"]),
        Birthday => field("birthday", "联系人生日", "生日", "Contact birthday", Value::Birthday,
            text_field!(Contact, birthday))
            .key("contact_birthday")
            .aliases(&["生日", "出生日期", "联系人生日", "birthday", "dateofbirth"]),
        Primary => field("is_primary", "", "主要联系人", "Main contact", Value::Flag,
            (|c: &Contact| std::borrow::Cow::Borrowed(if c.is_primary { "1" } else { "0" }),
             |c: &mut Contact, v: String| { c.is_primary = v == "1"; true }))
            .key("contact_primary")
            .flags(NOT_IN_FILES),
        Notes => field("notes", "联系人备注", "备注", "Contact notes", Value::Notes,
            text_field!(Contact, notes))
            .key("contact_notes")
            .aliases(&["联系人备注", "contactnotes"]),
        BirthdayCalendar => field("birthday_calendar", "联系人生日历法", "生日历法",
            "Birthday calendar", Value::Choice(super::calendar::BirthdayCalendar::read),
            text_field!(Contact, birthday_calendar))
            .key("contact_birthday_calendar")
            .flags(ADDED_LATER)
            .aliases(&["生日历法", "农历生日", "生日类型", "阴历生日", "birthdaycalendar"]),
    }
}

/// Contact columns in the order the store writes them.
pub static CONTACT_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| CONTACT.iter().map(|d| d.column).collect());

impl Customer {
    /// Each stored column with its value as text, in [`CUSTOMER_FIELDS`] order. The store
    /// writes these and compares them to write the change log.
    pub fn column_values(&self) -> Vec<String> {
        CUSTOMER
            .iter()
            .map(|d| (d.get)(self).into_owned())
            .collect()
    }

    /// One stored column's value as text (as [`Self::column_values`] gives it), or None
    /// for an unknown column.
    pub fn column(&self, column: &str) -> Option<String> {
        CustomerField::from_column(column).map(|f| (f.def().get)(self).into_owned())
    }

    /// Sets one stored column from its text form (the inverse of [`Self::column_values`]),
    /// for putting back an old value from the change log. False for an unknown column or
    /// a value that does not parse.
    pub fn set_column(&mut self, column: &str, value: &str) -> bool {
        CustomerField::from_column(column).is_some_and(|f| (f.def().set)(self, value.into()))
    }

    /// Trims every field and normalises the ones with a canonical form (credit code
    /// upper-case, postal code half-width), as each field's kind of value says.
    /// Called before validating and saving.
    pub fn tidy(&mut self) {
        for d in CUSTOMER {
            d.tidy(self);
        }
        for c in &mut self.contacts {
            c.tidy();
        }
    }

    /// Columns the store derives from the name: the key uniqueness is checked on, and
    /// the pinyin key the list sorts by (北京… before 上海…, as a Chinese reader expects).
    pub fn derived_values(&self) -> [String; 2] {
        [
            crate::domain::text::name_key(&self.name),
            crate::domain::pinyin::sort_key(&self.name),
        ]
    }

    /// The primary contact, or the first one.
    pub fn primary_contact(&self) -> Option<&Contact> {
        self.contacts
            .iter()
            .find(|c| c.is_primary)
            .or(self.contacts.first())
    }
}

/// One imported row's values for a customer: stored-column name → stored text form,
/// only for the fields the file (or a fixed value) provides.
pub type FieldValues = Vec<(&'static str, String)>;

impl Customer {
    /// Writes `values` into the customer and returns what changed (column, old, new).
    /// With `overwrite` false only empty fields are filled (a second row of the same
    /// customer in one file adds to it but does not fight the first row).
    pub fn apply(
        &mut self,
        values: &[(&'static str, String)],
        overwrite: bool,
    ) -> Vec<(&'static str, String, String)> {
        let mut changes = Vec::new();
        let before = self.column_values();
        for (col, v) in values {
            if v.is_empty() {
                continue;
            }
            let Some(f) = CustomerField::from_column(col) else {
                continue;
            };
            let i = f as usize;
            let empty = f.def().value.is_blank(&before[i]);
            if (overwrite || empty) && before[i] != *v && self.set_column(col, v) {
                changes.push((*col, before[i].clone(), v.clone()));
            }
        }
        changes
    }

    /// Adds a contact, or fills in the one with the same name. The first contact
    /// becomes the primary one. True when anything changed.
    pub fn merge_contact(&mut self, incoming: &Contact, overwrite: bool) -> bool {
        let key = crate::domain::text::name_key(&incoming.name);
        if let Some(c) = self
            .contacts
            .iter_mut()
            .find(|c| crate::domain::text::name_key(&c.name) == key)
        {
            let mut changed = false;
            for f in ContactField::ALL {
                if matches!(f, ContactField::Name | ContactField::Primary) {
                    continue;
                }
                let (get, set) = (f.def().get, f.def().set);
                let (new, old) = (get(incoming), get(c));
                if !new.is_empty() && new != old && (overwrite || old.is_empty()) {
                    set(c, new.into_owned());
                    changed = true;
                }
            }
            return changed;
        }
        let mut c = incoming.clone();
        c.id = None;
        c.is_primary = self.contacts.is_empty();
        self.contacts.push(c);
        true
    }
}

impl Contact {
    pub fn column_values(&self) -> Vec<String> {
        CONTACT.iter().map(|d| (d.get)(self).into_owned()).collect()
    }

    /// Sets one stored column from its text form; false for an unknown column.
    pub fn set_column(&mut self, column: &str, value: &str) -> bool {
        ContactField::from_column(column).is_some_and(|f| (f.def().set)(self, value.into()))
    }

    pub fn tidy(&mut self) {
        for d in CONTACT {
            d.tidy(self);
        }
    }
}
