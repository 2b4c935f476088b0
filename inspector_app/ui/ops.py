"""Background operations: the one way the UI runs work off its thread (Anki's CollectionOp/QueryOp idea).

- `Ops.query(fn, ...)` runs `fn(ctx)` on a QThreadPool worker. `fn` gets plain data and an
  `OpContext` (report progress, check cancellation) — never widgets. Its result or error comes
  back through `on_success` / `on_failure` on the main thread.
- `Ops.write(fn, ...)` hands `fn(txn, ...)` to `store.write` (the single writer thread) and
  bridges the returned `concurrent.futures.Future` to a Qt signal; the UI thread never calls
  `.result()`.
- `CoalescingWriter` is the autosave path: one write per key in flight, the newest value
  queued behind it, so fast typing costs few transactions and loses at most the change in flight.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)


class OpCancelled(Exception):
    """Raised inside a worker function when the user cancelled the operation."""


class OpContext:
    """What a worker function may touch: progress reporting and the cancel flag."""

    def __init__(self, relay: "_Relay"):
        self._relay = relay
        self._cancel = threading.Event()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self._relay.progressed.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise OpCancelled()


class _Relay(QObject):
    """Lives on the main thread; signals emitted from workers arrive queued on it."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class OpHandle:
    """A running operation: cancel it, ask whether it finished."""

    def __init__(self, relay: _Relay, ctx: OpContext | None):
        self.relay = relay
        self._ctx = ctx
        self.finished = False

    def cancel(self) -> None:
        if self._ctx is not None:
            self._ctx._cancel.set()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[OpContext], Any], ctx: OpContext, relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._ctx, self._relay = fn, ctx, relay

    def run(self) -> None:
        try:
            result = self._fn(self._ctx)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported to the main thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class Ops(QObject):
    """The background-operation helper of one open workspace."""

    error = Signal(object)            # an operation failed and had no on_failure of its own
    writes_changed = Signal(int)      # number of writes in flight (status bar "saving…")
    written = Signal()                # a write committed (refresh counters)

    def __init__(self, store: Any, parent: QObject | None = None, max_threads: int = 3):
        """`store` may be None while the workspace is still opening (start-up opens it right
        after the first paint); operations asked for until `attach` start then, in order."""
        super().__init__(parent)
        self.store = store
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._live: set[OpHandle] = set()
        self._writes_in_flight = 0
        self._waiting: list[Callable[[], None]] = []
        self.closed = False

    def attach(self, store: Any) -> None:
        """The workspace is open: start what was asked for meanwhile."""
        self.store = store
        waiting, self._waiting = self._waiting, []
        for start in waiting:
            start()

    def _when_open(self, start: Callable[[], None]) -> None:
        if self.store is None:
            self._waiting.append(start)
        else:
            start()

    # -- queries -----------------------------------------------------------------------------
    def query(
        self,
        fn: Callable[[OpContext], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> OpHandle:
        """Run `fn(ctx)` on a worker thread; callbacks run on the main thread."""
        relay = _Relay(self)
        ctx = OpContext(relay)
        handle = OpHandle(relay, ctx)
        self._wire(handle, on_success, on_failure)
        if on_progress is not None:
            relay.progressed.connect(on_progress)
        self._when_open(lambda: self.pool.start(_Runnable(fn, ctx, relay)))
        return handle

    # -- writes ------------------------------------------------------------------------------
    def write(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> OpHandle:
        """`store.write(fn, *args, **kwargs)`, its outcome delivered as a Qt signal."""
        relay = _Relay(self)
        handle = OpHandle(relay, None)
        self._wire(handle, on_success, on_failure, is_write=True)
        self._writes_in_flight += 1
        self.writes_changed.emit(self._writes_in_flight)

        def bridge(fut: Future) -> None:  # runs on the writer thread
            exc = fut.exception()
            if exc is not None:
                relay.failed.emit(exc)
            else:
                relay.succeeded.emit(fut.result())

        def start() -> None:
            try:
                future: Future = self.store.write(fn, *args, **kwargs)
            except BaseException as exc:  # store closed
                relay.failed.emit(exc)
                return
            future.add_done_callback(bridge)

        self._when_open(start)
        return handle

    @property
    def writes_in_flight(self) -> int:
        return self._writes_in_flight

    def _wire(self, handle: OpHandle, on_success, on_failure, is_write: bool = False) -> None:
        self._live.add(handle)
        relay = handle.relay

        def finish() -> None:
            handle.finished = True
            self._live.discard(handle)
            relay.deleteLater()
            if is_write:
                self._writes_in_flight -= 1
                self.writes_changed.emit(self._writes_in_flight)

        def ok(result: Any) -> None:
            finish()
            if self.closed:
                return
            if is_write:
                self.written.emit()
            if on_success is not None:
                on_success(result)

        def bad(exc: BaseException) -> None:
            finish()
            if self.closed or isinstance(exc, OpCancelled):
                return
            log.error("background operation failed: %s\n%s", exc, getattr(exc, "__traceback_text__", ""))
            if on_failure is not None:
                on_failure(exc)
            else:
                self.error.emit(exc)

        relay.succeeded.connect(ok)
        relay.failed.connect(bad)

    def shutdown(self) -> None:
        """Before the store closes: finish running work, then ignore late results."""
        from PySide6.QtCore import QCoreApplication

        self.pool.waitForDone(30000)
        if self.store is None:      # closed before the workspace finished opening: nothing was written
            self._waiting.clear()
            self.closed = True
            return
        for _ in range(20):   # autosaves queued behind a write in flight are submitted when it commits
            if not self._writes_in_flight:
                break
            try:
                self.store.write_sync(lambda txn: None)   # the writer is FIFO: everything before has committed
            except Exception:  # noqa: BLE001 - store already closed; nothing left to wait for
                break
            QCoreApplication.processEvents()
        QCoreApplication.processEvents()
        self.closed = True

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Wait for the worker pool (used on shutdown and by tests, never during normal UI work)."""
        return self.pool.waitForDone(msecs)


class CoalescingWriter(QObject):
    """Autosave: `submit(key, fn, *args)`; per key one write in flight and the newest one queued.

    Writes of different keys go straight to the store's FIFO writer, so their order is kept.
    """

    saved = Signal(object, object)      # key, result
    failed = Signal(object, object)     # key, exception
    idle_changed = Signal(bool)

    def __init__(self, ops: Ops, parent: QObject | None = None):
        # Owned by `ops` (not by a window): a window closed mid-save must not drop queued values.
        super().__init__(parent if parent is not None else ops)
        self.ops = ops
        self._in_flight: set[Any] = set()
        self._queued: dict[Any, tuple] = {}
        self._when_idle: list[Callable[[], None]] = []

    def submit(self, key: Any, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        if key in self._in_flight:
            self._queued[key] = (fn, args, kwargs)
            return
        self._start(key, fn, args, kwargs)

    def _start(self, key: Any, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        was_idle = self.idle
        self._in_flight.add(key)
        if was_idle:
            self.idle_changed.emit(False)
        self.ops.write(
            fn, *args, **kwargs,
            on_success=lambda result, k=key: self._done(k, result, None),
            on_failure=lambda exc, k=key: self._done(k, None, exc),
        )

    def _done(self, key: Any, result: Any, exc: BaseException | None) -> None:
        self._in_flight.discard(key)
        if exc is not None:
            self.failed.emit(key, exc)
        else:
            self.saved.emit(key, result)
        queued = self._queued.pop(key, None)
        if queued is not None:
            self._start(key, *queued)
        elif self.idle:
            self.idle_changed.emit(True)
            callbacks, self._when_idle = self._when_idle, []
            for callback in callbacks:
                callback()

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Run `callback` once every queued autosave has been handed to the store (now if idle).

        Finalizing goes through here: the store's writer is FIFO, so a write submitted after
        this point commits after every autosave."""
        if self.idle:
            callback()
        else:
            self._when_idle.append(callback)

    @property
    def idle(self) -> bool:
        return not self._in_flight and not self._queued
