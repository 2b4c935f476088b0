"""Main window: task list, enterprise panel and the seams of other areas, status bar, menus.

`ready` is emitted once the window has painted the first page of tasks (start-up timing,
smoke test); what the first paint does not need is built after it, and nothing before it
touches `PySide6.QtCore.Qt` (see item_roles.py). Inspections open in their own windows; open
drafts are offered in a banner.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QSplitter, QTabWidget, QToolBar, QVBoxLayout,
    QWidget,
)

from inspector_app.ui import style
from inspector_app.ui import seams
from inspector_app.ui.i18n import LANGUAGES
from inspector_app.ui.ops import Ops
from inspector_app.ui.queries import open_drafts, status_counts
from inspector_app.ui.settings import UiSettings
from inspector_app.ui.task_list import TaskListWidget

log = logging.getLogger(__name__)


_gc_settled = False


def settle_gc() -> None:
    """Once the main window shows: move start-up objects out of the garbage collector's sight
    and collect less often, so full collections do not stall typing (cycles are still freed).
    The collector is (back) on afterwards whatever happened before (`ui.app.hold_gc_until_shown`)."""
    global _gc_settled
    import gc

    if not _gc_settled:
        _gc_settled = True
        gc.collect()
        gc.freeze()
        gc.set_threshold(2000, 20, 20)
    gc.enable()


class DraftBanner(QFrame):
    """'You have unfinished inspections' with a button per draft (newest first)."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        style.role(self, "banner")
        self.setObjectName("draft_banner")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(6)
        self.text = QLabel(self)        # on its own line: beside the buttons a narrow window squeezed it
        self.text.setWordWrap(True)
        outer.addWidget(self.text)
        self.layout_ = QHBoxLayout()     # a button per draft, then "later" on the right
        outer.addLayout(self.layout_)
        self.buttons: list[QPushButton] = []
        self.layout_.addStretch(1)
        self.dismiss = QPushButton(self)
        self.dismiss.clicked.connect(self.hide)
        self.layout_.addWidget(self.dismiss)
        self.drafts: list[dict[str, Any]] = []
        self.hide()

    def set_drafts(self, drafts: list[dict[str, Any]]) -> None:
        self.drafts = drafts
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for draft in drafts[:3]:
            button = QPushButton()
            style.role(button, "primary")
            button.setObjectName(f"resume_{draft['id']}")
            button.clicked.connect(lambda _c=False, i=draft["id"]: self.open_requested.emit(i))
            self.layout_.insertWidget(self.layout_.count() - 2, button)
            self.buttons.append(button)
        self.retranslate()
        self.setVisible(bool(drafts))

    def retranslate(self) -> None:
        n = len(self.drafts)
        self.text.setText(self.tr("有 %n 份未完成的检查草稿（所有修改均已自动保存），可继续填写：", "", n))
        for button, draft in zip(self.buttons, self.drafts):
            button.setText(self.tr("继续：{name}").format(name=(draft.get("enterprise") or "")[:14]))
            button.setToolTip(f"{draft.get('task_number', '')} · {draft.get('updated_at', '')}")
        self.dismiss.setText(self.tr("稍后"))


