//! One list-and-form panel for every kind of record, customers included. The panel owns
//! what every kind does the same way — the keys, the search box and its count, the paged
//! table, the empty and no-match texts, 导入…/导出…, the side form with 保存/删除/历史,
//! the question before unsaved edits are dropped, the trash question, the history window
//! and the message line — and asks the kind ([`RecordUi`]) only for what is its own: its
//! columns and filters, its form's fields, the store calls that load, save and trash it,
//! and its own buttons and windows (the customers' trash, print, merge and bulk change;
//! a contract's approval steps).

use std::path::PathBuf;

use super::Goto;
use super::app::Tab;
use super::list::{Cell, Columns, confirm_trash, form_header, keys, paged_table, search_box};
use super::paging::{PageCache, Source};
use super::transfer::{ExportJob, Transfer};
use super::widgets::{self, Answer, Message};
use crate::store::changelog::ChangeEntry;
use crate::store::{Sort, Store, StoreError};
use crate::strings::S;

/// A kind of record as its panel shows it.
pub trait RecordUi: 'static {
    /// What the list is asked for: search text, filters, order.
    type Query: Clone + PartialEq + Default + Send + 'static;
    /// One row of the list.
    type Row: Clone + Send + 'static;
    /// The open record being edited, with whatever its fields need while typed.
    type Form;
    /// What the panel keeps for this kind besides the list and the form (choices read
    /// from the store, the kind's own windows).
    type Extra: Default;

    /// Its tab: the list's name in the status bar, its table (the 历史 window's) and
    /// what its files hold.
    const TAB: Tab;
    const SEARCH_HINT: S;
    /// The 新建 button, and the title of a new record's form.
    const NEW: S;
    /// The list's text when there are no records at all, and when a search finds none.
    const NONE_YET: S;
    const NONE_MATCH: S;
    /// egui ids of the side form and of the trash question.
    const FORM_ID: &'static str;
    /// The side form's width as it opens.
    const FORM_WIDTH: f32 = 480.0;
    const DELETE_ID: &'static str;
    /// The trash question's title.
    const DELETE_TITLE: S = S::Delete;
    /// The list's column headings.
    fn heads() -> Vec<&'static str>;
    const WIDTHS: &'static [f32];
    /// Columns the list cannot be sorted by (their headers are not buttons).
    const UNSORTABLE: &'static [usize] = &[];
    /// A new search on a large table is answered on a worker thread (see
    /// [`super::paging`]); false for a kind whose search always answers at once.
    const SEARCH_ON_WORKER: bool = true;
    /// The filters go on a row of their own under the buttons (the customers' five).
    const FILTER_ROW: bool = false;

    fn source() -> Source<Self::Query, Self::Row>;
    fn row_id(r: &Self::Row) -> i64;
    fn cells(r: &Self::Row) -> Vec<Cell>;
    fn search_text(q: &mut Self::Query) -> &mut String;
    fn sort(q: &Self::Query) -> Option<Sort>;
    fn set_sort(q: &mut Self::Query, sort: Option<Sort>);
    /// Whether the query narrows the list (its order does not).
    fn filtering(q: &Self::Query) -> bool {
        let mut plain = q.clone();
        Self::set_sort(&mut plain, None);
        plain != Self::Query::default()
    }
    /// 导出: the list as filtered (`every`: a row per contact, for customers), written
    /// on a worker thread.
    fn export(store: &Store, q: &Self::Query, path: PathBuf, every: bool) -> ExportJob;
    /// Reads what the panel needs from the store before it draws (once, or each frame).
    fn prepare(_extra: &mut Self::Extra, _store: &Store) {}
    /// The kind's data changed (a save, an import, an undo elsewhere): what
    /// [`Self::prepare`] read is read again.
    fn data_changed(_extra: &mut Self::Extra) {}
    /// The filters beside the search box (or on their own row).
    fn filters(ui: &mut egui::Ui, q: &mut Self::Query, extra: &Self::Extra, store: &Store);
    /// Buttons of the kind's own: after 新建, and (`after_transfer`) after 导入…/导出….
    fn buttons(
        _ui: &mut egui::Ui,
        _extra: &mut Self::Extra,
        _store: &Store,
        _bar: &mut Bar<'_, Self>,
        _after_transfer: bool,
    ) {
    }
    /// Draws something in place of the list (the customers' trash); true when it did.
    fn instead_of_list(
        _ui: &mut egui::Ui,
        _extra: &mut Self::Extra,
        _store: &mut Store,
        _bar: &mut Bar<'_, Self>,
    ) -> bool {
        false
    }
    /// Back to the list from whatever [`Self::instead_of_list`] shows (Ctrl+F, 新建, a
    /// record opened from another tab).
    fn back_to_list(_extra: &mut Self::Extra) {}
    /// Ctrl+P on the list.
    fn print(_extra: &mut Self::Extra, _q: &Self::Query, _store: &Store) {}
    /// A window of the kind's own has the keyboard (a question, a preview).
    fn busy(_extra: &Self::Extra) -> bool {
        false
    }
    /// Where a record stands in the list as filtered, to bring it into view when it
    /// is opened from another tab.
    fn position(_store: &Store, _q: &Self::Query, _id: i64) -> Option<u64> {
        None
    }

    fn blank() -> Self::Form;
    fn load(store: &Store, id: i64) -> Result<Self::Form, StoreError>;
    /// The saved record's id (None while new).
    fn id(f: &Self::Form) -> Option<i64>;
    /// The saved record's name, for the form's title and the trash question.
    fn name(f: &Self::Form) -> String;
    /// Whether the form differs from the record as saved.
    fn dirty(f: &Self::Form) -> bool;
    /// Whether 保存 is offered: edits with no problem found (by the rules or the store).
    fn can_save(f: &Self::Form) -> bool;
    /// Saves the form. `Err(Fields)`: problems in fields, now kept in the form to show
    /// beside them; `Err(Store(e))`: any other failure. The form is not saved when the
    /// rules find problems (`FixErrors` is said).
    fn save(store: &mut Store, f: &mut Self::Form) -> Result<i64, SaveFailed>;
    fn trash(store: &mut Store, id: i64) -> Result<(), StoreError>;
    /// Moves the record into the trash (Ok(true)), or asks something more first in the
    /// kind's windows (Ok(false): a customer with contracts).
    fn trash_or_ask(
        store: &mut Store,
        id: i64,
        _extra: &mut Self::Extra,
    ) -> Result<bool, StoreError> {
        Self::trash(store, id).map(|()| true)
    }
    /// The trash question.
    fn trash_question(name: &str) -> String {
        crate::strings::confirm_delete_record(name)
    }
    /// Whether the record may go to the trash now (Delete and 删除).
    fn may_delete(_f: &Self::Form) -> bool {
        true
    }
    /// The record's changes for its 历史 window.
    fn history(store: &Store, id: i64) -> Result<Vec<ChangeEntry>, StoreError> {
        store.history(Self::TAB.table(), id)
    }
    /// The form's fields and related records under the header; a link clicked returns
    /// where to go. `message` is the panel's message line (for actions inside the form).
    fn form_body(
        ui: &mut egui::Ui,
        f: &mut Self::Form,
        extra: &mut Self::Extra,
        store: &mut Store,
        message: &mut Option<Message>,
    ) -> Option<Goto>;
    /// The whole side form: by default the shared header (title, 保存/删除/历史, the
    /// message) over [`Self::form_body`]. A kind whose header holds more (a contract's
    /// approval steps, a customer's print and merge) draws its own.
    fn show_form(
        ui: &mut egui::Ui,
        f: &mut Self::Form,
        extra: &mut Self::Extra,
        store: &mut Store,
        message: &mut Option<Message>,
    ) -> FormOutcome {
        let title = match Self::id(f) {
            None => Self::NEW.t().to_string(),
            Some(_) => Self::name(f),
        };
        let clicks = form_header(
            ui,
            &title,
            Self::dirty(f) && Self::can_save(f),
            Self::id(f).is_some(),
            message.as_ref(),
        );
        let goto = Self::form_body(ui, f, extra, store, message);
        FormOutcome {
            save: clicks.save,
            delete: clicks.delete,
            history: clicks.history,
            goto,
            ..Default::default()
        }
    }
    /// Windows of the kind's own (a preview, a dialog), drawn after the panel; what
    /// they did to the data is said through `bar`.
    fn windows(
        _ctx: &egui::Context,
        _extra: &mut Self::Extra,
        _store: &mut Store,
        _bar: &mut Bar<'_, Self>,
    ) {
    }
}

