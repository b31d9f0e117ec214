//! The egui user interface: the app shell (sign-in, tab bar, status bar) in [`app`],
//! one module per tab, and the widgets they share. The UI asks the store and draws; it
//! holds no SQL and no business rules of its own.

pub mod analysis;
pub mod app;
pub mod bulk;
pub mod chart;
pub mod competitors;
pub mod contracts;
pub mod customers;
pub mod feedback;
pub mod fonts;
pub mod history;
pub mod import;
pub mod list;
pub mod merge;
pub mod news;
pub mod notify;
pub mod paging;
pub mod pickers;
pub mod plan;
pub mod print;
pub mod receivables;
pub mod record_panel;
pub mod recovery;
pub mod reports;
pub mod setup;
pub mod signin;
pub mod tools;
pub mod transfer;
pub mod widgets;
pub mod workbench;
pub mod worked;

pub use app::KehuApp;

/// "Open this record" from one tab to another: a panel sets its `goto` when a link in
/// it is clicked, and the app shell switches to the record's tab and opens it there.
#[derive(Debug, Clone, PartialEq)]
pub enum Goto {
    Customer(i64),
    Feedback(i64),
    /// A new feedback item for this customer (id, name).
    NewFeedback(i64, String),
    /// A new 催款 (collection) for this customer (id, name).
    NewCollection(i64, String),
    /// A new win-back visit for this customer (id, name), from 客户分析.
    NewWinBack(i64, String),
    Contract(i64),
    Competitor(i64),
    News(i64),
    /// 客户信息 with its list searched and filtered so (统计报表's bar clicked).
    Customers(crate::store::CustomerQuery),
    /// 合同信息 with its list filtered so.
    Contracts(crate::store::contract_list::ContractQuery),
    /// 应收账款 as of this day (统计报表's 期末应收账龄 clicked).
    Ageing(chrono::NaiveDate),
}

#[cfg(test)]
mod tests {
    /// The feedback and contract forms name their fields' labels by key: every key is
    /// declared for its kind (a mistyped one would show "?").
    #[test]
    fn form_labels_name_declared_fields() {
        use crate::domain::records::RecordKind;
        for (kind, src) in [
            (RecordKind::Feedback, include_str!("feedback.rs")),
            (RecordKind::Contracts, include_str!("contracts.rs")),
        ] {
            let keys: Vec<&str> = src
                .split("label(\"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
                .collect();
            assert!(keys.len() >= 8, "{kind:?}: {keys:?}");
            for k in keys {
                assert!(kind.field(k).is_some(), "{kind:?} has no field {k}");
            }
        }
    }
}
