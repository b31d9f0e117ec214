use super::*;

/// The store and names a dry run shows old values and names from (None on commit).
pub(super) type Shown<'a> = Option<(&'a Store, &'a Names)>;

/// A row as a record: the fields it has, and the 已回款 it brings (contracts).
pub(super) struct Built {
    pub(super) record: Record,
    pub(super) present: Vec<&'static str>,
    pub(super) paid_fen: i64,
}

/// Turns rows into steps, keeping the report.
pub(super) struct Planner<'a> {
    pub(super) spec: &'a RecordSpec,
    pub(super) headers: &'a [String],
    pub(super) index: &'a RecordIndex,
    pub(super) order: DateOrder,
    /// Identity → the line that first brought it, to catch repeats within the file.
    pub(super) seen: HashMap<String, u64>,
    pub(super) report: Report,
    /// Contracts keep the file's status (a supervisor's or administrator's import).
    pub(super) keep_status: bool,
}

impl Planner<'_> {
    pub(super) fn column_name(&self, key: &str) -> String {
        match self.spec.mapping.column_of(key) {
            Some(i) => self.headers.get(i).cloned().unwrap_or_default(),
            None => self
                .spec
                .kind
                .field(key)
                .map(|f| f.label().to_string())
                .unwrap_or_default(),
        }
    }

    pub(super) fn row_error(&self, line: u64, key: &str, value: &str, message: String) -> RowError {
        RowError {
            line,
            column: self.column_name(key),
            value: value.to_string(),
            message,
        }
    }

    pub(super) fn fail(&mut self, rec: &Line, errs: Vec<RowError>) -> Option<RecordStep> {
        self.report.error_rows += 1;
        // Values are quoted in messages: their start is enough (the whole row is kept
        // for the error file).
        self.report.errors.extend(errs.into_iter().map(|mut e| {
            e.value = strings::clip(&e.value, 50);
            e
        }));
        if self.report.error_records.len() < 100_000 {
            self.report
                .error_records
                .push((rec.line, rec.cells.clone()));
        }
        None
    }

    /// The row as a record, with the fields it has; or its problems.
    pub(super) fn build(&self, rec: &Line) -> Result<Built, Vec<RowError>> {
        let mut r = Record::empty(self.spec.kind);
        let mut present = Vec::new();
        let mut paid_fen = 0;
        let mut errs = Vec::new();
        for fd in self.spec.kind.fields() {
            if fd.form == Form::Derived {
                continue;
            }
            let cell = self
                .spec
                .mapping
                .column_of(fd.key)
                .and_then(|i| rec.cells.get(i))
                .map(|s| s.trim())
                .unwrap_or("");
            let raw = if cell.is_empty() {
                self.spec
                    .mapping
                    .fixed
                    .get(fd.key)
                    .map(|s| s.trim())
                    .unwrap_or("")
            } else {
                cell
            };
            if raw.is_empty() {
                continue;
            }
            let bad = |m: String| self.row_error(rec.line, fd.key, raw, m);
            let not_a_choice = || {
                bad(crate::io::text::cell_problem(
                    &cells::CellProblem::BadChoice,
                ))
            };
            let v = match fd.form {
                Form::Text | Form::Derived => Ok(Cell::Text(raw.to_string())),
                Form::Date => cells::parse_date(raw, self.order)
                    .map(|d| Cell::Text(d.to_string()))
                    .map_err(|p| bad(crate::io::text::cell_problem(&p))),
                Form::DateTime => date_time(raw, self.order)
                    .map(Cell::Text)
                    .map_err(|p| bad(crate::io::text::cell_problem(&p))),
                Form::Days => cells::days(raw)
                    .map(Cell::Text)
                    .map_err(|p| bad(crate::io::text::cell_problem(&p))),
                Form::Amount | Form::Paid => cells::credit_limit(raw)
                    .map(Cell::Fen)
                    .map_err(|p| bad(crate::io::text::cell_problem(&p))),
                Form::Score => small_number(raw, 5)
                    .filter(|n| *n >= 1)
                    .map(|n| Cell::Small(Some(n)))
                    .ok_or_else(|| bad(strings::problem(Problem::OutOfRange(1, 5)))),
                Form::Percent => small_number(raw, 100)
                    .map(|n| Cell::Small(Some(n)))
                    .ok_or_else(|| bad(strings::problem(Problem::OutOfRange(0, 100)))),
                Form::FeedbackKind => feedback_kind(raw)
                    .map(|k| Cell::Text(k.code().into()))
                    .ok_or_else(not_a_choice),
                Form::FollowStatus => follow_status(raw)
                    .map(|k| Cell::Text(k.code().into()))
                    .ok_or_else(not_a_choice),
                Form::ContractStatus => contract_status(raw)
                    .map(|k| Cell::Text(k.code().into()))
                    .ok_or_else(not_a_choice),
                Form::Threat => threat(raw)
                    .map(|k| Cell::Text(k.code().into()))
                    .ok_or_else(not_a_choice),
                Form::Customer => self
                    .index
                    .customer(raw)
                    .map(|id| Cell::Id(Some(id)))
                    .ok_or_else(|| bad(strings::no_such_customer(raw))),
                Form::Customers | Form::Competitors => {
                    let mut ids = Vec::new();
                    let mut missing = Vec::new();
                    for n in names(raw) {
                        let id = if fd.form == Form::Customers {
                            self.index.customer(&n)
                        } else {
                            self.index.competitor(&n)
                        };
                        match id {
                            Some(id) if !ids.contains(&id) => ids.push(id),
                            Some(_) => {}
                            None => missing.push(n),
                        }
                    }
                    if missing.is_empty() {
                        Ok(Cell::Ids(ids))
                    } else if fd.form == Form::Customers {
                        Err(bad(strings::no_such_customer(&missing.join("；"))))
                    } else {
                        Err(bad(strings::no_such_competitor(&missing.join("；"))))
                    }
                }
            };
            match v {
                Ok(Cell::Fen(n)) if fd.form == Form::Paid => paid_fen = n,
                Ok(v) => {
                    set(&mut r, fd, v);
                    present.push(fd.key);
                }
                Err(e) => errs.push(e),
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let errs: Vec<RowError> = problems(&r)
            .into_iter()
            .map(|(key, p)| {
                let value = self
                    .spec
                    .mapping
                    .column_of(key)
                    .and_then(|i| rec.cells.get(i))
                    .cloned()
                    .unwrap_or_default();
                self.row_error(rec.line, key, &value, strings::problem(p))
            })
            .collect();
        if errs.is_empty() {
            Ok(Built {
                record: r,
                present,
                paid_fen,
            })
        } else {
            Err(errs)
        }
    }

    /// What of a row's 已回款 can come in: all of it on a contract that takes payments
    /// (an error when it is more than the contract's amount), none on one that does not
    /// yet (counted for the report: the clerk is told).
    pub(super) fn paid(
        &mut self,
        line: u64,
        paid_fen: i64,
        status: ContractStatus,
        amount_fen: i64,
    ) -> Result<i64, RowError> {
        if paid_fen <= 0 {
            return Ok(0);
        }
        if paid_fen > amount_fen {
            return Err(self.row_error(
                line,
                "received",
                &crate::domain::money::fen_to_plain(paid_fen),
                S::ImportPaidOverAmount.t().to_string(),
            ));
        }
        if !status.takes_payments() {
            self.report.paid_left += 1;
            return Ok(0);
        }
        self.report.paid += 1;
        Ok(paid_fen)
    }

    /// The step a row makes. `shown`, given only by the dry run, supplies the names and
    /// old values the report shows (the commit plans on a thread of its own, where the
    /// store cannot go).
    pub(super) fn plan(&mut self, rec: Line, shown: Shown) -> Option<RecordStep> {
        self.report.rows += 1;
        let line = rec.line;
        let Built {
            mut record,
            present,
            paid_fen,
        } = match self.build(&rec) {
            Ok(v) => v,
            Err(errs) => return self.fail(&rec, errs),
        };
        let (key, existing, reason) = identity(&record, self.index);
        let id_field = match self.spec.kind {
            RecordKind::Contracts => "number",
            RecordKind::Competitors => "name",
            RecordKind::Feedback => "subject",
            RecordKind::News => "title",
        };
        if let Some(first) = self.seen.get(&key) {
            let e = self.row_error(
                line,
                id_field,
                &record_name(&record),
                strings::repeats_line(*first),
            );
            return self.fail(&rec, vec![e]);
        }
        self.seen.insert(key, line);
        if let Record::Contract(c) = &mut record
            && !self.keep_status
            && c.status != ContractStatus::Draft
        {
            c.status = ContractStatus::Draft;
            self.report.as_draft += 1;
        }
        let Some(id) = existing else {
            let paid_fen = match &record {
                Record::Contract(c) => match self.paid(line, paid_fen, c.status, c.amount_fen) {
                    Ok(n) => n,
                    Err(e) => return self.fail(&rec, vec![e]),
                },
                _ => 0,
            };
            self.report.new += 1;
            return Some(RecordStep::Create {
                line,
                record: Box::new(record),
                paid_fen,
            });
        };
        let choice = self.spec.choice(line);
        self.report.duplicates += 1;
        if self.report.dup_rows.len() < 2_000 {
            let existing_name = shown
                .and_then(|(s, _)| s.record(self.spec.kind.key(), id).ok())
                .map(|r| record_name(&r))
                .unwrap_or_default();
            self.report.dup_rows.push(DupRow {
                line,
                name: record_name(&record),
                existing_id: id,
                existing_name,
                reason,
                choice,
            });
        }
        match choice {
            DupChoice::Skip => {
                self.report.skipped += 1;
                None
            }
            DupChoice::New => {
                if matches!(
                    self.spec.kind,
                    RecordKind::Contracts | RecordKind::Competitors
                ) {
                    let e = self.row_error(
                        line,
                        id_field,
                        &record_name(&record),
                        strings::problem(if self.spec.kind == RecordKind::Contracts {
                            Problem::DuplicateNumber
                        } else {
                            Problem::DuplicateName
                        }),
                    );
                    return self.fail(&rec, vec![e]);
                }
                self.report.new += 1;
                Some(RecordStep::Create {
                    line,
                    record: Box::new(record),
                    paid_fen: 0,
                })
            }
            DupChoice::Update => {
                if let Record::Contract(c) = &record
                    && let Some(old) = self.index.contract(&c.number)
                    && !old.status.terms_editable()
                    && ((present.contains(&"amount") && old.amount_fen != c.amount_fen)
                        || (present.contains(&"customer")
                            && Some(old.customer_id) != c.customer_id))
                {
                    let e = self.row_error(
                        line,
                        "amount",
                        &crate::domain::money::fen_to_plain(c.amount_fen),
                        StoreError::ContractLocked.message(),
                    );
                    return self.fail(&rec, vec![e]);
                }
                // 已回款 on an existing contract: what the file says beyond what is
                // recorded comes in (checked against the contract as it will be).
                let existing = match &record {
                    Record::Contract(c) => self.index.contract(&c.number),
                    _ => None,
                };
                let paid_fen = match (&record, existing) {
                    (Record::Contract(c), Some(old)) => {
                        let status = if present.contains(&"status") {
                            c.status
                        } else {
                            old.status
                        };
                        let amount = if present.contains(&"amount") {
                            c.amount_fen
                        } else {
                            old.amount_fen
                        };
                        match self.paid(line, paid_fen, status, amount) {
                            Ok(n) => n,
                            Err(e) => return self.fail(&rec, vec![e]),
                        }
                    }
                    _ => 0,
                };
                self.show_update(line, id, &record, &present, paid_fen, shown);
                let present = present.clone();
                let overlay_fn: Overlay = Box::new(move |old| overlay(old, &record, &present));
                Some(RecordStep::Update {
                    line,
                    id,
                    overlay: overlay_fn,
                    paid_fen,
                })
            }
        }
    }

    /// For the dry run: the fields an update changes, old → new.
    pub(super) fn show_update(
        &mut self,
        line: u64,
        id: i64,
        record: &Record,
        present: &[&'static str],
        paid_fen: i64,
        shown: Shown,
    ) {
        let Some((store, names)) = shown else {
            self.report.updates += 1;
            return;
        };
        let Ok(old) = store.record(self.spec.kind.key(), id) else {
            return;
        };
        let new = overlay(old.clone(), record, present);
        let (a, b) = (record_cells(&old, names, 0), record_cells(&new, names, 0));
        let mut changes: Vec<(String, String, String)> = self
            .spec
            .kind
            .fields()
            .iter()
            .zip(a.into_iter().zip(b))
            .filter(|(fd, (o, n))| !matches!(fd.form, Form::Derived | Form::Paid) && o != n)
            .map(|(fd, (o, n))| (fd.label().to_string(), o, n))
            .collect();
        // More paid in the file than recorded: the difference comes in as a payment.
        if let Ok(c) = store.contract(id)
            && paid_fen > c.received_fen
            && let Some(fd) = self.spec.kind.field("received")
        {
            let plain = crate::domain::money::fen_to_plain;
            changes.push((
                fd.label().to_string(),
                plain(c.received_fen),
                plain(paid_fen),
            ));
        }
        if changes.is_empty() {
            self.report.unchanged += 1;
        } else {
            self.report.updates += 1;
            if self.report.update_rows.len() < 2_000 {
                self.report.update_rows.push(UpdateRow {
                    line,
                    id,
                    name: record_name(&new),
                    changes,
                });
            }
        }
    }
}

pub(super) fn check_spec(spec: &RecordSpec) -> Result<(), ImportError> {
    let missing = spec.mapping.missing(spec.kind);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Missing(missing.join("、")))
    }
}

