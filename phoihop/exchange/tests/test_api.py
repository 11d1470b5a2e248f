"""The exchange through /api/v1/: submissions, requests, threads, with personal tokens."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from phoihop.accounts import tokens
from phoihop.audit.models import AuditEvent
from phoihop.exchange import services
from phoihop.exchange.models import InfoRequest, RefusalGround, Submission
from phoihop.exchange.tests.base import ExchangeTestCase
from phoihop.exchange.tests.files import elf_as_pdf, pdf_file


def command_token(username: str, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "create", username, "--name", "test", *args, stdout=out, stderr=err)
    return out.getvalue().strip()


class ApiTestCase(ExchangeTestCase):
    def bearer(self, token: str) -> dict[str, Any]:
        return {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def token_for(self, user, *, write: bool = False) -> str:
        return tokens.api_token_create(actor=user, user=user, name="thử", write=write)[1]


class AcceptanceTests(ApiTestCase):
    """#17: a write token made by the command creates a submission of the liaison's unit with a file;
    another unit's token gets 404 for it; a read token cannot write."""

    def test_liaison_creates_a_submission_with_a_file_and_others_cannot_reach_or_write(self):
        token = command_token(self.liaison_a.username, "--write")
        self.assertTrue(token.startswith("phx_"))
        response = self.client.post(
            "/api/v1/submissions",
            {"title": "Lịch tiếp công dân tháng 12", "body": "Nội dung", "files": [pdf_file()]},
            **self.bearer(token),
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        submission = Submission.objects.get(pk=body["id"])
        self.assertEqual(submission.organization, self.unit_a)
        self.assertEqual(submission.sender, self.liaison_a)
        self.assertEqual([a.original_name for a in submission.attachments.all()], ["cong-van.pdf"])
        self.assertEqual(body["attachments"][0]["kind"], "pdf")
        self.assertEqual(body["history"][0]["status"], "sent")
        self.assertTrue(response["Location"].endswith(f"/api/v1/submissions/{submission.pk}"))
        # The service's own audit event, plus the token's write.
        self.assertTrue(AuditEvent.objects.for_object(submission).filter(verb="submission.created").exists())

        other = command_token(self.liaison_b.username, "--write")
        response = self.client.get(f"/api/v1/submissions/{submission.pk}", **self.bearer(other))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"].split(";")[0], "application/problem+json")
        self.assertEqual(response.json()["status"], 404)
        listed = self.client.get("/api/v1/submissions", **self.bearer(other)).json()
        self.assertNotIn(submission.pk, [row["id"] for row in listed["results"]])

        read_only = command_token(self.liaison_a.username)
        before = Submission.objects.count()
        response = self.client.post("/api/v1/submissions", {"title": "Không được"}, **self.bearer(read_only))
        self.assertEqual(response.status_code, 403)
        problem = response.json()
        self.assertEqual(problem["type"], "urn:phoihop:problem:forbidden")
        self.assertIn("chỉ có quyền đọc", problem["detail"])
        self.assertEqual(Submission.objects.count(), before)
        # The read token still reads it.
        self.assertEqual(
            self.client.get(f"/api/v1/submissions/{submission.pk}", **self.bearer(read_only)).status_code, 200
        )


class SubmissionApiTests(ApiTestCase):
    def test_no_token_or_a_bad_one_is_401_problem(self):
        for headers in ({}, self.bearer("phx_abcdefghijkl_nope"), {"HTTP_AUTHORIZATION": "Basic eDp5"}):
            response = self.client.get("/api/v1/submissions", **headers)
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json()["title"], "Chưa xác thực")
            self.assertIn("Bearer", response["WWW-Authenticate"])

    def test_a_bad_file_refuses_the_whole_submission_with_a_vietnamese_422(self):
        token = self.token_for(self.liaison_a, write=True)
        before = Submission.objects.count()
        response = self.client.post(
            "/api/v1/submissions", {"title": "Có tệp lạ", "files": [pdf_file(), elf_as_pdf()]}, **self.bearer(token)
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("không đúng định dạng", response.json()["detail"])
        self.assertEqual(Submission.objects.count(), before)

    def test_staff_with_a_write_token_still_cannot_send(self):
        token = self.token_for(self.staff_a, write=True)
        response = self.client.post("/api/v1/submissions", {"title": "Thử"}, **self.bearer(token))
        self.assertEqual(response.status_code, 403)
        self.assertIn("Chỉ cán bộ", response.json()["detail"])

    def test_list_filters_pages_and_links(self):
        for n in range(3):
            services.submission_create(actor=self.liaison_a, organization=self.unit_a, title=f"Tin {n}")
        services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Văn bản", kind=Submission.Kind.DOCUMENT
        )
        token = self.token_for(self.chief)
        page = self.client.get("/api/v1/submissions", {"limit": 2}, **self.bearer(token)).json()
        self.assertEqual(page["count"], 4)
        self.assertEqual(len(page["results"]), 2)
        self.assertIn("offset=2", page["next"])
        self.assertIsNone(page["previous"])
        last = self.client.get(page["next"], **self.bearer(token)).json()
        self.assertIsNone(last["next"])
        self.assertEqual(len(last["results"]), 2)
        documents = self.client.get("/api/v1/submissions", {"kind": "document"}, **self.bearer(token)).json()
        self.assertEqual([row["title"] for row in documents["results"]], ["Văn bản"])
        bad = self.client.get("/api/v1/submissions", {"limit": 1000}, **self.bearer(token))
        self.assertEqual(bad.status_code, 422)
        self.assertEqual(bad.json()["errors"][0]["loc"][-1], "limit")

    def test_etag_and_if_none_match(self):
        submission = services.submission_create(actor=self.liaison_a, organization=self.unit_a, title="Tin")
        token = self.token_for(self.liaison_a)
        url = f"/api/v1/submissions/{submission.pk}"
        first = self.client.get(url, **self.bearer(token))
        etag = first["ETag"]
        again = self.client.get(url, HTTP_IF_NONE_MATCH=etag, **self.bearer(token))
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")
        services.submission_acknowledge(actor=self.chief, submission=submission)
        changed = self.client.get(url, HTTP_IF_NONE_MATCH=etag, **self.bearer(token))
        self.assertEqual(changed.status_code, 200)
        self.assertEqual([h["status"] for h in changed.json()["history"]], ["sent", "received"])

    def test_huge_ids_are_422_not_a_server_error(self):
        token = self.token_for(self.liaison_a)
        response = self.client.get(f"/api/v1/submissions/{2**70}", **self.bearer(token))
        self.assertEqual(response.status_code, 422)


class RequestAndThreadApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ground = RefusalGround.objects.filter(is_active=True).first()

    def make_request(self, organization=None) -> InfoRequest:
        return services.info_request_create(
            actor=self.chief,
            organization=organization or self.unit_a,
            subject="Số hộ được hỗ trợ",
            questions="Đề nghị cho biết số hộ",
            policy=self.policy,
        )

    def test_unit_answers_with_a_file_and_a_second_answer_is_409(self):
        item = self.make_request()
        token = self.token_for(self.liaison_a, write=True)
        listed = self.client.get("/api/v1/requests", {"status": "sent"}, **self.bearer(token)).json()
        self.assertEqual([row["id"] for row in listed["results"]], [item.pk])
        outsider = self.bearer(self.token_for(self.liaison_b))
        self.assertEqual(self.client.get("/api/v1/requests", **outsider).json()["count"], 0)
        read = self.client.get(f"/api/v1/requests/{item.pk}", **self.bearer(token)).json()
        self.assertEqual(read["status"], "sent")
        url = f"/api/v1/requests/{item.pk}/answer"
        answer = {"outcome": "answered", "answer": "Có 42 hộ.", "files": [pdf_file("so-lieu.pdf")]}
        response = self.client.post(url, answer, **self.bearer(token))
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "answered")
        self.assertEqual([a["name"] for a in response.json()["attachments"]], ["so-lieu.pdf"])
        item.refresh_from_db()
        self.assertEqual(item.answered_by, self.liaison_a)
        again = self.client.post(url, {"outcome": "answered", "answer": "Lần hai"}, **self.bearer(token))
        self.assertEqual(again.status_code, 409)
        self.assertEqual(again.json()["detail"], "Đề nghị này đã được trả lời hoặc đã đóng.")

    def test_another_unit_gets_404_and_the_press_cannot_answer(self):
        item = self.make_request()
        outsider = self.token_for(self.liaison_b, write=True)
        self.assertEqual(self.client.get(f"/api/v1/requests/{item.pk}", **self.bearer(outsider)).status_code, 404)
        response = self.client.post(
            f"/api/v1/requests/{item.pk}/answer", {"outcome": "answered", "answer": "x"}, **self.bearer(outsider)
        )
        self.assertEqual(response.status_code, 404)
        press = self.token_for(self.chief, write=True)
        response = self.client.post(
            f"/api/v1/requests/{item.pk}/answer", {"outcome": "answered", "answer": "x"}, **self.bearer(press)
        )
        self.assertEqual(response.status_code, 403)

    def test_refusal_needs_a_listed_ground(self):
        item = self.make_request()
        token = self.token_for(self.liaison_a, write=True)
        url = f"/api/v1/requests/{item.pk}/answer"
        response = self.client.post(url, {"outcome": "refused"}, **self.bearer(token))
        self.assertEqual(response.status_code, 422)
        self.assertIn("căn cứ", response.json()["detail"])
        if self.ground is not None:
            response = self.client.post(
                url, {"outcome": "refused", "refusal_ground": self.ground.pk}, **self.bearer(token)
            )
            self.assertEqual(response.json()["refusal_ground"], self.ground.name)

    def test_thread_list_and_post(self):
        submission = services.submission_create(actor=self.liaison_a, organization=self.unit_a, title="Tin")
        token = self.token_for(self.liaison_a, write=True)
        url = f"/api/v1/submissions/{submission.pk}/messages"
        response = self.client.post(url, {"body": "Xin gửi bổ sung", "files": [pdf_file()]}, **self.bearer(token))
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["author"], "Phạm Thu Hà")
        thread = self.client.get(url, **self.bearer(token)).json()
        self.assertEqual([m["body"] for m in thread["results"]], ["Xin gửi bổ sung"])
        self.assertEqual(thread["results"][0]["attachments"][0]["name"], "cong-van.pdf")
        staff = self.token_for(self.staff_a, write=True)
        self.assertEqual(self.client.post(url, {"body": "Cán bộ"}, **self.bearer(staff)).status_code, 403)
        outsider = self.token_for(self.liaison_b)
        self.assertEqual(self.client.get(url, **self.bearer(outsider)).status_code, 404)
        request_item = self.make_request()
        self.assertEqual(
            self.client.get(f"/api/v1/requests/{request_item.pk}/messages", **self.bearer(token)).json()["count"], 0
        )

    def test_revoked_and_expired_tokens_are_401(self):
        token, raw = tokens.api_token_create(actor=self.liaison_a, user=self.liaison_a, name="a")
        self.assertEqual(self.client.get("/api/v1/requests", **self.bearer(raw)).status_code, 200)
        tokens.api_token_revoke(actor=self.liaison_a, token=token)
        self.assertEqual(self.client.get("/api/v1/requests", **self.bearer(raw)).status_code, 401)
        expired, raw2 = tokens.api_token_create(actor=self.liaison_a, user=self.liaison_a, name="b", expires_in_days=1)
        type(expired).objects.filter(pk=expired.pk).update(expires_at=timezone.now())
        self.assertEqual(self.client.get("/api/v1/requests", **self.bearer(raw2)).status_code, 401)


class CsrfTests(ApiTestCase):
    def test_a_token_request_needs_no_csrf_token_and_a_session_alone_gets_401(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        token = self.token_for(self.liaison_a, write=True)
        response = client.post("/api/v1/submissions", {"title": "Từ phần mềm của xã"}, **self.bearer(token))
        self.assertEqual(response.status_code, 201, response.content)
        # A signed-in browser session is not an API credential: no token, no access.
        client.force_login(self.liaison_a)
        self.assertEqual(client.post("/api/v1/submissions", {"title": "Từ trình duyệt"}).status_code, 401)
