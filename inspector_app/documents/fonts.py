"""The PDF fonts: registered once per process from `resources/fonts/`, never from the system.

All text is AR PL UMing CN (a Ming/Song face, what printed government documents use), as in
the model documents, whose titles and labels are bold Song: `SONG_BOLD` is the same face
drawn with its outlines stroked as well as filled (`text.draw_text_runs`), so a document
embeds one face, not a second one for headings. Characters UMing lacks fall back to Droid
Sans Fallback. Both are TrueType, embedded as subsets of only the glyphs a document uses
with a ToUnicode map (`documents.ttf`), which keeps files small and the text extractable.
"""

from __future__ import annotations

import copy
import re
import threading
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from inspector_app.documents.ttf import CIDTTFont
from inspector_app.store.paths import resource_path

SONG = "FI-UMing"            # all text (宋体-like)
SONG_BOLD = "FI-UMing-Bold"  # titles, headings, labels: the same font, stroked (see text.draw_text_runs)
HEI = "FI-DroidSans"         # characters UMing lacks (黑体-like)
BOLD_FONTS = frozenset({SONG_BOLD})

_FILES = {SONG: "UMingCN.ttf", HEI: "DroidSansFallbackFull.ttf"}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register both faces with reportlab (idempotent, thread-safe; parsed fonts are cached)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            path = resource_path("fonts", filename)
            if not path.exists():
                raise FileNotFoundError(f"bundled font missing: {path} (reinstall the application)")
            # one embedded subset per face and document, 2-byte codes given in order of use
            # (documents.ttf); text extraction goes through its ToUnicode map
            font = CIDTTFont(name, str(path))
            # reportlab slices whole tables (UMing's glyf is 17 MB) out of the file for every
            # subset it writes; the tables never change, so slice each once per process.
            font.face.get_table = lru_cache(maxsize=None)(font.face.get_table)
            pdfmetrics.registerFont(font)
            if name == SONG:
                # another name for the same face: reportlab resolves it to this font object
                bold = copy.copy(font)
                bold.fontName = SONG_BOLD
                pdfmetrics.registerFont(bold)
        # <b> in paragraphs switches to the Hei face; there is no italic in Chinese documents.
        addMapping(SONG, 0, 0, SONG)
        addMapping(SONG, 1, 0, HEI)
        addMapping(SONG, 0, 1, SONG)
        addMapping(SONG, 1, 1, HEI)
        addMapping(HEI, 0, 0, HEI)
        addMapping(HEI, 1, 0, HEI)
        addMapping(HEI, 0, 1, HEI)
        addMapping(HEI, 1, 1, HEI)
        _registered = True


def covers(text: str, font_name: str) -> bool:
    """True if `font_name` has a glyph for every character of `text`."""
    return _covered(font_name).issuperset(text)


@lru_cache(maxsize=4)
def pdmetrics_face(font_name: str):
    register_fonts()
    return pdfmetrics.getFont(font_name).face


@lru_cache(maxsize=4)
def _covered(font_name: str) -> frozenset[str]:
    """The characters `font_name` has glyphs for (as a set of str: one C-level subset test per text)."""
    return frozenset(map(chr, pdmetrics_face(font_name).charToGlyph))


@lru_cache(maxsize=4)
def _uncovered(font_name: str) -> re.Pattern:
    """A pattern matching any character of the BMP `font_name` has no glyph for, and any character
    beyond the BMP (which `runs` then checks one by one). sre keeps a BMP character class as a
    compact bitmap and scans the text in place, 5x faster than a set test, which makes a string
    object of each character and looks it up in a set of tens of thousands."""
    bmp = sorted(code for code in pdmetrics_face(font_name).charToGlyph if code < 0x10000)
    gaps, last = [], -1
    for code in bmp:
        if code > last + 1:
            gaps.append((last + 1, code - 1))
        last = code
    gaps.append((last + 1, 0x10FFFF))
    return re.compile("[%s]" % "".join("\\U%08x-\\U%08x" % gap for gap in gaps))


def runs(text: str, font_name: str = SONG) -> list[tuple[str, str]]:
    """Split text into (font, chunk) runs so that characters missing from `font_name` use the fallback."""
    if _uncovered(font_name).search(text) is None:
        return [(font_name, text)] if text else []
    covered = _covered(font_name)
    out: list[tuple[str, str]] = []
    fallback = SONG if font_name == HEI else HEI
    for ch in text:
        font = font_name if (ch in covered or ch in "\n\t ") else fallback
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def markup(text: object, font_name: str = SONG) -> str:
    """Escape text for a Paragraph, switching to the fallback face where a glyph is missing
    (reportlab's own text drawing: `SONG_BOLD` prints as plain Song there)."""
    if text is None:
        return ""
    parts = []
    for font, chunk in runs(str(text), font_name):
        chunk = escape(chunk).replace("\n", "<br/>")
        parts.append(chunk if font == font_name else f'<font face="{font}">{chunk}</font>')
    return "".join(parts)


def draw_string(canvas, x: float, y: float, text: str, size: float, font_name: str = SONG, anchor: str = "left") -> float:
    """Draw one line on a canvas with per-character fallback; returns its width."""
    from inspector_app.documents.text import draw_text_runs

    pieces = runs(text, font_name)
    width = sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in pieces)
    if anchor == "centre":
        x -= width / 2
    elif anchor == "right":
        x -= width
    if pieces:
        draw_text_runs(canvas, [(x, y, [(font, size, chunk) for font, chunk in pieces])])
    return width


def string_width(text: str, size: float, font_name: str = SONG) -> float:
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text, font_name))
