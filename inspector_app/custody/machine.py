"""The custody state machine: which event may follow which, per part.

The state of each part (test / backup) is folded from its events. An event is allowed when
every prerequisite holds for every part it concerns; otherwise the refusal names the first
missing step ("no LAB_RECEIVED before SEALED" → "missing step: 封样 sealed").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from inspector_app.custody.events import EventType, Part
from inspector_app.domain.deadlines import DeadlineCalculator
from inspector_app.domain.errors import StateError
from inspector_app.i18n import tr

E = EventType


@dataclass
class PartState:
    """What has happened to one physical part."""

    done: set[EventType] = field(default_factory=set)
    in_transit: bool = False
    at_lab: bool = False          # received and accepted, not yet disposed
    rejected: bool = False        # last lab receipt was a rejection
    conclusion: str | None = None  # TESTED / RETESTED conclusion
    disposed: bool = False

    @property
    def signed(self) -> bool:
        return bool(self.done & {E.SIGNED, E.SIGN_REFUSED})


@dataclass
class ChainState:
    """Folded state of a sample's chain: per part, plus sample-wide facts."""

    mode: str = "production"
    parts: dict[Part, PartState] = field(default_factory=lambda: {Part.TEST: PartState(), Part.BACKUP: PartState()})
    served_on: dt.date | None = None
    objection_filed: bool = False
    producer_status: str | None = None
    count: int = 0

    def copy(self) -> "ChainState":
        """An independent state to fold further (the server keeps the state at every branch point)."""
        return replace(self, parts={p: replace(s, done=set(s.done)) for p, s in self.parts.items()})

    def apply(self, event: dict[str, Any]) -> None:
        etype, data = EventType(event["type"]), event.get("data") or {}
        self.count += 1
        for part in Part(event["part"]).parts():
            state = self.parts[part]
            state.done.add(etype)
            if etype == E.SHIPPED:
                state.in_transit, state.rejected = True, False
            elif etype == E.LAB_RECEIVED:
                state.in_transit = False
                state.at_lab = bool(data.get("accepted"))
                state.rejected = not state.at_lab
                if state.rejected:
                    state.done.discard(E.LAB_RECEIVED)
                    state.done.add(E.SHIPPED)  # shipped once; may be shipped again
            elif etype in (E.TESTED, E.RETESTED):
                state.conclusion = data.get("conclusion")
            elif etype == E.DISPOSED:
                state.disposed, state.at_lab = True, False
        if etype == E.RESULT_SERVED:
            self.served_on = _date(data.get("served_on")) or _date(event.get("at"))
        elif etype == E.OBJECTION_FILED:
            self.objection_filed = True
        elif etype == E.PRODUCER_CONFIRMATION:
            self.producer_status = data.get("status")


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(str(value)[:10])


def fold(events: Iterable[dict[str, Any]], mode: str = "production") -> ChainState:
    state = ChainState(mode=mode)
    for event in events:
        state.apply(event)
    return state


def _missing(step: EventType, part: Part | None = None) -> StateError:
    if part is None:
        return StateError(
            "custody_order",
            tr("顺序不允许：缺少前一步“{s}”。", "Not allowed in this order: the step '{s}' is missing.", s=step.label),
        )
    return StateError(
        "custody_order",
        tr("顺序不允许：{p}缺少前一步“{s}”。", "Not allowed in this order: the {p} is missing the step '{s}'.", s=step.label, p=part.label),
    )


def _refuse(zh: str, en: str, **params: Any) -> StateError:
    return StateError("custody_order", tr(zh, en, **params))


