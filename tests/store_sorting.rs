//! Every record list sorts by any of its columns, up and down, from the store: the order
//! the list shows when its header is clicked.

mod common;

use kehu::store::Sort;
use kehu::store::competitors::CompetitorQuery;
use kehu::store::contracts::ContractQuery;
use kehu::store::feedback::FeedbackQuery;
use kehu::store::news::NewsQuery;

fn by(column: usize, descending: bool) -> Option<Sort> {
    Some(Sort { column, descending })
}

fn sorted<T: Clone + Ord>(v: &[T], descending: bool) -> Vec<T> {
    let mut s = v.to_vec();
    s.sort();
    if descending {
        s.reverse();
    }
    s
}

#[test]
fn contracts_sort_by_amount_and_balance_both_ways() {
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    for descending in [false, true] {
        let q = ContractQuery {
            sort: by(3, descending),
            ..Default::default()
        };
        let amounts: Vec<i64> = store
            .contract_page(&q, 0, 100)
            .unwrap()
            .iter()
            .map(|r| r.amount_fen)
            .collect();
        assert!(amounts.len() >= 5);
        assert_eq!(amounts, sorted(&amounts, descending));
        let q = ContractQuery {
            sort: by(4, descending),
            ..Default::default()
        };
        let balances: Vec<i64> = store
            .contract_page(&q, 0, 100)
            .unwrap()
            .iter()
            .map(|r| r.amount_fen - r.received_fen)
            .collect();
        assert_eq!(balances, sorted(&balances, descending));
    }
    // A column the list does not have keeps the list's own order (newest first).
    let own = store
        .contract_page(&ContractQuery::default(), 0, 100)
        .unwrap();
    let odd = ContractQuery {
        sort: by(99, false),
        ..Default::default()
    };
    assert_eq!(store.contract_page(&odd, 0, 100).unwrap(), own);
}

#[test]
fn feedback_competitors_and_news_sort_by_their_columns() {
    let (_dir, mut store) = common::temp_store();
    kehu::demo::fill(&mut store, 0).unwrap();
    for descending in [false, true] {
        let subjects: Vec<String> = store
            .feedback_page(
                &FeedbackQuery {
                    sort: by(3, descending),
                    ..Default::default()
                },
                0,
                100,
            )
            .unwrap()
            .into_iter()
            .map(|r| r.subject)
            .collect();
        assert!(subjects.len() >= 5);
        assert_eq!(subjects, sorted(&subjects, descending));

        let shares: Vec<Option<u8>> = store
            .competitor_page(
                &CompetitorQuery {
                    sort: by(4, descending),
                    ..Default::default()
                },
                0,
                100,
            )
            .unwrap()
            .into_iter()
            .map(|r| r.market_share)
            .collect();
        assert!(shares.len() >= 3);
        assert_eq!(shares, sorted(&shares, descending));

        let titles: Vec<String> = store
            .news_page(
                &NewsQuery {
                    sort: by(1, descending),
                    ..Default::default()
                },
                0,
                100,
            )
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect();
        assert!(titles.len() >= 3);
        assert_eq!(titles, sorted(&titles, descending));
    }
}

/// The lists' counts are remembered between keystrokes; any change, from this program or
/// another one on the same file, is counted again.
#[test]
fn list_counts_follow_every_change_from_this_program_or_another() {
    use kehu::domain::feedback::Feedback;
    let (_dir, mut store) = common::temp_store();
    let customer = store
        .save_customer(&common::customer("北京华信科技有限公司"))
        .unwrap();
    let all = FeedbackQuery::default();
    let item = |subject: &str| Feedback {
        customer_id: Some(customer),
        at: "2026-11-20 10:00".into(),
        subject: subject.into(),
        ..Default::default()
    };
    assert_eq!(store.count_feedback(&all).unwrap(), 0);
    let first = store.save_feedback(&item("季度拜访")).unwrap();
    assert_eq!(store.count_feedback(&all).unwrap(), 1);
    let mut other = kehu::store::Store::open(store.path()).unwrap();
    other.sign_in("admin", common::ADMIN_PASSWORD).unwrap();
    other.save_feedback(&item("报价跟进")).unwrap();
    assert_eq!(
        store.count_feedback(&all).unwrap(),
        2,
        "another program's save"
    );
    store.trash_feedback(first).unwrap();
    assert_eq!(store.count_feedback(&all).unwrap(), 1);
    // A customer in the trash takes its feedback out of the list with it.
    store.trash_customer(customer).unwrap();
    assert_eq!(store.count_feedback(&all).unwrap(), 0);
    assert!(store.feedback_page(&all, 0, 10).unwrap().is_empty());
    let contracts = ContractQuery::default();
    let before = store.count_contracts(&contracts).unwrap();
    let c2 = store
        .save_customer(&common::customer("上海瑞丰贸易有限公司"))
        .unwrap();
    store
        .save_contract(&kehu::domain::contract::Contract {
            number: "HT-2026-777".into(),
            customer_id: Some(c2),
            title: "年度供货合同".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(store.count_contracts(&contracts).unwrap(), before + 1);
}

/// Where a customer stands in the list as shown (its search, filter and sort): the row
/// the list scrolls to when the customer is opened from another tab.
#[test]
fn a_customers_position_is_its_row_in_the_list_as_shown() {
    use kehu::store::{CustomerQuery, customers::SortKey};
    let (_dir, mut store) = common::temp_store();
    store
        .insert_customers(kehu::demo::generate(400, 3), |_| {})
        .unwrap();
    let queries = [
        CustomerQuery::default(),
        CustomerQuery {
            sort: SortKey::City,
            descending: true,
            ..Default::default()
        },
        CustomerQuery {
            sort: SortKey::Updated,
            ..Default::default()
        },
        CustomerQuery {
            text: "北京".into(),
            sort: SortKey::Code,
            descending: true,
            ..Default::default()
        },
    ];
    for q in queries {
        let rows = store.customer_page(&q, 0, 1_000).unwrap();
        assert!(rows.len() > 5, "{q:?}");
        for (i, r) in rows.iter().enumerate().step_by(7) {
            assert_eq!(
                store.customer_position(&q, r.id).unwrap(),
                Some(i as u64),
                "{q:?} {}",
                r.name
            );
        }
    }
    // Not in the list shown: no position.
    let q = CustomerQuery {
        text: "北京".into(),
        ..Default::default()
    };
    let shown: Vec<i64> = store
        .customer_page(&q, 0, 1_000)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    let other = store
        .customer_page(&CustomerQuery::default(), 0, 1_000)
        .unwrap()
        .into_iter()
        .find(|r| !shown.contains(&r.id))
        .unwrap();
    assert_eq!(store.customer_position(&q, other.id).unwrap(), None);
}
