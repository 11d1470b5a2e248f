"""Publication: the link back to the partner's submission, and scheduled publishing by the worker."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import time_machine
from django.core.management import call_command
from django.test import override_settings

from phoihop.core import scheduler
from phoihop.exchange import services as exchange_services
from phoihop.exchange.models import Submission
from phoihop.newsroom import publishing, services, tasks
from phoihop.newsroom.models import Assignment
from phoihop.newsroom.tests.base import NewsroomTestCase, vn
from phoihop.notifications.models import Notification
from phoihop.portal.models import ArticlePage

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
T0 = vn(2026, 3, 4, 9, 0)


class LinkBackTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.submission = cls.make_submission()
        cls.assignment = services.assignment_from_submission(
            actor=cls.editor, submission=cls.submission, assignee=cls.reporter, section=cls.cat_a, due_at=T0
        )

    def approve_all(self, article):
        for approver in (self.editor, self.head_a, self.deputy):
            self.workflow_action(approver, article)
        with self.captureOnCommitCallbacks(execute=True):
            self.workflow_action(self.chief, article)

    def test_publishing_the_article_marks_the_submission_published_and_tells_the_partner(self):
        article = ArticlePage.objects.get(pk=self.assignment.article_id)
        self.admin_edit_post(self.reporter, article, **{"action-submit": "1"})
        self.approve_all(article)
        article.refresh_from_db()
        self.assertTrue(article.live)
        url = article.get_full_url()
        self.assertEqual(url, "http://localhost/thoi-su/xa-an-khanh-khanh-thanh-cau-dan-sinh/")
        self.submission.refresh_from_db()
        self.assertEqual(
            (self.submission.status, self.submission.published_url, self.submission.published_page_id),
            (Submission.Status.PUBLISHED, url, article.pk),
        )
        told = Notification.objects.get(recipient=self.liaison_a, verb="submission.published")
        self.assertEqual(told.body, url)
        self.assertIn("Đã đăng", told.title)
        self.assertEqual(Assignment.objects.get(pk=self.assignment.pk).status, Assignment.Status.COMPLETED)
        self.login(self.liaison_a)
        page = self.client.get(self.submission.get_absolute_url())
        self.assertContains(page, '<span class="badge status-published" id="trang-thai">Đã đăng</span>', html=True)
        self.assertContains(page, f'<a href="{url}">{url}</a>', html=True)
        self.client.logout()
        self.assertContains(self.client.get(article.url), article.title)

    def test_a_second_publication_changes_nothing_and_unusable_submissions_are_left_alone(self):
        article = ArticlePage.objects.get(pk=self.assignment.article_id)
        with self.captureOnCommitCallbacks(execute=True):
            article.save_revision(user=self.chief).publish(user=self.chief)
        self.assertEqual(publishing.article_published(article_id=article.pk), {"submissions": 0, "assignments": 0})
        self.assertEqual(Notification.objects.filter(verb="submission.published").count(), 2)  # sender + liaison

        other = self.make_submission(title="Thông báo lịch cắt điện")
        second = services.assignment_from_submission(
            actor=self.editor, submission=other, assignee=self.reporter, section=self.cat_a, due_at=T0
        )
        exchange_services.submission_reject(actor=self.editor, submission=other, reason="Đã có bài khác.")
        draft = ArticlePage.objects.get(pk=second.article_id)
        with self.captureOnCommitCallbacks(execute=True):
            draft.save_revision(user=self.chief).publish(user=self.chief)
        other.refresh_from_db()
        self.assertEqual(other.status, Submission.Status.NOT_USED)


class ScheduledPublishingTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with time_machine.travel(T0, tick=False):
            cls.submission = cls.make_submission()
            cls.assignment = services.assignment_from_submission(
                actor=cls.editor, submission=cls.submission, assignee=cls.reporter, section=cls.cat_a, due_at=T0
            )

    def schedule(self, article, at):
        article.go_live_at = at
        article.save_revision(user=self.chief).publish(user=self.chief)

    def test_a_scheduled_article_is_published_by_the_worker_at_its_time(self):
        article = ArticlePage.objects.get(pk=self.assignment.article_id)
        with time_machine.travel(T0, tick=False):
            self.schedule(article, vn(2026, 3, 4, 11, 0))
        article.refresh_from_db()
        self.assertFalse(article.live)
        with time_machine.travel(vn(2026, 3, 4, 10, 59), tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(tasks.publish_scheduled_task.enqueue().return_value, {"published": 0, "unpublished": 0})
        self.assertFalse(ArticlePage.objects.get(pk=article.pk).live)
        with time_machine.travel(vn(2026, 3, 4, 11, 0, 30), tick=False), self.captureOnCommitCallbacks(execute=True):
            result = tasks.publish_scheduled_task.enqueue()
        self.assertEqual(result.return_value, {"published": 1, "unpublished": 0})
        article.refresh_from_db()
        self.assertTrue(article.live)
        self.assertEqual(article.first_published_at, vn(2026, 3, 4, 11, 0, 30))
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.status, Submission.Status.PUBLISHED)
        state = scheduler.status(publishing.PUBLISHING_KEY)
        self.assertEqual(state.last_run_at, vn(2026, 3, 4, 11, 0, 30))
        self.assertEqual(state.last_result, {"published": 1, "unpublished": 0})

    def test_the_command_does_the_same_run(self):
        article = ArticlePage.objects.get(pk=self.assignment.article_id)
        with time_machine.travel(T0, tick=False):
            self.schedule(article, vn(2026, 3, 4, 11, 0))
        out = StringIO()
        with time_machine.travel(vn(2026, 3, 4, 12, 0), tick=False):
            call_command("publish_scheduled_articles", stdout=out)
        self.assertIn("Đã đăng 1 trang đến giờ hẹn", out.getvalue())
        self.assertTrue(ArticlePage.objects.get(pk=article.pk).live)


@override_settings(TASKS=DUMMY_TASKS)
class SchedulingChainTests(NewsroomTestCase):
    def setUp(self):
        super().setUp()
        tasks.publish_scheduled_task.get_backend().clear()  # type: ignore[attr-defined]

    def runs(self):
        backend = tasks.publish_scheduled_task.get_backend()
        return [r.task.run_after for r in backend.results if r.task.name == "publish_scheduled_task"]  # type: ignore[attr-defined]

    def scheduled_draft(self, title, at):
        article = self.draft(self.cat_c, title=title)
        article.go_live_at = at
        with self.captureOnCommitCallbacks(execute=True):
            article.save_revision(user=self.chief).publish(user=self.chief)
        return article

    def test_scheduling_a_page_enqueues_one_run_just_after_its_time_and_runs_never_pile_up(self):
        with time_machine.travel(T0, tick=False):
            first = self.scheduled_draft("Bài hẹn giờ 11:00", vn(2026, 3, 4, 11, 0))
            self.assertEqual(self.runs(), [vn(2026, 3, 4, 11, 0, 1)])
            self.scheduled_draft("Bài hẹn giờ 12:00", vn(2026, 3, 4, 12, 0))
            self.assertEqual(len(self.runs()), 1)  # the waiting run is earlier
            self.scheduled_draft("Bài hẹn giờ 9:00:20", vn(2026, 3, 4, 9, 0, 20))
            # Something sooner: a run one minute from now (never more often than once a minute).
            self.assertEqual(self.runs()[-1], T0 + dt.timedelta(minutes=1))
        with time_machine.travel(vn(2026, 3, 4, 11, 0, 1), tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(tasks.publish_scheduled_task.call(), {"published": 2, "unpublished": 0})
        self.assertTrue(ArticlePage.objects.get(pk=first.pk).live)
        self.assertEqual(self.runs()[-1], vn(2026, 3, 4, 12, 0, 1))  # the chain continues
        with time_machine.travel(vn(2026, 3, 4, 12, 0, 1), tick=False), self.captureOnCommitCallbacks(execute=True):
            tasks.publish_scheduled_task.call()
        count = len(self.runs())
        with time_machine.travel(vn(2026, 3, 4, 12, 5), tick=False), self.captureOnCommitCallbacks(execute=True):
            tasks.publish_scheduled_task.call()
        self.assertEqual(len(self.runs()), count)  # nothing scheduled: the chain rests
        self.assertIsNone(publishing.next_due())
