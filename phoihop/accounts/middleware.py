from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from phoihop.accounts import access, two_factor


class AdminAccessMiddleware:
    """Partner users never reach the newsroom's admin: /admin/ answers 404 to them.

    Wagtail's own permission would already refuse them (they belong to no Wagtail group), but a
    404 tells an outsider nothing about what lives there, and it holds even if someone adds a
    partner user to a group by mistake.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            user = request.user
            if not user.is_superuser and not access.scope_for(user).is_press:
                raise Http404
        return self.get_response(request)


class TwoFactorMiddleware:
    """The second step of signing in, for the workspace and the Wagtail admin alike.

    After the password (either sign-in form), a person with an authenticator reaches nothing but
    the code page until a code is accepted; when `PHOIHOP_REQUIRE_2FA` is on, a person whose account
    requires a second factor and who has none reaches nothing but the setup page. Signing out and
    static files stay reachable. Placed after django-otp's OTPMiddleware (`user.is_verified()`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not _verified(user) and not self._always_open(request.path_info):
            verify, setup = reverse("accounts:two_factor_verify"), reverse("accounts:two_factor_setup")
            if two_factor.has_second_factor(user):
                if request.path_info != verify:
                    return self._redirect(request, verify)
            elif not request.path_info.startswith(setup) and two_factor.enforced_for(user):
                return self._redirect(request, setup)
        return self.get_response(request)

    @staticmethod
    def _always_open(path: str) -> bool:
        prefixes = [settings.STATIC_URL or "/static/", reverse("accounts:logout"), "/admin/logout/", "/i18n/"]
        return path.startswith(tuple(prefixes))

    @staticmethod
    def _redirect(request: HttpRequest, to: str) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.get_full_path() != "/":
            to += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(to)


def _verified(user: object) -> bool:
    """django-otp's `user.is_verified()`: this session passed a second factor."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False
