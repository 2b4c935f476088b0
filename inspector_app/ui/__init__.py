"""Everything PySide6 (the only package that imports it).

Importing any UI module first applies `pyside_guard`: PySide6 6.12 on Python 3.11 over-releases
`None`/`True` on every signal emit and void call, which aborts the process after a few hundred
emits ("Fatal Python error: none_dealloc / bool_dealloc"). See `pyside_guard.py`.
"""

from inspector_app.ui import pyside_guard

pyside_guard.apply()
