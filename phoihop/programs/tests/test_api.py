"""Programmes and their figures through /api/v1/programs, with personal tokens."""

from __future__ import annotations

from typing import Any

from phoihop.accounts import tokens
from phoihop.exchange import services as exchange_services
from phoihop.testing import PersonaTestCase, make_program


class ProgramApiTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.program = make_program(cls)

    def bearer(self, user: Any) -> dict[str, Any]:
        return {"HTTP_AUTHORIZATION": "Bearer " + tokens.api_token_create(actor=None, user=user, name="t")[1]}

    def test_a_party_reads_its_programme_and_an_outsider_gets_404(self):
        mine = self.client.get("/api/v1/programs", **self.bearer(self.liaison_a)).json()
        self.assertEqual([row["title"] for row in mine["results"]], ["Chương trình phối hợp 2026"])
        body = self.client.get(f"/api/v1/programs/{self.program.pk}", **self.bearer(self.liaison_a)).json()
        self.assertEqual({p["name"] for p in body["parties"]}, {self.press.name, self.unit_a.name})
        self.assertEqual([t["title"] for t in body["themes"]], ["Chuyển đổi số", "Cải cách hành chính"])
        self.assertEqual(self.client.get("/api/v1/programs", **self.bearer(self.liaison_b)).json()["count"], 0)
        outsider = self.client.get(f"/api/v1/programs/{self.program.pk}", **self.bearer(self.liaison_b))
        self.assertEqual(outsider.status_code, 404)
        figures = self.client.get(f"/api/v1/programs/{self.program.pk}/figures", **self.bearer(self.liaison_b))
        self.assertEqual(figures.status_code, 404)

    def test_figures_count_what_the_catalogue_defines_for_leaders_only(self):
        exchange_services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Tin của chương trình", program=self.program
        )
        response = self.client.get(f"/api/v1/programs/{self.program.pk}/figures", **self.bearer(self.chief))
        self.assertEqual(response.status_code, 200)
        values = {row["key"]: row["value"] for row in response.json()["figures"]}
        self.assertEqual(values["submissions"], 1)
        self.assertEqual(values["articles"], 0)
        self.assertEqual(response.json()["period"]["kind"], "ca")
        leader = self.client.get(f"/api/v1/programs/{self.program.pk}/figures", **self.bearer(self.leader_a))
        self.assertEqual(leader.status_code, 200)
        # A liaison of a party sees the programme but not its figures, as on the dashboard.
        liaison = self.client.get(f"/api/v1/programs/{self.program.pk}/figures", **self.bearer(self.liaison_a))
        self.assertEqual(liaison.status_code, 403)
        quarter = self.client.get(
            f"/api/v1/programs/{self.program.pk}/figures",
            {"period": "quy", "year": "2026", "number": "1"},
            **self.bearer(self.chief),
        ).json()
        self.assertEqual(quarter["period"]["starts_on"], "2026-01-01")
        self.assertEqual(quarter["period"]["ends_on"], "2026-03-31")
