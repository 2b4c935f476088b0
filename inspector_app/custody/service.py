"""Appending custody events: validation, the state machine, the hash link, the list status.

Everything happens inside the caller's write transaction, so an event, its signatures, its
audit head and the sample's `custody_status` commit together or not at all.
"""

from __future__ import annotations

from typing import Any, Iterable

from inspector_app.custody import machine, status
from inspector_app.custody.chain import event_hash
from inspector_app.custody.events import SPECS, EventType, validate_event
from inspector_app.custody.signatures import Signer, add_signature
from inspector_app.domain.errors import StateError, ValidationError
from inspector_app.domain.ids import format_utc, parse_utc, uuid7
from inspector_app.i18n import tr
from inspector_app.store.reference import fetch, query
from inspector_app.store.txn import Txn

HEAD_ACTION = "custody_head"  # audit_log action recording each new chain head (see chain.py)


def events_of(db, sample_id: str) -> list[dict[str, Any]]:
    return query(db, "SELECT * FROM custody_event WHERE sample_id = ? ORDER BY seq", [sample_id], table="custody_event")


def state_of(db, sample: dict[str, Any]) -> machine.ChainState:
    return machine.fold(events_of(db, sample["id"]), sample["mode"])


def append_event(
    txn: Txn,
    sample_id: str,
    event_type: str,
    part: str,
    *,
    at: str | None = None,
    actors: Iterable[dict[str, Any]] = (),
    place: str = "",
    gps: dict[str, float] | None = None,
    seal_ids: Iterable[str] = (),
    evidence: Iterable[str] = (),
    data: dict[str, Any] | None = None,
    note: str = "",
    signers: Iterable[Signer] = (),
    event_id: str | None = None,
) -> dict[str, Any]:
    """Append one event to a sample's chain; refuse a wrong order naming the missing step."""
    sample = fetch(txn.db, "sample", sample_id)
    if sample is None:
        raise ValidationError("sample_missing", tr("抽样单不存在：{s}", "No such sampling record: {s}", s=sample_id))
    if sample["state"] == "draft" or not sample.get("content_hash"):
        raise StateError("custody_unsigned", tr("抽样单签署定稿后才能记录样品流转。", "Sign and finalize the sampling record before recording custody."))
    if sample.get("amends_id"):
        raise StateError("custody_amendment", tr("流转记录在原抽样单上，不在更正记录上。", "Custody is recorded on the original sampling record, not on an amendment."))
    actors, data, signers = list(actors), dict(data or {}), list(signers)
    if not actors and signers:
        actors = [{"name": s.name, "role": _actor_role(s.role), "id_no": s.id_no} for s in signers]
    etype, epart = validate_event(event_type, part, data, actors)
    events = events_of(txn.db, sample_id)
    state = machine.fold(events, sample["mode"])
    machine.check(state, etype, epart, data)
    if at is not None:
        at = format_utc(parse_utc(at))
    eid = event_id or uuid7()
    evidence = list(evidence)
    if signers:
        rows = [add_signature(txn, "custody_event", eid, s) for s in signers]
        data["signature_ids"] = [r["id"] for r in rows]
        evidence += [r["image_sha256"] for r in rows if r.get("image_sha256")]
    row: dict[str, Any] = {
        "id": eid,
        "sample_id": sample_id,
        "seq": len(events) + 1,
        "part": epart.value,
        "type": etype.value,
        "at": at or txn.now,
        "server_at": None,
        "actors": actors,
        "place": place or "",
        "gps": gps,
        "seal_ids": sorted({str(s) for s in seal_ids}),
        "evidence": sorted(set(evidence)),
        "data": data,
        "note": note or "",
        "device_id": txn.device_id,
        "prev_hash": events[-1]["hash"] if events else sample["content_hash"],
        "created_at": txn.now,
        "author": txn.actor,
    }
    row["hash"] = event_hash(row)
    txn.append("custody_event", row, blobs=row["evidence"])
    txn.audit(HEAD_ACTION, "sample", sample_id, {"event_id": eid, "seq": row["seq"], "hash": row["hash"], "type": row["type"]})
    state.apply(row)
    txn.db.execute("UPDATE sample SET custody_status = ? WHERE id = ?", [status.encode(state), sample_id])
    return row


def _actor_role(signer_role: str) -> str:
    return {"party": "enterprise_rep", "producer": "enterprise_rep", "inspector": "sampler"}.get(signer_role, signer_role)


def needs_signature(event_type: str) -> bool:
    """Whether a person hands over or receives (the screen asks for their signature)."""
    return SPECS[EventType(event_type)].needs_actor


def refresh_status(txn: Txn, sample_id: str) -> str:
    """Recompute `sample.custody_status` from the chain (for events that arrived by sync)."""
    sample = fetch(txn.db, "sample", sample_id)
    value = status.encode(machine.fold(events_of(txn.db, sample_id), sample["mode"]))
    txn.db.execute("UPDATE sample SET custody_status = ? WHERE id = ?", [value, sample_id])
    return value
