//! The first-start screen (set the admin password) and the sign-in screen.

use egui::RichText;

use super::widgets;
use crate::domain::User;
use crate::domain::user::MIN_PASSWORD_LEN;
use crate::store::users::ADMIN_USERNAME;
use crate::store::{Store, StoreError};
use crate::strings::S;

pub struct SignInForm {
    first_start: bool,
    username: String,
    password: String,
    password2: String,
    /// A wrong password (red), or why the form shows again (signed out while away, a
    /// database just restored).
    message: Option<widgets::Message>,
}

pub enum SignInOutcome {
    Waiting,
    SignedIn(User),
}

impl SignInForm {
    pub fn new(first_start: bool) -> Self {
        SignInForm {
            first_start,
            username: ADMIN_USERNAME.into(),
            password: String::new(),
            password2: String::new(),
            message: None,
        }
    }

    /// A message to show on the form (why the user was signed out, what was restored):
    /// news, not an error.
    pub fn note(&mut self, text: &str) {
        self.message = Some(widgets::Message::info(text));
    }

    pub fn show(&mut self, ui: &mut egui::Ui, store: &mut Store) -> SignInOutcome {
        let mut outcome = SignInOutcome::Waiting;
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.18);
            ui.heading(RichText::new(S::AppTitle.t()).size(26.0));
            ui.add_space(16.0);
            egui::Frame::group(ui.style())
                .inner_margin(egui::Margin::same(18))
                .show(ui, |ui| {
                    ui.set_width(360.0);
                    let title = if self.first_start {
                        S::FirstStartTitle
                    } else {
                        S::SignInTitle
                    };
                    ui.label(RichText::new(title.t()).strong().size(16.0));
                    ui.add_space(8.0);
                    if self.first_start {
                        ui.label(S::FirstStartHelp.t());
                        ui.add_space(8.0);
                    }
                    let mut submit = false;
                    egui::Grid::new("signin-grid")
                        .num_columns(2)
                        .spacing([8.0, 8.0])
                        .show(ui, |ui| {
                            let l = ui.label(S::Username.t());
                            let user_edit = egui::TextEdit::singleline(&mut self.username)
                                .interactive(!self.first_start);
                            ui.add(user_edit).labelled_by(l.id);
                            ui.end_row();
                            let l = ui.label(S::Password.t());
                            let r = ui
                                .add(egui::TextEdit::singleline(&mut self.password).password(true))
                                .labelled_by(l.id);
                            submit |=
                                r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                            ui.end_row();
                            if self.first_start {
                                let l = ui.label(S::PasswordAgain.t());
                                let r = ui
                                    .add(
                                        egui::TextEdit::singleline(&mut self.password2)
                                            .password(true),
                                    )
                                    .labelled_by(l.id);
                                submit |=
                                    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                                ui.end_row();
                            }
                        });
                    ui.add_space(8.0);
                    match &self.message {
                        Some(m) if m.error => widgets::field_message(ui, Some(&m.text)),
                        Some(m) => {
                            ui.label(RichText::new(&m.text).color(widgets::OK_GREEN));
                        }
                        None => {}
                    }
                    if self.message.is_some() {
                        ui.add_space(4.0);
                    }
                    let button = if self.first_start {
                        S::SetPassword
                    } else {
                        S::SignIn
                    };
                    if ui.button(button.t()).clicked() || submit {
                        match self.submit(store) {
                            Ok(user) => outcome = SignInOutcome::SignedIn(user),
                            Err(msg) => {
                                self.message = Some(widgets::Message::error(msg));
                                self.password.clear();
                                self.password2.clear();
                            }
                        }
                    }
                });
        });
        outcome
    }

    fn submit(&mut self, store: &mut Store) -> Result<User, String> {
        if self.first_start {
            if self.password.chars().count() < MIN_PASSWORD_LEN {
                return Err(S::PasswordTooShort.t().into());
            }
            if self.password != self.password2 {
                return Err(S::PasswordsDiffer.t().into());
            }
            return store
                .create_first_admin(&self.password)
                .map_err(|e| e.message());
        }
        store
            .sign_in(&self.username, &self.password)
            .map_err(|e: StoreError| e.message())
    }
}
