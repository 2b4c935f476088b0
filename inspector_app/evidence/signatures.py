"""Signatures as evidence: a transparent PNG and the pen strokes it was drawn from, each
stored as its own content-addressed blob, linked to the signer and the record signed.

When a party refuses to sign, the refusal is recorded instead: who refused, why, and the
witness who saw it (optionally with the witness's own signature). Used by inspections,
sampling records, custody events (SIGNED / SIGN_REFUSED) and documents.

Stroke data (JSON, canonical): {"version": 1, "width": W, "height": H,
"strokes": [{"device": "pen|touch|mouse", "points": [[x, y, pressure, t_ms], …]}, …]}.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw

from inspector_app.domain.hashing import canonical_json
from inspector_app.domain.ids import utc_now
from inspector_app.evidence import errors
from inspector_app.evidence.blobstore import BlobStore, insert_blob_row, sha256_bytes
from inspector_app.i18n import tr
from inspector_app.store.db import Store
from inspector_app.store.reference import fetch, query
from inspector_app.store.txn import Txn, dumps

SIGNER_ROLES = ("inspector", "sampler", "party", "producer", "lab_receiver", "courier", "witness", "bureau")
OWNER_KINDS = ("inspection", "sample", "site_record", "custody_event", "document")
STROKES_VERSION = 1


@dataclass(frozen=True)
class Signer:
    name: str
    role: str
    id_no: str = ""  # 执法证号, ID card or staff number

    def check(self) -> None:
        if not self.name.strip():
            raise errors.signature_invalid(tr("请填写签名人姓名。", "Enter the signer's name."))
        if self.role not in SIGNER_ROLES:
            raise errors.signature_invalid(tr("签名人身份“{r}”无效，可选：{a}。", "Unknown signer role '{r}'; choose one of: {a}.",
                                              r=self.role, a=", ".join(SIGNER_ROLES)))


def check_strokes(strokes: dict[str, Any]) -> None:
    """Stroke data must hold at least one stroke of finite points inside the pad."""
    try:
        items = strokes["strokes"]
        points = [p for s in items for p in s["points"]]
        ok = bool(points) and all(len(p) >= 2 and all(isinstance(v, (int, float)) for v in p[:4]) for p in points)
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise errors.signature_invalid(tr("签名为空，请在签名板上签名。", "The signature is empty; sign on the pad."))


def check_png(png: bytes) -> tuple[int, int]:
    """A PNG with an alpha channel and at least one visible pixel; returns its size."""
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise errors.signature_invalid(tr("签名图像不是 PNG。", "The signature image is not a PNG."))
    image = Image.open(io.BytesIO(png))
    image.load()
    if "A" not in image.getbands():
        raise errors.signature_invalid(tr("签名图像必须是透明背景的 PNG。", "The signature image must be a PNG with a transparent background."))
    if image.getchannel("A").getbbox() is None:
        raise errors.signature_invalid(tr("签名为空，请在签名板上签名。", "The signature is empty; sign on the pad."))
    return image.size


def render_png(strokes: dict[str, Any], *, color: tuple[int, int, int] = (20, 20, 60), base_width: float = 3.0) -> bytes:
    """Draw stroke data onto a transparent PNG without Qt (CLI, demo, re-rendering)."""
    width, height = int(strokes.get("width", 600)), int(strokes.get("height", 200))
    scale = 2
    image = Image.new("RGBA", (width * scale, height * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for stroke in strokes.get("strokes", []):
        pts = stroke["points"]
        for a, b in zip(pts, pts[1:] or pts):
            pressure = (a[2] if len(a) > 2 and a[2] else 0.5)
            w = max(1, int(base_width * scale * (0.5 + pressure)))
            draw.line([(a[0] * scale, a[1] * scale), (b[0] * scale, b[1] * scale)], fill=(*color, 255), width=w, joint="curve")
            r = w / 2
            draw.ellipse([b[0] * scale - r, b[1] * scale - r, b[0] * scale + r, b[1] * scale + r], fill=(*color, 255))
    image = image.resize((width, height), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def _ensure_blob_row(txn: Txn, sha: str, data: bytes, *, mime: str, kind: str, name: str, size_px: tuple[int, int] | None) -> None:
    if txn.db.execute("SELECT 1 FROM blob WHERE sha256 = ?", [sha]).fetchone():
        return
    insert_blob_row(txn.db, {
        "sha256": sha, "size": len(data), "mime": mime, "kind": kind, "original_name": name,
        "width": size_px[0] if size_px else None, "height": size_px[1] if size_px else None,
        "camera": "", "meta": "{}", "created_at": txn.now,
    })
    txn.audit("store", "blob", sha, {"kind": kind, "size": len(data)})


def store_images_in_txn(txn: Txn, png: bytes, strokes: dict[str, Any], *, name: str = "signature") -> tuple[str, str]:
    """Inside any transaction: validate and store a signature's PNG and stroke data (files, then
    blob rows); returns (image_sha256, strokes_sha256) for a `signature` row the caller writes
    with its own record (e.g. custody's SIGNED event, a sampling record's finalization)."""
    check_strokes(strokes)
    size_px = check_png(png)
    strokes_bytes = canonical_json({"version": STROKES_VERSION, **strokes})
    blobs = BlobStore(txn.store.paths)
    png_sha, _ = blobs.put_bytes(png)
    strokes_sha, _ = blobs.put_bytes(strokes_bytes)
    _ensure_blob_row(txn, png_sha, png, mime="image/png", kind="signature", name=f"{name}.png", size_px=size_px)
    _ensure_blob_row(txn, strokes_sha, strokes_bytes, mime="application/json", kind="strokes", name=f"{name}.json", size_px=None)
    return png_sha, strokes_sha


class Signatures:
    """Signature API over one workspace (thread-safe; rows written through `store.write`)."""

    def __init__(self, store: Store):
        self.store = store
        self.blobs = BlobStore(store.paths)

    def _check_owner(self, owner_kind: str, owner_id: str) -> None:
        if owner_kind not in OWNER_KINDS:
            raise errors.bad_owner_kind(owner_kind, OWNER_KINDS)
        if owner_kind == "custody_event":
            return  # the signature is made before the SIGNED event that references it
        if self.store.read().execute(f"SELECT 1 FROM [{owner_kind}] WHERE id = ?", [owner_id]).fetchone() is None:
            raise errors.owner_missing(owner_kind, owner_id)

    def sign(
        self,
        owner_kind: str,
        owner_id: str,
        signer: Signer,
        png: bytes,
        strokes: dict[str, Any],
        *,
        signed_at: str | None = None,
    ) -> dict[str, Any]:
        """Store a signature (PNG + strokes) and its row; returns the row."""
        signer.check()
        self._check_owner(owner_kind, owner_id)
        check_strokes(strokes)
        size_px = check_png(png)
        strokes_bytes = canonical_json({"version": STROKES_VERSION, **strokes})
        written = []
        try:
            png_sha, new_png = self.blobs.put_bytes(png)
            if new_png:
                written.append(self.blobs.path(png_sha))
            strokes_sha, new_strokes = self.blobs.put_bytes(strokes_bytes)
            if new_strokes:
                written.append(self.blobs.path(strokes_sha))

            def record(txn: Txn) -> dict[str, Any]:
                _ensure_blob_row(txn, png_sha, png, mime="image/png", kind="signature", name=f"signature-{signer.name}.png", size_px=size_px)
                _ensure_blob_row(txn, strokes_sha, strokes_bytes, mime="application/json", kind="strokes", name=f"signature-{signer.name}.json", size_px=None)
                return txn.insert("signature", {
                    "owner_kind": owner_kind, "owner_id": owner_id, "signer_name": signer.name.strip(),
                    "signer_role": signer.role, "signer_id_no": signer.id_no.strip(), "signed_at": signed_at or utc_now(),
                    "image_sha256": png_sha, "strokes_sha256": strokes_sha, "refused": 0, "state": "active",
                }, blobs=[png_sha, strokes_sha])

            return self.store.write_sync(record)
        except BaseException:
            self.blobs.discard(*written)  # only files this call created; rows were rolled back
            raise

    def refuse(
        self,
        owner_kind: str,
        owner_id: str,
        signer: Signer,
        reason: str,
        witness_name: str,
        witness_id_no: str = "",
        *,
        witness_png: bytes | None = None,
        witness_strokes: dict[str, Any] | None = None,
        at: str | None = None,
    ) -> dict[str, Any]:
        """Record that `signer` refused to sign, why, and who witnessed it."""
        signer.check()
        self._check_owner(owner_kind, owner_id)
        if not reason.strip():
            raise errors.signature_invalid(tr("请填写拒绝签名的理由。", "Enter why the signature was refused."))
        if not witness_name.strip():
            raise errors.signature_invalid(tr("拒绝签名须有见证人：请填写见证人姓名。", "A refusal needs a witness: enter the witness's name."))
        witness: dict[str, Any] = {"name": witness_name.strip(), "id_no": witness_id_no.strip(), "signature_id": None}
        if witness_png is not None and witness_strokes is not None:
            witness_row = self.sign(owner_kind, owner_id, Signer(witness_name, "witness", witness_id_no), witness_png, witness_strokes, signed_at=at)
            witness["signature_id"] = witness_row["id"]

        def record(txn: Txn) -> dict[str, Any]:
            return txn.insert("signature", {
                "owner_kind": owner_kind, "owner_id": owner_id, "signer_name": signer.name.strip(),
                "signer_role": signer.role, "signer_id_no": signer.id_no.strip(), "signed_at": at or utc_now(),
                "image_sha256": None, "strokes_sha256": None, "refused": 1, "refusal_reason": reason.strip(),
                "witness": witness, "state": "active",
            }, priority=None)

        return self.store.write_sync(record)

    def list(self, owner_kind: str, owner_id: str) -> list[dict[str, Any]]:
        return query(self.store.read(), "SELECT * FROM signature WHERE owner_kind = ? AND owner_id = ? ORDER BY signed_at, id",
                     [owner_kind, owner_id], table="signature")

    def get(self, signature_id: str) -> dict[str, Any] | None:
        return fetch(self.store.read(), "signature", signature_id)

    def verify(self, row: dict[str, Any]) -> bool:
        """True when a signature's PNG and stroke blobs are present and hash to their names."""
        if row.get("refused"):
            return True
        return all(self.blobs.verify(row[k]) for k in ("image_sha256", "strokes_sha256"))

    def strokes(self, row: dict[str, Any]) -> dict[str, Any]:
        import json

        return json.loads(self.blobs.read(row["strokes_sha256"]))

    def png(self, row: dict[str, Any]) -> bytes:
        return self.blobs.read(row["image_sha256"])


def strokes_json(strokes: dict[str, Any]) -> str:
    return dumps(strokes)


__all__ = ["Signatures", "Signer", "render_png", "check_png", "check_strokes", "sha256_bytes", "store_images_in_txn"]
