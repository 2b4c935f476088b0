"""Killing the process mid-edit loses at most the keystroke in flight; the draft is offered again.

The child types at a fast typist's pace (one keystroke per 50 ms) and reports each keystroke
and each commit; it is killed with SIGKILL while typing. Nothing reported as committed may be
missing, and only the keystrokes typed while the last write was committing may be lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from inspector_app.store import open_store
from inspector_app.ui.app import create_application
from tests.test_ui_helpers import add_reference, open_main_window, pump, start_with_template, synthetic_template

ROOT = Path(__file__).resolve().parents[1]
TEXT = "企业未按规定建立原材料进货查验记录当场责令改正并拍照取证" * 3

CHILD = r"""
import sys, time
sys.path.insert(0, {root!r})
from inspector_app.store import open_store
from inspector_app.ui.app import create_application
from tests.test_ui_helpers import open_inspection_window, open_main_window, type_text
app = create_application()
store = open_store({ws!r})
session = open_main_window(app, store)
window = open_inspection_window(app, session, {inspection_id!r})
card = window.go_to_item("s0_i1")
card.editor.buttons["不符合"].click()
note = card.note.edit
window.writer.saved.connect(lambda key, row: print("saved", row.get("note", "") if isinstance(row, dict) else "", flush=True)
                            if key == ("s0_i1", "note") else None)
typed = ""
for ch in {text!r}:
    type_text(note, ch)          # one keystroke; its autosave is submitted at once
    typed += ch
    print("typed", typed, flush=True)
    end = time.monotonic() + 0.05
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)
print("done", flush=True)
time.sleep(60)
"""


def test_killed_mid_edit_restart_offers_the_draft_with_the_last_change(tmp_path, qapp, monkeypatch):
    monkeypatch.setenv("INSPECTOR_UI_CONFIG", str(tmp_path / "ui.ini"))
    ws = tmp_path / "ws"
    store = open_store(ws)
    tasks = add_reference(store)
    inspection_id = start_with_template(store, tasks[0], synthetic_template(tmp_path / "forms", 2, 10))
    store.close()

    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=str(ROOT), ws=str(ws), inspection_id=inspection_id, text=TEXT), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "INSPECTOR_UI_CONFIG": str(tmp_path / "ui.ini")}
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    last = saved = ""
    deadline = time.monotonic() + 120
    try:
        for line in child.stdout:
            if line.startswith("typed "):
                last = line[6:].rstrip("\n")
            if line.startswith("saved "):
                saved = line[6:].rstrip("\n")
            if len(last) >= 40 or line.startswith("done") or time.monotonic() > deadline:
                break
        os.kill(child.pid, signal.SIGKILL)       # mid-edit: the child is still typing
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert len(last) >= 40, child.stderr.read()[-3000:]

    # the database holds every keystroke but (at most) the one in flight
    store = open_store(ws)
    note = store.read().execute("SELECT note FROM answer WHERE inspection_id = ? AND item_id = 's0_i1'", [inspection_id]).fetchone()[0]
    assert TEXT.startswith(note)
    assert note.startswith(saved) and len(saved) > 10            # every committed keystroke is there
    assert len(last) - len(note) <= 2, (len(note), len(last))    # the one in flight (+ one typed meanwhile)

    # restart: the main window offers the draft; continuing shows the last change
    app = create_application()
    session = open_main_window(app, store)
    try:
        banner = session.window.banner
        pump(app, lambda: banner.isVisible() and bool(banner.buttons))
        assert banner.drafts[0]["id"] == inspection_id
        opened: list = []
        session.window.inspection_opened.connect(opened.append)
        banner.buttons[0].click()
        pump(app, lambda: bool(opened))
        window = opened[0]
        assert window.inspection_id == inspection_id
        card = window.card("s0_i1")
        assert card.note.edit.toPlainText() == note
        assert card.result() == "不符合"
        assert inspection_id not in [d["id"] for d in banner.drafts]
    finally:
        session.close()
