"""Press conferences and periodic information (issue #13 item 4, Decree 244/2026 Art. 6(2)): a unit
plans a conference and the newspaper is invited, it is held and the questions are recorded, materials
are private to those who see the conference; the monthly information and the quarterly press
conference of a province are tracked, late or missing periods flagged and reminded once."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase, override_settings
from django.urls import reverse

from phoihop.accounts import services as account_services
from phoihop.accounts.models import Organization, OrganizationLevel, Role
from phoihop.exchange import conferences
from phoihop.exchange.models import PeriodicInformation, PressConference, PressQuestion
from phoihop.exchange.tasks import periodic_duty_tick
from phoihop.exchange.tests.files import docx_file
from phoihop.notifications.models import Notification
from phoihop.testing import PersonaTestCase, make_program

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = dt.datetime(2026, 11, 21, 19, 41, tzinfo=HANOI)  # "now" in most tests
STARTS = dt.datetime(2026, 11, 25, 9, 0, tzinfo=HANOI)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=HANOI)


class ConferenceTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = cls.make_user("btv", "Mai Anh Tuấn", cls.press, Role.EDITOR)
        cls.spokesperson_a = cls.make_user("pn_a", "Trịnh Thu Trang", cls.unit_a, Role.SPOKESPERSON)
        with time_machine.travel(T0, tick=False):
            cls.conference = conferences.conference_create(
                actor=cls.liaison_a,
                organization=cls.unit_a,
                title="Họp báo kết quả kinh tế - xã hội 11 tháng",
                starts_at=STARTS,
                place="Hội trường UBND xã An Khánh",
                online_url="https://hop.example.vn/an-khanh",
                chaired_by="Ông Nguyễn Văn Hùng, Chủ tịch UBND xã",
                programme="1. Báo cáo kết quả\n2. Trả lời câu hỏi của báo chí",
            )

    def test_planning_invites_the_newspaper_through_the_notifications(self):
        self.assertEqual(self.conference.state, PressConference.State.PLANNED)
        self.assertEqual(list(self.conference.invited_press.all()), [self.press])
        self.assertIsNotNone(self.conference.invited_at)
        invitation = Notification.objects.get(recipient=self.editor, verb="press_conference.invited")
        self.assertIn("UBND xã An Khánh mời báo dự họp báo", invitation.title)
        self.assertIn("25/11/2026 09:00", invitation.title)
        self.assertIn("Hội trường UBND xã An Khánh", invitation.body)
        # The desk is told, not every reporter.
        self.assertFalse(Notification.objects.filter(recipient=self.reporter, verb="press_conference.invited").exists())

    def test_the_form_validates_in_vietnamese_and_accepts_the_vietnamese_date(self):
        self.login(self.spokesperson_a)
        url = reverse("exchange:conference_new")
        with time_machine.travel(T0, tick=False):
            page = self.client.post(
                url,
                {
                    "organization": self.unit_a.pk,
                    "kind": "hop_bao",
                    "title": "Họp báo",
                    "starts_at": "30/11/2026 08:30",
                },
            )
            self.assertContains(page, "Cần địa điểm hoặc đường dẫn trực tuyến.")
            page = self.client.post(
                url,
                {"organization": self.unit_a.pk, "kind": "hop_bao", "title": "Họp báo", "starts_at": "32/11/2026"},
            )
            self.assertContains(page, "Thời gian không hợp lệ (dd/mm/yyyy hh:mm).")
            page = self.client.post(
                url,
                {
                    "organization": self.unit_a.pk,
                    "kind": "hop_bao",
                    "title": "Họp báo về mùa màng",
                    "starts_at": "30/11/2026 08:30",
                    "place": "Nhà văn hóa thôn Đông",
                    "invited_press": [self.press.pk],
                    "invite": "on",
                },
            )
        conference = PressConference.objects.get(title="Họp báo về mùa màng")
        self.assertRedirects(page, conference.get_absolute_url())
        self.assertEqual(conference.starts_at, at(2026, 11, 30, 8, 30))
        self.assertIsNotNone(conference.invited_at)
        detail = self.client.get(conference.get_absolute_url())
        self.assertContains(detail, "30/11/2026 08:30")
        self.assertContains(detail, 'aria-current="page">Họp báo</a>', html=False)

    def test_hold_then_record_the_questions(self):
        self.login(self.leader_a)
        with time_machine.travel(STARTS + dt.timedelta(hours=2), tick=False):
            self.client.post(
                reverse("exchange:conference_held", args=[self.conference.pk]),
                {"outcome": "Cung cấp số liệu 11 tháng."},
            )
            self.conference.refresh_from_db()
            self.assertEqual(self.conference.state, PressConference.State.HELD)
            # The reporter who asked writes down the question and the answer.
            self.login(self.reporter)
            page = self.client.post(
                reverse("exchange:conference_question", args=[self.conference.pk]),
                {
                    "reporter_name": "Trần Minh Đức",
                    "outlet": "Báo Thử Nghiệm",
                    "question": "Bao giờ sửa xong đường liên thôn?",
                    "answered_by": "Ông Nguyễn Văn Hùng, Chủ tịch UBND xã",
                    "answer": "Trong quý I/2027.",
                },
            )
            self.assertRedirects(page, self.conference.get_absolute_url() + "#cau-hoi", fetch_redirect_response=False)
            # No answer and no promise to answer later: refused, in Vietnamese.
            page = self.client.post(
                reverse("exchange:conference_question", args=[self.conference.pk]),
                {"outlet": "Báo Thử Nghiệm", "question": "Kinh phí bao nhiêu?"},
                follow=True,
            )
        self.assertContains(page, "Cần nội dung trả lời, hoặc đánh dấu «hẹn trả lời sau bằng văn bản».")
        question = PressQuestion.objects.get(conference=self.conference)
        self.assertEqual(question.recorded_by, self.reporter)
        self.assertContains(page, "Bao giờ sửa xong đường liên thôn?")
        self.assertContains(page, "Trong quý I/2027.")
        self.assertContains(page, "Cung cấp số liệu 11 tháng.")

    def test_an_edit_keeps_what_it_does_not_change_and_the_programme_must_be_the_units(self):
        program = make_program(self)
        with time_machine.travel(T0, tick=False):
            conferences.conference_update(actor=self.leader_a, conference=self.conference, program=program)
            conferences.conference_update(actor=self.leader_a, conference=self.conference, title="Họp báo 11 tháng")
            self.conference.refresh_from_db()
            self.assertEqual(self.conference.program, program)
            self.assertEqual(self.conference.title, "Họp báo 11 tháng")
            self.assertEqual(self.conference.place, "Hội trường UBND xã An Khánh")
            other = conferences.conference_create(
                actor=self.liaison_b,
                organization=self.unit_b,
                title="Họp báo phường",
                starts_at=STARTS,
                place="Phường Bình Minh",
            )
            with self.assertRaises(ValidationError):
                conferences.conference_update(actor=self.liaison_b, conference=other, program=program)

    def test_the_list_shows_planned_ones_first_and_filters_the_held(self):
        with time_machine.travel(T0, tick=False):
            cancelled = conferences.conference_create(
                actor=self.leader_a,
                organization=self.unit_a,
                title="Họp báo bị hủy",
                starts_at=STARTS + dt.timedelta(days=2),
                place="Hội trường",
            )
            conferences.conference_cancel(actor=self.leader_a, conference=cancelled, reason="Hoãn vì mưa bão.")
            conferences.conference_create(
                actor=self.leader_a,
                organization=self.unit_a,
                title="Họp báo đã xong",
                starts_at=at(2026, 11, 2, 9, 0),
                place="Hội trường",
                held=True,
            )
            self.login(self.staff_a)
            page = self.client.get(reverse("exchange:conferences")).content.decode()
            held_only = self.client.get(reverse("exchange:conferences") + "?trang-thai=da-to-chuc")
        upcoming, past = page.split('id="da-dien-ra"')
        self.assertIn(self.conference.title, upcoming)
        self.assertIn("Họp báo bị hủy", past)
        self.assertIn("Họp báo đã xong", past)
        self.assertNotContains(held_only, "Họp báo bị hủy")
        self.assertContains(held_only, "Họp báo đã xong")

    def test_a_conference_cannot_be_held_before_its_time_nor_questioned_before_it_is_held(self):
        with time_machine.travel(T0, tick=False):
            with self.assertRaises(ValidationError):
                conferences.conference_hold(actor=self.leader_a, conference=self.conference)
            with self.assertRaises(PermissionDenied):
                conferences.question_add(
                    actor=self.reporter, conference=self.conference, outlet="Báo", question="?", answer="!"
                )

    def test_an_outsider_gets_404_everywhere(self):
        with time_machine.travel(T0, tick=False):
            conferences.materials_add(actor=self.liaison_a, conference=self.conference, files=[docx_file()])
        attachment = self.conference.attachments.get()
        for user in (self.liaison_b, self.nobody):
            self.login(user)
            with self.subTest(user=user.username):
                for name in ("exchange:conference", "exchange:conference_edit"):
                    self.assertEqual(self.client.get(reverse(name, args=[self.conference.pk])).status_code, 404)
                for name in ("exchange:conference_held", "exchange:conference_cancel", "exchange:conference_question"):
                    self.assertEqual(self.client.post(reverse(name, args=[self.conference.pk])).status_code, 404)
                self.assertEqual(self.client.get(reverse("exchange:attachment", args=[attachment.pk])).status_code, 404)
                self.assertNotContains(self.client.get(reverse("exchange:conferences")), self.conference.title)

    def test_staff_read_but_do_not_write(self):
        with time_machine.travel(T0, tick=False):
            conferences.materials_add(actor=self.liaison_a, conference=self.conference, files=[docx_file()])
        attachment = self.conference.attachments.get()
        self.login(self.staff_a)
        page = self.client.get(self.conference.get_absolute_url())
        self.assertContains(page, self.conference.title)
        self.assertNotContains(page, reverse("exchange:conference_edit", args=[self.conference.pk]))
        self.assertNotContains(page, reverse("exchange:conference_cancel", args=[self.conference.pk]))
        self.assertEqual(self.client.get(reverse("exchange:attachment", args=[attachment.pk])).status_code, 200)
        self.assertEqual(
            self.client.get(reverse("exchange:conference_edit", args=[self.conference.pk])).status_code, 403
        )
        self.assertEqual(
            self.client.post(
                reverse("exchange:conference_cancel", args=[self.conference.pk]), {"reason": "Bận"}
            ).status_code,
            403,
        )
        self.assertEqual(self.client.get(reverse("exchange:conference_new")).status_code, 403)
        self.assertNotContains(self.client.get(reverse("exchange:conferences")), reverse("exchange:conference_new"))
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.state, PressConference.State.PLANNED)

    def test_moving_and_cancelling_tell_the_invited_newspaper(self):
        with time_machine.travel(T0, tick=False):
            conferences.conference_update(
                actor=self.spokesperson_a, conference=self.conference, starts_at=STARTS + dt.timedelta(days=1)
            )
            with self.assertRaises(ValidationError):
                conferences.conference_cancel(actor=self.spokesperson_a, conference=self.conference, reason="  ")
            conferences.conference_cancel(
                actor=self.spokesperson_a, conference=self.conference, reason="Trùng lịch họp HĐND."
            )
        changed = Notification.objects.get(recipient=self.editor, verb="press_conference.changed")
        self.assertIn("26/11/2026 09:00", changed.title)
        cancelled = Notification.objects.get(recipient=self.editor, verb="press_conference.cancelled")
        self.assertIn("Trùng lịch họp HĐND.", cancelled.body)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.state, PressConference.State.CANCELLED)
        # A cancelled conference is closed to changes.
        with self.assertRaises(PermissionDenied):
            conferences.materials_add(actor=self.liaison_a, conference=self.conference, files=[docx_file()])

    def test_the_newsroom_records_a_briefing_for_its_own_record_and_tells_the_unit(self):
        with time_machine.travel(T0, tick=False):
            briefing = conferences.conference_create(
                actor=self.editor,
                organization=self.unit_a,
                kind=PressConference.Kind.BRIEFING,
                title="Giao ban báo chí tháng 11",
                starts_at=at(2026, 11, 20, 15, 0),
                place="Sở Văn hóa",
                host="Ban Tuyên giáo và Dân vận",
                held=True,
            )
        self.assertEqual(briefing.state, PressConference.State.HELD)
        self.assertIsNone(briefing.invited_at)
        self.assertTrue(
            Notification.objects.filter(recipient=self.liaison_a, verb="press_conference.recorded").exists()
        )
        # A reporter reads but does not plan.
        with self.assertRaises(PermissionDenied):
            conferences.conference_create(
                actor=self.reporter,
                organization=self.unit_a,
                title="Họp báo",
                starts_at=STARTS,
                place="Hà Nội",
            )

    def test_held_conferences_are_counted_by_kind_and_date(self):
        with time_machine.travel(T0, tick=False):
            for kind, day in [("hop_bao", 1), ("hop_bao", 14), ("giao_ban", 14)]:
                conferences.conference_create(
                    actor=self.leader_a,
                    organization=self.unit_a,
                    kind=kind,
                    title=f"{kind} {day}",
                    starts_at=at(2026, 11, day, 9, 0),
                    place="Hội trường",
                    held=True,
                )
        start, end = dt.date(2026, 11, 1), dt.date(2026, 11, 14)
        self.assertEqual(conferences.press_conferences_held(self.unit_a, start, end), 2)
        self.assertEqual(conferences.press_conferences_held(self.unit_a, start, end, kind="giao_ban"), 1)
        self.assertEqual(conferences.press_conferences_held(self.unit_a, start, end, kind=None), 3)
        self.assertEqual(conferences.press_conferences_held(self.unit_a, dt.date(2026, 11, 2), end), 1)
        # The planned one (25/11) is not counted, nor another unit's.
        self.assertEqual(conferences.press_conferences_held(self.unit_a, start, dt.date(2026, 11, 30)), 2)
        self.assertEqual(conferences.press_conferences_held(self.unit_b, start, end, kind=None), 0)


class PeriodicDutyTests(PersonaTestCase):
    """A province (level "province") has the Art. 6(2) duty; the personas' communes do not."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        province_level = OrganizationLevel.objects.get(code="province")
        with time_machine.travel(at(2026, 6, 15, 8, 0), tick=False):
            cls.province = account_services.organization_create(
                actor=None, name="UBND tỉnh Thử Nghiệm", kind=Organization.Kind.PARTNER, level=province_level
            )
        cls.leader_p = cls.make_user("ld_tinh", "Lý Thị Mai", cls.province, Role.LEADER)
        cls.staff_p = cls.make_user("cb_tinh", "Cao Văn Sơn", cls.province, Role.STAFF)
        with time_machine.travel(at(2026, 10, 5, 9, 0), tick=False):
            # July: a briefing the province attended; August: its press conference (Q3);
            # September: its monthly information, given on 03/10 (late).
            for kind, starts in [("giao_ban", at(2026, 7, 20, 15, 0)), ("hop_bao", at(2026, 8, 10, 9, 0))]:
                conferences.conference_create(
                    actor=cls.leader_p,
                    organization=cls.province,
                    kind=kind,
                    title=f"{kind} {starts:%m}",
                    starts_at=starts,
                    place="Trụ sở UBND tỉnh",
                    held=True,
                )
            conferences.periodic_information_record(
                actor=cls.leader_p,
                organization=cls.province,
                month=dt.date(2026, 9, 1),
                given_on=dt.date(2026, 10, 3),
                summary="Thông cáo tình hình kinh tế - xã hội tháng 9",
            )

    def statuses(self, today: dt.date) -> tuple[dict[str, str], dict[str, str]]:
        report = conferences.periodic_duty(self.province, today=today)
        return {p.key: p.status for p in report.months}, {p.key: p.status for p in report.quarters}

    def test_only_units_of_a_duty_level_have_the_duty(self):
        self.assertTrue(conferences.has_periodic_duty(self.province))
        self.assertFalse(conferences.has_periodic_duty(self.unit_a))
        ministry = account_services.organization_create(
            actor=None,
            name="Bộ Thử Nghiệm",
            kind=Organization.Kind.PARTNER,
            level=OrganizationLevel.objects.get(code="ministry"),  # seeded with the other levels
        )
        self.assertTrue(conferences.has_periodic_duty(ministry))
        with override_settings(PHOIHOP_PERIODIC_DUTY_LEVELS=["commune"]):
            self.assertTrue(conferences.has_periodic_duty(self.unit_a))
            self.assertFalse(conferences.has_periodic_duty(self.province))
        self.login(self.leader_a)
        self.assertEqual(self.client.get(reverse("exchange:conference_duty", args=[self.unit_a.pk])).status_code, 404)

    def test_months_and_quarters_are_met_late_missing_or_open(self):
        months, quarters = self.statuses(dt.date(2026, 11, 20))
        self.assertEqual(
            months,
            {"2026-07": "met", "2026-08": "met", "2026-09": "late", "2026-10": "missing", "2026-11": "open"},
        )
        self.assertEqual(quarters, {"2026-Q3": "met", "2026-Q4": "open"})
        months, quarters = self.statuses(dt.date(2026, 11, 27))
        self.assertEqual(months["2026-11"], "due_soon")
        self.assertEqual(quarters["2026-Q4"], "open")
        _months, quarters = self.statuses(dt.date(2026, 12, 20))
        self.assertEqual(quarters["2026-Q4"], "due_soon")
        _months, quarters = self.statuses(dt.date(2027, 1, 2))
        self.assertEqual(quarters["2026-Q4"], "missing")

    def test_a_briefing_gives_the_months_information_but_not_the_quarters_press_conference(self):
        with time_machine.travel(at(2026, 12, 10, 9, 0), tick=False):
            conferences.conference_create(
                actor=self.leader_p,
                organization=self.province,
                kind=PressConference.Kind.BRIEFING,
                title="Giao ban báo chí tháng 12",
                starts_at=at(2026, 12, 9, 15, 0),
                place="Ban Tuyên giáo",
                held=True,
            )
        months, quarters = self.statuses(dt.date(2027, 1, 2))
        self.assertEqual(months["2026-12"], "met")
        self.assertEqual(quarters["2026-Q4"], "missing")

    def test_the_panel_flags_late_and_missing_periods_for_the_unit_and_the_newsroom(self):
        with time_machine.travel(at(2026, 11, 20, 9, 0), tick=False):
            for user in (self.chief, self.staff_p):
                self.login(user)
                page = self.client.get(reverse("exchange:conferences"))
                self.assertContains(page, "Nghĩa vụ cung cấp thông tin định kỳ")
                self.assertContains(page, "Tháng 10/2026 — Chưa thực hiện (quá hạn)")
                self.assertContains(page, "Tháng 09/2026 — Thực hiện muộn")
            # A commune's people see no duty panel: they have no fixed frequency (Art. 6(3)).
            self.login(self.liaison_a)
            self.assertNotContains(self.client.get(reverse("exchange:conferences")), "UBND tỉnh Thử Nghiệm")
            self.assertEqual(
                self.client.get(reverse("exchange:conference_duty", args=[self.province.pk])).status_code, 404
            )

    def test_the_unit_records_its_monthly_information_and_staff_may_not(self):
        url = reverse("exchange:conference_duty", args=[self.province.pk])
        data = {"month": "2026-10-01", "given_on": "05/11/2026", "summary": "Thông tin tháng 10"}
        with time_machine.travel(at(2026, 11, 20, 9, 0), tick=False):
            self.login(self.staff_p)
            self.assertNotContains(self.client.get(url), "Ghi nhận thông tin định kỳ hằng tháng")
            self.assertEqual(self.client.post(url, data).status_code, 403)
            self.login(self.leader_p)
            self.assertContains(self.client.post(url, {**data, "given_on": "99/11/2026"}), "Ngày không hợp lệ")
            self.assertRedirects(self.client.post(url, data), url)
            months, _quarters = self.statuses(dt.date(2026, 11, 20))
        info = PeriodicInformation.objects.get(organization=self.province, month=dt.date(2026, 10, 1))
        self.assertTrue(info.is_late)
        self.assertEqual(months["2026-10"], "late")
        with self.assertRaises(ValidationError):
            conferences.periodic_information_record(
                actor=self.leader_p,
                organization=self.province,
                month=dt.date(2026, 10, 15),
                given_on=dt.date(2026, 11, 6),
                summary="Lần hai",
            )

    def test_the_reminder_goes_near_the_end_once_and_the_miss_after_it(self):
        def told(verb: str) -> list[str]:
            return list(
                Notification.objects.filter(recipient=self.leader_p, verb=verb)
                .order_by("pk")
                .values_list("title", flat=True)
            )

        with time_machine.travel(at(2026, 11, 20, 9, 0), tick=False):
            periodic_duty_tick.call()
        # October is missing, but only the period just ended is told: here, October.
        self.assertEqual(told("periodic_duty.reminded"), [])
        self.assertEqual(
            told("periodic_duty.missed"),
            ["UBND tỉnh Thử Nghiệm không cung cấp thông tin định kỳ cho báo chí tháng 10/2026"],
        )
        with time_machine.travel(at(2026, 11, 27, 9, 0), tick=False):
            periodic_duty_tick.call()
            periodic_duty_tick.call()
        self.assertEqual(
            told("periodic_duty.reminded"),
            ["UBND tỉnh Thử Nghiệm chưa cung cấp thông tin định kỳ cho báo chí tháng 11/2026 (hạn cuối 30/11/2026)"],
        )
        self.assertEqual(len(told("periodic_duty.missed")), 1)
        # A held press conference in December settles the month and the quarter: no reminder.
        with time_machine.travel(at(2026, 12, 3, 9, 0), tick=False):
            conferences.conference_create(
                actor=self.leader_p,
                organization=self.province,
                title="Họp báo quý IV",
                starts_at=at(2026, 12, 2, 9, 0),
                place="Trụ sở UBND tỉnh",
                held=True,
            )
        with time_machine.travel(at(2026, 12, 28, 9, 0), tick=False):
            periodic_duty_tick.call()
        titles = told("periodic_duty.reminded")
        self.assertEqual(len(titles), 1)
        self.assertEqual(
            told("periodic_duty.missed")[-1],
            "UBND tỉnh Thử Nghiệm không cung cấp thông tin định kỳ cho báo chí tháng 11/2026",
        )
        # The staff member reads the panel, but the reminders go to those who act for the unit.
        self.assertFalse(Notification.objects.filter(recipient=self.staff_p).exists())


class DemoConferenceTests(TestCase):
    def test_the_demo_commune_has_a_held_conference_with_questions_and_a_planned_one(self):
        import tempfile
        from pathlib import Path

        from phoihop.demo import story

        with tempfile.TemporaryDirectory() as tmp:
            story.load(logins_path=Path(tmp) / "logins.json")
            story.load(logins_path=Path(tmp) / "logins.json")  # idempotent
        held = PressConference.objects.get(state=PressConference.State.HELD)
        self.assertEqual(held.questions.count(), 2)
        self.assertTrue(held.questions.filter(answer_later=True).exists())
        planned = PressConference.objects.get(state=PressConference.State.PLANNED)
        self.assertEqual(planned.organization, held.organization)
        self.assertIsNotNone(planned.invited_at)
        self.assertTrue(Notification.objects.filter(verb="press_conference.invited").exists())
