//! 用户管理 and 修改我的密码.

use super::*;

/// A change to a user picked in the list, carried out after the list is drawn.
pub(super) enum UserAction {
    SetRole(i64, Role),
    SetDisabled(i64, bool),
}

#[derive(Default)]
pub(super) struct NewUser {
    pub(super) username: String,
    pub(super) display_name: String,
    pub(super) role: Option<Role>,
    pub(super) password: String,
}

impl ToolsPanel {
    pub(super) fn show_users(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        let Some(users) = widgets::or_show(ui, store.users()) else {
            return;
        };
        let me = store.actor().map(|a| a.name.clone()).unwrap_or_default();
        let mut action: Option<UserAction> = None;
        egui::Grid::new("users")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for h in [S::Username, S::DisplayName, S::Role, S::AccountState] {
                    ui.label(RichText::new(h.t()).strong());
                }
                ui.label("");
                ui.end_row();
                for u in &users {
                    ui.label(&u.username);
                    ui.label(&u.display_name);
                    let mut role = u.role;
                    if u.username == me {
                        ui.label(strings::role(role).t());
                    } else {
                        let l = ui.label("");
                        egui::ComboBox::from_id_salt(("role", u.id))
                            .selected_text(strings::role(role).t())
                            .show_ui(ui, |ui| {
                                for r in Role::ALL {
                                    ui.selectable_value(&mut role, r, strings::role(r).t());
                                }
                            })
                            .response
                            .labelled_by(l.id);
                        if role != u.role {
                            action = Some(UserAction::SetRole(u.id, role));
                        }
                    }
                    ui.label(if u.disabled {
                        S::Disabled.t()
                    } else {
                        S::Enabled.t()
                    });
                    ui.horizontal(|ui| {
                        if u.username != me {
                            let (label, to) = if u.disabled {
                                (S::Enable, false)
                            } else {
                                (S::Disable, true)
                            };
                            if ui.button(label.t()).clicked() {
                                action = Some(UserAction::SetDisabled(u.id, to));
                            }
                        }
                        if ui.button(S::ResetPassword.t()).clicked() {
                            self.reset_for = Some((u.id, String::new()));
                        }
                    });
                    ui.end_row();
                }
            });
        if let Some(a) = action {
            let r = match a {
                UserAction::SetRole(id, role) => store.set_user_role(id, role),
                UserAction::SetDisabled(id, to) => store.set_user_disabled(id, to),
            };
            self.say_result(r, S::Saved);
        }
        if let Some((id, mut pw)) = self.reset_for.take() {
            let mut keep = true;
            ui.horizontal(|ui| {
                let l = ui.label(S::NewPassword.t());
                ui.add(egui::TextEdit::singleline(&mut pw).password(true))
                    .labelled_by(l.id);
                if ui.button(S::Save.t()).clicked() {
                    let r = store.reset_password(id, &pw);
                    keep = r.is_err();
                    self.say_result(r, S::Saved);
                }
                if ui.button(S::Cancel.t()).clicked() {
                    keep = false;
                }
            });
            if keep {
                self.reset_for = Some((id, pw));
            }
        }
        ui.add_space(6.0);
        ui.label(RichText::new(S::AddUser.t()).strong());
        ui.set_max_width(480.0);
        egui::Grid::new("new-user").num_columns(2).show(ui, |ui| {
            let n = &mut self.new_user;
            widgets::text_row(ui, S::Username.t(), true, &mut n.username, None, None);
            widgets::text_row(
                ui,
                S::DisplayName.t(),
                true,
                &mut n.display_name,
                None,
                None,
            );
            let mut role = n.role.unwrap_or(Role::Clerk);
            widgets::choice_row(ui, "new-role", S::Role.t(), &mut role, &Role::ALL, |r| {
                strings::role(r).t().into()
            });
            n.role = Some(role);
            let l = ui.label(S::Password.t());
            ui.add(egui::TextEdit::singleline(&mut n.password).password(true))
                .labelled_by(l.id);
            ui.end_row();
        });
        if ui.button(S::AddUser.t()).clicked() {
            let n = &self.new_user;
            let r = store
                .add_user(
                    &n.username,
                    &n.display_name,
                    n.role.unwrap_or(Role::Clerk),
                    &n.password,
                )
                .map(|_| ());
            if r.is_ok() {
                self.new_user = NewUser::default();
            }
            self.say_result(r, S::Saved);
        }
    }

    pub(super) fn show_own_password(&mut self, ui: &mut egui::Ui, store: &mut Store) {
        egui::Grid::new("own-password")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, value) in [
                    (S::OldPassword, &mut self.own_old),
                    (S::NewPassword, &mut self.own_new),
                    (S::PasswordAgain, &mut self.own_new2),
                ] {
                    let l = ui.label(label.t());
                    ui.add(egui::TextEdit::singleline(value).password(true))
                        .labelled_by(l.id);
                    ui.end_row();
                }
            });
        if ui.button(S::ChangePassword.t()).clicked() {
            if self.own_new != self.own_new2 {
                self.say(S::PasswordsDiffer.t(), true);
            } else {
                let r = store.change_own_password(&self.own_old, &self.own_new);
                if r.is_ok() {
                    self.own_old.clear();
                    self.own_new.clear();
                    self.own_new2.clear();
                }
                self.say_result(r, S::PasswordChanged);
            }
        }
    }
}
