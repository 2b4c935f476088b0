"""A real `inspector-server` process on loopback, for server and sync-client tests.

    from tests.server_process import running_server
    with running_server(tmp_path) as srv:          # or the `server` pytest fixture
        base_url, data_dir = srv                   # "http://127.0.0.1:PORT/api/v1", Path
        logins = srv.demo(password="demo-pass-1")  # demo users, enterprises, tasks
        srv.kill(); srv.restart()                  # SIGKILL mid-sync, start again (same port, data)

PostgreSQL: `running_server(tmp_path, db_url=pg_url)`; `fresh_postgres_url()` makes a new schema
in database `test` (fails loudly when PostgreSQL is unreachable: those tests must not skip).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get("INSPECTOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
HEADERS = {"X-Protocol-Version": "1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """One server process; unpacks to (base_url, data_dir)."""

    def __init__(self, data_dir: Path, db_url: str | None = None, extra_args: tuple[str, ...] = (),
                 env: dict | None = None, port: int | None = None):
        self.data_dir = Path(data_dir)
        self.db_url = db_url
        self.extra_args = tuple(extra_args)
        self.env = dict(env or {})
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.users: dict[str, dict] = {}
        self.log_path = self.data_dir / "server.log"

    def __iter__(self):
        return iter((self.base_url, self.data_dir))

    @property
    def ca_bundle(self) -> str | None:
        """The server's own certificate when it runs with --tls-cert (use it as `verify=`)."""
        args = list(self.extra_args)
        return args[args.index("--tls-cert") + 1] if "--tls-cert" in args else None

    @property
    def root_url(self) -> str:
        return f"{'https' if self.ca_bundle else 'http'}://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/api/v1"

    def _global_args(self) -> list[str]:
        args = ["--data-dir", str(self.data_dir)]
        if self.db_url:
            args += ["--db", self.db_url]
        return args

    def _env(self) -> dict:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        env.update(self.env)
        return env

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run `python -m inspector_server --data-dir … [--db …] ARGS` against this server's data."""
        result = subprocess.run([sys.executable, "-m", "inspector_server", *self._global_args(), *args],
                                cwd=ROOT, env=self._env(), capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"inspector-server {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
        return result

    def demo(self, password: str | None = None) -> list[dict]:
        out = self.cli("demo", *(["--password", password] if password else []))
        logins = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        self.users.update({d["user"]: d for d in logins})
        return logins

    def start(self, timeout: float = 30) -> "ServerProcess":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "inspector_server", *self._global_args(), "run", "--host", "127.0.0.1",
               "--port", str(self.port), *self.extra_args]
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self._env(), stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log_path.read_text(errors='replace')[-3000:]}")
            try:
                if requests.get(f"{self.base_url}/health", headers=HEADERS, timeout=1,
                                verify=self.ca_bundle or True).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"server did not start within {timeout} s:\n{self.log_path.read_text(errors='replace')[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, like a power cut."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def restart(self) -> "ServerProcess":
        self.kill()
        return self.start()

    # -- small HTTP helpers for tests ---------------------------------------------------------
    def login(self, username: str, password: str | None = None, device_id: str = "dev-1") -> str:
        password = password or self.users[username]["password"]
        r = requests.post(f"{self.base_url}/auth/login", headers=HEADERS, timeout=10,
                          json={"username": username, "password": password, "device_id": device_id, "device_name": device_id})
        assert r.status_code == 200, r.text
        return r.json()["token"]

    def stats(self) -> dict:
        return json.loads(self.cli("stats", "--json").stdout)


_TEMPLATES: dict[str, tuple[Path, list[dict]]] = {}


def _demo_template(password: str) -> tuple[Path, list[dict]]:
    """A SQLite data folder with the demo loaded, made once per test session and copied per test."""
    if password not in _TEMPLATES:
        import tempfile

        root = Path(tempfile.mkdtemp(prefix="inspector-server-template-"))
        srv = ServerProcess(root / "data")
        logins = srv.demo(password)
        _TEMPLATES[password] = (srv.data_dir, logins)
    return _TEMPLATES[password]


