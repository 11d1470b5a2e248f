from django.core import mail
from django.urls import reverse

from phoihop.testing import PASSWORD, PersonaTestCase


class LoginTests(PersonaTestCase):
    def test_login_page_is_vietnamese_and_login_works(self):
        page = self.client.get(reverse("accounts:login"))
        self.assertContains(page, "Đăng nhập")
        self.assertContains(page, "Quên mật khẩu?")
        response = self.client.post(reverse("accounts:login"), {"username": "dm_a", "password": PASSWORD})
        self.assertEqual(response.status_code, 302)
        self.assertContains(self.client.get(reverse("accounts:me")), "UBND xã An Khánh")

    def test_wrong_password_gets_a_vietnamese_message(self):
        response = self.client.post(reverse("accounts:login"), {"username": "dm_a", "password": "sai"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác")

    def test_logout_needs_post_and_ends_the_session(self):
        self.login(self.liaison_a)
        response = self.client.post(reverse("accounts:logout"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get(reverse("accounts:me")).status_code, 302)

    def test_password_change(self):
        self.login(self.liaison_a)
        response = self.client.post(
            reverse("accounts:password_change"),
            {"old_password": PASSWORD, "new_password1": "Mat-khau-moi-2026!", "new_password2": "Mat-khau-moi-2026!"},
        )
        self.assertRedirects(response, reverse("accounts:password_change_done"))
        self.liaison_a.refresh_from_db()
        self.assertTrue(self.liaison_a.check_password("Mat-khau-moi-2026!"))

    def test_password_reset_sends_a_vietnamese_mail_with_a_working_link(self):
        response = self.client.post(reverse("accounts:password_reset"), {"email": "dm_a@example.vn"})
        self.assertRedirects(response, reverse("accounts:password_reset_done"))
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertIn("Đặt lại mật khẩu", message.subject)
        link = next(line for line in message.body.splitlines() if "/tai-khoan/dat-lai-mat-khau/" in line)
        path = link.split("testserver", 1)[1]
        form = self.client.get(path, follow=True)
        self.assertContains(form, "Đặt mật khẩu mới")


class AdminLogoutTests(PersonaTestCase):
    """A GET to /admin/logout/ (any page's <img src>) answered 405 yet ended the session (#22, item 7)."""

    def test_get_neither_signs_out_nor_drops_the_cookie(self):
        self.login(self.chief)
        response = self.client.get("/admin/logout/")
        self.assertEqual(response.status_code, 405)
        self.assertNotIn("sessionid", response.cookies)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_post_signs_out(self):
        self.login(self.chief)
        response = self.client.post("/admin/logout/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/admin/").status_code, 302)
