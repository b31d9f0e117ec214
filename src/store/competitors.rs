//! Competitors (竞争对手) in the store: save with validation, unique names and logging,
//! the customers who also buy from each, dated intelligence, the list, the trash.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::WriteScope;
use super::changelog::{Parent, Writer};
use super::links::{LinkTable, set_trashed};
use super::{Result, Store, StoreError, now_text};
use crate::domain::competitor::{
    Competitor, CompetitorField, Intel, Threat, validate_competitor, validate_intel,
};
use crate::domain::text::name_key;
use crate::domain::validate::{Problem, parse_date};

const FIELDS: [&str; 9] = [
    "name",
    "website",
    "products",
    "price_level",
    "strengths",
    "weaknesses",
    "market_share",
    "threat",
    "notes",
];

pub(crate) const CUSTOMERS: LinkTable = LinkTable {
    table: "competitor_customers",
    owner_col: "competitor_id",
    other_col: "customer_id",
    field: "customers",
};

fn values(c: &Competitor) -> [String; 9] {
    [
        c.name.clone(),
        c.website.clone(),
        c.products.clone(),
        c.price_level.clone(),
        c.strengths.clone(),
        c.weaknesses.clone(),
        c.market_share.map(|s| s.to_string()).unwrap_or_default(),
        c.threat.code().into(),
        c.notes.clone(),
    ]
}

fn tidy(c: &Competitor) -> Competitor {
    let t = crate::domain::text::tidy;
    Competitor {
        name: t(&c.name),
        website: t(&c.website),
        products: c.products.trim_end().into(),
        price_level: t(&c.price_level),
        strengths: c.strengths.trim_end().into(),
        weaknesses: c.weaknesses.trim_end().into(),
        notes: c.notes.trim_end().into(),
        ..c.clone()
    }
}

const SELECT: &str = "SELECT id, name, website, products, price_level, strengths, weaknesses,
    market_share, threat, notes FROM competitors";

fn read(r: &rusqlite::Row) -> rusqlite::Result<Competitor> {
    Ok(Competitor {
        id: Some(r.get(0)?),
        name: r.get(1)?,
        website: r.get(2)?,
        products: r.get(3)?,
        price_level: r.get(4)?,
        strengths: r.get(5)?,
        weaknesses: r.get(6)?,
        market_share: r.get(7)?,
        threat: Threat::from_code(&r.get::<_, String>(8)?).unwrap_or_default(),
        notes: r.get(9)?,
        customers: Vec::new(),
    })
}

/// One line of the competitor list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetitorRow {
    pub id: i64,
    pub name: String,
    pub products: String,
    pub price_level: String,
    pub market_share: Option<u8>,
    pub threat: Threat,
    pub customers: i64,
    pub updated_at: String,
}

/// What the competitor list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompetitorQuery {
    /// Part of the name, products, strengths or weaknesses.
    pub text: String,
    pub threat: Option<Threat>,
    /// Only competitors of this customer.
    pub customer_id: Option<i64>,
    pub sort: Option<super::Sort>,
}

const THREAT_RANK: &str = "CASE c.threat WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END";

/// The list's columns as SQL, in the order the list shows them.
const SORT_COLUMNS: [&str; 6] = [
    "c.name_key",
    THREAT_RANK,
    "c.products",
    "c.price_level",
    "c.market_share",
    CUSTOMER_COUNT,
];

/// How many customers (outside the trash) buy from competitor `c`.
const CUSTOMER_COUNT: &str = "(SELECT count(*) FROM competitor_customers x JOIN customers k
       ON k.id = x.customer_id AND k.deleted_at IS NULL
     WHERE x.competitor_id = c.id)";

impl super::lists::ListQuery for CompetitorQuery {
    const KIND: crate::domain::records::RecordKind =
        crate::domain::records::RecordKind::Competitors;
    const FROM: &'static str = "competitors c";
    const ALIAS: &'static str = "c";
    type Row = CompetitorRow;

    fn columns() -> String {
        format!(
            "c.id, c.name, c.products, c.price_level, c.market_share, c.threat,
             {CUSTOMER_COUNT}, c.updated_at"
        )
    }

    fn order(&self) -> String {
        super::order_by(
            self.sort,
            &SORT_COLUMNS,
            "c.id",
            &format!("{THREAT_RANK}, c.name_key"),
        )
    }

    fn row(r: &rusqlite::Row) -> rusqlite::Result<CompetitorRow> {
        Ok(CompetitorRow {
            id: r.get(0)?,
            name: r.get(1)?,
            products: r.get(2)?,
            price_level: r.get(3)?,
            market_share: r.get(4)?,
            threat: Threat::from_code(&r.get::<_, String>(5)?).unwrap_or_default(),
            customers: r.get(6)?,
            updated_at: r.get(7)?,
        })
    }

    fn unsorted(&self) -> Self {
        CompetitorQuery {
            sort: None,
            ..self.clone()
        }
    }

    fn where_clause(&self) -> (String, Vec<Value>) {
        let mut conds = vec!["c.deleted_at IS NULL".to_string()];
        let mut p = Vec::new();
        let text = self.text.trim();
        if !text.is_empty() {
            let (sql, v) = super::links::contains_any(
                &["c.name", "c.products", "c.strengths", "c.weaknesses"],
                "?1",
                text,
            );
            conds.push(sql);
            p.push(v);
        }
        if let Some(t) = self.threat {
            conds.push(format!("c.threat = ?{}", p.len() + 1));
            p.push(Value::Text(t.code().into()));
        }
        if let Some(id) = self.customer_id {
            conds.push(format!(
                "c.id IN (SELECT competitor_id FROM competitor_customers WHERE customer_id = ?{})",
                p.len() + 1
            ));
            p.push(Value::Integer(id));
        }
        (conds.join(" AND "), p)
    }
}

