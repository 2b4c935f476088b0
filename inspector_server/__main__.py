import sys

from inspector_server.cli import main

sys.exit(main())
