//! The application shell: which screen shows (cannot-open, first start, sign-in, main),
//! the tab bar, the language menu and the status bar.

use std::path::PathBuf;

use egui::RichText;

use super::competitors::CompetitorsPanel;
use super::contracts::ContractsPanel;
use super::customers::CustomersPanel;
use super::feedback::FeedbackPanel;
use super::news::NewsPanel;
use super::record_panel::RecordTab;
use super::setup::{FirstStep, SetupOutcome};
use super::signin::{SignInForm, SignInOutcome};
use super::tools::{ToolsEvent, ToolsPanel};
use crate::domain::User;
use crate::store::{Store, StoreError, settings::KEY_LANGUAGE};
use crate::strings::{self, Lang, S};

/// The tabs that exist so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Workbench,
    Customers,
    Feedback,
    Contracts,
    Receivables,
    Analysis,
    Reports,
    Competitors,
    News,
    Tools,
}

impl Tab {
    pub const ALL: [Tab; 10] = [
        Tab::Workbench,
        Tab::Customers,
        Tab::Feedback,
        Tab::Contracts,
        Tab::Receivables,
        Tab::Analysis,
        Tab::Reports,
        Tab::Competitors,
        Tab::News,
        Tab::Tools,
    ];
    pub fn label(self) -> S {
        match self {
            Tab::Workbench => S::TabWorkbench,
            Tab::Customers => S::TabCustomers,
            Tab::Feedback => S::TabFeedback,
            Tab::Contracts => S::TabContracts,
            Tab::Receivables => S::TabReceivables,
            Tab::Analysis => S::TabAnalysis,
            Tab::Reports => S::TabReports,
            Tab::Competitors => S::TabCompetitors,
            Tab::News => S::TabNews,
            Tab::Tools => S::TabTools,
        }
    }

    /// What the tab's files hold: a kind of record, or None (customers, and tabs that
    /// import nothing).
    pub fn records(self) -> Option<crate::domain::records::RecordKind> {
        use crate::domain::records::RecordKind as K;
        match self {
            Tab::Feedback => Some(K::Feedback),
            Tab::Contracts => Some(K::Contracts),
            Tab::Competitors => Some(K::Competitors),
            Tab::News => Some(K::News),
            Tab::Workbench
            | Tab::Customers
            | Tab::Receivables
            | Tab::Analysis
            | Tab::Reports
            | Tab::Tools => None,
        }
    }

    /// The table of the records the tab lists (their 历史).
    pub fn table(self) -> &'static str {
        match self.records() {
            Some(k) => k.key(),
            None => "customers",
        }
    }
}

/// The whole application state. Construct it with a store (or the error opening one),
/// then call [`KehuApp::show`] every frame; eframe does that through [`eframe::App`],
/// tests through egui_kittest.
pub struct KehuApp {
    store: Option<Store>,
    /// The database could not be opened: the recovery screen shows instead.
    recovery: Option<super::recovery::RecoveryScreen>,
    user: Option<User>,
    signin: SignInForm,
    tab: Tab,
    /// 客户信息, 交往反馈, 合同信息, 竞争对手 and 业界动态.
    records: RecordTabs,
    workbench: super::workbench::WorkbenchPanel,
    receivables: super::receivables::ReceivablesPanel,
    analysis: super::analysis::AnalysisPanel,
    reports: super::reports::ReportsPanel,
    tools: ToolsPanel,
    idle: IdleLock,
    /// A passing message in the status bar (a refused drop, the demo started): its
    /// text, whether it is an error, and when it was said.
    notice: Option<Notice>,
    /// A new database: the setup card follows the first administrator's sign-in.
    offer_setup: bool,
    /// Just signed in: once 工作台's list is worked out, a quiet line in the status bar
    /// says how many lines are overdue (if any).
    say_overdue: bool,
    setup: Option<super::setup::SetupCard>,
}

/// A passing message in the status bar, gone after a few seconds.
struct Notice {
    text: String,
    error: bool,
    at: std::time::Instant,
}

impl Notice {
    fn new(text: &str, error: bool) -> Notice {
        Notice {
            text: text.to_string(),
            error,
            at: std::time::Instant::now(),
        }
    }

    fn error(text: &str) -> Notice {
        Notice::new(text, true)
    }

