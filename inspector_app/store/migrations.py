"""Schema migrations as code (sqlite-utils `Migrations`).

Rules: each migration runs in one transaction together with the record that it ran; a
released migration is never edited — add a new one. `schema_version()` counts them, and a
database that has applied migrations this build does not know is refused (it was written
by a newer version of the application).

Conventions for every record table: `id` TEXT primary key (client UUIDv7), `created_at`,
`updated_at` (UTC ISO-8601), `version` (bumped on every change, the sync base version),
`author`, `state`; JSON columns hold form fields that are not filtered on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspector_app.store.lazy import LazyMigrations

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

migrations = LazyMigrations("inspector_app")   # sqlite_utils.Migrations, built on first use


def schema_current(conn: "sqlite3.Connection") -> bool:
    """Whether exactly this build's migrations are applied, in sqlite-utils' current table
    layout — then `migrate()` has nothing to do (checked with plain SQL, no sqlite-utils)."""
    import sqlite3

    try:
        columns = conn.execute(f"PRAGMA table_info({migrations.migrations_table})").fetchall()
        if [c[1] for c in columns if c[5]] != ["id"]:
            return False
        rows = conn.execute(f"SELECT name FROM {migrations.migrations_table} WHERE migration_set = ?", [migrations.name]).fetchall()
    except sqlite3.DatabaseError:  # not a database, or no migrations table yet
        return False
    applied = [r[0] for r in rows]
    return len(applied) == len(set(applied)) and set(applied) == set(migrations.names())

RECORD_COLUMNS = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    author TEXT NOT NULL DEFAULT '',
"""


