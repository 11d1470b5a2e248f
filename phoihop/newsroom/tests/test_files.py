"""Partners' files stay private until an editor publishes them with a live article (issue #12, 1).

Every stage of a partner's submission — sent, assigned ("Giao việc"), draft, in review, published,
republished, taken down — is checked for every persona: an anonymous reader and a user of another
unit get 404 for every Wagtail copy of the files (and never the partner's attachment), the sending
unit reads its attachments, the newsroom reads everything; after publication only the document the
editor ticked "Công khai cùng bài" is public, and only while a live article offers it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from phoihop.audit.models import AuditEvent
from phoihop.exchange.tests import files as sample
from phoihop.newsroom import files, services
from phoihop.newsroom.models import ArticleFile, PartnerFile
from phoihop.newsroom.tests.base import NewsroomTestCase, vn
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticlePage

DUE = vn(2026, 3, 5, 17, 0)
RENDITION = re.compile(r"/media/images/[^\"'\s,]+")


def offering(article: ArticlePage, *documents: Any) -> list[tuple[str, Any]]:
    """The article's body with exactly `documents` ticked "Công khai cùng bài"."""
    body = []
    for block in article.body:
        if block.block_type == "documents":
            items = [
                {"document": i["document"], "public": i["document"] in documents} for i in block.value["documents"]
            ]
            body.append(("documents", {"documents": items}))
        else:
            body.append((block.block_type, block.value))
    return body


class PartnerFilesTestCase(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.submission = cls.make_submission(
            files=[
                sample.jpeg_with_gps("cau-dan-sinh.jpg"),
                sample.pdf_file("quyet-dinh.pdf"),
                sample.docx_file("bien-ban.docx"),
            ]
        )
        cls.attachments = list(cls.submission.attachments.all())

    def give(self) -> ArticlePage:
        """ "Giao việc": the assignment and its draft, made from the submission."""
        assignment = services.assignment_from_submission(
            actor=self.editor, submission=self.submission, assignee=self.reporter, section=self.cat_a, due_at=DUE
        )
        self.assignment = assignment
        self.pdf = get_document_model().objects.get(title="quyet-dinh")
        self.docx = get_document_model().objects.get(title="bien-ban")
        self.photo = get_image_model().objects.get(title="cau-dan-sinh")
        return ArticlePage.objects.get(pk=assignment.article_id)

    def save_draft(self, article: ArticlePage, *offered: Any, user: Any = None) -> ArticlePage:
        article = ArticlePage.objects.get(pk=article.pk)
        article.body = offering(article, *offered)
        article.save_revision(user=user or self.reporter)
        if not article.live:  # Wagtail's editor writes a draft of an unpublished page to its row too
            article.save()
        return article

    def publish(self, article: ArticlePage, *offered: Any) -> ArticlePage:
        article = ArticlePage.objects.get(pk=article.pk)
        article.body = offering(article, *offered)
        with self.captureOnCommitCallbacks(execute=True):
            article.save_revision(user=self.chief).publish(user=self.chief)
        return ArticlePage.objects.get(pk=article.pk)

    # --- what each persona gets -------------------------------------------------------------------

    def fetch(self, user: Any, url: str) -> int:
        if user is None:
            self.client.logout()
        else:
            self.client.force_login(user)
        response = self.client.get(url)
        if response.streaming:  # read it through the test client, which closes the file
            b"".join(response.streaming_content)
        return response.status_code

    def assert_attachments(self) -> None:
        """The partner's own files, at their workspace address: the sending unit and the newsroom
        only; another unit gets 404, an anonymous visitor the login page (never the file)."""
        for attachment in self.attachments:
            url = attachment.get_absolute_url()
            for user in (self.liaison_a, self.leader_a, self.reporter, self.editor):
                self.assertEqual(self.fetch(user, url), 200, (user.username, url))
            for user in (self.liaison_b, self.nobody):
                self.assertEqual(self.fetch(user, url), 404, (user.username, url))
            self.client.logout()
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith(reverse("accounts:login")), response["Location"])

    def assert_copies(self, *, public: tuple[Any, ...] = ()) -> None:
        """The Wagtail copies: the newsroom always; everyone else 404 unless a live article offers the
        document. The sending unit reads its files at their workspace address, not here."""
        for document in (self.pdf, self.docx):
            for user in (self.reporter, self.editor, self.chief):
                self.assertEqual(self.fetch(user, document.url), 200, (user.username, document.title))
            for user in (None, self.liaison_b, self.nobody, self.liaison_a):
                expected = 200 if document in public else 404
                self.assertEqual(self.fetch(user, document.url), expected, (user, document.title))
        self.assert_original_private()

    def assert_original_private(self) -> None:
        photo = get_image_model().objects.get(pk=self.photo.pk)
        path = Path(photo.file.path).resolve()
        self.assertTrue(path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve()), path)
        self.assertFalse(path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()), path)
        self.assertFalse(photo.file.url.startswith(settings.MEDIA_URL))
        self.assertFalse((Path(settings.MEDIA_ROOT) / "original_images").exists())


