//! What can go wrong in the store, and how to say it to a person.

use crate::domain::FieldError;
use crate::strings::{S, field_problem};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record breaks a rule; each problem names its field.
    #[error("invalid record: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("the database is locked by another program")]
    Locked,
    #[error("not a kehu database, or damaged: {0}")]
    Corrupt(String),
    #[error(
        "the database was made by a newer version (schema {found}, this program knows {known})"
    )]
    TooNew { found: i64, known: i64 },
    #[error("the database file is empty (0 bytes)")]
    EmptyFile,
    #[error("the backup {file} cannot be used: {why}")]
    BadBackup { file: String, why: String },
    #[error("the database is read-only")]
    ReadOnly,
    #[error("cannot create the database file: {0}")]
    CannotCreate(String),
    #[error("record not found")]
    NotFound,
    #[error("not signed in")]
    NotSignedIn,
    #[error("the signed-in role may not do this")]
    NotAllowed,
    #[error("wrong user name or password")]
    WrongPassword,
    #[error("account disabled")]
    Disabled,
    #[error("password too short")]
    PasswordTooShort,
    #[error("the first account of a database must be an administrator")]
    FirstUserNotAdmin,
    #[error("another live customer has this name")]
    NameTakenOnRestore,
    #[error("too many wrong passwords; wait {wait_secs} s")]
    TooManyAttempts { wait_secs: u64 },
    #[error("invalid contract: {0:?}")]
    InvalidContract(
        Vec<(
            crate::domain::contract::ContractField,
            crate::domain::validate::Problem,
        )>,
    ),
    #[error("invalid feedback: {0:?}")]
    InvalidFeedback(
        Vec<(
            crate::domain::feedback::FeedbackField,
            crate::domain::validate::Problem,
        )>,
    ),
    #[error("invalid competitor: {0:?}")]
    InvalidCompetitor(
        Vec<(
            crate::domain::competitor::CompetitorField,
            crate::domain::validate::Problem,
        )>,
    ),
    #[error("invalid news: {0:?}")]
    InvalidNews(
        Vec<(
            crate::domain::news::NewsField,
            crate::domain::validate::Problem,
        )>,
    ),
    #[error("the contract is approved: amount and parties are locked")]
    ContractLocked,
    #[error("not possible in the contract's current status")]
    WrongStatus,
    #[error("a rejection needs a reason")]
    ReasonRequired,
    #[error("approving a contract over credit needs a comment")]
    CreditCommentRequired,
    #[error("the customer has {0} contracts")]
    HasContracts(i64),
    #[error("this change cannot be put back")]
    CannotPutBack,
    #[error("a setting is out of range")]
    InvalidSettings,
    /// 客户分析's defaults refused: the window or the thresholds.
    #[error("the value analysis settings are not usable")]
    BadValueSettings(crate::domain::validate::Problem),
    /// A 工作台 line put off to today or earlier.
    #[error("a line can only be put off to a later day")]
    SnoozeNotAhead,
    /// Done or handed over asked of a 工作台 line that cannot be (a contract waiting,
    /// a payment: they are settled on their own tab).
    #[error("this line cannot be done or handed over here")]
    NotForThisLine,
    /// 工作台's rules refused (a number of days out of range).
    #[error("the work list settings are not usable")]
    BadWorkSettings(crate::domain::validate::Problem),
    #[error("no such folder: {0}")]
    NoSuchFolder(String),
    #[error("the backup could not be written: {0}")]
    BackupWriteFailed(String),
    #[error("cancelled")]
    Cancelled,
    #[error("the copy's row counts differ from the original's")]
    BackupMismatch,
    #[error("the file could not be read to the end: {0}")]
    ImportRead(String),
    #[error("line {line}: invalid row: {errs:?}")]
    ImportRow { line: u64, errs: Vec<FieldError> },
    #[error("this import was already undone")]
    AlreadyUndone,
    #[error("customer {0} has contracts or feedback since the import")]
    UndoBlocked(String),
    #[error("imported record {0} has payments, revisions, intelligence or news since the import")]
    UndoRecordBlocked(String),
    #[error("line {line}: {why}")]
    ImportRecordRow { line: u64, why: String },
    #[error("customer {name}: invalid after the bulk change: {errs:?}")]
    BulkCustomer { name: String, errs: Vec<FieldError> },
    #[error("this value cannot be set on that field")]
    BulkValue,
    #[error("a customer cannot be merged with itself")]
    MergeItself,
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("schema upgrade failed: {0}")]
    Migration(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<rusqlite::Error> for StoreError {
    /// A busy, damaged or read-only database is named as such wherever it is met.
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from_sqlite(e)
    }
}

