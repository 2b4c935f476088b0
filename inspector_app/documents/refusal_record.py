"""拒检认定书 — refusal to be sampled: facts, evidence, local bureau's opinion, signatures (or refusal)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlite_utils import Database

from inspector_app.documents import gather as g
from inspector_app.documents.base import DocContext, names, text
from inspector_app.documents.layout import cn_datetime, copies_note, form_table, header, label_cell, para

TYPE = "refusal_record"
TITLE = "企业拒绝监督抽查认定书"
RECORD_KIND = "site_record"


def gather(db: Database, record_id: str) -> dict[str, Any] | None:
    return g.site_record(db, record_id, "refusal")


def candidates(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM site_record WHERE kind = 'refusal' ORDER BY state = 'draft', id").fetchall()]


def wide(rows: list[list], label: str, value: Any) -> None:
    rows.append([label_cell(label), text(value), "", ""])


def build(ctx: DocContext):
    rec, d = ctx.record, ctx.data
    ent = d.get("enterprise") or {}
    unit = d.get("sampling_unit") or {}
    task = rec.get("task") or {}
    rows: list[list] = []
    spans = []

    def add_wide(label: str, value: Any) -> None:
        wide(rows, label, value)
        spans.append(((1, len(rows) - 1), (3, len(rows) - 1)))

    product = d.get("product")
    add_wide("产品名称", product.get("name") if isinstance(product, dict) else product)
    rows.append([label_cell("企业名称"), text(ent.get("name")), label_cell("法定代表人"), text(ent.get("legal_rep"))])
    add_wide("企业地址", ent.get("address"))
    rows.append([label_cell("统一社会信用代码"), text(ent.get("uscc")), label_cell("联系人／电话"), "／".join(x for x in (text(ent.get("contact")), text(ent.get("phone"))) if x)])
    rows.append([label_cell("任务来源"), text(d.get("task_source") or task.get("source")), label_cell("任务编号"), text(task.get("number"))])
    rows.append([label_cell("抽样单位"), text(unit.get("name")), label_cell("抽样单位电话"), text(unit.get("phone"))])
    rows.append([label_cell("抽样人员"), names(d.get("samplers"), with_cert=True), label_cell("发生时间"), cn_datetime(d.get("occurred_at") or rec.get("created_at"), "")])
    add_wide("拒检经过", d.get("what_happened"))
    add_wide("证据材料", d.get("evidence_note"))
    add_wide("当地市场监管部门意见", f"{text(d.get('bureau_opinion'))}" + (f"（{d['local_bureau']}）" if d.get("local_bureau") else ""))
    story = header(ctx.bureau_name, TITLE, ctx.number, "编号：")
    story.append(form_table(rows, [24, 46, 22, 38], spans))
    story.append(Spacer(1, 2 * mm))
    story.append(para("抽样人员已向企业告知：依照《中华人民共和国产品质量法》，依法进行的产品质量监督检查，生产者、销售者不得拒绝；"
                      "拒绝监督抽查的，承担相应的法律后果。", "small"))
    story.append(Spacer(1, 1 * mm))
    story.append(copies_note("本认定书一式三份，一份交受检企业，一份交当地市场监督管理部门，一份报抽查组织部门。"))
    row = [
        ctx.group("抽样人员（签名）", "sampler", "inspector", weight=1.4, fallback_names=[s.get("name", "") for s in d.get("samplers") or [] if isinstance(s, dict)]),
        ctx.group("受检企业（签名／盖章）", "party", fallback_names=[ent.get("legal_rep", "")]),
        ctx.group("当地市场监管部门（签名）", "bureau"),
    ]
    return ctx.spec(TITLE, row, always_number_pages=True), story
