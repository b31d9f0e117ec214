//! Saving customers with their contacts: numbering, uniqueness, the change log, and
//! the batched form imports and bulk changes use.

use super::*;
use crate::domain::CustomerField;

/// Next code after the highest KH-number in use.
pub(super) const CODE_PREFIX: &str = "KH";

pub(super) fn format_code(n: i64) -> String {
    format!("{CODE_PREFIX}{n:06}")
}

pub(super) fn max_code_number(tx: &rusqlite::Connection) -> rusqlite::Result<i64> {
    tx.query_row(
        "SELECT coalesce(max(CAST(substr(code, 3) AS INTEGER)), 0) FROM customers
         WHERE code GLOB 'KH[0-9]*'",
        [],
        |r| r.get(0),
    )
}

/// The columns [`customer_select`] reads after the customer's fields.
const META_COLUMNS: [&str; 5] = [
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "deleted_at",
];

/// A customer and its record times from a row of [`customer_select`]: the id, then
/// each declared field (`CUSTOMER_FIELDS` order), then [`META_COLUMNS`].
pub(in crate::store) fn customer_from_row(
    r: &rusqlite::Row,
) -> rusqlite::Result<(Customer, RecordMeta)> {
    use rusqlite::types::ValueRef;
    let mut c = Customer {
        id: Some(r.get(0)?),
        ..Customer::default()
    };
    for (i, d) in CUSTOMER.iter().enumerate() {
        let v = match r.get_ref(i + 1)? {
            ValueRef::Null => String::new(),
            ValueRef::Integer(n) => n.to_string(),
            ValueRef::Real(x) => x.to_string(),
            ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
        };
        // A value this version cannot read keeps the field's default rather than
        // failing the whole list.
        (d.set)(&mut c, v);
    }
    let k = CUSTOMER.len() + 1;
    let meta = RecordMeta {
        created_at: r.get(k)?,
        updated_at: r.get(k + 1)?,
        created_by: r.get(k + 2)?,
        updated_by: r.get(k + 3)?,
        deleted_at: r.get(k + 4)?,
    };
    Ok((c, meta))
}

/// `SELECT id, <the declared fields>, <META_COLUMNS> FROM customers`, for
/// [`customer_from_row`].
pub(in crate::store) fn customer_select() -> &'static str {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT id, {}, {} FROM customers",
            CUSTOMER_FIELDS.join(", "),
            META_COLUMNS.join(", ")
        )
    });
    &SQL
}

/// The customer's declared fields as SQL parameters: numbers as integers (NULL when
/// empty), everything else as text.
fn field_params(values: &[String]) -> Vec<Value> {
    CUSTOMER
        .iter()
        .zip(values)
        .map(|(d, v)| match (d.value.is_number(), v.parse::<i64>()) {
            (true, Ok(n)) => Value::Integer(n),
            (true, Err(_)) => Value::Null,
            (false, _) => Value::Text(v.clone()),
        })
        .collect()
}

pub(in crate::store) fn load_contacts(
    conn: &rusqlite::Connection,
    customer_id: i64,
) -> rusqlite::Result<Vec<Contact>> {
    conn.prepare_cached(
        "SELECT id, name, title, phone, mobile, email, birthday, is_primary, notes,
         birthday_calendar FROM contacts WHERE customer_id = ?1 ORDER BY position, id",
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
            birthday_calendar: r.get(9)?,
        })
    })?
    .collect()
}

/// Checks what only the database can know: the name and code are not taken.
pub(super) fn check_unique(tx: &Transaction, c: &Customer, code: &str) -> Result<Vec<FieldError>> {
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
        errs.push(FieldError::new(
            Field::Customer(CustomerField::Name),
            Problem::DuplicateName,
        ));
    }
    let code_taken: Option<i64> = tx
        .prepare_cached("SELECT id FROM customers WHERE code = ?1 AND id != ?2")?
        .query_row(params![code, me], |r| r.get(0))
        .optional()?;
    if code_taken.is_some() {
        errs.push(FieldError::new(
            Field::Customer(CustomerField::Code),
            Problem::DuplicateCode,
        ));
    }
    Ok(errs)
}

/// What the saves of one transaction share: the number of the next automatic code,
/// and (for imports and bulk inserts) the search entries of new customers gathered to
/// be written together.
#[derive(Default)]
pub(in crate::store) struct Saves {
    next_code: Option<i64>,
    search: Option<search::Pending>,
    /// The number the last save gave a customer that came without a code.
    last_auto: Option<i64>,
}

impl Saves {
    /// Saves whose new customers' search entries are written in batches: call
    /// [`Saves::finish`] before the transaction commits.
    pub(in crate::store) fn batched() -> Saves {
        Saves {
            next_code: None,
            search: Some(search::Pending::default()),
            last_auto: None,
        }
    }

    /// The next automatic number (advanced).
    pub(in crate::store) fn next_auto(&mut self, tx: &rusqlite::Connection) -> Result<i64> {
        let n = match self.next_code {
            Some(n) => n,
            None => max_code_number(tx)? + 1,
        };
        self.next_code = Some(n + 1);
        Ok(n)
    }

