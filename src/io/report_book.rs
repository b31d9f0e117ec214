//! 统计报表 as an XLSX workbook (`kehu report summary`, and the tab's 导出…): a sheet
//! per table — the period and the comparison first — each ending with its 合计 row;
//! counts and amounts are numbers (amounts in yuan, formatted ¥#,##0.00), not text.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::domain::contract::ContractStatus;
use crate::domain::reports::{Tally, total};
use crate::store::reports::Summary;
use crate::strings;

/// The sheets, in order, by name (scripts read them by these names).
pub const SHEETS: [&str; 20] = [
    "概要",
    "每月新增客户",
    "客户-等级",
    "客户-类别",
    "客户-行业",
    "客户-来源",
    "客户-省份",
    "客户-城市",
    "客户-业务员",
    "每月签约金额",
    "合同状态",
    "签约前10名客户",
    "每月回款",
    "每月交往反馈",
    "投诉",
    "满意度",
    "业务员",
    "未处理投诉",
    "期末应收账龄",
    "审批用时",
];

fn yuan(fen: i64) -> f64 {
    fen as f64 / 100.0
}

struct Book {
    bold: Format,
    money: Format,
    bold_money: Format,
}

impl Book {
    fn head(&self, ws: &mut Worksheet, heads: &[&str]) -> Result<(), XlsxError> {
        for (i, h) in heads.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, *h, &self.bold)?;
            ws.set_column_width(i as u16, if i == 0 { 22 } else { 14 })?;
        }
        Ok(())
    }

    /// A row per tally (key, count, and the amount when `money`), then 合计.
    fn tallies(
        &self,
        ws: &mut Worksheet,
        heads: &[&str],
        rows: &[Tally],
        money: bool,
    ) -> Result<(), XlsxError> {
        self.head(ws, heads)?;
        let sum = total(rows);
        for (r, t) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, super::export::neutralise(&t.key))?;
            ws.write_number(r, 1, t.count as f64)?;
            if money {
                ws.write_number_with_format(r, 2, yuan(t.amount_fen), &self.money)?;
            }
        }
        let r = rows.len() as u32 + 1;
        ws.write_string_with_format(r, 0, "合计", &self.bold)?;
        ws.write_number_with_format(r, 1, sum.count as f64, &self.bold)?;
        if money {
            ws.write_number_with_format(r, 2, yuan(sum.amount_fen), &self.bold_money)?;
        }
        Ok(())
    }
}

