"""Content-addressed files: originals at `WorkspacePaths.blob_path(sha256)`, derived images
under `derived/`.

Every file is written to `tmp/` first (same file system), flushed and renamed into place, so
a reader never sees half a file and a crash leaves at most a stray file in `tmp/` (swept at
start). Originals are fsynced before the rename; derived images can be re-made from them.
An original, once in place, is never written again.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
from pathlib import Path

from inspector_app.domain.ids import uuid7
from inspector_app.store.paths import WorkspacePaths

DISPLAY_SUFFIX = ".display.jpg"
THUMB_SUFFIX = ".thumb.jpg"
TMP_MAX_AGE_S = 24 * 3600


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path | str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def write_tmp(tmp_dir: Path, data: bytes, *, suffix: str, fsync: bool) -> Path:
    """Write `data` to a new file in `tmp_dir`; on any error remove it and re-raise."""
    tmp_dir.mkdir(parents=True, exist_ok=True)
    path = tmp_dir / f"{uuid7()}{suffix}.part"
    try:
        with open(path, "xb") as f:
            f.write(data)
            f.flush()
            if fsync:
                os.fsync(f.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not supported on this platform (Windows); the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class BlobStore:
    """Files of one workspace. Thread-safe: every write goes to its own temp name."""

    def __init__(self, paths: WorkspacePaths):
        self.paths = paths

    # -- where things are ---------------------------------------------------------------
    def path(self, sha256: str) -> Path:
        return self.paths.blob_path(sha256)

    def display_path(self, sha256: str) -> Path:
        return self.paths.derived / sha256[:2] / f"{sha256}{DISPLAY_SUFFIX}"

    def thumb_path(self, sha256: str) -> Path:
        return self.paths.derived / sha256[:2] / f"{sha256}{THUMB_SUFFIX}"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    # -- writing --------------------------------------------------------------------------
    def install(self, tmp: Path, final: Path, *, durable: bool) -> bool:
        """Rename a finished temp file into place; returns False (and drops it) if already there."""
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():
            tmp.unlink(missing_ok=True)
            return False
        os.replace(tmp, final)
        if durable:
            _fsync_dir(final.parent)
        return True

    def put_bytes(self, data: bytes) -> tuple[str, bool]:
        """Store bytes as an original; returns (sha256, newly_written)."""
        sha = sha256_bytes(data)
        final = self.path(sha)
        if final.exists():
            return sha, False
        tmp = write_tmp(self.paths.tmp, data, suffix=".blob", fsync=True)
        try:
            return sha, self.install(tmp, final, durable=True)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def verify(self, sha256: str) -> bool:
        """True when the stored original still hashes to its name."""
        path = self.path(sha256)
        return path.is_file() and sha256_file(path) == sha256

    def discard(self, *files: Path | None) -> None:
        """Remove files this import created (used when its database rows could not be written)."""
        for f in files:
            if f is not None:
                Path(f).unlink(missing_ok=True)

    def sweep_tmp(self, max_age_s: float = TMP_MAX_AGE_S) -> int:
        """Delete temp files left by a crash (older than `max_age_s`); returns how many."""
        removed = 0
        cutoff = time.time() - max_age_s
        if not self.paths.tmp.is_dir():
            return 0
        for entry in self.paths.tmp.iterdir():
            try:
                if entry.is_file() and entry.name.endswith(".part") and entry.stat().st_mtime < cutoff:
                    entry.unlink()
                    removed += 1
            except FileNotFoundError:
                pass
        return removed

    def free_bytes(self) -> int:
        return shutil.disk_usage(self.paths.tmp if self.paths.tmp.exists() else self.paths.root).free


BLOB_COLUMNS = ("sha256", "size", "mime", "kind", "original_name", "width", "height", "taken_at", "gps_lat", "gps_lon",
                "camera", "meta", "has_display", "has_thumb", "created_at")


def insert_blob_row(db, row: dict) -> None:
    """One `blob` row by plain SQL (no per-call table introspection: cheap on the writer thread)."""
    values = {"original_name": "", "camera": "", "meta": "{}", "has_display": 0, "has_thumb": 0, **row}
    db.execute(f"INSERT INTO blob ({', '.join(BLOB_COLUMNS)}) VALUES ({', '.join('?' for _ in BLOB_COLUMNS)})",
               [values.get(c) for c in BLOB_COLUMNS])
