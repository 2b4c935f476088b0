"""The sample screens' view of the shared background helper (`ui/ops.Ops`, `CoalescingWriter`).

The widgets call `worker.query(fn(db), ok, err)` and `worker.write(fn(txn), ok, err)`; both run
through `Ops` (pool thread for reads, the store's writer for writes, results on the main thread).
`Autosaver` adds the debounce the forms need on top of `CoalescingWriter` (one write in flight,
the newest state queued). What is left here is only that adaptation, no thread machinery.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from inspector_app.ui.ops import CoalescingWriter, Ops

log = logging.getLogger(__name__)


class Worker(QObject):
    """Reads (`fn(db)`) and writes (`fn(txn)`) through `Ops`; `in_flight` counts both (tests wait on it)."""

    error = Signal(object)
    busy_changed = Signal(int)

    def __init__(self, store: Any, parent: QObject | None = None, ops: Ops | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = ops or Ops(store, self, max_threads=2)
        self.in_flight = 0

    def _wrap(self, ok: Callable[[Any], None] | None, err: Callable[[BaseException], None] | None):
        self.in_flight += 1
        self.busy_changed.emit(self.in_flight)

        def done() -> None:
            self.in_flight -= 1
            self.busy_changed.emit(self.in_flight)

        def success(result: Any) -> None:
            done()
            if ok is not None:
                ok(result)

        def failure(exc: BaseException) -> None:
            done()
            log.warning("sample screen operation failed: %s", exc)
            (err or self.error.emit)(exc)

        return success, failure

    def query(self, fn: Callable[[Any], Any], ok: Callable[[Any], None] | None = None,
              err: Callable[[BaseException], None] | None = None) -> None:
        success, failure = self._wrap(ok, err)
        store = self.store
        self.ops.query(lambda _ctx: fn(store.read()), on_success=success, on_failure=failure)

    def write(self, fn: Callable[..., Any], ok: Callable[[Any], None] | None = None,
              err: Callable[[BaseException], None] | None = None) -> None:
        success, failure = self._wrap(ok, err)
        self.ops.write(fn, on_success=success, on_failure=failure)

    def write_with_photos(self, paths: list[str], fn: Callable[..., Any], ok: Callable[[Any], None] | None = None,
                          err: Callable[[BaseException], None] | None = None) -> None:
        """Decode and install the photos at `paths` on a pool thread (`evidence.importer.prepare_file`),
        then write `fn(txn, prepared)` on the writer: a 12-MP JPEG never holds up the one writer
        (and every autosave queued behind it). A bad photo fails the whole request, writing nothing."""
        from inspector_app.evidence.importer import prepare_file

        store = self.store
        if not paths:
            self.write(lambda txn: fn(txn, []), ok, err)
            return
        self.query(lambda _db: [prepare_file(store, path) for path in paths],
                   lambda prepared: self.write(lambda txn: fn(txn, prepared), ok, err), err)

    def wait_idle(self, qtbot: Any = None, timeout_ms: int = 10000) -> None:
        """For tests and shutdown: wait until every operation reported back."""
        if qtbot is not None:
            qtbot.waitUntil(lambda: self.in_flight == 0, timeout=timeout_ms)


class Autosaver(QObject):
    """Debounced autosave over `CoalescingWriter`: the newest form state is written shortly after
    the last edit, one write in flight at a time; nothing typed is lost."""

    saved = Signal(object)
    failed = Signal(object)

    def __init__(self, worker: Worker, delay_ms: int = 300, parent: QObject | None = None):
        super().__init__(parent)
        self.worker = worker
        self.writer = CoalescingWriter(worker.ops)
        self._key = object()  # this form's own slot in the writer
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._fire)
        self._pending: Callable[..., Any] | None = None
        self.writer.saved.connect(self._saved)
        self.writer.failed.connect(self._failed)

    def submit(self, fn: Callable[..., Any]) -> None:
        self._pending = fn
        self.timer.start()

    @property
    def idle(self) -> bool:
        return self._pending is None and self.writer.idle

    def when_idle(self, fn: Callable[[], Any]) -> None:
        """Run `fn` on the UI thread once every queued save has landed (the writer keeps order),
        so a finalize never overtakes the last keystrokes."""
        if self.idle:
            fn()
            return
        self.flush()
        QTimer.singleShot(50, lambda: self.when_idle(fn))

    def flush(self) -> None:
        self.timer.stop()
        self._fire()

    def _fire(self) -> None:
        if self._pending is None:
            return
        fn, self._pending = self._pending, None
        self.writer.submit(self._key, fn)

    def _saved(self, key: Any, result: Any) -> None:
        if key is self._key:
            try:
                self.saved.emit(result)
            except RuntimeError:  # the form closed while its last save was in flight; the save itself landed
                log.debug("autosave finished after its form was closed")

    def _failed(self, key: Any, exc: BaseException) -> None:
        if key is self._key:
            try:
                self.failed.emit(exc)
            except RuntimeError:
                log.warning("autosave failed after its form was closed: %s", exc)
