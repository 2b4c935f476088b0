"""Look and feel: the bundled font, a calm palette and the status colours, in one place.

No application-wide style sheet: with one, Qt re-matches CSS rules for every widget it
polishes, which made a 200-item inspection several times slower to open. Colours come from
the palette; the few special looks (cards, badges, result buttons) are set per widget here.
"""

from __future__ import annotations

import logging

from PySide6 import QtCore   # `QtCore.Qt` when used: importing `Qt` builds its 93 enums (start-up)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QFrame, QLabel, QWidget

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
TEXT = "#1c232b"
BORDER = "#dfe3e8"
ACCENT = "#2b5fad"
OVERDUE_ROW = ("#fff5f4", "#fff5f4")  # a whisper of red across an overdue task's row

RISK_COLOURS = {"A": OK, "B": INFO, "C": WARN, "D": BAD}
STATE_COLOURS = {"assigned": INFO, "in_progress": WARN, "done": OK, "cancelled": MUTED,
                 "draft": WARN, "finalized": OK, "synced": OK}


def load_bundled_font() -> str:
    """Register the bundled CJK font and return its family (never rely on system fonts)."""
    path = resource_path("fonts", FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.error("bundled font %s could not be loaded", path)
        return ""
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else ""


def palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#f6f7f9", QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f7f8fa",
        QPalette.ColorRole.Text: TEXT, QPalette.ColorRole.Button: "#ffffff", QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: "#d6e4fa", QPalette.ColorRole.HighlightedText: "#0d1520",
        QPalette.ColorRole.ToolTipBase: "#ffffff", QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: "#8a94a0", QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.Mid: "#c9cfd6", QPalette.ColorRole.Midlight: "#e9ecef", QPalette.ColorRole.Dark: "#9aa3ad",
    }
    for role_, value in colours.items():
        pal.setColor(role_, QColor(value))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b7682"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#6b7682"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9aa3ad"))
    return pal


def apply_style(app: QApplication, font_later: bool = False) -> None:
    """The palette now; the bundled font now, or (`font_later`) registered on a thread while
    start-up goes on — 4 MB, ~6 ms; QFontDatabase is thread-safe — until `use_bundled_font`.
    The Fusion style itself is chosen by `-style` (see ui.app.create_application)."""
    app.setPalette(palette())
    if font_later:
        import threading

        loader = threading.Thread(target=lambda: _font_family.append(load_bundled_font()), name="font-loader", daemon=True)
        _font_loader.append(loader)
        loader.start()
    else:
        _font_family.append(load_bundled_font())
        use_bundled_font(app)


_font_loader: list = []          # the thread registering the font, while it runs
_font_family: list[str] = []     # its family, once registered ("" if it could not be loaded)


def use_bundled_font(app: QApplication) -> str:
    """Make the bundled font the application's (waiting for `apply_style(font_later=True)`'s
    thread); call before the first window is built. Returns the family."""
    while _font_loader:
        _font_loader.pop().join()
    family = _font_family[-1] if _font_family else ""
    if family and app.font().family() != family:
        font = QFont(family)
        font.setFamilies([family])
        font.setPointSize(BASE_POINT_SIZE)
        # Hinting shows no difference for these glyphs at UI sizes (screenshots compared) but cost
        # a third of the first paint on Linux, where FreeType hints each glyph as it first shows.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        app.setFont(font)
    return family


def colour(pair: tuple[str, str], background: bool = False) -> QColor:
    return QColor(pair[1] if background else pair[0])


def text_colour(widget: QWidget, fg: str, bold: bool | None = None, bg: str | None = None) -> None:
    pal = widget.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(fg))
    pal.setColor(QPalette.ColorRole.Text, QColor(fg))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(fg))
    if bg is not None:
        pal.setColor(QPalette.ColorRole.Window, QColor(bg))
        widget.setAutoFillBackground(True)
    widget.setPalette(pal)
    if bold is not None:
        font = widget.font()
        font.setBold(bold)
        widget.setFont(font)


def badge(label: QLabel, pair: tuple[str, str]) -> None:
    """A coloured status badge (state, risk class)."""
    text_colour(label, pair[0], bold=True, bg=pair[1])
    label.setMargin(4)
    label.setIndent(6)


def _font(widget: QWidget, delta: int = 0, bold: bool = False) -> None:
    font = widget.font()
    font.setPointSize(BASE_POINT_SIZE + delta)
    font.setBold(bold)
    widget.setFont(font)


