"""Petitions forwarded by the press (Decree 237/2026 Art. 18(3)–(5), issue #13 item 5).

The newsroom forwards a citizen's petition to the unit under `tra-loi-kien-nghi` (15 working days);
past it, the newsroom is told it may forward upward or publish; the unit's answer starts the
newspaper's own clock (`bao-thong-tin-ket-qua`, 10 working days), ended by the record that the
petitioner was informed or the matter published. Who the petitioner is stays with the newsroom.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse

from phoihop.accounts.roles import Role
from phoihop.deadlines.models import DeadlinePolicy, DeadlinePolicyVersion, LegalInstrument
from phoihop.exchange import services
from phoihop.exchange.models import InfoRequest
from phoihop.exchange.tests.base import ExchangeTestCase
from phoihop.notifications.models import Notification

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# A Friday morning before Quốc khánh: the weekend of 29–30/08 and 02/09/2026 (a holiday) do not count.
FRIDAY_BEFORE_NATIONAL_DAY = dt.datetime(2026, 8, 28, 10, 0, tzinfo=HANOI)
# 15 working days: 31/08, 01/09, 03/09, 04/09, 07–11/09, 14–18/09, 21/09 → end of Monday 21/09.
DUE_15_WORKING_DAYS = dt.datetime(2026, 9, 21, 17, 0, tzinfo=HANOI)
NAME = "Nguyễn Văn Tư"
CONTACT = "Số 12 ngõ 3 thôn Đông, 0912 345 678"


class PetitionTestCase(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.desk = cls.make_user("btv_thoisu", "Đỗ Quang Huy", cls.press, Role.EDITOR)
        with time_machine.travel(FRIDAY_BEFORE_NATIONAL_DAY, tick=False):
            cls.petition = services.petition_forward(
                actor=cls.chief,
                organization=cls.unit_a,
                subject="Đường thôn Đông xuống cấp",
                content="Bạn đọc phản ánh đoạn đường 300 m qua thôn Đông ngập sâu sau mỗi trận mưa.",
                nature=InfoRequest.PetitionNature.REPORT,
                petitioner_name=NAME,
                petitioner_contact=CONTACT,
                channel=InfoRequest.PetitionChannel.LETTER,
                received_on=dt.date(2026, 8, 26),
                desk_editor=cls.desk,
            )

    def answer(self, when: dt.datetime) -> InfoRequest:
        with time_machine.travel(when, tick=False):
            self.login(self.liaison_a)
            response = self.client.post(
                reverse("exchange:request_answer", args=[self.petition.pk]),
                {"outcome": "answered", "answer": "Xã đã khảo sát, sẽ nâng nền đường trong tháng 10."},
            )
            self.assertRedirects(response, self.petition.get_absolute_url(), fetch_redirect_response=False)
        self.petition.refresh_from_db()
        return self.petition


class ForwardTests(PetitionTestCase):
    def test_the_newsroom_forwards_through_the_form_with_nfc_text(self):
        self.login(self.chief)
        nfd = unicodedata.normalize("NFD", "Kiến nghị về chợ tạm")
        with time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=HANOI), tick=False):
            response = self.client.post(
                reverse("exchange:petition_new"),
                {
                    "organization": self.unit_a.pk,
                    "nature": "kien_nghi",
                    "subject": nfd,
                    "content": "Người dân đề nghị sắp xếp lại chợ tạm.",
                    "petitioner_name": "Trần Thị Hoa",
                    "petitioner_contact": "0987 000 111",
                    "press_policy": DeadlinePolicy.objects.get(code="bao-thong-tin-ket-qua").pk,
                    "desk_editor": self.desk.pk,
                },
            )
        petition = InfoRequest.objects.get(subject=unicodedata.normalize("NFC", nfd))
        self.assertRedirects(response, petition.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(petition.kind, InfoRequest.Kind.PETITION)
        self.assertEqual(petition.policy.code, "tra-loi-kien-nghi")
        self.assertEqual(petition.policy_version.citation, "khoản 3 Điều 18 Nghị định 237/2026/NĐ-CP")
        self.assertEqual(petition.desk_editor, self.desk)
        self.assertIsNone(petition.press_due_at)  # the newspaper's clock waits for the unit's answer
        told = Notification.objects.get(recipient=self.liaison_a, verb="petition.forwarded", target_id=str(petition.pk))
        self.assertIn("chuyển kiến nghị", told.title)

    def test_the_form_refuses_missing_petitioner_and_a_future_day_in_vietnamese(self):
        self.login(self.chief)
        response = self.client.post(
            reverse("exchange:petition_new"),
            {
                "organization": self.unit_a.pk,
                "nature": "kien_nghi",
                "subject": "Thiếu người kiến nghị",
                "content": "…",
                "received_on": "2099-01-01",
                "press_policy": DeadlinePolicy.objects.get(code="bao-thong-tin-ket-qua").pk,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ngày tòa soạn nhận kiến nghị không được sau hôm nay.")
        self.assertContains(response, "Trường này là bắt buộc.")
        self.assertFalse(InfoRequest.objects.filter(subject="Thiếu người kiến nghị").exists())

    def test_due_date_skips_the_weekend_and_national_day(self):
        self.assertEqual(self.petition.due_at, DUE_15_WORKING_DAYS)
        self.login(self.chief)
        page = self.client.get(self.petition.get_absolute_url())
        self.assertContains(page, "21/09/2026 17:00")
        self.assertContains(page, "Hạn thông báo biện pháp xử lý")

    def test_a_reporter_may_not_forward_and_the_plain_list_shows_the_kind(self):
        self.login(self.reporter)
        self.assertEqual(self.client.get(reverse("exchange:petition_new")).status_code, 403)
        with self.assertRaises(PermissionDenied):
            services.petition_forward(
                actor=self.reporter,
                organization=self.unit_a,
                subject="x",
                content="x",
                nature="kien_nghi",
                petitioner_name="x",
            )
        self.login(self.chief)
        inbox = self.client.get(reverse("exchange:inbox"), {"muc": "de-nghi"})
        self.assertContains(inbox, "Kiến nghị do báo chí chuyển")
        self.assertContains(inbox, reverse("exchange:petition_new"))


class OverdueTests(PetitionTestCase):
    def test_past_the_limit_the_newsroom_is_told_it_may_forward_or_publish(self):
        later = DUE_15_WORKING_DAYS + dt.timedelta(hours=1)
        self.assertEqual(
            services.petition_deadline_notices(now=DUE_15_WORKING_DAYS - dt.timedelta(minutes=1)),
            {
                "petitions_overdue": 0,
                "press_overdue": 0,
            },
        )
        counts = services.petition_deadline_notices(now=later)
        self.assertEqual(counts["petitions_overdue"], 1)
        for person in (self.chief, self.desk):
            notice = Notification.objects.get(recipient=person, verb="petition.overdue")
            self.assertIn("có quyền chuyển kiến nghị đến cơ quan cấp cao hơn hoặc đăng, phát vấn đề đó", notice.body)
            self.assertIn("khoản 3 Điều 18 Nghị định 237/2026/NĐ-CP", notice.body)
        leader = Notification.objects.get(recipient=self.leader_a, verb="petition.overdue")
        self.assertNotIn("có quyền", leader.body)
        # Told once; and not a second time by the requests' escalation.
        self.assertEqual(services.petition_deadline_notices(now=later)["petitions_overdue"], 0)
        self.assertEqual(services.send_reminders_and_escalations(now=later)["escalated"], 0)
        with time_machine.travel(later, tick=False):
            self.login(self.chief)
            page = self.client.get(self.petition.get_absolute_url())
        self.assertContains(page, 'id="quyen-cua-bao"')
        self.assertContains(page, "Tòa soạn có quyền chuyển kiến nghị đến cơ quan cấp cao hơn")

    def test_the_scheduled_tick_runs_the_notices(self):
        from phoihop.exchange import tasks

        with time_machine.travel(DUE_15_WORKING_DAYS + dt.timedelta(days=1), tick=False):
            tasks.petitions_tick.call()
        self.assertTrue(Notification.objects.filter(recipient=self.desk, verb="petition.overdue").exists())


class PressClockTests(PetitionTestCase):
    ANSWERED = dt.datetime(2026, 9, 10, 15, 0, tzinfo=HANOI)  # Thursday, before the unit's limit
    # 10 working days from Thu 10/09 15:00: 11/09, 14–18/09, 21–24/09 → end of Thursday 24/09.
    PRESS_DUE = dt.datetime(2026, 9, 24, 17, 0, tzinfo=HANOI)

    def test_the_answer_starts_the_newspapers_clock_with_its_policy_version(self):
        petition = self.answer(self.ANSWERED)
        self.assertEqual(petition.status, InfoRequest.Status.ANSWERED)
        self.assertEqual(petition.press_policy.code, "bao-thong-tin-ket-qua")
        self.assertEqual(petition.press_policy_version.citation, "khoản 5 Điều 18 Nghị định 237/2026/NĐ-CP")
        self.assertEqual(petition.press_due_at, self.PRESS_DUE)
        told = Notification.objects.get(recipient=self.chief, verb="info_request.answered")
        self.assertIn("trước 24/09/2026 17:00", told.body)
        for person in (self.chief, self.liaison_a):  # shown on both sides
            self.login(person)
            page = self.client.get(petition.get_absolute_url())
            self.assertContains(page, 'id="han-bao-ket-qua"')
            self.assertContains(page, "24/09/2026 17:00")
            self.assertContains(page, "10 ngày làm việc — khoản 5 Điều 18 Nghị định 237/2026/NĐ-CP")

    def test_a_later_version_does_not_rewrite_a_running_clock(self):
        petition = self.answer(self.ANSWERED)
        version = petition.press_policy_version
        DeadlinePolicyVersion.objects.create(
            policy=petition.press_policy,
            valid_from=dt.date(2027, 1, 1),
            amount=5,
            unit="working_days",
            instrument=LegalInstrument.objects.get(code="nd-237-2026"),
            article="18",
            clause="5",
            summary="Thử: thời hạn mới.",
        )
        petition.refresh_from_db()
        self.assertEqual(petition.press_policy_version, version)
        self.assertEqual(petition.press_due_at, self.PRESS_DUE)

    def test_a_weekly_paper_gets_its_own_15_working_days(self):
        with time_machine.travel(FRIDAY_BEFORE_NATIONAL_DAY, tick=False):
            weekly = services.petition_forward(
                actor=self.chief,
                organization=self.unit_a,
                subject="Kiến nghị gửi báo tuần",
                content="Nội dung.",
                nature=InfoRequest.PetitionNature.PETITION,
                petitioner_name="Phan Văn Bảy",
                press_policy=DeadlinePolicy.objects.get(code="bao-thong-tin-ket-qua-bao-tuan"),
            )
        with time_machine.travel(self.ANSWERED, tick=False):
            services.info_request_answer(
                actor=self.liaison_a, request=weekly, outcome=InfoRequest.Status.ANSWERED, answer="Đã xử lý."
            )
        weekly.refresh_from_db()
        self.assertEqual(weekly.press_policy_version.duration_label, "15 ngày làm việc")
        # 15 working days from Thu 10/09 15:00: … 24/09 is the 10th, 01/10 the 15th.
        self.assertEqual(weekly.press_due_at, dt.datetime(2026, 10, 1, 17, 0, tzinfo=HANOI))

    def test_a_petition_is_answered_by_a_notice_of_measures_not_a_refusal(self):
        with self.assertRaisesMessage(ValidationError, "Kiến nghị được trả lời bằng thông báo biện pháp xử lý."):
            services.info_request_answer(
                actor=self.liaison_a,
                request=self.petition,
                outcome=InfoRequest.Status.REFUSED,
                refusal_ground=None,
            )
        self.login(self.liaison_a)
        form = self.client.get(reverse("exchange:request_answer", args=[self.petition.pk]))
        self.assertContains(form, "Biện pháp xử lý")
        self.assertNotContains(form, "Căn cứ từ chối")

    def test_recording_late_is_flagged_and_the_list_filters_follow(self):
        self.answer(self.ANSWERED)
        after = self.PRESS_DUE + dt.timedelta(days=2)
        self.login(self.chief)
        with time_machine.travel(after, tick=False):
            overdue = self.client.get(reverse("exchange:inbox"), {"muc": "de-nghi", "petition": "press_overdue"})
            self.assertContains(overdue, self.petition.subject)
            self.assertContains(overdue, "Tòa soạn quá hạn")
            self.assertEqual(services.petition_deadline_notices()["press_overdue"], 1)
            self.assertTrue(Notification.objects.filter(recipient=self.desk, verb="petition.press_overdue").exists())
            running = self.client.get(reverse("exchange:inbox"), {"muc": "de-nghi", "petition": "press"})
            self.assertNotContains(running, self.petition.subject)
            missing_url = self.client.post(
                reverse("exchange:petition_informed", args=[self.petition.pk]), {"method": "dang_phat"}, follow=True
            )
            self.assertContains(missing_url, "Đăng, phát trên báo: cần đường dẫn bài đã đăng.")
            response = self.client.post(
                reverse("exchange:petition_informed", args=[self.petition.pk]),
                {"method": "dang_phat", "article_url": "https://bao.example.vn/duong-thon-dong", "note": "CV 15/TS"},
            )
            self.assertEqual(response.status_code, 302)
            self.petition.refresh_from_db()
            self.assertEqual(self.petition.press_clock_status, "late")
            done = self.client.get(reverse("exchange:inbox"), {"muc": "de-nghi", "petition": "done"})
            self.assertContains(done, self.petition.subject)
            self.assertContains(done, "Báo kết quả muộn")
            self.login(self.liaison_a)
            page = self.client.get(self.petition.get_absolute_url())
        self.assertContains(page, "https://bao.example.vn/duong-thon-dong")
        self.assertContains(page, "Báo kết quả muộn")
        self.assertNotContains(page, "CV 15/TS")  # the newsroom's note stays with the newsroom
        self.assertTrue(Notification.objects.filter(recipient=self.liaison_a, verb="petition.informed").exists())

    def test_the_unit_may_not_record_the_newspapers_duty(self):
        self.answer(self.ANSWERED)
        self.login(self.liaison_a)
        response = self.client.post(
            reverse("exchange:petition_informed", args=[self.petition.pk]), {"method": "van_ban"}
        )
        self.assertEqual(response.status_code, 403)
        self.petition.refresh_from_db()
        self.assertIsNone(self.petition.press_informed_at)


class PrivacyAndAccessTests(PetitionTestCase):
    def test_an_outsider_gets_404(self):
        self.login(self.liaison_b)
        self.assertEqual(self.client.get(self.petition.get_absolute_url()).status_code, 404)
        self.assertEqual(
            self.client.post(reverse("exchange:petition_informed", args=[self.petition.pk]), {}).status_code, 404
        )
        self.assertEqual(self.client.get(reverse("exchange:request_answer", args=[self.petition.pk])).status_code, 404)

    def test_the_unit_never_sees_the_petitioners_name_or_contact(self):
        self.login(self.liaison_a)
        page = self.client.get(self.petition.get_absolute_url())
        self.assertContains(page, "Tòa soạn giữ thông tin người kiến nghị.")
        self.assertNotContains(page, NAME)
        self.assertNotContains(page, "0912 345 678")
        for notice in Notification.objects.filter(recipient__in=[self.liaison_a, self.leader_a]):
            self.assertNotIn(NAME, notice.title + notice.body)
            self.assertNotIn("0912 345 678", notice.body)
        self.login(self.chief)
        page = self.client.get(self.petition.get_absolute_url())
        self.assertContains(page, NAME)
        self.assertContains(page, "0912 345 678")
        self.assertContains(page, "chỉ tòa soạn biết")

    def test_the_newsroom_may_disclose_later_once_and_only_the_newsroom(self):
        url = reverse("exchange:petition_disclose", args=[self.petition.pk])
        self.login(self.liaison_a)
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.chief)
        self.assertContains(self.client.get(self.petition.get_absolute_url()), url)
        self.assertEqual(self.client.post(url).status_code, 302)
        self.petition.refresh_from_db()
        self.assertTrue(self.petition.petitioner_disclosed)
        self.assertNotContains(self.client.get(self.petition.get_absolute_url()), url)  # one way
        told = Notification.objects.get(recipient=self.liaison_a, verb="petition.petitioner_disclosed")
        self.assertIn(NAME, told.body)
        self.login(self.liaison_a)
        self.assertContains(self.client.get(self.petition.get_absolute_url()), NAME)

    def test_the_unit_sees_the_petitioner_when_the_newsroom_chose_so(self):
        with time_machine.travel(FRIDAY_BEFORE_NATIONAL_DAY, tick=False):
            open_one = services.petition_forward(
                actor=self.chief,
                organization=self.unit_a,
                subject="Đèn đường hỏng",
                content="Đèn đường thôn Tây hỏng hai tháng.",
                nature=InfoRequest.PetitionNature.OPINION,
                petitioner_name="Lê Văn Sáu",
                petitioner_contact="0903 222 333",
                petitioner_disclosed=True,
            )
        self.login(self.liaison_a)
        page = self.client.get(open_one.get_absolute_url())
        self.assertContains(page, "Lê Văn Sáu")
        self.assertContains(page, "0903 222 333")
        told = Notification.objects.get(recipient=self.liaison_a, target_id=str(open_one.pk), verb="petition.forwarded")
        self.assertIn("Lê Văn Sáu", told.body)


class DemoPetitionTests(TestCase):
    """The demo story's two petitions: one answered (the newspaper's clock runs), one overdue."""

    @classmethod
    def setUpTestData(cls):
        from phoihop.demo import story

        cls.tmp = Path(tempfile.mkdtemp())
        story.load(logins_path=cls.tmp / "logins.json")

    def test_one_answered_with_the_press_clock_running_and_one_overdue_told(self):
        from django.contrib.auth import get_user_model

        petitions = InfoRequest.objects.petitions()
        self.assertEqual(petitions.count(), 2)
        running = petitions.get(status=InfoRequest.Status.ANSWERED)
        self.assertEqual(running.press_clock_status, "running")
        self.assertEqual(running.press_policy_version.citation, "khoản 5 Điều 18 Nghị định 237/2026/NĐ-CP")
        overdue = petitions.get(status=InfoRequest.Status.SENT)
        self.assertTrue(overdue.is_overdue)
        desk = get_user_model().objects.get(username="bientapvien")
        self.assertTrue(Notification.objects.filter(recipient=desk, verb="petition.overdue").exists())
        self.client.force_login(get_user_model().objects.get(username="daumoixa"))
        page = self.client.get(overdue.get_absolute_url())
        self.assertNotContains(page, overdue.petitioner_name)
        self.assertContains(page, "Tòa soạn giữ thông tin người kiến nghị.")
