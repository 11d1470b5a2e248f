from typing import Any

from django import template
from django.db import connection

from phoihop.newsroom.models import Correction
from phoihop.portal.sql import aware

register = template.Library()


@register.inclusion_tag("newsroom/_corrections.html")
def article_corrections(page: Any) -> dict[str, Any]:
    """The article's corrections, oldest first, under the heading "Thông tin cải chính".

    Read with a plain query: it runs for every article page rendered (nearly always finding none).
    """
    table = connection.ops.quote_name(Correction._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT text, corrected_at FROM {table} WHERE article_id = %s ORDER BY corrected_at, id",  # noqa: S608
            [page.pk],
        )
        rows = cursor.fetchall()
    return {"corrections": [{"text": text, "corrected_at": aware(at)} for text, at in rows]}
