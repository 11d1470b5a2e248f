"""Issue #12: one public origin (PHOIHOP_BASE_URL) for every absolute URL in pages, feeds, sitemaps,
robots.txt and e-mails, and the Wagtail Site kept in step with it."""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Site

from phoihop.core.origin import public_url
from phoihop.exchange import services as exchange
from phoihop.portal import services
from phoihop.portal.tests.base import PortalTestCase, photo, publish
from phoihop.testing import build_personas

ORIGIN = "http://127.0.0.1:8123"
NOW = dt.datetime(2024, 11, 22, 10, 0, tzinfo=dt.UTC)
PUBLIC_PATHS = ["/", "ARTICLE", "/rss/", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt"]
# Namespaces, schema vocabularies and share endpoints: absolute URLs that are not ours by design.
FOREIGN_HOSTS = {
    "schema.org",
    "www.sitemaps.org",
    "www.google.com",
    "www.w3.org",
    "www.facebook.com",
    "sp.zalo.me",
    "ogp.me",
    "purl.org",
}
URL = re.compile(r"https?://[^\s\"'<>\\]+")


def absolute_urls(text: str) -> set[str]:
    return {html.unescape(url).rstrip(".,;)") for url in URL.findall(text)}


def foreign_or_ours(urls: set[str], origin: str) -> tuple[set[str], set[str]]:
    """(ours, stray): URLs on `origin`, and URLs that are neither ours nor a known foreign host."""
    ours = {u for u in urls if u == origin or u.startswith(origin + "/")}
    stray = {u for u in urls - ours if urlsplit(u).hostname not in FOREIGN_HOSTS}
    return ours, stray


def mail_texts(messages: list) -> list[str]:
    return [m.body + "".join(content for content, _type in getattr(m, "alternatives", [])) for m in messages]


def full_story(article) -> None:
    """A partner's submission, acknowledged and published; its e-mails land in `mail.outbox`."""
    people = type("People", (), {})()
    build_personas(people)
    mail.outbox.clear()
    submission = exchange.submission_create(
        actor=people.liaison_a, organization=people.unit_a, title="Lịch tiếp công dân tháng 12", body="Nội dung."
    )
    exchange.submission_acknowledge(actor=people.chief, submission=submission)
    exchange.submission_mark_published(
        actor=people.chief, submission=submission, url=public_url(article.get_url() or "/"), page=article
    )


@override_settings(PHOIHOP_BASE_URL=ORIGIN)
class OneOriginTests(PortalTestCase):
    def get(self, path: str) -> str:
        path = self.article.url if path == "ARTICLE" else path
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return response.content.decode()

    def test_every_absolute_url_of_pages_feeds_and_sitemaps_starts_with_the_origin(self):
        with time_machine.travel(NOW):
            for path in PUBLIC_PATHS:
                with self.subTest(path=path):
                    urls = absolute_urls(self.get(path))
                    ours, stray = foreign_or_ours(urls, ORIGIN)
                    self.assertEqual(stray, set())
                    self.assertTrue(ours, path)

    def test_article_page_canonical_share_links_and_print_footer_use_the_origin(self):
        text = self.get("ARTICLE")
        canonical = ORIGIN + self.article.url
        self.assertIn(f'<link rel="canonical" href="{canonical}">', text)
        self.assertIn(f'data-print-source="Nguồn: {canonical}"', text)
        self.assertIn(quote(canonical, safe=""), text)  # the Facebook and Zalo share links
        self.assertIn(f"{ORIGIN}/static/img/logo.png", text)

    def test_emails_of_a_story_link_to_the_origin(self):
        with self.captureOnCommitCallbacks(execute=True):
            full_story(self.article)
        messages = list(mail.outbox)
        self.assertGreaterEqual(len(messages), 3)
        for text in mail_texts(messages):
            ours, stray = foreign_or_ours(absolute_urls(text), ORIGIN)
            self.assertEqual(stray, set())
            self.assertTrue(ours)
        self.assertIn(ORIGIN + self.article.url, "".join(mail_texts(messages[-2:])))

    def test_site_follows_the_origin_on_every_ensure(self):
        services.site_ensure()
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port, site.root_url), ("127.0.0.1", 8123, ORIGIN))
        with override_settings(PHOIHOP_BASE_URL="https://baochi.example.vn/"):
            self.assertEqual(services.site_address_sync(), 1)
            self.assertEqual(Site.objects.get(is_default_site=True).root_url, "https://baochi.example.vn")
            self.assertEqual(services.site_address_sync(), 0)


def fetch(url: str, cookie: str = "") -> tuple[int, str]:
    """GET `url` without following redirects: the status and the body."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.mark.django_db(transaction=True)
def test_every_absolute_url_answers_on_the_running_server(live_server, settings):
    """Against a real server on its own port: every URL of ours found in the public pages, feeds,
    sitemaps, robots.txt and the e-mails of one story answers 200 as given (no redirect)."""
    settings.PHOIHOP_BASE_URL = origin = live_server.url
    services.site_ensure()
    category = services.category_ensure(slug="thoi-su", title="Thời sự")
    article = publish(
        category,
        "Xã An Khánh khánh thành cầu dân sinh",
        when=timezone.now() - dt.timedelta(hours=1),
        authors=["Bảo Thoa"],
        tags=["giao thông"],
        lead_image=photo(),
    )
    found: dict[str, str] = {}  # URL -> the session cookie to open it with ("" for the public)
    for path in PUBLIC_PATHS:
        status, body = fetch(origin + (article.url if path == "ARTICLE" else path))
        assert status == 200, path
        ours, stray = foreign_or_ours(absolute_urls(body), origin)
        assert stray == set(), path
        found.update(dict.fromkeys(ours, ""))
    full_story(article)  # autocommit and the immediate task backend: the mail is out at once
    messages = list(mail.outbox)
    assert len(messages) >= 3
    for message, text in zip(messages, mail_texts(messages), strict=True):
        client = Client()
        client.force_login(get_user_model().objects.get(email=message.to[0]))
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        ours, stray = foreign_or_ours(absolute_urls(text), origin)
        assert ours and stray == set(), message.subject
        found.update(dict.fromkeys(ours - found.keys(), cookie))
    assert origin + article.url in found
    failures: list[tuple[str, object]] = []
    for url, cookie in sorted(found.items()):
        if urlsplit(url).path.startswith(settings.MEDIA_URL):
            # Media files are served by the web server in front (nginx), or by runserver in DEBUG.
            if not (Path(settings.MEDIA_ROOT) / urlsplit(url).path.removeprefix(settings.MEDIA_URL)).is_file():
                failures.append((url, "missing file"))
            continue
        status, _body = fetch(url, cookie)
        if status != 200:
            failures.append((url, status))
    assert failures == []
