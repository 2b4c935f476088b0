"""Blob upload: ask which hashes the server lacks, upload only those (tus, resumable).

The tus upload URL of each blob is stored in the `setting` table as soon as the server hands
it out, so a cut, a crash or a restarted client continues at the server's `Upload-Offset`
instead of from zero. `blob.uploaded_at` is set only after `/blobs/missing` (the server's
authoritative word) no longer lists the hash. Uploads run in a few parallel threads; each
thread has its own HTTP session, and database writes go through the store's writer.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Callable

import requests
from tusclient.client import TusClient
from tusclient.uploader import Uploader

from inspector_app.domain.ids import utc_now
from inspector_app.i18n import tr
from inspector_app.store.db import Store
from inspector_app.store.txn import Txn
from inspector_app.sync import errors
from inspector_app.sync.client import Connection, SyncClient
from inspector_app.sync.errors import SyncError
from inspector_app.sync.settings import UPLOAD_URL_PREFIX


@dataclass
class BlobStats:
    missing: int = 0
    uploaded: int = 0
    bytes_total: int = 0        # bytes of the blobs that had to be uploaded
    bytes_sent: int = 0         # bytes put on the wire in PATCH bodies (includes resends)
    bytes_done: int = 0         # bytes the server confirmed (offsets)
    resumed: int = 0            # uploads continued from a stored URL / after a cut
    cuts: int = 0               # transfers that broke and were resumed
    verified: int = 0
    failed: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **kw: int) -> None:
        with self.lock:
            for k, v in kw.items():
                setattr(self, k, getattr(self, k) + v)

    @property
    def resent_bytes(self) -> int:
        return max(0, self.bytes_sent - self.bytes_total)


def pending_hashes(store: Store) -> list[str]:
    """Blobs this computer holds that the server has not confirmed."""
    rows = store.read().execute("SELECT sha256 FROM blob WHERE uploaded_at IS NULL ORDER BY created_at, sha256")
    return [r[0] for r in rows.fetchall()]


class _SessionUploader(Uploader):
    """tuspy's uploader over our session: CA bundle, timeouts and our error words everywhere.

    tuspy itself calls module-level `requests` without a timeout or a CA bundle path; these
    three overrides keep its protocol logic (metadata, offsets, chunking) and route the HTTP
    through the sync client's session.
    """

    def __init__(self, *args, session: requests.Session, conn: Connection, on_sent: Callable[[int], None], **kw):
        self._session = session
        self._conn = conn
        self._on_sent = on_sent
        super().__init__(*args, **kw)

    def _call(self, method: str, url: str, **kw) -> requests.Response:
        try:
            return self._session.request(method, url, timeout=self._conn.timeout, verify=self._conn.verify, **kw)
        except (requests.exceptions.RequestException, OSError) as exc:
            raise errors.from_exception(exc, url) from exc

    def get_offset(self) -> int:
        resp = self._call("HEAD", self.url, headers=self.get_headers())
        if resp.status_code in (404, 410):
            raise _Gone()
        if resp.status_code >= 400:
            raise errors.from_response(resp)
        offset = resp.headers.get("upload-offset")
        if offset is None:
            raise errors.bad_response(self.url, "tus HEAD without Upload-Offset")
        return int(offset)

    def create_url(self) -> str:
        resp = self._call("POST", self.client.url, headers=self.get_url_creation_headers())
        if resp.status_code >= 400:
            raise errors.from_response(resp)
        location = resp.headers.get("location")
        if not location:
            raise errors.bad_response(self.client.url, "tus POST without Location")
        from urllib.parse import urljoin

        return urljoin(self.client.url, location)

    def create_with_upload(self) -> int:
        """tus creation-with-upload: one POST carrying the whole file; returns the server's offset.

        The server verifies and stores a complete file before answering, so a small photo costs
        one request. If the POST is cut, its URL is unknown: the caller asks `/blobs/missing`.
        """
        with open(self.file_path, "rb") as fh:
            body = fh.read()
        headers = {**self.get_url_creation_headers(), "Content-Type": "application/offset+octet-stream"}
        self._on_sent(len(body))
        resp = self._call("POST", self.client.url, data=body, headers=headers)
        if resp.status_code == 460:
            raise _Gone()
        if resp.status_code >= 400:
            raise errors.from_response(resp)
        location = resp.headers.get("location")
        if location:
            from urllib.parse import urljoin

            self.url = urljoin(self.client.url, location)
        offset = resp.headers.get("upload-offset")
        self.offset = int(offset) if offset is not None else 0
        return self.offset

    def _do_request(self) -> None:
        length = self.get_request_length()
        with open(self.file_path, "rb") as fh:
            fh.seek(self.offset)
            chunk = fh.read(length)
        headers = {**self.get_headers(), "Upload-Offset": str(self.offset),
                   "Content-Type": "application/offset+octet-stream"}
        self._on_sent(len(chunk))
        resp = self._call("PATCH", self.url, data=chunk, headers=headers)
        if resp.status_code in (404, 410, 460):  # 460: bytes did not match the hash; start again
            raise _Gone()
        if resp.status_code == 409:  # offset disagreement: ask the server where it stands
            self.offset = self.get_offset()
            self.request = None
            return
        if resp.status_code >= 400:
            raise errors.from_response(resp)

        class _R:
            response_headers = {k.lower(): v for k, v in resp.headers.items()}

        self.request = _R()

    def upload_chunk(self) -> None:
        if not self.url:
            self.set_url(self.create_url())
            self.offset = 0
        self._do_request()
        if self.request is not None:
            offset = self.request.response_headers.get("upload-offset")
            if offset is None:
                raise errors.bad_response(self.url, "tus PATCH without Upload-Offset")
            self.offset = int(offset)


class _Gone(Exception):
    """The server forgot the upload (expired or verified-and-moved): start a new one."""


class BlobUploader:
    """Uploads the missing blobs of a store; `upload_all` is the entry point."""

    def __init__(self, store: Store, conn: Connection, *, chunk_size: int = 4 * 1024 * 1024, parallel: int = 4,
                 attempts: int = 8, single_request: bool = True, progress: Callable[[dict], None] | None = None,
                 cancelled: Callable[[], bool] = lambda: False):
        self.store = store
        self.conn = conn
        self.chunk_size = chunk_size
        self.parallel = max(1, parallel)
        self.single_request = single_request
        self.attempts = attempts
        self.progress = progress
        self._user_cancelled = cancelled
        self._abort = False  # set when a parallel upload failed for good
        self._urls: dict[str, str | None] = {}
        self._url_queue: list[tuple[str, str | None]] = []
        self._url_lock = threading.Lock()
        self._report_lock = threading.Lock()
        self._url_flushed = 0.0
        self._mimes: dict[str, str] = {}
        self.stats = BlobStats()
        self._local = threading.local()

    def cancelled(self) -> bool:
        return self._abort or self._user_cancelled()

    def _report(self) -> None:
        """Progress from the upload threads, one at a time: each report is a snapshot at least as
        new as the one before, so the sync window never ends on a stale "8 / 9"."""
        if self.progress:
            with self._report_lock:
                self.progress({"phase": "blobs", "bytes_done": self.stats.bytes_done, "bytes_total": self.stats.bytes_total,
                               "files_done": self.stats.uploaded, "files_total": self.stats.missing})

    # -- per-thread HTTP ----------------------------------------------------------------------
    def _client(self) -> SyncClient:
        client = getattr(self._local, "client", None)
        if client is None:
            client = SyncClient(Connection(**vars(self.conn)))
            self._local.client = client
        return client

    def _mime(self, sha: str) -> str:
        mime = self._mimes.get(sha)
        if mime is None:
            row = self.store.read().execute("SELECT mime FROM blob WHERE sha256 = ?", [sha]).fetchone()
            mime = (row[0] if row else "") or "application/octet-stream"
        return mime

    def _stored_url(self, sha: str) -> str | None:
        with self._url_lock:
            if sha in self._urls:
                return self._urls[sha]
        return self.store.setting(UPLOAD_URL_PREFIX + sha)

    def _remember_url(self, sha: str, url: str | None, *, wait: bool = True, urgent: bool = False) -> None:
        """Store (or forget) the tus URL of a blob, so a restarted client resumes at the server's offset.

        New URLs are written in small batches (every ~0.3 s, or at once for a blob of several
        chunks) without waiting for the commit: the writer thread keeps the order, and a URL lost
        in a crash costs at most the chunk that was in flight.
        """
        with self._url_lock:
            self._urls[sha] = url
            self._url_queue.append((sha, url))
            due = wait or urgent or url is None or time.monotonic() - self._url_flushed > 0.3
        if due:
            self._flush_urls(wait=wait)

    def _flush_urls(self, *, wait: bool = False) -> None:
        with self._url_lock:
            batch, self._url_queue = self._url_queue, []
            self._url_flushed = time.monotonic()
        if not batch:
            return

        def apply(txn: Txn) -> None:
            for sha, url in batch:
                if url is None:
                    txn.db.execute("DELETE FROM setting WHERE key = ?", [UPLOAD_URL_PREFIX + sha])
                else:
                    txn.db.execute(
                        "INSERT INTO setting(key, value, updated_at) VALUES (?, json_quote(?), ?)"
                        " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                        [UPLOAD_URL_PREFIX + sha, url, txn.now])

        future = self.store.write(apply)
        if wait:
            future.result()

    # -- one blob -----------------------------------------------------------------------------
    def upload_one(self, sha: str) -> None:
        """Upload one blob to the end, resuming at the server's offset after every cut."""
        path = self.store.paths.blob_path(sha)
        if not path.exists():
            raise SyncError("blob_missing", tr(
                "本机找不到照片/文件 {h} 的原始数据，无法上传。请运行 inspector-app verify 检查工作区，或联系技术支持。",
                "The original bytes of photo/file {h} are missing on this computer, so it cannot be uploaded. Run "
                "inspector-app verify on the workspace or contact support.", h=sha[:12]))
        size = path.stat().st_size
        client = self._client()
        tus = TusClient(client.url("/files/"), headers=client.headers())
        failures = 0
        counted = 0  # bytes of this blob already counted in stats.bytes_done
        while True:
            if self.cancelled():
                raise errors.cancelled()
            url = self._stored_url(sha)
            try:
                uploader = _SessionUploader(
                    file_path=str(path), client=tus, chunk_size=self.chunk_size,
                    metadata={"sha256": sha, "filename": path.name, "filetype": self._mime(sha)}, session=client.session, conn=client.conn,
                    on_sent=lambda n: self.stats.add(bytes_sent=n),
                    url=url,
                )
                if url:
                    self.stats.add(resumed=1)
                single = not uploader.url and 0 < size <= self.chunk_size and self.single_request
                if single and failures:
                    # a cut one-request upload leaves no URL: the server's word says if it arrived
                    if sha not in self._client().missing_blobs([sha]):
                        self.stats.add(uploaded=1, bytes_done=size - counted)
                        self._report()
                        return
                if single:
                    uploader.create_with_upload()
                    if uploader.offset < size and uploader.url:  # partial: continue as a normal upload
                        self._remember_url(sha, uploader.url, wait=False)
                    elif uploader.offset < size:
                        raise _Gone()
                    if uploader.offset > counted:
                        self.stats.add(bytes_done=uploader.offset - counted)
                        counted = uploader.offset
                if not uploader.url:
                    uploader.set_url(uploader.create_url())
                    uploader.offset = 0
                    self._remember_url(sha, uploader.url, wait=False, urgent=size > self.chunk_size)
                while uploader.offset < size:
                    if self.cancelled():
                        raise errors.cancelled()
                    uploader.upload_chunk()
                    if uploader.offset > counted:
                        self.stats.add(bytes_done=uploader.offset - counted)
                        counted = uploader.offset
                    self._report()
                if size == 0:  # tus: the creation POST is the whole upload
                    pass
                self.stats.add(uploaded=1)  # its URL is forgotten with `uploaded_at` (_mark_uploaded)
                self._report()
                return
            except _Gone:
                self._remember_url(sha, None)  # the server dropped it; a fresh upload starts at 0
                failures += 1
            except SyncError as exc:
                if not exc.retryable and exc.kind != "connection":
                    raise
                failures += 1
                self.stats.add(cuts=1)
                self._client().session.close()  # a cut connection must not be reused
                self._local.client = None
                client = self._client()
                tus = TusClient(client.url("/files/"), headers=client.headers())
            if failures > self.attempts:
                raise SyncError("connection", errors.from_exception(ConnectionError("upload kept failing"),
                                                                     self.conn.base_url).message)
            time.sleep(min(2.0, 0.05 * 2 ** failures))

    # -- all ----------------------------------------------------------------------------------
    def upload_all(self) -> BlobStats:
        hashes = pending_hashes(self.store)
        if not hashes:
            return self.stats
        client = self._client()
        missing = client.missing_blobs(hashes)
        self.stats.missing = len(missing)
        self.stats.bytes_total = sum(self.store.paths.blob_path(h).stat().st_size for h in missing
                                     if self.store.paths.blob_path(h).exists())
        self._mimes = dict(self.store.read().execute("SELECT sha256, mime FROM blob WHERE uploaded_at IS NULL").fetchall())
        present = sorted(set(hashes) - set(missing))
        self._mark_uploaded(present)
        first_error: SyncError | None = None
        if self.parallel == 1:
            for sha in missing:
                try:
                    self.upload_one(sha)
                except SyncError as exc:
                    first_error = exc
                    self.stats.failed.append({"sha256": sha, "error": str(exc)})
                    break
        else:
            with ThreadPoolExecutor(max_workers=self.parallel, thread_name_prefix="blob-upload") as pool:
                futures = {pool.submit(self.upload_one, sha): sha for sha in missing}
                for fut in as_completed(futures):
                    exc = fut.exception()
                    if exc is not None:
                        if first_error is None:
                            first_error = exc if isinstance(exc, SyncError) else errors.from_exception(exc, self.conn.base_url)
                            self._abort = True
                        self.stats.failed.append({"sha256": futures[fut], "error": str(exc)})
        self._flush_urls(wait=True)  # URLs of uploads that did not finish stay for the next run
        # the server's word decides what counts as uploaded
        try:
            still = set(self._client().missing_blobs(missing)) if missing else set()
        except SyncError:
            if first_error is None:
                raise
            raise first_error from None  # the server is gone: report the first cause
        done = [h for h in missing if h not in still]
        self._mark_uploaded(done)
        self.stats.verified = len(done)
        if first_error is not None:
            raise first_error
        return self.stats

    def _mark_uploaded(self, hashes: list[str]) -> None:
        if not hashes:
            return
        now = utc_now()

        def apply(txn: Txn) -> None:
            txn.db.conn.executemany("UPDATE blob SET uploaded_at = ? WHERE sha256 = ? AND uploaded_at IS NULL",
                                    [(now, h) for h in hashes])
            txn.db.conn.executemany("DELETE FROM setting WHERE key = ?", [(UPLOAD_URL_PREFIX + h,) for h in hashes])
            txn.audit("blobs_uploaded", "blob", "*", {"count": len(hashes)})

        self.store.write_sync(apply)
