"""Table definitions for queries (SQLAlchemy Core).

The tables themselves are created by the Alembic migrations in `migrations/versions/`; this
module mirrors their current shape for query building and must be kept in step with them.

Records pushed by devices are stored generically (`record`: entity, id, payload JSON) because
the client schema is the contract and the server mainly keeps, checks and redistributes it;
the few columns the server filters on (owner task, finalized, content hash) are lifted out.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Integer, MetaData, String, Table, Text

metadata = MetaData()

user = Table(
    "app_user", metadata,
    Column("id", String(40), primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("cert_no", String(100), nullable=False),
    Column("unit", String(200), nullable=False),
    Column("phone", String(50), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", String(40), nullable=False),
)

device = Table(
    "device", metadata,
    Column("id", String(100), primary_key=True),
    Column("user_id", String(40), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("first_seen", String(40), nullable=False),
    Column("last_seen", String(40), nullable=False),
)

token = Table(
    "token", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(40), nullable=False),
    Column("device_id", String(100), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

record = Table(
    "record", metadata,
    Column("entity", String(30), primary_key=True),
    Column("id", String(100), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("task_id", String(100)),
    Column("created_by", String(40), nullable=False),
    Column("finalized", Boolean, nullable=False),
    Column("content_hash", String(64)),
    Column("deleted", Boolean, nullable=False),
    Column("device_id", String(100), nullable=False),
    Column("server_at", String(40), nullable=False),
)

record_blob = Table(
    "record_blob", metadata,
    Column("entity", String(30), primary_key=True),
    Column("id", String(100), primary_key=True),
    Column("sha256", String(64), primary_key=True),
)

task_inspector = Table(
    "task_inspector", metadata,
    Column("task_id", String(100), primary_key=True),
    Column("user_id", String(100), primary_key=True),
    Column("enterprise_id", String(100), nullable=False),
)

change = Table(
    "change_log", metadata,
    Column("change_id", String(100), primary_key=True),
    Column("user_id", String(40), nullable=False),
    Column("device_id", String(100), nullable=False),
    Column("entity", String(30), nullable=False),
    Column("entity_id", String(100), nullable=False),
    Column("op", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("code", String(50)),
    Column("reason", Text),
    Column("server_version", Integer),
    Column("received_at", String(40), nullable=False),
)

feed = Table(
    "feed", metadata,
    Column("cursor", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("entity", String(30), nullable=False),
    Column("entity_id", String(100), nullable=False),
    Column("op", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("task_id", String(100)),
    Column("user_id", String(40)),
    Column("device_id", String(100)),
    Column("created_at", String(40), nullable=False),
)

conflict = Table(
    "conflict", metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("entity", String(30), nullable=False),
    Column("entity_id", String(100), nullable=False),
    Column("base_version", Integer),
    Column("incoming_value", Text, nullable=False),
    Column("server_value", Text, nullable=False),
    Column("task_id", String(100)),
    Column("user_id", String(40), nullable=False),
    Column("device_id", String(100), nullable=False),
    Column("change_id", String(100), nullable=False),
    Column("detected_at", String(40), nullable=False),
    Column("resolved_at", String(40)),
    Column("resolution", String(20)),
    Column("resolved_value", Text),
    Column("resolved_by", String(200)),
)

custody_tip = Table(
    "custody_tip", metadata,
    Column("sample_id", String(100), primary_key=True),
    Column("tip_hash", String(64), nullable=False),
    Column("length", Integer, nullable=False),
)

custody_link = Table(
    "custody_link", metadata,
    Column("hash", String(64), primary_key=True),
    Column("sample_id", String(100), nullable=False),
    Column("event_id", String(100), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("forked", Boolean, nullable=False),
)

blob = Table(
    "blob", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("filename", String(300), nullable=False),
    Column("stored_at", String(40), nullable=False),
    Column("user_id", String(40)),
)

number_counter = Table(
    "number_counter", metadata,
    Column("doc_type", String(50), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("next", Integer, nullable=False),
)

number_block = Table(
    "number_block", metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_type", String(50), nullable=False),
    Column("year", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("device_id", String(100), nullable=False),
    Column("user_id", String(40), nullable=False),
    Column("request_id", String(100)),
    Column("created_at", String(40), nullable=False),
)

document_index = Table(
    "document_index", metadata,
    Column("number", String(200), primary_key=True),
    Column("document_id", String(100), nullable=False),
    Column("record_hash", String(64)),
    Column("pdf_sha256", String(64)),
)
