//! 客户信息: customers as a kind of record on the shared list-and-form panel
//! ([`RecordPanel`]): the list (virtualised, paged from SQLite, searchable, filterable,
//! sortable), the detail/edit form with the customer's contacts and picture, and what
//! only customers have — the trash view, print, merge and bulk change.

use super::widgets::Message;
use crate::domain::CustomerField;
use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use super::record_panel::{RecordPanel, RecordUi};
use super::widgets::{self, Answer, ERROR_RED, OK_GREEN};
use crate::domain::customer::DEFAULT_SOURCES;
use crate::domain::validate::{Field, FieldError, validate_customer};
use crate::domain::{Contact, Customer, CustomerCategory, CustomerKind, CustomerStatus, Grade};
use crate::store::customers::{FilterColumn, RecordMeta};
use crate::store::settings::LIST_SOURCES;
use crate::store::{CustomerQuery, SortKey, Store, StoreError, TrashRow, today};
use crate::strings::{self, S};

mod dialogs;
mod form;
mod table;

pub const SHORTCUT_NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const SHORTCUT_SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SHORTCUT_FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
pub const SHORTCUT_PRINT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::P);

/// The 客户信息 tab.
pub type CustomersPanel = RecordPanel<CustomersUi>;

/// Customers as the record panel shows them.
pub struct CustomersUi;

/// The customer being looked at or edited.
pub struct CustomerForm {
    original: Customer,
    draft: Customer,
    /// What is typed into the fields kept as numbers (money in yuan, days), by field.
    typed: Vec<(CustomerField, String)>,
    meta: Option<RecordMeta>,
    /// What the customer owes and may still buy on credit, read when it was opened.
    standing: Option<crate::store::receivables::CreditStanding>,
    /// The customer's line of the RFM table (R, F, M, scores, segment, suggested grade),
    /// worked out on a worker thread: scoring needs every customer's figures.
    value: crate::ui::worked::Worked<i64, Option<crate::store::value::RfmLine>>,
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
            value: Default::default(),
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
            value: Default::default(),
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

/// What the customer panel keeps besides the list and the form.
#[derive(Default)]
pub struct CustomerExtra {
    /// The values offered by the filters and the form, read once per change.
    industries: Vec<String>,
    owners: Vec<String>,
    /// 流失类型: the six kinds, then the firm's own words.
    lost_kinds: Vec<String>,
    sources: Vec<String>,
    ratings: Vec<String>,
    lists_loaded: bool,
    /// Why a list could not be read, said beside the filters.
    list_error: Option<String>,
    /// The trash is shown instead of the list.
    show_trash: bool,
    trash: Option<Vec<TrashRow>>,
    confirm_empty_trash: bool,
    /// Asked when the customer to delete has contracts: its id and how many.
    confirm_with_contracts: Option<(i64, i64)>,
    /// The print preview (the list, a card, a statement), when open.
    print: Option<super::print::PrintPreview>,
    /// 合并重复客户, when open.
    merge: Option<super::merge::MergeDialog>,
    /// 批量修改, when open.
    bulk: Option<super::bulk::BulkDialog>,
}

impl CustomerExtra {
    fn reload_lists(&mut self, store: &Store) -> Option<String> {
        // A list that cannot be read is said (the filters and the form then offer
        // nothing), not shown as if there were no values.
        let mut failed = None;
        let mut read = |r: Result<Vec<String>, StoreError>| {
            r.unwrap_or_else(|e| {
                failed = Some(e.message());
                Vec::new()
            })
        };
        self.industries = read(store.customer_values(FilterColumn::Industry));
        self.owners = read(store.customer_values(FilterColumn::Owner));
        self.lost_kinds = crate::domain::customer::LOSS_KINDS
            .map(String::from)
            .to_vec();
        for k in read(store.customer_values(FilterColumn::LostKind)) {
            if !self.lost_kinds.contains(&k) {
                self.lost_kinds.push(k);
            }
        }
        self.ratings = read(store.lookup_values(crate::store::settings::LIST_CREDIT_RATINGS));
        self.sources = store
            .lookup_values(LIST_SOURCES)
            .unwrap_or_else(|_| DEFAULT_SOURCES.iter().map(|s| s.to_string()).collect());
        self.lists_loaded = true;
        failed
    }
}

impl RecordUi for CustomersUi {
    type Query = CustomerQuery;
    type Row = crate::store::CustomerRow;
    type Form = CustomerForm;
    type Extra = CustomerExtra;

    const TAB: super::app::Tab = super::app::Tab::Customers;
    const SEARCH_HINT: S = S::SearchHint;
    const NEW: S = S::New;
    const NONE_YET: S = S::EmptyDatabase;
    const NONE_MATCH: S = S::NoCustomers;
    const FORM_ID: &'static str = "customer-form";
    const FORM_WIDTH: f32 = 470.0;
    const DELETE_ID: &'static str = "delete";
    const DELETE_TITLE: S = S::ConfirmDeleteTitle;
    const WIDTHS: &'static [f32] = &table::WIDTHS;
    const UNSORTABLE: &'static [usize] = &[6, 7];
    // The search index answers in a few ms at 100,000 customers.
    const SEARCH_ON_WORKER: bool = false;
    const FILTER_ROW: bool = true;

    fn heads() -> Vec<&'static str> {
        table::heads()
    }

    fn source() -> super::paging::Source<CustomerQuery, crate::store::CustomerRow> {
        super::paging::Source {
            total: |s| s.customer_total(),
            count: |s, q| s.count_customers(q),
            page: |s, q, o, l| s.customer_page(q, o, l),
        }
    }

    fn row_id(r: &crate::store::CustomerRow) -> i64 {
        r.id
    }

