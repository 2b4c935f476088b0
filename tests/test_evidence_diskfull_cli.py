"""A full disk during import (real tmpfs), and the `photos` command line."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from inspector_app.demo.photos import make_photo
from tests.conftest import run_cli
from tests.conftest_evidence import assert_no_orphans, small_jpeg


@pytest.fixture
def tiny_disk(tmp_path):
    """A 3 MB tmpfs (needs root; CI containers run as root)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount tmpfs: {proc.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_fails_that_file_only_and_leaves_nothing(tiny_disk, tmp_path):
    from inspector_app.evidence.service import EvidenceService
    from inspector_app.store import open_store

    card = tmp_path / "card"
    small = [small_jpeg(card / f"a{i}.jpg", seed=i, size=(500, 400)) for i in range(2)]
    big = make_photo(card / "b_big.jpg", size=(4000, 3000), seed=5, quality=95)  # ≈ 5 MB: cannot fit
    later = small_jpeg(card / "c_after.jpg", seed=9, size=(500, 400))
    assert big.stat().st_size > 3 * 1024 * 1024
    with open_store(tiny_disk / "ws") as store:
        results = {r.path.rsplit("/", 1)[-1]: r for r in EvidenceService(store, workers=2).import_files([str(card)])}
        assert results["b_big.jpg"].code == "disk_full", results["b_big.jpg"]
        assert "磁盘已满" in results["b_big.jpg"].error
        assert all(results[f.name].ok for f in [*small, later])
        assert_no_orphans(store)
        assert store.read().execute("SELECT count(*) FROM blob").fetchone()[0] == 3


def test_cli_import_prints_one_json_line_per_file_and_exit_code(tmp_path):
    ws = tmp_path / "ws"
    assert run_cli("init", data_dir=ws).returncode == 0
    good = small_jpeg(tmp_path / "in" / "good.jpg")
    bad = tmp_path / "in" / "bad.jpg"
    bad.write_text("not a photo")
    proc = run_cli("--lang", "en", "photos", "import", str(tmp_path / "in"), data_dir=ws)
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 1, proc.stderr
    assert [(l["path"].rsplit("/", 1)[-1], l["ok"]) for l in lines] == [("bad.jpg", False), ("good.jpg", True)]
    assert "not a photo" in lines[0]["error"] and "sha256" not in lines[0]
    assert len(lines[1]["sha256"]) == 64
    proc = run_cli("photos", "import", str(good), data_dir=ws)
    assert proc.returncode == 0 and json.loads(proc.stdout)["duplicate"] is True
    assert run_cli("photos", "verify", data_dir=ws).returncode == 0


def test_cli_attach_and_refusals(tmp_path):
    ws = tmp_path / "ws"
    assert run_cli("init", data_dir=ws).returncode == 0
    good = small_jpeg(tmp_path / "good.jpg")
    proc = run_cli("photos", "import", str(good), "--attach", "sample:missing-id", data_dir=ws)
    assert proc.returncode == 1 and json.loads(proc.stdout)["code"] == "owner_missing"
    proc = run_cli("photos", "import", str(good), "--attach", "custody_event:no-such-event", data_dir=ws)
    assert proc.returncode == 1 and json.loads(proc.stdout)["code"] == "owner_missing"
    proc = run_cli("photos", "import", str(good), "--attach", "nonsense", data_dir=ws)
    assert proc.returncode == 2 and "KIND:ID" in proc.stderr
    proc = run_cli("photos", "import", str(tmp_path / "nope.jpg"), data_dir=ws)
    assert proc.returncode == 1 and json.loads(proc.stdout)["code"] == "not_found"


def test_cli_verify_detects_a_changed_original(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", data_dir=ws)
    proc = run_cli("photos", "import", str(small_jpeg(tmp_path / "g.jpg")), data_dir=ws)
    sha = json.loads(proc.stdout)["sha256"]
    blob = ws / "blobs" / sha[:2] / sha
    blob.write_bytes(blob.read_bytes()[:-10] + b"0123456789")
    proc = run_cli("photos", "verify", data_dir=ws)
    assert proc.returncode == 1 and sha in proc.stdout
