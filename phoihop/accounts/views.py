from __future__ import annotations

import base64
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from phoihop.accounts import access, calendar_feeds, selectors, tokens, two_factor
from phoihop.accounts.forms import ApiTokenForm, AuthenticatorConfirmForm, CodeForm
from phoihop.accounts.http import AuthenticatedHttpRequest

RECOVERY_SESSION_KEY = "phoihop_recovery_codes"
NEW_TOKEN_SESSION_KEY = "phoihop_new_api_token"  # noqa: S105 — a session key, not a secret
NEW_CALENDAR_SESSION_KEY = "phoihop_new_calendar_feed"


@login_required
def my_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    # A new calendar secret is in the session for exactly one page view (only its digest is stored).
    secret = request.session.pop(NEW_CALENDAR_SESSION_KEY, "")
    base = settings.PHOIHOP_BASE_URL.rstrip("/")
    context = {
        "memberships": selectors.memberships_for(request.user),
        "two_factor_on": two_factor.has_second_factor(request.user),
        "two_factor_required": two_factor.required_for(request.user),
        "calendar_feed": calendar_feeds.calendar_feed_for(request.user),
        "calendar_deadlines_url": base + reverse("ical:deadlines", args=[secret]) if secret else "",
        "calendar_planning_url": (
            base + reverse("ical:planning", args=[secret]) if secret and access.scope_for(request.user).is_press else ""
        ),
    }
    return render(request, "accounts/me.html", context)


@login_required
@require_POST
def calendar_feed_renew(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make the person's private calendar address, or replace it (the old one stops working)."""
    _feed, secret = calendar_feeds.calendar_feed_renew(actor=request.user)
    request.session[NEW_CALENDAR_SESSION_KEY] = secret
    messages.success(request, _("Đã tạo địa chỉ lịch mới. Địa chỉ cũ (nếu có) không còn dùng được."))
    return redirect(reverse("accounts:me") + "#lich")


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = access.get_organization_for_user(request.user, pk)
    successions = selectors.organization_successions(organization)
    related = {organization.parent_id}
    related |= {s.successor_id for s in successions["successors"]} | {
        s.predecessor_id for s in successions["predecessors"]
    }
    scope = access.scope_for(request.user)
    context = {
        "organization": organization,
        # A unit the user may not open (the parent of their own, a successor) is named, not linked.
        "visible_ids": {org_id for org_id in related if scope.can_see(org_id)},
        "children": selectors.organization_children(request.user, organization),
        "members": selectors.organization_members(organization),
        **successions,
    }
    return render(request, "accounts/organization_detail.html", context)


def _next_url(request: HttpRequest, default: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=False):
        return wanted
    return default


@never_cache
@login_required
def two_factor_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    next_url = _next_url(request, "/")
    if not two_factor.has_second_factor(request.user):
        return HttpResponseRedirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.second_factor_check(user=request.user, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.cycle_key()
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    _("Bạn vừa dùng một mã khôi phục; còn %(left)s mã. Hãy tạo bộ mã mới nếu sắp hết.")
                    % {"left": left},
                )
            return HttpResponseRedirect(next_url)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


def _qr_svg(config_url: str) -> str:
    return str(segno.make(config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff", title=_("Mã QR")))


@never_cache
@login_required
def two_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Turn on two-factor sign-in (scan, confirm a code, get the recovery codes), or manage it:
    new recovery codes, another phone, or turning it off where the account does not require it."""
    user = request.user
    active = two_factor.authenticator(user)
    next_url = _next_url(request, reverse("accounts:me"))
    action = request.POST.get("action", "confirm") if request.method == "POST" else ""
    if action == "renew":
        request.session[RECOVERY_SESSION_KEY] = two_factor.recovery_codes_renew(user=user)
        return redirect("accounts:two_factor_codes")
    if action == "remove":
        try:
            two_factor.two_factor_remove(actor=user, user=user)
        except PermissionDenied:
            messages.error(request, _("Tài khoản của bạn bắt buộc dùng xác thực hai bước."))
        else:
            messages.success(request, _("Đã tắt xác thực hai bước."))
        return redirect("accounts:me")
    if active is not None and not action and request.GET.get("doi") != "1":
        context = {
            "active": active,
            "codes_left": two_factor.recovery_codes_left(user),
            "can_remove": not two_factor.enforced_for(user),
        }
        return render(request, "accounts/two_factor_manage.html", context)
    device = two_factor.authenticator_begin(user=user)
    form = AuthenticatorConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.authenticator_confirm(user=user, device=device, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.cycle_key()
            otp_login(request, device)
            request.session[RECOVERY_SESSION_KEY] = codes
            return HttpResponseRedirect(reverse("accounts:two_factor_codes") + "?" + urlencode({"next": next_url}))
    context = {
        "form": form,
        "qr": _qr_svg(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
        "replacing": active is not None,
        "required": two_factor.enforced_for(user),
        "next": next_url,
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@login_required
def two_factor_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The new recovery codes, shown once (they are taken out of the session as they are shown)."""
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    context = {
        "codes": codes,
        "codes_left": two_factor.recovery_codes_left(request.user),
        "next": _next_url(request, reverse("accounts:me")),
    }
    return render(request, "accounts/two_factor_codes.html", context)


@never_cache
@login_required
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's API tokens: make one (shown once, on the page after), or revoke one."""
    user = request.user
    form = ApiTokenForm(request.POST if request.POST.get("action") == "create" else None)
    if request.method == "POST" and request.POST.get("action") == "revoke":
        token = tokens.get_token_for_user(user, request.POST.get("token"))
        tokens.api_token_revoke(actor=user, token=token)
        messages.success(request, _("Đã thu hồi mã “%(name)s”.") % {"name": token.name})
        return redirect("accounts:api_tokens")
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = tokens.api_token_create(
                actor=user,
                user=user,
                name=form.cleaned_data["name"],
                write=form.cleaned_data["write"],
                expires_in_days=form.cleaned_data["expires_in_days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = {"id": token.pk, "raw": raw}
            return redirect("accounts:api_tokens")
    # The new token's secret is in the session for exactly one page view.
    new = request.session.pop(NEW_TOKEN_SESSION_KEY, None)
    context = {
        "form": form,
        "tokens": tokens.tokens_for(user),
        "new_token": new["raw"] if new else "",
        "new_token_id": new["id"] if new else None,
        "api_docs": reverse("api-v1:openapi-view"),
        "rate_limit": tokens.rate_limit(),
    }
    return render(request, "accounts/api_tokens.html", context)


class AdminLogoutView(WagtailLogoutView):
    """Wagtail's sign-out, POST only. Wagtail's own view deletes the session cookie before it looks
    at the method, so a GET (any page's <img src="/admin/logout/">) signed editors out while
    answering 405."""

    http_method_names = ["post", "options"]

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method is None or request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: the page a refused sign-in gets (429), the same for every login,
    existing or not."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)) if settings.AXES_COOLOFF_TIME else 0
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
