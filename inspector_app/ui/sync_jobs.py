"""Running sync work off the UI thread.

`SyncJob(fn, *args)` runs `fn(*args, progress=..., cancelled=...)` on the global QThreadPool;
`fn` may be named as "module:function", so that a heavy module (the sync engine and its HTTP
stack) is imported on the worker, never on the UI thread. `fn` receives plain data (the store, strings, a cancel check) and never a widget. Its result,
error and progress come back through the job's `signals` on the main thread (queued). A
`SyncEventBridge` does the same for `AutoSync` events coming from its own thread.
"""

from __future__ import annotations

import threading
from importlib import import_module
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


def resolve(fn: Callable[..., Any] | str) -> Callable[..., Any]:
    """The callable itself, or the one named "package.module:function" (imported here)."""
    if callable(fn):
        return fn
    module, _, name = fn.partition(":")
    return getattr(import_module(module), name)


class JobSignals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)      # the exception (SyncError has a translated message)
    progressed = Signal(dict)
    finished = Signal()


class SyncJob(QRunnable):
    """A cancellable background call; keep a reference to `signals` while it runs."""

    def __init__(self, fn: Callable[..., Any] | str, *args: Any, with_progress: bool = True, **kwargs: Any):
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps the job (and its signals) alive
        self.signals = JobSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._with_progress = with_progress
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> "SyncJob":
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def run(self) -> None:
        kwargs = dict(self._kwargs)
        if self._with_progress:
            kwargs["progress"] = lambda info: self._emit("progressed", info)
            kwargs["cancelled"] = self._cancel.is_set
        try:
            result = resolve(self._fn)(*self._args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failure is shown to the user in words
            self._emit("failed", exc)
        else:
            self._emit("succeeded", result)
        finally:
            self._emit("finished")

    def _emit(self, name: str, *args: Any) -> None:
        try:
            getattr(self.signals, name).emit(*args)
        except RuntimeError:   # its owner closed while this ran (its signals object is deleted): no one to tell
            pass


class SyncEventBridge(QObject):
    """Re-emits `AutoSync` events (worker thread) as a Qt signal on the main thread."""

    event = Signal(dict)

    def __call__(self, event: dict) -> None:
        self.event.emit(event)
