"""责令改正通知书 — order to correct, after a failed spot check (sample) or non-conformities (inspection)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlite_utils import Database

from inspector_app.documents import gather as g
from inspector_app.documents.base import DocContext, text
from inspector_app.documents.layout import CN_TZ, cn_date, copies_note, form_table, header, label_cell, labelled, para, seal_area
from inspector_app.domain.deadlines import DeadlineCalculator

TYPE = "correction_order"
TITLE = "责令改正通知书"
RECORD_KIND = "sample"  # or "inspection": the record's own `kind` is stored with the document

# Defaults, editable per document through `extra` (provinces and later rules may differ).
SPOT_CHECK_BREACHED = "《中华人民共和国产品质量法》第十三条、第二十六条"
POWER = "《中华人民共和国产品质量法》第十七条和《产品质量监督抽查管理暂行办法》"


def gather(db: Database, record_id: str) -> dict[str, Any] | None:
    return g.sample_record(db, record_id) or g.inspection_record(db, record_id)


def candidates(db: Database) -> list[str]:
    failed = db.execute(
        "SELECT DISTINCT sample_id FROM custody_event WHERE type = 'TESTED' AND json_extract(data, '$.conclusion') = '不合格' ORDER BY sample_id"
    ).fetchall()
    nonconform = db.execute("SELECT DISTINCT inspection_id FROM answer WHERE result = '不符合' ORDER BY inspection_id").fetchall()
    return [r[0] for r in failed] + [r[0] for r in nonconform]


def _party(record: dict[str, Any]) -> dict[str, Any]:
    d = record.get("data") or {}
    return d.get("sampled_party") or d.get("party") or {}


def default_extra(record: dict[str, Any], bureau: dict[str, Any], issued_at: str) -> dict[str, Any]:
    """Facts, provisions and the deadline (order date + 60 days) derived from the record."""
    day = dt.datetime.fromisoformat(issued_at.replace("Z", "+00:00")).astimezone(CN_TZ).date()
    deadline = DeadlineCalculator().due("correction", day).isoformat()
    if record.get("kind") == "sample":
        d = record.get("data") or {}
        product = d.get("product") or {}
        tested = g.last_event(record, "TESTED") or {}
        t = tested.get("data") or {}
        failing = text(t.get("failing_items")) or "见检验报告"
        facts = (f"{cn_date(record.get('sampled_at'))}，本局依法对你单位{text(product.get('name'))}"
                 f"（商标：{text(product.get('brand'), '无')}，规格型号：{text(product.get('model'), '无')}，"
                 f"生产日期/批号：{text(product.get('batch') or product.get('production_date'), '无')}）进行监督抽查"
                 f"（抽样单编号：{text(record.get('number'), '无')}）。经{text(t.get('lab'), '承检机构')}检验"
                 f"（检验报告编号：{text(t.get('report_no'), '无')}），检验结论为{text(t.get('conclusion'), '不合格')}，"
                 f"不合格项目为：{failing}。")
        return {"facts": facts, "breached": SPOT_CHECK_BREACHED, "power": POWER, "deadline": deadline, "immediately": False,
                "corrections": "立即停止生产、销售同一产品；查明不合格原因，对库存及已售出的同一产品进行清理；制定并落实整改措施，"
                               "整改完成后向本局提交书面整改报告，并接受复查。"}
    items = record.get("items") or {}
    bad = [a for a in record.get("answers") or [] if a.get("result") == "不符合"]
    lines = [f"{(items.get(a['item_id']) or {}).get('label') or a['item_id']}：{a.get('note') or '不符合'}" for a in bad]
    bases = sorted({(items.get(a["item_id"]) or {}).get("basis") for a in bad} - {None, ""})
    facts = f"{cn_date(record.get('started_at'))}，本局执法人员对你单位进行现场检查，发现以下问题：" + "；".join(lines) + "。"
    return {"facts": facts, "breached": "、".join(bases) or "相关法律、法规", "power": "《中华人民共和国产品质量法》第十八条",
            "deadline": deadline, "immediately": False, "corrections": "对上述问题逐项整改，整改完成后向本局提交书面整改报告。"}


def build(ctx: DocContext):
    e = ctx.extra
    party = _party(ctx.record)
    b = ctx.bureau
    story = header(ctx.bureau_name, TITLE, ctx.number)
    story.append(para(f"{text(party.get('name'), '＿＿＿＿')}：", "plain"))
    story.append(para(f"（统一社会信用代码：{text(party.get('uscc'), '＿＿＿＿')}）", "plain"))
    story.append(para(f"经查，{text(e.get('facts'))}", "body"))
    story.append(para(f"你（单位）的上述行为违反了{text(e.get('breached'))}的规定。依据{text(e.get('power'))}的规定，现责令你（单位）"
                      + ("立即改正上述违法行为。" if e.get("immediately") else f"于{cn_date(e.get('deadline'))}前改正上述违法行为。"), "body"))
    if e.get("corrections"):
        story.append(para(f"改正内容和要求：{text(e.get('corrections'))}", "body"))
    story.append(para(f"如不服本责令改正决定，可以在收到本通知书之日起六十日内向{text(b.get('review_body'))}申请行政复议，"
                      f"也可以在六个月内依法向{text(b.get('court'))}提起行政诉讼。", "body"))
    story.append(Spacer(1, 2 * mm))
    story.append(labelled("联系人：", text(e.get("contact")) or _first_inspector(ctx)))
    story.append(labelled("联系电话：", e.get("phone") or b.get("phone")))
    story.append(labelled("联系地址：", e.get("address") or b.get("address")))
    story.append(seal_area(ctx.bureau_name, ctx.issued_at))
    story.append(Spacer(1, 3 * mm))
    service = e.get("service") or {}
    story.append(form_table([
        [label_cell("送达方式"), text(service.get("method")), label_cell("送达日期"), text(service.get("date"), "    年  月  日")],
        [label_cell("受送达人签名"), text(service.get("receiver")), label_cell("送达人签名"), text(service.get("server"))],
    ], [22, 40, 22, 40]))
    story.append(Spacer(1, 2 * mm))
    story.append(copies_note("本文书一式两份，一份送达当事人，一份归档。"))
    return ctx.spec(TITLE), story


def _first_inspector(ctx: DocContext) -> str:
    d = ctx.data
    people = d.get("samplers") or ctx.record.get("inspectors") or []
    return text(people[0].get("name")) if people and isinstance(people[0], dict) else ""
