from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notifications(request: HttpRequest) -> dict[str, Any]:
    """`unread_notifications_count`: one COUNT query, run only when a template shows it."""

    def count() -> int:
        from phoihop.notifications.selectors import unread_count

        return unread_count(getattr(request, "user", None))

    return {"unread_notifications_count": SimpleLazyObject(count)}
