//! Customers and their contacts: save (insert or update, contacts included), read,
//! list a page at a time with search, filters and sort, and the trash.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params, params_from_iter};

use super::changelog::{Parent, Writer};
use super::{Result, Store, StoreError, now_text, search, today};
use crate::domain::customer::{CONTACT_FIELDS, CUSTOMER};
use crate::domain::validate::{Field, FieldError, Problem, validate_customer};
use crate::domain::{CUSTOMER_FIELDS, Contact, Customer, CustomerCategory, CustomerStatus, Grade};

mod save;
mod trash;
pub(in crate::store) use save::*;
pub use trash::*;

/// Who made and last changed a record, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordMeta {
    pub created_at: String,
    pub updated_at: String,
    pub created_by: String,
    pub updated_by: String,
    pub deleted_at: Option<String>,
}

/// What the customer list shows, and how it is sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerQuery {
    /// As typed in the search box; white space separates terms that must all match.
    pub text: String,
    pub grade: Option<Grade>,
    pub category: Option<CustomerCategory>,
    pub industry: Option<String>,
    pub owner: Option<String>,
    pub status: Option<CustomerStatus>,
    /// 流失类型 (as stored); only 流失 customers have one.
    pub lost_kind: Option<String>,
    /// 客户来源, 省份 and 城市 as stored (empty: not filled in); set from 统计报表.
    pub source: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    /// 建档日期 from and to (ISO days, both included; an empty end is open).
    pub recorded_within: Option<(String, String)>,
    pub sort: SortKey,
    pub descending: bool,
}

impl CustomerQuery {
    /// True when search or a filter narrows the list.
    pub fn is_filtering(&self) -> bool {
        !self.text.trim().is_empty()
            || self.grade.is_some()
            || self.category.is_some()
            || self.industry.is_some()
            || self.owner.is_some()
            || self.status.is_some()
            || self.lost_kind.is_some()
            || self.source.is_some()
            || self.province.is_some()
            || self.city.is_some()
            || self.recorded_within.is_some()
    }

    fn has_filters(&self) -> bool {
        self.grade.is_some()
            || self.category.is_some()
            || self.industry.is_some()
            || self.owner.is_some()
            || self.status.is_some()
            || self.lost_kind.is_some()
            || self.source.is_some()
            || self.province.is_some()
            || self.city.is_some()
            || self.recorded_within.is_some()
    }

    /// The FROM and WHERE of a list query (customers as `c`) and their parameters.
    /// With [`search::Plan::Fetch`] the ids matching the indexed search terms drive the
    /// query (a CROSS JOIN keeps SQLite from turning it round); with
    /// [`search::Plan::Probe`] the customers are walked in list order and each is tested
    /// against the set of matching ids.
    pub(super) fn sql_from_where(&self, plan: search::Plan) -> (String, Vec<Value>) {
        let mut conds = vec!["c.deleted_at IS NULL".to_string()];
        let mut params = Vec::new();
        let terms = search::terms(&self.text);
        let mut from = "customers c".to_string();
        match plan {
            search::Plan::Fetch | search::Plan::Probe => {
                // The set of ids matching every indexed term, built once: it drives the
                // query (a CROSS JOIN keeps SQLite from turning it round), or each
                // customer met in list order is tested against it (the unary + keeps
                // SQLite from driving the query by it).
                if let Some((hits, hit_params)) = search::hits_sql(&terms) {
                    if plan == search::Plan::Fetch {
                        from = format!("({hits}) AS h CROSS JOIN customers c ON c.id = h.id");
                    } else {
                        conds.push(format!("+c.id IN ({hits})"));
                    }
                    params.extend(hit_params);
                }
                for term in &terms {
                    term.push(&mut conds, &mut params);
                }
            }
            search::Plan::ProbeEach => {
                for term in &terms {
                    term.push_each(&mut conds, &mut params);
                }
            }
            // Every live customer matches the indexed terms: only the rest applies.
            search::Plan::AllMatch => {
                for term in &terms {
                    term.push(&mut conds, &mut params);
                }
            }
        }
        let mut eq = |col: &str, v: Option<String>| {
            if let Some(v) = v {
                conds.push(format!("c.{col} = ?"));
                params.push(Value::Text(v));
            }
        };
        eq("grade", self.grade.map(|g| g.code().into()));
        eq("category", self.category.map(|g| g.code().into()));
        eq("industry", self.industry.clone());
        eq("owner", self.owner.clone());
        eq("status", self.status.map(|g| g.code().into()));
        eq("lost_kind", self.lost_kind.clone());
        eq("source", self.source.clone());
        eq("province", self.province.clone());
        eq("city", self.city.clone());
        if let Some((from, to)) = &self.recorded_within {
            if !from.is_empty() {
                conds.push("c.recorded_on >= ?".into());
                params.push(Value::Text(from.clone()));
            }
            if !to.is_empty() {
                conds.push("c.recorded_on <= ?".into());
                params.push(Value::Text(to.clone()));
            }
        }
        (format!("{from} WHERE {}", conds.join(" AND ")), params)
    }
}