class StagesTests(PartnerFilesTestCase):
    def test_every_stage_from_submission_to_takedown_for_every_persona(self):
        # 1. Sent: only the partner's attachments exist.
        self.assert_attachments()

        # 2. Assigned ("Giao việc"): copies in the private collection, offered unticked.
        article = self.give()
        collections = files.collections_ensure()
        for item in (self.pdf, self.docx, self.photo):
            self.assertEqual(item.collection, collections.private)
        self.assertEqual(PartnerFile.objects.filter(submission=self.submission).count(), 3)
        self.assert_attachments()
        self.assert_copies()

        # 3. Draft: the reporter writes and ticks the PDF (the editor who approves step 1 may not have
        # written a revision of it: the approval rules). Still private: not live.
        services.assignment_start(actor=self.reporter, assignment=self.assignment)
        self.save_draft(article, user=self.reporter)
        article = self.save_draft(article, self.pdf, user=self.reporter)
        self.assert_copies()

        # 4. In review: submitted to the four-step workflow, approved up to the last step.
        article.get_workflow().start(article, self.reporter)
        self.workflow_action(self.editor, article)
        self.workflow_action(self.head_a, article)
        self.assertEqual(self.current_step(article), "Phó Tổng Biên tập")
        self.assert_copies()

        # 5. Published by the last approvals: only the ticked PDF is public, and only it is listed.
        self.workflow_action(self.deputy, article)
        with self.captureOnCommitCallbacks(execute=True):
            self.workflow_action(self.chief, article)
        article = ArticlePage.objects.get(pk=article.pk)
        self.assertTrue(article.live)
        self.assert_copies(public=(self.pdf,))
        self.assert_attachments()
        self.client.logout()
        page = self.client.get(article.url)
        self.assertContains(page, "Tài liệu kèm theo")
        self.assertContains(page, f'href="{self.pdf.url}"')
        self.assertNotContains(page, self.docx.url)
        self.assertNotContains(page, f"/documents/{self.docx.pk}/")

        # 6. Republished without the tick: private again, and no longer listed.
        article = self.publish(article)
        self.assert_copies()
        self.client.logout()
        self.assertNotContains(self.client.get(article.url), "Tài liệu kèm theo")

        # 7. Published with the DOCX this time, then taken down: private again.
        article = self.publish(article, self.docx)
        self.assert_copies(public=(self.docx,))
        with self.captureOnCommitCallbacks(execute=True):
            services.article_takedown(actor=self.chief, article=article, reason="Theo yêu cầu của đơn vị.")
        self.assert_copies()
        self.assert_attachments()
        for item in (self.pdf, self.docx, self.photo):
            item.refresh_from_db()
            self.assertEqual(item.collection, collections.private)
        self.assertFalse(ArticleFile.objects.filter(article=article).exists())


