"""Local store: one SQLite file per workspace, one serialized writer, readers on their own
connections. See `db.Store` and `txn.Txn`.

The names below are loaded on first use (PEP 562): importing a light submodule such as
`inspector_app.store.paths` must not pull in `db` and sqlite-utils, which the GUI's start-up
path does before Qt is loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspector_app.store.db import Store, WorkspaceError, open_store
    from inspector_app.store.txn import Txn

__all__ = ["Store", "Txn", "WorkspaceError", "open_store"]

_HOME = {"Store": "db", "WorkspaceError": "db", "open_store": "db", "Txn": "txn"}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
