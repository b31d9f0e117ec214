//! 统计报表 as an XLSX workbook (`kehu report summary`, and the tab's 导出…) or as a
//! folder of CSV files, one per table (the tab's 导出… with a .csv name): a sheet per
//! table — the period and the comparison first — each that adds up ending with its 合计
//! row; counts and amounts are numbers (amounts in yuan, formatted ¥#,##0.00 in the
//! workbook, 1234.50 in a CSV), not text.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

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

/// A cell of a report's sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(i64),
    /// Money in fen, written in yuan.
    Money(i64),
    /// Days, one decimal shown.
    Days(f64),
    /// A plain number (an average score).
    Number(f64),
    Empty,
}

/// A sheet: its name (one of [`SHEETS`]), its columns' names and its rows; a row whose
/// first cell is 合计 is the total (bold in the workbook).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: &'static str,
    pub heads: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A row per tally (key, count, and the amount when `money`), then 合计.
fn tallies(name: &'static str, heads: &[&str], rows: &[Tally], money: bool) -> Sheet {
    let sum = Tally {
        key: "合计".into(),
        ..total(rows)
    };
    let rows = rows
        .iter()
        .chain([&sum])
        .map(|t| {
            let mut row = vec![text(t.key.clone()), Cell::Count(t.count)];
            if money {
                row.push(Cell::Money(t.amount_fen));
            }
            row
        })
        .collect();
    Sheet {
        name,
        heads: names(heads),
        rows,
    }
}