impl StoreError {
    /// What happened and what to do, in the current UI language.
    pub fn message(&self) -> String {
        let s = match self {
            StoreError::Invalid(errs) => {
                return errs
                    .iter()
                    .map(field_problem)
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            StoreError::Locked => {
                let mut text = S::ErrDbLocked.t().to_string();
                for (what, user, since, pid) in super::presence::holders() {
                    text.push_str(&crate::strings::held_by(&what, &user, &since, pid));
                }
                return text;
            }
            StoreError::BadValueSettings(p) | StoreError::BadWorkSettings(p) => {
                return crate::strings::problem(*p);
            }
            StoreError::Corrupt(_) => S::ErrDbCorrupt,
            StoreError::TooNew { .. } => S::ErrDbNewer,
            StoreError::ReadOnly => S::ErrDbReadOnly,
            StoreError::EmptyFile => S::ErrDbEmpty,
            StoreError::BadBackup { file, .. } => return crate::strings::bad_backup(file),
            StoreError::CannotCreate(_) => S::ErrDbFolder,
            StoreError::NotFound => S::ErrNotFound,
            StoreError::NotSignedIn => S::ErrNotSignedIn,
            StoreError::NotAllowed => S::ErrNotAllowed,
            StoreError::WrongPassword => S::WrongPassword,
            StoreError::Disabled => S::AccountDisabled,
            StoreError::PasswordTooShort => S::PasswordTooShort,
            StoreError::FirstUserNotAdmin => S::ErrFirstUserNotAdmin,
            StoreError::NameTakenOnRestore => S::ErrNameTakenOnRestore,
            StoreError::TooManyAttempts { wait_secs } => {
                return crate::strings::wait_before_retry(*wait_secs);
            }
            StoreError::Cancelled => S::ErrCancelled,
            StoreError::BackupWriteFailed(_) => S::ErrBackupWrite,
            StoreError::NoSuchFolder(_) => S::ErrNoSuchFolder,
            StoreError::InvalidSettings => S::FixErrors,
            StoreError::CannotPutBack => S::ErrCannotPutBack,
            StoreError::SnoozeNotAhead => S::ErrSnoozeNotAhead,
            StoreError::NotForThisLine => S::ErrNotForThisLine,
            StoreError::InvalidContract(p) => {
                return p
                    .iter()
                    .map(|(_, pr)| crate::strings::problem(*pr))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            StoreError::InvalidFeedback(p) => {
                return p
                    .iter()
                    .map(|(_, pr)| crate::strings::problem(*pr))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            StoreError::InvalidCompetitor(p) => {
                return p
                    .iter()
                    .map(|(_, pr)| crate::strings::problem(*pr))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            StoreError::InvalidNews(p) => {
                return p
                    .iter()
                    .map(|(_, pr)| crate::strings::problem(*pr))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            StoreError::ContractLocked => S::ErrContractLocked,
            StoreError::WrongStatus => S::ErrWrongStatus,
            StoreError::ReasonRequired => S::ErrReasonRequired,
            StoreError::CreditCommentRequired => S::ErrCreditCommentRequired,
            StoreError::HasContracts(n) => return crate::strings::has_contracts(*n),
            StoreError::BackupMismatch => S::ErrBackupMismatch,
            StoreError::ImportRead(why) => return crate::strings::import_read_failed(why),
            StoreError::ImportRow { line, errs } => {
                return crate::strings::import_row_failed(
                    *line,
                    &errs
                        .iter()
                        .map(field_problem)
                        .collect::<Vec<_>>()
                        .join("；"),
                );
            }
            StoreError::AlreadyUndone => S::ErrAlreadyUndone,
            StoreError::UndoBlocked(name) => return crate::strings::undo_blocked(name),
            StoreError::UndoRecordBlocked(name) => {
                return crate::strings::undo_record_blocked(name);
            }
            StoreError::ImportRecordRow { line, why } => {
                return crate::strings::import_row_failed(*line, why);
            }
            StoreError::MergeItself => S::ErrMergeItself,
            StoreError::BulkCustomer { name, errs } => {
                return crate::strings::bulk_customer_failed(
                    name,
                    &errs
                        .iter()
                        .map(field_problem)
                        .collect::<Vec<_>>()
                        .join("；"),
                );
            }
            StoreError::BulkValue => S::ErrBulkValue,
            StoreError::Sqlite(e) => return classify_message(e),
            StoreError::Migration(_) => S::ErrDbOther,
        };
        s.t().to_string()
    }

    /// The technical detail for the "详情" fold-out and the log.
    pub fn detail(&self) -> String {
        self.to_string()
    }

    /// Turns a raw SQLite error into the kind a person can act on.
    pub fn from_sqlite(e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Locked,
            Some(C::NotADatabase | C::DatabaseCorrupt) => StoreError::Corrupt(e.to_string()),
            Some(C::ReadOnly) => StoreError::ReadOnly,
            Some(C::CannotOpen | C::PermissionDenied) => StoreError::CannotCreate(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

fn classify_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let s = match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => S::ErrDbLocked,
        Some(C::NotADatabase | C::DatabaseCorrupt) => S::ErrDbCorrupt,
        Some(C::ReadOnly) => S::ErrDbReadOnly,
        Some(C::DiskFull) => S::ErrDiskFull,
        _ => S::ErrDbOther,
    };
    s.t().to_string()
}
