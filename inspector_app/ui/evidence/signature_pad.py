"""Signature canvas: pen (QTabletEvent, with pressure), touch and mouse strokes drawn smoothly
as QPainterPath curves; clear / undo / redo; output as a transparent PNG plus stroke data for
`inspector_app.evidence.signatures`. (The record-level `SignaturePad` seam widget is in
`signature_dialog.py`.)

History is a list of states (tuples of strokes), so clear is undoable like any stroke.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTabletEvent, QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass
class Stroke:
    device: str  # pen | touch | mouse
    points: list[tuple[float, float, float, int]] = field(default_factory=list)  # x, y, pressure, ms

    def path(self) -> QPainterPath:
        """A smooth curve: quadratic segments through the midpoints of successive samples."""
        pts = [QPointF(p[0], p[1]) for p in self.points]
        path = QPainterPath(pts[0])
        if len(pts) == 1:
            path.lineTo(pts[0] + QPointF(0.01, 0.01))  # a dot
            return path
        if len(pts) == 2:
            path.lineTo(pts[1])
            return path
        for i in range(1, len(pts) - 1):
            mid = (pts[i] + pts[i + 1]) / 2
            path.quadTo(pts[i], mid)
        path.lineTo(pts[-1])
        return path


class SignatureCanvas(QWidget):
    """`SignatureCanvas(parent=None, ink=QColor(20, 20, 60), width=2.8)`: the drawing surface.

    Signal `changed()` after every stroke, undo, redo or clear. `is_empty()`, `to_png()`
    (transparent PNG bytes) and `stroke_data()` (dict) give the result.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, ink: QColor = QColor(20, 20, 60), width: float = 2.8):
        super().__init__(parent)
        self.ink = ink
        self.base_width = width
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 140)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._history: list[tuple[Stroke, ...]] = [()]
        self._pos = 0
        self._current: Stroke | None = None
        self._t0 = time.monotonic()

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    # -- state ------------------------------------------------------------------------------
    def strokes(self) -> tuple[Stroke, ...]:
        return self._history[self._pos]

    def is_empty(self) -> bool:
        return not self.strokes() and self._current is None

    def can_undo(self) -> bool:
        return self._pos > 0

    def can_redo(self) -> bool:
        return self._pos + 1 < len(self._history)

    def _push(self, state: tuple[Stroke, ...]) -> None:
        del self._history[self._pos + 1:]
        self._history.append(state)
        self._pos += 1
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        if self.strokes():
            self._push(())

    def undo(self) -> None:
        if self.can_undo():
            self._pos -= 1
            self.update()
            self.changed.emit()

    def redo(self) -> None:
        if self.can_redo():
            self._pos += 1
            self.update()
            self.changed.emit()

    # -- input ------------------------------------------------------------------------------
    def _ms(self) -> int:
        return int((time.monotonic() - self._t0) * 1000)

    def _begin(self, device: str, pos: QPointF, pressure: float) -> None:
        self._current = Stroke(device, [(round(pos.x(), 1), round(pos.y(), 1), round(pressure, 3), self._ms())])
        self.update()

    def _extend(self, pos: QPointF, pressure: float) -> None:
        if self._current is None:
            return
        last = self._current.points[-1]
        if abs(pos.x() - last[0]) + abs(pos.y() - last[1]) < 0.8:
            return  # ignore jitter below a pixel
        self._current.points.append((round(pos.x(), 1), round(pos.y(), 1), round(pressure, 3), self._ms()))
        self.update(self._dirty_rect(last, self._current.points[-1]))

    def _end(self) -> None:
        if self._current is not None:
            stroke, self._current = self._current, None
            self._push(self.strokes() + (stroke,))

    def _dirty_rect(self, a: tuple, b: tuple) -> Any:
        pad = self.base_width * 3 + 4
        return QRectF(QPointF(min(a[0], b[0]) - pad, min(a[1], b[1]) - pad), QPointF(max(a[0], b[0]) + pad, max(a[1], b[1]) + pad)).toAlignedRect().adjusted(-40, -40, 40, 40)

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        pressure = max(0.05, event.pressure())
        if kind == QEvent.Type.TabletPress:
            self._begin("pen", event.position(), pressure)
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesized mouse events for the pen

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._touch(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        points = event.points()
        if not points:
            return
        point = points[0]
        pressure = point.pressure() if point.pressure() > 0 else 0.5
        if event.type() == QEvent.Type.TouchBegin:
            self._begin("touch", point.position(), pressure)
        elif event.type() == QEvent.Type.TouchUpdate:
            self._extend(point.position(), pressure)
        else:
            self._end()
        event.accept()

    def _synthesized(self, event: QMouseEvent) -> bool:
        return event.source() != Qt.MouseEventSource.MouseEventNotSynthesized

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._synthesized(event) and self._current is None:
            self._begin("mouse", event.position(), 0.5)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None and self._current.device == "mouse":
            self._extend(event.position(), 0.5)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._current is not None and self._current.device == "mouse":
            self._extend(event.position(), 0.5)
            self._end()

    # -- drawing ----------------------------------------------------------------------------
    def _draw(self, painter: QPainter, strokes: tuple[Stroke, ...] | list[Stroke]) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for stroke in strokes:
            pressures = [p[2] for p in stroke.points]
            if stroke.device != "pen" or max(pressures) - min(pressures) <= 0.05:
                width = self.base_width * (0.6 + pressures[0] * 0.8)
                painter.setPen(QPen(self.ink, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
                painter.drawPath(stroke.path())
                continue
            pts = stroke.points  # pressure-sensitive pen: short segments, each with its own width
            for a, b in zip(pts, pts[1:]):
                width = self.base_width * (0.4 + (a[2] + b[2]) * 0.6)
                painter.setPen(QPen(self.ink, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
                painter.drawLine(QPointF(a[0], a[1]), QPointF(b[0], b[1]))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(252, 252, 248))
        painter.setPen(QPen(QColor(200, 200, 200), 1, Qt.PenStyle.DashLine))
        baseline = int(self.height() * 0.75)
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        painter.setPen(QColor(170, 170, 170))
        painter.drawText(18, baseline - 6, "✕")
        strokes = list(self.strokes()) + ([self._current] if self._current else [])
        self._draw(painter, strokes)
        painter.end()

    # -- output -----------------------------------------------------------------------------
    def to_image(self, scale: float = 2.0) -> QImage:
        """The strokes alone on a transparent background, `scale` × the pad size."""
        size = QSize(max(1, int(self.width() * scale)), max(1, int(self.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.scale(scale, scale)
        self._draw(painter, self.strokes())
        painter.end()
        return image

    def to_png(self, scale: float = 2.0) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.to_image(scale).save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def stroke_data(self) -> dict[str, Any]:
        return {"width": self.width(), "height": self.height(),
                "strokes": [{"device": s.device, "points": [list(p) for p in s.points]} for s in self.strokes()]}
