//! The schema, as a list of migrations. Never edit a migration that has shipped: add a
//! new one at the end. A file made by an older version upgrades itself when opened.

use rusqlite::Transaction;
use rusqlite_migration::{HookResult, M, Migrations};

/// `PRAGMA application_id` of a kehu database ("KEHU"), so another program's SQLite file
/// is recognised and left alone.
pub const APPLICATION_ID: i32 = 0x4B45_4855;

const V1_CORE: &str = r#"

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'supervisor')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    last_failed_at INTEGER,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_by    TEXT NOT NULL
);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- Editable pick lists, such as customer sources.
CREATE TABLE lookup_values (
    id         INTEGER PRIMARY KEY,
    list       TEXT NOT NULL,
    value      TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (list, value)
);

CREATE TABLE customers (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL,
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key         TEXT NOT NULL,
    name_sort        TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL DEFAULT 'enterprise',
    category         TEXT NOT NULL DEFAULT 'end',
    industry         TEXT NOT NULL DEFAULT '',
    grade            TEXT NOT NULL DEFAULT 'C' CHECK (grade IN ('A', 'B', 'C', 'D')),
    source           TEXT NOT NULL DEFAULT '',
    province         TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    postal_code      TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    mobile           TEXT NOT NULL DEFAULT '',
    fax              TEXT NOT NULL DEFAULT '',
    email            TEXT NOT NULL DEFAULT '',
    website          TEXT NOT NULL DEFAULT '',
    credit_code      TEXT NOT NULL DEFAULT '',
    owner            TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lost')),
    credit_limit_fen INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit_fen >= 0),
    notes            TEXT NOT NULL DEFAULT '',
    deleted_at       TEXT,
    deleted_by       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    updated_by       TEXT NOT NULL
);
CREATE UNIQUE INDEX customers_code ON customers (code);
CREATE UNIQUE INDEX customers_name_key_live ON customers (name_key) WHERE deleted_at IS NULL;
-- The list's sort and filter indexes cover only customers outside the trash, so walking
-- one (for a sorted page, a count, a filter's values) never reads the table rows it
-- skips. One column each: the implicit rowid at the end gives the "column, id" order.
CREATE INDEX customers_live ON customers (id) WHERE deleted_at IS NULL;
CREATE INDEX customers_name ON customers (name_sort) WHERE deleted_at IS NULL;
CREATE INDEX customers_code_live ON customers (code) WHERE deleted_at IS NULL;
CREATE INDEX customers_grade ON customers (grade) WHERE deleted_at IS NULL;
CREATE INDEX customers_category ON customers (category) WHERE deleted_at IS NULL;
CREATE INDEX customers_industry ON customers (industry) WHERE deleted_at IS NULL;
CREATE INDEX customers_owner ON customers (owner) WHERE deleted_at IS NULL;
CREATE INDEX customers_city ON customers (city) WHERE deleted_at IS NULL;
CREATE INDEX customers_status ON customers (status) WHERE deleted_at IS NULL;
CREATE INDEX customers_updated ON customers (updated_at) WHERE deleted_at IS NULL;
CREATE INDEX customers_deleted ON customers (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    name        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    mobile      TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    birthday    TEXT NOT NULL DEFAULT '',
    is_primary  INTEGER NOT NULL DEFAULT 0,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX contacts_customer ON contacts (customer_id, position);

-- Written by the store itself for every insert, update and delete.
CREATE TABLE change_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user         TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'trash', 'restore')),
    table_name   TEXT NOT NULL,
    row_id       INTEGER NOT NULL,
    field        TEXT,
    old_value    TEXT,
    new_value    TEXT,
    parent_table TEXT,
    parent_id    INTEGER
);
CREATE INDEX change_log_row ON change_log (table_name, row_id);
CREATE INDEX change_log_parent ON change_log (parent_table, parent_id);
CREATE INDEX change_log_at ON change_log (at);
"#;

