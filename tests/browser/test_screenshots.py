"""Screenshots of the screens fixed under #15 at 390 and 1280 px, saved with the test artifacts
(`screenshot` in conftest: `$PHOIHOP_TEST_ARTIFACTS/screenshots/<screen>-<width>.png`). Each screen
is opened by the persona who works there and must answer as expected and show its heading."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from phoihop.demo import story
from tests.browser.test_phone_layout import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)


def screens() -> dict[str, list[tuple[str, str, int]]]:
    """Per persona: (screen name, URL, expected status)."""
    from phoihop.factcheck.models import Claim
    from phoihop.portal.models import ArticlePage
    from phoihop.programs.models import Program

    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    claim = Claim.objects.order_by("pk").first()
    program = Program.objects.order_by("pk").first()
    assert article is not None and claim is not None and program is not None
    return {
        "tongbientap": [
            ("wagtail-editor", f"/admin/pages/{article.pk}/edit/", 200),
            ("wagtail-dashboard", "/admin/", 200),
            ("wagtail-workflows", "/admin/reports/workflow/", 200),
            ("board", reverse("newsroom:board"), 200),
            ("claim", reverse("factcheck_workspace:claim", args=[claim.pk]), 200),
            ("dashboard", reverse("reports:dashboard", args=[program.pk]), 200),
            ("404", "/khong-co-trang-nay/", 404),
        ],
        "daumoi": [("404-partner-admin", "/admin/", 404), ("inbox", reverse("exchange:inbox"), 200)],
        "": [
            ("home", "/", 200),
            ("article", article.url, 200),
            ("kiem-chung", "/kiem-chung/", 200),
            ("search", reverse("search:search") + "?q=x%C3%A3", 200),
        ],
    }


def test_screenshots_of_the_fixed_screens(live_server, browser, screenshot, demo_logins):
    story.load(logins_path=demo_logins)
    passwords = json.loads(demo_logins.read_text(encoding="utf-8"))
    base = live_server.url
    saved: list[Any] = []
    problems: list[str] = []
    for username, pages in screens().items():
        if username:
            context, page = sign_in(browser, base, username, passwords[username])
        else:
            context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
            page = context.new_page()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, url, status in pages:
                response = page.goto(base + url)
                got = response.status if response else None
                if got != status:
                    problems.append(f"{username or 'reader'} {url}: {got}, expected {status}")
                    continue
                heading = page.locator("h1:visible, h2:visible").first
                if not heading.count() or not heading.inner_text().strip():
                    problems.append(f"{username or 'reader'} {url} @{width}: no visible heading")
                saved.append(screenshot(page, name))
        context.close()
    assert not problems, "\n".join(problems)
    assert all(path.stat().st_size > 1000 for path in saved)
    assert len(saved) == 2 * sum(len(pages) for pages in screens().values())
