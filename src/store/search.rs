//! Customer search: typed text → the ids of matching customers, fast at 100,000 rows.
//!
//! Two indexes, kept by the store on every save:
//! - `customer_fts`, an FTS5 trigram index over everything searchable (name, code,
//!   place, address, phones, e-mail, contacts, pinyin initials), answers terms of three
//!   or more characters;
//! - `customer_cjk`, an FTS5 index whose words are every CJK character and adjacent CJK
//!   pair of the name, place, address and contact names (written as `g` + the key in
//!   hex), answers one- and two-character Chinese terms such as 北 or 北京, which a
//!   trigram index cannot. One row per customer: an import writes 100,000 rows here,
//!   not the 4 million a table of (character, customer) pairs took.
//!
//! One or two letters or digits are answered by the character index too (how the name
//! or code begins, pairs of pinyin initials); among longer Latin words ("J Adams",
//! "Bank of China") they are looked for anywhere in the name instead. Other short terms
//! with a sign in them are a prefix of the name or code.

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

/// Two adjacent letters of pinyin initials ("bj" of 北京), kept apart from the
/// character keys (which stay below 2^42).
fn gram_initials(a: char, b: char) -> i64 {
    (1 << 42) | ((a as i64) << 8) | b as i64
}

/// The name or the code begins with this letter or digit (lower case).
fn gram_start1(a: char) -> i64 {
    (2 << 42) | a as i64
}

/// The name or the code begins with these two letters or digits (lower case).
fn gram_start2(a: char, b: char) -> i64 {
    (3 << 42) | ((a as i64) << 8) | b as i64
}

/// The keys of how `text` begins, when it begins with letters or digits: what one or
/// two typed letters or digits find (as `LIKE 'ab%'` did, without reading every row).
fn starts_of(text: &str, out: &mut Vec<i64>) {
    let folded = fold_width(text).to_lowercase();
    let mut chars = folded.chars();
    if let Some(a) = chars.next().filter(char::is_ascii_alphanumeric) {
        out.push(gram_start1(a));
        if let Some(b) = chars.next().filter(char::is_ascii_alphanumeric) {
            out.push(gram_start2(a, b));
        }
    }
}

/// The keys of every adjacent pair in the pinyin initials of `text`, added to `out`.
fn initial_pairs_of(text: &str, out: &mut Vec<i64>) {
    let initials: Vec<char> = crate::domain::pinyin::initials(text).chars().collect();
    for w in initials.windows(2) {
        out.push(gram_initials(w[0], w[1]));
    }
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
    /// The text of the trigram index: the fields joined by a single `|` (no term has
    /// one, so no match runs from one field into the next), empty fields and a phone
    /// number's bare digits left out when they are the number itself. Every character
    /// here is three index entries to write on an import, so nothing is said twice.
    fn fts_text(&self) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(16);
        let mut push = |s: String| {
            if !s.is_empty() && !parts.contains(&s) {
                parts.push(s);
            }
        };
        push(self.code.into());
        push(self.name.into());
        push(self.province.into());
        push(self.city.into());
        push(self.address.into());
        push(crate::domain::pinyin::initials(self.name));
        for p in &self.phones {
            push((*p).into());
            push(digits_only(p));
        }
        for e in &self.emails {
            push(e.to_string());
        }
        for n in &self.contact_names {
            push((*n).into());
            push(crate::domain::pinyin::initials(n));
        }
        fold_width(&parts.join("|")).to_lowercase()
    }

    fn grams(&self) -> Vec<i64> {
        let mut g = Vec::with_capacity(64);
        for t in [self.name, self.province, self.city, self.address] {
            grams_of(t, &mut g);
        }
        for n in &self.contact_names {
            grams_of(n, &mut g);
        }
        // Two letters typed find a name by its initials anywhere, as three or more do
        // through the trigram text.
        initial_pairs_of(self.name, &mut g);
        for n in &self.contact_names {
            initial_pairs_of(n, &mut g);
        }
        starts_of(self.name, &mut g);
        starts_of(self.code, &mut g);
        g.sort_unstable();
        g.dedup();
        g
    }
}

/// A customer's row of each index: its id, its trigram text and its character words.
type Entry = (i64, String, String);

fn entry(id: i64, doc: &SearchDoc) -> Entry {
    (id, doc.fts_text(), gram_text(&doc.grams()))
}

/// The entries of a customer not in the index (yet).
fn insert_entries(conn: &Connection, id: i64, doc: &SearchDoc) -> rusqlite::Result<()> {
    write_entries(conn, &[entry(id, doc)])
}

