"""When every-word matching finds (almost) nothing: partial matches ranked by coverage, Telex/VNI
keystrokes read back, "did you mean" from the index's vocabulary, and the vocabulary kept in step.

Like test_article_search, these run on SQLite and on PostgreSQL with the same expected results.
"""

import io
from collections import Counter

from django.core.management import call_command

from phoihop.search import services
from phoihop.search.models import ArticleTerm
from phoihop.search.selectors import search_articles
from phoihop.search.tests.test_article_search import SearchCase


class FallbackCase(SearchCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.quynh = cls.article("Ông Đặng Đức Quỳnh thăm Thanh Trì", body="Đoàn công tác làm việc cả ngày.", day=1)
        cls.congress = cls.article(
            "Đại hội Đảng bộ huyện Thanh Trì nhiệm kỳ mới", body="Đại biểu bầu ban chấp hành.", day=2
        )
        # Coverage of "cầu đường trường trạm": three words, two words, one word (the newest).
        cls.three = cls.article("Sửa cầu và đường vào trường", body="Công trình xong trước năm học.", day=3)
        cls.two = cls.article("Cầu mới nối đường tỉnh", body="Thông xe trong tháng.", day=4)
        cls.one = cls.article("Trạm y tế xã được nâng cấp", body="Thêm phòng khám.", day=5)

    def test_partial_matches_ranked_by_how_much_of_the_query_they_hold(self):
        results = search_articles("cầu đường trường trạm")
        self.assertEqual(results.total, 0)
        self.assertEqual(results.hits, [])
        self.assertEqual([hit.title for hit in results.partial], [self.three.title, self.two.title, self.one.title])
        self.assertEqual([hit.matched for hit in results.partial], [3, 2, 1])
        self.assertEqual(results.partial_words, 4)
        self.assertEqual(results.partial[0].missing, ("trạm",))
        self.assertEqual(results.partial[1].missing, ("trường", "trạm"))

    def test_a_word_no_article_holds_counts_as_missing(self):
        results = search_articles("cầu đường Gia Lâm")
        self.assertEqual([hit.title for hit in results.partial][:2], [self.two.title, self.three.title])
        self.assertEqual(results.partial[0].matched, 2)
        self.assertEqual(results.partial_words, 4)
        self.assertEqual(results.partial[0].missing, ("Gia", "Lâm"))  # as typed

    def test_very_few_results_are_followed_by_partial_matches(self):
        results = search_articles("cầu đường trường")
        self.assertEqual([hit.title for hit in results.hits], [self.three.title])
        partial = [hit.title for hit in results.partial]
        self.assertNotIn(self.three.title, partial)
        self.assertEqual(partial[0], self.two.title)

    def test_enough_results_need_no_fallback(self):
        for day in range(6, 9):
            self.article(f"Cầu số {day} thông xe", day=day)
        results = search_articles("cầu")
        self.assertGreaterEqual(results.total, 3)
        self.assertEqual(results.partial, [])
        self.assertEqual(results.suggestion, "")

    def test_partial_matches_respect_the_filters(self):
        results = search_articles("cầu đường trường trạm", category_id=self.economy.pk)
        self.assertEqual(results.partial, [])

    def test_telex_typed_without_an_input_method(self):
        results = search_articles("ddaij hooij")
        self.assertEqual(results.typed, "ddaij hooij")
        self.assertEqual(results.query.text, "đại hội")
        self.assertEqual([hit.title for hit in results.hits], [self.congress.title])
        # "tris" is Telex for "trí"; the search folds tones, so it finds Thanh Trì
        results = search_articles("thanhf tris")
        self.assertEqual(results.query.text, "thành trí")
        self.assertEqual({hit.title for hit in results.hits}, {self.quynh.title, self.congress.title})

    def test_vni_typed_without_an_input_method(self):
        results = search_articles("Tha2nh Tri2")
        self.assertEqual(results.query.text, "Thành Trì")
        self.assertEqual(results.typed, "Tha2nh Tri2")
        self.assertEqual({hit.title for hit in results.hits}, {self.quynh.title, self.congress.title})

    def test_exact_search_reads_no_keystrokes(self):
        results = search_articles("ddaij hooij", recover=False)
        self.assertEqual(results.typed, "")
        self.assertEqual(results.hits, [])

    def test_did_you_mean_a_spelling_from_the_index(self):
        results = search_articles("Đặng Đức Quỳng")
        self.assertEqual(results.suggestion, "Đặng Đức Quỳnh")
        # a word run together with the next one is split in two known words, spelled as written
        self.assertEqual(search_articles("thanhtri").suggestion, "Thanh Trì")

    def test_no_suggestion_when_it_would_find_nothing_more(self):
        self.assertEqual(search_articles("xyzzyq").suggestion, "")
        self.assertEqual(search_articles("Thanh Trì").suggestion, "")


class VocabularyTests(SearchCase):
    def counts(self):
        return dict(ArticleTerm.objects.values_list("term", "documents"))

    def test_kept_in_step_with_the_index(self):
        first = self.article("Hòa giải ở cơ sở", body="Tổ hòa giải hoạt động tốt.")
        second = self.article("Hòa giải viên giỏi", body="Khen thưởng.", day=2)
        counts = self.counts()
        self.assertEqual(counts["hoa"], 2)
        self.assertEqual(counts["giai"], 2)
        self.assertEqual(counts["thuong"], 1)
        # re-indexing an article counts it once
        services.article_reindex(first.pk)
        self.assertEqual(self.counts()["hoa"], 2)
        # removing it takes its words away; a word no article holds any more is dropped
        services.article_remove(first.pk)
        counts = self.counts()
        self.assertEqual(counts["hoa"], 1)
        self.assertNotIn("tot", counts)
        services.article_remove(second.pk)
        self.assertEqual(self.counts(), {})

    def test_rebuild_gives_the_same_counts(self):
        self.article("Hòa giải ở cơ sở", body="Tổ hòa giải hoạt động tốt.")
        self.article("Hòa giải viên giỏi", body="Khen thưởng.", day=2)
        incremental = self.counts()
        ArticleTerm.objects.update(documents=99)
        services.vocabulary_rebuild()
        self.assertEqual(self.counts(), incremental)
        self.assertEqual(Counter(incremental)["hoa"], 2)

    def test_search_rebuild_recounts(self):
        self.article("Hòa giải ở cơ sở", body="Tổ hòa giải hoạt động tốt.")
        ArticleTerm.objects.create(term="stale", documents=5)
        call_command("search_rebuild", verbosity=0, stdout=io.StringIO())
        counts = self.counts()
        self.assertNotIn("stale", counts)
        self.assertEqual(counts["hoa"], 1)
