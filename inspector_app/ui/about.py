"""About: version, schema version, data folder, log file, licences of what we ship."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from inspector_app.ui import style
from inspector_app import __version__
from inspector_app.logging_setup import current_log_file
from inspector_app.store import migrations


class AboutDialog(QDialog):
    def __init__(self, data_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle(self.tr("关于现场检查"))
        title = QLabel(self.tr("现场检查 Field Inspector"))
        style.role(title, "title")
        version = QLabel(self.tr("版本 {v} · 数据库结构 {s} · Qt/PySide6 {q} · Python {p}").format(
            v=__version__, s=len(migrations.migrations._migrations), q=pyside_version, p=platform.python_version()))
        version.setObjectName("version")
        folder = QLabel(self.tr("数据文件夹：{p}").format(p=data_folder))
        folder.setObjectName("data_folder")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setWordWrap(True)
        log_file = QLabel(self.tr("日志文件：{p}").format(p=current_log_file() or self.tr("（未记录日志）")))
        log_file.setObjectName("log_file")
        log_file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        log_file.setWordWrap(True)
        text = QLabel(self.tr("供市场监督管理部门产品质量监督抽查与现场检查使用：离线检查表、照片证据、"
                              "样品流转记录、法定文书及与中心服务器同步。\n字体：Droid Sans Fallback（Apache 2.0）。"))
        text.setWordWrap(True)
        style.role(text, "subtitle")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        for widget in (title, version, folder, log_file, text, buttons):
            layout.addWidget(widget)
        self.resize(560, 290)
