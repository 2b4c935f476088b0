"""Push throughput of the central server: 10,000 metadata records in batches of 500.

Real server process on loopback (SQLite by default, `--db URL` for PostgreSQL). Baseline, same
run: the same request bodies posted to `/blobs/missing` with an empty hash list, i.e. the HTTP +
JSON + auth cost without any record work. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server_process import Api, change, inspection_row, running_server, sample_row  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--records", type=int, default=10_000)
    p.add_argument("--batch", type=int, default=500)
    p.add_argument("--db", default=None)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp), db_url=args.db, demo_password="demo-pass-1") as srv:
        api = Api(srv, "insp1", device_id="bench")
        tasks = api.my_tasks()
        rows = []
        for i in range(args.records):
            task = tasks[i % len(tasks)]
            rows.append(change("sample", sample_row(task)) if i % 2 else change("inspection", inspection_row(task)))
        bodies = [json.dumps({"device_id": "bench", "changes": rows[i:i + args.batch]}, ensure_ascii=False).encode()
                  for i in range(0, len(rows), args.batch)]
        session = requests.Session()
        session.headers.update(api.session.headers)
        session.headers["Content-Type"] = "application/json"

        t0 = time.perf_counter()
        for body in bodies:
            r = session.post(srv.base_url + "/blobs/missing", data=b'{"hashes":[]}' + b" " * len(body), timeout=60)
            r.raise_for_status()
        baseline = time.perf_counter() - t0

        t0 = time.perf_counter()
        applied = 0
        handler_ms = 0.0
        for body in bodies:
            r = session.post(srv.base_url + "/push", data=body, timeout=120)
            r.raise_for_status()
            handler_ms += float(r.headers.get("Server-Timing", "push;dur=0").split("dur=")[1])
            applied += sum(1 for x in r.json()["results"] if x["status"] == "applied")
        seconds = time.perf_counter() - t0

        t0 = time.perf_counter()
        dup = 0
        for body in bodies:
            r = session.post(srv.base_url + "/push", data=body, timeout=120)
            dup += sum(1 for x in r.json()["results"] if x["status"] == "duplicate")
        resend_seconds = time.perf_counter() - t0
        stats = srv.stats()
    print(json.dumps({
        "records": args.records, "batch": args.batch, "database": "postgresql" if args.db else "sqlite",
        "seconds": round(seconds, 3), "records_per_second": round(args.records / seconds),
        "baseline_seconds": round(baseline, 3), "ratio": round(seconds / baseline, 2) if baseline else None,
        "handler_seconds": round(handler_ms / 1000, 3), "resend_seconds": round(resend_seconds, 3), "applied": applied, "duplicates_on_resend": dup,
        "server_inspections": stats["inspections"], "server_samples": stats["samples"],
        "target_seconds": 5.0, "ok": seconds <= 5.0 and applied == args.records and dup == args.records,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
