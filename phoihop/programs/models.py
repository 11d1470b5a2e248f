"""The signed coordination programme: parties, period, signatories, themes.

The foundation keeps the facts the demo story needs; the programmes issue adds commitments,
targets per period, focal contacts and the status workflow on top of these tables.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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


class Spokesperson(models.Model):
    """A partner unit's designated spokesperson (Decree 09/2017): published contact details."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="spokespersons"
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=300)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    appointed_by = models.CharField(_("quyết định giao nhiệm vụ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("người phát ngôn")
        verbose_name_plural = _("người phát ngôn")
        ordering = ["organization__name", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="spokesperson_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.title}"