    fn expired(&self) -> bool {
        self.at.elapsed() > std::time::Duration::from_secs(8)
    }
}

/// Signs the user out after the configured minutes without keyboard or mouse input.
struct IdleLock {
    last_activity: std::time::Instant,
    /// Minutes of no input before signing out (0 never), read from the settings.
    minutes: u32,
    checked: Option<std::time::Instant>,
}

impl IdleLock {
    fn new() -> Self {
        IdleLock {
            last_activity: std::time::Instant::now(),
            minutes: 0,
            checked: None,
        }
    }

    /// True when nobody has touched keyboard or mouse for the configured minutes.
    fn expired(&mut self, ui: &egui::Ui, store: &Store) -> bool {
        use std::time::{Duration, Instant};
        let active = ui.input(|i| !i.events.is_empty() || i.pointer.delta() != egui::Vec2::ZERO);
        if active {
            self.last_activity = Instant::now();
        }
        if self
            .checked
            .is_none_or(|t| t.elapsed() > Duration::from_secs(30))
        {
            self.checked = Some(Instant::now());
            self.minutes = store.settings().map(|s| s.idle_lock_minutes).unwrap_or(0);
        }
        if self.minutes == 0 {
            return false;
        }
        ui.ctx().request_repaint_after(Duration::from_secs(30));
        self.last_activity.elapsed() > Duration::from_secs(u64::from(self.minutes) * 60)
    }
}

impl KehuApp {
    /// Makes the app believe nobody has touched keyboard or mouse for `d` (for tests of
    /// the idle lock, which cannot wait minutes).
    #[doc(hidden)]
    pub fn pretend_idle_for(&mut self, d: std::time::Duration) {
        if let Some(t) = std::time::Instant::now().checked_sub(d) {
            self.idle.last_activity = t;
        }
    }

