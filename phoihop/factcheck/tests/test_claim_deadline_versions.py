"""A claim's verification deadline keeps the rules it was set under (#13): the policy version in force
on the day, its legal basis on the claim page, and the deadline form offers only rules in force."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from django.utils import timezone

from phoihop.deadlines.models import DeadlinePolicy
from phoihop.factcheck import services
from phoihop.factcheck.forms import ClaimRequestForm, DeadlineForm
from phoihop.factcheck.tests.base import FactcheckTestCase

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class ClaimDeadlineVersionTests(FactcheckTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.claim = services.claim_create(
            actor=cls.editor, tip=cls.public_tip(), title="Tin đồn thu phí hồ sơ bồi thường", domain=cls.domain
        )
        cls.policy = DeadlinePolicy.objects.get(code="thuong")

    def set_deadline(self, moment: dt.datetime) -> None:
        with time_machine.travel(moment, tick=False):
            services.claim_set_deadline(actor=self.editor, claim=self.claim, policy=self.policy)
        self.claim.refresh_from_db()

    def test_a_deadline_set_now_keeps_the_2026_rule_and_shows_its_basis(self):
        self.set_deadline(dt.datetime(2026, 12, 7, 9, 0, tzinfo=VN))
        version = self.claim.deadline_policy_version
        self.assertEqual(version, self.policy.version_for(dt.date(2026, 12, 7)))
        self.assertIn("244/2026", version.legal_basis)
        # Five working days from Monday 07/12/2026 09:00: Monday 14/12/2026.
        self.assertEqual(self.claim.due_at.astimezone(VN).date(), dt.date(2026, 12, 14))
        self.client.force_login(self.editor)
        page = self.client.get(reverse("factcheck_workspace:claim", args=[self.claim.pk]))
        self.assertContains(page, "14/12/2026")
        self.assertContains(page, 'id="can-cu-han"')
        self.assertContains(page, "Nghị định 244/2026/NĐ-CP")

    def test_a_deadline_set_before_july_2026_keeps_the_repealed_decree_it_was_set_under(self):
        self.set_deadline(dt.datetime(2026, 6, 22, 9, 0, tzinfo=VN))
        self.assertIn("09/2017", self.claim.deadline_policy_version.legal_basis)
        # Read after the new rules came in, the claim still cites what it was computed under.
        with time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=VN), tick=False):
            self.client.force_login(self.editor)
            page = self.client.get(reverse("factcheck_workspace:claim", args=[self.claim.pk]))
        self.assertContains(page, "09/2017")
        self.assertNotContains(page, "Nghị định 244/2026/NĐ-CP")

    def test_the_forms_offer_only_request_rules_in_force_today(self):
        statement_rule = DeadlinePolicy.objects.get(code="phat-ngon-ban-dau")
        for form in (DeadlineForm(), ClaimRequestForm()):
            offered = set(form.fields["policy"].queryset.values_list("code", flat=True))
            self.assertIn("thuong", offered)
            self.assertNotIn(statement_rule.code, offered)
        # A request rule whose only version ended yesterday is no longer offered.
        version = self.policy.version_for(timezone.localdate())
        version.valid_until = timezone.localdate() - dt.timedelta(days=1)
        version.save(update_fields=["valid_until"])
        self.assertNotIn("thuong", set(DeadlineForm().fields["policy"].queryset.values_list("code", flat=True)))
