"""Signature/seal images on a canvas, prepared once per process.

reportlab's `drawImage` hashes the decoded pixels (MD5 of the RGB and alpha data) to name
the image and compresses them again in every document. A signature appears in many
documents and every re-print, so the name and the compressed streams are computed once per
PNG and reused; the PDF objects written are the same as `drawImage` writes (same names,
same streams), so output stays deterministic.
"""

from __future__ import annotations

import io
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass

from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFImageXObject

_MAX_ENTRIES = 64
_MODE_TO_CS = {"RGB": "DeviceRGB", "L": "DeviceGray", "CMYK": "DeviceCMYK"}


@dataclass(frozen=True)
class _Stream:
    name: str
    width: int
    height: int
    colour_space: str
    data: bytes          # Flate-compressed pixels


@dataclass(frozen=True)
class PreparedImage:
    width: int
    height: int
    image: _Stream | None
    smask: _Stream | None
    reader: ImageReader | None = None  # JPEG or colour-key transparency: left to drawImage


def _stream(name: str, reader: ImageReader) -> _Stream:
    w, h = reader.getSize()
    return _Stream(name, w, h, _MODE_TO_CS[reader.mode], zlib.compress(reader.getRGBData()))


def _prepare(png: bytes) -> PreparedImage:
    reader = ImageReader(io.BytesIO(png))
    w, h = reader.getSize()
    if reader.jpeg_fh():
        return PreparedImage(w, h, None, None, reader)
    rgb = reader.getRGBData()  # also splits off the alpha channel (reader._dataA)
    alpha = reader._dataA
    if not alpha and reader.getTransparent():
        return PreparedImage(w, h, None, None, reader)
    # the names drawImage(reader, mask="auto") gives: md5 of the pixels (+ alpha pixels)
    name = _digester(rgb + (alpha.getRGBData() if alpha else b"auto"))
    smask = _stream(_digester(alpha.getRGBData()), alpha) if alpha else None
    return PreparedImage(w, h, _stream(name, reader), smask)


_cache: OrderedDict[bytes, PreparedImage] = OrderedDict()
_lock = threading.Lock()


def prepared(png: bytes) -> PreparedImage:
    """The decoded, named and compressed image of these PNG bytes (LRU-cached per process)."""
    with _lock:
        hit = _cache.get(png)
        if hit is not None:
            _cache.move_to_end(png)
            return hit
    out = _prepare(png)
    with _lock:
        _cache[png] = out
        while len(_cache) > _MAX_ENTRIES:
            _cache.popitem(last=False)
    return out


_SMASK_MARK = b"\x00FI-SMASK\x00"
_templates: dict[tuple[str, bool], bytes] = {}


class _Mark(pdfdoc.PDFObject):
    """Stands for the soft-mask reference while an image dictionary is formatted once."""

    def format(self, document):
        return _SMASK_MARK


class _PreparedXObject(PDFImageXObject):
    """An image XObject formatted once per process (reportlab's generic formatter costs ~0.1 ms
    per image per document); only the soft-mask reference differs between documents."""

    def format(self, document):
        smask = getattr(self, "smask", None)
        key = (self.name, smask is not None)
        template = _templates.get(key)
        if template is None:
            self.smask = _Mark() if smask is not None else None
            try:
                template = super().format(document)
            finally:
                self.smask = smask
            if len(_templates) < 4 * _MAX_ENTRIES:
                _templates[key] = template
        if smask is None:
            return template
        return template.replace(_SMASK_MARK, pdfdoc.format(smask, document), 1)


def _xobject(stream: _Stream, decode: list | None = None) -> PDFImageXObject:
    obj = _PreparedXObject(stream.name)
    obj.width, obj.height, obj.bitsPerComponent = stream.width, stream.height, 8
    obj.colorSpace = stream.colour_space
    obj._filters = ("FlateDecode",)
    obj.streamContent = stream.data
    obj.mask = None
    if decode:
        obj._decode = decode
    return obj


def draw_png(canvas, png: bytes, x: float, y: float, width: float, height: float) -> None:
    """Draw PNG bytes (with their transparency) into the box; like `drawImage(..., mask="auto")`."""
    prep = prepared(png)
    if prep.image is None:
        canvas.drawImage(prep.reader, x, y, width, height, mask="auto")
        return
    canvas._currentPageHasImages = 1
    doc = canvas._doc
    name = prep.image.name
    reg_name = doc.getXObjectName(name)
    if not doc.idToObject.get(reg_name):
        img = _xobject(prep.image)
        canvas._setXObjects(img)
        doc.Reference(img, reg_name)
        doc.addForm(name, img)
        if prep.smask:
            m_reg_name = doc.getXObjectName(prep.smask.name)
            if not doc.idToObject.get(m_reg_name):
                mask = _xobject(prep.smask, [0, 1])
                canvas._setXObjects(mask)
                img.smask = doc.Reference(mask, m_reg_name)
            else:
                img.smask = pdfdoc.PDFObjectReference(m_reg_name)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{reg_name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)
