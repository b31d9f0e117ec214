//! The command line: `kehu [--db PATH] [--demo]` opens the window; `kehu [--db PATH]
//! SUBCOMMAND …` does command-line work. Subcommands never prompt, act in the change log
//! as the operating-system user, and exit non-zero with a one-line reason on failure.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::store::{Actor, Store, StoreError, default_db_path};

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
        /// What to print: customers (the list) or card (one customer's card).
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

/// A customer by exact name or code.
fn find_customer(store: &Store, who: &str) -> Result<i64, String> {
    let q = crate::store::CustomerQuery {
        text: who.to_string(),
        ..Default::default()
    };
    store
        .customer_page(&q, 0, 50)
        .map_err(cli_error)?
        .into_iter()
        .find(|r| r.name == who || r.code == who)
        .map(|r| r.id)
        .ok_or(format!("找不到客户“{who}”"))
}

/// A contract by its number.
fn find_contract(store: &Store, no: &str) -> Result<i64, String> {
    let q = crate::store::contracts::ContractQuery {
        text: no.to_string(),
        ..Default::default()
    };
    store
        .contract_page(&q, 0, 50)
        .map_err(cli_error)?
        .into_iter()
        .find(|r| r.number == no)
        .map(|r| r.id)
        .ok_or(format!("找不到合同“{no}”"))
}

/// `--columns code,name,phone`.
fn parse_columns(list: &str) -> Result<Vec<crate::io::mapping::Target>, String> {
    use crate::io::mapping::Target;
    list.split(',')
        .map(|k| {
            let k = k.trim();
            let k = if k == "contact" { "contact_name" } else { k };
            Target::from_key(k)
                .filter(|t| *t != Target::Ignore && !t.is_name_part())
                .ok_or(format!("不认识的列“{k}”"))
        })
        .collect()
}

