"""Desktop-program behaviour: rotating log file, crash handler, About, the launcher's GUI/CLI dispatch."""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from inspector_app import __version__, logging_setup
from inspector_app.launcher import wants_cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def log_folder(tmp_path, monkeypatch):
    """Logging set up into a temporary folder, and taken down again (handlers, hooks)."""
    folder = tmp_path / "logs"
    monkeypatch.setenv(logging_setup.LOG_DIR_ENV, str(folder))
    logging_setup.shutdown_logging()
    yield folder
    logging_setup.uninstall_excepthooks()
    logging_setup.shutdown_logging()


def read_log(folder: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (folder / logging_setup.LOG_FILE_NAME).read_text(encoding="utf-8")


# -- log file ------------------------------------------------------------------------------------------

def test_log_file_is_in_the_per_user_data_folder_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv(logging_setup.LOG_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert logging_setup.log_dir() == tmp_path / "xdg" / "FieldInspector" / "logs"


def test_setup_logging_writes_a_rotating_file(log_folder):
    path = logging_setup.setup_logging("test", console_level=None)
    assert path == log_folder / "field-inspector.log"
    assert logging_setup.setup_logging("again") == path  # idempotent: one handler, one file
    logging.getLogger("inspector_app.something").info("检查记录已保存")
    text = read_log(log_folder)
    assert f"start test {__version__}" in text and "检查记录已保存" in text
    assert "start again" not in text
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 1 and handlers[0].backupCount == logging_setup.BACKUP_COUNT
    handlers[0].doRollover()
    logging.getLogger("inspector_app").info("after rollover")
    assert (log_folder / "field-inspector.log.1").exists()
    assert "after rollover" in read_log(log_folder)


def test_unwritable_log_folder_falls_back_to_a_temp_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be", encoding="utf-8")
    monkeypatch.setenv(logging_setup.LOG_DIR_ENV, str(blocker / "logs"))
    logging_setup.shutdown_logging()
    try:
        path = logging_setup.setup_logging("test", console_level=None)
        assert blocker not in path.parents
        logging.getLogger("inspector_app").warning("still logged")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "still logged" in path.read_text(encoding="utf-8")
    finally:
        logging_setup.shutdown_logging()


def test_uncaught_exception_in_a_thread_is_logged_with_its_traceback(log_folder):
    logging_setup.setup_logging("test", console_level=None)
    seen = []
    logging_setup.install_excepthooks(lambda t, e, tb, name: seen.append((t, str(e), name)))

    def worker():
        raise ValueError("照片文件损坏")

    thread = threading.Thread(target=worker, name="photo-worker")
    thread.start()
    thread.join()
    text = read_log(log_folder)
    assert "uncaught exception in thread photo-worker" in text
    assert "ValueError: 照片文件损坏" in text and "in worker" in text
    assert seen == [(ValueError, "照片文件损坏", "photo-worker")]


# -- crash handler (Qt) --------------------------------------------------------------------------------

@pytest.fixture
def crash_reporter(qapp, log_folder):
    from inspector_app.ui import crash

    log_file = logging_setup.setup_logging("test", console_level=None)
    reporter = crash.install(qapp, log_file)
    yield reporter
    if reporter.dialog is not None:
        reporter.dialog.done(0)
        reporter.dialog.deleteLater()
    crash.uninstall()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_shown_with_the_log_location(qtbot, crash_reporter, log_folder):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("保存")
    qtbot.addWidget(button)

    def broken_slot():
        raise RuntimeError("模拟的界面错误")

    button.clicked.connect(broken_slot)
    with qtbot.waitSignal(crash_reporter.dialog_shown, timeout=5000) as shown:
        QTimer.singleShot(0, button.click)  # clicked from the running event loop, as a user would
    box = shown.args[0]
    qtbot.waitUntil(box.isVisible)
    assert "RuntimeError: 模拟的界面错误" in box.informativeText()
    assert str(log_folder / "field-inspector.log") in box.informativeText()
    assert "broken_slot" in box.detailedText()
    text = read_log(log_folder)
    assert "uncaught exception in thread MainThread" in text and "RuntimeError: 模拟的界面错误" in text
    assert button.isEnabled()  # the program is still there


@pytest.mark.qt_no_exception_capture
def test_a_second_error_while_the_dialog_is_open_is_counted_not_stacked(qtbot, crash_reporter):
    from PySide6.QtCore import QTimer

    def fail():
        raise KeyError("again")

    with qtbot.waitSignal(crash_reporter.dialog_shown, timeout=5000):
        QTimer.singleShot(0, fail)
    first = crash_reporter.dialog
    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: len(crash_reporter.reports) == 2)
    assert crash_reporter.dialog is first and crash_reporter.suppressed == 1
    assert "1" in first.informativeText()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_worker_thread_reaches_the_dialog_on_the_main_thread(qtbot, crash_reporter, log_folder):
    def worker():
        raise OSError("磁盘已满")

    with qtbot.waitSignal(crash_reporter.dialog_shown, timeout=5000) as shown:
        thread = threading.Thread(target=worker, name="pdf-render")
        thread.start()
        thread.join()
    box = shown.args[0]
    assert box.thread() is crash_reporter.thread()
    assert "OSError: 磁盘已满" in box.informativeText() and "[thread pdf-render]" in box.detailedText()
    assert "uncaught exception in thread pdf-render" in read_log(log_folder)


def test_qt_warnings_go_to_the_log(crash_reporter, log_folder):
    from PySide6.QtCore import qWarning

    qWarning("QPainter::begin: Paint device returned engine == 0")
    assert "WARNING qt: QPainter::begin: Paint device returned engine == 0" in read_log(log_folder)


def test_about_shows_version_schema_data_folder_and_log_file(qtbot, log_folder, tmp_path):
    from PySide6.QtWidgets import QLabel

    from inspector_app.store.migrations import schema_version
    from inspector_app.ui.about import AboutDialog

    log_file = logging_setup.setup_logging("test", console_level=None)
    dialog = AboutDialog(tmp_path / "ws")
    qtbot.addWidget(dialog)
    version = dialog.findChild(QLabel, "version").text()
    assert __version__ in version and f"数据库结构 {schema_version()}" in version
    assert str(tmp_path / "ws") in dialog.findChild(QLabel, "data_folder").text()
    assert str(log_file) in dialog.findChild(QLabel, "log_file").text()


# -- launcher ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, cli", [
    ([], False),
    (["--demo"], False),
    (["--data-dir", "/tmp/ws", "--lang", "en", "--smoke-test"], False),
    (["--data-dir=/tmp/ws"], False),
    (["doctor"], True),
    (["--data-dir", "/tmp/ws", "search", "食品"], True),
    (["--lang", "en", "check-uscc", "91350100M000100Y43"], True),
])
def test_sub_command_selects_the_cli(argv, cli):
    assert wants_cli(argv) is cli


