"""Suggestions as the reader types (/tim-kiem/goi-y/ and GET /api/v1/search/suggest), and the
search page's notices for the recoveries (partial matches, Telex/VNI, did you mean)."""

import re
from unittest import mock

from django.urls import reverse

from phoihop.search import selectors
from phoihop.search.selectors import suggest
from phoihop.search.tests.test_article_search import SearchCase


class SuggestCase(SearchCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.old = cls.article("Đại hội Đảng bộ xã nhiệm kỳ 2020", day=1, tags=["Đại hội Đảng"])
        cls.new = cls.article("Chuẩn bị đại hội đại biểu", day=2, tags=["Đại hội Đảng", "Bầu cử"])
        cls.phrase = cls.article("Hội nghị bàn về đại hội", day=3)
        cls.other = cls.article("Thời tiết cuối tuần", day=4, tags=["Thời tiết"])


class SuggestTests(SuggestCase):
    def test_headlines_phrase_first_then_newest(self):
        labels = [item.label for item in suggest("dai hoi") if item.kind == "article"]
        # "đại hội" as a phrase in all three; newest first
        self.assertEqual(labels, [self.phrase.title, self.new.title, self.old.title])
        labels = [item.label for item in suggest("hoi dai") if item.kind == "article"]
        # the words in another order: every title holding both, none as the phrase "hội đại"
        self.assertEqual(set(labels), {self.phrase.title, self.new.title, self.old.title})

    def test_older_titles_through_the_index(self):
        # PostgreSQL reads the newest titles first and the others through the GIN index: the same list
        expected = [item.label for item in suggest("dai hoi")]
        with mock.patch.object(selectors, "SUGGEST_WINDOW", 1):
            self.assertEqual([item.label for item in suggest("dai hoi")], expected)

    def test_last_word_is_a_prefix(self):
        labels = [item.label for item in suggest("Đại h") if item.kind == "article"]
        self.assertIn(self.old.title, labels)
        self.assertEqual([item.label for item in suggest("thoi ti") if item.kind == "article"], [self.other.title])

    def test_tags_most_used_first(self):
        tags = [(item.label, item.url) for item in suggest("dai hoi") if item.kind == "tag"]
        self.assertEqual(tags, [("Đại hội Đảng", reverse("portal:tag", args=["dai-hoi-dang"]))])
        # a word inside the tag's name, as a prefix
        self.assertEqual([item.label for item in suggest("bau") if item.kind == "tag"], ["Bầu cử"])

    def test_telex_words_before_the_last(self):
        labels = [item.label for item in suggest("ddaij ho") if item.kind == "article"]
        self.assertIn(self.new.title, labels)

    def test_too_short_or_nothing(self):
        self.assertEqual(suggest("d"), [])
        self.assertEqual(suggest(""), [])
        self.assertEqual(suggest("zzzz"), [])

    def test_endpoint(self):
        response = self.client.get(reverse("search:suggest"), {"q": "thoi ti"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn("max-age=60", response["Cache-Control"])
        data = response.json()
        self.assertEqual(data["q"], "thoi ti")
        self.assertEqual(data["suggestions"][0], {"kind": "article", "label": self.other.title, "url": self.other.url})
        self.assertEqual(data["suggestions"][1]["kind"], "tag")

    def test_api(self):
        response = self.client.get("/api/v1/search/suggest", {"q": "thoi ti"})
        self.assertEqual(response.status_code, 200)
        first = response.json()["suggestions"][0]
        self.assertEqual(first["label"], self.other.title)
        self.assertTrue(first["url"].startswith("http"), first["url"])
        self.assertTrue(first["url"].endswith(self.other.url))
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertIn("/api/v1/search/suggest", schema["paths"])
        self.assertEqual(self.client.get("/api/v1/search/suggest", {"q": "x" * 101}).status_code, 422)


class SearchApiTests(SuggestCase):
    def test_the_search_api_says_what_it_recovered(self):
        data = self.client.get("/api/v1/search", {"q": "ddaij hooij"}).json()
        self.assertEqual((data["query"], data["typed"]), ("đại hội", "ddaij hooij"))
        self.assertIn(self.new.title, [result["title"] for result in data["results"]])
        data = self.client.get("/api/v1/search", {"q": "đại hội thời tiết"}).json()
        self.assertEqual(data["results"], [])
        # the "đại hội" articles hold three of the four words (their category "Thời sự" gives "thời"),
        # newest first; the weather holds two
        titles = [result["title"] for result in data["partial"]]
        self.assertEqual(titles, [self.phrase.title, self.new.title, self.old.title, self.other.title])
        self.assertTrue(data["partial"][0]["url"].startswith("http"))


class SearchPageTests(SuggestCase):
    def page(self, **params):
        response = self.client.get(reverse("search:search"), params)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_script_is_a_static_file_and_the_box_says_where_to_ask(self):
        html = self.page(q="đại hội")
        self.assertRegex(html, r'<script src="[^"]*search/suggest\.js" defer></script>')
        self.assertIn(f'data-suggest-url="{reverse("search:suggest")}"', html)
        # no inline script on the page (CSP: scripts need a file or the nonce)
        self.assertEqual(re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html), [])

    def test_partial_matches_are_announced(self):
        html = self.page(q="đại hội thời tiết")
        self.assertIn("Không có bài chứa đủ mọi từ; kết quả gần nhất", html)
        self.assertIn("Có 2/4 từ", html)
        self.assertIn("Thiếu:", html)

    def test_telex_reading_with_a_way_back(self):
        html = self.page(q="ddaij hooij")
        self.assertIn("Hiển thị kết quả cho “đại hội”", html)
        self.assertIn("chinh-xac=1", html)
        self.assertIn(self.new.title, html)
        exact = self.page(q="ddaij hooij", **{"chinh-xac": "1"})
        self.assertNotIn("Hiển thị kết quả cho", exact)
        self.assertNotIn(self.new.title, exact)

    def test_did_you_mean(self):
        html = self.page(q="thoi tiep cuoi tuan")  # a typo, not keystrokes: "tiep" for "tiết"
        self.assertIn("Có phải bạn muốn tìm:", html)
        self.assertIn(">thời tiết cuối tuần</a>", html)
        self.assertNotIn("Hiển thị kết quả cho", html)
