//! 客户信息: the customer list (virtualised, paged from SQLite, searchable, filterable,
//! sortable) and the detail/edit form with the customer's contacts; the trash.

use super::widgets::Message;
use crate::domain::CustomerField;
use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use super::paging::PageCache;
use super::widgets::{self, Answer, ERROR_RED, OK_GREEN};
use crate::domain::customer::DEFAULT_SOURCES;
use crate::domain::validate::{Field, FieldError, validate_customer};
use crate::domain::{Contact, Customer, CustomerCategory, CustomerKind, CustomerStatus, Grade};
use crate::store::customers::{FilterColumn, RecordMeta};
use crate::store::settings::LIST_SOURCES;
use crate::store::{CustomerQuery, CustomerRow, SortKey, Store, StoreError, TrashRow, today};
use crate::strings::{self, S};

mod dialogs;
mod form;
mod table;

pub const SHORTCUT_NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const SHORTCUT_SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SHORTCUT_FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
pub const SHORTCUT_PRINT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::P);
const SEARCH_ID: &str = "customer-search";

/// The customer being looked at or edited.
struct CustomerForm {
    original: Customer,
    draft: Customer,
    /// What is typed into the fields kept as numbers (money in yuan, days), by field.
    typed: Vec<(CustomerField, String)>,
    meta: Option<RecordMeta>,
    /// What the customer owes and may still buy on credit, read when it was opened.
    standing: Option<crate::store::receivables::CreditStanding>,
    /// Problems only the store could find (a taken name or code), with the draft they
    /// were found for; dropped once the draft changes.
    store_errors: Option<(Customer, Vec<FieldError>)>,
    /// The last name looked up in the store, and whether another customer has it.
    name_check: Option<NameCheck>,
}

struct NameCheck {
    name: String,
    taken: bool,
}

impl CustomerForm {
    fn new_customer() -> Self {
        let c = Customer {
            source: String::new(),
            ..Default::default()
        };
        CustomerForm {
            typed: typed_of(&c),
            original: c.clone(),
            draft: c,
            meta: None,
            standing: None,
            store_errors: None,
            name_check: None,
        }
    }

    fn existing(c: Customer, meta: RecordMeta) -> Self {
        CustomerForm {
            typed: typed_of(&c),
            original: c.clone(),
            draft: c,
            meta: Some(meta),
            standing: None,
            store_errors: None,
            name_check: None,
        }
    }

    fn is_new(&self) -> bool {
        self.original.id.is_none()
    }

    fn is_dirty(&self) -> bool {
        self.draft != self.original
            || self.typed.iter().any(|(f, text)| {
                f.def().value.read_typed(text).ok().as_deref()
                    != Some(&*(f.def().get)(&self.original))
            })
    }

    /// The draft as it would be saved, and everything wrong with it.
    fn checked(&self) -> (Customer, Vec<FieldError>) {
        let mut c = self.draft.clone();
        let mut errs = Vec::new();
        for (f, text) in &self.typed {
            match f.def().value.read_typed(text) {
                Ok(v) => {
                    (f.def().set)(&mut c, v);
                }
                Err(p) => errs.push(FieldError::new(Field::Customer(*f), p)),
            }
        }
        c.tidy();
        errs.extend(validate_customer(&c, today()));
        if let Some(NameCheck { taken: true, .. }) = &self.name_check {
            errs.push(FieldError::new(
                Field::Customer(CustomerField::Name),
                crate::domain::Problem::DuplicateName,
            ));
        }
        if let Some((snapshot, store_errs)) = &self.store_errors
            && *snapshot == self.draft
        {
            for e in store_errs {
                if !errs.contains(e) {
                    errs.push(*e);
                }
            }
        }
        (c, errs)
    }
}

/// The fields kept as numbers, as the form shows them for typing (50000.00, 30); an
/// amount of 0 (not set) as an empty box, so what the clerk types is all there is.
fn typed_of(c: &Customer) -> Vec<(CustomerField, String)> {
    CustomerField::ALL
        .iter()
        .filter(|f| f.def().value.is_number())
        .map(|f| {
            let v = f.def().value;
            let stored = (f.def().get)(c);
            (
                *f,
                if v.is_blank(&stored) {
                    String::new()
                } else {
                    v.show(&stored)
                },
            )
        })
        .collect()
}