class MainWindow(QMainWindow):
    ready = Signal()                 # shown with the first page of tasks
    inspection_opened = Signal(object)   # InspectionWindow

    def __init__(self, ops: Ops, settings: UiSettings, languages: Any = None, workspace_label: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.settings = settings
        self.languages = languages          # LanguageManager (None in some tests)
        self.workspace_label = workspace_label or str(self.store.paths.root)
        self.inspections: dict[str, Any] = {}
        self.on_switch_workspace: Callable[[], None] | None = None
        self._ready_sent = False
        self._awaiting_paint = False
        self.setObjectName("MainWindow")

        # built top-down, each widget with its parent: one added to a layout or splitter later
        # is re-parented, and that re-resolves its fonts and size hints (~3 ms at start-up)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        self.banner = DraftBanner(central)
        self.banner.open_requested.connect(self.open_inspection)
        # horizontal; by keyword: `QSplitter(central)` tests `central` against Qt.Orientation, building `Qt`
        self.splitter = QSplitter(parent=central)
        self.tasks = TaskListWidget(ops, page_size=settings.get("tasks/page_size"), parent=self.splitter)
        self.tasks.setObjectName("task_list")
        # built after the first paint (see _late_setup; `enterprise` builds it on demand)
        self._enterprise: Any = None
        self._enterprise_pending: str | None = None
        self._late_done = False
        self._closing = False
        self.side = QTabWidget(self.splitter)
        self.side.setObjectName("side_tabs")
        self.enterprise_tab = QWidget(self.side)
        self.enterprise_tab.setObjectName("tab_enterprise")
        QVBoxLayout(self.enterprise_tab).setContentsMargins(0, 0, 0, 0)
        self.samples = seams.LazyTab("samples", lambda: (self.store,), parent=self.side)
        self.documents = seams.LazyTab("document_preview", lambda: (self.store,), parent=self.side)
        self.conflicts = seams.LazyTab("conflicts", lambda: (self.store,), parent=self.side)
        for widget in (self.enterprise_tab, self.samples, self.documents, self.conflicts):
            self.side.addTab(widget, "")
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 540])
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar()

        self.tasks.task_selected.connect(self._task_selected)
        self.tasks.task_activated.connect(self.open_task)
        self.tasks.model.first_page_loaded.connect(self._first_page)
        ops.written.connect(self._schedule_status)
        ops.error.connect(self._show_error)
        ops.writes_changed.connect(self._writes_changed)
        self._status_timer = QTimer(self, singleShot=True, interval=400)
        self._status_timer.timeout.connect(self.refresh_status)

        self.retranslate()
        self._restore_layout()
        self.resize(1360, 860) if not settings.get("main/geometry") else None

    # -- building ------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.act_open = QAction(self)
        self.act_open.triggered.connect(lambda: self.open_task(self.tasks.current_task()) if self.tasks.current_task() else None)
        self.act_refresh = QAction(self)
        self.act_refresh.triggered.connect(self.refresh)
        self.act_search = QAction(self)
        self.act_search.triggered.connect(lambda: (self.tasks.search.setFocus(), self.tasks.search.selectAll()))
        self.act_identity = QAction(self)
        self.act_identity.triggered.connect(self.edit_identity)
        self.act_switch = QAction(self)
        self.act_switch.triggered.connect(lambda: self.on_switch_workspace() if self.on_switch_workspace else None)
        self.act_quit = QAction(self)
        self.act_quit.triggered.connect(self.close)
        self.act_about = QAction(self)
        self.act_about.triggered.connect(self.show_about)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(self)   # not QAction(text, parent): resolving that overload builds QIcon's enums (~1.5 ms of start-up)
            action.setText(name)
            action.setCheckable(True)
            action.setData(code)
            action.setObjectName(f"lang_{code}")
            self.language_group.addAction(action)
            action.triggered.connect(lambda _c=False, c=code: self.set_language(c))
            self.language_actions[code] = action
        current = self.languages.language if self.languages is not None else "zh_CN"
        self.language_actions.get(current, self.language_actions["zh_CN"]).setChecked(True)

        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_switch)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_tasks = bar.addMenu("")
        self.menu_tasks.addAction(self.act_open)
        self.menu_tasks.addAction(self.act_search)
        self.menu_tasks.addAction(self.act_refresh)
        self.menu_settings = bar.addMenu("")
        self.menu_settings.addAction(self.act_identity)
        self.menu_language = self.menu_settings.addMenu("")
        self.menu_language.setObjectName("menu_language")
        for action in self.language_actions.values():
            self.menu_language.addAction(action)
        self.menu_sync = bar.addMenu("")
        self.act_login = QAction(self)
        self.act_login.triggered.connect(self.show_login)
        self.act_sync_batch = QAction(self)
        self.act_sync_batch.triggered.connect(self.show_sync_window)
        self.menu_sync.addAction(self.act_login)
        self.menu_sync.addAction(self.act_sync_batch)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)

        toolbar = QToolBar()
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)    # its actions have no icon, so the buttons show their text
        toolbar.addAction(self.act_open)
        toolbar.addAction(self.act_refresh)
        self.addToolBar(toolbar)

    def _bind_shortcuts(self) -> None:
        """After the first paint: a key sequence resolves `Qt.Key` (see item_roles.py)."""
        from PySide6.QtGui import QKeySequence

        self.act_open.setShortcut(QKeySequence("Ctrl+O"))
        self.act_refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        self.act_search.setShortcut(QKeySequence.StandardKey.Find)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_workspace = QLabel()
        self.status_inspector = QLabel()
        self.status_pending = QLabel()
        self.status_pending.setObjectName("pending_changes")
        self.status_saving = QLabel()
        self._sync_status: QWidget | None = None    # another area's widget: after the first paint
        self.auto_sync = None                          # inspector_app.sync.auto.AutoSync, after the first paint
        for widget in (self.status_workspace, self.status_inspector, self.status_pending, self.status_saving):
            widget.setContentsMargins(8, 0, 12, 0)
        for widget in (self.status_workspace, self.status_inspector):
            bar.addWidget(widget)
        bar.addPermanentWidget(self.status_saving)
        bar.addPermanentWidget(self.status_pending)
        self.pending_changes: int | None = None
        self.identity: tuple[str, str] = ("", "")

    @property
    def is_ready(self) -> bool:
        """Shown with the first page of tasks (`ready` was emitted)."""
        return self._ready_sent

    @property
    def store(self) -> Any:
        """The open workspace; None for a moment at start-up (see `attach_store`)."""
        return self.ops.store

    def attach_store(self, store: Any) -> None:
        """Start-up shows the first page read straight from the file, then opens the workspace;
        what needs it (status, drafts, enterprise panel, sync) starts now."""
        self.ops.attach(store)
        QTimer.singleShot(0, self._late_setup)

    @property
    def enterprise(self) -> Any:
        """The enterprise panel (EnterprisePanel), built on first use."""
        return self._build_enterprise()

    def _build_enterprise(self) -> Any:
        if self._enterprise is None:
            from inspector_app.ui.enterprise_panel import EnterprisePanel

            panel = EnterprisePanel(self.ops)
            panel.inspection_activated.connect(self.open_inspection)
            self.enterprise_tab.layout().addWidget(panel)
            self._enterprise = panel
        return self._enterprise

    @property
    def sync_status(self) -> QWidget:
        """The sync area's status widget (or its placeholder), built on first use."""
        return self._build_sync_status()

    def _build_sync_status(self) -> QWidget:
        if self._sync_status is None:
            widget = seams.make("sync_status", self.store)
            widget.setMaximumHeight(28)
            self.statusBar().addPermanentWidget(widget)
            self._sync_status = widget
        return self._sync_status

    def _late_setup(self) -> None:
        """What the first paint does not need: the enterprise panel and the sync status
        (after the first paint, once the workspace is open)."""
        if self._late_done or not self._ready_sent or self.store is None or self._closing:
            return
        self._late_done = True
        self._load_status_and_drafts()   # after the first paint: these queries would compete with it
        self._build_enterprise()
        self._build_sync_status()
        self._start_auto_sync()
        if self._enterprise_pending is not None:
            self.enterprise.show_enterprise(self._enterprise_pending)
            self._enterprise_pending = None

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("现场检查") + " — Field Inspector")
        self.act_open.setText(self.tr("开始/继续检查"))
        self.act_refresh.setText(self.tr("刷新"))
        self.act_search.setText(self.tr("搜索任务"))
        self.act_identity.setText(self.tr("检查人员信息…"))
        self.act_switch.setText(self.tr("切换工作区…"))
        self.act_quit.setText(self.tr("退出"))
        self.act_about.setText(self.tr("关于现场检查"))
        self.menu_file.setTitle(self.tr("文件"))
        self.menu_tasks.setTitle(self.tr("任务"))
        self.menu_settings.setTitle(self.tr("设置"))
        self.menu_language.setTitle(self.tr("语言 / Language"))
        self.menu_help.setTitle(self.tr("帮助"))
        self.menu_sync.setTitle(self.tr("同步"))
        self.act_login.setText(self.tr("登录服务器…"))
        self.act_sync_batch.setText(self.tr("全部同步（办公室批量）…"))
        self.side.setTabText(0, self.tr("企业"))
        self.side.setTabText(1, seams.label("samples"))
        self.side.setTabText(2, seams.label("document_preview"))
        self.side.setTabText(3, seams.label("conflicts"))
        self.banner.retranslate()
        self.refresh_status_labels()

    # -- data ----------------------------------------------------------------------------------
    def start(self, first_page: tuple[int, list[dict[str, Any]]] | None = None) -> None:
        """Load the first page of tasks (unless prefetched), status counts and open drafts (in the background)."""
        if first_page is not None and self.tasks.model.filter == type(self.tasks.model.filter)(today=self.tasks.model.filter.today):
            self.tasks.model.preload(*first_page)
        else:
            self.tasks.model.reload()
        if self._late_done:  # a restart (e.g. after switching workspace); else _late_setup asks
            self._load_status_and_drafts()

    def _load_status_and_drafts(self) -> None:
        self.refresh_status()
        self.ops.query(lambda ctx: open_drafts(self.store.read()), on_success=self.banner.set_drafts)

    def refresh(self) -> None:
        self.tasks.model.reload()
        if self._enterprise is not None:
            self._enterprise.refresh()
        self.refresh_status()

    def _first_page(self) -> None:
        """The first page is in the model and the window visible: `ready` follows its paint,
        or half a second, should the window not be painted at all (not exposed: another virtual
        desktop, say) — the workspace opens then anyway."""
        if not self._ready_sent and not self._awaiting_paint and self.isVisible():
            self._awaiting_paint = True
            if self.tasks.model.rowCount() and not self.tasks.view.currentIndex().isValid():
                self.tasks.view.selectRow(0)
            self.tasks.view.viewport().installEventFilter(self)
            self.tasks.view.viewport().update()
            QTimer.singleShot(500, self, self._painted)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """Only installed until the task table first paints with its first page. The work
        queued here runs after that paint reached the screen (Qt posts its repaints at low
        priority, so work queued before it would delay the window's first appearance)."""
        if event.type() == QEvent.Type.Paint and watched is self.tasks.view.viewport():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        if self._ready_sent:
            return
        self._ready_sent = True
        self.tasks.view.viewport().removeEventFilter(self)
        self.ready.emit()
        QTimer.singleShot(0, self.tasks.after_first_paint)
        QTimer.singleShot(0, self._bind_shortcuts)
        QTimer.singleShot(0, self._late_setup)
        QTimer.singleShot(0, settle_gc)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._ready_sent and self.tasks.model.rowCount() and not self.tasks.model.loading:
            QTimer.singleShot(0, self._first_page)

    def _task_selected(self, task: dict[str, Any]) -> None:
        if not self._late_done:       # the panel is built on the next turn of the event loop
            self._enterprise_pending = task["enterprise_id"]
            QTimer.singleShot(0, self._late_setup)
        else:
            self.enterprise.show_enterprise(task["enterprise_id"])
        for widget in (self.samples, self.documents):
            seams.call_if(widget, "set_task", task)
            seams.call_if(widget, "set_enterprise", task["enterprise_id"])

    def _schedule_status(self) -> None:
        if not self._status_timer.isActive():
            self._status_timer.start()

    def refresh_status(self) -> None:
        self.ops.query(lambda ctx: status_counts(self.store.read()), on_success=self._status_loaded)

    def _status_loaded(self, counts: dict[str, Any]) -> None:
        self.pending_changes = counts["pending"]
        self.identity = (counts["inspector_name"], counts["inspector_cert_no"])
        self.refresh_status_labels()

    def refresh_status_labels(self) -> None:
        self.status_workspace.setText(self.tr("工作区：{p}").format(p=self.workspace_label))
        name = self.identity[0] or self.tr("未设置")
        cert = self.identity[1] or "—"
        self.status_inspector.setText(self.tr("检查人员：{n}（执法证号 {c}）").format(n=name, c=cert))
        if self.pending_changes is not None:
            self.status_pending.setText(self.tr("待同步更改：{n}").format(n=self.pending_changes))

    def _writes_changed(self, count: int) -> None:
        self.status_saving.setText(self.tr("正在保存…") if count else "")

    def _show_error(self, exc: BaseException) -> None:
        self.statusBar().showMessage(self.tr("操作失败：{e}").format(e=exc), 15000)

    # -- inspections ---------------------------------------------------------------------------
    def open_task(self, task: dict[str, Any] | None) -> None:
        """Continue the task's inspection, or start one (pinned to its template)."""
        if not task:
            return
        from inspector_app import checklists

        def find(ctx):
            from inspector_app.ui.inspection.loader import find_inspection

            return find_inspection(self.store.read(), task["id"])

        def found(inspection_id: str | None) -> None:
            if inspection_id:
                self.open_inspection(inspection_id)
            elif task.get("state") in ("done", "cancelled"):
                self.statusBar().showMessage(self.tr("该任务已结束，没有检查记录。"), 8000)
            else:
                self.ops.write(checklists.start_inspection, task["id"], on_success=self._started)

        self.ops.query(find, on_success=found)

    def _started(self, inspection_id: str) -> None:
        self.tasks.model.reload()
        self.open_inspection(inspection_id)

    def open_inspection(self, inspection_id: str, on_open: Callable[[Any], None] | None = None) -> None:
        window = self.inspections.get(inspection_id)
        if window is not None:
            window.show()
            window.raise_()
            window.activateWindow()
            if on_open:
                on_open(window)
            return
        def load(ctx):
            from inspector_app.ui.inspection.loader import load_session

            return load_session(self.store.read(), inspection_id)

        self.ops.query(load, on_success=lambda res: self._show_inspection(*res, on_open=on_open))

    def _show_inspection(self, session: Any, extra: dict[str, Any], on_open=None) -> None:
        from inspector_app.ui.inspection.window import InspectionWindow

        window = InspectionWindow(self.ops, session, settings=self.settings, extra=extra)
        inspection_id = window.inspection_id
        self.inspections[inspection_id] = window
        window.closed.connect(self._inspection_closed)
        window.finalized.connect(lambda _i: self.refresh())
        window.opened_amendment.connect(self._amendment_created)
        window.show()
        self.banner.set_drafts([d for d in self.banner.drafts if d["id"] != inspection_id])
        self.inspection_opened.emit(window)
        if on_open:
            on_open(window)

    def _amendment_created(self, new_id: str) -> None:
        self.refresh()
        self.open_inspection(new_id)

    def _inspection_closed(self, inspection_id: str) -> None:
        self.inspections.pop(inspection_id, None)
        self.tasks.model.reload()
        if self._enterprise is not None:
            self._enterprise.refresh()
        self.refresh_status()

    # -- dialogs -------------------------------------------------------------------------------
    def edit_identity(self) -> None:
        from inspector_app.ui.first_run import IdentityDialog

        dialog = IdentityDialog(self.ops, self)
        if dialog.exec():
            self.refresh_status()

    def show_about(self) -> None:
        from inspector_app.ui.about import AboutDialog

        AboutDialog(self.store.paths.root, self).exec()

    def set_language(self, code: str) -> None:
        if self.languages is not None:
            self.languages.apply(code)
            code = self.languages.language
        self.language_actions[code].setChecked(True)
        self.settings.set("ui/language", code)
        from inspector_app import settings as workspace_settings_

        self.ops.write(workspace_settings_.put, "language", code)   # the workspace remembers it too (CLI, backups)
        from inspector_app.ui.settings import pointer_settings

        pointer = pointer_settings()
        pointer.set("ui/language", code)
        pointer.sync()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- layout memory ---------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.get("main/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        state = self.settings.get("main/state")
        if state:
            self.restoreState(state)
        splitter = self.settings.get("main/splitter")
        if splitter:
            self.splitter.restoreState(splitter)
        header = self.settings.get("main/task_header")
        if header:
            self.tasks.view.horizontalHeader().restoreState(header)

    def save_layout(self) -> None:
        self.settings.set("main/geometry", self.saveGeometry())
        self.settings.set("main/state", self.saveState())
        self.settings.set("main/splitter", self.splitter.saveState())
        self.settings.set("main/task_header", self.tasks.view.horizontalHeader().saveState())
        self.settings.sync()

    # -- sync ------------------------------------------------------------------------------------
    def _start_auto_sync(self) -> None:
        """Sync in the background whenever the server is reachable (setting `sync.auto`)."""
        from inspector_app.sync.auto import AutoSync

        self.auto_sync = AutoSync(self.store)
        seams.call_if(self.sync_status, "attach_auto_sync", self.auto_sync)
        self.auto_sync.start()

    def show_login(self) -> None:
        from inspector_app.ui.sync_login import SyncLoginDialog

        if SyncLoginDialog(self.store, self).exec() and self.auto_sync is not None:
            self.auto_sync.sync_now()      # logged in: sync now rather than at the next interval
        self.refresh_status()

    def show_sync_window(self) -> None:
        from inspector_app.ui.sync_window import SyncWindow

        SyncWindow(self.store, self).exec()
        self.refresh()
        self.refresh_status()

    def closeEvent(self, event) -> None:  # noqa: N802
        self._closing = True
        if self.auto_sync is not None:
            self.auto_sync.stop(timeout=2.0)
        for window in list(self.inspections.values()):
            window.close()
        self.save_layout()
        super().closeEvent(event)