/// Writes entries of customers not in the index (yet): all of the trigram index's rows,
/// then all of the character index's.
fn write_entries(conn: &Connection, entries: &[Entry]) -> rusqlite::Result<()> {
    let mut fts = conn.prepare_cached("INSERT INTO customer_fts (rowid, doc) VALUES (?1, ?2)")?;
    for (id, text, _) in entries {
        fts.execute(params![id, text])?;
    }
    let mut cjk = conn.prepare_cached("INSERT INTO customer_cjk (rowid, doc) VALUES (?1, ?2)")?;
    for (id, _, grams) in entries {
        cjk.execute(params![id, grams])?;
    }
    Ok(())
}

/// Writes a character key as the word the character index holds for it.
fn push_gram_token(out: &mut String, g: i64) {
    use std::fmt::Write;
    // Writing into a String cannot fail.
    let _ = write!(out, "g{g:x}");
}

fn gram_token(g: i64) -> String {
    let mut s = String::new();
    push_gram_token(&mut s, g);
    s
}

/// The words of a customer's row in the character index, one per key.
fn gram_text(grams: &[i64]) -> String {
    let mut s = String::with_capacity(grams.len() * 10);
    for g in grams {
        if !s.is_empty() {
            s.push(' ');
        }
        push_gram_token(&mut s, *g);
    }
    s
}

/// Removes a customer's search entries (when it goes to the trash).
pub fn unindex_customer(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM customer_fts WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM customer_cjk WHERE rowid = ?1")?
        .execute([id])?;
    Ok(())
}

/// Rebuilds the search entries of every customer outside the trash from the tables (used
/// by the migration that introduced search, and by repair), a batch of customers at a
/// time as an import writes them.
pub fn reindex_all(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM customer_fts", [])?;
    conn.execute("DELETE FROM customer_cjk", [])?;
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM customers WHERE deleted_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut pending = Pending::default();
    for id in ids {
        pending.rows.push(stored_entry(conn, id)?);
        if pending.rows.len() >= Pending::BATCH {
            pending.flush(conn)?;
        }
    }
    pending.flush(conn)
}

/// The customer columns search reads (with the contacts): a save that changes none of
/// them, and no contact, leaves the search entries as they are.
pub static SEARCHED_COLUMNS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        crate::domain::customer::CUSTOMER
            .iter()
            .filter(|d| d.has(crate::domain::fields::SEARCHED))
            .map(|d| d.column)
            .collect()
    });

/// Reads one customer and its contacts back and indexes them.
pub fn reindex_customer(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    let e = stored_entry(conn, id)?;
    unindex_customer(conn, id)?;
    write_entries(conn, &[e])
}

/// A customer's search entries from what is stored of it and its contacts.
fn stored_entry(conn: &Connection, id: i64) -> rusqlite::Result<Entry> {
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
    Ok(entry(id, &doc))
}

/// The search text of a customer about to be saved, from its values.
fn doc_of(c: &crate::domain::Customer) -> SearchDoc<'_> {
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
    SearchDoc {
        code: &c.code,
        name: &c.name,
        province: &c.province,
        city: &c.city,
        address: &c.address,
        phones,
        emails,
        contact_names,
    }
}

/// The search entries of a customer just inserted (nothing of it in the index yet),
/// from the values that were saved.
pub fn index_new_customer(
    conn: &Connection,
    id: i64,
    c: &crate::domain::Customer,
) -> rusqlite::Result<()> {
    insert_entries(conn, id, &doc_of(c))
}

/// Search entries of new customers gathered during an import and written a few
/// thousand at a time, each index in turn: writing one index's entries one after
/// another keeps its in-memory table in the processor's cache, where alternating
/// between both indexes and the tables for every customer kept evicting it.
#[derive(Default)]
pub struct Pending {
    rows: Vec<Entry>,
}

impl Pending {
    /// New customers gathered before their entries are written.
    const BATCH: usize = 4096;

    /// Gathers the entries of a customer just inserted; writes the gathered entries
    /// when there are enough of them.
    pub fn add(
        &mut self,
        conn: &Connection,
        id: i64,
        c: &crate::domain::Customer,
    ) -> rusqlite::Result<()> {
        self.rows.push(entry(id, &doc_of(c)));
        if self.rows.len() >= Self::BATCH {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Writes every gathered entry. Must run before the transaction commits, and
    /// before any gathered customer is saved again (its entries are replaced then).
    pub fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        write_entries(conn, &self.rows)?;
        self.rows.clear();
        Ok(())
    }
}

/// One search term turned into SQL: a condition on `c.id` and its parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermSql {
    Fts(String),
    /// Any of these keys of the character index: one or two CJK characters; one or two
    /// letters or digits that begin the name or code, or (two) are an adjacent pair of
    /// the pinyin initials of the name or a contact's name.
    Gram(Vec<i64>),
    /// Any other one- or two-character term (with a sign in it): prefix of name or code.
    Prefix(String),
    /// A one- or two-character word among longer Latin words: anywhere in the name.
    Within(String),
}

