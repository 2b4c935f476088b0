"""未抽到样品确认书 — no sample could be drawn: why, what happened, opinions, signatures."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlite_utils import Database

from inspector_app.documents import gather as g
from inspector_app.documents.base import CATEGORY_LABELS, DocContext, names, text
from inspector_app.documents.layout import checkbox, copies_note, form_table, header, label_cell

TYPE = "no_sample_record"
TITLE = "未抽到样品确认书"
RECORD_KIND = "site_record"


def gather(db: Database, record_id: str) -> dict[str, Any] | None:
    return g.site_record(db, record_id, "no_sample")


def candidates(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM site_record WHERE kind = 'no_sample' ORDER BY state = 'draft', id").fetchall()]


def build(ctx: DocContext):
    rec, d = ctx.record, ctx.data
    ent = d.get("enterprise") or {}
    task = rec.get("task") or {}
    rows: list[list] = []
    spans = []

    def add_wide(label: str, value: Any) -> None:
        rows.append([label_cell(label), text(value), "", ""])
        spans.append(((1, len(rows) - 1), (3, len(rows) - 1)))

    category = d.get("task_category") or task.get("category") or ""
    rows.append([label_cell("任务来源"), text(d.get("task_source") or task.get("source")), label_cell("任务类别"), CATEGORY_LABELS.get(category, text(category))])
    rows.append([label_cell("产品类别"), text(d.get("product_category")), label_cell("许可证／证书编号"), text(d.get("licence_number"))])
    rows.append([label_cell("企业名称"), text(ent.get("name")), label_cell("统一社会信用代码"), text(ent.get("uscc"))])
    add_wide("企业地址", ent.get("address"))
    rows.append([label_cell("法定代表人"), text(ent.get("legal_rep")), label_cell("联系人／电话"), "／".join(x for x in (text(ent.get("contact")), text(ent.get("phone"))) if x)])
    sales = d.get("sales_past_year")
    rows.append([label_cell("近一年内是否有销售订单"), checkbox([("有", sales is True), ("无", sales is False)]), label_cell("产品流向"), text(d.get("product_destination"))])
    add_wide("未抽到样品原因", d.get("reason"))
    add_wide("现场情况", d.get("what_happened"))
    add_wide("抽样人员", names(d.get("samplers"), with_cert=True))
    add_wide("当地市场监管部门意见", f"{text(d.get('bureau_opinion'))}" + (f"（{d['local_bureau']}）" if d.get("local_bureau") else ""))
    story = header(ctx.bureau_name, TITLE, ctx.number, "编号：")
    story.append(form_table(rows, [26, 44, 24, 36], spans))
    story.append(Spacer(1, 2 * mm))
    story.append(copies_note("本确认书一式三份，一份交受检企业，一份交当地市场监督管理部门，一份报抽查组织部门。"))
    row = [
        ctx.group("抽样人员（签名）", "sampler", "inspector", weight=1.4, fallback_names=[s.get("name", "") for s in d.get("samplers") or [] if isinstance(s, dict)]),
        ctx.group("受检企业（签名／盖章）", "party", fallback_names=[ent.get("legal_rep", "")]),
        ctx.group("当地市场监管部门（签名）", "bureau"),
    ]
    return ctx.spec(TITLE, row, always_number_pages=True), story
