//! 业界动态: the news list, newest first, and the news form with its links to the
//! customers and competitors it mentions.

use super::list::{
    Cell, Columns, confirm_trash, customer_links_row, form_header, keys, paged_table, search_box,
};
use super::paging::PageCache;
use super::pickers::CustomerPick;
use super::widgets;
use super::widgets::Message;
use crate::domain::news::{News, NewsField, validate_news};
use crate::domain::validate::Problem;
use crate::store::news::{NewsQuery, NewsRow};
use crate::store::{Store, StoreError};
use crate::strings::{self, S};

struct Form {
    original: News,
    draft: News,
    pick: CustomerPick,
    store_errors: Vec<(NewsField, Problem)>,
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

    fn blank() -> Self {
        let mut f = Form::new(News::default());
        f.draft.on = chrono::Local::now().format("%Y-%m-%d").to_string();
        f
    }
}

#[derive(Default)]
pub struct NewsPanel {
    query: NewsQuery,
    transfer: super::transfer::Transfer,
    cache: PageCache<NewsQuery, NewsRow>,
    categories: Option<Vec<String>>,
    form: Option<Form>,
    message: Option<Message>,
    confirm_delete: Option<(i64, String)>,
    history: Option<super::history::RecordHistory>,
    focus_search: bool,
    pub open_customer: Option<i64>,
    pub open_competitor: Option<i64>,
}

impl NewsPanel {
    /// Opens the import wizard on a file (a file dropped on the window).
    pub fn start_import(&mut self, path: std::path::PathBuf, store: &Store) {
        self.transfer
            .start_import(path, Some(crate::io::records::RecordKind::News), store);
    }

    /// The status bar's 业界动态：共 N 条（已筛选 M 条）, as the list last counted them.
    pub fn status_text(&self) -> String {
        self.cache
            .status_text(S::TabNews, self.query != NewsQuery::default())
    }

