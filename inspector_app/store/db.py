"""Opening a workspace and the one-writer discipline.

All writes go through `Store.write(fn)`: `fn(txn)` runs on the single writer thread inside
one transaction, so a change, its outbox row and its audit row commit together or not at all.
Readers call `Store.read()` and get a connection owned by their own thread. A connection
never crosses threads.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, TypeVar

from typing import TYPE_CHECKING

from inspector_app.domain.ids import utc_now, uuid7
from inspector_app.i18n import tr
from inspector_app.store.lazy import LazyDatabase
from inspector_app.store.migrations import migrations, schema_current
from inspector_app.store.paths import WorkspacePaths

if TYPE_CHECKING:
    from sqlite_utils import Database

T = TypeVar("T")


class WorkspaceError(Exception):
    """The workspace cannot be used; the message says why and what to do."""


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")  # legal records: a commit survives power loss


def connect(path: Path, lazy: bool = False) -> Database:
    """A new connection with the workspace's pragmas (WAL is set once, at open).

    `check_same_thread` stays on: a connection used from a second thread is a bug, and sqlite3
    raises instead of corrupting memory.

    `lazy`: a `LazyDatabase`, which imports sqlite-utils only when more than plain reads is
    asked of it (readers, opening an up-to-date workspace: the GUI's start-up path)."""
    conn = sqlite3.connect(str(path), timeout=10)
    _configure(conn)
    if lazy:
        return LazyDatabase(conn)  # type: ignore[return-value]
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def _check_writable(root: Path) -> None:
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise WorkspaceError(
                tr(
                    "工作区文件夹不可写：{p}。请选择您有写入权限的文件夹，或请管理员授予权限。",
                    "The workspace folder is not writable: {p}. Choose a folder you can write to, or ask IT for permission.",
                    p=root,
                )
            ) from exc
        if exc.errno == errno.ENOSPC:
            raise WorkspaceError(
                tr("磁盘已满，无法使用工作区 {p}。请释放磁盘空间后重试。", "The disk is full; the workspace {p} cannot be used. Free some space and try again.", p=root)
            ) from exc
        raise WorkspaceError(tr("无法使用工作区文件夹 {p}：{e}", "Cannot use the workspace folder {p}: {e}", p=root, e=exc.strerror)) from exc


def migrate(db: Database, db_path: Path) -> list[str]:
    """Apply pending migrations; refuse a database from a newer version; back up before changing an old one."""
    known = {m.name for m in migrations._migrations}
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise WorkspaceError(
            tr(
                "该工作区由更新版本的现场检查软件创建（含未知的数据库版本 {v}）。请升级软件后再打开；数据未被改动。",
                "This workspace was written by a newer version of Field Inspector (unknown schema version {v}). "
                "Upgrade the application to open it; nothing was changed.",
                v=", ".join(unknown),
            )
        )
    pending = [m.name for m in migrations.pending(db)]
    if pending and applied:
        backup = db_path.with_name(f"{db_path.name}.before-{pending[0]}.bak")
        target = sqlite3.connect(str(backup))
        with target:
            db.conn.backup(target)
        target.close()
    migrations.apply(db)
    return pending


class Store:
    """A workspace's database: one writer thread, per-thread reader connections."""

    def __init__(self, paths: WorkspacePaths):
        self.paths = paths
        self._local = threading.local()
        self._readers: list[Database] = []
        self._readers_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self._writer_db: Database | None = None
        self._closed = False
        self.device_id: str = ""
        self.actor: str = ""

    # -- writing ---------------------------------------------------------------------------
    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> "Future[T]":
        """Run `fn(txn, *args, **kwargs)` on the writer thread in one transaction."""
        if self._closed:
            raise WorkspaceError(tr("工作区已关闭。", "The workspace is closed."))
        return self._writer.submit(self._run_write, fn, args, kwargs)

    def write_sync(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Like `write`, waiting for the result (CLI, tests, background workers — never the UI thread)."""
        return self.write(fn, *args, **kwargs).result()

    def _run_write(self, fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
        from inspector_app.store.txn import Txn

        if self._writer_db is None:
            self._writer_db = connect(self.paths.db)
        db = self._writer_db
        with db.atomic():
            db.execute("SELECT 1")  # BEGIN is deferred; take the write lock only when needed
            return fn(Txn(db, self), *args, **kwargs)

    # -- reading ---------------------------------------------------------------------------
    def read(self) -> Database:
        """This thread's read connection (created on first use)."""
        if self._closed:
            raise WorkspaceError(tr("工作区已关闭。", "The workspace is closed."))
        db = getattr(self._local, "db", None)
        if db is None:
            db = connect(self.paths.db, lazy=True)
            db.execute("PRAGMA query_only = ON")
            self._local.db = db
            with self._readers_lock:
                self._readers.append(db)
        return db

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.read().execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._writer.submit(self._close_writer).result()
        self._writer.shutdown(wait=True)
        with self._readers_lock:
            for db in self._readers:
                try:
                    db.close()
                except sqlite3.ProgrammingError:
                    # Owned by a thread still running (a background query): closing it from here
                    # could pull the connection from under that query; it closes with its thread.
                    pass
            self._readers.clear()

    def _close_writer(self) -> None:
        if self._writer_db is not None:
            self._writer_db.execute("PRAGMA optimize")
            self._writer_db.close()
            self._writer_db = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(root: Path | str, create: bool = True) -> Store:
    """Open (and, with `create`, initialise) the workspace at `root`.

    Errors a user can act on (not writable, corrupt, newer version, missing) raise
    WorkspaceError with a message saying what to do; existing data is never modified on error.
    """
    paths = WorkspacePaths(Path(root).expanduser().resolve())
    if not paths.db.exists():
        if not create:
            raise WorkspaceError(
                tr(
                    "在 {p} 没有找到工作区。请先运行 inspector-app init，或用 --data-dir 指定正确的文件夹。",
                    "No workspace at {p}. Run `inspector-app init` first, or point --data-dir at the right folder.",
                    p=paths.root,
                )
            )
        _check_writable(paths.root)
    elif not os.access(paths.db, os.W_OK) or not os.access(paths.root, os.W_OK):
        raise WorkspaceError(
            tr(
                "工作区数据库不可写：{p}。请检查文件权限，或将工作区复制到可写的文件夹。",
                "The workspace database is not writable: {p}. Check its permissions or copy the workspace to a writable folder.",
                p=paths.db,
            )
        )
    for folder in (paths.blobs, paths.derived, paths.logs, paths.tmp):
        folder.mkdir(parents=True, exist_ok=True)
    try:
        db = connect(paths.db, lazy=True)
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise WorkspaceError(tr("无法启用 WAL 模式（{m}）。", "Could not enable WAL mode ({m}).", m=mode))
        if not schema_current(db.conn):
            migrate(db, paths.db)
        _ensure_identity(db)
        device_id = json.loads(db.execute("SELECT value FROM setting WHERE key = 'device_id'").fetchone()[0])
        actor_row = db.execute("SELECT value FROM setting WHERE key = 'inspector.name'").fetchone()
        db.close()
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(
            tr(
                "工作区数据库已损坏或不是现场检查软件的数据库：{p}（{e}）。文件未被改动。请从备份恢复（inspector-app backup 生成的文件），或联系技术支持。",
                "The workspace database is damaged or not a Field Inspector database: {p} ({e}). The file was left as it is. "
                "Restore it from a backup (made by `inspector-app backup`) or contact support.",
                p=paths.db,
                e=exc,
            )
        ) from exc
    store = Store(paths)
    store.device_id = device_id
    store.actor = json.loads(actor_row[0]) if actor_row else ""
    return store


def _ensure_identity(db: Database) -> None:
    """Every workspace has a device id, made once (it travels with every change it makes)."""
    if db.execute("SELECT 1 FROM setting WHERE key = 'device_id'").fetchone():
        return
    with db.atomic():
        exists = db.execute("SELECT 1 FROM setting WHERE key = 'device_id'").fetchone()
        if not exists:
            db.execute(
                "INSERT INTO setting(key, value, updated_at) VALUES ('device_id', ?, ?)",
                [json.dumps(uuid7()), utc_now()],
            )
