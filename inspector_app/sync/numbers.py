"""Document-number blocks: top up before the device runs short, never waste a block.

文书编号 must be unique across laptops that work offline, so the server hands each device
blocks in advance. When fewer than `sync.number_block_min` numbers are left for a document
type this year, a new block is requested. The request id is stored before asking, so a retry
after a cut gets the same block back (the server is idempotent by request id), and the block
row's id is that request id, so it is stored at most once.
"""

from __future__ import annotations

import datetime as dt

from inspector_app.domain.ids import uuid7
from inspector_app.store.db import Store
from inspector_app.store.txn import Txn
from inspector_app.sync.client import SyncClient

REQUEST_PREFIX = "sync.number_request."


def remaining(store: Store, doc_type: str, year: int) -> int:
    row = store.read().execute(
        "SELECT coalesce(sum(end - next + 1), 0) FROM number_block WHERE doc_type = ? AND year = ? AND source = 'server'",
        [doc_type, year]).fetchone()
    return int(row[0])


def top_up(client: SyncClient, store: Store, *, doc_types: list[str], minimum: int, size: int,
           year: int | None = None) -> list[dict]:
    """Ask for a block for every doc type that runs short; returns the blocks obtained."""
    year = year or dt.datetime.now(dt.timezone.utc).year
    obtained = []
    for doc_type in doc_types:
        if remaining(store, doc_type, year) >= minimum:
            continue
        key = f"{REQUEST_PREFIX}{doc_type}.{year}"
        request_id = store.setting(key)
        if not request_id:
            request_id = uuid7()

            def remember(txn: Txn, rid: str = request_id) -> None:
                txn.set_setting(key, rid)

            store.write_sync(remember)
        block = client.number_block(doc_type, year, size, request_id)

        def save(txn: Txn, b: dict = block, rid: str = request_id) -> None:
            txn.db.execute(
                "INSERT OR IGNORE INTO number_block(id, doc_type, year, start, end, next, source, obtained_at)"
                " VALUES (?, ?, ?, ?, ?, ?, 'server', ?)",
                [rid, b["doc_type"], int(b["year"]), int(b["start"]), int(b["end"]), int(b["start"]), txn.now])
            txn.db.execute("DELETE FROM setting WHERE key = ?", [key])
            txn.audit("number_block", "number_block", rid, {"doc_type": b["doc_type"], "start": b["start"], "end": b["end"]})

        store.write_sync(save)
        obtained.append(block)
    return obtained
