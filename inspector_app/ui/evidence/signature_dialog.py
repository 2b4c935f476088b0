"""Signing a record: the canvas, the signer form and the refused-to-sign path (reason + witness).

- `SignatureForm(signatures, owner_kind, owner_id, role, name, id_no)` — the form itself; stores
  in the background and emits `saved(dict)`.
- `SignatureDialog(...)` — the form in a dialog (closes when saved).
- `SignaturePad(store, owner_kind, owner_id, signer_role="party")` — the seam widget the
  inspection screen embeds: who has signed so far, plus the form; emits `changed()` after each
  signature or refusal is stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from inspector_app.domain.errors import DomainError
from inspector_app.evidence.signatures import SIGNER_ROLES, Signatures, Signer
from inspector_app.i18n import separated
from inspector_app.store.db import Store
from inspector_app.ui.evidence.background import run_in_background
from inspector_app.ui.evidence.gallery import local_time
from inspector_app.ui.evidence.signature_pad import SignatureCanvas


class SignatureForm(QWidget):
    """`SignatureForm(signatures, owner_kind, owner_id, role="party", name="", id_no="", parent=None)`.

    Signal `saved(dict)` carries the stored signature row (a signature or a refusal)."""

    saved = Signal(dict)

    def __init__(self, signatures: Signatures, owner_kind: str, owner_id: str, role: str = "party", name: str = "",
                 id_no: str = "", parent: QWidget | None = None):
        super().__init__(parent)
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

        self.pad = SignatureCanvas()
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

        self.refused = QCheckBox(self.tr("拒绝签名"))
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
        self.confirm = QPushButton(self.tr("确认签名"))
        self.confirm.clicked.connect(self.submit)
        self.bottom = QHBoxLayout()
        self.bottom.addWidget(self.error, 1)
        self.bottom.addWidget(self.confirm)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.pad, 1)
        layout.addLayout(tools)
        layout.addWidget(self.refused)
        layout.addWidget(self.refusal_box)
        layout.addLayout(self.bottom)
        self.result_row: dict[str, Any] | None = None
        self._update_buttons()

    def _toggle_refused(self, on: bool) -> None:
        self.refusal_box.setVisible(on)
        for w in (self.pad, self.clear_button, self.undo_button, self.redo_button):
            w.setEnabled(not on)
        self.confirm.setText(self.tr("记录拒签") if on else self.tr("确认签名"))

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(self.pad.can_undo())
        self.redo_button.setEnabled(self.pad.can_redo())
        self.clear_button.setEnabled(not self.pad.is_empty())

    def reset(self) -> None:
        """Ready for the next signer (after a save)."""
        self.pad.clear()
        self.name.clear()
        self.id_no.clear()
        self.refused.setChecked(False)
        self.reason.clear()
        self.witness_name.clear()
        self.witness_id.clear()
        self.error.clear()

    def submit(self) -> None:
        """Validate, then store in the background; errors stay in the form."""
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
        self.confirm.setEnabled(True)
        self.saved.emit(row)

    def _failed(self, exc: BaseException) -> None:
        self.confirm.setEnabled(True)
        self.error.setText(exc.message if isinstance(exc, DomainError) else str(exc))


class SignatureDialog(QDialog):
    """`SignatureDialog(signatures, owner_kind, owner_id, role="party", name="", id_no="", parent=None)`.

    The form in a dialog; signal `saved(dict)` carries the row and the dialog then closes."""

    saved = Signal(dict)

    def __init__(self, signatures: Signatures, owner_kind: str, owner_id: str, role: str = "party", name: str = "",
                 id_no: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("签名"))
        self.form = SignatureForm(signatures, owner_kind, owner_id, role, name, id_no)
        self.cancel = QPushButton(self.tr("取消"))
        self.cancel.clicked.connect(self.reject)
        self.form.bottom.insertWidget(1, self.cancel)
        self.form.confirm.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.saved.connect(self._saved)
        # the form's parts, for callers and tests
        for attr in ("pad", "error", "refused", "reason", "witness_name", "witness_id", "refusal_box", "name", "role",
                     "id_no", "confirm", "submit"):
            setattr(self, attr, getattr(self.form, attr))
        self.result_row: dict[str, Any] | None = None

    def _saved(self, row: dict[str, Any]) -> None:
        self.result_row = row
        self.saved.emit(row)
        self.accept()


class SignaturePad(QWidget):
    """`SignaturePad(store, owner_kind, owner_id, signer_role="party", parent=None)` — the
    signature seam: the record's signatures for that role so far, and a form to add one (or
    record a refusal). Signal `changed()` after each one is stored. `set_read_only(bool)`."""

    changed = Signal()

    def __init__(self, store: Store, owner_kind: str, owner_id: str, signer_role: str = "party", parent: QWidget | None = None):
        super().__init__(parent)
        self.signatures = Signatures(store)
        self.owner_kind, self.owner_id, self.signer_role = owner_kind, owner_id, signer_role
        self.done = QLabel()
        self.done.setWordWrap(True)
        self.form = SignatureForm(self.signatures, owner_kind, owner_id, role=signer_role)
        self.form.saved.connect(self._saved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.done)
        layout.addWidget(self.form, 1)
        self.rows: list[dict[str, Any]] = []
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.form.setVisible(not read_only)

    def set_owner(self, owner_kind: str, owner_id: str, _item_id: str | None = None) -> None:
        self.owner_kind, self.owner_id = owner_kind, owner_id
        self.form.owner_kind, self.form.owner_id = owner_kind, owner_id
        self.refresh()

    def refresh(self) -> None:
        sigs, kind, oid, role = self.signatures, self.owner_kind, self.owner_id, self.signer_role
        run_in_background(lambda: [r for r in sigs.list(kind, oid) if r["signer_role"] == role], self._listed)

    def _listed(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        if not rows:
            self.done.setText(self.tr("尚无签名。"))
            return
        parts = []
        for r in rows:
            when = local_time(r["signed_at"])
            if r["refused"]:
                witness = (r.get("witness") or {}).get("name", "")
                parts.append(self.tr("%1 拒绝签名（%2；见证人 %3）").replace("%1", r["signer_name"]).replace("%2", r["refusal_reason"]).replace("%3", witness))
            else:
                parts.append(self.tr("%1 已签名 %2").replace("%1", r["signer_name"]).replace("%2", when))
        self.done.setText(separated(parts, "clauses"))

    def _saved(self, _row: dict[str, Any]) -> None:
        self.form.reset()
        self.form.role.setCurrentIndex(max(0, self.form.role.findData(self.signer_role)))
        self.refresh()
        self.changed.emit()
