"""Vietnamese date and time formats.

- Short forms: ``dd/mm/yyyy`` and ``dd/mm/yyyy HH:MM`` (24-hour clock), always two-digit day and month:
  "05/02/2026", "21/11/2024 19:41". This is how Vietnamese newspapers date articles.
- Long form for documents, from Decree 30/2020/NĐ-CP (Appendix I, "Địa danh và thời gian ban hành văn
  bản"): "ngày 05 tháng 02 năm 2026". A day below 10 and the months 1 and 2 take a leading zero; months
  3 to 9 do not ("ngày 15 tháng 3 năm 2026", "ngày 09 tháng 11 năm 2026"). The zero for January and
  February exists so that nobody can add a digit to "tháng 1" or "tháng 2" and make it 11 or 12.
  With a place: "Hà Nội, ngày 05 tháng 02 năm 2026".
- Weekday names: "Thứ Hai" … "Thứ Bảy", "Chủ nhật".

Every function accepts a ``date`` or a ``datetime``. An aware datetime is first converted to ``tz``
(default Asia/Ho_Chi_Minh) so the day shown is the local one; a naive datetime is taken as already
local, because the project stores aware datetimes and a naive one can only come from local input.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = [
    "DEFAULT_TZ",
    "format_date",
    "format_date_long",
    "format_datetime",
    "weekday_name",
]

DEFAULT_TZ = "Asia/Ho_Chi_Minh"

# Indexed by date.weekday(): Monday is 0. "Thứ Hai" (Monday) is literally "second day": the week
# starts on Sunday, which has its own name.
_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _local(value: date, tz: str) -> date:
    """Return ``value`` in the local zone ``tz`` if it is an aware datetime, unchanged otherwise."""
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return value.astimezone(ZoneInfo(tz))
    return value


def format_datetime(value: datetime, tz: str = DEFAULT_TZ) -> str:
    """Return "dd/mm/yyyy HH:MM" in ``tz``: "21/11/2024 19:41"."""
    if value.utcoffset() is not None:
        value = value.astimezone(ZoneInfo(tz))
    return f"{value:%d/%m/%Y %H:%M}"


def format_date(value: date, tz: str = DEFAULT_TZ) -> str:
    """Return "dd/mm/yyyy": "05/02/2026"."""
    return f"{_local(value, tz):%d/%m/%Y}"


def format_date_long(value: date, place: str | None = None, tz: str = DEFAULT_TZ) -> str:
    """Return the Decree 30/2020 form "ngày 05 tháng 02 năm 2026", or with a place
    "Hà Nội, ngày 05 tháng 02 năm 2026" (the place is stripped; a blank place is ignored)."""
    local = _local(value, tz)
    day = f"{local.day:02d}"
    month = f"{local.month:02d}" if local.month <= 2 else str(local.month)
    text = f"ngày {day} tháng {month} năm {local.year}"
    place = (place or "").strip()
    return f"{place}, {text}" if place else text


def weekday_name(value: date, tz: str = DEFAULT_TZ) -> str:
    """Return the Vietnamese weekday: "Thứ Hai" for Monday … "Chủ nhật" for Sunday."""
    return _WEEKDAYS[_local(value, tz).weekday()]