/// Writes `s` to `path` (an .xlsx), by way of a temporary file beside it.
pub fn write_summary(path: &Path, s: &Summary) -> Result<(), String> {
    let tmp = super::export::temp_path(path);
    let result = (|| -> Result<(), XlsxError> {
        let mut wb = Workbook::new();
        let b = Book {
            bold: Format::new().set_bold(),
            money: Format::new().set_num_format("¥#,##0.00"),
            bold_money: Format::new().set_bold().set_num_format("¥#,##0.00"),
        };
        let ws = wb.add_worksheet().set_name(SHEETS[0])?;
        b.head(ws, &["项目", "本期", "上期"])?;
        ws.write_string(1, 0, "统计期间")?;
        ws.write_string(1, 1, format!("{} 至 {}", s.period.from, s.period.to))?;
        let before = s.period.before();
        ws.write_string(1, 2, format!("{} 至 {}", before.from, before.to))?;
        ws.write_string(2, 0, "新增客户")?;
        ws.write_number(2, 1, total(&s.new_customers).count as f64)?;
        ws.write_number(2, 2, s.before_new as f64)?;
        ws.write_string(3, 0, "签约合同数")?;
        ws.write_number(3, 1, total(&s.signed_by_month).count as f64)?;
        ws.write_number(3, 2, s.before_signed.count as f64)?;
        ws.write_string(4, 0, "签约金额")?;
        let signed = total(&s.signed_by_month).amount_fen;
        ws.write_number_with_format(4, 1, yuan(signed), &b.money)?;
        ws.write_number_with_format(4, 2, yuan(s.before_signed.amount_fen), &b.money)?;

        let ws = wb.add_worksheet().set_name(SHEETS[1])?;
        b.tallies(ws, &["月份", "新增客户"], &s.new_customers, false)?;
        for (i, (dim, rows)) in s.customers_by.iter().enumerate() {
            let named: Vec<Tally> = rows
                .iter()
                .map(|t| Tally {
                    key: strings::report_value(*dim, &t.key, strings::Lang::Zh),
                    ..t.clone()
                })
                .collect();
            let ws = wb.add_worksheet().set_name(SHEETS[2 + i])?;
            let head = strings::report_dim_in(*dim, strings::Lang::Zh);
            b.tallies(ws, &[head, "客户数"], &named, false)?;
        }
        let ws = wb.add_worksheet().set_name(SHEETS[9])?;
        // The month's total, then a column per salesperson.
        let people = super::report_tables::signers(s);
        let mut heads = vec!["月份", "合同数", "签约金额"];
        heads.extend(people.iter().map(|p| {
            if p.is_empty() {
                "（未填）"
            } else {
                p.as_str()
            }
        }));
        b.tallies(ws, &heads[..3], &s.signed_by_month, true)?;
        for (c, who) in people.iter().enumerate() {
            let col = 3 + c as u16;
            ws.write_string_with_format(0, col, heads[3 + c], &b.bold)?;
            ws.set_column_width(col, 14)?;
            let mut sum = 0;
            for (r, m) in s.signed_by_month.iter().enumerate() {
                let fen = super::report_tables::signed_by(s, &m.key, who);
                sum += fen;
                ws.write_number_with_format(r as u32 + 1, col, yuan(fen), &b.money)?;
            }
            let r = s.signed_by_month.len() as u32 + 1;
            ws.write_number_with_format(r, col, yuan(sum), &b.bold_money)?;
        }
        let ws = wb.add_worksheet().set_name(SHEETS[10])?;
        let statuses: Vec<Tally> = s
            .by_status
            .iter()
            .map(|t| Tally {
                key: ContractStatus::from_code(&t.key)
                    .map(|c| {
                        strings::contract_status(c)
                            .in_lang(strings::Lang::Zh)
                            .to_string()
                    })
                    .unwrap_or_else(|| t.key.clone()),
                ..t.clone()
            })
            .collect();
        b.tallies(ws, &["状态", "合同数", "金额"], &statuses, true)?;
        let ws = wb.add_worksheet().set_name(SHEETS[11])?;
        let top: Vec<Tally> = s.top.iter().map(|(_, t)| t.clone()).collect();
        b.tallies(ws, &["客户名称", "合同数", "签约金额"], &top, true)?;

        let ws = wb.add_worksheet().set_name(SHEETS[12])?;
        b.tallies(ws, &["月份", "笔数", "回款金额"], &s.received, true)?;
        // 月末应收余额 beside each month (a balance: no 合计).
        ws.write_string_with_format(0, 3, "月末应收余额", &b.bold)?;
        ws.set_column_width(3, 14)?;
        for (r, (_, fen)) in s.owed.iter().flat_map(|o| &o.months).enumerate() {
            ws.write_number_with_format(r as u32 + 1, 3, yuan(*fen), &b.money)?;
        }

        let ws = wb.add_worksheet().set_name(SHEETS[13])?;
        use crate::domain::feedback::FeedbackKind;
        let mut heads = vec!["月份"];
        heads.extend(
            FeedbackKind::ALL
                .iter()
                .map(|k| strings::feedback_kind(*k).in_lang(strings::Lang::Zh)),
        );
        heads.push("合计");
        b.head(ws, &heads)?;
        let count = |m: Option<&str>, k: Option<&str>| s.feedback_count(m, k) as f64;
        let period_months = s.period.months();
        let months: Vec<Option<&str>> = period_months
            .iter()
            .map(|m| Some(m.as_str()))
            .chain([None])
            .collect();
        for (r, m) in months.iter().enumerate() {
            let r = r as u32 + 1;
            match m {
                Some(m) => ws.write_string(r, 0, *m)?,
                None => ws.write_string_with_format(r, 0, "合计", &b.bold)?,
            };
            for (c, k) in FeedbackKind::ALL.iter().enumerate() {
                ws.write_number(r, c as u16 + 1, count(*m, Some(k.code())))?;
            }
            ws.write_number(r, FeedbackKind::ALL.len() as u16 + 1, count(*m, None))?;
        }

        let ws = wb.add_worksheet().set_name(SHEETS[14])?;
        let (opened, closed, days) = &s.complaints;
        b.head(ws, &["月份", "新增投诉", "已处理"])?;
        for (r, (o, c)) in opened.iter().zip(closed).enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, &o.key)?;
            ws.write_number(r, 1, o.count as f64)?;
            ws.write_number(r, 2, c.count as f64)?;
        }
        let r = opened.len() as u32 + 1;
        ws.write_string_with_format(r, 0, "合计", &b.bold)?;
        ws.write_number_with_format(r, 1, total(opened).count as f64, &b.bold)?;
        ws.write_number_with_format(r, 2, total(closed).count as f64, &b.bold)?;
        ws.write_string(r + 1, 0, "平均处理天数")?;
        if let Some(d) = days {
            ws.write_number(r + 1, 2, *d)?;
        }

        let ws = wb.add_worksheet().set_name(SHEETS[15])?;
        b.head(ws, &["月份", "平均满意度", "评分数"])?;
        for (r, (m, avg, n)) in s.satisfaction.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, m)?;
            if let Some(a) = avg {
                ws.write_number(r, 1, *a)?;
            }
            ws.write_number(r, 2, *n as f64)?;
        }
        let ws = wb.add_worksheet().set_name(SHEETS[16])?;
        b.head(
            ws,
            &[
                "业务员",
                "新增客户",
                "签约合同数",
                "签约金额",
                "回款金额",
                "拜访次数",
                "未完成跟进",
                "投诉",
            ],
        )?;
        let sum = crate::domain::reports::SalesRow::total(&s.salespeople);
        for (r, p) in s.salespeople.iter().chain([&sum]).enumerate() {
            let r = r as u32 + 1;
            let last = r as usize == s.salespeople.len() + 1;
            let (text, money) = if last {
                (&b.bold, &b.bold_money)
            } else {
                (&Format::new(), &b.money)
            };
            let who = if p.who.is_empty() {
                "（未填）"
            } else {
                p.who.as_str()
            };
            ws.write_string_with_format(r, 0, super::export::neutralise(who), text)?;
            for (c, v) in [p.new_customers, p.contracts].into_iter().enumerate() {
                ws.write_number_with_format(r, 1 + c as u16, v as f64, text)?;
            }
            ws.write_number_with_format(r, 3, yuan(p.signed_fen), money)?;
            ws.write_number_with_format(r, 4, yuan(p.received_fen), money)?;
            for (c, v) in [p.visits, p.open_followups, p.complaints]
                .into_iter()
                .enumerate()
            {
                ws.write_number_with_format(r, 5 + c as u16, v as f64, text)?;
            }
        }
        let ws = wb.add_worksheet().set_name(SHEETS[17])?;
        let ages: Vec<Tally> = crate::domain::reports::COMPLAINT_AGES
            .iter()
            .zip(s.open_complaints)
            .map(|((lo, hi), n)| Tally {
                key: strings::age_bucket_in(*lo, *hi, strings::Lang::Zh),
                count: n,
                amount_fen: 0,
            })
            .collect();
        b.tallies(ws, &["已等天数", "未处理投诉"], &ages, false)?;
        let ws = wb.add_worksheet().set_name(SHEETS[18])?;
        let names = strings::bucket_names_in(strings::Lang::Zh);
        b.head(ws, &["账龄", "应收余额"])?;
        let buckets = s.owed.as_ref().map(|o| o.buckets).unwrap_or_default();
        for (r, (name, fen)) in names.iter().zip(buckets).enumerate() {
            ws.write_string(r as u32 + 1, 0, *name)?;
            ws.write_number_with_format(r as u32 + 1, 1, yuan(fen), &b.money)?;
        }
        let r = names.len() as u32 + 1;
        ws.write_string_with_format(r, 0, "合计", &b.bold)?;
        ws.write_number_with_format(r, 1, yuan(buckets.iter().sum()), &b.bold_money)?;
        ws.write_string(r + 1, 0, "截至")?;
        ws.write_string(
            r + 1,
            1,
            s.owed.as_ref().map_or(s.period.to, |o| o.as_of).to_string(),
        )?;

        // 审批用时: days as numbers; a month without approvals leaves them empty.
        let ws = wb.add_worksheet().set_name(SHEETS[19])?;
        b.head(ws, &["月份", "审批数", "平均用时天数", "最长天数"])?;
        let days = Format::new().set_num_format("0.0");
        let sum = crate::domain::reports::Approvals {
            month: "合计".into(),
            ..crate::domain::reports::Approvals::total(&s.approvals)
        };
        for (r, a) in s.approvals.iter().chain([&sum]).enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, &a.month)?;
            ws.write_number(r, 1, a.count as f64)?;
            if let Some(avg) = a.average() {
                ws.write_number_with_format(r, 2, avg, &days)?;
                ws.write_number_with_format(r, 3, a.longest, &days)?;
            }
        }
        wb.save(&tmp)
    })();
    match result {
        Ok(()) => super::export::finish(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e.to_string())
        }
    }
}