const V2_SEARCH: &str = r#"
-- One- and two-character Chinese search: every CJK character and every pair of adjacent
-- CJK characters of a customer's name, place, address and contact names.
CREATE TABLE customer_grams (
    gram        INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    PRIMARY KEY (gram, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_grams_customer ON customer_grams (customer_id);

-- Three or more characters: an FTS5 trigram index over everything searchable.
CREATE VIRTUAL TABLE customer_fts USING fts5 (
    doc, tokenize = 'trigram', content = '', contentless_delete = 1
);
"#;

const V3_CONTRACTS: &str = r#"
-- 合同信息. A revision is a new row with the same number and the next revision number;
-- the row it replaces points to it once it counts (superseded_by).
CREATE TABLE contracts (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL CHECK (length(trim(number)) > 0),
    revision         INTEGER NOT NULL DEFAULT 1,
    revises_id       INTEGER REFERENCES contracts (id),
    superseded_by    INTEGER REFERENCES contracts (id),
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    title            TEXT NOT NULL,
    signed_on        TEXT NOT NULL DEFAULT '',
    starts_on        TEXT NOT NULL DEFAULT '',
    ends_on          TEXT NOT NULL DEFAULT '',
    amount_fen       INTEGER NOT NULL CHECK (amount_fen >= 0),
    payment_terms    TEXT NOT NULL DEFAULT '',
    salesperson      TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                     ('draft', 'submitted', 'approved', 'rejected', 'in_force', 'completed', 'terminated')),
    decided_by       TEXT,
    decided_at       TEXT,
    decision_comment TEXT,
    deleted_at       TEXT,
    deleted_by       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    updated_by       TEXT NOT NULL
);
CREATE UNIQUE INDEX contracts_number_revision ON contracts (number, revision);
CREATE INDEX contracts_customer ON contracts (customer_id) WHERE deleted_at IS NULL;
CREATE INDEX contracts_status ON contracts (status) WHERE deleted_at IS NULL;
CREATE INDEX contracts_ends ON contracts (ends_on) WHERE deleted_at IS NULL;

-- 回款.
CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts (id),
    paid_on     TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    method      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX payments_contract ON payments (contract_id);
"#;

const V4_FEEDBACK: &str = r#"
-- 交往反馈.
CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    contact_name TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN
                 ('visit', 'call', 'complaint', 'suggestion', 'satisfaction', 'other')),
    channel      TEXT NOT NULL DEFAULT '',
    subject      TEXT NOT NULL,
    content      TEXT NOT NULL DEFAULT '',
    reported_by  TEXT NOT NULL DEFAULT '',
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN
                 ('open', 'in_progress', 'resolved', 'closed')),
    responsible  TEXT NOT NULL DEFAULT '',
    due_on       TEXT NOT NULL DEFAULT '',
    resolution   TEXT NOT NULL DEFAULT '',
    resolved_on  TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT,
    deleted_by   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL
);
CREATE INDEX feedback_customer ON feedback (customer_id, at) WHERE deleted_at IS NULL;
CREATE INDEX feedback_at ON feedback (at) WHERE deleted_at IS NULL;
CREATE INDEX feedback_status ON feedback (status, due_on) WHERE deleted_at IS NULL;
"#;

