"""Field Inspector 现场检查 — start the desktop application.

    python main.py [--data-dir DIR] [--demo] [--smoke-test] [--lang zh_CN|en]
"""

import sys

if __name__ == "__main__":
    from inspector_app.launcher import main  # logging, crash handler, CLI sub-commands, then ui.app.run

    sys.exit(main(sys.argv[1:]))
