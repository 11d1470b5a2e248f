"""Approval: Wagtail's workflow, four steps, per category; who may submit, approve and publish."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState

from phoihop.accounts.models import Role
from phoihop.core import seeds
from phoihop.newsroom import services
from phoihop.newsroom.models import Section
from phoihop.newsroom.tests.base import NewsroomTestCase
from phoihop.notifications.models import Notification
from phoihop.portal import services as portal_services

FOUR_STEPS = ["Biên tập viên", "Trưởng ban", "Phó Tổng Biên tập", "Tổng Biên tập"]


class DefaultWorkflowTests(NewsroomTestCase):
    def test_the_four_step_workflow_covers_every_category_and_is_idempotent(self):
        workflow = services.workflows_ensure()
        self.assertEqual(services.workflows_ensure(), workflow)
        self.assertEqual(workflow.name, "Duyệt tin bài 4 bước")
        self.assertEqual(services.workflow_steps(workflow), FOUR_STEPS)
        for task, group in zip(workflow.tasks.specific(), FOUR_STEPS, strict=True):
            self.assertIsInstance(task, GroupApprovalTask)
            self.assertEqual(list(task.groups.values_list("name", flat=True)), [group])
        home = portal_services.home_page()
        self.assertEqual(WorkflowPage.objects.get(page=home).workflow, workflow)
        self.assertEqual(self.cat_c.get_workflow(), workflow)  # a category without its own
        self.assertEqual(Workflow.objects.filter(name="Duyệt tin bài 4 bước").count(), 1)

    def test_the_workflow_is_reference_data_restored_after_a_flush(self):
        WorkflowPage.objects.all().delete()
        Workflow.objects.filter(name="Duyệt tin bài 4 bước").delete()
        self.assertIn("newsroom.workflows", seeds.restore_all())
        self.assertEqual(self.cat_c.get_workflow().name, "Duyệt tin bài 4 bước")

    def test_a_section_head_gives_the_category_its_own_workflow_with_its_own_head_step(self):
        workflow = self.cat_a.get_workflow()
        self.assertEqual(
            services.workflow_steps(workflow),
            ["Biên tập viên", "Trưởng ban — Thời sự", "Phó Tổng Biên tập", "Tổng Biên tập"],
        )
        section = Section.objects.get(category=self.cat_a)
        self.assertEqual(list(section.head_group.user_set.all()), [self.head_a])
        self.assertNotEqual(self.cat_b.get_workflow(), workflow)


class WorkflowAssignTests(NewsroomTestCase):
    def test_only_the_editor_in_chief_and_deputies_configure(self):
        for person in (self.editor, self.head_a, self.reporter):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                services.workflow_assign(actor=person, category=self.cat_c, steps=[Role.EDITOR])
        workflow = services.workflow_assign(
            actor=self.deputy, category=self.cat_c, steps=[Role.EDITOR, Role.EDITOR_IN_CHIEF]
        )
        self.assertEqual(services.workflow_steps(workflow), ["Biên tập viên", "Tổng Biên tập"])
        self.assertEqual(Page.objects.get(pk=self.cat_c.pk).get_workflow(), workflow)

    def test_identical_workflows_are_reused_and_bad_steps_refused(self):
        first = services.workflow_assign(
            actor=self.chief, category=self.cat_c, steps=[Role.EDITOR, Role.EDITOR_IN_CHIEF]
        )
        other = portal_services.category_ensure(slug="the-thao", title="Thể thao")
        second = services.workflow_assign(actor=self.chief, category=other, steps=[Role.EDITOR, Role.EDITOR_IN_CHIEF])
        self.assertEqual(first, second)
        with self.assertRaises(ValidationError):
            services.workflow_assign(actor=self.chief, category=other, steps=[])
        with self.assertRaises(ValidationError):
            services.workflow_assign(actor=self.chief, category=other, steps=[Role.REPORTER])
        with self.assertRaises(ValidationError):  # no section head for this category yet
            services.workflow_assign(actor=self.chief, category=other, steps=[Role.SECTION_HEAD])

    def test_the_sections_page_configures_for_leaders_and_reads_for_the_press(self):
        url = reverse("newsroom:sections")
        self.login(self.reporter)
        page = self.client.get(url)
        self.assertContains(page, "Trưởng ban — Thời sự")
        self.assertNotContains(page, "Đặt quy trình duyệt riêng")
        post = reverse("newsroom:section_workflow", args=[self.cat_c.pk])
        self.assertEqual(self.client.post(post, {"steps": [Role.EDITOR]}).status_code, 403)
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.chief)
        response = self.client.post(post, {"steps": [Role.EDITOR_IN_CHIEF, Role.EDITOR]}, follow=True)
        self.assertContains(response, "Duyệt tin bài: Biên tập viên → Tổng Biên tập")
        add = reverse("newsroom:section_member_add", args=[self.cat_c.pk])
        self.client.post(add, {"user": self.head_b.pk, "is_head": "on"})
        self.assertTrue(Group.objects.get(name="Trưởng ban — Xã hội").user_set.filter(pk=self.head_b.pk).exists())

    def test_removing_a_head_takes_the_approval_away_and_partners_never_join(self):
        membership = Section.objects.get(category=self.cat_a).memberships.get(user=self.head_a)
        with self.assertRaises(PermissionDenied):
            services.section_member_remove(actor=self.head_b, membership=membership)
        services.section_member_remove(actor=self.chief, membership=membership)
        self.assertFalse(Group.objects.get(name="Trưởng ban — Thời sự").user_set.exists())
        with self.assertRaises(ValidationError):
            services.section_member_set(actor=self.chief, category=self.cat_a, user=self.liaison_a, is_head=True)


class ApprovalTests(NewsroomTestCase):
    def test_a_reporter_submits_through_the_admin_but_cannot_publish(self):
        article = self.draft(self.cat_a)
        response = self.admin_edit_post(self.reporter, article, **{"action-publish": "publish"})
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertFalse(article.live)  # saved as a draft, not published
        self.assertFalse(PageLogEntry.objects.filter(page=article, action="wagtail.publish").exists())

        self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        state = WorkflowState.objects.get(object_id=str(article.pk))
        self.assertEqual((state.status, state.requested_by), (WorkflowState.STATUS_IN_PROGRESS, self.reporter))
        self.assertEqual(self.current_step(article), "Biên tập viên")
        # The editors of the first step are told in their inbox.
        self.assertTrue(Notification.objects.filter(recipient=self.editor, verb="newsroom.approval_waiting").exists())

    def test_only_leaders_publish_without_the_workflow(self):
        article = self.draft(self.cat_b)
        edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
        for person in (self.editor, self.head_a, self.head_b):
            with self.subTest(person=person.username):
                self.login(person)
                self.assertNotContains(self.client.get(edit), 'name="action-publish"')
                response = self.admin_edit_post(person, article, **{"action-publish": "publish"})
                self.assertRedirects(response, edit, fetch_redirect_response=False)
                self.assertFalse(Page.objects.get(pk=article.pk).live)
        self.login(self.deputy)
        self.assertContains(self.client.get(edit), 'name="action-publish"')
        self.admin_edit_post(self.deputy, article, **{"action-publish": "publish"})
        self.assertTrue(Page.objects.get(pk=article.pk).live)

    def test_a_reporter_cannot_approve(self):
        article = self.draft(self.cat_a)
        self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        task = Page.objects.get(pk=article.pk).specific.current_workflow_task
        self.assertEqual(task.get_actions(article, self.reporter), [])
        self.assertRedirects(self.workflow_action(self.reporter, article), reverse("wagtailadmin_home"))  # refused
        self.admin_edit_post(
            self.reporter, article, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
        )
        self.assertEqual(self.current_step(article), "Biên tập viên")

    def test_four_approvals_publish_and_the_history_says_who_approved(self):
        article = self.draft(self.cat_a)
        self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        for approver, step in (
            (self.editor, "Biên tập viên"),
            (self.head_a, "Trưởng ban — Thời sự"),
            (self.deputy, "Phó Tổng Biên tập"),
        ):
            self.assertEqual(self.current_step(article), step)
            self.assertEqual(self.workflow_action(approver, article).status_code, 302)
            self.assertFalse(Page.objects.get(pk=article.pk).live)
        self.workflow_action(self.chief, article, comment="Đồng ý đăng.")
        article.refresh_from_db()
        self.assertTrue(article.live)
        approvals = PageLogEntry.objects.filter(page=article, action="wagtail.workflow.approve").order_by("timestamp")
        self.assertEqual([e.user for e in approvals], [self.editor, self.head_a, self.deputy, self.chief])
        self.login(self.chief)
        history = self.client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
        for approver in (self.editor, self.head_a, self.deputy, self.chief):
            self.assertContains(history, approver.get_full_name())
        finished = TaskState.objects.filter(workflow_state__object_id=str(article.pk)).order_by("pk")
        self.assertEqual([s.finished_by for s in finished], [self.editor, self.head_a, self.deputy, self.chief])

    def test_reject_with_a_comment_sends_it_back(self):
        article = self.draft(self.cat_a)
        self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        self.workflow_action(self.editor, article, action="reject", comment="Cần thêm ý kiến người dân.")
        state = WorkflowState.objects.get(object_id=str(article.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        entry = PageLogEntry.objects.get(page=article, action="wagtail.workflow.reject")
        self.assertEqual(entry.user, self.editor)
        self.assertEqual(entry.data["comment"], "Cần thêm ý kiến người dân.")
        # The reporter resubmits; the workflow resumes at the step that asked for changes.
        self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        self.assertEqual(self.current_step(article), "Biên tập viên")
        self.assertFalse(PageLogEntry.objects.filter(page=article, action="wagtail.workflow.approve").exists())


class PerCategoryApprovalTests(NewsroomTestCase):
    def test_a_section_head_cannot_approve_another_categorys_article(self):
        article_b = self.draft(self.cat_b, owner=self.reporter_b)
        self.admin_edit_post(self.reporter_b, article_b, **{"action-submit": "1"})
        self.workflow_action(self.editor, article_b)
        self.assertEqual(self.current_step(article_b), "Trưởng ban — Kinh tế")
        task = Page.objects.get(pk=article_b.pk).specific.current_workflow_task
        self.assertEqual(task.get_actions(article_b, self.head_a), [])
        # Wagtail answers a refused action with its "no permission" redirect to the dashboard.
        self.assertRedirects(self.workflow_action(self.head_a, article_b), reverse("wagtailadmin_home"))
        self.assertEqual(self.current_step(article_b), "Trưởng ban — Kinh tế")
        self.assertNotIn(
            str(article_b.pk),
            [s.workflow_state.object_id for s in TaskState.objects.reviewable_by(self.head_a)],
        )
        # Their own section head approves it.
        self.assertIn("approve", [name for name, _label, _modal in task.get_actions(article_b, self.head_b)])
        self.workflow_action(self.head_b, article_b)
        self.assertEqual(self.current_step(article_b), "Phó Tổng Biên tập")

    def test_a_category_without_a_section_uses_the_shared_head_step(self):
        article = self.draft(self.cat_c)
        self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        self.workflow_action(self.editor, article)
        self.assertEqual(self.current_step(article), "Trưởng ban")
        self.workflow_action(self.head_b, article)
        self.assertEqual(self.current_step(article), "Phó Tổng Biên tập")


class AdminAccessTests(NewsroomTestCase):
    def test_partner_users_never_reach_the_admin(self):
        article = self.draft(self.cat_a)
        urls = [
            "/admin/",
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            reverse("wagtailadmin_pages:history", args=[article.pk]),
        ]
        # Even a partner user put into an editors' group by mistake.
        Group.objects.get(name="Biên tập viên").user_set.add(self.leader_a)
        for user in (self.liaison_a, self.leader_a, self.staff_a, self.liaison_b):
            self.login(user)
            for url in urls:
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)
                    self.assertEqual(self.client.post(url, {"title": "x"}).status_code, 404)
        self.login(self.reporter)
        self.assertEqual(self.client.get(urls[1]).status_code, 200)
