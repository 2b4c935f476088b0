"""检验结果告知书 — test result notice with the objection window and a receipt slip."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlite_utils import Database

from inspector_app.documents import gather as g
from inspector_app.documents.base import DocContext, text
from inspector_app.documents.layout import CutLine, cn_date, copies_note, form_table, header, label_cell, para, seal_area

TYPE = "result_notice"
TITLE = "检验结果告知书"
RECORD_KIND = "sample"


def gather(db: Database, record_id: str) -> dict[str, Any] | None:
    return g.sample_record(db, record_id)


def candidates(db: Database) -> list[str]:
    rows = db.execute("SELECT DISTINCT sample_id FROM custody_event WHERE type IN ('TESTED', 'RETESTED') ORDER BY sample_id").fetchall()
    return [r[0] for r in rows]


def default_extra(record: dict[str, Any], bureau: dict[str, Any], issued_at: str) -> dict[str, Any]:
    return {"objection_body": bureau.get("name", ""), "objection_days": 15}


def build(ctx: DocContext):
    rec, d, e = ctx.record, ctx.data, ctx.extra
    party = d.get("sampled_party") or {}
    product = d.get("product") or {}
    tested = g.last_event(rec, "RETESTED", "TESTED") or {}
    t = tested.get("data") or {}
    conclusion = text(t.get("conclusion"), "（待检验）")
    failing = text(t.get("failing_items"))
    story = header(ctx.bureau_name, TITLE, ctx.number)
    story.append(para(f"{text(party.get('name'), '＿＿＿＿')}：", "plain"))
    story.append(para(
        f"本局于{cn_date(rec.get('sampled_at'))}依法对你单位的{text(product.get('name'))}进行了产品质量监督抽查"
        f"（抽样单编号：{text(rec.get('number'), '无')}）。经{text(t.get('lab'), '承检机构')}检验"
        f"（检验报告编号：{text(t.get('report_no'), '无')}），检验结论为：{conclusion}。"
        + (f"不合格项目：{failing}。" if failing else ""), "body"))
    story.append(form_table([
        [label_cell("受检单位"), text(party.get("name")), label_cell("统一社会信用代码"), text(party.get("uscc"))],
        [label_cell("产品名称"), text(product.get("name")), label_cell("商标"), text(product.get("brand"))],
        [label_cell("规格型号"), text(product.get("model")), label_cell("生产日期/批号"), text(product.get("batch") or product.get("production_date"))],
        [label_cell("抽样单编号"), text(rec.get("number")), label_cell("检验报告编号"), text(t.get("report_no"))],
        [label_cell("检验结论"), conclusion, label_cell("不合格项目"), failing or "无"],
    ], [22, 40, 24, 38]))
    story.append(Spacer(1, 2 * mm))
    days = int(e.get("objection_days") or 15)
    story.append(para(
        f"如对检验结果有异议，可以自收到本告知书之日起{_cn_number(days)}日内向{text(e.get('objection_body'), ctx.bureau_name)}提出书面复检申请，"
        f"并说明理由；逾期未提出异议的，视为认可检验结果。", "body"))
    if conclusion == "不合格":
        story.append(para("对检验结论为不合格的产品，你单位应当立即停止生产、销售同一产品，并按要求进行整改。", "body"))
    story.append(para(f"联系地址：{text(ctx.bureau.get('address'))}　　联系电话：{text(ctx.bureau.get('phone'))}", "plain"))
    story.append(seal_area(ctx.bureau_name, ctx.issued_at))
    story.append(copies_note("本文书一式两份，一份送达受检单位，一份归档。"))
    story.append(Spacer(1, 4 * mm))
    story.append(CutLine("回　　执"))
    story.append(Spacer(1, 2 * mm))
    served = g.last_event(rec, "RESULT_SERVED") or {}
    sd = served.get("data") or {}
    story.append(para(f"本单位已于{cn_date(sd.get('served_on'))}收到{ctx.bureau_name}{ctx.number}《检验结果告知书》。", "body"))
    story.append(form_table([
        [label_cell("受送达单位"), text(party.get("name")), label_cell("签收时间"), text(cn_date(sd.get("served_on"), "")) or "    年  月  日  时"],
        [label_cell("签收人（签名）"), text(sd.get("to")), label_cell("单位（盖章）"), ""],
    ], [22, 40, 22, 40]))
    return ctx.spec(TITLE), story


def _cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)