fn parse_grade(g: &str) -> Result<crate::domain::Grade, String> {
    crate::domain::Grade::from_code(&g.to_ascii_uppercase())
        .ok_or(format!("不认识的等级“{g}”：可用 A、B、C、D"))
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
        Some(Command::Backup { out }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path).and_then(|store| {
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
                open_existing(&path).and_then(|mut store| run_users(&mut store, action))
            } else {
                // The first administrator may be added to a new database.
                open_signed_in(&path, &who).and_then(|mut store| run_users(&mut store, action))
            }
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
        }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path).and_then(|store| {
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
                            "不支持打印“{what}”：可以打印 customers、card 或 contract"
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
            open_existing(&path).and_then(|mut store| {
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
        Some(Command::Imports) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path).and_then(|store| {
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
            open_existing(&path).and_then(|store| {
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

struct ImportArgs {
    file: PathBuf,
    kind: String,
    mapping: Option<String>,
    save_mapping: Option<String>,
    dry_run: bool,
    duplicates: String,
    date_order: Option<String>,
    encoding: Option<String>,
    header_row: Option<usize>,
    sheet: Option<String>,
    errors_out: Option<PathBuf>,
}

fn run_import(store: &mut Store, a: ImportArgs) -> Result<(), String> {
    use crate::io::import::ImportSpec;
    use crate::io::mapping::{Mapping, auto_map};
    let record_kind = match a.kind.as_str() {
        "customers" => None,
        k => Some(crate::io::records::RecordKind::from_key(k).ok_or(format!(
            "不认识的种类“{k}”：可用 customers、feedback、contracts、competitors 或 news"
        ))?),
    };
    let mut read = crate::io::read::ReadOptions {
        header_row: a.header_row.map(|n| n.saturating_sub(1)),
        sheet: a.sheet.clone(),
        ..Default::default()
    };
    if let Some(e) = &a.encoding {
        let enc =
            encoding_rs::Encoding::for_label(e.as_bytes()).ok_or(format!("不认识的编码“{e}”"))?;
        read.encoding = Some(enc);
    }
    let table =
        crate::io::read::open(&a.file, &read).map_err(|e| crate::io::text::read_error(&e))?;
    let key = Mapping::headers_key(&table.headers);
    if let Some(kind) = record_kind {
        return run_record_import(store, a, kind, read, table, key);
    }
    let mapping = match &a.mapping {
        Some(name) => {
            let (_, json) = store
                .mapping(name)
                .map_err(cli_error)?
                .ok_or(format!("没有名为“{name}”的列对应"))?;
            serde_json::from_str(&json).map_err(|e| e.to_string())?
        }
        None => match store.mapping_for_headers(&key).map_err(cli_error)? {
            Some((name, json)) => {
                println!("使用保存的列对应“{name}”");
                serde_json::from_str(&json).map_err(|e| e.to_string())?
            }
            None => auto_map(&table.headers),
        },
    };
    let mapping: Mapping = mapping;
    if mapping.columns.len() != table.headers.len() {
        return Err("保存的列对应与文件的列数不一致".into());
    }
    println!("{}", read_summary(&a.file, &table));
    for (h, t) in table.headers.iter().zip(&mapping.columns) {
        if *t != crate::io::mapping::Target::Ignore {
            println!("  {h} → {}", crate::io::text::import_target(*t));
        }
    }
    drop(table);
    let spec = ImportSpec {
        path: a.file.clone(),
        read,
        mapping: mapping.clone(),
        date_order: date_order_arg(a.date_order.as_deref())?,
        duplicates: duplicates_arg(&a.duplicates)?,
        row_choices: Default::default(),
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report =
        crate::io::import::dry_run(store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
    print!("{}", crate::io::import::report_text(&report));
    if let Some(out) = &a.errors_out
        && report.error_rows > 0
    {
        crate::io::import::write_error_rows(&report, out).map_err(|e| e.message())?;
        println!("有错误的行已保存到 {}", out.display());
    }
    if let Some(name) = &a.save_mapping {
        let json = serde_json::to_string(&mapping).map_err(|e| e.to_string())?;
        store.save_mapping(name, &key, &json).map_err(cli_error)?;
        println!("列对应已保存为“{name}”");
    }
    if a.dry_run {
        println!("（试运行，没有写入任何数据）");
        return Ok(());
    }
    if report.new + report.updates + report.merged == 0 {
        println!("没有要写入的行，什么都没有导入。");
        return Ok(());
    }
    let (rec, _) =
        crate::io::import::commit(store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
    println!(
        "已导入（第 {} 次导入）：新增 {} 个客户，更新 {} 个。撤销请运行 kehu undo-import {}",
        rec.id, rec.created, rec.updated, rec.id
    );
    Ok(())
}

/// `kehu import --kind feedback|contracts|competitors|news`: the same steps as for
/// customers, with that kind's fields.
fn run_record_import(
    store: &mut Store,
    a: ImportArgs,
    kind: crate::io::records::RecordKind,
    read: crate::io::read::ReadOptions,
    table: crate::io::read::Table,
    key: String,
) -> Result<(), String> {
    use crate::io::records::{
        RecordMapping, RecordSpec, auto_map_records, commit_records, dry_run_records,
    };
    let saved = match &a.mapping {
        Some(name) => Some(
            store
                .mapping(name)
                .map_err(cli_error)?
                .ok_or(format!("没有名为“{name}”的列对应"))?
                .1,
        ),
        None => store
            .mapping_for_headers(&key)
            .map_err(cli_error)?
            .map(|(_, j)| j),
    };
    let mapping = saved
        .and_then(|json| serde_json::from_str::<RecordMapping>(&json).ok())
        .filter(|m| m.kind == kind.key() && m.columns.len() == table.headers.len());
    if a.mapping.is_some() && mapping.is_none() {
        return Err(format!(
            "保存的列对应不适用于这个文件（种类或列数不同）：{}",
            kind.label().in_lang(crate::strings::Lang::Zh)
        ));
    }
    let mapping = mapping.unwrap_or_else(|| auto_map_records(kind, &table.headers));
    println!("{}", read_summary(&a.file, &table));
    for (h, k) in table.headers.iter().zip(&mapping.columns) {
        if let Some(f) = k.as_deref().and_then(|k| kind.field(k)) {
            println!("  {h} → {}", f.label());
        }
    }
    drop(table);
    let mut spec = RecordSpec::new(kind, a.file.clone(), mapping.clone());
    spec.read = read;
    spec.date_order = date_order_arg(a.date_order.as_deref())?;
    spec.duplicates = duplicates_arg(&a.duplicates)?;
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report = dry_run_records(store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
    print!("{}", crate::io::import::report_text(&report));
    if let Some(out) = &a.errors_out
        && report.error_rows > 0
    {
        crate::io::import::write_error_rows(&report, out).map_err(|e| e.message())?;
        println!("有错误的行已保存到 {}", out.display());
    }
    if let Some(name) = &a.save_mapping {
        let json = serde_json::to_string(&mapping).map_err(|e| e.to_string())?;
        store.save_mapping(name, &key, &json).map_err(cli_error)?;
        println!("列对应已保存为“{name}”");
    }
    if a.dry_run {
        println!("（试运行，没有写入任何数据）");
        return Ok(());
    }
    if report.new + report.updates == 0 {
        println!("没有要写入的行，什么都没有导入。");
        return Ok(());
    }
    let (rec, _) = commit_records(store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
    println!(
        "已导入（第 {} 次导入）：新增 {} 条，更新 {} 条。撤销请运行 kehu undo-import {}",
        rec.id, rec.created, rec.updated, rec.id
    );
    Ok(())
}

/// "读取 FILE：GBK 编码，表头在第 N 行", as an import prints it first (with which sheet
/// of a workbook was chosen, and why).
fn read_summary(file: &std::path::Path, table: &crate::io::read::Table) -> String {
    let choice = crate::io::text::sheet_choice(&table.layout)
        .map(|c| format!("\n{c}"))
        .unwrap_or_default();
    format!(
        "读取 {}：{}，表头在第 {} 行{choice}",
        file.display(),
        match table.layout.encoding {
            Some(_) => format!("{} 编码", table.layout.encoding_name()),
            None => format!("工作表“{}”", table.layout.sheet.clone().unwrap_or_default()),
        },
        table.layout.header_line
    )
}

fn date_order_arg(arg: Option<&str>) -> Result<crate::io::cells::DateOrder, String> {
    use crate::io::cells::DateOrder;
    match arg {
        None => Ok(DateOrder::Auto),
        Some("dmy") => Ok(DateOrder::DayFirst),
        Some("mdy") => Ok(DateOrder::MonthFirst),
        Some(o) => Err(format!("不认识的日期顺序“{o}”：可用 dmy 或 mdy")),
    }
}

fn duplicates_arg(arg: &str) -> Result<crate::io::import::DupChoice, String> {
    use crate::io::import::DupChoice;
    match arg {
        "skip" => Ok(DupChoice::Skip),
        "update" => Ok(DupChoice::Update),
        "new" => Ok(DupChoice::New),
        d => Err(format!("不认识的重复处理“{d}”：可用 skip、update 或 new")),
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
fn open_existing(path: &std::path::Path) -> Result<Store, String> {
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
    Ok(store)
}

/// `kehu restore FILE`: a sound database is replaced the usual way (a verified copy of
/// it kept as a snapshot, by a signed-in administrator); a damaged, unreadable, empty or
/// missing one gets the backup put in its place, the file that was there moved aside.
fn run_restore(path: &std::path::Path, file: &std::path::Path, who: &SignIn) -> Result<(), String> {
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
fn run_check(path: &std::path::Path, repair: bool, who: &SignIn) -> Result<(), String> {
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

fn report_remaining(d: &crate::store::recovery::Diagnosis) -> Result<(), String> {
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

fn run_users(store: &mut Store, action: UsersCommand) -> Result<(), String> {
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
