"""Sample and custody commands: verify-custody, samples list/show, custody add/events, site-records list."""

from __future__ import annotations

import json
import sys

from inspector_app.cli.context import CliContext, CliError, print_json
from inspector_app.i18n import tr


def register(sub) -> None:
    p = sub.add_parser("verify-custody", help="verify a sample's record and custody hash chain (exit 1 if broken)")
    p.add_argument("sample", help="sampling-record number, seal number or sample id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("samples", help="sampling records (抽样单)")
    samples = p.add_subparsers(dest="samples_command", metavar="ACTION")
    samples.required = True
    q = samples.add_parser("list", help="list samples with custody stage per part and deadlines")
    q.add_argument("--json", action="store_true", help="one JSON object per line")
    q.add_argument("--stage", help="only samples with a part at this stage (e.g. at_lab, objection)")
    q.add_argument("--mode", choices=["production", "retail", "online"])
    q.set_defaults(handler=cmd_list)
    q = samples.add_parser("show", help="one sample: record, events, deadlines, verification")
    q.add_argument("sample")
    q.set_defaults(handler=cmd_show)

    p = sub.add_parser("custody", help="chain of custody events")
    custody = p.add_subparsers(dest="custody_command", metavar="ACTION")
    custody.required = True
    q = custody.add_parser("add", help="append an event (refused when the order is wrong)")
    q.add_argument("sample")
    q.add_argument("type", help="DRAWN, SEALED, SHIPPED, LAB_RECEIVED, TESTED, RESULT_SERVED, …")
    q.add_argument("--part", default="both", choices=["test", "backup", "both"])
    q.add_argument("--data", default="{}", help="JSON object with the type's data (docs/RECORDS.md)")
    q.add_argument("--actor", action="append", default=[], help="NAME:ROLE[:ID] (repeatable)")
    q.add_argument("--place", default="")
    q.add_argument("--seal", action="append", default=[], help="seal number (repeatable)")
    q.add_argument("--note", default="")
    q.add_argument("--at", default=None, help="device time (ISO-8601 with zone); default now")
    q.set_defaults(handler=cmd_add)
    q = custody.add_parser("events", help="list a sample's events")
    q.add_argument("sample")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_events)
    q = custody.add_parser("allowed", help="the event types that may follow now")
    q.add_argument("sample")
    q.set_defaults(handler=cmd_allowed)

    p = sub.add_parser("site-records", help="refusal (拒检认定) and no-sample (未抽到样品) records")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_site_records)


def _sample(ctx: CliContext, key: str) -> dict:
    from inspector_app.custody.verify import find_sample

    sample = find_sample(ctx.store().read(), key)
    if sample is None:
        raise CliError(tr("找不到抽样单：{k}（可输入抽样单编号、封条编号或 id）。", "No sample found for {k} (use a sampling-record number, seal number or id).", k=key))
    return sample


def cmd_verify(args, ctx: CliContext) -> int:
    from inspector_app.custody.verify import verify_sample

    sample = _sample(ctx, args.sample)
    result = verify_sample(ctx.store().read(), sample)
    if args.json:
        broken = result.broken
        print_json({"sample": sample["number"], "ok": result.ok, "events": result.count,
                    "broken": None if broken is None else {"kind": broken.kind, "seq": broken.seq, "event_id": broken.event_id,
                                                           "type": broken.event_type, "message": broken.message(sample["number"])}})
    elif result.ok:
        print(f"OK {result.count} events")
    else:
        print(f"BROKEN {result.broken.kind} seq={result.broken.seq} event={result.broken.event_id}")
        print(result.broken.message(sample["number"]), file=sys.stderr)
    return 0 if result.ok else 1


