use super::*;

/// Names of customers and competitors by id, for writing records out.
pub struct Names {
    pub(super) customers: HashMap<i64, String>,
    pub(super) competitors: HashMap<i64, String>,
}

impl Names {
    pub fn load(store: &Store) -> Result<Names, StoreError> {
        Ok(Names {
            customers: store.names_by_id("customers")?,
            competitors: store.names_by_id("competitors")?,
        })
    }

    pub(super) fn customer(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.customers.get(&id).cloned())
            .unwrap_or_default()
    }

    pub(super) fn join(map: &HashMap<i64, String>, ids: &[i64]) -> String {
        ids.iter()
            .filter_map(|id| map.get(id).cloned())
            .collect::<Vec<_>>()
            .join("；")
    }
}

/// A record as the cells of its kind's fields, in order, as an export writes them;
/// `received_fen` is what has been paid against a contract.
pub fn record_cells(r: &Record, names: &Names, received_fen: i64) -> Vec<String> {
    let zh = |s: S| s.in_lang(Lang::Zh).to_string();
    let plain = crate::domain::money::fen_to_plain;
    let choice = |form: Form, code: &str| match form {
        Form::FeedbackKind => FeedbackKind::from_code(code).map(strings::feedback_kind),
        Form::FollowStatus => FollowStatus::from_code(code).map(strings::follow_status),
        Form::ContractStatus => ContractStatus::from_code(code).map(strings::contract_status),
        Form::Threat => Threat::from_code(code).map(strings::threat),
        _ => None,
    };
    r.kind()
        .fields()
        .iter()
        .map(|fd| match (r, fd.form, (fd.get)(r)) {
            // A plan of one installment is its due date; a longer plan is not one cell.
            (Record::Contract(x), _, _) if fd.key == "due_on" => match x.plan.as_slice() {
                [only] => only.due_on.clone(),
                _ => String::new(),
            },
            (Record::Contract(_), Form::Paid, _) => plain(received_fen),
            (Record::Contract(x), Form::Derived, _) => plain(x.amount_fen - received_fen),
            (_, _, None) => String::new(),
            (_, form, Some(Cell::Text(s))) => choice(form, &s).map(zh).unwrap_or(s),
            (_, _, Some(Cell::Fen(0))) if fd.blank_zero => String::new(),
            (_, _, Some(Cell::Fen(n))) => plain(n),
            (_, _, Some(Cell::Small(n))) => n.map(|n| n.to_string()).unwrap_or_default(),
            (_, _, Some(Cell::Id(id))) => names.customer(id),
            (_, Form::Competitors, Some(Cell::Ids(ids))) => Names::join(&names.competitors, &ids),
            (_, _, Some(Cell::Ids(ids))) => Names::join(&names.customers, &ids),
        })
        .collect()
}

/// What a record list shows now: its search, filters and sort.
#[derive(Debug, Clone)]
pub enum RecordQuery {
    Feedback(crate::store::feedback::FeedbackQuery),
    Contracts(crate::store::contracts::ContractQuery),
    Competitors(crate::store::competitors::CompetitorQuery),
    News(crate::store::news::NewsQuery),
}

impl RecordQuery {
    pub fn kind(&self) -> RecordKind {
        match self {
            RecordQuery::Feedback(_) => RecordKind::Feedback,
            RecordQuery::Contracts(_) => RecordKind::Contracts,
            RecordQuery::Competitors(_) => RecordKind::Competitors,
            RecordQuery::News(_) => RecordKind::News,
        }
    }

    /// Every record the list shows, in its order.
    pub(super) fn ids(&self, store: &Store) -> Result<Vec<i64>, StoreError> {
        // u64::MAX is SQLite's LIMIT -1: no limit.
        let all = u64::MAX;
        Ok(match self {
            RecordQuery::Feedback(q) => store
                .feedback_page(q, 0, all)?
                .into_iter()
                .map(|r| r.id)
                .collect(),
            RecordQuery::Contracts(q) => store
                .contract_page(q, 0, all)?
                .into_iter()
                .map(|r| r.id)
                .collect(),
            RecordQuery::Competitors(q) => store
                .competitor_page(q, 0, all)?
                .into_iter()
                .map(|r| r.id)
                .collect(),
            RecordQuery::News(q) => store
                .news_page(q, 0, all)?
                .into_iter()
                .map(|r| r.id)
                .collect(),
        })
    }
}

/// Exports what a record list shows (its search, filters and sort) to CSV or XLSX
/// with the kind's Chinese headers. Returns the number of records written.
pub fn export_records(
    store: &Store,
    q: &RecordQuery,
    format: ExportFormat,
    path: &Path,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<u64, ExportError> {
    let kind = q.kind();
    let headers: Vec<String> = kind.fields().iter().map(|f| f.header.to_string()).collect();
    let ids = q.ids(store).map_err(ExportError::Store)?;
    let names = Names::load(store).map_err(ExportError::Store)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<String>>(1024);
    let abort = std::sync::Arc::new(AtomicBool::new(false));
    let writer = {
        let path = path.to_path_buf();
        let headers = headers.clone();
        let abort = abort.clone();
        let sheet = kind.label().in_lang(Lang::Zh);
        std::thread::spawn(move || match format {
            ExportFormat::Csv(enc) => {
                write_csv_rows_unless(&path, &headers, rx.into_iter(), enc, &abort)
            }
            ExportFormat::Xlsx => write_xlsx_rows(&path, sheet, &headers, rx.into_iter(), &abort),
        })
    };
    let mut count = 0u64;
    let mut failure = None;
    for id in ids {
        if cancel.load(Ordering::Relaxed) {
            failure = Some(ExportError::Cancelled);
            break;
        }
        let row = match kind {
            RecordKind::Contracts => store.contract(id).map(|c| {
                record_cells(
                    &Record::Contract(c.contract.clone()),
                    &names,
                    c.received_fen,
                )
            }),
            _ => store
                .record(kind.key(), id)
                .map(|r| record_cells(&r, &names, 0)),
        };
        match row {
            Ok(cells) => {
                if tx.send(cells).is_err() {
                    break;
                }
            }
            Err(e) => {
                failure = Some(ExportError::Store(e));
                break;
            }
        }
        count += 1;
        if count.is_multiple_of(500) {
            progress(count);
        }
    }
    if failure.is_some() {
        abort.store(true, Ordering::Relaxed);
    }
    drop(tx);
    let written = writer
        .join()
        .unwrap_or_else(|_| Err("writer thread failed".into()));
    if let Some(e) = failure {
        return Err(e);
    }
    written.map_err(ExportError::Write)?;
    progress(count);
    Ok(count)
}

/// Reads a whole file's rows into memory (tests).
#[doc(hidden)]
pub fn read_all(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>), ReadError> {
    let t = read::open(path, &ReadOptions::default())?;
    let rows = t
        .rows
        .map(|r| r.map(|r| r.cells))
        .collect::<Result<_, _>>()?;
    Ok((t.headers, rows))
}
