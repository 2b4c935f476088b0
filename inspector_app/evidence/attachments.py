"""Linking evidence to records, and the rule that finalized evidence never changes.

A photo attaches to an inspection (optionally one checklist item), a sample, a site record or
a custody event, with a caption. Before the owner is finalized an attachment can be removed:
the row stays with `removed_at` and a reason (the audit trail keeps it, views hide it) and the
original bytes stay in the blob store. After finalization removal is refused. Custody events
are append-only from birth, so their evidence can be added to but never removed (and may be
linked in the transaction that appends the event, before its row exists).
"""

from __future__ import annotations

from typing import Any

from inspector_app.evidence import errors
from inspector_app.store.reference import fetch, query
from inspector_app.store.txn import Txn

OWNER_KINDS = ("inspection", "sample", "site_record", "custody_event")
_DRAFT_STATES = {"draft"}


def owner_state(db: Any, owner_kind: str, owner_id: str) -> str:
    """'draft' when evidence may still change, 'finalized' when not; raises if the owner is unknown."""
    if owner_kind not in OWNER_KINDS:
        raise errors.bad_owner_kind(owner_kind, OWNER_KINDS)
    if owner_kind == "custody_event":
        # Append-only from birth. Its photos may be linked in the same transaction that appends
        # the event (the event's `evidence` lists their hashes), so the row may not exist yet.
        return "finalized"
    row = db.execute(f"SELECT state FROM [{owner_kind}] WHERE id = ?", [owner_id]).fetchone()
    if row is None:
        raise errors.owner_missing(owner_kind, owner_id)
    return "draft" if row[0] in _DRAFT_STATES else "finalized"


def check_can_attach(db: Any, owner_kind: str, owner_id: str, *, must_exist: bool = False) -> None:
    """Refuse new evidence on a finalized record (custody events accept supplementary photos).
    `must_exist`: also require a custody event to exist already (imports, the CLI)."""
    if must_exist and owner_kind == "custody_event" and db.execute("SELECT 1 FROM custody_event WHERE id = ?", [owner_id]).fetchone() is None:
        raise errors.owner_missing(owner_kind, owner_id)
    state = owner_state(db, owner_kind, owner_id)
    if state != "draft" and owner_kind != "custody_event":
        raise errors.finalized(owner_kind, owner_id)


def attach(
    txn: Txn,
    sha256: str,
    owner_kind: str,
    owner_id: str,
    *,
    item_id: str | None = None,
    caption: str = "",
    role: str = "photo",
) -> tuple[dict[str, Any], bool]:
    """Link a stored blob to a record; returns (attachment row, created). Linking the same
    photo to the same owner and item twice returns the existing link instead of a copy."""
    check_can_attach(txn.db, owner_kind, owner_id)
    if txn.db.execute("SELECT 1 FROM blob WHERE sha256 = ?", [sha256]).fetchone() is None:
        raise errors.owner_missing("blob", sha256)
    existing = txn.db.execute(
        "SELECT id FROM attachment WHERE blob_sha256 = ? AND owner_kind = ? AND owner_id = ? AND item_id IS ?"
        " AND role = ? AND removed_at IS NULL",
        [sha256, owner_kind, owner_id, item_id, role],
    ).fetchone()
    if existing:
        return fetch(txn.db, "attachment", existing[0]), False
    row = txn.insert(
        "attachment",
        {"blob_sha256": sha256, "owner_kind": owner_kind, "owner_id": owner_id, "item_id": item_id,
         "role": role, "caption": caption, "state": "active"},
        blobs=[sha256],
    )
    return row, True


def set_caption(txn: Txn, attachment_id: str, caption: str) -> dict[str, Any]:
    row = _active(txn, attachment_id)
    if owner_state(txn.db, row["owner_kind"], row["owner_id"]) != "draft":
        raise errors.finalized(row["owner_kind"], row["owner_id"])
    return txn.update("attachment", attachment_id, {"caption": caption}, blobs=[row["blob_sha256"]])


def remove(txn: Txn, attachment_id: str, reason: str = "") -> dict[str, Any]:
    """Hide a photo from its draft record; the row, the audit entry and the bytes remain."""
    row = _active(txn, attachment_id)
    if owner_state(txn.db, row["owner_kind"], row["owner_id"]) != "draft":
        raise errors.finalized(row["owner_kind"], row["owner_id"])
    return txn.update(
        "attachment", attachment_id,
        {"removed_at": txn.now, "removed_reason": reason, "state": "removed"},
        op="update", audit_action="remove", blobs=[row["blob_sha256"]],
    )


def _active(txn: Txn, attachment_id: str) -> dict[str, Any]:
    row = fetch(txn.db, "attachment", attachment_id)
    if row is None:
        raise errors.owner_missing("attachment", attachment_id)
    if row["removed_at"]:
        raise errors.already_removed(attachment_id)
    return row


PHOTO_COLUMNS = (
    "a.id AS attachment_id, a.owner_kind, a.owner_id, a.item_id, a.role, a.caption, a.created_at AS attached_at,"
    " b.sha256, b.size, b.mime, b.original_name, b.width, b.height, b.taken_at, b.gps_lat, b.gps_lon, b.camera, b.meta"
)


def list_attached(db: Any, owner_kind: str, owner_id: str, item_id: str | None = None, *, include_removed: bool = False) -> list[dict[str, Any]]:
    """Photos of one record (and item), oldest first, joined with their blob facts."""
    sql = f"SELECT {PHOTO_COLUMNS}, a.removed_at, a.removed_reason FROM attachment a JOIN blob b ON b.sha256 = a.blob_sha256 WHERE a.owner_kind = ? AND a.owner_id = ?"
    params: list[Any] = [owner_kind, owner_id]
    if item_id is not None:
        sql += " AND a.item_id = ?"
        params.append(item_id)
    if not include_removed:
        sql += " AND a.removed_at IS NULL"
    sql += " ORDER BY a.created_at, a.id"
    return query(db, sql, params, table="blob")
