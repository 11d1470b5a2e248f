"""The shared upload budgets and the removal of location metadata (issue #22, items 1–3 and 7)."""

from __future__ import annotations

import io
import tracemalloc
from typing import Any
from unittest import mock

from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.urls import reverse
from PIL import Image, ImageFile, PngImagePlugin
from wagtail.images import get_image_model
from wagtail.models import Collection

from phoihop.core.uploads import check_archive_budget, strip_location
from phoihop.exchange.tests import files
from phoihop.exchange.uploads import check_upload
from phoihop.testing import PersonaTestCase

LOCATION_WORDS = ["GPSLatitude", "GPSLongitude", "GPSAltitude", "photoshop:City", "Thôn Yên Mỹ", "LocationShown"]


def assert_no_location(test: TestCase, content: bytes) -> None:
    image = Image.open(io.BytesIO(content))
    test.assertNotIn(0x8825, image.getexif())
    for word in LOCATION_WORDS:
        test.assertNotIn(word.encode(), content, word)
    for place in ["Thanh Trì", "Hà Nội", "Việt Nam", "VNM", "Nhà văn hóa thôn Yên Mỹ"]:
        test.assertNotIn(place.encode(), content.replace("UBND xã Thanh Trì".encode(), b""), place)


class LocationStrippingTests(TestCase):
    def test_a_jpeg_loses_gps_in_exif_xmp_and_iptc_but_keeps_caption_credit_and_copyright(self) -> None:
        original = files.jpeg_with_location().read()
        self.assertIn(b"GPSLatitude", original)
        cleaned = check_upload(files.jpeg_with_location()).content
        assert_no_location(self, cleaned)
        image = Image.open(io.BytesIO(cleaned))
        exif = image.getexif()
        self.assertEqual(exif[0x0110], "Test camera")
        self.assertEqual(exif[0x8298], "(c) Bao Lao dong Thu do")
        xmp = image.info["xmp"]
        xmp = xmp.decode() if isinstance(xmp, bytes) else xmp
        self.assertIn("Hội nghị tuyên truyền", xmp)  # dc:description, the caption
        self.assertIn("Ảnh: UBND xã Thanh Trì", xmp)  # photoshop:Credit
        self.assertIn("© Báo Lao động Thủ đô", xmp)  # dc:rights
        for kept in ["Hội nghị tuyên truyền", "UBND xã Thanh Trì", "© Báo Lao động Thủ đô"]:
            self.assertIn(b"\x1c\x02", cleaned)
            self.assertIn(kept.encode(), cleaned)
        # The picture itself is untouched: the scan data is byte for byte the same.
        self.assertTrue(cleaned.endswith(original[original.index(b"\xff\xda") :]))

    def test_a_png_and_a_webp_lose_their_exif_gps_and_xmp_location(self) -> None:
        for fmt in ["PNG", "WEBP"]:
            with self.subTest(fmt):
                exif = Image.Exif()
                exif[0x8825] = {1: "N", 2: (21.0, 0.0, 0.0)}
                exif[0x8298] = "(c) Bao Lao dong Thu do"
                buffer = io.BytesIO()
                options: dict[str, object] = {"exif": exif, "xmp": files.LOCATION_XMP.encode()}
                if fmt == "PNG":  # Pillow writes PNG XMP only as an explicit iTXt chunk
                    options["pnginfo"] = PngImagePlugin.PngInfo()
                    options["pnginfo"].add_itxt("XML:com.adobe.xmp", files.LOCATION_XMP)  # type: ignore[attr-defined]
                Image.new("RGB", (32, 32), (10, 20, 30)).save(buffer, format=fmt, **options)
                self.assertIn(b"GPSLatitude", buffer.getvalue())
                cleaned = strip_location(buffer.getvalue())
                assert_no_location(self, cleaned)
                image = Image.open(io.BytesIO(cleaned))
                image.load()
                self.assertEqual(image.getexif()[0x8298], "(c) Bao Lao dong Thu do")
                self.assertIn("Hội nghị tuyên truyền".encode(), cleaned)

    def test_an_image_without_location_is_stored_byte_for_byte(self) -> None:
        buffer = io.BytesIO()
        Image.new("RGB", (16, 16)).save(buffer, format="JPEG")
        self.assertEqual(strip_location(buffer.getvalue()), buffer.getvalue())


class BudgetTests(TestCase):
    def test_a_huge_png_is_refused_from_its_header_without_decoding(self) -> None:
        upload = files.huge_png()
        self.assertLess(upload.size or 0, 1024 * 1024)
        tracemalloc.start()
        try:
            with (
                mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError("decoded")) as load,
                self.assertRaises(ValidationError) as raised,
            ):
                check_upload(upload)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        load.assert_not_called()
        self.assertLess(peak, 20 * 1024 * 1024)
        self.assertIn("quá lớn (169 megapixel); tối đa 50 megapixel", " ".join(raised.exception.messages))

    def test_a_zip_bomb_docx_is_refused_as_an_abnormal_archive_before_parsing(self) -> None:
        bomb = files.zip_bomb_docx()
        with (
            mock.patch("docx.Document", side_effect=AssertionError("parsed")) as parse,
            self.assertRaises(ValidationError) as raised,
        ):
            check_upload(bomb)
        parse.assert_not_called()
        message = " ".join(raised.exception.messages)
        self.assertIn("tệp nén bất thường", message)
        self.assertNotIn("hỏng", message)

    @override_settings(PHOIHOP_UPLOAD_ZIP_MAX_ENTRIES=50)
    def test_too_many_entries_are_refused(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            check_upload(files.zip_bomb_docx(zeros=60 * 1024, entries=60))
        self.assertIn("tệp nén bất thường", " ".join(raised.exception.messages))

    @override_settings(PHOIHOP_UPLOAD_ZIP_MAX_UNCOMPRESSED=5 * 1024 * 1024, PHOIHOP_UPLOAD_ZIP_MAX_RATIO=10**9)
    def test_too_many_uncompressed_bytes_are_refused(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            check_archive_budget(files.zip_bomb_docx(zeros=6 * 1024 * 1024).read(), name="bom.docx")
        self.assertIn("tệp nén bất thường", " ".join(raised.exception.messages))

    def test_normal_docx_and_xlsx_still_pass(self) -> None:
        self.assertIn("12 bài", check_upload(files.docx_file()).extracted_text)
        self.assertIn("Số tin, bài", check_upload(files.xlsx_file()).extracted_text)


class WagtailImageUploadTests(PersonaTestCase):
    def post_image(self, upload: object) -> Any:
        self.login(self.chief)
        return self.client.post(
            reverse("wagtailimages:add"),
            {"title": "Hội nghị", "file": upload, "collection": Collection.get_first_root_node().pk},
        )

    def test_an_image_uploaded_in_the_admin_loses_its_location(self) -> None:
        response = self.post_image(files.jpeg_with_location())
        image = get_image_model().objects.get(title="Hội nghị")
        self.assertEqual(response.status_code, 302)
        with image.file.open("rb") as handle:
            stored = handle.read()
        assert_no_location(self, stored)
        self.assertIn("© Báo Lao động Thủ đô".encode(), stored)
        self.assertEqual((image.width, image.height), (64, 48))

    def test_a_900_megapixel_upload_gets_a_form_error_not_a_server_error(self) -> None:
        response = self.post_image(files.png_header_only("khong-lo.png", 30_000, 30_000))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "quá lớn (900 megapixel); tối đa 50 megapixel")
        self.assertFalse(get_image_model().objects.filter(title="Hội nghị").exists())
