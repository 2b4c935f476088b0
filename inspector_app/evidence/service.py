"""`EvidenceService`: the one object the UI, the CLI and other areas use for photos and signatures."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable, Iterable

from inspector_app.evidence import attachments
from inspector_app.evidence.blobstore import BlobStore
from inspector_app.evidence.imaging import prepare
from inspector_app.evidence.importer import Importer, ImportResult, Owner
from inspector_app.evidence.signatures import Signatures
from inspector_app.store.db import Store
from inspector_app.store.reference import query


class EvidenceService:
    def __init__(self, store: Store, *, workers: int | None = None):
        self.store = store
        self.blobs = BlobStore(store.paths)
        self.signatures = Signatures(store)
        self._workers = workers
        self._processes: bool | None = None  # None: processes for big batches, threads for a few photos
        self.blobs.sweep_tmp()

    @staticmethod
    def prewarm_in_background() -> threading.Thread:
        """Start the decoder processes without waiting (call once at application start-up)."""
        from inspector_app.evidence.importer import prewarm

        thread = threading.Thread(target=prewarm, name="photo-decoders-start", daemon=True)
        thread.start()
        return thread

    # -- photos ---------------------------------------------------------------------------
    def import_files(
        self,
        paths: Iterable[str],
        *,
        owner: Owner | None = None,
        caption: str = "",
        stamp: dict[str, str] | None = None,
        on_result: Callable[[int, int, ImportResult], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> list[ImportResult]:
        """Import files/folders (see `Importer.run`); safe to call from a worker thread."""
        return Importer(self.store, workers=self._workers, processes=self._processes).run(
            paths, attach=owner, caption=caption, stamp=stamp, on_result=on_result, cancel=cancel)

    def attach(self, sha256: str, owner: Owner, caption: str = "", role: str = "photo") -> dict[str, Any]:
        row, _created = self.store.write_sync(
            lambda txn: attachments.attach(txn, sha256, owner.kind, owner.id, item_id=owner.item_id, caption=caption, role=role))
        return row

    def remove(self, attachment_id: str, reason: str = "") -> dict[str, Any]:
        return self.store.write_sync(attachments.remove, attachment_id, reason)

    def set_caption(self, attachment_id: str, caption: str) -> dict[str, Any]:
        return self.store.write_sync(attachments.set_caption, attachment_id, caption)

    def can_change(self, owner: Owner) -> bool:
        """True while the owner's evidence may still be added to or removed."""
        return attachments.owner_state(self.store.read(), owner.kind, owner.id) == "draft"

    def photos(self, owner: Owner | None = None, *, include_removed: bool = False) -> list[dict[str, Any]]:
        """Photos of one owner (attachments joined with blobs), or every photo blob when `owner` is None."""
        if owner is not None:
            return attachments.list_attached(self.store.read(), owner.kind, owner.id, owner.item_id, include_removed=include_removed)
        return query(self.store.read(),
                     "SELECT NULL AS attachment_id, '' AS caption, sha256, size, mime, original_name, width, height, taken_at,"
                     " gps_lat, gps_lon, camera, meta, created_at FROM blob WHERE kind = 'photo' ORDER BY coalesce(taken_at, created_at), sha256",
                     table="blob")

    def thumb_for(self, sha256: str) -> Path:
        """The thumbnail file, re-made from the original if it is missing (safe off the UI thread)."""
        path = self.blobs.thumb_path(sha256)
        if not path.exists():
            self.rebuild_derived(sha256)
        return path

    def display_for(self, sha256: str) -> Path:
        """The display copy, re-made from the original if it is missing (safe off the UI thread)."""
        path = self.blobs.display_path(sha256)
        if not path.exists():
            self.rebuild_derived(sha256)
        return path

    def rebuild_derived(self, sha256: str) -> bool:
        """Re-make display copy and thumbnail from the stored original (derived files are
        disposable; photos stored by code that skipped them get them on first view)."""
        original = self.blobs.path(sha256)
        if not original.is_file():
            return False
        row = self.photo(sha256) or {}
        stamp = (row.get("meta") or {}).get("stamp") if isinstance(row.get("meta"), dict) else None
        p = self.store.paths
        prepared = prepare(str(original), str(p.tmp), str(p.blobs), str(p.derived), stamp=stamp, force=True)
        if not prepared.ok:
            return False
        for tmp, final in ((prepared.display_tmp, self.blobs.display_path(sha256)), (prepared.thumb_tmp, self.blobs.thumb_path(sha256))):
            if tmp:
                self.blobs.install(Path(tmp), final, durable=False)
        return True

    def photo(self, sha256: str) -> dict[str, Any] | None:
        rows = query(self.store.read(), "SELECT * FROM blob WHERE sha256 = ?", [sha256], table="blob")
        return rows[0] if rows else None
