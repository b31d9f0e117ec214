//! A figure worked out on a worker thread for a question (a date, a set of choices):
//! the answer last received stays on screen while a new question is worked out.

use std::sync::mpsc::{Receiver, channel};

use crate::store::Store;

/// The answer last received for a question `K` (or why it could not be read), and the
/// question being worked out with its channel.
pub struct Worked<K, T> {
    pub got: Option<Answer<K, T>>,
    pub pending: Option<(K, Receiver<Answer<K, T>>)>,
}

/// What a worker answers: the question, and the figure or why it could not be read.
pub type Answer<K, T> = (K, Result<T, String>);

impl<K, T> Default for Worked<K, T> {
    fn default() -> Self {
        Worked {
            got: None,
            pending: None,
        }
    }
}

impl<K: Clone + PartialEq + Send + 'static, T: Send + 'static> Worked<K, T> {
    /// Starts working out `what` for `key` unless it is there or on its way.
    pub fn ask(
        &mut self,
        key: Option<K>,
        store: &Store,
        ctx: &egui::Context,
        what: impl FnOnce(&Store, K) -> crate::store::Result<T> + Send + 'static,
    ) {
        let Some(k) = key else {
            return;
        };
        let have = self.got.as_ref().is_some_and(|(at, _)| *at == k);
        let asked = self.pending.as_ref().is_some_and(|(at, _)| *at == k);
        if !have && !asked {
            self.pending = Some((k.clone(), work_out(k, store, ctx, what)));
        }
    }

    /// Takes an answer that came, kept when it is for `key`; true when kept.
    pub fn poll(&mut self, key: Option<&K>) -> bool {
        let Some((_, rx)) = &self.pending else {
            return false;
        };
        let Ok(r) = rx.try_recv() else {
            return false;
        };
        self.pending = None;
        let keep = Some(&r.0) == key;
        if keep {
            self.got = Some(r);
        }
        keep
    }

    /// True while a question is being worked out.
    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }
}

/// Works `what` out for `key` on a worker thread with its own connection; the answer
/// (or why not) comes on the receiver, and the window is woken for it.
fn work_out<K: Clone + Send + 'static, T: Send + 'static>(
    key: K,
    store: &Store,
    ctx: &egui::Context,
    what: impl FnOnce(&Store, K) -> crate::store::Result<T> + Send + 'static,
) -> Receiver<Answer<K, T>> {
    let (tx, rx) = channel();
    let opener = store.opener();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let r = opener
            .open()
            .and_then(|s| what(&s, key.clone()))
            .map_err(|e| e.message());
        let _ = tx.send((key, r));
        ctx.request_repaint();
    });
    rx
}
