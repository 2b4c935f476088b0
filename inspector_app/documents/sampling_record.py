"""抽样单 — the sampling record: a bordered form, signatures of samplers and party on every page."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from inspector_app.documents import gather as g
from inspector_app.documents.base import CATEGORY_LABELS, MODE_LABELS, DocContext, amount, money, names, text
from inspector_app.documents.layout import copies_note, form_table, header, label_cell, para
from reportlab.platypus import Spacer
from reportlab.lib.units import mm

TYPE = "sampling_record"
TITLE = "产品质量监督抽查抽样单"
RECORD_KIND = "sample"
CONFIRMATION = {"n/a": "不适用", "pending": "待确认", "confirmed": "已确认", "denied": "否认"}


def gather(db: Database, record_id: str) -> dict[str, Any] | None:
    return g.sample_record(db, record_id, issued_number=False)


def candidates(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM sample ORDER BY state = 'draft', sampled_at, id").fetchall()]


def _section(label: str, rows: list[list]) -> tuple[list[list], int]:
    """Prefix rows with a vertical section label cell (spanned later)."""
    vertical = "\n".join(label)  # one character per line
    out = [[para(vertical, "cell_label")] + rows[0]] + [[""] + r for r in rows[1:]]
    return out, len(rows)


def _party_rows(p: dict[str, Any], producer: bool = False) -> list[list]:
    rows = [
        [label_cell("单位名称"), p.get("name", ""), label_cell("统一社会信用代码"), p.get("uscc", "")],
        [label_cell("单位地址"), p.get("address", ""), label_cell("邮政编码"), p.get("postcode", "")],
        [label_cell("法定代表人"), p.get("legal_rep", ""), label_cell("经济类型"), p.get("economic_type", "")],
        [label_cell("联系人"), p.get("contact", ""), label_cell("联系电话"), p.get("phone", "")],
    ]
    if producer:
        rows.append([label_cell("标称生产者"), text(p.get("labelled"), "否"), label_cell("生产者确认"),
                     CONFIRMATION.get(p.get("confirmation") or "", text(p.get("confirmation")))])
    return rows


def build(ctx: DocContext):
    rec, d = ctx.record, ctx.data
    task = rec.get("task") or {}
    product = d.get("product") or {}
    cert = d.get("certificate") or {}
    seal = d.get("seal") or {}
    seal_numbers = seal.get("seal_numbers") or {}
    if not seal_numbers and rec.get("seals"):
        seal_numbers = {"test": [s["seal_no"] for s in rec["seals"] if s["part"] == "test"],
                        "backup": [s["seal_no"] for s in rec["seals"] if s["part"] == "backup"]}
    seal_text = "；".join(f"{label}：{text(seal_numbers.get(key))}" for key, label in (("test", "检验样"), ("backup", "备用样")) if seal_numbers.get(key))
    gps = d.get("gps") or {}
    place = text(d.get("place")) + (f"（{gps.get('lat')}, {gps.get('lon')}）" if gps.get("lat") is not None else "")
    unit = d.get("sampling_unit") or {}
    samplers = d.get("samplers") or []

    rows: list[list] = []
    spans: list[tuple] = []

    def add_section(label: str, section_rows: list[list]) -> None:
        start = len(rows)
        block, n = _section(label, section_rows)
        rows.extend(block)
        if n > 1:
            spans.append(((0, start), (0, start + n - 1)))
        for i, r in enumerate(section_rows):
            if len(r) == 2:  # label + value spanning the remaining columns
                rows[start + i].extend(["", ""])
                spans.append(((2, start + i), (4, start + i)))

    add_section("任务", [
        [label_cell("任务来源"), text(d.get("task_source") or task.get("source")), label_cell("任务类别"),
         CATEGORY_LABELS.get(d.get("task_category") or task.get("category") or "", text(d.get("task_category") or task.get("category")))],
        [label_cell("任务编号"), text(task.get("number")), label_cell("抽样方式"), MODE_LABELS.get(rec.get("mode", ""), text(rec.get("mode")))],
    ])
    add_section("受检单位", _party_rows(d.get("sampled_party") or {}))
    producer = d.get("producer") or {}
    party_name = (d.get("sampled_party") or {}).get("name")
    if producer and producer.get("name") and producer.get("name") == party_name and not producer.get("labelled"):
        add_section("生产单位", [[label_cell("生产单位"), "同受检单位"]])
    elif producer:
        add_section("生产单位", _party_rows(producer, producer=True))
    sample_rows = [
        [label_cell("产品名称"), text(product.get("name")), label_cell("商标"), text(product.get("brand"))],
        [label_cell("规格型号"), text(product.get("model")), label_cell("生产日期/批号"),
         "／".join(x for x in (text(product.get("production_date")), text(product.get("batch"))) if x)],
        [label_cell("产品等级"), text(product.get("grade")), label_cell("标注执行标准"), text(product.get("standard"))],
        [label_cell("证书类型"), text(cert.get("type")), label_cell("证书编号"), text(cert.get("number"))],
        [label_cell("抽样数量"), amount(d.get("quantity")), label_cell("备样数量"), amount(d.get("backup_quantity"))],
        [label_cell("抽样基数"), amount(d.get("lot_size")), label_cell("单价／购样费用"),
         "／".join(x for x in (money(d.get("unit_price")), money(d.get("purchase_cost"))) if x)],
        [label_cell("封样状态"), text(seal.get("state")), label_cell("封条编号"), seal_text],
        [label_cell("备样封存地点"), text(seal.get("backup_location")), label_cell("是否出口产品"), text(d.get("export_product"), "否")],
        [label_cell("寄送样地点"), text(d.get("ship_to")), label_cell("寄送样截止日期"), text(d.get("ship_deadline"))],
        [label_cell("抽样地点"), place, label_cell("抽样时间"), _datetime(rec.get("sampled_at"))],
    ]
    online = d.get("online") or {}
    if rec.get("mode") == "online" or online:
        sample_rows.append([label_cell("网购平台／店铺"), "／".join(x for x in (text(online.get("platform")), text(online.get("shop"))) if x),
                            label_cell("订单号"), text(online.get("order_number"))])
        if online.get("url"):
            sample_rows.append([label_cell("网址"), text(online.get("url"))])
    add_section("样品信息", sample_rows)
    add_section("抽样单位", [
        [label_cell("单位名称"), text(unit.get("name") or ctx.bureau_name), label_cell("联系人"), text(unit.get("contact"))],
        [label_cell("单位地址"), text(unit.get("address") or ctx.bureau.get("address")), label_cell("联系电话"), text(unit.get("phone") or ctx.bureau.get("phone"))],
        [label_cell("抽样人员"), names(samplers, with_cert=True)],
    ])
    rows.append([label_cell("备注"), text(d.get("remarks")), "", "", ""])
    spans.append(((1, len(rows) - 1), (4, len(rows) - 1)))

    story = header(ctx.bureau_name, TITLE, ctx.number, "编号：")
    story.append(form_table(rows, [9, 22, 48, 22, 40], spans))
    story.append(Spacer(1, 3 * mm))
    story.append(para("受检单位对抽样过程、样品封存及上述记录内容无异议。抽样单内容的修改须经抽样人员和受检单位双方签字确认。", "small"))
    story.append(Spacer(1, 2 * mm))
    story.append(copies_note("本抽样单一式四联：第一联抽查组织单位留存，第二联受检单位留存，第三联随样品交承检机构，第四联抽样单位留存。"))
    sampler_names = [s.get("name", "") for s in samplers if isinstance(s, dict)]
    row = [ctx.group("抽样人员（签名）", "sampler", "inspector", weight=1.4, fallback_names=sampler_names),
           ctx.group("受检单位（签名／盖章）", "party", fallback_names=[(d.get("sampled_party") or {}).get("contact", "")])]
    if producer and any(s.get("role") == "producer" for s in rec.get("signatures") or []):
        row.append(ctx.group("生产单位（签名）", "producer"))
    return ctx.spec(TITLE, row, always_number_pages=True), story


def _datetime(value: str | None) -> str:
    from inspector_app.documents.layout import cn_datetime

    return cn_datetime(value, "") if value else ""
