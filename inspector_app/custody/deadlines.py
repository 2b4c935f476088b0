"""Deadlines that follow from a sample's custody events (rules.md, configurable table).

- objection window: result served + 15 calendar days (open until … unless an objection came);
- objection decision: objection filed + 3 working days;
- producer confirmation: request sent + 5 working days (silence counts as acceptance);
- result to the online seller/platform: tested + 5 working days (online purchases);
- backup retention: tested + 3 months (pass) / 6 months (fail).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from inspector_app.custody.events import EventType
from inspector_app.domain.deadlines import DeadlineCalculator
from inspector_app.domain.ids import parse_utc
from inspector_app.i18n import tr

E = EventType


@dataclass
class Deadline:
    key: str
    due: dt.date
    label: str
    open: bool  # still running (nothing has closed it)

    def text(self, today: dt.date | None = None) -> str:
        today = today or dt.date.today()
        if self.open and self.due < today:
            return tr("{l}：已于 {d} 届满", "{l}: expired on {d}", l=self.label, d=self.due.isoformat())
        if self.open:
            return tr("{l}：截至 {d}", "{l}: until {d}", l=self.label, d=self.due.isoformat())
        return tr("{l}：{d}（已办结）", "{l}: {d} (closed)", l=self.label, d=self.due.isoformat())


def _day(event: dict[str, Any], key: str | None = None) -> dt.date:
    value = (event.get("data") or {}).get(key) if key else None
    if value:
        return dt.date.fromisoformat(str(value)[:10])
    return parse_utc(event["at"]).astimezone(dt.timezone(dt.timedelta(hours=8))).date()  # China Standard Time


def derive(events: list[dict[str, Any]], mode: str, calculator: DeadlineCalculator | None = None) -> list[Deadline]:
    calc = calculator or DeadlineCalculator()
    by_type: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        by_type.setdefault(event["type"], []).append(event)
    out: list[Deadline] = []
    served = by_type.get(E.RESULT_SERVED, [])
    objections = by_type.get(E.OBJECTION_FILED, [])
    if served:
        due = calc.due("objection", _day(served[0], "served_on"))
        out.append(Deadline("objection", due, tr("异议期", "objection window"), open=not objections))
    if objections:
        due = calc.due("objection_decision", _day(objections[0], "filed_on"))
        out.append(Deadline("objection_decision", due, tr("异议受理决定", "objection decision"), open=E.RETEST_SAMPLE_CONFIRMED not in by_type))
    confirmations = by_type.get(E.PRODUCER_CONFIRMATION, [])
    sent = [c for c in confirmations if (c.get("data") or {}).get("status") == "sent"]
    if sent:
        answered = any((c.get("data") or {}).get("status") in ("confirmed", "denied") for c in confirmations)
        due = calc.due("producer_confirmation", _day(sent[0]))
        out.append(Deadline("producer_confirmation", due, tr("标称生产者确认", "producer confirmation due"), open=not answered))
    tested = by_type.get(E.TESTED, [])
    if tested:
        conclusion = (tested[0].get("data") or {}).get("conclusion")
        rule = "backup_retention_pass" if conclusion == "合格" else "backup_retention_fail"
        disposed = any(e["part"] in ("backup", "both") for e in by_type.get(E.DISPOSED, []))
        out.append(Deadline("backup_retention", calc.due(rule, _day(tested[0])), tr("备样保存", "backup retention"), open=not disposed))
        if mode == "online":
            due = calc.due("online_result_notice", _day(tested[0]))
            out.append(Deadline("online_result_notice", due, tr("告知销售者/平台", "notify seller/platform"), open=not served))
    return out


def objection_open_until(events: list[dict[str, Any]], today: dt.date | None = None,
                         calculator: DeadlineCalculator | None = None) -> dt.date | None:
    """The day the objection window closes, if it is open today (for lists)."""
    today = today or dt.date.today()
    for deadline in derive(events, "", calculator):
        if deadline.key == "objection" and deadline.open and deadline.due >= today:
            return deadline.due
    return None
