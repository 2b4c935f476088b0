"""Benchmark: render time and size of every document type against a one-page reportlab baseline.

Prints one JSON object: {"per_type": {type: {"ms", "bytes", "pages"}}, "baseline_ms", "ratio_max",
"targets": {...}}. Times are the median of N renders after a warm-up (fonts registered and
parsed once per process, as in the application). The baseline is a one-page reportlab
document with the same font and a paragraph of Chinese, measured in the same run.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROUNDS = 7
PARAGRAPH = ("经查，你单位生产的电热水壶（商标：泉城，规格型号：SWK-1720），经山东省产品质量检验研究院检验，"
             "泄漏电流和电气强度、对触及带电部件的防护项目不符合 GB 4706.1-2005 的要求，检验结论为不合格。") * 3


def baseline_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from inspector_app.documents.fonts import SONG, register_fonts

    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1, initialFontName=SONG)
    doc.build([Paragraph(PARAGRAPH, ParagraphStyle("p", fontName=SONG, fontSize=11.5, leading=20, wordWrap="CJK"))])
    return buf.getvalue()


def timed(fn) -> tuple[float, bytes]:
    fn()  # warm-up
    times, out = [], b""
    for _ in range(ROUNDS):
        start = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), out


def main() -> None:
    from inspector_app.demo import build_demo
    from inspector_app.documents import DOC_TYPES, module_for
    from inspector_app.documents.issue import gather_inputs
    from inspector_app.documents.render import blob_loader, render
    from inspector_app.store import open_store

    issued_at = "2026-11-21T02:30:00.000Z"
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "ws")
        build_demo(store, enterprises=40, tasks=20)
        load = blob_loader(store.paths.blobs)
        baseline_ms, _ = timed(baseline_pdf)
        per_type = {}
        for doc_type in DOC_TYPES:
            record_id = module_for(doc_type).candidates(store.read())[0]
            inputs = gather_inputs(store.read(), doc_type, record_id, issued_at)
            ms, pdf = timed(lambda: render(doc_type, inputs, "济历市监〔2026〕1号", issued_at, load))
            from pypdf import PdfReader

            per_type[doc_type] = {"ms": round(ms, 2), "bytes": len(pdf), "pages": len(PdfReader(io.BytesIO(pdf)).pages)}
        store.close()
    ratio = max(v["ms"] for v in per_type.values()) / baseline_ms
    print(json.dumps({
        "per_type": per_type,
        "baseline_ms": round(baseline_ms, 2),
        "ratio_max": round(ratio, 2),
        "targets": {"time_ratio_max": 3.0, "bytes_max": 200 * 1024,
                    "time_ok": ratio <= 3.0, "size_ok": all(v["bytes"] <= 200 * 1024 for v in per_type.values())},
        "rounds": ROUNDS,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
