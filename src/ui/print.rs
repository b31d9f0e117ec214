//! Print preview: the real pages of the page model (the same ones the PDF is made of),
//! page by page and zoomable, then save as PDF, open in the PDF viewer, or send to the
//! printer. The pages are laid out on a worker thread with its own database connection.

use super::widgets::Message;
use std::path::PathBuf;
use std::thread::JoinHandle;

use egui::{Color32, RichText, Stroke};

use crate::io::print::layout::{Item, Page, PageSetup};
use crate::io::print::{
    ListOptions, contract_sheet_pages, customer_card_pages, customer_list_pages,
    missing_characters, pdf, printable_columns,
};
use crate::store::{CustomerQuery, Store};
use crate::strings::{self, S};

use super::widgets::{ERROR_RED, OK_GREEN};

type Job = JoinHandle<Result<(Vec<Page>, Vec<char>), String>>;

/// What is being printed.
#[derive(Clone)]
enum Doc {
    List(CustomerQuery),
    Card(i64),
    Contract(i64),
    /// A customer's 对账单 (false) or 催款函 (true) as of a date.
    Collection(i64, chrono::NaiveDate, bool),
    /// 客户价值与流失 as asked for, with the customers the table shows (in its order).
    Analysis(crate::store::value::ValueAsk, Vec<i64>),
    /// 经营报表: 统计报表's figures as shown, with the reports picked.
    Report(
        std::sync::Arc<crate::store::reports::Summary>,
        crate::io::print::report::Parts,
    ),
    /// 今日工作清单: 工作台's lines as of the day.
    Today(
        chrono::NaiveDate,
        std::sync::Arc<Vec<crate::domain::workbench::WorkLine>>,
    ),
}

pub struct PrintPreview {
    doc: Doc,
    title: String,
    setup: PageSetup,
    /// For the customer list: columns, stripes and fit (remembered).
    list: ListOptions,
    pages: Vec<Page>,
    /// Characters the font lacks on these pages.
    missing: Vec<char>,
    page: usize,
    zoom: f32,
    job: Option<Job>,
    message: Option<Message>,
    pub open: bool,
}

impl PrintPreview {
    /// A preview of the customer list as `query` shows it.
    pub fn customers(query: CustomerQuery, store: &Store) -> PrintPreview {
        PrintPreview::new(Doc::List(query), S::PrintListTitle.t().into(), store)
    }

    /// The options the list is printed with (for tests).
    pub fn list_options(&self) -> &ListOptions {
        &self.list
    }

    /// A preview of one customer's card.
    pub fn card(id: i64, name: &str, store: &Store) -> PrintPreview {
        PrintPreview::new(Doc::Card(id), strings::customer_card_title(name), store)
    }

    /// A preview of a contract sheet.
    pub fn contract(id: i64, title: &str, store: &Store) -> PrintPreview {
        PrintPreview::new(
            Doc::Contract(id),
            strings::contract_sheet_title(title),
            store,
        )
    }

    /// A preview of a customer's 对账单 (statement), or of its 催款函 (reminder letter),
    /// as of today.
    pub fn collection(id: i64, name: &str, reminder: bool, store: &Store) -> PrintPreview {
        let title = if reminder {
            format!("{} — {name}", S::ReminderTitle.t())
        } else {
            strings::statement_title(name)
        };
        PrintPreview::new(
            Doc::Collection(id, crate::store::today(), reminder),
            title,
            store,
        )
    }

    /// 客户价值与流失 as 客户分析 shows it.
    pub fn analysis(
        ask: crate::store::value::ValueAsk,
        shown: Vec<i64>,
        store: &Store,
    ) -> PrintPreview {
        PrintPreview::new(
            Doc::Analysis(ask, shown),
            S::PrintAnalysisTitle.t().to_string(),
            store,
        )
    }

