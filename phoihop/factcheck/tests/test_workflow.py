"""From tip to rebuttal: grouping and matching, verification with the partner, the verdict and
its approval, the rebuttal article, its ClaimReview and the answers to the tipsters."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

import extruct
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.urls import reverse

from phoihop.deadlines.models import DeadlinePolicy
from phoihop.exchange import services as exchange_services
from phoihop.factcheck import services
from phoihop.factcheck.models import Claim, Tip, TipSuggestion, Verdict, VerdictLabel
from phoihop.factcheck.tests.base import RUMOUR, FactcheckTestCase
from phoihop.notifications.models import Delivery, Notification
from phoihop.portal.models import ArticlePage

PARAPHRASE = (
    "Nhà tôi có đất bị thu hồi, hôm nay có người gọi bảo nộp phí hồ sơ để nhận bồi thường đợt cuối ở xã "
    "Thanh Trì, họ gửi cả ảnh thông báo có dấu đỏ."
)
FORWARD = "Chuyển tiếp, nhờ Báo kiểm tra: " + RUMOUR
OTHER_PLACE = RUMOUR.replace("xã Thanh Trì", "phường Yên Sở").replace("30/11", "15/12")


class FactcheckFlowTestCase(FactcheckTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tip = cls.public_tip(
            contact_email="ban.doc@example.vn", suspect_url="https://facebook.com/groups/a/posts/1"
        )
        cls.claim = services.claim_create(
            actor=cls.editor,
            tip=cls.tip,
            title="Thông báo chi trả bồi thường đợt cuối ở xã Thanh Trì đòi nộp phí hồ sơ",
            domain=cls.domain,
        )
        cls.policy = DeadlinePolicy.objects.get(code="thuong")

    def approve_and_publish(self) -> ArticlePage:
        services.verdict_save(
            actor=self.editor,
            claim=self.claim,
            label=self.fake,
            summary="UBND xã Thanh Trì không ban hành văn bản này; việc chi trả không thu phí.",
            rests_on_authority=True,
            authority_name="UBND xã Thanh Trì",
            authority_document="Công văn số 123/UBND-VP ngày 25/11/2026",
        )
        services.verdict_approve(actor=self.chief, claim=self.claim)
        article = services.rebuttal_create_draft(actor=self.editor, claim=self.claim)
        # Wagtail's page_published → the task after the commit → the e-mails after theirs.
        with self.captureOnCommitCallbacks(execute=True):
            services.rebuttal_publish(actor=self.chief, claim=self.claim)
        article.refresh_from_db()
        return article


class GroupingTests(FactcheckFlowTestCase):
    def test_a_new_claim_starts_with_the_default_checklist_and_the_tips_address(self):
        self.tip.refresh_from_db()
        self.assertEqual(self.tip.status, Tip.Status.GROUPED)
        self.assertEqual(self.tip.grouped_by, self.editor)
        self.assertEqual(self.claim.appearance_url, "https://facebook.com/groups/a/posts/1")
        self.assertEqual(self.claim.checklist.count(), 6)
        self.assertTrue(self.claim.reference.startswith("KC-"))

    def test_a_forward_of_the_same_text_attaches_itself(self):
        tip = self.public_tip(FORWARD)
        self.assertEqual(tip.claim, self.claim)
        self.assertIsNone(tip.grouped_by)
        self.assertGreater(tip.match_score, services.thresholds()[1])

    def test_a_paraphrase_is_suggested_and_an_editor_confirms_it(self):
        tip = self.public_tip(PARAPHRASE)
        self.assertIsNone(tip.claim)
        suggestion = TipSuggestion.objects.get(tip=tip)
        self.assertEqual(suggestion.claim, self.claim)
        self.login(self.editor)
        page = self.client.get(tip.get_absolute_url())
        self.assertContains(page, "Gợi ý hồ sơ tương tự")
        self.assertContains(page, self.claim.reference)
        self.client.post(reverse("factcheck_workspace:tip_action", args=[tip.pk, "gom"]), {"claim": self.claim.pk})
        tip.refresh_from_db()
        self.assertEqual((tip.claim, tip.grouped_by), (self.claim, self.editor))

    def test_the_same_template_about_another_commune_is_only_suggested(self):
        tip = self.public_tip(OTHER_PLACE)
        self.assertIsNone(tip.claim)
        self.assertTrue(TipSuggestion.objects.filter(tip=tip, claim=self.claim).exists())

    def test_the_same_post_address_attaches_whatever_the_words(self):
        tip = self.public_tip("Bài này có thật không?", suspect_url="https://www.facebook.com/groups/a/posts/1/")
        self.assertEqual(tip.claim, self.claim)

    def test_an_unrelated_tip_gets_no_suggestion(self):
        tip = self.public_tip("Cắt điện diện rộng 3 ngày trong dịp Tết để bảo dưỡng lưới điện")
        self.assertIsNone(tip.claim)
        self.assertFalse(TipSuggestion.objects.filter(tip=tip).exists())

    def test_a_tip_can_be_dismissed_with_a_reason(self):
        tip = self.public_tip("quảng cáo bán hàng")
        with self.assertRaises(ValidationError):
            services.tip_dismiss(actor=self.editor, tip=tip, reason=" ")
        services.tip_dismiss(actor=self.editor, tip=tip, reason="Quảng cáo, không phải thông tin nghi vấn")
        tip.refresh_from_db()
        self.assertEqual(tip.status, Tip.Status.DISMISSED)

    def test_an_editor_opens_a_claim_from_the_tip_page(self):
        tip = self.public_tip("Cắt nước toàn xã 7 ngày để thay đường ống")
        self.login(self.editor)
        response = self.client.post(
            reverse("factcheck_workspace:tip_action", args=[tip.pk, "lap-ho-so"]),
            {"hs-title": "Cắt nước toàn xã 7 ngày", "hs-domain": self.domain.pk},
        )
        tip.refresh_from_db()
        self.assertRedirects(response, tip.claim.get_absolute_url())


class VerificationTests(FactcheckFlowTestCase):
    def test_checklist_evidence_notes_and_deadline_show_on_the_claim_page(self):
        self.login(self.reporter)
        url = reverse("factcheck_workspace:claim_action", args=[self.claim.pk, "buoc-kiem-tra"])
        self.client.post(url, {"bk-text": "Gọi điện cho văn phòng UBND xã"})
        item = self.claim.checklist.get(text="Gọi điện cho văn phòng UBND xã")
        self.client.post(reverse("factcheck_workspace:checklist_action", args=[self.claim.pk, item.pk, "danh-dau"]))
        self.client.post(
            reverse("factcheck_workspace:claim_action", args=[self.claim.pk, "bang-chung"]),
            {
                "bc-kind": "official",
                "bc-title": "Thông báo niêm yết",
                "bc-url": "ubnd.example.vn/tb/1",
                "bc-document_reference": "",
            },
        )
        self.client.post(
            reverse("factcheck_workspace:claim_action", args=[self.claim.pk, "bang-chung"]),
            {"bc-kind": "link", "bc-title": "Bài gốc", "bc-url": "https://facebook.com/groups/a/posts/1"},
        )
        self.client.post(
            reverse("factcheck_workspace:claim_action", args=[self.claim.pk, "ghi-chu"]),
            {"gc-body": "<b>Đã gọi</b> chị Hà"},
        )
        # A reporter does not set deadlines (403), an editor does.
        deadline = reverse("factcheck_workspace:claim_action", args=[self.claim.pk, "thoi-han"])
        self.assertEqual(self.client.post(deadline, {"th-policy": self.policy.pk}).status_code, 403)
        self.login(self.editor)
        self.client.post(deadline, {"th-policy": self.policy.pk})
        self.claim.refresh_from_db()
        self.assertIsNotNone(self.claim.due_at)
        page = self.client.get(self.claim.get_absolute_url())
        self.assertContains(page, "Bài gốc")
        self.assertNotContains(page, "Thông báo niêm yết")  # refused: an official document needs its number
        self.assertContains(page, "&lt;b&gt;Đã gọi&lt;/b&gt; chị Hà")
        self.assertContains(page, "☑ Gọi điện cho văn phòng UBND xã")
        self.assertContains(page, self.claim.due_at.astimezone().strftime("%d/%m/%Y"))

    def test_the_partners_answer_to_the_information_request_lands_on_the_claim(self):
        self.login(self.editor)
        self.client.post(
            reverse("factcheck_workspace:claim_action", args=[self.claim.pk, "de-nghi"]),
            {
                "dn-organization": self.unit_a.pk,
                "dn-subject": "Xác minh thông báo chi trả bồi thường",
                "dn-questions": "Xã có ban hành thông báo này không?",
                "dn-policy": self.policy.pk,
            },
        )
        link = self.claim.requests.get()
        request = link.info_request
        self.assertEqual(request.organization, self.unit_a)
        exchange_services.info_request_answer(
            actor=self.liaison_a, request=request, outcome="answered", answer="Xã không ban hành văn bản này."
        )
        page = self.client.get(self.claim.get_absolute_url())
        self.assertContains(page, "Xã không ban hành văn bản này.")
        self.assertContains(page, "Đã trả lời")
        self.assertContains(page, "Phạm Thu Hà")


class VerdictTests(FactcheckFlowTestCase):
    def draft(self, summary: str = "Văn bản giả mạo.", **kwargs: Any) -> Verdict:
        return services.verdict_save(actor=self.editor, claim=self.claim, label=self.fake, summary=summary, **kwargs)

    def test_labels_are_data_with_colour_and_meaning(self):
        labels = {label.name: label for label in VerdictLabel.objects.all()}
        self.assertEqual(set(labels), {"Tin giả", "Tin sai sự thật", "Tin xác thực"})
        self.assertTrue(all(label.colour.startswith("#") and label.description for label in labels.values()))

    def test_only_the_editor_in_chief_or_a_deputy_approves(self):
        self.draft()
        for person in (self.editor, self.reporter):
            with self.assertRaises(PermissionDenied):
                services.verdict_approve(actor=person, claim=self.claim)
        with self.assertRaises(Exception):  # noqa: B017 — a partner is not even in the press (404)
            services.verdict_approve(actor=self.leader_a, claim=self.claim)
        verdict = services.verdict_approve(actor=self.deputy, claim=self.claim)
        self.assertEqual((verdict.status, verdict.approved_by), (Verdict.Status.APPROVED, self.deputy))
        self.claim.refresh_from_db()
        self.assertEqual(self.claim.status, Claim.Status.VERDICT)

    def test_resting_on_an_authority_needs_its_document_and_a_change_needs_reapproval(self):
        with self.assertRaises(ValidationError):
            self.draft(rests_on_authority=True)
        self.draft()
        services.verdict_approve(actor=self.chief, claim=self.claim)
        verdict = self.draft(summary="Văn bản giả mạo; xã không thu phí.")
        self.assertEqual(verdict.status, Verdict.Status.DRAFT)
        self.assertIsNone(verdict.approved_by)

    def test_the_approve_button_answers_403_to_an_editor(self):
        self.draft()
        self.login(self.editor)
        url = reverse("factcheck_workspace:claim_action", args=[self.claim.pk, "duyet"])
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.chief)
        self.client.post(url)
        self.assertEqual(Verdict.objects.get().status, Verdict.Status.APPROVED)


class RebuttalTests(FactcheckFlowTestCase):
    def test_publishing_the_rebuttal_answers_every_tipster_once(self):
        second = self.public_tip(PARAPHRASE, contact_email="nguoi.thu.hai@example.vn")
        services.tip_attach(actor=self.editor, tip=second, claim=self.claim)
        partner_tip = services.tip_file(
            actor=self.liaison_a, organization=self.unit_a, description=FORWARD, domain=self.domain
        )
        self.assertEqual(partner_tip.claim, self.claim)
        mail.outbox.clear()
        article = self.approve_and_publish()
        self.assertTrue(article.live)
        self.assertEqual(article.get_parent().slug, "kiem-chung")
        recipients = sorted(address for m in mail.outbox for address in m.to)
        # The two readers who left an address, and the partner's liaison who filed the third tip.
        self.assertEqual(recipients, ["ban.doc@example.vn", "dm_a@example.vn", "nguoi.thu.hai@example.vn"])
        message = next(m for m in mail.outbox if "ban.doc@example.vn" in m.to)
        self.assertIn("Tin giả", message.subject)
        self.assertIn(f"/kiem-chung/{article.slug}/", message.body)
        self.assertTrue(Notification.objects.filter(recipient=self.liaison_a, verb="tip.answered").exists())
        # Publishing again (a correction) tells nobody twice.
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            article.save_revision(user=self.chief).publish(user=self.chief)
        self.assertEqual(mail.outbox, [])
        # The receipt sent when the tip arrived, and the one answer.
        self.assertEqual(Delivery.objects.filter(address="ban.doc@example.vn").count(), 2)

    def test_a_tip_matching_a_published_verdict_is_answered_at_once(self):
        article = self.approve_and_publish()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            tip = self.public_tip(FORWARD, contact_email="den.sau@example.vn")
        self.assertEqual(tip.claim, self.claim)
        self.assertIsNotNone(tip.answered_at)
        # The receipt, then the answer.
        self.assertEqual([m.to for m in mail.outbox], [["den.sau@example.vn"], ["den.sau@example.vn"]])
        self.assertIn(tip.reference, mail.outbox[0].subject)
        self.assertIn(article.title, mail.outbox[1].body)
        self.assertEqual(Claim.objects.get(pk=self.claim.pk).status, Claim.Status.PUBLISHED)

    def test_the_rebuttal_cannot_go_out_before_approval(self):
        services.verdict_save(actor=self.editor, claim=self.claim, label=self.fake, summary="Giả mạo.")
        services.rebuttal_create_draft(actor=self.editor, claim=self.claim)
        with self.assertRaises(ValidationError):
            services.rebuttal_publish(actor=self.chief, claim=self.claim)

    def test_an_existing_article_of_the_category_can_be_linked(self):
        from phoihop.portal.services import article_create, category_ensure

        services.verdict_save(actor=self.editor, claim=self.claim, label=self.fake, summary="Giả mạo.")
        services.verdict_approve(actor=self.chief, claim=self.claim)
        category = category_ensure(slug="kiem-chung", title="Kiểm chứng")
        mail.outbox.clear()
        article = article_create(actor=self.chief, category=category, title="Bài có sẵn", sapo="Sapo", publish=True)
        with self.captureOnCommitCallbacks(execute=True):
            services.rebuttal_link(actor=self.editor, claim=self.claim, article=article)
        self.assertEqual([m.to for m in mail.outbox], [["ban.doc@example.vn"]])
        elsewhere = article_create(
            actor=self.chief, category=category_ensure(slug="thoi-su", title="Thời sự"), title="Khác", sapo="S"
        )
        with self.assertRaises(ValidationError):
            services.rebuttal_link(actor=self.editor, claim=self.claim, article=elsewhere)


@override_settings(ALLOWED_HOSTS=["*"])
class ClaimReviewTests(FactcheckFlowTestCase):
    def render(self, page: object) -> str:
        request = RequestFactory().get("/")
        template = Template(
            "<html><head>{% load factcheck_tags %}{% claim_review_jsonld page %}{% claim_review_jsonld page %}"
            "</head><body></body></html>"
        )
        return template.render(Context({"page": page, "request": request}))

    def test_the_rebuttal_carries_one_claim_review_that_extruct_reads(self):
        self.claim.claimant_name = "Nhóm Cư dân Thanh Trì"
        self.claim.save()
        article = self.approve_and_publish()
        html = self.render(article)
        items = [i for i in extruct.extract(html, syntaxes=["json-ld"])["json-ld"] if i.get("@type") == "ClaimReview"]
        self.assertEqual(len(items), 1)
        review = items[0]
        self.assertEqual(review["claimReviewed"], self.claim.title)
        self.assertEqual(review["reviewRating"]["alternateName"], "Tin giả")
        self.assertEqual((review["reviewRating"]["ratingValue"], review["reviewRating"]["worstRating"]), (1, 1))
        self.assertEqual(review["reviewRating"]["bestRating"], 3)
        self.assertEqual(review["itemReviewed"]["@type"], "Claim")
        self.assertEqual(review["itemReviewed"]["appearance"][0]["url"], "https://facebook.com/groups/a/posts/1")
        self.assertEqual(review["itemReviewed"]["author"]["name"], "Nhóm Cư dân Thanh Trì")
        self.assertEqual(
            review["author"], {"@type": "Organization", "name": "Báo Lao động Thủ đô", "url": review["author"]["url"]}
        )
        self.assertTrue(review["url"].endswith(f"/kiem-chung/{article.slug}/"))
        self.assertTrue(review["datePublished"].startswith("20"))

    def test_the_rebuttal_page_itself_carries_one_claim_review(self):
        # Through the portal article page's "article_head_jsonld" slot (phoihop.portal.extensions).
        article = self.approve_and_publish()
        html = self.client.get(article.url).content.decode()
        items = [i for i in extruct.extract(html, syntaxes=["json-ld"])["json-ld"] if i.get("@type") == "ClaimReview"]
        self.assertEqual([item["claimReviewed"] for item in items], [self.claim.title])

    def test_renaming_a_verdict_label_shows_on_the_rebuttal_page_at_once(self):
        from phoihop.factcheck.models import Verdict

        article = self.approve_and_publish()
        self.assertContains(self.client.get(article.url), "Tin giả")
        label = Verdict.objects.get(rebuttal_id=article.pk).label
        label.name = "Thông tin sai sự thật"
        label.save()
        self.assertContains(self.client.get(article.url), "Thông tin sai sự thật")

    def test_other_pages_render_nothing_and_text_cannot_close_the_script(self):
        self.assertNotIn("ClaimReview", self.render(None))
        self.claim.title = "</script><script>alert(1)</script>"
        self.claim.save()
        article = self.approve_and_publish()
        html = self.render(article)
        self.assertEqual(html.count("<script"), 1)
        self.assertIn("\\u003c/script\\u003e", html)
        payload = html.split(">", 3)[3].rsplit("</script>", 1)[0]
        self.assertEqual(json.loads(payload)["claimReviewed"], "</script><script>alert(1)</script>")
        from phoihop.portal.services import article_create, category_ensure

        other = article_create(
            actor=self.chief, category=category_ensure(slug="thoi-su", title="Thời sự"), title="T", sapo="S"
        )
        self.assertNotIn("ClaimReview", self.render(other))


class PublicListTests(FactcheckFlowTestCase):
    def test_the_list_shows_published_verdicts_with_filters_and_articles_stay_with_wagtail(self):
        self.assertNotContains(self.client.get("/kiem-chung/"), self.claim.title)
        article = self.approve_and_publish()
        page = self.client.get("/kiem-chung/")
        self.assertContains(page, article.title)
        self.assertContains(page, "Tin giả")
        self.assertContains(self.client.get("/kiem-chung/?nhan=tin-gia&linh_vuc=kinh-te-tai-chinh"), article.title)
        self.assertNotContains(self.client.get("/kiem-chung/?nhan=tin-xac-thuc"), article.title)
        self.assertNotContains(self.client.get("/kiem-chung/?linh_vuc=y-te"), article.title)
        self.assertContains(self.client.get("/kiem-chung/?trang=99"), article.title)  # the last page
        self.assertContains(self.client.get(f"/kiem-chung/{article.slug}/"), article.title)


class VerdictBoxTests(FactcheckFlowTestCase):
    """The verdict box above a rebuttal's body, through the portal's "article_before_body" slot."""

    def box(self, html: str) -> str:
        start = html.index('<aside class="fc-box"')
        return html[start : html.index("</aside>", start)]

    def test_the_rebuttal_page_shows_label_claim_summary_authority_and_date(self):
        article = self.approve_and_publish()
        html = self.client.get(article.url).content.decode()
        self.assertEqual(html.count('class="fc-box"'), 1)
        box = self.box(html)
        verdict = Verdict.objects.get(rebuttal_id=article.pk)
        self.assertIn(f'style="--fc-colour: {self.fake.colour}"', box)
        self.assertIn('<span class="fc-label">Tin giả</span>', box)
        self.assertIn(f'<dd class="fc-claim">{self.claim.title}</dd>', box)
        self.assertIn("UBND xã Thanh Trì không ban hành văn bản này; việc chi trả không thu phí.", box)
        self.assertIn("Công văn số 123/UBND-VP ngày 25/11/2026 của UBND xã Thanh Trì", box)
        local = verdict.published_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
        self.assertIn(f">{local:%d/%m/%Y %H:%M}</time>", box)
        # The box comes before the body; factcheck's styles come with it.
        self.assertLess(html.index('class="fc-box"'), html.index('<div class="body">'))
        self.assertIn('href="/static/factcheck/factcheck.css"', html)

    def test_a_verdict_not_resting_on_an_authority_shows_no_basis(self):
        services.verdict_save(actor=self.editor, claim=self.claim, label=self.fake, summary="Không có đợt chi trả.")
        services.verdict_approve(actor=self.chief, claim=self.claim)
        article = services.rebuttal_create_draft(actor=self.editor, claim=self.claim)
        with self.captureOnCommitCallbacks(execute=True):
            services.rebuttal_publish(actor=self.chief, claim=self.claim)
        box = self.box(self.client.get(article.url).content.decode())
        self.assertIn("Không có đợt chi trả.", box)
        self.assertNotIn("Căn cứ", box)

    def test_everything_in_the_box_is_escaped(self):
        self.claim.title = '<img src=x onerror="alert(1)">'
        self.claim.save()
        services.verdict_save(
            actor=self.editor,
            claim=self.claim,
            label=self.fake,
            summary="<script>alert(2)</script>",
            rests_on_authority=True,
            authority_name="<b>UBND</b>",
            authority_document="<i>CV 1</i>",
        )
        services.verdict_approve(actor=self.chief, claim=self.claim)
        article = services.rebuttal_create_draft(actor=self.editor, claim=self.claim)
        with self.captureOnCommitCallbacks(execute=True):
            services.rebuttal_publish(actor=self.chief, claim=self.claim)
        box = self.box(self.client.get(article.url).content.decode())
        for raw in ("<img", "<script", "<b>", "<i>"):
            self.assertNotIn(raw, box)
        self.assertIn("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;", box)
        self.assertIn("&lt;script&gt;alert(2)&lt;/script&gt;", box)

    def test_other_articles_have_no_verdict_box(self):
        article = self.approve_and_publish()
        from phoihop.portal.models import CategoryPage
        from phoihop.portal.services import article_create

        other = article_create(
            actor=None, category=CategoryPage.objects.get(pk=article.get_parent().pk), title="Tin khác", sapo="Tóm tắt."
        )
        self.assertNotIn("fc-box", self.client.get(other.url).content.decode())
