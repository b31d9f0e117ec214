//! The customer list: its columns and their order, the filters and the buttons only
//! customers have (回收站, 打印…, 批量修改…).

use super::*;
use crate::store::{CustomerRow, Sort};
use crate::ui::list::Cell;
use crate::ui::record_panel::Bar;
use CustomerField as F;

/// Each column's order, or None for the two it cannot be sorted by.
const SORTS: [Option<SortKey>; 11] = [
    Some(SortKey::Code),
    Some(SortKey::Name),
    Some(SortKey::Grade),
    Some(SortKey::Category),
    Some(SortKey::Industry),
    Some(SortKey::City),
    None,
    None,
    Some(SortKey::Owner),
    Some(SortKey::Status),
    Some(SortKey::Updated),
];

pub(super) const WIDTHS: [f32; 11] = [
    80.0, 220.0, 60.0, 80.0, 90.0, 70.0, 80.0, 120.0, 80.0, 60.0, 140.0,
];

pub(super) fn heads() -> Vec<&'static str> {
    let f = strings::customer_field;
    vec![
        f(F::Code),
        f(F::Name),
        f(F::Grade),
        f(F::Category),
        f(F::Industry),
        f(F::City),
        S::CustomerPrimaryContact.t(),
        f(F::Phone),
        f(F::Owner),
        f(F::Status),
        S::CustomerUpdatedAt.t(),
    ]
}

pub(super) fn cells(r: &CustomerRow) -> Vec<Cell> {
    vec![
        Cell::new(&r.code),
        Cell::new(&r.name).strong(true),
        Cell::new(r.grade.code()),
        Cell::new(strings::category(r.category).t()),
        Cell::new(&r.industry),
        Cell::new(&r.city),
        Cell::new(&r.contact),
        Cell::new(&r.phone),
        Cell::new(&r.owner),
        Cell::new(strings::status(r.status).t()).red(r.status == CustomerStatus::Lost),
        Cell::new(strings::show_date(&r.updated_at)),
    ]
}

pub(super) fn sort(q: &CustomerQuery) -> Option<Sort> {
    SORTS
        .iter()
        .position(|k| *k == Some(q.sort))
        .map(|column| Sort {
            column,
            descending: q.descending,
        })
}

/// The list's order from a header clicked; None is the list's first order.
pub(super) fn set_sort(q: &mut CustomerQuery, sort: Option<Sort>) {
    (q.sort, q.descending) = sort
        .and_then(|s| SORTS[s.column].map(|k| (k, s.descending)))
        .unwrap_or_default();
}

pub(super) fn filters(ui: &mut egui::Ui, q: &mut CustomerQuery, extra: &CustomerExtra) {
    widgets::filter_combo(
        ui,
        "f-grade",
        strings::customer_field(F::Grade),
        &mut q.grade,
        Grade::ALL,
        |g| g.code().to_string(),
    );
    widgets::filter_combo(
        ui,
        "f-cat",
        strings::customer_field(F::Category),
        &mut q.category,
        CustomerCategory::ALL,
        |c| strings::category(*c).t().to_string(),
    );
    widgets::filter_combo(
        ui,
        "f-ind",
        strings::customer_field(F::Industry),
        &mut q.industry,
        &extra.industries,
        |s| s.clone(),
    );
    widgets::filter_combo(
        ui,
        "f-owner",
        strings::customer_field(F::Owner),
        &mut q.owner,
        &extra.owners,
        |s| s.clone(),
    );
    widgets::filter_combo(
        ui,
        "f-status",
        strings::customer_field(F::Status),
        &mut q.status,
        CustomerStatus::ALL,
        |s| strings::status(*s).t().to_string(),
    );
    // Lost customers can be narrowed by why they were lost.
    if q.status == Some(CustomerStatus::Lost) || q.lost_kind.is_some() {
        widgets::filter_combo(
            ui,
            "f-lost-kind",
            strings::customer_field(F::LostKind),
            &mut q.lost_kind,
            &extra.lost_kinds,
            |s| s.clone(),
        );
    }
    // Set from 统计报表 (a bar clicked; no box of their own): said, and taken off with ×.
    {
        use crate::domain::reports::CustomerDim as D;
        for (dim, v) in [
            (D::Source, &mut q.source),
            (D::Province, &mut q.province),
            (D::City, &mut q.city),
        ] {
            if let Some(value) = v.as_deref() {
                let said = format!(
                    "{}：{}",
                    strings::report_dim(dim),
                    strings::report_value(dim, value, strings::lang())
                );
                if ui
                    .button(format!("{said} ×"))
                    .on_hover_text(S::RemoveFilter.t())
                    .clicked()
                {
                    *v = None;
                }
            }
        }
        if let Some((from, to)) = &q.recorded_within
            && ui
                .button(format!("{} ×", strings::recorded_within(from, to)))
                .on_hover_text(S::RemoveFilter.t())
                .clicked()
        {
            q.recorded_within = None;
        }
    }
    if q.is_filtering() && ui.button(S::ClearFilters.t()).clicked() {
        let sort = (q.sort, q.descending);
        *q = CustomerQuery::default();
        (q.sort, q.descending) = sort;
    }
    if let Some(e) = &extra.list_error {
        ui.colored_label(ERROR_RED, e);
    }
}

/// 回收站 and 打印… after 新建; 批量修改… after 导入…/导出….
pub(super) fn buttons(
    ui: &mut egui::Ui,
    extra: &mut CustomerExtra,
    store: &Store,
    bar: &mut Bar<'_, CustomersUi>,
    after_transfer: bool,
) {
    if !after_transfer {
        if ui.button(S::TabTrash.t()).clicked() {
            extra.show_trash = true;
        }
        ui.separator();
        if ui
            .button(S::PrintButton.t())
            .on_hover_text("Ctrl+P")
            .clicked()
        {
            extra.print = Some(crate::ui::print::PrintPreview::customers(
                bar.query.clone(),
                store,
            ));
        }
        return;
    }
    if ui
        .add_enabled(
            bar.filtered > 0 && extra.bulk.is_none(),
            egui::Button::new(S::BulkOpen.t()),
        )
        .on_hover_text(S::BulkHint.t())
        .clicked()
    {
        if bar.form.is_some_and(CustomerForm::is_dirty) {
            *bar.message = Some(Message::error(S::BulkSaveFirst.t()));
        } else {
            extra.bulk = Some(crate::ui::bulk::BulkDialog::new(
                bar.query.clone(),
                bar.filtered,
            ));
        }
    }
}