@migrations(name="m0001_initial")
def m0001_initial(db: Database) -> None:
    db.executescript(
        f"""
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,          -- JSON
    updated_at TEXT NOT NULL
);

CREATE TABLE inspector (          -- 执法人员 directory (server reference data + local identity)
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    cert_no TEXT NOT NULL DEFAULT '',   -- 执法证号
    unit TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'inspector',
    phone TEXT NOT NULL DEFAULT '',
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'active'
);

CREATE TABLE enterprise (         -- 企业
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    former_names TEXT NOT NULL DEFAULT '[]',   -- JSON list of 曾用名
    uscc TEXT,                                 -- 统一社会信用代码
    address TEXT NOT NULL DEFAULT '',
    province TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    legal_rep TEXT NOT NULL DEFAULT '',        -- 法定代表人
    contact TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    economic_type TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    products TEXT NOT NULL DEFAULT '[]',       -- JSON list of main products
    licences TEXT NOT NULL DEFAULT '[]',       -- JSON [{{kind: 生产许可证|SC|CCC, number, product, status, valid_until}}]
    risk_class TEXT NOT NULL DEFAULT 'B' CHECK (risk_class IN ('A','B','C','D')),
    server_version INTEGER NOT NULL DEFAULT 0, -- last version seen from the server (conflict base)
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'active'
);
CREATE UNIQUE INDEX enterprise_uscc ON enterprise(uscc) WHERE uscc IS NOT NULL AND uscc != '';

-- Chinese full-text search: CJK characters are indexed one per token, so a phrase of
-- characters matches any substring of 1, 2 or more characters (see store/search.py).
-- Its rowid is the enterprise's rowid.
CREATE VIRTUAL TABLE enterprise_fts USING fts5(
    name, former_names, address, codes,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3 4 6'
);

CREATE TABLE task (               -- 检查任务, assigned by the server
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL DEFAULT '',           -- 任务编号
    type TEXT NOT NULL,                        -- domain.states.TaskType
    plan TEXT NOT NULL DEFAULT '',             -- 计划名称
    source TEXT NOT NULL DEFAULT '',           -- 任务来源
    category TEXT NOT NULL DEFAULT '',         -- 任务类别: national/provincial/municipal/special/recheck
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    inspector_ids TEXT NOT NULL DEFAULT '[]',  -- JSON list of inspector ids (≥ 2 by law)
    products TEXT NOT NULL DEFAULT '[]',       -- JSON [{{name, standard, quantity, unit}}]
    template_id TEXT NOT NULL DEFAULT '',      -- checklist template to use
    due_date TEXT,                             -- YYYY-MM-DD
    priority INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL DEFAULT '{{}}',
    server_version INTEGER NOT NULL DEFAULT 0,
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'assigned'
);
CREATE INDEX task_enterprise ON task(enterprise_id);
CREATE INDEX task_due ON task(state, due_date);

CREATE TABLE inspection (         -- 现场检查 (a task's visit)
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES task(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    number TEXT NOT NULL DEFAULT '',           -- 文书编号 of the 检查记录 once issued
    template_id TEXT NOT NULL,
    template_version TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    place TEXT NOT NULL DEFAULT '',
    gps TEXT,                                  -- JSON {{lat, lon}}
    inspector_ids TEXT NOT NULL DEFAULT '[]',
    recorder_id TEXT,
    findings TEXT NOT NULL DEFAULT '',
    party_statement TEXT NOT NULL DEFAULT '',  -- 陈述申辩
    data TEXT NOT NULL DEFAULT '{{}}',         -- party details, credentials shown, recusal …
    score REAL,
    content_hash TEXT,                         -- SHA-256 of the canonical record, set on finalize
    finalized_at TEXT,
    amends_id TEXT REFERENCES inspection(id),  -- correction of a finalized inspection
    hazard INTEGER NOT NULL DEFAULT 0,         -- 重大质量安全隐患: synced first
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','finalized','synced'))
);
CREATE INDEX inspection_task ON inspection(task_id);
CREATE INDEX inspection_state ON inspection(state);

CREATE TABLE answer (             -- one checklist item of an inspection
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspection(id),
    item_id TEXT NOT NULL,
    result TEXT,                               -- 符合 conform / 不符合 nonconform / 不适用 n/a
    value TEXT,                                -- JSON for typed answers
    note TEXT NOT NULL DEFAULT '',             -- facts of a non-conformity
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'draft',
    UNIQUE (inspection_id, item_id)
);

CREATE TABLE sample (             -- 抽样单
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES task(id),
    inspection_id TEXT REFERENCES inspection(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),   -- 受检单位
    producer_id TEXT REFERENCES enterprise(id),              -- 生产单位 when known locally
    number TEXT NOT NULL DEFAULT '',           -- 抽样单编号
    mode TEXT NOT NULL DEFAULT 'production' CHECK (mode IN ('production','retail','online')),
    product_name TEXT NOT NULL DEFAULT '',
    brand TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',            -- 规格型号
    batch TEXT NOT NULL DEFAULT '',            -- 生产日期/批号
    sampled_at TEXT,
    data TEXT NOT NULL DEFAULT '{{}}',         -- every other field of the 抽样单 (forms.md)
    custody_status TEXT NOT NULL DEFAULT '',   -- derived from the custody chain, for lists
    content_hash TEXT,
    finalized_at TEXT,
    amends_id TEXT REFERENCES sample(id),
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','finalized','synced'))
);
CREATE INDEX sample_task ON sample(task_id);
CREATE UNIQUE INDEX sample_number ON sample(number) WHERE number != '';

CREATE TABLE seal (               -- 封条: unique within the workspace
    seal_no TEXT PRIMARY KEY,
    sample_id TEXT NOT NULL REFERENCES sample(id),
    part TEXT NOT NULL,                        -- test | backup
    created_at TEXT NOT NULL
);

CREATE TABLE site_record (        -- 拒检认定 refusal / 未抽到样品 no-sample
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES task(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    kind TEXT NOT NULL CHECK (kind IN ('refusal','no_sample')),
    number TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{{}}',
    urgent INTEGER NOT NULL DEFAULT 0,         -- pushed first when the connection returns
    content_hash TEXT,
    finalized_at TEXT,
    amends_id TEXT REFERENCES site_record(id),
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','finalized','synced'))
);

CREATE TABLE custody_event (      -- append-only, hash-chained per sample (custody.md)
    id TEXT PRIMARY KEY,
    sample_id TEXT NOT NULL REFERENCES sample(id),
    seq INTEGER NOT NULL,
    part TEXT NOT NULL,                        -- test | backup | both
    type TEXT NOT NULL,
    at TEXT NOT NULL,
    server_at TEXT,
    actors TEXT NOT NULL DEFAULT '[]',
    place TEXT NOT NULL DEFAULT '',
    gps TEXT,
    seal_ids TEXT NOT NULL DEFAULT '[]',
    evidence TEXT NOT NULL DEFAULT '[]',       -- blob hashes
    data TEXT NOT NULL DEFAULT '{{}}',
    note TEXT NOT NULL DEFAULT '',
    device_id TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    UNIQUE (sample_id, seq)
);

CREATE TABLE blob (               -- content-addressed bytes: photos, signatures, PDFs
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mime TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'photo',        -- photo | signature | strokes | pdf | other
    original_name TEXT NOT NULL DEFAULT '',
    width INTEGER,
    height INTEGER,
    taken_at TEXT,                             -- EXIF capture time
    gps_lat REAL,
    gps_lon REAL,
    camera TEXT NOT NULL DEFAULT '',
    meta TEXT NOT NULL DEFAULT '{{}}',         -- further EXIF, stamp text …
    has_display INTEGER NOT NULL DEFAULT 0,    -- derived files present
    has_thumb INTEGER NOT NULL DEFAULT 0,
    uploaded_at TEXT,                          -- server confirmed it holds these bytes
    created_at TEXT NOT NULL
);

CREATE TABLE attachment (         -- links a blob to a record (evidence)
    id TEXT PRIMARY KEY,
    blob_sha256 TEXT NOT NULL REFERENCES blob(sha256),
    owner_kind TEXT NOT NULL,                  -- inspection | answer | sample | site_record | custody_event | document
    owner_id TEXT NOT NULL,
    item_id TEXT,                              -- checklist item, when owner is an inspection
    role TEXT NOT NULL DEFAULT 'photo',        -- photo | receipt | unpacking | seal | signature | pdf
    caption TEXT NOT NULL DEFAULT '',
    removed_at TEXT,                           -- kept for the audit trail, hidden from views
    removed_reason TEXT,
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'active'
);
CREATE INDEX attachment_owner ON attachment(owner_kind, owner_id);
CREATE INDEX attachment_blob ON attachment(blob_sha256);

CREATE TABLE signature (          -- 签名 or a recorded refusal to sign
    id TEXT PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    signer_role TEXT NOT NULL,                 -- inspector | sampler | party | producer | lab_receiver | courier | witness | bureau
    signer_id_no TEXT NOT NULL DEFAULT '',
    signed_at TEXT NOT NULL,
    image_sha256 TEXT REFERENCES blob(sha256), -- transparent PNG
    strokes_sha256 TEXT REFERENCES blob(sha256),
    refused INTEGER NOT NULL DEFAULT 0,
    refusal_reason TEXT NOT NULL DEFAULT '',
    witness TEXT,                              -- JSON {{name, id_no, signature_id}}
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'active'
);
CREATE INDEX signature_owner ON signature(owner_kind, owner_id);

CREATE TABLE number_block (       -- 文书编号 handed to this device in advance
    id TEXT PRIMARY KEY,
    doc_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,                      -- inclusive
    next INTEGER NOT NULL,
    source TEXT NOT NULL DEFAULT 'server',     -- server | local (demo / offline bootstrap)
    obtained_at TEXT NOT NULL,
    CHECK (start <= next AND next <= end + 1)
);

CREATE TABLE document (           -- 文书 issued
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE,
    record_kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    record_hash TEXT NOT NULL,                 -- content hash of the rendered record
    pdf_sha256 TEXT REFERENCES blob(sha256),
    issued_at TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{{}}',         -- render inputs, for an identical re-print
    {RECORD_COLUMNS}
    state TEXT NOT NULL DEFAULT 'issued'
);
CREATE INDEX document_record ON document(record_kind, record_id);

CREATE TABLE outbox (             -- every local change, written in the change's transaction
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id TEXT NOT NULL UNIQUE,            -- UUIDv7, the server's idempotency key
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL,                          -- insert | update | finalize | append | delete
    payload TEXT NOT NULL,                     -- JSON: the full row after the change
    base_version INTEGER,                      -- version the change was made on (conflicts)
    blobs TEXT NOT NULL DEFAULT '[]',          -- blob hashes the record references (manifest)
    priority INTEGER NOT NULL DEFAULT 0,       -- higher goes first (refusals, hazards)
    created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',    -- pending | acked | rejected
    attempts INTEGER NOT NULL DEFAULT 0,
    acked_at TEXT,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(status, priority DESC, seq);

CREATE TABLE audit_log (          -- who did what when; append-only
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    device_id TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{{}}'
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE conflict (           -- both sides of a concurrent change, for a person to resolve
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    base_version INTEGER,
    local_value TEXT NOT NULL,
    server_value TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT,                           -- local | server | merged
    resolved_value TEXT,
    resolved_by TEXT
);

-- Legal evidence is append-only: the database itself refuses edits that code must never make.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER custody_event_no_update BEFORE UPDATE ON custody_event
WHEN NEW.hash IS NOT OLD.hash OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.data IS NOT OLD.data
     OR NEW.seq IS NOT OLD.seq OR NEW.type IS NOT OLD.type OR NEW.at IS NOT OLD.at
     OR NEW.actors IS NOT OLD.actors OR NEW.sample_id IS NOT OLD.sample_id OR NEW.part IS NOT OLD.part
     OR NEW.seal_ids IS NOT OLD.seal_ids OR NEW.evidence IS NOT OLD.evidence OR NEW.note IS NOT OLD.note
BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END;
CREATE TRIGGER custody_event_no_delete BEFORE DELETE ON custody_event
BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END;
CREATE TRIGGER inspection_finalized_immutable BEFORE UPDATE ON inspection
WHEN OLD.state != 'draft' AND NOT (NEW.state = 'synced' AND NEW.content_hash IS OLD.content_hash
     AND NEW.findings IS OLD.findings AND NEW.data IS OLD.data AND NEW.party_statement IS OLD.party_statement)
BEGIN SELECT RAISE(ABORT, 'finalized inspection is immutable'); END;
CREATE TRIGGER sample_finalized_immutable BEFORE UPDATE ON sample
WHEN OLD.state != 'draft' AND NOT (NEW.content_hash IS OLD.content_hash AND NEW.data IS OLD.data
     AND NEW.number IS OLD.number AND NEW.product_name IS OLD.product_name)
BEGIN SELECT RAISE(ABORT, 'finalized sample record is immutable'); END;
CREATE TRIGGER answer_finalized_immutable BEFORE UPDATE ON answer
WHEN (SELECT state FROM inspection WHERE id = OLD.inspection_id) != 'draft'
BEGIN SELECT RAISE(ABORT, 'answers of a finalized inspection are immutable'); END;
"""
    )



