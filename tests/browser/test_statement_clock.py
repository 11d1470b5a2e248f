"""Issue 13's acceptance: an event's 24-hour clock shows on both sides' screens, and an overdue event
shows as escalated once the periodic job has told the unit's head."""

from __future__ import annotations

import datetime as dt
import types

import pytest
from django.utils import timezone

from phoihop.exchange import statements
from phoihop.exchange.tasks import statements_tick
from phoihop.testing import PASSWORD, build_personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username):
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_the_clock_shows_on_both_sides_and_an_overdue_event_is_escalated(live_server, browser, artifacts):
    people = types.SimpleNamespace()
    build_personas(people)
    now = timezone.now()
    running = statements.event_open(
        actor=people.chief,
        organization=people.unit_a,
        title="Cháy kho hàng tại thôn Đông",
        opened_at=now - dt.timedelta(hours=2),
    )
    overdue = statements.event_open(
        actor=people.leader_a,
        organization=people.unit_a,
        title="Dư luận về giá vé xe buýt",
        opened_at=now - dt.timedelta(hours=25),
    )
    statements_tick.call()  # the periodic job, run by hand (the tests' backend books nothing)

    for username in ("tbt", "dm_a"):
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        sign_in(page, live_server.url, username)
        page.goto(live_server.url + "/phoi-hop/")
        page.get_by_role("navigation", name="Khu làm việc").get_by_role("link", name="Sự kiện cần phát ngôn").click()
        rows = page.locator("#su-kien li")
        assert rows.count() == 2
        assert "Quá hạn" in rows.nth(0).inner_text()  # the overdue one first
        assert "Đã báo lãnh đạo" in rows.nth(0).inner_text()
        page.get_by_role("link", name="Cháy kho hàng tại thôn Đông").click()
        clock = page.locator("#dong-ho")
        assert clock.inner_text().startswith("Còn 21 giờ") or clock.inner_text().startswith("Còn 22 giờ")
        due = timezone.localtime(running.due_at).strftime("%d/%m/%Y %H:%M")
        assert page.locator("#han-phat-ngon").inner_text() == due
        page.goto(live_server.url + overdue.get_absolute_url())
        assert page.locator("#dong-ho").inner_text().startswith("Quá hạn 1 giờ")
        assert page.locator("#da-bao-lanh-dao").is_visible()
        page.screenshot(path=str(artifacts / f"statement-clock-{username}.png"), full_page=True)
        context.close()
