"""The workspace inbox as a download: the submissions tab and the information-requests tab, each with
the rows and order the inbox shows for the same query string (same selector, same access)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from phoihop.core import tabular
from phoihop.core.tabular import Column
from phoihop.exchange import selectors


def _link(item: Any) -> str:
    return settings.PHOIHOP_BASE_URL.rstrip("/") + item.get_absolute_url()


def submission_columns() -> list[Column]:
    return [
        Column(_("Số tiếp nhận"), lambda s: s.reference, 16),
        Column(_("Tiêu đề"), lambda s: s.title, 50),
        Column(_("Đơn vị gửi"), lambda s: s.original_organization.name, 30),
        Column(_("Đơn vị hiện giữ"), lambda s: s.organization.name, 30),
        Column(_("Loại thông tin"), lambda s: s.get_kind_display(), 16),
        Column(_("Độ khẩn"), lambda s: s.get_priority_display(), 12),
        Column(_("Trạng thái"), lambda s: s.get_status_display(), 16),
        Column(_("Chương trình"), lambda s: s.program.title if s.program else "", 30),
        Column(_("Gửi lúc"), lambda s: s.created_at, 18),
        Column(_("Không đăng trước"), lambda s: s.embargo_until, 18),
        Column(_("Sự kiện diễn ra lúc"), lambda s: s.event_starts_at, 18),
        Column(_("Địa điểm sự kiện"), lambda s: s.event_location, 30),
        Column(_("Đường dẫn"), _link, 40),
    ]


def info_request_columns() -> list[Column]:
    return [
        Column(_("Số đề nghị"), lambda r: r.reference, 16),
        Column(_("Loại"), lambda r: r.get_kind_display(), 14),
        Column(_("Nội dung đề nghị"), lambda r: r.subject, 50),
        Column(_("Đơn vị được đề nghị"), lambda r: r.organization.name, 30),
        Column(_("Chương trình"), lambda r: r.program.title if r.program else "", 30),
        Column(_("Trạng thái"), lambda r: r.get_status_display(), 16),
        Column(_("Quá hạn"), lambda r: bool(getattr(r, "overdue", False)), 10),
        Column(_("Gửi lúc"), lambda r: r.sent_at, 18),
        Column(_("Hạn trả lời"), lambda r: r.due_at, 18),
        Column(_("Trả lời lúc"), lambda r: r.answered_at, 18),
        Column(_("Hạn báo thông tin kết quả"), lambda r: r.press_due_at, 18),
        Column(_("Đường dẫn"), _link, 40),
    ]


def inbox_export(user: Any, tab: str, filters: dict[str, Any], fmt: str) -> HttpResponse:
    """The inbox tab `tab` ("thong-tin" or "de-nghi") filtered by `filters`, as CSV or XLSX."""
    if tab == "de-nghi":
        rows: Any = selectors.info_request_inbox(user, filters)
        return tabular.response(
            fmt, info_request_columns(), rows.iterator(), name="de-nghi", title=_("Đề nghị cung cấp thông tin")
        )
    rows = selectors.submission_inbox(user, filters)
    return tabular.response(fmt, submission_columns(), rows.iterator(), name="thong-tin", title=_("Thông tin cung cấp"))
