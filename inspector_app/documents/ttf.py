"""A TrueType font that writes its embedded subsets faster than reportlab's `TTFont`.

Same PDF objects as `TTFont` (same subsets, widths, ToUnicode maps, font programs), with
three costs cut, all of which grow with the number of distinct characters a document prints:

- the subset font program is built from per-glyph data parsed once per process (reportlab
  re-reads every glyph header and rebuilds every table for every subset of every document);
- the font program is Flate-compressed with libdeflate at level 1 (5x faster than zlib's
  default level for ~5 % more bytes; UMing glyph outlines are ~500 bytes each, so compressing
  the font program was most of the time of a short document); zlib level 1 if libdeflate
  is missing;
- the Widths arrays are formatted in one call instead of one object per number.

Output stays deterministic (a re-print is byte-identical).
"""

from __future__ import annotations

import zlib
from struct import pack, unpack

try:
    import deflate as _libdeflate
except ImportError:  # pragma: no cover - the dependency is declared; keep working without it
    _libdeflate = None

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import (
    GF_ARG_1_AND_2_ARE_WORDS,
    GF_MORE_COMPONENTS,
    GF_WE_HAVE_A_SCALE,
    GF_WE_HAVE_A_TWO_BY_TWO,
    GF_WE_HAVE_AN_X_AND_Y_SCALE,
    TTFont,
    TTFontFace,
    TTFontMaker,
    _set_ushort,
)

FONT_COMPRESSION_LEVEL = 1


class _FastFlate:
    """A Flate filter at a fixed, faster compression level (font programs; our documents use it
    for every stream, see `layout.DocCanvas`)."""

    pdfname = "FlateDecode"

    def encode(self, data):
        if isinstance(data, str):  # as reportlab's own Flate filter does
            data = data.encode("utf8")
        if _libdeflate is not None:
            return bytes(_libdeflate.zlib_compress(data, FONT_COMPRESSION_LEVEL))
        return zlib.compress(data, FONT_COMPRESSION_LEVEL)

    def decode(self, encoded):
        return zlib.decompress(encoded)


FAST_FLATE = _FastFlate()


class _RawNumbers(pdfdoc.PDFObject):
    """A PDF array of numbers formatted exactly as `PDFArray` formats it, in one pass."""

    def __init__(self, numbers):
        self.numbers = list(numbers)

    def format(self, document):
        parts = [fp_str(*self.numbers[i:i + 10]).encode("latin-1") for i in range(0, len(self.numbers), 10)]
        return b"[ " + b" \n  ".join(parts) + b" ]"


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
    """`TTFontFace` whose `makeSubset` reuses per-glyph data; the result is byte-identical."""

    def _glyph(self, index: int) -> tuple[bytes, list[tuple[int, int]]]:
        """(glyph data padded to 4 bytes, composite components) of one glyph, parsed once."""
        try:
            return self._fi_glyphs[index]
        except AttributeError:
            self._fi_glyphs = {}
        except KeyError:
            pass
        pos = self.glyphPos[index]
        data = self.get_table("glyf")[pos:self.glyphPos[index + 1]]
        comps = _components(data) if len(data) > 2 and unpack(">h", data[:2])[0] < 0 else []
        if len(data) % 4:
            data += b"\0" * (4 - len(data) % 4)
        hit = self._fi_glyphs[index] = (data, comps)
        return hit

    def _static_tables(self) -> dict[str, bytes]:
        static = self.__dict__.get("_fi_static")
        if static is None:
            static = {}
            for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
                try:
                    static[tag] = self.get_table(tag)
                except KeyError:
                    pass
            static["post"] = b"\x00\x03\x00\x00" + self.get_table("post")[4:16] + b"\x00" * 16
            for tag in ("hhea", "maxp", "head"):
                static[tag] = self.get_table(tag)
            self.__dict__["_fi_static"] = static
        return static

    def makeSubset(self, subset):
        glyph_map = [0]     # new glyph index -> old glyph index
        glyph_set = {0: 0}  # old glyph index -> new glyph index
        code_to_glyph = {}
        char_to_glyph = self.charToGlyph
        for code in subset:
            old = char_to_glyph.get(code, 0)
            if old not in glyph_set:
                glyph_set[old] = len(glyph_map)
                glyph_map.append(old)
            code_to_glyph[code] = glyph_set[old]
        glyph = self._glyph
        n = 0
        while n < len(glyph_map):  # composite glyphs pull in their components
            comps = glyph(glyph_map[n])[1]
            n += 1
            for _, comp in comps:
                if comp not in glyph_set:
                    glyph_set[comp] = len(glyph_map)
                    glyph_map.append(comp)

        static = self._static_tables()
        output = TTFontMaker()
        for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
            if tag in static:
                output.add(tag, static[tag])
        output.add("post", static["post"])

        num_glyphs = len(glyph_map)
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
        output.add("hmtx", pack(">%dH" % len(hmtx), *hmtx))
        output.add("hhea", _set_ushort(static["hhea"], 34, number_of_hmetrics))
        output.add("maxp", _set_ushort(static["maxp"], 4, num_glyphs))

        entry_count = len(subset)
        cmap = [0, 1, 1, 0, 0, 12, 6, 10 + entry_count * 2, 0, 0, entry_count] + [code_to_glyph[c] for c in subset]
        output.add("cmap", pack(">%dH" % len(cmap), *cmap))

        offsets = []
        glyf = []
        pos = 0
        for old in glyph_map:
            offsets.append(pos)
            data, comps = glyph(old)
            if comps:
                data = bytearray(data)
                for at, comp in comps:
                    data[at:at + 2] = pack(">H", glyph_set[comp])
                data = bytes(data)
            glyf.append(data)
            pos += len(data)   # glyph data is stored padded to 4 bytes, as reportlab pads it
        offsets.append(pos)
        output.add("glyf", b"".join(glyf))
        if (pos + 1) >> 1 > 0xFFFF:
            index_to_loc_format = 1
            loca = pack(">%dL" % len(offsets), *offsets)
        else:
            index_to_loc_format = 0
            loca = pack(">%dH" % len(offsets), *[o >> 1 for o in offsets])
        output.add("loca", loca)
        output.add("head", _set_ushort(static["head"], 50, index_to_loc_format))
        return output.makeStream()

    def addSubsetObjects(self, doc, fontname, subset):
        ref = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject.get("fontFile:%s(%s)" % (self.filename, fontname))
        if stream is not None and stream.filters:
            stream.filters = [FAST_FLATE]
        return ref


class FastTTFont(TTFont):
    """`TTFont` with `FastFace` subsetting and one-pass Widths arrays."""

    def __init__(self, name, filename, **kwargs):
        super().__init__(name, filename, **kwargs)
        self.face.__class__ = FastFace

    def addObjects(self, doc):
        state = self.state.get(doc)
        if state is None:
            return super().addObjects(doc)
        prefix, count = state.internalName, len(state.subsets)
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for n in range(count):
            font = fonts.get(f"{prefix}+{n}")
            if font is not None and isinstance(font.Widths, pdfdoc.PDFArray):
                font.Widths = _RawNumbers(font.Widths.sequence)
