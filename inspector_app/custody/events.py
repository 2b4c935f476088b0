"""Custody event types, parts and actor roles (shared/domain/custody.md) with their labels.

Each type knows which keys its `data` must carry (docs/RECORDS.md), so a malformed event is
refused before it enters the append-only chain, where it could never be corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from inspector_app.domain.errors import ValidationError
from inspector_app.i18n import language, tr


class Part(StrEnum):
    TEST = "test"        # 检验样
    BACKUP = "backup"    # 备用样
    BOTH = "both"

    @property
    def label(self) -> str:
        return _pick(PART_LABELS[self])

    def parts(self) -> tuple["Part", ...]:
        """The physical parts an event about this part touches."""
        return (Part.TEST, Part.BACKUP) if self is Part.BOTH else (self,)


PART_LABELS = {Part.TEST: ("检验样", "test sample"), Part.BACKUP: ("备用样", "backup sample"), Part.BOTH: ("检验样和备用样", "both parts")}


class EventType(StrEnum):
    DRAWN = "DRAWN"
    PURCHASED = "PURCHASED"
    UNPACKED = "UNPACKED"
    SEALED = "SEALED"
    SIGNED = "SIGNED"
    SIGN_REFUSED = "SIGN_REFUSED"
    BACKUP_STORED = "BACKUP_STORED"
    SHIPPED = "SHIPPED"
    LAB_RECEIVED = "LAB_RECEIVED"
    BLIND_CODED = "BLIND_CODED"
    TESTED = "TESTED"
    RESULT_SERVED = "RESULT_SERVED"
    PRODUCER_CONFIRMATION = "PRODUCER_CONFIRMATION"
    OBJECTION_FILED = "OBJECTION_FILED"
    RETEST_SAMPLE_CONFIRMED = "RETEST_SAMPLE_CONFIRMED"
    RETESTED = "RETESTED"
    DISPOSED = "DISPOSED"

    @property
    def label(self) -> str:
        return _pick(EVENT_LABELS[self])


EVENT_LABELS = {
    EventType.DRAWN: ("抽取样品", "sample drawn"),
    EventType.PURCHASED: ("购买样品", "sample purchased"),
    EventType.UNPACKED: ("拆包记录", "unpacking recorded"),
    EventType.SEALED: ("封样", "sealed"),
    EventType.SIGNED: ("签署抽样单", "sampling record signed"),
    EventType.SIGN_REFUSED: ("拒绝签字", "signature refused"),
    EventType.BACKUP_STORED: ("备样封存", "backup sample stored"),
    EventType.SHIPPED: ("寄送/送样", "shipped"),
    EventType.LAB_RECEIVED: ("承检机构接收", "received by the lab"),
    EventType.BLIND_CODED: ("盲样编号", "blind-coded"),
    EventType.TESTED: ("检验完成", "tested"),
    EventType.RESULT_SERVED: ("送达检验结果", "result served"),
    EventType.PRODUCER_CONFIRMATION: ("标称生产者确认", "producer confirmation"),
    EventType.OBJECTION_FILED: ("提出异议", "objection filed"),
    EventType.RETEST_SAMPLE_CONFIRMED: ("复检备样确认", "re-test sample confirmed"),
    EventType.RETESTED: ("复检完成", "re-tested"),
    EventType.DISPOSED: ("样品处置", "disposed"),
}

ACTOR_ROLES = {
    "sampler": ("抽样人员", "sampler"),
    "enterprise_rep": ("企业代表", "enterprise representative"),
    "courier": ("承运人", "courier"),
    "lab_receiver": ("承检机构接收人", "lab receiver"),
    "witness": ("见证人", "witness"),
    "keeper": ("保管人", "keeper"),
    "bureau": ("监管部门", "bureau"),
}

CONCLUSIONS = ("合格", "不合格")


def _pick(pair: tuple[str, str]) -> str:
    return pair[0] if language() == "zh_CN" else pair[1]


@dataclass(frozen=True)
class Spec:
    """What an event type needs: parts it may concern and the `data` keys it must carry."""

    parts: tuple[Part, ...]
    required: tuple[str, ...] = ()
    needs_actor: bool = False  # a person hands over or receives: actors (and signatures) required


ALL = (Part.TEST, Part.BACKUP, Part.BOTH)
SPECS: dict[EventType, Spec] = {
    EventType.DRAWN: Spec(ALL, ("quantities", "lot_size"), needs_actor=True),
    EventType.PURCHASED: Spec((Part.BOTH,), ("order_number", "price")),
    EventType.UNPACKED: Spec((Part.BOTH,)),
    EventType.SEALED: Spec(ALL, ("seals",), needs_actor=True),
    EventType.SIGNED: Spec((Part.BOTH,), ("signers",), needs_actor=True),
    EventType.SIGN_REFUSED: Spec((Part.BOTH,), ("reason", "witness"), needs_actor=True),
    EventType.BACKUP_STORED: Spec((Part.BACKUP,), ("location", "keeper"), needs_actor=True),
    EventType.SHIPPED: Spec(ALL, ("method",), needs_actor=True),
    EventType.LAB_RECEIVED: Spec(
        ALL, ("seal_intact", "packaging_intact", "quantity_sufficient", "state_normal", "documents_ok", "accepted"),
        needs_actor=True,
    ),
    EventType.BLIND_CODED: Spec((Part.TEST, Part.BACKUP), ("blind_code",)),
    EventType.TESTED: Spec((Part.TEST,), ("report_no", "conclusion")),
    EventType.RESULT_SERVED: Spec((Part.BOTH, Part.TEST), ("to", "method", "served_on")),
    EventType.PRODUCER_CONFIRMATION: Spec((Part.BOTH,), ("status",)),
    EventType.OBJECTION_FILED: Spec((Part.BOTH,), ("filed_on", "by")),
    EventType.RETEST_SAMPLE_CONFIRMED: Spec((Part.BACKUP,), ("seals_checked",), needs_actor=True),
    EventType.RETESTED: Spec((Part.BACKUP,), ("report_no", "conclusion")),
    EventType.DISPOSED: Spec(ALL, ("how",)),
}

LAB_CHECKS = ("seal_intact", "packaging_intact", "quantity_sufficient", "state_normal", "documents_ok")
LAB_CHECK_LABELS = {
    "seal_intact": ("封条完好", "seal intact"),
    "packaging_intact": ("包装完好", "packaging intact"),
    "quantity_sufficient": ("数量足够", "quantity sufficient"),
    "state_normal": ("样品状态正常", "state normal"),
    "documents_ok": ("单据齐全且一致", "documents complete and matching"),
}


def _missing(field: str) -> ValidationError:
    return ValidationError("custody_data", tr("缺少必填内容：{f}。", "Required detail missing: {f}.", f=field))


def validate_event(event_type: str, part: str, data: dict[str, Any], actors: list[dict[str, Any]]) -> tuple[EventType, Part]:
    """Check an event's type, part, data and actors before it is appended; returns the enums."""
    try:
        etype = EventType(event_type)
    except ValueError:
        raise ValidationError("custody_type", tr("未知的流转事件类型：{t}", "Unknown custody event type: {t}", t=event_type)) from None
    try:
        epart = Part(part)
    except ValueError:
        raise ValidationError("custody_part", tr("未知的样品部分：{p}（应为 test / backup / both）", "Unknown sample part: {p} (test / backup / both)", p=part)) from None
    spec = SPECS[etype]
    if epart not in spec.parts:
        raise ValidationError(
            "custody_part",
            tr("“{t}”事件不适用于{p}。", "A '{t}' event does not apply to the {p}.", t=etype.label, p=epart.label),
        )
    for key in spec.required:
        value = data.get(key)
        if value is None or (isinstance(value, (str, list, dict)) and not value):
            raise _missing(key)
    if spec.needs_actor:
        if not actors:
            raise ValidationError(
                "custody_actor",
                tr("“{t}”需要记录经手人（姓名、角色、证件号）。", "A '{t}' event needs the people involved (name, role, ID number).", t=etype.label),
            )
        for actor in actors:
            if not str(actor.get("name", "")).strip() or actor.get("role") not in ACTOR_ROLES:
                raise ValidationError(
                    "custody_actor",
                    tr("经手人需要姓名和有效角色：{a}", "Each person needs a name and a valid role: {a}", a=actor),
                )
    if etype in (EventType.TESTED, EventType.RETESTED) and data.get("conclusion") not in CONCLUSIONS:
        raise ValidationError("custody_data", tr("检验结论应为“合格”或“不合格”。", "The conclusion must be 合格 (pass) or 不合格 (fail)."))
    if etype == EventType.LAB_RECEIVED:
        for key in LAB_CHECKS + ("accepted",):
            if not isinstance(data.get(key), bool):
                raise ValidationError("custody_data", tr("接收检查“{k}”需要明确回答是或否。", "Handover check '{k}' needs a yes or no.", k=key))
        if not data["accepted"] and not str(data.get("reason", "")).strip():
            raise ValidationError("custody_reason", tr("拒收样品必须填写原因。", "Rejecting a sample needs a reason."))
        if data["accepted"] and not all(data[k] for k in LAB_CHECKS) and not str(data.get("reason", "")).strip():
            raise ValidationError(
                "custody_reason",
                tr("检查项有异常却接收样品时，必须说明原因。", "Accepting a sample although a check failed needs a reason."),
            )
    if etype == EventType.SHIPPED and data.get("method") not in ("courier", "by_hand"):
        raise ValidationError("custody_data", tr("送样方式应为快递或专人送达。", "Shipping method must be courier or by hand."))
    if etype == EventType.SHIPPED and data.get("method") == "courier" and not str(data.get("tracking_no", "")).strip():
        raise ValidationError("custody_data", tr("快递送样需要填写运单号。", "Shipping by courier needs a tracking number."))
    if etype == EventType.RESULT_SERVED and data.get("method") not in ("in_person", "post", "electronic"):
        raise ValidationError("custody_data", tr("送达方式应为直接送达、邮寄或电子送达。", "Service method must be in person, post or electronic."))
    if etype == EventType.PRODUCER_CONFIRMATION and data.get("status") not in ("sent", "confirmed", "denied"):
        raise ValidationError("custody_data", tr("确认状态应为已发送、已确认或否认。", "Confirmation status must be sent, confirmed or denied."))
    if etype == EventType.DISPOSED and data.get("how") not in ("returned", "destroyed"):
        raise ValidationError("custody_data", tr("处置方式应为退还或销毁。", "Disposal must be returned or destroyed."))
    return etype, epart
