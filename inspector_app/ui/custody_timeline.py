"""The custody timeline of one sample: each event as a card with who, where, seals, details,
photos and signatures, under a banner saying whether the chain verifies.

`CustodyTimeline(parent=None)`; `show_detail(detail)` with the dict made by
`load_detail(db, sample_id)` (call that off the UI thread). A language switch rebuilds the
cards from the last detail.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from inspector_app.custody import machine
from inspector_app.custody.events import EventType, Part
from inspector_app.evidence.attachments import list_attached
from inspector_app.custody.records import amendments_of
from inspector_app.custody.service import events_of
from inspector_app.evidence.signatures import signatures_of
from inspector_app.custody.verify import verify_sample
from inspector_app.domain.ids import parse_utc
from inspector_app.i18n import parenthetical, separated, tr
from inspector_app.store.reference import fetch

ROLE_LABELS = {"inspector": ("检查人员", "inspector"), "sampler": ("抽样人员", "sampler"), "enterprise_rep": ("企业代表", "enterprise rep."), "courier": ("承运人", "courier"),
               "lab_receiver": ("接收人", "lab receiver"), "witness": ("见证人", "witness"), "keeper": ("保管人", "keeper"),
               "bureau": ("监管部门", "bureau"), "party": ("受检单位", "party"), "producer": ("生产单位", "producer")}


def load_detail(db, sample_id: str) -> dict[str, Any]:
    """Everything the detail pane shows, read in one go (worker thread)."""
    sample = fetch(db, "sample", sample_id)
    events = events_of(db, sample_id)
    images = {}
    hashes = sorted({h for e in events for h in e.get("evidence") or []})
    for start in range(0, len(hashes), 500):
        chunk = hashes[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        images.update(db.execute(f"SELECT sha256, kind FROM blob WHERE sha256 IN ({marks})", chunk).fetchall())
    sample_signatures = signatures_of(db, "sample", sample_id)
    for event in events:
        # its own (a receiver's, a courier's) and those of the record it seals (SIGNED: samplers, party)
        own = signatures_of(db, "custody_event", event["id"])
        referenced = set((event.get("data") or {}).get("signature_ids") or []) - {s["id"] for s in own}
        event["signatures"] = own + [s for s in sample_signatures if s["id"] in referenced]
        event["photos"] = [{"sha256": h, "kind": images[h]} for h in event.get("evidence") or [] if h in images]
    state = machine.fold(events, sample["mode"])
    return {
        "sample": sample,
        "events": events,
        "signatures": sample_signatures,
        "photos": list_attached(db, "sample", sample_id),
        "verification": verify_sample(db, sample),
        "allowed": machine.allowed(state) if sample["state"] != "draft" else [],
        "state": state,
        "amendments": amendments_of(db, sample_id),
        "enterprise": (fetch(db, "enterprise", sample["enterprise_id"]) or {}).get("name", ""),
    }


def _local(value: str) -> str:
    return parse_utc(value).astimezone().strftime("%Y-%m-%d %H:%M")


def _labelled(label: str, value: str) -> str:
    return tr("{l}：{v}", "{l}: {v}", l=label, v=value)


def _yes(value: Any) -> str:
    return tr("是", "yes") if value else tr("否", "no")


def summary(event: dict[str, Any]) -> str:
    """The type-specific details of an event in one line of words."""
    d, t = event.get("data") or {}, event["type"]
    E = EventType
    if t == E.DRAWN:
        q = d.get("quantities") or {}
        parts = [f"{Part(p).label} {q[p].get('amount')}{q[p].get('unit', '')}" for p in ("test", "backup") if q.get(p)]
        lot = d.get("lot_size") or {}
        return separated(parts + [tr("抽样基数 {a}{u}", "lot size {a}{u}", a=lot.get("amount"), u=lot.get("unit", ""))], "clauses")
    if t == E.PURCHASED:
        return tr("订单号 {o}，价格 {p} 元，{pl}", "order {o}, price {p} yuan, {pl}", o=d.get("order_number"), p=d.get("price"), pl=d.get("platform", ""))
    if t == E.SEALED:
        seals = d.get("seals") or {}
        return separated((_labelled(Part(p).label, separated(seals[p])) for p in ("test", "backup") if seals.get(p)), "clauses")
    if t in (E.SIGNED, E.SIGN_REFUSED):
        signers = separated(s["name"] + (parenthetical(tr("拒签", "refused")) if s.get("refused") else "") for s in d.get("signers", []))
        if t == E.SIGN_REFUSED:
            return tr("拒签理由：{r}；见证人：{w}；", "reason: {r}; witness: {w}; ", r=d.get("reason"), w=(d.get("witness") or {}).get("name")) + signers
        return signers
    if t == E.BACKUP_STORED:
        return tr("地点：{l}；保管人：{k}", "at {l}; keeper {k}", l=d.get("location"), k=d.get("keeper"))
    if t == E.SHIPPED:
        if d.get("method") == "courier":
            return tr("快递 {c} {n} → {to}", "courier {c} {n} → {to}", c=d.get("courier", ""), n=d.get("tracking_no", ""), to=d.get("destination", ""))
        return tr("专人送达 → {to}", "by hand → {to}", to=d.get("destination", ""))
    if t == E.LAB_RECEIVED:
        from inspector_app.custody.events import LAB_CHECK_LABELS, LAB_CHECKS

        checks = separated((_labelled(tr(*LAB_CHECK_LABELS[k]), _yes(d.get(k))) for k in LAB_CHECKS), "phrases")
        verdict = tr("接收", "accepted") if d.get("accepted") else tr("拒收", "rejected")
        return separated([verdict + (parenthetical(d["reason"]) if d.get("reason") else ""), checks], "clauses")
    if t == E.BLIND_CODED:
        return tr("盲样编号 {c}", "blind code {c}", c=d.get("blind_code"))
    if t in (E.TESTED, E.RETESTED):
        items = separated(d.get("failing_items") or [])
        conclusion = {"合格": tr("合格", "pass"), "不合格": tr("不合格", "fail")}.get(d.get("conclusion"), d.get("conclusion"))
        return tr("报告 {r}：{c}{i}", "report {r}: {c}{i}", r=d.get("report_no"), c=conclusion, i=parenthetical(items) if items else "")
    if t == E.RESULT_SERVED:
        how = {"in_person": tr("直接送达", "in person"), "post": tr("邮寄", "post"), "electronic": tr("电子送达", "electronic")}.get(d.get("method"), "")
        return tr("{d} {h}送达 {to}", "{d} served {h} to {to}", d=d.get("served_on"), h=how, to=d.get("to"))
    if t == E.PRODUCER_CONFIRMATION:
        return {"sent": tr("已发送确认请求", "request sent"), "confirmed": tr("已确认", "confirmed"), "denied": tr("否认", "denied")}.get(d.get("status"), "")
    if t == E.OBJECTION_FILED:
        return tr("{d} 由 {b} 提出", "filed {d} by {b}", d=d.get("filed_on"), b=d.get("by"))
    if t == E.RETEST_SAMPLE_CONFIRMED:
        return tr("备样封条经双方确认完好", "backup seals checked jointly")
    if t == E.DISPOSED:
        return {"returned": tr("退还", "returned"), "destroyed": tr("销毁", "destroyed")}.get(d.get("how"), "")
    return ""


def signature_caption(signature: dict[str, Any]) -> str:
    """Who signed, as what; a refusal says so, with its reason and witness (拒签)."""
    role = tr(*ROLE_LABELS.get(signature.get("signer_role"), (signature.get("signer_role") or "", signature.get("signer_role") or "")))
    text = str(signature.get("signer_name")) + (parenthetical(role) if role else "")
    if signature.get("refused"):
        witness = signature.get("witness") or {}
        witness_name = witness.get("name") if isinstance(witness, dict) else witness
        text += tr("  拒签：{r}；见证人：{w}", "  refused: {r}; witness: {w}", r=signature.get("refusal_reason") or "—", w=witness_name or "—")
    return text


def signature_strip(signatures: list[dict[str, Any]], blob_path) -> QHBoxLayout:
    """The signatures of an event as the signed images (what a court sees), each with its caption."""
    row = QHBoxLayout()
    row.setSpacing(12)
    for signature in signatures:
        cell = QVBoxLayout()
        cell.setSpacing(2)
        image = QLabel()
        image.setObjectName("signature_image")
        sha = signature.get("image_sha256")
        pixmap = QPixmap(str(blob_path(sha))) if sha and blob_path is not None and not signature.get("refused") else QPixmap()
        if not pixmap.isNull():
            image.setPixmap(pixmap.scaledToHeight(44, Qt.TransformationMode.SmoothTransformation))
            image.setStyleSheet("background: #ffffff; border-bottom: 1px solid #9ca3af;")
        else:
            image.setText(tr("（拒签）", "(refused)") if signature.get("refused") else tr("（签名图像缺失）", "(signature image missing)"))
            image.setStyleSheet("color: #b91c1c;")
        image.setToolTip(sha or "")
        caption = QLabel(signature_caption(signature))
        caption.setObjectName("signature_caption")
        caption.setStyleSheet("color: #374151; font-size: 9pt;")
        cell.addWidget(image)
        cell.addWidget(caption)
        row.addLayout(cell)
    row.addStretch(1)
    return row


class EventCard(QFrame):
    def __init__(self, event: dict[str, Any], blob_path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("event_card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#event_card { background: #ffffff; border: 1px solid #d1d5db; border-left: 4px solid #2563eb; border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        head = QLabel(f"<b>{event['seq']}. {EventType(event['type']).label}</b> · {Part(event['part']).label}"
                      f" · <span style='color:#6b7280'>{_local(event['at'])}</span>")
        layout.addWidget(head)
        text = summary(event)
        if text:
            body = QLabel(text)
            body.setWordWrap(True)
            layout.addWidget(body)
        facts = []
        if event.get("actors"):
            facts.append(tr("经手人：", "people: ") + separated(
                f"{a.get('name')}{parenthetical(tr(*ROLE_LABELS.get(a.get('role'), (a.get('role'), a.get('role')))))}" for a in event["actors"]))
        if event.get("place"):
            facts.append(tr("地点：", "place: ") + event["place"])
        if event.get("seal_ids"):
            facts.append(tr("封条：", "seals: ") + separated(event["seal_ids"]))
        if event.get("note"):
            facts.append(tr("备注：", "note: ") + event["note"])
        if facts:
            info = QLabel("<br>".join(facts))
            info.setStyleSheet("color: #374151;")
            info.setWordWrap(True)
            layout.addWidget(info)
        if event.get("signatures"):
            layout.addLayout(signature_strip(event["signatures"], blob_path))
        signed_images = {s.get("image_sha256") for s in event.get("signatures") or []}
        photos = [p for p in event.get("photos") or [] if p["sha256"] not in signed_images]
        if photos and blob_path is not None:
            row = QHBoxLayout()
            for photo in photos[:6]:
                label = QLabel()
                label.setObjectName("photo_thumb")
                pixmap = QPixmap(str(blob_path(photo["sha256"])))
                if not pixmap.isNull():
                    label.setPixmap(pixmap.scaled(96, 72, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
                label.setToolTip(photo["sha256"])
                row.addWidget(label)
            row.addStretch(1)
            layout.addLayout(row)
        digest = QLabel(f"<span style='color:#9ca3af; font-family: monospace; font-size: 9pt'>#{event['hash'][:16]}…</span>")
        digest.setToolTip(event["hash"])
        layout.addWidget(digest)


class CustodyTimeline(QWidget):
    def __init__(self, blob_path=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.blob_path = blob_path
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setObjectName("verify_banner")
        self.banner.setWordWrap(True)
        outer.addWidget(self.banner)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.inner = QWidget()
        self.cards = QVBoxLayout(self.inner)
        self.cards.setSpacing(6)
        self.scroll.setWidget(self.inner)
        outer.addWidget(self.scroll, 1)
        self.card_count = 0
        self.detail: dict[str, Any] | None = None

    def show_detail(self, detail: dict[str, Any]) -> None:
        self.detail = detail
        while self.cards.count():
            card = self.cards.takeAt(0).widget()
            if card is not None:
                card.setParent(None)   # out of the tree now (no stale cards), freed later
                card.deleteLater()
        result = detail["verification"]
        sample = detail["sample"]
        if sample["state"] == "draft":
            self.banner.setText(self.tr("抽样单尚未签署定稿，流转记录从签署时开始。"))
            self.banner.setStyleSheet("color: #374151; padding: 6px; background: #f3f4f6;")
        elif result.ok:
            self.banner.setText(self.tr("✔ 流转链校验通过：%n 个事件，首个事件与抽样单内容哈希相连。", "", result.count))
            self.banner.setStyleSheet("color: #166534; padding: 6px; background: #dcfce7;")
        else:
            self.banner.setText(self.tr("✘ 流转链校验失败：") + result.broken.message(sample["number"]))
            self.banner.setStyleSheet("color: #991b1b; padding: 6px; background: #fee2e2; font-weight: bold;")
        for event in detail["events"]:
            self.cards.addWidget(EventCard(event, self.blob_path))
        self.card_count = len(detail["events"])
        self.cards.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and self.detail is not None:
            self.show_detail(self.detail)
        super().changeEvent(event)
