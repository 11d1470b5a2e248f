"""Nobody is shown an action they cannot take (#12 item 5): each button comes from the access
predicate its view applies, and a refused action answers a Vietnamese page, never a bare 403."""

from __future__ import annotations

from django.urls import reverse

from phoihop.accounts.models import Role
from phoihop.exchange import access, services
from phoihop.exchange.tests.base import ExchangeTestCase

ANSWER_BUTTON = "Trả lời đề nghị</a>"
REFUSED_PAGE = "Bạn không có quyền thực hiện thao tác này"
TRIAGE_BUTTONS = {
    "tiep-nhan": ">Tiếp nhận</button>",
    "dang-xu-ly": ">Đang xử lý</button>",
    "da-dang": ">Đánh dấu đã đăng</button>",
    "khong-su-dung": ">Không sử dụng</button>",
    "giao-viec": ">Giao việc</a>",
}


class ActionButtonTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = cls.make_user("btv", "Đỗ Quang Huy", cls.press, Role.EDITOR)
        cls.request = services.info_request_create(
            actor=cls.chief,
            organization=cls.unit_a,
            subject="Tiến độ giải phóng mặt bằng",
            questions="Xin cho biết tiến độ?",
            policy=cls.policy,
        )
        cls.submission = services.submission_create(
            actor=cls.liaison_a, organization=cls.unit_a, title="Lịch tiếp công dân", body="Chi tiết."
        )

    def assert_refused(self, response, reason=""):
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, REFUSED_PAGE, status_code=403)
        self.assertContains(response, '<html lang="vi"', status_code=403)
        if reason:
            self.assertContains(response, reason, status_code=403)

    def test_the_answer_button_is_shown_exactly_to_those_whose_answer_the_view_takes(self):
        url = reverse("exchange:request_answer", args=[self.request.pk])
        for user in (self.chief, self.editor, self.reporter, self.leader_a, self.liaison_a, self.staff_a):
            with self.subTest(user.username):
                self.login(user)
                page = self.client.get(self.request.get_absolute_url())
                shown = ANSWER_BUTTON in page.content.decode()
                self.assertEqual(shown, access.can_answer(user, self.request))
                form = self.client.get(url)
                if shown:
                    self.assertEqual(form.status_code, 200)
                else:
                    self.assert_refused(form)
        self.assertFalse(access.can_answer(self.chief, self.request))  # the newsroom asks, never answers
        self.login(self.chief)
        self.assert_refused(self.client.get(url), "đơn vị được đề nghị mới trả lời được")

    def test_an_answered_request_offers_no_answer_and_says_why(self):
        services.info_request_answer(actor=self.liaison_a, request=self.request, outcome="answered", answer="Xong.")
        self.request.refresh_from_db()
        self.login(self.liaison_a)
        self.assertNotContains(self.client.get(self.request.get_absolute_url()), ANSWER_BUTTON)
        self.assert_refused(
            self.client.get(reverse("exchange:request_answer", args=[self.request.pk])), "đã được trả lời"
        )

    def test_triage_buttons_follow_the_role_and_the_status(self):
        for user in (self.reporter, self.liaison_a, self.leader_a, self.staff_a):
            with self.subTest(user.username):
                self.login(user)
                html = self.client.get(self.submission.get_absolute_url()).content.decode()
                self.assertFalse([a for a, button in TRIAGE_BUTTONS.items() if button in html])
                post = self.client.post(reverse("exchange:submission_action", args=[self.submission.pk, "tiep-nhan"]))
                self.assert_refused(post)
        self.login(self.editor)
        html = self.client.get(self.submission.get_absolute_url()).content.decode()
        shown = {action for action, button in TRIAGE_BUTTONS.items() if button in html}
        self.assertEqual(shown, {"tiep-nhan", "dang-xu-ly", "khong-su-dung", "giao-viec"})  # not yet "đã đăng"
        self.assertEqual(shown, access.submission_actions(self.editor, self.submission))
        self.client.post(reverse("exchange:submission_action", args=[self.submission.pk, "tiep-nhan"]))
        html = self.client.get(self.submission.get_absolute_url()).content.decode()
        shown = {action for action, button in TRIAGE_BUTTONS.items() if button in html}
        self.assertEqual(shown, {"dang-xu-ly", "da-dang", "khong-su-dung", "giao-viec"})
        services.submission_reject(actor=self.editor, submission=self.submission, reason="Trùng lặp")
        html = self.client.get(self.submission.get_absolute_url()).content.decode()
        self.assertFalse([a for a, button in TRIAGE_BUTTONS.items() if button in html])

    def test_an_unknown_action_is_a_vietnamese_404(self):
        self.login(self.editor)
        response = self.client.post(reverse("exchange:submission_action", args=[self.submission.pk, "xoa"]))
        self.assertContains(response, "Không tìm thấy trang", status_code=404)
        response = self.client.post(reverse("exchange:message_new", args=["khac", self.submission.pk]), {"body": "x"})
        self.assertEqual(response.status_code, 404)

    def test_the_message_form_only_for_those_who_may_post(self):
        for user, may in ((self.staff_a, False), (self.liaison_a, True), (self.reporter, True)):
            with self.subTest(user.username):
                self.login(user)
                html = self.client.get(self.request.get_absolute_url()).content.decode()
                self.assertEqual(">Gửi tin nhắn</button>" in html, may)
                self.assertEqual(access.can_post(user, self.request), may)
        self.login(self.staff_a)
        self.assert_refused(
            self.client.post(reverse("exchange:message_new", args=["de-nghi", self.request.pk]), {"body": "x"}),
            "không được gửi tin nhắn",
        )

    def test_send_and_request_buttons_in_the_inbox(self):
        cases = [
            (self.liaison_a, True, False),
            (self.staff_a, False, False),
            (self.reporter, False, False),
            (self.editor, True, True),
        ]
        for user, sends, requests in cases:
            with self.subTest(user.username):
                self.login(user)
                html = self.client.get(reverse("exchange:inbox")).content.decode()
                self.assertEqual(reverse("exchange:submission_new") in html, sends)
                self.assertEqual(reverse("exchange:request_new") in html, requests)
                new = self.client.get(reverse("exchange:submission_new"))
                self.assertEqual(new.status_code, 200 if sends else 403)
                ask = self.client.get(reverse("exchange:request_new"))
                self.assertEqual(ask.status_code, 200 if requests else 403)
                if not requests:
                    self.assert_refused(ask, "Chỉ biên tập viên và lãnh đạo tòa soạn")

    def test_a_stale_form_answers_a_vietnamese_page(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.liaison_a)
        response = client.post(reverse("exchange:message_new", args=["de-nghi", self.request.pk]), {"body": "x"})
        self.assertContains(response, "Không gửi được biểu mẫu", status_code=403)