/// Columns the list can be sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    Code,
    #[default]
    Name,
    Grade,
    Category,
    Industry,
    City,
    Owner,
    Status,
    Updated,
}

impl SortKey {
    fn column(self) -> &'static str {
        match self {
            SortKey::Code => "c.code",
            SortKey::Name => "c.name_sort",
            SortKey::Grade => "c.grade",
            SortKey::Category => "c.category",
            SortKey::Industry => "c.industry",
            SortKey::City => "c.city",
            SortKey::Owner => "c.owner",
            SortKey::Status => "c.status",
            SortKey::Updated => "c.updated_at",
        }
    }
}

/// One line of the customer list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub grade: Grade,
    pub category: CustomerCategory,
    pub industry: String,
    pub province: String,
    pub city: String,
    pub phone: String,
    pub contact: String,
    pub owner: String,
    pub status: CustomerStatus,
    pub updated_at: String,
}

impl Store {
    /// One customer with its contacts (also from the trash).
    pub fn customer(&self, id: i64) -> Result<(Customer, RecordMeta)> {
        let (mut c, meta) = self
            .conn
            .prepare_cached(&format!("{} WHERE id = ?1", customer_select()))?
            .query_row([id], customer_from_row)
            .optional()?
            .ok_or(StoreError::NotFound)?;
        c.contacts = load_contacts(&self.conn, id)?;
        Ok((c, meta))
    }

