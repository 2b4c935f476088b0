"""Evidence: photos and signatures as legal evidence (no Qt here).

- `blobstore`: content-addressed originals (never modified) and derived images.
- `imaging`: one file → hash, EXIF facts, display copy, thumbnail (fast, reduced decodes).
- `importer`: many files through a worker pool, per-file results, nothing half-written.
- `attachments`: photos linked to records; removal only before finalization.
- `signatures`: signature PNG + stroke data, or a recorded refusal to sign.
- `service.EvidenceService`: the one object the UI, CLI and other areas use.
"""

from typing import Any

__all__ = ["EvidenceError", "ImportResult", "Owner"]


def __getattr__(name: str) -> Any:
    """Lazy exports: worker processes import only `imaging`, not the store or the importer."""
    if name == "EvidenceError":
        from inspector_app.evidence.errors import EvidenceError

        return EvidenceError
    if name in ("ImportResult", "Owner"):
        from inspector_app.evidence import importer

        return getattr(importer, name)
    raise AttributeError(name)
