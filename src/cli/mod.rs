//! The command line: `kehu [--db PATH] [--demo]` opens the window; `kehu [--db PATH]
//! SUBCOMMAND …` does command-line work. Subcommands never prompt, act in the change log
//! as the operating-system user, and exit non-zero with a one-line reason on failure.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::store::{Actor, Store, StoreError, default_db_path};

mod contract;
mod import;
mod lookup;
mod recovery;
mod report;
mod today;
mod users;
use contract::ContractCommand;
use import::*;
use lookup::*;
use recovery::*;
use report::*;
use users::*;

#[derive(Parser, Debug)]
#[command(
    name = "kehu",
    version,
    about = "客户资源管理系统 — customer resource management"
)]
pub struct Args {
    /// The database file (default: kehu.sqlite3 in the user's data folder; with --demo,
    /// kehu-demo.sqlite3 there).
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    /// Fill a new, empty database with realistic Chinese sample customers.
    #[arg(long)]
    pub demo: bool,
    /// Sign in as this kehu user for a subcommand that changes data (the password comes
    /// from the KEHU_PASSWORD environment variable or --password-file; never asked for).
    #[arg(long)]
    pub user: Option<String>,
    /// A file holding the password of --user (its first line).
    #[arg(long)]
    pub password_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Measure speed on N generated customers and print a Markdown table.
    Bench {
        /// How many customers to generate.
        #[arg(long, default_value_t = 100_000)]
        customers: usize,
        /// Searches per query length.
        #[arg(long, default_value_t = 200)]
        searches: usize,
    },
    /// Measure importing a generated N-row GBK customer CSV against sqlite3's `.import`.
    BenchImport {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
        /// Only the dry run (for the memory figure on very large files).
        #[arg(long)]
        dry_run: bool,
    },
    /// Measure printing N generated customers as a list to PDF.
    BenchPrint {
        #[arg(long, default_value_t = 10_000)]
        customers: usize,
    },
    /// Measure the feedback, contract, competitor and news lists at N rows each (with
    /// --db: measured on a copy of that database, made earlier by this command with
    /// KEHU_BENCH_KEEP=1, instead of generating the rows again).
    BenchLists {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
    },
    /// Measure the receivables views at N customers and M installments (应收账龄, 逾期,
    /// the credit check on submission).
    BenchReceivables {
        #[arg(long, default_value_t = 100_000)]
        customers: usize,
        #[arg(long, default_value_t = 1_000_000)]
        installments: usize,
    },
    /// Measure 统计报表 at N customers, M contracts and F feedback items: the figures,
    /// a frame of the tab, the printed report.
    BenchReports {
        #[arg(long, default_value_t = 100_000)]
        customers: usize,
        #[arg(long, default_value_t = 1_000_000)]
        contracts: usize,
        #[arg(long, default_value_t = 1_000_000)]
        feedback: usize,
    },
    /// Measure 工作台 at N customers, C contacts and M feedback items.
    BenchToday {
        #[arg(long, default_value_t = 100_000)]
        customers: usize,
        #[arg(long, default_value_t = 1_000_000)]
        feedback: usize,
        #[arg(long, default_value_t = 300_000)]
        contacts: usize,
    },
    /// Write a verified backup of the database into a folder.
    Backup {
        /// The folder to write into (a USB stick, a network share …).
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the database with a backup; the current one is first copied into
    /// kehu-snapshots beside it, so the restore can be undone.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Check the database (integrity and foreign keys) and say in plain words what is
    /// wrong; exits non-zero on problems.
    Check {
        /// Fix what can be fixed without loss, after saving a copy of the file as it is:
        /// indexes and search rebuilt, rows whose customer is gone put under a new
        /// 找回的客户, and from a file with unreadable parts what can be read recovered
        /// into a new file (the damaged one moved aside).
        #[arg(long)]
        repair: bool,
    },
    /// Manage kehu's user accounts (administrators; on a new database the first
    /// `users add … --role admin` needs no sign-in).
    Users {
        #[command(subcommand)]
        action: UsersCommand,
    },
    /// Import customers from a CSV/TSV/TXT (any encoding), XLSX, XLS or ODS file.
    /// Prints what would happen (new, updates, duplicates, errors); with --dry-run
    /// nothing is written. The whole import lands in one transaction and can be undone
    /// with `kehu undo-import`.
    Import {
        file: PathBuf,
        /// What the rows are: customers, feedback, contracts, competitors or news.
        #[arg(long, default_value = "customers")]
        kind: String,
        /// Use a column mapping saved earlier under this name.
        #[arg(long)]
        mapping: Option<String>,
        /// Save the mapping used under this name.
        #[arg(long)]
        save_mapping: Option<String>,
        /// Only report; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// What to do with rows that match an existing customer: skip, update or new.
        #[arg(long, default_value = "skip")]
        duplicates: String,
        /// Order of dates like 3/4/2023: dmy or mdy (asked for only when the file does
        /// not settle it).
        #[arg(long)]
        date_order: Option<String>,
        /// Read the file in this encoding (gbk, utf-8, big5, utf-16le …) instead of
        /// detecting it.
        #[arg(long)]
        encoding: Option<String>,
        /// The header is on this row (1 = first) instead of detected.
        #[arg(long)]
        header_row: Option<usize>,
        /// Read this sheet of a workbook instead of the first.
        #[arg(long)]
        sheet: Option<String>,
        /// Write the rows with errors to this CSV, with a column saying what is wrong.
        #[arg(long)]
        errors_out: Option<PathBuf>,
    },
    /// Undo an import (the newest one unless an id is given). Customers it created go
    /// to the trash; customers changed after it are kept as they are and listed.
    UndoImport {
        id: Option<i64>,
        /// Take back customers changed after the import too (those with contracts or
        /// feedback are still kept).
        #[arg(long)]
        include_changed: bool,
    },
    /// List past imports.
    Imports,
    /// Reports to CSV or XLSX: `report ageing` (应收账龄, one line per customer and 合计),
    /// `report overdue` (the overdue installments), `report rfm` (customer value) or
    /// `report churn` (churn and retention per period).
    Report {
        #[command(subcommand)]
        what: ReportCommand,
    },
    /// 工作台 on the command line: what is overdue, due today and coming up, section by
    /// section (待我审批 for a supervisor or an administrator).
    Today {
        /// The day the list is as of (default today).
        #[arg(long)]
        as_of: Option<String>,
        /// text (sections with counts) or csv (分区,客户名称,事项,日期,天数,负责人,金额,说明).
        #[arg(long, default_value = "text")]
        format: String,
        /// Whose list (signed in as that user, the password from --password-file or
        /// KEHU_PASSWORD): the same as `kehu --user NAME today`.
        #[arg(long)]
        user: Option<String>,
    },
    /// A contract's approval steps and payments: `contract show|submit|approve|reject|
    /// start|complete|terminate|pay NUMBER` (signed in, with the window's rules).
    Contract {
        #[command(subcommand)]
        action: ContractCommand,
    },
    /// Export a list to CSV (UTF-8 with BOM, or GBK) or XLSX.
    Export {
        #[arg(long, default_value = "customers")]
        kind: String,
        /// csv or xlsx (default: by the --out file's extension).
        #[arg(long)]
        format: Option<String>,
        #[arg(long)]
        out: PathBuf,
        /// CSV encoding: utf-8 (with BOM, the default) or gbk.
        #[arg(long)]
        encoding: Option<String>,
        /// Only customers matching this search.
        #[arg(long)]
        search: Option<String>,
        /// Only customers of this grade (A, B, C, D).
        #[arg(long)]
        grade: Option<String>,
        /// One row per contact (the customer repeated), so the file imports back whole.
        #[arg(long)]
        every_contact: bool,
    },
    /// Print the customer list (as the list shows it) or one customer's card to PDF.
    Print {
        /// What to print: customers (the list), card (one customer's card), contract,
        /// statement (对账单) or reminder (催款函) of a customer.
        what: String,
        /// For a card: the customer's exact name or code.
        #[arg(long)]
        customer: Option<String>,
        /// For a contract: its number.
        #[arg(long)]
        number: Option<String>,
        #[arg(long)]
        out: PathBuf,
        /// Only customers matching this search.
        #[arg(long)]
        search: Option<String>,
        /// Only customers of this grade (A, B, C, D).
        #[arg(long)]
        grade: Option<String>,
        /// Columns, comma-separated (code,name,grade,contact_name,phone,address …).
        #[arg(long)]
        columns: Option<String>,
        /// The title on every page.
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        landscape: bool,
        /// US Letter instead of the paper in the settings.
        #[arg(long)]
        letter: bool,
        /// Columns as wide as their contents, smaller text when they would not fit.
        #[arg(long)]
        fit_width: bool,
        /// No zebra stripes.
        #[arg(long)]
        no_zebra: bool,
        /// For a statement or a reminder letter: the date it is as of (default today).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Add sample customers to the database (the hand-written ones plus N generated).
    Demo {
        #[arg(long, default_value_t = crate::demo::DEMO_GENERATED)]
        customers: usize,
    },
}

#[derive(Subcommand, Debug)]
pub enum UsersCommand {
    /// Add an account.
    Add {
        name: String,
        /// clerk (信息管理员), supervisor (业务主管) or admin (管理员).
        #[arg(long)]
        role: String,
        /// A file holding the new account's password (its first line).
        #[arg(long)]
        password_file: PathBuf,
        /// The name shown in the window (default: the account name).
        #[arg(long)]
        display_name: Option<String>,
    },
    /// List the accounts.
    List,
    /// Disable an account (accounts are never deleted, so the history keeps the name).
    Disable { name: String },
}

/// How the command line signs in: `--user` with the password from KEHU_PASSWORD or
/// `--password-file`.
#[derive(Debug, Clone, Default)]
pub struct SignIn {
    pub user: Option<String>,
    pub password_file: Option<PathBuf>,
}

/// The first line of a password file, or KEHU_PASSWORD.
fn password(file: Option<&std::path::Path>) -> Result<String, String> {
    match file {
        Some(f) => std::fs::read_to_string(f)
            .map(|t| t.lines().next().unwrap_or_default().to_string())
            .map_err(|e| format!("读不了密码文件 {}（{e}）", f.display())),
        None => std::env::var("KEHU_PASSWORD").map_err(|_| {
            "需要 --user 的密码：放在环境变量 KEHU_PASSWORD 里，或用 --password-file 指定一个文件"
                .to_string()
        }),
    }
}

/// Acts as a kehu user, as the window does: with `--user`, that user after checking the
/// password; without, on a database where nobody has an account yet, the operating-system
/// user as administrator (first-time scripting needs no sign-in); otherwise refused.
fn sign_in(store: &mut Store, who: &SignIn) -> Result<(), String> {
    if let Some(name) = &who.user {
        let pw = password(who.password_file.as_deref())?;
        store.sign_in(name, &pw).map_err(cli_error)?;
        return Ok(());
    }
    if store.needs_first_admin().map_err(cli_error)? {
        store.set_actor(Actor::os_user());
        return Ok(());
    }
    Err("这个数据库已经设置了用户，修改数据需要登录：加上 --user 用户名，密码放在环境变量 KEHU_PASSWORD 里或用 --password-file 指定".into())
}

/// Runs the program; returns the process exit code.
pub fn main() -> i32 {
    let args = Args::parse();
    let who = SignIn {
        user: args.user.clone(),
        password_file: args.password_file.clone(),
    };
    let result = match args.command {
        None => run_window(args.db, args.demo),
        Some(Command::Bench {
            customers,
            searches,
        }) => crate::bench::run(customers, searches).map(|report| println!("{report}")),
        Some(Command::BenchImport { rows, dry_run }) => {
            crate::bench::import(rows, !dry_run).map(|report| println!("{report}"))
        }
        Some(Command::BenchPrint { customers }) => {
            crate::bench::print(customers).map(|report| println!("{report}"))
        }
        Some(Command::BenchLists { rows }) => {
            crate::bench::lists(rows, args.db.as_deref()).map(|report| println!("{report}"))
        }
        Some(Command::BenchReceivables {
            customers,
            installments,
        }) => crate::bench::receivables(customers, installments).map(|r| println!("{r}")),
        Some(Command::BenchReports {
            customers,
            contracts,
            feedback,
        }) => crate::bench::reports(customers, contracts, feedback).map(|r| println!("{r}")),
        Some(Command::BenchToday {
            customers,
            feedback,
            contacts,
        }) => crate::bench::today(customers, feedback, contacts).map(|r| println!("{r}")),
        Some(Command::Backup { out }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path, &who).and_then(|store| {
                let file = store.backup_to(&out).map_err(cli_error)?;
                println!("已备份到 {}", file.display());
                Ok(())
            })
        }
        Some(Command::Restore { file }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            run_restore(&path, &file, &who)
        }
        Some(Command::Check { repair }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            run_check(&path, repair, &who)
        }
        Some(Command::Users { action }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            if matches!(action, UsersCommand::List) {
                open_existing(&path, &who).and_then(|mut store| run_users(&mut store, action))
            } else {
                // The first administrator may be added to a new database.
                open_signed_in(&path, &who).and_then(|mut store| run_users(&mut store, action))
            }
        }
        Some(Command::Contract { action }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            let store = if !path.is_file() {
                Err(format!("找不到数据库文件 {}", path.display()))
            } else if matches!(action, ContractCommand::Show { .. }) {
                open_existing(&path, &who)
            } else {
                open_signed_in(&path, &who)
            };
            store.and_then(|mut s| contract::run(&mut s, action))
        }
        Some(Command::Demo { customers }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_signed_in(&path, &who).and_then(|mut store| {
                let n = crate::demo::fill(&mut store, customers).map_err(cli_error)?;
                println!("已添加 {n} 个示例客户到 {}", path.display());
                Ok(())
            })
        }
        Some(Command::Import {
            file,
            kind,
            mapping,
            save_mapping,
            dry_run,
            duplicates,
            date_order,
            encoding,
            header_row,
            sheet,
            errors_out,
        }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            let opts = ImportArgs {
                file,
                kind,
                mapping,
                save_mapping,
                dry_run,
                duplicates,
                date_order,
                encoding,
                header_row,
                sheet,
                errors_out,
            };
            open_signed_in(&path, &who).and_then(|mut store| run_import(&mut store, opts))
        }
        Some(Command::Print {
            what,
            customer,
            number,
            out,
            search,
            grade,
            columns,
            title,
            landscape,
            letter,
            fit_width,
            no_zebra,
            as_of,
        }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path, &who).and_then(|store| {
                let settings = store.settings().map_err(cli_error)?;
                crate::strings::set_date_format(settings.date_format);
                let mut setup = crate::io::print::layout::PageSetup::from_settings(&settings);
                setup.landscape = landscape;
                if letter {
                    setup.paper = crate::io::print::layout::Paper::Letter;
                }
                let printed = match what.as_str() {
                    "card" => {
                        let who = customer.ok_or("打印卡片需要 --customer 客户名称或编号")?;
                        let id = find_customer(&store, &who)?;
                        crate::io::print::print_customer_card(&store, id, &setup, &out)?
                    }
                    "statement" | "reminder" => {
                        let who = customer.ok_or("打印对账单或催款函需要 --customer 客户名称或编号")?;
                        let id = find_customer(&store, &who)?;
                        let day = match as_of.as_deref() {
                            None => crate::store::today(),
                            Some(d) => crate::domain::validate::parse_date(d)
                                .ok_or(format!("看不懂日期“{d}”：请写成 2026-12-01 这样"))?,
                        };
                        crate::io::print::collection::print_collection(
                            &store,
                            id,
                            day,
                            what == "reminder",
                            &setup,
                            &out,
                        )?
                    }
                    "contract" => {
                        let no = number.ok_or("打印合同需要 --number 合同编号")?;
                        let id = find_contract(&store, &no)?;
                        crate::io::print::print_contract(&store, id, &setup, &out)?
                    }
                    "customers" => {
                        let mut opts = crate::io::print::ListOptions::remembered(&store);
                        if let Some(list) = columns {
                            opts.columns = parse_columns(&list)?;
                        }
                        if let Some(t) = title {
                            opts.title = t;
                        }
                        opts.fit_width |= fit_width;
                        opts.zebra &= !no_zebra;
                        let q = crate::store::CustomerQuery {
                            text: search.unwrap_or_default(),
                            grade: grade.as_deref().map(parse_grade).transpose()?,
                            ..Default::default()
                        };
                        crate::io::print::print_customer_list(&store, &q, &opts, &setup, &out)?
                    }
                    _ => {
                        return Err(format!(
                            "不支持打印“{what}”：可以打印 customers、card、contract、statement 或 reminder"
                        ));
                    }
                };
                println!("已打印到 {}（{} 页）", out.display(), printed.pages);
                if !printed.missing.is_empty() {
                    println!("{}", crate::strings::missing_glyphs(&printed.missing));
                }
                Ok(())
            })
        }
        Some(Command::UndoImport {
            id,
            include_changed,
        }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path, &who).and_then(|mut store| {
                sign_in(&mut store, &who)?;
                let id = match id {
                    Some(id) => id,
                    None => store
                        .imports()
                        .map_err(cli_error)?
                        .into_iter()
                        .find(|r| r.undone_at.is_none())
                        .map(|r| r.id)
                        .ok_or("没有可以撤销的导入")?,
                };
                let r = store
                    .undo_import_keeping(id, !include_changed)
                    .map_err(cli_error)?;
                if r.record.kind == "customers" {
                    println!(
                        "已撤销导入 #{}（{}）：新增的客户 {} 个已移入回收站（可以还原），更新过的客户 {} 个已还原为导入前的内容。",
                        r.record.id, r.record.file_name, r.trashed, r.reverted
                    );
                } else {
                    println!(
                        "已撤销导入 #{}（{}）：删除新增 {} 条，还原更新 {} 条。",
                        r.record.id, r.record.file_name, r.trashed, r.reverted
                    );
                }
                if !r.kept.is_empty() {
                    println!(
                        "导入之后又改过的客户 {} 个保持不变（要连它们一起撤销，加 --include-changed）：",
                        r.kept.len()
                    );
                    for name in r.kept.iter().take(200) {
                        println!("  {}", crate::strings::clip(name, 50));
                    }
                }
                Ok(())
            })
        }
        Some(Command::Report { what }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path, &who).and_then(|store| report(&store, what))
        }
        Some(Command::Today {
            as_of,
            format,
            user,
        }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            let who = SignIn {
                user: user.or(who.user),
                ..who
            };
            open_existing(&path, &who)
                .and_then(|store| today::today(&store, as_of.as_deref(), &format))
        }
        Some(Command::Imports) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path, &who).and_then(|store| {
                for r in store.imports().map_err(cli_error)? {
                    println!(
                        "#{}\t{}\t{}\t{}\t新增 {}，更新 {}，跳过 {}，错误 {}{}",
                        r.id,
                        r.at,
                        r.user,
                        r.file_name,
                        r.created,
                        r.updated,
                        r.skipped,
                        r.errors,
                        if r.undone_at.is_some() {
                            "（已撤销）"
                        } else {
                            ""
                        }
                    );
                }
                Ok(())
            })
        }
        Some(Command::Export {
            kind,
            format,
            out,
            encoding,
            search,
            grade,
            every_contact,
        }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path, &who).and_then(|store| {
                let record_kind = match kind.as_str() {
                    "customers" => None,
                    k => Some(crate::io::records::RecordKind::from_key(k).ok_or(format!(
                        "不认识的种类“{k}”：可用 customers、feedback、contracts、competitors 或 news"
                    ))?),
                };
                let enc = match encoding.as_deref() {
                    None | Some("utf-8" | "utf8") => crate::io::export::CsvEncoding::Utf8Bom,
                    Some("gbk" | "GBK" | "gb18030") => crate::io::export::CsvEncoding::Gbk,
                    Some(e) => return Err(format!("不认识的编码“{e}”：可用 utf-8 或 gbk")),
                };
                let fmt = match format.as_deref() {
                    None => crate::io::export::ExportFormat::for_path(&out, enc),
                    Some("csv") => crate::io::export::ExportFormat::Csv(enc),
                    Some("xlsx") => crate::io::export::ExportFormat::Xlsx,
                    Some(f) => return Err(format!("不认识的格式“{f}”：可用 csv 或 xlsx")),
                };
                if let Some(rk) = record_kind {
                    use crate::io::records::{RecordKind, RecordQuery, export_records};
                    if grade.is_some() || every_contact {
                        return Err(format!(
                            "--grade 和 --every-contact 只用于导出客户，不能用于 {}",
                            rk.key()
                        ));
                    }
                    let text = search.unwrap_or_default();
                    let q = match rk {
                        RecordKind::Feedback => RecordQuery::Feedback(
                            crate::store::feedback::FeedbackQuery {
                                text,
                                ..Default::default()
                            },
                        ),
                        RecordKind::Contracts => RecordQuery::Contracts(
                            crate::store::contracts::ContractQuery {
                                text,
                                ..Default::default()
                            },
                        ),
                        RecordKind::Competitors => RecordQuery::Competitors(
                            crate::store::competitors::CompetitorQuery {
                                text,
                                ..Default::default()
                            },
                        ),
                        RecordKind::News => RecordQuery::News(crate::store::news::NewsQuery {
                            text,
                            ..Default::default()
                        }),
                    };
                    let n = export_records(
                        &store,
                        &q,
                        fmt,
                        &out,
                        &mut |_| {},
                        &std::sync::atomic::AtomicBool::new(false),
                    )
                    .map_err(|e| e.message())?;
                    println!(
                        "已导出 {n} 条{}到 {}",
                        rk.label().in_lang(crate::strings::Lang::Zh),
                        out.display()
                    );
                    return Ok(());
                }
                let q = crate::store::CustomerQuery {
                    text: search.unwrap_or_default(),
                    grade: grade.as_deref().map(parse_grade).transpose()?,
                    ..Default::default()
                };
                let n = crate::io::export::export_customers(
                    &store,
                    &q,
                    fmt,
                    &out,
                    every_contact,
                    &mut |_| {},
                    &std::sync::atomic::AtomicBool::new(false),
                )
                .map_err(|e| e.message())?;
                println!("已导出 {n} 个客户到 {}", out.display());
                Ok(())
            })
        }
    };
    match result {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("kehu: {msg}");
            1
        }
    }
}

