"""Client side of the sync protocol (docs/SYNC_PROTOCOL.md): push the outbox, upload blobs
resumably, confirm completeness, pull the change feed, keep conflicts, top up number blocks.

Entry points: `engine.login`, `engine.run_sync`, `engine.status`, `conflicts.resolve_conflict`,
`auto.AutoSync`. Nothing here imports Qt.
"""

from inspector_app.sync.conflicts import list_conflicts, resolve_conflict
from inspector_app.sync.engine import SyncReport, login, run_sync, status
from inspector_app.sync.errors import SyncError

__all__ = ["SyncError", "SyncReport", "list_conflicts", "login", "resolve_conflict", "run_sync", "status"]
