"""Signatures for a sampling record, a site record or a hand-over.

`SignDialog(samplers, party_name="", with_party=True, allow_refusal=True, with_producer=False,
extra_roles=(), parent=None)`; after `exec()`, `signers()` gives `evidence.signatures.SignatureRecord`s.

Each person signs on the evidence area's `SignatureCanvas` (pen, touch or mouse); the PNG and
stroke data travel in the `SignatureRecord` and are stored with the record's finalization, in
one transaction. A party may refuse instead: reason and witness required (the witness may sign).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QRadioButton, QScrollArea, QVBoxLayout, QWidget)

from inspector_app.evidence.signatures import SignatureRecord
from inspector_app.domain.errors import ValidationError
from inspector_app.i18n import tr
from inspector_app.ui.evidence.signature_pad import SignatureCanvas


class SignBox(QWidget):
    """A signature canvas with a 清除 button; `record(name, role, id_no)` gives the SignatureRecord."""

    def __init__(self, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = SignatureCanvas()
        self.canvas.setObjectName(object_name)
        self.canvas.setMinimumSize(320, 96)
        self.canvas.setStyleSheet("background: white; border: 1px solid #cbd5e1;")
        clear = QPushButton(self.tr("清除"))
        clear.clicked.connect(self.canvas.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.canvas, 1)
        row.addWidget(clear)

    def signed(self) -> bool:
        return not self.canvas.is_empty()

    def image(self) -> dict[str, Any]:
        """`png` and `strokes` for a SignatureRecord, or nothing when the pad is empty."""
        if not self.signed():
            return {}
        return {"png": self.canvas.to_png(), "strokes": self.canvas.stroke_data()}

    def sign_for_demo(self, name: str) -> None:
        """Draw a plausible signature (tests and demonstrations), through the canvas's input path."""
        import random

        from inspector_app.demo.signatures import demo_strokes

        if not self.signed():
            self.canvas.add_strokes(demo_strokes(random.Random(name), characters=max(2, min(4, len(name.strip())))))


