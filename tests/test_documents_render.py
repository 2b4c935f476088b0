"""Every document type rendered from real records and checked with real PDF tools."""

from __future__ import annotations

import hashlib
import io

import pytest
from pypdf import PdfReader

from conftest_documents import ISSUED_AT, RECORD_FOR, doc_ws, overlapping_words, pdffonts, pdftotext, qr_codes, squash  # noqa: F401 (fixture)
from inspector_app.documents import DOC_TYPES
from inspector_app.documents.issue import issue, reprint


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_every_type_renders_with_values_fonts_and_qr(doc_ws, tmp_path, doc_type):
    store, ids = doc_ws
    ent = ids["enterprise"]
    result = issue(store, doc_type, ids[RECORD_FOR[doc_type]], now=ISSUED_AT)
    path = tmp_path / f"{doc_type}.pdf"
    path.write_bytes(result.pdf)

    text = squash(pdftotext(path))
    assert squash(result.number) in text
    assert ent["name"] in text or doc_type == "seal_labels"
    if doc_type not in ("seal_labels", "handover_record"):
        assert ent["uscc"] in text
    if RECORD_FOR[doc_type] == "sample":
        assert "电热水壶" in text
    if doc_type == "seal_labels":
        for seal in ("FT00101", "FT00102", "FB00101"):
            assert seal in text
    if doc_type == "result_notice":
        assert "不合格" in text and "十五日内" in text
    if doc_type == "correction_order":
        assert "2027年1月20日" in text  # 2026-11-21 + 60 days
    if doc_type == "refusal_record":
        assert "拒绝签名" in text and "赵强" in text

    fonts = pdffonts(path)
    assert fonts, "no fonts listed"
    assert all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in fonts), fonts

    codes = qr_codes(path, tmp_path)
    assert codes, "no QR code decoded"
    for code in codes:
        assert f"N={result.number}" in code.splitlines()
        assert f"H={result.record_hash}" in code.splitlines()

    meta = PdfReader(io.BytesIO(result.pdf)).metadata
    assert meta["/FIDocNumber"] == result.number
    assert meta["/FIRecordHash"] == result.record_hash
    assert result.number in meta.title and result.record_hash in meta.subject
    assert meta["/CreationDate"].startswith("D:20261121103000")  # issue time, China time
    assert len(result.pdf) <= 200 * 1024
    assert overlapping_words(path) == []  # no text drawn over other text


def test_reprint_is_byte_identical(doc_ws):
    store, ids = doc_ws
    first = issue(store, "sampling_record", ids["sample"], now=ISSUED_AT)
    again = reprint(store, first.number)
    assert again.pdf == first.pdf
    assert hashlib.sha256(again.pdf).hexdigest() == first.pdf_sha256
    assert store.paths.blob_path(first.pdf_sha256).read_bytes() == first.pdf
    # issuing the same record again re-prints instead of taking a new number
    second = issue(store, "sampling_record", ids["sample"])
    assert second.reprint and second.number == first.number and second.pdf == first.pdf
    count = store.read().execute("SELECT count(*) FROM document").fetchone()[0]
    assert count == 1


def test_reprint_without_archive_re_renders_identically_and_a_damaged_archive_is_not_used(doc_ws):
    store, ids = doc_ws
    first = issue(store, "sampling_record", ids["sample"], now=ISSUED_AT)
    archive = store.paths.blob_path(first.pdf_sha256)
    archive.write_bytes(b"%PDF-1.4 damaged")
    assert reprint(store, first.number).pdf == first.pdf  # rendered again from the stored inputs
    archive.unlink()
    assert reprint(store, first.number).pdf == first.pdf


PARA = ("检查人员对生产车间、成品仓库、原材料仓库及检验室逐一进行了检查，查阅了二〇二六年一月至十月的进货查验记录、"
        "生产记录和出厂检验记录，核对了关键原材料供应商资质，抽查了耐压测试仪和泄漏电流测试仪的校准证书。")


def _findings(n: int) -> str:
    return "\n".join(f"{i + 1}. {PARA}" for i in range(n))


def _three_page_inspection(store, ids) -> tuple[str, int]:
    """A draft inspection whose findings are just long enough for exactly three pages.

    The paragraph count is found by rendering previews, so the test holds whatever the
    checklist template prints above the findings.
    """
    from inspector_app.demo.documents import add_inspection
    from inspector_app.documents.issue import gather_inputs
    from inspector_app.documents.render import blob_loader, render

    iid = store.write_sync(lambda txn: add_inspection(txn, "task-1", ids["enterprise"], findings=_findings(1), seed=9))
    for n in range(1, 80):
        store.write_sync(lambda txn: txn.update("inspection", iid, {"findings": _findings(n)}))
        pdf = render("inspection_record", gather_inputs(store.read(), "inspection_record", iid, ISSUED_AT), "", ISSUED_AT,
                     blob_loader(store.paths.blobs), preview=True)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        if pages == 3:
            return iid, n
        assert pages < 3, "the record jumped past three pages"
    raise AssertionError("never reached three pages")


