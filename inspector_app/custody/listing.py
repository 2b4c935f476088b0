"""Rows for sample and site-record lists, shared by the GUI models and the CLI."""

from __future__ import annotations

from typing import Any

from inspector_app.custody import deadlines, status
from inspector_app.custody.service import events_of
from inspector_app.store.reference import query


def list_rows(db) -> list[dict[str, Any]]:
    """Samples as list rows (the GUI model and `samples list`): stage per part, deadlines."""
    cursor = db.execute(
        "SELECT s.id, s.number, s.mode, s.product_name, s.brand, s.sampled_at, s.state, s.custody_status, e.name,"
        " (SELECT count(*) FROM sample a WHERE a.amends_id = s.id) FROM sample s JOIN enterprise e ON e.id = s.enterprise_id"
        " WHERE s.amends_id IS NULL ORDER BY coalesce(s.sampled_at, s.created_at) DESC, s.number")
    seals: dict[str, list[str]] = {}
    for seal_no, sample_id in db.execute("SELECT seal_no, sample_id FROM seal ORDER BY seal_no").fetchall():
        seals.setdefault(sample_id, []).append(seal_no)
    rows = []
    for sid, number, mode, product, brand, sampled_at, state, custody_status, enterprise, amendments in cursor.fetchall():
        test, backup = status.decode(custody_status)
        events = events_of(db, sid) if state != "draft" else []
        until = deadlines.objection_open_until(events)
        upcoming = [d for d in deadlines.derive(events, mode) if d.open]
        rows.append({"id": sid, "number": number, "mode": mode, "product": product, "brand": brand, "enterprise": enterprise,
                     "sampled_at": sampled_at, "state": state, "test": test, "backup": backup,
                     "objection_until": until.isoformat() if until else None, "amendments": amendments,
                     "next_deadline": min((d.due.isoformat() for d in upcoming), default=None), "events": len(events),
                     "seals": seals.get(sid, [])})
    return rows


def site_record_rows(db) -> list[dict[str, Any]]:
    return query(db, "SELECT r.id, r.kind, r.number, r.state, r.urgent, r.created_at, r.task_id, e.name AS enterprise, r.data"
                 " FROM site_record r JOIN enterprise e ON e.id = r.enterprise_id ORDER BY r.created_at DESC, r.number", table="site_record")


def task_rows(db) -> list[dict[str, Any]]:
    """Tasks a new sample or site record can belong to (open ones first)."""
    return query(db, "SELECT t.id, t.number, t.type, t.state, e.name AS enterprise, t.products FROM task t"
                 " JOIN enterprise e ON e.id = t.enterprise_id ORDER BY t.state = 'done', t.due_date, t.number", table="task")
