""" "Có thể bạn quan tâm": ranking by shared tags and title/sapo bigrams (vntext folding)."""

from django.test import SimpleTestCase

from phoihop.portal import related
from phoihop.portal.models import ArticlePage, RelatedArticle
from phoihop.portal.related import Candidate, rank, text_terms
from phoihop.portal.tests.base import PortalTestCase, at, publish


class RankTests(SimpleTestCase):
    def test_terms_are_folded_bigrams_without_function_words(self):
        self.assertEqual(
            text_terms("Huyện Thanh Trì và Đề án 06", ""),
            frozenset({"huyen thanh", "thanh tri", "de an"}),
        )

    def test_shared_rare_words_beat_a_shared_common_one(self):
        candidates = [
            Candidate(1, "Hà Nội: thời tiết hôm nay trời nắng", ""),
            Candidate(2, "Thanh Trì hoàn thiện tiêu chí lên quận", ""),
            *(Candidate(10 + i, f"Hà Nội tổ chức sự kiện số {i}", "") for i in range(20)),
        ]
        ranked = rank(title="Hà Nội: Thanh Trì sắp lên quận", sapo="", tag_count=0, candidates=candidates)
        self.assertEqual(ranked[0][0], 2)

    def test_tags_count_and_unrelated_articles_are_left_out(self):
        candidates = [Candidate(1, "Bản tin giá vàng", "", shared_tags=2), Candidate(2, "Lịch cắt điện", "")]
        self.assertEqual([pk for pk, _ in rank(title="Ngày hội", sapo="", tag_count=2, candidates=candidates)], [1])


class RelatedRefreshTests(PortalTestCase):
    def test_refresh_stores_the_ranking_and_is_idempotent(self):
        match = publish(
            self.thoi_su, "Cải cách hành chính gắn với chuyển đổi số", when=at(1, month=9), tags=["Đề án 06"]
        )
        article = ArticlePage.objects.get(pk=self.article.pk)
        self.assertGreaterEqual(related.related_refresh(article=article), 1)
        related.related_refresh(article=article)
        entries = list(RelatedArticle.objects.filter(article=article).order_by("rank"))
        self.assertEqual(entries[0].related_id, match.pk)
        self.assertEqual([e.rank for e in entries], list(range(len(entries))))

    def test_publishing_asks_the_worker_for_the_list(self):
        with self.captureOnCommitCallbacks(execute=True):
            publish(self.thoi_su, "Cải cách hành chính gắn với chuyển đổi số", when=at(22), tags=["Đề án 06"])
            newest = ArticlePage.objects.get(title="Cải cách hành chính gắn với chuyển đổi số")
        self.assertEqual(RelatedArticle.objects.filter(article=newest).first().related_id, self.article.pk)

    def test_an_article_shown_without_a_list_gets_one_from_the_worker(self):
        # Bulk imports publish no signal: the first reader's visit asks the worker for the list.
        match = publish(self.thoi_su, "Cải cách hành chính gắn với chuyển đổi số", when=at(1, month=9))
        RelatedArticle.objects.all().delete()
        with self.captureOnCommitCallbacks(execute=True):
            first = self.client.get(self.article.url).content.decode()
        self.assertNotIn(match.title, first)
        self.assertEqual(RelatedArticle.objects.filter(article_id=self.article.pk).first().related_id, match.pk)
        self.assertIn(match.title, self.client.get(self.article.url).content.decode())

    def test_articles_of_the_same_programme_theme_are_related(self):
        import datetime as dt

        from phoihop.programs.models import Program, Theme

        program = Program.objects.create(
            title="Chương trình phối hợp 2023 - 2025", starts_on=dt.date(2023, 1, 1), ends_on=dt.date(2025, 12, 31)
        )
        theme = Theme.objects.create(program=program, title="Xây dựng huyện thành quận")
        same_theme = publish(self.thoi_su, "Người dân góp ý quy hoạch", when=at(2, month=9))
        other = publish(self.thoi_su, "Lịch cắt nước cuối tuần", when=at(3, month=9))
        for page in (self.older, same_theme):
            ArticlePage.themes.through.objects.create(articlepage_id=page.pk, theme=theme)
        ranked = [pk for pk, _ in related.compute(ArticlePage.objects.get(pk=self.older.pk))]
        self.assertIn(same_theme.pk, ranked)
        self.assertNotIn(other.pk, ranked)
