"""The embedded font subsets: valid TrueType, and every printed code shows the right glyph at the right width."""

from __future__ import annotations

import io
import re

from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import calcChecksum
from pypdf import PdfReader

from conftest_documents import ISSUED_AT, RECORD_FOR, doc_ws  # noqa: F401 (fixture)
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


def test_every_printed_code_is_the_original_glyph(doc_ws):
    store, ids = doc_ws
    originals = {name: TTFont(str(resource_path("fonts", file))) for name, file in _ORIGINALS.items()}
    for doc_type in DOC_TYPES:
        pdf = issue(store, doc_type, ids[RECORD_FOR[doc_type]], now=ISSUED_AT).pdf
        reader = PdfReader(io.BytesIO(pdf))
        used = _codes_used(reader)
        fonts = {name[1:]: ref.get_object() for page in reader.pages for name, ref in page["/Resources"]["/Font"].items()}
        assert used and set(used) <= set(fonts), (doc_type, used.keys(), fonts.keys())
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
            to_unicode = {int(code, 16): bytes.fromhex(text).decode("utf-16-be") for code, text in
                          re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", font["/ToUnicode"].get_object().get_data().decode())
                          if (code, text) != ("0000", "FFFF")}
            widths, w = {}, cid_font.get("/W", [])
            for i in range(0, len(w), 2):
                widths.update({w[i] + k: value for k, value in enumerate(w[i + 1])})
            order, cmap = subset.getGlyphOrder(), original.getBestCmap()
            for code in used.get(name, ()):
                char = to_unicode[code]
                glyph = cmap[32 if char == "\xa0" else ord(char)]
                mine, theirs = subset["glyf"][order[code]], original["glyf"][glyph]
                assert list(mine.getCoordinates(subset["glyf"])[0]) == list(theirs.getCoordinates(original["glyf"])[0]), (doc_type, char)
                expected_width = original["hmtx"][glyph][0] * 1000 / original["head"].unitsPerEm
                assert abs(widths.get(code, cid_font["/DW"]) - expected_width) < 0.01, (doc_type, char)
