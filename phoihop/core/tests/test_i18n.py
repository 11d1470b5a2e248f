from django.test import TestCase, override_settings
from django.utils import translation


class LanguageTests(TestCase):
    def test_vietnamese_by_default_and_english_on_request(self):
        # The locale middleware leaves the request's language active in this thread; later tests
        # that build forms outside a request must start from the default again.
        self.addCleanup(translation.deactivate)
        response = self.client.get("/tai-khoan/dang-nhap/")
        self.assertContains(response, '<html lang="vi">')
        self.assertContains(response, "Quên mật khẩu?")
        english = self.client.get("/tai-khoan/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(english, '<html lang="en">')
        with translation.override("en"):
            self.assertNotIn("Quên mật khẩu?", english.content.decode())

    @override_settings(LANGUAGE_CODE="vi")
    def test_dates_read_the_vietnamese_way_in_both_languages(self):
        import datetime as dt
        from zoneinfo import ZoneInfo

        from django.utils.formats import date_format

        moment = dt.datetime(2024, 11, 21, 19, 41, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        for language in ("vi", "en"):
            with translation.override(language):
                self.assertEqual(date_format(moment, "SHORT_DATETIME_FORMAT"), "21/11/2024 19:41")
