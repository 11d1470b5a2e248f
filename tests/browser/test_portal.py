"""The public site in Chromium: screenshots at phone and desktop widths, an axe-core accessibility
check, keyboard access, the read beacon and the print/copy buttons."""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from phoihop.demo import story
from phoihop.portal.models import ArticleDailyViews, ArticleHit, ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WIDTHS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}


@pytest.fixture
def portal(demo_logins: Path) -> dict[str, str]:
    """The demo story, with editor's picks and read counts so every block of the home page shows."""
    story.load(logins_path=demo_logins)
    articles = list(ArticlePage.objects.live().order_by("-first_published_at"))
    ArticlePage.objects.filter(pk__in=[a.pk for a in articles[1:5]]).update(editors_pick=True)
    today = timezone.localdate()
    for rank, article in enumerate(articles[:6]):
        ArticleDailyViews.objects.create(article=article, day=today - dt.timedelta(days=rank % 2), views=100 - rank)
    from phoihop.portal import cache

    cache.invalidate({cache.PICKS, cache.MOST_READ})
    newest = articles[0] if articles[0].get_parent().slug != "kiem-chung" else articles[1]
    return {"article": newest.url, "category": newest.get_parent().url, "title": newest.title}


def serve_media(page: object) -> None:
    """The test server does not serve uploads (DEBUG is off): hand Chromium the files directly."""
    root = Path(settings.MEDIA_ROOT)

    def handle(route: object) -> None:
        path = root / route.request.url.split("/media/", 1)[1]  # type: ignore[attr-defined]
        if path.is_file():
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            route.fulfill(body=path.read_bytes(), content_type=kind)  # type: ignore[attr-defined]
        else:
            route.fulfill(status=404)  # type: ignore[attr-defined]

    page.route("**/media/**", handle)  # type: ignore[attr-defined]


def load_everything(page: object) -> None:
    """Lazy images below the fold load too, so a full-page screenshot shows them."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.evaluate("document.fonts.ready")  # type: ignore[attr-defined]


def serious_violations(page: object) -> list[dict[str, object]]:
    # Evaluated by Playwright, not added as a <script>: the page's CSP refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")  # type: ignore[attr-defined]
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_home_category_and_article_at_phone_and_desktop_width(live_server, page, artifacts, portal):
    serve_media(page)
    pages = {"home": "/", "category": portal["category"], "article": portal["article"]}
    for name, path in pages.items():
        for width, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            page.goto(live_server.url + path)
            load_everything(page)
            # Nothing wider than the screen: no sideways scrolling on a phone.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
            broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
            assert broken == 0, f"{name} at {width}px has {broken} broken images"
            page.screenshot(path=str(artifacts / f"portal-{name}-{width}.png"), full_page=True)
    page.goto(live_server.url + portal["article"])
    assert page.locator("h1").inner_text() == portal["title"]
    assert page.get_by_role("heading", name="Tin khác").is_visible()


def test_no_serious_accessibility_violations(live_server, page, portal):
    serve_media(page)
    found = {}
    for path in ("/", portal["category"], portal["article"], "/tu-khoa/thanh-tri/", "/khong-co-trang-nay/"):
        for viewport in WIDTHS.values():
            page.set_viewport_size(viewport)
            page.goto(live_server.url + path)
            load_everything(page)
            violations = serious_violations(page)
            if violations:
                found[f"{path} @ {viewport['width']}px"] = violations
    assert not found, json.dumps(found, ensure_ascii=False, indent=2)


def test_fonts_come_from_the_project_and_cover_vietnamese(live_server, page, portal):
    fonts = []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    page.goto(live_server.url + portal["article"])
    load_everything(page)
    assert fonts, "no web font was loaded"
    assert all(url.startswith(live_server.url + "/static/fonts/") for url in fonts), fonts
    assert any("vietnamese" in url for url in fonts)
    assert page.evaluate("document.fonts.check('700 20px \"Noto Serif\"', 'Đặng Đức Quỳnh')")


def test_keyboard_reader_can_skip_to_the_content(live_server, page, portal):
    page.goto(live_server.url + portal["article"])
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#noi-dung"


def views_of(article: ArticlePage) -> int:
    folded = sum(ArticleDailyViews.objects.filter(article=article).values_list("views", flat=True))
    return folded + ArticleHit.objects.filter(article_id=article.pk).count()


def test_reading_an_article_sends_one_beacon_and_shows_print_and_copy(live_server, page, portal):
    article = ArticlePage.objects.get(url_path__endswith=portal["article"])
    before = views_of(article)
    with page.expect_response(lambda r: "/luot-doc/" in r.url and r.request.method == "POST") as beacon:
        page.goto(live_server.url + portal["article"])
    assert beacon.value.status == 204
    assert views_of(article) == before + 1
    assert page.get_by_role("button", name="In bài").is_visible()
    assert page.get_by_role("link", name="Sao chép liên kết").is_visible()
