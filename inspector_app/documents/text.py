"""Chinese paragraphs without reportlab's `Paragraph` machinery.

`Paragraph` parses markup into fragments, then wraps CJK text one character object at a
time; for documents made of short Chinese paragraphs and form cells that was most of the
layout time. `CJKText` takes plain text already split into font runs (`fonts.runs`), wraps
it with the same rules as reportlab's CJK wrapping (character by character; a character
that may not start a line — ，。、）… — hangs in the margin instead; line breaks at "\n";
runs of white space, ideographic space included, collapse to one space) and draws each line as a few text runs.
Lines, positions and page splits match `Paragraph` with `wordWrap="CJK"`, so the documents
look the same; only the time changes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import ALL_CANNOT_START
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

_FUZZ = 1e-6
_SPACES = re.compile(r"\s+")  # as Paragraph: any Unicode white space (also U+3000) collapses

Run = tuple[str, str]  # (font name, text)


@lru_cache(maxsize=8)
def _widths(font_name: str) -> tuple[dict[int, float], float]:
    """Advance widths (per 1 pt of font size) of a TrueType font, and its default width."""
    face = pdfmetrics.getFont(font_name).face
    return face.charWidths, face.defaultWidth


def normalise(runs: list[Run]) -> list[Run]:
    """White space as Paragraph treats it: runs of blanks collapse to one space, none at the ends of a line."""
    out: list[Run] = []
    for font, chunk in runs:
        for k, piece in enumerate(chunk.split("\n")):
            if k:
                out.append(("", "\n"))
            piece = _SPACES.sub(" ", piece)
            if piece:
                out.append((font, piece))
    # merge spaces across run boundaries, trim around forced breaks and paragraph ends
    cleaned: list[Run] = []
    for font, piece in out:
        if piece == "\n":
            if cleaned and cleaned[-1][1] != "\n":
                cleaned[-1] = (cleaned[-1][0], cleaned[-1][1].rstrip(" "))
            cleaned.append((font, piece))
            continue
        if (not cleaned or cleaned[-1][1] == "\n" or cleaned[-1][1].endswith(" ")) and piece.startswith(" "):
            piece = piece.lstrip(" ")
        if piece:
            cleaned.append((font, piece))
    if cleaned and cleaned[-1][1] != "\n":
        cleaned[-1] = (cleaned[-1][0], cleaned[-1][1].rstrip(" "))
    return [r for r in cleaned if r[1]]


def draw_text_runs(canvas, placements) -> None:
    """Write text as one PDF text block: `placements` are (x, y, [(font, size, text), …]).

    What `PDFTextObject.textOut` writes (subset font selection, escaped strings), without its
    per-call bookkeeping; the fill colour is the canvas's current one.
    """
    doc = canvas._doc
    escape = canvas._escape
    code = ["BT"]
    current = None
    for x, y, runs in placements:
        code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        for font_name, size, chunk in runs:
            font = _font(font_name)
            for subset, data in font.splitString(chunk, doc):
                key = (font_name, subset, size)
                if key != current:
                    code.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf")
                    current = key
                code.append(f"({escape(data)}) Tj")
    code.append("ET")
    canvas._code.append("\n".join(code))


@lru_cache(maxsize=8)
def _font(font_name: str):
    return pdfmetrics.getFont(font_name)


class _Line:
    __slots__ = ("runs", "width", "extra", "forced")

    def __init__(self, runs: list[Run], width: float, extra: float, forced: bool):
        self.runs, self.width, self.extra, self.forced = runs, width, extra, forced


def wrap_runs(runs: list[Run], size: float, max_widths: list[float]) -> list[_Line]:
    """Lines of `runs` for these widths (first line, then the rest), reportlab's CJK rules."""
    chars: list[tuple[str, str, float]] = []  # (font, char, width); font "" = forced break
    for font, piece in runs:
        if piece == "\n":
            chars.append(("", "\n", 0.0))
            continue
        table, default = _widths(font)
        scale = size / 1000.0
        get = table.get
        chars.extend((font, ch, get(ord(ch), default) * scale) for ch in piece)
    lines: list[_Line] = []
    n = len(chars)
    i = start = 0
    used = 0.0
    max_w = max_widths[0]
    while i < n:
        font, ch, w = chars[i]
        i += 1
        used += w
        forced = font == ""
        if (used > max_w + _FUZZ and used > 0) or forced:
            extra = max_w - used
            if not forced:
                if ord(ch) < 0x3000:
                    # inside Latin text: go back to a space or a CJK character (not past half the line)
                    limit = (start + i) >> 1
                    for j in range(i - 1, limit, -1):
                        cj = chars[j][1]
                        if cj == " " or ord(cj) >= 0x3000:
                            k = j + 1
                            if k < i:
                                j = k + 1
                                extra += sum(c[2] for c in chars[j:i])
                                w = chars[k][2]
                                ch = chars[k][1]
                                i = j
                                break
                if ch not in ALL_CANNOT_START and i > start + 1:
                    i -= 1          # push the character to the next line
                    extra += w
            lines.append(_make_line(chars[start:i], max_w, max_w - extra, forced))
            max_w = max_widths[min(len(lines), len(max_widths) - 1)]
            start = i
            used = 0.0
    if used > 0:
        lines.append(_make_line(chars[start:], max_w, used, False))
    return lines