    /// 经营报表 of 统计报表's figures as shown (月度经营报表 for a calendar month).
    pub fn report(
        summary: std::sync::Arc<crate::store::reports::Summary>,
        store: &Store,
    ) -> PrintPreview {
        let title = crate::io::print::report::title(&summary).to_string();
        PrintPreview::new(Doc::Report(summary, Default::default()), title, store)
    }

    /// 今日工作清单 as 工作台 shows it (what the user may not approve is not in it).
    pub fn today(
        as_of: chrono::NaiveDate,
        lines: std::sync::Arc<Vec<crate::domain::workbench::WorkLine>>,
        store: &Store,
    ) -> PrintPreview {
        PrintPreview::new(
            Doc::Today(as_of, lines),
            S::WorkPrintTitle.t().to_string(),
            store,
        )
    }

    fn new(doc: Doc, title: String, store: &Store) -> PrintPreview {
        // Settings that cannot be read are said; the page is then set up as new.
        let (settings, message) = match store.settings() {
            Ok(s) => (s, None),
            Err(e) => (Default::default(), Some(Message::error(e.message()))),
        };
        let mut p = PrintPreview {
            doc,
            title,
            setup: PageSetup::from_settings(&settings),
            list: ListOptions::remembered(store),
            pages: Vec::new(),
            missing: Vec::new(),
            page: 0,
            zoom: 1.0,
            job: None,
            message,
            open: true,
        };
        p.relayout(store);
        p
    }

    fn relayout(&mut self, store: &Store) {
        let db = store.path().to_path_buf();
        let (doc, setup) = (self.doc.clone(), self.setup);
        let list = ListOptions {
            title: self.title.clone(),
            ..self.list.clone()
        };
        let handle = std::thread::spawn(move || {
            let store = Store::open(&db).map_err(|e| e.message())?;
            let pages = match doc {
                Doc::List(q) => customer_list_pages(&store, &q, &list, &setup),
                Doc::Card(id) => customer_card_pages(&store, id, &setup),
                Doc::Contract(id) => contract_sheet_pages(&store, id, &setup),
                Doc::Collection(id, day, false) => {
                    crate::io::print::collection::statement_pages(&store, id, day, &setup)
                }
                Doc::Collection(id, day, true) => {
                    crate::io::print::collection::reminder_pages(&store, id, day, &setup)
                }
                Doc::Analysis(ask, shown) => {
                    crate::io::print::analysis_report_pages(&store, &ask, &shown, &setup)
                }
                Doc::Report(summary, parts) => crate::io::print::business_report_pages(
                    &store,
                    &list.title,
                    &summary,
                    parts,
                    &setup,
                ),
                Doc::Today(as_of, lines) => {
                    crate::io::print::today_list_pages(&store, as_of, &lines, &list.title, &setup)
                }
            }
            .map_err(|e| e.message())?;
            let missing = missing_characters(&pages);
            Ok((pages, missing))
        });
        self.job = Some(handle);
    }

    fn poll(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        if !job.is_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        let job = self.job.take().expect("checked above");
        match job.join() {
            Ok(Ok((pages, missing))) => {
                self.page = self.page.min(pages.len().saturating_sub(1));
                self.pages = pages;
                self.missing = missing;
            }
            Ok(Err(m)) => self.message = Some(Message::error(m)),
            Err(_) => self.message = Some(Message::error(S::ErrDbOther.t())),
        }
    }

    /// Writes the PDF to a temporary file (for the viewer and the printer).
    fn temp_pdf(&self) -> Result<PathBuf, String> {
        let path = std::env::temp_dir().join(format!("kehu-print-{}.pdf", std::process::id()));
        pdf::write_pdf(&self.pages, &self.setup, &self.title, &path)
            .map_err(|e| strings::cannot_write(&e))?;
        Ok(path)
    }