    pub fn new(opened: Result<Store, StoreError>, path: PathBuf) -> KehuApp {
        let (store, recovery) = match opened {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(super::recovery::RecoveryScreen::new(e, path))),
        };
        if let Some(lang) = store
            .as_ref()
            .and_then(|s| s.setting(KEY_LANGUAGE).ok().flatten())
        {
            strings::set_lang(Lang::from_code(&lang));
        }
        if let Some(s) = store.as_ref().and_then(|s| s.settings().ok()) {
            strings::set_date_format(s.date_format);
        }
        let first_start = store
            .as_ref()
            .map(|s| s.needs_first_admin().unwrap_or(false))
            .unwrap_or(false);
        // A store opened already signed in (benchmarks, tests) starts on the main screen.
        let user = store
            .as_ref()
            .and_then(|s| s.signed_in_user().ok().flatten());
        KehuApp {
            store,
            recovery,
            user,
            signin: SignInForm::new(first_start),
            tab: Tab::Customers,
            records: RecordTabs::default(),
            workbench: Default::default(),
            receivables: Default::default(),
            analysis: Default::default(),
            reports: Default::default(),
            tools: ToolsPanel::default(),
            idle: IdleLock::new(),
            notice: None,
            offer_setup: first_start,
            say_overdue: false,
            setup: None,
        }
    }

    /// Opens the import wizard on a file, as choosing it in the file box does.
    pub fn start_import(&mut self, path: PathBuf) {
        if let Some(store) = &self.store {
            self.tab = Tab::Customers;
            self.records.customers.start_import(path, store);
        }
    }

    /// The tab a dropped file is imported into: the one shown (customers from tabs
    /// that import nothing).
    fn import_tab(tab: Tab) -> Tab {
        match tab {
            Tab::Workbench | Tab::Receivables | Tab::Analysis | Tab::Reports | Tab::Tools => {
                Tab::Customers
            }
            t => t,
        }
    }

    /// A file dragged over the window: says what letting go will do. A file dropped:
    /// opens the import wizard of the tab shown on it; several at once are refused.
    /// Returns the file to import, if one was dropped.
    fn take_dropped_file(
        ui: &mut egui::Ui,
        target: Tab,
        notice: &mut Option<Notice>,
    ) -> Option<PathBuf> {
        let (hovering, dropped) =
            ui.input(|i| (!i.raw.hovered_files.is_empty(), i.raw.dropped_files.clone()));
        if hovering {
            egui::Area::new(egui::Id::unique("drop-hint"))
                .order(egui::Order::Foreground)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style())
                        .inner_margin(egui::Margin::same(24))
                        .show(ui, |ui| {
                            ui.label(
                                RichText::new(strings::drop_to_import(target.label().t()))
                                    .size(22.0)
                                    .strong(),
                            );
                        });
                });
        }
        if notice.as_ref().is_some_and(Notice::expired) {
            *notice = None;
        }
        let [file] = dropped.as_slice() else {
            if dropped.len() > 1 {
                *notice = Some(Notice::error(S::DropOneFile.t()));
            }
            return None;
        };
        let path = file.path().to_path_buf();
        if !path.is_file() {
            *notice = Some(Notice::error(S::DropNotAFile.t()));
            return None;
        }
        *notice = None;
        ui.ctx().request_repaint();
        Some(path)
    }

    /// The signed-in user, if any.
    /// Shows `tab` (as a click on it would; for benchmarks).
    pub fn open_tab(&mut self, tab: Tab) {
        self.tab = tab;
    }

    /// 统计报表's figures are on screen (for benchmarks).
    pub fn reports_shown(&self) -> bool {
        self.reports.shown()
    }

    pub fn user(&self) -> Option<&User> {
        self.user.as_ref()
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub fn store_mut(&mut self) -> Option<&mut Store> {
        self.store.as_mut()
    }

    /// The store, for handing it to a new app (tests) or closing it.
    pub fn into_store(self) -> Option<Store> {
        self.store
    }

    /// Draws one frame.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if let Some(screen) = &mut self.recovery {
            if let Some(store) = screen.show(ui) {
                let note = screen.message().unwrap_or_default().to_string();
                let path = store.path().to_path_buf();
                *self = KehuApp::new(Ok(store), path);
                self.signin.note(&note);
                ui.ctx().request_repaint();
            }
            return;
        }
        let Some(store) = self.store.as_mut() else {
            return;
        };
        if self.user.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                if let SignInOutcome::SignedIn(user) = self.signin.show(ui, store) {
                    self.user = Some(user);
                    self.records = RecordTabs::default();
                    self.tools = ToolsPanel::default();
                    self.workbench = Default::default();
                    self.tab = start_tab(store);
                    self.say_overdue = true;
                    if std::mem::take(&mut self.offer_setup) {
                        self.setup = Some(super::setup::SetupCard::new(store));
                    }
                }
            });
            return;
        }
        if let Some(card) = &mut self.setup {
            match card.show(ui, store) {
                SetupOutcome::Waiting => return,
                SetupOutcome::Skipped | SetupOutcome::Done(FirstStep::Empty) => {}
                SetupOutcome::Done(FirstStep::Import) => {
                    self.tab = Tab::Customers;
                    self.records.customers.ask_import();
                }
                SetupOutcome::Done(FirstStep::Demo) => {
                    let started = std::env::current_exe()
                        .and_then(|exe| std::process::Command::new(exe).arg("--demo").spawn());
                    self.notice = Some(match started {
                        Ok(_) => Notice::new(S::DemoStarted.t(), false),
                        Err(e) => Notice::error(&strings::demo_failed(&e.to_string())),
                    });
                }
            }
            self.setup = None;
            ui.ctx().request_repaint();
            return;
        }
        let idle = self.idle.expired(ui, store);
        if idle {
            self.signin.note(S::SignedOutIdle.t());
        }
        let mut sign_out = idle;
        let tab_before = self.tab;
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.horizontal(|ui| {
                for tab in Tab::ALL {
                    let title = match tab {
                        Tab::Workbench => self.workbench.tab_title(),
                        t => t.label().t().to_string(),
                    };
                    ui.selectable_value(&mut self.tab, tab, RichText::new(title).strong());
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(S::SignOut.t()).clicked() {
                        sign_out = true;
                    }
                    language_menu(ui, store);
                });
            });
        });
        // The counts of the list on screen (the customers' on 系统工具).
        let status = match self.records.get(self.tab) {
            Some(p) => p.status_text(),
            None if self.tab == Tab::Receivables => self.receivables.status_text(),
            None if self.tab == Tab::Analysis => self.analysis.status_text(),
            None if self.tab == Tab::Workbench => String::new(),
            None => self.records.customers.counted_status_text(store),
        };
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(u) = &self.user {
                    ui.label(strings::labelled(
                        S::SignedInAs.t(),
                        &strings::with_note(&u.display_name, strings::role(u.role).t()),
                    ));
                }
                ui.separator();
                ui.label(strings::labelled(
                    S::DatabaseFile.t(),
                    &store.path().display().to_string(),
                ));
                if !status.is_empty() {
                    ui.separator();
                    ui.label(&status);
                }
                // What is to be done today, on every tab (drawn even while it is worked
                // out, so the bar does not change shape when it comes).
                ui.separator();
                ui.label(self.workbench.status_text());
                if let Some(n) = &self.notice {
                    ui.separator();
                    ui.label(RichText::new(&n.text).color(if n.error {
                        super::widgets::ERROR_RED
                    } else {
                        super::widgets::OK_GREEN
                    }));
                }
            });
        });
        // A file that cannot be written is said at the top of every tab, not only when a
        // save fails: the clerk can look, print, export and back up, and knows why
        // nothing can be changed.
        if store.is_read_only() {
            egui::Panel::top("read-only").show(ui, |ui| {
                ui.colored_label(super::widgets::WARN_AMBER, S::ReadOnlyBanner.t());
            });
        }
        // A list shown again is fetched again: what was done on another tab (a customer
        // renamed or merged, a contract added from a customer) shows at once.
        if self.tab != tab_before {
            match self.tab {
                Tab::Tools => self.tools.invalidate(),
                Tab::Receivables => self.receivables.invalidate(),
                Tab::Analysis => self.analysis.invalidate(),
                Tab::Reports => self.reports.invalidate(),
                Tab::Workbench => self.workbench.invalidate(),
                t => {
                    if let Some(p) = self.records.get_mut(t) {
                        p.invalidate();
                    }
                }
            }
        }
        self.tools.tick(ui.ctx(), store);
        self.workbench.tick(ui.ctx(), store);
        if self.say_overdue
            && let Some(n) = self.workbench.overdue()
        {
            self.say_overdue = false;
            if n > 0 {
                let text = strings::overdue_on_start(n);
                if store.work_settings().is_ok_and(|s| s.notify_on_start) {
                    super::notify::desktop(S::AppTitle.t(), &text);
                }
                self.notice = Some(Notice::new(&text, true));
            }
        }
        let target = Self::import_tab(self.tab);
        if let Some(path) = Self::take_dropped_file(ui, target, &mut self.notice) {
            self.tab = target;
            if let Some(p) = self.records.get_mut(target) {
                p.start_import(path, store);
            }
        }
        let mut goto = None;
        egui::CentralPanel::default().show(ui, |ui| match self.tab {
            Tab::Customers | Tab::Feedback | Tab::Contracts | Tab::Competitors | Tab::News => {
                if let Some(p) = self.records.get_mut(self.tab) {
                    goto = p.show_tab(ui, store);
                }
            }
            Tab::Workbench => goto = self.workbench.show(ui, store),
            Tab::Receivables => goto = self.receivables.show(ui, store),
            Tab::Analysis => goto = self.analysis.show(ui, store),
            Tab::Reports => goto = self.reports.show(ui, store),
            Tab::Tools => match self.tools.show(ui, store) {
                ToolsEvent::DataReplaced => {
                    self.records = RecordTabs::default();
                    self.workbench = Default::default();
                    self.receivables = Default::default();
                    self.analysis = Default::default();
                    self.reports = Default::default();
                }
                ToolsEvent::Setup => {
                    self.setup = Some(super::setup::SetupCard::new(store));
                    ui.ctx().request_repaint();
                }
                ToolsEvent::None => {}
            },
        });
        // A link clicked on one tab opens its record on the record's own tab.
        if let Some(to) = goto {
            use super::Goto;
            let tab = match to {
                Goto::Customer(_) | Goto::Customers(_) => Tab::Customers,
                Goto::Feedback(_)
                | Goto::NewFeedback(..)
                | Goto::NewCollection(..)
                | Goto::NewWinBack(..) => Tab::Feedback,
                Goto::Contract(_) | Goto::Contracts(_) => Tab::Contracts,
                Goto::Competitor(_) => Tab::Competitors,
                Goto::News(_) => Tab::News,
                Goto::Ageing(_) => Tab::Receivables,
            };
            match to {
                Goto::NewFeedback(id, name) => self.records.feedback.new_for(id, name, store),
                Goto::NewCollection(id, name) => {
                    self.records.feedback.collect_from(id, name, store)
                }
                Goto::NewWinBack(id, name) => self.records.feedback.win_back_for(id, name, store),
                Goto::Customers(q) => self.records.customers.list_as(q),
                Goto::Contracts(q) => self.records.contracts.list_as(q),
                Goto::Ageing(day) => self.receivables.as_of(day),
                Goto::Customer(id)
                | Goto::Feedback(id)
                | Goto::Contract(id)
                | Goto::Competitor(id)
                | Goto::News(id) => {
                    if let Some(p) = self.records.get_mut(tab) {
                        p.open(id, store);
                    }
                }
            }
            self.tab = tab;
            ui.ctx().request_repaint();
        }
        // A list shown for the first time counts itself while it draws, after the status
        // bar: one more frame shows its counts there.
        if self
            .records
            .get(self.tab)
            .is_some_and(|p| p.status_text() != status)
        {
            ui.ctx().request_repaint();
        }
        if sign_out {
            store.sign_out();
            self.user = None;
            // Draw the sign-in screen now, not at the next touch of the mouse: signed out
            // while away, the records must not stay on the screen.
            ui.ctx().request_repaint();
            if !idle {
                self.signin = SignInForm::new(false);
            }
            self.idle = IdleLock::new();
        }
    }
}

