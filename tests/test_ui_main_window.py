"""Main window: task list paging/filter/sort on many rows, enterprise panel, status bar,
seams, language switching, first-run identity, and the --smoke-test entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from inspector_app.store import open_store
from inspector_app.ui import seams
from inspector_app.ui.app import create_application
from inspector_app.ui.i18n import LanguageManager
from inspector_app.ui.settings import UiSettings, pointer_settings, workspace_settings
from inspector_app.ui.task_model import COLUMNS
from tests.test_ui_helpers import add_reference, open_main_window, pump, type_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def big(tmp_path_factory, qapp):
    """3,000 tasks over 800 enterprises (built once for the module's tests)."""
    root = tmp_path_factory.mktemp("big") / "ws"
    store = open_store(root)
    add_reference(store, enterprises=800, tasks=3000, seed=11)
    store.close()
    return root


@pytest.fixture
def main(big, tmp_path, qapp, monkeypatch):
    monkeypatch.setenv("INSPECTOR_UI_CONFIG", str(tmp_path / "ui.ini"))
    app = create_application()
    languages = LanguageManager(app)
    languages.apply("zh_CN")
    store = open_store(big)
    session = open_main_window(app, store, languages)
    yield app, store, session, languages
    session.close()
    languages.apply("zh_CN")
    languages.uninstall()


def rows(model):
    return [model.task(r) for r in range(model.rowCount())]


def test_task_list_pages_filters_and_sorts_many_rows(main):
    app, store, session, _ = main
    tasks = session.window.tasks
    model = tasks.model
    db = store.read()
    assert model.total == 3000
    assert model.rowCount() == model.page_size < 3000          # paged, not everything at once
    model.fetchMore()
    pump(app, lambda: model.rowCount() == 2 * model.page_size)

    # filter by type through the combo box
    tasks.type_box.setCurrentIndex(tasks.type_box.findData("routine"))
    pump(app, lambda: not model.loading)
    expected = db.execute("SELECT count(*) FROM task WHERE type = 'routine'").fetchone()[0]
    assert model.total == expected > 0
    assert {r["type"] for r in rows(model)} == {"routine"}

    # risk class + state
    tasks.risk_box.setCurrentIndex(tasks.risk_box.findData("D"))
    tasks.state_box.setCurrentIndex(tasks.state_box.findData("assigned"))
    pump(app, lambda: not model.loading)
    expected = db.execute("SELECT count(*) FROM task t JOIN enterprise e ON e.id = t.enterprise_id"
                          " WHERE t.type = 'routine' AND e.risk_class = 'D' AND t.state = 'assigned'").fetchone()[0]
    assert model.total == expected
    assert all(r["risk"] == "D" and r["state"] == "assigned" for r in rows(model))

    # overdue only, highlighted
    for box in (tasks.type_box, tasks.risk_box, tasks.state_box):
        box.setCurrentIndex(0)
    tasks.due_box.setCurrentIndex(tasks.due_box.findData("overdue"))
    pump(app, lambda: not model.loading)
    today = date.today().isoformat()
    assert model.total == db.execute("SELECT count(*) FROM task WHERE due_date < ? AND state IN ('assigned','in_progress')",
                                     [today]).fetchone()[0] > 0
    assert all(r["due_date"] < today for r in rows(model))
    index = model.index(0, COLUMNS.index("due"))
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).name() == "#a1221b"
    assert "逾期" in model.data(index, Qt.ItemDataRole.ToolTipRole)

    # sort by enterprise, descending, with two clicks on its header (on after the first paint,
    # the arrow first on the due date the first page is sorted by)
    tasks.due_box.setCurrentIndex(0)
    pump(app, lambda: not model.loading and tasks.view.isSortingEnabled())
    header = tasks.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (COLUMNS.index("due"), Qt.SortOrder.AscendingOrder)
    section = QPoint(header.sectionViewportPosition(COLUMNS.index("enterprise")) + 10, header.height() // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=section)
    pump(app, lambda: not model.loading and model.filter.sort == "enterprise")
    assert not model.filter.descending
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=section)
    pump(app, lambda: not model.loading and model.filter.descending)
    names = [r["enterprise"] for r in rows(model)]
    assert names == sorted(names, reverse=True)
    top = db.execute("SELECT max(e.name) FROM task t JOIN enterprise e ON e.id = t.enterprise_id").fetchone()[0]
    assert names[0] == top

    # search (debounced) by part of an enterprise name
    part = names[0][2:5]
    type_text(tasks.search, part)
    pump(app, lambda: model.filter.search == part and not model.loading)
    assert model.total == db.execute("SELECT count(*) FROM task t JOIN enterprise e ON e.id = t.enterprise_id WHERE e.name LIKE ?",
                                     [f"%{part}%"]).fetchone()[0]
    assert all(part in r["enterprise"] for r in rows(model))


