"""CJKText lays out Chinese text line for line as reportlab's Paragraph(wordWrap="CJK") does."""

from __future__ import annotations

import io
import random

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Frame, Paragraph
from reportlab.pdfgen.canvas import Canvas

from inspector_app.documents.fonts import HEI, SONG, markup, register_fonts, runs
from inspector_app.documents.text import CJKText, normalise

ALPHABET = (
    "检查中发现该企业成品仓库内存放的电热水壶铭牌标识不全部分产品未标注生产日期"
    "，。、；：？！）》」”（《「“" + "　"
    + "GB4706.1-2005 SWK-1720 abc Defg 12345 " + "  \t"
)


def _paragraph_lines(text: str, style: ParagraphStyle, width: float) -> list[str]:
    p = Paragraph(markup(text, HEI if style.fontName == HEI else SONG), style)
    p.wrap(width, 10_000)
    bl = p.blPara
    if bl.kind == 0:
        return [" ".join(words) for _space, words in bl.lines]
    return ["".join(getattr(w, "text", "") for w in line.words) for line in bl.lines]


def _cjk_lines(text: str, style: ParagraphStyle, width: float) -> list[str]:
    t = CJKText(runs(text, HEI if style.fontName == HEI else SONG), style)
    t.wrap(width, 10_000)
    return ["".join(chunk for _font, chunk in line.runs) for line in t._lines]


@pytest.fixture(scope="module")
def styles():
    register_fonts()
    return [
        ParagraphStyle("body", fontName=SONG, fontSize=11.5, leading=20, wordWrap="CJK", firstLineIndent=23),
        ParagraphStyle("cell", fontName=SONG, fontSize=9.5, leading=12.5, wordWrap="CJK"),
        ParagraphStyle("title", fontName=HEI, fontSize=20, leading=28, wordWrap="CJK"),
    ]


def test_same_lines_as_paragraph_on_random_text(styles):
    rnd = random.Random(20261121)
    for trial in range(400):
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 160)))
        if rnd.random() < 0.2:
            text = text.replace("。", "\n", 1)
        style = styles[trial % len(styles)]
        width = rnd.uniform(40, 480)
        expected = _paragraph_lines(text, style, width)
        got = _cjk_lines(text, style, width)
        # reportlab's single-run path strips spaces at line ends; compare what is printed
        assert [g.strip() for g in got] == [e.strip() for e in expected], (trial, text, width)


def test_punctuation_hangs_instead_of_starting_a_line(styles):
    style = styles[1]
    register_fonts()
    one = _cjk_lines("检", style, 1000)
    assert one == ["检"]
    width = 9.5 * 10 + 0.5  # ten characters fit
    lines = _cjk_lines("检查中发现该企业成品。仓库内存放", style, width)  # the full stop is the 11th
    assert lines[0].endswith("。") and not lines[1].startswith("。")


def test_white_space_collapses_like_paragraph():
    assert normalise([(SONG, "  甲 \t 乙　　丙  ")]) == [(SONG, "甲 乙 丙")]
    assert normalise([(SONG, "甲\n\n乙")]) == [(SONG, "甲"), ("", "\n"), ("", "\n"), (SONG, "乙")]


def test_split_across_frames_keeps_every_line_once(styles):
    style = styles[0]
    text = "检查中发现该企业成品仓库内存放的电热水壶铭牌标识不全、部分产品未标注生产日期；" * 12
    whole = _cjk_lines(text, style, 300)
    para = CJKText(runs(text), style)
    para.wrap(300, 10_000)
    head, tail = para.split(300, style.leading * 3 + 1)
    head.wrap(300, 10_000)
    tail.wrap(300, 10_000)
    assert len(head._lines) == 3
    printed = ["".join(c for _f, c in line.runs) for line in head._lines + tail._lines]
    assert printed == whole
    # no orphan: a single first line is not left at the bottom of a page
    assert para.split(300, style.leading * 1.5) == []
    # and it draws: the frame accepts the pieces
    canvas = Canvas(io.BytesIO(), pagesize=A4)
    frame = Frame(0, 0, 300, style.leading * 3 + 1, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    assert frame.add(head, canvas) == 1
