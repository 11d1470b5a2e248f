"""The small mixins and shared tables every app uses (audit events live in `phoihop.audit`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class Counter(models.Model):
    """A named, gap-free sequence (e.g. one per issuer and year for document numbers)."""

    key = models.CharField(max_length=120, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm số")
        verbose_name_plural = _("bộ đếm số")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class PeriodicRun(models.Model):
    """When a self-rescheduling background job runs next (the worker has no cron)."""

    key = models.CharField(max_length=120, unique=True)
    next_run_at = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("việc định kỳ")
        verbose_name_plural = _("việc định kỳ")

    def __str__(self) -> str:
        return self.key
