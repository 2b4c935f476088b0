"""Webcam capture through QtMultimedia, where a camera exists; gracefully absent otherwise."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


@lru_cache(maxsize=1)
def camera_available() -> bool:
    """True when QtMultimedia sees at least one video input (asked once per session: the
    first call loads the multimedia backend)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


class WebcamCaptureDialog(QDialog):
    """`WebcamCaptureDialog(save_dir, parent=None)`: live preview and a capture button.

    Each capture is saved as a JPEG in `save_dir`; signal `captured(str)` gives its path (import
    it like any other photo). Without a camera the dialog says so and offers only Close.
    """

    captured = Signal(str)

    def __init__(self, save_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("拍照"))
        self.save_dir = Path(save_dir)
        self.save_dir.mkdir(parents=True, exist_ok=True)
        self.status = QLabel()
        self.capture_button = QPushButton(self.tr("拍照"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        self._camera = None
        if camera_available():
            from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QMediaDevices
            from PySide6.QtMultimediaWidgets import QVideoWidget

            self._camera = QCamera(QMediaDevices.defaultVideoInput())
            self._session = QMediaCaptureSession()
            self._session.setCamera(self._camera)
            self._capture = QImageCapture()
            self._capture.setFileFormat(QImageCapture.FileFormat.JPEG)
            self._session.setImageCapture(self._capture)
            preview = QVideoWidget()
            preview.setMinimumSize(480, 360)
            self._session.setVideoOutput(preview)
            self._capture.imageSaved.connect(lambda _id, path: (self.captured.emit(path), self.status.setText(self.tr("已保存"))))
            self._capture.errorOccurred.connect(lambda _id, _err, text: self.status.setText(text))
            self.capture_button.clicked.connect(self.capture)
            layout.addWidget(preview, 1)
            self._camera.start()
        else:
            self.status.setText(self.tr("没有找到摄像头。请连接摄像头，或从文件导入照片。"))
            self.capture_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.capture_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)

    def capture(self) -> None:
        from inspector_app.domain.ids import uuid7

        if self._camera is not None and self._capture.isReadyForCapture():
            self._capture.captureToFile(str(self.save_dir / f"webcam-{uuid7()}.jpg"))

    def done(self, result: int) -> None:
        if self._camera is not None:
            self._camera.stop()
        super().done(result)
