"""The store's start-up path without sqlite-utils (it costs ~0.1 s of CPU to import), and the
stand-ins behaving exactly as the real sqlite-utils objects."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from inspector_app.store import open_store
from inspector_app.store.migrations import schema_current
from inspector_app.store.lazy import LazyDatabase
from inspector_app.store.migrations import migrations

ROOT = Path(__file__).resolve().parents[1]


def test_opening_and_reading_an_up_to_date_workspace_does_not_import_sqlite_utils(tmp_path):
    store = open_store(tmp_path / "ws")
    store.close()
    code = (
        "import sys, json\n"
        "from inspector_app.store import open_store\n"
        f"store = open_store({str(tmp_path / 'ws')!r})\n"
        "n = store.read().execute('SELECT count(*) FROM task').fetchone()[0]\n"
        "lazy = 'sqlite_utils' not in sys.modules\n"
        "store.read()['task'].count  # anything beyond plain reads loads the real Database\n"
        "print(json.dumps([n, lazy, 'sqlite_utils' in sys.modules, store.device_id]))\n"
        "store.close()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert out.returncode == 0, out.stderr
    n, lazy, loaded_later, device = json.loads(out.stdout.strip().splitlines()[-1])
    assert (n, lazy, loaded_later) == (0, True, True)
    assert device


def test_lazy_migrations_mirror_sqlite_utils():
    from sqlite_utils import Migrations

    assert migrations.migrations_table == Migrations.migrations_table
    assert migrations.names() == [m.name for m in migrations._migrations]
    assert migrations.names()[0] == "m0001_initial"
    with pytest.raises(ValueError):
        migrations(name="m0001_initial")(lambda db: None)


def test_schema_current_only_when_exactly_this_builds_migrations_are_applied(tmp_path):
    from sqlite_utils import Database

    path = tmp_path / "x.sqlite3"
    conn = sqlite3.connect(path)
    assert not schema_current(conn)                      # no migrations table yet
    db = Database(conn)
    migrations.apply(db, stop_before=migrations.names()[-1])
    assert not schema_current(conn)                      # one pending
    migrations.apply(db)
    assert schema_current(conn)
    conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES ('inspector_app', 'm9999_x', 'x')")
    conn.commit()
    assert not schema_current(conn)                      # written by a newer build: migrate() refuses it
    conn.close()


def test_lazy_database_execute_matches_sqlite_utils(tmp_path):
    """Reads, a write (committed at once), a failing write (rolled back), then the real API."""
    from sqlite_utils import Database

    path = tmp_path / "y.sqlite3"
    for kind in ("lazy", "real"):
        if path.exists():
            path.unlink()
        conn = sqlite3.connect(path)
        db = LazyDatabase(conn) if kind == "lazy" else Database(conn, execute_plugins=False)
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)")
        db.execute("INSERT INTO t (v) VALUES (?)", ["a"])
        assert not conn.in_transaction, kind             # committed, as sqlite-utils does
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO t (v) VALUES ('a')")
        assert not conn.in_transaction, kind
        assert db.execute("SELECT v FROM t").fetchall() == [("a",)]
        assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
        assert db["t"].count == 1 and db.table_names() == ["t"]
        with db.atomic():
            db.execute("INSERT INTO t (v) VALUES ('b')")
        other = sqlite3.connect(path)
        assert other.execute("SELECT count(*) FROM t").fetchone()[0] == 2, kind
        other.close()
        db.close()
