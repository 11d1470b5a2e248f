"""Deleting images and documents in the admin (#22 item 6): reporters upload, choose and edit their
own but delete nothing; only the press's leaders and superusers delete; nobody deletes what a live
page uses, such as a published article's lead image. Through the real admin views."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from phoihop.accounts.models import Role
from phoihop.demo.images import draw
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticlePage
from phoihop.testing import PersonaTestCase

Image = get_image_model()
Document = get_document_model()

LEADERS_ONLY = "Chỉ Tổng Biên tập, Phó Tổng Biên tập và quản trị viên được xóa ảnh và tài liệu."
IN_USE = "đang được dùng trong bài đã xuất bản; hãy gỡ khỏi bài trước khi xóa."


def make_image(title, owner):
    picture = ImageFile(io.BytesIO(draw("city", ["#111111", "#888888", "#cc0000"], title)), name="anh.jpg")
    return Image.objects.create(
        title=title, file=picture, uploaded_by_user=owner, collection=Collection.get_first_root_node()
    )


class MediaDeletionTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = cls.make_user("btv", "Đặng Thu Trang", cls.press, Role.EDITOR)
        cls.chiefs_image = make_image("Ảnh của Tổng Biên tập", cls.chief)
        cls.reporters_image = make_image("Ảnh của phóng viên", cls.reporter)
        cls.lead_image = make_image("Ảnh đại diện bài đã đăng", cls.reporter)
        category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.article = portal_services.article_create(
            actor=None, category=category, title="Bài đã đăng", sapo="Sapo", lead_image=cls.lead_image
        )
        cls.document = Document.objects.create(
            title="Kế hoạch", file=ContentFile(b"%PDF-1.4\n", name="ke-hoach.pdf"), uploaded_by_user=cls.chief
        )

    def delete_image(self, image):
        return self.client.post(reverse("wagtailimages:delete", args=[image.pk]), follow=True)

    def test_a_reporter_cannot_delete_anothers_image(self):
        self.login(self.reporter)
        response = self.delete_image(self.chiefs_image)
        self.assertContains(response, LEADERS_ONLY)
        self.assertTrue(Image.objects.filter(pk=self.chiefs_image.pk).exists())

    def test_a_reporter_edits_their_own_image_only_and_deletes_none(self):
        self.login(self.reporter)
        own = self.client.get(reverse("wagtailimages:edit", args=[self.reporters_image.pk]))
        self.assertEqual(own.status_code, 200)
        self.assertNotContains(own, reverse("wagtailimages:delete", args=[self.reporters_image.pk]))
        others = self.client.get(reverse("wagtailimages:edit", args=[self.chiefs_image.pk]))
        self.assertRedirects(others, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertContains(self.delete_image(self.reporters_image), LEADERS_ONLY)
        self.assertTrue(Image.objects.filter(pk=self.reporters_image.pk).exists())

    def test_a_reporters_bulk_delete_deletes_nothing(self):
        self.login(self.reporter)
        url = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])
        self.client.post(f"{url}?id={self.chiefs_image.pk}&id={self.reporters_image.pk}")
        self.assertEqual(Image.objects.filter(pk__in=[self.chiefs_image.pk, self.reporters_image.pk]).count(), 2)

    def test_an_editor_fixes_a_caption_but_does_not_delete(self):
        self.login(self.editor)
        page = self.client.get(reverse("wagtailimages:edit", args=[self.chiefs_image.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertContains(self.delete_image(self.chiefs_image), LEADERS_ONLY)
        self.assertTrue(Image.objects.filter(pk=self.chiefs_image.pk).exists())

    def test_the_editor_in_chief_deletes_an_unused_image(self):
        self.login(self.chief)
        self.delete_image(self.reporters_image)
        self.assertFalse(Image.objects.filter(pk=self.reporters_image.pk).exists())

    def test_nobody_deletes_a_live_articles_lead_image(self):
        superuser = self.make_user("quantri", "Quản Trị Viên")
        superuser.is_superuser = True
        superuser.save(update_fields=["is_superuser"])
        for user in (self.chief, superuser):
            self.login(user)
            edit = self.client.get(reverse("wagtailimages:edit", args=[self.lead_image.pk]))
            self.assertNotContains(edit, reverse("wagtailimages:delete", args=[self.lead_image.pk]))
            response = self.delete_image(self.lead_image)
            self.assertContains(response, f"«Ảnh đại diện bài đã đăng» {IN_USE}")
            url = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])
            self.client.post(f"{url}?id={self.lead_image.pk}")
            self.assertTrue(Image.objects.filter(pk=self.lead_image.pk).exists())
        # Once the article is unpublished the image may go.
        ArticlePage.objects.get(pk=self.article.pk).unpublish()
        self.login(self.chief)
        self.delete_image(self.lead_image)
        self.assertFalse(Image.objects.filter(pk=self.lead_image.pk).exists())

    def test_nobody_deletes_an_image_in_a_live_articles_body(self):
        body_image = make_image("Ảnh trong bài", self.reporter)
        portal_services.article_create(
            actor=None,
            category=portal_services.category_ensure(slug="thoi-su", title="Thời sự"),
            title="Bài có ảnh trong thân bài",
            sapo="Sapo",
            body=[("image", {"image": body_image, "caption": "Chú thích", "credit": "", "alt_text": ""})],
        )
        self.login(self.chief)
        self.assertContains(self.delete_image(body_image), f"«Ảnh trong bài» {IN_USE}")
        self.assertTrue(Image.objects.filter(pk=body_image.pk).exists())

    def test_documents_follow_the_same_rule(self):
        self.login(self.reporter)
        response = self.client.post(reverse("wagtaildocs:delete", args=[self.document.pk]), follow=True)
        self.assertContains(response, LEADERS_ONLY)
        self.assertTrue(Document.objects.filter(pk=self.document.pk).exists())
        self.login(self.chief)
        self.client.post(reverse("wagtaildocs:delete", args=[self.document.pk]))
        self.assertFalse(Document.objects.filter(pk=self.document.pk).exists())
