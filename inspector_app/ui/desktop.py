"""The QApplication as a desktop program: icon, desktop-file name, crash handler (used by the launcher)."""

from __future__ import annotations

import sys
from pathlib import Path

from inspector_app.store.paths import resource_path
from inspector_app.ui import crash
from inspector_app.ui.app import AFTER_FIRST_PAINT, create_application

ICON = ("icons", "field-inspector.png")


def prepare_application(log_file: Path | None, interactive: bool = True):
    """Create (or reuse) the QApplication that `ui.app.run` then picks up, dressed as a desktop program."""
    app = create_application(sys.argv[:1], font_later=True)   # `ui.app.run` waits for the font before any window
    app.setDesktopFileName("field-inspector")
    # The window icon once the main window has painted (QIcon's first use costs ~1.5 ms); until
    # then the desktop shows the installed icon (the desktop file's, the executable's).
    AFTER_FIRST_PAINT.append(lambda: set_window_icon(app))
    crash.install(app, log_file, interactive=interactive)
    return app


def set_window_icon(app) -> None:
    from PySide6.QtGui import QIcon

    icon = resource_path(*ICON)
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
