"""One sync run: push → blobs → completeness → pull → number blocks.

Order matters for the inspector: records go first (hazards and refusals at the head of the
outbox), then the photos they reference, then the server is asked which records are complete
— only those become `synced`. `run_sync` is blocking and headless (CLI, background thread,
tests); it never raises for network trouble, it returns a `SyncReport` whose `error` says what
went wrong in words, and everything already done stays done.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Callable

from inspector_app.domain.ids import utc_now
from inspector_app.store.db import Store
from inspector_app.store.txn import Txn
from inspector_app.sync import errors, numbers, settings
from inspector_app.sync.blobs import BlobUploader
from inspector_app.sync.client import Connection, SyncClient, normalise_url
from inspector_app.sync.downloads import download_remote_blobs
from inspector_app.sync.errors import SyncError
from inspector_app.sync.pull import pull_all
from inspector_app.sync.status import FINAL_RECORDS, pending_blobs, pending_changes, unconfirmed_records
from inspector_app.sync.push import push_all



@dataclass
class SyncReport:
    ok: bool = False
    pushed: int = 0
    acked: int = 0
    rejected: int = 0
    conflicts: int = 0
    push_requests: int = 0
    push_bytes: int = 0
    splits: int = 0
    blobs_uploaded: int = 0
    blobs_downloaded: int = 0
    blob_bytes: int = 0
    bytes_sent: int = 0
    resent_bytes: int = 0
    cuts: int = 0
    records_synced: int = 0
    incomplete: int = 0
    pulled: int = 0
    pull_pages: int = 0
    number_blocks: int = 0
    pending_changes: int = 0
    pending_blobs: int = 0
    seconds: float = 0.0
    error: dict | None = None
    rejected_reasons: list = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def connection(store: Store) -> Connection:
    """The stored server settings as plain data (raises SyncError when not logged in)."""
    url = settings.get(store, "sync.server_url")
    token = settings.get(store, "sync.token")
    if not url or not token:
        raise errors.not_configured()
    return Connection(base_url=normalise_url(url), token=token, ca_bundle=settings.get(store, "sync.ca_bundle"),
                      timeout=float(settings.get(store, "sync.timeout_seconds")), device_id=store.device_id)


def login(store: Store, server_url: str, username: str, password: str, *, ca_bundle: str | None = None,
          timeout: float | None = None) -> dict:
    """Log in and keep the token (never the password). Raises SyncError with a message."""
    base = normalise_url(server_url)
    conn = Connection(base_url=base, ca_bundle=ca_bundle if ca_bundle is not None else settings.get(store, "sync.ca_bundle"),
                      timeout=timeout or float(settings.get(store, "sync.timeout_seconds")), device_id=store.device_id)
    client = SyncClient(conn)
    try:
        answer = client.login(username, password)
    finally:
        client.close()
    user = answer.get("user") or {}
    values = {"sync.server_url": base, "sync.user": username, "sync.token": answer["token"],
              "sync.token_expires_at": str(answer.get("expires_at") or "")}
    if ca_bundle is not None:
        values["sync.ca_bundle"] = ca_bundle
    settings.set_many(store, values)

    def identity(txn: Txn) -> None:
        if user.get("name") and not txn.setting("inspector.name"):
            txn.set_setting("inspector.name", user["name"])
        if user.get("id"):
            txn.set_setting("inspector.id", user["id"])

    store.write_sync(identity)
    return {"server": base, "user": user, "expires_at": answer.get("expires_at")}




def confirm_complete(client: SyncClient, store: Store, *, own_only: bool = True) -> tuple[int, int]:
    """Ask the server which finalized records are complete; mark those `synced`."""
    records = unconfirmed_records(store, own_only=own_only)
    if not records:
        return 0, 0
    answers = client.manifest(records)
    complete = [(a["entity"], a["id"]) for a in answers if a.get("complete") and a.get("entity") in FINAL_RECORDS]

    def apply(txn: Txn) -> None:
        for entity, record_id in complete:
            txn.update(entity, record_id, {"state": "synced"}, op="synced", sync=False, audit_action="synced")

    if complete:
        store.write_sync(apply)
    return len(complete), len(records) - len(complete)


def _store_error(store: Store, error: dict | None, *, finished: bool) -> None:
    def apply(txn: Txn) -> None:
        txn.db.execute(
            "INSERT INTO setting(key, value, updated_at) VALUES ('sync.last_error', json(?), ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [__import__("json").dumps(error or {}, ensure_ascii=False), txn.now])
        if finished:
            txn.set_setting("sync.last_synced_at", utc_now())

    store.write_sync(apply)


def run_sync(store: Store, *, progress: Callable[[dict], None] | None = None,
             cancelled: Callable[[], bool] = lambda: False, pull: bool = True, parallel: int | None = None) -> SyncReport:
    """Run one complete sync; network trouble ends up in `report.error`, never as an exception."""
    started = time.monotonic()
    report = SyncReport()
    client = None
    uploader = None
    try:
        conn = connection(store)
        client = SyncClient(conn)
        health = client.health()
        server_year = _year(health.get("server_time"))
        if client.last_server_offset is not None:
            settings.set_many(store, {"sync.server_clock_offset_seconds": float(client.last_server_offset)})
        push = push_all(client, store, batch_size=int(settings.get(store, "sync.batch_size")), progress=progress,
                        cancelled=cancelled)
        report.pushed, report.acked, report.rejected = push.sent, push.acked, push.rejected
        report.conflicts, report.push_requests, report.push_bytes = push.conflicts, push.requests, push.bytes
        report.splits, report.rejected_reasons = push.splits, push.rejected_reasons
        uploader = BlobUploader(store, conn, chunk_size=int(settings.get(store, "sync.chunk_size")),
                                parallel=parallel or int(settings.get(store, "sync.upload_parallel")),
                                progress=progress, cancelled=cancelled)
        uploader.upload_all()
        # records whose parents arrived only now (retry later) get another chance
        if report.pushed and pending_changes(store):
            more = push_all(client, store, batch_size=int(settings.get(store, "sync.batch_size")), cancelled=cancelled)
            report.pushed += more.sent
            report.acked += more.acked
            report.rejected += more.rejected
            report.rejected_reasons += more.rejected_reasons
        report.records_synced, report.incomplete = confirm_complete(client, store)
        if pull:
            pulled = pull_all(client, store, page_size=int(settings.get(store, "sync.pull_page_size")),
                              progress=progress, cancelled=cancelled)
            report.pulled, report.pull_pages = pulled.applied, pulled.pages
            report.conflicts += pulled.conflicts
            if pulled.applied:
                confirm_complete(client, store, own_only=False)  # the pair's records, as the server sees them
            if settings.get(store, "sync.download_pair_photos"):
                report.blobs_downloaded = download_remote_blobs(client, store, cancelled=cancelled)
            report.number_blocks = len(numbers.top_up(
                client, store, doc_types=list(settings.get(store, "sync.number_doc_types")),
                minimum=int(settings.get(store, "sync.number_block_min")),
                size=int(settings.get(store, "sync.number_block_size")), year=server_year))
    except SyncError as exc:
        report.error = exc.to_json()
    finally:
        if uploader is not None:
            s = uploader.stats
            report.blobs_uploaded, report.blob_bytes = s.uploaded, s.bytes_total
            report.bytes_sent, report.resent_bytes, report.cuts = s.bytes_sent, s.resent_bytes, s.cuts
        if client is not None:
            client.close()
    report.pending_changes = pending_changes(store)
    report.pending_blobs = pending_blobs(store)
    rejected_total = store.read().execute("SELECT count(*) FROM outbox WHERE status = 'rejected'").fetchone()[0]
    if report.error is None and report.incomplete == 0:
        report.incomplete = len(unconfirmed_records(store))
    report.ok = (report.error is None and report.pending_changes == 0 and report.pending_blobs == 0
                 and report.incomplete == 0 and rejected_total == 0)
    report.seconds = round(time.monotonic() - started, 3)
    try:
        _store_error(store, report.error, finished=report.error is None)
    except Exception:  # noqa: BLE001 - a status note must never hide the sync result
        pass
    return report


def _year(server_time: object) -> int | None:
    """The server's year: number blocks follow the server's calendar, not a skewed laptop clock."""
    try:
        return int(str(server_time)[:4])
    except ValueError:
        return None
