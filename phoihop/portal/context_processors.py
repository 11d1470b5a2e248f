from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The category menu, queried only when a template actually shows it."""

    def categories() -> list[Any]:
        from phoihop.portal.models import CategoryPage

        return list(CategoryPage.objects.live().order_by("path"))

    return {"nav_categories": SimpleLazyObject(categories)}
