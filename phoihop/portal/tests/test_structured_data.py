"""What search engines and social networks read from an article page: NewsArticle JSON-LD, Open
Graph and Twitter cards, the canonical URL."""

import json

import extruct

from phoihop.portal.tests.base import PortalTestCase


class StructuredDataTests(PortalTestCase):
    def extract(self, path):
        html = self.client.get(path).content.decode()
        return html, extruct.extract(
            html, base_url="http://localhost" + path, syntaxes=["json-ld", "opengraph"], uniform=True
        )

    def test_article_has_a_news_article_with_the_fields_google_asks_for(self):
        _html, data = self.extract(self.article.url)
        articles = [item for item in data["json-ld"] if item["@type"] == "NewsArticle"]
        self.assertEqual(len(articles), 1)
        article = articles[0]
        self.assertEqual(article["headline"], self.article.title)
        self.assertEqual(article["datePublished"], "2024-11-21T19:41:00+07:00")
        self.assertEqual(article["dateModified"], "2024-11-21T19:41:00+07:00")
        self.assertEqual(article["articleSection"], "Chỉ đạo - Điều hành")
        self.assertEqual(
            article["author"], [{"@type": "Person", "name": "Bảo Thoa", "url": "http://localhost/tac-gia/bao-thoa/"}]
        )
        self.assertEqual(len(article["image"]), 3)
        self.assertTrue(
            all(url.startswith("http://localhost/media/images/") and url.endswith(".jpg") for url in article["image"])
        )
        publisher = article["publisher"]
        self.assertEqual(publisher["name"], "Báo Lao động Thủ đô")
        self.assertEqual(publisher["logo"]["url"], "http://localhost/static/img/logo.png")
        self.assertEqual(article["mainEntityOfPage"]["@id"], "http://localhost" + self.article.url)
        self.assertEqual(self.client.get("/static/img/logo.png").status_code, 200)

    def test_an_article_without_a_lead_image_has_the_publication_logo_as_its_image(self):
        self.assertIsNone(self.news.lead_image)
        _html, data = self.extract(self.news.url)
        (article,) = [item for item in data["json-ld"] if item["@type"] == "NewsArticle"]
        self.assertIn("image", article)
        self.assertEqual(
            article["image"],
            [{"@type": "ImageObject", "url": "http://localhost/static/img/logo.png", "width": 600, "height": 60}],
        )
        self.assertEqual(article["image"][0], article["publisher"]["logo"])

    def test_article_has_open_graph_twitter_card_and_canonical_url(self):
        html, data = self.extract(self.article.url)
        og = data["opengraph"][0]
        self.assertEqual(og["@type"], "article")
        self.assertEqual(og["og:title"], self.article.title)
        self.assertEqual(og["og:url"], "http://localhost" + self.article.url)
        self.assertTrue(og["og:image"].endswith(".fill-1200x630.format-jpeg.jpg"))
        self.assertEqual(og["article:published_time"], "2024-11-21T19:41:00+07:00")
        self.assertIn('<meta name="twitter:card" content="summary_large_image">', html)
        self.assertIn(f'<link rel="canonical" href="http://localhost{self.article.url}">', html)

    def test_json_ld_cannot_break_out_of_its_script_element(self):
        from phoihop.portal.seo import json_ld

        escaped = str(json_ld({"headline": "</script><script>alert(1)</script>"}))
        self.assertNotIn("<", escaped)
        self.assertEqual(json.loads(escaped), {"headline": "</script><script>alert(1)</script>"})

    def test_home_describes_the_website(self):
        _html, data = self.extract("/")
        self.assertEqual([item["@type"] for item in data["json-ld"]], ["WebSite"])
        self.assertEqual(data["opengraph"][0]["@type"], "website")
