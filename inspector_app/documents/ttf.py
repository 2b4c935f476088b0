"""TrueType fonts embedded as one Identity-H (CID-keyed) subset per face and document.

reportlab's `TTFont` writes 8-bit subsets of at most 255 characters, so a record of a few
hundred distinct characters embeds the same face twice; it encodes text one character at a
time in Python, and rebuilds, checksums and compresses every table of every subset. With
fonts of ~500-byte CJK glyph outlines that was most of the time of a document. `CIDTTFont`
keeps reportlab's text interface (`splitString`, `getSubsetInternalName`, so canvas text
and `Paragraph` work unchanged) and writes:

- one Type 0 font per face and document: 2-byte codes (Identity-H), the code of a character
  is its glyph index in the subset, given in order of first use; text is encoded by joining
  each character's code bytes (a dict per document), written as hex (`text.draw_text_runs`);
- the font program from per-glyph data (bytes, composite components, checksum) parsed once
  per process; the tables that never change (name, OS/2, post, cvt, fpgm, prep) are placed
  first and Flate-compressed once per process, so a document compresses only its own
  tables (glyphs, metrics, cmap), with Intel's ISA-L (`isal`) at its level 1: about 3x
  faster than libdeflate's level 1 and 9x faster than zlib's, for ~5 % more bytes; zlib
  level 1 if ISA-L is missing;
- the widths (W array: only codes not one em wide) and the ToUnicode map (text extraction)
  in one pass each.

Output is deterministic (a re-print is byte-identical).
"""

from __future__ import annotations

import zlib
from struct import pack, unpack

try:
    from isal import isal_zlib as _fast_zlib
except ImportError:  # pragma: no cover - the dependency is declared; keep working without it
    _fast_zlib = zlib

from reportlab.lib.rl_accel import calcChecksum, fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    GF_ARG_1_AND_2_ARE_WORDS,
    GF_MORE_COMPONENTS,
    GF_WE_HAVE_A_SCALE,
    GF_WE_HAVE_A_TWO_BY_TWO,
    GF_WE_HAVE_AN_X_AND_Y_SCALE,
    TTFont,
    TTFontFace,
)

FONT_COMPRESSION_LEVEL = 1   # ISA-L's levels are 0-3, zlib's 0-9: 1 is the fast end of both


def _deflate_raw(data: bytes) -> bytes:
    """Raw DEFLATE (no zlib header), ending with the final block."""
    return _fast_zlib.compress(data, FONT_COMPRESSION_LEVEL, -15)


class _FastFlate:
    """A Flate filter at a fixed, faster compression level (our documents use it for every
    stream, see `layout.DocCanvas`)."""

    pdfname = "FlateDecode"

    def encode(self, data):
        if isinstance(data, str):  # as reportlab's own Flate filter does
            data = data.encode("utf8")
        return _fast_zlib.compress(data, FONT_COMPRESSION_LEVEL)

    def decode(self, encoded):
        return zlib.decompress(encoded)


FAST_FLATE = _FastFlate()

_ZLIB_HEADER = b"\x78\x01"
_STATIC_TAGS = ("OS/2", "name", "post", "cvt ", "fpgm", "prep")   # same in every subset
_DYNAMIC_TAGS = ("cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp")


