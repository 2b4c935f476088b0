"""Importing many photos: decode in a worker pool, install files, write rows, one file at a time.

Each file is its own unit: it either ends with its original, derived images and rows all in
place, or with nothing of it in the workspace and a message saying why. Results come back in
input order; `cancel` stops before the next file (files already finished stay imported).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections import deque
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from inspector_app.evidence import attachments, errors
from inspector_app.evidence.blobstore import BlobStore, insert_blob_row, is_disk_full
from inspector_app.evidence.imaging import IMAGE_EXTENSIONS, Prepared, prepare
from inspector_app.i18n import language
from inspector_app.store.db import Store
from inspector_app.store.txn import Txn


@dataclass(frozen=True)
class Owner:
    kind: str
    id: str
    item_id: str | None = None

    @classmethod
    def parse(cls, text: str) -> "Owner":
        """'KIND:ID' (CLI form)."""
        kind, sep, owner_id = text.partition(":")
        if not sep or not owner_id:
            raise errors.EvidenceError("bad_owner", errors.tr(
                "附加目标应写成 类型:编号（KIND:ID），例如 inspection:0190…", "Attach to KIND:ID, e.g. inspection:0190…"))
        return cls(kind.strip(), owner_id.strip())


@dataclass
class ImportResult:
    path: str
    ok: bool
    sha256: str | None = None
    error: str | None = None
    code: str | None = None
    duplicate: bool = False
    attachment_id: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "ok": self.ok}
        if self.ok:
            out.update(sha256=self.sha256, duplicate=self.duplicate)
            if self.attachment_id:
                out["attachment_id"] = self.attachment_id
        else:
            out.update(error=self.error, code=self.code)
        return out


def expand(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given; folders (a camera card) walked for photo files, sorted by path."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = [Path(root) / f for root, _dirs, files in os.walk(p) for f in files
                     if Path(f).suffix.lower() in IMAGE_EXTENSIONS and not f.startswith("._")]
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


BACKGROUND_NICENESS = int(os.environ.get("INSPECTOR_IMPORT_NICE", "5"))


def lower_priority() -> None:
    """Run decoders below the UI thread's priority (Linux: per thread), so a busy import never
    takes the CPU from the window the inspector is using."""
    if BACKGROUND_NICENESS <= 0:
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
    except (AttributeError, OSError):
        pass  # not supported here (Windows, macOS threads); the import still runs


PROCESS_BATCH = 8  # from this many files on, worker processes pay for their start-up
# A frozen (PyInstaller) build can start worker processes only if its entry point calls
# multiprocessing.freeze_support() first; main.py sets this to True once it does.
PROCESSES_ENABLED = not getattr(sys, "frozen", False)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


_pool_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def decoder_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """The session's decoder processes (spawned once, reused by every import, niced).

    Spawning is the costly part of a process pool; doing it once — ideally at start-up through
    `prewarm()` — keeps both the first import fast and the window smooth while it starts."""
    global _pool
    with _pool_lock:
        if _pool is None:
            import multiprocessing

            _pool = ProcessPoolExecutor(workers or default_workers(), mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_worker_init)
        return _pool


def discard_decoder_pool() -> None:
    """Forget a broken pool (a worker died); the next import starts a new one."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def prewarm(workers: int | None = None) -> None:
    """Start the decoder processes now (call from a background thread at application start)."""
    if not PROCESSES_ENABLED:
        return
    pool = decoder_pool(workers)
    for f in [pool.submit(_ready) for _ in range(workers or default_workers())]:
        f.result()


def _worker_init() -> None:
    lower_priority()
    import inspector_app.evidence.imaging  # noqa: F401 - import while idle, not on the first photo


def _ready() -> bool:
    return True


