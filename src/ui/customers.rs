//! 客户信息: the customer list (virtualised, paged from SQLite, searchable, filterable,
//! sortable) and the detail/edit form with the customer's contacts; the trash.

use super::widgets::Message;
use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use egui_extras::{Column, TableBuilder};

use super::paging::PageCache;
use super::widgets::{self, Answer, ERROR_RED, OK_GREEN};
use crate::domain::customer::DEFAULT_SOURCES;
use crate::domain::money::{fen_to_plain, parse_yuan};
use crate::domain::validate::{ContactField, Field, FieldError, Problem, validate_customer};
use crate::domain::{Contact, Customer, CustomerCategory, CustomerKind, CustomerStatus, Grade};
use crate::store::customers::{FilterColumn, RecordMeta};
use crate::store::settings::LIST_SOURCES;
use crate::store::{CustomerQuery, CustomerRow, SortKey, Store, StoreError, TrashRow, today};
use crate::strings::{self, S};

const ROW_HEIGHT: f32 = 24.0;
pub const SHORTCUT_NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const SHORTCUT_SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SHORTCUT_FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
pub const SHORTCUT_PRINT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::P);
const SEARCH_ID: &str = "customer-search";

/// The customer being looked at or edited.
struct CustomerForm {
    original: Customer,
    draft: Customer,
    credit_limit: String,
    meta: Option<RecordMeta>,
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
            credit_limit: fen_to_plain(0),
            original: c.clone(),
            draft: c,
            meta: None,
            store_errors: None,
            name_check: None,
        }
    }

    fn existing(c: Customer, meta: RecordMeta) -> Self {
        CustomerForm {
            credit_limit: fen_to_plain(c.credit_limit_fen),
            original: c.clone(),
            draft: c,
            meta: Some(meta),
            store_errors: None,
            name_check: None,
        }
    }

    fn is_new(&self) -> bool {
        self.original.id.is_none()
    }

    fn is_dirty(&self) -> bool {
        self.draft != self.original
            || parse_yuan(&self.credit_limit) != Some(self.original.credit_limit_fen)
    }

    /// The draft as it would be saved, and everything wrong with it.
    fn checked(&self) -> (Customer, Vec<FieldError>) {
        let mut c = self.draft.clone();
        let mut errs = Vec::new();
        match parse_yuan(&self.credit_limit) {
            Some(fen) => c.credit_limit_fen = fen,
            None if self.credit_limit.trim().is_empty() => c.credit_limit_fen = 0,
            None => errs.push(FieldError::new(Field::CreditLimit, Problem::BadAmount)),
        }
        c.tidy();
        errs.extend(validate_customer(&c, today()));
        if let Some(NameCheck { taken: true, .. }) = &self.name_check {
            errs.push(FieldError::new(Field::Name, Problem::DuplicateName));
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
    lists_loaded: bool,
    form: Option<CustomerForm>,
    leave: Option<Leave>,
    confirm_delete: Option<(i64, String)>,
    show_trash: bool,
    trash: Option<Vec<TrashRow>>,
    message: Option<Message>,
    focus_search: bool,
    confirm_empty_trash: bool,
    /// A contract the user clicked in the customer's picture; the app opens it.
    pub open_contract: Option<i64>,
    /// Feedback clicked in the customer's picture, or a new one asked for.
    pub open_feedback: Option<i64>,
    /// A competitor or news item clicked in the customer's picture.
    pub open_competitor: Option<i64>,
    pub open_news: Option<i64>,
    pub new_feedback: Option<(i64, String)>,
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
            || self.bulk.is_some();
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

    fn show_toolbar(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        // Beside an open form the list is narrow: the search box and the filters' boxes
        // give up some width so that the buttons and the filters keep to a row each.
        let narrow = ui.available_width() < 920.0;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(S::Search.t());
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query.text)
                        .id(egui::Id::unique(SEARCH_ID))
                        .hint_text(S::SearchHint.t())
                        .desired_width(if narrow { 260.0 } else { 340.0 }),
                )
                .labelled_by(l.id);
            if self.focus_search {
                r.request_focus();
                self.focus_search = false;
            }
            if ui.button(S::New.t()).on_hover_text("Ctrl+N").clicked() {
                self.request(Leave::New, store);
            }
            if ui.button(S::TabTrash.t()).clicked() {
                self.show_trash = true;
            }
            ui.separator();
            if ui
                .button(S::PrintButton.t())
                .on_hover_text("Ctrl+P")
                .clicked()
            {
                self.print = Some(super::print::PrintPreview::customers(
                    self.query.clone(),
                    store,
                ));
            }
            self.transfer.buttons(ui, self.cache.filtered);
            if ui
                .add_enabled(
                    self.cache.filtered > 0 && self.bulk.is_none(),
                    egui::Button::new(S::BulkOpen.t()),
                )
                .on_hover_text(S::BulkHint.t())
                .clicked()
            {
                if self.form.as_ref().is_some_and(CustomerForm::is_dirty) {
                    self.message = Some(Message::error(S::BulkSaveFirst.t()));
                } else {
                    self.bulk = Some(super::bulk::BulkDialog::new(
                        self.query.clone(),
                        self.cache.filtered,
                    ));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            if narrow {
                ui.spacing_mut().combo_width = 80.0;
            }
            widgets::filter_combo(
                ui,
                "f-grade",
                S::FGrade.t(),
                &mut self.query.grade,
                Grade::ALL,
                |g| g.code().to_string(),
            );
            widgets::filter_combo(
                ui,
                "f-cat",
                S::FCategory.t(),
                &mut self.query.category,
                CustomerCategory::ALL,
                |c| strings::category(*c).t().to_string(),
            );
            let industries = self.industries.clone();
            widgets::filter_combo(
                ui,
                "f-ind",
                S::FIndustry.t(),
                &mut self.query.industry,
                &industries,
                |s| s.clone(),
            );
            let owners = self.owners.clone();
            widgets::filter_combo(
                ui,
                "f-owner",
                S::FOwner.t(),
                &mut self.query.owner,
                &owners,
                |s| s.clone(),
            );
            widgets::filter_combo(
                ui,
                "f-status",
                S::FStatus.t(),
                &mut self.query.status,
                CustomerStatus::ALL,
                |s| strings::status(*s).t().to_string(),
            );
            if self.query.is_filtering() && ui.button(S::ClearFilters.t()).clicked() {
                let sort = (self.query.sort, self.query.descending);
                self.query = CustomerQuery::default();
                (self.query.sort, self.query.descending) = sort;
            }
            super::list::count_label(
                ui,
                self.cache.total,
                self.cache.filtered,
                self.query.is_filtering(),
            );
        });
    }

    fn show_table(&mut self, ui: &mut egui::Ui, store: &Store) {
        if let Some(e) = &self.cache.error {
            ui.label(RichText::new(e).color(ERROR_RED));
        }
        if self.cache.filtered == 0 {
            ui.add_space(20.0);
            let text = if self.cache.total == 0 {
                S::EmptyDatabase
            } else {
                S::NoCustomers
            };
            ui.label(text.t());
            return;
        }
        let selected = self.form.as_ref().and_then(|f| f.original.id);
        let mut clicked: Option<i64> = None;
        let mut sort_by: Option<SortKey> = None;
        let columns: [(S, Option<SortKey>, f32); 11] = [
            (S::FCode, Some(SortKey::Code), 80.0),
            (S::FName, Some(SortKey::Name), 220.0),
            (S::FGrade, Some(SortKey::Grade), 60.0),
            (S::FCategory, Some(SortKey::Category), 80.0),
            (S::FIndustry, Some(SortKey::Industry), 90.0),
            (S::FCity, Some(SortKey::City), 70.0),
            (S::FPrimaryContact, None, 80.0),
            (S::FPhone, None, 120.0),
            (S::FOwner, Some(SortKey::Owner), 80.0),
            (S::FStatus, Some(SortKey::Status), 60.0),
            (S::FUpdatedAt, Some(SortKey::Updated), 140.0),
        ];
        let query = self.query.clone();
        let cache = &mut self.cache;
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .min_scrolled_height(0.0);
        if let Some(row) = self.scroll_to.take() {
            table = table.scroll_to_row(row as usize, Some(egui::Align::Center));
        }
        for (i, (_, _, w)) in columns.iter().enumerate() {
            let col = if i == columns.len() - 1 {
                Column::remainder().at_least(*w)
            } else {
                Column::initial(*w)
                    .at_least(40.0)
                    .resizable(true)
                    .clip(true)
            };
            table = table.column(col);
        }
        table
            .header(ROW_HEIGHT + 2.0, |mut header| {
                for (label, key, _) in columns {
                    header.col(|ui| {
                        let mut text = label.t().to_string();
                        if let Some(k) = key {
                            if query.sort == k {
                                text.push_str(if query.descending { " ▼" } else { " ▲" });
                            }
                            if ui
                                .add(egui::Button::new(RichText::new(text).strong()).frame(false))
                                .clicked()
                            {
                                sort_by = Some(k);
                            }
                        } else {
                            ui.label(RichText::new(text).strong());
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, cache.filtered as usize, |mut row| {
                    let i = row.index() as u64;
                    let Some(r) = cache
                        .row(&query, i, |q, offset, limit| {
                            store.customer_page(q, offset, limit)
                        })
                        .cloned()
                    else {
                        row.col(|ui| {
                            ui.label("…");
                        });
                        return;
                    };
                    row.set_selected(selected == Some(r.id));
                    let cells = [
                        r.code.clone(),
                        r.name.clone(),
                        r.grade.code().to_string(),
                        strings::category(r.category).t().to_string(),
                        r.industry.clone(),
                        r.city.clone(),
                        r.contact.clone(),
                        r.phone.clone(),
                        r.owner.clone(),
                        strings::status(r.status).t().to_string(),
                        strings::show_date(&r.updated_at),
                    ];
                    for (ci, text) in cells.into_iter().enumerate() {
                        row.col(|ui| {
                            let mut t = RichText::new(text);
                            if ci == 1 {
                                t = t.strong();
                            }
                            if ci == 9 && r.status == CustomerStatus::Lost {
                                t = t.color(ERROR_RED);
                            }
                            ui.add(egui::Label::new(t).selectable(false).truncate());
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(r.id);
                    }
                });
            });
        if let Some(k) = sort_by {
            if self.query.sort == k {
                self.query.descending = !self.query.descending;
            } else {
                self.query.sort = k;
                self.query.descending = false;
            }
        }
        if let Some(id) = clicked {
            self.request(Leave::Select(id), store);
        }
    }

    /// Does `what` now, or first asks whether to drop unsaved changes.
    fn request(&mut self, what: Leave, store: &Store) {
        let dirty = self.form.as_ref().is_some_and(CustomerForm::is_dirty);
        let same =
            matches!((what, &self.form), (Leave::Select(id), Some(f)) if f.original.id == Some(id));
        if same {
            return;
        }
        if dirty {
            self.leave = Some(what);
        } else {
            self.do_leave(what, store);
        }
    }

    fn do_leave(&mut self, what: Leave, store: &Store) {
        self.message = None;
        match what {
            Leave::Select(id) => self.open(id, store),
            Leave::New => {
                self.show_trash = false;
                self.form = Some(CustomerForm::new_customer());
            }
            Leave::Close => self.form = None,
        }
    }

    fn open(&mut self, id: i64, store: &Store) {
        match store.customer(id) {
            Ok((c, meta)) => self.form = Some(CustomerForm::existing(c, meta)),
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    /// Esc: drop the edits (asking first when there are any), or close the form.
    fn cancel_edit(&mut self) {
        let Some(form) = &mut self.form else { return };
        if form.is_dirty() && !form.is_new() {
            form.draft = form.original.clone();
            form.credit_limit = fen_to_plain(form.original.credit_limit_fen);
            form.store_errors = None;
            form.name_check = None;
        } else if form.is_dirty() {
            self.leave = Some(Leave::Close);
        } else {
            self.form = None;
        }
    }

    fn ask_delete(&mut self) {
        if let Some(f) = &self.form
            && let Some(id) = f.original.id
        {
            self.confirm_delete = Some((id, f.original.name.clone()));
        }
    }

    fn save(&mut self, store: &mut Store) {
        let Some(form) = &mut self.form else { return };
        let (customer, errs) = form.checked();
        if !errs.is_empty() {
            self.message = Some(Message::error(S::FixErrors.t()));
            return;
        }
        match store.save_customer(&customer) {
            Ok(id) => {
                self.data_changed(store);
                self.open(id, store);
                self.message = Some(Message::info(S::Saved.t()));
            }
            Err(StoreError::Invalid(errs)) => {
                form.store_errors = Some((form.draft.clone(), errs));
                self.message = Some(Message::error(S::FixErrors.t()));
            }
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    fn show_form(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let sources = self.sources.clone();
        let Some(form) = &mut self.form else { return };
        // A taken name is worth saying while typing, not only on save.
        let name_now = crate::domain::text::name_key(&form.draft.name);
        if !name_now.is_empty() && form.name_check.as_ref().map(|c| &c.name) != Some(&name_now) {
            let taken = store
                .customer_name_taken(&form.draft.name, form.original.id)
                .unwrap_or(false);
            form.name_check = Some(NameCheck {
                name: name_now,
                taken,
            });
        }
        let (_, errs) = form.checked();
        let dirty = form.is_dirty();
        let show_errs = dirty || form.store_errors.is_some();
        let msg = |f: Field| -> Option<String> {
            if !show_errs {
                return None;
            }
            errs.iter()
                .find(|e| e.field == f)
                .map(|e| strings::problem(e.problem))
        };
        let mut save = false;
        let mut cancel = false;
        let mut delete = false;
        let mut history = false;
        let mut print_card = false;
        ui.horizontal(|ui| {
            let title = if form.is_new() {
                S::NewCustomer.t().to_string()
            } else if dirty {
                strings::with_note(S::EditCustomer.t(), &form.original.name)
            } else {
                form.original.name.clone()
            };
            ui.heading(title);
        });
        ui.horizontal(|ui| {
            save = ui
                .add_enabled(dirty && errs.is_empty(), egui::Button::new(S::Save.t()))
                .on_hover_text("Ctrl+S")
                .clicked();
            cancel = ui.button(S::Cancel.t()).on_hover_text("Esc").clicked();
            if !form.is_new() {
                delete = ui.button(S::Delete.t()).on_hover_text("Delete").clicked();
                history = ui.button(S::History.t()).clicked();
                print_card = ui.button(S::PrintCard.t()).clicked();
                if ui.button(S::MergeOpen.t()).clicked()
                    && let Some(id) = form.original.id
                {
                    self.merge = Some(super::merge::MergeDialog::new(
                        id,
                        form.original.name.clone(),
                    ));
                }
            }
        });
        if print_card && let Some(id) = form.original.id {
            self.print = Some(super::print::PrintPreview::card(
                id,
                &form.original.name,
                store,
            ));
        }
        if let Some(Message {
            text: m,
            error: is_err,
        }) = &self.message
        {
            ui.label(RichText::new(m.as_str()).color(if *is_err { ERROR_RED } else { OK_GREEN }));
        }
        if let Some(id) = form.original.id
            && let Ok(n) = store.open_complaints(id)
            && n > 0
        {
            ui.label(
                RichText::new(format!("！{}（{n}）", S::OpenComplaint.t()))
                    .color(ERROR_RED)
                    .strong(),
            );
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                let d = &mut form.draft;
                egui::Grid::new("customer-grid")
                    .num_columns(2)
                    .spacing([10.0, 6.0])
                    .striped(false)
                    .show(ui, |ui| {
                        widgets::text_row(
                            ui,
                            S::FCode.t(),
                            false,
                            &mut d.code,
                            msg(Field::Code).as_deref(),
                            Some(S::CodeAuto.t()),
                        );
                        widgets::text_row(
                            ui,
                            S::FName.t(),
                            true,
                            &mut d.name,
                            msg(Field::Name).as_deref(),
                            None,
                        );
                        widgets::choice_row(
                            ui,
                            "kind",
                            S::FKind.t(),
                            &mut d.kind,
                            CustomerKind::ALL,
                            |k| strings::kind(k).t().into(),
                        );
                        widgets::choice_row(
                            ui,
                            "category",
                            S::FCategory.t(),
                            &mut d.category,
                            CustomerCategory::ALL,
                            |c| strings::category(c).t().into(),
                        );
                        widgets::choice_row(
                            ui,
                            "grade",
                            S::FGrade.t(),
                            &mut d.grade,
                            Grade::ALL,
                            |g| g.code().into(),
                        );
                        widgets::choice_row(
                            ui,
                            "status",
                            S::FStatus.t(),
                            &mut d.status,
                            CustomerStatus::ALL,
                            |s| strings::status(s).t().into(),
                        );
                        widgets::text_row(
                            ui,
                            S::FIndustry.t(),
                            false,
                            &mut d.industry,
                            msg(Field::Industry).as_deref(),
                            None,
                        );
                        widgets::suggest_row(ui, "source", S::FSource.t(), &mut d.source, &sources);
                        widgets::text_row(
                            ui,
                            S::FProvince.t(),
                            false,
                            &mut d.province,
                            msg(Field::Province).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FCity.t(),
                            false,
                            &mut d.city,
                            msg(Field::City).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FAddress.t(),
                            false,
                            &mut d.address,
                            msg(Field::Address).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FPostalCode.t(),
                            false,
                            &mut d.postal_code,
                            msg(Field::PostalCode).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FPhone.t(),
                            false,
                            &mut d.phone,
                            msg(Field::Phone).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FMobile.t(),
                            false,
                            &mut d.mobile,
                            msg(Field::Mobile).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FFax.t(),
                            false,
                            &mut d.fax,
                            msg(Field::Fax).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FEmail.t(),
                            false,
                            &mut d.email,
                            msg(Field::Email).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FWebsite.t(),
                            false,
                            &mut d.website,
                            msg(Field::Website).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FCreditCode.t(),
                            false,
                            &mut d.credit_code,
                            msg(Field::CreditCode).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FOwner.t(),
                            false,
                            &mut d.owner,
                            msg(Field::Owner).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FCreditLimit.t(),
                            false,
                            &mut form.credit_limit,
                            msg(Field::CreditLimit).as_deref(),
                            None,
                        );
                        widgets::multiline_row(
                            ui,
                            S::FNotes.t(),
                            &mut d.notes,
                            msg(Field::Notes).as_deref(),
                        );
                    });
                ui.add_space(8.0);
                ui.label(RichText::new(S::Contacts.t()).strong().size(15.0));
                let mut remove: Option<usize> = None;
                for (i, c) in form.draft.contacts.iter_mut().enumerate() {
                    let cmsg = |f: ContactField| -> Option<String> {
                        if !show_errs {
                            return None;
                        }
                        errs.iter()
                            .find(|e| e.field == Field::Contact(i, f))
                            .map(|e| strings::problem(e.problem))
                    };
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.push_id(("contact", i), |ui| {
                            egui::Grid::new("contact-grid")
                                .num_columns(2)
                                .spacing([10.0, 4.0])
                                .show(ui, |ui| {
                                    widgets::text_row(
                                        ui,
                                        S::CName.t(),
                                        true,
                                        &mut c.name,
                                        cmsg(ContactField::Name).as_deref(),
                                        None,
                                    );
                                    widgets::text_row(
                                        ui,
                                        S::CTitle.t(),
                                        false,
                                        &mut c.title,
                                        cmsg(ContactField::Title).as_deref(),
                                        None,
                                    );
                                    widgets::text_row(
                                        ui,
                                        S::CPhone.t(),
                                        false,
                                        &mut c.phone,
                                        cmsg(ContactField::Phone).as_deref(),
                                        None,
                                    );
                                    widgets::text_row(
                                        ui,
                                        S::CMobile.t(),
                                        false,
                                        &mut c.mobile,
                                        cmsg(ContactField::Mobile).as_deref(),
                                        None,
                                    );
                                    widgets::text_row(
                                        ui,
                                        S::CEmail.t(),
                                        false,
                                        &mut c.email,
                                        cmsg(ContactField::Email).as_deref(),
                                        None,
                                    );
                                    widgets::text_row(
                                        ui,
                                        S::CBirthday.t(),
                                        false,
                                        &mut c.birthday,
                                        cmsg(ContactField::Birthday).as_deref(),
                                        Some("2026-11-22"),
                                    );
                                    widgets::multiline_row(
                                        ui,
                                        S::CNotes.t(),
                                        &mut c.notes,
                                        cmsg(ContactField::Notes).as_deref(),
                                    );
                                });
                            ui.horizontal(|ui| {
                                ui.checkbox(&mut c.is_primary, S::CPrimary.t());
                                widgets::field_message(ui, cmsg(ContactField::Primary).as_deref());
                                if ui.button(S::RemoveContact.t()).clicked() {
                                    remove = Some(i);
                                }
                            });
                        });
                    });
                }
                if let Some(i) = remove {
                    form.draft.contacts.remove(i);
                }
                if ui.button(format!("＋ {}", S::AddContact.t())).clicked() {
                    let first = form.draft.contacts.is_empty();
                    form.draft.contacts.push(Contact {
                        is_primary: first,
                        ..Default::default()
                    });
                }
                if let Some(id) = form.original.id {
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(S::TabFeedback.t()).strong().size(15.0));
                        if ui.button(S::NewFeedback.t()).clicked() {
                            self.new_feedback = Some((id, form.original.name.clone()));
                        }
                    });
                    let q = crate::store::feedback::FeedbackQuery {
                        customer_id: Some(id),
                        ..Default::default()
                    };
                    let Some(items) = super::widgets::or_show(ui, store.feedback_page(&q, 0, 50))
                    else {
                        return;
                    };
                    if items.is_empty() {
                        ui.label(RichText::new(S::NoFeedback.t()).weak());
                    }
                    for fb in items {
                        let text = format!(
                            "{} {} · {} · {}",
                            strings::show_date(&fb.at),
                            strings::feedback_kind(fb.kind).t(),
                            fb.subject,
                            strings::follow_status(fb.status).t()
                        );
                        let open_complaint = fb.kind
                            == crate::domain::feedback::FeedbackKind::Complaint
                            && fb.status.is_open();
                        let link = if open_complaint {
                            egui::Link::new(RichText::new(text).color(ERROR_RED))
                        } else {
                            egui::Link::new(text)
                        };
                        if ui.add(link).clicked() {
                            self.open_feedback = Some(fb.id);
                        }
                    }
                    ui.add_space(8.0);
                    ui.label(RichText::new(S::TabContracts.t()).strong().size(15.0));
                    let Some(contracts) =
                        super::widgets::or_show(ui, store.contracts_of_customer(id))
                    else {
                        return;
                    };
                    if contracts.is_empty() {
                        ui.label(RichText::new(S::NoContracts.t()).weak());
                    }
                    for c in contracts {
                        let text = format!(
                            "{} {} · {} · {} {} · {} {}",
                            c.contract.number,
                            c.contract.title,
                            strings::contract_status(c.contract.status).t(),
                            S::KAmountShort.t(),
                            crate::domain::money::format_fen(c.contract.amount_fen),
                            S::KBalance.t(),
                            crate::domain::money::format_fen(c.balance_fen()),
                        );
                        if ui.link(text).clicked() {
                            self.open_contract = c.contract.id;
                        }
                    }
                    ui.add_space(8.0);
                    ui.label(RichText::new(S::PictureCompetitors.t()).strong().size(15.0));
                    let q = crate::store::competitors::CompetitorQuery {
                        customer_id: Some(id),
                        ..Default::default()
                    };
                    let Some(rivals) =
                        super::widgets::or_show(ui, store.competitor_page(&q, 0, 50))
                    else {
                        return;
                    };
                    if rivals.is_empty() {
                        ui.label(RichText::new(S::NoneYet.t()).weak());
                    }
                    for r in rivals {
                        let text = format!(
                            "{} · {} {}",
                            r.name,
                            S::MThreat.t(),
                            strings::threat(r.threat).t()
                        );
                        if ui.link(text).clicked() {
                            self.open_competitor = Some(r.id);
                        }
                    }
                    ui.add_space(8.0);
                    ui.label(RichText::new(S::PictureNews.t()).strong().size(15.0));
                    let q = crate::store::news::NewsQuery {
                        customer_id: Some(id),
                        ..Default::default()
                    };
                    let Some(news) = super::widgets::or_show(ui, store.news_page(&q, 0, 50)) else {
                        return;
                    };
                    if news.is_empty() {
                        ui.label(RichText::new(S::NoneYet.t()).weak());
                    }
                    for n in news {
                        if ui.link(format!("{} {}", n.on, n.title)).clicked() {
                            self.open_news = Some(n.id);
                        }
                    }
                }
                if let Some(m) = &form.meta {
                    ui.add_space(10.0);
                    ui.label(
                        RichText::new(format!(
                            "{} {} · {} {}",
                            m.created_at, m.created_by, m.updated_at, m.updated_by
                        ))
                        .small()
                        .weak(),
                    );
                }
            });
        if save {
            self.save(store);
        }
        if cancel {
            self.cancel_edit();
        }
        if delete {
            self.ask_delete();
        }
        if history && let Some(id) = self.form.as_ref().and_then(|f| f.original.id) {
            self.load_history(id, store);
        }
    }

    fn load_history(&mut self, id: i64, store: &Store) {
        let f = crate::store::changelog::ChangeFilter {
            table: Some("customers".into()),
            row_id: Some(id),
            ..Default::default()
        };
        self.history = Some((id, store.changes(&f, 500).unwrap_or_default()));
    }

    fn show_history(&mut self, ctx: &egui::Context, store: &mut Store) {
        let Some((id, entries)) = self.history.clone() else {
            return;
        };
        let mut open = true;
        let mut put_back = None;
        egui::Window::new(S::HistoryOf.t())
            .open(&mut open)
            .default_size([760.0, 420.0])
            .vscroll(true)
            .show(ctx, |ui| {
                put_back = super::history::change_grid(ui, "customer-history", &entries);
            });
        if !open {
            self.history = None;
        }
        if let Some(change) = put_back {
            match store.put_back(change) {
                Ok(()) => {
                    self.data_changed(store);
                    self.open(id, store);
                    self.load_history(id, store);
                    self.message = Some(Message::info(S::PutBackDone.t()));
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
    }

    fn show_trash(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        if ui.button(format!("← {}", S::BackToList.t())).clicked() {
            self.show_trash = false;
            return;
        }
        ui.heading(S::TabTrash.t());
        if let Some(Message {
            text: m,
            error: is_err,
        }) = &self.message
        {
            ui.label(RichText::new(m.as_str()).color(if *is_err { ERROR_RED } else { OK_GREEN }));
        }
        if self.trash.is_none() {
            match store.trashed_customers() {
                Ok(rows) => self.trash = Some(rows),
                Err(e) => {
                    ui.label(RichText::new(e.message()).color(ERROR_RED));
                    return;
                }
            }
        }
        let rows = self.trash.clone().unwrap_or_default();
        if rows.is_empty() {
            ui.label(S::TrashEmpty.t());
            return;
        }
        if store.actor().is_some_and(|a| a.role.can_admin())
            && ui.button(S::EmptyTrash.t()).clicked()
        {
            self.confirm_empty_trash = true;
        }
        let mut restore: Option<i64> = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("trash-grid")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for h in [S::FCode, S::FName, S::DeletedAt, S::DeletedBy] {
                        ui.label(RichText::new(h.t()).strong());
                    }
                    ui.label("");
                    ui.end_row();
                    for r in &rows {
                        ui.label(&r.code);
                        ui.label(&r.name);
                        ui.label(&r.deleted_at);
                        ui.label(&r.deleted_by);
                        if ui.button(S::Restore.t()).clicked() {
                            restore = Some(r.id);
                        }
                        ui.end_row();
                    }
                });
        });
        if let Some(id) = restore {
            match store.restore_customer(id) {
                Ok(()) => {
                    self.data_changed(store);
                    self.message = Some(Message::info(S::Restored.t()));
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
    }

    fn show_dialogs(&mut self, ctx: &egui::Context, store: &mut Store) {
        if let Some((id, n)) = self.confirm_with_contracts {
            match widgets::confirm_dialog(
                ctx,
                "delete-with-contracts",
                S::ConfirmDeleteTitle.t(),
                &strings::has_contracts(n),
                S::TrashWithContracts.t(),
                S::Cancel.t(),
            ) {
                Answer::Confirm => {
                    self.confirm_with_contracts = None;
                    match store.trash_customer_and_contracts(id) {
                        Ok(()) => {
                            self.form = None;
                            self.data_changed(store);
                            self.message = Some(Message::info(S::MovedToTrash.t()));
                        }
                        Err(e) => self.message = Some(Message::error(e.message())),
                    }
                }
                Answer::Cancel => self.confirm_with_contracts = None,
                Answer::Pending => {}
            }
        }
        if self.confirm_empty_trash {
            let n = self.trash.as_ref().map_or(0, Vec::len);
            match widgets::confirm_dialog(
                ctx,
                "empty-trash",
                S::EmptyTrash.t(),
                &strings::confirm_empty_trash(n),
                S::EmptyTrash.t(),
                S::Cancel.t(),
            ) {
                Answer::Confirm => {
                    self.confirm_empty_trash = false;
                    match store.empty_trash() {
                        Ok((n, snapshot)) => {
                            self.data_changed(store);
                            self.message = Some(Message::info(strings::trash_emptied(
                                n,
                                &snapshot.display().to_string(),
                            )));
                        }
                        Err(e) => self.message = Some(Message::error(e.message())),
                    }
                }
                Answer::Cancel => self.confirm_empty_trash = false,
                Answer::Pending => {}
            }
        }
        if let Some(what) = self.leave {
            match widgets::confirm_dialog(
                ctx,
                "unsaved",
                S::UnsavedTitle.t(),
                S::UnsavedBody.t(),
                S::Discard.t(),
                S::KeepEditing.t(),
            ) {
                Answer::Confirm => {
                    self.leave = None;
                    self.do_leave(what, store);
                }
                Answer::Cancel => self.leave = None,
                Answer::Pending => {}
            }
        }
        if let Some((id, name)) = self.confirm_delete.clone() {
            let body = strings::confirm_delete(&name);
            match widgets::confirm_dialog(
                ctx,
                "delete",
                S::ConfirmDeleteTitle.t(),
                &body,
                S::Delete.t(),
                S::Cancel.t(),
            ) {
                Answer::Confirm => {
                    self.confirm_delete = None;
                    match store.trash_customer(id) {
                        Ok(()) => {
                            self.form = None;
                            self.data_changed(store);
                            self.message = Some(Message::info(S::MovedToTrash.t()));
                        }
                        Err(StoreError::HasContracts(n)) => {
                            self.confirm_with_contracts = Some((id, n));
                        }
                        Err(e) => self.message = Some(Message::error(e.message())),
                    }
                }
                Answer::Cancel => self.confirm_delete = None,
                Answer::Pending => {}
            }
        }
    }
}
