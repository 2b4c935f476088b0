"""Checklist commands: check template files, list open drafts, show or verify an inspection."""

from __future__ import annotations

from pathlib import Path

from inspector_app.cli.context import CliContext, CliError, print_json
from inspector_app.i18n import tr


def register(sub) -> None:
    p = sub.add_parser("templates", help="load checklist templates and report every problem (exit 1 if any)")
    p.add_argument("--folder", type=Path, default=None, help="template folder (default: the shipped forms/)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_templates)

    p = sub.add_parser("drafts", help="open (unfinished) inspections in this workspace")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_drafts)

    p = sub.add_parser("inspection", help="progress, score and open issues of an inspection; verify a finalized one")
    p.add_argument("inspection_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_inspection)


def cmd_templates(args, ctx: CliContext) -> int:
    from inspector_app.checklists import load_templates

    result = load_templates(args.folder)
    if args.json:
        for t in result.templates:
            print_json({"id": t.id, "version": t.version, "title": t.title(), "items": len(t.items),
                        "task_types": list(t.task_types), "sha256": t.sha256, "file": t.source})
        for e in result.errors:
            print_json({"error": e.problem, "file": e.file, "item_id": e.item_id})
    else:
        for t in result.templates:
            print(f"{t.id}@{t.version}\t{len(t.items)}\t{t.title()}\t({t.source})")
        for e in result.errors:
            print(tr("错误：{e}", "error: {e}", e=e))
    return 1 if result.errors else 0


def cmd_drafts(args, ctx: CliContext) -> int:
    from inspector_app.checklists import list_drafts

    drafts = list_drafts(ctx.store().read())
    for d in drafts:
        if args.json:
            print_json(d)
        else:
            print(f"{d['id']}\t{d['enterprise_name']}\t{d['template_title']}\t{d['answered']}/{d['total']}\t{d['updated_at']}")
    return 0


def cmd_inspection(args, ctx: CliContext) -> int:
    from inspector_app.checklists import open_inspection, verify_inspection
    from inspector_app.domain.errors import DomainError

    db = ctx.store().read()
    try:
        session = open_inspection(db, args.inspection_id)
    except DomainError as exc:
        raise CliError(exc.message) from exc
    progress, score = session.progress(), session.score()
    issues = session.validate()
    verified = None if session.editable else verify_inspection(db, session.id)
    out = {
        "id": session.id, "state": session.row["state"], "template": f"{session.template.id}@{session.template.version}",
        "progress": progress.text, "score": score.percent, "nonconforming": score.nonconforming,
        "key_failures": score.key_failures, "content_hash": session.row.get("content_hash"), "verified": verified,
        "issues": [{"item_id": i.item_id, "field": i.field, "code": i.code, "message": i.message} for i in issues],
    }
    if args.json:
        print_json(out)
    else:
        for key in ("id", "state", "template", "progress", "score", "content_hash", "verified"):
            print(f"{key}: {out[key]}")
        for issue in issues:
            print(f"  - {issue}")
    return 1 if verified is False else 0
