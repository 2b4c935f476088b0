"""Reference data: enterprises, tasks and inspectors (assigned by the server, read on site).

Bulk imports (pull pages, demo data, CSV) take the fast path: one `executemany` per table
and one audit row per batch. Single edits go through `Txn` like every other change.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database  # annotations only: importing it costs start-up time

from inspector_app.domain.ids import uuid7
from inspector_app.domain.identifiers import uscc_check_char, validate_uscc
from inspector_app.domain.errors import ValidationError
from inspector_app.store.search import enterprise_document, index_enterprise
from inspector_app.store.txn import Txn, decode_row, dumps

JSON_COLUMNS = {
    "enterprise": ("former_names", "products", "licences"),
    "task": ("inspector_ids", "products", "data"),
    "inspection": ("gps", "inspector_ids", "data"),
    "answer": ("value",),
    "sample": ("data",),
    "site_record": ("data",),
    "custody_event": ("actors", "gps", "seal_ids", "evidence", "data"),
    "blob": ("meta",),
    "attachment": (),
    "signature": ("witness",),
    "document": ("data",),
    "outbox": ("payload", "blobs"),
    "audit_log": ("detail",),
    "conflict": ("local_value", "server_value", "resolved_value"),
    "checklist_template": (),
}

ENTERPRISE_FIELDS = (
    "id", "name", "former_names", "uscc", "address", "province", "city", "district", "postcode",
    "legal_rep", "contact", "phone", "economic_type", "industry", "products", "licences", "risk_class",
    "server_version", "created_at", "updated_at", "version", "author", "state",
)
ENTERPRISE_TEXT_FIELDS = ("address", "province", "city", "district", "postcode", "legal_rep", "contact", "phone",
                          "economic_type", "industry")
TASK_FIELDS = (
    "id", "number", "type", "plan", "source", "category", "enterprise_id", "inspector_ids", "products",
    "template_id", "due_date", "priority", "data", "server_version", "created_at", "updated_at", "version",
    "author", "state",
)


def fetch(db: Database, table: str, record_id: str) -> dict[str, Any] | None:
    """One record by id with its JSON columns decoded."""
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [record_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return decode_row(dict(zip([d[0] for d in cursor.description], row)), JSON_COLUMNS.get(table, ()))


def query(db: Database, sql: str, params: Iterable[Any] = (), table: str | None = None) -> list[dict[str, Any]]:
    """Rows of `sql` as dicts, JSON columns decoded when `table` names their table."""
    cursor = db.execute(sql, list(params))
    cols = [d[0] for d in cursor.description]
    json_cols = JSON_COLUMNS.get(table or "", ())
    return [decode_row(dict(zip(cols, row)), json_cols) for row in cursor.fetchall()]


_ENTERPRISE_DEFAULTS = {field: "" for field in ENTERPRISE_TEXT_FIELDS} | {
    "former_names": [], "products": [], "licences": [], "risk_class": "B", "server_version": 0,
    "version": 1, "state": "active", "uscc": None,
}


def _is_valid_uscc_fast(code: str) -> bool:
    """Bulk-import fast path for already-clean codes; anything else gets the full validation."""
    try:
        return len(code) == 18 and uscc_check_char(code[:17]) == code[17] and code[2:8].isdigit()
    except KeyError:
        return False


def _normalise_enterprise(row: dict[str, Any], now: str, author: str) -> dict[str, Any]:
    record = {**_ENTERPRISE_DEFAULTS, "author": author, "created_at": now, "updated_at": now, **row}
    if "id" not in record:
        record["id"] = uuid7()
    if record["uscc"] and not _is_valid_uscc_fast(record["uscc"]):
        check = validate_uscc(record["uscc"])
        if not check.ok:
            raise ValidationError("uscc", f"{record.get('name', '')}: {check.errors[0]}")
        record["uscc"] = check.value
    return {k: (dumps(record[k]) if isinstance(record[k], (list, dict)) else record[k]) for k in ENTERPRISE_FIELDS}


def add_enterprise(txn: Txn, row: dict[str, Any], *, sync: bool = True) -> dict[str, Any]:
    """Create one enterprise (validated USCC), indexed for search in the same transaction."""
    record = _normalise_enterprise(row, txn.now, txn.actor)
    stored = txn.insert("enterprise", record, sync=sync)
    index_enterprise(txn.db, stored["id"])
    return stored


def update_enterprise(txn: Txn, enterprise_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    if "uscc" in changes and changes["uscc"]:
        check = validate_uscc(changes["uscc"])
        if not check.ok:
            raise ValidationError("uscc", check.errors[0])
        changes = {**changes, "uscc": check.value}
    row = txn.update("enterprise", enterprise_id, changes)
    index_enterprise(txn.db, enterprise_id)
    return row


def bulk_upsert_enterprises(txn: Txn, rows: Iterable[dict[str, Any]], *, source: str) -> int:
    """Insert or replace many enterprises (server pull, demo, CSV import) and index them."""
    rows = list(rows)
    records = [_normalise_enterprise(r, txn.now, txn.actor) for r in rows]
    if not records:
        return 0
    columns = list(ENTERPRISE_FIELDS)
    placeholders = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("id", "created_at"))
    txn.db.conn.executemany(
        f"INSERT INTO enterprise({', '.join(columns)}) VALUES ({placeholders})"
        f" ON CONFLICT(id) DO UPDATE SET {updates}",
        [[r.get(c) for c in columns] for r in records],
    )
    ids = [r["id"] for r in records]
    rowids: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rowids.update(txn.db.execute(f"SELECT id, rowid FROM enterprise WHERE id IN ({marks})", chunk).fetchall())
    fts_rows = []
    for original, r in zip(rows, records):
        doc = enterprise_document({**original, "uscc": r["uscc"]})
        fts_rows.append((rowids[r["id"]], doc["name"], doc["former_names"], doc["address"], doc["codes"]))
    txn.db.conn.executemany("DELETE FROM enterprise_fts WHERE rowid = ?", [(f[0],) for f in fts_rows])
    txn.db.conn.executemany(
        "INSERT INTO enterprise_fts(rowid, name, former_names, address, codes) VALUES (?, ?, ?, ?, ?)", fts_rows
    )
    txn.audit("bulk_upsert", "enterprise", "*", {"count": len(records), "source": source})
    return len(records)


def bulk_upsert_tasks(txn: Txn, rows: Iterable[dict[str, Any]], *, source: str) -> int:
    """Insert or replace many tasks (server pull, demo)."""
    columns = list(TASK_FIELDS)
    defaults = {"number": "", "plan": "", "source": "", "category": "", "inspector_ids": [], "products": [],
                "template_id": "", "due_date": None, "priority": 0, "data": {}, "server_version": 0,
                "version": 1, "author": txn.actor, "state": "assigned", "created_at": txn.now, "updated_at": txn.now}
    records = []
    for row in rows:
        record = {**defaults, **row}
        record.setdefault("id", uuid7())
        records.append([dumps(record[c]) if isinstance(record.get(c), (list, dict)) else record.get(c) for c in columns])
    if not records:
        return 0
    placeholders = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("id", "created_at"))
    txn.db.conn.executemany(
        f"INSERT INTO task({', '.join(columns)}) VALUES ({placeholders}) ON CONFLICT(id) DO UPDATE SET {updates}", records
    )
    txn.audit("bulk_upsert", "task", "*", {"count": len(records), "source": source})
    return len(records)


def upsert_inspector(txn: Txn, row: dict[str, Any]) -> dict[str, Any]:
    record = {"cert_no": "", "unit": "", "role": "inspector", "phone": "", "version": 1, "author": txn.actor,
              "state": "active", "created_at": txn.now, "updated_at": txn.now, **row}
    record.setdefault("id", uuid7())
    txn.db["inspector"].upsert(record, pk="id")
    txn.audit("upsert", "inspector", record["id"], {"name": record["name"]})
    return record


def counts(db: Database) -> dict[str, int]:
    """Local record counts (status screens, `status --json`, tests)."""
    tables = ("enterprise", "task", "inspection", "sample", "site_record", "custody_event", "blob", "document", "conflict")
    result = {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}
    result["pending_changes"] = db.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
    return result


def decode_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) and value else value
