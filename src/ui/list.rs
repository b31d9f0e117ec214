//! The list machinery the record panels share: a virtualised table over a [`PageCache`]
//! (only the visible rows are built, pages come from the store as they scroll into
//! view), and a form row that links a record to several customers.

use super::widgets::Message;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::paging::PageCache;
use super::pickers::CustomerPick;
use super::widgets::{self, ERROR_RED, OK_GREEN};
use crate::store::{CustomerQuery, Sort, Store, StoreError};
use crate::strings::{self, S};

const ROW_HEIGHT: f32 = 24.0;

/// One cell: its text, and whether it should stand out (in red, or in bold).
pub struct Cell {
    pub text: String,
    pub red: bool,
    pub strong: bool,
    /// Drawn as a link: a click on it is the row's action, not a click on the row.
    pub link: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            red: false,
            strong: false,
            link: false,
        }
    }

    pub fn link(mut self, link: bool) -> Cell {
        self.link = link;
        self
    }

    pub fn red(mut self, red: bool) -> Cell {
        self.red = red;
        self
    }

    pub fn strong(mut self, strong: bool) -> Cell {
        self.strong = strong;
        self
    }
}

/// What the user did to the list in a frame.
#[derive(Default)]
pub struct TableClicks {
    /// A row clicked: its record's id.
    pub row: Option<i64>,
    /// A column header clicked: the list's new order.
    pub sort: Option<Option<Sort>>,
    /// A link cell clicked: its row's record's id.
    pub action: Option<i64>,
}

/// The columns of a list: header and initial width.
pub struct Columns<'a> {
    pub heads: Vec<&'a str>,
    pub widths: &'a [f32],
    /// The current order (an arrow on that header).
    pub sort: Option<Sort>,
    /// The row of the record open in the form.
    pub selected: Option<i64>,
    /// Columns the list cannot be sorted by (their headers are not buttons).
    pub unsortable: &'a [usize],
    /// A row to bring into view, centred, this frame.
    pub scroll_to: Option<u64>,
}

impl<'a> Columns<'a> {
    /// Every column sortable, nothing to scroll to.
    pub fn new(heads: Vec<&'a str>, widths: &'a [f32]) -> Columns<'a> {
        Columns {
            heads,
            widths,
            sort: None,
            selected: None,
            unsortable: &[],
            scroll_to: None,
        }
    }
}

