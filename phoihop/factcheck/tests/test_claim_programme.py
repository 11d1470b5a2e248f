"""Which programme a claim concerns (`selectors.program_claims`, also the programme's figures), and
the rebuttal draft starting under it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from phoihop.accounts.models import Organization
from phoihop.deadlines.models import DeadlinePolicy
from phoihop.factcheck import selectors, services
from phoihop.factcheck.tests.base import FactcheckTestCase
from phoihop.portal.models import ArticlePage
from phoihop.testing import make_program

OPENED = dt.datetime(2026, 5, 6, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


class ClaimProgrammeTests(FactcheckTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = make_program(cls)
        cls.program_b = make_program(cls, title="Chương trình với phường", parties=[cls.press, cls.unit_b], themes=())

    def claim(self, title: str, ask: Organization | None = None):
        """A claim from a reader's tip; the newsroom asks `ask` (a partner unit) about it, naming no
        programme, as the claim page does."""
        with time_machine.travel(OPENED, tick=False):
            tip = self.public_tip(f"Tin đồn: {title}. Chuyển tiền phí hồ sơ để nhận tiền sớm.")
            claim = services.claim_create(actor=self.editor, tip=tip, title=title, domain=self.domain)
            if ask is not None:
                services.claim_request_info(
                    actor=self.editor,
                    claim=claim,
                    organization=ask,
                    subject="Xác minh thông tin",
                    questions="Đơn vị có ban hành văn bản này không?",
                    policy=DeadlinePolicy.objects.get(code="thuong"),
                )
        return claim

    def rebuttal(self, claim):
        services.verdict_save(actor=self.editor, claim=claim, label=self.fake, summary="Thông tin sai sự thật.")
        services.verdict_approve(actor=self.chief, claim=claim)
        return ArticlePage.objects.get(pk=services.rebuttal_create_draft(actor=self.editor, claim=claim).pk)

    def test_a_claim_verified_with_a_party_unit_concerns_its_programme_and_the_rebuttal_starts_there(self):
        claim = self.claim("Xã thu phí hồ sơ bồi thường", ask=self.unit_a_child)  # a unit below the party
        self.assertIn(claim, selectors.program_claims(self.program))
        self.assertNotIn(claim, selectors.program_claims(self.program_b))
        self.assertEqual(selectors.claim_program(claim), self.program)
        article = self.rebuttal(claim)
        self.assertEqual((article.program, list(article.themes.all())), (self.program, []))
        self.assertFalse(article.live)

    def test_a_claim_about_no_programme_or_several_starts_without_one(self):
        lone = self.claim("Tin đồn không rõ nơi", ask=None)
        self.assertIsNone(selectors.claim_program(lone))
        self.assertIsNone(self.rebuttal(lone).program)
        both = self.claim("Tin đồn ở hai nơi", ask=self.unit_a)
        with time_machine.travel(OPENED, tick=False):
            services.claim_request_info(
                actor=self.editor,
                claim=both,
                organization=self.unit_b,
                subject="Xác minh ở phường",
                questions="Phường có ban hành văn bản này không?",
                policy=DeadlinePolicy.objects.get(code="thuong"),
            )
        self.assertEqual(
            {p.pk for p in (self.program, self.program_b) if selectors.program_claims(p).filter(pk=both.pk).exists()},
            {self.program.pk, self.program_b.pk},
        )
        self.assertIsNone(selectors.claim_program(both))  # the editor chooses in Wagtail

    def test_a_claim_outside_the_programmes_dates_is_not_carried(self):
        with time_machine.travel(dt.datetime(2027, 2, 1, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
            tip = self.public_tip("Tin đồn năm sau: nộp phí hồ sơ để nhận tiền bồi thường sớm.")
            claim = services.claim_create(actor=self.editor, tip=tip, title="Tin đồn năm sau", domain=self.domain)
            services.claim_request_info(
                actor=self.editor,
                claim=claim,
                organization=self.unit_a,
                subject="Xác minh",
                questions="Có văn bản này không?",
                policy=DeadlinePolicy.objects.get(code="thuong"),
            )
        self.assertIn(claim, selectors.program_claims(self.program))  # it concerns the unit's programme…
        self.assertIsNone(selectors.claim_program(claim))  # …which had ended when the claim was opened