def test_enterprise_panel_follows_selection(main):
    app, store, session, _ = main
    window = session.window
    task = window.tasks.model.task(3)
    window.tasks.view.selectRow(3)
    pump(app, lambda: window.enterprise.profile is not None and window.enterprise.profile["id"] == task["enterprise_id"])
    enterprise = store.read().execute("SELECT name, uscc, licences FROM enterprise WHERE id = ?", [task["enterprise_id"]]).fetchone()
    assert window.enterprise.name.text() == enterprise[0]
    assert window.enterprise.fields["uscc"].text() == enterprise[1]
    assert window.enterprise.licences.rowCount() == len(json.loads(enterprise[2]))


def test_status_bar_and_seams(main):
    app, store, session, _ = main
    window = session.window
    pump(app, lambda: window.pending_changes is not None)
    pending = store.read().execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
    assert window.status_pending.text().endswith(str(pending))
    assert "张伟" in window.status_inspector.text()
    assert str(store.paths.root) in window.status_workspace.text()
    # every seam's real widget is there; tabs are built when first shown
    assert window.samples.inner is None
    for index, (tab, seam) in enumerate(((window.samples, "samples"), (window.documents, "document_preview"),
                                         (window.conflicts, "conflicts")), start=1):
        window.side.setCurrentIndex(index)
        pump(app, lambda: tab.inner is not None)
        assert not isinstance(tab.inner, seams.Placeholder)
        assert type(tab.inner).__name__ == seams.SEAMS[seam][1]
    assert type(window.sync_status).__name__ == "SyncStatusWidget"
    window.side.setCurrentIndex(0)
    # a write through the background writer updates the pending count
    from inspector_app.store.reference import update_enterprise

    enterprise_id = window.tasks.model.task(0)["enterprise_id"]
    window.ops.write(update_enterprise, enterprise_id, {"contact": "测试联系人"})
    pump(app, lambda: window.pending_changes == pending + 1)


def header_text(window, column: str) -> str:
    """The title the task table's header shows for `column`."""
    titles = window.tasks.view.horizontalHeader().model()
    return titles.headerData(COLUMNS.index(column), Qt.Orientation.Horizontal)


def test_language_switch_is_live_and_remembered(main, tmp_path):
    app, store, session, languages = main
    window = session.window
    assert window.menu_file.title() == "文件"
    window.language_actions["en"].trigger()
    pump(app, lambda: window.menu_file.title() == "File")
    assert header_text(window, "due") == "Due"
    assert window.side.tabText(0) == "Enterprise"
    assert window.tasks.type_box.itemText(0) == "All types"
    assert window.tasks.model.data(window.tasks.model.index(0, COLUMNS.index("type"))) in {
        "Supervisory spot check", "Post-licence check", "CCC post-certification check", "Routine inspection",
        "Special campaign", "Re-check", "Quality-safety responsibility check"}
    assert workspace_settings(store.paths.root).get("ui/language") == "en"
    assert pointer_settings().get("ui/language") == "en"
    pump(app, lambda: store.setting("language") == "en")          # the workspace's declared setting too
    window.language_actions["zh_CN"].trigger()
    pump(app, lambda: window.menu_file.title() == "文件")
    assert header_text(window, "due") == "截止日期"


