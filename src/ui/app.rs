//! The application shell: which screen shows (cannot-open, first start, sign-in, main),
//! the tab bar, the language menu and the status bar.

use std::path::PathBuf;

use egui::RichText;

use super::competitors::CompetitorsPanel;
use super::contracts::ContractsPanel;
use super::customers::CustomersPanel;
use super::feedback::FeedbackPanel;
use super::news::NewsPanel;
use super::signin::{SignInForm, SignInOutcome};
use super::tools::{ToolsEvent, ToolsPanel};
use super::widgets;
use crate::domain::User;
use crate::store::{Store, StoreError, settings::KEY_LANGUAGE};
use crate::strings::{self, Lang, S};

/// The tabs that exist so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Customers,
    Feedback,
    Contracts,
    Competitors,
    News,
    Tools,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Customers,
        Tab::Feedback,
        Tab::Contracts,
        Tab::Competitors,
        Tab::News,
        Tab::Tools,
    ];
    fn label(self) -> S {
        match self {
            Tab::Customers => S::TabCustomers,
            Tab::Feedback => S::TabFeedback,
            Tab::Contracts => S::TabContracts,
            Tab::Competitors => S::TabCompetitors,
            Tab::News => S::TabNews,
            Tab::Tools => S::TabTools,
        }
    }
}

