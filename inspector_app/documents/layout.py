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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.tables import CellStyle
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle

from inspector_app.documents import images, qr
from inspector_app.documents.fonts import HEI, SONG, covers, draw_string, register_fonts, runs, string_width
from inspector_app.documents.text import CJKText, draw_text_runs
from inspector_app.documents.ttf import FAST_FLATE

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
        "title": ParagraphStyle("title", fontName=HEI, fontSize=20, leading=28, alignment=TA_CENTER, spaceBefore=2),
        "number": ParagraphStyle("number", fontName=SONG, fontSize=11.5, leading=18, alignment=TA_RIGHT, spaceAfter=6),
        "body": ParagraphStyle("body", **base, firstLineIndent=23, alignment=TA_JUSTIFY, spaceAfter=2),
        "plain": ParagraphStyle("plain", **base, alignment=TA_LEFT),
        "right": ParagraphStyle("right", **base, alignment=TA_RIGHT),
        "centre": ParagraphStyle("centre", **base, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", fontName=HEI, wordWrap="CJK", fontSize=12, leading=20, spaceBefore=6, spaceAfter=2),
        "cell": ParagraphStyle("cell", fontName=SONG, wordWrap="CJK", fontSize=9.5, leading=12.5),
        "cell_label": ParagraphStyle("cell_label", fontName=HEI, wordWrap="CJK", fontSize=9.5, leading=12.5, alignment=TA_CENTER),
        "small": ParagraphStyle("small", fontName=SONG, wordWrap="CJK", fontSize=9, leading=13),
    }


def para(text: object, style: str = "body", raw: bool = False) -> Flowable:
    """A paragraph of user text (with glyph fallback; "\n" breaks the line) or of trusted markup (`raw`)."""
    st = styles()[style]
    if raw:
        return Paragraph(str(text), st)
    return CJKText(runs("" if text is None else str(text), HEI if st.fontName == HEI else SONG), st)


def labelled(label: str, value: object, style: str = "plain", blank: str = "") -> Flowable:
    """'标签：值' with the label in the Hei face."""
    text = "" if value in (None, "") else str(value)
    return CJKText(runs(label, HEI) + runs(text or blank, SONG), styles()[style])


def cell(value: object) -> Paragraph:
    return para("" if value is None else value, "cell")


class Label(str):
    """A form table's label cell (Hei face, centred)."""


def label_cell(text: str) -> Label:
    return Label(text)


def checkbox(options: list[tuple[str, bool]]) -> str:
    """'■ 完好  □ 破损' — the printed form's tick boxes."""
    return "  ".join(("■" if on else "□") + " " + text for text, on in options)


class _FormCellStyle(CellStyle):
    """The form grid's cell defaults, set per class instead of by a style command per cell."""

    fontname = SONG   # also for empty cells: never fall back to Helvetica
    fontsize = 9.5
    leading = 12.5
    valign = "MIDDLE"
    leftPadding = 3
    rightPadding = 3
    topPadding = 2
    bottomPadding = 2.5


GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
    # a row split across pages is closed at the page break and reopened on the next page
    ("LINEBELOW", (0, "inrowsplitstart"), (-1, "inrowsplitstart"), 0.6, colors.black),
    ("LINEABOVE", (0, "inrowsplitend"), (-1, "inrowsplitend"), 0.6, colors.black),
])
CELL_SIZE, CELL_PAD = 9.5, 3


class FormTable(Table):
    """A `Table` whose one-line string cells are drawn as one text object per table.

    reportlab draws every string cell with its own text object and font switch; a form has
    a hundred of them. Label cells (`Label`) are drawn in the Hei face, centred. Geometry,
    splitting and flowable cells are the `Table`'s own.
    """

    def draw(self):
        self._fi_text = []
        super().draw()
        if self._fi_text:
            draw_text_runs(self.canv, self._fi_text, fill=colors.black)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            # A row split across the page break: reportlab pads the cells that went whole to
            # one half towards the middle of the *unsplit* row, which pushed their text over
            # the row's top or bottom line. Centre them in the half that holds them instead.
            for style in [*parts[0]._cellStyles[-1], *parts[1]._cellStyles[0]]:
                style.topPadding, style.bottomPadding = _FormCellStyle.topPadding, _FormCellStyle.bottomPadding
        return parts

    def _splitCell(self, value, style, oldHeight, newHeight, width):
        """Split a row's cell between pages (flowable cells: at the width inside the padding).

        reportlab asks the flowables to split at the column width but lays them out and draws
        them at the width inside the padding: the top half was re-wrapped into more lines than
        its row has room for and overflowed into the row above, and the bottom half started
        at a line break of the wider layout (a line starting with ；).
        """
        if not isinstance(value, (tuple, list)):
            return super()._splitCell(value, style, oldHeight, newHeight, width)
        inner_w = width - style.leftPadding - style.rightPadding
        room = newHeight - style.topPadding          # content height of the top half
        heights: list[float] = []
        content_h = self._listCellGeom(value, width, style, H=heights)[1]
        used = (oldHeight - content_h) / 2 if style.valign == "MIDDLE" else 0
        head: list[Flowable] = []
        tail: list[Flowable] = []
        for flowable, height in zip(value, heights):
            before = flowable.getSpaceBefore()
            if tail:
                tail.append(flowable)
            elif used + height + before <= room:
                head.append(flowable)
                used += height + before + flowable.getSpaceAfter()
            else:
                parts = flowable.split(inner_w, room - used - before)
                if len(parts) >= 2:
                    head.append(parts[0])
                    tail.extend(parts[1:])
                elif not head and style.valign == "TOP":
                    return []
                else:
                    tail.append(flowable)
        return tuple(head), tuple(tail)

    def _drawCell(self, cellval, cellstyle, pos, size):
        if isinstance(cellval, (tuple, list, Flowable)) or "\n" in str(cellval):
            return super()._drawCell(cellval, cellstyle, pos, size)
        text = str(cellval)
        if not text:
            return
        colpos, rowpos = pos
        colwidth, rowheight = size
        label = isinstance(cellval, Label)
        font = HEI if label else cellstyle.fontname
        just = "CENTER" if label else cellstyle.alignment
        fontsize, leading = cellstyle.fontsize, cellstyle.leading
        if cellstyle.valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + leading - fontsize
        elif cellstyle.valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + leading) / 2.0 - fontsize
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        else:
            width = pdfmetrics.stringWidth(text, font, fontsize)
            if just in ("CENTRE", "CENTER"):
                x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5 - width * 0.5
            else:
                x = colpos + colwidth - cellstyle.rightPadding - width
        self._fi_text.append((x, y, [(font, fontsize, text)]))


