//! 工作台: everything due, overdue or coming up, section by section, each line opening
//! its record. Worked out on a worker thread from the records every time they change
//! (the change log's newest entry says when) and when the day turns, so the counts in
//! the tab's title and the status bar follow what the clerk does on the other tabs.

use chrono::NaiveDate;
use egui::RichText;

use super::Goto;
use super::widgets::{self, ERROR_RED, Message, OK_GREEN};
use super::worked::Worked;
use crate::domain::money::format_fen;
use crate::domain::workbench::{Opens, Section, WorkLine};
use crate::store::Store;
use crate::strings::{self, S};

/// Lines shown of a section until 显示全部 is clicked.
const FIRST_LINES: usize = 30;
/// Never more lines than this in one section on screen (the CLI lists them all).
const MOST_LINES: usize = 2_000;
/// How often the change log is looked at for changes made elsewhere.
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// What a list is worked out for: the day, and the change log's newest entry.
type Key = (NaiveDate, i64);

/// The sections a worker has read so far (all but 久未联系), for the key it works on.
type Partial = std::sync::Arc<std::sync::Mutex<Option<(Key, std::sync::Arc<Vec<WorkLine>>)>>>;

#[derive(Default)]
pub struct WorkbenchPanel {
    /// Shared, so a frame draws it without copying tens of thousands of lines.
    list: Worked<Key, std::sync::Arc<Vec<WorkLine>>>,
    /// While the first list is worked out: the sections read so far, shown at once.
    partial: Partial,
    /// The key of the records as they are now, and when it was last looked at.
    key: Option<Key>,
    looked: Option<std::time::Instant>,
    /// Sections shown whole.
    expanded: Vec<Section>,
    /// The store could not say what changed (the list may be out of date).
    error: Option<String>,
    /// A line's 完成… / 推迟到… / 转给… being asked about.
    asking: Option<Asking>,
    /// What the last action did (or why not).
    message: Option<Message>,
    /// The list being written to a file (今日工作清单), on a worker thread.
    export: Option<super::transfer::ExportJob>,
    /// 打印…: the list's print preview.
    print: Option<super::print::PrintPreview>,
    /// The day the visit rules last planned for, and the worker planning now.
    planned: Option<chrono::NaiveDate>,
    planning: Option<std::thread::JoinHandle<Result<usize, String>>>,
}

/// What is asked about a line before it is done, put off or handed over.
struct Asking {
    line: WorkLine,
    what: Ask,
    /// The note, the date or the salesperson typed.
    text: String,
    error: Option<String>,
    /// The box has been given the keyboard (once, as the question opens).
    focused: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Ask {
    Done,
    SnoozeTo,
    HandOver,
}

/// What a line's 处理 menu asked for.
enum Act {
    Ask(Ask),
    SnoozeDays(i64),
}

impl WorkbenchPanel {
    /// Looks whether the records changed (at most every few seconds, or at once after
    /// [`Self::invalidate`]) and works the list out again when they did. Called every
    /// frame whichever tab is shown, so the counts stay true.
    pub fn tick(&mut self, ctx: &egui::Context, store: &Store) {
        if self.looked.is_none_or(|t| t.elapsed() >= LOOK_EVERY) {
            self.looked = Some(std::time::Instant::now());
            match store.last_change() {
                Ok(n) => {
                    self.key = Some((crate::store::today(), n));
                    self.error = None;
                }
                Err(e) => self.error = Some(e.message()),
            }
            ctx.request_repaint_after(LOOK_EVERY);
        }
        self.plan_visits(store);
        let stale = self
            .list
            .got
            .as_ref()
            .is_none_or(|(k, _)| Some(k) != self.key.as_ref());
        // A small database's list is worked out at once (a few milliseconds); a large
        // one's on a worker thread.
        if let Some(key) = self.key
            && stale
            && !self.list.busy()
            && store.small_work_list().unwrap_or(false)
        {
            let list = store
                .work_settings()
                .and_then(|settings| store.work_list(key.0, &settings));
            self.list.got = Some((key, list.map(Into::into).map_err(|e| e.message())));
            return;
        }
        let partial = self.partial.clone();
        let woken = ctx.clone();
        self.list
            .ask(self.key, store, ctx, move |s: &Store, key: Key| {
                let settings = s.work_settings()?;
                s.work_list_as_it_comes(key.0, &settings, |first| {
                    if let Ok(mut p) = partial.lock() {
                        *p = Some((key, first.to_vec().into()));
                    }
                    woken.request_repaint();
                })
                .map(std::sync::Arc::new)
            });
        if self.list.poll(self.key.as_ref())
            && let Ok(mut p) = self.partial.lock()
        {
            *p = None;
        }
    }

