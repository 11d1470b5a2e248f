"""The calendar and the policies are edited in the newsroom's admin, and an edit changes deadlines."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from phoihop.deadlines import calendar
from phoihop.deadlines.models import CalendarDay, CalendarYear
from phoihop.testing import PersonaTestCase


def vn(year: int, month: int, day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=calendar.VN_TZ)


class CalendarAdminTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.admin = get_user_model().objects.create_superuser("quantri", "quantri@example.vn", cls.password)

    def test_lists_show_years_days_and_policies(self):
        self.login(self.admin)
        for url, text in (
            ("/admin/deadlines/years/", "2027"),
            ("/admin/deadlines/days/?year=" + str(CalendarYear.objects.get(year=2025).pk), "Làm bù cho ngày"),
            ("/admin/deadlines/policies/", "Trả lời trên báo chí"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, text)

    def test_the_year_page_edits_its_days_inline(self):
        self.login(self.admin)
        year = CalendarYear.objects.get(year=2025)
        response = self.client.get(f"/admin/deadlines/years/edit/{year.pk}/")
        self.assertContains(response, "Ngày nghỉ lễ, nghỉ bù, làm bù")
        self.assertContains(response, "Làm bù cho ngày nghỉ 02/5/2025")

    def year_form(self, year: CalendarYear, extra: dict[str, str]) -> dict[str, str]:
        days = [{"id": str(d.pk), "date": d.date.isoformat(), "kind": d.kind, "name": d.name} for d in year.days.all()]
        return nested_form_data(
            {
                "year": str(year.year),
                "source": year.source,
                "note": year.note,
                "days": inline_formset([*days, extra], initial=len(days)),
            }
        )

    def test_adding_a_day_on_the_year_page_changes_the_deadline(self):
        # 2027's second National Day is not seeded; staff add Friday 03/09/2027 once it is announced.
        start = vn(2027, 9, 2, 10)
        self.assertEqual(calendar.add_working_days(start, 1), vn(2027, 9, 6, 17))
        year = CalendarYear.objects.get(year=2027)
        self.login(self.admin)
        response = self.client.post(
            f"/admin/deadlines/years/edit/{year.pk}/",
            self.year_form(year, {"date": "2027-09-03", "kind": "holiday", "name": "Quốc khánh (ngày liền kề)"}),
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(year.days.count(), 10)
        self.assertEqual(calendar.add_working_days(start, 1), vn(2027, 9, 7, 17))

    def test_a_day_of_another_year_is_refused_on_the_year_page(self):
        year = CalendarYear.objects.get(year=2027)
        self.login(self.admin)
        response = self.client.post(
            f"/admin/deadlines/years/edit/{year.pk}/",
            self.year_form(year, {"date": "2028-01-03", "kind": "holiday", "name": "Sai năm"}),
        )
        self.assertContains(response, "Ngày này không thuộc năm 2027.")
        self.assertFalse(CalendarDay.objects.filter(date=dt.date(2028, 1, 3)).exists())

    def test_editing_a_day_in_the_admin_changes_the_deadline(self):
        start = vn(2025, 4, 25, 10)
        self.assertEqual(calendar.add_working_days(start, 1), vn(2025, 4, 26, 17))
        day = CalendarDay.objects.get(date=dt.date(2025, 4, 26))
        self.login(self.admin)
        response = self.client.post(
            f"/admin/deadlines/days/edit/{day.pk}/",
            {"year": day.year_id, "date": "2025-04-26", "kind": CalendarDay.Kind.HOLIDAY, "name": "Nghỉ thử"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(calendar.add_working_days(start, 1), vn(2025, 4, 28, 17))

    def test_a_makeup_day_on_a_weekday_is_refused_in_the_admin(self):
        day = CalendarDay.objects.get(date=dt.date(2025, 5, 2))
        self.login(self.admin)
        response = self.client.post(
            f"/admin/deadlines/days/edit/{day.pk}/",
            {"year": day.year_id, "date": "2025-05-02", "kind": CalendarDay.Kind.MAKEUP_WORKDAY, "name": "Sai"},
        )
        self.assertContains(response, "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")
        self.assertEqual(CalendarDay.objects.get(pk=day.pk).kind, CalendarDay.Kind.DAY_OFF)

    def test_a_partner_user_gets_404(self):
        self.login(self.liaison_b)
        self.assertEqual(self.client.get("/admin/deadlines/years/").status_code, 404)

    def test_press_staff_without_the_permission_cannot_edit(self):
        day = CalendarDay.objects.get(date=dt.date(2025, 4, 26))
        self.login(self.reporter)
        response = self.client.post(
            f"/admin/deadlines/days/edit/{day.pk}/",
            {"year": day.year_id, "date": "2025-04-26", "kind": CalendarDay.Kind.HOLIDAY, "name": "Nghỉ thử"},
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(CalendarDay.objects.get(pk=day.pk).kind, CalendarDay.Kind.MAKEUP_WORKDAY)
