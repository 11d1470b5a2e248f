from typing import Any

from django import template

from phoihop.newsroom.models import Correction

register = template.Library()


@register.inclusion_tag("newsroom/_corrections.html")
def article_corrections(page: Any) -> dict[str, Any]:
    """The article's corrections, oldest first, under the heading "Thông tin cải chính"."""
    return {"corrections": list(Correction.objects.filter(article_id=page.pk))}
