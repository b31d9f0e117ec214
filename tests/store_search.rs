//! Finding customers as the clerk types: one- and two-character Chinese, longer text,
//! phones, contacts, pinyin initials; filters, sorting and paging.

mod common;

use common::{contact, customer, temp_store};
use kehu::domain::{Contact, Customer, CustomerStatus, Grade};
use kehu::store::{CustomerQuery, SortKey, Store};

fn names(store: &Store, q: &CustomerQuery) -> Vec<String> {
    store
        .customer_page(q, 0, 1000)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect()
}

fn search(store: &Store, text: &str) -> Vec<String> {
    names(
        store,
        &CustomerQuery {
            text: text.into(),
            ..Default::default()
        },
    )
}

fn sample() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    let mut a = customer("北京华信科技有限公司");
    a.city = "北京".into();
    a.address = "北京市海淀区中关村大街27号".into();
    a.phone = "010-6253 1188".into();
    a.contacts = vec![Contact {
        mobile: "138 0101 2345".into(),
        ..contact("刘海燕")
    }];
    let mut b = customer("上海瑞丰贸易有限公司");
    b.city = "上海".into();
    b.address = "上海市浦东新区张杨路500号".into();
    b.contacts = vec![contact("黄文博")];
    let mut c = customer("南京北辰机械有限公司");
    c.city = "南京".into();
    c.address = "南京市建邺区江东中路359号".into();
    let mut d = customer("Acme Trading Co.");
    d.city = "深圳".into();
    for x in [a, b, c, d] {
        store.save_customer(&x).unwrap();
    }
    (dir, store)
}

#[test]
fn one_chinese_character_matches_anywhere_in_name_or_address() {
    let (_d, store) = sample();
    assert_eq!(
        search(&store, "北"),
        ["北京华信科技有限公司", "南京北辰机械有限公司"]
    );
    assert_eq!(search(&store, "浦"), ["上海瑞丰贸易有限公司"]);
}

#[test]
fn two_chinese_characters_match_as_a_substring() {
    let (_d, store) = sample();
    assert_eq!(search(&store, "北京"), ["北京华信科技有限公司"]);
    assert_eq!(search(&store, "华信"), ["北京华信科技有限公司"]);
    assert_eq!(search(&store, "有限"), search(&store, "有限公司"));
    assert_eq!(
        search(&store, "信华"),
        Vec::<String>::new(),
        "characters in the wrong order"
    );
    assert_eq!(
        search(&store, "京北"),
        ["南京北辰机械有限公司"],
        "across the city and the name"
    );
}

#[test]
fn longer_text_phones_and_contacts_are_found() {
    let (_d, store) = sample();
    assert_eq!(search(&store, "华信科技"), ["北京华信科技有限公司"]);
    assert_eq!(search(&store, "6253"), ["北京华信科技有限公司"]);
    assert_eq!(
        search(&store, "13801012345"),
        ["北京华信科技有限公司"],
        "spaces in the stored mobile do not matter"
    );
    assert_eq!(search(&store, "黄文博"), ["上海瑞丰贸易有限公司"]);
    assert_eq!(search(&store, "KH000002"), ["上海瑞丰贸易有限公司"]);
    assert_eq!(
        search(&store, "acme"),
        ["Acme Trading Co."],
        "Latin letters ignore case"
    );
    assert_eq!(
        search(&store, "ａｃｍｅ"),
        ["Acme Trading Co."],
        "full-width letters fold"
    );
}

#[test]
fn one_or_two_chinese_characters_of_a_contact_name_match() {
    let (_d, store) = sample();
    assert_eq!(search(&store, "海燕"), ["北京华信科技有限公司"]);
    assert_eq!(search(&store, "文"), ["上海瑞丰贸易有限公司"]);
}

#[test]
fn pinyin_initials_find_a_chinese_name() {
    let (_d, store) = sample();
    assert_eq!(search(&store, "bjhx"), ["北京华信科技有限公司"]);
    assert_eq!(search(&store, "shrf"), ["上海瑞丰贸易有限公司"]);
}

#[test]
fn two_letters_of_pinyin_initials_find_a_name_too() {
    let (_d, store) = sample();
    assert_eq!(search(&store, "bj"), ["北京华信科技有限公司"]);
    assert_eq!(search(&store, "rf"), ["上海瑞丰贸易有限公司"]);
    // A contact's initials (刘海燕 → lhy), and full-width letters fold.
    assert_eq!(search(&store, "ｈｙ"), ["北京华信科技有限公司"]);
    // Two letters still find a Latin name by its beginning, and nothing else.
    assert_eq!(search(&store, "ac"), ["Acme Trading Co."]);
    assert!(search(&store, "qz").is_empty());
    // With another term, both must match.
    assert_eq!(search(&store, "bj 海燕"), ["北京华信科技有限公司"]);
    assert!(search(&store, "bj 机械").is_empty());
}

