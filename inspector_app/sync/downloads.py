"""Fetch the photos of the pair's other laptop (`GET /blobs/{sha256}`), so both laptops hold the
whole case offline.

Pulled attachment / signature / document rows reference blobs this laptop never had; the pull
notes them as `remote_only`. Here their bytes are downloaded, the SHA-256 is checked before the
file is put in the content-addressed store (temp file + rename), and the note is removed. A blob
the server does not hold yet (404) stays `remote_only` and is tried again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Callable

import requests

from inspector_app.store.db import Store
from inspector_app.store.txn import Txn
from inspector_app.sync import errors
from inspector_app.sync.client import SyncClient

MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG", "image/png"), (b"%PDF", "application/pdf"))


def remote_only(store: Store) -> list[str]:
    rows = store.read().execute("SELECT sha256 FROM blob WHERE json_extract(meta, '$.remote_only') = 1 ORDER BY sha256")
    return [r[0] for r in rows.fetchall()]


def download_remote_blobs(client: SyncClient, store: Store, *, cancelled: Callable[[], bool] = lambda: False) -> int:
    """Download every `remote_only` blob the server holds; returns how many arrived intact."""
    done = 0
    for sha in remote_only(store):
        if cancelled():
            raise errors.cancelled()
        url = client.url(f"/blobs/{sha}")
        try:
            resp = client.session.get(url, headers=client.headers(), timeout=client.conn.timeout,
                                      verify=client.conn.verify, stream=True)
        except (requests.exceptions.RequestException, OSError) as exc:
            raise errors.from_exception(exc, url) from exc
        if resp.status_code in (403, 404):
            resp.close()
            continue  # not there yet, or not ours to see: the reference stays as it is
        if resp.status_code != 200:
            raise errors.from_response(resp)
        tmp = store.paths.tmp / f"{sha}.{os.getpid()}.download"
        digest = hashlib.sha256()
        size = 0
        head = b""
        try:
            with open(tmp, "wb") as fh:
                for block in resp.iter_content(256 * 1024):
                    digest.update(block)
                    size += len(block)
                    head = head or block[:8]
                    fh.write(block)
                fh.flush()
                os.fsync(fh.fileno())
        except (requests.exceptions.RequestException, OSError) as exc:
            tmp.unlink(missing_ok=True)
            raise errors.from_exception(exc, url) from exc
        if digest.hexdigest() != sha:  # damaged on the way: never stored, tried again next time
            tmp.unlink(missing_ok=True)
            continue
        target = store.paths.blob_path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
        mime = next((m for magic, m in MAGIC if head.startswith(magic)), "application/octet-stream")

        def note(txn: Txn, sha: str = sha, size: int = size, mime: str = mime) -> None:
            meta = json.loads(txn.db.execute("SELECT meta FROM blob WHERE sha256 = ?", [sha]).fetchone()[0] or "{}")
            meta.pop("remote_only", None)
            meta["downloaded"] = True
            txn.db.execute("UPDATE blob SET size = ?, mime = ?, kind = ?, meta = ? WHERE sha256 = ?",
                           [size, mime, "photo" if mime.startswith("image/") else "other",
                            json.dumps(meta, ensure_ascii=False), sha])

        store.write_sync(note)
        done += 1
    return done
