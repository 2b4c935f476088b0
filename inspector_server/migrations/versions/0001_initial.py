"""Initial server schema: users, devices, tokens, generic records, change log, feed,
conflicts, custody chain tips, blobs, number blocks, document index.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

S = sa.String
TS = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", S(40), primary_key=True),
        sa.Column("username", S(100), nullable=False, unique=True),
        sa.Column("name", S(200), nullable=False),
        sa.Column("role", S(20), nullable=False),
        sa.Column("cert_no", S(100), nullable=False),
        sa.Column("unit", S(200), nullable=False),
        sa.Column("phone", S(50), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "device",
        sa.Column("id", S(100), primary_key=True),
        sa.Column("user_id", S(40), primary_key=True),
        sa.Column("name", S(200), nullable=False),
        sa.Column("first_seen", TS, nullable=False),
        sa.Column("last_seen", TS, nullable=False),
    )
    op.create_table(
        "token",
        sa.Column("token_hash", S(64), primary_key=True),
        sa.Column("user_id", S(40), nullable=False),
        sa.Column("device_id", S(100), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("revoked_at", TS),
    )
    op.create_table(
        "record",
        sa.Column("entity", S(30), primary_key=True),
        sa.Column("id", S(100), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("task_id", S(100)),
        sa.Column("created_by", S(40), nullable=False),
        sa.Column("finalized", sa.Boolean, nullable=False),
        sa.Column("content_hash", S(64)),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("device_id", S(100), nullable=False),
        sa.Column("server_at", TS, nullable=False),
    )
    op.create_index("record_task", "record", ["task_id"])
    op.create_table(
        "record_blob",
        sa.Column("entity", S(30), primary_key=True),
        sa.Column("id", S(100), primary_key=True),
        sa.Column("sha256", S(64), primary_key=True),
    )
    op.create_index("record_blob_sha", "record_blob", ["sha256"])
    op.create_table(
        "task_inspector",
        sa.Column("task_id", S(100), primary_key=True),
        sa.Column("user_id", S(100), primary_key=True),
        sa.Column("enterprise_id", S(100), nullable=False),
    )
    op.create_index("task_inspector_user", "task_inspector", ["user_id"])
    op.create_table(
        "change_log",
        sa.Column("change_id", S(100), primary_key=True),
        sa.Column("user_id", S(40), nullable=False),
        sa.Column("device_id", S(100), nullable=False),
        sa.Column("entity", S(30), nullable=False),
        sa.Column("entity_id", S(100), nullable=False),
        sa.Column("op", S(20), nullable=False),
        sa.Column("status", S(20), nullable=False),
        sa.Column("code", S(50)),
        sa.Column("reason", sa.Text),
        sa.Column("server_version", sa.Integer),
        sa.Column("received_at", TS, nullable=False),
    )
    op.create_index("change_log_entity", "change_log", ["entity", "entity_id"])
    op.create_table(
        "feed",
        sa.Column("cursor", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("entity", S(30), nullable=False),
        sa.Column("entity_id", S(100), nullable=False),
        sa.Column("op", S(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("task_id", S(100)),
        sa.Column("user_id", S(40)),
        sa.Column("device_id", S(100)),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("feed_task", "feed", ["task_id", "cursor"])
    op.create_table(
        "conflict",
        sa.Column("id", S(40), primary_key=True),
        sa.Column("kind", S(20), nullable=False),
        sa.Column("entity", S(30), nullable=False),
        sa.Column("entity_id", S(100), nullable=False),
        sa.Column("base_version", sa.Integer),
        sa.Column("incoming_value", sa.Text, nullable=False),
        sa.Column("server_value", sa.Text, nullable=False),
        sa.Column("task_id", S(100)),
        sa.Column("user_id", S(40), nullable=False),
        sa.Column("device_id", S(100), nullable=False),
        sa.Column("change_id", S(100), nullable=False),
        sa.Column("detected_at", TS, nullable=False),
        sa.Column("resolved_at", TS),
        sa.Column("resolution", S(20)),
        sa.Column("resolved_value", sa.Text),
        sa.Column("resolved_by", S(200)),
    )
    op.create_table(
        "custody_tip",
        sa.Column("sample_id", S(100), primary_key=True),
        sa.Column("tip_hash", S(64), nullable=False),
        sa.Column("length", sa.Integer, nullable=False),
    )
    op.create_table(
        "custody_link",
        sa.Column("hash", S(64), primary_key=True),
        sa.Column("sample_id", S(100), nullable=False),
        sa.Column("event_id", S(100), nullable=False),
        sa.Column("prev_hash", S(64), nullable=False),
        sa.Column("forked", sa.Boolean, nullable=False),
    )
    op.create_index("custody_link_sample", "custody_link", ["sample_id"])
    op.create_table(
        "blob",
        sa.Column("sha256", S(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("filename", S(300), nullable=False),
        sa.Column("stored_at", TS, nullable=False),
        sa.Column("user_id", S(40)),
    )
    op.create_table(
        "number_counter",
        sa.Column("doc_type", S(50), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("next", sa.Integer, nullable=False),
    )
    op.create_table(
        "number_block",
        sa.Column("id", S(40), primary_key=True),
        sa.Column("doc_type", S(50), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("device_id", S(100), nullable=False),
        sa.Column("user_id", S(40), nullable=False),
        sa.Column("request_id", S(100)),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("number_block_request", "number_block", ["user_id", "request_id"])
    op.create_table(
        "document_index",
        sa.Column("number", S(200), primary_key=True),
        sa.Column("document_id", S(100), nullable=False),
        sa.Column("record_hash", S(64)),
        sa.Column("pdf_sha256", S(64)),
    )


def downgrade() -> None:
    for name in ("document_index", "number_block", "number_counter", "blob", "custody_link", "custody_tip",
                 "conflict", "feed", "change_log", "task_inspector", "record_blob", "record", "token",
                 "device", "app_user"):
        op.drop_table(name)
