"""Deadline calculator: calendar days, working days and months over a holiday calendar.

The rules (which event starts which clock, how long it runs) are a configurable table, since
provinces differ and several periods are marked *(verify)* in shared/domain/rules.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class HolidayCalendar:
    """Public holidays and the weekend days that are worked instead (调休上班)."""

    holidays: set[dt.date] = field(default_factory=set)
    workdays: set[dt.date] = field(default_factory=set)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    @classmethod
    def from_config(cls, config: dict) -> "HolidayCalendar":
        """Build from `{"holidays": ["2026-10-01", …], "workdays": ["2026-09-27", …]}`."""
        return cls(
            holidays={dt.date.fromisoformat(d) for d in config.get("holidays", [])},
            workdays={dt.date.fromisoformat(d) for d in config.get("workdays", [])},
        )


# China's 2026 public holidays and make-up working days (国务院办公厅 notice on 2026 holidays).
CHINA_2026 = {
    "holidays": [
        "2026-01-01", "2026-01-02", "2026-01-03",
        *[f"2026-02-{d:02d}" for d in range(15, 24)],
        "2026-04-04", "2026-04-05", "2026-04-06",
        "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
        "2026-06-19", "2026-06-20", "2026-06-21",
        "2026-09-25", "2026-09-26", "2026-09-27",
        *[f"2026-10-{d:02d}" for d in range(1, 8)],
    ],
    "workdays": ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
}


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    label_zh: str
    label_en: str
    amount: int
    unit: str  # "calendar" | "working" | "months"


DEFAULT_RULES: dict[str, DeadlineRule] = {
    r.key: r
    for r in (
        DeadlineRule("objection", "异议/复检申请期限", "objection / re-test request", 15, "calendar"),
        DeadlineRule("objection_decision", "异议受理决定", "objection accepted or not", 3, "working"),
        DeadlineRule("correction", "整改完成期限", "correction complete", 60, "calendar"),
        DeadlineRule("recheck", "组织复查期限", "re-check organised", 75, "calendar"),
        DeadlineRule("producer_confirmation", "标称生产者确认期限", "producer confirms sample", 5, "working"),
        DeadlineRule("online_result_notice", "告知电商平台/销售者", "result to online seller/platform", 5, "working"),
        DeadlineRule("admin_review", "申请行政复议期限", "administrative review", 60, "calendar"),
        DeadlineRule("lawsuit", "提起行政诉讼期限", "lawsuit", 6, "months"),
        DeadlineRule("backup_retention_pass", "备样保存期（合格）", "backup kept (pass)", 3, "months"),
        DeadlineRule("backup_retention_fail", "备样保存期（不合格）", "backup kept (fail)", 6, "months"),
    )
}


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day-of-month `months` later, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


class DeadlineCalculator:
    def __init__(self, calendar: HolidayCalendar | None = None, rules: dict[str, DeadlineRule] | None = None):
        self.calendar = calendar or HolidayCalendar.from_config(CHINA_2026)
        self.rules = dict(DEFAULT_RULES if rules is None else rules)

    def add_calendar_days(self, start: dt.date, days: int, roll_to_working_day: bool = True) -> dt.date:
        """`days` calendar days after `start`; a period ending on a holiday ends on the next
        working day (行政诉讼法/民事诉讼法 rule on periods, also applied to administrative periods)."""
        end = start + dt.timedelta(days=days)
        while roll_to_working_day and not self.calendar.is_working_day(end):
            end += dt.timedelta(days=1)
        return end

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (the start day itself does not count)."""
        if days < 0:
            raise ValueError("working-day periods run forward only")
        current, remaining = start, days
        while remaining:
            current += dt.timedelta(days=1)
            if self.calendar.is_working_day(current):
                remaining -= 1
        return current

    def due(self, rule_key: str, start: dt.date) -> dt.date:
        rule = self.rules[rule_key]
        if rule.unit == "calendar":
            return self.add_calendar_days(start, rule.amount)
        if rule.unit == "working":
            return self.add_working_days(start, rule.amount)
        if rule.unit == "months":
            return add_months(start, rule.amount)
        raise ValueError(f"unknown unit {rule.unit!r} in deadline rule {rule_key!r}")

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`."""
        count, current = 0, start
        while current < end:
            current += dt.timedelta(days=1)
            count += self.calendar.is_working_day(current)
        return count
