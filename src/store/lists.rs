//! What the record lists (feedback, contracts, competitors, news) share in the store:
//! a query over one table, counted the same way for every kind. Each kind says its
//! table and how its filters read as SQL; [`Store::count_list`] does the rest.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::{Result, Store};

/// A list's query over one kind's table.
pub trait ListQuery: Clone + std::fmt::Debug {
    /// The table, as the change log names it (also the count memo's key).
    const TABLE: &'static str;
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
}

impl Store {
    /// How many records a list shows for `q`, remembered until the data changes.
    pub(crate) fn count_list<Q: ListQuery>(&self, q: &Q) -> Result<u64> {
        let key = format!("{} {:?}", Q::TABLE, q.unsorted());
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
}
