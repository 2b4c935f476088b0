"""`python main.py --data-dir DIR --smoke-test`: the real main window, offscreen, end to end.

Steps run in order from `SMOKE_STEPS`; each is `fn(ctx) -> dict` and its dict is merged into
the JSON line printed at the end. To extend (render a PDF, import a photo …) append a step:
`SMOKE_STEPS.append(my_step)` — `ctx` has `app`, `store`, `ops`, `window` (MainWindow),
`inspection` (the InspectionWindow once opened), `wait_until(predicate, seconds)`.
Exit code 0 when every step passed; 1 otherwise (the JSON says which step failed and why).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable

from inspector_app.ui.app import since_process_start


class SmokeContext:
    """What the steps share (a plain class: `dataclasses` is not on the start-up path this times)."""

    def __init__(self, app: Any, store: Any, ops: Any, window: Any, result: dict[str, Any], first_page: Any = None):
        self.app, self.store, self.ops, self.window = app, store, ops, window
        self.result = result
        self.first_page = first_page
        self.inspection: Any = None
        self.open_error: Exception | None = None     # the workspace could not be opened after the first paint

    def wait_until(self, predicate: Callable[[], bool], seconds: float = 30.0) -> None:
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + seconds
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {seconds:.0f} s")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)


def step_main_window(ctx: SmokeContext) -> dict:
    """Main window shown with the first page of tasks; this is the start-up time."""
    shown: list[float] = []
    cpu: list[float] = []
    clock: list[float] = []
    ctx.window.ready.connect(lambda: (shown.append(since_process_start()), cpu.append(time.process_time()), clock.append(time.monotonic())))
    ctx.window.show()
    ctx.window.start(ctx.first_page)
    ctx.wait_until(lambda: bool(shown))
    ctx.wait_until(lambda: ctx.ops.store is not None or ctx.open_error is not None)   # opened right after the paint
    if ctx.open_error is not None:
        raise ctx.open_error
    ctx.store = ctx.ops.store
    # shown_at_monotonic: the system's monotonic clock then, for a parent process that noted it
    # when it started this one (start-up to the millisecond; /proc's start time is in 10 ms steps)
    return {"startup_seconds": round(shown[0], 3), "startup_cpu_seconds": round(cpu[0], 3),
            "shown_at_monotonic": clock[0], "tasks": ctx.window.tasks.model.total,
            "font": ctx.window.tasks.view.font().family()}   # the bundled font, registered on a thread meanwhile


def step_open_inspection(ctx: SmokeContext) -> dict:
    model = ctx.window.tasks.model
    rows = [model.task(r) for r in range(model.rowCount())]
    task = next((t for t in rows if t["state"] in ("assigned", "in_progress")), rows[0] if rows else None)
    if task is None:
        raise RuntimeError("the workspace has no tasks")
    opened: list[Any] = []
    ctx.window.inspection_opened.connect(opened.append)
    started = time.monotonic()
    ctx.window.open_task(task)
    ctx.wait_until(lambda: bool(opened))
    ctx.inspection = opened[0]
    return {"inspection_open_seconds": round(time.monotonic() - started, 3), "template": ctx.inspection.template.id}


def step_answer_item(ctx: SmokeContext) -> dict:
    from inspector_app.checklists import RESULT_CONFORM

    window = ctx.inspection
    candidates = [i for i in window.template.items if i.type == "result" and window.session.state(i.id).relevant]
    if not candidates:
        raise RuntimeError("the template has no result item")
    item = next((i for i in candidates if not window.session.state(i.id).answered), candidates[0])
    card = window.go_to_item(item.id)
    if card.result() != RESULT_CONFORM:
        card.editor.choose(RESULT_CONFORM)
    ctx.wait_until(lambda: window.writer.idle)
    stored = ctx.store.read().execute(
        "SELECT result FROM answer WHERE inspection_id = ? AND item_id = ?", [window.inspection_id, item.id]).fetchone()
    if not stored or stored[0] != RESULT_CONFORM:
        raise RuntimeError(f"answer to {item.id} was not stored")
    return {"answered_item": item.id}


def step_close(ctx: SmokeContext) -> dict:
    ctx.inspection.close()
    ctx.window.close()
    ctx.wait_until(lambda: ctx.ops.writes_in_flight == 0)
    return {"window_icon": not ctx.app.windowIcon().isNull()}   # set after the first paint (launcher)


SMOKE_STEPS: list[Callable[[SmokeContext], dict]] = [step_main_window, step_open_inspection, step_answer_item, step_close]


def run_smoke_test(early: Any) -> int:
    """`early`: `ui.app.begin`, called before Qt loaded, as for a normal start."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args, root = early.args, early.root
    from inspector_app.ui.app import Session, create_application, ensure_demo, wait_for_font
    from inspector_app.ui.i18n import LanguageManager

    result: dict[str, Any] = {"ok": False}
    app = create_application(sys.argv[:1])
    languages = LanguageManager(app)
    languages.apply(args.lang or "zh_CN")
    wait_for_font(app)
    quick = early.quick_start(root)
    store = None
    if quick is None:      # else opened after the first paint, as `run` does
        from inspector_app.store import open_store

        store = open_store(root)
        demo_started = time.monotonic()
        if ensure_demo(store):
            result["demo_build_seconds"] = round(time.monotonic() - demo_started, 3)
    root = store.paths.root if store is not None else root.expanduser().resolve()
    session = Session(app, store, languages, workspace_label=str(root), root=root)
    ctx = SmokeContext(app=app, store=store, ops=session.ops, window=session.window, result=result,
                       first_page=quick.page if quick is not None else None)
    if store is None:
        session.open_when_shown(root, lambda _store: result.update(workspace_open_seconds=round(since_process_start(), 3)),
                                lambda exc: setattr(ctx, "open_error", exc))
    step_name = ""
    try:
        for step in SMOKE_STEPS:
            step_name = step.__name__
            result.update(step(ctx) or {})
        result["ok"] = True
    except Exception as exc:  # noqa: BLE001 - reported as JSON and exit code
        result["failed_step"] = step_name
        result["error"] = f"{type(exc).__name__}: {exc}"
        import traceback

        traceback.print_exc(file=sys.stderr)
    finally:
        session.ops.shutdown()
        if session.store is not None:
            session.store.close()
    import json

    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1
