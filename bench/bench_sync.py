"""Sync benchmark: one JSON object on stdout.

Work (defaults = the issue's target): 100 finalized inspections with samples, 1,000 photos of
~0.5 MB, pushed by `inspector_app.sync.engine.run_sync` to a fresh `inspector-server` on loopback.
Baseline, same machine, same run: the same photo files uploaded one request each with
`requests` to a minimal endpoint (raw ASGI app under uvicorn, like the server) that writes
them to disk. Then the same work again to another fresh server through a TCP proxy that
cuts the connection `--cuts` times at random byte offsets (resent bytes, lost, duplicates),
and 10,000 metadata records pushed alone (records per second).

    python bench/bench_sync.py                              # full size (~500 MB of photos)
    python bench/bench_sync.py --inspections 10 --photos-per 5 --metadata-records 1000   # quick
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspector_app.demo.fieldwork import FieldworkOptions, fill_fieldwork  # noqa: E402
from inspector_app.store import open_store  # noqa: E402
from inspector_app.sync import settings  # noqa: E402
from inspector_app.sync.client import SyncClient  # noqa: E402
from inspector_app.sync.engine import connection, login, run_sync  # noqa: E402
from inspector_app.sync.push import push_all  # noqa: E402
from tests.server_process import free_port, running_server  # noqa: E402
from tests.tcp_proxy import TcpProxy  # noqa: E402

PASSWORD = "bench-pass-1"
TABLES = ("inspection", "answer", "sample", "custody_event", "attachment", "site_record")

BASELINE_APP = r'''
import os, sys, uuid
target = sys.argv[2]
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    path = os.path.join(target, uuid.uuid4().hex)
    with open(path, "wb") as fh:
        more = True
        while more:
            msg = await receive()
            fh.write(msg.get("body", b""))
            more = msg.get("more_body", False)
    await send({"type": "http.response.start", "status": 201, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})
import uvicorn
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
'''


@contextlib.contextmanager
def baseline_server(folder: Path):
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", BASELINE_APP, str(port), str(folder)], cwd=ROOT)
    import requests

    for _ in range(200):
        try:
            requests.post(f"http://127.0.0.1:{port}/", data=b"", timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/upload"
    finally:
        proc.terminate()
        proc.wait(10)


def baseline_upload(url: str, files: list[Path]) -> float:
    import requests

    started = time.perf_counter()
    for path in files:
        with open(path, "rb") as fh:
            r = requests.post(url, data=fh.read(), headers={"Content-Type": "application/octet-stream"}, timeout=60)
        r.raise_for_status()
    return time.perf_counter() - started


def make_laptop(root: Path, srv_url: str, opts: FieldworkOptions, parallel: int):
    store = open_store(root)
    login(store, srv_url, "insp1", PASSWORD)
    first = run_sync(store)
    if not first.ok:
        raise SystemExit(f"initial sync failed: {first.to_json()}")
    settings.set_many(store, {"sync.upload_parallel": parallel})
    fill_fieldwork(store, opts, per_transaction=20)
    return store


def local_counts(store) -> dict:
    db = store.read()
    out = {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in TABLES}
    out["blobs"] = db.execute("SELECT count(*) FROM blob").fetchone()[0]
    return out


def lost_and_duplicates(srv, store) -> tuple[int, int]:
    stats = srv.stats()
    records = stats["records"]
    local = local_counts(store)
    lost = dup = 0
    for table in TABLES:
        diff = records.get(table, 0) - local[table]
        lost += max(0, -diff)
        dup += max(0, diff)
    lost += max(0, local["blobs"] - stats["blobs"]) + stats["incomplete_manifests"]
    dup += max(0, stats["blobs"] - local["blobs"])
    # every stored blob must hash to its name
    for path in (srv.data_dir / "blobs").rglob("*"):
        if path.is_file() and len(path.name) == 64:
            if hashlib.sha256(path.read_bytes()).hexdigest() != path.name:
                lost += 1
    return lost, dup


def sync_until_ok(store, attempts: int = 20, **kw) -> list:
    reports = []
    for _ in range(attempts):
        report = run_sync(store, **kw)
        reports.append(report)
        if report.ok:
            break
    return reports


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inspections", type=int, default=100)
    ap.add_argument("--photos-per", type=int, default=10)
    ap.add_argument("--photo-kb", type=int, default=500)
    ap.add_argument("--cuts", type=int, default=5)
    ap.add_argument("--metadata-records", type=int, default=10_000)
    ap.add_argument("--parallel", type=int, default=4, help="photos uploaded at the same time")
    ap.add_argument("--db", default=None, help="server database URL (default: SQLite in the server's folder)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    result: dict = {}
    opts = FieldworkOptions(inspections=args.inspections, photos_per=args.photos_per, photo_bytes=args.photo_kb * 1000,
                            seed=3)
    try:
        # 1. the sync of the whole batch to a fresh server
        with running_server(tmp / "s1", db_url=args.db) as srv:
            srv.demo(password=PASSWORD)
            store = make_laptop(tmp / "laptop1", srv.root_url, opts, args.parallel)
            files = [store.paths.blob_path(r[0]) for r in store.read().execute("SELECT sha256 FROM blob ORDER BY sha256")]
            total_bytes = sum(p.stat().st_size for p in files)
            records = store.read().execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
            started = time.perf_counter()
            report = run_sync(store, pull=False)
            seconds = time.perf_counter() - started
            if not report.ok:
                raise SystemExit(f"sync failed: {report.to_json()}")
            lost, dup = lost_and_duplicates(srv, store)
            store.close()
        # baseline: the same files, one plain request each, to a minimal endpoint
        with baseline_server(tmp / "baseline") as url:
            baseline_seconds = baseline_upload(url, files)
        result.update({
            "records": records, "inspections": args.inspections, "photos": len(files), "bytes": total_bytes,
            "seconds": round(seconds, 3), "baseline_seconds": round(baseline_seconds, 3),
            "ratio": round(seconds / baseline_seconds, 3) if baseline_seconds else None,
            "mb_per_s": round(total_bytes / seconds / 1e6, 1), "baseline_mb_per_s": round(total_bytes / baseline_seconds / 1e6, 1),
            "push_requests": report.push_requests, "parallel_uploads": args.parallel,
            "lost": lost, "duplicates": dup,
        })
        shutil.rmtree(tmp / "baseline", ignore_errors=True)

        # 2. the same work through a proxy that cuts the line at random offsets
        if args.cuts:
            with running_server(tmp / "s2", db_url=args.db) as srv:
                srv.demo(password=PASSWORD)
                with TcpProxy(srv.port) as proxy:
                    store = make_laptop(tmp / "laptop2", proxy.url, opts, args.parallel)
                    chunk = int(settings.get(store, "sync.chunk_size"))
                    photo_bytes = sum(r[0] for r in store.read().execute("SELECT size FROM blob").fetchall())
                    proxy.bytes_up = 0
                    proxy.random_cuts(args.cuts, 10_000, max(20_000, photo_bytes // args.cuts), seed=2026)
                    started = time.perf_counter()
                    reports = sync_until_ok(store, pull=False)
                    cut_seconds = time.perf_counter() - started
                    sent = sum(r.bytes_sent for r in reports)
                    lost2, dup2 = lost_and_duplicates(srv, store)
                    result.update({
                        "cuts": proxy.cuts, "cut_runs": len(reports), "cut_seconds": round(cut_seconds, 3),
                        "chunk_size": chunk, "resent_bytes": max(0, sent - photo_bytes),
                        "resent_limit": proxy.cuts * chunk,
                        "cut_ok": reports[-1].ok,
                    })
                    result["lost"] += lost2 + (0 if reports[-1].ok else 1)
                    result["duplicates"] += dup2
                    store.close()
        else:
            result.update({"cuts": 0, "resent_bytes": 0})

        # 3. metadata only: records per second
        if args.metadata_records:
            with running_server(tmp / "s3", db_url=args.db) as srv:
                srv.demo(password=PASSWORD)
                per_inspection = 10  # inspection + 5 answers + sample + 3 custody events
                meta = FieldworkOptions(inspections=max(1, args.metadata_records // per_inspection), photos_per=0, seed=4)
                store = make_laptop(tmp / "laptop3", srv.root_url, meta, args.parallel)
                n = store.read().execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
                client = SyncClient(connection(store))
                started = time.perf_counter()
                stats = push_all(client, store, batch_size=int(settings.get(store, "sync.batch_size")))
                meta_seconds = time.perf_counter() - started
                client.close()
                result.update({"metadata_records": n, "metadata_seconds": round(meta_seconds, 3),
                               "metadata_records_per_s": round(n / meta_seconds), "metadata_acked": stats.acked})
                store.close()
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
