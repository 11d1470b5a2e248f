"""The signed coordination programme: parties, period, signatories, themes.

The foundation keeps the facts the demo story needs; the programmes issue adds commitments,
targets per period, focal contacts and the status workflow on top of these tables.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from phoihop.accounts.models import Organization
from phoihop.core.models import TimeStampedModel


class ProgramQuerySet(models.QuerySet["Program"]):
    def with_party(self, organization_ids: frozenset[int] | set[int]) -> ProgramQuerySet:
        return self.filter(parties__organization_id__in=organization_ids).distinct()


class Program(TimeStampedModel, ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ACTIVE = "active", _("Đang thực hiện")
        COMPLETED = "completed", _("Đã hoàn thành")
        TERMINATED = "terminated", _("Đã chấm dứt")

    title = models.CharField(_("tên chương trình"), max_length=500)
    number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    legal_bases = models.TextField(_("căn cứ"), blank=True)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    objects: ClassVar[ProgramQuerySet] = ProgramQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("chương trình phối hợp")
        verbose_name_plural = _("chương trình phối hợp")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="program_period_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class ProgramParty(models.Model):
    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="program_parties"
    )

    class Meta:
        verbose_name = _("bên tham gia")
        verbose_name_plural = _("các bên tham gia")
        constraints = [models.UniqueConstraint(fields=["program", "organization"], name="program_party_unique")]

    def __str__(self) -> str:
        return self.organization.name


class Signatory(models.Model):
    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="signatories")
    organization = models.ForeignKey(Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=300)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("người ký")
        verbose_name_plural = _("người ký")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.title}"


class TargetPeriod(models.TextChoices):
    MONTH = "month", _("tháng")
    QUARTER = "quarter", _("quý")
    YEAR = "year", _("năm")
    PROGRAM = "program", _("cả chương trình")


class Theme(models.Model):
    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("nội dung tuyên truyền"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    target_count = models.PositiveIntegerField(_("chỉ tiêu (số tin, bài)"), null=True, blank=True)
    target_period = models.CharField(
        _("chỉ tiêu tính theo"), max_length=8, choices=TargetPeriod.choices, default=TargetPeriod.QUARTER
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nội dung tuyên truyền")
        verbose_name_plural = _("nội dung tuyên truyền")
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["program", "title"], name="theme_unique_title")]

    def __str__(self) -> str:
        return self.title

    @property
    def target_label(self) -> str:
        if not self.target_count:
            return ""
        return f"{self.target_count} bài/{self.get_target_period_display()}"


class Commitment(models.Model):
    """What one party undertakes: what, who does it, how often."""

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="commitments")
    organization = models.ForeignKey(Organization, verbose_name=_("bên thực hiện"), on_delete=models.PROTECT)
    what = models.TextField(_("nội dung cam kết"))
    who = models.CharField(_("bộ phận, người thực hiện"), max_length=300, blank=True)
    frequency = models.CharField(_("tần suất"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("cam kết")
        verbose_name_plural = _("cam kết")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.what[:80]


class FocalContact(models.Model):
    """The day-to-day contact of one side for this programme."""

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="focal_contacts")
    organization = models.ForeignKey(Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        verbose_name = _("đầu mối liên hệ")
        verbose_name_plural = _("đầu mối liên hệ")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.full_name


NO_FURTHER_DELEGATION = _(
    "Chỉ người đứng đầu đơn vị được ủy quyền phát ngôn; người phát ngôn thường xuyên và người được ủy quyền "
    "không được ủy quyền tiếp cho người khác (khoản 6 Điều 3 Nghị định 244/2026/NĐ-CP)."
)


class SpokespersonQuerySet(models.QuerySet["Spokesperson"]):
    def in_office(self, on: dt.date) -> SpokespersonQuerySet:
        """Named or authorized for a period that includes `on` (an expired authorization is out)."""
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))

    def public(self) -> SpokespersonQuerySet:
        return self.filter(is_public=True)


class Spokesperson(models.Model):
    """Who speaks for a partner unit to the press (Decree 244/2026 Art. 3), with the details published.

    Three kinds (Art. 3(2)): the head of the unit; the regular spokesperson the head assigns by decision,
    whose name, position, phone and official e-mail go public within 24 hours of the decision (Art. 3(3):
    the clock is `publish_due_at`, computed under the `cong-khai-nguoi-phat-ngon` policy version in force
    then); and a person the head authorizes in writing for a stated matter and period (Art. 3(5)), who
    may not pass it on (Art. 3(6)): only a head authorizes.
    """

    class Role(models.TextChoices):
        HEAD = "nguoi_dung_dau", _("Người đứng đầu cơ quan")
        REGULAR = "thuong_xuyen", _("Người phát ngôn thường xuyên")
        AUTHORIZED = "uy_quyen", _("Người được ủy quyền phát ngôn")

    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="spokespersons"
    )
    role = models.CharField(_("vai trò phát ngôn"), max_length=16, choices=Role.choices, default=Role.REGULAR)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=300)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_number = models.CharField(
        _("quyết định giao nhiệm vụ, văn bản ủy quyền"),
        max_length=300,
        blank=True,
        help_text=_("Số, ký hiệu của văn bản, ví dụ: 125/QĐ-UBND."),
    )
    decided_at = models.DateTimeField(
        _("thời điểm có quyết định"),
        null=True,
        blank=True,
        help_text=_("Thời hạn 24 giờ công khai thông tin người phát ngôn tính từ thời điểm này."),
    )
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    matter = models.TextField(_("vụ việc được ủy quyền"), blank=True)
    authorized_by = models.ForeignKey(
        "self",
        verbose_name=_("người ủy quyền"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="authorizations",
        limit_choices_to={"role": "nguoi_dung_dau"},
    )
    is_public = models.BooleanField(_("công khai trên cổng thông tin"), default=True)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    publish_due_at = models.DateTimeField(_("hạn công khai"), null=True, blank=True)
    publish_policy_version = models.ForeignKey(
        "deadlines.DeadlinePolicyVersion",
        verbose_name=_("căn cứ thời hạn công khai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects: ClassVar[SpokespersonQuerySet] = SpokespersonQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("người phát ngôn")
        verbose_name_plural = _("người phát ngôn")
        ordering = ["organization__name", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="spokesperson_period_order",
            ),
            models.CheckConstraint(
                condition=~Q(role="uy_quyen")
                | (Q(valid_to__isnull=False) & Q(authorized_by__isnull=False) & ~Q(matter="")),
                name="spokesperson_authorization_complete",
            ),
            models.CheckConstraint(
                condition=Q(role="uy_quyen") | Q(authorized_by__isnull=True),
                name="spokesperson_only_authorized_have_grantor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.title}"

    @property
    def phone_uri(self) -> str:
        """ "tel:+842412345678"-style link target: the digits of the number (and a leading +)."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        return f"tel:{digits}" if digits else ""

    def in_office_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def publication_status(self) -> str:
        """For the 24-hour clock of Art. 3(3): "on_time", "late", "pending", "overdue", or "" (no clock)."""
        if self.publish_due_at is None:
            return ""
        if self.published_at is not None:
            return "on_time" if self.published_at <= self.publish_due_at else "late"
        return "overdue" if timezone.now() > self.publish_due_at else "pending"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.role == self.Role.AUTHORIZED:
            if not self.matter.strip():
                errors["matter"] = _("Ghi rõ vụ việc được ủy quyền phát ngôn.")
            if self.valid_to is None:
                errors["valid_to"] = _("Ủy quyền phát ngôn phải có thời hạn: ghi ngày kết thúc.")
            if not self.decision_number.strip():
                errors["decision_number"] = _("Ủy quyền phát ngôn phải bằng văn bản: ghi số văn bản ủy quyền.")
            grantor = self.authorized_by if self.authorized_by_id else None
            if grantor is None:
                errors["authorized_by"] = _("Chọn người đứng đầu đã ủy quyền.")
            elif grantor.role != self.Role.HEAD:
                errors["authorized_by"] = NO_FURTHER_DELEGATION
            elif grantor.organization_id != self.organization_id:
                errors["authorized_by"] = _("Người ủy quyền phải là người đứng đầu của chính đơn vị này.")
            elif self.valid_from and not grantor.in_office_on(self.valid_from):
                errors["authorized_by"] = _("Người ủy quyền không còn giữ nhiệm vụ vào ngày bắt đầu ủy quyền.")
        elif self.authorized_by_id:
            errors["authorized_by"] = _("Chỉ người được ủy quyền phát ngôn mới có người ủy quyền.")
        if errors:
            raise ValidationError(errors)


class SpokespersonListing(models.Model):
    """The public "Người phát ngôn" page of a unit: its stable address, which the unit links from its portal.

    The slug is made once from the unit's name and never changes, so a renamed or merged unit's link
    still opens (a merged unit's page points to its successors).
    """

    organization = models.OneToOneField(
        Organization, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="spokesperson_listing"
    )
    slug = models.SlugField(_("đường dẫn"), max_length=90, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("trang người phát ngôn")
        verbose_name_plural = _("trang người phát ngôn")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("spokespersons_public:unit", args=[self.slug])
