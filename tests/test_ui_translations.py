"""The English catalogue covers every string of the GUI, keeps its placeholders, and compiles."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "inspector_en.ts"

# Han characters and CJK punctuation: in an English translation they almost always mean a copied source.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# English that shows Chinese on purpose: (context, source).
CHINESE_ON_PURPOSE = {
    ("AboutDialog", "现场检查 Field Inspector"),   # the product's Chinese name
    ("MainWindow", "语言 / Language"),             # the language menu names itself in both languages
}
PLACEHOLDER = re.compile(r"\{\w*\}|%(?:L?\d+|n)")


def tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).with_name(name))


def refreshed_catalogue(tmp_path: Path) -> ET.Element:
    """The catalogue as `lupdate` leaves it after reading every UI source (as dev/update-translations does)."""
    copy = tmp_path / "inspector_en.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "inspector_app" / "ui").rglob("*.py"))
    result = subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(copy), "-source-language", "zh_CN",
                             "-target-language", "en", "-no-obsolete"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return ET.parse(copy).getroot()


def messages(root: ET.Element):
    """(context, source, where, translation forms) of every message."""
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            where = ", ".join(f"{Path(loc.attrib['filename']).name}:{loc.attrib.get('line', '?')}"
                              for loc in message.iter("location"))
            yield name, message.findtext("source"), where, translation.attrib.get("type"), forms


def test_every_ui_string_has_an_english_translation(tmp_path):
    """Every string lupdate finds is translated and finished; numerus messages have every form."""
    problems = [f"{where} [{context}] {source!r}" for context, source, where, kind, forms in messages(refreshed_catalogue(tmp_path))
                if kind is not None or not all(form.strip() for form in forms)]
    assert problems == [], f"add English for these strings to {TS.name} (dev/update-translations):\n" + "\n".join(problems)


def test_translations_are_english_and_keep_placeholders():
    """No Chinese copied into the English (but for the listed exceptions); {name}, %1, %n survive."""
    copied, placeholders, seen = [], [], set()
    for context, source, where, _kind, forms in messages(ET.parse(TS).getroot()):
        seen.add((context, source))
        for form in forms:
            if CJK.search(form) and (context, source) not in CHINESE_ON_PURPOSE:
                copied.append(f"{where} [{context}] {source!r} -> {form!r}")
            if set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(source)):
                placeholders.append(f"{where} [{context}] {source!r} -> {form!r}")
    assert copied == [], "English translations that still contain Chinese:\n" + "\n".join(copied)
    assert placeholders == [], "translations whose placeholders differ from the source:\n" + "\n".join(placeholders)
    assert CHINESE_ON_PURPOSE <= seen, "remove exceptions that are no longer in the catalogue"


def test_catalogue_compiles_and_loads(tmp_path, qapp):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from inspector_app.ui.i18n import compile_ts

    qm = tmp_path / "inspector_en.qm"
    assert compile_ts(TS, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "文件") == "File"
    assert translator.translate("TaskTableModel", "截止日期") == "Due"
    assert translator.translate("SyncLoginDialog", "登录同步服务器") == "Log in to the sync server"
    qapp.installTranslator(translator)
    try:                                                 # both numerus forms come through, %n filled in
        assert QCoreApplication.translate("SyncStatusWidget", "%n 项待同步", "", 1) == "1 item waiting to sync"
        assert QCoreApplication.translate("SyncStatusWidget", "%n 项待同步", "", 3) == "3 items waiting to sync"
    finally:
        qapp.removeTranslator(translator)
