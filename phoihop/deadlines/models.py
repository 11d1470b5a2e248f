"""Deadline policies and the Vietnamese work calendar, both as data that staff edit in the admin.

The laws behind them change (Decree 09/2017 is being redrafted, the Press Law 2016 gives way to
Law 126/2025/QH15 on 01/7/2026) and the government announces each year's holiday schedule late in the
year before, so none of it is a constant in code. The arithmetic lives in `phoihop.deadlines.calendar`.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from phoihop.core.models import TimeStampedModel
from phoihop.deadlines import calendar


class Unit(models.TextChoices):
    WORKING_HOURS = calendar.WORKING_HOURS, _("giờ làm việc")
    WORKING_DAYS = calendar.WORKING_DAYS, _("ngày làm việc")
    CALENDAR_DAYS = calendar.CALENDAR_DAYS, _("ngày (theo lịch)")


class DeadlinePolicyQuerySet(models.QuerySet["DeadlinePolicy"]):
    def active(self) -> DeadlinePolicyQuerySet:
        return self.filter(is_active=True)


class DeadlinePolicy(TimeStampedModel):
    """A named time limit ("Khẩn: 24 giờ làm việc") and the legal text it rests on."""

    name = models.CharField(_("tên"), max_length=120)
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    amount = models.PositiveIntegerField(_("thời hạn"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("đơn vị tính"), max_length=16, choices=Unit.choices)
    legal_basis = models.TextField(
        _("căn cứ pháp lý"),
        blank=True,
        help_text=_("Văn bản làm căn cứ cho thời hạn này. Sửa khi văn bản thay đổi; chỉ ghi số điều khi đã kiểm tra."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    objects: ClassVar[DeadlinePolicyQuerySet] = DeadlinePolicyQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("loại thời hạn")
        verbose_name_plural = _("các loại thời hạn")
        ordering = ["sort_order", "name"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="deadline_policy_amount_positive")]

    def __str__(self) -> str:
        return f"{self.name} ({self.duration_label})"

    @property
    def duration_label(self) -> str:
        """The limit in words, e.g. "5 ngày làm việc"."""
        return f"{self.amount} {self.get_unit_display()}"

    def due_from(self, start: dt.datetime) -> dt.datetime:
        """When something started at `start` (timezone-aware) is due under this policy."""
        return calendar.due_at(start, self.amount, self.unit)


class CalendarYear(TimeStampedModel, ClusterableModel):
    """One year of the work calendar: where its schedule came from, and its exceptional days."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    source = models.TextField(
        _("nguồn"), blank=True, help_text=_("Văn bản công bố lịch nghỉ lễ, tết của năm (thông báo, quyết định).")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("lịch làm việc năm")
        verbose_name_plural = _("lịch làm việc theo năm")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("Lịch làm việc năm %(year)s") % {"year": self.year}


class CalendarDay(TimeStampedModel):
    """A day that departs from the regular week (Monday–Friday working, Saturday and Sunday off)."""

    class Kind(models.TextChoices):
        HOLIDAY = calendar.HOLIDAY, _("Ngày lễ, tết")
        DAY_OFF = calendar.DAY_OFF, _("Ngày nghỉ bù, nghỉ hoán đổi")
        MAKEUP_WORKDAY = calendar.MAKEUP_WORKDAY, _("Ngày làm bù (thứ Bảy, Chủ nhật đi làm)")

    year = ParentalKey(CalendarYear, verbose_name=_("năm"), on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại ngày"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200, help_text=_("Ví dụ: Tết Nguyên đán, nghỉ bù Quốc khánh."))

    class Meta:
        verbose_name = _("ngày đặc biệt")
        verbose_name_plural = _("ngày nghỉ lễ, nghỉ bù, làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name} ({self.get_kind_display()})"

    def clean(self) -> None:
        super().clean()
        if self.date is None:
            return
        try:
            year = self.year
        except ObjectDoesNotExist:
            year = None
        if year is not None and year.year is not None and self.date.year != year.year:
            raise ValidationError({"date": _("Ngày này không thuộc năm %(year)s.") % {"year": year.year}})
        if self.kind == self.Kind.MAKEUP_WORKDAY and self.date.weekday() < 5:
            raise ValidationError({"kind": _("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")})


class CalendarRevision(models.Model):
    """A single row whose token changes, in the same transaction, whenever a calendar row changes.

    Every process compares it with the token of the calendar it has cached, so an edit made in the
    admin reaches the web workers and the task worker at their next computation, and a rolled-back
    edit never leaves a stale calendar behind (the token rolls back with it).
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiên bản lịch làm việc")
        verbose_name_plural = _("phiên bản lịch làm việc")

    def __str__(self) -> str:
        return self.token
