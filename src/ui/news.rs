//! 业界动态: the news list, newest first, and the news form with its links to the
//! customers and competitors it mentions. The list and the form's frame are the shared
//! [`RecordPanel`]; this file says what is the news' own.

use super::Goto;
use super::list::{Cell, customer_links_row};
use super::paging::Source;
use super::pickers::CustomerPick;
use super::record_panel::{RecordPanel, RecordUi, SaveFailed};
use super::widgets::{self, Message};
use crate::domain::news::{News, NewsField as F, validate_news};
use crate::domain::validate::Problem;
use crate::io::records::RecordQuery;
use crate::store::news::{NewsQuery, NewsRow};
use crate::store::{Sort, Store, StoreError};
use crate::strings::{self, S};

pub struct Form {
    original: News,
    draft: News,
    pick: CustomerPick,
    store_errors: Vec<(F, Problem)>,
}

impl Form {
    fn new(n: News) -> Self {
        Form {
            original: n.clone(),
            draft: n,
            pick: CustomerPick::default(),
            store_errors: Vec::new(),
        }
    }

    fn problems(&self) -> Vec<(F, Problem)> {
        let mut errs = validate_news(&self.draft);
        errs.extend(self.store_errors.iter().copied());
        errs
    }
}

/// The 业界动态 tab.
pub type NewsPanel = RecordPanel<NewsUi>;

pub struct NewsUi;

/// The categories read, or none when they could not be (the filter says why).
fn known_categories(categories: &<NewsUi as RecordUi>::Extra) -> Vec<String> {
    match categories {
        Some(Ok(v)) => v.clone(),
        _ => Vec::new(),
    }
}

impl RecordUi for NewsUi {
    type Query = NewsQuery;
    type Row = NewsRow;
    type Form = Form;
    /// The categories used so far, offered in the filter and the form (or why they
    /// could not be read).
    type Extra = Option<Result<Vec<String>, String>>;

