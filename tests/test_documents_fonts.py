"""The embedded font subsets: valid TrueType, and every printed code shows the right glyph at the right width."""

from __future__ import annotations

import io
import re

from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import calcChecksum
from pypdf import PdfReader

from conftest_documents import ISSUED_AT, RECORD_FOR, doc_ws, pdftotext, squash  # noqa: F401 (fixture)
from inspector_app.documents import DOC_TYPES
from inspector_app.documents.issue import issue
from inspector_app.store.paths import resource_path

_ORIGINALS = {"UMingCN": "UMingCN.ttf", "DroidSansFallback": "DroidSansFallbackFull.ttf"}


def _codes_used(reader: PdfReader) -> dict[str, set[int]]:
    """Resource name -> the 2-byte codes shown with it (pages and form XObjects)."""
    used: dict[str, set[int]] = {}
    for page in reader.pages:
        resources = page["/Resources"]
        streams = [page.get_contents().get_data()]
        streams += [x.get_object().get_data() for x in (resources.get("/XObject") or {}).values()
                    if x.get_object().get("/Subtype") == "/Form"]
        for data in streams:
            font = None
            for m in re.finditer(rb"(/F\d+\+0) [\d.]+ Tf|<([0-9a-fA-F]*)> Tj", data):
                if m.group(1):
                    font = m.group(1).decode()[1:]
                    continue
                raw = bytes.fromhex(m.group(2).decode())
                used.setdefault(font, set()).update(int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2))
    return used


