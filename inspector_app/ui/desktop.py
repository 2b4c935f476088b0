"""The QApplication as a desktop program: icon, desktop-file name, crash handler (used by the launcher)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon

from inspector_app.store.paths import resource_path
from inspector_app.ui import crash
from inspector_app.ui.app import create_application

ICON = ("icons", "field-inspector.png")


def prepare_application(log_file: Path | None, interactive: bool = True):
    """Create (or reuse) the QApplication that `ui.app.run` then picks up, dressed as a desktop program."""
    app = create_application(sys.argv[:1], font_later=True)   # `ui.app.run` waits for the font before any window
    app.setDesktopFileName("field-inspector")
    icon = resource_path(*ICON)
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    crash.install(app, log_file, interactive=interactive)
    return app
