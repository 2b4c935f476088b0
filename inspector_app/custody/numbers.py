"""Record numbers for 抽样单 / 拒检认定 / 未抽到样品.

Numbers come from the device's number blocks through the shared allocator
(`store.numbers.allocate_number`, also used when documents are issued). When no block is left
the record gets a provisional local number (`临-…`) that cannot collide with issued ones; its
document then gets a real number when issued.
"""

from __future__ import annotations

import datetime as dt

from inspector_app.store.numbers import NoNumbersLeft, allocate_number
from inspector_app.store.txn import Txn


def allocate(txn: Txn, doc_type: str, year: int | None = None) -> str:
    year = year or dt.date.today().year
    try:
        return allocate_number(txn, doc_type, year)
    except NoNumbersLeft:
        pass
    count = txn.db.execute("SELECT count(*) FROM audit_log WHERE action = 'provisional_number'").fetchone()[0]
    number = f"临-{txn.device_id[-6:]}-{year}-{count + 1:04d}"
    txn.audit("provisional_number", doc_type, number, {})
    return number
