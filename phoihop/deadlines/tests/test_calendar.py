"""The counting rules, first on a small hand-made calendar, then on the seeded Vietnamese schedules."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, TestCase, override_settings

from phoihop.deadlines import calendar
from phoihop.deadlines.calendar import WorkCalendar


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=calendar.VN_TZ)


# A week in March 2030 (no seeded year): Mon 4 … Sun 10. Wednesday 6 is a holiday, Thursday 7 a
# bridging day off, Saturday 9 a make-up working day.
MARCH_2030 = WorkCalendar.build(
    days={
        dt.date(2030, 3, 6): calendar.HOLIDAY,
        dt.date(2030, 3, 7): calendar.DAY_OFF,
        dt.date(2030, 3, 9): calendar.MAKEUP_WORKDAY,
    },
    periods=[(dt.time(8), dt.time(12)), (dt.time(13), dt.time(17))],
)
PLAIN = WorkCalendar.build(periods=[(dt.time(8), dt.time(12)), (dt.time(13), dt.time(17))])


class WorkingDayRuleTests(SimpleTestCase):
    def test_monday_to_friday_work_and_the_weekend_rests(self):
        week = [PLAIN.is_working_day(dt.date(2030, 3, day)) for day in range(4, 11)]
        self.assertEqual(week, [True, True, True, True, True, False, False])

    def test_holiday_and_day_off_rest_and_a_makeup_saturday_works(self):
        self.assertFalse(MARCH_2030.is_working_day(dt.date(2030, 3, 6)))
        self.assertFalse(MARCH_2030.is_working_day(dt.date(2030, 3, 7)))
        self.assertTrue(MARCH_2030.is_working_day(dt.date(2030, 3, 9)))
        self.assertFalse(MARCH_2030.is_working_day(dt.date(2030, 3, 10)))

    def test_covers_only_the_years_entered(self):
        self.assertTrue(MARCH_2030.covers(dt.date(2030, 12, 31)))
        self.assertFalse(MARCH_2030.covers(dt.date(2031, 1, 1)))


class WorkingDaysTests(SimpleTestCase):
    def test_due_at_end_of_the_nth_working_day_after_the_day_of_receipt(self):
        self.assertEqual(PLAIN.add_working_days(vn(2030, 3, 4, 9), 2), vn(2030, 3, 6, 17))

    def test_across_a_weekend(self):
        self.assertEqual(PLAIN.add_working_days(vn(2030, 3, 7, 10), 2), vn(2030, 3, 11, 17))

    def test_received_after_hours_counts_from_the_next_working_day(self):
        self.assertEqual(PLAIN.add_working_days(vn(2030, 3, 4, 17, 30), 1), vn(2030, 3, 6, 17))

    def test_received_exactly_at_the_end_of_the_day_is_after_hours(self):
        self.assertEqual(PLAIN.add_working_days(vn(2030, 3, 4, 17), 1), vn(2030, 3, 6, 17))
        self.assertEqual(PLAIN.add_working_days(vn(2030, 3, 4, 16, 59), 1), vn(2030, 3, 5, 17))

    def test_received_before_opening_or_at_lunch_counts_the_same_day(self):
        self.assertEqual(PLAIN.add_working_days(vn(2030, 3, 4, 6), 1), vn(2030, 3, 5, 17))
        self.assertEqual(PLAIN.add_working_days(vn(2030, 3, 4, 12, 30), 1), vn(2030, 3, 5, 17))

    def test_received_on_a_weekend_starts_on_monday(self):
        self.assertEqual(PLAIN.add_working_days(vn(2030, 3, 9, 10), 1), vn(2030, 3, 12, 17))

    def test_zero_days_is_the_end_of_the_day_of_receipt(self):
        self.assertEqual(PLAIN.add_working_days(vn(2030, 3, 4, 9), 0), vn(2030, 3, 4, 17))

    def test_holidays_are_skipped_and_a_makeup_saturday_counts(self):
        # Tue 5 is day 0; Wed 6 and Thu 7 rest; Fri 8 is day 1, Sat 9 (make-up) day 2, Mon 11 day 3.
        self.assertEqual(MARCH_2030.add_working_days(vn(2030, 3, 5, 10), 3), vn(2030, 3, 11, 17))


class WorkingHoursTests(SimpleTestCase):
    def test_within_one_morning(self):
        self.assertEqual(PLAIN.add_working_hours(vn(2030, 3, 4, 8), 3), vn(2030, 3, 4, 11))

    def test_lunch_break_does_not_count(self):
        self.assertEqual(PLAIN.add_working_hours(vn(2030, 3, 4, 11), 2), vn(2030, 3, 4, 14))

    def test_a_full_day_ends_at_seventeen_not_next_morning(self):
        self.assertEqual(PLAIN.add_working_hours(vn(2030, 3, 4, 8), 8), vn(2030, 3, 4, 17))

    def test_overnight_and_across_the_weekend(self):
        self.assertEqual(PLAIN.add_working_hours(vn(2030, 3, 8, 16), 4), vn(2030, 3, 11, 11))

    def test_received_after_hours_or_at_lunch_starts_at_the_next_period(self):
        self.assertEqual(PLAIN.add_working_hours(vn(2030, 3, 4, 20), 1), vn(2030, 3, 5, 9))
        self.assertEqual(PLAIN.add_working_hours(vn(2030, 3, 4, 12, 15), 1), vn(2030, 3, 4, 14))

    def test_fractional_hours(self):
        self.assertEqual(PLAIN.add_working_hours(vn(2030, 3, 4, 8), 1.5), vn(2030, 3, 4, 9, 30))

    def test_holidays_are_skipped_and_a_makeup_saturday_counts(self):
        # Tue 5 16:00 → 1 h on Tue, Wed/Thu rest, 8 h on Fri, 3 h on the make-up Saturday.
        self.assertEqual(MARCH_2030.add_working_hours(vn(2030, 3, 5, 16), 12), vn(2030, 3, 9, 11))


class CalendarDaysTests(SimpleTestCase):
    def test_same_clock_time_n_days_later(self):
        self.assertEqual(PLAIN.add_calendar_days(vn(2030, 3, 4, 9, 15), 3), vn(2030, 3, 7, 9, 15))

    def test_a_last_day_on_the_weekend_moves_to_the_end_of_the_next_working_day(self):
        self.assertEqual(PLAIN.add_calendar_days(vn(2030, 3, 4, 9), 6), vn(2030, 3, 11, 17))

    def test_a_last_day_on_a_holiday_moves_past_the_bridging_day(self):
        self.assertEqual(MARCH_2030.add_calendar_days(vn(2030, 3, 4, 9), 2), vn(2030, 3, 8, 17))

    def test_a_last_day_on_a_makeup_saturday_stays(self):
        self.assertEqual(MARCH_2030.add_calendar_days(vn(2030, 3, 2, 9), 7), vn(2030, 3, 9, 9))


class InputTests(SimpleTestCase):
    def test_naive_datetimes_are_refused_by_every_unit(self):
        naive = dt.datetime(2030, 3, 4, 9)  # noqa: DTZ001 — the point of the test
        for unit in calendar.UNITS:
            with self.subTest(unit=unit), self.assertRaises(ValueError):
                PLAIN.due_at(naive, 1, unit)

    def test_negative_amounts_and_unknown_units_are_refused(self):
        with self.assertRaises(ValueError):
            PLAIN.add_working_days(vn(2030, 3, 4, 9), -1)
        with self.assertRaises(ValueError):
            PLAIN.add_working_hours(vn(2030, 3, 4, 9), -1)
        with self.assertRaises(ValueError):
            PLAIN.due_at(vn(2030, 3, 4, 9), 1, "weeks")

    def test_any_timezone_in_and_vietnam_time_out(self):
        start = dt.datetime(2030, 3, 4, 2, 0, tzinfo=dt.UTC)  # 09:00 in Hanoi
        due = PLAIN.add_working_hours(start, 1)
        self.assertEqual(due, vn(2030, 3, 4, 10))
        self.assertEqual(due.utcoffset(), dt.timedelta(hours=7))

    def test_the_day_of_receipt_is_the_vietnamese_day(self):
        # 23:30 on Friday in UTC is 06:30 on Saturday in Hanoi: counting starts on Monday.
        start = dt.datetime(2030, 3, 8, 23, 30, tzinfo=ZoneInfo("UTC"))
        self.assertEqual(PLAIN.add_working_days(start, 1), vn(2030, 3, 12, 17))


class WorkdayHoursSettingTests(TestCase):
    @override_settings(PHOIHOP_WORKDAY_HOURS=[("07:30", "11:30"), ("13:30", "17:30")])
    def test_hours_are_read_from_settings_at_call_time(self):
        self.assertEqual(calendar.add_working_days(vn(2030, 3, 4, 17, 15), 0), vn(2030, 3, 4, 17, 30))
        self.assertEqual(calendar.add_working_hours(vn(2030, 3, 4, 7), 5), vn(2030, 3, 4, 14, 30))

    @override_settings(PHOIHOP_WORKDAY_HOURS=[("13:00", "17:00"), ("08:00", "12:00")])
    def test_overlapping_or_unordered_hours_are_a_configuration_error(self):
        with self.assertRaises(ImproperlyConfigured):
            calendar.add_working_hours(vn(2030, 3, 4, 8), 1)


class SeededCalendarTests(TestCase):
    """The schedules the data migration seeded, through the module-level API other apps call."""

    def test_a_request_on_the_friday_before_tet_2025_with_five_working_days(self):
        self.assertEqual(calendar.add_working_days(vn(2025, 1, 24, 16), 5), vn(2025, 2, 7, 17))

    def test_working_hours_across_tet_2025(self):
        # 1 h on Friday 24/01, then Tết until Sunday 02/02; 8 h Mon 03/02, 8 h Tue 04/02, 7 h Wed 05/02.
        self.assertEqual(calendar.add_working_hours(vn(2025, 1, 24, 16), 24), vn(2025, 2, 5, 16))

    def test_calendar_days_ending_in_tet_2025_move_to_the_first_working_day_after(self):
        self.assertEqual(calendar.add_calendar_days(vn(2025, 1, 20, 10), 8), vn(2025, 2, 3, 17))

    def test_makeup_saturday_26_april_2025_counts_for_every_unit(self):
        self.assertTrue(calendar.is_working_day(dt.date(2025, 4, 26)))
        self.assertEqual(calendar.add_working_days(vn(2025, 4, 25, 10), 1), vn(2025, 4, 26, 17))
        self.assertEqual(calendar.add_working_hours(vn(2025, 4, 25, 16), 4), vn(2025, 4, 26, 11))
        self.assertEqual(calendar.add_calendar_days(vn(2025, 4, 19, 9), 7), vn(2025, 4, 26, 9))

    def test_the_long_break_30_april_to_4_may_2025(self):
        self.assertFalse(calendar.is_working_day(dt.date(2025, 5, 2)))
        self.assertEqual(calendar.add_working_days(vn(2025, 4, 29, 10), 1), vn(2025, 5, 5, 17))

    def test_makeup_saturday_4_may_2024(self):
        self.assertFalse(calendar.is_working_day(dt.date(2024, 4, 29)))
        self.assertEqual(calendar.add_working_days(vn(2024, 5, 3, 10), 1), vn(2024, 5, 4, 17))

    def test_national_day_2025_working_hours(self):
        self.assertEqual(calendar.add_working_hours(vn(2025, 8, 29, 16), 2), vn(2025, 9, 3, 9))

    def test_hung_kings_day_2026_on_sunday_gives_monday_off(self):
        self.assertFalse(calendar.is_working_day(dt.date(2026, 4, 27)))
        self.assertEqual(calendar.add_working_days(vn(2026, 4, 24, 10), 1), vn(2026, 4, 28, 17))

    def test_compensatory_days_2023(self):
        for day in (dt.date(2023, 1, 2), dt.date(2023, 5, 2), dt.date(2023, 5, 3), dt.date(2023, 9, 4)):
            with self.subTest(day=day):
                self.assertFalse(calendar.is_working_day(day))
        self.assertTrue(calendar.is_working_day(dt.date(2023, 5, 4)))

    def test_due_at_dispatches_on_the_unit(self):
        start = vn(2025, 1, 24, 16)
        self.assertEqual(calendar.due_at(start, 5, calendar.WORKING_DAYS), vn(2025, 2, 7, 17))
        self.assertEqual(calendar.due_at(start, 4, calendar.WORKING_HOURS), vn(2025, 2, 3, 11))
        self.assertEqual(calendar.due_at(start, 30, calendar.CALENDAR_DAYS), vn(2025, 2, 24, 17))
