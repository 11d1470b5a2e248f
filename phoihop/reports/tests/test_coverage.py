"""Coverage for partners' portals (#17 item 4): a programme's and a unit's articles as RSS and as an
embeddable list, the same articles the figures count, public only past the draft, fresh after a
takedown or a change of parties, and the workspace page that gives a unit its code."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
from django.urls import reverse

from phoihop.exchange import services as exchange
from phoihop.newsroom.models import ArticleSource
from phoihop.portal import services as portal
from phoihop.programs.models import Program, ProgramParty
from phoihop.reports import coverage
from phoihop.testing import PersonaTestCase, make_program

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int = 8) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=VN)


class CoverageTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.program = make_program(cls, title="Chương trình phối hợp 2026 với xã An Khánh")
        digital = cls.program.themes.order_by("sort_order").first()
        cls.other = make_program(cls, title="Chương trình với phường Bình Minh", parties=[cls.press, cls.unit_b])
        cls.draft = make_program(cls, title="Dự thảo chương trình", status=Program.Status.DRAFT)
        category = portal.category_ensure(slug="chinh-quyen", title="Chính quyền")

        def article(title: str, day: int, **kwargs: Any) -> Any:
            return portal.article_create(
                actor=None, category=category, title=title, sapo="Sapo.", published_at=at(day), **kwargs
            )

        cls.by_program = article("Xã An Khánh số hóa hồ sơ", 2, program=cls.program)
        cls.by_theme = article("Một cửa liên thông <số>", 3, program=cls.program, themes=[digital])
        cls.by_other = article("Phường Bình Minh chỉnh trang đô thị", 4, program=cls.other)
        cls.unrelated = article("Thời tiết cuối tuần", 5)
        cls.from_child = article("Phòng Văn hóa xã An Khánh mở lớp", 6)
        submission = exchange.submission_create(
            actor=cls.liaison_child, organization=cls.unit_a_child, title="Tin lớp học"
        )
        ArticleSource.objects.create(article=cls.from_child, submission=submission)

    def feed_titles(self, path: str) -> list[str]:
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        return [entry.title for entry in feedparser.parse(response.content).entries]

    def test_a_programme_feed_lists_the_articles_its_figures_count_newest_first(self):
        titles = self.feed_titles(coverage.program_address(self.program, "rss"))
        self.assertEqual(titles, ["Một cửa liên thông <số>", "Xã An Khánh số hóa hồ sơ"])

    def test_a_unit_feed_adds_its_sub_units_submissions_and_leaves_out_other_units(self):
        titles = self.feed_titles(coverage.unit_address(self.unit_a, "rss"))
        self.assertEqual(
            titles, ["Phòng Văn hóa xã An Khánh mở lớp", "Một cửa liên thông <số>", "Xã An Khánh số hóa hồ sơ"]
        )
        self.assertEqual(
            self.feed_titles(coverage.unit_address(self.unit_b, "rss")), ["Phường Bình Minh chỉnh trang đô thị"]
        )

    def test_every_link_in_the_feed_opens(self):
        response = self.client.get(coverage.program_address(self.program, "rss"))
        links = [entry.link for entry in feedparser.parse(response.content).entries]
        self.assertEqual(len(links), 2)
        for link in links:
            self.assertTrue(link.startswith("http://localhost/"), link)
            self.assertEqual(self.client.get(link.removeprefix("http://localhost")).status_code, 200, link)

    def test_drafts_press_units_and_unknown_ids_are_not_found(self):
        self.assertEqual(self.client.get(coverage.program_address(self.draft, "rss")).status_code, 404)
        self.assertEqual(self.client.get(coverage.program_address(self.draft, "nhung")).status_code, 404)
        press = reverse("coverage:unit_rss", args=[self.press.pk, "bao-thu-nghiem"])
        self.assertEqual(self.client.get(press).status_code, 404)
        self.assertEqual(self.client.get(reverse("coverage:unit_rss", args=[999999, "x"])).status_code, 404)

    def test_an_old_slug_redirects_to_the_current_address(self):
        old = reverse("coverage:program_nhung", args=[self.program.pk, "ten-cu"])
        response = self.client.get(old + "?so=3")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], coverage.program_address(self.program, "nhung") + "?so=3")

    def test_the_embed_may_be_framed_anywhere_has_no_script_and_escapes_titles(self):
        response = self.client.get(coverage.unit_address(self.unit_a, "nhung") + "?so=2")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("X-Frame-Options", response)
        self.assertIn("frame-ancestors *", response["Content-Security-Policy"])
        html = response.content.decode()
        self.assertNotIn("<script", html)
        self.assertIn("Một cửa liên thông &lt;số&gt;", html)
        self.assertIn("Phòng Văn hóa xã An Khánh mở lớp", html)
        self.assertNotIn("Xã An Khánh số hóa hồ sơ", html)  # ?so=2: the two newest
        self.assertIn('target="_blank" rel="noopener"', html)
        # Other pages still refuse to be framed.
        self.assertEqual(self.client.get("/").get("X-Frame-Options"), "DENY")

    def test_a_taken_down_article_leaves_the_cached_feed_at_once(self):
        path = coverage.program_address(self.program, "rss")
        self.assertIn("Xã An Khánh số hóa hồ sơ", self.feed_titles(path))
        self.assertIn("Xã An Khánh số hóa hồ sơ", self.feed_titles(path))  # now served from the cache
        self.by_program.specific.unpublish()
        self.assertNotIn("Xã An Khánh số hóa hồ sơ", self.feed_titles(path))

    def test_a_new_party_sees_the_programme_in_its_feed_at_once(self):
        path = coverage.unit_address(self.unit_b, "rss")
        self.assertNotIn("Xã An Khánh số hóa hồ sơ", self.feed_titles(path))
        ProgramParty.objects.create(program=self.program, organization=self.unit_b)  # as the admin's form saves it
        self.assertIn("Xã An Khánh số hóa hồ sơ", self.feed_titles(path))

    def test_the_workspace_page_gives_the_liaison_the_addresses_and_the_code(self):
        url = reverse("coverage_workspace")
        self.assertEqual(self.client.get(url).status_code, 302)  # sign in first
        self.client.force_login(self.liaison_a)
        page = self.client.get(url)
        self.assertContains(page, f'<a href="{url}" aria-current="page">Đưa tin</a>', html=True)  # in the bar
        self.assertContains(page, "http://localhost" + coverage.unit_address(self.unit_a, "rss"))
        self.assertContains(page, "http://localhost" + coverage.program_address(self.program, "nhung"))
        self.assertContains(page, "&lt;iframe src=&quot;http://localhost" + coverage.unit_address(self.unit_a, "nhung"))
        self.assertNotContains(page, coverage.unit_address(self.unit_b, "rss"))
        self.assertNotContains(page, coverage.program_address(self.other, "rss"))
        self.assertNotContains(page, coverage.program_address(self.draft, "rss"))
