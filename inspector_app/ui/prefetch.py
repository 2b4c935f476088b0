"""Start-up in two steps around the first paint.

1. Now, on a plain thread, while the main thread imports Qt and builds the window: the first
   page of tasks and the few settings the window shows, read straight from the workspace file
   over a read-only connection. Only when the file is this build's schema and writable —
   otherwise `result()` is None and the caller opens the workspace the normal way (migration,
   messages about a newer or damaged file, …) before showing anything.
2. After the first paint, the caller opens the workspace for real (`store.open_store`: the
   writer, identity, the checks) and hands it to the window (`Session.attach`).

Why not open the store here: its Python work (imports, checks) would share the GIL with the Qt
import and the window and delay the first paint by about as much. Only `sqlite3` and the task
queries run here, and SQLite releases the GIL while it reads. No Qt here either.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from inspector_app.store.migrations import schema_current
from inspector_app.ui.queries import TaskFilter, count_tasks, task_page

SHOWN_SETTINGS = ("language", "inspector.name")


class QuickStart:
    """What the window needs for its first paint, read before the workspace opens."""

    def __init__(self, page: tuple[int, list[dict[str, Any]]], settings: dict[str, Any]):
        self.page = page
        self.settings = settings


class StartupPrefetch:
    def __init__(self, db_path: Path, page_size: int = 200):
        self.db_path = Path(db_path)
        self.page_size = page_size
        self._result: QuickStart | None = None
        self._thread = threading.Thread(target=self._run, name="startup-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if not (os.access(self.db_path, os.W_OK) and os.access(self.db_path.parent, os.W_OK)):
            return                           # the normal open explains what is wrong
        try:
            conn = sqlite3.connect(f"file:{quote(str(self.db_path))}?mode=ro", uri=True, timeout=10)
            try:
                if not schema_current(conn):
                    return                   # an older (to migrate) or newer (refused) workspace
                marks = ", ".join("?" for _ in SHOWN_SETTINGS)
                # values are JSON; SQLite decodes them (these are strings), sparing start-up `json`
                rows = conn.execute(f"SELECT key, json_extract(value, '$') FROM setting WHERE key IN ({marks})",
                                    SHOWN_SETTINGS).fetchall()
                flt = TaskFilter(today=date.today().isoformat())   # as the task model's
                page = (count_tasks(conn, flt), task_page(conn, flt, 0, self.page_size))
            finally:
                conn.close()
            self._result = QuickStart(page, dict(rows))
        except sqlite3.Error:               # malformed JSON included
            self._result = None              # damaged or locked: the normal open reports it

    def result(self) -> QuickStart | None:
        """The first page and settings, or None when the workspace must be opened first."""
        self._thread.join()
        return self._result
