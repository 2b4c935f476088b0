"""Fixtures for the documents area: a small workspace with one record per document type.

Test modules import `doc_ws` from here (not through `pytest_plugins`, so other areas' conftest
edits cannot drop it).
"""

from __future__ import annotations

import glob
import subprocess
from pathlib import Path

import pytest

ISSUED_AT = "2026-11-21T02:30:00.000Z"
ENTERPRISE = {
    "name": "济南泉城电器制造有限公司",
    "address": "济南市历城区工业北路 88 号",
    "legal_rep": "高建国",
    "contact": "刘洋",
    "phone": "0531-88886666",
    "postcode": "250100",
    "economic_type": "有限责任公司",
}


def _uscc() -> str:
    from inspector_app.domain.identifiers import make_uscc

    return make_uscc("91370112MA3C4D5E6")


@pytest.fixture
def doc_ws(tmp_path):
    """(store, ids): reference data, number blocks for 2026 and one record of each kind."""
    from inspector_app.demo.documents import add_inspection, add_sample, add_site_record
    from inspector_app.domain.numbering import BureauConfig
    from inspector_app.documents import DOC_TYPES
    from inspector_app.store import open_store
    from inspector_app.store.reference import add_enterprise, upsert_inspector

    store = open_store(tmp_path / "ws")

    def setup(txn):
        txn.set_setting("bureau", BureauConfig().__dict__)
        upsert_inspector(txn, {"id": "insp-1", "name": "李明", "cert_no": "37010020001"})
        upsert_inspector(txn, {"id": "insp-2", "name": "王芳", "cert_no": "37010020002"})
        ent = add_enterprise(txn, {**ENTERPRISE, "uscc": _uscc()})
        txn.db["task"].insert({"id": "task-1", "number": "RW-2026-0001", "type": "spot_check", "source": "山东省市场监督管理局",
                               "category": "provincial", "enterprise_id": ent["id"], "created_at": txn.now, "updated_at": txn.now})
        for doc_type in DOC_TYPES:
            txn.db["number_block"].insert({"id": f"blk-{doc_type}", "doc_type": doc_type, "year": 2026, "start": 1, "end": 50,
                                           "next": 1, "source": "server", "obtained_at": txn.now})
        ent = txn.get("enterprise", ent["id"])
        return {
            "enterprise": ent,
            "sample": add_sample(txn, "task-1", ent, seed=1),
            "inspection": add_inspection(txn, "task-1", ent, seed=2),
            "refusal": add_site_record(txn, "task-1", ent, "refusal", seed=3),
            "no_sample": add_site_record(txn, "task-1", ent, "no_sample", seed=4),
        }

    ids = store.write_sync(setup)
    yield store, ids
    store.close()


RECORD_FOR = {
    "sampling_record": "sample", "inspection_record": "inspection", "correction_order": "sample", "result_notice": "sample",
    "refusal_record": "refusal", "no_sample_record": "no_sample", "handover_record": "sample", "seal_labels": "sample",
}


def pdftotext(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdffonts(path: Path) -> list[dict[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: emb/sub/uni are the 5th..3rd from the end
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def qr_codes(path: Path, tmp: Path, dpi: int = 150) -> list[str]:
    import zxingcpp
    from PIL import Image

    prefix = tmp / f"qr-{path.stem}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
    texts = []
    for png in sorted(glob.glob(f"{prefix}*.png")):
        texts += [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
    return texts


def squash(text: str) -> str:
    return "".join(text.split())


def word_boxes(path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, the (x0, y0, x1, y1, text) boxes of the words `pdftotext -bbox` finds."""
    import html
    import re

    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [[(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in word.findall(page)]
            for page in out.split("<page ")[1:]]


def overlapping_words(path: Path, tolerance: float = 0.5) -> list[tuple[int, str, str]]:
    """Pairs of printed words whose boxes overlap (text drawn over text), with their page number."""
    found = []
    for number, words in enumerate(word_boxes(path), start=1):
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if (a[0] < b[2] - tolerance and b[0] < a[2] - tolerance
                        and a[1] < b[3] - tolerance and b[1] < a[3] - tolerance):
                    found.append((number, a[4], b[4]))
    return found
