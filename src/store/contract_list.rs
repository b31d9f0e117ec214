//! The contract list: what it is asked for (search, filters, order), its rows, and
//! its pages through the shared [`super::lists::ListQuery`].

use super::{Result, Store};
use crate::domain::contract::ContractStatus;

/// What the contract list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractQuery {
    /// Part of the number, the title or the customer's name.
    pub text: String,
    pub status: Option<ContractStatus>,
    /// Only contracts in force that end within 30 days.
    pub ending_soon: bool,
    /// Only the contracts that count (已批准, 执行中, 已完成) signed within these days
    /// (ISO, both included): the list behind a bar of 统计报表's 签约金额.
    pub signed_within: Option<(String, String)>,
    pub sort: Option<super::Sort>,
}

const RECEIVED: &str =
    "coalesce((SELECT sum(amount_fen) FROM payments WHERE contract_id = c.id), 0)";

/// The list's columns as SQL, in the order the list shows them.
const SORT_COLUMNS: [&str; 8] = [
    "c.number",
    "k.name_sort",
    "c.title",
    "c.amount_fen",
    "(c.amount_fen - coalesce((SELECT sum(amount_fen) FROM payments WHERE contract_id = c.id), 0))",
    "c.status",
    "c.signed_on",
    "c.ends_on",
];

/// One line of the contract list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRow {
    pub id: i64,
    pub number: String,
    pub revision: i64,
    pub customer_name: String,
    pub title: String,
    pub amount_fen: i64,
    pub received_fen: i64,
    pub status: ContractStatus,
    pub signed_on: String,
    pub ends_on: String,
    pub salesperson: String,
    /// Submitted and held for exceeding credit (超信用待审批).
    pub credit_hold: bool,
}

impl ContractRow {
    /// In force or approved, and ending within `days` of `today`.
    pub fn ends_within(&self, today: chrono::NaiveDate, days: i64) -> bool {
        matches!(
            self.status,
            ContractStatus::InForce | ContractStatus::Approved
        ) && crate::domain::validate::parse_date(&self.ends_on)
            .is_some_and(|d| d >= today && (d - today).num_days() <= days)
    }
}

impl super::lists::ListQuery for ContractQuery {
    const KIND: crate::domain::records::RecordKind = crate::domain::records::RecordKind::Contracts;
    const FROM: &'static str = "contracts c";
    const ALIAS: &'static str = "c";
    const PAGE_FROM: &'static str = "contracts c LEFT JOIN customers k ON k.id = c.customer_id";
    const JOIN: &'static str = "JOIN customers k ON k.id = c.customer_id";
    type Row = ContractRow;

    fn columns() -> String {
        format!(
            "c.id, c.number, c.revision, k.name, c.title, c.amount_fen, {RECEIVED},
             c.status, c.signed_on, c.ends_on, c.salesperson, c.credit_hold"
        )
    }

    fn order(&self) -> String {
        super::order_by(
            self.sort,
            &SORT_COLUMNS,
            "c.id",
            "c.signed_on DESC, c.id DESC",
        )
    }

    fn row(r: &rusqlite::Row) -> rusqlite::Result<ContractRow> {
        Ok(ContractRow {
            id: r.get(0)?,
            number: r.get(1)?,
            revision: r.get(2)?,
            customer_name: r.get(3)?,
            title: r.get(4)?,
            amount_fen: r.get(5)?,
            received_fen: r.get(6)?,
            status: ContractStatus::from_code(&r.get::<_, String>(7)?).unwrap_or_default(),
            signed_on: r.get(8)?,
            ends_on: r.get(9)?,
            salesperson: r.get(10)?,
            credit_hold: r.get(11)?,
        })
    }

    fn count_from(&self) -> String {
        // Without a status filter, counted from the list's own index, which holds both
        // of its conditions; SQLite would otherwise pick the customer index and read
        // every contract to check the second.
        if self.status.is_none() && !self.ending_soon && self.signed_within.is_none() {
            "contracts c INDEXED BY contracts_list".into()
        } else {
            Self::FROM.into()
        }
    }

    fn unsorted(&self) -> Self {
        ContractQuery {
            sort: None,
            ..self.clone()
        }
    }

    fn where_clause(&self) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let mut conds = vec!["c.deleted_at IS NULL AND c.superseded_by IS NULL".to_string()];
        let mut p = Vec::new();
        let text = self.text.trim();
        if !text.is_empty() {
            // The customer's name is looked up once, among the customers.
            let (own, v) = super::links::contains_any(&["c.number", "c.title"], "?", text);
            let (name, _) = super::links::contains_any(&["name"], "?", text);
            conds.push(format!(
                "({own} OR c.customer_id IN (SELECT id FROM customers WHERE {name}))"
            ));
            p.extend([v.clone(), v.clone(), v]);
        }
        if let Some(s) = self.status {
            conds.push("c.status = ?".into());
            p.push(Value::Text(s.code().into()));
        }
        if self.ending_soon {
            conds.push(
                "c.status IN ('in_force', 'approved') AND c.ends_on != ''
                 AND c.ends_on >= date('now', 'localtime')
                 AND c.ends_on <= date('now', 'localtime', '+30 days')"
                    .into(),
            );
        }
        if let Some((from, to)) = &self.signed_within {
            conds.push(
                "c.status IN ('approved', 'in_force', 'completed')
                 AND c.signed_on >= ? AND c.signed_on <= ?"
                    .into(),
            );
            p.extend([Value::Text(from.clone()), Value::Text(to.clone())]);
        }
        (conds.join(" AND "), p)
    }
}

impl Store {
    /// One page of current contracts (not superseded, not in the trash), newest first
    /// unless sorted by a column.
    pub fn contract_page(
        &self,
        q: &ContractQuery,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<ContractRow>> {
        self.list_page(q, offset, limit)
    }

    /// How many records the list shows for `q` (remembered until the data changes).
    pub fn count_contracts(&self, q: &ContractQuery) -> Result<u64> {
        self.count_list(q)
    }
}
