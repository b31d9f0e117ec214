//! Printing: a page model that knows nothing of egui or PDF ([`layout`]), the bundled
//! font's metrics ([`font`]), the PDF writer ([`pdf`]), and the documents: the customer
//! list as the list shows it.

use crate::domain::{ContactField, CustomerField};
pub mod analysis;
pub mod card;
pub mod collection;
pub mod font;
pub mod layout;
pub mod pdf;
pub mod report;
pub mod system;
pub mod workbench;

use std::path::Path;

use crate::domain::Customer;
use crate::store::{CustomerQuery, Store};
use crate::strings::{self, S};

use super::mapping::Target;
use layout::{ListDoc, ListWords, Page, PageSetup};

/// The columns printed when none are chosen.
pub const DEFAULT_COLUMNS: [Target; 6] = [
    Target::Customer(CustomerField::Code),
    Target::Customer(CustomerField::Name),
    Target::Customer(CustomerField::Grade),
    Target::Contact(ContactField::Name),
    Target::Customer(CustomerField::Phone),
    Target::Customer(CustomerField::Address),
];

/// A column's share of the page width.
fn weight(t: Target) -> f32 {
    match t {
        Target::Customer(CustomerField::Name)
        | Target::Customer(CustomerField::Address)
        | Target::Customer(CustomerField::Notes) => 3.0,
        Target::Customer(CustomerField::Code)
        | Target::Customer(CustomerField::Phone)
        | Target::Customer(CustomerField::Mobile)
        | Target::Customer(CustomerField::Email)
        | Target::Customer(CustomerField::CreditCode) => 1.6,
        Target::Customer(CustomerField::Grade)
        | Target::Customer(CustomerField::Kind)
        | Target::Customer(CustomerField::Status) => 0.7,
        _ => 1.2,
    }
}

