"""Core commands: init, demo, search, check-uscc, export, backup, doctor."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

from inspector_app.cli.context import CliContext, CliError, print_json
from inspector_app.domain.identifiers import validate_uscc
from inspector_app.i18n import tr

EXPORT_TABLES = (
    "inspector", "enterprise", "task", "inspection", "answer", "sample", "seal", "site_record", "custody_event",
    "blob", "attachment", "signature", "document", "number_block", "conflict", "audit_log", "outbox", "setting",
)


def register(sub) -> None:
    p = sub.add_parser("init", help="create an empty workspace (idempotent)")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="fill the workspace with the built-in demo data")
    p.add_argument("--enterprises", type=int, default=300)
    p.add_argument("--tasks", type=int, default=80)
    p.add_argument("--seed", type=int, default=20261121)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("search", help="search enterprises (name, former names, address, USCC, licences)")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("check-uscc", help="validate a unified social credit code")
    p.add_argument("code")
    p.set_defaults(handler=cmd_check_uscc)

    p = sub.add_parser("export", help="export every table (json: one file; csv: a folder of files)")
    p.add_argument("--format", choices=["json", "csv"], required=True)
    p.add_argument("out", type=Path)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("backup", help="online, consistent backup of database and files into a .zip")
    p.add_argument("out", type=Path)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("doctor", help="check database integrity and every stored file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_doctor)


def cmd_init(args, ctx: CliContext) -> int:
    store = ctx.store(create=True)
    print(tr("工作区已就绪：{p}", "Workspace ready: {p}", p=store.paths.root))
    return 0


def cmd_demo(args, ctx: CliContext) -> int:
    from inspector_app.demo import build_demo, has_demo

    if min(args.enterprises, args.tasks) < 1:
        raise CliError(tr("--enterprises 和 --tasks 必须至少为 1。", "--enterprises and --tasks must be at least 1."), 2)
    store = ctx.store(create=True)
    if has_demo(store):
        print(tr("该工作区已有演示数据，未做改动。", "This workspace already holds the demo data; nothing was changed."))
        return 0
    summary = build_demo(store, seed=args.seed, enterprises=args.enterprises, tasks=args.tasks)
    print_json({"workspace": str(store.paths.root), **summary})
    return 0


def cmd_search(args, ctx: CliContext) -> int:
    from inspector_app.store.search import search_enterprises

    rows = search_enterprises(ctx.store().read(), args.text, limit=args.limit)
    for row in rows:
        if args.json:
            print_json(row)
        else:
            print(f"{row['name']}\t{row['uscc'] or ''}\t{row['province']}{row['city']}\t{row['risk_class']}")
    if not rows and not args.json:
        print(tr("没有找到匹配的企业。", "No matching enterprise."), file=sys.stderr)
    return 0


def cmd_check_uscc(args, ctx: CliContext) -> int:
    result = validate_uscc(args.code)
    for warning in result.warnings:
        print(tr("提示：", "Note: ") + warning, file=sys.stderr)
    if result.ok:
        print(tr("{c} 有效。", "{c} is valid.", c=result.value))
        return 0
    for error in result.errors:
        print(error, file=sys.stderr)
    return 1


def _snapshot(ctx: CliContext) -> sqlite3.Connection:
    """A read connection holding one transaction, so every table is exported as of one moment."""
    store = ctx.store()
    conn = sqlite3.connect(f"file:{store.paths.db}?mode=ro", uri=True)
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM setting").fetchone()  # starts the read snapshot
    return conn


def cmd_export(args, ctx: CliContext) -> int:
    conn = _snapshot(ctx)
    out: Path = args.out
    try:
        if args.format == "json":
            tmp = out.with_name(out.name + ".partial")
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write("{")
                for index, table in enumerate(EXPORT_TABLES):
                    cursor = conn.execute(f"SELECT * FROM [{table}]")
                    cols = [d[0] for d in cursor.description]
                    handle.write(("," if index else "") + json.dumps(table) + ":[")
                    for n, row in enumerate(cursor):
                        handle.write(("," if n else "") + json.dumps(dict(zip(cols, row)), ensure_ascii=False))
                    handle.write("]")
                handle.write("}\n")
            os.replace(tmp, out)
        else:
            out.mkdir(parents=True, exist_ok=True)
            for table in EXPORT_TABLES:
                cursor = conn.execute(f"SELECT * FROM [{table}]")
                tmp = out / f"{table}.csv.partial"
                with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel opens Chinese correctly
                    writer = csv.writer(handle)
                    writer.writerow([d[0] for d in cursor.description])
                    writer.writerows(cursor)
                os.replace(tmp, out / f"{table}.csv")
    except OSError as exc:
        raise CliError(tr("导出失败：{e}。已有数据未受影响。", "Export failed: {e}. Existing data is untouched.", e=exc)) from exc
    finally:
        conn.close()
    print(tr("已导出到 {p}", "Exported to {p}", p=out))
    return 0


def cmd_backup(args, ctx: CliContext) -> int:
    """SQLite's online backup API copies a consistent snapshot while the app keeps running;
    blobs are immutable and written before the rows that reference them, so copying the ones
    the snapshot lists gives a consistent whole."""
    store = ctx.store()
    out: Path = args.out
    if out.suffix != ".zip":
        out = out.with_suffix(out.suffix + ".zip") if out.suffix else out.with_suffix(".zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(dir=store.paths.tmp) as tmp:
            copy_path = Path(tmp) / "inspector.sqlite3"
            source = sqlite3.connect(str(store.paths.db))
            target = sqlite3.connect(str(copy_path))
            source.backup(target)
            source.close()
            check = target.execute("PRAGMA integrity_check").fetchone()[0]
            hashes = [r[0] for r in target.execute("SELECT sha256 FROM blob ORDER BY sha256")]
            target.close()
            if check != "ok":
                raise CliError(tr("备份副本校验失败：{c}", "The backup copy failed its integrity check: {c}", c=check))
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                archive.write(copy_path, "inspector.sqlite3")
                for sha in hashes:
                    path = store.paths.blob_path(sha)
                    if path.exists():
                        archive.write(path, f"blobs/{sha[:2]}/{sha}", compress_type=zipfile.ZIP_STORED)
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CliError(tr("备份失败：{e}。工作区未受影响。", "Backup failed: {e}. The workspace is untouched.", e=exc)) from exc
    print(tr("备份已写入 {p}（{n} 个文件）", "Backup written to {p} ({n} files)", p=out, n=len(hashes)))
    return 0


def cmd_doctor(args, ctx: CliContext) -> int:
    from inspector_app.doctor import run_checks

    results = run_checks(ctx.store())
    failed = {name: problems for name, problems in results.items() if problems}
    if args.json:
        print_json({"ok": not failed, "checks": results})
    else:
        for name, problems in results.items():
            print(f"{'OK  ' if not problems else 'FAIL'} {name}")
            for problem in problems:
                print(f"     - {problem}")
        print(tr("工作区正常。", "The workspace is healthy.") if not failed else tr("发现问题，见上。", "Problems found, see above."))
    return 1 if failed else 0