    pub fn open(&mut self, id: i64, store: &Store) {
        match store.news_item(id) {
            Ok(n) => self.form = Some(Form::new(n)),
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    pub fn invalidate(&mut self) {
        self.cache.invalidate();
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let k = keys(ui, self.confirm_delete.is_some());
        if k.new {
            self.form = Some(Form::blank());
            self.message = None;
        }
        if k.save {
            self.save(store);
        }
        self.focus_search |= k.find;
        if let Some(f) = &self.form
            && let Some(id) = f.original.id
        {
            if k.delete {
                self.confirm_delete = Some((id, f.original.title.clone()));
            }
            if k.escape {
                self.open(id, store);
            }
        } else if k.escape {
            self.form = None;
        }
        if self.categories.is_none() {
            self.categories = Some(store.news_categories().unwrap_or_default());
        }
        self.cache.refresh_source(
            &self.query,
            store,
            super::paging::Source {
                total: |s| s.count_news(&NewsQuery::default()),
                count: |s, q| s.count_news(q),
                page: |s, q, o, l| s.news_page(q, o, l),
            },
            ui.ctx(),
        );
        if self.form.is_some() {
            egui::Panel::right("news-form")
                .default_size(480.0)
                .size_range(380.0..=820.0)
                .show(ui, |ui| self.show_form(ui, store));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                search_box(
                    ui,
                    &mut self.query.text,
                    &mut self.focus_search,
                    S::SearchHintNews,
                );
                let cats = self.categories.clone().unwrap_or_default();
                widgets::filter_combo(
                    ui,
                    "n-cat",
                    S::NCategory.t(),
                    &mut self.query.category,
                    &cats,
                    |s| s.clone(),
                );
                if ui.button(S::NewNews.t()).on_hover_text("Ctrl+N").clicked() {
                    self.form = Some(Form::blank());
                    self.message = None;
                }
                self.transfer.buttons(ui, self.cache.filtered);
                if self.cache.pending() {
                    // A search on a large table is being answered off the UI thread.
                    ui.spinner();
                }
                super::list::count_label(
                    ui,
                    self.cache.total,
                    self.cache.filtered,
                    self.query != NewsQuery::default(),
                );
            });
            super::list::list_message(ui, self.form.is_some(), self.message.as_ref());
            ui.separator();
            if self.cache.filtered == 0 {
                ui.add_space(20.0);
                // An empty search result is not an empty list.
                let text = if self.cache.total == 0 {
                    S::NoNews
                } else {
                    S::NoNewsMatch
                };
                ui.label(text.t());
                return;
            }
            let selected = self.form.as_ref().and_then(|f| f.original.id);
            let query = self.query.clone();
            let clicks = paged_table(
                ui,
                &mut self.cache,
                &query,
                Columns {
                    heads: &[S::NDate, S::NTitle, S::NCategory, S::NSource, S::NTags],
                    widths: &[90.0, 320.0, 80.0, 120.0, 120.0],
                    sort: query.sort,
                    selected,
                },
                |q, o, l| store.news_page(q, o, l),
                |r| r.id,
                |r| {
                    vec![
                        Cell::new(crate::strings::show_date(&r.on)),
                        Cell::new(r.title.clone()),
                        Cell::new(r.category.clone()),
                        Cell::new(r.source.clone()),
                        Cell::new(r.tags.clone()),
                    ]
                },
            );
            if let Some(sort) = clicks.sort {
                self.query.sort = sort;
            }
            if let Some(id) = clicks.row {
                self.message = None;
                self.open(id, store);
            }
        });
        self.show_confirm(ui.ctx(), store);
        if self.transfer.show(
            ui.ctx(),
            store,
            Some(crate::io::records::RecordKind::News),
            |store, path, _| {
                super::transfer::export_records(
                    store,
                    crate::io::records::RecordQuery::News(self.query.clone()),
                    path,
                )
            },
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

    fn save(&mut self, store: &mut Store) {
        let Some(f) = &mut self.form else { return };
        if !validate_news(&f.draft).is_empty() {
            self.message = Some(Message::error(S::FixErrors.t()));
            return;
        }
        match store.save_news(&f.draft) {
            Ok(id) => {
                self.cache.invalidate();
                self.open(id, store);
                self.message = Some(Message::info(S::Saved.t()));
            }
            Err(StoreError::InvalidNews(p)) => {
                f.store_errors = p;
                self.message = Some(Message::error(S::FixErrors.t()));
            }
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    fn show_confirm(&mut self, ctx: &egui::Context, store: &mut Store) {
        let Some(id) = confirm_trash(ctx, "delete-news", &mut self.confirm_delete) else {
            return;
        };
        match store.trash_news(id) {
            Ok(()) => {
                self.form = None;
                self.cache.invalidate();
                self.message = Some(Message::info(S::MovedToTrash.t()));
            }
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    fn show_form(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let cats = self.categories.clone().unwrap_or_default();
        let Some(f) = &mut self.form else { return };
        let mut errs = validate_news(&f.draft);
        errs.extend(f.store_errors.iter().copied());
        let dirty = f.draft != f.original;
        let msg = |field: NewsField| -> Option<String> {
            if !dirty {
                return None;
            }
            errs.iter()
                .find(|e| e.0 == field)
                .map(|e| strings::problem(e.1))
        };
        let title = if f.original.id.is_none() {
            S::NewNews.t().to_string()
        } else {
            f.original.title.clone()
        };
        let clicks = form_header(
            ui,
            &title,
            dirty && errs.is_empty(),
            f.original.id.is_some(),
            self.message.as_ref(),
        );
        let (save, delete) = (clicks.save, clicks.delete);
        if clicks.history
            && let Some(id) = f.original.id
        {
            self.history = Some(super::history::RecordHistory::new("news", id, store));
        }
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
                            S::NDate.t(),
                            true,
                            &mut d.on,
                            msg(NewsField::Date).as_deref(),
                            Some("2026-11-22"),
                        );
                        widgets::text_row(
                            ui,
                            S::NTitle.t(),
                            true,
                            &mut d.title,
                            msg(NewsField::Title).as_deref(),
                            None,
                        );
                        widgets::text_row(ui, S::NSource.t(), false, &mut d.source, None, None);
                        widgets::suggest_row(
                            ui,
                            "n-cat-form",
                            S::NCategory.t(),
                            &mut d.category,
                            &cats,
                        );
                        widgets::text_row(
                            ui,
                            S::NTags.t(),
                            false,
                            &mut d.tags,
                            None,
                            Some(S::NTagsHint.t()),
                        );
                        widgets::multiline_row(ui, S::NContent.t(), &mut d.content, None);
                        widgets::text_row(
                            ui,
                            S::BReportedBy.t(),
                            false,
                            &mut d.reported_by,
                            None,
                            None,
                        );
                        open_customer = customer_links_row(
                            ui,
                            store,
                            S::NCustomers.t(),
                            &mut d.customers,
                            &mut f.pick,
                        );
                        // Competitors: chosen from the list, each removable and clickable.
                        let l = ui.label(S::NCompetitors.t());
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
                                .selected_text(S::NAddCompetitor.t())
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
        if delete && let Some(id) = f.original.id {
            self.confirm_delete = Some((id, f.original.title.clone()));
        }
        self.open_customer = open_customer;
        self.open_competitor = open_competitor;
        if save {
            self.save(store);
        }
    }
}
