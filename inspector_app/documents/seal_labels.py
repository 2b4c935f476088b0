"""封条／样品标签 — a sheet of seal strips, one per seal number, each with its own QR code."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle
from sqlite_utils import Database

from inspector_app.documents import gather as g, qr
from inspector_app.documents.base import PART_LABELS, DocContext, text
from inspector_app.documents.fonts import SONG, SONG_BOLD, draw_string, string_width
from inspector_app.documents.layout import CONTENT_W, cn_date, para

TYPE = "seal_labels"
TITLE = "产品质量监督抽查封条"
RECORD_KIND = "sample"
LABEL_H = 50 * mm


def gather(db: Database, record_id: str) -> dict[str, Any] | None:
    return g.sample_record(db, record_id)


def candidates(db: Database) -> list[str]:
    rows = db.execute("SELECT DISTINCT sample_id FROM seal ORDER BY sample_id").fetchall()
    if rows:
        return [r[0] for r in rows]
    return [r[0] for r in db.execute("SELECT id FROM sample WHERE json_extract(data, '$.seal.seal_numbers') IS NOT NULL ORDER BY id").fetchall()]


def seal_list(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(seal number, part) for every seal of the sample: test parts first."""
    seals = [(s["seal_no"], s["part"]) for s in record.get("seals") or []]
    if not seals:
        numbers = ((record.get("data") or {}).get("seal") or {}).get("seal_numbers") or {}
        seals = [(n, part) for part in ("test", "backup") for n in numbers.get(part) or []]
    order = {"test": 0, "backup": 1}
    return sorted(seals, key=lambda s: (order.get(s[1], 2), s[0]))


class SealLabel(Flowable):
    """One strip: title, bureau, sample number, part, seal number, date, QR, signature lines."""

    def __init__(self, ctx: DocContext, seal_no: str, part: str, width: float):
        super().__init__()
        self.ctx, self.seal_no, self.part, self.width = ctx, seal_no, part, width

    def wrap(self, avail_w, avail_h):
        return self.width, LABEL_H

    def draw(self):
        c, ctx = self.canv, self.ctx
        rec, d = ctx.record, ctx.data
        w, h = self.width, LABEL_H
        c.setLineWidth(1.2)
        c.setStrokeColor(colors.Color(0.75, 0.1, 0.1))
        c.rect(1.5 * mm, 1.5 * mm, w - 3 * mm, h - 3 * mm)
        c.setStrokeColor(colors.black)
        c.setFillColor(colors.Color(0.75, 0.1, 0.1))
        draw_string(c, w / 2, h - 10 * mm, "封　　条", 15, font_name=SONG_BOLD, anchor="centre")
        c.setFillColor(colors.black)
        draw_string(c, w / 2, h - 15 * mm, ctx.bureau_name, 8.5, anchor="centre")
        size = 22 * mm
        qr.draw_qr(c, qr.payload(ctx.number, ctx.record_hash, S=self.seal_no, R=rec.get("number") or ""), w - size - 3 * mm, h - size - 17 * mm, size)
        lines = [
            ("抽样单编号：", text(rec.get("number"), "（未编号）")),
            ("产品名称：", text((d.get("product") or {}).get("name"))),
            ("样品类别：", PART_LABELS.get(self.part, self.part)),
            ("封条编号：", self.seal_no),
            ("封样日期：", cn_date(rec.get("sampled_at"), "    年  月  日")),
        ]
        y = h - 21 * mm
        max_w = w - size - 10 * mm
        for label, value in lines:
            lw = draw_string(c, 5 * mm, y, label, 8.5, font_name=SONG_BOLD)
            while value and string_width(value, 8.5) > max_w - lw:
                value = value[:-1]
            draw_string(c, 5 * mm + lw, y, value, 8.5)
            y -= 4.6 * mm
        c.setLineWidth(0.5)
        draw_string(c, 5 * mm, 4.5 * mm, "抽样人员：", 8, font_name=SONG_BOLD)
        c.line(19 * mm, 4.2 * mm, w / 2 - 3 * mm, 4.2 * mm)
        draw_string(c, w / 2, 4.5 * mm, "受检单位：", 8, font_name=SONG_BOLD)
        c.line(w / 2 + 14 * mm, 4.2 * mm, w - 5 * mm, 4.2 * mm)
        draw_string(c, w - 5 * mm, h - 5.5 * mm, ctx.number, 6.5, anchor="right")


def build(ctx: DocContext):
    seals = seal_list(ctx.record) or [("", "test"), ("", "backup")]
    col_w = CONTENT_W / 2
    cells = [SealLabel(ctx, no, part, col_w - 2 * mm) for no, part in seals]
    rows = [cells[i:i + 2] + ([""] if len(cells[i:i + 2]) == 1 else []) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[col_w, col_w], hAlign="CENTER")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SONG), ("LEFTPADDING", (0, 0), (-1, -1), 1 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 1 * mm),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm)]))
    product = text((ctx.data.get("product") or {}).get("name"))
    story = [
        para(f"{TITLE}（{product}，抽样单编号：{text(ctx.record.get('number'), '未编号')}）", "heading"),
        para(f"共 {len(seal_list(ctx.record))} 条。沿外框剪下，分别粘贴于检验样和备用样的封口处；抽样人员和受检单位代表在骑缝处签名。本页编号：{ctx.number}", "small"),
        table,
    ]
    spec = ctx.spec(TITLE)
    spec.qr_on_pages = False
    spec.margin_top = 15 * mm
    return spec, story
