//! 竞争对手: the competitor list (most threatening first) and the competitor form with
//! the customers who also buy from it, its dated intelligence and the news about it.

use super::widgets::Message;
use egui::RichText;

use super::list::{
    Cell, Columns, confirm_trash, customer_links_row, form_header, keys, paged_table, search_box,
};
use super::paging::PageCache;
use super::pickers::CustomerPick;
use super::widgets;
use crate::domain::competitor::{Competitor, CompetitorField, Intel, Threat, validate_competitor};
use crate::domain::validate::Problem;
use crate::store::competitors::{CompetitorQuery, CompetitorRow};
use crate::store::news::NewsQuery;
use crate::store::{Store, StoreError};
use crate::strings::{self, S};

struct Form {
    original: Competitor,
    draft: Competitor,
    share: String,
    pick: CustomerPick,
    intel: Intel,
    store_errors: Vec<(CompetitorField, Problem)>,
}

impl Form {
    fn new(c: Competitor) -> Self {
        Form {
            share: c.market_share.map(|s| s.to_string()).unwrap_or_default(),
            original: c.clone(),
            draft: c,
            pick: CustomerPick::default(),
            intel: Intel {
                on: chrono::Local::now().format("%Y-%m-%d").to_string(),
                ..Default::default()
            },
            store_errors: Vec::new(),
        }
    }

    fn checked(&self) -> (Competitor, Vec<(CompetitorField, Problem)>) {
        let mut c = self.draft.clone();
        let mut errs = Vec::new();
        let s = self.share.trim().trim_end_matches(['%', '％']);
        c.market_share = if s.is_empty() {
            None
        } else {
            match s.parse::<u8>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errs.push((CompetitorField::MarketShare, Problem::OutOfRange(0, 100)));
                    None
                }
            }
        };
        errs.extend(validate_competitor(&c));
        (c, errs)
    }
}

#[derive(Default)]
pub struct CompetitorsPanel {
    query: CompetitorQuery,
    transfer: super::transfer::Transfer,
    cache: PageCache<CompetitorQuery, CompetitorRow>,
    form: Option<Form>,
    message: Option<Message>,
    confirm_delete: Option<(i64, String)>,
    history: Option<super::history::RecordHistory>,
    focus_search: bool,
    /// A customer or news item clicked in the form; the app opens it.
    pub open_customer: Option<i64>,
    pub open_news: Option<i64>,
}

impl CompetitorsPanel {
    /// Opens the import wizard on a file (a file dropped on the window).
    pub fn start_import(&mut self, path: std::path::PathBuf, store: &Store) {
        self.transfer.start_import(
            path,
            Some(crate::io::records::RecordKind::Competitors),
            store,
        );
    }

    /// The status bar's 竞争对手：共 N 条（已筛选 M 条）, as the list last counted them.
    pub fn status_text(&self) -> String {
        self.cache
            .status_text(S::TabCompetitors, self.query != CompetitorQuery::default())
    }

