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
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

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
                if requests.get(f"{self.base_url}/health", headers=HEADERS, timeout=1).status_code == 200:
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


@contextlib.contextmanager
def running_server(tmp_path: Path, db_url: str | None = None, extra_args: tuple[str, ...] = (),
                   env: dict | None = None) -> Iterator[ServerProcess]:
    """Start a server with its data in `tmp_path/server-data`; stop it afterwards."""
    data_dir = Path(tmp_path) / f"server-data-{secrets.token_hex(3)}"
    srv = ServerProcess(data_dir, db_url, extra_args, env)
    srv.cli("init")
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
    with running_server(tmp_path) as srv:
        srv.demo(password="demo-pass-1")
        yield srv


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_server(request, tmp_path) -> Iterator[ServerProcess]:
    """The same server on SQLite and on PostgreSQL (a fresh schema per test)."""
    if request.param == "sqlite":
        with running_server(tmp_path) as srv:
            srv.demo(password="demo-pass-1")
            yield srv
        return
    url, schema = fresh_postgres_url()
    try:
        with running_server(tmp_path, db_url=url) as srv:
            srv.demo(password="demo-pass-1")
            yield srv
    finally:
        drop_postgres_schema(schema)
