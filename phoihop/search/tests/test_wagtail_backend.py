"""Wagtail's admin search answers page queries from phoihop's index, and everything else as before."""

import datetime as dt
from zoneinfo import ZoneInfo

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from phoihop.portal import services as portal
from phoihop.portal.models import ArticlePage
from phoihop.search import services
from phoihop.search.wagtail_backend import PhoihopSearchBackend
from phoihop.testing import PersonaTestCase

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class AdminSearchTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.news = portal.category_ensure(slug="thoi-su", title="Thời sự")
        cls.live = portal.article_create(
            actor=None,
            category=cls.news,
            title="Ông Đặng Đức Quỳnh làm việc với HĐND",
            sapo="Buổi làm việc.",
            published_at=dt.datetime(2025, 5, 1, 9, 0, tzinfo=HANOI),
        )
        services.article_reindex(cls.live.pk)
        cls.draft = portal.article_create(
            actor=None, category=cls.news, title="Bản nháp về Đặng Đức Quỳnh", sapo="Chưa đăng.", publish=False
        )

    def test_the_configured_backend_is_phoihops(self):
        self.assertIsInstance(get_search_backend(), PhoihopSearchBackend)

    def test_folded_and_abbreviated_queries_find_live_articles_and_drafts_still_show(self):
        backend = get_search_backend()
        found = list(backend.autocomplete("dang duc quynh", Page.objects.all()))
        self.assertEqual(found[0].pk, self.live.pk)
        self.assertIn(self.draft.pk, [page.pk for page in backend.autocomplete("Quỳnh", Page.objects.all())])
        self.assertEqual([p.pk for p in backend.search("hội đồng nhân dân", ArticlePage.objects.all())], [self.live.pk])
        results = backend.autocomplete("dang duc quyn", Page.objects.all())
        self.assertEqual(results.count(), 1)
        self.assertEqual([p.pk for p in results[0:1]], [self.live.pk])

    def test_explicit_ordering_is_kept(self):
        backend = get_search_backend()
        results = backend.autocomplete("Quỳnh", Page.objects.order_by("-title"), order_by_relevance=False)
        self.assertEqual([page.pk for page in results], [self.live.pk, self.draft.pk])

    def test_the_admin_page_search_uses_it(self):
        self.login(self.chief)
        response = self.client.get("/admin/pages/search/", {"q": "dang duc quynh"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ông Đặng Đức Quỳnh làm việc với HĐND")

    def test_other_models_go_to_the_database_backend(self):
        from wagtail.images import get_image_model

        results = get_search_backend().search("ảnh", get_image_model())
        self.assertEqual(list(results), [])
