"""Record and document numbers (文书编号) from the device's `number_block` rows — the one
place that takes the next number, for custody records and issued documents alike.

Blocks are handed out by the server in advance, so numbers stay unique while offline.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from inspector_app.domain.errors import StateError
from inspector_app.domain.numbering import BureauConfig, format_number
from inspector_app.i18n import tr
from inspector_app.store.txn import Txn


class NoNumbersLeft(StateError):
    """The device has no unused 文书编号 for this type and year."""


def bureau_config(db: Any) -> BureauConfig:
    """The bureau settings (`setting` key `bureau`), defaults for what is not set."""
    row = db.execute("SELECT value FROM setting WHERE key = 'bureau'").fetchone()
    config = BureauConfig()
    if row:
        values = json.loads(row[0]) or {}
        known = {f.name for f in dataclasses.fields(BureauConfig)}
        for key, value in values.items():
            if key == "code_words" and isinstance(value, dict):
                config.code_words = {**config.code_words, **value}
            elif key in known:
                setattr(config, key, value)
    return config


def allocate_number(txn: Txn, doc_type: str, year: int, config: BureauConfig | None = None) -> str:
    """Take the next unused number of `doc_type`/`year` from the device's blocks (inside `txn`);
    numbers an issued document already carries are skipped. Raises NoNumbersLeft."""
    config = config or bureau_config(txn.db)
    while True:
        block = txn.db.execute(
            "SELECT id, next, end FROM number_block WHERE doc_type = ? AND year = ? AND next <= end"
            " ORDER BY start LIMIT 1",
            [doc_type, year],
        ).fetchone()
        if block is None:
            raise NoNumbersLeft(
                "no_numbers",
                tr("本机已没有{y}年可用的{t}文书编号。请联网同步以获取新的编号段，然后重试；已填写的记录不受影响。",
                   "This device has no {t} document numbers left for {y}. Sync with the server to get a new block "
                   "of numbers, then try again; the record itself is kept.", t=doc_type, y=year),
            )
        block_id, n, _end = block
        txn.db.execute("UPDATE number_block SET next = next + 1 WHERE id = ?", [block_id])
        number = format_number(config, doc_type, year, n)
        taken = txn.db.execute("SELECT 1 FROM document WHERE number = ?", [number]).fetchone()
        if not taken:
            txn.audit("allocate_number", "number_block", block_id, {"number": number, "n": n})
            return number
