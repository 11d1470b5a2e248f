"""Two-factor sign-in (#22, item 5): setting up an authenticator, the second step at sign-in on the
workspace and the Wagtail admin, recovery codes (single use), and who must have it."""

import datetime as dt
import re

import time_machine
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from phoihop.accounts import two_factor
from phoihop.audit.models import AuditEvent
from phoihop.testing import PASSWORD, PersonaTestCase

LOGIN = "/tai-khoan/dang-nhap/"
VERIFY = "/tai-khoan/xac-thuc/"
SETUP = "/tai-khoan/xac-thuc-hai-buoc/"
INBOX = "/phoi-hop/"


def code_for(device, at=None):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = (at or timezone.now()).timestamp()
    return f"{totp.token():06d}"


class TwoFactorTestCase(PersonaTestCase):
    def setUp(self):
        self.clock = time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
        self.clock.start()
        self.addCleanup(self.clock.stop)

    def later(self, seconds=60):
        """Each authenticator code is accepted once: the next use is in a later 30-second step."""
        now = timezone.now() + dt.timedelta(seconds=seconds)
        self.clock.stop()
        self.clock = time_machine.travel(now, tick=False)
        self.clock.start()

    def enrol(self, user):
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        codes = two_factor.recovery_codes_renew(user=user)
        return device, codes

    def sign_in(self, user, url=LOGIN, **data):
        return self.client.post(url, {"username": user.username, "password": PASSWORD, **data})


