"""TrueType fonts embedded as one Identity-H (CID-keyed) subset per face and document.

reportlab's `TTFont` writes 8-bit subsets of at most 255 characters, so a record of a few
hundred distinct characters embeds the same face twice; it encodes text one character at a
time in Python, and rebuilds, checksums and compresses every table of every subset. With
fonts of ~500-byte CJK glyph outlines that was most of the time of a document. `CIDTTFont`
keeps reportlab's text interface (`splitString`, `getSubsetInternalName`, so canvas text
and `Paragraph` work unchanged) and writes:

- one Type 0 font per face and document: 2-byte codes (Identity-H), the code of a character
  is its UTF-16 code unit, so text is encoded by `str.encode` and written as hex
  (`text.draw_text_runs`); a CIDToGIDMap maps the codes shown to the subset's glyphs;
- the font program from per-glyph data (bytes, composite components, checksum, metrics)
  parsed once per process and gathered with C-level `map`/`join`; the tables that never
  change (name, OS/2, post, cvt, fpgm, prep) are placed first and Flate-compressed once per process, so a document compresses only its own
  tables (glyphs, metrics, cmap), with Intel's ISA-L (`isal`) at its level 1: about 3x
  faster than libdeflate's level 1 and 9x faster than zlib's, for ~5 % more bytes; zlib
  level 1 if ISA-L is missing;
- the widths (W array: only codes not one em wide) and the ToUnicode map (text extraction:
  the identity, one range per block of 256 codes, made once per process).

Output is deterministic (a re-print is byte-identical).
"""

from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left
from functools import lru_cache
from codecs import utf_16_be_encode as _utf_16_be   # str.encode looks the codec up by name every time
from itertools import accumulate, compress, repeat, takewhile
from operator import itemgetter
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


class _GlyphCache:
    """Per-glyph data of one face, parsed once per process, in dicts keyed by glyph index so
    that a subset's tables are gathered with C-level `map` over its glyph list."""

    __slots__ = ("data", "sums", "components", "advance", "metrics", "lsb")

    def __init__(self):
        self.data: dict[int, bytes] = {}        # glyph data padded to 4 bytes
        self.sums: dict[int, int] = {}          # its checksum
        self.components: dict[int, list[tuple[int, int]]] = {}   # composite glyphs only
        self.advance: dict[int, int] = {}       # advance width (font units)
        self.metrics: dict[int, bytes] = {}     # hmtx entry: advance width, lsb
        self.lsb: dict[int, bytes] = {}         # hmtx entry past numberOfHMetrics: lsb only


class FastFace(TTFontFace):
    """`TTFontFace` that builds CID subsets from glyph data parsed once per process."""

    def _glyph_cache(self, glyphs) -> _GlyphCache:
        """The glyph cache, holding every glyph of `glyphs`."""
        cache = self.__dict__.get("_fi_glyphs")
        if cache is None:
            cache = self.__dict__["_fi_glyphs"] = _GlyphCache()
        new = set(glyphs).difference(cache.data)
        if new:
            glyf, pos, hmetrics = self.get_table("glyf"), self.glyphPos, self.hmetrics
            for index in new:
                data = glyf[pos[index]:pos[index + 1]]
                if len(data) > 2 and data[0] & 0x80:   # numberOfContours < 0: composite
                    cache.components[index] = _components(data)
                data = cache.data[index] = _pad4(data)
                cache.sums[index] = calcChecksum(data)
                aw, lsb = int(hmetrics[index][0]), int(hmetrics[index][1])
                cache.advance[index] = aw
                cache.metrics[index] = pack(">HH", aw, lsb)
                cache.lsb[index] = pack(">H", lsb)
        return cache

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
        font's glyph `glyphs[k]` (distinct; glyph 0 is .notdef); composite glyphs' components follow."""
        glyph_map = list(glyphs)
        cache = self._glyph_cache(glyph_map)
        components = cache.components
        new_index = dict(zip(glyph_map, range(len(glyph_map))))
        # composite glyphs pull in their components (in order of position: components appended
        # come after every glyph before them, so `todo` stays sorted)
        todo = sorted(map(new_index.__getitem__, components.keys() & new_index.keys()))
        composites = []
        for at in todo:
            old = glyph_map[at]
            composites.append(at)
            for _, comp in components[old]:
                if comp not in new_index:
                    new_index[comp] = len(glyph_map)
                    glyph_map.append(comp)
                    if comp in self._glyph_cache((comp,)).components:
                        todo.append(new_index[comp])

        advance = list(map(cache.advance.__getitem__, glyph_map))
        repeats = len(list(takewhile(advance[-1].__eq__, reversed(advance))))   # trailing equal advances: lsb only
        number_of_hmetrics = len(glyph_map) - repeats + 1
        hmtx = (b"".join(map(cache.metrics.__getitem__, glyph_map[:number_of_hmetrics]))
                + b"".join(map(cache.lsb.__getitem__, glyph_map[number_of_hmetrics:])))

        glyf = list(map(cache.data.__getitem__, glyph_map))
        checksum = sum(map(cache.sums.__getitem__, glyph_map))
        for at in composites:   # component glyph indices renumbered for the subset
            data = bytearray(glyf[at])
            for offset, comp in components[glyph_map[at]]:
                data[offset:offset + 2] = pack(">H", new_index[comp])
            glyf[at] = data = bytes(data)
            checksum += calcChecksum(data) - cache.sums[glyph_map[at]]
        offsets = list(accumulate(map(len, glyf), initial=0))
        pos = offsets[-1]
        if (pos + 1) >> 1 > 0xFFFF:
            index_to_loc_format, loca = 1, pack(">%dL" % len(offsets), *offsets)
        else:
            index_to_loc_format, loca = 0, pack(">%dH" % len(offsets), *map(int.__rshift__, offsets, repeat(1)))

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
                   "hmtx": hmtx, "loca": loca, "maxp": bytes(maxp)}

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


_WIDE_FIRST, _WIDE_END = 0xD800, 0xE000   # UTF-16 surrogates: no character has these codes


class _Subset:
    """One document's use of a face: the characters it shows (their codes: see `CIDTTFont`)."""

    __slots__ = ("name", "chars", "wide")

    def __init__(self, name: str):
        self.name = name                    # the resource name, e.g. "F1+0"
        self.chars: set[str] = set()        # every character shown
        self.wide: dict[str, int] = {}      # character beyond the BMP (or lone surrogate) -> its code

    def codes(self, char_to_glyph: dict[int, int]) -> tuple[list[int], list[int], list[int | None]]:
        """The codes shown, ascending, with the Unicode code point and the font glyph (None:
        the font has none) of each."""
        points = sorted(map(ord, self.chars))
        if not self.wide:   # the usual case: every character in the BMP, its code point its code
            return points, points, list(map(char_to_glyph.get, points))
        low, high, top = (bisect_left(points, cp) for cp in (_WIDE_FIRST, _WIDE_END, 0x10000))
        wide = sorted(self.wide.items(), key=itemgetter(1))
        codes = points[:low] + [code for _ch, code in wide] + points[high:top]
        unicodes = points[:low] + [ord(ch) for ch, _code in wide] + points[high:top]
        return codes, unicodes, list(map(char_to_glyph.get, unicodes))


