"""Field Inspector 现场检查 — start the desktop application.

    python main.py [--data-dir DIR] [--demo] [--smoke-test] [--lang zh_CN|en]
    python main.py COMMAND …        (a CLI sub-command: same as `inspector-app COMMAND …`)
"""

import logging
import os
import sys

if __name__ == "__main__":
    from inspector_app.launcher import main  # logging, crash handler, CLI sub-commands, then ui.app.run

    code = main(sys.argv[1:])
    # Everything is saved and the workspace closed by now. Skip the interpreter's teardown of
    # Qt objects: PySide6 occasionally aborts in it, which would turn a clean exit into a crash.
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)
