"""Document commands: render (issue or re-print), render-all, verify-document."""

from __future__ import annotations

from pathlib import Path

from inspector_app.cli.context import CliContext, CliError, print_json
from inspector_app.i18n import tr


def register(sub) -> None:
    from inspector_app.documents import DOC_TYPES

    p = sub.add_parser("render", help="issue (or re-print, if already issued) a document as PDF")
    p.add_argument("type", choices=DOC_TYPES)
    p.add_argument("record_id")
    p.add_argument("-o", "--out", type=Path, required=True, help="PDF file to write")
    p.add_argument("--preview", action="store_true", help="render without issuing (no number used; watermarked)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_render)

    p = sub.add_parser("render-all", help="one document of every type from the workspace's records")
    p.add_argument("outdir", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_render_all)

    p = sub.add_parser("verify-document", help="check a PDF's number and content hash against the workspace")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise CliError(tr("无法写入 {p}：{e}。请换一个可写的位置。", "Cannot write {p}: {e}. Choose a writable location.", p=path, e=exc.strerror or exc)) from exc


def _issue(store, doc_type: str, record_id: str):
    from inspector_app.documents.issue import issue
    from inspector_app.domain.errors import DomainError

    try:
        return issue(store, doc_type, record_id)
    except DomainError as exc:
        raise CliError(str(exc)) from exc


def cmd_render(args, ctx: CliContext) -> int:
    store = ctx.store()
    if args.preview:
        from inspector_app.documents.issue import gather_inputs
        from inspector_app.documents.render import blob_loader, render
        from inspector_app.domain.errors import DomainError
        from inspector_app.domain.ids import utc_now

        try:
            now = utc_now()
            inputs = gather_inputs(store.read(), args.type, args.record_id, now)
        except DomainError as exc:
            raise CliError(str(exc)) from exc
        _write(args.out, render(args.type, inputs, "", now, blob_loader(store.paths.blobs), preview=True))
        print(tr("预览已写入 {p}（未签发，未使用编号）", "Preview written to {p} (not issued, no number used)", p=args.out))
        return 0
    result = _issue(store, args.type, args.record_id)
    _write(args.out, result.pdf)
    if args.json:
        print_json({"type": result.doc_type, "number": result.number, "record_hash": result.record_hash,
                    "pdf_sha256": result.pdf_sha256, "reprint": result.reprint, "path": str(args.out)})
    else:
        what = tr("重印", "re-printed") if result.reprint else tr("已签发", "issued")
        print(f"{what} {result.number} → {args.out}")
    return 0


def cmd_render_all(args, ctx: CliContext) -> int:
    from inspector_app.documents import DOC_TYPES, module_for

    store = ctx.store()
    done, missing = [], []
    for doc_type in DOC_TYPES:
        candidates = module_for(doc_type).candidates(store.read())
        if not candidates:
            missing.append(doc_type)
            continue
        result = _issue(store, doc_type, candidates[0])
        path = args.outdir / f"{doc_type}.pdf"
        _write(path, result.pdf)
        done.append({"type": doc_type, "number": result.number, "record_id": candidates[0], "path": str(path),
                     "bytes": len(result.pdf), "reprint": result.reprint})
    if args.json:
        print_json({"documents": done, "missing": missing})
    else:
        for d in done:
            print(f"{d['type']:<18} {d['number']}  {d['path']}")
        for m in missing:
            print(tr("缺少可生成 {t} 的记录", "no record to render as {t}", t=m))
    return 1 if missing else 0


def cmd_verify(args, ctx: CliContext) -> int:
    from inspector_app.documents.verify import verify_pdf

    try:
        pdf = args.file.read_bytes()
    except OSError as exc:
        raise CliError(tr("无法读取 {p}：{e}", "Cannot read {p}: {e}", p=args.file, e=exc.strerror or exc)) from exc
    result = verify_pdf(ctx.store(), pdf)
    if args.json:
        print_json({"ok": result.ok, "number": result.number, "record_hash": result.record_hash, "type": result.doc_type,
                    "reasons": result.reasons, "notes": result.notes})
    else:
        if result.ok:
            print(tr("核验通过：{n}（校验值 {h}）", "Verified: {n} (hash {h})", n=result.number, h=result.record_hash))
        else:
            print(tr("核验失败：{n}", "Verification failed: {n}", n=result.number or "?"))
        for reason in result.reasons:
            print(f"  - {reason}")
        for note in result.notes:
            print(f"  * {note}")
    return 0 if result.ok else 1
