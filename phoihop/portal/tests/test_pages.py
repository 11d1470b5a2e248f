import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.core.files.images import ImageFile
from django.test import TestCase
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from phoihop.demo.images import draw
from phoihop.portal import services
from phoihop.portal.models import ArticlePage

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class ArticlePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        services.site_ensure()
        cls.category = services.category_ensure(slug="chi-dao-dieu-hanh", title="Chỉ đạo - Điều hành")
        Image = get_image_model()
        cls.image = Image(title="Quang cảnh hội nghị")
        cls.image.file = ImageFile(io.BytesIO(draw("meeting", ["#223344", "#aabbcc", "#cc3344"], "t")), name="t.jpg")
        cls.image.save()
        cls.article = services.article_create(
            actor=None,
            category=cls.category,
            title="Hà Nội đẩy mạnh chuyển đổi số trong cải cách hành chính",
            sapo="Thành phố đặt mục tiêu hoàn thành sớm các chỉ tiêu năm.",
            body=[
                ("paragraph", RichText("<p>Đoạn mở đầu <script>alert(1)</script>về Đề án 06.</p>")),
                (
                    "image",
                    {"image": cls.image, "caption": "Quang cảnh hội nghị.", "credit": "Minh Anh", "alt_text": ""},
                ),
            ],
            authors=["Bảo Thoa", "Minh Anh"],
            tags=["Đề án 06", "chuyển đổi số"],
            published_at=dt.datetime(2024, 11, 21, 19, 41, tzinfo=HANOI),
        )
        cls.older = services.article_create(
            actor=None,
            category=cls.category,
            title="Hội nghị tổng kết công tác năm",
            sapo="Tóm tắt.",
            published_at=dt.datetime(2024, 11, 20, 9, 57, tzinfo=HANOI),
        )

    def test_article_url_follows_category_and_vietnamese_slug(self):
        self.assertEqual(self.article.slug, "ha-noi-day-manh-chuyen-doi-so-trong-cai-cach-hanh-chinh")
        self.assertEqual(
            self.article.url, "/chi-dao-dieu-hanh/ha-noi-day-manh-chuyen-doi-so-trong-cai-cach-hanh-chinh/"
        )

    def test_article_page_shows_what_a_reader_expects(self):
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Chỉ đạo - Điều hành", html)
        self.assertIn("21/11/2024 19:41", html)
        self.assertIn("Thành phố đặt mục tiêu", html)
        self.assertIn("Quang cảnh hội nghị.", html)
        self.assertIn("Ảnh: Minh Anh", html)
        self.assertIn("Bảo Thoa, Minh Anh", html)
        self.assertIn("Đề án 06", html)
        self.assertNotIn("<script>alert(1)</script>", html)
        self.assertIn('datetime="2024-11-21T19:41:00+07:00"', html)

    def test_category_lists_newest_first(self):
        html = self.client.get(self.category.url).content.decode()
        self.assertLess(html.index(self.article.title), html.index(self.older.title))

    def test_home_page_shows_latest_and_categories(self):
        html = self.client.get("/").content.decode()
        self.assertIn(self.article.title, html)
        self.assertIn('href="/chi-dao-dieu-hanh/"', html)

    def test_unpublished_article_is_404_for_readers(self):
        draft = services.article_create(actor=None, category=self.category, title="Bản nháp", sapo="x", publish=False)
        self.assertFalse(ArticlePage.objects.get(pk=draft.pk).live)
        self.assertEqual(self.client.get("/chi-dao-dieu-hanh/ban-nhap/").status_code, 404)

    def test_vietnamese_404_page(self):
        response = self.client.get("/khong-co-trang-nay/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Không tìm thấy trang", status_code=404)

    def test_published_at_must_be_aware(self):
        with self.assertRaises(ValueError):
            services.article_create(
                actor=None,
                category=self.category,
                title="x",
                sapo="y",
                published_at=dt.datetime(2024, 1, 1),  # noqa: DTZ001
            )
