"""Where other areas' widgets plug into the main window and the inspection screen.

Each seam names a class other engineers add under `inspector_app/ui/` (any module: the
package is scanned for `class <Name>` so the file name is free). When the class is present
it is constructed with the documented arguments; otherwise — or if it fails to construct — a
calm placeholder says the feature is coming, and the rest of the screen works.

| seam              | class               | constructed as                                        | where                        |
|-------------------|---------------------|-------------------------------------------------------|------------------------------|
| evidence          | EvidencePanel       | EvidencePanel(store, owner_kind, owner_id, item_id=None) | inspection item, photo items |
| signature         | SignaturePad        | SignaturePad(store, owner_kind, owner_id, signer_role=…) | signature items              |
| samples           | SamplesPanel        | SamplesPanel(store, task_id=None, enterprise_id=None)  | main window tab 样品          |
| document_preview  | DocumentPreview     | DocumentPreview(store)                                  | main window tab 文书          |
| sync_status       | SyncStatusWidget    | SyncStatusWidget(store)                                 | status bar                   |
| conflicts         | ConflictsView       | ConflictsView(store)                                    | main window tab 冲突          |

Widgets that follow a record may offer `set_task(task_row)` / `set_enterprise(id)` /
`set_owner(owner_kind, owner_id, item_id)`; the main window calls them when they exist.
Widgets that change evidence may emit `changed` (no args); the inspection screen then
re-counts the item's photos.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

log = logging.getLogger(__name__)

SEAMS: dict[str, tuple[str, str]] = {
    "evidence": ("EvidencePanel", QT_TRANSLATE_NOOP("Seams", "照片证据")),
    "signature": ("SignaturePad", QT_TRANSLATE_NOOP("Seams", "签名")),
    "samples": ("SamplesPanel", QT_TRANSLATE_NOOP("Seams", "样品")),
    "document_preview": ("DocumentPreview", QT_TRANSLATE_NOOP("Seams", "文书预览")),
    "sync_status": ("SyncStatusWidget", QT_TRANSLATE_NOOP("Seams", "同步状态")),
    "conflicts": ("ConflictsView", QT_TRANSLATE_NOOP("Seams", "同步冲突")),
}
COMING = QT_TRANSLATE_NOOP("Seams", "{feature}功能即将推出。")
FAILED = QT_TRANSLATE_NOOP("Seams", "{feature}组件未能加载（详见日志），其余功能可正常使用。")

_registry: dict[str, type] = {}
_scanned = False


def register(seam: str, cls: type) -> None:
    """Explicit registration (wins over the package scan)."""
    _registry[seam] = cls


def _scan() -> None:
    """Find seam classes in `inspector_app/ui/*.py` by their `class Name` line (imports only matches)."""
    global _scanned
    if _scanned:
        return
    _scanned = True
    package = Path(__file__).resolve().parent
    wanted = {cls_name: seam for seam, (cls_name, _label) in SEAMS.items() if seam not in _registry}
    if not wanted:
        return
    pattern = re.compile(r"^class (" + "|".join(wanted) + r")\b", re.MULTILINE)
    for info in pkgutil.walk_packages([str(package)], prefix="inspector_app.ui."):
        path = package.joinpath(*info.name.split(".")[2:])
        source = path.with_suffix(".py")
        if info.ispkg or not source.exists() or info.name == __name__:
            continue
        try:
            found = pattern.findall(source.read_text(encoding="utf-8"))
        except OSError:
            continue
        for cls_name in found:
            try:
                module = importlib.import_module(info.name)
                _registry.setdefault(wanted[cls_name], getattr(module, cls_name))
            except Exception:  # noqa: BLE001 - a broken optional widget must not stop the app
                log.exception("seam %s: importing %s failed", wanted[cls_name], info.name)


def available(seam: str) -> bool:
    _scan()
    return seam in _registry


def label(seam: str) -> str:
    return QCoreApplication.translate("Seams", SEAMS[seam][1])


class Placeholder(QFrame):
    """Stands where a feature's widget will be."""

    def __init__(self, seam: str, failed: bool = False, compact: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.seam = seam
        self.failed = failed
        self.setProperty("role", "hint" if compact else "placeholder")
        self.setObjectName(f"placeholder_{seam}")
        text = QLabel(QCoreApplication.translate("Seams", FAILED if failed else COMING).format(feature=label(seam)))
        text.setProperty("role", "hint")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*((4, 0, 4, 0) if compact else (12, 10, 12, 10)))
        layout.addWidget(text)
        if compact:
            text.setWordWrap(False)


COMPACT = {"sync_status"}


def make(seam: str, *args: Any, parent: QWidget | None = None, **kwargs: Any) -> QWidget:
    """The seam's widget, or a placeholder when it is absent or cannot be built."""
    _scan()
    cls = _registry.get(seam)
    if cls is None:
        return Placeholder(seam, compact=seam in COMPACT, parent=parent)
    try:
        widget = cls(*args, **kwargs)
    except Exception:  # noqa: BLE001
        log.exception("seam %s: constructing %s failed", seam, cls.__name__)
        return Placeholder(seam, failed=True, compact=seam in COMPACT, parent=parent)
    if parent is not None:
        widget.setParent(parent)
    return widget


def call_if(widget: QWidget, method: str, *args: Any) -> None:
    """Tell a seam widget about the current record when it supports it."""
    fn = getattr(widget, method, None)
    if callable(fn):
        try:
            fn(*args)
        except Exception:  # noqa: BLE001
            log.exception("seam widget %s.%s failed", type(widget).__name__, method)
