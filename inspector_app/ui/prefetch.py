"""Start-up overlap: open the workspace and read the first page of tasks on a plain thread
while the main thread imports Qt and builds the window.

No Qt here (it runs before PySide6 is imported). SQLite releases the GIL while it works, so
the query really runs in parallel with the widget construction.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

# Imported here, on the main thread and before PySide6 (the caller starts us first): in the
# thread they would fight the Qt import for the GIL, and after PySide6 every import pays for
# its import hook (which reads each module's source).
from inspector_app.store import open_store
from inspector_app.ui.queries import TaskFilter, count_tasks, task_page


class StartupPrefetch:
    def __init__(self, root: Path, page_size: int = 200):
        self.root = Path(root)
        self.page_size = page_size
        self.store: Any = None
        self.page: tuple[int, list[dict[str, Any]]] | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="startup-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.store = open_store(self.root)
            db = self.store.read()
            flt = TaskFilter()
            self.page = (count_tasks(db, flt), task_page(db, flt, 0, self.page_size))
        except BaseException as exc:  # noqa: BLE001 - re-raised on the main thread by result()
            self.error = exc

    def result(self) -> tuple[Any, tuple[int, list[dict[str, Any]]] | None]:
        """(store, first page) — raises what the thread raised (e.g. WorkspaceError)."""
        self._thread.join()
        if self.error is not None:
            raise self.error
        return self.store, self.page
