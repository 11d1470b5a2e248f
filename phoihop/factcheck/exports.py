"""The newsroom's fact-checking claims as a download, with the claims tab's status filter."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from phoihop.core import tabular
from phoihop.core.tabular import Column
from phoihop.factcheck import selectors


def _verdict(claim: Any) -> str:
    verdict = getattr(claim, "verdict", None)
    label = getattr(verdict, "label", None) if verdict is not None else None
    return str(label) if label is not None else ""


def claim_columns() -> list[Column]:
    base = settings.PHOIHOP_BASE_URL.rstrip("/")
    return [
        Column(_("Số hồ sơ"), lambda c: c.reference, 16),
        Column(_("Thông tin cần kiểm chứng"), lambda c: c.title, 50),
        Column(_("Lĩnh vực"), lambda c: c.domain.name, 20),
        Column(_("Trạng thái"), lambda c: c.get_status_display(), 16),
        Column(_("Số phản ánh"), lambda c: c.n_tips, 10),
        Column(_("Xuất hiện lần đầu"), lambda c: c.first_seen_at, 18),
        Column(_("Hạn xác minh"), lambda c: c.due_at, 18),
        Column(_("Kết luận"), _verdict, 20),
        Column(_("Người/trang đăng tải"), lambda c: c.claimant_name, 26),
        Column(_("Nơi xuất hiện"), lambda c: c.appearance_url, 40),
        Column(_("Đường dẫn"), lambda c: base + c.get_absolute_url(), 40),
    ]


def claims_export(status: str, fmt: str) -> HttpResponse:
    """The claims tab's rows (press only: the caller checks) in the tab's order."""
    rows = selectors.claim_list(status=status)
    return tabular.response(fmt, claim_columns(), rows.iterator(), name="ho-so-kiem-chung", title=_("Hồ sơ kiểm chứng"))