    pub fn show(&mut self, ctx: &egui::Context, store: &mut Store) {
        self.poll(ctx);
        let mut open = self.open;
        // Esc closes the preview, as it cancels every dialog (not while it prints).
        if self.job.is_none()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            open = false;
        }
        let mut relayout = false;
        egui::Window::new(S::PrintPreview.t())
            .id(egui::Id::unique("print-preview"))
            .open(&mut open)
            .default_size([760.0, 720.0])
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 40.0))
            .show(ctx, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let l = ui.label(S::PrintTitleLabel.t());
                    if ui
                        .add(egui::TextEdit::singleline(&mut self.title).desired_width(180.0))
                        .labelled_by(l.id)
                        .lost_focus()
                    {
                        relayout = true;
                    }
                    if ui
                        .checkbox(&mut self.setup.landscape, S::PrintLandscape.t())
                        .changed()
                    {
                        relayout = true;
                    }
                    let l = ui.label(S::PrintZoom.t());
                    ui.add(egui::Slider::new(&mut self.zoom, 0.5..=2.0).show_value(false))
                        .labelled_by(l.id);
                });
                if matches!(self.doc, Doc::List(_)) && self.show_list_options(ui, store) {
                    relayout = true;
                }
                if let Doc::Report(_, parts) = &mut self.doc {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(S::ReportParts.t());
                        for (on, name) in [
                            (&mut parts.customers, S::ReportCustomers.t()),
                            (&mut parts.contracts, S::ReportContracts.t()),
                            (&mut parts.received, S::ReportReceived.t()),
                            (&mut parts.feedback, S::ReportFeedback.t()),
                            (&mut parts.salespeople, S::ReportSalespeople.t()),
                        ] {
                            relayout |= ui.checkbox(on, name).changed();
                        }
                    });
                }
                ui.horizontal_wrapped(|ui| {
                    if ui.button(S::PrintSavePdf.t()).clicked()
                        && let Some(path) = rfd::FileDialog::new()
                            .set_file_name(format!("{}.pdf", self.title))
                            .add_filter("PDF", &["pdf"])
                            .save_file()
                    {
                        self.message = Some(
                            match pdf::write_pdf(&self.pages, &self.setup, &self.title, &path) {
                                Ok(()) => {
                                    Message::info(strings::saved_to(&path.display().to_string()))
                                }
                                Err(e) => Message::error(strings::cannot_write(&e)),
                            },
                        );
                    }
                    if ui.button(S::PrintOpenViewer.t()).clicked() {
                        self.message = Some(
                            match self
                                .temp_pdf()
                                .and_then(|p| crate::io::print::system::open_viewer(&p))
                            {
                                Ok(()) => Message::info(S::PrintOpened.t()),
                                Err(e) => Message::error(e),
                            },
                        );
                    }
                    if ui.button(S::PrintToPrinter.t()).clicked() {
                        self.message = Some(
                            match self
                                .temp_pdf()
                                .and_then(|p| crate::io::print::system::send_to_printer(&p))
                            {
                                Ok(()) => Message::info(S::PrintSent.t()),
                                Err(e) => Message::error(e),
                            },
                        );
                    }
                });
                if let Some(Message { text: m, error: e }) = &self.message {
                    ui.label(RichText::new(m).color(if *e { ERROR_RED } else { OK_GREEN }));
                }
                if !self.missing.is_empty() && self.job.is_none() {
                    ui.label(
                        RichText::new(strings::missing_glyphs(&self.missing)).color(ERROR_RED),
                    );
                }
                if self.job.is_some() {
                    ui.add(egui::Spinner::new());
                    ui.label(S::PrintLayingOut.t());
                    return;
                }
                if self.pages.is_empty() {
                    return;
                }
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(self.page > 0, egui::Button::new(S::PrintPrev.t()))
                        .clicked()
                    {
                        self.page -= 1;
                    }
                    ui.label(strings::page_of(self.page + 1, self.pages.len()));
                    if ui
                        .add_enabled(
                            self.page + 1 < self.pages.len(),
                            egui::Button::new(S::PrintNext.t()),
                        )
                        .clicked()
                    {
                        self.page += 1;
                    }
                });
                egui::ScrollArea::both()
                    .id_salt("print-page")
                    .show(ui, |ui| {
                        draw_page(ui, &self.pages[self.page], &self.setup, self.zoom);
                    });
            });
        if relayout {
            self.relayout(store);
        }
        self.open = open;
    }
}

