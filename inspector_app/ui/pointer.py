"""The per-user pointer file (`ui.ini`: last workspace, language before one opens), without Qt.

`ui.settings.pointer_settings` reads and writes it through QSettings. Start-up needs the last
workspace before Qt has loaded, to read its first page meanwhile (`ui.app.begin`), so this
module finds the file and reads that one value from QSettings' INI format itself. It reads
only the plain and quoted string forms QSettings writes for a path; anything else (a list,
a typed `@Variant(…)` value, an escape it does not know) gives None, and start-up simply
waits for Qt to read the file. A wrong answer costs nothing either: the guess is used only if
it matches the workspace the application then chooses.
"""

from __future__ import annotations

import os
from pathlib import Path

from inspector_app import APP_NAME

POINTER_ENV = "INSPECTOR_UI_CONFIG"  # override of the pointer file (tests, portable installs)

_ESCAPES = {"\\": "\\", '"': '"', "t": "\t", "n": "\n", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def pointer_path() -> Path:
    override = os.environ.get(POINTER_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir  # only when no override: keeps start-up imports light

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "ui.ini"


def read_ini_string(path: Path, section: str, key: str) -> str | None:
    """The string value QSettings stored under `section/key` in an INI file, or None."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    current = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        elif current == section and "=" in line:
            name, _, raw = line.partition("=")
            if name.strip() == key:
                return _unescape(raw.strip())
    return None


def _unescape(raw: str) -> str | None:
    """A QSettings INI string value: optionally quoted, backslash escapes, "@@" for a leading "@"."""
    if raw.startswith("@"):
        return "@" + raw[2:] if raw.startswith("@@") else None    # "@Variant(…)", "@ByteArray(…)": not a plain string
    quoted = raw.startswith('"')
    if quoted:
        if len(raw) < 2 or not raw.endswith('"'):
            return None
        raw = raw[1:-1]
    out, i = [], 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":
            escaped = _ESCAPES.get(raw[i + 1: i + 2])
            if escaped is None:
                return None          # \x…, octal, a line continuation: not worth guessing
            out.append(escaped)
            i += 2
            continue
        if ch == '"' or (not quoted and ch in ",;"):
            return None              # a list, or a quote we did not expect
        out.append(ch)
        i += 1
    return "".join(out)


def last_workspace() -> str | None:
    """The workspace opened last, as the pointer file says (None: unknown or unreadable)."""
    return read_ini_string(pointer_path(), "ui", "last_workspace") or None