class PublishingTests(PartnerFilesTestCase):
    def test_a_file_stays_public_while_another_live_article_offers_it(self):
        article = self.give()
        other = portal_services.article_create(
            actor=self.chief, category=self.cat_b, title="Bài khác", sapo="Sapo.", publish=False
        )
        other.body = [("documents", {"documents": [{"document": self.pdf, "public": True}]})]
        with self.captureOnCommitCallbacks(execute=True):
            other.save_revision(user=self.chief).publish(user=self.chief)
        article = self.publish(article, self.pdf)
        self.assert_copies(public=(self.pdf,))
        with self.captureOnCommitCallbacks(execute=True):
            ArticlePage.objects.get(pk=article.pk).unpublish(user=self.chief)
        self.assert_copies(public=(self.pdf,))  # "Bài khác" still offers it
        with self.captureOnCommitCallbacks(execute=True):
            ArticlePage.objects.get(pk=other.pk).delete()
        self.assert_copies()

    def test_a_live_article_edited_in_draft_changes_nothing_until_published(self):
        article = self.publish(self.give(), self.pdf)
        self.save_draft(article, self.pdf, self.docx, user=self.editor)
        self.assert_copies(public=(self.pdf,))  # the draft's tick waits for publication
        self.publish(article, self.pdf, self.docx)
        self.assert_copies(public=(self.pdf, self.docx))

    def test_photos_show_as_renditions_only_while_live_and_the_original_never(self):
        article = self.give()
        stored = Path(self.photo.file.name).name
        self.assertRegex(stored, r"^[0-9a-f]{20}\.jpg$")  # not "cau-dan-sinh.jpg": renditions cannot be guessed
        self.assertNotIn(b"GPS", Path(self.photo.file.path).read_bytes()[:2000])
        article = self.publish(article)
        self.client.logout()
        html = self.client.get(article.url).content.decode()
        renditions = set(RENDITION.findall(html))
        self.assertTrue(renditions)
        for url in renditions:
            self.assertTrue((Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)).is_file(), url)
        self.assertNotIn(self.photo.file.name, html.replace("/media/images/", ""))
        self.assertEqual(get_image_model().objects.get(pk=self.photo.pk).collection, files.collections_ensure().public)
        self.assert_original_private()
        with self.captureOnCommitCallbacks(execute=True):
            services.article_takedown(actor=self.chief, article=article, reason="Ảnh chưa được phép đăng.")
        self.assertFalse(self.photo.renditions.exists())
        for url in renditions:
            self.assertFalse((Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)).exists(), url)
        self.assert_original_private()

    def test_a_photo_shown_as_lead_image_or_in_a_gallery_is_shown_too(self):
        article = self.give()
        collections = files.collections_ensure()
        page = ArticlePage.objects.get(pk=article.pk)
        without_photo = [(b.block_type, b.value) for b in page.body if b.block_type != "image"]
        page.body, page.lead_image = without_photo, self.photo
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=self.chief).publish(user=self.chief)
        self.assertEqual(get_image_model().objects.get(pk=self.photo.pk).collection, collections.public)
        page = ArticlePage.objects.get(pk=article.pk)
        credit = {"alt_text": "", "caption": "", "credit": "UBND xã An Khánh"}
        gallery = {"title": "", "images": [{"image": self.photo, **credit}, {"image": self.photo, **credit}]}
        page.body, page.lead_image = [*without_photo, ("gallery", gallery)], None
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=self.chief).publish(user=self.chief)
        shown = ArticleFile.objects.filter(article=page).values_list("image", flat=True)
        self.assertEqual(list(shown), [self.photo.pk])
        with self.captureOnCommitCallbacks(execute=True):
            ArticlePage.objects.get(pk=article.pk).unpublish(user=self.chief)
        self.assertEqual(get_image_model().objects.get(pk=self.photo.pk).collection, collections.private)

    def test_the_partner_sees_in_its_history_when_a_file_goes_public_and_back(self):
        article = self.publish(self.give(), self.pdf)
        with self.captureOnCommitCallbacks(execute=True):
            services.article_takedown(actor=self.chief, article=article, reason="Sai thông tin.")
        events = AuditEvent.objects.for_object(self.submission).filter(verb__startswith="newsroom.file_")
        by_file = {(e.verb, e.data["file"]) for e in events}
        self.assertIn((files.VERB_PUBLISHED, "quyet-dinh"), by_file)
        self.assertIn((files.VERB_WITHDRAWN, "quyet-dinh"), by_file)
        self.assertNotIn((files.VERB_PUBLISHED, "bien-ban"), by_file)
        self.login(self.liaison_a)
        page = self.client.get(self.submission.get_absolute_url())
        self.assertContains(page, "công khai tệp cùng bài")
        self.assertContains(page, "đưa tệp về riêng tư")

    def test_the_assignment_page_says_which_files_are_public(self):
        article = self.give()
        self.login(self.reporter)
        url = self.assignment.get_absolute_url()
        page = self.client.get(url)
        self.assertContains(page, "Tệp của đơn vị gửi")
        self.assertContains(page, "Riêng tư: chỉ tòa soạn", count=3)
        self.publish(article, self.pdf)
        page = self.client.get(url)
        self.assertContains(page, "Đang công khai cùng bài", count=2)  # the PDF and the photo shown
        self.assertContains(page, "Riêng tư: chỉ tòa soạn", count=1)
        self.assertContains(page, self.attachments[1].get_absolute_url())