    /// The visit rules plan what is due, once a day (after sign-in, and when the day
    /// turns), on a worker with its own connection as the user signed in; what it
    /// writes moves the change log, so the list is worked out again.
    fn plan_visits(&mut self, store: &Store) {
        if self.planning.as_ref().is_some_and(|h| h.is_finished()) {
            match self.planning.take().map(|h| h.join()) {
                Some(Ok(Err(e))) => self.error = Some(e),
                Some(Err(_)) => self.error = Some(S::WorkerFailed.t().into()),
                _ => self.looked = None,
            }
        }
        let today = crate::store::today();
        if self.planning.is_some() || self.planned == Some(today) || store.actor().is_none() {
            return;
        }
        self.planned = Some(today);
        let opener = store.opener();
        self.planning = Some(std::thread::spawn(move || {
            let mut s = opener.open().map_err(|e| e.message())?;
            let settings = s.work_settings().map_err(|e| e.message())?;
            s.plan_visits(today, &settings).map_err(|e| e.message())
        }));
    }

    /// Something was done here that the list may show: look again now.
    pub fn invalidate(&mut self) {
        self.looked = None;
    }

    /// The whole list as last worked out (the previous one while a new one is on the
    /// way): what is exported and printed.
    fn complete(&self) -> Option<std::sync::Arc<Vec<WorkLine>>> {
        match &self.list.got {
            Some((_, Ok(lines))) => Some(lines.clone()),
            _ => None,
        }
    }

    /// The lines shown: the whole list, or — before the first one comes — the
    /// sections read so far (true: 久未联系 is still on its way).
    fn lines_so_far(&self) -> Option<(std::sync::Arc<Vec<WorkLine>>, bool)> {
        if let Some(lines) = self.complete() {
            return Some((lines, false));
        }
        let p = self.partial.lock().ok()?;
        match &*p {
            Some((key, lines)) if Some(key) == self.key.as_ref() => Some((lines.clone(), true)),
            _ => None,
        }
    }

    fn count(&self, which: impl Fn(Section) -> bool) -> Option<usize> {
        self.lines_so_far()
            .map(|(l, _)| l.iter().filter(|l| which(l.section)).count())
    }

    /// The tab's title: 工作台, with the number of overdue lines when there are any.
    pub fn tab_title(&self) -> String {
        match self.count(Section::is_overdue) {
            Some(n) if n > 0 => format!("{} ({n})", S::TabWorkbench.t()),
            _ => S::TabWorkbench.t().to_string(),
        }
    }

    /// The status bar's 今日待办 N (overdue, due today, waiting for approval).
    pub fn status_text(&self) -> String {
        match self.count(Section::is_for_today) {
            Some(n) => strings::labelled(S::TodayDue.t(), &n.to_string()),
            None => String::new(),
        }
    }

