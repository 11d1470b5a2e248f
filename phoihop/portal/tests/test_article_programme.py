"""An article says what it does for a coordination programme: `article_create` takes the programme and
its themes (drafts made from a submission, an assignment or a claim start with theirs), and the
Wagtail editor keeps the themes inside the chosen programme."""

from django.core.exceptions import ValidationError
from wagtail.admin.panels import get_edit_handler

from phoihop.portal import services
from phoihop.portal.models import ArticlePage
from phoihop.testing import PersonaTestCase, make_program


class ArticleProgrammeTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.category = services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.program = make_program(cls)
        cls.digital, cls.reform = cls.program.themes.order_by("sort_order")
        cls.other = make_program(cls, title="Chương trình khác", parties=[cls.press, cls.unit_b], themes=["Môi trường"])

    def test_a_draft_keeps_its_programme_and_themes_in_the_page_and_its_revision(self):
        article = services.article_create(
            actor=self.chief,
            category=self.category,
            title="Xã số hóa hồ sơ",
            sapo="Sapo.",
            publish=False,
            program=self.program,
            themes=[self.digital],
        )
        page = ArticlePage.objects.get(pk=article.pk)
        self.assertEqual((page.program, list(page.themes.all())), (self.program, [self.digital]))
        revision = page.get_latest_revision_as_object()
        self.assertEqual((revision.program_id, list(revision.themes.all())), (self.program.pk, [self.digital]))
        # Publishing the revision keeps them.
        page.get_latest_revision().publish()
        page = ArticlePage.objects.get(pk=article.pk)
        self.assertTrue(page.live)
        self.assertEqual(list(page.themes.all()), [self.digital])

    def test_themes_of_another_programme_or_without_one_are_refused(self):
        other_theme = self.other.themes.get()
        for program, themes in ((self.program, [other_theme]), (None, [self.digital])):
            with self.assertRaises(ValidationError):
                services.article_create(
                    actor=None, category=self.category, title="Bài", sapo="Sapo.", program=program, themes=themes
                )
        self.assertFalse(ArticlePage.objects.filter(title="Bài").exists())

    def test_the_editor_changes_them_in_wagtail_and_they_must_agree(self):
        article = services.article_create(
            actor=None, category=self.category, title="Bản nháp", sapo="Sapo", publish=False, program=self.program
        )
        form_class = get_edit_handler(ArticlePage).get_form_class()
        base = {
            "title": article.title,
            "slug": article.slug,
            "sapo": article.sapo,
            "body-count": "0",
            "authors-TOTAL_FORMS": "0",
            "authors-INITIAL_FORMS": "0",
            "authors-MIN_NUM_FORMS": "0",
            "authors-MAX_NUM_FORMS": "1000",
        }

        def form(**data):
            return form_class({**base, **data}, instance=ArticlePage.objects.get(pk=article.pk), for_user=self.chief)

        good = form(program=self.program.pk, themes=[self.reform.pk]).errors
        self.assertNotIn("themes", good)
        self.assertNotIn("program", good)
        mixed = form(program=self.program.pk, themes=[self.other.themes.get().pk])
        self.assertIn("Nội dung tuyên truyền không thuộc chương trình đã chọn.", mixed.errors["themes"])
        orphan = form(themes=[self.digital.pk])
        self.assertIn("Chọn chương trình phối hợp trước khi chọn nội dung tuyên truyền.", orphan.errors["program"])
