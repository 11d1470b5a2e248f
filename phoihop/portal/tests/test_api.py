"""Published articles through /api/v1/, public: the compact form and IPTC ninjs 3.0, validated
against IPTC's schema vendored in portal/vendor/ninjs/."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from phoihop.portal.tests.base import PortalTestCase, at, publish

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "vendor" / "ninjs" / "ninjs-schema_3.0.json"


def ninjs_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


class NinjsTests(PortalTestCase):
    def test_an_article_is_a_valid_ninjs_3_item_with_its_content(self):
        response = self.client.get(f"/api/v1/ninjs/articles/{self.article.pk}")
        self.assertEqual(response.status_code, 200)
        item = response.json()
        ninjs_validator().validate(item)
        self.assertEqual(item["headlines"][0]["value"], self.article.title)
        self.assertEqual(item["descriptions"][0]["value"], self.article.sapo)
        self.assertIn("Đoạn mở đầu về Đề án 06", item["bodies"][0]["value"])
        self.assertEqual(item["by"], "Bảo Thoa")
        self.assertEqual(item["firstCreated"], "2024-11-21T19:41:00+07:00")
        self.assertEqual(item["language"], "vi")
        self.assertEqual(item["standard"]["version"], "3.0")
        self.assertIn(
            {"name": "Chỉ đạo - Điều hành", "rel": "category", "literal": "chi-dao-dieu-hanh"}, item["subjects"]
        )
        self.assertIn("Đề án 06", [s["name"] for s in item["subjects"] if s["rel"] == "keyword"])
        self.assertTrue(item["uri"].startswith("http://localhost/"))
        self.assertTrue(item["renditions"][0]["href"].startswith("http://localhost/"))
        # Links inside the body point at the public origin, never at a bare path.
        self.assertNotRegex(item["bodies"][0]["value"], r'\ssrc="/')

    def test_the_paged_list_validates_item_by_item_and_the_schema_catches_a_bad_item(self):
        page = self.client.get("/api/v1/ninjs/articles", {"limit": 2}).json()
        self.assertEqual(page["count"], 3)
        self.assertEqual(len(page["results"]), 2)
        self.assertIsNotNone(page["next"])
        validator = ninjs_validator()
        for item in page["results"]:
            validator.validate(item)
        bad = {**page["results"][0], "pubStatus": "published"}
        with self.assertRaises(jsonschema.ValidationError):
            validator.validate(bad)

    def test_a_draft_or_unpublished_article_is_404(self):
        draft = publish(self.thoi_su, "Bản nháp", when=at(22), publish=False)
        self.assertEqual(self.client.get(f"/api/v1/ninjs/articles/{draft.pk}").status_code, 404)
        self.article.unpublish()
        response = self.client.get(f"/api/v1/ninjs/articles/{self.article.pk}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"].split(";")[0], "application/problem+json")
        ids = [row["id"] for row in self.client.get("/api/v1/articles").json()["results"]]
        self.assertNotIn(self.article.pk, ids)
        self.assertNotIn(draft.pk, ids)

    def test_compact_articles_filter_by_category_and_answer_304(self):
        page = self.client.get("/api/v1/articles", {"category": "thoi-su"}).json()
        self.assertEqual([row["title"] for row in page["results"]], [self.news.title])
        self.assertEqual(self.client.get("/api/v1/articles", {"category": "khong-co"}).json()["count"], 0)
        first = self.client.get(f"/api/v1/articles/{self.article.pk}")
        self.assertIn("cải cách hành chính", first.json()["body_html"])
        again = self.client.get(f"/api/v1/articles/{self.article.pk}", HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual(again.status_code, 304)
