"""End-to-end verification of sampling records and their custody chains.

Checks, in order: the finalized record still hashes to its `content_hash` (fields and
signatures), then the chain (chain.verify_events) against the audit log's recorded heads.
Used by `inspector-app verify-custody` and by `doctor` for every sample.
"""

from __future__ import annotations

import json
from typing import Any

from inspector_app.custody.chain import AuditHead, Break, Verification, verify_events
from inspector_app.custody.records import record_hash
from inspector_app.custody.service import HEAD_ACTION, events_of
from inspector_app.i18n import tr
from inspector_app.store.reference import fetch


def find_sample(db, key: str) -> dict[str, Any] | None:
    """A sample by id, sampling-record number or seal number (scanned or typed)."""
    key = key.strip()
    row = db.execute("SELECT id FROM sample WHERE id = ? OR number = ?", [key, key]).fetchone()
    if row is None:
        from inspector_app.custody.records import normalize_seal

        row = db.execute("SELECT sample_id FROM seal WHERE seal_no = ?", [normalize_seal(key)]).fetchone()
    return fetch(db, "sample", row[0]) if row else None


def heads_of(db, sample_id: str) -> list[AuditHead]:
    rows = db.execute("SELECT detail FROM audit_log WHERE action = ? AND entity = 'sample' AND entity_id = ? ORDER BY seq",
                      [HEAD_ACTION, sample_id]).fetchall()
    heads = []
    for (detail,) in rows:
        d = json.loads(detail)
        heads.append(AuditHead(d["event_id"], d["seq"], d["hash"], d["type"]))
    return heads


def audited_event_ids(db, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        found.update(r[0] for r in db.execute(
            f"SELECT entity_id FROM audit_log WHERE entity = 'custody_event' AND entity_id IN ({marks})", chunk).fetchall())
    return found


def verify_sample(db, sample: dict[str, Any]) -> Verification:
    events = events_of(db, sample["id"])
    if sample["state"] == "draft":
        if events:
            return Verification(False, len(events), Break("not_finalized", None, None, None, tr(
                "草稿抽样单不应有流转事件。", "a draft sampling record cannot have custody events.")))
        return Verification(True, 0)
    recomputed = record_hash(db, sample)
    if recomputed != sample.get("content_hash"):
        return Verification(False, len(events), Break("record_changed", None, None, None, tr(
            "定稿后的抽样单内容或签名与其内容哈希值不符。", "the finalized record's fields or signatures no longer match its content hash.")))
    ids = [e["id"] for e in events]
    return verify_events(sample["content_hash"], events, heads_of(db, sample["id"]), audited_event_ids(db, ids))


def verify_all(db) -> list[tuple[dict[str, Any], Verification]]:
    rows = db.execute("SELECT id FROM sample WHERE amends_id IS NULL ORDER BY number").fetchall()
    return [(s, verify_sample(db, s)) for s in (fetch(db, "sample", r[0]) for r in rows)]


def check_custody(store) -> list[str]:
    """doctor: every sampling record and its custody chain verify end to end."""
    return [result.broken.message(sample["number"]) for sample, result in verify_all(store.read()) if not result.ok]
