//! Receivables reports as tables for a file or the screen: the ageing list (应收账龄)
//! with its 合计 line and the overdue installments (逾期明细). Column names and money
//! format (yuan, two decimals) are a promise to scripts: see README → 信用与应收.

use std::path::Path;

use crate::domain::money::fen_to_plain;
use crate::store::receivables::{AgeingRow, OverdueRow, ageing_totals};

use super::export::{CsvEncoding, ExportFormat, write_csv_rows, write_xlsx_rows};

pub const AGEING_HEADERS: [&str; 9] = [
    "客户名称",
    "应收余额",
    "未到期",
    "1-30天",
    "31-60天",
    "61-90天",
    "91-180天",
    "181-365天",
    "365天以上",
];

pub const OVERDUE_HEADERS: [&str; 5] = ["合同编号", "客户名称", "到期日", "未付金额", "逾期天数"];

/// One line per customer, then 合计.
pub fn ageing_table(rows: &[AgeingRow]) -> Vec<Vec<String>> {
    let line = |name: &str, total: i64, buckets: &[i64]| {
        let mut v = vec![name.to_string(), fen_to_plain(total)];
        v.extend(buckets.iter().map(|b| fen_to_plain(*b)));
        v
    };
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| line(&r.name, r.total_fen, &r.buckets))
        .collect();
    let (buckets, total) = ageing_totals(rows);
    out.push(line("合计", total, &buckets));
    out
}

pub fn overdue_table(rows: &[OverdueRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.number.clone(),
                r.customer_name.clone(),
                r.due_on.clone(),
                fen_to_plain(r.unpaid_fen),
                r.days.to_string(),
            ]
        })
        .collect()
}

pub use crate::domain::value::{CHURN_HEADERS, RFM_HEADERS};

/// `kehu today --format csv`: one row per line of the work list (a promise to scripts:
/// README → 工作台).
pub const TODAY_HEADERS: [&str; 8] = [
    "分区",
    "客户名称",
    "事项",
    "日期",
    "天数",
    "负责人",
    "金额",
    "说明",
];

/// The work list as rows under [`TODAY_HEADERS`]: the section's Chinese name, the
/// customer, what it is about, the date (ISO), the days (since or to go, as 说明 says),
/// who it is for, money in yuan (回款 and contracts), and the days in words.
pub fn today_rows(lines: &[crate::domain::workbench::WorkLine]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| {
            vec![
                l.section.zh().to_string(),
                l.customer.clone(),
                crate::strings::work_what(l),
                l.date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                l.days.to_string(),
                l.owner.clone(),
                l.amount_fen.map(fen_to_plain).unwrap_or_default(),
                crate::strings::work_days(l),
            ]
        })
        .collect()
}

/// The work list as text, section by section with its count: what `kehu today` prints.
pub fn today_text(lines: &[crate::domain::workbench::WorkLine]) -> String {
    use crate::domain::workbench::Section;
    let mut out = String::new();
    for s in Section::ALL {
        let rows: Vec<Vec<String>> = today_rows(
            &lines
                .iter()
                .filter(|l| l.section == s)
                .cloned()
                .collect::<Vec<_>>(),
        );
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "{}（{}）\n",
            crate::strings::work_section(s),
            rows.len()
        ));
        for r in rows {
            // Date, customer, what, the days in words, who, money.
            let parts = [&r[3], &r[1], &r[2], &r[7], &r[5], &r[6]];
            let text: Vec<&str> = parts
                .iter()
                .map(|p| p.as_str())
                .filter(|p| !p.is_empty())
                .collect();
            out.push_str(&format!("  {}\n", text.join("  ")));
        }
    }
    if out.is_empty() {
        out.push_str(crate::strings::S::NothingDue.t());
        out.push('\n');
    }
    out
}

/// One line per customer; 无交易 ones with 价值细分 无交易 and no scores.
pub fn rfm_rows(lines: &[crate::store::value::RfmLine]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| {
            let r = &l.rfm;
            let score = |i: usize| l.scores.map(|s| s[i].to_string()).unwrap_or_default();
            vec![
                l.code.clone(),
                l.name.clone(),
                r.latest
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                r.r_days.map(|d| d.to_string()).unwrap_or_default(),
                r.f.to_string(),
                fen_to_plain(r.m_fen),
                score(0),
                score(1),
                score(2),
                l.segment.map(|s| s.zh()).unwrap_or("无交易").to_string(),
                l.suggested.map(String::from).unwrap_or_default(),
                l.grade.clone(),
            ]
        })
        .collect()
}

/// A rate in per cent with one decimal (33.3%); empty when there is nobody to count.
fn percent(rate: Option<f64>) -> String {
    rate.map(|r| format!("{r:.1}%")).unwrap_or_default()
}

/// One line per period.
pub fn churn_rows(rows: &[crate::domain::value::ChurnRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.period.clone(),
                r.buyers.to_string(),
                r.kept.to_string(),
                r.lost.to_string(),
                percent(r.churn_rate()),
                percent(r.retention_rate()),
                r.new.to_string(),
            ]
        })
        .collect()
}

/// Writes a report to `path`: XLSX when it ends in .xlsx, else CSV (UTF-8 with BOM or
/// GBK as the firm's export setting says).
pub fn write_table(
    path: &Path,
    sheet: &str,
    headers: &[&str],
    rows: Vec<Vec<String>>,
    encoding: CsvEncoding,
) -> Result<(), String> {
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    match ExportFormat::for_path(path, encoding) {
        ExportFormat::Xlsx => write_xlsx_rows(
            path,
            sheet,
            &headers,
            rows.into_iter(),
            &std::sync::atomic::AtomicBool::new(false),
        ),
        ExportFormat::Csv(enc) => write_csv_rows(path, &headers, rows.into_iter(), enc),
    }
}
