"""`PhotoGallery`: every photo of the workspace in one grid (Model/View), drop to import,
double-click to view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inspector_app.evidence.service import EvidenceService
from inspector_app.ui.evidence.background import run_in_background
from inspector_app.ui.evidence.gallery import GalleryView, PhotoListModel
from inspector_app.ui.evidence.import_dialog import PhotoImportDialog
from inspector_app.ui.evidence.viewer import PhotoViewer, show_viewer


class PhotoGallery(QWidget):
    """`PhotoGallery(service, parent=None, icon_size=QSize(160, 160))`: all photos, newest capture last."""

    def __init__(self, service: EvidenceService, parent: QWidget | None = None, icon_size: QSize = QSize(160, 160)):
        super().__init__(parent)
        self.service = service
        self.model = PhotoListModel([], service.thumb_for, self, icon_size=icon_size)
        self.view = GalleryView(icon_size=icon_size)
        self.view.setModel(self.model)
        self.view.filesDropped.connect(self.import_paths)
        self.view.photoActivated.connect(self.open_viewer)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.viewer: PhotoViewer | None = None
        self.refresh()

    def refresh(self) -> None:
        service = self.service
        run_in_background(lambda: service.photos(), self._loaded)

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.status.setText(self.tr("共 %1 张照片。拖放照片或文件夹到此处即可导入。").replace("%1", str(len(rows))))

    def import_paths(self, paths: list[str]) -> PhotoImportDialog:
        dialog = PhotoImportDialog(self.service, paths, parent=self)
        dialog.imported.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    def open_viewer(self, row: int) -> PhotoViewer:
        self.viewer = show_viewer(self.model.rows(), self.service.display_for, row)
        return self.viewer
