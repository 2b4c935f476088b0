"""`inspector-server` command line: init, run, user add, import-enterprises, task add, demo, stats.

Exit codes: 0 success, 1 input rejected, 2 usage error, 3 the database cannot be used.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from inspector_server import __version__
from inspector_server.config import MIB, Settings, default_data_dir


def _print(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="inspector-server", description="Field Inspector central server 中心服务器")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="server data folder: SQLite database, blobs, uploads (default: $INSPECTOR_SERVER_DATA or per-user data folder)")
    p.add_argument("--db", default=None,
                   help="database URL, e.g. postgresql+psycopg://user@host/db (default: $INSPECTOR_SERVER_DB or SQLite in the data folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    s = sub.add_parser("init", help="create the data folder and bring the database schema up to date")
    s.set_defaults(handler=cmd_init)

    s = sub.add_parser("run", help="serve the API (uvicorn)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--tls-cert", type=Path, help="PEM certificate (enables HTTPS)")
    s.add_argument("--tls-key", type=Path, help="PEM private key")
    s.add_argument("--token-ttl", type=int, default=12 * 3600, help="seconds a login stays valid (default 12 h)")
    s.add_argument("--max-body", type=int, default=16 * MIB, help="JSON request body limit in bytes")
    s.add_argument("--max-chunk", type=int, default=64 * MIB, help="tus PATCH chunk limit in bytes")
    s.add_argument("--login-max-failures", type=int, default=5, help="failed logins per user name per window")
    s.add_argument("--login-window", type=int, default=300, help="rate-limit window in seconds")
    s.add_argument("--fault", action="append", default=[], metavar="ENDPOINT:N[:after]",
                   help="testing: answer 500 to the N-th request of an endpoint (after doing the work with ':after')")
    s.add_argument("--log-level", default="warning")
    s.set_defaults(handler=cmd_run)

    s = sub.add_parser("user", help="manage users")
    us = s.add_subparsers(dest="user_command", metavar="ACTION")
    us.required = True
    a = us.add_parser("add", help="add a user (or --replace an existing one)")
    a.add_argument("name", help="login name")
    a.add_argument("--password", required=True)
    a.add_argument("--role", required=True, choices=["inspector", "lab", "supervisor", "admin"])
    a.add_argument("--cert-no", default="", help="执法证号 (law-enforcement certificate number)")
    a.add_argument("--display-name", default="", help="full name shown on documents")
    a.add_argument("--unit", default="")
    a.add_argument("--replace", action="store_true")
    a.set_defaults(handler=cmd_user_add)

    s = sub.add_parser("import-enterprises", help="import enterprises from a UTF-8 CSV (header: name,uscc,address,…)")
    s.add_argument("file", type=Path)
    s.set_defaults(handler=cmd_import_enterprises)

    s = sub.add_parser("task", help="manage inspection tasks")
    ts = s.add_subparsers(dest="task_command", metavar="ACTION")
    ts.required = True
    a = ts.add_parser("add", help="assign a task to an inspector pair")
    a.add_argument("--enterprise", required=True, help="enterprise id, USCC or exact name")
    a.add_argument("--type", required=True, dest="task_type",
                   choices=["spot_check", "post_licence", "post_ccc", "routine", "special", "recheck", "responsibility"])
    a.add_argument("--inspectors", required=True, help="comma-separated user names (at least two)")
    a.add_argument("--due", default=None, help="due date YYYY-MM-DD")
    a.add_argument("--plan", default="")
    a.add_argument("--number", default="")
    a.add_argument("--product", action="append", default=[], help="product to sample (repeatable)")
    a.add_argument("--template-id", default="")
    a.add_argument("--priority", type=int, default=0)
    a.set_defaults(handler=cmd_task_add)

    s = sub.add_parser("demo", help="demo users (inspector pair, lab, supervisor), enterprises and tasks; prints logins as JSON lines")
    s.add_argument("--password", default=None, help="use this password for every demo user (default: random)")
    s.set_defaults(handler=cmd_demo)

    s = sub.add_parser("stats", help="counts of records, blobs, incomplete manifests, conflicts")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_stats)
    return p


def _settings(args) -> Settings:
    return Settings(data_dir=args.data_dir or default_data_dir(), db_url=args.db or os.environ.get("INSPECTOR_SERVER_DB") or None)


def _engine(args):
    from inspector_server.db import make_engine, migrate

    settings = _settings(args)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    migrate(engine)
    return engine


def cmd_init(args) -> int:
    from inspector_server.db import make_engine, migrate

    settings = _settings(args)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.blob_dir.mkdir(exist_ok=True)
    settings.upload_dir.mkdir(exist_ok=True)
    head = migrate(make_engine(settings.database_url))
    _print({"data_dir": str(settings.data_dir), "database": settings.database_url.split("@")[-1], "schema": head})
    return 0


def cmd_run(args) -> int:
    import uvicorn

    settings = _settings(args)
    env = {
        "INSPECTOR_SERVER_DATA": str(settings.data_dir), "INSPECTOR_SERVER_TOKEN_TTL": str(args.token_ttl),
        "INSPECTOR_SERVER_MAX_BODY": str(args.max_body), "INSPECTOR_SERVER_MAX_CHUNK": str(args.max_chunk),
        "INSPECTOR_SERVER_LOGIN_MAX_FAILURES": str(args.login_max_failures),
        "INSPECTOR_SERVER_LOGIN_WINDOW": str(args.login_window), "INSPECTOR_SERVER_FAULTS": ",".join(args.fault),
    }
    if settings.db_url:
        env["INSPECTOR_SERVER_DB"] = settings.db_url
    os.environ.update(env)
    if bool(args.tls_cert) != bool(args.tls_key):
        sys.stderr.write("--tls-cert and --tls-key go together\n")
        return 2
    from inspector_server.app import app_from_env

    app = app_from_env()  # migrate before accepting connections
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level,
                ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
                ssl_keyfile=str(args.tls_key) if args.tls_key else None,
                timeout_keep_alive=30, h11_max_incomplete_event_size=64 * 1024)
    return 0


def cmd_user_add(args) -> int:
    from inspector_server.admin import add_user

    out = add_user(_engine(args), args.name, args.password, args.role, name=args.display_name, cert_no=args.cert_no,
                   unit=args.unit, replace=args.replace)
    _print(out)
    return 0


def cmd_import_enterprises(args) -> int:
    from inspector_server.admin import import_enterprises

    if not args.file.is_file():
        raise_admin(f"file not found: {args.file}")
    result = import_enterprises(_engine(args), args.file)
    _print(result)
    return 1 if result["errors"] else 0


def cmd_task_add(args) -> int:
    from inspector_server.admin import add_task

    payload = add_task(_engine(args), enterprise=args.enterprise, task_type=args.task_type,
                       inspectors=[u.strip() for u in args.inspectors.split(",") if u.strip()], due_date=args.due,
                       plan=args.plan, number=args.number, products=args.product, template_id=args.template_id,
                       priority=args.priority)
    _print({"id": payload["id"], "number": payload["number"], "enterprise_id": payload["enterprise_id"]})
    return 0


def cmd_demo(args) -> int:
    from inspector_server.admin import demo

    for login in demo(_engine(args), args.password):
        _print(login)
    return 0


def cmd_stats(args) -> int:
    from inspector_server.admin import stats

    data = stats(_engine(args))
    if args.json:
        _print(data)
    else:
        for k, v in data.items():
            print(f"{k}: {v}")
    return 0


def raise_admin(message: str):
    from inspector_server.admin import AdminError

    raise AdminError(message)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from inspector_server.admin import AdminError

    try:
        return int(args.handler(args) or 0)
    except AdminError as exc:
        sys.stderr.write(f"错误 / error: {exc}\n")
        return 1
    except ValueError as exc:
        sys.stderr.write(f"错误 / error: {exc}\n")
        return 1
    except Exception as exc:  # database unreachable, schema newer than this server …
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, (OperationalError, RuntimeError)):
            sys.stderr.write(f"数据库不可用 / database unavailable: {exc}\n")
            return 3
        raise
