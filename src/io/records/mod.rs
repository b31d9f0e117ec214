//! Importing and exporting the other four kinds of record — 交往反馈 feedback, 合同信息
//! contracts, 竞争对手 competitors and 业界动态 news — with the same reader, the same
//! dry-run report and the same one-transaction commit and undo as customers.
//!
//! Each kind is a list of [`Field`]s: the Chinese header an export writes, the header
//! names a file may use for it (so an export imports back, and so do the firm's own
//! sheets), and how its cells are read. Rows refer to customers and competitors by name;
//! a name that is not in the database is an error on that row, never a guess.
//!
//! Files: `fields` (each kind's columns), `columns` (matching a file's headers to them),
//! `values` (cells into records, and what is wrong with a row), `plan` (the dry run and
//! the commit), `export` (lists out, and a record's cells as shown).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::competitor::{Threat, validate_competitor};
use crate::domain::contract::{ContractStatus, validate_contract};
use crate::domain::feedback::{FeedbackKind, FollowStatus, validate_feedback};
use crate::domain::news::validate_news;
use crate::domain::validate::Problem;
use crate::store::imports::{ImportRecord, MatchReason};
use crate::store::record_imports::{Overlay, Record, RecordIndex, RecordStep};
use crate::store::{Store, StoreError};
use crate::strings::{self, Lang, S};

use super::cells::{self, DateOrder};
use super::export::{ExportError, ExportFormat, write_csv_rows_unless, write_xlsx_rows};
use super::import::{
    DupChoice, DupRow, ImportError, Report, RowError, UpdateRow, lock, plan_ahead, plan_rows,
    settle_date_order,
};
use super::mapping::normalise_header;
use super::read::{self, ReadError, ReadOptions, Record as Line};

mod columns;
mod export;
mod plan;
mod values;
pub use crate::domain::records::{Cell, Field, Form, RecordKind};
pub use columns::*;
pub use export::*;
pub use plan::*;
use values::*;

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
