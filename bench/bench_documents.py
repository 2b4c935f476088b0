"""Benchmark: render time and size of every document type against a one-page reportlab baseline.

Prints one JSON object: {"per_type": {type: {"ms", "wall_ms", "bytes", "pages", "ratio"}},
"baseline_ms", "baseline_wall_ms", "ratio_max", "targets": {...}}. `ms` is the median CPU time
of the render (stable on a busy machine), `wall_ms` the median wall time; baseline and
documents are measured interleaved, round by round, after a warm-up (fonts registered and
parsed once per process, as in the application). The baseline is a one-page reportlab
document with the same font and a paragraph of Chinese, the font registered as reportlab's
own `TTFont` (`baseline_app_font_ms`: the same document with the application's font class). `chars` (non-blank characters of
extracted text) and `us_per_char` show the cost per character printed, which is what the
time of a reportlab document mostly depends on.
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

ROUNDS = 15
PARAGRAPH = ("经查，你单位生产的电热水壶（商标：泉城，规格型号：SWK-1720），经山东省产品质量检验研究院检验，"
             "泄漏电流和电气强度、对触及带电部件的防护项目不符合 GB 4706.1-2005 的要求，检验结论为不合格。") * 3


BASELINE_FONT = "FI-Baseline-UMing"


def baseline_font() -> str:
    """The body font (same file) as reportlab's own `TTFont`, registered as the application did
    before it had its own subsetter (font tables sliced once per process). The application's
    fonts are now `documents.ttf.FastTTFont`; the baseline must stay plain reportlab and not
    inherit those optimisations, or the baseline would move whenever the documents improve."""
    from functools import lru_cache

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from inspector_app.store.paths import resource_path

    if BASELINE_FONT not in pdfmetrics.getRegisteredFontNames():
        font = TTFont(BASELINE_FONT, str(resource_path("fonts", "UMingCN.ttf")))
        font.face.get_table = lru_cache(maxsize=None)(font.face.get_table)
        pdfmetrics.registerFont(font)
    return BASELINE_FONT


def baseline_pdf(font_name: str | None = None) -> bytes:
    """One page, one paragraph of Chinese; `font_name` None: plain reportlab font (the baseline)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from inspector_app.documents.fonts import register_fonts

    register_fonts()
    font_name = font_name or baseline_font()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1, initialFontName=font_name)
    doc.build([Paragraph(PARAGRAPH, ParagraphStyle("p", fontName=font_name, fontSize=11.5, leading=20, wordWrap="CJK"))])
    return buf.getvalue()


def measure(fn) -> tuple[float, float, bytes]:
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000, out


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
        from inspector_app.documents.fonts import SONG

        jobs = {"baseline": baseline_pdf, "baseline_app_font": lambda: baseline_pdf(SONG)}
        for doc_type in DOC_TYPES:
            record_id = module_for(doc_type).candidates(store.read())[0]
            inputs = gather_inputs(store.read(), doc_type, record_id, issued_at)
            jobs[doc_type] = (lambda t, i: lambda: render(t, i, "济历市监〔2026〕1号", issued_at, load))(doc_type, inputs)
        for fn in jobs.values():
            fn()  # warm-up: fonts parsed, images decoded
        cpu = {k: [] for k in jobs}
        wall = {k: [] for k in jobs}
        pdfs = {}
        for _ in range(ROUNDS):
            for name, fn in jobs.items():
                c, w, pdfs[name] = measure(fn)
                cpu[name].append(c)
                wall[name].append(w)
        store.close()
    from pypdf import PdfReader

    def chars(pdf: bytes) -> int:
        return sum(len("".join(page.extract_text().split())) for page in PdfReader(io.BytesIO(pdf)).pages)

    baseline_ms = statistics.median(cpu["baseline"])
    baseline_chars = chars(pdfs["baseline"])
    per_type = {}
    for doc_type in DOC_TYPES:
        ms = statistics.median(cpu[doc_type])
        per_type[doc_type] = {"ms": round(ms, 2), "wall_ms": round(statistics.median(wall[doc_type]), 2),
                              "bytes": len(pdfs[doc_type]), "pages": len(PdfReader(io.BytesIO(pdfs[doc_type])).pages),
                              "ratio": round(ms / baseline_ms, 2), "chars": chars(pdfs[doc_type]),
                              "us_per_char": round(ms * 1000 / max(1, chars(pdfs[doc_type])), 2)}
    ratio = max(v["ms"] for v in per_type.values()) / baseline_ms
    app_font_ms = statistics.median(cpu["baseline_app_font"])
    print(json.dumps({
        "per_type": per_type,
        "baseline_ms": round(baseline_ms, 2),
        "baseline_wall_ms": round(statistics.median(wall["baseline"]), 2),
        "baseline_chars": baseline_chars,
        # the same baseline document set in the application's font class (FastTTFont): for reference
        "baseline_app_font_ms": round(app_font_ms, 2),
        "ratio_max_vs_app_font_baseline": round(max(v["ms"] for v in per_type.values()) / app_font_ms, 2),
        "baseline_us_per_char": round(baseline_ms * 1000 / max(1, baseline_chars), 2),
        "ratio_max": round(ratio, 2),
        "targets": {"time_ratio_max": 3.0, "bytes_max": 200 * 1024,
                    "time_ok": ratio <= 3.0, "size_ok": all(v["bytes"] <= 200 * 1024 for v in per_type.values())},
        "rounds": ROUNDS,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
