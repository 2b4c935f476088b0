"""Sync widgets with real Qt (offscreen), a real workspace and a real server process."""

from __future__ import annotations

import json

import pytest

from inspector_app.store import reference
from inspector_app.sync.pull import PullStats, apply_change
from inspector_app.ui.sync_conflicts import ConflictsView
from inspector_app.ui.sync_login import SyncLoginDialog
from inspector_app.ui.sync_status import SyncStatusWidget
from inspector_app.ui.sync_window import SyncWindow, human_bytes, human_seconds
from tests.conftest_sync import PASSWORD, Laptop
from tests.server_process import server  # noqa: F401  (fixture)


@pytest.fixture
def laptop(tmp_path):
    lap = Laptop(tmp_path, "ui")
    yield lap
    lap.close()


def test_login_dialog_explains_a_wrong_password_then_logs_in(qtbot, server, laptop, tmp_path):
    dialog = SyncLoginDialog(laptop.store)
    qtbot.addWidget(dialog)
    dialog.server.setText(server.root_url)
    dialog.user.setText("insp1")
    dialog.password.setText("wrong-password")
    dialog.login_button.click()
    qtbot.waitUntil(lambda: "用户名或密码不正确" in dialog.message.text(), timeout=15000)
    assert dialog.server.text() == server.root_url and dialog.user.isEnabled()
    dialog.grab().save(str(tmp_path / "login-error.png"))
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.loggedIn, timeout=15000) as got:
        dialog.login_button.click()
    assert got.args[0]["user"]["role"] == "inspector"
    assert laptop.store.setting("sync.token")
    assert PASSWORD.encode() not in laptop.store.paths.db.read_bytes()
    assert dialog.password.text() == ""


def test_login_dialog_requires_the_fields(qtbot, laptop):
    dialog = SyncLoginDialog(laptop.store)
    qtbot.addWidget(dialog)
    dialog.server.setText("")
    dialog.login_button.click()
    assert "请填写服务器地址" in dialog.message.text()


def test_status_widget_follows_pending_offline_and_synced(qtbot, server, laptop, tmp_path):
    widget = SyncStatusWidget(laptop.store, refresh_ms=100000)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.state == "logged_out", timeout=5000)
    assert "未登录" in widget.text.text()
    laptop.login(server)
    assert laptop.sync().ok
    laptop.fieldwork(inspections=1, photos_per=1, photo_bytes=10_000)
    widget.refresh()
    qtbot.waitUntil(lambda: widget.state == "pending", timeout=5000)
    pending = laptop.status()["pending_changes"] + 1
    assert f"{pending} 项待同步" in widget.text.text()
    widget.on_event({"kind": "offline"})
    assert widget.state == "offline" and "离线" in widget.text.text()
    widget.grab().save(str(tmp_path / "status-offline.png"))
    widget.on_event({"kind": "reachable"})
    widget.on_event({"kind": "started"})
    assert widget.state == "syncing"
    assert laptop.sync().ok
    widget.on_event({"kind": "finished", "report": {}})
    qtbot.waitUntil(lambda: widget.state == "ok", timeout=5000)
    assert "已全部同步" in widget.text.text() and "上次同步" in widget.text.text()


def test_sync_window_runs_the_office_batch_off_the_ui_thread(qtbot, server, laptop, tmp_path):
    laptop.login(server)
    assert laptop.sync().ok
    laptop.fieldwork(inspections=3, photos_per=3, photo_bytes=60_000)
    window = SyncWindow(laptop.store, start=False)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.finished_report, timeout=60000) as got:
        window.start()
        assert window.cancel_button.isEnabled()  # returns at once: the work runs on a worker
    report = got.args[0]
    assert report["ok"], report
    assert window.files.text() == "9 / 9"
    assert "已同步" in window.phase.text()
    assert window.close_button.isEnabled() and not window.cancel_button.isEnabled()
    window.grab().save(str(tmp_path / "sync-window.png"))


