"""What every CLI command gets: the workspace folder and a lazily opened store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from inspector_app.store.db import Store, open_store


class CliError(Exception):
    """A failure the command reports in words, with its exit code."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class CliContext:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._store: Store | None = None

    def store(self, create: bool = False) -> Store:
        """The workspace's store; without `create`, a missing workspace is an error."""
        if self._store is None:
            self._store = open_store(self.data_dir, create=create)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
