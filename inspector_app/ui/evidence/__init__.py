"""Evidence widgets (PySide6): gallery, viewer, import dialog, webcam, signature pad, EvidencePanel.

Each widget is self-contained with a documented constructor; screens embed them:
- `EvidencePanel(store, owner_kind, owner_id, item_id=None)` — a record's photos, add/remove (seam;
  `changed()`, `set_read_only(bool)`, `set_owner(kind, id, item_id)`).
- `PhotoGallery(service)` — every photo of the workspace (Model/View, 5,000+ smooth).
- `PhotoViewer(rows, display_path, index)` — zoom, pan, next/previous, metadata.
- `PhotoImportDialog(service, paths, owner=None)` — background import with progress/cancel.
- `SignaturePad(store, owner_kind, owner_id, signer_role="party")` — a record's signatures + a form (seam).
- `SignatureCanvas()` / `SignatureForm` / `SignatureDialog(signatures, owner_kind, owner_id)` — the parts.
- `WebcamCaptureDialog(save_dir)` — capture where a camera exists.
"""


