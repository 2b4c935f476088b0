"""The verification QR code: document number + content hash of the rendered record.

Payload (UTF-8, ECI-tagged so any reader decodes the Chinese number correctly):

    FIDOC/1
    N=<文书编号>
    H=<sha256 of the record's canonical JSON>
    [S=<seal number>]            (seal labels only)

Drawn as vector rectangles (one per horizontal run of dark modules): crisp at any print
resolution, deterministic, and a few hundred bytes.
"""

from __future__ import annotations

from functools import lru_cache

import segno

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


@lru_cache(maxsize=256)
def _runs(text: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(size, runs) for `text`: each run is (row, first column, length) of dark modules."""
    code = segno.make(text, error="m", micro=False, eci=True)
    matrix = code.matrix
    runs = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return len(matrix), tuple(runs)


@lru_cache(maxsize=256)
def _operators(text: str, size: float, quiet: int) -> str:
    """PDF path operators of the code at the origin (cached: the same code on every page/re-print)."""
    n, runs = _runs(text)
    module = size / (n + 2 * quiet)
    ops = [f"1 g 0 0 {size:.3f} {size:.3f} re f 0 g"]
    for r, c, length in runs:
        ops.append(f"{(quiet + c) * module:.3f} {size - (quiet + r + 1) * module:.3f} {length * module:.3f} {module:.3f} re")
    ops.append("f")
    return "\n".join(ops)


@lru_cache(maxsize=256)
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