/// The typed text of one of the fields kept as numbers.
fn typed_mut(typed: &mut [(CustomerField, String)], f: CustomerField) -> &mut String {
    let i = typed
        .iter()
        .position(|(g, _)| *g == f)
        .expect("a field kept as a number");
    &mut typed[i].1
}

/// Something the user asked for that would drop unsaved changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leave {
    Select(i64),
    New,
    Close,
}

#[derive(Default)]
pub struct CustomersPanel {
    query: CustomerQuery,
    cache: PageCache<CustomerQuery, CustomerRow>,
    industries: Vec<String>,
    owners: Vec<String>,
    sources: Vec<String>,
    ratings: Vec<String>,
    lists_loaded: bool,
    form: Option<CustomerForm>,
    leave: Option<Leave>,
    confirm_delete: Option<(i64, String)>,
    show_trash: bool,
    trash: Option<Vec<TrashRow>>,
    message: Option<Message>,
    focus_search: bool,
    confirm_empty_trash: bool,
    /// A record clicked in the customer's picture (or a new feedback item asked for);
    /// the app opens it on its tab.
    pub goto: Option<super::Goto>,
    /// Asked when the customer to delete has contracts: its id and how many.
    confirm_with_contracts: Option<(i64, i64)>,
    /// The row the list scrolls to once (a customer opened from another tab).
    scroll_to: Option<u64>,
    /// The 历史 window: the customer and its changes, newest first.
    history: Option<(i64, Vec<crate::store::changelog::ChangeEntry>)>,
    /// 导入… and 导出…: the file boxes, the wizard, a running export.
    transfer: super::transfer::Transfer,
    /// The print preview of the list, when open.
    print: Option<super::print::PrintPreview>,
    /// 合并重复客户, when open.
    merge: Option<super::merge::MergeDialog>,
    /// 批量修改, when open.
    bulk: Option<super::bulk::BulkDialog>,
}

impl CustomersPanel {
    /// "共 N 条，已筛选 M 条" for the status bar, counted again when the data changed
    /// (after an undo or a restore in 系统工具 the panel is new and has not been shown).
    pub fn status_text(&mut self, store: &Store) -> String {
        self.refresh_counts(store);
        self.cache
            .status_text(S::TabCustomers, self.query.is_filtering())
    }

    /// The list's counts for its query (asked of the store once per query or change).
    fn refresh_counts(&mut self, store: &Store) {
        self.cache.refresh(&self.query, |q| {
            Ok((store.customer_total()?, store.count_customers(q)?))
        });
    }

    fn reload_lists(&mut self, store: &Store) {
        self.industries = store
            .customer_values(FilterColumn::Industry)
            .unwrap_or_default();
        self.owners = store
            .customer_values(FilterColumn::Owner)
            .unwrap_or_default();
        self.sources = store
            .lookup_values(LIST_SOURCES)
            .unwrap_or_else(|_| DEFAULT_SOURCES.iter().map(|s| s.to_string()).collect());
        self.ratings = store
            .lookup_values(crate::store::settings::LIST_CREDIT_RATINGS)
            .unwrap_or_default();
        self.lists_loaded = true;
    }

    /// The list must be fetched again (data changed elsewhere).
    pub fn invalidate(&mut self, store: &Store) {
        self.data_changed(store);
    }

