"""The draft article starts with the programme and themes of what it was made from — a submission, or
an assignment without one — and the editor can change them in Wagtail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.newsroom import services
from phoihop.newsroom.tests.base import NewsroomTestCase, vn
from phoihop.portal.models import ArticlePage
from phoihop.testing import make_program

DUE = vn(2026, 3, 5, 17, 0)


class DraftProgrammeTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = make_program(cls)
        cls.digital, cls.reform = cls.program.themes.order_by("sort_order")

    def test_a_draft_from_a_submission_carries_its_programme_and_themes(self):
        submission = self.make_submission(program=self.program, themes=[self.digital])
        assignment = services.assignment_from_submission(
            actor=self.chief, submission=submission, assignee=self.reporter, section=self.cat_a, due_at=DUE
        )
        article = ArticlePage.objects.get(pk=assignment.article_id)
        self.assertEqual((article.program, list(article.themes.all())), (self.program, [self.digital]))
        # The editor sees them in Wagtail's form and changes the themes there.
        self.client.force_login(self.chief)
        form = self.client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
        self.assertRegex(form, rf'<option value="{self.program.pk}" selected>')
        response = self.admin_edit_post(self.chief, article, themes=str(self.reform.pk))
        self.assertEqual(response.status_code, 302)
        draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
        self.assertEqual((draft.program, list(draft.themes.all())), (self.program, [self.reform]))

    def test_an_assignment_without_a_submission_gets_its_draft_with_its_programme_later(self):
        assignment = services.assignment_create(
            actor=self.chief,
            title="Phóng sự về dịch vụ công trực tuyến",
            brief="Gặp người dân tại bộ phận một cửa.\nSố liệu của xã.",
            due_at=DUE,
            assignee=self.reporter,
            section=self.cat_a,
            program=self.program,
            themes=[self.digital, self.reform],
        )
        self.assertIsNone(assignment.article_id)
        self.login(self.reporter)
        detail = self.client.get(assignment.get_absolute_url())
        self.assertContains(detail, 'id="tao-ban-thao"')
        response = self.client.post(reverse("newsroom:assignment_draft", args=[assignment.pk]))
        assignment.refresh_from_db()
        article = ArticlePage.objects.get(pk=assignment.article_id)
        self.assertRedirects(
            response, reverse("wagtailadmin_pages:edit", args=[article.pk]), fetch_redirect_response=False
        )
        self.assertEqual(
            (article.title, article.sapo, article.live, article.owner, article.get_parent().pk),
            (assignment.title, "Gặp người dân tại bộ phận một cửa.", False, self.reporter, self.cat_a.pk),
        )
        self.assertEqual((article.program, set(article.themes.all())), (self.program, {self.digital, self.reform}))
        # Once only, and it is the assignee's or a manager's to do.
        with self.assertRaises(ValidationError):
            services.assignment_draft_create(actor=self.chief, assignment=assignment)
        self.assertNotContains(self.client.get(assignment.get_absolute_url()), 'id="tao-ban-thao"')

    def test_only_the_assignee_or_a_manager_creates_the_draft_and_a_section_is_needed(self):
        assignment = services.assignment_create(
            actor=self.chief, title="Việc chưa có ban", due_at=DUE, assignee=self.reporter, program=self.program
        )
        with self.assertRaises(ValidationError):
            services.assignment_draft_create(actor=self.reporter, assignment=assignment)
        services.assignment_update(actor=self.chief, assignment=assignment, section=self.cat_a)
        with self.assertRaises(PermissionDenied):
            services.assignment_draft_create(actor=self.reporter_b, assignment=assignment)
        self.login(self.reporter_b)
        # Not their assignment: another reporter does not even see it.
        self.assertEqual(self.client.post(reverse("newsroom:assignment_draft", args=[assignment.pk])).status_code, 404)
        article = services.assignment_draft_create(actor=self.editor, assignment=assignment)
        self.assertEqual((article.program, article.owner), (self.program, self.reporter))
