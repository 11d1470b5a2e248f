"""Audit events and the small mixins every app shares. Nothing else lives here."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
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


class ScheduledRun(models.Model):
    """The one row per job of `phoihop.core.scheduler`: the run waiting to happen, and the last one.

    `next_run_at` is the booked run (None: nothing waits). The scheduler changes it under a row
    lock only: booking keeps the earlier of two times, and a run clears it when it claims it.
    """

    key = models.CharField(max_length=120, unique=True)
    next_run_at = models.DateTimeField(_("lần chạy kế tiếp"), null=True, blank=True)
    last_run_at = models.DateTimeField(_("lần chạy gần nhất"), null=True, blank=True)
    last_result = models.JSONField(_("kết quả lần chạy gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chạy theo lịch")
        verbose_name_plural = _("việc chạy theo lịch")

    def __str__(self) -> str:
        return self.key


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only.")

    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(
            target_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            target_id=str(obj.pk),
        )


class AuditEvent(models.Model):
    """One thing that happened, written by a service in the same transaction as the change.

    Append-only: rows are never updated or deleted through the ORM. `target_repr` keeps the
    name the object had at the time, so history stays readable after a rename or a merger.
    """

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("tên người thực hiện"), max_length=255, blank=True)
    verb = models.CharField(_("hành động"), max_length=80, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(_("đối tượng"), max_length=500)
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects: ClassVar[AuditEventQuerySet] = AuditEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("sự kiện lịch sử")
        verbose_name_plural = _("lịch sử thao tác")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.actor_repr or '-'} {self.verb} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only.")

    @property
    def verb_label(self) -> Any:
        from phoihop.core.history import verb_label

        return verb_label(self.verb)