/// What a kind's own buttons and windows see of its panel, and what they ask of it.
pub struct Bar<'a, K: RecordUi + ?Sized> {
    pub query: &'a mut K::Query,
    /// The record open in the form, if any.
    pub form: Option<&'a K::Form>,
    pub message: &'a mut Option<Message>,
    /// How many records the list shows.
    pub filtered: u64,
    /// Set when the data changed: the list is fetched again, and the open record read
    /// again unless it has unsaved edits.
    pub changed: bool,
    /// Set to show this record in the form, read again from the store.
    pub open: Option<i64>,
    /// Set to close the form (its record went to the trash).
    pub close: bool,
}

/// The message under a form's field: its first problem, once the form has been
/// edited (`shown`), in words.
pub fn field_message<F: PartialEq>(
    errs: &[(F, crate::domain::validate::Problem)],
    shown: bool,
    field: F,
) -> Option<String> {
    if !shown {
        return None;
    }
    errs.iter()
        .find(|e| e.0 == field)
        .map(|e| crate::strings::problem(e.1))
}

/// What the user did in a record's form in one frame.
#[derive(Default)]
pub struct FormOutcome {
    pub save: bool,
    /// Drop the edits, or close the form (取消, as Esc).
    pub cancel: bool,
    /// Move the record into the trash (after asking).
    pub delete: bool,
    pub history: bool,
    /// A linked record clicked.
    pub goto: Option<Goto>,
    /// An action in the form changed this record in the store (a status change, a
    /// payment, a new revision): the list is fetched again and the form shows it.
    pub reload: Option<i64>,
}

