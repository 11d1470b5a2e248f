"""Files chosen on a form that failed validation are kept (`phoihop.core.staged_uploads`): the person
fixes the field and sends again without choosing the files again."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from phoihop.core.models import StagedUpload
from phoihop.core.staged_uploads import staged_uploads_purge
from phoihop.exchange import services
from phoihop.exchange.models import InfoRequest, Submission
from phoihop.exchange.tests import files
from phoihop.exchange.tests.base import ExchangeTestCase

URL = reverse("exchange:submission_new")
TOKEN = re.compile(r'name="attachments__kept" value="([^"]+)"')


class KeptFilesOnSubmissionTests(ExchangeTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.liaison_a)

    def data(self, **fields: object) -> dict[str, object]:
        return {"organization": self.unit_a.pk, "kind": "news", "priority": "normal", "body": "Chi tiết.", **fields}

    def test_a_good_file_survives_a_missing_title_and_is_attached_without_choosing_it_again(self):
        response = self.client.post(URL, self.data(title="", attachments=[files.docx_file(), files.elf_as_pdf()]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Đã giữ: bao-cao.docx")
        # The renamed executable is refused with its own message and not kept.
        self.assertContains(response, "Tệp “tai-lieu.pdf” không đúng định dạng")
        self.assertNotContains(response, "Đã giữ: tai-lieu.pdf")
        tokens = TOKEN.findall(response.content.decode())
        self.assertEqual(len(tokens), 1)

        response = self.client.post(URL, self.data(title="Lịch tiếp công dân", attachments__kept=tokens))
        submission = Submission.objects.get(title="Lịch tiếp công dân")
        self.assertRedirects(response, submission.get_absolute_url(), fetch_redirect_response=False)
        attachment = submission.attachments.get()
        self.assertEqual(attachment.original_name, "bao-cao.docx")
        self.assertIn("Báo cáo kết quả tuyên truyền quý III", attachment.extracted_text)
        self.assertFalse(StagedUpload.objects.exists())  # deleted once used

    def test_a_kept_file_alone_satisfies_content_or_file(self):
        response = self.client.post(URL, self.data(title="", body="", attachments=[files.pdf_file()]))
        tokens = TOKEN.findall(response.content.decode())
        response = self.client.post(URL, self.data(title="Công văn", body="", attachments__kept=tokens))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Submission.objects.get(title="Công văn").attachments.get().original_name, "cong-van.pdf")

    def test_a_kept_file_marked_drop_is_not_sent_and_is_deleted(self):
        response = self.client.post(URL, self.data(title="", attachments=[files.docx_file()]))
        tokens = TOKEN.findall(response.content.decode())
        response = self.client.post(
            URL, self.data(title="Không kèm tệp", attachments__kept=tokens, attachments__drop=tokens)
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Submission.objects.get(title="Không kèm tệp").attachments.exists())
        self.assertFalse(StagedUpload.objects.exists())

    def test_still_invalid_keeps_the_file_and_a_new_file_is_added_to_it(self):
        response = self.client.post(URL, self.data(title="", attachments=[files.docx_file()]))
        tokens = TOKEN.findall(response.content.decode())
        response = self.client.post(URL, self.data(title="", attachments__kept=tokens, attachments=[files.pdf_file()]))
        self.assertContains(response, "Đã giữ: bao-cao.docx")
        self.assertContains(response, "Đã giữ: cong-van.pdf")
        tokens = TOKEN.findall(response.content.decode())
        self.assertEqual(len(tokens), 2)
        self.client.post(URL, self.data(title="Hai tệp", attachments__kept=tokens))
        names = set(Submission.objects.get(title="Hai tệp").attachments.values_list("original_name", flat=True))
        self.assertEqual(names, {"bao-cao.docx", "cong-van.pdf"})

    def test_a_token_from_another_session_attaches_nothing(self):
        response = self.client.post(URL, self.data(title="", attachments=[files.docx_file()]))
        tokens = TOKEN.findall(response.content.decode())
        other = Client()
        other.force_login(self.liaison_a)  # same person, another browser
        other.post(URL, self.data(title="Trình duyệt khác", attachments__kept=tokens))
        self.assertFalse(Submission.objects.get(title="Trình duyệt khác").attachments.exists())
        self.assertEqual(StagedUpload.objects.count(), 1)  # still there for its own session

    def test_the_sweep_deletes_expired_kept_files(self):
        self.client.post(URL, self.data(title="", attachments=[files.docx_file()]))
        row = StagedUpload.objects.get()
        storage, name = row.file.storage, str(row.file.name)
        self.assertTrue(storage.exists(name))
        self.assertEqual(staged_uploads_purge(), 0)
        with time_machine.travel(timezone.now() + dt.timedelta(hours=7)):
            self.assertEqual(staged_uploads_purge(), 1)
        self.assertFalse(StagedUpload.objects.exists())
        self.assertFalse(storage.exists(name))


class KeptFilesOnAnswerTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.info_request = services.info_request_create(
            actor=cls.chief,
            organization=cls.unit_a,
            subject="Số liệu tiêm chủng",
            questions="Bao nhiêu trẻ đã tiêm?",
            policy=cls.policy,
        )

    def test_the_answer_file_survives_a_refusal_without_ground_and_goes_with_the_answer(self):
        url = reverse("exchange:request_answer", args=[self.info_request.pk])
        self.client.force_login(self.liaison_a)
        response = self.client.post(url, {"outcome": "refused", "attachments": [files.pdf_file()]})
        self.assertContains(response, "Từ chối cung cấp thông tin phải nêu căn cứ.")
        self.assertContains(response, "Đã giữ: cong-van.pdf")
        tokens = TOKEN.findall(response.content.decode())
        response = self.client.post(url, {"outcome": "answered", "attachments__kept": tokens})
        self.assertEqual(response.status_code, 302)
        self.info_request.refresh_from_db()
        self.assertEqual(self.info_request.status, InfoRequest.Status.ANSWERED)
        self.assertIn("cong-van.pdf", set(self.info_request.attachments.values_list("original_name", flat=True)))
