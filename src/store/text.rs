//! Messages formed from the store's own types (recovery findings, backup contents, import
//! undo, duplicate reasons). They live here, next to those types, so that `strings` —
//! the language and the text table — imports nothing above `domain`.

use crate::strings::*;

pub fn confirm_restore(
    written_at: &str,
    counts: &crate::store::backup::Counts,
    path: &str,
) -> String {
    let what = db_counts(counts);
    match lang() {
        Lang::Zh => format!(
            "用这个备份替换当前的全部数据？\n备份时间：{written_at}\n内容：{what}\n文件：{path}\n\n恢复前会自动保存当前数据库的副本，需要时可以再恢复回来。"
        ),
        Lang::En => format!(
            "Replace all current data with this backup?\nWritten: {written_at}\nContents: {what}\nFile: {path}\n\nA copy of the current database is saved first, so this can be undone."
        ),
    }
}

/// One finding of a database check in plain words: 「50 条联系人指向已不存在的客户」.
pub fn finding(f: &crate::store::recovery::Finding) -> String {
    use crate::store::recovery::Finding;
    match (f, lang()) {
        (Finding::Index { count }, Lang::Zh) => {
            format!("索引损坏 {count} 处：索引可以从数据重建，不会丢失数据。")
        }
        (Finding::Index { count }, Lang::En) => format!(
            "{count} damaged index entries: indexes can be rebuilt from the data, nothing is lost."
        ),
        (
            Finding::Orphans {
                table,
                parent,
                count,
            },
            Lang::Zh,
        ) => format!(
            "{count} 条{}指向已不存在的{}。",
            table_noun(table),
            table_noun(parent)
        ),
        (
            Finding::Orphans {
                table,
                parent,
                count,
            },
            Lang::En,
        ) => format!(
            "{count} {} point to {} that no longer exist.",
            table_noun(table),
            table_noun(parent)
        ),
        (Finding::Pages { count }, Lang::Zh) => format!(
            "数据文件有 {count} 处损坏，部分内容读不出来：可以把还能读出的数据找回到一个新文件，或者从备份恢复。"
        ),
        (Finding::Pages { count }, Lang::En) => format!(
            "The file is damaged in {count} places and some of it cannot be read: what can still be read can be recovered into a new file, or a backup restored."
        ),
    }
}

/// What a check found, a line per finding, then what to do.
pub fn diagnosis(d: &crate::store::recovery::Diagnosis, repair_hint: &str) -> String {
    if d.is_sound() {
        return S::DbSound.t().to_string();
    }
    let mut out = match lang() {
        Lang::Zh => "数据库有问题：\n".to_string(),
        Lang::En => "The database has problems:\n".to_string(),
    };
    for f in &d.findings {
        out.push_str("  · ");
        out.push_str(&finding(f));
        out.push('\n');
    }
    out.push_str(&match lang() {
        Lang::Zh => format!(
            "下一步：{repair_hint}修复前会自动保存一份原样的副本；也可以从备份恢复。"
        ),
        Lang::En => format!(
            "Next: {repair_hint}A copy of the file as it is is saved first; you can also restore a backup."
        ),
    });
    out
}

/// What a repair did, in plain words.
pub fn repaired(r: &crate::store::recovery::Repaired) -> String {
    match lang() {
        Lang::Zh => {
            let mut s = "已重建索引和搜索数据".to_string();
            if r.placeholders > 0 {
                s.push_str(&format!(
                    "；{} 个客户的资料已丢失，挂在它们下面的记录已放到新建的「找回的客户」下，请补全资料或合并到正确的客户",
                    r.placeholders
                ));
            }
            if r.links_dropped > 0 {
                s.push_str(&format!(
                    "；去掉了 {} 条指向已不存在记录的关联",
                    r.links_dropped
                ));
            }
            s.push_str(&format!("。修复前的文件保存为 {}。", r.copy.display()));
            s
        }
        Lang::En => {
            let mut s = "Indexes and search data rebuilt".to_string();
            if r.placeholders > 0 {
                s.push_str(&format!(
                    "; {} customers' records were lost, and what belonged to them is now under new 找回的客户 customers: complete them or merge them",
                    r.placeholders
                ));
            }
            if r.links_dropped > 0 {
                s.push_str(&format!(
                    "; {} links to records that no longer exist removed",
                    r.links_dropped
                ));
            }
            s.push_str(&format!(
                ". The file as it was is saved as {}.",
                r.copy.display()
            ));
            s
        }
    }
}

/// What recovering a damaged file read.
pub fn salvaged(s: &crate::store::recovery::Salvaged) -> String {
    let n = |t: &str| s.count(t);
    match lang() {
        Lang::Zh => format!(
            "已把还能读出的数据找回到新文件并换上：客户 {}、联系人 {}、交往反馈 {}、合同 {}、回款 {}、竞争对手 {}、业界动态 {}、用户 {}{}。损坏的文件没有删除，已移到 {}。",
            n("customers"),
            n("contacts"),
            n("feedback"),
            n("contracts"),
            n("payments"),
            n("competitors"),
            n("news"),
            n("users"),
            if s.unreadable > 0 {
                format!(
                    "；有 {} 处读不出来，那里的记录没能找回，可以从备份恢复",
                    s.unreadable
                )
            } else {
                String::new()
            },
            s.moved_aside.display()
        ),
        Lang::En => format!(
            "What could still be read was recovered into a new file, now in use: customers {}, contacts {}, feedback {}, contracts {}, payments {}, competitors {}, news {}, users {}{}. The damaged file was not deleted: it is now {}.",
            n("customers"),
            n("contacts"),
            n("feedback"),
            n("contracts"),
            n("payments"),
            n("competitors"),
            n("news"),
            n("users"),
            if s.unreadable > 0 {
                format!(
                    "; {} stretches could not be read and their records are lost (a backup may have them)",
                    s.unreadable
                )
            } else {
                String::new()
            },
            s.moved_aside.display()
        ),
    }
}

