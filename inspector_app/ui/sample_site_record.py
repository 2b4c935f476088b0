"""Refusal (拒检认定书) and no-sample (未抽到样品确认书) forms: autosaved, signed, finalized.

`SiteRecordForm(store, record, worker=None, parent=None)` edits a draft `site_record` row.
A refusal is flagged urgent (pushed first on the next sync); the banner says so.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from inspector_app.custody import site_records
from inspector_app.i18n import separated
from inspector_app.ui.custody_ops import Autosaver, Worker
from inspector_app.ui.custody_sign import SignDialog

ERROR_STYLE = "border: 1px solid #dc2626; background: #fef2f2;"


class SiteRecordForm(QWidget):
    finalized = Signal(str)

    def __init__(self, store: Any, record: dict[str, Any], worker: Worker | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.record = store, record
        self.kind = record["kind"]
        self.data: dict[str, Any] = copy.deepcopy(record.get("data") or {})
        self.worker = worker or Worker(store, self)
        self.autosaver = Autosaver(self.worker, parent=self.worker)  # outlives the form: a last save in flight still lands
        self.autosaver.saved.connect(self.show_problems)
        self.widgets: dict[str, QWidget] = {}
        self.problems: list[tuple[str, str]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        title = QLabel(f"<b>{site_records.kind_label(self.kind)}</b> {record.get('number', '')}")
        outer.addWidget(title)
        if self.kind == "refusal":
            urgent = QLabel(self.tr("⚑ 拒检认定将在网络恢复后优先上报组织抽查的部门。"))
            urgent.setObjectName("urgent_banner")
            urgent.setStyleSheet("color: #9a3412; background: #ffedd5; padding: 4px;")
            outer.addWidget(urgent)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        box = QGroupBox(self.tr("企业"))
        form = QFormLayout(box)
        for key, label in (("name", self.tr("企业名称")), ("legal_rep", self.tr("法定代表人")), ("address", self.tr("地址")),
                           ("contact", self.tr("联系人")), ("phone", self.tr("电话"))):
            self._line(form, f"enterprise.{key}", label)
        layout.addWidget(box)
        box = QGroupBox(self.tr("情况"))
        form = QFormLayout(box)
        self._line(form, "task_source", self.tr("任务来源"))
        if self.kind == "refusal":
            self._line(form, "product", self.tr("产品名称"))
            self._line(form, "sampling_unit.name", self.tr("抽样单位"))
            self._line(form, "sampling_unit.phone", self.tr("抽样单位电话"))
            self._text(form, "what_happened", self.tr("拒检经过"))
            self._text(form, "evidence_note", self.tr("证据（照片、录像、证人）"))
        else:
            self._line(form, "task_category", self.tr("任务类别"))
            self._line(form, "product_category", self.tr("产品类别"))
            self._line(form, "licence_number", self.tr("许可证编号"))
            combo = QComboBox()
            combo.setObjectName("sales_past_year")
            for value, text in ((None, self.tr("（请选择）")), (True, self.tr("近一年有销售")), (False, self.tr("近一年无销售"))):
                combo.addItem(text, value)
            combo.setCurrentIndex({None: 0, True: 1, False: 2}.get(self.data.get("sales_past_year"), 0))
            combo.currentIndexChanged.connect(lambda _i: self._set("sales_past_year", combo.currentData()))
            self.widgets["sales_past_year"] = combo
            form.addRow(self.tr("近一年销售情况"), combo)
            self._line(form, "product_destination", self.tr("产品去向"))
            self._text(form, "reason", self.tr("未抽到样品原因"))
            self._text(form, "what_happened", self.tr("现场情况"))
        self._text(form, "bureau_opinion", self.tr("当地市场监管部门意见"))
        self._line(form, "local_bureau", self.tr("当地市场监管部门"))
        layout.addWidget(box)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problems")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b91c1c;")
        bottom.addWidget(self.problem_label, 1)
        self.sign_button = QPushButton(self.tr("签署定稿…"))
        self.sign_button.setObjectName("sign_finalize")
        self.sign_button.clicked.connect(self.sign)
        bottom.addWidget(self.sign_button)
        outer.addLayout(bottom)
        self.show_problems(site_records.validate({**record, "data": self.data}))

    def _set(self, path: str, value: Any) -> None:
        keys = path.split(".")
        node = self.data
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
        record_id, data = self.record["id"], copy.deepcopy(self.data)
        self.autosaver.submit(lambda txn: site_records.save_draft(txn, record_id, data))

    def _value(self, path: str) -> Any:
        node: Any = self.data
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        return node

    def _line(self, form: QFormLayout, path: str, label: str) -> None:
        edit = QLineEdit(str(self._value(path) or ""))
        edit.setObjectName(path)
        edit.textEdited.connect(lambda text: self._set(path, text))
        self.widgets[path] = edit
        form.addRow(label, edit)

    def _text(self, form: QFormLayout, path: str, label: str) -> None:
        edit = QPlainTextEdit(str(self._value(path) or ""))
        edit.setObjectName(path)
        edit.setMaximumHeight(80)
        edit.textChanged.connect(lambda: self._set(path, edit.toPlainText()))
        self.widgets[path] = edit
        form.addRow(label, edit)

    def set_field(self, path: str, text: str) -> None:
        widget = self.widgets[path]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(text))
        else:
            widget.setText(text)
            widget.textEdited.emit(text)

    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        for widget in self.widgets.values():
            widget.setStyleSheet("")
        for path, _message in problems:
            if path in self.widgets:
                self.widgets[path].setStyleSheet(ERROR_STYLE)
        self.problem_label.setText(separated((m for _, m in problems[:3]), "clauses") + ("…" if len(problems) > 3 else ""))
        self.sign_button.setEnabled(not problems)

    def sign(self) -> None:
        samplers = [s for s in self.data.get("samplers", []) if s.get("name")]
        dialog = SignDialog(samplers, (self.data.get("enterprise") or {}).get("legal_rep", ""),
                            extra_roles=(("bureau", self.tr("当地市场监管部门")),), title=self.tr("签署"), parent=self)
        self.sign_dialog = dialog
        dialog.accepted.connect(lambda: self.finalize_with(dialog.signers()))
        dialog.open()

    def finalize_with(self, signers: list) -> None:
        """Finalize once the last autosave has landed."""
        self.autosaver.when_idle(lambda: self._finalize(signers))

    def _finalize(self, signers: list) -> None:
        record_id = self.record["id"]
        self.worker.write(lambda txn: site_records.finalize(txn, record_id, signers), lambda row: self.finalized.emit(row["id"]),
                          lambda exc: self.problem_label.setText(str(exc)))
