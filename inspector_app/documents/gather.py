"""Reading a record and what hangs off it into plain, JSON-able render inputs.

The gathered dict is what the document shows and what its content hash covers, so it holds
form contents only — no bookkeeping columns that change after issue (version, updated_at,
sync state). Every optional field may be missing: documents print blanks, never fail.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from inspector_app.store.reference import fetch, query

PARTY_KEYS = ("name", "address", "postcode", "legal_rep", "contact", "phone", "uscc", "id_no", "licence_name", "economic_type")


def party_from_enterprise(row: dict[str, Any] | None) -> dict[str, Any]:
    if not row:
        return {}
    return {k: row.get(k) or "" for k in PARTY_KEYS if row.get(k)}


def merge_party(primary: dict[str, Any] | None, fallback: dict[str, Any] | None) -> dict[str, Any]:
    """The record's own party fields, completed from the enterprise directory where blank."""
    out = dict(fallback or {})
    out.update({k: v for k, v in (primary or {}).items() if v not in (None, "")})
    return out


def signatures(db: Database, owner_kind: str, owner_id: str) -> list[dict[str, Any]]:
    rows = query(
        db,
        "SELECT * FROM signature WHERE owner_kind = ? AND owner_id = ? AND state = 'active' ORDER BY signed_at, id",
        [owner_kind, owner_id],
        table="signature",
    )
    out = []
    for r in rows:
        witness = r.get("witness") or {}
        out.append({
            "role": r["signer_role"],
            "name": r["signer_name"],
            "id_no": r.get("signer_id_no") or "",
            "signed_at": r["signed_at"],
            "image_sha256": r.get("image_sha256"),
            "refused": bool(r.get("refused")),
            "refusal_reason": r.get("refusal_reason") or "",
            "witness": witness.get("name", "") if isinstance(witness, dict) else str(witness),
        })
    return out


def event_signatures(db: Database, sample_id: str) -> list[dict[str, Any]]:
    """Signatures captured on custody events (handover, lab receipt), tagged with the event's seq."""
    out = []
    for event_id, seq in db.execute("SELECT id, seq FROM custody_event WHERE sample_id = ? ORDER BY seq", [sample_id]).fetchall():
        for s in signatures(db, "custody_event", event_id):
            out.append({**s, "event_seq": seq})
    return out


def inspectors(db: Database, ids: list[str] | None) -> list[dict[str, str]]:
    out = []
    for inspector_id in ids or []:
        row = fetch(db, "inspector", inspector_id)
        if row:
            out.append({"name": row["name"], "cert_no": row.get("cert_no") or "", "unit": row.get("unit") or ""})
    return out


def task_info(db: Database, task_id: str | None) -> dict[str, Any]:
    row = fetch(db, "task", task_id) if task_id else None
    if not row:
        return {}
    return {k: row.get(k) for k in ("number", "type", "plan", "source", "category", "due_date") if row.get(k)}


def custody_events(db: Database, sample_id: str) -> list[dict[str, Any]]:
    rows = query(db, "SELECT * FROM custody_event WHERE sample_id = ? ORDER BY seq", [sample_id], table="custody_event")
    keep = ("seq", "part", "type", "at", "actors", "place", "seal_ids", "data", "note", "hash")
    return [{k: r.get(k) for k in keep} for r in rows]


def last_event(record: dict[str, Any], *types: str) -> dict[str, Any] | None:
    for event in reversed(record.get("custody") or []):
        if event.get("type") in types:
            return event
    return None


def sample_record(db: Database, sample_id: str, *, issued_number: bool = True) -> dict[str, Any] | None:
    """A 抽样单 with its task, parties, seals, signatures and custody events.

    With `issued_number`, a sample that has no number of its own carries the number of its
    issued 抽样单 document (what notices and labels must quote).
    """
    row = fetch(db, "sample", sample_id)
    if row is None:
        return None
    data = row.get("data") or {}
    enterprise = fetch(db, "enterprise", row["enterprise_id"])
    producer_row = fetch(db, "enterprise", row["producer_id"]) if row.get("producer_id") else None
    product = dict(data.get("product") or {})
    for column, key in (("product_name", "name"), ("brand", "brand"), ("model", "model"), ("batch", "batch")):
        if row.get(column) and not product.get(key):
            product[key] = row[column]
    seals = query(db, "SELECT seal_no, part FROM seal WHERE sample_id = ? ORDER BY part DESC, seal_no", [sample_id])
    return {
        "kind": "sample",
        "id": row["id"],
        "number": row.get("number") or (_issued_sampling_number(db, sample_id) if issued_number else ""),
        "mode": row.get("mode") or "production",
        "sampled_at": row.get("sampled_at") or "",
        "source_hash": row.get("content_hash") or "",
        "task": task_info(db, row.get("task_id")),
        "data": {**data, "product": product,
                 "sampled_party": merge_party(data.get("sampled_party"), party_from_enterprise(enterprise)),
                 "producer": merge_party(data.get("producer"), party_from_enterprise(producer_row))},
        "seals": [{"seal_no": s["seal_no"], "part": s["part"]} for s in seals],
        "signatures": signatures(db, "sample", sample_id) + event_signatures(db, sample_id),
        "custody": custody_events(db, sample_id),
    }


