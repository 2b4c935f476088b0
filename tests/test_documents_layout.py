"""Shared page layout checked on rendered PDFs: Chinese line breaking and form rows split across pages."""

from __future__ import annotations

import subprocess

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from conftest_documents import ISSUED_AT, overlapping_words, pdftotext, squash, word_boxes
from inspector_app.documents.fonts import SONG, register_fonts
from inspector_app.documents.layout import CONTENT_W, FOOTER_TEXT_Y, MARGIN_TOP, PAGE_H, PAGE_W, DocSpec, form_table, label_cell, para, render_pdf
from inspector_app.documents.text import NO_LINE_END, NO_LINE_START

FILL = "检查中发现该企业成品仓库内存放的电热水壶铭牌标识不全部分产品未标注生产日期进货查验记录不完整"


def _spec() -> DocSpec:
    return DocSpec("inspection_record", "现场检查笔录", "济历市监〔2026〕9号", "0" * 64, ISSUED_AT, "济南市历下区市场监督管理局")


def test_rendered_paragraphs_keep_the_line_breaking_rules(tmp_path):
    register_fonts()
    per_line = int(CONTENT_W // stringWidth("检", SONG, 11.5))
    # precondition: a line of the "plain" style holds exactly `per_line` of these characters
    assert stringWidth(FILL[:per_line], SONG, 11.5) <= CONTENT_W < stringWidth(FILL[:per_line + 1], SONG, 11.5)
    # each paragraph puts the mark where a greedy break starts (closing) or ends (opening) a line with it
    paragraphs = [FILL[:per_line] + mark + FILL[:8] for mark in "，。；：、）」』》！？"]
    paragraphs += [FILL[:per_line] + "》。" + FILL[:8]]
    paragraphs += [FILL[:per_line - 1] + mark + "变更" + FILL[:8] for mark in "（「『《"]
    path = tmp_path / "kinsoku.pdf"
    path.write_bytes(render_pdf(_spec(), [para(p, "plain") for p in paragraphs]))

    # the lines inside the body frame (no header or footer)
    top, bottom = MARGIN_TOP, FOOTER_TEXT_Y + 6 * mm
    out = subprocess.run(["pdftotext", "-layout", "-r", "72", "-x", "0", "-y", str(int(top)), "-W", str(int(PAGE_W)),
                          "-H", str(int(PAGE_H - top - bottom)), str(path), "-"], capture_output=True, text=True, check=True).stdout
    body = [line.replace(" ", "") for line in out.splitlines() if line.strip()]
    assert len(body) == 2 * len(paragraphs)
    for line in body:
        assert line[0] not in NO_LINE_START, line
        assert line[-1] not in NO_LINE_END, line
    text = squash(pdftotext(path))
    position = 0
    for p in paragraphs:  # every paragraph printed whole, in order
        position = text.index(p, position) + len(p)


def test_form_row_split_across_pages_stays_inside_its_row(tmp_path):
    """A row taller than a page splits inside the row: no text drawn over other text, every
    line printed once, the continuation keeps the line-breaking rules."""
    register_fonts()
    basis = "《中华人民共和国工业产品生产许可证管理条例》；《工业产品生产许可证管理条例实施办法》（变更与报告）"
    note = "抽查出厂检验记录三批，记录齐全；"
    rows = [[label_cell("序号"), label_cell("检查项目"), label_cell("依据"), label_cell("结果"), label_cell("不符合事实及证据")]]
    rows += [[str(i), "实际生产的产品在许可证载明的产品单元、品种范围内", basis * (8 if i == 4 else 1), "符合",
              note * (70 if i == 4 else 2)] for i in range(1, 7)]
    story = [para(FILL * 3, "body") for _ in range(3)] + [form_table(rows, [8, 40, 34, 13, 55])]
    path = tmp_path / "split.pdf"
    path.write_bytes(render_pdf(_spec(), story))

    pages = word_boxes(path)
    assert len(pages) >= 3  # row 4 alone is longer than a page
    assert overlapping_words(path) == []
    text = squash(pdftotext(path))
    # cells wrap and pdftotext interleaves columns: count characters only the note (批) and the basis (施) have
    assert text.count("批") == 70 + 5 * 2
    assert text.count("施") == 8 + 5
    for words in pages:
        for word in words:
            assert word[4][0] not in NO_LINE_START, word


def test_rows_tied_by_a_row_span_move_to_the_next_page_together(tmp_path):
    """A form section (vertical label spanning its rows) is never cut at a page break."""
    register_fonts()
    rows, spans = [], []
    for s, section in enumerate(("受检单位", "生产单位", "样品信息")):
        start = len(rows)
        for i in range(5):
            rows.append([para("\n".join(section), "cell_label") if i == 0 else "", label_cell("字段"), f"{section}第{i + 1}项"])
        spans.append(((0, start), (0, start + 4)))
    straddled = 0
    for filler in range(6, 30):   # push the table down the first page by different amounts
        story = [para(FILL * 3, "body") for _ in range(filler // 3)] + [para(FILL[:filler], "plain")]
        story.append(form_table(rows, [9, 30, 60], spans))
        path = tmp_path / f"sections-{filler}.pdf"
        path.write_bytes(render_pdf(_spec(), story))
        pages = [squash(pdftotext(path, page)) for page in range(1, len(word_boxes(path)) + 1)]
        placed = []
        for section in ("受检单位", "生产单位", "样品信息"):
            holding = [k for k, text in enumerate(pages) if f"{section}第" in text]
            assert len(holding) == 1, (filler, section, holding)
            placed += holding
        straddled += len(set(placed)) > 1
        assert overlapping_words(path) == []
    assert straddled  # some of these tables did reach across a page break


def test_cell_text_stays_inside_its_column(tmp_path):
    """A closing mark at the end of a cell's line does not hang over the grid line (it would in
    a paragraph): the character before it moves to the next line with it."""
    register_fonts()
    widths_mm = [8, 40, 34, 13, 55]
    total = sum(widths_mm)
    edges, x = [], 0.0
    for w in widths_mm:
        edges.append((x, x + CONTENT_W * w / total))
        x += CONTENT_W * w / total
    rows = []
    for mark in "、，；：。）》":
        row = []
        for a, b in edges:
            # a first line that fills the cell to within a point, then the mark
            inner, line = b - a - 6, ""
            for ch in FILL + "1" * 40:
                if stringWidth(line + ch, SONG, 9.5) <= inner:
                    line += ch
            row.append(line + mark + FILL[:3] if len(line) > 2 else "符合")
        rows.append(row)
    path = tmp_path / "cells.pdf"
    path.write_bytes(render_pdf(_spec(), [form_table(rows, widths_mm)]))
    left = (PAGE_W - CONTENT_W) / 2
    checked = 0
    for words in word_boxes(path):
        for x0, y0, x1, _y1, word in words:
            column = [(a, b) for a, b in edges if a - 0.5 <= x0 - left < b]
            if not column or y0 > PAGE_H - FOOTER_TEXT_Y - 6 * mm:
                continue   # the footer line
            assert x1 - left <= column[0][1] + 0.5, (word, x1 - left, column[0][1])
            assert word[0] not in NO_LINE_START, word
            checked += 1
    assert checked > 20