def cmd_list(args, ctx: CliContext) -> int:
    from inspector_app.custody.status import stage_label

    from inspector_app.custody.listing import list_rows

    rows = list_rows(ctx.store().read())
    if args.stage:
        rows = [r for r in rows if args.stage in (r["test"], r["backup"])]
    if args.mode:
        rows = [r for r in rows if r["mode"] == args.mode]
    for row in rows:
        if args.json:
            print_json(row)
        else:
            extra = tr(" 异议期至 {d}", " objection open until {d}", d=row["objection_until"]) if row["objection_until"] else ""
            print(f"{row['number']}\t{row['product']}\t{row['enterprise']}\t{stage_label(row['test'])}/{stage_label(row['backup'])}{extra}")
    return 0


def cmd_show(args, ctx: CliContext) -> int:
    from inspector_app.custody import deadlines
    from inspector_app.custody.service import events_of
    from inspector_app.custody.verify import verify_sample

    db = ctx.store().read()
    sample = _sample(ctx, args.sample)
    events = events_of(db, sample["id"])
    result = verify_sample(db, sample)
    print_json({"sample": sample, "events": events,
                "deadlines": [{"key": d.key, "due": d.due.isoformat(), "open": d.open, "text": d.text()} for d in deadlines.derive(events, sample["mode"])],
                "verified": result.ok, "broken": result.broken.message(sample["number"]) if result.broken else None})
    return 0


def _actor(text: str) -> dict:
    parts = text.split(":")
    if len(parts) < 2:
        raise CliError(tr("--actor 格式应为 姓名:角色[:证件号]", "--actor must be NAME:ROLE[:ID]"), 2)
    return {"name": parts[0], "role": parts[1], "id_no": parts[2] if len(parts) > 2 else ""}


def cmd_add(args, ctx: CliContext) -> int:
    from inspector_app.custody.service import append_event
    from inspector_app.domain.errors import DomainError

    try:
        data = json.loads(args.data)
    except json.JSONDecodeError as exc:
        raise CliError(tr("--data 不是有效的 JSON：{e}", "--data is not valid JSON: {e}", e=exc), 2) from exc
    if not isinstance(data, dict):
        raise CliError(tr("--data 必须是 JSON 对象。", "--data must be a JSON object."), 2)
    sample = _sample(ctx, args.sample)
    try:
        row = ctx.store().write_sync(lambda t: append_event(
            t, sample["id"], args.type.upper(), args.part, at=args.at, actors=[_actor(a) for a in args.actor], place=args.place,
            seal_ids=args.seal, data=data, note=args.note))
    except DomainError as exc:
        raise CliError(str(exc)) from exc
    print_json({"id": row["id"], "seq": row["seq"], "type": row["type"], "hash": row["hash"]})
    return 0


def cmd_events(args, ctx: CliContext) -> int:
    from inspector_app.custody.events import EventType, Part
    from inspector_app.custody.service import events_of

    sample = _sample(ctx, args.sample)
    for event in events_of(ctx.store().read(), sample["id"]):
        if args.json:
            print_json(event)
        else:
            print(f"{event['seq']:>3} {event['at']} {EventType(event['type']).label} ({Part(event['part']).label}) {event['hash'][:12]}")
    return 0


def cmd_allowed(args, ctx: CliContext) -> int:
    from inspector_app.custody import machine
    from inspector_app.custody.service import state_of

    sample = _sample(ctx, args.sample)
    if sample["state"] == "draft":
        print(tr("抽样单尚未签署定稿。", "The sampling record is not signed and finalized yet."))
        return 0
    for etype, part in machine.allowed(state_of(ctx.store().read(), sample)):
        print(f"{etype.value}\t{part.value}\t{etype.label}")
    return 0


def cmd_site_records(args, ctx: CliContext) -> int:
    from inspector_app.custody.listing import site_record_rows
    from inspector_app.custody.site_records import kind_label

    rows = site_record_rows(ctx.store().read())
    for row in rows:
        if args.json:
            print_json(row)
        else:
            print(f"{row['number']}\t{kind_label(row['kind'])}\t{row['enterprise']}\t{row['state']}{'  !' if row['urgent'] else ''}")
    return 0