@migrations(name="m0002_core_history_indexes")
def m0002_core_history_indexes(db: Database) -> None:
    """The enterprise panel lists an enterprise's inspections and samples; the audit viewer sorts by time."""
    db.executescript(
        """
CREATE INDEX inspection_enterprise ON inspection(enterprise_id, started_at);
CREATE INDEX sample_enterprise ON sample(enterprise_id, sampled_at);
CREATE INDEX audit_at ON audit_log(at);
"""
    )


@migrations(name="m0003_custody_immutable_site_records")
def m0003_custody_immutable_site_records(db: Database) -> None:
    """Finalized refusal / no-sample records are legal evidence: refuse edits (as for samples)."""
    db.executescript(
        """
CREATE TRIGGER site_record_finalized_immutable BEFORE UPDATE ON site_record
WHEN OLD.state != 'draft' AND NOT (NEW.content_hash IS OLD.content_hash AND NEW.data IS OLD.data
     AND NEW.number IS OLD.number AND NEW.kind IS OLD.kind)
BEGIN SELECT RAISE(ABORT, 'finalized site record is immutable'); END;
CREATE INDEX IF NOT EXISTS custody_event_sample ON custody_event(sample_id, seq);
CREATE INDEX IF NOT EXISTS seal_sample ON seal(sample_id);
"""
    )


