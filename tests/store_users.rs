//! Users as the admin manages them: roles, disabled accounts (never deleted), password
//! resets and changes, and sign-in slowed down after repeated wrong passwords. A clerk
//! cannot do any of it, even by calling the store directly.

mod common;

use common::{ADMIN_PASSWORD, temp_store};
use kehu::domain::Role;
use kehu::store::StoreError;
use kehu::store::users::throttle_secs;

#[test]
fn a_disabled_account_cannot_sign_in_and_keeps_its_history() {
    let (_dir, mut store) = temp_store();
    let clerk = store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    store
        .save_customer(&common::customer("上海瑞丰贸易有限公司"))
        .unwrap();
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
    store.set_user_disabled(clerk.id, true).unwrap();
    assert!(matches!(
        store.sign_in("clerk1", "clerk-pass"),
        Err(StoreError::Disabled)
    ));
    assert_eq!(store.users().unwrap().len(), 2, "never deleted");
    let row = &store.customer_page(&Default::default(), 0, 1).unwrap()[0];
    assert_eq!(store.customer(row.id).unwrap().1.created_by, "clerk1");
    store.set_user_disabled(clerk.id, false).unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
}

#[test]
fn the_admin_resets_passwords_and_sets_roles_but_not_their_own() {
    let (_dir, mut store) = temp_store();
    let u = store
        .add_user("boss", "李主管", Role::Clerk, "first-pass")
        .unwrap();
    store.set_user_role(u.id, Role::Supervisor).unwrap();
    store.reset_password(u.id, "second-pass").unwrap();
    let admin_id = store.users().unwrap()[0].id;
    assert!(matches!(
        store.set_user_disabled(admin_id, true),
        Err(StoreError::NotAllowed)
    ));
    assert!(matches!(
        store.set_user_role(admin_id, Role::Clerk),
        Err(StoreError::NotAllowed)
    ));
    assert!(matches!(
        store.sign_in("boss", "first-pass"),
        Err(StoreError::WrongPassword)
    ));
    let boss = store.sign_in("boss", "second-pass").unwrap();
    assert_eq!(boss.role, Role::Supervisor);
    let log = store.history("users", u.id).unwrap();
    assert!(log.iter().any(
        |e| e.field.as_deref() == Some("role") && e.new_value.as_deref() == Some("supervisor")
    ));
    assert!(log.iter().all(|e| {
        !e.new_value
            .clone()
            .unwrap_or_default()
            .contains("second-pass")
    }));
}

#[test]
fn a_clerk_cannot_manage_users_even_through_the_store() {
    let (_dir, mut store) = temp_store();
    let other = store
        .add_user("other", "小李", Role::Clerk, "other-pass")
        .unwrap();
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    assert!(matches!(
        store.set_user_disabled(other.id, true),
        Err(StoreError::NotAllowed)
    ));
    assert!(matches!(
        store.set_user_role(other.id, Role::Admin),
        Err(StoreError::NotAllowed)
    ));
    assert!(matches!(
        store.reset_password(other.id, "taken-over"),
        Err(StoreError::NotAllowed)
    ));
    assert!(matches!(
        store.add_user("x", "x", Role::Admin, "xxxxxxxx"),
        Err(StoreError::NotAllowed)
    ));
}

#[test]
fn everyone_changes_their_own_password_knowing_the_old_one() {
    let (_dir, mut store) = temp_store();
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    assert!(matches!(
        store.change_own_password("wrong", "new-pass-1"),
        Err(StoreError::WrongPassword)
    ));
    assert!(matches!(
        store.change_own_password("clerk-pass", "123"),
        Err(StoreError::PasswordTooShort)
    ));
    store
        .change_own_password("clerk-pass", "new-pass-1")
        .unwrap();
    store.sign_in("clerk1", "new-pass-1").unwrap();
}