/// A customer's cell for a column, as the clerk reads it (labels, not codes).
fn cell(c: &Customer, t: Target) -> String {
    match t {
        // The phone column shows the mobile when there is no landline, as the list does.
        Target::Customer(CustomerField::Phone) if c.phone.is_empty() => c.mobile.clone(),
        Target::Customer(f) => {
            let stored = (f.def().get)(c);
            match (f.def().value, stored.parse()) {
                (crate::domain::fields::Value::Money, Ok(fen)) => {
                    crate::domain::money::format_fen(fen)
                }
                _ => strings::customer_value(f, &stored),
            }
        }
        Target::Contact(f) => c
            .primary_contact()
            .map(|k| (f.def().get)(k).into_owned())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The search and filters of a query in words.
pub fn filter_words(q: &CustomerQuery) -> String {
    let mut parts = Vec::new();
    if !q.text.trim().is_empty() {
        parts.push(format!("{}“{}”", S::Search.t(), q.text.trim()));
    }
    if let Some(g) = q.grade {
        parts.push(strings::labelled(
            strings::customer_field(CustomerField::Grade),
            g.code(),
        ));
    }
    if let Some(c) = q.category {
        parts.push(strings::labelled(
            strings::customer_field(CustomerField::Category),
            strings::category(c).t(),
        ));
    }
    if let Some(i) = &q.industry {
        parts.push(strings::labelled(
            strings::customer_field(CustomerField::Industry),
            i,
        ));
    }
    if let Some(o) = &q.owner {
        parts.push(strings::labelled(
            strings::customer_field(CustomerField::Owner),
            o,
        ));
    }
    if let Some(s) = q.status {
        parts.push(strings::labelled(
            strings::customer_field(CustomerField::Status),
            strings::status(s).t(),
        ));
    }
    parts.join("；")
}

/// How the customer list is printed: the columns, the title, zebra stripes and fit to
/// the paper's width. The clerk's last choice is remembered in the database.
#[derive(Debug, Clone, PartialEq)]
pub struct ListOptions {
    pub columns: Vec<Target>,
    pub title: String,
    pub zebra: bool,
    pub fit_width: bool,
}

impl Default for ListOptions {
    fn default() -> Self {
        ListOptions {
            columns: DEFAULT_COLUMNS.to_vec(),
            title: S::PrintListTitle.t().into(),
            zebra: true,
            fit_width: false,
        }
    }
}

const KEY_COLUMNS: &str = "print_list_columns";
const KEY_ZEBRA: &str = "print_list_zebra";
const KEY_FIT: &str = "print_list_fit_width";

/// The columns a customer list can print, in their order.
pub fn printable_columns() -> impl Iterator<Item = Target> {
    Target::all()
        .iter()
        .copied()
        .filter(|t| *t != Target::Ignore && !t.is_name_part())
}

impl ListOptions {
    /// The options last used, or the defaults.
    pub fn remembered(store: &Store) -> ListOptions {
        let d = ListOptions::default();
        let get = |k: &str| store.setting(k).ok().flatten();
        let columns: Vec<Target> = get(KEY_COLUMNS)
            .map(|v| v.split(',').filter_map(Target::from_key).collect())
            .unwrap_or_default();
        ListOptions {
            columns: if columns.is_empty() {
                d.columns
            } else {
                columns
            },
            title: d.title,
            zebra: get(KEY_ZEBRA).map(|v| v != "off").unwrap_or(d.zebra),
            fit_width: get(KEY_FIT).map(|v| v == "on").unwrap_or(d.fit_width),
        }
    }

    /// Remembers the columns, stripes and fit for next time (the title is per printout).
    pub fn remember(&self, store: &mut Store) -> Result<(), crate::store::StoreError> {
        let keys: Vec<&str> = self.columns.iter().map(|t| t.key()).collect();
        store.set_setting(KEY_COLUMNS, &keys.join(","))?;
        store.set_setting(KEY_ZEBRA, if self.zebra { "on" } else { "off" })?;
        store.set_setting(KEY_FIT, if self.fit_width { "on" } else { "off" })
    }
}

/// The customer list as the list shows it (search, filters, sort) laid out on pages.
pub fn customer_list_pages(
    store: &Store,
    q: &CustomerQuery,
    opts: &ListOptions,
    setup: &PageSetup,
) -> Result<Vec<Page>, crate::store::StoreError> {
    let columns = &opts.columns;
    let title = &opts.title;
    let firm = store.settings().map(|s| s.firm_name).unwrap_or_default();
    let doc = ListDoc {
        firm,
        title: title.to_string(),
        filter: filter_words(q),
        printed_on: strings::show_date(&crate::store::today().to_string()),
        headers: columns
            .iter()
            .map(|t| crate::io::text::import_target(*t).to_string())
            .collect(),
        weights: columns.iter().map(|t| weight(*t)).collect(),
        zebra: opts.zebra,
        fit_width: opts.fit_width,
        words: ListWords {
            printed: S::PrintDate.t().into(),
            filter: S::PrintFilter.t().into(),
            total: S::PrintTotal.t().into(),
            page_of: S::PrintPageOf.t().into(),
        },
    };
    let mut rows = Vec::new();
    store.for_each_customer(q, |c| {
        rows.push(columns.iter().map(|t| cell(&c, *t)).collect::<Vec<_>>());
        true
    })?;
    let metrics = font::FontMetrics::bundled();
    Ok(layout::layout_list(&doc, rows, setup, &metrics))
}

/// 客户价值与流失 laid out on pages as 客户分析 asks for it: the figures page, then the
/// customers of `shown` (their ids, in the table's order).
pub fn analysis_report_pages(
    store: &Store,
    ask: &crate::store::value::ValueAsk,
    shown: &[i64],
    setup: &PageSetup,
) -> Result<Vec<Page>, crate::store::StoreError> {
    let report = store.value_report(ask)?;
    let by_id: std::collections::HashMap<i64, &crate::store::value::RfmLine> =
        report.lines.iter().map(|l| (l.customer_id, l)).collect();
    let lines: Vec<crate::store::value::RfmLine> = shown
        .iter()
        .filter_map(|id| by_id.get(id).map(|l| (*l).clone()))
        .collect();
    let firm = store.settings()?.firm_name;
    let as_of = strings::show_date(&ask.as_of.format("%Y-%m-%d").to_string());
    let metrics = font::FontMetrics::bundled();
    Ok(analysis::analysis_pages(
        &firm, &report, &as_of, &lines, setup, &metrics,
    ))
}

/// 经营报表: the figures of `summary` (as 统计报表 shows them) under `title` with the
/// reports of `parts`, printed today.
pub fn business_report_pages(
    store: &Store,
    title: &str,
    summary: &crate::store::reports::Summary,
    parts: report::Parts,
    setup: &PageSetup,
) -> Result<Vec<Page>, crate::store::StoreError> {
    let firm = store.settings()?.firm_name;
    let today = strings::show_date(&crate::store::today().to_string());
    let metrics = font::FontMetrics::bundled();
    Ok(report::report_pages(
        &firm, title, summary, parts, &today, setup, &metrics,
    ))
}

/// 今日工作清单: `lines` as of `as_of` under `title` (the preview's), a group of pages
/// per salesperson.
pub fn today_list_pages(
    store: &Store,
    as_of: chrono::NaiveDate,
    lines: &[crate::domain::workbench::WorkLine],
    title: &str,
    setup: &PageSetup,
) -> Result<Vec<Page>, crate::store::StoreError> {
    let firm = store.settings()?.firm_name;
    let as_of = strings::show_date(&as_of.format("%Y-%m-%d").to_string());
    let metrics = font::FontMetrics::bundled();
    Ok(workbench::today_pages(
        &firm, title, &as_of, lines, setup, &metrics,
    ))
}

/// Prints the customer list to a PDF file; returns the number of pages.
pub fn print_customer_list(
    store: &Store,
    q: &CustomerQuery,
    opts: &ListOptions,
    setup: &PageSetup,
    path: &Path,
) -> Result<Printed, String> {
    let pages = customer_list_pages(store, q, opts, setup).map_err(|e| e.message())?;
    pdf::write_pdf(&pages, setup, &opts.title, path).map_err(|e| strings::cannot_write(&e))?;
    Ok(Printed::of(&pages))
}

/// What a printout came to: its pages, and the characters the font lacks (printed as
/// empty boxes), for a warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    pub pages: usize,
    pub missing: Vec<char>,
}

impl Printed {
    fn of(pages: &[Page]) -> Printed {
        Printed {
            pages: pages.len(),
            missing: missing_characters(pages),
        }
    }
}

/// The characters on these pages that the bundled font does not have: they would print
/// as empty boxes, so the preview and the command line name them.
pub fn missing_characters(pages: &[Page]) -> Vec<char> {
    let metrics = font::FontMetrics::bundled();
    let mut seen = std::collections::BTreeSet::new();
    for p in pages {
        for t in p.texts() {
            for c in t.chars() {
                if !c.is_control() && !c.is_whitespace() && !metrics.has(c) {
                    seen.insert(c);
                }
            }
        }
    }
    seen.into_iter().collect()
}

/// A customer's card laid out on pages: every field, its contacts, its latest feedback
/// and its contracts with status and balance.
pub fn customer_card_pages(
    store: &Store,
    id: i64,
    setup: &PageSetup,
) -> Result<Vec<Page>, crate::store::StoreError> {
    use card::{CardDoc, Section};
    let (c, _) = store.customer(id)?;
    let fields = Target::all()
        .iter()
        .copied()
        .filter(|t| t.customer_column().is_some())
        .map(|t| (crate::io::text::import_target(t).to_string(), cell(&c, t)))
        .collect();
    let contacts = Section {
        heading: S::Contacts.t().into(),
        headers: [
            ContactField::Name,
            ContactField::Title,
            ContactField::Phone,
            ContactField::Mobile,
            ContactField::Email,
        ]
        .iter()
        .map(|f| strings::contact_field(*f).to_string())
        .collect(),
        weights: vec![1.0, 1.2, 1.4, 1.4, 2.0],
        rows: c
            .contacts
            .iter()
            .map(|k| {
                vec![
                    if k.is_primary {
                        strings::with_note(&k.name, strings::contact_field(ContactField::Primary))
                    } else {
                        k.name.clone()
                    },
                    k.title.clone(),
                    k.phone.clone(),
                    k.mobile.clone(),
                    k.email.clone(),
                ]
            })
            .collect(),
        empty: S::NoneYet.t().into(),
    };
    let q = crate::store::feedback::FeedbackQuery {
        customer_id: Some(id),
        ..Default::default()
    };
    let feedback = Section {
        heading: S::TabFeedback.t().into(),
        headers: [
            S::FeedbackAt,
            S::FeedbackKind,
            S::FeedbackSubject,
            S::FeedbackStatus,
        ]
        .iter()
        .map(|s| s.t().to_string())
        .collect(),
        weights: vec![1.3, 0.8, 3.0, 0.9],
        rows: store
            .feedback_page(&q, 0, 10)?
            .into_iter()
            .map(|f| {
                vec![
                    strings::show_date(&f.at),
                    strings::feedback_kind(f.kind).t().into(),
                    f.subject,
                    strings::follow_status(f.status).t().into(),
                ]
            })
            .collect(),
        empty: S::NoneYet.t().into(),
    };
    let contracts = Section {
        heading: S::TabContracts.t().into(),
        headers: [
            S::ContractNumber,
            S::ContractTitle,
            S::ContractStatus,
            S::ContractAmount,
            S::ContractBalance,
        ]
        .iter()
        .map(|s| s.t().to_string())
        .collect(),
        weights: vec![1.2, 2.4, 0.8, 1.2, 1.2],
        rows: store
            .contracts_of_customer(id)?
            .into_iter()
            .map(|r| {
                vec![
                    r.contract.number.clone(),
                    r.contract.title.clone(),
                    strings::contract_status(r.contract.status).t().into(),
                    crate::domain::money::format_fen(r.contract.amount_fen),
                    crate::domain::money::format_fen(r.balance_fen()),
                ]
            })
            .collect(),
        empty: S::NoneYet.t().into(),
    };
    let doc = CardDoc {
        firm: store.settings().map(|s| s.firm_name).unwrap_or_default(),
        title: strings::customer_card_title(&c.name),
        printed_on: strings::labelled(
            S::PrintDate.t(),
            &strings::show_date(&crate::store::today().to_string()),
        ),
        fields,
        body: Vec::new(),
        sections: vec![contacts, feedback, contracts],
        closing: Vec::new(),
        page_of: S::PrintPageOf.t().into(),
    };
    Ok(card::layout_card(
        &doc,
        setup,
        &font::FontMetrics::bundled(),
    ))
}

/// Prints a customer's card to a PDF file; returns the number of pages.
pub fn print_customer_card(
    store: &Store,
    id: i64,
    setup: &PageSetup,
    path: &Path,
) -> Result<Printed, String> {
    let pages = customer_card_pages(store, id, setup).map_err(|e| e.message())?;
    let title = store.customer(id).map(|(c, _)| c.name).unwrap_or_default();
    pdf::write_pdf(&pages, setup, &strings::customer_card_title(&title), path)
        .map_err(|e| strings::cannot_write(&e))?;
    Ok(Printed::of(&pages))
}

/// A contract laid out for signing: its parties, the amount in figures and in Chinese
/// capitals (人民币大写), dates and terms, the payments received, the approval record and
/// signature lines.
pub fn contract_sheet_pages(
    store: &Store,
    id: i64,
    setup: &PageSetup,
) -> Result<Vec<Page>, crate::store::StoreError> {
    use card::{CardDoc, Section};
    let r = store.contract(id)?;
    let c = &r.contract;
    let firm = store.settings().map(|s| s.firm_name).unwrap_or_default();
    let money = crate::domain::money::format_fen;
    let fields = vec![
        (S::ContractNumber.t().to_string(), c.number.clone()),
        (S::ContractRevision.t().to_string(), c.revision.to_string()),
        // No firm name set yet: a line to write it in by hand.
        (
            S::ContractPartyA.t().to_string(),
            if firm.trim().is_empty() {
                "________________________".to_string()
            } else {
                firm.clone()
            },
        ),
        (S::ContractPartyB.t().to_string(), r.customer_name.clone()),
        (S::ContractTitle.t().to_string(), c.title.clone()),
        (
            S::ContractStatus.t().to_string(),
            strings::contract_status(c.status).t().into(),
        ),
        (
            S::ContractSignedOn.t().to_string(),
            strings::show_date(&c.signed_on),
        ),
        (
            S::ContractSalesperson.t().to_string(),
            c.salesperson.clone(),
        ),
        (
            S::ContractStartsOn.t().to_string(),
            strings::show_date(&c.starts_on),
        ),
        (
            S::ContractEndsOn.t().to_string(),
            strings::show_date(&c.ends_on),
        ),
        (
            S::ContractAmountFigures.t().to_string(),
            money(c.amount_fen),
        ),
        (
            S::ContractAmountWords.t().to_string(),
            crate::domain::rmb::rmb_upper(c.amount_fen),
        ),
        (S::ContractReceived.t().to_string(), money(r.received_fen)),
        (S::ContractBalance.t().to_string(), money(r.balance_fen())),
        (
            S::ContractPaymentTerms.t().to_string(),
            c.payment_terms.clone(),
        ),
        (S::Notes.t().to_string(), c.notes.clone()),
    ];
    let payments = Section {
        heading: S::Payments.t().into(),
        headers: [S::PayDate, S::PayAmount, S::PayMethod, S::PayNote]
            .iter()
            .map(|s| s.t().to_string())
            .collect(),
        weights: vec![1.0, 1.2, 1.0, 2.5],
        rows: r
            .payments
            .iter()
            .map(|p| {
                vec![
                    strings::show_date(&p.paid_on),
                    money(p.amount_fen),
                    p.method.clone(),
                    p.note.clone(),
                ]
            })
            .collect(),
        empty: S::NoneYet.t().into(),
    };
    let decision = Section {
        heading: S::Decision.t().into(),
        headers: [
            S::ContractDecidedBy,
            S::ContractDecidedAt,
            S::DecisionComment,
        ]
        .iter()
        .map(|s| s.t().to_string())
        .collect(),
        weights: vec![1.0, 1.4, 3.0],
        rows: r
            .decision
            .iter()
            .map(|(by, at, comment)| vec![by.clone(), strings::show_date(at), comment.clone()])
            .collect(),
        empty: S::ContractNoDecision.t().into(),
    };
    let doc = CardDoc {
        firm,
        title: strings::contract_sheet_title(&c.title),
        printed_on: strings::labelled(
            S::PrintDate.t(),
            &strings::show_date(&crate::store::today().to_string()),
        ),
        fields,
        body: Vec::new(),
        sections: vec![payments, decision],
        closing: vec![S::ContractSignA.t().into(), S::ContractSignB.t().into()],
        page_of: S::PrintPageOf.t().into(),
    };
    Ok(card::layout_card(
        &doc,
        setup,
        &font::FontMetrics::bundled(),
    ))
}

/// Prints a contract sheet to a PDF file; returns the number of pages.
pub fn print_contract(
    store: &Store,
    id: i64,
    setup: &PageSetup,
    path: &Path,
) -> Result<Printed, String> {
    let pages = contract_sheet_pages(store, id, setup).map_err(|e| e.message())?;
    pdf::write_pdf(&pages, setup, S::ContractSheet.t(), path)
        .map_err(|e| strings::cannot_write(&e))?;
    Ok(Printed::of(&pages))
}
