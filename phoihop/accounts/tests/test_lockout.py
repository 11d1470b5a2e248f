"""Guessing passwords (#22, item 5): 30 wrong passwords, then the right one, used to sign in on both
forms. Now a login is locked from an address after AXES_FAILURE_LIMIT failures, with the same
Vietnamese answers whether the login exists or not, and an administrator can unlock it."""

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from phoihop.testing import PASSWORD, PersonaTestCase

WORKSPACE_LOGIN = "/tai-khoan/dang-nhap/"
ADMIN_LOGIN = "/admin/login/"
WRONG = "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác"
LOCKED = "Tạm khóa đăng nhập"


class LockoutTests(PersonaTestCase):
    def sign_in(self, url, username, password, address="10.0.0.1", **extra):
        return self.client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)

    def assert_signed_in(self, expected):
        response = self.client.get(reverse("accounts:me"))
        self.assertEqual(response.status_code == 200, expected)

    def guess(self, url, username, times=30, **extra):
        return [self.sign_in(url, username, f"sai-{n}", **extra) for n in range(times)]

    def test_thirty_wrong_passwords_lock_the_workspace_login_and_the_right_one_is_refused(self):
        answers = self.guess(WORKSPACE_LOGIN, "dm_a")
        limit = settings.AXES_FAILURE_LIMIT
        for answer in answers[: limit - 1]:
            self.assertContains(answer, WRONG)
        for answer in answers[limit:]:
            self.assertContains(answer, LOCKED, status_code=429)
            self.assertContains(answer, "phút", status_code=429)
        right = self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD)
        self.assertContains(right, LOCKED, status_code=429)
        self.assert_signed_in(False)

    def test_thirty_wrong_passwords_lock_the_wagtail_admin_login_and_the_right_one_is_refused(self):
        answers = self.guess(ADMIN_LOGIN, "tbt")
        self.assertEqual(answers[0].status_code, 200)
        self.assertContains(answers[0], WRONG)  # Vietnamese, and the workspace's words
        self.assertContains(answers[-1], LOCKED, status_code=429)
        right = self.sign_in(ADMIN_LOGIN, "tbt", PASSWORD)
        self.assertEqual(right.status_code, 429)
        self.assertEqual(self.client.get("/admin/").status_code, 302)  # still the sign-in page

    def test_the_lock_is_per_login_and_address(self):
        self.guess(WORKSPACE_LOGIN, "dm_a", times=settings.AXES_FAILURE_LIMIT)
        self.assertEqual(self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD).status_code, 429)
        # Another person at the same address, and the same person elsewhere, still sign in.
        self.assertEqual(self.sign_in(WORKSPACE_LOGIN, "cb_a", PASSWORD).status_code, 302)
        self.client.logout()
        self.assertEqual(self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD, address="10.0.0.2").status_code, 302)

    def test_a_forged_forwarded_for_header_does_not_escape_the_lock(self):
        self.guess(WORKSPACE_LOGIN, "dm_a", times=settings.AXES_FAILURE_LIMIT)
        answer = self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
        self.assertEqual(answer.status_code, 429)

    @override_settings(PHOIHOP_TRUSTED_PROXY_COUNT=1)
    def test_behind_our_proxy_the_address_it_saw_counts(self):
        self.guess(WORKSPACE_LOGIN, "dm_a", times=settings.AXES_FAILURE_LIMIT, HTTP_X_FORWARDED_FOR="203.0.113.9")
        self.assertEqual(
            self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9").status_code,
            429,
        )
        self.assertEqual(
            self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code, 302
        )

    def test_unknown_logins_get_the_same_answers(self):
        known = self.guess(WORKSPACE_LOGIN, "dm_a", times=settings.AXES_FAILURE_LIMIT + 1)
        unknown = self.guess(WORKSPACE_LOGIN, "khong-ton-tai", times=settings.AXES_FAILURE_LIMIT + 1)
        for a, b in zip(known, unknown, strict=True):
            self.assertEqual(a.status_code, b.status_code)
        self.assertContains(unknown[0], WRONG)
        self.assertContains(unknown[-1], LOCKED, status_code=429)
        admin_unknown = self.sign_in(ADMIN_LOGIN, "khong-co-ai", "sai")
        admin_known = self.sign_in(ADMIN_LOGIN, "pv", "sai")
        self.assertContains(admin_unknown, WRONG)
        self.assertContains(admin_known, WRONG)

    def test_an_administrator_unlocks_a_login(self):
        self.guess(WORKSPACE_LOGIN, "dm_a", times=settings.AXES_FAILURE_LIMIT)
        self.assertEqual(self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD).status_code, 429)
        call_command("axes_reset_username", "dm_a", verbosity=0)
        self.assertEqual(self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD).status_code, 302)
        self.assert_signed_in(True)

    def test_a_success_before_the_limit_clears_the_failures(self):
        self.guess(WORKSPACE_LOGIN, "dm_a", times=settings.AXES_FAILURE_LIMIT - 1)
        self.assertEqual(self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD).status_code, 302)
        self.client.logout()
        self.guess(WORKSPACE_LOGIN, "dm_a", times=settings.AXES_FAILURE_LIMIT - 1)
        self.assertEqual(self.sign_in(WORKSPACE_LOGIN, "dm_a", PASSWORD).status_code, 302)
