"""Signatures for a sampling record, a site record or a hand-over.

`SignDialog(samplers, party_name="", with_party=True, allow_refusal=True, with_producer=False,
extra_roles=(), parent=None)`; after `exec()`, `signers()` gives `custody.signatures.Signer`s.

SEAM: the pen/tablet signature image comes from the evidence area's signature pad (another
branch). Until it is on main, each person confirms with a tick that they signed the paper
copy; the signature row is written without an image and gains one when the pad is wired in.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QRadioButton, QVBoxLayout, QWidget)

from inspector_app.custody.signatures import Signer
from inspector_app.domain.errors import ValidationError


class SignDialog(QDialog):
    def __init__(self, samplers: list[dict[str, Any]], party_name: str = "", *, with_party: bool = True,
                 allow_refusal: bool = True, with_producer: bool = False, extra_roles: tuple[tuple[str, str], ...] = (),
                 title: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("签名"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("请各方在纸质文书上签字后勾选确认。（电子签名板接入后在此采集签名图像。）"))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.sampler_rows: list[tuple[QCheckBox, QLineEdit, QLineEdit]] = []
        if samplers:
            box = QGroupBox(self.tr("抽样人员"))
            form = QFormLayout(box)
            for index, person in enumerate(samplers):
                name, id_no = QLineEdit(person.get("name", "")), QLineEdit(person.get("cert_no", ""))
                tick = QCheckBox(self.tr("%1（执法证号 %2）已签字").replace("%1", name.text()).replace("%2", id_no.text() or "—"))
                tick.setObjectName(f"sampler_signed_{index}")
                form.addRow(tick)
                self.sampler_rows.append((tick, name, id_no))
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
        form.addRow(self.tr("证件号"), self.party_id)
        form.addRow(self.party_signed)
        if allow_refusal:
            form.addRow(self.party_refused)
            form.addRow(self.tr("拒签理由"), self.refusal_reason)
            form.addRow(self.tr("见证人"), self.witness_name)
            form.addRow(self.tr("见证人证件号"), self.witness_id)
        self.party_refused.toggled.connect(self._refusal_toggled)
        self._refusal_toggled(False)
        self.party_box.setVisible(with_party)
        layout.addWidget(self.party_box)
        self.producer_present = QCheckBox(self.tr("生产单位代表在场并签字"))
        self.producer_name = QLineEdit()
        self.producer_id = QLineEdit()
        if with_producer:
            box = QGroupBox(self.tr("生产单位"))
            form = QFormLayout(box)
            form.addRow(self.producer_present)
            form.addRow(self.tr("姓名"), self.producer_name)
            form.addRow(self.tr("证件号"), self.producer_id)
            layout.addWidget(box)
        self.extra: list[tuple[str, QLineEdit, QLineEdit]] = []
        for role, label in extra_roles:
            box = QGroupBox(label)
            form = QFormLayout(box)
            name, id_no = QLineEdit(), QLineEdit()
            name.setObjectName(f"{role}_name")
            id_no.setObjectName(f"{role}_id")
            form.addRow(self.tr("姓名"), name)
            form.addRow(self.tr("证件号"), id_no)
            self.extra.append((role, name, id_no))
            layout.addWidget(box)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确认签署"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _refusal_toggled(self, refused: bool) -> None:
        for widget in (self.refusal_reason, self.witness_name, self.witness_id):
            widget.setEnabled(refused)

    def sign_all(self) -> None:
        """Tick every sampler (tests and the common case)."""
        for tick, _, _ in self.sampler_rows:
            tick.setChecked(True)

    def signers(self) -> list[Signer]:
        out = [Signer(name.text(), "sampler", id_no.text()) for tick, name, id_no in self.sampler_rows if tick.isChecked()]
        if self.with_party:
            if self.party_refused.isChecked():
                out.append(Signer(self.party_name.text(), "party", self.party_id.text(), refused=True,
                                  refusal_reason=self.refusal_reason.text(),
                                  witness={"name": self.witness_name.text().strip(), "id_no": self.witness_id.text().strip()}))
            else:
                out.append(Signer(self.party_name.text(), "party", self.party_id.text()))
        if self.producer_present.isChecked():
            out.append(Signer(self.producer_name.text(), "producer", self.producer_id.text()))
        for role, name, id_no in self.extra:
            if name.text().strip():
                out.append(Signer(name.text(), role, id_no.text()))
        return out

    def _accept(self) -> None:
        try:
            for signer in self.signers():
                signer.check()
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