def test_layout_is_remembered(main):
    app, store, session, _ = main
    window = session.window
    window.resize(780, 560)          # fits the offscreen screen (restoreGeometry keeps windows on screen)
    window.splitter.setSizes([640, 130])
    pump(app, lambda: window.splitter.sizes()[0] > 600)
    sizes = window.splitter.sizes()
    window.save_layout()
    from inspector_app.ui.main_window import MainWindow

    again = MainWindow(window.ops, workspace_settings(store.paths.root))
    again.show()
    pump(app, lambda: again.isVisible())
    restored = again.splitter.sizes()
    # the remembered split (list ≈ 80 %), not the default (list 60 %)
    assert restored[0] / sum(restored) > 0.7, (restored, sizes)
    again.close()


def test_a_window_that_is_never_painted_still_opens_its_workspace(big, tmp_path, qapp, monkeypatch):
    """`ready` (and with it opening the workspace) follows the task table's first paint; a
    window the system never paints (not exposed) gets there half a second later all the same."""
    import time

    from inspector_app.ui.app import Session

    monkeypatch.setenv("INSPECTOR_UI_CONFIG", str(tmp_path / "ui.ini"))
    app = create_application()
    store = open_store(big)
    session = Session(app, store, None)
    try:
        session.window.tasks.view.viewport().setUpdatesEnabled(False)     # no paint events
        started = time.monotonic()
        session.window.show()
        session.window.start()
        pump(app, lambda: session.window.is_ready)
        assert time.monotonic() - started >= 0.45
        pump(app, lambda: session.window.tasks.view.isSortingEnabled())   # the after-paint work ran
    finally:
        session.close()


def test_first_run_identity_is_stored(tmp_path, qapp):
    from inspector_app.ui.first_run import IdentityDialog
    from inspector_app.ui.ops import Ops

    create_application()
    store = open_store(tmp_path / "fresh")
    ops = Ops(store)
    dialog = IdentityDialog(ops)
    dialog.ok_button.click()
    assert "姓名" in dialog.error.text()                       # refused with a message, nothing stored
    assert store.setting("inspector.name") is None
    type_text(dialog.name, "王芳")
    type_text(dialog.cert, "37010220240001")
    type_text(dialog.partner_name, "赵强")
    type_text(dialog.partner_cert, "37010220240002")
    dialog.ok_button.click()
    pump(qapp, lambda: dialog.result() == 1)
    assert store.setting("inspector.name") == "王芳"
    assert store.setting("inspector.cert_no") == "37010220240001"
    partner = store.read().execute("SELECT name, cert_no FROM inspector WHERE id = ?", [store.setting("inspector.partner_id")]).fetchone()
    assert partner == ("赵强", "37010220240002")
    ops.shutdown()
    store.close()


def test_smoke_test_entry_point(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "INSPECTOR_UI_CONFIG": str(tmp_path / "ui.ini")}
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "ws"), "--smoke-test"],
                         capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["ok"] is True
    assert result["startup_seconds"] > 0
    assert result["tasks"] > 0
    assert result["font"] == "Droid Sans Fallback"     # registered on a thread, in place before the window
    assert result["window_icon"] is True                 # set once the window has painted
    store = open_store(tmp_path / "ws")
    answered = store.read().execute("SELECT result FROM answer WHERE item_id = ?", [result["answered_item"]]).fetchone()
    store.close()
    assert answered == ("符合",)


MAIN_PY_CHECK = """
import gc, json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from inspector_app.ui import app as app_module

seen = {}
deadline = time.monotonic() + 60
attach = app_module.Session.attach

def attach_and_note(session, store):
    seen["painted_before_open"] = session.window.is_ready and session.window.tasks.model.rowCount() > 0
    attach(session, store)

app_module.Session.attach = attach_and_note
first_paint = app_module.Session._first_paint

def first_paint_and_note(session):
    # building `PySide6.QtCore.Qt` (93 enums) costs ~13 ms: start-up leaves it until after the paint
    seen["qt_namespace_before_paint"] = "Qt" in sys.modules["PySide6.QtCore"].__dict__
    first_paint(session)

app_module.Session._first_paint = first_paint_and_note

def check():
    qapp = QApplication.instance()
    windows = [w for w in qapp.topLevelWidgets() if w.objectName() == "MainWindow" and w.isVisible()]
    window = windows[0] if windows else None
    if window is not None and window.is_ready and "first_rows" not in seen:
        seen["first_rows"] = window.tasks.model.rowCount()
    done = window is not None and window.store is not None and window.pending_changes is not None and window._late_done
    if done or time.monotonic() > deadline:
        if done:
            seen.update(root=str(window.store.paths.root), total=window.tasks.model.total, identity=window.identity[0])
        for w in qapp.topLevelWidgets():
            w.close()
        return
    QTimer.singleShot(20, check)

QTimer.singleShot(0, check)
code = app_module.run(sys.argv[1:])
seen.update(code=code, gc_enabled=gc.isenabled())
print(json.dumps(seen, ensure_ascii=False))
"""


