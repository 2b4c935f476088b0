"""Shared page layout of every 文书: A4, bureau + title + number, body, signature row, QR, page N of M.

A document module builds a `DocSpec` (what goes around the body) and a story (the body's
flowables); `render_pdf` lays them out. Pages are decorated after the whole story is laid out
(a deferring canvas), so every page knows the total page count and carries the same footer:
the signature row of the record's signers and "第 N 页 共 M 页". Output is deterministic:
`invariant=1`, the creation date is the issue time, so a re-print is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Callable

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFInfo
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer

from inspector_app.documents import images, qr
from inspector_app.documents.fonts import SONG, SONG_BOLD, draw_string, register_fonts, runs, string_width
from inspector_app.documents.text import CJKText, draw_text_runs, normalise, wrap_runs
from inspector_app.documents.ttf import FAST_FLATE, DeflatedStream

rl_config.useA85 = 0  # binary (Flate) streams: smaller files, no ASCII85 encoding pass

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 28 * mm
FOOTER_TEXT_Y = 10 * mm
SIG_ROW_H = 19 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
CN_TZ = dt.timezone(dt.timedelta(hours=8))  # documents show China Standard Time

BlobLoader = Callable[[str], "bytes | None"]


# -- dates ---------------------------------------------------------------------------------
def _moment(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CN_TZ)
    return moment.astimezone(CN_TZ)


def cn_date(value: str | None, blank: str = "    年  月  日") -> str:
    """'2026-11-21T02:30:00Z' or '2026-11-21' → '2026年11月21日' (China time)."""
    if value and len(str(value)) == 10:
        try:
            day = dt.date.fromisoformat(str(value))
            return f"{day.year}年{day.month}月{day.day}日"
        except ValueError:
            return str(value)
    moment = _moment(value)
    return f"{moment.year}年{moment.month}月{moment.day}日" if moment else blank


def cn_datetime(value: str | None, blank: str = "    年  月  日  时  分") -> str:
    moment = _moment(value)
    if not moment:
        return blank if not value else str(value)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment.hour:02d}时{moment.minute:02d}分"


def pdf_date(issued_at: str) -> str:
    moment = _moment(issued_at) or dt.datetime(2000, 1, 1, tzinfo=CN_TZ)
    return moment.strftime("D:%Y%m%d%H%M%S+08'00'")


# -- styles --------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = dict(fontName=SONG, wordWrap="CJK", fontSize=11.5, leading=20)
    return {
        "bureau": ParagraphStyle("bureau", fontName=SONG, fontSize=17, leading=24, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=SONG_BOLD, fontSize=20, leading=28, alignment=TA_CENTER, spaceBefore=2),
        "number": ParagraphStyle("number", fontName=SONG, fontSize=11.5, leading=18, alignment=TA_RIGHT, spaceAfter=6),
        "body": ParagraphStyle("body", **base, firstLineIndent=23, alignment=TA_JUSTIFY, spaceAfter=2),
        "plain": ParagraphStyle("plain", **base, alignment=TA_LEFT),
        "right": ParagraphStyle("right", **base, alignment=TA_RIGHT),
        "centre": ParagraphStyle("centre", **base, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", fontName=SONG_BOLD, wordWrap="CJK", fontSize=12, leading=20, spaceBefore=6, spaceAfter=2),
        "cell": ParagraphStyle("cell", fontName=SONG, wordWrap="CJK", fontSize=9.5, leading=12.5),
        "cell_label": ParagraphStyle("cell_label", fontName=SONG_BOLD, wordWrap="CJK", fontSize=9.5, leading=12.5, alignment=TA_CENTER),
        "small": ParagraphStyle("small", fontName=SONG, wordWrap="CJK", fontSize=9, leading=13),
    }


def para(text: object, style: str = "body", raw: bool = False) -> Flowable:
    """A paragraph of user text (with glyph fallback; "\n" breaks the line) or of trusted markup (`raw`)."""
    st = styles()[style]
    if raw:
        return Paragraph(str(text), st)
    return CJKText(runs("" if text is None else str(text), st.fontName), st)


def labelled(label: str, value: object, style: str = "plain", blank: str = "") -> Flowable:
    """'标签：值' with the label in bold."""
    text = "" if value in (None, "") else str(value)
    return CJKText(runs(label, SONG_BOLD) + runs(text or blank, SONG), styles()[style])


def cell(value: object) -> Paragraph:
    return para("" if value is None else value, "cell")


class Label(str):
    """A form table's label cell (bold, centred)."""


