import time_machine
from django.urls import reverse

from phoihop.factcheck.models import Claim, Domain, Tip, Verdict, VerdictLabel
from phoihop.reports import periods, selectors
from phoihop.reports.models import ReportLayout
from phoihop.reports.tests.base import NOW, ReportsTestCase, at


class LayoutAdminTests(ReportsTestCase):
    def test_newsroom_leaders_edit_layouts_in_the_admin_and_it_is_audited(self):
        layout = ReportLayout.objects.get(kind="state")
        self.login(self.chief)
        listing = self.client.get("/admin/report_layouts/")
        self.assertContains(listing, "Nghị định 30/2020/NĐ-CP")
        self.assertContains(listing, "Hướng dẫn 36-HD/VPTW")
        self.assertEqual(self.client.get(f"/admin/report_layouts/edit/{layout.pk}/").status_code, 200)

    def test_reporters_and_partners_cannot_edit_layouts(self):
        layout = ReportLayout.objects.get(kind="state")
        for user in (self.reporter, self.leader_a):
            self.login(user)
            self.assertNotEqual(self.client.get(f"/admin/report_layouts/edit/{layout.pk}/").status_code, 200)

    def test_seeded_layouts_hold_the_rules_as_data(self):
        state = ReportLayout.objects.get(kind="state")
        party = ReportLayout.objects.get(kind="party")
        self.assertEqual((state.page_width_mm, state.page_height_mm), (210, 297))
        self.assertEqual(state.number_pattern, "Số: {n:02d}/BC-{code}")
        self.assertEqual(party.number_pattern, "Số {n}-BC/{code}")
        self.assertEqual((party.motto_line_1, party.motto_line_2), ("ĐẢNG CỘNG SẢN VIỆT NAM", ""))


@time_machine.travel(NOW, tick=False)
class ClaimFigureTests(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        domain = Domain.objects.order_by("pk").first() or Domain.objects.create(name="Xã hội", slug="xa-hoi")
        cls.domain = domain
        false_label = VerdictLabel.objects.create(name="Sai sự thật (thử)", slug="sai-thu", colour="#b91c1c")
        cls.false_label = false_label
        for i, (opened, approved) in enumerate(
            [(at(2026, 2, 3, 9), at(2026, 2, 10, 9)), (at(2026, 4, 2, 9), None), (at(2026, 4, 5, 9), at(2026, 4, 9, 9))]
        ):
            with time_machine.travel(opened, tick=False):
                claim = Claim.objects.create(reference=f"KC-T-{i}", title=f"Tin đồn {i}", domain=domain)
                Tip.objects.create(
                    reference=f"PA-T-{i}",
                    source="partner",
                    status="grouped",
                    claim=claim,
                    domain=domain,
                    description="Phản ánh của xã.",
                    organization=cls.unit_a_child,
                )
            if approved:
                Verdict.objects.create(
                    claim=claim,
                    label=false_label,
                    summary="Thông tin sai.",
                    status="approved",
                    drafted_by=cls.chief,
                    approved_by=cls.chief,
                    approved_at=approved,
                )
        # Another unit's claim never counts for this programme.
        with time_machine.travel(at(2026, 4, 3, 9), tick=False):
            other = Claim.objects.create(reference="KC-T-B", title="Tin đồn ở phường", domain=domain)
            Tip.objects.create(reference="PA-T-B", source="partner", status="grouped", claim=other, domain=domain,
                               description="Phản ánh của phường.", organization=cls.unit_b)  # fmt: skip

    def test_claims_received_and_concluded_by_label_in_the_period(self):
        program = self.program
        q2 = periods.make(periods.QUARTER, program.starts_on, program.ends_on, 2026, 2)
        summary = selectors.claim_summary(program, q2)
        self.assertEqual(summary.received, 2)
        self.assertEqual([(row.label, row.count) for row in summary.verdicts], [("Sai sự thật (thử)", 1)])
        whole = selectors.claim_summary(program, periods.make(periods.WHOLE, program.starts_on, program.ends_on,
                                                                 None, None))  # fmt: skip
        self.assertEqual((whole.received, whole.verdicts_total), (3, 2))
        self.login(self.chief)
        page = self.client.get(reverse("reports:dashboard", args=[program.pk]) + "?ky=quy&nam=2026&so=2")
        self.assertContains(page, "Sai sự thật (thử)")

    def test_a_claim_verified_with_a_party_unit_counts_at_once(self):
        """The issue's case: a public tip, a claim, an information request to the partner — without
        naming the programme — and the report said "0 hồ sơ kiểm chứng"."""
        from phoihop.deadlines.models import DeadlinePolicy
        from phoihop.factcheck import services as factcheck

        with time_machine.travel(at(2026, 5, 6, 9), tick=False):
            tip = factcheck.tip_submit_public(description="Tin đồn xã thu phí hồ sơ bồi thường.", domain=self.domain)
            claim = factcheck.claim_create(
                actor=self.chief, tip=tip, title="Xã thu phí hồ sơ bồi thường", domain=self.domain
            )
            may = periods.make(periods.MONTH, self.program.starts_on, self.program.ends_on, 2026, 5)
            self.assertEqual(selectors.figure_value("claims", self.program, may, NOW), 0)
            factcheck.claim_request_info(
                actor=self.chief,
                claim=claim,
                organization=self.unit_a,
                subject="Xác minh thông báo thu phí",
                questions="Xã có ban hành thông báo này không?",
                policy=DeadlinePolicy.objects.get(code="thuong"),
            )
        self.assertEqual(selectors.figure_value("claims", self.program, may, NOW), 1)
        self.assertEqual(selectors.figure_value("claims", self.other_program, may, NOW), 0)
        self.login(self.chief)
        page = self.client.get(reverse("reports:dashboard", args=[self.program.pk]) + "?ky=thang&nam=2026&so=5")
        self.assertContains(
            page,
            '<li id="kpi-claims"><span class="kpi-value">1</span>'
            '<span class="kpi-label">Hồ sơ kiểm chứng liên quan đến chương trình lập trong kỳ</span></li>',
            html=True,
        )