/// The whole application state. Construct it with a store (or the error opening one),
/// then call [`KehuApp::show`] every frame; eframe does that through [`eframe::App`],
/// tests through egui_kittest.
pub struct KehuApp {
    store: Option<Store>,
    open_error: Option<(StoreError, PathBuf)>,
    user: Option<User>,
    signin: SignInForm,
    tab: Tab,
    customers: CustomersPanel,
    contracts: ContractsPanel,
    feedback: FeedbackPanel,
    competitors: CompetitorsPanel,
    news: NewsPanel,
    tools: ToolsPanel,
    idle: IdleLock,
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
        let (store, open_error) = match opened {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some((e, path))),
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
            open_error,
            user,
            signin: SignInForm::new(first_start),
            tab: Tab::Customers,
            customers: CustomersPanel::default(),
            contracts: ContractsPanel::default(),
            feedback: FeedbackPanel::default(),
            competitors: CompetitorsPanel::default(),
            news: NewsPanel::default(),
            tools: ToolsPanel::default(),
            idle: IdleLock::new(),
        }
    }

    /// Opens the import wizard on a file, as choosing it in the file box does.
    pub fn start_import(&mut self, path: PathBuf) {
        if let Some(store) = &self.store {
            self.tab = Tab::Customers;
            self.customers.start_import(path, store);
        }
    }

    /// The signed-in user, if any.
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
        if let Some((err, path)) = &self.open_error {
            show_open_error(ui, err, path);
            return;
        }
        let Some(store) = self.store.as_mut() else {
            return;
        };
        if self.user.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                if let SignInOutcome::SignedIn(user) = self.signin.show(ui, store) {
                    self.user = Some(user);
                    self.customers = CustomersPanel::default();
                    self.contracts = ContractsPanel::default();
                    self.feedback = FeedbackPanel::default();
                    self.competitors = CompetitorsPanel::default();
                    self.news = NewsPanel::default();
                    self.tools = ToolsPanel::default();
                }
            });
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
                    ui.selectable_value(
                        &mut self.tab,
                        tab,
                        RichText::new(tab.label().t()).strong(),
                    );
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
        let status = record_status(
            self.tab,
            &self.feedback,
            &self.contracts,
            &self.competitors,
            &self.news,
        )
        .unwrap_or_else(|| self.customers.status_text(store));
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
                ui.separator();
                ui.label(&status);
            });
        });
        // A list shown again is fetched again: what was done on another tab (a customer
        // renamed or merged, a contract added from a customer) shows at once.
        if self.tab != tab_before {
            match self.tab {
                Tab::Customers => self.customers.invalidate(store),
                Tab::Feedback => self.feedback.invalidate(),
                Tab::Contracts => self.contracts.invalidate(),
                Tab::Competitors => self.competitors.invalidate(),
                Tab::News => self.news.invalidate(),
                Tab::Tools => self.tools.invalidate(),
            }
        }
        self.tools.tick(ui.ctx(), store);
        egui::CentralPanel::default().show(ui, |ui| match self.tab {
            Tab::Customers => {
                self.customers.show(ui, store);
                if let Some(id) = self.customers.open_contract.take() {
                    self.contracts.open(id, store);
                    self.tab = Tab::Contracts;
                    ui.ctx().request_repaint();
                }
                if let Some(id) = self.customers.open_feedback.take() {
                    self.feedback.open(id, store);
                    self.tab = Tab::Feedback;
                    ui.ctx().request_repaint();
                }
                if let Some((id, name)) = self.customers.new_feedback.take() {
                    self.feedback.new_for(id, name);
                    self.tab = Tab::Feedback;
                    ui.ctx().request_repaint();
                }
                if let Some(id) = self.customers.open_competitor.take() {
                    self.competitors.open(id, store);
                    self.tab = Tab::Competitors;
                    ui.ctx().request_repaint();
                }
                if let Some(id) = self.customers.open_news.take() {
                    self.news.open(id, store);
                    self.tab = Tab::News;
                    ui.ctx().request_repaint();
                }
            }
            Tab::Competitors => {
                self.competitors.show(ui, store);
                if let Some(id) = self.competitors.open_customer.take() {
                    self.customers.show_customer(id, store);
                    self.tab = Tab::Customers;
                    ui.ctx().request_repaint();
                }
                if let Some(id) = self.competitors.open_news.take() {
                    self.news.open(id, store);
                    self.tab = Tab::News;
                    ui.ctx().request_repaint();
                }
            }
            Tab::News => {
                self.news.show(ui, store);
                if let Some(id) = self.news.open_customer.take() {
                    self.customers.show_customer(id, store);
                    self.tab = Tab::Customers;
                    ui.ctx().request_repaint();
                }
                if let Some(id) = self.news.open_competitor.take() {
                    self.competitors.open(id, store);
                    self.tab = Tab::Competitors;
                    ui.ctx().request_repaint();
                }
            }
            Tab::Contracts => self.contracts.show(ui, store),
            Tab::Feedback => self.feedback.show(ui, store),
            Tab::Tools => {
                if self.tools.show(ui, store) == ToolsEvent::DataReplaced {
                    self.customers = CustomersPanel::default();
                    self.contracts = ContractsPanel::default();
                    self.feedback = FeedbackPanel::default();
                    self.competitors = CompetitorsPanel::default();
                    self.news = NewsPanel::default();
                }
            }
        });
        // A list shown for the first time counts itself while it draws, after the status
        // bar: one more frame shows its counts there.
        if record_status(
            self.tab,
            &self.feedback,
            &self.contracts,
            &self.competitors,
            &self.news,
        )
        .is_some_and(|now| now != status)
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

/// The status bar's counts of the record list on `tab`; None on 客户信息 and 系统工具,
/// which show the customers'. (The panels come one by one: the store is borrowed.)
fn record_status(
    tab: Tab,
    feedback: &FeedbackPanel,
    contracts: &ContractsPanel,
    competitors: &CompetitorsPanel,
    news: &NewsPanel,
) -> Option<String> {
    match tab {
        Tab::Feedback => Some(feedback.status_text()),
        Tab::Contracts => Some(contracts.status_text()),
        Tab::Competitors => Some(competitors.status_text()),
        Tab::News => Some(news.status_text()),
        Tab::Customers | Tab::Tools => None,
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

fn show_open_error(ui: &mut egui::Ui, err: &StoreError, path: &std::path::Path) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(S::CannotOpenTitle.t());
            ui.add_space(12.0);
        });
        ui.label(strings::labelled(
            S::DatabaseFile.t(),
            &path.display().to_string(),
        ));
        ui.add_space(6.0);
        widgets::error_box(ui, &err.message(), &err.detail());
        ui.add_space(12.0);
        if ui.button(S::Quit.t()).clicked() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    });
}

impl eframe::App for KehuApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
