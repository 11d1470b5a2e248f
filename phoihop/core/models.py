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


class WorkerHeartbeat(models.Model):
    """One row per running worker process (`phoihop db_worker`), renewed every few seconds.

    `/healthz` reports the worker stale when the newest beat is older than
    `PHOIHOP_WORKER_STALE_SECONDS`; a starting worker puts back the tasks a dead one left running
    (`phoihop.core.worker`). A worker that stops cleanly deletes its row.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(_("khởi động lúc"))
    beat_at = models.DateTimeField(_("nhịp gần nhất"), db_index=True)

    class Meta:
        verbose_name = _("nhịp tiến trình nền")
        verbose_name_plural = _("nhịp tiến trình nền")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


def _staged_upload_storage():  # type: ignore[no-untyped-def]
    from phoihop.core.storage import private_storage

    return private_storage()


class StagedUpload(models.Model):
    """A file a person chose on a form that failed validation, kept so they need not choose it again
    (`phoihop.core.staged_uploads`). Bound to a hash of the browser session, never served, deleted
    when the form is finally sent, when dropped, or by the periodic sweep once `expires_at` passes."""

    owner_key = models.CharField(max_length=64, db_index=True)
    field = models.CharField(max_length=100)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100, blank=True)
    file = models.FileField(upload_to="staged/%Y/%m", storage=_staged_upload_storage, max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("tệp giữ lại tạm thời")
        verbose_name_plural = _("tệp giữ lại tạm thời")

    def __str__(self) -> str:
        return self.original_name
