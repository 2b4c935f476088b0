"""Custody benchmark: appending events through the service, verifying every chain (doctor), and
loading the sample list, each against a baseline measured on the same rows in the same run.

- append: `service.append_event` (validation, state machine, hash link, audit head, list status)
  vs `txn.append` of the same rows already hashed (the bare insert + outbox + audit cost);
- verify: `verify.verify_all` (record hashes, every event hash and link, audit cross-check)
  vs reading and decoding the same rows without hashing;
- list: `listing.list_rows` (stages, deadlines) — the GUI's list query.
Prints one JSON object. Usage: python bench/bench_custody.py [--samples N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from custody_helpers import courier_ship, make_task, receive, signed_sample  # noqa: E402

from inspector_app.custody import listing, service, verify  # noqa: E402
from inspector_app.domain.ids import uuid7  # noqa: E402
from inspector_app.store import open_store  # noqa: E402
from inspector_app.store.reference import query  # noqa: E402

STEPS = [("BLIND_CODED", "test", {"blind_code": "BM-1"}), ("TESTED", "test", {"report_no": "R-1", "conclusion": "合格"}),
         ("RESULT_SERVED", "both", {"to": "王强", "method": "post", "served_on": "2026-11-01"})]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-custody-"))
    store = open_store(root / "ws")
    task = make_task(store)
    ids = []
    t0 = time.perf_counter()
    for n in range(args.samples):
        sample = signed_sample(store, seals=(f"B{n}-T", f"B{n}-B"), task_id=task)
        ids.append(sample["id"])
    t_sign = time.perf_counter() - t0
    t0 = time.perf_counter()
    for sid in ids:
        courier_ship(store, sid)
        receive(store, sid)
        for etype, part, data in STEPS:
            store.write_sync(lambda t, e=etype, p=part, d=data, s=sid: service.append_event(t, s, e, p, data=d))
    t_append = time.perf_counter() - t0
    appended = len(ids) * (2 + len(STEPS))
    db = store.read()
    t0 = time.perf_counter()
    results = verify.verify_all(db)
    t_verify = time.perf_counter() - t0
    assert all(r.ok for _, r in results)
    t0 = time.perf_counter()
    for sid in ids:
        service.events_of(db, sid)
        db.execute("SELECT * FROM sample WHERE id = ?", [sid]).fetchone()
    t_base_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    listed = listing.list_rows(db)
    t_list = time.perf_counter() - t0
    events = db.execute("SELECT count(*) FROM custody_event").fetchone()[0]
    # Baseline: the same rows, already hashed, inserted with txn.append (one write each), after
    # the measurements above (as copies at seq + 1000, so they do not touch the verified chains).
    rows = query(db, "SELECT * FROM custody_event WHERE type IN ('SHIPPED','LAB_RECEIVED','BLIND_CODED','TESTED','RESULT_SERVED')",
                 table="custody_event")
    t0 = time.perf_counter()
    for row in rows:
        fresh = {**row, "id": uuid7(), "seq": row["seq"] + 1000}
        store.write_sync(lambda t, r=fresh: t.append("custody_event", r))
    t_base_append = time.perf_counter() - t0
    store.close()
    print(json.dumps({
        "samples": len(ids), "events": events,
        "sign_and_open_chain_ms_per_sample": round(t_sign / len(ids) * 1000, 3),
        "append_ms_per_event": round(t_append / appended * 1000, 3),
        "baseline_bare_append_ms_per_event": round(t_base_append / len(rows) * 1000, 3),
        "verify_all_ms": round(t_verify * 1000, 1),
        "verify_ms_per_event": round(t_verify / events * 1000, 4),
        "baseline_read_only_ms": round(t_base_read * 1000, 1),
        "list_rows_ms": round(t_list * 1000, 1), "listed": len(listed),
    }, ensure_ascii=False))
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
