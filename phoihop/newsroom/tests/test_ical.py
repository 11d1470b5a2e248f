"""The private iCal feeds: the person's own deadlines, the newsroom's planning calendar, revocation."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from phoihop.accounts import calendar_feeds
from phoihop.deadlines.models import DeadlinePolicy
from phoihop.exchange import services as exchange_services
from phoihop.newsroom import services
from phoihop.newsroom.tests.base import NewsroomTestCase


class CalendarFeedTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        due = timezone.now() + dt.timedelta(days=2)
        cls.mine = services.assignment_create(
            actor=cls.chief, title="Đưa tin cầu An Khánh", due_at=due, assignee=cls.reporter, section=cls.cat_a
        )
        cls.other = services.assignment_create(
            actor=cls.chief, title="Phỏng vấn giá vàng", due_at=due, assignee=cls.reporter_b, section=cls.cat_b
        )
        policy = DeadlinePolicy.objects.get(code="thuong")
        cls.req_a = exchange_services.info_request_create(
            actor=cls.editor, organization=cls.unit_a, subject="Tiến độ GPMB", questions="Bao giờ xong?", policy=policy
        )
        cls.req_b = exchange_services.info_request_create(
            actor=cls.chief, organization=cls.unit_b, subject="Giá đất Bình Minh", questions="Giá?", policy=policy
        )

    def feed(self, url: str) -> Calendar:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        return Calendar.from_ical(response.content)

    def summaries(self, cal: Calendar) -> dict[str, str]:
        return {str(event["uid"]): str(event["summary"]) for event in cal.walk("VEVENT")}

    def test_reporter_deadlines(self) -> None:
        _feed, secret = calendar_feeds.calendar_feed_renew(actor=self.reporter)
        cal = self.feed(reverse("ical:deadlines", args=[secret]))
        events = {str(event["uid"]): event for event in cal.walk("VEVENT")}
        self.assertEqual(set(events), {f"assignment-{self.mine.pk}@localhost"})
        event = events[f"assignment-{self.mine.pk}@localhost"]
        self.assertEqual(str(event["summary"]), "Hạn: Đưa tin cầu An Khánh")
        self.assertEqual(str(event["url"]), "http://localhost" + self.mine.get_absolute_url())
        start = event.decoded("dtstart")
        self.assertEqual(str(start.tzinfo), "Asia/Ho_Chi_Minh")
        self.assertEqual(start, self.mine.due_at.replace(microsecond=0))
        self.assertIn("dtstamp", event)
        # A newsroom member's feed holds the requests they sent, not their colleagues'.
        _feed, editor_secret = calendar_feeds.calendar_feed_renew(actor=self.editor)
        uids = set(self.summaries(self.feed(reverse("ical:deadlines", args=[editor_secret]))))
        self.assertEqual(uids, {f"info-request-{self.req_a.pk}@localhost"})

    def test_partner_sees_own_units_request_only(self) -> None:
        _feed, secret = calendar_feeds.calendar_feed_renew(actor=self.liaison_a)
        uids = set(self.summaries(self.feed(reverse("ical:deadlines", args=[secret]))))
        self.assertEqual(uids, {f"info-request-{self.req_a.pk}@localhost"})
        _feed, secret_b = calendar_feeds.calendar_feed_renew(actor=self.liaison_b)
        uids_b = set(self.summaries(self.feed(reverse("ical:deadlines", args=[secret_b]))))
        self.assertEqual(uids_b, {f"info-request-{self.req_b.pk}@localhost"})

    def test_planning_feed_press_only(self) -> None:
        _feed, secret = calendar_feeds.calendar_feed_renew(actor=self.chief)
        uids = set(self.summaries(self.feed(reverse("ical:planning", args=[secret]))))
        self.assertEqual(uids, {f"assignment-{self.mine.pk}@localhost", f"assignment-{self.other.pk}@localhost"})
        _feed, reporter_secret = calendar_feeds.calendar_feed_renew(actor=self.reporter)
        uids = set(self.summaries(self.feed(reverse("ical:planning", args=[reporter_secret]))))
        self.assertEqual(uids, {f"assignment-{self.mine.pk}@localhost"})
        _feed, partner_secret = calendar_feeds.calendar_feed_renew(actor=self.liaison_a)
        self.assertEqual(self.client.get(reverse("ical:planning", args=[partner_secret])).status_code, 404)

    def test_replaced_and_unknown_secret_404(self) -> None:
        _feed, old = calendar_feeds.calendar_feed_renew(actor=self.reporter)
        self.assertEqual(self.client.get(reverse("ical:deadlines", args=[old])).status_code, 200)
        _feed, new = calendar_feeds.calendar_feed_renew(actor=self.reporter)
        self.assertEqual(self.client.get(reverse("ical:deadlines", args=[old])).status_code, 404)
        self.assertEqual(self.client.get(reverse("ical:deadlines", args=[new])).status_code, 200)
        self.assertEqual(self.client.get(reverse("ical:deadlines", args=["khong-co"])).status_code, 404)

    def test_account_page_shows_address_once(self) -> None:
        self.client.force_login(self.reporter)
        page = self.client.get(reverse("accounts:me"))
        self.assertContains(page, "Lịch (iCal)")
        self.assertContains(page, "Tạo địa chỉ mới")
        response = self.client.post(reverse("accounts:calendar_feed_renew"), follow=True)
        self.assertContains(response, "http://localhost/lich/")
        self.assertContains(response, "/han-cua-toi.ics")
        self.assertContains(response, "/ke-hoach.ics")
        feed = self.reporter.calendar_feed
        again = self.client.get(reverse("accounts:me")).content.decode()
        self.assertNotIn("/han-cua-toi.ics", again)
        self.assertNotIn(feed.token_hash, again)
        self.client.force_login(self.liaison_a)
        response = self.client.post(reverse("accounts:calendar_feed_renew"), follow=True)
        self.assertContains(response, "/han-cua-toi.ics")
        self.assertNotContains(response, "/ke-hoach.ics")
