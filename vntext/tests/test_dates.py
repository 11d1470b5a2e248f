from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from vntext import format_date, format_date_long, format_datetime, weekday_name


def test_format_datetime_converts_aware_values_to_vietnam_time() -> None:
    assert format_datetime(datetime(2024, 11, 21, 12, 41, tzinfo=UTC)) == "21/11/2024 19:41"


def test_format_datetime_other_zone() -> None:
    value = datetime(2024, 11, 21, 19, 41, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert format_datetime(value, tz="Europe/Paris") == "21/11/2024 13:41"


def test_format_datetime_takes_naive_values_as_local() -> None:
    assert format_datetime(datetime(2026, 2, 5, 7, 5)) == "05/02/2026 07:05"  # noqa: DTZ001


def test_format_date() -> None:
    assert format_date(date(2026, 2, 5)) == "05/02/2026"
    assert format_date(date(2026, 12, 25)) == "25/12/2026"


def test_format_date_uses_the_local_day_of_an_aware_datetime() -> None:
    late_utc = datetime(2025, 6, 30, 17, 30, tzinfo=UTC)  # 00:30 on 1 July in Hanoi
    assert format_date(late_utc) == "01/07/2025"
    assert format_date_long(late_utc) == "ngày 01 tháng 7 năm 2025"
    assert weekday_name(late_utc) == "Thứ Ba"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (date(2026, 3, 15), "ngày 15 tháng 3 năm 2026"),
        (date(2026, 9, 1), "ngày 01 tháng 9 năm 2026"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
        (date(2026, 11, 9), "ngày 09 tháng 11 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    ],
)
def test_format_date_long_follows_decree_30(value: date, expected: str) -> None:
    assert format_date_long(value) == expected


@pytest.mark.parametrize("month", range(1, 13))
def test_leading_zero_only_for_january_and_february(month: int) -> None:
    text = format_date_long(date(2026, month, 20))
    expected_month = f"{month:02d}" if month <= 2 else str(month)
    assert text == f"ngày 20 tháng {expected_month} năm 2026"


def test_format_date_long_with_place() -> None:
    assert format_date_long(date(2026, 2, 5), place="Hà Nội") == "Hà Nội, ngày 05 tháng 02 năm 2026"
    assert format_date_long(date(2026, 2, 5), place="  Thanh Trì ") == "Thanh Trì, ngày 05 tháng 02 năm 2026"
    assert format_date_long(date(2026, 2, 5), place="  ") == "ngày 05 tháng 02 năm 2026"


def test_weekday_names() -> None:
    # 2 February 2026 is a Monday.
    names = [weekday_name(date(2026, 2, day)) for day in range(2, 9)]
    assert names == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
