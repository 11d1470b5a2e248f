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

from phoihop.accounts.models import Organization
from phoihop.core.models import TimeStampedModel


class ProgramQuerySet(models.QuerySet["Program"]):
    def with_party(self, organization_ids: frozenset[int] | set[int]) -> ProgramQuerySet:
        return self.filter(parties__organization_id__in=organization_ids).distinct()


class Program(TimeStampedModel):
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
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="parties")
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
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="signatories")
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


class Theme(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("nội dung tuyên truyền"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nội dung tuyên truyền")
        verbose_name_plural = _("nội dung tuyên truyền")
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["program", "title"], name="theme_unique_title")]

    def __str__(self) -> str:
        return self.title