const V5_IMPORTS: &str = r#"
-- Imports: what each created and changed, so it can be undone; saved column mappings.
CREATE TABLE imports (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    rows       INTEGER,
    created    INTEGER,
    updated    INTEGER,
    skipped    INTEGER,
    errors     INTEGER,
    undone_at  TEXT,
    undone_by  TEXT
);
CREATE TABLE import_items (
    import_id  INTEGER NOT NULL REFERENCES imports (id),
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    before     TEXT
);
CREATE INDEX import_items_import ON import_items (import_id);
CREATE TABLE import_mappings (
    name        TEXT PRIMARY KEY,
    headers_key TEXT NOT NULL,
    mapping     TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX import_mappings_headers ON import_mappings (headers_key);
"#;

const V6_COMPETITORS_NEWS: &str = r#"
-- 竞争对手, the customers who also buy from them, and dated intelligence.
CREATE TABLE competitors (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    website      TEXT NOT NULL DEFAULT '',
    products     TEXT NOT NULL DEFAULT '',
    price_level  TEXT NOT NULL DEFAULT '',
    strengths    TEXT NOT NULL DEFAULT '',
    weaknesses   TEXT NOT NULL DEFAULT '',
    market_share INTEGER CHECK (market_share BETWEEN 0 AND 100),
    threat       TEXT NOT NULL DEFAULT 'medium' CHECK (threat IN ('high', 'medium', 'low')),
    notes        TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT,
    deleted_by   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL
);
CREATE UNIQUE INDEX competitors_name_live ON competitors (name_key) WHERE deleted_at IS NULL;
CREATE TABLE competitor_customers (
    competitor_id INTEGER NOT NULL REFERENCES competitors (id),
    customer_id   INTEGER NOT NULL REFERENCES customers (id),
    PRIMARY KEY (competitor_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX competitor_customers_customer ON competitor_customers (customer_id);
CREATE TABLE competitor_intel (
    id            INTEGER PRIMARY KEY,
    competitor_id INTEGER NOT NULL REFERENCES competitors (id),
    on_date       TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    reported_by   TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL
);
CREATE INDEX competitor_intel_competitor ON competitor_intel (competitor_id, on_date);

-- 业界动态, linked to the customers and competitors they mention.
CREATE TABLE news (
    id          INTEGER PRIMARY KEY,
    on_date     TEXT NOT NULL,
    title       TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '',
    content     TEXT NOT NULL DEFAULT '',
    reported_by TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT,
    deleted_by  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX news_date ON news (on_date) WHERE deleted_at IS NULL;
CREATE TABLE news_customers (
    news_id     INTEGER NOT NULL REFERENCES news (id),
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    PRIMARY KEY (news_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX news_customers_customer ON news_customers (customer_id);
CREATE TABLE news_competitors (
    news_id       INTEGER NOT NULL REFERENCES news (id),
    competitor_id INTEGER NOT NULL REFERENCES competitors (id),
    PRIMARY KEY (news_id, competitor_id)
) WITHOUT ROWID;
CREATE INDEX news_competitors_competitor ON news_competitors (competitor_id);
"#;

/// Version 7: indexes in the order each record list shows by default, so that a page
/// anywhere in a 100,000-row list is read from the index instead of sorting every row.
const V7_LIST_ORDER: &str = r#"
CREATE INDEX contracts_list ON contracts (signed_on, id)
    WHERE deleted_at IS NULL AND superseded_by IS NULL;
CREATE INDEX competitors_list ON competitors
    ((CASE threat WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END), name_key)
    WHERE deleted_at IS NULL;
CREATE INDEX feedback_list ON feedback (at, id, customer_id) WHERE deleted_at IS NULL;
CREATE INDEX news_list ON news (on_date, id) WHERE deleted_at IS NULL;
DROP INDEX feedback_at;
DROP INDEX news_date;
"#;

/// Version 8: the one- and two-character index becomes one FTS5 row per customer (its
/// character keys as words) instead of a table row per (key, customer): an import of
/// 100,000 customers wrote 4 million rows and 115 MB there. Filled from the tables.
const V8_CJK_INDEX: &str = r#"
DROP TABLE customer_grams;
CREATE VIRTUAL TABLE customer_cjk USING fts5 (
    doc, tokenize = 'unicode61', content = '', contentless_delete = 1, detail = none
);
-- Both indexes gather 16 MB of new entries in memory before writing a segment (FTS5's
-- default is 1 MB): an import writes far fewer segments and merges them far less.
INSERT INTO customer_cjk (customer_cjk, rank) VALUES ('hashsize', 16777216);
INSERT INTO customer_fts (customer_fts, rank) VALUES ('hashsize', 16777216);
"#;

/// Version 9: 批量修改 — one field set on many customers at once, remembered with each
/// customer's earlier value so the change can be taken back.
const V9_BULK_CHANGES: &str = r#"
CREATE TABLE bulk_changes (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    field      TEXT NOT NULL,
    new_value  TEXT NOT NULL,
    changed    INTEGER NOT NULL,
    undone_at  TEXT,
    undone_by  TEXT
);
CREATE TABLE bulk_change_items (
    bulk_id     INTEGER NOT NULL REFERENCES bulk_changes (id),
    customer_id INTEGER NOT NULL,
    old_value   TEXT NOT NULL
);
CREATE INDEX bulk_change_items_bulk ON bulk_change_items (bulk_id);
"#;

/// Version 15: a 批量修改 that gives each customer its own value (the suggested grades
/// applied) remembers each new value beside the old one (NULL: the change's one value),
/// and where its change-log entries end (what came after is someone else's).
const V15_BULK_EACH: &str = "
ALTER TABLE bulk_change_items ADD COLUMN new_value TEXT;
ALTER TABLE bulk_changes ADD COLUMN log_end INTEGER;
";

/// Version 16: 工作台 lines put off to a later day (推迟): which line (its section family,
/// its record, and for a birthday the contact), and until when.
const V16_WORK_SNOOZES: &str = "
CREATE TABLE work_snoozes (
    id         INTEGER PRIMARY KEY,
    section    TEXT NOT NULL,
    record     TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    until      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (section, record, detail)
);
";

/// Version 17: contacts found by the month and day of their birthday (工作台 reads only
/// the days coming up).
const V17_BIRTHDAY_INDEX: &str = "
CREATE INDEX contacts_birthday_day ON contacts (substr(birthday, 6, 5)) WHERE birthday <> '';
";

/// Version 18: a contact's 生日历法 (公历, 农历, 农历闰月); birthdays found by their
/// last five characters (month and day), so that one without a year (08-15) is found
/// as one with it (1975-08-15).
const V18_BIRTHDAY_CALENDAR: &str = "
ALTER TABLE contacts ADD COLUMN birthday_calendar TEXT NOT NULL DEFAULT '';
DROP INDEX contacts_birthday_day;
CREATE INDEX contacts_birthday_day ON contacts (substr(birthday, -5)) WHERE birthday <> '';
";

/// Version 19: 交往反馈 gains the status 计划中 (planned visits; the table is made again,
/// as SQLite cannot change a CHECK), and the reasons 工作台's rules planned a visit
/// for, so that a reason plans one visit once, never twice.
const V19_VISIT_PLANS: &str = "
CREATE TABLE feedback_new (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    contact_name TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN
                 ('visit', 'call', 'complaint', 'suggestion', 'satisfaction', 'other',
                  'collection')),
    channel      TEXT NOT NULL DEFAULT '',
    subject      TEXT NOT NULL,
    content      TEXT NOT NULL DEFAULT '',
    reported_by  TEXT NOT NULL DEFAULT '',
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN
                 ('open', 'in_progress', 'resolved', 'closed', 'planned')),
    responsible  TEXT NOT NULL DEFAULT '',
    due_on       TEXT NOT NULL DEFAULT '',
    resolution   TEXT NOT NULL DEFAULT '',
    resolved_on  TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT,
    deleted_by   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    promised_on  TEXT NOT NULL DEFAULT '',
    promised_fen INTEGER NOT NULL DEFAULT 0 CHECK (promised_fen >= 0)
);
INSERT INTO feedback_new (id, customer_id, contact_name, at, kind, channel, subject, content,
    reported_by, satisfaction, status, responsible, due_on, resolution, resolved_on,
    deleted_at, deleted_by, created_at, updated_at, created_by, updated_by, promised_on,
    promised_fen)
SELECT id, customer_id, contact_name, at, kind, channel, subject, content, reported_by,
    satisfaction, status, responsible, due_on, resolution, resolved_on, deleted_at,
    deleted_by, created_at, updated_at, created_by, updated_by, promised_on, promised_fen
FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_new RENAME TO feedback;
CREATE INDEX feedback_customer ON feedback (customer_id, at) WHERE deleted_at IS NULL;
CREATE INDEX feedback_status ON feedback (status, due_on) WHERE deleted_at IS NULL;
CREATE INDEX feedback_list ON feedback (at, id, customer_id) WHERE deleted_at IS NULL;
CREATE TABLE visit_plans (
    reason      TEXT PRIMARY KEY,
    feedback_id INTEGER NOT NULL,
    planned_on  TEXT NOT NULL
);
";

/// Version 10: where each import's change-log entries end, so an undo can tell the
/// changes made after it (an edit in the same second, a second import) from its own.
const V10_IMPORT_LOG_END: &str = r#"
ALTER TABLE imports ADD COLUMN log_last INTEGER;
"#;

/// Version 11: 建档日期, the date each customer was first recorded (for the customers
/// already here, the day they were entered into kehu).
const V11_RECORDED_ON: &str = r#"
ALTER TABLE customers ADD COLUMN recorded_on TEXT NOT NULL DEFAULT '';
UPDATE customers SET recorded_on = substr(created_at, 1, 10);
"#;

/// Version 12: 账期, each customer's payment terms in days (empty: the firm's default).
const V12_PAYMENT_DAYS: &str = r#"
ALTER TABLE customers ADD COLUMN payment_days INTEGER;
"#;

/// Version 14: a lost customer's 流失日期, 流失类型 and 流失原因.
const V14_LOST: &str = r#"
ALTER TABLE customers ADD COLUMN lost_on TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN lost_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN lost_reason TEXT NOT NULL DEFAULT '';
"#;

/// Version 13: credit control. The customer's credit file (信用等级, 临时额度 and its
/// expiry, 信用评估); each contract's payment plan (付款计划), existing contracts
/// getting one installment for their whole amount due at 签订日期 + the customer's 账期
/// (30 days when it has none), or at 结束日期 where that is earlier; and the figures a
/// contract held for exceeding credit (超信用待审批) was submitted with.
const V13_CREDIT: &str = r#"
ALTER TABLE customers ADD COLUMN credit_rating TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN temp_limit_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN temp_limit_until TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN credit_assessment TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN credit_hold INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN credit_owed_fen INTEGER;
ALTER TABLE contracts ADD COLUMN credit_limit_fen INTEGER;
ALTER TABLE contracts ADD COLUMN credit_overdue_days INTEGER;
CREATE TABLE installments (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts (id),
    seq         INTEGER NOT NULL,
    due_on      TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    note        TEXT NOT NULL DEFAULT '',
    -- What the contract's installments due before this one add up to: payments go to
    -- the oldest first, so this one is unpaid for what they leave of it.
    before_fen  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX installments_contract ON installments (contract_id, due_on);
-- 交往反馈 gains the kind 催款 (collection) with the date and amount promised: the
-- table is made again with the new kind allowed (SQLite cannot change a CHECK).
CREATE TABLE feedback_new (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    contact_name TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN
                 ('visit', 'call', 'complaint', 'suggestion', 'satisfaction', 'other',
                  'collection')),
    channel      TEXT NOT NULL DEFAULT '',
    subject      TEXT NOT NULL,
    content      TEXT NOT NULL DEFAULT '',
    reported_by  TEXT NOT NULL DEFAULT '',
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN
                 ('open', 'in_progress', 'resolved', 'closed')),
    responsible  TEXT NOT NULL DEFAULT '',
    due_on       TEXT NOT NULL DEFAULT '',
    resolution   TEXT NOT NULL DEFAULT '',
    resolved_on  TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT,
    deleted_by   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    promised_on  TEXT NOT NULL DEFAULT '',
    promised_fen INTEGER NOT NULL DEFAULT 0 CHECK (promised_fen >= 0)
);
INSERT INTO feedback_new (id, customer_id, contact_name, at, kind, channel, subject, content,
    reported_by, satisfaction, status, responsible, due_on, resolution, resolved_on,
    deleted_at, deleted_by, created_at, updated_at, created_by, updated_by)
SELECT id, customer_id, contact_name, at, kind, channel, subject, content, reported_by,
    satisfaction, status, responsible, due_on, resolution, resolved_on, deleted_at,
    deleted_by, created_at, updated_at, created_by, updated_by FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_new RENAME TO feedback;
CREATE INDEX feedback_customer ON feedback (customer_id, at) WHERE deleted_at IS NULL;
CREATE INDEX feedback_status ON feedback (status, due_on) WHERE deleted_at IS NULL;
CREATE INDEX feedback_list ON feedback (at, id, customer_id) WHERE deleted_at IS NULL;
INSERT INTO installments (contract_id, seq, due_on, amount_fen)
SELECT c.id, 1,
       CASE
           WHEN date(c.signed_on) IS NULL
               THEN coalesce(date(c.ends_on), substr(c.created_at, 1, 10))
           WHEN date(c.ends_on) IS NOT NULL
                AND date(c.ends_on) < date(c.signed_on, '+' || coalesce(k.payment_days, 30) || ' days')
               THEN date(c.ends_on)
           ELSE date(c.signed_on, '+' || coalesce(k.payment_days, 30) || ' days')
       END,
       c.amount_fen
FROM contracts c JOIN customers k ON k.id = c.customer_id
WHERE c.amount_fen > 0;
"#;

/// Version 20: the birthday index holds the 生日历法 too, so the lunar and the
/// Gregorian birthdays of a window's days are told apart without reading the contacts;
/// and the time of each customer's last contact made (交往反馈 not in the trash and not
/// a planned visit) is kept, so 工作台's 久未联系 reads no feedback. SQLite keeps it
/// true through triggers on every write to feedback, whichever path makes it (a form,
/// an import, an undo, the trash, a merge), in a narrow table of its own: a customer's
/// wide row is not rewritten for each contact an import brings. [`LAST_CONTACTS`]
/// works it out again for every customer (here, and after a repair or a salvage).
const V20_LAST_CONTACT: &str = "
DROP INDEX contacts_birthday_day;
CREATE INDEX contacts_birthday_day ON contacts (substr(birthday, -5), birthday_calendar)
    WHERE birthday <> '';
CREATE TABLE last_contacts (
    customer_id INTEGER PRIMARY KEY,
    at          TEXT NOT NULL
);
CREATE TRIGGER feedback_contact_added AFTER INSERT ON feedback
WHEN NEW.deleted_at IS NULL AND NEW.status <> 'planned'
BEGIN
    INSERT INTO last_contacts (customer_id, at) VALUES (NEW.customer_id, NEW.at)
    ON CONFLICT (customer_id) DO UPDATE SET at = excluded.at WHERE excluded.at > at;
END;
CREATE TRIGGER feedback_contact_changed AFTER UPDATE OF customer_id, at, status, deleted_at
ON feedback
WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.at IS NOT NEW.at
  OR OLD.status IS NOT NEW.status OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
    DELETE FROM last_contacts WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
    INSERT INTO last_contacts (customer_id, at)
    SELECT f.customer_id, max(f.at) FROM feedback f
    WHERE f.customer_id IN (OLD.customer_id, NEW.customer_id)
      AND f.deleted_at IS NULL AND f.status <> 'planned'
    GROUP BY f.customer_id;
END;
CREATE TRIGGER feedback_contact_removed AFTER DELETE ON feedback
BEGIN
    DELETE FROM last_contacts WHERE customer_id = OLD.customer_id;
    INSERT INTO last_contacts (customer_id, at)
    SELECT f.customer_id, max(f.at) FROM feedback f
    WHERE f.customer_id = OLD.customer_id AND f.deleted_at IS NULL AND f.status <> 'planned'
    GROUP BY f.customer_id;
END;
";

/// Version 21: 统计报表 reads the contracts that count in a period from an index that
/// holds all it needs (no contract row is read).
const V21_REPORT_INDEX: &str = "
CREATE INDEX contracts_report ON contracts
    (signed_on, status, customer_id, salesperson, amount_fen)
    WHERE deleted_at IS NULL AND superseded_by IS NULL;
";

/// Version 22: 统计报表's 回款 reads the period's payments from an index that holds what
/// it needs, and the few contracts in the trash from one of their own.
const V22_PAYMENT_REPORT_INDEX: &str = "
CREATE INDEX payments_report ON payments (paid_on, contract_id, amount_fen);
CREATE INDEX contracts_trashed ON contracts (customer_id) WHERE deleted_at IS NOT NULL;
";

/// Version 24: 统计报表's 审批用时 reads the approvals of a period from the change log
/// by an index of the contracts' status changes alone.
const V24_APPROVAL_INDEX: &str = "
CREATE INDEX change_log_status ON change_log (new_value, at, row_id, old_value)
    WHERE table_name = 'contracts' AND field = 'status';
";

/// Version 23: 统计报表's 交往反馈 figures read the period's items from an index that
/// holds what they need (type, status, score, who, customer), and the complaints from
/// one of their own. Each payment carries its contract's 业务员 (kept by triggers on
/// every write of either), so 回款 per salesperson is read from the payments' index.
const V23_FEEDBACK_REPORT_INDEX: &str = "
CREATE INDEX feedback_report
    ON feedback (at, kind, status, satisfaction, responsible, customer_id)
    WHERE deleted_at IS NULL;
CREATE INDEX feedback_complaints ON feedback (at, resolved_on, customer_id)
    WHERE deleted_at IS NULL AND kind = 'complaint';
ALTER TABLE payments ADD COLUMN salesperson TEXT NOT NULL DEFAULT '';
CREATE TRIGGER payments_salesperson AFTER INSERT ON payments BEGIN
    UPDATE payments SET salesperson =
        coalesce((SELECT salesperson FROM contracts WHERE id = NEW.contract_id), '')
    WHERE id = NEW.id;
END;
CREATE TRIGGER payments_salesperson_moved AFTER UPDATE OF contract_id ON payments BEGIN
    UPDATE payments SET salesperson =
        coalesce((SELECT salesperson FROM contracts WHERE id = NEW.contract_id), '')
    WHERE id = NEW.id;
END;
CREATE TRIGGER contracts_salesperson_changed AFTER UPDATE OF salesperson ON contracts BEGIN
    UPDATE payments SET salesperson = NEW.salesperson WHERE contract_id = NEW.id;
END;
DROP INDEX payments_report;
CREATE INDEX payments_report ON payments (paid_on, contract_id, salesperson, amount_fen);
";

/// Every payment's 业务员 worked out again from its contract (after a repair).
pub(super) const PAYMENT_SALESPEOPLE: &str = "
UPDATE payments SET salesperson =
    coalesce((SELECT salesperson FROM contracts WHERE id = payments.contract_id), '');
";

/// Every customer's last contact made, worked out again from its feedback.
pub(super) const LAST_CONTACTS: &str = "
DELETE FROM last_contacts;
INSERT INTO last_contacts (customer_id, at)
SELECT customer_id, max(at) FROM feedback
WHERE deleted_at IS NULL AND status <> 'planned'
GROUP BY customer_id;
";

fn backfill_last_contacts(tx: &Transaction) -> HookResult {
    tx.execute_batch(LAST_CONTACTS)?;
    Ok(())
}

fn backfill_payment_salespeople(tx: &Transaction) -> HookResult {
    tx.execute_batch(PAYMENT_SALESPEOPLE)?;
    Ok(())
}

fn backfill_search(tx: &Transaction) -> HookResult {
    super::search::reindex_all(tx)?;
    Ok(())
}

/// All migrations, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1_CORE),
        // Version 8 rebuilds both search indexes; nothing to fill here any more.
        M::up(V2_SEARCH),
        M::up(V3_CONTRACTS),
        M::up(V4_FEEDBACK),
        M::up(V5_IMPORTS),
        M::up(V6_COMPETITORS_NEWS),
        M::up(V7_LIST_ORDER),
        M::up_with_hook(V8_CJK_INDEX, backfill_search),
        M::up(V9_BULK_CHANGES),
        M::up(V10_IMPORT_LOG_END),
        M::up(V11_RECORDED_ON),
        M::up(V12_PAYMENT_DAYS),
        M::up(V13_CREDIT),
        M::up(V14_LOST),
        M::up(V15_BULK_EACH),
        M::up(V16_WORK_SNOOZES),
        M::up(V17_BIRTHDAY_INDEX),
        M::up(V18_BIRTHDAY_CALENDAR),
        M::up(V19_VISIT_PLANS),
        M::up_with_hook(V20_LAST_CONTACT, backfill_last_contacts),
        M::up(V21_REPORT_INDEX),
        M::up(V22_PAYMENT_REPORT_INDEX),
        M::up_with_hook(V23_FEEDBACK_REPORT_INDEX, backfill_payment_salespeople),
        M::up(V24_APPROVAL_INDEX),
    ])
}

/// The schema version this program writes.
pub fn latest_version() -> i64 {
    24
}