@pytest.mark.parametrize("chosen_by", ["data_dir", "last_workspace"])
def test_main_py_shows_the_first_page_then_opens_the_workspace(big, tmp_path, chosen_by):
    """The `main.py` path (ui.app.run, in its own process), with `--data-dir` or with no
    argument (the workspace remembered in the pointer file, read before Qt loads): the first
    page comes straight from the file, the workspace is opened and attached right after the
    first paint (status, drafts, enterprise panel and sync status follow), and closing the
    window ends the run cleanly with the garbage collector back on. Nothing before the first
    paint builds the `Qt` namespace (see item_roles.py)."""
    import shutil

    workspace = tmp_path / "工作区 一"     # a path QSettings writes as is (Chinese, a space)
    shutil.copytree(big, workspace)
    pointer = UiSettings(tmp_path / "ui.ini")
    pointer.set("ui/last_workspace", str(workspace) if chosen_by == "last_workspace" else str(tmp_path / "elsewhere"))
    pointer.sync()
    args = ["--data-dir", str(workspace)] if chosen_by == "data_dir" else []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INSPECTOR_UI_CONFIG": str(tmp_path / "ui.ini"),
           "INSPECTOR_DATA_DIR": str(tmp_path / "default")}
    out = subprocess.run([sys.executable, "-c", MAIN_PY_CHECK, *args], capture_output=True,
                         text=True, env=env, timeout=120, cwd=str(Path(__file__).resolve().parents[1]))
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0, out.stderr[-2000:]
    assert seen["first_rows"] > 0 and seen["painted_before_open"]   # the first page showed before the store opened
    assert seen["qt_namespace_before_paint"] is False
    assert seen["total"] == 3000 and seen["identity"] == "张伟"
    assert seen["root"] == str(workspace.resolve())
    assert seen["gc_enabled"]


DAMAGED_CHECK = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from inspector_app.ui import app as app_module

seen = {}

def answer():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible() and "message" not in seen:
            seen["message"] = widget.text()
            widget.accept()
        elif isinstance(widget, QDialog) and not isinstance(widget, QMessageBox) and widget.isVisible():
            seen["then_asked"] = type(widget).__name__
            widget.reject()
            return
    QTimer.singleShot(20, answer)

QTimer.singleShot(0, answer)
seen["code"] = app_module.run(sys.argv[1:])
print(json.dumps(seen, ensure_ascii=False))
"""


def test_a_damaged_workspace_is_explained_then_another_can_be_chosen(tmp_path):
    """`main.py --data-dir DAMAGED` (its own process): the prefetch declines the file, the
    normal open refuses it with a message saying what is wrong and what to do, then the
    workspace dialog offers another; cancelling it ends the run cleanly, the file untouched."""
    damaged = tmp_path / "ws"
    damaged.mkdir()
    garbage = b"not a database " * 200
    (damaged / "inspector.sqlite3").write_bytes(garbage)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INSPECTOR_UI_CONFIG": str(tmp_path / "ui.ini")}
    out = subprocess.run([sys.executable, "-c", DAMAGED_CHECK, "--data-dir", str(damaged)], capture_output=True,
                         text=True, env=env, timeout=120, cwd=str(ROOT))
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0, out.stderr[-2000:]
    assert "已损坏" in seen["message"] and "备份" in seen["message"]
    assert seen["then_asked"] == "WorkspaceDialog"
    assert (damaged / "inspector.sqlite3").read_bytes() == garbage
