"""Application bootstrap: QApplication, bundled font, translations, workspace, main window.

`run(argv)` is what `python main.py` calls. Options: `--data-dir DIR`, `--demo` (open the demo
workspace, creating it if needed), `--smoke-test` (see `inspector_app.ui.smoke`), `--lang`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

from inspector_app import APP_NAME, __version__

log = logging.getLogger(__name__)


def process_age() -> float:
    """Seconds since this process started (Linux /proc; elsewhere since this module loaded)."""
    try:
        ticks = os.sysconf(os.sysconf_names["SC_CLK_TCK"])
        with open("/proc/self/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return max(uptime - start_ticks / ticks, 0.0)
    except (OSError, ValueError, KeyError, IndexError):
        return 0.0


_T0 = time.monotonic() - process_age()


def since_process_start() -> float:
    return time.monotonic() - _T0


LANGUAGE_CHOICES = ("zh_CN", "en")


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Field Inspector 现场检查 — desktop application")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None, help="workspace folder (default: last used, else the per-user data folder)")
    parser.add_argument("--demo", action="store_true", help="open the demo workspace (created if needed)")
    parser.add_argument("--smoke-test", action="store_true", help="start offscreen, open and answer one inspection, exit; prints JSON")
    parser.add_argument("--lang", choices=LANGUAGE_CHOICES, default=None, help="interface language (remembered)")
    return parser


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The GUI's options. The usual forms are read directly; argparse (help, version, usage
    errors, abbreviations) takes anything else — building its parser costs ~3 ms of start-up."""
    argv = sys.argv[1:] if argv is None else list(argv)
    return _parse_plain(argv) or argument_parser().parse_args(argv)


def _parse_plain(argv: list[str]) -> argparse.Namespace | None:
    """`--data-dir DIR`, `--data-dir=DIR`, `--lang L`, `--demo`, `--smoke-test`, each once; else None."""
    values: dict[str, Any] = {"data_dir": None, "demo": False, "smoke_test": False, "lang": None}
    words = iter(argv)
    for word in words:
        name, has_value, value = word.partition("=")
        key = name[2:].replace("-", "_") if name.startswith("--") else ""
        if key in ("demo", "smoke_test") and not has_value and not values[key]:
            values[key] = True
        elif key in ("data_dir", "lang") and values[key] is None:
            if not has_value:
                value = next(words, None)
                if value is None or value.startswith("-"):
                    return None
            if key == "lang" and value not in LANGUAGE_CHOICES or not value:
                return None
            values[key] = Path(value) if key == "data_dir" else value
        else:
            return None
    return argparse.Namespace(**values)


def hold_gc_until_shown() -> None:
    """Start-up creates some 10^5 long-lived objects (modules, Qt wrappers, the first page);
    cyclic collections while they are made only cost time. `main_window.settle_gc` collects
    once, freezes them and turns the collector back on when the main window shows."""
    import gc

    gc.disable()


