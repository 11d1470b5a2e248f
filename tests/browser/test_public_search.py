"""#21 in Chromium: the public search at 390 px — partial matches, a Telex query read back, the
suggestion list as the reader types (keyboard: ↓ then Enter opens the headline) — never scrolls
sideways, and the page's own script runs under the CSP (no violation reported)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from wagtail.rich_text import RichText

from phoihop.portal import services as portal
from phoihop.search import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def article(category, title, day, *, body="Nội dung bài viết.", tags=()):
    page = portal.article_create(
        actor=None,
        category=category,
        title=title,
        sapo="Tin trong ngày.",
        body=[("paragraph", RichText(f"<p>{body}</p>"))],
        tags=tags,
        published_at=dt.datetime(2025, 3, day, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    services.article_reindex(page.pk)
    return page


def no_sideways_scroll(page, what):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{what} at 390px scrolls sideways by {overflow}px"


def test_search_at_phone_width(live_server, page, artifacts):
    portal.site_ensure()
    news = portal.category_ensure(slug="thoi-su", title="Thời sự")
    article(news, "Đại hội đại biểu Đảng bộ huyện Thanh Trì lần thứ XXV nhiệm kỳ 2025–2030 thành công tốt đẹp", 1)
    article(news, "Chuẩn bị đại hội công đoàn cơ sở các xã, thị trấn trên địa bàn", 2, tags=["Đại hội Đảng"])
    article(news, "Trạm y tế xã được nâng cấp khang trang", 3)
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + "/tim-kiem/?q=" + "đại hội trạm y tế Cà Mau")
    assert page.get_by_role("heading", name="Không có bài chứa đủ mọi từ; kết quả gần nhất").is_visible()
    no_sideways_scroll(page, "partial matches")
    page.screenshot(path=str(artifacts / "search-partial-390.png"), full_page=True)

    page.goto(live_server.url + "/tim-kiem/?q=ddaij+hooij")
    assert "Hiển thị kết quả cho “đại hội”" in page.content()
    no_sideways_scroll(page, "Telex reading")

    page.goto(live_server.url + "/tim-kiem/")
    box = page.get_by_role("combobox", name="Từ khóa")  # the script made the box a combobox
    box.press_sequentially("dai h", delay=30)
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    options = page.get_by_role("option")
    assert options.count() >= 2
    assert page.locator("input[role=combobox]").get_attribute("aria-expanded") == "true"
    no_sideways_scroll(page, "suggestion list")
    page.screenshot(path=str(artifacts / "search-suggest-390.png"), full_page=True)
    first = options.first.inner_text()
    page.keyboard.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == first
    assert violations == []


def test_the_search_form_is_styled_like_the_site_and_fits_a_phone(live_server, page, artifacts):
    """#15: the public search form in the site's look (its red button, the soft panel, bordered fields)
    at 390 and 1280 px, every control inside the viewport on a phone."""
    portal.site_ensure()
    news = portal.category_ensure(slug="thoi-su", title="Thời sự")
    article(news, "Trạm y tế xã được nâng cấp khang trang", 3)
    for width, height in ((390, 844), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(live_server.url + "/tim-kiem/?q=tr%E1%BA%A1m+y+t%E1%BA%BF")
        form = page.locator("form.search-form")
        styles = form.evaluate(
            """form => {
                const css = element => getComputedStyle(element);
                const button = form.querySelector('.search-q button');
                const select = form.querySelector('.search-filters select');
                return {
                    panel: css(form).backgroundColor,
                    button: css(button).backgroundColor,
                    buttonColour: css(button).color,
                    selectRadius: css(select).borderTopLeftRadius,
                    fieldsetBorder: css(form.querySelector('.search-filters')).borderLeftStyle,
                    rights: [...form.querySelectorAll('input, select, button')]
                        .filter(element => element.type !== 'hidden')
                        .map(element => element.getBoundingClientRect().right),
                };
            }"""
        )
        assert styles["panel"] == "rgb(246, 246, 244)", styles  # --soft
        assert styles["button"] == "rgb(179, 18, 27)", styles  # --accent
        assert styles["buttonColour"] == "rgb(255, 255, 255)", styles
        assert styles["selectRadius"] == "4px", styles
        assert styles["fieldsetBorder"] == "none", styles
        assert max(styles["rights"]) <= width, styles
        if width == 390:
            no_sideways_scroll(page, "the search form")
        page.screenshot(path=str(artifacts / f"search-form-{width}.png"), full_page=True)