    const TAB: super::app::Tab = super::app::Tab::News;
    const SEARCH_HINT: S = S::SearchHintNews;
    const NEW: S = S::NewNews;
    const NONE_YET: S = S::NoNews;
    const NONE_MATCH: S = S::NoNewsMatch;
    const FORM_ID: &'static str = "news-form";
    const DELETE_ID: &'static str = "delete-news";
    fn heads() -> Vec<&'static str> {
        [F::Date, F::Title, F::Category, F::Source, F::Tags]
            .map(strings::news_field)
            .into()
    }
    const WIDTHS: &'static [f32] = &[90.0, 320.0, 80.0, 120.0, 120.0];

    fn source() -> Source<NewsQuery, NewsRow> {
        Source {
            total: |s| s.count_news(&NewsQuery::default()),
            count: |s, q| s.count_news(q),
            page: |s, q, o, l| s.news_page(q, o, l),
        }
    }

    fn row_id(r: &NewsRow) -> i64 {
        r.id
    }

    fn cells(r: &NewsRow) -> Vec<Cell> {
        vec![
            Cell::new(crate::strings::show_date(&r.on)),
            Cell::new(r.title.clone()),
            Cell::new(r.category.clone()),
            Cell::new(r.source.clone()),
            Cell::new(r.tags.clone()),
        ]
    }

    fn search_text(q: &mut NewsQuery) -> &mut String {
        &mut q.text
    }

    fn sort(q: &NewsQuery) -> Option<Sort> {
        q.sort
    }

    fn set_sort(q: &mut NewsQuery, sort: Option<Sort>) {
        q.sort = sort;
    }

    fn export(
        store: &Store,
        q: &NewsQuery,
        path: std::path::PathBuf,
        _every: bool,
    ) -> super::transfer::ExportJob {
        super::transfer::export_records(store, RecordQuery::News(q.clone()), path)
    }

    fn prepare(categories: &mut Self::Extra, store: &Store) {
        if categories.is_none() {
            *categories = Some(store.news_categories().map_err(|e| e.message()));
        }
    }

    fn filters(ui: &mut egui::Ui, q: &mut NewsQuery, categories: &Self::Extra, _store: &Store) {
        let cats = known_categories(categories);
        if let Some(Err(e)) = categories {
            // Said, not shown as an empty filter.
            ui.colored_label(widgets::ERROR_RED, e);
        }
        widgets::filter_combo(
            ui,
            "n-cat",
            strings::news_field(F::Category),
            &mut q.category,
            &cats,
            |s| s.clone(),
        );
    }

    fn blank() -> Form {
        // Today's date is filled in, not typed: a form left untouched closes without
        // asking.
        Form::new(News {
            on: chrono::Local::now().format("%Y-%m-%d").to_string(),
            ..Default::default()
        })
    }

    fn load(store: &Store, id: i64) -> Result<Form, StoreError> {
        store.news_item(id).map(Form::new)
    }

    fn id(f: &Form) -> Option<i64> {
        f.original.id
    }

    fn name(f: &Form) -> String {
        f.original.title.clone()
    }

    fn dirty(f: &Form) -> bool {
        f.draft != f.original
    }

    fn can_save(f: &Form) -> bool {
        f.problems().is_empty()
    }

    fn save(store: &mut Store, f: &mut Form) -> Result<i64, SaveFailed> {
        if !validate_news(&f.draft).is_empty() {
            return Err(SaveFailed::Fields);
        }
        match store.save_news(&f.draft) {
            Ok(id) => Ok(id),
            Err(StoreError::InvalidNews(p)) => {
                f.store_errors = p;
                Err(SaveFailed::Fields)
            }
            Err(e) => Err(SaveFailed::Store(e)),
        }
    }

    fn trash(store: &mut Store, id: i64) -> Result<(), StoreError> {
        store.trash_news(id)
    }

    fn form_body(
        ui: &mut egui::Ui,
        f: &mut Form,
        categories: &mut Self::Extra,
        store: &mut Store,
        _message: &mut Option<Message>,
    ) -> Option<Goto> {
        let cats = known_categories(categories);
        let errs = f.problems();
        let dirty = Self::dirty(f);
        let msg = |field: F| super::record_panel::field_message(&errs, dirty, field);
        let mut open_customer = None;
        let mut open_competitor = None;
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                egui::Grid::new("news-grid")
                    .num_columns(2)
                    .spacing([10.0, 6.0])
                    .show(ui, |ui| {
                        let d = &mut f.draft;
                        widgets::text_row(
                            ui,
                            strings::news_field(F::Date),
                            true,
                            &mut d.on,
                            msg(F::Date).as_deref(),
                            Some("2026-11-22"),
                        );
                        widgets::text_row(
                            ui,
                            strings::news_field(F::Title),
                            true,
                            &mut d.title,
                            msg(F::Title).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            strings::news_field(F::Source),
                            false,
                            &mut d.source,
                            None,
                            None,
                        );
                        widgets::suggest_row(
                            ui,
                            "n-cat-form",
                            strings::news_field(F::Category),
                            &mut d.category,
                            &cats,
                        );
                        widgets::text_row(
                            ui,
                            strings::news_field(F::Tags),
                            false,
                            &mut d.tags,
                            None,
                            Some(S::NewsTagsHint.t()),
                        );
                        widgets::multiline_row(
                            ui,
                            strings::news_field(F::Content),
                            &mut d.content,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            strings::news_field(F::ReportedBy),
                            false,
                            &mut d.reported_by,
                            None,
                            None,
                        );
                        open_customer = customer_links_row(
                            ui,
                            store,
                            strings::news_field(F::Customers),
                            &mut d.customers,
                            &mut f.pick,
                        );
                        // Competitors: chosen from the list, each removable and clickable.
                        let l = ui.label(strings::news_field(F::Competitors));
                        ui.vertical(|ui| {
                            let Some(names) = super::widgets::or_show(ui, store.competitor_names())
                            else {
                                return;
                            };
                            let mut remove = None;
                            for (i, id) in d.competitors.iter().enumerate() {
                                let name = names
                                    .iter()
                                    .find(|(c, _)| c == id)
                                    .map(|(_, n)| n.clone())
                                    .unwrap_or_default();
                                ui.horizontal(|ui| {
                                    if ui.link(name).clicked() {
                                        open_competitor = Some(*id);
                                    }
                                    if ui.small_button(S::Remove.t()).clicked() {
                                        remove = Some(i);
                                    }
                                });
                            }
                            if let Some(i) = remove {
                                d.competitors.remove(i);
                            }
                            let mut add: Option<i64> = None;
                            egui::ComboBox::from_id_salt("n-add-comp")
                                .selected_text(S::NewsAddCompetitor.t())
                                .show_ui(ui, |ui| {
                                    for (id, name) in &names {
                                        if !d.competitors.contains(id)
                                            && ui.selectable_label(false, name).clicked()
                                        {
                                            add = Some(*id);
                                        }
                                    }
                                })
                                .response
                                .labelled_by(l.id);
                            if let Some(id) = add {
                                d.competitors.push(id);
                            }
                        });
                        ui.end_row();
                    });
            });
        open_customer
            .map(Goto::Customer)
            .or(open_competitor.map(Goto::Competitor))
    }
}
