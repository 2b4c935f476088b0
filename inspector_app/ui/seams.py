"""Where other areas' widgets plug into the main window and the inspection screen.

Each seam names a class other engineers add under `inspector_app/ui/` (any module: the
package is scanned for `class <Name>` so the file name is free). When the class is present
it is constructed with the documented arguments; otherwise — or if it fails to construct — a
calm placeholder says the feature is coming, and the rest of the screen works.

| seam              | class (any of)             | constructed as                                            | where                          |
|-------------------|----------------------------|-----------------------------------------------------------|--------------------------------|
| evidence          | EvidencePanel              | EvidencePanel(store, owner_kind, owner_id, item_id=None)  | inspection item, photo items   |
| signature         | SignaturePad               | SignaturePad(store, owner_kind, owner_id, signer_role=…)  | signature items                |
| samples           | SamplesPanel, SamplesTab   | SamplesTab(store)                                         | main window tab 样品 (lazy)     |
| document_preview  | DocumentPreview            | DocumentPreview(store)                                    | main window tab 文书 (lazy)     |
| document_dialog   | DocumentPreviewDialog      | DocumentPreviewDialog(store, doc_type, record_id, parent) | inspection screen “文书预览…”   |
| sync_status       | SyncStatusWidget           | SyncStatusWidget(store)                                   | status bar                     |
| conflicts         | ConflictsView              | ConflictsView(store)                                      | main window tab 冲突 (lazy)     |

Widgets that follow a record may offer `set_task(task_row)` / `set_enterprise(id)` /
`set_owner(owner_kind, owner_id, item_id)`; the main window calls them when they exist.
Widgets that change evidence may emit `changed` (no args); the inspection screen then
re-counts the item's photos.
"""

from __future__ import annotations

import importlib
import logging
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from inspector_app.ui import style

log = logging.getLogger(__name__)

SEAMS: dict[str, tuple[tuple[str, ...], str]] = {
    "evidence": (("EvidencePanel",), QT_TRANSLATE_NOOP("Seams", "照片证据")),
    "signature": (("SignaturePad",), QT_TRANSLATE_NOOP("Seams", "签名")),
    "samples": (("SamplesPanel", "SamplesTab"), QT_TRANSLATE_NOOP("Seams", "样品")),
    "document_preview": (("DocumentPreview",), QT_TRANSLATE_NOOP("Seams", "文书预览")),
    "document_dialog": (("DocumentPreviewDialog",), QT_TRANSLATE_NOOP("Seams", "文书预览")),
    "sync_status": (("SyncStatusWidget",), QT_TRANSLATE_NOOP("Seams", "同步状态")),
    "conflicts": (("ConflictsView",), QT_TRANSLATE_NOOP("Seams", "同步冲突")),
}
COMING = QT_TRANSLATE_NOOP("Seams", "{feature}功能即将推出。")
ELSEWHERE = {  # seams whose feature exists in another form on this build
    "document_preview": ("document_dialog", QT_TRANSLATE_NOOP("Seams", "在检查记录窗口中点击“文书预览…”，可预览、签发和打印文书。")),
}
FAILED = QT_TRANSLATE_NOOP("Seams", "{feature}组件未能加载（详见日志），其余功能可正常使用。")

_registry: dict[str, type] = {}
_locations: dict[str, list[tuple[str, str]]] = {}   # seam -> [(module, class)] found by the scan
_scanned = False


def register(seam: str, cls: type) -> None:
    """Explicit registration (wins over the package scan)."""
    _registry[seam] = cls


def _scan() -> None:
    """Find seam classes in `inspector_app/ui/**.py` by their `class Name` line.

    Reading the files is cheap; importing them is not (a samples tab pulls in the custody
    package, a PDF preview QtPdf), so modules are imported only when their seam is used."""
    global _scanned
    if _scanned:
        return
    _scanned = True
    package = Path(__file__).resolve().parent
    wanted = {cls_name: seam for seam, (names, _label) in SEAMS.items() for cls_name in names}
    this = Path(__file__).resolve()
    for path in sorted(package.rglob("*.py")):
        if path.name.startswith("_") or path == this:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        # a plain substring test first: the regex (compiled only on a hit) then checks that
        # it is a real class statement at the start of a line
        hits = {name: re.search(r"^class " + name + r"\b", text, re.MULTILINE)
                for name in wanted if f"class {name}" in text}
        found = sorted((name for name, hit in hits.items() if hit), key=lambda name: hits[name].start())
        module_name = "inspector_app.ui." + ".".join(path.relative_to(package).with_suffix("").parts)
        for cls_name in found:
            _locations.setdefault(wanted[cls_name], []).append((module_name, cls_name))


def _load(seam: str) -> type | None:
    if seam in _registry:
        return _registry[seam]
    _scan()
    for module_name, cls_name in _locations.get(seam, []):
        try:
            _registry[seam] = getattr(importlib.import_module(module_name), cls_name)
            return _registry[seam]
        except Exception:  # noqa: BLE001 - a broken optional widget must not stop the app
            log.exception("seam %s: importing %s failed", seam, module_name)
    return None


def available(seam: str) -> bool:
    """Whether the seam's widget exists on this build (without importing it)."""
    _scan()
    return seam in _registry or bool(_locations.get(seam))


def label(seam: str) -> str:
    return QCoreApplication.translate("Seams", SEAMS[seam][1])


class Placeholder(QFrame):
    """Stands where a feature's widget will be."""

    def __init__(self, seam: str, failed: bool = False, compact: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.seam = seam
        self.failed = failed
        style.role(self, "hint" if compact else "placeholder")
        self.setObjectName(f"placeholder_{seam}")
        message = FAILED if failed else COMING
        other = ELSEWHERE.get(seam)
        if not failed and other is not None and available(other[0]):
            message = other[1]
        text = QLabel(QCoreApplication.translate("Seams", message).format(feature=label(seam)))
        style.role(text, "hint")
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
    cls = _load(seam)
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


def cls(seam: str) -> type | None:
    """The seam's class when its area has landed (for dialogs opened on demand; imports it)."""
    return _load(seam)


class LazyTab(QWidget):
    """A tab whose seam widget is built the first time the tab is shown (keeps start-up fast)."""

    def __init__(self, seam: str, *args: Any, **kwargs: Any):
        super().__init__()
        self.seam = seam
        self.setObjectName(f"tab_{seam}")
        self._args, self._kwargs = args, kwargs
        self.inner: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.inner is None:
            self.inner = make(self.seam, *self._args, **self._kwargs)
            self.layout().addWidget(self.inner)
        return self.inner

    def showEvent(self, event) -> None:  # noqa: N802
        self.build()
        super().showEvent(event)


def call_if(widget: QWidget | None, method: str, *args: Any) -> None:
    """Tell a seam widget about the current record when it supports it."""
    if isinstance(widget, LazyTab):
        widget = widget.inner
    if widget is None:
        return
    fn = getattr(widget, method, None)
    if callable(fn):
        try:
            fn(*args)
        except Exception:  # noqa: BLE001
            log.exception("seam widget %s.%s failed", type(widget).__name__, method)