    /// How many lines are overdue, once worked out.
    pub fn overdue(&self) -> Option<usize> {
        self.count(Section::is_overdue)
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) -> Option<Goto> {
        self.ask_window(ui.ctx(), store);
        if let Some(m) = super::transfer::ExportJob::finished_message(&mut self.export, ui.ctx()) {
            self.message = Some(m);
        }
        let approver = store.actor().is_some_and(|a| {
            matches!(
                a.role,
                crate::domain::Role::Supervisor | crate::domain::Role::Admin
            )
        });
        ui.horizontal(|ui| {
            if let Some((day, _)) = self.key {
                ui.label(RichText::new(strings::labelled(
                    S::AsOf.t(),
                    &strings::show_date(&day.format("%Y-%m-%d").to_string()),
                )));
            }
            // Said in words, not with a spinner: a spinner repaints the window every
            // frame, and this list is worked out again after every change.
            if self.list.busy() {
                ui.weak(S::Working.t());
            }
            if ui
                .add_enabled(
                    self.complete().is_some() && self.export.is_none(),
                    egui::Button::new(S::ExportButton.t()),
                )
                .on_hover_text(S::WorkExportHint.t())
                .clicked()
            {
                self.export(store);
            }
            if ui
                .add_enabled(
                    self.complete().is_some() && self.print.is_none(),
                    egui::Button::new(S::PrintButton.t()),
                )
                .clicked()
                && let (Some(lines), Some((day, _))) = (self.complete(), self.key)
            {
                self.print = Some(super::print::PrintPreview::today(day, lines, store));
            }
        });
        if let Some(p) = &mut self.print {
            p.show(ui.ctx(), store);
            if !p.open {
                self.print = None;
            }
        }
        if let Some(e) = &self.error {
            ui.colored_label(ERROR_RED, e);
        }
        if let Some((_, Err(e))) = &self.list.got {
            ui.colored_label(ERROR_RED, e);
        }
        if let Some(m) = &self.message {
            ui.colored_label(if m.error { ERROR_RED } else { OK_GREEN }, &m.text);
        }
        ui.separator();
        let (lines, coming) = self.lines_so_far()?;
        let mut goto = None;
        let mut act = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for section in Section::ALL {
                    if section == Section::Approvals && !approver {
                        continue;
                    }
                    // The lines come section by section, in the sections' order.
                    let from = lines.partition_point(|l| l.section < section);
                    let to = lines.partition_point(|l| l.section <= section);
                    let on_its_way = coming && section == Section::NoContact;
                    let (g, a) = self.section(ui, section, &lines[from..to], on_its_way);
                    goto = goto.take().or(g);
                    act = act.take().or(a);
                }
            });
        if let Some((line, a)) = act {
            self.act(store, line, a);
        }
        goto
    }

    /// 导出…: the list as `kehu today --format csv` writes it, to XLSX or CSV, on a
    /// worker thread. (What a clerk may not approve is not on their list, so not in it.)
    fn export(&mut self, store: &Store) {
        let (Some(lines), Some((day, _))) = (self.complete(), self.key) else {
            return;
        };
        let Some(path) = rfd::FileDialog::new()
            .set_file_name(format!("今日工作清单_{}.xlsx", day.format("%Y%m%d")))
            .add_filter("Excel", &["xlsx"])
            .add_filter("CSV", &["csv"])
            .save_file()
        else {
            return;
        };
        self.export_to(store, path, lines);
    }

    /// Writes `lines` to `path` (the file box's answer; a test calls it directly).
    fn export_to(
        &mut self,
        store: &Store,
        path: std::path::PathBuf,
        lines: std::sync::Arc<Vec<WorkLine>>,
    ) {
        use crate::io::reports::{TODAY_HEADERS, today_rows};
        let heads = TODAY_HEADERS.iter().map(|h| h.to_string()).collect();
        match super::transfer::ExportJob::report(
            store,
            path,
            "今日工作清单",
            heads,
            move || today_rows(&lines),
        ) {
            Ok(job) => self.export = Some(job),
            Err(e) => self.message = Some(Message::error(e)),
        }
    }

    /// A line's 处理 menu was used: put off at once, or ask first.
    fn act(&mut self, store: &mut Store, line: WorkLine, act: Act) {
        match act {
            Act::SnoozeDays(n) => {
                let until = crate::store::today() + chrono::Duration::days(n);
                self.finished(store.snooze_work(&line, until), S::WorkSnoozedSaid);
            }
            Act::Ask(what) => {
                let text = match what {
                    Ask::SnoozeTo => (crate::store::today() + chrono::Duration::days(7))
                        .format("%Y-%m-%d")
                        .to_string(),
                    Ask::HandOver => line.owner.clone(),
                    Ask::Done => String::new(),
                };
                self.asking = Some(Asking {
                    line,
                    what,
                    text,
                    error: None,
                    focused: false,
                });
            }
        }
    }

    /// Says how an action went; the list is read again when it went.
    fn finished(&mut self, r: crate::store::Result<()>, said: S) {
        match r {
            Ok(()) => {
                self.message = Some(Message::info(said.t()));
                self.invalidate();
            }
            Err(e) => self.message = Some(Message::error(e.message())),
        }
    }

    /// The question of 完成… (a note), 推迟到… (a date) or 转给… (a salesperson); a
    /// refusal is shown in it and it stays open.
    fn ask_window(&mut self, ctx: &egui::Context, store: &mut Store) {
        let Some(a) = &mut self.asking else {
            return;
        };
        let (title, label) = match a.what {
            Ask::Done => (S::WorkDoneTitle, S::WorkDoneNote),
            Ask::SnoozeTo => (S::WorkSnoozeTitle, S::WorkSnoozeDate),
            Ask::HandOver => (S::WorkHandOverTitle, S::WorkHandOverTo),
        };
        let mut answer = widgets::Answer::Pending;
        let modal = egui::Modal::new(egui::Id::unique("work-ask")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading(title.t());
            ui.label(strings::with_note(
                &a.line.customer,
                &strings::work_what(&a.line),
            ));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let l = ui.label(label.t());
                let edit = if a.what == Ask::Done {
                    egui::TextEdit::multiline(&mut a.text).desired_rows(3)
                } else {
                    egui::TextEdit::singleline(&mut a.text)
                };
                let r = ui.add(edit.desired_width(280.0)).labelled_by(l.id);
                if !std::mem::replace(&mut a.focused, true) {
                    r.request_focus();
                }
            });
            if let Some(e) = &a.error {
                ui.colored_label(ERROR_RED, e);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(S::Confirm.t()).clicked() {
                    answer = widgets::Answer::Confirm;
                }
                if ui.button(S::Cancel.t()).clicked() {
                    answer = widgets::Answer::Cancel;
                }
            });
        });
        if answer == widgets::Answer::Pending && modal.should_close() {
            answer = widgets::Answer::Cancel;
        }
        match answer {
            widgets::Answer::Pending => {}
            widgets::Answer::Cancel => self.asking = None,
            widgets::Answer::Confirm => {
                let r = match a.what {
                    Ask::Done => store.finish_work(&a.line, &a.text),
                    Ask::SnoozeTo => match crate::domain::validate::parse_date(&a.text) {
                        Some(d) => store.snooze_work(&a.line, d),
                        None => {
                            a.error = Some(S::ProblemBadDate.t().into());
                            return;
                        }
                    },
                    Ask::HandOver if a.text.trim().is_empty() => {
                        a.error = Some(S::NameRequired.t().into());
                        return;
                    }
                    Ask::HandOver => store.hand_over_work(&a.line, &a.text),
                };
                let said = match a.what {
                    Ask::Done => S::WorkDoneSaid,
                    Ask::SnoozeTo => S::WorkSnoozedSaid,
                    Ask::HandOver => S::WorkHandedSaid,
                };
                match r {
                    Err(e) => a.error = Some(e.message()),
                    Ok(()) => {
                        self.asking = None;
                        self.finished(Ok(()), said);
                    }
                }
            }
        }
    }

    /// One section: its name and count, then its lines (the first few until 显示全部).
    /// Returns a record to open, and a line's 处理 chosen.
    fn section(
        &mut self,
        ui: &mut egui::Ui,
        section: Section,
        lines: &[WorkLine],
        on_its_way: bool,
    ) -> (Option<Goto>, Option<(WorkLine, Act)>) {
        if on_its_way {
            // Not a collapsing header yet: one made now, empty, would stay closed
            // when its lines come.
            ui.horizontal(|ui| {
                let title = strings::with_note(strings::work_section(section), "…");
                ui.label(RichText::new(title).strong());
                ui.weak(S::Working.t());
            });
            return (None, None);
        }
        let title = strings::with_note(strings::work_section(section), &lines.len().to_string());
        let mut text = RichText::new(title).strong();
        if section.is_overdue() && !lines.is_empty() {
            text = text.color(ERROR_RED);
        }
        let mut goto = None;
        let mut act = None;
        egui::CollapsingHeader::new(text)
            .id_salt(("work-section", section as usize))
            .default_open(!lines.is_empty())
            .show(ui, |ui| {
                if lines.is_empty() {
                    ui.weak(S::NothingHere.t());
                    return;
                }
                let whole = self.expanded.contains(&section);
                let shown = if whole { MOST_LINES } else { FIRST_LINES };
                egui::Grid::new(("work-lines", section as usize))
                    .striped(true)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        for (i, l) in lines.iter().take(shown).enumerate() {
                            if let Some(g) = line(ui, l) {
                                goto = Some(g);
                            }
                            if let Some(a) = actions(ui, (section as usize, i), l) {
                                act = Some((l.clone(), a));
                            }
                            ui.end_row();
                        }
                    });
                if lines.len() > shown {
                    let more = strings::show_all(lines.len());
                    if !whole && ui.link(more).clicked() {
                        self.expanded.push(section);
                    } else if whole {
                        ui.weak(strings::more_elsewhere(lines.len() - shown));
                    }
                }
            });
        (goto, act)
    }
}

