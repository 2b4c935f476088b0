"""Translation of user-visible text produced outside the Qt layer.

Qt strings go through Qt's own translator (`resources/translations/*.ts`). Messages made by
headless code (validators, CLI, store) carry both languages at the call site, Chinese first:
`tr("…", "…", n=3)`. The active language is process-wide and set once at start-up;
`in_language` overrides it for the current thread / task only (the server, which answers each
refusal in both languages, renders the same domain message once per language).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

LANGUAGES = ("zh_CN", "en")
_language = "zh_CN"
_override: ContextVar[str | None] = ContextVar("language_override", default=None)


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {LANGUAGES}")
    _language = language


def language() -> str:
    return _override.get() or _language


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Messages made inside the block use `language`, in this thread / task only."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {LANGUAGES}")
    token = _override.set(language)
    try:
        yield
    finally:
        _override.reset(token)


def tr(zh_cn: str, en: str, /, **params: object) -> str:
    """Pick the text for the active language and fill `{name}` placeholders."""
    text = zh_cn if language() == "zh_CN" else en
    return text.format(**params) if params else text
