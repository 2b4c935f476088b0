"""Chinese paragraphs without reportlab's `Paragraph` machinery.

`Paragraph` parses markup into fragments, then wraps CJK text one character object at a
time; for documents made of short Chinese paragraphs and form cells that was most of the
layout time. `CJKText` takes plain text already split into font runs (`fonts.runs`), wraps
it character by character like reportlab's CJK wrapping (line breaks at "\n"; runs of white
space, ideographic space included, collapse to one space; Latin words are not cut) and draws
each line as a few text runs.

Line-breaking rules (禁则, GB/T 15834 and the W3C Chinese layout requirements), which
reportlab only partly applies (its list misses ，；：》！？ and it has no line-end rule):
closing punctuation (`NO_LINE_START`) never starts a line — in paragraphs one such mark that
overflows hangs in the margin, otherwise (and in table cells) characters are pushed to the
next line with it; an opening
bracket (`NO_LINE_END`) never ends a line; a doubled ——/…… is not split. Where those rules
do not apply, lines and page splits are the ones `Paragraph` makes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from inspector_app.documents.fonts import BOLD_FONTS

_FUZZ = 1e-6
_SPACES = re.compile(r"\s+")  # as Paragraph: any Unicode white space (also U+3000) collapses

Run = tuple[str, str]  # (font name, text)

# closing punctuation, full and half width: never at the start of a line
NO_LINE_START = frozenset("，。、．；：？！）》〉」』】〕〗〙〛］｝”’…‥·・％‰℃°′″々〃ー" ",.;:?!)]}%")
# opening brackets and prefix signs: never at the end of a line
NO_LINE_END = frozenset("（《〈「『【〔〖〘〚［｛“‘￥＄" "([{$")
_UNSPLIT = frozenset("—…")  # ——, ……: the two halves stay on one line


@lru_cache(maxsize=8)
def _widths(font_name: str) -> tuple[dict[int, float], float]:
    """Advance widths (per 1 pt of font size) of a TrueType font, and its default width."""
    face = pdfmetrics.getFont(font_name).face
    return face.charWidths, face.defaultWidth


def normalise(runs: list[Run]) -> list[Run]:
    """White space as Paragraph treats it: runs of blanks collapse to one space; none at the ends
    of the paragraph or before a forced break (one is kept after it)."""
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
        if (not cleaned or cleaned[-1][1].endswith(" ")) and piece.startswith(" "):
            piece = piece.lstrip(" ")
        if piece:
            cleaned.append((font, piece))
    if cleaned and cleaned[-1][1] != "\n":
        cleaned[-1] = (cleaned[-1][0], cleaned[-1][1].rstrip(" "))
    return [r for r in cleaned if r[1]]


BOLD_STROKE = 0.032   # stroke width of the bold faces, per point of font size


def draw_text_runs(canvas, placements, fill=None) -> None:
    """Write text as one PDF text block: `placements` are (x, y, [(font, size, text), …]).

    What `PDFTextObject.textOut` writes (font selection, the 2-byte codes, here as hex strings:
    escaping them byte by byte cost more than all the rest), without its per-call bookkeeping; a line below the previous one at the same x is reached with T*
    instead of a new text matrix (no coordinates to format). The fill colour is the canvas's current one, or `fill` (a reportlab
    colour) set inside the block only (q … Q), leaving the canvas state as it was. Runs in a
    bold font name (`fonts.BOLD_FONTS`) are filled and stroked in the fill colour (text
    render mode 2), which thickens the strokes of a face that has no bold.
    """
    doc = canvas._doc
    code = []
    append = code.append
    font = current_name = current_size = None
    bold = bold_used = False
    last_x = last_y = leading = None
    for x, y, runs in placements:
        if x == last_x:   # the next line of a paragraph or cell: T* moves down by the leading (TL)
            if last_y - y != leading:
                leading = last_y - y
                append(f"{fp_str(leading)} TL")
            append("T*")
        else:
            append(f"1 0 0 1 {fp_str(x, y)} Tm")
        last_x, last_y = x, y
        for font_name, size, chunk in runs:
            if font_name != current_name or size != current_size:
                if font_name != current_name:
                    font = _font(font_name)
                append(f"{font.internal_name(doc)} {fp_str(size)} Tf")
                if font_name in BOLD_FONTS:
                    append(f"2 Tr {fp_str(size * BOLD_STROKE)} w")
                    bold = bold_used = True
                elif bold:
                    append("0 Tr")
                    bold = False
                current_name, current_size = font_name, size
            append(f"<{font.encode(chunk, doc).hex()}> Tj")
    if fill is not None or bold_used:
        colour = fill if fill is not None else canvas._fillColorObj
        head = f"q\n{_fill_op(colour)}\n{_fill_op(colour).upper()} 1 j\nBT\n" if bold_used else f"q\n{_fill_op(colour)}\nBT\n"
        canvas._code.append(head + "\n".join(code) + "\nET\nQ")
    else:
        canvas._code.append("BT\n" + "\n".join(code) + "\nET")


@lru_cache(maxsize=16)
def _fill_op(colour) -> str:
    """The PDF fill-colour operator of an opaque reportlab colour or (r, g, b) tuple
    (upper-cased: the stroke colour)."""
    r, g, b = colour if isinstance(colour, tuple) else colour.rgb()
    return f"{fp_str(r)} g" if r == g == b else f"{fp_str(r, g, b)} rg"


@lru_cache(maxsize=8)
def _font(font_name: str):
    return pdfmetrics.getFont(font_name)


class _Line:
    __slots__ = ("runs", "width", "extra", "forced")

    def __init__(self, runs: list[Run], width: float, extra: float, forced: bool):
        self.runs, self.width, self.extra, self.forced = runs, width, extra, forced


_TABLE_END = 0x30000   # the BMP and the two ideographic planes


class _CharWidths:
    """A font's advance widths per 1 pt, looked up by character class: `str.translate` through
    a string of one Latin-1 character (the class) per code point turns text into class bytes,
    which index the few distinct widths. The font's width dict has tens of thousands of
    scattered entries, so a dict lookup per character missed the cache most of the time; the
    table is 192 KB of bytes. Characters without a glyph get the default width."""

    def __init__(self, table: dict[int, float], default: float):
        distinct = sorted({*table.values(), default})
        if len(distinct) > 256:   # pragma: no cover - a class must fit in a byte; no bundled font comes close
            raise ValueError("too many distinct advance widths")
        index = {width: k for k, width in enumerate(distinct)}
        classes = bytearray([index[default]]) * _TABLE_END
        for code, width in table.items():
            if code < _TABLE_END:
                classes[code] = index[width]
        self.table = classes.decode("latin-1")
        self.widths = tuple(width / 1000.0 for width in distinct)
        self.by_code, self.default = table, default
        self.scaled: dict[float, tuple[float, ...]] = {1: self.widths}   # font size -> the widths at that size

    def of(self, text: str, size: float) -> list[float]:
        """The advance width of each character of `text` at `size` points."""
        scaled = self.scaled.get(size)
        if scaled is None:
            scaled = self.scaled[size] = tuple(w * size for w in self.widths)
        try:
            return list(map(scaled.__getitem__, text.translate(self.table).encode("latin-1")))
        except UnicodeEncodeError:   # characters beyond the table
            get, default = self.by_code.get, self.default
            return [get(ord(ch), default) / 1000.0 * size for ch in text]


@lru_cache(maxsize=8)
def _char_widths(font_name: str) -> _CharWidths:
    return _CharWidths(*_widths(font_name))


def wrap_runs(runs: list[Run], size: float, max_widths: list[float], hang: bool = True) -> list[_Line]:
    """Lines of `runs` for these widths (first line, then the rest), with the line-breaking rules.

    `hang`: a closing mark that overflows may hang past the width (paragraphs: into the page
    margin); without it (table cells, whose border is right there) the line gives a character
    to the next line instead.

    Line ends are found by bisecting the running sum of character widths instead of
    stepping through every character; the widths come from `_CharWidths.of`.
    """
    if len(runs) == 1 and runs[0][1] != "\n":    # one run: most form cells and short paragraphs
        font, text = runs[0]
        widths = _char_widths(font).of(text, size)
        total = sum(widths)
        if total <= max_widths[0] + _FUZZ:   # fits on one line
            return [_Line([(font, text)], total, max_widths[0] - total, False)] if total > 0 else []
        starts = [0, len(text)]     # run r covers text[starts[r]:starts[r + 1]]
        fonts = [font]              # "" marks a forced break ("\n")
        forced_at: list[int] = []
    else:
        pieces: list[str] = []
        starts, fonts, widths, forced_at = [], [], [], []
        pos = 0
        for font, piece in runs:
            starts.append(pos)
            if piece == "\n":
                fonts.append("")
                forced_at.append(pos)
                widths.append(0.0)
            else:
                fonts.append(font)
                widths += _char_widths(font).of(piece, size)
            pieces.append(piece)
            pos += len(piece)
        starts.append(pos)
        text = "".join(pieces)
    n = len(text)
    cum = [0.0, *accumulate(widths)]   # cum[k] = width of text[:k]

    def line(a: int, b: int, max_w: float, used: float, forced: bool) -> _Line:
        out: list[Run] = []
        r = bisect_right(starts, a) - 1
        while r < len(fonts) and starts[r] < b:
            if fonts[r]:
                out.append((fonts[r], text[max(a, starts[r]):min(b, starts[r + 1])]))
            r += 1
        return _Line(out, used, max_w - used, forced)

    lines: list[_Line] = []
    start = 0
    max_w = max_widths[0]
    while start < n:
        base = cum[start]
        over = bisect_right(cum, base + max_w + _FUZZ) - 1   # first character that overflows (n: none)
        f = bisect_left(forced_at, start)
        brk = forced_at[f] if f < len(forced_at) else n
        if brk < over:
            lines.append(line(start, brk + 1, max_w, cum[brk + 1] - base, True))
            start = brk + 1
        elif over < n:
            end = over          # text[start:end] fits
            if ord(text[over]) < 0x3000:
                # inside Latin text: go back to a space or a CJK character (not past half the line)
                for j in range(over - 1, (start + over + 1) >> 1, -1):
                    cj = text[j]
                    if cj == " " or ord(cj) >= 0x3000:
                        end = j + 1
                        break
            end = _rule_break(text, start, end, hang)
            lines.append(line(start, end, max_w, cum[end] - base, False))
            start = end
        else:
            if cum[n] - base > 0:
                lines.append(line(start, n, max_w, cum[n] - base, False))
            break
        max_w = max_widths[min(len(lines), len(max_widths) - 1)]
    return lines


def _rule_break(text: str, start: int, end: int, hang: bool = True) -> int:
    """Where a line that fits up to `end` ends under the line-breaking rules (`end` < len(text)).

    A closing mark at `end` hangs (the line ends after it); if the next line would still start
    with one, or this line would end with an opening bracket, characters move down to the next
    line. A line keeps at least one character; a line with no legal break keeps the width rule.
    """
    n = len(text)
    if hang and text[end] in NO_LINE_START:
        end += 1            # hanging punctuation
    end = max(end, start + 1)
    b = end
    while b < n and (text[b] in NO_LINE_START or text[b - 1] in NO_LINE_END
                     or (text[b] in _UNSPLIT and text[b - 1] == text[b])):
        if b == start + 1:
            return end
        b -= 1
    return b


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
            # a Table measures its cells at more than one width; keep a few layouts
            cache = self.__dict__.setdefault("_by_width", {})
            lines = cache.get(avail_w)
            if lines is None:
                s = self.style
                widths = [avail_w - s.leftIndent - self.first_indent, avail_w - s.leftIndent - s.rightIndent]
                lines = wrap_runs(self.runs, s.fontSize, widths) if self.runs else []
                if len(cache) < 4:
                    cache[avail_w] = lines
            self._lines, self._wrapped_w = lines, avail_w
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

    def drawOn(self, canvas, x, y, _sW=0):
        """Draw at (x, y) in absolute coordinates: no graphics-state save/translate per paragraph."""
        self._draw_at(canvas, self._hAlignAdjust(x, _sW), y)

    def draw(self):
        self._draw_at(self.canv, 0, 0)

    def _draw_at(self, canvas, x0: float, y0: float) -> None:
        lines = self._lines if self._lines is not None else self._layout(self.width)
        if not lines:
            return
        s = self.style
        size, alignment = s.fontSize, s.alignment
        y = y0 + self.height - size
        placements = []
        for n, line in enumerate(lines):
            x = x0 + s.leftIndent + (self.first_indent if n == 0 else 0)
            if alignment == TA_CENTER:
                x += 0.5 * line.extra
            elif alignment == TA_RIGHT:
                x += line.extra
            placements.append((x, y, [(font, size, chunk) for font, chunk in line.runs]))
            y -= s.leading
        draw_text_runs(canvas, placements, fill=s.textColor)


def _flatten(lines: list[_Line]) -> list[Run]:
    """The runs of these lines (with their forced breaks), to wrap again at another width."""
    out: list[Run] = []
    for line in lines:
        out.extend(line.runs)
        if line.forced:
            out.append(("", "\n"))
    return out
