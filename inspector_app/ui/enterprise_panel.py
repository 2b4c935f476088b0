"""Enterprise panel: details, licences with status, risk class, history of inspections and samples.

Loaded in the background when the selected task changes; a late answer for an enterprise
no longer selected is dropped.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QFrame, QHeaderView, QLabel, QScrollArea, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from inspector_app.custody.status import summary_label
from inspector_app.domain.states import state_label
from inspector_app.i18n import separated
from inspector_app.ui import style
from inspector_app.ui.ops import Ops
from inspector_app.ui.queries import enterprise_profile
from inspector_app.ui.task_model import type_label


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _fit(table: QTableWidget) -> None:
    """Show every row without an inner scroll bar (the panel itself scrolls); hide when empty."""
    table.setVisible(table.rowCount() > 0)
    height = table.horizontalHeader().height() + 4
    for row in range(table.rowCount()):
        height += table.rowHeight(row)
    table.setFixedHeight(max(height, 40))


def _coloured(text: str, pair: tuple[str, str]) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setForeground(QColor(pair[0]))
    item.setBackground(QColor(pair[1]))
    return item


# Licence statuses as registries write them (English or Chinese) -> our code for them.
LICENCE_STATUSES = {"valid": "valid", "有效": "valid", "expired": "expired", "过期": "expired", "revoked": "revoked",
                    "吊销": "revoked", "撤销": "revoked", "cancelled": "cancelled", "注销": "cancelled",
                    "suspended": "suspended", "暂停": "suspended"}


def licence_state(licence: dict[str, Any], today: str) -> tuple[str, tuple[str, str]]:
    """(state, colours) of a licence: its status as our code (an unknown one as written), expired when past
    its validity."""
    written = (licence.get("status") or "").lower()
    state = LICENCE_STATUSES.get(written, written)
    valid_until = licence.get("valid_until") or ""
    if state in ("revoked", "cancelled"):
        return state, style.BAD
    if state == "suspended":
        return state, style.WARN
    if state == "expired" or (valid_until and valid_until < today):
        return "expired", style.BAD
    return state or "valid", style.OK


class EnterprisePanel(QWidget):
    """Read-only profile of the enterprise behind the selected task."""

    inspection_activated = Signal(str)   # inspection id (history row double-clicked)

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.enterprise_id: str | None = None
        self.profile: dict[str, Any] | None = None

        self.name = QLabel()
        style.role(self.name, "title")
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.risk = QLabel()
        self.risk.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.empty = QLabel()
        style.role(self.empty, "hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(6)
        self.fields: dict[str, QLabel] = {}
        self.field_labels: dict[str, QLabel] = {}
        for key in ("uscc", "address", "legal_rep", "contact", "phone", "industry", "products", "former_names"):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label = QLabel()
            style.role(label, "hint")
            self.fields[key], self.field_labels[key] = value, label
            self.form.addRow(label, value)

        self.licences_title = QLabel()
        self.licences = _table(5)
        self.history_title = QLabel()
        self.history = _table(5)
        self.history.itemDoubleClicked.connect(self._history_activated)
        self.samples_title = QLabel()
        self.samples = _table(5)
        for title in (self.licences_title, self.history_title, self.samples_title):
            style.role(title, "section")

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(16, 14, 16, 14)
        inner.setSpacing(8)
        inner.addWidget(self.name)
        inner.addWidget(self.risk)
        inner.addLayout(self.form)
        for widget in (self.licences_title, self.licences, self.history_title, self.history, self.samples_title, self.samples):
            inner.addWidget(widget)
        inner.addStretch(1)
        self.body = body

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(scroll)
        self.scroll = scroll
        self.retranslate()
        self._show(None)

    def retranslate(self) -> None:
        labels = {
            "uscc": self.tr("统一社会信用代码"), "address": self.tr("地址"), "legal_rep": self.tr("法定代表人"),
            "contact": self.tr("联系人"), "phone": self.tr("电话"), "industry": self.tr("行业"),
            "products": self.tr("主要产品"), "former_names": self.tr("曾用名"),
        }
        for key, text in labels.items():
            self.field_labels[key].setText(text)
        self.licences_title.setText(self.tr("许可证与认证"))
        self.history_title.setText(self.tr("检查记录"))
        self.samples_title.setText(self.tr("抽样记录"))
        self.licences.setHorizontalHeaderLabels([self.tr("类别"), self.tr("证书编号"), self.tr("产品"), self.tr("有效期至"), self.tr("状态")])
        self.history.setHorizontalHeaderLabels([self.tr("日期"), self.tr("任务类型"), self.tr("任务编号"), self.tr("状态"), self.tr("得分")])
        self.samples.setHorizontalHeaderLabels([self.tr("日期"), self.tr("抽样单编号"), self.tr("产品"), self.tr("批号"), self.tr("状态")])
        self.empty.setText(self.tr("在左侧选择一项任务，查看企业信息。"))
        if self.profile is not None:
            self._show(self.profile)

    def show_enterprise(self, enterprise_id: str | None) -> None:
        """Load and show an enterprise (None clears the panel)."""
        self.enterprise_id = enterprise_id
        if enterprise_id is None:
            self._show(None)
            return
        self.ops.query(lambda ctx: enterprise_profile(self.ops.store.read(), enterprise_id),
                       on_success=lambda profile: self._loaded(enterprise_id, profile))

    def refresh(self) -> None:
        if self.enterprise_id:
            self.show_enterprise(self.enterprise_id)

    def _loaded(self, enterprise_id: str, profile: dict[str, Any] | None) -> None:
        if enterprise_id == self.enterprise_id:
            self._show(profile)

    def _show(self, profile: dict[str, Any] | None) -> None:
        self.profile = profile
        self.empty.setVisible(profile is None)
        self.scroll.setVisible(profile is not None)
        if profile is None:
            return
        self.name.setText(profile["name"])
        risk = profile.get("risk_class") or "B"
        fg, bg = style.RISK_COLOURS.get(risk, style.MUTED)
        self.risk.setText(self.tr("风险等级 {c}").format(c=risk) + "  ·  " + self.tr("未完成任务 %n 项", "", profile.get("open_tasks", 0)))
        style.badge(self.risk, (fg, bg))
        for key, label in self.fields.items():
            value = profile.get(key)
            if isinstance(value, list):
                value = separated(value)
            label.setText(str(value or "—"))
        self._fill_licences(profile.get("licences") or [])
        self._fill_history(profile.get("inspections") or [])
        self._fill_samples(profile.get("samples") or [])

    def _fill_licences(self, licences: list[dict[str, Any]]) -> None:
        today = date.today().isoformat()
        names = {"valid": self.tr("有效"), "expired": self.tr("已过期"), "revoked": self.tr("已吊销"),
                 "suspended": self.tr("暂停"), "cancelled": self.tr("已注销")}
        self.licences.setRowCount(len(licences))
        for row, lic in enumerate(licences):
            state, colours = licence_state(lic, today)
            for col, text in enumerate((lic.get("kind", ""), lic.get("number", ""), lic.get("product", ""), lic.get("valid_until", ""))):
                self.licences.setItem(row, col, QTableWidgetItem(str(text or "—")))
            self.licences.setItem(row, 4, _coloured(names.get(state, state), colours))
        self.licences_title.setText(self.tr("许可证与认证") + f" ({len(licences)})")
        _fit(self.licences)

    def _fill_history(self, inspections: list[dict[str, Any]]) -> None:
        self.history.setRowCount(len(inspections))
        for row, insp in enumerate(inspections):
            when = (insp.get("finalized_at") or insp.get("started_at") or insp.get("created_at") or "")[:10]
            score = "" if insp.get("score") is None else f"{insp['score']:.0f}"
            cells = (when, type_label(insp.get("task_type", "")), insp.get("task_number", ""))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, insp["id"])
                self.history.setItem(row, col, item)
            label = state_label(insp["state"]) + (" · " + self.tr("更正") if insp.get("amends_id") else "")
            state_item = _coloured(label, style.STATE_COLOURS.get(insp["state"], style.MUTED))
            state_item.setData(Qt.ItemDataRole.UserRole, insp["id"])
            self.history.setItem(row, 3, state_item)
            self.history.setItem(row, 4, QTableWidgetItem(score))
        self.history_title.setText(self.tr("检查记录") + f" ({len(inspections)})")
        _fit(self.history)

    def _fill_samples(self, samples: list[dict[str, Any]]) -> None:
        self.samples.setRowCount(len(samples))
        for row, s in enumerate(samples):
            cells = ((s.get("sampled_at") or s.get("created_at") or "")[:10], s.get("number", ""), s.get("product_name", ""), s.get("batch", ""))
            for col, text in enumerate(cells):
                self.samples.setItem(row, col, QTableWidgetItem(text or "—"))
            status = summary_label(s["custody_status"]) if s.get("custody_status") else state_label(s["state"])
            self.samples.setItem(row, 4, _coloured(status,
                                                   style.STATE_COLOURS.get(s["state"], style.MUTED)))
        self.samples_title.setText(self.tr("抽样记录") + f" ({len(samples)})")
        _fit(self.samples)

    def _history_activated(self, item: QTableWidgetItem) -> None:
        inspection_id = item.data(Qt.ItemDataRole.UserRole)
        if inspection_id:
            self.inspection_activated.emit(inspection_id)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
