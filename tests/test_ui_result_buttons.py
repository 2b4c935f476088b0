"""Answering an item restyles its result buttons without changing their size, so the card
and the page under it are not laid out again (the autosave stall budget)."""

import sys

from PySide6.QtGui import QPalette

from inspector_app.checklists import RESULT_CONFORM, RESULT_NA, RESULT_NONCONFORM
from inspector_app.ui import style
from inspector_app.ui.app import create_application
from inspector_app.ui.inspection.editors import RESULT_BUTTON_MIN_WIDTH, ResultEditor


def test_result_buttons_keep_their_size_and_show_the_choice(qapp):
    app = create_application()
    assert sys.getswitchinterval() <= 0.001          # the UI thread gets the GIL back quickly
    editor = ResultEditor()
    editor.show()
    app.processEvents()
    sizes = {r: b.size() for r, b in editor.buttons.items()}
    assert all(s.width() >= RESULT_BUTTON_MIN_WIDTH for s in sizes.values())
    emitted = []
    editor.edited.connect(lambda field, value: emitted.append((field, value)))

    editor.choose(RESULT_NONCONFORM)
    app.processEvents()
    chosen = editor.buttons[RESULT_NONCONFORM]
    assert chosen.isChecked() and chosen.font().bold()
    assert chosen.palette().color(QPalette.ColorRole.ButtonText).name() == style.BAD[0]
    assert not editor.buttons[RESULT_CONFORM].font().bold()
    assert {r: b.size() for r, b in editor.buttons.items()} == sizes
    # the bold text fits the fixed width
    assert chosen.fontMetrics().horizontalAdvance(chosen.text()) < chosen.width()

    editor.choose(RESULT_CONFORM)
    editor.choose(RESULT_CONFORM)                     # the same again clears it
    app.processEvents()
    assert emitted == [("result", RESULT_NONCONFORM), ("result", RESULT_CONFORM), ("result", None)]
    assert not any(b.isChecked() or b.font().bold() for b in editor.buttons.values())
    assert {r: b.size() for r, b in editor.buttons.items()} == sizes
    assert editor.buttons[RESULT_NA].isVisibleTo(editor)
    editor.close()
