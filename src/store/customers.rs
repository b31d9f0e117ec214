//! Customers and their contacts: save (insert or update, contacts included), read,
//! list a page at a time with search, filters and sort, and the trash.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params, params_from_iter};

use super::changelog::{Parent, Writer};
use super::{Result, Store, StoreError, now_text, search, today};
use crate::domain::customer::CONTACT_FIELDS;
use crate::domain::validate::{Field, FieldError, Problem, validate_customer};
use crate::domain::{
    CUSTOMER_FIELDS, Contact, Customer, CustomerCategory, CustomerKind, CustomerStatus, Grade,
};

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
    }

    fn has_filters(&self) -> bool {
        self.grade.is_some()
            || self.category.is_some()
            || self.industry.is_some()
            || self.owner.is_some()
            || self.status.is_some()
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

/// One customer in the trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub deleted_at: String,
    pub deleted_by: String,
}

/// Next code after the highest KH-number in use.
const CODE_PREFIX: &str = "KH";

fn format_code(n: i64) -> String {
    format!("{CODE_PREFIX}{n:06}")
}

fn max_code_number(tx: &rusqlite::Connection) -> rusqlite::Result<i64> {
    tx.query_row(
        "SELECT coalesce(max(CAST(substr(code, 3) AS INTEGER)), 0) FROM customers
         WHERE code GLOB 'KH[0-9]*'",
        [],
        |r| r.get(0),
    )
}

pub(super) fn customer_from_row(r: &rusqlite::Row) -> rusqlite::Result<(Customer, RecordMeta)> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let c = Customer {
        id: Some(r.get(0)?),
        code: text(1)?,
        name: text(2)?,
        kind: CustomerKind::from_code(&text(3)?).unwrap_or_default(),
        category: CustomerCategory::from_code(&text(4)?).unwrap_or_default(),
        industry: text(5)?,
        grade: Grade::from_code(&text(6)?).unwrap_or_default(),
        source: text(7)?,
        province: text(8)?,
        city: text(9)?,
        address: text(10)?,
        postal_code: text(11)?,
        phone: text(12)?,
        mobile: text(13)?,
        fax: text(14)?,
        email: text(15)?,
        website: text(16)?,
        credit_code: text(17)?,
        owner: text(18)?,
        status: CustomerStatus::from_code(&text(19)?).unwrap_or_default(),
        credit_limit_fen: r.get(20)?,
        notes: text(21)?,
        contacts: Vec::new(),
    };
    let meta = RecordMeta {
        created_at: text(22)?,
        updated_at: text(23)?,
        created_by: text(24)?,
        updated_by: text(25)?,
        deleted_at: r.get(26)?,
    };
    Ok((c, meta))
}

pub(super) const CUSTOMER_SELECT: &str =
    "SELECT id, code, name, kind, category, industry, grade, source,
    province, city, address, postal_code, phone, mobile, fax, email, website, credit_code,
    owner, status, credit_limit_fen, notes, created_at, updated_at, created_by, updated_by,
    deleted_at FROM customers";

pub(super) fn load_contacts(
    conn: &rusqlite::Connection,
    customer_id: i64,
) -> rusqlite::Result<Vec<Contact>> {
    conn.prepare_cached(
        "SELECT id, name, title, phone, mobile, email, birthday, is_primary, notes
         FROM contacts WHERE customer_id = ?1 ORDER BY position, id",
    )?
    .query_map([customer_id], |r| {
        Ok(Contact {
            id: Some(r.get(0)?),
            name: r.get(1)?,
            title: r.get(2)?,
            phone: r.get(3)?,
            mobile: r.get(4)?,
            email: r.get(5)?,
            birthday: r.get(6)?,
            is_primary: r.get(7)?,
            notes: r.get(8)?,
        })
    })?
    .collect()
}

/// Checks what only the database can know: the name and code are not taken.
fn check_unique(tx: &Transaction, c: &Customer, code: &str) -> Result<Vec<FieldError>> {
    let mut errs = Vec::new();
    let me = c.id.unwrap_or(-1);
    let key = crate::domain::text::name_key(&c.name);
    let name_taken: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM customers WHERE name_key = ?1 AND deleted_at IS NULL AND id != ?2",
        )?
        .query_row(params![key, me], |r| r.get(0))
        .optional()?;
    if name_taken.is_some() {
        errs.push(FieldError::new(Field::Name, Problem::DuplicateName));
    }
    let code_taken: Option<i64> = tx
        .prepare_cached("SELECT id FROM customers WHERE code = ?1 AND id != ?2")?
        .query_row(params![code, me], |r| r.get(0))
        .optional()?;
    if code_taken.is_some() {
        errs.push(FieldError::new(Field::Code, Problem::DuplicateCode));
    }
    Ok(errs)
}

