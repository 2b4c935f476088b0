"""Field Inspector 现场检查 — start the desktop application.

    python main.py [--data-dir DIR] [--demo] [--smoke-test] [--lang zh_CN|en]
"""

import sys

if __name__ == "__main__":
    from inspector_app.ui.app import run

    sys.exit(run(sys.argv[1:]))