def test_sync_window_cancel_keeps_what_was_sent(qtbot, server, laptop):
    laptop.login(server)
    assert laptop.sync().ok
    laptop.fieldwork(inspections=4, photos_per=4, photo_bytes=150_000)
    laptop.set("sync.upload_parallel", 1)
    laptop.set("sync.chunk_size", 32 * 1024)
    window = SyncWindow(laptop.store, start=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.finished_report, timeout=60000) as got:
        window.start()
        qtbot.waitUntil(lambda: window.files_bar.maximum() > 1, timeout=30000)
        window.cancel()
    report = got.args[0]
    assert report["error"]["kind"] == "cancelled", report
    assert "取消" in window.message.text()
    assert laptop.sync().ok  # the next sync finishes the job


def test_sync_window_without_login_says_what_to_do(qtbot, laptop):
    window = SyncWindow(laptop.store, start=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.finished_report, timeout=10000):
        window.start()
    assert "尚未登录" in window.message.text()
    assert not window.retry_button.isVisible()


def test_conflicts_view_shows_both_values_and_resolves(qtbot, demo_store, tmp_path):
    ent = reference.query(demo_store.read(), "SELECT * FROM enterprise ORDER BY id LIMIT 1", table="enterprise")[0]
    demo_store.write_sync(lambda txn: reference.update_enterprise(txn, ent["id"], {"contact": "本机联系人"}))
    demo_store.write_sync(lambda txn: apply_change(
        txn, {"entity": "enterprise", "entity_id": ent["id"], "op": "upsert",
              "payload": {**ent, "contact": "服务器联系人", "version": 4, "server_version": 4}}, PullStats(), {}))
    view = ConflictsView(demo_store)
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    assert view.model.index(0, 2).data() == "联系人"
    fields = view.fields_model
    row = [r for r in range(fields.rowCount()) if fields.index(r, 0).data(0x0100) == "contact"][0]
    assert fields.index(row, 1).data() == "本机联系人" and fields.index(row, 2).data() == "服务器联系人"
    assert fields.index(row, 1).data(0x0008) is not None  # differing cells are highlighted (BackgroundRole)
    view.grab().save(str(tmp_path / "conflicts.png"))
    with qtbot.waitSignal(view.resolved, timeout=5000) as got:
        view.use_server.click()
    assert got.args[1] == "server"
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)
    assert "没有待处理的冲突" in view.summary.text()
    assert reference.fetch(demo_store.read(), "enterprise", ent["id"])["contact"] == "服务器联系人"
    assert json.loads(demo_store.read().execute("SELECT resolved_value FROM conflict").fetchone()[0])["contact"] == "服务器联系人"


def test_human_units():
    assert human_bytes(512) == "512 B" and human_bytes(1536) == "1.5 KB" and human_bytes(5 * 1024 ** 2) == "5.0 MB"
    assert human_seconds(42) == "42 s" and human_seconds(125) == "2 min 05 s" and human_seconds(3700) == "1 h 01 min"


def test_status_widget_follows_an_auto_sync_attached_later(qtbot, laptop):
    import threading

    from inspector_app.sync.auto import AutoSync

    widget = SyncStatusWidget(laptop.store, refresh_ms=100000)
    qtbot.addWidget(widget)
    auto = AutoSync(laptop.store)  # not started: its events are sent by hand from a worker thread
    widget.attach_auto_sync(auto)
    worker = threading.Thread(target=auto.on_event, args=({"kind": "started"},))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: widget.syncing, timeout=5000)  # delivered on the UI thread
    worker = threading.Thread(target=auto.on_event, args=({"kind": "finished", "report": {}},))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: not widget.syncing, timeout=5000)


def test_a_job_whose_owner_closed_meanwhile_ends_quietly(qapp):
    """A status query still running when its window closed (signals object deleted) must not
    raise inside Qt's thread pool; one whose owner lives reports as usual."""
    import shiboken6

    from inspector_app.store.db import WorkspaceError
    from inspector_app.ui.sync_jobs import SyncJob

    def closed_workspace(**_kwargs):
        raise WorkspaceError("工作区已关闭。")

    orphan = SyncJob(closed_workspace)
    shiboken6.delete(orphan.signals)
    orphan.run()                                 # no RuntimeError

    live = SyncJob(closed_workspace)
    failures: list = []
    live.signals.failed.connect(failures.append)
    live.run()
    assert len(failures) == 1 and isinstance(failures[0], WorkspaceError)
