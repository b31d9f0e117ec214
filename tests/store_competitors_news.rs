//! Competitors (竞争对手) and industry news (业界动态) in the store: create, update,
//! links to customers and competitors, validation, unique names, the trash, the log.

mod common;

use common::{customer, temp_store};
use kehu::domain::competitor::{Competitor, CompetitorField, Intel, Threat};
use kehu::domain::news::News;
use kehu::domain::validate::Problem;
use kehu::store::StoreError;
use kehu::store::competitors::CompetitorQuery;
use kehu::store::news::NewsQuery;

fn competitor(name: &str) -> Competitor {
    Competitor {
        name: name.into(),
        ..Default::default()
    }
}

#[test]
fn a_competitor_is_saved_with_the_customers_who_also_buy_from_it() {
    let (_d, mut store) = temp_store();
    let a = store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    let b = store
        .save_customer(&customer("上海东方贸易有限公司"))
        .unwrap();
    let mut c = competitor("  深圳迅捷软件有限公司 ");
    c.threat = Threat::High;
    c.market_share = Some(18);
    c.products = "进销存软件".into();
    c.customers = vec![b, a, a];
    let id = store.save_competitor(&c).unwrap();
    let back = store.competitor(id).unwrap();
    assert_eq!(back.name, "深圳迅捷软件有限公司");
    assert_eq!(back.customers, vec![a, b]);
    assert_eq!(back.market_share, Some(18));

    // Each customer lists it.
    let q = CompetitorQuery {
        customer_id: Some(a),
        ..Default::default()
    };
    let rows = store.competitor_page(&q, 0, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].customers, 2);
    assert_eq!(rows[0].threat, Threat::High);

    // An update that drops a customer is logged as one change of the list.
    let mut c = back;
    c.customers = vec![a];
    c.threat = Threat::Low;
    store.save_competitor(&c).unwrap();
    let h = store.history("competitors", id).unwrap();
    assert!(h.iter().any(|e| e.field.as_deref() == Some("customers")
        && e.old_value.as_deref() == Some(&format!("{a},{b}")[..])));
    assert!(h.iter().any(|e| e.field.as_deref() == Some("threat")));
    assert_eq!(
        store
            .count_competitors(&CompetitorQuery {
                customer_id: Some(b),
                ..Default::default()
            })
            .unwrap(),
        0
    );
}

