"""Corrections, apologies and responses under Decree 237/2026 Art. 19–21: the trigger and its clock,
the title and placement readers see (article, homepage, NewsArticle JSON-LD), the keep-online period
that is data (and not verified yet), the written notice to the outlets that republished, and the
02 rounds of a response after which the newspaper may stop."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse

from phoihop.accounts.models import Role
from phoihop.audit.models import AuditEvent
from phoihop.deadlines.models import DeadlinePolicy, DeadlinePolicyVersion, LegalInstrument
from phoihop.demo import story
from phoihop.newsroom import services
from phoihop.newsroom.models import Correction, CorrectionNotice, Republisher, ResponseThread
from phoihop.notifications.models import Delivery
from phoihop.notifications.tests.smtp import SMTPTestCase, subject_of, text_of
from phoihop.portal import services as portal_services
from phoihop.testing import PersonaTestCase

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BODY = "Cây cầu dài 54 m nối hai thôn đã đưa vào sử dụng."


def vn(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)  # type: ignore[misc,arg-type]


class ArticleMixin:
    @classmethod
    def make_article(cls):
        category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
        return portal_services.article_create(
            actor=None,
            category=category,
            title="Khánh thành cầu dân sinh ở xã An Khánh",
            sapo="Cây cầu nối hai thôn đã đưa vào sử dụng.",
            body=[("paragraph", f"<p>{BODY}</p>")],
            published_at=vn(2026, 11, 2, 8, 0),
        )


def json_ld_of(html: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == "NewsArticle":
            return data
    raise AssertionError("no NewsArticle JSON-LD")


class CorrectionRecordTests(ArticleMixin, PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = cls.make_user("btv", "Đỗ Văn Hùng", cls.press, Role.EDITOR)
        cls.article = cls.make_article()

    def correct(self, **kwargs):
        fields = {"actor": self.editor, "article": self.article, "text": "Cầu dài 45 m, không phải 54 m."}
        fields.update(kwargs)
        with self.captureOnCommitCallbacks(execute=True):
            return services.correction_add(**fields)

    def test_a_conclusion_needs_its_body_number_and_date_and_the_clock_runs_from_its_receipt(self):
        with self.assertRaises(ValidationError) as refused:
            self.correct(trigger=Correction.Trigger.CONCLUSION, received_at=vn(2026, 12, 7, 9, 0))
        self.assertEqual(set(refused.exception.message_dict), {"authority", "conclusion_number", "conclusion_date"})
        with time_machine.travel(vn(2026, 12, 7, 9, 40), tick=False):
            correction = self.correct(
                kind=Correction.Kind.BOTH,
                trigger=Correction.Trigger.CONCLUSION,
                authority="Sở Văn hóa, Thể thao và Du lịch",
                conclusion_number="125/KL-SVHTTDL",
                conclusion_date=dt.date(2026, 12, 5),
                received_at=vn(2026, 12, 7, 9, 0),
                false_content="Cầu dài 54 m.",
            )
        self.assertEqual(correction.elapsed, dt.timedelta(minutes=40))
        self.assertEqual(correction.elapsed_label, "40 phút")
        self.assertFalse(correction.is_late)
        # Not published on the day it was received: Art. 19(3)(a) says "ngay", so the record says late.
        with time_machine.travel(vn(2026, 12, 8, 8, 5), tick=False):
            late = self.correct(received_at=vn(2026, 12, 7, 16, 0))
        self.assertTrue(late.is_late)
        self.assertEqual(late.elapsed_label, "16 giờ 5 phút")
        with self.assertRaises(PermissionDenied):
            self.correct(actor=self.reporter)
        with time_machine.travel(vn(2026, 12, 7, 9, 0), tick=False), self.assertRaises(ValidationError):
            self.correct(received_at=vn(2026, 12, 7, 10, 0))  # received in the future

    def test_readers_see_the_legal_title_above_the_body_on_the_article_and_on_the_homepage(self):
        self.client.get(self.article.url)  # fill the page cache first
        self.client.get("/")
        self.correct(false_content="Cầu dài 54 m.", kind=Correction.Kind.BOTH)
        page = self.client.get(self.article.url).content.decode()
        self.assertIn("Thông tin cải chính, xin lỗi", page)
        self.assertIn("Nội dung sai:", page)
        self.assertIn("Cầu dài 45 m, không phải 54 m.", page)
        # Art. 19(2): the name of the work, its section and the day it was published.
        self.assertIn("«Khánh thành cầu dân sinh ở xã An Khánh»", page)
        self.assertIn("Chuyên mục: Thời sự", page)
        self.assertIn("Ngày đăng: 02/11/2026 08:00", page)
        self.assertLess(page.index('id="thong-tin-cai-chinh"'), page.index(BODY))
        data = json_ld_of(page)
        [comment] = data["correction"]
        self.assertEqual(comment["@type"], "CorrectionComment")
        self.assertEqual(comment["text"], "Cầu dài 45 m, không phải 54 m.")
        self.assertEqual(comment["name"], "Cải chính, xin lỗi")
        self.assertEqual(data["headline"], "Khánh thành cầu dân sinh ở xã An Khánh")
        home = self.client.get("/").content.decode()
        self.assertIn('id="trang-chu-cai-chinh"', home)
        self.assertIn("Cầu dài 45 m, không phải 54 m.", home)
        # The article taken down (the false item removed): the homepage still carries the correction.
        with self.captureOnCommitCallbacks(execute=True):
            services.article_takedown(actor=self.chief, article=self.article, reason="Thông tin sai sự thật.")
        home = self.client.get("/").content.decode()
        self.assertIn("Cầu dài 45 m, không phải 54 m.", home)
        self.assertNotIn(f'href="{self.article.url}#', home)

    def test_an_article_without_corrections_has_no_correction_property(self):
        page = self.client.get(self.article.url).content.decode()
        self.assertNotIn("correction", json_ld_of(page))
        self.assertNotIn("thong-tin-cai-chinh", page)

    def test_the_keep_online_period_is_data_and_refuses_removal_while_unverified_or_running(self):
        policy = DeadlinePolicy.objects.get(code=services.KEEP_ONLINE_POLICY)
        self.assertFalse(policy.versions.exists())
        self.assertIn("CHƯA XÁC MINH SỐ NGÀY", policy.description)
        with time_machine.travel(vn(2026, 12, 7, 10, 0), tick=False):
            correction = self.correct()
        self.assertIsNone(correction.keep_online_until)
        with self.assertRaises(ValidationError) as refused:
            services.correction_withdraw(actor=self.chief, correction=correction, reason="Hết thời hạn.")
        self.assertIn("Chưa xác minh số ngày", refused.exception.messages[0])
        with self.assertRaises(PermissionDenied):
            services.correction_withdraw(actor=self.editor, correction=correction, reason="x")
        # Staff record the version once the signed text is read. 9 is a test value, not the decree's.
        version = DeadlinePolicyVersion.objects.create(
            policy=policy,
            valid_from=dt.date(2026, 7, 1),
            amount=9,
            unit="calendar_days",
            instrument=LegalInstrument.objects.get(code="nd-237-2026"),
            article="19",
            clause="3",
            point="a",
        )
        with time_machine.travel(vn(2026, 12, 15, 10, 0), tick=False), self.assertRaises(ValidationError) as running:
            services.correction_withdraw(actor=self.chief, correction=correction, reason="Hết thời hạn.")
        self.assertIn("16/12/2026 10:00", running.exception.messages[0])
        with time_machine.travel(vn(2026, 12, 16, 10, 1), tick=False), self.captureOnCommitCallbacks(execute=True):
            services.correction_withdraw(actor=self.chief, correction=correction, reason="Hết thời hạn.")
        correction.refresh_from_db()
        self.assertEqual(correction.keep_online_version, version)
        self.assertTrue(version.is_in_use())
        self.assertNotContains(self.client.get(self.article.url), "Cầu dài 45 m")
        # Published after the version exists: the end is known from the start.
        with time_machine.travel(vn(2026, 12, 17, 9, 0), tick=False):
            second = self.correct(text="Khánh thành ngày 01/11, không phải 02/11.")
        self.assertEqual(second.keep_online_until, vn(2026, 12, 28, 17, 0))  # 26/12 is a Saturday

    def test_the_tools_page_records_corrections_and_republishers_and_is_closed_to_partners(self):
        url = reverse("newsroom:article_tools", args=[self.article.pk])
        self.login(self.liaison_b)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.editor)
        outlet = services.republisher_save(
            actor=self.editor, name="Báo Tin tức Thủ đô", email="toasoan@tintuc.example.vn", agreement_reference="12/TT"
        )
        response = self.client.post(url, {"action": "republication", "republisher": outlet.pk, "url": ""})
        self.assertRedirects(response, url)
        response = self.client.post(
            url,
            {
                "action": "correction",
                "kind": "cai_chinh",
                "trigger": "ket_luan",
                "authority": "Sở Văn hóa, Thể thao và Du lịch",
                "conclusion_number": "125/KL-SVHTTDL",
                "conclusion_date": "2026-12-05",
                "received_at": "2026-12-06T09:00",
                "false_content": "Cầu dài 54 m.",
                "text": "Cầu dài 45 m.",
            },
        )
        self.assertRedirects(response, url)
        correction = Correction.objects.get(article=self.article)
        self.assertEqual(correction.conclusion_number, "125/KL-SVHTTDL")
        self.assertEqual(correction.received_at, vn(2026, 12, 6, 9, 0))
        page = self.client.get(url)
        self.assertContains(page, "Báo Tin tức Thủ đô")
        self.assertContains(page, "toasoan@tintuc.example.vn")
        self.assertContains(page, "chưa xác minh số ngày")


class RepublisherAdminTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = cls.make_user("btv", "Đỗ Văn Hùng", cls.press, Role.EDITOR)

    def test_press_editors_keep_the_outlets_in_the_admin_through_the_service(self):
        self.login(self.editor)
        response = self.client.post(
            reverse("republishers:add"),
            {
                "name": "Báo Tin tức Thủ đô",
                "kind": "co_quan_bao_chi",
                "email": "toasoan@tintuc.example.vn",
                "agreement_reference": "số 7/2026/TT",
                "is_active": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        outlet = Republisher.objects.get(name="Báo Tin tức Thủ đô")
        created = AuditEvent.objects.filter(verb="newsroom.republisher_created", target_id=str(outlet.pk))
        self.assertTrue(created.exists())
        self.assertContains(self.client.get(reverse("republishers:index")), "Báo Tin tức Thủ đô")
        # No second outlet of that name.
        again = self.client.post(
            reverse("republishers:add"),
            {"name": "Báo Tin tức Thủ đô", "kind": "co_quan_bao_chi", "email": "a@b.vn", "agreement_reference": "x"},
        )
        self.assertEqual(again.status_code, 200)
        self.assertEqual(Republisher.objects.filter(name="Báo Tin tức Thủ đô").count(), 1)
        self.login(self.reporter)
        self.assertNotEqual(self.client.get(reverse("republishers:index")).status_code, 200)
        with self.assertRaises(PermissionDenied):
            services.republisher_save(actor=self.reporter, name="X", email="x@y.vn", agreement_reference="1")


class RepublisherNoticeTests(ArticleMixin, SMTPTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.article = cls.make_article()
        outlets: dict[str, Any] = {}
        for key, name, email in [
            ("took", "Báo Kinh tế Đô thị", "bandoc@kinhtedothi.example.vn"),
            ("refused", "Trang tin tổng hợp Hà Nội 24h", "tin@hn24h.example.vn"),
            ("other", "Báo Người Hà Nội", "toasoan@nguoihanoi.example.vn"),
            ("ended", "Tạp chí Làng nghề", "tapchi@langnghe.example.vn"),
        ]:
            outlets[key] = services.republisher_save(
                actor=cls.chief, name=name, email=email, agreement_reference=f"số {len(outlets) + 1}/2026/TT"
            )
        for key in ("took", "refused", "ended"):
            services.republication_record(actor=cls.chief, article=cls.article, republisher=outlets[key])
        services.republisher_save(
            actor=cls.chief,
            republisher=outlets["ended"],
            name=outlets["ended"].name,
            email=outlets["ended"].email,
            agreement_reference=outlets["ended"].agreement_reference,
            is_active=False,
        )
        cls.outlets = outlets

    def test_each_outlet_that_republished_gets_a_written_notice_logged_with_its_delivery(self):
        self.smtp.refuse.add("tin@hn24h.example.vn")
        with self.captureOnCommitCallbacks(execute=True):
            correction = services.correction_add(
                actor=self.chief,
                article=self.article,
                text="Cầu dài 45 m.",
                false_content="Cầu dài 54 m.",
            )
        [message] = self.received_by("bandoc@kinhtedothi.example.vn")
        self.assertEqual(
            subject_of(message).split("] ", 1)[-1],
            "Thông tin cải chính, xin lỗi: Khánh thành cầu dân sinh ở xã An Khánh",
        )
        text = text_of(message).replace("\r\n", "\n")
        self.assertIn("thông báo tới Báo Kinh tế Đô thị", text)
        self.assertIn("điểm c khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP", text)
        self.assertIn("theo thỏa thuận số 1/2026/TT", text)
        self.assertIn("Nội dung sai:\nCầu dài 54 m.", text)
        self.assertIn("Nội dung cải chính:\nCầu dài 45 m.", text)
        # Not republished, or the agreement ended: nobody writes to them.
        self.assertEqual(self.received_by("toasoan@nguoihanoi.example.vn"), [])
        self.assertEqual(self.received_by("tapchi@langnghe.example.vn"), [])
        notices = {n.republisher.name: n for n in CorrectionNotice.objects.filter(correction=correction)}
        self.assertEqual(set(notices), {"Báo Kinh tế Đô thị", "Trang tin tổng hợp Hà Nội 24h"})
        for notice in notices.values():
            notice.delivery.refresh_from_db()
        self.assertEqual(notices["Báo Kinh tế Đô thị"].delivery.status, Delivery.Status.SENT)
        self.assertEqual(notices["Trang tin tổng hợp Hà Nội 24h"].delivery.status, Delivery.Status.FAILED)
        self.assertEqual(notices["Trang tin tổng hợp Hà Nội 24h"].state_label, "Gửi lỗi")
        self.login(self.chief)
        tools = self.client.get(reverse("newsroom:article_tools", args=[self.article.pk]))
        self.assertContains(tools, "Gửi lỗi")
        self.assertContains(tools, "Đã gửi")

    def test_an_outlet_that_republished_or_was_told_is_not_deleted(self):
        with self.assertRaises(ValidationError):
            services.republisher_delete(actor=self.chief, republisher=self.outlets["took"])
        services.republisher_delete(actor=self.chief, republisher=self.outlets["other"])
        with self.assertRaises(ValidationError):
            services.republication_record(actor=self.chief, article=self.article, republisher=self.outlets["ended"])


class ResponseTests(ArticleMixin, PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = cls.make_user("btv", "Đỗ Văn Hùng", cls.press, Role.EDITOR)
        cls.article = cls.make_article()

    def publish(self, **kwargs):
        fields = {"actor": self.editor, "article": self.article, "received_at": vn(2026, 12, 7, 8, 0)}
        fields.update(kwargs)
        with self.captureOnCommitCallbacks(execute=True):
            return services.response_publish(**fields)

    def test_after_two_rounds_without_agreement_the_newspaper_may_stop(self):
        first = self.publish(
            responder="UBND xã An Khánh",
            responder_kind=ResponseThread.ResponderKind.BODY,
            text="Cầu do xã làm chủ đầu tư, không phải huyện.",
            press_note="Tòa soạn giữ nguyên thông tin về chủ đầu tư theo quyết định phê duyệt dự án.",
        )
        thread = first.thread
        self.assertFalse(services.response_can_stop(thread))
        with self.assertRaises(ValidationError):
            services.response_stop(actor=self.chief, thread=thread)
        second = self.publish(thread=thread, text="Xã đề nghị đăng lại quyết định giao chủ đầu tư.")
        self.assertEqual(second.number, 2)
        self.assertTrue(services.response_can_stop(thread))
        with self.assertRaises(PermissionDenied):
            services.response_stop(actor=self.editor, thread=thread)
        with self.captureOnCommitCallbacks(execute=True):
            services.response_stop(actor=self.chief, thread=thread, reason="Hai bên không nhất trí sau 02 lần.")
        with self.assertRaises(ValidationError):
            self.publish(thread=thread, text="Lần thứ ba.")
        page = self.client.get(self.article.url).content.decode()
        self.assertIn("Ý kiến phản hồi", page)
        self.assertIn("UBND xã An Khánh", page)
        self.assertIn("Lần 1", page)
        self.assertIn("Lần 2", page)
        self.assertIn("Tòa soạn giữ nguyên thông tin về chủ đầu tư", page)
        self.assertIn("ngừng đăng phản hồi này", page)
        self.assertNotIn("Lần thứ ba.", page)
        self.assertGreater(page.index("Ý kiến phản hồi"), page.index(BODY))

    def test_an_agreed_round_leaves_nothing_to_stop_and_a_responder_must_be_named(self):
        with self.assertRaises(ValidationError) as refused:
            self.publish(text="Phản hồi.")
        self.assertEqual(set(refused.exception.message_dict), {"responder", "responder_kind"})
        first = self.publish(
            responder="Ông Nguyễn Văn A", responder_kind="ca_nhan", text="Tôi không phát biểu như vậy."
        )
        self.publish(thread=first.thread, text="Đã thống nhất nội dung.", agreed=True)
        self.assertFalse(services.response_can_stop(first.thread))
        with self.assertRaises(PermissionDenied):
            self.publish(actor=self.reporter, thread=first.thread, text="x")


class DemoCorrectionTests(TestCase):
    """The demo's corrected article, with the outlet that republished it told by e-mail."""

    @classmethod
    def setUpTestData(cls):
        cls.logins = Path(tempfile.mkdtemp()) / "logins.json"
        story.load(logins_path=cls.logins)

    def test_the_demo_article_is_corrected_once_and_its_republisher_notified(self):
        story.load(logins_path=self.logins)  # idempotent
        [correction] = Correction.objects.all()
        self.assertEqual(correction.kind, Correction.Kind.BOTH)
        self.assertEqual(correction.trigger, Correction.Trigger.OWN_FINDING)
        self.assertFalse(correction.is_late)
        [notice] = CorrectionNotice.objects.filter(correction=correction)
        self.assertEqual(notice.address, "bandoc@thudo24h.example.vn")
        self.assertIsNotNone(notice.delivery)
        self.assertEqual(notice.delivery.channel, Delivery.Channel.EMAIL)
        article = correction.article.specific
        page = self.client.get(article.url)
        self.assertContains(page, "Thông tin cải chính, xin lỗi")
        self.assertContains(page, "hơn mười lăm năm")
        self.assertContains(page, "CorrectionComment")
        self.assertContains(self.client.get("/"), "hơn mười lăm năm")


