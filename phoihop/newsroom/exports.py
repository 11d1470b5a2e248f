"""The newsroom's assignments as a download, with the board's filters (section, person, programme)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from phoihop.accounts.models import User
from phoihop.core import tabular
from phoihop.core.tabular import Column
from phoihop.newsroom import selectors


def assignment_columns() -> list[Column]:
    base = settings.PHOIHOP_BASE_URL.rstrip("/")
    return [
        Column(_("Tên việc"), lambda a: a.title, 50),
        Column(_("Người thực hiện"), lambda a: a.assignee.get_full_name() if a.assignee else _("Chưa giao"), 26),
        Column(_("Ban / chuyên mục"), lambda a: a.section.title if a.section else "", 24),
        Column(_("Chương trình"), lambda a: a.program.title if a.program else "", 30),
        Column(_("Trạng thái"), lambda a: a.get_status_display(), 16),
        Column(_("Hạn hoàn thành"), lambda a: a.due_at, 18),
        Column(_("Quá hạn"), lambda a: a.is_overdue, 10),
        Column(_("Thông tin nguồn"), lambda a: a.submission.reference if a.submission else "", 16),
        Column(_("Đổi trạng thái lúc"), lambda a: a.status_changed_at, 18),
        Column(_("Đường dẫn"), lambda a: base + a.get_absolute_url(), 40),
    ]


def assignments_export(user: User, filters: dict[str, Any], fmt: str) -> HttpResponse:
    """Every assignment the user sees on the board's filters (not only the board's recent window),
    by due time."""
    rows = selectors.assignments(user, filters).order_by("due_at", "pk")
    return tabular.response(fmt, assignment_columns(), rows.iterator(), name="phan-cong", title=_("Phân công"))
