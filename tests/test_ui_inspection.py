"""The inspection screen, driven through its widgets (pytest-qt, offscreen, real SQLite)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inspector_app import checklists
from inspector_app.checklists import RESULT_CONFORM, RESULT_NA, RESULT_NONCONFORM
from inspector_app.store import open_store
from inspector_app.store.reference import fetch
from inspector_app.ui.app import create_application
from inspector_app.ui.inspection.editors import DateEditor, MultipleEditor, NumberEditor, ResultEditor, SingleEditor, TextEditor
from tests.test_ui_helpers import (
    add_reference, open_inspection_window, open_main_window, pump, start_with_template, synthetic_template, type_text,
    wait_saved,
)


@pytest.fixture
def workspace(tmp_path, qapp, monkeypatch):
    monkeypatch.setenv("INSPECTOR_UI_CONFIG", str(tmp_path / "ui.ini"))
    app = create_application()
    store = open_store(tmp_path / "ws")
    tasks = add_reference(store)
    template = synthetic_template(tmp_path / "forms", sections=2, per_section=10)
    inspection_id = start_with_template(store, tasks[0], template)
    session = open_main_window(app, store)
    yield app, store, session, inspection_id
    session.close()


def fill_card(app, window, card) -> None:
    """Answer one item through its editor as a user would (valid values)."""
    editor = card.editor
    if isinstance(editor, ResultEditor):
        editor.buttons[RESULT_CONFORM].click()
    elif isinstance(editor, NumberEditor):
        editor.edit.setFocus()
        editor.edit.clear()
        from PySide6.QtTest import QTest

        QTest.keyClicks(editor.edit, "3")
    elif isinstance(editor, TextEditor):
        type_text(editor.edit, "已核对")
    elif isinstance(editor, DateEditor):
        editor.today.click()
    elif isinstance(editor, SingleEditor):
        editor.combo.setCurrentIndex(1)
    elif isinstance(editor, MultipleEditor):
        next(iter(editor.boxes.values())).click()


def test_fill_complete_inspection_through_widgets_and_finalize(workspace):
    app, store, session, inspection_id = workspace
    window = open_inspection_window(app, session, inspection_id)
    template = window.template
    for section in template.sections:
        window.go_to_page(section.id)
        for item in section.items:
            if window.session.state(item.id).relevant:
                fill_card(app, window, window.card(item.id))
    window.go_to_page("__conclusion__")
    from PySide6.QtTest import QTest

    type_text(window.findings.edit, "企业已建立进货查验记录。")
    type_text(window.statement.edit, "无异议")
    window.read_back.click()
    wait_saved(app, window)
    assert window.progress.value() == window.progress.maximum()

    window.finalize_button.click()
    assert window.issues_list.count() == 0, [window.issues_list.item(i).text() for i in range(window.issues_list.count())]
    assert window.confirm_box.isVisible()
    window.confirm_button.click()
    pump(app, lambda: window.read_only)

    row = fetch(store.read(), "inspection", inspection_id)
    assert row["state"] == "finalized"
    assert row["findings"] == "企业已建立进货查验记录。"
    assert row["party_statement"] == "无异议"
    assert row["data"]["read_back_confirmed"] is True
    assert row["score"] == 100.0
    assert checklists.verify_inspection(store.read(), inspection_id)
    answers = dict(store.read().execute("SELECT item_id, result FROM answer WHERE inspection_id = ?", [inspection_id]).fetchall())
    results = [i.id for i in template.items if i.type == "result"]
    assert all(answers[i] == RESULT_CONFORM for i in results)
    number_item = next(i for i in template.items if i.type == "number")
    value = store.read().execute("SELECT value FROM answer WHERE inspection_id = ? AND item_id = ?",
                                 [inspection_id, number_item.id]).fetchone()[0]
    assert value == "3"
    # read-only with its hash on screen, both inspectors recorded
    assert row["content_hash"] in window.hash_label.text()
    assert window.hash_label.isVisible()
    assert len(set(row["inspector_ids"])) == 2
    card = window.card(results[0])
    assert not card.editor.isEnabled()


def test_conditional_item_appears_and_is_required(workspace):
    app, store, session, inspection_id = workspace
    window = open_inspection_window(app, session, inspection_id)
    trigger, dependent = window.card("s0_i0"), window.card("s0_i9")
    assert not dependent.isVisibleTo(window.pages.currentWidget().widget())
    trigger.editor.buttons[RESULT_NONCONFORM].click()
    assert window.session.state("s0_i9").relevant
    assert dependent.isVisibleTo(window.pages.currentWidget().widget())
    assert window.session.state("s0_i9").required
    # a non-conformity asks for the facts: the note opens with the focus in it
    assert trigger.note.isVisibleTo(trigger)
    trigger.editor.buttons[RESULT_CONFORM].click()
    assert not window.session.state("s0_i9").relevant
    assert not dependent.isVisibleTo(window.pages.currentWidget().widget())
    wait_saved(app, window)
    stored = store.read().execute("SELECT result FROM answer WHERE inspection_id = ? AND item_id = 's0_i0'", [inspection_id]).fetchone()
    assert stored[0] == RESULT_CONFORM


def test_constraint_message_shown_live(workspace):
    app, store, session, inspection_id = workspace
    window = open_inspection_window(app, session, inspection_id)
    card = window.card("s0_i3")   # number, constraint ". >= 2"
    from PySide6.QtTest import QTest

    QTest.keyClicks(card.editor.edit, "1")
    assert card.issues.isVisibleTo(card) and "2" in card.issues.text()
    QTest.keyClicks(card.editor.edit, "2")   # "12"
    assert not card.issues.isVisibleTo(card)


def test_validation_lists_every_issue_and_jumps(workspace):
    app, store, session, inspection_id = workspace
    window = open_inspection_window(app, session, inspection_id)
    window.card("s0_i1").editor.buttons[RESULT_NONCONFORM].click()   # facts and photo missing
    window.request_finalize()
    issues = window.validation_issues()
    assert window.issues_list.count() == len(issues) > 5
    listed = [window.issues_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.issues_list.count())]
    assert "s0_i1" in listed and "s1_i0" in listed
    first = issues[0].item_id
    assert window.current_item == first
    # clicking an entry in another section jumps there
    row = listed.index("s1_i0")
    window.issues_list.itemClicked.emit(window.issues_list.item(row))
    assert window.current_page() == "s1"
    assert window.current_item == "s1_i0"
    assert window.card("s1_i0").invalid
    assert not window.confirm_box.isVisible()
    assert fetch(store.read(), "inspection", inspection_id)["state"] == "draft"


def test_keyboard_only_filling(workspace):
    app, store, session, inspection_id = workspace
    window = open_inspection_window(app, session, inspection_id)
    window.activateWindow()
    from PySide6.QtTest import QTest

    window.go_to_item("s0_i0")
    QTest.keyClick(window.card("s0_i0").editor.focus_target(), Qt.Key.Key_1)       # 符合 on the focused item
    assert window.session.answer("s0_i0").result == RESULT_CONFORM
    window.answer_current(RESULT_CONFORM)          # Alt+1 on the current item then moves on
    assert window.session.answer("s0_i0").result == RESULT_CONFORM
    assert window.current_item == "s0_i1"
    window.answer_current(RESULT_NA)               # Alt+3
    assert window.session.answer("s0_i1").result == RESULT_NA
    assert window.current_item == "s0_i2"
    window.next_unanswered()                       # F8 from here: s0_i2 itself is next unanswered after current → s0_i3
    assert window.current_item == "s0_i3"
    window.move(-1)                                # Ctrl+Up
    assert window.current_item == "s0_i2"
    QTest.keyClick(window.card("s0_i2").editor.focus_target(), Qt.Key.Key_2)       # 不符合 → focus goes to the note
    assert window.session.answer("s0_i2").result == RESULT_NONCONFORM
    assert app.focusWidget() is window.card("s0_i2").note.edit
    wait_saved(app, window)
    rows = dict(store.read().execute("SELECT item_id, result FROM answer WHERE inspection_id = ?", [inspection_id]).fetchall())
    assert rows == {"s0_i0": RESULT_CONFORM, "s0_i1": RESULT_NA, "s0_i2": RESULT_NONCONFORM}


def test_amendment_of_a_finalized_inspection(workspace):
    app, store, session, inspection_id = workspace
    window = open_inspection_window(app, session, inspection_id)
    for item in window.template.items:
        window.go_to_page(item.section_id)
        if window.session.state(item.id).relevant:
            fill_card(app, window, window.card(item.id))
    wait_saved(app, window)
    window.request_finalize()
    window.confirm_button.click()
    pump(app, lambda: window.read_only)
    original = fetch(store.read(), "inspection", inspection_id)
    assert window.amend_box.isVisible()
    window.amend_button.click()      # no reason yet: refused, nothing created
    assert store.read().execute("SELECT count(*) FROM inspection WHERE amends_id = ?", [inspection_id]).fetchone()[0] == 0
    opened: list = []
    session.window.inspection_opened.connect(opened.append)
    window.amend_reason.setText("检查地点笔误")
    window.amend_button.click()
    pump(app, lambda: bool(opened))
    amendment = opened[0]
    new = fetch(store.read(), "inspection", amendment.inspection_id)
    assert new["amends_id"] == inspection_id and new["state"] == "draft"
    assert new["data"]["amendment"]["amends_hash"] == original["content_hash"]
    assert not amendment.read_only
    # the correction is editable; the original stays as it was
    amendment.go_to_page("__header__")
    amendment.place.setText("")
    from PySide6.QtTest import QTest

    type_text(amendment.place, "济南市历下区经十路1号")
    wait_saved(app, amendment)
    assert fetch(store.read(), "inspection", amendment.inspection_id)["place"] == "济南市历下区经十路1号"
    assert fetch(store.read(), "inspection", inspection_id)["content_hash"] == original["content_hash"]
    assert checklists.verify_inspection(store.read(), inspection_id)


def test_evidence_seam_counts_photos_and_clears_the_issue(workspace):
    """A widget registered for the evidence seam gets (store, owner_kind, owner_id, item_id) and
    its `changed` signal makes the screen re-count the item's photos."""
    import hashlib

    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    from inspector_app.ui import seams

    class StandInEvidencePanel(QWidget):      # the evidence area's widget arrives on its own branch
        changed = Signal()

        def __init__(self, store, owner_kind, owner_id, item_id=None):
            super().__init__()
            self.store, self.owner = store, (owner_kind, owner_id, item_id)

        def add_photo(self, data: bytes) -> None:
            sha = hashlib.sha256(data).hexdigest()

            def write(txn):
                txn.db.execute("INSERT INTO blob(sha256, size, mime, kind, created_at) VALUES (?, ?, 'image/jpeg', 'photo', ?)",
                               [sha, len(data), txn.now])
                txn.insert("attachment", {"blob_sha256": sha, "owner_kind": self.owner[0], "owner_id": self.owner[1],
                                          "item_id": self.owner[2], "role": "photo"}, blobs=[sha])

            self.store.write_sync(write)
            self.changed.emit()

    app, store, session, inspection_id = workspace
    seams.register("evidence", StandInEvidencePanel)
    try:
        window = open_inspection_window(app, session, inspection_id)
        card = window.card("s0_i1")
        card.editor.buttons[RESULT_NONCONFORM].click()
        type_text(card.note.edit, "现场未见检验记录")
        assert [i.code for i in window.session.state("s0_i1").issues] == ["photo_missing"]
        card.photo_button.click()
        panel = card.evidence
        assert isinstance(panel, StandInEvidencePanel)
        assert panel.owner == ("inspection", inspection_id, "s0_i1")
        panel.add_photo(b"\xff\xd8 not really a jpeg")
        pump(app, lambda: card.photo_count == 1)
        assert window.session.state("s0_i1").issues == ()
        assert not card.issues.isVisibleTo(card)
        wait_saved(app, window)
    finally:
        seams._registry.pop("evidence", None)


