"""`inspector-app` command line: the headless contract the GUI, tests and power users share.

Each feature area registers its sub-commands from its own module (listed in COMMAND_MODULES),
so areas do not edit each other's code. Exit codes: 0 success, 1 a check failed or input was
rejected, 2 usage error, 3 the workspace cannot be used.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from inspector_app import __version__
from inspector_app.cli.context import CliContext, CliError
from inspector_app.store.db import WorkspaceError
from inspector_app.store.paths import default_data_dir

COMMAND_MODULES = [
    "inspector_app.cli.core",
    "inspector_app.cli.sync",
    "inspector_app.cli.checklists",
    "inspector_app.cli.custody",
    "inspector_app.cli.documents",
    "inspector_app.cli.photos",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inspector-app", description="Field Inspector 现场检查 — command line")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, default=None,
        help="workspace folder (default: $INSPECTOR_DATA_DIR or the per-user data folder)",
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], default=None, help="language of messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        from inspector_app.i18n import set_language

        set_language(args.lang)
    from inspector_app.logging_setup import setup_logging

    setup_logging("cli", console_level=None)  # the per-user log file; messages for people go to stderr
    ctx = CliContext(args.data_dir or default_data_dir())
    try:
        return int(args.handler(args, ctx) or 0)
    except WorkspaceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        ctx.close()
