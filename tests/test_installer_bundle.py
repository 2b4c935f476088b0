"""The frozen build: `pyinstaller build_installer.spec` succeeds and the bundle works on its own.

One build per test session (a few minutes), shared by every test here through a session fixture.
`FI_BUNDLE_DIR=/path/to/dist/field-inspector` tests an existing build instead (e.g. the one
CI just made) — the tests then check that folder and build nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspector_app import __version__

ROOT = Path(__file__).resolve().parents[1]
EXE = ".exe" if sys.platform == "win32" else ""
SIZE_TARGET_MB = 250  # MiB, as `du -sh` counts

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]  # the first test pays for the build


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> dict:
    given = os.environ.get("FI_BUNDLE_DIR")
    if given:
        return {"dir": Path(given), "build_seconds": None, "log": ""}
    base = tmp_path_factory.mktemp("pyinstaller")
    pyinstaller = [sys.executable, "-m", "PyInstaller"]
    started = time.monotonic()
    done = subprocess.run(
        [*pyinstaller, "--noconfirm", "--clean", "--log-level", "WARN", "--distpath", str(base / "dist"),
         "--workpath", str(base / "work"), str(ROOT / "build_installer.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800)
    seconds = time.monotonic() - started
    assert done.returncode == 0, f"pyinstaller failed:\n{done.stdout[-4000:]}\n{done.stderr[-8000:]}"
    folder = base / "dist" / "field-inspector"
    print(f"\nbundle: {folder_size(folder) / 2**20:.0f} MiB, built in {seconds:.0f} s")
    return {"dir": folder, "build_seconds": seconds, "log": done.stdout + done.stderr}


def user_env(tmp_path: Path) -> dict:
    """A clean user: empty home folders, offscreen Qt, no source tree on the path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "INSPECTOR_DATA_DIR", "PYTHONHOME")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "home" / "config"), XDG_CACHE_HOME=str(tmp_path / "home" / "cache"),
               TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    (tmp_path / "home").mkdir(exist_ok=True)
    return env