def form_table(rows: list[list], widths_mm: list[float], spans: list[tuple] = (), extra_style: list = ()) -> Table:
    """A bordered form table; rows may split across pages.

    Text that fits its cell on one line is drawn as a plain table string (fast); longer text
    becomes a CJK-wrapping paragraph, so nothing is ever clipped.
    """
    total = sum(widths_mm)
    widths = [CONTENT_W * w / total for w in widths_mm]
    span_w = {}
    for (c0, r0), (c1, _r1) in spans:
        span_w[(c0, r0)] = sum(widths[c0:c1 + 1])
    commands: list[tuple] = [("SPAN", a, b) for a, b in spans]
    data = []
    for r, row in enumerate(rows):
        out = []
        for c, value in enumerate(row):
            if isinstance(value, Flowable):
                out.append(value)
                continue
            text = "" if value is None else str(value)
            label = isinstance(value, Label)
            font = HEI if label else SONG
            avail = span_w.get((c, r), widths[c]) - 2 * CELL_PAD - 1
            if "\n" not in text and covers(text, font) and pdfmetrics.stringWidth(text, font, CELL_SIZE) <= avail:
                out.append(Label(text) if label else text)
            else:
                out.append(para(text, "cell_label" if label else "cell"))
        data.append(out)
    cell_styles = [[_FormCellStyle("cell") for _ in row] for row in data]
    table = FormTable(data, colWidths=widths, splitByRow=1, splitInRow=1, hAlign="CENTER", cellStyles=cell_styles)
    table.setStyle(GRID)
    commands += list(extra_style)
    if commands:
        table.setStyle(TableStyle(commands))
    return table


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
    draw_string(c, x + 2, y + h - label_size - 2, group.label + "：", label_size, font_name=HEI)
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
    """The PDF Info dictionary plus our own keys (FIDocNumber, FIRecordHash, FIDocType)."""

    extra: dict[str, str] = {}

    def format(self, document):
        base = super().format(document)
        if not self.extra:
            return base
        extra = PDFDictionary({k: PDFString(v) for k, v in sorted(self.extra.items())}).format(document)
        return base[:-2] + extra[2:]  # merge the two '<< … >>' dictionaries


def _canvas_class(spec: DocSpec, blob_free_groups: list[SignerGroup]):
    qr_text = qr.payload(spec.number, spec.record_hash)

    class DocCanvas(Canvas):
        """Defers page decoration until the page count is known."""

        def __init__(self, *args, **kwargs):
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            # every stream (pages, forms, fonts, ToUnicode maps) compressed by libdeflate instead
            # of zlib's default level: reportlab applies `defaultStreamFilters` to any stream
            # without explicit filters, which is all of them once its own compression is off
            self.setPageCompression(0)
            self._doc.defaultStreamFilters = [FAST_FLATE]
            info = _InfoWithKeys()
            info.__dict__.update(self._doc.info.__dict__)
            info.extra = {"FIDocNumber": spec.number, "FIRecordHash": spec.record_hash, "FIDocType": spec.doc_type}
            self._doc.info = info
            self.setDateFormatter(lambda *_: pdf_date(spec.issued_at))
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
                self.doForm("fi_sigrow")
            if spec.watermark:
                self.saveState()
                self.setFillColor(colors.Color(0.85, 0.2, 0.2, alpha=0.25))
                self.translate(PAGE_W / 2, PAGE_H / 2)
                self.rotate(35)
                draw_string(self, 0, 0, spec.watermark, 64, font_name=HEI, anchor="centre")
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
        label_w = string_width(self.label, 11, HEI) + 12 if self.label else 0
        mid = self.width / 2
        c.line(0, 4 * mm, mid - label_w / 2, 4 * mm)
        c.line(mid + label_w / 2, 4 * mm, self.width, 4 * mm)
        c.restoreState()
        if self.label:
            draw_string(c, mid, 4 * mm - 4, self.label, 11, font_name=HEI, anchor="centre")
