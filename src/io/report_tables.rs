//! 统计报表's tables as text, one copy for the tab and the printed 月度经营报表: the
//! columns' names and the rows in the window's language, money as ¥ with separators,
//! each table that adds up ending with its 合计 row.

use crate::domain::contract::ContractStatus;
use crate::domain::feedback::FeedbackKind;
use crate::domain::money::format_fen;
use crate::domain::reports::{Approvals, CustomerDim, SalesRow, Tally, total};
use crate::store::reports::Summary;
use crate::strings::{self, S};

/// A table: its columns' names and its rows; `total` when the last row is 合计.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub heads: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total: bool,
}

fn heads(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

/// A row per key with its count (and amount), then 合计.
pub fn tallies(head: &str, rows: &[Tally], money: bool) -> Table {
    let sum = Tally {
        key: S::TotalRow.t().to_string(),
        ..total(rows)
    };
    let rows = rows
        .iter()
        .chain([&sum])
        .map(|t| {
            let mut row = vec![t.key.clone(), t.count.to_string()];
            if money {
                row.push(format_fen(t.amount_fen));
            }
            row
        })
        .collect();
    let all = [head, S::HeadCount.t(), S::HeadAmount.t()];
    Table {
        heads: heads(&all[..if money { 3 } else { 2 }]),
        rows,
        total: true,
    }
}

/// A distribution's tallies with their values named (a category by its name, an empty
/// field as （未填）).
pub fn named(dim: CustomerDim, rows: &[Tally]) -> Vec<Tally> {
    rows.iter()
        .map(|t| Tally {
            key: strings::report_value(dim, &t.key, strings::lang()),
            ..t.clone()
        })
        .collect()
}

/// The contracts by status, each status by its name.
pub fn statuses(s: &Summary) -> Vec<Tally> {
    s.by_status
        .iter()
        .map(|t| Tally {
            key: ContractStatus::from_code(&t.key)
                .map(|c| strings::contract_status(c).t().to_string())
                .unwrap_or_else(|| t.key.clone()),
            ..t.clone()
        })
        .collect()
}

/// The salespeople who signed in the period, by name (no one: an empty name).
pub fn signers(s: &Summary) -> Vec<String> {
    let mut people: Vec<String> = s.signed.iter().map(|(_, t)| t.key.clone()).collect();
    people.sort();
    people.dedup();
    people
}

/// What `who` signed in `month`, in fen.
pub fn signed_by(s: &Summary, month: &str, who: &str) -> i64 {
    s.signed
        .iter()
        .filter(|(m, t)| m == month && t.key == who)
        .map(|(_, t)| t.amount_fen)
        .sum()
}

/// 签约金额 and 回款金额 month by month, then 合计; with 月末应收余额 once worked out (a
/// balance: its 合计 cell is left empty, balances do not add up).
pub fn received(s: &Summary) -> Table {
    let owed = s.owed.as_ref().map(|o| &o.months);
    let rows = s
        .received
        .iter()
        .zip(&s.signed_by_month)
        .enumerate()
        .map(|(i, (r, k))| {
            let mut row = vec![
                r.key.clone(),
                format_fen(k.amount_fen),
                format_fen(r.amount_fen),
            ];
            if let Some(o) = owed {
                row.push(o.get(i).map(|m| format_fen(m.1)).unwrap_or_default());
            }
            row
        })
        .chain([{
            let mut row = vec![
                S::TotalRow.t().to_string(),
                format_fen(total(&s.signed_by_month).amount_fen),
                format_fen(total(&s.received).amount_fen),
            ];
            if owed.is_some() {
                row.push(String::new());
            }
            row
        }])
        .collect();
    let mut h = vec![
        S::HeadMonth.t(),
        S::ReportSignedTotal.t(),
        S::ReportReceivedTotal.t(),
    ];
    if owed.is_some() {
        h.push(S::ReportOwedMonthEnd.t());
    }
    Table {
        heads: heads(&h),
        rows,
        total: true,
    }
}

/// 审批用时: per month the approvals, their average and longest wait in days, then 合计
/// (every approval of the period, the longest of all).
pub fn approvals(s: &Summary) -> Table {
    let days = |d: Option<f64>| d.map(|d| format!("{d:.1}")).unwrap_or_else(|| "—".into());
    let sum = Approvals {
        month: S::TotalRow.t().to_string(),
        ..Approvals::total(&s.approvals)
    };
    let rows = s
        .approvals
        .iter()
        .chain([&sum])
        .map(|a| {
            vec![
                a.month.clone(),
                a.count.to_string(),
                days(a.average()),
                days((a.count > 0).then_some(a.longest)),
            ]
        })
        .collect();
    Table {
        heads: heads(&[
            S::HeadMonth.t(),
            S::HeadApprovals.t(),
            S::HeadAvgDays.t(),
            S::HeadLongestDays.t(),
        ]),
        rows,
        total: true,
    }
}

/// 期末应收账龄: what is owed at the period's end by age, each bucket's share, then 合计;
/// None until worked out.
pub fn ageing(s: &Summary) -> Option<Table> {
    let o = s.owed.as_ref()?;
    let all: i64 = o.buckets.iter().sum();
    let share = |fen: i64| {
        if all > 0 {
            format!("{:.1}%", fen as f64 * 100.0 / all as f64)
        } else {
            "—".to_string()
        }
    };
    let rows = strings::bucket_names()
        .iter()
        .zip(o.buckets)
        .map(|(name, fen)| vec![name.to_string(), format_fen(fen), share(fen)])
        .chain([vec![
            S::TotalRow.t().to_string(),
            format_fen(all),
            share(all),
        ]])
        .collect();
    Some(Table {
        heads: heads(&[S::ReportAgeing.t(), S::CreditOwed.t(), S::ReportShare.t()]),
        rows,
        total: true,
    })
}

/// 交往反馈 per month, a column per kind and the month's 合计, then the period's 合计.
pub fn feedback_kinds(s: &Summary) -> Table {
    let mut h = vec![S::HeadMonth.t()];
    h.extend(
        FeedbackKind::ALL
            .iter()
            .map(|k| strings::feedback_kind(*k).t()),
    );
    h.push(S::TotalRow.t());
    let months = s.period.months();
    let rows = months
        .iter()
        .map(|m| Some(m.as_str()))
        .chain([None])
        .map(|m| {
            let mut row = vec![m.map_or(S::TotalRow.t().to_string(), str::to_string)];
            row.extend(
                FeedbackKind::ALL
                    .iter()
                    .map(|k| s.feedback_count(m, Some(k.code())).to_string()),
            );
            row.push(s.feedback_count(m, None).to_string());
            row
        })
        .collect();
    Table {
        heads: heads(&h),
        rows,
        total: true,
    }
}

/// 投诉 opened and closed per month, then 合计.
pub fn complaints(s: &Summary) -> Table {
    let (opened, closed, _) = &s.complaints;
    let rows = opened
        .iter()
        .zip(closed)
        .map(|(o, c)| vec![o.key.clone(), o.count.to_string(), c.count.to_string()])
        .chain([vec![
            S::TotalRow.t().to_string(),
            total(opened).count.to_string(),
            total(closed).count.to_string(),
        ]])
        .collect();
    Table {
        heads: heads(&[
            S::HeadMonth.t(),
            S::ReportComplaintsOpened.t(),
            S::ReportComplaintsClosed.t(),
        ]),
        rows,
        total: true,
    }
}

/// The average satisfaction score per month (— when no one gave one) and the scores
/// given.
pub fn satisfaction(s: &Summary) -> Table {
    let rows = s
        .satisfaction
        .iter()
        .map(|(m, avg, n)| {
            vec![
                m.clone(),
                avg.map_or("—".to_string(), |a| format!("{a:.2}")),
                n.to_string(),
            ]
        })
        .collect();
    Table {
        heads: heads(&[
            S::HeadMonth.t(),
            S::ReportSatisfactionAvg.t(),
            S::ReportScores.t(),
        ]),
        rows,
        total: false,
    }
}

/// The ten largest customers: name, contracts, amount.
pub fn top(s: &Summary) -> Table {
    Table {
        heads: heads(&[
            S::HeadCustomer.t(),
            S::HeadContractCount.t(),
            S::HeadAmount.t(),
        ]),
        rows: s
            .top
            .iter()
            .map(|(_, t)| vec![t.key.clone(), t.count.to_string(), format_fen(t.amount_fen)])
            .collect(),
        total: false,
    }
}

/// The period against the one before: 新增客户, 签约合同数, 签约金额.
pub fn overview(s: &Summary) -> Table {
    let signed = total(&s.signed_by_month);
    let before = s.period.before();
    Table {
        heads: heads(&[S::ReportItem.t(), S::ReportNow.t(), S::ReportBefore.t()]),
        rows: vec![
            vec![
                S::ReportPeriod.t().to_string(),
                strings::date_range(&s.period.from.to_string(), &s.period.to.to_string()),
                strings::date_range(&before.from.to_string(), &before.to.to_string()),
            ],
            vec![
                S::ReportNewTotal.t().to_string(),
                total(&s.new_customers).count.to_string(),
                s.before_new.to_string(),
            ],
            vec![
                S::HeadContractCount.t().to_string(),
                signed.count.to_string(),
                s.before_signed.count.to_string(),
            ],
            vec![
                S::ReportSignedTotal.t().to_string(),
                format_fen(signed.amount_fen),
                format_fen(s.before_signed.amount_fen),
            ],
        ],
        total: false,
    }
}

/// 业务员: a row per salesperson (in the order given), then 合计.
pub fn salespeople(rows: &[SalesRow]) -> Table {
    let sum = SalesRow::total(rows);
    let line = |r: &SalesRow, who: String| {
        vec![
            who,
            r.new_customers.to_string(),
            r.contracts.to_string(),
            format_fen(r.signed_fen),
            format_fen(r.received_fen),
            r.visits.to_string(),
            r.open_followups.to_string(),
            r.complaints.to_string(),
        ]
    };
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let who = if r.who.is_empty() {
                S::NoGroup.t().to_string()
            } else {
                r.who.clone()
            };
            line(r, who)
        })
        .collect();
    out.push(line(&sum, S::TotalRow.t().to_string()));
    Table {
        heads: SALES_HEADS.iter().map(|h| h.t().to_string()).collect(),
        rows: out,
        total: true,
    }
}

/// The 业务员 table's columns' names.
pub const SALES_HEADS: [S; 8] = [
    S::HeadSalesperson,
    S::ReportNewTotal,
    S::HeadContractCount,
    S::ReportSignedTotal,
    S::ReportReceivedTotal,
    S::ReportVisits,
    S::ReportOpenFollowups,
    S::ReportComplaints,
];

/// The complaints open at the period's end by age, then 合计.
pub fn open_complaints(s: &Summary) -> Table {
    let rows: Vec<Tally> = crate::domain::reports::COMPLAINT_AGES
        .iter()
        .zip(s.open_complaints)
        .map(|((lo, hi), n)| Tally {
            key: strings::age_bucket(*lo, *hi),
            count: n,
            amount_fen: 0,
        })
        .collect();
    tallies(S::ReportAge.t(), &rows, false)
}
