//! Planning a customer import row by row: values, problems, and whether each row is
//! new, an update, a duplicate or an error.

use super::*;
use crate::domain::{ContactField, CustomerField};

/// The group an earlier row of the same file put a customer name into.
#[derive(Debug, Clone, Copy)]
pub(super) enum Group {
    /// A new customer, made by this row.
    Created(u64),
    /// An existing customer (its id), updated by this row.
    Existing(i64, u64),
    /// Left out by this row, a duplicate the clerk skips.
    Skipped(u64),
}

/// Turns rows into steps, keeping the report. One planner per pass over the file.
pub(super) struct Planner<'a> {
    pub(super) spec: &'a ImportSpec,
    pub(super) headers: &'a [String],
    pub(super) index: &'a MatchIndex,
    pub(super) order: DateOrder,
    /// Whose name the name-part columns make (see [`Mapping::person_target`]).
    pub(super) person: Target,
    /// What became of each name the file has brought so far, by [`text_key`] of its
    /// name key (16 bytes a row instead of the name: a 1,000,000-row file is planned in
    /// 70 MB less).
    pub(super) groups: HashMap<u128, Group>,
    /// The codes the file's new customers keep, by [`text_key`].
    pub(super) codes: std::collections::HashSet<u128>,
    pub(super) report: Report,
}