#[test]
fn several_words_must_all_match() {
    let (_d, store) = sample();
    assert_eq!(search(&store, "北 机械"), ["南京北辰机械有限公司"]);
    assert_eq!(search(&store, "北京 机械"), Vec::<String>::new());
}

#[test]
fn a_latin_name_with_short_words_is_found_as_typed() {
    let (_d, mut store) = sample();
    for n in ["Jesse L. Jackson Jr.", "Bank of China Ltd", "John Q Adams"] {
        store.save_customer(&customer(n)).unwrap();
    }
    // Each short word (L., of, Q) is looked for anywhere in the name, not as the start
    // of a name: the whole name typed finds it, and so does an initial and a surname.
    assert_eq!(
        search(&store, "Jesse L. Jackson Jr."),
        ["Jesse L. Jackson Jr."]
    );
    assert_eq!(search(&store, "bank of china"), ["Bank of China Ltd"]);
    assert_eq!(search(&store, "John Q Adams"), ["John Q Adams"]);
    assert_eq!(search(&store, "Adams"), ["John Q Adams"]);
    assert_eq!(search(&store, "J Adams"), ["John Q Adams"]);
    assert_eq!(search(&store, "jackson jr. l."), ["Jesse L. Jackson Jr."]);
    // Words still need not be typed in order, and each must match.
    assert_eq!(search(&store, "Jackson Jesse"), ["Jesse L. Jackson Jr."]);
    assert!(search(&store, "Jesse Q Jackson").is_empty());
    // Short words alone keep their meaning: the beginning of a name, pinyin initials.
    assert_eq!(search(&store, "ba"), ["Bank of China Ltd"]);
    assert_eq!(search(&store, "bj hx"), ["北京华信科技有限公司"]);
    assert_eq!(search(&store, "sh 瑞"), ["上海瑞丰贸易有限公司"]);
}

#[test]
fn odd_input_does_not_break_search() {
    let (_d, store) = sample();
    for text in [
        "\"",
        "\"\"\"",
        "a\"b\"c",
        "*",
        "OR",
        "NEAR(",
        "%",
        "_",
        "\\",
        "'; DROP TABLE customers; --",
        "   ",
    ] {
        let q = CustomerQuery {
            text: text.into(),
            ..Default::default()
        };
        store.count_customers(&q).unwrap();
        store.customer_page(&q, 0, 10).unwrap();
    }
    assert_eq!(store.customer_total().unwrap(), 4);
}

#[test]
fn an_edit_is_searchable_at_once_and_the_old_name_is_gone() {
    let (_d, mut store) = sample();
    let id = store
        .customer_page(
            &CustomerQuery {
                text: "瑞丰".into(),
                ..Default::default()
            },
            0,
            1,
        )
        .unwrap()[0]
        .id;
    let (mut c, _) = store.customer(id).unwrap();
    c.name = "上海嘉禾贸易有限公司".into();
    c.contacts[0].name = "林晓东".into();
    store.save_customer(&c).unwrap();
    assert!(search(&store, "瑞丰").is_empty());
    assert!(search(&store, "黄文博").is_empty());
    assert_eq!(search(&store, "嘉禾"), ["上海嘉禾贸易有限公司"]);
    assert_eq!(search(&store, "晓东"), ["上海嘉禾贸易有限公司"]);
}

/// Every field search reads is searchable at once after a save that changes only it; a
/// save that changes nothing search reads (the salesperson) keeps the customer found.
#[test]
fn a_change_of_any_one_searched_field_is_found_at_once() {
    let (_d, mut store) = temp_store();
    let mut c = customer("北京华信科技有限公司");
    c.contacts = vec![contact("刘海燕")];
    let id = store.save_customer(&c).unwrap();
    type Set = fn(&mut Customer, &str);
    let fields: [(&str, Set, &str); 11] = [
        ("code", |c, v| c.code = v.into(), "KH777001"),
        ("name", |c, v| c.name = v.into(), "南京北辰机械有限公司"),
        ("province", |c, v| c.province = v.into(), "黑龙江省"),
        ("city", |c, v| c.city = v.into(), "齐齐哈尔"),
        ("address", |c, v| c.address = v.into(), "龙沙区卜奎大街9号"),
        ("phone", |c, v| c.phone = v.into(), "0452-2468013"),
        ("mobile", |c, v| c.mobile = v.into(), "13904521357"),
        ("fax", |c, v| c.fax = v.into(), "0452-9753102"),
        ("email", |c, v| c.email = v.into(), "qqhr@example.cn"),
        (
            "contact name",
            |c, v| c.contacts[0].name = v.into(),
            "欧阳娜娜",
        ),
        (
            "contact mobile",
            |c, v| c.contacts[0].mobile = v.into(),
            "18645678901",
        ),
    ];
    for (what, set, value) in fields {
        let (mut c, _) = store.customer(id).unwrap();
        set(&mut c, value);
        store.save_customer(&c).unwrap();
        assert_eq!(search(&store, value).len(), 1, "{what} {value} not found");
    }
    let (mut c, _) = store.customer(id).unwrap();
    c.owner = "王强".into();
    c.grade = Grade::A;
    store.save_customer(&c).unwrap();
    for term in ["南京北辰", "齐齐哈尔", "0452-2468013", "欧阳娜娜", "njbc"] {
        assert_eq!(search(&store, term).len(), 1, "{term} not found");
    }
    assert!(search(&store, "华信").is_empty(), "the old name is gone");
}

