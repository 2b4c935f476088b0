"""Signature rows for sampling records, site records and custody hand-overs.

SEAM: the evidence area (`inspector_app/evidence`, on another branch) owns the signature
image pipeline (pen strokes → transparent PNG blob). Until it lands on main, this module writes
`signature` rows directly, with the image blob optional. When it lands, capture goes through
evidence and passes the resulting `image_sha256` / `strokes_sha256` here; nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.ids import uuid7
from inspector_app.i18n import tr
from inspector_app.store.txn import Txn

ROLES = ("inspector", "sampler", "party", "producer", "lab_receiver", "courier", "witness", "bureau", "keeper")


@dataclass
class Signer:
    """A person who signs, or refuses to sign (then `refusal_reason` and `witness` are needed)."""

    name: str
    role: str
    id_no: str = ""
    signed_at: str | None = None
    image_sha256: str | None = None
    strokes_sha256: str | None = None
    refused: bool = False
    refusal_reason: str = ""
    witness: dict[str, Any] | None = None
    id: str | None = None  # given by the deterministic demo; new UUIDv7 otherwise

    def check(self) -> None:
        if self.role not in ROLES:
            raise ValidationError("signature_role", tr("未知的签名角色：{r}", "Unknown signer role: {r}", r=self.role))
        if not self.name.strip():
            raise ValidationError("signature_name", tr("签名人姓名不能为空。", "The signer's name is required."))
        if self.refused:
            if not self.refusal_reason.strip():
                raise ValidationError("signature_refusal", tr("拒绝签字时必须记录理由。", "A refusal to sign needs the reason recorded."))
            if not self.witness or not str(self.witness.get("name", "")).strip():
                raise ValidationError("signature_witness", tr("拒绝签字时必须有见证人。", "A refusal to sign needs a witness."))


def add_signature(txn: Txn, owner_kind: str, owner_id: str, signer: Signer) -> dict[str, Any]:
    signer.check()
    return txn.insert("signature", {
        "id": signer.id or uuid7(),
        "owner_kind": owner_kind,
        "owner_id": owner_id,
        "signer_name": signer.name.strip(),
        "signer_role": signer.role,
        "signer_id_no": signer.id_no.strip(),
        "signed_at": signer.signed_at or txn.now,
        "image_sha256": signer.image_sha256,
        "strokes_sha256": signer.strokes_sha256,
        "refused": int(signer.refused),
        "refusal_reason": signer.refusal_reason.strip(),
        "witness": signer.witness,
        "state": "active",
    }, blobs=[h for h in (signer.image_sha256, signer.strokes_sha256) if h])


def signatures_of(db, owner_kind: str, owner_id: str) -> list[dict[str, Any]]:
    from inspector_app.store.reference import query

    return query(db, "SELECT * FROM signature WHERE owner_kind = ? AND owner_id = ? ORDER BY signed_at, id",
                 [owner_kind, owner_id], table="signature")


def hashable(signatures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The part of signature rows a content hash covers (who, as what, when, image, refusal)."""
    keys = ("id", "signer_name", "signer_role", "signer_id_no", "signed_at", "image_sha256", "refused", "refusal_reason", "witness")
    return [{k: s.get(k) for k in keys} for s in sorted(signatures, key=lambda s: s["id"])]