def _issued_sampling_number(db: Database, sample_id: str) -> str:
    row = db.execute(
        "SELECT number FROM document WHERE type = 'sampling_record' AND record_id = ? AND state = 'issued' ORDER BY issued_at LIMIT 1",
        [sample_id],
    ).fetchone()
    return row[0] if row else ""


def inspection_record(db: Database, inspection_id: str) -> dict[str, Any] | None:
    row = fetch(db, "inspection", inspection_id)
    if row is None:
        return None
    data = row.get("data") or {}
    enterprise = fetch(db, "enterprise", row["enterprise_id"])
    answers = query(db, "SELECT item_id, result, value, note FROM answer WHERE inspection_id = ? ORDER BY rowid", [inspection_id], table="answer")
    recorder = fetch(db, "inspector", row["recorder_id"]) if row.get("recorder_id") else None
    return {
        "kind": "inspection",
        "id": row["id"],
        "number": row.get("number") or "",
        "template_id": row.get("template_id") or "",
        "template_version": row.get("template_version") or "",
        "items": template_items(row.get("template_id") or "", row.get("template_version") or ""),
        "started_at": row.get("started_at") or "",
        "ended_at": row.get("ended_at") or "",
        "place": row.get("place") or "",
        "inspectors": inspectors(db, row.get("inspector_ids")),
        "recorder": (recorder or {}).get("name") or data.get("recorder") or "",
        "findings": row.get("findings") or "",
        "party_statement": row.get("party_statement") or "",
        "source_hash": row.get("content_hash") or "",
        "task": task_info(db, row.get("task_id")),
        "data": {**data, "party": merge_party(data.get("party"), party_from_enterprise(enterprise))},
        "answers": [{"item_id": a["item_id"], "result": a.get("result") or "", "note": a.get("note") or "", "value": a.get("value")} for a in answers],
        "signatures": signatures(db, "inspection", inspection_id),
    }


def site_record(db: Database, record_id: str, kind: str) -> dict[str, Any] | None:
    row = fetch(db, "site_record", record_id)
    if row is None or row.get("kind") != kind:
        return None
    data = row.get("data") or {}
    enterprise = fetch(db, "enterprise", row["enterprise_id"])
    return {
        "kind": "site_record",
        "id": row["id"],
        "site_kind": kind,
        "number": row.get("number") or "",
        "created_at": row.get("created_at") or "",
        "source_hash": row.get("content_hash") or "",
        "task": task_info(db, row.get("task_id")),
        "data": {**data, "enterprise": merge_party(data.get("enterprise"), party_from_enterprise(enterprise))},
        "signatures": signatures(db, "site_record", record_id),
    }


def template_items(template_id: str, version: str) -> dict[str, dict[str, str]]:
    """Item texts and legal basis from the checklist template, when the template is available.

    Tolerant by design: the template engine is another area's; any template it can load
    gives labels, otherwise items print by their ids.
    """
    if not template_id:
        return {}
    try:  # the checklists area's catalog, when present (Template.items → Item.id/.label()/.basis())
        from inspector_app.checklists import catalog  # type: ignore[attr-defined]

        template = catalog().get(template_id, version)
        if template is not None:
            return {str(item.id): {"label": _text(item.label()), "basis": _text(item.basis() or "")} for item in template.items}
    except Exception:  # noqa: BLE001 - a missing or different template engine must not stop a print
        pass
    template = _template_file(template_id)
    items: dict[str, dict[str, str]] = {}
    for item in _walk_items(template):
        item_id = item.get("id") or item.get("name")
        if not item_id:
            continue
        items[str(item_id)] = {
            "label": _text(item.get("label") or item.get("text") or item.get("title") or item_id),
            "basis": _text(item.get("basis") or item.get("legal_basis") or ""),
        }
    return items


def _text(value: Any) -> str:
    """Template texts may be plain or per language ({"zh_CN": …, "en": …}); print the Chinese."""
    if isinstance(value, dict):
        for key in ("zh_CN", "zh", "cn"):
            if value.get(key):
                return str(value[key])
        return str(next(iter(value.values()), ""))
    if isinstance(value, list):
        return "；".join(_text(v) for v in value)
    return str(value)


def _template_file(template_id: str) -> Any:
    import json

    from inspector_app.store.paths import forms_dir

    folder = forms_dir()
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("**/*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(doc, dict) and doc.get("id") == template_id:
            return doc
    return None


def _walk_items(node: Any):
    """Yield every dict that looks like a checklist item (has an id and a label/text)."""
    if isinstance(node, dict):
        if ("id" in node or "name" in node) and any(k in node for k in ("label", "text", "title")) and not any(
            isinstance(v, list) and v and isinstance(v[0], dict) and ("label" in v[0] or "text" in v[0]) for v in node.values()
        ):
            yield node
        for value in node.values():
            if isinstance(value, (list, dict)):
                yield from _walk_items(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_items(value)
