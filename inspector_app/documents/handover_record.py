"""样品移交确认单 — handing the sealed sample to the lab: condition checks, acceptance, both signatures."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlite_utils import Database

from inspector_app.documents import gather as g
from inspector_app.documents.base import DocContext, SignerGroup, amount, text
from inspector_app.documents.layout import SignatureBlock, checkbox, cn_datetime, copies_note, form_table, header, label_cell, para

TYPE = "handover_record"
TITLE = "样品移交确认单"
RECORD_KIND = "sample"


def gather(db: Database, record_id: str) -> dict[str, Any] | None:
    return g.sample_record(db, record_id)


def candidates(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT sample_id FROM custody_event WHERE type = 'LAB_RECEIVED' ORDER BY sample_id").fetchall()]


def _pair(value: Any, yes: str, no: str) -> str:
    return checkbox([(yes, value is True), (no, value is False)])


def _actor_names(event: dict[str, Any] | None, *roles: str) -> list[str]:
    out = []
    for a in (event or {}).get("actors") or []:
        if isinstance(a, dict) and (not roles or a.get("role") in roles):
            out.append(a.get("name", ""))
    return [n for n in out if n]


def build(ctx: DocContext):
    rec, d = ctx.record, ctx.data
    product = d.get("product") or {}
    received = g.last_event(rec, "LAB_RECEIVED") or {}
    shipped = g.last_event(rec, "SHIPPED") or {}
    r = received.get("data") or {}
    sd = shipped.get("data") or {}
    seals = rec.get("seals") or []
    seal_numbers = (d.get("seal") or {}).get("seal_numbers") or {}
    all_seals = [s["seal_no"] for s in seals] or [n for part in ("test", "backup") for n in seal_numbers.get(part, [])]
    parts = len(seal_numbers.get("test") or []) + len(seal_numbers.get("backup") or []) or len(seals)
    method = {"courier": "快递寄送", "by_hand": "专人送样"}.get(sd.get("method") or "", text(sd.get("method")))
    rows: list[list] = [
        [label_cell("抽样单编号"), text(rec.get("number")), label_cell("产品名称"), text(product.get("name"))],
        [label_cell("受检单位"), text((d.get("sampled_party") or {}).get("name")), label_cell("规格型号"), text(product.get("model"))],
        [label_cell("抽样时间"), cn_datetime(rec.get("sampled_at"), ""), label_cell("样品份数（含备样）"), f"{parts} 份" if parts else ""],
        [label_cell("样品数量"), f"检验样 {amount(d.get('quantity'))}　备用样 {amount(d.get('backup_quantity'))}", label_cell("封条编号"), "、".join(all_seals)],
        [label_cell("移交方式"), "　".join(x for x in (method, text(sd.get("courier")), text(sd.get("tracking_no"))) if x), label_cell("接收时间"), cn_datetime(received.get("at"), "")],
        [label_cell("封条"), _pair(r.get("seal_intact"), "完好", "破损"), label_cell("包装"), _pair(r.get("packaging_intact"), "完好", "破损")],
        [label_cell("样品数量"), _pair(r.get("quantity_sufficient"), "满足检验需要", "不足"), label_cell("样品状态"), _pair(r.get("state_normal"), "正常", "异常")],
        [label_cell("随附文书"), _pair(r.get("documents_ok"), "齐全且相符", "不齐全或不符"), label_cell("接收结论"), _pair(r.get("accepted"), "接收", "拒收")],
        [label_cell("拒收原因／说明"), text(r.get("reason") or received.get("note")), "", ""],
        [label_cell("承检机构"), text(r.get("lab") or sd.get("destination") or d.get("ship_to")), "", ""],
    ]
    spans = [((1, 8), (3, 8)), ((1, 9), (3, 9))]
    story = header(ctx.bureau_name, TITLE, ctx.number, "编号：")
    story.append(form_table(rows, [22, 44, 24, 40], spans))
    story.append(Spacer(1, 3 * mm))
    story.append(para("承检机构接收样品时，应当检查封条和包装是否完好、样品数量和状态是否与抽样单一致；发现异常的，应当在本单中如实记录。", "small"))
    story.append(Spacer(1, 3 * mm))
    handed = ctx.signers("courier", "sampler", fallback_names=_actor_names(shipped) or [s.get("name", "") for s in d.get("samplers") or [] if isinstance(s, dict)])
    receiver = ctx.signers("lab_receiver", fallback_names=_actor_names(received, "lab", "lab_receiver"))
    story.append(SignatureBlock([SignerGroup("移交人（签名）", handed, 1.3), SignerGroup("接收人（签名）", receiver, 1.0)]))
    story.append(Spacer(1, 2 * mm))
    story.append(copies_note("本确认单一式两份，移交单位和承检机构各执一份。"))
    return ctx.spec(TITLE), story
