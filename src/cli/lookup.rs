//! Finding what a command line names: a customer, a contract, columns, a grade.

use super::cli_error;
use crate::store::Store;

/// A customer by exact name or code.
pub(super) fn find_customer(store: &Store, who: &str) -> Result<i64, String> {
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
pub(super) fn find_contract(store: &Store, no: &str) -> Result<i64, String> {
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
pub(super) fn parse_columns(list: &str) -> Result<Vec<crate::io::mapping::Target>, String> {
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

pub(super) fn parse_grade(g: &str) -> Result<crate::domain::Grade, String> {
    crate::domain::Grade::from_code(&g.to_ascii_uppercase())
        .ok_or(format!("不认识的等级“{g}”：可用 A、B、C、D"))
}

/// A date as the command line takes it (2026-12-01, 2026/12/1 …); None is today.
pub(super) fn day_or_today(s: Option<&str>) -> Result<chrono::NaiveDate, String> {
    match s {
        None => Ok(crate::store::today()),
        Some(s) => crate::domain::validate::parse_date(s)
            .ok_or(format!("看不懂日期“{s}”：请写成 2026-12-01 这样")),
    }
}
