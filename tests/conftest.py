"""Shared fixtures: a real workspace (SQLite file) per test; Qt runs offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path):
    from inspector_app.store import open_store

    s = open_store(tmp_path / "ws")
    yield s
    s.close()


@pytest.fixture
def demo_store(tmp_path):
    """A small demo workspace (enterprises, tasks, number blocks and whatever demo steps exist)."""
    from inspector_app.demo import build_demo
    from inspector_app.store import open_store

    s = open_store(tmp_path / "demo")
    build_demo(s, enterprises=60, tasks=30)
    yield s
    s.close()


def run_cli(*args: str, data_dir: Path | None = None, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `inspector-app` in a fresh process, as a user would."""
    command = [sys.executable, "-m", "inspector_app"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(command + list(args), capture_output=True, text=True, timeout=timeout, env=full_env, cwd=ROOT)


@pytest.fixture
def cli():
    return run_cli
