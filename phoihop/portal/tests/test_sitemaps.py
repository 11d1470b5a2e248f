"""Sitemap index, monthly article sitemaps, the Google News sitemap and robots.txt."""

import datetime as dt
import xml.etree.ElementTree as ET
from unittest import mock

import time_machine

from phoihop.portal.tests.base import HANOI, PortalTestCase, at, publish

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
NOW = dt.datetime(2024, 11, 23, 10, 0, tzinfo=HANOI)


class SitemapTests(PortalTestCase):
    def xml(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        self.assertTrue(response["Content-Type"].startswith("application/xml"))
        return ET.fromstring(response.content)  # noqa: S314

    def test_index_lists_pages_news_and_one_sitemap_per_month(self):
        publish(self.thoi_su, "Tin tháng mười", when=at(5, month=10))
        with time_machine.travel(NOW):
            root = self.xml("/sitemap.xml")
        locs = [e.text for e in root.findall("s:sitemap/s:loc", NS)]
        self.assertEqual(
            locs,
            [
                "http://localhost/sitemap-pages.xml",
                "http://localhost/sitemap-news.xml",
                "http://localhost/sitemap-articles-2024-11.xml",
                "http://localhost/sitemap-articles-2024-10.xml",
            ],
        )

    def test_month_sitemap_has_the_month_articles_with_lastmod(self):
        root = self.xml("/sitemap-articles-2024-11.xml")
        urls = {u.find("s:loc", NS).text: u.find("s:lastmod", NS).text for u in root.findall("s:url", NS)}
        self.assertEqual(urls["http://localhost" + self.article.url], "2024-11-21T19:41:00+07:00")
        self.assertEqual(len(urls), 3)
        self.assertEqual(self.client.get("/sitemap-articles-2019-01.xml").status_code, 404)

    def test_pages_sitemap_has_home_and_categories(self):
        locs = [e.text for e in self.xml("/sitemap-pages.xml").findall("s:url/s:loc", NS)]
        self.assertEqual(
            locs, ["http://localhost/", "http://localhost/chi-dao-dieu-hanh/", "http://localhost/thoi-su/"]
        )

    def test_news_sitemap_holds_only_the_last_two_days(self):
        # 23/11 10:00: the articles of 21/11 19:41 and later are within two days; 21/11 08:00 is not.
        with time_machine.travel(NOW):
            root = self.xml("/sitemap-news.xml")
        entries = root.findall("s:url", NS)
        self.assertEqual([u.find("s:loc", NS).text for u in entries], ["http://localhost" + self.article.url])
        news = entries[0].find("news:news", NS)
        self.assertEqual(news.find("news:publication/news:name", NS).text, "Báo Lao động Thủ đô")
        self.assertEqual(news.find("news:publication/news:language", NS).text, "vi")
        self.assertEqual(news.find("news:publication_date", NS).text, "2024-11-21T19:41:00+07:00")
        self.assertEqual(news.find("news:title", NS).text, self.article.title)
        with time_machine.travel(NOW + dt.timedelta(days=1)):
            self.assertEqual(self.xml("/sitemap-news.xml").findall("s:url", NS), [])

    def test_news_sitemap_splits_into_files_of_at_most_the_limit(self):
        for i in range(3):
            publish(self.thoi_su, f"Tin nóng số {i}", when=at(23, 8, i))
        with mock.patch("phoihop.portal.sitemaps.NEWS_PER_FILE", 2), time_machine.travel(NOW):
            first = self.xml("/sitemap-news.xml").findall("s:url", NS)
            second = self.xml("/sitemap-news-2.xml").findall("s:url", NS)
            index = [e.text for e in self.xml("/sitemap.xml").findall("s:sitemap/s:loc", NS)]
            self.assertEqual(self.client.get("/sitemap-news-3.xml").status_code, 404)
        self.assertEqual((len(first), len(second)), (2, 2))
        self.assertIn("http://localhost/sitemap-news-2.xml", index)

    def test_robots_txt_points_to_the_sitemaps_and_keeps_crawlers_out_of_the_workspace(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        text = response.content.decode()
        self.assertIn("User-agent: *", text)
        self.assertIn("Disallow: /admin/", text)
        self.assertIn("Disallow: /phoi-hop/", text)
        self.assertIn("Sitemap: http://localhost/sitemap.xml", text)
        self.assertIn("Sitemap: http://localhost/sitemap-news.xml", text)