/// Splits what was typed into words (white space separates), each with whether it is a
/// Latin word of one or two characters in a query that also has a longer Latin word:
/// typed "Jesse L. Jackson",
/// "Bank of China" or "J Adams", the L., the "of" or the J is looked for anywhere in the
/// name, not as the start of a name or a pair of pinyin initials (what a short word
/// alone, or beside Chinese, means).
fn words(folded: &str) -> Vec<(&str, bool)> {
    let all: Vec<&str> = folded.split_whitespace().collect();
    let latin = |w: &str| !w.chars().any(is_cjk);
    let short = |w: &str| w.chars().count() <= 2;
    let among_latin = all.iter().any(|w| latin(w) && !short(w));
    all.iter()
        .map(|w| (*w, among_latin && latin(w) && short(w)))
        .collect()
}

/// Splits what was typed into terms (see [`words`]; all must match).
pub fn terms(query: &str) -> Vec<TermSql> {
    words(&fold_width(query).to_lowercase())
        .into_iter()
        .map(|(t, within)| {
            let chars: Vec<char> = t.chars().collect();
            match chars.len() {
                _ if within => TermSql::Within(t.to_string()),
                1 if is_cjk(chars[0]) => TermSql::Gram(vec![gram_unigram(chars[0])]),
                2 if is_cjk(chars[0]) && is_cjk(chars[1]) => {
                    TermSql::Gram(vec![gram_bigram(chars[0], chars[1])])
                }
                1 if chars[0].is_ascii_alphanumeric() => TermSql::Gram(vec![gram_start1(chars[0])]),
                2 if chars.iter().all(char::is_ascii_alphanumeric) => TermSql::Gram(vec![
                    gram_start2(chars[0], chars[1]),
                    gram_initials(chars[0], chars[1]),
                ]),
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
        !matches!(self, TermSql::Prefix(_) | TermSql::Within(_))
    }

    /// The ids this term matches, as a sub-select with one `?`.
    fn ids_sql(&self) -> Option<&'static str> {
        match self {
            TermSql::Fts(_) => {
                Some("SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH ?")
            }
            TermSql::Gram(_) => {
                Some("SELECT rowid AS id FROM customer_cjk WHERE customer_cjk MATCH ?")
            }
            TermSql::Prefix(_) | TermSql::Within(_) => None,
        }
    }

    fn value(&self) -> rusqlite::types::Value {
        use rusqlite::types::Value;
        match self {
            TermSql::Fts(s) | TermSql::Prefix(s) | TermSql::Within(s) => Value::Text(s.clone()),
            TermSql::Gram(keys) => Value::Text(
                keys.iter()
                    .map(|g| gram_token(*g))
                    .collect::<Vec<_>>()
                    .join(" OR "),
            ),
        }
    }

    /// The full-text table that answers this term, if an index does.
    fn table(&self) -> Option<&'static str> {
        match self {
            TermSql::Fts(_) => Some("customer_fts"),
            TermSql::Gram(_) => Some("customer_cjk"),
            TermSql::Prefix(_) | TermSql::Within(_) => None,
        }
    }

    /// Adds the condition of a term the indexes cannot answer (a prefix of name or code)
    /// on the customers alias `c`; indexed terms add nothing here, they are answered by
    /// [`hits_sql`] or [`TermSql::push_each`].
    pub fn push(&self, conds: &mut Vec<String>, params: &mut Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let escape = |s: &str| {
            s.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        };
        match self {
            TermSql::Prefix(s) => {
                let pattern = format!("{}%", escape(s));
                conds.push("(c.name LIKE ? ESCAPE '\\' OR c.code LIKE ? ESCAPE '\\')".into());
                params.push(Value::Text(pattern.clone()));
                params.push(Value::Text(pattern));
            }
            TermSql::Within(s) => {
                conds.push("c.name LIKE ? ESCAPE '\\'".into());
                params.push(Value::Text(format!("%{}%", escape(s))));
            }
            _ => {}
        }
    }

    /// This term's condition tested customer by customer through the index's rowid (for
    /// [`Plan::ProbeEach`]).
    pub fn push_each(&self, conds: &mut Vec<String>, params: &mut Vec<rusqlite::types::Value>) {
        match self.table() {
            Some(table) => {
                conds.push(format!(
                    "EXISTS (SELECT 1 FROM {table} WHERE {table} MATCH ? AND {table}.rowid = c.id)"
                ));
                params.push(self.value());
            }
            None => self.push(conds, params),
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
