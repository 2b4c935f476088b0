"""The sampling record form (抽样单): every field, autosaved, validated as you type.

`SampleForm(store, sample, photos=(), worker=None, parent=None)` edits a draft. There is no Save
button: each edit is written through `store.write` shortly after typing stops (`Autosaver`),
and the issues the service returns are shown at the field (red, with the message) and in a
list. "签署定稿" opens the signature dialog and finalizes; the form then emits `finalized`.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from inspector_app.custody import records
from inspector_app.evidence.importer import record_photo
from inspector_app.domain.identifiers import CERTIFICATE_TYPES
from inspector_app.domain.ids import format_utc, parse_utc
from inspector_app.i18n import separated
from inspector_app.ui.custody_ops import Autosaver, Worker
from inspector_app.ui.custody_sign import SignDialog

ERROR_STYLE = "border: 1px solid #dc2626; background: #fef2f2;"
WARNING_STYLE = "border: 1px solid #d97706; background: #fffbeb;"


def _number(text: str) -> Any:
    """Numbers stay numbers; anything else is kept as typed (validation says what is wrong)."""
    text = text.strip().replace("，", ".").replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SampleForm(QWidget):
    finalized = Signal(str)   # sample id
    saved = Signal(list)      # issues after an autosave

    def __init__(self, store: Any, sample: dict[str, Any], photos: list[dict[str, Any]] | tuple = (),
                 worker: Worker | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.sample = sample
        self.data: dict[str, Any] = copy.deepcopy(sample.get("data") or {})
        self.worker = worker or Worker(store, self)
        self.autosaver = Autosaver(self.worker, parent=self.worker)  # outlives the form: a last save in flight still lands
        self.autosaver.saved.connect(self._saved)
        self.autosaver.failed.connect(self._save_failed)
        self.issues: list[records.Issue] = []
        self.widgets: dict[str, QWidget] = {}
        self.photo_counts: dict[str, int] = {}
        for photo in photos:
            self.photo_counts[photo["role"]] = self.photo_counts.get(photo["role"], 0) + 1
        self._loading = True
        self._build()
        self._loading = False
        if not sample.get("sampled_at"):
            self._changed()  # store the default sampling time at once
        else:
            self.autosaver.submit(self._save_fn())

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        title = QLabel(f"<b>{self.tr('抽样单')} {self.sample.get('number', '')}</b> · {records.mode_label(self.sample['mode'])}")
        title.setObjectName("form_title")
        self.status = QLabel(self.tr("已自动保存"))
        self.status.setObjectName("autosave_status")
        self.status.setStyleSheet("color: #6b7280;")
        head.addWidget(title, 1)
        head.addWidget(self.status)
        outer.addLayout(head)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        mode = self.sample["mode"]

        form = self._section(self.tr("任务"))
        self._line(form, "task_source", self.tr("任务来源"))
        self._combo(form, "task_category", self.tr("任务类别"), [("national", self.tr("国家监督抽查")), ("provincial", self.tr("省级监督抽查")),
                    ("municipal", self.tr("市级监督抽查")), ("special", self.tr("专项抽查")), ("recheck", self.tr("复查抽查"))])
        party_title = self.tr("受检单位（网店）") if mode == "online" else self.tr("受检单位")
        form = self._section(party_title)
        for key, label in (("name", self.tr("单位名称")), ("address", self.tr("地址")), ("legal_rep", self.tr("法定代表人")),
                           ("contact", self.tr("联系人")), ("phone", self.tr("电话")), ("uscc", self.tr("统一社会信用代码"))):
            self._line(form, f"sampled_party.{key}", label)
        form = self._section(self.tr("生产单位") if mode == "production" else self.tr("标称生产者"))
        for key, label in (("name", self.tr("单位名称")), ("address", self.tr("地址")), ("postcode", self.tr("邮编")),
                           ("legal_rep", self.tr("法定代表人")), ("contact", self.tr("联系人")), ("phone", self.tr("电话")),
                           ("uscc", self.tr("统一社会信用代码")), ("economic_type", self.tr("经济类型"))):
            self._line(form, f"producer.{key}", label)
        if mode != "production":
            self._combo(form, "producer.confirmation", self.tr("样品确认"), [("pending", self.tr("待确认")), ("confirmed", self.tr("已确认")),
                        ("denied", self.tr("否认"))])
        form = self._section(self.tr("证书"))
        self._combo(form, "certificate.type", self.tr("证书类型"), [("", self.tr("（请选择）"))] + [(t, t) for t in CERTIFICATE_TYPES])
        self._line(form, "certificate.number", self.tr("证书编号"))
        form = self._section(self.tr("产品"))
        for key, label in (("name", self.tr("产品名称")), ("brand", self.tr("商标")), ("model", self.tr("规格型号")),
                           ("batch", self.tr("生产日期/批号")), ("grade", self.tr("产品等级")), ("standard", self.tr("标注执行标准"))):
            self._line(form, f"product.{key}", label)
        if mode == "online":
            form = self._section(self.tr("网络购买"))
            for key, label in (("platform", self.tr("平台")), ("shop", self.tr("店铺")), ("url", self.tr("商品链接")),
                               ("order_number", self.tr("订单号"))):
                self._line(form, f"online.{key}", label)
            self._line(form, "online.price", self.tr("价格（元）"), number=True)
        form = self._section(self.tr("数量"))
        for key, label in (("quantity", self.tr("抽样数量")), ("backup_quantity", self.tr("备样数量")), ("lot_size", self.tr("抽样基数"))):
            row = QHBoxLayout()
            amount, unit = self._bare(f"{key}.amount", number=True), self._bare(f"{key}.unit")
            unit.setMaximumWidth(80)
            row.addWidget(amount, 1)
            row.addWidget(unit)
            holder = QWidget()
            holder.setLayout(row)
            row.setContentsMargins(0, 0, 0, 0)
            form.addRow(label, holder)
        self._line(form, "unit_price", self.tr("单价（元）"), number=True)
        self._line(form, "purchase_cost", self.tr("购样费用（元）"), number=True)
        form = self._section(self.tr("抽样人员（不少于2名）"))
        samplers = self.data.setdefault("samplers", [])
        while len(samplers) < 3:
            samplers.append({"name": "", "cert_no": ""})
        for index in range(3):
            row = QHBoxLayout()
            name, cert = self._bare(f"samplers.{index}.name"), self._bare(f"samplers.{index}.cert_no")
            name.setPlaceholderText(self.tr("姓名"))
            cert.setPlaceholderText(self.tr("执法证号"))
            row.addWidget(name)
            row.addWidget(cert)
            row.setContentsMargins(0, 0, 0, 0)
            holder = QWidget()
            holder.setLayout(row)
            form.addRow(self.tr("抽样人员 %1").replace("%1", str(index + 1)), holder)
        form = self._section(self.tr("抽样地点和时间"))
        self._line(form, "place", self.tr("抽样地点"))
        self.sampled_at = QDateTimeEdit()
        self.sampled_at.setObjectName("sampled_at")
        self.sampled_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.sampled_at.setCalendarPopup(True)
        when = parse_utc(self.sample["sampled_at"]) if self.sample.get("sampled_at") else dt.datetime.now(dt.timezone.utc)
        self.sampled_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))
        self.sampled_at.dateTimeChanged.connect(self._changed)
        self.widgets["sampled_at"] = self.sampled_at
        form.addRow(self.tr("抽样日期时间"), self.sampled_at)
        form = self._section(self.tr("照片"))
        self.photo_buttons: dict[str, QPushButton] = {}
        roles = [("photo", self.tr("现场/样品照片"))]
        if mode == "online":
            roles += [("receipt", self.tr("购物凭证")), ("unpacking", self.tr("拆包过程"))]
        roles.append(("seal", self.tr("封样照片")))
        for role, label in roles:
            button = QPushButton()
            button.setObjectName(f"photo_{role}")
            button.clicked.connect(lambda _=False, r=role: self._pick_photos(r))
            self.photo_buttons[role] = button
            self.widgets[f"attachments.{role}"] = button
            form.addRow(label, button)
        self._refresh_photo_buttons()
        form = self._section(self.tr("封样"))
        self._line(form, "seal.state", self.tr("封样状态"))
        self._line(form, "seal.seal_numbers.test", self.tr("检验样封条编号"), listish=True)
        self._line(form, "seal.seal_numbers.backup", self.tr("备用样封条编号"), listish=True)
        self._line(form, "seal.backup_location", self.tr("备样封存地点"))
        self.widgets["seal.test"] = self.widgets["seal.seal_numbers.test"]
        self.widgets["seal.backup"] = self.widgets["seal.seal_numbers.backup"]
        self.widgets["seal"] = self.widgets["seal.seal_numbers.test"]
        form = self._section(self.tr("寄送和其他"))
        self._line(form, "ship_to", self.tr("寄送样地点"))
        self._line(form, "ship_deadline", self.tr("寄送样截止日期 (YYYY-MM-DD)"))
        export = QCheckBox(self.tr("出口产品"))
        export.setObjectName("export_product")
        export.setChecked(bool(self.data.get("export_product")))
        export.toggled.connect(lambda v: self._set("export_product", v))
        form.addRow(export)
        for key, label in (("name", self.tr("抽样单位")), ("address", self.tr("抽样单位地址")), ("contact", self.tr("联系人")),
                           ("phone", self.tr("电话"))):
            self._line(form, f"sampling_unit.{key}", label)
        self._line(form, "remarks", self.tr("备注"))
        self.body_layout.addStretch(1)
        bottom = QHBoxLayout()
        self.issue_list = QListWidget()
        self.issue_list.setObjectName("issues")
        self.issue_list.setMaximumHeight(110)
        self.issue_list.itemClicked.connect(self._focus_issue)
        bottom.addWidget(self.issue_list, 1)
        self.sign_button = QPushButton(self.tr("签署定稿…"))
        self.sign_button.setObjectName("sign_finalize")
        self.sign_button.setMinimumHeight(40)
        self.sign_button.clicked.connect(self.sign)
        bottom.addWidget(self.sign_button)
        outer.addLayout(bottom)

    def _section(self, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body_layout.addWidget(box)
        return form

    def _get(self, path: str) -> Any:
        node: Any = self.data
        for key in path.split("."):
            if isinstance(node, list):
                node = node[int(key)] if int(key) < len(node) else None
            elif isinstance(node, dict):
                node = node.get(key)
            else:
                return None
        return node

    def _set(self, path: str, value: Any) -> None:
        keys = path.split(".")
        node: Any = self.data
        for key in keys[:-1]:
            if isinstance(node, list):
                node = node[int(key)]
            else:
                node = node.setdefault(key, {})
        node[keys[-1]] = value
        self._changed()

    def _bare(self, path: str, *, number: bool = False, listish: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(path)
        value = self._get(path)
        edit.setText(separated(value) if listish and isinstance(value, list) else _text(value))

        def changed(text: str) -> None:
            if listish:
                value = [p.strip() for p in text.replace("，", ",").replace("、", ",").replace(";", ",").split(",") if p.strip()]
            elif number:
                value = _number(text)
            else:
                value = text
            self._set(path, value)

        edit.textEdited.connect(changed)
        self.widgets[path] = edit
        return edit

    def _line(self, form: QFormLayout, path: str, label: str, **kw: Any) -> QLineEdit:
        edit = self._bare(path, **kw)
        form.addRow(label, edit)
        return edit

    def _combo(self, form: QFormLayout, path: str, label: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(path)
        for value, text in items:
            combo.addItem(text, value)
        index = combo.findData(self._get(path) or "")
        combo.setCurrentIndex(max(index, 0))
        combo.currentIndexChanged.connect(lambda _i: self._set(path, combo.currentData()))
        self.widgets[path] = combo
        form.addRow(label, combo)
        return combo

    # -- editing -----------------------------------------------------------------------------
    def set_field(self, path: str, text: str) -> None:
        """Type into a field as a user would (tests, barcode scanners)."""
        widget = self.widgets[path]
        if isinstance(widget, QLineEdit):
            widget.setText(text)
            widget.textEdited.emit(text)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(text))

    def _sampled_at_value(self) -> str:
        moment = dt.datetime.fromtimestamp(self.sampled_at.dateTime().toSecsSinceEpoch(), dt.timezone.utc)
        return format_utc(moment)

    def _save_fn(self):
        sample_id, data, sampled_at = self.sample["id"], copy.deepcopy(self.data), self._sampled_at_value()
        data["samplers"] = [s for s in data.get("samplers", []) if s.get("name") or s.get("cert_no")] or data.get("samplers", [])[:2]
        return lambda txn: records.save_draft(txn, sample_id, data, sampled_at=sampled_at)

    def _changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self.status.setText(self.tr("正在保存…"))
        self.autosaver.submit(self._save_fn())

    def _saved(self, issues: list[records.Issue]) -> None:
        self.status.setText(self.tr("已自动保存"))
        self.show_issues(issues)
        self.saved.emit(issues)

    def _save_failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("保存失败：") + str(exc))
        self.status.setStyleSheet("color: #b91c1c;")

    def show_issues(self, issues: list[records.Issue]) -> None:
        self.issues = issues
        for path, widget in self.widgets.items():
            widget.setStyleSheet("")
            widget.setToolTip("")
        self.issue_list.clear()
        for issue in issues:
            widget = self._widget_for(issue.path)
            if widget is not None:
                widget.setStyleSheet(ERROR_STYLE if issue.severity == "error" else WARNING_STYLE)
                widget.setToolTip(issue.message)
            item = QListWidgetItem(("⚠ " if issue.severity == "warning" else "✘ ") + issue.message)
            item.setData(Qt.ItemDataRole.UserRole, issue.path)
            item.setForeground(Qt.GlobalColor.darkYellow if issue.severity == "warning" else Qt.GlobalColor.red)
            self.issue_list.addItem(item)
        blocking = records.errors(issues)
        self.sign_button.setEnabled(not blocking)
        self.sign_button.setToolTip(self.tr("请先更正列出的问题。") if blocking else "")

    def _widget_for(self, path: str) -> QWidget | None:
        if path.startswith("seal.taken:"):
            number = path.split(":", 1)[1]
            for key in ("seal.seal_numbers.test", "seal.seal_numbers.backup"):
                if number.upper() in self.widgets[key].text().upper():
                    return self.widgets[key]
            return None
        if path == "samplers":
            return self.widgets.get("samplers.1.name")
        return self.widgets.get(path)

    def _focus_issue(self, item: QListWidgetItem) -> None:
        widget = self._widget_for(item.data(Qt.ItemDataRole.UserRole))
        if widget is not None:
            widget.setFocus()

    def error_paths(self) -> set[str]:
        return {i.path for i in records.errors(self.issues)}

    # -- photos ------------------------------------------------------------------------------
    def _refresh_photo_buttons(self) -> None:
        for role, button in self.photo_buttons.items():
            count = self.photo_counts.get(role, 0)
            button.setText(self.tr("添加照片…（已有 %1 张）").replace("%1", str(count)))

    def _pick_photos(self, role: str) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择照片"), "", self.tr("图片 (*.jpg *.jpeg *.png)"))
        if paths:
            self.add_photos(role, paths)

    def add_photos(self, role: str, paths: list[str]) -> None:
        sample_id = self.sample["id"]

        def write(txn, prepared):
            for photo in prepared:
                record_photo(txn, photo, "sample", sample_id, role=role)
            return len(prepared)

        def done(count: int) -> None:
            self.photo_counts[role] = self.photo_counts.get(role, 0) + count
            self._refresh_photo_buttons()
            self._changed()  # re-validate (receipt / unpacking rules)

        self.status.setText(self.tr("正在保存照片…"))
        self.worker.write_with_photos(paths, write, done, self._save_failed)

    # -- signing -----------------------------------------------------------------------------
    def sign(self) -> None:
        dialog = SignDialog([s for s in self.data.get("samplers", []) if s.get("name")],
                            (self.data.get("sampled_party") or {}).get("legal_rep", ""),
                            with_producer=self.sample["mode"] != "production", title=self.tr("签署抽样单"), parent=self)
        self.sign_dialog = dialog
        dialog.accepted.connect(lambda: self.finalize_with(dialog.signers()))
        dialog.open()

    def finalize_with(self, signers: list) -> None:
        """Finalize once the last autosave has landed."""
        self.autosaver.when_idle(lambda: self._finalize(signers))

    def _finalize(self, signers: list) -> None:
        sample_id = self.sample["id"]
        self.status.setText(self.tr("正在定稿…"))
        self.worker.write(lambda txn: records.finalize(txn, sample_id, signers), lambda row: self.finalized.emit(row["id"]),
                          self._save_failed)
