"""The approval rules (#12 item 4): nobody decides a step of their own work, no step is skipped unless
the category's workflow delegates it (and the history says who decided), the people of the next step
and the authors are told by their chosen channel, and every message says what happened, in Vietnamese.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, PageLogEntry, Task, TaskState, WorkflowState

from phoihop.accounts.models import Role
from phoihop.newsroom import services
from phoihop.newsroom.models import NewsroomApprovalTask
from phoihop.newsroom.tests.base import NewsroomTestCase
from phoihop.notifications import services as notification_services
from phoihop.notifications.models import Delivery, Notification
from phoihop.notifications.tests.smtp import SMTPTestCase, subject_of, text_of

TITLE = "Cầu dân sinh xã An Khánh"


class ApprovalTestCase(NewsroomTestCase):
    def submit(self, article: Any, user: Any) -> None:
        response = self.admin_edit_post(user, article, **{"action-submit": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Page.objects.get(pk=article.pk).specific.workflow_in_progress)

    def actions(self, article: Any, user: Any) -> list[str]:
        page = Page.objects.get(pk=article.pk).specific
        return [name for name, _label, _modal in page.current_workflow_task.get_actions(page, user)]

    def approve_up_to(self, article: Any, approvers: list[Any]) -> None:
        for approver in approvers:
            self.assertEqual(self.workflow_action(approver, article).status_code, 302)

    def assert_refused(self, article: Any, user: Any, step: str) -> None:
        self.assertEqual(self.actions(article, user), [])
        self.assertRedirects(self.workflow_action(user, article), reverse("wagtailadmin_home"))
        self.assertEqual(self.current_step(article), step)

    def messages_of(self, response: Any) -> list[str]:
        return [str(m).strip() for m in get_messages(response.wsgi_request)]


class SelfApprovalTests(ApprovalTestCase):
    def test_an_editor_cannot_approve_his_own_article_another_editor_can(self):
        article = self.draft(self.cat_a, title=TITLE, owner=self.editor)
        self.submit(article, self.editor)
        self.assert_refused(article, self.editor, "Biên tập viên")
        # Nor through the editor's own form (Wagtail saves the draft and decides nothing).
        self.admin_edit_post(self.editor, article, **{"action-workflow-action": "1", "workflow-action-name": "approve"})
        self.assertEqual(self.current_step(article), "Biên tập viên")
        # The editor sees why, in Vietnamese, and no button to approve.
        self.login(self.editor)
        page = self.client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
        self.assertIn("Bài đang chờ bước 1/4 (Biên tập viên)", page)
        self.assertIn("Bạn không duyệt được bài của chính mình", page)
        self.assertNotIn('data-workflow-action-name="approve"', page)
        # His dashboard does not list it as waiting for him; another editor's does, and approves.
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), 'id="awaiting-review')
        other = self.make_user("btv2", "Hoàng Thị Thu", self.press, Role.EDITOR)
        self.login(other)
        dashboard = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn('id="awaiting-review', dashboard)
        self.assertIn(TITLE, dashboard.split('id="awaiting-review', 1)[1])
        self.assertEqual(self.actions(article, other), ["reject", "approve", "approve"])
        self.workflow_action(other, article)
        self.assertEqual(self.current_step(article), "Trưởng ban — Thời sự")

    def test_nobody_approves_their_own_article_at_any_step(self):
        steps = [
            (self.editor, "Biên tập viên"),
            (self.head_a, "Trưởng ban — Thời sự"),
            (self.deputy, "Phó Tổng Biên tập"),
            (self.chief, "Tổng Biên tập"),
        ]
        others = {
            "Biên tập viên": self.make_user("btv2", "Hoàng Thị Thu", self.press, Role.EDITOR),
            "Trưởng ban — Thời sự": self.make_user("tb_ts2", "Mai Văn Tiến", self.press, Role.SECTION_HEAD),
            "Phó Tổng Biên tập": self.make_user("ptbt2", "Chu Thị Yến", self.press, Role.DEPUTY_EDITOR),
        }
        services.section_member_set(
            actor=self.chief, category=self.cat_a, user=others["Trưởng ban — Thời sự"], is_head=True
        )
        for author, own_step in steps:
            with self.subTest(author=author.username):
                article = self.draft(self.cat_a, title=f"Bài của {author.username}", owner=author)
                self.submit(article, author)
                for _person, step in steps:
                    if step == own_step:
                        break
                    self.workflow_action(others[step], article)
                self.assert_refused(article, author, own_step)

    def test_whoever_submitted_it_or_wrote_the_revision_submitted_cannot_approve_it(self):
        submitted = self.draft(self.cat_a, title="Bài nhờ gửi duyệt")  # the reporter's
        self.submit(submitted, self.editor)  # the editor submits it for him
        self.assert_refused(submitted, self.editor, "Biên tập viên")

        written = self.draft(self.cat_a, title="Bài biên tập viên viết hộ")
        page = Page.objects.get(pk=written.pk).specific
        page.sapo = "Biên tập viên viết lại toàn bộ."
        page.save_revision(user=self.editor)
        page.get_workflow().start(page, self.reporter)
        self.assert_refused(written, self.editor, "Biên tập viên")

    def test_a_superuser_outside_the_step_decides_nothing(self):
        admin = get_user_model().objects.create_superuser("quantri", "quantri@example.vn", self.password)
        article = self.draft(self.cat_a)
        self.submit(article, self.reporter)
        self.assertEqual(self.actions(article, admin), [])
        self.assertNotIn(str(article.pk), [s.workflow_state.object_id for s in TaskState.objects.reviewable_by(admin)])


class NoSkipTests(ApprovalTestCase):
    def at_step_three(self) -> Any:
        article = self.draft(self.cat_a, title=TITLE)
        self.submit(article, self.reporter)
        self.approve_up_to(article, [self.editor, self.head_a])
        self.assertEqual(self.current_step(article), "Phó Tổng Biên tập")
        return article

    def test_the_deputy_cannot_publish_at_step_three_over_step_four(self):
        article = self.at_step_three()
        edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
        self.login(self.deputy)
        self.assertNotContains(self.client.get(edit), 'name="action-publish"')
        response = self.admin_edit_post(self.deputy, article, **{"action-publish": "publish"})
        self.assertRedirects(response, edit, fetch_redirect_response=False)
        self.assertIn(
            "Bài «Cầu dân sinh xã An Khánh» đang chờ bước 3/4 (Phó Tổng Biên tập) của quy trình duyệt: "
            "bài chỉ được đăng khi bước cuối được duyệt, không ai đăng thẳng hay bỏ qua bước nào.",
            self.messages_of(response),
        )
        self.assertFalse(Page.objects.get(pk=article.pk).live)
        self.assertEqual(self.current_step(article), "Phó Tổng Biên tập")
        self.assertFalse(PageLogEntry.objects.filter(page=article, action="wagtail.workflow.cancel").exists())

    def test_nor_by_bulk_publishing_it_or_its_category(self):
        article = self.at_step_three()
        self.login(self.deputy)
        for page, extra in ((article, {}), (self.cat_a, {"include_descendants": "on"})):
            with self.subTest(page=page.title):
                url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
                response = self.client.post(url, extra, follow=True)
                self.assertContains(response, "đang chờ bước 3/4 (Phó Tổng Biên tập)")
                self.assertFalse(Page.objects.get(pk=article.pk).live)
        self.assertEqual(self.current_step(article), "Phó Tổng Biên tập")

    def test_nor_by_cancelling_the_workflow_first(self):
        article = self.at_step_three()
        response = self.admin_edit_post(self.deputy, article, **{"action-cancel-workflow": "1"})
        self.assertIn(
            "Chỉ người viết hoặc người gửi duyệt rút được bài khỏi quy trình; người duyệt hãy duyệt hoặc yêu cầu sửa.",
            self.messages_of(response),
        )
        self.assertEqual(self.current_step(article), "Phó Tổng Biên tập")
        self.login(self.deputy)
        self.assertNotContains(
            self.client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])), 'name="action-cancel-workflow"'
        )
        # The reporter who submitted it may still withdraw it.
        self.admin_edit_post(self.reporter, article, **{"action-cancel-workflow": "1"})
        self.assertIsNone(Page.objects.get(pk=article.pk).specific.current_workflow_state)

    def test_the_deputy_cannot_decide_step_four_even_when_put_in_its_group(self):
        article = self.at_step_three()
        self.workflow_action(self.deputy, article)
        self.assert_refused(article, self.deputy, "Tổng Biên tập")
        # A group that belongs to two steps, or a person in two groups: still one step each.
        Group.objects.get(name="Tổng Biên tập").user_set.add(self.deputy)
        self.assert_refused(article, self.deputy, "Tổng Biên tập")
        self.login(self.deputy)
        page = self.client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
        self.assertIn("Bạn đã duyệt bước 3/4 (Phó Tổng Biên tập) của bài này", page)
        self.workflow_action(self.chief, article)
        self.assertTrue(Page.objects.get(pk=article.pk).live)

    def test_a_leader_does_not_publish_his_own_article_directly(self):
        own = self.draft(self.cat_b, title="Bài Phó Tổng Biên tập tự viết", owner=self.deputy)
        edit = reverse("wagtailadmin_pages:edit", args=[own.pk])
        self.login(self.deputy)
        self.assertNotContains(self.client.get(edit), 'name="action-publish"')
        response = self.admin_edit_post(self.deputy, own, **{"action-publish": "publish"})
        self.assertIn(
            "Không ai tự đăng bài của chính mình: hãy gửi duyệt để người khác duyệt.", self.messages_of(response)
        )
        self.assertFalse(Page.objects.get(pk=own.pk).live)
        # Nor a new one, straight from the form that creates it.
        add = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", self.cat_b.pk])
        self.assertNotContains(self.client.get(add), 'name="action-publish"')
        # Someone else's draft, outside any workflow, is still the leaders' to publish (urgent news).
        other = self.draft(self.cat_b, title="Tin khẩn", owner=self.reporter_b)
        self.admin_edit_post(self.deputy, other, **{"action-publish": "publish"})
        self.assertTrue(Page.objects.get(pk=other.pk).live)

    def test_a_category_may_let_the_deputy_decide_the_last_step_too_and_the_history_says_so(self):
        workflow = services.workflow_assign(
            actor=self.chief,
            category=self.cat_c,
            steps=[Role.EDITOR, Role.DEPUTY_EDITOR, Role.EDITOR_IN_CHIEF],
            delegates={Role.EDITOR_IN_CHIEF: Role.DEPUTY_EDITOR},
        )
        self.assertEqual(
            services.workflow_steps(workflow),
            ["Biên tập viên", "Phó Tổng Biên tập", "Tổng Biên tập (hoặc Phó Tổng Biên tập)"],
        )
        # Only this category's workflow: elsewhere the deputy still cannot.
        article = self.draft(self.cat_c, title=TITLE)
        self.submit(article, self.reporter)
        self.approve_up_to(article, [self.editor, self.deputy])
        self.assertEqual(self.actions(article, self.deputy), ["reject", "approve", "approve"])
        self.workflow_action(self.deputy, article, comment="Đăng ngay, Tổng Biên tập đi công tác.")
        self.assertTrue(Page.objects.get(pk=article.pk).live)
        approvals = PageLogEntry.objects.filter(page=article, action="wagtail.workflow.approve").order_by("pk")
        self.assertEqual(
            [(e.user, e.data["workflow"]["task"]["title"]) for e in approvals],
            [
                (self.editor, "Biên tập viên"),
                (self.deputy, "Phó Tổng Biên tập"),
                (self.deputy, "Tổng Biên tập (hoặc Phó Tổng Biên tập)"),
            ],
        )
        delegated = PageLogEntry.objects.get(page=article, action="newsroom.workflow.delegated")
        self.assertEqual(delegated.user, self.deputy)
        self.login(self.chief)
        history = self.client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
        self.assertContains(history, "Quyết định bước “Tổng Biên tập (hoặc Phó Tổng Biên tập)” thay Tổng Biên tập")
        self.assertContains(history, "Duyệt bước 2/3 (Phó Tổng Biên tập); chờ bước 3/3: Tổng Biên tập (hoặc Phó")
        self.assertContains(history, "Duyệt bước cuối 3/3 (Tổng Biên tập (hoặc Phó Tổng Biên tập))")
        self.assertContains(history, "Đăng ngay, Tổng Biên tập đi công tác.")

    def test_delegating_needs_a_step_of_the_workflow(self):
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            services.workflow_assign(
                actor=self.chief,
                category=self.cat_c,
                steps=[Role.EDITOR],
                delegates={Role.EDITOR_IN_CHIEF: Role.DEPUTY_EDITOR},
            )
        with self.assertRaises(ValidationError):
            services.workflow_assign(
                actor=self.chief, category=self.cat_c, steps=[Role.EDITOR], delegates={Role.EDITOR: Role.EDITOR}
            )


class ConfirmationTests(ApprovalTestCase):
    def test_approving_in_the_editor_says_which_step_and_what_comes_next(self):
        article = self.draft(self.cat_a, title=TITLE)
        self.submit(article, self.reporter)
        response = self.admin_edit_post(
            self.editor, article, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
        )
        texts = self.messages_of(response)
        self.assertIn(
            "Đã duyệt bước 1/4 (Biên tập viên) bài «Cầu dân sinh xã An Khánh»; chờ bước 2/4: Trưởng ban — Thời sự.",
            texts,
        )
        self.assertFalse([text for text in texts if "has been updated" in text or "đã được cập nhật" in text])

    def test_requesting_changes_and_the_last_step_say_what_happened(self):
        article = self.draft(self.cat_a, title=TITLE)
        self.submit(article, self.reporter)
        response = self.admin_edit_post(
            self.editor,
            article,
            **{
                "action-workflow-action": "1",
                "workflow-action-name": "reject",
                "workflow-action-extra-data": '{"comment": "Thiếu ý kiến người dân."}',
            },
        )
        self.assertIn(
            "Đã yêu cầu sửa bài «Cầu dân sinh xã An Khánh» ở bước 1/4 (Biên tập viên); người viết đã được báo.",
            self.messages_of(response),
        )
        self.submit(article, self.reporter)
        self.approve_up_to(article, [self.editor, self.head_a, self.deputy])
        response = self.admin_edit_post(
            self.chief, article, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
        )
        self.assertIn(
            "Đã duyệt bước 4/4 (Tổng Biên tập) bài «Cầu dân sinh xã An Khánh»; bài đã đăng.", self.messages_of(response)
        )

    def test_the_dashboard_buttons_say_it_too(self):
        article = self.draft(self.cat_a, title=TITLE)
        self.submit(article, self.reporter)
        self.login(self.editor)
        state = Page.objects.get(pk=article.pk).specific.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", state.pk])
        home = "http://testserver" + reverse("wagtailadmin_home")
        response = self.client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
        done = response.json()["redirect"]
        self.assertEqual(done, reverse("newsroom_decision_done", args=[state.pk]))
        response = self.client.get(done, headers={"referer": home}, follow=True)
        self.assertEqual(response.redirect_chain[-1][0], home)
        self.assertContains(response, "Đã duyệt bước 1/4 (Biên tập viên) bài «Cầu dân sinh xã An Khánh»")
        # Nobody else reads someone's confirmation.
        self.login(self.head_a)
        self.assertEqual(self.client.get(done).status_code, 404)


class ApprovalMailTests(SMTPTestCase, NewsroomTestCase):
    """The people of the next step and the authors are told through the real SMTP path."""

    def decide(self, user: Any, article: Any, action: str = "approve", comment: str = "") -> None:
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.workflow_action(user, article, action=action, comment=comment).status_code, 302)

    def test_each_step_tells_the_next_one_and_the_author_by_mail(self):
        article = self.draft(self.cat_a, title=TITLE)
        with self.captureOnCommitCallbacks(execute=True):
            self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        [to_editor] = self.received_by("btv@example.vn")
        self.assertEqual(
            subject_of(to_editor),
            f"[{settings.PHOIHOP_PUBLICATION_NAME}] Bài «{TITLE}» được Phóng viên Trần Minh Đức gửi duyệt; "
            "chờ bước 1/4: Biên tập viên",
        )
        link = settings.PHOIHOP_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[article.pk])
        self.assertIn(link, text_of(to_editor))
        self.assertEqual(self.received_by("tb_ts@example.vn"), [])  # step 2 is not asked yet
        self.smtp.messages.clear()

        self.decide(self.editor, article, comment="Tít cần ngắn hơn.")
        expected = (
            f"Bài «{TITLE}» đã được Biên tập viên Nguyễn Thị Mai duyệt bước 1/4 (Biên tập viên); "
            "chờ bước 2/4: Trưởng ban — Thời sự"
        )
        [to_head] = self.received_by("tb_ts@example.vn")
        [to_author] = self.received_by("pv@example.vn")
        for message in (to_head, to_author):
            self.assertEqual(subject_of(message), f"[{settings.PHOIHOP_PUBLICATION_NAME}] {expected}")
            self.assertIn("Ý kiến: Tít cần ngắn hơn.", text_of(message))
        self.assertEqual(self.received_by("tb_kt@example.vn"), [])  # another category's head
        self.assertEqual(self.received_by("btv@example.vn"), [])  # the one who decided
        self.smtp.messages.clear()

        self.decide(self.head_a, article, action="reject", comment="Thiếu ý kiến người dân.")
        [to_author] = self.received_by("pv@example.vn")
        self.assertEqual(
            subject_of(to_author),
            f"[{settings.PHOIHOP_PUBLICATION_NAME}] Bài «{TITLE}» được Trưởng ban Phạm Văn Long yêu cầu sửa "
            "ở bước 2/4 (Trưởng ban — Thời sự); sửa xong hãy gửi duyệt lại",
        )
        self.assertIn("Ý kiến: Thiếu ý kiến người dân.", text_of(to_author))
        self.smtp.messages.clear()

        with self.captureOnCommitCallbacks(execute=True):
            self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        [to_head] = self.received_by("tb_ts@example.vn")
        self.assertIn("được Phóng viên Trần Minh Đức sửa và gửi duyệt lại; chờ bước 2/4", subject_of(to_head))
        for approver in (self.head_a, self.deputy):
            self.decide(approver, article)
        self.smtp.messages.clear()
        self.decide(self.chief, article)
        [to_author] = self.received_by("pv@example.vn")
        self.assertEqual(
            subject_of(to_author),
            f"[{settings.PHOIHOP_PUBLICATION_NAME}] Bài «{TITLE}» đã được Tổng Biên tập Lê Thị Bích Ngọc "
            "duyệt bước 4/4 (Tổng Biên tập); bài đã đăng",
        )
        inbox = Notification.objects.filter(recipient=self.reporter).order_by("pk")
        self.assertEqual(
            [n.verb for n in inbox if n.verb.startswith("newsroom.approval")],
            [
                "newsroom.approval_approved",
                "newsroom.approval_rejected",
                "newsroom.approval_approved",
                "newsroom.approval_approved",
                "newsroom.approval_finished",
            ],
        )

    def test_each_person_is_told_by_the_channel_they_chose(self):
        other = self.make_user("btv2", "Hoàng Thị Thu", self.press, Role.EDITOR)
        notification_services.preference_update(actor=self.editor, user=self.editor, email_mode="digest", digest_hour=7)
        notification_services.preference_update(actor=other, user=other, email_mode="off", digest_hour=7)
        article = self.draft(self.cat_a, title=TITLE)
        with self.captureOnCommitCallbacks(execute=True):
            self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        self.assertEqual(self.smtp.messages, [])
        channels = {
            (d.recipient.username, d.channel, d.status)
            for d in Delivery.objects.filter(notification__verb="newsroom.approval_waiting")
        }
        self.assertEqual(
            channels,
            {
                ("btv", "in_app", "sent"),
                ("btv", "digest", "queued"),
                ("btv2", "in_app", "sent"),
                ("btv2", "email", "skipped"),
            },
        )


class MigrationTests(NewsroomTestCase):
    def test_existing_group_approval_steps_become_newsroom_steps_with_their_groups(self):
        group = Group.objects.get(name="Biên tập viên")
        plain = GroupApprovalTask.objects.create(name="Bước cũ")
        plain.groups.set([group])
        migration = importlib.import_module("phoihop.newsroom.migrations.0004_newsroom_approval_task")
        migration.forwards(django_apps, None)
        task = Task.objects.get(pk=plain.pk).specific
        self.assertIsInstance(task, NewsroomApprovalTask)
        self.assertEqual(list(task.groups.all()), [group])
        self.assertEqual(task.name, "Bước cũ")
        self.assertFalse(
            Task.objects.filter(content_type__app_label="wagtailcore", content_type__model="groupapprovaltask").exists()
        )

    def test_the_default_steps_are_newsroom_steps(self):
        workflow = services.workflows_ensure()
        self.assertTrue(all(isinstance(task, NewsroomApprovalTask) for task in workflow.tasks.specific()))
        self.assertFalse(WorkflowState.objects.exists())
