"""Helpers shared by the GUI tests and bench/bench_startup.py (no tests here).

`synthetic_template` writes a checklist template of any size with every answer type and
conditional items, so tests and benchmarks do not depend on the shipped forms' contents.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable


def synthetic_template(folder: Path, sections: int = 10, per_section: int = 20, template_id: str = "ui_synthetic") -> Path:
    """A template of `sections × per_section` items: results, numbers, text, dates, choices, and
    an item shown only when the section's first result is 不符合."""
    out = []
    for s in range(sections):
        items: list[dict[str, Any]] = []
        for i in range(per_section):
            iid = f"s{s}_i{i}"
            kind = i % 10
            base = {"id": iid, "label": {"zh_CN": f"第{s + 1}部分 检查项目 {i + 1}", "en": f"Section {s + 1} item {i + 1}"},
                    "basis": {"zh_CN": "《中华人民共和国产品质量法》第十五条", "en": "Product Quality Law, art. 15"}}
            if kind == 3:
                base.update(type="number", unit="人", required=True, constraint=". >= 2",
                            constraint_message={"zh_CN": "不得少于2人。", "en": "At least 2."})
            elif kind == 5:
                base.update(type="text", required=False)
            elif kind == 6:
                base.update(type="date", required=False)
            elif kind == 7:
                base.update(type="single", required=True, options=[
                    {"value": "a", "label": {"zh_CN": "甲", "en": "A"}}, {"value": "b", "label": {"zh_CN": "乙", "en": "B"}}])
            elif kind == 8:
                base.update(type="multiple", required=False, options=[
                    {"value": "x", "label": {"zh_CN": "选项一", "en": "Option 1"}}, {"value": "y", "label": {"zh_CN": "选项二", "en": "Option 2"}}])
            elif kind == 9:
                base.update(type="text", required=True, relevant=f"${{s{s}_i0}} = '不符合'",
                            label={"zh_CN": f"第{s + 1}部分 不符合时说明整改要求", "en": f"Section {s + 1}: remedy when non-conforming"})
            else:
                base.update(type="result", weight=1)
            items.append(base)
        out.append({"id": f"s{s}", "title": {"zh_CN": f"第{s + 1}部分", "en": f"Part {s + 1}"}, "items": items})
    doc = {"format": 1, "id": template_id, "version": "1.0", "title": {"zh_CN": "综合测试检查表", "en": "Synthetic checklist"},
           "task_types": ["routine"], "sections": out}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{template_id}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def add_reference(store: Any, enterprises: int = 5, tasks: int = 5, seed: int = 7) -> list[str]:
    """Small deterministic reference data (inspector pair, enterprises, tasks) via the demo generator."""
    from inspector_app.demo import build_demo

    build_demo(store, seed=seed, enterprises=enterprises, tasks=tasks)
    return [r[0] for r in store.read().execute("SELECT id FROM task ORDER BY number").fetchall()]


def start_with_template(store: Any, task_id: str, template_path: Path) -> str:
    """A draft inspection of `task_id` pinned to the template at `template_path`."""
    from inspector_app.checklists import load_file, start_inspection

    template = load_file(template_path)
    me, partner = store.setting("inspector.id"), store.setting("inspector.partner_id")
    ids = [i for i in (me, partner) if i]
    return store.write_sync(lambda txn: start_inspection(txn, task_id, template=template, inspector_ids=ids))


def pump(app: Any, until: Callable[[], bool], seconds: float = 20.0) -> None:
    """Process Qt events until `until()` (raise after `seconds`)."""
    deadline = time.monotonic() + seconds
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        app.processEvents()
        time.sleep(0.002)


def open_main_window(app: Any, store: Any, languages: Any = None) -> Any:
    """The real main window on `store`, shown, with its first page of tasks loaded."""
    from inspector_app.ui.app import Session

    session = Session(app, store, languages)
    session.window.show()
    session.window.start()
    pump(app, lambda: session.window._ready_sent)
    return session


def open_inspection_window(app: Any, session: Any, inspection_id: str) -> Any:
    opened: list = []
    session.window.open_inspection(inspection_id, on_open=opened.append)
    pump(app, lambda: bool(opened))
    return opened[0]


def wait_saved(app: Any, window: Any) -> None:
    """Until every autosave of an inspection window has committed."""
    pump(app, lambda: window.writer.idle and window.ops.writes_in_flight == 0)


def type_text(widget: Any, text: str) -> None:
    """Type any text (Chinese too) as key events carrying the characters, one per keystroke.

    QTest.keyClicks only handles ASCII; an input method commits CJK text as events with text.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
