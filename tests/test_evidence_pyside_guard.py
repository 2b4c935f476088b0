"""The PySide6 refcount guard: thousands of signal emits must not abort the process."""

import subprocess
import sys

from tests.conftest import ROOT

CODE = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import inspector_app.ui  # applies the guard
from PySide6.QtCore import QObject, Signal
class Emitter(QObject):
    changed = Signal(int)
e = Emitter()
e.changed.connect(lambda v: None)
for i in range(20000):
    e.changed.emit(i)
    e.setObjectName("x")
print("survived")
"""


def test_many_signal_emits_do_not_abort():
    result = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
