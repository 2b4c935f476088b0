"""Photo ingest benchmark: the evidence pipeline against the straightforward way, same files, same run.

Baseline per file: open, apply EXIF orientation to the full image, make the 2000 px display
copy and the 256 px thumbnail from it with `Image.thumbnail`, save both, hash the file.
Ingest: the real GUI import (PhotoImportJob in the background, offscreen Qt) into a fresh
workspace: hash + original stored + display + thumbnail + EXIF + database rows. While it
runs a QTimer ticks every 2 ms on the main thread; `max_ui_stall_ms` is the longest gap.

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_photos.py [--photos 100] [--size 4000x3000]
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image, ImageOps  # noqa: E402

from inspector_app.demo.photos import make_photo  # noqa: E402


def _make(args: tuple[str, int, tuple[int, int]]) -> str:
    path, i, size = args
    import datetime as dt

    make_photo(path, size=size, seed=i, orientation=(1, 6, 8, 3, 6)[i % 5],
               taken_at=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))) + dt.timedelta(minutes=i),
               gps=(31.23 + i * 1e-5, 121.47), camera=("HUAWEI", "HUAWEI P40"))
    return path


def generate(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    jobs = [(str(folder / f"IMG_{i:04d}.jpg"), i, size) for i in range(count)]
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        return [Path(p) for p in pool.map(_make, jobs)]


def baseline(files: list[Path], out: Path) -> float:
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for f in files:
        with Image.open(f) as im:
            full = ImageOps.exif_transpose(im)
            display = full.copy()
            display.thumbnail((2000, 2000))
            display.save(out / f"{f.stem}.display.jpg", quality=85)
            thumb = display.copy()
            thumb.thumbnail((256, 256))
            thumb.save(out / f"{f.stem}.thumb.jpg", quality=80)
        h = hashlib.sha256()
        with open(f, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        h.hexdigest()
    return time.perf_counter() - start


def gui_ingest(files: list[Path], workspace: Path) -> tuple[float, float, list[dict]]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from inspector_app.evidence.service import EvidenceService
    from inspector_app.store.db import open_store
    from inspector_app.ui.evidence.jobs import PhotoImportJob

    app = QApplication.instance() or QApplication([])
    store = open_store(workspace)
    service = EvidenceService(store)
    clock = QElapsedTimer()
    state = {"last": 0, "max_gap": 0, "ticks": 0}

    def tick() -> None:
        now = clock.elapsed()
        state["max_gap"] = max(state["max_gap"], now - state["last"])
        state["last"] = now
        state["ticks"] += 1

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    job = PhotoImportJob(service, [str(f) for f in files])
    done: dict = {}
    job.finished.connect(lambda results: (done.setdefault("results", results), app.quit()))
    clock.start()
    timer.start()
    start = time.perf_counter()
    QTimer.singleShot(0, job.start)
    app.exec()
    seconds = time.perf_counter() - start
    timer.stop()
    job.wait()
    store.close()
    return seconds, float(state["max_gap"]), done["results"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--size", default="4000x3000")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = generate(root / "card", args.photos, size)  # type: ignore[arg-type]
        for f in files:  # warm the page cache equally for both runs
            f.read_bytes()
        base = baseline(files, root / "baseline")
        seconds, stall, results = gui_ingest(files, root / "workspace")
        ok = sum(1 for r in results if r["ok"])
        print(json.dumps({
            "photos": len(files),
            "megapixels": round(size[0] * size[1] / 1e6, 1),
            "imported": ok,
            "seconds": round(seconds, 3),
            "baseline_seconds": round(base, 3),
            "ratio": round(seconds / base, 3),
            "max_ui_stall_ms": stall,
            "per_photo_ms": round(seconds / len(files) * 1000, 1),
            "baseline_per_photo_ms": round(base / len(files) * 1000, 1),
            "cpus": os.cpu_count(),
        }))


if __name__ == "__main__":
    main()
