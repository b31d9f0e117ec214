//! Messages formed from the io layer's own types (read errors, cell problems, import
//! targets and reports, the chosen sheet). They live here, next to those types, so that
//! `strings` — the language and the text table — imports nothing above `domain`.

use crate::strings::*;

/// One column an import leaves out: 「建档日期」未导入（最接近的字段：客户等级）.
pub fn unmapped_column(u: &crate::io::mapping::Unmapped) -> String {
    let header = clip(&u.header, 50);
    match (lang(), &u.nearest) {
        (Lang::Zh, Some(n)) => format!("「{header}」未导入（最接近的字段：{n}）"),
        (Lang::Zh, None) => format!("「{header}」未导入"),
        (Lang::En, Some(n)) => format!("\"{header}\" not imported (nearest field: {n})"),
        (Lang::En, None) => format!("\"{header}\" not imported"),
    }
}

/// Which sheet of a workbook was chosen, and why, when earlier ones were passed over:
/// 「第一张工作表「说明」没有表格，已选「客户名单」（200 行）」.
pub fn sheet_choice(layout: &crate::io::read::Layout) -> Option<String> {
    if layout.skipped_sheets.is_empty() {
        return None;
    }
    let chosen = layout.sheet.clone().unwrap_or_default();
    let rows = layout.sheet_rows;
    let names: Vec<String> = layout
        .skipped_sheets
        .iter()
        .map(|(n, _)| format!("「{n}」"))
        .collect();
    Some(match lang() {
        Lang::Zh if names.len() == 1 => format!(
            "第一张工作表{}没有表格，已选「{chosen}」（{rows} 行）。",
            names[0]
        ),
        Lang::Zh => format!(
            "工作表{}没有表格，已选「{chosen}」（{rows} 行）。",
            names.join("")
        ),
        Lang::En => format!(
            "The sheet(s) {} hold no table; \"{chosen}\" ({rows} rows) was chosen.",
            names.join(", ")
        ),
    })
}

pub fn read_error(e: &crate::io::read::ReadError) -> String {
    use crate::io::read::ReadError as R;
    let zh = lang() == Lang::Zh;
    match e {
        R::Empty => S::ReEmpty.t().into(),
        R::HeaderOnly => S::ReHeaderOnly.t().into(),
        R::NotATable => S::ReNotATable.t().into(),
        R::Open(why) if zh => format!("打不开这个文件：{why}"),
        R::Open(why) => format!("Cannot open the file: {why}"),
        R::Workbook(why) if zh => format!("这个电子表格文件读不了，可能已损坏或不完整（{why}）。"),
        R::Workbook(why) => {
            format!("This spreadsheet cannot be read; it may be damaged or incomplete ({why}).")
        }
        R::SheetHeaderOnly(name) if zh => {
            format!("工作表「{name}」只有表头，没有数据行。请在“工作表”里选另一张。")
        }
        R::SheetHeaderOnly(name) => format!(
            "The sheet \"{name}\" has a header but no rows. Choose another sheet under Sheet."
        ),
        R::SheetEmpty(name) if zh => format!("工作表「{name}」是空的。请在“工作表”里选另一张。"),
        R::SheetEmpty(name) => {
            format!("The sheet \"{name}\" is empty. Choose another sheet under Sheet.")
        }
        R::NoTableInWorkbook if zh => {
            "这个工作簿的工作表里都没有表格（一行表头加上数据行）。".into()
        }
        R::NoTableInWorkbook => {
            "No sheet of this workbook holds a table (a header row with rows under it).".into()
        }
        R::NoSuchSheet(name) if zh => format!("没有名为“{name}”的工作表。"),
        R::NoSuchSheet(name) => format!("There is no sheet named \"{name}\"."),
        R::CellTooLong { line } if zh => format!(
            "第 {line} 行有一个超过 1 MB 的单元格，多半是引号没有配对或文件已损坏。什么都没有导入。"
        ),
        R::CellTooLong { line } => format!(
            "Line {line} has a cell over 1 MB, most likely an unmatched quote or a damaged file. Nothing was imported."
        ),
        R::Broken { line, msg } if zh => format!("第 {line} 行读不了（{msg}）。文件可能不完整。"),
        R::Broken { line, msg } => {
            format!("Line {line} cannot be read ({msg}). The file may be incomplete.")
        }
        R::UnclosedQuote { line } if zh => format!(
            "第 {line} 行的引号（\"）没有配对的结束引号，从那里到文件末尾都会被读成一个格子。什么都没有导入。请在 Excel 或记事本里检查第 {line} 行，补上或去掉这个引号后再导入。"
        ),
        R::UnclosedQuote { line } => format!(
            "The quote (\") on line {line} never closes, so everything from there to the end of the file would be read as one cell. Nothing was imported. Check line {line}, close or remove the quote and import again."
        ),
        R::HeaderPastEnd(n) if zh => format!("文件不到 {n} 行，选的表头行超出了文件末尾。"),
        R::HeaderPastEnd(n) => {
            format!("The file has fewer than {n} rows; the chosen header row is past its end.")
        }
    }
}

pub fn cell_problem(p: &crate::io::cells::CellProblem) -> String {
    use crate::io::cells::CellProblem as P;
    match p {
        P::LostDigits => S::CellLostDigits,
        P::BadDate => S::CellBadDate,
        P::AmbiguousDate => S::CellAmbiguousDate,
        P::BadChoice => S::CellBadChoice,
        P::BadAmount => S::CellBadAmount,
        P::BadDays => S::CellBadDays,
    }
    .t()
    .into()
}