@contextlib.contextmanager
def running_server(tmp_path: Path, db_url: str | None = None, extra_args: tuple[str, ...] = (),
                   env: dict | None = None, demo_password: str | None = None) -> Iterator[ServerProcess]:
    """Start a server with its data in `tmp_path/server-data-*`; stop it afterwards.

    With `demo_password`, the demo users/enterprises/tasks are loaded first (`srv.users`).
    """
    import shutil

    data_dir = Path(tmp_path) / f"server-data-{secrets.token_hex(3)}"
    srv = ServerProcess(data_dir, db_url, extra_args, env)
    if demo_password and not db_url:
        template, logins = _demo_template(demo_password)
        shutil.copytree(template, data_dir)
        srv.users.update({d["user"]: d for d in logins})
    elif demo_password:
        srv.demo(demo_password)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def fresh_postgres_url() -> tuple[str, str]:
    """(url with a new schema on its search_path, schema name); raises if PostgreSQL is down."""
    import sqlalchemy as sa

    schema = f"t_{secrets.token_hex(6)}"
    engine = sa.create_engine(PG_ADMIN_URL)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()
    return f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}", schema


def drop_postgres_schema(schema: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(PG_ADMIN_URL)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        engine.dispose()


@pytest.fixture
def server(tmp_path) -> Iterator[ServerProcess]:
    """A fresh SQLite-backed server with the demo data loaded (password `demo-pass-1`)."""
    with running_server(tmp_path, demo_password="demo-pass-1") as srv:
        yield srv


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_server(request, tmp_path) -> Iterator[ServerProcess]:
    """The same server on SQLite and on PostgreSQL (a fresh schema per test), demo loaded."""
    if request.param == "sqlite":
        with running_server(tmp_path, demo_password="demo-pass-1") as srv:
            yield srv
        return
    url, schema = fresh_postgres_url()
    try:
        with running_server(tmp_path, db_url=url, demo_password="demo-pass-1") as srv:
            yield srv
    finally:
        drop_postgres_schema(schema)


# -- payload builders (client rows as the outbox carries them) ----------------------------------
def _now() -> str:
    from inspector_app.domain.ids import utc_now

    return utc_now()


def change(entity: str, payload: dict, *, op: str = "insert", base_version: int | None = None,
           blobs: list[str] = (), change_id: str | None = None) -> dict:
    from inspector_app.domain.ids import uuid7

    return {"change_id": change_id or uuid7(), "entity": entity, "entity_id": payload["id"], "op": op,
            "base_version": base_version, "payload": payload, "blobs": list(blobs), "created_at": _now()}


def inspection_row(task: dict, *, state: str = "finalized", **extra) -> dict:
    from inspector_app.domain.hashing import content_hash
    from inspector_app.domain.ids import uuid7

    now = _now()
    row = {"id": uuid7(), "task_id": task["id"], "enterprise_id": task["enterprise_id"], "number": "",
           "template_id": "demo", "template_version": "1", "started_at": now, "ended_at": now, "place": "现场",
           "gps": None, "inspector_ids": task["inspector_ids"], "recorder_id": None, "findings": "符合要求",
           "party_statement": "", "data": "{}", "score": None, "amends_id": None, "hazard": 0,
           "created_at": now, "updated_at": now, "version": 1, "author": "张伟", **extra}
    row["content_hash"] = content_hash({k: v for k, v in row.items() if k not in ("version", "updated_at")}) if state != "draft" else None
    row["finalized_at"] = now if state != "draft" else None
    row["state"] = state
    return row


def sample_row(task: dict, **extra) -> dict:
    from inspector_app.domain.hashing import content_hash
    from inspector_app.domain.ids import uuid7

    now = _now()
    row = {"id": uuid7(), "task_id": task["id"], "inspection_id": None, "enterprise_id": task["enterprise_id"],
           "producer_id": None, "number": "", "mode": "production", "product_name": "电热水壶", "brand": "", "model": "",
           "batch": "B1", "sampled_at": now, "data": '{"quantity":{"amount":6,"unit":"件"}}', "custody_status": "",
           "amends_id": None, "created_at": now, "updated_at": now, "version": 1, "author": "张伟", **extra}
    row["content_hash"] = content_hash(row)
    row["finalized_at"] = now
    row["state"] = "finalized"
    return row


# Valid `data` and part per custody event type (inspector_app.custody.events.SPECS), so a chain
# built from these passes the server's state-machine check when the types come in a legal order.
EVENT_DATA = {
    "DRAWN": {"quantities": {"test": {"amount": 3, "unit": "件"}, "backup": {"amount": 3, "unit": "件"}}, "lot_size": "200件"},
    "SEALED": {"seals": {"test": ["F0001"], "backup": ["F0002"]}},
    "SIGNED": {"signers": [{"name": "张伟", "role": "inspector"}, {"name": "王芳", "role": "party"}]},
    "BACKUP_STORED": {"location": "企业成品库", "keeper": "王芳"},
    "SHIPPED": {"method": "by_hand", "destination": "济南市产品质量检验院"},
    "LAB_RECEIVED": {"seal_intact": True, "packaging_intact": True, "quantity_sufficient": True, "state_normal": True,
                     "documents_ok": True, "accepted": True, "reason": ""},
    "BLIND_CODED": {"blind_code": "BM2026-0001"},
    "TESTED": {"report_no": "JY202600001", "conclusion": "合格"},
    "RESULT_SERVED": {"to": "王芳", "method": "in_person", "served_on": "2026-03-02"},
    "DISPOSED": {"how": "returned"},
}
EVENT_PART = {"BACKUP_STORED": "backup", "BLIND_CODED": "test", "TESTED": "test"}
FULL_HISTORY = ("DRAWN", "SEALED", "SIGNED", "SHIPPED", "LAB_RECEIVED", "BLIND_CODED", "TESTED", "RESULT_SERVED")


def custody_event(sample: dict, prev_hash: str, seq: int, *, event_type: str = "DRAWN", device_id: str = "dev-1",
                  evidence: list[str] = (), part: str | None = None, data: dict | None = None) -> dict:
    from inspector_app.domain.hashing import content_hash
    from inspector_app.domain.ids import uuid7

    now = _now()
    event = {"id": uuid7(), "sample_id": sample["id"], "seq": seq, "part": part or EVENT_PART.get(event_type, "both"),
             "type": event_type, "at": now, "actors": [{"name": "张伟", "role": "sampler", "id_no": "鲁执0370101"}],
             "place": "仓库", "gps": None, "seal_ids": [], "evidence": list(evidence),
             "data": EVENT_DATA.get(event_type, {}) if data is None else data, "note": "", "device_id": device_id,
             "prev_hash": prev_hash, "created_at": now, "author": "张伟"}
    event["hash"] = content_hash(event)
    return event


def custody_chain(sample: dict, types: tuple[str, ...] = FULL_HISTORY, *, prev_hash: str | None = None, seq: int = 1,
                  device_id: str = "dev-1") -> list[dict]:
    """Events of `types` linked one after the other, from `prev_hash` (default: the sample's content hash)."""
    events, prev = [], prev_hash or sample["content_hash"]
    for n, event_type in enumerate(types):
        events.append(custody_event(sample, prev, seq + n, event_type=event_type, device_id=device_id))
        prev = events[-1]["hash"]
    return events


class Api:
    """A logged-in HTTP session against a ServerProcess (JSON in, (status, JSON) out)."""

    def __init__(self, srv: ServerProcess, username: str, device_id: str = "dev-1", password: str | None = None):
        self.srv, self.device_id = srv, device_id
        self.session = requests.Session()
        self.session.headers.update(HEADERS)
        self.token = srv.login(username, password, device_id)
        self.session.headers["Authorization"] = f"Bearer {self.token}"

    def get(self, path: str, **params):
        r = self.session.get(self.srv.base_url + path, params=params, timeout=30)
        return r.status_code, r.json()

    def post(self, path: str, body: dict):
        r = self.session.post(self.srv.base_url + path, json=body, timeout=60)
        return r.status_code, r.json()

    def push(self, changes: list[dict]) -> list[dict]:
        status, body = self.post("/push", {"device_id": self.device_id, "changes": changes})
        assert status == 200, body
        return body["results"]

    def pull_all(self, cursor: int = 0, limit: int = 500, device_id: str | None = None) -> tuple[list[dict], int]:
        out = []
        while True:
            params = {"cursor": cursor, "limit": limit}
            if device_id:
                params["device_id"] = device_id
            status, body = self.get("/pull", **params)
            assert status == 200, body
            out += body["changes"]
            cursor = body["next_cursor"]
            if not body["has_more"]:
                return out, cursor

    def my_tasks(self) -> list[dict]:
        changes, _ = self.pull_all()
        tasks = {}
        for c in changes:
            if c["entity"] == "task":
                tasks[c["entity_id"]] = c["payload"]
        return list(tasks.values())