fn names(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

fn who(p: &str) -> &str {
    if p.is_empty() { "（未填）" } else { p }
}

/// Every sheet of the report, in [`SHEETS`] order.
pub fn sheets(s: &Summary) -> Vec<Sheet> {
    let mut out = Vec::with_capacity(SHEETS.len());
    let before = s.period.before();
    let signed = total(&s.signed_by_month);
    out.push(Sheet {
        name: SHEETS[0],
        heads: names(&["项目", "本期", "上期"]),
        rows: vec![
            vec![
                text("统计期间"),
                text(format!("{} 至 {}", s.period.from, s.period.to)),
                text(format!("{} 至 {}", before.from, before.to)),
            ],
            vec![
                text("新增客户"),
                Cell::Count(total(&s.new_customers).count),
                Cell::Count(s.before_new),
            ],
            vec![
                text("签约合同数"),
                Cell::Count(signed.count),
                Cell::Count(s.before_signed.count),
            ],
            vec![
                text("签约金额"),
                Cell::Money(signed.amount_fen),
                Cell::Money(s.before_signed.amount_fen),
            ],
        ],
    });
    out.push(tallies(
        SHEETS[1],
        &["月份", "新增客户"],
        &s.new_customers,
        false,
    ));
    for (i, (dim, rows)) in s.customers_by.iter().enumerate() {
        let named: Vec<Tally> = rows
            .iter()
            .map(|t| Tally {
                key: strings::report_value(*dim, &t.key, strings::Lang::Zh),
                ..t.clone()
            })
            .collect();
        let head = strings::report_dim_in(*dim, strings::Lang::Zh);
        out.push(tallies(SHEETS[2 + i], &[head, "客户数"], &named, false));
    }
    // The month's total, then a column per salesperson.
    let people = super::report_tables::signers(s);
    let mut sheet = tallies(
        SHEETS[9],
        &["月份", "合同数", "签约金额"],
        &s.signed_by_month,
        true,
    );
    sheet
        .heads
        .extend(people.iter().map(|p| who(p).to_string()));
    for p in &people {
        let mut sum = 0;
        for (r, m) in s.signed_by_month.iter().enumerate() {
            let fen = super::report_tables::signed_by(s, &m.key, p);
            sum += fen;
            sheet.rows[r].push(Cell::Money(fen));
        }
        if let Some(last) = sheet.rows.last_mut() {
            last.push(Cell::Money(sum));
        }
    }
    out.push(sheet);
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
    out.push(tallies(
        SHEETS[10],
        &["状态", "合同数", "金额"],
        &statuses,
        true,
    ));
    let top: Vec<Tally> = s.top.iter().map(|(_, t)| t.clone()).collect();
    out.push(tallies(
        SHEETS[11],
        &["客户名称", "合同数", "签约金额"],
        &top,
        true,
    ));

    // 每月回款, with 月末应收余额 beside each month (a balance: no 合计).
    let mut sheet = tallies(
        SHEETS[12],
        &["月份", "笔数", "回款金额", "月末应收余额"],
        &s.received,
        true,
    );
    for (r, row) in sheet.rows.iter_mut().enumerate() {
        let owed = s.owed.as_ref().and_then(|o| o.months.get(r));
        row.push(owed.map_or(Cell::Empty, |m| Cell::Money(m.1)));
    }
    out.push(sheet);

    use crate::domain::feedback::FeedbackKind;
    let mut heads = vec!["月份".to_string()];
    heads.extend(FeedbackKind::ALL.iter().map(|k| {
        strings::feedback_kind(*k)
            .in_lang(strings::Lang::Zh)
            .to_string()
    }));
    heads.push("合计".into());
    let count = |m: Option<&str>, k: Option<&str>| Cell::Count(s.feedback_count(m, k));
    let months = s.period.months();
    let rows = months
        .iter()
        .map(|m| Some(m.as_str()))
        .chain([None])
        .map(|m| {
            let mut row = vec![text(m.unwrap_or("合计"))];
            row.extend(FeedbackKind::ALL.iter().map(|k| count(m, Some(k.code()))));
            row.push(count(m, None));
            row
        })
        .collect();
    out.push(Sheet {
        name: SHEETS[13],
        heads,
        rows,
    });

    let (opened, closed, days) = &s.complaints;
    let mut rows: Vec<Vec<Cell>> = opened
        .iter()
        .zip(closed)
        .map(|(o, c)| {
            vec![
                text(o.key.clone()),
                Cell::Count(o.count),
                Cell::Count(c.count),
            ]
        })
        .collect();
    rows.push(vec![
        text("合计"),
        Cell::Count(total(opened).count),
        Cell::Count(total(closed).count),
    ]);
    rows.push(vec![
        text("平均处理天数"),
        Cell::Empty,
        days.map_or(Cell::Empty, Cell::Number),
    ]);
    out.push(Sheet {
        name: SHEETS[14],
        heads: names(&["月份", "新增投诉", "已处理"]),
        rows,
    });
    out.push(Sheet {
        name: SHEETS[15],
        heads: names(&["月份", "平均满意度", "评分数"]),
        rows: s
            .satisfaction
            .iter()
            .map(|(m, avg, n)| {
                vec![
                    text(m.clone()),
                    avg.map_or(Cell::Empty, Cell::Number),
                    Cell::Count(*n),
                ]
            })
            .collect(),
    });
    let sum = crate::domain::reports::SalesRow {
        who: "合计".into(),
        ..crate::domain::reports::SalesRow::total(&s.salespeople)
    };
    out.push(Sheet {
        name: SHEETS[16],
        heads: names(&[
            "业务员",
            "新增客户",
            "签约合同数",
            "签约金额",
            "回款金额",
            "拜访次数",
            "未完成跟进",
            "投诉",
        ]),
        rows: s
            .salespeople
            .iter()
            .chain([&sum])
            .map(|p| {
                vec![
                    text(who(&p.who)),
                    Cell::Count(p.new_customers),
                    Cell::Count(p.contracts),
                    Cell::Money(p.signed_fen),
                    Cell::Money(p.received_fen),
                    Cell::Count(p.visits),
                    Cell::Count(p.open_followups),
                    Cell::Count(p.complaints),
                ]
            })
            .collect(),
    });
    let ages: Vec<Tally> = crate::domain::reports::COMPLAINT_AGES
        .iter()
        .zip(s.open_complaints)
        .map(|((lo, hi), n)| Tally {
            key: strings::age_bucket_in(*lo, *hi, strings::Lang::Zh),
            count: n,
            amount_fen: 0,
        })
        .collect();
    out.push(tallies(
        SHEETS[17],
        &["已等天数", "未处理投诉"],
        &ages,
        false,
    ));

    let buckets = s.owed.as_ref().map(|o| o.buckets).unwrap_or_default();
    let mut rows: Vec<Vec<Cell>> = strings::bucket_names_in(strings::Lang::Zh)
        .iter()
        .zip(buckets)
        .map(|(name, fen)| vec![text(*name), Cell::Money(fen)])
        .collect();
    rows.push(vec![text("合计"), Cell::Money(buckets.iter().sum())]);
    let as_of = s.owed.as_ref().map_or(s.period.to, |o| o.as_of);
    rows.push(vec![text("截至"), text(as_of.to_string())]);
    out.push(Sheet {
        name: SHEETS[18],
        heads: names(&["账龄", "应收余额"]),
        rows,
    });

    // 审批用时: days as numbers; a month without approvals leaves them empty.
    let sum = crate::domain::reports::Approvals {
        month: "合计".into(),
        ..crate::domain::reports::Approvals::total(&s.approvals)
    };
    out.push(Sheet {
        name: SHEETS[19],
        heads: names(&["月份", "审批数", "平均用时天数", "最长天数"]),
        rows: s
            .approvals
            .iter()
            .chain([&sum])
            .map(|a| match a.average() {
                Some(avg) => vec![
                    text(a.month.clone()),
                    Cell::Count(a.count),
                    Cell::Days(avg),
                    Cell::Days(a.longest),
                ],
                None => vec![text(a.month.clone()), Cell::Count(a.count)],
            })
            .collect(),
    });
    out
}

/// Writes `s` to `path` (an .xlsx), by way of a temporary file beside it.
pub fn write_summary(path: &Path, s: &Summary) -> Result<(), String> {
    let tmp = super::export::temp_path(path);
    let result = (|| -> Result<(), XlsxError> {
        let mut wb = Workbook::new();
        let plain = [
            Format::new(),
            Format::new().set_num_format("¥#,##0.00"),
            Format::new().set_num_format("0.0"),
        ];
        let bold = plain.clone().map(|f| f.set_bold());
        for sheet in sheets(s) {
            let ws = wb.add_worksheet().set_name(sheet.name)?;
            for (i, h) in sheet.heads.iter().enumerate() {
                ws.write_string_with_format(0, i as u16, h, &bold[0])?;
                ws.set_column_width(i as u16, if i == 0 { 22 } else { 14 })?;
            }
            for (r, row) in sheet.rows.iter().enumerate() {
                let f = if row.first() == Some(&Cell::Text("合计".into())) {
                    &bold
                } else {
                    &plain
                };
                let r = r as u32 + 1;
                for (c, cell) in row.iter().enumerate() {
                    let c = c as u16;
                    match cell {
                        Cell::Text(t) => {
                            ws.write_string_with_format(r, c, super::export::neutralise(t), &f[0])?
                        }
                        Cell::Count(n) => ws.write_number_with_format(r, c, *n as f64, &f[0])?,
                        Cell::Money(fen) => ws.write_number_with_format(r, c, yuan(*fen), &f[1])?,
                        Cell::Days(d) => ws.write_number_with_format(r, c, *d, &f[2])?,
                        Cell::Number(x) => ws.write_number_with_format(r, c, *x, &f[0])?,
                        Cell::Empty => ws,
                    };
                }
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

/// A cell as a CSV file holds it: numbers plain (yuan with two decimals, days with
/// one), so a spreadsheet reads them as numbers.
fn csv_cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Money(fen) => crate::domain::money::fen_to_plain(*fen),
        Cell::Days(d) => format!("{d:.1}"),
        Cell::Number(x) => format!("{x:.2}"),
        Cell::Empty => String::new(),
    }
}

/// Writes `s` as a folder `dir` of CSV files in `encoding`, one per sheet, named by
/// the sheets' names (概要.csv, 每月新增客户.csv …); returns how many were written.
pub fn write_csv_folder(
    dir: &Path,
    s: &Summary,
    encoding: super::export::CsvEncoding,
) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let all = sheets(s);
    for sheet in &all {
        super::export::write_csv_rows(
            &dir.join(format!("{}.csv", sheet.name)),
            &sheet.heads,
            sheet.rows.iter().map(|r| r.iter().map(csv_cell).collect()),
            encoding,
        )?;
    }
    Ok(all.len())
}
