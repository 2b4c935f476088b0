"""Push the outbox: priority first (hazards, refusals), in batches, acknowledged only on the
server's word.

A batch is one POST; the server answers one result per change. `applied`, `duplicate` and
`conflict` mark the row `acked`; `rejected` with `retry: false` marks it `rejected` with the
reason kept for the user; `rejected` with `retry: true` (its parent has not arrived yet) leaves
it pending for the next pass. A 413 splits the batch; a single change that is still too large
is rejected locally with a message. Any other failure leaves every row of the batch pending:
resending is always safe (idempotent by change id).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

from inspector_app.domain.ids import utc_now
from inspector_app.i18n import tr
from inspector_app.store.db import Store
from inspector_app.store.txn import Txn
from inspector_app.sync.client import SyncClient
from inspector_app.sync.errors import SyncError

ACKED = {"applied", "duplicate", "conflict"}
VERSIONED = {"enterprise", "task"}  # shared mutable records: base version = last server version seen


@dataclass
class PushStats:
    sent: int = 0
    acked: int = 0
    rejected: int = 0
    retry_later: int = 0
    conflicts: int = 0
    requests: int = 0
    bytes: int = 0
    splits: int = 0
    rejected_reasons: list[dict] = field(default_factory=list)


def pending_count(store: Store) -> int:
    return store.read().execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]


def sending_order(store: Store) -> list[tuple[int, int]]:
    """(seq, effective priority) of every pending change, in sending order.

    A record travels with the highest priority of its pending changes and its own changes keep
    their order (a hazard's draft goes before its finalization, both ahead of the rest).
    """
    return store.read().execute(
        "SELECT seq, max(priority) OVER (PARTITION BY entity, entity_id) AS effective"
        " FROM outbox WHERE status = 'pending' ORDER BY effective DESC, seq").fetchall()


def _rows(store: Store, chosen: list[tuple[int, int]]) -> list[tuple]:
    """The still-pending changes among `chosen`, with their payloads, in that order."""
    if not chosen:
        return []
    marks = ",".join("?" * len(chosen))
    rows = {r[0]: r for r in store.read().execute(
        "SELECT seq, change_id, entity, entity_id, op, payload, base_version, blobs, created_at"
        f" FROM outbox WHERE status = 'pending' AND seq IN ({marks})", [seq for seq, _ in chosen]).fetchall()}
    return [rows[seq] + (effective,) for seq, effective in chosen if seq in rows]


def _load(store: Store, after: tuple[int, int] | None, limit: int, skip: set[int]) -> list[tuple]:
    """The next `limit` pending changes in sending order (tests, one-off callers)."""
    return _rows(store, [(s, e) for s, e in sending_order(store) if s not in skip][:limit])


def _body(device_id: str, rows: list[tuple]) -> bytes:
    """The push request, built around the payload JSON text as stored (no decode/re-encode)."""
    parts = []
    for seq, change_id, entity, entity_id, op, payload, base_version, blobs, created_at, _prio in rows:
        if entity in VERSIONED:
            try:
                base_version = json.loads(payload).get("server_version", base_version) if op != "insert" else None
            except ValueError:
                pass
        parts.append(
            '{"change_id":%s,"entity":%s,"entity_id":%s,"op":%s,"base_version":%s,"payload":%s,"blobs":%s,"created_at":%s}'
            % (json.dumps(change_id), json.dumps(entity), json.dumps(entity_id), json.dumps(op),
               json.dumps(base_version), payload, blobs or "[]", json.dumps(created_at))
        )
    return ('{"device_id":%s,"changes":[%s]}' % (json.dumps(device_id), ",".join(parts))).encode("utf-8")


def _record(store: Store, rows: list[tuple], results: list[dict], stats: PushStats) -> None:
    """Store the server's verdicts for one batch in one transaction."""
    by_id = {r.get("change_id"): r for r in results if isinstance(r, dict)}
    now = utc_now()

    def apply(txn: Txn) -> None:
        acked, rejected, retry, versions = [], [], [], []
        for row in rows:
            seq, change_id, entity, entity_id = row[0], row[1], row[2], row[3]
            result = by_id.get(change_id)
            if result is None:
                retry.append((now, "no answer from the server", seq))
                continue
            status = result.get("status")
            if status in ACKED:
                acked.append((now, seq))
                if status == "conflict":
                    stats.conflicts += 1
                if entity in VERSIONED and isinstance(result.get("server_version"), int):
                    versions.append((entity, result["server_version"], entity_id))
            elif status == "rejected" and result.get("retry"):
                retry.append((now, str(result.get("reason") or ""), seq))
            else:
                reason = str(result.get("reason") or result.get("code") or status)
                rejected.append((now, reason, seq))
                stats.rejected_reasons.append({"change_id": change_id, "entity": entity, "entity_id": entity_id,
                                               "reason": reason, "code": result.get("code")})
        txn.db.conn.executemany("UPDATE outbox SET status = 'acked', acked_at = ?, attempts = attempts + 1,"
                                " last_error = NULL WHERE seq = ?", acked)
        txn.db.conn.executemany("UPDATE outbox SET status = 'rejected', last_error = ?, attempts = attempts + 1"
                                " WHERE seq = ?", [(r, s) for _, r, s in rejected])
        txn.db.conn.executemany("UPDATE outbox SET last_error = ?, attempts = attempts + 1 WHERE seq = ?",
                                [(r, s) for _, r, s in retry])
        for entity, version, entity_id in versions:
            txn.db.execute(f"UPDATE [{entity}] SET server_version = ? WHERE id = ? AND server_version < ?",
                           [version, entity_id, version])
        if rejected:
            txn.audit("sync_rejected", "outbox", "*", {"count": len(rejected), "seqs": [s for _, _, s in rejected]})
        stats.acked += len(acked)
        stats.rejected += len(rejected)
        stats.retry_later += len(retry)

    store.write_sync(apply)


def _reject_too_large(store: Store, row: tuple, stats: PushStats) -> None:
    reason = "too_large: " + tr("这条记录超过服务器允许的大小，无法上传；已保存在本机，请联系技术支持。",
                                "This record is larger than the server accepts; it is kept on this computer. Contact support.")

    def apply(txn: Txn) -> None:
        txn.db.execute("UPDATE outbox SET status = 'rejected', last_error = ?, attempts = attempts + 1 WHERE seq = ?",
                       [reason, row[0]])
        txn.audit("sync_rejected", "outbox", str(row[0]), {"reason": "too_large"})

    store.write_sync(apply)
    stats.rejected += 1
    stats.rejected_reasons.append({"change_id": row[1], "entity": row[2], "entity_id": row[3], "reason": reason,
                                   "code": "too_large"})


def _send(client: SyncClient, store: Store, rows: list[tuple], stats: PushStats) -> None:
    """Send `rows`; on 413 split in halves (down to one change)."""
    body = _body(store.device_id, rows)
    try:
        stats.requests += 1
        out = client.push_raw(body)
    except SyncError as exc:
        if exc.kind != "too_large":
            raise
        stats.splits += 1
        if len(rows) == 1:
            _reject_too_large(store, rows[0], stats)
            return
        half = len(rows) // 2
        _send(client, store, rows[:half], stats)
        _send(client, store, rows[half:], stats)
        return
    stats.sent += len(rows)
    stats.bytes += len(body)
    _record(store, rows, out["results"], stats)


def push_all(client: SyncClient, store: Store, *, batch_size: int = 500, max_passes: int = 5,
             progress: Callable[[dict], None] | None = None, cancelled: Callable[[], bool] = lambda: False) -> PushStats:
    """Push every pending change; changes the server wants later are retried in further passes."""
    stats = PushStats()
    total = pending_count(store)
    for _pass in range(max_passes):
        before = stats.acked + stats.rejected
        order = sending_order(store)  # once per pass: changes made meanwhile go in the next pass
        for start in range(0, len(order), batch_size):
            if cancelled():
                from inspector_app.sync.errors import cancelled as cancelled_error

                raise cancelled_error()
            rows = _rows(store, order[start:start + batch_size])
            if not rows:
                continue
            _send(client, store, rows, stats)  # "retry later" rows stay pending for the next pass
            if progress:
                progress({"phase": "push", "done": stats.acked + stats.rejected, "total": total})
        if stats.acked + stats.rejected == before or pending_count(store) == 0:
            break
    return stats
