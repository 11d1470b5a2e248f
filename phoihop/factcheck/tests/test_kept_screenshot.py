"""The public tip form keeps a good screenshot when another field is wrong, and never a bad one."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from phoihop.core.models import StagedUpload
from phoihop.factcheck import spam
from phoihop.factcheck.models import Tip
from phoihop.factcheck.tests.base import RUMOUR, FactcheckTestCase, pdf_as_image, png_file

URL = "/kiem-chung/gui-phan-anh/"
TOKEN = re.compile(r'name="screenshot__kept" value="([^"]+)"')


@override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
class KeptScreenshotTests(FactcheckTestCase):
    def setUp(self) -> None:
        cache.clear()

    def data(self, **fields: object) -> dict[str, object]:
        return {"description": RUMOUR, "domain": str(self.domain.pk), "started": spam.form_stamp(), **fields}

    def test_the_screenshot_survives_a_bad_phone_number_and_is_stored_with_the_tip(self):
        response = self.client.post(URL, self.data(contact_phone="abc", screenshot=png_file()))
        self.assertContains(response, "Số điện thoại không hợp lệ.")
        self.assertContains(response, "Đã giữ: anh-chup.png")
        tokens = TOKEN.findall(response.content.decode())
        self.assertEqual(len(tokens), 1)
        response = self.client.post(URL, self.data(screenshot__kept=tokens))
        self.assertRedirects(response, reverse("factcheck:tip_sent"), fetch_redirect_response=False)
        self.assertEqual(Tip.objects.get().screenshot_mime, "image/png")
        self.assertFalse(StagedUpload.objects.exists())

    def test_a_file_that_is_not_an_image_is_not_kept(self):
        response = self.client.post(URL, self.data(contact_phone="abc", screenshot=pdf_as_image()))
        self.assertContains(response, "Số điện thoại không hợp lệ.")
        self.assertNotContains(response, "Đã giữ")
        self.assertFalse(StagedUpload.objects.exists())