    fn cells(r: &crate::store::CustomerRow) -> Vec<super::list::Cell> {
        table::cells(r)
    }

    fn search_text(q: &mut CustomerQuery) -> &mut String {
        &mut q.text
    }

    fn sort(q: &CustomerQuery) -> Option<crate::store::Sort> {
        table::sort(q)
    }

    fn set_sort(q: &mut CustomerQuery, sort: Option<crate::store::Sort>) {
        table::set_sort(q, sort)
    }

    fn filtering(q: &CustomerQuery) -> bool {
        q.is_filtering()
    }

    fn export(
        store: &Store,
        q: &CustomerQuery,
        path: std::path::PathBuf,
        every: bool,
    ) -> super::transfer::ExportJob {
        super::transfer::export_customers(store, q.clone(), every, path)
    }

    fn prepare(extra: &mut CustomerExtra, store: &Store) {
        if !extra.lists_loaded {
            extra.list_error = extra.reload_lists(store);
        }
    }

    fn data_changed(extra: &mut CustomerExtra) {
        extra.lists_loaded = false;
        extra.trash = None;
    }

    fn filters(ui: &mut egui::Ui, q: &mut CustomerQuery, extra: &CustomerExtra, _store: &Store) {
        table::filters(ui, q, extra);
    }

    fn buttons(
        ui: &mut egui::Ui,
        extra: &mut CustomerExtra,
        store: &Store,
        bar: &mut super::record_panel::Bar<'_, Self>,
        after_transfer: bool,
    ) {
        table::buttons(ui, extra, store, bar, after_transfer);
    }

    fn instead_of_list(
        ui: &mut egui::Ui,
        extra: &mut CustomerExtra,
        store: &mut Store,
        bar: &mut super::record_panel::Bar<'_, Self>,
    ) -> bool {
        if !extra.show_trash {
            return false;
        }
        dialogs::show_trash(ui, extra, store, bar);
        true
    }

    fn back_to_list(extra: &mut CustomerExtra) {
        extra.show_trash = false;
    }

    fn print(extra: &mut CustomerExtra, q: &CustomerQuery, store: &Store) {
        if extra.print.is_none() {
            extra.print = Some(super::print::PrintPreview::customers(q.clone(), store));
        }
    }

    fn busy(extra: &CustomerExtra) -> bool {
        extra.confirm_empty_trash
            || extra.confirm_with_contracts.is_some()
            || extra.bulk.is_some()
            || extra.print.is_some()
    }

    fn position(store: &Store, q: &CustomerQuery, id: i64) -> Option<u64> {
        store.customer_position(q, id).ok().flatten()
    }

    fn blank() -> CustomerForm {
        CustomerForm::new_customer()
    }

    fn load(store: &Store, id: i64) -> Result<CustomerForm, StoreError> {
        let (c, meta) = store.customer(id)?;
        let mut form = CustomerForm::existing(c, meta);
        form.standing = store.credit_standing(id, today()).ok();
        Ok(form)
    }

    fn id(f: &CustomerForm) -> Option<i64> {
        f.original.id
    }

    fn name(f: &CustomerForm) -> String {
        f.original.name.clone()
    }

    fn dirty(f: &CustomerForm) -> bool {
        f.is_dirty()
    }

    fn can_save(f: &CustomerForm) -> bool {
        f.checked().1.is_empty()
    }

    fn save(
        store: &mut Store,
        f: &mut CustomerForm,
    ) -> Result<i64, super::record_panel::SaveFailed> {
        use super::record_panel::SaveFailed;
        let (customer, errs) = f.checked();
        if !errs.is_empty() {
            return Err(SaveFailed::Fields);
        }
        match store.save_customer(&customer) {
            Ok(id) => Ok(id),
            Err(StoreError::Invalid(errs)) => {
                f.store_errors = Some((f.draft.clone(), errs));
                Err(SaveFailed::Fields)
            }
            Err(e) => Err(SaveFailed::Store(e)),
        }
    }

    fn trash(store: &mut Store, id: i64) -> Result<(), StoreError> {
        store.trash_customer(id)
    }

    fn trash_or_ask(
        store: &mut Store,
        id: i64,
        extra: &mut CustomerExtra,
    ) -> Result<bool, StoreError> {
        match store.trash_customer(id) {
            Ok(()) => Ok(true),
            // Its contracts go too: asked once more.
            Err(StoreError::HasContracts(n)) => {
                extra.confirm_with_contracts = Some((id, n));
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    fn trash_question(name: &str) -> String {
        strings::confirm_delete(name)
    }

    fn history(
        store: &Store,
        id: i64,
    ) -> Result<Vec<crate::store::changelog::ChangeEntry>, StoreError> {
        let f = crate::store::changelog::ChangeFilter {
            table: Some("customers".into()),
            row_id: Some(id),
            ..Default::default()
        };
        store.changes(&f, 500)
    }

    fn form_body(
        ui: &mut egui::Ui,
        f: &mut CustomerForm,
        extra: &mut CustomerExtra,
        store: &mut Store,
        _message: &mut Option<Message>,
    ) -> Option<super::Goto> {
        form::body(ui, f, extra, store)
    }

    fn show_form(
        ui: &mut egui::Ui,
        f: &mut CustomerForm,
        extra: &mut CustomerExtra,
        store: &mut Store,
        message: &mut Option<Message>,
    ) -> super::record_panel::FormOutcome {
        form::show(ui, f, extra, store, message)
    }

    fn windows(
        ctx: &egui::Context,
        extra: &mut CustomerExtra,
        store: &mut Store,
        bar: &mut super::record_panel::Bar<'_, Self>,
    ) {
        dialogs::windows(ctx, extra, store, bar);
    }
}
