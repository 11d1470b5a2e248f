"""`phoihop exchange-reindex`: rebuild the exchange's rows of the workspace search index.

Needed after restoring a database without its index, after a change to the folding rules in vntext,
and once after upgrading to the release that indexes attachments as their own rows. Each item is
replaced in its own transaction, so it is safe while people work.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from phoihop.exchange.services import workspace_reindex_all


class Command(BaseCommand):
    help = _("Dựng lại chỉ mục tìm kiếm của thông tin, đề nghị và tệp đính kèm.")

    def handle(self, *args: Any, **options: Any) -> None:
        count = workspace_reindex_all()
        self.stdout.write(_("Đã lập chỉ mục %(count)d mục phối hợp.") % {"count": count})