/// Why a form was not saved.
pub enum SaveFailed {
    /// Problems in fields, shown beside them.
    Fields,
    Store(StoreError),
}

/// Something asked for that would drop the form's unsaved edits: done once the user
/// says so.
enum Leave<F> {
    Select(i64),
    New(F),
    Close,
}

pub struct RecordPanel<K: RecordUi> {
    query: K::Query,
    transfer: Transfer,
    cache: PageCache<K::Query, K::Row>,
    extra: K::Extra,
    form: Option<K::Form>,
    message: Option<Message>,
    leave: Option<Leave<K::Form>>,
    confirm_delete: Option<(i64, String)>,
    history: Option<super::history::RecordHistory>,
    focus_search: bool,
    /// The row the list scrolls to once (a record opened from another tab).
    scroll_to: Option<u64>,
    /// A linked record clicked in the form; the app opens it on its tab.
    goto: Option<Goto>,
}

impl<K: RecordUi> Default for RecordPanel<K> {
    fn default() -> Self {
        let mut cache = PageCache::default();
        if !K::SEARCH_ON_WORKER {
            cache.background_from(u64::MAX);
        }
        RecordPanel {
            query: K::Query::default(),
            transfer: Transfer::default(),
            cache,
            extra: K::Extra::default(),
            form: None,
            message: None,
            leave: None,
            confirm_delete: None,
            history: None,
            focus_search: false,
            scroll_to: None,
            goto: None,
        }
    }
}

impl<K: RecordUi> RecordPanel<K> {
    /// Opens the import wizard on a file (a file dropped on the window).
    pub fn start_import(&mut self, path: PathBuf, store: &Store) {
        self.transfer.start_import(path, K::TAB.records(), store);
    }

    /// Opens the import file box (the setup card's 导入已有的名单).
    pub fn ask_import(&mut self) {
        self.transfer.ask_import();
    }

    /// The status bar's text (竞争对手：共 N 条（已筛选 M 条）), as the list last counted.
    pub fn status_text(&self) -> String {
        self.cache
            .status_text(K::TAB.label(), K::filtering(&self.query))
    }

    /// The status bar's text, counted again if the data changed since (for a list not
    /// on screen: the customers' under 系统工具 after an undo there).
    pub fn counted_status_text(&mut self, store: &Store) -> String {
        let src = K::source();
        if self.cache.pending() {
            // A search is being answered on the worker thread: its counts come with it.
            return self.status_text();
        }
        self.cache.refresh_paged(
            &self.query,
            || (src.total)(store),
            |q| (src.count)(store, q),
            |q, o, l| (src.page)(store, q, o, l),
        );
        self.status_text()
    }

