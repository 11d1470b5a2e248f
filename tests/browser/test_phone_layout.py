"""On a phone (360 and 390 px) no page of the workspace, the newsroom or the portal scrolls sideways,
and the Wagtail editor shows an article's whole headline (issue #15, "Phone").

One demo story, one browser context per persona (signed in once), every page at both widths. A page
fails when `document.documentElement.scrollWidth > window.innerWidth`; the message names the page
and the elements that stick out furthest past the right edge (computed in the page).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from phoihop.demo import story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 390)
PERSONAS = ("phongvien", "tongbientap", "daumoi")  # a reporter, the editor-in-chief, a partner liaison

# The elements whose right edge passes the viewport and that are not inside a container that
# scrolls or clips them: the ones that make the document wider than the screen.
OVERFLOW_JS = """
() => {
  const vw = window.innerWidth;
  const doc = document.documentElement.scrollWidth;
  if (doc <= vw) return null;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox !== 'visible') return p.getBoundingClientRect().right <= vw + 1;
    }
    return false;
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const parent = el.parentElement;
    if (parent && parent !== document.body) {
      let p = parent.tagName.toLowerCase();
      if (parent.classList.length) p += '.' + [...parent.classList].join('.');
      s = p + ' > ' + s;
    }
    return s;
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1 || clipped(el)) continue;
    found.push({el: describe(el), right: Math.round(r.right), width: Math.round(r.width)});
  }
  found.sort((a, b) => b.width - a.width);
  const seen = new Set();
  const worst = found.filter((f) => !seen.has(f.el) && seen.add(f.el)).slice(0, 3);
  return {doc, vw, worst};
}
"""

# How many lines the header's menus take: the distinct tops of their links, buttons and search form.
MENU_LINES_JS = """
() => {
  const lines = (selector) => {
    const nav = document.querySelector(selector);
    if (!nav) return 0;
    const tops = [];
    for (const el of nav.querySelectorAll('a, button, form')) {
      if (el.closest('form') && el.tagName !== 'FORM') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (!tops.some((t) => Math.abs(t - r.top) < 10)) tops.push(r.top);
    }
    return tops.length;
  };
  return {account: lines('.account-nav'), workspace: lines('.workspace-nav')};
}
"""

TITLE_JS = """
() => {
  const el = document.querySelector('#id_title');
  if (!el) return null;
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), scroll: el.scrollWidth, client: el.clientWidth,
          scrollH: el.scrollHeight, clientH: el.clientHeight, value: el.value,
          right: Math.round(el.getBoundingClientRect().right), vw: window.innerWidth, ws: style.whiteSpace};
}
"""


def persona_pages(username: str) -> list[str]:
    """The pages to visit as `username`: the workspace lists, one of each kind of record they may
    open, the newsroom and the fact-check workspace."""
    from django.contrib.auth import get_user_model

    from phoihop.exchange import access as exchange_access
    from phoihop.factcheck.models import Claim
    from phoihop.newsroom.models import Assignment
    from phoihop.programs.access import programs_for_user

    user = get_user_model().objects.get(username=username)
    pages = [
        reverse("exchange:inbox"),
        reverse("exchange:events"),
        reverse("exchange:conferences"),
        reverse("programs:list"),
        reverse("reports:index"),
        reverse("coverage_workspace"),
        reverse("webhooks:endpoints"),
        reverse("newsroom:board"),
        reverse("newsroom:calendar"),
        reverse("factcheck_workspace:home"),
        reverse("notifications:inbox"),
        reverse("search:workspace") + "?q=x%C3%A3",
        reverse("accounts:me"),
        reverse("newsroom:archive"),
        reverse("newsroom:sections"),
        reverse("spokespersons"),
        reverse("reports:spokesperson_index"),
    ]

    def first(queryset: Any) -> int | None:
        return queryset.values_list("pk", flat=True).first()

    for name, pk in (
        ("exchange:submission", first(exchange_access.submissions_for_user(user))),
        ("exchange:request", first(exchange_access.info_requests_for_user(user))),
        ("exchange:event", first(exchange_access.statement_events_for_user(user))),
        ("exchange:conference", first(exchange_access.press_conferences_for_user(user))),
        ("programs:detail", first(programs_for_user(user))),
        ("reports:dashboard", first(programs_for_user(user))),
        ("newsroom:assignment", first(Assignment.objects.all())),
        ("factcheck_workspace:claim", first(Claim.objects.all())),
    ):
        if pk is not None:
            pages.append(reverse(name, args=[pk]))
    return pages


def portal_pages() -> list[str]:
    from phoihop.portal.models import ArticlePage, CategoryPage

    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    category = CategoryPage.objects.live().first()
    assert article is not None and category is not None
    return ["/", category.url, article.url, reverse("search:search") + "?q=x%C3%A3", "/kiem-chung/"]


def check_pages(
    page: Any, base: str, urls: list[str], who: str, failures: list[str], skipped: list[str], seen: list[str]
) -> int:
    """Visit `urls` at each phone width; note what is too wide in `failures`, the pages that do not
    open to `who` in `skipped`, the visited ones in `seen`; return how many were visited."""
    visited = 0
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            response = page.goto(base + url)
            if response is None or response.status != 200:
                skipped.append(f"{who} {url} {response and response.status}")
                continue  # a page this persona may not open (403/404) is not theirs to lay out
            visited += 1
            seen.append(f"{who} {url} @{width}")
            menus = page.evaluate(MENU_LINES_JS)
            if menus["account"] > 2 or menus["workspace"] > 2:
                failures.append(f"{who} {url} @{width}: the header menus take {menus} lines (at most 2 each)")
            report = page.evaluate(OVERFLOW_JS)
            if report:
                worst = "; ".join(f"{w['el']} (right {w['right']}, width {w['width']})" for w in report["worst"])
                failures.append(f"{who} {url} @{width}: document {report['doc']} px > {report['vw']} px — {worst}")
    return visited


def sign_in(browser: Any, base: str, username: str, password: str) -> Any:
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(base + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    assert "/dang-nhap/" not in page.url, f"{username} could not sign in"
    return context, page


def test_nothing_is_wider_than_a_phone(live_server, browser, artifacts, demo_logins):
    story.load(logins_path=demo_logins)
    passwords = json.loads(demo_logins.read_text(encoding="utf-8"))
    base = live_server.url
    failures: list[str] = []
    skipped: list[str] = []
    seen: list[str] = []
    visited = 0

    for username in PERSONAS:
        context, page = sign_in(browser, base, username, passwords[username])
        try:
            pages = persona_pages(username) + portal_pages()  # the portal too, with the workspace's header
            # The screens the issue names (board, claim, dashboard), with a request's facts, at 390 and 1280 px.
            screens = [u for u in pages if u == "/toa-soan/" or "/ho-so/" in u or "/bao-cao/chuong-trinh/" in u]
            screens += [u for u in pages if "/de-nghi/" in u][:1]
            visited += check_pages(page, base, pages, username, failures, skipped, seen)
            if username == "tongbientap":
                for width in (390, 1280):
                    page.set_viewport_size({"width": width, "height": 800})
                    for url in screens:
                        page.goto(base + url)
                        name = url.strip("/").replace("/", "-") or "home"
                        page.screenshot(path=str(artifacts / f"phone-{name}-{width}.png"), full_page=True)
        finally:
            context.close()

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    try:
        visited += check_pages(context.new_page(), base, portal_pages(), "visitor", failures, skipped, seen)
    finally:
        context.close()

    # The demo is built once (it is most of the test's time): the editor is checked on it too.
    failures += check_editor_headline(browser, base, passwords["tongbientap"], artifacts)

    (artifacts / "phone-layout-pages.txt").write_text(
        "visited:\n" + "\n".join(seen) + "\n\nnot open to the persona:\n" + "\n".join(skipped) + "\n", encoding="utf-8"
    )
    assert not failures, "Too wide for a phone:\n" + "\n".join(failures)
    # Three personas × most of ~25 workspace and 5 portal pages, and the visitor's 5, at both widths: really visited.
    assert visited >= 2 * (3 * 20 + 5), (visited, skipped)


def check_editor_headline(browser: Any, base: str, password: str, artifacts: Any) -> list[str]:
    """Wagtail's editor shows an article's whole headline at phone widths (it wraps, not scrolls)."""
    from phoihop.portal.models import ArticlePage

    article = max(ArticlePage.objects.live(), key=lambda a: len(a.title))
    assert len(article.title) > 60, article.title  # long enough to need several lines at 360 px
    context, page = sign_in(browser, base, "tongbientap", password)
    problems = []
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(base + reverse("wagtailadmin_pages:edit", args=[article.pk]))
            page.wait_for_selector("#id_title")
            page.wait_for_timeout(300)  # the autosize controller sets the height after load
            title = page.evaluate(TITLE_JS)
            page.screenshot(path=str(artifacts / f"phone-editor-{width}.png"))
            assert title is not None and title["value"] == article.title, title
            where = f"editor /admin/pages/{article.pk}/edit/ @{width}: title field"
            if title["scroll"] > title["client"]:
                problems.append(f"{where} scrolls sideways ({title['scroll']} > {title['client']} px): {title}")
            if title["scrollH"] > title["clientH"] + 2:
                problems.append(f"{where} is cut ({title['scrollH']} > {title['clientH']} px high): {title}")
            if title["right"] > width:
                problems.append(f"{where} passes the screen (right edge {title['right']} px)")
    finally:
        context.close()
    return problems
