"""The tipster's receipt and private status page (/kiem-chung/theo-doi/<token>/): no account, one
page per state, 404 for anything but the tip's own live token, nothing of the desk's inside."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from phoihop.factcheck import services, spam
from phoihop.factcheck.models import Tip
from phoihop.factcheck.tests.base import RUMOUR
from phoihop.factcheck.tests.test_workflow import PARAPHRASE, FactcheckFlowTestCase

LINK = re.compile(r"https?://\S+/kiem-chung/theo-doi/[\w-]+/")


def status_link(message: Any) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(0)


class ReceiptTests(FactcheckFlowTestCase):
    def setUp(self) -> None:
        cache.clear()

    def submit(self, **kwargs: Any) -> Tip:
        with self.captureOnCommitCallbacks(execute=True):
            return self.public_tip(PARAPHRASE + " Mới.", **kwargs)

    def test_the_receipt_mail_gives_the_reference_and_a_working_private_link(self):
        mail.outbox.clear()
        tip = self.submit(contact_email="nguoi.gui@example.vn")
        self.assertEqual([m.to for m in mail.outbox], [["nguoi.gui@example.vn"]])
        message = mail.outbox[0]
        self.assertIn(tip.reference, message.subject)
        self.assertIn("Báo đã nhận phản ánh", message.body)
        self.assertIn(tip.reference, message.body)
        link = status_link(message)
        # Only a hash is stored: the link's token is not in the database.
        token = link.rstrip("/").rsplit("/", 1)[-1]
        self.assertNotIn(token, tip.status_token_hash)
        self.assertEqual(len(Tip.objects.get(pk=tip.pk).status_token_hash), 64)
        page = self.client.get(link)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, tip.reference)
        self.assertContains(page, "Đã nhận")

    def test_a_partner_tip_has_no_link_and_sends_no_receipt(self):
        mail.outbox.clear()
        tip = services.tip_file(
            actor=self.liaison_a, organization=self.unit_a, description="Tin lạ về giá điện.", domain=self.domain
        )
        self.assertEqual(tip.status_token_hash, "")
        self.assertEqual(mail.outbox, [])


@override_settings(PHOIHOP_FACTCHECK_MIN_FILL_SECONDS=0)
class ConfirmationPageTests(FactcheckFlowTestCase):
    def setUp(self) -> None:
        cache.clear()

    def post(self, **fields: Any) -> Any:
        data = {"description": "Tin đồn về học phí năm học mới ở xã An Khánh.", "domain": str(self.domain.pk)}
        data.update(fields, started=spam.form_stamp())
        return self.client.post(reverse("factcheck:tip_new"), data, REMOTE_ADDR="198.51.100.9")

    def test_without_an_email_the_link_is_shown_once(self):
        self.assertRedirects(self.post(), reverse("factcheck:tip_sent"), fetch_redirect_response=False)
        first = self.client.get(reverse("factcheck:tip_sent"))
        self.assertContains(first, "Đường dẫn riêng để theo dõi phản ánh")
        link = re.search(r'href="(https?://[^"]+/kiem-chung/theo-doi/[\w-]+/)"', first.content.decode())
        assert link
        self.assertContains(self.client.get(link.group(1)), "Đã nhận")
        again = self.client.get(reverse("factcheck:tip_sent"))
        self.assertNotContains(again, "/kiem-chung/theo-doi/")

    def test_with_an_email_the_page_says_the_link_was_mailed(self):
        self.post(contact_email="co.thu@example.vn")
        page = self.client.get(reverse("factcheck:tip_sent"))
        self.assertNotContains(page, "/kiem-chung/theo-doi/")
        self.assertContains(page, "Báo đã gửi thư xác nhận")


class StatusPageTests(FactcheckFlowTestCase):
    def setUp(self) -> None:
        cache.clear()

    def tip_and_link(self, description: str = "Tin đồn cắt điện toàn xã An Khánh ngày 01/12.") -> tuple[Tip, str]:
        tip = self.public_tip(description, contact_email="")
        return tip, services.tip_status_path(tip.status_token)

    def test_a_new_tip_reads_received_with_what_was_sent_and_no_contact_or_staff_data(self):
        tip, link = self.tip_and_link()
        page = self.client.get(link)
        self.assertContains(page, "Đã nhận")
        self.assertContains(page, "Tin đồn cắt điện toàn xã An Khánh ngày 01/12.")
        self.assertContains(page, timezone.localtime(tip.created_at).strftime("%d/%m/%Y %H:%M"))
        self.assertContains(page, '<meta name="robots" content="noindex, nofollow">', html=False)
        self.assertEqual(page["X-Robots-Tag"], "noindex, nofollow")
        self.assertEqual(page["Referrer-Policy"], "no-referrer")

    def test_the_grouped_tip_reads_checking_and_leaks_no_note_nor_other_tip(self):
        services.note_add(actor=self.editor, claim=self.claim, body="Ghi chú nội bộ: nguồn tin là ông X.")
        tip, link = self.tip_and_link(PARAPHRASE)
        services.tip_attach(actor=self.editor, tip=tip, claim=self.claim)
        page = self.client.get(link)
        self.assertContains(page, "Đang xác minh")
        self.assertNotContains(page, "Ghi chú nội bộ")
        self.assertNotContains(page, RUMOUR)  # the class fixture's tip, another person's words
        self.assertNotContains(page, "ban.doc@example.vn")
        self.assertNotContains(page, self.claim.reference)

    def test_an_approved_but_unpublished_verdict_is_not_shown(self):
        tip, link = self.tip_and_link(PARAPHRASE)
        services.tip_attach(actor=self.editor, tip=tip, claim=self.claim)
        services.verdict_save(actor=self.editor, claim=self.claim, label=self.fake, summary="Bí mật chưa đăng.")
        services.verdict_approve(actor=self.chief, claim=self.claim)
        page = self.client.get(link)
        self.assertContains(page, "Đang xác minh")
        self.assertNotContains(page, "Bí mật chưa đăng.")

    def test_the_published_verdict_links_the_rebuttal(self):
        tip, link = self.tip_and_link(PARAPHRASE)
        services.tip_attach(actor=self.editor, tip=tip, claim=self.claim)
        article = self.approve_and_publish()
        page = self.client.get(link)
        self.assertContains(page, "Đã có kết luận")
        self.assertContains(page, "Tin giả")
        self.assertContains(page, f"/kiem-chung/{article.slug}/")

    def test_a_dismissed_tip_gives_the_desks_reason(self):
        tip, link = self.tip_and_link()
        services.tip_dismiss(actor=self.editor, tip=tip, reason="Nội dung quảng cáo, không phải thông tin nghi vấn.")
        page = self.client.get(link)
        self.assertContains(page, "Không xử lý")
        self.assertContains(page, "Nội dung quảng cáo, không phải thông tin nghi vấn.")

    def test_a_dismissed_claim_gives_its_reason(self):
        tip, link = self.tip_and_link(PARAPHRASE)
        services.tip_attach(actor=self.editor, tip=tip, claim=self.claim)
        services.claim_dismiss(actor=self.editor, claim=self.claim, reason="Thông tin đã cũ, không còn lan truyền.")
        page = self.client.get(link)
        self.assertContains(page, "Không xử lý")
        self.assertContains(page, "Thông tin đã cũ, không còn lan truyền.")

    def test_a_wrong_token_or_another_tips_hash_is_404(self):
        tip, _link = self.tip_and_link()
        self.assertEqual(self.client.get(services.tip_status_path("khong-dung-token-nao")).status_code, 404)
        # The stored hash is not a key to the page either.
        self.assertEqual(self.client.get(services.tip_status_path(tip.status_token_hash)).status_code, 404)

    def test_each_link_opens_only_its_own_tip(self):
        first, _first_link = self.tip_and_link("Tin đồn thứ nhất về giá xăng.")
        second, second_link = self.tip_and_link("Tin đồn thứ hai về học phí.")
        page = self.client.get(second_link)
        self.assertContains(page, second.reference)
        self.assertNotContains(page, first.reference)
        self.assertNotContains(page, "Tin đồn thứ nhất")

    def test_a_revoked_link_is_404_and_only_editors_revoke(self):
        tip, link = self.tip_and_link()
        self.client.force_login(self.liaison_a)
        url = reverse("factcheck_workspace:tip_action", args=[tip.pk, "thu-hoi-lien-ket"])
        self.assertIn(self.client.post(url).status_code, (403, 404))
        self.assertEqual(self.client.get(link).status_code, 200)
        self.client.force_login(self.editor)
        self.assertRedirects(self.client.post(url), tip.get_absolute_url())
        self.client.logout()
        self.assertEqual(self.client.get(link).status_code, 404)

    def test_the_page_is_rate_limited_per_address(self):
        from phoihop.factcheck import views

        _tip, link = self.tip_and_link()
        for _ in range(views.STATUS_LOOKUPS):
            self.assertEqual(self.client.get(link, REMOTE_ADDR="192.0.2.44").status_code, 200)
        refused = self.client.get(link, REMOTE_ADDR="192.0.2.44")
        self.assertEqual(refused.status_code, 429)
        self.assertContains(refused, "quá nhiều lần", status_code=429)
        self.assertEqual(self.client.get(link, REMOTE_ADDR="192.0.2.45").status_code, 200)
