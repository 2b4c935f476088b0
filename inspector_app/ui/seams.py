"""Where other areas' widgets plug into the main window and the inspection screen.

Each seam names the module and class that provide it. The module is imported only when the
seam is first used (a samples tab pulls in the custody package, a PDF preview QtPdf), which
keeps start-up fast. If the widget cannot be imported or built, a calm placeholder says so
and the rest of the screen works.

| seam              | class                      | constructed as                                            | where                          |
|-------------------|----------------------------|-----------------------------------------------------------|--------------------------------|
| evidence          | EvidencePanel              | EvidencePanel(store, owner_kind, owner_id, item_id=None)  | inspection item, photo items   |
| signature         | SignaturePad               | SignaturePad(store, owner_kind, owner_id, signer_role=…)  | signature items                |
| samples           | SamplesTab                 | SamplesTab(store)                                         | main window tab 样品 (lazy)     |
| document_preview  | DocumentsTab               | DocumentsTab(store)                                       | main window tab 文书 (lazy)     |
| document_dialog   | DocumentPreviewDialog      | DocumentPreviewDialog(store, doc_type, record_id, parent) | inspection screen “文书预览…”   |
| sync_status       | SyncStatusWidget           | SyncStatusWidget(store)                                   | status bar                     |
| conflicts         | ConflictsView              | ConflictsView(store)                                      | main window tab 冲突 (lazy)     |

Widgets that follow a record may offer `set_task(task_row)` / `set_enterprise(id)` /
`set_owner(owner_kind, owner_id, item_id)`; the main window calls them when they exist (a lazy
tab not built yet gets the latest call of each when it is built).
Widgets that change evidence may emit `changed` (no args); the inspection screen then
re-counts the item's photos.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from inspector_app.ui import style

log = logging.getLogger(__name__)

# seam -> (module, class, label)
SEAMS: dict[str, tuple[str, str, str]] = {
    "evidence": ("inspector_app.ui.evidence.panel", "EvidencePanel", QT_TRANSLATE_NOOP("Seams", "照片证据")),
    "signature": ("inspector_app.ui.evidence.signature_dialog", "SignaturePad", QT_TRANSLATE_NOOP("Seams", "签名")),
    "samples": ("inspector_app.ui.sample_tab", "SamplesTab", QT_TRANSLATE_NOOP("Seams", "样品")),
    "document_preview": ("inspector_app.ui.documents_tab", "DocumentsTab", QT_TRANSLATE_NOOP("Seams", "文书")),
    "document_dialog": ("inspector_app.ui.document_preview", "DocumentPreviewDialog", QT_TRANSLATE_NOOP("Seams", "文书预览")),
    "sync_status": ("inspector_app.ui.sync_status", "SyncStatusWidget", QT_TRANSLATE_NOOP("Seams", "同步状态")),
    "conflicts": ("inspector_app.ui.sync_conflicts", "ConflictsView", QT_TRANSLATE_NOOP("Seams", "同步冲突")),
}
FAILED = QT_TRANSLATE_NOOP("Seams", "{feature}组件未能加载（详见日志），其余功能可正常使用。")

_registry: dict[str, type | None] = {}


def register(seam: str, cls: type) -> None:
    """Use `cls` for the seam instead of its module's class (tests use it for stand-ins)."""
    _registry[seam] = cls


def _load(seam: str) -> type | None:
    if seam not in _registry:
        module_name, cls_name, _label = SEAMS[seam]
        try:
            _registry[seam] = getattr(importlib.import_module(module_name), cls_name)
        except Exception:  # noqa: BLE001 - a broken optional widget must not stop the app
            log.exception("seam %s: importing %s.%s failed", seam, module_name, cls_name)
            _registry[seam] = None
    return _registry[seam]


def label(seam: str) -> str:
    return QCoreApplication.translate("Seams", SEAMS[seam][2])


class Placeholder(QFrame):
    """Stands where a widget that could not be loaded would be (the log has the details)."""

    def __init__(self, seam: str, compact: bool = False, parent: QWidget | None = None):
        from PySide6.QtCore import Qt   # not at import: the main window imports this module before its first paint

        super().__init__(parent)
        self.seam = seam
        style.role(self, "hint" if compact else "placeholder")
        self.setObjectName(f"placeholder_{seam}")
        self.text = QLabel()
        style.role(self.text, "hint")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(not compact)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*((4, 0, 4, 0) if compact else (12, 10, 12, 10)))
        layout.addWidget(self.text)
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(QCoreApplication.translate("Seams", FAILED).format(feature=label(self.seam)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


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
        return Placeholder(seam, compact=seam in COMPACT, parent=parent)
    if parent is not None:
        widget.setParent(parent)
    return widget


def cls(seam: str) -> type | None:
    """The seam's class (for dialogs opened on demand; imports it), None if it cannot load."""
    return _load(seam)


class LazyTab(QWidget):
    """A tab whose seam widget is built the first time the tab is shown (keeps start-up fast).
    `args()` gives the widget's constructor arguments then (the workspace may still be opening now)."""

    def __init__(self, seam: str, args: Callable[[], tuple], parent: QWidget | None = None):
        super().__init__(parent)
        self.seam = seam
        self.setObjectName(f"tab_{seam}")
        self._args = args
        self.inner: QWidget | None = None
        self.pending_calls: dict[str, tuple] = {}   # call_if before the build: replayed on it (newest per method)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.inner is None:
            self.inner = make(self.seam, *self._args())
            self.layout().addWidget(self.inner)
            calls, self.pending_calls = self.pending_calls, {}
            for method, args in calls.items():
                call_if(self.inner, method, *args)
        return self.inner

    def showEvent(self, event) -> None:  # noqa: N802
        self.build()
        super().showEvent(event)


def call_if(widget: QWidget | None, method: str, *args: Any) -> None:
    """Tell a seam widget about the current record when it supports it."""
    if isinstance(widget, LazyTab):
        if widget.inner is None:
            widget.pending_calls[method] = args
            return
        widget = widget.inner
    if widget is None:
        return
    fn = getattr(widget, method, None)
    if callable(fn):
        try:
            fn(*args)
        except Exception:  # noqa: BLE001
            log.exception("seam widget %s.%s failed", type(widget).__name__, method)
