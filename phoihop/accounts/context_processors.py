from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from phoihop.accounts.access import scope_for


def roles(request: HttpRequest) -> dict[str, Any]:
    """What the menu needs to know about the user, computed only when a template asks."""
    return {"is_press_user": SimpleLazyObject(lambda: scope_for(request.user).is_press)}
