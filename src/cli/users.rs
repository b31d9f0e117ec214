//! `kehu users add|list|disable`.

use super::*;

pub(super) fn run_users(store: &mut Store, action: UsersCommand) -> Result<(), String> {
    match action {
        UsersCommand::Add {
            name,
            role,
            password_file,
            display_name,
        } => {
            let role = crate::domain::Role::parse(&role).ok_or(format!(
                "不认识的角色“{role}”：可用 clerk、supervisor 或 admin"
            ))?;
            let pw = password(Some(&password_file))?;
            let display = display_name.unwrap_or_else(|| name.clone());
            let u = store
                .add_user(&name, &display, role, &pw)
                .map_err(cli_error)?;
            println!(
                "已添加用户 {}（{}）",
                u.username,
                crate::strings::role(u.role).in_lang(crate::strings::Lang::Zh)
            );
        }
        UsersCommand::List => {
            for u in store.users().map_err(cli_error)? {
                println!(
                    "{}\t{}\t{}{}",
                    u.username,
                    u.display_name,
                    u.role.as_str(),
                    if u.disabled { "\t（已停用）" } else { "" }
                );
            }
        }
        UsersCommand::Disable { name } => {
            let u = store
                .users()
                .map_err(cli_error)?
                .into_iter()
                .find(|u| u.username == name)
                .ok_or(format!("没有名为“{name}”的用户"))?;
            store.set_user_disabled(u.id, true).map_err(cli_error)?;
            println!("已停用用户 {name}");
        }
    }
    Ok(())
}
