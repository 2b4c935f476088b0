"""The sync client against a real server process (SQLite and PostgreSQL): complete syncs,
priority, idempotent resends, 413 splitting, two laptops of one inspector pair, conflicts,
number blocks, the CLI contract."""

from __future__ import annotations

import json

import pytest

from inspector_app.store import reference
from inspector_app.sync.client import SyncClient
from inspector_app.sync.conflicts import list_conflicts, resolve_conflict
from inspector_app.sync.engine import connection
from inspector_app.sync.push import _body, _load
from tests.conftest_sync import PASSWORD, Laptop, assert_consistent, report_json
from tests.server_process import any_server, running_server, server  # noqa: F401  (fixtures)


@pytest.fixture
def laptop(tmp_path):
    lap = Laptop(tmp_path, "a")
    yield lap
    lap.close()


def _first_sync(lap: Laptop, srv, user: str = "insp1"):
    lap.login(srv, user)
    report = lap.sync()
    assert report.ok, report.to_json()
    assert lap.status()["task"] > 0
    return report


def test_complete_sync_counts_agree_and_records_become_synced(any_server, laptop):
    _first_sync(laptop, any_server)
    laptop.fieldwork(inspections=4, photos_per=3, refusals=1)
    before = laptop.status()
    assert before["pending_changes"] > 0 and before["pending_blobs"] == 12
    report = laptop.sync()
    assert report.ok, report.to_json()
    assert report.blobs_uploaded == 12 and report.records_synced == 4 + 4 + 1
    assert report.resent_bytes == 0
    st = laptop.status()
    assert st["inspection_synced"] == 4 and st["sample_synced"] == 4 and st["site_record_synced"] == 1
    assert laptop.store.read().execute("SELECT count(*) FROM blob WHERE uploaded_at IS NULL").fetchone()[0] == 0
    stats = assert_consistent(any_server, laptop)
    assert stats["inspections"] == 4 and stats["blobs"] == 12
    # a second sync sends nothing and changes nothing
    again = laptop.sync()
    assert again.ok and again.pushed == 0 and again.blobs_uploaded == 0
    assert any_server.stats()["changes"] == stats["changes"]


def test_hazards_and_refusals_travel_first(server, laptop):
    _first_sync(laptop, server)
    laptop.fieldwork(inspections=3, photos_per=0, refusals=1)
    # make one inspection a hazard the way the inspection screen would (priority on its change)
    def one_hazard(txn):
        txn.db.execute("UPDATE outbox SET priority = 10 WHERE entity = 'inspection'")  # the demo's random hazards off
        txn.db.execute("UPDATE outbox SET priority = 60 WHERE seq = (SELECT max(seq) FROM outbox WHERE entity = 'inspection')")

    laptop.store.write_sync(one_hazard)
    rows = _load(laptop.store, None, 1000, set())
    order = [(r[2], r[4]) for r in rows]
    # the hazard's own changes first, in their order (draft, then finalization), then the refusal
    assert order[:3] == [("inspection", "insert"), ("inspection", "finalize"), ("site_record", "insert")]
    assert [r[9] for r in rows] == sorted((r[9] for r in rows), reverse=True)
    assert laptop.sync().ok
    assert_consistent(server, laptop)


def test_the_same_batch_sent_twice_is_stored_once(any_server, laptop):
    _first_sync(laptop, any_server)
    laptop.fieldwork(inspections=2, photos_per=1)
    rows = _load(laptop.store, None, 1000, set())
    body = _body(laptop.store.device_id, rows)
    client = SyncClient(connection(laptop.store))
    first = client.push_raw(body)["results"]
    second = client.push_raw(body)["results"]
    assert {r["status"] for r in first} == {"applied"}
    assert {r["status"] for r in second} == {"duplicate"}
    report = laptop.sync()  # the outbox still thinks they are pending: resent, acknowledged as duplicates
    assert report.ok, report.to_json()
    assert_consistent(any_server, laptop)


def test_too_large_batches_are_split(tmp_path):
    with running_server(tmp_path, extra_args=("--max-body", "40000")) as srv:
        srv.demo(password=PASSWORD)
        lap = Laptop(tmp_path, "split")
        try:
            _first_sync(lap, srv)
            lap.fieldwork(inspections=20, photos_per=1, photo_bytes=5000)
            report = lap.sync()
            assert report.ok, report.to_json()
            assert report.splits > 0 and report.push_requests > 1
            assert_consistent(srv, lap)
        finally:
            lap.close()


