"""Content-addressed blob storage behind a small interface (an S3 store can implement it later)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from typing import BinaryIO, Protocol

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def is_sha256(value: object) -> bool:
    return isinstance(value, str) and bool(SHA256_RE.match(value))


def file_sha256(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


class BlobStore(Protocol):
    """What the server needs from blob storage. Keys are lowercase hex SHA-256 digests."""

    def has(self, sha256: str) -> bool: ...

    def put_file(self, sha256: str, path: Path) -> None:
        """Take ownership of a verified local file (moved, not copied, when possible)."""

    def open(self, sha256: str) -> BinaryIO: ...

    def size(self, sha256: str) -> int: ...


class LocalBlobStore:
    """Files at `root/ab/cd/<sha256>`; written by rename so a reader never sees half a file."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a SHA-256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put_file(self, sha256: str, path: Path) -> None:
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            Path(path).unlink(missing_ok=True)
            return
        tmp = target.with_name(target.name + ".tmp")
        try:
            os.replace(path, tmp)
        except OSError:  # another filesystem
            shutil.copyfile(path, tmp)
            Path(path).unlink(missing_ok=True)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path(sha256), "rb")

    def size(self, sha256: str) -> int:
        return self.path(sha256).stat().st_size
