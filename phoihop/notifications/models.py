"""In-app notifications, each person's choice of e-mail, and the delivery log.

The log (`Delivery`) answers "who was told what, when, by which channel": one row per channel a
notification went out on (in-app, an immediate e-mail, a line in a daily digest), and one row per
message sent to an address without an account (`notify_emails`). E-mail rows start `queued` inside
the caller's transaction, so a notification whose mail could not be sent is never lost: the row
stays queued or failed until a retry sends it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A failed e-mail is tried at most this many times in all (the first send included).
MAX_ATTEMPTS = 3


def default_digest_hour() -> int:
    return int(getattr(settings, "PHOIHOP_DIGEST_HOUR", 7))


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: Any) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def inbox_order(self) -> NotificationQuerySet:
        """Unread first, then the newest."""
        return self.alias(
            is_unread=models.ExpressionWrapper(Q(read_at__isnull=True), output_field=models.BooleanField())
        ).order_by("-is_unread", "-created_at", "-id")


class Notification(models.Model):
    """One thing one person was told, shown in their inbox at /thong-bao/."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField(_("loại sự kiện"), max_length=80)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(_("đối tượng"), max_length=500, blank=True)
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    objects: ClassVar[NotificationQuerySet] = NotificationQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_recent_idx"),
            # The badge in the header counts these on every page.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_recipient_unread_idx"),
            models.Index(fields=["target_type", "target_id"], name="notif_target_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """How one person wants e-mail: each notification at once, one digest a day, or none.

    People without a row get the default (immediate). `last_digest_at` is when their last digest
    was claimed; the next one is due at the first `digest_hour` after it.
    """

    class EmailMode(models.TextChoices):
        IMMEDIATE = "immediate", _("Gửi ngay từng thông báo")
        DIGEST = "digest", _("Gửi một thư tóm tắt mỗi ngày")
        OFF = "off", _("Không gửi thư điện tử (chỉ xem trên hệ thống)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_mode = models.CharField(
        _("nhận thư điện tử"), max_length=16, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("giờ gửi thư tóm tắt"), default=default_digest_hour, validators=[MaxValueValidator(23)]
    )
    last_digest_at = models.DateTimeField(_("thư tóm tắt gần nhất"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cài đặt thông báo")
        verbose_name_plural = _("cài đặt thông báo")
        constraints = [
            models.CheckConstraint(condition=Q(digest_hour__lte=23), name="notif_pref_digest_hour_range"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_email_mode_display()}"


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def for_user(self, user: Any) -> DeliveryQuerySet:
        return self.filter(recipient=user)

    def for_address(self, address: str) -> DeliveryQuerySet:
        return self.filter(address__iexact=address.strip())

    def for_target(self, target: models.Model) -> DeliveryQuerySet:
        return self.filter(
            notification__target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
            notification__target_id=str(target.pk),
        )

    def retryable(self) -> DeliveryQuerySet:
        return self.filter(status__in=[Delivery.Status.QUEUED, Delivery.Status.FAILED], attempts__lt=MAX_ATTEMPTS)


class Delivery(models.Model):
    """One notification (or one message to an address) going out on one channel."""

    class Channel(models.TextChoices):
        IN_APP = "in_app", _("Trên hệ thống")
        EMAIL = "email", _("Thư điện tử")
        DIGEST = "digest", _("Thư tóm tắt hằng ngày")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")
        SKIPPED = "skipped", _("Không gửi")

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("thông báo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.EmailField(_("địa chỉ"), blank=True)
    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    # Only for messages to an address without an account: what to (re)send. Notification
    # e-mails are rendered from the notification itself.
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    last_attempt_at = models.DateTimeField(_("lần gửi gần nhất"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    objects: ClassVar[DeliveryQuerySet] = DeliveryQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("lượt gửi thông báo")
        verbose_name_plural = _("nhật ký gửi thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="delivery_recipient_idx"),
            models.Index(fields=["address", "-created_at"], name="delivery_address_idx"),
            models.Index(fields=["channel", "status", "created_at"], name="delivery_queue_idx"),
            models.Index(fields=["-created_at"], name="delivery_recent_idx"),
        ]

    def __str__(self) -> str:
        who = self.address or str(self.recipient or "")
        return f"{self.get_channel_display()} → {who}: {self.subject} ({self.get_status_display()})"