def _make_line(chars: list[tuple[str, str, float]], max_w: float, used: float, forced: bool) -> _Line:
    runs: list[Run] = []
    for font, ch, _w in chars:
        if not font:
            continue
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return _Line(runs, used, max_w - used, forced)


class CJKText(Flowable):
    """A paragraph of font runs in a `ParagraphStyle` (font size, leading, alignment, first-line
    indent, space before/after); splits across pages between lines like `Paragraph`."""

    def __init__(self, runs: list[Run], style: ParagraphStyle, *, _normalised: bool = False, _first_indent: float | None = None):
        super().__init__()
        self.runs = runs if _normalised else normalise(runs)
        self.style = style
        self.first_indent = style.firstLineIndent if _first_indent is None else _first_indent
        self._lines: list[_Line] | None = None
        self._wrapped_w: float | None = None

    # Frame/Table interface -------------------------------------------------------------
    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def _layout(self, avail_w: float) -> list[_Line]:
        if self._lines is None or self._wrapped_w != avail_w:
            s = self.style
            widths = [avail_w - s.leftIndent - self.first_indent, avail_w - s.leftIndent - s.rightIndent]
            self._lines = wrap_runs(self.runs, s.fontSize, widths) if self.runs else []
            self._wrapped_w = avail_w
        return self._lines

    def wrap(self, avail_w, avail_h):
        lines = self._layout(avail_w)
        self.width = avail_w
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, avail_w, avail_h):
        if not self.runs or avail_w < _FUZZ or avail_h < _FUZZ:
            return []
        lines = self._layout(avail_w)
        fit = int(avail_h / float(self.style.leading))
        if fit <= 1:            # no orphan: a single first line stays with the rest
            return []
        if len(lines) <= fit:
            return [self]
        head = CJKText(_flatten(lines[:fit]), self.style, _normalised=True, _first_indent=self.first_indent)
        tail = CJKText(_flatten(lines[fit:]), self.style, _normalised=True, _first_indent=0)
        head._lines, tail._lines = lines[:fit], lines[fit:]
        head._wrapped_w = tail._wrapped_w = avail_w
        return [head, tail]

    def draw(self):
        lines = self._lines if self._lines is not None else self._layout(self.width)
        if not lines:
            return
        s = self.style
        size, alignment = s.fontSize, s.alignment
        y = self.height - size
        placements = []
        for n, line in enumerate(lines):
            x = s.leftIndent + (self.first_indent if n == 0 else 0)
            if alignment == TA_CENTER:
                x += 0.5 * line.extra
            elif alignment == TA_RIGHT:
                x += line.extra
            placements.append((x, y, [(font, size, chunk) for font, chunk in line.runs]))
            y -= s.leading
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(s.textColor)
        draw_text_runs(canvas, placements)
        canvas.restoreState()


def _flatten(lines: list[_Line]) -> list[Run]:
    """The runs of these lines (with their forced breaks), to wrap again at another width."""
    out: list[Run] = []
    for line in lines:
        out.extend(line.runs)
        if line.forced:
            out.append(("", "\n"))
    return out