class ResponseToolsPageTests(ArticleMixin, PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.article = cls.make_article()

    def test_stop_is_offered_after_the_second_round_and_works_from_the_page(self):
        url = reverse("newsroom:article_tools", args=[self.article.pk])
        self.login(self.chief)
        first = {
            "action": "response",
            "responder": "UBND xã An Khánh",
            "responder_kind": "co_quan",
            "received_at": "2026-12-07T08:00",
            "text": "Cầu do xã làm chủ đầu tư.",
        }
        self.assertRedirects(self.client.post(url, first), url)
        thread = ResponseThread.objects.get(article=self.article)
        self.assertNotContains(self.client.get(url), 'value="stop"')
        second = {"action": "response", "thread": thread.pk, "received_at": "2026-12-07T10:00", "text": "Lần hai."}
        self.assertRedirects(self.client.post(url, second), url)
        self.assertContains(self.client.get(url), 'value="stop"')
        self.assertRedirects(self.client.post(url, {"action": "stop", "thread": thread.pk, "reason": ""}), url)
        thread.refresh_from_db()
        self.assertIsNotNone(thread.stopped_at)
        self.assertEqual([r.number for r in thread.rounds.all()], [1, 2])
        page = self.client.get(url)
        self.assertNotContains(page, 'value="stop"')
        self.assertContains(page, "ngừng đăng từ")
