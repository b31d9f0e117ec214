//! The real `kehu` binary from the command line: it never prompts, logs its changes as the
//! operating-system user, and fails with a one-line reason and a non-zero exit code.

use std::process::{Command, Stdio};

use kehu::store::{CustomerQuery, Store};

fn kehu() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kehu"));
    c.stdin(Stdio::null()).env("USER", "xiaowang");
    c
}

#[test]
fn demo_adds_searchable_customers_logged_as_the_os_user() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    let out = kehu()
        .args(["--db", db.to_str().unwrap(), "demo", "--customers", "30"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("已添加"), "{stdout}");
    let store = Store::open(&db).unwrap();
    let total = store.customer_total().unwrap();
    assert!(total >= 30, "{total}");
    let beijing = store
        .count_customers(&CustomerQuery {
            text: "北京".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(
        beijing >= 3,
        "the hand-written Beijing customers are there: {beijing}"
    );
    let row = &store
        .customer_page(&CustomerQuery::default(), 0, 1)
        .unwrap()[0];
    let history = store.history("customers", row.id).unwrap();
    assert_eq!(history[0].user, "xiaowang");
}

#[test]
fn a_database_that_cannot_be_opened_fails_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let not_db = dir.path().join("list.csv");
    std::fs::write(
        &not_db,
        "客户名称,电话\n北京华信,010-62531188\n".repeat(200),
    )
    .unwrap();
    let before = std::fs::read(&not_db).unwrap();
    let out = kehu()
        .args(["--db", not_db.to_str().unwrap(), "demo"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("不是本系统的数据库"), "{stderr}");
    assert_eq!(
        std::fs::read(&not_db).unwrap(),
        before,
        "the file is untouched"
    );
}

#[test]
fn a_small_benchmark_runs_and_reports_every_figure() {
    let out = kehu()
        .args(["bench", "--customers", "300", "--searches", "8"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    for line in [
        "open → first frame",
        "搜索 1 字",
        "搜索 2 字",
        "搜索 3 字及以上",
        "page fetch",
        "peak RSS",
    ] {
        assert!(report.contains(line), "missing {line} in\n{report}");
    }
}

#[test]
fn a_small_work_list_benchmark_runs_and_reports_every_figure() {
    let out = kehu()
        .args([
            "bench-today",
            "--customers",
            "300",
            "--feedback",
            "3000",
            "--contacts",
            "900",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("300 customers, 900 contacts, 3000 feedback items"),
        "{report}"
    );
    for line in [
        "工作台, the whole list",
        "a line marked done, then the whole list",
    ] {
        assert!(report.contains(line), "missing {line} in\n{report}");
    }
}

#[test]
fn a_small_receivables_benchmark_runs_and_reports_every_figure() {
    let out = kehu()
        .args([
            "bench-receivables",
            "--customers",
            "200",
            "--installments",
            "2400",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("200 customers, 2400 installments"),
        "{report}"
    );
    for line in [
        "ageing list as of a date",
        "as the 应收账款 tab does it",
        "overdue installments",
        "credit check",
    ] {
        assert!(report.contains(line), "missing {line} in\n{report}");
    }
}

fn run_ok(args: &[&str]) -> String {
    let out = kehu().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// As [`run_ok`], signed in as the administrator (a database with accounts).
fn run_ok_admin(args: &[&str]) -> String {
    let out = kehu()
        .args(["--user", "admin"])
        .args(args)
        .env("KEHU_PASSWORD", "kehu-test-1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn import_dry_run_commit_undo_and_export_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    let db = db.to_str().unwrap();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/own_gbk_excel.csv"
    );
    let errors = dir.path().join("errors.csv");
    let out = run_ok(&[
        "--db",
        db,
        "import",
        file,
        "--dry-run",
        "--errors-out",
        errors.to_str().unwrap(),
    ]);
    assert!(out.contains("GBK 编码"), "{out}");
    assert!(out.contains("新增 2"), "{out}");
    assert!(out.contains("有错误 2"), "{out}");
    assert!(out.contains("第 6 行 手机「1.38E+10」"), "{out}");
    assert!(errors.is_file());
    assert_eq!(
        Store::open(std::path::Path::new(db))
            .unwrap()
            .customer_total()
            .unwrap(),
        0
    );

    let out = run_ok(&["--db", db, "import", file]);
    assert!(out.contains("新增 2 个客户"), "{out}");
    let store = Store::open(std::path::Path::new(db)).unwrap();
    assert_eq!(store.customer_total().unwrap(), 2);
    let row = &store
        .customer_page(&CustomerQuery::default(), 0, 1)
        .unwrap()[0];
    assert_eq!(
        store.history("customers", row.id).unwrap()[0].user,
        "xiaowang"
    );
    drop(store);

    let xlsx = dir.path().join("list.xlsx");
    let out = run_ok(&["--db", db, "export", "--out", xlsx.to_str().unwrap()]);
    assert!(out.contains("已导出 2 个客户"), "{out}");
    let t = kehu::io::read::open(&xlsx, &Default::default()).unwrap();
    assert_eq!(t.headers[1], "客户名称");
    let gbk = dir.path().join("list.csv");
    run_ok(&[
        "--db",
        db,
        "export",
        "--format",
        "csv",
        "--encoding",
        "gbk",
        "--search",
        "华信",
        "--out",
        gbk.to_str().unwrap(),
    ]);
    let t = kehu::io::read::open(&gbk, &Default::default()).unwrap();
    assert_eq!(t.layout.encoding_name(), "GBK");
    assert_eq!(t.rows.count(), 1);

    let out = run_ok(&["--db", db, "undo-import"]);
    assert!(out.contains("已撤销"), "{out}");
    assert_eq!(
        Store::open(std::path::Path::new(db))
            .unwrap()
            .customer_total()
            .unwrap(),
        0
    );
    let out = run_ok(&["--db", db, "imports"]);
    assert!(
        out.contains("own_gbk_excel.csv") && out.contains("已撤销"),
        "{out}"
    );
}

#[test]
fn import_of_a_bad_file_fails_with_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/own_binary_garbage.dat"
    );
    let out = kehu()
        .args(["--db", db.to_str().unwrap(), "import", file])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("不是表格文件"), "{err}");
}

fn pdf_text(path: &std::path::Path) -> String {
    let doc = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_default()
}

#[test]
fn print_the_list_a_card_and_a_contract_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    let db = db.to_str().unwrap();
    run_ok(&["--db", db, "demo", "--customers", "50"]);

    let list = dir.path().join("list.pdf");
    let out = run_ok(&[
        "--db",
        db,
        "print",
        "customers",
        "--search",
        "北京",
        "--columns",
        "name,phone",
        "--out",
        list.to_str().unwrap(),
    ]);
    assert!(out.contains("已打印到"), "{out}");
    let text: String = pdf_text(&list).split_whitespace().collect();
    assert!(text.contains("北京华信科技有限公司"), "{text}");

    let card = dir.path().join("card.pdf");
    run_ok(&[
        "--db",
        db,
        "print",
        "card",
        "--customer",
        "北京华信科技有限公司",
        "--out",
        card.to_str().unwrap(),
    ]);
    let text: String = pdf_text(&card).split_whitespace().collect();
    assert!(text.contains("客户卡片"), "{text}");

    let contract = dir.path().join("contract.pdf");
    run_ok(&[
        "--db",
        db,
        "print",
        "contract",
        "--number",
        "HT-2026-001",
        "--out",
        contract.to_str().unwrap(),
    ]);
    let text: String = pdf_text(&contract).split_whitespace().collect();
    assert!(text.contains("HT-2026-001"), "{text}");
    assert!(text.contains("北京华信科技有限公司"), "{text}");

    // An unknown number: one line, non-zero, no file.
    let missing = dir.path().join("missing.pdf");
    let out = kehu()
        .args([
            "--db",
            db,
            "print",
            "contract",
            "--number",
            "HT-1999-999",
            "--out",
            missing.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("HT-1999-999"), "{err}");
    assert!(!missing.exists());
}

#[test]
fn the_other_kinds_import_and_export_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let db = path.to_str().unwrap();
    {
        let mut store = Store::open(&path).unwrap();
        store.create_first_admin("kehu-test-1").unwrap();
        let c = kehu::domain::Customer {
            name: "北京华信科技有限公司".into(),
            ..Default::default()
        };
        store.save_customer(&c).unwrap();
    }
    let fb = dir.path().join("反馈.csv");
    let (bytes, _, _) = encoding_rs::GBK.encode(
        "日期,客户名称,类型,主题\r\n2026-03-05 10:00,北京华信科技,投诉,发票开错\r\n2026-03-06,北京华信科技,电话,询价\r\n",
    );
    std::fs::write(&fb, bytes).unwrap();
    let fb = fb.to_str().unwrap();
    let out = run_ok_admin(&["--db", db, "import", fb, "--kind", "feedback", "--dry-run"]);
    assert!(
        out.contains("GBK 编码") && out.contains("新增 2 条"),
        "{out}"
    );
    let out = run_ok_admin(&["--db", db, "import", fb, "--kind", "feedback"]);
    assert!(out.contains("新增 2 条"), "{out}");
    let out = run_ok_admin(&["--db", db, "import", fb, "--kind", "feedback", "--dry-run"]);
    assert!(out.contains("与已有记录重复 2 行（跳过 2）"), "{out}");

    let x = dir.path().join("反馈.xlsx");
    let out = run_ok(&[
        "--db",
        db,
        "export",
        "--kind",
        "feedback",
        "--search",
        "发票",
        "--out",
        x.to_str().unwrap(),
    ]);
    assert!(out.contains("已导出 1 条交往反馈"), "{out}");
    let (headers, rows) = kehu::io::records::read_all(&x).unwrap();
    assert_eq!(headers[0], "客户名称");
    assert_eq!(rows[0][3], "投诉");

    let out = run_ok_admin(&["--db", db, "undo-import"]);
    assert!(out.contains("已撤销"), "{out}");
    let store = Store::open(&path).unwrap();
    assert!(
        store
            .feedback_page(&Default::default(), 0, 5)
            .unwrap()
            .is_empty()
    );
    drop(store);

    let wrong = kehu()
        .args([
            "--db", db, "export", "--kind", "news", "--grade", "A", "--out", "x.csv",
        ])
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("只用于导出客户"));

    let bad = kehu()
        .args(["--db", db, "export", "--kind", "orders", "--out", "x.csv"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("不认识的种类“orders”") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn a_workbook_is_read_from_its_first_table_and_the_sheet_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/own_workbook_notes_first.xlsx");
    let out = run_ok(&[
        "--db",
        db.to_str().unwrap(),
        "import",
        file.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(out.contains("工作表“客户名单”"), "{out}");
    assert!(
        out.contains("第一张工作表「说明」没有表格，已选「客户名单」（200 行）"),
        "{out}"
    );
    assert!(out.contains("新增 200 个"), "{out}");
    let out = kehu()
        .args(["--db", db.to_str().unwrap(), "import"])
        .arg(&file)
        .args(["--sheet", "只有表头", "--dry-run"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("工作表「只有表头」只有表头"), "{err}");
}

/// `kehu report ageing|overdue`: the columns and money format scripts rely on, each
/// customer's line in its buckets, and the 合计 line.
#[test]
fn receivables_reports_from_the_command_line() {
    use kehu::domain::contract::{Contract, ContractStatus, Installment, Payment, Transition};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        store.create_first_admin("kehu-test-1").unwrap();
        let jia = store
            .save_customer(&kehu::domain::Customer {
                name: "甲方贸易有限公司".into(),
                ..Default::default()
            })
            .unwrap();
        let yi = store
            .save_customer(&kehu::domain::Customer {
                name: "乙方机电有限公司".into(),
                ..Default::default()
            })
            .unwrap();
        let counted = |store: &mut Store, c: Contract| -> i64 {
            let id = store.save_contract(&c).unwrap();
            if store.move_contract(id, Transition::Submit, "").unwrap() == ContractStatus::Submitted
            {
                store
                    .move_contract(id, Transition::Approve, "同意")
                    .unwrap();
            }
            id
        };
        let c = |customer: i64, number: &str, yuan: i64, signed: &str| Contract {
            number: number.into(),
            customer_id: Some(customer),
            title: "采购合同".into(),
            signed_on: signed.into(),
            amount_fen: yuan * 100,
            ..Default::default()
        };
        let a = counted(
            &mut store,
            Contract {
                plan: vec![
                    Installment {
                        due_on: "2026-01-31".into(),
                        amount_fen: 3_000_000,
                        note: "首付".into(),
                    },
                    Installment {
                        due_on: "2026-05-31".into(),
                        amount_fen: 7_000_000,
                        note: String::new(),
                    },
                ],
                ..c(jia, "HT-A", 100_000, "2026-01-01")
            },
        );
        store
            .add_payment(
                a,
                &Payment {
                    paid_on: "2026-02-15".into(),
                    amount_fen: 4_000_000,
                    ..Default::default()
                },
            )
            .unwrap();
        counted(&mut store, c(yi, "HT-B2", 20_000, "2025-06-01"));
        counted(&mut store, c(yi, "HT-B", 50_000, "2026-06-01"));
    }
    let ageing = dir.path().join("账龄.csv");
    let out = run_ok(&[
        "--db",
        db.to_str().unwrap(),
        "report",
        "ageing",
        "--as-of",
        "2026-06-30",
        "--out",
        ageing.to_str().unwrap(),
    ]);
    assert!(out.contains("已写出 2 行"), "{out}");
    let text = std::fs::read_to_string(&ageing).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        [
            "客户名称,应收余额,未到期,1-30天,31-60天,61-90天,91-180天,181-365天,365天以上",
            "乙方机电有限公司,70000.00,50000.00,0.00,0.00,0.00,0.00,20000.00,0.00",
            "甲方贸易有限公司,60000.00,0.00,60000.00,0.00,0.00,0.00,0.00,0.00",
            "合计,130000.00,50000.00,60000.00,0.00,0.00,0.00,20000.00,0.00",
        ]
    );
    let overdue = dir.path().join("逾期.xlsx");
    run_ok(&[
        "--db",
        db.to_str().unwrap(),
        "report",
        "overdue",
        "--as-of",
        "2026-06-30",
        "--out",
        overdue.to_str().unwrap(),
    ]);
    let (headers, rows) = kehu::io::records::read_all(&overdue).unwrap();
    assert_eq!(
        headers,
        ["合同编号", "客户名称", "到期日", "未付金额", "逾期天数"]
    );
    assert_eq!(
        rows,
        [
            ["HT-B2", "乙方机电有限公司", "2025-07-01", "20000.00", "364"],
            ["HT-A", "甲方贸易有限公司", "2026-05-31", "60000.00", "30"],
        ]
    );
    // The papers for collecting it: a reminder letter for what is overdue, with the
    // amount in Chinese capitals and the firm's name, and a statement of account.
    {
        let mut store = Store::open(&db).unwrap();
        store.sign_in("admin", "kehu-test-1").unwrap();
        let mut s = store.settings().unwrap();
        s.firm_name = "杭州远航机电有限公司".into();
        store.save_settings(&s).unwrap();
    }
    let letter = dir.path().join("催款函.pdf");
    let out = run_ok(&[
        "--db",
        db.to_str().unwrap(),
        "print",
        "reminder",
        "--customer",
        "甲方贸易有限公司",
        "--as-of",
        "2026-06-30",
        "--out",
        letter.to_str().unwrap(),
    ]);
    assert!(out.contains("已打印到"), "{out}");
    let text = pdf_text(&letter).replace([' ', '\n'], "");
    for part in [
        "催款函",
        "甲方贸易有限公司",
        "陆万元整",
        "杭州远航机电有限公司",
        "HT-A",
        "逾期30天",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    let statement = dir.path().join("对账单.pdf");
    run_ok(&[
        "--db",
        db.to_str().unwrap(),
        "print",
        "statement",
        "--customer",
        "乙方机电有限公司",
        "--as-of",
        "2026-06-30",
        "--out",
        statement.to_str().unwrap(),
    ]);
    let text = pdf_text(&statement).replace([' ', '\n'], "");
    for part in [
        "对账单",
        "乙方机电有限公司",
        "柒万元整",
        "HT-B2",
        "逾期364天",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    // A date that is not one is said, and nothing is written.
    let bad = kehu()
        .args([
            "--db",
            db.to_str().unwrap(),
            "report",
            "ageing",
            "--as-of",
            "六月底",
        ])
        .args(["--out", dir.path().join("x.csv").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("看不懂日期"));
    assert!(!dir.path().join("x.csv").exists());
}

/// Issue 19 step by step through the binary: a clerk imports a customer with a limit and
/// terms and its contracts, submits them; the one over the limit goes to the supervisor
/// as 超信用待审批 with the figures; the clerk cannot approve it, the supervisor only with
/// a comment; a payment and a collection are recorded and the ageing adds up.
#[test]
fn credit_control_step_by_step_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let db = path.to_str().unwrap();
    let file = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let admin_pw = file("admin.pw", "kehu-test-1\n");
    let clerk_pw = file("clerk.pw", "clerk-pass\n");
    let boss_pw = file("boss.pw", "boss-pass\n");
    run_ok(&[
        "--db",
        db,
        "users",
        "add",
        "admin",
        "--role",
        "admin",
        "--password-file",
        &admin_pw,
    ]);
    run_ok_admin(&[
        "--db",
        db,
        "users",
        "add",
        "xiaoli",
        "--role",
        "clerk",
        "--password-file",
        &clerk_pw,
    ]);
    run_ok_admin(&[
        "--db",
        db,
        "users",
        "add",
        "laozhang",
        "--role",
        "supervisor",
        "--password-file",
        &boss_pw,
    ]);
    let as_user = |user: &str, pw: &str, args: &[&str]| {
        kehu()
            .args(["--db", db, "--user", user, "--password-file", pw])
            .args(args)
            .output()
            .unwrap()
    };
    let ok = |out: std::process::Output| -> String {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let refused = |out: std::process::Output| -> String {
        assert!(
            !out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        err
    };
    let clerk = |args: &[&str]| as_user("xiaoli", &clerk_pw, args);
    let boss = |args: &[&str]| as_user("laozhang", &boss_pw, args);

    // The credit file comes in with the customer list; the contracts with theirs.
    let customers = file(
        "客户.csv",
        "客户名称,信用额度,账期\n华东机电有限公司,100000,45\n",
    );
    assert!(ok(clerk(&["import", &customers])).contains("新增 1"));
    // Dated from today, so that nothing is long overdue when submitted.
    let today = chrono::Local::now().date_naive();
    let day = |d: i64| {
        (today + chrono::Duration::days(d))
            .format("%Y-%m-%d")
            .to_string()
    };
    let contracts = file(
        "合同.csv",
        &format!(
            "合同编号,合同名称,客户名称,签订日期,合同金额（元）\n\
             HT-1,电机采购,华东机电有限公司,{},30000\n\
             HT-2,配件采购,华东机电有限公司,{},40000\n\
             HT-3,电机采购,华东机电有限公司,{},45000\n",
            day(-60),
            day(-40),
            day(-10)
        ),
    );
    ok(clerk(&["import", &contracts, "--kind", "contracts"]));
    // Each got one installment at 签订日期 + the customer's 45 days.
    let shown = ok(kehu()
        .args(["--db", db, "contract", "show", "HT-1"])
        .output()
        .unwrap());
    assert!(shown.contains("HT-1：草稿"), "{shown}");
    assert!(
        shown.contains(&format!("付款计划：{} ¥30,000.00", day(-15))),
        "{shown}"
    );

    // Below the approval threshold and within the limit: straight into force.
    assert_eq!(
        ok(clerk(&["contract", "submit", "HT-1"])).trim(),
        "HT-1：执行中"
    );
    assert_eq!(
        ok(clerk(&["contract", "submit", "HT-2"])).trim(),
        "HT-2：执行中"
    );
    // 70,000 owed + 45,000 > 100,000: held for the supervisor although below the
    // threshold, with the figures as they were.
    let held = ok(clerk(&["contract", "submit", "HT-3"]));
    assert!(held.contains("HT-3：待审批（超信用待审批）"), "{held}");
    assert!(
        held.contains("本合同 ¥45,000.00，提交时客户已欠 ¥70,000.00，信用额度 ¥100,000.00"),
        "{held}"
    );
    // No payment on a contract that does not count yet.
    refused(clerk(&["contract", "pay", "HT-3", "--amount", "100"]));
    // The clerk cannot approve; the supervisor cannot without a comment.
    refused(clerk(&["contract", "approve", "HT-3", "--comment", "好"]));
    let err = refused(boss(&["contract", "approve", "HT-3"]));
    assert!(err.contains("意见") && err.contains("--comment"), "{err}");
    let approved = ok(boss(&[
        "contract",
        "approve",
        "HT-3",
        "--comment",
        "老客户，已电话确认四月付清",
    ]));
    assert!(approved.starts_with("HT-3：已批准"), "{approved}");
    let shown = ok(kehu()
        .args(["--db", db, "contract", "show", "HT-3"])
        .output()
        .unwrap());
    assert!(shown.contains("老客户，已电话确认四月付清"), "{shown}");
    assert!(
        shown.contains("laozhang") || shown.contains("审批："),
        "{shown}"
    );

    // A payment comes in; a collection call is recorded with its promise.
    let paid = ok(clerk(&[
        "contract",
        "pay",
        "HT-1",
        "--amount",
        "10000",
        "--date",
        "2026-02-20",
    ]));
    assert!(paid.contains("已收 ¥10,000.00，未收 ¥20,000.00"), "{paid}");
    refused(clerk(&["contract", "pay", "HT-1", "--amount", "一万块"]));
    let calls = file(
        "催款.csv",
        "日期,客户名称,类型,主题,承诺付款日,承诺金额（元）\n\
         2026-03-10,华东机电有限公司,催款,催收 HT-1 余款,2026-03-31,20000\n",
    );
    assert!(ok(clerk(&["import", &calls, "--kind", "feedback"])).contains("新增 1 条"));
    let exported = dir.path().join("反馈.xlsx");
    ok(kehu()
        .args(["--db", db, "export", "--kind", "feedback", "--out"])
        .arg(&exported)
        .output()
        .unwrap());
    let (headers, rows) = kehu::io::records::read_all(&exported).unwrap();
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    assert_eq!(rows[0][col("类型")], "催款");
    assert_eq!(rows[0][col("承诺付款日")], "2026-03-31");

    // Today HT-1's 20,000 left is 15 days late; HT-2 (due in 5 days) and HT-3 are not
    // due. In 50 days: HT-1 65 days late, HT-2 45, HT-3 15.
    let ageing = dir.path().join("账龄.csv");
    ok(kehu()
        .args(["--db", db, "report", "ageing", "--out"])
        .arg(&ageing)
        .output()
        .unwrap());
    let text = std::fs::read_to_string(&ageing).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[1..],
        [
            "华东机电有限公司,105000.00,85000.00,20000.00,0.00,0.00,0.00,0.00,0.00",
            "合计,105000.00,85000.00,20000.00,0.00,0.00,0.00,0.00,0.00",
        ]
    );
    ok(kehu()
        .args(["--db", db, "report", "ageing", "--as-of", &day(50), "--out"])
        .arg(&ageing)
        .output()
        .unwrap());
    let text = std::fs::read_to_string(&ageing).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[1..],
        [
            "华东机电有限公司,105000.00,0.00,45000.00,40000.00,20000.00,0.00,0.00,0.00",
            "合计,105000.00,0.00,45000.00,40000.00,20000.00,0.00,0.00,0.00",
        ]
    );
}

/// `kehu report rfm` and `kehu report churn` write the columns issue 20 names.
#[test]
fn value_and_churn_reports_from_the_command_line() {
    use kehu::domain::contract::{Contract, ContractStatus, Transition};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        store.create_first_admin("kehu-test-1").unwrap();
        let mut add = |name: &str, code: &str, sales: &[(&str, &str, i64)]| {
            let id = store
                .save_customer(&kehu::domain::Customer {
                    name: name.into(),
                    code: code.into(),
                    grade: kehu::domain::Grade::C,
                    ..Default::default()
                })
                .unwrap();
            for (n, on, yuan) in sales {
                let c = store
                    .save_contract(&Contract {
                        number: (*n).into(),
                        customer_id: Some(id),
                        title: "采购合同".into(),
                        signed_on: (*on).into(),
                        amount_fen: yuan * 100,
                        ..Default::default()
                    })
                    .unwrap();
                if store.move_contract(c, Transition::Submit, "").unwrap()
                    == ContractStatus::Submitted
                {
                    store.move_contract(c, Transition::Approve, "同意").unwrap();
                }
            }
        };
        add(
            "甲方贸易有限公司",
            "KH001",
            &[("A1", "2026-11-01", 80_000), ("A2", "2025-06-15", 20_000)],
        );
        add("乙方机电有限公司", "KH002", &[("B1", "2024-03-02", 30_000)]);
        add("丙方从未签约公司", "KH003", &[]);
    }
    let db = db.to_str().unwrap();
    let rfm = dir.path().join("rfm.csv");
    let out = run_ok(&[
        "--db",
        db,
        "report",
        "rfm",
        "--as-of",
        "2026-12-01",
        "--out",
        rfm.to_str().unwrap(),
    ]);
    assert!(out.contains("已写出 3 行"), "{out}");
    let text = std::fs::read_to_string(&rfm).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        [
            "客户编号,客户名称,最近签约日期,R（天）,F（次）,M（元）,R分,F分,M分,价值细分,建议等级,当前等级",
            "KH003,丙方从未签约公司,,,0,0.00,,,,无交易,,C",
            "KH001,甲方贸易有限公司,2026-11-01,30,2,100000.00,5,3,3,重要价值客户,A,C",
            "KH002,乙方机电有限公司,2024-03-02,1004,1,30000.00,3,1,1,一般挽留客户,B,C",
        ]
    );
    let churn = dir.path().join("churn.xlsx");
    run_ok(&[
        "--db",
        db,
        "report",
        "churn",
        "--period",
        "year",
        "--as-of",
        "2026-12-01",
        "--out",
        churn.to_str().unwrap(),
    ]);
    let (headers, rows) = kehu::io::records::read_all(&churn).unwrap();
    assert_eq!(
        headers,
        [
            "期间",
            "消费人数",
            "保持数",
            "流失数",
            "流失率",
            "保持率",
            "新增客户数"
        ]
    );
    assert_eq!(
        rows,
        [
            ["2024", "0", "0", "0", "", "", "1"],
            ["2025", "1", "0", "1", "100.0%", "0.0%", "1"],
            ["2026", "1", "1", "0", "0.0%", "100.0%", "0"],
        ]
    );
    let bad = kehu()
        .args([
            "--db", db, "report", "churn", "--period", "week", "--out", "x.csv",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("不认识的期间“week”"));
}

/// `kehu today`: the work list as text or CSV, as of a day, for the user signed in (a
/// clerk sees no 待我审批); a bad format or date fails with one line.
#[test]
fn the_work_list_from_the_command_line() {
    use kehu::domain::contract::{Contract, Transition};
    use kehu::domain::feedback::{Feedback, FeedbackKind, FollowStatus};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        store.create_first_admin("kehu-test-1").unwrap();
        store
            .add_user("clerk1", "小王", kehu::domain::Role::Clerk, "kehu-test-1")
            .unwrap();
        let cid = store
            .save_customer(&kehu::domain::Customer {
                name: "华东机电有限公司".into(),
                grade: kehu::domain::Grade::A,
                recorded_on: "2026-06-01".into(),
                owner: "赵磊".into(),
                contacts: vec![kehu::domain::Contact {
                    name: "刘海燕".into(),
                    birthday: "1980-06-12".into(),
                    ..Default::default()
                }],
                ..Default::default()
            })
            .unwrap();
        store
            .save_feedback(&Feedback {
                customer_id: Some(cid),
                at: "2026-06-02 09:00".into(),
                kind: FeedbackKind::Complaint,
                subject: "交货延迟".into(),
                status: FollowStatus::Open,
                due_on: "2026-06-03".into(),
                responsible: "王强".into(),
                ..Default::default()
            })
            .unwrap();
        let k = store
            .save_contract(&Contract {
                number: "HT-9".into(),
                customer_id: Some(cid),
                title: "设备采购".into(),
                signed_on: "2026-06-08".into(),
                amount_fen: 800_000 * 100,
                salesperson: "赵磊".into(),
                ..Default::default()
            })
            .unwrap();
        store.move_contract(k, Transition::Submit, "").unwrap();
    }
    let db = db.to_str().unwrap();
    let csv = run_ok(&[
        "--db",
        db,
        "today",
        "--as-of",
        "2026-06-10",
        "--format",
        "csv",
    ]);
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let header = csv.lines().next().unwrap();
    assert_eq!(header, "分区,客户名称,事项,日期,天数,负责人,金额,说明");
    let sections: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        sections,
        ["逾期跟进", "待我审批", "生日与节日", "生日与节日"],
        "{csv}"
    );
    assert_eq!(
        rows[0],
        [
            "逾期跟进",
            "华东机电有限公司",
            "交货延迟",
            "2026-06-03",
            "7",
            "王强",
            "",
            "逾期 7 天"
        ]
    );
    assert_eq!(rows[1][2], "HT-9 设备采购");
    assert_eq!(
        (rows[1][5].as_str(), rows[1][6].as_str()),
        ("赵磊", "800000.00")
    );
    assert_eq!(rows[2][2..5], ["刘海燕", "2026-06-12", "2"]);
    // The next 法定节假日 to greet for: no customer, no salesperson.
    assert_eq!(
        rows[3],
        [
            "生日与节日",
            "",
            "端午节",
            "2026-06-19",
            "9",
            "",
            "",
            "还有 9 天"
        ]
    );

    // The clerk (`today --user`, as the issue writes it) has nothing to approve; the
    // text says each section with its count.
    let out = kehu()
        .args([
            "--db",
            db,
            "today",
            "--user",
            "clerk1",
            "--as-of",
            "2026-06-10",
        ])
        .env("KEHU_PASSWORD", "kehu-test-1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("逾期跟进（1）\n"), "{text}");
    assert!(!text.contains("待我审批"), "{text}");
    assert!(text.contains("生日与节日（2）"), "{text}");
    assert!(
        text.contains("\n  2026-06-19  端午节  还有 9 天\n"),
        "{text}"
    );
    // 久未联系 from 2026-06-01: not yet for an A customer (30 days), but 2026-07-15 is.
    assert!(!text.contains("久未联系"), "{text}");
    let later = run_ok(&["--db", db, "today", "--as-of", "2026-07-15"]);
    assert!(later.contains("久未联系（1）"), "{later}");
    assert!(later.contains("A 级客户  43 天未联系"), "{later}");

    for (args, says) in [
        (["today", "--format", "xml"], "--format 只能是 text 或 csv"),
        (["today", "--as-of", "2026-13-01"], "2026-13-01"),
    ] {
        let bad = kehu().args(["--db", db]).args(args).output().unwrap();
        assert!(!bad.status.success());
        let err = String::from_utf8_lossy(&bad.stderr);
        assert!(err.contains(says), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}
