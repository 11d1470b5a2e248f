"""Published verdicts through /api/v1/verdicts, public."""

from __future__ import annotations

from phoihop.factcheck.tests.test_workflow import FactcheckFlowTestCase


class VerdictApiTests(FactcheckFlowTestCase):
    def test_a_verdict_is_listed_only_once_its_rebuttal_is_live(self):
        self.assertEqual(self.client.get("/api/v1/verdicts").json()["count"], 0)
        article = self.approve_and_publish()
        page = self.client.get("/api/v1/verdicts").json()
        self.assertEqual(page["count"], 1)
        verdict = page["results"][0]
        self.assertEqual(verdict["label"]["slug"], "tin-gia")
        self.assertEqual(verdict["claim"], self.claim.title)
        self.assertTrue(verdict["rests_on_authority"])
        self.assertTrue(verdict["article_url"].startswith("http://localhost/"))
        one = self.client.get(f"/api/v1/verdicts/{verdict['id']}")
        self.assertEqual(one.json()["summary"], verdict["summary"])
        self.assertEqual(self.client.get("/api/v1/verdicts", {"label": "khong-co"}).json()["count"], 0)
        self.assertEqual(self.client.get("/api/v1/verdicts", {"label": "tin-gia"}).json()["count"], 1)
        article.unpublish()
        self.assertEqual(self.client.get(f"/api/v1/verdicts/{verdict['id']}").status_code, 404)
        self.assertEqual(self.client.get("/api/v1/verdicts").json()["count"], 0)
