"""Photo ingest benchmark: the evidence pipeline against the straightforward way, same files, same run.

Baseline per file: open, apply EXIF orientation to the full image, make the 2000 px display
copy and the 256 px thumbnail from it with `Image.thumbnail`, save both, hash the file.
Ingest: the real GUI import (PhotoImportJob in the background, offscreen Qt) into a fresh
workspace: hash + original stored + display + thumbnail + EXIF + database rows. While it
runs a QTimer ticks every 2 ms on the main thread; `max_ui_stall_ms` is the longest gap.

`idle_max_stall_ms` is the same meter with nothing running (the machine's own jitter: other
processes compete for the 2 cores) and `load_avg_1m` the load while measuring. CPU seconds of
the UI process are given too (the baseline runs there entirely; the ingest's decoders run in
worker processes for a batch this size). The decoder processes are started before the import,
as the application does at start-up (`importer.prewarm`); their start time is reported
separately and included in `ratio_including_pool_start`.

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_photos.py [--photos 100] [--size 4000x3000] [--processes]
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
from inspector_app.evidence.importer import PROCESS_BATCH  # noqa: E402


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


class StallMeter:
    """Longest gap between ticks of a 2 ms QTimer on the main thread (the UI's responsiveness)."""

    def __init__(self):
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[int] = []
        self._last = 0

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self.clock.start()
        self._last = 0
        self.timer.start()

    def stop(self) -> dict:
        self.timer.stop()
        gaps = sorted(self.gaps) or [0]
        return {"max": float(gaps[-1]), "p99": float(gaps[int(len(gaps) * 0.99) - 1 if len(gaps) > 1 else 0]),
                "over_50": sum(1 for g in gaps if g > 50), "ticks": len(gaps)}


def idle_stall(seconds: float) -> dict:
    """The same meter with nothing running: how much the machine itself delays the event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    meter = StallMeter()
    meter.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    return meter.stop()


def gui_ingest(files: list[Path], workspace: Path, processes: bool = False) -> tuple[float, dict, list[dict]]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from inspector_app.evidence.service import EvidenceService
    from inspector_app.store.db import open_store
    from inspector_app.ui.evidence.jobs import PhotoImportJob

    app = QApplication.instance() or QApplication([])
    store = open_store(workspace)
    service = EvidenceService(store)
    if processes:
        service._processes = True
    from inspector_app.evidence.importer import prewarm

    started = time.perf_counter()
    prewarm()  # what the application does in the background at start-up
    pool_start = time.perf_counter() - started
    meter = StallMeter()
    job = PhotoImportJob(service, [str(f) for f in files])
    done: dict = {}
    job.finished.connect(lambda results: (done.setdefault("results", results), app.quit()))
    meter.start()
    start = time.perf_counter()
    QTimer.singleShot(0, job.start)
    app.exec()
    seconds = time.perf_counter() - start
    stall = meter.stop()
    job.wait()
    store.close()
    stall["pool_start_seconds"] = pool_start
    return seconds, stall, done["results"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--size", default="4000x3000")
    parser.add_argument("--processes", action="store_true", help="decode in worker processes instead of threads")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = generate(root / "card", args.photos, size)  # type: ignore[arg-type]
        for f in files:  # warm the page cache equally for both runs
            f.read_bytes()
        cpu0 = time.process_time()
        base = baseline(files, root / "baseline")
        base_cpu = time.process_time() - cpu0
        cpu0 = time.process_time()
        seconds, stall, results = gui_ingest(files, root / "workspace", processes=args.processes)
        ingest_cpu = time.process_time() - cpu0
        idle = idle_stall(min(seconds, 10.0))
        ok = sum(1 for r in results if r["ok"])
        print(json.dumps({
            "photos": len(files),
            "megapixels": round(size[0] * size[1] / 1e6, 1),
            "imported": ok,
            "seconds": round(seconds, 3),
            "baseline_seconds": round(base, 3),
            "ratio": round(seconds / base, 3),
            "decoder_pool_start_seconds": round(stall["pool_start_seconds"], 3),
            "ratio_including_pool_start": round((seconds + stall["pool_start_seconds"]) / base, 3),
            "max_ui_stall_ms": stall["max"],
            "ui_stall_p99_ms": stall["p99"],
            "ui_gaps_over_50ms": stall["over_50"],
            "idle_max_stall_ms": idle["max"],
            "ui_process_cpu_seconds": round(ingest_cpu, 3),
            "baseline_cpu_seconds": round(base_cpu, 3),
            "per_photo_ms": round(seconds / len(files) * 1000, 1),
            "baseline_per_photo_ms": round(base / len(files) * 1000, 1),
            "workers": "processes" if args.processes or len(files) >= PROCESS_BATCH else "threads",
            "cpus": os.cpu_count(),
            "load_avg_1m": round(os.getloadavg()[0], 2),
        }))


if __name__ == "__main__":
    main()