class SignDialog(QDialog):
    def __init__(self, samplers: list[dict[str, Any]], party_name: str = "", *, with_party: bool = True,
                 allow_refusal: bool = True, with_producer: bool = False, extra_roles: tuple[tuple[str, str], ...] = (),
                 title: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("签名"))
        self.setMinimumWidth(480)
        outer = QVBoxLayout(self)
        note = QLabel(self.tr("请各方在签名框内签名（手写笔、触屏或鼠标）。"))
        note.setWordWrap(True)
        outer.addWidget(note)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.resize(620, 720)
        self.sampler_rows: list[tuple[SignBox, QLineEdit, QLineEdit]] = []
        if samplers:
            box = QGroupBox(self.tr("抽样人员"))
            form = QFormLayout(box)
            for index, person in enumerate(samplers):
                name, id_no = QLineEdit(person.get("name", "")), QLineEdit(person.get("cert_no", ""))
                pad = SignBox(f"sampler_signature_{index}")
                form.addRow(QLabel(self.tr("%1（执法证号 %2）").replace("%1", name.text()).replace("%2", id_no.text() or "—")))
                form.addRow(pad)
                self.sampler_rows.append((pad, name, id_no))
            layout.addWidget(box)
        self.with_party = with_party
        self.party_box = QGroupBox(self.tr("受检单位代表"))
        form = QFormLayout(self.party_box)
        self.party_name = QLineEdit(party_name)
        self.party_name.setObjectName("party_name")
        self.party_id = QLineEdit()
        self.party_id.setObjectName("party_id")
        self.party_signed = QRadioButton(self.tr("已签字（并加盖公章）"))
        self.party_signed.setObjectName("party_signed")
        self.party_refused = QRadioButton(self.tr("拒绝签字"))
        self.party_refused.setObjectName("party_refused")
        self.party_signed.setChecked(True)
        self.refusal_reason = QLineEdit()
        self.refusal_reason.setObjectName("refusal_reason")
        self.witness_name = QLineEdit()
        self.witness_name.setObjectName("witness_name")
        self.witness_id = QLineEdit()
        form.addRow(self.tr("姓名"), self.party_name)
        self.party_pad = SignBox("party_signature")
        self.witness_pad = SignBox("witness_signature")
        form.addRow(self.tr("证件号"), self.party_id)
        form.addRow(self.party_signed)
        form.addRow(self.party_pad)
        if allow_refusal:
            form.addRow(self.party_refused)
            form.addRow(self.tr("拒签理由"), self.refusal_reason)
            form.addRow(self.tr("见证人"), self.witness_name)
            form.addRow(self.tr("见证人证件号"), self.witness_id)
            form.addRow(self.tr("见证人签名"), self.witness_pad)
        self.party_refused.toggled.connect(self._refusal_toggled)
        self._refusal_toggled(False)
        self.party_box.setVisible(with_party)
        layout.addWidget(self.party_box)
        self.producer_present = QCheckBox(self.tr("生产单位代表在场并签字"))
        self.producer_name = QLineEdit()
        self.producer_id = QLineEdit()
        self.producer_pad = SignBox("producer_signature")
        if with_producer:
            box = QGroupBox(self.tr("生产单位"))
            form = QFormLayout(box)
            form.addRow(self.producer_present)
            form.addRow(self.tr("姓名"), self.producer_name)
            form.addRow(self.tr("证件号"), self.producer_id)
            form.addRow(self.producer_pad)
            layout.addWidget(box)
        self.extra: list[tuple[str, QLineEdit, QLineEdit, SignBox]] = []
        for role, label in extra_roles:
            box = QGroupBox(label)
            form = QFormLayout(box)
            name, id_no = QLineEdit(), QLineEdit()
            name.setObjectName(f"{role}_name")
            id_no.setObjectName(f"{role}_id")
            pad = SignBox(f"{role}_signature")
            form.addRow(self.tr("姓名"), name)
            form.addRow(self.tr("证件号"), id_no)
            form.addRow(pad)
            self.extra.append((role, name, id_no, pad))
            layout.addWidget(box)
        layout.addStretch(1)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        layout = outer
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确认签署"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _refusal_toggled(self, refused: bool) -> None:
        for widget in (self.refusal_reason, self.witness_name, self.witness_id, self.witness_pad):
            widget.setEnabled(refused)
        self.party_pad.setEnabled(not refused)
        if refused:
            self.party_pad.canvas.clear()  # a refusal carries no party signature (undo restores it)

    def sign_all(self) -> None:
        """Draw a signature on every pad that has a signer (tests and demonstrations)."""
        for pad, name, _ in self.sampler_rows:
            pad.sign_for_demo(name.text())
        if self.with_party:
            self.party_pad.sign_for_demo(self.party_name.text() or "party")
        if self.producer_present.isChecked():
            self.producer_pad.sign_for_demo(self.producer_name.text() or "producer")
        for _role, name, _id_no, pad in self.extra:
            if name.text().strip():
                pad.sign_for_demo(name.text())

    def signers(self) -> list[SignatureRecord]:
        """Who signed (with image and strokes) or refused; samplers who did not sign are left out."""
        out = [SignatureRecord(name.text(), "sampler", id_no.text(), **pad.image()) for pad, name, id_no in self.sampler_rows if pad.signed()]
        if self.with_party:
            if self.party_refused.isChecked():
                witness = {"name": self.witness_name.text().strip(), "id_no": self.witness_id.text().strip()}
                out.append(SignatureRecord(self.party_name.text(), "party", self.party_id.text(), refused=True,
                                           refusal_reason=self.refusal_reason.text(), witness=witness))
                if self.witness_pad.signed() and witness["name"]:
                    out.append(SignatureRecord(witness["name"], "witness", witness["id_no"], **self.witness_pad.image()))
            else:
                out.append(SignatureRecord(self.party_name.text(), "party", self.party_id.text(), **self.party_pad.image()))
        if self.producer_present.isChecked():
            out.append(SignatureRecord(self.producer_name.text(), "producer", self.producer_id.text(), **self.producer_pad.image()))
        for role, name, id_no, pad in self.extra:
            if name.text().strip():
                out.append(SignatureRecord(name.text(), role, id_no.text(), **pad.image()))
        return out

    def _accept(self) -> None:
        try:
            signers = self.signers()
            for signer in signers:
                signer.check()
                if not signer.refused and signer.png is None and signer.role != "bureau":
                    raise ValidationError("signature_missing", tr("{n} 尚未在签名框内签名。", "{n} has not signed in the signature box yet.",
                                                                  n=signer.name.strip() or signer.role))
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