#[test]
fn filters_combine_with_search_and_counts_follow() {
    let (_d, mut store) = temp_store();
    for (i, (grade, owner, status)) in [
        (Grade::A, "张明", CustomerStatus::Active),
        (Grade::A, "李娜", CustomerStatus::Lost),
        (Grade::B, "张明", CustomerStatus::Active),
        (Grade::A, "张明", CustomerStatus::Active),
    ]
    .into_iter()
    .enumerate()
    {
        let c = Customer {
            grade,
            owner: owner.into(),
            status,
            industry: if i % 2 == 0 { "化工" } else { "医药健康" }.into(),
            ..customer(&format!("北京第{i}公司"))
        };
        store.save_customer(&c).unwrap();
    }
    let q = CustomerQuery {
        grade: Some(Grade::A),
        owner: Some("张明".into()),
        ..Default::default()
    };
    assert_eq!(names(&store, &q), ["北京第0公司", "北京第3公司"]);
    assert_eq!(store.count_customers(&q).unwrap(), 2);
    let q = CustomerQuery {
        status: Some(CustomerStatus::Lost),
        text: "北京".into(),
        ..Default::default()
    };
    assert_eq!(names(&store, &q), ["北京第1公司"]);
    let q = CustomerQuery {
        industry: Some("化工".into()),
        ..Default::default()
    };
    assert_eq!(store.count_customers(&q).unwrap(), 2);
    assert!(q.is_filtering());
    assert!(!CustomerQuery::default().is_filtering());
    assert_eq!(store.customer_total().unwrap(), 4);
}

#[test]
fn pages_cover_the_list_once_in_sorted_order() {
    let (_d, mut store) = temp_store();
    let customers = (0..250).map(|i| Customer {
        grade: [Grade::A, Grade::B, Grade::C, Grade::D][i % 4],
        ..customer(&format!("客户{i:03}"))
    });
    store.insert_customers(customers, |_| {}).unwrap();
    let q = CustomerQuery {
        sort: SortKey::Name,
        descending: true,
        ..Default::default()
    };
    let mut seen = Vec::new();
    for page in 0..3 {
        seen.extend(
            store
                .customer_page(&q, page * 100, 100)
                .unwrap()
                .into_iter()
                .map(|r| r.name),
        );
    }
    assert_eq!(seen.len(), 250);
    let expected: Vec<String> = (0..250).rev().map(|i| format!("客户{i:03}")).collect();
    assert_eq!(seen, expected);

    let by_grade = CustomerQuery {
        sort: SortKey::Grade,
        ..Default::default()
    };
    let rows = store.customer_page(&by_grade, 0, 250).unwrap();
    assert!(
        rows.windows(2)
            .all(|w| w[0].grade.code() <= w[1].grade.code())
    );
    assert_eq!(rows[0].grade, Grade::A);
    assert_eq!(rows[249].grade, Grade::D);
}

#[test]
fn the_list_shows_the_main_contact_and_a_phone() {
    let (_d, mut store) = temp_store();
    let c = Customer {
        mobile: "13912345678".into(),
        contacts: vec![
            contact("甲"),
            Contact {
                is_primary: true,
                ..contact("乙")
            },
        ],
        ..customer("武汉长江汇通物流有限公司")
    };
    store.save_customer(&c).unwrap();
    let row = &store
        .customer_page(&CustomerQuery::default(), 0, 1)
        .unwrap()[0];
    assert_eq!(row.contact, "乙");
    assert_eq!(
        row.phone, "13912345678",
        "the mobile stands in when there is no landline"
    );
}

#[test]
fn names_sort_in_pinyin_order_as_a_chinese_reader_expects() {
    let (_d, mut store) = temp_store();
    for n in [
        "上海瑞丰贸易有限公司",
        "重庆天成科技有限公司",
        "北京华信科技有限公司",
        "安徽同创新材料有限公司",
        "Acme Trading Co.",
    ] {
        store.save_customer(&customer(n)).unwrap();
    }
    let q = CustomerQuery {
        sort: SortKey::Name,
        ..Default::default()
    };
    assert_eq!(
        names(&store, &q),
        [
            "Acme Trading Co.",
            "安徽同创新材料有限公司",
            "北京华信科技有限公司",
            "上海瑞丰贸易有限公司",
            "重庆天成科技有限公司"
        ]
    );
}

