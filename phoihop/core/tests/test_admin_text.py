"""Text typed in the Wagtail admin is stored NFC with new-style tones (issue #6, "all text enters NFC").

The admin is driven over HTTP the way an editor's browser drives it; the typed text arrives
decomposed (as phones and macOS send it) and with old-style tone placement ("hoà", "thuỷ", "khoẻ").
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.files.images import ImageFile
from django.test import TestCase
from django.urls import reverse
from taggit.managers import TaggableManager
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet as WagtailModelViewSet
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from phoihop.core.text import clean_html, normalize_html
from phoihop.core.wagtail_normalize import (
    TEXT_FORM_FIELDS,
    NormalizedBlockField,
    NormalizedTagField,
    normalize_block_value,
)
from phoihop.demo.images import draw
from phoihop.factcheck.models import Domain
from phoihop.portal import services as portal_services
from phoihop.portal.blocks import PARAGRAPH_FEATURES
from phoihop.portal.models import ArticlePage
from phoihop.programs.models import Program
from phoihop.testing import PersonaTestCase, make_program


def typed(text: str) -> str:
    """Text as a phone keyboard sends it: decomposed (NFD), old-style tones kept."""
    return unicodedata.normalize("NFD", text)


def assert_canonical(test: Any, value: str, expected: str) -> None:
    test.assertEqual(value, expected)
    test.assertTrue(unicodedata.is_normalized("NFC", value), repr(value))


def form_data(test: Any, url: str) -> Any:
    """The admin's edit form at `url` as the browser would post it back unchanged: the form that
    holds a `title` input (the header's search form comes first on some admin pages)."""
    response = test.client.get(url)
    test.assertEqual(response.status_code, 200)
    html = response.content.decode()
    forms = WagtailTestUtils.get_soup(html).find_all("form")
    index = next(i for i, form in enumerate(forms) if form.find(attrs={"name": ["title", "name"]}) is not None)
    return querydict_from_html(html, form_index=index).copy()


class ArticleAdminTextTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.article = portal_services.article_create(
            actor=None, category=category, title="Bản nháp", sapo="Sapo", publish=False
        )

    def test_title_sapo_body_and_tags_are_stored_nfc_new_style(self) -> None:
        self.login(self.chief)
        url = reverse("wagtailadmin_pages:edit", args=[self.article.pk])
        data = form_data(self, url)
        data.update(
            nested_form_data(
                {
                    "title": typed("Thuỷ lợi  hoà bình"),
                    "seo_title": typed("Đê thuỷ lợi"),
                    "search_description": typed("Khoẻ mạnh\r\nhoà thuận"),
                    "sapo": typed("Sức khoẻ người dân\r\nxã Hoà Bình"),
                    "lead_image_caption": typed("Ảnh: Toà nhà"),
                    "tags": typed("Thuỷ lợi, hoà giải"),
                    "body": streamfield(
                        [
                            (
                                "paragraph",
                                rich_text(
                                    typed(
                                        '<p>Đê <b>thuỷ</b> lợi &amp; <a href="https://vi.wikipedia.org/">khoẻ</a></p>'
                                    ),
                                    features=PARAGRAPH_FEATURES,
                                ),
                            ),
                            ("quote", {"quote": typed("Hoà hợp\nvà khoẻ"), "attribution": typed("Bà Thuỷ")}),
                        ]
                    ),
                }
            )
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])

        page = ArticlePage.objects.get(pk=self.article.pk)
        assert_canonical(self, page.draft_title, "Thủy lợi hòa bình")
        draft = page.get_latest_revision_as_object()
        assert_canonical(self, draft.title, "Thủy lợi hòa bình")
        assert_canonical(self, draft.seo_title, "Đê thủy lợi")
        assert_canonical(self, draft.search_description, "Khỏe mạnh\nhòa thuận")
        assert_canonical(self, draft.sapo, "Sức khỏe người dân\nxã Hòa Bình")
        assert_canonical(self, draft.lead_image_caption, "Ảnh: Tòa nhà")
        paragraph, quote = draft.body
        source = paragraph.value.source
        self.assertTrue(unicodedata.is_normalized("NFC", source), repr(source))
        self.assertIn("Đê <b>thủy</b> lợi &amp; ", source)
        self.assertIn('<a href="https://vi.wikipedia.org/">khỏe</a></p>', source)
        assert_canonical(self, quote.value["quote"], "Hòa hợp\nvà khỏe")
        assert_canonical(self, quote.value["attribution"], "Bà Thủy")
        self.assertEqual(sorted(tag.name for tag in draft.tags.all()), ["Thủy lợi", "hòa giải"])

        # Publishing the revision writes the same bytes to the page row the portal and search read.
        page.get_latest_revision().publish()
        live = ArticlePage.objects.get(pk=self.article.pk)
        assert_canonical(self, live.title, "Thủy lợi hòa bình")
        assert_canonical(self, live.sapo, "Sức khỏe người dân\nxã Hòa Bình")
        self.assertEqual(sorted(live.tags.values_list("name", flat=True)), ["Thủy lợi", "hòa giải"])

    def test_a_category_title_typed_in_the_admin_is_normalized(self) -> None:
        self.login(self.chief)
        category = Page.objects.get(slug="thoi-su")
        url = reverse("wagtailadmin_pages:edit", args=[category.pk])
        data = form_data(self, url)
        data.update({"title": typed("Thời sự - Hoà bình"), "description": typed("Tin thuỷ lợi")})
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        draft = Page.objects.get(pk=category.pk).specific.get_latest_revision_as_object()
        assert_canonical(self, draft.title, "Thời sự - Hòa bình")
        assert_canonical(self, draft.description, "Tin thủy lợi")


class ModelViewSetTextTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.program = make_program(
            cls, ends_on=dt.date(2030, 12, 31), status=Program.Status.DRAFT, themes=["Chuyển đổi số"]
        )

    def test_programme_edited_in_the_admin_is_stored_nfc_new_style(self) -> None:
        self.login(self.chief)
        url = reverse("program:edit", args=[self.program.pk])
        data = form_data(self, url)
        data["title"] = typed("Chương trình phối hợp tuyên truyền hoà nhập")
        data["purpose"] = typed("Nâng cao sức khoẻ\r\ncộng đồng")
        data["themes-0-title"] = typed("Thuỷ lợi và phòng chống thiên tai")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])

        program = Program.objects.get(pk=self.program.pk)
        assert_canonical(self, program.title, "Chương trình phối hợp tuyên truyền hòa nhập")
        assert_canonical(self, program.purpose, "Nâng cao sức khỏe\ncộng đồng")
        assert_canonical(self, program.themes.get().title, "Thủy lợi và phòng chống thiên tai")

    def test_reference_list_added_in_the_admin_is_stored_nfc_new_style(self) -> None:
        self.login(self.chief)
        self.chief.is_superuser = True  # the fact-check lists are the administrators' to edit
        self.chief.save(update_fields=["is_superuser"])
        response = self.client.post(
            reverse("factcheck_domains:add"),
            {"name": typed("Y tế, sức khoẻ"), "slug": "y-te-suc-khoe", "sort_order": "5", "is_active": "on"},
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        assert_canonical(self, Domain.objects.get(slug="y-te-suc-khoe").name, "Y tế, sức khỏe")


class MediaTextTests(PersonaTestCase):
    def test_an_image_title_and_tags_typed_in_the_admin_are_normalized(self) -> None:
        Image = get_image_model()
        image = Image(title="Ảnh", description="")
        image.file = ImageFile(io.BytesIO(draw("city", ["#111111", "#888888", "#cc0000"], "n")), name="n.jpg")
        image.save()
        self.login(self.chief)
        url = reverse("wagtailimages:edit", args=[image.pk])
        data = form_data(self, url)
        data["title"] = typed("Toà nhà UBND xã Hoà Bình")
        data["description"] = typed("Trụ sở mới,  khoẻ khoắn")
        data["tags"] = typed("thuỷ lợi, hoà giải")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        image.refresh_from_db()
        assert_canonical(self, image.title, "Tòa nhà UBND xã Hòa Bình")
        assert_canonical(self, image.description, "Trụ sở mới, khỏe khoắn")
        self.assertEqual(sorted(image.tags.names()), ["hòa giải", "thủy lợi"])


class HtmlAndBlockNormalizationTests(PersonaTestCase):
    def test_only_text_between_tags_changes(self) -> None:
        # ">" followed by U+0338 would compose into "≯" and break the tag if the markup were normalized.
        html = typed('<p data-block-key="k1">\u0338hoà <a href="/x?a=hoà&amp;b">thuỷ</a> &lt;b&gt; khoẻ</p>')
        self.assertEqual(
            normalize_html(html),
            '<p data-block-key="k1">\u0338hòa <a href="/x?a=ho' + typed("à") + '&amp;b">thủy</a> &lt;b&gt; khỏe</p>',
        )
        self.assertEqual(normalize_html(normalize_html(html)), normalize_html(html))
        self.assertEqual(clean_html(typed("<p>Hoà <script>x</script><b>thuỷ</b></p>")), "<p>Hòa <b>thủy</b></p>")

    def test_every_text_block_of_an_article_body(self) -> None:
        body = ArticlePage._meta.get_field("body").stream_block
        cleaned = normalize_block_value(
            body,
            [
                ("paragraph", RichText(typed("<p>hoà</p>"))),
                (
                    "gallery",
                    {
                        "title": typed("Bộ ảnh thuỷ lợi"),
                        "images": [{"caption": typed("Khoẻ"), "credit": "A", "image": None}],
                    },
                ),
                (
                    "table",
                    {
                        "data": [[typed("Thuỷ"), None]],
                        "table_caption": typed("Bảng hoà"),
                        "first_row_is_table_header": True,
                    },
                ),
                ("video", {"video": None, "caption": typed("Toà soạn")}),
                ("related", {"heading": typed("Tin hoà giải"), "articles": []}),
            ],
        )
        paragraph, gallery, table, video, related = (value for _, value in cleaned)
        self.assertEqual(paragraph.source, "<p>hòa</p>")
        self.assertEqual(gallery["title"], "Bộ ảnh thủy lợi")
        self.assertEqual(gallery["images"][0]["caption"], "Khỏe")
        self.assertEqual(table["data"], [["Thủy", None]])
        self.assertEqual(table["table_caption"], "Bảng hòa")
        self.assertTrue(table["first_row_is_table_header"])
        self.assertEqual(video["caption"], "Tòa soạn")
        self.assertEqual(related["heading"], "Tin hòa giải")


class ServiceBodyTests(PersonaTestCase):
    def test_article_create_normalizes_every_text_block(self) -> None:
        category = portal_services.category_ensure(slug="xa-hoi", title="Xã hội")
        article = portal_services.article_create(
            actor=None,
            category=category,
            title=typed("Hoà giải"),
            sapo="Sapo",
            publish=False,
            body=[
                ("paragraph", typed("<p>Đê thuỷ lợi</p>")),
                ("quote", {"quote": typed("Hoà hợp"), "attribution": typed("Bà Thuỷ")}),
                ("table", {"data": [[typed("Khoẻ")]], "table_caption": "", "first_row_is_table_header": False}),
            ],
        )
        paragraph, quote, table = ArticlePage.objects.get(pk=article.pk).body
        self.assertEqual(paragraph.value.source, "<p>Đê thủy lợi</p>")
        self.assertEqual((quote.value["quote"], quote.value["attribution"]), ("Hòa hợp", "Bà Thủy"))
        self.assertEqual(table.value["data"], [["Khỏe"]])


class EveryAdminFormNormalizesTests(TestCase):
    """The guard for the chokepoint: every text field of every admin form of ours (page editors,
    ModelViewSets, and the inline lists inside them) is a normalizing one. A viewset declared with
    `form_fields` on Wagtail's own ModelViewSet instead of `phoihop.core.wagtail_normalize`'s fails
    here."""

    def test_every_text_field_of_our_admin_forms_normalizes(self) -> None:
        reverse("wagtailadmin_home")  # loads the admin's URLs, which registers the viewsets
        form_classes = [
            viewset.get_form_class()
            for viewset in viewsets.viewsets
            if isinstance(viewset, WagtailModelViewSet) and type(viewset).__module__.startswith("phoihop.")
        ]
        form_classes += [
            get_edit_handler(model).get_form_class()
            for model in get_page_models()
            if model.__module__.startswith("phoihop.")
        ]
        checked: list[str] = []
        while form_classes:
            form_class = form_classes.pop()
            model = form_class._meta.model
            form_classes += [formset.form for formset in getattr(form_class, "formsets", {}).values()]
            for name, form_field in form_class.base_fields.items():
                try:
                    db_field = model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                expected = self.expected_form_field(db_field)
                if expected is not None:
                    checked.append(f"{model.__name__}.{name}")
                    self.assertIsInstance(form_field, expected, f"{model.__name__}.{name}")
        for field in ("ArticlePage.title", "ArticlePage.body", "ArticlePage.tags", "Program.title", "Theme.title"):
            self.assertIn(field, checked)
        self.assertIn("Domain.name", checked)

    @staticmethod
    def expected_form_field(db_field: Any) -> type | None:
        if isinstance(db_field, StreamField):
            return NormalizedBlockField
        if isinstance(db_field, TaggableManager):
            return NormalizedTagField
        if type(db_field) in TEXT_FORM_FIELDS and not db_field.choices:
            return TEXT_FORM_FIELDS[type(db_field)]
        return None
