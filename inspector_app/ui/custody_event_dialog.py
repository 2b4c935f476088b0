"""Dialogs that record one custody step: a form per event type, and the lab hand-over.

`CustodyEventDialog(event_type, part, me, sample, parent)` and `LabHandoverDialog(part, me,
sample, parent)`; after `exec()`, `request()` returns a dict for `record_event()` below:
`{type, part, data, actors, place, note, photos: [paths], signers}`. The state machine decides
which dialogs are offered at all; the service re-checks on write.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from inspector_app.custody.events import LAB_CHECK_LABELS, LAB_CHECKS, EventType, Part, validate_event
from inspector_app.evidence.signatures import SignatureRecord
from inspector_app.domain.errors import DomainError
from inspector_app.i18n import separated, tr


def _combo(items: list[tuple[str, str]], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for value, label in items:
        combo.addItem(label, value)
    return combo


def _date(name: str) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class _Base(QDialog):
    def __init__(self, title: str, me: dict[str, Any], parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.me = me
        self.photos: list[str] = []
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.note = QLineEdit()
        self.note.setObjectName("note")

    def _finish_layout(self) -> None:
        self.form.addRow(self.tr("地点"), self.place)
        self.form.addRow(self.tr("备注"), self.note)
        row = QHBoxLayout()
        self.photo_label = QLabel(self.tr("未添加照片"))
        add = QPushButton(self.tr("添加照片…"))
        add.clicked.connect(self._pick_photos)
        row.addWidget(self.photo_label, 1)
        row.addWidget(add)
        self.layout_.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        self.layout_.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("记录"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)

    def add_photos(self, paths: list[str]) -> None:
        self.photos.extend(paths)
        self.photo_label.setText(self.tr("已添加 %n 张照片", "", len(self.photos)))

    def _pick_photos(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择照片"), "", self.tr("图片 (*.jpg *.jpeg *.png)"))
        if paths:
            self.add_photos(paths)

    def me_actor(self) -> dict[str, str]:
        return {"name": self.me.get("name", ""), "role": "sampler", "id_no": self.me.get("cert_no", "")}

    def request(self) -> dict[str, Any]:
        raise NotImplementedError

    def _accept(self) -> None:
        try:
            req = self.request()
            validate_event(req["type"], req["part"], req["data"], req["actors"] or
                           [{"name": s.name, "role": "sampler"} for s in req.get("signers", [])])
            for signer in req.get("signers", []):
                signer.check()
        except DomainError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class CustodyEventDialog(_Base):
    """One custody step other than the lab hand-over (see `LabHandoverDialog`)."""

    def __init__(self, event_type: str, part: str, me: dict[str, Any], sample: dict[str, Any] | None = None,
                 parent: QWidget | None = None, producer_status: str | None = None):
        etype = EventType(event_type)
        super().__init__(tr("{t}（{p}）", "{t} ({p})", t=etype.label, p=Part(part).label), me, parent)
        self.etype, self.part, self.sample = etype, part, sample or {}
        self.fields: dict[str, Any] = {}
        from inspector_app.ui.custody_sign import SignBox

        self.counterpart_signed = SignBox("counterpart_signature")  # optional: the other side signs on the pad
        data = self.sample.get("data") or {}
        E = EventType
        f = self.fields
        if etype == E.BACKUP_STORED:
            f["location"] = QLineEdit((data.get("seal") or {}).get("backup_location", ""))
            f["keeper"] = QLineEdit()
            f["keeper_id"] = QLineEdit()
            self.form.addRow(self.tr("封存地点"), f["location"])
            self.form.addRow(self.tr("保管人"), f["keeper"])
            self.form.addRow(self.tr("保管人证件号"), f["keeper_id"])
            self.form.addRow(self.counterpart_signed)
        elif etype == E.SHIPPED:
            f["method"] = _combo([("by_hand", self.tr("专人送达")), ("courier", self.tr("快递"))], "method")
            f["courier"] = QLineEdit()
            f["tracking_no"] = QLineEdit()
            f["destination"] = QLineEdit(data.get("ship_to", ""))
            self.form.addRow(self.tr("方式"), f["method"])
            self.form.addRow(self.tr("快递公司"), f["courier"])
            self.form.addRow(self.tr("运单号"), f["tracking_no"])
            self.form.addRow(self.tr("送往"), f["destination"])
        elif etype == E.BLIND_CODED:
            f["blind_code"] = QLineEdit()
            self.form.addRow(self.tr("盲样编号"), f["blind_code"])
        elif etype in (E.TESTED, E.RETESTED):
            f["report_no"] = QLineEdit()
            f["conclusion"] = _combo([("合格", self.tr("合格")), ("不合格", self.tr("不合格"))], "conclusion")
            f["failing_items"] = QLineEdit()
            f["lab"] = QLineEdit(data.get("ship_to", ""))
            self.form.addRow(self.tr("检验报告编号"), f["report_no"])
            self.form.addRow(self.tr("结论"), f["conclusion"])
            self.form.addRow(self.tr("不合格项目（逗号分隔）"), f["failing_items"])
            self.form.addRow(self.tr("检验机构"), f["lab"])
        elif etype == E.RESULT_SERVED:
            f["to"] = QLineEdit((data.get("sampled_party") or {}).get("name", ""))
            f["method"] = _combo([("in_person", self.tr("直接送达")), ("post", self.tr("邮寄送达")), ("electronic", self.tr("电子送达"))], "method")
            f["served_on"] = _date("served_on")
            f["receipt"] = QLineEdit()
            self.form.addRow(self.tr("送达对象"), f["to"])
            self.form.addRow(self.tr("送达方式"), f["method"])
            self.form.addRow(self.tr("送达日期"), f["served_on"])
            self.form.addRow(self.tr("送达回证"), f["receipt"])
        elif etype == E.PRODUCER_CONFIRMATION:
            choices = [("sent", self.tr("已发送确认请求"))] if producer_status is None else [
                ("confirmed", self.tr("生产者确认样品为其产品")), ("denied", self.tr("生产者否认"))]
            f["status"] = _combo(choices, "status")
            self.form.addRow(self.tr("状态"), f["status"])
        elif etype == E.OBJECTION_FILED:
            f["filed_on"] = _date("filed_on")
            f["by"] = QLineEdit((data.get("sampled_party") or {}).get("name", ""))
            self.form.addRow(self.tr("提出日期"), f["filed_on"])
            self.form.addRow(self.tr("提出人"), f["by"])
        elif etype == E.RETEST_SAMPLE_CONFIRMED:
            f["seals_checked"] = QCheckBox(self.tr("双方共同确认备样封条完好"))
            f["seals_checked"].setObjectName("seals_checked")
            f["party_rep"] = QLineEdit()
            f["party_rep"].setObjectName("party_rep")
            self.form.addRow(f["seals_checked"])
            self.form.addRow(self.tr("企业代表"), f["party_rep"])
            self.form.addRow(self.counterpart_signed)
        elif etype == E.DISPOSED:
            f["how"] = _combo([("returned", self.tr("退还企业")), ("destroyed", self.tr("销毁"))], "how")
            self.form.addRow(self.tr("处置方式"), f["how"])
        for key, widget in f.items():
            if not widget.objectName():
                widget.setObjectName(key)
        self._finish_layout()

    def request(self) -> dict[str, Any]:
        E, f = EventType, self.fields
        data: dict[str, Any] = {}
        actors = [self.me_actor()]
        signers: list[SignatureRecord] = []
        for key, widget in f.items():
            if isinstance(widget, QComboBox):
                data[key] = widget.currentData()
            elif isinstance(widget, QDateEdit):
                data[key] = widget.date().toString("yyyy-MM-dd")
            elif isinstance(widget, QCheckBox):
                data[key] = widget.isChecked()
            else:
                data[key] = widget.text().strip()
        if self.etype == E.BACKUP_STORED:
            keeper_id = data.pop("keeper_id")
            if data["keeper"]:
                actors.append({"name": data["keeper"], "role": "keeper", "id_no": keeper_id})
                if self.counterpart_signed.signed():
                    signers.append(SignatureRecord(data["keeper"], "keeper", keeper_id, **self.counterpart_signed.image()))
        elif self.etype == E.SHIPPED:
            if data["method"] == "courier" and data["courier"]:
                actors.append({"name": data["courier"], "role": "courier", "id_no": ""})
        elif self.etype in (E.TESTED, E.RETESTED):
            data["failing_items"] = [x.strip() for x in data.get("failing_items", "").replace("，", ",").split(",") if x.strip()]
        elif self.etype == E.RETEST_SAMPLE_CONFIRMED:
            rep = data.pop("party_rep")
            if not data["seals_checked"]:
                data["seals_checked"] = None  # required: refused by validation with a message
            if rep:
                actors.append({"name": rep, "role": "enterprise_rep", "id_no": ""})
                if self.counterpart_signed.signed():
                    signers.append(SignatureRecord(rep, "party", **self.counterpart_signed.image()))
        return {"type": self.etype.value, "part": self.part, "data": data, "actors": actors, "place": self.place.text().strip(),
                "note": self.note.text().strip(), "photos": list(self.photos), "signers": signers}


class LabHandoverDialog(_Base):
    """样品移交确认: the lab receiver checks seals, packaging, quantity, state and documents,
    accepts or rejects with a reason, and signs."""

    def __init__(self, part: str, me: dict[str, Any], sample: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__(tr("样品移交确认（{p}）", "Lab hand-over ({p})", p=Part(part).label), me, parent)
        self.part = part
        sample = sample or {}
        data = sample.get("data") or {}
        seals = (data.get("seal") or {}).get("seal_numbers") or {}
        info = QLabel(tr("抽样单 {n}；封条：{s}", "Sampling record {n}; seals: {s}", n=sample.get("number", ""),
                         s=separated([*seals.get("test", []), *seals.get("backup", [])]) or "—"))
        info.setWordWrap(True)
        self.form.addRow(info)
        self.checks: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        box = QGroupBox(self.tr("接收检查"))
        grid = QFormLayout(box)
        for key in LAB_CHECKS:
            ok, bad = QRadioButton(self.tr("是")), QRadioButton(self.tr("否"))
            ok.setObjectName(f"{key}_yes")
            bad.setObjectName(f"{key}_no")
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(ok)
            line.addWidget(bad)
            line.addStretch(1)
            from PySide6.QtWidgets import QButtonGroup

            group = QButtonGroup(row)
            group.addButton(ok)
            group.addButton(bad)
            grid.addRow(tr(*LAB_CHECK_LABELS[key]), row)
            self.checks[key] = (ok, bad)
        self.form.addRow(box)
        self.accept_radio = QRadioButton(self.tr("接收"))
        self.accept_radio.setObjectName("accept")
        self.reject_radio = QRadioButton(self.tr("拒收"))
        self.reject_radio.setObjectName("reject")
        decision = QWidget()
        line = QHBoxLayout(decision)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.accept_radio)
        line.addWidget(self.reject_radio)
        line.addStretch(1)
        self.form.addRow(self.tr("结论"), decision)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.form.addRow(self.tr("原因"), self.reason)
        self.lab = QLineEdit(data.get("ship_to", ""))
        self.lab.setObjectName("lab")
        self.receiver = QLineEdit()
        self.receiver.setObjectName("receiver")
        self.receiver_id = QLineEdit()
        self.receiver_id.setObjectName("receiver_id")
        from inspector_app.ui.custody_sign import SignBox

        self.receiver_signed = SignBox("receiver_signature")
        self.form.addRow(self.tr("承检机构"), self.lab)
        self.form.addRow(self.tr("接收人"), self.receiver)
        self.form.addRow(self.tr("工号/证件号"), self.receiver_id)
        self.form.addRow(self.tr("接收人签名"), self.receiver_signed)
        self.place.setText(self.lab.text())
        self._finish_layout()

    def set_all_checks(self, value: bool) -> None:
        for ok, bad in self.checks.values():
            (ok if value else bad).setChecked(True)

    def request(self) -> dict[str, Any]:
        from inspector_app.domain.errors import ValidationError

        data: dict[str, Any] = {}
        for key, (ok, bad) in self.checks.items():
            data[key] = True if ok.isChecked() else False if bad.isChecked() else None
        data["accepted"] = True if self.accept_radio.isChecked() else False if self.reject_radio.isChecked() else None
        data["reason"] = self.reason.text().strip()
        data["lab"] = self.lab.text().strip()
        if not self.receiver.text().strip():
            raise ValidationError("receiver", tr("请填写接收人姓名。", "Enter the receiver's name."))
        if not self.receiver_signed.signed():
            raise ValidationError("receiver_signed", tr("接收人须签字确认。", "The receiver must sign."))
        receiver = SignatureRecord(self.receiver.text().strip(), "lab_receiver", self.receiver_id.text().strip(), **self.receiver_signed.image())
        actors = [self.me_actor(), {"name": receiver.name, "role": "lab_receiver", "id_no": receiver.id_no}]
        return {"type": "LAB_RECEIVED", "part": self.part, "data": data, "actors": actors, "place": self.place.text().strip() or data["lab"],
                "note": self.note.text().strip(), "photos": list(self.photos), "signers": [receiver]}


def record_event(txn, sample_id: str, request: dict[str, Any], photos: list[Any]) -> dict[str, Any]:
    """Write the request of a dialog: its photos (prepared off the writer, see
    `Worker.write_with_photos`) as evidence, signatures and the event, in one transaction."""
    from inspector_app.evidence.importer import record_photo
    from inspector_app.custody.service import append_event
    from inspector_app.domain.ids import uuid7

    event_id = uuid7()
    evidence = [record_photo(txn, photo, "custody_event", event_id)["blob_sha256"] for photo in photos]
    return append_event(txn, sample_id, request["type"], request["part"], actors=request["actors"], place=request.get("place", ""),
                        evidence=evidence, data=request["data"], note=request.get("note", ""), signers=request.get("signers", []),
                        event_id=event_id)

