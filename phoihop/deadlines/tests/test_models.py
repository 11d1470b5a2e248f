"""Policies, their versions and the calendar as data: the seed, the selectors, validation, the loader's cache."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import TestCase

from phoihop.deadlines import calendar, selectors
from phoihop.deadlines.models import (
    CalendarDay,
    CalendarRevision,
    CalendarYear,
    DeadlinePolicy,
    DeadlinePolicyVersion,
    LegalInstrument,
    PolicyNotInForce,
    Unit,
)


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=calendar.VN_TZ)


NEW_LAW = dt.date(2026, 7, 1)
REQUEST_CODES = [
    "hoa-toc",
    "khan",
    "thuong",
    "tra-loi-tren-bao",
    "tra-loi-kien-nghi",
    "tiep-can-thong-tin",
    "tiep-can-thong-tin-phuc-tap",
]
OTHER_CODES = [
    "phat-ngon-ban-dau",
    "cong-khai-nguoi-phat-ngon",
    "bao-thong-tin-ket-qua",
    "bao-thong-tin-ket-qua-bao-tuan",
    "bao-tra-loi-yeu-cau",
    "van-ban-den-xac-nhan",
    "van-ban-den-trinh",
]


ROYALTY_CITATION_2026 = "Quy chế chi trả nhuận bút của tòa soạn"


def policy(code: str) -> DeadlinePolicy:
    found = selectors.policy_find(code)
    assert found is not None, code
    return found


class SeededPolicyTests(TestCase):
    def test_the_seeded_policies_with_their_limits_and_legal_basis_on_06_12_2026(self):
        seeded = {p.code: (v.amount, v.unit, v.citation) for p, v in selectors.policies_in_force(dt.date(2026, 12, 6))}
        self.assertEqual(
            seeded,
            {
                "hoa-toc": (4, Unit.WORKING_HOURS, "khoản 5 Điều 7 Nghị định 244/2026/NĐ-CP"),
                "khan": (24, Unit.WORKING_HOURS, "khoản 5 Điều 7 Nghị định 244/2026/NĐ-CP"),
                "thuong": (5, Unit.WORKING_DAYS, "khoản 5 Điều 7 Nghị định 244/2026/NĐ-CP"),
                "tra-loi-tren-bao": (30, Unit.CALENDAR_DAYS, "khoản 1 Điều 18 Nghị định 237/2026/NĐ-CP"),
                "tra-loi-kien-nghi": (15, Unit.WORKING_DAYS, "khoản 3 Điều 18 Nghị định 237/2026/NĐ-CP"),
                "tiep-can-thong-tin": (
                    3,
                    Unit.WORKING_DAYS,
                    "khoản 3 Điều 30 Luật Tiếp cận thông tin số 104/2016/QH13",
                ),
                "tiep-can-thong-tin-phuc-tap": (
                    15,
                    Unit.WORKING_DAYS,
                    "khoản 4 Điều 30 Luật Tiếp cận thông tin số 104/2016/QH13",
                ),
                "phat-ngon-ban-dau": (24, Unit.CLOCK_HOURS, "khoản 3, 4 Điều 7 Nghị định 244/2026/NĐ-CP"),
                "cong-khai-nguoi-phat-ngon": (24, Unit.CLOCK_HOURS, "khoản 3 Điều 3 Nghị định 244/2026/NĐ-CP"),
                "bao-thong-tin-ket-qua": (10, Unit.WORKING_DAYS, "khoản 5 Điều 18 Nghị định 237/2026/NĐ-CP"),
                "bao-thong-tin-ket-qua-bao-tuan": (15, Unit.WORKING_DAYS, "khoản 5 Điều 18 Nghị định 237/2026/NĐ-CP"),
                "bao-tra-loi-yeu-cau": (15, Unit.WORKING_DAYS, "khoản 6 Điều 18 Nghị định 237/2026/NĐ-CP"),
                "van-ban-den-xac-nhan": (0, Unit.WORKING_DAYS, "điểm c khoản 2 Điều 21 Nghị định 30/2020/NĐ-CP"),
                "van-ban-den-trinh": (1, Unit.WORKING_DAYS, "khoản 1 Điều 23 Nghị định 30/2020/NĐ-CP"),
                "tra-nhuan-but": (60, Unit.CALENDAR_DAYS, ROYALTY_CITATION_2026),
            },
        )

    def test_until_30_06_2026_the_old_rules_with_decree_09_2017_and_the_press_law_2016(self):
        on = {p.code: v for p, v in selectors.policies_in_force(dt.date(2026, 6, 30))}
        self.assertEqual(
            sorted(on),
            sorted(
                [*REQUEST_CODES[:4], *REQUEST_CODES[5:], "van-ban-den-xac-nhan", "van-ban-den-trinh", "tra-nhuan-but"]
            ),
        )
        for code in ("hoa-toc", "khan", "thuong"):
            with self.subTest(code=code):
                self.assertEqual(on[code].instrument.number, "09/2017/NĐ-CP")
                self.assertIn("09/2017/NĐ-CP", on[code].legal_basis)
                self.assertEqual(on[code].period_label, "đến hết 30/06/2026")
        self.assertEqual(on["tra-loi-tren-bao"].instrument.number, "103/2016/QH13")
        self.assertEqual((on["thuong"].amount, on["khan"].unit), (5, Unit.WORKING_HOURS))

    def test_the_version_changes_at_midnight_vietnam_time(self):
        reply = policy("tra-loi-tren-bao")
        self.assertEqual(reply.version_on(vn(2026, 6, 30, 23, 59)).instrument.code, "luat-103-2016")
        self.assertEqual(reply.version_on(vn(2026, 7, 1, 0, 0)).instrument.code, "nd-237-2026")
        # 17:30 UTC on 30 June is 00:30 on 1 July in Hanoi.
        self.assertEqual(
            reply.version_on(dt.datetime(2026, 6, 30, 17, 30, tzinfo=dt.UTC)).instrument.code, "nd-237-2026"
        )

    def test_a_policy_not_yet_in_force_has_no_deadline(self):
        petitions = policy("tra-loi-kien-nghi")
        self.assertIsNone(petitions.version_on(dt.date(2026, 6, 30)))
        with self.assertRaisesMessage(PolicyNotInForce, "không áp dụng vào ngày 30/06/2026"):
            petitions.due_from(vn(2026, 6, 30, 9))

    def test_every_version_lies_inside_the_life_of_the_text_it_cites(self):
        for version in DeadlinePolicyVersion.objects.select_related("policy", "instrument"):
            with self.subTest(version=str(version)):
                version.full_clean()
                self.assertIsNotNone(version.instrument)
        day = dt.date(2018, 7, 1)
        while day < dt.date(2028, 1, 1):
            for code, version in ((p.code, v) for p, v in selectors.policies_in_force(day)):
                self.assertTrue(version.instrument.in_force_on(day), f"{code} on {day}")
            day += dt.timedelta(days=15)

    def test_the_repealed_texts_name_their_successor(self):
        repealed = {i.number: i for i in LegalInstrument.objects.filter(repealed_from__isnull=False)}
        self.assertEqual(repealed["09/2017/NĐ-CP"].replaced_by.number, "244/2026/NĐ-CP")
        self.assertEqual(repealed["09/2017/NĐ-CP"].repealed_from, NEW_LAW)
        self.assertIn("Khoản 2 Điều 11", repealed["09/2017/NĐ-CP"].repeal_basis)
        self.assertEqual(repealed["103/2016/QH13"].replaced_by.short_name, "Luật Báo chí số 126/2025/QH15")

    def test_policies_read_in_vietnamese(self):
        self.assertEqual(str(policy("thuong")), "Thông thường (5 ngày làm việc)")
        self.assertEqual(str(policy("phat-ngon-ban-dau").version_on(NEW_LAW).duration_label), "24 giờ")
        self.assertEqual(policy("van-ban-den-xac-nhan").version_on(NEW_LAW).duration_label, "trong ngày làm việc")
        self.assertEqual(
            DeadlinePolicyVersion.objects.get(policy__code="tra-loi-kien-nghi").period_label, "từ 01/07/2026"
        )

    def test_due_from_uses_the_version_in_force_at_the_start(self):
        self.assertEqual(policy("thuong").due_from(vn(2025, 1, 24, 16)), vn(2025, 2, 7, 17))

    def test_policies_for_requests_offer_only_request_policies_in_force(self):
        self.assertEqual(
            list(selectors.policies_for_requests(dt.date(2026, 12, 6)).values_list("code", flat=True)), REQUEST_CODES
        )
        self.assertEqual(
            list(selectors.policies_for_requests(dt.date(2026, 6, 30)).values_list("code", flat=True)),
            ["hoa-toc", "khan", "thuong", "tra-loi-tren-bao", "tiep-can-thong-tin", "tiep-can-thong-tin-phuc-tap"],
        )
        DeadlinePolicy.objects.filter(code="hoa-toc").update(is_active=False)
        self.assertNotIn(
            "hoa-toc", selectors.policies_for_requests(dt.date(2026, 12, 6)).values_list("code", flat=True)
        )

    def test_policy_find_by_code_or_by_name_without_accents(self):
        self.assertEqual(selectors.policy_find("KHAN").code, "khan")
        self.assertEqual(selectors.policy_find("hoa toc").code, "hoa-toc")
        self.assertEqual(selectors.policy_find("Thông Thường").code, "thuong")
        self.assertIsNone(selectors.policy_find("chậm"))
        self.assertIsNone(selectors.policy_find("  "))


class VersionValidationTests(TestCase):
    def version(self, **fields) -> DeadlinePolicyVersion:
        values = {"policy": policy("thuong"), "valid_from": dt.date(2027, 1, 1), "amount": 5, "unit": Unit.WORKING_DAYS}
        values.update(fields)
        return DeadlinePolicyVersion(**values)

    def test_zero_only_counts_working_days(self):
        self.version(amount=0).full_clean()
        with self.assertRaisesMessage(ValidationError, "Thời hạn 0 chỉ dùng với đơn vị ngày làm việc"):
            self.version(amount=0, unit=Unit.CALENDAR_DAYS).full_clean()
        with self.assertRaises(IntegrityError), transaction.atomic():
            self.version(amount=0, unit=Unit.CLOCK_HOURS).save()

    def test_a_version_cannot_outlive_or_precede_the_text_it_cites(self):
        decree_09 = LegalInstrument.objects.get(code="nd-09-2017")
        with self.assertRaisesMessage(ValidationError, "hết hiệu lực từ 01/07/2026"):
            self.version(instrument=decree_09, valid_from=dt.date(2026, 1, 1)).full_clean()
        decree_244 = LegalInstrument.objects.get(code="nd-244-2026")
        with self.assertRaisesMessage(ValidationError, "chỉ có hiệu lực từ 01/07/2026"):
            self.version(instrument=decree_244, valid_from=dt.date(2026, 6, 1)).full_clean()

    def test_one_version_per_start_day(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            self.version(valid_from=NEW_LAW).save()
        with self.assertRaises(IntegrityError), transaction.atomic():
            self.version(valid_from=None).save()

    def test_a_later_version_replaces_the_current_one_from_its_day(self):
        later = self.version(instrument=LegalInstrument.objects.get(code="nd-244-2026"), amount=7)
        later.full_clean()
        later.save()
        thuong = policy("thuong")
        self.assertEqual(thuong.version_on(dt.date(2026, 12, 31)).amount, 5)
        self.assertEqual(thuong.version_on(dt.date(2027, 1, 1)).amount, 7)
        self.assertEqual(thuong.due_from(vn(2027, 1, 4, 9)), vn(2027, 1, 13, 17))

    def test_a_repeal_without_successor_ends_the_policy(self):
        DeadlinePolicyVersion.objects.filter(policy__code="van-ban-den-trinh").update(valid_until=dt.date(2027, 3, 31))
        self.assertIsNotNone(policy("van-ban-den-trinh").version_on(dt.date(2027, 3, 31)))
        self.assertIsNone(policy("van-ban-den-trinh").version_on(dt.date(2027, 4, 1)))


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
