"""现场检查笔录 — on-site inspection record: prose record, checklist table, signatures on every page."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlite_utils import Database

from inspector_app.documents import gather as g
from inspector_app.documents.base import DocContext, names, text
from inspector_app.documents.layout import cn_datetime, copies_note, form_table, header, label_cell, labelled, para

TYPE = "inspection_record"
TITLE = "现场检查笔录"
RECORD_KIND = "inspection"
RESULT_ORDER = {"不符合": 0, "符合": 1, "不适用": 2}


def gather(db: Database, record_id: str) -> dict[str, Any] | None:
    return g.inspection_record(db, record_id)


def candidates(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM inspection ORDER BY state = 'draft', started_at, id").fetchall()]


def build(ctx: DocContext):
    rec, d = ctx.record, ctx.data
    party = d.get("party") or {}
    people = rec.get("inspectors") or []
    story = header(ctx.bureau_name, TITLE, ctx.number, "编号：")
    story += [
        labelled("检查时间：", f"{cn_datetime(rec.get('started_at'))} 至 {cn_datetime(rec.get('ended_at'))}"),
        labelled("检查地点：", rec.get("place")),
        labelled("检查人员：", names(people, with_cert=True)),
        labelled("记录人：", rec.get("recorder")),
        labelled("当事人：", party.get("name")),
        labelled("营业执照名称：", party.get("licence_name") or party.get("name")),
        labelled("统一社会信用代码：", party.get("uscc")),
        labelled("住所（地址）：", party.get("address")),
        labelled("法定代表人（负责人）：", f"{text(party.get('legal_rep'))}　　身份证号：{text(party.get('id_no'))}　　联系电话：{text(party.get('phone'))}"),
        labelled("当事人到场通知方式：", d.get("notified_how")),
        Spacer(1, 2 * mm),
    ]
    cred = d.get("credentials_shown") or {}
    recusal = d.get("recusal") or {}
    inspector_names = names(people) or "执法人员"
    story += [
        para(f"问：我们是{ctx.bureau_name}的执法人员{inspector_names}，这是我们的执法证件（出示证件），请过目。你是否看清楚了？", "plain"),
        para(f"答：{text(cred.get('answer'), '（未记录）')}", "plain"),
        para("问：根据法律规定，执法人员与当事人有直接利害关系的，应当回避。你是否申请检查人员回避？", "plain"),
        para(f"答：{text(recusal.get('answer'), '（未记录）')}", "plain"),
        para("问：现依法对你单位进行现场检查，请予以配合。检查情况如下。", "plain"),
        Spacer(1, 2 * mm),
    ]
    items = rec.get("items") or {}
    answers = rec.get("answers") or []
    if answers:
        rows: list[list] = [[label_cell("序号"), label_cell("检查项目"), label_cell("依据"), label_cell("结果"), label_cell("不符合事实及证据")]]
        for i, a in enumerate(answers, start=1):
            item = items.get(a.get("item_id"), {})
            rows.append([str(i), item.get("label") or a.get("item_id"), item.get("basis", ""), a.get("result") or "未检查", a.get("note", "")])
        story.append(form_table(rows, [8, 40, 34, 13, 55], center_cols=(0, 3)))
        story.append(Spacer(1, 2 * mm))
        failed = sum(1 for a in answers if a.get("result") == "不符合")
        story.append(para(f"共检查 {len(answers)} 项，其中不符合 {failed} 项。", "plain"))
    story.append(para("检查情况及发现的问题：", "heading"))
    for chunk in str(rec.get("findings") or "无").split("\n"):
        story.append(para(chunk or " ", "body"))
    if d.get("hazard_note"):
        story.append(labelled("重大质量安全隐患：", d.get("hazard_note")))
    story.append(para("当事人陈述、申辩：", "heading"))
    for chunk in str(rec.get("party_statement") or "无").split("\n"):
        story.append(para(chunk or " ", "body"))
    story.append(Spacer(1, 2 * mm))
    confirmed = d.get("read_back_confirmed")
    story.append(para(
        "以上笔录已经当事人核对（或已向当事人宣读），与事实相符。" if confirmed
        else "以上笔录请当事人核对；如有遗漏或差错，可以补正或更正。", "plain"))
    story.append(Spacer(1, 3 * mm))
    story.append(copies_note("本笔录一式两份，一份交当事人，一份归档。每页均须当事人和检查人员签名。"))
    row = [
        ctx.group("当事人（签名）", "party", fallback_names=[party.get("legal_rep", "")]),
        ctx.group("检查人员（签名）", "inspector", weight=1.5, fallback_names=[p.get("name", "") for p in people]),
        _recorder_group(ctx, rec.get("recorder") or ""),
    ]
    return ctx.spec(TITLE, row, always_number_pages=True), story


def _recorder_group(ctx: DocContext, recorder: str):
    """The recorder signs too; usually one of the inspectors, whose captured signature is reused."""
    group = ctx.group("记录人（签名）", "recorder", weight=0.8)
    if not group.signers:
        group.signers = [s for s in ctx.signers("inspector") if s.name == recorder] or ctx.signers("recorder", fallback_names=[recorder])
    return group