def test_two_laptops_of_one_pair_see_each_others_work(any_server, tmp_path):
    a, b = Laptop(tmp_path, "insp1"), Laptop(tmp_path, "insp2")
    try:
        _first_sync(a, any_server, "insp1")
        _first_sync(b, any_server, "insp2")
        shared = {r[0] for r in a.store.read().execute("SELECT id FROM task").fetchall()} & \
                 {r[0] for r in b.store.read().execute("SELECT id FROM task").fetchall()}
        assert shared, "the demo pair shares tasks"
        a.fieldwork(inspections=3, photos_per=2, seed=1)
        b.fieldwork(inspections=2, photos_per=2, seed=2)
        for lap in (a, b, a, b):  # push, then pull what the other pushed
            report = lap.sync()
            assert report.ok, report.to_json()
        stats = assert_consistent(any_server, a, b)
        assert stats["inspections"] == 5
        # each laptop holds the other's photos too, verified byte for byte
        for lap in (a, b):
            assert lap.store.read().execute(
                "SELECT count(*) FROM blob WHERE json_extract(meta, '$.remote_only') = 1").fetchone()[0] == 0
            assert lap.store.read().execute("SELECT count(*) FROM blob WHERE size > 0").fetchone()[0] == 10
        # number blocks never overlap across the two devices
        blocks = [tuple(r) for lap in (a, b) for r in lap.store.read().execute(
            "SELECT doc_type, year, start, end FROM number_block WHERE source = 'server'").fetchall()]
        assert blocks
        for i, (t1, y1, s1, e1) in enumerate(blocks):
            for t2, y2, s2, e2 in blocks[i + 1:]:
                assert not (t1 == t2 and y1 == y2 and s1 <= e2 and s2 <= e1), (blocks[i], (t2, y2, s2, e2))
    finally:
        a.close()
        b.close()


def test_both_laptops_edit_the_same_enterprise_both_values_kept_and_resolved(server, tmp_path):
    a, b = Laptop(tmp_path, "insp1"), Laptop(tmp_path, "insp2")
    try:
        _first_sync(a, server, "insp1")
        _first_sync(b, server, "insp2")
        shared = sorted({r[0] for r in a.store.read().execute("SELECT id FROM enterprise").fetchall()} &
                        {r[0] for r in b.store.read().execute("SELECT id FROM enterprise").fetchall()})[0]
        a.store.write_sync(lambda txn: reference.update_enterprise(txn, shared, {"contact": "甲记录的联系人"}))
        b.store.write_sync(lambda txn: reference.update_enterprise(txn, shared, {"contact": "乙记录的联系人"}))
        assert a.sync().ok
        report_b = b.sync()
        assert report_b.conflicts >= 1
        conflicts = list_conflicts(b.store)
        assert conflicts, "the conflict comes back to the laptop that lost the race"
        values = {json.dumps(c["local_value"].get("contact"), ensure_ascii=False) + json.dumps(
            c["server_value"].get("contact"), ensure_ascii=False) for c in conflicts}
        assert any("甲记录的联系人" in v and "乙记录的联系人" in v for v in values)
        for c in conflicts:
            resolve_conflict(b.store, c["id"], "local")
        assert b.sync().ok
        assert a.sync().ok
        final = reference.fetch(a.store.read(), "enterprise", shared)["contact"]
        assert final == "乙记录的联系人"
        assert server.stats()["open_conflicts"] == 0
    finally:
        a.close()
        b.close()


