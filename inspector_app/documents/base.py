"""What a document module gets to build its pages: the render inputs plus number and issue time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inspector_app.documents.layout import BlobLoader, DocSpec, Signer, SignerGroup

PREVIEW_NUMBER = "（预览·未编号）"

ROLE_LABELS = {
    "party": "受检单位/当事人",
    "inspector": "执法人员",
    "sampler": "抽样人员",
    "producer": "生产单位",
    "lab_receiver": "接收人",
    "courier": "移交人",
    "witness": "见证人",
    "bureau": "当地市场监管部门",
}

MODE_LABELS = {"production": "生产企业（生产现场）", "retail": "流通领域（销售现场）", "online": "网络购买"}
CATEGORY_LABELS = {"national": "国家监督抽查", "provincial": "省级监督抽查", "municipal": "市级监督抽查",
                   "special": "专项监督抽查", "recheck": "复查"}
PART_LABELS = {"test": "检验样", "backup": "备用样", "both": "检验样及备用样"}


@dataclass
class DocContext:
    doc_type: str
    number: str
    issued_at: str
    record: dict[str, Any]
    bureau: dict[str, Any]
    extra: dict[str, Any]
    record_hash: str
    load_blob: BlobLoader
    preview: bool = False
    _images: dict[str, bytes | None] = field(default_factory=dict)

    @property
    def data(self) -> dict[str, Any]:
        return self.record.get("data") or {}

    @property
    def bureau_name(self) -> str:
        return self.bureau.get("name") or ""

    def image(self, sha256: str | None) -> bytes | None:
        if not sha256:
            return None
        if sha256 not in self._images:
            self._images[sha256] = self.load_blob(sha256)
        return self._images[sha256]

    def signers(self, *roles: str, fallback_names: list[str] = ()) -> list[Signer]:
        """The record's signatures of these roles; names only (to sign by hand) when none were captured."""
        out = []
        for s in self.record.get("signatures") or []:
            if s.get("role") in roles:
                out.append(Signer(
                    name=s.get("name") or "",
                    image=None if s.get("refused") else self.image(s.get("image_sha256")),
                    refused=bool(s.get("refused")),
                    refusal_reason=s.get("refusal_reason") or "",
                    witness=s.get("witness") or "",
                    signed_at=s.get("signed_at") or "",
                ))
        if not out:
            out = [Signer(name=n) for n in fallback_names if n]
        return out

    def group(self, label: str, *roles: str, weight: float = 1.0, fallback_names: list[str] = ()) -> SignerGroup:
        return SignerGroup(label, self.signers(*roles, fallback_names=fallback_names), weight)

    def spec(self, title: str, signature_row: list[SignerGroup] = (), always_number_pages: bool = False) -> DocSpec:
        return DocSpec(
            doc_type=self.doc_type,
            title=title,
            number=self.number,
            record_hash=self.record_hash,
            issued_at=self.issued_at,
            bureau_name=self.bureau_name,
            signature_row=list(signature_row),
            always_number_pages=always_number_pages,
            watermark="预览 未签发" if self.preview else "",
        )


def text(value: Any, blank: str = "") -> str:
    """A printable value: blanks for missing, 是/否 for booleans, numbers without trailing .0."""
    if value is None or value == "":
        return blank
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "、".join(text(v) for v in value if v not in (None, ""))
    return str(value)


def amount(value: Any) -> str:
    """{"amount": 6, "unit": "件"} → '6件'."""
    if isinstance(value, dict):
        return f"{text(value.get('amount'))}{text(value.get('unit'))}"
    return text(value)


def money(value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return f"{float(value):.2f}元"
    except (TypeError, ValueError):
        return str(value)


def names(people: list[dict[str, Any]] | None, with_cert: bool = False) -> str:
    out = []
    for p in people or []:
        if not isinstance(p, dict):
            out.append(str(p))
        elif with_cert and p.get("cert_no"):
            out.append(f"{p.get('name', '')}（执法证号：{p['cert_no']}）")
        else:
            out.append(p.get("name", ""))
    return "、".join(x for x in out if x)
