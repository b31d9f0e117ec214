//! What the record lists (feedback, contracts, competitors, news) share in the store:
//! a query over one table, counted and paged the same way for every kind. Each kind
//! says its table, its row's columns and how its filters and order read as SQL;
//! [`Store::count_list`] and [`Store::list_page`] do the rest.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::{Result, Store};
use crate::domain::records::RecordKind;

/// A list's query over one kind's table.
pub trait ListQuery: Clone + std::fmt::Debug {
    /// The record kind: its key is the table, as the change log names it (also the
    /// count memo's key).
    const KIND: RecordKind;
    /// The table with the alias its WHERE clause uses ("news n").
    const FROM: &'static str;
    /// The conditions (with `?` parameters) and their values.
    fn where_clause(&self) -> (String, Vec<Value>);
    /// The same query in no particular order: counts do not depend on it.
    fn unsorted(&self) -> Self;
    /// What the count reads FROM, for this query (a kind may name an index).
    fn count_from(&self) -> String {
        Self::FROM.to_string()
    }

    /// One row of the list as a page gives it.
    type Row;
    /// The table's alias in [`Self::FROM`] ("n").
    const ALIAS: &'static str;
    /// What a page's ids are read FROM: the table with whatever its order reads.
    const PAGE_FROM: &'static str = Self::FROM;
    /// Joined to the page's rows for their columns ("JOIN customers k ON …").
    const JOIN: &'static str = "";
    /// The row's columns, in the order [`Self::row`] reads them.
    fn columns() -> String;
    /// The ORDER BY of the list as asked for.
    fn order(&self) -> String;
    fn row(r: &rusqlite::Row) -> rusqlite::Result<Self::Row>;
}

impl Store {
    /// How many records a list shows for `q`, remembered until the data changes.
    pub(crate) fn count_list<Q: ListQuery>(&self, q: &Q) -> Result<u64> {
        let key = format!("{} {:?}", Q::KIND.key(), q.unsorted());
        self.memo_count(key, || {
            let (w, p) = q.where_clause();
            let n: i64 = self
                .conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM {} WHERE {w}",
                    q.count_from()
                ))?
                .query_row(params_from_iter(p), |r| r.get(0))?;
            Ok(n as u64)
        })
    }

    /// One page of a list: the page's ids first, in order, from the index; then just
    /// those rows with their columns.
    pub(crate) fn list_page<Q: ListQuery>(
        &self,
        q: &Q,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<Q::Row>> {
        let (w, mut p) = q.where_clause();
        let k = p.len();
        p.push(Value::Integer(limit as i64));
        p.push(Value::Integer(offset as i64));
        let (a, order) = (Q::ALIAS, q.order());
        let sql = format!(
            "SELECT {cols} FROM (SELECT {a}.id AS pid FROM {from} WHERE {w}
                   ORDER BY {order} LIMIT ?{} OFFSET ?{}) AS pg
             JOIN {table} {a} ON {a}.id = pg.pid {join}
             ORDER BY {order}",
            k + 1,
            k + 2,
            cols = Q::columns(),
            from = Q::PAGE_FROM,
            table = Q::KIND.key(),
            join = Q::JOIN,
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(p), Q::row)?
            .collect::<rusqlite::Result<_>>()?)
    }
}
