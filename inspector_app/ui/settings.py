"""UI-only settings, declared once: name, type, default, help — stored in an ini file.

Workspace settings (identity, language, bureau …) are declared in `inspector_app/settings.py`
and live in the workspace database; this module holds what only the GUI needs. Two files: the workspace's `ui-settings.ini` (window layout, language, everything tied to
the data folder) and a tiny per-user pointer file remembering the last workspace and
language, used only when no `--data-dir` is given (before a workspace is open).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings

from inspector_app.ui.pointer import pointer_path

WORKSPACE_FILE = "ui-settings.ini"


class Setting(NamedTuple):
    name: str
    type: type
    default: Any
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("ui/language", str, "zh_CN", "Interface language: zh_CN or en"),
        Setting("ui/last_workspace", str, "", "Workspace opened last (pointer file only)"),
        Setting("main/geometry", QByteArray, QByteArray(), "Main window geometry (saveGeometry)"),
        Setting("main/state", QByteArray, QByteArray(), "Main window dock/toolbar state (saveState)"),
        Setting("main/splitter", QByteArray, QByteArray(), "Task list / enterprise panel splitter"),
        Setting("main/task_header", QByteArray, QByteArray(), "Task list column widths and order"),
        Setting("inspection/geometry", QByteArray, QByteArray(), "Inspection window geometry"),
        Setting("inspection/splitter", QByteArray, QByteArray(), "Inspection screen splitter"),
        Setting("tasks/page_size", int, 200, "Rows fetched per page in the task list"),
    )
}


class UiSettings:
    """Typed access to one ini file; unknown names are a programming error."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, name: str) -> Any:
        spec = SETTINGS[name]
        value = self._qs.value(name, spec.default)
        if value is None:
            return spec.default
        if spec.type is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return spec.default
        if spec.type is QByteArray and not isinstance(value, QByteArray):
            return spec.default
        return value if spec.type is QByteArray else spec.type(value)

    def set(self, name: str, value: Any) -> None:
        if name not in SETTINGS:
            raise KeyError(name)
        self._qs.setValue(name, value)

    def sync(self) -> None:
        self._qs.sync()


def pointer_settings() -> UiSettings:
    """The per-user file remembering the last workspace (and language before one opens)."""
    return UiSettings(pointer_path())


def workspace_settings(workspace_root: Path) -> UiSettings:
    return UiSettings(Path(workspace_root) / WORKSPACE_FILE)