/// A line's 处理 menu: 完成…, 推迟 1 天 / 1 周 / 到…, 转给… (as the section allows).
fn actions(ui: &mut egui::Ui, id: (usize, usize), l: &WorkLine) -> Option<Act> {
    let mut act = None;
    ui.push_id(id, |ui| {
        ui.menu_button(S::WorkActions.t(), |ui| {
            if l.section.can_be_done() && ui.button(S::WorkDone.t()).clicked() {
                act = Some(Act::Ask(Ask::Done));
            }
            if ui.button(S::WorkSnoozeDay.t()).clicked() {
                act = Some(Act::SnoozeDays(1));
            }
            if ui.button(S::WorkSnoozeWeek.t()).clicked() {
                act = Some(Act::SnoozeDays(7));
            }
            if ui.button(S::WorkSnoozeTo.t()).clicked() {
                act = Some(Act::Ask(Ask::SnoozeTo));
            }
            if l.section.can_be_handed_over() && ui.button(S::WorkHandOver.t()).clicked() {
                act = Some(Act::Ask(Ask::HandOver));
            }
        });
    });
    act
}

/// One line: date, customer, what, how it stands in time, who, money. The customer
/// opens the customer; what opens the record.
fn line(ui: &mut egui::Ui, l: &WorkLine) -> Option<Goto> {
    let mut goto = None;
    ui.label(
        l.date
            .map(|d| strings::show_date(&d.format("%Y-%m-%d").to_string()))
            .unwrap_or_default(),
    );
    if l.customer.is_empty() {
        ui.label("");
    } else if ui.link(&l.customer).clicked() {
        goto = Some(Goto::Customer(l.customer_id));
    }
    let what = strings::work_what(l);
    let opens = match l.opens {
        Opens::Customer(id) => Some(Goto::Customer(id)),
        Opens::Feedback(id) => Some(Goto::Feedback(id)),
        Opens::Contract(id) => Some(Goto::Contract(id)),
        Opens::Holiday => None,
    };
    match opens {
        Some(opens) if !what.is_empty() => {
            if ui.link(what).clicked() {
                goto = Some(opens);
            }
        }
        _ => {
            ui.label(what);
        }
    }
    let days = RichText::new(strings::work_days(l));
    ui.label(if l.section.is_overdue() {
        days.color(ERROR_RED)
    } else {
        days
    });
    ui.label(&l.owner);
    ui.label(l.amount_fen.map(format_fen).unwrap_or_default());
    goto
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A follow-up 9 days overdue on 2026-06-10.
    fn overdue_line() -> WorkLine {
        WorkLine {
            section: Section::OverdueFollowUp,
            opens: Opens::Feedback(7),
            customer_id: 1,
            customer: "华东机电有限公司".into(),
            what: "回复报价".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 6, 1),
            days: 9,
            owner: "王强".into(),
            amount_fen: None,
            held: false,
        }
    }

    /// Before the first whole list comes, the sections read so far are shown, with
    /// 久未联系 said to be on its way; 导出… and 打印… wait for the whole list.
    #[test]
    fn the_sections_read_first_are_shown_while_the_last_one_comes() {
        use egui_kittest::kittest::{NodeT, Queryable};
        crate::strings::set_lang(crate::strings::Lang::Zh);
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("k.sqlite3")).unwrap();
        store.create_first_admin("kehu-test-1").unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 10).unwrap();
        let line = overdue_line();
        let mut panel = WorkbenchPanel {
            key: Some((day, 1)),
            ..Default::default()
        };
        *panel.partial.lock().unwrap() = Some(((day, 1), vec![line.clone()].into()));
        assert_eq!(panel.overdue(), Some(1), "counted at once");
        assert!(panel.complete().is_none());
        {
            let mut harness = egui_kittest::Harness::builder()
                .with_size(egui::vec2(1000.0, 600.0))
                .with_context_setup(|ctx| {
                    crate::ui::fonts::install(ctx, crate::ui::fonts::CjkSource::BundledOnly)
                })
                .build_ui(|ui| {
                    panel.show(ui, &mut store);
                });
            harness.run();
            harness.get_by_label("回复报价");
            harness.get_by_label_contains("久未联系（…）");
            harness.get_by_label("正在处理……");
            assert!(harness.get_by_label("导出…").accesskit_node().is_disabled());
        }
        // A partial list for another key (the records changed since) is not shown.
        panel.key = Some((day, 2));
        assert_eq!(panel.overdue(), None);
    }

    /// 导出… writes the columns `kehu today --format csv` writes, a row per line.
    #[test]
    fn the_list_exports_with_the_command_lines_columns() {
        crate::strings::set_lang(crate::strings::Lang::Zh);
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("k.sqlite3")).unwrap();
        store.create_first_admin("kehu-test-1").unwrap();
        let line = overdue_line();
        let out = dir.path().join("今日工作清单.csv");
        let mut panel = WorkbenchPanel::default();
        panel.export_to(&store, out.clone(), std::sync::Arc::new(vec![line]));
        let ctx = egui::Context::default();
        let mut said = None;
        for _ in 0..500 {
            said = super::super::transfer::ExportJob::finished_message(&mut panel.export, &ctx);
            if said.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let said = said.expect("the export finishes");
        assert!(!said.error, "{}", said.text);
        let text = std::fs::read_to_string(&out).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "分区,客户名称,事项,日期,天数,负责人,金额,说明",
                "逾期跟进,华东机电有限公司,回复报价,2026-06-01,9,王强,,逾期 9 天"
            ]
        );
    }
}