@migrations(name="m0010_checklists_templates")
def m0010_checklists_templates(db: Database) -> None:
    """Every template version an inspection was filled with, kept forever (canonical JSON);
    answers of a finalized inspection can be neither added nor removed."""
    db.executescript(
        """
CREATE TABLE checklist_template (
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL,                      -- of `body`
    body TEXT NOT NULL,                        -- canonical JSON of the template file
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',           -- file name it was loaded from
    stored_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE TRIGGER checklist_template_no_update BEFORE UPDATE ON checklist_template
BEGIN SELECT RAISE(ABORT, 'a stored checklist template version is immutable'); END;
CREATE TRIGGER checklist_template_no_delete BEFORE DELETE ON checklist_template
BEGIN SELECT RAISE(ABORT, 'a stored checklist template version is immutable'); END;
CREATE TRIGGER answer_finalized_no_insert BEFORE INSERT ON answer
WHEN (SELECT state FROM inspection WHERE id = NEW.inspection_id) != 'draft'
BEGIN SELECT RAISE(ABORT, 'answers of a finalized inspection are immutable'); END;
CREATE TRIGGER answer_finalized_no_delete BEFORE DELETE ON answer
WHEN (SELECT state FROM inspection WHERE id = OLD.inspection_id) != 'draft'
BEGIN SELECT RAISE(ABORT, 'answers of a finalized inspection are immutable'); END;
"""
    )


def schema_version() -> int:
    """How many migrations this build knows (shown in About and doctor)."""
    return len(migrations._migrations)


@migrations(name="m0003_sync_outbox_entity")
def m0003_sync_outbox_entity(db: Database) -> None:
    """Sync asks, per record, whether all its changes are acknowledged (completeness, conflicts)."""
    db.executescript(
        """
CREATE INDEX outbox_entity ON outbox(entity, entity_id, status);
CREATE INDEX blob_pending ON blob(uploaded_at) WHERE uploaded_at IS NULL;
"""
    )


@migrations(name="m0011_ui_task_list_order")
def m0011_ui_task_list_order(db: Database) -> None:
    """The task list's default order (due date, undated last) read from an index: the first page
    of 10,000 tasks without sorting them all (the start-up path reads it before the window shows)."""
    db.executescript("CREATE INDEX task_due_order ON task((due_date IS NULL), due_date);")
