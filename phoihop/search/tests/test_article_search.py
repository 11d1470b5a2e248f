"""The public article search as readers meet it: /tim-kiem/, the JSON API and the ranking rules.

These tests run on whatever database the suite runs on; CI runs them on SQLite and on PostgreSQL,
and the expected orders below are the same for both.
"""

import datetime as dt
import io
import unicodedata
from unittest import mock
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from phoihop.portal import services as portal
from phoihop.search import engine, services
from phoihop.search.models import ArticleDocument
from phoihop.search.selectors import search_articles

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=9):
    return dt.datetime(2025, 3, day, hour, 0, tzinfo=HANOI)


class SearchCase(TestCase):
    """Articles created through the portal's service and indexed through the search service."""

    @classmethod
    def article(cls, title, *, sapo="Tin trong ngày.", body="", day=1, category=None, tags=(), authors=()):
        page = portal.article_create(
            actor=None,
            category=category or cls.news,
            title=title,
            sapo=sapo,
            body=[("paragraph", RichText(f"<p>{body}</p>"))] if body else [],
            tags=tags,
            authors=authors,
            published_at=at(day),
        )
        services.article_reindex(page.pk)
        return page

    @classmethod
    def setUpTestData(cls):
        portal.site_ensure()
        cls.news = portal.category_ensure(slug="thoi-su", title="Thời sự")
        cls.economy = portal.category_ensure(slug="kinh-te", title="Kinh tế")

    def titles(self, query, **kwargs):
        return [hit.title for hit in search_articles(query, **kwargs).hits]


