"""Background work for the sample screens: reads on a worker thread, writes through `store.write`.

A small, self-contained bridge so the sample widgets need nothing but a `Store`. When the
shared `ui/ops.Ops` helper lands on main the lead may swap `Worker` for it: the widgets only
call `worker.query(fn, ok, err)` and `worker.write(fn, ok, err)`. Results always arrive on the
main thread; the UI thread never waits on a Future.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Any], Any], store: Any, relay: _Relay):
        super().__init__()
        self.fn, self.store, self.relay = fn, store, relay

    def run(self) -> None:
        try:
            result = self.fn(self.store.read())
        except BaseException as exc:  # noqa: BLE001 - reported on the main thread
            self.relay.done.emit(None, exc)
        else:
            self.relay.done.emit(result, None)


class Worker(QObject):
    """Runs reads (`fn(db)`) on a pool thread and writes (`fn(txn)`) on the store's writer."""

    error = Signal(object)
    busy_changed = Signal(int)

    def __init__(self, store: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._relays: set[_Relay] = set()
        self.in_flight = 0

    def _relay(self, ok: Callable[[Any], None] | None, err: Callable[[BaseException], None] | None) -> _Relay:
        relay = _Relay()
        self._relays.add(relay)
        self.in_flight += 1
        self.busy_changed.emit(self.in_flight)

        def finish(result: Any, exc: BaseException | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            self.in_flight -= 1
            self.busy_changed.emit(self.in_flight)
            if exc is not None:
                log.warning("sample screen operation failed: %s", exc)
                (err or self.error.emit)(exc)
            elif ok is not None:
                ok(result)

        relay.done.connect(finish)
        return relay

    def query(self, fn: Callable[[Any], Any], ok: Callable[[Any], None] | None = None,
              err: Callable[[BaseException], None] | None = None) -> None:
        self.pool.start(_Job(fn, self.store, self._relay(ok, err)))

    def write(self, fn: Callable[..., Any], ok: Callable[[Any], None] | None = None,
              err: Callable[[BaseException], None] | None = None) -> None:
        relay = self._relay(ok, err)
        try:
            future: Future = self.store.write(fn)
        except BaseException as exc:  # noqa: BLE001 - store closed
            relay.done.emit(None, exc)
            return
        future.add_done_callback(lambda f: relay.done.emit(None if f.exception() else f.result(), f.exception()))

    def wait_idle(self, qtbot: Any = None, timeout_ms: int = 10000) -> None:
        """For tests and shutdown: wait until every operation reported back."""
        if qtbot is not None:
            qtbot.waitUntil(lambda: self.in_flight == 0, timeout=timeout_ms)


class Autosaver(QObject):
    """Debounced autosave: the newest form state is written shortly after the last edit, one
    write in flight at a time; nothing typed is lost (the latest state always follows)."""

    saved = Signal(object)
    failed = Signal(object)

    def __init__(self, worker: Worker, delay_ms: int = 300, parent: QObject | None = None):
        super().__init__(parent)
        self.worker = worker
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._fire)
        self._pending: Callable[..., Any] | None = None
        self._in_flight = False

    def submit(self, fn: Callable[..., Any]) -> None:
        self._pending = fn
        self.timer.start()

    @property
    def idle(self) -> bool:
        return self._pending is None and not self._in_flight

    def flush(self) -> None:
        self.timer.stop()
        self._fire()

    def _fire(self) -> None:
        if self._pending is None or self._in_flight:
            return
        fn, self._pending = self._pending, None
        self._in_flight = True
        self.worker.write(fn, self._ok, self._bad)

    def _ok(self, result: Any) -> None:
        self._in_flight = False
        try:
            self.saved.emit(result)
            if self._pending is not None:
                self._fire()
        except RuntimeError:  # the form closed while its last save was in flight; the save itself landed
            log.debug("autosave finished after its form was closed")

    def _bad(self, exc: BaseException) -> None:
        self._in_flight = False
        try:
            self.failed.emit(exc)
            if self._pending is not None:
                self._fire()
        except RuntimeError:
            log.warning("autosave failed after its form was closed: %s", exc)
