"""The office batch: one window showing records, files, bytes, speed, time left, with cancel.

    window = SyncWindow(store, parent=None, start=True)
    window.finished_report.connect(lambda report: ...)   # SyncReport.to_json()
    window.show()

The sync (`engine.run_sync`) runs on a worker; progress arrives as plain dicts through a
queued signal. Cancel asks the worker to stop at the next safe point (between chunks and
batches): what was sent stays sent, the next sync continues from there.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget)

from inspector_app.store.db import Store
from inspector_app.ui.sync_jobs import SyncJob


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def human_seconds(s: float) -> str:
    s = int(round(s))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {(s % 3600) // 60:02d} min"


class SyncWindow(QDialog):
    finished_report = Signal(dict)

    def __init__(self, store: Store, parent: QWidget | None = None, *, start: bool = True):
        super().__init__(parent)
        self.store = store
        self.job: SyncJob | None = None
        self.report: dict | None = None
        self._started = 0.0
        self._speed_window: list[tuple[float, int]] = []
        self.setWindowTitle(self.tr("同步"))
        self.setMinimumWidth(520)

        self.phase = QLabel(self.tr("准备同步…"))
        self.records_bar = QProgressBar()
        self.files_bar = QProgressBar()
        self.records = QLabel("–")
        self.files = QLabel("–")
        self.bytes = QLabel("–")
        self.speed = QLabel("–")
        self.eta = QLabel("–")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("记录"), self._pair(self.records_bar, self.records))
        form.addRow(self.tr("照片和文件"), self._pair(self.files_bar, self.files))
        form.addRow(self.tr("数据量"), self.bytes)
        form.addRow(self.tr("速度"), self.speed)
        form.addRow(self.tr("剩余时间"), self.eta)

        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.accept)
        self.close_button.setEnabled(False)
        self.retry_button = QPushButton(self.tr("重试"))
        self.retry_button.clicked.connect(self.start)
        self.retry_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.phase)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        if start:
            self.start()

    @staticmethod
    def _pair(bar: QProgressBar, label: QLabel) -> QWidget:
        w = QWidget()
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(bar, 1)
        row.addWidget(label)
        return w

    # -- running ------------------------------------------------------------------------------
    def start(self) -> None:
        if self.job is not None:
            return
        self.report = None
        self._started = time.monotonic()
        self._speed_window.clear()
        self.message.clear()
        self.message.setStyleSheet("")
        self.retry_button.setVisible(False)
        self.close_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.phase.setText(self.tr("正在连接服务器…"))
        self.job = SyncJob("inspector_app.sync.engine:run_sync", self.store)
        self.job.signals.progressed.connect(self.on_progress)
        self.job.signals.succeeded.connect(self.on_finished)
        self.job.signals.failed.connect(self.on_failed)
        self.job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.phase.setText(self.tr("正在取消…（已传完的部分会保留）"))

    def on_progress(self, p: dict) -> None:
        phase = p.get("phase")
        if phase == "push":
            self.phase.setText(self.tr("正在上传记录…"))
            total, done = int(p.get("total") or 0), int(p.get("done") or 0)
            self.records_bar.setMaximum(max(total, 1))
            self.records_bar.setValue(min(done, max(total, 1)))
            self.records.setText(f"{done} / {total}")
        elif phase == "blobs":
            self.phase.setText(self.tr("正在上传照片和文件…"))
            done, total = int(p.get("bytes_done") or 0), int(p.get("bytes_total") or 0)
            fdone, ftotal = int(p.get("files_done") or 0), int(p.get("files_total") or 0)
            self.files_bar.setMaximum(max(ftotal, 1))
            self.files_bar.setValue(min(fdone, max(ftotal, 1)))
            self.files.setText(f"{fdone} / {ftotal}")
            self.bytes.setText(f"{human_bytes(done)} / {human_bytes(total)}")
            now = time.monotonic()
            self._speed_window.append((now, done))
            self._speed_window = [(t, b) for t, b in self._speed_window if now - t <= 5.0]
            t0, b0 = self._speed_window[0]
            if now - t0 > 0.2 and done > b0:
                rate = (done - b0) / (now - t0)
                self.speed.setText(f"{human_bytes(rate)}/s")
                self.eta.setText(human_seconds(max(0, total - done) / rate))
        elif phase == "pull":
            self.phase.setText(self.tr("正在接收任务和资料…"))

    def on_finished(self, report) -> None:
        self.job = None
        data = report.to_json() if hasattr(report, "to_json") else dict(report)
        self.report = data
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.eta.setText("–")
        if data.get("error"):
            self.phase.setText(self.tr("同步未完成"))
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(data["error"]["message"])
            self.retry_button.setVisible(data["error"].get("kind") != "not_logged_in")
        elif data.get("ok"):
            self.phase.setText(self.tr("全部数据已同步，服务器已确认完整。"))
            self.records_bar.setValue(self.records_bar.maximum())
            self.files_bar.setValue(self.files_bar.maximum())
        else:
            self.phase.setText(self.tr("同步已结束，但仍有数据未完成"))
            lines = [self.tr("待同步记录：%n", "", data.get("pending_changes", 0)),
                     self.tr("待上传文件：%n", "", data.get("pending_blobs", 0))]
            for rej in data.get("rejected_reasons", [])[:5]:
                lines.append(self.tr("被服务器拒收：") + f"{rej.get('entity')} · {rej.get('reason')}")
            self.message.setText("\n".join(lines))
            self.retry_button.setVisible(True)
        self.finished_report.emit(data)

    def on_failed(self, exc: Exception) -> None:
        self.job = None
        self.phase.setText(self.tr("同步未完成"))
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(str(exc))
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.retry_button.setVisible(True)

    def reject(self) -> None:  # Esc / window close: cancel a running sync first
        if self.job is not None:
            self.cancel()
            return
        super().reject()
