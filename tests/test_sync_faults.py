"""Faults that must lose nothing and duplicate nothing, against a real server process (SQLite
and PostgreSQL): connections cut at random byte offsets (push and blob upload), the server
killed mid-sync, the client killed mid-sync, a token expiring mid-sync, 413 and 500 answers,
clock skew of ± 1 day. Every test ends with `assert_consistent` (counts agree, blob hashes
verify, no record twice)."""

from __future__ import annotations

import threading
import time

import pytest

from inspector_app.sync.settings import UPLOAD_URL_PREFIX
from tests.conftest_sync import PASSWORD, Laptop, assert_consistent, report_json
from tests.server_process import any_server, running_server, server  # noqa: F401  (fixtures)
from tests.tcp_proxy import TcpProxy


@pytest.fixture
def proxied(any_server, tmp_path):
    """(server, proxy, laptop logged in through the proxy, tasks pulled)."""
    with TcpProxy(any_server.port) as proxy:
        lap = Laptop(tmp_path, "lap")
        try:
            from inspector_app.sync.engine import login

            login(lap.store, proxy.url, "insp1", PASSWORD)
            assert lap.sync().ok
            yield any_server, proxy, lap
        finally:
            lap.close()


def _sync_until_ok(lap: Laptop, attempts: int = 12):
    reports = []
    for _ in range(attempts):
        report = lap.sync()
        reports.append(report)
        if report.ok:
            return reports
        assert report.error is None or report.error["retryable"], report.error
    raise AssertionError([r.to_json() for r in reports])


def test_connection_cut_at_random_offsets_during_push(proxied):
    srv, proxy, lap = proxied
    lap.fieldwork(inspections=40, photos_per=0, refusals=2)
    pending = lap.status()["pending_changes"]
    offsets = proxy.random_cuts(4, 200, 150_000, seed=11)
    reports = _sync_until_ok(lap)
    assert proxy.cuts == len(offsets) and proxy.pending_cuts() == 0
    assert sum(r.acked for r in reports) >= pending
    stats = assert_consistent(srv, lap)
    assert stats["inspections"] == 40


