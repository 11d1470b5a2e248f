"""The read beacon cannot be stuffed (#22, item 7): 300 anonymous posts used to put an article at the
top of "Đọc nhiều". One read counts per visitor (address + browser) and article a day, an address
counts a bounded number of readers per article, and an address sending too much is throttled."""

import datetime as dt

import time_machine
from django.test import override_settings

from phoihop.portal import services
from phoihop.portal.models import ArticleDailyViews, ArticleHit
from phoihop.portal.tests.base import HANOI, PortalTestCase

NOON = dt.datetime(2024, 11, 22, 12, 0, tzinfo=HANOI)


class ReadBeaconTests(PortalTestCase):
    def post(self, article_id, address="10.0.0.1", browser="Mozilla/5.0 (Linux; Android 14) Chrome/130"):
        return self.client.post(f"/luot-doc/{article_id}/", REMOTE_ADDR=address, HTTP_USER_AGENT=browser)

    def hits(self, article):
        return ArticleHit.objects.filter(article_id=article.pk).count()

    def test_three_hundred_posts_from_one_visitor_count_once(self):
        with time_machine.travel(NOON, tick=False):
            answers = {self.post(self.older.pk).status_code for _ in range(300)}
        self.assertEqual(answers, {204, 429})
        self.assertEqual(self.hits(self.older), 1)

    def test_the_next_day_counts_again(self):
        with time_machine.travel(NOON, tick=False):
            self.post(self.older.pk)
            self.post(self.older.pk)
        with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
            self.post(self.older.pk)
        self.assertEqual(self.hits(self.older), 2)

    def test_changing_the_browser_name_from_one_address_is_capped(self):
        with time_machine.travel(NOON, tick=False):
            for n in range(100):
                self.assertEqual(self.post(self.older.pk, browser=f"bot/{n}").status_code, 204)
        self.assertEqual(self.hits(self.older), 20)  # PHOIHOP_READS_PER_ADDRESS_ARTICLE

    @override_settings(PHOIHOP_READS_PER_ADDRESS=10, PHOIHOP_READS_WINDOW_SECONDS=60)
    def test_an_address_sending_too_much_is_throttled(self):
        with time_machine.travel(NOON, tick=False):
            answers = [self.post(self.article.pk, browser=f"b{n}").status_code for n in range(12)]
            self.assertEqual(answers[:10], [204] * 10)
            self.assertEqual(answers[10:], [429, 429])
            self.assertEqual(self.post(self.article.pk, address="10.0.0.2").status_code, 204)  # others are not
        with time_machine.travel(NOON + dt.timedelta(seconds=61), tick=False):
            self.assertEqual(self.post(self.article.pk, browser="b99").status_code, 204)

    def test_readers_at_different_addresses_each_count_and_the_ranking_follows(self):
        with time_machine.travel(NOON, tick=False):
            for n in range(5):
                self.post(self.news.pk, address=f"10.0.1.{n}")
            for _ in range(300):
                self.post(self.older.pk, address="10.0.2.1")
            services.most_read_aggregate()
        views = dict(ArticleDailyViews.objects.values_list("article_id", "views"))
        self.assertEqual(views[self.news.pk], 5)
        self.assertEqual(views[self.older.pk], 1)

    def test_huge_ids_are_a_404(self):
        self.assertEqual(self.post("99999999999999999999").status_code, 404)
        self.assertEqual(self.post(str(2**63)).status_code, 404)
        self.assertEqual(self.post(str(2**63 - 1)).status_code, 204)  # a number, just no such article