def label_cell(text: str) -> Label:
    return Label(text)


def checkbox(options: list[tuple[str, bool]]) -> str:
    """'■ 完好  □ 破损' — the printed form's tick boxes."""
    return "  ".join(("■" if on else "□") + " " + text for text, on in options)


# -- form tables ---------------------------------------------------------------------------
_WHITE = re.compile(r"\s")
CELL_SIZE, CELL_LEADING = 9.5, 12.5
CELL_PAD_X, CELL_PAD_TOP, CELL_PAD_BOTTOM = 3, 2, 2.5
GRID_WIDTH = 0.6
_CELL_PAD_Y = CELL_PAD_TOP + CELL_PAD_BOTTOM


class _Cell:
    """One cell of a form table: its lines at the cell's width, placed in its row(s)."""

    __slots__ = ("row", "col", "row_end", "col_end", "lines", "centre", "top")

    def __init__(self, row: int, col: int, row_end: int, col_end: int, lines: list, centre: bool, top: bool = False):
        self.row, self.col, self.row_end, self.col_end = row, col, row_end, col_end
        self.lines, self.centre, self.top = lines, centre, top   # top: continued text, aligned to the top

    def needed(self) -> float:
        return max(1, len(self.lines)) * CELL_LEADING + _CELL_PAD_Y

    def moved(self, row_shift: int, **changes) -> "_Cell":
        out = _Cell(self.row - row_shift, self.col, self.row_end - row_shift, self.col_end, self.lines, self.centre, self.top)
        for key, value in changes.items():
            setattr(out, key, value)
        return out


