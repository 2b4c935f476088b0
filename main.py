"""Field Inspector 现场检查 — start the desktop application.

    python main.py [--data-dir DIR] [--demo] [--smoke-test] [--lang zh_CN|en]
"""

import logging
import os
import sys

if __name__ == "__main__":
    from inspector_app.ui.app import run

    code = run(sys.argv[1:])
    # Everything is saved and the workspace closed by now. Skip the interpreter's teardown of
    # Qt objects: PySide6 occasionally aborts in it, which would turn a clean exit into a crash.
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)
