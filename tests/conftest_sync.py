"""Helpers for the sync-client tests: laptops (real workspaces) against a real server process.

`Laptop` wraps one workspace: in-process calls (`sync()`, `store`) where a test needs to reach
into the middle of a sync, and `cli()` for a real `inspector-app` process (killed mid-sync in
one test). `assert_consistent` is the check every fault test ends with: server and laptop
counts agree, every stored blob hashes to its name, no record twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from inspector_app.demo.fieldwork import FieldworkOptions, fill_fieldwork
from inspector_app.store import open_store
from inspector_app.sync.engine import login, run_sync
from inspector_app.sync.status import status
from tests.conftest import ROOT, run_cli

PASSWORD = "demo-pass-1"
RECORD_TABLES = ("inspection", "answer", "sample", "site_record", "custody_event", "attachment")


class Laptop:
    def __init__(self, root: Path, name: str = "laptop"):
        self.root = Path(root) / name
        self.store = open_store(self.root)

    def login(self, srv, user: str = "insp1") -> dict:
        return login(self.store, srv.root_url, user, PASSWORD)

    def sync(self, **kw):
        return run_sync(self.store, **kw)

    def fieldwork(self, inspections: int = 3, photos_per: int = 2, photo_bytes: int = 30_000, refusals: int = 0,
                  seed: int = 7) -> dict:
        return fill_fieldwork(self.store, FieldworkOptions(inspections=inspections, photos_per=photos_per,
                                                           photo_bytes=photo_bytes, refusals=refusals, seed=seed))

    def status(self) -> dict:
        return status(self.store)

    def table_counts(self) -> dict:
        db = self.store.read()
        return {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in RECORD_TABLES}

    def set(self, key: str, value) -> None:
        from inspector_app.sync import settings

        settings.set_many(self.store, {key: value})

    def cli(self, *args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
        return run_cli(*args, data_dir=self.root, env=env, timeout=timeout)

    def popen(self, *args: str, env: dict | None = None) -> subprocess.Popen:
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        return subprocess.Popen([sys.executable, "-m", "inspector_app", "--data-dir", str(self.root), *args],
                                cwd=ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def close(self) -> None:
        self.store.close()


def server_blob_hashes_verify(srv) -> int:
    """Every file in the server's blob store hashes to its own name; returns how many."""
    count = 0
    for path in (srv.data_dir / "blobs").rglob("*"):
        if path.is_file() and len(path.name) == 64:
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name, f"corrupt blob on the server: {path}"
            count += 1
    return count


def local_blob_hashes_verify(laptop: Laptop) -> None:
    rows = laptop.store.read().execute("SELECT sha256 FROM blob WHERE json_extract(meta, '$.remote_only') IS NOT 1")
    for (sha,) in rows.fetchall():
        data = laptop.store.paths.blob_path(sha).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha


def assert_consistent(srv, *laptops: Laptop) -> dict:
    """Server and laptops agree after a complete sync: nothing lost, nothing twice, bytes intact."""
    stats = srv.stats()
    records = stats["records"]
    for laptop in laptops:
        st = laptop.status()
        assert st["pending_changes"] == 0, st
        assert st["pending_blobs"] == 0, st
        assert st["unconfirmed_records"] == 0, st
        for key in ("inspections", "samples", "custody_events", "blobs"):
            assert st[key] == stats[key], (key, st[key], stats[key])
        for table, n in laptop.table_counts().items():
            assert records.get(table, 0) == n, (table, n, records.get(table, 0))
        local_blob_hashes_verify(laptop)
        # no record twice: each (entity, id) once on the server; every local finalized record known and complete
        outbox_dupes = laptop.store.read().execute(
            "SELECT count(*) FROM (SELECT change_id FROM outbox GROUP BY change_id HAVING count(*) > 1)").fetchone()[0]
        assert outbox_dupes == 0
    assert stats["incomplete_manifests"] == 0, stats
    assert server_blob_hashes_verify(srv) == stats["blobs"]
    return stats


def report_json(result: subprocess.CompletedProcess) -> dict:
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stdout + result.stderr
    return json.loads(lines[-1])
