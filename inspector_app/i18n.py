"""Translation of user-visible text produced outside the Qt layer.

Qt strings go through Qt's own translator (`resources/translations/*.ts`). Messages made by
headless code (validators, CLI, store) carry both languages at the call site, Chinese first:
`tr("…", "…", n=3)`. The active language is process-wide: set at start-up, and again by the GUI's
language switch; `in_language` overrides it for the current thread / task only (the server, which
answers each refusal in both languages, renders the same domain message once per language).
Lists and asides that code assembles take their punctuation from `separated` and
`parenthetical`, so English screens never show 、；（）.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

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


# How code joins words it assembles, by kind: (Chinese, English).
SEPARATORS = {
    "list": ("、", ", "),        # items of one kind: names, seal numbers
    "phrases": ("，", ", "),     # phrases of one sentence
    "clauses": ("；", "; "),     # statements
    "gap": ("\u3000", "; "),    # entries set side by side (Chinese uses the ideographic space)
}


def separated(items: Iterable[object], kind: str = "list") -> str:
    """`items` joined with the active language's punctuation: 张伟、李娜 / Zhang Wei, Li Na."""
    chinese, english = SEPARATORS[kind]
    return (chinese if language() == "zh_CN" else english).join(str(item) for item in items)


def parenthetical(text: object) -> str:
    """An aside after a word: 张伟（抽样人员） / Zhang Wei (sampler)."""
    return f"（{text}）" if language() == "zh_CN" else f" ({text})"