# Prerequisite path per event type: the steps that must precede it, earliest first. The first
# one not done is the step named in the refusal.
def _path(etype: EventType, mode: str, part: Part) -> list[EventType]:
    start = [E.PURCHASED, E.UNPACKED] if mode == "online" else []
    sealed = start + [E.DRAWN, E.SEALED]
    if etype == E.UNPACKED:
        return [E.PURCHASED]
    if etype == E.DRAWN:
        return start
    if etype == E.SEALED:
        return start + [E.DRAWN]
    if etype in (E.SIGNED, E.SIGN_REFUSED):
        return sealed
    if etype in (E.BACKUP_STORED, E.SHIPPED, E.PRODUCER_CONFIRMATION):
        return sealed + [E.SIGNED]
    if etype == E.LAB_RECEIVED:
        return sealed + [E.SIGNED, E.SHIPPED]
    if etype in (E.BLIND_CODED, E.TESTED):
        return sealed + [E.SIGNED, E.SHIPPED, E.LAB_RECEIVED]
    if etype == E.RESULT_SERVED:
        return sealed + [E.SIGNED, E.SHIPPED, E.LAB_RECEIVED, E.TESTED]
    if etype == E.OBJECTION_FILED:
        return [E.RESULT_SERVED]
    if etype == E.RETEST_SAMPLE_CONFIRMED:
        return sealed + [E.SIGNED, E.OBJECTION_FILED]
    if etype == E.RETESTED:
        return sealed + [E.SIGNED, E.OBJECTION_FILED, E.RETEST_SAMPLE_CONFIRMED, E.LAB_RECEIVED]
    if etype == E.DISPOSED:
        return sealed + [E.SIGNED]
    return []


SAMPLE_WIDE = {E.RESULT_SERVED, E.OBJECTION_FILED, E.PRODUCER_CONFIRMATION}


def _has(state: ChainState, part: Part, step: EventType) -> bool:
    if step == E.SIGNED:
        return state.parts[part].signed
    if step == E.TESTED:
        return E.TESTED in state.parts[Part.TEST].done
    if step in SAMPLE_WIDE:
        return any(step in p.done for p in state.parts.values())
    if step == E.RETEST_SAMPLE_CONFIRMED:
        return step in state.parts[Part.BACKUP].done
    return step in state.parts[part].done