class Importer:
    """Imports photo files into one workspace. One importer runs one import at a time."""

    def __init__(self, store: Store, *, workers: int | None = None, processes: bool | None = None):
        """`processes`: decode in worker processes (True), threads (False), or decide by batch
        size (None): processes keep the UI thread free of the decoders' GIL traffic, threads
        avoid the process start-up cost for a handful of photos."""
        self.store = store
        self.blobs = BlobStore(store.paths)
        self.workers = workers or default_workers()
        self.processes = processes

    def _executor(self, count: int) -> tuple[Executor, bool]:
        """(executor, owned): the shared decoder processes, or threads owned by this run."""
        use_processes = self.processes if self.processes is not None else count >= PROCESS_BATCH
        if use_processes and PROCESSES_ENABLED:
            return decoder_pool(self.workers), False
        return ThreadPoolExecutor(self.workers, thread_name_prefix="photo-import", initializer=lower_priority), True

    def run(
        self,
        paths: Iterable[str | os.PathLike],
        *,
        attach: Owner | None = None,
        caption: str = "",
        role: str = "photo",
        stamp: dict[str, str] | None = None,
        on_result: Callable[[int, int, ImportResult], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> list[ImportResult]:
        """Import files and folders; returns one result per file, in input order."""
        files = expand(paths)
        total = len(files)
        results: list[ImportResult] = []
        absent = {f for f in files if not f.exists()}  # named but not there at all (typo, wrong card)
        if attach is not None:
            try:
                attachments.check_can_attach(self.store.read(), attach.kind, attach.id, must_exist=True)
            except errors.DomainError as exc:
                results = [ImportResult(str(f), False, error=exc.message, code=exc.code) for f in files]
                for i, r in enumerate(results):
                    if on_result:
                        on_result(i + 1, total, r)
                return results
        cancel = cancel or threading.Event()
        p = self.store.paths
        args = (str(p.tmp), str(p.blobs), str(p.derived))
        lang = language()
        window = self.workers * 2
        pending: deque[tuple[Path, Future[Prepared]]] = deque()
        queue = deque(files)
        pool, owned = self._executor(len(files))
        pools = [pool] if owned else []
        try:
            while queue or pending:
                while queue and len(pending) < window and not cancel.is_set():
                    f = queue.popleft()
                    if f in absent:
                        err = errors.not_found(str(f))
                        done: Future[Prepared] = Future()
                        done.set_result(Prepared(source=str(f), name=f.name, error_code=err.code, error=err.message))
                        pending.append((f, done))
                        continue
                    try:
                        fut = pool.submit(prepare, str(f), *args, stamp=stamp, language=lang)
                    except (BrokenExecutor, RuntimeError):  # a worker process died: carry on in threads
                        discard_decoder_pool()
                        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="photo-import", initializer=lower_priority)
                        pools.append(pool)
                        fut = pool.submit(prepare, str(f), *args, stamp=stamp, language=lang)
                    pending.append((f, fut))
                if not pending:
                    break
                f, fut = pending.popleft()
                if cancel.is_set() and fut.cancel():
                    result = self._cancelled(f)
                else:
                    try:
                        prepared = fut.result()
                    except BrokenExecutor:  # the worker process died (killed, out of memory): redo here
                        discard_decoder_pool()
                        prepared = prepare(str(f), *args, stamp=stamp, language=lang)
                    if cancel.is_set():
                        self.blobs.discard(*_staged(prepared))
                        result = self._cancelled(f)
                    else:
                        result = self._finish(prepared, attach, caption, role, stamp)
                results.append(result)
                if on_result:
                    on_result(len(results), total, result)
            for f in queue:  # never started because of cancel
                result = self._cancelled(f)
                results.append(result)
                if on_result:
                    on_result(len(results), total, result)
        finally:
            for each in pools:
                each.shutdown(wait=True, cancel_futures=True)
        return results

    def _cancelled(self, f: Path) -> ImportResult:
        err = errors.cancelled(f.name)
        return ImportResult(str(f), False, error=err.message, code=err.code)

    def _finish(self, prepared: Prepared, attach: Owner | None, caption: str, role: str, stamp: dict[str, str] | None) -> ImportResult:
        """Install the staged files and write the rows; undo the files if the rows fail."""
        if not prepared.ok:
            return ImportResult(prepared.source, False, sha256=prepared.sha256 or None, error=prepared.error, code=prepared.error_code)
        sha = prepared.sha256
        if prepared.skipped_decode and not self._has_row(sha):
            # files without a row (left by a crash before the row was written): derive again
            prepared = prepare(prepared.source, str(self.store.paths.tmp), str(self.store.paths.blobs),
                               str(self.store.paths.derived), stamp=stamp, force=True, language=language())
            if not prepared.ok:
                return ImportResult(prepared.source, False, sha256=sha, error=prepared.error, code=prepared.error_code)
        created: list[Path] = []
        try:
            if prepared.original_tmp and self.blobs.install(Path(prepared.original_tmp), self.blobs.path(sha), durable=True):
                created.append(self.blobs.path(sha))
            for tmp, final in ((prepared.display_tmp, self.blobs.display_path(sha)), (prepared.thumb_tmp, self.blobs.thumb_path(sha))):
                if tmp and self.blobs.install(Path(tmp), final, durable=False):
                    created.append(final)
            duplicate, attachment_id = self.store.write_sync(record_import, prepared, attach, caption, role)
        except BaseException as exc:
            self.blobs.discard(*_staged(prepared))
            if not self._has_row(sha):
                self.blobs.discard(*created)
            if isinstance(exc, errors.DomainError):
                return ImportResult(prepared.source, False, sha256=sha, error=exc.message, code=exc.code)
            if isinstance(exc, (OSError, sqlite3.Error)):
                full = is_disk_full(exc) or "full" in str(exc).lower()
                err = errors.disk_full(prepared.name) if full else errors.write_failed(prepared.name, str(exc))
                return ImportResult(prepared.source, False, sha256=sha, error=err.message, code=err.code)
            raise
        return ImportResult(prepared.source, True, sha256=sha, duplicate=duplicate, attachment_id=attachment_id)

    def _has_row(self, sha: str) -> bool:
        return self.store.read().execute("SELECT 1 FROM blob WHERE sha256 = ?", [sha]).fetchone() is not None


def _staged(prepared: Prepared) -> list[Path]:
    return [Path(t) for t in (prepared.original_tmp, prepared.display_tmp, prepared.thumb_tmp) if t]


def blob_row(prepared: Prepared, now: str, kind: str = "photo") -> dict[str, Any]:
    from inspector_app.store.txn import dumps

    return {
        "sha256": prepared.sha256, "size": prepared.size, "mime": prepared.mime, "kind": kind,
        "original_name": prepared.name, "width": prepared.width, "height": prepared.height,
        "taken_at": prepared.taken_at, "gps_lat": prepared.gps_lat, "gps_lon": prepared.gps_lon,
        "camera": prepared.camera, "meta": dumps(prepared.meta), "has_display": 1, "has_thumb": 1,
        "created_at": now,
    }


def record_import(txn: Txn, prepared: Prepared, attach: Owner | None, caption: str, role: str) -> tuple[bool, str | None]:
    """The rows of one imported photo (runs on the writer thread): blob once, link per owner."""
    sha = prepared.sha256
    duplicate = txn.db.execute("SELECT 1 FROM blob WHERE sha256 = ?", [sha]).fetchone() is not None
    if not duplicate:
        insert_blob_row(txn.db, blob_row(prepared, txn.now))
        txn.audit("import", "blob", sha, {"name": prepared.name, "size": prepared.size, "mime": prepared.mime})
    else:
        txn.audit("import_duplicate", "blob", sha, {"name": prepared.name})
    attachment_id = None
    if attach is not None:
        row, _created = attachments.attach(txn, sha, attach.kind, attach.id, item_id=attach.item_id, caption=caption, role=role)
        attachment_id = row["id"]
    return duplicate, attachment_id


def prepare_file(store: Store, path: str | os.PathLike, *, stamp: dict[str, str] | None = None) -> Prepared:
    """Decode one photo and install its files, without rows (call off the UI thread, before
    a transaction that records it with `record_photo`). Raises EvidenceError on bad input."""
    p = store.paths
    prepared = prepare(str(path), str(p.tmp), str(p.blobs), str(p.derived), stamp=stamp, force=True, language=language())
    if not prepared.ok:
        raise errors.EvidenceError(prepared.error_code, prepared.error)
    blobs = BlobStore(p)
    try:
        if prepared.original_tmp:
            blobs.install(Path(prepared.original_tmp), blobs.path(prepared.sha256), durable=True)
        for tmp, final in ((prepared.display_tmp, blobs.display_path(prepared.sha256)), (prepared.thumb_tmp, blobs.thumb_path(prepared.sha256))):
            if tmp:
                blobs.install(Path(tmp), final, durable=False)
    except BaseException:
        blobs.discard(*_staged(prepared))
        raise
    prepared.original_tmp = prepared.display_tmp = prepared.thumb_tmp = None
    return prepared


def record_photo(txn: Txn, prepared: Prepared, owner_kind: str, owner_id: str, *, role: str = "photo",
                 caption: str = "", item_id: str | None = None) -> dict[str, Any]:
    """Inside any transaction: the blob row (once) and the attachment linking it to a record.
    Lets another area write photos together with its own rows (e.g. a custody event)."""
    if txn.db.execute("SELECT 1 FROM blob WHERE sha256 = ?", [prepared.sha256]).fetchone() is None:
        insert_blob_row(txn.db, blob_row(prepared, txn.now))
        txn.audit("import", "blob", prepared.sha256, {"name": prepared.name, "size": prepared.size, "mime": prepared.mime})
    row, _created = attachments.attach(txn, prepared.sha256, owner_kind, owner_id, item_id=item_id, caption=caption, role=role)
    return row


def add_photo_in_txn(txn: Txn, path: str | os.PathLike, owner_kind: str, owner_id: str, *, role: str = "photo",
                     caption: str = "", item_id: str | None = None) -> dict[str, Any]:
    """`prepare_file` + `record_photo` in one call, for a few photos written with other rows.
    It decodes on the writer thread, so prefer the two-step form for more than a handful."""
    return record_photo(txn, prepare_file(txn.store, path), owner_kind, owner_id, role=role, caption=caption, item_id=item_id)
