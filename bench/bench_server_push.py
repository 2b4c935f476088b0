"""Push throughput of the central server: 10,000 metadata records in batches of 500.

Real server process on loopback (SQLite by default, `--db URL` for PostgreSQL). Baseline, same
run: the same request bodies posted to `/blobs/missing` with an empty hash list, i.e. the HTTP +
JSON + auth cost without any record work. Prints one JSON object; `*_cpu_seconds` are the server
process's CPU time (user + system) during a phase, less sensitive to other load than wall time.

`--custody-events N` adds, after each sample, the first N events of a full custody history
(DRAWN, SEALED, SIGNED, …) in the same batches; then the lab pushes the rest of every history
(`lab_seconds`), so each of its batches extends chains the server already stores.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server_process import FULL_HISTORY, Api, change, custody_chain, inspection_row, running_server, sample_row  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--records", type=int, default=10_000)
    p.add_argument("--batch", type=int, default=500)
    p.add_argument("--db", default=None)
    p.add_argument("--custody-events", type=int, default=0, choices=range(len(FULL_HISTORY) + 1),
                   help="custody events pushed with each sample (the lab pushes the rest of the history)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp), db_url=args.db, demo_password="demo-pass-1") as srv:
        api = Api(srv, "insp1", device_id="bench")
        tasks = api.my_tasks()
        rows, lab_rows = [], []
        for i in range(args.records):
            task = tasks[i % len(tasks)]
            if i % 2 == 0:
                rows.append(change("inspection", inspection_row(task)))
                continue
            sample = sample_row(task)
            rows.append(change("sample", sample))
            if args.custody_events:
                history = custody_chain(sample, device_id="bench")
                rows += [change("custody_event", e, op="append") for e in history[:args.custody_events]]
                lab_rows += [change("custody_event", e, op="append") for e in history[args.custody_events:]]
        bodies = _bodies(rows, args.batch, "bench")
        session = requests.Session()
        session.headers.update(api.session.headers)
        session.headers["Content-Type"] = "application/json"

        t0 = time.perf_counter()
        for body in bodies:
            r = session.post(srv.base_url + "/blobs/missing", data=b'{"hashes":[]}' + b" " * len(body), timeout=60)
            r.raise_for_status()
        baseline = time.perf_counter() - t0

        t0, cpu0 = time.perf_counter(), _cpu(srv)
        applied = 0
        handler_ms = 0.0
        for body in bodies:
            r = session.post(srv.base_url + "/push", data=body, timeout=120)
            r.raise_for_status()
            handler_ms += float(r.headers.get("Server-Timing", "push;dur=0").split("dur=")[1])
            applied += sum(1 for x in r.json()["results"] if x["status"] == "applied")
        seconds, server_cpu = time.perf_counter() - t0, _cpu(srv) - cpu0

        t0 = time.perf_counter()
        dup = 0
        for body in bodies:
            r = session.post(srv.base_url + "/push", data=body, timeout=120)
            dup += sum(1 for x in r.json()["results"] if x["status"] == "duplicate")
        resend_seconds = time.perf_counter() - t0

        lab_seconds, lab_cpu, lab_applied = 0.0, 0.0, 0
        if lab_rows:
            lab = requests.Session()
            lab.headers.update(Api(srv, "lab1", device_id="lab-pc").session.headers)
            lab.headers["Content-Type"] = "application/json"
            t0, cpu0 = time.perf_counter(), _cpu(srv)
            for body in _bodies(lab_rows, args.batch, "lab-pc"):
                r = lab.post(srv.base_url + "/push", data=body, timeout=120)
                r.raise_for_status()
                lab_applied += sum(1 for x in r.json()["results"] if x["status"] == "applied")
            lab_seconds, lab_cpu = time.perf_counter() - t0, _cpu(srv) - cpu0
        stats = srv.stats()
    target = 5.0 * len(rows) / 10_000
    print(json.dumps({
        "records": len(rows), "custody_events_per_sample": args.custody_events, "batch": args.batch,
        "database": "postgresql" if args.db else "sqlite",
        "seconds": round(seconds, 3), "records_per_second": round(len(rows) / seconds),
        "baseline_seconds": round(baseline, 3), "ratio": round(seconds / baseline, 2) if baseline else None,
        "handler_seconds": round(handler_ms / 1000, 3), "server_cpu_seconds": round(server_cpu, 3), "resend_seconds": round(resend_seconds, 3), "applied": applied, "duplicates_on_resend": dup,
        "server_inspections": stats["inspections"], "server_samples": stats["samples"],
        "lab_events": len(lab_rows), "lab_seconds": round(lab_seconds, 3),
        "lab_server_cpu_seconds": round(lab_cpu, 3), "lab_applied": lab_applied,
        "server_custody_events": stats["custody_events"],
        "target_seconds": round(target, 1),
        "ok": seconds <= target and applied == len(rows) and dup == len(rows) and lab_applied == len(lab_rows),
    }))
    return 0


def _cpu(srv) -> float:
    """User + system CPU seconds of the server process so far (Linux /proc)."""
    fields = Path(f"/proc/{srv.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _bodies(rows: list[dict], batch: int, device_id: str) -> list[bytes]:
    return [json.dumps({"device_id": device_id, "changes": rows[i:i + batch]}, ensure_ascii=False).encode()
            for i in range(0, len(rows), batch)]


if __name__ == "__main__":
    sys.exit(main())
