"""Sync settings, declared once (name, type, default, help) and stored in the `setting` table.

The token is kept after login; the password never is. Values are read through the store's
reader connection and written through `Txn.set_setting`, so every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector_app.store.db import Store
from inspector_app.store.txn import Txn


@dataclass(frozen=True)
class SettingDef:
    key: str
    type: type
    default: Any
    help: str


SETTINGS: dict[str, SettingDef] = {
    s.key: s
    for s in (
        SettingDef("sync.server_url", str, "", "base URL of the sync server, e.g. https://sync.example.gov.cn"),
        SettingDef("sync.user", str, "", "login name used for the current token"),
        SettingDef("sync.token", str, "", "bearer token from the last login (never the password)"),
        SettingDef("sync.token_expires_at", str, "", "server time the token expires (informational)"),
        SettingDef("sync.ca_bundle", str, "", "CA bundle file to verify the server's TLS certificate (empty: system CAs)"),
        SettingDef("sync.auto", bool, True, "sync by itself when the server becomes reachable"),
        SettingDef("sync.interval_seconds", float, 300.0, "pause between automatic syncs when all is well"),
        SettingDef("sync.backoff_initial_seconds", float, 5.0, "first wait after a failed automatic sync"),
        SettingDef("sync.backoff_max_seconds", float, 600.0, "longest wait between automatic attempts"),
        SettingDef("sync.batch_size", int, 500, "changes per push request (halved on 413)"),
        SettingDef("sync.chunk_size", int, 4 * 1024 * 1024, "bytes per resumable upload request"),
        SettingDef("sync.upload_parallel", int, 4, "photos uploaded at the same time"),
        SettingDef("sync.timeout_seconds", float, 30.0, "network timeout per request"),
        SettingDef("sync.pull_page_size", int, 500, "records per pull page"),
        SettingDef("sync.number_block_min", int, 20, "top up a document-number block when fewer remain"),
        SettingDef("sync.number_block_size", int, 100, "numbers asked for per top-up"),
        SettingDef("sync.number_doc_types", list, ["sampling_record", "inspection_record", "correction_order",
                                                   "refusal_record", "no_sample_record", "handover_record"],
                   "document types this device keeps numbers for"),
        SettingDef("sync.cursor", str, "", "server change-feed cursor, stored only after a page is applied"),
        SettingDef("sync.last_synced_at", str, "", "when the last complete sync finished (UTC)"),
        SettingDef("sync.last_error", dict, {}, "the last sync failure (kind, message)"),
        SettingDef("sync.server_clock_offset_seconds", float, 0.0, "server time minus this computer's time, last seen"),
    )
}

UPLOAD_URL_PREFIX = "sync.upload_url."  # + sha256: the tus upload URL, so a restarted client resumes


def get(store: Store, key: str) -> Any:
    definition = SETTINGS[key]
    return store.setting(key, definition.default)


def get_in(txn: Txn, key: str) -> Any:
    return txn.setting(key, SETTINGS[key].default)


def set_many(store: Store, values: dict[str, Any]) -> None:
    """Validate types and store several settings in one transaction."""
    checked = {}
    for key, value in values.items():
        definition = SETTINGS[key]
        if definition.type is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, definition.type):
            raise TypeError(f"setting {key} must be {definition.type.__name__}, got {type(value).__name__}")
        checked[key] = value

    def apply(txn: Txn) -> None:
        for key, value in checked.items():
            if key == "sync.token":
                # never write the token itself into the audit log
                txn.db.execute(
                    "INSERT INTO setting(key, value, updated_at) VALUES (?, json(?), ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    [key, _json(value), txn.now],
                )
                txn.audit("setting", "setting", key, {"value": "***" if value else ""})
            else:
                txn.set_setting(key, value)

    store.write_sync(apply)


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