def desktop_env(tmp_path) -> dict:
    """A user whose home is empty: nothing may land in a real per-user folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("INSPECTOR_DATA_DIR",)}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
               XDG_CACHE_HOME=str(tmp_path / "xdg-cache"), INSPECTOR_LOG_DIR=str(tmp_path / "logs"),
               INSPECTOR_UI_CONFIG=str(tmp_path / "pointer.ini"), QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path),
               PYTHONPATH=str(ROOT))
    return env


def test_main_py_runs_a_cli_sub_command_and_logs_it(tmp_path):
    env = desktop_env(tmp_path)
    done = subprocess.run([sys.executable, "main.py", "--lang", "en", "check-uscc", "91350100M000100Y4X"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "PySide6" not in done.stderr
    log_text = (tmp_path / "logs" / "field-inspector.log").read_text(encoding="utf-8")
    assert f"start cli {__version__} (source" in log_text


def test_smoke_test_without_data_dir_uses_a_temporary_demo_workspace(tmp_path):
    env = desktop_env(tmp_path)
    done = subprocess.run([sys.executable, "main.py", "--smoke-test"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ok"] is True and result["temporary_workspace"] is True and result["frozen"] is False
    assert result["tasks_listed"] > 0 and result["modules_imported"] >= 60
    for part, key in (("render_pdf", "pdf"), ("import_photo", "photo")):
        assert key in result or part in result.get("skipped", {}), result
    workspace = Path(result["workspace"])
    assert not workspace.exists(), "the temporary workspace is removed afterwards"
    assert not (tmp_path / "xdg-data" / "FieldInspector" / "workspace").exists(), "the user's data folder is untouched"
    assert "start smoke" in (tmp_path / "logs" / "field-inspector.log").read_text(encoding="utf-8")


def test_version_names_the_program_and_schema():
    done = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    from inspector_app.store.migrations import schema_version

    assert done.stdout.strip() == f"field-inspector {__version__} (schema {schema_version()})"


def test_a_program_named_inspector_app_is_the_cli_except_for_the_smoke_test(tmp_path):
    link = tmp_path / "inspector-app"
    link.symlink_to(ROOT / "main.py")
    env = desktop_env(tmp_path)
    usage = subprocess.run([sys.executable, str(link)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2 and "usage: inspector-app" in usage.stderr
    version = subprocess.run([sys.executable, str(link), "--version"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert version.stdout.strip() == f"inspector-app {__version__}"


def test_cli_path_does_not_load_qt(tmp_path):
    code = ("import sys\nfrom inspector_app.launcher import main\n"
            "code = main(['check-uscc', '91350100M000100Y43'])\n"
            "print(code, any(m == 'PySide6' or m.startswith('PySide6.') for m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=desktop_env(tmp_path), capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "0 False", done.stdout + done.stderr


def test_deferred_log_file_keeps_start_up_records_and_opens_on_a_warning(log_folder):
    """The GUI's start-up keeps INFO records in memory (no `logging.handlers` import before the
    first paint); `open_log_file` writes them in order, and a warning opens the file at once."""
    logging_setup.shutdown_logging()
    path = logging_setup.setup_logging("gui", console_level=None, defer_file=True)
    logging.getLogger("inspector_app.start").info("第一页已读取")
    assert not path.exists() or "第一页已读取" not in path.read_text(encoding="utf-8")
    logging_setup.open_log_file()
    logging_setup.open_log_file()                                   # idempotent
    logging.getLogger("inspector_app.start").info("after the first paint")
    text = read_log(log_folder)
    assert text.index(f"start gui {__version__}") < text.index("第一页已读取") < text.index("after the first paint")
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 1

    logging_setup.shutdown_logging()
    path = logging_setup.setup_logging("gui", console_level=None, defer_file=True)
    logging.getLogger("inspector_app.start").info("before the warning")
    logging.getLogger("inspector_app.start").warning("工作区被锁定")
    text = read_log(log_folder)
    assert "before the warning" in text and "工作区被锁定" in text


def test_uncaught_exception_before_the_first_paint_reaches_the_file(log_folder):
    logging_setup.shutdown_logging()
    logging_setup.setup_logging("gui", console_level=None, defer_file=True)
    logging_setup.install_excepthooks()
    logging.getLogger("inspector_app.start").info("starting")
    try:
        raise RuntimeError("界面初始化失败")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    text = read_log(log_folder)
    assert "starting" in text and "RuntimeError: 界面初始化失败" in text
