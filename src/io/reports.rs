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
