"""Canonical JSON and content hashes: the basis of finalized records and the custody chain."""

from __future__ import annotations

import hashlib
import json


def canonical_json(value: object) -> bytes:
    """Deterministic UTF-8 JSON: sorted keys, no insignificant spaces, Chinese kept as-is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def content_hash(value: object) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def json_value(value: object) -> object:
    """A JSON column as it may travel (decoded, or still the text of a list or object): the
    decoded value, so that two payloads compare and hash alike either way."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
