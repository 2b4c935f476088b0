"""Look and feel: the bundled font, a calm palette and the status colours, in one place."""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from inspector_app.store.paths import resource_path

log = logging.getLogger(__name__)

FONT_FILE = "DroidSansFallbackFull.ttf"
BASE_POINT_SIZE = 10

# Status colours (text, background) — muted, readable on white, not alarming without reason.
OK = ("#1e6b3a", "#e6f4ea")
WARN = ("#8a5300", "#fff4e0")
BAD = ("#a1221b", "#fdecea")
INFO = ("#1f4e8c", "#e8f0fb")
MUTED = ("#5f6b7a", "#f1f3f5")

RISK_COLOURS = {"A": OK, "B": INFO, "C": WARN, "D": BAD}
STATE_COLOURS = {"assigned": INFO, "in_progress": WARN, "done": OK, "cancelled": MUTED,
                 "draft": WARN, "finalized": OK, "synced": OK}

ACCENT = "#2b5fad"
OVERDUE_ROW = ("#fff5f4", "#fff5f4")  # a whisper of red across an overdue task's row

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #fafbfc; }}
QToolBar {{ background: #ffffff; border: none; border-bottom: 1px solid #e3e6ea; spacing: 6px; padding: 4px 8px; }}
QStatusBar {{ background: #ffffff; border-top: 1px solid #e3e6ea; color: #46505c; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QTableView, QTreeView, QListView {{ background: #ffffff; border: 1px solid #e3e6ea; gridline-color: #eef0f2;
    selection-background-color: #dbe7fb; selection-color: #111; alternate-background-color: #f7f8fa; }}
QHeaderView::section {{ background: #f4f5f7; border: none; border-bottom: 1px solid #e3e6ea;
    border-right: 1px solid #eceef1; padding: 5px 8px; color: #394350; font-weight: 600; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QDoubleSpinBox, QSpinBox {{
    background: #ffffff; border: 1px solid #cfd5dc; border-radius: 4px; padding: 4px 6px; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QDateEdit:focus, QDoubleSpinBox:focus {{
    border: 1px solid {ACCENT}; }}
QPushButton {{ background: #ffffff; border: 1px solid #c6ccd4; border-radius: 4px; padding: 5px 14px; }}
QPushButton:hover {{ background: #f2f5f9; }}
QPushButton:default, QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #9aa3ad; background: #f4f5f7; }}
QTabWidget::pane {{ border: 1px solid #e3e6ea; background: #ffffff; top: -1px; }}
QTabBar::tab {{ padding: 6px 14px; border: 1px solid transparent; color: #46505c; }}
QTabBar::tab:selected {{ background: #ffffff; border: 1px solid #e3e6ea; border-bottom-color: #ffffff; color: #111; }}
QGroupBox {{ border: 1px solid #e3e6ea; border-radius: 6px; margin-top: 14px; padding: 10px 8px 8px 8px; background: #ffffff; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #394350; font-weight: 600; }}
QListWidget#section_nav {{ background: #ffffff; border: none; border-right: 1px solid #e3e6ea; padding: 6px 0; }}
QListWidget#section_nav::item {{ padding: 8px 12px; border-left: 3px solid transparent; }}
QListWidget#section_nav::item:selected {{ background: #eef3fb; color: #111; border-left: 3px solid {ACCENT}; }}
QLabel[role="title"] {{ font-size: {BASE_POINT_SIZE + 5}pt; font-weight: 600; color: #1c232b; }}
QLabel[role="subtitle"] {{ color: #5f6b7a; }}
QLabel[role="hint"] {{ color: #6b7682; }}
QLabel[role="error"] {{ color: {BAD[0]}; }}
QFrame[role="banner"] {{ background: {WARN[1]}; border: 1px solid #f0d9a8; border-radius: 6px; }}
QFrame[role="card"] {{ background: #ffffff; border: 1px solid #e3e6ea; border-radius: 6px; }}
QFrame[role="item"] {{ background: #ffffff; border: 1px solid #e3e6ea; border-radius: 6px; }}
QFrame[role="item"][current="true"] {{ border: 2px solid {ACCENT}; }}
QFrame[role="item"][invalid="true"] {{ border: 2px solid {BAD[0]}; background: {BAD[1]}; }}
QFrame[role="placeholder"] {{ background: #f7f8fa; border: 1px dashed #c6ccd4; border-radius: 6px; }}
QToolButton[role="result"] {{ border: 1px solid #c6ccd4; border-radius: 4px; padding: 4px 12px; background: #ffffff; }}
QToolButton[role="result"]:checked[result="符合"] {{ background: {OK[1]}; color: {OK[0]}; border-color: {OK[0]}; font-weight: 600; }}
QToolButton[role="result"]:checked[result="不符合"] {{ background: {BAD[1]}; color: {BAD[0]}; border-color: {BAD[0]}; font-weight: 600; }}
QToolButton[role="result"]:checked[result="不适用"] {{ background: {MUTED[1]}; color: {MUTED[0]}; border-color: {MUTED[0]}; font-weight: 600; }}
"""


def load_bundled_font() -> str:
    """Register the bundled CJK font and return its family (never rely on system fonts)."""
    path = resource_path("fonts", FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.error("bundled font %s could not be loaded", path)
        return ""
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else ""


def apply_style(app: QApplication) -> str:
    family = load_bundled_font()
    if family:
        font = QFont(family)
        font.setPointSize(BASE_POINT_SIZE)
        font.setFamilies([family])
        app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
    return family


def colour(pair: tuple[str, str], background: bool = False) -> QColor:
    return QColor(pair[1] if background else pair[0])
