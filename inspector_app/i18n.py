"""Translation of user-visible text produced outside the Qt layer.

Qt strings go through Qt's own translator (`resources/translations/*.ts`). Messages made by
headless code (validators, CLI, store) carry both languages at the call site, Chinese first:
`tr("…", "…", n=3)`. The active language is process-wide and set once at start-up.
"""

from __future__ import annotations

LANGUAGES = ("zh_CN", "en")
_language = "zh_CN"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {LANGUAGES}")
    _language = language


def language() -> str:
    return _language


def tr(zh_cn: str, en: str, /, **params: object) -> str:
    """Pick the text for the active language and fill `{name}` placeholders."""
    text = zh_cn if _language == "zh_CN" else en
    return text.format(**params) if params else text