class _Raw(pdfdoc.PDFObject):
    """A PDF object written from ready bytes, with references resolved when the file is written."""

    __RefOnly__ = 1  # an indirect object wherever it is used

    def __init__(self, *parts):
        self.parts = parts

    def format(self, document):
        return b"".join(p if isinstance(p, bytes) else p.format(document) for p in self.parts)


class DeflatedStream(pdfdoc.PDFObject):
    """A stream whose Flate-compressed bytes are ready (`extra`: more dictionary entries)."""

    __RefOnly__ = 1

    def __init__(self, deflated: bytes, extra: bytes = b""):
        self.deflated, self.extra = deflated, extra

    def format(self, document):
        data = document.encrypt.encode(self.deflated)
        return b"<< /Filter /FlateDecode /Length %d%s >>\nstream\n%s\nendstream" % (len(data), self.extra, data)


_DEFAULT_WIDTH = 1000   # DW: CJK characters are one em wide; W lists the other codes


def _widths_array(face, codes: list[int], unicodes: list[int]) -> bytes:
    """The W array: widths of the codes whose width is not `_DEFAULT_WIDTH` (a character the
    font lacks takes its default width, as in the layout), as `first [w w …]` runs."""
    widths = list(map(face.charWidths.get, unicodes, repeat(face.defaultWidth)))
    odd = compress(zip(codes, widths), map(float(_DEFAULT_WIDTH).__ne__, widths))
    out, first, run = [], None, []
    for code, width in odd:
        if run and code == first + len(run):
            run.append(width)
            continue
        if run:
            out.append(b"%d [ %s ]" % (first, fp_str(*run).encode("latin-1")))
        first, run = code, [width]
    if run:
        out.append(b"%d [ %s ]" % (first, fp_str(*run).encode("latin-1")))
    return b" ".join(out)


def _cid_to_gid(codes: list[int], glyphs: list[int | None], new_index: dict[int, int]) -> bytes:
    """The CIDToGIDMap stream's data: for each code up to the highest, its subset glyph (2 bytes)."""
    table = array("H", [0]) * (codes[-1] + 1 if codes else 0)
    for code, gid in zip(codes, map(new_index.get, glyphs, repeat(0))):
        table[code] = gid
    if sys.byteorder == "little":
        table.byteswap()
    return table.tobytes()


def _to_unicode(wide: dict[str, int]) -> bytes:
    """The ToUnicode CMap (text extraction, copy-paste): every BMP code is its own character (a
    range per block of 256 codes, the same for every document), codes of wide characters one by one."""
    ranges = ["<%02X00> <%02XFF> <%02X00>" % (b, b, b) for b in range(256) if not _WIDE_FIRST <= b << 8 < _WIDE_END]
    chars = ["<%04X> <%s>" % (code, ch.encode("utf-16-be", "surrogatepass").hex().upper())
             for ch, code in sorted(wide.items(), key=itemgetter(1))]
    sections = ["%d beginbfrange\n%s\nendbfrange" % (len(ranges[i:i + 100]), "\n".join(ranges[i:i + 100]))
                for i in range(0, len(ranges), 100)]
    sections += ["%d beginbfchar\n%s\nendbfchar" % (len(chars[i:i + 100]), "\n".join(chars[i:i + 100]))
                 for i in range(0, len(chars), 100)]
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(sections)
            + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend").encode("latin-1")


