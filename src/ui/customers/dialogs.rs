//! What only customers have beside the list and the form: the trash, emptying it, the
//! second question before a customer with contracts is deleted, and the print preview,
//! merge and bulk change windows.

use super::*;
use crate::ui::record_panel::Bar;

/// The trash, shown in place of the list.
pub(super) fn show_trash(
    ui: &mut egui::Ui,
    extra: &mut CustomerExtra,
    store: &mut Store,
    bar: &mut Bar<'_, CustomersUi>,
) {
    if ui.button(format!("← {}", S::BackToList.t())).clicked() {
        extra.show_trash = false;
        return;
    }
    ui.heading(S::TabTrash.t());
    if let Some(Message {
        text: m,
        error: is_err,
    }) = &*bar.message
    {
        ui.label(RichText::new(m.as_str()).color(if *is_err { ERROR_RED } else { OK_GREEN }));
    }
    if extra.trash.is_none() {
        match store.trashed_customers() {
            Ok(rows) => extra.trash = Some(rows),
            Err(e) => {
                ui.label(RichText::new(e.message()).color(ERROR_RED));
                return;
            }
        }
    }
    let rows = extra.trash.clone().unwrap_or_default();
    if rows.is_empty() {
        ui.label(S::TrashEmpty.t());
        return;
    }
    if store.actor().is_some_and(|a| a.role.can_admin()) && ui.button(S::EmptyTrash.t()).clicked() {
        extra.confirm_empty_trash = true;
    }
    let mut restore: Option<i64> = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("trash-grid")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for h in [
                    strings::customer_field(CustomerField::Code),
                    strings::customer_field(CustomerField::Name),
                    S::DeletedAt.t(),
                    S::DeletedBy.t(),
                ] {
                    ui.label(RichText::new(h).strong());
                }
                ui.label("");
                ui.end_row();
                for r in &rows {
                    ui.label(&r.code);
                    ui.label(&r.name);
                    ui.label(&r.deleted_at);
                    ui.label(&r.deleted_by);
                    if ui.button(S::Restore.t()).clicked() {
                        restore = Some(r.id);
                    }
                    ui.end_row();
                }
            });
    });
    if let Some(id) = restore {
        match store.restore_customer(id) {
            Ok(()) => {
                bar.changed = true;
                *bar.message = Some(Message::info(S::Restored.t()));
            }
            Err(e) => *bar.message = Some(Message::error(e.message())),
        }
    }
}

/// The customers' own windows and questions, drawn after the panel.
pub(super) fn windows(
    ctx: &egui::Context,
    extra: &mut CustomerExtra,
    store: &mut Store,
    bar: &mut Bar<'_, CustomersUi>,
) {
    questions(ctx, extra, store, bar);
    if let Some(p) = &mut extra.print {
        p.show(ctx, store);
        if !p.open {
            extra.print = None;
        }
    }
    if let Some(b) = &mut extra.bulk {
        let known = crate::ui::bulk::Known {
            owners: extra.owners.clone(),
            industries: extra.industries.clone(),
            sources: extra.sources.clone(),
        };
        let changed = b.show(ctx, store, &known);
        if !b.open {
            extra.bulk = None;
        }
        if !matches!(changed, crate::ui::bulk::Done::Nothing) {
            // A filter on the field changed follows it, so the list still shows the
            // customers just changed (a departing salesperson's, now another's).
            if let crate::ui::bulk::Done::Set(field, value) = changed {
                follow_filter(bar.query, field, &value);
            }
            // The customer open in the form may be one of those changed.
            bar.changed = true;
        }
    }
    if let Some(m) = &mut extra.merge {
        let keep = m.keep();
        let done = m.show(ctx, store);
        if !m.open {
            extra.merge = None;
        }
        match done {
            Some(Ok(r)) => {
                bar.changed = true;
                bar.open = Some(keep);
                *bar.message = Some(Message::info(strings::merged(
                    r.moved.contacts,
                    r.moved.feedback,
                    r.moved.contracts,
                    &r.snapshot.display().to_string(),
                )));
            }
            Some(Err(e)) => *bar.message = Some(Message::error(e.message())),
            None => {}
        }
    }
}

/// After 批量修改 set `field` to `value`: a filter on that field shows `value` now.
fn follow_filter(q: &mut CustomerQuery, field: crate::domain::BulkField, value: &str) {
    use crate::domain::BulkField as B;
    // An emptied field is not offered as a filter: the filter goes.
    let text = (!value.is_empty()).then(|| value.to_string());
    match field {
        B::Owner if q.owner.is_some() => q.owner = text,
        B::Industry if q.industry.is_some() => q.industry = text,
        B::Grade if q.grade.is_some() => q.grade = Grade::from_code(value),
        B::Category if q.category.is_some() => q.category = CustomerCategory::from_code(value),
        B::Status if q.status.is_some() => q.status = CustomerStatus::from_code(value),
        _ => {}
    }
}

/// Delete a customer with contracts (they go too)? Empty the trash?
fn questions(
    ctx: &egui::Context,
    extra: &mut CustomerExtra,
    store: &mut Store,
    bar: &mut Bar<'_, CustomersUi>,
) {
    if let Some((id, n)) = extra.confirm_with_contracts {
        match widgets::confirm_dialog(
            ctx,
            "delete-with-contracts",
            S::ConfirmDeleteTitle.t(),
            &strings::has_contracts(n),
            S::TrashWithContracts.t(),
            S::Cancel.t(),
        ) {
            Answer::Confirm => {
                extra.confirm_with_contracts = None;
                match store.trash_customer_and_contracts(id) {
                    Ok(()) => {
                        bar.close = true;
                        bar.changed = true;
                        *bar.message = Some(Message::info(S::MovedToTrash.t()));
                    }
                    Err(e) => *bar.message = Some(Message::error(e.message())),
                }
            }
            Answer::Cancel => extra.confirm_with_contracts = None,
            Answer::Pending => {}
        }
    }
    if extra.confirm_empty_trash {
        let n = extra.trash.as_ref().map_or(0, Vec::len);
        match widgets::confirm_dialog(
            ctx,
            "empty-trash",
            S::EmptyTrash.t(),
            &strings::confirm_empty_trash(n),
            S::EmptyTrash.t(),
            S::Cancel.t(),
        ) {
            Answer::Confirm => {
                extra.confirm_empty_trash = false;
                match store.empty_trash() {
                    Ok((n, snapshot)) => {
                        bar.changed = true;
                        *bar.message = Some(Message::info(strings::trash_emptied(
                            n,
                            &snapshot.display().to_string(),
                        )));
                    }
                    Err(e) => *bar.message = Some(Message::error(e.message())),
                }
            }
            Answer::Cancel => extra.confirm_empty_trash = false,
            Answer::Pending => {}
        }
    }
}
