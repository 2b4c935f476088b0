"""One place that sets up logging for the GUI and the CLI: a rotating log file per user.

The file lives in the per-user data folder (`~/.local/share/FieldInspector/logs/field-inspector.log`
on Linux, `%LOCALAPPDATA%\\FieldInspector\\logs\\…` on Windows), next to the default workspace,
so an inspector (or IT staff on the phone) can always find it; `INSPECTOR_LOG_DIR` overrides it.
`install_excepthooks` sends uncaught exceptions of every thread to that file; the GUI adds a
dialog on top (`inspector_app.ui.crash`). No Qt here: the CLI and the server import this.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from pathlib import Path
from typing import Callable

from inspector_app import APP_NAME, __version__

LOG_DIR_ENV = "INSPECTOR_LOG_DIR"
LOG_FILE_NAME = "field-inspector.log"
FATAL_FILE_NAME = "fatal.log"  # native crashes (faulthandler): Python cannot log those itself
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("inspector_app")

_state: dict[str, object] = {}


def log_dir() -> Path:
    """`INSPECTOR_LOG_DIR`, else `<per-user data folder>/logs`."""
    env = os.environ.get(LOG_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # only when needed: its Unix module imports tempfile (~4 ms of start-up)

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "logs"


def _writable_dir(preferred: Path) -> Path:
    """The preferred folder, or a temp folder when it cannot be created or written (read-only home)."""
    if _is_writable(preferred):
        return preferred
    import tempfile   # only now: it imports shutil, random … (~3 ms of start-up)

    fallback = Path(tempfile.gettempdir()) / f"{APP_NAME}-logs"
    return fallback if _is_writable(fallback) else Path(tempfile.gettempdir())


def _is_writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("", encoding="ascii")
        probe.unlink()
        return True
    except OSError:
        return False


class _EarlyBuffer(logging.Handler):
    """Stands in for the log file while the GUI starts (`setup_logging(defer_file=True)`).

    `logging.handlers` imports socket, pickle and queue (~5 ms, a tenth of what the window
    itself costs), so the start-up records wait here until `open_log_file()` after the first
    paint. A warning or worse, a flush (the crash handler flushes) or closing opens the file at
    once, so nothing is lost.
    """

    def __init__(self, path: Path, level: int):
        super().__init__(level)
        self.path = path
        self.pending: list[logging.LogRecord] = []
        self.target: logging.Handler | None = None     # the file, once open (a record racing the swap goes there)

    def emit(self, record: logging.LogRecord) -> None:
        if self.target is not None:
            self.target.handle(record)
            return
        self.pending.append(record)
        if record.levelno >= logging.WARNING or len(self.pending) > 10_000:
            open_log_file()

    def flush(self) -> None:
        if self.pending:
            open_log_file()

    def close(self) -> None:
        self.flush()
        super().close()


def _rotating_handler(path: Path, level: int) -> logging.Handler:
    import logging.handlers

    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    except OSError:  # pragma: no cover - _writable_dir checked the folder
        handler = logging.NullHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.set_name("inspector-file")
    return handler


def open_log_file() -> None:
    """Put the rotating log file in place of the start-up buffer and write what it held (idempotent)."""
    with _lock:
        handlers = _state.get("handlers", [])
        early = next((h for h in handlers if isinstance(h, _EarlyBuffer)), None)   # type: ignore[union-attr]
        if early is None:
            return
        handler = _rotating_handler(early.path, early.level)
        root = logging.getLogger()
        root.addHandler(handler)
        root.removeHandler(early)
        _state["handlers"] = [handler if h is early else h for h in handlers]   # type: ignore[union-attr]
        early.target = handler
        pending, early.pending = early.pending, []
    for record in pending:
        if record.levelno >= handler.level:
            handler.handle(record)


_lock = threading.Lock()


def current_log_file() -> Path | None:
    """The file the running process logs to (None before `setup_logging`)."""
    return _state.get("file")  # type: ignore[return-value]


def setup_logging(program: str = "gui", *, level: int = logging.INFO, console_level: int | None = logging.WARNING,
                  folder: Path | None = None, defer_file: bool = False) -> Path:
    """Attach the rotating file handler (and stderr, if there is one) to the root logger; idempotent.

    Returns the log file. `program` ("gui", "cli", "smoke") is written in the start line so the
    interleaved lines of several processes can be told apart. `defer_file`: keep records in
    memory until `open_log_file()` (the launcher has it called after the first paint, see `_EarlyBuffer`).
    """
    if "file" in _state:
        return _state["file"]  # type: ignore[return-value]
    target_dir = _writable_dir(Path(folder) if folder else log_dir())
    path = target_dir / LOG_FILE_NAME
    root = logging.getLogger()
    root.setLevel(min(level, root.level) if root.handlers else level)
    handler = _EarlyBuffer(path, level) if defer_file else _rotating_handler(path, level)
    root.addHandler(handler)
    # A windowed Windows build has no stderr (sys.stderr is None): only the file then.
    if console_level is not None and sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(console_level)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        console.set_name("inspector-console")
        root.addHandler(console)
    _state["file"] = path
    _state["handlers"] = [handler, *(h for h in root.handlers if h.get_name() == "inspector-console")]
    _enable_faulthandler(target_dir)
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    log.info("start %s %s (%s, Python %s, %s) pid %d", program, __version__, frozen,
             sys.version.split()[0], sys.platform, os.getpid())
    return path


def _enable_faulthandler(folder: Path) -> None:
    """Segfaults in native code (Qt, Pillow) leave their Python stack in fatal.log."""
    try:
        stream = open(folder / FATAL_FILE_NAME, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the process
    except OSError:
        return
    _state["faulthandler_was_enabled"] = faulthandler.is_enabled()
    faulthandler.enable(file=stream, all_threads=True)
    _state["fatal_stream"] = stream


def shutdown_logging() -> None:
    """Detach and close what `setup_logging` added (tests; a second setup then starts afresh)."""
    open_log_file()
    root = logging.getLogger()
    for handler in _state.pop("handlers", []):  # type: ignore[union-attr]
        root.removeHandler(handler)
        handler.close()
    stream = _state.pop("fatal_stream", None)
    if stream is not None:
        faulthandler.disable()
        stream.close()  # type: ignore[union-attr]
        if _state.pop("faulthandler_was_enabled", False) and sys.stderr is not None:
            faulthandler.enable(file=sys.stderr, all_threads=True)  # give pytest's (or the caller's) back
    _state.pop("file", None)


Reporter = Callable[[type[BaseException], BaseException, object, str], None]


def install_excepthooks(report: Reporter | None = None) -> None:
    """Uncaught exceptions (main thread and other threads) go to the log, then to `report`.

    `report(exc_type, exc, tb, thread_name)` is the GUI's dialog; it must never raise (if it
    does, that is logged too). KeyboardInterrupt keeps Python's default behaviour.
    """

    def handle(exc_type, exc, tb, thread_name: str) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception in thread %s", thread_name, exc_info=(exc_type, exc, tb))
        open_log_file()
        for handler in logging.getLogger().handlers:
            handler.flush()
        if report is not None:
            try:
                report(exc_type, exc, tb, thread_name)
            except Exception:  # noqa: BLE001 - the crash reporter itself failed: log, never recurse
                log.exception("the crash reporter failed")

    def excepthook(exc_type, exc, tb) -> None:
        handle(exc_type, exc, tb, threading.current_thread().name)

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    _state.setdefault("previous_hooks", (sys.excepthook, threading.excepthook))
    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook


def uninstall_excepthooks() -> None:
    previous = _state.pop("previous_hooks", None)
    if previous is not None:
        sys.excepthook, threading.excepthook = previous  # type: ignore[misc]