    fn data_changed(&mut self, store: &Store) {
        self.cache.invalidate();
        self.trash = None;
        self.reload_lists(store);
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        if !self.lists_loaded {
            self.reload_lists(store);
        }
        self.handle_keys(ui, store);
        self.refresh_counts(store);

        if self.form.is_some() {
            egui::Panel::right("customer-form")
                .default_size(470.0)
                .size_range(360.0..=800.0)
                .show(ui, |ui| self.show_form(ui, store));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.show_trash {
                self.show_trash(ui, store);
            } else {
                self.show_toolbar(ui, store);
                // Export and import messages, when no form shows them.
                super::list::list_message(ui, self.form.is_some(), self.message.as_ref());
                ui.separator();
                self.show_table(ui, store);
            }
        });
        self.show_dialogs(ui.ctx(), store);
        self.show_history(ui.ctx(), store);
        let q = self.query.clone();
        if self.transfer.show(
            ui.ctx(),
            store,
            None,
            move |store, path, every| super::transfer::export_customers(store, q, every, path),
            &mut self.message,
        ) {
            self.data_changed(store);
        }
        if let Some(p) = &mut self.print {
            p.show(ui.ctx(), store);
            if !p.open {
                self.print = None;
            }
        }
        if let Some(b) = &mut self.bulk {
            let known = super::bulk::Known {
                owners: self.owners.clone(),
                industries: self.industries.clone(),
                sources: self.sources.clone(),
            };
            let changed = b.show(ui.ctx(), store, &known);
            if !b.open {
                self.bulk = None;
            }
            if !matches!(changed, super::bulk::Done::Nothing) {
                // A filter on the field changed follows it, so the list still shows the
                // customers just changed (a departing salesperson's, now another's).
                if let super::bulk::Done::Set(field, value) = changed {
                    self.follow_filter(field, &value);
                }
                self.data_changed(store);
                // The customer open in the form may be one of those changed.
                if let Some(id) = self.form.as_ref().and_then(|f| f.original.id)
                    && !self.form.as_ref().is_some_and(CustomerForm::is_dirty)
                {
                    self.open(id, store);
                }
            }
        }
        if let Some(m) = &mut self.merge {
            let keep = m.keep();
            let done = m.show(ui.ctx(), store);
            if !m.open {
                self.merge = None;
            }
            match done {
                Some(Ok(r)) => {
                    self.data_changed(store);
                    self.open(keep, store);
                    self.message = Some(Message::info(strings::merged(
                        r.moved.contacts,
                        r.moved.feedback,
                        r.moved.contracts,
                        &r.snapshot.display().to_string(),
                    )));
                }
                Some(Err(e)) => self.message = Some(Message::error(e.message())),
                None => {}
            }
        }
    }

    /// After 批量修改 set `field` to `value`: a filter on that field shows `value` now.
    fn follow_filter(&mut self, field: crate::domain::BulkField, value: &str) {
        use crate::domain::BulkField as B;
        let q = &mut self.query;
        // An emptied field is not offered as a filter: the filter goes.
        let text = (!value.is_empty()).then(|| value.to_string());
        match field {
            B::Owner if q.owner.is_some() => q.owner = text,
            B::Industry if q.industry.is_some() => q.industry = text,
            B::Grade if q.grade.is_some() => q.grade = Grade::from_code(value),
            B::Category if q.category.is_some() => q.category = CustomerCategory::from_code(value),
            B::Status if q.status.is_some() => q.status = CustomerStatus::from_code(value),
            _ => {}
        }
    }

    /// Shows a customer (asking first if the form has unsaved edits).
    pub fn show_customer(&mut self, id: i64, store: &Store) {
        self.show_trash = false;
        // The list shows where the customer stands in it (if it shows it at all).
        self.scroll_to = store.customer_position(&self.query, id).ok().flatten();
        self.request(Leave::Select(id), store);
    }

    /// Opens the import wizard on a file.
    pub fn start_import(&mut self, path: std::path::PathBuf, store: &Store) {
        self.transfer.start_import(path, None, store);
    }

    /// Opens the import file box (the setup card's 导入已有的名单).
    pub fn ask_import(&mut self) {
        self.transfer.ask_import();
    }

    fn handle_keys(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let typing = ui.ctx().egui_wants_keyboard_input();
        let modal_open = self.leave.is_some()
            || self.confirm_delete.is_some()
            || self.confirm_empty_trash
            || self.confirm_with_contracts.is_some()
            || self.bulk.is_some()
            || self.print.is_some();
        if modal_open {
            return;
        }
        let (new, save, find, print, delete, esc) = ui.input_mut(|i| {
            (
                i.consume_shortcut(&SHORTCUT_NEW),
                i.consume_shortcut(&SHORTCUT_SAVE),
                i.consume_shortcut(&SHORTCUT_FIND),
                i.consume_shortcut(&SHORTCUT_PRINT),
                !typing && i.consume_key(Modifiers::NONE, Key::Delete),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        if new {
            self.request(Leave::New, store);
        }
        if save {
            self.save(store);
        }
        if find {
            self.show_trash = false;
            self.focus_search = true;
        }
        if print && self.print.is_none() {
            self.print = Some(super::print::PrintPreview::customers(
                self.query.clone(),
                store,
            ));
        }
        if delete {
            self.ask_delete();
        }
        if esc {
            self.cancel_edit();
        }
    }
}