def test_three_page_record_numbers_every_page_and_repeats_signatures(doc_ws, tmp_path):
    store, ids = doc_ws
    inspection_id, n = _three_page_inspection(store, ids)
    result = issue(store, "inspection_record", inspection_id, now=ISSUED_AT)
    path = tmp_path / "long.pdf"
    path.write_bytes(result.pdf)
    pages = len(PdfReader(io.BytesIO(result.pdf)).pages)
    assert pages == 3
    for page in range(1, pages + 1):
        text = squash(pdftotext(path, page))
        assert f"第{page}页共{pages}页" in text
        for label in ("当事人（签名）", "检查人员（签名）", "记录人（签名）"):
            assert label in text
        assert "李明" in text and "王芳" in text
    # nothing clipped: every paragraph made it, in order
    full = squash(pdftotext(path))
    positions = [full.find(f"{i}.检查人员对生产车间") for i in range(1, n + 1)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert full.count("抽查了耐压测试仪和泄漏电流测试仪的校准证书") == n
    assert overlapping_words(path) == []
    # the signature images are embedded once and drawn on every page
    reader = PdfReader(io.BytesIO(result.pdf))
    for page in reader.pages:
        assert len(page.images) >= 3


def test_unbreakable_text_wraps_without_clipping(doc_ws, tmp_path):
    from inspector_app.demo.documents import add_inspection

    store, ids = doc_ws
    long_token = "HTTPS://EXAMPLE.COM/" + "ABCDEFGHIJ" * 30
    statement = "当事人提供的网店链接为" + long_token + "，" + "产品说明" * 200
    iid = store.write_sync(lambda txn: add_inspection(txn, "task-1", ids["enterprise"], statement=statement, seed=5))
    result = issue(store, "inspection_record", iid, now=ISSUED_AT)
    path = tmp_path / "wrap.pdf"
    path.write_bytes(result.pdf)
    assert long_token in squash(pdftotext(path))
    assert squash(pdftotext(path)).count("产品说明") == 200


def test_missing_optional_fields_still_render(doc_ws, tmp_path):
    store, ids = doc_ws

    def bare(txn):
        row = txn.insert("sample", {"task_id": "task-1", "enterprise_id": ids["enterprise"]["id"], "data": {}, "state": "draft"})
        site = txn.insert("site_record", {"task_id": "task-1", "enterprise_id": ids["enterprise"]["id"], "kind": "refusal", "data": {}})
        insp = txn.insert("inspection", {"task_id": "task-1", "enterprise_id": ids["enterprise"]["id"], "template_id": "x", "template_version": "1"})
        return row["id"], site["id"], insp["id"]

    sample_id, site_id, insp_id = store.write_sync(bare)
    for doc_type, record_id in [("sampling_record", sample_id), ("result_notice", sample_id), ("handover_record", sample_id),
                                ("seal_labels", sample_id), ("correction_order", sample_id), ("refusal_record", site_id),
                                ("inspection_record", insp_id)]:
        result = issue(store, doc_type, record_id, now=ISSUED_AT)
        path = tmp_path / f"bare-{doc_type}.pdf"
        path.write_bytes(result.pdf)
        text = squash(pdftotext(path))
        assert squash(result.number) in text
        assert ids["enterprise"]["name"] in text or doc_type == "seal_labels"


def test_record_number_is_used_for_its_own_document(doc_ws):
    from inspector_app.demo.documents import add_sample

    store, ids = doc_ws
    sid = store.write_sync(lambda txn: add_sample(txn, "task-1", ids["enterprise"], number="济历市监抽〔2026〕40号", seed=7))
    result = issue(store, "sampling_record", sid, now=ISSUED_AT)
    assert result.number == "济历市监抽〔2026〕40号"
    notice = issue(store, "result_notice", sid, now=ISSUED_AT)
    assert notice.number == "济历市监检结告〔2026〕1号"


def test_preview_uses_no_number(doc_ws, tmp_path):
    from inspector_app.documents.issue import gather_inputs
    from inspector_app.documents.render import blob_loader, render

    store, ids = doc_ws
    inputs = gather_inputs(store.read(), "sampling_record", ids["sample"], ISSUED_AT)
    pdf = render("sampling_record", inputs, "", ISSUED_AT, blob_loader(store.paths.blobs), preview=True)
    path = tmp_path / "preview.pdf"
    path.write_bytes(pdf)
    assert "预览" in pdftotext(path)
    assert store.read().execute("SELECT sum(next) FROM number_block").fetchone()[0] == 8
