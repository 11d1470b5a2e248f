"""Policies and calendar rows as data: the seed, the selectors, validation, and the loader's cache."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import TestCase

from phoihop.deadlines import calendar, selectors
from phoihop.deadlines.models import CalendarDay, CalendarRevision, CalendarYear, DeadlinePolicy, Unit


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=calendar.VN_TZ)


class SeededPolicyTests(TestCase):
    def test_the_four_policies_with_their_limits_and_legal_basis(self):
        seeded = {p.code: (p.name, p.amount, p.unit) for p in DeadlinePolicy.objects.all()}
        self.assertEqual(
            seeded,
            {
                "hoa-toc": ("Hỏa tốc", 4, Unit.WORKING_HOURS),
                "khan": ("Khẩn", 24, Unit.WORKING_HOURS),
                "thuong": ("Thông thường", 5, Unit.WORKING_DAYS),
                "tra-loi-tren-bao": ("Trả lời trên báo chí", 30, Unit.CALENDAR_DAYS),
            },
        )
        self.assertIn("09/2017/NĐ-CP", DeadlinePolicy.objects.get(code="thuong").legal_basis)
        self.assertIn("126/2025/QH15", DeadlinePolicy.objects.get(code="tra-loi-tren-bao").legal_basis)

    def test_policies_read_in_vietnamese(self):
        self.assertEqual(str(DeadlinePolicy.objects.get(code="thuong")), "Thông thường (5 ngày làm việc)")
        self.assertEqual(str(DeadlinePolicy.objects.get(code="khan")), "Khẩn (24 giờ làm việc)")

    def test_due_from_uses_the_policy_limit(self):
        policy = DeadlinePolicy.objects.get(code="thuong")
        self.assertEqual(policy.due_from(vn(2025, 1, 24, 16)), vn(2025, 2, 7, 17))

    def test_policies_active_in_display_order_without_retired_ones(self):
        DeadlinePolicy.objects.filter(code="hoa-toc").update(is_active=False)
        self.assertEqual(
            list(selectors.policies_active().values_list("code", flat=True)),
            ["khan", "thuong", "tra-loi-tren-bao"],
        )

    def test_policy_find_by_code_or_by_name_without_accents(self):
        self.assertEqual(selectors.policy_find("KHAN").code, "khan")
        self.assertEqual(selectors.policy_find("hoa toc").code, "hoa-toc")
        self.assertEqual(selectors.policy_find("Thông Thường").code, "thuong")
        self.assertIsNone(selectors.policy_find("chậm"))
        self.assertIsNone(selectors.policy_find("  "))

    def test_amount_must_be_positive(self):
        policy = DeadlinePolicy(name="Thử", code="thu", amount=0, unit=Unit.WORKING_DAYS)
        with self.assertRaises(ValidationError):
            policy.full_clean()
        with self.assertRaises(IntegrityError), transaction.atomic():
            policy.save()


class SeededCalendarDataTests(TestCase):
    def test_years_2023_to_2027_with_their_source(self):
        years = {y.year: y for y in CalendarYear.objects.all()}
        self.assertEqual(sorted(years), [2023, 2024, 2025, 2026, 2027])
        for year in years.values():
            with self.subTest(year=year.year):
                self.assertTrue(year.source)
        self.assertIn("chờ quyết định chính thức", years[2027].source)
        self.assertEqual(str(years[2025]), "Lịch làm việc năm 2025")

    def test_every_row_is_consistent_with_its_kind_and_year(self):
        for day in CalendarDay.objects.select_related("year"):
            with self.subTest(day=str(day)):
                self.assertEqual(day.date.year, day.year.year)
                if day.kind == CalendarDay.Kind.MAKEUP_WORKDAY:
                    self.assertGreaterEqual(day.date.weekday(), 5)
                if day.kind == CalendarDay.Kind.DAY_OFF:
                    self.assertLess(day.date.weekday(), 5)

    def test_fixed_holidays_of_the_labour_code_are_there_each_year(self):
        dates = set(CalendarDay.objects.values_list("date", flat=True))
        for year in range(2023, 2028):
            for month, day in ((1, 1), (4, 30), (5, 1), (9, 2)):
                with self.subTest(year=year, month=month):
                    self.assertIn(dt.date(year, month, day), dates)

    def test_days_read_in_vietnamese(self):
        day = CalendarDay.objects.get(date=dt.date(2025, 4, 26))
        self.assertEqual(
            str(day), "26/04/2025 — Làm bù cho ngày nghỉ 02/5/2025 (Ngày làm bù (thứ Bảy, Chủ nhật đi làm))"
        )
        self.assertEqual([d.date.day for d in selectors.calendar_days_in(2024)][:2], [1, 8])


class CalendarDayValidationTests(TestCase):
    def test_a_makeup_workday_must_be_a_weekend_day(self):
        year = CalendarYear.objects.get(year=2025)
        day = CalendarDay(year=year, date=dt.date(2025, 6, 4), kind=CalendarDay.Kind.MAKEUP_WORKDAY, name="Thử")
        with self.assertRaisesMessage(ValidationError, "thứ Bảy hoặc Chủ nhật"):
            day.full_clean()

    def test_a_day_must_belong_to_its_year(self):
        year = CalendarYear.objects.get(year=2025)
        day = CalendarDay(year=year, date=dt.date(2026, 6, 4), kind=CalendarDay.Kind.HOLIDAY, name="Thử")
        with self.assertRaisesMessage(ValidationError, "không thuộc năm 2025"):
            day.full_clean()


class CalendarCacheTests(TestCase):
    def test_editing_a_day_changes_the_result(self):
        start = vn(2025, 4, 25, 10)
        self.assertEqual(calendar.add_working_days(start, 1), vn(2025, 4, 26, 17))
        makeup = CalendarDay.objects.get(date=dt.date(2025, 4, 26))
        makeup.kind = CalendarDay.Kind.HOLIDAY
        makeup.save()
        self.assertEqual(calendar.add_working_days(start, 1), vn(2025, 4, 28, 17))
        makeup.delete()
        self.assertEqual(calendar.add_working_days(start, 1), vn(2025, 4, 28, 17))
        CalendarDay.objects.create(
            year=makeup.year, date=dt.date(2025, 4, 28), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ thử"
        )
        self.assertEqual(calendar.add_working_days(start, 1), vn(2025, 4, 29, 17))

    def test_deleting_a_year_removes_its_days(self):
        CalendarYear.objects.get(year=2025).delete()
        self.assertEqual(calendar.add_working_days(vn(2025, 1, 24, 16), 5), vn(2025, 1, 31, 17))

    def test_a_current_cache_costs_one_query(self):
        calendar.work_calendar()
        with self.assertNumQueries(1):
            calendar.is_working_day(dt.date(2025, 1, 29))

    def test_a_rolled_back_edit_leaves_no_stale_calendar(self):
        start = vn(2025, 4, 25, 10)
        try:
            with transaction.atomic():
                CalendarDay.objects.filter(date=dt.date(2025, 4, 26)).get().delete()
                self.assertEqual(calendar.add_working_days(start, 1), vn(2025, 4, 28, 17))
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
        self.assertEqual(calendar.add_working_days(start, 1), vn(2025, 4, 26, 17))

    def test_the_seed_sets_a_revision_so_a_flushed_table_is_reloaded(self):
        # A flush (TransactionTestCase, `flush`) sends no signals but removes the revision row.
        self.assertTrue(CalendarRevision.objects.filter(pk=1).exclude(token="").exists())
        self.assertFalse(calendar.is_working_day(dt.date(2025, 1, 29)))
        CalendarRevision.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {CalendarDay._meta.db_table} WHERE date = %s", [dt.date(2025, 1, 29)])  # noqa: S608
        self.assertFalse(CalendarRevision.objects.exists())
        self.assertTrue(calendar.is_working_day(dt.date(2025, 1, 29)))

    def test_writes_that_skip_signals_take_effect_after_invalidate(self):
        calendar.work_calendar()
        CalendarDay.objects.filter(date=dt.date(2025, 4, 26)).update(kind=CalendarDay.Kind.HOLIDAY)
        calendar.invalidate()
        self.assertFalse(calendar.is_working_day(dt.date(2025, 4, 26)))