/// What the saves of one transaction share: the number of the next automatic code,
/// and (for imports and bulk inserts) the search entries of new customers gathered to
/// be written together.
#[derive(Default)]
pub(super) struct Saves {
    next_code: Option<i64>,
    search: Option<search::Pending>,
}

impl Saves {
    /// Saves whose new customers' search entries are written in batches: call
    /// [`Saves::finish`] before the transaction commits.
    pub(super) fn batched() -> Saves {
        Saves {
            next_code: None,
            search: Some(search::Pending::default()),
        }
    }

    /// Writes the search entries still gathered.
    pub(super) fn finish(&mut self, tx: &Transaction) -> Result<()> {
        if let Some(pending) = &mut self.search {
            pending.flush(tx)?;
        }
        Ok(())
    }
}

/// Inserts or updates one customer with its contacts inside `tx`; returns its id.
/// `saves` holds the number the next automatic code gets (advanced when used).
pub(super) fn save_in_tx(
    tx: &Transaction,
    w: &Writer,
    c: &Customer,
    saves: &mut Saves,
) -> Result<i64> {
    let mut c = c.clone();
    let mut errs = validate_customer(&c, today());
    if c.code.is_empty() {
        let n = match saves.next_code {
            Some(n) => n,
            None => max_code_number(tx)? + 1,
        };
        c.code = format_code(n);
        saves.next_code = Some(n + 1);
    }
    let is_new = c.id.is_none();
    // Whether a column search reads changed (an update of the salesperson or grade
    // alone leaves the search entries as they are).
    let mut searched_changed = false;
    // A new customer's name and code are checked by the table's unique indexes as it
    // goes in (the words for the clerk are found only when one refuses it): two
    // lookups fewer per row on an import.
    if !is_new || !errs.is_empty() {
        errs.extend(check_unique(tx, &c, &c.code)?);
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let values = c.column_values();
    let id = match c.id {
        None => {
            static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
                format!(
                    "INSERT INTO customers ({}, name_key, name_sort, created_at, updated_at, created_by, updated_by)
                     VALUES ({}, ?22, ?23, ?24, ?24, ?25, ?25)",
                    CUSTOMER_FIELDS.join(", "),
                    (1..=CUSTOMER_FIELDS.len())
                        .map(|i| format!("?{i}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            });
            let mut p: Vec<Value> = values.iter().cloned().map(Value::Text).collect();
            p[19] = Value::Integer(c.credit_limit_fen);
            p.extend(c.derived_values().map(Value::Text));
            p.push(Value::Text(w.at.into()));
            p.push(Value::Text(w.user.into()));
            match tx.prepare_cached(&SQL)?.execute(params_from_iter(p)) {
                Err(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
                {
                    let errs = check_unique(tx, &c, &c.code)?;
                    if errs.is_empty() {
                        return Err(e.into());
                    }
                    return Err(StoreError::Invalid(errs));
                }
                r => r?,
            };
            let id = tx.last_insert_rowid();
            w.inserted("customers", id, &CUSTOMER_FIELDS, &values, None)?;
            id
        }
        Some(id) => {
            let old = tx
                .prepare_cached(&format!("{CUSTOMER_SELECT} WHERE id = ?1"))?
                .query_row([id], customer_from_row)
                .optional()?
                .ok_or(StoreError::NotFound)?;
            if old.1.deleted_at.is_some() {
                return Err(StoreError::NotFound);
            }
            let old_values = old.0.column_values();
            searched_changed = CUSTOMER_FIELDS
                .iter()
                .zip(old_values.iter().zip(&values))
                .any(|(f, (o, n))| o != n && search::SEARCHED_COLUMNS.contains(f));
            if old_values != values {
                let sets = CUSTOMER_FIELDS
                    .iter()
                    .enumerate()
                    .map(|(i, f)| format!("{f} = ?{}", i + 1))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!(
                    "UPDATE customers SET {sets}, name_key = ?22, name_sort = ?23,
                     updated_at = ?24, updated_by = ?25 WHERE id = ?26"
                );
                let mut p: Vec<Value> = values.iter().cloned().map(Value::Text).collect();
                p[19] = Value::Integer(c.credit_limit_fen);
                p.extend(c.derived_values().map(Value::Text));
                p.push(Value::Text(w.at.into()));
                p.push(Value::Text(w.user.into()));
                p.push(Value::Integer(id));
                tx.prepare_cached(&sql)?.execute(params_from_iter(p))?;
                w.updated(
                    "customers",
                    id,
                    &CUSTOMER_FIELDS,
                    &old_values,
                    &values,
                    None,
                )?;
            }
            id
        }
    };
    if is_new {
        // Nothing stored yet to compare with or to take out of the search index: the
        // contacts go straight in, and the search entries come from what was saved.
        insert_contacts(tx, w, id, &c.contacts)?;
        match &mut saves.search {
            Some(pending) => pending.add(tx, id, &c)?,
            None => search::index_new_customer(tx, id, &c)?,
        }
    } else {
        // Entries still gathered would be written after these and replace them.
        saves.finish(tx)?;
        let contacts_changed = save_contacts(tx, w, id, &c.contacts)?;
        // Rebuilding one customer's search entries is cheap, but not free: 批量修改 of
        // thousands of salespeople spent a third of its time there for nothing.
        if searched_changed || contacts_changed {
            search::reindex_customer(tx, id)?;
        }
    }
    Ok(id)
}

/// The contacts of a customer just inserted.
fn insert_contacts(
    tx: &Transaction,
    w: &Writer,
    customer_id: i64,
    contacts: &[Contact],
) -> Result<()> {
    let parent = Parent("customers", customer_id);
    let mut ins = tx.prepare_cached(
        "INSERT INTO contacts (customer_id, position, name, title, phone, mobile,
         email, birthday, is_primary, notes, created_at, updated_at, created_by, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?12)",
    )?;
    for (pos, c) in contacts.iter().enumerate() {
        ins.execute(params![
            customer_id,
            pos as i64,
            c.name,
            c.title,
            c.phone,
            c.mobile,
            c.email,
            c.birthday,
            c.is_primary,
            c.notes,
            w.at,
            w.user
        ])?;
        let id = tx.last_insert_rowid();
        w.inserted(
            "contacts",
            id,
            &CONTACT_FIELDS,
            &c.column_values(),
            Some(&parent),
        )?;
    }
    Ok(())
}

/// Brings the stored contacts of a customer in line with `contacts`: updates those with
/// an id, inserts those without, deletes stored ones no longer listed. Returns whether
/// anything changed.
fn save_contacts(
    tx: &Transaction,
    w: &Writer,
    customer_id: i64,
    contacts: &[Contact],
) -> Result<bool> {
    let stored = load_contacts(tx, customer_id)?;
    let parent = Parent("customers", customer_id);
    let mut changed = false;
    for old in &stored {
        if !contacts.iter().any(|c| c.id == old.id) {
            let id = old.id.expect("stored contacts have ids");
            tx.execute("DELETE FROM contacts WHERE id = ?1", [id])?;
            w.deleted(
                "contacts",
                id,
                &CONTACT_FIELDS,
                &old.column_values(),
                Some(&parent),
            )?;
            changed = true;
        }
    }
    for (pos, c) in contacts.iter().enumerate() {
        let values = c.column_values();
        let old = c.id.and_then(|id| stored.iter().find(|s| s.id == Some(id)));
        match (c.id, old) {
            (Some(id), Some(old)) => {
                let old_values = old.column_values();
                let old_pos = stored.iter().position(|s| s.id == Some(id));
                if old_values != values || old_pos != Some(pos) {
                    tx.prepare_cached(
                        "UPDATE contacts SET name = ?1, title = ?2, phone = ?3, mobile = ?4,
                         email = ?5, birthday = ?6, is_primary = ?7, notes = ?8, position = ?9,
                         updated_at = ?10, updated_by = ?11 WHERE id = ?12",
                    )?
                    .execute(params![
                        c.name,
                        c.title,
                        c.phone,
                        c.mobile,
                        c.email,
                        c.birthday,
                        c.is_primary,
                        c.notes,
                        pos as i64,
                        w.at,
                        w.user,
                        id
                    ])?;
                    w.updated(
                        "contacts",
                        id,
                        &CONTACT_FIELDS,
                        &old_values,
                        &values,
                        Some(&parent),
                    )?;
                    changed = true;
                }
            }
            (Some(_), None) => return Err(StoreError::NotFound),
            (None, _) => {
                tx.prepare_cached(
                    "INSERT INTO contacts (customer_id, position, name, title, phone, mobile,
                     email, birthday, is_primary, notes, created_at, updated_at, created_by, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?12)",
                )?
                .execute(params![
                    customer_id, pos as i64, c.name, c.title, c.phone, c.mobile, c.email,
                    c.birthday, c.is_primary, c.notes, w.at, w.user
                ])?;
                let id = tx.last_insert_rowid();
                w.inserted("contacts", id, &CONTACT_FIELDS, &values, Some(&parent))?;
                changed = true;
            }
        }
    }
    Ok(changed)
}

impl Store {
    /// Saves a customer with its contacts: a new one when `id` is None, else an update.
    /// Everything is checked first; on any problem nothing at all is written and the
    /// problems come back field by field.
    pub fn save_customer(&mut self, customer: &Customer) -> Result<i64> {
        let actor = self.require_actor()?;
        if !actor.role.can_edit_records() {
            return Err(StoreError::NotAllowed);
        }
        let mut c = customer.clone();
        c.tidy();
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let id = save_in_tx(&tx, &w, &c, &mut Saves::default())?;
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        Ok(id)
    }

    /// Adds many new customers in one transaction (demo data, benchmarks): all of them
    /// or, on the first invalid one, none. `progress` is told how many are done.
    pub fn insert_customers(
        &mut self,
        customers: impl IntoIterator<Item = Customer>,
        mut progress: impl FnMut(usize),
    ) -> Result<usize> {
        let actor = self.require_actor()?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let mut saves = Saves::batched();
        let mut n = 0;
        for mut c in customers {
            c.id = None;
            c.tidy();
            save_in_tx(&tx, &w, &c, &mut saves)?;
            n += 1;
            if n % 1000 == 0 {
                progress(n);
            }
        }
        saves.finish(&tx)?;
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        progress(n);
        Ok(n)
    }

    /// One customer with its contacts (also from the trash).
    pub fn customer(&self, id: i64) -> Result<(Customer, RecordMeta)> {
        let (mut c, meta) = self
            .conn
            .prepare_cached(&format!("{CUSTOMER_SELECT} WHERE id = ?1"))?
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
        let cols = CUSTOMER_SELECT
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

    /// The distinct non-empty values of a filterable text column (industry, owner).
    pub fn customer_values(&self, column: FilterColumn) -> Result<Vec<String>> {
        let col = match column {
            FilterColumn::Industry => "industry",
            FilterColumn::Owner => "owner",
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

    /// Moves a customer into the trash. It disappears from lists and search and can be
    /// restored with [`Store::restore_customer`].
    pub fn trash_customer(&mut self, id: i64) -> Result<()> {
        let n = self.live_contract_count(id)?;
        if n > 0 {
            return Err(StoreError::HasContracts(n));
        }
        self.trash_customer_inner(id, false)
    }

    /// Moves a customer and all its contracts into the trash together (what the clerk
    /// chooses when asked about a customer with contracts); restoring the customer
    /// brings them back.
    pub fn trash_customer_and_contracts(&mut self, id: i64) -> Result<()> {
        self.trash_customer_inner(id, true)
    }

    fn trash_customer_inner(&mut self, id: i64, with_contracts: bool) -> Result<()> {
        let actor = self.require_actor()?;
        if !actor.role.can_edit_records() {
            return Err(StoreError::NotAllowed);
        }
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        if !mark_trashed(&w, id)? {
            return Err(StoreError::NotFound);
        }
        w.trashed("customers", id, false)?;
        if with_contracts {
            let ids: Vec<i64> = tx
                .prepare("SELECT id FROM contracts WHERE customer_id = ?1 AND deleted_at IS NULL")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for cid in ids {
                // Marked with the customer's deletion time, so a restore finds them.
                tx.execute(
                    "UPDATE contracts SET deleted_at = ?1, deleted_by = ?2 WHERE id = ?3",
                    params![at, actor.name, cid],
                )?;
                w.trashed("contracts", cid, false)?;
            }
        }
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        Ok(())
    }

    /// Brings a customer back from the trash, unless another live customer has taken its
    /// name in the meantime.
    pub fn restore_customer(&mut self, id: i64) -> Result<()> {
        let actor = self.require_actor()?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        let found: Option<(String, String)> = tx
            .query_row(
                "SELECT name_key, deleted_at FROM customers WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((key, deleted_at)) = found else {
            return Err(StoreError::NotFound);
        };
        let taken: i64 = tx.query_row(
            "SELECT count(*) FROM customers WHERE name_key = ?1 AND deleted_at IS NULL",
            [key],
            |r| r.get(0),
        )?;
        if taken > 0 {
            return Err(StoreError::NameTakenOnRestore);
        }
        tx.execute(
            "UPDATE customers SET deleted_at = NULL, deleted_by = NULL, updated_at = ?1, updated_by = ?2 WHERE id = ?3",
            params![at, actor.name, id],
        )?;
        search::reindex_customer(&tx, id)?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        w.trashed("customers", id, true)?;
        let ids: Vec<i64> = tx
            .prepare("SELECT id FROM contracts WHERE customer_id = ?1 AND deleted_at = ?2")?
            .query_map(params![id, deleted_at], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for cid in ids {
            tx.execute(
                "UPDATE contracts SET deleted_at = NULL, deleted_by = NULL WHERE id = ?1",
                [cid],
            )?;
            w.trashed("contracts", cid, true)?;
        }
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        Ok(())
    }

    /// Deletes every customer in the trash for good, with their contacts (administrators
    /// only). A snapshot of the database is taken first, and each deleted row's last
    /// values stay in the change log. Returns how many customers were deleted and the
    /// snapshot.
    pub fn empty_trash(&mut self) -> Result<(usize, std::path::PathBuf)> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(StoreError::NotAllowed);
        }
        let snapshot = self.snapshot("empty-trash")?;
        let ids: Vec<i64> = self.trashed_customers()?.iter().map(|r| r.id).collect();
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        for &id in &ids {
            let (c, _) = tx
                .prepare_cached(&format!("{CUSTOMER_SELECT} WHERE id = ?1"))?
                .query_row([id], customer_from_row)?;
            let parent = Parent("customers", id);
            for k in load_contacts(&tx, id)? {
                let kid = k.id.unwrap_or_default();
                w.deleted(
                    "contacts",
                    kid,
                    &CONTACT_FIELDS,
                    &k.column_values(),
                    Some(&parent),
                )?;
            }
            // Its contracts went to the trash with it; they go with it now.
            let contracts: Vec<i64> = tx
                .prepare("SELECT id FROM contracts WHERE customer_id = ?1")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for cid in contracts {
                tx.execute("DELETE FROM payments WHERE contract_id = ?1", [cid])?;
                tx.execute(
                    "UPDATE contracts SET superseded_by = NULL WHERE superseded_by = ?1",
                    [cid],
                )?;
            }
            tx.execute(
                "UPDATE contracts SET revises_id = NULL WHERE customer_id = ?1",
                [id],
            )?;
            let gone = tx.execute("DELETE FROM contracts WHERE customer_id = ?1", [id])?;
            if gone > 0 {
                w.deleted(
                    "contracts",
                    id,
                    &["customer_id", "count"],
                    &[id.to_string(), gone.to_string()],
                    Some(&parent),
                )?;
            }
            let gone = tx.execute("DELETE FROM feedback WHERE customer_id = ?1", [id])?;
            if gone > 0 {
                w.deleted(
                    "feedback",
                    id,
                    &["customer_id", "count"],
                    &[id.to_string(), gone.to_string()],
                    Some(&parent),
                )?;
            }
            // Links from competitors and news go with it (the change log keeps the rest).
            tx.execute(
                "DELETE FROM competitor_customers WHERE customer_id = ?1",
                [id],
            )?;
            tx.execute("DELETE FROM news_customers WHERE customer_id = ?1", [id])?;
            tx.execute("DELETE FROM contacts WHERE customer_id = ?1", [id])?;
            tx.execute("DELETE FROM customers WHERE id = ?1", [id])?;
            search::unindex_customer(&tx, id)?;
            w.deleted("customers", id, &CUSTOMER_FIELDS, &c.column_values(), None)?;
        }
        tx.commit()?;
        self.count_memo.borrow_mut().clear();
        Ok((ids.len(), snapshot))
    }

    /// Customers in the trash, most recently deleted first.
    pub fn trashed_customers(&self) -> Result<Vec<TrashRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, code, name, deleted_at, coalesce(deleted_by, '') FROM customers
             WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(TrashRow {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    deleted_at: r.get(3)?,
                    deleted_by: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
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
}

/// Marks a live customer as in the trash under `w`'s user and time, out of search; the
/// caller logs why (trashed, merged). False when it was not live.
pub(super) fn mark_trashed(w: &Writer, id: i64) -> Result<bool> {
    let n = w
        .conn
        .prepare_cached(
            "UPDATE customers SET deleted_at = ?1, deleted_by = ?2
             WHERE id = ?3 AND deleted_at IS NULL",
        )?
        .execute(params![w.at, w.user, id])?;
    if n > 0 {
        search::unindex_customer(w.conn, id)?;
    }
    Ok(n > 0)
}
