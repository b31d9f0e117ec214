//! `kehu report ageing|overdue|rfm|churn … --out FILE.csv|.xlsx`.

use std::path::PathBuf;

use clap::Subcommand;

use super::cli_error;
use super::lookup::day_or_today as as_of;
use crate::store::Store;

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// What each customer owes by days past due: 客户名称, 应收余额, 未到期, 1-30天 …
    /// 365天以上, and a last line 合计.
    Ageing {
        /// The date the report is as of (default today).
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The installments unpaid past their due date: 合同编号, 客户名称, 到期日,
    /// 未付金额, 逾期天数.
    Overdue {
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// RFM as of a date: 客户编号, 客户名称, 最近签约日期, R（天）, F（次）, M（元）, R分,
    /// F分, M分, 价值细分, 建议等级, 当前等级 (one line per customer).
    Rfm {
        #[arg(long)]
        as_of: Option<String>,
        /// The window in months ending at the date (default 36).
        #[arg(long, conflicts_with = "all")]
        months: Option<u32>,
        /// All history instead of a window.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// Churn and retention per period: 期间, 消费人数, 保持数, 流失数, 流失率, 保持率,
    /// 新增客户数.
    Churn {
        /// year, quarter or month.
        #[arg(long)]
        period: String,
        /// The first period is the one holding this date (default: the first counted
        /// contract's).
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// 统计报表 for a period: as an XLSX workbook, a sheet per table (概要, 每月新增客户,
    /// 客户-等级 … 客户-业务员, 每月签约金额, 合同状态, 签约前10名客户, 每月回款,
    /// 每月交往反馈, 投诉, 满意度, 业务员, 未处理投诉, 期末应收账龄, 审批用时), each table that adds up ending with 合计; or as an A4 PDF (经营报表,
    /// 月度经营报表 for a calendar month) with the charts drawn as vector graphics.
    Summary {
        /// The first day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// The last day, included (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// The file to write (.xlsx or .pdf).
        #[arg(long)]
        out: PathBuf,
    },
}

pub(super) fn report(store: &Store, what: ReportCommand) -> Result<(), String> {
    use crate::io::reports::*;
    let enc = store.settings().map_err(cli_error)?.export_encoding;
    let (out, n) = match what {
        ReportCommand::Summary { from, to, out } => {
            let p = crate::domain::reports::Period::new(as_of(Some(&from))?, as_of(Some(&to))?)
                .ok_or(format!(
                    "--from {from} 晚于 --to {to}：开始日期不能晚于结束日期"
                ))?;
            let ext = out
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            if ext.as_deref() == Some("pdf") {
                let s = store.report_full(&p).map_err(cli_error)?;
                let setup = crate::io::print::layout::PageSetup::from_settings(
                    &store.settings().map_err(cli_error)?,
                );
                let title = crate::io::print::report::title(&s);
                let pages = crate::io::print::business_report_pages(
                    store,
                    title,
                    &s,
                    Default::default(),
                    &setup,
                )
                .map_err(cli_error)?;
                crate::io::print::pdf::write_pdf(&pages, &setup, title, &out)
                    .map_err(|e| crate::strings::cannot_write(&e))?;
                println!(
                    "已写出{title}（{} 至 {}，{} 页）到 {}",
                    p.from,
                    p.to,
                    pages.len(),
                    out.display()
                );
                return Ok(());
            }
            if ext.as_deref() != Some("xlsx") {
                return Err(format!(
                    "{}：统计报表只能写成 .xlsx 或 .pdf 文件",
                    out.display()
                ));
            }
            let s = store.report_full(&p).map_err(cli_error)?;
            crate::io::report_book::write_summary(&out, &s)?;
            println!(
                "已写出 {} 张表（{} 至 {}）到 {}",
                crate::io::report_book::SHEETS.len(),
                p.from,
                p.to,
                out.display()
            );
            return Ok(());
        }
        ReportCommand::Ageing { as_of: d, out } => {
            let rows = store.ageing(as_of(d.as_deref())?).map_err(cli_error)?;
            let n = rows.len();
            write_table(&out, "应收账龄", &AGEING_HEADERS, ageing_table(&rows), enc)?;
            (out, n)
        }
        ReportCommand::Overdue { as_of: d, out } => {
            let rows = store
                .overdue_installments(as_of(d.as_deref())?)
                .map_err(cli_error)?;
            let n = rows.len();
            write_table(
                &out,
                "逾期明细",
                &OVERDUE_HEADERS,
                overdue_table(&rows),
                enc,
            )?;
            (out, n)
        }
        ReportCommand::Rfm {
            as_of: d,
            months,
            all,
            out,
        } => {
            use crate::domain::value::{GradeRule, Window};
            let window = match (all, months) {
                (true, _) => Window::All,
                (false, Some(0)) => return Err("--months 至少为 1".into()),
                (false, m) => Window::Months(m.unwrap_or(36)),
            };
            let (lines, _) = store
                .rfm_table(as_of(d.as_deref())?, window, None, GradeRule::default())
                .map_err(cli_error)?;
            write_table(&out, "RFM", &RFM_HEADERS, rfm_rows(&lines), enc)?;
            (out, lines.len())
        }
        ReportCommand::Churn {
            period,
            from,
            as_of: d,
            out,
        } => {
            let kind = crate::domain::value::PeriodKind::from_key(&period)
                .ok_or(format!("不认识的期间“{period}”：可用 year、quarter、month"))?;
            let from = from.as_deref().map(|f| as_of(Some(f))).transpose()?;
            let rows = store
                .churn_series(kind, from, as_of(d.as_deref())?)
                .map_err(cli_error)?;
            write_table(&out, "客户流失", &CHURN_HEADERS, churn_rows(&rows), enc)?;
            (out, rows.len())
        }
    };
    println!("已写出 {n} 行到 {}", out.display());
    Ok(())
}
