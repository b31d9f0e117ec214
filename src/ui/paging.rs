//! The page cache every list uses: counts for the current query, and pages of rows
//! fetched from the store only when they scroll into view.
//!
//! On a large table a new query (a keystroke in the search box) is answered on a worker
//! thread with its own connection: the list keeps showing the previous result until the
//! new one is ready, so typing never waits for a scan.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

use crate::store::{Store, StoreError};

/// Rows per page fetched from the store.
pub const PAGE: u64 = 100;

/// Tables with at least this many records are searched on a worker thread.
pub const BACKGROUND_FROM: u64 = 20_000;

/// A page of a list: (store, query, offset, limit) → rows.
pub type PageFn<Q, R> = fn(&Store, &Q, u64, u64) -> Result<Vec<R>, StoreError>;

/// What a list reads, as plain functions so a worker thread can call them too.
pub struct Source<Q, R> {
    /// All records of the kind (outside the trash).
    pub total: fn(&Store) -> Result<u64, StoreError>,
    /// Records the query matches.
    pub count: fn(&Store, &Q) -> Result<u64, StoreError>,
    /// (query, offset, limit) → rows.
    pub page: PageFn<Q, R>,
}

impl<Q, R> Clone for Source<Q, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Q, R> Copy for Source<Q, R> {}

/// (total, filtered, first page) for a query: the first page is fetched first, and when
/// it is not full its length is the count — a search that finds few rows (the slow kind,
/// which reads the whole table to find them) is read once instead of twice.
fn first_answer<Q, R>(
    q: &Q,
    total: impl FnOnce() -> Result<u64, StoreError>,
    filtered: impl FnOnce(&Q) -> Result<u64, StoreError>,
    fetch: impl FnOnce(&Q, u64, u64) -> Result<Vec<R>, StoreError>,
) -> Result<(u64, u64, Vec<R>), String> {
    (|| {
        let first = fetch(q, 0, PAGE)?;
        let n = first.len() as u64;
        let filtered = if n < PAGE { n } else { filtered(q)? };
        Ok((total()?, filtered, first))
    })()
    .map_err(|e: StoreError| e.message())
}

type Answer<Q, R> = (u64, Q, Result<(u64, u64, Vec<R>), String>);

/// The worker thread of one list: takes queries, answers the newest.
struct Worker<Q, R> {
    ask: mpsc::Sender<(u64, Q)>,
    answers: mpsc::Receiver<Answer<Q, R>>,
    generation: u64,
}

impl<Q: Send + 'static, R: Send + 'static> Worker<Q, R> {
    fn start(db: PathBuf, src: Source<Q, R>) -> Worker<Q, R> {
        let (ask, asked) = mpsc::channel::<(u64, Q)>();
        let (answer, answers) = mpsc::channel();
        std::thread::spawn(move || {
            let store = match Store::open(&db) {
                Ok(s) => s,
                Err(e) => {
                    while let Ok((g, q)) = asked.recv() {
                        let _ = answer.send((g, q, Err(e.message())));
                    }
                    return;
                }
            };
            while let Ok(mut job) = asked.recv() {
                // Only the newest query matters: skip those typed over since.
                while let Ok(newer) = asked.try_recv() {
                    job = newer;
                }
                let (g, q) = job;
                let result = first_answer(
                    &q,
                    || (src.total)(&store),
                    |q| (src.count)(&store, q),
                    |q, o, l| (src.page)(&store, q, o, l),
                );
                if answer.send((g, q, result)).is_err() {
                    return;
                }
            }
        });
        Worker {
            ask,
            answers,
            generation: 0,
        }
    }
}

pub struct PageCache<Q, R> {
    /// The query whose rows and counts are shown.
    key: Option<Q>,
    /// A query sent to the worker and not answered yet.
    wanted: Option<Q>,
    worker: Option<Worker<Q, R>>,
    /// Tables this large are searched on the worker thread.
    background_from: u64,
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
            wanted: None,
            worker: None,
            background_from: BACKGROUND_FROM,
            pages: HashMap::new(),
            total: 0,
            filtered: 0,
            error: None,
        }
    }
}

impl<Q: Clone + PartialEq, R> PageCache<Q, R> {
    /// The status bar's 交往反馈：共 N 条（已筛选 M 条）: the list's name and the counts
    /// last made.
    pub fn status_text(&self, list: crate::strings::S, filtering: bool) -> String {
        crate::strings::labelled(
            list.t(),
            &crate::strings::counts(self.total, self.filtered, filtering),
        )
    }

    /// Forgets everything: the next refresh asks the store again.
    pub fn invalidate(&mut self) {
        self.key = None;
        self.wanted = None;
    }

    /// Searches on the worker thread from tables of `n` records (tests).
    #[doc(hidden)]
    pub fn background_from(&mut self, n: u64) {
        self.background_from = n;
    }

    /// True while a new query is being answered on the worker thread.
    pub fn pending(&self) -> bool {
        self.wanted.is_some()
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

    /// Like [`refresh`](Self::refresh), for lists whose filtered count costs a scan
    /// (see [`first_answer`]).
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
        self.show_answer(q.clone(), first_answer(q, total, filtered, fetch));
    }

