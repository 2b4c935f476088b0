"""Photo import in the background: a worker thread runs the headless importer, results come
back to the main thread as queued signals. The worker gets plain data (paths, owner), never
widgets; cancel stops before the next file.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from inspector_app.evidence.importer import ImportResult, Owner
from inspector_app.evidence.service import EvidenceService


class PhotoImportJob(QObject):
    """`PhotoImportJob(service, paths, owner=None, caption="", stamp=None)`; call `start()`.

    Signals (delivered on the thread that owns the job, normally the UI thread):
    `progress(done, total, result_json)` per file and `finished(results_json)` once.
    """

    progress = Signal(int, int, dict)
    finished = Signal(list)

    def __init__(self, service: EvidenceService, paths: list[str], owner: Owner | None = None, caption: str = "",
                 stamp: dict[str, str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._service = service
        self._paths = [str(p) for p in paths]
        self._owner = owner
        self._caption = caption
        self._stamp = stamp
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.results: list[dict[str, Any]] = []

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="photo-import-job", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.is_running()

    def _run(self) -> None:
        def on_result(done: int, total: int, result: ImportResult) -> None:
            self.progress.emit(done, total, result.as_json())

        try:
            results = self._service.import_files(self._paths, owner=self._owner, caption=self._caption, stamp=self._stamp,
                                                 on_result=on_result, cancel=self._cancel)
            out = [r.as_json() for r in results]
        except Exception as exc:  # noqa: BLE001 - reported to the user, never lost silently
            out = [{"path": p, "ok": False, "error": str(exc), "code": "internal"} for p in self._paths]
        self.results = out
        self.finished.emit(out)
