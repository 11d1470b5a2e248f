"""Every e-mail that came in, kept with its raw bytes, and what became of it.

One row per message (its Message-ID, or a hash of its bytes when it has none, is unique: the same
message delivered twice, by the pipe and by IMAP, or by two workers at once, is ingested once). A
message nobody vouches for waits in the quarantine (`status=quarantined`) until the triage desk
releases it as a submission of a unit or rejects it: nothing is dropped, nothing accepted on its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.storage import private_storage


class InboundMailQuerySet(models.QuerySet["InboundMail"]):
    def quarantined(self) -> InboundMailQuerySet:
        return self.filter(status=InboundMail.Status.QUARANTINED)


class InboundMail(models.Model):
    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Đã thành thông tin gửi tòa soạn")
        REPLY = "reply", _("Đã thành tin nhắn trao đổi")
        QUARANTINED = "quarantined", _("Đang chờ kiểm tra")
        RELEASED = "released", _("Đã duyệt thành thông tin")
        REJECTED = "rejected", _("Đã loại")

    class Reason(models.TextChoices):
        NONE = "", _("—")
        UNKNOWN_SENDER = "unknown_sender", _("Người gửi không phải thành viên có địa chỉ đã xác minh")
        AUTH_FAILED = "auth_failed", _("Máy chủ thư báo kiểm tra DMARC/SPF/DKIM thất bại")
        BAD_TOKEN = "bad_token", _("Địa chỉ trả lời có chữ ký không hợp lệ")
        NOT_ALLOWED = "not_allowed", _("Người gửi không có quyền gửi cho đơn vị hoặc luồng trao đổi này")
        INVALID = "invalid", _("Nội dung hoặc tệp đính kèm không hợp lệ")
        AMBIGUOUS = "ambiguous", _("Người gửi thuộc nhiều đơn vị")

    class Source(models.TextChoices):
        PIPE = "pipe", _("Máy chủ thư chuyển đến (pipe)")
        IMAP = "imap", _("Hộp thư IMAP")

    message_id = models.CharField(_("Message-ID"), max_length=255)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices)
    reason = models.CharField(_("lý do giữ lại"), max_length=20, choices=Reason.choices, blank=True)
    detail = models.TextField(_("chi tiết"), blank=True)
    sender = models.CharField(_("địa chỉ người gửi"), max_length=320, blank=True)
    sender_name = models.CharField(_("tên người gửi"), max_length=255, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    attachment_names = models.JSONField(_("tệp đính kèm"), default=list, blank=True)
    raw = models.FileField(_("thư gốc"), upload_to="ingest/%Y/%m/", storage=private_storage, max_length=300)
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    submission = models.ForeignKey(
        "exchange.Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread_message = models.ForeignKey(
        "exchange.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ghi chú xử lý"), blank=True)

    objects = InboundMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("thư đến")
        verbose_name_plural = _("thư đến")
        ordering = ["-received_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["message_id"], name="ingest_mail_unique_message_id")]
        indexes = [models.Index(fields=["status", "-received_at"], name="ingest_mail_status_idx")]

    def __str__(self) -> str:
        return f"{self.subject or self.message_id} — {self.sender}"

    def get_absolute_url(self) -> str:
        return reverse("ingest:detail", args=[self.pk])
