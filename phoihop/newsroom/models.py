"""The newsroom's own tables: sections (ban) bound to portal categories, assignments (phân công),
the link between an article and the submissions it was made from, the partners' files copied into
Wagtail and the ones live articles make public, and the scheduled-publishing run.

Articles themselves are Wagtail pages (phoihop.portal); drafts, revisions, workflows and scheduling
are Wagtail's. These models hold only what Wagtail lacks.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimeStampedModel


class Section(models.Model):
    """A desk of the newsroom (ban), bound to one portal category.

    `head_group` is the Wagtail group "Trưởng ban — <category>": the Trưởng ban step of the
    category's approval workflow is a group approval task for this group only, so a section head
    approves the articles of their own category and nobody else's.
    """

    category = models.OneToOneField(
        "portal.CategoryPage", verbose_name=_("chuyên mục"), on_delete=models.CASCADE, related_name="newsroom_section"
    )
    head_group = models.OneToOneField(
        Group, verbose_name=_("nhóm Trưởng ban"), on_delete=models.PROTECT, related_name="newsroom_section"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("các ban")

    def __str__(self) -> str:
        return self.category.title


class SectionMembership(TimeStampedModel):
    """A press member working in a section; `is_head` makes them one of its Trưởng ban."""

    section = models.ForeignKey(Section, verbose_name=_("ban"), on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="section_memberships",
    )
    is_head = models.BooleanField(_("Trưởng ban"), default=False)

    class Meta:
        verbose_name = _("thành viên ban")
        verbose_name_plural = _("thành viên ban")
        constraints = [models.UniqueConstraint(fields=["section", "user"], name="newsroom_section_member_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.section}"


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def open(self) -> AssignmentQuerySet:
        return self.filter(status__in=Assignment.OPEN_STATUSES)

    def overdue(self, now: object = None) -> AssignmentQuerySet:
        return self.open().exclude(status=Assignment.Status.SUBMITTED).filter(due_at__lt=now or timezone.now())


class Assignment(TimeStampedModel):
    """A piece of work for one journalist, with a due time; usually born from a submission."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        ASSIGNED = "assigned", _("Đã giao")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        SUBMITTED = "submitted", _("Đã nộp bài")
        COMPLETED = "completed", _("Hoàn thành")
        CANCELLED = "cancelled", _("Đã hủy")

    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (
        Status.DRAFT,
        Status.ASSIGNED,
        Status.IN_PROGRESS,
        Status.SUBMITTED,
    )

    title = models.CharField(_("tên việc"), max_length=500)
    brief = models.TextField(_("yêu cầu"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newsroom_assignments",
    )
    section = models.ForeignKey(
        "portal.CategoryPage",
        verbose_name=_("ban / chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    themes = models.ManyToManyField("programs.Theme", verbose_name=_("nội dung tuyên truyền"), blank=True)
    submission = models.ForeignKey(
        "exchange.Submission",
        verbose_name=_("thông tin nguồn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    article = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("bản thảo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_at = models.DateTimeField(_("hạn hoàn thành"), db_index=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(_("đổi trạng thái lúc"), default=timezone.now)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người giao"), on_delete=models.PROTECT, related_name="+"
    )

    objects: ClassVar[AssignmentQuerySet] = AssignmentQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["status", "due_at"], name="assignment_status_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(status="cancelled") | Q(assignee__isnull=False),
                name="assignment_assigned_has_assignee",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="assignment_cancelled_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsroom:assignment", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.status in {self.Status.ASSIGNED, self.Status.IN_PROGRESS} and self.due_at < timezone.now()


class ArticleSource(models.Model):
    """An article made from a partner's submission: when the article is published, the submission
    becomes "đã đăng" with its link. Kept here because the article model belongs to the portal."""

    article = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("tin, bài"), on_delete=models.CASCADE, related_name="newsroom_sources"
    )
    submission = models.ForeignKey(
        "exchange.Submission",
        verbose_name=_("thông tin nguồn"),
        on_delete=models.CASCADE,
        related_name="article_sources",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nguồn tin, bài")
        verbose_name_plural = _("nguồn tin, bài")
        constraints = [models.UniqueConstraint(fields=["article", "submission"], name="newsroom_article_source_once")]

    def __str__(self) -> str:
        return f"{self.article_id} ← {self.submission_id}"


class Correction(models.Model):
    """A published correction of an article, shown on it as "Thông tin cải chính"."""

    article = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(_("nội dung cải chính"))
    corrected_at = models.DateTimeField(_("cải chính lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cải chính"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("cải chính")
        verbose_name_plural = _("cải chính")
        ordering = ["corrected_at", "pk"]

    def __str__(self) -> str:
        return f"{self.corrected_at:%d/%m/%Y %H:%M}: {self.text[:60]}"


class Takedown(models.Model):
    """An article removed from every public surface. The page stays (unpublished) in the archive,
    with the reason, as the Press Law requires."""

    article = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="takedowns")
    title = models.CharField(_("tiêu đề khi gỡ"), max_length=500)
    url = models.CharField(_("đường dẫn khi gỡ"), max_length=500)
    reason = models.TextField(_("lý do gỡ"))
    legal_basis = models.CharField(_("căn cứ"), max_length=500, blank=True)
    taken_down_at = models.DateTimeField(_("gỡ lúc"), default=timezone.now)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("gỡ bài")
        verbose_name_plural = _("bài đã gỡ (lưu trữ)")
        ordering = ["-taken_down_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.taken_down_at:%d/%m/%Y})"


class PartnerFile(models.Model):
    """A partner's attachment copied into Wagtail for a draft: a document, or an image for a photo.

    Where the copy came from (the submission, the attachment), kept because Wagtail's document and
    image know nothing of it. Whether anyone outside the newsroom may fetch it is not decided here
    but by its collection (phoihop.newsroom.files): private until a live article offers it.
    """

    submission = models.ForeignKey(
        "exchange.Submission",
        verbose_name=_("thông tin nguồn"),
        on_delete=models.CASCADE,
        related_name="newsroom_files",
    )
    attachment = models.ForeignKey(
        "exchange.Attachment",
        verbose_name=_("tệp đính kèm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("tài liệu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsroom_partner_file",
    )
    image = models.OneToOneField(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsroom_partner_file",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp của đơn vị phối hợp")
        verbose_name_plural = _("tệp của đơn vị phối hợp")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False, image__isnull=True) | Q(document__isnull=True, image__isnull=False),
                name="newsroom_partner_file_one_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.document or self.image}"


class ArticleFile(models.Model):
    """A partner's file that a live article makes public: a document it offers under "Tài liệu kèm
    theo" with "Công khai cùng bài" ticked, or a photo it shows.

    Derived, never edited: rebuilt from the live article each time it is published, removed when it
    is unpublished or taken down (phoihop.newsroom.files.article_files_sync). A partner's document is
    served to everyone exactly while it has a row here.
    """

    article = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("tin, bài"), on_delete=models.CASCADE, related_name="newsroom_files"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tài liệu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tệp công khai cùng bài")
        verbose_name_plural = _("tệp công khai cùng bài")
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False, image__isnull=True) | Q(document__isnull=True, image__isnull=False),
                name="newsroom_article_file_one_kind",
            ),
            models.UniqueConstraint(fields=["article", "document"], name="newsroom_article_file_document_once"),
            models.UniqueConstraint(fields=["article", "image"], name="newsroom_article_file_image_once"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.document_id or self.image_id}"