#[test]
fn repeated_wrong_passwords_slow_the_sign_in_down() {
    assert_eq!((throttle_secs(0), throttle_secs(2)), (0, 0));
    assert!(throttle_secs(3) > 0);
    assert!(throttle_secs(6) > throttle_secs(4));
    assert_eq!(throttle_secs(50), 300);

    let (dir, mut store) = temp_store();
    for _ in 0..3 {
        assert!(matches!(
            store.sign_in("admin", "guess"),
            Err(StoreError::WrongPassword)
        ));
    }
    // Even the right password waits now.
    match store.sign_in("admin", ADMIN_PASSWORD) {
        Err(StoreError::TooManyAttempts { wait_secs }) => assert!(wait_secs >= 1),
        other => panic!("expected a wait, got {other:?}"),
    }
    assert!(
        StoreError::TooManyAttempts { wait_secs: 4 }
            .message()
            .contains("4 秒")
    );
    // Time passes (the last failure moved back a minute).
    rusqlite::Connection::open(dir.path().join("kehu.sqlite3"))
        .unwrap()
        .execute("UPDATE users SET last_failed_at = last_failed_at - 60", [])
        .unwrap();
    store.sign_in("admin", ADMIN_PASSWORD).unwrap();
}

#[test]
fn settings_have_defaults_are_saved_by_the_admin_and_logged() {
    use kehu::domain::settings::{DateFormat, Settings};
    let (_dir, mut store) = temp_store();
    let s = store.settings().unwrap();
    assert_eq!(s.approval_threshold_fen, 5_000_000, "¥50,000 by default");
    assert!(s.auto_backup);
    let changed = Settings {
        firm_name: "北京华信科技有限公司".into(),
        approval_threshold_fen: 10_000_000,
        date_format: DateFormat::Chinese,
        ..s.clone()
    };
    store.save_settings(&changed).unwrap();
    assert_eq!(store.settings().unwrap(), changed);
    assert_eq!(
        changed.show_date(chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()),
        "2026年11月2日"
    );
    let log = store.recent_changes(20, Some("admin")).unwrap();
    assert!(
        log.iter()
            .any(|e| e.field.as_deref() == Some("approval_threshold_fen")
                && e.new_value.as_deref() == Some("10000000"))
    );
    let bad = Settings {
        auto_backup_hours: 0,
        ..changed.clone()
    };
    assert!(matches!(
        store.save_settings(&bad),
        Err(StoreError::InvalidSettings)
    ));
    store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store.sign_in("clerk1", "clerk-pass").unwrap();
    assert!(matches!(
        store.save_settings(&s),
        Err(StoreError::NotAllowed)
    ));
    assert_eq!(store.settings().unwrap(), changed);
}

#[test]
fn a_supervisor_approves_but_administers_nothing_even_through_the_store() {
    let (dir, mut store) = temp_store();
    let clerk = store
        .add_user("clerk1", "小王", Role::Clerk, "clerk-pass")
        .unwrap();
    store
        .add_user("boss", "李主管", Role::Supervisor, "boss-pass")
        .unwrap();
    let backup = store.backup_to(dir.path()).unwrap();
    let id = store
        .save_customer(&common::customer("北京华信科技有限公司"))
        .unwrap();
    store.trash_customer(id).unwrap();
    let settings_before = store.settings().unwrap();

    store.sign_in("boss", "boss-pass").unwrap();
    let refused = |r: Result<(), StoreError>, what: &str| {
        assert!(
            matches!(r, Err(StoreError::NotAllowed)),
            "a supervisor must not {what}: {r:?}"
        );
    };
    refused(
        store
            .add_user("x", "新人", Role::Admin, "x-password")
            .map(|_| ()),
        "add a user",
    );
    refused(store.set_user_role(clerk.id, Role::Admin), "change a role");
    refused(store.set_user_disabled(clerk.id, true), "disable a user");
    refused(
        store.reset_password(clerk.id, "new-pass-1"),
        "reset a password",
    );
    let mut s = settings_before.clone();
    s.approval_threshold_fen = 1;
    refused(store.save_settings(&s), "change the approval threshold");
    refused(store.empty_trash().map(|_| ()), "empty the trash");
    refused(store.empty_all_trash().map(|_| ()), "empty every trash");
    refused(store.restore_from(&backup).map(|_| ()), "restore a backup");
    refused(store.repair().map(|_| ()), "repair the database");
    refused(store.vacuum(), "compact the database");

    // Nothing of it happened.
    assert_eq!(store.users().unwrap().len(), 3);
    assert_eq!(store.settings().unwrap(), settings_before);
    assert_eq!(store.trashed_customers().unwrap().len(), 1);
    // What a supervisor does: the records, and their own password.
    store.restore_customer(id).unwrap();
    store
        .change_own_password("boss-pass", "boss-pass-2")
        .unwrap();
}