class MechanismTests(PartnerFilesTestCase):
    def test_the_private_collection_is_wagtails_group_restriction_and_is_repaired(self):
        collections = files.collections_ensure()
        [restriction] = CollectionViewRestriction.objects.filter(collection=collections.private)
        self.assertEqual(restriction.restriction_type, BaseViewRestriction.GROUPS)
        self.assertEqual(
            set(restriction.groups.values_list("name", flat=True)),
            {"Tổng Biên tập", "Phó Tổng Biên tập", "Trưởng ban", "Biên tập viên", "Phóng viên"},
        )
        self.assertFalse(CollectionViewRestriction.objects.filter(collection=collections.public).exists())
        # Someone makes it public in the admin: the next use puts the restriction back.
        restriction.delete()
        CollectionViewRestriction.objects.create(collection=collections.public, restriction_type="login")
        self.give()
        self.assertEqual(files.collections_ensure(), collections)
        self.assertTrue(CollectionViewRestriction.objects.filter(collection=collections.private).exists())
        self.assertFalse(CollectionViewRestriction.objects.filter(collection=collections.public).exists())
        self.assert_copies()
        self.assertEqual(settings.WAGTAILDOCS_SERVE_METHOD, "serve_view")

    def test_documents_outside_the_partners_collections_are_left_alone(self):
        document = get_document_model()(title="thong-cao", collection=Collection.get_first_root_node())
        document.file = sample.pdf_file("thong-cao.pdf")
        document.save()
        self.assertEqual(self.fetch(None, document.url), 200)
        self.assertTrue(Path(document.file.path).resolve().is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve()))
        article = portal_services.article_create(
            actor=self.chief, category=self.cat_c, title="Thông cáo", sapo="Sapo.", publish=False
        )
        article.body = [("documents", {"documents": [{"document": document, "public": True}]})]
        with self.captureOnCommitCallbacks(execute=True):
            article.save_revision(user=self.chief).publish(user=self.chief)
            ArticlePage.objects.get(pk=article.pk).unpublish(user=self.chief)
        document.refresh_from_db()
        self.assertEqual(document.collection, Collection.get_first_root_node())
        self.assertEqual(self.fetch(None, document.url), 200)

    def test_a_login_restriction_is_a_404_for_anonymous_too(self):
        collection = Collection.get_first_root_node().add_child(name="Nội bộ")
        CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
        document = get_document_model()(title="noi-bo", collection=collection)
        document.file = sample.pdf_file("noi-bo.pdf")
        document.save()
        self.assertEqual(self.fetch(None, document.url), 404)
        self.assertEqual(self.fetch(self.liaison_b, document.url), 200)  # any login passes a LOGIN restriction