def test_connection_cut_during_blob_upload_resumes_at_the_server_offset(proxied):
    srv, proxy, lap = proxied
    chunk = 64 * 1024
    lap.set("sync.chunk_size", chunk)
    lap.set("sync.upload_parallel", 1)
    lap.fieldwork(inspections=3, photos_per=2, photo_bytes=300_000)
    photo_bytes = sum(r[0] for r in lap.store.read().execute("SELECT size FROM blob").fetchall())
    # cut the line 5 times at random byte offsets (the records go first, then the photos)
    proxy.random_cuts(5, 5_000, photo_bytes // 6, seed=5)
    reports = _sync_until_ok(lap)
    assert proxy.cuts == 5
    sent = sum(r.bytes_sent for r in reports)
    uploaded_total = photo_bytes  # every photo once
    resent = sent - uploaded_total
    assert 0 <= resent <= 5 * chunk, (sent, uploaded_total)
    assert_consistent(srv, lap)
    assert lap.store.read().execute("SELECT count(*) FROM setting WHERE key LIKE ?",
                                    [UPLOAD_URL_PREFIX + "%"]).fetchone()[0] == 0


def test_413_and_500_answers(proxied):
    srv, proxy, lap = proxied
    lap.fieldwork(inspections=6, photos_per=1, photo_bytes=20_000)
    proxy.inject_status(500, path="/api/v1/push")
    report = lap.sync()
    assert report.error["kind"] == "server" and report.error["retryable"]
    assert "服务器暂时出现故障" in report.error["message"]
    assert lap.status()["pending_changes"] > 0  # nothing marked sent on a 500
    proxy.inject_status(413, path="/api/v1/push")
    proxy.inject_status(500, path="/api/v1/files/")  # one broken tus request: retried inside the run
    report = lap.sync()
    assert report.ok, report.to_json()
    assert report.splits >= 1
    assert_consistent(srv, lap)


def test_500_after_the_server_committed_is_resent_without_duplicates(tmp_path):
    with running_server(tmp_path, extra_args=("--fault", "push:2:after")) as srv:
        srv.demo(password=PASSWORD)
        lap = Laptop(tmp_path, "lap")
        try:
            lap.login(srv)
            assert lap.sync().ok  # push #1 (nothing to push: no request) … pull
            lap.fieldwork(inspections=3, photos_per=1, photo_bytes=20_000)
            first = lap.sync()
            second = first if first.ok else lap.sync()
            if not first.ok:
                assert first.error["kind"] == "server"
            assert second.ok, second.to_json()
            assert_consistent(srv, lap)
        finally:
            lap.close()


def test_server_killed_mid_sync_and_restarted(proxied):
    srv, proxy, lap = proxied
    lap.set("sync.chunk_size", 64 * 1024)
    lap.fieldwork(inspections=4, photos_per=3, photo_bytes=250_000)
    killed = threading.Event()

    def progress(p):
        if p.get("phase") == "blobs" and p.get("bytes_done", 0) > 200_000 and not killed.is_set():
            killed.set()
            srv.kill()

    report = lap.sync(progress=progress)
    assert killed.is_set()
    assert not report.ok and report.error["retryable"], report.to_json()
    assert "服务器" in report.error["message"]
    srv.start()
    reports = _sync_until_ok(lap)
    assert reports[-1].ok
    assert_consistent(srv, lap)


def test_client_killed_mid_sync_and_restarted(proxied):
    srv, proxy, lap = proxied
    lap.set("sync.chunk_size", 32 * 1024)
    lap.set("sync.upload_parallel", 1)
    lap.fieldwork(inspections=6, photos_per=3, photo_bytes=200_000)
    proc = lap.popen("sync", "--json")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if proxy.bytes_up > 600_000:  # well into the photo upload
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the sync finished before it could be killed; make the work bigger"
    proc.kill()
    proc.wait(10)
    lap.store.close()
    lap.store = __import__("inspector_app.store", fromlist=["open_store"]).open_store(lap.root)
    st = lap.status()
    assert st["pending_blobs"] > 0
    again = lap.cli("sync", "--json")
    assert again.returncode == 0, again.stdout + again.stderr
    assert report_json(again)["ok"] is True
    assert_consistent(srv, lap)


def test_token_expires_mid_sync(tmp_path):
    with running_server(tmp_path, extra_args=("--token-ttl", "3")) as srv:
        srv.demo(password=PASSWORD)
        lap = Laptop(tmp_path, "lap")
        try:
            lap.login(srv)
            assert lap.sync().ok
            lap.login(srv)
            lap.fieldwork(inspections=3, photos_per=2, photo_bytes=50_000)
            waited = threading.Event()

            def progress(p):
                if p.get("phase") == "push" and not waited.is_set():
                    waited.set()
                    time.sleep(3.5)  # the token runs out between the records and the photos

            report = lap.sync(progress=progress)
            assert report.error and report.error["kind"] == "unauthorized", report.to_json()
            assert "重新登录" in report.error["message"]
            assert lap.status()["last_error"]["kind"] == "unauthorized"
            lap.login(srv)
            report = lap.sync()
            assert report.ok, report.to_json()
            assert_consistent(srv, lap)
        finally:
            lap.close()


@pytest.mark.parametrize("skew", [86_400, -86_400])
def test_clock_skew_of_a_day(any_server, tmp_path, monkeypatch, skew):
    monkeypatch.setenv("INSPECTOR_CLOCK_SKEW_SECONDS", str(skew))
    lap = Laptop(tmp_path, "skewed")
    try:
        lap.login(any_server)
        assert lap.sync().ok
        lap.fieldwork(inspections=3, photos_per=1, photo_bytes=20_000)
        report = lap.sync()
        assert report.ok, report.to_json()
        offset = lap.status()["server_clock_offset_seconds"]
        assert abs(offset + skew) < 5, offset  # the skew is measured and reported, not trusted
        assert_consistent(any_server, lap)
    finally:
        lap.close()


def test_a_restarted_client_resumes_an_upload_at_the_servers_offset(server, tmp_path):
    from inspector_app.sync.blobs import BlobUploader
    from inspector_app.sync.engine import connection
    from inspector_app.sync.errors import SyncError
    from inspector_app.sync.push import push_all
    from inspector_app.sync.client import SyncClient

    lap = Laptop(tmp_path, "resume")
    try:
        lap.login(server)
        assert lap.sync().ok
        lap.fieldwork(inspections=1, photos_per=1, photo_bytes=600_000)
        push_all(SyncClient(connection(lap.store)), lap.store)
        size = lap.store.read().execute("SELECT size FROM blob").fetchone()[0]
        chunk = 64 * 1024
        progress = []
        first = BlobUploader(lap.store, connection(lap.store), chunk_size=chunk, parallel=1,
                             progress=progress.append, cancelled=lambda: len(progress) >= 3)
        with pytest.raises(SyncError) as stopped:
            first.upload_all()
        assert stopped.value.kind == "cancelled"
        assert first.stats.bytes_done == 3 * chunk
        # a new process would start from here: the URL is in the workspace, the offset on the server
        assert lap.store.read().execute("SELECT count(*) FROM setting WHERE key LIKE ?",
                                        [UPLOAD_URL_PREFIX + "%"]).fetchone()[0] == 1
        second = BlobUploader(lap.store, connection(lap.store), chunk_size=chunk, parallel=1)
        second.upload_all()
        assert second.stats.resumed == 1
        assert second.stats.bytes_sent == size - 3 * chunk  # nothing sent twice
        assert lap.sync().ok
        assert_consistent(server, lap)
    finally:
        lap.close()
