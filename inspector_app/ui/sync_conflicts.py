"""Conflicts view (Model/View): open conflicts on top, both values side by side below, resolve.

    view = ConflictsView(store, parent=None)
    view.resolved.connect(lambda conflict_id, choice: ...)
    view.reload()          # e.g. after a sync finished

Loading and resolving run on workers (`sync.conflicts.list_conflicts / resolve_conflict`);
the models only hold plain dicts. Nothing is dropped: the side not chosen stays in the
conflict record (and the audit log).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QEvent, QLocale, QModelIndex,
                            QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from inspector_app.domain.ids import parse_utc
from inspector_app.store.db import Store
from inspector_app.sync.conflicts import differences, list_conflicts, resolve_conflict
from inspector_app.ui.sync_jobs import SyncJob
from inspector_app.ui.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex

FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("SyncConflicts", "名称"), "uscc": QT_TRANSLATE_NOOP("SyncConflicts", "统一社会信用代码"),
    "address": QT_TRANSLATE_NOOP("SyncConflicts", "地址"), "contact": QT_TRANSLATE_NOOP("SyncConflicts", "联系人"),
    "phone": QT_TRANSLATE_NOOP("SyncConflicts", "电话"), "legal_rep": QT_TRANSLATE_NOOP("SyncConflicts", "法定代表人"),
    "postcode": QT_TRANSLATE_NOOP("SyncConflicts", "邮政编码"), "province": QT_TRANSLATE_NOOP("SyncConflicts", "省份"),
    "city": QT_TRANSLATE_NOOP("SyncConflicts", "城市"), "district": QT_TRANSLATE_NOOP("SyncConflicts", "区县"),
    "economic_type": QT_TRANSLATE_NOOP("SyncConflicts", "经济类型"), "industry": QT_TRANSLATE_NOOP("SyncConflicts", "行业"),
    "products": QT_TRANSLATE_NOOP("SyncConflicts", "产品"), "licences": QT_TRANSLATE_NOOP("SyncConflicts", "许可证"),
    "risk_class": QT_TRANSLATE_NOOP("SyncConflicts", "风险等级"), "former_names": QT_TRANSLATE_NOOP("SyncConflicts", "曾用名"),
    "state": QT_TRANSLATE_NOOP("SyncConflicts", "状态"), "due_date": QT_TRANSLATE_NOOP("SyncConflicts", "截止日期"),
    "priority": QT_TRANSLATE_NOOP("SyncConflicts", "优先级"), "inspector_ids": QT_TRANSLATE_NOOP("SyncConflicts", "检查人员"),
    "plan": QT_TRANSLATE_NOOP("SyncConflicts", "计划"), "type": QT_TRANSLATE_NOOP("SyncConflicts", "类型"),
    "number": QT_TRANSLATE_NOOP("SyncConflicts", "编号"), "data": QT_TRANSLATE_NOOP("SyncConflicts", "其他内容"),
    "template_id": QT_TRANSLATE_NOOP("SyncConflicts", "检查表"), "source": QT_TRANSLATE_NOOP("SyncConflicts", "任务来源"),
    "category": QT_TRANSLATE_NOOP("SyncConflicts", "任务类别"), "enterprise_id": QT_TRANSLATE_NOOP("SyncConflicts", "企业"),
}


def field_label(key: str) -> str:
    """A field's name for people (the technical name when there is no label)."""
    label = FIELD_LABELS.get(key)
    return QCoreApplication.translate("SyncConflicts", label) if label else key


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class ConflictsModel(RowsTableModel):
    """One row per open conflict."""

    COLUMNS = ("entity", "record", "fields", "detected_at")

    def headers(self) -> list[str]:
        return [self.tr("类型"), self.tr("记录"), self.tr("不同的字段"), self.tr("发现时间")]

    def entity_name(self, entity: str) -> str:
        return {"enterprise": self.tr("企业"), "task": self.tr("任务")}.get(entity, entity)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        col = index.column()
        if col == 0:
            return self.entity_name(row["entity"])
        if col == 1:
            value = row["server_value"] or row["local_value"]
            return value.get("name") or value.get("number") or row["entity_id"]
        if col == 2:
            # the UI language's list ("联系人、电话和地址" / "Contact, Phone, and Address")
            return QLocale().createSeparatedList([field_label(k) for k, _, _ in differences(row)])
        if col == 3:
            try:
                return parse_utc(row["detected_at"]).astimezone().strftime("%Y-%m-%d %H:%M")
            except (ValueError, TypeError):
                return row["detected_at"]
        return None


