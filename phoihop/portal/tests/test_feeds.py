"""RSS 2.0 feeds, read the way a reader app reads them (feedparser)."""

import feedparser

from phoihop.portal.tests.base import PortalTestCase, at, publish


class FeedTests(PortalTestCase):
    def parse(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return feed

    def test_site_feed_has_every_article_with_its_date_newest_first(self):
        feed = self.parse("/rss/")
        self.assertEqual(feed.version, "rss20")
        self.assertEqual(feed.feed.title, "Báo Lao động Thủ đô")
        self.assertEqual(feed.feed.language, "vi")
        titles = [entry.title for entry in feed.entries]
        self.assertEqual(titles, [self.article.title, self.news.title, self.older.title])
        first = feed.entries[0]
        self.assertEqual(first.link, "http://localhost" + self.article.url)
        self.assertEqual(first.published_parsed[:5], (2024, 11, 21, 12, 41))  # 19:41 in Hà Nội
        self.assertEqual(first.summary, self.article.sapo)
        self.assertEqual(first.author, "Bảo Thoa")
        self.assertEqual([t.term for t in first.tags], ["Chỉ đạo - Điều hành", "Đề án 06", "chuyển đổi số"])
        self.assertTrue(all(entry.published_parsed for entry in feed.entries))

    def test_category_feed_has_only_that_category(self):
        publish(self.thoi_su, "Giá vàng hôm nay 23/11", when=at(23))
        feed = self.parse("/rss/thoi-su/")
        self.assertEqual(feed.feed.title, "Thời sự — Báo Lao động Thủ đô")
        self.assertEqual([e.title for e in feed.entries], ["Giá vàng hôm nay 23/11", self.news.title])
        self.assertEqual(self.client.get("/rss/khong-co/").status_code, 404)

    def test_pages_announce_their_feeds(self):
        home = self.client.get("/").content.decode()
        self.assertIn(
            '<link rel="alternate" type="application/rss+xml" title="Báo Lao động Thủ đô" href="/rss/">', home
        )
        category = self.client.get("/thoi-su/").content.decode()
        self.assertIn('type="application/rss+xml" title="Thời sự — Báo Lao động Thủ đô" href="/rss/thoi-su/"', category)
        article = self.client.get(self.article.url).content.decode()
        self.assertIn('href="/rss/chi-dao-dieu-hanh/"', article)
