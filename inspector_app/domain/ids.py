"""Client-generated identifiers and timestamps.

UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then randomness, so ids sort by creation time,
which keeps SQLite B-tree inserts local and the outbox naturally ordered.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7() -> str:
    """A new UUIDv7 string, strictly increasing within this process."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            _counter += 1
            if _counter > 0xFFF:  # 12-bit sequence exhausted: borrow the next millisecond
                ms += 1
                _counter = 0
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last_ms = ms
        seq = _counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= seq << 64
    value |= 0b10 << 62
    value |= rand_b
    text = f"{value:032x}"   # the canonical 8-4-4-4-12 form, without importing `uuid` (slow to import)
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def utc_now() -> str:
    """Current UTC time as ISO-8601 with milliseconds and a `Z` suffix (the storage format)."""
    return format_utc(dt.datetime.now(dt.timezone.utc))


def format_utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: attach a timezone before storing it")
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_utc(text: str) -> dt.datetime:
    """Parse a stored timestamp (accepts `Z` or an explicit offset)."""
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without timezone: {text!r}")
    return moment.astimezone(dt.timezone.utc)
