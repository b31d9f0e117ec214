//! Customer search: typed text → the ids of matching customers, fast at 100,000 rows.
//!
//! Two indexes, kept by the store on every save:
//! - `customer_fts`, an FTS5 trigram index over everything searchable (name, code,
//!   place, address, phones, e-mail, contacts, pinyin initials), answers terms of three
//!   or more characters;
//! - `customer_grams`, every CJK character and adjacent CJK pair of the name, place,
//!   address and contact names, answers one- and two-character Chinese terms such as
//!   北 or 北京, which a trigram index cannot.
//!
//! Short Latin/digit terms (one or two characters) fall back to a prefix match on name
//! and code.

use rusqlite::{Connection, params};

use crate::domain::text::{fold_width, is_cjk};

/// Text of one customer that search looks at.
pub struct SearchDoc<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub province: &'a str,
    pub city: &'a str,
    pub address: &'a str,
    pub phones: Vec<&'a str>,
    pub emails: Vec<&'a str>,
    pub contact_names: Vec<&'a str>,
}

fn gram_unigram(c: char) -> i64 {
    c as i64
}

fn gram_bigram(a: char, b: char) -> i64 {
    ((a as i64) << 21) | b as i64
}

/// The unigram and bigram keys of the CJK runs in `text`, added to `out`.
fn grams_of(text: &str, out: &mut Vec<i64>) {
    let mut prev: Option<char> = None;
    for c in fold_width(text).chars() {
        if is_cjk(c) {
            out.push(gram_unigram(c));
            if let Some(p) = prev {
                out.push(gram_bigram(p, c));
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
}

/// Phone numbers as stored and as bare digits, so "13800138000" finds "138 0013 8000".
fn digits_only(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

impl SearchDoc<'_> {
    fn fts_text(&self) -> String {
        let mut parts: Vec<String> = vec![
            self.code.into(),
            self.name.into(),
            self.province.into(),
            self.city.into(),
            self.address.into(),
        ];
        parts.push(crate::domain::pinyin::initials(self.name));
        for p in &self.phones {
            parts.push((*p).into());
            parts.push(digits_only(p));
        }
        parts.extend(self.emails.iter().map(|e| e.to_string()));
        for n in &self.contact_names {
            parts.push((*n).into());
            parts.push(crate::domain::pinyin::initials(n));
        }
        fold_width(&parts.join(" | ")).to_lowercase()
    }

    fn grams(&self) -> Vec<i64> {
        let mut g = Vec::with_capacity(64);
        for t in [self.name, self.province, self.city, self.address] {
            grams_of(t, &mut g);
        }
        for n in &self.contact_names {
            grams_of(n, &mut g);
        }
        g.sort_unstable();
        g.dedup();
        g
    }
}

/// Replaces the search entries of one customer. With `deferred`, the character
/// entries are collected there instead, for [`flush_grams`] to write in key order: many
/// customers at once (an import) go in far faster sorted than one by one.
pub fn index_customer(
    conn: &Connection,
    id: i64,
    doc: &SearchDoc,
    mut deferred: Option<&mut GramBuffer>,
) -> rusqlite::Result<()> {
    // Entries of this customer still waiting would outlive the delete below.
    if let Some(buf) = deferred.as_deref_mut()
        && buf.1.contains(&id)
    {
        flush_grams(conn, buf)?;
    }
    unindex_customer(conn, id)?;
    conn.prepare_cached("INSERT INTO customer_fts (rowid, doc) VALUES (?1, ?2)")?
        .execute(params![id, doc.fts_text()])?;
    match deferred {
        Some(buf) => {
            buf.0.extend(doc.grams().into_iter().map(|g| (g, id)));
            buf.1.insert(id);
            if buf.0.len() >= GRAM_BUFFER_MAX {
                flush_grams(conn, buf)?;
            }
        }
        None => {
            let mut ins = conn.prepare_cached(
                "INSERT OR IGNORE INTO customer_grams (gram, customer_id) VALUES (?1, ?2)",
            )?;
            for g in doc.grams() {
                ins.execute(params![g, id])?;
            }
        }
    }
    Ok(())
}

/// Character entries waiting to be written in key order (at most a few tens of MB).
#[derive(Debug, Default)]
pub struct GramBuffer(Vec<(i64, i64)>, std::collections::HashSet<i64>);

const GRAM_BUFFER_MAX: usize = 2_000_000;

/// Writes the waiting character entries, sorted, and empties the buffer. Must run
/// before the transaction that filled it commits.
pub fn flush_grams(conn: &Connection, buf: &mut GramBuffer) -> rusqlite::Result<()> {
    buf.0.sort_unstable();
    buf.0.dedup();
    let mut ins = conn.prepare_cached(
        "INSERT OR IGNORE INTO customer_grams (gram, customer_id) VALUES (?1, ?2)",
    )?;
    for (g, id) in buf.0.drain(..) {
        ins.execute(params![g, id])?;
    }
    buf.1.clear();
    Ok(())
}

/// Removes a customer's search entries (when it goes to the trash).
pub fn unindex_customer(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM customer_fts WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM customer_grams WHERE customer_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Rebuilds the search entries of every customer outside the trash from the tables (used by the migration
/// that introduced search, and by repair).
pub fn reindex_all(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM customer_fts", [])?;
    conn.execute("DELETE FROM customer_grams", [])?;
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM customers WHERE deleted_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        reindex_customer(conn, id)?;
    }
    Ok(())
}

/// Reads one customer and its contacts back and indexes them.
pub fn reindex_customer(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    reindex_customer_into(conn, id, None)
}

/// [`reindex_customer`], the character entries deferred into `deferred` if given.
pub fn reindex_customer_into(
    conn: &Connection,
    id: i64,
    deferred: Option<&mut GramBuffer>,
) -> rusqlite::Result<()> {
    let (code, name, province, city, address, phone, mobile, fax, email): (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ) = conn.query_row(
        "SELECT code, name, province, city, address, phone, mobile, fax, email
         FROM customers WHERE id = ?1",
        [id],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        },
    )?;
    let contacts: Vec<(String, String, String, String)> = conn
        .prepare_cached("SELECT name, phone, mobile, email FROM contacts WHERE customer_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut phones = vec![phone.as_str(), mobile.as_str(), fax.as_str()];
    let mut emails = vec![email.as_str()];
    let mut contact_names = Vec::new();
    for (n, p, m, e) in &contacts {
        contact_names.push(n.as_str());
        phones.push(p);
        phones.push(m);
        emails.push(e);
    }
    phones.retain(|p| !p.is_empty());
    emails.retain(|e| !e.is_empty());
    let doc = SearchDoc {
        code: &code,
        name: &name,
        province: &province,
        city: &city,
        address: &address,
        phones,
        emails,
        contact_names,
    };
    index_customer(conn, id, &doc, deferred)
}

/// The search entries of a customer just inserted (nothing of it in the index yet),
/// from the values that were saved.
pub fn index_new_customer(
    conn: &Connection,
    id: i64,
    c: &crate::domain::Customer,
    deferred: Option<&mut GramBuffer>,
) -> rusqlite::Result<()> {
    let mut phones = vec![c.phone.as_str(), c.mobile.as_str(), c.fax.as_str()];
    let mut emails = vec![c.email.as_str()];
    let mut contact_names = Vec::new();
    for k in &c.contacts {
        contact_names.push(k.name.as_str());
        phones.push(&k.phone);
        phones.push(&k.mobile);
        emails.push(&k.email);
    }
    phones.retain(|p| !p.is_empty());
    emails.retain(|e| !e.is_empty());
    let doc = SearchDoc {
        code: &c.code,
        name: &c.name,
        province: &c.province,
        city: &c.city,
        address: &c.address,
        phones,
        emails,
        contact_names,
    };
    conn.prepare_cached("INSERT INTO customer_fts (rowid, doc) VALUES (?1, ?2)")?
        .execute(params![id, doc.fts_text()])?;
    match deferred {
        Some(buf) => {
            buf.0.extend(doc.grams().into_iter().map(|g| (g, id)));
            buf.1.insert(id);
            if buf.0.len() >= GRAM_BUFFER_MAX {
                flush_grams(conn, buf)?;
            }
        }
        None => {
            let mut ins = conn.prepare_cached(
                "INSERT OR IGNORE INTO customer_grams (gram, customer_id) VALUES (?1, ?2)",
            )?;
            for g in doc.grams() {
                ins.execute(params![g, id])?;
            }
        }
    }
    Ok(())
}

/// One search term turned into SQL: a condition on `c.id` and its parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermSql {
    Fts(String),
    Gram(i64),
    /// A one- or two-character Latin/digit term: prefix of name or code.
    Prefix(String),
}

/// Splits what was typed into terms (white space separates; all must match).
pub fn terms(query: &str) -> Vec<TermSql> {
    fold_width(query)
        .to_lowercase()
        .split_whitespace()
        .map(|t| {
            let chars: Vec<char> = t.chars().collect();
            match chars.len() {
                1 if is_cjk(chars[0]) => TermSql::Gram(gram_unigram(chars[0])),
                2 if is_cjk(chars[0]) && is_cjk(chars[1]) => {
                    TermSql::Gram(gram_bigram(chars[0], chars[1]))
                }
                1 | 2 => TermSql::Prefix(t.to_string()),
                _ => TermSql::Fts(format!("\"{}\"", t.replace('"', "\"\""))),
            }
        })
        .collect()
}

/// How a term's condition is written, so SQLite takes the fast plan for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// `c.id IN (matching ids)`: fetch the matches, then sort them. Best when few match.
    Fetch,
    /// Walk the list in its sort order and test each row. Best when many match, since a
    /// page fills after a few tests.
    Probe,
    /// Like `Probe`, for terms most customers match, near the top of the list: each
    /// customer met is looked up in the full-text index by its id, so no set of every
    /// match is built (a page fills after a few lookups).
    ProbeEach,
    /// Every customer matches the search terms (the count said so): leave them out.
    AllMatch,
}

impl TermSql {
    /// True when the term is answered by the search indexes alone (which hold only
    /// customers outside the trash).
    pub fn indexed(&self) -> bool {
        !matches!(self, TermSql::Prefix(_))
    }

    /// The ids this term matches, as a sub-select with one `?`.
    fn ids_sql(&self) -> Option<&'static str> {
        match self {
            TermSql::Fts(_) => {
                Some("SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH ?")
            }
            TermSql::Gram(_) => Some("SELECT customer_id AS id FROM customer_grams WHERE gram = ?"),
            TermSql::Prefix(_) => None,
        }
    }

    fn value(&self) -> rusqlite::types::Value {
        use rusqlite::types::Value;
        match self {
            TermSql::Fts(s) | TermSql::Prefix(s) => Value::Text(s.clone()),
            TermSql::Gram(g) => Value::Integer(*g),
        }
    }

    /// Adds this term's condition on the customers alias `c`, tested row by row: a probe
    /// of the character index, or a prefix of name or code. (Longer terms are tested
    /// against the set of ids [`hits_sql`] gives.)
    pub fn push(&self, conds: &mut Vec<String>, params: &mut Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        match self {
            TermSql::Gram(g) => {
                conds.push(
                    "EXISTS (SELECT 1 FROM customer_grams g WHERE g.gram = ? AND g.customer_id = c.id)"
                        .into(),
                );
                params.push(Value::Integer(*g));
            }
            TermSql::Prefix(s) => {
                let pattern = format!(
                    "{}%",
                    s.replace('\\', "\\\\")
                        .replace('%', "\\%")
                        .replace('_', "\\_")
                );
                conds.push("(c.name LIKE ? ESCAPE '\\' OR c.code LIKE ? ESCAPE '\\')".into());
                params.push(Value::Text(pattern.clone()));
                params.push(Value::Text(pattern));
            }
            TermSql::Fts(_) => {
                if let Some((hits, hit_params)) = hits_sql(std::slice::from_ref(self)) {
                    conds.push(format!("+c.id IN ({hits})"));
                    params.extend(hit_params);
                }
            }
        }
    }

    /// This term's condition tested customer by customer through the index's rowid (for
    /// [`Plan::ProbeEach`]).
    pub fn push_each(&self, conds: &mut Vec<String>, params: &mut Vec<rusqlite::types::Value>) {
        match self {
            TermSql::Fts(_) => {
                conds.push(
                    "EXISTS (SELECT 1 FROM customer_fts WHERE customer_fts MATCH ?
                             AND customer_fts.rowid = c.id)"
                        .into(),
                );
                params.push(self.value());
            }
            _ => self.push(conds, params),
        }
    }
}

