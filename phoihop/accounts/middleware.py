from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from phoihop.accounts import access


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
