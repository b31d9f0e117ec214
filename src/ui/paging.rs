//! The page cache every list uses: counts for the current query, and pages of rows
//! fetched from the store only when they scroll into view.

use std::collections::HashMap;

use crate::store::StoreError;

/// Rows per page fetched from the store.
pub const PAGE: u64 = 100;

pub struct PageCache<Q, R> {
    key: Option<Q>,
    pages: HashMap<u64, Vec<R>>,
    /// All records of the kind (outside the trash).
    pub total: u64,
    /// Records the query matches.
    pub filtered: u64,
    pub error: Option<String>,
}

impl<Q, R> Default for PageCache<Q, R> {
    fn default() -> Self {
        PageCache {
            key: None,
            pages: HashMap::new(),
            total: 0,
            filtered: 0,
            error: None,
        }
    }
}

impl<Q: Clone + PartialEq, R> PageCache<Q, R> {
    /// Forgets everything: the next refresh asks the store again.
    pub fn invalidate(&mut self) {
        self.key = None;
    }

    /// Counts again when the query changed. `count` gives (total, filtered).
    pub fn refresh(&mut self, q: &Q, count: impl FnOnce(&Q) -> Result<(u64, u64), StoreError>) {
        if self.key.as_ref() == Some(q) {
            return;
        }
        self.pages.clear();
        self.error = None;
        self.key = Some(q.clone());
        match count(q) {
            Ok((total, filtered)) => {
                self.total = total;
                self.filtered = filtered;
            }
            Err(e) => {
                self.error = Some(e.message());
                self.filtered = 0;
            }
        }
    }

    /// Like [`refresh`](Self::refresh), for lists whose filtered count costs a scan: the
    /// first page is fetched first, and when it is not full its length is the count —
    /// a search that finds few rows (the slow kind, which reads the whole table to find
    /// them) is read once instead of twice.
    pub fn refresh_paged(
        &mut self,
        q: &Q,
        total: impl FnOnce() -> Result<u64, StoreError>,
        filtered: impl FnOnce(&Q) -> Result<u64, StoreError>,
        fetch: impl FnOnce(&Q, u64, u64) -> Result<Vec<R>, StoreError>,
    ) {
        if self.key.as_ref() == Some(q) {
            return;
        }
        self.pages.clear();
        self.error = None;
        self.key = Some(q.clone());
        let counted = fetch(q, 0, PAGE).and_then(|first| {
            let n = first.len() as u64;
            self.pages.insert(0, first);
            let filtered = if n < PAGE { n } else { filtered(q)? };
            Ok((total()?, filtered))
        });
        match counted {
            Ok((total, filtered)) => {
                self.total = total;
                self.filtered = filtered;
            }
            Err(e) => {
                self.error = Some(e.message());
                self.filtered = 0;
            }
        }
    }

    /// Row `i` of the current query, fetching its page if needed. `fetch` gets
    /// (query, offset, limit).
    pub fn row(
        &mut self,
        q: &Q,
        i: u64,
        fetch: impl FnOnce(&Q, u64, u64) -> Result<Vec<R>, StoreError>,
    ) -> Option<&R> {
        let page = i / PAGE;
        if !self.pages.contains_key(&page) {
            if self.pages.len() > 40 {
                self.pages.clear();
            }
            match fetch(q, page * PAGE, PAGE) {
                Ok(rows) => {
                    self.pages.insert(page, rows);
                }
                Err(e) => {
                    self.error = Some(e.message());
                    return None;
                }
            }
        }
        self.pages.get(&page)?.get((i % PAGE) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_first_page_is_its_own_count_and_a_full_one_is_counted() {
        let mut cache: PageCache<&str, u32> = PageCache::default();
        let mut counted = false;
        cache.refresh_paged(
            &"rare",
            || Ok(1000),
            |_| {
                counted = true;
                Ok(0)
            },
            |_, o, l| Ok((o as u32..(o + l).min(30) as u32).collect()),
        );
        assert!(!counted, "30 rows: no count needed");
        assert_eq!((cache.total, cache.filtered), (1000, 30));
        assert_eq!(cache.row(&"rare", 29, |_, _, _| unreachable!()), Some(&29));
        cache.refresh_paged(
            &"common",
            || Ok(1000),
            |_| Ok(640),
            |_, o, l| Ok((o as u32..(o + l) as u32).collect()),
        );
        assert_eq!(cache.filtered, 640, "a full page: counted");
        // The same query again asks nothing.
        cache.refresh_paged(
            &"common",
            || unreachable!(),
            |_| unreachable!(),
            |_, _, _| unreachable!(),
        );
    }
}