#[test]
fn competitor_names_are_unique_and_checked() {
    let (_d, mut store) = temp_store();
    store.save_competitor(&competitor("迅捷软件")).unwrap();
    match store.save_competitor(&competitor("迅捷软件")) {
        Err(StoreError::InvalidCompetitor(p)) => {
            assert!(p.contains(&(CompetitorField::Name, Problem::DuplicateName)))
        }
        other => panic!("{other:?}"),
    }
    let mut bad = competitor("");
    bad.market_share = Some(150);
    bad.website = "not a site".into();
    match store.save_competitor(&bad) {
        Err(StoreError::InvalidCompetitor(p)) => assert_eq!(p.len(), 3, "{p:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        store
            .count_competitors(&CompetitorQuery::default())
            .unwrap(),
        1
    );
}

#[test]
fn intelligence_is_dated_and_newest_first() {
    let (_d, mut store) = temp_store();
    let id = store.save_competitor(&competitor("迅捷软件")).unwrap();
    for (on, text) in [("2026-03-01", "降价 10%"), ("2026/10/5", "新品发布")] {
        store
            .add_intel(
                id,
                &Intel {
                    on: on.into(),
                    source: "展会".into(),
                    reported_by: "李娜".into(),
                    text: text.into(),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let list = store.intel(id).unwrap();
    assert_eq!(list[0].on, "2026-10-05");
    assert_eq!(list[0].text, "新品发布");
    assert!(matches!(
        store.add_intel(id, &Intel::default()),
        Err(StoreError::InvalidCompetitor(_))
    ));
    assert_eq!(
        store.history("competitors", id).unwrap().len(),
        3,
        "the two entries show on the competitor"
    );
}

#[test]
fn trash_and_restore_of_a_competitor() {
    let (_d, mut store) = temp_store();
    let id = store.save_competitor(&competitor("迅捷软件")).unwrap();
    store.trash_competitor(id).unwrap();
    assert_eq!(
        store
            .count_competitors(&CompetitorQuery::default())
            .unwrap(),
        0
    );
    // While it is in the trash its name is free; restoring then refuses.
    let other = store.save_competitor(&competitor("迅捷软件")).unwrap();
    assert!(matches!(
        store.restore_competitor(id),
        Err(StoreError::NameTakenOnRestore)
    ));
    store.trash_competitor(other).unwrap();
    store.restore_competitor(id).unwrap();
    assert_eq!(
        store
            .count_competitors(&CompetitorQuery::default())
            .unwrap(),
        1
    );
}

#[test]
fn news_links_customers_and_competitors_and_is_listed_newest_first() {
    let (_d, mut store) = temp_store();
    let a = store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    let comp = store.save_competitor(&competitor("迅捷软件")).unwrap();
    let older = store
        .save_news(&News {
            on: "2026-01-10".into(),
            title: "软件企业增值税优惠延续".into(),
            category: "政策法规".into(),
            tags: "税收, 软件，优惠".into(),
            ..Default::default()
        })
        .unwrap();
    let newer = store
        .save_news(&News {
            on: "2026年11月2日".into(),
            title: "迅捷软件拿下华信科技订单".into(),
            category: "竞争对手".into(),
            customers: vec![a],
            competitors: vec![comp],
            ..Default::default()
        })
        .unwrap();
    let all = store.news_page(&NewsQuery::default(), 0, 10).unwrap();
    assert_eq!(
        all.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![newer, older]
    );
    assert_eq!(all[0].on, "2026-11-02");
    assert_eq!(all[1].tags, "税收，软件，优惠");
    let of_customer = NewsQuery {
        customer_id: Some(a),
        ..Default::default()
    };
    assert_eq!(store.count_news(&of_customer).unwrap(), 1);
    let of_comp = NewsQuery {
        competitor_id: Some(comp),
        ..Default::default()
    };
    assert_eq!(store.count_news(&of_comp).unwrap(), 1);
    let found = NewsQuery {
        text: "增值税".into(),
        ..Default::default()
    };
    assert_eq!(store.count_news(&found).unwrap(), 1);
    let cat = NewsQuery {
        category: Some("政策法规".into()),
        ..Default::default()
    };
    assert_eq!(store.count_news(&cat).unwrap(), 1);

    store.trash_news(newer).unwrap();
    assert_eq!(store.count_news(&of_customer).unwrap(), 0);
    store.restore_news(newer).unwrap();
    assert_eq!(store.news_item(newer).unwrap().competitors, vec![comp]);
    assert!(matches!(
        store.save_news(&News::default()),
        Err(StoreError::InvalidNews(p)) if p.len() == 2
    ));
}

#[test]
fn emptying_the_trash_of_a_linked_customer_keeps_the_database_sound() {
    let (_d, mut store) = temp_store();
    let a = store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    let mut c = competitor("迅捷软件");
    c.customers = vec![a];
    let comp = store.save_competitor(&c).unwrap();
    store
        .save_news(&News {
            on: "2026-01-10".into(),
            title: "华信扩产".into(),
            customers: vec![a],
            ..Default::default()
        })
        .unwrap();
    store.trash_customer(a).unwrap();
    assert_eq!(
        store
            .competitor_page(&CompetitorQuery::default(), 0, 10)
            .unwrap()[0]
            .customers,
        0
    );
    store.empty_trash().unwrap();
    assert!(store.check().unwrap().is_empty());
    assert!(store.competitor(comp).unwrap().customers.is_empty());
}

#[test]
fn the_demo_brings_competitors_with_intelligence_and_linked_news() {
    let (_d, mut store) = temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    let rows = store
        .competitor_page(&CompetitorQuery::default(), 0, 50)
        .unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0].threat, Threat::High, "the most threatening first");
    assert!(rows.iter().all(|r| r.customers >= 1), "{rows:?}");
    assert!(!store.intel(rows[0].id).unwrap().is_empty());
    assert_eq!(store.count_news(&NewsQuery::default()).unwrap(), 8);
    let hx = store
        .customer_page(
            &kehu::store::CustomerQuery {
                text: "北京华信科技有限公司".into(),
                ..Default::default()
            },
            0,
            1,
        )
        .unwrap()[0]
        .id;
    assert_eq!(
        store
            .count_news(&NewsQuery {
                customer_id: Some(hx),
                ..Default::default()
            })
            .unwrap(),
        1
    );
}

#[test]
fn the_trash_holds_every_kind_with_who_and_when_and_gives_each_back() {
    use kehu::store::trash::TrashKind;
    let (_d, mut store) = temp_store();
    let a = store
        .save_customer(&customer("北京华信科技有限公司"))
        .unwrap();
    let b = store
        .save_customer(&customer("上海东方贸易有限公司"))
        .unwrap();
    let fb = store
        .save_feedback(&kehu::domain::feedback::Feedback {
            customer_id: Some(a),
            subject: "回访".into(),
            at: "2026-01-05 10:00".into(),
            ..Default::default()
        })
        .unwrap();
    let comp = store.save_competitor(&competitor("迅捷软件")).unwrap();
    let news = store
        .save_news(&News {
            on: "2026-01-10".into(),
            title: "华信扩产".into(),
            customers: vec![a],
            competitors: vec![comp],
            ..Default::default()
        })
        .unwrap();
    store.trash_customer(b).unwrap();
    store.trash_feedback(fb).unwrap();
    store.trash_competitor(comp).unwrap();
    store.trash_news(news).unwrap();
    let items = store.trash_items().unwrap();
    let kinds: Vec<TrashKind> = items.iter().map(|i| i.kind).collect();
    for k in [
        TrashKind::Customer,
        TrashKind::Feedback,
        TrashKind::Competitor,
        TrashKind::News,
    ] {
        assert!(kinds.contains(&k), "{k:?} in {items:?}");
    }
    assert!(
        items
            .iter()
            .all(|i| i.deleted_by == "admin" && !i.deleted_at.is_empty())
    );
    let f = items
        .iter()
        .find(|i| i.kind == TrashKind::Feedback)
        .unwrap();
    assert_eq!(f.title, "北京华信科技有限公司：回访");

    store.restore_item(TrashKind::Feedback, fb).unwrap();
    store.restore_item(TrashKind::Customer, b).unwrap();
    assert_eq!(store.trash_items().unwrap().len(), 2);

    // A clerk cannot empty it, even through the store.
    store
        .add_user("xiaoli", "小李", kehu::domain::Role::Clerk, "clerk-pass-1")
        .unwrap();
    store.sign_out();
    store.sign_in("xiaoli", "clerk-pass-1").unwrap();
    assert!(matches!(
        store.empty_all_trash(),
        Err(StoreError::NotAllowed)
    ));
    store.sign_out();
    store.sign_in("admin", common::ADMIN_PASSWORD).unwrap();
    let (n, snapshot) = store.empty_all_trash().unwrap();
    assert_eq!(n, 2);
    assert!(snapshot.is_file());
    assert!(store.trash_items().unwrap().is_empty());
    assert!(store.check().unwrap().is_empty(), "no dangling links");
    assert!(store.competitor(comp).is_err());
}