impl Store {
    /// Saves a competitor with its customers (new when `id` is None). The name must be
    /// unique (after trimming and width folding) among competitors outside the trash.
    pub fn save_competitor(&mut self, c: &Competitor) -> Result<i64> {
        let actor = self.require_actor()?;
        let c = tidy(c);
        let mut problems = validate_competitor(&c);
        let taken: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM competitors WHERE name_key = ?1 AND deleted_at IS NULL AND id != ?2",
                params![name_key(&c.name), c.id.unwrap_or(-1)],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            problems.push((CompetitorField::Name, Problem::DuplicateName));
        }
        if !problems.is_empty() {
            return Err(StoreError::InvalidCompetitor(problems));
        }
        let v = values(&c);
        let at = now_text();
        let tx = WriteScope::begin(&mut self.conn)?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let old = match c.id {
            None => None,
            Some(id) => Some(values(&w.live_row(SELECT, id, read)?)),
        };
        let key = name_key(&c.name);
        let id = w.save_row(
            "competitors",
            c.id,
            &[
                ("name", &c.name),
                ("name_key", &key),
                ("website", &c.website),
                ("products", &c.products),
                ("price_level", &c.price_level),
                ("strengths", &c.strengths),
                ("weaknesses", &c.weaknesses),
                ("market_share", &c.market_share),
                ("threat", &v[7]),
                ("notes", &c.notes),
            ],
            &FIELDS,
            old.as_ref().map(|o| &o[..]),
            &v,
        )?;
        CUSTOMERS.set(&tx, &w, "competitors", id, &c.customers)?;
        tx.commit()?;
        Ok(id)
    }

    /// A competitor with its customers (also from the trash).
    pub fn competitor(&self, id: i64) -> Result<Competitor> {
        let mut c = self
            .conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], read)
            .optional()?
            .ok_or(StoreError::NotFound)?;
        c.customers = CUSTOMERS.get(&self.conn, id)?;
        Ok(c)
    }

    /// Adds a dated piece of intelligence to a competitor.
    pub fn add_intel(&mut self, competitor_id: i64, i: &Intel) -> Result<i64> {
        let actor = self.require_actor()?;
        let problems = validate_intel(i);
        if !problems.is_empty() {
            return Err(StoreError::InvalidCompetitor(problems));
        }
        let on = parse_date(&i.on).map(|d| d.to_string()).unwrap_or_default();
        let at = now_text();
        let tx = self.conn.transaction()?;
        let live: Option<i64> = tx
            .query_row(
                "SELECT id FROM competitors WHERE id = ?1 AND deleted_at IS NULL",
                [competitor_id],
                |r| r.get(0),
            )
            .optional()?;
        if live.is_none() {
            return Err(StoreError::NotFound);
        }
        tx.execute(
            "INSERT INTO competitor_intel (competitor_id, on_date, source, reported_by, text,
             created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                competitor_id,
                on,
                i.source.trim(),
                i.reported_by.trim(),
                i.text.trim_end(),
                at,
                actor.name
            ],
        )?;
        let id = tx.last_insert_rowid();
        Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        }
        .inserted(
            "competitor_intel",
            id,
            &["on_date", "source", "reported_by", "text"],
            &[
                on,
                i.source.trim().into(),
                i.reported_by.trim().into(),
                i.text.trim_end().into(),
            ],
            Some(&Parent("competitors", competitor_id)),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// A competitor's intelligence, newest first.
    pub fn intel(&self, competitor_id: i64) -> Result<Vec<Intel>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, on_date, source, reported_by, text FROM competitor_intel
                 WHERE competitor_id = ?1 ORDER BY on_date DESC, id DESC",
            )?
            .query_map([competitor_id], |r| {
                Ok(Intel {
                    id: Some(r.get(0)?),
                    on: r.get(1)?,
                    source: r.get(2)?,
                    reported_by: r.get(3)?,
                    text: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// One page of the competitor list: the most threatening first, then by name.
    pub fn competitor_page(
        &self,
        q: &CompetitorQuery,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<CompetitorRow>> {
        self.list_page(q, offset, limit)
    }

    /// How many records the list shows for `q` (remembered until the data changes).
    pub fn count_competitors(&self, q: &CompetitorQuery) -> Result<u64> {
        self.count_list(q)
    }

    /// Moves a competitor into the trash (its links stay, for a restore).
    pub fn trash_competitor(&mut self, id: i64) -> Result<()> {
        self.trash_simple("competitors", id, true)
    }

    /// Takes a competitor out of the trash, unless another live one now has its name.
    pub fn restore_competitor(&mut self, id: i64) -> Result<()> {
        let c = self.competitor(id)?;
        let taken: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM competitors WHERE name_key = ?1 AND deleted_at IS NULL AND id != ?2",
                params![name_key(&c.name), id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(StoreError::NameTakenOnRestore);
        }
        self.trash_simple("competitors", id, false)
    }

    /// Trash or restore a row of a table with `deleted_at`, in its own transaction.
    pub(crate) fn trash_simple(&mut self, table: &str, id: i64, trashed: bool) -> Result<()> {
        let actor = self.require_actor()?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        set_trashed(&tx, &w, table, id, trashed)?;
        tx.commit()?;
        Ok(())
    }

    /// Names of the live competitors, by id, for pick lists.
    pub fn competitor_names(&self) -> Result<Vec<(i64, String)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, name FROM competitors WHERE deleted_at IS NULL ORDER BY name_key",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }
}