    /// True when a live customer other than `except` has this name (after trimming and
    /// width folding), so the form can say so while the clerk types.
    pub fn customer_name_taken(&self, name: &str, except: Option<i64>) -> Result<bool> {
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM customers WHERE name_key = ?1 AND deleted_at IS NULL AND id != ?2",
            )?
            .query_row(
                params![crate::domain::text::name_key(name), except.unwrap_or(-1)],
                |r| r.get(0),
            )?;
        Ok(n > 0)
    }

    /// The code a new customer would get now.
    pub fn next_customer_code(&self) -> Result<String> {
        Ok(format_code(max_code_number(&self.conn)? + 1))
    }

    /// Where customer `id` stands in the list `q` shows (0: the first row), or None when
    /// that list does not show it (another filter, or in the trash). Counted through the
    /// sort column's index (rows before it), not by numbering the whole list.
    pub fn customer_position(&self, q: &CustomerQuery, id: i64) -> Result<Option<u64>> {
        let (from_where, p) = q.sql_from_where(search::Plan::Fetch);
        let col = q.sort.column();
        let mut with_id = p.clone();
        with_id.push(Value::Integer(id));
        let key: Option<Value> = self
            .conn
            .prepare_cached(&format!("SELECT {col} FROM {from_where} AND c.id = ?"))?
            .query_row(params_from_iter(with_id), |r| r.get(0))
            .optional()?;
        let Some(key) = key else { return Ok(None) };
        let before = if q.descending { ">" } else { "<" };
        let mut p = p;
        p.extend([key.clone(), key, Value::Integer(id)]);
        let n: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM {from_where}
                 AND ({col} {before} ? OR ({col} = ? AND c.id {before} ?))"
            ))?
            .query_row(params_from_iter(p), |r| r.get(0))?;
        Ok(Some(n as u64))
    }

    /// One page of the list: `limit` rows from `offset`, as searched, filtered and sorted.
    pub fn customer_page(
        &self,
        q: &CustomerQuery,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<CustomerRow>> {
        // Many matches: walk the list in order and probe; few: fetch them and sort.
        let plan = if q.text.trim().is_empty() {
            search::Plan::Fetch
        } else {
            let matches = self.count_customers(q)?;
            // The highest id is close enough to the number of customers here, and free.
            let ids: i64 =
                self.conn
                    .query_row("SELECT coalesce(max(id), 0) FROM customers", [], |r| {
                        r.get(0)
                    })?;
            if matches.saturating_mul(20) <= ids as u64 {
                search::Plan::Fetch
            } else if matches >= self.customer_total()? {
                search::Plan::AllMatch
            } else if matches.saturating_mul(4) >= ids as u64 && offset + limit <= 2_000 {
                // A quarter or more match: the first pages fill after a few hundred
                // lookups at most, cheaper than building the set of every match.
                search::Plan::ProbeEach
            } else {
                search::Plan::Probe
            }
        };
        let (from_where, mut p) = q.sql_from_where(plan);
        let dir = if q.descending { "DESC" } else { "ASC" };
        let sql = format!(
            // The main contact is looked up for the page's rows only, not for every
            // match before sorting.
            "SELECT p.id, p.code, p.name, p.grade, p.category, p.industry, p.province, p.city,
                    p.phone,
                    coalesce((SELECT k.name FROM contacts k WHERE k.customer_id = p.id
                              ORDER BY k.is_primary DESC, k.position LIMIT 1), ''),
                    p.owner, p.status, p.updated_at
             FROM (SELECT c.id, c.code, c.name, c.grade, c.category, c.industry, c.province,
                          c.city, CASE WHEN c.phone != '' THEN c.phone ELSE c.mobile END AS phone,
                          c.owner, c.status, c.updated_at, {col} AS sort_key
                   FROM {from_where}
                   ORDER BY {col} {dir}, c.id {dir} LIMIT ? OFFSET ?) AS p
             ORDER BY p.sort_key {dir}, p.id {dir}",
            col = q.sort.column()
        );
        p.push(Value::Integer(limit as i64));
        p.push(Value::Integer(offset as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(p), |r| {
                Ok(CustomerRow {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    grade: Grade::from_code(&r.get::<_, String>(3)?).unwrap_or_default(),
                    category: CustomerCategory::from_code(&r.get::<_, String>(4)?)
                        .unwrap_or_default(),
                    industry: r.get(5)?,
                    province: r.get(6)?,
                    city: r.get(7)?,
                    phone: r.get(8)?,
                    contact: r.get(9)?,
                    owner: r.get(10)?,
                    status: CustomerStatus::from_code(&r.get::<_, String>(11)?).unwrap_or_default(),
                    updated_at: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Every customer the query matches, in list order, with its contacts, handed to
    /// `each` one at a time (export, printing); `each` returns false to stop.
    pub fn for_each_customer(
        &self,
        q: &CustomerQuery,
        mut each: impl FnMut(Customer) -> bool,
    ) -> Result<()> {
        let plan = if q.text.trim().is_empty() {
            search::Plan::Fetch
        } else if self.count_customers(q)? >= self.customer_total()? {
            search::Plan::AllMatch
        } else {
            search::Plan::Fetch
        };
        let (from_where, p) = q.sql_from_where(plan);
        let dir = if q.descending { "DESC" } else { "ASC" };
        let cols = customer_select()
            .trim_start_matches("SELECT ")
            .trim_end_matches(" FROM customers")
            .split(',')
            .map(|c| format!("c.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {cols} FROM {from_where} ORDER BY {col} {dir}, c.id {dir}",
            col = q.sort.column()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(p))?;
        while let Some(r) = rows.next()? {
            let (mut c, _) = customer_from_row(r)?;
            c.contacts = load_contacts(&self.conn, c.id.unwrap_or_default())?;
            if !each(c) {
                break;
            }
        }
        Ok(())
    }

    /// How many customers the query matches.
    pub fn count_customers(&self, q: &CustomerQuery) -> Result<u64> {
        // Other connections' commits change data_version; this one's own writes all go
        // through the few methods here, which clear the memo.
        let key = format!(
            "{:?}",
            CustomerQuery {
                sort: SortKey::default(),
                descending: false,
                ..q.clone()
            }
        );
        self.memo_count(key, || self.count_customers_uncached(q))
    }

    /// Forgets remembered counts (the benchmark uses this so that every search it times
    /// pays for its count, as a new keystroke does).
    pub fn forget_counts(&self) {
        self.count_memo.borrow_mut().clear();
    }

    fn count_customers_uncached(&self, q: &CustomerQuery) -> Result<u64> {
        if !q.has_filters()
            && let Some(n) = search::count_indexed(&self.conn, &search::terms(&q.text))?
        {
            return Ok(n);
        }
        let (from_where, p) = q.sql_from_where(search::Plan::Fetch);
        let sql = format!("SELECT count(*) FROM {from_where}");
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(p), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// The distinct non-empty values of a filterable text column (industry, owner,
    /// 流失类型).
    pub fn customer_values(&self, column: FilterColumn) -> Result<Vec<String>> {
        let col = match column {
            FilterColumn::Industry => "industry",
            FilterColumn::Owner => "owner",
            FilterColumn::LostKind => "lost_kind",
        };
        let sql = format!(
            "SELECT DISTINCT {col} FROM customers WHERE {col} != '' AND deleted_at IS NULL ORDER BY {col}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let v = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(v)
    }

    /// Number of live customers (not in the trash).
    pub fn customer_total(&self) -> Result<u64> {
        self.count_customers(&CustomerQuery::default())
    }
}

/// Text columns the list can be filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterColumn {
    Industry,
    Owner,
    LostKind,
}
