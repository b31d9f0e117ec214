//! 竞争对手: the competitor list (most threatening first) and the competitor form with
//! the customers who also buy from it, its dated intelligence and the news about it.
//! The list and the form's frame are the shared [`RecordPanel`]; this file says what is
//! the competitors' own.

use egui::RichText;

use super::Goto;
use super::list::{Cell, customer_links_row};
use super::paging::Source;
use super::pickers::CustomerPick;
use super::record_panel::{RecordPanel, RecordUi, SaveFailed};
use super::widgets::{self, Message};
use crate::domain::competitor::{
    Competitor, CompetitorField as F, Intel, Threat, validate_competitor,
};
use crate::domain::validate::Problem;
use crate::io::records::RecordQuery;
use crate::store::competitors::{CompetitorQuery, CompetitorRow};
use crate::store::news::NewsQuery;
use crate::store::{Sort, Store, StoreError};
use crate::strings::{self, S};

pub struct Form {
    original: Competitor,
    draft: Competitor,
    share: String,
    pick: CustomerPick,
    intel: Intel,
    store_errors: Vec<(F, Problem)>,
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

    fn checked(&self) -> (Competitor, Vec<(F, Problem)>) {
        let mut c = self.draft.clone();
        let mut errs = Vec::new();
        let s = self.share.trim().trim_end_matches(['%', '％']);
        c.market_share = if s.is_empty() {
            None
        } else {
            match s.parse::<u8>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errs.push((F::MarketShare, Problem::OutOfRange(0, 100)));
                    None
                }
            }
        };
        errs.extend(validate_competitor(&c));
        (c, errs)
    }

    fn problems(&self) -> Vec<(F, Problem)> {
        let (_, mut errs) = self.checked();
        errs.extend(self.store_errors.iter().copied());
        errs
    }
}

/// The 竞争对手 tab.
pub type CompetitorsPanel = RecordPanel<CompetitorsUi>;

pub struct CompetitorsUi;

impl RecordUi for CompetitorsUi {
    type Query = CompetitorQuery;
    type Row = CompetitorRow;
    type Form = Form;
    type Extra = ();

