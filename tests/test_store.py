import json
import os
import sqlite3
import threading
import time

import pytest

from inspector_app.store import WorkspaceError, open_store
from inspector_app.store.migrations import migrations
from inspector_app.store.reference import add_enterprise, bulk_upsert_tasks, counts, fetch
from inspector_app.domain.identifiers import make_uscc


def _enterprise(txn, name="济南华宇电缆有限公司"):
    return add_enterprise(txn, {"name": name, "uscc": make_uscc("91370102MA3C4B5X6")})


def test_change_writes_outbox_and_audit_in_same_transaction(store):
    row = store.write_sync(_enterprise)
    db = store.read()
    outbox = db.execute("SELECT entity, entity_id, op, payload, status FROM outbox").fetchall()
    assert [(o[0], o[1], o[2], o[4]) for o in outbox] == [("enterprise", row["id"], "insert", "pending")]
    assert json.loads(outbox[0][3])["name"] == "济南华宇电缆有限公司"
    audit = db.execute("SELECT action, entity, entity_id, device_id FROM audit_log").fetchall()
    assert ("create", "enterprise", row["id"], store.device_id) in audit


def test_failed_write_rolls_back_change_outbox_and_audit(store):
    def failing(txn):
        _enterprise(txn)
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.write_sync(failing)
    assert counts(store.read())["enterprise"] == 0
    assert store.read().execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert store.read().execute("SELECT count(*) FROM audit_log WHERE entity = 'enterprise'").fetchone()[0] == 0


def test_update_bumps_version_and_records_base_version(store):
    row = store.write_sync(_enterprise)
    store.write_sync(lambda txn: txn.update("enterprise", row["id"], {"phone": "0531-1"}))
    stored = fetch(store.read(), "enterprise", row["id"])
    assert stored["version"] == 2 and stored["phone"] == "0531-1"
    last = store.read().execute("SELECT op, base_version FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()
    assert last == ("update", 1)


def test_audit_log_is_append_only(store):
    store.write_sync(_enterprise)
    with pytest.raises(sqlite3.IntegrityError):
        store.write_sync(lambda txn: txn.db.execute("DELETE FROM audit_log"))
    with pytest.raises(sqlite3.IntegrityError):
        store.write_sync(lambda txn: txn.db.execute("UPDATE audit_log SET actor = 'x'"))


def test_finalized_inspection_is_immutable_in_the_database(store):
    ent = store.write_sync(_enterprise)

    def setup(txn):
        bulk_upsert_tasks(txn, [{"id": "t1", "type": "routine", "enterprise_id": ent["id"]}], source="test")
        return txn.insert("inspection", {"task_id": "t1", "enterprise_id": ent["id"], "template_id": "x", "template_version": "1"})

    insp = store.write_sync(setup)
    store.write_sync(lambda txn: txn.update("inspection", insp["id"], {"state": "finalized", "content_hash": "h"}))
    with pytest.raises(sqlite3.IntegrityError):
        store.write_sync(lambda txn: txn.update("inspection", insp["id"], {"findings": "changed later"}))
    store.write_sync(lambda txn: txn.update("inspection", insp["id"], {"state": "synced"}))
    assert fetch(store.read(), "inspection", insp["id"])["state"] == "synced"


def test_writes_are_serialised_on_one_thread_while_readers_read(store):
    writer_threads = set()

    def write(txn, n):
        writer_threads.add(threading.get_ident())
        txn.insert("inspector", {"name": f"检查员{n}"}, sync=False)

    futures = []
    errors = []
    stop = threading.Event()

    def reader():
        try:
            while not stop.is_set():
                n = store.read().execute("SELECT count(*) FROM inspector").fetchone()[0]
                assert n >= 0
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for r in readers:
        r.start()
    for n in range(200):
        futures.append(store.write(write, n))
    for f in futures:
        f.result()
    stop.set()
    for r in readers:
        r.join()
    assert not errors
    assert len(writer_threads) == 1 and threading.get_ident() not in writer_threads
    assert store.read().execute("SELECT count(*) FROM inspector").fetchone()[0] == 200


def test_reader_connection_is_read_only(store):
    with pytest.raises(sqlite3.OperationalError):
        store.read().execute("INSERT INTO setting(key, value, updated_at) VALUES ('x', '1', 'now')")


def test_wal_and_foreign_keys(store):
    db = store.read()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        store.write_sync(lambda txn: txn.insert("task", {"type": "routine", "enterprise_id": "missing"}))


def test_open_is_idempotent_and_keeps_device_id(tmp_path):
    first = open_store(tmp_path / "ws")
    device = first.device_id
    first.close()
    second = open_store(tmp_path / "ws")
    assert second.device_id == device
    second.close()


def test_old_database_is_migrated_forward_with_a_backup(tmp_path):
    from sqlite_utils import Database

    root = tmp_path / "old"
    root.mkdir()
    old = Database(root / "inspector.sqlite3")
    migrations.apply(old, stop_before="m0002_core_history_indexes")
    old.execute("INSERT INTO setting(key, value, updated_at) VALUES ('inspector.name', '\"王芳\"', 'then')")
    old.conn.commit()
    old.close()

    store = open_store(root)
    try:
        db = store.read()
        indexes = {r[1] for r in db.execute("PRAGMA index_list('inspection')").fetchall()}
        assert "inspection_enterprise" in indexes
        assert store.setting("inspector.name") == "王芳"
        assert [m.name for m in migrations.pending(db)] == []
    finally:
        store.close()
    backups = list(root.glob("inspector.sqlite3.before-m0002_core_history_indexes.bak"))
    assert backups, "a backup is taken before migrating an existing database"
    check = sqlite3.connect(backups[0])
    assert check.execute("SELECT value FROM setting WHERE key = 'inspector.name'").fetchone()[0] == '"王芳"'
    check.close()


def test_database_from_newer_version_is_refused_untouched(tmp_path):
    store = open_store(tmp_path / "ws")
    store.close()
    db_path = tmp_path / "ws" / "inspector.sqlite3"
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES ('inspector_app', 'm9999_future', 'x')")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(WorkspaceError) as err:
        open_store(tmp_path / "ws")
    assert "m9999_future" in str(err.value) and "升级" in str(err.value)
    assert db_path.read_bytes() == before


def test_corrupted_database_gives_clear_error_and_is_left_alone(tmp_path):
    root = tmp_path / "ws"
    root.mkdir()
    db_path = root / "inspector.sqlite3"
    db_path.write_bytes(b"this is not a database" * 100)
    before = db_path.read_bytes()
    with pytest.raises(WorkspaceError) as err:
        open_store(root)
    assert "损坏" in str(err.value) and "备份" in str(err.value)
    assert db_path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_unwritable_folder_is_reported(tmp_path):  # pragma: no cover - CI runs as root
    root = tmp_path / "ro"
    root.mkdir()
    root.chmod(0o500)
    with pytest.raises(WorkspaceError):
        open_store(root / "ws")


def test_read_only_file_system_is_reported(tmp_path):
    """Works as root too: a read-only bind of the folder is simulated by a file in its place."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WorkspaceError) as err:
        open_store(blocker / "ws")
    assert str(blocker) in str(err.value)


def test_missing_workspace_without_create(tmp_path):
    with pytest.raises(WorkspaceError) as err:
        open_store(tmp_path / "nothing", create=False)
    assert "init" in str(err.value)
