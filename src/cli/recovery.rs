//! `kehu restore` and `kehu check [--repair]`.

use super::*;

/// `kehu restore FILE`: a sound database is replaced the usual way (a verified copy of
/// it kept as a snapshot, by a signed-in administrator); a damaged, unreadable, empty or
/// missing one gets the backup put in its place, the file that was there moved aside.
pub(super) fn run_restore(
    path: &std::path::Path,
    file: &std::path::Path,
    who: &SignIn,
) -> Result<(), String> {
    use crate::store::recovery::{FileState, file_state};
    let state = file_state(path);
    if state == FileState::Sound {
        let mut store = Store::open(path).map_err(cli_error)?;
        sign_in(&mut store, who)?;
        let report = store.restore_from(file).map_err(cli_error)?;
        println!(
            "已从 {} 恢复（客户 {} 个）。恢复前的数据库已保存为 {}，恢复它即可撤销本次恢复。",
            file.display(),
            report.restored.counts.customers,
            report.safety_copy.display()
        );
        return Ok(());
    }
    // Nobody can sign in to a file that cannot be read: whoever holds the file may put
    // a backup in its place (the backup's own accounts apply from then on).
    if state != FileState::Missing {
        println!(
            "当前数据库 {}：{}",
            path.display(),
            crate::store::text::file_state(&state).replace('\n', " ")
        );
    }
    let actor = Actor {
        name: who.user.clone().unwrap_or_else(|| Actor::os_user().name),
        role: crate::domain::Role::Admin,
    };
    let (_, r) = Store::restore_over(path, file, actor).map_err(cli_error)?;
    println!(
        "{}",
        crate::strings::restored_over(
            &file.display().to_string(),
            r.restored.counts.customers,
            r.moved_aside
                .as_ref()
                .map(|p| p.display().to_string())
                .as_deref()
        )
    );
    Ok(())
}

/// `kehu check [--repair]`: what is wrong in plain words, grouped and counted, and what
/// to do; with --repair, fixed as far as it can be without loss.
pub(super) fn run_check(path: &std::path::Path, repair: bool, who: &SignIn) -> Result<(), String> {
    use crate::store::recovery::{FileState, file_state, salvage};
    let restore_hint = "恢复备份的命令：kehu restore 备份文件";
    let diagnosis = match file_state(path) {
        FileState::Missing => return Err(format!("找不到数据库文件 {}", path.display())),
        FileState::Sound => {
            println!("数据库完好：{}", path.display());
            return Ok(());
        }
        s @ (FileState::Empty | FileState::Unreadable(_)) => {
            let why = match &s {
                FileState::Unreadable(w) => format!("（{}）", crate::strings::clip(w, 50)),
                _ => String::new(),
            };
            return Err(format!(
                "{}：{}{why} {restore_hint}",
                path.display(),
                crate::store::text::file_state(&s)
            ));
        }
        FileState::Damaged(d) => d,
    };
    println!("{}", path.display());
    if !repair {
        println!(
            "{}",
            crate::store::text::diagnosis(&diagnosis, "运行 kehu check --repair 修复。")
        );
        return Err(format!("数据库有 {} 类问题", diagnosis.findings.len()));
    }
    for f in &diagnosis.findings {
        println!("  · {}", crate::store::text::finding(f));
    }
    // Sign in if the accounts can still be read; a file too damaged for that is the file
    // holder's to recover (nothing is lost: the damaged file is kept).
    let actor = match Store::open(path) {
        Ok(mut store) => {
            sign_in(&mut store, who)?;
            if !store.actor().is_some_and(|a| a.role.can_admin()) {
                return Err("修复数据库需要管理员登录".into());
            }
            if !diagnosis.needs_salvage() {
                match store.repair() {
                    Ok(r) => {
                        println!("{}", crate::store::text::repaired(&r));
                        return report_remaining(&r.remaining);
                    }
                    // Damage deeper than the check saw: recover into a new file.
                    Err(StoreError::Corrupt(_)) => {}
                    Err(e) => return Err(cli_error(e)),
                }
            }
            store.actor().cloned().unwrap_or_else(Actor::os_user)
        }
        Err(_) => Actor::os_user(),
    };
    let r = salvage(path, &actor).map_err(cli_error)?;
    println!("{}", crate::store::text::salvaged(&r));
    let mut store = Store::open(path).map_err(cli_error)?;
    store.set_actor(actor);
    let left = store.diagnose();
    if left.is_sound() {
        return report_remaining(&left);
    }
    // Rows whose customer was on an unreadable page: put under a 找回的客户.
    let r = store.repair().map_err(cli_error)?;
    println!("{}", crate::store::text::repaired(&r));
    report_remaining(&r.remaining)
}

pub(super) fn report_remaining(d: &crate::store::recovery::Diagnosis) -> Result<(), String> {
    if d.is_sound() {
        println!("现在数据库完好。");
        Ok(())
    } else {
        Err(format!(
            "修复后仍有问题：{} 请从备份恢复：kehu restore 备份文件",
            d.findings
                .iter()
                .map(crate::store::text::finding)
                .collect::<String>()
        ))
    }
}
