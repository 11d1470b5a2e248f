"""The public side: the tip form and its defences, the list of verdicts at /kiem-chung/."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from PIL import ImageFile

from phoihop.exchange.tests.files import huge_png
from phoihop.factcheck import spam
from phoihop.factcheck.models import Domain, Tip
from phoihop.factcheck.tests.base import RUMOUR, FactcheckTestCase, big_file, pdf_as_image, png_file

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = dt.datetime(2026, 11, 24, 20, 0, tzinfo=HANOI)
URL = "/kiem-chung/gui-phan-anh/"


class PublicTipFormTests(FactcheckTestCase):
    def setUp(self) -> None:
        cache.clear()

    def post(self, *, ip: str = "203.0.113.7", started: str | None = None, **fields: Any) -> Any:
        data = {
            "suspect_url": "facebook.com/groups/cudan/posts/123",
            "description": RUMOUR,
            "domain": str(self.domain.pk),
            "contact_email": "ban.doc@example.vn",
            "started": started if started is not None else spam.form_stamp(),
            **fields,
        }
        return self.client.post(URL, data, REMOTE_ADDR=ip, **{k: v for k, v in fields.items() if k.startswith("HTTP_")})

    def test_the_form_lists_the_eight_domains_and_a_stamp(self):
        page = self.client.get(URL)
        self.assertContains(page, "Gửi phản ánh thông tin nghi vấn")
        for name in ["Chính sách, pháp luật", "An ninh quốc gia, trật tự an toàn xã hội", "Đường link lừa đảo", "Khác"]:
            self.assertContains(page, name)
        self.assertEqual(Domain.objects.filter(is_active=True).count(), 8)
        self.assertContains(page, 'name="started"')

    @override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
    def test_a_tip_with_a_screenshot_is_stored_clean_and_acknowledged(self):
        response = self.post(screenshot=png_file(), description="Tho\u0302ng ba\u0301o gia\u309a " + RUMOUR)
        self.assertRedirects(response, reverse("factcheck:tip_sent"))
        tip = Tip.objects.get()
        self.assertEqual(tip.source, Tip.Source.PUBLIC)
        self.assertEqual(tip.suspect_url, "https://facebook.com/groups/cudan/posts/123")
        self.assertTrue(tip.description.startswith("Thông báo"))  # NFC
        self.assertEqual(tip.screenshot_mime, "image/png")
        self.assertContains(self.client.get(reverse("factcheck:tip_sent")), tip.reference)

    @override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
    def test_script_tags_and_event_handlers_are_stored_as_text_and_shown_inert(self):
        hostile = '<script>alert("xss")</script><img src=x onerror="alert(1)"> Tin đồn phạt tiền'
        self.post(description=hostile)
        tip = Tip.objects.get()
        self.assertIn("<script>", tip.description)  # kept as the reader wrote it
        self.login(self.chief)
        page = self.client.get(tip.get_absolute_url())
        self.assertNotContains(page, "<script>alert")
        self.assertNotContains(page, "<img src=x")
        self.assertContains(page, "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=")
        listing = self.client.get(reverse("factcheck_workspace:home"))
        self.assertNotContains(listing, "<script>alert")

    @override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
    def test_the_sixth_tip_from_one_address_within_a_minute_is_refused(self):
        with time_machine.travel(T0, tick=False) as clock:
            for n in range(5):
                self.assertEqual(self.post(description=f"Tin đồn số {n} về phạt tiền").status_code, 302)
                clock.shift(dt.timedelta(seconds=10))
            refused = self.post(description="Tin đồn số sáu")
            self.assertEqual(refused.status_code, 429)
            self.assertContains(refused, "Bạn đã gửi nhiều phản ánh trong thời gian ngắn", status_code=429)
            self.assertEqual(self.post(ip="198.51.100.9", description="Người khác gửi").status_code, 302)
            clock.shift(dt.timedelta(seconds=20))  # the minute has passed
            self.assertEqual(self.post(description="Tin đồn số bảy").status_code, 302)
        self.assertEqual(Tip.objects.count(), 7)

    @override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0, PHOIHOP_FACTCHECK_TIPS_PER_WINDOW=2)
    def test_the_limit_is_configurable_and_forwarded_for_is_trusted_only_behind_our_proxy(self):
        for _ in range(2):
            self.post(HTTP_X_FORWARDED_FOR="10.0.0.1")
        # Without a trusted proxy, a client changing X-Forwarded-For is still the same address.
        self.assertEqual(self.post(HTTP_X_FORWARDED_FOR="10.0.0.2").status_code, 429)
        with override_settings(PHOIHOP_TRUSTED_PROXY_COUNT=1):
            self.assertEqual(self.post(ip="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.10").status_code, 302)
            self.assertEqual(self.post(ip="127.0.0.1", HTTP_X_FORWARDED_FOR="5.6.7.8, 192.0.2.11").status_code, 302)

    @override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
    def test_a_20_mb_screenshot_is_refused_with_a_clear_message(self):
        response = self.post(screenshot=big_file(megabytes=20))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ảnh chụp màn hình quá lớn (20,0\xa0MB). Vui lòng gửi ảnh không quá 5,0\xa0MB.")
        self.assertFalse(Tip.objects.exists())

    @override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
    def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(self):
        response = self.post(screenshot=pdf_as_image())
        self.assertContains(response, "Tệp gửi kèm không phải ảnh. Ảnh chụp màn hình phải là tệp JPEG, PNG hoặc WebP")
        self.assertFalse(Tip.objects.exists())

    @override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
    def test_a_13000_px_png_is_refused_from_its_header_without_decoding_and_the_text_is_kept(self):
        screenshot = huge_png()  # about 500 KB: under the byte limit, 169 Mpx declared
        with mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError("decoded")) as load:
            response = self.post(screenshot=screenshot, description="Tin đồn về ảnh rất lớn " + RUMOUR)
        load.assert_not_called()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "quá lớn (169 megapixel); tối đa 50 megapixel")
        self.assertContains(response, "Tin đồn về ảnh rất lớn")  # what the reader typed is still there
        self.assertFalse(Tip.objects.exists())

    @override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
    def test_the_screenshot_is_not_parsed_when_a_cheap_check_already_failed(self):
        links = " ".join(f"https://spam.example/{n}" for n in range(20))
        with mock.patch("phoihop.factcheck.forms.check_screenshot") as parse:
            response = self.post(screenshot=png_file(), description=links)
        parse.assert_not_called()
        self.assertContains(response, "Mô tả có quá nhiều đường dẫn")
        self.assertFalse(Tip.objects.exists())

    def test_the_honeypot_pretends_success_and_stores_nothing(self):
        response = self.post(website="http://spam.example")
        self.assertRedirects(response, reverse("factcheck:tip_sent"))
        self.assertFalse(Tip.objects.exists())

    def test_a_form_sent_too_fast_or_with_a_forged_stamp_is_refused(self):
        with time_machine.travel(T0, tick=False) as clock:
            stamp = spam.form_stamp()
            clock.shift(dt.timedelta(seconds=1))
            self.assertContains(self.post(started=stamp), "Biểu mẫu được gửi quá nhanh", status_code=400)
            self.assertContains(self.post(started="1700000000.0"), "Biểu mẫu đã hết hạn", status_code=400)
            clock.shift(dt.timedelta(seconds=5))
            self.assertEqual(self.post(started=stamp).status_code, 302)

    @override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
    def test_too_many_links_in_the_description_are_refused(self):
        links = " ".join(f"https://lua-dao.example/{n}" for n in range(4))
        response = self.post(description="Xem các link: " + links)
        self.assertContains(response, "Mô tả có quá nhiều đường dẫn (tối đa 3)")
        self.assertFalse(Tip.objects.exists())
