//! Users and roles. Who may do what is decided here; the store asks before it acts.

use serde::{Deserialize, Serialize};

/// 管理员 / 信息管理员 / 业务主管.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Clerk,
    Supervisor,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Clerk, Role::Supervisor];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Clerk => "clerk",
            Role::Supervisor => "supervisor",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// May add, change and delete customer records.
    pub fn can_edit_records(self) -> bool {
        true
    }

    /// May manage users and system settings.
    pub fn can_admin(self) -> bool {
        self == Role::Admin
    }
}

/// A signed-in (or listed) user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
}

/// Shortest password the store accepts.
pub const MIN_PASSWORD_LEN: usize = 6;
