"""文书 tab benchmark: reading one task's document list (`documents.listing.task_documents`, what
the tab's worker runs each time a task is selected) on a large workspace, against a baseline
measured on the same tasks in the same run: the two indexed lookups alone (the task's records
and their issued documents), i.e. the list without deciding which documents still apply.

Which documents apply is a workspace-wide scan (`listing.applicable`), kept until the database
changes: `cold` is a read right after a committed write (the scan runs), `warm` a read while
nothing changed (a clerk browsing tasks).

The workspace: demo reference data with `--tasks` tasks, `--inspections` finalized inspections
(each with a sample and its custody events, from the demo field-work generator), `--refusals`
refusal records, and `--issued` sampling records issued. CPU time (thread time of the one
thread doing the reads) per task, median and p95 over `--sample-tasks` tasks, best of
`--repeat` passes. Prints one JSON object.
Usage: python bench/bench_documents_tab.py [--tasks N] [--inspections N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspector_app.demo import build_demo  # noqa: E402
from inspector_app.demo.fieldwork import FieldworkOptions, fill_fieldwork  # noqa: E402
from inspector_app.documents import listing  # noqa: E402
from inspector_app.documents.issue import issue  # noqa: E402
from inspector_app.store import open_store  # noqa: E402


def per_task_cpu_ms(fn, db, task_ids: list[str], repeat: int, before=None) -> list[float]:
    """CPU ms per task: for each task the best of `repeat` runs (the others' noise removed);
    `before()` runs untimed before each run."""
    out = []
    for task_id in task_ids:
        best = float("inf")
        for _ in range(repeat):
            if before is not None:
                before()
            t0 = time.thread_time()
            fn(db, task_id)
            best = min(best, time.thread_time() - t0)
        out.append(best * 1000)
    return out


def baseline(db, task_id: str) -> list[dict]:
    records = listing.task_records(db, task_id)
    return listing._issued(db, records)   # noqa: SLF001 - the baseline is the listing's own indexed part


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"p50": round(statistics.median(ordered), 3), "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
            "max": round(ordered[-1], 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--inspections", type=int, default=3000)
    parser.add_argument("--refusals", type=int, default=100)
    parser.add_argument("--issued", type=int, default=50)
    parser.add_argument("--sample-tasks", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-doctab-"))
    store = open_store(root / "ws")
    t0 = time.perf_counter()
    build_demo(store, enterprises=max(60, args.tasks // 4), tasks=args.tasks)
    fill_fieldwork(store, FieldworkOptions(inspections=args.inspections, photos_per=0, refusals=args.refusals), per_transaction=100)
    db = store.read()
    samples = [r[0] for r in db.execute("SELECT id FROM sample WHERE state != 'draft' ORDER BY id LIMIT ?", [args.issued])]
    for sample_id in samples:
        issue(store, "sampling_record", sample_id)
    t_build = time.perf_counter() - t0
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("task", "inspection", "sample", "custody_event", "site_record", "document")}
    step = max(1, counts["task"] // args.sample_tasks)
    task_ids = [r[0] for r in db.execute("SELECT id FROM task ORDER BY id").fetchall()][::step][:args.sample_tasks]
    # tasks with issued documents are in the sample too
    task_ids += [r[0] for r in db.execute(f"SELECT DISTINCT task_id FROM sample WHERE id IN ({','.join('?' * len(samples))})",
                                          samples).fetchall()][:10]
    listing.task_documents(db, task_ids[0])      # imports (reportlab via the document modules) outside the timing
    ticks = iter(range(10**9))

    def commit_a_change() -> None:
        store.write_sync(lambda txn: txn.set_setting("bench.tick", next(ticks)))

    warm = per_task_cpu_ms(listing.task_documents, db, task_ids, args.repeat)
    cold = per_task_cpu_ms(listing.task_documents, db, task_ids, args.repeat, before=commit_a_change)
    base = per_task_cpu_ms(baseline, db, task_ids, args.repeat)
    rows = sum(len(listing.task_documents(db, t)) for t in task_ids)
    store.close()
    print(json.dumps({
        "workspace": counts, "build_s": round(t_build, 1), "tasks_measured": len(task_ids), "rows_listed": rows,
        "task_documents_warm_cpu_ms": summary(warm), "task_documents_cold_cpu_ms": summary(cold),
        "baseline_indexed_lookups_cpu_ms": summary(base),
        "cpus": os.cpu_count(), "load": os.getloadavg()[0],
    }, ensure_ascii=False))
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
