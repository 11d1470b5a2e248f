"""Two-factor sign-in (django-otp): who needs it, and the writes that set it up or use it.

A person's second factor is one TOTP device (an authenticator app, `otp_totp`) and one static
device holding ten single-use recovery codes (`otp_static`). The password step is Django's or
Wagtail's sign-in form as before; `middleware.TwoFactorMiddleware` then sends a person who has a
device to the code page (`views.two_factor_verify`) before anything else, and — when
`PHOIHOP_REQUIRE_2FA` is on — a person who must have one and has none to the setup page.

Who must (`required_for`): superusers, the press's leaders (`roles.TWO_FACTOR_REQUIRED_ROLES`) and
anyone holding a permission to administer users, organizations, memberships or groups
(`ADMIN_PERMISSIONS`). Everyone else may turn it on from "Tài khoản của tôi".

The writes live here rather than in `services.py` because they concern only the person's own
sign-in; they follow the same rules (keyword-only, atomic, audited).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import User
from phoihop.accounts.roles import TWO_FACTOR_REQUIRED_ROLES
from phoihop.audit.services import audit_record

RECOVERY_CODES = 10
# Permissions that let their holder give people access: the users, units, memberships and groups.
ADMIN_PERMISSIONS = tuple(
    f"{app}.{action}_{model}"
    for app, model in (
        ("accounts", "user"),
        ("accounts", "organization"),
        ("accounts", "membership"),
        ("auth", "group"),
    )
    for action in ("add", "change", "delete")
)


def required_for(user: Any) -> bool:
    """Whether `user`'s account is one that must sign in with a second factor (the setting aside)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or scope_for(user).press_roles & TWO_FACTOR_REQUIRED_ROLES:
        return True
    return any(user.has_perm(permission) for permission in ADMIN_PERMISSIONS)


def enforced_for(user: Any) -> bool:
    """Whether `user` is sent to set up a second factor before anything else."""
    return bool(getattr(settings, "PHOIHOP_REQUIRE_2FA", True)) and required_for(user)


def authenticator(user: Any) -> TOTPDevice | None:
    """The confirmed authenticator app of `user`, if any (one query)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalize_code(token: str) -> str:
    """Codes as people type them: spaces and dashes dropped, letters in lower case."""
    return "".join(ch for ch in (token or "") if ch.isalnum()).lower()


# --- writes ---------------------------------------------------------------------------------


@transaction.atomic
def authenticator_begin(*, user: User) -> TOTPDevice:
    """The authenticator `user` is adding: the waiting (unconfirmed) one, or a new secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    return device


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Mã khôi phục"), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def authenticator_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """`user` typed a code from the app being added: it becomes their authenticator (replacing any
    earlier one) and ten new recovery codes replace the old ones. Returns the codes, to be shown once."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    if not device.verify_token(normalize_code(token)):
        raise ValidationError(_("Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực."))
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    audit_record(actor=user, verb="account.two_factor_enabled", target=user)
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Ten new recovery codes for `user` (the old ones stop working). Needs an authenticator."""
    if not has_second_factor(user):
        raise PermissionDenied
    codes = _new_recovery_codes(user)
    audit_record(actor=user, verb="account.recovery_codes_renewed", target=user)
    return codes


@transaction.atomic
def two_factor_remove(*, actor: User | None, user: User) -> None:
    """Remove `user`'s second factor. The person themself may, unless their account requires one;
    the system (actor None: `phoihop two_factor_reset`, for a lost phone) always may."""
    if actor is not None and (actor.pk != user.pk or enforced_for(user)):
        raise PermissionDenied
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, verb="account.two_factor_removed", target=user)


def second_factor_check(*, user: User, token: str) -> TOTPDevice | StaticDevice:
    """The device that accepts `token` for `user`: a code from the app (digits) or a recovery code,
    which is used up. A wrong code raises ValidationError; after wrong codes each device refuses
    every code for a while, doubling each time (django-otp's throttling)."""
    token = normalize_code(token)
    devices: list[Any] = list(
        TOTPDevice.objects.filter(user=user, confirmed=True)
        if token.isdigit()
        else StaticDevice.objects.filter(user=user, confirmed=True)
    )
    for device in devices:
        if not device.verify_is_allowed()[0]:
            raise ValidationError(_("Bạn đã nhập sai nhiều lần. Hãy đợi một lát rồi thử lại."))
        verified = verify_token(user, device.persistent_id, token) if token else None
        if verified is not None:
            if isinstance(verified, StaticDevice):
                audit_record(
                    actor=user,
                    verb="account.recovery_code_used",
                    target=user,
                    data={"left": recovery_codes_left(user)},
                )
            return verified
    raise ValidationError(_("Mã không đúng. Hãy nhập mã trong ứng dụng xác thực, hoặc một mã khôi phục chưa dùng."))