def test_finalize_waits_for_queued_autosaves(workspace):
    """Typing and finalizing at once: the last keystrokes are in the finalized record, none is lost."""
    app, store, session, inspection_id = workspace
    window = open_inspection_window(app, session, inspection_id)
    for item in window.template.items:
        window.go_to_page(item.section_id)
        if window.session.state(item.id).relevant:
            fill_card(app, window, window.card(item.id))
    wait_saved(app, window)
    window.go_to_page("__conclusion__")
    text = "当事人对检查结果无异议并签字确认"
    type_text(window.findings.edit, text)          # no event processing: one write in flight, the rest queued
    assert not window.writer.idle
    window.finalize_now()
    pump(app, lambda: window.read_only)
    row = fetch(store.read(), "inspection", inspection_id)
    assert row["state"] == "finalized"
    assert row["findings"] == text
    assert checklists.verify_inspection(store.read(), inspection_id)


def test_closing_the_window_mid_save_keeps_every_keystroke(workspace):
    app, store, session, inspection_id = workspace
    window = open_inspection_window(app, session, inspection_id)
    card = window.card("s0_i0")
    card.show_note()
    text = "关闭窗口前最后输入的文字"
    type_text(card.note.edit, text)
    writer = window.writer
    assert not writer.idle
    window.close()
    pump(app, lambda: writer.idle and session.ops.writes_in_flight == 0)
    stored = store.read().execute("SELECT note FROM answer WHERE inspection_id = ? AND item_id = 's0_i0'", [inspection_id]).fetchone()
    assert stored == (text,)


def test_document_preview_of_the_inspection_record(workspace):
    """When the documents area is present, “文书预览…” opens its dialog on this inspection."""
    from inspector_app.ui import seams

    dialog_cls = seams.cls("document_dialog")
    if dialog_cls is None:
        pytest.skip("the documents area's preview dialog is not on this branch")
    app, store, session, inspection_id = workspace
    window = open_inspection_window(app, session, inspection_id)
    assert window.preview_button.isVisible()
    window.preview_button.click()
    pump(app, lambda: window.document_dialog is not None)
    dialog = window.document_dialog
    outcome: list = []
    dialog.loaded.connect(lambda: outcome.append("loaded"))
    dialog.failed.connect(outcome.append)
    pump(app, lambda: bool(outcome) or dialog.document.pageCount() > 0, 60)
    assert outcome != [] or dialog.document.pageCount() > 0
    assert "loaded" in outcome or dialog.document.pageCount() > 0, outcome
    dialog.close()
