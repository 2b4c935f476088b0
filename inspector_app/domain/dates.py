"""Dates as people type them on a Chinese form, parsed strictly with a clear error."""

from __future__ import annotations

import datetime as dt
import re

from inspector_app.domain.errors import ValidationError
from inspector_app.i18n import tr

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str, *, field: str = "") -> dt.date:
    """Accepts 2026-11-21, 2026/11/21, 2026.11.21 and 2026年11月21日."""
    match = _DATE.match(text or "")
    if not match:
        raise ValidationError(
            "date_format",
            tr("{f}日期格式不正确：“{t}”。请按 2026-11-21 的格式填写。", "{f}Malformed date '{t}'. Use the form 2026-11-21.",
               f=f"{field}：" if field else "", t=text),
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            "date_value",
            tr("{f}日期不存在：{y}年{m}月{d}日。", "{f}No such date: {y}-{m:02d}-{d:02d}.", f=f"{field}：" if field else "", y=year, m=month, d=day),
        ) from None


def not_in_future(moment: dt.datetime, *, now: dt.datetime | None = None, tolerance_minutes: int = 10) -> None:
    """Reject times in the future (a laptop clock may be a few minutes off, hence the tolerance)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    if moment - now > dt.timedelta(minutes=tolerance_minutes):
        raise ValidationError(
            "future_time",
            tr("时间不能晚于当前时间（{t}）。请核对电脑时钟或所填时间。", "The time cannot be in the future ({t}). Check the laptop clock or the time entered.",
               t=moment.isoformat(timespec="minutes")),
        )
