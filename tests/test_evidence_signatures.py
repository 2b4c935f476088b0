"""Signatures (headless API): PNG + stroke data as hashed blobs, signer and owner; refusals."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from PIL import Image

from inspector_app.domain.hashing import canonical_json
from inspector_app.evidence.errors import EvidenceError
from inspector_app.evidence.signatures import Signatures, Signer, render_png
from tests.conftest_evidence import owners  # noqa: F401 (fixture)

STROKES = {"width": 300, "height": 120, "strokes": [
    {"device": "mouse", "points": [[20, 60, 0.5, 0], [60, 30, 0.5, 16], [100, 80, 0.5, 33], [140, 40, 0.5, 50]]},
    {"device": "pen", "points": [[160, 90, 0.2, 400], [200, 50, 0.9, 420], [260, 70, 0.6, 440]]},
]}


def test_signature_is_stored_as_png_and_strokes_blobs(store, owners):
    sigs = Signatures(store)
    png = render_png(STROKES)
    row = sigs.sign("sample", owners["sample"], Signer("李四", "producer", "370102198001010011"), png, STROKES)
    assert row["image_sha256"] == hashlib.sha256(png).hexdigest()
    strokes_bytes = canonical_json({"version": 1, **STROKES})
    assert row["strokes_sha256"] == hashlib.sha256(strokes_bytes).hexdigest()
    assert sigs.blobs.read(row["image_sha256"]) == png
    assert sigs.strokes(row)["strokes"][1]["device"] == "pen"
    assert sigs.verify(row)
    stored = sigs.list("sample", owners["sample"])
    assert [(s["signer_name"], s["signer_role"], s["signer_id_no"], s["refused"]) for s in stored] == [("李四", "producer", "370102198001010011", 0)]
    kinds = dict(store.read().execute("SELECT sha256, kind FROM blob").fetchall())
    assert kinds == {row["image_sha256"]: "signature", row["strokes_sha256"]: "strokes"}
    outbox = json.loads(store.read().execute("SELECT blobs FROM outbox WHERE entity = 'signature'").fetchone()[0])
    assert sorted(outbox) == sorted([row["image_sha256"], row["strokes_sha256"]])
    image = Image.open(io.BytesIO(png))
    assert image.mode == "RGBA" and image.getpixel((2, 2))[3] == 0  # transparent background


def test_tampered_signature_blob_fails_verification(store, owners):
    sigs = Signatures(store)
    row = sigs.sign("inspection", owners["inspection"], Signer("王五", "party"), render_png(STROKES), STROKES)
    path = sigs.blobs.path(row["image_sha256"])
    path.write_bytes(path.read_bytes() + b"\x00")
    assert not sigs.verify(row)


def test_refusal_records_reason_and_witness(store, owners):
    sigs = Signatures(store)
    witness_png = render_png(STROKES)
    row = sigs.refuse("sample", owners["sample"], Signer("赵六", "party"), "认为抽样不公正，拒绝签字", "陈七", "W-123",
                      witness_png=witness_png, witness_strokes=STROKES)
    assert row["refused"] == 1 and row["image_sha256"] is None
    stored = {s["id"]: s for s in sigs.list("sample", owners["sample"])}
    refusal = stored[row["id"]]
    assert refusal["refusal_reason"] == "认为抽样不公正，拒绝签字"
    assert refusal["witness"]["name"] == "陈七" and refusal["witness"]["id_no"] == "W-123"
    witness_sig = stored[refusal["witness"]["signature_id"]]
    assert witness_sig["signer_role"] == "witness" and sigs.verify(witness_sig)


@pytest.mark.parametrize("call, code_words", [
    (lambda s, o: s.refuse("sample", o["sample"], Signer("赵六", "party"), "", "陈七"), "理由"),
    (lambda s, o: s.refuse("sample", o["sample"], Signer("赵六", "party"), "不签", " "), "见证人"),
    (lambda s, o: s.sign("sample", o["sample"], Signer("", "party"), render_png(STROKES), STROKES), "姓名"),
    (lambda s, o: s.sign("sample", o["sample"], Signer("甲", "boss"), render_png(STROKES), STROKES), "boss"),
    (lambda s, o: s.sign("sample", o["sample"], Signer("甲", "party"), render_png(STROKES), {"strokes": []}), "签名为空"),
    (lambda s, o: s.sign("sample", "missing", Signer("甲", "party"), render_png(STROKES), STROKES), "missing"),
])
def test_invalid_signatures_are_refused_and_leave_nothing(store, owners, call, code_words):
    sigs = Signatures(store)
    with pytest.raises(EvidenceError) as info:
        call(sigs, owners)
    assert code_words in info.value.message
    assert store.read().execute("SELECT count(*) FROM signature").fetchone()[0] == 0
    assert [p for p in store.paths.blobs.rglob("*") if p.is_file()] == []


def test_blank_or_opaque_png_is_refused(store, owners):
    sigs = Signatures(store)
    blank = io.BytesIO()
    Image.new("RGBA", (100, 40), (0, 0, 0, 0)).save(blank, "PNG")
    opaque = io.BytesIO()
    Image.new("RGB", (100, 40), "white").save(opaque, "PNG")
    for png in (blank.getvalue(), opaque.getvalue(), b"GIF89a"):
        with pytest.raises(EvidenceError):
            sigs.sign("sample", owners["sample"], Signer("甲", "party"), png, STROKES)


def test_images_stored_inside_another_areas_transaction(store, owners):
    """The seam for custody/sampling: blobs in the caller's transaction, the row written by the caller."""
    from inspector_app.evidence.signatures import store_images_in_txn

    png = render_png(STROKES)

    def finalize_with_signature(txn):
        image_sha, strokes_sha = store_images_in_txn(txn, png, STROKES, name="producer")
        return txn.insert("signature", {"owner_kind": "sample", "owner_id": owners["sample"], "signer_name": "李四",
                                        "signer_role": "producer", "signed_at": txn.now, "image_sha256": image_sha,
                                        "strokes_sha256": strokes_sha, "state": "active"}, blobs=[image_sha, strokes_sha])

    row = store.write_sync(finalize_with_signature)
    sigs = Signatures(store)
    assert sigs.verify(row) and sigs.png(row) == png
    kinds = dict(store.read().execute("SELECT sha256, kind FROM blob").fetchall())
    assert kinds[row["image_sha256"]] == "signature" and kinds[row["strokes_sha256"]] == "strokes"
