"""The English catalogue covers every string of the GUI, keeps its placeholders, and compiles."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

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


@pytest.fixture
def languages(qapp):
    """The application's language manager, in Chinese; its translators are taken out afterwards."""
    from inspector_app.ui.i18n import LanguageManager

    manager = LanguageManager(qapp)
    assert manager.apply("zh_CN")
    yield manager
    manager.apply("zh_CN")
    manager.uninstall()


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


def visible_texts(widget, cells: bool = False) -> list[str]:
    """Every text a person sees in `widget` and its children; table cells (mostly user data) only with `cells`.
    Widgets already handed to deleteLater are gone first."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget, QTableView,
                                   QTabWidget, QWidget)

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
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
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QListWidget):
            texts += [child.item(i).text() for i in range(child.count())]
        elif isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            titles = child.horizontalHeader().model()      # what the header shows (the task list's is its own)
            texts += [titles.headerData(c, Qt.Orientation.Horizontal) or "" for c in range(titles.columnCount())]
            if cells:
                texts += [model.index(r, c).data() or "" for r in range(model.rowCount()) for c in range(model.columnCount())]
    return texts


def test_sync_and_signature_widgets_show_english(qtbot, languages, demo_store):
    """Under the English catalogue these widgets show no Chinese but the data they were given; the
    status-bar widget and the conflicts tab, built before the switch, follow it live."""
    from inspector_app.store import reference
    from inspector_app.sync.pull import PullStats, apply_change
    from inspector_app.ui.custody_sign import SignDialog
    from inspector_app.ui.sync_conflicts import ConflictsView
    from inspector_app.ui.sync_login import SyncLoginDialog
    from inspector_app.ui.sync_status import SyncStatusWidget
    from inspector_app.ui.sync_window import SyncWindow

    ent = reference.query(demo_store.read(), "SELECT * FROM enterprise ORDER BY id LIMIT 1", table="enterprise")[0]
    demo_store.write_sync(lambda txn: reference.update_enterprise(txn, ent["id"], {"contact": "Wang", "phone": "1"}))
    demo_store.write_sync(lambda txn: apply_change(
        txn, {"entity": "enterprise", "entity_id": ent["id"], "op": "upsert",
              "payload": {**ent, "contact": "Zhao", "phone": "2", "version": 4, "server_version": 4}}, PullStats(), {}))
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


# Record fields that hold Chinese words of ours, not words people typed: a screen translates them, so they never
# count as user data (a test conclusion 合格, a licence status 有效, a seal state 已封样).
CODED_FIELDS = {"conclusion", "status", "state"}


def record_words(value, field: str | None = None):
    """Every string a record holds but its coded fields: names, addresses, products, seal numbers, notes —
    what a screen may show in Chinese whatever the language."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from record_words(item, key)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from record_words(item, field)
    elif isinstance(value, str) and value and field not in CODED_FIELDS:
        yield value


def chinese_besides(texts: list[str], data: set[str]) -> list[str]:
    """The texts that still show Han characters or CJK punctuation once every piece of user data is taken out."""
    words = sorted(data, key=len, reverse=True)
    found = []
    for text in texts:
        bare = text
        for word in words:
            bare = bare.replace(word, "")
        if CJK.search(bare):
            found.append(text)
    return found


def test_samples_tab_and_timeline_read_as_english_and_follow_a_switch(qtbot, languages, demo_store):
    """Built in Chinese, the samples tab turns English on a live switch (lists, headers, the detail pane, the
    timeline cards); every finalized sample and site record then shows no Chinese but its data, lists are
    joined the English way; switching back brings the Chinese and its punctuation back."""
    from PySide6.QtCore import Qt

    from inspector_app.custody import listing
    from inspector_app.ui.sample_tab import SamplesTab

    db = demo_store.read()
    rows = listing.list_rows(db)
    sites = listing.site_record_rows(db)
    data = set(record_words(rows)) | set(record_words(sites))
    finalized = [r["id"] for r in rows if r["state"] != "draft"]
    tab = SamplesTab(demo_store)
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.rowCount() == len(rows) and tab.worker.in_flight == 0, timeout=10000)

    def show(sample_id):
        tab.select_sample(sample_id)
        qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail["sample"]["id"] == sample_id
                        and tab.right.currentWidget() is tab.detail, timeout=10000)
        detail = tab.detail.detail
        data.update(record_words([detail["sample"], detail["events"], detail["signatures"], detail["amendments"],
                                  detail["enterprise"]]))
        return detail

    # the sample with the longest chain, drawn and sealed with seal numbers on both parts
    longest = max(finalized, key=lambda sid: next(r["events"] for r in rows if r["id"] == sid))
    detail = show(longest)
    seals = detail["sample"]["data"]["seal"]["seal_numbers"]
    assert tab.new_button.text() == "新建抽样…" and tab.tabs.tabText(0) == "抽样单"
    assert f"检验样封条：{'、'.join(seals['test'])}；备用样封条：{'、'.join(seals['backup'])}" in tab.detail.header.text()
    assert "流转链校验通过" in tab.detail.timeline.banner.text()

    assert languages.apply("en")
    qtbot.waitUntil(lambda: tab.new_button.text() == "New sample…", timeout=5000)
    assert tab.detail.detail is detail                     # the same sample, redrawn in English
    assert tab.tabs.tabText(0) == "Sampling records" and tab.tabs.tabText(1) == "Refusals / no sample"
    assert tab.model.headerData(0, Qt.Orientation.Horizontal) == "Sample no."
    assert f"test seals: {', '.join(seals['test'])}; backup seals: {', '.join(seals['backup'])}" in tab.detail.header.text()
    assert tab.detail.timeline.banner.text() == (f"✔ Chain of custody verified: {len(detail['events'])} events, "
                                                 "the first linked to the sampling record’s content hash.")
    assert tab.detail.timeline.card_count == len(detail["events"])
    assert chinese_besides(visible_texts(tab, cells=True), data) == []

    for sample_id in finalized:
        show(sample_id)
        shown = chinese_besides(visible_texts(tab, cells=True), data)
        assert shown == [], (tab.detail.detail["sample"]["number"], shown)
    for record in sites:
        if record["state"] == "finalized":
            tab.show_site_record(record["id"])
            qtbot.waitUntil(lambda: tab.site_record is not None and tab.site_record["id"] == record["id"], timeout=10000)
            data.update(record_words(tab.site_record))
            assert chinese_besides(visible_texts(tab), data) == []

    assert languages.apply("zh_CN")
    qtbot.waitUntil(lambda: tab.new_button.text() == "新建抽样…", timeout=5000)
    assert tab.tabs.tabText(0) == "抽样单" and tab.model.headerData(0, Qt.Orientation.Horizontal) == "抽样单编号"
    assert tab.site_record is not None and "已定稿，内容哈希" in tab.site_right.currentWidget().text()
    detail = show(longest)
    assert f"检验样封条：{'、'.join(seals['test'])}；备用样封条：{'、'.join(seals['backup'])}" in tab.detail.header.text()
    assert "流转链校验通过" in tab.detail.timeline.banner.text()


