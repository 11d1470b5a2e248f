"""The request type of views behind `login_required`: their `request.user` is a `User`.

Django builds the request; this class only tells the type checker what `login_required` already
guarantees, so a view can hand `request.user` to a service that needs a real user (django-stubs'
recommended pattern).
"""

from __future__ import annotations

from django.http import HttpRequest

from phoihop.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