class SetupTests(TwoFactorTestCase):
    def test_setup_shows_a_qr_code_confirms_a_code_and_shows_ten_recovery_codes_once(self):
        self.login(self.liaison_a)
        page = self.client.get(SETUP)
        self.assertContains(page, "<svg")
        self.assertContains(page, "quét mã QR")
        device = TOTPDevice.objects.get(user=self.liaison_a, confirmed=False)
        secret = re.search(r"<code>([A-Z2-7]+)</code>", page.content.decode()).group(1)
        self.assertGreaterEqual(len(secret), 32)

        wrong = self.client.post(SETUP, {"code": "000000"})
        self.assertContains(wrong, "Mã không đúng")
        self.later()
        done = self.client.post(SETUP, {"code": code_for(device)})
        self.assertRedirects(
            done, reverse("accounts:two_factor_codes") + "?next=%2Ftai-khoan%2F", fetch_redirect_response=False
        )
        shown = self.client.get(done["Location"])
        codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown.content.decode())
        self.assertEqual(len(codes), 10)
        self.assertEqual(
            set(codes), set(StaticToken.objects.filter(device__user=self.liaison_a).values_list("token", flat=True))
        )
        again = self.client.get(done["Location"])
        self.assertNotContains(again, codes[0])
        self.assertContains(again, "chỉ hiện một lần")
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assertTrue(
            AuditEvent.objects.filter(verb="account.two_factor_enabled", target_id=str(self.liaison_a.pk)).exists()
        )
        self.assertContains(self.client.get(reverse("accounts:me")), "Xác thực hai bước: đang bật.")

    def test_the_account_page_offers_it(self):
        self.login(self.reporter)
        page = self.client.get(reverse("accounts:me"))
        self.assertContains(page, "Xác thực hai bước: chưa bật.")
        self.assertContains(page, f'href="{SETUP}"')

    def test_new_recovery_codes_replace_the_old_ones(self):
        device, old = self.enrol(self.liaison_a)
        self.sign_in(self.liaison_a)
        self.client.post(VERIFY, {"code": code_for(device)})
        renewed = self.client.post(SETUP, {"action": "renew"}, follow=True)
        new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", renewed.content.decode())
        self.assertEqual(len(new), 10)
        self.assertFalse(set(old) & set(new))

    def test_an_optional_second_factor_can_be_turned_off_a_required_one_cannot(self):
        device, _codes = self.enrol(self.liaison_a)
        self.sign_in(self.liaison_a)
        self.client.post(VERIFY, {"code": code_for(device)})
        self.client.post(SETUP, {"action": "remove"})
        self.assertFalse(two_factor.has_second_factor(self.liaison_a))
        self.client.post(reverse("accounts:logout"))
        with override_settings(PHOIHOP_REQUIRE_2FA=True):
            device, _codes = self.enrol(self.chief)
            self.later()
            self.sign_in(self.chief)
            self.client.post(VERIFY, {"code": code_for(device)})
            refused = self.client.post(SETUP, {"action": "remove"}, follow=True)
            self.assertContains(refused, "bắt buộc dùng xác thực hai bước")
            self.assertTrue(two_factor.has_second_factor(self.chief))

    def test_a_lost_phone_is_reset_by_a_command(self):
        self.enrol(self.liaison_a)
        call_command("two_factor_reset", "dm_a", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertFalse(two_factor.has_second_factor(self.liaison_a))
        self.assertTrue(AuditEvent.objects.filter(verb="account.two_factor_removed").exists())
        self.assertEqual(self.sign_in(self.liaison_a).status_code, 302)
        self.assertEqual(self.client.get(INBOX).status_code, 200)


class SecondStepTests(TwoFactorTestCase):
    def test_workspace_sign_in_asks_for_the_code_before_anything_else(self):
        device, _codes = self.enrol(self.liaison_a)
        self.assertEqual(self.sign_in(self.liaison_a, next=INBOX)["Location"], INBOX)
        blocked = self.client.get(INBOX)
        self.assertRedirects(blocked, VERIFY + "?next=%2Fphoi-hop%2F", fetch_redirect_response=False)
        self.assertEqual(self.client.get(reverse("accounts:me")).status_code, 302)
        page = self.client.get(blocked["Location"])
        self.assertContains(page, "Mã xác thực")
        wrong = self.client.post(VERIFY, {"code": "123456", "next": INBOX})
        self.assertContains(wrong, "Mã không đúng")
        self.later()
        right = self.client.post(VERIFY, {"code": code_for(device), "next": INBOX})
        self.assertRedirects(right, INBOX, fetch_redirect_response=False)
        self.assertEqual(self.client.get(INBOX).status_code, 200)

    def test_the_same_code_is_not_accepted_twice(self):
        device, _codes = self.enrol(self.liaison_a)
        code = code_for(device)
        self.sign_in(self.liaison_a)
        self.assertEqual(self.client.post(VERIFY, {"code": code}).status_code, 302)
        self.client.post(reverse("accounts:logout"))
        self.sign_in(self.liaison_a)
        self.assertContains(self.client.post(VERIFY, {"code": code}), "Mã không đúng")

    def test_wrong_codes_slow_the_next_tries_down(self):
        device, _codes = self.enrol(self.liaison_a)
        self.sign_in(self.liaison_a)
        self.client.post(VERIFY, {"code": "111111"})
        self.client.post(VERIFY, {"code": "222222"})
        slowed = self.client.post(VERIFY, {"code": code_for(device)})
        self.assertContains(slowed, "Hãy đợi một lát")
        self.later(10)
        self.assertEqual(self.client.post(VERIFY, {"code": code_for(device)}).status_code, 302)

    def test_a_recovery_code_signs_in_once(self):
        _device, codes = self.enrol(self.liaison_a)
        self.sign_in(self.liaison_a)
        used = self.client.post(VERIFY, {"code": codes[0].upper()[:4] + " " + codes[0][4:], "next": INBOX}, follow=True)
        self.assertContains(used, "còn 9 mã")
        self.assertEqual(self.client.get(INBOX).status_code, 200)
        self.assertTrue(AuditEvent.objects.filter(verb="account.recovery_code_used").exists())
        self.client.post(reverse("accounts:logout"))
        self.later()
        self.sign_in(self.liaison_a)
        self.assertContains(self.client.post(VERIFY, {"code": codes[0]}), "Mã không đúng")
        self.later(2)  # a wrong code holds every try back for a second
        self.assertEqual(self.client.post(VERIFY, {"code": codes[1]}).status_code, 302)

    def test_wagtail_admin_sign_in_asks_for_the_code_too(self):
        device, _codes = self.enrol(self.chief)
        answer = self.sign_in(self.chief, url="/admin/login/")
        self.assertEqual(answer.status_code, 302)
        admin = self.client.get("/admin/")
        self.assertRedirects(admin, VERIFY + "?next=%2Fadmin%2F", fetch_redirect_response=False)
        self.later()
        self.assertRedirects(
            self.client.post(VERIFY, {"code": code_for(device), "next": "/admin/"}),
            "/admin/",
            fetch_redirect_response=False,
        )
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_the_next_address_stays_on_this_site(self):
        device, _codes = self.enrol(self.liaison_a)
        self.sign_in(self.liaison_a)
        answer = self.client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
        self.assertEqual(answer["Location"], "/")


@override_settings(PHOIHOP_REQUIRE_2FA=True)
class RequiredTests(TwoFactorTestCase):
    def test_a_leader_is_sent_to_setup_before_anything_else(self):
        self.sign_in(self.chief)
        for path in (INBOX, "/admin/", reverse("accounts:me")):
            answer = self.client.get(path)
            self.assertEqual(answer.status_code, 302, path)
            self.assertTrue(answer["Location"].startswith(SETUP), answer["Location"])
        page = self.client.get(SETUP + "?next=/admin/")
        self.assertContains(page, "bắt buộc đăng nhập hai bước")
        device = TOTPDevice.objects.get(user=self.chief, confirmed=False)
        done = self.client.post(SETUP, {"code": code_for(device), "next": "/admin/"}, follow=True)
        self.assertContains(done, "Mã khôi phục")
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_who_must_have_it(self):
        admin_of_users = self.make_user("qt_nd", "Quản Trị Người Dùng")
        admin_of_users.user_permissions.add(Permission.objects.get(codename="change_user"))
        superuser = self.make_user("qt", "Quản Trị")
        superuser.is_superuser = True
        superuser.save()
        required = {
            u.username
            for u in (self.chief, self.reporter, self.leader_a, self.liaison_a, admin_of_users, superuser)
            if two_factor.required_for(type(u).objects.get(pk=u.pk))
        }
        self.assertEqual(required, {"tbt", "qt_nd", "qt"})

    def test_others_are_not_forced(self):
        self.sign_in(self.reporter)
        self.assertEqual(self.client.get(INBOX).status_code, 200)


class NotForcedTests(TwoFactorTestCase):
    """`make demo` runs with PHOIHOP_REQUIRE_2FA off (the test settings too)."""

    def test_a_leader_signs_in_with_the_password_alone_and_is_offered_the_second_factor(self):
        self.assertEqual(self.sign_in(self.chief).status_code, 302)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        page = self.client.get(reverse("accounts:me"))
        self.assertContains(page, "Bật xác thực hai bước")
        self.assertContains(page, "Nên bật")