def check(state: ChainState, event_type: str, part: str, data: dict[str, Any] | None = None,
          calculator: DeadlineCalculator | None = None) -> None:
    """Raise StateError naming the missing step if `event_type` may not follow `state`."""
    etype, epart, data = EventType(event_type), Part(part), data or {}
    if etype == E.PURCHASED and state.mode != "online":
        raise _refuse("只有网购/买样方式的抽样单才记录购买样品。", "Only online/market purchases record a purchase.")
    if etype == E.UNPACKED and state.mode != "online":
        raise _refuse("只有网购样品才记录拆包。", "Only online purchases record unpacking.")
    if etype == E.PRODUCER_CONFIRMATION and state.mode == "production":
        raise _refuse("在生产现场抽取的样品不需要标称生产者确认。", "Samples drawn at the production site need no producer confirmation.")
    for p in epart.parts():
        ps = state.parts[p]
        for step in _path(etype, state.mode, p):
            if not _has(state, p, step):
                raise _missing(step, None if step in SAMPLE_WIDE or step == E.TESTED else p)
        if ps.disposed:
            raise _refuse("{p}已处置，不能再记录流转。", "The {p} has been disposed of; nothing can follow.", p=p.label)
        once = {E.PURCHASED, E.UNPACKED, E.DRAWN, E.SEALED, E.BACKUP_STORED, E.BLIND_CODED, E.TESTED,
                E.RETEST_SAMPLE_CONFIRMED, E.RETESTED}
        if etype in once and etype in ps.done:
            raise _refuse("{p}已记录过“{s}”。", "The {p} already has a '{s}' event.", p=p.label, s=etype.label)
        if etype in (E.SIGNED, E.SIGN_REFUSED) and ps.signed:
            raise _refuse("抽样单已签署。", "The sampling record is already signed.")
        if etype == E.SHIPPED and (ps.in_transit or ps.at_lab):
            raise _refuse("{p}已在途或已在实验室。", "The {p} is already in transit or at the lab.", p=p.label)
        if etype == E.LAB_RECEIVED and not ps.in_transit:
            raise _missing(E.SHIPPED, p)
        if etype in (E.BLIND_CODED, E.TESTED, E.RETESTED) and not ps.at_lab:
            raise _refuse("{p}不在实验室（未接收或已拒收）。", "The {p} is not at the lab (not received, or rejected).", p=p.label)
        if etype == E.BACKUP_STORED and (ps.in_transit or ps.at_lab):
            raise _refuse("备用样已寄出，不能再登记为本局封存。", "The backup sample has been shipped; it cannot be stored locally.")
        if etype == E.BLIND_CODED and (E.TESTED in ps.done or E.RETESTED in ps.done):
            raise _refuse("{p}已检验，不能再编盲样号。", "The {p} has been tested; it cannot be blind-coded now.", p=p.label)
        if etype == E.DISPOSED and state.objection_filed and E.RETESTED not in state.parts[Part.BACKUP].done:
            raise _missing(E.RETESTED, Part.BACKUP)
        if etype == E.DISPOSED and p == Part.BACKUP:
            _check_backup_disposal(state)
        if etype == E.DISPOSED and p == Part.TEST and E.TESTED not in ps.done and not ps.rejected:
            raise _missing(E.TESTED, p)
    if etype in (E.RESULT_SERVED,) and state.served_on is not None:
        raise _refuse("检验结果已送达。", "The result has already been served.")
    if etype == E.OBJECTION_FILED:
        if state.objection_filed:
            raise _refuse("已经提出过异议。", "An objection has already been filed.")
        filed = _date(data.get("filed_on"))
        if filed is None:
            raise _refuse("请填写异议提出日期。", "Enter the date the objection was filed.")
        until = objection_until(state, calculator)
        if until is not None and filed > until:
            raise _refuse(
                "异议期限已于 {d} 届满，不能再受理异议。", "The objection window closed on {d}; the objection is late.", d=until.isoformat()
            )
        if state.served_on and filed < state.served_on:
            raise _refuse("异议日期早于结果送达日期。", "The objection date is before the result was served.")
    if etype == E.PRODUCER_CONFIRMATION:
        status = data.get("status")
        if status == "sent" and state.producer_status is not None:
            raise _refuse("确认请求已发送。", "The confirmation request has already been sent.")
        if status in ("confirmed", "denied") and state.producer_status != "sent":
            raise _refuse("顺序不允许：缺少前一步“发送确认请求”。", "Not allowed in this order: the step 'confirmation request sent' is missing.")


def _check_backup_disposal(state: ChainState) -> None:
    """The backup sample is kept until the result is final (no objection, or re-tested)."""
    if E.TESTED not in state.parts[Part.TEST].done:
        raise _missing(E.TESTED)
    if state.objection_filed and E.RETESTED not in state.parts[Part.BACKUP].done:
        raise _missing(E.RETESTED, Part.BACKUP)


def objection_until(state: ChainState, calculator: DeadlineCalculator | None = None) -> dt.date | None:
    if state.served_on is None:
        return None
    return (calculator or DeadlineCalculator()).due("objection", state.served_on)


def allowed(state: ChainState, candidates: Iterable[tuple[str, str]] | None = None) -> list[tuple[EventType, Part]]:
    """(type, part) pairs that may be appended now: the actions a screen offers."""
    if candidates is None:
        candidates = [(t, p) for t in EventType for p in Part]
    from inspector_app.custody.events import SPECS

    out = []
    for etype, part in candidates:
        etype, part = EventType(etype), Part(part)
        if part not in SPECS[etype].parts:
            continue
        probe = _probe_data(etype, state)
        try:
            check(state, etype, part, probe)
        except StateError:
            continue
        out.append((etype, part))
    return out


def _probe_data(etype: EventType, state: ChainState) -> dict[str, Any]:
    """Representative data for asking "is this step possible now" without a form filled in."""
    if etype == E.OBJECTION_FILED:
        return {"filed_on": dt.date.today().isoformat()}
    if etype == E.PRODUCER_CONFIRMATION:
        return {"status": "sent" if state.producer_status is None else "confirmed"}
    return {}
