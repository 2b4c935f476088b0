"""Signing a record: the pad, the signer form, and the refused-to-sign path (reason + witness)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from inspector_app.domain.errors import DomainError
from inspector_app.evidence.signatures import SIGNER_ROLES, Signatures, Signer
from inspector_app.ui.evidence.background import run_in_background
from inspector_app.ui.evidence.signature_pad import SignaturePad


class SignatureDialog(QDialog):
    """`SignatureDialog(signatures, owner_kind, owner_id, role="party", name="", id_no="", parent=None)`.

    On confirm the signature (or the refusal) is stored in the background through
    `Signatures.sign` / `Signatures.refuse`; signal `saved(dict)` carries the signature row.
    """

    saved = Signal(dict)

    def __init__(self, signatures: Signatures, owner_kind: str, owner_id: str, role: str = "party", name: str = "",
                 id_no: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("签名"))
        self.signatures = signatures
        self.owner_kind, self.owner_id = owner_kind, owner_id
        role_labels = {"inspector": self.tr("执法人员"), "sampler": self.tr("抽样人员"), "party": self.tr("被检查单位（当事人）"),
                       "producer": self.tr("生产单位"), "lab_receiver": self.tr("检验机构接收人"), "courier": self.tr("承运人"),
                       "witness": self.tr("见证人"), "bureau": self.tr("市场监管部门")}
        self.name = QLineEdit(name)
        self.role = QComboBox()
        for key in SIGNER_ROLES:
            self.role.addItem(role_labels[key], key)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.id_no = QLineEdit(id_no)
        self.id_no.setPlaceholderText(self.tr("执法证号 / 身份证号 / 工号"))
        form = QFormLayout()
        form.addRow(self.tr("签名人"), self.name)
        form.addRow(self.tr("身份"), self.role)
        form.addRow(self.tr("证件号"), self.id_no)

        self.pad = SignaturePad()
        self.clear_button = QPushButton(self.tr("清除"))
        self.undo_button = QPushButton(self.tr("撤销"))
        self.redo_button = QPushButton(self.tr("重做"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo)
        self.redo_button.clicked.connect(self.pad.redo)
        self.pad.changed.connect(self._update_buttons)
        tools = QHBoxLayout()
        for b in (self.clear_button, self.undo_button, self.redo_button):
            tools.addWidget(b)
        tools.addStretch(1)

        self.refused = QCheckBox(self.tr("当事人拒绝签名"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("拒绝签名的理由或情况"))
        self.reason.setMaximumHeight(70)
        self.witness_name = QLineEdit()
        self.witness_id = QLineEdit()
        refusal_form = QFormLayout()
        refusal_form.addRow(self.tr("理由"), self.reason)
        refusal_form.addRow(self.tr("见证人"), self.witness_name)
        refusal_form.addRow(self.tr("见证人证件号"), self.witness_id)
        self.refusal_box = QGroupBox(self.tr("拒绝签名记录"))
        self.refusal_box.setLayout(refusal_form)
        self.refusal_box.setVisible(False)
        self.refused.toggled.connect(self._toggle_refused)

        self.error = QLabel()
        self.error.setStyleSheet("color: #b00000")
        self.error.setWordWrap(True)
        self.confirm = QPushButton(self.tr("确认"))
        self.confirm.setDefault(True)
        self.cancel = QPushButton(self.tr("取消"))
        self.confirm.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.cancel)
        bottom.addWidget(self.confirm)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pad, 1)
        layout.addLayout(tools)
        layout.addWidget(self.refused)
        layout.addWidget(self.refusal_box)
        layout.addLayout(bottom)
        self.result_row: dict[str, Any] | None = None
        self._update_buttons()

    def _toggle_refused(self, on: bool) -> None:
        self.refusal_box.setVisible(on)
        for w in (self.pad, self.clear_button, self.undo_button, self.redo_button):
            w.setEnabled(not on)

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(self.pad.can_undo())
        self.redo_button.setEnabled(self.pad.can_redo())
        self.clear_button.setEnabled(not self.pad.is_empty())

    def submit(self) -> None:
        """Validate, then store in the background; errors stay in the dialog."""
        signer = Signer(self.name.text().strip(), self.role.currentData(), self.id_no.text().strip())
        if not signer.name:
            self.error.setText(self.tr("请填写签名人姓名。"))
            return
        sigs, kind, oid = self.signatures, self.owner_kind, self.owner_id
        if self.refused.isChecked():
            reason, witness, witness_id = self.reason.toPlainText().strip(), self.witness_name.text().strip(), self.witness_id.text().strip()
            if not reason or not witness:
                self.error.setText(self.tr("拒绝签名须填写理由和见证人。"))
                return
            work = lambda: sigs.refuse(kind, oid, signer, reason, witness, witness_id)  # noqa: E731
        else:
            if self.pad.is_empty():
                self.error.setText(self.tr("签名为空，请在签名板上签名。"))
                return
            png, strokes = self.pad.to_png(), self.pad.stroke_data()
            work = lambda: sigs.sign(kind, oid, signer, png, strokes)  # noqa: E731
        self.confirm.setEnabled(False)
        self.error.setText("")
        run_in_background(work, self._saved, self._failed)

    def _saved(self, row: dict[str, Any]) -> None:
        self.result_row = row
        self.saved.emit(row)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.confirm.setEnabled(True)
        self.error.setText(exc.message if isinstance(exc, DomainError) else str(exc))