class FormTable(Flowable):
    """A bordered form grid (the fields of a 文书): text cells, column and row spans.

    The same geometry as reportlab's `Table` with our cell style (9.5/12.5 pt, padding 3/2/2.5,
    text vertically centred, 0.6 pt grid), computed once: every cell is wrapped once at its
    width, all cell text is written as one text block and the grid as one path. A table splits
    between rows (never inside a row span); a row taller than the space left is split inside
    the row, each cell's lines continuing at the top of the next page, and both halves are
    closed by their own grid lines.
    """

    KEEP_TOGETHER = 400.0   # points: rows tied by a row span up to this height never split

    def __init__(self, cells: list[_Cell], col_widths: list[float], row_heights: list[float] | None = None):
        super().__init__()
        self.cells, self.col_widths = cells, col_widths
        self.col_x = [0.0, *accumulate(col_widths)]
        self.n_rows = max((c.row_end for c in cells), default=-1) + 1
        self.row_heights = row_heights if row_heights is not None else self._row_heights()
        self.width = self.col_x[-1]
        self.height = sum(self.row_heights)

    def _row_heights(self) -> list[float]:
        heights = [0.0] * self.n_rows
        spanned = []
        for c in self.cells:
            if c.row == c.row_end:
                heights[c.row] = max(heights[c.row], c.needed())
            else:
                spanned.append(c)
        # a cell spanning rows that needs more than they have: the rows share the difference
        extra = [0.0] * self.n_rows
        for c in sorted(spanned, key=lambda c: (c.needed(), c.row, c.row_end), reverse=True):
            rows = range(c.row, c.row_end + 1)
            have = sum(heights[r] + extra[r] for r in rows)
            if have < c.needed() - 1e-8:
                share = (c.needed() - have) / len(rows)
                for r in rows:
                    extra[r] += share
        return [h + e for h, e in zip(heights, extra)]

    def wrap(self, avail_w, avail_h):
        return self.width, self.height

    # -- splitting ---------------------------------------------------------------------
    def _break_allowed(self, boundary: int) -> bool:
        """True if no cell spans across the line between row boundary-1 and row `boundary`."""
        return all(not (c.row < boundary <= c.row_end) for c in self.cells)

    def split(self, avail_w, avail_h):
        used, best = 0.0, 0
        for r, h in enumerate(self.row_heights):
            if used + h > avail_h + 1e-6:
                break
            used += h
            if self._break_allowed(r + 1):
                best = r + 1
        if best >= self.n_rows:
            return [self]
        if best:
            return self._cut(best)
        return self._split_first_row(avail_h)

    def _cut(self, boundary: int) -> list["FormTable"]:
        """The table as two tables: rows before `boundary` and from it (a row span crossing it
        keeps its text in the first part and continues empty in the second)."""
        head, tail = [], []
        for c in self.cells:
            if c.row_end < boundary:
                head.append(c)
            elif c.row >= boundary:   # most cells: moved up, nothing else changes (no `moved` call)
                tail.append(_Cell(c.row - boundary, c.col, c.row_end - boundary, c.col_end, c.lines, c.centre, c.top))
            else:
                head.append(c.moved(0, row_end=boundary - 1))
                tail.append(c.moved(boundary, row=boundary, lines=[]))
        return [FormTable(head, self.col_widths, self.row_heights[:boundary]),
                FormTable(tail, self.col_widths, self.row_heights[boundary:])]

    def _split_first_row(self, avail_h: float) -> list["FormTable"]:
        """The first row (or row-span group) does not fit in `avail_h`.

        A group of rows tied by a row span moves to the next page whole, unless it is taller
        than `KEEP_TOGETHER` (then it is cut between its rows, its spanning text staying in the
        first part). A single row is split inside: the lines of each cell that fit stay, the
        rest continue at the top of the next page (at least two lines, or the row moves).
        """
        group_end = next((b for b in range(1, self.n_rows + 1) if self._break_allowed(b)), self.n_rows)
        if group_end > 1:
            if sum(self.row_heights[:group_end]) <= self.KEEP_TOGETHER:
                return []
            fitting = [b for b in range(1, group_end) if sum(self.row_heights[:b]) <= avail_h + 1e-6]
            return self._cut(fitting[-1]) if fitting else []
        fit = int((avail_h - _CELL_PAD_Y + 1e-6) // CELL_LEADING)
        if fit < 2:
            return []
        head_cells, tail_cells = [], []
        for c in self.cells:
            if c.row > 0:
                continue
            if len(c.lines) <= fit:
                head_cells.append(c)
                tail_cells.append(c.moved(0, lines=[]))
            else:
                head_cells.append(c.moved(0, lines=c.lines[:fit], top=True))
                tail_cells.append(c.moved(0, lines=c.lines[fit:], top=True))
        rest = [c for c in self.cells if c.row > 0]
        head = FormTable(head_cells, self.col_widths)
        tail = FormTable(tail_cells + rest, self.col_widths, [max(c.needed() for c in tail_cells), *self.row_heights[1:]])
        return [head, tail]

    # -- drawing -------------------------------------------------------------------------
    def draw(self):
        row_top = [self.height]
        for h in self.row_heights:
            row_top.append(row_top[-1] - h)   # row_top[r]: top of row r; row_top[r + 1]: its bottom
        placements = []
        for c in self.cells:
            if not c.lines:
                continue
            x0 = self.col_x[c.col] + CELL_PAD_X
            top, bottom = row_top[c.row], row_top[c.row_end + 1]
            if c.top:
                y = top - CELL_PAD_TOP - CELL_SIZE
            else:   # vertically centred, as reportlab's MIDDLE places a cell's text
                y = bottom + (top - bottom + CELL_PAD_BOTTOM - CELL_PAD_TOP + len(c.lines) * CELL_LEADING) / 2.0 - CELL_SIZE
            for line in c.lines:
                placements.append((x0 + (0.5 * line.extra if c.centre else 0), y, [(f, CELL_SIZE, t) for f, t in line.runs]))
                y -= CELL_LEADING
        if placements:
            draw_text_runs(self.canv, placements, fill=colors.black)
        self.canv._code.append(_grid_path(self, row_top))


def _grid_path(table: FormTable, row_top: list[float]) -> str:
    """The grid as one stroked path: every cell's edges, none through a spanned cell."""
    n_cols, n_rows, x = len(table.col_widths), table.n_rows, table.col_x
    no_h: set[tuple[int, int]] = set()   # (row boundary, column) inside a cell spanning rows
    no_v: set[tuple[int, int]] = set()   # (column boundary, row) inside a cell spanning columns
    for c in table.cells:
        if c.row_end > c.row:
            no_h.update((b, col) for b in range(c.row + 1, c.row_end + 1) for col in range(c.col, c.col_end + 1))
        if c.col_end > c.col:
            no_v.update((j, r) for j in range(c.col + 1, c.col_end + 1) for r in range(c.row, c.row_end + 1))
    ops = []

    def lines(count: int, skip: set, boundary: int, segment) -> None:
        start = None   # consecutive drawn segments of one line make one subpath
        for k in range(count + 1):
            drawn = k < count and (boundary, k) not in skip
            if drawn and start is None:
                start = k
            elif not drawn and start is not None:
                ops.append(segment(start, k))
                start = None

    for b in range(n_rows + 1):
        y = row_top[b]
        lines(n_cols, no_h, b, lambda a, e: f"{fp_str(x[a], y)} m {fp_str(x[e], y)} l")
    for j in range(n_cols + 1):
        lines(n_rows, no_v, j, lambda a, e: f"{fp_str(x[j], row_top[a])} m {fp_str(x[j], row_top[e])} l")
    return f"q 1 J 1 j 0 0 0 RG {fp_str(GRID_WIDTH)} w\n" + "\n".join(ops) + "\nS Q"


def form_table(rows: list[list], widths_mm: list[float], spans: list[tuple] = (), center_cols: tuple[int, ...] = ()) -> FormTable:
    """A bordered form table; rows may split across pages, long text wraps inside its cell.

    `spans`: ((first col, first row), (last col, last row)) of merged cells; `center_cols`:
    columns whose one-line values are centred (label cells always are).
    """
    total = sum(widths_mm)
    widths = [CONTENT_W * w / total for w in widths_mm]
    span_end = {(c0, r0): (c1, r1) for (c0, r0), (c1, r1) in spans}
    covered = {(c, r) for (c0, r0), (c1, r1) in spans for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - set(span_end)
    register_fonts()   # the cells are measured in them
    cells = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (c, r) in covered:
                continue
            c1, r1 = span_end.get((c, r), (c, r))
            inner = sum(widths[c:c1 + 1]) - 2 * CELL_PAD_X
            if isinstance(value, CJKText):
                label = value.style.alignment == TA_CENTER
                lines = wrap_runs(value.runs, value.style.fontSize, [inner], hang=False) if value.runs else []
            elif isinstance(value, Flowable):
                raise TypeError(f"form_table cells are text, not {type(value).__name__}")
            else:
                text = "" if value is None else str(value)
                label = isinstance(value, Label)
                face = SONG_BOLD if label else SONG
                cell_runs = runs(text, face)
                if _WHITE.search(text):
                    # one line prints as given ("    年  月  日"); longer text wraps as a paragraph
                    lines = wrap_runs(cell_runs, CELL_SIZE, [inner], hang=False) if "\n" not in text else []
                    if len(lines) != 1:
                        lines = wrap_runs(normalise(cell_runs), CELL_SIZE, [inner], hang=False)
                else:
                    lines = wrap_runs(cell_runs, CELL_SIZE, [inner], hang=False) if text else []
            centre = label or (c in center_cols and len(lines) == 1)
            cells.append(_Cell(r, c, r1, c1, lines, centre))
    return FormTable(cells, widths)


def header(bureau_name: str, title: str, number: str, number_label: str = "") -> list[Flowable]:
    """Bureau name, title and number line — the top of the first page."""
    return [
        para(bureau_name, "bureau"),
        para(title, "title"),
        para(f"{number_label}{number}", "number"),
    ]


class SealArea(Flowable):
    """Right-aligned issuing block: bureau name, date, and room for the official seal."""

    def __init__(self, bureau_name: str, date_text: str, label: str = "（印章）"):
        super().__init__()
        self.bureau_name, self.date_text, self.label = bureau_name, date_text, label

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        return avail_w, 34 * mm

    def draw(self):
        c = self.canv
        right = self.width - 8 * mm
        cx = right - 25 * mm
        c.saveState()
        c.setStrokeColor(colors.Color(0.75, 0.75, 0.75))
        c.setDash(2, 2)
        c.circle(cx, 19 * mm, 15 * mm, stroke=1, fill=0)
        c.restoreState()
        c.setFillColor(colors.Color(0.55, 0.55, 0.55))
        draw_string(c, cx, 25 * mm, self.label, 9, anchor="centre")
        c.setFillColor(colors.black)
        draw_string(c, right, 13 * mm, self.bureau_name, 12, anchor="right")
        draw_string(c, right, 5 * mm, self.date_text, 12, anchor="right")


def seal_area(bureau_name: str, issued_at: str, label: str = "（印章）") -> Flowable:
    return KeepTogether([Spacer(1, 4 * mm), SealArea(bureau_name, cn_date(issued_at), label)])


def copies_note(text: str) -> Paragraph:
    return para(text, "small")


# -- signatures ----------------------------------------------------------------------------
@dataclass
class Signer:
    """One signature: an image (PNG bytes) or a recorded refusal, with a name for the record."""

    name: str = ""
    image: bytes | None = None
    refused: bool = False
    refusal_reason: str = ""
    witness: str = ""
    signed_at: str = ""


@dataclass
class SignerGroup:
    label: str               # 当事人 / 执法人员 / 记录人 …
    signers: list[Signer] = field(default_factory=list)
    weight: float = 1.0


def draw_signature_group(c, group: SignerGroup, x: float, y: float, w: float, h: float, label_size: float = 8.5) -> None:
    """A labelled box holding the group's signature images (or refusal text), names underneath."""
    c.rect(x, y, w, h, stroke=1, fill=0)
    draw_string(c, x + 2, y + h - label_size - 2, group.label + "：", label_size, font_name=SONG_BOLD)
    signers = group.signers or [Signer()]
    slot_w = (w - 4) / len(signers)
    img_h = h - label_size - 12
    for i, s in enumerate(signers):
        sx = x + 2 + i * slot_w
        if s.refused:
            text = "拒绝签名" + (f"（{s.refusal_reason}）" if s.refusal_reason else "")
            lines = [text] + ([f"见证人：{s.witness}"] if s.witness else [])
            for k, line in enumerate(lines):
                while line and string_width(line, 7.5) > slot_w - 2:
                    line = line[:-1]
                draw_string(c, sx + 1, y + img_h - 2 - 9 * k, line, 7.5)
        elif s.image:
            image = images.prepared(s.image)
            iw, ih = image.width, image.height
            scale = min((slot_w - 4) / iw, img_h / ih)
            images.draw_png(c, s.image, sx + (slot_w - iw * scale) / 2, y + 9 + (img_h - ih * scale) / 2, iw * scale, ih * scale)
        if s.name or s.signed_at:
            caption = s.name + (f" {cn_date(s.signed_at, '')}" if s.signed_at else "")
            draw_string(c, sx + slot_w / 2, y + 2.5, caption, 7, anchor="centre")


class SignatureBlock(Flowable):
    """Signature boxes inside the body (notices, forms), same look as the page footer row."""

    def __init__(self, groups: list[SignerGroup], height: float = 24 * mm):
        super().__init__()
        self.groups, self.height = groups, height

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        return avail_w, self.height

    def draw(self):
        total = sum(g.weight for g in self.groups) or 1
        x = 0.0
        self.canv.setLineWidth(0.6)
        for g in self.groups:
            w = self.width * g.weight / total
            draw_signature_group(self.canv, g, x, 0, w, self.height)
            x += w


# -- the document ---------------------------------------------------------------------------
@dataclass
class DocSpec:
    doc_type: str
    title: str                      # 文书 title (metadata and header)
    number: str
    record_hash: str
    issued_at: str                  # UTC ISO; the PDF creation date
    bureau_name: str
    signature_row: list[SignerGroup] = field(default_factory=list)  # on every page when set
    always_number_pages: bool = False
    qr_on_pages: bool = True
    watermark: str = ""             # previews: "预览 未签发" across every page
    margin_top: float = MARGIN_TOP


class _InfoWithKeys(PDFInfo):
    """The PDF Info dictionary plus our own keys (FIDocNumber, FIRecordHash, FIDocType), written
    directly (reportlab formats it key by key through its generic objects)."""

    extra: dict[str, str] = {}
    date: str = ""

    def format(self, document):
        entries = {"Author": self.author, "CreationDate": self.date, "Creator": self.creator, "Keywords": self.keywords,
                   "ModDate": self.date, "Producer": self.producer, "Subject": self.subject, "Title": self.title,
                   **self.extra}
        body = " ".join(f"/{key} {_pdf_text(str(value))}" for key, value in entries.items())
        return f"<< {body} /Trapped /{self.trapped} >>".encode("latin-1")


def _pdf_text(value: str) -> str:
    """A PDF text string: literal if ASCII, else UTF-16BE with its byte order mark (in hex)."""
    if value.isascii():
        return "(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("\r", "\\r") + ")"
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def _resources(document, xobjects: dict, procs: bytes) -> bytes:
    """The resource dictionary of a page or form: the document's fonts, its XObjects."""
    refs = b" ".join(b"%s %s" % (pdfdoc.PDFName(name).encode("ascii"), xobjects[name].format(document)) for name in sorted(xobjects))
    return b"<< /Font %s /ProcSet [ %s ]%s >>" % (pdfdoc.PDFObjectReference(pdfdoc.BasicFonts).format(document), procs,
                                                  b" /XObject << %s >>" % refs if refs else b"")


def _plain(thing) -> bool:
    """True if a reportlab page or form uses nothing but fonts and XObjects (what `_Page` and
    `_Form` write)."""
    return (not thing.Annots and not thing._colorsUsed and not getattr(thing, "_shadingUsed", None)
            and not getattr(thing, "ExtGState", None) and not thing.Resources and not thing.Contents
            and not getattr(thing, "Rotate", None) and not getattr(thing, "Override_default_compilation", 0)
            and not thing.compression and thing.stream is not None)


class _Page(pdfdoc.PDFObject):
    """A page dictionary written directly, its content a ready compressed stream. reportlab's
    generic writing of a page (a `PDFName` per key built character by character, an object per
    array and dictionary) cost more than compressing the page's content."""

    __RefOnly__ = 1

    def __init__(self, page: pdfdoc.PDFPage, contents):
        self.contents = contents
        self.media_box = fp_str(0, 0, page.pagewidth, page.pageheight).encode("ascii")
        self.xobjects = page.XObjects.dict if page.XObjects else {}
        self.procs = b"/PDF /Text /ImageB /ImageC /ImageI" if page.hasImages else b"/PDF /Text"

    def format(self, document):
        return b"<< /Contents %s /MediaBox [ %s ] /Parent %s /Resources %s /Type /Page >>" % (
            self.contents.format(document), self.media_box, document.Reference(document.Pages).format(document),
            _resources(document, self.xobjects, self.procs))


class _Form(DeflatedStream):
    """A form XObject written directly (see `_Page`)."""

    def __init__(self, form: pdfdoc.PDFFormXObject):
        super().__init__(FAST_FLATE.encode(form.stream))
        self.bbox = fp_str(*form.BBoxList()).encode("ascii")
        self.xobjects = form.XObjects.dict if form.XObjects else {}
        self.procs = b"/PDF /Text /ImageB /ImageC /ImageI" if form.hasImages else b"/PDF /Text"

    def format(self, document):
        self.extra = b" /BBox [ %s ] /FormType 1 /Matrix [ 1 0 0 1 0 0 ] /Resources %s /Subtype /Form /Type /XObject" % (
            self.bbox, _resources(document, self.xobjects, self.procs))
        return super().format(document)


class _Pages(pdfdoc.PDFPages):
    """The page tree written directly (see `_Page`)."""

    def format(self, document):
        kids = b" ".join(document.Reference(page).format(document) for page in self.pages)
        return b"<< /Count %d /Kids [ %s ] /Type /Pages >>" % (len(self.pages), kids)


class _Catalog(pdfdoc.PDFCatalog):
    """The catalog written directly (see `_Page`) when it holds the page tree and the language
    only, as in our documents; otherwise as reportlab writes it."""

    def format(self, document):
        others = [key for key in self.__NoDefault__ if key != "Pages" and getattr(self, key, None) is not None]
        if others != ["PageMode"] or self.PageMode != pdfdoc.PDFCatalog.__Defaults__["PageMode"]:
            return super().format(document)
        lang = b"/Lang %s " % self.Lang.format(document) if self.Lang is not None else b""
        return b"<< %s/PageMode /UseNone /Pages %s /Type /Catalog >>" % (lang, document.Reference(self.Pages).format(document))


def _replace(doc, name: str, fast) -> None:
    fast.__InternalName__ = name
    doc.idToObject[name] = fast


def _ready_last_page(doc) -> None:
    """Replace the page reportlab has just added with a `_Page` writing the same dictionary."""
    page = doc.Pages.pages[-1]
    if _plain(page):
        fast = _Page(page, doc.Reference(DeflatedStream(FAST_FLATE.encode(page.stream))))
        _replace(doc, page.__InternalName__, fast)
        doc.Pages.pages[-1] = fast


def _ready_form(doc, name: str) -> None:
    """Replace the form XObject `name` reportlab has just defined with a `_Form`."""
    name = pdfdoc.xObjectName(name)
    form = doc.idToObject[name]
    if _plain(form):
        _replace(doc, name, _Form(form))


def _canvas_class(spec: DocSpec, blob_free_groups: list[SignerGroup]):
    qr_text = qr.payload(spec.number, spec.record_hash)

    class DocCanvas(Canvas):
        """Defers page decoration until the page count is known."""

        def __init__(self, *args, **kwargs):
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            # every stream (pages, forms, fonts, ToUnicode maps) compressed by ISA-L instead
            # of zlib's default level: reportlab applies `defaultStreamFilters` to any stream
            # without explicit filters, which is all of them once its own compression is off
            self.setPageCompression(0)
            self._doc.defaultStreamFilters = [FAST_FLATE]
            info = _InfoWithKeys()
            info.__dict__.update(self._doc.info.__dict__)
            info.extra = {"FIDocNumber": spec.number, "FIRecordHash": spec.record_hash, "FIDocType": spec.doc_type}
            info.date = pdf_date(spec.issued_at)
            self._doc.info = info
            self._doc.Catalog.__class__, self._doc.Pages.__class__ = _Catalog, _Pages
            self.setDateFormatter(lambda *_: info.date)
            self._saved_pages: list[dict] = []

        def showPage(self):
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for index, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self._decorate(index, total)
                Canvas.showPage(self)
                _ready_last_page(self._doc)
            Canvas.save(self)

        def _decorate(self, page: int, total: int) -> None:
            self.saveState()
            self.setLineWidth(0.6)
            if spec.qr_on_pages:
                size = 19 * mm
                if not self._doc.hasForm("fi_qr"):
                    qr.add_qr_form(self, "fi_qr", qr_text, size)
                self.saveState()
                self.translate(PAGE_W - MARGIN_X - size + 2 * mm, PAGE_H - 6 * mm - size)
                self.doForm("fi_qr")
                self.restoreState()
            if blob_free_groups:
                if not self._doc.hasForm("fi_sigrow"):  # the same row on every page: drawn once, placed per page
                    self.beginForm("fi_sigrow")
                    self.setLineWidth(0.6)
                    total_w = sum(g.weight for g in blob_free_groups) or 1
                    x = MARGIN_X
                    for g in blob_free_groups:
                        w = CONTENT_W * g.weight / total_w
                        draw_signature_group(self, g, x, FOOTER_TEXT_Y + 5 * mm, w, SIG_ROW_H)
                        x += w
                    self.endForm()
                    _ready_form(self._doc, "fi_sigrow")
                self.doForm("fi_sigrow")
            if spec.watermark:
                self.saveState()
                self.setFillColor(colors.Color(0.85, 0.2, 0.2, alpha=0.25))
                self.translate(PAGE_W / 2, PAGE_H / 2)
                self.rotate(35)
                draw_string(self, 0, 0, spec.watermark, 64, anchor="centre")
                self.restoreState()
            self.setFillColor(colors.Color(0.3, 0.3, 0.3))
            draw_string(self, MARGIN_X, FOOTER_TEXT_Y, f"{spec.number}  校验 {spec.record_hash[:16]}", 7.5)
            self.setFillColor(colors.black)
            if total > 1 or spec.always_number_pages:
                draw_string(self, PAGE_W - MARGIN_X, FOOTER_TEXT_Y, f"第 {page} 页 共 {total} 页", 9.5, anchor="right")
            self.restoreState()

    return DocCanvas


def render_pdf(spec: DocSpec, story: list[Flowable]) -> bytes:
    """Lay out `story` with the page decoration of `spec`; returns the PDF bytes."""
    register_fonts()
    buf = io.BytesIO()
    bottom = FOOTER_TEXT_Y + 6 * mm + (SIG_ROW_H + 2 * mm if spec.signature_row else 0)
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=spec.margin_top,
        bottomMargin=bottom,
        title=f"{spec.title} {spec.number}",
        author=spec.bureau_name,
        subject=f"{spec.doc_type} record-sha256:{spec.record_hash}",
        keywords=f"number={spec.number}; record_sha256={spec.record_hash}; type={spec.doc_type}",
        creator="Field Inspector 现场检查",
        producer="Field Inspector (ReportLab)",
        invariant=1,
        pageCompression=1,
        lang="zh-CN",
        initialFontName=SONG,
        initialFontSize=11,
    )
    frame = Frame(MARGIN_X, bottom, CONTENT_W, PAGE_H - spec.margin_top - bottom, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_canvas_class(spec, spec.signature_row))
    return buf.getvalue()


class CutLine(Flowable):
    """A dashed tear-off line with a label in the middle (receipt slips)."""

    def __init__(self, label: str = ""):
        super().__init__()
        self.label = label

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        return avail_w, 8 * mm

    def draw(self):
        c = self.canv
        c.saveState()
        c.setDash(3, 2)
        c.setLineWidth(0.5)
        label_w = string_width(self.label, 11, SONG_BOLD) + 12 if self.label else 0
        mid = self.width / 2
        c.line(0, 4 * mm, mid - label_w / 2, 4 * mm)
        c.line(mid + label_w / 2, 4 * mm, self.width, 4 * mm)
        c.restoreState()
        if self.label:
            draw_string(c, mid, 4 * mm - 4, self.label, 11, font_name=SONG_BOLD, anchor="centre")
