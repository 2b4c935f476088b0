"""Every core command, run as a user runs it: a fresh process on a real workspace."""

import csv
import json
import sqlite3
import zipfile

import pytest

from inspector_app.domain.identifiers import make_uscc


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    from tests.conftest import run_cli

    path = tmp_path_factory.mktemp("cli") / "ws"
    result = run_cli("demo", "--enterprises", "120", "--tasks", "40", "--seed", "7", data_dir=path)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["enterprises"] == 120 and summary["tasks"] == 40
    return path


def test_init_is_idempotent(cli, tmp_path):
    for _ in range(2):
        result = cli("init", data_dir=tmp_path / "ws")
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "ws" / "inspector.sqlite3").exists()


def test_data_dir_from_environment(cli, tmp_path):
    result = cli("init", env={"INSPECTOR_DATA_DIR": str(tmp_path / "envws")})
    assert result.returncode == 0
    assert (tmp_path / "envws" / "inspector.sqlite3").exists()


def test_demo_is_deterministic_by_seed(cli, tmp_path, demo_dir):
    other = tmp_path / "again"
    assert cli("demo", "--enterprises", "120", "--tasks", "40", "--seed", "7", data_dir=other).returncode == 0
    query = "SELECT id, name, uscc, address, licences, risk_class FROM enterprise ORDER BY id"
    a = sqlite3.connect(demo_dir / "inspector.sqlite3").execute(query).fetchall()
    b = sqlite3.connect(other / "inspector.sqlite3").execute(query).fetchall()
    assert a == b
    tasks = sqlite3.connect(other / "inspector.sqlite3").execute("SELECT DISTINCT type FROM task").fetchall()
    assert len(tasks) == 7  # every task type


def test_demo_enterprises_have_valid_uscc(demo_dir):
    from inspector_app.domain.identifiers import validate_uscc

    codes = [r[0] for r in sqlite3.connect(demo_dir / "inspector.sqlite3").execute("SELECT uscc FROM enterprise")]
    assert codes and all(validate_uscc(c).ok for c in codes)


def test_search_json_lines(cli, demo_dir):
    name = sqlite3.connect(demo_dir / "inspector.sqlite3").execute("SELECT name FROM enterprise LIMIT 1").fetchone()[0]
    result = cli("search", name[2:4], "--json", "--limit", "5", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert 1 <= len(rows) <= 5
    assert all(name[2:4] in r["name"] or name[2:4] in r["address"] for r in rows)


def test_check_uscc(cli):
    good = make_uscc("91370102MA3C4B5X6")
    assert cli("check-uscc", good).returncode == 0
    bad = cli("check-uscc", good[:-1] + ("0" if good[-1] != "0" else "1"))
    assert bad.returncode == 1
    assert f"“{good[-1]}”" in bad.stderr
    english = cli("--lang", "en", "check-uscc", "123")
    assert english.returncode == 1 and "18 characters" in english.stderr


def test_export_json_and_csv(cli, demo_dir, tmp_path):
    out = tmp_path / "export.json"
    assert cli("export", "--format", "json", str(out), data_dir=demo_dir).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["enterprise"]) == 120 and len(data["task"]) == 40
    folder = tmp_path / "csv"
    assert cli("export", "--format", "csv", str(folder), data_dir=demo_dir).returncode == 0
    with open(folder / "enterprise.csv", encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == 120


def test_backup_is_a_consistent_restorable_copy(cli, demo_dir, tmp_path):
    out = tmp_path / "backup.zip"
    result = cli("backup", str(out), data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    restored = tmp_path / "restored"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(restored)
    assert cli("doctor", data_dir=restored).returncode == 0
    conn = sqlite3.connect(restored / "inspector.sqlite3")
    assert conn.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 120


def test_doctor_reports_missing_and_changed_blobs(cli, tmp_path):
    from inspector_app.store import open_store

    ws = tmp_path / "ws"
    store = open_store(ws)
    blob_a, blob_b = b"photo-a", b"photo-b"
    import hashlib

    for data in (blob_a, blob_b):
        sha = hashlib.sha256(data).hexdigest()
        path = store.paths.blob_path(sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        store.write_sync(lambda txn, s=sha, n=len(data): txn.db["blob"].insert(
            {"sha256": s, "size": n, "mime": "image/jpeg", "created_at": txn.now}))
    paths = [store.paths.blob_path(hashlib.sha256(d).hexdigest()) for d in (blob_a, blob_b)]
    store.close()
    assert cli("doctor", data_dir=ws).returncode == 0
    paths[0].unlink()
    paths[1].write_bytes(b"photo-X")
    result = cli("doctor", "--json", data_dir=ws)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    problems = " ".join(report["checks"]["check_blobs"])
    assert hashlib.sha256(blob_a).hexdigest() in problems and hashlib.sha256(blob_b).hexdigest() in problems


def test_doctor_on_corrupt_database_exits_nonzero_with_advice(cli, tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "inspector.sqlite3").write_bytes(b"garbage" * 1000)
    result = cli("doctor", data_dir=ws)
    assert result.returncode == 3
    assert "损坏" in result.stderr


def test_commands_on_missing_workspace_say_to_init(cli, tmp_path):
    result = cli("search", "电缆", data_dir=tmp_path / "none")
    assert result.returncode == 3 and "init" in result.stderr


def test_demo_rejects_bad_sizes(cli, tmp_path):
    assert cli("demo", "--enterprises", "0", data_dir=tmp_path / "ws").returncode == 2