class FoldingTests(SearchCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.quynh = cls.article("Ông Đặng Đức Quỳnh thăm Thanh Trì", body="Đoàn công tác làm việc cả ngày.")
        cls.hdnd = cls.article("Kỳ họp HĐND huyện", body="Các đại biểu thảo luận.", day=2)
        cls.full = cls.article("Hội đồng nhân dân xã họp bất thường", body="Thông qua nghị quyết.", day=3)
        cls.peace = cls.article("Hòa giải ở cơ sở", body="Tổ hòa giải hoạt động tốt.", day=4)
        cls.nothing = cls.article("Thời tiết cuối tuần", body="Trời nắng nhẹ.", day=5)

    def test_without_accents_and_with_d_for_đ(self):
        self.assertEqual(self.titles("dang duc quynh"), [self.quynh.title])

    def test_uppercase(self):
        self.assertEqual(self.titles("ĐẶNG ĐỨC QUỲNH"), [self.quynh.title])
        self.assertEqual(self.titles("DANG DUC QUYNH"), [self.quynh.title])

    def test_decomposed_query(self):
        self.assertEqual(self.titles(unicodedata.normalize("NFD", "Đặng Đức Quỳnh")), [self.quynh.title])

    def test_decomposed_stored_text(self):
        document = services.article_document(
            page_id=self.nothing.pk,
            title=unicodedata.normalize("NFD", "Thuỷ lợi nội đồng"),
            sapo="",
            body_text=unicodedata.normalize("NFD", "Nạo vét kênh mương."),
            published_at=at(5),
            category_id=self.news.pk,
        )
        services.article_documents_save([document])
        self.assertEqual(self.titles("thủy lợi"), ["Thời tiết cuối tuần"])
        self.assertEqual(self.titles("nạo vét"), ["Thời tiết cuối tuần"])

    def test_old_and_new_tone_placement(self):
        self.assertEqual(self.titles("hoà giải"), [self.peace.title])
        self.assertEqual(self.titles("hòa giải"), [self.peace.title])
        self.assertEqual(self.titles("HOÀ GIẢI"), [self.peace.title])

    def test_abbreviation_finds_itself_and_its_full_form(self):
        # HĐND folds to "hdnd"; the abbreviation table adds "hội đồng nhân dân" (and back).
        expected = [self.hdnd.title, self.full.title]
        self.assertCountEqual(self.titles("HDND"), expected)
        self.assertCountEqual(self.titles("HĐND"), expected)
        self.assertCountEqual(self.titles("hội đồng nhân dân"), expected)
        self.assertCountEqual(self.titles("hoi dong nhan dan"), expected)

    def test_every_word_must_be_present(self):
        self.assertEqual(self.titles("Quỳnh thời tiết"), [])

    def test_tags_authors_and_category_are_searchable(self):
        page = self.article("Bài có từ khóa", tags=["Đề án 06"], authors=["Bảo Thoa"], category=self.economy, day=6)
        self.assertEqual(self.titles("de an 06"), [page.title])
        self.assertEqual(self.titles("bao thoa"), [page.title])
        self.assertIn(page.title, self.titles("kinh te"))


class RankingTests(SearchCase):
    """Each rule wins against recency: the article that should lose is always the newer one."""

    def test_phrase_beats_scattered_words(self):
        scattered = self.article("Tin một", body="Nông dân xây nhà mới ở thôn Đoài.", day=10)
        phrase = self.article("Tin hai", body="Xây dựng nông thôn mới về đích sớm.", day=9)
        self.assertEqual(self.titles("nông thôn mới"), [phrase.title, scattered.title])

    def test_title_beats_body(self):
        body = self.article("Tin ba", body="Ngành giáo dục bàn về chuyển đổi số.", day=10)
        title = self.article("Chuyển đổi số trong trường học", day=9)
        self.assertEqual(self.titles("chuyển đổi số"), [title.title, body.title])

    def test_phrase_in_title_beats_scattered_title_words(self):
        scattered = self.article("Số hóa hồ sơ: chuyển nhanh, đổi mới", day=10)
        phrase = self.article("Chuyển đổi số ở xã", day=9)
        self.assertEqual(self.titles("chuyen doi so"), [phrase.title, scattered.title])

    def test_exact_accents_beat_folded_matches(self):
        flower = self.article("Hoa đào nở sớm", day=10)
        peace = self.article("Hòa bình cho trẻ em", day=9)
        self.assertEqual(self.titles("hòa"), [peace.title, flower.title])
        self.assertEqual(self.titles("hoa"), [flower.title, peace.title])  # no marks typed: recency

    def test_recency_breaks_ties(self):
        older = self.article("Giải phóng mặt bằng đợt một", day=8)
        newer = self.article("Giải phóng mặt bằng đợt hai", day=9)
        self.assertEqual(self.titles("giải phóng mặt bằng"), [newer.title, older.title])

    def test_whole_order_for_a_mixed_query(self):
        a = self.article("Thủy lợi nội đồng", day=1)  # accent, title phrase: 30 (folded: 14)
        b = self.article("Tin thời tiết", body="Công trình thủy lợi nội đồng.", day=2)  # accent, phrase: 18 (2)
        c = self.article("Lợi ích của thuỷ nông", body="Kênh nội đồng.", day=3)  # accent only: 16 (0)
        d = self.article("Nội đồng và thủy lợi", day=4)  # accent, all words in the title: 20 (4)
        e = self.article("Thuy loi noi dong - ban tin khong dau", day=5)  # title phrase: 14 (14)
        self.assertEqual(self.titles("thủy lợi nội đồng"), [a.title, d.title, b.title, c.title, e.title])
        self.assertEqual(self.titles("thuy loi noi dong"), [e.title, a.title, d.title, b.title, c.title])


class RankingFromTheIndexAloneTests(RankingTests):
    """The same rules when title matches are too many to score row by row (read from the index)."""

    def setUp(self):
        super().setUp()
        patcher = mock.patch.object(engine, "EXPLICIT_CAP", 0)
        patcher.start()
        self.addCleanup(patcher.stop)


class FilterAndPaginationTests(SearchCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for day in range(1, 26):
            cls.article(f"Cải cách hành chính kỳ {day}", category=cls.news if day % 2 else cls.economy, day=day)

    def test_category_and_date_range(self):
        found = search_articles("cải cách", category_id=self.economy.pk)
        self.assertEqual(found.total, 12)
        found = search_articles("cải cách", date_from=dt.date(2025, 3, 10), date_to=dt.date(2025, 3, 12))
        self.assertEqual([hit.title for hit in found.hits], [f"Cải cách hành chính kỳ {d}" for d in (12, 11, 10)])

    def test_page_two_continues_page_one(self):
        first = self.client.get("/tim-kiem/", {"q": "cai cach"})
        self.assertContains(first, "Tìm thấy 25 kết quả")
        self.assertContains(first, "Cải cách hành chính kỳ 25")
        self.assertContains(first, "Trang 1/2")
        second = self.client.get("/tim-kiem/", {"q": "cai cach", "trang": "2"})
        self.assertContains(second, "Cải cách hành chính kỳ 5")
        self.assertNotContains(second, "Cải cách hành chính kỳ 25")
        self.assertContains(self.client.get("/tim-kiem/", {"q": "cai cach", "trang": "99"}), "Trang 2/2")

    def test_page_two_without_title_scoring(self):
        with mock.patch.object(engine, "EXPLICIT_CAP", 0):
            second = search_articles("hành chính", offset=20, limit=20)
        self.assertEqual([hit.title for hit in second.hits], [f"Cải cách hành chính kỳ {d}" for d in range(5, 0, -1)])

    def test_very_common_words_say_more_than(self):
        with mock.patch.object(engine, "COUNT_CAP", 10):
            response = self.client.get("/tim-kiem/", {"q": "cai cach"})
        self.assertContains(response, "Tìm thấy hơn 10 kết quả")

    def test_filters_in_the_url(self):
        response = self.client.get(
            "/tim-kiem/", {"q": "cải cách", "chuyen-muc": "kinh-te", "tu": "01/03/2025", "den": "05/03/2025"}
        )
        self.assertContains(response, "Tìm thấy 2 kết quả")
        self.assertContains(response, "Cải cách hành chính kỳ 4")
        bad = self.client.get("/tim-kiem/", {"q": "cải cách", "tu": "05/03/2025", "den": "01/03/2025"})
        self.assertContains(bad, "Ngày kết thúc phải sau ngày bắt đầu.")


class SnippetAndPageTests(SearchCase):
    def test_snippet_marks_the_words_and_escapes_everything_else(self):
        page = self.article(
            "Cảnh giác mã độc",
            body="Ông Đặng Đức Quỳnh cảnh báo tin tặc chèn &lt;script&gt;alert(1)&lt;/script&gt; vào trang.",
        )
        hit = search_articles("dang duc quynh").hits[0]
        self.assertIn("<mark>Đặng Đức Quỳnh</mark>", hit.snippet)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", hit.snippet)
        response = self.client.get("/tim-kiem/", {"q": "mã độc script"})
        self.assertContains(response, page.url)
        self.assertNotContains(response, "<script>alert")
        self.assertContains(response, "&lt;<mark>script</mark>&gt;alert(1)")

    def test_accented_query_marks_exact_accents(self):
        self.article("Tin xã", body="Xã hội hóa nguồn lực cho tổ hòa giải.")
        snippet = search_articles("hòa").hits[0].snippet
        self.assertIn("<mark>hòa</mark> giải", snippet)
        self.assertNotIn("<mark>hóa</mark>", snippet)

    def test_abbreviation_marks_the_full_form_not_its_parts(self):
        self.article("Tin huyện", body="Dân làng gặp Hội đồng nhân dân huyện để hỏi.")
        snippet = search_articles("HĐND").hits[0].snippet
        self.assertIn("<mark>Hội đồng nhân dân</mark> huyện", snippet)
        self.assertNotIn("<mark>Dân</mark>", snippet)

    def test_urls_are_wagtails_with_one_site_and_with_several(self):
        news = self.article("Chuyển đổi số ở xã", body="Bàn về chuyển đổi số.")
        economy = self.article("Chuyển đổi số doanh nghiệp", category=self.economy, day=2)
        urls = {hit.title: hit.url for hit in search_articles("chuyển đổi số").hits}
        self.assertEqual(urls, {news.title: news.get_url(), economy.title: economy.get_url()})
        self.assertTrue(news.get_url().startswith("/thoi-su/"))
        Site.objects.create(hostname="kinhte.example", port=80, root_page=self.economy)
        news, economy = Page.objects.get(pk=news.pk), Page.objects.get(pk=economy.pk)
        urls = {hit.title: hit.url for hit in search_articles("chuyển đổi số").hits}
        self.assertEqual(urls, {news.title: news.get_url(), economy.title: economy.get_url()})
        self.assertEqual(urls[economy.title], f"http://kinhte.example/{economy.slug}/")

    def test_search_page(self):
        page = self.article("Đối thoại với công nhân", body="Liên đoàn lao động tổ chức đối thoại.")
        response = self.client.get("/tim-kiem/", {"q": "LĐLĐ"})
        self.assertContains(response, f'<a href="{page.url}">Đối thoại với công nhân</a>', html=True)
        self.assertContains(response, "01/03/2025 09:00")
        self.assertContains(response, "Thời sự")
        self.assertContains(response, "<mark>Liên đoàn lao động</mark>")
        empty = self.client.get("/tim-kiem/", {"q": "không có gì như thế"})
        self.assertContains(empty, "Không tìm thấy bài nào phù hợp.")
        self.assertEqual(self.client.get("/tim-kiem/").status_code, 200)


class ApiTests(SearchCase):
    def test_results_in_rank_order_with_the_documented_shape(self):
        body = self.article("Tin sáng", body="Bàn về chuyển đổi số.", day=10)
        title = self.article("Chuyển đổi số cấp xã", day=9)
        response = self.client.get("/api/v1/search", {"q": "chuyen doi so", "limit": "5"})
        self.assertEqual(response.status_code, 200)
        results = response.json()["results"]
        self.assertEqual([r["title"] for r in results], [title.title, body.title])
        self.assertEqual(set(results[0]), {"title", "url", "published_at", "category", "snippet"})
        self.assertEqual(results[0]["url"], f"http://localhost{title.url}")
        self.assertEqual(results[0]["published_at"], "2025-03-09T09:00:00+07:00")
        self.assertEqual(results[0]["category"], "Thời sự")
        self.assertIn("<mark>chuyển đổi số</mark>", results[1]["snippet"])
        self.assertEqual(
            len(self.client.get("/api/v1/search", {"q": "chuyen doi so", "limit": "1"}).json()["results"]), 1
        )

    def test_limit_is_validated(self):
        for limit in (0, 101, "nhiều"):
            self.assertEqual(self.client.get("/api/v1/search", {"q": "x", "limit": limit}).status_code, 422)
        self.assertEqual(
            self.client.get("/api/v1/search").json(),
            {"results": [], "query": "", "typed": "", "suggestion": "", "partial": []},
        )


class IndexUpdateTests(SearchCase):
    def test_publish_unpublish_and_delete_reach_the_index_through_the_worker(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = portal.article_create(actor=None, category=self.news, title="Đặng Đức Quỳnh về xã", sapo="x")
        self.assertEqual(self.titles("dang duc quynh"), [page.title])
        page.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            page.unpublish()
        self.assertEqual(self.titles("dang duc quynh"), [])
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()
        self.assertEqual(self.titles("dang duc quynh"), [page.title])
        with self.captureOnCommitCallbacks(execute=True):
            page.delete()
        self.assertFalse(ArticleDocument.objects.exists())

    def test_back_dated_publication_is_indexed_with_its_final_date(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = portal.article_create(
                actor=None, category=self.news, title="Tin lưu trữ", sapo="x", published_at=at(2)
            )
        self.assertEqual(ArticleDocument.objects.get(page_id=page.pk).published_at, at(2))

    def test_takedown_removes_at_once_and_reindex_restores(self):
        page = self.article("Bài bị gỡ")
        self.assertTrue(services.article_remove(page.pk))
        self.assertEqual(self.titles("bài bị gỡ"), [])
        self.assertTrue(services.article_reindex(page.pk))
        self.assertEqual(self.titles("bài bị gỡ"), [page.title])

    def test_rebuild_command_indexes_live_articles_and_drops_stale_rows(self):
        page = portal.article_create(actor=None, category=self.news, title="Bài chưa vào chỉ mục", sapo="x")
        gone = self.article("Bài đã gỡ")
        type(gone).objects.filter(pk=gone.pk).update(live=False)
        out = io.StringIO()
        call_command("search_rebuild", verbosity=0, stdout=out)
        self.assertIn("Đã lập chỉ mục 1 bài.", out.getvalue())
        self.assertEqual(self.titles("chua vao chi muc"), [page.title])
        self.assertFalse(ArticleDocument.objects.filter(page_id=gone.pk).exists())

    def test_unpublished_page_never_shows_even_before_the_worker_runs(self):
        page = self.article("Bài chờ gỡ")
        type(page).objects.filter(pk=page.pk).update(live=False)
        self.assertEqual(self.titles("bài chờ gỡ"), [])


class BodyTextTests(TestCase):
    def test_every_text_block_of_the_body_is_searchable_text(self):
        from phoihop.search.documents import stream_text

        raw = [
            {"type": "paragraph", "value": "<p>Một <b>hai</b> &amp; ba</p>", "id": "1"},
            {"type": "image", "value": {"image": 3, "caption": "Chú thích ảnh", "alt_text": "x"}, "id": "2"},
            {
                "type": "gallery",
                "value": {"title": "Bộ ảnh", "images": [{"type": "item", "value": {"caption": "Ảnh 1"}}]},
            },
            {"type": "quote", "value": {"quote": "Câu nói", "attribution": "Ông A"}, "id": "4"},
            {"type": "video", "value": {"video": "https://youtu.be/x", "caption": "Video"}, "id": "5"},
            {"type": "table", "value": {"data": [["Ô 1", None], ["Ô 2"]]}, "id": "6"},
            {"type": "related", "value": {"heading": "Tin liên quan", "articles": [4]}, "id": "7"},
        ]
        self.assertEqual(
            stream_text(raw).split("\n"),
            ["Một hai & ba", "Chú thích ảnh", "Bộ ảnh", "Ảnh 1", "Câu nói", "Ông A", "Video", "Ô 1", "Ô 2"],
        )


class DateOrderWindowTests(SearchCase):
    """PostgreSQL reads the newest rows in date order before it turns to the GIN indexes (see
    `engine._Runner.sample`): whatever the window sizes, the results and totals are the same."""

    QUERIES = ("thủy lợi nội đồng", "thuy loi", "hòa", "chuyen doi so", "xã", "không có")

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bodies = [
            "Công trình thủy lợi nội đồng.",
            "Kênh nội đồng, thuỷ lợi.",
            "Hoa và hòa bình.",
            "Chuyển đổi số ở xã.",
        ]
        titles = ["Thủy lợi nội đồng", "Tin xã", "Hòa giải", "Chuyển đổi số", "Thuy loi noi dong", "Tin vắn"]
        for day in range(1, 29):
            cls.article(
                f"{titles[day % len(titles)]} số {day}",
                body=bodies[day % len(bodies)],
                day=day,
                category=cls.news if day % 3 else cls.economy,
            )

    def results(self):
        found = []
        for query in self.QUERIES:
            for kwargs in ({}, {"offset": 3, "limit": 4}, {"category_id": self.economy.pk, "limit": 3}):
                result = search_articles(query, limit=kwargs.pop("limit", 5), **kwargs)
                found.append((query, [hit.page_id for hit in result.hits], result.total, result.capped))
        return found

    def test_same_results_whatever_the_windows(self):
        with mock.patch.object(engine, "COUNT_CAP", 6):
            expected = self.results()
        for sample, walk, cost, explicit in [(1, 1, 60, 0), (2, 1000, 60, 0), (3, 4, 0, 0), (1, 2, 0, 1000)]:
            with (
                self.subTest(sample=sample, walk=walk, cost=cost, explicit=explicit),
                mock.patch.object(engine, "COUNT_CAP", 6),
                mock.patch.object(engine, "SAMPLE_ROWS", sample),
                mock.patch.object(engine, "WALK_ROWS", walk),
                mock.patch.object(engine, "COUNT_WALK_COST", cost),
                mock.patch.object(engine, "COUNT_WALK_SHARE", 0),
                mock.patch.object(engine, "EXPLICIT_CAP", explicit),
                mock.patch.object(engine._Runner, "_table_rows", return_value=1e9),
            ):
                self.assertEqual(self.results(), expected)