def test_enterprise_panel_reads_as_english_and_follows_a_switch(qtbot, languages, demo_store):
    """The enterprise with the most samples: labels, licence states, sample stages and lists of names turn
    English on a live switch, with no Chinese but the enterprise's own data; and back to Chinese."""
    from inspector_app.ui.enterprise_panel import EnterprisePanel
    from inspector_app.ui.ops import Ops
    from inspector_app.ui.queries import enterprise_profile

    db = demo_store.read()
    enterprise_id = db.execute("SELECT enterprise_id FROM sample GROUP BY enterprise_id ORDER BY count(*) DESC, enterprise_id"
                               " LIMIT 1").fetchone()[0]
    profile = enterprise_profile(db, enterprise_id)
    products = profile["products"]
    assert profile["samples"] and profile["licences"] and len(products) > 1
    data = set(record_words(profile))
    ops = Ops(demo_store)
    try:
        panel = EnterprisePanel(ops)
        qtbot.addWidget(panel)
        panel.show_enterprise(enterprise_id)
        qtbot.waitUntil(lambda: panel.profile is not None, timeout=10000)
        assert panel.licences_title.text().startswith("许可证与认证")
        assert chinese_besides(visible_texts(panel, cells=True), data) != []        # the check sees Chinese chrome

        assert languages.apply("en")
        qtbot.waitUntil(lambda: panel.licences_title.text().startswith("Licences and certificates"), timeout=5000)
        assert chinese_besides(visible_texts(panel, cells=True), data) == []
        assert panel.fields["products"].text() == ", ".join(products)
        open_tasks = profile["open_tasks"]
        assert panel.risk.text().endswith(f"{open_tasks} open task" + ("" if open_tasks == 1 else "s"))

        assert languages.apply("zh_CN")
        qtbot.waitUntil(lambda: panel.licences_title.text().startswith("许可证与认证"), timeout=5000)
        assert panel.fields["products"].text() == "、".join(products)
    finally:
        ops.shutdown()


def test_draft_banner_counts_and_seam_placeholder_follow_a_switch(qtbot, languages):
    """The placeholder of a seam that could not load follows a live switch; the draft banner (retranslated by
    its main window) says '1 unfinished inspection draft' / '2 … drafts' (a numerus message)."""
    from inspector_app.ui.main_window import DraftBanner
    from inspector_app.ui.seams import Placeholder

    drafts = [{"id": "a", "enterprise": "济南某电缆有限公司"}, {"id": "b", "enterprise": "青岛某电器厂"}]
    banner, placeholder = DraftBanner(), Placeholder("samples")
    for widget in (banner, placeholder):
        qtbot.addWidget(widget)
    banner.set_drafts(drafts)
    assert banner.text.text().startswith("有 2 份未完成的检查草稿（")
    assert placeholder.text.text().startswith("样品组件未能加载")

    assert languages.apply("en")
    qtbot.waitUntil(lambda: placeholder.text.text() == "Samples could not be loaded (see the log); everything else works.",
                    timeout=5000)
    banner.set_drafts(drafts[:1])
    assert banner.text.text().startswith("1 unfinished inspection draft (")
    banner.set_drafts(drafts)
    assert banner.text.text().startswith("2 unfinished inspection drafts (")
    assert chinese_besides(visible_texts(banner) + visible_texts(placeholder), {d["enterprise"] for d in drafts}) == []

    assert languages.apply("zh_CN")
    qtbot.waitUntil(lambda: placeholder.text.text().startswith("样品组件未能加载"), timeout=5000)
