"""Preview, issue, print and save one 文书 inside the application.

Usage (main window)::

    dlg = DocumentPreviewDialog(store, "sampling_record", sample_id, parent=self)
    dlg.issued.connect(on_issued)          # (number, document id) after 签发
    dlg.show()

Opening shows the issued PDF if the record's document was issued before (a byte-identical
re-print), otherwise a watermarked preview that uses no number. "签发" takes a number from the
device's block and records the document; "打印…" and "另存为…" act on what is shown. Rendering
and issuing run on a background thread; the worker gets plain data and the store service,
never a widget.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, QSize, QThreadPool, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


_RUNNING: set["_Job"] = set()  # jobs outlive a closed dialog: an issue in flight still completes


class _Job(QRunnable):
    """Runs `fn()` on the pool; reports the result or a readable error on the main thread."""

    def __init__(self, fn: Callable[[], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.setAutoDelete(False)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing is lost
            message = str(exc) or exc.__class__.__name__
            if not getattr(exc, "code", None):
                message += "\n\n" + traceback.format_exc(limit=3)
            self.signals.failed.emit(message)
            _RUNNING.discard(self)
            return
        self.signals.done.emit(result)
        _RUNNING.discard(self)


def _preview_job(store, doc_type: str, record_id: str) -> dict[str, Any]:
    """Background: the issued document if there is one, else an unnumbered preview."""
    from inspector_app.documents.issue import find_issued, gather_inputs, reprint
    from inspector_app.documents.render import blob_loader, render
    from inspector_app.domain.ids import utc_now

    existing = find_issued(store.read(), doc_type, record_id)
    if existing:
        result = reprint(store, existing["id"])
        return {"pdf": result.pdf, "number": result.number, "document_id": result.document_id, "issued": True}
    now = utc_now()
    inputs = gather_inputs(store.read(), doc_type, record_id, now)
    pdf = render(doc_type, inputs, "", now, blob_loader(store.paths.blobs), preview=True)
    return {"pdf": pdf, "number": "", "document_id": "", "issued": False}


def _issue_job(store, doc_type: str, record_id: str) -> dict[str, Any]:
    from inspector_app.documents.issue import issue

    result = issue(store, doc_type, record_id)
    return {"pdf": result.pdf, "number": result.number, "document_id": result.document_id, "issued": True}


class DocumentPreviewDialog(QDialog):
    """Preview / issue / print / save-as for the document `doc_type` of record `record_id`.

    `store` is the open workspace (`inspector_app.store.Store`); `pool` defaults to the global
    QThreadPool. Signals: `issued(number, document_id)`, `failed(message)`, `loaded()`.
    """

    issued = Signal(str, str)
    failed = Signal(str)
    loaded = Signal()

    def __init__(self, store, doc_type: str, record_id: str, parent=None, pool: QThreadPool | None = None):
        super().__init__(parent)
        from inspector_app.documents import TYPE_LABELS

        self.store, self.doc_type, self.record_id = store, doc_type, record_id
        self.pool = pool or QThreadPool.globalInstance()
        self.pdf_bytes: bytes = b""
        self.number = ""
        self.document_id = ""
        self.is_issued = False
        zh, _en = TYPE_LABELS.get(doc_type, (doc_type, doc_type))
        self.setWindowTitle(self.tr("文书预览 — %1").replace("%1", zh))
        self.resize(820, 980)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self.tr("正在生成…"), self)
        self.issue_button = QPushButton(self.tr("签发（使用文书编号）"), self)
        self.print_button = QPushButton(self.tr("打印…"), self)
        self.save_button = QPushButton(self.tr("另存为…"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        for b in (self.issue_button, self.print_button, self.save_button):
            b.setEnabled(False)
        self.issue_button.clicked.connect(self.issue_document)
        self.print_button.clicked.connect(self._print_dialog)
        self.save_button.clicked.connect(self._save_dialog)
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for b in (self.issue_button, self.print_button, self.save_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._buffer: QBuffer | None = None
        self._start(lambda: _preview_job(self.store, self.doc_type, self.record_id))

    # -- background work --------------------------------------------------------------------
    def _start(self, fn: Callable[[], Any]) -> None:
        job = _Job(fn)
        job.signals.done.connect(self._show)
        job.signals.failed.connect(self._failed)
        _RUNNING.add(job)
        self.pool.start(job)

    @Slot(object)
    def _show(self, result: dict[str, Any]) -> None:
        self.pdf_bytes = result["pdf"]
        self.number = result["number"]
        self.document_id = result["document_id"]
        was_issued, self.is_issued = self.is_issued, result["issued"]
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.pdf_bytes))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.is_issued:
            self.status.setText(self.tr("已签发：%1").replace("%1", self.number))
        else:
            self.status.setText(self.tr("预览（未签发，未使用编号）"))
        self.issue_button.setEnabled(not self.is_issued)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.loaded.emit()
        if self.is_issued and not was_issued:
            self.issued.emit(self.number, self.document_id)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("出错：%1").replace("%1", message.splitlines()[0] if message else ""))
        self.issue_button.setEnabled(not self.is_issued and bool(self.pdf_bytes))
        self.failed.emit(message)

    # -- actions ----------------------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    @Slot()
    def issue_document(self) -> None:
        """Take a number and record the document (background); the view then shows the issued PDF."""
        self.issue_button.setEnabled(False)
        self.status.setText(self.tr("正在签发…"))
        self._start(lambda: _issue_job(self.store, self.doc_type, self.record_id))

    def save_to(self, path: str | Path) -> None:
        """Write the shown PDF (temp file + rename, so a failed save leaves no half file)."""
        target = Path(path)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(self.pdf_bytes)
        tmp.replace(target)

    def print_to(self, printer: QPrinter, dpi: int = 300) -> None:
        """Paint every page of the shown PDF onto `printer` (rasterised at `dpi`)."""
        painter = QPainter()
        if not painter.begin(printer):
            raise RuntimeError("cannot start printing")
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                size_pt = self.document.pagePointSize(page)
                image: QImage = self.document.render(page, QSize(int(size_pt.width() * dpi / 72), int(size_pt.height() * dpi / 72)))
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            painter.end()

    @Slot()
    def _print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.number or self.doc_type)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.print_to(printer)
            except RuntimeError as exc:
                QMessageBox.warning(self, self.tr("打印失败"), str(exc))

    @Slot()
    def _save_dialog(self) -> None:
        suggested = f"{self.number or self.doc_type}.pdf".replace("/", "_")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存为"), suggested, self.tr("PDF 文件 (*.pdf)"))
        if path:
            try:
                self.save_to(path)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("保存失败"), self.tr("无法保存到 %1：%2").replace("%1", path).replace("%2", exc.strerror or str(exc)))
