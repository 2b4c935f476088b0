"""Photos attached to sampling records and custody events (receipt, unpacking, seals).

SEAM: the evidence area (`inspector_app/evidence`, another branch) owns the photo pipeline
(EXIF, display copies, thumbnails, HEIC). Until it lands on main, this module stores the
original bytes content-addressed (temp file + rename, never modified) with a minimal `blob`
row and links them with `attachment` rows. Swap `add_photo` for the evidence import then.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Any

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.ids import uuid7
from inspector_app.i18n import tr
from inspector_app.store.txn import Txn

ROLES = ("photo", "receipt", "unpacking", "seal", "signature")


def store_blob(txn: Txn, content: bytes, *, mime: str = "image/jpeg", kind: str = "photo", name: str = "") -> str:
    sha = hashlib.sha256(content).hexdigest()
    paths = txn.store.paths
    target = paths.blob_path(sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = paths.tmp / f"{sha}.{uuid7()}.part"
        tmp.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    exists = txn.db.execute("SELECT 1 FROM blob WHERE sha256 = ?", [sha]).fetchone()
    if not exists:
        width = height = None
        if mime.startswith("image/"):
            try:
                from PIL import Image

                with Image.open(io.BytesIO(content)) as image:
                    width, height = image.size
            except Exception:  # noqa: BLE001 - an unreadable image is refused below
                raise ValidationError("photo_unreadable", tr("无法读取该图片文件：{n}", "This image file cannot be read: {n}", n=name or sha[:12])) from None
        txn.db["blob"].insert({"sha256": sha, "size": len(content), "mime": mime, "kind": kind, "original_name": name,
                               "width": width, "height": height, "meta": "{}", "created_at": txn.now})
    return sha


def add_photo(txn: Txn, owner_kind: str, owner_id: str, role: str, content: bytes, *, name: str = "", caption: str = "") -> dict[str, Any]:
    if role not in ROLES:
        raise ValidationError("photo_role", tr("未知的照片用途：{r}", "Unknown photo role: {r}", r=role))
    mime = "image/png" if content[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
    sha = store_blob(txn, content, mime=mime, name=name)
    return txn.insert("attachment", {"id": uuid7(), "blob_sha256": sha, "owner_kind": owner_kind, "owner_id": owner_id,
                                     "role": role, "caption": caption, "state": "active"}, blobs=[sha])


def add_photo_file(txn: Txn, owner_kind: str, owner_id: str, role: str, path: Path | str, caption: str = "") -> dict[str, Any]:
    path = Path(path)
    return add_photo(txn, owner_kind, owner_id, role, path.read_bytes(), name=path.name, caption=caption)


def photos_of(db, owner_kind: str, owner_id: str) -> list[dict[str, Any]]:
    cursor = db.execute("SELECT id, blob_sha256, role, caption FROM attachment WHERE owner_kind = ? AND owner_id = ? AND removed_at IS NULL"
                        " ORDER BY created_at, id", [owner_kind, owner_id])
    return [dict(zip(("id", "sha256", "role", "caption"), r)) for r in cursor.fetchall()]
