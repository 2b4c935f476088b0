"""`inspector-app photos …`: import photos (files or camera-card folders), list, remove, verify.

`photos import` prints one JSON object per file — {"path", "ok", "sha256"} or
{"path", "ok": false, "error", "code"} — and exits 0 only if every file imported.
"""

from __future__ import annotations

import argparse

from inspector_app.cli.context import CliError, print_json
from inspector_app.domain.errors import DomainError
from inspector_app.evidence.attachments import OWNER_KINDS
from inspector_app.evidence.importer import Owner
from inspector_app.i18n import tr

CLI_ATTACH_KINDS = ("inspection", "sample", "custody_event", "site_record")


def register(subparsers: argparse._SubParsersAction) -> None:
    photos = subparsers.add_parser("photos", help="photo evidence: import, list, remove, verify")
    sub = photos.add_subparsers(dest="photos_command", metavar="ACTION")
    sub.required = True

    p = sub.add_parser("import", help="import photo files or folders (JPEG, PNG, HEIC/HEIF, TIFF)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="photo files or folders (searched recursively)")
    p.add_argument("--attach", metavar="KIND:ID", help=f"attach to a record; KIND is one of {', '.join(CLI_ATTACH_KINDS)}")
    p.add_argument("--item", metavar="ITEM_ID", help="checklist item, with --attach inspection:ID")
    p.add_argument("--caption", default="", help="caption for the attached photos")
    p.add_argument("--stamp", action="store_true", help="draw capture time, place and record number on the display copies")
    p.add_argument("--place", default="", help="place text for --stamp")
    p.add_argument("--workers", type=int, default=None, help="parallel decoders (default: CPU count, up to 4)")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("list", help="photos of a record (or every photo), as JSON lines")
    p.add_argument("--owner", metavar="KIND:ID")
    p.add_argument("--all", action="store_true", help="include removed attachments")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("remove", help="remove a photo from a draft record (kept in the audit trail)")
    p.add_argument("attachment_id")
    p.add_argument("--reason", default="")
    p.set_defaults(handler=cmd_remove)

    p = sub.add_parser("verify", help="re-hash every stored original; exit 1 if any changed or is missing")
    p.set_defaults(handler=cmd_verify)


def _owner(text: str | None, item: str | None = None) -> Owner | None:
    if not text:
        if item:
            raise CliError(tr("--item 需要与 --attach inspection:ID 一起使用。", "--item needs --attach inspection:ID."), 2)
        return None
    try:
        owner = Owner.parse(text)
    except DomainError as exc:
        raise CliError(exc.message, 2) from exc
    if owner.kind not in OWNER_KINDS:
        raise CliError(tr("不能附加到“{k}”，可选：{a}。", "Cannot attach to '{k}'; choose one of: {a}.", k=owner.kind, a=", ".join(CLI_ATTACH_KINDS)), 2)
    return Owner(owner.kind, owner.id, item)


def _stamp(store, owner: Owner | None, place: str) -> dict[str, str]:
    number = ""
    if owner and owner.kind in ("inspection", "sample", "site_record"):
        row = store.read().execute(f"SELECT number FROM [{owner.kind}] WHERE id = ?", [owner.id]).fetchone()
        number = row[0] if row else ""
    return {"time": "", "place": place, "number": number or (owner.id if owner else "")}  # time: from EXIF


def cmd_import(args: argparse.Namespace, ctx) -> int:
    from inspector_app.evidence.service import EvidenceService

    owner = _owner(args.attach, args.item)
    store = ctx.store()
    service = EvidenceService(store, workers=args.workers)
    stamp = _stamp(store, owner, args.place) if args.stamp else None
    results = service.import_files(args.paths, owner=owner, caption=args.caption, stamp=stamp,
                                   on_result=lambda _d, _t, r: print_json(r.as_json()))
    if not results:
        raise CliError(tr("没有找到照片文件。", "No photo files found."), 1)
    return 0 if all(r.ok for r in results) else 1


def cmd_list(args: argparse.Namespace, ctx) -> int:
    from inspector_app.evidence.service import EvidenceService

    service = EvidenceService(ctx.store())
    for row in service.photos(_owner(args.owner), include_removed=args.all):
        print_json(row)
    return 0


def cmd_remove(args: argparse.Namespace, ctx) -> int:
    from inspector_app.evidence.service import EvidenceService

    try:
        row = EvidenceService(ctx.store()).remove(args.attachment_id, args.reason)
    except DomainError as exc:
        raise CliError(exc.message, 1) from exc
    print_json({"id": row["id"], "removed_at": row["removed_at"]})
    return 0


def cmd_verify(args: argparse.Namespace, ctx) -> int:
    from inspector_app.evidence.blobstore import BlobStore

    store = ctx.store()
    blobs = BlobStore(store.paths)
    bad = 0
    rows = store.read().execute("SELECT sha256, original_name FROM blob ORDER BY sha256").fetchall()
    for sha, name in rows:
        ok = blobs.verify(sha)
        bad += not ok
        if not ok:
            print_json({"sha256": sha, "name": name, "ok": False,
                        "error": tr("原始文件缺失或已被改动。", "The original is missing or was changed.")})
    print_json({"checked": len(rows), "bad": bad})
    return 0 if bad == 0 else 1
