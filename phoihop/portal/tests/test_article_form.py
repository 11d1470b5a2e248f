import io

from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.admin.panels import get_edit_handler
from wagtail.images import get_image_model

from phoihop.demo.images import draw
from phoihop.portal import services
from phoihop.portal.models import ArticlePage
from phoihop.testing import PersonaTestCase


class PublishValidationTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.category = services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.article = services.article_create(
            actor=None, category=cls.category, title="Bản nháp", sapo="Sapo", publish=False
        )
        Image = get_image_model()
        cls.image = Image(title="Ảnh không mô tả", description="")
        cls.image.file = ImageFile(io.BytesIO(draw("city", ["#111111", "#888888", "#cc0000"], "f")), name="f.jpg")
        cls.image.save()

    def form(self, data):
        form_class = get_edit_handler(ArticlePage).get_form_class()
        page = ArticlePage.objects.get(pk=self.article.pk)
        base = {
            "title": page.title,
            "slug": page.slug,
            "sapo": page.sapo,
            "body-count": "0",
            "authors-TOTAL_FORMS": "0",
            "authors-INITIAL_FORMS": "0",
            "authors-MIN_NUM_FORMS": "0",
            "authors-MAX_NUM_FORMS": "1000",
        }
        return form_class({**base, **data}, instance=page, for_user=self.chief)

    def test_publishing_needs_a_sapo_and_the_lead_image_described(self):
        form = self.form({"sapo": " ", "lead_image": self.image.pk, "action-publish": "1"})
        self.assertFalse(form.is_valid())
        self.assertIn("sapo", form.errors)
        self.assertIn("Cần mô tả ảnh đại diện", " ".join(form.errors["lead_image_alt"]))

    def test_a_draft_may_be_incomplete_and_a_described_image_publishes(self):
        self.assertNotIn("lead_image_alt", self.form({"lead_image": self.image.pk}).errors)
        described = self.form({"lead_image": self.image.pk, "lead_image_alt": "Cầu mới", "action-publish": "1"})
        self.assertNotIn("lead_image_alt", described.errors)


class BodyBlocksTests(PersonaTestCase):
    def test_gallery_quote_table_and_related_box_render(self):
        category = services.category_ensure(slug="xa-hoi", title="Xã hội")
        Image = get_image_model()
        images = []
        for key in ("a", "b"):
            image = Image(title=f"Ảnh {key}", description="")
            image.file = ImageFile(
                io.BytesIO(draw("fields", ["#224422", "#aaccaa", "#cc3300"], key)), name=f"{key}.jpg"
            )
            image.save()
            images.append(image)
        other = services.article_create(actor=None, category=category, title="Bài liên quan", sapo="x")
        article = services.article_create(
            actor=None,
            category=category,
            title="Ngày hội đại đoàn kết",
            sapo="Sapo",
            body=[
                (
                    "gallery",
                    {
                        "title": "Bộ ảnh ngày hội",
                        "images": [
                            {"image": images[0], "caption": "Múa lân", "credit": "Minh Anh", "alt_text": ""},
                            {"image": images[1], "caption": "Kéo co", "credit": "Minh Anh", "alt_text": ""},
                        ],
                    },
                ),
                ("quote", {"quote": "Đoàn kết là sức mạnh.", "attribution": "Trưởng thôn"}),
                (
                    "table",
                    {
                        "data": [["Thôn", "Số hộ"], ["Đông", "120"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "Số hộ tham gia",
                    },
                ),
                ("related", {"heading": "Tin liên quan", "articles": [other]}),
            ],
        )
        html = self.client.get(article.url).content.decode()
        for text in (
            "Bộ ảnh ngày hội",
            "Múa lân",
            "Ảnh: Minh Anh",
            "Đoàn kết là sức mạnh.",
            "— Trưởng thôn",
            "Số hộ tham gia",
            "<td>120</td>",
            "Tin liên quan",
            other.url,
        ):
            self.assertIn(text, html)


class TitleFieldTests(PersonaTestCase):
    """The headline's field wraps on a phone (#15): a growing textarea, and what it saves is one line."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        category = services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.article = services.article_create(
            actor=None, category=category, title="Bản nháp", sapo="Sapo", publish=False
        )

    def test_the_editor_shows_the_title_in_an_auto_height_textarea_with_the_phone_stylesheet(self):
        self.client.force_login(self.chief)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.article.pk]))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        title = html[html.index('name="title"') - 200 : html.index('name="title"') + 200]
        self.assertIn("<textarea", title)
        self.assertIn("w-autosize", title)
        self.assertIn("newsroom/admin-phone.css", html)

    def test_a_line_break_typed_into_the_title_is_saved_as_a_space(self):
        form_class = get_edit_handler(ArticlePage).get_form_class()
        field = form_class.base_fields["title"]
        self.assertEqual(
            field.clean("Xã Thanh Trì: Hơn 200 hộ\r\nnhận   nước sạch"), "Xã Thanh Trì: Hơn 200 hộ nhận nước sạch"
        )
