//! The customer form: its header, its fields and contacts, and the customer's picture
//! (related records).

use super::*;
use crate::domain::{ContactField, CustomerField};
use crate::ui::record_panel::FormOutcome;

/// The customer's side form: its own header (title, 保存/取消/删除/历史/打印卡片/合并,
/// the message, the credit line, open complaints) over [`body`].
pub(super) fn show(
    ui: &mut egui::Ui,
    form: &mut CustomerForm,
    extra: &mut CustomerExtra,
    store: &mut Store,
    message: &mut Option<Message>,
) -> FormOutcome {
    // A taken name is worth saying while typing, not only on save.
    let name_now = crate::domain::text::name_key(&form.draft.name);
    if !name_now.is_empty() && form.name_check.as_ref().map(|c| &c.name) != Some(&name_now) {
        let taken = store
            .customer_name_taken(&form.draft.name, form.original.id)
            .unwrap_or(false);
        form.name_check = Some(NameCheck {
            name: name_now,
            taken,
        });
    }
    let (_, errs) = form.checked();
    let dirty = form.is_dirty();
    let mut out = FormOutcome::default();
    let mut print_card = false;
    ui.horizontal(|ui| {
        let title = if form.is_new() {
            S::NewCustomer.t().to_string()
        } else if dirty {
            strings::with_note(S::EditCustomer.t(), &form.original.name)
        } else {
            form.original.name.clone()
        };
        ui.heading(title);
    });
    ui.horizontal(|ui| {
        out.save = ui
            .add_enabled(dirty && errs.is_empty(), egui::Button::new(S::Save.t()))
            .on_hover_text("Ctrl+S")
            .clicked();
        out.cancel = ui.button(S::Cancel.t()).on_hover_text("Esc").clicked();
        if !form.is_new() {
            out.delete = ui.button(S::Delete.t()).on_hover_text("Delete").clicked();
            out.history = ui.button(S::History.t()).clicked();
            print_card = ui.button(S::PrintCard.t()).clicked();
            if ui.button(S::MergeOpen.t()).clicked()
                && let Some(id) = form.original.id
            {
                extra.merge = Some(crate::ui::merge::MergeDialog::new(
                    id,
                    form.original.name.clone(),
                ));
            }
        }
    });
    if print_card && let Some(id) = form.original.id {
        extra.print = Some(crate::ui::print::PrintPreview::card(
            id,
            &form.original.name,
            store,
        ));
    }
    if let Some(Message {
        text: m,
        error: is_err,
    }) = message
    {
        ui.label(RichText::new(m.as_str()).color(if *is_err { ERROR_RED } else { OK_GREEN }));
    }
    let (mut statement, mut reminder) = (false, false);
    if let Some(st) = &form.standing
        && (st.limit_fen > 0 || st.owed_fen > 0)
    {
        ui.horizontal_wrapped(|ui| {
            credit_line(ui, st);
            if st.owed_fen > 0 {
                statement = ui.small_button(S::PrintStatement.t()).clicked();
            }
            if st.oldest_overdue.is_some() {
                reminder = ui.small_button(S::PrintReminder.t()).clicked();
            }
        });
    }
    if (statement || reminder)
        && let Some(id) = form.original.id
    {
        extra.print = Some(crate::ui::print::PrintPreview::collection(
            id,
            &form.original.name,
            reminder,
            store,
        ));
    }
    if let Some(id) = form.original.id
        && let Ok(n) = store.open_complaints(id)
        && n > 0
    {
        ui.label(
            RichText::new(format!("！{}（{n}）", S::OpenComplaint.t()))
                .color(ERROR_RED)
                .strong(),
        );
    }
    ui.separator();
    out.goto = body(ui, form, extra, store);
    out
}

