"""Automatic sync in the background: notice when the server becomes reachable, sync, back off.

A daemon thread probes `GET /health` (cheap, no auth) and runs `engine.run_sync` when the
server answers. After a failure it waits with exponential back-off and full jitter (so a room
of laptops coming back online does not hammer the server in step); after a success it waits
the normal interval. Callbacks receive plain dicts from the worker thread; the Qt layer
re-emits them as signals on the UI thread.
"""

from __future__ import annotations

import random
import threading
from typing import Callable

from typing import TYPE_CHECKING

from inspector_app.store.db import Store
from inspector_app.sync import settings

if TYPE_CHECKING:
    from inspector_app.sync.engine import SyncReport


def backoff_delay(failures: int, initial: float, maximum: float, rng: random.Random | None = None) -> float:
    """Full-jitter exponential back-off: uniform in [0, min(max, initial·2^(failures-1))]."""
    if failures <= 0:
        return 0.0
    cap = min(maximum, initial * (2 ** (failures - 1)))
    return (rng or random).uniform(initial / 2 if cap >= initial else 0, cap)


class AutoSync:
    """Background loop; `start()`, `stop()`, `sync_now()`; state changes go to `on_event`."""

    def __init__(self, store: Store, on_event: Callable[[dict], None] | None = None, *,
                 probe_interval: float | None = None):
        self.store = store
        self.on_event = on_event or (lambda event: None)
        self.probe_interval = probe_interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0
        self.reachable: bool | None = None
        self.last_report: SyncReport | None = None

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="auto-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def sync_now(self) -> None:
        self._wake.set()

    def _emit(self, **event) -> None:
        try:
            self.on_event(event)
        except Exception:  # noqa: BLE001 - a broken listener must not stop syncing
            pass

    def _configured(self) -> bool:
        """Logged in to a server? Until then there is nothing to probe, and the HTTP stack
        (engine, requests, tus) is not even imported."""
        return bool(settings.get(self.store, "sync.server_url") and settings.get(self.store, "sync.token"))

    def _probe(self) -> bool:
        from inspector_app.sync.client import SyncClient
        from inspector_app.sync.engine import connection
        from inspector_app.sync.errors import SyncError

        try:
            client = SyncClient(connection(self.store))
        except SyncError:
            return False
        try:
            client.health()
            return True
        except SyncError:
            return False
        finally:
            client.close()

    def _loop(self) -> None:
        from inspector_app.store.db import WorkspaceError

        try:
            self._run()
        except WorkspaceError:  # the workspace closed under us (the window is closing): nothing to sync
            pass

    def _run(self) -> None:
        while not self._stop.is_set():
            forced = self._wake.is_set()
            self._wake.clear()
            enabled = bool(settings.get(self.store, "sync.auto"))
            wait = float(settings.get(self.store, "sync.interval_seconds"))
            if (enabled or forced) and self._configured():
                up = self._probe()
                if up != self.reachable:
                    self.reachable = up
                    self._emit(kind="reachable" if up else "offline")
                if up:
                    from inspector_app.sync.engine import run_sync

                    self._emit(kind="started")
                    report = run_sync(self.store, progress=lambda p: self._emit(kind="progress", **p),
                                      cancelled=self._stop.is_set)
                    self.last_report = report
                    self._emit(kind="finished", report=report.to_json())
                    if report.error and report.error.get("retryable"):
                        self.failures += 1
                    else:
                        self.failures = 0
                else:
                    self.failures += 1
                if self.failures:
                    wait = backoff_delay(self.failures, float(settings.get(self.store, "sync.backoff_initial_seconds")),
                                         float(settings.get(self.store, "sync.backoff_max_seconds")))
            if self.probe_interval is not None:
                wait = min(wait, self.probe_interval) if not self.failures else wait
            self._wake.wait(wait)