    const TAB: super::app::Tab = super::app::Tab::Competitors;
    const SEARCH_HINT: S = S::SearchHintCompetitors;
    const NEW: S = S::NewCompetitor;
    const NONE_YET: S = S::NoCompetitors;
    const NONE_MATCH: S = S::NoCompetitorsMatch;
    const FORM_ID: &'static str = "competitor-form";
    const DELETE_ID: &'static str = "delete-competitor";
    fn heads() -> Vec<&'static str> {
        [
            F::Name,
            F::Threat,
            F::Products,
            F::PriceLevel,
            F::MarketShare,
            F::Customers,
        ]
        .map(strings::competitor_field)
        .into()
    }
    const WIDTHS: &'static [f32] = &[220.0, 60.0, 240.0, 100.0, 70.0, 60.0];

    fn source() -> Source<CompetitorQuery, CompetitorRow> {
        Source {
            total: |s| s.count_competitors(&CompetitorQuery::default()),
            count: |s, q| s.count_competitors(q),
            page: |s, q, o, l| s.competitor_page(q, o, l),
        }
    }

    fn row_id(r: &CompetitorRow) -> i64 {
        r.id
    }

    fn cells(r: &CompetitorRow) -> Vec<Cell> {
        vec![
            Cell::new(r.name.clone()),
            Cell::new(strings::threat(r.threat).t()).red(r.threat == Threat::High),
            Cell::new(r.products.replace('\n', " ")),
            Cell::new(r.price_level.clone()),
            Cell::new(r.market_share.map(|s| format!("{s}%")).unwrap_or_default()),
            Cell::new(r.customers.to_string()),
        ]
    }

    fn search_text(q: &mut CompetitorQuery) -> &mut String {
        &mut q.text
    }

    fn sort(q: &CompetitorQuery) -> Option<Sort> {
        q.sort
    }

    fn set_sort(q: &mut CompetitorQuery, sort: Option<Sort>) {
        q.sort = sort;
    }

    fn export(
        store: &Store,
        q: &CompetitorQuery,
        path: std::path::PathBuf,
        _every: bool,
    ) -> super::transfer::ExportJob {
        super::transfer::export_records(store, RecordQuery::Competitors(q.clone()), path)
    }

    fn filters(ui: &mut egui::Ui, q: &mut CompetitorQuery, _: &(), _store: &Store) {
        widgets::filter_combo(
            ui,
            "m-threat",
            strings::competitor_field(F::Threat),
            &mut q.threat,
            &Threat::ALL,
            |t| strings::threat(*t).t().into(),
        );
    }

    fn blank() -> Form {
        Form::new(Competitor::default())
    }

    fn load(store: &Store, id: i64) -> Result<Form, StoreError> {
        store.competitor(id).map(Form::new)
    }

    fn id(f: &Form) -> Option<i64> {
        f.original.id
    }

    fn name(f: &Form) -> String {
        f.original.name.clone()
    }

    fn dirty(f: &Form) -> bool {
        f.draft != f.original
            || f.share
                != f.original
                    .market_share
                    .map(|s| s.to_string())
                    .unwrap_or_default()
    }

    fn can_save(f: &Form) -> bool {
        f.problems().is_empty()
    }

    fn save(store: &mut Store, f: &mut Form) -> Result<i64, SaveFailed> {
        let (c, errs) = f.checked();
        if !errs.is_empty() {
            return Err(SaveFailed::Fields);
        }
        match store.save_competitor(&c) {
            Ok(id) => Ok(id),
            Err(StoreError::InvalidCompetitor(p)) => {
                f.store_errors = p;
                Err(SaveFailed::Fields)
            }
            Err(e) => Err(SaveFailed::Store(e)),
        }
    }

    fn trash(store: &mut Store, id: i64) -> Result<(), StoreError> {
        store.trash_competitor(id)
    }

    fn form_body(
        ui: &mut egui::Ui,
        f: &mut Form,
        _: &mut (),
        store: &mut Store,
        message: &mut Option<Message>,
    ) -> Option<Goto> {
        let errs = f.problems();
        let dirty = Self::dirty(f);
        let msg = |field: F| super::record_panel::field_message(&errs, dirty, field);
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
                            strings::competitor_field(F::Name),
                            true,
                            &mut d.name,
                            msg(F::Name).as_deref(),
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::Website.t(),
                            false,
                            &mut d.website,
                            msg(F::Website).as_deref(),
                            None,
                        );
                        widgets::multiline_row(
                            ui,
                            strings::competitor_field(F::Products),
                            &mut d.products,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            strings::competitor_field(F::PriceLevel),
                            false,
                            &mut d.price_level,
                            None,
                            Some(S::CompetitorPriceHint.t()),
                        );
                        widgets::multiline_row(
                            ui,
                            strings::competitor_field(F::Strengths),
                            &mut d.strengths,
                            None,
                        );
                        widgets::multiline_row(
                            ui,
                            strings::competitor_field(F::Weaknesses),
                            &mut d.weaknesses,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            strings::competitor_field(F::MarketShare),
                            false,
                            &mut f.share,
                            msg(F::MarketShare).as_deref(),
                            Some("15%"),
                        );
                        let d = &mut f.draft;
                        widgets::choice_row(
                            ui,
                            "m-threat-form",
                            strings::competitor_field(F::Threat),
                            &mut d.threat,
                            &Threat::ALL,
                            |t| strings::threat(t).t().into(),
                        );
                        widgets::multiline_row(ui, S::Notes.t(), &mut d.notes, None);
                        open_customer = customer_links_row(
                            ui,
                            store,
                            strings::competitor_field(F::Customers),
                            &mut d.customers,
                            &mut f.pick,
                        );
                    });
                if let Some(id) = f.original.id {
                    ui.separator();
                    ui.label(RichText::new(S::CompetitorIntel.t()).strong());
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
                            strings::competitor_field(F::IntelDate),
                            true,
                            &mut f.intel.on,
                            None,
                            Some("2026-11-22"),
                        );
                        widgets::text_row(
                            ui,
                            S::CompetitorIntelSource.t(),
                            false,
                            &mut f.intel.source,
                            None,
                            None,
                        );
                        widgets::text_row(
                            ui,
                            S::FeedbackReportedBy.t(),
                            false,
                            &mut f.intel.reported_by,
                            None,
                            None,
                        );
                        widgets::multiline_row(
                            ui,
                            strings::competitor_field(F::IntelText),
                            &mut f.intel.text,
                            None,
                        );
                    });
                    add_intel = ui.button(S::CompetitorAddIntel.t()).clicked();
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
                    *message = Some(Message::info(S::Saved.t()));
                }
                Err(e) => *message = Some(Message::error(e.message())),
            }
        }
        open_customer
            .map(Goto::Customer)
            .or(open_news.map(Goto::News))
    }
}
