"""An uncached page costs the same number of queries with 5 articles or with 3 × 5."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.portal import cache, related
from phoihop.portal.models import ArticleDailyViews, ArticlePage
from phoihop.portal.tests.base import PortalTestCase, at, publish


class QueryCountTests(PortalTestCase):
    def add_articles(self, count, start):
        for i in range(start, start + count):
            category = self.chi_dao if i % 2 else self.thoi_su
            article = publish(
                category,
                f"Chuyển đổi số ở phường số {i}",
                when=at(1 + i % 28, 8, i % 60, month=10),
                tags=["chuyển đổi số", f"phường {i}"],
                authors=["Bảo Thoa", f"Phóng viên {i}"],
                lead_image=self.image,
            )
            ArticlePage.objects.filter(pk=article.pk).update(editors_pick=i % 3 == 0)
            ArticleDailyViews.objects.create(article=article, day=at(22).date(), views=i)
        cache.invalidate({cache.PICKS, cache.MOST_READ})
        related.related_refresh(article=ArticlePage.objects.get(pk=self.article.pk))

    def queries(self, path, *, fragments_too=True):
        self.client.get(path)  # warm: renditions made, shared lists read once per change
        if fragments_too:
            cache.clear()
        else:  # a page-cache miss as after a new editor's pick: the article's own parts stay valid
            cache.invalidate({cache.PICKS})
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Cache"], "MISS")
        return len(captured.captured_queries)

    def test_article_home_category_tag_and_author_pages(self):
        paths = [self.article.url, "/", "/chi-dao-dieu-hanh/", "/tu-khoa/chuyen-doi-so/", "/tac-gia/bao-thoa/", "/rss/"]
        self.add_articles(5, 0)
        few = {path: self.queries(path) for path in paths}
        self.add_articles(10, 5)
        many = {path: self.queries(path) for path in paths}
        self.assertEqual(few, many)
        # Nothing cached: tokens, article, its token, lead image and renditions, related ids, cards,
        # card renditions, tags, bylines, body photos and their renditions, the newsroom's
        # corrections, stored-page tokens (the fact-check ClaimReview lookup only runs on
        # "Kiểm chứng" articles).
        self.assertLessEqual(few[self.article.url], 13)

    def test_an_article_page_miss_reuses_the_articles_own_fragments(self):
        self.add_articles(5, 0)
        few = self.queries(self.article.url, fragments_too=False)
        self.add_articles(10, 5)
        self.assertEqual(self.queries(self.article.url, fragments_too=False), few)
        # Tokens, article, its token, related ids, cards, card renditions, stored-page tokens.
        self.assertLessEqual(few, 7)
