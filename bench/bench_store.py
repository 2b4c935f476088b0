"""Store benchmark: 100,000 enterprises + 10,000 tasks, then search latency vs a LIKE scan.

Prints one JSON object. The baseline (`baseline_like_*`) is the straightforward way, measured
on the same rows in the same run: `name LIKE '%q%' OR address LIKE '%q%' OR uscc LIKE 'q%' …`.
Usage: python bench/bench_store.py [--enterprises N] [--tasks N] [--queries N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspector_app.demo.reference import generate_enterprises, generate_tasks  # noqa: E402
from inspector_app.store import open_store  # noqa: E402
from inspector_app.store.reference import bulk_upsert_enterprises, bulk_upsert_tasks  # noqa: E402
from inspector_app.store.search import search_enterprises  # noqa: E402

ONE = ["线", "缆", "钢", "电", "具", "服", "塑", "肥", "帽", "灶"]
TWO = ["电缆", "钢材", "玩具", "服饰", "济南", "青岛", "家电", "餐具", "线缆", "车业", "深圳", "化肥"]
MORE = ["远东电缆", "塑料制品", "电子电器", "安全防护", "苏州市", "工业南路", "新能源车辆", "劳保用品", "有限公司"]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def like_search(db, text: str, limit: int = 20):
    pattern = f"%{text}%"
    return db.execute(
        "SELECT id, name FROM enterprise WHERE name LIKE ? OR former_names LIKE ? OR address LIKE ?"
        " OR uscc LIKE ? OR licences LIKE ? LIMIT ?",
        [pattern, pattern, pattern, f"{text}%", pattern, limit],
    ).fetchall()


def timed(fn, queries):
    samples = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="keep the workspace in this folder")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-store-"))
    rng = random.Random(1)
    today = __import__("datetime").date(2026, 11, 21)
    enterprises = generate_enterprises(rng, args.enterprises, today)
    tasks = generate_tasks(rng, enterprises, args.tasks, today)

    store = open_store(root)
    start = time.perf_counter()
    store.write_sync(lambda txn: bulk_upsert_enterprises(txn, enterprises, source="bench"))
    insert_seconds = time.perf_counter() - start
    start = time.perf_counter()
    store.write_sync(lambda txn: bulk_upsert_tasks(txn, tasks, source="bench"))
    task_seconds = time.perf_counter() - start

    uscc_prefixes = [e["uscc"][: rng.choice((4, 6, 8, 10))] for e in rng.sample(enterprises, 20)]
    pool = ONE + TWO + MORE + uscc_prefixes
    queries = [rng.choice(pool) for _ in range(args.queries)]
    db = store.read()
    for q in pool:  # warm the page cache for both methods alike
        search_enterprises(db, q)
        like_search(db, q)
    fts = timed(lambda q: search_enterprises(db, q, limit=20), queries)
    one_char = timed(lambda q: search_enterprises(db, q, limit=20), [q for q in queries if len(q) == 1])
    like = timed(lambda q: like_search(db, q, limit=20), queries)
    store.close()

    print(json.dumps({
        "enterprises": args.enterprises,
        "tasks": args.tasks,
        "insert_seconds": round(insert_seconds, 3),
        "task_insert_seconds": round(task_seconds, 3),
        "queries": len(queries),
        "search_p50_ms": round(statistics.median(fts), 3),
        "search_p95_ms": round(percentile(fts, 95), 3),
        "search_max_ms": round(max(fts), 3),
        "search_one_char_p95_ms": round(percentile(one_char, 95), 3) if one_char else None,
        "baseline_like_p50_ms": round(statistics.median(like), 3),
        "baseline_like_p95_ms": round(percentile(like, 95), 3),
        "db_bytes": (root / "inspector.sqlite3").stat().st_size,
    }))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