    pub fn open(&mut self, id: i64, store: &Store) {
        match store.competitor(id) {
            Ok(c) => self.form = Some(Form::new(c)),
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    pub fn invalidate(&mut self) {
        self.cache.invalidate();
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let k = keys(ui, self.confirm_delete.is_some());
        if k.new {
            self.form = Some(Form::new(Competitor::default()));
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
                self.confirm_delete = Some((id, f.original.name.clone()));
            }
            if k.escape {
                self.open(id, store);
            }
        } else if k.escape {
            self.form = None;
        }
        self.cache.refresh_source(
            &self.query,
            store,
            super::paging::Source {
                total: |s| s.count_competitors(&CompetitorQuery::default()),
                count: |s, q| s.count_competitors(q),
                page: |s, q, o, l| s.competitor_page(q, o, l),
            },
            ui.ctx(),
        );
        if self.form.is_some() {
            egui::Panel::right("competitor-form")
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
                    S::SearchHintCompetitors,
                );
                widgets::filter_combo(
                    ui,
                    "m-threat",
                    S::MThreat.t(),
                    &mut self.query.threat,
                    &Threat::ALL,
                    |t| strings::threat(*t).t().into(),
                );
                if ui
                    .button(S::NewCompetitor.t())
                    .on_hover_text("Ctrl+N")
                    .clicked()
                {
                    self.form = Some(Form::new(Competitor::default()));
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
                    self.query != CompetitorQuery::default(),
                );
            });
            super::list::list_message(ui, self.form.is_some(), self.message.as_ref());
            ui.separator();
            if self.cache.filtered == 0 {
                ui.add_space(20.0);
                // An empty search result is not an empty list.
                let text = if self.cache.total == 0 {
                    S::NoCompetitors
                } else {
                    S::NoCompetitorsMatch
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
                    heads: &[
                        S::MName,
                        S::MThreat,
                        S::MProducts,
                        S::MPriceLevel,
                        S::MShare,
                        S::MCustomers,
                    ],
                    widths: &[220.0, 60.0, 240.0, 100.0, 70.0, 60.0],
                    sort: query.sort,
                    selected,
                },
                |q, o, l| store.competitor_page(q, o, l),
                |r| r.id,
                |r| {
                    vec![
                        Cell::new(r.name.clone()),
                        Cell::new(strings::threat(r.threat).t()).red(r.threat == Threat::High),
                        Cell::new(r.products.replace('\n', " ")),
                        Cell::new(r.price_level.clone()),
                        Cell::new(r.market_share.map(|s| format!("{s}%")).unwrap_or_default()),
                        Cell::new(r.customers.to_string()),
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
            Some(crate::io::records::RecordKind::Competitors),
            |store, path, _| {
                super::transfer::export_records(
                    store,
                    crate::io::records::RecordQuery::Competitors(self.query.clone()),
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
        let (c, errs) = f.checked();
        if !errs.is_empty() {
            self.message = Some(Message::error(S::FixErrors.t()));
            return;
        }
        match store.save_competitor(&c) {
            Ok(id) => {
                self.cache.invalidate();
                self.open(id, store);
                self.message = Some(Message::info(S::Saved.t()));
            }
            Err(StoreError::InvalidCompetitor(p)) => {
                f.store_errors = p;
                self.message = Some(Message::error(S::FixErrors.t()));
            }
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    fn show_confirm(&mut self, ctx: &egui::Context, store: &mut Store) {
        let Some(id) = confirm_trash(ctx, "delete-competitor", &mut self.confirm_delete) else {
            return;
        };
        match store.trash_competitor(id) {
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
        let (_, mut errs) = f.checked();
        errs.extend(f.store_errors.iter().copied());
        let dirty = f.draft != f.original
            || f.share
                != f.original
                    .market_share
                    .map(|s| s.to_string())
                    .unwrap_or_default();
        let msg = |field: CompetitorField| -> Option<String> {
            if !dirty {
                return None;
            }
            errs.iter()
                .find(|e| e.0 == field)
                .map(|e| strings::problem(e.1))
        };
        let title = if f.original.id.is_none() {
            S::NewCompetitor.t().to_string()
        } else {
            f.original.name.clone()
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
            self.history = Some(super::history::RecordHistory::new("competitors", id, store));
        }
        let mut open_customer = None;
        let mut open_news = None;
        let mut add_intel = false;
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                egui::Grid::new("competitor-grid")
                    .num_columns(2)
                    .spacing([10.0, 6.0])
                    .show(ui, |ui| {
                        let d = &mut f.draft;
                        widgets::text_row(
                            ui,
                            S::MName.t(),
                            true,
                            &mut d.name,
                            msg(CompetitorField::Name).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FWebsite.t(),
                            false,
                            &mut d.website,
                            msg(CompetitorField::Website).as_deref(),
                            None,
                        );
                        widgets::multiline_row(ui, S::MProducts.t(), &mut d.products, None);
                        widgets::text_row(
                            ui,
                            S::MPriceLevel.t(),
                            false,
                            &mut d.price_level,
                            None,
                            Some(S::MPriceHint.t()),
                        );
                        widgets::multiline_row(ui, S::MStrengths.t(), &mut d.strengths, None);
                        widgets::multiline_row(ui, S::MWeaknesses.t(), &mut d.weaknesses, None);
                        widgets::text_row(
                            ui,
                            S::MShare.t(),
                            false,
                            &mut f.share,
                            msg(CompetitorField::MarketShare).as_deref(),
                            Some("15%"),
                        );
                        let d = &mut f.draft;
                        widgets::choice_row(
                            ui,
                            "m-threat-form",
                            S::MThreat.t(),
                            &mut d.threat,
                            &Threat::ALL,
                            |t| strings::threat(t).t().into(),
                        );
                        widgets::multiline_row(ui, S::FNotes.t(), &mut d.notes, None);
                        open_customer = customer_links_row(
                            ui,
                            store,
                            S::MCustomers.t(),
                            &mut d.customers,
                            &mut f.pick,
                        );
                    });
                if let Some(id) = f.original.id {
                    ui.separator();
                    ui.label(RichText::new(S::MIntel.t()).strong());
                    for i in super::widgets::or_show(ui, store.intel(id))
                        .into_iter()
                        .flatten()
                    {
                        ui.label(format!(
                            "{}  {}  {}",
                            crate::strings::show_date(&i.on),
                            i.source,
                            i.reported_by
                        ));
                        ui.label(RichText::new(i.text).weak());
                    }
                    egui::Grid::new("intel-grid").num_columns(2).show(ui, |ui| {
                        widgets::text_row(
                            ui,
                            S::MIntelDate.t(),
                            true,
                            &mut f.intel.on,
                            None,
                            Some("2026-11-22"),
                        );
                        widgets::text_row(
                            ui,
                            S::MIntelSource.t(),
                            false,
                            &mut f.intel.source,
                            None,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::BReportedBy.t(),
                            false,
                            &mut f.intel.reported_by,
                            None,
                            None,
                        );
                        widgets::multiline_row(ui, S::MIntelText.t(), &mut f.intel.text, None);
                    });
                    add_intel = ui.button(S::MAddIntel.t()).clicked();
                    ui.separator();
                    ui.label(RichText::new(S::RelatedNews.t()).strong());
                    let q = NewsQuery {
                        competitor_id: Some(id),
                        ..Default::default()
                    };
                    for n in super::widgets::or_show(ui, store.news_page(&q, 0, 20))
                        .into_iter()
                        .flatten()
                    {
                        if ui
                            .link(format!("{}  {}", crate::strings::show_date(&n.on), n.title))
                            .clicked()
                        {
                            open_news = Some(n.id);
                        }
                    }
                }
            });
        if add_intel && let Some(id) = f.original.id {
            match store.add_intel(id, &f.intel) {
                Ok(_) => {
                    f.intel = Form::new(Competitor::default()).intel;
                    self.message = Some(Message::info(S::Saved.t()));
                }
                Err(e) => self.message = Some(Message::error(e.message())),
            }
        }
        if delete && let Some(id) = f.original.id {
            self.confirm_delete = Some((id, f.original.name.clone()));
        }
        self.open_customer = open_customer;
        self.open_news = open_news;
        if save {
            self.save(store);
        }
    }
}
