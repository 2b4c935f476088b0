"""Canonical JSON and content hashes: the basis of finalized records and the custody chain."""

from __future__ import annotations

import hashlib
import json


def canonical_json(value: object) -> bytes:
    """Deterministic UTF-8 JSON: sorted keys, no insignificant spaces, Chinese kept as-is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def content_hash(value: object) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()