/// Draws the list: headers that sort when clicked (again: the other way round), and
/// only the visible rows, fetched a page at a time.
pub fn paged_table<Q: Clone + PartialEq, R: Clone>(
    ui: &mut egui::Ui,
    cache: &mut PageCache<Q, R>,
    query: &Q,
    columns: Columns,
    fetch: impl Fn(&Q, u64, u64) -> Result<Vec<R>, StoreError>,
    row_id: impl Fn(&R) -> i64,
    cells: impl Fn(&R) -> Vec<Cell>,
) -> TableClicks {
    let mut clicks = TableClicks::default();
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .min_scrolled_height(0.0);
    if let Some(row) = columns.scroll_to {
        table = table.scroll_to_row(row as usize, Some(egui::Align::Center));
    }
    for (i, w) in columns.widths.iter().enumerate() {
        table = table.column(if i == columns.widths.len() - 1 {
            Column::remainder().at_least(*w)
        } else {
            Column::initial(*w)
                .at_least(40.0)
                .resizable(true)
                .clip(true)
        });
    }
    table
        .header(ROW_HEIGHT + 2.0, |mut h| {
            for (i, s) in columns.heads.iter().enumerate() {
                h.col(|ui| {
                    let mut text = s.to_string();
                    if columns.unsortable.contains(&i) {
                        ui.label(RichText::new(text).strong());
                        return;
                    }
                    if let Some(sort) = columns.sort.filter(|o| o.column == i) {
                        text.push_str(if sort.descending { " ▼" } else { " ▲" });
                    }
                    if ui
                        .add(egui::Button::new(RichText::new(text).strong()).frame(false))
                        .clicked()
                    {
                        clicks.sort = Some(Sort::clicked(columns.sort, i));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, cache.filtered as usize, |mut row| {
                let i = row.index() as u64;
                let Some(r) = cache.row(query, i, &fetch).cloned() else {
                    // Its page could not be read: the error is shown above the list.
                    row.col(|ui| {
                        ui.label("…");
                    });
                    return;
                };
                let id = row_id(&r);
                row.set_selected(columns.selected == Some(id));
                let mut action = false;
                for c in cells(&r) {
                    row.col(|ui| {
                        let mut t = RichText::new(c.text);
                        if c.red {
                            t = t.color(ERROR_RED);
                        }
                        if c.strong {
                            t = t.strong();
                        }
                        if c.link {
                            action |= ui.link(t).clicked();
                        } else {
                            ui.add(egui::Label::new(t).selectable(false).truncate());
                        }
                    });
                }
                if action {
                    clicks.action = Some(id);
                } else if row.response().clicked() {
                    clicks.row = Some(id);
                }
            });
        });
    clicks
}

/// The keys every record panel answers, as the customer list does: Ctrl+N new, Ctrl+S
/// save, Ctrl+F to the search box, Delete (when not typing) the open record into the
/// trash, Esc drops unsaved edits. Nothing while a question is on the screen.
#[derive(Default)]
pub struct Keys {
    pub new: bool,
    pub save: bool,
    pub find: bool,
    pub delete: bool,
    pub escape: bool,
    pub print: bool,
}

pub fn keys(ui: &mut egui::Ui, asking: bool) -> Keys {
    use super::customers::{SHORTCUT_FIND, SHORTCUT_NEW, SHORTCUT_PRINT, SHORTCUT_SAVE};
    if asking {
        return Keys::default();
    }
    let typing = ui.ctx().egui_wants_keyboard_input();
    ui.input_mut(|i| Keys {
        new: i.consume_shortcut(&SHORTCUT_NEW),
        save: i.consume_shortcut(&SHORTCUT_SAVE),
        find: i.consume_shortcut(&SHORTCUT_FIND),
        delete: !typing && i.consume_key(egui::Modifiers::NONE, egui::Key::Delete),
        escape: i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
        print: i.consume_shortcut(&SHORTCUT_PRINT),
    })
}

/// The panel's last message above the list, when no form shows it.
pub fn list_message(ui: &mut egui::Ui, form_open: bool, message: Option<&Message>) {
    if let Some(Message { text: m, error: e }) = message.filter(|_| !form_open) {
        ui.label(RichText::new(m.as_str()).color(if *e { ERROR_RED } else { OK_GREEN }));
    }
}

/// A list's 共 N 条（已筛选 M 条）at the end of its toolbar: whole, on the next line when
/// the row is full (a wrapped label split it as 共 | 320 条 beside an open form).
pub fn count_label(ui: &mut egui::Ui, total: u64, filtered: u64, filtering: bool) {
    ui.add(
        egui::Label::new(RichText::new(strings::counts(total, filtered, filtering)).strong())
            .wrap_mode(egui::TextWrapMode::Extend),
    );
}

/// The search box of a list, labelled 搜索; takes the keyboard when `focus` is set.
/// Narrower when the list is (beside an open form), so its toolbar wraps less. `hint`
/// says what it looks in while empty.
pub fn search_box(
    ui: &mut egui::Ui,
    text: &mut String,
    focus: &mut bool,
    hint: S,
) -> egui::Response {
    let l = ui.label(S::Search.t());
    let width = if ui.available_width() < 900.0 {
        160.0
    } else {
        220.0
    };
    let r = ui
        .add(
            egui::TextEdit::singleline(text)
                .desired_width(width)
                .hint_text(hint.t()),
        )
        .labelled_by(l.id);
    if std::mem::take(focus) {
        r.request_focus();
    }
    r
}

/// A form row listing the customers a record is linked to, each removable and
/// clickable, with a search box to add more. Returns a customer the user clicked.
pub fn customer_links_row(
    ui: &mut egui::Ui,
    store: &Store,
    label: &str,
    ids: &mut Vec<i64>,
    pick: &mut CustomerPick,
) -> Option<i64> {
    let mut open = None;
    let l = ui.label(label);
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, id) in ids.iter().enumerate() {
            // A customer that cannot be read shows why in its place, not as a blank.
            let name = store
                .customer(*id)
                .map(|(c, _)| c.name)
                .unwrap_or_else(|e| e.message());
            ui.horizontal(|ui| {
                if ui.link(&name).clicked() {
                    open = Some(*id);
                }
                if ui
                    .small_button(S::Remove.t())
                    .on_hover_text(S::Remove.t())
                    .clicked()
                {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            ids.remove(i);
        }
        ui.add(
            egui::TextEdit::singleline(&mut pick.search)
                .hint_text(S::AddCustomerHint.t())
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        if !pick.search.trim().is_empty() {
            let q = CustomerQuery {
                text: pick.search.clone(),
                ..Default::default()
            };
            for r in super::widgets::or_show(ui, store.customer_page(&q, 0, 8))
                .into_iter()
                .flatten()
            {
                if !ids.contains(&r.id) && ui.selectable_label(false, &r.name).clicked() {
                    ids.push(r.id);
                    pick.search.clear();
                }
            }
        }
        widgets::field_message(ui, None);
    });
    ui.end_row();
    open
}

/// What was clicked at the top of a record form.
#[derive(Default)]
pub struct FormClicks {
    pub save: bool,
    pub delete: bool,
    pub history: bool,
}

/// The top of a record form: its title, 保存 (enabled when there are valid edits), 删除
/// and 历史 (for saved records), and the last message.
pub fn form_header(
    ui: &mut egui::Ui,
    title: &str,
    can_save: bool,
    saved: bool,
    message: Option<&Message>,
) -> FormClicks {
    ui.heading(title);
    let mut clicked = FormClicks::default();
    ui.horizontal(|ui| {
        clicked.save = ui
            .add_enabled(can_save, egui::Button::new(S::Save.t()))
            .on_hover_text("Ctrl+S")
            .clicked();
        if saved {
            clicked.delete = ui.button(S::Delete.t()).on_hover_text("Delete").clicked();
            clicked.history = ui.button(S::History.t()).clicked();
        }
    });
    if let Some(Message { text: m, error: e }) = message {
        ui.label(RichText::new(m.as_str()).color(if *e { ERROR_RED } else { OK_GREEN }));
    }
    ui.separator();
    clicked
}

/// Asks whether to move a record (`pending`: its id and name) into the trash; the id
/// when the user confirmed. Clears `pending` once answered.
pub fn confirm_trash(
    ctx: &egui::Context,
    id_salt: &str,
    title: &str,
    question: &str,
    pending: &mut Option<(i64, String)>,
) -> Option<i64> {
    let (id, _) = pending.clone()?;
    match widgets::confirm_dialog(ctx, id_salt, title, question, S::Delete.t(), S::Cancel.t()) {
        widgets::Answer::Confirm => {
            *pending = None;
            Some(id)
        }
        widgets::Answer::Cancel => {
            *pending = None;
            None
        }
        widgets::Answer::Pending => None,
    }
}
