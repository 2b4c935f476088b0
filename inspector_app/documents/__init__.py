"""Legal documents (文书) as PDF: one module per document type, shared layout, fonts and QR.

Entry points: `render.render()` (pure: inputs → PDF bytes), `issue.issue()` (number + record +
blob in one transaction), `issue.reprint()`, `verify.verify_pdf()`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

DOC_TYPES: tuple[str, ...] = (
    "sampling_record",
    "inspection_record",
    "correction_order",
    "result_notice",
    "refusal_record",
    "no_sample_record",
    "handover_record",
    "seal_labels",
)

TYPE_LABELS = {
    "sampling_record": ("抽样单", "Sampling record"),
    "inspection_record": ("现场检查笔录", "On-site inspection record"),
    "correction_order": ("责令改正通知书", "Order to correct"),
    "result_notice": ("检验结果告知书", "Test result notice"),
    "refusal_record": ("拒检认定书", "Refusal record"),
    "no_sample_record": ("未抽到样品确认书", "No-sample record"),
    "handover_record": ("样品移交确认单", "Sample handover record"),
    "seal_labels": ("封条／样品标签", "Seal strips / sample labels"),
}


def module_for(doc_type: str) -> ModuleType:
    if doc_type not in DOC_TYPES:
        from inspector_app.domain.errors import ValidationError
        from inspector_app.i18n import tr

        raise ValidationError(
            "doc_type",
            tr("未知的文书类型 {t}。可用类型：{all}", "Unknown document type {t}. Known types: {all}", t=doc_type, all=", ".join(DOC_TYPES)),
        )
    return importlib.import_module(f"inspector_app.documents.{doc_type}")