    /// Shows a record opened from elsewhere: back to the list, scrolled to it, asking
    /// first when the form has unsaved edits.
    pub fn show_record(&mut self, id: i64, store: &Store) {
        K::back_to_list(&mut self.extra);
        self.scroll_to = K::position(store, &self.query, id);
        self.request(Leave::Select(id), store);
    }

    /// Shows the list as another tab asks (统计报表's bar clicked): its search and
    /// filters replaced by `query`, from the top.
    pub fn list_as(&mut self, query: K::Query) {
        K::back_to_list(&mut self.extra);
        self.query = query;
        self.scroll_to = Some(0);
    }

    /// Reads the record into the form, whatever the form held.
    fn load(&mut self, id: i64, store: &Store) {
        match K::load(store, id) {
            Ok(f) => self.form = Some(f),
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    /// The list must be fetched again (data changed elsewhere).
    pub fn invalidate(&mut self) {
        self.cache.invalidate();
        K::data_changed(&mut self.extra);
    }

    /// Opens a new record's form, filled in as the caller says (feedback for a
    /// customer), asking first when the form has unsaved edits.
    pub fn start_new(&mut self, form: K::Form, store: &Store) {
        self.request(Leave::New(form), store);
    }

    /// Does `what` now, or first asks whether to drop the form's unsaved edits.
    fn request(&mut self, what: Leave<K::Form>, store: &Store) {
        if let (Leave::Select(id), Some(f)) = (&what, &self.form)
            && K::id(f) == Some(*id)
        {
            return;
        }
        if self.form.as_ref().is_some_and(K::dirty) {
            self.leave = Some(what);
        } else {
            self.do_leave(what, store);
        }
    }

    fn do_leave(&mut self, what: Leave<K::Form>, store: &Store) {
        self.message = None;
        match what {
            Leave::Select(id) => self.load(id, store),
            Leave::New(f) => {
                K::back_to_list(&mut self.extra);
                self.form = Some(f);
            }
            Leave::Close => self.form = None,
        }
    }

    /// Esc and 取消: drop the edits of a saved record, close a new one (asking first
    /// when something was typed), or close the form when nothing was changed.
    fn cancel_edit(&mut self, store: &Store) {
        let Some(f) = &self.form else { return };
        match (K::dirty(f), K::id(f)) {
            (true, Some(id)) => self.load(id, store),
            (true, None) => self.leave = Some(Leave::Close),
            (false, _) => self.form = None,
        }
    }

    fn ask_delete(&mut self) {
        if let Some(f) = &self.form
            && K::may_delete(f)
            && let Some(id) = K::id(f)
        {
            self.confirm_delete = Some((id, K::name(f)));
        }
    }

    /// Runs a kind's own buttons or windows over the panel, then does what they asked.
    fn with_bar<T>(
        &mut self,
        store: &mut Store,
        f: impl FnOnce(&mut Bar<'_, K>, &mut K::Extra, &mut Store) -> T,
    ) -> T {
        let mut bar = Bar {
            query: &mut self.query,
            form: self.form.as_ref(),
            message: &mut self.message,
            filtered: self.cache.filtered,
            changed: false,
            open: None,
            close: false,
        };
        let out = f(&mut bar, &mut self.extra, store);
        let (changed, open, close) = (bar.changed, bar.open, bar.close);
        if close {
            self.form = None;
        }
        if changed {
            self.invalidate();
            if let Some(f) = &self.form
                && !K::dirty(f)
                && let Some(id) = K::id(f)
            {
                self.load(id, store);
            }
        }
        if let Some(id) = open {
            self.load(id, store);
        }
        out
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let asking = self.confirm_delete.is_some() || self.leave.is_some() || K::busy(&self.extra);
        let k = keys(ui, asking);
        if k.new {
            self.request(Leave::New(K::blank()), store);
        }
        if k.save {
            self.save(store);
        }
        if k.find {
            K::back_to_list(&mut self.extra);
            self.focus_search = true;
        }
        if k.print {
            K::print(&mut self.extra, &self.query, store);
        }
        if k.delete {
            self.ask_delete();
        }
        if k.escape {
            self.cancel_edit(store);
        }
        K::prepare(&mut self.extra, store);
        self.cache
            .refresh_source(&self.query, store, K::source(), ui.ctx());
        if self.form.is_some() {
            egui::Panel::right(K::FORM_ID)
                .default_size(K::FORM_WIDTH)
                .size_range(360.0..=820.0)
                .show(ui, |ui| self.show_form(ui, store));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let instead = self.with_bar(store, |bar, extra, store| {
                K::instead_of_list(ui, extra, store, bar)
            });
            if !instead {
                self.show_list(ui, store);
            }
        });
        let ctx = ui.ctx().clone();
        self.with_bar(store, |bar, extra, store| {
            K::windows(&ctx, extra, store, bar)
        });
        self.show_questions(&ctx, store);
        let query = self.query.clone();
        if self.transfer.show(
            &ctx,
            store,
            K::TAB.records(),
            move |store, path, every| K::export(store, &query, path, every),
            &mut self.message,
        ) {
            self.invalidate();
        }
        self.show_history(&ctx, store);
    }

    fn show_list(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let filtering = K::filtering(&self.query);
        let mut new = false;
        ui.horizontal_wrapped(|ui| {
            search_box(
                ui,
                K::search_text(&mut self.query),
                &mut self.focus_search,
                K::SEARCH_HINT,
            );
            if !K::FILTER_ROW {
                K::filters(ui, &mut self.query, &self.extra, store);
            }
            new = ui.button(K::NEW.t()).on_hover_text("Ctrl+N").clicked();
            self.with_bar(store, |bar, extra, store| {
                K::buttons(ui, extra, store, bar, false)
            });
            self.transfer.buttons(ui, self.cache.filtered);
            self.with_bar(store, |bar, extra, store| {
                K::buttons(ui, extra, store, bar, true)
            });
            if !K::FILTER_ROW {
                self.counts(ui, filtering);
            }
        });
        if K::FILTER_ROW {
            ui.horizontal_wrapped(|ui| {
                // Beside an open form the list is narrow: the filters' boxes give up
                // some width so that they keep to a row.
                if ui.available_width() < 920.0 {
                    ui.spacing_mut().combo_width = 80.0;
                }
                K::filters(ui, &mut self.query, &self.extra, store);
                self.counts(ui, filtering);
            });
        }
        if new {
            self.request(Leave::New(K::blank()), store);
        }
        super::list::list_message(ui, self.form.is_some(), self.message.as_ref());
        ui.separator();
        // A list that cannot be read says why, not that there is nothing in it.
        if let Some(e) = &self.cache.error {
            ui.colored_label(widgets::ERROR_RED, e);
        }
        if self.cache.filtered == 0 {
            ui.add_space(20.0);
            // An empty search result is not an empty list.
            let text = if self.cache.total == 0 {
                K::NONE_YET
            } else {
                K::NONE_MATCH
            };
            ui.label(text.t());
            return;
        }
        let selected = self.form.as_ref().and_then(K::id);
        let query = self.query.clone();
        let page = K::source().page;
        let clicks = paged_table(
            ui,
            &mut self.cache,
            &query,
            Columns {
                sort: K::sort(&query),
                selected,
                unsortable: K::UNSORTABLE,
                scroll_to: self.scroll_to.take(),
                ..Columns::new(K::heads(), K::WIDTHS)
            },
            |q, o, l| page(store, q, o, l),
            K::row_id,
            K::cells,
        );
        if let Some(sort) = clicks.sort {
            K::set_sort(&mut self.query, sort);
        }
        if let Some(id) = clicks.row {
            self.request(Leave::Select(id), store);
        }
    }

    /// The spinner while a search is answered, and 共 N 条（已筛选 M 条）.
    fn counts(&self, ui: &mut egui::Ui, filtering: bool) {
        if self.cache.pending() {
            // A search on a large table is being answered off the UI thread.
            ui.spinner();
        }
        super::list::count_label(ui, self.cache.total, self.cache.filtered, filtering);
    }

    fn save(&mut self, store: &mut Store) {
        let Some(f) = &mut self.form else { return };
        match K::save(store, f) {
            Ok(id) => {
                self.invalidate();
                self.load(id, store);
                self.message = Some(Message::info(S::Saved.t()));
            }
            Err(SaveFailed::Fields) => self.message = Some(Message::error(S::FixErrors.t())),
            Err(SaveFailed::Store(e)) => self.message = Some(Message::error(e.message())),
        }
    }

    /// The questions the panel asks: drop unsaved edits? move to the trash?
    fn show_questions(&mut self, ctx: &egui::Context, store: &mut Store) {
        if self.leave.is_some() {
            match widgets::confirm_dialog(
                ctx,
                "unsaved",
                S::UnsavedTitle.t(),
                S::UnsavedBody.t(),
                S::Discard.t(),
                S::KeepEditing.t(),
            ) {
                Answer::Confirm => {
                    if let Some(what) = self.leave.take() {
                        self.do_leave(what, store);
                    }
                }
                Answer::Cancel => self.leave = None,
                Answer::Pending => {}
            }
        }
        let question = self
            .confirm_delete
            .as_ref()
            .map(|(_, name)| K::trash_question(name));
        let Some(id) = confirm_trash(
            ctx,
            K::DELETE_ID,
            K::DELETE_TITLE.t(),
            question.as_deref().unwrap_or_default(),
            &mut self.confirm_delete,
        ) else {
            return;
        };
        match K::trash_or_ask(store, id, &mut self.extra) {
            Ok(true) => {
                self.form = None;
                self.invalidate();
                self.message = Some(Message::info(S::MovedToTrash.t()));
            }
            Ok(false) => {}
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    fn show_history(&mut self, ctx: &egui::Context, store: &mut Store) {
        let Some(h) = &mut self.history else { return };
        let put_back = h.show(ctx);
        let id = h.id;
        if !h.open {
            self.history = None;
        }
        let Some(change) = put_back else { return };
        match store.put_back(change) {
            Ok(()) => {
                self.invalidate();
                self.load(id, store);
                self.history = Some(super::history::RecordHistory::new(
                    id,
                    K::history(store, id),
                ));
                self.message = Some(Message::info(S::PutBackDone.t()));
            }
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    fn show_form(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(f) = &mut self.form else { return };
        let out = K::show_form(ui, f, &mut self.extra, store, &mut self.message);
        self.goto = out.goto;
        if out.history
            && let Some(id) = K::id(f)
        {
            self.history = Some(super::history::RecordHistory::new(
                id,
                K::history(store, id),
            ));
        }
        if out.delete {
            self.ask_delete();
        }
        if out.save {
            self.save(store);
        }
        if out.cancel {
            self.cancel_edit(store);
        }
        if let Some(id) = out.reload {
            self.invalidate();
            self.load(id, store);
        }
    }
}

/// What the app shell asks of every record tab, whatever its kind.
pub trait RecordTab {
    /// Draws the tab; a linked record clicked in it, to open on its own tab.
    fn show_tab(&mut self, ui: &mut egui::Ui, store: &mut Store) -> Option<Goto>;
    /// Shows a record opened from another tab.
    fn open(&mut self, id: i64, store: &Store);
    /// The list must be fetched again (data changed elsewhere).
    fn invalidate(&mut self);
    fn start_import(&mut self, path: PathBuf, store: &Store);
    fn ask_import(&mut self);
    /// The status bar's counts, as the list last made them.
    fn status_text(&self) -> String;
    /// The status bar's counts, made again if the data changed (a list not on screen).
    fn counted_status_text(&mut self, store: &Store) -> String;
}

impl<K: RecordUi> RecordTab for RecordPanel<K> {
    fn show_tab(&mut self, ui: &mut egui::Ui, store: &mut Store) -> Option<Goto> {
        self.show(ui, store);
        self.goto.take()
    }

    fn open(&mut self, id: i64, store: &Store) {
        self.show_record(id, store);
    }

    fn invalidate(&mut self) {
        RecordPanel::invalidate(self);
    }

    fn start_import(&mut self, path: PathBuf, store: &Store) {
        RecordPanel::start_import(self, path, store);
    }

    fn ask_import(&mut self) {
        RecordPanel::ask_import(self);
    }

    fn status_text(&self) -> String {
        RecordPanel::status_text(self)
    }

    fn counted_status_text(&mut self, store: &Store) -> String {
        RecordPanel::counted_status_text(self, store)
    }
}