class ConflictFieldsModel(QAbstractTableModel):
    """The fields of one conflict: field | this computer | server (differences highlighted)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fields: list[tuple[str, Any, Any, bool]] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.headers = [self.tr("字段"), self.tr("本机的值"), self.tr("服务器的值")]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
        if self.fields:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.fields) - 1, 0))

    def set_conflict(self, conflict: dict | None) -> None:
        self.beginResetModel()
        self.fields = []
        if conflict:
            differing = {k for k, _, _ in differences(conflict)}
            local, server = conflict["local_value"], conflict["server_value"]
            keys = sorted(differing) + sorted((set(local) | set(server)) - differing
                                              - {"id", "version", "server_version", "created_at", "updated_at", "author"})
            self.fields = [(k, local.get(k), server.get(k), k in differing) for k in keys]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.fields)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key, local, server, differs = self.fields[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [field_label(key), _show(local), _show(server)][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return key
        if role == Qt.ItemDataRole.BackgroundRole and differs and index.column() > 0:
            return QColor("#fff3cd")
        return None


class ConflictsView(QWidget):
    resolved = Signal(str, str)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._jobs: set[SyncJob] = set()
        self.model = ConflictsModel(self)
        self.fields_model = ConflictFieldsModel(self)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(self._selected)

        self.fields = QTableView()
        self.fields.setModel(self.fields_model)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.fields.verticalHeader().hide()
        self.fields.setWordWrap(True)

        self.loaded = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.keep_local = QPushButton()
        self.use_server = QPushButton()
        self.retranslate()
        self.keep_local.clicked.connect(lambda: self.resolve_selected("local"))
        self.use_server.clicked.connect(lambda: self.resolve_selected("server"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.keep_local)
        buttons.addWidget(self.use_server)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.fields)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        self.reload()

    def retranslate(self) -> None:
        self.keep_local.setText(self.tr("保留本机的值"))
        self.use_server.setText(self.tr("采用服务器的值"))
        rows = len(self.model.rows)
        self.summary.setText(self.tr("正在读取冲突…") if not self.loaded
                             else self.tr("有 %n 处冲突需要您决定。两边的值都已保存，不会丢失。", "", rows) if rows
                             else self.tr("没有待处理的冲突。"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.model.retranslate()
            self.fields_model.retranslate()
            self.retranslate()
        super().changeEvent(event)

    def _run(self, job: SyncJob) -> SyncJob:
        self._jobs.add(job)
        job.signals.finished.connect(lambda: self._jobs.discard(job))
        return job.start()

    def reload(self) -> None:
        job = SyncJob(list_conflicts, self.store, with_progress=False)
        job.signals.succeeded.connect(self._loaded)
        job.signals.failed.connect(lambda exc: self.message.setText(str(exc)))
        self._run(job)

    def _loaded(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        self.loaded = True
        self.retranslate()
        if rows:
            self.table.selectRow(0)
        else:
            self.fields_model.set_conflict(None)
        self._update_buttons()

    def current_conflict(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.fields_model.set_conflict(self.model.rows[current.row()] if current.isValid() else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        enabled = self.current_conflict() is not None
        self.keep_local.setEnabled(enabled)
        self.use_server.setEnabled(enabled)

    def resolve_selected(self, choice: str) -> None:
        conflict = self.current_conflict()
        if conflict is None:
            return
        self.keep_local.setEnabled(False)
        self.use_server.setEnabled(False)
        job = SyncJob(resolve_conflict, self.store, conflict["id"], choice, with_progress=False)
        job.signals.succeeded.connect(lambda _r, cid=conflict["id"]: (self.resolved.emit(cid, choice), self.reload()))
        job.signals.failed.connect(lambda exc: (self.message.setText(str(exc)), self._update_buttons()))
        self._run(job)
