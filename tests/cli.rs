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