def role(widget: QWidget, name: str) -> None:
    """Give a widget one of the house looks (title, hint, error, card, banner, primary …)."""
    widget.setProperty("role", name)
    if name == "title":
        _font(widget, 4, True)
        text_colour(widget, TEXT)
    elif name == "section":
        _font(widget, 1, True)
        text_colour(widget, "#394350")
    elif name == "subtitle":
        text_colour(widget, "#5f6b7a")
    elif name == "hint":
        text_colour(widget, "#6b7682")
    elif name == "error":
        text_colour(widget, BAD[0])
    elif name in ("card", "banner", "placeholder", "item", "top"):
        if isinstance(widget, QFrame):
            widget.setFrameShape(QFrame.Shape.StyledPanel if name != "top" else QFrame.Shape.NoFrame)
        bg = {"card": "#ffffff", "item": "#ffffff", "banner": WARN[1], "placeholder": "#f3f4f6", "top": "#ffffff"}[name]
        pal = widget.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(bg))
        widget.setPalette(pal)
        widget.setAutoFillBackground(True)
    elif name == "primary" and isinstance(widget, QAbstractButton):
        pal = widget.palette()
        pal.setColor(QPalette.ColorRole.Button, QColor(ACCENT))
        pal.setColor(QPalette.ColorRole.ButtonText, QColor("#ffffff"))
        widget.setPalette(pal)
        _font(widget, 0, True)


def result_button(button: QAbstractButton, result: str, checked: bool) -> None:
    """符合 green, 不符合 red, 不适用 grey when chosen; plain otherwise.

    Skips buttons whose look is unchanged: a font or palette change makes Qt re-polish and
    re-lay out the button, and answering an item must not cost its whole card that."""
    look = f"{result}:{int(checked)}"
    if button.property("fi_look") == look:
        return
    button.setProperty("fi_look", look)
    pairs = {"符合": OK, "不符合": BAD, "不适用": MUTED}
    pal = QApplication.palette(button)
    if checked:
        fg, bg = pairs.get(result, MUTED)
        pal.setColor(QPalette.ColorRole.Button, QColor(bg))
        pal.setColor(QPalette.ColorRole.ButtonText, QColor(fg))
    button.setPalette(pal)
    font = button.font()
    if font.bold() != checked:
        font.setBold(checked)
        button.setFont(font)


CARD_BORDER = {"normal": BORDER, "current": ACCENT, "invalid": BAD[0]}
CARD_FILL = {"normal": "#ffffff", "current": "#ffffff", "invalid": "#fff8f7"}


def paint_card(widget: QWidget, painter, state: str) -> None:
    """Rounded card with a state border (ItemCard.paintEvent)."""
    from PySide6.QtGui import QPen

    painter.setRenderHint(painter.RenderHint.Antialiasing)
    pen = QPen(QColor(CARD_BORDER[state]))
    pen.setWidthF(2.0 if state != "normal" else 1.0)
    painter.setPen(pen)
    painter.setBrush(QColor(CARD_FILL[state]))
    painter.drawRoundedRect(widget.rect().adjusted(1, 1, -1, -1), 6, 6)


__all__ = ["OK", "WARN", "BAD", "INFO", "MUTED", "ACCENT", "RISK_COLOURS", "STATE_COLOURS", "apply_style", "role", "badge",
           "text_colour", "colour", "result_button", "paint_card"]


class ProgressPill(QWidget):
    """A progress bar that repaints lazily (QProgressBar.setValue repaints synchronously,
    which cost milliseconds on every keystroke of an inspection)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.done = 0
        self.total = 1
        self.text = ""
        self.setMinimumSize(180, 24)

    def set_progress(self, done: int, total: int, text: str) -> None:
        if (done, total, text) != (self.done, self.total, self.text):
            self.done, self.total, self.text = done, max(total, 1), text
            self.update()

    def value(self) -> int:
        return self.done

    def maximum(self) -> int:
        return self.total

    def paintEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(1, 1, -1, -1)
        painter.setPen(QColor(BORDER))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(rect, 5, 5)
        if self.done:
            filled = rect.adjusted(0, 0, -int(rect.width() * (1 - self.done / self.total)), 0)
            painter.setPen(QtCore.Qt.PenStyle.NoPen)
            painter.setBrush(QColor(OK[1] if self.done < self.total else "#cfe9d7"))
            painter.drawRoundedRect(filled, 5, 5)
        painter.setPen(QColor(OK[0] if self.done >= self.total else TEXT))
        painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()
