"""Conflicts: both values kept, a person decides.

A conflict arises only on shared mutable records (enterprise details, task state) changed on
two sides; finalized records and custody events are immutable and never conflict. Rows come
from the pull (server-side conflicts) or from the pull noticing an unacknowledged local edit.
`resolve_conflict` records the decision, applies the winning value locally, and queues both
the resolution and the winning value for the server (based on the server's current version,
so it is not a conflict again).
"""

from __future__ import annotations

import json
from typing import Any

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.hashing import json_value
from inspector_app.i18n import tr
from inspector_app.store import reference
from inspector_app.store.db import Store
from inspector_app.store.txn import Txn, dumps

CHOICES = ("local", "server", "merged")
SKIP_FIELDS = {"id", "version", "server_version", "created_at", "updated_at", "author", "rowid"}


def _value(raw: Any) -> dict:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    return raw if isinstance(raw, dict) else {}


def list_conflicts(store: Store, *, open_only: bool = True) -> list[dict]:
    sql = "SELECT * FROM conflict" + (" WHERE resolved_at IS NULL" if open_only else "") + " ORDER BY detected_at"
    rows = reference.query(store.read(), sql, table="conflict")
    for row in rows:
        row["local_value"] = _value(row["local_value"])
        row["server_value"] = _value(row["server_value"])
    return rows


def differences(conflict: dict) -> list[tuple[str, Any, Any]]:
    """(field, local, server) for every field the two sides disagree on."""
    local, server = _value(conflict["local_value"]), _value(conflict["server_value"])
    out = []
    for key in sorted(set(local) | set(server)):
        if key in SKIP_FIELDS:
            continue
        a, b = json_value(local.get(key)), json_value(server.get(key))
        if a != b:
            out.append((key, local.get(key), server.get(key)))
    return out


def resolve_conflict(store: Store, conflict_id: str, choice: str, merged: dict | None = None, *, by: str = "") -> dict:
    """Decide a conflict: keep the `local` value, the `server` value, or a `merged` one."""
    if choice not in CHOICES:
        raise ValidationError("conflict_choice", tr("请选择“保留本机”“采用服务器”或“合并”。",
                                                    "Choose keep local, use server or merged."))
    if choice == "merged" and not merged:
        raise ValidationError("conflict_merged", tr("合并时需要给出合并后的内容。", "A merged resolution needs the merged value."))

    def apply(txn: Txn) -> dict:
        row = txn.db.execute("SELECT entity, entity_id, local_value, server_value, resolved_at FROM conflict WHERE id = ?",
                             [conflict_id]).fetchone()
        if row is None:
            raise ValidationError("conflict_unknown", tr("找不到该冲突记录（{i}）。", "No such conflict ({i}).", i=conflict_id))
        entity, entity_id, local_raw, server_raw, resolved_at = row
        if resolved_at:
            raise ValidationError("conflict_resolved", tr("该冲突已于 {t} 处理，无需再次处理。",
                                                          "This conflict was already resolved at {t}.", t=resolved_at))
        local, server = _value(local_raw), _value(server_raw)
        winner = {"local": local, "server": server, "merged": {**server, **(merged or {})}}[choice]
        exists = txn.db.execute(f"SELECT version, server_version FROM [{entity}] WHERE id = ?", [entity_id]).fetchone() \
            if entity in ("enterprise", "task") else None
        if exists is not None:
            # the newest server version known: the pulled row's, or the one the conflict reports
            server_version = max(int(exists[1] or 0), int(server.get("server_version") or 0))
            # base the winning value on the server's current version, so the server fast-forwards it
            txn.db.execute(f"UPDATE [{entity}] SET version = ?, server_version = ? WHERE id = ?",
                           [max(server_version, 1), server_version, entity_id])
            current = reference.fetch(txn.db, entity, entity_id) or {}
            changes = {k: json_value(v) for k, v in winner.items() if k not in SKIP_FIELDS and k in current}
            # the person's decision replaces the local edits still waiting to be sent; they stay
            # in the outbox (and in this conflict) as history, marked superseded
            txn.db.execute("UPDATE outbox SET status = 'superseded', last_error = ? WHERE entity = ? AND entity_id = ?"
                           " AND status = 'pending'", [f"conflict {conflict_id}", entity, entity_id])
            if choice == "server":
                diff = {k: v for k, v in changes.items() if json_value(current.get(k)) != v}
                if diff:  # bring the local row to the server's value without echoing it back
                    txn.db[entity].update(entity_id, {k: dumps(v) if isinstance(v, (list, dict)) else v
                                                      for k, v in diff.items()})
            elif changes:
                txn.update(entity, entity_id, changes, audit_action="conflict_resolved")
            if entity == "enterprise":
                from inspector_app.store.search import index_enterprise

                index_enterprise(txn.db, entity_id)
        resolution = {"resolved_at": txn.now, "resolution": choice, "resolved_value": dumps(winner),
                      "resolved_by": by or txn.actor}
        txn.db.execute("UPDATE conflict SET resolved_at = ?, resolution = ?, resolved_value = ?, resolved_by = ? WHERE id = ?",
                       [resolution["resolved_at"], choice, resolution["resolved_value"], resolution["resolved_by"],
                        conflict_id])
        txn.record_change("conflict", conflict_id, "update", {"id": conflict_id, **resolution}, base_version=None)
        txn.audit("conflict_resolved", entity, entity_id, {"conflict": conflict_id, "choice": choice})
        return {"id": conflict_id, "entity": entity, "entity_id": entity_id, **resolution}

    return store.write_sync(apply)
