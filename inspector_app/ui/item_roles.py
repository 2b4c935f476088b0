"""Item-data roles (and the one alignment) the task list needs, as the plain ints Qt passes.

Why not `Qt.ItemDataRole.…`: the first touch of `PySide6.QtCore.Qt` builds the whole Qt
namespace, 93 Python enums (~13 ms here, a tenth of a bare window's start-up), and the task
list is drawn before the first paint. Models receive roles as ints anyway. A test checks every
value against Qt's own.
"""

DISPLAY = 0
TOOLTIP = 3
FONT = 6
TEXT_ALIGNMENT = 7
BACKGROUND = 8
FOREGROUND = 9
USER = 0x100

ALIGN_CENTER = 0x84   # Qt.AlignmentFlag.AlignCenter: AlignHCenter | AlignVCenter
