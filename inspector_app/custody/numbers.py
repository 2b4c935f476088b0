"""Record numbers for 抽样单 / 拒检认定 / 未抽到样品 from the device's number blocks.

SEAM: numbers come from `number_block` rows the server hands out in advance (offline-safe
uniqueness). When no block is left the record gets a provisional local number (`临-…`) that
cannot collide with issued ones; the lead's shared allocator can replace `allocate` later.
"""

from __future__ import annotations

import datetime as dt

from inspector_app.domain.numbering import BureauConfig, format_number
from inspector_app.store.txn import Txn


def bureau_config(txn: Txn) -> BureauConfig:
    stored = txn.setting("bureau")
    if isinstance(stored, dict):
        known = {k: v for k, v in stored.items() if k in BureauConfig.__dataclass_fields__}
        return BureauConfig(**known)
    return BureauConfig()


def allocate(txn: Txn, doc_type: str, year: int | None = None) -> str:
    year = year or dt.date.today().year
    row = txn.db.execute(
        "SELECT id, next FROM number_block WHERE doc_type = ? AND year = ? AND next <= end ORDER BY start LIMIT 1",
        [doc_type, year],
    ).fetchone()
    if row is not None:
        block_id, n = row
        txn.db.execute("UPDATE number_block SET next = next + 1 WHERE id = ?", [block_id])
        return format_number(bureau_config(txn), doc_type, year, n)
    count = txn.db.execute("SELECT count(*) FROM audit_log WHERE action = 'provisional_number'").fetchone()[0]
    number = f"临-{txn.device_id[-6:]}-{year}-{count + 1:04d}"
    txn.audit("provisional_number", doc_type, number, {})
    return number
