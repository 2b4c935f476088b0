"""Thumbnails for long photo lists: decoded off the UI thread, kept in a small LRU cache.

`ThumbnailCache.get(sha)` answers at once: the cached pixmap, or None after queueing a load.
Workers decode JPEG files into QImage (allowed off the GUI thread); the pixmap is made on the
UI thread when the `loaded` signal arrives. Requests for rows scrolled past are dropped
(newest first, bounded queue), so flinging through 5,000 photos never builds a backlog.
Worker threads start on demand and end after a short idle time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

IDLE_EXIT_S = 2.0


class ThumbnailCache(QObject):
    """`ThumbnailCache(path_for, capacity=400, workers=2, size=QSize(160, 160))`.

    `path_for(sha)` returns the image file to show for a blob (its thumbnail).
    Signal `loaded(sha)` fires on the UI thread when a requested thumbnail is ready.
    """

    loaded = Signal(str)
    _decoded = Signal(str, QImage)

    def __init__(self, path_for: Callable[[str], Path], capacity: int = 400, workers: int = 2,
                 size: QSize = QSize(160, 160), max_queue: int = 200, parent: QObject | None = None):
        super().__init__(parent)
        self._path_for = path_for
        self._capacity = capacity
        self._size = size
        self._max_queue = max_queue
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._queue: deque[str] = deque()
        self._queued: set[str] = set()
        self._failed: set[str] = set()  # unreadable: not asked for again
        self._lock = threading.Condition()
        self._stop = False
        self._decoded.connect(self._on_decoded, Qt.ConnectionType.QueuedConnection)
        self._workers = workers
        self._running = 0  # worker threads alive; they start on demand and end when idle
        self.decoded_count = 0

    def get(self, sha: str) -> QPixmap | None:
        pixmap = self._cache.get(sha)
        if pixmap is not None:
            self._cache.move_to_end(sha)
            return pixmap
        if sha not in self._failed:
            self.request(sha)
        return None

    def request(self, sha: str) -> None:
        with self._lock:
            if sha in self._queued:
                return
            self._queue.appendleft(sha)  # newest request first: what is on screen now
            self._queued.add(sha)
            while len(self._queue) > self._max_queue:
                self._queued.discard(self._queue.pop())
            if self._running < self._workers and not self._stop:
                self._running += 1
                threading.Thread(target=self._work, name="thumbs", daemon=True).start()
            self._lock.notify()

    def __len__(self) -> int:
        return len(self._cache)

    def clear(self) -> None:
        self._cache.clear()

    def close(self) -> None:
        with self._lock:
            self._stop = True
            self._queue.clear()
            self._lock.notify_all()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._queue and not self._stop:
                    self._lock.wait(IDLE_EXIT_S)
                if self._stop or not self._queue:
                    self._running -= 1
                    return  # idle or closed: no thread lingers per gallery
                sha = self._queue.popleft()
            image = QImage(str(self._path_for(sha)))
            if not image.isNull() and (image.width() > self._size.width() or image.height() > self._size.height()):
                image = image.scaled(self._size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            try:
                self._decoded.emit(sha, image)
            except RuntimeError:
                with self._lock:
                    self._running -= 1
                return  # the cache was deleted with its owner

    def _on_decoded(self, sha: str, image: QImage) -> None:
        with self._lock:
            self._queued.discard(sha)
        self.decoded_count += 1
        if image.isNull():
            self._failed.add(sha)
            return
        self._cache[sha] = QPixmap.fromImage(image)
        self._cache.move_to_end(sha)
        while len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        self.loaded.emit(sha)