@lru_cache(maxsize=1)
def _identity_to_unicode() -> bytes:
    """The Flate-compressed ToUnicode CMap of a document without wide characters (made once per
    process, so compressed as tightly as zlib can)."""
    return zlib.compress(_to_unicode({}), 9)


class CIDTTFont(TTFont):
    """A TrueType font written as one Identity-H subset per document (see the module docstring).

    A character's code is its UTF-16 code unit (`str.encode`, no per-character work in
    Python): the CIDToGIDMap maps each code shown to its glyph in the document's subset (glyphs
    in order of their codes) and the ToUnicode map is the identity. Characters beyond the BMP
    take codes of the surrogate range, one each. A character the font lacks prints as .notdef,
    as with reportlab's `TTFont`.
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
        """`text` as this document's 2-byte codes: its UTF-16 code units."""
        last_doc, subset = self._last
        if last_doc is not doc:
            subset = self._subset(doc)
        subset.chars.update(text)
        try:
            data = _utf_16_be(text)[0]
        except UnicodeEncodeError:   # a lone surrogate
            return self._encode_wide(subset, text)
        return data if len(data) == 2 * len(text) else self._encode_wide(subset, text)

    @staticmethod
    def _encode_wide(subset: _Subset, text: str) -> bytes:
        """`text` with characters beyond the BMP (or lone surrogates): each gets one code of its
        own from the surrogate range, in order of first use (.notdef once those run out)."""
        wide, codes = subset.wide, []
        for ch in text:
            code = ord(ch)
            if code > 0xFFFF or _WIDE_FIRST <= code < _WIDE_END:
                code = wide.get(ch)
                if code is None:
                    code = wide[ch] = _WIDE_FIRST + len(wide) if len(wide) < _WIDE_END - _WIDE_FIRST else 0
            codes.append(code)
        return pack(">%dH" % len(codes), *codes)

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
        codes, unicodes, font_glyphs = subset.codes(face.charToGlyph)
        in_subset = dict.fromkeys(font_glyphs)   # the subset's glyphs, in order of their codes
        in_subset.pop(None, None)
        in_subset.pop(0, None)
        glyphs = [0, *in_subset]
        program, length1 = face.cid_font_program(glyphs)
        base_font = b"AAAAAA+" + face.name + face.subfontNameX
        file_ref = doc.Reference(DeflatedStream(program, b" /Length1 %d" % length1), "fontFile:%s(%s)" % (face.filename, subset.name))
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        descriptor_ref = doc.Reference(_Raw(
            b"<< /Ascent %s /CapHeight %s /Descent %s /Flags %d /FontBBox [ %s ] /FontFile2 " % (
                fp_str(face.ascent).encode(), fp_str(face.capHeight).encode(), fp_str(face.descent).encode(), flags,
                fp_str(*face.bbox).encode()),
            file_ref,
            b" /FontName /%s /ItalicAngle %s /StemV %s /Type /FontDescriptor >>" % (
                base_font, fp_str(face.italicAngle).encode(), fp_str(face.stemV).encode()),
        ), "fontDescriptor:" + subset.name)

        new_index = dict(zip(glyphs, range(len(glyphs))))
        cid_to_gid_ref = doc.Reference(DeflatedStream(FAST_FLATE.encode(_cid_to_gid(codes, font_glyphs, new_index))),
                                       "cidToGidMap:" + subset.name)
        cid_ref = doc.Reference(_Raw(
            b"<< /BaseFont /%s /CIDSystemInfo << /Ordering (Identity) /Registry (Adobe) /Supplement 0 >> "
            b"/CIDToGIDMap " % base_font, cid_to_gid_ref, b" /DW %d /FontDescriptor " % _DEFAULT_WIDTH,
            descriptor_ref,
            b" /Subtype /CIDFontType2 /Type /Font /W [ %s ] >>" % _widths_array(face, codes, unicodes),
        ), "cidFont:" + subset.name)
        to_unicode = FAST_FLATE.encode(_to_unicode(subset.wide)) if subset.wide else _identity_to_unicode()
        cmap_ref = doc.Reference(DeflatedStream(to_unicode), "toUnicodeCMap:" + subset.name)
        font = _Raw(
            b"<< /BaseFont /%s /DescendantFonts [ " % base_font, cid_ref,
            b" ] /Encoding /Identity-H /Name /%s /Subtype /Type0 /ToUnicode " % subset.name.encode(), cmap_ref,
            b" /Type /Font >>",
        )
        doc.Reference(font, subset.name)
        doc.idToObject["BasicFonts"].dict[subset.name] = font
