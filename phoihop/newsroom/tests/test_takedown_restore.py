"""Taking an article down asks for confirmation and a reason; a leader can undo it: the article is
published again at the same address with its revisions, corrections and history, and both the
takedown and the restoration stay on record."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from phoihop.accounts.models import Role
from phoihop.audit.models import AuditEvent
from phoihop.newsroom import services
from phoihop.newsroom.models import Correction, Takedown
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticlePage
from phoihop.testing import PersonaTestCase

TITLE = "Khánh thành cầu dân sinh ở xã An Khánh"


class TakedownConfirmAndRestoreTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.deputy = cls.make_user("ptbt", "Phan Văn Khải", cls.press, Role.DEPUTY_EDITOR)
        cls.editor = cls.make_user("btv", "Đặng Thu Thảo", cls.press, Role.EDITOR)
        cls.category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.article = portal_services.article_create(
            actor=None,
            category=cls.category,
            title=TITLE,
            sapo="Cây cầu nối hai thôn đã đưa vào sử dụng.",
            published_at=timezone.now() - dt.timedelta(hours=3),
        )

    def take_down(self) -> Takedown:
        with self.captureOnCommitCallbacks(execute=True):
            return services.article_takedown(actor=self.chief, article=self.article, reason="Sai số liệu.")

    def test_the_confirmation_page_says_what_happens_and_requires_a_reason(self):
        url = reverse("newsroom:takedown_confirm", args=[self.article.pk])
        self.login(self.chief)
        page = self.client.get(url)
        self.assertContains(page, "Gỡ bài khỏi mọi trang công khai?")
        self.assertContains(page, TITLE)
        self.assertContains(page, "khôi phục bài tại đúng đường dẫn cũ")
        self.assertTrue(ArticlePage.objects.get(pk=self.article.pk).live)  # a GET does nothing
        refused = self.client.post(url, {"reason": "  "})
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, "field-error")
        self.assertTrue(ArticlePage.objects.get(pk=self.article.pk).live)
        self.assertRedirects(self.client.post(url, {"reason": "Theo yêu cầu của Sở."}), reverse("newsroom:archive"))
        self.assertFalse(ArticlePage.objects.get(pk=self.article.pk).live)

    def test_only_leaders_reach_the_confirmation_and_restore_pages(self):
        takedown_url = reverse("newsroom:takedown_confirm", args=[self.article.pk])
        self.login(self.editor)
        self.assertEqual(self.client.get(takedown_url).status_code, 403)
        self.assertEqual(self.client.post(takedown_url, {"reason": "x"}).status_code, 403)
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(takedown_url).status_code, 404)
        takedown = self.take_down()
        restore_url = reverse("newsroom:takedown_restore", args=[takedown.pk])
        for user, status in ((self.reporter, 403), (self.editor, 403), (self.liaison_a, 404), (self.nobody, 404)):
            with self.subTest(user.username):
                self.login(user)
                self.assertEqual(self.client.post(restore_url, {"reason": "Nhầm."}).status_code, status)
        self.assertFalse(ArticlePage.objects.get(pk=self.article.pk).live)
        with self.assertRaises(PermissionDenied):
            services.article_restore(actor=self.editor, takedown=takedown, reason="Nhầm.")

    def test_a_leader_restores_the_article_at_its_address_with_its_history(self):
        from phoihop.search.selectors import search_articles
        from phoihop.search.services import article_reindex

        old_url = self.article.url
        with self.captureOnCommitCallbacks(execute=True):
            services.correction_add(actor=self.chief, article=self.article, text="Cầu dài 45 m, không phải 54 m.")
        article_reindex(self.article.pk)
        revisions_before = ArticlePage.objects.get(pk=self.article.pk).revisions.count()
        takedown = self.take_down()
        self.assertEqual(self.client.get(old_url).status_code, 404)
        self.assertEqual(search_articles("khanh thanh cau dan sinh").total, 0)

        self.login(self.deputy)
        url = reverse("newsroom:takedown_restore", args=[takedown.pk])
        page = self.client.get(url)
        self.assertContains(page, "Khôi phục bài đã gỡ?")
        self.assertContains(page, "Sai số liệu.")
        self.assertEqual(self.client.post(url, {"reason": ""}).status_code, 200)  # reason required
        self.assertFalse(ArticlePage.objects.get(pk=self.article.pk).live)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"reason": "Cơ quan chức năng đã xác nhận số liệu đúng."})
        self.assertRedirects(response, reverse("newsroom:article_tools", args=[self.article.pk]))

        restored = ArticlePage.objects.get(pk=self.article.pk)
        self.assertTrue(restored.live)
        self.assertEqual(restored.url, old_url)
        self.assertGreaterEqual(restored.revisions.count(), revisions_before)
        public = self.client.get(old_url)
        self.assertContains(public, TITLE)
        self.assertContains(public, "Cầu dài 45 m, không phải 54 m.")  # the correction is still there
        self.assertEqual(Correction.objects.filter(article=restored).count(), 1)
        for feed in ("/rss/", "/rss/thoi-su/", "/sitemap-news.xml", "/thoi-su/"):
            with self.subTest(feed):
                self.assertContains(self.client.get(feed), "Khánh thành cầu dân sinh")
        self.assertEqual(search_articles("khanh thanh cau dan sinh").total, 1)

        takedown.refresh_from_db()
        self.assertEqual(takedown.restored_by, self.deputy)
        self.assertEqual(takedown.restore_reason, "Cơ quan chức năng đã xác nhận số liệu đúng.")
        verbs = list(AuditEvent.objects.for_object(restored).values_list("verb", flat=True))
        self.assertIn("article.taken_down", verbs)
        self.assertIn("article.restored", verbs)
        wagtail_actions = set(PageLogEntry.objects.filter(page=restored).values_list("action", flat=True))
        self.assertTrue({"wagtail.unpublish", "wagtail.publish"} <= wagtail_actions)
        tools = self.client.get(reverse("newsroom:article_tools", args=[self.article.pk]))
        self.assertContains(tools, "Sai số liệu.")
        self.assertContains(tools, "Cơ quan chức năng đã xác nhận số liệu đúng.")
        archive = self.client.get(reverse("newsroom:archive"))
        self.assertContains(archive, "Đã khôi phục lúc")

    def test_a_restoration_happens_once(self):
        takedown = self.take_down()
        with self.captureOnCommitCallbacks(execute=True):
            services.article_restore(actor=self.chief, takedown=takedown, reason="Nhầm bài.")
        with self.assertRaises(ValidationError):
            services.article_restore(actor=self.chief, takedown=takedown, reason="Lần nữa.")
        # Taken down again: only the newest takedown can be undone.
        second = self.take_down()
        with self.assertRaises(ValidationError):
            services.article_restore(actor=self.chief, takedown=takedown, reason="Cũ.")
        with self.captureOnCommitCallbacks(execute=True):
            services.article_restore(actor=self.chief, takedown=second, reason="Lần hai cũng nhầm.")
        self.assertTrue(ArticlePage.objects.get(pk=self.article.pk).live)
        self.assertEqual(Takedown.objects.filter(article_id=self.article.pk, restored_at__isnull=False).count(), 2)
