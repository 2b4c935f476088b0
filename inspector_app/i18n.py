"""Translation of user-visible text produced outside the Qt layer.

Qt strings go through Qt's own translator (`resources/translations/*.ts`). Messages made by
headless code (validators, CLI, store) carry both languages at the call site, Chinese first:
`tr("…", "…", n=3)`. The active language is process-wide: set at start-up, and again by the GUI's
language switch. Lists and asides that code assembles take their punctuation from `separated` and
`parenthetical`, so English screens never show 、；（）.
"""

from __future__ import annotations

from collections.abc import Iterable

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
    return (chinese if _language == "zh_CN" else english).join(str(item) for item in items)


def parenthetical(text: object) -> str:
    """An aside after a word: 张伟（抽样人员） / Zhang Wei (sampler)."""
    return f"（{text}）" if _language == "zh_CN" else f" ({text})"
