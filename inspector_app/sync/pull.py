"""Pull the server's change feed, one page per transaction, cursor stored with the page.

Each page is applied inside ONE `store.write` transaction together with the new cursor, so a
crash leaves either the whole page and its cursor or neither (the page is then simply pulled
again; applying is idempotent). Pulled rows go through `Txn.apply_remote` and the reference
bulk upserts, which do not write the outbox, so nothing is echoed back to the server.

Rules that keep evidence intact:
- a finalized / synced inspection, sample or site record held locally is never overwritten;
- a custody event held locally only gets the server's receipt time (`server_at`);
- an enterprise or task with local changes not yet acknowledged is not overwritten: both
  values go to the `conflict` table for a person to decide.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.hashing import json_value
from inspector_app.domain.ids import uuid7
from inspector_app.store.search import index_enterprise
from inspector_app.store import reference
from inspector_app.store.db import Store
from inspector_app.store.txn import Txn, dumps
from inspector_app.sync.client import SyncClient

BLOB_COLUMNS = {"attachment": ("blob_sha256",), "signature": ("image_sha256", "strokes_sha256"),
                "document": ("pdf_sha256",)}
IMMUTABLE_ONCE_FINAL = {"inspection", "sample", "site_record"}
SHARED_MUTABLE = {"enterprise", "task"}
TABLES = {"inspector", "enterprise", "task", "inspection", "answer", "sample", "site_record", "custody_event",
          "attachment", "signature", "document", "conflict"}


@dataclass
class PullStats:
    pages: int = 0
    applied: int = 0
    skipped: int = 0
    conflicts: int = 0
    cursor: int = 0


def _columns(txn: Txn, table: str, cache: dict[str, set[str]]) -> set[str]:
    if table not in cache:
        cache[table] = {r[1] for r in txn.db.execute(f"PRAGMA table_info([{table}])").fetchall()}
    return cache[table]


def _has_pending(txn: Txn, entity: str, entity_id: str) -> bool:
    return txn.db.execute("SELECT 1 FROM outbox WHERE entity = ? AND entity_id = ? AND status = 'pending' LIMIT 1",
                          [entity, entity_id]).fetchone() is not None


def _inspection_final(txn: Txn, inspection_id: str | None) -> bool:
    row = txn.db.execute("SELECT state FROM inspection WHERE id = ?", [inspection_id]).fetchone()
    return row is not None and row[0] != "draft"


def _local_conflict(txn: Txn, entity: str, entity_id: str, local: dict, server: dict) -> None:
    """Keep both values; a person resolves it (conflicts.resolve_conflict)."""
    open_row = txn.db.execute("SELECT id FROM conflict WHERE entity = ? AND entity_id = ? AND resolved_at IS NULL",
                              [entity, entity_id]).fetchone()
    if open_row:
        txn.db.execute("UPDATE conflict SET server_value = ?, detected_at = ? WHERE id = ?",
                       [dumps(server), txn.now, open_row[0]])
    else:
        txn.db.execute(
            "INSERT INTO conflict(id, entity, entity_id, base_version, local_value, server_value, detected_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [uuid7(), entity, entity_id, local.get("server_version"), dumps(local), dumps(server), txn.now])
    txn.audit("conflict", entity, entity_id, {"source": "pull"})


def apply_change(txn: Txn, change: dict, stats: PullStats, cache: dict) -> None:
    entity, entity_id, op = change.get("entity"), change.get("entity_id"), change.get("op")
    payload = change.get("payload") or {}
    if entity not in TABLES or not isinstance(payload, dict):
        stats.skipped += 1
        return
    cols = _columns(txn, entity, cache)
    row = {k: v for k, v in payload.items() if k in cols}
    if op == "delete":
        if "state" in cols and txn.db.execute(f"SELECT 1 FROM [{entity}] WHERE id = ?", [entity_id]).fetchone():
            if entity in IMMUTABLE_ONCE_FINAL or entity == "custody_event":
                stats.skipped += 1
                return
            txn.db.execute(f"UPDATE [{entity}] SET state = 'deleted' WHERE id = ?", [entity_id])
            txn.audit("pull_delete", entity, entity_id, {})
        stats.applied += 1
        return
    local = reference.fetch(txn.db, entity, entity_id) if entity != "inspector" else None
    if entity == "custody_event":
        if local is not None:
            if payload.get("server_at") and not local.get("server_at"):
                txn.db.execute("UPDATE custody_event SET server_at = ? WHERE id = ?", [payload["server_at"], entity_id])
            stats.applied += 1
            return
    elif entity in IMMUTABLE_ONCE_FINAL and local is not None and local.get("state") in ("finalized", "synced"):
        stats.skipped += 1  # evidence: the local finalized record is the original
        return
    elif entity in SHARED_MUTABLE and local is not None and _has_pending(txn, entity, entity_id):
        server_row = {k: json_value(v) for k, v in row.items()}
        if any(server_row.get(k) != local.get(k) for k in server_row
               if k not in ("version", "server_version", "updated_at", "created_at", "author")):
            _local_conflict(txn, entity, entity_id, local, server_row)
            stats.conflicts += 1
        # keep the local value, remember the server version it must be based on
        txn.db.execute(f"UPDATE [{entity}] SET server_version = ? WHERE id = ?",
                       [payload.get("server_version", change.get("version", 0)), entity_id])
        stats.applied += 1
        return
    elif entity == "answer" and local is not None and _inspection_final(txn, local.get("inspection_id")):
        stats.skipped += 1  # answers of a finalized inspection are part of the evidence
        return
    elif entity == "conflict" and local is not None and local.get("resolved_at") and not payload.get("resolved_at"):
        stats.skipped += 1  # resolved here; our resolution is on its way to the server
        return
    if entity == "enterprise":
        try:
            reference.bulk_upsert_enterprises(txn, [{k: json_value(v) for k, v in row.items()}], source="pull")
        except ValidationError:  # the server's data is authoritative even where our checks disagree
            txn.apply_remote(entity, row)
            index_enterprise(txn.db, entity_id)
    elif entity == "task":
        reference.bulk_upsert_tasks(txn, [{k: json_value(v) for k, v in row.items()}], source="pull")
    elif entity == "inspector":
        reference.upsert_inspector(txn, row)
    elif entity == "answer" and local is None and _inspection_final(txn, row.get("inspection_id")):
        _insert_answer_of_finalized(txn, row)
    else:
        _ensure_blob_rows(txn, [row.get(c) for c in BLOB_COLUMNS.get(entity, ())])
        txn.apply_remote(entity, row)
    stats.applied += 1


def _insert_answer_of_finalized(txn: Txn, row: dict) -> None:
    """The pair's answers may reach the feed after their inspection was finalized (a hazard
    travels first). The server accepted them as part of that inspection, so they are stored as
    they are: the guard against adding answers to a finalized inspection is lifted for this one
    insert, inside this transaction, and audited."""
    guard = txn.db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'answer_finalized_no_insert'"
                           ).fetchone()
    if guard:
        txn.db.execute("DROP TRIGGER answer_finalized_no_insert")
    try:
        txn.apply_remote("answer", row)
    finally:
        if guard:
            txn.db.execute(guard[0])
    txn.audit("pull_answer_of_finalized", "answer", str(row.get("id")), {"inspection_id": row.get("inspection_id")})


def _ensure_blob_rows(txn: Txn, hashes: list) -> None:
    """Records of the other laptop reference photos this one never had: note them as held by the
    server (so references stay valid), without pretending the bytes are here."""
    for sha in hashes:
        if isinstance(sha, str) and len(sha) == 64:
            txn.db.execute(
                "INSERT OR IGNORE INTO blob(sha256, size, mime, kind, meta, uploaded_at, created_at)"
                " VALUES (?, 0, 'application/octet-stream', 'other', ?, ?, ?)",
                [sha, dumps({"remote_only": True}), txn.now, txn.now])


class _ParentsMissing(Exception):
    """Rows of this page reference records that have not arrived yet (roll back, read on)."""

    def __init__(self, ids: set[str]):
        super().__init__(f"{len(ids)} rows wait for their parent records")
        self.ids = ids


def _violations(txn: Txn) -> set[str]:
    ids = set()
    for table, rowid, _parent, _fk in txn.db.execute("PRAGMA foreign_key_check").fetchall():
        row = txn.db.execute(f"SELECT id FROM [{table}] WHERE rowid = ?", [rowid]).fetchone()
        if row:
            ids.add(row[0])
    return ids


def _apply_page(txn: Txn, changes: list[dict], next_cursor: int, cursor_key: str, stats: PullStats, cache: dict,
                *, final: bool, hold: set[str]) -> None:
    txn.db.execute("PRAGMA defer_foreign_keys = ON")  # the page's own order need not follow references
    page_stats = PullStats()
    held = [c for c in changes if c.get("entity_id") in hold]
    for change in changes:
        if change.get("entity_id") not in hold:
            apply_change(txn, change, page_stats, cache)
    missing = _violations(txn)
    if missing:
        raise _ParentsMissing(missing)
    txn.db.execute(
        "INSERT INTO setting(key, value, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [cursor_key, json.dumps(next_cursor), txn.now])
    # rows whose parents never came (yet) are kept and tried again with the next pull
    txn.db.execute(
        "INSERT INTO setting(key, value, updated_at) VALUES ('sync.pull_held', ?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [dumps(held), txn.now])
    if held:
        txn.audit("pull_held", "sync", "*", {"count": len(held), "ids": sorted(hold)[:50]})
    for field_name in ("applied", "skipped", "conflicts"):
        setattr(stats, field_name, getattr(stats, field_name) + getattr(page_stats, field_name))


def pull_all(client: SyncClient, store: Store, *, page_size: int = 500, cursor_key: str = "sync.cursor",
             progress: Callable[[dict], None] | None = None, cancelled: Callable[[], bool] = lambda: False,
             max_lookahead: int = 20) -> PullStats:
    """Pull and apply every page; a page is committed with its cursor in one transaction.

    When rows of a page reference records that come later in the feed (a laptop pushed a
    sample before its inspection), the page is rolled back and applied together with the next
    page(s), still in one transaction. Rows whose parents never arrive are held in
    `sync.pull_held` and applied with a later pull, never dropped.
    """
    stats = PullStats()
    cursor = int(store.setting(cursor_key, 0) or 0)
    cache: dict[str, set[str]] = {}
    carried: list[dict] = list(store.setting("sync.pull_held", []) or [])
    fetch_cursor = cursor
    lookahead = 0
    while True:
        if cancelled():
            from inspector_app.sync.errors import cancelled as cancelled_error

            raise cancelled_error()
        page = client.pull(fetch_cursor, page_size)
        fresh = page.get("changes") or []
        changes = carried + fresh
        next_cursor = int(page.get("next_cursor", fetch_cursor))
        more = bool(page.get("has_more")) and bool(fresh)
        final = not more or lookahead >= max_lookahead
        hold: set[str] = set()
        committed = False
        while not committed:
            try:
                store.write_sync(_apply_page, changes, next_cursor, cursor_key, stats, cache, final=final, hold=hold)
                committed = True
            except _ParentsMissing as exc:
                if not final:
                    break  # read the next page and apply both together
                if exc.ids <= hold:
                    raise
                hold |= exc.ids  # apply the rest; hold these for a later pull
        if not committed:
            carried, fetch_cursor, lookahead = changes, next_cursor, lookahead + 1
            continue
        carried, lookahead = [], 0
        stats.pages += 1
        cursor = fetch_cursor = stats.cursor = next_cursor
        if progress:
            progress({"phase": "pull", "pages": stats.pages, "applied": stats.applied})
        if not more:
            break
    return stats

