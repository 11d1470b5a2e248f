"""'Đọc nhiều': the read beacon, the worker's fold into daily counts, and the home page block."""

import datetime as dt

import time_machine
from django.conf import settings
from django.utils import timezone

from phoihop.core import scheduler
from phoihop.portal import services
from phoihop.portal.models import ArticleDailyViews, ArticleHit
from phoihop.portal.tests.base import HANOI, PortalTestCase

NOON = dt.datetime(2024, 11, 22, 12, 0, tzinfo=HANOI)


class MostReadTests(PortalTestCase):
    def book_a_fold(self):
        """A fold is already booked (as by a read): reads until its time book none."""
        at = timezone.now() + dt.timedelta(seconds=settings.PHOIHOP_MOST_READ_SECONDS)
        self.assertEqual(scheduler.request(services.MOST_READ_KEY, at=at, eager=True), at)

    readers = 0

    def read(self, article, times=1):
        """`times` readers read `article` (each from an address of their own: one read counts per
        visitor and article a day)."""
        for _ in range(times):
            MostReadTests.readers += 1
            address = f"10.{self.readers // 65536 % 256}.{self.readers // 256 % 256}.{self.readers % 256}"
            response = self.client.post(f"/luot-doc/{article.pk}/", REMOTE_ADDR=address)
            self.assertEqual(response.status_code, 204)
            self.assertEqual(response["Cache-Control"], "no-store")

    def test_beacon_accepts_only_posts_and_records_one_hit_each(self):
        self.assertEqual(self.client.get(f"/luot-doc/{self.article.pk}/").status_code, 405)
        with time_machine.travel(NOON, tick=False):
            with self.captureOnCommitCallbacks(execute=True):
                self.book_a_fold()
            with self.captureOnCommitCallbacks(execute=True):
                self.read(self.article, 3)
        self.assertEqual(ArticleHit.objects.filter(article_id=self.article.pk).count(), 3)

    def test_the_first_read_schedules_a_fold_which_the_worker_runs(self):
        # Tests run tasks at once (immediate backend): the first read folds.
        with time_machine.travel(NOON), self.captureOnCommitCallbacks(execute=True):
            self.read(self.older)
        self.assertEqual(ArticleHit.objects.count(), 0)
        self.assertEqual(ArticleDailyViews.objects.get(article=self.older).views, 1)

    def test_fold_counts_per_article_and_local_day_and_drops_unknown_ids(self):
        with time_machine.travel(dt.datetime(2024, 11, 21, 23, 30, tzinfo=HANOI)):
            self.read(self.article, 2)
        with time_machine.travel(dt.datetime(2024, 11, 22, 0, 30, tzinfo=HANOI)):
            self.read(self.article)
            self.client.post("/luot-doc/987654/")
            self.assertEqual(services.most_read_aggregate(), 4)
        counts = dict(ArticleDailyViews.objects.filter(article=self.article).values_list("day", "views"))
        self.assertEqual(counts, {dt.date(2024, 11, 21): 2, dt.date(2024, 11, 22): 1})
        self.assertEqual(ArticleHit.objects.count(), 0)
        with time_machine.travel(dt.datetime(2024, 11, 22, 1, 0, tzinfo=HANOI)):
            self.read(self.article)
            services.most_read_aggregate()
        self.assertEqual(ArticleDailyViews.objects.get(article=self.article, day=dt.date(2024, 11, 22)).views, 2)

    def test_home_block_follows_the_fold_even_when_the_home_page_was_cached(self):
        with time_machine.travel(NOON):
            self.read(self.news, 2)
            self.read(self.older, 1)
            services.most_read_aggregate()
            html = self.client.get("/").content.decode()
            ranked = html[html.index('id="doc-nhieu"') :]
            self.assertLess(ranked.index(self.news.title), ranked.index(self.older.title))
            self.assertEqual(self.client.get("/")["X-Cache"], "HIT")
            self.read(self.older, 3)
            services.most_read_aggregate()
            response = self.client.get("/")
        self.assertEqual(response["X-Cache"], "MISS")
        ranked = response.content.decode()[response.content.decode().index('id="doc-nhieu"') :]
        self.assertLess(ranked.index(self.older.title), ranked.index(self.news.title))

    def test_article_page_carries_the_beacon_address_and_the_deferred_script(self):
        html = self.client.get(self.article.url).content.decode()
        self.assertIn(f'data-read-beacon="/luot-doc/{self.article.pk}/"', html)
        self.assertIn('<script src="/static/js/portal.js" defer></script>', html)
