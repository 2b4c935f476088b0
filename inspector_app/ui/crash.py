"""The GUI's crash handler: an uncaught exception is logged and the user is told, not left alone.

`install(app, log_file)` routes `sys.excepthook` and `threading.excepthook` (through
`inspector_app.logging_setup`) and Qt's own messages (`qInstallMessageHandler`) to the log,
and shows a dialog saying what happened, that saved work is safe, and where the log is.
Exceptions from worker threads reach the dialog through a queued signal (widgets live on the
main thread only). While a dialog is open, further errors are counted, not stacked.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QtMsgType, Signal, Slot, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from inspector_app import logging_setup

if TYPE_CHECKING:   # the dialog's classes load when it shows: installed at start-up, shown rarely
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


# Harmless messages of the offscreen/minimal platform plugins: kept in the log at DEBUG only.
_QT_NOISE = ("This plugin does not support",)


def qt_message_handler(mode: QtMsgType, context: Any, message: str) -> None:
    """Qt warnings and errors into our log (Qt aborts after a fatal one: flush first)."""
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    level = _QT_LEVELS.get(mode, logging.WARNING)
    if level == logging.WARNING and message.startswith(_QT_NOISE):
        level = logging.DEBUG
    qt_log.log(level, "%s%s", message, where)
    if mode == QtMsgType.QtFatalMsg:
        for handler in logging.getLogger().handlers:
            handler.flush()


class CrashReporter(QObject):
    """Lives on the main thread; `reported` carries (summary, details) from any thread."""

    reported = Signal(str, str)
    dialog_shown = Signal(object)  # the QMessageBox (tests, smoke)

    def __init__(self, log_file: Path | None, interactive: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self.log_file = log_file
        self.interactive = interactive
        self.dialog: QMessageBox | None = None
        self.suppressed = 0
        self.reports: list[tuple[str, str]] = []
        self.reported.connect(self._show)

    def report(self, exc_type: type[BaseException], exc: BaseException, tb: Any, thread_name: str) -> None:
        summary = f"{exc_type.__name__}: {exc}"
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if thread_name != "MainThread":
            details = f"[thread {thread_name}]\n{details}"
        self.reported.emit(summary, details)  # queued when called from a worker thread

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        self.reports.append((summary, details))
        if not self.interactive:
            return
        from PySide6.QtCore import QThread
        from PySide6.QtWidgets import QMessageBox

        from inspector_app.ui import style

        style.use_bundled_font(QApplication.instance())   # a crash during start-up, before the window
        if self.dialog is not None and self.dialog.isVisible():
            self.suppressed += 1
            self.dialog.setInformativeText(self._informative(summary))
            return
        self.suppressed = 0
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("出现意外错误"), "", QMessageBox.StandardButton.NoButton,
                          QApplication.activeWindow())
        box.setObjectName("crash_dialog")
        box.setText(self.tr("现场检查遇到了一个意外错误。已经保存的记录不受影响；请检查刚才的操作是否已完成。\n"
                            "如果问题反复出现，请把日志文件发给技术支持人员。"))
        box.setInformativeText(self._informative(summary))
        box.setDetailedText(details)
        self.open_button = box.addButton(self.tr("打开日志文件夹"), QMessageBox.ButtonRole.ActionRole)
        self.quit_button = box.addButton(self.tr("退出程序"), QMessageBox.ButtonRole.DestructiveRole)
        self.continue_button = box.addButton(self.tr("继续工作"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(self.continue_button)
        box.setEscapeButton(self.continue_button)  # Esc, the title bar and app.quit() can close it
        box.buttonClicked.connect(self._clicked)
        self.dialog = box
        self.dialog_shown.emit(box)
        if QThread.currentThread().loopLevel() > 0:
            box.open()  # an event loop runs: do not nest another one inside the failing slot
        else:
            box.exec()  # start-up, before app.exec(): keep the process alive until the user read it

    def _informative(self, summary: str) -> str:
        text = self.tr("错误：{e}\n日志文件：{p}").format(e=summary, p=self.log_file or self.tr("（无）"))
        if self.suppressed:
            text += "\n" + self.tr("之后又发生了 {n} 个错误，详见日志。").format(n=self.suppressed)
        return text

    def _clicked(self, button: Any) -> None:
        if button is self.open_button:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            if self.log_file is not None:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.log_file).parent)))
            if self.dialog is not None:  # keep the dialog: the user may still want to quit
                self.dialog.open()
        elif button is self.quit_button:
            log.warning("the user quit after an unexpected error")
            QApplication.exit(70)  # EX_SOFTWARE


_installed: dict[str, Any] = {}


def install(app: QApplication, log_file: Path | None, interactive: bool = True) -> CrashReporter:
    """Idempotent per application; `interactive=False` (smoke test) logs without dialogs."""
    reporter = _installed.get("reporter")
    if reporter is None or _installed.get("app") is not app:
        reporter = CrashReporter(log_file, interactive=interactive, parent=app)
        _installed.update(reporter=reporter, app=app)
    reporter.log_file = log_file
    reporter.interactive = interactive
    logging_setup.install_excepthooks(reporter.report)
    qInstallMessageHandler(qt_message_handler)
    return reporter


def uninstall() -> None:
    qInstallMessageHandler(None)
    logging_setup.uninstall_excepthooks()
    _installed.clear()
