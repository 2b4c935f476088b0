"""The write transaction handed to functions run by `Store.write`.

`insert` / `update` keep the data-model conventions (id, timestamps, version, author) and
write the change's outbox row and audit row in the same transaction, so nothing changes
without being synced and audited. Changes that came *from* the server use `apply_remote`,
which audits but does not echo the change back through the outbox.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable

from inspector_app.domain.ids import utc_now, uuid7

if TYPE_CHECKING:
    from sqlite_utils import Database  # annotations only: importing it costs start-up time
    from inspector_app.store.db import Store

# Tables whose changes travel to the server, and the priority they travel with.
SYNCED_ENTITIES = {
    "enterprise": 0,
    "task": 0,
    "inspection": 10,
    "answer": 10,
    "sample": 20,
    "site_record": 50,       # refusals are reported at once
    "custody_event": 20,
    "attachment": 10,
    "signature": 10,
    "document": 5,
    "conflict": 0,
}


def dumps(value: Any) -> str:
    if not value and isinstance(value, (list, dict)):
        return "[]" if isinstance(value, list) else "{}"
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Txn:
    def __init__(self, db: Database, store: "Store"):
        self.db = db
        self.store = store
        self.now = utc_now()

    @property
    def actor(self) -> str:
        return self.store.actor

    @property
    def device_id(self) -> str:
        return self.store.device_id

    # -- generic record writes --------------------------------------------------------------
    def insert(
        self,
        table: str,
        row: dict[str, Any],
        *,
        blobs: Iterable[str] = (),
        priority: int | None = None,
        audit_action: str = "create",
        sync: bool = True,
    ) -> dict[str, Any]:
        """Insert a record with conventions filled in; returns the stored row."""
        record = {"id": uuid7(), "created_at": self.now, "updated_at": self.now, "version": 1, "author": self.actor}
        record.update({k: _encode(v) for k, v in row.items()})
        self.db[table].insert(record)
        if sync and table in SYNCED_ENTITIES:
            self.record_change(table, record["id"], "insert", record, base_version=None, blobs=blobs, priority=priority)
        self.audit(audit_action, table, record["id"], {"fields": sorted(row)})
        return record

    def update(
        self,
        table: str,
        record_id: str,
        changes: dict[str, Any],
        *,
        op: str = "update",
        blobs: Iterable[str] = (),
        priority: int | None = None,
        audit_action: str | None = None,
        sync: bool = True,
    ) -> dict[str, Any]:
        """Change fields of a record, bump its version, queue the full new row for sync."""
        current = self.get(table, record_id)
        encoded = {k: _encode(v) for k, v in changes.items()}
        encoded["updated_at"] = self.now
        encoded["version"] = current["version"] + 1
        self.db[table].update(record_id, encoded)
        new_row = {**current, **encoded}
        if sync and table in SYNCED_ENTITIES:
            self.record_change(table, record_id, op, new_row, base_version=current["version"], blobs=blobs, priority=priority)
        changed = {k: {"from": current.get(k), "to": v} for k, v in encoded.items() if k not in ("updated_at", "version") and current.get(k) != v}
        self.audit(audit_action or op, table, record_id, {"changed": changed})
        return new_row

    def append(self, table: str, row: dict[str, Any], *, blobs: Iterable[str] = (), priority: int | None = None) -> dict[str, Any]:
        """Insert an append-only row (custody events) that carries its own id and timestamps."""
        self.db[table].insert({k: _encode(v) for k, v in row.items()})
        if table in SYNCED_ENTITIES:
            self.record_change(table, row["id"], "append", row, base_version=None, blobs=blobs, priority=priority)
        self.audit("append", table, row["id"], {"type": row.get("type")})
        return row

    def apply_remote(self, table: str, row: dict[str, Any], *, action: str = "pull") -> None:
        """Store a record received from the server (insert or replace), audited, not echoed."""
        self.db[table].upsert({k: _encode(v) for k, v in row.items()}, pk=self.db[table].pks)
        self.audit(action, table, str(row.get("id", row.get("sha256", ""))), {"version": row.get("version")})

    def get(self, table: str, record_id: str) -> dict[str, Any]:
        return self.db[table].get(record_id)

    # -- outbox and audit -------------------------------------------------------------------
    def record_change(
        self,
        entity: str,
        entity_id: str,
        op: str,
        payload: dict[str, Any],
        *,
        base_version: int | None,
        blobs: Iterable[str] = (),
        priority: int | None = None,
    ) -> str:
        change_id = uuid7()
        self.db.execute(
            "INSERT INTO outbox(change_id, entity, entity_id, op, payload, base_version, blobs, priority, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                change_id,
                entity,
                entity_id,
                op,
                dumps(payload),
                base_version,
                dumps(sorted(set(blobs))),
                SYNCED_ENTITIES.get(entity, 0) if priority is None else priority,
                self.now,
            ],
        )
        return change_id

    def audit(self, action: str, entity: str, entity_id: str, detail: dict[str, Any] | None = None) -> None:
        self.db.execute(
            "INSERT INTO audit_log(at, actor, device_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self.now, self.actor, self.device_id, action, entity, entity_id, dumps(detail or {})],
        )

    # -- settings ---------------------------------------------------------------------------
    def set_setting(self, key: str, value: Any) -> None:
        self.db.execute(
            "INSERT INTO setting(key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [key, dumps(value), self.now],
        )
        self.audit("setting", "setting", key, {"value": value})
        if key == "inspector.name":
            self.store.actor = value

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])


def _encode(value: Any) -> Any:
    """JSON-encode lists and dicts for TEXT columns; leave scalars alone."""
    if isinstance(value, (list, dict)):
        return dumps(value)
    return value


def decode_row(row: dict[str, Any] | None, json_columns: Iterable[str]) -> dict[str, Any] | None:
    """Turn the JSON TEXT columns of a fetched row back into Python values."""
    if row is None:
        return None
    out = dict(row)
    for column in json_columns:
        value = out.get(column)
        if isinstance(value, str) and value:
            out[column] = json.loads(value)
    return out
