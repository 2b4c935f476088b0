"""`EvidencePanel`: the photos of one record (inspection, checklist item, sample, custody event)
with add (files, folder, drag and drop, webcam), view and remove — the seam the inspection and
sample screens embed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from inspector_app.domain.errors import DomainError
from inspector_app.evidence.importer import Owner
from inspector_app.evidence.service import EvidenceService
from inspector_app.store.db import Store
from inspector_app.ui.evidence.background import run_in_background
from inspector_app.ui.evidence.gallery import GalleryView, PhotoListModel
from inspector_app.ui.evidence.import_dialog import PhotoImportDialog, choose_files, choose_folder
from inspector_app.ui.evidence.viewer import PhotoViewer, show_viewer
from inspector_app.ui.evidence.webcam import WebcamCaptureDialog, camera_available


class EvidencePanel(QWidget):
    """`EvidencePanel(store, owner_kind, owner_id, item_id=None, parent=None, stamp=None)`.

    Shows that owner's photos; while the owner is a draft, photos can be added and removed
    (removal asks for a reason and is kept in the audit trail). `stamp` (time/place/number)
    is drawn on display copies of photos added here. Signal `photosChanged(int)` gives the count.
    """

    photosChanged = Signal(int)
    changed = Signal()  # a photo was added or removed (the inspection screen re-counts)

    def __init__(self, store: Store, owner_kind: str, owner_id: str, item_id: str | None = None,
                 parent: QWidget | None = None, stamp: dict[str, str] | None = None, icon_size: QSize = QSize(128, 128)):
        super().__init__(parent)
        self.service = EvidenceService(store)
        self.owner = Owner(owner_kind, owner_id, item_id)
        self.stamp = stamp
        self.editable = False
        self._read_only = False
        self._count: int | None = None
        self.model = PhotoListModel([], self.service.thumb_for, self, icon_size=icon_size)
        self.view = GalleryView(icon_size=icon_size)
        self.view.setModel(self.model)
        self.view.filesDropped.connect(self.import_paths)
        self.view.photoActivated.connect(self.open_viewer)
        self.add_button = QPushButton(self.tr("添加照片"))
        self.folder_button = QPushButton(self.tr("从文件夹导入"))
        self.camera_button = QPushButton(self.tr("拍照"))
        self.remove_button = QPushButton(self.tr("移除"))
        self.camera_button.setVisible(False)
        QTimer.singleShot(0, lambda: self.camera_button.setVisible(camera_available()))  # after the first paint
        self.add_button.clicked.connect(lambda: self.import_paths(choose_files(self)))
        self.folder_button.clicked.connect(lambda: self.import_paths(choose_folder(self)))
        self.camera_button.clicked.connect(self.open_camera)
        self.remove_button.clicked.connect(self.remove_selected)
        self.count = QLabel()
        self.note = QLabel()
        self.note.setStyleSheet("color: #666")
        bar = QHBoxLayout()
        for w in (self.add_button, self.folder_button, self.camera_button, self.remove_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self.viewer: PhotoViewer | None = None
        self.last_dialog: PhotoImportDialog | None = None
        self.refresh()

    # -- loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the owner's photos and whether they may change (off the UI thread)."""
        service, owner = self.service, self.owner
        run_in_background(lambda: (service.photos(owner), service.can_change(owner)), self._loaded, self._show_error)

    def set_read_only(self, read_only: bool) -> None:
        """Show only (the screen is read-only); the record's own state still applies."""
        self._read_only = read_only
        self.refresh()

    def set_owner(self, owner_kind: str, owner_id: str, item_id: str | None = None) -> None:
        self.owner = Owner(owner_kind, owner_id, item_id)
        self._count = None
        self.refresh()

    def _loaded(self, result: tuple[list[dict[str, Any]], bool]) -> None:
        rows, editable = result
        editable = editable and not self._read_only
        self.model.set_rows(rows)
        self.editable = editable
        for w in (self.add_button, self.folder_button, self.camera_button, self.remove_button):
            w.setEnabled(editable)
        self.view.setAcceptDrops(editable)
        self.note.setText("" if editable else self.tr("记录已定稿，照片证据不能再添加或移除。"))
        self.count.setText(self.tr("%1 张照片").replace("%1", str(len(rows))))
        previous, self._count = self._count, len(rows)
        self.photosChanged.emit(len(rows))
        if previous is not None and previous != len(rows):
            self.changed.emit()

    # -- actions --------------------------------------------------------------------------------
    def import_paths(self, paths: list[str]) -> PhotoImportDialog | None:
        if not paths or not self.editable:
            return None
        dialog = PhotoImportDialog(self.service, paths, owner=self.owner, stamp=self.stamp, parent=self)
        dialog.imported.connect(lambda _results: self.refresh())
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def open_camera(self) -> None:
        dialog = WebcamCaptureDialog(self.service.store.paths.tmp / "webcam", self)
        dialog.captured.connect(lambda path: self.import_paths([path]))
        dialog.open()

    def selected_rows(self) -> list[dict[str, Any]]:
        return [self.model.row(i.row()) for i in self.view.selectionModel().selectedIndexes()]

    def remove_selected(self, reason: str | None = None) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("移除照片"), self.tr("移除理由（将记入审计记录）："))
            if not ok:
                return
        service = self.service
        ids = [r["attachment_id"] for r in rows]
        run_in_background(lambda: [service.remove(i, reason) for i in ids], lambda _r: self.refresh(), self._show_error)

    def open_viewer(self, row: int) -> PhotoViewer:
        self.viewer = show_viewer(self.model.rows(), self.service.display_for, row)
        return self.viewer

    def _show_error(self, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, DomainError) else str(exc)
        self.note.setText(message)
        if self.isVisible():
            QMessageBox.warning(self, self.tr("照片"), message)
        self.refresh()
