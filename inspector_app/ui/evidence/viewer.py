"""Photo viewer: zoom (wheel, +/-, fit), pan (drag), next/previous, and a metadata panel.

The display copy (≤ 2000 px, upright, stamped if asked) is decoded off the UI thread; the
original is never opened here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QFormLayout, QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QHBoxLayout, QLabel, QPushButton, QSplitter,
    QVBoxLayout, QWidget,
)

from inspector_app.ui.evidence.background import run_in_background
from inspector_app.ui.evidence.gallery import local_time


class ZoomView(QGraphicsView):
    """A QGraphicsView showing one pixmap; wheel zooms around the cursor, drag pans."""

    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self._fit = True

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self._item.setPixmap(pixmap)
        self.scene().setSceneRect(QRectF(pixmap.rect()))
        self.fit()

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        new = max(0.02, min(16.0, self.zoom() * factor))
        self._fit = False
        self.scale(new / self.zoom(), new / self.zoom())
        self.zoomChanged.emit(self.zoom())

    def actual_size(self) -> None:
        self._fit = False
        self.resetTransform()
        self.zoomChanged.emit(1.0)

    def fit(self) -> None:
        self._fit = True
        if not self._item.pixmap().isNull():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoomChanged.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.25 ** steps)

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        if self._fit:
            self.fit()


class PhotoViewer(QWidget):
    """`PhotoViewer(rows, display_path, index=0, parent=None)`.

    `rows`: photo dicts (as from `EvidenceService.photos`); `display_path(sha)`: the display copy.
    Signal `currentChanged(int)`.
    """

    currentChanged = Signal(int)

    def __init__(self, rows: list[dict[str, Any]], display_path: Callable[[str], Path], index: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("照片查看"))
        self._rows = rows
        self._display_path = display_path
        self._index = -1
        self._loading = ""
        self.view = ZoomView()
        self.meta = QFormLayout()
        self._fields: dict[str, QLabel] = {}
        labels = (("name", self.tr("文件名")), ("caption", self.tr("说明")), ("taken", self.tr("拍摄时间")),
                  ("gps", self.tr("GPS 位置")), ("camera", self.tr("相机")), ("size", self.tr("尺寸")),
                  ("stamp", self.tr("证据水印")), ("sha", self.tr("SHA-256")))
        for key, text in labels:
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fields[key] = value
            self.meta.addRow(text, value)
        side = QWidget()
        side.setLayout(self.meta)
        side.setMinimumWidth(220)
        side.setMaximumWidth(360)
        self.prev_button = QPushButton(self.tr("上一张"))
        self.next_button = QPushButton(self.tr("下一张"))
        self.fit_button = QPushButton(self.tr("适应窗口"))
        self.actual_button = QPushButton(self.tr("原始大小"))
        self.zoom_in_button = QPushButton("+")
        self.zoom_out_button = QPushButton("−")
        self.position = QLabel()
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.fit_button.clicked.connect(self.view.fit)
        self.actual_button.clicked.connect(self.view.actual_size)
        self.zoom_in_button.clicked.connect(lambda: self.view.zoom_by(1.25))
        self.zoom_out_button.clicked.connect(lambda: self.view.zoom_by(0.8))
        bar = QHBoxLayout()
        for w in (self.prev_button, self.next_button, self.position):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.actual_button):
            bar.addWidget(w)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        for keys, slot in ((QKeySequence.StandardKey.MoveToNextChar, self.next), (QKeySequence.StandardKey.MoveToPreviousChar, self.previous),
                           (QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom_by(1.25)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom_by(0.8))):
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, self.next)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, self.previous)
        QShortcut(QKeySequence(Qt.Key.Key_0), self, self.view.fit)
        if rows:
            self.show_index(index)

    def current(self) -> int:
        return self._index

    def next(self) -> None:
        if self._index + 1 < len(self._rows):
            self.show_index(self._index + 1)

    def previous(self) -> None:
        if self._index > 0:
            self.show_index(self._index - 1)

    def show_index(self, index: int) -> None:
        index = max(0, min(index, len(self._rows) - 1))
        self._index = index
        row = self._rows[index]
        self._fill_meta(row)
        self.position.setText(f"{index + 1} / {len(self._rows)}")
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < len(self._rows))
        sha = row["sha256"]
        self._loading = sha
        display_path = self._display_path  # may re-make a missing display copy: off the UI thread
        run_in_background(lambda: QImage(str(display_path(sha))), lambda image, sha=sha: self._on_loaded(sha, image))
        self.currentChanged.emit(index)

    def _on_loaded(self, sha: str, image: QImage) -> None:
        if sha != self._loading:
            return  # the user moved on
        self.view.set_pixmap(QPixmap.fromImage(image))

    def _fill_meta(self, row: dict[str, Any]) -> None:
        meta = row.get("meta") or {}
        gps = ""
        if row.get("gps_lat") is not None and row.get("gps_lon") is not None:
            gps = f"{row['gps_lat']:.6f}, {row['gps_lon']:.6f}"
        taken = local_time(row.get("taken_at"))
        if taken and "assumed_offset" in meta:
            taken += self.tr("（相机未记录时区）")
        stamp = meta.get("stamp") or {}
        values = {
            "name": row.get("original_name", ""), "caption": row.get("caption", ""), "taken": taken or self.tr("未知"),
            "gps": gps or self.tr("无"), "camera": row.get("camera") or self.tr("未知"),
            "size": f"{row.get('width') or '?'} × {row.get('height') or '?'} · {round((row.get('size') or 0) / 1024)} KB",
            "stamp": " / ".join(v for v in stamp.values() if v) or self.tr("无"), "sha": "\n".join(row["sha256"][i:i + 22] for i in range(0, 64, 22)),
        }
        for key, value in values.items():
            self._fields[key].setText(str(value))


def show_viewer(rows: list, display_for, row: int) -> PhotoViewer:
    """A viewer window on `rows` at `row` (deleted when closed), as the gallery and the panel open it."""
    viewer = PhotoViewer(rows, display_for, row)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.resize(1100, 700)
    viewer.show()
    return viewer