def run(bundle: dict, program: str, *args: str, env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    # cwd is outside the source tree so nothing can be imported from it by accident
    return subprocess.run([str(bundle["dir"] / (program + EXE)), *args], cwd=env["HOME"], env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_frozen_smoke_test_exits_0_with_every_part_done_or_explained(bundle, tmp_path):
    env = user_env(tmp_path)
    done = run(bundle, "field-inspector", "--smoke-test", env=env)
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ok"] is True and result["frozen"] is True and result["version"] == __version__
    assert result["temporary_workspace"] is True and not Path(result["workspace"]).exists()
    assert result["tasks_listed"] > 0 and result["answered_item"]
    assert result["modules_imported"] >= 60
    skipped = result.get("skipped", {})
    for part, key in (("render_pdf", "pdf"), ("import_photo", "photo")):
        assert key in result or part in skipped, f"{part}: neither done nor skipped with a reason: {result}"
    if "pdf" in result:
        assert result["pdf"]["pages"] >= 1 and result["pdf"]["qtpdf_dark_samples"] > 0
    if "photo" in result:
        assert result["photo"]["thumbnail"][0] > 0
    log_file = tmp_path / "home" / "data" / "FieldInspector" / "logs" / "field-inspector.log"
    assert f"start smoke {__version__} (frozen" in log_file.read_text(encoding="utf-8")


def test_cli_executable_runs_commands_on_a_workspace(bundle, tmp_path):
    env = user_env(tmp_path)
    version = run(bundle, "inspector-app", "--version", env=env)
    assert version.returncode == 0 and version.stdout.strip() == f"inspector-app {__version__}"
    workspace = tmp_path / "ws"
    init = run(bundle, "inspector-app", "--data-dir", str(workspace), "init", env=env)
    assert init.returncode == 0, init.stderr
    doctor = run(bundle, "inspector-app", "--data-dir", str(workspace), "doctor", "--json", env=env)
    assert doctor.returncode == 0, doctor.stderr
    assert json.loads(doctor.stdout)["ok"] is True
    bad = run(bundle, "field-inspector", "--lang", "en", "check-uscc", "91350100M000100Y4X", env=env)
    assert bad.returncode == 1 and "should be '3'" in bad.stdout + bad.stderr  # the GUI executable runs the CLI too


def test_bundle_holds_what_the_program_needs_and_not_what_it_does_not(bundle):
    internal = bundle["dir"] / "_internal"
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    for needed in ("forms", "resources/fonts", "resources/icons/field-inspector.png", "bundle-modules.txt"):
        assert needed in names, needed
    assert any(n.endswith(".json") and n.startswith("forms/") for n in names)
    plugin_dir = "PySide6/Qt/plugins"
    for plugin in ("platforms/libqoffscreen", "platforms/libqxcb", "imageformats/libqjpeg", "printsupport/"):
        if sys.platform.startswith("linux"):
            assert any(n.startswith(f"{plugin_dir}/{plugin}") for n in names), plugin
    assert any(re.search(r"Qt6Pdf\b|Qt6Pdf\.", n) for n in names), "QtPdf library"
    for unwanted in ("WebEngine", "Qt6Quick", "Qt6Qml", "Qt63D", "Qt6Designer", "Qt6Charts"):
        assert not any(unwanted in n for n in names), unwanted
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        assert f"resources/translations/{ts.stem}.qm" in names, f"{ts.name} not compiled into the bundle"


def test_bundle_size_is_within_target(bundle):
    size_mb = folder_size(bundle["dir"]) / 2**20
    print(json.dumps({"bundle_mb": round(size_mb, 1), "build_seconds": bundle["build_seconds"] and round(bundle["build_seconds"])}))
    assert size_mb <= SIZE_TARGET_MB, f"the bundle is {size_mb:.0f} MB, above the {SIZE_TARGET_MB} MB target"


@pytest.mark.skipif(shutil.which("xvfb-run") is None or not sys.platform.startswith("linux"), reason="needs Xvfb")
def test_frozen_smoke_test_on_a_real_x_display(bundle, tmp_path):
    """The xcb platform plugin and its libraries, as an inspector's Linux laptop would load them."""
    env = user_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "xcb"
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", str(bundle["dir"] / "field-inspector"),
                           "--smoke-test"], cwd=env["HOME"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    assert json.loads(done.stdout.strip().splitlines()[-1])["ok"] is True


def test_frozen_gui_first_start_builds_the_demo_and_stays_up(bundle, tmp_path):
    """The interactive path the smoke test does not take: first start, demo built behind a busy dialog."""
    env = user_env(tmp_path)
    program = subprocess.Popen([str(bundle["dir"] / ("field-inspector" + EXE)), "--demo", "--data-dir", str(tmp_path / "demo")],
                               cwd=env["HOME"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        database = tmp_path / "demo" / "inspector.sqlite3"
        while time.monotonic() < deadline and program.poll() is None:
            log = tmp_path / "home" / "data" / "FieldInspector" / "logs" / "field-inspector.log"
            if database.exists() and log.exists() and "start gui" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.5)
        time.sleep(8)  # the window is up, the first pages load, deferred deletions run
        assert program.poll() is None, f"the GUI exited with {program.returncode}:\n{program.communicate()[1][-4000:]}"
    finally:
        if program.poll() is None:
            program.terminate()
            program.communicate(timeout=30)
    logs = tmp_path / "home" / "data" / "FieldInspector" / "logs"
    text = (logs / "field-inspector.log").read_text(encoding="utf-8")
    assert "uncaught exception" not in text, text[-4000:]
    fatal = logs / "fatal.log"
    assert not fatal.exists() or fatal.read_text(encoding="utf-8") == "", fatal.read_text(encoding="utf-8")


@pytest.mark.skipif(not (ROOT / "resources" / "translations" / "inspector_en.ts").exists(), reason="no English catalogue yet")
def test_frozen_build_speaks_english_from_the_compiled_catalogue(bundle, tmp_path):
    env = user_env(tmp_path)
    done = run(bundle, "field-inspector", "--smoke-test", "--lang", "en", env=env)
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    assert json.loads(done.stdout.strip().splitlines()[-1])["language"] == "en"