/// An import field's name in the wizard's column choice.
pub fn import_target(t: crate::io::mapping::Target) -> &'static str {
    use crate::io::mapping::Target as T;
    match (t, lang()) {
        (T::Ignore, Lang::Zh) => "（不导入）",
        (T::Ignore, Lang::En) => "(ignore)",
        (T::FamilyName, Lang::Zh) => "姓（合成姓名）",
        (T::GivenName, Lang::Zh) => "名（合成姓名）",
        (T::MiddleName, Lang::Zh) => "中间名（合成姓名）",
        (T::NameSuffix, Lang::Zh) => "后缀（合成姓名）",
        (t, Lang::Zh) => t.header(),
        (T::Customer(f), Lang::En) => f.def().en,
        (T::Contact(f), Lang::En) => f.def().en,
        (t, Lang::En) => match t {
            T::Customer(_) | T::Contact(_) => t.header(),
            T::FamilyName => "Last name (joined into the name)",
            T::GivenName => "First name (joined into the name)",
            T::MiddleName => "Middle name (joined into the name)",
            T::NameSuffix => "Name suffix (joined into the name)",
            T::Ignore => "(ignore)",
        },
    }
}

/// A stored customer column's name, for old → new lists.
pub fn column_label(col: &str) -> String {
    crate::io::mapping::Target::all()
        .iter()
        .copied()
        .find(|t| t.customer_column() == Some(col))
        .map(|t| import_target(t).to_string())
        .unwrap_or_else(|| col.to_string())
}

/// A value given to every row of an import, as the current language says it: 个人 is
/// "Individual" in English (the import reads either), other values as typed.
pub fn fixed_value(t: crate::io::mapping::Target, v: &str) -> String {
    use crate::io::mapping::Target as T;
    let Ok(code) = crate::io::cells::convert(t, v, crate::io::cells::DateOrder::Auto) else {
        return v.to_string();
    };
    match t {
        // A word for the code (individual → 个人); a grade or a text as typed.
        T::Customer(f) if t.is_choice() => {
            let shown = crate::strings::customer_value(f, &code);
            if shown == code { v.to_string() } else { shown }
        }
        _ => v.to_string(),
    }
}

/// 第 7 行「William Smith」并入第 3 行的客户.
pub fn merged_row(m: &crate::io::import::MergedRow) -> String {
    match (lang(), m.skipped) {
        (Lang::Zh, false) => format!(
            "第 {} 行「{}」并入第 {} 行的客户",
            m.line, m.name, m.first_line
        ),
        (Lang::Zh, true) => format!(
            "第 {} 行「{}」与第 {} 行同名，随它跳过",
            m.line, m.name, m.first_line
        ),
        (Lang::En, false) => format!(
            "line {} “{}” joins the customer of line {}",
            m.line, m.name, m.first_line
        ),
        (Lang::En, true) => format!(
            "line {} “{}” has the name of line {} and is skipped with it",
            m.line, m.name, m.first_line
        ),
    }
}

pub fn report_summary(r: &crate::io::import::Report) -> String {
    let renumbered = match (r.renumbered, lang()) {
        (0, _) => String::new(),
        (n, Lang::Zh) => {
            format!("其中 {n} 个新客户的编号已被别的客户（包括回收站里的）占用，将自动编号。")
        }
        (n, Lang::En) => format!(
            " {n} new customers' codes are taken by others (those in the trash included); they get new numbers."
        ),
    };
    if !r.kind.is_empty() {
        return record_report_summary(r);
    }
    let text = match lang() {
        Lang::Zh => format!(
            "共 {} 行：新增 {} 个，更新 {} 个，无变化 {} 个，与已有客户重复 {} 行（跳过 {}），并入同名行 {} 行，有错误 {} 行。",
            r.rows, r.new, r.updates, r.unchanged, r.duplicates, r.skipped, r.merged, r.error_rows
        ),
        Lang::En => format!(
            "{} rows: {} new, {} updates, {} unchanged, {} match existing customers ({} skipped), {} merged into rows above, {} with errors.",
            r.rows, r.new, r.updates, r.unchanged, r.duplicates, r.skipped, r.merged, r.error_rows
        ),
    };
    text + &renumbered
}

/// The dry-run summary of a feedback, contract, competitor or news import.
fn record_report_summary(r: &crate::io::import::Report) -> String {
    let paid = match (r.paid, lang()) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!("{n} 份合同的已回款将作为一笔回款记入。"),
        (n, Lang::En) => format!(" {n} contracts' received amounts come in as a payment each."),
    };
    let paid_left = match (r.paid_left, lang()) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!(
            "{n} 行的已回款不会导入：合同还不能记回款（须先审批生效），审批后请在合同中登记回款。"
        ),
        (n, Lang::En) => format!(
            " {n} rows' received amounts do not come in: the contract cannot take payments until it is approved; record them on the contract afterwards."
        ),
    };
    let drafts = match (r.as_draft, lang()) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!(
            "其中 {n} 份合同将按草稿导入（文件中的状态只有业务主管或管理员导入时保留），导入后请提交审批。"
        ),
        (n, Lang::En) => format!(
            " {n} contracts come in as drafts (only a supervisor's or administrator's import keeps the file's status); submit them for approval afterwards."
        ),
    };
    let text = match lang() {
        Lang::Zh => format!(
            "共 {} 行：新增 {} 条，更新 {} 条，无变化 {} 条，与已有记录重复 {} 行（跳过 {}），有错误 {} 行。",
            r.rows, r.new, r.updates, r.unchanged, r.duplicates, r.skipped, r.error_rows
        ),
        Lang::En => format!(
            "{} rows: {} new, {} updates, {} unchanged, {} match existing records ({} skipped), {} with errors.",
            r.rows, r.new, r.updates, r.unchanged, r.duplicates, r.skipped, r.error_rows
        ),
    };
    text + &drafts + &paid + &paid_left
}
