//! Industry news (业界动态) in the store: save with validation and logging, links to the
//! customers and competitors it mentions, the list newest first, the trash.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::WriteScope;
use super::changelog::Writer;
use super::links::LinkTable;
use super::{Result, Store, StoreError, now_text};
use crate::domain::news::{News, validate_news};
use crate::domain::validate::parse_date;

const FIELDS: [&str; 7] = [
    "on_date",
    "title",
    "source",
    "category",
    "tags",
    "content",
    "reported_by",
];

pub(crate) const CUSTOMERS: LinkTable = LinkTable {
    table: "news_customers",
    owner_col: "news_id",
    other_col: "customer_id",
    field: "customers",
};

pub(crate) const COMPETITORS: LinkTable = LinkTable {
    table: "news_competitors",
    owner_col: "news_id",
    other_col: "competitor_id",
    field: "competitors",
};

/// The editable list of categories (see `domain::news::DEFAULT_CATEGORIES`).
pub const LIST_NEWS_CATEGORIES: &str = "news_category";

fn values(n: &News) -> [String; 7] {
    [
        n.on.clone(),
        n.title.clone(),
        n.source.clone(),
        n.category.clone(),
        n.tags.clone(),
        n.content.clone(),
        n.reported_by.clone(),
    ]
}

const SELECT: &str =
    "SELECT id, on_date, title, source, category, tags, content, reported_by FROM news";

fn read(r: &rusqlite::Row) -> rusqlite::Result<News> {
    Ok(News {
        id: Some(r.get(0)?),
        on: r.get(1)?,
        title: r.get(2)?,
        source: r.get(3)?,
        category: r.get(4)?,
        tags: r.get(5)?,
        content: r.get(6)?,
        reported_by: r.get(7)?,
        customers: Vec::new(),
        competitors: Vec::new(),
    })
}

/// One line of the news list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsRow {
    pub id: i64,
    pub on: String,
    pub title: String,
    pub category: String,
    pub source: String,
    pub tags: String,
}

/// What the news list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewsQuery {
    /// Part of the title, content, tags or source.
    pub text: String,
    pub category: Option<String>,
    pub customer_id: Option<i64>,
    pub competitor_id: Option<i64>,
    pub sort: Option<super::Sort>,
}

/// The list's columns as SQL, in the order the list shows them.
const SORT_COLUMNS: [&str; 5] = ["n.on_date", "n.title", "n.category", "n.source", "n.tags"];

impl super::lists::ListQuery for NewsQuery {
    const KIND: crate::domain::records::RecordKind = crate::domain::records::RecordKind::News;
    const FROM: &'static str = "news n";
    const ALIAS: &'static str = "n";
    type Row = NewsRow;

    fn columns() -> String {
        "n.id, n.on_date, n.title, n.category, n.source, n.tags".into()
    }

    fn order(&self) -> String {
        super::order_by(
            self.sort,
            &SORT_COLUMNS,
            "n.id",
            "n.on_date DESC, n.id DESC",
        )
    }

    fn row(r: &rusqlite::Row) -> rusqlite::Result<NewsRow> {
        Ok(NewsRow {
            id: r.get(0)?,
            on: r.get(1)?,
            title: r.get(2)?,
            category: r.get(3)?,
            source: r.get(4)?,
            tags: r.get(5)?,
        })
    }

    fn unsorted(&self) -> Self {
        NewsQuery {
            sort: None,
            ..self.clone()
        }
    }

    fn where_clause(&self) -> (String, Vec<Value>) {
        let mut conds = vec!["n.deleted_at IS NULL".to_string()];
        let mut p: Vec<Value> = Vec::new();
        let text = self.text.trim();
        if !text.is_empty() {
            let (sql, v) = super::links::contains_any(
                &["n.title", "n.content", "n.tags", "n.source"],
                "?1",
                text,
            );
            conds.push(sql);
            p.push(v);
        }
        if let Some(c) = &self.category {
            conds.push(format!("n.category = ?{}", p.len() + 1));
            p.push(Value::Text(c.clone()));
        }
        if let Some(id) = self.customer_id {
            conds.push(format!(
                "n.id IN (SELECT news_id FROM news_customers WHERE customer_id = ?{})",
                p.len() + 1
            ));
            p.push(Value::Integer(id));
        }
        if let Some(id) = self.competitor_id {
            conds.push(format!(
                "n.id IN (SELECT news_id FROM news_competitors WHERE competitor_id = ?{})",
                p.len() + 1
            ));
            p.push(Value::Integer(id));
        }
        (conds.join(" AND "), p)
    }
}

impl Store {
    /// Saves a news item with its links (new when `id` is None).
    pub fn save_news(&mut self, n: &News) -> Result<i64> {
        let actor = self.require_actor()?;
        let problems = validate_news(n);
        if !problems.is_empty() {
            return Err(StoreError::InvalidNews(problems));
        }
        let t = crate::domain::text::tidy;
        let n = News {
            on: parse_date(&n.on).map(|d| d.to_string()).unwrap_or_default(),
            title: t(&n.title),
            source: t(&n.source),
            category: t(&n.category),
            tags: crate::domain::news::tag_list(&n.tags).join("，"),
            content: n.content.trim_end().into(),
            reported_by: t(&n.reported_by),
            ..n.clone()
        };
        let v = values(&n);
        let at = now_text();
        let tx = WriteScope::begin(&mut self.conn)?;
        let w = Writer {
            conn: &tx,
            user: &actor.name,
            at: &at,
        };
        let old = match n.id {
            None => None,
            Some(id) => Some(values(&w.live_row(SELECT, id, read)?)),
        };
        let id = w.save_row(
            "news",
            n.id,
            // Every logged field is its column, as logged.
            &std::array::from_fn::<_, 7, _>(|i| (FIELDS[i], &v[i] as &dyn rusqlite::ToSql)),
            &FIELDS,
            old.as_ref().map(|o| &o[..]),
            &v,
        )?;
        CUSTOMERS.set(&tx, &w, "news", id, &n.customers)?;
        COMPETITORS.set(&tx, &w, "news", id, &n.competitors)?;
        tx.commit()?;
        Ok(id)
    }

    /// A news item with its links (also from the trash).
    pub fn news_item(&self, id: i64) -> Result<News> {
        let mut n = self
            .conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], read)
            .optional()?
            .ok_or(StoreError::NotFound)?;
        n.customers = CUSTOMERS.get(&self.conn, id)?;
        n.competitors = COMPETITORS.get(&self.conn, id)?;
        Ok(n)
    }

    /// One page of the news list, newest first.
    pub fn news_page(&self, q: &NewsQuery, offset: u64, limit: u64) -> Result<Vec<NewsRow>> {
        self.list_page(q, offset, limit)
    }

    /// How many records the list shows for `q` (remembered until the data changes).
    pub fn count_news(&self, q: &NewsQuery) -> Result<u64> {
        self.count_list(q)
    }

    pub fn trash_news(&mut self, id: i64) -> Result<()> {
        self.trash_simple("news", id, true)
    }

    pub fn restore_news(&mut self, id: i64) -> Result<()> {
        self.trash_simple("news", id, false)
    }

    /// The categories offered: the editable list, or the defaults when it is empty.
    pub fn news_categories(&self) -> Result<Vec<String>> {
        let mut v = self.lookup_values(LIST_NEWS_CATEGORIES)?;
        if v.is_empty() {
            v = crate::domain::news::DEFAULT_CATEGORIES
                .iter()
                .map(|s| s.to_string())
                .collect();
        }
        Ok(v)
    }
}
