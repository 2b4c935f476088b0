"""This computer's clock as the records see it.

Laptops in the field drift or are set wrong. Tests and demos simulate that with the
`INSPECTOR_CLOCK_SKEW_SECONDS` environment variable (added to the real time). The sync
never trusts the laptop clock for decisions (token expiry, ordering): the server's word
and its `Date` header are used instead, and the difference is shown to the user.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os

from inspector_app.domain.ids import format_utc

SKEW_ENV = "INSPECTOR_CLOCK_SKEW_SECONDS"


def skew_seconds() -> float:
    try:
        return float(os.environ.get(SKEW_ENV, "0") or 0)
    except ValueError:
        return 0.0


def client_now() -> str:
    """UTC ISO-8601 time of this computer's (possibly skewed) clock."""
    moment = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=skew_seconds())
    return format_utc(moment)


def server_offset(date_header: str | None) -> float | None:
    """Server time minus this computer's time, from an HTTP `Date` header (1 s resolution)."""
    if not date_header:
        return None
    try:
        server = email.utils.parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return None
    if server.tzinfo is None:
        server = server.replace(tzinfo=dt.timezone.utc)
    local = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=skew_seconds())
    return (server - local).total_seconds()
