"""EXIF facts an inspector relies on: when, where, with which camera, and which way up.

EXIF times carry no zone unless the camera wrote OffsetTimeOriginal; without it the time is
read as the laptop's local time (inspectors photograph where they work) and the assumption
is recorded in `meta` so a reader can tell.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PIL import Image

from inspector_app.domain.ids import format_utc

TAG_ORIENTATION = 0x0112
TAG_MAKE = 0x010F
TAG_MODEL = 0x0110
TAG_SOFTWARE = 0x0131
TAG_DATETIME = 0x0132
IFD_EXIF = 0x8769
IFD_GPS = 0x8825
TAG_DATETIME_ORIGINAL = 0x9003
TAG_DATETIME_DIGITIZED = 0x9004
TAG_OFFSET_ORIGINAL = 0x9011
TAG_LENS_MODEL = 0xA434

# Orientation value → the transpose that shows the picture upright.
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value or "").replace("\x00", "").strip()


def _rational(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        num, den = value
        return float(num) / float(den)


def _dms(values: Any, ref: Any, negative: str) -> float | None:
    try:
        d, m, s = (_rational(v) for v in values)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = d + m / 60.0 + s / 3600.0
    if _text(ref).upper().startswith(negative):
        result = -result
    return result


def parse_exif_time(raw: str, offset: str = "") -> tuple[str | None, dict[str, Any]]:
    """EXIF 'YYYY:MM:DD HH:MM:SS' (+ optional '+08:00') → UTC ISO 'Z' and notes for `meta`."""
    raw = _text(raw)
    notes: dict[str, Any] = {"exif_time": raw} if raw else {}
    try:
        local = dt.datetime.strptime(raw[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None, notes
    offset = _text(offset)
    if offset:
        notes["exif_offset"] = offset
        try:
            sign = -1 if offset.startswith("-") else 1
            hours, minutes = offset.lstrip("+-").split(":")
            tz = dt.timezone(sign * dt.timedelta(hours=int(hours), minutes=int(minutes)))
            return format_utc(local.replace(tzinfo=tz)), notes
        except ValueError:
            pass
    moment = local.astimezone()  # naive → the laptop's zone
    notes["assumed_offset"] = moment.strftime("%z")
    return format_utc(moment), notes


def extract(image: Image.Image) -> dict[str, Any]:
    """Capture time, GPS, camera and orientation of an opened (not yet decoded) image."""
    exif = image.getexif()
    facts: dict[str, Any] = {"orientation": 1, "taken_at": None, "gps_lat": None, "gps_lon": None, "camera": "", "meta": {}}
    if not exif:
        return facts
    meta = facts["meta"]
    try:
        orientation = int(exif.get(TAG_ORIENTATION, 1))
    except (TypeError, ValueError):
        orientation = 1
    facts["orientation"] = orientation if orientation in range(1, 9) else 1
    make, model = _text(exif.get(TAG_MAKE)), _text(exif.get(TAG_MODEL))
    facts["camera"] = model if make and model.lower().startswith(make.lower()) else " ".join(p for p in (make, model) if p)
    if exif.get(TAG_SOFTWARE):
        meta["software"] = _text(exif.get(TAG_SOFTWARE))
    sub = exif.get_ifd(IFD_EXIF)
    raw_time = sub.get(TAG_DATETIME_ORIGINAL) or sub.get(TAG_DATETIME_DIGITIZED) or exif.get(TAG_DATETIME)
    if raw_time:
        facts["taken_at"], notes = parse_exif_time(raw_time, sub.get(TAG_OFFSET_ORIGINAL, ""))
        meta.update(notes)
    if sub.get(TAG_LENS_MODEL):
        meta["lens"] = _text(sub.get(TAG_LENS_MODEL))
    gps = exif.get_ifd(IFD_GPS)
    if gps and 2 in gps and 4 in gps:
        lat = _dms(gps[2], gps.get(1, "N"), "S")
        lon = _dms(gps[4], gps.get(3, "E"), "W")
        if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0):
            facts["gps_lat"], facts["gps_lon"] = round(lat, 7), round(lon, 7)
            if 6 in gps:
                try:
                    meta["gps_alt"] = round(_rational(gps[6]), 1)
                except (TypeError, ValueError, ZeroDivisionError):
                    pass
    return facts


def local_text(iso_utc: str | None) -> str:
    """UTC ISO-8601 → the laptop's local 'YYYY-MM-DD HH:MM (UTC+08:00)' (for the evidence stamp)."""
    if not iso_utc:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return ""
    local = moment.astimezone()
    offset = local.strftime("%z") or "+0000"
    return f"{local.strftime('%Y-%m-%d %H:%M')} (UTC{offset[:3]}:{offset[3:]})"
