"""Qt translations: `.ts` sources in `resources/translations/`, compiled to `.qm` on demand.

Scheme: source strings in the code are Chinese (`self.tr("任务")`), because Chinese is the
working language and what shows if anything goes wrong with a translation file. English
comes from `inspector_en.ts`. `.qm` files are build products (never committed): the
installer compiles them; at start-up a missing or stale `.qm` is compiled with
`pyside6-lrelease` into the translations folder, or the user cache when that is read-only.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from inspector_app import APP_NAME, i18n
from inspector_app.store.paths import resource_path

log = logging.getLogger(__name__)

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


def translations_dir() -> Path:
    return resource_path("translations")


def _lrelease() -> list[str] | None:
    import shutil

    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    sibling = Path(sys.executable).with_name("pyside6-lrelease")
    if sibling.exists():
        return [str(sibling)]
    try:
        import PySide6

        binary = Path(PySide6.__file__).with_name("lrelease")
        if binary.exists():
            return [str(binary)]
    except ImportError:  # pragma: no cover
        pass
    return None


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile one `.ts` to `.qm`; False (logged) when lrelease is unavailable or fails."""
    tool = _lrelease()
    if tool is None:
        log.warning("pyside6-lrelease not found; %s not compiled", ts.name)
        return False
    import subprocess  # only when compiling (never in an installed build): keeps start-up light

    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([*tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
    if result.returncode != 0 or not qm.exists():
        log.warning("lrelease failed for %s: %s", ts, result.stderr.strip())
        return False
    return True


def qm_path(language: str, compile_missing: bool = True) -> Path | None:
    """The compiled catalogue of `language`, (re)compiled when missing or older than its `.ts`."""
    ts = translations_dir() / f"inspector_{language}.ts"
    if not ts.exists():  # an installed bundle ships the compiled catalogue only
        shipped = ts.with_suffix(".qm")
        return shipped if shipped.exists() else None
    from platformdirs import user_cache_dir  # only needed here; keeps start-up imports light

    candidates = [ts.with_suffix(".qm"), Path(user_cache_dir(APP_NAME, appauthor=False)) / "translations" / f"inspector_{language}.qm"]
    for qm in candidates:
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            return qm
    if not compile_missing:
        return None
    for qm in candidates:
        if os.access(qm.parent if qm.parent.exists() else qm.parent.parent, os.W_OK) and compile_ts(ts, qm):
            return qm
    return None


def compile_all() -> list[Path]:
    """Build step (installer, `python -m inspector_app.ui.i18n`): compile every catalogue."""
    done = []
    for ts in sorted(translations_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if compile_ts(ts, qm):
            done.append(qm)
    return done


class LanguageManager:
    """Installs the translators of the chosen language; Qt then sends LanguageChange to every widget."""

    def __init__(self, app: QCoreApplication):
        self.app = app
        self.language = DEFAULT_LANGUAGE
        self._translators: list[QTranslator] = []

    def apply(self, language: str) -> bool:
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        self.uninstall()
        ok = True
        if language != "zh_CN":  # Chinese is the source language
            path = qm_path(language)
            translator = QTranslator(self.app)
            if path is not None and translator.load(str(path)):
                self._translators.append(translator)
            else:
                ok = False
                log.warning("no usable translation for %s; showing Chinese", language)
        qt_base = QTranslator(self.app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_base.load(QLocale(language), "qtbase", "_", qt_dir):
            self._translators.append(qt_base)
        for translator in self._translators:
            self.app.installTranslator(translator)
        self.language = language if ok else DEFAULT_LANGUAGE
        i18n.set_language(self.language)
        QLocale.setDefault(QLocale(self.language))
        return ok

    def uninstall(self) -> None:
        """Take this manager's translators out of the application (before another manager takes over)."""
        for old in self._translators:
            self.app.removeTranslator(old)
        self._translators = []


if __name__ == "__main__":
    for path in compile_all():
        print(path)