/// The tab shown after sign-in: 工作台, unless its settings say 客户信息 or the
/// database holds no customers yet (a first start: the list and its import come first).
fn start_tab(store: &Store) -> Tab {
    let customers_first = store.work_settings().is_ok_and(|s| s.start_on_customers)
        || store.customer_total().is_ok_and(|n| n == 0);
    if customers_first {
        Tab::Customers
    } else {
        Tab::Workbench
    }
}

/// The record tabs, each a [`super::record_panel::RecordPanel`] of its kind.
#[derive(Default)]
struct RecordTabs {
    customers: CustomersPanel,
    feedback: FeedbackPanel,
    contracts: ContractsPanel,
    competitors: CompetitorsPanel,
    news: NewsPanel,
}

impl RecordTabs {
    /// The record tab `tab` shows; None for 应收账款 and 系统工具.
    fn get(&self, tab: Tab) -> Option<&dyn RecordTab> {
        Some(match tab {
            Tab::Customers => &self.customers,
            Tab::Feedback => &self.feedback,
            Tab::Contracts => &self.contracts,
            Tab::Competitors => &self.competitors,
            Tab::News => &self.news,
            Tab::Workbench | Tab::Receivables | Tab::Analysis | Tab::Reports | Tab::Tools => {
                return None;
            }
        })
    }

    fn get_mut(&mut self, tab: Tab) -> Option<&mut dyn RecordTab> {
        Some(match tab {
            Tab::Customers => &mut self.customers,
            Tab::Feedback => &mut self.feedback,
            Tab::Contracts => &mut self.contracts,
            Tab::Competitors => &mut self.competitors,
            Tab::News => &mut self.news,
            Tab::Workbench | Tab::Receivables | Tab::Analysis | Tab::Reports | Tab::Tools => {
                return None;
            }
        })
    }
}

fn language_menu(ui: &mut egui::Ui, store: &mut Store) {
    let mut lang = strings::lang();
    let before = lang;
    ui.horizontal(|ui| {
        let label = ui.label(S::Language.t());
        egui::ComboBox::from_id_salt("language")
            .selected_text(lang.native_name())
            .show_ui(ui, |ui| {
                for l in [Lang::Zh, Lang::En] {
                    ui.selectable_value(&mut lang, l, l.native_name());
                }
            })
            .response
            .labelled_by(label.id);
    });
    if lang != before {
        strings::set_lang(lang);
        // Remembered in the database; a failure here only loses the preference.
        let _ = store.set_setting(KEY_LANGUAGE, lang.code());
    }
}

impl eframe::App for KehuApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