def test_cli_login_sync_status_contract(server, tmp_path):
    lap_dir = tmp_path / "cli"
    lap = Laptop(tmp_path, "cli")
    lap.close()
    run = lambda *a: __import__("tests.conftest", fromlist=["run_cli"]).run_cli(*a, data_dir=lap_dir)  # noqa: E731
    bad = run("login", "--server", server.root_url, "--user", "insp1", "--password", "wrong")
    assert bad.returncode == 1 and "用户名或密码不正确" in bad.stderr and "Traceback" not in bad.stderr
    ok = run("login", "--server", server.root_url, "--user", "insp1", "--password", PASSWORD)
    assert ok.returncode == 0, ok.stderr
    db_text = (lap_dir / "inspector.sqlite3").read_bytes()
    assert PASSWORD.encode() not in db_text  # the token is kept, never the password
    first = run("sync", "--json")
    assert first.returncode == 0, first.stdout + first.stderr
    assert report_json(first)["ok"] is True
    filled = run("demo-fieldwork", "--inspections", "2", "--photos-per", "2", "--photo-kb", "20")
    assert filled.returncode == 0, filled.stderr
    st = json.loads(run("status", "--json").stdout)
    for key in ("pending_changes", "pending_blobs", "inspections", "samples", "custody_events", "blobs"):
        assert key in st
    assert st["pending_blobs"] == 4 and st["inspections"] == 2 and st["custody_events"] == 6
    second = run("sync", "--json")
    assert second.returncode == 0, second.stdout + second.stderr
    st = json.loads(run("status", "--json").stdout)
    assert st["pending_changes"] == 0 and st["pending_blobs"] == 0
    stats = server.stats()
    assert (stats["inspections"], stats["samples"], stats["custody_events"], stats["blobs"]) == \
           (st["inspections"], st["samples"], st["custody_events"], st["blobs"])


def test_sync_without_login_says_what_to_do(tmp_path, cli):
    lap = Laptop(tmp_path, "nologin")
    lap.close()
    result = cli("sync", data_dir=tmp_path / "nologin")
    assert result.returncode == 1
    assert "尚未登录" in result.stderr and "inspector-app login" in result.stderr


def test_small_pull_pages_with_children_before_parents_are_applied_whole(server, tmp_path):
    """Laptop A's samples travel before their inspections (priority); laptop B pulls one row per
    page: rows whose parents come later wait for them instead of breaking the page."""
    a, b = Laptop(tmp_path, "insp1"), Laptop(tmp_path, "insp2")
    try:
        _first_sync(a, server, "insp1")
        _first_sync(b, server, "insp2")
        a.fieldwork(inspections=2, photos_per=1, photo_bytes=5_000)
        assert a.sync().ok
        b.set("sync.pull_page_size", 1)
        report = b.sync()
        assert report.ok, report.to_json()
        assert b.store.read().execute("SELECT count(*) FROM inspection").fetchone()[0] == 2
        assert b.store.read().execute("SELECT count(*) FROM sample WHERE inspection_id IS NOT NULL").fetchone()[0] == 2
        assert b.store.setting("sync.pull_held") == []
        assert_consistent(server, a, b)
    finally:
        a.close()
        b.close()


def test_number_blocks_are_topped_up_below_the_threshold_and_never_wasted(server, laptop):
    from inspector_app.sync import numbers

    _first_sync(laptop, server)
    db = laptop.store.read()
    blocks = db.execute("SELECT doc_type, start, end FROM number_block WHERE source = 'server'").fetchall()
    assert {b[0] for b in blocks} >= {"sampling_record", "inspection_record"}
    year = db.execute("SELECT year FROM number_block WHERE source = 'server' LIMIT 1").fetchone()[0]
    # use up the sampling-record numbers down to fewer than the threshold
    laptop.store.write_sync(lambda txn: txn.db.execute(
        "UPDATE number_block SET next = end - 5 WHERE doc_type = 'sampling_record' AND source = 'server'"))
    assert numbers.remaining(laptop.store, "sampling_record", year) < 20
    # a request whose answer was lost (cut after the server handed out the block) is asked again with its id
    laptop.store.write_sync(lambda txn: txn.set_setting(f"{numbers.REQUEST_PREFIX}sampling_record.{year}", "req-cut-1"))
    client = SyncClient(connection(laptop.store))
    lost_answer = client.number_block("sampling_record", year, 100, "req-cut-1")
    report = laptop.sync()
    assert report.ok and report.number_blocks == 1
    rows = laptop.store.read().execute(
        "SELECT id, start, end FROM number_block WHERE doc_type = 'sampling_record' AND source = 'server' ORDER BY start"
    ).fetchall()
    assert rows[-1] == ("req-cut-1", lost_answer["start"], lost_answer["end"])  # the same block, not a new one
    assert numbers.remaining(laptop.store, "sampling_record", year) >= 100
    assert laptop.store.setting(f"{numbers.REQUEST_PREFIX}sampling_record.{year}") is None
