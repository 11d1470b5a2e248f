"""The full-page cache: anonymous readers get stored pages, and every change is visible to them on
the next request (publish, correction, takedown, unpublish, move, editor's pick)."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings

from phoihop.portal import cache, related, services
from phoihop.portal.models import ArticlePage, RelatedArticle
from phoihop.portal.tests.base import PortalTestCase, at, publish


class PageCacheTests(PortalTestCase):
    def get(self, path, **extra):
        return self.client.get(path, **extra)

    def test_second_anonymous_request_is_served_from_the_cache(self):
        first = self.get(self.article.url)
        second = self.get(self.article.url)
        self.assertEqual(first["X-Cache"], "MISS")
        self.assertEqual(second["X-Cache"], "HIT")
        self.assertEqual(first.content, second.content)
        self.assertEqual(second["Content-Type"], "text/html; charset=utf-8")

    def test_a_page_miss_reuses_the_articles_own_parts_until_the_article_changes(self):
        self.get(self.article.url)
        # Changed behind the cache's back (no invalidation): the stored parts are still valid.
        ArticlePage.objects.filter(pk=self.article.pk).update(sapo="Đoạn mở đầu viết lại")
        cache.invalidate({cache.PICKS})  # a new editor's pick: the page itself is a miss
        response = self.get(self.article.url)
        self.assertEqual(response["X-Cache"], "MISS")
        self.assertNotContains(response, "Đoạn mở đầu viết lại")
        self.assertContains(response, "<h1>" + self.article.title + "</h1>", html=True)
        # The article's own change (what publish, correction and takedown do) renews its parts.
        cache.invalidate_for_article(self.article)
        self.assertContains(self.get(self.article.url), "Đoạn mở đầu viết lại")

    def test_the_related_articles_parts_follow_the_articles_they_show(self):
        for i in range(4):
            publish(self.thoi_su, f"Chuyển đổi số trong cải cách hành chính ở phường {i}", when=at(20, 8 + i))
        related.related_refresh(article=ArticlePage.objects.get(pk=self.article.pk))
        listed = list(RelatedArticle.objects.filter(article_id=self.article.pk).order_by("rank"))
        self.assertGreaterEqual(len(listed), 3)
        # The first two are linked under the sapo; the others are in "Có thể bạn quan tâm".
        under_sapo, in_grid = listed[0].related, listed[2].related
        self.get(self.article.url)
        for shown in (under_sapo, in_grid):
            new_title = f"Tiêu đề mới của bài {shown.pk}"
            ArticlePage.objects.filter(pk=shown.pk).update(title=new_title)
            cache.invalidate_for_article(ArticlePage.objects.get(pk=shown.pk))  # what its publish does
            response = self.get(self.article.url)
            self.assertContains(response, new_title)
            self.assertNotContains(response, shown.title)

    def test_editing_a_photo_renews_the_pages_that_show_it(self):
        for path in (self.article.url, "/chi-dao-dieu-hanh/"):
            self.get(path)
        image = self.image
        image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 10, 10, 20, 20
        image.save()
        for path in (self.article.url, "/chi-dao-dieu-hanh/"):
            self.assertEqual(self.get(path)["X-Cache"], "MISS", path)
        self.assertEqual(self.get("/thoi-su/")["X-Cache"], "MISS")  # first visit
        image.save()
        self.assertEqual(self.get("/thoi-su/")["X-Cache"], "HIT")  # shows no article with that photo

    def test_articles_linked_from_the_body_are_followed_by_its_stored_part(self):
        from wagtail.rich_text import RichText

        linked = publish(self.thoi_su, "Bài được dẫn trong thân bài", when=at(20, 8))
        boxed = publish(self.thoi_su, "Bài trong hộp tin liên quan", when=at(20, 9))
        host = publish(
            self.chi_dao,
            "Bài có liên kết trong thân",
            when=at(21, 8),
            body=[
                ("paragraph", RichText(f'<p>Xem <a id="{linked.pk}" linktype="page">bài trước</a>.</p>')),
                ("related", {"heading": "Tin liên quan", "articles": [ArticlePage.objects.get(pk=boxed.pk)]}),
            ],
        )
        self.assertContains(self.get(host.url), linked.url)
        self.assertContains(self.get(host.url), boxed.title)
        ArticlePage.objects.get(pk=boxed.pk).unpublish()  # a takedown does this
        cache.invalidate({cache.PICKS})  # and the page itself is a miss for another reason too
        self.assertNotContains(self.get(host.url), boxed.title)
        mover = ArticlePage.objects.get(pk=linked.pk)
        mover.move(self.chi_dao, pos="last-child")
        self.assertContains(self.get(host.url), ArticlePage.objects.get(pk=linked.pk).url)

    def test_an_editor_preview_never_uses_the_stored_parts(self):
        self.get(self.article.url)
        request = RequestFactory().get(self.article.url)
        request.is_preview = True
        rendered = []

        def render():
            rendered.append(1)
            return "x"

        html = cache.fragment(request, "article", self.article.pk, "main", [], render)
        self.assertEqual((html, rendered), ("x", [1]))

    def test_feeds_sitemaps_tag_and_author_pages_are_cached_too(self):
        for path in ("/", "/chi-dao-dieu-hanh/", "/rss/", "/rss/thoi-su/", "/sitemap.xml", "/sitemap-news.xml",
                     "/tu-khoa/de-an-06/", "/tac-gia/bao-thoa/", "/robots.txt"):  # fmt: skip
            self.get(path)
            self.assertEqual(self.get(path)["X-Cache"], "HIT", path)

    def test_pages_differ_by_trang_but_not_by_other_query_parameters(self):
        self.get("/chi-dao-dieu-hanh/")
        self.assertEqual(self.get("/chi-dao-dieu-hanh/?utm_source=zalo")["X-Cache"], "HIT")
        self.assertEqual(self.get("/chi-dao-dieu-hanh/?trang=1")["X-Cache"], "MISS")

    def test_publishing_shows_on_every_page_that_lists_the_category_at_once(self):
        for path in ("/", "/chi-dao-dieu-hanh/", self.older.url, "/rss/", "/rss/chi-dao-dieu-hanh/"):
            self.get(path)
        fresh = publish(self.chi_dao, "Hà Nội công bố quyết định thành lập Ban Chỉ đạo", when=at(23, 10))
        for path in ("/", "/chi-dao-dieu-hanh/", self.older.url, "/rss/", "/rss/chi-dao-dieu-hanh/"):
            response = self.get(path)
            self.assertEqual(response["X-Cache"], "MISS", path)
            self.assertContains(response, fresh.title, msg_prefix=path)
        # A page that does not show the category's list stays cached.
        self.get(self.news.url)
        publish(self.chi_dao, "Một tin khác của chuyên mục", when=at(23, 11))
        self.assertEqual(self.get(self.news.url)["X-Cache"], "HIT")

    def test_unpublishing_removes_the_article_everywhere_on_the_next_request(self):
        for path in ("/", "/chi-dao-dieu-hanh/", self.article.url, self.older.url, "/rss/", "/sitemap-news.xml"):
            self.get(path)
        ArticlePage.objects.get(pk=self.older.pk).unpublish()
        self.assertEqual(self.get(self.older.url).status_code, 404)
        for path in ("/", "/chi-dao-dieu-hanh/", self.article.url, "/rss/"):
            self.assertNotContains(self.get(path), self.older.title, msg_prefix=path)

    def test_a_correction_published_as_a_new_revision_is_visible_on_pages_showing_the_article(self):
        self.get(self.article.url)
        self.get(self.older.url)  # its "Tin khác" shows the article
        self.get("/tu-khoa/de-an-06/")
        article = ArticlePage.objects.get(pk=self.article.pk)
        article.title = "Hà Nội đẩy mạnh chuyển đổi số (đã cải chính)"
        article.save_revision().publish()
        for path in (self.article.url, self.older.url, "/tu-khoa/de-an-06/", "/"):
            self.assertContains(self.get(path), "Hà Nội đẩy mạnh chuyển đổi số (đã cải chính)", msg_prefix=path)

    def test_invalidate_for_article_is_the_api_for_changes_outside_wagtail_publishing(self):
        self.get(self.article.url)
        self.get("/")
        # A takedown recorded by the newsroom: the page leaves the public site without a publish.
        ArticlePage.objects.filter(pk=self.article.pk).update(live=False)
        self.assertEqual(self.get(self.article.url)["X-Cache"], "HIT")  # nobody told the cache yet
        cache.invalidate_for_article(ArticlePage.objects.get(pk=self.article.pk))
        self.assertEqual(self.get(self.article.url).status_code, 404)
        self.assertNotContains(self.get("/"), self.article.title)

    def test_editors_pick_published_appears_in_nen_xem_of_other_articles(self):
        self.get(self.older.url)
        pick = publish(self.thoi_su, "Đặc sắc các sản phẩm tại Hội chợ trái cây", when=at(22))
        pick.editors_pick = True
        pick.save_revision().publish()
        html = self.get(self.older.url).content.decode()
        self.assertIn(pick.title, html[html.index('id="nen-xem"') :])

    def test_an_article_no_longer_picked_leaves_nen_xem(self):
        pick = publish(self.thoi_su, "Đặc sắc các sản phẩm tại Hội chợ trái cây", when=at(22))
        pick.editors_pick = True
        pick.save_revision().publish()
        self.assertIn(pick.title, self.get(self.older.url).content.decode().split('id="nen-xem"')[1])
        pick = ArticlePage.objects.get(pk=pick.pk)
        pick.editors_pick = False
        pick.save_revision().publish()
        self.assertNotIn('id="nen-xem"', self.get(self.older.url).content.decode())

    def test_moving_an_article_to_another_category_updates_both(self):
        self.get("/chi-dao-dieu-hanh/")
        self.get("/thoi-su/")
        ArticlePage.objects.get(pk=self.older.pk).move(self.thoi_su, pos="last-child")
        self.assertNotContains(self.get("/chi-dao-dieu-hanh/"), self.older.title)
        self.assertContains(self.get("/thoi-su/"), self.older.title)

    def test_a_new_category_appears_in_the_menu_of_cached_pages(self):
        self.get(self.article.url)
        services.category_ensure(slug="kinh-te", title="Kinh tế")
        self.assertContains(self.get(self.article.url), '<a href="/kinh-te/">Kinh tế</a>')

    def test_logged_in_users_always_get_fresh_pages(self):
        user = get_user_model().objects.create_user(username="bientap", password="mat-khau-bien-tap-1")
        self.get(self.article.url)
        self.client.force_login(user)
        response = self.get(self.article.url)
        self.assertNotIn("X-Cache", response)
        self.assertContains(response, "Đăng xuất")
        self.client.logout()
        self.assertNotContains(self.get(self.article.url), "Đăng xuất")

    @override_settings(PHOIHOP_PAGE_CACHE=False)
    def test_the_cache_can_be_switched_off(self):
        self.get(self.article.url)
        self.assertNotIn("X-Cache", self.get(self.article.url))

    def test_bench_header_is_ignored_outside_the_bench(self):
        self.get(self.article.url)
        self.assertEqual(self.get(self.article.url, HTTP_X_PHOIHOP_NO_CACHE="1")["X-Cache"], "HIT")


class MiddlewareStoringRulesTests(PortalTestCase):
    """Responses that set a cookie or used a CSRF token are never stored."""

    def run_twice(self, view):
        middleware = cache.PageCacheMiddleware(view)
        factory = RequestFactory()
        responses = [middleware(factory.get("/mot-trang/")) for _ in range(2)]
        return [r.get("X-Cache") for r in responses]

    def test_a_plain_opted_in_page_is_stored(self):
        def view(request):
            cache.mark_cacheable(request)
            return HttpResponse("ok")

        self.assertEqual(self.run_twice(view), ["MISS", "HIT"])

    def test_a_page_that_sets_a_cookie_is_not_stored(self):
        def view(request):
            cache.mark_cacheable(request)
            response = HttpResponse("ok")
            response.set_cookie("theo-doi", "1")
            return response

        self.assertEqual(self.run_twice(view), [None, None])

    def test_a_page_with_a_csrf_token_is_not_stored(self):
        def view(request):
            cache.mark_cacheable(request)
            return HttpResponse(get_token(request))

        self.assertEqual(self.run_twice(view), [None, None])

    def test_a_view_that_did_not_opt_in_is_not_stored(self):
        self.assertEqual(self.run_twice(lambda request: HttpResponse("ok")), [None, None])


class BulkChangeTests(PortalTestCase):
    def test_invalidate_everything_after_a_bulk_change(self):
        self.client.get("/")
        self.client.get(self.older.url)
        ArticlePage.objects.filter(pk=self.article.pk).update(title="Tiêu đề sửa bằng lệnh hàng loạt")
        cache.invalidate_everything()
        self.assertContains(self.client.get("/"), "Tiêu đề sửa bằng lệnh hàng loạt")
        self.assertContains(self.client.get(self.older.url), "Tiêu đề sửa bằng lệnh hàng loạt")


class RedisBackendTests(PortalTestCase):
    def test_the_page_cache_backend_reuses_one_client(self):
        from phoihop.portal.redis_cache import RedisCache

        backend = RedisCache("redis://127.0.0.1:1/0", {})
        first = backend._cache.get_client(write=True)
        self.assertIs(backend._cache.get_client(write=True), first)
