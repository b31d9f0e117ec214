//! Users, roles and sign-in. Passwords are stored as argon2 hashes only.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{OptionalExtension, params};

use super::changelog::Writer;
use super::{Actor, Result, Store, StoreError, now_text};
use crate::domain::user::MIN_PASSWORD_LEN;
use crate::domain::{Role, User};

/// The administrator account the first start creates.
pub const ADMIN_USERNAME: &str = "admin";

fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
        .map_err(|e| StoreError::Migration(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Migration(format!("password hashing failed: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

fn row_to_user(r: &rusqlite::Row) -> rusqlite::Result<User> {
    let role: String = r.get(3)?;
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Clerk),
        disabled: r.get(4)?,
    })
}

const USER_COLS: &str = "id, username, display_name, role, disabled";

impl Store {
    /// True on a new database: nobody can sign in until the admin password is set.
    pub fn needs_first_admin(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Creates the administrator account on a new database and signs it in. Refused once
    /// any user exists, so this cannot be used to take over a database.
    pub fn create_first_admin(&mut self, password: &str) -> Result<User> {
        if password.chars().count() < MIN_PASSWORD_LEN {
            return Err(StoreError::PasswordTooShort);
        }
        let hash = hash_password(password)?;
        let tx = self.conn.transaction()?;
        let n: i64 = tx.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        if n > 0 {
            return Err(StoreError::NotAllowed);
        }
        let at = now_text();
        let id = insert_user(
            &tx,
            &at,
            ADMIN_USERNAME,
            "管理员",
            Role::Admin,
            &hash,
            ADMIN_USERNAME,
        )?;
        tx.commit()?;
        let user = self.user_by_id(id)?;
        self.set_actor(Actor {
            name: user.username.clone(),
            role: user.role,
        });
        Ok(user)
    }

    /// Checks the password and, if right, acts as that user from now on.
    pub fn sign_in(&mut self, username: &str, password: &str) -> Result<User> {
        let found: Option<(User, String)> = self
            .conn
            .query_row(
                &format!("SELECT {USER_COLS}, password_hash FROM users WHERE username = ?1"),
                [username.trim()],
                |r| Ok((row_to_user(r)?, r.get(5)?)),
            )
            .optional()?;
        let Some((user, hash)) = found else {
            // Spend the same effort as for a real account, so timing tells nothing.
            let _ = verify_password(
                password,
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            );
            return Err(StoreError::WrongPassword);
        };
        let (failures, last_failed): (i64, Option<i64>) = self.conn.query_row(
            "SELECT failed_logins, last_failed_at FROM users WHERE id = ?1",
            [user.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let now = chrono::Utc::now().timestamp();
        let wait = throttle_secs(failures);
        if let Some(last) = last_failed
            && now - last < wait
        {
            return Err(StoreError::TooManyAttempts {
                wait_secs: (wait - (now - last)) as u64,
            });
        }
        if !verify_password(password, &hash) {
            self.conn.execute(
                "UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = ?2 WHERE id = ?1",
                params![user.id, now],
            )?;
            return Err(StoreError::WrongPassword);
        }
        if user.disabled {
            return Err(StoreError::Disabled);
        }
        match self.conn.execute(
            "UPDATE users SET failed_logins = 0 WHERE id = ?1 AND failed_logins != 0",
            [user.id],
        ) {
            // A read-only database: signing in to read needs no write.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {}
            other => {
                other?;
            }
        }
        self.set_actor(Actor {
            name: user.username.clone(),
            role: user.role,
        });
        Ok(user)
    }

    /// Adds a user (administrators only).
    pub fn add_user(
        &mut self,
        username: &str,
        display_name: &str,
        role: Role,
        password: &str,
    ) -> Result<User> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(StoreError::NotAllowed);
        }
        if password.chars().count() < MIN_PASSWORD_LEN {
            return Err(StoreError::PasswordTooShort);
        }
        // Acting as administrator on a new database (the command line before anyone has
        // an account) must not leave it with no administrator to sign in as.
        if role != Role::Admin && self.needs_first_admin()? {
            return Err(StoreError::FirstUserNotAdmin);
        }
        let hash = hash_password(password)?;
        let tx = self.conn.transaction()?;
        let at = now_text();
        let id = insert_user(
            &tx,
            &at,
            username.trim(),
            display_name.trim(),
            role,
            &hash,
            &actor.name,
        )?;
        tx.commit()?;
        self.user_by_id(id)
    }

    /// Disables or re-enables an account (administrators only). Accounts are never
    /// deleted, so the history keeps their names; an administrator cannot disable
    /// themselves.
    pub fn set_user_disabled(&mut self, id: i64, disabled: bool) -> Result<()> {
        let actor = self.require_admin()?;
        let user = self.user_by_id(id)?;
        if user.username == actor.name && disabled {
            return Err(StoreError::NotAllowed);
        }
        self.update_user_field(
            &actor.name,
            &user,
            "disabled",
            if disabled { "1" } else { "0" },
            if user.disabled { "1" } else { "0" },
        )
    }

    /// Changes a user's role (administrators only; not their own, so there is always an
    /// administrator).
    pub fn set_user_role(&mut self, id: i64, role: Role) -> Result<()> {
        let actor = self.require_admin()?;
        let user = self.user_by_id(id)?;
        if user.username == actor.name {
            return Err(StoreError::NotAllowed);
        }
        self.update_user_field(
            &actor.name,
            &user,
            "role",
            role.as_str(),
            user.role.as_str(),
        )
    }

    /// Sets a new password for another user (administrators only).
    pub fn reset_password(&mut self, id: i64, new_password: &str) -> Result<()> {
        let actor = self.require_admin()?;
        let user = self.user_by_id(id)?;
        self.write_password(&actor.name, &user, new_password)
    }

    /// Changes the signed-in user's own password; the old one must be right.
    pub fn change_own_password(&mut self, old_password: &str, new_password: &str) -> Result<()> {
        let actor = self.require_actor()?;
        let (id, hash): (i64, String) = self
            .conn
            .query_row(
                "SELECT id, password_hash FROM users WHERE username = ?1",
                [&actor.name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        if !verify_password(old_password, &hash) {
            return Err(StoreError::WrongPassword);
        }
        let user = self.user_by_id(id)?;
        self.write_password(&actor.name, &user, new_password)
    }

    fn require_admin(&self) -> Result<super::Actor> {
        let actor = self.require_actor()?;
        if !actor.role.can_admin() {
            return Err(StoreError::NotAllowed);
        }
        Ok(actor)
    }

    fn write_password(&mut self, by: &str, user: &User, new_password: &str) -> Result<()> {
        if new_password.chars().count() < MIN_PASSWORD_LEN {
            return Err(StoreError::PasswordTooShort);
        }
        let hash = hash_password(new_password)?;
        let at = now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE users SET password_hash = ?1, failed_logins = 0, last_failed_at = NULL,
             updated_at = ?2, updated_by = ?3 WHERE id = ?4",
            params![hash, at, by, user.id],
        )?;
        // That the password changed is logged; the password and its hash never are.
        Writer {
            conn: &tx,
            user: by,
            at: &at,
        }
        .updated(
            "users",
            user.id,
            &["password"],
            &["******".into()],
            &["（已更改）".into()],
            None,
        )?;
        tx.commit()?;
        Ok(())
    }

    fn update_user_field(
        &mut self,
        by: &str,
        user: &User,
        column: &str,
        new: &str,
        old: &str,
    ) -> Result<()> {
        let at = now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            &format!(
                "UPDATE users SET {column} = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4"
            ),
            params![new, at, by, user.id],
        )?;
        Writer {
            conn: &tx,
            user: by,
            at: &at,
        }
        .updated(
            "users",
            user.id,
            &[column],
            &[old.into()],
            &[new.into()],
            None,
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn user_by_id(&self, id: i64) -> Result<User> {
        self.conn
            .query_row(
                &format!("SELECT {USER_COLS} FROM users WHERE id = ?1"),
                [id],
                row_to_user,
            )
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    /// The signed-in user's account, if anyone is signed in with an account (command-line
    /// work acts as the operating-system user, who has none).
    pub fn signed_in_user(&self) -> Result<Option<User>> {
        let Some(actor) = &self.actor else {
            return Ok(None);
        };
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {USER_COLS} FROM users WHERE username = ?1"),
                [&actor.name],
                row_to_user,
            )
            .optional()?)
    }

    pub fn users(&self) -> Result<Vec<User>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {USER_COLS} FROM users ORDER BY id"))?;
        let users = stmt
            .query_map([], row_to_user)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(users)
    }
}

/// Seconds a user must wait before the next try after `failures` wrong passwords in a row:
/// none for the first three, then 2, 4, 8 … up to five minutes.
pub fn throttle_secs(failures: i64) -> i64 {
    if failures < 3 {
        0
    } else {
        (1i64 << (failures - 2).min(9)).min(300)
    }
}

fn insert_user(
    tx: &rusqlite::Transaction,
    at: &str,
    username: &str,
    display_name: &str,
    role: Role,
    hash: &str,
    by: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO users (username, display_name, role, password_hash,
                            created_at, updated_at, created_by, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?6)",
        params![username, display_name, role.as_str(), hash, at, by],
    )?;
    let id = tx.last_insert_rowid();
    // The hash is never written to the log.
    Writer {
        conn: tx,
        user: by,
        at,
    }
    .inserted(
        "users",
        id,
        &["username", "display_name", "role"],
        &[username.into(), display_name.into(), role.as_str().into()],
        None,
    )?;
    Ok(id)
}
