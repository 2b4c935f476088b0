"""Workspace health checks run by `inspector-app doctor`.

Each check is `fn(store) -> list[str]` returning problems in words (empty when healthy).
Areas register theirs in `CHECKS` as "module:function" strings, imported when doctor runs,
so the store does not depend on the areas.
"""

from __future__ import annotations

import hashlib
import importlib
from typing import Callable

from inspector_app.i18n import tr
from inspector_app.store.db import Store

CHECKS: list[str] = [
    "inspector_app.doctor:check_sqlite",
    "inspector_app.doctor:check_blobs",
    "inspector_app.doctor:check_references",
    "inspector_app.custody.verify:check_custody",
]


def check_sqlite(store: Store) -> list[str]:
    db = store.read()
    problems = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall() if row[0] != "ok"]
    for table, rowid, parent, _fk in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(tr("外键错误：{t} 第 {r} 行引用的 {p} 不存在。", "Foreign key error: {t} row {r} points to a missing {p}.", t=table, r=rowid, p=parent))
    return problems


def sha256_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_blobs(store: Store) -> list[str]:
    """Every blob row has its file, of the right size and SHA-256."""
    problems = []
    for sha, size in store.read().execute("SELECT sha256, size FROM blob ORDER BY sha256").fetchall():
        path = store.paths.blob_path(sha)
        if not path.exists():
            problems.append(tr("文件缺失：{s}（应在 {p}）。", "Missing file: {s} (expected at {p}).", s=sha, p=path))
            continue
        if path.stat().st_size != size:
            problems.append(tr("文件大小不符：{s}。", "File size does not match: {s}.", s=sha))
            continue
        actual = sha256_file(path)
        if actual != sha:
            problems.append(tr("文件内容被改动：{s}（实际哈希 {a}）。", "File content changed: {s} (actual hash {a}).", s=sha, a=actual))
    return problems


BLOB_REFERENCES = [
    ("attachment", "blob_sha256"),
    ("signature", "image_sha256"),
    ("signature", "strokes_sha256"),
    ("document", "pdf_sha256"),
]


def check_references(store: Store) -> list[str]:
    """Every blob a record references has a blob row."""
    problems = []
    for table, column in BLOB_REFERENCES:
        rows = store.read().execute(
            f"SELECT t.id, t.{column} FROM [{table}] t LEFT JOIN blob b ON b.sha256 = t.{column}"
            f" WHERE t.{column} IS NOT NULL AND b.sha256 IS NULL"
        ).fetchall()
        for record_id, sha in rows:
            problems.append(tr("{t} {i} 引用的文件 {s} 不存在。", "{t} {i} references a missing file {s}.", t=table, i=record_id, s=sha))
    return problems


def load_checks() -> list[tuple[str, Callable[[Store], list[str]]]]:
    checks = []
    for spec in CHECKS:
        module, name = spec.split(":")
        checks.append((name, getattr(importlib.import_module(module), name)))
    return checks


def run_checks(store: Store) -> dict[str, list[str]]:
    return {name: fn(store) for name, fn in load_checks()}
