"""Local store: one SQLite file per workspace, one serialized writer, readers on their own
connections. See `db.Store` and `txn.Txn`."""

from inspector_app.store.db import Store, WorkspaceError, open_store
from inspector_app.store.txn import Txn

__all__ = ["Store", "Txn", "WorkspaceError", "open_store"]
