"""Guard against a PySide6 6.12 reference-count bug on Python < 3.12.

On Python 3.11, `Signal.emit()` and calls of void C++ methods (e.g. `setObjectName`) in
PySide6 6.12.0 drop one reference to `True`/`None` too many. Python 3.12+ made these objects
immortal (PEP 683), which hides the bug; on 3.11 the process aborts with "Fatal Python error:
bool_dealloc / none_dealloc" after a few hundred signal emits. `apply()` gives the three
singletons the same large reference count 3.12 uses, so they can never reach zero. It is
idempotent and does nothing on Python ≥ 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_applied = False
_BOOST = 1 << 40


def apply() -> bool:
    """Make None/True/False effectively immortal on Python < 3.12; returns True if it acted."""
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _BOOST
    _applied = True
    return True
