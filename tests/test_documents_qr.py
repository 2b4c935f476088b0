"""The document QR code: the fast encoder makes exactly the symbol segno makes."""

from __future__ import annotations

import hashlib
import random

import segno

from inspector_app.documents import qr


def _segno_rows(text: str) -> tuple[str, ...]:
    return tuple("".join(map(str, row)) for row in segno.make(text, error="m", micro=False, eci=True).matrix)


def _payloads(count: int) -> list[str]:
    rnd = random.Random(20261121)
    out = []
    for i in range(count):
        number = f"济历市监{rnd.choice(['', '抽', '责改', '检结告'])}〔2026〕{rnd.randint(1, 10 ** rnd.randint(1, 6))}号"
        extra = {"S": f"FT{rnd.randint(0, 99999):05d}", "R": number} if i % 3 == 0 else {}
        if i % 17 == 0:   # long enough for version 10 and up (16-bit character count)
            extra["R"] = number * 6
        out.append(qr.payload(number, hashlib.sha256(str(i).encode()).hexdigest(), **extra))
    out.append(qr.payload("JN-2026-0001", "0" * 64))            # ASCII only: no ECI
    out.append(qr.payload("（预览·未编号）", "f" * 64))
    return out


def test_same_symbol_as_segno_for_document_payloads():
    for text in _payloads(250):
        assert qr.matrix(text) == _segno_rows(text), text


def test_same_symbol_as_segno_for_any_content_and_size():
    """Latin-1, Shift_JIS and UTF-8 contents (segno picks the encoding), versions 5 to 20."""
    rnd = random.Random(5)
    alphabet = "济历市监抽〔〕号0123456789abcdefABCDEF-/ 检验样备用éü京東"
    for i in range(300):
        extra = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 300)))
        text = qr.payload(extra[:20], hashlib.sha256(str(i).encode()).hexdigest(), R=extra)
        assert qr.matrix(text) == _segno_rows(text), text


def test_other_texts_are_left_to_segno():
    for text in ("12345", "HELLO WORLD", "中" * 40, "é" * 50, "hello"):
        assert qr.matrix(text) == _segno_rows(text)


def test_payload_round_trip():
    text = qr.payload("济历市监〔2026〕7号", "ab" * 32, S="FT00101")
    assert qr.parse_payload(text) == {"N": "济历市监〔2026〕7号", "H": "ab" * 32, "S": "FT00101"}
