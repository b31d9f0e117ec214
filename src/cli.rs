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
    /// Check the database (integrity and foreign keys); exits non-zero on problems.
    Check,
    /// Add sample customers to the database (the hand-written ones plus N generated).
    Demo {
        #[arg(long, default_value_t = crate::demo::DEMO_GENERATED)]
        customers: usize,
    },
}

/// Runs the program; returns the process exit code.
pub fn main() -> i32 {
    let args = Args::parse();
    let result = match args.command {
        None => run_window(args.db, args.demo),
        Some(Command::Bench {
            customers,
            searches,
        }) => crate::bench::run(customers, searches).map(|report| println!("{report}")),
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
            open_existing(&path).and_then(|mut store| {
                let report = store.restore_from(&file).map_err(cli_error)?;
                println!(
                    "已从 {} 恢复（客户 {} 个）。恢复前的数据库已保存为 {}，恢复它即可撤销本次恢复。",
                    file.display(),
                    report.restored.counts.customers,
                    report.safety_copy.display()
                );
                Ok(())
            })
        }
        Some(Command::Check) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_existing(&path).and_then(|store| {
                let problems = store.check().map_err(cli_error)?;
                if problems.is_empty() {
                    println!("数据库完好：{}", path.display());
                    Ok(())
                } else {
                    Err(format!(
                        "数据库有 {} 处问题：{}",
                        problems.len(),
                        problems.join("; ")
                    ))
                }
            })
        }
        Some(Command::Demo { customers }) => {
            let path = args.db.unwrap_or_else(default_db_path);
            open_for_cli(&path).and_then(|mut store| {
                let n = crate::demo::fill(&mut store, customers).map_err(cli_error)?;
                println!("已添加 {n} 个示例客户到 {}", path.display());
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

fn open_for_cli(path: &std::path::Path) -> Result<Store, String> {
    let mut store = Store::open(path).map_err(cli_error)?;
    store.set_actor(Actor::os_user());
    Ok(store)
}

/// Opens a database that must already exist (backup, restore and check never create one).
fn open_existing(path: &std::path::Path) -> Result<Store, String> {
    if !path.is_file() {
        return Err(format!("找不到数据库文件 {}", path.display()));
    }
    open_for_cli(path)
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
    let opened = Store::open(&path).and_then(|mut store| {
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
