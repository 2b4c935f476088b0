"""The verification QR code: document number + content hash of the rendered record.

Payload (UTF-8 with an ECI designator, so any reader decodes the Chinese number correctly):

    FIDOC/1
    N=<文书编号>
    H=<sha256 of the record's canonical JSON>
    [S=<seal number>]            (seal labels only)

Drawn as vector rectangles (one per horizontal run of dark modules): crisp at any print
resolution, deterministic, and a few hundred bytes.

Every document has its own code, so it is encoded for every render: by zxing-cpp's writer
(C++, ~0.4 ms a code; segno, pure Python, took ~6 ms), error correction level M.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


_DARK_RUN = re.compile("1+")
_MODULE = bytes(ord("1") if value < 128 else ord("0") for value in range(256))   # grey byte -> "1" dark / "0" light


def matrix(text: str) -> tuple[str, ...]:
    """The QR code of `text` as rows of "0"/"1" (dark = "1"), without quiet zone."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))   # one grey byte a module
    height, width = image.shape
    modules = image.tobytes().translate(_MODULE).decode("ascii")
    return tuple(modules[r * width:(r + 1) * width] for r in range(height))


@lru_cache(maxsize=16)
def _coordinates(n: int, size: float, quiet: int) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]:
    """Formatted x (per column), y (per row), width (per run length) and " h re" of a code of
    n modules drawn `size` points square."""
    m = size / (n + 2 * quiet)
    xs = tuple(f"{(quiet + c) * m:.3f}" for c in range(n))
    ys = tuple(f"{size - (quiet + r + 1) * m:.3f}" for r in range(n))
    widths = tuple(f"{k * m:.3f}" for k in range(n + 1))
    return xs, ys, widths, f" {m:.3f} re"


def _operators(text: str, size: float, quiet: int) -> str:
    """PDF path operators of the code at the origin: one rectangle per run of dark modules."""
    rows = matrix(text)
    xs, ys, widths, tail = _coordinates(len(rows), size, quiet)
    out = [f"1 g 0 0 {size:.3f} {size:.3f} re f 0 g"]
    for r, row in enumerate(rows):
        y = ys[r]
        for run in _DARK_RUN.finditer(row):
            a, b = run.span()
            out.append(f"{xs[a]} {y} {widths[b - a]}{tail}")
    out.append("f")
    return "\n".join(out)


def operator_bytes(text: str, size: float, quiet: int = 2) -> bytes:
    """`_operators` as bytes, for a form XObject's stream (skips reportlab's slow text encoding)."""
    return _operators(text, size, quiet).encode("ascii")


def add_qr_form(canvas, name: str, text: str, size: float, quiet: int = 2) -> None:
    """Define form XObject `name` holding the code of `text` (`size` points square, origin at its lower left)."""
    from reportlab.pdfbase.pdfdoc import xObjectName

    canvas.beginForm(name)
    canvas.endForm()
    form = canvas._doc.idToObject[xObjectName(name)]
    form.stream += b"\n" + operator_bytes(text, round(size, 3), quiet)


def draw_qr(canvas, text: str, x: float, y: float, size: float, quiet: int = 2) -> None:
    """Draw the QR code of `text` with its lower-left corner at (x, y), `size` points square."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas._code.append(_operators(text, round(size, 3), quiet))  # raw operators: thousands of rects, fast
    canvas.restoreState()
