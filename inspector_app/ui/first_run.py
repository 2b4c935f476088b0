"""First run: choose or create a workspace (or open the demo), then who the inspectors are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from inspector_app.ui import style
from inspector_app.domain.ids import uuid7
from inspector_app.store.reference import upsert_inspector
from inspector_app.ui.ops import Ops


class WorkspaceDialog(QDialog):
    """Returns `choice` in ("open", "create", "demo") and `path`."""

    def __init__(self, default_path: Path, demo_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("WorkspaceDialog")
        self.setWindowTitle(self.tr("欢迎使用现场检查"))
        self.choice: str | None = None
        self.path: Path = default_path
        self.demo_path = demo_path

        title = QLabel(self.tr("欢迎使用现场检查"))
        style.role(title, "title")
        intro = QLabel(self.tr("所有检查记录、照片和文书保存在本机的“工作区”文件夹中，无网络时也可使用。"
                               "请选择已有工作区、新建一个，或先打开演示工作区熟悉软件。"))
        intro.setWordWrap(True)
        style.role(intro, "subtitle")
        self.folder = QLineEdit(str(default_path))
        self.folder.setObjectName("workspace_folder")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.error = QLabel()
        style.role(self.error, "error")
        self.error.setWordWrap(True)

        create = QPushButton(self.tr("新建或打开此工作区"))
        style.role(create, "primary")
        create.setObjectName("create_workspace")
        create.clicked.connect(self._create)
        demo = QPushButton(self.tr("打开演示工作区"))
        demo.setObjectName("open_demo")
        demo.clicked.connect(self._demo)
        demo_hint = QLabel(self.tr("演示工作区：{p}（虚构的企业和任务，可随意练习）").format(p=demo_path))
        style.role(demo_hint, "hint")
        demo_hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("工作区文件夹")))
        layout.addLayout(row)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(demo)
        buttons.addStretch(1)
        buttons.addWidget(create)
        layout.addLayout(buttons)
        layout.addWidget(demo_hint)
        self.resize(620, 300)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择工作区文件夹"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _create(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.error.setText(self.tr("请填写工作区文件夹。"))
            return
        path = Path(text).expanduser()
        if path.exists() and not path.is_dir():
            self.error.setText(self.tr("{p} 是一个文件，不是文件夹。请选择文件夹。").format(p=path))
            return
        self.choice, self.path = "create", path
        self.accept()

    def _demo(self) -> None:
        self.choice, self.path = "demo", self.demo_path
        self.accept()


class IdentityDialog(QDialog):
    """The inspector and partner (执法证号); stored in `setting` and the `inspector` table."""

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.setObjectName("IdentityDialog")
        self.setWindowTitle(self.tr("检查人员信息"))
        store = ops.store
        partner = self._partner(store)
        self.name = QLineEdit(store.setting("inspector.name") or "")
        self.name.setObjectName("name")
        self.cert = QLineEdit(store.setting("inspector.cert_no") or "")
        self.cert.setObjectName("cert_no")
        self.unit = QLineEdit(self._unit(store))
        self.partner_name = QLineEdit(partner.get("name", ""))
        self.partner_name.setObjectName("partner_name")
        self.partner_cert = QLineEdit(partner.get("cert_no", ""))
        self.partner_cert.setObjectName("partner_cert_no")
        self.error = QLabel()
        style.role(self.error, "error")
        self.error.setWordWrap(True)

        intro = QLabel(self.tr("现场检查须由两名以上执法人员进行。请填写您和同行检查人员的姓名与执法证号，"
                               "它们将记录在每份检查记录中。"))
        intro.setWordWrap(True)
        style.role(intro, "subtitle")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("执法证号"), self.cert)
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.tr("同行检查人员姓名"), self.partner_name)
        form.addRow(self.tr("同行人员执法证号"), self.partner_cert)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("保存"))
        self.ok_button.setObjectName("save_identity")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 320)

    @staticmethod
    def _partner(store: Any) -> dict[str, str]:
        partner_id = store.setting("inspector.partner_id")
        if partner_id:
            row = store.read().execute("SELECT name, cert_no FROM inspector WHERE id = ?", [partner_id]).fetchone()
            if row:
                return {"name": row[0], "cert_no": row[1]}
        return {}

    @staticmethod
    def _unit(store: Any) -> str:
        me = store.setting("inspector.id")
        row = store.read().execute("SELECT unit FROM inspector WHERE id = ?", [me]).fetchone() if me else None
        return row[0] if row else ""

    def _save(self) -> None:
        values = {"name": self.name.text().strip(), "cert_no": self.cert.text().strip(), "unit": self.unit.text().strip(),
                  "partner_name": self.partner_name.text().strip(), "partner_cert": self.partner_cert.text().strip()}
        if not values["name"] or not values["cert_no"]:
            self.error.setText(self.tr("请填写您的姓名和执法证号。"))
            return
        if values["partner_name"] and not values["partner_cert"]:
            self.error.setText(self.tr("请填写同行检查人员的执法证号。"))
            return
        self.ok_button.setEnabled(False)
        self.ops.write(save_identity, values, on_success=lambda _r: self.accept(), on_failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText(self.tr("保存失败：{e}").format(e=exc))


def save_identity(txn: Any, values: dict[str, str]) -> dict[str, str]:
    """Write both inspectors (`inspector` rows, with their unit) and the declared identity
    settings (inspector.id/name/cert_no/partner_id) in one transaction."""
    from inspector_app import settings

    me_id = txn.setting("inspector.id") or uuid7()
    upsert_inspector(txn, {"id": me_id, "name": values["name"], "cert_no": values["cert_no"], "unit": values.get("unit", "")})
    settings.put(txn, "inspector.id", me_id)
    settings.put(txn, "inspector.name", values["name"])
    settings.put(txn, "inspector.cert_no", values["cert_no"])
    if values.get("partner_name"):
        partner_id = txn.setting("inspector.partner_id") or uuid7()
        upsert_inspector(txn, {"id": partner_id, "name": values["partner_name"], "cert_no": values["partner_cert"],
                               "unit": values.get("unit", "")})
        settings.put(txn, "inspector.partner_id", partner_id)
    return {"id": me_id}