#[test]
fn counts_follow_changes_made_here_and_by_another_program() {
    let (dir, mut store) = sample();
    let q = CustomerQuery {
        text: "北京".into(),
        ..Default::default()
    };
    assert_eq!(store.count_customers(&q).unwrap(), 1);
    store
        .save_customer(&customer("北京恒达机电设备有限公司"))
        .unwrap();
    assert_eq!(store.count_customers(&q).unwrap(), 2, "after a save here");
    // The command line (or a second window) writes to the same file.
    let mut other = Store::open(&dir.path().join("kehu.sqlite3")).unwrap();
    other.set_actor(kehu::store::Actor::os_user());
    other
        .save_customer(&customer("北京东方嘉禾文化传媒有限公司"))
        .unwrap();
    assert_eq!(
        store.count_customers(&q).unwrap(),
        3,
        "after a save elsewhere"
    );
    assert_eq!(store.customer_page(&q, 0, 10).unwrap().len(), 3);
}

/// Many customers saved at once (the import's and the demo's path) get exactly the
/// search entries that rebuilding the index from the tables gives them.
#[test]
fn customers_saved_in_bulk_are_indexed_as_a_rebuild_would_index_them() {
    let (_dir, mut store) = common::temp_store();
    let mut customers: Vec<_> = kehu::demo::generate(300, 5).collect();
    customers[0].contacts.push(common::contact("欧阳娜娜"));
    store.insert_customers(customers, |_| {}).unwrap();
    let grams = |conn: &rusqlite::Connection| -> Vec<(String, i64)> {
        conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.cjk_words
             USING fts5vocab(main, customer_cjk, instance)",
        )
        .unwrap();
        conn.prepare("SELECT term, doc FROM temp.cjk_words ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let terms = [
        "欧阳",
        "北",
        "有限公司",
        "0755",
        "kh00001",
        "bjhx",
        "example.com",
    ];
    let found = |store: &Store| -> Vec<u64> {
        terms
            .iter()
            .map(|t| {
                store
                    .count_customers(&kehu::store::CustomerQuery {
                        text: (*t).into(),
                        ..Default::default()
                    })
                    .unwrap()
            })
            .collect()
    };
    let before_found = found(&store);
    assert!(before_found.iter().all(|n| *n > 0), "{before_found:?}");
    let path = store.path().to_path_buf();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let before = grams(&conn);
    assert!(before.len() > 3_000, "{} character words", before.len());
    conn.execute_batch("BEGIN").unwrap();
    kehu::store::search::reindex_all(&conn).unwrap();
    conn.execute_batch("COMMIT").unwrap();
    assert_eq!(grams(&conn), before);
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(found(&store), before_found);
}

#[test]
fn a_term_most_customers_match_pages_the_same_whichever_way_it_is_looked_up() {
    let (_dir, mut store) = temp_store();
    let mut trashed = None;
    for i in 0..60 {
        let mut c = customer(&match i % 4 {
            0 => format!("华东贸易{i:02}号"),
            _ => format!("恒达机电{i:02}有限公司"),
        });
        if i % 7 == 0 {
            c.address = "中山路有限公司大楼".into();
        }
        c.owner = ["张明", "李娜", "王强"][i % 3].into();
        let id = store.save_customer(&c).unwrap();
        if i == 5 {
            trashed = Some(id);
        }
    }
    store.trash_customer(trashed.unwrap()).unwrap();
    for sort in [SortKey::Name, SortKey::Owner, SortKey::Code] {
        for descending in [false, true] {
            let q = CustomerQuery {
                text: "有限公司".into(),
                sort,
                descending,
                ..Default::default()
            };
            let n = store.count_customers(&q).unwrap();
            // 44 of the 45 such names (one is in the trash), and three 华东 ones by address.
            assert_eq!(n, 44 + 3);
            // Past the first pages: the set of every match is built once.
            let whole: Vec<i64> = store
                .customer_page(&q, 0, 5_000)
                .unwrap()
                .into_iter()
                .map(|r| r.id)
                .collect();
            // The first pages: each customer looked up by its id.
            let mut paged = Vec::new();
            for page in 0..5 {
                paged.extend(
                    store
                        .customer_page(&q, page * 10, 10)
                        .unwrap()
                        .into_iter()
                        .map(|r| r.id),
                );
            }
            assert_eq!(whole.len(), 47);
            assert_eq!(paged, whole, "{sort:?} descending {descending}");
            assert!(!whole.contains(&trashed.unwrap()));
        }
    }
}