def _pad4(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def _components(data: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph index, glyph index) of each component of a composite glyph."""
    out = []
    pos = 10
    flags = GF_MORE_COMPONENTS
    while flags & GF_MORE_COMPONENTS:
        flags, glyph = unpack(">HH", data[pos:pos + 4])
        out.append((pos + 2, glyph))
        pos += 4 + (4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2)
        if flags & GF_WE_HAVE_A_SCALE:
            pos += 2
        elif flags & GF_WE_HAVE_AN_X_AND_Y_SCALE:
            pos += 4
        elif flags & GF_WE_HAVE_A_TWO_BY_TWO:
            pos += 8
    return out


class FastFace(TTFontFace):
    """`TTFontFace` that builds CID subsets from glyph data parsed once per process."""

    def _glyph(self, index: int) -> tuple[bytes, list[tuple[int, int]], int]:
        """(glyph data padded to 4 bytes, composite components, checksum) of one glyph."""
        cache = self.__dict__.setdefault("_fi_glyphs", {})
        hit = cache.get(index)
        if hit is None:
            data = self.get_table("glyf")[self.glyphPos[index]:self.glyphPos[index + 1]]
            comps = _components(data) if len(data) > 2 and unpack(">h", data[:2])[0] < 0 else []
            data = _pad4(data)
            hit = cache[index] = (data, comps, calcChecksum(data))
        return hit

    def _static_part(self) -> tuple[list[tuple[str, bytes]], bytes, bytes]:
        """The tables every subset shares: [(tag, data)], their padded bytes, and those bytes
        as a DEFLATE segment that ends on a byte boundary without ending the stream."""
        static = self.__dict__.get("_fi_static")
        if static is None:
            tables = []
            for tag in _STATIC_TAGS:
                if tag == "post":   # version 3: no glyph names
                    tables.append((tag, b"\x00\x03\x00\x00" + self.get_table("post")[4:16] + b"\x00" * 16))
                    continue
                try:
                    tables.append((tag, self.get_table(tag)))
                except KeyError:
                    pass
            raw = b"".join(_pad4(data) for _tag, data in tables)
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            static = self.__dict__["_fi_static"] = (tables, raw, c.compress(raw) + c.flush(zlib.Z_SYNC_FLUSH))
        return static

    def cid_font_program(self, glyphs: list[int]) -> tuple[bytes, int]:
        """The subset font program (zlib stream, uncompressed length) whose glyph k is the
        font's glyph `glyphs[k]` (glyph 0 is .notdef); composite glyphs' components follow."""
        glyph_map = list(glyphs)
        glyph_set = {g: k for k, g in reversed(list(enumerate(glyph_map)))}
        glyph = self._glyph
        n = 0
        while n < len(glyph_map):  # composite glyphs pull in their components
            comps = glyph(glyph_map[n])[1]
            n += 1
            for _, comp in comps:
                if comp not in glyph_set:
                    glyph_set[comp] = len(glyph_map)
                    glyph_map.append(comp)

        hmetrics = self.hmetrics
        hmtx = []
        for old in glyph_map:
            aw, lsb = hmetrics[old]
            hmtx.append(int(aw))
            hmtx.append(int(lsb))
        n = len(hmtx) - 2
        while n and hmtx[n] == hmtx[n - 2]:
            n -= 2
        n += 2
        number_of_hmetrics = n >> 1
        hmtx = hmtx[:n] + hmtx[n + 1::2]

        glyf, offsets, checksum, pos = [], [], 0, 0
        for old in glyph_map:
            offsets.append(pos)
            data, comps, sum_ = glyph(old)
            if comps:
                data = bytearray(data)
                for at, comp in comps:
                    data[at:at + 2] = pack(">H", glyph_set[comp])
                data = bytes(data)
                sum_ = calcChecksum(data)
            glyf.append(data)
            checksum += sum_
            pos += len(data)
        offsets.append(pos)
        if (pos + 1) >> 1 > 0xFFFF:
            index_to_loc_format, loca = 1, pack(">%dL" % len(offsets), *offsets)
        else:
            index_to_loc_format, loca = 0, pack(">%dH" % len(offsets), *[o >> 1 for o in offsets])

        count = len(glyphs)   # cmap format 6: code k -> glyph k, for the codes text uses
        cmap = pack(">%dH" % (11 + count), 0, 1, 1, 0, 0, 12, 6, 10 + 2 * count, 0, 0, count, *range(count))
        head = bytearray(self.get_table("head"))
        head[8:12] = b"\0\0\0\0"                      # checkSumAdjustment, set below
        head[50:52] = pack(">H", index_to_loc_format)
        hhea = bytearray(self.get_table("hhea"))
        hhea[34:36] = pack(">H", number_of_hmetrics)
        maxp = bytearray(self.get_table("maxp"))
        maxp[4:6] = pack(">H", len(glyph_map))
        glyf_data = b"".join(glyf)
        dynamic = {"cmap": cmap, "glyf": glyf_data, "head": bytes(head), "hhea": bytes(hhea),
                   "hmtx": pack(">%dH" % len(hmtx), *hmtx), "loca": loca, "maxp": bytes(maxp)}

        # table data: the shared tables first (one ready-made compressed segment), then this subset's
        static_tables, static_raw, static_deflated = self._static_part()
        num_tables = len(static_tables) + len(dynamic)
        entries = {}
        offset = 12 + 16 * num_tables
        for tag, data in static_tables:
            entries[tag] = (calcChecksum(data), offset, len(data))
            offset += (len(data) + 3) & ~3
        for tag in _DYNAMIC_TAGS:
            data = dynamic[tag]
            entries[tag] = ((checksum & 0xFFFFFFFF) if tag == "glyf" else calcChecksum(data), offset, len(data))
            offset += (len(data) + 3) & ~3
        search_range, entry_selector = 1, 0
        while search_range * 2 <= num_tables:
            search_range *= 2
            entry_selector += 1
        directory = [pack(">lHHHH", 0x00010000, num_tables, search_range * 16, entry_selector, num_tables * 16 - search_range * 16)]
        for tag in sorted(entries):
            directory.append(tag.encode("latin-1") + pack(">LLL", *entries[tag]))
        directory = b"".join(directory)
        total = calcChecksum(directory) + sum(entry[0] for entry in entries.values())
        head[8:12] = pack(">L", (0xB1B0AFBA - total) & 0xFFFFFFFF)
        dynamic["head"] = bytes(head)
        dynamic_raw = b"".join(_pad4(dynamic[tag]) for tag in _DYNAMIC_TAGS)

        # zlib stream: header, directory as a stored block, the shared segment, this subset's tables
        adler32 = _fast_zlib.adler32
        adler = adler32(dynamic_raw, adler32(static_raw, adler32(directory, 1)))
        stream = b"".join((
            _ZLIB_HEADER,
            b"\x00" + pack("<HH", len(directory), len(directory) ^ 0xFFFF), directory,
            static_deflated,
            _deflate_raw(dynamic_raw),
            pack(">L", adler),
        ))
        return stream, len(directory) + len(static_raw) + len(dynamic_raw)


class _Subset:
    """One document's use of a face: its characters' codes, given in order of first use."""

    __slots__ = ("name", "codes", "chars", "glyphs")

    def __init__(self, name: str):
        self.name = name                    # the resource name, e.g. "F1+0"
        self.codes: dict[str, bytes] = {}   # character -> its 2-byte code
        self.chars: list[int] = [0]         # code -> Unicode code point (code 0: .notdef)
        self.glyphs: list[int] = [0]        # code -> glyph index in the font


class _Raw(pdfdoc.PDFObject):
    """A PDF object written from ready bytes, with references resolved when the file is written."""

    __RefOnly__ = 1  # an indirect object wherever it is used

    def __init__(self, *parts):
        self.parts = parts

    def format(self, document):
        return b"".join(p if isinstance(p, bytes) else p.format(document) for p in self.parts)


class _Deflated(pdfdoc.PDFObject):
    """A stream whose Flate-compressed bytes are ready (`extra`: more dictionary entries)."""

    __RefOnly__ = 1

    def __init__(self, deflated: bytes, extra: bytes = b""):
        self.deflated, self.extra = deflated, extra

    def format(self, document):
        data = document.encrypt.encode(self.deflated)
        return b"<< /Filter /FlateDecode /Length %d%s >>\nstream\n%s\nendstream" % (len(data), self.extra, data)


_DEFAULT_WIDTH = 1000   # DW: CJK characters are one em wide; W lists the other codes


def _widths_array(face, chars: list[int]) -> bytes:
    """The W array: widths of the codes whose width is not `_DEFAULT_WIDTH` (code 0, .notdef,
    takes the font's default width, as in the layout), as `first [w w …]` runs."""
    widths, default = face.charWidths, face.defaultWidth
    out, first, run = [], None, []
    for code, cp in enumerate(chars):
        width = widths.get(cp, default) if code else default
        if width != _DEFAULT_WIDTH:
            if run and code == first + len(run):
                run.append(width)
                continue
            if run:
                out.append(b"%d [ %s ]" % (first, fp_str(*run).encode("latin-1")))
            first, run = code, [width]
    if run:
        out.append(b"%d [ %s ]" % (first, fp_str(*run).encode("latin-1")))
    return b" ".join(out)


_UTF16_HEX: dict[int, str] = {}


def _to_unicode(chars: list[int]) -> bytes:
    """The ToUnicode CMap of codes 1…: code k prints `chr(chars[k])` (text extraction, copy-paste)."""
    hexes = _UTF16_HEX
    entries = []
    for code in range(1, len(chars)):
        cp = chars[code]
        h = hexes.get(cp)
        if h is None:
            h = hexes[cp] = chr(cp).encode("utf-16-be").hex().upper()
        entries.append("<%04X> <%s>" % (code, h))
    blocks = ["%d beginbfchar\n%s\nendbfchar" % (len(entries[i:i + 100]), "\n".join(entries[i:i + 100]))
              for i in range(0, len(entries), 100)]
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(blocks)
            + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend").encode("latin-1")


class CIDTTFont(TTFont):
    """A TrueType font written as one Identity-H subset per document (see the module docstring).

    Code k is glyph k of the document's subset (CIDToGIDMap /Identity): characters get codes
    in order of first use; a character the font lacks prints as .notdef (code 0), as with
    reportlab's `TTFont`.
    """

    def __init__(self, name, filename, **kwargs):
        super().__init__(name, filename, **kwargs)
        self.face.__class__ = FastFace
        self._last: tuple = (None, None)   # (document, subset) of the latest call: one lookup per run

    def _subset(self, doc) -> _Subset:
        last_doc, subset = self._last
        if last_doc is doc:
            return subset
        subsets = doc.__dict__.get("_fi_subsets")
        if subsets is None:
            subsets = doc.__dict__["_fi_subsets"] = {}
        subset = subsets.get(self.fontName)
        if subset is None:
            name = "F%d+0" % (len(doc.fontMapping) + 1)
            doc.fontMapping[self.fontName] = "/" + name
            doc.delayedFonts.append(self)
            subset = subsets[self.fontName] = _Subset(name)
        self._last = (doc, subset)
        return subset

    def encode(self, text: str, doc) -> bytes:
        """`text` as this document's 2-byte codes (new characters get the next codes)."""
        codes = self._subset(doc).codes
        try:
            return b"".join(map(codes.__getitem__, text))
        except KeyError:
            self._add_codes(self._subset(doc), text)
            return b"".join(map(codes.__getitem__, text))

    def _add_codes(self, subset: _Subset, text: str) -> None:
        char_to_glyph = self.face.charToGlyph
        for ch in dict.fromkeys(text):
            if ch in subset.codes:
                continue
            cp = 32 if ch == "\xa0" else ord(ch)          # a no-break space prints as a space
            if cp == 32 and ch != " " and " " in subset.codes:
                subset.codes[ch] = subset.codes[" "]
            elif cp in char_to_glyph:
                subset.codes[ch] = pack(">H", len(subset.chars))
                subset.chars.append(cp)
                subset.glyphs.append(char_to_glyph[cp])
            else:
                subset.codes[ch] = b"\0\0"                  # no glyph: .notdef

    def internal_name(self, doc) -> str:
        return "/" + self._subset(doc).name

    # reportlab's text interface (canvas text objects, Paragraph) ----------------------
    def splitString(self, text, doc, encoding="utf-8"):
        if isinstance(text, bytes):
            text = text.decode(encoding)
        return [(0, self.encode(text, doc))]

    def getSubsetInternalName(self, subset, doc):
        return self.internal_name(doc)

    def addObjects(self, doc):
        """The Type 0 font, its CIDFontType2 descendant, descriptor, font program and ToUnicode map."""
        subset = doc.__dict__.get("_fi_subsets", {}).get(self.fontName)
        if subset is None:
            return
        if self._last[0] is doc:
            self._last = (None, None)
        face = self.face
        program, length1 = face.cid_font_program(subset.glyphs)
        base_font = b"AAAAAA+" + face.name + face.subfontNameX
        file_ref = doc.Reference(_Deflated(program, b" /Length1 %d" % length1), "fontFile:%s(%s)" % (face.filename, subset.name))
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        descriptor_ref = doc.Reference(_Raw(
            b"<< /Ascent %s /CapHeight %s /Descent %s /Flags %d /FontBBox [ %s ] /FontFile2 " % (
                fp_str(face.ascent).encode(), fp_str(face.capHeight).encode(), fp_str(face.descent).encode(), flags,
                fp_str(*face.bbox).encode()),
            file_ref,
            b" /FontName /%s /ItalicAngle %s /StemV %s /Type /FontDescriptor >>" % (
                base_font, fp_str(face.italicAngle).encode(), fp_str(face.stemV).encode()),
        ), "fontDescriptor:" + subset.name)

        cid_ref = doc.Reference(_Raw(
            b"<< /BaseFont /%s /CIDSystemInfo << /Ordering (Identity) /Registry (Adobe) /Supplement 0 >> "
            b"/CIDToGIDMap /Identity /DW %d /FontDescriptor " % (base_font, _DEFAULT_WIDTH),
            descriptor_ref,
            b" /Subtype /CIDFontType2 /Type /Font /W [ %s ] >>" % _widths_array(face, subset.chars),
        ), "cidFont:" + subset.name)
        cmap_ref = doc.Reference(_Deflated(FAST_FLATE.encode(_to_unicode(subset.chars))), "toUnicodeCMap:" + subset.name)
        font = _Raw(
            b"<< /BaseFont /%s /DescendantFonts [ " % base_font, cid_ref,
            b" ] /Encoding /Identity-H /Name /%s /Subtype /Type0 /ToUnicode " % subset.name.encode(), cmap_ref,
            b" /Type /Font >>",
        )
        doc.Reference(font, subset.name)
        doc.idToObject["BasicFonts"].dict[subset.name] = font