/// The ids matching every indexed term, as one sub-select of column `id`, with its
/// parameters; None when no term is indexed.
pub fn hits_sql(terms: &[TermSql]) -> Option<(String, Vec<rusqlite::types::Value>)> {
    let indexed: Vec<&TermSql> = terms.iter().filter(|t| t.indexed()).collect();
    if indexed.is_empty() {
        return None;
    }
    let parts: Vec<String> = indexed
        .iter()
        .filter_map(|t| t.ids_sql())
        .map(String::from)
        .collect();
    let sql = parts.join(" INTERSECT ");
    Some((sql, indexed.iter().map(|t| t.value()).collect()))
}

/// Counts the customers matching all `terms` from the search indexes alone, or None when
/// a term needs the customers table.
pub fn count_indexed(conn: &Connection, terms: &[TermSql]) -> rusqlite::Result<Option<u64>> {
    if terms.is_empty() || !terms.iter().all(TermSql::indexed) {
        return Ok(None);
    }
    let parts: Vec<&str> = terms.iter().filter_map(TermSql::ids_sql).collect();
    let sql = if parts.len() == 1 {
        format!("SELECT count(*) FROM ({})", parts[0])
    } else {
        format!("SELECT count(*) FROM ({})", parts.join(" INTERSECT "))
    };
    let params: Vec<rusqlite::types::Value> = terms.iter().map(TermSql::value).collect();
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(params), |r| r.get(0))?;
    Ok(Some(n as u64))
}