fn cli_error(e: StoreError) -> String {
    crate::strings::set_lang(crate::strings::lang());
    format!("{} ({})", e.message().replace('\n', " "), e.detail())
}

/// Opens (creating if needed) the database for a subcommand that changes data, signed in.
fn open_signed_in(path: &std::path::Path, who: &SignIn) -> Result<Store, String> {
    let mut store = Store::open(path).map_err(cli_error)?;
    sign_in(&mut store, who)?;
    Ok(store)
}

/// Opens a database that must already exist, for reading (backup, export, print, check
/// never create one, and need no sign-in: whoever can run them holds the file).
fn open_existing(path: &std::path::Path, who: &SignIn) -> Result<Store, String> {
    if !path.is_file() {
        return Err(format!("找不到数据库文件 {}", path.display()));
    }
    // A database that cannot be written (a read-only file, a CD) can still be read,
    // exported, printed and backed up.
    let mut store = match Store::open(path) {
        Err(StoreError::ReadOnly) => Store::open_read_only(path),
        other => other,
    }
    .map_err(cli_error)?;
    store.set_actor(Actor::os_user());
    // 系统设置 may ask the command line to sign in even to read; a --user given is
    // always checked.
    let asked = store.settings().is_ok_and(|s| s.cli_read_sign_in)
        && !store.needs_first_admin().unwrap_or(true);
    if asked && who.user.is_none() {
        return Err(crate::strings::S::CliReadNeedsSignIn.t().to_string());
    }
    if who.user.is_some() {
        sign_in(&mut store, who)?;
    }
    Ok(store)
}

