"""sqlite-utils without its import cost on the start-up path.

Importing sqlite-utils takes ~0.1 s of CPU (it pulls in click, pluggy and dateutil), a large
share of the GUI's start-up. Opening an up-to-date workspace and running read queries only
needs plain `sqlite3`, so these stand-ins load sqlite-utils the first time something beyond
that is used, and then hand every call to the real objects — behaviour is unchanged.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Callable, Sequence


class LazyMigrations:
    """Registers migrations like `sqlite_utils.Migrations` (same decorator) and builds the real
    `Migrations` on first use; `names()` lists them without importing sqlite-utils."""

    migrations_table = "_sqlite_migrations"   # as sqlite_utils.Migrations (a test checks)

    def __init__(self, name: str):
        self.name = name
        self._registered: list[tuple[str, Callable[..., Any], bool]] = []
        self._real: Any = None

    def __call__(self, *, name: str | None = None, transactional: bool = True) -> Callable:
        def inner(func: Callable[..., Any]) -> Callable[..., Any]:
            migration_name = name or func.__name__
            if migration_name in self.names():
                raise ValueError(f"Migration '{migration_name}' is already registered in set '{self.name}'")
            self._registered.append((migration_name, func, transactional))
            if self._real is not None:
                self._real(name=migration_name, transactional=transactional)(func)
            return func

        return inner

    def names(self) -> list[str]:
        return [registered[0] for registered in self._registered]

    def real(self) -> Any:
        if self._real is None:
            from sqlite_utils import Migrations

            real = Migrations(self.name)
            for migration_name, func, transactional in self._registered:
                real(name=migration_name, transactional=transactional)(func)
            self._real = real
        return self._real

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") or attr in ("_registered", "_real"):
            raise AttributeError(attr)
        return getattr(self.real(), attr)


class LazyDatabase:
    """A connection that behaves as `sqlite_utils.Database(conn, execute_plugins=False)`.

    `execute()` of a statement that opens no transaction (every read) goes straight to
    sqlite3, exactly as sqlite-utils would run it; anything else — other methods, `db[table]`,
    a statement that opens a transaction — goes to the real `Database`, created on first need."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._db: Any = None
        conn.execute("PRAGMA recursive_triggers=on;")   # what Database(conn) sets

    def real(self) -> Any:
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None) -> sqlite3.Cursor:
        if self._db is not None or self.conn.in_transaction:
            return self.real().execute(sql, parameters)
        try:
            cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except Exception:
            if self.conn.in_transaction:   # as sqlite-utils: never leave an implicit transaction open
                self.conn.execute("ROLLBACK")
            raise
        if self.conn.in_transaction and cursor.description is None:
            # a write opened an implicit transaction: sqlite-utils commits it unless the
            # statement was transaction control (BEGIN/SAVEPOINT…)
            from sqlite_utils.db import _TRANSACTION_CONTROL_KEYWORDS, _first_keyword

            if _first_keyword(sql) not in _TRANSACTION_CONTROL_KEYWORDS:
                self.conn.execute("COMMIT")
        return cursor

    def close(self) -> None:
        self.conn.close()

    def __getitem__(self, name: str) -> Any:
        return self.real()[name]

    def __enter__(self) -> "LazyDatabase":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") or attr in ("conn", "_db"):
            raise AttributeError(attr)
        return getattr(self.real(), attr)
