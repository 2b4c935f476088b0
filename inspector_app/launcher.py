"""The program's front door (`main.py`, the frozen `field-inspector` and `inspector-app`).

- A CLI sub-command (`field-inspector search 食品`) runs the command line; no argument or only
  GUI options (`--data-dir`, `--demo`, `--lang`, `--smoke-test`) start the GUI. The console
  executable `inspector-app` of the bundle runs the command line, except `--smoke-test` (on
  Windows the windowed `field-inspector.exe` has no stdout for the smoke test's JSON line).
- Both log to the rotating per-user log file (`inspector_app.logging_setup`); the GUI also gets
  the crash dialog (`inspector_app.ui.crash`) and the application icon.
- `--smoke-test` without `--data-dir` uses a demo workspace in a temporary folder (removed
  afterwards), so checking a build never touches the user's real data.

No Qt at import time: the CLI path must not load PySide6.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from inspector_app import __version__

CLI_EXECUTABLE = "inspector-app"
GUI_OPTIONS_WITH_VALUE = {"--data-dir", "--lang"}

log = logging.getLogger(__name__)


def wants_cli(argv: list[str]) -> bool:
    """True when `argv` holds a positional word (a sub-command): the GUI takes options only."""
    skip = False
    for word in argv:
        if skip:
            skip = False
            continue
        if word in GUI_OPTIONS_WITH_VALUE:
            skip = True
            continue
        if word == "--":
            return False
        if not word.startswith("-"):
            return True
    return False


def executable_name() -> str:
    """The name the program was started by (argv[0] keeps a symbolic link's name; sys.executable does not)."""
    return Path(sys.argv[0]).stem.lower() if sys.argv and sys.argv[0] else ""


def run_cli(argv: list[str]) -> int:
    from inspector_app import logging_setup
    from inspector_app.cli import main as cli_main

    logging_setup.setup_logging("cli", console_level=None)  # the CLI prints its own messages
    logging_setup.install_excepthooks()
    try:
        return cli_main(argv)
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)


def prepare_gui(smoke: bool):
    """Log file first, then the QApplication with icon and crash handler (`ui.app.run` reuses it)."""
    from inspector_app import logging_setup

    if smoke:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    log_file = logging_setup.setup_logging("smoke" if smoke else "gui", defer_file=True)
    from inspector_app.ui.app import AFTER_FIRST_PAINT
    from inspector_app.ui.desktop import prepare_application

    AFTER_FIRST_PAINT.append(logging_setup.open_log_file)   # start-up keeps its records in memory until then

    return prepare_application(log_file, interactive=not smoke)


def run_gui(argv: list[str]) -> int:
    from inspector_app.ui.app import begin, run   # no Qt yet

    smoke = "--smoke-test" in argv
    if "--version" in argv:
        from inspector_app.store.migrations import schema_version

        print(f"field-inspector {__version__} (schema {schema_version()})")
        return 0
    if any(word in ("-h", "--help") for word in argv):
        return run_parsed(run, argv)
    temp_workspace: Path | None = None
    if smoke:
        from inspector_app.ui import smoke_extra

        smoke_extra.register()
        if "--data-dir" not in argv and not any(a.startswith("--data-dir=") for a in argv) \
                and not os.environ.get("INSPECTOR_DATA_DIR"):
            import tempfile

            temp_workspace = Path(tempfile.mkdtemp(prefix="field-inspector-smoke-"))
            os.environ["INSPECTOR_DATA_DIR"] = str(temp_workspace / "workspace")
            smoke_extra.TEMPORARY_WORKSPACE["path"] = str(temp_workspace / "workspace")
    try:
        early = begin(argv)      # the likely workspace's first page is read while Qt loads
        prepare_gui(smoke)
        return int(run(early=early) or 0)
    except SystemExit as exc:    # argparse (a usage error), or an exit requested inside the GUI
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        stop_worker_processes()
        log.info("exit")
        if temp_workspace is not None:
            import shutil

            os.environ.pop("INSPECTOR_DATA_DIR", None)
            shutil.rmtree(temp_workspace, ignore_errors=True)


def stop_worker_processes(timeout: float = 10.0) -> None:
    """Let the photo decoder processes end before we exit.

    `main.py` leaves with `os._exit` (skipping Qt's teardown), which would orphan a started pool:
    idle workers that keep the parent's stdout open, so whoever reads it (a test, a script) waits.
    """
    import time

    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:
        return                  # never imported: no worker was started
    importer = sys.modules.get("inspector_app.evidence.importer")
    if importer is not None and hasattr(importer, "discard_decoder_pool"):
        importer.discard_decoder_pool()
    deadline = time.monotonic() + timeout
    for child in multiprocessing.active_children():
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            log.warning("worker process %s did not stop; terminating it", child.pid)
            child.terminate()


def run_parsed(run, argv: list[str]) -> int:
    try:
        return int(run(argv) or 0)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the CLI or the GUI; returns the exit code."""
    if getattr(sys, "frozen", False):   # only a frozen program needs it (and the import costs 5 ms)
        import multiprocessing

        multiprocessing.freeze_support()  # frozen photo-import workers (spawn) must not start another GUI
    argv = list(sys.argv[1:] if argv is None else argv)
    if wants_cli(argv):
        return run_cli(argv)
    if executable_name() == CLI_EXECUTABLE and "--smoke-test" not in argv:
        return run_cli(argv)  # on Windows only this console executable has a stdout for the smoke test's JSON
    return run_gui(argv)


__all__ = ["main", "wants_cli", "__version__"]
