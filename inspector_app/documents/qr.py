"""The verification QR code: document number + content hash of the rendered record.

Payload (UTF-8 with an ECI designator, so any reader decodes the Chinese number correctly):

    FIDOC/1
    N=<文书编号>
    H=<sha256 of the record's canonical JSON>
    [S=<seal number>]            (seal labels only)

Drawn as vector squares (one per dark module, one filled path): crisp at any print
resolution, deterministic, and a few hundred bytes.

Every document has its own code, so it is encoded for every render: by zxing-cpp's writer
(C++, ~0.4 ms a code; segno, pure Python, took ~6 ms), error correction level M.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress

import zxingcpp

MAGIC = "FIDOC/1"


def payload(number: str, record_hash: str, **extra: str) -> str:
    lines = [MAGIC, f"N={number}", f"H={record_hash}"]
    lines += [f"{key}={value}" for key, value in extra.items() if value]
    return "\n".join(lines)


def parse_payload(text: str) -> dict[str, str]:
    """Inverse of `payload`; ValueError if the text is not one of our codes."""
    lines = text.strip().splitlines()
    if not lines or lines[0].strip() != MAGIC:
        raise ValueError("not a Field Inspector document code")
    out: dict[str, str] = {}
    for line in lines[1:]:
        key, _, value = line.partition("=")
        out[key.strip()] = value.strip()
    return out


_MODULE = bytes(ord("1") if value < 128 else ord("0") for value in range(256))   # grey byte -> "1" dark / "0" light
_DARK = bytes(1 if value < 128 else 0 for value in range(256))                   # grey byte -> 1 dark / 0 light


def _grey_modules(text: str) -> tuple[int, bytes]:
    """(n, one grey byte per module, row by row from the top) of the QR code of `text`, n×n modules."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    return image.shape[0], image.tobytes()


def matrix(text: str) -> tuple[str, ...]:
    """The QR code of `text` as rows of "0"/"1" (dark = "1"), without quiet zone."""
    n, grey = _grey_modules(text)
    modules = grey.translate(_MODULE).decode("ascii")
    return tuple(modules[r * n:(r + 1) * n] for r in range(n))


@lru_cache(maxsize=8)
def _squares(n: int) -> tuple[str, ...]:
    """The path of each module of an n×n code as a unit square ("x y 1 1 re", module units,
    origin at the code's lower left), row by row from the top."""
    return tuple(f"{c} {n - 1 - r} 1 1 re" for r in range(n) for c in range(n))


def _operators(text: str, size: float, quiet: int) -> str:
    """PDF path operators of the code at the origin: a unit square per dark module, scaled to
    `size` points with the quiet zone around, filled as one path. The squares are picked from
    the module bytes by `itertools.compress`, with no Python step per module."""
    n, grey = _grey_modules(text)
    m = size / (n + 2 * quiet)
    return (f"1 g 0 0 {size:.3f} {size:.3f} re f 0 g q {m:.5f} 0 0 {m:.5f} {quiet * m:.3f} {quiet * m:.3f} cm\n"
            + "\n".join(compress(_squares(n), grey.translate(_DARK)))
            + "\nf Q")


def operator_bytes(text: str, size: float, quiet: int = 2) -> bytes:
    """`_operators` as bytes, for a form XObject's stream (skips reportlab's slow text encoding)."""
    return _operators(text, size, quiet).encode("ascii")


def add_qr_form(canvas, name: str, text: str, size: float, quiet: int = 2) -> None:
    """Define form XObject `name` holding the code of `text` (`size` points square, origin at its
    lower left), written from ready bytes: a reportlab form object's generic writing (resource
    dictionaries, arrays, names) cost as much as encoding the code."""
    from reportlab.pdfbase.pdfdoc import xObjectName

    from inspector_app.documents.ttf import FAST_FLATE, DeflatedStream

    size = round(size, 3)
    form = DeflatedStream(FAST_FLATE.encode(operator_bytes(text, size, quiet)),
                          b" /BBox [ 0 0 %.3f %.3f ] /Resources << >> /Subtype /Form /Type /XObject" % (size, size))
    canvas._doc.Reference(form, xObjectName(name))


def draw_qr(canvas, text: str, x: float, y: float, size: float, quiet: int = 2) -> None:
    """Draw the QR code of `text` with its lower-left corner at (x, y), `size` points square."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas._code.append(_operators(text, round(size, 3), quiet))  # raw operators: thousands of rects, fast
    canvas.restoreState()