/// A database file that is not sound, in plain words (for restore and the recovery
/// screen).
pub fn file_state(state: &crate::store::recovery::FileState) -> String {
    use crate::store::recovery::FileState;
    match state {
        FileState::Missing => S::DbMissing.t().to_string(),
        FileState::Empty => S::ErrDbEmpty.t().to_string(),
        FileState::Unreadable(_) => S::DbUnreadable.t().to_string(),
        FileState::Damaged(d) => d
            .findings
            .iter()
            .map(finding)
            .collect::<Vec<_>>()
            .join("\n"),
        FileState::Sound => S::DbSound.t().to_string(),
    }
}

/// What undoing an import did, and which customers it left because they changed since.
pub fn import_undone(r: &crate::store::imports::ImportUndo) -> String {
    let mut s = S::ImportUndone.t().to_string();
    if r.record.kind == "customers" {
        s.push_str(&match lang() {
            Lang::Zh => format!(
                "新增的客户 {} 个已移入回收站（可以还原），更新过的客户 {} 个已还原。",
                r.trashed, r.reverted
            ),
            Lang::En => format!(
                " {} customers it added are in the trash (they can be restored); {} it changed have their earlier values back.",
                r.trashed, r.reverted
            ),
        });
    }
    if !r.kept.is_empty() {
        let names: Vec<String> = r.kept.iter().take(10).map(|n| clip(n, 50)).collect();
        let more = if r.kept.len() > 10 { "…" } else { "" };
        s.push_str(&match lang() {
            Lang::Zh => format!(
                "\n导入之后又改过的客户 {} 个保持不变：{}{more}",
                r.kept.len(),
                names.join("、")
            ),
            Lang::En => format!(
                "\n{} customers changed after the import were kept as they are: {}{more}",
                r.kept.len(),
                names.join(", ")
            ),
        });
    }
    s
}

/// The record counts of a database, per kind (trash included).
pub fn db_counts(c: &crate::store::backup::Counts) -> String {
    let (customers, contacts, feedback, contracts, competitors, news, users, changes) = (
        c.customers,
        c.contacts,
        c.feedback,
        c.contracts,
        c.competitors,
        c.news,
        c.users,
        c.change_log,
    );
    match lang() {
        Lang::Zh => format!(
            "客户 {customers} 个，联系人 {contacts} 个，交往反馈 {feedback} 条，合同 {contracts} 份，竞争对手 {competitors} 个，业界动态 {news} 条（均含回收站）；用户 {users} 个，变更记录 {changes} 条"
        ),
        Lang::En => format!(
            "{customers} customers, {contacts} contacts, {feedback} feedback items, {contracts} contracts, {competitors} competitors, {news} news items (trash included); {users} users, {changes} changes"
        ),
    }
}

pub fn match_reason(r: crate::store::imports::MatchReason) -> &'static str {
    use crate::store::imports::MatchReason as M;
    match (r, lang()) {
        (M::Code, Lang::Zh) => "客户编号相同",
        (M::Name, Lang::Zh) => "名称相同",
        (M::CreditCode, Lang::Zh) => "统一社会信用代码相同",
        (M::Phone, Lang::Zh) => "电话相同",
        (M::Code, Lang::En) => "same code",
        (M::Name, Lang::En) => "same name",
        (M::CreditCode, Lang::En) => "same credit code",
        (M::Phone, Lang::En) => "same phone",
        (M::Number, Lang::Zh) => "合同编号相同",
        (M::Number, Lang::En) => "same contract number",
        (M::Same, Lang::Zh) => "日期和标题相同",
        (M::Same, Lang::En) => "same date and subject",
    }
}

/// The figures a contract held for credit was submitted with, as the change log and
/// the contract's form say them.
pub fn credit_hold_note(
    amount_fen: i64,
    owed_fen: i64,
    limit_fen: i64,
    overdue_days: i64,
) -> String {
    use crate::domain::money::format_fen;
    let (amount, owed, limit) = (
        format_fen(amount_fen),
        format_fen(owed_fen),
        format_fen(limit_fen),
    );
    match lang() {
        Lang::Zh => {
            let limit = if limit_fen > 0 {
                limit
            } else {
                "未设".into()
            };
            let late = if overdue_days > 0 {
                format!("，最长逾期 {overdue_days} 天")
            } else {
                String::new()
            };
            format!("本合同 {amount}，提交时客户已欠 {owed}，信用额度 {limit}{late}")
        }
        Lang::En => {
            let limit = if limit_fen > 0 { limit } else { "none".into() };
            let late = if overdue_days > 0 {
                format!(", oldest overdue {overdue_days} days")
            } else {
                String::new()
            };
            format!(
                "This contract {amount}; at submission the customer owed {owed}, credit limit {limit}{late}"
            )
        }
    }
}
