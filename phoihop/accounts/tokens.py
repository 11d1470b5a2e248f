"""Personal API tokens: made, listed and revoked by their owner (the account page, `phoihop api-token`),
checked on every API request.

A token reads `phx_<prefix>_<secret>`. The prefix (12 characters, random) is stored as it is, so the
row is found with one indexed lookup and the owner can tell their tokens apart; of the whole token
only its SHA-256 digest is stored, compared in constant time. The secret has 32 random bytes, so a
fast hash is enough (there is nothing to guess that a slow hash would protect).

Every use is audited without one row per request: the first use of a token on each local day
(`api_token.used`, decided by one conditional UPDATE of `last_used_at`, so concurrent requests write
it once) and every request that may change something (`api_token.write`, method and path; the
service it reaches writes its own event too). A read token's day of reads is then one row, and what
it did is in the server's access log; what a write token changed is in the audit trail event by event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import ApiToken, User
from phoihop.audit.services import audit_record
from phoihop.core import throttle
from phoihop.core.text import clean_text

TOKEN_START = "phx_"  # noqa: S105 — the tokens' visible start, not a secret
PREFIX_LENGTH = 12
MAX_TOKENS_PER_USER = 20
MAX_EXPIRY_DAYS = 3650
# Requests a token may make per minute unless PHOIHOP_API_RATE_LIMIT says otherwise.
DEFAULT_RATE_LIMIT = 120
RATE_WINDOW_SECONDS = 60


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _split(token: str) -> str | None:
    """The prefix of a well-formed token, None for anything else."""
    if not token.startswith(TOKEN_START):
        return None
    prefix, _sep, secret = token[len(TOKEN_START) :].partition("_")
    if len(prefix) != PREFIX_LENGTH or not secret:
        return None
    return prefix


def rate_limit() -> int:
    return int(getattr(settings, "PHOIHOP_API_RATE_LIMIT", DEFAULT_RATE_LIMIT))


@transaction.atomic
def api_token_create(
    *, actor: User | None, user: User, name: str, write: bool = False, expires_in_days: int | None = None
) -> tuple[ApiToken, str]:
    """Make a token for `user` and return it with its secret (shown once, never stored).

    Only the user makes their own tokens (`actor` None: the console, `phoihop api-token create`)."""
    if actor is not None and actor.pk != user.pk:
        raise PermissionDenied
    if not user.is_active:
        raise ValidationError(_("Tài khoản này đã bị khóa."))
    name = clean_text(name)
    if not name:
        raise ValidationError(_("Cần đặt tên cho mã truy cập."))
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
        raise ValidationError(
            _("Thời hạn từ 1 đến %(max)d ngày, hoặc để trống nếu không hết hạn."), params={"max": MAX_EXPIRY_DAYS}
        )
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(
            _("Mỗi người có tối đa %(n)d mã đang dùng; hãy thu hồi mã không cần nữa."),
            params={"n": MAX_TOKENS_PER_USER},
        )
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    prefix = "".join(secrets.choice(alphabet) for _i in range(PREFIX_LENGTH))
    raw = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=prefix,
        digest=_digest(raw),
        scope=ApiToken.Scope.WRITE if write else ApiToken.Scope.READ,
        expires_at=timezone.now() + dt.timedelta(days=expires_in_days) if expires_in_days else None,
    )
    audit_record(
        actor=actor or None,
        verb="api_token.created",
        target=token,
        data={"user": user.get_username(), "scope": token.scope, "expires_at": _iso(token.expires_at)},
    )
    return token, raw


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@transaction.atomic
def api_token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    """Revoke a token now; it answers 401 from the next request on. Revoking twice changes nothing.
    Only its owner (or the console, `actor` None) may."""
    if actor is not None and actor.pk != token.user_id:
        raise PermissionDenied
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    if updated:
        audit_record(actor=actor, verb="api_token.revoked", target=token, data={"user": token.user.get_username()})
    return token


def tokens_for(user: User) -> Any:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def get_token_for_user(user: User, pk: Any) -> ApiToken:
    """One of the user's own tokens; anybody else's is a 404."""
    try:
        return ApiToken.objects.get(user=user, pk=int(pk))
    except (ApiToken.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def authenticate(raw: str) -> ApiToken | None:
    """The usable token `raw` is, with its user; None for a malformed, unknown, revoked or expired token."""
    prefix = _split(raw.strip())
    if prefix is None:
        return None
    token = ApiToken.objects.usable().select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(raw.strip())):
        return None
    return token


def retry_after(token: ApiToken) -> int:
    """0 when the token may make one more request now, else the seconds to wait (counts the request)."""
    return throttle.retry_after("api-token", token.pk, limit=rate_limit(), seconds=RATE_WINDOW_SECONDS)


def record_use(token: ApiToken, *, method: str, path: str, client_ip: str = "", now: dt.datetime | None = None) -> None:
    """Note a request made with the token (see the module docstring for what is audited)."""
    now = now or timezone.now()
    start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    data = {"method": method, "path": path[:300], "ip": client_ip}
    with transaction.atomic():
        first_today = ApiToken.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=start_of_day), pk=token.pk
        ).update(last_used_at=now)
        if first_today:
            audit_record(actor=token.user, verb="api_token.used", target=token, data=data)
        elif token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
            # "Last used" to the minute, without a write on every request.
            ApiToken.objects.filter(pk=token.pk, last_used_at__lt=now - dt.timedelta(minutes=1)).update(
                last_used_at=now
            )
        if method not in {"GET", "HEAD", "OPTIONS"}:
            audit_record(actor=token.user, verb="api_token.write", target=token, data=data)
    token.last_used_at = now