/// The columns whose dates settle the day/month order of the file.
pub(super) fn date_columns(spec: &RecordSpec) -> Vec<usize> {
    spec.kind
        .fields()
        .iter()
        .filter(|fd| matches!(fd.form, Form::Date | Form::DateTime))
        .filter_map(|fd| spec.mapping.column_of(fd.key))
        .collect()
}

/// The file's day/month order, and whether the clerk must still choose it.
pub(super) fn date_order(
    spec: &RecordSpec,
    cancel: &AtomicBool,
) -> Result<(DateOrder, bool), ImportError> {
    settle_date_order(
        &spec.path,
        &spec.read,
        spec.date_order,
        &date_columns(spec),
        cancel,
    )
}

/// Reads the whole file and says what importing it would do, writing nothing.
pub fn dry_run_records(
    store: &Store,
    spec: &RecordSpec,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<Report, ImportError> {
    check_spec(spec)?;
    let (order, needed) = date_order(spec, cancel)?;
    let table = read::open(&spec.path, &spec.read)?;
    let index = store.record_index(spec.kind.key())?;
    let names = Names::load(store)?;
    let mut p = Planner {
        spec,
        headers: &table.headers,
        index: &index,
        order,
        seen: HashMap::new(),
        report: Report {
            headers: table.headers.clone(),
            date_order_needed: needed,
            date_order: order,
            kind: spec.kind.key().to_string(),
            unmapped: spec.mapping.unmapped(spec.kind, &table.headers),
            ..Default::default()
        },
        keep_status: store.may_import_contract_status(),
    };
    plan_rows(table.rows, progress, cancel, |r| {
        p.plan(r, Some((store, &names)));
        p.report.rows
    })?;
    Ok(p.report)
}

/// Imports the file: the dry run's plan, written in one transaction after a snapshot.
pub fn commit_records(
    store: &mut Store,
    spec: &RecordSpec,
    progress: &mut dyn FnMut(u64),
    cancel: &AtomicBool,
) -> Result<(ImportRecord, Report), ImportError> {
    check_spec(spec)?;
    let (order, needed) = date_order(spec, cancel)?;
    if needed {
        return Err(ImportError::DateOrderNeeded);
    }
    let table = read::open(&spec.path, &spec.read)?;
    let index = store.record_index(spec.kind.key())?;
    let headers = table.headers.clone();
    let planner = std::sync::Mutex::new(Planner {
        spec,
        headers: &headers,
        index: &index,
        order,
        seen: HashMap::new(),
        report: Report::default(),
        keep_status: store.may_import_contract_status(),
    });
    // The file is read and planned on a second thread while this one writes; the
    // planner's counts are complete once the steps run out.
    let written = plan_ahead(
        table.rows,
        |rec| lock(&planner).plan(rec, None),
        |steps| {
            let tally = || lock(&planner).report.tally();
            store.import_records(
                spec.kind.key(),
                &spec.file_name(),
                steps,
                tally,
                progress,
                cancel,
            )
        },
    );
    let record = match written {
        Err(StoreError::Cancelled) => return Err(ImportError::Cancelled),
        r => r?,
    };
    let mut report = planner
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .report;
    report.headers = headers;
    report.date_order = order;
    report.kind = spec.kind.key().to_string();
    Ok((record, report))
}