    /// A code KH…`n` is being written: automatic numbers continue above it.
    pub(in crate::store) fn skip_past(&mut self, n: i64) {
        if let Some(next) = self.next_code
            && n >= next
        {
            self.next_code = Some(n + 1);
        }
    }

    /// The number the last save gave automatically, if it did.
    pub(in crate::store) fn take_last_auto(&mut self) -> Option<i64> {
        self.last_auto.take()
    }

    /// Writes the search entries still gathered.
    pub(in crate::store) fn finish(&mut self, tx: &Transaction) -> Result<()> {
        if let Some(pending) = &mut self.search {
            pending.flush(tx)?;
        }
        Ok(())
    }
}

/// Inserts or updates one customer with its contacts inside `tx`; returns its id.
/// `saves` holds the number the next automatic code gets (advanced when used).
pub(in crate::store) fn save_in_tx(
    tx: &Transaction,
    w: &Writer,
    c: &Customer,
    saves: &mut Saves,
) -> Result<i64> {
    let mut c = c.clone();
    if c.id.is_none() && c.recorded_on.is_empty() {
        c.recorded_on = today().format("%Y-%m-%d").to_string();
    }
    let mut errs = validate_customer(&c, today());
    if c.code.is_empty() {
        let n = saves.next_auto(tx)?;
        c.code = format_code(n);
        saves.last_auto = Some(n);
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
                // After the fields: name key, sort key, time (twice), user (twice).
                let k = CUSTOMER_FIELDS.len() + 1;
                format!(
                    "INSERT INTO customers ({}, name_key, name_sort, created_at, updated_at, created_by, updated_by)
                     VALUES ({}, ?{k}, ?{}, ?{}, ?{}, ?{}, ?{})",
                    CUSTOMER_FIELDS.join(", "),
                    (1..=CUSTOMER_FIELDS.len())
                        .map(|i| format!("?{i}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    k + 1,
                    k + 2,
                    k + 2,
                    k + 3,
                    k + 3,
                )
            });
            let mut p = field_params(&values);
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
                .prepare_cached(&format!("{} WHERE id = ?1", customer_select()))?
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
                let k = CUSTOMER_FIELDS.len() + 1;
                let sql = format!(
                    "UPDATE customers SET {sets}, name_key = ?{k}, name_sort = ?{},
                     updated_at = ?{}, updated_by = ?{} WHERE id = ?{}",
                    k + 1,
                    k + 2,
                    k + 3,
                    k + 4
                );
                let mut p = field_params(&values);
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
pub(super) fn insert_contacts(
    tx: &Transaction,
    w: &Writer,
    customer_id: i64,
    contacts: &[Contact],
) -> Result<()> {
    for (pos, c) in contacts.iter().enumerate() {
        insert_contact(tx, w, customer_id, pos, c)?;
    }
    Ok(())
}

/// One contact of a customer at `pos`, logged.
fn insert_contact(
    tx: &Transaction,
    w: &Writer,
    customer_id: i64,
    pos: usize,
    c: &Contact,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO contacts (customer_id, position, name, title, phone, mobile,
         email, birthday, is_primary, notes, created_at, updated_at, created_by, updated_by,
         birthday_calendar)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?12, ?13)",
    )?
    .execute(params![
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
        w.user,
        c.birthday_calendar
    ])?;
    let id = tx.last_insert_rowid();
    let parent = Parent("customers", customer_id);
    w.inserted(
        "contacts",
        id,
        &CONTACT_FIELDS,
        &c.column_values(),
        Some(&parent),
    )?;
    Ok(())
}

/// Brings the stored contacts of a customer in line with `contacts`: updates those with
/// an id, inserts those without, deletes stored ones no longer listed. Returns whether
/// anything changed.
pub(super) fn save_contacts(
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
                         updated_at = ?10, updated_by = ?11, birthday_calendar = ?13
                         WHERE id = ?12",
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
                        id,
                        c.birthday_calendar
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
                insert_contact(tx, w, customer_id, pos, c)?;
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
}

/// The number of a code of kehu's own form (KH000123 → 123).
pub(in crate::store) fn code_number(code: &str) -> Option<i64> {
    let digits = code.strip_prefix(CODE_PREFIX)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Gives customer `id`, numbered automatically earlier in the same import, the code
/// KH…`n` instead: in the table, in the change log's record of its creation and in the
/// search index.
pub(in crate::store) fn renumber(w: &Writer, id: i64, n: i64, saves: &mut Saves) -> Result<()> {
    let code = format_code(n);
    w.conn
        .prepare_cached("UPDATE customers SET code = ?1 WHERE id = ?2")?
        .execute(params![code, id])?;
    w.conn
        .prepare_cached(
            "UPDATE change_log SET new_value = json_set(new_value, '$.code', ?1)
             WHERE table_name = 'customers' AND row_id = ?2 AND action = 'insert'",
        )?
        .execute(params![code, id])?;
    // Its entry may still be among those gathered: write them, then this one anew.
    if let Some(pending) = &mut saves.search {
        pending.flush(w.conn)?;
    }
    search::reindex_customer(w.conn, id)?;
    Ok(())
}