def create_application(argv: list[str] | None = None, font_later: bool = False):
    """The QApplication with Qt 6's High-DPI scaling, bundled font and style (idempotent for tests).

    `font_later`: the font is registered on a thread; `style.use_bundled_font(app)` must run
    before the first window is built (the start-up path does it after its imports)."""
    from PySide6.QtWidgets import QApplication

    from inspector_app.ui import style

    # Background threads (the store's writer, queries) run Python too; by default the UI
    # thread may wait 5 ms for the GIL each time it needs it while they do, many times per
    # repaint (every Python paintEvent/slot). 1 ms keeps the UI responsive while autosaving.
    sys.setswitchinterval(0.001)
    app = QApplication.instance()
    if app is None:
        # High DPI: Qt 6 scales by the screen's exact factor (rounding policy PassThrough) unless
        # QT_SCALE_FACTOR_ROUNDING_POLICY says otherwise; a test checks it.
        # Fusion on every platform (the palette is made for it). Chosen on the command line, not
        # with setStyle(): that would wrap the QStyle for Python, creating all its enums (~5 ms).
        app = QApplication([*(argv or sys.argv[:1]), "-style", "fusion"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("现场检查")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    if not app.property("fi_styled"):
        style.apply_style(app, font_later=font_later)
        app.setProperty("fi_styled", True)
    return app


def wait_for_font(app: Any) -> None:
    """Before the first window: the bundled font, registered on a thread while the main
    window's modules are imported here (the launcher creates the application with `font_later`)."""
    import importlib

    from inspector_app.ui import style

    importlib.import_module("inspector_app.ui.main_window")   # while the font loads
    style.use_bundled_font(app)


def demo_dir() -> Path:
    from inspector_app.store.paths import default_data_dir

    return default_data_dir().parent / "demo-workspace"


def ensure_demo(store: Any, wait: Any = None) -> bool:
    """Fill an empty workspace with the demo data; True when it was built now."""
    from inspector_app.demo import build_demo, has_demo

    if has_demo(store) or store.read().execute("SELECT count(*) FROM task").fetchone()[0]:
        return False
    if wait is None:
        build_demo(store)
    else:
        wait(lambda ctx: build_demo(store))
    return True


# What start-up leaves until the main window has painted (the launcher's log file and window icon).
AFTER_FIRST_PAINT: list[Callable[[], None]] = []


class Session:
    """Everything one open workspace needs in the GUI (kept together so switching is clean).

    `store` may be None while the workspace at `root` is still opening (start-up shows the
    first page read straight from the file, see prefetch.py); `attach` hands it over."""

    def __init__(self, app: Any, store: Any, languages: Any, workspace_label: str = "", *, root: Path | None = None):
        from inspector_app.ui.main_window import MainWindow
        from inspector_app.ui.ops import Ops
        from inspector_app.ui.settings import workspace_settings

        wait_for_font(app)
        root = store.paths.root if store is not None else Path(root)
        self.app = app
        self.ops = Ops(store)
        self.settings = workspace_settings(root)
        self.window = MainWindow(self.ops, self.settings, languages=languages, workspace_label=workspace_label or str(root))
        self.window.ready.connect(self._first_paint)

    def _first_paint(self) -> None:
        from PySide6.QtCore import QTimer

        log.info("main window shown with data %.3f s after process start", since_process_start())
        while AFTER_FIRST_PAINT:
            QTimer.singleShot(0, AFTER_FIRST_PAINT.pop(0))

    @property
    def store(self) -> Any:
        return self.ops.store

    def attach(self, store: Any) -> None:
        self.window.attach_store(store)

    def open_when_shown(self, root: Path, on_opened: Any, on_error: Any) -> None:
        """Right after the window's first paint: open the workspace (`open_store`: writer,
        identity, checks; ~20 ms) and attach it; `on_error(WorkspaceError)` if it cannot open."""
        from PySide6.QtCore import QTimer

        def open_now() -> None:
            from inspector_app.store import WorkspaceError, open_store

            try:
                store = open_store(root)
            except WorkspaceError as exc:
                on_error(exc)
                return
            self.attach(store)
            on_opened(store)

        if self.window.is_ready:
            QTimer.singleShot(0, open_now)
        else:
            self.window.ready.connect(lambda: QTimer.singleShot(0, open_now))

    def close(self) -> None:
        self.window.close()
        self.ops.shutdown()
        if self.store is not None:
            self.store.close()


def run_blocking(app: Any, fn, label: str) -> Any:
    """Run `fn(None)` on a plain thread while a busy dialog spins (the UI keeps painting).

    Used before any window exists (building the demo workspace), so there is no `Ops` yet.
    """
    import threading

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QProgressDialog

    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["ok"] = fn(None)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the main thread
            outcome["error"] = exc

    dialog = QProgressDialog(label, "", 0, 0)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    worker = threading.Thread(target=work, name="blocking-op", daemon=True)
    worker.start()
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(lambda: loop.quit() if not worker.is_alive() else None)
    timer.start()
    loop.exec()
    timer.stop()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("ok")


def choose_workspace(args: argparse.Namespace, pointer: Any, app: Any) -> tuple[Path, bool] | None:
    """(workspace root, is_demo), asking on first run; None when the user cancels."""
    from inspector_app.store.paths import WorkspacePaths

    candidate = requested_workspace(args, lambda: pointer.get("ui/last_workspace"))
    if args.demo or args.data_dir is not None:
        return candidate, bool(args.demo)
    if WorkspacePaths(candidate).db.exists() or os.environ.get("INSPECTOR_DATA_DIR"):
        return candidate, False
    from inspector_app.ui.first_run import WorkspaceDialog

    dialog = WorkspaceDialog(candidate, demo_dir())
    if not dialog.exec():
        return None
    return dialog.path, dialog.choice == "demo"


def open_workspace(root: Path, is_demo: bool, app: Any, interactive: bool = True) -> Any:
    """Open (create) the store; build the demo data in the background when asked."""
    from PySide6.QtCore import QCoreApplication

    from inspector_app.store import open_store

    store = open_store(root)
    if is_demo:
        label = QCoreApplication.translate("App", "正在生成演示工作区，请稍候…")
        ensure_demo(store, wait=(lambda fn: run_blocking(app, fn, label)) if interactive else None)
    return store


def start_prefetch(data_dir: Path | None) -> Any:
    """Read a known, existing workspace's first page while Qt loads (see prefetch.py)."""
    from inspector_app.store.paths import WorkspacePaths
    from inspector_app.ui.prefetch import StartupPrefetch

    if data_dir is None:
        return None
    db = WorkspacePaths(Path(data_dir).expanduser().resolve()).db
    return StartupPrefetch(db) if db.exists() else None


def requested_workspace(args: argparse.Namespace, last: Callable[[], str | None]) -> Path:
    """`--data-dir`, else the demo workspace for `--demo`, else `last()` (the workspace opened
    last, asked only when needed), else the per-user default."""
    from inspector_app.store.paths import default_data_dir

    if args.data_dir is not None:
        return args.data_dir
    if args.demo:
        return demo_dir()
    remembered = last()
    return Path(remembered) if remembered else default_data_dir()


def guess_workspace(args: argparse.Namespace) -> Path:
    """The workspace `choose_workspace` will most likely pick, found without Qt (pointer.py;
    the smoke test never uses the remembered one)."""
    from inspector_app.ui.pointer import last_workspace

    root = requested_workspace(args, (lambda: None) if args.smoke_test else last_workspace)
    return Path(root).expanduser().resolve()


class EarlyStart:
    """What start-up does before Qt loads (the launcher calls `begin` before it imports Qt).

    The collector is held (`hold_gc_until_shown`) and the workspace the application will most
    likely open has its first page read on a thread meanwhile. `quick_start(root)` hands that
    page over only if `root` is the workspace actually chosen.
    """

    def __init__(self, args: argparse.Namespace):
        self.args = args
        hold_gc_until_shown()
        self.root = guess_workspace(args)
        self.prefetch = start_prefetch(self.root)

    def quick_start(self, root: Path, is_demo: bool = False) -> Any:
        """The prefetched `QuickStart` for `root`, or None when it must be opened first."""
        if self.prefetch is None or Path(root).expanduser().resolve() != self.root:
            return None
        quick = self.prefetch.result()
        if quick is not None and is_demo and not quick.page[0]:
            return None      # an empty demo workspace: it is built before anything shows
        return quick


def begin(argv: list[str] | None = None) -> EarlyStart:
    """Parse the arguments and start what can run before Qt loads (SystemExit on bad arguments)."""
    return EarlyStart(parse_args(argv))


def run(argv: list[str] | None = None, early: EarlyStart | None = None) -> int:
    """The GUI: `early` is `begin(argv)` when the launcher already called it before loading Qt."""
    early = early or begin(argv)
    args = early.args
    if args.smoke_test:
        from inspector_app.ui.smoke import run_smoke_test

        return run_smoke_test(early)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_application(sys.argv[:1])

    from PySide6.QtCore import QCoreApplication

    from inspector_app.ui.i18n import LanguageManager
    from inspector_app.ui.settings import pointer_settings, workspace_settings

    pointer = pointer_settings()
    languages = LanguageManager(app)
    languages.apply(args.lang or pointer.get("ui/language"))
    wait_for_font(app)

    holder: dict[str, Any] = {}

    def cannot_open(exc: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox   # not before the first paint: only on failure

        QMessageBox.critical(None, QCoreApplication.translate("App", "无法打开工作区"), str(exc))

    def start(ask: bool) -> bool:
        if ask:  # switching workspace, or the chosen one could not be opened
            from inspector_app.store.paths import default_data_dir
            from inspector_app.ui.first_run import WorkspaceDialog

            dialog = WorkspaceDialog(Path(pointer.get("ui/last_workspace") or default_data_dir()), demo_dir())
            chosen = (dialog.path, dialog.choice == "demo") if dialog.exec() else None
        else:
            chosen = choose_workspace(args, pointer, app)
        if chosen is None:
            return False
        root, is_demo = chosen
        quick = early.quick_start(root, is_demo) if not ask else None
        store = None
        if quick is None:  # open first: a migration, or a message about a newer or damaged file
            from inspector_app.store import WorkspaceError

            try:
                store = open_workspace(Path(root), is_demo, app)
            except WorkspaceError as exc:
                cannot_open(exc)
                return start(True)
            shown = {key: store.setting(key) for key in ("language", "inspector.name")}
        else:
            shown = quick.settings
        root = store.paths.root if store is not None else Path(root).expanduser().resolve()
        languages.apply(args.lang or shown.get("language") or workspace_settings(root).get("ui/language"))
        session = Session(app, store, languages, workspace_label=str(root), root=root)

        def opened(_store: Any = None) -> None:
            if not shown.get("inspector.name"):
                from inspector_app.ui.first_run import IdentityDialog

                IdentityDialog(session.ops).exec()
            pointer.set("ui/last_workspace", str(root))
            pointer.sync()
            session.settings.set("ui/language", languages.language)

        def failed_to_open(exc: Exception) -> None:
            holder.pop("session", None)
            session.close()
            cannot_open(exc)
            if not start(True):
                app.quit()

        def switch() -> None:
            old = holder.pop("session")
            old.close()
            if not start(True):
                app.quit()

        session.window.on_switch_workspace = switch
        holder["session"] = session
        if store is None:
            session.open_when_shown(root, opened, failed_to_open)
        session.window.show()
        session.window.start(quick.page if quick is not None else None)
        if store is not None:
            opened()
        return True

    if not start(False):
        return 0
    code = app.exec()
    if "session" in holder:
        holder["session"].ops.shutdown()
        if holder["session"].store is not None:
            holder["session"].store.close()
    return code
