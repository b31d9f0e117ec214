//! One list-and-form panel for a kind of record. The panel owns what every kind does
//! the same way — the keys, the search box and its count, the paged table, the empty
//! and no-match texts, 导入…/导出…, the side form's header with 保存/删除/历史, the
//! trash question, the history window and the message line — and asks the kind
//! ([`RecordUi`]) only for what is its own: its columns and filters, its form's fields
//! and the store calls that load, save and trash it.

use super::Goto;
use super::list::{Cell, Columns, confirm_trash, form_header, keys, paged_table, search_box};
use super::paging::{PageCache, Source};
use super::transfer::Transfer;
use super::widgets::Message;
use crate::io::records::{RecordKind, RecordQuery};
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
    /// from the store, say).
    type Extra: Default;

    /// The kind: its tab's name, its table (for the history window), its fields.
    const KIND: RecordKind;
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
    /// The list's column headings.
    fn heads() -> Vec<&'static str>;
    const WIDTHS: &'static [f32];

    fn source() -> Source<Self::Query, Self::Row>;
    fn row_id(r: &Self::Row) -> i64;
    fn cells(r: &Self::Row) -> Vec<Cell>;
    fn search_text(q: &mut Self::Query) -> &mut String;
    fn sort(q: &Self::Query) -> Option<Sort>;
    fn set_sort(q: &mut Self::Query, sort: Option<Sort>);
    /// What 导出 writes for the list as filtered.
    fn export(q: &Self::Query) -> RecordQuery;
    /// Reads what the panel needs from the store before it draws (once, or each frame).
    fn prepare(_extra: &mut Self::Extra, _store: &Store) {}
    /// The filters beside the search box.
    fn filters(ui: &mut egui::Ui, q: &mut Self::Query, extra: &Self::Extra, store: &Store);

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
    /// Saves the form. `Err(None)`: the store found problems in fields, now kept in the
    /// form to show beside them; `Err(Some(e))`: any other failure. The form is not
    /// saved when the rules find problems (`FixErrors` is said).
    fn save(store: &mut Store, f: &mut Self::Form) -> Result<i64, SaveFailed>;
    fn trash(store: &mut Store, id: i64) -> Result<(), StoreError>;
    /// Whether the record may go to the trash now (Delete and 删除).
    fn may_delete(_f: &Self::Form) -> bool {
        true
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
    /// message) over [`Self::form_body`]. A kind whose header depends on the record's
    /// state (a contract's approval steps) draws its own.
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
            reload: None,
        }
    }
    /// Windows of the kind's own (a contract's print preview), drawn after the panel.
    fn windows(_ctx: &egui::Context, _extra: &mut Self::Extra, _store: &mut Store) {}
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

pub struct RecordPanel<K: RecordUi> {
    query: K::Query,
    transfer: Transfer,
    cache: PageCache<K::Query, K::Row>,
    extra: K::Extra,
    form: Option<K::Form>,
    message: Option<Message>,
    confirm_delete: Option<(i64, String)>,
    history: Option<super::history::RecordHistory>,
    focus_search: bool,
    /// A linked record clicked in the form; the app opens it on its tab.
    pub goto: Option<Goto>,
}

impl<K: RecordUi> Default for RecordPanel<K> {
    fn default() -> Self {
        RecordPanel {
            query: K::Query::default(),
            transfer: Transfer::default(),
            cache: PageCache::default(),
            extra: K::Extra::default(),
            form: None,
            message: None,
            confirm_delete: None,
            history: None,
            focus_search: false,
            goto: None,
        }
    }
}

impl<K: RecordUi> RecordPanel<K> {
    /// Opens the import wizard on a file (a file dropped on the window).
    pub fn start_import(&mut self, path: std::path::PathBuf, store: &Store) {
        self.transfer.start_import(path, Some(K::KIND), store);
    }

    /// The status bar's text (竞争对手：共 N 条（已筛选 M 条）), as the list last counted.
    pub fn status_text(&self) -> String {
        self.cache
            .status_text(K::KIND.label(), self.query != K::Query::default())
    }

