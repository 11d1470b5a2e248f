from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The category menu, queried only when a template actually shows it (once per request)."""

    def categories() -> list[Any]:
        from phoihop.portal.selectors import site_categories

        return site_categories(request)

    return {"nav_categories": SimpleLazyObject(categories)}
