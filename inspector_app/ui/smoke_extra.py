"""Smoke-test steps that check a build is complete (`--smoke-test`, frozen or from source).

Appended to the GUI's `inspector_app.ui.smoke.SMOKE_STEPS` by `register()` (the launcher
calls it): every module of the application imports (catches missing hidden imports), the
task list is listed, a document is rendered to PDF and opened with QtPdf, a photo is imported
and its thumbnail decoded by Qt's image plugins. A step whose feature is not in this build
records why under `skipped` in the JSON line instead of pretending; a step that is present
but broken fails the smoke test. Modules are imported inside the steps: the smoke test also
times start-up, which should not include the smoke test's own imports.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from inspector_app import __version__

TEMPORARY_WORKSPACE: dict[str, str] = {}

# Modules whose import has side effects or needs the server extras; everything else must import.
IMPORT_SKIP_SUFFIXES = ("__main__",)


def _skip(ctx: Any, part: str, reason: str) -> dict:
    ctx.result.setdefault("skipped", {})[part] = reason
    return {}


def _has(module: str) -> bool:
    try:
        import importlib.util

        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


def step_build_info(ctx: Any) -> dict:
    """What was tested: version, schema, frozen or not, where the log and workspace are."""
    from inspector_app import i18n, logging_setup
    from inspector_app.store.migrations import schema_version

    info = {
        "version": __version__,
        "schema_version": schema_version(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "workspace": str(ctx.store.paths.root),
        "temporary_workspace": bool(TEMPORARY_WORKSPACE),
        "log_file": str(logging_setup.current_log_file() or ""),
        "language": i18n.language(),  # the requested one only when its catalogue loaded
    }
    return info


def app_modules() -> list[str]:
    """Every module of `inspector_app`: from the source files, or from the frozen archive."""
    import inspector_app

    if getattr(sys, "frozen", False):  # the spec lists what it bundled; the archive's own listing adds the rest
        manifest = Path(getattr(sys, "_MEIPASS", "")) / "bundle-modules.txt"
        listed = manifest.read_text(encoding="utf-8").split() if manifest.exists() else []
        import pkgutil

        walked = [m.name for m in pkgutil.walk_packages(inspector_app.__path__, "inspector_app.")]
        return sorted(set(listed) | set(walked))
    root = Path(inspector_app.__file__).resolve().parent
    names = []
    for path in sorted(root.rglob("*.py")):  # pkgutil skips folders without __init__.py (namespace packages)
        parts = path.relative_to(root.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def step_import_all(ctx: Any) -> dict:
    """Every module of the application imports (lazy imports included: CLI commands, doctor checks)."""
    import importlib

    names = [name for name in app_modules() if not name.endswith(IMPORT_SKIP_SUFFIXES)]
    failures = {}
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - collected and reported together
            failures[name] = f"{type(exc).__name__}: {exc}"
    from inspector_app.cli import COMMAND_MODULES, build_parser
    from inspector_app.doctor import load_checks

    build_parser()  # imports every CLI command module
    load_checks()  # imports every doctor check
    if failures:
        raise RuntimeError(f"modules failed to import: {failures}")
    if len(names) < 10:
        raise RuntimeError(f"only {len(names)} modules found: the package listing is broken")
    return {"modules_imported": len(names), "cli_command_modules": len(COMMAND_MODULES)}


def step_list_tasks(ctx: Any) -> dict:
    """The task list shows rows, and the store agrees on the count."""
    model = ctx.window.tasks.model
    in_store = ctx.store.read().execute("SELECT count(*) FROM task").fetchone()[0]
    if model.rowCount() == 0 or in_store == 0:
        raise RuntimeError(f"no tasks listed (model {model.rowCount()}, store {in_store})")
    first = model.task(0)
    return {"tasks_listed": model.rowCount(), "tasks_in_store": in_store, "first_task_state": first.get("state")}


def _pdf_to_render(store: Any) -> tuple[str, bytes]:
    """An issued document re-printed from its stored inputs, else a watermarked preview of a record.

    Neither writes anything: the smoke test may run on a real workspace, where issuing would use
    up a document number.
    """
    from inspector_app.documents import DOC_TYPES, module_for
    from inspector_app.documents import issue
    from inspector_app.documents.render import blob_loader, render
    from inspector_app.domain.ids import utc_now

    row = store.read().execute("SELECT id FROM document ORDER BY issued_at, id LIMIT 1").fetchone()
    if row is not None:
        printed = issue.reprint(store, row[0])
        return printed.number, printed.pdf
    for doc_type in ("sampling_record", *DOC_TYPES):
        candidates = module_for(doc_type).candidates(store.read())
        if candidates:
            now = utc_now()
            inputs = issue.gather_inputs(store.read(), doc_type, candidates[0], now)
            return f"preview:{doc_type}", render(doc_type, inputs, "", now, blob_loader(store.paths.blobs), preview=True)
    raise RuntimeError("the workspace has no record any document can be rendered from")


def step_render_pdf(ctx: Any) -> dict:
    """Render a 文书 with reportlab (fonts from resources/) and open it with QtPdf (bundled plugin)."""
    if not _has("inspector_app.documents"):
        return _skip(ctx, "render_pdf", "inspector_app.documents is not in this build (branch documents not merged yet)")
    started = time.monotonic()
    number, pdf = _pdf_to_render(ctx.store)
    render_seconds = time.monotonic() - started
    if not pdf.startswith(b"%PDF-"):
        raise RuntimeError("the renderer did not produce a PDF")
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    import tempfile

    with tempfile.TemporaryDirectory(dir=ctx.store.paths.tmp) as folder:
        path = Path(folder) / "smoke.pdf"
        path.write_bytes(pdf)
        document = QPdfDocument()
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise RuntimeError(f"QtPdf could not open the rendered PDF: {error}")
        pages = document.pageCount()
        image = document.render(0, QSize(595, 842))
        document.close()
    if image.isNull():
        raise RuntimeError("QtPdf rendered an empty page")
    ink = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7) if image.pixelColor(x, y).lightness() < 128)
    if ink == 0:
        raise RuntimeError("the rendered page is blank")
    return {"pdf": {"number": number, "bytes": len(pdf), "pages": pages, "render_seconds": round(render_seconds, 3),
                    "qtpdf_dark_samples": ink}}


def step_import_photo(ctx: Any) -> dict:
    """Import a real JPEG (Pillow pipeline) into the open inspection; Qt decodes its thumbnail."""
    if not _has("inspector_app.evidence"):
        return _skip(ctx, "import_photo", "inspector_app.evidence is not in this build (branch evidence not merged yet)")
    from PySide6.QtGui import QImage

    from inspector_app.demo.photos import make_photo
    from inspector_app.evidence.importer import Owner
    from inspector_app.evidence.imaging import HEIF_AVAILABLE
    from inspector_app.evidence.service import EvidenceService

    from inspector_app.evidence import importer

    owner = Owner("inspection", ctx.inspection.inspection_id) if ctx.inspection is not None else None
    service = EvidenceService(ctx.store)
    # Decoder processes (spawned: in a frozen build they re-enter the executable) when this build has them.
    processes = bool(getattr(importer, "PROCESSES_ENABLED", False))
    import tempfile

    with tempfile.TemporaryDirectory(dir=ctx.store.paths.tmp) as folder:
        photo = make_photo(Path(folder) / "smoke-photo.jpg", size=(1200, 900), seed=11)
        started = time.monotonic()
        results = importer.Importer(ctx.store, workers=1, processes=processes).run(
            [str(photo)], attach=owner, caption="smoke test")
    seconds = time.monotonic() - started
    if len(results) != 1 or not results[0].ok:
        raise RuntimeError(f"photo import failed: {[r.as_json() for r in results]}")
    sha = results[0].sha256
    if not service.blobs.verify(sha):
        raise RuntimeError("the imported photo's stored bytes do not match its hash")
    thumb = QImage(str(service.blobs.thumb_path(sha)))
    original = QImage(str(service.blobs.path(sha)))
    if thumb.isNull() or original.isNull():
        raise RuntimeError("Qt could not decode the photo (imageformats plugin missing?)")
    return {"photo": {"sha256": sha[:16], "attached_to": owner.kind if owner else None, "import_seconds": round(seconds, 3),
                      "decoder": "processes" if processes else "threads",
                      "thumbnail": [thumb.width(), thumb.height()], "heif_available": HEIF_AVAILABLE}}


def step_doctor(ctx: Any) -> dict:
    """The workspace's integrity checks (`inspector-app doctor`): database, stored files, custody chains."""
    from inspector_app.doctor import run_checks

    problems = {name: found for name, found in run_checks(ctx.store).items() if found}
    if problems:
        raise RuntimeError(f"doctor found problems: {problems}")
    if not _has("inspector_app.custody"):
        _skip(ctx, "custody", "inspector_app.custody is not in this build (branch custody not merged yet)")
    from inspector_app.doctor import CHECKS

    return {"doctor_checks": len(CHECKS)}


EXTRA_STEPS = [step_build_info, step_import_all, step_list_tasks, step_render_pdf, step_import_photo, step_doctor]


def register() -> None:
    """Insert the extra steps after the GUI's inspection steps, before it closes the windows (idempotent)."""
    from inspector_app.ui import smoke

    steps = smoke.SMOKE_STEPS
    for step in EXTRA_STEPS:
        if step in steps:
            return
    close = getattr(smoke, "step_close", None)
    at = steps.index(close) if close in steps else len(steps)
    steps[at:at] = EXTRA_STEPS
