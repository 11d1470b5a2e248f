import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from phoihop.newsroom import services
from phoihop.newsroom.models import Takedown
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticlePage
from phoihop.testing import PersonaTestCase

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class CorrectionAndTakedownTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.article = portal_services.article_create(
            actor=None,
            category=cls.category,
            title="Khánh thành cầu dân sinh ở xã An Khánh",
            sapo="Cây cầu nối hai thôn đã đưa vào sử dụng.",
            published_at=timezone.now() - dt.timedelta(hours=3),
        )

    def test_correction_is_shown_on_the_article_at_once(self):
        self.client.get(self.article.url)  # fill the page cache first
        with self.captureOnCommitCallbacks(execute=True):
            services.correction_add(actor=self.chief, article=self.article, text="Cầu dài 45 m, không phải 54 m.")
        page = self.client.get(self.article.url)
        self.assertContains(page, "Thông tin cải chính")
        self.assertContains(page, "Cầu dài 45 m, không phải 54 m.")
        with self.assertRaises(PermissionDenied):
            services.correction_add(actor=self.reporter, article=self.article, text="x")

    def test_takedown_removes_the_article_everywhere_and_keeps_it_in_the_archive(self):
        from phoihop.search.selectors import search_articles
        from phoihop.search.services import article_reindex

        article_reindex(self.article.pk)
        self.assertEqual(search_articles("khanh thanh cau dan sinh").total, 1)
        with self.assertRaises(PermissionDenied):
            services.article_takedown(actor=self.reporter, article=self.article, reason="x")
        self.assertEqual(self.client.get(self.article.url).status_code, 200)
        with self.captureOnCommitCallbacks(execute=True):
            services.article_takedown(
                actor=self.chief, article=self.article, reason="Theo yêu cầu của cơ quan có thẩm quyền."
            )
        self.assertEqual(self.client.get(self.article.url).status_code, 404)
        for url in ("/rss/", "/rss/thoi-su/", "/sitemap-news.xml", "/thoi-su/"):
            with self.subTest(url):
                self.assertNotContains(self.client.get(url), "Khánh thành cầu dân sinh")
        from phoihop.search.selectors import search_articles

        self.assertEqual(search_articles("khanh thanh cau dan sinh").total, 0)
        stored = ArticlePage.objects.get(pk=self.article.pk)
        self.assertFalse(stored.live)
        takedown = Takedown.objects.get(article=stored)
        self.assertEqual(takedown.reason, "Theo yêu cầu của cơ quan có thẩm quyền.")
        self.login(self.reporter)
        archive = self.client.get(reverse("newsroom:archive"))
        self.assertContains(archive, "Khánh thành cầu dân sinh ở xã An Khánh")
        self.assertContains(archive, "Theo yêu cầu của cơ quan có thẩm quyền.")

    def test_tools_page_is_for_the_newsroom_only(self):
        url = reverse("newsroom:article_tools", args=[self.article.pk])
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get(reverse("newsroom:archive")).status_code, 404)
        self.login(self.chief)
        # The tools page only leads to the confirmation page; posting the old action does nothing.
        self.client.post(url, {"action": "takedown", "reason": "Sai sự thật nghiêm trọng."})
        self.assertTrue(ArticlePage.objects.get(pk=self.article.pk).live)
        confirm = reverse("newsroom:takedown_confirm", args=[self.article.pk])
        self.assertContains(self.client.get(url), confirm)
        response = self.client.post(confirm, {"reason": "Sai sự thật nghiêm trọng."})
        self.assertRedirects(response, reverse("newsroom:archive"))
        self.assertFalse(ArticlePage.objects.get(pk=self.article.pk).live)