    /// Puts a query's (total, filtered, first page) on screen.
    fn show_answer(&mut self, q: Q, answer: Result<(u64, u64, Vec<R>), String>) {
        self.pages.clear();
        self.key = Some(q);
        match answer {
            Ok((total, filtered, first)) => {
                self.error = None;
                self.total = total;
                self.filtered = filtered;
                self.pages.insert(0, first);
            }
            Err(e) => {
                self.error = Some(e);
                self.filtered = 0;
            }
        }
    }

    /// [`refresh_paged`](Self::refresh_paged) from a [`Source`]; on a table of
    /// [`BACKGROUND_FROM`] records or more the new query is answered on a worker thread
    /// (with its own connection to the database at `store.path()`) while the previous
    /// result stays on screen. Asks for frames until the answer is in.
    pub fn refresh_source(&mut self, q: &Q, store: &Store, src: Source<Q, R>, ctx: &egui::Context)
    where
        Q: Send + 'static,
        R: Send + 'static,
    {
        self.take_answer();
        if self.key.as_ref() == Some(q) && self.wanted.is_none() {
            return;
        }
        let big = self.total >= self.background_from;
        if !big {
            self.wanted = None;
            self.refresh_paged(
                q,
                || (src.total)(store),
                |q| (src.count)(store, q),
                |q, o, l| (src.page)(store, q, o, l),
            );
            return;
        }
        if self.wanted.as_ref() != Some(q) {
            let worker = self
                .worker
                .get_or_insert_with(|| Worker::start(store.path().to_path_buf(), src));
            worker.generation += 1;
            let _ = worker.ask.send((worker.generation, q.clone()));
            self.wanted = Some(q.clone());
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(30));
    }

    /// Puts the worker's answer for the newest query on screen, if it is in.
    fn take_answer(&mut self) {
        let Some(worker) = &self.worker else { return };
        let newest = worker.generation;
        let mut answer = None;
        while let Ok((g, q, result)) = worker.answers.try_recv() {
            if g == newest && self.wanted.as_ref() == Some(&q) {
                answer = Some((q, result));
            }
        }
        if let Some((q, result)) = answer {
            self.wanted = None;
            self.show_answer(q, result);
        }
    }

    /// Row `i` of the query shown (while a newer one is answered on the worker thread,
    /// the previous one's), fetching its page if needed. `fetch` gets (query, offset,
    /// limit).
    pub fn row(
        &mut self,
        q: &Q,
        i: u64,
        fetch: impl FnOnce(&Q, u64, u64) -> Result<Vec<R>, StoreError>,
    ) -> Option<&R> {
        let page = i / PAGE;
        let shown = self.key.clone();
        let q = shown.as_ref().unwrap_or(q);
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
    fn a_new_query_on_a_large_table_is_answered_by_the_worker_while_the_old_rows_stay() {
        use crate::domain::feedback::Feedback;
        use crate::store::feedback::{FeedbackQuery, FeedbackRow};
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("k.sqlite3")).unwrap();
        store.create_first_admin("kehu-test-1").unwrap();
        let c = store
            .save_customer(&crate::domain::Customer {
                name: "北京华信科技".into(),
                ..Default::default()
            })
            .unwrap();
        for subject in ["发票开错", "季度回访", "发票遗失"] {
            store
                .save_feedback(&Feedback {
                    customer_id: Some(c),
                    at: "2026-03-05 09:30".into(),
                    subject: subject.into(),
                    ..Default::default()
                })
                .unwrap();
        }
        let src: Source<FeedbackQuery, FeedbackRow> = Source {
            total: |s| s.count_feedback(&FeedbackQuery::default()),
            count: |s, q| s.count_feedback(q),
            page: |s, q, o, l| s.feedback_page(q, o, l),
        };
        let ctx = egui::Context::default();
        let mut cache = PageCache::default();
        cache.background_from(0);
        let wait = |cache: &mut PageCache<FeedbackQuery, FeedbackRow>, q: &FeedbackQuery| {
            for _ in 0..500 {
                cache.refresh_source(q, &store, src, &ctx);
                if !cache.pending() {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            panic!("the worker never answered");
        };
        let all = FeedbackQuery::default();
        wait(&mut cache, &all);
        assert_eq!((cache.total, cache.filtered), (3, 3));
        let invoices = FeedbackQuery {
            text: "发票".into(),
            ..Default::default()
        };
        cache.refresh_source(&invoices, &store, src, &ctx);
        // Until the answer is in, the list still shows every row of the previous query.
        let shown = cache.filtered;
        let row = |cache: &mut PageCache<_, FeedbackRow>, q, i| {
            cache
                .row(q, i, |q, o, l| store.feedback_page(q, o, l))
                .map(|r| r.subject.clone())
        };
        assert!(cache.pending(), "asked, not yet answered");
        assert_eq!(shown, 3);
        assert!(row(&mut cache, &invoices, 2).is_some());
        wait(&mut cache, &invoices);
        assert_eq!(cache.filtered, 2);
        let mut subjects: Vec<String> = (0..2)
            .filter_map(|i| row(&mut cache, &invoices, i))
            .collect();
        subjects.sort();
        assert_eq!(subjects, ["发票开错", "发票遗失"]);
    }

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
