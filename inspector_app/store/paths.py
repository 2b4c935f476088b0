"""Where a workspace keeps its files, and where the shipped resources are."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from inspector_app import APP_NAME

DATA_DIR_ENV = "INSPECTOR_DATA_DIR"


def default_data_dir() -> Path:
    """`INSPECTOR_DATA_DIR`, else the per-user data folder (e.g. ~/.local/share/FieldInspector/workspace)."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # here, not at import: the GUI's start-up path imports this module

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "workspace"


def app_root() -> Path:
    """The folder holding `forms/` and `resources/`: the PyInstaller bundle or the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def forms_dir() -> Path:
    return app_root() / "forms"


class WorkspacePaths:
    """The files of the workspace at `root` (a plain class: `dataclasses` stays off the start-up path)."""

    __slots__ = ("root",)

    def __init__(self, root: Path):
        object.__setattr__(self, "root", root)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("WorkspacePaths is read-only")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WorkspacePaths) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def __repr__(self) -> str:
        return f"WorkspacePaths(root={self.root!r})"

    @property
    def db(self) -> Path:
        return self.root / "inspector.sqlite3"

    @property
    def blobs(self) -> Path:
        """Original bytes, content-addressed: blobs/ab/abcdef… (never modified)."""
        return self.root / "blobs"

    @property
    def derived(self) -> Path:
        """Display copies and thumbnails, re-creatable from the originals."""
        return self.root / "derived"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def tmp(self) -> Path:
        """Staging for atomic writes; same file system as blobs/ so rename is atomic."""
        return self.root / "tmp"

    def blob_path(self, sha256: str) -> Path:
        return self.blobs / sha256[:2] / sha256
