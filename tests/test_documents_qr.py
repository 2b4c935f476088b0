"""The document QR code: every payload we print comes back exactly from a real decoder."""

from __future__ import annotations

import hashlib
import random

import zxingcpp
from PIL import Image

from inspector_app.documents import qr


def _payloads(count: int) -> list[str]:
    rnd = random.Random(20261121)
    out = []
    for i in range(count):
        number = f"济历市监{rnd.choice(['', '抽', '责改', '检结告'])}〔2026〕{rnd.randint(1, 10 ** rnd.randint(1, 6))}号"
        extra = {"S": f"FT{rnd.randint(0, 99999):05d}", "R": number} if i % 3 == 0 else {}
        if i % 17 == 0:   # long enough for version 10 and up (16-bit character count)
            extra["R"] = number * 6
        out.append(qr.payload(number, hashlib.sha256(str(i).encode()).hexdigest(), **extra))
    out.append(qr.payload("JN-2026-0001", "0" * 64))            # ASCII only
    out.append(qr.payload("（预览·未编号）", "f" * 64))
    out.append(qr.payload("京東 éü", "a" * 64))                  # beyond GB2312 and Latin-1 at once
    return out


def _decode(rows: tuple[str, ...], scale: int = 4, quiet: int = 4) -> str:
    """Render the module rows as a picture with a quiet zone and read it back with zxing-cpp."""
    n = len(rows)
    size = (n + 2 * quiet) * scale
    image = Image.new("L", (size, size), 255)
    for r, row in enumerate(rows):
        for c, module in enumerate(row):
            if module == "1":
                x, y = (quiet + c) * scale, (quiet + r) * scale
                image.paste(0, (x, y, x + scale, y + scale))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, "no code found"
    return found[0].text


def test_every_payload_decodes_to_itself():
    for text in _payloads(120):
        rows = qr.matrix(text)
        assert len(rows) == len(rows[0]) and (len(rows) - 17) % 4 == 0     # a square QR symbol, versions 1-40
        assert set("".join(rows)) <= {"0", "1"}
        assert _decode(rows) == text, text


def test_error_correction_level_m():
    """Level M (15 % of the code may be damaged): a smudged label still reads."""
    text = qr.payload("济历市监抽〔2026〕11号", "c" * 64)
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    assert code.ec_level == "M"
    rows = qr.matrix(text)
    damaged = list(rows)
    middle = len(rows) // 2
    for r in range(middle - 2, middle + 2):       # a blot in the data area
        row = list(damaged[r])
        for c in range(middle - 2, middle + 2):
            row[c] = "1" if row[c] == "0" else "0"
        damaged[r] = "".join(row)
    assert _decode(tuple(damaged)) == text


def test_payload_round_trip():
    text = qr.payload("济历市监〔2026〕7号", "ab" * 32, S="FT00101")
    assert qr.parse_payload(text) == {"N": "济历市监〔2026〕7号", "H": "ab" * 32, "S": "FT00101"}