impl PrintPreview {
    /// The list's columns, stripes and fit; true when they changed (they are remembered).
    fn show_list_options(&mut self, ui: &mut egui::Ui, store: &mut Store) -> bool {
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            ui.menu_button(S::PrintColumns.t(), |ui| {
                for t in printable_columns() {
                    let mut on = self.list.columns.contains(&t);
                    if ui
                        .checkbox(&mut on, crate::io::text::import_target(t))
                        .changed()
                    {
                        if on {
                            // Placed before the first chosen column that comes after it in
                            // the menu; the others keep their order.
                            let order: Vec<_> = printable_columns().collect();
                            let rank =
                                |c: &crate::io::mapping::Target| order.iter().position(|o| o == c);
                            let at = self
                                .list
                                .columns
                                .iter()
                                .position(|c| rank(c) > rank(&t))
                                .unwrap_or(self.list.columns.len());
                            self.list.columns.insert(at, t);
                        } else if self.list.columns.len() > 1 {
                            self.list.columns.retain(|c| *c != t);
                        } else {
                            self.message = Some(Message::error(S::PrintNoColumns.t()));
                            continue;
                        }
                        changed = true;
                    }
                }
            });
            changed |= ui
                .checkbox(&mut self.list.zebra, S::PrintZebra.t())
                .changed();
            changed |= ui
                .checkbox(&mut self.list.fit_width, S::PrintFitWidth.t())
                .changed();
        });
        if changed && let Err(e) = self.list.remember(store) {
            self.message = Some(Message::error(e.message()));
        }
        changed
    }
}

/// Paints one page of the model at `zoom` (1.0: one point is one pixel).
fn draw_page(ui: &mut egui::Ui, page: &Page, setup: &PageSetup, zoom: f32) {
    let (w, h) = setup.size();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(w * zoom, h * zoom), egui::Sense::hover());
    // The page's text for screen readers (and for tests that read the preview).
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Document, true, page.texts().join(" "))
    });
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, Color32::GRAY),
        egui::StrokeKind::Outside,
    );
    let at = |x: f32, y: f32| rect.min + egui::vec2(x * zoom, y * zoom);
    for item in &page.items {
        match item {
            Item::Fill { x, y, w, h, gray } => {
                painter.rect_filled(
                    egui::Rect::from_min_size(at(*x, *y), egui::vec2(w * zoom, h * zoom)),
                    0.0,
                    Color32::from_gray(*gray),
                );
            }
            Item::Paint { x, y, w, h, rgb } => {
                painter.rect_filled(
                    egui::Rect::from_min_size(at(*x, *y), egui::vec2(w * zoom, h * zoom)),
                    0.0,
                    Color32::from_rgb(rgb[0], rgb[1], rgb[2]),
                );
            }
            Item::Ring(slice) => {
                let [r, g, b] = slice.rgb;
                let fill = Color32::from_rgb(r, g, b);
                for piece in slice.pieces() {
                    painter.add(egui::Shape::convex_polygon(
                        piece.iter().map(|(x, y)| at(*x, *y)).collect(),
                        fill,
                        Stroke::new(0.5 * zoom, fill),
                    ));
                }
            }
            Item::Line { x1, y1, x2, y2 } => {
                painter.line_segment(
                    [at(*x1, *y1), at(*x2, *y2)],
                    Stroke::new(0.5, Color32::from_gray(150)),
                );
            }
            Item::Text { x, y, size, text } => {
                painter.text(
                    at(*x, *y),
                    egui::Align2::LEFT_BOTTOM,
                    text,
                    egui::FontId::proportional(size * zoom),
                    Color32::BLACK,
                );
            }
        }
    }
}