/// The customer's fields, contacts and picture (its feedback, contracts, competitors and
/// news); a record clicked in the picture, to open on its tab.
pub(super) fn body(
    ui: &mut egui::Ui,
    form: &mut CustomerForm,
    extra: &mut CustomerExtra,
    store: &mut Store,
) -> Option<crate::ui::Goto> {
    let sources = extra.sources.clone();
    let ratings = extra.ratings.clone();
    let (_, errs) = form.checked();
    let show_errs = form.is_dirty() || form.store_errors.is_some();
    let msg = |f: Field| -> Option<String> {
        if !show_errs {
            return None;
        }
        errs.iter()
            .find(|e| e.field == f)
            .map(|e| strings::problem(e.problem))
    };
    let mut goto = None;
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            let d = &mut form.draft;
            egui::Grid::new("customer-grid")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .striped(false)
                .show(ui, |ui| {
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Code),
                        false,
                        &mut d.code,
                        msg(Field::Customer(CustomerField::Code)).as_deref(),
                        Some(S::CodeAuto.t()),
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Name),
                        true,
                        &mut d.name,
                        msg(Field::Customer(CustomerField::Name)).as_deref(),
                        None,
                    );
                    widgets::choice_row(
                        ui,
                        "kind",
                        strings::customer_field(CustomerField::Kind),
                        &mut d.kind,
                        CustomerKind::ALL,
                        |k| strings::kind(k).t().into(),
                    );
                    widgets::choice_row(
                        ui,
                        "category",
                        strings::customer_field(CustomerField::Category),
                        &mut d.category,
                        CustomerCategory::ALL,
                        |c| strings::category(c).t().into(),
                    );
                    widgets::choice_row(
                        ui,
                        "grade",
                        strings::customer_field(CustomerField::Grade),
                        &mut d.grade,
                        Grade::ALL,
                        |g| g.code().into(),
                    );
                    let was = d.status;
                    widgets::choice_row(
                        ui,
                        "status",
                        strings::customer_field(CustomerField::Status),
                        &mut d.status,
                        CustomerStatus::ALL,
                        |s| strings::status(s).t().into(),
                    );
                    // Marked 流失 just now: lost today unless a date is typed.
                    if d.status == CustomerStatus::Lost
                        && was != CustomerStatus::Lost
                        && d.lost_on.trim().is_empty()
                    {
                        d.lost_on = crate::store::today().format("%Y-%m-%d").to_string();
                    }
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Industry),
                        false,
                        &mut d.industry,
                        msg(Field::Customer(CustomerField::Industry)).as_deref(),
                        None,
                    );
                    widgets::suggest_row(
                        ui,
                        "source",
                        strings::customer_field(CustomerField::Source),
                        &mut d.source,
                        &sources,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Province),
                        false,
                        &mut d.province,
                        msg(Field::Customer(CustomerField::Province)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::City),
                        false,
                        &mut d.city,
                        msg(Field::Customer(CustomerField::City)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Address),
                        false,
                        &mut d.address,
                        msg(Field::Customer(CustomerField::Address)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::PostalCode),
                        false,
                        &mut d.postal_code,
                        msg(Field::Customer(CustomerField::PostalCode)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Phone),
                        false,
                        &mut d.phone,
                        msg(Field::Customer(CustomerField::Phone)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Mobile),
                        false,
                        &mut d.mobile,
                        msg(Field::Customer(CustomerField::Mobile)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Fax),
                        false,
                        &mut d.fax,
                        msg(Field::Customer(CustomerField::Fax)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Email),
                        false,
                        &mut d.email,
                        msg(Field::Customer(CustomerField::Email)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Website),
                        false,
                        &mut d.website,
                        msg(Field::Customer(CustomerField::Website)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::CreditCode),
                        false,
                        &mut d.credit_code,
                        msg(Field::Customer(CustomerField::CreditCode)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::Owner),
                        false,
                        &mut d.owner,
                        msg(Field::Customer(CustomerField::Owner)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::CreditLimit),
                        false,
                        typed_mut(&mut form.typed, CustomerField::CreditLimit),
                        msg(Field::Customer(CustomerField::CreditLimit)).as_deref(),
                        None,
                    );
                    // Left empty, contracts use the firm's default terms.
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::PaymentDays),
                        false,
                        typed_mut(&mut form.typed, CustomerField::PaymentDays),
                        msg(Field::Customer(CustomerField::PaymentDays)).as_deref(),
                        Some(S::CustomerPaymentDaysHint.t()),
                    );
                    widgets::suggest_row(
                        ui,
                        "credit-rating",
                        strings::customer_field(CustomerField::CreditRating),
                        &mut d.credit_rating,
                        &ratings,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::TempLimit),
                        false,
                        typed_mut(&mut form.typed, CustomerField::TempLimit),
                        msg(Field::Customer(CustomerField::TempLimit)).as_deref(),
                        None,
                    );
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::TempLimitUntil),
                        false,
                        &mut d.temp_limit_until,
                        msg(Field::Customer(CustomerField::TempLimitUntil)).as_deref(),
                        Some("2026-12-31"),
                    );
                    widgets::multiline_row(
                        ui,
                        strings::customer_field(CustomerField::CreditAssessment),
                        &mut d.credit_assessment,
                        msg(Field::Customer(CustomerField::CreditAssessment)).as_deref(),
                    );
                    // A lost customer: when, what kind of loss, why.
                    if d.status == crate::domain::CustomerStatus::Lost {
                        widgets::text_row(
                            ui,
                            strings::customer_field(CustomerField::LostOn),
                            false,
                            &mut d.lost_on,
                            msg(Field::Customer(CustomerField::LostOn)).as_deref(),
                            Some("2026-11-22"),
                        );
                        let kinds = crate::domain::customer::LOSS_KINDS.map(String::from);
                        widgets::suggest_row(
                            ui,
                            "lost-kind",
                            strings::customer_field(CustomerField::LostKind),
                            &mut d.lost_kind,
                            &kinds,
                        );
                        widgets::multiline_row(
                            ui,
                            strings::customer_field(CustomerField::LostReason),
                            &mut d.lost_reason,
                            msg(Field::Customer(CustomerField::LostReason)).as_deref(),
                        );
                    }
                    // Left empty, a new customer is recorded on the day it is saved.
                    widgets::text_row(
                        ui,
                        strings::customer_field(CustomerField::RecordedOn),
                        false,
                        &mut d.recorded_on,
                        msg(Field::Customer(CustomerField::RecordedOn)).as_deref(),
                        Some("2026-11-22"),
                    );
                    widgets::multiline_row(
                        ui,
                        strings::customer_field(CustomerField::Notes),
                        &mut d.notes,
                        msg(Field::Customer(CustomerField::Notes)).as_deref(),
                    );
                });
            ui.add_space(8.0);
            ui.label(RichText::new(S::Contacts.t()).strong().size(15.0));
            let mut remove: Option<usize> = None;
            for (i, c) in form.draft.contacts.iter_mut().enumerate() {
                let cmsg = |f: ContactField| -> Option<String> {
                    if !show_errs {
                        return None;
                    }
                    errs.iter()
                        .find(|e| e.field == Field::Contact(i, f))
                        .map(|e| strings::problem(e.problem))
                };
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.push_id(("contact", i), |ui| {
                        egui::Grid::new("contact-grid")
                            .num_columns(2)
                            .spacing([10.0, 4.0])
                            .show(ui, |ui| {
                                widgets::text_row(
                                    ui,
                                    strings::contact_field(ContactField::Name),
                                    true,
                                    &mut c.name,
                                    cmsg(ContactField::Name).as_deref(),
                                    None,
                                );
                                widgets::text_row(
                                    ui,
                                    strings::contact_field(ContactField::Title),
                                    false,
                                    &mut c.title,
                                    cmsg(ContactField::Title).as_deref(),
                                    None,
                                );
                                widgets::text_row(
                                    ui,
                                    strings::contact_field(ContactField::Phone),
                                    false,
                                    &mut c.phone,
                                    cmsg(ContactField::Phone).as_deref(),
                                    None,
                                );
                                widgets::text_row(
                                    ui,
                                    strings::contact_field(ContactField::Mobile),
                                    false,
                                    &mut c.mobile,
                                    cmsg(ContactField::Mobile).as_deref(),
                                    None,
                                );
                                widgets::text_row(
                                    ui,
                                    strings::contact_field(ContactField::Email),
                                    false,
                                    &mut c.email,
                                    cmsg(ContactField::Email).as_deref(),
                                    None,
                                );
                                widgets::text_row(
                                    ui,
                                    strings::contact_field(ContactField::Birthday),
                                    false,
                                    &mut c.birthday,
                                    cmsg(ContactField::Birthday).as_deref(),
                                    Some("1975-08-15 / 08-15"),
                                );
                                {
                                    use crate::domain::calendar::BirthdayCalendar as Cal;
                                    let mut cal =
                                        Cal::from_code(&c.birthday_calendar).unwrap_or_default();
                                    widgets::choice_row(
                                        ui,
                                        &format!("birthday-calendar-{i}"),
                                        strings::contact_field(ContactField::BirthdayCalendar),
                                        &mut cal,
                                        &Cal::ALL,
                                        |k| strings::birthday_calendar(k).t().into(),
                                    );
                                    if cal.code() != c.birthday_calendar {
                                        c.birthday_calendar = cal.code().into();
                                    }
                                }
                                widgets::multiline_row(
                                    ui,
                                    strings::contact_field(ContactField::Notes),
                                    &mut c.notes,
                                    cmsg(ContactField::Notes).as_deref(),
                                );
                            });
                        ui.horizontal(|ui| {
                            ui.checkbox(
                                &mut c.is_primary,
                                strings::contact_field(ContactField::Primary),
                            );
                            widgets::field_message(ui, cmsg(ContactField::Primary).as_deref());
                            if ui.button(S::RemoveContact.t()).clicked() {
                                remove = Some(i);
                            }
                        });
                    });
                });
            }
            if let Some(i) = remove {
                form.draft.contacts.remove(i);
            }
            if ui.button(format!("＋ {}", S::AddContact.t())).clicked() {
                let first = form.draft.contacts.is_empty();
                form.draft.contacts.push(Contact {
                    is_primary: first,
                    ..Default::default()
                });
            }
            if let Some(id) = form.original.id {
                value_line(ui, store, id, &mut form.value);
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    ui.label(RichText::new(S::TabFeedback.t()).strong().size(15.0));
                    if ui.button(S::NewFeedback.t()).clicked() {
                        goto = Some(crate::ui::Goto::NewFeedback(id, form.original.name.clone()));
                    }
                });
                let q = crate::store::feedback::FeedbackQuery {
                    customer_id: Some(id),
                    ..Default::default()
                };
                let Some(items) = crate::ui::widgets::or_show(ui, store.feedback_page(&q, 0, 50))
                else {
                    return;
                };
                if items.is_empty() {
                    ui.label(RichText::new(S::NoFeedback.t()).weak());
                }
                for fb in items {
                    let text = format!(
                        "{} {} · {} · {}",
                        strings::show_date(&fb.at),
                        strings::feedback_kind(fb.kind).t(),
                        fb.subject,
                        strings::follow_status(fb.status).t()
                    );
                    let open_complaint = fb.kind
                        == crate::domain::feedback::FeedbackKind::Complaint
                        && fb.status.is_open();
                    let link = if open_complaint {
                        egui::Link::new(RichText::new(text).color(ERROR_RED))
                    } else {
                        egui::Link::new(text)
                    };
                    if ui.add(link).clicked() {
                        goto = Some(crate::ui::Goto::Feedback(fb.id));
                    }
                }
                ui.add_space(8.0);
                ui.label(RichText::new(S::TabContracts.t()).strong().size(15.0));
                let Some(contracts) =
                    crate::ui::widgets::or_show(ui, store.contracts_of_customer(id))
                else {
                    return;
                };
                if contracts.is_empty() {
                    ui.label(RichText::new(S::NoContracts.t()).weak());
                }
                for c in contracts {
                    let text = format!(
                        "{} {} · {} · {} {} · {} {}",
                        c.contract.number,
                        c.contract.title,
                        strings::contract_status(c.contract.status).t(),
                        S::ContractAmountShort.t(),
                        crate::domain::money::format_fen(c.contract.amount_fen),
                        S::ContractBalance.t(),
                        crate::domain::money::format_fen(c.balance_fen()),
                    );
                    if ui.link(text).clicked() {
                        goto = c.contract.id.map(crate::ui::Goto::Contract);
                    }
                }
                ui.add_space(8.0);
                ui.label(RichText::new(S::PictureCompetitors.t()).strong().size(15.0));
                let q = crate::store::competitors::CompetitorQuery {
                    customer_id: Some(id),
                    ..Default::default()
                };
                let Some(rivals) =
                    crate::ui::widgets::or_show(ui, store.competitor_page(&q, 0, 50))
                else {
                    return;
                };
                if rivals.is_empty() {
                    ui.label(RichText::new(S::NoneYet.t()).weak());
                }
                for r in rivals {
                    let text = format!(
                        "{} · {} {}",
                        r.name,
                        strings::competitor_field(
                            crate::domain::competitor::CompetitorField::Threat
                        ),
                        strings::threat(r.threat).t()
                    );
                    if ui.link(text).clicked() {
                        goto = Some(crate::ui::Goto::Competitor(r.id));
                    }
                }
                ui.add_space(8.0);
                ui.label(RichText::new(S::PictureNews.t()).strong().size(15.0));
                let q = crate::store::news::NewsQuery {
                    customer_id: Some(id),
                    ..Default::default()
                };
                let Some(news) = crate::ui::widgets::or_show(ui, store.news_page(&q, 0, 50)) else {
                    return;
                };
                if news.is_empty() {
                    ui.label(RichText::new(S::NoneYet.t()).weak());
                }
                for n in news {
                    if ui.link(format!("{} {}", n.on, n.title)).clicked() {
                        goto = Some(crate::ui::Goto::News(n.id));
                    }
                }
            }
            if let Some(m) = &form.meta {
                ui.add_space(10.0);
                ui.label(
                    RichText::new(format!(
                        "{} {} · {} {}",
                        m.created_at, m.created_by, m.updated_at, m.updated_by
                    ))
                    .small()
                    .weak(),
                );
            }
        });
    goto
}

