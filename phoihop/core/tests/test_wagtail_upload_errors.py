"""Wagtail's image and document uploads answer in Vietnamese (#22, item 7): Wagtail's and Django's own
messages for a refused file have no Vietnamese translation. A 900-megapixel image is a form error
on the multiple upload too, not a server error."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from phoihop.exchange.tests import files
from phoihop.testing import PersonaTestCase


class UploadErrorTests(PersonaTestCase):
    def setUp(self):
        self.login(self.chief)
        self.collection = Collection.get_first_root_node().pk

    def add_image(self, upload):
        return self.client.post(
            reverse("wagtailimages:add"), {"title": "Ảnh", "file": upload, "collection": self.collection}
        )

    def add_images(self, upload):
        answer = self.client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": upload, "collection": self.collection},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        self.assertEqual(answer.status_code, 200)
        return json.loads(answer.content)

    def add_document(self, upload, multiple=False):
        if multiple:
            answer = self.client.post(
                reverse("wagtaildocs:add_multiple"),
                {"files[]": upload, "collection": self.collection},
                HTTP_X_REQUESTED_WITH="XMLHttpRequest",
            )
            self.assertEqual(answer.status_code, 200)
            return json.loads(answer.content)
        return self.client.post(
            reverse("wagtaildocs:add"), {"title": "Tệp", "file": upload, "collection": self.collection}
        )

    def test_an_unsupported_image_format(self):
        bmp = SimpleUploadedFile("so-do.bmp", b"BM" + b"\0" * 60, content_type="image/bmp")
        self.assertContains(self.add_image(bmp), "Không nhận định dạng ảnh này. Chỉ nhận: JPG, JPEG, PNG, WEBP, GIF.")
        self.assertNotContains(self.add_image(bmp), "Not a supported image format")

    def test_an_extension_that_lies_about_the_format(self):
        png_named_jpg = SimpleUploadedFile("anh.jpg", files.png_header_only("x.png", 10, 10).read())
        answer = self.add_images(png_named_jpg)
        self.assertFalse(answer["success"])
        self.assertEqual(
            answer["error_message"],
            "Tệp không phải ảnh .jpeg hợp lệ: phần mở rộng không khớp với định dạng thật của tệp (png).",
        )

    @override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
    def test_an_image_over_the_size_limit(self):
        self.assertContains(self.add_image(files.jpeg_with_location()), "Tệp quá lớn (")
        page = self.client.get(reverse("wagtailimages:add_multiple"))
        # The messages the upload script shows before sending anything.
        self.assertContains(page, "Tệp quá lớn\\u003B tối đa 100")
        self.assertContains(page, "Không nhận định dạng ảnh này.")

    def test_a_900_megapixel_image_is_a_form_error_in_the_multiple_upload(self):
        answer = self.add_images(files.png_header_only("khong-lo.png", 30_000, 30_000))
        self.assertFalse(answer["success"])
        self.assertIn("quá lớn (900 megapixel); tối đa 50 megapixel", answer["error_message"])
        self.assertFalse(get_image_model().objects.exists())

    def test_a_document_of_a_refused_type_gets_one_vietnamese_message(self):
        exe = SimpleUploadedFile("cai-dat.exe", b"MZ\x90\x00")
        page = self.add_document(exe)
        self.assertContains(page, "Không nhận tệp “.exe”. Chỉ nhận: pdf, docx, xlsx, odt, txt.", count=1)
        self.assertNotContains(page, "is not allowed")
        exe.seek(0)
        answer = self.add_document(exe, multiple=True)
        self.assertEqual(answer["error_message"], "Không nhận tệp “.exe”. Chỉ nhận: pdf, docx, xlsx, odt, txt.")
        self.assertFalse(get_document_model().objects.exists())

    @override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=10)
    def test_a_document_over_the_size_limit(self):
        self.assertContains(self.add_document(SimpleUploadedFile("bao-cao.txt", b"x" * 100)), "Tệp quá lớn (100")
