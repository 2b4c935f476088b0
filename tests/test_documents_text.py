"""CJKText line breaking: Chinese line-breaking rules (禁则), otherwise line for line as reportlab's
Paragraph(wordWrap="CJK")."""

from __future__ import annotations

import io
import random

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Frame, Paragraph
from reportlab.pdfgen.canvas import Canvas

from inspector_app.documents.fonts import HEI, SONG, markup, register_fonts, runs
from inspector_app.documents.text import NO_LINE_END, NO_LINE_START, CJKText, normalise, wrap_runs

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


def _cjk_lines(text: str, style: ParagraphStyle, width: float, forced: list | None = None) -> list[str]:
    t = CJKText(runs(text, HEI if style.fontName == HEI else SONG), style)
    t.wrap(width, 10_000)
    if forced is not None:
        forced[:] = [line.forced for line in t._lines]
    return ["".join(chunk for _font, chunk in line.runs) for line in t._lines]


def _bad_break(before: str, after: str) -> bool:
    """True if a line ending with `before` followed by a line starting with `after` breaks the rules."""
    return bool(before and after) and (after[0] in NO_LINE_START or before[-1] in NO_LINE_END
                                      or (after[0] in "—…" and before[-1] == after[0]))


def _bad_breaks(lines: list[str], forced: list[bool] | None = None) -> list[int]:
    return [k for k in range(len(lines) - 1) if not (forced and forced[k]) and _bad_break(lines[k], lines[k + 1])]


@pytest.fixture(scope="module")
def styles():
    register_fonts()
    return [
        ParagraphStyle("body", fontName=SONG, fontSize=11.5, leading=20, wordWrap="CJK", firstLineIndent=23),
        ParagraphStyle("cell", fontName=SONG, fontSize=9.5, leading=12.5, wordWrap="CJK"),
        ParagraphStyle("title", fontName=HEI, fontSize=20, leading=28, wordWrap="CJK"),
    ]


def test_random_text_keeps_the_rules_and_otherwise_matches_paragraph(styles):
    rnd = random.Random(20261121)
    compared = 0
    for trial in range(400):
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 160)))
        if rnd.random() < 0.2:
            text = text.replace("。", "\n", 1)
        style = styles[trial % len(styles)]
        width = rnd.uniform(40, 480)
        forced: list[bool] = []
        got = _cjk_lines(text, style, width, forced)
        # nothing lost, nothing doubled
        assert "".join(got) == "".join(chunk for _f, chunk in normalise(runs(text))).replace("\n", ""), (trial, text)
        for k in _bad_breaks(got, forced):
            # only where the line offers no legal break at all (a run of punctuation)
            line = got[k]
            assert all(_bad_break(line[:q], line[q:]) for q in range(1, len(line))), (trial, text, width, got)
        expected = _paragraph_lines(text, style, width)
        if not _bad_breaks([e.strip() for e in expected]):
            # where reportlab keeps the rules too, the lines are reportlab's (spaces at line ends aside)
            assert [g.strip() for g in got] == [e.strip() for e in expected], (trial, text, width)
            compared += 1
    assert compared > 100


def _fill(n: int) -> str:
    return ("检查中发现该企业成品仓库内存放的电热水壶铭牌标识不全部分产品未标注生产日期" * 3)[:n]


@pytest.mark.parametrize("mark", list("，。；：、）」』》！？"))
def test_closing_punctuation_never_starts_a_line(styles, mark):
    style = styles[1]
    width = 9.5 * 10 + 0.5  # ten characters fit
    # the mark is the 11th character: it hangs at the end of the first line
    assert _cjk_lines(_fill(10) + mark + _fill(5), style, width) == [_fill(10) + mark, _fill(5)]
    # two marks: the first cannot hang alone, so the last character moves down with them
    lines = _cjk_lines(_fill(10) + mark + "。" + _fill(5), style, width)
    assert lines == [_fill(9), _fill(10)[9] + mark + "。" + _fill(5)]


@pytest.mark.parametrize("mark", list("（「『《"))
def test_opening_bracket_never_ends_a_line(styles, mark):
    style = styles[1]
    width = 9.5 * 10 + 0.5
    # the bracket is the 10th character, its content would follow on the next line
    lines = _cjk_lines(_fill(9) + mark + "变更" + _fill(5), style, width)
    assert lines == [_fill(9), mark + "变更" + _fill(5)]
    # a closing mark right after the bracket's content still hangs
    lines = _cjk_lines(_fill(8) + mark + "变" + "）" + _fill(5), style, width)
    assert lines == [_fill(8) + mark + "变）", _fill(5)]


def test_doubled_dash_and_ellipsis_stay_together(styles):
    style = styles[1]
    for pair in ("——", "……"):
        text = _fill(30) + pair + _fill(30)
        wide = stringWidth(_fill(30) + pair[0], SONG, 9.5) + 0.01  # the pair would split after its first half
        lines = _cjk_lines(text, style, wide)
        assert "".join(lines) == text
        assert not _bad_breaks(lines), lines
        assert any(pair in line for line in lines)


def test_table_cells_push_instead_of_hanging(styles):
    """Without hanging (form cells: the border is right there) no line is wider than the cell,
    and the rules still hold: the mark takes the character before it to the next line."""
    from inspector_app.documents.text import wrap_runs

    width = 9.5 * 10 + 0.5
    lines = wrap_runs(runs(_fill(10) + "、" + _fill(5)), 9.5, [width], hang=False)
    assert ["".join(c for _f, c in line.runs) for line in lines] == [_fill(9), _fill(10)[9] + "、" + _fill(5)]
    rnd = random.Random(7)
    for trial in range(300):
        text = "".join(rnd.choice(ALPHABET.replace(" ", "").replace("\t", "")) for _ in range(rnd.randint(1, 80)))
        cell_w = rnd.uniform(40, 200)
        lines = wrap_runs(normalise(runs(text)), 9.5, [cell_w], hang=False)
        printed = ["".join(c for _f, c in line.runs) for line in lines]
        for line, text_line in zip(lines, printed):
            assert line.width <= cell_w + 1e-6 or len(text_line) == 1 or all(
                _bad_break(text_line[:q], text_line[q:]) for q in range(1, len(text_line))), (trial, text, printed)
        for k in _bad_breaks(printed):
            assert all(_bad_break(printed[k][:q], printed[k][q:]) for q in range(1, len(printed[k]))), (trial, text, printed)


def test_a_line_of_nothing_but_punctuation_still_breaks(styles):
    style = styles[1]
    lines = _cjk_lines("，。；：、）" * 4, style, 9.5 * 3 + 0.5)
    assert "".join(lines) == "，。；：、）" * 4 and all(lines)


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


def test_line_widths_are_the_fonts_advance_widths_for_any_character():
    """Widths come from a per-code-point class table; characters beyond it (planes 3 and up),
    characters without a glyph and every width class still measure as the font says."""
    register_fonts()
    text = "检查 SWK-1720，（合格）\U00020021\U0003134A\ue000€½"
    for font in (SONG, HEI):
        for size in (1, 9.5, 11.5):
            lines = wrap_runs([(font, text)], size, [10_000])
            assert len(lines) == 1
            assert lines[0].width == pytest.approx(stringWidth(text, font, size), abs=1e-9)
            # wrapped at a few characters a line: every line is the width of its own text
            for line in wrap_runs([(font, text)], size, [size * 3.2]):
                chunk = "".join(c for _f, c in line.runs)
                assert line.width == pytest.approx(stringWidth(chunk, font, size), abs=1e-9), (font, size, chunk)
