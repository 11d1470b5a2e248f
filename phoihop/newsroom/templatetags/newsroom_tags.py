from typing import Any

from django import template
from django.db import connection
from django.utils.safestring import SafeString

from phoihop.newsroom.models import Correction
from phoihop.portal.sql import aware

register = template.Library()


@register.simple_tag(takes_context=True)
def article_corrections(context: template.Context, page: Any) -> SafeString:
    """The article's corrections, oldest first, under the heading "Thông tin cải chính".

    Also the portal article page's "article_after_body" slot (`phoihop.portal.extensions`, registered
    in `NewsroomConfig.ready`). Read with a plain query: it runs for every article page rendered
    (nearly always finding none).
    """
    table = connection.ops.quote_name(Correction._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT text, corrected_at FROM {table} WHERE article_id = %s ORDER BY corrected_at, id",  # noqa: S608
            [page.pk],
        )
        rows = cursor.fetchall()
    corrections = [{"text": text, "corrected_at": aware(at)} for text, at in rows]
    # Rendered the way an inclusion tag renders its template: same engine, the page's settings.
    engine = context.template.engine if context.template is not None else template.Engine.get_default()
    partial = engine.get_template("newsroom/_corrections.html")
    return partial.render(context.new({"corrections": corrections}))
