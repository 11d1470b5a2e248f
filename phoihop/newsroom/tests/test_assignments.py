"""Assignments: one click from a submission to a draft, status moves, who sees and does what."""

from __future__ import annotations

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from phoihop.audit.models import AuditEvent
from phoihop.exchange.models import Submission
from phoihop.exchange.tests import files
from phoihop.newsroom import services
from phoihop.newsroom.models import ArticleSource, Assignment
from phoihop.newsroom.tests.base import NewsroomTestCase, vn
from phoihop.notifications.models import Notification
from phoihop.portal.models import ArticlePage
from phoihop.testing import make_program

DUE = vn(2026, 3, 5, 17, 0)


class FromSubmissionTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = make_program(cls, themes=["Chuyển đổi số"])
        cls.submission = cls.make_submission(
            program=cls.program,
            themes=list(cls.program.themes.all()),
            files=[files.jpeg_with_gps("cau-dan-sinh.jpg"), files.pdf_file("quyet-dinh.pdf")],
        )

    def create(self, **kwargs):
        kwargs = {
            "actor": self.chief,
            "submission": self.submission,
            "assignee": self.reporter,
            "section": self.cat_a,
            "due_at": DUE,
            **kwargs,
        }
        return services.assignment_from_submission(**kwargs)

    def test_one_click_makes_the_assignment_and_a_draft_from_the_submission(self):
        assignment = self.create(brief="Phỏng vấn người dân hai bên cầu.")
        self.assertEqual(
            (assignment.status, assignment.assignee, assignment.section, assignment.submission, assignment.program),
            (Assignment.Status.ASSIGNED, self.reporter, self.cat_a, self.submission, self.program),
        )
        self.assertEqual(list(assignment.themes.all()), list(self.program.themes.all()))
        article = ArticlePage.objects.get(pk=assignment.article_id)
        self.assertFalse(article.live)
        self.assertEqual(article.get_parent().pk, self.cat_a.pk)
        self.assertEqual(article.title, "Xã An Khánh khánh thành cầu dân sinh")
        self.assertEqual(article.owner, self.reporter)
        self.assertEqual(article.sapo, "Sáng 5/3, UBND xã An Khánh khánh thành cầu dân sinh.")
        blocks = [(block.block_type, block.value) for block in article.body]
        self.assertEqual([kind for kind, _value in blocks], ["paragraph", "paragraph", "image", "documents"])
        self.assertIn("Cầu dài 30 m, rộng 4 m.", blocks[1][1].source)
        image = blocks[2][1]
        self.assertEqual(image["credit"], "UBND xã An Khánh")  # the page shows "Ảnh: UBND xã An Khánh"
        self.assertEqual(image["image"], get_image_model().objects.get(title="cau-dan-sinh"))
        # The PDF is offered in "Tài liệu kèm theo", not yet public; no paragraph links it.
        document = get_document_model().objects.get(title="quyet-dinh")
        [offered] = blocks[3][1]["documents"]
        self.assertEqual((offered["document"], offered["public"]), (document, False))
        self.assertFalse(any(document.url in value.source for kind, value in blocks if kind == "paragraph"))
        self.assertTrue(ArticleSource.objects.filter(article=article, submission=self.submission).exists())

        self.submission.refresh_from_db()
        self.assertEqual(self.submission.status, Submission.Status.IN_PROGRESS)
        self.assertTrue(Notification.objects.filter(recipient=self.liaison_a, verb="submission.in_progress").exists())
        told = Notification.objects.get(recipient=self.reporter, verb="assignment.assigned")
        self.assertIn("05/03/2026 17:00", told.title)
        self.assertEqual(told.url, assignment.get_absolute_url())
        verbs = set(AuditEvent.objects.for_object(assignment).values_list("verb", flat=True))
        self.assertEqual(verbs, {"assignment.created"})

    def test_only_triage_users_may_and_only_for_open_submissions(self):
        for person in (self.reporter, self.liaison_a):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                self.create(actor=person)
        with self.assertRaises(ValidationError):
            self.create(assignee=self.liaison_a)  # not a press member
        self.assertFalse(Assignment.objects.exists())
        self.assertFalse(ArticlePage.objects.filter(title=self.submission.title).exists())
        self.create()
        self.create(assignee=self.reporter_b, section=self.cat_b)  # a second angle: another draft
        self.assertEqual(ArticlePage.objects.filter(title=self.submission.title).count(), 2)

    def test_the_submission_page_offers_giao_viec_to_triage_users_only(self):
        url = self.submission.get_absolute_url()
        action = reverse("newsroom:from_submission", args=[self.submission.pk])
        self.login(self.editor)
        self.assertContains(self.client.get(url), f'href="{action}"')
        for person in (self.reporter, self.liaison_a):
            self.login(person)
            self.assertNotContains(self.client.get(url), f'href="{action}"')

    def test_the_giao_viec_form_creates_in_one_post(self):
        url = reverse("newsroom:from_submission", args=[self.submission.pk])
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.liaison_b)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.reporter)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.editor)
        form = self.client.get(url)
        self.assertContains(form, "Giao việc từ thông tin")
        response = self.client.post(
            url,
            {"assignee": self.reporter.pk, "section": self.cat_a.pk, "due_at": "2026-03-05T17:00", "brief": ""},
            follow=True,
        )
        assignment = Assignment.objects.get()
        self.assertRedirects(response, assignment.get_absolute_url())
        self.assertContains(response, "Đã giao việc cho Trần Minh Đức")
        self.assertContains(response, reverse("wagtailadmin_pages:edit", args=[assignment.article_id]))
        self.assertEqual(assignment.due_at, DUE)
        page = self.client.get(self.submission.get_absolute_url())
        self.assertContains(page, "Phân công")
        self.assertContains(page, assignment.get_absolute_url())

    def test_the_assignment_follows_its_draft_through_approval(self):
        assignment = self.create()
        article = ArticlePage.objects.get(pk=assignment.article_id)
        services.assignment_start(actor=self.reporter, assignment=assignment)
        article.save_revision(user=self.reporter)
        article.get_workflow().start(article, self.reporter)
        assignment.refresh_from_db()
        self.assertEqual(assignment.status, Assignment.Status.SUBMITTED)
        self.workflow_action(self.editor, article, action="reject", comment="Thiếu ảnh hiện trường.")
        assignment.refresh_from_db()
        self.assertEqual(assignment.status, Assignment.Status.IN_PROGRESS)
        returned = Notification.objects.get(recipient=self.reporter, verb="assignment.returned")
        self.assertEqual(returned.body, "Thiếu ảnh hiện trường.")


class TransitionTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.job = services.assignment_create(
            actor=cls.editor, title="Phóng sự chợ đêm", due_at=DUE, assignee=cls.reporter, section=cls.cat_a
        )

    def test_the_assignee_starts_and_hands_in_a_manager_completes(self):
        job = services.assignment_start(actor=self.reporter, assignment=self.job)
        job = services.assignment_submit(actor=self.reporter, assignment=job)
        with self.assertRaises(PermissionDenied):
            services.assignment_complete(actor=self.reporter, assignment=job)
        job = services.assignment_complete(actor=self.editor, assignment=job)
        self.assertEqual(job.status, Assignment.Status.COMPLETED)
        self.assertTrue(Notification.objects.filter(recipient=self.editor, verb="assignment.submitted").exists())
        self.assertTrue(Notification.objects.filter(recipient=self.reporter, verb="assignment.completed").exists())
        with self.assertRaises(ValidationError):
            services.assignment_cancel(actor=self.editor, assignment=job, reason="Trùng đề tài")

    def test_illegal_moves_and_rights_are_refused(self):
        with self.assertRaises(ValidationError):
            services.assignment_submit(actor=self.reporter, assignment=self.job)  # not started yet
        with self.assertRaises(ValidationError):
            services.assignment_complete(actor=self.editor, assignment=self.job)
        with self.assertRaises(PermissionDenied):
            services.assignment_start(actor=self.reporter_b, assignment=self.job)  # not theirs
        with self.assertRaises(PermissionDenied):
            services.assignment_create(actor=self.reporter, title="Tự giao", due_at=DUE)
        with self.assertRaises(ValidationError):
            services.assignment_cancel(actor=self.editor, assignment=self.job, reason="  ")
        job = services.assignment_cancel(actor=self.editor, assignment=self.job, reason="Trùng đề tài")
        self.assertEqual((job.status, job.cancel_reason), (Assignment.Status.CANCELLED, "Trùng đề tài"))

    def test_a_draft_without_assignee_is_assigned_later_and_the_new_assignee_told(self):
        draft = services.assignment_create(actor=self.editor, title="Ý tưởng: mùa lúa", due_at=DUE)
        self.assertEqual(draft.status, Assignment.Status.DRAFT)
        with self.assertRaises(ValidationError):
            services.assignment_assign(actor=self.editor, assignment=draft)  # nobody to give it to
        draft = services.assignment_update(actor=self.editor, assignment=draft, assignee=self.reporter_b)
        draft = services.assignment_assign(actor=self.editor, assignment=draft)
        self.assertEqual(draft.status, Assignment.Status.ASSIGNED)
        self.assertTrue(Notification.objects.filter(recipient=self.reporter_b, verb="assignment.assigned").exists())

    def test_actions_over_http(self):
        url = self.job.get_absolute_url()
        self.login(self.reporter)
        page = self.client.get(url)
        self.assertContains(page, "Bắt đầu thực hiện")
        self.assertNotContains(page, "Hủy việc")
        self.client.post(reverse("newsroom:assignment_action", args=[self.job.pk, "bat-dau"]))
        self.assertContains(self.client.get(url), "Đang thực hiện")
        response = self.client.post(reverse("newsroom:assignment_action", args=[self.job.pk, "huy"]))
        self.assertEqual(response.status_code, 302)
        self.job.refresh_from_db()
        self.assertEqual(self.job.status, Assignment.Status.IN_PROGRESS)  # a reporter cannot cancel
        self.login(self.editor)
        self.client.post(
            reverse("newsroom:assignment_action", args=[self.job.pk, "huy"]), {"huy-reason": "Hết thời sự"}
        )
        self.job.refresh_from_db()
        self.assertEqual((self.job.status, self.job.cancel_reason), (Assignment.Status.CANCELLED, "Hết thời sự"))
        history = self.client.get(url)
        self.assertContains(history, "hủy việc")
        self.assertContains(history, "bắt đầu thực hiện")
        full = self.client.get(reverse("history", args=["newsroom", "assignment", self.job.pk]))
        self.assertContains(full, "<td>hủy việc</td>", html=True)


class AccessTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.own = services.assignment_create(
            actor=cls.editor, title="Việc của Đức", due_at=DUE, assignee=cls.reporter, section=cls.cat_b
        )
        cls.same_section = services.assignment_create(
            actor=cls.editor, title="Việc ban Thời sự", due_at=DUE, assignee=cls.editor, section=cls.cat_a
        )
        cls.elsewhere = services.assignment_create(
            actor=cls.editor, title="Việc ban Kinh tế", due_at=DUE, assignee=cls.reporter_b, section=cls.cat_b
        )

    def test_outsiders_and_partners_get_404_everywhere(self):
        urls = [
            reverse("newsroom:board"),
            reverse("newsroom:calendar"),
            reverse("newsroom:assignment_new"),
            reverse("newsroom:sections"),
            self.own.get_absolute_url(),
            reverse("newsroom:assignment_edit", args=[self.own.pk]),
            reverse("history", args=["newsroom", "assignment", self.own.pk]),
        ]
        for person in (self.liaison_a, self.leader_a, self.liaison_b, self.nobody):
            self.login(person)
            for url in urls:
                with self.subTest(person=person.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)
            action = reverse("newsroom:assignment_action", args=[self.own.pk, "bat-dau"])
            self.assertEqual(self.client.post(action).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(urls[0]).status_code, 302)  # to the login page

    def test_a_reporter_sees_their_own_and_their_sections_work(self):
        self.login(self.reporter)
        board = self.client.get(reverse("newsroom:board"))
        self.assertContains(board, "Việc của Đức")
        self.assertContains(board, "Việc ban Thời sự")
        self.assertNotContains(board, "Việc ban Kinh tế")
        self.assertEqual(self.client.get(self.elsewhere.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.get(self.same_section.get_absolute_url()).status_code, 200)
        history = reverse("history", args=["newsroom", "assignment", self.elsewhere.pk])
        self.assertEqual(self.client.get(history).status_code, 404)
        # Visible but not theirs: read-only.
        action = reverse("newsroom:assignment_action", args=[self.same_section.pk, "bat-dau"])
        self.assertEqual(self.client.post(action).status_code, 403)
        self.assertEqual(self.client.get(reverse("newsroom:assignment_edit", args=[self.own.pk])).status_code, 403)
        self.assertEqual(self.client.get(reverse("newsroom:assignment_new")).status_code, 403)

    def test_managers_see_everything_and_filter_in_the_url(self):
        self.login(self.head_a)
        board = self.client.get(reverse("newsroom:board"))
        for title in ("Việc của Đức", "Việc ban Thời sự", "Việc ban Kinh tế"):
            self.assertContains(board, title)
        filtered = self.client.get(reverse("newsroom:board"), {"nguoi": self.reporter_b.pk, "ban": self.cat_b.pk})
        self.assertContains(filtered, "Việc ban Kinh tế")
        self.assertNotContains(filtered, "Việc của Đức")
        # The tabs carry the filter to the calendar.
        self.assertContains(filtered, f"/toa-soan/lich/?nguoi={self.reporter_b.pk}&amp;ban={self.cat_b.pk}")

    def test_managers_create_and_edit_over_http(self):
        self.login(self.editor)
        response = self.client.post(
            reverse("newsroom:assignment_new"),
            {"title": "Tọa đàm chuyển đổi số", "assignee": self.reporter.pk, "due_at": "2026-03-06T09:30"},
        )
        job = Assignment.objects.get(title="Tọa đàm chuyển đổi số")
        self.assertRedirects(response, job.get_absolute_url())
        self.assertEqual((job.status, job.due_at), (Assignment.Status.ASSIGNED, vn(2026, 3, 6, 9, 30)))
        edit = reverse("newsroom:assignment_edit", args=[job.pk])
        self.client.post(
            edit, {"title": "Tọa đàm chuyển đổi số", "assignee": self.reporter_b.pk, "due_at": "2026-03-07T09:30"}
        )
        job.refresh_from_db()
        self.assertEqual((job.assignee, job.due_at), (self.reporter_b, vn(2026, 3, 7, 9, 30)))
        self.assertTrue(Notification.objects.filter(recipient=self.reporter_b, verb="assignment.assigned").exists())


@time_machine.travel(vn(2026, 3, 4, 9, 0), tick=False)
class CalendarTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        services.assignment_create(
            actor=cls.editor, title="Viết bài hội nghị", due_at=vn(2026, 3, 5, 16, 30), assignee=cls.reporter
        )
        services.assignment_create(
            actor=cls.editor, title="Việc tháng sau", due_at=vn(2026, 4, 2, 8, 0), assignee=cls.reporter
        )
        cls.event = cls.make_submission(
            title="Giấy mời dự Lễ ra quân Tết trồng cây",
            kind=Submission.Kind.EVENT,
            event_starts_at=vn(2026, 3, 6, 7, 30),
            event_location="Nhà văn hóa xã",
        )

    def test_week_view_shows_assignments_and_events_on_their_days(self):
        self.login(self.editor)
        page = self.client.get(reverse("newsroom:calendar"))
        self.assertContains(page, "Tuần 02/03 – 08/03/2026")
        for name in ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"):
            self.assertContains(page, name)
        html = page.content.decode()
        thursday = html.split('id="ngay-2026-03-05"')[1].split('id="ngay-2026-03-06"')[0]
        self.assertIn("Viết bài hội nghị", thursday)
        self.assertIn("16:30", thursday)
        friday = html.split('id="ngay-2026-03-06"')[1].split('id="ngay-2026-03-07"')[0]
        self.assertIn("Giấy mời dự Lễ ra quân Tết trồng cây", friday)
        self.assertIn("Nhà văn hóa xã", friday)
        self.assertIn("Sự kiện cần đưa tin", friday)
        self.assertIn(reverse("newsroom:from_submission", args=[self.event.pk]), friday)
        self.assertNotContains(page, "Việc tháng sau")
        self.assertContains(page, "?che-do=tuan&amp;ngay=2026-03-09")

    def test_month_view_and_navigation(self):
        self.login(self.reporter)
        page = self.client.get(reverse("newsroom:calendar"), {"che-do": "thang", "ngay": "2026-04-15"})
        self.assertContains(page, "Tháng 4/2026")
        self.assertContains(page, "Việc tháng sau")
        self.assertNotContains(page, "Giấy mời dự Lễ ra quân")  # March, shown greyed only in the grid's edge
        self.assertContains(page, "?che-do=thang&amp;ngay=2026-03-01")
        self.assertContains(page, "?che-do=thang&amp;ngay=2026-05-01")
        bad = self.client.get(reverse("newsroom:calendar"), {"che-do": "nam", "ngay": "khong-phai-ngay"})
        self.assertContains(bad, "Tuần 02/03 – 08/03/2026")  # falls back to this week

    def test_an_event_covered_by_an_assignment_says_so(self):
        services.assignment_from_submission(
            actor=self.editor, submission=self.event, assignee=self.reporter, section=self.cat_a, due_at=DUE
        )
        self.login(self.editor)
        page = self.client.get(reverse("newsroom:calendar"))
        friday = page.content.decode().split('id="ngay-2026-03-06"')[1].split('id="ngay-2026-03-07"')[0]
        self.assertIn("Đã phân công", friday)
        self.assertNotIn(reverse("newsroom:from_submission", args=[self.event.pk]), friday)
