"""Run a plain function off the UI thread and get its result back on the UI thread.

A small stand-in for the application's shared background-operation helper: the function gets
plain data, its result or exception arrives through a queued signal, and the caller keeps no
thread handle (two shared worker threads). Calls in flight are kept alive by a module-level set.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

_alive: set["BackgroundCall"] = set()
# Few long-lived threads: each keeps one read connection to the store (Store.read is per thread).
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ui-background")


class BackgroundCall(QObject):
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        if on_done:
            self.done.connect(on_done)
        if on_error:
            self.failed.connect(on_error)
        self.done.connect(lambda _r: _alive.discard(self))
        self.failed.connect(lambda _e: _alive.discard(self))

    def start(self) -> "BackgroundCall":
        _alive.add(self)
        _pool.submit(self._run)
        return self

    def _run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the UI to show
            self.failed.emit(exc)
            return
        self.done.emit(result)


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None) -> BackgroundCall:
    return BackgroundCall(fn, on_done, on_error).start()
