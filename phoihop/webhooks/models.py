"""A unit's webhook endpoints and every delivery made to them (the delivery log)."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.validators import HttpURLField


def new_secret() -> str:
    """The endpoint's signing key: 32 random bytes, URL-safe text (`whsec_…`)."""
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """An address of a unit's own software that is told of the unit's events, signed with `secret`.

    The secret is kept as given (HMAC needs it to sign), shown once to whoever created the endpoint,
    and never again; a unit that lost it makes a new endpoint and stops the old one.
    """

    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    url = HttpURLField(_("địa chỉ nhận"), max_length=500)
    description = models.CharField(_("mô tả"), max_length=200, blank=True)
    secret = models.CharField(_("khóa ký"), max_length=100, default=new_secret, editable=False)
    events = models.JSONField(_("sự kiện"), default=list)
    active = models.BooleanField(_("đang dùng"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    deactivated_at = models.DateTimeField(_("ngừng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("địa chỉ nhận webhook")
        verbose_name_plural = _("địa chỉ nhận webhook")
        ordering = ["-active", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.url

    @property
    def secret_hint(self) -> str:
        """The last four characters, to tell endpoints apart without showing the key."""
        return "…" + self.secret[-4:]


class WebhookDelivery(models.Model):
    """One event sent (or to be sent) to one endpoint; a replay is a new delivery of the same event."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        DELIVERED = "delivered", _("Đã nhận")
        FAILED = "failed", _("Thất bại")

    uid = models.UUIDField(_("mã lần gửi"), default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("địa chỉ nhận"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("sự kiện"), max_length=40)
    event_id = models.UUIDField(_("mã sự kiện"), db_index=True)
    payload = models.JSONField(_("nội dung"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi tiếp lúc"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("gửi gần nhất lúc"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("mã trả về"), null=True, blank=True)
    last_error = models.CharField(_("lỗi"), max_length=500, blank=True)
    delivered_at = models.DateTimeField(_("nhận lúc"), null=True, blank=True)
    replay_of = models.ForeignKey(
        "self", verbose_name=_("gửi lại của"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần gửi webhook")
        verbose_name_plural = _("nhật ký gửi webhook")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhooks_due_idx")]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.status})"
