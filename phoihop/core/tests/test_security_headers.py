"""The Content-Security-Policy and framing headers on every kind of page (#22, items 4 and 8)."""

from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory, SimpleTestCase
from wagtail.utils.decorators import xframe_options_sameorigin_override

from phoihop.core.csp import ContentSecurityPolicyMiddleware
from phoihop.portal import cache
from phoihop.portal.cache import PageCacheMiddleware
from phoihop.portal.tests.base import PortalTestCase
from phoihop.testing import build_personas


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


class EveryPageTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_personas(cls)

    def assert_strict(self, response):
        policy = directives(response)
        self.assertEqual(policy["default-src"], ["'self'"])
        self.assertEqual(policy["script-src"][0], "'self'")
        self.assertNotIn("'unsafe-inline'", policy["script-src"])
        self.assertNotIn("'unsafe-inline'", policy["style-src"])
        self.assertEqual(policy["object-src"], ["'none'"])
        self.assertEqual(policy["base-uri"], ["'self'"])
        self.assertEqual(policy["form-action"], ["'self'"])
        self.assertEqual(policy["frame-ancestors"], ["'none'"])
        self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_portal_home_article_and_category_even_from_the_page_cache(self):
        for path in ("/", self.article.url, self.chi_dao.url):
            first = self.client.get(path)
            self.assertEqual(first.status_code, 200, path)
            self.assert_strict(first)
            again = self.client.get(path)
            self.assertEqual(again["X-Cache"], "HIT")
            self.assert_strict(again)
            self.assertEqual(again["Content-Security-Policy"].count("Content-Security-Policy"), 0)

    def test_workspace_sign_in_and_error_pages(self):
        self.assert_strict(self.client.get("/tai-khoan/dang-nhap/"))
        self.assert_strict(self.client.get("/khong-co-trang-nay/"))
        self.login(self.liaison_a)
        for path in ("/phoi-hop/", "/tai-khoan/", "/thong-bao/"):
            response = self.client.get(path)
            self.assertEqual(response.status_code, 200, path)
            self.assert_strict(response)

    def test_the_wagtail_admin_allows_inline_scripts_and_styles_and_nothing_more(self):
        self.login(self.chief)
        for path in ("/admin/", f"/admin/pages/{self.article.pk}/edit/", "/admin/login/"):
            response = self.client.get(path)
            self.assertIn(response.status_code, (200, 302), path)
            policy = directives(response)
            self.assertEqual(policy["script-src"], ["'self'", "'unsafe-inline'"], path)
            self.assertEqual(policy["style-src"], ["'self'", "'unsafe-inline'"])
            self.assertEqual(policy["object-src"], ["'none'"])
            self.assertEqual(policy["frame-ancestors"], ["'none'"])
            self.assertEqual(response["X-Frame-Options"], "DENY")

    def login(self, user):
        self.client.force_login(user)


class MiddlewareTests(SimpleTestCase):
    def run_view(self, view, path="/"):
        request = RequestFactory().get(path)
        return ContentSecurityPolicyMiddleware(view)(request)

    def test_framing_follows_x_frame_options_for_wagtails_preview(self):
        @xframe_options_sameorigin_override
        def preview(request):
            return HttpResponse("<p>xem trước</p>")

        response = self.run_view(preview, "/admin/pages/5/edit/preview/")
        self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")
        self.assertEqual(directives(response)["frame-ancestors"], ["'self'"])

    def test_a_nonce_used_by_a_page_is_in_its_header_and_only_then(self):
        template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">x()</script>')

        def with_script(request):
            return HttpResponse(template.render({"request": request}))

        response = self.run_view(with_script)
        nonce = response.content.decode().split('nonce="')[1].split('"')[0]
        self.assertIn(f"'nonce-{nonce}'", directives(response)["script-src"])
        plain = self.run_view(lambda request: HttpResponse("<p>tin</p>"))
        self.assertEqual(directives(plain)["script-src"], ["'self'"])

    def test_the_page_cache_never_stores_a_page_that_used_a_nonce(self):
        request = RequestFactory().get("/")
        response = HttpResponse("<p>tin</p>")
        self.assertTrue(PageCacheMiddleware._storable(request, response))
        request._csp_nonce = "abc"  # type: ignore[attr-defined]
        self.assertFalse(PageCacheMiddleware._storable(request, response))
        self.assertTrue(cache)  # the module under test