def _to_unicode(font) -> dict[int, str]:
    """Code -> text of a Type 0 font's ToUnicode CMap (bfrange and bfchar entries)."""
    cmap = font["/ToUnicode"].get_object().get_data().decode()
    out = {}
    for section in re.findall(r"beginbfrange\n(.*?)\nendbfrange", cmap, re.S):
        for first, last, text in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]{4})> <([0-9A-F]+)>", section):
            start = int(text, 16)
            out.update({code: chr(start + code - int(first, 16)) for code in range(int(first, 16), int(last, 16) + 1)})
    for section in re.findall(r"beginbfchar\n(.*?)\nendbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", section):
            out[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", "surrogatepass")
    return out


def _check_printed_glyphs(pdf: bytes, originals: dict[str, TTFont], label: str) -> dict[str, set[str]]:
    """Assert that every code shown prints the original glyph of its character at its width, in
    valid TrueType subsets; returns the characters shown per font resource."""
    reader = PdfReader(io.BytesIO(pdf))
    used = _codes_used(reader)
    fonts = {name[1:]: ref.get_object() for page in reader.pages for name, ref in page["/Resources"]["/Font"].items()}
    assert used and set(used) <= set(fonts), (label, used.keys(), fonts.keys())
    shown = {}
    for name, font in fonts.items():
        assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
        cid_font = font["/DescendantFonts"][0].get_object()
        descriptor = cid_font["/FontDescriptor"].get_object()
        stream = descriptor["/FontFile2"].get_object()
        program = stream.get_data()
        assert len(program) == stream["/Length1"]
        subset = TTFont(io.BytesIO(program))
        for tag, entry in subset.reader.tables.items():   # table checksums and the whole-file checksum
            data = subset.reader[tag]
            assert calcChecksum(data if tag != "head" else data[:8] + b"\0\0\0\0" + data[12:]) == entry.checkSum, tag
        assert calcChecksum(program) == 0xB1B0AFBA
        original = originals[descriptor["/FontName"].split("+", 1)[1]]
        to_unicode = _to_unicode(font)
        cid_to_gid = cid_font["/CIDToGIDMap"].get_object().get_data()
        widths, w = {}, cid_font.get("/W", [])
        for i in range(0, len(w), 2):
            widths.update({w[i] + k: value for k, value in enumerate(w[i + 1])})
        order, cmap = subset.getGlyphOrder(), original.getBestCmap()
        original_order = original.getGlyphOrder()
        shown[name] = set()
        for code in used.get(name, ()):
            char = to_unicode[code]
            shown[name].add(char)
            glyph = cmap.get(32 if char == "\xa0" else ord(char), original_order[0])   # none: .notdef
            gid = int.from_bytes(cid_to_gid[2 * code:2 * code + 2], "big")
            mine, theirs = subset["glyf"][order[gid]], original["glyf"][glyph]
            assert list(mine.getCoordinates(subset["glyf"])[0]) == list(theirs.getCoordinates(original["glyf"])[0]), (label, char)
            expected_width = original["hmtx"][glyph][0] * 1000 / original["head"].unitsPerEm
            assert abs(widths.get(code, cid_font["/DW"]) - expected_width) < 0.01, (label, char)
    return shown


def test_every_printed_code_is_the_original_glyph(doc_ws):
    store, ids = doc_ws
    originals = {name: TTFont(str(resource_path("fonts", file))) for name, file in _ORIGINALS.items()}
    for doc_type in DOC_TYPES:
        pdf = issue(store, doc_type, ids[RECORD_FOR[doc_type]], now=ISSUED_AT).pdf
        _check_printed_glyphs(pdf, originals, doc_type)


def test_characters_first_used_anywhere_print_and_extract(tmp_path):
    """Characters met first late in a document (a later page, a later run of a line, a table
    cell), beyond the BMP (with and without a glyph), lacking a glyph, or a no-break space:
    each prints its glyph (or .notdef) and extracts as itself."""
    from inspector_app.documents.layout import DocSpec, form_table, para, render_pdf

    originals = {name: TTFont(str(resource_path("fonts", file))) for name, file in _ORIGINALS.items()}
    wide = "\U00020021\U0002003e"                 # CJK extension B: glyphs in UMing, codes of their own
    no_glyph = "\U0001F600\ue000"                  # in neither font: .notdef

    def story():
        return [para("检查情况：正常。"), para("甲" * 40 + "乙丙丁" + wide[0], "plain"),
                form_table([["项目", "戊己庚" + wide], ["备注", "辛\xa0壬" + no_glyph]], [20, 80]),
                *[para("重复的段落，没有新字。") for _ in range(40)],   # onto a second page
                para("第二页的新字：癸亥" + wide[::-1] + no_glyph[0])]

    spec = DocSpec(doc_type="test", title="测试", number="测-1", record_hash="0" * 64,
                   issued_at="2026-11-21T02:30:00Z", bureau_name="测试局")
    pdf = render_pdf(spec, story())
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    shown = set().union(*_check_printed_glyphs(pdf, originals, "test").values())
    assert set("乙丙丁戊己庚辛壬癸亥\xa0" + wide + no_glyph) <= shown
    path = tmp_path / "new.pdf"
    path.write_bytes(pdf)
    text = squash(pdftotext(path))
    assert "戊己庚" + wide in text and "第二页的新字：癸亥" + wide[::-1] + no_glyph[0] in text
    assert "辛" in text and "壬" + no_glyph in text
    assert render_pdf(spec, story()) == pdf   # deterministic


def test_runs_switch_face_exactly_where_a_glyph_is_missing():
    """Every character lands in a face that has it (or the fallback if neither has it), in and beyond the BMP."""
    from inspector_app.documents.fonts import HEI, SONG, register_fonts, runs

    register_fonts()
    cmaps = {SONG: TTFont(str(resource_path("fonts", "UMingCN.ttf"))).getBestCmap(),
             HEI: TTFont(str(resource_path("fonts", "DroidSansFallbackFull.ttf"))).getBestCmap()}
    assert runs("检查情况：合格。", SONG) == [(SONG, "检查情况：合格。")]
    text = "检查 SWK-1720，合格。\U00020021\U0002003e\U00010400\U0001F600\ue000ABC"
    for face, fallback in ((SONG, HEI), (HEI, SONG)):
        out = runs(text, face)
        assert "".join(chunk for _f, chunk in out) == text
        for font, chunk in out:
            for ch in chunk:
                wanted = face if ord(ch) in cmaps[face] or ch in " \t\n" else fallback
                assert font == wanted, (face, ch, font)