    pub fn open(&mut self, id: i64, store: &Store) {
        match K::load(store, id) {
            Ok(f) => self.form = Some(f),
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    pub fn invalidate(&mut self) {
        self.cache.invalidate();
    }

    fn new_record(&mut self) {
        self.start_new(K::blank());
    }

    /// Opens a new record's form, filled in as the caller says (feedback for a customer).
    pub fn start_new(&mut self, form: K::Form) {
        self.form = Some(form);
        self.message = None;
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let k = keys(ui, self.confirm_delete.is_some());
        if k.new {
            self.new_record();
        }
        if k.save {
            self.save(store);
        }
        self.focus_search |= k.find;
        if let Some(f) = &self.form
            && let Some(id) = K::id(f)
        {
            if k.delete && K::may_delete(f) {
                self.confirm_delete = Some((id, K::name(f)));
            }
            if k.escape {
                self.open(id, store);
            }
        } else if k.escape {
            self.form = None;
        }
        K::prepare(&mut self.extra, store);
        self.cache
            .refresh_source(&self.query, store, K::source(), ui.ctx());
        if self.form.is_some() {
            egui::Panel::right(K::FORM_ID)
                .default_size(K::FORM_WIDTH)
                .size_range(380.0..=820.0)
                .show(ui, |ui| self.show_form(ui, store));
        }
        K::windows(ui.ctx(), &mut self.extra, store);
        egui::CentralPanel::default().show(ui, |ui| self.show_list(ui, store));
        self.show_confirm(ui.ctx(), store);
        let query = K::export(&self.query);
        if self.transfer.show(
            ui.ctx(),
            store,
            Some(K::KIND),
            |store, path, _| super::transfer::export_records(store, query, path),
            &mut self.message,
        ) {
            self.cache.invalidate();
        }
        if let Some(h) = &mut self.history {
            h.show(ui.ctx());
            if !h.open {
                self.history = None;
            }
        }
    }

    fn show_list(&mut self, ui: &mut egui::Ui, store: &Store) {
        let filtering = self.query != K::Query::default();
        ui.horizontal_wrapped(|ui| {
            search_box(
                ui,
                K::search_text(&mut self.query),
                &mut self.focus_search,
                K::SEARCH_HINT,
            );
            K::filters(ui, &mut self.query, &self.extra, store);
            if ui.button(K::NEW.t()).on_hover_text("Ctrl+N").clicked() {
                self.new_record();
            }
            self.transfer.buttons(ui, self.cache.filtered);
            if self.cache.pending() {
                // A search on a large table is being answered off the UI thread.
                ui.spinner();
            }
            super::list::count_label(ui, self.cache.total, self.cache.filtered, filtering);
        });
        super::list::list_message(ui, self.form.is_some(), self.message.as_ref());
        ui.separator();
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
            self.message = None;
            self.open(id, store);
        }
    }

    fn save(&mut self, store: &mut Store) {
        let Some(f) = &mut self.form else { return };
        match K::save(store, f) {
            Ok(id) => {
                self.cache.invalidate();
                self.open(id, store);
                self.message = Some(Message::info(S::Saved.t()));
            }
            Err(SaveFailed::Fields) => self.message = Some(Message::error(S::FixErrors.t())),
            Err(SaveFailed::Store(e)) => self.message = Some(Message::error(e.message())),
        }
    }

    fn show_confirm(&mut self, ctx: &egui::Context, store: &mut Store) {
        let Some(id) = confirm_trash(ctx, K::DELETE_ID, &mut self.confirm_delete) else {
            return;
        };
        match K::trash(store, id) {
            Ok(()) => {
                self.form = None;
                self.cache.invalidate();
                self.message = Some(Message::info(S::MovedToTrash.t()));
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
            self.history = Some(super::history::RecordHistory::new(K::KIND.key(), id, store));
        }
        if out.delete
            && K::may_delete(f)
            && let Some(id) = K::id(f)
        {
            self.confirm_delete = Some((id, K::name(f)));
        }
        if out.save {
            self.save(store);
        }
        if let Some(id) = out.reload {
            self.cache.invalidate();
            self.open(id, store);
        }
    }
}

/// What the app shell asks of every record tab, whatever its kind.
pub trait RecordTab {
    /// Draws the tab; a linked record clicked in it, to open on its own tab.
    fn show_tab(&mut self, ui: &mut egui::Ui, store: &mut Store) -> Option<Goto>;
    fn open(&mut self, id: i64, store: &Store);
    /// The list must be fetched again (data changed elsewhere).
    fn invalidate(&mut self);
    fn start_import(&mut self, path: std::path::PathBuf, store: &Store);
    fn status_text(&self) -> String;
}

impl<K: RecordUi> RecordTab for RecordPanel<K> {
    fn show_tab(&mut self, ui: &mut egui::Ui, store: &mut Store) -> Option<Goto> {
        self.show(ui, store);
        self.goto.take()
    }

    fn open(&mut self, id: i64, store: &Store) {
        RecordPanel::open(self, id, store);
    }

    fn invalidate(&mut self) {
        RecordPanel::invalidate(self);
    }

    fn start_import(&mut self, path: std::path::PathBuf, store: &Store) {
        RecordPanel::start_import(self, path, store);
    }

    fn status_text(&self) -> String {
        RecordPanel::status_text(self)
    }
}
