import io
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from PIL import Image, ImageFile

from phoihop.audit.models import AuditEvent
from phoihop.exchange import services
from phoihop.exchange.models import Attachment, Submission
from phoihop.exchange.tests import files
from phoihop.exchange.tests.base import ExchangeTestCase
from phoihop.notifications.models import Notification


def stored_files() -> set[str]:
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "exchange"
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


class SubmissionCreateTests(ExchangeTestCase):
    def test_liaison_sends_news_with_docx_and_jpeg(self):
        submission = services.submission_create(
            actor=self.liaison_a,
            organization=self.unit_a,
            title="Hoà giải ở cơ sở",  # old-style tone on the way in
            body="Nội dung chi tiết.",
            program=self.program,
            themes=list(self.program.themes.all()[:1]),
            files=[files.docx_file(), files.jpeg_with_gps()],
        )
        self.assertEqual(submission.title, "Hòa giải ở cơ sở")
        self.assertRegex(submission.reference, r"^TT-\d{4}-\d{6}$")
        self.assertEqual(submission.status, Submission.Status.SENT)
        docx, jpeg = submission.attachments.order_by("pk")
        self.assertEqual((docx.kind, jpeg.kind), (Attachment.Kind.DOCX, Attachment.Kind.IMAGE))
        self.assertIn("Báo cáo kết quả tuyên truyền quý III", docx.extracted_text)
        self.assertIn("12 bài", docx.extracted_text)
        with jpeg.file.open("rb") as handle:
            exif = Image.open(io.BytesIO(handle.read())).getexif()
        self.assertNotIn(0x8825, exif)  # GPS gone
        self.assertEqual(exif.get(0x0110), "Test camera")  # the rest kept
        self.assertTrue(AuditEvent.objects.for_object(submission).filter(verb="submission.created").exists())
        # The newsroom's editors are told, the sender is not.
        told = set(Notification.objects.filter(verb="submission.created").values_list("recipient__username", flat=True))
        self.assertIn("tbt", told)
        self.assertNotIn("dm_a", told)

    def test_pdf_text_is_extracted(self):
        submission = services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Công văn", files=[files.pdf_file()]
        )
        self.assertIn("Cong van so 12", submission.attachments.get().extracted_text)

    def test_bad_files_are_refused_and_nothing_is_saved(self):
        cases = {
            "executable renamed to .pdf": (files.elf_as_pdf(), "không đúng định dạng"),
            "empty file": (files.empty_file(), "rỗng"),
            "corrupt docx": (files.corrupt_docx(), "bị hỏng"),
        }
        for label, (upload, message) in cases.items():
            with self.subTest(label):
                before = (Submission.objects.count(), stored_files())
                with self.assertRaises(ValidationError) as raised:
                    services.submission_create(
                        actor=self.liaison_a, organization=self.unit_a, title="x", files=[files.docx_file(), upload]
                    )
                self.assertIn(message, " ".join(raised.exception.messages))
                self.assertEqual((Submission.objects.count(), stored_files()), before)

    @override_settings(PHOIHOP_UPLOAD_LIMITS={"image": 200})
    def test_oversized_file_is_refused(self):
        with self.assertRaises(ValidationError) as raised:
            services.submission_create(
                actor=self.liaison_a, organization=self.unit_a, title="Ảnh lớn", files=[files.jpeg_with_gps()]
            )
        self.assertIn("quá lớn", " ".join(raised.exception.messages))
        self.assertFalse(Submission.objects.filter(title="Ảnh lớn").exists())

    def test_crash_after_the_file_write_leaves_neither_submission_nor_file(self):
        before = (Submission.objects.count(), Attachment.objects.count(), stored_files())
        with (
            mock.patch("phoihop.exchange.services.audit_record", side_effect=RuntimeError("mất điện")),
            self.assertRaises(RuntimeError),
        ):
            services.submission_create(
                actor=self.liaison_a, organization=self.unit_a, title="Sự cố", files=[files.docx_file()]
            )
        self.assertEqual((Submission.objects.count(), Attachment.objects.count(), stored_files()), before)

    def test_read_only_staff_and_outsiders_cannot_send_for_the_unit(self):
        for user in (self.staff_a, self.liaison_b, self.nobody):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.submission_create(actor=user, organization=self.unit_a, title="x", body="y")

    def test_parent_programme_theme_must_belong_to_programme(self):
        other = self.program.themes.first()
        other.program_id = 0  # a theme from elsewhere
        with self.assertRaises(ValidationError):
            services.submission_create(
                actor=self.liaison_a, organization=self.unit_a, title="x", body="y", program=None, themes=[other]
            )


class SubmissionStatusTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.submission = services.submission_create(
            actor=cls.liaison_a, organization=cls.unit_a, title="Lịch tiếp công dân tháng 12", body="Chi tiết."
        )

    def test_each_status_change_reaches_the_sender(self):
        services.submission_acknowledge(actor=self.chief, submission=self.submission)
        services.submission_start(actor=self.chief, submission=self.submission)
        done = services.submission_mark_published(
            actor=self.chief, submission=self.submission, url="https://bao.example.vn/chi-dao-dieu-hanh/lich/"
        )
        self.assertEqual(done.status, Submission.Status.PUBLISHED)
        titles = list(
            Notification.objects.filter(recipient=self.liaison_a).order_by("pk").values_list("title", flat=True)
        )
        self.assertEqual(
            titles,
            [
                "Báo Thử Nghiệm cập nhật thông tin «Lịch tiếp công dân tháng 12»: Đã tiếp nhận",
                "Báo Thử Nghiệm cập nhật thông tin «Lịch tiếp công dân tháng 12»: Đang xử lý",
                "Báo Thử Nghiệm cập nhật thông tin «Lịch tiếp công dân tháng 12»: Đã đăng",
            ],
        )

    def test_illegal_moves_and_roles_are_refused(self):
        with self.assertRaises(PermissionDenied):
            services.submission_acknowledge(actor=self.reporter, submission=self.submission)
        with self.assertRaises(PermissionDenied):
            services.submission_acknowledge(actor=self.liaison_a, submission=self.submission)
        services.submission_reject(actor=self.chief, submission=self.submission, reason="Trùng thông tin đã đăng.")
        with self.assertRaises(ValidationError):
            services.submission_start(actor=self.chief, submission=self.submission)
        with self.assertRaises(ValidationError):
            services.submission_reject(actor=self.chief, submission=self.submission, reason="")


class SubmissionViewTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.submission = services.submission_create(
            actor=cls.liaison_a,
            organization=cls.unit_a,
            title="Thông báo họp báo",
            body="Nội dung",
            files=[files.docx_file()],
        )
        cls.attachment = cls.submission.attachments.get()

    def urls(self):
        pk = self.submission.pk
        return {
            "detail": reverse("exchange:submission", args=[pk]),
            "history": f"/lich-su/exchange/submission/{pk}/",
            "attachment": reverse("exchange:attachment", args=[self.attachment.pk]),
        }

    def write_urls(self):
        pk = self.submission.pk
        return [
            reverse("exchange:submission_action", args=[pk, "tiep-nhan"]),
            reverse("exchange:submission_action", args=[pk, "dang-xu-ly"]),
            reverse("exchange:message_new", args=["thong-tin", pk]),
        ]

    def test_outsider_gets_404_on_every_url(self):
        self.login(self.liaison_b)
        for name, url in self.urls().items():
            with self.subTest(name):
                self.assertEqual(self.client.get(url).status_code, 404)
        for url in self.write_urls():
            with self.subTest(url):
                self.assertEqual(self.client.post(url, {"body": "x"}).status_code, 404)
        self.assertNotContains(self.client.get(reverse("exchange:inbox")), "Thông báo họp báo")

    def test_read_only_member_reads_but_gets_403_on_writes(self):
        self.login(self.staff_a)
        self.assertContains(self.client.get(self.urls()["detail"]), "Thông báo họp báo")
        for url in self.write_urls():
            with self.subTest(url):
                self.assertEqual(self.client.post(url, {"body": "x"}).status_code, 403)
        self.assertEqual(self.client.get(reverse("exchange:submission_new")).status_code, 403)

    def test_sub_unit_member_does_not_see_parent_items_but_leader_does(self):
        self.login(self.liaison_child)
        self.assertEqual(self.client.get(self.urls()["detail"]).status_code, 404)
        self.login(self.leader_a)
        self.assertEqual(self.client.get(self.urls()["detail"]).status_code, 200)

    def test_a_13000_px_png_is_refused_on_the_form_before_decoding_and_the_form_keeps_its_data(self):
        self.login(self.liaison_a)
        photo = files.huge_png("anh-hien-truong.png")
        with mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError("decoded")) as load:
            response = self.client.post(
                reverse("exchange:submission_new"),
                {
                    "organization": self.unit_a.pk,
                    "kind": "news",
                    "priority": "normal",
                    "title": "Ảnh hiện trường",
                    "body": "Nội dung giữ lại",
                    "attachments": [photo],
                },
            )
        load.assert_not_called()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ảnh “anh-hien-truong.png” quá lớn (169 megapixel); tối đa 50 megapixel")
        self.assertContains(response, "Ảnh hiện trường")
        self.assertContains(response, "Nội dung giữ lại")
        self.assertFalse(Submission.objects.filter(title="Ảnh hiện trường").exists())

    def test_form_post_creates_submission_and_shows_clear_errors(self):
        self.login(self.liaison_a)
        response = self.client.post(
            reverse("exchange:submission_new"),
            {
                "organization": self.unit_a.pk,
                "kind": "news",
                "priority": "urgent",
                "title": "Tin khẩn",
                "body": "Nội dung khẩn",
                "attachments": [files.docx_file(), files.jpeg_with_gps()],
            },
        )
        created = Submission.objects.get(title="Tin khẩn")
        self.assertRedirects(response, created.get_absolute_url())
        self.assertEqual(created.attachments.count(), 2)
        response = self.client.post(
            reverse("exchange:submission_new"),
            {
                "organization": self.unit_a.pk,
                "kind": "news",
                "priority": "normal",
                "title": "Xấu",
                "body": "x",
                "attachments": [files.elf_as_pdf()],
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "không đúng định dạng")
        self.assertFalse(Submission.objects.filter(title="Xấu").exists())

    def test_editor_acknowledges_and_liaison_sees_it(self):
        self.login(self.chief)
        self.client.post(reverse("exchange:submission_action", args=[self.submission.pk, "tiep-nhan"]))
        self.login(self.liaison_a)
        page = self.client.get(self.urls()["detail"])
        self.assertContains(page, 'id="trang-thai">Đã tiếp nhận<')

    def test_attachment_download_is_served_with_nosniff(self):
        self.login(self.liaison_a)
        response = self.client.get(self.urls()["attachment"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("attachment", response["Content-Disposition"])

    def test_inbox_lists_open_urgent_first(self):
        services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Hỏa tốc!", body="x", priority="flash"
        )
        self.login(self.chief)
        html = self.client.get(reverse("exchange:inbox")).content.decode()
        self.assertLess(html.index("Hỏa tốc!"), html.index("Thông báo họp báo"))

    def test_thread_mentions_notify_people_who_can_see(self):
        self.login(self.chief)
        self.client.post(
            reverse("exchange:message_new", args=["thong-tin", self.submission.pk]),
            {"body": "@pv viết bài này nhé; @dm_b không thấy được"},
        )
        self.assertTrue(Notification.objects.filter(recipient=self.reporter, verb="thread.message").exists())
        self.assertFalse(Notification.objects.filter(recipient=self.liaison_b).exists())
        self.assertTrue(Notification.objects.filter(recipient=self.liaison_a, verb="thread.message").exists())


class UploadKindsTests(ExchangeTestCase):
    def test_heic_webp_and_mp4_are_accepted_by_content(self):
        import pillow_heif
        from django.core.files.uploadedfile import SimpleUploadedFile

        from phoihop.exchange.uploads import check_upload

        image = Image.new("RGB", (32, 24), (10, 120, 200))
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (21.0, 0.0, 0.0)}
        heic = io.BytesIO()
        pillow_heif.from_pillow(image).save(heic, format="HEIF", exif=exif.tobytes())
        webp = io.BytesIO()
        image.save(webp, format="WEBP")
        mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
        checked = {
            name: check_upload(SimpleUploadedFile(name, data))
            for name, data in {"anh.heic": heic.getvalue(), "anh.webp": webp.getvalue(), "clip.mp4": mp4}.items()
        }
        self.assertEqual([c.kind for c in checked.values()], ["image", "image", "video"])
        pillow_heif.register_heif_opener()
        cleaned = Image.open(io.BytesIO(checked["anh.heic"].content))
        self.assertNotIn(0x8825, cleaned.getexif())
