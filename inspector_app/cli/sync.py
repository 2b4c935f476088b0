"""Sync commands: login, sync, status, conflicts, resolve, demo-fieldwork."""

from __future__ import annotations

import sys

from inspector_app.cli.context import CliContext, CliError, print_json
from inspector_app.i18n import tr


def register(sub) -> None:
    p = sub.add_parser("login", help="log in to the sync server and keep the token (never the password)")
    p.add_argument("--server", required=True, help="server address, e.g. https://sync.example.gov.cn")
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--ca-bundle", default=None, help="CA certificate file to verify the server (bureau PKI)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_login)

    p = sub.add_parser("sync", help="push records and photos, pull tasks; exit 0 only when everything is acknowledged and complete")
    p.add_argument("--json", action="store_true", help="print the sync report as one JSON object")
    p.add_argument("--no-pull", action="store_true", help="only send (push, photos, completeness)")
    p.add_argument("--parallel", type=int, default=None, help="photos uploaded at the same time")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser("status", help="pending changes, pending photos, local counts, last sync")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("conflicts", help="list open sync conflicts (both values)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_conflicts)

    p = sub.add_parser("resolve", help="resolve a sync conflict")
    p.add_argument("conflict_id")
    p.add_argument("choice", choices=["local", "server"])
    p.set_defaults(handler=cmd_resolve)

    p = sub.add_parser("sync-settings", help="show or change sync settings (key=value …)")
    p.add_argument("assignments", nargs="*", help="e.g. sync.auto=false sync.number_block_min=30")
    p.set_defaults(handler=cmd_sync_settings)

    p = sub.add_parser("demo-fieldwork", help="fill finalized inspections, samples, custody events and photos for the workspace's tasks")
    p.add_argument("--inspections", type=int, default=5)
    p.add_argument("--photos-per", type=int, default=3)
    p.add_argument("--photo-kb", type=int, default=120, help="approximate size of each generated JPEG")
    p.add_argument("--refusals", type=int, default=0)
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(handler=cmd_demo_fieldwork)


def cmd_login(args, ctx: CliContext) -> int:
    from inspector_app.sync.engine import login
    from inspector_app.sync.errors import SyncError

    store = ctx.store(create=True)
    try:
        answer = login(store, args.server, args.user, args.password, ca_bundle=args.ca_bundle)
    except SyncError as exc:
        raise CliError(str(exc), 1) from None
    if args.json:
        print_json(answer)
    else:
        user = answer["user"]
        print(tr("已登录 {s}，用户 {u}（{n}）。登录有效期至 {e}。", "Logged in to {s} as {u} ({n}). The login is valid until {e}.",
                 s=answer["server"], u=args.user, n=user.get("name", ""), e=answer.get("expires_at") or "?"))
    return 0


def cmd_sync(args, ctx: CliContext) -> int:
    from inspector_app.sync.engine import run_sync

    store = ctx.store()
    last = {"phase": None}

    def progress(p: dict) -> None:
        if not args.json and p.get("phase") != last["phase"]:
            last["phase"] = p.get("phase")
            names = {"push": tr("正在上传记录…", "Sending records…"), "blobs": tr("正在上传照片和文件…", "Uploading photos and files…"),
                     "pull": tr("正在接收任务和资料…", "Receiving tasks and reference data…")}
            print(names.get(p["phase"], p["phase"]), file=sys.stderr)

    report = run_sync(store, progress=progress, pull=not args.no_pull, parallel=args.parallel)
    if args.json:
        print_json(report.to_json())
    else:
        print(tr("已确认记录 {a} 条，照片/文件 {b} 个，接收 {p} 条，已完成 {s} 份；待同步 {c} 条，待上传文件 {f} 个。",
                 "Acknowledged {a} changes, uploaded {b} files, received {p}, {s} records complete; {c} changes and {f} files still pending.",
                 a=report.acked, b=report.blobs_uploaded, p=report.pulled, s=report.records_synced,
                 c=report.pending_changes, f=report.pending_blobs))
        for rej in report.rejected_reasons:
            print(tr("被服务器拒收：", "Refused by the server: ") + f"{rej['entity']} {rej['entity_id']}: {rej['reason']}",
                  file=sys.stderr)
        if report.conflicts:
            print(tr("有 {n} 处冲突需要人工处理（inspector-app conflicts）。", "{n} conflicts need a person to decide (inspector-app conflicts).",
                     n=report.conflicts), file=sys.stderr)
        if report.error:
            print(tr("同步未完成：", "Sync not complete: ") + report.error["message"], file=sys.stderr)
        elif report.ok:
            print(tr("全部数据已同步并经服务器确认完整。", "Everything is synced and confirmed complete by the server."))
    return 0 if report.ok else 1


def cmd_status(args, ctx: CliContext) -> int:
    from inspector_app.sync.status import status

    info = status(ctx.store())
    if args.json:
        print_json(info)
    else:
        print(tr("待同步 {c} 条，待上传文件 {f} 个，未处理冲突 {k} 处；上次同步：{t}",
                 "{c} changes and {f} files pending, {k} open conflicts; last sync: {t}",
                 c=info["pending_changes"], f=info["pending_blobs"], k=info["conflicts_open"],
                 t=info["last_synced_at"] or tr("从未", "never")))
    return 0


def cmd_conflicts(args, ctx: CliContext) -> int:
    from inspector_app.sync.conflicts import differences, list_conflicts

    rows = list_conflicts(ctx.store())
    for row in rows:
        if args.json:
            print_json({**row, "differences": differences(row)})
        else:
            print(f"{row['id']}\t{row['entity']}\t{row['entity_id']}")
            for key, mine, theirs in differences(row):
                print(f"    {key}: {tr('本机', 'local')}={mine!r}  {tr('服务器', 'server')}={theirs!r}")
    return 0


def cmd_resolve(args, ctx: CliContext) -> int:
    from inspector_app.domain.errors import DomainError
    from inspector_app.sync.conflicts import resolve_conflict

    try:
        resolve_conflict(ctx.store(), args.conflict_id, args.choice)
    except DomainError as exc:
        raise CliError(exc.message, 1) from None
    print(tr("冲突已处理，结果将在下次同步时发送。", "Conflict resolved; the decision is sent with the next sync."))
    return 0


def cmd_sync_settings(args, ctx: CliContext) -> int:
    import json

    from inspector_app.sync import settings

    store = ctx.store(create=True)
    if args.assignments:
        values = {}
        for item in args.assignments:
            key, _, raw = item.partition("=")
            if key not in settings.SETTINGS or key in ("sync.token",):
                raise CliError(tr("未知或不可修改的设置：{k}", "Unknown or read-only setting: {k}", k=key), 2)
            kind = settings.SETTINGS[key].type
            try:
                value = json.loads(raw) if kind in (bool, int, float, list, dict) else raw
                if kind is float:
                    value = float(value)
            except ValueError:
                raise CliError(tr("设置 {k} 的值无效：{v}", "Invalid value for {k}: {v}", k=key, v=raw), 2) from None
            values[key] = value
        try:
            settings.set_many(store, values)
        except TypeError as exc:
            raise CliError(str(exc), 2) from None
    out = {k: ("***" if k == "sync.token" and settings.get(store, k) else settings.get(store, k)) for k in settings.SETTINGS}
    print_json(out)
    return 0


def cmd_demo_fieldwork(args, ctx: CliContext) -> int:
    from inspector_app.demo.fieldwork import FieldworkOptions, fill_fieldwork

    if args.inspections < 0 or args.photos_per < 0:
        raise CliError(tr("数量不能为负数。", "Counts cannot be negative."), 2)
    store = ctx.store()
    try:
        done = fill_fieldwork(store, FieldworkOptions(inspections=args.inspections, photos_per=args.photos_per,
                                                      photo_bytes=args.photo_kb * 1024, refusals=args.refusals,
                                                      seed=args.seed))
    except LookupError as exc:
        raise CliError(str(exc.args[0]), 1) from None
    print_json(done)
    return 0
