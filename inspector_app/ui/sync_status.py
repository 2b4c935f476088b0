"""Status-bar widget: offline / syncing / n pending / last synced at.

    widget = SyncStatusWidget(store, auto_sync=None, parent=None)
    statusBar().addPermanentWidget(widget)

With an `AutoSync` (inspector_app.sync.auto; given here or later via `attach_auto_sync`) the
widget follows its events (reachable,
offline, started, progress, finished) and its button asks for a sync now; without one the
button emits `syncRequested` for the window to handle (e.g. open `SyncWindow`). Counts are
read on a worker every `refresh_ms`; the UI thread never touches the database or network.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from inspector_app.domain.ids import parse_utc
from inspector_app.store.db import Store
from inspector_app.sync.status import status as read_status
from inspector_app.ui.sync_jobs import SyncEventBridge, SyncJob

COLORS = {"loading": "#9e9e9e", "offline": "#9e9e9e", "syncing": "#1976d2", "pending": "#f9a825", "ok": "#2e7d32", "error": "#c62828",
          "logged_out": "#9e9e9e"}


class SyncStatusWidget(QWidget):
    syncRequested = Signal()

    def __init__(self, store: Store, auto_sync=None, parent: QWidget | None = None, *, refresh_ms: int = 15000):
        super().__init__(parent)
        self.store = store
        self.auto_sync = auto_sync
        self.state = "loading"
        self.info: dict = {}
        self.online: bool | None = None
        self.syncing = False
        self._job: SyncJob | None = None

        self.dot = QLabel("●")
        self.text = QLabel()
        self.button = QToolButton()
        self.retranslate()
        self.button.clicked.connect(self._sync_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.dot)
        layout.addWidget(self.text)
        layout.addWidget(self.button)

        self.bridge = SyncEventBridge(self)
        self.bridge.event.connect(self.on_event)
        if auto_sync is not None:
            self.attach_auto_sync(auto_sync)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(refresh_ms)
        self.refresh()

    def attach_auto_sync(self, auto_sync) -> None:
        """Follow an `AutoSync` made elsewhere (e.g. by the main window after the seam built this widget)."""
        self.auto_sync = auto_sync
        previous = auto_sync.on_event
        auto_sync.on_event = lambda e: (previous(e), self.bridge(e))

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._job is not None:
            return
        self._job = SyncJob(read_status, self.store, with_progress=False)
        self._job.signals.succeeded.connect(self._got_status)
        self._job.signals.finished.connect(self._job_done)
        self._job.start()

    def _job_done(self) -> None:
        self._job = None

    def _got_status(self, info: dict) -> None:
        self.info = info
        self._render()

    def on_event(self, event: dict) -> None:
        kind = event.get("kind")
        if kind == "reachable":
            self.online = True
        elif kind == "offline":
            self.online = False
        elif kind == "started":
            self.syncing = True
        elif kind == "finished":
            self.syncing = False
            self.refresh()
        self._render()

    # -- view ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.button.setText(self.tr("立即同步"))
        if self.state == "loading":
            self.text.setText(self.tr("正在读取同步状态…"))
        else:
            self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _render(self) -> None:
        info = self.info
        pending = int(info.get("pending_changes", 0)) + int(info.get("pending_blobs", 0))
        last = info.get("last_synced_at")
        last_text = parse_utc(last).astimezone().strftime("%m-%d %H:%M") if last else self.tr("从未")
        error = info.get("last_error") or {}
        if not info.get("logged_in", False) and info:
            self.state, text = "logged_out", self.tr("未登录同步服务器")
        elif self.syncing:
            self.state, text = "syncing", self.tr("正在同步…")
        elif self.online is False or error.get("kind") in ("refused", "dns", "timeout", "connection"):
            self.state, text = "offline", self.tr("离线 · %n 项待同步", "", pending)
        elif error:
            self.state, text = "error", self.tr("同步未完成 · %n 项待同步", "", pending)
        elif pending:
            self.state, text = "pending", self.tr("%n 项待同步", "", pending)
        else:
            self.state, text = "ok", self.tr("已全部同步")
        if info:
            text += " · " + self.tr("上次同步 {t}").replace("{t}", last_text)
        conflicts = int(info.get("conflicts_open", 0) or 0)
        if conflicts:
            text += " · " + self.tr("%n 处冲突待处理", "", conflicts)
        self.text.setText(text)
        self.dot.setStyleSheet(f"color: {COLORS[self.state]};")
        self.setToolTip(error.get("message", "") if error else "")
        self.button.setEnabled(not self.syncing and info.get("logged_in", False))

    def _sync_clicked(self) -> None:
        if self.auto_sync is not None:
            self.auto_sync.sync_now()
            self.syncing = True
            self._render()
        self.syncRequested.emit()
