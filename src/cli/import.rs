//! `kehu import` for customers and the other record kinds.

use super::*;

pub(super) struct ImportArgs {
    pub(super) file: PathBuf,
    pub(super) kind: String,
    pub(super) mapping: Option<String>,
    pub(super) save_mapping: Option<String>,
    pub(super) dry_run: bool,
    pub(super) duplicates: String,
    pub(super) date_order: Option<String>,
    pub(super) encoding: Option<String>,
    pub(super) header_row: Option<usize>,
    pub(super) sheet: Option<String>,
    pub(super) errors_out: Option<PathBuf>,
}

pub(super) fn run_import(store: &mut Store, a: ImportArgs) -> Result<(), String> {
    use crate::io::import::ImportSpec;
    use crate::io::mapping::{Mapping, auto_map};
    let record_kind = match a.kind.as_str() {
        "customers" => None,
        k => Some(crate::io::records::RecordKind::from_key(k).ok_or(format!(
            "不认识的种类“{k}”：可用 customers、feedback、contracts、competitors 或 news"
        ))?),
    };
    let mut read = crate::io::read::ReadOptions {
        header_row: a.header_row.map(|n| n.saturating_sub(1)),
        sheet: a.sheet.clone(),
        ..Default::default()
    };
    if let Some(e) = &a.encoding {
        let enc =
            encoding_rs::Encoding::for_label(e.as_bytes()).ok_or(format!("不认识的编码“{e}”"))?;
        read.encoding = Some(enc);
    }
    let table =
        crate::io::read::open(&a.file, &read).map_err(|e| crate::io::text::read_error(&e))?;
    let key = Mapping::headers_key(&table.headers);
    if let Some(kind) = record_kind {
        return run_record_import(store, a, kind, read, table, key);
    }
    let mapping = match &a.mapping {
        Some(name) => {
            let (_, json) = store
                .mapping(name)
                .map_err(cli_error)?
                .ok_or(format!("没有名为“{name}”的列对应"))?;
            serde_json::from_str(&json).map_err(|e| e.to_string())?
        }
        None => match store.mapping_for_headers(&key).map_err(cli_error)? {
            Some((name, json)) => {
                println!("使用保存的列对应“{name}”");
                serde_json::from_str(&json).map_err(|e| e.to_string())?
            }
            None => auto_map(&table.headers),
        },
    };
    let mapping: Mapping = mapping;
    if mapping.columns.len() != table.headers.len() {
        return Err("保存的列对应与文件的列数不一致".into());
    }
    println!("{}", read_summary(&a.file, &table));
    for (h, t) in table.headers.iter().zip(&mapping.columns) {
        if *t != crate::io::mapping::Target::Ignore {
            println!("  {h} → {}", crate::io::text::import_target(*t));
        }
    }
    drop(table);
    let spec = ImportSpec {
        path: a.file.clone(),
        read,
        mapping: mapping.clone(),
        date_order: date_order_arg(a.date_order.as_deref())?,
        duplicates: duplicates_arg(&a.duplicates)?,
        row_choices: Default::default(),
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report =
        crate::io::import::dry_run(store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
    print!("{}", crate::io::import::report_text(&report));
    if let Some(out) = &a.errors_out
        && report.error_rows > 0
    {
        crate::io::import::write_error_rows(&report, out).map_err(|e| e.message())?;
        println!("有错误的行已保存到 {}", out.display());
    }
    if let Some(name) = &a.save_mapping {
        let json = serde_json::to_string(&mapping).map_err(|e| e.to_string())?;
        store.save_mapping(name, &key, &json).map_err(cli_error)?;
        println!("列对应已保存为“{name}”");
    }
    if a.dry_run {
        println!("（试运行，没有写入任何数据）");
        return Ok(());
    }
    if report.new + report.updates + report.merged == 0 {
        println!("没有要写入的行，什么都没有导入。");
        return Ok(());
    }
    let (rec, _) =
        crate::io::import::commit(store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
    println!(
        "已导入（第 {} 次导入）：新增 {} 个客户，更新 {} 个。撤销请运行 kehu undo-import {}",
        rec.id, rec.created, rec.updated, rec.id
    );
    Ok(())
}

/// `kehu import --kind feedback|contracts|competitors|news`: the same steps as for
/// customers, with that kind's fields.
pub(super) fn run_record_import(
    store: &mut Store,
    a: ImportArgs,
    kind: crate::io::records::RecordKind,
    read: crate::io::read::ReadOptions,
    table: crate::io::read::Table,
    key: String,
) -> Result<(), String> {
    use crate::io::records::{
        RecordMapping, RecordSpec, auto_map_records, commit_records, dry_run_records,
    };
    let saved = match &a.mapping {
        Some(name) => Some(
            store
                .mapping(name)
                .map_err(cli_error)?
                .ok_or(format!("没有名为“{name}”的列对应"))?
                .1,
        ),
        None => store
            .mapping_for_headers(&key)
            .map_err(cli_error)?
            .map(|(_, j)| j),
    };
    let mapping = saved
        .and_then(|json| serde_json::from_str::<RecordMapping>(&json).ok())
        .filter(|m| m.kind == kind.key() && m.columns.len() == table.headers.len());
    if a.mapping.is_some() && mapping.is_none() {
        return Err(format!(
            "保存的列对应不适用于这个文件（种类或列数不同）：{}",
            kind.label().in_lang(crate::strings::Lang::Zh)
        ));
    }
    let mapping = mapping.unwrap_or_else(|| auto_map_records(kind, &table.headers));
    println!("{}", read_summary(&a.file, &table));
    for (h, k) in table.headers.iter().zip(&mapping.columns) {
        if let Some(f) = k.as_deref().and_then(|k| kind.field(k)) {
            println!("  {h} → {}", f.label());
        }
    }
    drop(table);
    let mut spec = RecordSpec::new(kind, a.file.clone(), mapping.clone());
    spec.read = read;
    spec.date_order = date_order_arg(a.date_order.as_deref())?;
    spec.duplicates = duplicates_arg(&a.duplicates)?;
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report = dry_run_records(store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
    print!("{}", crate::io::import::report_text(&report));
    if let Some(out) = &a.errors_out
        && report.error_rows > 0
    {
        crate::io::import::write_error_rows(&report, out).map_err(|e| e.message())?;
        println!("有错误的行已保存到 {}", out.display());
    }
    if let Some(name) = &a.save_mapping {
        let json = serde_json::to_string(&mapping).map_err(|e| e.to_string())?;
        store.save_mapping(name, &key, &json).map_err(cli_error)?;
        println!("列对应已保存为“{name}”");
    }
    if a.dry_run {
        println!("（试运行，没有写入任何数据）");
        return Ok(());
    }
    if report.new + report.updates == 0 {
        println!("没有要写入的行，什么都没有导入。");
        return Ok(());
    }
    let (rec, _) = commit_records(store, &spec, &mut |_| {}, &cancel).map_err(|e| e.message())?;
    println!(
        "已导入（第 {} 次导入）：新增 {} 条，更新 {} 条。撤销请运行 kehu undo-import {}",
        rec.id, rec.created, rec.updated, rec.id
    );
    Ok(())
}

/// "读取 FILE：GBK 编码，表头在第 N 行", as an import prints it first (with which sheet
/// of a workbook was chosen, and why).
pub(super) fn read_summary(file: &std::path::Path, table: &crate::io::read::Table) -> String {
    let choice = crate::io::text::sheet_choice(&table.layout)
        .map(|c| format!("\n{c}"))
        .unwrap_or_default();
    format!(
        "读取 {}：{}，表头在第 {} 行{choice}",
        file.display(),
        match table.layout.encoding {
            Some(_) => format!("{} 编码", table.layout.encoding_name()),
            None => format!("工作表“{}”", table.layout.sheet.clone().unwrap_or_default()),
        },
        table.layout.header_line
    )
}

pub(super) fn date_order_arg(arg: Option<&str>) -> Result<crate::io::cells::DateOrder, String> {
    use crate::io::cells::DateOrder;
    match arg {
        None => Ok(DateOrder::Auto),
        Some("dmy") => Ok(DateOrder::DayFirst),
        Some("mdy") => Ok(DateOrder::MonthFirst),
        Some(o) => Err(format!("不认识的日期顺序“{o}”：可用 dmy 或 mdy")),
    }
}

pub(super) fn duplicates_arg(arg: &str) -> Result<crate::io::import::DupChoice, String> {
    use crate::io::import::DupChoice;
    match arg {
        "skip" => Ok(DupChoice::Skip),
        "update" => Ok(DupChoice::Update),
        "new" => Ok(DupChoice::New),
        d => Err(format!("不认识的重复处理“{d}”：可用 skip、update 或 new")),
    }
}
