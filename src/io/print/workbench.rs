//! 今日工作清单 on paper: the day's work list, one salesperson after another, each
//! starting on a new page with their name in the title (so each can be handed their
//! own sheets), the lines in the sections' order.

use super::layout::{self, ListDoc, ListWords, Measure, Page, PageSetup};
use crate::domain::workbench::WorkLine;
use crate::strings::{self, S};

/// The columns printed (负责人 is the page's title; the days are said in words).
pub const PRINT_HEADERS: [&str; 6] = ["分区", "日期", "客户名称", "事项", "说明", "金额"];

/// The pages of the list as of `as_of` (shown as the print date), `title` with each
/// salesperson's name on their pages: a group of pages per salesperson in name order, lines for no one (holidays, a customer without a
/// salesperson) last.
pub fn today_pages(
    firm: &str,
    title: &str,
    as_of: &str,
    lines: &[WorkLine],
    setup: &PageSetup,
    m: &dyn Measure,
) -> Vec<Page> {
    let mut owners: Vec<&str> = lines.iter().map(|l| l.owner.trim()).collect();
    owners.sort_unstable_by_key(|o| (o.is_empty(), *o));
    owners.dedup();
    if owners.is_empty() {
        owners.push("");
    }
    let mut pages = Vec::new();
    for owner in owners {
        let mine: Vec<WorkLine> = lines
            .iter()
            .filter(|l| l.owner.trim() == owner)
            .cloned()
            .collect();
        let rows = crate::io::reports::today_rows(&mine).into_iter().map(|r| {
            let [section, customer, what, date, _, _, money, words] =
                <[String; 8]>::try_from(r).expect("eight columns");
            vec![
                section,
                strings::show_date(&date),
                customer,
                what,
                words,
                money,
            ]
        });
        let who = if owner.is_empty() {
            S::WorkNoOwner.t()
        } else {
            owner
        };
        let doc = ListDoc {
            firm: firm.to_string(),
            title: format!("{title} — {who}"),
            filter: String::new(),
            printed_on: as_of.to_string(),
            headers: PRINT_HEADERS.iter().map(|h| h.to_string()).collect(),
            weights: vec![1.0, 1.1, 2.6, 2.6, 1.0, 1.1],
            zebra: true,
            fit_width: false,
            words: ListWords {
                printed: S::AsOf.t().into(),
                filter: S::PrintFilter.t().into(),
                total: S::PrintTotal.t().into(),
                page_of: S::PrintPageOf.t().into(),
            },
        };
        pages.extend(layout::layout_list(&doc, rows, setup, m));
    }
    pages
}
