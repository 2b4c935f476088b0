"""Photo import dialog: progress, per-file messages, cancel; the import runs in the background."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QListWidgetItem, QProgressBar, QVBoxLayout, QWidget,
)

from inspector_app.evidence.importer import Owner
from inspector_app.evidence.service import EvidenceService
from inspector_app.ui.evidence.jobs import PhotoImportJob

PHOTO_FILTER = "照片 Photos (*.jpg *.jpeg *.png *.heic *.heif *.tif *.tiff *.JPG *.JPEG *.PNG *.HEIC *.HEIF *.TIF *.TIFF)"


def choose_files(parent: QWidget | None = None) -> list[str]:
    title = QCoreApplication.translate("PhotoImportDialog", "选择照片")
    files, _ = QFileDialog.getOpenFileNames(parent, title, "", PHOTO_FILTER)
    return files


def choose_folder(parent: QWidget | None = None) -> list[str]:
    folder = QFileDialog.getExistingDirectory(parent, QCoreApplication.translate("PhotoImportDialog", "选择文件夹（如相机存储卡）"))
    return [folder] if folder else []


class PhotoImportDialog(QDialog):
    """`PhotoImportDialog(service, paths, owner=None, caption="", stamp=None, parent=None)`.

    Starts importing when shown. Signal `imported(list)` carries the per-file results
    (dicts as printed by the CLI) when the import ends, cancelled or not.
    """

    imported = Signal(list)

    def __init__(self, service: EvidenceService, paths: list[str], owner: Owner | None = None, caption: str = "",
                 stamp: dict[str, str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入照片"))
        self.setMinimumWidth(520)
        self.job = PhotoImportJob(service, paths, owner=owner, caption=caption, stamp=stamp, parent=self)
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        self.status = QLabel(self.tr("正在准备…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self._cancel_or_close)
        layout = QVBoxLayout(self)
        for w in (self.status, self.bar, self.problems, self.buttons):
            layout.addWidget(w)
        self.ok_count = 0
        self.failed_count = 0
        self.finished_results: list[dict[str, Any]] | None = None
        self._started = False

    def showEvent(self, event) -> None:  # noqa: ANN001
        super().showEvent(event)
        self.start()

    def start(self) -> None:
        if not self._started:
            self._started = True
            self.job.start()

    def _on_progress(self, done: int, total: int, result: dict[str, Any]) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        if result["ok"]:
            self.ok_count += 1
        else:
            self.failed_count += 1
            if result.get("code") != "cancelled":
                item = QListWidgetItem(result["error"])
                item.setForeground(QColor(180, 0, 0))
                item.setToolTip(result["path"])
                self.problems.addItem(item)
                self.problems.setVisible(True)
        self.status.setText(self.tr("已处理 %1 / %2，成功 %3，失败 %4").replace("%1", str(done)).replace("%2", str(total))
                            .replace("%3", str(self.ok_count)).replace("%4", str(self.failed_count)))

    def _on_finished(self, results: list[dict[str, Any]]) -> None:
        self.finished_results = results
        if not results:
            self.bar.setRange(0, 1)
            self.status.setText(self.tr("没有找到照片文件。"))
        cancelled = sum(1 for r in results if r.get("code") == "cancelled")
        if cancelled:
            self.status.setText(self.status.text() + self.tr("（已取消 %1 个）").replace("%1", str(cancelled)))
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.imported.emit(results)

    def _cancel_or_close(self) -> None:
        if self.job.is_running():
            self.job.cancel()
            self.status.setText(self.tr("正在取消…（已完成的照片会保留）"))
            self.buttons.setEnabled(False)
            self.job.finished.connect(lambda _r: (self.buttons.setEnabled(True)))
        else:
            self.reject()

    def reject(self) -> None:
        """Escape or Cancel while importing cancels the import (finished photos stay) instead of hiding it."""
        if self.job.is_running():
            self._cancel_or_close()
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: ANN001
        if self.job.is_running():
            self.job.cancel()
            event.ignore()  # closes after the current file; results still arrive
            return
        super().closeEvent(event)
