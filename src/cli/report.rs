//! `kehu report ageing|overdue [--as-of YYYY-MM-DD] --out FILE.csv|.xlsx`.

use std::path::PathBuf;

use clap::Subcommand;

use super::cli_error;
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
}

fn as_of(s: Option<&str>) -> Result<chrono::NaiveDate, String> {
    match s {
        None => Ok(crate::store::today()),
        Some(s) => crate::domain::validate::parse_date(s)
            .ok_or(format!("看不懂日期“{s}”：请写成 2026-12-01 这样")),
    }
}

pub(super) fn report(store: &Store, what: ReportCommand) -> Result<(), String> {
    use crate::io::reports::*;
    let enc = store.settings().map_err(cli_error)?.export_encoding;
    let (out, n) = match what {
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
    };
    println!("已写出 {n} 行到 {}", out.display());
    Ok(())
}
