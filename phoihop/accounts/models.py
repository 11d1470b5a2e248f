"""Organizations (the press agency and its partner units), their succession, and memberships."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.roles import PARTNER_ROLES, PRESS_ROLES, Role
from phoihop.core.models import TimeStampedModel
from phoihop.core.validators import HttpURLField


class User(AbstractUser):
    """A person who logs in. Vietnamese names read family name first: "Lê Thị Bích Ngọc".

    `last_name` holds the family and middle names, `first_name` the given name, so sorting by
    given name (the Vietnamese convention) works on the columns Django already has.
    """

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")  # type: ignore[assignment]
        verbose_name_plural = _("người dùng")  # type: ignore[assignment]
        swappable = "AUTH_USER_MODEL"

    def get_full_name(self) -> str:
        return f"{self.last_name} {self.first_name}".strip()

    def __str__(self) -> str:
        return self.get_full_name() or self.get_username()


class OrganizationLevel(models.Model):
    """An administrative level as data (province, commune, ward, special zone, historical district…).

    Editable in the admin: the 2025 reform removed districts, and the list will change again.
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên cấp"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_historical = models.BooleanField(
        _("cấp lịch sử"), default=False, help_text=_("Cấp không còn tồn tại, ví dụ huyện sau 01/7/2025.")
    )

    class Meta:
        verbose_name = _("cấp đơn vị")
        verbose_name_plural = _("các cấp đơn vị")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def press(self) -> OrganizationQuerySet:
        return self.filter(kind=Organization.Kind.PRESS)

    def partners(self) -> OrganizationQuerySet:
        return self.filter(kind=Organization.Kind.PARTNER)

    def active(self) -> OrganizationQuerySet:
        return self.filter(status=Organization.Status.ACTIVE)


class Organization(TimeStampedModel):
    class Kind(models.TextChoices):
        PRESS = "press", _("Cơ quan báo chí")
        PARTNER = "partner", _("Đơn vị phối hợp")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang hoạt động")
        MERGED = "merged", _("Đã sáp nhập")
        DISSOLVED = "dissolved", _("Đã giải thể")

    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    level = models.ForeignKey(OrganizationLevel, verbose_name=_("cấp"), null=True, blank=True, on_delete=models.PROTECT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    ended_on = models.DateField(_("ngày kết thúc hoạt động"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    website = HttpURLField(_("trang thông tin điện tử"), blank=True)

    objects: ClassVar[OrganizationQuerySet] = OrganizationQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="org_not_own_parent"),
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True) | ~Q(status="active"),
                name="org_active_has_no_end",
            ),
        ]

    def __str__(self) -> str:
        if self.status == self.Status.ACTIVE:
            return self.name
        return f"{self.name} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("accounts:organization", args=[self.pk])

    def clean(self) -> None:
        if self.parent is not None and self._would_loop_under(self.parent):
            raise ValidationError({"parent": _("Đơn vị cấp trên không được là chính nó hoặc đơn vị cấp dưới.")})
        if self.parent is not None and self.parent.kind != self.kind:
            raise ValidationError({"parent": _("Đơn vị cấp trên phải cùng loại.")})

    def _would_loop_under(self, parent: Organization) -> bool:
        """Whether `parent` is this unit or one of its sub-units, so that it cannot be its parent."""
        if parent.pk == self.pk:
            return True
        if self.pk is None:  # a unit being created has no sub-units yet
            return False
        # The tree module reads this model, so it is imported here rather than at the top.
        from phoihop.accounts.tree import OrganizationTree

        return OrganizationTree.load().is_within(parent.pk, self.pk)


class OrganizationSuccession(models.Model):
    """`predecessor` was merged into `successor` on `effective_on` (one unit may have several successors)."""

    predecessor = models.ForeignKey(
        Organization, verbose_name=_("đơn vị cũ"), on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        Organization, verbose_name=_("đơn vị kế thừa"), on_delete=models.PROTECT, related_name="predecessions"
    )
    effective_on = models.DateField(_("ngày có hiệu lực"))
    legal_basis = models.CharField(_("căn cứ"), max_length=500, blank=True)
    is_primary = models.BooleanField(
        _("kế thừa chính"), default=False, help_text=_("Đơn vị nhận các việc đang mở của đơn vị cũ.")
    )

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.name} → {self.successor.name} ({self.effective_on:%d/%m/%Y})"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True)


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    title = models.CharField(_("chức danh"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)

    objects: ClassVar[MembershipQuerySet] = MembershipQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_one_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organization.name}"

    def clean(self) -> None:
        if not self.organization_id or not self.role:
            return
        allowed = PRESS_ROLES if self.organization.kind == Organization.Kind.PRESS else PARTNER_ROLES
        if self.role not in allowed:
            raise ValidationError({"role": _("Vai trò này không dùng cho loại đơn vị đã chọn.")})


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        """Not revoked and not expired, of an active user."""
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )


class ApiToken(models.Model):
    """A personal token for the JSON API (`Authorization: Bearer <token>`), acting as its owner.

    Only the token's SHA-256 digest is stored, never the secret: the token is shown once when it is
    made. `prefix` (the visible start of the token) finds the row; the digest proves the rest.
    A read token reads what its owner may read; a write token may also create and answer.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Chỉ đọc")
        WRITE = "write", _("Đọc và ghi")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên mã"), max_length=100)
    prefix = models.CharField(_("tiền tố"), max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    scope = models.CharField(_("quyền"), max_length=8, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    objects: ClassVar[ApiTokenQuerySet] = ApiTokenQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["read", "write"]), name="apitoken_scope_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    @property
    def is_usable(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()


class CalendarFeed(models.Model):
    """A person's private calendar address (iCal), which a phone calendar subscribes to.

    Only the SHA-256 digest of the secret in the address is stored: the full address is shown once,
    right after it is made. Making a new one replaces the row, so the old address stops working (404).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(_("mã băm"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("địa chỉ lịch riêng")
        verbose_name_plural = _("địa chỉ lịch riêng")

    def __str__(self) -> str:
        return f"{self.user} ({timezone.localtime(self.created_at):%d/%m/%Y %H:%M})"
