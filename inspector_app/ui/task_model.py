"""Task list model: SQL-side filter, sort and paging; rows arrive from a worker thread.

`fetchMore` asks for the next page in the background; changing the filter or the sort
starts a new generation and late pages of the old one are dropped.

Nothing here touches `PySide6.QtCore.Qt` before the first paint (see item_roles.py):
- the column titles live in `titles`, a plain Qt model the view's header shows (a Python
  `headerData` would be called with a `Qt.Orientation`: the view's headers call it at once);
- colours are returned as QColor (the delegate paints them as a brush; `QBrush(colour)`
  resolves its `Qt.BrushStyle` default);
- `sort` may, as it is only called once sorting is on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtGui import QColor, QFont, QStandardItemModel

from inspector_app.domain.states import TASK_TYPE_LABELS, state_label
from inspector_app.ui import item_roles as roles
from inspector_app.ui import style
from inspector_app.ui.ops import Ops
from inspector_app.ui.queries import OPEN_STATES, TaskFilter, count_tasks, task_page


def _t(text: str) -> str:
    return QCoreApplication.translate("TaskTableModel", text)


COLUMNS = ("number", "type", "enterprise", "risk", "due", "state", "plan")
HEADERS = {
    "number": QT_TRANSLATE_NOOP("TaskTableModel", "任务编号"),
    "type": QT_TRANSLATE_NOOP("TaskTableModel", "类型"),
    "enterprise": QT_TRANSLATE_NOOP("TaskTableModel", "企业"),
    "risk": QT_TRANSLATE_NOOP("TaskTableModel", "风险等级"),
    "due": QT_TRANSLATE_NOOP("TaskTableModel", "截止日期"),
    "state": QT_TRANSLATE_NOOP("TaskTableModel", "状态"),
    "plan": QT_TRANSLATE_NOOP("TaskTableModel", "计划"),
}
OVERDUE_DAYS = QT_TRANSLATE_NOOP("TaskTableModel", "已逾期 {n} 天")
DRAFT_MARK = QT_TRANSLATE_NOOP("TaskTableModel", "检查草稿")

TaskRole = roles.USER + 1


def type_label(value: str) -> str:
    for key, (zh, en) in TASK_TYPE_LABELS.items():
        if key.value == value:
            from inspector_app.i18n import language

            return zh if language() == "zh_CN" else en
    return value


class TaskTableModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    total_changed = Signal(int)
    first_page_loaded = Signal()

    def __init__(self, ops: Ops, page_size: int = 200, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.page_size = page_size
        self.filter = TaskFilter(today=date.today().isoformat())
        self._rows: list[dict[str, Any]] = []
        self._total = 0
        self._generation = 0
        self._loading = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._colours: dict[str, QColor] = {}
        self.titles = QStandardItemModel(0, len(COLUMNS), self)
        self._set_titles()

    # -- loading ----------------------------------------------------------------------------
    def set_filter(self, new_filter: TaskFilter) -> None:
        self.filter = new_filter
        self.reload()

    def reload(self) -> None:
        """Start over with the current filter (first page and the count, in the background)."""
        self._generation += 1
        generation = self._generation
        flt = self.filter._replace(today=date.today().isoformat())
        self.filter = flt
        self._set_loading(True)
        limit = self.page_size

        def work(ctx):
            db = self.ops.store.read()
            return count_tasks(db, flt), task_page(db, flt, 0, limit)

        self.ops.query(work, on_success=lambda res: self._first_page(generation, *res),
                       on_failure=lambda exc: self._failed(generation, exc))

    def preload(self, total: int, rows: list[dict[str, Any]]) -> None:
        """Show a first page read before the window existed (start-up prefetch, default filter)."""
        self._generation += 1
        self._first_page(self._generation, total, rows)

    def _first_page(self, generation: int, total: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows = rows
        self._total = total
        self.endResetModel()
        self._set_loading(False)
        self.total_changed.emit(total)
        self.first_page_loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._set_loading(False)
            self.ops.error.emit(exc)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt API
        if not self.canFetchMore(parent):
            return
        generation = self._generation
        flt, offset, limit = self.filter, len(self._rows), self.page_size
        self._set_loading(True)

        def work(ctx):
            return task_page(self.ops.store.read(), flt, offset, limit)

        self.ops.query(work, on_success=lambda rows: self._more(generation, offset, rows),
                       on_failure=lambda exc: self._failed(generation, exc))

    def _more(self, generation: int, offset: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._set_loading(False)
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def total(self) -> int:
        return self._total

    def task(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def row_of(self, task_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row["id"] == task_id:
                return i
        return -1

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def _set_titles(self) -> None:
        self.titles.setHorizontalHeaderLabels([_t(HEADERS[key]) for key in COLUMNS])

    def sort(self, column: int, order=None) -> None:
        from PySide6.QtCore import Qt

        key = COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if key != self.filter.sort or descending != self.filter.descending:
            self.set_filter(self.filter._replace(sort=key, descending=descending))

    def is_overdue(self, row: dict[str, Any]) -> bool:
        return bool(row.get("due_date")) and row["due_date"] < self.filter.today and row["state"] in OPEN_STATES

    def data(self, index: QModelIndex | QPersistentModelIndex, role=roles.DISPLAY):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()]
        if role == roles.DISPLAY:
            if key == "number":
                return row["number"]
            if key == "type":
                return type_label(row["type"])
            if key == "enterprise":
                return row["enterprise"]
            if key == "risk":
                return row["risk"]
            if key == "due":
                return row["due_date"] or "—"
            if key == "state":
                text = state_label(row["state"])
                if row.get("inspection_state") == "draft":
                    text += " · " + _t(DRAFT_MARK)
                return text
            if key == "plan":
                return row["plan"]
        if role == TaskRole:
            return row
        overdue = self.is_overdue(row)
        if role == roles.TOOLTIP and key == "due" and overdue:
            days = (date.fromisoformat(self.filter.today) - date.fromisoformat(row["due_date"])).days
            return _t(OVERDUE_DAYS).format(n=days)
        if role == roles.BACKGROUND:
            if overdue:
                return self._colour(style.OVERDUE_ROW, True)
            if key == "risk":
                return self._colour(style.RISK_COLOURS.get(row["risk"], style.MUTED), True)
            return None
        if role == roles.FOREGROUND:
            if key == "due" and overdue:
                return self._colour(style.BAD)
            if key == "risk":
                return self._colour(style.RISK_COLOURS.get(row["risk"], style.MUTED))
            if key == "state":
                return self._colour(style.STATE_COLOURS.get(row["state"], style.MUTED))
        if role == roles.FONT and ((key == "due" and overdue) or key == "risk"):
            return self._bold
        if role == roles.TEXT_ALIGNMENT and key in ("risk", "due"):
            return roles.ALIGN_CENTER
        return None

    def _colour(self, pair: tuple[str, str], background: bool = False) -> QColor:
        key = pair[1] if background else pair[0]
        colour = self._colours.get(key)
        if colour is None:
            colour = self._colours[key] = style.colour(pair, background)
        return colour

    def retranslate(self) -> None:
        self._set_titles()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