/// Where `--demo` keeps its database unless `--db` says otherwise, so the sample data
/// never mixes with real records.
pub fn default_demo_path() -> PathBuf {
    default_db_path().with_file_name("kehu-demo.sqlite3")
}

/// Opens the database for the window; with `demo`, fills it first if it has no customers.
pub fn open_for_window(db: Option<PathBuf>, demo: bool) -> (Result<Store, StoreError>, PathBuf) {
    let path = db.unwrap_or_else(|| {
        if demo {
            default_demo_path()
        } else {
            default_db_path()
        }
    });
    let opened = match Store::open(&path) {
        // Read-only: the clerk can still sign in to look, print, export and back up.
        Err(StoreError::ReadOnly) if !demo => Store::open_read_only(&path),
        other => other,
    }
    .and_then(|mut store| {
        if demo && store.customer_total()? == 0 {
            store.set_actor(Actor {
                name: "示例数据".into(),
                role: crate::domain::Role::Admin,
            });
            crate::demo::fill(&mut store, crate::demo::DEMO_GENERATED)?;
            store.sign_out();
        }
        Ok(store)
    });
    (opened, path)
}

fn run_window(db: Option<PathBuf>, demo: bool) -> Result<(), String> {
    let (opened, path) = open_for_window(db, demo);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(crate::strings::S::AppTitle.in_lang(crate::strings::Lang::Zh))
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native(
        "kehu",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install(&cc.egui_ctx, crate::ui::fonts::CjkSource::PreferSystem);
            // An office program: light, like the spreadsheets it lives next to.
            cc.egui_ctx.set_theme(egui::ThemePreference::Light);
            Ok(Box::new(crate::ui::KehuApp::new(opened, path)))
        }),
    )
    .map_err(|e| format!("无法打开窗口（{e}）。请确认在图形桌面中运行。"))
}
