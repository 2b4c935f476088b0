"""Automatic sync: back-off with jitter, and noticing when the server becomes reachable."""

from __future__ import annotations

import random
import threading
import time

from inspector_app.sync.auto import AutoSync, backoff_delay
from tests.conftest_sync import Laptop
from tests.server_process import server  # noqa: F401  (fixture)


def test_backoff_grows_exponentially_with_jitter_and_a_ceiling():
    rng = random.Random(1)
    assert backoff_delay(0, 5, 600, rng) == 0
    for failures in range(1, 12):
        cap = min(600, 5 * 2 ** (failures - 1))
        samples = [backoff_delay(failures, 5, 600, rng) for _ in range(200)]
        assert all(2.5 <= s <= cap for s in samples)
        if cap > 10:
            assert max(samples) - min(samples) > cap / 4  # spread: laptops do not retry in step
    assert max(backoff_delay(30, 5, 600, rng) for _ in range(200)) <= 600


def test_auto_sync_notices_the_server_coming_back_and_syncs(server, tmp_path):
    lap = Laptop(tmp_path, "auto")
    events: list[dict] = []
    finished = threading.Event()
    try:
        lap.login(server)
        assert lap.sync().ok
        lap.fieldwork(inspections=2, photos_per=1, photo_bytes=10_000)
        for key, value in (("sync.interval_seconds", 0.3), ("sync.backoff_initial_seconds", 0.2),
                           ("sync.backoff_max_seconds", 0.6)):
            lap.set(key, value)
        server.stop()

        def on_event(event):
            events.append(event)
            if event["kind"] == "finished" and event["report"]["ok"]:
                finished.set()

        auto = AutoSync(lap.store, on_event)
        auto.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(e["kind"] == "offline" for e in events):
            time.sleep(0.05)
        assert any(e["kind"] == "offline" for e in events)
        assert auto.failures >= 1 and lap.status()["pending_changes"] > 0
        server.start()
        assert finished.wait(30), events
        auto.stop()
        kinds = [e["kind"] for e in events]
        assert kinds.index("reachable") > kinds.index("offline")
        assert lap.status()["pending_changes"] == 0 and lap.status()["pending_blobs"] == 0
        assert auto.failures == 0
    finally:
        lap.close()


def test_auto_sync_can_be_switched_off(server, tmp_path):
    lap = Laptop(tmp_path, "off")
    try:
        lap.login(server)
        lap.set("sync.auto", False)
        lap.set("sync.interval_seconds", 0.2)
        events: list[dict] = []
        auto = AutoSync(lap.store, events.append)
        auto.start()
        time.sleep(1.0)
        assert events == []  # nothing happens by itself
        auto.sync_now()  # … but the inspector can still ask
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(e["kind"] == "finished" for e in events):
            time.sleep(0.05)
        auto.stop()
        assert any(e["kind"] == "finished" for e in events)
    finally:
        lap.close()
