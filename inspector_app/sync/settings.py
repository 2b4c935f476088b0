"""Sync settings, declared once in the application's registry (`inspector_app.settings`) and
stored in the workspace's `setting` table.

The token is kept after login; the password never is. Values are read through the store's
reader connection and written through `Txn.set_setting`, so every change is audited.
"""

from __future__ import annotations

from typing import Any

from inspector_app import settings as app_settings
from inspector_app.store.db import Store
from inspector_app.store.txn import Txn


_DECLARATIONS = (
    ("sync.server_url", str, "", "同步服务器地址，例如 https://sync.example.gov.cn", "Sync server address, e.g. https://sync.example.gov.cn"),
    ("sync.user", str, "", "当前登录的用户名", "User name of the current login"),
    ("sync.token", str, "", "上次登录得到的登录凭证（从不保存密码）", "Bearer token from the last login (the password is never stored)"),
    ("sync.token_expires_at", str, "", "登录凭证的到期时间（服务器时间）", "When the token expires (server time)"),
    ("sync.ca_bundle", str, "", "用于验证服务器证书的 CA 证书文件（空：使用系统证书）", "CA file to verify the server's certificate (empty: system CAs)"),
    ("sync.auto", bool, True, "服务器可连接时自动同步", "Sync by itself when the server is reachable"),
    ("sync.interval_seconds", float, 300.0, "一切正常时两次自动同步的间隔（秒）", "Seconds between automatic syncs when all is well"),
    ("sync.backoff_initial_seconds", float, 5.0, "自动同步失败后的首次等待（秒）", "First wait after a failed automatic sync (seconds)"),
    ("sync.backoff_max_seconds", float, 600.0, "自动同步重试的最长等待（秒）", "Longest wait between automatic attempts (seconds)"),
    ("sync.batch_size", int, 500, "每次上传的变更条数（服务器嫌大时自动减半）", "Changes per push request (halved when the server finds it too large)"),
    ("sync.chunk_size", int, 4 * 1024 * 1024, "断点续传每次发送的字节数", "Bytes per resumable upload request"),
    ("sync.upload_parallel", int, 4, "同时上传的照片数", "Photos uploaded at the same time"),
    ("sync.download_pair_photos", bool, True, "同步时下载同组另一台电脑的照片和文件", "Download the photos and files of the pair's other laptop when syncing"),
    ("sync.timeout_seconds", float, 30.0, "每个网络请求的超时（秒）", "Network timeout per request (seconds)"),
    ("sync.pull_page_size", int, 500, "每页接收的记录数", "Records per pull page"),
    ("sync.number_block_min", int, 20, "剩余文书编号少于此数时向服务器申请新号段", "Ask for a new number block when fewer numbers remain"),
    ("sync.number_block_size", int, 100, "每次申请的文书编号个数", "Numbers asked for per block"),
    ("sync.number_doc_types", list, ["sampling_record", "inspection_record", "correction_order", "refusal_record",
                                     "no_sample_record", "handover_record"],
     "本设备预留编号的文书种类", "Document types this device keeps numbers for"),
    ("sync.cursor", int, 0, "服务器变更流的位置（每页应用后才保存）", "Server change-feed cursor (stored only after a page is applied)"),
    ("sync.pull_held", list, [], "暂缓应用的接收记录（其上级记录尚未到达）", "Pulled rows waiting for their parent records"),
    ("sync.last_synced_at", str, "", "上次完整同步的时间（UTC）", "When the last complete sync finished (UTC)"),
    ("sync.last_error", dict, {}, "上次同步失败的原因", "Why the last sync failed"),
    ("sync.server_clock_offset_seconds", float, 0.0, "服务器时间减本机时间（秒），最近一次测得", "Server time minus this computer's time (seconds), last measured"),
)

for _name, _type, _default, _zh, _en in _DECLARATIONS:
    if _name not in app_settings.SETTINGS:
        app_settings.declare(_name, _type, _default, _zh, _en)

SETTINGS = {name: app_settings.SETTINGS[name] for name, *_ in _DECLARATIONS}

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
        if not isinstance(value, definition.type) or (definition.type is int and isinstance(value, bool)):
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
