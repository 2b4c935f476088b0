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


def visible_texts(widget) -> list[str]:
    """Every text a person sees in `widget` and its children (user data in table cells excluded)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QTableView, QWidget

    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel):
            texts.append(child.text())
        elif isinstance(child, QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        elif isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            texts += [model.headerData(c, Qt.Orientation.Horizontal) or "" for c in range(model.columnCount())]
    return texts


def test_sync_and_signature_widgets_show_english(qtbot, qapp, demo_store):
    """Under the English catalogue these widgets show no Chinese but the data they were given; the
    status-bar widget and the conflicts tab, built before the switch, follow it live."""
    from inspector_app.store import reference
    from inspector_app.sync.pull import PullStats, apply_change
    from inspector_app.ui.custody_sign import SignDialog
    from inspector_app.ui.i18n import LanguageManager
    from inspector_app.ui.sync_conflicts import ConflictsView
    from inspector_app.ui.sync_login import SyncLoginDialog
    from inspector_app.ui.sync_status import SyncStatusWidget
    from inspector_app.ui.sync_window import SyncWindow

    ent = reference.query(demo_store.read(), "SELECT * FROM enterprise ORDER BY id LIMIT 1", table="enterprise")[0]
    demo_store.write_sync(lambda txn: reference.update_enterprise(txn, ent["id"], {"contact": "Wang", "phone": "1"}))
    demo_store.write_sync(lambda txn: apply_change(
        txn, {"entity": "enterprise", "entity_id": ent["id"], "op": "upsert",
              "payload": {**ent, "contact": "Zhao", "phone": "2", "version": 4, "server_version": 4}}, PullStats(), {}))
    languages = LanguageManager(qapp)
    assert languages.apply("zh_CN")
    try:
        status = SyncStatusWidget(demo_store, refresh_ms=100000)
        conflicts = ConflictsView(demo_store)
        for widget in (status, conflicts):
            qtbot.addWidget(widget)
        qtbot.waitUntil(lambda: status.state != "loading" and conflicts.model.rowCount() == 1, timeout=5000)
        assert status.button.text() == "立即同步" and conflicts.model.index(0, 2).data() == "联系人和电话"

        assert languages.apply("en")
        qtbot.waitUntil(lambda: status.button.text() == "Sync now", timeout=5000)
        assert status.text.text() == "Not logged in to the sync server · Last sync: never · 1 conflict to resolve"
        assert conflicts.summary.text().startswith("1 conflict needs your decision.")
        assert conflicts.model.index(0, 2).data() == "Contact and Phone"
        widgets = [status, conflicts, SyncLoginDialog(demo_store), SyncWindow(demo_store, start=False),
                   SignDialog([{"name": "Li Ming", "cert_no": "A-1"}], "ACME Ltd", with_producer=True)]
        for widget in widgets[2:]:
            qtbot.addWidget(widget)
        chinese = [text for widget in widgets for text in visible_texts(widget) if CJK.search(text)]
        assert chinese == []
    finally:
        languages.apply("zh_CN")
