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
        if !verify_password(password, &hash) {
            self.conn.execute(
                "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?1",
                [user.id],
            )?;
            return Err(StoreError::WrongPassword);
        }
        if user.disabled {
            return Err(StoreError::Disabled);
        }
        self.conn.execute(
            "UPDATE users SET failed_logins = 0 WHERE id = ?1",
            [user.id],
        )?;
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
