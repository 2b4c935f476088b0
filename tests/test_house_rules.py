"""House rules a machine can check (DESIGN.md)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_pyside6_is_imported_only_under_ui():
    offenders = []
    for folder in ("inspector_app", "inspector_server"):
        for path in (ROOT / folder).rglob("*.py"):
            if "ui" in path.relative_to(ROOT / folder).parts[:1]:
                continue
            if any(name == "PySide6" or name.startswith("PySide6.") for name in _imports(path)):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_headless_packages_import_without_qt():
    import subprocess
    import sys

    code = (
        "import sys, importlib, pkgutil, inspector_app\n"
        "for m in pkgutil.walk_packages(inspector_app.__path__, 'inspector_app.'):\n"
        "    if '.ui' in m.name or m.name.endswith('__main__'): continue\n"
        "    importlib.import_module(m.name)\n"
        "assert not any(k.startswith('PySide6') for k in sys.modules), [k for k in sys.modules if k.startswith('PySide6')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_migrations_are_never_edited_only_appended():
    """Names stay unique and ordered; a released migration keeps its name."""
    from inspector_app.store.migrations import migrations

    names = [m.name for m in migrations._migrations]
    assert names[:2] == ["m0001_initial", "m0002_core_history_indexes"]
    assert len(names) == len(set(names))


def test_every_server_refusal_code_has_texts_and_is_documented():
    """A code raised in the push has its two-language reason and a row in the protocol's table."""
    import re

    from inspector_server.texts import REASONS

    raised = set(re.findall(r'Refused\("(\w+)"', (ROOT / "inspector_server" / "push.py").read_text()))
    assert raised and raised <= set(REASONS), raised - set(REASONS)
    protocol = (ROOT / "docs" / "SYNC_PROTOCOL.md").read_text()
    table = protocol[protocol.index("Refusal codes"):]
    assert [code for code in REASONS if f"`{code}`" not in table] == []
