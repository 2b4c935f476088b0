"""Thumbnail gallery as Model/View: `PhotoListModel` (rows fetched in pages, thumbnails from
a background LRU cache) and `GalleryView` (a QListView in icon mode that accepts dropped files).

5,000 photos stay smooth: rows are plain dicts, items have a uniform size, only visible rows
ask for a thumbnail, and a thumbnail that arrives repaints one cell.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from inspector_app.ui.evidence.thumbs import ThumbnailCache

ShaRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
PAGE = 500


def local_time(iso: str | None) -> str:
    """UTC ISO-8601 → local 'YYYY-MM-DD HH:MM' for display."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _placeholder(size: QSize) -> QPixmap:
    pixmap = QPixmap(size)
    pixmap.fill(QColor(230, 230, 230))
    painter = QPainter(pixmap)
    painter.setPen(QColor(190, 190, 190))
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.end()
    return pixmap


class PhotoListModel(QAbstractListModel):
    """`PhotoListModel(rows, thumb_path, parent=None)`.

    `rows`: dicts with at least `sha256` (as returned by `EvidenceService.photos`);
    `thumb_path(sha)`: the thumbnail file. Rows are exposed PAGE at a time (fetchMore).
    """

    def __init__(self, rows: list[dict[str, Any]], thumb_path: Callable[[str], Path], parent: Any = None,
                 icon_size: QSize = QSize(160, 160), cache_capacity: int = 400):
        super().__init__(parent)
        self._rows = list(rows)
        self._shown = min(PAGE, len(self._rows))
        self._index_of: dict[str, list[int]] = {}
        self._reindex()
        self.icon_size = icon_size
        self.thumbs = ThumbnailCache(thumb_path, capacity=cache_capacity, size=icon_size, parent=self)
        self.thumbs.loaded.connect(self._on_thumb)
        self._placeholder = _placeholder(icon_size)

    def _reindex(self) -> None:
        self._index_of.clear()
        for i, row in enumerate(self._rows):
            self._index_of.setdefault(row["sha256"], []).append(i)

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        more = min(PAGE, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbs.get(row["sha256"]) or self._placeholder
        if role == Qt.ItemDataRole.DisplayRole:
            return row.get("caption") or local_time(row.get("taken_at")) or row.get("original_name", "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (row.get("original_name", ""), local_time(row.get("taken_at")), row.get("camera", "")) if p)
        if role == ShaRole:
            return row["sha256"]
        if role == RowRole:
            return row
        return None

    # -- our API ------------------------------------------------------------------------------
    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(PAGE, len(self._rows))
        self._reindex()
        self.endResetModel()

    def row(self, i: int) -> dict[str, Any]:
        return self._rows[i]

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def total(self) -> int:
        return len(self._rows)

    def _on_thumb(self, sha: str) -> None:
        for i in self._index_of.get(sha, ()):
            if i < self._shown:
                idx = self.index(i)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


class GalleryView(QListView):
    """A QListView in icon mode for `PhotoListModel`; drop files or folders on it to import.

    Signal `filesDropped(list[str])` carries local paths; `photoActivated(int)` a row to view.
    """

    filesDropped = Signal(list)
    photoActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None, icon_size: QSize = QSize(160, 160)):
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setIconSize(icon_size)
        self.setGridSize(QSize(icon_size.width() + 24, icon_size.height() + 40))
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.activated.connect(lambda idx: self.photoActivated.emit(idx.row()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: ANN001 - QDragMoveEvent
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
        else:
            super().dropEvent(event)
