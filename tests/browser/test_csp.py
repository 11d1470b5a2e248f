"""The Content-Security-Policy in Chromium (#22, item 4): the portal's home page, an article and the
Wagtail admin's page editor (with its preview panel) load without a single violation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phoihop.demo import story
from phoihop.portal.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collected in the page itself (Playwright's init scripts are not subject to the page's policy).
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = (e.sourceFile || '') + ':' + e.lineNumber;
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + where);
}, true);
"""


def watched(page: object) -> list[str]:
    console: list[str] = []
    page.add_init_script(WATCH)  # type: ignore[attr-defined]
    page.on(  # type: ignore[attr-defined]
        "console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None
    )
    return console


def violations(page: object, console: list[str]) -> list[str]:
    return [*page.evaluate("window.__csp || []"), *console]  # type: ignore[attr-defined]


@pytest.fixture
def demo(demo_logins: Path) -> dict[str, str]:
    story.load(logins_path=demo_logins)
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    assert article is not None
    logins = json.loads(demo_logins.read_text(encoding="utf-8"))
    return {"article": article.url, "article_id": str(article.pk), "password": logins["tongbientap"]}


def test_portal_pages_load_without_a_violation(live_server, page, demo):
    console = watched(page)
    for path in ("/", demo["article"]):
        response = page.goto(live_server.url + path)
        assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert violations(page, console) == [], path
    page.goto("about:blank")


def test_the_wagtail_page_editor_loads_without_a_violation(live_server, page, demo):
    console = watched(page)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("tongbientap")
    page.locator("#id_password").fill(demo["password"])
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/")
    response = page.goto(f"{live_server.url}/admin/pages/{demo['article_id']}/edit/")
    assert response is not None and "content-security-policy" in response.headers
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form").count() == 1
    # The preview panel: the page rendered in an iframe of the admin (frame-ancestors 'self').
    page.locator('[data-side-panel-toggle="preview"]').click()
    frame = page.frame_locator("#w-preview-iframe")
    frame.locator("body").wait_for()
    page.wait_for_load_state("networkidle")
    assert violations(page, console) == []
    page.goto("about:blank")  # nothing still loading while the test database is emptied
