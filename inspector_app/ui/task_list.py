"""The task list: filter bar (search, type, state, due date, risk class) over `TaskTableModel`.

Built before the first paint without touching `PySide6.QtCore.Qt` (see item_roles.py): the
header shows the model's plain `titles` model, and sorting (its arrow takes a `Qt.SortOrder`)
is switched on by `after_first_paint`, which the main window calls once it has painted.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget,
)

from inspector_app.ui import style
from inspector_app.domain.states import TaskType
from inspector_app.ui.ops import Ops
from inspector_app.ui.task_model import COLUMNS, TaskRole, TaskTableModel, type_label


class TaskListWidget(QWidget):
    """Filters + table; emits the task the user selects or activates (Enter / double click)."""

    task_selected = Signal(dict)
    task_activated = Signal(dict)

    def __init__(self, ops: Ops, page_size: int = 200, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = TaskTableModel(ops, page_size=page_size, parent=self)

        # each widget made with its parent (see MainWindow.__init__)
        self.search = QLineEdit(self)
        self.type_box = QComboBox(self)
        self.state_box = QComboBox(self)
        self.due_box = QComboBox(self)
        self.risk_box = QComboBox(self)
        self.count_label = QLabel(self)
        style.role(self.count_label, "hint")
        for box in (self.type_box, self.state_box, self.due_box, self.risk_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(5)
        self.search.setMinimumWidth(140)

        self.view = QTableView(self)
        # Its viewport made here: Python then knows the widget. Asked for the one Qt made
        # (`viewport()`), shiboken would test it against every QWidget subclass to find its
        # Python type, building ~70 classes and their enums (~7 ms of start-up).
        self.view.setViewport(QWidget(self.view))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setModel(self.model.titles)   # after view.setModel, which gives the header the view's model
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for key, width in (("number", 140), ("type", 150), ("enterprise", 240), ("risk", 72), ("due", 100), ("state", 96)):
            header.resizeSection(COLUMNS.index(key), width)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        layout.addLayout(bar)
        bar.addWidget(self.search, 3)
        for box in (self.type_box, self.state_box, self.due_box, self.risk_box):
            bar.addWidget(box)
        layout.addWidget(self.view)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for box in (self.type_box, self.state_box, self.due_box, self.risk_box):
            box.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(lambda index: self.task_activated.emit(self.model.task(index.row())))
        self.model.total_changed.connect(self._show_count)
        self.model.loading_changed.connect(lambda _l: self._show_count(self.model.total))
        self._fill_boxes()

    def after_first_paint(self) -> None:
        """Sorting on, with its arrow on the due date (the order the first page is in); the
        search box's clear button, shown only over text (loading its icon costs ~1 ms)."""
        from PySide6.QtCore import Qt

        self.search.setClearButtonEnabled(True)
        if not self.view.isSortingEnabled():
            self.view.horizontalHeader().setSortIndicator(COLUMNS.index("due"), Qt.SortOrder.AscendingOrder)
            self.view.setSortingEnabled(True)

    # -- filters ------------------------------------------------------------------------------
    def _fill_boxes(self) -> None:
        """(Re)build the combo entries in the current language, keeping the selections."""
        keep = [box.currentData() for box in (self.type_box, self.state_box, self.due_box, self.risk_box)]
        entries = {
            self.type_box: [(self.tr("全部类型"), "")] + [(type_label(t.value), t.value) for t in TaskType],
            self.state_box: [(self.tr("全部状态"), ""), (self.tr("待执行"), "assigned"), (self.tr("进行中"), "in_progress"),
                             (self.tr("已完成"), "done"), (self.tr("已取消"), "cancelled")],
            self.due_box: [(self.tr("全部期限"), ""), (self.tr("已逾期"), "overdue"), (self.tr("今天到期"), "today"),
                           (self.tr("7天内到期"), "week"), (self.tr("30天内到期"), "month")],
            self.risk_box: [(self.tr("全部风险等级"), "")] + [(self.tr("风险 {c}").format(c=c), c) for c in "ABCD"],
        }
        for (box, items), value in zip(entries.items(), keep):
            box.blockSignals(True)
            box.clear()
            for text, data in items:
                box.addItem(text, data)
            index = box.findData(value) if value is not None else 0
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)
        self.search.setPlaceholderText(self.tr("搜索企业名称、任务编号、计划、信用代码、地址…"))
        self._show_count(self.model.total)

    def _apply_filter(self) -> None:
        def one(box: QComboBox) -> tuple[str, ...]:
            value = box.currentData()
            return (value,) if value else ()

        self.model.set_filter(self.model.filter._replace(
            search=self.search.text(),
            types=one(self.type_box),
            states=one(self.state_box),
            risks=one(self.risk_box),
            due=self.due_box.currentData() or "",
        ))

    def set_filter(self, **changes) -> None:
        """Programmatic filtering (tests, links from other screens)."""
        self.model.set_filter(self.model.filter._replace(**changes))

    def _show_count(self, total: int) -> None:
        text = self.tr("共 {n} 项任务").format(n=total)
        if self.model.loading:
            text += " · " + self.tr("加载中…")
        self.count_label.setText(text)

    # -- selection ----------------------------------------------------------------------------
    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.task_selected.emit(self.model.data(current, TaskRole))

    def current_task(self) -> dict | None:
        index = self.view.currentIndex()
        return self.model.data(index, TaskRole) if index.isValid() else None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._fill_boxes()
            self.model.retranslate()
        super().changeEvent(event)