/// A 128-bit fingerprint of `s` (two SipHash sums, each salted differently): two
/// different names colliding among a million rows has odds of about 1 in 10^26.
pub(super) fn text_key(s: &str) -> u128 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let half = |salt: u8| {
        let mut h = DefaultHasher::new();
        salt.hash(&mut h);
        s.hash(&mut h);
        h.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

impl<'a> Planner<'a> {
    pub(super) fn new(
        spec: &'a ImportSpec,
        headers: &'a [String],
        index: &'a MatchIndex,
        order: DateOrder,
        report: Report,
    ) -> Planner<'a> {
        Planner {
            spec,
            headers,
            index,
            order,
            person: spec.mapping.person_target(),
            groups: HashMap::new(),
            codes: Default::default(),
            report,
        }
    }

    pub(super) fn column_name(&self, t: Target) -> String {
        match self.spec.mapping.column_of(t) {
            Some(i) => self.headers.get(i).cloned().unwrap_or_default(),
            None => crate::io::text::import_target(t).to_string(),
        }
    }

    pub(super) fn error(&mut self, rec: &Record, errs: Vec<RowError>) -> Option<ImportStep> {
        self.report.error_rows += 1;
        for mut e in errs {
            if self.report.errors.len() < ERROR_CAP {
                // The value is quoted in messages: its start is enough (the whole row
                // is kept for the error file).
                e.value = strings::clip(&e.value, 50);
                self.report.errors.push(e);
            }
        }
        if self.report.error_records.len() < ERROR_CAP {
            self.report
                .error_records
                .push((rec.line, rec.cells.clone()));
        }
        None
    }

    /// The row's values by field, converted; or its problems.
    pub(super) fn values(
        &self,
        rec: &Record,
    ) -> Result<(FieldValues, Option<Contact>), Vec<RowError>> {
        let mut errs = Vec::new();
        let mut values: FieldValues = Vec::new();
        let mut contact = Contact::default();
        let mut has_contact = false;
        let mapping = &self.spec.mapping;
        let cell_of = |t: Target| {
            mapping
                .column_of(t)
                .and_then(|i| rec.cells.get(i))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        // A name in parts (姓, 名 …) stands where the person's own name cell is empty.
        let person = self.person;
        let joined = join_name(Target::NAME_PARTS.map(cell_of));
        for &t in Target::all() {
            if t == Target::Ignore || t.is_name_part() {
                continue;
            }
            let cell = match cell_of(t) {
                "" if t == person => joined.as_str(),
                c => c,
            };
            let raw = if cell.is_empty() {
                mapping.fixed.get(&t).map(|s| s.trim()).unwrap_or("")
            } else {
                cell
            };
            if raw.is_empty() {
                continue;
            }
            match cells::convert(t, raw, self.order) {
                Err(p) => errs.push(RowError {
                    line: rec.line,
                    column: self.column_name(t),
                    value: raw.to_string(),
                    message: crate::io::text::cell_problem(&p),
                }),
                Ok(v) => {
                    if let Some(c) = t.customer_column() {
                        values.push((c, v));
                    } else if let Some(c) = t.contact_column() {
                        contact.set_column(c, &v);
                        has_contact = true;
                    }
                }
            }
        }
        if errs.is_empty() {
            if person == Target::Customer(CustomerField::Name)
                && has_contact
                && contact.name.trim().is_empty()
            {
                // In a list of people, a person's own birthday or title is kept on a
                // contact of their own name rather than dropped.
                if let Some((_, name)) = values.iter().find(|(c, _)| *c == "name") {
                    contact.name = name.clone();
                }
            }
            let contact = (has_contact && !contact.name.trim().is_empty()).then_some(contact);
            Ok((values, contact))
        } else {
            Err(errs)
        }
    }

    pub(super) fn field_errors(&self, rec: &Record, c: &Customer) -> Vec<RowError> {
        let mut out = Vec::new();
        for e in validate_customer(c, crate::store::today()) {
            let t = field_target(e.field);
            let value = self
                .spec
                .mapping
                .column_of(t)
                .and_then(|i| rec.cells.get(i))
                .cloned()
                .unwrap_or_default();
            out.push(RowError {
                line: rec.line,
                column: self.column_name(t),
                value,
                message: strings::problem(e.problem),
            });
        }
        out
    }

    /// The step a row makes. `store`, given only by the dry run, supplies the old
    /// values an update would change (the commit does not need them, and plans on a
    /// thread of its own, where the store cannot go).
    pub(super) fn plan(&mut self, rec: Record, store: Option<&Store>) -> Option<ImportStep> {
        self.report.rows += 1;
        let (values, contact) = match self.values(&rec) {
            Ok(v) => v,
            Err(errs) => return self.error(&rec, errs),
        };
        let get = |col: &str| {
            values
                .iter()
                .find(|(c, _)| *c == col)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        let name = crate::domain::text::tidy(get("name"));
        if name.is_empty() {
            let err = RowError {
                line: rec.line,
                column: self.column_name(Target::Customer(CustomerField::Name)),
                value: String::new(),
                message: strings::S::ImportNameMissing.t().into(),
            };
            return self.error(&rec, vec![err]);
        }
        let mut c = Customer::default();
        c.apply(&values, true);
        if let Some(k) = &contact {
            c.merge_contact(k, true);
        }
        c.tidy();
        let errs = self.field_errors(&rec, &c);
        if !errs.is_empty() {
            return self.error(&rec, errs);
        }
        let line = rec.line;
        // Rows with the same name are one customer (its contacts on several rows). Only
        // existing customers are matched loosely (without 有限公司 and the like): there
        // the clerk decides.
        let key = text_key(&crate::domain::text::name_key(&name));
        // A later row of a customer this file already brings adds to it.
        if let Some(&g) = self.groups.get(&key) {
            self.report.merged += 1;
            if self.report.merged_rows.len() < DETAIL_CAP {
                let (Group::Created(first_line)
                | Group::Existing(_, first_line)
                | Group::Skipped(first_line)) = g;
                self.report.merged_rows.push(MergedRow {
                    line,
                    name: name.clone(),
                    first_line,
                    skipped: matches!(g, Group::Skipped(_)),
                });
            }
            return match g {
                Group::Created(first_line) => Some(ImportStep::Merge {
                    line,
                    first_line,
                    values,
                    contact,
                }),
                Group::Existing(id, _) => Some(ImportStep::Update {
                    line,
                    id,
                    values,
                    contact,
                    overwrite: false,
                }),
                Group::Skipped(_) => None,
            };
        }
        let code = get("code").to_string();
        let phones: Vec<&str> = [get("phone"), get("mobile")]
            .into_iter()
            .chain(
                contact
                    .iter()
                    .flat_map(|k| [k.phone.as_str(), k.mobile.as_str()]),
            )
            .collect();
        let found = self.index.find(&code, &name, get("credit_code"), &phones);
        let choice = match found {
            None => DupChoice::New,
            Some((_, MatchReason::Code)) => DupChoice::Update,
            Some((id, reason)) => {
                let choice = self.spec.choice(line);
                self.report.duplicates += 1;
                if self.report.dup_rows.len() < DETAIL_CAP {
                    let existing_name = store
                        .and_then(|s| s.customer_for_import(id).ok())
                        .map(|c| c.name)
                        .unwrap_or_default();
                    self.report.dup_rows.push(DupRow {
                        line,
                        name: name.clone(),
                        existing_id: id,
                        existing_name,
                        reason,
                        choice,
                    });
                }
                choice
            }
        };
        match (choice, found) {
            (DupChoice::Skip, _) => {
                self.report.skipped += 1;
                self.groups.insert(key, Group::Skipped(line));
                None
            }
            (DupChoice::Update, Some((id, _))) => {
                self.groups.insert(key, Group::Existing(id, line));
                self.plan_update(store, line, id, &values, contact.as_ref());
                Some(ImportStep::Update {
                    line,
                    id,
                    values,
                    contact,
                    overwrite: true,
                })
            }
            _ => {
                // New: the exact name and the code must still be free.
                if self.index.name_taken(&name) {
                    let err = RowError {
                        line,
                        column: self.column_name(Target::Customer(CustomerField::Name)),
                        value: name.clone(),
                        message: strings::S::ImportNameTaken.t().into(),
                    };
                    return self.error(&rec, vec![err]);
                }
                let mut customer = Box::new(c);
                if !code.is_empty() {
                    if self.index.code_taken(&code) || self.codes.contains(&text_key(&code)) {
                        // The code belongs to another customer: this one gets the next
                        // free number instead.
                        customer.code.clear();
                        self.report.renumbered += 1;
                    } else {
                        self.codes.insert(text_key(&code));
                    }
                }
                self.groups.insert(key, Group::Created(line));
                self.report.new += 1;
                Some(ImportStep::Create { line, customer })
            }
        }
    }

    pub(super) fn plan_update(
        &mut self,
        store: Option<&Store>,
        line: u64,
        id: i64,
        values: &FieldValues,
        contact: Option<&Contact>,
    ) {
        let Some(store) = store else {
            self.report.updates += 1;
            return;
        };
        let Ok(mut c) = store.customer_for_import(id) else {
            return;
        };
        let mut changes: Vec<(String, String, String)> = c
            .apply(values, true)
            .into_iter()
            .map(|(col, old, new)| (crate::io::text::column_label(col), old, new))
            .collect();
        if let Some(k) = contact
            && c.merge_contact(k, true)
        {
            changes.push((
                strings::S::ImportContactColumn.t().into(),
                String::new(),
                k.name.clone(),
            ));
        }
        if changes.is_empty() {
            self.report.unchanged += 1;
        } else {
            self.report.updates += 1;
            if self.report.update_rows.len() < DETAIL_CAP {
                self.report.update_rows.push(UpdateRow {
                    line,
                    id,
                    name: c.name,
                    changes,
                });
            }
        }
    }
}

/// The mapped target of a validation problem's field.
pub(super) fn field_target(f: Field) -> Target {
    match f {
        Field::Customer(f) => Target::Customer(f),
        Field::Contact(_, ContactField::Primary) => Target::Contact(ContactField::Name),
        Field::Contact(_, f) => Target::Contact(f),
    }
}