/// The customer's value as 客户分析 works it out (as of today, the last 36 months):
/// "最近一次签约 45 天前；36 个月内 6 份合同，共 ¥820,000.00", then its scores, segment and
/// suggested grade. Worked out on a worker thread; nothing shows until it is.
fn value_line(
    ui: &mut egui::Ui,
    store: &Store,
    id: i64,
    value: &mut crate::ui::worked::Worked<i64, Option<crate::store::value::RfmLine>>,
) {
    use crate::domain::value::{GradeRule, Window};
    let work = |s: &Store, id: i64| -> crate::store::Result<Option<crate::store::value::RfmLine>> {
        let (lines, _) = s.rfm_table(today(), Window::Months(36), None, GradeRule::default())?;
        Ok(lines.into_iter().find(|l| l.customer_id == id))
    };
    if value.got.is_none() && !value.busy() {
        // A few thousand contracts are worked out at once; more on a worker thread.
        match store.few_contracts() {
            Ok(true) => value.got = Some((id, work(store, id).map_err(|e| e.message()))),
            Ok(false) => value.ask(Some(id), store, ui.ctx(), work),
            Err(e) => value.got = Some((id, Err(e.message()))),
        }
    }
    value.poll(Some(&id));
    let Some((_, got)) = &value.got else {
        return;
    };
    let line = match got {
        Ok(Some(l)) => l,
        Ok(None) => return,
        Err(e) => {
            ui.label(RichText::new(e.as_str()).color(ERROR_RED));
            return;
        }
    };
    ui.add_space(8.0);
    ui.label(RichText::new(S::RfmHeading.t()).strong().size(15.0));
    let r = &line.rfm;
    ui.label(strings::value_why(
        r.r_days,
        36,
        r.f,
        &crate::domain::money::format_fen(r.m_fen),
    ));
    if let (Some(s), Some(seg), Some(g)) = (line.scores, line.segment, line.suggested) {
        ui.label(
            RichText::new(strings::value_scores(s, strings::segment(seg), g)).color(
                if seg == crate::domain::value::Segment::ImportantWinBack {
                    ERROR_RED
                } else {
                    ui.visuals().text_color()
                },
            ),
        );
    }
}

/// 信用额度 ¥100,000.00 · 应收余额 ¥80,000.00 · 可用额度 ¥20,000.00 · 最早逾期 ¥5,000.00（35 天）
fn credit_line(ui: &mut egui::Ui, st: &crate::store::receivables::CreditStanding) {
    use crate::domain::money::format_fen;
    let mut text = format!(
        "{} {} · {} {} · {} {}",
        S::CreditLimitShort.t(),
        format_fen(st.limit_fen),
        S::CreditOwed.t(),
        format_fen(st.owed_fen),
        S::CreditAvailable.t(),
        format_fen(st.available_fen()),
    );
    if let Some((amount, days)) = st.oldest_overdue {
        text.push_str(&format!(
            " · {} {}（{}）",
            S::CreditOldestOverdue.t(),
            format_fen(amount),
            strings::days_late(days)
        ));
    }
    let over = st.limit_fen > 0 && st.available_fen() < 0;
    let color = if over || st.oldest_overdue.is_some() {
        ERROR_RED
    } else {
        ui.visuals().text_color()
    };
    ui.label(RichText::new(text).color(color));
}
