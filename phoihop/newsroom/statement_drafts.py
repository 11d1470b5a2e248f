"""A draft article from a statement or press release on an event (exchange's `register_drafter` hook).

Registered from `NewsroomConfig.ready`, because the newsroom sits above the exchange. The draft goes
under the first live category (the editor moves it if another fits), with the statement's text as
paragraphs and the unit named in the sapo; the editor who made it owns it and takes it through the
approval workflow like any other draft. The statement's files stay in the exchange (not copied).
"""

from __future__ import annotations

import html
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from phoihop.accounts.models import User
from phoihop.newsroom.services import _unique_slug
from phoihop.portal import services as portal_services
from phoihop.portal.models import CategoryPage


def draft_from_statement(actor: User, statement: Any) -> Any:
    category = CategoryPage.objects.live().order_by("path").first()
    if category is None:
        raise ValidationError(_("Chưa có chuyên mục để tạo bài viết."))
    paragraphs = [line.strip() for line in statement.body.split("\n") if line.strip()]
    sapo = _("%(org)s %(kind)s về %(event)s.") % {
        "org": statement.event.organization.name,
        "kind": statement.get_kind_display().lower(),
        "event": statement.event.title,
    }
    return portal_services.article_create(
        actor=actor,
        category=category,
        title=statement.title,
        sapo=sapo,
        body=[("paragraph", RichText(f"<p>{html.escape(text)}</p>")) for text in paragraphs],
        slug=_unique_slug(category, statement.title),
        publish=False,
    )
