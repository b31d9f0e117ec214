//! `kehu today [--as-of YYYY-MM-DD] [--user NAME] [--format text|csv]`: 工作台 on the
//! command line.

use crate::store::Store;

/// `kehu today`: the work list as of a day, printed as text or CSV.
pub(super) fn today(store: &Store, as_of: Option<&str>, format: &str) -> Result<(), String> {
    use crate::io::reports::{TODAY_HEADERS, today_rows, today_text};
    let csv = match format {
        "text" => false,
        "csv" => true,
        other => return Err(format!("--format 只能是 text 或 csv，不认识「{other}」")),
    };
    let day = super::lookup::day_or_today(as_of)?;
    let settings = store.work_settings().map_err(super::cli_error)?;
    let lines = store.work_list(day, &settings).map_err(super::cli_error)?;
    // A reader that stops early (`kehu today | head`) is not an error.
    let said = |r: std::io::Result<()>| match r {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("无法输出：{e}")),
        _ => Ok(()),
    };
    if !csv {
        use std::io::Write;
        return said(
            std::io::stdout()
                .lock()
                .write_all(today_text(&lines).as_bytes()),
        );
    }
    let mut w = ::csv::Writer::from_writer(std::io::stdout().lock());
    let mut rows = vec![TODAY_HEADERS.map(String::from).to_vec()];
    rows.extend(today_rows(&lines));
    said(
        rows.iter()
            .try_for_each(|row| w.write_record(row))
            .map_err(std::io::Error::from)
            .and_then(|()| w.flush()),
    )
}
