"""Login dialog for the sync server.

    dialog = SyncLoginDialog(store, parent=None)
    dialog.loggedIn.connect(lambda info: ...)   # {"server", "user": {...}, "expires_at"}
    dialog.open()

The login runs on a worker (network); the password is handed to `engine.login` and never
stored — only the token the server returns is kept (setting `sync.token`). Errors appear in
the dialog in the inspector's words, the fields keep what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from inspector_app.store.db import Store
from inspector_app.sync import settings
from inspector_app.ui.sync_jobs import SyncJob


class SyncLoginDialog(QDialog):
    loggedIn = Signal(dict)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._job: SyncJob | None = None
        self.setWindowTitle(self.tr("登录同步服务器"))
        self.setMinimumWidth(460)

        self.server = QLineEdit(settings.get(store, "sync.server_url"))
        self.server.setPlaceholderText("https://sync.example.gov.cn")
        self.user = QLineEdit(settings.get(store, "sync.user"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_bundle = QLineEdit(settings.get(store, "sync.ca_bundle"))
        self.ca_bundle.setPlaceholderText(self.tr("使用系统证书（可不填）"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("服务器地址"), self.server)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("CA 证书文件"), ca_row)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(self.tr("只保存登录凭证（令牌），不保存密码。"))
        note.setStyleSheet("color: palette(mid);")

        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button = self.buttons.addButton(self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.user.text() else self.server if not self.server.text() else self.user).setFocus()

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择 CA 证书文件"), "", self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)"))
        if path:
            self.ca_bundle.setText(path)

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def _login(self) -> None:
        server, user, password = self.server.text().strip(), self.user.text().strip(), self.password.text()
        if not server or not user or not password:
            self._show_error(self.tr("请填写服务器地址、用户名和密码。"))
            return
        self.message.setStyleSheet("")
        self.message.setText(self.tr("正在登录…"))
        self._set_busy(True)
        self._job = SyncJob("inspector_app.sync.engine:login", self.store, server, user, password,
                            ca_bundle=self.ca_bundle.text().strip(), with_progress=False)
        self._job.signals.succeeded.connect(self._done)
        self._job.signals.failed.connect(self._failed)
        self._job.start()

    def _set_busy(self, busy: bool) -> None:
        for w in (self.server, self.user, self.password, self.ca_bundle, self.login_button):
            w.setEnabled(not busy)

    def _done(self, info: dict) -> None:
        self._set_busy(False)
        self.password.clear()
        self.loggedIn.emit(info)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._show_error(str(exc))
        self.password.setFocus()
        self.password.selectAll()
