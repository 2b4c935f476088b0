"""What is waiting to be synced, read from the workspace alone (no network, no HTTP stack).

The status bar polls this every few seconds, so it must stay cheap to import: the engine
(requests, tus, aiohttp) loads only when a sync actually runs.
"""

from __future__ import annotations

from inspector_app.store.db import Store
from inspector_app.sync import settings

FINAL_RECORDS = ("inspection", "sample", "site_record")   # records that count as synced only when complete


def pending_blobs(store: Store) -> int:
    return store.read().execute("SELECT count(*) FROM blob WHERE uploaded_at IS NULL").fetchone()[0]


def unconfirmed_records(store: Store, *, own_only: bool = True) -> list[dict[str, str]]:
    """Finalized records whose changes are all acknowledged but not yet reported complete.

    `own_only`: records this device sent (they decide whether its sync is complete); records
    pulled from the pair's other laptop are confirmed too, but their completeness is that
    laptop's business.
    """
    out = []
    db = store.read()
    own = " AND EXISTS (SELECT 1 FROM outbox o WHERE o.entity = ? AND o.entity_id = r.id)" if own_only else ""
    for entity in FINAL_RECORDS:
        rows = db.execute(
            f"SELECT id FROM [{entity}] AS r WHERE state = 'finalized' AND NOT EXISTS ("
            " SELECT 1 FROM outbox o WHERE o.entity = ? AND o.entity_id = r.id AND o.status != 'acked')" + own,
            [entity, entity] if own_only else [entity]).fetchall()
        out.extend({"entity": entity, "id": r[0]} for r in rows)
    return out


def pending_changes(store: Store) -> int:
    return store.read().execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]


def status(store: Store) -> dict:
    """What `inspector-app status --json` and the status bar show."""
    from inspector_app.store.reference import counts

    db = store.read()
    out = counts(db)
    out["inspections"] = out.pop("inspection")
    out["samples"] = out.pop("sample")
    out["custody_events"] = out.pop("custody_event")
    out["blobs"] = out.pop("blob")
    out["conflicts_open"] = db.execute("SELECT count(*) FROM conflict WHERE resolved_at IS NULL").fetchone()[0]
    out["pending_blobs"] = pending_blobs(store)
    out["rejected_changes"] = db.execute("SELECT count(*) FROM outbox WHERE status = 'rejected'").fetchone()[0]
    out["unconfirmed_records"] = len(unconfirmed_records(store))
    for entity in FINAL_RECORDS:
        out[f"{entity}_synced"] = db.execute(f"SELECT count(*) FROM [{entity}] WHERE state = 'synced'").fetchone()[0]
    out["server_url"] = settings.get(store, "sync.server_url")
    out["user"] = settings.get(store, "sync.user")
    out["logged_in"] = bool(settings.get(store, "sync.token"))
    out["last_synced_at"] = settings.get(store, "sync.last_synced_at") or None
    out["last_error"] = settings.get(store, "sync.last_error") or None
    out["server_clock_offset_seconds"] = settings.get(store, "sync.server_clock_offset_seconds")
    return out

